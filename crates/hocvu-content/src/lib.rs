//! hocvu-content: compiles Markdown courses (Vietnamese source + translations) into versioned,
//! deterministic course bundles, and reports author diagnostics with exact positions.
//!
//! It knows nothing of HTTP or SQL: the server only loads what this crate writes.

pub mod bundle;
pub mod course;
pub mod diag;
pub mod frontmatter;
pub mod glossary;
pub mod grading;
pub mod images;
pub mod locale;
pub mod markdown;
pub mod model;
pub mod narration;
pub mod readability;
pub mod source;
pub mod translation_file;
pub mod unit_diff;
pub mod units;

pub use bundle::{BundleError, Loaded};
pub use course::{CompileOptions, CompiledCourse};
pub use diag::{Code, Diagnostic, Diagnostics, Severity};
pub use locale::Locale;
pub use model::*;

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error("cannot read content folder {path}: {source}")]
    ContentDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{errors} error(s) in the content; nothing was written (run `hocvu check` for the list)"
    )]
    Invalid { errors: usize },
}

/// Compiles every course folder under `content_dir` (folders starting with `_` or `.` are not
/// courses). Returns what compiled, even partly, with every diagnostic.
pub fn compile_all(
    content_dir: &Path,
    options: &CompileOptions,
) -> Result<(Vec<CompiledCourse>, Diagnostics), BuildError> {
    let mut diags = Diagnostics::default();
    let mut courses: Vec<CompiledCourse> = Vec::new();
    let mut ids = CourseIds::default();
    let dirs = course_dirs(content_dir)?;
    let glossaries = glossary::load_all(content_dir, &mut diags);
    for (dir, compiled, course_diags) in compile_parallel(dirs, options, &glossaries) {
        diags.extend(course_diags);
        if let Some(compiled) = compiled
            && ids.claim(&compiled.bundle.course.id, &dir, &mut diags)
        {
            courses.push(compiled);
        }
    }
    Ok((courses, diags))
}

/// Course folders under `content_dir`, sorted; `_x` and `.x` folders are not courses.
fn course_dirs(content_dir: &Path) -> Result<Vec<PathBuf>, BuildError> {
    let read_err = |source| BuildError::ContentDir {
        path: content_dir.to_path_buf(),
        source,
    };
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(content_dir)
        .map_err(read_err)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('_') && !n.starts_with('.'))
        })
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Detects two folders declaring the same course id (E008).
#[derive(Default)]
struct CourseIds(BTreeMap<String, PathBuf>);

impl CourseIds {
    fn claim(&mut self, id: &str, dir: &Path, diags: &mut Diagnostics) -> bool {
        if let Some(other) = self.0.get(id) {
            diags.push(
                &dir.join(course::MANIFEST),
                1,
                1,
                Code::DuplicateId,
                format!("course id `{id}` is already used by {}", other.display()),
            );
            return false;
        }
        self.0.insert(id.to_string(), dir.to_path_buf());
        true
    }
}

type CourseResult = (PathBuf, Option<CompiledCourse>, Diagnostics);

/// Courses are independent: compile them on every core, keeping folder order in the result.
fn compile_parallel(
    dirs: Vec<PathBuf>,
    options: &CompileOptions,
    glossaries: &glossary::Glossaries,
) -> Vec<CourseResult> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(dirs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, CourseResult)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(dir) = dirs.get(i) else {
                            break;
                        };
                        let mut diags = Diagnostics::default();
                        let compiled = compile_dir(dir, options, glossaries, &mut diags);
                        done.push((i, (dir.clone(), compiled, diags)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

fn compile_dir(
    dir: &Path,
    options: &CompileOptions,
    glossaries: &glossary::Glossaries,
    diags: &mut Diagnostics,
) -> Option<CompiledCourse> {
    if !dir.join(course::MANIFEST).exists() {
        let has_lessons = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .any(|e| e.path().extension().is_some_and(|x| x == "md"))
            })
            .unwrap_or(false);
        if has_lessons {
            diags.push(&dir.join(course::MANIFEST), 1, 1, Code::NoManifest, "this folder has lessons but no course.toml (folders starting with `_` are ignored)");
        }
        return None;
    }
    course::compile_course(dir, options, glossaries, diags)
}

