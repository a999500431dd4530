//! Learners' state in memory: the stored account a session names and the viewer made from
//! their progress, kept after first use so a page view asks the database nothing.
//!
//! Every write to a learner's state on this server drops their entry before the write's
//! request answers (`hocvu_store::changes`), so the next page shows it. Other servers on the
//! same PostgreSQL database say so by `NOTIFY`, heard within milliseconds; the command line on
//! a SQLite file appends to the database's change file, read (one `stat`) before each use of
//! the cache. While this server is not hearing (its listening connection dropped), nothing
//! cached is used. As a last resort an entry is read again after [`MAX_AGE`].
//!
//! Bounded by entry count (`learner_cache_entries`, least recently used go first): a learner's
//! entry is ~1–3 KB, so the default 20,000 entries hold at most ~60 MB.

use crate::site::page_cache::member::Spliced;
use crate::site::viewer::{self, Viewer};
use hocvu_content::Loaded;
use hocvu_store::changes::Changed;
use hocvu_store::entities::learners;
use hocvu_store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const DEFAULT_ENTRIES: usize = 20_000;
pub const MAX_AGE: Duration = Duration::from_secs(300);
/// Change counters, one per group of learners (`id % SHARDS`).
const SHARDS: usize = 256;

/// One learner as last read.
pub struct Known {
    pub learner: learners::Model,
    loaded: Instant,
    /// The viewer for the site build and day it was made for (required courses turn overdue).
    view: Option<(String, String, Arc<Viewer>)>,
    /// Pages already made for this viewer, by path and theme: the next view of one is answered
    /// before the router runs (`site::fast_path`).
    pages: Mutex<PagesByPath>,
}

/// Path → the page in each theme. Weak: the site's page cache owns the pages and bounds them.
type PagesByPath = HashMap<String, Vec<(String, std::sync::Weak<Spliced>)>>;

/// Pages remembered per learner at most (pointers only: the pages belong to the site's cache).
const PAGES_PER_LEARNER: usize = 64;

impl Known {
    fn new(
        learner: learners::Model,
        loaded: Instant,
        view: Option<(String, String, Arc<Viewer>)>,
    ) -> Known {
        Known {
            learner,
            loaded,
            view,
            pages: Mutex::default(),
        }
    }

    /// The viewer, if made for this build today.
    pub fn viewer_for(&self, build: &str, today: &str) -> Option<&Arc<Viewer>> {
        self.view
            .as_ref()
            .filter(|(b, day, _)| b == build && day == today)
            .map(|(_, _, v)| v)
    }

    /// The page at `path` in `theme` made for this viewer, if any.
    pub fn page(&self, theme: &str, path: &str) -> Option<Arc<Spliced>> {
        let pages = self.pages.lock().ok()?;
        pages
            .get(path)?
            .iter()
            .find(|(t, _)| t == theme)
            .and_then(|(_, p)| p.upgrade())
    }
}

pub struct LearnerCache {
    entries: quick_cache::sync::Cache<i64, Arc<Known>>,
    /// A load that started before a change of its learner is used once, not kept.
    shards: Vec<AtomicU64>,
    /// Held while a shard's counter is compared and an entry inserted, and while a change
    /// bumps the counter and drops the entry: the two never interleave.
    locks: Vec<Mutex<()>>,
    /// Taken shared by inserts, exclusively when everything is dropped.
    all: std::sync::RwLock<()>,
    epoch: AtomicU64,
    trusted: AtomicBool,
    max_age: Duration,
    /// SQLite: what commands run beside the server changed, read before each use.
    file: Option<hocvu_store::changes::ChangeFile>,
}

impl LearnerCache {
    pub fn new(entries: usize, max_age: Duration) -> LearnerCache {
        LearnerCache {
            entries: quick_cache::sync::Cache::new(entries.max(1)),
            shards: (0..SHARDS).map(|_| AtomicU64::new(0)).collect(),
            locks: (0..SHARDS).map(|_| Mutex::new(())).collect(),
            all: std::sync::RwLock::new(()),
            epoch: AtomicU64::new(0),
            trusted: AtomicBool::new(true),
            max_age,
            file: None,
        }
    }

