//! `hocvu export scorm|xapi`: courses and learning records for other platforms.

use crate::cli::cert::SiteArgs;
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
    }
}
