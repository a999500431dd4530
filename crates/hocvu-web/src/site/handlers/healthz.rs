//! GET `/healthz`: build version, the loaded courses and whether the database answers, for
//! operators and load balancers (503 while the database is unreachable, so a balancer drops
//! this server until it can serve learners again).

use crate::site::Site;
use crate::site::accounts::Accounts;
use actix_web::{HttpResponse, http::StatusCode, web};
use std::time::Duration;

/// Longer than a healthy round trip, shorter than a balancer's usual check interval.
const DATABASE_TIMEOUT: Duration = Duration::from_secs(2);

pub async fn handle(site: web::Data<Site>, accounts: web::Data<Accounts>) -> HttpResponse {
    let reachable = matches!(
        tokio::time::timeout(DATABASE_TIMEOUT, accounts.store.ping()).await,
        Ok(Ok(()))
    );
    let mut health = site.health.clone();
    let status = if reachable {
        health["database"] = "ok".into();
        StatusCode::OK
    } else {
        health["status"] = "unavailable".into();
        health["database"] = "unreachable".into();
        StatusCode::SERVICE_UNAVAILABLE
    };
    HttpResponse::build(status)
        .insert_header(("Cache-Control", "no-store"))
        .json(&health)
}
