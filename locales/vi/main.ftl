# Giao diện tiếng Việt (ngôn ngữ gốc). Mọi chuỗi hiển thị đều ở đây; các ngôn ngữ khác thiếu
# chuỗi nào thì hiện chuỗi tiếng Việt.
ui-translation-status = source

site-name = Học vụ số
site-tagline = Bình dân học vụ số Đắk Lắk
skip-to-content = Đến nội dung chính
nav-home = Trang chủ

catalogue-title = Các khoá học
catalogue-intro = Học kỹ năng số từng bước, ngay trên điện thoại của bạn.
audience-citizen = Cho người dân
audience-civil-servant = Cho cán bộ, công chức, viên chức
audience-leader = Cho lãnh đạo
course-lessons = { $count } bài
course-minutes = khoảng { $minutes } phút
course-start = Bắt đầu học
course-lesson-list = Các bài học
course-not-in-language = Khoá học này chưa có bản dịch, đang hiện tiếng Việt.

lesson-position = Bài { $number } / { $total }
lesson-minutes = { $minutes } phút
lesson-prev = Bài trước
lesson-next = Bài tiếp theo
lesson-back-to-course = Về trang khoá học
lesson-finished-course = Bạn đã đọc hết các bài của khoá học.

notice-draft = Bản dịch nháp, chưa được người thạo tiếng duyệt lại.
notice-stale = Bài tiếng Việt vừa được sửa; bản dịch này có thể chưa cập nhật.
notice-fallback = Bài này chưa có bản dịch. Đang hiện bản tiếng Việt.
notice-quiz-fallback = Câu hỏi đang hiện bằng tiếng Việt.
notice-ui-draft = Giao diện bằng ngôn ngữ này là bản nháp.

callout-tip = Mẹo
callout-note = Ghi chú
callout-warning = Cẩn thận
callout-scam = Cảnh báo lừa đảo

quiz-title = Kiểm tra nhanh
quiz-choose-one = Chọn một câu trả lời.
quiz-choose-all = Chọn tất cả các câu trả lời đúng.
quiz-submit = Nộp bài
quiz-retry = Làm lại
quiz-score = Bạn trả lời đúng { $right } / { $total } câu.
quiz-passed = Bạn đã qua bài này.
quiz-failed = Cần đúng ít nhất { $needed } câu. Đọc lời giải thích rồi làm lại.
quiz-right = Đúng
quiz-wrong = Chưa đúng
quiz-not-answered = Bạn chưa trả lời câu này.
quiz-you-chose = Bạn chọn

theme-label = Cỡ chữ
theme-default = Chữ thường
theme-large-text = Chữ to
language-label = Ngôn ngữ

error-title-404 = Không tìm thấy trang
error-text-404 = Trang này không có hoặc đã được chuyển đi.
error-title-400 = Yêu cầu không hợp lệ
error-text-400 = Máy chủ không hiểu yêu cầu này. Hãy quay lại và thử lại.
error-title-413 = Nội dung gửi lên quá lớn
error-text-413 = Hãy quay lại và thử lại.
error-title-500 = Có lỗi xảy ra
error-text-500 = Máy chủ gặp lỗi. Tiến độ của bạn không bị mất. Hãy thử lại sau ít phút.
error-back-home = Về trang chủ
error-language-unavailable = Ngôn ngữ này chưa có.

footer-text = Học xong tự làm được. Không ai làm thay bạn.

nav-login = Đăng nhập
nav-register = Đăng ký
nav-my-learning = Việc học của tôi
nav-logout = Đăng xuất

account-register-title = Tạo tài khoản
account-register-intro = Tài khoản giữ tiến độ học của bạn, dù bạn đổi điện thoại.
account-username = Tên đăng nhập hoặc số điện thoại
account-username-hint = Chữ không dấu, số, dấu chấm, từ 3 ký tự; hoặc số điện thoại 10 số.
account-password = Mật khẩu
account-password-hint = Ít nhất { $min } ký tự. Không dùng năm sinh.
account-password-again = Nhập lại mật khẩu
account-display-name = Họ và tên (in trên giấy chứng nhận)
account-commune = Xã, phường nơi bạn sống (không bắt buộc)
account-consent-title = Đồng ý lưu thông tin
account-consent = Tôi đồng ý để Học vụ số lưu tên đăng nhập, họ tên, xã/phường và kết quả học của tôi, chỉ để ghi nhận việc học và cấp giấy chứng nhận. Tôi có thể tải về hoặc xoá dữ liệu này bất cứ lúc nào. Không ai được hỏi số căn cước của tôi ở đây.
account-register-submit = Tạo tài khoản
account-login-title = Đăng nhập
account-login-submit = Đăng nhập
account-no-account = Chưa có tài khoản? Tạo tài khoản
account-have-account = Đã có tài khoản? Đăng nhập
account-login-failed = Tên đăng nhập hoặc mật khẩu không đúng.
account-throttled = Bạn đã nhập sai nhiều lần. Hãy thử lại sau 15 phút.
account-error-username = Tên đăng nhập chưa hợp lệ.
account-error-taken = Tên đăng nhập này đã có người dùng. Hãy chọn tên khác.
account-error-password-short = Mật khẩu cần ít nhất { $min } ký tự.
account-error-password-mismatch = Hai mật khẩu chưa giống nhau.
account-error-name = Hãy nhập họ và tên.
account-error-consent = Hãy đọc và đánh dấu đồng ý để tạo tài khoản.

