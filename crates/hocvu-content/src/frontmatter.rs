//! TOML front matter (`+++` fences, as in Zola) and a span-keeping reader over TOML tables
//! that reports every problem instead of stopping at the first.

use crate::diag::{Code, Diagnostics, SourceFile};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A Markdown file split into its front matter and body, with byte offsets into the file.
pub struct Split<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `+++\n…\n+++` off the start of `text`; reports E002 when the fences are missing.
pub fn split<'a>(file: &SourceFile, text: &'a str, diags: &mut Diagnostics) -> Option<Split<'a>> {
    let Some(rest) = text.strip_prefix("+++") else {
        diags.at(
            file,
            0,
            Code::FrontMatterMissing,
            "a lesson must start with front matter: a line `+++`, TOML keys, and another `+++`",
        );
        return None;
    };
    let after_fence = rest.trim_start_matches([' ', '\t']);
    let Some(after_newline) = after_fence.strip_prefix('\n') else {
        diags.at(
            file,
            3,
            Code::FrontMatterMissing,
            "the opening `+++` must stand alone on its line",
        );
        return None;
    };
    let front_offset = text.len() - after_newline.len();
    let mut line_start = front_offset;
    for line in after_newline.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = line_start + line.len();
            return Some(Split {
                front: &text[front_offset..line_start],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        line_start += line.len();
    }
    diags.at(
        file,
        0,
        Code::FrontMatterMissing,
        "front matter is not closed: add a line `+++` after the last key",
    );
    None
}

/// Reads typed values out of a TOML table, turning each problem into a diagnostic at its span.
pub struct TableReader<'t, 'i> {
    pub file: &'t SourceFile,
    pub base: usize,
    pub table: &'t DeTable<'i>,
    /// Span of the table itself, for "missing key" diagnostics.
    pub span: Range<usize>,
    /// Prefix for key names in messages, e.g. `lessons[2].`.
    pub context: String,
}

pub fn parse_table<'i>(
    file: &SourceFile,
    base: usize,
    text: &'i str,
    diags: &mut Diagnostics,
) -> Option<Spanned<DeTable<'i>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    for e in &errors {
        let at = e.span().map_or(0, |s| s.start);
        let msg = e.message().trim().replace('\n', " ");
        diags.at(
            file,
            base + at,
            Code::TomlSyntax,
            format!("TOML syntax: {msg}"),
        );
    }
    if errors.is_empty() { Some(table) } else { None }
}

impl<'t, 'i> TableReader<'t, 'i> {
    pub fn new(file: &'t SourceFile, base: usize, table: &'t Spanned<DeTable<'i>>) -> Self {
        TableReader {
            file,
            base,
            table: table.get_ref(),
            span: table.span(),
            context: String::new(),
        }
    }

    fn name(&self, key: &str) -> String {
        format!("{}{key}", self.context)
    }

    pub fn offset(&self, span: &Range<usize>) -> usize {
        self.base + span.start
    }

