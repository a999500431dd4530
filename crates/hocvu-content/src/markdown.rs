//! Lesson Markdown → sanitised HTML and quiz definitions.
//!
//! Raw HTML is rejected (E013), never passed through: the only HTML in the output is what
//! pulldown-cmark escapes and what this module writes itself. Links are allow-listed by scheme.

use crate::diag::{Code, Diagnostics, SourceFile};
use crate::model::{Question, QuestionKind, QuizOption};
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeSet;
use std::ops::Range;

/// One processed image, as the renderer needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// `(file name, width, height)`, narrowest first.
    pub variants: Vec<(String, u32, u32)>,
}

/// Turns an image path written in a lesson into processed variants, or a diagnostic.
pub trait ImageResolver {
    fn resolve(&mut self, path: &str) -> Result<ImageRef, (Code, String)>;
}

pub struct RenderInput<'a> {
    pub file: &'a SourceFile,
    pub body: &'a str,
    /// Byte offset of `body` in the file, for diagnostics.
    pub body_offset: usize,
    /// Lesson slugs of this course, to resolve `02-other.md` links.
    pub lesson_slugs: &'a BTreeSet<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub quiz: Vec<Question>,
    /// Visible text of the lesson (body and quiz), one block a line; for readability checks.
    pub text: String,
}

/// Where images are served from; file names are content hashes, so they never go stale.
pub const MEDIA_PREFIX: &str = "/media/";

type Spanned<'a> = (Event<'a>, Range<usize>);

pub fn render(
    input: &RenderInput<'_>,
    images: &mut dyn ImageResolver,
    diags: &mut Diagnostics,
) -> Rendered {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let events = merge_text(
        Parser::new_ext(input.body, options)
            .into_offset_iter()
            .collect(),
    );
    let quiz_start = (0..events.len())
        .find(|&i| question_kind(&events, i).is_some())
        .unwrap_or(events.len());
    let mut renderer = Renderer {
        input,
        images,
        diags,
        heading_ids: BTreeSet::new(),
    };
    let body = renderer.transform(&events[..quiz_start]);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, body.into_iter());
    let quiz = renderer.quiz(&events[quiz_start..]);
    Rendered {
        html,
        quiz,
        text: plain_text(&events),
    }
}

/// pulldown-cmark splits text at brackets and entities; markers like `[!SCAM]` need it whole.
fn merge_text(events: Vec<Spanned<'_>>) -> Vec<Spanned<'_>> {
    let mut out: Vec<Spanned<'_>> = Vec::with_capacity(events.len());
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(prev), prev_range))) = (&event, out.last_mut())
        {
            let joined = format!("{prev}{next}");
            *prev = CowStr::from(joined);
            prev_range.end = range.end;
            continue;
        }
        out.push((event, range));
    }
    out
}

/// Index just past the block or inline element starting at `i`.
fn skip_element(events: &[Spanned<'_>], i: usize) -> usize {
    if !matches!(events[i].0, Event::Start(_)) {
        return i + 1;
    }
    let mut depth = 0usize;
    for (j, (event, _)) in events.iter().enumerate().skip(i) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

fn inline_text(events: &[Spanned<'_>]) -> String {
    let mut s = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut s = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell,
            ) => s.push('\n'),
            _ => {}
        }
    }
    s
}

fn heading_slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        // Combining marks (U+0306 in Ê Đê ê̆) belong to the letter before them.
        if c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c) {
            slug.push(c);
        } else if (c.is_whitespace() || c == '-') && !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() {
        "muc".to_string()
    } else {
        slug
    }
}

struct Renderer<'r, 'a> {
    input: &'r RenderInput<'a>,
    images: &'r mut dyn ImageResolver,
    diags: &'r mut Diagnostics,
    heading_ids: BTreeSet<String>,
}

