//! `/{lang}/manage/roles/`: province admins give and take roles (manager of a unit, admin,
//! author). Learners are found by username or phone number.

use super::{back_to, failed, page};
use crate::Accounts;
use crate::errors::error_page;
use crate::extract::{SameOrigin, UiLang};
use crate::manage::Access;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse, web};
use hocvu_store::StoreError;
use hocvu_store::orgs::Role;
use serde::Deserialize;
use serde_json::json;

pub async fn handle(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    UiLang(lang): UiLang,
    access: Access,
) -> HttpResponse {
    if !access.admin {
        return error_page(&site, &req, 403, None);
    }
    let roles = match accounts.store.all_roles().await {
        Ok(r) => r,
        Err(e) => return failed(&site, &req, e),
    };
    let mut list = Vec::new();
    for r in roles {
        let who = match accounts.store.learner(r.learner_id).await {
            Ok(l) => l,
            Err(e) => return failed(&site, &req, e),
        };
        list.push(json!({
            "learner": r.learner_id, "role": r.role, "unit_code": r.unit_code,
            "unit": access.unit(&r.unit_code).map(|u| u.name.clone()),
            "username": who.as_ref().and_then(|l| l.username.clone()), "name": who.and_then(|l| l.display_name),
        }));
    }
    let units: Vec<_> = access.units.iter().map(|u| json!({"code": u.code, "name": u.name, "depth": u.path.matches('/').count().saturating_sub(2)})).collect();
    page(
        &site,
        &req,
        "roles.html",
        lang,
        "manage/roles/",
        &json!({"roles": list, "units": units}),
    )
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    learner: Option<i64>,
    role: String,
    #[serde(default)]
    unit: String,
}

pub async fn change(
    site: web::Data<Site>,
    accounts: web::Data<Accounts>,
    req: HttpRequest,
    access: Access,
    _: SameOrigin,
    action: web::Path<(String, String)>,
    form: web::Form<RoleForm>,
) -> HttpResponse {
    let lang = access.lang;
    if !access.admin {
        return error_page(&site, &req, 403, None);
    }
    let Some(role) = Role::parse(&form.role) else {
        return error_page(
            &site,
            &req,
            400,
            Some("role must be manager, admin or author"),
        );
    };
    let unit = Some(form.unit.trim()).filter(|u| !u.is_empty());
    let by = Some(access.learner.id);
    let result = match action.1.as_str() {
        "grant" => {
            let Some(username) = hocvu_store::learners::normalise_username(&form.username) else {
                return error_page(&site, &req, 400, Some("username or phone number"));
            };
            match accounts.store.learner_by_username(&username).await {
                Ok(Some(l)) => accounts.store.grant(l.id, role, unit, by).await.map(|_| ()),
                Ok(None) => {
                    return error_page(
                        &site,
                        &req,
                        400,
                        Some(&format!("no account has the username {username}")),
                    );
                }
                Err(e) => Err(e),
            }
        }
        "revoke" => match form.learner {
            Some(id) => accounts
                .store
                .revoke_role(id, role, unit.unwrap_or(""), by)
                .await
                .map(|_| ()),
            None => return error_page(&site, &req, 400, None),
        },
        _ => return error_page(&site, &req, 404, None),
    };
    match result {
        Ok(()) => back_to(format!("/{lang}/manage/roles/")),
        Err(StoreError::Invalid(m)) => error_page(&site, &req, 400, Some(&m)),
        Err(e) => failed(&site, &req, e),
    }
}
