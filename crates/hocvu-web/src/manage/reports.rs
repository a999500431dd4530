//! Report data shared by a page and its CSV export.

use super::access::Access;
use crate::site::Site;
use hocvu_content::Locale;
use hocvu_store::orgs::Unit;
use hocvu_store::reports::{CommuneTally, PersonStatus, Tally, roll_up};
use hocvu_store::{Store, StoreError};
use std::collections::BTreeMap;

/// Everyone's assignments in `unit`'s subtree, and each unit's roll-up.
pub async fn unit_figures(
    store: &Store,
    access: &Access,
    unit: &Unit,
) -> Result<(Vec<PersonStatus>, BTreeMap<String, Tally>), StoreError> {
    let rows = store
        .assignment_statuses(&unit.path, &hocvu_dates::today())
        .await?;
    let tally = roll_up(&access.units, &rows);
    Ok((rows, tally))
}

/// Citizens by the commune they chose, for every commune or ward the caller sees.
pub async fn commune_rows(
    store: &Store,
    access: &Access,
) -> Result<Vec<(Unit, CommuneTally)>, StoreError> {
    let tallies = store.commune_tallies().await?;
    Ok(access
        .units
        .iter()
        .filter(|u| (u.kind == "commune" || u.kind == "ward") && access.sees(u))
        .map(|u| (u.clone(), tallies.get(&u.code).cloned().unwrap_or_default()))
        .collect())
}

pub fn unit_name<'a>(access: &'a Access, code: &'a str) -> &'a str {
    access.unit(code).map_or(code, |u| u.name.as_str())
}

pub fn course_title(site: &Site, lang: Locale, id: &str) -> String {
    site.loaded(id).map_or_else(
        || id.to_string(),
        |l| l.bundle.course.title_in(lang).0.to_string(),
    )
}
