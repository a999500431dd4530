//! GET `/prefs?lang=…&theme=…&next=/…`: remember the learner's language and theme in cookies,
//! then go back to the page (links, not JavaScript, so it works on any phone).

use crate::site::error::AppError;
use crate::site::{LANG_COOKIE, Site, THEME_COOKIE};
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use actix_web::{HttpRequest, HttpResponse, web};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prefs {
    lang: Option<String>,
    theme: Option<String>,
    next: Option<String>,
}

fn cookie(name: &'static str, value: String, req: &HttpRequest) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .max_age(Duration::days(365))
        .same_site(SameSite::Lax)
        .http_only(true)
        .secure(req.connection_info().scheme() == "https")
        .finish()
}

/// Only paths on this site: never `//host` or a full URL (no open redirect).
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && n.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            n
        }
        _ => "/",
    }
}

pub async fn handle(
    site: web::Data<Site>,
    req: HttpRequest,
    query: web::Query<Prefs>,
) -> Result<HttpResponse, AppError> {
    let mut resp = HttpResponse::SeeOther();
    if let Some(lang) = &query.lang {
        let Some(locale) = site.ui_locale(lang) else {
            return Err(AppError::bad_request().detail(format!(
                "unknown language `{}`",
                lang.chars().take(12).collect::<String>()
            )));
        };
        resp.cookie(cookie(LANG_COOKIE, locale.as_str().to_string(), &req));
    }
    if let Some(theme) = &query.theme {
        if site.theme_named(theme).is_none() {
            return Err(AppError::bad_request().detail(format!(
                "unknown theme `{}`",
                theme.chars().take(20).collect::<String>()
            )));
        }
        resp.cookie(cookie(THEME_COOKIE, theme.clone(), &req));
    }
    Ok(resp
        .insert_header(("Location", safe_next(query.next.as_deref())))
        .insert_header(("Cache-Control", "no-store"))
        .finish())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(
            safe_next(Some("/rad/courses/vneid/")),
            "/rad/courses/vneid/"
        );
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/a b")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
