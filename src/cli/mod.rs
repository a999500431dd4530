mod backup;
mod cert;
mod content;
mod export;
mod i18n;
mod maintenance;
mod org;
mod serve;
mod voice;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "hocvu",
    version,
    about = "Self-paced, multilingual digital-literacy courses"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile every course under the content folder into bundles and index.json.
    Build {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// Release build: content changed under an already released version is an error,
        /// and new versions are recorded in each course's releases.toml.
        #[arg(long)]
        release: bool,
    },
    /// Check every course and report all problems as path:line:col, writing nothing.
    Check {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Also print words per sentence and slow reading time per course and lesson.
        #[arg(long)]
        readability: bool,
    },
    /// Run the learner web app (builds the courses at start unless --bundles is given).
    Serve(serve::ServeArgs),
    /// Configuration helpers.
    Config {
        #[command(subcommand)]
        command: ConfigCommand,
    },
    /// Certificates: verify offline, revoke, rotate the signing key.
    Cert {
        #[command(subcommand)]
        command: cert::CertCommand,
    },
    /// Units, staff lists and activation codes.
    Org {
        #[command(subcommand)]
        command: org::OrgCommand,
    },
    /// Roles: managers of a unit, admins, authors.
    User {
        #[command(subcommand)]
        command: org::UserCommand,
    },
    /// Save the SQLite database (consistent, while the server runs) and the signing keys to
    /// one file (secret: it holds the keys).
    Backup {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        site: cert::SiteArgs,
    },
    /// Put a backup back into a data folder that no server is using, after checking it.
    Restore {
        file: PathBuf,
        /// Replace the database and keys already in the data folder.
        #[arg(long)]
        replace: bool,
        #[command(flatten)]
        site: cert::SiteArgs,
    },
    /// Remove guests idle for the retention period (no certificate) with their progress, and
    /// old throttling counts; the server does this once a day by itself.
    Maintenance {
        /// Days without activity [default: the guest_retention_days setting, 90].
        #[arg(long)]
        guest_days: Option<u32>,
        /// Run as if today were this date (YYYY-MM-DD), e.g. to see what a date would remove.
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        site: cert::SiteArgs,
    },
    /// Translation tools.
    I18n {
        #[command(subcommand)]
        command: I18nCommand,
    },
    /// Courses and learning records for other platforms (SCORM 1.2, xAPI).
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print a commented configuration file with every setting at its default.
    Sample,
}

#[derive(Subcommand)]
enum I18nCommand {
    /// Reviewed / draft / stale / missing lessons per course and locale.
    Status {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Interface strings (Fluent files) to report on.
        #[arg(long, default_value = "locales")]
        locales: PathBuf,
        #[arg(long, value_enum, default_value = "table")]
        format: content::Format,
    },
    /// Print the source hash of a Vietnamese lesson, for a translation's `source_hash`.
    Hash { file: PathBuf },
    /// Read a Vietnamese lesson aloud with espeak-ng into `<slug>.vi.opus`, marked as a machine
    /// voice ("giọng máy": shown so, never counted as narrated), to hear its length and pace.
    VoiceDraft { lesson: PathBuf },
    /// Write the workspace's translations (from the database) as `<course>/<lesson>.<locale>.md`
    /// files under DIR, for a deployment that serves prebuilt bundles.
    Export {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        site: cert::SiteArgs,
    },
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build {
            content,
            out,
            release,
        } => content::build(&content, &out, release),
        Command::Serve(args) => serve::run(args),
        Command::Cert { command } => cert::run(command),
        Command::Export { command } => export::run(command),
        Command::Maintenance {
            guest_days,
            as_of,
            site,
        } => maintenance::run(guest_days, as_of, site),
        Command::Backup { out, site } => backup::backup(&out, site),
        Command::Restore {
            file,
            replace,
            site,
        } => backup::restore(&file, replace, site),
        Command::Org { command } => org::run_org(command),
        Command::User { command } => org::run_user(command),
        Command::Config {
            command: ConfigCommand::Sample,
        } => {
            print!("{}", hocvu_web::Config::sample());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            content,
            readability,
        } => content::check(&content, readability),
        Command::I18n { command } => match command {
            I18nCommand::Status {
                content,
                locales,
                format,
            } => content::i18n_status(&content, &locales, format),
            I18nCommand::Hash { file } => content::i18n_hash(&file),
            I18nCommand::VoiceDraft { lesson } => voice::draft(&lesson),
            I18nCommand::Export { out, site } => i18n::export(&out, site),
        },
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