impl<'a> Renderer<'_, 'a> {
    fn diag(&mut self, range: &Range<usize>, code: Code, message: impl Into<String>) {
        let offset = self.input.body_offset + range.start;
        self.diags.at(self.input.file, offset, code, message);
    }

    fn unique_id(&mut self, text: &str) -> String {
        let base = heading_slug(text);
        let mut id = base.clone();
        let mut n = 2;
        while self.heading_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.heading_ids.insert(id.clone());
        id
    }

    /// Sanitises and rewrites events for HTML output; reports what authors must fix.
    fn transform<'e>(&mut self, events: &[Spanned<'e>]) -> Vec<Event<'e>> {
        let mut out = Vec::with_capacity(events.len());
        let mut skip = vec![false; events.len()];
        let mut callouts: Vec<bool> = Vec::new();
        let mut dropped_links = 0usize;
        let mut i = 0;
        while i < events.len() {
            if skip[i] {
                i += 1;
                continue;
            }
            let (event, range) = &events[i];
            match event {
                Event::Start(Tag::HtmlBlock) => {
                    self.diag(range, Code::RawHtml, raw_html_message(events.get(i + 1)));
                    i = skip_element(events, i);
                    continue;
                }
                Event::Html(_) | Event::InlineHtml(_) => {
                    self.diag(range, Code::RawHtml, raw_html_message(Some(&events[i])));
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    if *level == HeadingLevel::H1 {
                        self.diag(
                            range,
                            Code::TopLevelHeading,
                            "`#` headings compete with the lesson title; use `##` for sections",
                        );
                    }
                    let end = skip_element(events, i);
                    let text = inline_text(&events[i + 1..end.saturating_sub(1)]);
                    let id = self.unique_id(&text);
                    out.push(Event::Start(Tag::Heading {
                        level: *level,
                        id: Some(CowStr::from(id)),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }));
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    let callout = match kind {
                        Some(BlockQuoteKind::Tip) => Some("tip"),
                        Some(BlockQuoteKind::Note) => Some("note"),
                        Some(
                            BlockQuoteKind::Warning
                            | BlockQuoteKind::Important
                            | BlockQuoteKind::Caution,
                        ) => Some("warning"),
                        None if strip_scam_marker(events, i, &mut skip) => Some("scam"),
                        None => None,
                    };
                    callouts.push(callout.is_some());
                    match callout {
                        Some(k) => out.push(Event::Html(CowStr::from(format!(
                            "<aside class=\"callout callout-{k}\">\n"
                        )))),
                        None => out.push(event.clone()),
                    }
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    if callouts.pop().unwrap_or(false) {
                        out.push(Event::Html(CowStr::Borrowed("</aside>\n")));
                    } else {
                        out.push(event.clone());
                    }
                }
                Event::Start(Tag::List(Some(start))) => {
                    let html = if *start == 1 {
                        "<ol class=\"steps\">\n".to_string()
                    } else {
                        format!("<ol class=\"steps\" start=\"{start}\">\n")
                    };
                    out.push(Event::Html(CowStr::from(html)));
                }
                Event::End(TagEnd::List(true)) => {
                    out.push(Event::Html(CowStr::Borrowed("</ol>\n")))
                }
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let end = skip_element(events, i);
                    let alt = inline_text(&events[i + 1..end.saturating_sub(1)]);
                    if let Some(html) = self.image(range, dest_url, title, alt.trim()) {
                        out.push(Event::InlineHtml(CowStr::from(html)));
                    }
                    i = end;
                    continue;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => match self.check_link(dest_url) {
                    Ok(url) => out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: CowStr::from(url),
                        title: title.clone(),
                        id: id.clone(),
                    })),
                    Err((code, message)) => {
                        self.diag(range, code, message);
                        dropped_links += 1;
                    }
                },
                Event::End(TagEnd::Link) if dropped_links > 0 => dropped_links -= 1,
                Event::Start(Tag::Table(_)) => {
                    out.push(Event::Html(CowStr::Borrowed("<div class=\"table-wrap\">")));
                    out.push(event.clone());
                }
                Event::End(TagEnd::Table) => {
                    out.push(event.clone());
                    out.push(Event::Html(CowStr::Borrowed("</div>\n")));
                }
                _ => out.push(event.clone()),
            }
            i += 1;
        }
        out
    }

    fn check_link(&self, url: &str) -> Result<String, (Code, String)> {
        // Browsers ignore tabs and newlines inside URLs, so `java\tscript:` must not slip through.
        let cleaned: String = url
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .collect();
        let lower = cleaned.to_ascii_lowercase();
        if ["https://", "http://", "mailto:", "tel:"]
            .iter()
            .any(|p| lower.starts_with(p))
        {
            return Ok(cleaned);
        }
        if lower.starts_with('#') {
            return Ok(cleaned);
        }
        let scheme_end = lower.find(':');
        let path_start = lower.find(['/', '?', '#']).unwrap_or(lower.len());
        if lower.starts_with("//") || scheme_end.is_some_and(|c| c < path_start) {
            return Err((
                Code::UnsafeLink,
                format!(
                    "link `{url}` is not allowed: use https://, mailto:, tel: or another lesson's file name"
                ),
            ));
        }
        let (path, fragment) = match cleaned.split_once('#') {
            Some((p, f)) => (p, format!("#{f}")),
            None => (cleaned.as_str(), String::new()),
        };
        let slug = path.trim_start_matches("./").strip_suffix(".md");
        match slug {
            Some(slug) if self.input.lesson_slugs.contains(slug) => {
                Ok(format!("../{slug}/{fragment}"))
            }
            Some(_) => Err((
                Code::BrokenLink,
                format!(
                    "link to unknown lesson `{path}`; lessons of this course: {}",
                    self.input
                        .lesson_slugs
                        .iter()
                        .map(|s| format!("{s}.md"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            None => Err((
                Code::BrokenLink,
                format!(
                    "link `{url}` points to no lesson; link a lesson by its file name, e.g. `02-dang-nhap.md`"
                ),
            )),
        }
    }

    fn image(&mut self, range: &Range<usize>, url: &str, title: &str, alt: &str) -> Option<String> {
        if alt.is_empty() {
            self.diag(
                range,
                Code::ImageAltMissing,
                format!("image `{url}` has no alt text: describe it in `![…]` for learners who cannot see it"),
            );
        }
        let image = match self.images.resolve(url) {
            Ok(image) => image,
            Err((code, message)) => {
                self.diag(range, code, message);
                return None;
            }
        };
        let (src, width, height) = image.variants.last()?;
        let srcset: Vec<String> = image
            .variants
            .iter()
            .map(|(name, w, _)| format!("{MEDIA_PREFIX}{name} {w}w"))
            .collect();
        let title_attr = if title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_attr(title))
        };
        Some(format!(
            "<img src=\"{MEDIA_PREFIX}{src}\" srcset=\"{}\" sizes=\"(max-width: {width}px) 100vw, {width}px\" width=\"{width}\" height=\"{height}\" alt=\"{}\"{title_attr} loading=\"lazy\" decoding=\"async\">",
            srcset.join(", "),
            escape_attr(alt)
        ))
    }
}

fn is_inline_start(event: &Event<'_>) -> bool {
    matches!(
        event,
        Event::Start(
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        )
    )
}

/// `> [!SCAM]` is our own callout kind; GFM knows only NOTE, TIP, IMPORTANT, WARNING, CAUTION.
fn strip_scam_marker(events: &[Spanned<'_>], i: usize, skip: &mut [bool]) -> bool {
    const MARKER: &str = "[!SCAM]";
    let Some((Event::Start(Tag::Paragraph), _)) = events.get(i + 1) else {
        return false;
    };
    let Some((Event::Text(text), _)) = events.get(i + 2) else {
        return false;
    };
    if !text.trim().eq_ignore_ascii_case(MARKER) {
        return false;
    }
    match events.get(i + 3) {
        Some((Event::SoftBreak | Event::HardBreak, _)) => {
            skip[i + 2] = true;
            skip[i + 3] = true;
        }
        Some((Event::End(TagEnd::Paragraph), _)) => {
            skip[i + 1] = true;
            skip[i + 2] = true;
            skip[i + 3] = true;
        }
        _ => return false,
    }
    true
}

fn raw_html_message(event: Option<&Spanned<'_>>) -> String {
    let snippet = match event {
        Some((Event::Html(h) | Event::InlineHtml(h), _)) => {
            let first: String = h.trim().chars().take(40).collect();
            format!(" `{first}`")
        }
        _ => String::new(),
    };
    format!(
        "raw HTML{snippet} is not allowed in lessons: use Markdown (e.g. **bold**, lists, `> [!TIP]`)"
    )
}

fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

mod quiz;

use quiz::question_kind;

#[cfg(test)]
mod tests;
