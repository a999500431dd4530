#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Offline learning (issue 15) over HTTP against a real server and database: the replay of a
//! phone's queue through `/api/v1/me/events` (original times, per-event results, exactly once),
//! the quiz form's event id, saving a course without "reading" it, the offline pack, the
//! service worker and its kill switch, the manifest and icons. The browser side is the offline
//! journey in `tests/browser/offline.rs`; the scripts' own units run under Node below.

mod support;

use serde_json::{Value, json};
use support::{Resp, Server, shipped_courses};

on_both_databases!(
    answers_given_offline_keep_their_time_and_complete_the_course,
    a_bad_event_never_fails_the_good_ones_beside_it,
    a_visitor_sending_answers_from_this_site_becomes_a_guest,
    a_form_answer_with_an_event_id_counts_once,
    saving_a_course_for_offline_does_not_open_its_lessons,
);

const COURSE: &str = "hoc-voi-hocvu";
const DAY_MS: i64 = 86_400_000;

fn json_of(r: &Resp) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.text()))
}

/// A learner registered with the web form: their session cookie.
fn learner(server: &Server, username: &str) -> String {
    let r = support::register(server, None, username, "H'Hen Niê");
    support::session_cookie(&r)
}

fn post_events(server: &Server, cookie: Option<&str>, body: &Value) -> Resp {
    let mut headers = vec![
        ("Content-Type", "application/json"),
        ("Origin", &server.base),
    ];
    if let Some(c) = cookie {
        headers.push(("Cookie", c));
    }
    server.request(
        "POST",
        "/api/v1/me/events",
        &headers,
        Some(&body.to_string()),
    )
}

/// The right (or wrong) answers of a lesson as an event's `answers`.
fn answers(lesson: usize, right: bool) -> (String, String, Value) {
    let c = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap();
    let l = &c.bundle.lessons[lesson];
    let map = support::chosen_options(&l.source().unwrap().quiz, right)
        .into_iter()
        .map(|(q, options)| (q, json!(options)))
        .collect();
    (l.slug.clone(), l.source_hash.clone(), Value::Object(map))
}

fn statuses(v: &Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect()
}

fn count<E: hocvu_store::sea_orm::EntityTrait>(server: &Server, entity: E) -> usize {
    let url = server.database_url();
    support::block_on(async {
        let store = hocvu_store::Store::connect(&url).await.unwrap();
        let _ = entity;
        E::find().all(&store.db).await.unwrap().len()
    })
}

fn answers_given_offline_keep_their_time_and_complete_the_course(server: Server) {
    let cookie = learner(&server, "ngoai-mang");
    let lessons = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap()
        .bundle
        .lessons
        .len();
    // The phone's clock is two hours slow; the answers were given three days before sending.
    let now = hocvu_store::now_ms();
    let phone_now = now - 2 * 3600 * 1000;
    let answered = phone_now - 3 * DAY_MS;
    let events: Vec<Value> = (0..lessons)
        .map(|i| {
            let (slug, hash, right) = answers(i, true);
            json!({"id": format!("p-{i}"), "kind": "quiz_answered", "course": COURSE,
                   "lesson": slug, "answers": right, "at": answered + i as i64 * 60_000,
                   "lesson_hash": hash})
        })
        .collect();
    let batch = json!({"sent_at": phone_now, "events": events});
    let first = json_of(&post_events(&server, Some(&cookie), &batch));
    assert_eq!(statuses(&first), vec!["applied"; lessons]);
    assert!(
        first["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["passed"] == true
                && r["right"] == r["total"]
                && r["total"].as_u64().unwrap() > 0)
    );
    let attempts = count(&server, hocvu_store::entities::quiz_attempts::Entity);
    // Sent again (the reply was lost): nothing changes, and the grades come back again.
    let again = json_of(&post_events(&server, Some(&cookie), &batch));
    assert_eq!(statuses(&again), vec!["duplicate"; lessons]);
    assert_eq!(again["results"][0]["passed"], true);
    assert_eq!(
        count(&server, hocvu_store::entities::quiz_attempts::Entity),
        attempts
    );
    // The course was completed when its last lesson was, on the server's clock.
    let url = server.database_url();
    let completed_at = support::block_on(async {
        let store = hocvu_store::Store::connect(&url).await.unwrap();
        use hocvu_store::sea_orm::EntityTrait;
        hocvu_store::entities::course_completions::Entity::find()
            .all(&store.db)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.course_id == COURSE)
            .unwrap()
            .completed_at
    });
    let expected = now - 3 * DAY_MS + (lessons as i64 - 1) * 60_000;
    assert!(
        (completed_at - expected).abs() < 60_000,
        "completed at {completed_at}, answered at {expected}"
    );
    // The certificate carries the day the course was finished, not the day it was synced.
    let claim = server.post_form_with(
        &format!("/vi/certificates/{COURSE}"),
        "",
        &[("Cookie", &cookie)],
    );
    assert_eq!(claim.status, 303, "{}", claim.text());
    let certificate = support::block_on(async {
        let store = hocvu_store::Store::connect(&url).await.unwrap();
        use hocvu_store::sea_orm::EntityTrait;
        hocvu_store::entities::certificates::Entity::find()
            .all(&store.db)
            .await
            .unwrap()
            .pop()
            .unwrap()
    });
    assert_eq!(
        certificate.completed_on,
        hocvu_dates::vietnam_date(completed_at)
    );
    assert_ne!(certificate.completed_on, hocvu_dates::today());
}

