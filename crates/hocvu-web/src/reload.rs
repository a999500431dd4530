//! Serving a new version of the content without a restart: after the workspace writes a
//! translation, and under `hocvu serve --watch` whenever a file of the content folder changes.
//!
//! A reload compiles the content folder and builds a new [`Site`] beside the running one (a
//! site is immutable: every anonymous page is pre-rendered); only if that works does it become
//! [`CurrentSite`], which a middleware hands to each request as it arrives (requests under way
//! finish with the site they started with). On a content error the last good site stays served,
//! the error is printed as `path:line:col: error[CODE]` and kept for open pages (`/_watch`,
//! polled by the development script).

use crate::Config;
use crate::site::Site;
use crate::start::{StartError, load_site};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;

/// The site served to new requests.
pub struct CurrentSite(std::sync::RwLock<actix_web::web::Data<Site>>);

impl CurrentSite {
    pub fn new(site: Site) -> Self {
        CurrentSite(std::sync::RwLock::new(actix_web::web::Data::new(site)))
    }

    pub fn get(&self) -> actix_web::web::Data<Site> {
        match self.0.read() {
            Ok(site) => site.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set(&self, site: Site) {
        let new = actix_web::web::Data::new(site);
        match self.0.write() {
            Ok(mut s) => *s = new,
            Err(poisoned) => *poisoned.into_inner() = new,
        }
    }
}

/// What open pages poll under `--watch`: a new generation means "reload".
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WatchState {
    pub generation: u64,
    /// The last failed compilation's diagnostics, until one succeeds.
    pub error: Option<String>,
}

/// Asks `serve` for a reload; shared by the workspace and the file watcher.
#[derive(Clone)]
pub struct Reloader {
    requests: Option<mpsc::UnboundedSender<()>>,
    pub watching: bool,
    pub state: Arc<Mutex<WatchState>>,
}

impl Reloader {
    /// One that does nothing (bundles: there is no content folder to compile).
    pub fn none() -> Self {
        Reloader {
            requests: None,
            watching: false,
            state: Arc::default(),
        }
    }

    pub fn channel(watching: bool) -> (Self, mpsc::UnboundedReceiver<()>) {
        let (tx, rx) = mpsc::unbounded_channel();
        let r = Reloader {
            requests: Some(tx),
            watching,
            state: Arc::default(),
        };
        (r, rx)
    }

    pub fn request(&self) {
        if let Some(tx) = &self.requests {
            let _ = tx.send(());
        }
    }

    pub fn state(&self) -> WatchState {
        self.state.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn set(&self, f: impl FnOnce(&mut WatchState)) {
        if let Ok(mut s) = self.state.lock() {
            f(&mut s);
        }
    }
}

/// Compiles the content again (off the async threads); `None` keeps the last good site.
pub async fn rebuild(config: &Config, reloader: &Reloader) -> Option<Site> {
    let config = config.clone();
    let started = std::time::Instant::now();
    let built = tokio::task::spawn_blocking(move || load_site(&config)).await;
    match built {
        Ok(Ok(site)) => {
            reloader.set(|s| {
                s.generation += 1;
                s.error = None;
            });
            tracing::info!("content reloaded in {} ms", started.elapsed().as_millis());
            Some(site)
        }
        Ok(Err(e)) => {
            let text = match &e {
                StartError::Content { first, .. } => first.clone(),
                other => other.to_string(),
            };
            eprintln!("{text}\n(the last good version stays served)");
            reloader.set(|s| {
                s.generation += 1;
                s.error = Some(text);
            });
            None
        }
        Err(e) => {
            tracing::error!("reload: {e}");
            None
        }
    }
}

/// Under `--watch`: a reload request for every change in the content folder, a few changes
/// in a row (an editor's save) counting as one.
pub fn watch(config: &Config, reloader: Reloader) -> Result<notify::RecommendedWatcher, String> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event
            && !matches!(e.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(());
        }
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(&config.content, notify::RecursiveMode::Recursive)
        .map_err(|e| format!("cannot watch {}: {e}", config.content.display()))?;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Editors write a file in several steps: wait until they are done.
            while rx
                .recv_timeout(std::time::Duration::from_millis(60))
                .is_ok()
            {}
            reloader.request();
        }
    });
    Ok(watcher)
}
