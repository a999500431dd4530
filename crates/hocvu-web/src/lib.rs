//! hocvu-web: the learner web app on actix-web. Serves courses from in-memory bundles, renders
//! themes with Tera, and answers every bad request with a localized page, never a 500.
//!
//! It does not parse Markdown (bundles come compiled) nor read files on a request path.

pub mod auth;
pub mod certificates;
pub mod config;
pub mod csv_io;
mod errors;
mod extract;
mod handlers;
pub mod http;
pub mod learning;
pub mod manage;
pub mod quiz;
pub mod render;
mod routes;
pub mod session;
pub mod site;
pub mod theme;
mod viewer;

pub use config::Config;
pub use site::Site;

use actix_web::{App, HttpServer, middleware, web};
use hocvu_content::{CompileOptions, Loaded};
use std::future::Future;
use std::net::SocketAddr;

/// Version of the consent text learners accept when registering (logged with each consent).
pub const CONSENT_VERSION: &str = "2026-11-22";

/// Everything about learners: their database, session keys and login throttling.
pub struct Accounts {
    pub store: hocvu_store::Store,
    pub keys: session::SessionKeys,
    pub throttle: auth::Throttle,
}

impl Accounts {
    /// The request's session, if its token is valid and still names a learner whose session
    /// generation and guest status match (deleted accounts and old passwords end sessions).
    pub async fn session(
        &self,
        req: &actix_web::HttpRequest,
    ) -> Result<
        Option<(session::Claims, hocvu_store::entities::learners::Model)>,
        hocvu_store::StoreError,
    > {
        match self.keys.current(req) {
            Some(claims) => self.check(claims).await,
            None => Ok(None),
        }
    }

    pub async fn check(
        &self,
        claims: session::Claims,
    ) -> Result<
        Option<(session::Claims, hocvu_store::entities::learners::Model)>,
        hocvu_store::StoreError,
    > {
        Ok(self
            .store
            .learner(claims.sub)
            .await?
            .filter(|l| l.session_generation == claims.generation && l.is_guest == claims.guest)
            .map(|l| (claims, l)))
    }
}

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
    )?)
}

fn prepare_data_dir(config: &Config) -> Result<(), StartError> {
    let err = |source| StartError::DataDir {
        path: config.data_dir.clone(),
        source,
    };
    std::fs::create_dir_all(&config.data_dir).map_err(err)?;
    let probe = config.data_dir.join(".write-test");
    std::fs::write(&probe, b"ok").map_err(err)?;
    std::fs::remove_file(&probe).map_err(err)
}

pub const CSP: &str = "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Sent with every response (by `http::Page` itself on the pre-rendered fast path).
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
];

/// Runs the server until SIGTERM/SIGINT (graceful: in-flight requests finish, 10 s at most).
/// `ready` receives the bound addresses once listening.
pub fn serve(config: Config, ready: impl FnOnce(&[SocketAddr], &Site)) -> Result<(), StartError> {
    prepare_data_dir(&config)?;
    let site = web::Data::new(load_site(&config)?);
    let bind_err = |source| StartError::Bind {
        addr: config.bind.clone(),
        source,
    };
    let keys = session::SessionKeys::load_or_create(&config.session_key_file())?;
    let targets = web::Data::new(manage::Targets {
        staff_percent: config.staff_target_percent,
        staff_date: config.staff_target_date.clone(),
        adults_percent: config.adults_target_percent,
        adults_date: config.adults_target_date.clone(),
    });
    let issuer = web::Data::new(certificates::Issuer::load(
        &config.certificate_key_dir(),
        config.certificate_issuer.clone(),
        config.public_url.clone(),
    )?);
    // The server and its signal handlers must be created inside the actix runtime.
    actix_web::rt::System::new().block_on(async {
        let store = hocvu_store::Store::connect(&config.database_url()).await?;
        store.migrate().await?;
        let accounts = web::Data::new(Accounts {
            store,
            keys,
            throttle: auth::Throttle::default(),
        });
        let max_form = config.max_form_bytes;
        let app_site = site.clone();
        let mut server = HttpServer::new(move || {
            // No compression middleware: every HTML page is compressed by `http::Page`, shared
            // ones once at start (a middleware would recompress them on every request).
            App::new()
                .app_data(app_site.clone())
                .app_data(accounts.clone())
                .app_data(issuer.clone())
                .app_data(targets.clone())
                .wrap(
                    SECURITY_HEADERS
                        .iter()
                        .fold(middleware::DefaultHeaders::new(), |h, (k, v)| {
                            h.add((*k, *v))
                        }),
                )
                // Outermost: pre-rendered pages are answered before any other layer runs.
                .wrap_fn(handlers::learn::show_page::fast_path)
                .configure(|cfg| routes::config(cfg, max_form))
        })
        .shutdown_timeout(10);
        if config.workers > 0 {
            server = server.workers(config.workers);
        }
        let server = server.bind(&config.bind).map_err(bind_err)?;
        let addrs = server.addrs();
        // The server installs its SIGTERM handler on its first poll: poll once, then announce
        // readiness, so a supervisor's early SIGTERM is always a graceful stop.
        let mut running = std::pin::pin!(server.run());
        let first =
            std::future::poll_fn(|cx| std::task::Poll::Ready(running.as_mut().poll(cx))).await;
        if let std::task::Poll::Ready(result) = first {
            return result.map_err(bind_err);
        }
        ready(&addrs, &site);
        running.await.map_err(bind_err)?;
        Ok(())
    })
}
