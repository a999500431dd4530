//! Every route of the app, in one place.

use crate::site::error::{AppError, ErrorKind};
use crate::{
    account, api, certificates, classes, learn, manage, narrate, offline, site, spread, translate,
};
use actix_web::web::{self, get, post};

/// The largest translation form: every unit at its limit would be more; a lesson is far less.
const TRANSLATION_FORM_BYTES: usize = 512 * 1024;

fn form_config(limit: usize) -> web::FormConfig {
    web::FormConfig::default()
        .limit(limit)
        .error_handler(|err, _| {
            match &err {
                actix_web::error::UrlencodedError::Overflow { .. } => {
                    AppError::new(ErrorKind::PayloadTooLarge)
                }
                other => AppError::bad_request().detail(other.to_string()),
            }
            .into()
        })
}

pub fn config(cfg: &mut web::ServiceConfig, max_form_bytes: usize) {
    use account::handlers as acc;
    use api::handlers as a;
    use certificates::handlers as cert;
    use classes::handlers as c;
    use learn::handlers as learning;
    use manage::handlers as m;
    use narrate::handlers as na;
    use site::handlers as s;
    use translate::handlers as tr;
    cfg.app_data(form_config(max_form_bytes))
        .app_data(
            web::QueryConfig::default()
                .error_handler(|err, _| AppError::bad_request().detail(err.to_string()).into()),
        )
        .app_data(web::PayloadConfig::default().limit(max_form_bytes))
        // Routes are tried in order, each pattern a regex: the busiest (lesson pages) go first.
        .route(
            "/{lang}/courses/{course}/{lesson}/",
            get().to(learning::show_lesson::handle),
        )
        .route(
            "/{lang}/courses/{course}/",
            get().to(learning::show_course::handle),
        )
        .route("/{lang}/", get().to(learning::show_catalogue::handle))
        .route(
            "/c/{course}",
            get().to(spread::handlers::short_course::handle),
        )
        .route(
            "/l/{course}/{lesson}",
            get().to(spread::handlers::short_lesson::handle),
        )
        .route("/share/{name}", get().to(spread::handlers::card::handle))
        .route(
            "/{lang}/courses/{course}/share",
            get().to(spread::handlers::share_page::handle),
        )
        .route(
            "/{lang}/courses/{course}/poster",
            get().to(spread::handlers::poster::handle),
        )
        .route(
            "/{lang}/courses/{course}/{lesson}/print",
            get().to(spread::handlers::handout::handle),
        )
        .route(
            "/{lang}/courses/{course}/offline.json",
            get().to(offline::handlers::pack::handle),
        )
        .route(
            "/{lang}/offline",
            get().to(offline::handlers::offline_page::handle),
        )
        .route(
            "/{lang}/manifest.webmanifest",
            get().to(offline::handlers::manifest::handle),
        )
        .route(
            "/sw.js",
            get().to(offline::handlers::service_worker::handle),
        )
        .route("/{lang}/learning/", get().to(learning::my_learning::handle))
        .route("/{lang}/translate/", get().to(tr::overview::handle))
        .route("/{lang}/narrate/", get().to(na::overview::handle))
        .route(
            "/{lang}/narrate/{locale}/{course}/{lesson}/",
            get().to(na::show_lesson::handle),
        )
        .route(
            "/{lang}/narrate/{locale}/{course}/{lesson}/",
            post().to(na::upload::handle),
        )
        .route(
            "/{lang}/narrate/{locale}/{course}/{lesson}/review",
            post().to(na::review::handle),
        )
        .route(
            "/{lang}/narrate/{locale}/{course}/{lesson}/pending/{part}",
            get().to(na::pending_audio::handle),
        )
        .route(
            "/{lang}/translate/{locale}/strings/",
            get().to(tr::show_strings::list),
        )
        .route(
            "/{lang}/translate/{locale}/strings/{key}",
            get().to(tr::show_strings::one),
        )
        .route(
            "/{lang}/translate/{locale}/strings/{key}",
            post().to(tr::save_message::handle),
        )
        // A whole lesson's translation (Ê Đê text percent-encoded) outgrows the site's form limit.
        .service(
            web::resource("/{lang}/translate/{locale}/{course}/{lesson}/")
                .app_data(form_config(TRANSLATION_FORM_BYTES))
                .app_data(web::PayloadConfig::default().limit(TRANSLATION_FORM_BYTES))
                .route(get().to(tr::show_lesson::handle))
                .route(post().to(tr::save_lesson::handle)),
        )
        .route("/_watch", get().to(tr::watch_state::handle))
        .route(
            "/{lang}/account/register",
            get().to(acc::show_register::handle),
        )
        .route("/{lang}/account/register", post().to(acc::register::handle))
        .route("/{lang}/account/login", get().to(acc::show_login::handle))
        .route("/{lang}/account/login", post().to(acc::login::handle))
        .route("/{lang}/account/logout", post().to(acc::logout::handle))
        .route("/{lang}/account/", get().to(acc::show_account::handle))
        .route(
            "/{lang}/account/password",
            post().to(acc::change_password::handle),
        )
        .route(
            "/{lang}/account/data.json",
            get().to(acc::export_data::handle),
        )
        .route(
            "/{lang}/account/delete",
            post().to(acc::delete_account::handle),
        )
        .route(
            "/{lang}/account/details",
            post().to(acc::change_details::handle),
        )
        .route(
            "/{lang}/account/activate",
            get().to(acc::show_activate::handle),
        )
        .route("/{lang}/account/activate", post().to(acc::activate::handle))
        .route(
            "/{lang}/certificates/{course}",
            post().to(cert::claim::handle),
        )
        .route("/{lang}/certificates/{code}/", get().to(cert::show::handle))
        .route(
            "/{lang}/certificates/{code}/{layout}.png",
            get().to(cert::picture::handle),
        )
        .route(
            "/{lang}/certificates/{code}/badge.jwt",
            get().to(cert::badge::handle),
        )
        .route(
            "/{lang}/certificates/{code}/reissue",
            post().to(cert::reissue::handle),
        )
        .route("/{lang}/manage/", get().to(m::overview::handle))
        .route(
            "/{lang}/manage/units/{code}/",
            get().to(m::unit_report::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/units.csv",
            get().to(m::units_csv::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/people.csv",
            get().to(m::people_csv::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/assignments",
            post().to(m::assign::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/exemptions",
            post().to(m::exempt::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/codes",
            post().to(m::print_codes::handle),
        )
        .route("/{lang}/manage/citizens/", get().to(m::citizens::handle))
        .route(
            "/{lang}/manage/citizens.csv",
            get().to(m::citizens_csv::handle),
        )
        .route("/{lang}/manage/monthly/", get().to(m::monthly::handle))
        .route("/{lang}/manage/roles/", get().to(m::roles::handle))
        .route(
            "/{lang}/manage/roles/{action}",
            post().to(m::change_role::handle),
        )
        .route(
            "/{lang}/manage/certificates/",
            get().to(m::find_certificate::handle),
        )
        .route(
            "/{lang}/manage/certificates/revoke",
            post().to(m::revoke_certificate::handle),
        )
        .route("/{lang}/facilitate/", get().to(c::list_sessions::handle))
        .route(
            "/{lang}/facilitate/sessions",
            post().to(c::create_session::handle),
        )
        .route(
            "/{lang}/facilitate/sessions/{id}/",
            get().to(c::show_session::handle),
        )
        .route(
            "/{lang}/facilitate/sessions/{id}/edit",
            post().to(c::edit_session::handle),
        )
        .route(
            "/{lang}/facilitate/sessions/{id}/headcount",
            post().to(c::record_headcount::handle),
        )
        .route(
            "/{lang}/facilitate/sessions/{id}/close",
            post().to(c::close_session::handle),
        )
        .route(
            "/{lang}/facilitate/sessions/{id}/sheet",
            get().to(c::print_sheet::handle),
        )
        .route("/{lang}/checkin", get().to(c::show_checkin::handle))
        .route("/{lang}/checkin", post().to(c::check_in::handle))
        .route(
            "/{lang}/checkin/{id}/{code}",
            get().to(c::confirm_checkin::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/sessions/",
            get().to(c::unit_sessions::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/sessions.csv",
            get().to(c::unit_sessions_csv::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/facilitators/",
            get().to(m::unit_facilitators::handle),
        )
        .route(
            "/{lang}/manage/units/{code}/facilitators/{action}",
            post().to(m::change_facilitator::handle),
        )
        .route("/verify", get().to(cert::verify_form::handle))
        .route("/verify/{code}", get().to(cert::show_verify::handle))
        .route("/.well-known/jwks.json", get().to(cert::jwks::handle))
        .app_data(api::json_config())
        .service(
            web::scope("/api/v1")
                .route("/openapi.json", get().to(api::openapi::handle))
                .service(api::resource("/consent").route(get().to(a::consent::handle)))
                .service(api::resource("/register").route(post().to(a::register::handle)))
                .service(api::resource("/login").route(post().to(a::login::handle)))
                .service(api::resource("/logout").route(post().to(a::logout::handle)))
                .service(api::resource("/me").route(get().to(a::me::handle)))
                .service(api::resource("/me/progress").route(get().to(a::progress::handle)))
                .service(api::resource("/me/events").route(post().to(a::events::handle)))
                .service(api::resource("/courses").route(get().to(a::courses::handle)))
                .service(
                    api::resource("/sessions")
                        .route(get().to(a::list_sessions::handle))
                        .route(post().to(a::create_session::handle)),
                )
                .service(api::resource("/sessions/{id}").route(get().to(a::session_report::handle)))
                .service(
                    api::resource("/sessions/{id}/headcount")
                        .route(post().to(a::session_headcount::handle)),
                )
                .service(
                    api::resource("/sessions/{id}/checkin")
                        .route(post().to(a::session_checkin::handle)),
                )
                .service(
                    api::resource("/certificates/{code}")
                        .route(get().to(a::verify_certificate::handle)),
                )
                .service(
                    api::resource("/courses/{course}/lessons/{lesson}/quiz")
                        .route(post().to(a::submit_quiz::handle)),
                )
                .default_service(web::to(a::not_found::handle)),
        )
        .route("/", get().to(s::root::handle))
        .route("/healthz", get().to(s::healthz::handle))
        .route("/metrics", get().to(crate::site::metrics::handle))
        .route("/robots.txt", get().to(s::robots::handle))
        .route("/prefs", get().to(s::prefs::handle))
        .route("/static/{name}", get().to(s::static_file::asset))
        .route("/media/{name}", get().to(s::static_file::media))
        .route("/audio/{name}", get().to(s::static_file::audio))
        .route(
            "/{lang}/courses/{course}/{lesson}/",
            post().to(learning::submit_quiz::handle),
        )
        .default_service(web::to(s::not_found::handle));
}
