//! `course.toml`: reading and checking the manifest, its titles and their translations.

use super::*;

pub(super) struct ManifestLesson {
    pub(super) slug: String,
    pub(super) minutes: u32,
    pub(super) offset: usize,
}

pub(super) struct Manifest {
    pub(super) id: String,
    pub(super) version: (String, usize),
    pub(super) audience: Audience,
    pub(super) order: u32,
    pub(super) pass_mark: u8,
    pub(super) published: bool,
    pub(super) title: BTreeMap<Locale, String>,
    pub(super) description: BTreeMap<Locale, String>,
    pub(super) translations: BTreeMap<Locale, TitleTranslation>,
    pub(super) lessons: Vec<ManifestLesson>,
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

pub(super) fn is_semver(v: &str) -> bool {
    let (core, pre) = v.split_once('-').unwrap_or((v, ""));
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes().all(|b| b.is_ascii_digit())
                && (p.len() == 1 || !p.starts_with('0'))
        })
        && if pre.is_empty() {
            !v.ends_with('-')
        } else {
            pre.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        }
}

pub(super) fn read_manifest(dir: &Path, diags: &mut Diagnostics) -> Option<(SourceFile, Manifest)> {
    let file = source::read_text(&dir.join(MANIFEST), diags)?;
    let table = frontmatter::parse_table(&file, 0, &file.text, diags)?;
    let r = TableReader::new(&file, 0, &table);
    r.deny_unknown(
        &[
            "id",
            "version",
            "audience",
            "order",
            "pass_mark",
            "published",
            "title",
            "description",
            "translations",
            "lessons",
        ],
        diags,
    );
    let id = r.string("id", true, diags).and_then(|(id, at)| {
        if is_slug(&id) {
            Some(id)
        } else {
            diags.at(
                &file,
                at,
                Code::InvalidSlug,
                format!("course id `{id}` may use only a-z, 0-9 and -"),
            );
            None
        }
    });
    let version = r.string("version", true, diags).and_then(|(v, at)| {
        if is_semver(&v) {
            Some((v, at))
        } else {
            diags.at(
                &file,
                at,
                Code::InvalidValue,
                format!("version `{v}` is not MAJOR.MINOR.PATCH (e.g. 1.2.0)"),
            );
            None
        }
    });
    let audience = r.string("audience", true, diags).and_then(|(a, at)| {
        let parsed = Audience::parse(&a);
        if parsed.is_none() {
            diags.at(
                &file,
                at,
                Code::InvalidValue,
                format!(
                    "audience `{a}` must be one of: {}",
                    Audience::ALL.map(Audience::as_str).join(", ")
                ),
            );
        }
        parsed
    });
    let pass_mark = r.integer("pass_mark", 0..101, true, diags).map(|n| n as u8);
    let order = r
        .integer("order", 0..10_001, false, diags)
        .map_or(crate::model::DEFAULT_ORDER, |n| n as u32);
    let published = r.bool("published", diags).unwrap_or(true);
    let title = locale_map(&r, "title", true, diags);
    let description = locale_map(&r, "description", false, diags);
    let translations = title_translations(&r, title.as_ref(), description.as_ref(), diags);
    let mut lessons = Vec::new();
    let entries = r.tables("lessons", diags);
    if entries.is_empty() && r.get("lessons").is_none() {
        r.missing(
            "lessons",
            "one `[[lessons]]` table per lesson, in order",
            diags,
        );
    }
    let mut seen = BTreeSet::new();
    for entry in entries {
        entry.deny_unknown(&["slug", "minutes"], diags);
        let minutes = entry.integer("minutes", 1..121, true, diags);
        let Some((slug, at)) = entry.string("slug", true, diags) else {
            continue;
        };
        if !is_slug(&slug) {
            diags.at(
                &file,
                at,
                Code::InvalidSlug,
                format!("lesson slug `{slug}` may use only a-z, 0-9 and -"),
            );
            continue;
        }
        if !seen.insert(slug.clone()) {
            diags.at(
                &file,
                at,
                Code::DuplicateLesson,
                format!("lesson `{slug}` is listed twice"),
            );
            continue;
        }
        lessons.push(ManifestLesson {
            slug,
            minutes: minutes.unwrap_or(1) as u32,
            offset: at,
        });
    }
    // Keep going with placeholders so one bad value does not hide the lesson checks; the
    // diagnostics above already make the build fail.
    let fallback_id = || {
        dir.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let manifest = Manifest {
        id: id.unwrap_or_else(fallback_id),
        version: version.unwrap_or_else(|| ("0.0.0".to_string(), 0)),
        audience: audience.unwrap_or(Audience::Citizen),
        order,
        pass_mark: pass_mark.unwrap_or(100),
        published,
        title: title.unwrap_or_default(),
        description: description.unwrap_or_default(),
        translations,
        lessons,
    };
    Some((file, manifest))
}

/// `[translations.rad]` with `status`, `translator`, `reviewed_by`: required for every locale
/// other than Vietnamese that appears in `[title]` or `[description]`.
pub(super) fn title_translations(
    r: &TableReader<'_, '_>,
    title: Option<&BTreeMap<Locale, String>>,
    description: Option<&BTreeMap<Locale, String>>,
    diags: &mut Diagnostics,
) -> BTreeMap<Locale, TitleTranslation> {
    let mut out = BTreeMap::new();
    let table = r.table("translations", diags);
    if let Some(table) = &table {
        for (tag, at, _) in table.entries() {
            let locale = match Locale::parse(tag) {
                Ok(Locale::Vi) | Err(_) => {
                    let msg = match Locale::parse(tag) {
                        Ok(_) => "Vietnamese is the source language and has no translation status"
                            .to_string(),
                        Err(e) => e.to_string(),
                    };
                    diags.at(table.file, at, Code::UnsupportedLocale, msg);
                    continue;
                }
                Ok(l) => l,
            };
            let Some(entry) = table.table(tag, diags) else {
                continue;
            };
            entry.deny_unknown(&["status", "translator", "reviewed_by"], diags);
            let status = entry
                .string("status", true, diags)
                .and_then(|(s, at)| match s.as_str() {
                    "draft" => Some(TranslationStatus::Draft),
                    "reviewed" => Some(TranslationStatus::Reviewed),
                    _ => {
                        diags.at(
                            entry.file,
                            at,
                            Code::InvalidValue,
                            format!("status `{s}` must be `draft` or `reviewed`"),
                        );
                        None
                    }
                });
            let reviewed_by = entry.string("reviewed_by", false, diags).map(|(s, _)| s);
            if status == Some(TranslationStatus::Reviewed) && reviewed_by.is_none() {
                diags.at(
                    entry.file,
                    entry.offset(&entry.span),
                    Code::ReviewerMissing,
                    "a `reviewed` translation must name its reviewer in `reviewed_by`",
                );
            }
            if let Some(status) = status {
                out.insert(
                    locale,
                    TitleTranslation {
                        status,
                        translator: entry.string("translator", false, diags).map(|(s, _)| s),
                        reviewed_by,
                    },
                );
            }
        }
    }
    let used: BTreeSet<Locale> = title
        .into_iter()
        .chain(description)
        .flat_map(|m| m.keys().copied())
        .collect();
    for locale in used {
        if locale != Locale::SOURCE
            && !out.contains_key(&locale)
            && table
                .as_ref()
                .is_none_or(|t| t.get(locale.as_str()).is_none())
        {
            // Point at the translated title itself: that is the line the author just wrote.
            let at = ["title", "description"]
                .iter()
                .filter_map(|k| r.get(k)?.get_ref().as_table())
                .flat_map(|t| t.iter())
                .find(|(k, _)| k.get_ref().as_ref() == locale.as_str())
                .map_or(r.offset(&r.span), |(k, _)| r.offset(&k.span()));
            diags.at(
                r.file,
                at,
                Code::MissingKey,
                format!("`{locale}` text needs its status: add `[translations.{locale}]` with `status = \"draft\"` (or `\"reviewed\"` and `reviewed_by`)"),
            );
        }
    }
    out
}

/// A `[title]`-style table keyed by locale.
pub(super) fn locale_map(
    r: &TableReader<'_, '_>,
    key: &str,
    required: bool,
    diags: &mut Diagnostics,
) -> Option<BTreeMap<Locale, String>> {
    let Some(table) = r.table(key, diags) else {
        if required && r.get(key).is_none() {
            r.missing(key, "a table with at least `vi = \"…\"`", diags);
        }
        return None;
    };
    let mut out = BTreeMap::new();
    for (tag, at, value) in table.entries() {
        let Ok(locale) = Locale::parse(tag) else {
            let msg = Locale::parse(tag)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            diags.at(table.file, at, Code::UnsupportedLocale, msg);
            continue;
        };
        match value.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => {
                out.insert(locale, s.trim().to_string());
            }
            _ => diags.at(
                table.file,
                table.offset(&value.span()),
                Code::InvalidValue,
                format!("`{key}.{tag}` must be a non-empty text"),
            ),
        }
    }
    if !out.contains_key(&Locale::SOURCE) {
        if required {
            table.missing("vi", "the Vietnamese text", diags);
        }
        return None;
    }
    Some(out)
}
