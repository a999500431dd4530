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
];

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
    SCRIPTS
        .iter()
        .map(|(name, parts)| {
            let source = parts.concat();
            Script {
                name,
                file: format!("{name}-{}.js", short_hash(source.as_bytes())),
                source,
            }
        })
        .collect()
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
        files.dedup();
        assert_eq!(files.len(), all.len());
    }
}
