#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Guests, accounts, sessions and progress over HTTP, against a real server and SQLite file.

mod support;

use support::{Server, register, right_answers, session_cookie};

on_both_databases!(
    a_guest_keeps_progress_and_keeps_it_when_registering,
    registration_checks_every_field_and_keeps_what_was_typed,
    login_gives_one_message_for_both_failures_and_throttles,
    logging_in_merges_a_guests_progress,
    logout_removes_the_session,
    forms_from_other_sites_are_refused,
    forged_or_expired_sessions_count_for_nothing,
    password_change_needs_the_current_password,
    a_learner_downloads_only_their_own_data_and_can_delete_it,
    a_deleted_accounts_cookie_is_just_a_visitor,
    changing_the_password_ends_other_sessions,
    finishing_every_lesson_completes_the_course_and_survives_a_restart,
);

fn a_guest_keeps_progress_and_keeps_it_when_registering(server: Server) {
    let (path, answers) = right_answers("hoc-voi-hocvu", 0);
    let r = server.post_form(&path, &answers);
    assert_eq!(r.status, 200);
    let guest = session_cookie(&r);
    // The guest sees their progress on the lesson, the course and "My learning".
    let lesson = server.get_with(&path, &[("Cookie", &guest)]);
    assert_eq!(lesson.header("cache-control"), Some("private, no-store"));
    let body = lesson.text();
    let questions = answers
        .split('&')
        .map(|a| a.split('=').next())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert!(
        body.contains(&format!(
            "Kết quả tốt nhất của bạn: đúng {questions} / {questions} câu"
        )),
        "{body}"
    );
    assert!(body.contains("Việc học của tôi"));
    let course = server
        .get_with("/vi/courses/hoc-voi-hocvu/", &[("Cookie", &guest)])
        .text();
    assert_eq!(course.matches("✓ Đã xong").count(), 1);
    let learning = server
        .get_with("/vi/learning/", &[("Cookie", &guest)])
        .text();
    assert!(learning.contains("Đã xong 1 / 2 bài"), "{learning}");
    assert!(learning.contains("chưa có tài khoản"));
    // Registering turns the guest into an account with the same progress.
    let name = "H\u{2019}Hen Niê Y Ƀhăm ê̆ ô̆ ơ̆ ư̆";
    let r = register(&server, Some(&guest), "hhen", name);
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/vi/learning/"));
    let account = session_cookie(&r);
    let learning = server
        .get_with("/vi/learning/", &[("Cookie", &account)])
        .text();
    assert!(learning.contains("Đã xong 1 / 2 bài"), "{learning}");
    assert!(learning.contains("Đăng xuất"));
    // The name round-trips exactly (checked in the database the server wrote).
    let url = server.database_url();
    let stored = support::block_on(async {
        let store = hocvu_store::Store::connect(&url).await.unwrap();
        store.learner_by_username("hhen").await.unwrap().unwrap()
    });
    assert_eq!(stored.display_name.as_deref(), Some(name));
}

fn registration_checks_every_field_and_keeps_what_was_typed(server: Server) {
    let r = server.post_form(
        "/vi/account/register",
        "username=a&display_name=&password=short&password2=other",
    );
    assert_eq!(r.status, 400);
    let body = r.text();
    for message in [
        "Tên đăng nhập chưa hợp lệ.",
        "Hãy nhập họ và tên.",
        "Mật khẩu cần ít nhất 8 ký tự.",
        "Hãy đọc và đánh dấu đồng ý để tạo tài khoản.",
    ] {
        assert!(body.contains(message), "{message}");
    }
    assert!(body.contains("value=\"a\""), "username shown again");
    assert!(!body.contains("short"), "passwords are never echoed");
    let form = server.get("/rad/account/register").text();
    assert!(form.contains("type=\"checkbox\" name=\"consent\""));
    assert!(!form.contains("checked"), "consent starts unticked");
    assert_eq!(register(&server, None, "trung", "A").status, 303);
    let taken = register(&server, None, "TRUNG", "B");
    assert_eq!(taken.status, 400);
    assert!(taken.text().contains("đã có người dùng"));
}

