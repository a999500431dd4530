//! The management area, for unit managers (their unit's subtree) and province admins: reports
//! with CSV export, assignments, exemptions, activation-code sheets, roles, certificates.
//! Every action is audit-logged by the store. No page or form here can record learning for
//! anyone. This module holds what its handlers share: targets, report figures with small
//! groups hidden, and the one way a management page is rendered.

pub mod access;
pub mod chart;
pub mod handlers;
pub mod reports;

use crate::site::error::AppError;
use crate::site::extract::Ctx;
use crate::site::render::Here;
use crate::site::respond;
use access::Access;
use actix_web::HttpResponse;
use hocvu_store::reports::Tally;
use serde_json::json;

/// Citizen groups smaller than this are shown as "<5" (and no percentage).
pub const MIN_GROUP: i64 = 5;

/// Report targets, from configuration.
#[derive(Debug, Clone)]
pub struct Targets {
    pub staff_percent: usize,
    pub staff_date: String,
    pub adults_percent: usize,
    pub adults_date: String,
    pub classes_per_commune: usize,
    pub sessions_per_village: usize,
    pub sessions_date: String,
}

/// A management page: `template` gets `data` as `d`, under the manager's own header.
pub fn page(
    ctx: &Ctx,
    access: &Access,
    template: &str,
    here: &str,
    data: &serde_json::Value,
) -> Result<HttpResponse, AppError> {
    let html = ctx.renderer().page(
        template,
        access.lang,
        Here::InLanguage(here),
        &access.viewer,
        |ctx| ctx.insert("d", data),
    )?;
    Ok(ctx.html(html))
}

/// The account a username or phone number names (never a guest): a 400 naming it otherwise.
pub async fn learner_named(
    store: &hocvu_store::Store,
    typed: &str,
) -> Result<hocvu_store::entities::learners::Model, AppError> {
    let username = hocvu_store::learners::normalise_username(typed)
        .ok_or_else(|| AppError::bad_request().detail("username or phone number"))?;
    store
        .learner_by_username(&username)
        .await?
        .filter(|l| !l.is_guest)
        .ok_or_else(|| {
            AppError::bad_request().detail(format!("no account has the username {username}"))
        })
}

/// A CSV report (UTF-8 with BOM, formulas neutralised).
pub fn csv(name: &str, header: &[&str], rows: &[Vec<String>]) -> HttpResponse {
    respond::download(
        "text/csv; charset=utf-8",
        name,
        hocvu_store::csv::write(header, rows),
    )
}

/// A target's date as shown (`DD/MM/YYYY`).
pub fn target_json(percent: usize, date: &str) -> serde_json::Value {
    json!({"percent": percent, "date": hocvu_dates::day_month_year(date)})
}

/// A percentage as text ("0.0" included: templates treat the number 0 as "nothing to show").
pub fn percent_text(p: Option<f64>) -> Option<String> {
    p.map(|p| format!("{p:.1}"))
}

pub fn tally_json(t: &Tally) -> serde_json::Value {
    json!({
        "people": t.people, "assigned": t.assigned, "started": t.started, "completed": t.completed,
        "overdue": t.overdue, "exempt": t.exempt, "percent": percent_text(t.percent()),
    })
}

/// A citizen count as shown: exact from `MIN_GROUP` up, "<5" below (0 stays 0).
pub fn masked(n: i64) -> String {
    if n > 0 && n < MIN_GROUP {
        format!("<{MIN_GROUP}")
    } else {
        n.to_string()
    }
}

/// A total of citizen counts: exact unless one of its parts is hidden ("<5"), when it is
/// rounded down to a multiple of `MIN_GROUP` ("≥30") so the hidden part cannot be worked out
/// by subtraction. Returns the text and the number to compute shares from.
pub fn masked_total(parts: &[i64]) -> (String, i64) {
    let total: i64 = parts.iter().sum();
    if parts.iter().any(|p| *p > 0 && *p < MIN_GROUP) {
        let floor = total - total % MIN_GROUP;
        (format!("≥{floor}"), floor)
    } else {
        (masked(total), total)
    }
}

/// `part / whole` in percent, one decimal; none when the group is masked or whole unknown.
pub fn share(part: i64, whole: Option<i64>) -> Option<f64> {
    match whole {
        Some(w) if w > 0 && (part == 0 || part >= MIN_GROUP) => {
            Some((part as f64 * 1000.0 / w as f64).round() / 10.0)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_citizen_groups_are_hidden() {
        assert_eq!(masked(0), "0");
        assert_eq!(masked(4), "<5");
        assert_eq!(masked(5), "5");
        assert_eq!(share(4, Some(100)), None);
        assert_eq!(share(5, Some(200)), Some(2.5));
        assert_eq!(share(7, None), None);
    }

    #[test]
    fn a_total_with_a_hidden_part_cannot_reveal_it() {
        assert_eq!(masked_total(&[30, 3]).0, "≥30");
        assert_eq!(masked_total(&[30, 7]), ("37".to_string(), 37));
        assert_eq!(masked_total(&[0, 0]).0, "0");
    }
}
