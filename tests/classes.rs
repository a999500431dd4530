#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Commune classes and village guidance sessions end to end: units with villages, facilitator
//! roles, a session created on the facilitator's page, two participants checking themselves in
//! (one from the QR code, one typing the code in lower case with a hyphen, as a guest who then
//! registers), an old code refused, the headcount, the commune report and its CSV, closing —
//! and who may do what (facilitators of another commune, learners, visitors).

mod support;

use support::{Server, cli, get, post, session_cookie, urlencode};

on_both_databases!(
    a_class_from_creation_to_the_commune_report,
    sessions_through_the_json_api,
    who_may_see_and_do_what
);

const UNITS: &str = "code,name,parent_code,kind,adults\n\
P,Tỉnh Thử,,province,\n\
C1,Xã Một,P,commune,400\n\
V1,Buôn Ea,C1,village,\n\
V2,Thôn Hai,C1,village,\n\
C2,Phường Hai,P,ward,\n\
V3,Tổ dân phố Ba,C2,village,\n";

fn account(server: &Server, username: &str, cookie: Option<&str>) -> String {
    let body = format!(
        "username={username}&display_name={}&commune=&password=Nui%21Cao%21Suoi7&password2=Nui%21Cao%21Suoi7&consent={}",
        urlencode(username),
        hocvu_web::CONSENT_VERSION
    );
    let extra: Vec<(&str, &str)> = cookie.map(|c| vec![("Cookie", c)]).unwrap_or_default();
    let r = server.post_form_with("/vi/account/register", &body, &extra);
    assert_eq!(r.status, 303, "{}", r.text());
    session_cookie(&r)
}

/// A session running now, as the form takes it: started ten minutes ago, on today's date in
/// Vietnam, ending within the day.
fn running_now() -> String {
    let now = hocvu_store::now_ms();
    let date = hocvu_dates::vietnam_date(now);
    let midnight = hocvu_dates::vietnam_ms(&date, "00:00").unwrap();
    let start = (now - 10 * 60_000).max(midnight);
    let end = (start + 70 * 60_000).min(midnight + 86_400_000 - 60_000);
    format!(
        "date={date}&start={}&end={}",
        hocvu_dates::vietnam_time(start),
        hocvu_dates::vietnam_time(end)
    )
    .replace(':', "%3A")
}

fn shown_code(page: &str) -> String {
    let at = page
        .find("class=\"checkin-code\"")
        .expect("the code on the screen");
    let rest = &page[at..];
    let start = rest.find("<strong>").unwrap() + 8;
    let end = rest.find("</strong>").unwrap();
    rest[start..end].to_string()
}

