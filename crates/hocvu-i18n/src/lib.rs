//! hocvu-i18n: the interface strings (Fluent files under `locales/<lang>/main.ftl`), with
//! message-by-message fallback to Vietnamese and language negotiation.
//!
//! It knows nothing of HTTP or templates: the web crate asks it for strings.

use fluent_bundle::FluentResource;
use fluent_bundle::concurrent::FluentBundle;
use hocvu_content::Locale;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::{FluentArgs, FluentValue};

type Bundle = FluentBundle<FluentResource>;

/// The interface languages shipped inside the binary; a `locales/` folder may override them.
/// Ê Đê, Jarai and M'nông are drafts (`ui-translation-status = draft`): pages say so.
const EMBEDDED: &[(Locale, &str)] = &[
    (Locale::Vi, include_str!("../../../locales/vi/main.ftl")),
    (Locale::Rad, include_str!("../../../locales/rad/main.ftl")),
    (Locale::Jra, include_str!("../../../locales/jra/main.ftl")),
    (Locale::Mng, include_str!("../../../locales/mng/main.ftl")),
    (Locale::En, include_str!("../../../locales/en/main.ftl")),
];

/// Languages without CLDR plural data: their files may use only `*[other]` in selectors.
pub const WITHOUT_PLURAL_DATA: [Locale; 3] = [Locale::Rad, Locale::Jra, Locale::Mng];

