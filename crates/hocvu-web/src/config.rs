//! Server configuration: one documented struct, read from a TOML file, then `HOCVU_*`
//! environment variables, then command-line flags (each overriding the one before).

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub bind: String,
    pub data_dir: PathBuf,
    pub content: PathBuf,
    pub bundles: Option<PathBuf>,
    pub theme: String,
    pub themes_dir: PathBuf,
    pub locales_dir: PathBuf,
    pub workers: usize,
    pub max_form_bytes: usize,
    pub database_url: Option<String>,
    pub session_key_file: Option<PathBuf>,
    pub certificate_issuer: String,
    pub certificate_key_dir: Option<PathBuf>,
    pub public_url: Option<String>,
    pub staff_target_percent: usize,
    pub staff_target_date: String,
    pub adults_target_percent: usize,
    pub adults_target_date: String,
    pub classes_per_commune: usize,
    pub sessions_per_village: usize,
    pub sessions_target_date: String,
    /// Development only: recompile `content` when a file changes and reload open pages.
    pub watch: bool,
    pub service_worker: bool,
    pub learner_cache_entries: usize,
    pub metrics_allow: String,
    pub log_format: String,
    pub log_requests: bool,
    pub guest_retention_days: u32,
}

/// Documentation of every field, printed by `hocvu config sample`; a test keeps it complete.
pub const FIELD_DOCS: &[(&str, &str, &str)] = &[
    (
        "bind",
        "HOCVU_BIND",
        "Address and port to listen on. Put a reverse proxy (TLS) in front for the Internet.",
    ),
    (
        "data_dir",
        "HOCVU_DATA_DIR",
        "Folder holding all state: the database, signing keys, generated files. Back it up.",
    ),
    (
        "content",
        "HOCVU_CONTENT",
        "Course sources, compiled at start (used unless `bundles` is set).",
    ),
    (
        "bundles",
        "HOCVU_BUNDLES",
        "A `hocvu build` output folder (dist/) to load instead of compiling `content`.",
    ),
    (
        "theme",
        "HOCVU_THEME",
        "Theme for visitors who have not chosen one: default or large-text (or a folder in themes_dir).",
    ),
    (
        "themes_dir",
        "HOCVU_THEMES_DIR",
        "Folder whose themes/<name>/ files override the embedded ones, file by file.",
    ),
    (
        "locales_dir",
        "HOCVU_LOCALES_DIR",
        "Folder whose <lang>/main.ftl files override the embedded interface strings.",
    ),
    (
        "workers",
        "HOCVU_WORKERS",
        "HTTP worker threads; 0 means one per CPU core.",
    ),
    (
        "max_form_bytes",
        "HOCVU_MAX_FORM_BYTES",
        "Largest accepted form submission, in bytes.",
    ),
    (
        "database_url",
        "DATABASE_URL",
        "Database: sqlite://FILE?mode=rwc or postgres://USER:PASS@HOST/DB. Default: hocvu.db in data_dir.",
    ),
    (
        "session_key_file",
        "HOCVU_SESSION_KEY_FILE",
        "Session signing key (created on first start, mode 0600). Servers sharing a database must share it. Default: data_dir/session.key.",
    ),
    (
        "certificate_issuer",
        "HOCVU_CERTIFICATE_ISSUER",
        "Name printed on and signed into certificates as their issuer, e.g. the provincial Department of Science and Technology.",
    ),
    (
        "certificate_key_dir",
        "HOCVU_CERTIFICATE_KEY_DIR",
        "Folder of Ed25519 certificate signing keys (mode 0600; `hocvu cert rotate-key` adds one). Servers sharing a database must share it. Default: data_dir/certificate-keys.",
    ),
    (
        "public_url",
        "HOCVU_PUBLIC_URL",
        "The site's address as learners reach it, e.g. https://hocvu.daklak.gov.vn; used in certificate and poster QR codes (default: the address of each request) and in link previews (og:url, og:image and their share pictures: none without it).",
    ),
    (
        "staff_target_percent",
        "HOCVU_STAFF_TARGET_PERCENT",
        "Reports: share of assigned civil-servant training to complete…",
    ),
    (
        "staff_target_date",
        "HOCVU_STAFF_TARGET_DATE",
        "…by this date (YYYY-MM-DD).",
    ),
    (
        "adults_target_percent",
        "HOCVU_ADULTS_TARGET_PERCENT",
        "Reports: share of a commune's adults (from the units file) to hold a certificate…",
    ),
    (
        "adults_target_date",
        "HOCVU_ADULTS_TARGET_DATE",
        "…by this date (YYYY-MM-DD).",
    ),
    (
        "classes_per_commune",
        "HOCVU_CLASSES_PER_COMMUNE",
        "Reports: classes each commune or ward holds (the 2026 plan: at least 5)…",
    ),
    (
        "sessions_per_village",
        "HOCVU_SESSIONS_PER_VILLAGE",
        "…and guidance sessions each village holds (the plan: at least 10)…",
    ),
    (
        "sessions_target_date",
        "HOCVU_SESSIONS_TARGET_DATE",
        "…by this date (YYYY-MM-DD).",
    ),
    (
        "watch",
        "HOCVU_WATCH",
        "Development only: recompile the content folder on every change and reload open pages (not with `bundles`).",
    ),
    (
        "service_worker",
        "HOCVU_SERVICE_WORKER",
        "Offline learning on phones (service worker). false is the kill switch: phones that have the worker drop it and its saved pages on their next visit; answers waiting on a phone are kept and still sent.",
    ),
    (
        "learner_cache_entries",
        "HOCVU_LEARNER_CACHE_ENTRIES",
        "Signed-in learners whose state each server keeps in memory (least recently seen go first; ~1-3 KB each).",
    ),
    (
        "guest_retention_days",
        "HOCVU_GUEST_RETENTION_DAYS",
        "Guests (visitors who answered without an account) idle this many days and holding no certificate are removed with their progress, once a day; 0 keeps them.",
    ),
    (
        "metrics_allow",
        "HOCVU_METRICS_ALLOW",
        "Addresses or networks allowed to read /metrics (Prometheus), separated by commas, e.g. \"127.0.0.1, 10.0.0.0/8\". The connecting address counts, never a forwarded header.",
    ),
    (
        "log_format",
        "HOCVU_LOG_FORMAT",
        "Server log on stderr: text (colours only on a terminal) or json (one JSON object a line). Detail: RUST_LOG, e.g. info or warn.",
    ),
    (
        "log_requests",
        "HOCVU_LOG_REQUESTS",
        "One info line per request (method, path, status, milliseconds); the proxy's access log usually does this.",
    ),
];

