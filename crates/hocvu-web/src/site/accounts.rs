//! The learners' side of the app state: their database, session keys and login throttling.

use crate::site::auth::Throttle;
use crate::site::session::{Claims, SessionKeys};
use actix_web::HttpRequest;
use hocvu_store::entities::learners;
use hocvu_store::{Store, StoreError};

pub struct Accounts {
    pub store: Store,
    pub keys: SessionKeys,
    pub throttle: Throttle,
}

impl Accounts {
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
            .store
            .learner(claims.sub)
            .await?
            .filter(|l| l.session_generation == claims.generation && l.is_guest == claims.guest)
            .map(|l| (claims, l)))
    }
}