    /// E004 for every key not in `allowed`.
    pub fn deny_unknown(&self, allowed: &[&str], diags: &mut Diagnostics) {
        for key in self.table.keys() {
            if !allowed.contains(&key.get_ref().as_ref()) {
                let suggestion = closest(key.get_ref(), allowed)
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_else(|| format!("; allowed keys: {}", allowed.join(", ")));
                diags.at(
                    self.file,
                    self.offset(&key.span()),
                    Code::UnknownKey,
                    format!("unknown key `{}`{suggestion}", self.name(key.get_ref())),
                );
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    pub fn missing(&self, key: &str, what: &str, diags: &mut Diagnostics) {
        diags.at(
            self.file,
            self.offset(&self.span),
            Code::MissingKey,
            format!("missing key `{}` ({what})", self.name(key)),
        );
    }

    pub fn wrong_type(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        want: &str,
        diags: &mut Diagnostics,
    ) {
        diags.at(
            self.file,
            self.offset(&value.span()),
            Code::InvalidValue,
            format!(
                "`{}` must be {want}, found {}",
                self.name(key),
                value.get_ref().type_str()
            ),
        );
    }

    pub fn string(
        &self,
        key: &str,
        required: bool,
        diags: &mut Diagnostics,
    ) -> Option<(String, usize)> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, "a text in quotes", diags);
            }
            return None;
        };
        match value.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some((s.to_string(), self.offset(&value.span()))),
            Some(_) => {
                diags.at(
                    self.file,
                    self.offset(&value.span()),
                    Code::InvalidValue,
                    format!("`{}` must not be empty", self.name(key)),
                );
                None
            }
            None => {
                self.wrong_type(key, value, "a text in quotes", diags);
                None
            }
        }
    }

    pub fn integer(
        &self,
        key: &str,
        range: Range<i64>,
        required: bool,
        diags: &mut Diagnostics,
    ) -> Option<i64> {
        let Some(value) = self.get(key) else {
            if required {
                self.missing(key, "a whole number", diags);
            }
            return None;
        };
        let parsed = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
        match parsed {
            Some(n) if range.contains(&n) => Some(n),
            Some(n) => {
                diags.at(
                    self.file,
                    self.offset(&value.span()),
                    Code::InvalidValue,
                    format!(
                        "`{}` = {n} is out of range ({} to {})",
                        self.name(key),
                        range.start,
                        range.end - 1
                    ),
                );
                None
            }
            None => {
                self.wrong_type(key, value, "a whole number", diags);
                None
            }
        }
    }

    pub fn bool(&self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
        let value = self.get(key)?;
        match value.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                self.wrong_type(key, value, "true or false", diags);
                None
            }
        }
    }

    /// A TOML date (`checked = 2026-12-01`, no quotes, no time) with the offset of its value.
    pub fn date(&self, key: &str, diags: &mut Diagnostics) -> Option<(jiff::civil::Date, usize)> {
        let value = self.get(key)?;
        let at = self.offset(&value.span());
        let want = format!("a date like `{key} = 2026-12-01` (YYYY-MM-DD, no quotes, no time)");
        let DeValue::Datetime(dt) = value.get_ref() else {
            self.wrong_type(key, value, &want, diags);
            return None;
        };
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => jiff::civil::Date::new(
                i16::try_from(d.year).unwrap_or(i16::MAX),
                d.month as i8,
                d.day as i8,
            )
            .ok(),
            _ => None,
        };
        if date.is_none() {
            diags.at(
                self.file,
                at,
                Code::InvalidValue,
                format!("`{}` = {dt} must be {want}", self.name(key)),
            );
        }
        date.map(|d| (d, at))
    }

    /// A list of non-empty texts (`review_notes = ["…", "…"]`); an absent key is an empty list.
    pub fn strings(&self, key: &str, diags: &mut Diagnostics) -> Vec<String> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(
                key,
                value,
                "a list of texts in quotes (`[\"…\", \"…\"]`)",
                diags,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref().as_str() {
                Some(s) if !s.trim().is_empty() => out.push(s.trim().to_string()),
                Some(_) => diags.at(
                    self.file,
                    self.offset(&item.span()),
                    Code::InvalidValue,
                    format!("`{}` must not contain an empty text", self.name(key)),
                ),
                None => self.wrong_type(key, item, "a text in quotes", diags),
            }
        }
        out
    }

    /// A nested table, e.g. `[title]`.
    pub fn table(&self, key: &str, diags: &mut Diagnostics) -> Option<TableReader<'t, 'i>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some(TableReader {
                file: self.file,
                base: self.base,
                table: t,
                span: value.span(),
                context: format!("{}.", self.name(key)),
            }),
            _ => {
                self.wrong_type(key, value, "a table", diags);
                None
            }
        }
    }

    /// An array of tables, e.g. `[[lessons]]`.
    pub fn tables(&self, key: &str, diags: &mut Diagnostics) -> Vec<TableReader<'t, 'i>> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, "a list of tables (`[[…]]`)", diags);
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => out.push(TableReader {
                    file: self.file,
                    base: self.base,
                    table: t,
                    span: item.span(),
                    context: format!("{}[{}].", self.name(key), i + 1),
                }),
                _ => self.wrong_type(key, item, "a table", diags),
            }
        }
        out
    }

    /// Every key of this table with its value, in key order.
    pub fn entries(&self) -> impl Iterator<Item = (&'t str, usize, &'t Spanned<DeValue<'i>>)> + '_ {
        self.table
            .iter()
            .map(|(k, v)| (k.get_ref().as_ref(), self.offset(&k.span()), v))
    }
}