impl Default for Config {
    fn default() -> Self {
        Config {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("data"),
            content: PathBuf::from("content"),
            bundles: None,
            theme: "default".into(),
            themes_dir: PathBuf::from("themes"),
            locales_dir: PathBuf::from("locales"),
            workers: 0,
            max_form_bytes: 16 * 1024,
            database_url: None,
            session_key_file: None,
            certificate_issuer: UNCONFIGURED_ISSUER.into(),
            certificate_key_dir: None,
            public_url: None,
            // The province's 2026 plan: every civil servant trained by 30/11/2026, 80% of adults
            // certified in basic digital skills by the end of the year.
            staff_target_percent: 100,
            staff_target_date: "2026-11-30".into(),
            adults_target_percent: 80,
            adults_target_date: "2026-12-31".into(),
            classes_per_commune: 5,
            sessions_per_village: 10,
            sessions_target_date: "2026-06-30".into(),
            watch: false,
            service_worker: true,
            learner_cache_entries: crate::site::learner_cache::DEFAULT_ENTRIES,
            metrics_allow: "127.0.0.1, ::1".into(),
            log_format: "text".into(),
            log_requests: false,
            guest_retention_days: hocvu_store::maintenance::GUEST_RETENTION_DAYS,
        }
    }
}

/// The issuer until an operator names one: says so on every certificate rather than pretend.
pub const UNCONFIGURED_ISSUER: &str = "hocvu (chưa cấu hình đơn vị cấp / issuer not configured)";

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("environment variable {var}: {message}")]
    Env { var: String, message: String },
}

impl Config {
    pub fn database_url(&self) -> String {
        self.database_url
            .clone()
            .unwrap_or_else(|| hocvu_store::Store::sqlite_url(&self.data_dir))
    }