    /// A cache for `store` that hears its changes (call [`Store::listen_for_changes`] too).
    pub fn for_store(store: &Store, entries: usize) -> Arc<LearnerCache> {
        let cache = Arc::new(LearnerCache {
            file: store.change_file(),
            ..LearnerCache::new(entries, MAX_AGE)
        });
        let hears = Arc::downgrade(&cache);
        store.on_change(move |change| {
            if let Some(cache) = hears.upgrade() {
                cache.changed(change);
            }
        });
        cache
    }

    pub fn changed(&self, change: Changed) {
        match change {
            Changed::Learner(id) => {
                let _turn = self.lock(id);
                self.shard(id).fetch_add(1, Ordering::SeqCst);
                self.entries.remove(&id);
            }
            // The account stands: session checks stay in memory, the viewer is read again.
            Changed::Progress(id) => {
                let _turn = self.lock(id);
                let kept = self.entries.get(&id);
                self.shard(id).fetch_add(1, Ordering::SeqCst);
                self.entries.remove(&id);
                // Under the shard's lock: no account change can come between.
                if let Some(k) = kept {
                    let learner_only = Known::new(k.learner.clone(), k.loaded, None);
                    self.entries.insert(id, Arc::new(learner_only));
                }
            }
            Changed::Everyone => self.forget_all(),
            Changed::Unknown => {
                self.trusted.store(false, Ordering::SeqCst);
                self.forget_all();
            }
            Changed::Listening => self.trusted.store(true, Ordering::SeqCst),
        }
    }

    fn forget_all(&self) {
        let _all = self.all.write().unwrap_or_else(|p| p.into_inner());
        self.epoch.fetch_add(1, Ordering::SeqCst);
        self.entries.clear();
    }

    fn lock(&self, id: i64) -> std::sync::MutexGuard<'_, ()> {
        self.locks[id.rem_euclid(SHARDS as i64) as usize]
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    fn shard(&self, id: i64) -> &AtomicU64 {
        &self.shards[id.rem_euclid(SHARDS as i64) as usize]
    }

    fn stamp(&self, id: i64) -> (u64, u64) {
        (
            self.epoch.load(Ordering::SeqCst),
            self.shard(id).load(Ordering::SeqCst),
        )
    }

    fn fresh(&self, id: i64) -> Option<Arc<Known>> {
        if let Some(file) = &self.file {
            for change in file.news() {
                self.changed(change);
            }
        }
        if !self.trusted.load(Ordering::SeqCst) {
            return None;
        }
        self.entries
            .get(&id)
            .filter(|k| k.loaded.elapsed() < self.max_age)
    }

    /// Keeps `known` unless its learner changed since `stamp` was taken (before reading).
    fn keep(&self, id: i64, stamp: (u64, u64), known: Known) -> Arc<Known> {
        let known = Arc::new(known);
        let _all = self.all.read().unwrap_or_else(|p| p.into_inner());
        let _turn = self.lock(id);
        if self.trusted.load(Ordering::SeqCst) && self.stamp(id) == stamp {
            self.entries.insert(id, known.clone());
        }
        known
    }

    /// The stored learner `id` (`None`: deleted or never existed; not kept).
    pub async fn learner(&self, store: &Store, id: i64) -> Result<Option<Arc<Known>>, StoreError> {
        if let Some(k) = self.fresh(id) {
            return Ok(Some(k));
        }
        let stamp = self.stamp(id);
        Ok(store
            .learner(id)
            .await?
            .map(|learner| self.keep(id, stamp, Known::new(learner, Instant::now(), None))))
    }

    /// The viewer of `known`'s learner on the site build `build` with these `courses`.
    pub async fn viewer(
        &self,
        store: &Store,
        courses: &[Loaded],
        build: &str,
        known: &Known,
    ) -> Result<Arc<Viewer>, StoreError> {
        let id = known.learner.id;
        let today = hocvu_dates::today();
        if let Some(k) = self.fresh(id)
            && let Some((b, day, viewer)) = &k.view
            && b == build
            && *day == today
        {
            return Ok(viewer.clone());
        }
        let stamp = self.stamp(id);
        // The account again with the rest, so both are as read after the same change.
        let Some(learner) = store.learner(id).await? else {
            return Ok(Arc::new(
                viewer::load_for(courses, store, known.learner.clone()).await?,
            ));
        };
        let viewer = Arc::new(viewer::load_for(courses, store, learner.clone()).await?);
        self.keep(
            id,
            stamp,
            Known::new(
                learner,
                Instant::now(),
                Some((build.to_string(), today, viewer.clone())),
            ),
        );
        Ok(viewer)
    }

