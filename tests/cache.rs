#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Signed-in pages come from memory (learner cache, pages rendered once per state): they must
//! never show one learner another's state, must show this server's writes on the next view,
//! and other servers' writes within the documented bound.

mod support;

use support::{Server, get, post, register, right_answers, session_cookie};

const LESSON: &str = "/vi/courses/hoc-voi-hocvu/01-doc-bai-hoc/";
const COURSE: &str = "/vi/courses/hoc-voi-hocvu/";

on_both_databases!(
    two_learners_alternating_see_only_their_own_state,
    a_write_here_shows_on_the_next_view,
    an_ended_session_is_refused_at_once,
);

/// The offline key the page names, e.g. `l12`.
fn learner_key(page: &str) -> Option<String> {
    let at = page.find("data-learner=\"")? + 14;
    Some(page[at..at + page[at..].find('"')?].to_string())
}

fn gzip_get(server: &Server, cookie: &str, path: &str) -> String {
    let r = server.get_with(
        path,
        &[("Cookie", cookie), ("Accept-Encoding", "gzip, deflate, br")],
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert_eq!(r.header("cache-control"), Some("private, no-store"));
    r.decoded()
}

/// The page as a browser gets it, whatever its encoding.
fn page(server: &Server, cookie: &str, path: &str) -> String {
    let r = server.get_with(path, &[("Cookie", cookie), ("Accept-Encoding", "gzip, br")]);
    assert_eq!(r.status, 200);
    r.decoded()
}

fn two_learners_alternating_see_only_their_own_state(server: Server) {
    let a = session_cookie(&register(&server, None, "lan-a", "Lan A"));
    let b = session_cookie(&register(&server, None, "hoa-b", "Hoa B"));
    let (lesson, answers) = right_answers("hoc-voi-hocvu", 0);
    assert_eq!(lesson, LESSON);
    assert!(
        post(&server, Some(&a), LESSON, &answers)
            .text()
            .contains("result passed")
    );
    let mut keys = Vec::new();
    for round in 0..3 {
        for (who, cookie) in [("a", &a), ("b", &b)] {
            let plain = get(&server, Some(cookie), LESSON).text();
            let zipped = gzip_get(&server, cookie, LESSON);
            assert_eq!(plain, zipped, "round {round}: the same page either way");
            let course = gzip_get(&server, cookie, COURSE);
            let key = learner_key(&plain).unwrap();
            let done = course.matches("class=\"done\"").count();
            if who == "a" {
                assert!(plain.contains("class=\"meta best\""), "{plain}");
                assert_eq!(done, 1, "A finished lesson 1");
            } else {
                assert!(
                    !plain.contains("class=\"meta best\""),
                    "B has no score: {plain}"
                );
                assert_eq!(done, 0, "B finished nothing");
            }
            assert_eq!(learner_key(&course).unwrap(), key);
            keys.push((who, key));
        }
    }
    let a_keys: Vec<_> = keys.iter().filter(|(w, _)| *w == "a").collect();
    let b_keys: Vec<_> = keys.iter().filter(|(w, _)| *w == "b").collect();
    assert!(a_keys.iter().all(|(_, k)| *k == a_keys[0].1));
    assert!(b_keys.iter().all(|(_, k)| *k == b_keys[0].1));
    assert_ne!(a_keys[0].1, b_keys[0].1);
    // A visitor still gets the shared page, without a key.
    assert_eq!(learner_key(&server.get(LESSON).text()), None);
}

fn a_write_here_shows_on_the_next_view(server: Server) {
    let c = session_cookie(&register(&server, None, "ghi-nho", "Ghi Nhớ"));
    // Seen once: the learner is now in memory.
    assert_eq!(
        gzip_get(&server, &c, COURSE)
            .matches("class=\"done\"")
            .count(),
        0
    );
    let (_, answers) = right_answers("hoc-voi-hocvu", 0);
    post(&server, Some(&c), LESSON, &answers);
    assert_eq!(
        gzip_get(&server, &c, COURSE)
            .matches("class=\"done\"")
            .count(),
        1,
        "the answer shows on the very next view"
    );
    let lesson = gzip_get(&server, &c, LESSON);
    assert!(lesson.contains("class=\"meta best\""), "{lesson}");
    // A name change shows where the name is shown.
    let body = "display_name=Ghi+M%E1%BB%9Bi&commune=Ea+Kao";
    let changed = post(&server, Some(&c), "/vi/account/details", body);
    assert!(changed.status < 400, "{}", changed.text());
    assert!(
        get(&server, Some(&c), "/vi/account/")
            .text()
            .contains("Ghi Mới")
    );
}

fn an_ended_session_is_refused_at_once(server: Server) {
    let c = session_cookie(&register(&server, None, "het-phien", "Hết Phiên"));
    assert!(learner_key(&gzip_get(&server, &c, LESSON)).is_some());
    let ok = post(
        &server,
        Some(&c),
        "/vi/account/password",
        "current=Lan%232024ab&password=Moi%232025xy&password2=Moi%232025xy",
    );
    assert_eq!(ok.status, 200);
    // The old cookie (issued before the change) no longer names a learner.
    let old = get(&server, Some(&c), LESSON).text();
    assert_eq!(learner_key(&old), None, "{old}");
    assert!(old.contains("/vi/account/login"));
    // A deleted account too.
    let d = session_cookie(&register(&server, None, "xoa-di", "Xóa Đi"));
    assert!(learner_key(&gzip_get(&server, &d, COURSE)).is_some());
    assert!(post(&server, Some(&d), "/vi/account/delete", "confirm=yes").status < 400);
    assert_eq!(learner_key(&get(&server, Some(&d), COURSE).text()), None);
}

/// Polls `check` for up to `bound`: other servers' changes arrive by NOTIFY.
fn within(bound: std::time::Duration, mut check: impl FnMut() -> bool) -> std::time::Duration {
    let start = std::time::Instant::now();
    while !check() {
        assert!(start.elapsed() < bound, "not seen within {bound:?}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    start.elapsed()
}

#[test]
fn two_servers_see_each_others_writes_within_the_bound() {
    let Some(url) = support::postgres_schema_url() else {
        return;
    };
    let shared = tempfile::tempdir().unwrap();
    let key = shared.path().join("session.key");
    let args = [
        "--database",
        url.as_str(),
        "--session-key-file",
        key.to_str().unwrap(),
    ];
    let a = Server::start(&args);
    let b = Server::start(&args);
    let bound = std::time::Duration::from_secs(2);
    let c = session_cookie(&register(&a, None, "hai-noi", "Hai Nơi"));
    // B has the learner in memory with nothing done.
    assert_eq!(page(&b, &c, COURSE).matches("class=\"done\"").count(), 0);
    let (_, answers) = right_answers("hoc-voi-hocvu", 0);
    assert!(
        post(&a, Some(&c), LESSON, &answers)
            .text()
            .contains("result passed")
    );
    within(bound, || {
        page(&b, &c, COURSE).matches("class=\"done\"").count() == 1
    });
    // A role granted by the command line (another process) shows on both.
    assert!(!page(&b, &c, COURSE).contains("/vi/manage/"));
    support::cli(&a, &["user", "grant", "hai-noi", "admin"]);
    within(bound, || page(&b, &c, COURSE).contains("/vi/manage/"));
    within(bound, || page(&a, &c, COURSE).contains("/vi/manage/"));
    // A password changed on A ends the session on B.
    let changed = post(
        &a,
        Some(&c),
        "/vi/account/password",
        "current=Lan%232024ab&password=Moi%232025xy&password2=Moi%232025xy",
    );
    assert_eq!(changed.status, 200);
    let waited = within(bound, || {
        learner_key(&get(&b, Some(&c), LESSON).text()).is_none()
    });
    eprintln!("password change seen on the other server after {waited:?}");
}
