//! What `serve` prepares before it listens: the data folder, the courses (compiled now or
//! loaded from bundles), the site with its page cache.

use crate::Config;
use crate::site::{self, Site, session};
use hocvu_content::{CompileOptions, Loaded};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Store(#[from] hocvu_store::StoreError),
    #[error(transparent)]
    SessionKey(#[from] session::KeyError),
    #[error("certificate keys: {0}")]
    CertificateKeys(#[from] hocvu_certs::KeyError),
    #[error("cannot use data directory {path}: {source}")]
    DataDir {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot load bundles: {0}")]
    Bundles(#[from] hocvu_content::BundleError),
    #[error("cannot compile courses: {0}")]
    Build(#[from] hocvu_content::BuildError),
    #[error(
        "the courses in {dir} have {errors} error(s); run `hocvu check --content {dir}`:\n{first}"
    )]
    Content {
        dir: String,
        errors: usize,
        first: String,
    },
    #[error("interface strings: {0}")]
    I18n(#[from] hocvu_i18n::I18nError),
    #[error(transparent)]
    Site(#[from] site::SiteError),
    #[error("{0}")]
    Setting(String),
    #[error("--watch is for authors previewing sources: it cannot be used with --bundles")]
    WatchWithBundles,
    #[error("--watch: {0}")]
    Watch(String),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
}

/// Courses from `bundles` (a dist/ folder) or compiled now from `content`.
pub fn load_courses(config: &Config) -> Result<Vec<Loaded>, StartError> {
    if let Some(dir) = &config.bundles {
        return Ok(hocvu_content::bundle::load_dir(dir)?);
    }
    let (courses, diags) = hocvu_content::compile_all(&config.content, &CompileOptions::default())?;
    let dir = config.content.display().to_string();
    if diags.has_errors() {
        let errors = diags.error_count();
        let first: Vec<String> = diags
            .into_sorted()
            .iter()
            .filter(|d| d.severity() == hocvu_content::Severity::Error)
            .take(10)
            .map(|d| d.to_string())
            .collect();
        return Err(StartError::Content {
            dir,
            errors,
            first: first.join("\n"),
        });
    }
    for d in diags.items() {
        tracing::warn!("{d}");
    }
    let encoded = hocvu_content::encode_all(&courses)?;
    Ok(courses
        .into_iter()
        .zip(encoded)
        .map(|(c, (entry, _))| Loaded {
            entry,
            bundle: c.bundle,
        })
        .collect())
}

pub fn load_site(config: &Config) -> Result<Site, StartError> {
    let courses = load_courses(config)?;
    let i18n = hocvu_i18n::I18n::load(Some(&config.locales_dir))?;
    Ok(Site::build(
        courses,
        i18n,
        &config.themes_dir,
        &config.theme,
        config.service_worker,
        config.public_url.clone(),
    )?)
}

pub fn prepare_data_dir(config: &Config) -> Result<(), StartError> {
    let err = |source| StartError::DataDir {
        path: config.data_dir.clone(),
        source,
    };
    std::fs::create_dir_all(&config.data_dir).map_err(err)?;
    let probe = config.data_dir.join(".write-test");
    std::fs::write(&probe, b"ok").map_err(err)?;
    std::fs::remove_file(&probe).map_err(err)?;
    // Read by `hocvu restore`, which must not replace the data under a running server.
    std::fs::write(pid_file(&config.data_dir), std::process::id().to_string()).map_err(err)
}

/// `DATA_DIR/hocvu.pid`: the process id of the server using that folder.
pub fn pid_file(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("hocvu.pid")
}

/// The process id of a hocvu server still running on `data_dir`, if any. A pid file left by
/// a killed server names a process that is gone (or is not hocvu) and counts for nothing.
pub fn running_server(data_dir: &std::path::Path) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(pid_file(data_dir))
        .ok()?
        .trim()
        .parse()
        .ok()?;
    if pid == std::process::id() {
        return None;
    }
    let proc = std::path::Path::new("/proc");
    if !proc.is_dir() {
        return Some(pid); // cannot tell: assume it runs
    }
    let cmdline = std::fs::read(proc.join(pid.to_string()).join("cmdline")).ok()?;
    String::from_utf8_lossy(&cmdline)
        .contains("hocvu")
        .then_some(pid)
}
