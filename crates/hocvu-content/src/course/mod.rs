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

mod lessons;
mod manifest;
mod preview;
mod releases;
mod translation;

pub use lessons::answers_needed;
use lessons::*;
pub use manifest::is_slug;
use manifest::*;
pub use preview::{Preview, preview_translation};
use releases::*;
pub use releases::{read_releases, record_release};
use translation::*;

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

/// Optional front-matter strings by key, with their offsets; `@front` is where the front matter starts.
type FrontFields = BTreeMap<String, (String, usize)>;

/// Front-matter keys that are not texts; every other allowed key is read as a text.
const TYPED_KEYS: [&str; 3] = ["checked", "review_notes", "all_questions_required"];

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
    let mut read_hashes = BTreeMap::new();
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
            read_hashes.insert((slug.clone(), *locale), text_hash(&tfile.text));
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
            narrations: BTreeMap::new(),
        });
    }
    let audio = crate::narration::compile(dir, &mut lessons, &read_hashes, &mut hasher, diags);
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
            audio,
        },
        source_text,
        new_release,
    })
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
