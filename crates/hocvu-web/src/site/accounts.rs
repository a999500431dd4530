//! The learners' side of the app state: their database, session keys and login throttling,
//! and the one login check the page and the API share.

use crate::site::auth::{self, Throttle};
use crate::site::learner_cache::{Known, LearnerCache};
use crate::site::session::{Claims, SessionKeys};
use crate::site::viewer::Viewer;
use actix_web::HttpRequest;
use hocvu_store::entities::learners;
use hocvu_store::{Store, StoreError};
use std::sync::Arc;

pub struct Accounts {
    pub store: Store,
    pub keys: SessionKeys,
    pub throttle: Throttle,
    /// Learners and their viewers in memory (see `learner_cache`).
    pub cache: Arc<LearnerCache>,
}

impl Accounts {
    pub fn new(store: Store, keys: SessionKeys, cache_entries: usize) -> Accounts {
        let cache = LearnerCache::for_store(&store, cache_entries);
        Accounts {
            store,
            keys,
            throttle: Throttle::default(),
            cache,
        }
    }

    /// The request's session, if its token is valid and still names a learner whose session
    /// generation and guest status match (deleted accounts and old passwords end sessions).
    pub async fn session(
        &self,
        req: &HttpRequest,
    ) -> Result<Option<(Claims, learners::Model)>, StoreError> {
        match self.keys.current(req) {
            Some(claims) => self.check(claims).await,
            None => Ok(None),
        }
    }

    pub async fn check(
        &self,
        claims: Claims,
    ) -> Result<Option<(Claims, learners::Model)>, StoreError> {
        Ok(self
            .check_known(claims)
            .await?
            .map(|(claims, known)| (claims, known.learner.clone())))
    }

    /// [`Accounts::check`] without copying the learner out of the cache.
    pub async fn check_known(
        &self,
        claims: Claims,
    ) -> Result<Option<(Claims, Arc<Known>)>, StoreError> {
        Ok(self
            .cache
            .learner(&self.store, claims.sub)
            .await?
            .filter(|k| {
                k.learner.session_generation == claims.generation
                    && k.learner.is_guest == claims.guest
            })
            .map(|k| (claims, k)))
    }

    /// The request's session as [`Accounts::check_known`] sees it.
    pub async fn session_known(
        &self,
        req: &HttpRequest,
    ) -> Result<Option<(Claims, Arc<Known>)>, StoreError> {
        match self.keys.current(req) {
            Some(claims) => self.check_known(claims).await,
            None => Ok(None),
        }
    }

    /// What `learner` has done, as the site `site` counts it (from the cache when it can).
    pub async fn viewer(
        &self,
        site: &crate::site::Site,
        known: &Known,
    ) -> Result<Arc<Viewer>, StoreError> {
        self.cache
            .viewer(&self.store, &site.courses, &site.offline.build, known)
            .await
    }

    /// [`Accounts::viewer_of`], as a viewer of one's own (pages that change it).
    pub async fn viewer_for(
        &self,
        site: &crate::site::Site,
        learner: &learners::Model,
    ) -> Result<Viewer, StoreError> {
        Ok(Viewer::clone(&*self.viewer_of(site, learner).await?))
    }

    /// [`Accounts::viewer`] of a learner already copied out.
    pub async fn viewer_of(
        &self,
        site: &crate::site::Site,
        learner: &learners::Model,
    ) -> Result<Arc<Viewer>, StoreError> {
        match self.cache.learner(&self.store, learner.id).await? {
            Some(known) => self.viewer(site, &known).await,
            None => Ok(Arc::new(
                crate::site::viewer::load_for(&site.courses, &self.store, learner.clone()).await?,
            )),
        }
    }
}

pub enum LoginError {
    /// Too many failures for this account or address.
    Throttled,
    /// Unknown user or wrong password: callers must not tell which.
    Failed,
    Store(hocvu_store::StoreError),
}

/// Checks a login the one way both the page and the API do it: throttled per account and
/// address, the same work and answer for an unknown user as for a wrong password.
pub async fn check_login(
    accounts: &Accounts,
    req: &HttpRequest,
    username: &str,
    password: &str,
) -> Result<hocvu_store::entities::learners::Model, LoginError> {
    let username = hocvu_store::learners::normalise_username(username)
        .unwrap_or_else(|| username.trim().to_lowercase());
    let keys = vec![
        format!("user:{username}"),
        format!("ip:{}", auth::client_address(req)),
    ];
    let store = &accounts.store;
    if accounts
        .throttle
        .blocked(store, &keys)
        .await
        .map_err(LoginError::Store)?
    {
        return Err(LoginError::Throttled);
    }
    let learner = accounts
        .store
        .learner_by_username(&username)
        .await
        .map_err(LoginError::Store)?
        .filter(|l| !l.is_guest);
    let hash = learner
        .as_ref()
        .and_then(|l| l.password_hash.clone())
        .unwrap_or_else(|| auth::dummy_hash().to_string());
    let password = password.to_string();
    let verified = actix_web::web::block(move || auth::verify_password(&password, &hash))
        .await
        .unwrap_or(false);
    match learner.filter(|_| verified) {
        Some(l) => {
            let cleared = accounts.throttle.succeeded(store, &keys[0]).await;
            cleared.map_err(LoginError::Store)?;
            Ok(l)
        }
        None => {
            let counted = accounts.throttle.failed(store, &keys).await;
            counted.map_err(LoginError::Store)?;
            Err(LoginError::Failed)
        }
    }
}
