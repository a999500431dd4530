#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Killing the server with SIGKILL while learners submit answers loses nothing that was
//! acknowledged: after a restart every answered (200) submission is in the database.

mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use support::Server;

const LEARNERS: usize = 8;

#[test]
fn acknowledged_submissions_survive_sigkill() {
    let mut server = Server::start(&[]);
    let mut cookies = Vec::new();
    for i in 0..LEARNERS {
        let body = format!(
            "username=ben{i}&display_name=B%E1%BB%81n&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
            hocvu_web::CONSENT_VERSION
        );
        let r = server.post_form("/vi/account/register", &body);
        assert_eq!(r.status, 303);
        cookies.push(
            r.header("set-cookie")
                .unwrap()
                .split(';')
                .next()
                .unwrap()
                .to_string(),
        );
    }
    let stop = AtomicBool::new(false);
    let acknowledged: Vec<usize> = std::thread::scope(|s| {
        let workers: Vec<_> = cookies
            .iter()
            .map(|cookie| {
                let (server, stop) = (&server, &stop);
                s.spawn(move || {
                    let mut ok = 0;
                    while !stop.load(Ordering::Relaxed) {
                        let r = server.try_post_form_with(
                            "/vi/courses/vneid/01-tai-ung-dung-that/",
                            "q1=a",
                            &[("Cookie", cookie)],
                        );
                        match r {
                            Some(r) if r.status == 200 => ok += 1,
                            _ => break,
                        }
                    }
                    ok
                })
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        std::process::Command::new("kill")
            .args(["-KILL", &server.pid().to_string()])
            .status()
            .unwrap();
        stop.store(true, Ordering::Relaxed);
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    server.wait();
    assert!(
        acknowledged.iter().sum::<usize>() > LEARNERS,
        "the load ran: {acknowledged:?}"
    );
    let db = server.data.path().join("hocvu.db");
    let stored = support::block_on(async {
        let store = hocvu_store::Store::connect(&format!("sqlite://{}?mode=rw", db.display()))
            .await
            .unwrap();
        let mut counts = Vec::new();
        for i in 0..LEARNERS {
            let learner = store
                .learner_by_username(&format!("ben{i}"))
                .await
                .unwrap()
                .unwrap();
            let export = store.export(learner.id).await.unwrap();
            counts.push(export["quiz_attempts"].as_array().unwrap().len());
        }
        counts
    });
    for (i, (ack, kept)) in acknowledged.iter().zip(&stored).enumerate() {
        assert!(
            kept >= ack,
            "learner {i}: {ack} acknowledged, {kept} stored"
        );
    }
    // And the server starts again on the same data.
    let data = std::mem::replace(&mut server.data, tempfile::tempdir().unwrap());
    let again = Server::start_in(data, &[]);
    assert_eq!(
        again
            .get_with("/vi/learning/", &[("Cookie", &cookies[0])])
            .status,
        200
    );
}
