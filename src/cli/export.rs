//! `hocvu export scorm|xapi`: courses and learning records for other platforms.

use crate::cli::cert::SiteArgs;
use crate::cli::org::with_store_of;
use anyhow::Context;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// A course as a SCORM 1.2 package (one SCO per lesson) for Moodle and other LMSs.
    Scorm {
        /// The course id (its folder under content/).
        #[arg(long)]
        course: String,
        /// Interface language of the package [default: vi]; lessons not translated into it are
        /// shown in Vietnamese with a notice, as on the site.
        #[arg(long)]
        locale: Option<String>,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// xAPI 1.0.3 statements of the learning records stored since a day, as a JSON array for
    /// a Learning Record Store (POST it to the LRS's /statements; the ids are stable, so
    /// sending an overlapping export again stores nothing twice).
    Xapi {
        /// `YYYY-MM-DD` (Vietnam time): records from the start of that day.
        #[arg(long)]
        since: String,
        /// The file to write [default: standard output].
        #[arg(long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

pub fn run(command: ExportCommand) -> anyhow::Result<ExitCode> {
    match command {
        ExportCommand::Scorm {
            course,
            locale,
            out,
            site,
        } => {
            let config = site.config()?;
            let site = hocvu_web::start::load_site(&config)?;
            let zip = hocvu_web::interop::scorm::package(&site, &course, locale.as_deref())?;
            std::fs::write(&out, &zip).with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{}: SCORM 1.2 package of {course}, {} lesson(s), {} bytes",
                out.display(),
                site.loaded_any(&course)
                    .map_or(0, |c| c.bundle.lessons.len()),
                zip.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        ExportCommand::Xapi { since, out, site } => xapi(&since, out, site),
    }
}

fn xapi(since: &str, out: Option<PathBuf>, site: SiteArgs) -> anyhow::Result<ExitCode> {
    let from = hocvu_dates::vietnam_ms(since, "00:00").ok_or_else(|| {
        anyhow::anyhow!("--since {since}: give a day as YYYY-MM-DD, for example 2026-12-01")
    })?;
    let config = site.config()?;
    let base = config
        .public_url
        .clone()
        .map(|u| u.trim_end_matches('/').to_string())
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"))
        .ok_or_else(|| {
            anyhow::anyhow!(
                "xAPI needs the site's public address for the learners' accounts and the activity ids: set public_url in the configuration (or HOCVU_PUBLIC_URL)"
            )
        })?;
    let salt = actor_salt(&config.data_dir)?;
    let web_site = hocvu_web::start::load_site(&config)?;
    let records = with_store_of(&config, async |store| {
        Ok(store.learning_records(from).await?)
    })?;
    let cx = hocvu_web::interop::xapi::Context {
        base,
        salt: &salt,
        site: &web_site,
    };
    let statements = hocvu_web::interop::xapi::statements(&cx, &records);
    let json = serde_json::to_string_pretty(&statements)?;
    match out {
        Some(path) => {
            std::fs::write(&path, json + "\n")
                .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("{}: {} statement(s)", path.display(), statements.len());
        }
        None => println!("{json}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The salt of the learners' opaque xAPI ids, made once per deployment and kept in the data
/// folder (without it nobody can tell which learner an id is).
fn actor_salt(data_dir: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    let path = data_dir.join("xapi-actor-salt");
    if let Ok(hex) = std::fs::read_to_string(&path) {
        return hex::decode(hex.trim()).with_context(|| format!("{} is damaged", path.display()));
    }
    let mut salt = [0u8; 32];
    getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("no random numbers: {e}"))?;
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("creating {}", data_dir.display()))?;
    std::fs::write(&path, hex::encode(salt))
        .with_context(|| format!("writing {}", path.display()))?;
    Ok(salt.to_vec())
}
