//! Translators' glossaries, `content/_glossary/<locale>.toml`, and the drift check (W111): a
//! translation that uses a glossary entry's Vietnamese word where the entry gives another term.
//!
//! Format: one `[terms.<id>]` table per entry, with `vi` (the Vietnamese term), `<locale>`
//! (the term translators use) and an optional `note` for reviewers. In `vi`, text in brackets
//! is context, and `,` or `/` separate alternatives: `vi = "lạ (số lạ, link lạ)"` looks for
//! "lạ"; `vi = "trả tiền, thanh toán"` for both. An alternative that the locale term contains
//! (a loanword kept, e.g. `rad = "mã OTP"`) is never reported.

use crate::diag::{Code, Diagnostics, SourceFile};
use crate::frontmatter::{self, TableReader};
use crate::locale::Locale;
use crate::source;
use std::collections::BTreeMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// The folder beside the course folders that holds the glossaries.
pub const DIR: &str = "_glossary";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    /// The `vi` value as written.
    pub vi: String,
    /// The term in the glossary's locale.
    pub term: String,
    /// Lower-case NFC Vietnamese words to look for (from `vi`, without loanwords kept).
    pub look_for: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    pub entries: Vec<Entry>,
    /// Vietnamese words the glossary keeps as loanwords (`dịch vụ công`): a shorter term used
    /// inside one of them (`dịch` in `Dịch vụ công`) is not drift.
    pub kept: Vec<String>,
    /// `_glossary/<locale>.toml`, for messages.
    pub name: String,
}

/// The glossaries of a content folder, by locale.
pub type Glossaries = BTreeMap<Locale, Glossary>;

/// Every glossary under `content_dir/_glossary/`, by locale; a file with errors gives none.
pub fn load_all(content_dir: &Path, diags: &mut Diagnostics) -> Glossaries {
    let mut out = BTreeMap::new();
    for locale in Locale::ALL {
        if locale == Locale::SOURCE {
            continue;
        }
        let path = content_dir.join(DIR).join(format!("{locale}.toml"));
        if !path.is_file() {
            continue;
        }
        let Some(file) = source::read_text(&path, diags) else {
            continue;
        };
        if let Some(g) = parse(&file, locale, diags) {
            out.insert(locale, g);
        }
    }
    out
}

/// Parses one glossary file; every problem is a diagnostic with its position.
pub fn parse(file: &SourceFile, locale: Locale, diags: &mut Diagnostics) -> Option<Glossary> {
    let before = diags.error_count();
    let table = frontmatter::parse_table(file, 0, &file.text, diags)?;
    let r = TableReader::new(file, 0, &table);
    r.deny_unknown(&["terms"], diags);
    let mut entries = Vec::new();
    let mut kept = Vec::new();
    if let Some(terms) = r.table("terms", diags) {
        for (id, _, _) in terms.entries() {
            let Some(entry) = terms.table(id, diags) else {
                continue;
            };
            entry.deny_unknown(&["vi", locale.as_str(), "note"], diags);
            let vi = entry.string("vi", true, diags);
            let term = entry.string(locale.as_str(), true, diags);
            let _ = entry.string("note", false, diags);
            if let (Some((vi, _)), Some((term, _))) = (vi, term) {
                let (kept_here, look_for): (Vec<String>, Vec<String>) = alternatives(&vi)
                    .into_iter()
                    .partition(|alt| fold(&term).contains(alt.as_str()));
                kept.extend(kept_here);
                entries.push(Entry {
                    id: id.to_string(),
                    vi,
                    term,
                    look_for,
                });
            }
        }
    } else if r.get("terms").is_none() {
        r.missing("terms", "one `[terms.<id>]` table per entry", diags);
    }
    (diags.error_count() == before).then_some(Glossary {
        entries,
        kept,
        name: format!("{DIR}/{locale}.toml"),
    })
}

/// Lower case, NFC: how terms and texts are compared.
fn fold(s: &str) -> String {
    s.nfc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect()
}