    pub fn session_key_file(&self) -> PathBuf {
        self.session_key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("session.key"))
    }

    pub fn certificate_key_dir(&self) -> PathBuf {
        self.certificate_key_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("certificate-keys"))
    }

    /// Defaults, then the file (if any), then environment variables.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let mut config = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                })?;
                toml::from_str(&text).map_err(|e| ConfigError::Parse {
                    path: path.to_path_buf(),
                    message: e.to_string().trim().replace('\n', " "),
                })?
            }
            None => Config::default(),
        };
        for (field, var, _) in FIELD_DOCS {
            let Some(value) = env(var) else { continue };
            config
                .set(field, &value)
                .map_err(|message| ConfigError::Env {
                    var: var.to_string(),
                    message,
                })?;
        }
        Ok(config)
    }

    /// Sets one field from its text form (environment variables and flags).
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), String> {
        let number = |v: &str| {
            v.parse::<usize>()
                .map_err(|_| format!("`{v}` is not a whole number"))
        };
        match field {
            "bind" => self.bind = value.to_string(),
            "data_dir" => self.data_dir = value.into(),
            "content" => self.content = value.into(),
            "bundles" => self.bundles = Some(value.into()),
            "theme" => self.theme = value.to_string(),
            "themes_dir" => self.themes_dir = value.into(),
            "locales_dir" => self.locales_dir = value.into(),
            "workers" => self.workers = number(value)?,
            "max_form_bytes" => self.max_form_bytes = number(value)?,
            "database_url" => self.database_url = Some(value.to_string()),
            "session_key_file" => self.session_key_file = Some(value.into()),
            "certificate_issuer" => self.certificate_issuer = value.trim().to_string(),
            "certificate_key_dir" => self.certificate_key_dir = Some(value.into()),
            "public_url" => self.public_url = Some(value.trim_end_matches('/').to_string()),
            "staff_target_percent" => self.staff_target_percent = number(value)?,
            "adults_target_percent" => self.adults_target_percent = number(value)?,
            "staff_target_date" => self.staff_target_date = value.to_string(),
            "adults_target_date" => self.adults_target_date = value.to_string(),
            "classes_per_commune" => self.classes_per_commune = number(value)?,
            "sessions_per_village" => self.sessions_per_village = number(value)?,
            "sessions_target_date" => self.sessions_target_date = value.to_string(),
            "learner_cache_entries" => self.learner_cache_entries = number(value)?,
            "watch" => {
                self.watch = match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(format!("watch: `{value}` is not true or false")),
                }
            }
            "service_worker" => {
                self.service_worker = match value {
                    "true" | "on" | "1" => true,
                    "false" | "off" | "0" => false,
                    _ => return Err(format!("`{value}` is not true or false")),
                }
            }
            "metrics_allow" => self.metrics_allow = value.to_string(),
            "guest_retention_days" => {
                self.guest_retention_days = value
                    .parse()
                    .map_err(|_| format!("`{value}` is not a whole number of days"))?
            }
            "log_format" => match value {
                "text" | "json" => self.log_format = value.to_string(),
                _ => return Err(format!("log_format: `{value}` is not text or json")),
            },
            "log_requests" => {
                self.log_requests = match value {
                    "true" | "1" => true,
                    "false" | "0" => false,
                    _ => return Err(format!("log_requests: `{value}` is not true or false")),
                }
            }
            _ => return Err(format!("unknown setting `{field}`")),
        }
        Ok(())
    }

    /// A commented TOML file with every setting at its default.
    pub fn sample() -> String {
        let defaults = toml::Table::try_from(Config::default()).unwrap_or_default();
        let mut out = String::from(
            "# hocvu configuration. Every setting is optional; shown with its default.\n# Precedence: this file < environment variables < command-line flags.\n",
        );
        for (field, var, doc) in FIELD_DOCS {
            out.push_str(&format!("\n# {doc}\n# Environment: {var}\n"));
            match defaults.get(*field) {
                Some(v) => out.push_str(&format!("{field} = {v}\n")),
                None => out.push_str(&format!("# {field} = \"…\"\n")),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_is_documented_and_settable() {
        let table = toml::Table::try_from(Config::default()).unwrap();
        for key in table.keys() {
            assert!(
                FIELD_DOCS.iter().any(|(f, _, _)| f == key),
                "`{key}` has no entry in FIELD_DOCS"
            );
        }
        for (field, _, _) in FIELD_DOCS {
            let mut c = Config::default();
            let value = if [
                "workers",
                "max_form_bytes",
                "staff_target_percent",
                "adults_target_percent",
                "classes_per_commune",
                "sessions_per_village",
                "learner_cache_entries",
                "guest_retention_days",
            ]
            .contains(field)
            {
                "3"
            } else if ["service_worker", "watch", "log_requests"].contains(field) {
                "false"
            } else if *field == "log_format" {
                "json"
            } else if *field == "service_worker" || *field == "watch" {
                "false"
            } else {
                "x"
            };
            c.set(field, value).unwrap();
        }
    }

    #[test]
    fn the_service_worker_kill_switch_takes_true_or_false_only() {
        let mut c = Config::default();
        assert!(c.service_worker);
        c.set("service_worker", "off").unwrap();
        assert!(!c.service_worker);
        let err = c.set("service_worker", "maybe").unwrap_err();
        assert!(err.contains("maybe"), "{err}");
        assert!(!c.service_worker, "a bad value changes nothing");
    }

    #[test]
    fn sample_parses_back_to_the_defaults() {
        let parsed: Config = toml::from_str(&Config::sample()).unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn file_then_env_override() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hocvu.toml");
        std::fs::write(&path, "bind = \"0.0.0.0:9000\"\ntheme = \"large-text\"\n").unwrap();
        let env = |k: &str| (k == "HOCVU_BIND").then(|| "127.0.0.1:7000".to_string());
        let c = Config::load(Some(&path), env).unwrap();
        assert_eq!(c.bind, "127.0.0.1:7000");
        assert_eq!(c.theme, "large-text");
    }

    #[test]
    fn unknown_keys_and_bad_numbers_are_clear_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hocvu.toml");
        std::fs::write(&path, "bnid = \"x\"\n").unwrap();
        let err = Config::load(Some(&path), |_| None).unwrap_err().to_string();
        assert!(err.contains("bnid"), "{err}");
        let err = Config::load(None, |k| (k == "HOCVU_WORKERS").then(|| "many".into()))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("HOCVU_WORKERS") && err.contains("many"),
            "{err}"
        );
    }
}