#[derive(Debug)]
pub struct BuildReport {
    pub index: Index,
    pub diagnostics: Vec<Diagnostic>,
    /// Bundle files actually (re)written; unchanged ones are left alone.
    pub written: Vec<PathBuf>,
}

/// Compiled bundles as bytes plus their index rows, without touching the disk.
pub fn encode_all(courses: &[CompiledCourse]) -> Result<Vec<(IndexEntry, Vec<u8>)>, BuildError> {
    courses.iter().map(encode_one).collect()
}

/// `hocvu build`: compile, then write bundles and `index.json` only if there is no error.
/// A course whose input files are byte-identical to the last build's is not compiled again:
/// its bundle and warnings are reused (see [`BuildCache`]).
pub fn build(
    content_dir: &Path,
    out_dir: &Path,
    options: &CompileOptions,
) -> Result<BuildReport, BuildError> {
    let write_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| BuildError::Write { path, source }
    };
    let dirs = course_dirs(content_dir)?;
    let cache_path = out_dir.join(CACHE_FILE);
    let old_cache = BuildCache::read(&cache_path, options);
    let mut new_cache = BuildCache::new(options);
    let mut diags = Diagnostics::default();
    let glossaries = glossary::load_all(content_dir, &mut diags);
    // Translations are checked against the glossaries: a changed glossary rebuilds every course.
    let glossary_inputs = input_hash(&content_dir.join(glossary::DIR)).unwrap_or_default();
    let mut reused = BTreeMap::new();
    let mut to_compile = Vec::new();
    for dir in dirs {
        let inputs = input_hash(&dir).map_err(|source| BuildError::ContentDir {
            path: dir.clone(),
            source,
        })? + &glossary_inputs;
        let key = dir.to_string_lossy().into_owned();
        match old_cache.courses.get(&key) {
            Some(c) if c.inputs == inputs && out_dir.join(&c.entry.file).is_file() => {
                reused.insert(dir, c.clone());
            }
            _ => to_compile.push(dir),
        }
        new_cache.courses.insert(key, CachedCourse::pending(inputs));
    }
    let mut compiled = BTreeMap::new();
    for (dir, course, course_diags) in compile_parallel(to_compile, options, &glossaries) {
        compiled.insert(dir.clone(), (course, course_diags.items().to_vec()));
        diags.extend(course_diags);
    }
    for cached in reused.values() {
        for d in &cached.warnings {
            diags.push(&d.path, d.line, d.col, d.code, d.message.clone());
        }
    }
    // Folder order decides which of two folders with the same id is reported.
    let mut ids = CourseIds::default();
    let mut rows: Vec<(PathBuf, Row)> = Vec::new();
    let mut dirs: Vec<PathBuf> = reused.keys().chain(compiled.keys()).cloned().collect();
    dirs.sort();
    for dir in dirs {
        if let Some(cached) = reused.remove(&dir) {
            if ids.claim(&cached.entry.course, &dir, &mut diags) {
                rows.push((dir, Row::Reused(cached)));
            }
        } else if let Some((Some(course), warnings)) = compiled.remove(&dir)
            && ids.claim(&course.bundle.course.id, &dir, &mut diags)
        {
            rows.push((dir, Row::Compiled(Box::new(course), warnings)));
        }
    }
    if diags.has_errors() {
        return Err(BuildError::Invalid {
            errors: diags.error_count(),
        });
    }
    std::fs::create_dir_all(out_dir).map_err(write_err(out_dir))?;
    let mut written = Vec::new();
    let mut entries = Vec::new();
    for (dir, row) in rows {
        let key = dir.to_string_lossy().into_owned();
        let cached = match row {
            Row::Reused(cached) => cached,
            Row::Compiled(course, warnings) => {
                let (entry, bytes) = encode_one(&course)?;
                let path = out_dir.join(&entry.file);
                if !std::fs::read(&path).is_ok_and(|old| old == bytes) {
                    write_atomic(&path, &bytes).map_err(write_err(&path))?;
                    written.push(path);
                }
                if course.new_release {
                    let c = &course.bundle.course;
                    course::record_release(&course.dir, &c.version, &c.content_hash)
                        .map_err(write_err(&course.dir.join(course::RELEASES)))?;
                }
                let inputs = new_cache
                    .courses
                    .get(&key)
                    .map(|c| c.inputs.clone())
                    .unwrap_or_default();
                CachedCourse {
                    // A release build changed releases.toml: the next build must look again.
                    inputs: if course.new_release {
                        String::new()
                    } else {
                        inputs
                    },
                    entry,
                    warnings: warnings
                        .into_iter()
                        .filter(|d| d.severity() == Severity::Warning)
                        .collect(),
                }
            }
        };
        entries.push(cached.entry.clone());
        new_cache.courses.insert(key, cached);
    }
    new_cache.courses.retain(|_, c| !c.entry.file.is_empty());
    let index = Index {
        format: BUNDLE_FORMAT,
        bundles: entries,
    };
    let index_path = out_dir.join(bundle::INDEX);
    write_json(&index_path, &index)?;
    // The cache only saves time: failing to write it must not fail the build.
    let _ = write_json(&cache_path, &new_cache);
    Ok(BuildReport {
        index,
        diagnostics: diags.into_sorted(),
        written,
    })
}