/// The allowed key nearest to a misspelt one (edit distance at most 2).
fn closest<'a>(key: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(key, a), *a))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, a)| a)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("l.md", text.to_string())
    }

    #[test]
    fn splits_front_matter() {
        let text = "+++\ntitle = \"A\"\n+++\nBody\n";
        let f = file(text);
        let mut d = Diagnostics::default();
        let s = split(&f, text, &mut d).unwrap();
        assert_eq!(s.front, "title = \"A\"\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(&text[s.body_offset..], "Body\n");
        assert!(d.items().is_empty());
    }

    #[test]
    fn unclosed_front_matter_is_e002() {
        let text = "+++\ntitle = \"A\"\nBody\n";
        let f = file(text);
        let mut d = Diagnostics::default();
        assert!(split(&f, text, &mut d).is_none());
        assert_eq!(d.items()[0].code, Code::FrontMatterMissing);
    }

    #[test]
    fn unknown_key_suggests_nearest() {
        let text = "titel = \"A\"\n";
        let f = file(text);
        let mut d = Diagnostics::default();
        let t = parse_table(&f, 0, text, &mut d).unwrap();
        TableReader::new(&f, 0, &t).deny_unknown(&["title", "status"], &mut d);
        let diag = &d.items()[0];
        assert_eq!((diag.line, diag.col, diag.code), (1, 1, Code::UnknownKey));
        assert!(
            diag.message.contains("did you mean `title`"),
            "{}",
            diag.message
        );
    }

    #[test]
    fn syntax_error_has_position() {
        let text = "a = 1\nb = \n";
        let f = file(text);
        let mut d = Diagnostics::default();
        assert!(parse_table(&f, 0, text, &mut d).is_none());
        let diag = &d.items()[0];
        assert_eq!((diag.line, diag.code), (2, Code::TomlSyntax));
    }

    #[test]
    fn integer_range_and_type() {
        let text = "a = 150\nb = \"x\"\n";
        let f = file(text);
        let mut d = Diagnostics::default();
        let t = parse_table(&f, 0, text, &mut d).unwrap();
        let r = TableReader::new(&f, 0, &t);
        assert_eq!(r.integer("a", 0..101, true, &mut d), None);
        assert_eq!(r.integer("b", 0..101, true, &mut d), None);
        let items = d.into_sorted();
        assert_eq!((items[0].line, items[0].col), (1, 5));
        assert_eq!((items[1].line, items[1].col), (2, 5));
    }

    #[test]
    fn dates_are_toml_dates_only() {
        let text = "a = 2026-12-01\nb = \"2026-12-01\"\nc = 2026-12-01T10:00:00\nd = 2026-02-30\n";
        let f = file(text);
        let mut d = Diagnostics::default();
        let t = parse_table(&f, 0, text, &mut d);
        let Some(t) = t else {
            // An impossible date is a TOML syntax error already: also fine, it has a position.
            assert_eq!(d.items()[0].code, Code::TomlSyntax);
            return;
        };
        let r = TableReader::new(&f, 0, &t);
        let a = r.date("a", &mut d).unwrap();
        assert_eq!(a, (jiff::civil::Date::constant(2026, 12, 1), 4));
        assert_eq!(r.date("b", &mut d), None);
        assert_eq!(r.date("c", &mut d), None);
        assert_eq!(r.date("missing", &mut d), None);
        let items = d.into_sorted();
        assert_eq!(items.len(), 2, "{items:?}");
        assert_eq!(
            (items[0].line, items[0].col, items[0].code),
            (2, 5, Code::InvalidValue)
        );
        assert_eq!(
            (items[1].line, items[1].col, items[1].code),
            (3, 5, Code::InvalidValue)
        );
    }

    #[test]
    fn lists_of_texts() {
        let text = "a = [\"x\", \" y \"]\nb = \"x\"\nc = [\"\", 3]\n";
        let f = file(text);
        let mut d = Diagnostics::default();
        let t = parse_table(&f, 0, text, &mut d).unwrap();
        let r = TableReader::new(&f, 0, &t);
        assert_eq!(
            r.strings("a", &mut d),
            vec!["x".to_string(), "y".to_string()]
        );
        assert!(r.strings("b", &mut d).is_empty());
        assert!(r.strings("c", &mut d).is_empty());
        assert!(r.strings("none", &mut d).is_empty());
        let items = d.into_sorted();
        let at: Vec<(usize, usize)> = items.iter().map(|i| (i.line, i.col)).collect();
        assert_eq!(at, vec![(2, 5), (3, 6), (3, 10)]);
    }
}
