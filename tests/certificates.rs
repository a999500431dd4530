#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Certificates over HTTP: claiming after completion only, the pictures (their QR decodes to
//! the verification address), holder-only downloads, public verification by code, revocation
//! and key rotation from the command line, and offline verification of the token.

mod support;

use support::{Server, register, right_answers, session_cookie};

/// Where the QR codes and badges point (a configured address, as a real deployment has).
const PUBLIC_URL: &str = "https://hocvu.example";

on_both_databases!(
    args = ["--public-url", super::PUBLIC_URL];
    a_learner_claims_once_and_only_the_holder_downloads,
    anyone_verifies_by_code_and_typos_are_caught,
    revoking_and_rotating_keys_from_the_command_line,
);

/// A name with an apostrophe variant, the U+0306 breve over ơ, and ñ.
const NAME: &str = "H\u{2019}Ngơ\u{306} Êñuôl";
const COURSE: &str = "hoc-voi-hocvu";

/// Registers, completes the two-lesson course and claims: (cookie, code).
fn learner_with_certificate(server: &Server, username: &str) -> (String, String) {
    let cookie = session_cookie(&register(server, None, username, NAME));
    for lesson in 0..2 {
        let (path, answers) = right_answers(COURSE, lesson);
        let r = server.post_form_with(&path, &answers, &[("Cookie", &cookie)]);
        assert_eq!(r.status, 200);
    }
    let course = server.get_with(&format!("/vi/courses/{COURSE}/"), &[("Cookie", &cookie)]);
    assert!(
        course.text().contains("Nhận giấy chứng nhận"),
        "{}",
        course.text()
    );
    let r = server.post_form_with(
        &format!("/vi/certificates/{COURSE}"),
        "",
        &[("Cookie", &cookie)],
    );
    assert_eq!(r.status, 303, "{}", r.text());
    let location = r.header("location").unwrap().to_string();
    let code = location
        .strip_prefix("/vi/certificates/")
        .and_then(|c| c.strip_suffix('/'))
        .unwrap()
        .to_string();
    (cookie, code)
}

fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(args)
        .output()
        .unwrap()
}

/// `--data-dir` and, on PostgreSQL, `--database` of the server's state.
fn site_args(server: &Server) -> Vec<String> {
    let mut args = vec![
        "--data-dir".to_string(),
        server.data.path().display().to_string(),
    ];
    if let Some(db) = &server.database {
        args.extend(["--database".to_string(), db.clone()]);
    }
    args
}

fn json(r: &support::Resp) -> serde_json::Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{e}: {}", r.text()))
}

