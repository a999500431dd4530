# Ê Đê (Rade, rad) interface: DRAFT. Machine-assisted, NOT yet checked by a fluent Ê Đê speaker.
# Every string needs checking by an Ê Đê (Kpă) speaker. Vocabulary follows content/_glossary/rad.toml
# and the lesson drafts. A key missing here falls back to Vietnamese (locales/vi/main.ftl).
# Breve letters ê̆ ô̆ ơ̆ ư̆ are the base letter + U+0306. No plural selectors: Ê Đê does not
# inflect for number.
ui-translation-status = draft

site-name = Học vụ số
site-tagline = Bình dân học vụ số Đắk Lắk: mnuih ƀuôn sang hriăm kỹ năng số
skip-to-content = Nao mtam kơ klei čih phŭn
nav-home = Trang phŭn

catalogue-title = Khoá hriăm
catalogue-intro = Hriăm kỹ năng số ƀiă ƀiă, mtam hlăm điện thoại ih pô.
audience-citizen = Kơ mnuih ƀuôn sang
audience-civil-servant = Kơ knuă druh, công chức, viên chức
audience-leader = Kơ phung khua
course-lessons = { $count } klei hriăm
course-minutes = hlăm brô { $minutes } phút
course-start = Dơ̆ng hriăm
course-lesson-list = Jih jang klei hriăm
course-not-in-language = Khoá hriăm anei ka mâo klei bi mlih ôh. Dôk êdah klei Yuăn.

lesson-position = Klei hriăm { $number } / { $total }
lesson-minutes = { $minutes } phút
lesson-prev = Klei hriăm êlâo
lesson-next = Klei hriăm êdei
lesson-back-to-course = Wĭt kơ trang khoá hriăm
lesson-finished-course = Ih đŏk leh jih jang klei hriăm hlăm khoá anei.

notice-draft = Klei bi mlih anei jing bản nháp, ka mâo mnuih thâo jăk klei Êđê ksiêm dlăng ôh.
notice-stale = Klei hriăm hŏng klei Yuăn mrâo mkra leh; klei bi mlih anei dưi ka bi mrâo ôh.
notice-fallback = Klei hriăm anei ka mâo klei bi mlih ôh. Dôk êdah klei Yuăn.
notice-quiz-fallback = Klei êmuh dôk êdah hŏng klei Yuăn.
notice-ui-draft = Boh hră ti trang hŏng klei blŭ anei jing bản nháp.

callout-tip = Klei mtô
callout-note = Klei hdơr
callout-warning = Răng bĕ
callout-scam = Răng kơ klei mplư

quiz-title = Ksiêm dlăng djăl
quiz-choose-one = Ruah sa klei wĭt lač.
quiz-choose-all = Ruah jih jang klei wĭt lač djŏ.
quiz-submit = Brei klei wĭt lač
quiz-retry = Lŏ ngă
quiz-score = Ih wĭt lač djŏ { $right } / { $total } klei êmuh.
quiz-passed = Ih găn leh klei hriăm anei.
quiz-failed = Brei djŏ { $needed } klei êmuh amâodah lu hĭn. Đŏk klei mblang, leh anăn lŏ ngă.
quiz-right = Djŏ
quiz-wrong = Amâo djŏ ôh
quiz-not-answered = Ih ka wĭt lač klei êmuh anei ôh.
quiz-you-chose = Ih ruah

theme-label = Boh hră prŏng điêt
theme-default = Boh hră juăt
theme-large-text = Boh hră prŏng
language-label = Klei blŭ

error-title-404 = Amâo ƀuh trang ôh
error-text-404 = Trang anei amâo mâo ôh, amâodah arăng ba nao kơ anôk mkăn leh.
error-title-400 = Klei akâo amâo djŏ ôh
error-text-400 = Máy chủ amâo thâo săng klei akâo anei ôh. Wĭt kơ trang êlâo leh anăn lŏ ngă.
error-title-413 = Mnơ̆ng ih mơĭt prŏng đei
error-text-413 = Wĭt kơ trang êlâo leh anăn lŏ ngă.
error-title-500 = Mâo klei soh
error-text-500 = Máy chủ mâo klei soh. Klei ih hriăm leh amâo luč ôh. Dôk guôn ƀiă phút, leh anăn lŏ ngă.
error-back-home = Wĭt kơ trang phŭn
error-language-unavailable = Ka mâo klei blŭ anei ôh.

footer-text = Hriăm leh, ih pô dưi ngă. Amâo mâo hlei pô ngă brei kơ ih ôh.

# Accounts and progress (draft, machine-assisted, not reviewed)
nav-login = Mŭt
nav-register = Mkra tài khoản
nav-my-learning = Klei kâo hriăm
nav-logout = Kbiă