fn login_gives_one_message_for_both_failures_and_throttles(server: Server) {
    assert_eq!(
        register(&server, None, "0912345678", "Nguyễn Văn A").status,
        303
    );
    let unknown = server.post_form(
        "/vi/account/login",
        "username=khongco&password=Lan%232024ab",
    );
    let wrong = server.post_form(
        "/vi/account/login",
        "username=0912345678&password=wrong-pass",
    );
    assert_eq!((unknown.status, wrong.status), (401, 401));
    let msg = "Tên đăng nhập hoặc mật khẩu không đúng.";
    assert!(unknown.text().contains(msg) && wrong.text().contains(msg));
    // Phone numbers are found however they are written.
    let ok = server.post_form(
        "/vi/account/login",
        "username=%2B84+912+345+678&password=Lan%232024ab",
    );
    assert_eq!(ok.status, 303);
    session_cookie(&ok);
    for _ in 0..5 {
        server.post_form("/vi/account/login", "username=0912345678&password=bad");
    }
    let blocked = server.post_form(
        "/vi/account/login",
        "username=0912345678&password=Lan%232024ab",
    );
    assert_eq!(
        blocked.status, 429,
        "even the right password waits out the window"
    );
}

fn logging_in_merges_a_guests_progress(server: Server) {
    assert_eq!(register(&server, None, "merge", "Merge").status, 303);
    let (path, answers) = right_answers("hoc-voi-hocvu", 1);
    let guest = session_cookie(&server.post_form(&path, &answers));
    let r = server.post_form_with(
        "/vi/account/login",
        "username=merge&password=Lan%232024ab",
        &[("Cookie", &guest)],
    );
    assert_eq!(r.status, 303);
    let account = session_cookie(&r);
    let learning = server
        .get_with("/vi/learning/", &[("Cookie", &account)])
        .text();
    assert!(learning.contains("Đã xong 1 / 2 bài"), "{learning}");
}

fn finishing_every_lesson_completes_the_course_and_survives_a_restart(server: Server) {
    let (p1, a1) = right_answers("hoc-voi-hocvu", 0);
    let cookie = session_cookie(&server.post_form(&p1, &a1));
    let (p2, a2) = right_answers("hoc-voi-hocvu", 1);
    server.post_form_with(&p2, &a2, &[("Cookie", &cookie)]);
    let learning = server
        .get_with("/vi/learning/", &[("Cookie", &cookie)])
        .text();
    assert!(learning.contains("Đã hoàn thành khoá học"), "{learning}");
    // Same data directory and database, new process: the same session shows the same progress.
    let again = server.restart();
    let learning = again
        .get_with("/vi/learning/", &[("Cookie", &cookie)])
        .text();
    assert!(learning.contains("Đã hoàn thành khoá học"), "{learning}");
}

fn logout_removes_the_session(server: Server) {
    let cookie = session_cookie(&register(&server, None, "raa", "Ra"));
    let r = server.post_form_with("/vi/account/logout", "", &[("Cookie", &cookie)]);
    assert_eq!(r.status, 303);
    let removal = r.header("set-cookie").unwrap();
    assert!(
        removal.starts_with("session=;") && removal.contains("Max-Age=0"),
        "{removal}"
    );
}

fn forms_from_other_sites_are_refused(server: Server) {
    let (path, answers) = right_answers("vneid", 0);
    for origin in [None, Some("https://evil.example")] {
        let mut headers = vec![("Content-Type", "application/x-www-form-urlencoded")];
        if let Some(o) = origin {
            headers.push(("Origin", o));
        }
        for target in [
            path.as_str(),
            "/vi/account/register",
            "/vi/account/login",
            "/vi/account/logout",
        ] {
            let r = server.request("POST", target, &headers, Some(&answers));
            assert_eq!(r.status, 403, "{target} from {origin:?}");
            assert!(r.header("set-cookie").is_none());
        }
    }
}

fn forged_or_expired_sessions_count_for_nothing(server: Server) {
    let real = session_cookie(&register(&server, None, "that", "That"));
    let token = real.trim_start_matches("session=");
    let parts: Vec<&str> = token.split('.').collect();
    let forged = [
        format!("session={}.{}.{}", parts[0], parts[1], "AAAA"),
        format!("session=eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.", parts[1]),
        "session=garbage".to_string(),
    ];
    for cookie in forged {
        let r = server.get_with("/vi/learning/", &[("Cookie", &cookie)]);
        assert_eq!(r.status, 303, "{cookie}");
        assert_eq!(r.header("location"), Some("/vi/account/login"));
        let page = server.get_with("/vi/", &[("Cookie", &cookie)]).text();
        assert!(page.contains("Đăng nhập") && !page.contains("Đăng xuất"));
    }
}

