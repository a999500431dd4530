//! Classes and guidance sessions against the plan's targets, for a unit's subtree: per commune
//! or ward the classes held (target: 5), per village the guidance sessions held (target: 10),
//! with participants (checked in + counted without a phone; small groups hidden as in every
//! citizen report), facilitator activity and sessions by course.

use crate::manage::{Targets, masked, masked_total};
use hocvu_store::orgs::Unit;
use hocvu_store::sessions::{Kind, SessionFigures};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceTally {
    pub held: i64,
    pub participants: i64,
    /// Each session's participants, so a total can hide small groups (`masked_total`).
    pub parts: Vec<i64>,
}

impl PlaceTally {
    fn add(&mut self, s: &SessionFigures) {
        self.held += 1;
        self.participants += s.participants();
        self.parts.push(s.participants());
    }

    /// Participants as shown: rounded down when one of the sessions is a small group, so a
    /// village's count cannot be worked out from a topic's.
    pub fn shown(&self) -> String {
        masked_total(&self.parts).0
    }
}

/// One row of the report: a commune or ward (classes) or a village (guidance sessions).
#[derive(Debug, Clone)]
pub struct PlaceRow<'a> {
    pub unit: &'a Unit,
    pub kind: Kind,
    pub tally: PlaceTally,
    pub target: usize,
}

impl PlaceRow<'_> {
    pub fn met(&self) -> bool {
        self.tally.held >= self.target as i64
    }
}

/// Rows for every commune, ward and village under `root`, in tree order.
pub fn place_rows<'a>(
    units: &'a [Unit],
    root: &Unit,
    sessions: &[SessionFigures],
    targets: &Targets,
    now: i64,
) -> Vec<PlaceRow<'a>> {
    let mut tallies: BTreeMap<(&str, &str), PlaceTally> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.session.held(now, s.checkins)) {
        tallies
            .entry((s.session.unit_code.as_str(), s.session.kind.as_str()))
            .or_default()
            .add(s);
    }
    units
        .iter()
        .filter(|u| u.path.starts_with(&root.path))
        .filter_map(|u| {
            let (kind, target) = match u.kind.as_str() {
                "commune" | "ward" => (Kind::Class, targets.classes_per_commune),
                "village" => (Kind::Guidance, targets.sessions_per_village),
                _ => return None,
            };
            let tally = tallies
                .get(&(u.code.as_str(), kind.as_str()))
                .cloned()
                .unwrap_or_default();
            Some(PlaceRow {
                unit: u,
                kind,
                tally,
                target,
            })
        })
        .collect()
}

/// Participants as shown: small groups hidden, totals rounded when a part is hidden.
pub fn shown_participants(rows: &[PlaceRow<'_>]) -> (Vec<String>, String) {
    let parts: Vec<i64> = rows.iter().map(|r| r.tally.participants).collect();
    (
        parts.iter().map(|p| masked(*p)).collect(),
        masked_total(&parts).0,
    )
}

/// Sessions held and participants per course they covered.
pub fn by_course(sessions: &[SessionFigures], now: i64) -> BTreeMap<String, PlaceTally> {
    let mut out: BTreeMap<String, PlaceTally> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.session.held(now, s.checkins)) {
        for c in s.session.course_ids() {
            out.entry(c.to_string()).or_default().add(s);
        }
    }
    out
}

/// Sessions held and participants per facilitator (learner id).
pub fn by_facilitator(sessions: &[SessionFigures], now: i64) -> BTreeMap<i64, PlaceTally> {
    let mut out: BTreeMap<i64, PlaceTally> = BTreeMap::new();
    for s in sessions.iter().filter(|s| s.session.held(now, s.checkins)) {
        for f in &s.facilitators {
            out.entry(*f).or_default().add(s);
        }
    }
    out
}