/// The Vietnamese words an entry's `vi` stands for: brackets dropped, split at `,` and `/`.
fn alternatives(vi: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in vi.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split([',', '/'])
        .map(|a| {
            let a = a.replace('…', " ");
            let a = a.trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
            a.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .filter(|a| !a.is_empty())
        .map(|a| fold(&a))
        .collect()
}

/// Letters, digits and combining marks (the Ê Đê breve) continue a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036f}').contains(&c)
}

/// W111 for each use, in `body` (starting at byte `body_offset` of `file`), of a Vietnamese
/// word the glossary translates. Inline code and text in quotation marks (a screen label
/// quoted as the phone shows it) are not checked.
pub fn check_drift(
    file: &SourceFile,
    body: &str,
    body_offset: usize,
    glossary: &Glossary,
    diags: &mut Diagnostics,
) {
    // One lower-cased char per source char, with its byte offset; skipped chars become ' '.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(body.len());
    let mut in_code = false;
    let mut in_quote = false;
    for (i, c) in body.char_indices() {
        let skip_before = in_code || in_quote;
        match c {
            '`' => in_code = !in_code,
            '"' if !in_code => in_quote = !in_quote,
            '“' if !in_code => in_quote = true,
            '”' if !in_code => in_quote = false,
            '\n' if body[i + 1..].starts_with('\n') => {
                // A blank line ends any unclosed quote or code span.
                in_code = false;
                in_quote = false;
            }
            _ => {}
        }
        let lower = {
            let mut l = c.to_lowercase();
            match (l.next(), l.next()) {
                (Some(one), None) => one,
                _ => c,
            }
        };
        let skipped = skip_before || in_code || in_quote || matches!(c, '`' | '"' | '“' | '”');
        chars.push((i, if skipped { ' ' } else { lower }));
    }
    let kept: Vec<(usize, usize)> = glossary
        .kept
        .iter()
        .flat_map(|word| whole_words(&chars, word))
        .collect();
    for entry in &glossary.entries {
        for word in &entry.look_for {
            for (start, end) in whole_words(&chars, word) {
                let inside_kept = kept
                    .iter()
                    .any(|&(ks, ke)| ks <= start && end <= ke && ke - ks > end - start);
                if inside_kept {
                    continue;
                }
                diags.at(
                    file,
                    body_offset + chars[start].0,
                    Code::GlossaryDrift,
                    format!(
                        "Vietnamese `{}` in a translation: {} (terms.{}) gives `{}`; use it, or fix the glossary",
                        body[chars[start].0..chars.get(end).map_or(body.len(), |(i, _)| *i)]
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        glossary.name,
                        entry.id,
                        entry.term
                    ),
                );
            }
        }
    }
}

/// The entries whose Vietnamese word occurs in `text` (whole words, case-insensitive), for
/// showing translators the terms of one paragraph; loanwords kept count too.
pub fn entries_in<'g>(glossary: &'g Glossary, text: &str) -> Vec<&'g Entry> {
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    glossary
        .entries
        .iter()
        .filter(|e| {
            let bare = e.vi.split('(').next().unwrap_or("");
            let mut words: Vec<String> = bare
                .split([',', '/'])
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            words.extend(e.look_for.iter().cloned());
            words.iter().any(|w| !whole_words(&chars, w).is_empty())
        })
        .collect()
}

/// Every whole-word occurrence of `word` in `chars`, as (first char, end) indices.
fn whole_words(chars: &[(usize, char)], word: &str) -> Vec<(usize, usize)> {
    let pattern: Vec<char> = word.chars().collect();
    let mut out = Vec::new();
    for start in 0..chars.len() {
        if start > 0 && is_word_char(chars[start - 1].1) {
            continue;
        }
        let Some(end) = match_at(chars, start, &pattern) else {
            continue;
        };
        if chars.get(end).is_some_and(|(_, c)| is_word_char(*c)) {
            continue;
        }
        out.push((start, end));
    }
    out
}

