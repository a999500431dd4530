#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! Easy to spread (issue 21) over HTTP: link-preview tags on every public page type in every
//! interface language with absolute URLs from `--public-url` (never from request headers), the
//! share cards they point to (decoded: size, QR content), short links across a course version
//! bump, the share page, the poster's language and unit scoping, and the lesson handout
//! without answers. Print and phone rendering are in the browser lane (`tests/browser/spread.rs`).

mod support;

use support::{Server, session_cookie, shipped_courses, urlencode};

const PUBLIC_URL: &str = "https://hocvu.example";
const LANGS: [&str; 5] = ["vi", "rad", "jra", "mng", "en"];

on_both_databases!(
    args = ["--public-url", super::PUBLIC_URL];
    every_public_page_carries_preview_tags_with_absolute_urls,
    share_cards_are_drawn_once_and_read_back,
    the_share_page_offers_the_link_facebook_and_a_qr_code,
    the_poster_names_a_commune_only_for_its_manager,
    the_handout_shows_no_answers,
);

/// The `content` of `<meta property|name="{key}" content="…">`, if the page has it.
fn meta(page: &str, key: &str) -> Option<String> {
    let at = page
        .find(&format!("property=\"{key}\" content=\""))
        .or_else(|| page.find(&format!("name=\"{key}\" content=\"")))?;
    let rest = &page[at..];
    let start = rest.find("content=\"").unwrap() + 9;
    let end = rest[start..].find('"').unwrap();
    Some(rest[start..start + end].replace("&amp;", "&"))
}

fn account(server: &Server, username: &str) -> String {
    let body = format!(
        "username={username}&display_name={}&password=Lan%232024ab&password2=Lan%232024ab&consent={}",
        urlencode("H'Hen Niê"),
        hocvu_web::CONSENT_VERSION
    );
    let r = server.post_form("/vi/account/register", &body);
    assert_eq!(r.status, 303, "{}", r.text());
    session_cookie(&r)
}

fn vneid() -> hocvu_content::Bundle {
    shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == "vneid")
        .unwrap()
        .bundle
}

fn every_public_page_carries_preview_tags_with_absolute_urls(server: Server) {
    let course = vneid();
    for lang in LANGS {
        let paths = [
            format!("/{lang}/"),
            format!("/{lang}/courses/vneid/"),
            format!("/{lang}/courses/vneid/{}/", course.lessons[2].slug),
        ];
        for path in &paths {
            // A forged Host must not leak into pages cached for everyone.
            let page = server
                .get_with(
                    path,
                    &[
                        ("Host", "evil.example"),
                        ("X-Forwarded-Host", "evil.example"),
                    ],
                )
                .text();
            assert_eq!(
                meta(&page, "og:url").as_deref(),
                Some(&*format!("{PUBLIC_URL}{path}")),
                "{path}"
            );
            let image = meta(&page, "og:image").unwrap_or_else(|| panic!("{path}: no og:image"));
            assert!(
                image.starts_with(&format!("{PUBLIC_URL}/share/")),
                "{image}"
            );
            assert!(
                image.ends_with(".png") && image.contains(&format!("-{lang}-")),
                "{image}"
            );
            let locale = if lang == "en" { "en_US" } else { "vi_VN" };
            assert_eq!(meta(&page, "og:locale").as_deref(), Some(locale), "{path}");
            assert_eq!(
                meta(&page, "twitter:card").as_deref(),
                Some("summary_large_image")
            );
            assert!(!meta(&page, "og:title").unwrap().is_empty());
            assert!(!page.contains("evil.example"));
        }
        // Titles in the page's language: the Ê Đê course title on the rad course page.
        let page = server.get(&paths[1]).text();
        let (title, _) = course
            .course
            .title_in(hocvu_content::Locale::parse(lang).unwrap());
        assert_eq!(meta(&page, "og:title").as_deref(), Some(title), "{lang}");
        let lesson = server.get(&paths[2]).text();
        let l = &course.lessons[2];
        let text = l
            .text_in(hocvu_content::Locale::parse(lang).unwrap())
            .unwrap();
        assert_eq!(
            meta(&lesson, "og:title").as_deref(),
            Some(&*text.title),
            "{lang}"
        );
    }
    // A learner's own (not pre-rendered) pages carry the same tags.
    let cookie = account(&server, "taglearner");
    let page = server
        .get_with("/rad/courses/vneid/", &[("Cookie", &cookie)])
        .text();
    assert!(page.contains("href=\"/rad/account/\""), "signed in");
    assert_eq!(
        meta(&page, "og:url").as_deref(),
        Some(&*format!("{PUBLIC_URL}/rad/courses/vneid/"))
    );
    // Pages that are not for sharing have none.
    assert!(meta(&server.get("/vi/account/login").text(), "og:title").is_none());
}

