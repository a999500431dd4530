//! Easy to spread ("dễ lan tỏa"): short links that outlive course versions, the share page
//! (Facebook link, copy-ready short link, a large QR code), the printable course poster and
//! lesson handout, and the share cards link previews show. The tags pointing to those cards
//! are in every pre-rendered page (`site::render::share`).

pub mod handlers;

use crate::site::Site;
use crate::site::error::AppError;
use hocvu_content::Loaded;

/// A published course, or the localized 404.
pub fn course<'a>(site: &'a Site, id: &str) -> Result<&'a Loaded, AppError> {
    site.loaded(id).ok_or_else(AppError::not_found)
}

/// The short link of a course, or of its lesson at 1-based `position`.
pub fn short_link(base: &str, course: &str, position: Option<usize>) -> String {
    match position {
        Some(n) => format!("{base}/l/{course}/{n}"),
        None => format!("{base}/c/{course}"),
    }
}

/// Facebook's documented link-sharing address. Zalo has none for a plain link (its share
/// button needs Zalo's script and an Official Account), so the share page offers the
/// copy-ready link and the QR code for Zalo instead.
pub fn facebook_share(url: &str) -> String {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("u", url)
        .finish();
    format!("https://www.facebook.com/sharer/sharer.php?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_short_and_the_facebook_address_is_encoded() {
        assert_eq!(
            short_link("https://h.vn", "vneid", None),
            "https://h.vn/c/vneid"
        );
        assert_eq!(
            short_link("https://h.vn", "vneid", Some(3)),
            "https://h.vn/l/vneid/3"
        );
        assert_eq!(
            facebook_share("https://h.vn/c/vneid"),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fh.vn%2Fc%2Fvneid"
        );
    }
}
