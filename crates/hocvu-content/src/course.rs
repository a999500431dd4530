//! One course folder → one compiled [`Bundle`]: manifest, lessons, translations, images.

use crate::diag::{Code, Diagnostics, SourceFile};
use crate::frontmatter::{self, TableReader};
use crate::glossary::{self, Glossaries};
use crate::images::CourseImages;
use crate::locale::Locale;
use crate::markdown::{self, RenderInput};
use crate::model::{
    Audience, BUNDLE_FORMAT, Bundle, Course, Lesson, LessonText, Question, TitleTranslation,
    Translation, TranslationStatus,
};
use crate::source::{self, text_hash};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

pub const MANIFEST: &str = "course.toml";
pub const RELEASES: &str = "releases.toml";

#[derive(Debug, Clone, Default)]
pub struct CompileOptions {
    /// Refuse content changed under an already released version (E025) and record releases.
    pub release: bool,
    /// The date of the build, for the freshness check (W109); `None` skips that check. Never
    /// stored in a bundle, so bundles stay deterministic.
    pub today: Option<jiff::civil::Date>,
}

/// A lesson's facts must be checked again after this many months (W109).
pub const FRESHNESS_MONTHS: i64 = 12;

impl CompileOptions {
    /// Today's date in UTC, from the system clock: what the CLI passes to `today`.
    pub fn utc_today() -> jiff::civil::Date {
        jiff::Timestamp::now()
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
    }
}

#[derive(Debug, Clone)]
pub struct CompiledCourse {
    pub dir: PathBuf,
    pub bundle: Bundle,
    /// Visible text of each Vietnamese lesson (body and quiz), by slug, for readability checks.
    pub source_text: BTreeMap<String, String>,
    /// Whether `releases.toml` needs this version appended (release builds only).
    pub new_release: bool,
}

struct ManifestLesson {
    slug: String,
    minutes: u32,
    offset: usize,
}