fn share_cards_are_drawn_once_and_read_back(server: Server) {
    let mut seen = Vec::new();
    for lang in ["vi", "rad"] {
        let page = server.get(&format!("/{lang}/courses/vneid/")).text();
        let image = meta(&page, "og:image").unwrap();
        let path = image.strip_prefix(PUBLIC_URL).unwrap().to_string();
        let r = server.get(&path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some("image/png"));
        assert!(r.header("cache-control").unwrap().contains("immutable"));
        let img = image::load_from_memory_with_format(&r.body, image::ImageFormat::Png).unwrap();
        assert_eq!((img.width(), img.height()), (1200, 630));
        let mut prepared = rqrr::PreparedImage::prepare(img.to_luma8());
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1, "{path}");
        assert_eq!(
            grids[0].decode().unwrap().1,
            format!("{PUBLIC_URL}/c/vneid")
        );
        // The second request is the kept picture: same bytes, and a 304 with its ETag.
        let again = server.get(&path);
        assert_eq!(again.body, r.body);
        let etag = r.header("etag").unwrap().to_string();
        assert_eq!(
            server.get_with(&path, &[("If-None-Match", &etag)]).status,
            304
        );
        seen.push((path, r.body));
    }
    assert_ne!(seen[0].0, seen[1].0, "one card per language");
    assert_ne!(seen[0].1, seen[1].1);
    // The catalogue's card leads to the site.
    let page = server.get("/vi/").text();
    let path = meta(&page, "og:image")
        .unwrap()
        .strip_prefix(PUBLIC_URL)
        .unwrap()
        .to_string();
    let img = image::load_from_memory(&server.get(&path).body).unwrap();
    let mut prepared = rqrr::PreparedImage::prepare(img.to_luma8());
    assert_eq!(
        prepared.detect_grids()[0].decode().unwrap().1,
        format!("{PUBLIC_URL}/")
    );
    // A name the pages do not point to (an old version, a made-up one) is a 404.
    let forged = seen[0].0.replace(".png", "0.png");
    assert_eq!(server.get(&forged).status, 404);
    assert_eq!(
        server.get("/share/vneid-xx-0123456789abcdef.png").status,
        404
    );
    assert_eq!(
        server.get("/share/nope-vi-0123456789abcdef.png").status,
        404
    );
}

fn the_share_page_offers_the_link_facebook_and_a_qr_code(server: Server) {
    let page = server.get("/vi/courses/vneid/").text();
    assert!(page.contains("href=\"/vi/courses/vneid/share\""));
    let r = server.get("/vi/courses/vneid/share");
    assert_eq!(r.status, 200);
    let share = r.text();
    assert!(share.contains(&format!("<code>{PUBLIC_URL}/c/vneid</code>")));
    assert!(share.contains(
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fhocvu.example%2Fc%2Fvneid"
    ));
    assert!(share.contains("<svg class=\"qr\""));
    assert!(share.contains("Zalo"));
    // A lesson's share page: its short link by position, and its handout.
    let lesson = &vneid().lessons[2];
    let page = server
        .get(&format!("/vi/courses/vneid/{}/", lesson.slug))
        .text();
    assert!(page.contains("href=\"/vi/courses/vneid/share?lesson=3\""));
    let share = server.get("/vi/courses/vneid/share?lesson=3").text();
    assert!(share.contains(&format!("<code>{PUBLIC_URL}/l/vneid/3</code>")));
    assert!(share.contains(&format!("/vi/courses/vneid/{}/print", lesson.slug)));
    assert_eq!(server.get("/vi/courses/vneid/share?lesson=99").status, 404);
    assert_eq!(server.get("/vi/courses/khong-co/share").status, 404);
}

