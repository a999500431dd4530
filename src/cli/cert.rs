//! `hocvu cert`: verify a certificate token offline, revoke a certificate, add a signing key.

use anyhow::Context;
use clap::{Args, Subcommand};
use hocvu_store::certificates::Revoked;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum CertCommand {
    /// Check a certificate token's signature with no server: TOKEN is the token itself, or a
    /// file holding it (or the JSON of /api/v1/certificates/CODE). Exit status 0 = valid.
    Verify {
        token_or_file: String,
        /// The public keys, saved from https://SITE/.well-known/jwks.json.
        #[arg(long)]
        jwks: PathBuf,
    },
    /// Revoke a certificate: /verify will say "revoked" with the reason and date.
    Revoke {
        code: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Add a new certificate signing key; new certificates use it once servers restart, and
    /// the old keys stay published so earlier certificates still verify.
    RotateKey {
        #[command(flatten)]
        site: SiteArgs,
    },
}

/// Where the server keeps its state: the same settings as `hocvu serve`.
#[derive(Args)]
pub struct SiteArgs {
    /// Configuration file, as for `hocvu serve`. Env: HOCVU_CONFIG.
    #[arg(long, env = "HOCVU_CONFIG")]
    config: Option<PathBuf>,
    #[arg(long)]
    data_dir: Option<PathBuf>,
    /// Database URL [default: the SQLite file in the data dir].
    #[arg(long)]
    database: Option<String>,
    #[arg(long)]
    certificate_key_dir: Option<PathBuf>,
}

impl SiteArgs {
    pub fn config(self) -> anyhow::Result<hocvu_web::Config> {
        let mut config =
            hocvu_web::Config::load(self.config.as_deref(), |k| std::env::var(k).ok())?;
        let flags = [
            ("data_dir", self.data_dir.map(|p| p.display().to_string())),
            ("database_url", self.database),
            (
                "certificate_key_dir",
                self.certificate_key_dir.map(|p| p.display().to_string()),
            ),
        ];
        for (field, value) in flags {
            if let Some(value) = value {
                config.set(field, &value).map_err(anyhow::Error::msg)?;
            }
        }
        Ok(config)
    }
}

pub fn run(command: CertCommand) -> anyhow::Result<ExitCode> {
    match command {
        CertCommand::Verify {
            token_or_file,
            jwks,
        } => verify(&token_or_file, &jwks),
        CertCommand::Revoke { code, reason, site } => revoke(&code, &reason, site.config()?),
        CertCommand::RotateKey { site } => {
            let dir = site.config()?.certificate_key_dir();
            let kid = hocvu_certs::KeyRing::rotate(&dir)
                .with_context(|| format!("adding a key in {}", dir.display()))?;
            println!("new signing key {kid} in {}", dir.display());
            println!("restart every server to sign with it; all earlier keys stay published");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The token in `arg`: itself, or read from a file (a bare token or the API's JSON).
fn token_from(arg: &str) -> anyhow::Result<String> {
    let path = std::path::Path::new(arg);
    if !arg.contains('.') || path.exists() {
        let text = std::fs::read_to_string(path).with_context(|| format!("reading {arg}"))?;
        let text = text.trim();
        if text.starts_with('{') {
            let json: serde_json::Value =
                serde_json::from_str(text).with_context(|| format!("{arg}: not JSON"))?;
            return json["certificate"]["token"]
                .as_str()
                .or_else(|| json["token"].as_str())
                .map(str::to_string)
                .with_context(|| format!("{arg}: no `token` in this JSON"));
        }
        return Ok(text.to_string());
    }
    Ok(arg.trim().to_string())
}

fn verify(arg: &str, jwks: &std::path::Path) -> anyhow::Result<ExitCode> {
    let token = token_from(arg)?;
    let text =
        std::fs::read_to_string(jwks).with_context(|| format!("reading {}", jwks.display()))?;
    let keys = hocvu_certs::Jwks::from_json(&text)
        .with_context(|| format!("{}: not a JWKS document", jwks.display()))?;
    match hocvu_certs::verify(&token, &keys) {
        Ok(claims) => {
            println!("valid signature");
            println!("code:      {}", claims.jti);
            println!("name:      {}", claims.name);
            println!(
                "course:    {} ({}) version {}",
                claims.course_title, claims.course_id, claims.course_version
            );
            if claims.course_title_vi != claims.course_title {
                println!("           {}", claims.course_title_vi);
            }
            println!("completed: {}", claims.completed_on);
            println!("issuer:    {}", claims.iss);
            println!("(revocation needs the issuer's /verify page; a signature cannot say it)");
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("NOT valid: {e}");
            Ok(ExitCode::FAILURE)
        }
    }
}

fn revoke(code: &str, reason: &str, config: hocvu_web::Config) -> anyhow::Result<ExitCode> {
    let code = hocvu_certs::CertCode::parse(code).with_context(|| format!("`{code}`"))?;
    let reason = reason.trim();
    anyhow::ensure!(
        !reason.is_empty(),
        "--reason must say why (it is shown on /verify)"
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    anyhow::ensure!(
        config.database_url.is_some() || config.data_dir.exists(),
        "no data directory at {} (use --data-dir or --database)",
        config.data_dir.display()
    );
    let url = config.database_url();
    let outcome = runtime.block_on(async {
        let store = hocvu_store::Store::connect(&url).await?;
        store.migrate().await?;
        store.revoke_certificate(code.as_str(), reason, None).await
    })?;
    match outcome {
        Revoked::Now(c) => {
            println!(
                "revoked {} ({}, {})",
                code.grouped(),
                c.display_name,
                c.course_id
            );
            Ok(ExitCode::SUCCESS)
        }
        Revoked::Already(c) => {
            println!(
                "{} was already revoked: {}",
                code.grouped(),
                c.revoked_reason.unwrap_or_default()
            );
            Ok(ExitCode::SUCCESS)
        }
        Revoked::Unknown => {
            eprintln!("no certificate has the code {}", code.grouped());
            Ok(ExitCode::FAILURE)
        }
    }
}
