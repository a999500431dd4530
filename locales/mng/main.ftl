# Eastern M'nông (mng) interface: DRAFT. Machine-assisted, NOT checked by a M'nông speaker.
# WEAK: written without a speaker or a dictionary; a few common words (bunuyh, bon, geh, mâu … ôh,
# jêh, hŏc, uănh, ăn, sŏk, may, gâp, lĕ, ăp, ta) that may belong to Central M'nông (Bunong, cmo)
# rather than the Eastern varieties (Gar, Rlăm, Kuênh, Chil), which are not mutually intelligible.
# Many Vietnamese loanwords are kept on purpose (tài khoản, mật khẩu, đăng nhập, giấy chứng nhận,
# đơn vị, quản lý, chọn, cỡ chữ). A M'nông speaker must rewrite this file before it is announced.
# The consent and account-deletion texts repeat the Vietnamese after the draft, because a
# learner must be able to read exactly what they agree to.
# A key missing here falls back to Vietnamese (locales/vi/main.ftl), message by message.
# Breve letters are the base letter + U+0306. Selectors: only *[other] (CLDR has no plural rules
# for M'nông; a test checks it). Never `mnw`: that is Mon.
ui-translation-status = draft

site-name = Học vụ số
site-tagline = Bình dân học vụ số Đắk Lắk: bunuyh bon hŏc kỹ năng số
skip-to-content = Hăn ta nau hŏc
nav-home = Trang đầu

catalogue-title = Khoá hŏc
catalogue-intro = Hŏc kỹ năng số ƀaƀă, ta điện thoại may.
audience-citizen = Ăn bunuyh bon
audience-civil-servant = Ăn cán bộ, công chức, viên chức
audience-leader = Ăn lãnh đạo
audience-pupil = Ăn học sinh
audience-facilitator = Ăn bu kơl hướng dẫn
course-lessons = { $count } nau hŏc
course-minutes = { $minutes } phút
course-start = Ntơm hŏc
course-lesson-list = Lĕ nau hŏc
course-not-in-language = Khoá hŏc aơ mâu geh nau ngơi Mnông ôh. Uănh tiếng Việt.

lesson-position = Nau hŏc { $number } / { $total }
lesson-minutes = { $minutes } phút
lesson-prev = Nau hŏc lor
lesson-next = Nau hŏc pakơi
lesson-back-to-course = Sĭt ta khoá hŏc
lesson-finished-course = May đŏk jêh lĕ nau hŏc khoá aơ.

notice-draft = Aơ jêng bản nháp, mâu hŏ geh bu gĭt nau ngơi Mnông uănh ôh.
notice-stale = Nau hŏc tiếng Việt jêh sửa; bản dịch aơ dơi mâu hŏ mhe ôh.
notice-fallback = Nau hŏc aơ mâu geh bản dịch ôh. Uănh tiếng Việt.
notice-quiz-fallback = Nau ôp geh tiếng Việt.
notice-ui-draft = Trang ma nau ngơi aơ jêng bản nháp.

callout-tip = Nau nti
callout-note = Nau kah
callout-warning = Njrăng
callout-scam = Njrăng lừa đảo

quiz-title = Uănh ƀaƀă
quiz-choose-one = Chọn du nau lah.
quiz-choose-all = Chọn lĕ nau lah di.
quiz-submit = Ăn nau lah
quiz-retry = Ƀư đŏng
quiz-score = May lah di { $right } / { $total } nau ôp.
quiz-passed = May găn jêh nau hŏc aơ.
quiz-failed = Ăn di { $needed } nau ôp mâu lah âk lơn. Đŏk nau nkoch, jêh ri ƀư đŏng.
quiz-right = Di
quiz-wrong = Mâu di ôh
quiz-not-answered = May mâu hŏ lah nau ôp aơ ôh.
quiz-you-chose = May chọn

