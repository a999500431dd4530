//! hocvu-web: the learner web app on actix-web. Serves courses from in-memory bundles, renders
//! themes with Tera, and answers every bad request with a localized page, never a 500.
//!
//! Modules by what a person does: `learn` (catalogue, course, lesson, quiz, "My learning"),
//! `account`, `certificates`, `manage` (the management area), `api` (JSON); `site` is the
//! machinery they share and knows none of them. `routes` lists every route.
//!
//! It does not parse Markdown (bundles come compiled) nor read files on a request path.

pub mod account;
pub mod api;
pub mod certificates;
pub mod classes;
pub mod config;
pub mod learn;
pub mod manage;
pub mod offline;
mod routes;
pub mod site;
pub mod start;

pub use account::CONSENT_VERSION;
pub use config::Config;
pub use site::Site;
pub use start::{StartError, load_courses, load_site};

use actix_web::{App, HttpServer, middleware, web};
use site::headers::SECURITY_HEADERS;
use site::{accounts::Accounts, auth, error, session};
use std::future::Future;
use std::net::SocketAddr;

/// Runs the server until SIGTERM/SIGINT (graceful: in-flight requests finish, 10 s at most).
/// `ready` receives the bound addresses once listening.
pub fn serve(config: Config, ready: impl FnOnce(&[SocketAddr], &Site)) -> Result<(), StartError> {
    start::prepare_data_dir(&config)?;
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
        classes_per_commune: config.classes_per_commune,
        sessions_per_village: config.sessions_per_village,
        sessions_date: config.sessions_target_date.clone(),
    });
    let checkin_throttle = web::Data::new(classes::CheckinThrottle::default());
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
            // No compression middleware: every HTML page is compressed by its `Page`, shared
            // ones once at start (a middleware would recompress them on every request).
            App::new()
                .app_data(app_site.clone())
                .app_data(accounts.clone())
                .app_data(issuer.clone())
                .app_data(targets.clone())
                .app_data(checkin_throttle.clone())
                .wrap(middleware::from_fn(error::render_errors))
                .wrap(
                    SECURITY_HEADERS
                        .iter()
                        .fold(middleware::DefaultHeaders::new(), |h, (k, v)| {
                            h.add((*k, *v))
                        }),
                )
                // Outermost: pre-rendered pages are answered before any other layer runs.
                .wrap_fn(site::fast_path)
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
