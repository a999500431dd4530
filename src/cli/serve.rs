//! `hocvu serve`: configuration from file, environment and flags, then the web app.

use clap::Args;
use hocvu_web::Config;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ServeArgs {
    /// Configuration file (TOML; `hocvu config sample` prints one). Env: HOCVU_CONFIG.
    #[arg(long, env = "HOCVU_CONFIG")]
    config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:8080].
    #[arg(long)]
    bind: Option<String>,
    /// Folder for all state (database, keys, generated files) [default: data].
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Course sources to compile at start [default: content].
    #[arg(long, conflicts_with = "bundles")]
    content: Option<PathBuf>,
    /// Load a `hocvu build` output folder instead of compiling sources.
    #[arg(long)]
    bundles: Option<PathBuf>,
    /// Development: recompile on every change of the content folder and reload open pages.
    #[arg(long, conflicts_with = "bundles")]
    watch: bool,
    /// Theme for visitors who have not chosen one [default: default].
    #[arg(long)]
    theme: Option<String>,
    /// Folder of theme overrides [default: themes].
    #[arg(long)]
    themes_dir: Option<PathBuf>,
    /// Folder of interface-string overrides [default: locales].
    #[arg(long)]
    locales_dir: Option<PathBuf>,
    /// HTTP worker threads; 0 = one per core.
    #[arg(long)]
    workers: Option<usize>,
    /// Database URL: postgres://… for several servers [default: SQLite file in the data dir].
    #[arg(long)]
    database: Option<String>,
    /// Session signing key file, shared by servers on one database [default: DATA_DIR/session.key].
    #[arg(long)]
    session_key_file: Option<PathBuf>,
    /// Issuer name printed on and signed into certificates.
    #[arg(long)]
    certificate_issuer: Option<String>,
    /// Certificate signing keys, shared by servers on one database [default: DATA_DIR/certificate-keys].
    #[arg(long)]
    certificate_key_dir: Option<PathBuf>,
    /// The site's public address for certificate QR codes, e.g. https://hocvu.example.
    #[arg(long)]
    public_url: Option<String>,
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::load(args.config.as_deref(), |k| std::env::var(k).ok())?;
    let flags: [(&str, Option<String>); 14] = [
        ("watch", args.watch.then(|| "true".to_string())),
        ("certificate_issuer", args.certificate_issuer),
        (
            "certificate_key_dir",
            args.certificate_key_dir.map(|p| p.display().to_string()),
        ),
        ("public_url", args.public_url),
        ("database_url", args.database),
        (
            "session_key_file",
            args.session_key_file.map(|p| p.display().to_string()),
        ),
        ("bind", args.bind),
        ("data_dir", args.data_dir.map(|p| p.display().to_string())),
        ("content", args.content.map(|p| p.display().to_string())),
        ("bundles", args.bundles.map(|p| p.display().to_string())),
        ("theme", args.theme),
        (
            "themes_dir",
            args.themes_dir.map(|p| p.display().to_string()),
        ),
        (
            "locales_dir",
            args.locales_dir.map(|p| p.display().to_string()),
        ),
        ("workers", args.workers.map(|w| w.to_string())),
    ];
    for (field, value) in flags {
        if let Some(value) = value {
            config.set(field, &value).map_err(anyhow::Error::msg)?;
        }
    }
    init_logging(&config);
    hocvu_web::serve(config, |addrs, site| {
        for addr in addrs {
            println!(
                "hocvu {} listening on http://{addr} ({} courses)",
                env!("CARGO_PKG_VERSION"),
                site.courses.len()
            );
        }
        let _ = std::io::stdout().flush();
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Plain text on stderr, coloured only on a terminal (a journal or file gets no escape codes),
/// or JSON lines with `log_format = "json"`.
fn init_logging(config: &Config) {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if config.log_format == "json" {
        builder.json().init();
    } else {
        builder.with_ansi(std::io::stderr().is_terminal()).init();
    }
}
