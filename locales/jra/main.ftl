# Jarai (jra) interface: DRAFT. Machine-assisted, NOT checked by a Jarai speaker.
# Every string needs checking by a fluent Jarai speaker before this language is announced.
# Written without a speaker or a dictionary at hand: common Jarai words (hrăm, tơlơi, laih,
# ƀu … ôh, hmâo, amăng, djơ̆, rĭm, pơ) with Vietnamese loanwords kept for app and office terms
# (tài khoản, mật khẩu, đăng nhập, giấy chứng nhận, đơn vị, quản lý). Least sure: "tơlơi pơblang"
# (translation), "tơguan" (wait), "ană sang hră" (pupil), "mơnuih djru pơtô" (facilitator), "mơit" (send),
# "lừa đảo" kept in Vietnamese, "čơdơ̆ng" (start), "ngă dơ̆ng" (again).
# The consent and account-deletion texts repeat the Vietnamese after the draft, because a
# learner must be able to read exactly what they agree to.
# A key missing here falls back to Vietnamese (locales/vi/main.ftl), message by message.
# Breve letters ê̆ ô̆ ơ̆ ư̆ are the base letter + U+0306. Selectors: only *[other] (CLDR has no
# plural rules for Jarai; a test checks it).
ui-translation-status = draft

site-name = Học vụ số
site-tagline = Bình dân học vụ số Đắk Lắk: mơnuih plơi pla hrăm kỹ năng số
skip-to-content = Nao pơ tơlơi hrăm
nav-home = Trang phŭn

catalogue-title = Khoá hrăm
catalogue-intro = Hrăm kỹ năng số ƀiă ƀiă, amăng điện thoại ih pô.
audience-citizen = Kơ mơnuih plơi pla
audience-civil-servant = Kơ cán bộ, công chức, viên chức
audience-leader = Kơ khua
audience-pupil = Kơ ană sang hră
audience-facilitator = Kơ mơnuih djru pơtô
course-lessons = { $count } tơlơi hrăm
course-minutes = jơlah { $minutes } phút
course-start = Čơdơ̆ng hrăm
course-lesson-list = Abih bang tơlơi hrăm
course-not-in-language = Khoá hrăm anai aka hmâo hăng tơlơi Jrai ôh. Dŏ pơƀuh tơlơi Yuăn.

lesson-position = Tơlơi hrăm { $number } / { $total }
lesson-minutes = { $minutes } phút
lesson-prev = Tơlơi hrăm hlâo
lesson-next = Tơlơi hrăm tŏ tui
lesson-back-to-course = Glaĭ pơ khoá hrăm
lesson-finished-course = Ih đŏk laih abih bang tơlơi hrăm amăng khoá anai.

notice-draft = Tơlơi pơblang anai jing bản nháp, aka hmâo mơnuih thâo tơlơi Jrai lăng ôh.
notice-stale = Tơlơi hrăm hăng tơlơi Yuăn phrâo pơkra laih; tơlơi pơblang anai dưi aka phrâo ôh.
notice-fallback = Tơlơi hrăm anai aka hmâo tơlơi pơblang ôh. Dŏ pơƀuh tơlơi Yuăn.
notice-quiz-fallback = Tơlơi tơña dŏ pơƀuh hăng tơlơi Yuăn.
notice-ui-draft = Hră amăng trang hăng tơlơi pơhiăp anai jing bản nháp.

callout-tip = Tơlơi pơtô
callout-note = Tơlơi hơdơr
callout-warning = Răng bĕ
callout-scam = Răng kơ lừa đảo

quiz-title = Lăng ƀiă
quiz-choose-one = Ruah sa tơlơi laĭ glaĭ.
quiz-choose-all = Ruah abih bang tơlơi laĭ glaĭ djơ̆.
quiz-submit = Brơi tơlơi laĭ glaĭ
quiz-retry = Ngă dơ̆ng
quiz-score = Ih laĭ glaĭ djơ̆ { $right } / { $total } tơlơi tơña.
quiz-passed = Ih găn laih tơlơi hrăm anai.
quiz-failed = Brơi djơ̆ { $needed } tơlơi tơña ƀôdah lu hloh. Đŏk tơlơi pơblang, laih anŭn ngă dơ̆ng.
quiz-right = Djơ̆
quiz-wrong = Ƀu djơ̆ ôh
quiz-not-answered = Ih aka laĭ glaĭ tơlơi tơña anai ôh.
quiz-you-chose = Ih ruah