    /// The learner and their viewer for `build` today, if both are in memory and trusted
    /// (the fast path: nothing is read).
    pub fn served(&self, id: i64, build: &str) -> Option<(Arc<Known>, Arc<Viewer>)> {
        let known = self.fresh(id)?;
        let viewer = known.viewer_for(build, &hocvu_dates::today())?.clone();
        Some((known, viewer))
    }

    /// Remembers `page` (made for `viewer`) with the learner's entry, if that entry still holds
    /// exactly this viewer.
    pub fn remember_page(
        &self,
        id: i64,
        viewer: &Arc<Viewer>,
        theme: &str,
        path: &str,
        page: Arc<Spliced>,
    ) {
        let Some(known) = self.fresh(id) else { return };
        if !known
            .view
            .as_ref()
            .is_some_and(|(_, _, v)| Arc::ptr_eq(v, viewer))
        {
            return;
        }
        let Ok(mut pages) = known.pages.lock() else {
            return;
        };
        if pages.len() >= PAGES_PER_LEARNER && !pages.contains_key(path) {
            return;
        }
        let themes = pages.entry(path.to_string()).or_default();
        themes.retain(|(t, _)| t != theme);
        themes.push((theme.to_string(), Arc::downgrade(&page)));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(id: i64) -> Known {
        Known::new(
            learners::Model {
                id,
                ..test_learner()
            },
            Instant::now(),
            None,
        )
    }

    fn test_learner() -> learners::Model {
        learners::Model {
            id: 0,
            username: None,
            password_hash: None,
            display_name: None,
            locale: "vi".into(),
            commune: None,
            village: None,
            is_guest: true,
            created_at: 0,
            last_seen_at: 0,
            session_generation: 0,
            unit_code: None,
            position: None,
            staff_key: None,
            contact: None,
        }
    }

    #[test]
    fn a_change_during_a_load_is_not_kept_and_drops_the_entry() {
        let cache = LearnerCache::new(10, Duration::from_secs(60));
        let stamp = cache.stamp(1);
        cache.keep(1, stamp, known(1));
        assert!(cache.fresh(1).is_some());
        cache.changed(Changed::Learner(1));
        assert!(cache.fresh(1).is_none(), "dropped at once");
        // A load that read before the change must not land afterwards.
        cache.changed(Changed::Learner(2));
        let stale = cache.stamp(2);
        cache.changed(Changed::Learner(2));
        cache.keep(2, stale, known(2));
        assert!(cache.fresh(2).is_none());
        let stamp = cache.stamp(2);
        cache.keep(2, stamp, known(2));
        assert!(cache.fresh(2).is_some());
        cache.changed(Changed::Everyone);
        assert!(cache.fresh(2).is_none());
    }

    #[test]
    fn progress_keeps_the_account_and_drops_the_viewer() {
        let cache = LearnerCache::new(10, Duration::from_secs(60));
        let stamp = cache.stamp(5);
        let mut k = known(5);
        k.view = Some(("b".into(), "d".into(), Arc::new(Viewer::default())));
        cache.keep(5, stamp, k);
        cache.changed(Changed::Progress(5));
        let kept = cache.fresh(5).expect("the account stays");
        assert!(kept.view.is_none(), "the viewer is read again");
    }

    #[test]
    fn nothing_is_trusted_while_not_listening() {
        let cache = LearnerCache::new(10, Duration::from_secs(60));
        cache.changed(Changed::Unknown);
        let stamp = cache.stamp(3);
        cache.keep(3, stamp, known(3));
        assert!(cache.fresh(3).is_none());
        cache.changed(Changed::Listening);
        let stamp = cache.stamp(3);
        cache.keep(3, stamp, known(3));
        assert!(cache.fresh(3).is_some());
    }

    #[test]
    fn entries_expire_and_the_count_is_bounded() {
        let cache = LearnerCache::new(10, Duration::from_millis(0));
        let stamp = cache.stamp(4);
        cache.keep(4, stamp, known(4));
        assert!(cache.fresh(4).is_none(), "older than the max age");
        let cache = LearnerCache::new(50, Duration::from_secs(60));
        for id in 0..500 {
            let stamp = cache.stamp(id);
            cache.keep(id, stamp, known(id));
        }
        assert!(cache.len() <= 100, "{} entries", cache.len());
    }
}
