//! What the OpenAPI document says beyond what the handlers' annotations generate: operation
//! ids and tags, who may call each operation (security schemes), the errors every operation
//! can answer, and constraints computed from the server's own checks (the consent version, the
//! name rule). The handlers keep their own fields' lengths, patterns and bounds.

use crate::account::CONSENT_VERSION;
use serde_json::{Value, json};
use std::sync::OnceLock;

/// Who may call an operation.
#[derive(Clone, Copy, PartialEq)]
enum Caller {
    Anyone,
    /// Bearer token or the session cookie.
    Account,
    /// An account, or a visitor on this site's own pages (becomes a guest).
    AccountOrSitePage,
}

/// `(method, path, operation id, tag, caller)` for every operation.
const OPERATIONS: &[(&str, &str, &str, &str, Caller)] = &[
    (
        "post",
        "/api/v1/register",
        "register",
        "accounts",
        Caller::Anyone,
    ),
    ("post", "/api/v1/login", "login", "accounts", Caller::Anyone),
    (
        "post",
        "/api/v1/logout",
        "logout",
        "accounts",
        Caller::Account,
    ),
    ("get", "/api/v1/me", "me", "accounts", Caller::Account),
    (
        "get",
        "/api/v1/consent",
        "consent",
        "accounts",
        Caller::Anyone,
    ),
    (
        "get",
        "/api/v1/courses",
        "listCourses",
        "learning",
        Caller::Anyone,
    ),
    (
        "get",
        "/api/v1/me/progress",
        "myProgress",
        "learning",
        Caller::Account,
    ),
    (
        "post",
        "/api/v1/courses/{course}/lessons/{lesson}/quiz",
        "submitQuiz",
        "learning",
        Caller::Account,
    ),
    (
        "post",
        "/api/v1/me/events",
        "sendEvents",
        "learning",
        Caller::AccountOrSitePage,
    ),
    (
        "get",
        "/api/v1/certificates/{code}",
        "verifyCertificate",
        "certificates",
        Caller::Anyone,
    ),
    (
        "get",
        "/api/v1/sessions",
        "listSessions",
        "sessions",
        Caller::Account,
    ),
    (
        "post",
        "/api/v1/sessions",
        "createSession",
        "sessions",
        Caller::Account,
    ),
    (
        "get",
        "/api/v1/sessions/{id}",
        "sessionReport",
        "sessions",
        Caller::Account,
    ),
    (
        "post",
        "/api/v1/sessions/{id}/headcount",
        "setHeadcount",
        "sessions",
        Caller::Account,
    ),
    (
        "post",
        "/api/v1/sessions/{id}/checkin",
        "checkIn",
        "sessions",
        Caller::Account,
    ),
];

/// Request bodies that refuse fields they do not know (`deny_unknown_fields`).
const CLOSED_BODIES: &[&str] = &["NewSession", "HeadcountRequest", "CheckinRequest"];

/// The allowed methods of each API path, for 405 answers (`Allow`).
pub fn allowed_methods(path: &str) -> Option<String> {
    let methods: Vec<String> = OPERATIONS
        .iter()
        .filter(|op| op.1 == path)
        .map(|op| op.0.to_ascii_uppercase())
        .collect();
    (!methods.is_empty()).then(|| methods.join(", "))
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}
    })
}

/// Completes the generated document in place.
pub fn complete(doc: &mut Value) {
    doc["components"]["securitySchemes"] = json!({
        "bearer": {
            "type": "http",
            "scheme": "bearer",
            "description": "The token from register or login, valid 30 days."
        },
        "session_cookie": {
            "type": "apiKey",
            "in": "cookie",
            "name": crate::site::session::COOKIE,
            "description": "The web pages' session; then a POST must come from this site's pages (Origin checked)."
        }
    });
    doc["tags"] = json!([
        {"name": "accounts", "description": "Registering, logging in, the consent text."},
        {"name": "learning", "description": "Courses, progress, quizzes graded on the server, offline events."},
        {"name": "certificates", "description": "Public verification of certificate codes."},
        {"name": "sessions", "description": "Classes and village guidance sessions: facilitators' reports, check-in."}
    ]);
    for (method, path, id, tag, caller) in OPERATIONS {
        let Some(op) = doc["paths"][*path].get_mut(*method) else {
            continue;
        };
        op["operationId"] = json!(id);
        op["tags"] = json!([tag]);
        op["security"] = match caller {
            Caller::Anyone => json!([{}]),
            Caller::Account => json!([{"bearer": []}, {"session_cookie": []}]),
            Caller::AccountOrSitePage => json!([{"bearer": []}, {"session_cookie": []}, {}]),
        };
        let has_body = op.get("requestBody").is_some();
        let has_params = op.get("parameters").is_some();
        let responses = &mut op["responses"];
        if has_body || has_params {
            default(
                responses,
                "400",
                "the body is not JSON of this shape, or a parameter is not valid (`bad_request`, `validation_failed`)",
            );
        }
        if has_body {
            default(
                responses,
                "413",
                "the body is over 256 KiB (`payload_too_large`)",
            );
        }
        if *caller != Caller::Anyone {
            default(
                responses,
                "401",
                "no valid token or session; or, with the cookie, a POST from another site (`unauthorized`)",
            );
        }
        if *caller == Caller::Account && *method == "post" {
            default(
                responses,
                "403",
                "with the session cookie: the request did not come from this site's pages (`forbidden`)",
            );
        }
        if let Some(map) = responses.as_object_mut() {
            for (status, response) in map.iter_mut() {
                if response["description"]
                    .as_str()
                    .unwrap_or_default()
                    .is_empty()
                {
                    response["description"] = json!(status_text(status));
                }
            }
        }
    }
    let schemas = &mut doc["components"]["schemas"];
    for name in CLOSED_BODIES {
        schemas[*name]["additionalProperties"] = json!(false);
    }
    let register = &mut schemas["RegisterRequest"]["properties"];
    register["consent_version"]["enum"] = json!([CONSENT_VERSION]);
    register["display_name"]["pattern"] = json!(name_pattern());
}

