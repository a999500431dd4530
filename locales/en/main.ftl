# English interface.
ui-translation-status = reviewed

site-name = Digital Learning
site-tagline = Popular digital education, Đắk Lắk
skip-to-content = Skip to main content
nav-home = Home

catalogue-title = Courses
catalogue-intro = Learn digital skills step by step, right on your phone.
audience-citizen = For citizens
audience-civil-servant = For civil servants
audience-leader = For leaders
course-lessons = { $count ->
    [one] 1 lesson
   *[other] { $count } lessons
}
course-minutes = about { $minutes } minutes
course-start = Start learning
course-lesson-list = Lessons
course-not-in-language = This course is not translated yet; it is shown in Vietnamese.

lesson-position = Lesson { $number } of { $total }
lesson-minutes = { $minutes } min
lesson-prev = Previous lesson
lesson-next = Next lesson
lesson-back-to-course = Back to the course
lesson-finished-course = You have read every lesson of this course.

notice-draft = Draft translation, not yet checked by a fluent speaker.
notice-stale = The Vietnamese lesson changed; this translation may be out of date.
notice-fallback = This lesson is not translated yet. Showing the Vietnamese text.
notice-quiz-fallback = The questions are shown in Vietnamese.
notice-ui-draft = The interface in this language is a draft.

callout-tip = Tip
callout-note = Note
callout-warning = Be careful
callout-scam = Scam alert

quiz-title = Quick check
quiz-choose-one = Choose one answer.
quiz-choose-all = Choose all the right answers.
quiz-submit = Check my answers
quiz-retry = Try again
quiz-score = You got { $right } of { $total } right.
quiz-passed = You passed this lesson.
quiz-failed = You need at least { $needed } right. Read the explanations and try again.
quiz-right = Right
quiz-wrong = Not right
quiz-not-answered = You did not answer this question.
quiz-you-chose = You chose

theme-label = Text size
theme-default = Normal text
theme-large-text = Large text
language-label = Language

error-title-404 = Page not found
error-text-404 = This page does not exist or has moved.
error-title-400 = Bad request
error-text-400 = The server did not understand this request. Go back and try again.
error-title-413 = Too much data sent
error-text-413 = Go back and try again.
error-title-500 = Something went wrong
error-text-500 = The server had a problem. Your progress is safe. Try again in a few minutes.
error-back-home = Back to the home page
error-language-unavailable = This language is not available yet.

footer-text = Learn it, then do it yourself. Nobody does it for you.

nav-login = Log in
nav-register = Create account
nav-my-learning = My learning
nav-logout = Log out

account-register-title = Create an account
account-register-intro = An account keeps your progress, even if you change phones.
account-username = Username or phone number
account-username-hint = Letters without accents, digits, dots, at least 3; or a 10-digit phone number.
account-password = Password
account-password-hint = At least { $min } characters. Do not use your year of birth.
account-password-again = Password again
account-display-name = Full name (printed on certificates)
account-commune = Commune or ward where you live (optional)
account-consent-title = Consent to store your information
account-consent = I agree that Digital Learning stores my username, full name, commune and learning results, only to record my learning and issue certificates. I can download or delete this data at any time. Nobody may ask for my ID number here.
account-register-submit = Create account
account-login-title = Log in
account-login-submit = Log in
account-no-account = No account yet? Create one
account-have-account = Already have an account? Log in
account-login-failed = Wrong username or password.
account-throttled = Too many wrong attempts. Try again in 15 minutes.
account-error-username = This username is not valid.
account-error-taken = This username is taken. Choose another one.
account-error-password-short = The password needs at least { $min } characters.
account-error-password-mismatch = The two passwords are not the same.
account-error-name = Enter your full name.
account-error-consent = Read and tick the consent box to create an account.

learning-title = My learning
learning-guest = You are learning without an account. Create one to keep your progress.
learning-none = You have not started a course yet.
learning-progress = { $done } of { $total } lessons done
learning-completed = Course completed
lesson-done = Done
quiz-best = Your best result: { $right } of { $total } right
error-title-403 = Could not send
error-text-403 = This form was not sent from the Digital Learning site. Open the page again and retry.

account-title = My account
account-signed-in-as = You are logged in as { $username }.
account-password-title = Change password
account-password-current = Current password
account-password-new = New password
account-password-submit = Change password
account-password-changed = Your password was changed.
account-error-current-password = The current password is wrong.
account-data-title = My data
account-data-text = Download everything Digital Learning stores about you: account, consent, learning results.
account-data-download = Download my data (JSON)
account-delete-title = Delete account
account-delete-text = Deletes the account and all learning results. This cannot be undone. Certificates already issued can no longer be verified.
account-delete-confirm = I understand and want to delete my account for good.
account-delete-submit = Delete account
account-error-delete-confirm = Tick the confirmation box to delete.
nav-account = Account

api-unauthorized = You need to log in.
api-invalid-json = The data sent is not valid JSON.

cert-heading = Certificate of completion
cert-completed-label = has completed the course
cert-date-line = On { $date }
cert-code-line = Code: { $code }
cert-verify-label = Check this certificate at
cert-box-title = Certificate
cert-claim-text = You have completed the course. Get a certificate with your name and a code anyone can check.
cert-claim = Get my certificate
cert-register-first = You have completed the course. Create an account to get a certificate with your name; your progress is kept.
cert-view = View certificate
cert-not-completed = Complete every lesson of the course before claiming its certificate.
cert-page-title = Your certificate
cert-picture-alt = Picture of the certificate with your name, the course, the date, the code and a QR code to check it
cert-download-print = Download for printing (A4)
cert-download-share = Download a picture to share from your phone
cert-download-badge = Download digital credential (Open Badges 3.0)
cert-verify-hint = Anyone can check this certificate with its QR code or at
cert-badge-description = Completed the course “{ $course }” on Học vụ số: read every lesson and passed every quiz.
cert-badge-criteria = The learner completed every lesson themselves and reached the pass mark in every quiz of the course.
verify-title = Check a certificate
verify-prompt = Enter the code printed on the certificate (10 characters)
verify-button = Check
verify-valid = Valid.
verify-valid-text = This certificate was issued by { $issuer } and has not been revoked.
verify-revoked = Revoked.
verify-revoked-text = This certificate was revoked on { $date }. Reason: { $reason }
verify-unknown = Not found.
verify-unknown-text = No certificate has the code { $code }. Check each character again.
verify-bad-code = “{ $code }” is not a certificate code: codes have 10 characters and the last one catches typing mistakes. Check each character again.
verify-bad-code-api = This is not a certificate code (10 characters, the last one a check character).
verify-name = Name
verify-course = Course
verify-version = Course version
verify-date = Completed on
verify-code = Code
verify-issuer = Issued by
verify-offline = Certificates are digitally signed (Ed25519); the public keys for checking them offline:
