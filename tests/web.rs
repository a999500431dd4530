#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: fail loudly

//! The learner web app over HTTP, against a real server on a loopback port.

mod support;

use hocvu_content::{Locale, QuestionKind};
use support::{Server, form_answers, repo, shipped_courses};

fn html_lang(body: &str) -> &str {
    body.split("<html lang=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("")
}

#[test]
fn catalogue_lists_every_course_in_vietnamese_and_ede() {
    let server = Server::start(&[]);
    let courses = shipped_courses();
    for lang in [Locale::Vi, Locale::Rad] {
        let resp = server.get(&format!("/{lang}/"));
        assert_eq!(resp.status, 200);
        let body = resp.text();
        assert_eq!(html_lang(&body), lang.as_str());
        for c in &courses {
            let (title, title_lang) = c.bundle.course.title_in(lang);
            assert!(
                body.contains(&format!("/{lang}/courses/{}/", c.bundle.course.id)),
                "{lang}: no link to {}",
                c.bundle.course.id
            );
            assert!(body.contains(title), "{lang}: title {title:?} missing");
            if title_lang != lang {
                assert!(
                    body.contains(&format!("lang=\"{title_lang}\">{title}")),
                    "{lang}: fallback title not marked"
                );
            }
        }
        // Citizens see the guide first, then VNeID and the portal, as the province's plan orders them.
        let pos = |id: &str| body.find(&format!("/{lang}/courses/{id}/")).unwrap();
        let order = [
            "hoc-voi-hocvu",
            "vneid",
            "dich-vu-cong",
            "thanh-toan-qr",
            "an-toan-zalo",
            "ai-co-ban",
            "ai-cong-vu",
            "ai-lanh-dao",
        ];
        assert!(
            order.windows(2).all(|w| pos(w[0]) < pos(w[1])),
            "catalogue order"
        );
        for group in [
            "audience-citizen",
            "audience-civil-servant",
            "audience-leader",
        ] {
            assert!(!body.contains(group), "untranslated key {group} shown");
        }
    }
}

/// Fluent answers a missing message with its key: no key may ever reach a page as text.
fn assert_no_raw_keys(body: &str, path: &str) {
    let ftl = std::fs::read_to_string(repo("locales/vi/main.ftl")).unwrap();
    for key in ftl
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| !k.starts_with('#'))
    {
        assert!(
            !body.contains(&format!(">{key}<")) && !body.contains(&format!(">{key} ")),
            "{path}: raw key `{key}`"
        );
    }
}

#[test]
fn every_lesson_page_renders_with_navigation_in_every_language() {
    let server = Server::start(&[]);
    for c in shipped_courses() {
        let id = &c.bundle.course.id;
        let n = c.bundle.lessons.len();
        for lang in ["vi", "rad", "en"] {
            assert_eq!(server.get(&format!("/{lang}/courses/{id}/")).status, 200);
            for (i, lesson) in c.bundle.lessons.iter().enumerate() {
                let resp = server.get(&format!("/{lang}/courses/{id}/{}/", lesson.slug));
                assert_eq!(resp.status, 200, "{lang}/{id}/{}", lesson.slug);
                let body = resp.text();
                assert_eq!(html_lang(&body), lang);
                assert_eq!(body.contains("rel=\"prev\""), i > 0);
                assert_eq!(body.contains("rel=\"next\""), i + 1 < n);
                assert!(body.contains("<form class=\"quiz\" method=\"post\""));
                if i == 0 {
                    assert_no_raw_keys(&body, &lesson.slug);
                }
            }
        }
    }
}