/// Messages (and terms) of a Fluent file whose selectors have a variant other than `*[other]`:
/// for [`WITHOUT_PLURAL_DATA`] languages, `[one]` would follow English rules (FACTS.md).
/// A file that does not parse gives no names here; loading it reports the syntax error.
pub fn non_other_selectors(text: &str) -> Vec<String> {
    use fluent_syntax::ast;
    fn pattern(p: &ast::Pattern<&str>) -> bool {
        p.elements.iter().any(|e| match e {
            ast::PatternElement::TextElement { .. } => false,
            ast::PatternElement::Placeable { expression } => expression_bad(expression),
        })
    }
    fn inline(e: &ast::InlineExpression<&str>) -> bool {
        match e {
            ast::InlineExpression::Placeable { expression } => expression_bad(expression),
            _ => false,
        }
    }
    fn expression_bad(e: &ast::Expression<&str>) -> bool {
        match e {
            ast::Expression::Inline(i) => inline(i),
            ast::Expression::Select { selector, variants } => {
                inline(selector) || variants.iter().any(|v| {
                    let other =
                        matches!(v.key, ast::VariantKey::Identifier { name } if name == "other");
                    !(other && v.default) || pattern(&v.value)
                })
            }
        }
    }
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(m) => {
                let bad = m.value.as_ref().is_some_and(pattern)
                    || m.attributes.iter().any(|a| pattern(&a.value));
                bad.then(|| m.id.name.to_string())
            }
            ast::Entry::Term(t) => {
                let bad = pattern(&t.value) || t.attributes.iter().any(|a| pattern(&a.value));
                bad.then(|| format!("-{}", t.id.name))
            }
            _ => None,
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("{file}:{line}:{col}: Fluent syntax error: {message}")]
    Syntax {
        file: String,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{file}: message `{key}` is defined twice")]
    Duplicate { file: String, key: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: no Vietnamese interface strings: every other language falls back to them")]
    NoSource(String),
}

pub struct I18n {
    bundles: BTreeMap<Locale, Bundle>,
    keys: BTreeMap<Locale, BTreeSet<String>>,
}

/// Plural rules: CLDR has none for Ê Đê, Jarai or Mnong, and fluent-bundle would then use
/// English rules (`[one]` for 1). Like Vietnamese, these languages do not inflect for number.
fn plural_rules_locale(locale: Locale) -> LanguageIdentifier {
    let tag = match locale {
        Locale::En => "en",
        Locale::Vi | Locale::Rad | Locale::Jra | Locale::Mng => "vi",
    };
    tag.parse().unwrap_or_default()
}

impl I18n {
    /// The embedded strings, each file replaced by `dir/<lang>/main.ftl` where that exists.
    pub fn load(dir: Option<&Path>) -> Result<I18n, I18nError> {
        let mut sources = Vec::new();
        for (locale, text) in EMBEDDED {
            let mut source = (
                *locale,
                format!("(embedded) locales/{locale}/main.ftl"),
                text.to_string(),
            );
            if let Some(dir) = dir {
                let path = dir.join(locale.as_str()).join("main.ftl");
                if path.exists() {
                    let text = std::fs::read_to_string(&path).map_err(|source| I18nError::Io {
                        path: path.clone(),
                        source,
                    })?;
                    source = (*locale, path.display().to_string(), text);
                }
            }
            sources.push(source);
        }
        I18n::from_sources(sources)
    }

    pub fn from_sources(sources: Vec<(Locale, String, String)>) -> Result<I18n, I18nError> {
        let mut bundles = BTreeMap::new();
        let mut keys = BTreeMap::new();
        for (locale, file, text) in sources {
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(r) => r,
                Err((_, errors)) => {
                    let first = &errors[0];
                    let (line, col) = line_col(&text, first.pos.start);
                    return Err(I18nError::Syntax {
                        file,
                        line,
                        col,
                        message: first.kind.to_string(),
                    });
                }
            };
            let ids: BTreeSet<String> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            let mut bundle = Bundle::new_concurrent(vec![plural_rules_locale(locale)]);
            // Isolation marks (U+2068/U+2069) only matter for right-to-left text.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(resource) {
                let key = errors
                    .iter()
                    .find_map(|e| match e {
                        fluent_bundle::FluentError::Overriding { id, .. } => Some(id.clone()),
                        _ => None,
                    })
                    .unwrap_or_default();
                return Err(I18nError::Duplicate { file, key });
            }
            bundles.insert(locale, bundle);
            keys.insert(locale, ids);
        }
        if !bundles.contains_key(&Locale::SOURCE) {
            return Err(I18nError::NoSource("locales/vi/main.ftl".into()));
        }
        Ok(I18n { bundles, keys })
    }

    /// Interface languages, Vietnamese first.
    pub fn locales(&self) -> Vec<Locale> {
        self.bundles.keys().copied().collect()
    }

    pub fn has(&self, locale: Locale) -> bool {
        self.bundles.contains_key(&locale)
    }

    /// The string for `key` in `locale`, else in Vietnamese, else the key itself.
    pub fn tr(&self, locale: Locale, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        self.lookup(locale, key, args)
            .or_else(|| self.lookup(Locale::SOURCE, key, args))
            .unwrap_or_else(|| key.to_string())
    }

    /// Which language `tr` would answer in: lets pages mark fallback strings with `lang`.
    pub fn resolved_locale(&self, locale: Locale, key: &str) -> Locale {
        if self.keys.get(&locale).is_some_and(|k| k.contains(key)) {
            locale
        } else {
            Locale::SOURCE
        }
    }

    fn lookup(&self, locale: Locale, key: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
        let bundle = self.bundles.get(&locale)?;
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        Some(text.into_owned())
    }

    /// `draft`, `reviewed` or `source`, from the file's `ui-translation-status` message.
    pub fn status(&self, locale: Locale) -> String {
        self.lookup(locale, "ui-translation-status", None)
            .unwrap_or_else(|| "draft".to_string())
    }

    /// Keys present in Vietnamese but missing in each other language.
    pub fn missing(&self) -> BTreeMap<Locale, Vec<String>> {
        let source = self.keys.get(&Locale::SOURCE).cloned().unwrap_or_default();
        self.keys
            .iter()
            .filter(|(l, _)| **l != Locale::SOURCE)
            .map(|(l, keys)| (*l, source.difference(keys).cloned().collect()))
            .collect()
    }

    /// The best interface language for an `Accept-Language` header, if any is acceptable.
    pub fn negotiate(&self, accept_language: &str) -> Option<Locale> {
        let mut ranges: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (!tag.is_empty() && tag != "*" && q > 0.0).then_some((q, i, tag))
            })
            .collect();
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranges.into_iter().find_map(|(_, _, tag)| {
            let primary = tag.split('-').next().unwrap_or(tag);
            [tag, primary]
                .into_iter()
                .find_map(|t| Locale::parse(t).ok())
                .filter(|l| self.has(*l))
        })
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i18n() -> I18n {
        I18n::load(None).unwrap()
    }

    #[test]
    fn shipped_files_parse_and_every_key_is_translated_or_reported() {
        let i = i18n();
        assert_eq!(
            i.locales(),
            vec![
                Locale::Vi,
                Locale::Rad,
                Locale::Jra,
                Locale::Mng,
                Locale::En
            ]
        );
        let missing = i.missing();
        assert!(
            missing[&Locale::En].is_empty(),
            "en misses {:?}",
            missing[&Locale::En]
        );
        // rad may be incomplete, but only ever falls back to Vietnamese, key by key.
        for key in &missing[&Locale::Rad] {
            assert_eq!(i.tr(Locale::Rad, key, None), i.tr(Locale::Vi, key, None));
            assert_eq!(i.resolved_locale(Locale::Rad, key), Locale::Vi);
        }
    }

    #[test]
    fn falls_back_message_by_message() {
        let i = I18n::from_sources(vec![
            (Locale::Vi, "vi".into(), "a = Một\nb = Hai\n".into()),
            (Locale::Rad, "rad".into(), "a = Sa\n".into()),
        ])
        .unwrap();
        assert_eq!(i.tr(Locale::Rad, "a", None), "Sa");
        assert_eq!(i.tr(Locale::Rad, "b", None), "Hai");
        assert_eq!(i.tr(Locale::Rad, "zzz", None), "zzz");
        assert_eq!(i.missing()[&Locale::Rad], vec!["b".to_string()]);
    }

    #[test]
    fn ede_uses_vietnamese_plural_rules_not_english() {
        let ftl = "n = { $n ->\n    [one] MỘT\n   *[other] NHIỀU\n}\n";
        let i = I18n::from_sources(vec![
            (Locale::Vi, "vi".into(), ftl.into()),
            (Locale::Rad, "rad".into(), ftl.into()),
            (Locale::En, "en".into(), ftl.into()),
        ])
        .unwrap();
        let mut args = FluentArgs::new();
        args.set("n", 1);
        assert_eq!(i.tr(Locale::En, "n", Some(&args)), "MỘT");
        assert_eq!(i.tr(Locale::Rad, "n", Some(&args)), "NHIỀU");
        assert_eq!(i.tr(Locale::Vi, "n", Some(&args)), "NHIỀU");
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let err = I18n::from_sources(vec![(
            Locale::Vi,
            "locales/vi/main.ftl".into(),
            "a = ok\nb = { $x\n".into(),
        )])
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.starts_with("locales/vi/main.ftl:3:1: Fluent syntax error"),
            "{err}"
        );
    }

    #[test]
    fn negotiates_by_quality_and_allow_list() {
        let i = i18n();
        assert_eq!(i.negotiate("rad"), Some(Locale::Rad));
        assert_eq!(i.negotiate("fr-FR, en;q=0.8, vi;q=0.9"), Some(Locale::Vi));
        assert_eq!(i.negotiate("en-US,en;q=0.9"), Some(Locale::En));
        assert_eq!(i.negotiate("mnw, fr"), None);
        assert_eq!(i.negotiate("jra"), Some(Locale::Jra));
        assert_eq!(i.negotiate("mng-VN, vi;q=0.5"), Some(Locale::Mng));
        assert_eq!(
            i.negotiate("cmo, mnw"),
            None,
            "Central Mnong and Mon are not M'nông (mng)"
        );
        assert_eq!(i.negotiate("vi;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(i.negotiate(";;,,q=x"), None);
    }

    #[test]
    fn jarai_and_mnong_are_complete_drafts_falling_back_to_vietnamese() {
        let i = i18n();
        for locale in [Locale::Jra, Locale::Mng] {
            assert_eq!(i.status(locale), "draft", "{locale}");
            assert!(
                i.missing()[&locale].is_empty(),
                "{locale} misses {:?}",
                i.missing()[&locale]
            );
        }
        let partial = I18n::from_sources(vec![
            (Locale::Vi, "vi".into(), "a = Một\nb = Hai\n".into()),
            (Locale::Jra, "jra".into(), "a = Sa\n".into()),
            (Locale::Mng, "mng".into(), "b = Bar\n".into()),
        ])
        .unwrap();
        assert_eq!(partial.tr(Locale::Jra, "b", None), "Hai");
        assert_eq!(partial.resolved_locale(Locale::Jra, "b"), Locale::Vi);
        assert_eq!(partial.tr(Locale::Mng, "a", None), "Một");
        assert_eq!(partial.tr(Locale::Mng, "b", None), "Bar");
    }

    #[test]
    fn languages_without_plural_data_use_only_other_in_selectors() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
        for locale in WITHOUT_PLURAL_DATA {
            let path = root.join(locale.as_str()).join("main.ftl");
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                non_other_selectors(&text),
                Vec::<String>::new(),
                "{}: use only `*[other]` in selectors (no CLDR plural data)",
                path.display()
            );
        }
    }

    #[test]
    fn the_selector_lint_finds_one_and_numbers_anywhere() {
        let ok = "a = { $n ->\n   *[other] { $n } klei\n}\n";
        assert!(non_other_selectors(ok).is_empty());
        let one = "a = { $n ->\n    [one] sa\n   *[other] lu\n}\n";
        assert_eq!(non_other_selectors(one), vec!["a".to_string()]);
        let number = "b = x { $n ->\n    [1] sa\n   *[other] lu\n}\n";
        assert_eq!(non_other_selectors(number), vec!["b".to_string()]);
        let default_not_other = "c = { $n ->\n    [other] lu\n   *[few] ƀiă\n}\n";
        assert_eq!(
            non_other_selectors(default_not_other),
            vec!["c".to_string()]
        );
        let nested =
            "d = { $a ->\n   *[other] { $n ->\n        [one] sa\n       *[other] lu\n    }\n}\n";
        assert_eq!(non_other_selectors(nested), vec!["d".to_string()]);
        let attribute = "e =\n    .title = { $n ->\n        [one] sa\n       *[other] lu\n    }\n";
        assert_eq!(non_other_selectors(attribute), vec!["e".to_string()]);
    }
}
