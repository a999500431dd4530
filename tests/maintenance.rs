#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! `hocvu maintenance`: a visitor's guest record goes after 90 idle days (clock injected with
//! `--as-of`), with its progress; accounts stay; the audit log gets a count and no names.

mod support;

use support::{Server, cli, register, right_answers, session_cookie};

on_both_databases!(idle_guests_are_removed_after_the_retention_period);

fn idle_guests_are_removed_after_the_retention_period(server: Server) {
    let (path, answers) = right_answers("hoc-voi-hocvu", 0);
    let r = server.post_form(&path, &answers);
    assert_eq!(r.status, 200);
    session_cookie(&r); // a guest now
    let account = session_cookie(&register(&server, None, "van-o-lai", "Văn"));
    assert_eq!(
        server
            .post_form_with(&path, &answers, &[("Cookie", &account)])
            .status,
        200
    );
    let out = cli(&server, &["maintenance"]);
    assert!(out.contains("0 guests"), "{out}");
    let day = 24 * 60 * 60 * 1000;
    let later = hocvu_dates::vietnam_date(hocvu_store::now_ms() + 91 * day);
    let out = cli(&server, &["maintenance", "--as-of", &later]);
    assert!(out.contains("1 guests idle for 90 days removed"), "{out}");
    let mine = server
        .get_with("/vi/learning/", &[("Cookie", &account)])
        .text();
    assert!(mine.contains("Đã xong 1 / 2 bài"), "{mine}");
    // From the database: the guest and its answer are gone, the account's stay.
    let (guests, attempts, detail) = support::block_on(async {
        use hocvu_store::sea_orm::{ConnectionTrait, Statement};
        let store = hocvu_store::Store::connect(&server.database_url())
            .await
            .unwrap();
        let db = &store.db;
        let one = |sql: &str| {
            let statement = Statement::from_string(db.get_database_backend(), sql.to_string());
            async move { db.query_one_raw(statement).await.unwrap().unwrap() }
        };
        let guests = one("SELECT COUNT(*) FROM learners WHERE is_guest = true").await;
        let attempts = one("SELECT COUNT(*) FROM quiz_attempts").await;
        let detail =
            one("SELECT detail FROM audit_log WHERE action = 'maintenance.remove_guests'").await;
        (
            guests.try_get_by_index::<i64>(0).unwrap(),
            attempts.try_get_by_index::<i64>(0).unwrap(),
            detail.try_get_by_index::<String>(0).unwrap(),
        )
    });
    assert_eq!((guests, attempts), (0, 1));
    assert_eq!(detail, "1 guests idle 90 days removed");
    let out = cli(&server, &["maintenance", "--guest-days", "0"]);
    assert!(out.contains("off"), "{out}");
}
