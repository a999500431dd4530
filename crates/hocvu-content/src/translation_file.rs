//! Reading and writing a lesson's translation file (`<slug>.<locale>.md`) as the workspace does,
//! and the sibling that keeps the Vietnamese it was made from (`<slug>.<locale>.source.txt`).
//!
//! The sibling holds the exact text of the Vietnamese lesson the translation was made from (its
//! `text_hash` is the translation's `source_hash`): when the lesson changes, the workspace
//! diffs it against the current one, unit by unit. It is not a `.md` file, so the compiler
//! ignores it; commit it with the translation.

use crate::units::{self, Unit};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The front matter of a translation, in the compiler's format and key order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Front {
    pub title: String,
    pub status: String,
    pub source_hash: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translator: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub review_notes: Vec<String>,
}

/// A lesson file split in front matter (raw TOML) and body; `None` without `+++` lines.
pub fn split_front(text: &str) -> Option<(&str, &str)> {
    let rest = text.strip_prefix("+++")?.strip_prefix('\n')?;
    let end = rest.find("\n+++")?;
    let body = &rest[end + 4..];
    Some((&rest[..end], body.strip_prefix('\n').map_or(body, |b| b)))
}

/// The title and units of a lesson file (a Vietnamese lesson or a translation).
pub fn read_units(text: &str) -> Option<(String, Vec<Unit>)> {
    #[derive(Deserialize)]
    struct Title {
        title: String,
    }
    let (front, body) = split_front(text)?;
    let title: Title = toml::from_str::<toml::Table>(front)
        .ok()
        .and_then(|t| t.try_into().ok())?;
    Some((title.title, units::split(body)))
}

/// The front matter of an existing translation, if it parses.
pub fn read_front(text: &str) -> Option<Front> {
    let (front, _) = split_front(text)?;
    toml::from_str(front).ok()
}

/// A whole translation file: front matter, then the body assembled from units.
pub fn write(front: &Front, body: &str) -> String {
    let toml = toml::to_string(front).unwrap_or_default();
    let body = body.trim_start_matches('\n');
    if body.trim().is_empty() {
        return format!("+++\n{toml}+++\n");
    }
    format!("+++\n{toml}+++\n\n{body}")
}

pub fn path(course_dir: &Path, slug: &str, locale: &str) -> PathBuf {
    course_dir.join(format!("{slug}.{locale}.md"))
}

/// Where the Vietnamese text a translation was made from is kept.
pub fn source_path(course_dir: &Path, slug: &str, locale: &str) -> PathBuf {
    course_dir.join(format!("{slug}.{locale}.source.txt"))
}

/// Hash of a file's bytes as read, to tell whether someone else saved it meanwhile.
pub fn version_of(text: Option<&str>) -> String {
    text.map_or_else(|| "none".to_string(), crate::source::text_hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_front_matter_reads_back_in_the_compilers_key_order() {
        let front = Front {
            title: "Sa \"quote\"".into(),
            status: "reviewed".into(),
            source_hash: "0123456789abcdef".into(),
            translator: Some("H'Ma".into()),
            reviewed_by: Some("Y Kô".into()),
            review_notes: vec![],
        };
        let text = write(&front, "\nSa.\n");
        assert!(text.starts_with("+++\ntitle = "), "{text}");
        assert!(text.find("status").unwrap() < text.find("reviewed_by").unwrap());
        assert!(text.ends_with("+++\n\nSa.\n"), "{text}");
        assert_eq!(read_front(&text), Some(front.clone()));
        let (title, units) = read_units(&text).unwrap();
        assert_eq!((title.as_str(), units.len()), ("Sa \"quote\"", 1));
        let title_only = write(&front, "\n");
        assert!(title_only.ends_with("+++\n"));
        assert!(read_units(&title_only).unwrap().1.is_empty());
    }
}