#[test]
fn drafts_and_fallbacks_are_visible_and_marked() {
    let vneid = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == "vneid")
        .unwrap();
    let first = &vneid.bundle.lessons[0];
    let second = &vneid.bundle.lessons[1];
    // Every shipped citizen lesson has an Ê Đê body now: make one title-only in a copy.
    let content = tempfile::tempdir().unwrap();
    support::copy_dir(&support::repo("content"), content.path());
    let rad = content.path().join(format!("vneid/{}.rad.md", second.slug));
    let text = std::fs::read_to_string(&rad).unwrap();
    let end = text[3..].find("+++").unwrap() + 6;
    std::fs::write(&rad, format!("{}\n", &text[..end])).unwrap();
    let server = Server::start(&["--content", content.path().to_str().unwrap()]);
    // Fully translated draft: notice, Ê Đê body, no fallback marker.
    let body = server
        .get(&format!("/rad/courses/vneid/{}/", first.slug))
        .text();
    assert!(body.contains("notice-draft"));
    assert!(!body.contains("notice-fallback"));
    assert!(body.contains(&first.locales[&Locale::Rad].title));
    // Title-only translation: Ê Đê title, Vietnamese body marked lang="vi" with a notice.
    let body = server
        .get(&format!("/rad/courses/vneid/{}/", second.slug))
        .text();
    assert!(body.contains("notice-fallback"));
    assert!(body.contains("<div class=\"body\" lang=\"vi\">"));
    // No English translation at all: everything falls back, marked.
    let body = server
        .get(&format!("/en/courses/vneid/{}/", first.slug))
        .text();
    assert!(body.contains("This lesson is not translated yet"));
    assert!(body.contains("<div class=\"body\" lang=\"vi\">"));
    assert!(body.contains(&format!(
        "<h1 lang=\"vi\">{}</h1>",
        first.source().unwrap().title
    )));
    // Vietnamese: no notices (the offline ones stay hidden until the phone is offline).
    let body = server
        .get(&format!("/vi/courses/vneid/{}/", first.slug))
        .text();
    for notice in [
        "notice-draft",
        "notice-stale",
        "notice-fallback",
        "notice-ui",
    ] {
        assert!(!body.contains(notice), "{notice}");
    }
    assert!(body.contains("id=\"offline-notice\" hidden>"));
}

#[test]
fn quiz_is_graded_on_the_server_right_and_wrong() {
    let server = Server::start(&[]);
    let course = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == "thanh-toan-qr")
        .unwrap();
    let lesson = &course.bundle.lessons[0];
    let quiz = &lesson.source().unwrap().quiz;
    let path = format!("/vi/courses/thanh-toan-qr/{}/", lesson.slug);
    let wrong = server.post_form(&path, &form_answers(quiz, false));
    assert_eq!(wrong.status, 200);
    assert!(wrong.header("cache-control").unwrap().contains("no-store"));
    let body = wrong.text();
    assert!(
        body.contains(&format!("Bạn trả lời đúng 0 / {} câu.", quiz.len())),
        "{body}"
    );
    assert!(body.contains("class=\"result failed\""));
    assert!(body.contains("Làm lại"), "retry button");
    assert!(body.contains(" checked>"), "answers kept for the retry");
    let feedback = &quiz[0]
        .options
        .iter()
        .find(|o| !o.correct)
        .unwrap()
        .feedback_html;
    assert!(
        body.contains(feedback.as_str()),
        "feedback of the chosen option is shown"
    );
    let right = server.post_form(&path, &form_answers(quiz, true));
    let body = right.text();
    assert!(
        body.contains(&format!("Bạn trả lời đúng {0} / {0} câu.", quiz.len())),
        "{body}"
    );
    assert!(body.contains("class=\"result passed\""));
    // In Ê Đê the same answer key grades the translated quiz.
    let rad = server.post_form(&path.replace("/vi/", "/rad/"), &form_answers(quiz, true));
    assert!(rad.text().contains("class=\"result passed\""));
}

#[test]
fn unanswered_and_multiple_choice_questions() {
    let server = Server::start(&[]);
    let course = shipped_courses()
        .into_iter()
        .find(|c| c.bundle.course.id == "hoc-voi-hocvu")
        .unwrap();
    let lesson = &course.bundle.lessons[1];
    let quiz = &lesson.source().unwrap().quiz;
    assert!(quiz.iter().any(|q| q.kind == QuestionKind::Multiple));
    let path = format!("/vi/courses/hoc-voi-hocvu/{}/", lesson.slug);
    let body = server.post_form(&path, "").text();
    assert_eq!(
        body.matches("Bạn chưa trả lời câu này.").count(),
        quiz.len()
    );
    // A partly right multiple-choice answer is wrong.
    let multi = quiz
        .iter()
        .find(|q| q.kind == QuestionKind::Multiple)
        .unwrap();
    let one_right = multi.options.iter().find(|o| o.correct).unwrap();
    let body = server
        .post_form(&path, &format!("{}={}", multi.id, one_right.id))
        .text();
    assert!(
        body.contains(&format!("class=\"q wrong\" id=\"{}\"", multi.id)),
        "{body}"
    );
}

