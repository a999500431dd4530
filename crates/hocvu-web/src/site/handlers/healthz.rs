//! GET `/healthz`: build version and the loaded courses, for operators and load balancers.

use crate::site::Site;
use actix_web::{HttpResponse, web};

pub async fn handle(site: web::Data<Site>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(&site.health)
}
