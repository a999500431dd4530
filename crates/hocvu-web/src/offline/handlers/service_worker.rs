//! GET `/sw.js`: the service worker, at the root so its scope is the whole site. Never cached
//! for long (browsers check it for a new build on each visit, at most daily); with the kill
//! switch on it is a worker that deletes its caches and unregisters itself.

use crate::site::Site;
use crate::site::page_cache::REVALIDATE;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> HttpResponse {
    site.offline.service_worker.respond(&req, REVALIDATE)
}