#[test]
fn the_answer_key_never_reaches_an_unanswered_page() {
    let server = Server::start(&[]);
    for c in shipped_courses() {
        let lesson = &c.bundle.lessons[0];
        let body = server
            .get(&format!(
                "/vi/courses/{}/{}/",
                c.bundle.course.id, lesson.slug
            ))
            .text();
        assert!(
            !body.contains("feedback"),
            "feedback leaked before answering"
        );
        assert!(!body.contains("class=\"q right\""));
        let first_feedback = &lesson.source().unwrap().quiz[0].options[0].feedback_html;
        assert!(!body.contains(first_feedback.as_str()));
    }
}

#[test]
fn root_negotiates_language_by_cookie_then_accept_language() {
    let server = Server::start(&[]);
    let location = |headers: &[(&str, &str)]| {
        let r = server.get_with("/", headers);
        assert_eq!(r.status, 303);
        r.header("location").unwrap().to_string()
    };
    assert_eq!(location(&[]), "/vi/");
    assert_eq!(
        location(&[("Accept-Language", "rad-VN, vi;q=0.5")]),
        "/rad/"
    );
    assert_eq!(location(&[("Accept-Language", "fr, en;q=0.7")]), "/en/");
    assert_eq!(location(&[("Accept-Language", "mnw")]), "/vi/");
    assert_eq!(
        location(&[("Accept-Language", "rad"), ("Cookie", "lang=en")]),
        "/en/"
    );
    assert_eq!(
        location(&[("Cookie", "lang=fr")]),
        "/vi/",
        "unknown cookie value ignored"
    );
}

#[test]
fn preferences_are_remembered_in_cookies() {
    let server = Server::start(&[]);
    let r = server.get("/prefs?lang=rad&next=/rad/courses/vneid/");
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/rad/courses/vneid/"));
    let cookie = r.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("lang=rad")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let r = server.get("/prefs?theme=large-text&next=//evil.example/");
    assert_eq!(r.header("location"), Some("/"), "no open redirect");
    assert!(
        r.header("set-cookie")
            .unwrap()
            .starts_with("theme=large-text")
    );
    // The theme cookie switches the stylesheet; both are cached for a year.
    let normal = server.get("/vi/").text();
    let large = server
        .get_with("/vi/", &[("Cookie", "theme=large-text")])
        .text();
    let css = |b: &str| {
        b.split("rel=\"stylesheet\" href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert_ne!(css(&normal), css(&large));
    assert!(large.contains("aria-current=\"true\">Chữ to"));
    for href in [css(&normal), css(&large)] {
        let r = server.get(&href);
        assert_eq!(r.status, 200);
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        assert!(r.header("content-type").unwrap().starts_with("text/css"));
    }
    assert_eq!(server.get("/prefs?theme=neon").status, 400);
    assert_eq!(server.get("/prefs?lang=mnw").status, 400);
    assert_eq!(server.get("/prefs?colour=red").status, 400);
}

#[test]
fn unknown_pages_get_a_localized_404_and_bad_input_a_400() {
    let server = Server::start(&[]);
    let r = server.get("/rad/courses/khong-co/");
    assert_eq!(r.status, 404);
    let body = r.text();
    assert_eq!(html_lang(&body), "rad");
    assert!(body.contains("<h1>"));
    assert_no_raw_keys(&body, "404");
    let r = server.get("/en/courses/vneid/99-nope/");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("Page not found"));
    let r = server.get_with("/fr/", &[("Accept-Language", "en")]);
    assert_eq!(r.status, 404);
    assert!(r.text().contains("This language is not available yet."));
    assert_eq!(server.get("/mnw/").status, 404, "mnw is Mon, never served");
    assert_eq!(
        server.get("/vi/courses/vneid").status,
        308,
        "missing slash redirected"
    );
    // Malformed quiz submissions: 400 with the reason, never a 500.
    let lesson = "/vi/courses/vneid/01-tai-ung-dung-that/";
    for body in ["q1=zz", "q99=a", "score=100", "q1=a&q1=b", "%%%"] {
        let r = server.post_form(lesson, body);
        assert_eq!(r.status, 400, "{body}");
        assert!(r.text().contains("Yêu cầu không hợp lệ"));
    }
    let r = server.request(
        "POST",
        lesson,
        &[("Content-Type", "application/json")],
        Some("{}"),
    );
    assert_eq!(r.status, 400);
    let big = format!("q1={}", "a".repeat(40_000));
    assert_eq!(server.post_form(lesson, &big).status, 413);
    assert_eq!(
        server.post_form("/vi/courses/khong-co/01/", "q1=a").status,
        404
    );
    assert_eq!(server.request("DELETE", "/vi/", &[], None).status, 404);
}

#[test]
fn security_headers_on_every_response() {
    let server = Server::start(&[]);
    for path in ["/vi/", "/vi/courses/vneid/", "/nope", "/healthz"] {
        let r = server.get(path);
        let csp = r.header("content-security-policy").unwrap();
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("referrer-policy"), Some("same-origin"));
    }
}

