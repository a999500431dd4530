//! Interface strings in the workspace: the messages of `locales/<locale>/main.ftl`, one at a
//! time, checked as Fluent (syntax; only `*[other]` in selectors for rad, jra and mng) and
//! written back into that file in place, so the change is an ordinary one-message diff.

use hocvu_content::Locale;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The files shipped inside the binary, used where the locales folder has none.
const EMBEDDED: &[(Locale, &str)] = &[
    (Locale::Vi, include_str!("../../../../locales/vi/main.ftl")),
    (
        Locale::Rad,
        include_str!("../../../../locales/rad/main.ftl"),
    ),
    (
        Locale::Jra,
        include_str!("../../../../locales/jra/main.ftl"),
    ),
    (
        Locale::Mng,
        include_str!("../../../../locales/mng/main.ftl"),
    ),
    (Locale::En, include_str!("../../../../locales/en/main.ftl")),
];

pub fn file_path(dir: &Path, locale: Locale) -> PathBuf {
    dir.join(locale.as_str()).join("main.ftl")
}

/// The Fluent file the server reads for `locale`: the folder's, else the embedded one.
pub fn file_text(dir: &Path, locale: Locale) -> String {
    std::fs::read_to_string(file_path(dir, locale)).unwrap_or_else(|_| {
        EMBEDDED
            .iter()
            .find(|(l, _)| *l == locale)
            .map_or(String::new(), |(_, t)| t.to_string())
    })
}

fn message_start(line: &str) -> Option<&str> {
    let (id, rest) = line.split_once('=')?;
    let id = id.trim_end();
    let ok = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    (ok && !line.starts_with(' ') && (rest.is_empty() || rest.starts_with(' '))).then_some(id)
}

/// Each message's value (its lines after `id =`, indentation removed) and its line range.
pub fn messages(text: &str) -> BTreeMap<String, (String, std::ops::Range<usize>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = BTreeMap::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(id) = message_start(lines[i]) else {
            i += 1;
            continue;
        };
        let first = lines[i].split_once('=').map_or("", |(_, v)| v.trim());
        let start = i;
        let mut value = vec![first.to_string()];
        i += 1;
        while i < lines.len() && (lines[i].starts_with(' ') || lines[i].starts_with('}')) {
            value.push(lines[i].trim().to_string());
            i += 1;
        }
        let value = value.join("\n").trim().to_string();
        out.insert(id.to_string(), (value, start..i));
    }
    out
}

/// The Fluent source of one message (continuation lines indented).
pub fn entry(id: &str, value: &str) -> String {
    let lines: Vec<&str> = value.lines().map(str::trim).collect();
    match lines.as_slice() {
        [] => format!("{id} ="),
        [one] => format!("{id} = {one}"),
        _ => format!("{id} =\n    {}", lines.join("\n    ")),
    }
}

/// Why a typed message cannot be saved, as an interface string key and a detail.
pub fn check(id: &str, value: &str, locale: Locale) -> Result<(), (&'static str, String)> {
    if value.trim().is_empty() {
        return Err(("translate-error-empty", String::new()));
    }
    let source = entry(id, value);
    if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source.clone()) {
        let detail = errors
            .first()
            .map(|e| e.kind.to_string())
            .unwrap_or_default();
        return Err(("translate-error-fluent", detail));
    }
    if hocvu_i18n::WITHOUT_PLURAL_DATA.contains(&locale)
        && !hocvu_i18n::non_other_selectors(&source).is_empty()
    {
        return Err(("translate-error-plural", String::new()));
    }
    Ok(())
}

/// `text` with message `id` set to `value`: replaced where it is, else appended.
pub fn with_message(text: &str, id: &str, value: &str) -> String {
    let entry = entry(id, value);
    let lines: Vec<&str> = text.lines().collect();
    match messages(text).get(id) {
        Some((_, range)) => {
            let mut out: Vec<&str> = lines[..range.start].to_vec();
            out.push(&entry);
            out.extend_from_slice(&lines[range.end..]);
            out.join("\n") + "\n"
        }
        None => format!("{}\n{entry}\n", text.trim_end()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FTL: &str =
        "# c\na = Một\nb =\n    Hai\n    dòng\nc = { $n ->\n   *[other] { $n } bài\n}\n";

    #[test]
    fn messages_are_read_and_replaced_in_place() {
        let m = messages(FTL);
        assert_eq!(m["a"].0, "Một");
        assert_eq!(m["b"].0, "Hai\ndòng");
        let changed = with_message(FTL, "b", "Ba");
        assert_eq!(
            changed,
            "# c\na = Một\nb = Ba\nc = { $n ->\n   *[other] { $n } bài\n}\n"
        );
        assert!(with_message(FTL, "z", "Mới").ends_with("}\nz = Mới\n"));
    }

    #[test]
    fn plural_forms_and_syntax_are_checked() {
        assert!(check("a", "{ $n ->\n*[other] x\n}", Locale::Rad).is_ok());
        let one = "{ $n ->\n[one] x\n*[other] y\n}";
        assert_eq!(
            check("a", one, Locale::Rad).unwrap_err().0,
            "translate-error-plural"
        );
        assert!(check("a", one, Locale::En).is_ok());
        assert_eq!(
            check("a", "{ $n", Locale::Rad).unwrap_err().0,
            "translate-error-fluent"
        );
    }
}
