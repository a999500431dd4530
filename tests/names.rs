#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Names people can type and correct, over HTTP and the command line: an Ê Đê name typed with
//! its marks in another order is stored in one spelling, corrected later on "My details",
//! and the certificate follows (the old code revoked, pointing to the new one, which verifies
//! offline with the new name and the original completion date). Every refusal changes nothing;
//! nobody but the person renames them (managers, admins, the staff list).

mod support;

use support::{Server, cli, get, post, register, right_answers, session_cookie, urlencode};

on_both_databases!(
    args = ["--public-url", "https://hocvu.example"];
    a_corrected_name_reissues_the_certificate,
    refused_names_change_nothing,
    nobody_else_renames_a_person,
);

const COURSE: &str = "hoc-voi-hocvu";
/// "H'Ê̆ Niê" typed with the breve before the circumflex and "ê" decomposed.
const TYPED: &str = "H'E\u{306}\u{302} Nie\u{302}";
const STORED: &str = "H'Ê\u{306} Niê";
/// The correction, with the letter-bar letters ƀ and ô̆ (typed decomposed, breve first).
const CORRECTED_TYPED: &str = "H'Ê\u{306} \u{180}uo\u{306}\u{302}n Niê";
const CORRECTED: &str = "H'Ê\u{306} ƀuô\u{306}n Niê";

fn json(r: &support::Resp) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.text()))
}

