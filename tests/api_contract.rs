#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! The API's contract (issue 20): what the OpenAPI document promises, the server keeps — 405
//! with `Allow` for a method a known path does not take, the consent text and version from the
//! API, security schemes per operation, unique operation ids, and the documented answers for
//! a mistyped certificate code. The full conformance run is schemathesis in `.ci/api-fuzz.sh`.

mod support;

use serde_json::{Value, json};
use support::Server;

on_both_databases!(
    wrong_methods_get_405_with_allow,
    consent_text_and_version_come_from_the_api,
    the_document_declares_who_may_call_each_operation,
    a_mistyped_certificate_code_is_a_documented_404,
);

fn json_of(r: &support::Resp) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", r.text()))
}

fn wrong_methods_get_405_with_allow(server: Server) {
    for (method, path, allow) in [
        ("GET", "/api/v1/register", "POST"),
        ("DELETE", "/api/v1/sessions", "GET, POST"),
        ("DELETE", "/api/v1/me", "GET"),
        ("POST", "/api/v1/certificates/ABCDE-FGHJK", "GET"),
        ("GET", "/api/v1/courses/vneid/lessons/x/quiz", "POST"),
    ] {
        let r = server.request(method, path, &[("Accept-Language", "en")], None);
        assert_eq!(r.status, 405, "{method} {path}: {}", r.text());
        assert_eq!(r.header("allow"), Some(allow), "{method} {path}");
        let body = json_of(&r);
        assert_eq!(body["error"]["code"], "method_not_allowed");
        assert!(body["error"]["message"].as_str().unwrap().contains("Allow"));
    }
    // An unknown path is still 404.
    assert_eq!(
        server
            .request("DELETE", "/api/v1/nowhere", &[], None)
            .status,
        404
    );
}

fn consent_text_and_version_come_from_the_api(server: Server) {
    let en = json_of(&server.get("/api/v1/consent?lang=en"));
    assert_eq!(en["version"], hocvu_web::CONSENT_VERSION);
    assert_eq!(en["lang"], "en");
    assert!(en["text"].as_str().unwrap().starts_with("I agree"), "{en}");
    let vi = json_of(&server.get_with("/api/v1/consent", &[("Accept-Language", "vi")]));
    assert_eq!(vi["lang"], "vi");
    assert!(
        vi["text"].as_str().unwrap().starts_with("Tôi đồng ý"),
        "{vi}"
    );
    let bad = server.get("/api/v1/consent?lang=xx");
    assert_eq!(bad.status, 400);
    // A client registers with the version it read.
    let r = server.request(
        "POST",
        "/api/v1/register",
        &[("Content-Type", "application/json")],
        Some(
            &json!({"username": "amí.lan", "password": "Lan#2024ab", "display_name": "Amí Lan",
                "consent_version": en["version"]})
            .to_string(),
        ),
    );
    // "í" is not in a username: refused at the field, with the pattern in the document saying so.
    assert_eq!(r.status, 400, "{}", r.text());
    let r = server.request(
        "POST",
        "/api/v1/register",
        &[("Content-Type", "application/json")],
        Some(
            &json!({"username": "ami.lan", "password": "Lan#2024ab", "display_name": "Amí Lan",
                "consent_version": en["version"]})
            .to_string(),
        ),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    // Surrounding spaces are refused by the API (the schema's pattern has none).
    let r = server.request(
        "POST",
        "/api/v1/register",
        &[("Content-Type", "application/json")],
        Some(
            &json!({"username": " ami.lan2", "password": "Lan#2024ab", "display_name": "Amí Lan",
                "consent_version": en["version"]})
            .to_string(),
        ),
    );
    assert_eq!(r.status, 400, "{}", r.text());
}

fn the_document_declares_who_may_call_each_operation(server: Server) {
    let doc = json_of(&server.get("/api/v1/openapi.json"));
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session_cookie"]["in"], "cookie");
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"].as_str().unwrap();
            assert!(ids.insert(id.to_string()), "operationId {id} repeats");
            let security = op["security"]
                .as_array()
                .unwrap_or_else(|| panic!("{method} {path}: no security"));
            let public = security.iter().any(|s| s.as_object().unwrap().is_empty());
            let expected_public = [
                "/api/v1/register",
                "/api/v1/login",
                "/api/v1/consent",
                "/api/v1/courses",
                "/api/v1/certificates/{code}",
                "/api/v1/me/events",
            ]
            .contains(&path.as_str());
            assert_eq!(public, expected_public, "{method} {path}");
            let responses = op["responses"].as_object().unwrap();
            if !public {
                assert!(
                    responses.contains_key("401"),
                    "{method} {path}: 401 undocumented"
                );
            }
            if op.get("requestBody").is_some() {
                assert!(
                    responses.contains_key("400") && responses.contains_key("413"),
                    "{method} {path}"
                );
            }
        }
    }
    let register = &doc["components"]["schemas"]["RegisterRequest"]["properties"];
    assert_eq!(
        register["consent_version"]["enum"],
        json!([hocvu_web::CONSENT_VERSION])
    );
    assert!(register["username"]["pattern"].is_string());
    assert!(register["display_name"]["pattern"].is_string());
    assert_eq!(
        doc["components"]["schemas"]["NewSession"]["additionalProperties"],
        false
    );
}

fn a_mistyped_certificate_code_is_a_documented_404(server: Server) {
    let code = hocvu_certs::CertCode::generate().unwrap();
    let mut typed: Vec<char> = code.as_str().chars().collect();
    let last = typed.len() - 1;
    typed[last] = if typed[last] == '0' { '1' } else { '0' };
    let typed: String = typed.into_iter().collect();
    let r = server.get(&format!("/api/v1/certificates/{typed}"));
    assert_eq!(r.status, 404, "{}", r.text());
    assert_eq!(json_of(&r)["status"], "mistyped");
}