theme-label = Cỡ chữ
theme-default = Chữ thường
theme-large-text = Chữ to
language-label = Nau ngơi

error-title-404 = Mâu saơ trang ôh
error-text-404 = Trang aơ mâu geh ôh, mâu lah bu jêh rlăng.
error-title-400 = Nau dăn mâu di ôh
error-text-400 = Máy chủ mâu gĭt nau dăn aơ ôh. Sĭt jêh ri ƀư đŏng.
error-title-413 = Ndơ may njŭn toyh ngăn
error-text-413 = Sĭt jêh ri ƀư đŏng.
error-title-500 = Geh nau tih
error-text-500 = Máy chủ geh nau tih. Nau may hŏc jêh mâu roh ôh. Gŭ ƀaƀă phút, jêh ri ƀư đŏng.
error-back-home = Sĭt ta trang đầu
error-language-unavailable = Mâu hŏ geh nau ngơi aơ ôh.

footer-text = Hŏc jêh, may nơm dơi ƀư. Mâu geh bu ƀư ăn may ôh.

nav-login = Đăng nhập
nav-register = Ƀư tài khoản
nav-my-learning = Nau gâp hŏc
nav-logout = Đăng xuất

account-register-title = Ƀư tài khoản
account-register-intro = Tài khoản djôt nau may hŏc, ndơ may rlăng điện thoại.
account-username = Tên đăng nhập mâu lah số điện thoại
account-username-hint = Chữ mâu geh dấu, số, dấu chấm, 3 chữ mâu lah âk lơn; mâu lah số điện thoại 10 số.
account-password = Mật khẩu
account-password-hint = Ăn geh { $min } chữ mâu lah âk lơn. Lơi dŏng năm sinh.
account-password-again = Chih đŏng mật khẩu
account-display-name = Amoh may (họ và tên, bu chih ta giấy chứng nhận)
account-commune = Xã, phường may gŭ (mâu chih kŏ dơi)
account-consent-title = Đồng ý djôt thông tin
account-consent = Gâp đồng ý ăn Học vụ số djôt tên đăng nhập, amoh gâp, xã/phường jêh ri nau gâp hŏc, knŏng ŭch chih nau hŏc jêh ri ăn giấy chứng nhận. Gâp dơi sŏk mâu lah lơi lơi dữ liệu aơ lĕ nar gâp ŭch. Mâu geh bu dơi ôp số căn cước gâp ta aơ ôh. (Tiếng Việt: Tôi đồng ý để Học vụ số lưu tên đăng nhập, họ tên, xã/phường và kết quả học của tôi, chỉ để ghi nhận việc học và cấp giấy chứng nhận. Tôi có thể tải về hoặc xoá dữ liệu này bất cứ lúc nào. Không ai được hỏi số căn cước của tôi ở đây.)
account-register-submit = Ƀư tài khoản
account-login-title = Đăng nhập
account-login-submit = Đăng nhập
account-no-account = Mâu hŏ geh tài khoản? Ƀư tài khoản
account-have-account = Geh jêh tài khoản? Đăng nhập
account-login-failed = Tên đăng nhập mâu lah mật khẩu mâu di ôh.
account-throttled = May chih tih âk tơ̆ jêh. Gŭ 15 phút, jêh ri ƀư đŏng.
account-error-username = Tên đăng nhập mâu hŏ di ôh.
account-error-taken = Geh jêh bu dŏng tên đăng nhập aơ. Chọn amoh êng.
account-error-password-short = Mật khẩu ăn geh { $min } chữ mâu lah âk lơn.
account-error-password-mismatch = Bar mật khẩu mâu hŏ ndrel ôh.
account-error-name = Chih amoh may (họ và tên).
account-error-consent = Đŏk jêh ri đánh dấu đồng ý gay ƀư tài khoản.

