//! Narration: recordings of a lesson (and of each quiz question) read aloud in one locale.
//!
//! Files sit beside the lesson: `<slug>.<locale>.<ext>` for the lesson, `<slug>.<locale>.q<N>.<ext>`
//! for question N, and one `<slug>.<locale>.narration.toml` saying who read which text (its
//! `source_hash`), so a narration goes stale like a translation. The bytes go into the bundle
//! unchanged, under a content-hashed name.

pub mod probe;

use crate::diag::{Code, Diagnostics, SourceFile};
use crate::frontmatter::{self, TableReader};
use crate::locale::Locale;
use crate::model::Lesson;
use crate::source;
pub use probe::{Codec, Container, Probe, ProbeError, probe, probe_any};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file saying who read a lesson's narration and from which text.
pub const SIDECAR_SUFFIX: &str = ".narration.toml";
/// A lesson's narration longer than this is E033 (lessons are read in at most 7 minutes).
pub const MAX_LESSON_MS: u64 = 20 * 60 * 1000;
/// A question's clip longer than this is E033.
pub const MAX_QUESTION_MS: u64 = 3 * 60 * 1000;
/// Average bitrate above which a narration gets W112: speech needs 24–32 kbit/s in Opus.
pub const BUDGET_KBIT_PER_S: u64 = 48;
/// Extensions that look like audio but are not served: named so the author hears why.
const OTHER_AUDIO: [&str; 8] = ["wav", "flac", "aac", "amr", "3gp", "mp4", "oga", "wma"];

/// One audio file as the learner's phone downloads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clip {
    /// Content-hashed file name, served at `/audio/{file}`.
    pub file: String,
    pub content_type: String,
    pub codec: Codec,
    pub duration_ms: u64,
    pub bytes: u64,
    pub sample_rate: u32,
    pub channels: u32,
}

/// A lesson read aloud in one locale: the whole lesson and/or its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narration {
    pub lesson: Option<Clip>,
    /// By question id (`q1`, …).
    pub questions: BTreeMap<String, Clip>,
    pub narrator: String,
    pub reviewed_by: Option<String>,
    /// A machine voice (text-to-speech draft): labelled so, never counted as narrated.
    pub machine: bool,
    /// Hash of the text that was read aloud.
    pub source_hash: String,
    /// That text changed after the recording.
    pub stale: bool,
}

/// An audio file's bytes in the bundle (`audio/<name>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudioFile {
    pub name: String,
    pub content_type: String,
    /// Shared, not copied, by the server that serves it.
    #[serde(skip)]
    pub bytes: std::sync::Arc<[u8]>,
}

/// Per-locale narration counts of a course, for `index.json` and `i18n status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NarrationCounts {
    /// Lessons read by a person, from the current text.
    pub narrated: usize,
    /// Lessons read by a person from a text that changed since.
    pub stale: usize,
    /// Lessons with no recording by a person (a machine draft counts here).
    pub missing: usize,
    /// Lessons with a machine-voice draft only.
    pub machine: usize,
    /// Question clips read by a person.
    pub questions: usize,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale_lessons: Vec<String>,
}

pub fn counts(lessons: &[Lesson]) -> BTreeMap<Locale, NarrationCounts> {
    let mut out = BTreeMap::new();
    for locale in Locale::ALL {
        let mut c = NarrationCounts::default();
        for lesson in lessons {
            match lesson.narrations.get(&locale) {
                Some(n) if !n.machine => {
                    c.questions += n.questions.len();
                    match (&n.lesson, n.stale) {
                        (None, _) => c.missing += 1,
                        (Some(_), true) => {
                            c.stale += 1;
                            c.stale_lessons.push(lesson.slug.clone());
                        }
                        (Some(_), false) => c.narrated += 1,
                    }
                }
                Some(_) => {
                    c.machine += 1;
                    c.missing += 1;
                }
                None => c.missing += 1,
            }
        }
        out.insert(locale, c);
    }
    out
}

/// Which part of which lesson a file name narrates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Lesson,
    Question(String),
}

