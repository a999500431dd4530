//! One lesson in the editor: its Vietnamese units, the translation's texts (from the file, or
//! as typed), what changed in the source since it was translated, the glossary's terms, and
//! what a save writes.

use crate::site::error::AppError;
use crate::translate::Workspace;
use hocvu_content::translation_file::{self as tf, Front};
use hocvu_content::units::{self, Since, Unit, UnitKind};
use hocvu_content::{Locale, source::text_hash};
use hocvu_store::translations::Work;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A translated unit longer than this is refused at its field (a paste of the whole lesson).
pub const MAX_UNIT_CHARS: usize = 4000;

/// What is on disk for one lesson and locale when the editor opens or saves.
pub struct OnDisk {
    pub dir: PathBuf,
    pub slug: String,
    pub locale: Locale,
    pub source: String,
    pub source_title: String,
    pub units: Vec<Unit>,
    /// The translation file as it is now, if any.
    pub current: Option<String>,
    /// The Vietnamese it was made from (`.source.txt`), if kept.
    pub made_from: Option<String>,
}

impl OnDisk {
    pub fn read(
        ws: &Workspace,
        course: &str,
        slug: &str,
        locale: Locale,
    ) -> Result<Self, AppError> {
        let dir = ws.course_dir(course).ok_or_else(AppError::not_found)?;
        if !hocvu_content::course::is_slug(slug) {
            return Err(AppError::not_found());
        }
        let source = std::fs::read_to_string(dir.join(format!("{slug}.md")))
            .map_err(|_| AppError::not_found())?;
        let (source_title, units) = tf::read_units(&source).ok_or_else(AppError::not_found)?;
        let current = std::fs::read_to_string(tf::path(&dir, slug, locale.as_str())).ok();
        let made_from = std::fs::read_to_string(tf::source_path(&dir, slug, locale.as_str())).ok();
        Ok(OnDisk {
            dir,
            slug: slug.to_string(),
            locale,
            source,
            source_title,
            units,
            current,
            made_from,
        })
    }

    pub fn version(&self) -> String {
        tf::version_of(self.current.as_deref())
    }

    pub fn source_version(&self) -> String {
        text_hash(&self.source)
    }

    pub fn front(&self) -> Option<Front> {
        self.current.as_deref().and_then(tf::read_front)
    }

    pub fn stale(&self) -> bool {
        self.front()
            .is_some_and(|f| f.source_hash != self.source_version())
    }

    /// The title and unit texts of the file on disk, by current unit id, and for a stale one
    /// how each unit relates to the source it was made from.
    pub fn texts(&self) -> (String, BTreeMap<String, String>, BTreeMap<String, Since>) {
        let Some((title, translated)) = self.current.as_deref().and_then(tf::read_units) else {
            return (String::new(), BTreeMap::new(), BTreeMap::new());
        };
        let old_units = self
            .made_from
            .as_deref()
            .and_then(tf::read_units)
            .map(|(_, u)| u);
        match (self.stale(), old_units) {
            (true, Some(old)) => {
                let by_old_id = units::texts_by_id(&old, &translated);
                let since = units::align(&old, &self.units);
                let texts = since
                    .iter()
                    .filter_map(|(id, s)| match s {
                        Since::Same { old_id } | Since::Changed { old_id, .. } => {
                            by_old_id.get(old_id).map(|t| (id.clone(), t.clone()))
                        }
                        Since::New => None,
                    })
                    .collect();
                (title, texts, since)
            }
            _ => (
                title,
                units::texts_by_id(&self.units, &translated),
                BTreeMap::new(),
            ),
        }
    }
}

/// The texts of a posted editor form: the title and `u.<id>` fields.
pub struct Typed {
    pub title: String,
    pub texts: BTreeMap<String, String>,
}

impl Typed {
    pub fn from_form(pairs: &[(String, String)]) -> Self {
        let mut typed = Typed {
            title: String::new(),
            texts: BTreeMap::new(),
        };
        for (k, v) in pairs {
            let v = v.replace("\r\n", "\n");
            if k == "title" {
                typed.title = v.trim().to_string();
            } else if let Some(id) = k.strip_prefix("u.") {
                typed.texts.insert(id.to_string(), v.trim().to_string());
            }
        }
        typed
    }