const UNITS: &str = "code,name,parent_code,kind,adults
T-P,Tỉnh Thử,,province,
T-C1,Xã Ea Tu Thử,T-P,commune,100
T-C2,Xã Hòa Phú Thử,T-P,commune,100
";

fn the_poster_names_a_commune_only_for_its_manager(server: Server) {
    let dir = tempfile::tempdir().unwrap();
    let units = dir.path().join("units.csv");
    std::fs::write(&units, UNITS).unwrap();
    support::cli(&server, &["org", "import", units.to_str().unwrap()]);
    let manager = account(&server, "postermgr");
    let learner = account(&server, "posterlearner");
    support::cli(
        &server,
        &["user", "grant", "postermgr", "manager", "--unit", "T-C1"],
    );
    // Anyone prints the poster, in the interface language or another one.
    let r = server.get("/vi/courses/vneid/poster");
    assert_eq!(r.status, 200);
    let poster = r.text();
    assert!(poster.contains("<article class=\"poster\" lang=\"vi\">"));
    assert!(poster.contains(&format!("<code>{PUBLIC_URL}/c/vneid</code>")));
    assert!(poster.contains("<svg class=\"qr\""));
    let rad = server.get("/vi/courses/vneid/poster?lang=rad").text();
    assert!(rad.contains("<article class=\"poster\" lang=\"rad\">"));
    let course = vneid();
    let (rad_title, _) = course.course.title_in(hocvu_content::Locale::Rad);
    assert!(rad.contains(rad_title), "the Ê Đê title");
    let bad = server.get_with("/en/courses/vneid/poster?lang=xx", &[]);
    assert_eq!(bad.status, 400);
    assert!(
        bad.text().contains("The poster&#39;s language")
            || bad.text().contains("language is not available")
    );
    // The commune's name: its manager only.
    let r = server.get_with(
        "/vi/courses/vneid/poster?unit=T-C1",
        &[("Cookie", &manager)],
    );
    assert_eq!(r.status, 200);
    assert!(
        r.text()
            .contains("<p class=\"poster-unit\">Xã Ea Tu Thử</p>")
    );
    let r = server.get_with(
        "/vi/courses/vneid/poster?unit=T-C2",
        &[("Cookie", &manager)],
    );
    assert_eq!(r.status, 403);
    assert!(r.text().contains("Chỉ người quản lý của đơn vị đó"));
    assert!(!r.text().contains("Xã Hòa Phú Thử"));
    for cookie in [Some(learner.as_str()), None] {
        let r = support::get(&server, cookie, "/vi/courses/vneid/poster?unit=T-C1");
        assert_eq!(r.status, 403);
        assert!(!r.text().contains("Xã Ea Tu Thử"));
    }
}

fn the_handout_shows_no_answers(server: Server) {
    for course in shipped_courses() {
        let b = &course.bundle;
        if !b.course.published {
            continue;
        }
        for lesson in &b.lessons {
            let path = format!("/vi/courses/{}/{}/print", b.course.id, lesson.slug);
            let r = server.get(&path);
            assert_eq!(r.status, 200, "{path}");
            let page = r.text();
            let text = lesson.text_in(hocvu_content::Locale::Vi).unwrap();
            assert!(page.contains(&text.title), "{path}");
            assert!(
                !page.contains("<input") && !page.contains("class=\"feedback"),
                "{path}"
            );
            assert!(
                !page.contains(" checked") && !page.contains("class=\"opt"),
                "{path}"
            );
            for q in &text.quiz {
                assert!(page.contains(&q.prompt_html), "{path}: question shown");
                for o in &q.options {
                    assert!(page.contains(&o.html), "{path}: option shown");
                    if o.feedback_html.len() > 20 {
                        assert!(!page.contains(&o.feedback_html), "{path}: feedback leaked");
                    }
                }
            }
            let n = b
                .lessons
                .iter()
                .position(|l| l.slug == lesson.slug)
                .unwrap()
                + 1;
            assert!(page.contains(&format!("{PUBLIC_URL}/l/{}/{n}", b.course.id)));
        }
    }
    assert_eq!(server.get("/vi/courses/vneid/khong-co/print").status, 404);
}

