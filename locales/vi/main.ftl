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
