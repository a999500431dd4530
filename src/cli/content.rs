//! `build`, `check` and `i18n` commands.

use anyhow::Context;
use hocvu_content::{BuildError, CompileOptions, Diagnostic, Locale, LocaleStatus};
use std::path::Path;
use std::process::ExitCode;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

fn print_diagnostics(items: &[Diagnostic]) {
    for d in items {
        println!("{d}");
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    format!("{errors} error(s), {warnings} warning(s)")
}

/// What `check` and `build` compile with: today's date for the freshness check (W109).
fn options(release: bool) -> CompileOptions {
    CompileOptions {
        release,
        today: Some(CompileOptions::utc_today()),
    }
}

pub fn check(content: &Path, readability: bool) -> anyhow::Result<ExitCode> {
    let (courses, diags) = hocvu_content::compile_all(content, &options(false))?;
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    print_diagnostics(&diags.into_sorted());
    if readability {
        print_readability(&courses);
    }
    let lessons: usize = courses.iter().map(|c| c.bundle.lessons.len()).sum();
    println!(
        "checked {} course(s), {lessons} lesson(s): {}",
        courses.len(),
        summary(errors, warnings)
    );
    Ok(if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_readability(courses: &[hocvu_content::CompiledCourse]) {
    use hocvu_content::readability::{Readability, SLOW_WORDS_PER_MINUTE};
    println!(
        "{:<26} {:<14} {:>7} {:>6} {:>9} {:>8}  (slow pace: {SLOW_WORDS_PER_MINUTE} words/min)",
        "course", "audience", "lessons", "words", "words/sen", "max min"
    );
    for c in courses {
        let per_lesson: Vec<Readability> =
            c.source_text.values().map(|t| Readability::of(t)).collect();
        let total = per_lesson
            .iter()
            .fold(Readability::default(), |a, b| a + *b);
        let longest = per_lesson
            .iter()
            .map(Readability::slow_reading_minutes)
            .fold(0.0, f64::max);
        println!(
            "{:<26} {:<14} {:>7} {:>6} {:>9.1} {:>8.1}",
            c.bundle.course.id,
            c.bundle.course.audience.as_str(),
            c.bundle.lessons.len(),
            total.words,
            total.words_per_sentence(),
            longest
        );
    }
}

pub fn build(content: &Path, out: &Path, release: bool) -> anyhow::Result<ExitCode> {
    let options = options(release);
    match hocvu_content::build(content, out, &options) {
        Ok(report) => {
            let warnings = report.diagnostics.len();
            print_diagnostics(&report.diagnostics);
            for entry in &report.index.bundles {
                println!(
                    "{} {} ({} lessons) -> {}",
                    entry.course,
                    entry.version,
                    entry.lessons,
                    out.join(&entry.file).display()
                );
            }
            println!(
                "built {} bundle(s) into {} ({} written, {warnings} warning(s))",
                report.index.bundles.len(),
                out.display(),
                report.written.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(BuildError::Invalid { .. }) => {
            let (_, diags) = hocvu_content::compile_all(content, &options)?;
            let (errors, warnings) = (diags.error_count(), diags.warning_count());
            print_diagnostics(&diags.into_sorted());
            println!(
                "build failed: {}; nothing was written",
                summary(errors, warnings)
            );
            Ok(ExitCode::FAILURE)
        }
        Err(e) => Err(e.into()),
    }
}

/// `review_notes` of every translation, keyed `<slug>.<locale>`: what reviewers look at first.
fn review_notes(c: &hocvu_content::CompiledCourse) -> serde_json::Map<String, serde_json::Value> {
    c.bundle
        .lessons
        .iter()
        .flat_map(|l| {
            l.locales.iter().filter_map(move |(locale, text)| {
                let notes = &text.translation.as_ref()?.review_notes;
                (!notes.is_empty())
                    .then(|| (format!("{}.{locale}", l.slug), serde_json::json!(notes)))
            })
        })
        .collect()
}

/// Lessons read aloud per locale, for the courses that have any narration.
fn print_narration(courses: &[hocvu_content::CompiledCourse]) {
    println!(
        "\nnarration (lessons read aloud by a person; machine voices are drafts, counted as missing):"
    );
    println!(
        "{:<24} {:<6} {:>8} {:>6} {:>8} {:>8} {:>9}  stale lessons",
        "course", "locale", "narrated", "stale", "missing", "machine", "questions"
    );
    let mut silent = 0;
    for c in courses {
        let counts = hocvu_content::narration::counts(&c.bundle.lessons);
        if c.bundle.lessons.iter().all(|l| l.narrations.is_empty()) {
            silent += 1;
            continue;
        }
        for (locale, n) in counts {
            println!(
                "{:<24} {:<6} {:>8} {:>6} {:>8} {:>8} {:>9}  {}",
                c.bundle.course.id,
                locale.as_str(),
                n.narrated,
                n.stale,
                n.missing,
                n.machine,
                n.questions,
                n.stale_lessons.join(", ")
            );
        }
    }
    if silent > 0 {
        println!("{silent} course(s) without any narration");
    }
}

pub fn i18n_status(content: &Path, locales: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let (courses, diags) = hocvu_content::compile_all(content, &CompileOptions::default())?;
    let ui = hocvu_i18n::I18n::load(Some(locales))?;
    let ui_missing = ui.missing();
    let errors = diags.error_count();
    let report: Vec<serde_json::Value> = courses
        .iter()
        .map(|c| {
            serde_json::json!({
                "course": c.bundle.course.id,
                "version": c.bundle.course.version,
                "lessons": c.bundle.lessons.len(),
                "locales": c.bundle.locale_status(),
                "narration": hocvu_content::narration::counts(&c.bundle.lessons),
                "review_notes": review_notes(c),
            })
        })
        .collect();
    match format {
        Format::Json => {
            let interface: serde_json::Map<String, serde_json::Value> = ui_missing
                .iter()
                .map(|(l, keys)| {
                    (
                        l.as_str().to_string(),
                        serde_json::json!({"status": ui.status(*l), "missing": keys}),
                    )
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(
                    &serde_json::json!({"courses": report, "interface": interface})
                )?
            )
        }
        Format::Table => {
            println!(
                "{:<24} {:<6} {:>8} {:>6} {:>6} {:>10} {:>8}  stale lessons",
                "course", "locale", "reviewed", "draft", "stale", "title-only", "missing"
            );
            for c in &courses {
                for (locale, status) in c.bundle.locale_status() {
                    let LocaleStatus::Translated(t) = status else {
                        continue;
                    };
                    let notes = c
                        .bundle
                        .lessons
                        .iter()
                        .filter_map(|l| l.locales.get(&locale)?.translation.as_ref())
                        .map(|t| t.review_notes.len())
                        .sum::<usize>();
                    println!(
                        "{:<24} {:<6} {:>8} {:>6} {:>6} {:>10} {:>8}  {}",
                        c.bundle.course.id,
                        locale.as_str(),
                        t.reviewed,
                        t.draft,
                        t.stale,
                        t.title_only,
                        t.missing,
                        t.stale_lessons.join(", ")
                    );
                    if notes > 0 {
                        println!(
                            "{:<24} {:<6} {notes} review note(s): see --format json",
                            "", ""
                        );
                    }
                }
            }
            println!(
                "source locale: {}; missing lessons are shown in Vietnamese, marked as such",
                Locale::SOURCE
            );
            print_narration(&courses);
            println!(
                "\ninterface strings (locales/<lang>/main.ftl), missing keys fall back to Vietnamese:"
            );
            for (locale, keys) in &ui_missing {
                println!(
                    "{:<6} {:<9} {} missing{}{}",
                    locale.as_str(),
                    ui.status(*locale),
                    keys.len(),
                    if keys.is_empty() { "" } else { ": " },
                    keys.join(", ")
                );
            }
        }
    }
    if errors > 0 {
        eprintln!(
            "note: the content has {errors} error(s); run `hocvu check` (figures cover what compiled)"
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

pub fn i18n_hash(file: &Path) -> anyhow::Result<ExitCode> {
    let mut diags = hocvu_content::Diagnostics::default();
    let source = hocvu_content::source::read_text(file, &mut diags)
        .with_context(|| format!("{} is not readable UTF-8", file.display()))?;
    println!("{}", hocvu_content::source::text_hash(&source.text));
    Ok(ExitCode::SUCCESS)
}
