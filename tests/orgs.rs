#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Units, roles, staff activation, assignments and reports over HTTP and the command line:
//! who may see and do what (every role × every report and action, including other units'
//! pages by URL), report figures against numbers computed here, and CSV safety.

mod support;

use support::{Server, cli, get, post, right_answers, session_cookie, urlencode};

on_both_databases!(
    roles_reports_and_assignments_end_to_end,
    every_page_has_the_viewers_header
);

const UNITS: &str = "code,name,parent_code,kind,adults\n\
P,Tỉnh Thử,,province,\n\
A,Sở A,P,agency,\n\
A1,\"Phòng A1, Sở A\",A,department,\n\
B,Sở B,P,agency,\n\
C1,Xã Một,P,commune,40\n\
C2,Phường Hai,P,ward,\n";

/// Four staff in A's subtree (one with a name a spreadsheet would run as a formula), one in B.
const STAFF: &str = "name,unit,position,staff_id\n\
H'Hen Niê,A1,Chuyên viên,1\n\
\"Y Ƀhăm Ê\u{306}ban, \"\"Ami\"\"\",A1,Chuyên viên,2\n\
=cmd|' /C calc'!A0,A,Văn thư,3\n\
Nguyễn Văn Bốn,A,Trưởng phòng,4\n\
Trần Thị Năm,B,Chuyên viên,5\n";

const COURSE: &str = "hoc-voi-hocvu";

fn account(server: &Server, username: &str, commune: &str) -> String {
    let body = format!(
        "username={username}&display_name={}&commune={commune}&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
        urlencode(username),
        hocvu_web::CONSENT_VERSION
    );
    let r = server.post_form("/vi/account/register", &body);
    assert_eq!(r.status, 303, "{}", r.text());
    session_cookie(&r)
}