fn default(responses: &mut Value, status: &str, description: &str) {
    if responses.get(status).is_none() {
        responses[status] = error_response(description);
    }
}

fn status_text(status: &str) -> &'static str {
    status
        .parse::<u16>()
        .ok()
        .and_then(|s| actix_web::http::StatusCode::from_u16(s).ok())
        .and_then(|s| s.canonical_reason())
        .unwrap_or("response")
}

/// The display-name rule as a pattern, computed from [`crate::account::normalise_name`] over
/// every character: words separated by white space, no character the check refuses anywhere,
/// and no combining mark at the start of a word. Written with negated classes (what is
/// refused), which are short and quick for generators to draw from.
pub fn name_pattern() -> &'static str {
    static PATTERN: OnceLock<String> = OnceLock::new();
    PATTERN.get_or_init(|| {
        let mut anywhere = Vec::new();
        let mut word_start = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                continue;
            }
            let mut buf = [0u8; 4];
            let alone: &str = c.encode_utf8(&mut buf);
            if crate::account::normalise_name(&format!("a{c}")).is_err() {
                anywhere.push(c);
                word_start.push(c);
            } else if crate::account::normalise_name(alone).is_err() {
                word_start.push(c);
            }
        }
        let (first, rest) = (refused(&word_start), refused(&anywhere));
        format!(r"^\s*{first}{rest}*(\s+{first}{rest}*)*\s*$")
    })
}

/// A class of every character but white space and `chars` (sorted), as ranges.
fn refused(chars: &[char]) -> String {
    let mut out = String::from(r"[^\s");
    let mut i = 0;
    while i < chars.len() {
        let start = chars[i];
        let mut end = start;
        while i + 1 < chars.len() && u32::from(chars[i + 1]) == u32::from(end) + 1 {
            i += 1;
            end = chars[i];
        }
        out.push_str(&escape(start));
        if end != start {
            out.push('-');
            out.push_str(&escape(end));
        }
        i += 1;
    }
    out.push(']');
    out
}

fn escape(c: char) -> String {
    let n = u32::from(c);
    if n <= 0xFFFF {
        format!(r"\u{n:04X}")
    } else {
        // Astral characters as surrogate pairs are not ranges in every regex engine: as is.
        c.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_pattern_agrees_with_the_check() {
        let re = regex::Regex::new(name_pattern()).unwrap();
        for name in [
            "Nguyễn Văn An",
            "H'Hen Niê",
            "Y Ê\u{306} Mlô",
            "  Ama  Khăm ",
        ] {
            assert!(re.is_match(name), "{name} refused by the pattern");
            assert!(crate::account::normalise_name(name).is_ok());
        }
        let refused = [
            "",
            "   ",
            "\u{306}An",
            "An \u{301}",
            "A\u{202E}n",
            "A\u{200B}n",
            "An\u{7}",
            "\u{903}a",
        ];
        for name in refused {
            assert!(!re.is_match(name), "{name:?} allowed by the pattern");
            assert!(crate::account::normalise_name(name).is_err(), "{name:?}");
        }
    }

    #[test]
    fn every_route_of_the_api_is_in_the_table() {
        assert_eq!(
            allowed_methods("/api/v1/sessions").as_deref(),
            Some("GET, POST")
        );
        assert_eq!(allowed_methods("/api/v1/nowhere"), None);
    }
}
