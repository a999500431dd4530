//! xAPI 1.0.3 statements made from the stored learning records (pulled by an admin with
//! `hocvu export xapi --since DATE`): registered, answered + passed/failed (each quiz attempt),
//! completed (lesson and course) and earned (certificate). Nothing is computed on the
//! learner's request path.
//!
//! - The actor is an account: `homePage` = the deployment's public URL, `name` = an opaque id
//!   (a salted hash of the learner's row id; the salt stays in the data folder), never a name
//!   or phone number.
//! - Activities have IRIs from the public URL, the course id, its version and the lesson slug:
//!   `{public}/xapi/courses/{id}/{version}/lessons/{slug}[/quiz]`.
//! - Statement ids are derived from the record (a name-based UUID), so exporting the same
//!   records again gives the same ids and an LRS stores each statement once.

use crate::site::Site;
use hocvu_content::Locale;
use hocvu_store::learning_records::LearningRecords;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const VERSION: &str = "1.0.3";
const ADL: &str = "http://adlnet.gov/expapi";

/// What every statement shares: where IRIs start and how actors are named.
pub struct Context<'a> {
    /// The public URL without a trailing slash.
    pub base: String,
    pub salt: &'a [u8],
    pub site: &'a Site,
}

impl Context<'_> {
    fn actor(&self, learner: i64) -> Value {
        let mut hash = Sha256::new();
        hash.update(self.salt);
        hash.update(learner.to_le_bytes());
        let name = hex::encode(&hash.finalize()[..16]);
        json!({"objectType": "Agent", "account": {"homePage": format!("{}/", self.base), "name": name}})
    }

    fn course_iri(&self, course: &str, version: &str) -> String {
        format!("{}/xapi/courses/{course}/{version}", self.base)
    }

    /// The course as an activity, named in every language it has a title in.
    fn course(&self, course: &str, version: &str) -> Value {
        let names: serde_json::Map<String, Value> = self
            .site
            .loaded_any(course)
            .map(|c| {
                c.bundle
                    .course
                    .title
                    .iter()
                    .map(|(l, t)| (l.as_str().to_string(), json!(t)))
                    .collect()
            })
            .unwrap_or_default();
        activity(
            self.course_iri(course, version),
            "course",
            names_or(names, course),
        )
    }

    fn lesson(&self, course: &str, version: &str, slug: &str, quiz: bool) -> Value {
        let names: serde_json::Map<String, Value> = self
            .site
            .loaded_any(course)
            .and_then(|c| c.bundle.lessons.iter().find(|l| l.slug == slug))
            .map(|l| {
                l.locales
                    .iter()
                    .map(|(loc, t)| (loc.as_str().to_string(), json!(t.title)))
                    .collect()
            })
            .unwrap_or_default();
        let iri = format!("{}/lessons/{slug}", self.course_iri(course, version));
        if quiz {
            activity(format!("{iri}/quiz"), "assessment", names_or(names, slug))
        } else {
            activity(iri, "lesson", names_or(names, slug))
        }
    }

    fn in_course(&self, course: &str, version: &str) -> Value {
        json!({
            "platform": "hocvu",
            "language": Locale::SOURCE.as_str(),
            "contextActivities": {"parent": [{"id": self.course_iri(course, version), "objectType": "Activity"}]}
        })
    }
}

fn names_or(names: serde_json::Map<String, Value>, fallback: &str) -> Value {
    if names.is_empty() {
        json!({ Locale::SOURCE.as_str(): fallback })
    } else {
        Value::Object(names)
    }
}

fn activity(id: String, kind: &str, name: Value) -> Value {
    json!({
        "objectType": "Activity",
        "id": id,
        "definition": {"type": format!("{ADL}/activities/{kind}"), "name": name}
    })
}

fn verb(id: &str) -> Value {
    let (iri, word) = match id {
        "earned" => ("http://id.tincanapi.com/verb/earned".to_string(), id),
        _ => (format!("{ADL}/verbs/{id}"), id),
    };
    json!({"id": iri, "display": {"en-US": word}})
}

