//! The framework's ceiling for `benches/web.py`: a bare actix-web server answering every
//! request with the same bytes from memory (no routing, headers or middleware), one worker per
//! core like `hocvu serve`. Run: `ceiling 127.0.0.1:PORT FILE`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark helper stops loudly

use actix_web::{App, HttpResponse, HttpServer, web};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let bind = args.next().expect("usage: ceiling BIND FILE");
    let body = web::Bytes::from(std::fs::read(
        args.next().expect("usage: ceiling BIND FILE"),
    )?);
    actix_web::rt::System::new().block_on(async move {
        HttpServer::new(move || {
            let body = body.clone();
            App::new().default_service(web::to(move || {
                let body = body.clone();
                async move {
                    HttpResponse::Ok()
                        .content_type("text/html; charset=utf-8")
                        .body(body)
                }
            }))
        })
        .bind(bind)?
        .run()
        .await
    })
}
