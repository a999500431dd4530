//! One lesson as a SCORM 1.2 SCO page: the lesson as the site shows it (notices for drafts,
//! stale and Vietnamese fallbacks, callout labels), its quiz as a form graded in the page by
//! `sco.js` with the answer key written into the page, and links kept inside the package.

use crate::site::Site;
use crate::site::render::escape_html as esc;
use fluent_bundle::FluentArgs;
use hocvu_content::{Bundle, Lesson, Locale, TranslationStatus};
use serde_json::json;

/// The page for `bundle.lessons[index]` in `lang`, at `<slug>/index.html` in the package.
pub fn lesson_page(site: &Site, bundle: &Bundle, index: usize, lang: Locale) -> Option<String> {
    let lesson = bundle.lessons.get(index)?;
    let text = lesson.text_in(lang)?;
    let renderer = &site.themes.get(site.default_theme)?.renderer;
    let t = |key: &str| site.i18n.tr(lang, key, None);
    let lang_attr = |l: Locale| {
        if l == lang {
            String::new()
        } else {
            format!(r#" lang="{l}""#)
        }
    };
    let (course_title, course_lang) = bundle.course.title_in(lang);
    let mut notices = String::new();
    let translation = text.translation.as_ref();
    if translation.is_some_and(|t| t.status == TranslationStatus::Draft) {
        notices += &notice("notice-draft", &t("notice-draft"));
    }
    if translation.is_some_and(|t| t.stale) {
        notices += &notice("notice-stale", &t("notice-stale"));
    }
    if text.body_locale != lang {
        notices += &notice("notice-fallback", &t("notice-fallback"));
    }
    let body = package_links(&renderer.callout_labels(&text.html, lang));
    let listen = listen(site, lesson, lang);
    let quiz = quiz_form(site, bundle, lesson, lang);
    let total = bundle.lessons.len();
    let position = {
        let mut args = FluentArgs::new();
        args.set("number", index + 1);
        args.set("total", total);
        site.i18n.tr(lang, "lesson-position", Some(&args))
    };
    let mut pager = String::new();
    if let Some(prev) = index.checked_sub(1).and_then(|i| bundle.lessons.get(i)) {
        pager += &format!(
            r#"<a class="prev" href="../{}/index.html" rel="prev">← {}</a>"#,
            prev.slug,
            esc(&t("lesson-prev"))
        );
    }
    if let Some(next) = bundle.lessons.get(index + 1) {
        pager += &format!(
            r#"<a class="next" href="../{}/index.html" rel="next">{} →</a>"#,
            next.slug,
            esc(&t("lesson-next"))
        );
    }
    Some(format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="../theme.css">
</head>
<body>
<main id="main">
<p class="crumb"><span{course_lang_attr}>{course_title}</span> · {position}</p>
<article>
<h1{title_lang_attr}>{title}</h1>
{notices}{listen}<div class="body"{body_lang_attr}>
{body}
</div>
</article>
{quiz}<nav class="pager">{pager}</nav>
</main>
<script src="../sco.js"></script>
</body>
</html>
"#,
        title = esc(&text.title),
        title_lang_attr = lang_attr(text.locale),
        course_lang_attr = lang_attr(course_lang),
        course_title = esc(course_title),
        position = esc(&position),
        body_lang_attr = lang_attr(text.body_locale),
    ))
}