    /// Problems by unit id (`title` for the title); empty when the text can be saved.
    pub fn problems(&self, units: &[Unit]) -> BTreeMap<String, &'static str> {
        let mut out = BTreeMap::new();
        if self.title.is_empty() {
            out.insert("title".to_string(), "translate-error-empty");
        } else if self.title.contains('\n') {
            out.insert("title".to_string(), "translate-error-line-break");
        }
        let editable = units.iter().filter(|u| u.kind != UnitKind::Fixed);
        // Every unit empty is a title-only translation; otherwise each needs its text.
        let all_empty = units
            .iter()
            .all(|u| self.texts.get(&u.id).is_none_or(|t| t.is_empty()));
        for u in editable {
            let text = self.texts.get(&u.id).map_or("", String::as_str);
            if all_empty {
                continue;
            }
            if text.chars().count() > MAX_UNIT_CHARS {
                out.insert(u.id.clone(), "translate-error-too-long");
            } else if let Err(p) = units::check(u, text) {
                out.insert(u.id.clone(), p.key());
            }
        }
        out
    }

    /// The whole translation file these texts make.
    pub fn file(&self, disk: &OnDisk, front: Front) -> String {
        let all_empty = self.texts.values().all(|t| t.is_empty());
        let body = if all_empty {
            String::new()
        } else {
            units::assemble(&disk.units, &self.texts)
        };
        tf::write(&front, &body)
    }
}

/// The JSON the editor template shows: every unit with its source, text, terms and changes.
#[allow(clippy::too_many_arguments)]
pub fn editor_json(
    disk: &OnDisk,
    title: &str,
    texts: &BTreeMap<String, String>,
    since: &BTreeMap<String, Since>,
    problems: &BTreeMap<String, &'static str>,
    glossary: Option<&hocvu_content::glossary::Glossary>,
    old_texts: &BTreeMap<String, String>,
) -> Value {
    let units: Vec<Value> = disk
        .units
        .iter()
        .map(|u| {
            let terms: Vec<Value> = glossary
                .map(|g| hocvu_content::glossary::entries_in(g, &u.text))
                .unwrap_or_default()
                .into_iter()
                .map(|e| json!({"vi": e.vi, "term": e.term}))
                .collect();
            let change = match since.get(&u.id) {
                Some(Since::Changed { old_text, .. }) => json!({
                    "diff": units::word_diff(old_text, &u.text),
                    "old_translation": old_texts.get(&u.id),
                }),
                Some(Since::New) => json!({"new": true}),
                _ => Value::Null,
            };
            json!({
                "id": u.id, "kind": u.kind, "source": u.text,
                "text": texts.get(&u.id).cloned().unwrap_or_default(),
                "editable": u.kind != UnitKind::Fixed,
                "one_line": matches!(u.kind, UnitKind::Heading | UnitKind::Question | UnitKind::Option | UnitKind::Image | UnitKind::Step | UnitKind::Item | UnitKind::Table),
                "terms": terms, "change": change, "problem": problems.get(&u.id),
            })
        })
        .collect();
    json!({
        "title": {"source": disk.source_title, "text": title, "problem": problems.get("title")},
        "units": units,
        "version": disk.version(),
        "source_version": disk.source_version(),
        "stale": disk.stale(),
        "made_from_kept": disk.made_from.is_some(),
        "letters": matches!(disk.locale, Locale::Rad | Locale::Jra | Locale::Mng),
    })
}

/// Who wrote the text under review: the store's record, else the file's `translator`; with
/// no translation at all, a reviewer accepting would be its author.
pub fn is_own(work: Option<&Work>, disk: &OnDisk, me: i64, my_name: &str) -> bool {
    match work.and_then(|w| w.translator_id) {
        Some(id) => id == me,
        None => match disk.front() {
            None => true,
            Some(f) => f.translator.is_some_and(|t| t == my_name),
        },
    }
}