enum Row {
    Reused(CachedCourse),
    Compiled(Box<CompiledCourse>, Vec<Diagnostic>),
}

fn encode_one(course: &CompiledCourse) -> Result<(IndexEntry, Vec<u8>), BuildError> {
    let bytes = bundle::encode(&course.bundle).map_err(|source| BuildError::Write {
        path: PathBuf::from(bundle::file_name(
            &course.bundle.course.id,
            &course.bundle.course.version,
        )),
        source,
    })?;
    Ok((
        bundle::index_entry(&course.bundle, bundle::sha256_hex(&bytes)),
        bytes,
    ))
}

fn write_json<T: serde::Serialize>(path: &Path, value: &T) -> Result<(), BuildError> {
    let write_err = |source| BuildError::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut json =
        serde_json::to_vec_pretty(value).map_err(|e| write_err(std::io::Error::other(e)))?;
    json.push(b'\n');
    write_atomic(path, &json).map_err(write_err)
}

const CACHE_FILE: &str = ".hocvu-build-cache.json";

/// Per course folder: the hash of its input files and what building it gave. Valid only for the
/// same hocvu executable (a changed compiler may render differently) and the same options.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct BuildCache {
    salt: String,
    courses: BTreeMap<String, CachedCourse>,
}

#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct CachedCourse {
    inputs: String,
    entry: IndexEntry,
    warnings: Vec<Diagnostic>,
}

impl CachedCourse {
    fn pending(inputs: String) -> Self {
        CachedCourse {
            inputs,
            entry: IndexEntry {
                course: String::new(),
                version: String::new(),
                hash: String::new(),
                file: String::new(),
                audience: Audience::Citizen,
                title: BTreeMap::new(),
                lessons: 0,
                locales: BTreeMap::new(),
                narration: BTreeMap::new(),
            },
            warnings: Vec::new(),
        }
    }
}

impl BuildCache {
    fn salt(options: &CompileOptions) -> String {
        let exe = std::env::current_exe()
            .and_then(|p| p.metadata())
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        // The date is part of the salt: a cached course's W109 warnings hold for one day only.
        format!(
            "{}-{BUNDLE_FORMAT}-{exe}-release={}-today={:?}",
            env!("CARGO_PKG_VERSION"),
            options.release,
            options.today
        )
    }

    fn new(options: &CompileOptions) -> Self {
        BuildCache {
            salt: Self::salt(options),
            courses: BTreeMap::new(),
        }
    }

    fn read(path: &Path, options: &CompileOptions) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<BuildCache>(&b).ok())
            .filter(|c| c.salt == Self::salt(options))
            .unwrap_or_default()
    }
}

/// sha256 over every file below `dir` (relative path, length, bytes), in sorted order.
fn input_hash(dir: &Path) -> std::io::Result<String> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, files)?;
            } else {
                files.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    let mut hasher = Sha256::new();
    for file in files {
        let bytes = std::fs::read(&file)?;
        let rel = file.strip_prefix(dir).unwrap_or(&file);
        hasher.update(format!("{}\0{}\0", rel.display(), bytes.len()));
        hasher.update(&bytes);
    }
    Ok(hex::encode(hasher.finalize()))
}

/// Readers (a running server, a download) never see a half-written file.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}