fn a_learner_claims_once_and_only_the_holder_downloads(server: Server) {
    // Not completed: refused, and the course page offers no certificate.
    let early = session_cookie(&register(&server, None, "early", "Early"));
    let r = server.post_form_with(
        &format!("/vi/certificates/{COURSE}"),
        "",
        &[("Cookie", &early)],
    );
    assert_eq!(r.status, 403);
    assert!(r.text().contains("hoàn thành mọi bài"), "{}", r.text());

    let (cookie, code) = learner_with_certificate(&server, "hngo");
    assert_eq!(code.len(), 10);
    // Claiming again gives the same certificate.
    let again = server.post_form_with(
        &format!("/vi/certificates/{COURSE}"),
        "",
        &[("Cookie", &cookie)],
    );
    assert_eq!(
        again.header("location"),
        Some(format!("/vi/certificates/{code}/").as_str())
    );
    let page = server.get_with(&format!("/vi/certificates/{code}/"), &[("Cookie", &cookie)]);
    assert_eq!(page.status, 200);
    assert!(page.text().contains(NAME), "the name round-trips exactly");
    let learning = server
        .get_with("/vi/learning/", &[("Cookie", &cookie)])
        .text();
    assert!(learning.contains(&format!("/vi/certificates/{code}/")));

    let verify_url = format!("{PUBLIC_URL}/verify/{code}");
    for (layout, size) in [("print", (1754, 1240)), ("share", (1080, 1350))] {
        let r = server.get_with(
            &format!("/rad/certificates/{code}/{layout}.png"),
            &[("Cookie", &cookie)],
        );
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("image/png"));
        let img = image::load_from_memory(&r.body).unwrap().to_luma8();
        assert_eq!(img.dimensions(), size, "{layout}");
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "{layout}: one QR code");
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, verify_url, "{layout}");
        // Drawn once: the next download is the kept file, and a browser holding it revalidates.
        let etag = r.header("etag").unwrap().to_string();
        let again = server.get_with(
            &format!("/rad/certificates/{code}/{layout}.png"),
            &[("Cookie", &cookie)],
        );
        assert_eq!((again.status, again.body == r.body), (200, true));
        let cached = server.get_with(
            &format!("/rad/certificates/{code}/{layout}.png"),
            &[("Cookie", &cookie), ("If-None-Match", &etag)],
        );
        assert_eq!(cached.status, 304, "{layout}");
    }
    let kept = |code: &str| {
        std::fs::read_dir(server.data.path().join("certificate-pictures"))
            .map(|d| {
                d.flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with(code))
                    .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(kept(&code), 2, "one file per layout");
    let badge = server.get_with(
        &format!("/vi/certificates/{code}/badge.jwt"),
        &[("Cookie", &cookie)],
    );
    assert_eq!(badge.status, 200);
    let jwks = hocvu_certs::Jwks::from_json(&server.get("/.well-known/jwks.json").text()).unwrap();
    let credential = hocvu_certs::verify_open_badge(&badge.text(), &jwks).unwrap();
    assert!(
        credential.to_string().contains("OpenBadgeCredential"),
        "{credential}"
    );
    assert!(
        credential.to_string().contains("https://hocvu.example/"),
        "issuer from configuration"
    );

    // Someone else, a guest and a visitor may verify the code but not download anything.
    let other = session_cookie(&register(&server, None, "other", "Other"));
    let guest =
        session_cookie(&server.post_form(&right_answers(COURSE, 0).0, &right_answers(COURSE, 0).1));
    for who in [Some(other.as_str()), Some(guest.as_str()), None] {
        let headers: Vec<(&str, &str)> = who.map(|c| vec![("Cookie", c)]).unwrap_or_default();
        for path in ["", "print.png", "share.png", "badge.jwt"] {
            let r = server.get_with(&format!("/vi/certificates/{code}/{path}"), &headers);
            assert_eq!(r.status, 403, "{path} for {who:?}");
            assert!(!r.text().contains(NAME));
        }
        assert_eq!(
            server.get_with(&format!("/verify/{code}"), &headers).status,
            200
        );
    }
    // A guest who completes the course is asked to register, not given a nameless certificate.
    let (p2, a2) = right_answers(COURSE, 1);
    server.post_form_with(&p2, &a2, &[("Cookie", &guest)]);
    let course = server.get_with(&format!("/vi/courses/{COURSE}/"), &[("Cookie", &guest)]);
    assert!(
        course
            .text()
            .contains("tạo tài khoản để nhận giấy chứng nhận")
    );
    let r = server.post_form_with(
        &format!("/vi/certificates/{COURSE}"),
        "",
        &[("Cookie", &guest)],
    );
    assert_eq!(r.header("location"), Some("/vi/account/register"));
    // Forms from elsewhere are refused.
    let r = server.request(
        "POST",
        &format!("/vi/certificates/{COURSE}"),
        &[("Cookie", &cookie), ("Origin", "https://evil.example")],
        Some(""),
    );
    assert_eq!(r.status, 403);
}

fn anyone_verifies_by_code_and_typos_are_caught(server: Server) {
    let (_, code) = learner_with_certificate(&server, "hngo");
    let page = server.get_with(&format!("/verify/{code}"), &[("Accept-Language", "vi")]);
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Hợp lệ") && text.contains(NAME), "{text}");
    assert!(
        text.contains("Sử dụng") || text.contains("hocvu"),
        "course title shown"
    );
    // Typed by hand: lower case, grouped with a hyphen.
    let typed = format!("{}-{}", code[..5].to_lowercase(), code[5..].to_lowercase());
    assert!(
        server
            .get(&format!("/verify/{typed}"))
            .text()
            .contains("Hợp lệ")
    );
    // The form redirects to the page for the typed code.
    let r = server.get(&format!("/verify?code={typed}"));
    assert_eq!(r.status, 303);
    // One wrong character is caught by the check character, not reported as someone else's.
    let wrong: String = code
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i == 3 {
                if c == 'A' { 'B' } else { 'A' }
            } else {
                c
            }
        })
        .collect();
    let r = server.get_with(&format!("/verify/{wrong}"), &[("Accept-Language", "en")]);
    assert_eq!(r.status, 404);
    assert!(r.text().contains("not a certificate code"), "{}", r.text());
    // English page, and JSON for programs.
    let en = server.get_with(&format!("/verify/{code}"), &[("Accept-Language", "en")]);
    assert!(en.text().contains("Valid."));
    let api = server.get(&format!("/api/v1/certificates/{typed}"));
    assert_eq!(api.status, 200);
    let v = json(&api);
    assert_eq!(v["status"], "valid");
    assert_eq!(v["code"], code.as_str());
    assert_eq!(v["certificate"]["name"], NAME);
    assert_eq!(v["certificate"]["course_id"], COURSE);
    let bad = server.get("/api/v1/certificates/not-a-code");
    assert_eq!(
        (bad.status, json(&bad)["error"]["code"].clone()),
        (400, "bad_code".into())
    );
    // A well-formed code nobody holds.
    let unknown = hocvu_certs::CertCode::generate().unwrap();
    let r = server.get(&format!("/api/v1/certificates/{}", unknown.as_str()));
    assert_eq!(
        (r.status, json(&r)["status"].clone()),
        (404, "unknown".into())
    );
    assert!(
        server
            .get(&format!("/verify/{}", unknown.as_str()))
            .text()
            .contains("Không tìm thấy")
    );

    // The token verifies offline with the published keys, and not once tampered with.
    let dir = tempfile::tempdir().unwrap();
    let jwks = dir.path().join("jwks.json");
    std::fs::write(&jwks, server.get("/.well-known/jwks.json").body).unwrap();
    let saved = dir.path().join("cert.json");
    std::fs::write(&saved, &api.body).unwrap();
    let ok = cli(&[
        "cert",
        "verify",
        saved.to_str().unwrap(),
        "--jwks",
        jwks.to_str().unwrap(),
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains(NAME));
    let token = v["certificate"]["token"].as_str().unwrap();
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    parts[1] = parts[1].replacen(
        &parts[1][..1],
        if parts[1].starts_with('e') { "f" } else { "e" },
        1,
    );
    let forged = parts.join(".");
    let bad = cli(&["cert", "verify", &forged, "--jwks", jwks.to_str().unwrap()]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("NOT valid"));
}

