//! A lesson body split into translation units — headings, paragraphs, steps, callouts, images,
//! quiz questions, options and feedback — each with a stable positional id (`p3`, `q2.o1.f`).
//!
//! The Markdown around a unit's text (`## ? `, `- [x] `, `> [!TIP]`, an image's path) belongs to
//! the unit, not to the translator: a translation is assembled from the Vietnamese structure and
//! the translated texts, so its structure cannot be broken by accident.

use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::unit_diff::{DiffPiece, Since, align, word_diff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Heading,
    Paragraph,
    Step,
    Item,
    Callout,
    Quote,
    Image,
    Table,
    Question,
    Option,
    Feedback,
    /// Code blocks: copied from the source, not translated.
    Fixed,
}

impl UnitKind {
    fn prefix(self) -> &'static str {
        match self {
            UnitKind::Heading => "h",
            UnitKind::Paragraph => "p",
            UnitKind::Step => "s",
            UnitKind::Item => "i",
            UnitKind::Callout => "c",
            UnitKind::Quote => "b",
            UnitKind::Image => "img",
            UnitKind::Table => "t",
            UnitKind::Fixed => "x",
            UnitKind::Question => "q",
            UnitKind::Option => "o",
            UnitKind::Feedback => "f",
        }
    }

    /// Units whose text is one line (a line break would change the structure).
    fn one_line(self) -> bool {
        matches!(
            self,
            UnitKind::Heading
                | UnitKind::Question
                | UnitKind::Option
                | UnitKind::Image
                | UnitKind::Step
                | UnitKind::Item
                | UnitKind::Table
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub id: String,
    pub kind: UnitKind,
    pub text: String,
    /// Fixed Markdown before the text (`## ? `, `- [x] `, `> [!TIP]\n> `, `![`).
    #[serde(skip)]
    lead: String,
    /// Fixed Markdown after the text (an image's `](images/a.png)`).
    #[serde(skip)]
    trail: String,
    /// Put before each further line of the text (`> ` in a callout, spaces under an option).
    #[serde(skip)]
    cont: String,
    /// `\n\n` before a new block, `\n` inside a list or between an option and its feedback.
    #[serde(skip)]
    sep: &'static str,
}

/// Why a translated text does not fit its unit; each is an interface string key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum UnitProblem {
    Empty,
    LineBreak,
    BlankLine,
    Markup,
}

impl UnitProblem {
    pub fn key(self) -> &'static str {
        match self {
            UnitProblem::Empty => "translate-error-empty",
            UnitProblem::LineBreak => "translate-error-line-break",
            UnitProblem::BlankLine => "translate-error-blank-line",
            UnitProblem::Markup => "translate-error-markup",
        }
    }
}

fn list_marker(line: &str) -> Option<usize> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 4 {
        let rest = &line[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            return Some(digits + 2);
        }
    }
    ["- ", "* ", "+ "]
        .iter()
        .any(|m| line.starts_with(m))
        .then_some(2)
}

fn task_marker(line: &str) -> Option<usize> {
    ["- [x] ", "- [X] ", "- [ ] ", "* [x] ", "* [ ] "]
        .iter()
        .any(|m| line.starts_with(m))
        .then_some(6)
}

fn starts_block(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#')
        || t.starts_with('>')
        || t.starts_with('|')
        || t.starts_with("```")
        || t.starts_with("~~~")
        || t.starts_with("+++")
        || t.starts_with("[x]")
        || t.starts_with("[ ]")
        || list_marker(t).is_some()
}

fn image_line(line: &str) -> Option<(String, String)> {
    let inner = line.trim_end().strip_prefix("![")?;
    let close = inner.rfind("](")?;
    let path = inner[close..].strip_suffix(')')?;
    Some((inner[..close].to_string(), format!("{path})")))
}

struct Splitter {
    units: Vec<Unit>,
    counts: BTreeMap<&'static str, usize>,
    question: usize,
    option: usize,
}

