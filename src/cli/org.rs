//! `hocvu org …` and `hocvu user …`: the unit tree, staff lists, activation codes and roles,
//! run against the server's database (the same settings as `hocvu serve`).

use crate::cli::cert::SiteArgs;
use anyhow::Context;
use clap::Subcommand;
use hocvu_store::Store;
use hocvu_store::orgs::Role;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Add or update units from a CSV file (code,name,parent_code,kind[,adults]); running the
    /// same file again changes nothing.
    Import {
        file: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Add or update staff from a CSV file (name,unit,position[,staff_id][,phone][,email]) as
    /// accounts each person activates with a one-time code.
    ImportStaff {
        file: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// New one-time activation codes for everyone in UNIT's subtree who has not activated yet
    /// (earlier unused codes stop working), as CSV to print or hand out.
    Codes {
        unit: String,
        /// Days the codes stay valid.
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// Write the CSV here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Give USER (a username or phone number) a role: manager or facilitator (need --unit),
    /// translator or reviewer (need --locale rad, jra, mng or en), narrator (needs --locale vi,
    /// rad, jra, mng or en), admin or author.
    Grant {
        user: String,
        role: String,
        #[arg(long, conflicts_with = "locale")]
        unit: Option<String>,
        /// The language of a translator, reviewer or narrator.
        #[arg(long)]
        locale: Option<String>,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Take a role away.
    Revoke {
        user: String,
        role: String,
        #[arg(long, conflicts_with = "locale")]
        unit: Option<String>,
        #[arg(long)]
        locale: Option<String>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

/// Runs `f` on the configured database (migrated first).
pub(crate) fn with_store<T>(
    site: SiteArgs,
    f: impl AsyncFnOnce(Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    with_store_of(&site.config()?, f)
}

/// [`with_store`] for a configuration already read.
pub(crate) fn with_store_of<T>(
    config: &hocvu_web::Config,
    f: impl AsyncFnOnce(Store) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("creating {}", config.data_dir.display()))?;
    }
    let url = config.database_url();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let store = Store::connect(&url).await?;
        store.migrate().await?;
        f(store).await
    })
}

fn read(file: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))
}

fn report_errors(
    file: &Path,
    errors: Vec<hocvu_store::csv::LineError>,
) -> anyhow::Result<ExitCode> {
    for e in &errors {
        eprintln!("{}:{}: {}", file.display(), e.line, e.message);
    }
    eprintln!("{} problem(s); nothing was imported", errors.len());
    Ok(ExitCode::FAILURE)
}

pub fn run_org(command: OrgCommand) -> anyhow::Result<ExitCode> {
    match command {
        OrgCommand::Import { file, site } => {
            let rows = match hocvu_store::csv::parse_units(&read(&file)?) {
                Ok(rows) => rows,
                Err(errors) => return report_errors(&file, errors),
            };
            let summary = with_store(site, async |store| {
                Ok(store.import_units(&rows, None).await?)
            })?;
            println!(
                "{} units: {} added, {} updated, {} unchanged",
                rows.len(),
                summary.added,
                summary.updated,
                summary.unchanged
            );
            Ok(ExitCode::SUCCESS)
        }
        OrgCommand::ImportStaff { file, site } => {
            let rows = match hocvu_store::csv::parse_staff(&read(&file)?) {
                Ok(rows) => rows,
                Err(errors) => return report_errors(&file, errors),
            };
            let summary = with_store(site, async |store| {
                Ok(store.import_staff(&rows, None).await?)
            })?;
            println!(
                "{} staff: {} added, {} updated, {} unchanged",
                rows.len(),
                summary.added,
                summary.updated,
                summary.unchanged
            );
            println!("next: `hocvu org codes UNIT` prints their one-time activation codes");
            Ok(ExitCode::SUCCESS)
        }
        OrgCommand::Codes {
            unit,
            days,
            out,
            site,
        } => {
            let issued = with_store(site, async |store| {
                let Some(u) = store.unit(&unit).await? else {
                    anyhow::bail!("no unit has the code {unit}")
                };
                let mut failed = None;
                let issued = store
                    .issue_activation_codes(&u.path, i64::from(days) * 86_400_000, None, || {
                        hocvu_certs::CertCode::generate()
                            .map(|c| c.grouped())
                            .unwrap_or_else(|e| {
                                failed = Some(e.to_string());
                                String::new()
                            })
                    })
                    .await?;
                if let Some(e) = failed {
                    anyhow::bail!("no randomness for codes: {e}");
                }
                Ok(issued)
            })?;
            let rows: Vec<Vec<String>> = issued
                .iter()
                .map(|c| {
                    vec![
                        c.unit_code.clone(),
                        c.name.clone(),
                        c.position.clone().unwrap_or_default(),
                        c.code.clone(),
                        hocvu_dates::day_month_year(&hocvu_dates::vietnam_date(c.expires_at)),
                    ]
                })
                .collect();
            let csv = hocvu_store::csv::write(
                &["unit", "name", "position", "activation_code", "valid_until"],
                &rows,
            );
            match out {
                Some(path) => {
                    // Names and live codes: readable by the owner only.
                    let mut options = std::fs::OpenOptions::new();
                    options.write(true).create(true).truncate(true);
                    #[cfg(unix)]
                    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                    std::io::Write::write_all(
                        &mut options
                            .open(&path)
                            .with_context(|| format!("writing {}", path.display()))?,
                        csv.as_bytes(),
                    )
                    .with_context(|| format!("writing {}", path.display()))?;
                    eprintln!("{} codes written to {}", issued.len(), path.display());
                }
                None => print!("{csv}"),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn run_user(command: UserCommand) -> anyhow::Result<ExitCode> {
    let (user, role, unit, site, grant) = match command {
        UserCommand::Grant {
            user,
            role,
            unit,
            locale,
            site,
        } => (user, role, unit.or(locale), site, true),
        UserCommand::Revoke {
            user,
            role,
            unit,
            locale,
            site,
        } => (user, role, unit.or(locale), site, false),
    };
    let role = Role::parse(&role).with_context(|| {
        format!("role `{role}`: use manager, facilitator (both need --unit), translator, reviewer, narrator (need --locale), admin or author")
    })?;
    let changed = with_store(site, async |store| {
        let username = hocvu_store::learners::normalise_username(&user)
            .with_context(|| format!("`{user}` is not a username or phone number"))?;
        let Some(learner) = store.learner_by_username(&username).await? else {
            anyhow::bail!("no account has the username {username}");
        };
        Ok(if grant {
            store.grant(learner.id, role, unit.as_deref(), None).await?
        } else {
            store
                .revoke_role(learner.id, role, unit.as_deref().unwrap_or(""), None)
                .await?
        })
    })?;
    let what = format!(
        "{} {}{}",
        role.as_str(),
        user,
        unit.map(|u| if role.has_locale() {
            format!(" (locale {u})")
        } else {
            format!(" (unit {u})")
        })
        .unwrap_or_default()
    );
    println!(
        "{}",
        match (grant, changed) {
            (true, true) => format!("granted: {what}"),
            (true, false) => format!("already had it: {what}"),
            (false, true) => format!("revoked: {what}"),
            (false, false) => format!("did not have it: {what}"),
        }
    );
    Ok(ExitCode::SUCCESS)
}
