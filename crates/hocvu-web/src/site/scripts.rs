//! The site's scripts: optional helpers on top of pages that work without them (progressive
//! enhancement). Each is served as one content-hashed file under `/static/` (immutable
//! caching), made by joining its parts, so code shared with the service worker is written once.
//! The CSP allows `script-src 'self'` only: no inline script, no inline event handlers.
//!
//! To add one: put the file in `crates/hocvu-web/scripts/`, add a line to [`SCRIPTS`], and in a
//! template `<script defer src="{{ assets.scripts.NAME }}"></script>`.

use crate::site::theme::short_hash;

/// Name and parts of every page script.
pub const SCRIPTS: &[(&str, &[&str])] = &[
    (
        "offline",
        &[
            include_str!("../../scripts/queue.js"),
            include_str!("../../scripts/offline.js"),
        ],
    ),
    ("letters", &[include_str!("../../scripts/letters.js")]),
    ("record", &[include_str!("../../scripts/record.js")]),
    // Development only: served and linked under `hocvu serve --watch` alone (see WATCHING).
    ("watch", &[include_str!("../../scripts/watch.js")]),
];

/// Set by `serve --watch` before the site is built: only then does the `watch` script exist.
pub static WATCHING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The service worker's code (the server adds the build and the shell's files in front).
pub const SERVICE_WORKER: &[&str] = &[
    include_str!("../../scripts/queue.js"),
    include_str!("../../scripts/sw.js"),
];

pub struct Script {
    pub name: &'static str,
    pub file: String,
    pub source: String,
}

/// Every page script with its hashed file name.
pub fn all() -> Vec<Script> {
    let watching = WATCHING.load(std::sync::atomic::Ordering::Relaxed);
    SCRIPTS
        .iter()
        .filter(|(name, _)| *name != "watch" || watching)
        .map(|(name, parts)| {
            let source = compact(&parts.concat());
            Script {
                name,
                file: format!("{name}-{}.js", short_hash(source.as_bytes())),
                source,
            }
        })
        .collect()
}

/// The service worker's code as served.
pub fn service_worker() -> String {
    compact(&SERVICE_WORKER.concat())
}

/// The source without indentation, blank lines and whole-line `//` comments: a third fewer
/// bytes to download, and the file stays readable. (The scripts never put a line break inside
/// a string, so every line can be trimmed.)
fn compact(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    for line in source.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// `name → /static/file` for the templates' `assets.scripts`.
pub fn urls() -> serde_json::Map<String, serde_json::Value> {
    all()
        .into_iter()
        .map(|s| (s.name.to_string(), format!("/static/{}", s.file).into()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_has_a_distinct_hashed_name() {
        let all = all();
        assert!(!all.is_empty());
        for s in &all {
            assert!(s.file.starts_with(s.name) && s.file.ends_with(".js"));
            assert!(!s.source.contains("<script"), "{}", s.name);
        }
        let mut files: Vec<&str> = all.iter().map(|s| s.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        assert_eq!(files.len(), all.len());
        assert!(service_worker().contains("addEventListener('fetch'"));
    }

    #[test]
    fn compacting_keeps_code_and_drops_comments_and_indentation() {
        let src = "// a comment\n  const a = 'http://x'; // kept: not a whole line\n\n    if (a) {\n      f();\n    }\n";
        assert_eq!(
            compact(src),
            "const a = 'http://x'; // kept: not a whole line\nif (a) {\nf();\n}\n"
        );
    }
}
