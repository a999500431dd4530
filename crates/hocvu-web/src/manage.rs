//! The management area's shared parts: who may see which units (roles), targets, report
//! tables, small-group masking and the monthly trend chart (server-drawn SVG, no script).

use crate::Accounts;
use crate::errors::error_page;
use crate::site::Site;
use actix_web::{HttpRequest, HttpResponse};
use hocvu_content::Locale;
use hocvu_store::entities::learners;
use hocvu_store::orgs::{Role, Unit};
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
}

/// The signed-in person's management rights.
pub struct Access {
    pub learner: learners::Model,
    pub admin: bool,
    pub author: bool,
    /// Units whose subtrees they manage.
    pub managed: Vec<Unit>,
    pub units: Vec<Unit>,
    /// The interface language of the URL.
    pub lang: Locale,
}

impl Access {
    pub fn sees(&self, unit: &Unit) -> bool {
        self.admin || self.managed.iter().any(|m| unit.path.starts_with(&m.path))
    }

    /// The top units of what they may see: the roots for an admin, else their own units.
    pub fn scopes(&self) -> Vec<&Unit> {
        if self.admin {
            self.units
                .iter()
                .filter(|u| u.parent_code.is_none())
                .collect()
        } else {
            self.managed.iter().collect()
        }
    }

    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }
}

/// The caller's access, or the response instead: the login page for visitors and guests, 403
/// for learners without a manager or admin role.
pub async fn access(
    site: &Site,
    accounts: &Accounts,
    req: &HttpRequest,
    lang: Locale,
) -> Result<Access, HttpResponse> {
    let failed = |e: hocvu_store::StoreError| {
        tracing::error!("manage: {e}");
        error_page(site, req, 500, None)
    };
    let learner = match accounts.session(req).await.map_err(failed)? {
        Some((claims, learner)) if !claims.guest => learner,
        _ => {
            return Err(HttpResponse::SeeOther()
                .insert_header(("Location", format!("/{lang}/account/login")))
                .finish());
        }
    };
    let roles = accounts.store.roles_of(learner.id).await.map_err(failed)?;
    let units = accounts.store.units().await.map_err(failed)?;
    let has = |r: Role| roles.iter().any(|x| x.role == r.as_str());
    let managed: Vec<Unit> = roles
        .iter()
        .filter(|r| r.role == Role::Manager.as_str())
        .filter_map(|r| units.iter().find(|u| u.code == r.unit_code).cloned())
        .collect();
    let access = Access {
        lang,
        admin: has(Role::Admin),
        author: has(Role::Author),
        learner,
        managed,
        units,
    };
    if !access.admin && access.managed.is_empty() {
        return Err(error_page(site, req, 403, None));
    }
    Ok(access)
}

/// Handlers take `access: Access` to require a manager or admin: anyone else gets the login
/// page or a 403 before the handler runs.
impl actix_web::FromRequest for Access {
    type Error = actix_web::Error;
    type Future =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<Access, actix_web::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let refuse = |resp: HttpResponse| {
                actix_web::error::InternalError::from_response("refused", resp).into()
            };
            let (Some(site), Some(accounts)) = (
                req.app_data::<actix_web::web::Data<Site>>().cloned(),
                req.app_data::<actix_web::web::Data<Accounts>>().cloned(),
            ) else {
                return Err(refuse(HttpResponse::InternalServerError().finish()));
            };
            let Some(lang) = req.match_info().get("lang").and_then(|l| site.ui_locale(l)) else {
                return Err(refuse(error_page(&site, &req, 404, None)));
            };
            access(&site, &accounts, &req, lang).await.map_err(refuse)
        })
    }
}

/// The URL's unit if the caller may see it: 404 for an unknown code, 403 for another's unit.
pub fn visible_unit<'a>(
    site: &Site,
    req: &HttpRequest,
    access: &'a Access,
    code: &str,
) -> Result<&'a Unit, HttpResponse> {
    let unit = access
        .unit(code)
        .ok_or_else(|| error_page(site, req, 404, None))?;
    if access.sees(unit) {
        Ok(unit)
    } else {
        Err(error_page(site, req, 403, None))
    }
}

