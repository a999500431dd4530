//! `hocvu backup` and `hocvu restore`: an SQLite deployment's database and keys in one file.

use super::cert::SiteArgs;
use anyhow::{Context, bail};
use hocvu_store::backup::{self, StateFile};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The SQLite file the configuration names; PostgreSQL is backed up with its own tools.
fn sqlite_file(config: &hocvu_web::Config) -> anyhow::Result<PathBuf> {
    let url = config.database_url();
    let Some(rest) = url.strip_prefix("sqlite://") else {
        bail!(
            "the database is PostgreSQL: back it up with pg_dump and restore with pg_restore \
             (README, Backups); copy the session key and certificate-keys folder yourself"
        );
    };
    Ok(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
}

fn state_files(config: &hocvu_web::Config) -> Vec<StateFile> {
    vec![
        StateFile {
            name: "session.key".into(),
            path: config.session_key_file(),
        },
        StateFile {
            name: "certificate-keys".into(),
            path: config.certificate_key_dir(),
        },
    ]
}

pub fn backup(out: &Path, site: SiteArgs) -> anyhow::Result<ExitCode> {
    let config = site.config()?;
    let db = sqlite_file(&config)?;
    let files = backup::create(&db, &state_files(&config), out)
        .with_context(|| format!("backup to {}", out.display()))?;
    println!("{} written: {}", out.display(), files.join(", "));
    eprintln!(
        "warning: {} holds the session and certificate signing keys: keep it private (it is \
         mode 0600), store it off this machine, never publish it",
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn restore(file: &Path, replace: bool, site: SiteArgs) -> anyhow::Result<ExitCode> {
    let config = site.config()?;
    let db = sqlite_file(&config)?;
    if let Some(pid) = hocvu_web::start::running_server(&config.data_dir) {
        bail!(
            "a hocvu server (pid {pid}) is running on {}: stop it before restoring",
            config.data_dir.display()
        );
    }
    if db.exists() && !replace {
        bail!(
            "{} already has a database: restore into a new --data-dir, or add --replace to \
             replace its database and keys",
            config.data_dir.display()
        );
    }
    let files = backup::restore(file, &db, &state_files(&config))
        .with_context(|| format!("restore from {}", file.display()))?;
    println!(
        "restored {} into {} (checked: checksums and database integrity)",
        files.join(", "),
        config.data_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