/// A name-based UUID (version 5 layout over SHA-256) for the record `key`.
pub fn statement_id(key: &str) -> String {
    let digest = Sha256::digest(format!("hocvu-xapi/{key}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0F) | 0x50;
    b[8] = (b[8] & 0x3F) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

fn timestamp(ms: i64) -> String {
    hocvu_dates::rfc3339(u64::try_from(ms / 1000).unwrap_or(0))
}

fn statement(key: &str, actor: Value, verb_id: &str, object: Value, at: i64) -> Value {
    json!({
        "id": statement_id(key),
        "version": VERSION,
        "actor": actor,
        "verb": verb(verb_id),
        "object": object,
        "timestamp": timestamp(at),
    })
}

/// Every statement for `records`, oldest first.
pub fn statements(cx: &Context<'_>, records: &LearningRecords) -> Vec<Value> {
    let mut out: Vec<(i64, Value)> = Vec::new();
    for r in &records.registrations {
        let site = activity(format!("{}/", cx.base), "product", json!({"vi": "hocvu"}));
        let mut s = statement(
            &format!("registered/{}", r.learner_id),
            cx.actor(r.learner_id),
            "registered",
            site,
            r.accepted_at,
        );
        s["context"] = json!({"platform": "hocvu", "language": r.locale});
        out.push((r.accepted_at, s));
    }
    for a in &records.attempts {
        let quiz = cx.lesson(&a.course_id, &a.course_version, &a.lesson_slug, true);
        let total = a.total.max(0);
        let scaled = if total > 0 {
            f64::from(a.right_count) / f64::from(total)
        } else {
            1.0
        };
        let result = json!({
            "score": {"raw": a.right_count, "min": 0, "max": total, "scaled": scaled},
            "success": a.passed,
            "completion": true
        });
        for verb_id in ["answered", if a.passed { "passed" } else { "failed" }] {
            let mut s = statement(
                &format!("{verb_id}/attempt/{}", a.id),
                cx.actor(a.learner_id),
                verb_id,
                quiz.clone(),
                a.created_at,
            );
            s["result"] = result.clone();
            s["context"] = cx.in_course(&a.course_id, &a.course_version);
            out.push((a.created_at, s));
        }
    }
    for l in &records.lessons {
        let Some(at) = l.completed_at else { continue };
        let mut s = statement(
            &format!(
                "completed/lesson/{}/{}/{}/{}",
                l.learner_id, l.course_id, l.course_version, l.lesson_slug
            ),
            cx.actor(l.learner_id),
            "completed",
            cx.lesson(&l.course_id, &l.course_version, &l.lesson_slug, false),
            at,
        );
        s["result"] = json!({"completion": true});
        s["context"] = cx.in_course(&l.course_id, &l.course_version);
        out.push((at, s));
    }
    for c in &records.courses {
        let mut s = statement(
            &format!(
                "completed/course/{}/{}/{}",
                c.learner_id, c.course_id, c.course_version
            ),
            cx.actor(c.learner_id),
            "completed",
            cx.course(&c.course_id, &c.course_version),
            c.completed_at,
        );
        s["result"] = json!({"completion": true, "success": true});
        s["context"] = json!({"platform": "hocvu"});
        out.push((c.completed_at, s));
    }
    for c in &records.certificates {
        let mut s = statement(
            &format!("earned/certificate/{}", c.code),
            cx.actor(c.learner_id),
            "earned",
            cx.course(&c.course_id, &c.course_version),
            c.issued_at,
        );
        // Not the code nor its verification link: both lead to the name printed on it.
        s["result"] = json!({"completion": true, "success": true});
        s["context"] = json!({"platform": "hocvu", "language": c.lang});
        out.push((c.issued_at, s));
    }
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1["id"].as_str().cmp(&b.1["id"].as_str()))
    });
    out.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn statement_ids_are_stable_uuids() {
        let id = super::statement_id("registered/7");
        assert_eq!(id, super::statement_id("registered/7"));
        assert_ne!(id, super::statement_id("registered/8"));
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "5");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }
}
