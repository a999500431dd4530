//! Every route of the app, in one place.

use crate::errors;
use crate::handlers::{account, api, certificates, learn, manage, site};
use actix_web::error::InternalError;
use actix_web::web;

pub fn config(cfg: &mut web::ServiceConfig, max_form_bytes: usize) {
    cfg.app_data(
        web::FormConfig::default()
            .limit(max_form_bytes)
            .error_handler(|err, req| {
                let (status, detail) = match &err {
                    actix_web::error::UrlencodedError::Overflow { .. } => (413, None),
                    other => (400, Some(other.to_string())),
                };
                let resp = errors::from_request(req, status, detail.as_deref());
                InternalError::from_response(err, resp).into()
            }),
    )
    .app_data(web::QueryConfig::default().error_handler(|err, req| {
        let resp = errors::from_request(req, 400, Some(&err.to_string()));
        InternalError::from_response(err, resp).into()
    }))
    .app_data(web::PayloadConfig::default().limit(max_form_bytes))
    // Routes are tried in order, each pattern a regex: the busiest (lesson pages) go first.
    .route(
        "/{lang}/courses/{course}/{lesson}/",
        web::get().to(learn::show_page::handle),
    )
    .route(
        "/{lang}/courses/{course}/",
        web::get().to(learn::show_page::handle),
    )
    .route("/{lang}/", web::get().to(learn::show_page::handle))
    .route(
        "/{lang}/learning/",
        web::get().to(learn::my_learning::handle),
    )
    .route(
        "/{lang}/account/register",
        web::get().to(account::show_register::handle),
    )
    .route(
        "/{lang}/account/register",
        web::post().to(account::register::handle),
    )
    .route(
        "/{lang}/account/login",
        web::get().to(account::show_login::handle),
    )
    .route(
        "/{lang}/account/login",
        web::post().to(account::login::handle),
    )
    .route(
        "/{lang}/account/logout",
        web::post().to(account::logout::handle),
    )
    .route(
        "/{lang}/account/",
        web::get().to(account::show_account::handle),
    )
    .route(
        "/{lang}/account/password",
        web::post().to(account::change_password::handle),
    )
    .route(
        "/{lang}/account/data.json",
        web::get().to(account::export_data::handle),
    )
    .route(
        "/{lang}/account/delete",
        web::post().to(account::delete_account::handle),
    )
    .route(
        "/{lang}/certificates/{course}",
        web::post().to(certificates::claim::handle),
    )
    .route(
        "/{lang}/certificates/{code}/",
        web::get().to(certificates::show::handle),
    )
    .route(
        "/{lang}/certificates/{code}/{layout}.png",
        web::get().to(certificates::picture::handle),
    )
    .route(
        "/{lang}/certificates/{code}/badge.jwt",
        web::get().to(certificates::badge::handle),
    )
    .route(
        "/{lang}/account/activate",
        web::get().to(account::activate::show),
    )
    .route(
        "/{lang}/account/activate",
        web::post().to(account::activate::submit),
    )
    .route("/{lang}/manage/", web::get().to(manage::overview::handle))
    .route(
        "/{lang}/manage/units/{code}/",
        web::get().to(manage::unit::handle),
    )
    .route(
        "/{lang}/manage/units/{code}/units.csv",
        web::get().to(manage::unit::units_csv),
    )
    .route(
        "/{lang}/manage/units/{code}/people.csv",
        web::get().to(manage::unit::people_csv),
    )
    .route(
        "/{lang}/manage/units/{code}/assignments",
        web::post().to(manage::actions::assign),
    )
    .route(
        "/{lang}/manage/units/{code}/exemptions",
        web::post().to(manage::actions::exempt),
    )
    .route(
        "/{lang}/manage/units/{code}/codes",
        web::post().to(manage::actions::codes),
    )
    .route(
        "/{lang}/manage/citizens/",
        web::get().to(manage::citizens::handle),
    )
    .route(
        "/{lang}/manage/citizens.csv",
        web::get().to(manage::citizens::csv),
    )
    .route(
        "/{lang}/manage/monthly/",
        web::get().to(manage::monthly::handle),
    )
    .route(
        "/{lang}/manage/roles/",
        web::get().to(manage::roles::handle),
    )
    .route(
        "/{lang}/manage/certificates/",
        web::get().to(manage::certificates::handle),
    )
    .route(
        "/{lang}/manage/certificates/revoke",
        web::post().to(manage::certificates::revoke),
    )
    .route(
        "/{lang}/manage/roles/{action}",
        web::post().to(manage::roles::change),
    )
    .route("/verify", web::get().to(certificates::verify::form))
    .route("/verify/{code}", web::get().to(certificates::verify::page))
    .route(
        "/.well-known/jwks.json",
        web::get().to(certificates::jwks::handle),
    )
    .app_data(api::json_config())
    .service(
        web::scope("/api/v1")
            .route("/openapi.json", web::get().to(api::openapi::handle))
            .route("/register", web::post().to(api::register::handle))
            .route("/login", web::post().to(api::login::handle))
            .route("/logout", web::post().to(api::logout::handle))
            .route("/me", web::get().to(api::me::handle))
            .route("/me/progress", web::get().to(api::progress::handle))
            .route("/me/events", web::post().to(api::events::handle))
            .route("/courses", web::get().to(api::courses::handle))
            .route(
                "/certificates/{code}",
                web::get().to(certificates::verify::api),
            )
            .route(
                "/courses/{course}/lessons/{lesson}/quiz",
                web::post().to(api::submit_quiz::handle),
            )
            .default_service(web::to(api::not_found)),
    )
    .route("/", web::get().to(site::root::handle))
    .route("/healthz", web::get().to(site::healthz::handle))
    .route("/prefs", web::get().to(site::prefs::handle))
    .route("/static/{name}", web::get().to(site::static_file::asset))
    .route("/media/{name}", web::get().to(site::static_file::media))
    .route(
        "/{lang}/courses/{course}/{lesson}/",
        web::post().to(learn::submit_quiz::handle),
    )
    .default_service(web::to(site::not_found::handle));
}
