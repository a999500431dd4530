//! Quizzes at the end of a lesson: `## ?` / `## ??` headings, task-list options with their
//! feedback, checked with positions (E019–E022, E029).

use super::*;

impl Renderer<'_, '_> {
    pub(super) fn quiz(&mut self, events: &[Spanned<'_>]) -> Vec<Question> {
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

/// `## ? Question` is single choice, `## ?? Question` multiple choice.
pub(super) fn question_kind(events: &[Spanned<'_>], i: usize) -> Option<QuestionKind> {
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

fn is_task_list(events: &[Spanned<'_>], i: usize) -> bool {
    if !matches!(events.get(i), Some((Event::Start(Tag::List(None)), _))) {
        return false;
    }
    events[i..skip_element(events, i)]
        .iter()
        .any(|(e, _)| matches!(e, Event::TaskListMarker(_)))
}
