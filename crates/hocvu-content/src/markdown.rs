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

/// `## ? Question` is single choice, `## ?? Question` multiple choice.
fn question_kind(events: &[Spanned<'_>], i: usize) -> Option<QuestionKind> {
    let (Event::Start(Tag::Heading { .. }), _) = events.get(i)? else {
        return None;
    };
    let (Event::Text(text), _) = events.get(i + 1)? else {
        return None;
    };
    let text = text.trim_start();
    if text.starts_with("??") {
        Some(QuestionKind::Multiple)
    } else if text.starts_with('?') {
        Some(QuestionKind::Single)
    } else {
        None
    }
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

    fn quiz(&mut self, events: &[Spanned<'_>]) -> Vec<Question> {
        let mut questions = Vec::new();
        let mut i = 0;
        while i < events.len() {
            let Some(kind) = question_kind(events, i) else {
                self.diag(
                    &events[i].1,
                    Code::QuizMisplacedContent,
                    "only quiz questions may follow the first question (`## ? …`); move this above the quiz",
                );
                i = skip_element(events, i);
                continue;
            };
            let heading_end = skip_element(events, i);
            let heading_range = events[i].1.clone();
            let mut prompt: Vec<Spanned<'_>> = events[i + 1..heading_end - 1].to_vec();
            if let Some((Event::Text(t), _)) = prompt.first_mut() {
                let stripped = t
                    .trim_start()
                    .trim_start_matches('?')
                    .trim_start()
                    .to_string();
                *t = CowStr::from(stripped);
            }
            i = heading_end;
            let intro_start = i;
            while i < events.len() && question_kind(events, i).is_none() && !is_task_list(events, i)
            {
                i = skip_element(events, i);
            }
            let intro_events = self.transform(&events[intro_start..i]);
            let options = if i < events.len() && is_task_list(events, i) {
                let end = skip_element(events, i);
                let options = self.options(&events[i + 1..end - 1]);
                i = end;
                options
            } else {
                Vec::new()
            };
            let number = questions.len() + 1;
            if let Some(q) =
                self.question(number, kind, &prompt, intro_events, options, &heading_range)
            {
                questions.push(q);
            }
        }
        questions
    }

    fn question(
        &mut self,
        number: usize,
        kind: QuestionKind,
        prompt: &[Spanned<'_>],
        intro: Vec<Event<'_>>,
        options: Vec<(QuizOption, String, Range<usize>)>,
        at: &Range<usize>,
    ) -> Option<Question> {
        if inline_text(prompt).trim().is_empty() {
            self.diag(at, Code::QuizEmptyOption, "question has no text after `?`");
        }
        if options.len() < 2 {
            self.diag(
                at,
                Code::QuizNoOptions,
                "a question needs at least two options, written `- [ ] wrong` and `- [x] right`",
            );
            return None;
        }
        let correct = options.iter().filter(|(o, _, _)| o.correct).count();
        match (kind, correct) {
            (_, 0) => self.diag(at, Code::QuizNoCorrect, "no correct answer: mark the right option `- [x]`"),
            (QuestionKind::Single, n) if n > 1 => self.diag(
                at,
                Code::QuizNoCorrect,
                format!("{n} options are marked right in a single-choice question; use `??` for multiple choice"),
            ),
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for (_, text, range) in &options {
            let key = text.trim().to_lowercase();
            if key.is_empty() {
                self.diag(range, Code::QuizEmptyOption, "empty option");
            } else if !seen.insert(key) {
                self.diag(
                    range,
                    Code::QuizDuplicateOption,
                    format!("duplicate option `{}`", text.trim()),
                );
            }
        }
        let mut prompt_html = String::new();
        let prompt_events = self.transform(prompt);
        pulldown_cmark::html::push_html(&mut prompt_html, prompt_events.into_iter());
        let mut intro_html = String::new();
        pulldown_cmark::html::push_html(&mut intro_html, intro.into_iter());
        Some(Question {
            id: format!("q{number}"),
            kind,
            prompt_html: prompt_html.trim().to_string(),
            intro_html,
            options: options.into_iter().map(|(o, _, _)| o).collect(),
        })
    }

    /// Parses the items of a task list: `- [x] option` then feedback on the next lines.
    fn options(&mut self, items: &[Spanned<'_>]) -> Vec<(QuizOption, String, Range<usize>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < items.len() {
            let end = skip_element(items, i);
            let range = items[i].1.clone();
            let inner = &items[i + 1..end.saturating_sub(1).max(i + 1)];
            i = end;
            let loose = matches!(inner.first(), Some((Event::Start(Tag::Paragraph), _)));
            let rest = if loose { &inner[1..] } else { inner };
            let Some((Event::TaskListMarker(correct), _)) = rest.first() else {
                self.diag(
                    &range,
                    Code::QuizNoOptions,
                    "every option must start with `[ ]` (wrong) or `[x]` (right)",
                );
                continue;
            };
            let marker_end = rest[0].1.end;
            let rest = &rest[1..];
            // `- [ ]` with the text on the next line is an empty option followed by feedback.
            let text_on_marker_line = rest.first().is_some_and(|(_, r)| {
                !self.input.body[marker_end..r.start.max(marker_end)].contains('\n')
            });
            let split = if !text_on_marker_line {
                0
            } else {
                rest.iter()
                    .position(|(e, _)| {
                        matches!(e, Event::SoftBreak | Event::HardBreak)
                            || (loose && matches!(e, Event::End(TagEnd::Paragraph)))
                            || matches!(e, Event::Start(_) if !is_inline_start(e))
                    })
                    .unwrap_or(rest.len())
            };
            let option_events = &rest[..split];
            let mut feedback: Vec<Spanned<'_>> = Vec::new();
            if !text_on_marker_line {
                if loose {
                    feedback.push((Event::Start(Tag::Paragraph), range.clone()));
                }
                feedback.extend_from_slice(rest);
            } else if split < rest.len() {
                match &rest[split].0 {
                    Event::SoftBreak | Event::HardBreak if loose => {
                        feedback.push((Event::Start(Tag::Paragraph), rest[split].1.clone()));
                        feedback.extend_from_slice(&rest[split + 1..]);
                    }
                    Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => {
                        feedback.extend_from_slice(&rest[split + 1..]);
                    }
                    _ => feedback.extend_from_slice(&rest[split..]),
                }
            }
            let text = inline_text(option_events);
            let mut html = String::new();
            let option_html = self.transform(option_events);
            pulldown_cmark::html::push_html(&mut html, option_html.into_iter());
            let mut feedback_html = String::new();
            let feedback_events = self.transform(&feedback);
            pulldown_cmark::html::push_html(&mut feedback_html, feedback_events.into_iter());
            if feedback_html.trim().is_empty() && !text.trim().is_empty() {
                self.diag(
                    &range,
                    Code::FeedbackMissing,
                    format!(
                        "option `{}` has no feedback: on the next line, indented, say why it is right or wrong",
                        text.trim()
                    ),
                );
            }
            let n = out.len();
            let id = if n < 26 {
                char::from(b'a' + n as u8).to_string()
            } else {
                format!("o{}", n + 1)
            };
            out.push((
                QuizOption {
                    id,
                    html: html.trim().to_string(),
                    feedback_html: feedback_html.trim().to_string(),
                    correct: *correct,
                },
                text,
                range,
            ));
        }
        out
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

fn is_task_list(events: &[Spanned<'_>], i: usize) -> bool {
    if !matches!(events.get(i), Some((Event::Start(Tag::List(None)), _))) {
        return false;
    }
    events[i..skip_element(events, i)]
        .iter()
        .any(|(e, _)| matches!(e, Event::TaskListMarker(_)))
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

#[cfg(test)]
mod tests;
