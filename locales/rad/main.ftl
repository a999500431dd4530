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
