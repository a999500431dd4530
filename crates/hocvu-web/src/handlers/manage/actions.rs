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
    // Only assignments made within the caller's own scope (a province assignment is the
    // province's to waive), for someone in this unit who has it, has not completed it, and is
    // not the caller.
    let checked = exemptable(&accounts, &access, unit, form.assignment, form.learner).await;
    match checked {
        Ok(Ok(())) => {}
        Ok(Err(status)) => return error_page(&site, &req, status, None),
        Err(e) => return failed(&site, &req, e),
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

/// `Ok(Err(status))` when the exemption is not the caller's to give.
async fn exemptable(
    accounts: &Accounts,
    access: &Access,
    unit: &hocvu_store::orgs::Unit,
    assignment: i64,
    learner: i64,
) -> Result<Result<(), u16>, StoreError> {
    let store = &accounts.store;
    let (Some(a), Some(person)) = (
        store.assignment(assignment).await?,
        store.learner(learner).await?,
    ) else {
        return Ok(Err(404));
    };
    let (Some(a_unit), Some(p_unit)) = (
        access.unit(&a.unit_code),
        person.unit_code.as_deref().and_then(|c| access.unit(c)),
    ) else {
        return Ok(Err(404));
    };
    let applies = p_unit.path.starts_with(&a_unit.path)
        && p_unit.path.starts_with(&unit.path)
        && a.position
            .as_ref()
            .is_none_or(|p| person.position.as_ref() == Some(p));
    if !applies {
        return Ok(Err(404));
    }
    if !access.sees(a_unit) || learner == access.learner.id {
        return Ok(Err(403));
    }
    if store.completion(learner, &a.course_id).await?.is_some() {
        return Ok(Err(400));
    }
    Ok(Ok(()))
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
