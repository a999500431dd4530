//! `releases.toml`: versions already released and the content hash of each.

use super::*;

/// `releases.toml` records each released version's content hash; see content/README.md.
pub(super) fn check_release(
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