fn roles_reports_and_assignments_end_to_end(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, UNITS).unwrap();
    let staff = dir.path().join("staff.csv");
    std::fs::write(&staff, STAFF).unwrap();
    assert!(cli(&server, &["org", "import", units.to_str().unwrap()]).contains("6 added"));
    assert!(
        cli(&server, &["org", "import", units.to_str().unwrap()]).contains("6 unchanged"),
        "idempotent"
    );
    assert!(cli(&server, &["org", "import-staff", staff.to_str().unwrap()]).contains("5 added"));

    // The commune is now picked from the list.
    let form = server.get("/vi/account/register").text();
    assert!(
        form.contains("<option value=\"C1\">Xã Một</option>"),
        "{form}"
    );
    let bad = post(
        &server,
        None,
        "/vi/account/register",
        &format!(
            "username=zz1&display_name=Z&commune=Ea+Kao&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
            hocvu_web::CONSENT_VERSION
        ),
    );
    assert_eq!(bad.status, 400);

    let admin = account(&server, "admin1", "");
    let mgr_a = account(&server, "mgra", "");
    let mgr_b = account(&server, "mgrb", "");
    let author = account(&server, "auth1", "");
    let learner = account(&server, "learner1", "C1");
    for i in 0..4 {
        account(&server, &format!("citizen{i}"), "C1");
    }
    account(&server, "citizen9", "C2");
    cli(&server, &["user", "grant", "admin1", "admin"]);
    cli(
        &server,
        &["user", "grant", "mgra", "manager", "--unit", "A"],
    );
    cli(
        &server,
        &["user", "grant", "mgrb", "manager", "--unit", "B"],
    );
    cli(&server, &["user", "grant", "auth1", "author"]);

    // Manager A prints codes for A's subtree: four people, none from B.
    let sheet = post(&server, Some(&mgr_a), "/vi/manage/units/A/codes", "");
    assert_eq!(sheet.status, 200);
    let sheet = sheet.text();
    let codes: Vec<String> = sheet
        .split("Mã kích hoạt: <strong>")
        .skip(1)
        .map(|s| s.split('<').next().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 4, "{sheet}");
    assert!(!sheet.contains("Trần Thị Năm"));
    // H'Hen activates herself with the code on her card.
    let card = sheet
        .split("<section class=\"sheet-card card\">")
        .find(|c| c.contains("H&#39;Hen Niê"))
        .unwrap();
    let her_code = card
        .split("Mã kích hoạt: <strong>")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap();
    let r = post(
        &server,
        None,
        "/vi/account/activate",
        &format!(
            "code={}&username=hhen&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
            her_code.to_lowercase(),
            hocvu_web::CONSENT_VERSION
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let hhen = session_cookie(&r);
    let reused = post(
        &server,
        None,
        "/vi/account/activate",
        &format!(
            "code={}&username=again&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
            her_code,
            hocvu_web::CONSENT_VERSION
        ),
    );
    assert_eq!(reused.status, 400, "a code works once");

    // Assignments: the whole of A, due far ahead; only B's manager may assign in B.
    let due = "2099-12-31";
    assert_eq!(
        post(
            &server,
            Some(&mgr_a),
            "/vi/manage/units/A/assignments",
            &format!("course={COURSE}&position=&due={due}")
        )
        .status,
        303
    );
    assert_eq!(
        post(
            &server,
            Some(&mgr_a),
            "/vi/manage/units/A/assignments",
            &format!("course={COURSE}&due=31/12/2099")
        )
        .status,
        400
    );
    // The person sees it first on their home page, with its due date.
    let home = get(&server, Some(&hhen), "/vi/").text();
    assert!(
        home.contains("Khoá học bắt buộc với bạn") && home.contains("hạn 31/12/2099"),
        "{home}"
    );
    // "My learning" offers to save every required course for offline in one go.
    let learning = get(&server, Some(&hhen), "/vi/learning/").text();
    assert!(
        learning.contains(&format!(
            "id=\"offline-required\" hidden data-pack=\"/vi/courses/{COURSE}/offline.json\""
        )),
        "{learning}"
    );
    // They complete it themselves.
    for lesson in 0..2 {
        let (path, answers) = right_answers(COURSE, lesson);
        assert_eq!(post(&server, Some(&hhen), &path, &answers).status, 200);
    }
    // Her certificate: the admin may open it and revoke it with a reason; her manager may not.
    let claimed = post(
        &server,
        Some(&hhen),
        &format!("/vi/certificates/{COURSE}"),
        "",
    );
    let code = claimed
        .header("location")
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap()
        .to_string();
    assert_eq!(
        get(
            &server,
            Some(&mgr_a),
            &format!("/vi/certificates/{code}/print.png")
        )
        .status,
        403
    );
    // No public_url configured: no Open Badges credential (it would carry a guessed address).
    assert_eq!(
        get(
            &server,
            Some(&hhen),
            &format!("/vi/certificates/{code}/badge.jwt")
        )
        .status,
        404
    );
    assert_eq!(
        get(
            &server,
            Some(&admin),
            &format!("/vi/certificates/{code}/share.png")
        )
        .status,
        200
    );
    assert_eq!(
        post(
            &server,
            Some(&mgr_a),
            "/vi/manage/certificates/revoke",
            &format!("code={code}&reason=x")
        )
        .status,
        403
    );
    assert_eq!(
        post(
            &server,
            Some(&admin),
            "/vi/manage/certificates/revoke",
            &format!("code={code}&reason=")
        )
        .status,
        400
    );
    let revoked = post(
        &server,
        Some(&admin),
        "/vi/manage/certificates/revoke",
        &format!("code={code}&reason=c%E1%BA%A5p+nh%E1%BA%A7m"),
    );
    assert_eq!(revoked.status, 303);
    assert!(
        get(&server, None, &format!("/verify/{code}"))
            .text()
            .contains("cấp nhầm")
    );
    let people = get(&server, Some(&mgr_a), "/vi/manage/units/A/people.csv");
    assert_eq!(people.status, 200);
    let csv = people.text();
    // Independently: 4 people × 1 assignment, 1 completed (H'Hen), formula neutralised,
    // the comma-and-quote name quoted.
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(csv.contains("'=cmd|' /C calc'!A0"), "{csv}");
    assert!(csv.contains("\"Y Ƀhăm Ê\u{306}ban, \"\"Ami\"\"\""), "{csv}");
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(",completed")).count(),
        1
    );
    assert_eq!(
        lines.iter().filter(|l| l.ends_with(",not_started")).count(),
        3
    );
    let by_unit = get(&server, Some(&mgr_a), "/vi/manage/units/A/units.csv").text();
    assert!(
        by_unit.contains("A,Sở A,agency,P,4,4,1,1,0,0,25.0"),
        "{by_unit}"
    );
    assert!(
        by_unit.contains("A1,\"Phòng A1, Sở A\",department,A,2,2,1,1,0,0,50.0"),
        "{by_unit}"
    );
    // Exemptions: a reason is required; it takes the person out of the denominator.
    let page = get(&server, Some(&mgr_a), "/vi/manage/units/A/").text();
    let assignment: String = page
        .split("name=\"assignment\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let bon = page
        .split("Nguyễn Văn Bốn")
        .nth(1)
        .unwrap()
        .split("name=\"learner\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert_eq!(
        post(
            &server,
            Some(&mgr_a),
            "/vi/manage/units/A/exemptions",
            &format!("assignment={assignment}&learner={bon}&reason=")
        )
        .status,
        400
    );
    assert_eq!(
        post(
            &server,
            Some(&mgr_a),
            "/vi/manage/units/A/exemptions",
            &format!("assignment={assignment}&learner={bon}&reason=ngh%E1%BB%89+h%C6%B0u")
        )
        .status,
        303
    );
    let by_unit = get(&server, Some(&mgr_a), "/vi/manage/units/A/units.csv").text();
    assert!(
        by_unit.contains("A,Sở A,agency,P,4,3,1,1,0,1,33.3"),
        "{by_unit}"
    );

    // Citizens by commune: C1 has 5 (learner1 + 4), C2 has 1 → hidden as "<5".
    let citizens = get(&server, Some(&admin), "/vi/manage/citizens.csv").text();
    assert!(citizens.contains("C1,Xã Một,40,5,0,0,"), "{citizens}");
    assert!(citizens.contains("C2,Phường Hai,,<5,0,0,"), "{citizens}");
    let monthly = get(&server, Some(&admin), "/vi/manage/monthly/");
    assert_eq!(monthly.status, 200);
    assert!(monthly.text().contains("<svg class=\"trend\""));

    // The authorization matrix: every role × every page and action.
    let b_person: String = {
        let b = get(&server, Some(&mgr_b), "/vi/manage/units/B/").text();
        assert!(
            b.contains("Chưa giao khoá học nào"),
            "B has no assignment yet"
        );
        cli(&server, &["org", "codes", "B"])
            .lines()
            .nth(1)
            .unwrap()
            .split(',')
            .nth(1)
            .unwrap()
            .to_string()
    };
    assert!(b_person.contains("Trần Thị Năm"));
    let who: [(&str, Option<&str>); 7] = [
        ("visitor", None),
        ("learner", Some(&learner)),
        ("staff", Some(&hhen)),
        ("author", Some(&author)),
        ("manager A", Some(&mgr_a)),
        ("manager B", Some(&mgr_b)),
        ("admin", Some(&admin)),
    ];
    // Expected status per role, in the order above (303 = sent to the login page).
    let gets: [(&str, [u16; 7]); 11] = [
        ("/vi/manage/", [303, 403, 403, 403, 200, 200, 200]),
        ("/vi/manage/units/A/", [303, 403, 403, 403, 200, 403, 200]),
        ("/vi/manage/units/A1/", [303, 403, 403, 403, 200, 403, 200]),
        ("/vi/manage/units/B/", [303, 403, 403, 403, 403, 200, 200]),
        ("/vi/manage/units/P/", [303, 403, 403, 403, 403, 403, 200]),
        (
            "/vi/manage/units/NOPE/",
            [303, 403, 403, 403, 404, 404, 404],
        ),
        (
            "/vi/manage/units/A/people.csv",
            [303, 403, 403, 403, 200, 403, 200],
        ),
        (
            "/vi/manage/units/B/units.csv",
            [303, 403, 403, 403, 403, 200, 200],
        ),
        ("/vi/manage/roles/", [303, 403, 403, 403, 403, 403, 200]),
        (
            "/vi/manage/certificates/",
            [303, 403, 403, 403, 403, 403, 200],
        ),
        (
            "/vi/manage/monthly/?unit=A",
            [303, 403, 403, 403, 200, 403, 200],
        ),
    ];
    for (path, expected) in gets {
        for ((role, cookie), want) in who.iter().zip(expected) {
            assert_eq!(
                get(&server, *cookie, path).status,
                want,
                "GET {path} as {role}"
            );
        }
    }
    let posts: [(&str, String, [u16; 7]); 5] = [
        (
            "/vi/manage/units/B/assignments",
            format!("course={COURSE}&due={due}"),
            [303, 403, 403, 403, 403, 303, 303],
        ),
        (
            "/vi/manage/units/B/codes",
            String::new(),
            [303, 403, 403, 403, 403, 200, 200],
        ),
        // Manager A names B's person through A's own unit: not theirs to touch.
        (
            "/vi/manage/units/A/exemptions",
            format!("assignment={assignment}&learner=999999&reason=x"),
            [303, 403, 403, 403, 404, 403, 404],
        ),
        (
            "/vi/manage/roles/grant",
            "username=learner1&role=admin&unit=".to_string(),
            [303, 403, 403, 403, 403, 403, 303],
        ),
        // No route marks anyone's progress, whatever the role.
        (
            "/vi/manage/units/A/progress",
            "learner=1&course=hoc-voi-hocvu".to_string(),
            [404, 404, 404, 404, 404, 404, 404],
        ),
    ];
    for (path, body, expected) in posts {
        for ((role, cookie), want) in who.iter().zip(expected) {
            assert_eq!(
                post(&server, *cookie, path, &body).status,
                want,
                "POST {path} as {role}"
            );
        }
    }
    // The admin's grant above made learner1 an admin: revoke it again through the page.
    let roles = get(&server, Some(&admin), "/vi/manage/roles/").text();
    assert!(roles.contains("learner1"));
    // Managers' actions never changed anyone's progress: B's person has none.
    let b_people = get(&server, Some(&mgr_b), "/vi/manage/units/B/people.csv").text();
    assert!(
        b_people
            .lines()
            .skip(1)
            .all(|l| l.ends_with(",not_started")),
        "{b_people}"
    );
    // Forms from other sites are refused before anything else.
    let forged = server.request(
        "POST",
        "/vi/manage/units/A/assignments",
        &[
            ("Cookie", &mgr_a),
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "https://evil.example"),
        ],
        Some(&format!("course={COURSE}&due={due}")),
    );
    assert_eq!(forged.status, 403);
}