/// The lesson's narration as an audio player (the Vietnamese one, said so, when the language
/// has none), with who read it; the file is in the package's `audio/`.
fn listen(site: &Site, lesson: &Lesson, lang: Locale) -> String {
    let t = |key: &str| site.i18n.tr(lang, key, None);
    let (narration, from) = match lesson.narrations.get(&lang) {
        Some(n) if n.lesson.is_some() => (n, lang),
        _ => match lesson.narrations.get(&Locale::SOURCE) {
            Some(n) if n.lesson.is_some() => (n, Locale::SOURCE),
            _ => return String::new(),
        },
    };
    let Some(clip) = &narration.lesson else {
        return String::new();
    };
    let mut args = FluentArgs::new();
    args.set("name", narration.narrator.clone());
    let mut by = site.i18n.tr(lang, "listen-by", Some(&args));
    if narration.machine {
        by = format!("{by} ({})", t("listen-machine"));
    }
    let mut out = String::from("<figure class=\"listen\">\n");
    out += &format!(
        "<audio controls preload=\"none\" src=\"../audio/{}\"{}></audio>\n<figcaption>{}</figcaption>\n",
        esc(&clip.file),
        if from == lang {
            String::new()
        } else {
            format!(r#" lang="{from}""#)
        },
        esc(&by)
    );
    if from != lang {
        out += &notice("notice-fallback", &t("listen-fallback"));
    }
    if narration.stale {
        out += &notice("notice-stale", &t("listen-stale"));
    }
    out + "</figure>\n"
}

fn notice(class: &str, text: &str) -> String {
    format!("<p class=\"notice {class}\">{}</p>\n", esc(text))
}

/// The quiz as a form, with the answer key and the messages `sco.js` shows; empty without one.
fn quiz_form(site: &Site, bundle: &Bundle, lesson: &Lesson, lang: Locale) -> String {
    let Some(text) = lesson.text_in(lang) else {
        return String::new();
    };
    if text.quiz.is_empty() {
        return String::new();
    }
    let t = |key: &str| site.i18n.tr(lang, key, None);
    // Placeholders `sco.js` fills in; Fluent's isolation marks around them are removed there.
    let with = |key: &str, names: &[&str]| {
        let mut args = FluentArgs::new();
        for n in names {
            args.set(*n, format!("{{{n}}}"));
        }
        site.i18n.tr(lang, key, Some(&args))
    };
    let pass_mark = if lesson.all_questions_required {
        100
    } else {
        bundle.course.pass_mark
    };
    let key: serde_json::Map<String, serde_json::Value> = text
        .quiz
        .iter()
        .map(|q| {
            let right: Vec<&str> = q
                .options
                .iter()
                .filter(|o| o.correct)
                .map(|o| o.id.as_str())
                .collect();
            (q.id.clone(), json!(right))
        })
        .collect();
    let settings = json!({
        "key": key,
        "pass_mark": pass_mark,
        "score": with("quiz-score", &["right", "total"]),
        "passed": t("quiz-passed"),
        "failed": with("quiz-failed", &["needed"]),
        "right": t("quiz-right"),
        "wrong": t("quiz-wrong"),
        "unanswered": t("quiz-not-answered"),
        "retry": t("quiz-retry"),
    });
    let mut out = format!(
        "<form class=\"quiz\" id=\"quiz\" data-quiz=\"{}\">\n<h2>{}</h2>\n",
        esc(&settings.to_string()),
        esc(&t("quiz-title"))
    );
    if text.quiz_locale != lang {
        out += &notice("notice-fallback", &t("notice-quiz-fallback"));
    }
    out += "<div class=\"result\" id=\"result\" role=\"status\" tabindex=\"-1\" hidden><p></p><p></p></div>\n";
    let quiz_lang = if text.quiz_locale == lang {
        String::new()
    } else {
        format!(r#" lang="{}""#, text.quiz_locale)
    };
    out += &format!("<div{quiz_lang}>\n");
    for (n, q) in text.quiz.iter().enumerate() {
        let multiple = q.kind == hocvu_content::QuestionKind::Multiple;
        let (input, hint) = if multiple {
            ("checkbox", t("quiz-choose-all"))
        } else {
            ("radio", t("quiz-choose-one"))
        };
        out += &format!(
            "<fieldset class=\"q\" id=\"{id}\">\n<legend><span class=\"qn\">{num}.</span> {prompt}</legend>\n{intro}\n<p class=\"hint\" lang=\"{lang}\">{hint}</p>\n<p class=\"mark\" lang=\"{lang}\" hidden></p>\n",
            id = q.id,
            num = n + 1,
            prompt = package_links(&q.prompt_html),
            intro = package_links(&q.intro_html),
            hint = esc(&hint),
        );
        for o in &q.options {
            out += &format!(
                "<label class=\"opt\"><input type=\"{input}\" name=\"{q}\" value=\"{v}\"> <span>{html}</span></label>\n<p class=\"feedback\" data-for=\"{q}-{v}\" hidden><strong lang=\"{lang}\"></strong> {fb}</p>\n",
                q = q.id,
                v = o.id,
                html = package_links(&o.html),
                fb = package_links(&o.feedback_html),
            );
        }
        out += "</fieldset>\n";
    }
    out += &format!(
        "</div>\n<button type=\"submit\">{}</button>\n</form>\n",
        esc(&t("quiz-submit"))
    );
    out
}

/// Links as the package holds them: another lesson (`../slug/`) is its `index.html`, an image
/// from the site's `/media/` is in the package's `media/`.
pub fn package_links(html: &str) -> String {
    let mut out = html
        .replace("=\"/media/", "=\"../media/")
        .replace(", /media/", ", ../media/");
    let mut from = 0;
    while let Some(pos) = out[from..].find("href=\"../") {
        let start = from + pos + "href=\"../".len();
        let Some(len) = out[start..].find('"') else {
            break;
        };
        let target = &out[start..start + len];
        if target.ends_with('/') && hocvu_content::course::is_slug(target.trim_end_matches('/')) {
            out.insert_str(start + len, "index.html");
        }
        from = start + len;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_stay_inside_the_package() {
        let html = r#"<a href="../02-next/">next</a> <img src="/media/a1.webp" srcset="/media/a1.webp 360w, /media/a2.webp 720w"> <a href="https://example.org/">out</a>"#;
        assert_eq!(
            super::package_links(html),
            r#"<a href="../02-next/index.html">next</a> <img src="../media/a1.webp" srcset="../media/a1.webp 360w, ../media/a2.webp 720w"> <a href="https://example.org/">out</a>"#
        );
    }
}