/// Where a match of `pattern` starting at `start` ends; a space matches any run of whitespace.
fn match_at(chars: &[(usize, char)], start: usize, pattern: &[char]) -> Option<usize> {
    let mut i = start;
    for &p in pattern {
        if p == ' ' {
            let from = i;
            while chars.get(i).is_some_and(|(_, c)| c.is_whitespace()) {
                i += 1;
            }
            if i == from {
                return None;
            }
        } else {
            if chars.get(i).map(|(_, c)| *c) != Some(p) {
                return None;
            }
            i += 1;
        }
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary(text: &str) -> (Option<Glossary>, Vec<crate::Diagnostic>) {
        let f = SourceFile::new("_glossary/rad.toml", text.to_string());
        let mut d = Diagnostics::default();
        let g = parse(&f, Locale::Rad, &mut d);
        (g, d.into_sorted())
    }

    fn drift(g: &Glossary, body: &str) -> Vec<(usize, usize, String)> {
        let f = SourceFile::new("01.rad.md", body.to_string());
        let mut d = Diagnostics::default();
        check_drift(&f, body, 0, g, &mut d);
        d.into_sorted()
            .into_iter()
            .map(|d| {
                assert_eq!(d.code, Code::GlossaryDrift);
                (d.line, d.col, d.message)
            })
            .collect()
    }

    const G: &str = "[terms.lua-dao]\nvi = \"lừa đảo\"\nrad = \"mplư\"\n\n[terms.otp]\nvi = \"mã OTP\"\nrad = \"mã OTP\"\nnote = \"kept\"\n\n[terms.la]\nvi = \"lạ (số lạ, link lạ)\"\nrad = \"amâo kral\"\n\n[terms.tra]\nvi = \"trả tiền, thanh toán\"\nrad = \"kla prăk\"\n\n[terms.ung-dung]\nvi = \"ứng dụng\"\nrad = \"ứng dụng (kdrăp)\"\n";

    #[test]
    fn alternatives_drop_context_and_split() {
        assert_eq!(alternatives("lạ (số lạ, link lạ)"), vec!["lạ"]);
        assert_eq!(
            alternatives("trả tiền, thanh toán"),
            vec!["trả tiền", "thanh toán"]
        );
        assert_eq!(alternatives("(câu hỏi) … không?"), vec!["không"]);
        assert_eq!(
            alternatives("Đúng. / Chưa đúng. (quiz feedback)"),
            vec!["đúng", "chưa đúng"]
        );
    }

    #[test]
    fn parses_and_skips_loanwords_kept() {
        let (g, d) = glossary(G);
        assert!(d.is_empty(), "{d:?}");
        let g = g.unwrap();
        let otp = g.entries.iter().find(|e| e.id == "otp").unwrap();
        assert!(otp.look_for.is_empty());
        let app = g.entries.iter().find(|e| e.id == "ung-dung").unwrap();
        assert!(
            app.look_for.is_empty(),
            "the term contains the Vietnamese word"
        );
    }

    #[test]
    fn reports_vietnamese_words_whole_word_case_insensitive_with_position() {
        let g = glossary(G).0.unwrap();
        let body = "Klei mplư.\nĐăm tŭ Lừa đảo, mã OTP.\nLink lạ; lạnh; Thanh\ntoán.\n";
        let found = drift(&g, body);
        let at: Vec<(usize, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(at, vec![(2, 8), (3, 6), (3, 16)]);
        assert!(found[0].2.contains("`Lừa đảo`"), "{}", found[0].2);
        assert!(found[0].2.contains("gives `mplư`"), "{}", found[0].2);
        assert!(found[2].2.contains("`Thanh toán`"), "{}", found[2].2);
    }

    #[test]
    fn nfc_and_breve_are_word_characters() {
        let g = glossary("[terms.a]\nvi = \"lần\"\nrad = \"bliư̆\"\n")
            .0
            .unwrap();
        // Decomposed "lần" (a + combining marks) still matches: texts are NFC-normalised on
        // reading, and the glossary term is normalised here.
        let body: String = "sa lần".nfc().collect();
        assert_eq!(drift(&g, &body).len(), 1);
        // "lần" followed by a combining breve is another word.
        assert!(drift(&g, "lần\u{0306}x").is_empty());
    }

    #[test]
    fn a_word_inside_a_longer_loanword_kept_is_not_drift() {
        let g = glossary("[terms.dich]\nvi = \"dịch (sang tiếng khác)\"\nrad = \"bi mlih\"\n\n[terms.dvc]\nvi = \"dịch vụ công\"\nrad = \"dịch vụ công (bruă knŭk kna)\"\n\n[terms.tk]\nvi = \"tài khoản\"\nrad = \"tài khoản\"\n\n[terms.tkdd]\nvi = \"tài khoản định danh\"\nrad = \"tài khoản bi mklă anăn\"\n").0.unwrap();
        assert!(drift(&g, "Cổng Dịch vụ công quốc gia.\n").is_empty());
        assert_eq!(drift(&g, "Dịch kơ klei Êđê.\n").len(), 1);
        // A longer drifting term is still found although it starts with a loanword kept.
        assert_eq!(drift(&g, "tài khoản định danh\n").len(), 1);
    }

    #[test]
    fn quoted_labels_and_code_are_not_checked() {
        let g = glossary(G).0.unwrap();
        assert!(drift(&g, "Bấm \"Thanh toán\" leh anăn `lừa đảo` “lạ”.\n").is_empty());
        // A quote left open does not hide the next paragraph.
        assert_eq!(drift(&g, "Bấm \"x\n\nlạ\n").len(), 1);
    }

    #[test]
    fn bad_glossary_files_have_positions() {
        let (g, d) = glossary("[terms.a]\nvi = \"x\"\n");
        assert!(g.is_none());
        assert_eq!((d[0].line, d[0].code), (1, Code::MissingKey));
        let (g, d) = glossary("[terms.a]\nvi = \"x\"\nrad = \"y\"\nrda = \"z\"\n");
        assert!(g.is_none());
        assert_eq!((d[0].line, d[0].col, d[0].code), (4, 1, Code::UnknownKey));
        let (g, d) = glossary("[terms.a\nvi = 1\n");
        assert!(g.is_none());
        assert_eq!((d[0].line, d[0].code), (1, Code::TomlSyntax));
    }
}
