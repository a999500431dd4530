#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Two `hocvu serve` processes on one PostgreSQL database behave as one service.

mod support;

use support::{Server, postgres_schema_url};

#[test]
fn two_servers_on_one_database_share_sessions_and_progress() {
    let Some(url) = postgres_schema_url() else {
        return;
    };
    let shared = tempfile::tempdir().unwrap();
    let key = shared.path().join("session.key");
    let cert_keys = shared.path().join("certificate-keys");
    let args = [
        "--database",
        url.as_str(),
        "--session-key-file",
        key.to_str().unwrap(),
        "--certificate-key-dir",
        cert_keys.to_str().unwrap(),
    ];
    // Started together: both migrate the empty schema at once and create the keys at once.
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| Server::start(&args));
        let b = s.spawn(|| Server::start(&args));
        (a.join().unwrap(), b.join().unwrap())
    });
    // One certificate key for both: a certificate issued by either verifies with either's keys.
    let jwks = a.get("/.well-known/jwks.json").text();
    assert_eq!(jwks, b.get("/.well-known/jwks.json").text());
    assert_eq!(jwks.matches("\"kid\"").count(), 1, "{jwks}");
    let body = format!(
        "username=hai-may&display_name=H%27Nie&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
        hocvu_web::CONSENT_VERSION
    );
    let r = a.post_form("/vi/account/register", &body);
    assert_eq!(r.status, 303, "{}", r.text());
    let cookie = r
        .header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    // The session made on A is valid on B, and progress made on B shows on A.
    let course = "/vi/courses/hoc-voi-hocvu/01-doc-bai-hoc/";
    let answers = "q1=b&q2=c";
    let graded = b.post_form_with(course, answers, &[("Cookie", &cookie)]);
    assert!(
        graded.text().contains("class=\"result passed\""),
        "{}",
        graded.text()
    );
    let learning = a.get_with("/vi/learning/", &[("Cookie", &cookie)]).text();
    assert!(learning.contains("Đã xong 1 / 2 bài"), "{learning}");
    assert_eq!(
        b.post_form(
            "/vi/account/login",
            "username=hai-may&password=Lan%232024ab"
        )
        .status,
        303
    );
}

/// Failed logins count across servers: five wrong passwords spread over two servers lock the
/// account on both (a per-process count would allow five on each).
#[test]
fn login_throttling_is_shared_by_two_servers() {
    let Some(url) = postgres_schema_url() else {
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
    let body = format!(
        "username=thu-hai&display_name=Thu&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
        hocvu_web::CONSENT_VERSION
    );
    assert_eq!(a.post_form("/vi/account/register", &body).status, 303);
    let wrong = "username=thu-hai&password=sai-mat-khau";
    for (i, server) in [&a, &b, &a, &b, &a].iter().enumerate() {
        assert_eq!(
            server.post_form("/vi/account/login", wrong).status,
            401,
            "try {i}"
        );
    }
    let right = "username=thu-hai&password=Lan%232024ab";
    let refused = b.post_form("/vi/account/login", right);
    assert_eq!(refused.status, 429, "{}", refused.text());
    assert_eq!(a.post_form("/vi/account/login", right).status, 429);
    // And the refusals show in each server's /metrics.
    let metrics = b.get("/metrics").text();
    assert!(
        metrics.contains("hocvu_throttle_refusals_total{kind=\"login\"} 1"),
        "{metrics}"
    );
}