/// What a narration's file name says: (slug, locale, part, extension).
pub type NameParts = (String, Locale, Part, String);

/// `<slug>.<locale>[.q<N>].<ext>` → its parts; `None` when the name is not a narration's at
/// all; an error for a narration name that cannot be right.
pub fn parse_name(name: &str) -> Option<Result<NameParts, (Code, String)>> {
    let (stem, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    let known = probe::EXTENSIONS.iter().any(|(e, ..)| *e == ext);
    if !known && !OTHER_AUDIO.contains(&ext.as_str()) {
        return None;
    }
    Some(parse_stem(stem, name, &ext, known))
}

fn parse_stem(stem: &str, name: &str, ext: &str, known: bool) -> Result<NameParts, (Code, String)> {
    if !known {
        return Err((
            Code::NarrationMislabelled,
            format!(
                "`.{ext}` files are not served to phones: convert `{name}` to Opus (`opusenc --bitrate 24 --downmix-mono in.wav out.opus`) or use {}",
                probe::extension_list()
            ),
        ));
    }
    let (rest, part) = match stem.rsplit_once('.') {
        Some((rest, q)) if q.starts_with('q') && q[1..].parse::<u32>().is_ok_and(|n| n > 0) => {
            (rest, Part::Question(q.to_string()))
        }
        _ => (stem, Part::Lesson),
    };
    let Some((slug, tag)) = rest.rsplit_once('.') else {
        return Err((
            Code::UnsupportedLocale,
            format!(
                "narration `{name}` does not say its language: name it `{rest}.vi.{ext}` (or `.rad`, `.jra`, `.mng`, `.en`)"
            ),
        ));
    };
    let locale = Locale::parse(tag)
        .map_err(|e| (Code::UnsupportedLocale, format!("narration `{name}`: {e}")))?;
    Ok((slug.to_string(), locale, part, ext.to_string()))
}

/// A narration's `.narration.toml`, read.
struct Sidecar {
    source_hash: String,
    narrator: String,
    reviewed_by: Option<String>,
    machine: bool,
}

fn read_sidecar(path: &Path, diags: &mut Diagnostics) -> Option<Sidecar> {
    let file: SourceFile = source::read_text(path, diags)?;
    let table = frontmatter::parse_table(&file, 0, &file.text, diags)?;
    let r = TableReader::new(&file, 0, &table);
    r.deny_unknown(&["source_hash", "narrator", "reviewed_by", "voice"], diags);
    let source_hash = r.string("source_hash", true, diags);
    let narrator = r.string("narrator", true, diags);
    let reviewed_by = r.string("reviewed_by", false, diags).map(|(s, _)| s);
    let machine = match r.string("voice", false, diags) {
        None => false,
        Some((v, _)) if v == "person" => false,
        Some((v, _)) if v == "machine" => true,
        Some((v, at)) => {
            diags.at(
                &file,
                at,
                Code::InvalidValue,
                format!("`voice` must be \"person\" or \"machine\", found \"{v}\""),
            );
            return None;
        }
    };
    Some(Sidecar {
        source_hash: source_hash?.0,
        narrator: narrator?.0,
        reviewed_by,
        machine,
    })
}

/// The audio and sidecar files of one (lesson, locale).
#[derive(Default)]
struct Group {
    sidecar: Option<PathBuf>,
    parts: BTreeMap<Part, Vec<(PathBuf, String)>>,
}

/// Finds, checks and probes every narration of a course folder, attaches them to `lessons`
/// and returns the audio files for the bundle. `read_hashes` holds the hash of each
/// translation file (the text a narrator of that locale reads); without one, the Vietnamese.
pub fn compile(
    dir: &Path,
    lessons: &mut [Lesson],
    read_hashes: &BTreeMap<(String, Locale), String>,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Vec<AudioFile> {
    let groups = scan(dir, lessons, diags);
    let mut audio = BTreeMap::new();
    for ((slug, locale), group) in groups {
        let Some(lesson) = lessons.iter_mut().find(|l| l.slug == slug) else {
            continue;
        };
        let sidecar_path = dir.join(format!("{slug}.{locale}{SIDECAR_SUFFIX}"));
        if group.parts.is_empty() {
            diags.push(&sidecar_path, 1, 1, Code::NarrationIncomplete, format!("`{slug}.{locale}{SIDECAR_SUFFIX}` describes a narration, but there is no audio file `{slug}.{locale}.opus` (or `.q1.opus`…) beside it"));
            continue;
        }
        let Some(_) = group.sidecar else {
            let first = group
                .parts
                .values()
                .flatten()
                .next()
                .map(|(p, _)| p.clone());
            diags.push(first.as_deref().unwrap_or(&sidecar_path), 1, 1, Code::NarrationIncomplete, format!("narration without `{slug}.{locale}{SIDECAR_SUFFIX}`: write it with `source_hash` (from `hocvu i18n hash` of the file read aloud) and `narrator`"));
            continue;
        };
        let Some(sidecar) = read_sidecar(&sidecar_path, diags) else {
            continue;
        };
        hasher.update(format!(
            "narration {slug} {locale} {} {} {:?} {}\n",
            sidecar.source_hash, sidecar.narrator, sidecar.reviewed_by, sidecar.machine
        ));
        let mut narration = Narration {
            lesson: None,
            questions: BTreeMap::new(),
            narrator: sidecar.narrator,
            reviewed_by: sidecar.reviewed_by,
            machine: sidecar.machine,
            source_hash: sidecar.source_hash,
            stale: false,
        };
        for (part, files) in group.parts {
            if files.len() > 1 {
                let names: Vec<String> =
                    files.iter().map(|(p, _)| p.display().to_string()).collect();
                diags.push(
                    &files[1].0,
                    1,
                    1,
                    Code::NarrationIncomplete,
                    format!(
                        "two recordings of the same part: {}; keep one",
                        names.join(", ")
                    ),
                );
                continue;
            }
            let (path, ext) = &files[0];
            let Some(clip) = clip(path, ext, &part, &mut audio, hasher, diags) else {
                continue;
            };
            match part {
                Part::Lesson => narration.lesson = Some(clip),
                Part::Question(q) => {
                    narration.questions.insert(q, clip);
                }
            }
        }
        let read = if locale == Locale::SOURCE {
            Some(&lesson.source_hash)
        } else {
            read_hashes
                .get(&(slug.clone(), locale))
                .or(Some(&lesson.source_hash))
        };
        if read.is_some_and(|h| *h != narration.source_hash) {
            narration.stale = true;
            diags.push(&sidecar_path, 1, 1, Code::StaleNarration, format!("the text read aloud changed after this narration was recorded (source_hash {} is not {}): record it again, or put the new hash in if the change is not heard", narration.source_hash, read.map_or("", |h| h.as_str())));
        }
        if narration.lesson.is_some() || !narration.questions.is_empty() {
            lesson.narrations.insert(locale, narration);
        }
    }
    audio.into_values().collect()
}

/// Probes one file and keeps its bytes for the bundle (once, however often it is used).
fn clip(
    path: &Path,
    ext: &str,
    part: &Part,
    audio: &mut BTreeMap<String, AudioFile>,
    hasher: &mut Sha256,
    diags: &mut Diagnostics,
) -> Option<Clip> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                path,
                1,
                1,
                Code::NarrationUndecodable,
                format!("cannot read the file: {e}"),
            );
            return None;
        }
    };
    let probe = match probe::probe(&bytes, ext) {
        Ok(p) => p,
        Err(ProbeError::Undecodable(m)) => {
            diags.push(path, 1, 1, Code::NarrationUndecodable, m);
            return None;
        }
        Err(ProbeError::Mislabelled(m)) => {
            diags.push(path, 1, 1, Code::NarrationMislabelled, m);
            return None;
        }
    };
    let limit = if *part == Part::Lesson {
        MAX_LESSON_MS
    } else {
        MAX_QUESTION_MS
    };
    if probe.duration_ms > limit {
        diags.push(
            path,
            1,
            1,
            Code::NarrationTooLong,
            format!(
                "the recording lasts {}, longer than the {} a {} may last: is it the right file?",
                minutes(probe.duration_ms),
                minutes(limit),
                if *part == Part::Lesson {
                    "lesson's narration"
                } else {
                    "question's clip"
                }
            ),
        );
        return None;
    }
    if probe.kbit_per_s() > BUDGET_KBIT_PER_S {
        diags.push(path, 1, 1, Code::NarrationOverBudget, format!("{} kbit/s is over the {BUDGET_KBIT_PER_S} kbit/s budget for phones on mobile data ({} KB for {}): re-encode it with `opusenc --bitrate 24 --downmix-mono`", probe.kbit_per_s(), probe.bytes / 1024, minutes(probe.duration_ms)));
    }
    let hash = hex::encode(Sha256::digest(&bytes));
    hasher.update(format!("audio {hash}\n"));
    let name = format!("{}.{}", &hash[..16], probe.container.extension(probe.codec));
    let content_type = probe.container.content_type().to_string();
    audio.entry(name.clone()).or_insert_with(|| AudioFile {
        name: name.clone(),
        content_type: content_type.clone(),
        bytes: bytes.into(),
    });
    Some(Clip {
        file: name,
        content_type,
        codec: probe.codec,
        duration_ms: probe.duration_ms,
        bytes: probe.bytes,
        sample_rate: probe.sample_rate,
        channels: probe.channels,
    })
}