fn a_bad_event_never_fails_the_good_ones_beside_it(server: Server) {
    let cookie = learner(&server, "lo-xo");
    let (s0, h0, right0) = answers(0, true);
    let (s1, _, right1) = answers(1, false);
    let mut events = vec![
        json!({"id": "good-1", "kind": "quiz_answered", "course": COURSE, "lesson": s0, "answers": right0, "lesson_hash": h0}),
        json!({"id": "bad-type", "kind": 7, "course": COURSE, "lesson": s0}),
        json!({"id": "extra-field", "kind": "lesson_opened", "course": COURSE, "lesson": s0, "score": 100}),
        json!({"id": "gone", "kind": "lesson_opened", "course": COURSE, "lesson": "bai-da-xoa"}),
        json!({"id": "changed", "kind": "quiz_answered", "course": COURSE, "lesson": s1, "answers": right1, "lesson_hash": "0000"}),
        json!("not an object"),
        json!({"id": "good-2", "kind": "quiz_answered", "course": COURSE, "lesson": s1, "answers": right1}),
    ];
    let opened = |n: usize| json!({"id": format!("o-{n}"), "kind": "lesson_opened", "course": COURSE, "lesson": s0});
    events.extend((0..500).map(opened));
    let r = post_events(&server, Some(&cookie), &json!({"events": events}));
    assert_eq!(r.status, 200, "{}", r.text());
    let v = json_of(&r);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 507, "one result per event");
    let s = statuses(&v);
    assert_eq!(
        &s[..7],
        [
            "applied", "rejected", "applied", "rejected", "rejected", "rejected", "applied"
        ]
    );
    let reason = |i: usize| results[i]["reason"].as_str().unwrap().to_string();
    assert!(reason(1).contains("malformed"), "{}", reason(1));
    // Unknown fields are ignored (older and newer clients keep working); a score is not read.
    assert_eq!(results[2]["reason"], Value::Null);
    assert!(reason(3).contains("deployed"), "{}", reason(3));
    assert!(reason(4).contains("changed"), "{}", reason(4));
    assert_eq!(results[6]["passed"], false);
    // Past the limit of 500: rejected, to be sent again, and not stored.
    assert!(s[7..500].iter().all(|x| x == "applied"));
    assert!(s[500..].iter().all(|x| x == "rejected"));
    assert_eq!(results[506]["retry"], true);
    assert!(reason(506).contains("500"));
    assert!(results[0].get("retry").is_none());
    assert_eq!(
        count(&server, hocvu_store::entities::progress_events::Entity),
        3 + 493
    );
    // A body that is not a batch at all is one clear 400.
    let broken = server.request(
        "POST",
        "/api/v1/me/events",
        &[
            ("Content-Type", "application/json"),
            ("Cookie", &cookie),
            ("Origin", &server.base),
        ],
        Some("{\"events\": 5}"),
    );
    assert_eq!(broken.status, 400);
    assert!(json_of(&broken)["error"]["code"].is_string());
}

