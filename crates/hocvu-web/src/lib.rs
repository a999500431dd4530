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
pub mod interop;
pub mod learn;
pub mod manage;
pub mod narrate;
pub mod offline;
pub mod reload;
mod routes;
pub mod site;
pub mod spread;
pub mod start;
pub mod translate;

pub use account::CONSENT_VERSION;
pub use config::Config;
pub use site::Site;
pub use start::{StartError, load_courses, load_site};

use actix_web::{App, HttpServer, middleware, web};
use site::headers::SECURITY_HEADERS;
use site::{accounts::Accounts, error, session};
use std::future::Future;
use std::net::SocketAddr;

/// Runs the server until SIGTERM/SIGINT (graceful: in-flight requests finish, 10 s at most).
/// `ready` receives the bound addresses once listening.
pub fn serve(config: Config, ready: impl FnOnce(&[SocketAddr], &Site)) -> Result<(), StartError> {
    if config.watch && config.bundles.is_some() {
        return Err(StartError::WatchWithBundles);
    }
    start::prepare_data_dir(&config)?;
    if config.watch {
        site::scripts::WATCHING.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let current = web::Data::new(reload::CurrentSite::new(load_site(&config)?));
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
    let metrics_access = web::Data::new(
        site::metrics::MetricsAccess::parse(&config.metrics_allow).map_err(StartError::Setting)?,
    );
    site::metrics::init();
    let https = config
        .public_url
        .as_deref()
        .is_some_and(|u| u.starts_with("https://"));
    site::headers::HTTPS_PUBLIC_URL.store(https, std::sync::atomic::Ordering::Relaxed);
    site::metrics::LOG_REQUESTS.store(config.log_requests, std::sync::atomic::Ordering::Relaxed);
    let issuer = web::Data::new(certificates::Issuer::load(
        &config.certificate_key_dir(),
        config.data_dir.join("certificate-pictures"),
        config.certificate_issuer.clone(),
        config.public_url.clone(),
    )?);
    let (reloader, mut reloads) = match config.bundles {
        Some(_) => (
            reload::Reloader::none(),
            tokio::sync::mpsc::unbounded_channel().1,
        ),
        None => reload::Reloader::channel(config.watch),
    };
    let _watcher = match config.watch {
        true => Some(reload::watch(&config, reloader.clone()).map_err(StartError::Watch)?),
        false => None,
    };
    let workspace = web::Data::new(translate::Workspace::new(&config, reloader.clone()));
    let reloader = web::Data::new(reloader);
    // The server and its signal handlers must be created inside the actix runtime.
    actix_web::rt::System::new().block_on(async {
        let store = hocvu_store::Store::connect(&config.database_url()).await?;
        store.migrate().await?;
        let listening = store.listen_for_changes().await;
        let maintenance_store = store.clone();
        let accounts = web::Data::new(Accounts::new(store, keys, config.learner_cache_entries));
        if let Err(e) = listening {
            tracing::warn!("not hearing other servers' changes ({e}): learner caches are off");
            accounts
                .cache
                .changed(hocvu_store::changes::Changed::Unknown);
        }
        let max_form = config.max_form_bytes;
        let app_current = current.clone();
        let reloader_data = reloader.clone();
        let reloaded_for = accounts.clone();
        let mut server = HttpServer::new(move || {
            let now = app_current.clone();
            // No compression middleware: every HTML page is compressed by its `Page`, shared
            // ones once at start (a middleware would recompress them on every request).
            App::new()
                .app_data(accounts.clone())
                .app_data(issuer.clone())
                .app_data(targets.clone())
                .app_data(checkin_throttle.clone())
                .app_data(metrics_access.clone())
                .app_data(workspace.clone())
                .app_data(reloader_data.clone())
                .wrap(middleware::from_fn(error::render_errors))
                .wrap(
                    SECURITY_HEADERS
                        .iter()
                        .fold(middleware::DefaultHeaders::new(), |h, (k, v)| {
                            h.add((*k, *v))
                        }),
                )
                // Pre-rendered pages are answered before any other layer runs…
                .wrap_fn(site::fast_path)
                // …with the site current when the request arrived (a reload swaps it).
                .wrap_fn(move |mut req, srv| {
                    let mut data = actix_web::dev::Extensions::new();
                    data.insert(now.get());
                    req.add_data_container(std::rc::Rc::new(data));
                    actix_web::dev::Service::call(srv, req)
                })
                .wrap(middleware::from_fn(site::headers::hsts))
                // Outermost: counts and times every answer, the page cache's too.
                .wrap(middleware::from_fn(site::metrics::track))
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
        ready(&addrs, &current.get());
        spawn_daily_maintenance(maintenance_store, config.guest_retention_days);
        let (swap, reload_config) = (current.clone(), config.clone());
        actix_web::rt::spawn(async move {
            while reloads.recv().await.is_some() {
                while reloads.try_recv().is_ok() {}
                if let Some(new) = reload::rebuild(&reload_config, &reloader).await {
                    swap.set(new);
                    // Viewers count lessons against the courses: read them again.
                    reloaded_for
                        .cache
                        .changed(hocvu_store::changes::Changed::Everyone);
                }
            }
        });
        running.await.map_err(bind_err)?;
        let _ = std::fs::remove_file(start::pid_file(&config.data_dir));
        Ok(())
    })
}

/// Once a day (first a minute after start), the clean-up `hocvu maintenance` runs: with
/// several servers each runs it, which is harmless (a guest is removed once).
fn spawn_daily_maintenance(store: hocvu_store::Store, guest_days: u32) {
    actix_web::rt::spawn(async move {
        let mut next = std::time::Duration::from_secs(60);
        loop {
            tokio::time::sleep(next).await;
            next = std::time::Duration::from_secs(24 * 60 * 60);
            match store.maintain(hocvu_store::now_ms(), guest_days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!("maintenance: {n} idle guests removed"),
                Err(e) => tracing::warn!("maintenance failed (tried again tomorrow): {e}"),
            }
        }
    });
}