struct Manifest {
    id: String,
    version: (String, usize),
    audience: Audience,
    order: u32,
    pass_mark: u8,
    published: bool,
    title: BTreeMap<Locale, String>,
    description: BTreeMap<Locale, String>,
    translations: BTreeMap<Locale, TitleTranslation>,
    lessons: Vec<ManifestLesson>,
}

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn is_semver(v: &str) -> bool {
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

fn read_manifest(dir: &Path, diags: &mut Diagnostics) -> Option<(SourceFile, Manifest)> {
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
fn title_translations(
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
fn locale_map(
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

/// Lesson files of a course folder: `<slug>.md` and `<slug>.<locale>.md`.
struct LessonFiles {
    sources: BTreeMap<String, PathBuf>,
    translations: BTreeMap<(String, Locale), PathBuf>,
}

fn scan_lessons(dir: &Path, diags: &mut Diagnostics) -> LessonFiles {
    let mut files = LessonFiles {
        sources: BTreeMap::new(),
        translations: BTreeMap::new(),
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    for path in names {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        let (slug, locale) = match stem.rsplit_once('.') {
            Some((slug, tag)) => match Locale::parse(tag) {
                Ok(Locale::Vi) => {
                    diags.push(
                        &path,
                        1,
                        1,
                        Code::UnsupportedLocale,
                        format!("Vietnamese is the source language: name this file `{slug}.md`"),
                    );
                    continue;
                }
                Ok(l) => (slug, Some(l)),
                Err(e) => {
                    diags.push(
                        &path,
                        1,
                        1,
                        Code::UnsupportedLocale,
                        format!("file name `{name}`: {e}"),
                    );
                    continue;
                }
            },
            None => (stem, None),
        };
        if !is_slug(slug) {
            diags.push(
                &path,
                1,
                1,
                Code::InvalidSlug,
                format!("lesson file name `{name}` may use only a-z, 0-9 and - before `.md`"),
            );
            continue;
        }
        match locale {
            None => {
                files.sources.insert(slug.to_string(), path);
            }
            Some(l) => {
                files.translations.insert((slug.to_string(), l), path);
            }
        }
    }
    files
}

/// Optional front-matter strings by key, with their offsets; `@front` is where the front matter starts.
type FrontFields = BTreeMap<String, (String, usize)>;

/// Front-matter keys that are not texts; every other allowed key is read as a text.
const TYPED_KEYS: [&str; 3] = ["checked", "review_notes", "all_questions_required"];

struct ParsedLesson {
    title: String,
    rendered: markdown::Rendered,
    /// `checked = 2026-12-01` and where its value stands.
    checked: Option<(jiff::civil::Date, usize)>,
    /// `checked` is present, even with a bad value (E006 then, not W108).
    has_checked: bool,
    review_notes: Vec<String>,
    all_questions_required: bool,
    /// Where the body starts in the file, and the body itself (for positions of its parts).
    body_offset: usize,
    body: String,
}

fn parse_lesson(
    file: &SourceFile,
    allowed: &[&str],
    slugs: &BTreeSet<String>,
    images: &mut CourseImages,
    diags: &mut Diagnostics,
) -> Option<(ParsedLesson, FrontFields)> {
    let split = frontmatter::split(file, &file.text, diags)?;
    let table = frontmatter::parse_table(file, split.front_offset, split.front, diags);
    let mut fields = BTreeMap::new();
    let mut title = None;
    let mut checked = None;
    let mut has_checked = false;
    let mut review_notes = Vec::new();
    let mut all_questions_required = false;
    if let Some(table) = &table {
        let r = TableReader::new(file, split.front_offset, table);
        r.deny_unknown(allowed, diags);
        title = r.string("title", true, diags).map(|(t, _)| t);
        for key in allowed
            .iter()
            .filter(|k| **k != "title" && !TYPED_KEYS.contains(k))
        {
            if let Some(v) = r.string(key, false, diags) {
                fields.insert(key.to_string(), v);
            }
        }
        if allowed.contains(&"checked") {
            checked = r.date("checked", diags);
            has_checked = r.get("checked").is_some();
        }
        if allowed.contains(&"review_notes") {
            review_notes = r.strings("review_notes", diags);
        }
        if allowed.contains(&"all_questions_required") {
            all_questions_required = r.bool("all_questions_required", diags).unwrap_or(false);
        }
        // For "missing key" diagnostics the caller needs a position: the front matter start.
        fields.insert("@front".to_string(), (String::new(), split.front_offset));
    }
    let rendered = markdown::render(
        &RenderInput {
            file,
            body: split.body,
            body_offset: split.body_offset,
            lesson_slugs: slugs,
        },
        images,
        diags,
    );
    Some((
        ParsedLesson {
            title: title?,
            rendered,
            checked,
            has_checked,
            review_notes,
            all_questions_required,
            body_offset: split.body_offset,
            body: split.body.to_string(),
        },
        fields,
    ))
}

/// W108 when a Vietnamese lesson has no `checked` date; W109 when it is more than
/// [`FRESHNESS_MONTHS`] before `options.today`.
fn check_freshness(
    file: &SourceFile,
    front: usize,
    lesson: &ParsedLesson,
    options: &CompileOptions,
    diags: &mut Diagnostics,
) {
    let Some((date, at)) = lesson.checked else {
        if lesson.has_checked {
            return; // a bad value: E006 already says what to write
        }
        diags.at(
            file,
            front,
            Code::CheckedMissing,
            "missing key `checked`: the date the lesson's facts were last checked, e.g. `checked = 2026-12-01` (a TOML date, no quotes)",
        );
        return;
    };
    let Some(today) = options.today else {
        return;
    };
    let limit = date
        .checked_add(jiff::Span::new().months(FRESHNESS_MONTHS))
        .unwrap_or(jiff::civil::Date::MAX);
    if limit < today {
        diags.at(
            file,
            at,
            Code::CheckedTooOld,
            format!("facts last checked on {date}, more than {FRESHNESS_MONTHS} months ago: check them again and update `checked`"),
        );
    }
}

/// How many right answers a learner needs out of `questions` (the server's rule).
pub fn answers_needed(pass_mark: u8, questions: usize) -> usize {
    (usize::from(pass_mark) * questions).div_ceil(100)
}

/// W110 when the course's pass mark demands every question of a lesson with two or more
/// questions, unless the lesson says `all_questions_required = true`.
fn check_pass_mark(
    file: &SourceFile,
    lesson: &ParsedLesson,
    pass_mark: u8,
    diags: &mut Diagnostics,
) {
    let n = lesson.rendered.quiz.len();
    if n < 2 || lesson.all_questions_required {
        return;
    }
    let needed = answers_needed(pass_mark, n);
    if needed < n {
        return;
    }
    let at =
        first_question_offset(&lesson.body).map_or(lesson.body_offset, |o| lesson.body_offset + o);
    let better = (1..=100u8)
        .rev()
        .find(|p| answers_needed(*p, n) < n)
        .unwrap_or(0);
    diags.at(
        file,
        at,
        Code::PassMarkDemandsAll,
        format!("pass_mark = {pass_mark} demands {needed} of {n} right answers (every question): set pass_mark to {better} or less in course.toml, add a question, or put `all_questions_required = true` in this lesson's front matter if that is intended"),
    );
}

/// Byte offset in `body` of the first quiz heading (`## ?` / `## ??`), outside code fences.
fn first_question_offset(body: &str) -> Option<usize> {
    let mut offset = 0;
    let mut fence: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let trimmed = line[indent..].trim_end();
        if indent > 3 {
            continue;
        }
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") {
            fence = Some("```");
            continue;
        }
        if trimmed.starts_with("~~~") {
            fence = Some("~~~");
            continue;
        }
        let after_hashes = trimmed.trim_start_matches('#');
        let hashes = trimmed.len() - after_hashes.len();
        if (1..=6).contains(&hashes)
            && after_hashes.starts_with([' ', '\t'])
            && after_hashes.trim_start().starts_with('?')
        {
            return Some(start + indent);
        }
    }
    None
}

/// Same questions, kinds, option counts and right answers.
fn same_quiz_shape(a: &[Question], b: &[Question]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.kind == y.kind
                && x.options.len() == y.options.len()
                && x.options
                    .iter()
                    .zip(&y.options)
                    .all(|(o, p)| o.correct == p.correct)
        })
}

pub fn compile_course(
    dir: &Path,
    options: &CompileOptions,
    glossaries: &Glossaries,
    diags: &mut Diagnostics,
) -> Option<CompiledCourse> {
    let (manifest_file, manifest) = read_manifest(dir, diags)?;
    let files = scan_lessons(dir, diags);
    let listed: BTreeSet<String> = manifest.lessons.iter().map(|l| l.slug.clone()).collect();
    for l in &manifest.lessons {
        if !files.sources.contains_key(&l.slug) {
            diags.at(
                &manifest_file,
                l.offset,
                Code::LessonFileMissing,
                format!(
                    "lesson `{}` has no file `{}.md` in this folder",
                    l.slug, l.slug
                ),
            );
        }
    }
    for (slug, path) in &files.sources {
        if !listed.contains(slug) {
            diags.push(path, 1, 1, Code::LessonNotInManifest, format!("lesson `{slug}` is not listed in {MANIFEST}: add `[[lessons]]` with `slug = \"{slug}\"`"));
        }
    }
    for ((slug, locale), path) in &files.translations {
        if !files.sources.contains_key(slug) {
            diags.push(path, 1, 1, Code::OrphanTranslation, format!("translation ({locale}) of lesson `{slug}`, which does not exist: there is no `{slug}.md`"));
        }
    }

    let mut images = CourseImages::new(dir);
    let mut hasher = Sha256::new();
    let mut lessons = Vec::new();
    let mut source_text = BTreeMap::new();
    for entry in &manifest.lessons {
        let Some(path) = files.sources.get(&entry.slug) else {
            continue;
        };
        let Some(file) = source::read_text(path, diags) else {
            continue;
        };
        let source_hash = text_hash(&file.text);
        hasher.update(format!("lesson {} {}\n", entry.slug, entry.minutes));
        hasher.update(&file.text);
        let Some((parsed, fields)) = parse_lesson(
            &file,
            &["title", "checked", "all_questions_required"],
            &listed,
            &mut images,
            diags,
        ) else {
            continue;
        };
        let front = fields.get("@front").map_or(0, |(_, at)| *at);
        check_freshness(&file, front, &parsed, options, diags);
        check_pass_mark(&file, &parsed, manifest.pass_mark, diags);
        let checked = parsed.checked.map(|(d, _)| d.to_string());
        let all_questions_required = parsed.all_questions_required;
        source_text.insert(entry.slug.clone(), parsed.rendered.text.clone());
        let mut locales = BTreeMap::new();
        locales.insert(
            Locale::SOURCE,
            LessonText {
                locale: Locale::SOURCE,
                title: parsed.title,
                html: parsed.rendered.html,
                body_locale: Locale::SOURCE,
                quiz: parsed.rendered.quiz,
                quiz_locale: Locale::SOURCE,
                translation: None,
            },
        );
        for ((slug, locale), tpath) in files.translations.range((entry.slug.clone(), Locale::Vi)..)
        {
            if *slug != entry.slug {
                break;
            }
            let Some(tfile) = source::read_text(tpath, diags) else {
                continue;
            };
            hasher.update(format!("translation {slug} {locale}\n"));
            hasher.update(&tfile.text);
            let source = &locales[&Locale::SOURCE];
            if let Some(text) = translation(
                &tfile,
                *locale,
                &source_hash,
                source,
                &listed,
                &mut images,
                glossaries.get(locale),
                diags,
            ) {
                locales.insert(*locale, text);
            }
        }
        lessons.push(Lesson {
            slug: entry.slug.clone(),
            minutes: entry.minutes,
            source_hash,
            checked,
            all_questions_required,
            locales,
        });
    }
    for (rel, message) in std::mem::take(&mut images.over_budget) {
        diags.push(&dir.join(&rel), 1, 1, Code::ImageTooLarge, message);
    }
    let media = images.into_media();
    for m in &media {
        hasher.update(format!("media {}\n", m.name));
    }
    hasher.update(format!(
        "course {} {} {} {}\n{:?}\n{:?}\n{:?}\n",
        manifest.id,
        manifest.audience.as_str(),
        manifest.order,
        manifest.pass_mark,
        manifest.title,
        manifest.description,
        manifest.translations
    ));
    let content_hash = hex::encode(hasher.finalize());
    let new_release = check_release(
        dir,
        &manifest_file,
        &manifest.version,
        &content_hash,
        options,
        diags,
    );
    Some(CompiledCourse {
        dir: dir.to_path_buf(),
        bundle: Bundle {
            format: BUNDLE_FORMAT,
            course: Course {
                id: manifest.id,
                version: manifest.version.0,
                audience: manifest.audience,
                order: manifest.order,
                pass_mark: manifest.pass_mark,
                title: manifest.title,
                description: manifest.description,
                translations: manifest.translations,
                content_hash,
                published: manifest.published,
            },
            lessons,
            media,
        },
        source_text,
        new_release,
    })
}

#[allow(clippy::too_many_arguments)]
fn translation(
    file: &SourceFile,
    locale: Locale,
    current_hash: &str,
    source: &LessonText,
    slugs: &BTreeSet<String>,
    images: &mut CourseImages,
    glossary: Option<&glossary::Glossary>,
    diags: &mut Diagnostics,
) -> Option<LessonText> {
    let allowed = [
        "title",
        "status",
        "source_hash",
        "translator",
        "reviewed_by",
        "review_notes",
    ];
    let (parsed, fields) = parse_lesson(file, &allowed, slugs, images, diags)?;
    let front = fields.get("@front").map_or(0, |(_, at)| *at);
    if let Some(g) = glossary {
        glossary::check_drift(file, &parsed.body, parsed.body_offset, g, diags);
    }
    let status = match fields.get("status") {
        Some((s, _)) if s == "draft" => TranslationStatus::Draft,
        Some((s, _)) if s == "reviewed" => TranslationStatus::Reviewed,
        Some((s, at)) => {
            diags.at(
                file,
                *at,
                Code::InvalidValue,
                format!("status `{s}` must be `draft` or `reviewed`"),
            );
            return None;
        }
        None => {
            diags.at(
                file,
                front,
                Code::MissingKey,
                "missing key `status` (`draft` or `reviewed`)",
            );
            return None;
        }
    };
    let reviewed_by = fields.get("reviewed_by").map(|(s, _)| s.clone());
    if status == TranslationStatus::Reviewed && reviewed_by.is_none() {
        let at = fields.get("status").map_or(front, |(_, at)| *at);
        diags.at(
            file,
            at,
            Code::ReviewerMissing,
            "a `reviewed` translation must name its reviewer in `reviewed_by`",
        );
    }
    let Some((source_hash, hash_at)) = fields.get("source_hash").cloned() else {
        diags.at(
            file,
            front,
            Code::MissingKey,
            format!("missing key `source_hash`: the hash of the Vietnamese text this was translated from (now `{current_hash}`)"),
        );
        return None;
    };
    let stale = source_hash != current_hash;
    if stale {
        diags.at(
            file,
            hash_at,
            Code::StaleTranslation,
            format!("stale translation: made from Vietnamese `{source_hash}`, the source is now `{current_hash}`; update the text, then set source_hash = \"{current_hash}\""),
        );
    }
    let source_quiz = &source.quiz;
    let mut quiz = parsed.rendered.quiz;
    let mut quiz_locale = locale;
    let mut html = parsed.rendered.html;
    let mut body_locale = locale;
    // A translation with an empty body translates only the title: body and quiz stay Vietnamese.
    if html.trim().is_empty() && quiz.is_empty() {
        html = source.html.clone();
        body_locale = Locale::SOURCE;
        quiz = source_quiz.clone();
        quiz_locale = Locale::SOURCE;
    } else if !same_quiz_shape(&quiz, source_quiz) {
        if stale {
            quiz = source_quiz.to_vec();
            quiz_locale = Locale::SOURCE;
        } else {
            diags.at(
                file,
                front,
                Code::TranslationQuizMismatch,
                format!(
                    "the quiz differs from the Vietnamese one ({} questions there, {} here): keep the same questions, options and right answers in the same order",
                    source_quiz.len(),
                    quiz.len()
                ),
            );
        }
    }
    Some(LessonText {
        locale,
        title: parsed.title,
        html,
        body_locale,
        quiz,
        quiz_locale,
        translation: Some(Translation {
            status,
            translator: fields.get("translator").map(|(s, _)| s.clone()),
            reviewed_by,
            source_hash,
            stale,
            review_notes: parsed.review_notes,
        }),
    })
}

/// `releases.toml` records each released version's content hash; see content/README.md.
fn check_release(
    dir: &Path,
    manifest: &SourceFile,
    version: &(String, usize),
    content_hash: &str,
    options: &CompileOptions,
    diags: &mut Diagnostics,
) -> bool {
    let released = read_releases(dir, diags);
    match released.get(&version.0) {
        Some(hash) if hash == content_hash => false,
        Some(_) => {
            let (code, verb) = if options.release {
                (
                    Code::VersionNotBumped,
                    "bump `version` before a release build",
                )
            } else {
                (
                    Code::UnreleasedChange,
                    "bump `version` before `hocvu build --release`",
                )
            };
            diags.at(
                manifest,
                version.1,
                code,
                format!(
                    "content changed since version {} was released: {verb}",
                    version.0
                ),
            );
            false
        }
        None => options.release,
    }
}

pub fn read_releases(dir: &Path, diags: &mut Diagnostics) -> BTreeMap<String, String> {
    let path = dir.join(RELEASES);
    let mut out = BTreeMap::new();
    if !path.exists() {
        return out;
    }
    let Some(file) = source::read_text(&path, diags) else {
        return out;
    };
    let Some(table) = frontmatter::parse_table(&file, 0, &file.text, diags) else {
        return out;
    };
    let r = TableReader::new(&file, 0, &table);
    r.deny_unknown(&["release"], diags);
    for entry in r.tables("release", diags) {
        entry.deny_unknown(&["version", "content_hash"], diags);
        if let (Some((v, _)), Some((h, _))) = (
            entry.string("version", true, diags),
            entry.string("content_hash", true, diags),
        ) {
            out.insert(v, h);
        }
    }
    out
}

/// Appends a released version to `releases.toml` (created with a header if absent).
pub fn record_release(dir: &Path, version: &str, content_hash: &str) -> std::io::Result<()> {
    let path = dir.join(RELEASES);
    let mut text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        "# Written by `hocvu build --release`: one entry per released version. Commit it; never edit an entry.\n".to_string()
    });
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "\n[[release]]\nversion = \"{version}\"\ncontent_hash = \"{content_hash}\"\n"
    ));
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::Date;

    const QUIZ3: &str = "Text.\n\n## ? One\n\n- [x] A\n  Right.\n- [ ] B\n  Wrong.\n\n## ? Two\n\n- [x] A\n  Right.\n- [ ] B\n  Wrong.\n\n## ? Three\n\n- [x] A\n  Right.\n- [ ] B\n  Wrong.\n";

    /// Compiles a one-lesson course; returns (code, line, col, message) of every diagnostic.
    fn compile_one(
        pass_mark: u8,
        front: &str,
        body: &str,
        today: Option<Date>,
    ) -> Vec<(Code, usize, usize, String)> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(MANIFEST),
            format!("id = \"t\"\nversion = \"1.0.0\"\naudience = \"pupil\"\npass_mark = {pass_mark}\n[title]\nvi = \"T\"\n[[lessons]]\nslug = \"01-a\"\nminutes = 2\n"),
        )
        .unwrap();
        std::fs::write(
            dir.path().join("01-a.md"),
            format!("+++\ntitle = \"A\"\n{front}+++\n{body}"),
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let options = CompileOptions {
            release: false,
            today,
        };
        let compiled = compile_course(dir.path(), &options, &Glossaries::new(), &mut diags);
        assert!(compiled.is_some());
        diags
            .into_sorted()
            .into_iter()
            .map(|d| (d.code, d.line, d.col, d.message))
            .collect()
    }

    fn codes(diags: &[(Code, usize, usize, String)]) -> Vec<Code> {
        diags.iter().map(|d| d.0).collect()
    }

    #[test]
    fn new_audiences_parse_in_catalogue_order() {
        assert_eq!(Audience::parse("pupil"), Some(Audience::Pupil));
        assert_eq!(Audience::parse("facilitator"), Some(Audience::Facilitator));
        assert_eq!(
            &Audience::ALL[3..],
            &[Audience::Pupil, Audience::Facilitator]
        );
        // The fixture course is a pupil course: no E006 for its audience.
        let d = compile_one(60, "checked = 2026-12-01\n", QUIZ3, None);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn missing_checked_is_w108_at_the_front_matter() {
        let d = compile_one(60, "", QUIZ3, None);
        assert_eq!(codes(&d), vec![Code::CheckedMissing]);
        assert_eq!((d[0].1, d[0].2), (2, 1));
    }

    #[test]
    fn checked_must_be_a_toml_date() {
        let d = compile_one(60, "checked = \"2026-12-01\"\n", QUIZ3, None);
        assert_eq!(
            codes(&d),
            vec![Code::InvalidValue],
            "no W108 on top of E006"
        );
        assert_eq!((d[0].1, d[0].2), (3, 11));
    }

    #[test]
    fn checked_more_than_twelve_months_ago_is_w109() {
        let today = Date::constant(2026, 12, 1);
        let fresh = compile_one(60, "checked = 2025-12-01\n", QUIZ3, Some(today));
        assert!(
            fresh.is_empty(),
            "exactly 12 months is still fresh: {fresh:?}"
        );
        let old = compile_one(60, "checked = 2025-11-30\n", QUIZ3, Some(today));
        assert_eq!(codes(&old), vec![Code::CheckedTooOld]);
        assert_eq!((old[0].1, old[0].2), (3, 11));
        assert!(old[0].3.contains("2025-11-30"), "{}", old[0].3);
        // Without a date of the build, freshness is not judged (deterministic by default).
        assert!(compile_one(60, "checked = 2020-01-01\n", QUIZ3, None).is_empty());
    }

    #[test]
    fn checked_date_is_kept_in_the_lesson() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), "id = \"t\"\nversion = \"1.0.0\"\naudience = \"citizen\"\npass_mark = 60\n[title]\nvi = \"T\"\n[[lessons]]\nslug = \"01-a\"\nminutes = 2\n").unwrap();
        std::fs::write(
            dir.path().join("01-a.md"),
            format!("+++\ntitle = \"A\"\nchecked = 2026-11-03\n+++\n{QUIZ3}"),
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let c = compile_course(
            dir.path(),
            &CompileOptions::default(),
            &Glossaries::new(),
            &mut diags,
        )
        .unwrap();
        assert_eq!(c.bundle.lessons[0].checked.as_deref(), Some("2026-11-03"));
    }

    #[test]
    fn pass_mark_demanding_every_question_is_w110_at_the_first_question() {
        let ok = compile_one(60, "checked = 2026-12-01\n", QUIZ3, None);
        assert!(ok.is_empty(), "60% of 3 needs 2: {ok:?}");
        let d = compile_one(80, "checked = 2026-12-01\n", QUIZ3, None);
        assert_eq!(codes(&d), vec![Code::PassMarkDemandsAll]);
        // Line 7: the front matter is four lines, then "Text.", a blank line, the question.
        assert_eq!((d[0].1, d[0].2), (7, 1));
        assert!(d[0].3.contains("3 of 3"), "{}", d[0].3);
        assert!(d[0].3.contains("66"), "{}", d[0].3);
        let deliberate = compile_one(
            80,
            "checked = 2026-12-01\nall_questions_required = true\n",
            QUIZ3,
            None,
        );
        assert!(deliberate.is_empty(), "{deliberate:?}");
    }

    #[test]
    fn review_notes_are_kept_for_reviewers() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), "id = \"t\"\nversion = \"1.0.0\"\naudience = \"facilitator\"\npass_mark = 60\n[title]\nvi = \"T\"\n[[lessons]]\nslug = \"01-a\"\nminutes = 2\n").unwrap();
        let source = "+++\ntitle = \"A\"\nchecked = 2026-12-01\n+++\nMột.\n";
        std::fs::write(dir.path().join("01-a.md"), source).unwrap();
        std::fs::write(
            dir.path().join("01-a.rad.md"),
            format!("+++\ntitle = \"Sa\"\nstatus = \"draft\"\nsource_hash = \"{}\"\nreview_notes = [\"sa — unsure\"]\n+++\nSa.\n", text_hash(source)),
        )
        .unwrap();
        let mut diags = Diagnostics::default();
        let c = compile_course(
            dir.path(),
            &CompileOptions::default(),
            &Glossaries::new(),
            &mut diags,
        )
        .unwrap();
        assert!(diags.items().is_empty(), "{:?}", diags.items());
        let t = c.bundle.lessons[0].locales[&Locale::Rad]
            .translation
            .as_ref()
            .unwrap();
        assert_eq!(t.review_notes, vec!["sa — unsure".to_string()]);
    }

    #[test]
    fn the_pass_rule() {
        assert_eq!(answers_needed(60, 2), 2);
        assert_eq!(answers_needed(60, 3), 2);
        assert_eq!(answers_needed(60, 4), 3);
        assert_eq!(answers_needed(80, 3), 3);
        assert_eq!(answers_needed(80, 5), 4);
        assert_eq!(answers_needed(50, 2), 1);
    }

    #[test]
    fn first_question_skips_code_fences() {
        let body = "```\n## ? not a question\n```\n\n## Heading\n\n  ## ?? Real\n";
        assert_eq!(
            first_question_offset(body),
            Some(body.find("## ?? Real").unwrap())
        );
        assert_eq!(first_question_offset("## ?x\n"), Some(0));
        assert_eq!(first_question_offset("Text ## ? no\n"), None);
    }

    #[test]
    fn slugs_and_versions() {
        assert!(is_slug("01-cai-dat"));
        assert!(!is_slug("01_cai"));
        assert!(!is_slug("Bài-1"));
        assert!(!is_slug("-x"));
        assert!(is_semver("1.0.0"));
        assert!(is_semver("1.10.3-rc.1"));
        assert!(!is_semver("1.0"));
        assert!(!is_semver("01.0.0"));
        assert!(!is_semver("1.0.0-"));
    }
}