fn a_visitor_sending_answers_from_this_site_becomes_a_guest(server: Server) {
    let (s0, _, right0) = answers(0, true);
    let batch = json!({"events": [{"id": "v-1", "kind": "quiz_answered", "course": COURSE, "lesson": s0, "answers": right0, "lang": "rad"}]});
    // A queue that names an account, sent without its session (expired): kept for it, no guest.
    let mut theirs = batch.clone();
    theirs["learner"] = json!("l42");
    let expired = post_events(&server, None, &theirs);
    assert_eq!(expired.status, 200);
    assert!(expired.header("set-cookie").is_none());
    let r = &json_of(&expired)["results"][0];
    assert_eq!(
        (r["status"].as_str(), r["retry"].as_bool()),
        (Some("rejected"), Some(true))
    );
    // …or with someone else's session: kept too.
    let other = learner(&server, "nguoi-khac");
    let wrong = json_of(&post_events(&server, Some(&other), &theirs));
    assert_eq!(wrong["results"][0]["retry"], true);
    assert_eq!(
        count(&server, hocvu_store::entities::quiz_attempts::Entity),
        0
    );
    // From another site, or with nothing to store: no guest.
    let foreign = server.request(
        "POST",
        "/api/v1/me/events",
        &[
            ("Content-Type", "application/json"),
            ("Origin", "https://evil.example"),
        ],
        Some(&batch.to_string()),
    );
    assert_eq!(foreign.status, 401);
    let empty = post_events(&server, None, &json!({"events": []}));
    assert_eq!(empty.status, 200);
    assert!(empty.header("set-cookie").is_none());
    let r = post_events(&server, None, &batch);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(statuses(&json_of(&r)), ["applied"]);
    let cookie = support::session_cookie(&r);
    // The guest started for the queue has the language the answers were given in.
    let me = json_of(&server.get_with("/api/v1/me", &[("Cookie", &cookie)]));
    assert_eq!(
        (me["guest"].as_bool(), me["locale"].as_str()),
        (Some(true), Some("rad"))
    );
    let me = json_of(&server.get_with("/api/v1/me/progress", &[("Cookie", &cookie)]));
    let course = me["courses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["course"] == COURSE)
        .unwrap();
    assert_eq!(course["lessons_done"], json!([s0]));
    // The guest's answers stay theirs when they register.
    let reg = support::register(&server, Some(&cookie), "khach-moi", "Y Ƀhăm");
    let account = support::session_cookie(&reg);
    let after = json_of(&server.get_with("/api/v1/me/progress", &[("Cookie", &account)]));
    assert!(
        after["courses"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["course"] == COURSE && c["lessons_done"] == json!([s0]))
    );
}

fn a_form_answer_with_an_event_id_counts_once(server: Server) {
    let cookie = learner(&server, "gui-hai-lan");
    let c = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap();
    let lesson = &c.bundle.lessons[0];
    let form = support::form_answers(&lesson.source().unwrap().quiz, true) + "&event_id=p-form-1";
    let path = format!("/vi/courses/{COURSE}/{}/", lesson.slug);
    for _ in 0..2 {
        let r = server.post_form_with(&path, &form, &[("Cookie", &cookie)]);
        assert_eq!(r.status, 200, "{}", r.text());
        assert!(r.text().contains("class=\"result passed\""));
    }
    assert_eq!(
        count(&server, hocvu_store::entities::quiz_attempts::Entity),
        1
    );
    // The same answer queued on the phone after the reply was lost: a duplicate.
    let (slug, _, right) = answers(0, true);
    let replay = json!({"events": [{"id": "p-form-1", "kind": "quiz_answered", "course": COURSE, "lesson": slug, "answers": right}]});
    assert_eq!(
        statuses(&json_of(&post_events(&server, Some(&cookie), &replay))),
        ["duplicate"]
    );
    assert_eq!(
        count(&server, hocvu_store::entities::quiz_attempts::Entity),
        1
    );
    // `?checked=1` shows those answers with their marks again.
    let checked = server.get_with(&format!("{path}?checked=1"), &[("Cookie", &cookie)]);
    assert!(
        checked.text().contains("class=\"result passed\""),
        "{}",
        checked.text()
    );
    let plain = server.get_with(&path, &[("Cookie", &cookie)]);
    assert!(!plain.text().contains("class=\"result passed\""));
}

fn saving_a_course_for_offline_does_not_open_its_lessons(server: Server) {
    let cookie = learner(&server, "luu-ve-may");
    let pack = json_of(&server.get(&format!("/rad/courses/{COURSE}/offline.json")));
    assert_eq!(pack["key"], format!("rad/{COURSE}"));
    let urls: Vec<&str> = pack["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u.as_str().unwrap())
        .collect();
    let c = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == COURSE)
        .unwrap();
    for l in &c.bundle.lessons {
        assert!(urls.contains(&format!("/rad/courses/{COURSE}/{}/", l.slug).as_str()));
    }
    assert!(
        urls.iter()
            .any(|u| u.starts_with("/static/") && u.ends_with(".css"))
    );
    assert!(
        urls.iter()
            .any(|u| u.starts_with("/static/offline-") && u.ends_with(".js"))
    );
    // Every file is served, and the size is what a phone downloads (Brotli), within reason.
    let mut sum = 0;
    for u in &urls {
        let r = server.get_with(u, &[("Accept-Encoding", "br")]);
        assert_eq!(r.status, 200, "{u}");
        sum += r.body.len();
    }
    let bytes = pack["bytes"].as_u64().unwrap() as usize;
    assert!(
        bytes.abs_diff(sum) < sum / 10,
        "pack says {bytes}, served {sum}"
    );
    // A learner's phone fetching the lessons to keep them has not read them.
    for l in &c.bundle.lessons {
        let path = format!("/rad/courses/{COURSE}/{}/", l.slug);
        let r = server.get_with(&path, &[("Cookie", &cookie), ("Hocvu-Save", "1")]);
        assert_eq!(r.status, 200);
    }
    let progress = json_of(&server.get_with("/api/v1/me/progress", &[("Cookie", &cookie)]));
    assert!(
        progress["courses"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["lessons_done"] == json!([]))
    );
    assert_eq!(
        count(&server, hocvu_store::entities::lesson_progress::Entity),
        0
    );
    assert_eq!(server.get("/rad/courses/nope/offline.json").status, 404);
    assert_eq!(server.get("/xx/courses/vneid/offline.json").status, 404);
}

#[test]
fn the_service_worker_manifest_and_icons_are_served_and_the_kill_switch_works() {
    let server = Server::start(&[]);
    let sw = server.get("/sw.js");
    assert_eq!(sw.status, 200);
    assert!(
        sw.header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    assert_eq!(sw.header("cache-control"), Some("no-cache"));
    let text = sw.text();
    assert!(text.contains("const KILLED = false;"));
    let page = server.get("/rad/").text();
    assert!(page.contains("data-sw=\"on\""));
    let build = text.split('\'').nth(1).unwrap();
    assert!(page.contains(&format!("data-build=\"{build}\"")));
    let csp = server
        .get("/rad/")
        .header("content-security-policy")
        .unwrap()
        .to_string();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert!(!page.contains("<script>"), "no inline script");
    let manifest = json_of(&server.get("/rad/manifest.webmanifest"));
    assert_eq!(manifest["start_url"], "/rad/");
    assert_eq!(manifest["lang"], "rad");
    for icon in manifest["icons"].as_array().unwrap() {
        let r = server.get(icon["src"].as_str().unwrap());
        assert_eq!(r.status, 200);
        let img = image::load_from_memory(&r.body).unwrap();
        assert_eq!(format!("{}x{}", img.width(), img.height()), icon["sizes"]);
    }
    assert!(
        manifest["icons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["sizes"] == "192x192")
    );
    assert!(
        manifest["icons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["purpose"] == "maskable")
    );
    // The budget: page script and worker together at most 8 KB as downloaded (Brotli).
    let script = page
        .split("<script defer src=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let br = |path: &str| server.get_with(path, &[("Accept-Encoding", "br")]);
    let (script_br, worker_br) = (br(&script), br("/sw.js"));
    assert_eq!(script_br.header("content-encoding"), Some("br"));
    let weight = script_br.body.len() + worker_br.body.len();
    assert!(weight <= 8_000, "script + worker = {weight} B");
    // Both parse as served (comments and indentation are stripped at start).
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in [
        ("page.js", server.get(&script).text()),
        ("sw.js", text.clone()),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, body).unwrap();
        match std::process::Command::new("node")
            .arg("--check")
            .arg(&file)
            .output()
        {
            Ok(out) => assert!(
                out.status.success(),
                "{name}: {}",
                String::from_utf8_lossy(&out.stderr)
            ),
            Err(e) => assert!(
                std::env::var_os("CI").is_none(),
                "node is needed in CI: {e}"
            ),
        }
    }
    let offline = server.get("/vi/offline");
    assert_eq!(offline.status, 200);
    assert!(offline.text().contains("id=\"saved-courses\""));
    drop(server);

    // The kill switch: phones get a worker that removes itself, pages stop registering it.
    let killed = Server::start_with_env(&[], &[("HOCVU_SERVICE_WORKER", "false")]);
    assert!(killed.get("/sw.js").text().contains("const KILLED = true;"));
    assert!(killed.get("/rad/").text().contains("data-sw=\"off\""));
}

/// The scripts' pure parts (ids, partial acknowledgements) under Node's test runner.
#[test]
fn the_offline_scripts_unit_tests_pass_under_node() {
    let script = support::repo("crates/hocvu-web/scripts/tests/queue.test.js");
    let out = match std::process::Command::new("node")
        .arg("--test")
        .arg(&script)
        .output()
    {
        Ok(out) => out,
        Err(e) if std::env::var_os("CI").is_none() => {
            eprintln!("note: node not found ({e}); the scripts' unit tests were skipped");
            return;
        }
        Err(e) => panic!("node is needed in CI: {e}"),
    };
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