learning-title = Nau gâp hŏc
learning-guest = May hŏc ƀiălah mâu hŏ geh tài khoản. Ƀư tài khoản gay djôt nau may hŏc.
learning-none = May mâu hŏ ntơm hŏc khoá hŏc ôh.
learning-progress = Hŏc jêh { $done } / { $total } nau hŏc
learning-completed = Hŏc jêh khoá hŏc
lesson-done = Hŏc jêh
quiz-best = Nau may lah ueh lơn: di { $right } / { $total } nau ôp
error-title-403 = Mâu dơi njŭn ôh
error-text-403 = Biểu mẫu aơ mâu njŭn tă trang Học vụ số ôh. Pơk đŏng trang, jêh ri ƀư đŏng.

account-title = Tài khoản gâp
account-signed-in-as = May đăng nhập jêh ma amoh { $username }.
account-password-title = Rlăng mật khẩu
account-password-current = Mật khẩu may dŏng
account-password-new = Mật khẩu mhe
account-password-submit = Rlăng mật khẩu
account-password-changed = Rlăng jêh mật khẩu.
account-error-current-password = Mật khẩu may dŏng mâu di ôh.
account-data-title = Dữ liệu gâp
account-data-text = Sŏk lĕ thông tin Học vụ số djôt ăn may: tài khoản, nau may đồng ý, nau may hŏc.
account-data-download = Sŏk dữ liệu (JSON)
account-delete-title = Lơi lơi tài khoản
account-delete-text = Lơi lơi tài khoản jêh ri lĕ nau hŏc. Mâu dơi sŏk sĭt ôh. Giấy chứng nhận jêh ăn mâu dơi uănh đŏng ôh. (Tiếng Việt: Xoá tài khoản và mọi kết quả học. Không thể lấy lại. Giấy chứng nhận đã cấp sẽ không còn kiểm tra được.)
account-delete-confirm = Gâp gĭt jêh ri ŭch lơi lơi tài khoản gâp.
account-delete-submit = Lơi lơi tài khoản
account-error-delete-confirm = Đánh dấu ô xác nhận gay lơi lơi.
nav-account = Tài khoản

api-unauthorized = May ăn đăng nhập lor.
api-invalid-json = Dữ liệu njŭn mâu di định dạng JSON ôh.