learning-title = Việc học của tôi
learning-guest = Bạn đang học mà chưa có tài khoản. Tạo tài khoản để giữ tiến độ.
learning-none = Bạn chưa bắt đầu khoá học nào.
learning-progress = Đã xong { $done } / { $total } bài
learning-completed = Đã hoàn thành khoá học
lesson-done = Đã xong
quiz-best = Kết quả tốt nhất của bạn: đúng { $right } / { $total } câu
error-title-403 = Không gửi được
error-text-403 = Biểu mẫu này không được gửi từ trang Học vụ số. Hãy mở lại trang và thử lại.

account-title = Tài khoản của tôi
account-signed-in-as = Bạn đăng nhập với tên { $username }.
account-password-title = Đổi mật khẩu
account-password-current = Mật khẩu đang dùng
account-password-new = Mật khẩu mới
account-password-submit = Đổi mật khẩu
account-password-changed = Đã đổi mật khẩu.
account-error-current-password = Mật khẩu đang dùng không đúng.
account-data-title = Dữ liệu của tôi
account-data-text = Tải về mọi thông tin Học vụ số lưu về bạn: tài khoản, sự đồng ý, kết quả học.
account-data-download = Tải dữ liệu về (JSON)
account-delete-title = Xoá tài khoản
account-delete-text = Xoá tài khoản và mọi kết quả học. Không thể lấy lại. Giấy chứng nhận đã cấp sẽ không còn kiểm tra được.
account-delete-confirm = Tôi hiểu và muốn xoá hẳn tài khoản.
account-delete-submit = Xoá tài khoản
account-error-delete-confirm = Hãy đánh dấu ô xác nhận để xoá.
nav-account = Tài khoản

api-unauthorized = Bạn cần đăng nhập.
api-invalid-json = Dữ liệu gửi lên không đúng định dạng JSON.

cert-heading = Giấy chứng nhận hoàn thành
cert-completed-label = đã hoàn thành khoá học
cert-date-line = Ngày { $date }
cert-code-line = Mã: { $code }
cert-verify-label = Kiểm tra giấy chứng nhận tại
cert-box-title = Giấy chứng nhận
cert-claim-text = Bạn đã hoàn thành khoá học. Nhận giấy chứng nhận có tên bạn và mã để ai cũng kiểm tra được.
cert-claim = Nhận giấy chứng nhận
cert-register-first = Bạn đã hoàn thành khoá học. Hãy tạo tài khoản để nhận giấy chứng nhận có tên bạn; kết quả học được giữ nguyên.
cert-view = Xem giấy chứng nhận
cert-not-completed = Bạn cần hoàn thành mọi bài của khoá học trước khi nhận giấy chứng nhận.
cert-page-title = Giấy chứng nhận của bạn
cert-picture-alt = Ảnh giấy chứng nhận, có tên bạn, tên khoá học, ngày, mã và mã QR để kiểm tra
cert-download-print = Tải bản để in (A4)
cert-download-share = Tải ảnh để gửi qua điện thoại
cert-download-badge = Tải chứng chỉ số (Open Badges 3.0)
cert-verify-hint = Ai cũng có thể kiểm tra giấy chứng nhận này bằng mã QR hoặc tại
cert-badge-description = Hoàn thành khoá học “{ $course }” trên Học vụ số: đọc mọi bài và trả lời đạt mọi bài kiểm tra.
cert-badge-criteria = Người học tự hoàn thành mọi bài học và đạt điểm yêu cầu ở mọi bài kiểm tra của khoá học.
verify-title = Kiểm tra giấy chứng nhận
verify-prompt = Nhập mã in trên giấy chứng nhận (10 ký tự)
verify-button = Kiểm tra
verify-valid = Hợp lệ.
verify-valid-text = Giấy chứng nhận này do { $issuer } cấp và chưa bị thu hồi.
verify-revoked = Đã bị thu hồi.
verify-revoked-text = Giấy chứng nhận này bị thu hồi ngày { $date }. Lý do: { $reason }
verify-unknown = Không tìm thấy.
verify-unknown-text = Không có giấy chứng nhận nào mang mã { $code }. Hãy kiểm tra lại từng ký tự.
verify-bad-code = “{ $code }” không phải là mã giấy chứng nhận: mã có 10 ký tự, ký tự cuối dùng để phát hiện gõ nhầm. Hãy kiểm tra lại từng ký tự.
verify-bad-code-api = Đây không phải là mã giấy chứng nhận (10 ký tự, ký tự cuối là ký tự kiểm tra).
verify-name = Họ và tên
verify-course = Khoá học
verify-version = Phiên bản khoá học
verify-date = Ngày hoàn thành
verify-code = Mã
verify-issuer = Đơn vị cấp
verify-offline = Giấy chứng nhận được ký số (Ed25519); khoá công khai để kiểm tra không cần mạng:
