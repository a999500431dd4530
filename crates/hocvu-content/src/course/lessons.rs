//! Lesson files: finding them, reading front matter and body, freshness and pass-mark checks.

use super::*;

/// Lesson files of a course folder: `<slug>.md` and `<slug>.<locale>.md`.
pub(super) struct LessonFiles {
    pub(super) sources: BTreeMap<String, PathBuf>,
    pub(super) translations: BTreeMap<(String, Locale), PathBuf>,
}

pub(super) fn scan_lessons(dir: &Path, diags: &mut Diagnostics) -> LessonFiles {
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

pub(super) struct ParsedLesson {
    pub(super) title: String,
    pub(super) rendered: markdown::Rendered,
    /// `checked = 2026-12-01` and where its value stands.
    pub(super) checked: Option<(jiff::civil::Date, usize)>,
    /// `checked` is present, even with a bad value (E006 then, not W108).
    pub(super) has_checked: bool,
    pub(super) review_notes: Vec<String>,
    pub(super) all_questions_required: bool,
    /// Where the body starts in the file, and the body itself (for positions of its parts).
    pub(super) body_offset: usize,
    pub(super) body: String,
}

pub(super) fn parse_lesson(
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
pub(super) fn check_freshness(
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
pub(super) fn check_pass_mark(
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
pub(super) fn first_question_offset(body: &str) -> Option<usize> {
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
pub(super) fn same_quiz_shape(a: &[Question], b: &[Question]) -> bool {
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