pub fn today() -> String {
    hocvu_certs::date::vietnam_date(hocvu_store::now_ms())
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

/// `YYYY-MM` of a Unix-ms time, in Vietnam.
pub fn month_of(ms: i64) -> String {
    hocvu_certs::date::vietnam_date(ms)[..7].to_string()
}

/// The twelve months ending with `last` (`YYYY-MM`), oldest first.
pub fn twelve_months(last: &str) -> Vec<String> {
    let (y, m) = (
        last[..4].parse::<i32>().unwrap_or(2026),
        last[5..7].parse::<i32>().unwrap_or(1),
    );
    (0..12)
        .rev()
        .map(|back| {
            let index = y * 12 + (m - 1) - back;
            format!(
                "{:04}-{:02}",
                index.div_euclid(12),
                index.rem_euclid(12) + 1
            )
        })
        .collect()
}

/// One series of the trend chart: name, colour, a value per month, and whether it counts
/// citizens (then values under `MIN_GROUP` are drawn as one "<5" height and never printed).
pub type Series<'a> = (&'a str, &'a str, Vec<i64>, bool);

/// A bar chart of monthly counts, one colour per series; labels are escaped. Accessible:
/// `role="img"` with a title, and the same numbers in the table next to it.
pub fn trend_svg(title: &str, months: &[String], series: &[Series<'_>]) -> String {
    let (w, h, left, bottom, top) = (640.0_f64, 260.0_f64, 40.0_f64, 40.0_f64, 16.0_f64);
    let shown = |v: i64, citizens: bool| {
        if citizens && v > 0 && v < MIN_GROUP {
            MIN_GROUP
        } else {
            v
        }
    };
    let max = series
        .iter()
        .flat_map(|(_, _, v, c)| v.iter().map(|x| shown(*x, *c)))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (w - left) / months.len().max(1) as f64;
    let bar = (slot - 6.0) / series.len().max(1) as f64;
    let mut out = format!(
        "<svg class=\"trend\" role=\"img\" aria-labelledby=\"trend-title\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"trend-title\">{}</title>",
        escape(title)
    );
    let plot = h - bottom - top;
    out.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{}\" x2=\"{w}\" y2=\"{}\" stroke=\"#555\"/>",
        h - bottom,
        h - bottom
    ));
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
        left - 4.0,
        top + 4.0,
        max as i64
    ));
    for (i, month) in months.iter().enumerate() {
        let x0 = left + slot * i as f64 + 3.0;
        for (s, (_, colour, values, citizens)) in series.iter().enumerate() {
            let raw = values.get(i).copied().unwrap_or(0);
            let label = if *citizens {
                masked(raw)
            } else {
                raw.to_string()
            };
            let bh = plot * shown(raw, *citizens) as f64 / max;
            out.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\"><title>{} {}</title></rect>",
                x0 + bar * s as f64,
                h - bottom - bh,
                bar.max(1.0),
                bh,
                escape(month),
                escape(&label)
            ));
        }
        out.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            x0 + (slot - 6.0) / 2.0,
            h - bottom + 14.0,
            escape(&month[5..])
        ));
    }
    for (s, (name, colour, _, _)) in series.iter().enumerate() {
        let x = left + 170.0 * s as f64;
        out.push_str(&format!(
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text>",
            h - 16.0,
            x + 16.0,
            h - 6.0,
            escape(name)
        ));
    }
    out.push_str("</svg>");
    out
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
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
    fn twelve_months_cross_the_year() {
        let m = twelve_months("2026-02");
        assert_eq!(m.first().map(String::as_str), Some("2025-03"));
        assert_eq!(m.last().map(String::as_str), Some("2026-02"));
        assert_eq!(m.len(), 12);
    }

    #[test]
    fn the_chart_escapes_labels_and_scales_to_the_largest_value() {
        let svg = trend_svg(
            "A <b>",
            &["2026-10".into(), "2026-11".into()],
            &[
                ("x&y", "#123456", vec![2, 4], false),
                ("c", "#000", vec![3, 0], true),
            ],
        );
        assert!(svg.contains("A &lt;b&gt;") && svg.contains("x&amp;y"));
        assert!(svg.contains("<title>2026-11 4</title>"));
        assert!(!svg.contains("<b>"));
        // Citizen counts under five are never printed, not even in the chart.
        assert!(svg.contains("<title>2026-10 &lt;5</title>"), "{svg}");
        assert!(!svg.contains("2026-10 3<"), "{svg}");
    }

    #[test]
    fn a_total_with_a_hidden_part_cannot_reveal_it() {
        assert_eq!(masked_total(&[30, 3]).0, "≥30");
        assert_eq!(masked_total(&[30, 7]), ("37".to_string(), 37));
        assert_eq!(masked_total(&[0, 0]).0, "0");
    }
}