theme-label = Hră prŏng anet
theme-default = Hră juăt
theme-large-text = Hră prŏng
language-label = Tơlơi pơhiăp

error-title-404 = Ƀu ƀuh trang ôh
error-text-404 = Trang anai ƀu hmâo ôh, ƀôdah arăng pơplih nao laih.
error-title-400 = Tơlơi rơkâo ƀu djơ̆ ôh
error-text-400 = Máy chủ ƀu thâo hluh tơlơi rơkâo anai ôh. Glaĭ laih anŭn ngă dơ̆ng.
error-title-413 = Tơlơi ih mơit prŏng đơi
error-text-413 = Glaĭ laih anŭn ngă dơ̆ng.
error-title-500 = Hmâo tơlơi soh
error-text-500 = Máy chủ hmâo tơlơi soh. Tơlơi ih hrăm laih ƀu rơngiă ôh. Tơguan ƀiă phút, laih anŭn ngă dơ̆ng.
error-back-home = Glaĭ pơ trang phŭn
error-language-unavailable = Aka hmâo tơlơi pơhiăp anai ôh.

footer-text = Hrăm laih, ih pô dưi ngă. Ƀu hmâo hlơi pô ngă brơi kơ ih ôh.

nav-login = Đăng nhập
nav-register = Pơkra tài khoản
nav-my-learning = Tơlơi kâo hrăm
nav-logout = Đăng xuất

account-register-title = Pơkra tài khoản
account-register-intro = Tài khoản djă pioh tơlơi ih hrăm, wơ̆t tơdah ih pơplih điện thoại.
account-username = Tên đăng nhập ƀôdah số điện thoại
account-username-hint = Hră ƀu hmâo dấu, số, dấu chấm, 3 hră ƀôdah lu hloh; ƀôdah số điện thoại 10 số.
account-password = Mật khẩu
account-password-hint = Brơi hmâo { $min } hră ƀôdah lu hloh. Anăm yua thŭn ih tơkeng.
account-password-again = Čih dơ̆ng mật khẩu
account-display-name = Anăn ih (họ và tên, arăng čih ƀơi giấy chứng nhận)
account-commune = Să, phường ih dŏ (ƀu kiăng čih ăt dưi)
account-consent-title = Tŭ ư brơi pioh thông tin
account-consent = Kâo tŭ ư brơi Học vụ số pioh tên đăng nhập, anăn kâo, să/phường laih anŭn tơlơi kâo hrăm, kơnơ̆ng kiăng čih pioh tơlơi hrăm laih anŭn brơi giấy chứng nhận. Kâo dưi mă ƀôdah lui hĭ dữ liệu anai hlơi mông kâo kiăng. Ƀu hmâo hlơi pô dưi tơña số căn cước kâo pơ anai ôh. (Tiếng Việt: Tôi đồng ý để Học vụ số lưu tên đăng nhập, họ tên, xã/phường và kết quả học của tôi, chỉ để ghi nhận việc học và cấp giấy chứng nhận. Tôi có thể tải về hoặc xoá dữ liệu này bất cứ lúc nào. Không ai được hỏi số căn cước của tôi ở đây.)
account-register-submit = Pơkra tài khoản
account-login-title = Đăng nhập
account-login-submit = Đăng nhập
account-no-account = Aka hmâo tài khoản? Pơkra tài khoản
account-have-account = Hmâo laih tài khoản? Đăng nhập
account-login-failed = Tên đăng nhập ƀôdah mật khẩu ƀu djơ̆ ôh.
account-throttled = Ih čih soh lu wơ̆t laih. Tơguan 15 phút, laih anŭn ngă dơ̆ng.
account-error-username = Tên đăng nhập aka djơ̆ ôh.
account-error-taken = Hmâo laih mơnuih yua tên đăng nhập anai. Ruah anăn pơkŏn.
account-error-password-short = Mật khẩu brơi hmâo { $min } hră ƀôdah lu hloh.
account-error-password-mismatch = Dua mật khẩu aka hrŏm hơbĭt ôh.
account-error-name = Čih anăn ih (họ và tên).
account-error-consent = Đŏk laih anŭn đánh dấu tŭ ư kiăng pơkra tài khoản.