cert-heading = Giấy chứng nhận hoàn thành
cert-completed-label = hŏc jêh khoá hŏc
cert-date-line = Nar { $date }
cert-code-line = Mã: { $code }
cert-verify-label = Uănh giấy chứng nhận ta
cert-box-title = Giấy chứng nhận
cert-claim-text = May hŏc jêh khoá hŏc. Sŏk giấy chứng nhận geh amoh may jêh ri mã, gay lĕ bu dơi uănh.
cert-claim = Sŏk giấy chứng nhận
cert-register-first = May hŏc jêh khoá hŏc. Ƀư tài khoản gay sŏk giấy chứng nhận geh amoh may; nau may hŏc ăt gŭ.
cert-view = Uănh giấy chứng nhận
cert-not-completed = May ăn hŏc jêh lĕ nau hŏc khoá hŏc lor ma sŏk giấy chứng nhận.
cert-page-title = Giấy chứng nhận may
cert-picture-alt = Rup giấy chứng nhận, geh amoh may, amoh khoá hŏc, nar, mã jêh ri mã QR gay uănh
cert-download-print = Sŏk gay in (A4)
cert-download-share = Sŏk rup gay njŭn ma điện thoại
cert-download-badge = Sŏk chứng chỉ số (Open Badges 3.0)
cert-verify-hint = Lĕ bu dơi uănh giấy chứng nhận aơ ma mã QR mâu lah ta
cert-badge-description = Hŏc jêh khoá hŏc “{ $course }” ta Học vụ số: đŏk lĕ nau hŏc jêh ri găn lĕ nau uănh.
cert-badge-criteria = Bunuyh hŏc nơm hŏc jêh lĕ nau hŏc jêh ri lah di tâm lĕ nau uănh khoá hŏc.
verify-title = Uănh giấy chứng nhận
verify-prompt = Chih mã ta giấy chứng nhận (10 chữ)
verify-button = Uănh
verify-valid = Di (hợp lệ).
verify-valid-text = Giấy chứng nhận aơ { $issuer } ăn, jêh ri mâu hŏ thu hồi ôh.
verify-revoked = Thu hồi jêh.
verify-revoked-text = Giấy chứng nhận aơ bu thu hồi nar { $date }. Lý do: { $reason }
verify-unknown = Mâu saơ ôh.
verify-unknown-text = Mâu geh giấy chứng nhận geh mã { $code } ôh. Uănh đŏng ăp chữ.
verify-bad-code = “{ $code }” mâu di mã giấy chứng nhận ôh: mã geh 10 chữ, chữ rlŏng dŏng gay saơ nau chih tih. Uănh đŏng ăp chữ.
verify-bad-code-api = Aơ mâu di mã giấy chứng nhận ôh (10 chữ, chữ rlŏng jêng chữ kiểm tra).
verify-name = Amoh (họ và tên)
verify-course = Khoá hŏc
verify-version = Phiên bản khoá hŏc
verify-date = Nar hŏc jêh
verify-code = Mã
verify-issuer = Đơn vị cấp
verify-offline = Giấy chứng nhận geh ký số (Ed25519); khoá công khai gay uănh mâu ŭch mạng:
account-commune-none = (Mâu chọn ôh)
account-error-commune = Chọn xã, phường tâm danh sách.
nav-manage = Quản lý
required-title = Khoá hŏc may ăn hŏc
required-due = hạn { $date }
status-not_started = Mâu hŏ ntơm ôh
status-in_progress = Hŏc
status-completed = Hŏc jêh
status-overdue = Quá hạn
status-exempt = Miễn
manage-title = Quản lý nau hŏc
manage-intro = Nau cán bộ, công chức hŏc tâm đơn vị may quản lý. Knŏng bunuyh hŏc nơm hŏc jêh; ta aơ mâu geh bu dơi đánh dấu ăn ôh.
manage-no-units = Mâu hŏ geh danh sách đơn vị ôh. Quản trị viên chih ma lệnh hocvu org import.
manage-target = Chỉ tiêu: { $percent }% hŏc jêh lor nar { $date }.
manage-summary = { $completed } / { $assigned } tơ̆ hŏc jêh, { $overdue } quá hạn
manage-as-of = Số liệu tât nar { $date }.
manage-units = Đơn vị trực thuộc
manage-unit = Đơn vị
manage-people = Bunuyh
manage-assigned = Bu jao
manage-started = Ntơm jêh
manage-completed = Hŏc jêh
manage-overdue = Quá hạn
manage-exempt = Miễn
manage-status = Tình trạng
manage-csv = Sŏk CSV
manage-csv-units = Sŏk CSV tĭng đơn vị
manage-csv-people = Sŏk CSV tĭng ăp bunuyh
manage-assignments = Khoá hŏc bu jao
manage-no-assignments = Mâu hŏ jao khoá hŏc ôh.
manage-assign-course = Jao khoá hŏc
manage-assign-position = Knŏng ăn chức danh (mâu chih: lĕ bunuyh tâm đơn vị jêh ri đơn vị trực thuộc)
manage-assign-due = Hạn hŏc jêh
manage-assign-submit = Jao khoá hŏc
manage-people-title = Ăp bunuyh
manage-no-people = Mâu hŏ geh bu jao khoá hŏc ôh.
manage-too-many = { $rows } tơ̆ jao: âk ngăn, mâu dơi tâm mpơl ta aơ ôh. Chọn du đơn vị jê̆ lơn mâu lah sŏk CSV tĭng ăp bunuyh.
manage-not-activated = mâu hŏ kích hoạt tài khoản
manage-exempt-reason = Lý do miễn
manage-exempt-submit = Miễn
manage-codes-title = Mã kích hoạt tài khoản
manage-codes-text = In mã dŏng knŏng du tơ̆ ăn bu mâu hŏ kích hoạt tài khoản. Mã ơm mâu hŏ dŏng mâu dơi dŏng đŏng ôh. May mâu dơi ƀư jêh ri mâu dơi uănh mật khẩu bu ôh.
manage-codes-submit = Ƀư jêh ri in mã
manage-codes-print = Dŏng lệnh In tâm trình duyệt; koh tĭng đường viền jêh ri ăn ăp bunuyh nơm.
manage-codes-none = Lĕ bunuyh tâm đơn vị kích hoạt jêh tài khoản.
manage-codes-step = Pơk { $url }, chih mã aơ, jêh ri may nơm chọn tên đăng nhập jêh ri mật khẩu.
manage-codes-until = Mã dŏng dơi tât lôch nar { $date }.
citizens-title = Bunuyh bon tĭng xã, phường
citizens-intro = Bunuyh bon nơm chọn xã, phường tơlah ƀư tài khoản. Phung jê̆ lơn 5 bunuyh mpơl “<5”.
citizens-target = Chỉ tiêu: { $percent }% bunuyh toyh geh giấy chứng nhận lor nar { $date }.
citizens-commune = Xã, phường
citizens-adults = Bunuyh toyh
citizens-registered = Ƀư jêh tài khoản
citizens-completed = Hŏc jêh khoá hŏc
citizens-certified = Geh giấy chứng nhận
citizens-total = Lĕ
citizens-small = Phung jê̆ lơn 5 bunuyh mâu mpơl ôh, gay djôt bunuyh hŏc.
monthly-title = Báo cáo ăp khay
monthly-month = Khay
monthly-show = Uănh
monthly-staff = Cán bộ, công chức
monthly-citizens = Bunuyh bon
monthly-citizens-text = { $registered } bunuyh ƀư jêh tài khoản, { $certified } bunuyh geh giấy chứng nhận
monthly-this-month = Tâm khay aơ
monthly-chart-title = Tơ̆ hŏc jêh tĭng ăp khay
monthly-staff-completions = Cán bộ hŏc jêh khoá hŏc
monthly-citizen-completions = Bunuyh bon hŏc jêh khoá hŏc
monthly-certificates = Giấy chứng nhận jêh ăn
roles-title = Phân quyền
roles-role = Vai trò
roles-unit = Đơn vị (ăn bu quản lý)
roles-grant = Ăn quyền
roles-revoke = Thu hồi
role-manager = Quản lý đơn vị
role-admin = Quản trị cấp tỉnh
role-author = Bu chih nau hŏc
activate-title = Kích hoạt tài khoản cán bộ
activate-intro = Chih mã ta hla đơn vị ăn may, jêh ri may nơm chọn tên đăng nhập jêh ri mật khẩu. Mâu geh bu êng gĭt mật khẩu may ôh.
activate-code = Mã kích hoạt
activate-submit = Kích hoạt
activate-error-code = Mã mâu di, dŏng jêh, mâu lah quá hạn jêh. Uănh ăp chữ mâu lah dăn đơn vị mã mhe.
course-unpublished = Khoá hŏc mâu hŏ công bố: knŏng bu chih nau hŏc jêh ri quản trị saơ trang aơ.
certadmin-title = Joi jêh ri thu hồi giấy chứng nhận
certadmin-reason = Lý do thu hồi (mpơl ta trang uănh)
certadmin-revoke = Thu hồi giấy chứng nhận
cert-badge-unavailable = Máy chủ aơ mâu hŏ geh địa chỉ công khai (public_url), pôri mâu hŏ dơi ăn chứng chỉ số Open Badges ôh.
cert-revoked-no-download = Giấy chứng nhận aơ thu hồi jêh, pôri mâu dơi sŏk đŏng ôh.