fn revoking_and_rotating_keys_from_the_command_line(server: Server) {
    let (holder, code) = learner_with_certificate(&server, "hngo");
    let picture = format!("/vi/certificates/{code}/share.png");
    assert_eq!(
        server.get_with(&picture, &[("Cookie", &holder)]).status,
        200
    );
    let pictures = server.data.path().join("certificate-pictures");
    let kept = || std::fs::read_dir(&pictures).unwrap().count();
    assert_eq!(kept(), 1, "drawn and kept");
    let old_jwks = json(&server.get("/.well-known/jwks.json"));
    assert_eq!(old_jwks["keys"].as_array().unwrap().len(), 1);
    // Keys are private files.
    let key_dir = server.data.path().join("certificate-keys");
    for entry in std::fs::read_dir(&key_dir).unwrap() {
        use std::os::unix::fs::PermissionsExt;
        let mode = entry.unwrap().metadata().unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(
        !server
            .get("/.well-known/jwks.json")
            .text()
            .contains("\"d\""),
        "no private part"
    );

    let site = site_args(&server);
    let site: Vec<&str> = site.iter().map(String::as_str).collect();
    let mut revoke = vec!["cert", "revoke", &code, "--reason", "cấp nhầm người"];
    revoke.extend(&site);
    let out = cli(&revoke);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = server
        .get_with(&format!("/verify/{code}"), &[("Accept-Language", "vi")])
        .text();
    assert!(
        page.contains("Đã bị thu hồi") && page.contains("cấp nhầm người"),
        "{page}"
    );
    let v = json(&server.get(&format!("/api/v1/certificates/{code}")));
    assert_eq!(v["status"], "revoked");
    // A revoked certificate is no longer handed out, not even to its holder.
    for download in ["print.png", "badge.jwt"] {
        let r = server.get_with(
            &format!("/vi/certificates/{code}/{download}"),
            &[("Cookie", &holder)],
        );
        assert_eq!(r.status, 403, "{download}");
    }
    assert_eq!(kept(), 0, "a revoked certificate's kept picture is deleted");
    assert_eq!(v["certificate"]["revoked_reason"], "cấp nhầm người");
    assert!(
        v["certificate"]["revoked_on"]
            .as_str()
            .unwrap()
            .starts_with("20")
    );
    let mut unknown = vec!["cert", "revoke", "0000000000", "--reason", "x"];
    unknown.extend(&site);
    assert!(!cli(&unknown).status.success());

    let mut rotate = vec!["cert", "rotate-key"];
    rotate.extend(&site);
    assert!(cli(&rotate).status.success());
    let server = server.restart();
    let jwks_text = server.get("/.well-known/jwks.json").text();
    let jwks = hocvu_certs::Jwks::from_json(&jwks_text).unwrap();
    assert_eq!(jwks.keys.len(), 2, "the old key stays published");
    // The first certificate still verifies; a new one is signed with the new key.
    assert!(hocvu_certs::verify(v["certificate"]["token"].as_str().unwrap(), &jwks).is_ok());
    let (_, second) = learner_with_certificate(&server, "second");
    let token =
        json(&server.get(&format!("/api/v1/certificates/{second}")))["certificate"]["token"]
            .as_str()
            .unwrap()
            .to_string();
    assert!(hocvu_certs::verify(&token, &jwks).is_ok());
    let old_only = hocvu_certs::Jwks::from_json(&old_jwks.to_string()).unwrap();
    assert!(
        hocvu_certs::verify(&token, &old_only).is_err(),
        "signed with the new key"
    );
}