learning-title = Tơlơi kâo hrăm
learning-guest = Ih dŏ hrăm samơ̆ aka hmâo tài khoản. Pơkra tài khoản kiăng djă pioh tơlơi ih hrăm.
learning-none = Ih aka čơdơ̆ng hrăm khoá hrăm ôh.
learning-progress = Hrăm laih { $done } / { $total } tơlơi hrăm
learning-completed = Hrăm laih abih khoá hrăm
lesson-done = Hrăm laih
quiz-best = Tơlơi ih laĭ glaĭ hiam hloh: djơ̆ { $right } / { $total } tơlơi tơña
error-title-403 = Ƀu dưi mơit ôh
error-text-403 = Biểu mẫu anai ƀu mơit mơ̆ng trang Học vụ số ôh. Pŏk dơ̆ng trang, laih anŭn ngă dơ̆ng.

account-title = Tài khoản kâo
account-signed-in-as = Ih đăng nhập laih hăng anăn { $username }.
account-password-title = Pơplih mật khẩu
account-password-current = Mật khẩu ih dŏ yua
account-password-new = Mật khẩu phrâo
account-password-submit = Pơplih mật khẩu
account-password-changed = Pơplih laih mật khẩu.
account-error-current-password = Mật khẩu ih dŏ yua ƀu djơ̆ ôh.
account-data-title = Dữ liệu kâo
account-data-text = Mă abih bang thông tin Học vụ số pioh kơ ih: tài khoản, tơlơi ih tŭ ư, tơlơi ih hrăm.
account-data-download = Mă dữ liệu (JSON)
account-delete-title = Lui hĭ tài khoản
account-delete-text = Lui hĭ tài khoản laih anŭn abih bang tơlơi hrăm. Ƀu dưi mă glaĭ ôh. Giấy chứng nhận brơi laih ƀu dưi lăng dơ̆ng ôh. (Tiếng Việt: Xoá tài khoản và mọi kết quả học. Không thể lấy lại. Giấy chứng nhận đã cấp sẽ không còn kiểm tra được.)
account-delete-confirm = Kâo thâo hluh laih anŭn kiăng lui hĭ abih tài khoản kâo.
account-delete-submit = Lui hĭ tài khoản
account-error-delete-confirm = Đánh dấu ô pơsit kiăng lui hĭ.
nav-account = Tài khoản

api-unauthorized = Ih brơi đăng nhập hlâo.
api-invalid-json = Dữ liệu mơit ƀu djơ̆ định dạng JSON ôh.