/// The one page chrome: management pages, error pages and forms show the header of whoever is
/// looking, not a visitor's "log in / register".
fn every_page_has_the_viewers_header(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, UNITS).unwrap();
    cli(&server, &["org", "import", units.to_str().unwrap()]);
    let admin = account(&server, "admin2", "");
    let learner = account(&server, "learner2", "");
    cli(&server, &["user", "grant", "admin2", "admin"]);
    let signed_in = |body: &str, manages: bool| {
        assert!(
            body.contains("href=\"/vi/account/\""),
            "account link: {body}"
        );
        assert!(
            body.contains("action=\"/vi/account/logout\""),
            "logout button: {body}"
        );
        assert!(
            !body.contains("href=\"/vi/account/login\""),
            "visitor's login link: {body}"
        );
        assert_eq!(body.contains("href=\"/vi/manage/\""), manages, "{body}");
    };
    for path in [
        "/vi/manage/",
        "/vi/manage/units/P/",
        "/vi/manage/citizens/",
        "/vi/manage/monthly/",
        "/vi/manage/roles/",
        "/vi/manage/certificates/",
    ] {
        let r = get(&server, Some(&admin), path);
        assert_eq!(r.status, 200, "{path}");
        signed_in(&r.text(), true);
    }
    // Error pages too: an unknown unit (404), a learner refused the management area (403), a
    // page that does not exist, and the verification form.
    let r = get(&server, Some(&admin), "/vi/manage/units/NOPE/");
    assert_eq!(r.status, 404);
    signed_in(&r.text(), true);
    let r = get(&server, Some(&learner), "/vi/manage/");
    assert_eq!(r.status, 403);
    signed_in(&r.text(), false);
    let r = get(&server, Some(&learner), "/vi/khong-co/");
    assert_eq!(r.status, 404);
    signed_in(&r.text(), false);
    let r = get(&server, Some(&learner), "/verify");
    assert_eq!(r.status, 200);
    signed_in(&r.text(), false);
    // A visitor still gets the visitor's header.
    let r = get(&server, None, "/vi/khong-co/");
    assert!(r.text().contains("href=\"/vi/account/login\""));
}

