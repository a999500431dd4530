//! Themes: `themes/default` is embedded in the binary; `themes/<name>/` on disk overrides any
//! file of it, one file at a time. A broken template fails at start with its file and line.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DEFAULT: &str = "default";
pub const TEMPLATES: &[&str] = &[
    "base.html",
    "catalogue.html",
    "course.html",
    "lesson.html",
    "error.html",
    "register.html",
    "login.html",
    "learning.html",
    "account.html",
    "certificate.html",
    "verify.html",
    "offline.html",
    "manage.html",
    "unit.html",
    "codes.html",
    "citizens.html",
    "monthly.html",
    "roles.html",
    "activate.html",
    "certificates-admin.html",
    "required.html",
    "facilitate.html",
    "session.html",
    "session-sheet.html",
    "checkin.html",
    "checked-in.html",
    "unit-sessions.html",
    "facilitators.html",
    "translate.html",
    "translate-lesson.html",
    "translate-strings.html",
    "share.html",
    "poster.html",
    "handout.html",
    "letters.html",
    "listen.html",
    "narrate.html",
    "narrate-lesson.html",
];
const STATIC_FILES: [&str; 3] = ["style.css", "theme.css", "icon.svg"];

/// Files shipped inside the binary: `(theme, path under the theme folder, contents)`.
const EMBEDDED: &[(&str, &str, &str)] = &[
    (
        "default",
        "templates/translate.html",
        include_str!("../../../../themes/default/templates/translate.html"),
    ),
    (
        "default",
        "templates/translate-strings.html",
        include_str!("../../../../themes/default/templates/translate-strings.html"),
    ),
    (
        "default",
        "templates/translate-lesson.html",
        include_str!("../../../../themes/default/templates/translate-lesson.html"),
    ),
    (
        "default",
        "templates/base.html",
        include_str!("../../../../themes/default/templates/base.html"),
    ),
    (
        "default",
        "templates/catalogue.html",
        include_str!("../../../../themes/default/templates/catalogue.html"),
    ),
    (
        "default",
        "templates/course.html",
        include_str!("../../../../themes/default/templates/course.html"),
    ),
    (
        "default",
        "templates/share.html",
        include_str!("../../../../themes/default/templates/share.html"),
    ),
    (
        "default",
        "templates/poster.html",
        include_str!("../../../../themes/default/templates/poster.html"),
    ),
    (
        "default",
        "templates/handout.html",
        include_str!("../../../../themes/default/templates/handout.html"),
    ),
    (
        "default",
        "templates/lesson.html",
        include_str!("../../../../themes/default/templates/lesson.html"),
    ),
    (
        "default",
        "templates/error.html",
        include_str!("../../../../themes/default/templates/error.html"),
    ),
    (
        "default",
        "templates/register.html",
        include_str!("../../../../themes/default/templates/register.html"),
    ),
    (
        "default",
        "templates/login.html",
        include_str!("../../../../themes/default/templates/login.html"),
    ),
    (
        "default",
        "templates/learning.html",
        include_str!("../../../../themes/default/templates/learning.html"),
    ),
    (
        "default",
        "templates/account.html",
        include_str!("../../../../themes/default/templates/account.html"),
    ),
    (
        "default",
        "templates/certificate.html",
        include_str!("../../../../themes/default/templates/certificate.html"),
    ),
    (
        "default",
        "templates/verify.html",
        include_str!("../../../../themes/default/templates/verify.html"),
    ),
    (
        "default",
        "templates/offline.html",
        include_str!("../../../../themes/default/templates/offline.html"),
    ),
    (
        "default",
        "templates/manage.html",
        include_str!("../../../../themes/default/templates/manage.html"),
    ),
    (
        "default",
        "templates/unit.html",
        include_str!("../../../../themes/default/templates/unit.html"),
    ),
    (
        "default",
        "templates/codes.html",
        include_str!("../../../../themes/default/templates/codes.html"),
    ),
    (
        "default",
        "templates/citizens.html",
        include_str!("../../../../themes/default/templates/citizens.html"),
    ),
    (
        "default",
        "templates/monthly.html",
        include_str!("../../../../themes/default/templates/monthly.html"),
    ),
    (
        "default",
        "templates/roles.html",
        include_str!("../../../../themes/default/templates/roles.html"),
    ),
    (
        "default",
        "templates/activate.html",
        include_str!("../../../../themes/default/templates/activate.html"),
    ),
    (
        "default",
        "templates/certificates-admin.html",
        include_str!("../../../../themes/default/templates/certificates-admin.html"),
    ),
    (
        "default",
        "templates/required.html",
        include_str!("../../../../themes/default/templates/required.html"),
    ),
    (
        "default",
        "templates/facilitate.html",
        include_str!("../../../../themes/default/templates/facilitate.html"),
    ),
    (
        "default",
        "templates/session.html",
        include_str!("../../../../themes/default/templates/session.html"),
    ),
    (
        "default",
        "templates/session-sheet.html",
        include_str!("../../../../themes/default/templates/session-sheet.html"),
    ),
    (
        "default",
        "templates/checkin.html",
        include_str!("../../../../themes/default/templates/checkin.html"),
    ),
    (
        "default",
        "templates/checked-in.html",
        include_str!("../../../../themes/default/templates/checked-in.html"),
    ),
    (
        "default",
        "templates/unit-sessions.html",
        include_str!("../../../../themes/default/templates/unit-sessions.html"),
    ),
    (
        "default",
        "templates/facilitators.html",
        include_str!("../../../../themes/default/templates/facilitators.html"),
    ),
    (
        "default",
        "templates/letters.html",
        include_str!("../../../../themes/default/templates/letters.html"),
    ),
    (
        "default",
        "templates/listen.html",
        include_str!("../../../../themes/default/templates/listen.html"),
    ),
    (
        "default",
        "templates/narrate.html",
        include_str!("../../../../themes/default/templates/narrate.html"),
    ),
    (
        "default",
        "templates/narrate-lesson.html",
        include_str!("../../../../themes/default/templates/narrate-lesson.html"),
    ),
    (
        "default",
        "static/style.css",
        include_str!("../../../../themes/default/static/style.css"),
    ),
    (
        "default",
        "static/theme.css",
        include_str!("../../../../themes/default/static/theme.css"),
    ),
    (
        "default",
        "static/icon.svg",
        include_str!("../../../../themes/default/static/icon.svg"),
    ),
    (
        "large-text",
        "static/theme.css",
        include_str!("../../../../themes/large-text/static/theme.css"),
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("theme `{0}` does not exist (themes: {1})")]
    Unknown(String, String),
    #[error("theme name `{0}` may use only a-z, 0-9 and -")]
    BadName(String),
}