impl Splitter {
    fn push(&mut self, kind: UnitKind, text: String, lead: String, cont: &str, sep: &'static str) {
        let id = match kind {
            UnitKind::Question => {
                self.question += 1;
                self.option = 0;
                format!("q{}", self.question)
            }
            UnitKind::Option => {
                self.option += 1;
                format!("q{}.o{}", self.question, self.option)
            }
            UnitKind::Feedback => format!("q{}.o{}.f", self.question, self.option),
            // A paragraph between a question and its options belongs to the question.
            _ if self.question > 0 => {
                let n = self.counts.entry("qp").or_default();
                *n += 1;
                format!("q{}.{}{}", self.question, kind.prefix(), n)
            }
            _ => {
                let n = self.counts.entry(kind.prefix()).or_default();
                *n += 1;
                format!("{}{}", kind.prefix(), n)
            }
        };
        self.units.push(Unit {
            id,
            kind,
            text,
            lead,
            trail: String::new(),
            cont: cont.to_string(),
            sep,
        });
    }
}

/// Splits a lesson body (the Markdown after the front matter) into units.
pub fn split(body: &str) -> Vec<Unit> {
    let lines: Vec<&str> = body.lines().collect();
    let mut s = Splitter {
        units: Vec::new(),
        counts: BTreeMap::new(),
        question: 0,
        option: 0,
    };
    let mut i = 0;
    let mut blank = true;
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() {
            blank = true;
            i += 1;
            continue;
        }
        let sep = if s.units.is_empty() {
            "\n"
        } else if blank {
            "\n\n"
        } else {
            "\n"
        };
        blank = false;
        if line.starts_with("```") || line.starts_with("~~~") {
            let fence = &line[..3];
            let start = i;
            i += 1;
            while i < lines.len() && !lines[i].starts_with(fence) {
                i += 1;
            }
            i = (i + 1).min(lines.len());
            s.push(
                UnitKind::Fixed,
                lines[start..i].join("\n"),
                String::new(),
                "",
                sep,
            );
        } else if line.starts_with('#') {
            let hashes = line.bytes().take_while(|b| *b == b'#').count();
            let rest = line[hashes..].trim_start();
            let (kind, mark, text) = if let Some(t) = rest.strip_prefix("??") {
                (UnitKind::Question, "?? ", t)
            } else if let Some(t) = rest.strip_prefix('?') {
                (UnitKind::Question, "? ", t)
            } else {
                (UnitKind::Heading, "", rest)
            };
            let lead = format!("{} {mark}", &line[..hashes]);
            s.push(kind, text.trim().to_string(), lead, "", sep);
            i += 1;
        } else if line.starts_with('>') {
            let mut quoted = Vec::new();
            while i < lines.len() && lines[i].starts_with('>') {
                let l = &lines[i][1..];
                quoted.push(l.strip_prefix(' ').unwrap_or(l));
                i += 1;
            }
            let first = quoted[0].trim();
            if first.starts_with("[!") && first.ends_with(']') {
                let lead = format!("> {first}\n> ");
                s.push(UnitKind::Callout, quoted[1..].join("\n"), lead, "> ", sep);
            } else {
                s.push(UnitKind::Quote, quoted.join("\n"), "> ".into(), "> ", sep);
            }
        } else if let Some(n) = task_marker(line) {
            s.push(
                UnitKind::Option,
                line[n..].trim().to_string(),
                line[..n].into(),
                "",
                sep,
            );
            i += 1;
            let mut feedback = Vec::new();
            while i < lines.len() && lines[i].starts_with(' ') && !lines[i].trim().is_empty() {
                feedback.push(lines[i].trim());
                i += 1;
            }
            if !feedback.is_empty() {
                s.push(
                    UnitKind::Feedback,
                    feedback.join("\n"),
                    "  ".into(),
                    "  ",
                    "\n",
                );
            }
        } else if let Some(n) = list_marker(line) {
            let kind = if line.as_bytes()[0].is_ascii_digit() {
                UnitKind::Step
            } else {
                UnitKind::Item
            };
            s.push(
                kind,
                line[n..].trim().to_string(),
                line[..n].into(),
                "",
                sep,
            );
            i += 1;
            while i < lines.len() && lines[i].starts_with(' ') && !lines[i].trim().is_empty() {
                let l = lines[i];
                let indent = l.len() - l.trim_start().len();
                if let Some(m) = list_marker(l.trim_start()) {
                    // A nested list item: its own unit, indented as in the source.
                    let lead = l[..indent + m].to_string();
                    let text = l[indent + m..].trim().to_string();
                    s.push(UnitKind::Item, text, lead, "", "\n");
                } else if let Some(last) = s.units.last_mut() {
                    // Continuation lines join the item: one line per item keeps it fixed.
                    last.text.push(' ');
                    last.text.push_str(l.trim());
                }
                i += 1;
            }
        } else if line.starts_with('|') {
            // A table: one unit per cell; the `|` and the `---` row stay fixed.
            let n = s.counts.entry("t").or_default();
            *n += 1;
            let table = *n;
            let mut row = 0;
            let mut first = true;
            while i < lines.len() && lines[i].starts_with('|') {
                let l = lines[i].trim_end();
                let sep = if first { sep } else { "\n" };
                first = false;
                i += 1;
                if l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                    s.push(UnitKind::Fixed, l.to_string(), String::new(), "", sep);
                    continue;
                }
                row += 1;
                let inner = l.trim_start_matches('|').trim_end_matches('|');
                for (c, cell) in inner.split('|').enumerate() {
                    let lead = if c == 0 { "| " } else { " | " };
                    s.units.push(Unit {
                        id: format!("t{table}.r{row}.c{}", c + 1),
                        kind: UnitKind::Table,
                        text: cell.trim().to_string(),
                        lead: lead.to_string(),
                        trail: String::new(),
                        cont: String::new(),
                        sep: if c == 0 { sep } else { "" },
                    });
                }
                if let Some(last) = s.units.last_mut() {
                    last.trail = " |".to_string();
                }
            }
        } else if let Some((alt, trail)) = image_line(line) {
            s.push(UnitKind::Image, alt, "![".into(), "", sep);
            if let Some(u) = s.units.last_mut() {
                u.trail = trail;
            }
            i += 1;
        } else {
            let start = i;
            i += 1;
            while i < lines.len() && !lines[i].trim().is_empty() && !starts_block(lines[i]) {
                i += 1;
            }
            let text = lines[start..i].join("\n");
            s.push(UnitKind::Paragraph, text, String::new(), "", sep);
        }
    }
    s.units
}