#[test]
fn pages_are_compressed_and_revalidated_with_etags() {
    let server = Server::start(&[]);
    let path = "/rad/courses/vneid/01-tai-ung-dung-that/";
    let plain = server.get(path);
    assert_eq!(plain.header("cache-control"), Some("no-cache"));
    assert!(plain.header("vary").unwrap().contains("Cookie"));
    let etag = plain.header("etag").unwrap().to_string();
    for (accept, encoding) in [
        ("br, gzip", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
    ] {
        let r = server.get_with(path, &[("Accept-Encoding", accept)]);
        assert_eq!(r.header("content-encoding"), Some(encoding), "{accept}");
        assert_eq!(r.decoded(), plain.text());
        assert!(
            r.body.len() * 2 < plain.body.len(),
            "{encoding} should shrink the page"
        );
    }
    let r = server.get_with(path, &[("If-None-Match", &etag)]);
    assert_eq!(r.status, 304);
    assert!(r.body.is_empty());
    let other_theme = server.get_with(path, &[("Cookie", "theme=large-text")]);
    assert_ne!(
        other_theme.header("etag").unwrap(),
        etag,
        "ETag differs by theme"
    );
    let other_lang = server.get(&path.replace("/rad/", "/vi/"));
    assert_ne!(
        other_lang.header("etag").unwrap(),
        etag,
        "ETag differs by language"
    );
    assert_eq!(
        server
            .get_with(path, &[("If-None-Match", "\"stale\"")])
            .status,
        200
    );
}

#[test]
fn lesson_page_fits_the_30_kb_budget_compressed() {
    let server = Server::start(&[]);
    for c in shipped_courses() {
        for lesson in &c.bundle.lessons {
            for lang in ["vi", "rad"] {
                let path = format!("/{lang}/courses/{}/{}/", c.bundle.course.id, lesson.slug);
                let page = server.get_with(&path, &[("Accept-Encoding", "br, gzip")]);
                let css_href = page
                    .decoded()
                    .split("rel=\"stylesheet\" href=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .to_string();
                let css = server.get_with(&css_href, &[("Accept-Encoding", "br, gzip")]);
                let total = page.body.len() + css.body.len();
                assert!(total <= 30 * 1024, "{path}: {total} bytes");
            }
        }
    }
}

#[test]
fn healthz_reports_version_and_courses() {
    let server = Server::start(&[]);
    let r = server.get("/healthz");
    assert_eq!(r.status, 200);
    let json: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(json["status"], "ok");
    assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
    let ids: Vec<&str> = json["courses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), shipped_courses().len());
    assert!(ids.contains(&"vneid"));
    assert_eq!(json["courses"][0]["hash"].as_str().unwrap().len(), 64);
}

#[test]
fn lesson_payloads_render_inert() {
    let content = repo("tests/fixtures/inert-payloads/content");
    let server = Server::start(&["--content", content.to_str().unwrap()]);
    let body = server.get("/vi/courses/x/01-a/").text();
    assert_inert(&body);
    assert!(
        body.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "payload shown as text"
    );
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt; Bài"),
        "title escaped"
    );
    let catalogue = server.get("/vi/").text();
    assert!(catalogue.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Khoá"));
    assert_inert(&catalogue);
    assert_inert(&server.post_form("/vi/courses/x/01-a/", "q1=a").text());
}

/// Every real tag in the page is one the templates write, with no event handler or script URL.
fn assert_inert(body: &str) {
    let allowed = [
        "html", "head", "meta", "title", "link", "body", "a", "header", "span", "p", "main",
        "footer", "nav", "h1", "h2", "h3", "ul", "ol", "li", "article", "div", "aside", "form",
        "fieldset", "legend", "label", "input", "button", "strong", "em", "code", "pre", "section",
    ];
    for tag in body.split('<').skip(1) {
        let inside = tag.split('>').next().unwrap_or("").to_lowercase();
        let name: String = inside
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            continue;
        }
        // The one script: the site's own offline helper, a file (no inline code).
        if name == "script" {
            assert!(
                inside == "/script"
                    || inside.starts_with("script defer src=\"/static/offline-")
                        && inside.ends_with(".js\"")
                        && tag == format!("{inside}>"),
                "unexpected script <{inside}>"
            );
            continue;
        }
        assert!(
            allowed.contains(&name.as_str()),
            "unexpected <{name}> in:\n{body}"
        );
        assert!(!inside.contains("javascript:"), "script URL in <{inside}>");
        // Attribute names only: quoted values (escaped text, e.g. a preview's og:title) are
        // not attributes however they read.
        let unquoted: String = inside.split('"').step_by(2).collect::<Vec<_>>().join(" ");
        let attrs: Vec<&str> = unquoted.split_whitespace().skip(1).collect();
        assert!(
            !attrs.iter().any(|a| a.starts_with("on")),
            "event handler in <{inside}>"
        );
    }
}

#[test]
fn raw_html_in_content_stops_start_up_with_the_location() {
    let content = repo("tests/fixtures/raw-html/content");
    let err = Server::try_start(&["--content", content.to_str().unwrap()])
        .err()
        .unwrap();
    assert!(err.contains("01-a.md:5:1: error[E013]"), "{err}");
    assert!(err.contains("error[E014]"), "{err}");
}

#[test]
fn serves_a_built_dist_folder_and_refuses_a_damaged_one() {
    let dist = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_hocvu"))
        .args(["build", "--out", dist.path().to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    {
        let server = Server::start(&["--bundles", dist.path().to_str().unwrap()]);
        assert_eq!(server.get("/vi/courses/vneid/").status, 200);
    }
    let index = std::fs::read_to_string(dist.path().join("index.json")).unwrap();
    let file = index
        .split("\"file\": \"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    std::fs::write(dist.path().join(file), b"garbage").unwrap();
    let err = Server::try_start(&["--bundles", dist.path().to_str().unwrap()])
        .err()
        .unwrap();
    assert!(err.contains(file) && err.contains("sha256"), "{err}");
}

#[test]
fn a_broken_theme_fails_at_start_with_file_and_line() {
    let themes = tempfile::tempdir().unwrap();
    let dir = themes.path().join("default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("lesson.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n{{ lesson.title \n{% endblock main %}\n",
    )
    .unwrap();
    let err = Server::try_start(&["--themes-dir", themes.path().to_str().unwrap()])
        .err()
        .unwrap();
    let file = dir.join("lesson.html");
    assert!(
        err.contains(&format!("{}: Failed to parse", file.display())),
        "{err}"
    );
    assert!(err.contains("--> 4:1"), "line of the error: {err}");
    let err = Server::try_start(&["--theme", "neon"]).err().unwrap();
    assert!(err.contains("theme `neon` does not exist"), "{err}");
}

#[test]
fn a_theme_folder_overrides_one_file_at_a_time() {
    let themes = tempfile::tempdir().unwrap();
    let dir = themes.path().join("large-text/templates");
    std::fs::create_dir_all(&dir).unwrap();
    let base = std::fs::read_to_string(repo("themes/default/templates/base.html")).unwrap();
    std::fs::write(
        dir.join("base.html"),
        base.replace("<main id=\"main\">", "<main id=\"main\" class=\"custom\">"),
    )
    .unwrap();
    let server = Server::start(&["--themes-dir", themes.path().to_str().unwrap()]);
    let large = server
        .get_with("/vi/", &[("Cookie", "theme=large-text")])
        .text();
    assert!(large.contains("class=\"custom\""));
    assert!(
        large.contains("<h1>Các khoá học</h1>"),
        "other templates still from default"
    );
    assert!(!server.get("/vi/").text().contains("class=\"custom\""));
}

#[test]
fn sigterm_shuts_down_gracefully() {
    let mut server = Server::start(&[]);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    let exit = server.wait();
    assert!(exit.success(), "{exit:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
}

#[test]
fn media_are_served_with_long_caching() {
    let server = Server::start(&[]);
    assert_eq!(server.get("/media/0000-360.png").status, 404);
    assert_eq!(server.get("/static/nope.css").status, 404);
}
