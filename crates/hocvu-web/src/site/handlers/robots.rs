//! GET `/robots.txt`: courses, lessons and certificate checks are for everyone to find; the
//! personal and working areas (accounts, a learner's own pages, management, sessions,
//! translation, the API) are not for search engines.

use actix_web::HttpResponse;
use hocvu_content::Locale;

/// Under `/{lang}/`: pages that belong to someone, or that change a state.
const PRIVATE_AREAS: [&str; 7] = [
    "account/",
    "learning/",
    "certificates/",
    "manage/",
    "facilitate/",
    "translate/",
    "checkin",
];

pub fn text() -> String {
    let mut out = String::from("User-agent: *\nDisallow: /api/\nDisallow: /prefs\n");
    for lang in Locale::ALL {
        for area in PRIVATE_AREAS {
            out.push_str(&format!("Disallow: /{lang}/{area}\n"));
        }
    }
    out
}

pub async fn handle() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .content_type("text/plain; charset=utf-8")
        .body(text())
}

#[cfg(test)]
mod tests {
    #[test]
    fn courses_stay_open_and_accounts_do_not() {
        let t = super::text();
        assert!(t.contains("Disallow: /vi/account/") && t.contains("Disallow: /rad/manage/"));
        assert!(!t.contains("courses"), "{t}");
    }
}