cert-heading = Giấy chứng nhận hrăm laih
cert-completed-label = hrăm laih abih khoá hrăm
cert-date-line = Hrơi { $date }
cert-code-line = Mã: { $code }
cert-verify-label = Lăng giấy chứng nhận pơ
cert-box-title = Giấy chứng nhận
cert-claim-text = Ih hrăm laih abih khoá hrăm. Mă giấy chứng nhận hmâo anăn ih laih anŭn mã, kiăng kơ abih bang mơnuih dưi lăng.
cert-claim = Mă giấy chứng nhận
cert-register-first = Ih hrăm laih abih khoá hrăm. Pơkra tài khoản kiăng mă giấy chứng nhận hmâo anăn ih; tơlơi ih hrăm ăt dŏ pioh.
cert-view = Lăng giấy chứng nhận
cert-not-completed = Ih brơi hrăm laih abih bang tơlơi hrăm amăng khoá hrăm hlâo kơ mă giấy chứng nhận.
cert-page-title = Giấy chứng nhận ih
cert-picture-alt = Rup giấy chứng nhận, hmâo anăn ih, anăn khoá hrăm, hrơi, mã laih anŭn mã QR kiăng lăng
cert-download-print = Mă kiăng in (A4)
cert-download-share = Mă rup kiăng mơit hăng điện thoại
cert-download-badge = Mă chứng chỉ số (Open Badges 3.0)
cert-verify-hint = Abih bang mơnuih dưi lăng giấy chứng nhận anai hăng mã QR ƀôdah pơ
cert-badge-description = Hrăm laih abih khoá hrăm “{ $course }” ƀơi Học vụ số: đŏk abih bang tơlơi hrăm laih anŭn găn abih bang tơlơi lăng.
cert-badge-criteria = Mơnuih hrăm pô hrăm laih abih bang tơlơi hrăm laih anŭn laĭ glaĭ djơ̆ djŏp amăng abih bang tơlơi lăng amăng khoá hrăm.
verify-title = Lăng giấy chứng nhận
verify-prompt = Čih mã ƀơi giấy chứng nhận (10 hră)
verify-button = Lăng
verify-valid = Sĭt (hợp lệ).
verify-valid-text = Giấy chứng nhận anai { $issuer } brơi, laih anŭn aka thu hồi ôh.
verify-revoked = Thu hồi laih.
verify-revoked-text = Giấy chứng nhận anai arăng thu hồi ƀơi hrơi { $date }. Yua dah: { $reason }
verify-unknown = Ƀu ƀuh ôh.
verify-unknown-text = Ƀu hmâo giấy chứng nhận hmâo mã { $code } ôh. Lăng dơ̆ng rĭm hră.
verify-bad-code = “{ $code }” ƀu djơ̆ mã giấy chứng nhận ôh: mã hmâo 10 hră, hră hơnăl tuč yua kiăng ƀuh tơlơi čih soh. Lăng dơ̆ng rĭm hră.
verify-bad-code-api = Anai ƀu djơ̆ mã giấy chứng nhận ôh (10 hră, hră hơnăl tuč jing hră lăng).
verify-name = Anăn (họ và tên)
verify-course = Khoá hrăm
verify-version = Phiên bản khoá hrăm
verify-date = Hrơi hrăm laih
verify-code = Mã
verify-issuer = Anih brơi (đơn vị cấp)
verify-offline = Giấy chứng nhận hmâo ký số (Ed25519); khoá công khai kiăng lăng ƀu kiăng mạng:
account-commune-none = (Ƀu ruah ôh)
account-error-commune = Ruah să, phường amăng danh sách.
nav-manage = Quản lý
required-title = Khoá hrăm ih brơi hrăm
required-due = hạn { $date }
status-not_started = Aka čơdơ̆ng ôh
status-in_progress = Dŏ hrăm
status-completed = Hrăm laih
status-overdue = Găn hạn
status-exempt = Miễn
manage-title = Quản lý tơlơi hrăm
manage-intro = Tơlơi cán bộ, công chức hrăm amăng đơn vị ih quản lý. Kơnơ̆ng mơnuih hrăm pô hrăm laih; pơ anai ƀu hmâo hlơi pô dưi đánh dấu brơi ôh.
manage-no-units = Aka hmâo danh sách đơn vị ôh. Quản trị viên čih mŭt hăng lệnh hocvu org import.
manage-target = Chỉ tiêu: { $percent }% hrăm laih hlâo kơ hrơi { $date }.
manage-summary = { $completed } / { $assigned } wơ̆t hrăm laih, { $overdue } găn hạn
manage-as-of = Số liệu truh hrơi { $date }.
manage-units = Đơn vị trực thuộc
manage-unit = Đơn vị
manage-people = Mơnuih
manage-assigned = Arăng jao
manage-started = Čơdơ̆ng laih
manage-completed = Hrăm laih
manage-overdue = Găn hạn
manage-exempt = Miễn
manage-status = Tình trạng
manage-csv = Mă CSV
manage-csv-units = Mă CSV tui đơn vị
manage-csv-people = Mă CSV tui rĭm mơnuih
manage-assignments = Khoá hrăm arăng jao
manage-no-assignments = Aka jao khoá hrăm ôh.
manage-assign-course = Jao khoá hrăm
manage-assign-position = Kơnơ̆ng kơ chức danh (ƀu čih: abih bang mơnuih amăng đơn vị laih anŭn đơn vị trực thuộc)
manage-assign-due = Hạn hrăm laih
manage-assign-submit = Jao khoá hrăm
manage-people-title = Rĭm mơnuih
manage-no-people = Aka hmâo hlơi pô arăng jao khoá hrăm ôh.
manage-too-many = { $rows } wơ̆t jao: lu đơi, ƀu dưi pơƀuh pơ anai ôh. Ruah sa đơn vị anet hloh ƀôdah mă CSV tui rĭm mơnuih.
manage-not-activated = aka kích hoạt tài khoản
manage-exempt-reason = Yua dah miễn
manage-exempt-submit = Miễn
manage-codes-title = Mã kích hoạt tài khoản
manage-codes-text = In mã yua kơnơ̆ng sa wơ̆t kơ ƀing aka kích hoạt tài khoản. Mã đưm aka yua ƀu dưi yua dơ̆ng ôh. Ih ƀu dưi pơkra laih anŭn ƀu dưi lăng mật khẩu hlơi pô ôh.
manage-codes-submit = Pơkra laih anŭn in mã
manage-codes-print = Yua lệnh In amăng trình duyệt; khăt tui đường viền laih anŭn brơi kơ rĭm mơnuih pô.
manage-codes-none = Abih bang mơnuih amăng đơn vị kích hoạt laih tài khoản.
manage-codes-step = Pŏk { $url }, čih mã anai, laih anŭn ih pô ruah tên đăng nhập laih anŭn mật khẩu.
manage-codes-until = Mã yua dưi truh abih hrơi { $date }.
citizens-title = Mơnuih plơi pla tui să, phường
citizens-intro = Mơnuih plơi pla pô ruah să, phường tơdah pơkra tài khoản. Ƀing ƀiă hloh kơ 5 mơnuih pơƀuh “<5”.
citizens-target = Chỉ tiêu: { $percent }% mơnuih prŏng hmâo giấy chứng nhận hlâo kơ hrơi { $date }.
citizens-commune = Să, phường
citizens-adults = Mơnuih prŏng
citizens-registered = Pơkra laih tài khoản
citizens-completed = Hrăm laih khoá hrăm
citizens-certified = Hmâo giấy chứng nhận
citizens-total = Abih bang
citizens-small = Ƀing ƀiă hloh kơ 5 mơnuih ƀu pơƀuh ôh, kiăng gak mơnuih hrăm.
monthly-title = Báo cáo rĭm blan
monthly-month = Blan
monthly-show = Lăng
monthly-staff = Cán bộ, công chức
monthly-citizens = Mơnuih plơi pla
monthly-citizens-text = { $registered } mơnuih pơkra laih tài khoản, { $certified } mơnuih hmâo giấy chứng nhận
monthly-this-month = Amăng blan anai
monthly-chart-title = Wơ̆t hrăm laih tui rĭm blan
monthly-staff-completions = Cán bộ hrăm laih khoá hrăm
monthly-citizen-completions = Mơnuih plơi pla hrăm laih khoá hrăm
monthly-certificates = Giấy chứng nhận brơi laih
roles-title = Phân quyền
roles-role = Vai trò
roles-unit = Đơn vị (kơ mơnuih quản lý)
roles-grant = Brơi quyền
roles-revoke = Thu hồi
role-manager = Quản lý đơn vị
role-admin = Quản trị cấp tỉnh
role-author = Mơnuih čih tơlơi hrăm
activate-title = Kích hoạt tài khoản cán bộ
activate-intro = Čih mã ƀơi hră đơn vị brơi kơ ih, laih anŭn ih pô ruah tên đăng nhập laih anŭn mật khẩu. Ƀu hmâo hlơi pô pơkŏn thâo mật khẩu ih ôh.
activate-code = Mã kích hoạt
activate-submit = Kích hoạt
activate-error-code = Mã ƀu djơ̆, yua laih, ƀôdah găn hạn laih. Lăng rĭm hră ƀôdah rơkâo đơn vị brơi mã phrâo.
course-unpublished = Khoá hrăm aka pŏk kơ abih bang mơnuih ôh: kơnơ̆ng mơnuih čih tơlơi hrăm laih anŭn quản trị ƀuh trang anai.
certadmin-title = Sem laih anŭn thu hồi giấy chứng nhận
certadmin-reason = Yua dah thu hồi (pơƀuh ƀơi trang lăng)
certadmin-revoke = Thu hồi giấy chứng nhận
cert-badge-unavailable = Máy chủ anai aka hmâo địa chỉ công khai (public_url), snăn aka dưi brơi chứng chỉ số Open Badges ôh.
cert-revoked-no-download = Giấy chứng nhận anai thu hồi laih, snăn ƀu dưi mă dơ̆ng ôh.