account-register-title = Mkra tài khoản
account-register-intro = Tài khoản kriê pioh klei ih hriăm, wăt tơdah ih bi mlih điện thoại.
account-username = Anăn mŭt (tên đăng nhập) amâodah số điện thoại
account-username-hint = Boh hră amâo mâo dấu, số, dấu chấm, 3 boh hră amâodah lu hĭn; amâodah số điện thoại 10 boh số.
account-password = Mật khẩu
account-password-hint = Brei mâo { $min } boh hră amâodah lu hĭn. Đăm yua thŭn arăng kkiêng ih (năm sinh).
account-password-again = Lŏ čih mật khẩu
account-display-name = Anăn ih djăp (họ và tên, arăng čih ti giấy chứng nhận)
account-commune = Să, phường anôk ih dôk (čih tơdah ih čiăng)
account-consent-title = Tŭ ư (đồng ý) brei pioh thông tin
account-consent = Kâo tŭ ư (đồng ý) brei Học vụ số pioh anăn mŭt (tên đăng nhập), anăn kâo djăp (họ tên), să/phường leh anăn klei kâo hriăm leh (kết quả học), knŏng čiăng čih pioh klei kâo hriăm (ghi nhận việc học) leh anăn brei giấy chứng nhận. Kâo dưi mă (tải về) amâodah lui hĕ (xoá) dữ liệu anei grăp mông kâo čiăng (bất cứ lúc nào). Amâo mâo hlei pô dưi êmuh số căn cước kâo ti anei ôh.
account-register-submit = Mkra tài khoản
account-login-title = Mŭt hlăm tài khoản
account-login-submit = Mŭt
account-no-account = Ka mâo tài khoản? Mkra tài khoản
account-have-account = Mâo leh tài khoản? Mŭt
account-login-failed = Anăn mŭt amâodah mật khẩu amâo djŏ ôh.
account-throttled = Ih čih soh lu bliư̆ leh. Dôk guôn 15 phút, leh anăn lŏ ngă.
account-error-username = Anăn mŭt ka djŏ ôh.
account-error-taken = Mâo leh mnuih yua anăn mŭt anei. Ruah anăn mkăn.
account-error-password-short = Mật khẩu brei mâo { $min } boh hră amâodah lu hĭn.
account-error-password-mismatch = Dua mật khẩu ka msĕ ôh.
account-error-name = Brei čih anăn ih djăp (họ và tên).
account-error-consent = Đŏk leh anăn đánh dấu tŭ ư (đồng ý) čiăng mkra tài khoản.

learning-title = Klei kâo hriăm
learning-guest = Ih dôk hriăm ƀiădah ka mâo tài khoản. Mkra tài khoản čiăng kriê pioh klei ih hriăm.
learning-none = Ih ka dơ̆ng hriăm sa khoá hriăm ôh.
learning-progress = Hriăm leh { $done } / { $total } klei hriăm
learning-completed = Hriăm leh jih khoá hriăm
lesson-done = Hriăm leh
quiz-best = Klei ih wĭt lač jăk hĭn: djŏ { $right } / { $total } klei êmuh
error-title-403 = Amâo dưi mơĭt ôh
error-text-403 = Biểu mẫu anei amâo mơĭt mơ̆ng trang Học vụ số ôh. Lŏ pŏk trang, leh anăn lŏ ngă.

account-title = Tài khoản kâo
account-signed-in-as = Ih mŭt leh hŏng anăn { $username }.
account-password-title = Bi mlih mật khẩu
account-password-current = Mật khẩu ih dôk yua
account-password-new = Mật khẩu mrâo
account-password-submit = Bi mlih mật khẩu
account-password-changed = Bi mlih leh mật khẩu.
account-error-current-password = Mật khẩu ih dôk yua amâo djŏ ôh.
account-data-title = Dữ liệu kâo
account-data-text = Mă (tải về) jih jang thông tin Học vụ số pioh kơ ih: tài khoản, klei ih tŭ ư (sự đồng ý), klei ih hriăm leh (kết quả học).
account-data-download = Mă dữ liệu (tải về, JSON)
account-delete-title = Lui hĕ tài khoản
account-delete-text = Lui hĕ tài khoản leh anăn jih jang klei hriăm leh (kết quả học). Amâo dưi mă wĭt ôh. Giấy chứng nhận brei leh amâo lŏ dưi ksiêm dlăng ôh.
account-delete-confirm = Kâo thâo săng leh anăn čiăng lui hĕ jih tài khoản kâo (xoá hẳn).
account-delete-submit = Lui hĕ tài khoản
account-error-delete-confirm = Đánh dấu ô bi sĭt (xác nhận) čiăng lui hĕ.
nav-account = Tài khoản

api-unauthorized = Ih brei mŭt hlăm tài khoản (đăng nhập) êlâo.
api-invalid-json = Dữ liệu mơĭt amâo djŏ định dạng JSON ôh.