fn a_class_from_creation_to_the_commune_report(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, UNITS).unwrap();
    assert!(cli(&server, &["org", "import", units.to_str().unwrap()]).contains("6 added"));
    let fa = account(&server, "facil_a", None);
    let fb = account(&server, "facil_b", None);
    let manager = account(&server, "mgr1", None);
    let learner = account(&server, "hoc1", None);
    cli(
        &server,
        &["user", "grant", "facil_a", "facilitator", "--unit", "C1"],
    );
    cli(
        &server,
        &["user", "grant", "facil_b", "facilitator", "--unit", "C2"],
    );
    cli(
        &server,
        &["user", "grant", "mgr1", "manager", "--unit", "C1"],
    );

    // Registration offers the commune's villages, and only a village of the chosen commune.
    let form = get(&server, None, "/vi/account/register").text();
    assert!(
        form.contains("<optgroup label=\"Xã Một\"><option value=\"V1\">"),
        "{form}"
    );
    let with_village = |village: &str| {
        post(
            &server,
            None,
            "/vi/account/register",
            &format!(
                "username=dan_{village}&display_name=Y+Ami&commune=C1&village={village}&password=Nui%21Cao%21Suoi7&password2=Nui%21Cao%21Suoi7&consent={}",
                hocvu_web::CONSENT_VERSION
            ),
        )
    };
    assert_eq!(with_village("V3").status, 400, "a village of another ward");
    let villager = with_village("V1");
    assert_eq!(villager.status, 303);
    let export = get(
        &server,
        Some(&session_cookie(&villager)),
        "/vi/account/data.json",
    )
    .text();
    assert!(export.contains("\"village\":\"V1\""), "{export}");

    // Who may open the facilitator's page.
    assert_eq!(
        get(&server, None, "/vi/facilitate/").status,
        303,
        "visitor: log in"
    );
    assert_eq!(get(&server, Some(&learner), "/vi/facilitate/").status, 403);
    let page = get(&server, Some(&fa), "/vi/facilitate/");
    assert_eq!(page.status, 200);
    let page = page.text();
    assert!(
        page.contains("href=\"/vi/facilitate/\""),
        "the header links to it"
    );
    assert!(page.contains("value=\"V1\"") && page.contains("value=\"C1\""));
    assert!(
        !page.contains("value=\"C2\""),
        "another commune is not offered"
    );

    // Bad sessions are refused with a reason and store nothing.
    let when = running_now();
    for (body, why) in [
        (
            format!("kind=class&unit=C2&{when}&place=X&course=vneid"),
            "another commune",
        ),
        (
            format!("kind=class&unit=V1&{when}&place=X&course=vneid"),
            "a class at a village",
        ),
        (
            format!("kind=guidance&unit=C1&{when}&place=X&course=vneid"),
            "guidance at a commune",
        ),
        (
            format!("kind=class&unit=C1&{when}&place=X&course=khong-co"),
            "unknown course",
        ),
        (format!("kind=class&unit=C1&{when}&place=X"), "no course"),
        (
            "kind=class&unit=C1&date=2026-02-30&start=08%3A00&end=09%3A00&place=X&course=vneid"
                .to_string(),
            "no such day",
        ),
        (
            "kind=class&unit=C1&date=2026-12-01&start=10%3A00&end=09%3A00&place=X&course=vneid"
                .to_string(),
            "ends before it starts",
        ),
        (
            format!("kind=class&unit=C1&{when}&place=&course=vneid"),
            "no place",
        ),
        (
            "kind=class&unit=C1&date=2026-11-01&start=08%3A00&end=10%3A00&place=X&course=vneid"
                .to_string(),
            "already over: no back-dated sessions to meet a target",
        ),
    ] {
        let r = post(&server, Some(&fa), "/vi/facilitate/sessions", &body);
        assert!(r.status == 400 || r.status == 403, "{why}: {}", r.status);
    }
    let list = get(&server, Some(&fa), "/vi/facilitate/").text();
    assert!(
        list.contains("Hôm nay chưa có buổi học nào."),
        "nothing was stored"
    );

    // A co-facilitator must run sessions there: facilitator B (another ward) cannot be named.
    let with_b = post(
        &server,
        Some(&fa),
        "/vi/facilitate/sessions",
        &format!("kind=class&unit=C1&{when}&place=X&course=vneid&facilitators=facil_b"),
    );
    assert_eq!(with_b.status, 400);
    assert!(with_b.text().contains("facil_b"));
    // A class at the commune, covering two courses.
    let created = post(
        &server,
        Some(&fa),
        "/vi/facilitate/sessions",
        &format!(
            "kind=class&unit=C1&{when}&place=Nh%C3%A0+v%C4%83n+ho%C3%A1&course=vneid&course=thanh-toan-qr&facilitators=mgr1"
        ),
    );
    assert_eq!(created.status, 303, "{}", created.text());
    let session_path = created.header("location").unwrap().to_string();
    let id: i64 = session_path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let screen = get(&server, Some(&fa), &session_path);
    assert_eq!(screen.status, 200);
    let refresh: u64 = screen.header("refresh").unwrap().parse().unwrap();
    assert!(
        (1..=61).contains(&refresh),
        "reloads when the code changes: {refresh}"
    );
    let screen = screen.text();
    assert!(
        screen.contains("<svg class=\"qr\""),
        "QR code on the screen"
    );
    assert!(
        screen.contains("facil_a, mgr1"),
        "both facilitators present are named"
    );
    let code = shown_code(&screen);
    assert_eq!(code.len(), 11, "{code}");

    // Other people's sessions: facilitator B and a learner by URL; the commune's manager may.
    assert_eq!(get(&server, Some(&fb), &session_path).status, 403);
    assert_eq!(get(&server, Some(&learner), &session_path).status, 403);
    assert_eq!(get(&server, Some(&manager), &session_path).status, 200);
    assert_eq!(
        post(
            &server,
            Some(&fb),
            &format!("{session_path}headcount"),
            "others=3"
        )
        .status,
        403
    );
    assert_eq!(
        get(&server, Some(&fa), "/vi/facilitate/sessions/999999/").status,
        404
    );
    assert_eq!(
        get(&server, Some(&fa), "/vi/facilitate/sessions/abc/").status,
        404
    );

    let wrong_qr = get(
        &server,
        Some(&learner),
        &format!("/vi/checkin/{id}/ABCDEFGHJK"),
    );
    assert_eq!(
        wrong_qr.status, 400,
        "a QR link with a wrong code is refused (and throttled)"
    );
    assert!(wrong_qr.text().contains("Mã không đúng hoặc đã hết hạn"));
    // Participant 1 (an account) from the QR code: the link only asks, the button checks in.
    let qr_path = format!("/vi/checkin/{id}/{}", code.replace('-', ""));
    let confirm = get(&server, Some(&learner), &qr_path);
    assert_eq!(confirm.status, 200);
    assert!(confirm.text().contains(&code));
    let done = post(
        &server,
        Some(&learner),
        "/vi/checkin",
        &format!("session={id}&code={code}&method=qr"),
    );
    assert_eq!(done.status, 200, "{}", done.text());
    let done = done.text();
    assert!(done.contains("Bạn đã điểm danh."));
    assert!(
        done.contains("href=\"/vi/courses/vneid/\""),
        "on to the first course"
    );
    let again = post(
        &server,
        Some(&learner),
        "/vi/checkin",
        &format!("code={code}"),
    )
    .text();
    assert!(
        again.contains("Bạn đã điểm danh buổi này rồi."),
        "a second check-in changes nothing"
    );
    // Nobody checks anyone else in: there is no such field.
    let on_behalf = post(
        &server,
        Some(&fa),
        "/vi/checkin",
        &format!("code={code}&learner=4"),
    );
    assert_eq!(on_behalf.status, 400);

    // Participant 2: a visitor types the code in lower case with a hyphen, becomes a guest,
    // and keeps the check-in when registering.
    let typed = post(
        &server,
        None,
        "/vi/checkin",
        &format!("code={}", code.to_lowercase()),
    );
    assert_eq!(typed.status, 200, "{}", typed.text());
    let guest = session_cookie(&typed);
    let registered = account(&server, "hoc2", Some(&guest));
    let learning = get(&server, Some(&registered), "/vi/learning/").text();
    assert!(learning.contains("Buổi học bạn đã tham gia"), "{learning}");
    assert!(learning.contains("Nhà văn hoá"));

    // A code from five minutes ago, wrong codes and malformed ones: one clear message.
    let url = server.database_url();
    let secret = support::block_on(async {
        let store = hocvu_store::Store::connect(&url).await.unwrap();
        store.session(id).await.unwrap().unwrap().code_secret
    });
    let old = hocvu_web::classes::code::current(&secret, id, hocvu_store::now_ms() - 5 * 60_000).0;
    for bad in [old.grouped(), "ABCDE-FGHJK".into(), "123".into(), "".into()] {
        let r = post(&server, None, "/vi/checkin", &format!("code={bad}"));
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.text().contains("Mã không đúng hoặc đã hết hạn"), "{bad}");
        assert!(
            r.header("set-cookie").is_none(),
            "a refused check-in makes no guest"
        );
    }

    // The headcount: numbers only, within reason.
    for bad in [
        "others=-1",
        "others=1001",
        "others=abc",
        "others=3&women=4",
        "others=3&name=Ami",
    ] {
        assert_eq!(
            post(&server, Some(&fa), &format!("{session_path}headcount"), bad).status,
            400,
            "{bad}"
        );
    }
    assert_eq!(
        post(
            &server,
            Some(&fa),
            &format!("{session_path}headcount"),
            "others=12&women=7&minority="
        )
        .status,
        303
    );

    // The commune's report: one class held, 2 + 12 participants; the CSV says the same.
    let report = get(&server, Some(&manager), "/vi/manage/units/C1/sessions/");
    assert_eq!(report.status, 200);
    let report = report.text();
    assert!(report.contains("<th scope=\"row\">Xã Một</th><td data-label=\"Loại buổi\">Lớp học</td><td class=\"n\" data-label=\"Đã tổ chức\">1</td><td class=\"n\" data-label=\"Chỉ tiêu\">5</td><td class=\"n\" data-label=\"Người tham gia\">14</td>"), "{report}");
    assert!(report.contains(
        "<th scope=\"row\">Buôn Ea</th><td data-label=\"Loại buổi\">Buổi hướng dẫn</td><td class=\"n\" data-label=\"Đã tổ chức\">0</td><td class=\"n\" data-label=\"Chỉ tiêu\">10</td>"
    ));
    let csv = get(&server, Some(&manager), "/vi/manage/units/C1/sessions.csv").text();
    assert!(csv.contains("C1,Xã Một,commune,P,class,1,5,no,14"), "{csv}");
    assert!(
        csv.contains("V1,Buôn Ea,village,C1,guidance,0,10,no,0"),
        "{csv}"
    );
    assert_eq!(
        get(&server, Some(&fb), "/vi/manage/units/C1/sessions/").status,
        403,
        "not a manager"
    );

    // The monthly summary counts this month's class and its participants.
    let monthly = get(&server, Some(&manager), "/vi/manage/monthly/?unit=C1").text();
    assert!(monthly.contains("Lớp học đã tổ chức: 1"), "{monthly}");
    assert!(monthly.contains("Người tham gia lớp học và buổi hướng dẫn: 14"));
    // Closing: no more check-ins, even with the current code.
    assert_eq!(
        post(&server, Some(&fa), &format!("{session_path}close"), "").status,
        303
    );
    let closed = get(&server, Some(&fa), &session_path);
    assert!(closed.header("refresh").is_none());
    assert!(closed.text().contains("Buổi học đã kết thúc."));
    let late = post(
        &server,
        None,
        "/vi/checkin",
        &format!("session={id}&code={code}"),
    );
    assert_eq!(late.status, 410);
    assert!(late.text().contains("đã kết thúc"));
    // The commune's manager names a facilitator for a village of the commune, not elsewhere.
    let people = get(&server, Some(&manager), "/vi/manage/units/C1/facilitators/").text();
    assert!(people.contains("facil_a"), "{people}");
    let grant = |unit: &str| {
        post(
            &server,
            Some(&manager),
            "/vi/manage/units/C1/facilitators/grant",
            &format!("username=hoc2&unit={unit}"),
        )
    };
    assert_eq!(grant("V3").status, 403, "a village of another ward");
    assert_eq!(grant("V1").status, 303);
    assert_eq!(
        get(&server, Some(&registered), "/vi/facilitate/").status,
        200,
        "now a facilitator"
    );
    assert_eq!(
        post(
            &server,
            Some(&fb),
            "/vi/manage/units/C1/facilitators/grant",
            "username=hoc1&unit=V1"
        )
        .status,
        403,
        "facilitators name nobody"
    );
    // The sheet prints the courses' QR codes and the check-in QR.
    let sheet = get(&server, Some(&fa), &format!("{session_path}sheet")).text();
    assert_eq!(
        sheet.matches("<svg class=\"qr\"").count(),
        3,
        "check-in + two courses"
    );
    // A participant deleting their account takes their name away, not the class's count.
    assert_eq!(
        post(
            &server,
            Some(&registered),
            "/vi/account/delete",
            "confirm=yes"
        )
        .status,
        303
    );
    let report = get(&server, Some(&manager), "/vi/manage/units/C1/sessions/").text();
    assert!(
        report.contains("data-label=\"Người tham gia\">14</td>"),
        "still 14 after a deletion: {report}"
    );
}