fn complete_and_claim(server: &Server, cookie: &str) -> String {
    for lesson in 0..2 {
        let (path, answers) = right_answers(COURSE, lesson);
        assert_eq!(post(server, Some(cookie), &path, &answers).status, 200);
    }
    let r = post(
        server,
        Some(cookie),
        &format!("/vi/certificates/{COURSE}"),
        "",
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").unwrap();
    location
        .strip_prefix("/vi/certificates/")
        .and_then(|c| c.strip_suffix('/'))
        .unwrap()
        .to_string()
}

fn details(name: &str, commune: &str, village: &str) -> String {
    format!(
        "display_name={}&commune={}&village={}",
        urlencode(name),
        urlencode(commune),
        urlencode(village)
    )
}

fn export(server: &Server, cookie: &str) -> serde_json::Value {
    json(&get(server, Some(cookie), "/vi/account/data.json"))
}

fn a_corrected_name_reissues_the_certificate(server: Server) {
    let r = register(&server, None, "hede", TYPED);
    assert_eq!(r.status, 303, "{}", r.text());
    let cookie = session_cookie(&r);
    assert_eq!(export(&server, &cookie)["learner"]["display_name"], STORED);
    let old = complete_and_claim(&server, &cookie);
    let before = json(&server.get(&format!("/api/v1/certificates/{old}")));
    assert_eq!(before["certificate"]["name"], STORED);

    // The account page has the details form with the letter bar's hint.
    let page = get(&server, Some(&cookie), "/vi/account/").text();
    assert!(page.contains("action=\"/vi/account/details\""), "{page}");
    assert!(page.contains("data-letters=\"display_name-letters\""));
    assert!(page.contains("ƀ č ñ ă ĕ ê\u{306} ĭ ŏ ô\u{306} ơ\u{306} ŭ ư\u{306}"));

    let r = post(
        &server,
        Some(&cookie),
        "/vi/account/details",
        &details(CORRECTED_TYPED, "Ea Kao", ""),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.text().contains("Đã cấp lại 1 giấy chứng nhận"),
        "{}",
        r.text()
    );
    let escaped = CORRECTED.replace('\'', "&#39;");
    assert!(
        r.text().contains(&format!("value=\"{escaped}\"")),
        "{}",
        r.text()
    );

    // The old code: revoked, "name corrected", pointing to the new one.
    let v_old = json(&server.get(&format!("/api/v1/certificates/{old}")));
    assert_eq!(v_old["status"], "revoked");
    assert_eq!(v_old["certificate"]["revoked_reason"], "name corrected");
    let new = v_old["certificate"]["replaced_by"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(new, old);
    let page = server.get(&format!("/verify/{old}")).text();
    assert!(page.contains("verdict-revoked"), "{page}");
    assert!(page.contains("sửa họ tên"), "{page}");
    assert!(page.contains(&format!("href=\"/verify/{new}\"")), "{page}");
    let holder_page = get(&server, Some(&cookie), &format!("/vi/certificates/{old}/")).text();
    assert!(holder_page.contains(&format!("href=\"/vi/certificates/{new}/\"")));

    // The new one: valid, the new name, the original completion date and version.
    let v_new = server.get(&format!("/api/v1/certificates/{new}"));
    let v = json(&v_new);
    assert_eq!(v["status"], "valid");
    assert_eq!(v["certificate"]["name"], CORRECTED);
    for field in ["completed_on", "course_version", "course_id"] {
        assert_eq!(
            v["certificate"][field], before["certificate"][field],
            "{field}"
        );
    }
    assert!(
        server
            .get(&format!("/verify/{new}"))
            .text()
            .contains(&escaped)
    );
    // Its pictures are drawn anew; the old one's are no longer offered.
    let png = get(
        &server,
        Some(&cookie),
        &format!("/vi/certificates/{new}/share.png"),
    );
    assert_eq!(png.status, 200);
    let old_png = get(
        &server,
        Some(&cookie),
        &format!("/vi/certificates/{old}/share.png"),
    );
    assert_eq!(old_png.status, 403);
    // Claiming again gives the new one.
    let again = post(
        &server,
        Some(&cookie),
        &format!("/vi/certificates/{COURSE}"),
        "",
    );
    assert_eq!(
        again.header("location"),
        Some(format!("/vi/certificates/{new}/").as_str())
    );

    // Offline: the new token verifies with the published keys, with the new name and date.
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("jwks.json");
    std::fs::write(&jwks, server.get("/.well-known/jwks.json").body).unwrap();
    let saved = dir.path().join("cert.json");
    std::fs::write(&saved, &v_new.body).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(["cert", "verify", saved.to_str().unwrap(), "--jwks"])
        .arg(&jwks)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains(CORRECTED), "{stdout}");
    let completed = before["certificate"]["completed_on"].as_str().unwrap();
    let (y, m, d) = (&completed[..4], &completed[5..7], &completed[8..]);
    assert!(
        stdout.contains(completed) || stdout.contains(&format!("{d}/{m}/{y}")),
        "{stdout}"
    );

    // The data export: the new name, both certificates, the change (without values).
    let data = export(&server, &cookie);
    assert_eq!(data["learner"]["display_name"], CORRECTED);
    let certs = data["certificates"].as_array().unwrap();
    assert_eq!(certs.len(), 2);
    assert!(certs.iter().any(|c| c["replaced_by"] == new.as_str()));
    let events: Vec<&str> = data["account_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(events.contains(&"account.details.name"), "{events:?}");

    // The current certificate has the current name: nothing to re-issue.
    let r = post(
        &server,
        Some(&cookie),
        &format!("/vi/certificates/{new}/reissue"),
        "",
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.text().contains("đã có họ tên hiện nay"));

    // A correction whose re-issue did not happen (stored directly, as if the server had
    // stopped in between): the certificate page offers it, and the holder gets it.
    let id = data["learner"]["id"].as_i64().unwrap();
    let later = "H'Ê\u{306} Ƀuôn Niê";
    support::block_on(async {
        let store = hocvu_store::Store::connect(&server.database_url())
            .await
            .unwrap();
        let details = hocvu_store::learners::details::Details {
            display_name: later,
            commune: Some("Ea Kao"),
            village: None,
        };
        assert!(store.update_details(id, details).await.unwrap().name);
    });
    // Another process's write: on PostgreSQL the server hears it by NOTIFY, within milliseconds.
    let offer = format!("action=\"/vi/certificates/{new}/reissue\"");
    let mut page = String::new();
    for _ in 0..100 {
        page = get(&server, Some(&cookie), &format!("/vi/certificates/{new}/")).text();
        if page.contains(&offer) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(page.contains(&offer), "{page}");
    let r = post(
        &server,
        Some(&cookie),
        &format!("/vi/certificates/{new}/reissue"),
        "",
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let third = r
        .header("location")
        .unwrap()
        .split('/')
        .nth(3)
        .unwrap()
        .to_string();
    assert_ne!(third, new);
    let v = json(&server.get(&format!("/api/v1/certificates/{third}")));
    assert_eq!(
        (v["status"].as_str(), v["certificate"]["name"].as_str()),
        (Some("valid"), Some(later))
    );
    assert_eq!(
        v["certificate"]["completed_on"],
        before["certificate"]["completed_on"]
    );
    let v = json(&server.get(&format!("/api/v1/certificates/{new}")));
    assert_eq!(v["certificate"]["replaced_by"], third.as_str());
}

fn refused_names_change_nothing(server: Server) {
    let cookie = session_cookie(&register(&server, None, "hhen", STORED));
    let before = export(&server, &cookie);
    for (name, message) in [
        ("   ", "Hãy nhập họ và tên"),
        ("H'Hen \u{202E}Niê", "đổi chiều chữ"),
        ("H'Hen\u{200B}Niê", "ký tự ẩn"),
        ("\u{306}\u{302}", "không đứng trên chữ"),
        (&"ă".repeat(121), "dài quá 120"),
    ] {
        let r = post(
            &server,
            Some(&cookie),
            "/vi/account/details",
            &details(name, "", ""),
        );
        assert_eq!(r.status, 400, "{name:?}");
        assert!(r.text().contains(message), "{name:?}: {}", r.text());
        // At the field: under it, named by it, the field marked invalid.
        assert!(r.text().contains("id=\"display_name-error\""), "{name:?}");
        assert!(
            r.text()
                .contains("aria-invalid=\"true\" aria-describedby=\"display_name-error")
        );
        assert_eq!(
            export(&server, &cookie)["learner"],
            before["learner"],
            "{name:?}"
        );
    }
    // A village that is not under the commune.
    let r = post(
        &server,
        Some(&cookie),
        "/vi/account/details",
        &details("H'Hen Niê Mlô", "Ea Kao", "NOWHERE"),
    );
    assert_eq!(r.status, 400);
    assert_eq!(export(&server, &cookie)["learner"], before["learner"]);

    // Registration refuses the same names, and look-alike letters in usernames.
    let r = register(&server, None, "hnie2", "\u{306}");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("không đứng trên chữ"));
    let field_error = r
        .text()
        .split("id=\"display_name-error\"")
        .nth(1)
        .unwrap_or_default()
        .to_string();
    assert!(
        field_error.contains("không đứng trên chữ"),
        "the reason is at the field"
    );
    let r = register(&server, None, "ho\u{430}ng", "Hoàng");
    assert_eq!(r.status, 400);
    assert!(r.text().contains("bảng chữ khác"), "{}", r.text());
    let login = post(
        &server,
        None,
        "/vi/account/login",
        "username=hnie2&password=Lan%232024ab",
    );
    assert_eq!(login.status, 401, "no account was made");

    // Guests and visitors have no details to change: they are sent to log in.
    let guest = {
        let (path, answers) = right_answers(COURSE, 0);
        session_cookie(&post(&server, None, &path, &answers))
    };
    for who in [Some(guest.as_str()), None] {
        let r = post(&server, who, "/vi/account/details", &details("X Y", "", ""));
        assert!(
            r.header("location")
                .is_some_and(|l| l.contains("/vi/account/login")),
            "{} {:?}",
            r.status,
            r.header("location")
        );
    }
}

fn nobody_else_renames_a_person(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(
        &units,
        "code,name,parent_code,kind\nP,Tỉnh Thử,,province\nA,Sở A,P,agency\nB,Sở B,P,agency\n",
    )
    .unwrap();
    cli(&server, &["org", "import", units.to_str().unwrap()]);
    let staff = dir.path().join("staff.csv");
    std::fs::write(
        &staff,
        "name,unit,position,phone\nH'Hen Nie,A,Chuyên viên,0912345678\n",
    )
    .unwrap();
    cli(&server, &["org", "import-staff", staff.to_str().unwrap()]);
    let codes = cli(&server, &["org", "codes", "A"]);
    let code = codes.lines().nth(1).unwrap().split(',').nth(3).unwrap();
    // She activates, spelling her name right (the list has "Nie").
    let r = post(
        &server,
        None,
        "/vi/account/activate",
        &format!(
            "code={code}&display_name={}&username=hhen&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
            urlencode("H'Hen Niê"),
            hocvu_web::CONSENT_VERSION
        ),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let hhen = session_cookie(&r);
    assert_eq!(
        export(&server, &hhen)["learner"]["display_name"],
        "H'Hen Niê"
    );
    let cert = complete_and_claim(&server, &hhen);

    // Her manager and an admin: "My details" changes only their own record, whatever the form
    // says; the admin may open her certificate but not re-issue it.
    let mgr = session_cookie(&register(&server, None, "mgra", "Quản Lý"));
    let admin = session_cookie(&register(&server, None, "admin1", "Quản Trị"));
    cli(
        &server,
        &["user", "grant", "mgra", "manager", "--unit", "A"],
    );
    cli(&server, &["user", "grant", "admin1", "admin"]);
    for who in [&mgr, &admin] {
        let body = format!("{}&learner=1&username=hhen", details("Tên Khác", "", ""));
        let r = post(&server, Some(who), "/vi/account/details", &body);
        assert_eq!(r.status, 200);
    }
    assert_eq!(export(&server, &mgr)["learner"]["display_name"], "Tên Khác");
    assert_eq!(
        export(&server, &hhen)["learner"]["display_name"],
        "H'Hen Niê"
    );
    let r = post(
        &server,
        Some(&admin),
        &format!("/vi/certificates/{cert}/reissue"),
        "",
    );
    assert_eq!(r.status, 403, "{}", r.text());
    let r = post(
        &server,
        Some(&mgr),
        &format!("/vi/certificates/{cert}/reissue"),
        "",
    );
    assert_eq!(r.status, 403);
    assert_eq!(
        json(&server.get(&format!("/api/v1/certificates/{cert}")))["status"],
        "valid"
    );

    // The admin re-imports the list: position and unit corrected, her name left as she wrote it.
    std::fs::write(
        &staff,
        "name,unit,position,phone\nH'Hen Nie,B,Trưởng phòng,0912345678\n",
    )
    .unwrap();
    assert!(cli(&server, &["org", "import-staff", staff.to_str().unwrap()]).contains("1 updated"));
    let me = export(&server, &hhen);
    assert_eq!(me["learner"]["display_name"], "H'Hen Niê");
    assert_eq!(me["learner"]["position"], "Trưởng phòng");
    assert_eq!(me["learner"]["unit"], "B");
    // A list with a name that cannot be one is refused whole.
    std::fs::write(
        &staff,
        "name,unit,position\n\"Y\u{202E}Ƀhăm\",A,Chuyên viên\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(["org", "import-staff", staff.to_str().unwrap(), "--data-dir"])
        .arg(server.data.path())
        .args(
            server
                .database
                .iter()
                .flat_map(|d| ["--database", d.as_str()]),
        )
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("direction"));
}