/// Without `--public-url`, pages carry no absolute URLs (nothing is built from request
/// headers), the preview has no picture, and no card is drawn.
#[test]
fn without_a_public_url_pages_carry_no_absolute_urls() {
    let server = Server::start(&[]);
    let page = server.get("/rad/courses/vneid/").text();
    assert!(meta(&page, "og:title").is_some());
    assert!(meta(&page, "og:url").is_none() && meta(&page, "og:image").is_none());
    assert_eq!(meta(&page, "twitter:card").as_deref(), Some("summary"));
    assert_eq!(
        server.get("/share/vneid-vi-0123456789abcdef.png").status,
        404
    );
}

/// `/c/{course}` and `/l/{course}/{n}` send visitors to their language and keep working when
/// the course gets a new version; unknown ones are the localized 404.
#[test]
fn short_links_survive_a_version_bump() {
    let content = tempfile::tempdir().unwrap();
    support::copy_dir(&support::repo("content"), content.path());
    let lessons = vneid().lessons;
    let check = |server: &Server| {
        let go = |path: &str, headers: &[(&str, &str)]| {
            let r = server.get_with(path, headers);
            assert_eq!(r.status, 302, "{path}");
            assert!(r.header("vary").unwrap().contains("Accept-Language"));
            r.header("location").unwrap().to_string()
        };
        assert_eq!(
            go("/c/vneid", &[("Accept-Language", "rad")]),
            "/rad/courses/vneid/"
        );
        assert_eq!(go("/c/vneid", &[]), "/vi/courses/vneid/");
        assert_eq!(
            go(
                "/c/vneid",
                &[("Cookie", "lang=en"), ("Accept-Language", "rad")]
            ),
            "/en/courses/vneid/"
        );
        let third = format!("/en/courses/vneid/{}/", lessons[2].slug);
        assert_eq!(go("/l/vneid/3", &[("Accept-Language", "en")]), third);
        let by_slug = format!("/l/vneid/{}", lessons[2].slug);
        assert_eq!(go(&by_slug, &[("Accept-Language", "en")]), third);
        for missing in ["/l/vneid/0", "/l/vneid/99", "/c/khong-co", "/l/khong-co/1"] {
            let r = server.get_with(missing, &[("Accept-Language", "en")]);
            assert_eq!(r.status, 404, "{missing}");
            assert!(
                r.text().contains("<html lang=\"en\""),
                "{missing}: localized"
            );
        }
    };
    let args = ["--content", content.path().to_str().unwrap()];
    let server = Server::start(&args);
    check(&server);
    let version = |s: &Server| {
        let health: serde_json::Value = serde_json::from_str(&s.get("/healthz").text()).unwrap();
        health["courses"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "vneid")
            .unwrap()["version"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let before = version(&server);
    drop(server);
    let manifest = content.path().join("vneid/course.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let bumped = text.replacen(&format!("version = \"{before}\""), "version = \"9.0.0\"", 1);
    assert_ne!(bumped, text);
    std::fs::write(&manifest, bumped).unwrap();
    let server = Server::start(&args);
    assert_eq!(version(&server), "9.0.0");
    check(&server);
}

/// Learners download the tags and the share links, nothing else (the card loads only for a
/// link preview): what they add to a lesson page, Brotli-compressed as served, stays small.
#[test]
fn tags_add_little_to_a_lesson_page() {
    let server = Server::start(&["--public-url", PUBLIC_URL]);
    let path = format!("/rad/courses/vneid/{}/", vneid().lessons[0].slug);
    let served = server.get_with(&path, &[("Accept-Encoding", "br")]);
    assert_eq!(served.header("content-encoding"), Some("br"));
    let html = served.decoded();
    let start = html.find("<meta name=\"description\"").unwrap();
    let end = html.find("</head>").unwrap();
    let links = html.find("<p class=\"share-links\">").unwrap();
    let links_end = links + html[links..].find("</p>\n").unwrap() + 5;
    let without = format!(
        "{}{}{}",
        &html[..start],
        &html[end..links],
        &html[links_end..]
    );
    let brotli = |s: &str| {
        let mut out = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut s.as_bytes(), &mut out, &params).unwrap();
        out.len()
    };
    assert_eq!(brotli(&html), served.body.len(), "compressed as served");
    let added = served.body.len() - brotli(&without);
    eprintln!(
        "lesson page {path}: {} bytes brotli, of which tags and share links {added}",
        served.body.len()
    );
    assert!(
        added < 400,
        "tags and share links add {added} bytes (brotli)"
    );
}