/// `published = false`: invisible to visitors, learners and the API; authors and admins
/// preview it with a notice.
#[test]
fn unpublished_courses_are_seen_by_authors_only() {
    let content = tempfile::tempdir().unwrap();
    support::copy_dir(&support::repo("content"), content.path());
    let manifest = content.path().join("ai-lanh-dao/course.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("published = false\n{text}")).unwrap();
    let server = Server::start(&["--content", content.path().to_str().unwrap()]);
    let path = "/vi/courses/ai-lanh-dao/";
    assert_eq!(server.get(path).status, 404);
    assert!(!server.get("/vi/").text().contains(path));
    let api = server.get("/api/v1/courses").text();
    assert!(!api.contains("\"ai-lanh-dao\""), "{api}");
    let learner = account(&server, "learner1", "");
    assert_eq!(get(&server, Some(&learner), path).status, 404);
    assert!(!get(&server, Some(&learner), "/vi/").text().contains(path));
    let author = account(&server, "auth1", "");
    cli(&server, &["user", "grant", "auth1", "author"]);
    let preview = get(&server, Some(&author), path);
    assert_eq!(preview.status, 200);
    assert!(preview.text().contains("Khoá học chưa công bố"));
    assert!(get(&server, Some(&author), "/vi/").text().contains(path));
}
