//! The explicit allow-list of locales hocvu supports.
//!
//! Tag parsers accept any well-formed BCP 47 tag, so only the tags listed here are valid
//! anywhere in content, URLs or settings (see FACTS.md: never `mnw`, which is Mon).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// Vietnamese, the source language of every lesson.
    Vi,
    /// Ê Đê (Rade).
    Rad,
    /// Jarai.
    Jra,
    /// Eastern Mnong.
    Mng,
    /// English.
    En,
}

impl Locale {
    pub const ALL: [Locale; 5] = [
        Locale::Vi,
        Locale::Rad,
        Locale::Jra,
        Locale::Mng,
        Locale::En,
    ];
    pub const SOURCE: Locale = Locale::Vi;

    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Vi => "vi",
            Locale::Rad => "rad",
            Locale::Jra => "jra",
            Locale::Mng => "mng",
            Locale::En => "en",
        }
    }

    /// The language's name in itself, for language switchers.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Vi => "Tiếng Việt",
            Locale::Rad => "Klei Êđê",
            Locale::Jra => "Tơlơi Jrai",
            Locale::Mng => "Mnông",
            Locale::En => "English",
        }
    }

    /// Parses an allow-listed tag (case-insensitive, as BCP 47 is).
    pub fn parse(tag: &str) -> Result<Locale, UnsupportedLocale> {
        let lower = tag.to_ascii_lowercase();
        Locale::ALL
            .into_iter()
            .find(|l| l.as_str() == lower)
            .ok_or_else(|| UnsupportedLocale(tag.to_string()))
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", unsupported_message(.0))]
pub struct UnsupportedLocale(pub String);

fn unsupported_message(tag: &str) -> String {
    let allowed: Vec<&str> = Locale::ALL.iter().map(|l| l.as_str()).collect();
    let hint = match tag.to_ascii_lowercase().as_str() {
        "mnw" => " (`mnw` is Mon, a language of Myanmar; Eastern Mnong is `mng`)",
        "tay" => " (`tay` is Atayal; Tày is `tyz`, not yet supported)",
        "ede" => " (Ê Đê is `rad`)",
        "jarai" | "gia-rai" => " (Jarai is `jra`)",
        _ => "",
    };
    format!(
        "unsupported locale `{tag}`{hint}; supported: {}",
        allowed.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_allow_list_only() {
        assert_eq!(Locale::parse("rad"), Ok(Locale::Rad));
        assert_eq!(Locale::parse("VI"), Ok(Locale::Vi));
        assert!(Locale::parse("fr").is_err());
        let err = Locale::parse("mnw").unwrap_err().to_string();
        assert!(err.contains("Mon"), "{err}");
        assert!(err.contains("mng"), "{err}");
    }

    #[test]
    fn serde_uses_tags() {
        let json = serde_json::to_string(&Locale::Rad).unwrap();
        assert_eq!(json, "\"rad\"");
    }
}