/// One file of a theme and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub origin: String,
    pub text: String,
}

/// A theme's resolved files.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    pub templates: BTreeMap<&'static str, ThemeFile>,
    /// style.css followed by the theme's theme.css, served as one content-hashed file.
    pub css: String,
    pub icon: String,
}

impl Theme {
    pub fn css_name(&self) -> String {
        format!("{}-{}.css", self.name, short_hash(self.css.as_bytes()))
    }

    pub fn icon_name(&self) -> String {
        format!("icon-{}.svg", short_hash(self.icon.as_bytes()))
    }
}

pub fn short_hash(bytes: &[u8]) -> String {
    hex::encode(&Sha256::digest(bytes)[..6])
}

/// Theme names: the embedded ones plus every folder of `dir`.
pub fn available(dir: &Path) -> Result<Vec<String>, ThemeError> {
    let mut names: Vec<String> = EMBEDDED.iter().map(|(t, _, _)| t.to_string()).collect();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if entry.path().is_dir() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    return Err(ThemeError::BadName(name));
                }
                names.push(name);
            }
        }
    }
    names.sort();
    names.dedup();
    // The default theme first: it is what new visitors get unless configured otherwise.
    names.sort_by_key(|n| n != DEFAULT);
    Ok(names)
}

/// Resolves each file: `dir/<name>/F`, else the embedded `<name>/F`, else `dir/default/F`,
/// else the embedded default.
pub fn load(dir: &Path, name: &str) -> Result<Theme, ThemeError> {
    let names = available(dir)?;
    if !names.iter().any(|n| n == name) {
        return Err(ThemeError::Unknown(name.to_string(), names.join(", ")));
    }
    let file = |rel: &str| -> Result<ThemeFile, ThemeError> {
        for theme in [name, DEFAULT] {
            let path = dir.join(theme).join(rel);
            if path.is_file() {
                let text = std::fs::read_to_string(&path).map_err(|source| ThemeError::Io {
                    path: path.clone(),
                    source,
                })?;
                return Ok(ThemeFile {
                    origin: path.display().to_string(),
                    text,
                });
            }
            if let Some((_, _, text)) = EMBEDDED.iter().find(|(t, p, _)| *t == theme && *p == rel) {
                return Ok(ThemeFile {
                    origin: format!("(embedded) themes/{theme}/{rel}"),
                    text: text.to_string(),
                });
            }
        }
        Err(ThemeError::Io {
            path: dir.join(name).join(rel),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "not in the theme nor the default theme",
            ),
        })
    };
    let mut templates = BTreeMap::new();
    for &t in TEMPLATES {
        templates.insert(t, file(&format!("templates/{t}"))?);
    }
    let mut statics = BTreeMap::new();
    for s in STATIC_FILES {
        statics.insert(s, file(&format!("static/{s}"))?.text);
    }
    Ok(Theme {
        name: name.to_string(),
        templates,
        css: format!("{}\n{}", statics["style.css"], statics["theme.css"]),
        icon: statics["icon.svg"].clone(),
    })
}