#[cfg(test)]
mod property_tests {
    use super::*;
    use crate::markdown::{ImageRef, ImageResolver};

    struct NoImages;

    impl ImageResolver for NoImages {
        fn resolve(&mut self, path: &str) -> Result<ImageRef, (Code, String)> {
            Err((Code::ImageMissing, format!("no image {path}")))
        }
    }

    /// The whole lesson pipeline on arbitrary bytes: decoding, front matter, TOML, Markdown.
    fn compile_lesson_text(bytes: Vec<u8>) {
        let mut diags = Diagnostics::default();
        let Some(file) = source::decode(std::path::Path::new("p.md"), bytes, &mut diags) else {
            return;
        };
        let Some(split) = frontmatter::split(&file, &file.text, &mut diags) else {
            return;
        };
        if let Some(table) =
            frontmatter::parse_table(&file, split.front_offset, split.front, &mut diags)
        {
            let r = TableReader::new(&file, split.front_offset, &table);
            r.deny_unknown(&["title", "status", "source_hash"], &mut diags);
            let _ = r.string("title", true, &mut diags);
            let _ = r.integer("minutes", 1..121, false, &mut diags);
            let _ = r.tables("lessons", &mut diags);
            let _ = locale_map(&r, "title", false, &mut diags);
        }
        let slugs = BTreeSet::from(["01-a".to_string()]);
        let input = markdown::RenderInput {
            file: &file,
            body: split.body,
            body_offset: split.body_offset,
            lesson_slugs: &slugs,
        };
        let _ = markdown::render(&input, &mut NoImages, &mut diags);
        for d in diags.into_sorted() {
            assert!(d.line >= 1 && d.col >= 1);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn arbitrary_front_matter_and_markdown_never_panic(
            front in "(?s)[a-z_ =\"'\\[\\].0-9{},\\n#+-]{0,120}",
            body in "(?s)[-#?>*\\[\\]()!x <>\\n a-zê̆:/.|`]{0,200}",
        ) {
            compile_lesson_text(format!("+++\n{front}\n+++\n{body}").into_bytes());
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            compile_lesson_text(bytes);
        }
    }
}