fn api(
    server: &Server,
    method: &str,
    path: &str,
    token: &str,
    body: Option<serde_json::Value>,
) -> (u16, serde_json::Value) {
    let auth = format!("Bearer {token}");
    let body = body.map(|b| b.to_string());
    let r = server.request(
        method,
        path,
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
        ],
        body.as_deref(),
    );
    let status = r.status;
    (
        status,
        serde_json::from_str(&r.text()).unwrap_or(serde_json::Value::Null),
    )
}

fn token(server: &Server, username: &str) -> String {
    let body = serde_json::json!({"username": username, "password": "Nui!Cao!Suoi7", "display_name": username,
        "consent_version": hocvu_web::CONSENT_VERSION}).to_string();
    let r = server.request(
        "POST",
        "/api/v1/register",
        &[("Content-Type", "application/json")],
        Some(&body),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    serde_json::from_str::<serde_json::Value>(&r.text()).unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}

fn sessions_through_the_json_api(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, UNITS).unwrap();
    cli(&server, &["org", "import", units.to_str().unwrap()]);
    let team = token(&server, "team_v1");
    let other = token(&server, "team_v3");
    let citizen = token(&server, "citizen1");
    cli(
        &server,
        &["user", "grant", "team_v1", "facilitator", "--unit", "V1"],
    );
    cli(
        &server,
        &["user", "grant", "team_v3", "facilitator", "--unit", "V3"],
    );
    let now = hocvu_store::now_ms();
    let date = hocvu_dates::vietnam_date(now);
    let midnight = hocvu_dates::vietnam_ms(&date, "00:00").unwrap();
    let start = hocvu_dates::vietnam_time((now - 10 * 60_000).max(midnight));
    let end = hocvu_dates::vietnam_time((now + 60 * 60_000).min(midnight + 86_400_000 - 60_000));
    let new = serde_json::json!({"unit": "V1", "kind": "guidance", "date": date, "start": start, "end": end,
        "place": "Nhà rông buôn Ea", "courses": ["thanh-toan-qr"]});
    assert_eq!(
        api(
            &server,
            "POST",
            "/api/v1/sessions",
            &citizen,
            Some(new.clone())
        )
        .0,
        403,
        "not a facilitator"
    );
    let (status, refused) = api(
        &server,
        "POST",
        "/api/v1/sessions",
        &other,
        Some(new.clone()),
    );
    assert_eq!(status, 403, "another village");
    let why = refused["error"]["message"].as_str().unwrap().to_string();
    assert!(
        why.contains("không thuộc"),
        "the reason is in the message: {why}"
    );
    let (status, created) = api(&server, "POST", "/api/v1/sessions", &team, Some(new));
    assert_eq!(status, 201, "{created}");
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["open"], true);
    let (status, list) = api(&server, "GET", "/api/v1/sessions", &team, None);
    assert_eq!((status, list.as_array().unwrap().len()), (200, 1));
    assert_eq!(
        api(
            &server,
            "GET",
            &format!("/api/v1/sessions/{id}"),
            &other,
            None
        )
        .0,
        403
    );

    // The citizen checks in with the code on the screen (read here from the secret).
    let url = server.database_url();
    let secret = support::block_on(async {
        let store = hocvu_store::Store::connect(&url).await.unwrap();
        store.session(id).await.unwrap().unwrap().code_secret
    });
    let code = hocvu_web::classes::code::current(&secret, id, hocvu_store::now_ms())
        .0
        .grouped();
    let path = format!("/api/v1/sessions/{id}/checkin");
    let (status, wrong) = api(
        &server,
        "POST",
        &path,
        &citizen,
        Some(serde_json::json!({"code": "ABCDE-FGHJK"})),
    );
    assert_eq!(
        (status, wrong["error"]["code"].as_str()),
        (400, Some("wrong_code"))
    );
    let (status, ok) = api(
        &server,
        "POST",
        &path,
        &citizen,
        Some(serde_json::json!({"code": code})),
    );
    assert_eq!(
        (status, ok["status"].as_str()),
        (200, Some("checked_in")),
        "{ok}"
    );
    let (_, again) = api(
        &server,
        "POST",
        &path,
        &citizen,
        Some(serde_json::json!({"code": code})),
    );
    assert_eq!(again["status"], "already");
    let (status, _) = api(
        &server,
        "POST",
        &path,
        &citizen,
        Some(serde_json::json!({"code": code, "learner": 1})),
    );
    assert_eq!(status, 400, "no checking in someone else");

    let head = format!("/api/v1/sessions/{id}/headcount");
    assert_eq!(
        api(
            &server,
            "POST",
            &head,
            &team,
            Some(serde_json::json!({"others": 1001}))
        )
        .0,
        400
    );
    assert_eq!(
        api(
            &server,
            "POST",
            &head,
            &citizen,
            Some(serde_json::json!({"others": 3}))
        )
        .0,
        403
    );
    let (status, report) = api(
        &server,
        "POST",
        &head,
        &team,
        Some(serde_json::json!({"others": 9, "women": 5})),
    );
    assert_eq!(status, 200);
    assert_eq!(
        (
            report["checked_in"].as_i64(),
            report["participants"].as_i64()
        ),
        (Some(1), Some(10))
    );

    // The OpenAPI document describes all of it.
    let doc = server.get("/api/v1/openapi.json").text();
    for p in [
        "/api/v1/sessions",
        "/api/v1/sessions/{id}/checkin",
        "/api/v1/sessions/{id}/headcount",
    ] {
        assert!(doc.contains(p), "{p}");
    }
}