fn minutes(ms: u64) -> String {
    format!("{}:{:02}", ms / 60_000, (ms / 1000) % 60)
}

/// Groups the narration files of a course folder by (lesson, locale), reporting names that
/// cannot be right (unknown locale, lesson or question).
fn scan(
    dir: &Path,
    lessons: &[Lesson],
    diags: &mut Diagnostics,
) -> BTreeMap<(String, Locale), Group> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let mut groups: BTreeMap<(String, Locale), Group> = BTreeMap::new();
    for path in names {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if let Some(stem) = name.strip_suffix(SIDECAR_SUFFIX) {
            match stem.rsplit_once('.').map(|(s, l)| (s, Locale::parse(l))) {
                Some((slug, Ok(locale))) if lessons.iter().any(|l| l.slug == slug) => {
                    groups.entry((slug.to_string(), locale)).or_default().sidecar = Some(path.clone());
                }
                Some((slug, Ok(_))) => diags.push(&path, 1, 1, Code::OrphanNarration, format!("narration of lesson `{slug}`, which does not exist: there is no `{slug}.md` in the course")),
                Some((_, Err(e))) => diags.push(&path, 1, 1, Code::UnsupportedLocale, format!("narration `{name}`: {e}")),
                None => diags.push(&path, 1, 1, Code::UnsupportedLocale, format!("`{name}` does not say its language: name it `<lesson>.<locale>{SIDECAR_SUFFIX}`")),
            }
            continue;
        }
        let Some(parsed) = parse_name(name) else {
            continue;
        };
        let (slug, locale, part, ext) = match parsed {
            Ok(p) => p,
            Err((code, message)) => {
                diags.push(&path, 1, 1, code, message);
                continue;
            }
        };
        let Some(lesson) = lessons.iter().find(|l| l.slug == slug) else {
            diags.push(&path, 1, 1, Code::OrphanNarration, format!("narration of lesson `{slug}`, which does not exist: there is no `{slug}.md` in the course"));
            continue;
        };
        if let Part::Question(q) = &part {
            let questions = lesson.source().map_or(0, |t| t.quiz.len());
            if !lesson
                .source()
                .is_some_and(|t| t.quiz.iter().any(|x| x.id == *q))
            {
                diags.push(&path, 1, 1, Code::OrphanNarration, format!("clip for question `{q}`, but lesson `{slug}` has {questions} question(s) (q1 is the first)"));
                continue;
            }
        }
        groups
            .entry((slug, locale))
            .or_default()
            .parts
            .entry(part)
            .or_default()
            .push((path, ext));
    }
    groups
}

#[cfg(test)]
mod tests;
