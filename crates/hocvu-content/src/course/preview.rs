//! A translation compiled in memory, as the workspace previews it before saving: the real
//! renderer and every check of `hocvu check`, on text that is not yet a file.

use super::*;
use crate::diag::Diagnostic;

/// What a translation text would become, with the diagnostics of its own file only.
pub struct Preview {
    pub text: Option<LessonText>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Compiles `text` as the `locale` translation of lesson `slug` of the course in `dir`.
pub fn preview_translation(
    dir: &Path,
    slug: &str,
    locale: Locale,
    text: &str,
    glossaries: &Glossaries,
) -> Preview {
    let mut diags = Diagnostics::default();
    let path = crate::translation_file::path(dir, slug, locale.as_str());
    let text = run(dir, slug, locale, text, glossaries, &path, &mut diags);
    let diagnostics = diags
        .into_sorted()
        .into_iter()
        .filter(|d| d.path == path)
        .collect();
    Preview { text, diagnostics }
}

fn run(
    dir: &Path,
    slug: &str,
    locale: Locale,
    text: &str,
    glossaries: &Glossaries,
    path: &Path,
    diags: &mut Diagnostics,
) -> Option<LessonText> {
    let (_, manifest) = read_manifest(dir, diags)?;
    let listed: BTreeSet<String> = manifest.lessons.iter().map(|l| l.slug.clone()).collect();
    let file = source::read_text(&dir.join(format!("{slug}.md")), diags)?;
    let mut images = CourseImages::new(dir);
    let allowed = ["title", "checked", "all_questions_required"];
    let (parsed, _) = parse_lesson(&file, &allowed, &listed, &mut images, diags)?;
    let source = LessonText {
        locale: Locale::SOURCE,
        title: parsed.title,
        html: parsed.rendered.html,
        body_locale: Locale::SOURCE,
        quiz: parsed.rendered.quiz,
        quiz_locale: Locale::SOURCE,
        translation: None,
    };
    let tfile = source::decode(path, text.as_bytes().to_vec(), diags)?;
    let hash = text_hash(&file.text);
    let glossary = glossaries.get(&locale);
    translation(
        &tfile,
        locale,
        &hash,
        &source,
        &listed,
        &mut images,
        glossary,
        diags,
    )
}
