//! GET `/.well-known/jwks.json`: every public certificate key, old ones kept after rotation,
//! for verifying certificate tokens offline (`hocvu cert verify TOKEN --jwks FILE`).

use crate::certificates::Issuer;
use actix_web::{HttpResponse, web};

pub async fn handle(issuer: web::Data<Issuer>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/jwk-set+json")
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(issuer.jwks_json.clone())
}