/// Whether `text` fits unit `unit` (text the translator typed, trimmed by the caller).
pub fn check(unit: &Unit, text: &str) -> Result<(), UnitProblem> {
    if unit.kind == UnitKind::Fixed {
        return Ok(());
    }
    if text.trim().is_empty() {
        return Err(UnitProblem::Empty);
    }
    if unit.kind == UnitKind::Table && text.contains('|') {
        return Err(UnitProblem::Markup);
    }
    if unit.kind.one_line() && text.trim().contains('\n') {
        return Err(UnitProblem::LineBreak);
    }
    if text.lines().any(|l| l.trim().is_empty()) {
        return Err(UnitProblem::BlankLine);
    }
    if text.lines().any(starts_block) {
        return Err(UnitProblem::Markup);
    }
    Ok(())
}

/// The translated body: the source's structure with each unit's text from `texts` (by id);
/// fixed units keep the source text.
pub fn assemble(units: &[Unit], texts: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for u in units {
        out.push_str(u.sep);
        let text = match u.kind {
            UnitKind::Fixed => u.text.as_str(),
            _ => texts.get(&u.id).map_or("", |t| t.trim()),
        };
        out.push_str(&u.lead);
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        out.push_str(&lines.join(&format!("\n{}", u.cont)));
        out.push_str(&u.trail);
    }
    out.push('\n');
    out
}

