//! GET `/.well-known/jwks.json`: every public certificate key, old ones kept after rotation,
//! for verifying certificate tokens offline (`hocvu cert verify TOKEN --jwks FILE`).

use super::issuer;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};

pub async fn handle(site: web::Data<Site>, req: HttpRequest) -> HttpResponse {
    match issuer(&req, &site) {
        Ok(i) => HttpResponse::Ok()
            .content_type("application/jwk-set+json")
            .insert_header(("Cache-Control", "public, max-age=300"))
            .body(i.jwks_json.clone()),
        Err(resp) => resp,
    }
}