fn password_change_needs_the_current_password(server: Server) {
    let cookie = session_cookie(&register(&server, None, "doimk", "Đổi"));
    let c = [("Cookie", cookie.as_str())];
    let wrong = server.post_form_with(
        "/vi/account/password",
        "current=nope&password=Moi%232025xy&password2=Moi%232025xy",
        &c,
    );
    assert_eq!(wrong.status, 400);
    assert!(wrong.text().contains("Mật khẩu đang dùng không đúng."));
    let ok = server.post_form_with(
        "/vi/account/password",
        "current=Lan%232024ab&password=Moi%232025xy&password2=Moi%232025xy",
        &c,
    );
    assert_eq!(ok.status, 200);
    assert!(ok.text().contains("Đã đổi mật khẩu."));
    assert_eq!(
        server
            .post_form("/vi/account/login", "username=doimk&password=Lan%232024ab")
            .status,
        401
    );
    assert_eq!(
        server
            .post_form("/vi/account/login", "username=doimk&password=Moi%232025xy")
            .status,
        303
    );
}

fn a_learner_downloads_only_their_own_data_and_can_delete_it(server: Server) {
    let a = session_cookie(&register(&server, None, "nguoia", "Người A ê̆"));
    let b = session_cookie(&register(&server, None, "nguoib", "Người B"));
    let (path, answers) = right_answers("vneid", 0);
    server.post_form_with(&path, &answers, &[("Cookie", &a)]);
    let export = server.get_with("/vi/account/data.json", &[("Cookie", &a)]);
    assert_eq!(export.status, 200);
    assert!(
        export
            .header("content-disposition")
            .unwrap()
            .starts_with("attachment")
    );
    let json: serde_json::Value = serde_json::from_slice(&export.body).unwrap();
    assert_eq!(json["learner"]["display_name"], "Người A ê̆");
    assert_eq!(json["consents"][0]["version"], hocvu_web::CONSENT_VERSION);
    assert_eq!(json["quiz_attempts"][0]["course"], "vneid");
    assert!(!String::from_utf8_lossy(&export.body).contains("Người B"));
    let b_export: serde_json::Value = serde_json::from_slice(
        &server
            .get_with("/vi/account/data.json", &[("Cookie", &b)])
            .body,
    )
    .unwrap();
    assert_eq!(
        b_export["quiz_attempts"].as_array().unwrap().len(),
        0,
        "B sees none of A's answers"
    );
    // Guests and strangers are sent to log in.
    assert_eq!(server.get("/vi/account/data.json").status, 303);
    // Deleting needs the confirmation, then everything goes.
    let c = [("Cookie", a.as_str())];
    assert_eq!(
        server.post_form_with("/vi/account/delete", "", &c).status,
        400
    );
    let gone = server.post_form_with("/vi/account/delete", "confirm=yes", &c);
    assert_eq!(gone.status, 303);
    assert!(gone.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(
        server.get_with("/vi/learning/", &c).status,
        303,
        "the old session names no one"
    );
    assert_eq!(
        server
            .post_form("/vi/account/login", "username=nguoia&password=Lan%232024ab")
            .status,
        401
    );
    assert_eq!(
        server.get_with("/vi/account/", &[("Cookie", &b)]).status,
        200,
        "B is untouched"
    );
}

fn a_deleted_accounts_cookie_is_just_a_visitor(server: Server) {
    let cookie = session_cookie(&register(&server, None, "biendi", "Biến"));
    let c = [("Cookie", cookie.as_str())];
    assert_eq!(
        server
            .post_form_with("/vi/account/delete", "confirm=yes", &c)
            .status,
        303
    );
    let (path, answers) = right_answers("vneid", 0);
    let r = server.post_form_with(&path, &answers, &c);
    assert_eq!(r.status, 200, "answers are still graded, as a new guest");
    assert!(r.text().contains("class=\"result passed\""));
    session_cookie(&r);
    assert!(!server.get_with(&path, &c).text().contains("Đăng xuất"));
}

fn changing_the_password_ends_other_sessions(server: Server) {
    let phone = session_cookie(&register(&server, None, "haimay", "Hai"));
    let laptop = session_cookie(
        &server.post_form("/vi/account/login", "username=haimay&password=Lan%232024ab"),
    );
    let r = server.post_form_with(
        "/vi/account/password",
        "current=Lan%232024ab&password=Moi%232025xy&password2=Moi%232025xy",
        &[("Cookie", &laptop)],
    );
    assert_eq!(r.status, 200);
    let renewed = session_cookie(&r);
    assert_eq!(
        server
            .get_with("/vi/learning/", &[("Cookie", &phone)])
            .status,
        303,
        "the other device is logged out"
    );
    assert_eq!(
        server
            .get_with("/vi/learning/", &[("Cookie", &renewed)])
            .status,
        200,
        "this device stays in"
    );
}