/// Texts of `translated` by the id of the source unit they stand for: positional ids match
/// when the translation has the source's structure; units of another kind are left out.
pub fn texts_by_id(source: &[Unit], translated: &[Unit]) -> BTreeMap<String, String> {
    let kinds: BTreeMap<&str, UnitKind> = source.iter().map(|u| (u.id.as_str(), u.kind)).collect();
    translated
        .iter()
        .filter(|t| kinds.get(t.id.as_str()) == Some(&t.kind))
        .map(|t| (t.id.clone(), t.text.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "\nMở đầu **đậm**.\nDòng hai.\n\n## Các bước\n\n1. Mở máy.\n2. Bấm **Cài**.\n\n> [!TIP]\n> Mẹo một.\n> Mẹo hai.\n\n![Ảnh mô tả](images/a.png)\n\n```\ncode\n```\n\n## ? Câu hỏi?\n\nĐoạn giữa.\n\n- [x] Đúng\n  Vì đúng.\n- [ ] Sai\n  Vì sai.\n";

    #[test]
    fn splits_into_units_with_positional_ids() {
        let units = split(BODY);
        let ids: Vec<(&str, UnitKind)> = units.iter().map(|u| (u.id.as_str(), u.kind)).collect();
        assert_eq!(
            ids,
            vec![
                ("p1", UnitKind::Paragraph),
                ("h1", UnitKind::Heading),
                ("s1", UnitKind::Step),
                ("s2", UnitKind::Step),
                ("c1", UnitKind::Callout),
                ("img1", UnitKind::Image),
                ("x1", UnitKind::Fixed),
                ("q1", UnitKind::Question),
                ("q1.p1", UnitKind::Paragraph),
                ("q1.o1", UnitKind::Option),
                ("q1.o1.f", UnitKind::Feedback),
                ("q1.o2", UnitKind::Option),
                ("q1.o2.f", UnitKind::Feedback),
            ]
        );
        assert_eq!(units[0].text, "Mở đầu **đậm**.\nDòng hai.");
        assert_eq!(units[4].text, "Mẹo một.\nMẹo hai.");
        assert_eq!(units[5].text, "Ảnh mô tả");
    }

    #[test]
    fn assembling_the_source_texts_gives_back_the_source() {
        let units = split(BODY);
        let texts = units
            .iter()
            .map(|u| (u.id.clone(), u.text.clone()))
            .collect();
        assert_eq!(assemble(&units, &texts), BODY);
        assert_eq!(texts_by_id(&units, &split(BODY)).len(), units.len());
    }

    #[test]
    fn text_in_the_wrong_shape_is_refused() {
        let units = split(BODY);
        assert_eq!(check(&units[1], "Một\nHai"), Err(UnitProblem::LineBreak));
        assert_eq!(check(&units[0], "Một\n\nHai"), Err(UnitProblem::BlankLine));
        assert_eq!(check(&units[0], "## Tiêu đề"), Err(UnitProblem::Markup));
        assert_eq!(check(&units[9], "- [x] Đúng"), Err(UnitProblem::Markup));
        assert_eq!(check(&units[0], "  "), Err(UnitProblem::Empty));
        assert_eq!(check(&units[4], "Một.\nHai."), Ok(()));
    }

    #[test]
    fn a_changed_paragraph_is_aligned_with_its_old_text() {
        let old = split("A b c.\n\nSame.\n\n## H\n");
        let new = split("Inserted.\n\nA b d.\n\nSame.\n\n## H\n");
        let a = align(&old, &new);
        assert_eq!(
            a["p3"],
            Since::Same {
                old_id: "p2".into()
            }
        );
        assert_eq!(
            a["h1"],
            Since::Same {
                old_id: "h1".into()
            }
        );
        assert_eq!(a["p1"], Since::New);
        let was = "A b c.".to_string();
        assert_eq!(
            a["p2"],
            Since::Changed {
                old_id: "p1".into(),
                old_text: was
            }
        );
        let d = word_diff("A b c.", "A b d.");
        assert!(d.iter().any(|p| p.change == "removed" && p.text == "c."));
        assert!(d.iter().any(|p| p.change == "added" && p.text == "d."));
    }
}
