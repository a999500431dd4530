#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Backups that restore: `hocvu backup` while learners answer, `hocvu restore` into a new
//! folder (refused over a running server's data), a server started on it with every answer
//! acknowledged before the backup and certificates that still verify; and PostgreSQL's
//! pg_dump / pg_restore round trip as the README describes it.

mod support;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use support::{Server, register, right_answers, session_cookie};

const COURSE: &str = "hoc-voi-hocvu";

/// Registers, completes the two-lesson course and claims its certificate: its code.
fn certificate(server: &Server, username: &str) -> String {
    let cookie = session_cookie(&register(server, None, username, "Y Ƀhăm Êban"));
    for lesson in 0..2 {
        let (path, answers) = right_answers(COURSE, lesson);
        assert_eq!(
            server
                .post_form_with(&path, &answers, &[("Cookie", &cookie)])
                .status,
            200
        );
    }
    let r = server.post_form_with(
        &format!("/vi/certificates/{COURSE}"),
        "",
        &[("Cookie", &cookie)],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").unwrap();
    location
        .trim_start_matches("/vi/certificates/")
        .trim_end_matches('/')
        .to_string()
}

fn hocvu(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(args)
        .output()
        .unwrap()
}

fn count(url: &str, sql: &str) -> i64 {
    support::block_on(async {
        use hocvu_store::sea_orm::{ConnectionTrait, Statement};
        let store = hocvu_store::Store::connect(url).await.unwrap();
        let db = &store.db;
        let row = db
            .query_one_raw(Statement::from_string(
                db.get_database_backend(),
                sql.to_string(),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0).unwrap()
    })
}

fn verifies(server: &Server, code: &str) -> bool {
    let page = server.get_with(&format!("/verify/{code}"), &[("Accept-Language", "vi")]);
    page.status == 200 && page.text().contains("Hợp lệ")
}

#[test]
fn a_backup_taken_under_load_restores_into_a_working_server() {
    let server = Server::start(&[]);
    let code = certificate(&server, "co-chung-nhan");
    let cookies: Vec<String> = (0..4)
        .map(|i| session_cookie(&register(&server, None, &format!("nguoi-{i}"), "Lan")))
        .collect();
    let data = server.data.path().to_str().unwrap().to_string();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("hocvu-backup.tar");
    let acknowledged = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (path, answers) = right_answers(COURSE, 0);
    let (before, output) = std::thread::scope(|s| {
        for cookie in &cookies {
            let (server, acknowledged, stop) = (&server, &acknowledged, &stop);
            let (path, answers) = (&path, &answers);
            s.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let r = server.post_form_with(path, answers, &[("Cookie", cookie)]);
                    assert_eq!(r.status, 200);
                    acknowledged.fetch_add(1, Ordering::SeqCst);
                }
            });
        }
        std::thread::sleep(std::time::Duration::from_millis(700));
        let before = acknowledged.load(Ordering::SeqCst);
        let output = hocvu(&[
            "backup",
            "--out",
            file.to_str().unwrap(),
            "--data-dir",
            &data,
        ]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        stop.store(true, Ordering::Relaxed);
        (before, output)
    });
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let warning = String::from_utf8_lossy(&output.stderr);
    assert!(
        warning.contains("private") && warning.contains("keys"),
        "{warning}"
    );
    assert!(before > 4, "the load ran: {before}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the backup holds the keys");
    }
    // Not over the running server's data, even when asked to replace it.
    let r = hocvu(&[
        "restore",
        file.to_str().unwrap(),
        "--replace",
        "--data-dir",
        &data,
    ]);
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("is running"), "{err}");
    // A damaged copy is refused before anything is written.
    let fresh = tempfile::tempdir().unwrap();
    let target = fresh.path().join("data");
    let broken = out.path().join("broken.tar");
    let bytes = std::fs::read(&file).unwrap();
    std::fs::write(&broken, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let t = target.to_str().unwrap();
    let r = hocvu(&["restore", broken.to_str().unwrap(), "--data-dir", t]);
    assert!(!r.status.success());
    assert!(
        !target.join("hocvu.db").exists(),
        "nothing restored from a damaged file"
    );
    // Into a new folder: a server starts on it with everything acknowledged before the backup.
    let r = hocvu(&["restore", file.to_str().unwrap(), "--data-dir", t]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let r = hocvu(&["restore", file.to_str().unwrap(), "--data-dir", t]);
    assert!(
        !r.status.success(),
        "a second restore must be asked for with --replace"
    );
    drop(server);
    let kept = count(
        &format!("sqlite://{}?mode=rw", target.join("hocvu.db").display()),
        "SELECT COUNT(*) FROM quiz_attempts",
    ) as usize;
    assert!(
        kept >= before + 2,
        "{before} answers acknowledged before the backup, {kept} kept"
    );
    let holder = tempfile::TempDir::new_in(fresh.path()).unwrap();
    std::fs::remove_dir(holder.path()).unwrap();
    std::fs::rename(&target, holder.path()).unwrap();
    let restored = Server::start_in(holder, &[]);
    assert!(
        verifies(&restored, &code),
        "the certificate verifies on the restored server"
    );
    let login = restored.post_form(
        "/vi/account/login",
        "username=nguoi-0&password=Lan%232024ab",
    );
    assert_eq!(login.status, 303);
}

/// README, Backups: `pg_dump -Fc` of the database, `pg_restore` into an empty one, plus the keys.
#[test]
fn postgresql_round_trips_through_pg_dump_and_pg_restore() {
    let Some(url) = support::postgres_schema_url() else {
        return;
    };
    let server = Server::start(&["--database", &url]);
    let code = certificate(&server, "pg-chung-nhan");
    let (base, schema) = url.split_once('?').unwrap();
    let schema = schema.rsplit("%3D").next().unwrap().to_string();
    let bin = std::fs::read_dir("/usr/lib/postgresql")
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path().join("bin"))
        .max()
        .unwrap();
    let dump = tempfile::tempdir().unwrap();
    let file = dump.path().join("hocvu.dump");
    let ok = std::process::Command::new(bin.join("pg_dump"))
        .args([
            "-Fc",
            "--schema",
            &schema,
            "-f",
            file.to_str().unwrap(),
            base,
        ])
        .status()
        .unwrap();
    assert!(ok.success(), "pg_dump");
    let copy = format!("{schema}_restored");
    support::block_on(async {
        use hocvu_store::sea_orm::ConnectionTrait;
        let admin = hocvu_store::Store::connect(base).await.unwrap();
        admin
            .db
            .execute_unprepared(&format!("CREATE DATABASE {copy}"))
            .await
            .unwrap();
    });
    let (server_part, _) = base.rsplit_once('/').unwrap();
    let copy_url = format!("{server_part}/{copy}");
    let ok = std::process::Command::new(bin.join("pg_restore"))
        .args(["--no-owner", "-d", &copy_url, file.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(ok.success(), "pg_restore");
    let data = server.data.path();
    let keys = [
        "--session-key-file",
        &data.join("session.key").display().to_string(),
        "--certificate-key-dir",
        &data.join("certificate-keys").display().to_string(),
    ]
    .map(|s| s.to_string());
    let restored_url = format!("{copy_url}?options=-c%20search_path%3D{schema}");
    let mut args = vec!["--database", restored_url.as_str()];
    args.extend(keys.iter().map(String::as_str));
    let restored = Server::start(&args);
    assert!(verifies(&restored, &code));
    let login = restored.post_form(
        "/vi/account/login",
        "username=pg-chung-nhan&password=Lan%232024ab",
    );
    assert_eq!(login.status, 303);
}