/// Every session page and action × visitor, learner, facilitator of the commune, facilitator of
/// another ward, the commune's manager: the status each gets.
fn who_may_see_and_do_what(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, UNITS).unwrap();
    cli(&server, &["org", "import", units.to_str().unwrap()]);
    let learner = account(&server, "hoc_m", None);
    let fa = account(&server, "facil_ma", None);
    let fb = account(&server, "facil_mb", None);
    let manager = account(&server, "mgr_m", None);
    cli(
        &server,
        &["user", "grant", "facil_ma", "facilitator", "--unit", "C1"],
    );
    cli(
        &server,
        &["user", "grant", "facil_mb", "facilitator", "--unit", "C2"],
    );
    cli(
        &server,
        &["user", "grant", "mgr_m", "manager", "--unit", "C1"],
    );
    let when = running_now();
    let created = post(
        &server,
        Some(&fa),
        "/vi/facilitate/sessions",
        &format!("kind=class&unit=C1&{when}&place=Nh%C3%A0&course=vneid"),
    );
    let s = created.header("location").unwrap().to_string();
    let edit = format!("{when}&place=Kh%C3%A1c&course=vneid");
    // (method, path, body), then the status for visitor, learner, fa, fb, manager.
    let matrix: Vec<(&str, String, String, [u16; 5])> = vec![
        (
            "GET",
            "/vi/facilitate/".into(),
            "".into(),
            [303, 403, 200, 200, 200],
        ),
        ("GET", s.clone(), "".into(), [303, 403, 200, 403, 200]),
        (
            "GET",
            format!("{s}sheet"),
            "".into(),
            [303, 403, 200, 403, 200],
        ),
        (
            "POST",
            format!("{s}headcount"),
            "others=2".into(),
            [303, 403, 303, 403, 303],
        ),
        (
            "POST",
            format!("{s}edit"),
            edit.clone(),
            [303, 403, 303, 403, 303],
        ),
        (
            "GET",
            "/vi/manage/units/C1/sessions/".into(),
            "".into(),
            [303, 403, 403, 403, 200],
        ),
        (
            "GET",
            "/vi/manage/units/C1/sessions.csv".into(),
            "".into(),
            [303, 403, 403, 403, 200],
        ),
        (
            "GET",
            "/vi/manage/units/C2/sessions/".into(),
            "".into(),
            [303, 403, 403, 403, 403],
        ),
        (
            "GET",
            "/vi/manage/units/C1/facilitators/".into(),
            "".into(),
            [303, 403, 403, 403, 200],
        ),
        (
            "POST",
            "/vi/manage/units/C1/facilitators/grant".into(),
            "username=hoc_m&unit=V2".into(),
            [303, 403, 403, 403, 303],
        ),
        (
            "POST",
            format!("{s}close"),
            "".into(),
            [303, 403, 403, 403, 303],
        ),
    ];
    let actors = [None, Some(&learner), Some(&fa), Some(&fb), Some(&manager)];
    let names = [
        "visitor",
        "learner",
        "facilitator A",
        "facilitator B",
        "manager",
    ];
    for (method, path, body, expected) in &matrix {
        // Close is last and done by the manager: facilitator A closing first would change it.
        for (i, actor) in actors.iter().enumerate() {
            if path.ends_with("close") && i == 2 {
                continue;
            }
            let got = match *method {
                "GET" => get(&server, actor.map(String::as_str), path).status,
                _ => post(&server, actor.map(String::as_str), path, body).status,
            };
            assert_eq!(got, expected[i], "{} {method} {path}", names[i]);
        }
    }
    // Forms from another site are refused before anything else.
    let forged = server.request(
        "POST",
        &format!("{s}headcount"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "https://evil.example"),
            ("Cookie", &fa),
        ],
        Some("others=1"),
    );
    assert_eq!(forged.status, 403);
}
