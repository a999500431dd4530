//! POSTs on a unit: assign a course to its subtree, exempt a person (with a reason), print
//! activation codes. Each checks the unit (and person) are within the caller's scope.

use super::{back_to, failed, page};
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::manage::{Access, visible_unit};
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::StoreError;
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
pub struct AssignForm {
    course: String,
    #[serde(default)]
    position: String,
    due: String,
}

pub async fn assign(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    access: Access,
    _: SameOrigin,
    path: web::Path<(String, String)>,
    form: web::Form<AssignForm>,
) -> HttpResponse {
    let lang = access.lang;
    let unit = match visible_unit(&site, &req, &access, &path.1) {
        Ok(u) => u,
        Err(resp) => return resp,
    };
    if site.loaded(&form.course).is_none() {
        return error_page(
            &site,
            &req,
            400,
            Some(&format!("unknown course `{}`", form.course)),
        );
    }
    let position = Some(form.position.trim()).filter(|p| !p.is_empty());
    match accounts
        .store
        .create_assignment(
            &form.course,
            &unit.code,
            position,
            form.due.trim(),
            Some(access.learner.id),
        )
        .await
    {
        Ok(_) => back_to(format!("/{lang}/manage/units/{}/", unit.code)),
        Err(StoreError::Invalid(m)) => error_page(&site, &req, 400, Some(&m)),
        Err(e) => failed(&site, &req, e),
    }
}

#[derive(Deserialize)]
pub struct ExemptForm {
    assignment: i64,
    learner: i64,
    #[serde(default)]
    reason: String,
}

pub async fn exempt(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    access: Access,
    _: SameOrigin,
    path: web::Path<(String, String)>,
    form: web::Form<ExemptForm>,
) -> HttpResponse {
    let lang = access.lang;
    let unit = match visible_unit(&site, &req, &access, &path.1) {
        Ok(u) => u,
        Err(resp) => return resp,
    };
    // The person must have this assignment within the unit's subtree (and so the caller's).
    let rows = match accounts
        .store
        .assignment_statuses(&unit.path, &crate::manage::today())
        .await
    {
        Ok(r) => r,
        Err(e) => return failed(&site, &req, e),
    };
    if !rows
        .iter()
        .any(|r| r.learner_id == form.learner && r.assignment_id == form.assignment)
    {
        return error_page(&site, &req, 404, None);
    }
    match accounts
        .store
        .exempt(
            form.assignment,
            form.learner,
            &form.reason,
            Some(access.learner.id),
        )
        .await
    {
        Ok(()) => back_to(format!("/{lang}/manage/units/{}/", unit.code)),
        Err(StoreError::Invalid(m)) => error_page(&site, &req, 400, Some(&m)),
        Err(e) => failed(&site, &req, e),
    }
}

/// Days printed codes stay valid.
const CODE_DAYS: i64 = 30;

pub async fn codes(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
    _: SameOrigin,
    path: web::Path<(String, String)>,
) -> HttpResponse {
    let unit = match visible_unit(&site, &req, &access, &path.1) {
        Ok(u) => u,
        Err(resp) => return resp,
    };
    let issued = accounts
        .store
        .issue_activation_codes(
            &unit.path,
            CODE_DAYS * 86_400_000,
            Some(access.learner.id),
            || {
                hocvu_certs::CertCode::generate()
                    .map(|c| c.grouped())
                    .unwrap_or_default()
            },
        )
        .await;
    let issued = match issued {
        Ok(i) if i.iter().all(|c| !c.code.is_empty()) => i,
        Ok(_) => return failed(&site, &req, "no randomness for activation codes"),
        Err(e) => return failed(&site, &req, e),
    };
    let base = req
        .app_data::<web::Data<crate::certificates::Issuer>>()
        .map_or_else(String::new, |i| i.base_url(&req));
    let cards: Vec<_> = issued
        .iter()
        .map(|c| json!({
            "name": c.name, "position": c.position, "code": c.code,
            "unit": access.unit(&c.unit_code).map_or(c.unit_code.as_str(), |u| u.name.as_str()),
            "until": hocvu_certs::date::day_month_year(&hocvu_certs::date::vietnam_date(c.expires_at)),
        }))
        .collect();
    let data = json!({"unit": {"code": unit.code, "name": unit.name}, "cards": cards, "activate_url": format!("{base}/{lang}/account/activate")});
    let mut resp = page(
        &site,
        &req,
        "codes.html",
        lang,
        &format!("manage/units/{}/", unit.code),
        &data,
    );
    resp.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    resp
}
