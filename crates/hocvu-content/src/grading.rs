//! Grading a quiz: the learner's form is checked against the bundle's answer key; nothing
//! the client says about scores is trusted.

use crate::model::{Question, QuestionKind};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuestionState {
    Right,
    Wrong,
    Unanswered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graded {
    pub states: BTreeMap<String, QuestionState>,
    pub chosen: BTreeMap<String, BTreeSet<String>>,
    pub right: usize,
    pub total: usize,
    /// Right answers needed to pass.
    pub needed: usize,
    pub passed: bool,
}

/// Form fields that are not answers but may accompany them (`event_id`: the offline script's
/// id for this answer, so a form sent twice counts once).
const OTHER_FIELDS: [&str; 2] = ["csrf", "event_id"];

/// Reads `q1=a&q2=b&q2=c`; any unknown question or option, or two answers to a single-choice
/// question, is a malformed request (the reason is returned for the 400 page).
pub fn parse(
    form: &[(String, String)],
    quiz: &[Question],
) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let mut chosen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, value) in form {
        if OTHER_FIELDS.contains(&key.as_str()) {
            continue;
        }
        let Some(question) = quiz.iter().find(|q| q.id == *key) else {
            return Err(format!("unknown question `{}`", truncate(key)));
        };
        if !question.options.iter().any(|o| o.id == *value) {
            return Err(format!(
                "unknown answer `{}` to question `{key}`",
                truncate(value)
            ));
        }
        let set = chosen.entry(key.clone()).or_default();
        set.insert(value.clone());
        if question.kind == QuestionKind::Single && set.len() > 1 {
            return Err(format!("question `{key}` takes one answer"));
        }
    }
    Ok(chosen)
}

fn truncate(s: &str) -> String {
    s.chars().take(20).collect()
}

pub fn grade(
    quiz: &[Question],
    chosen: BTreeMap<String, BTreeSet<String>>,
    pass_mark: u8,
) -> Graded {
    let mut states = BTreeMap::new();
    let mut right = 0;
    for q in quiz {
        let correct: BTreeSet<&str> = q
            .options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
            .collect();
        let state = match chosen.get(&q.id) {
            None => QuestionState::Unanswered,
            Some(c) if c.iter().map(String::as_str).collect::<BTreeSet<_>>() == correct => {
                right += 1;
                QuestionState::Right
            }
            Some(_) => QuestionState::Wrong,
        };
        states.insert(q.id.clone(), state);
    }
    let total = quiz.len();
    let needed = (usize::from(pass_mark) * total).div_ceil(100);
    Graded {
        states,
        chosen,
        right,
        total,
        needed,
        passed: right >= needed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::QuizOption;

    fn q(id: &str, kind: QuestionKind, correct: &[bool]) -> Question {
        Question {
            id: id.into(),
            kind,
            prompt_html: String::new(),
            intro_html: String::new(),
            options: correct
                .iter()
                .enumerate()
                .map(|(i, c)| QuizOption {
                    id: char::from(b'a' + i as u8).to_string(),
                    html: String::new(),
                    feedback_html: String::new(),
                    correct: *c,
                })
                .collect(),
        }
    }

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn quiz() -> Vec<Question> {
        vec![
            q("q1", QuestionKind::Single, &[false, true, false]),
            q("q2", QuestionKind::Multiple, &[true, true, false]),
            q("q3", QuestionKind::Single, &[true, false]),
        ]
    }

    #[test]
    fn grades_right_wrong_and_unanswered() {
        let chosen = parse(&form(&[("q1", "b"), ("q2", "a"), ("q2", "b")]), &quiz()).unwrap();
        let g = grade(&quiz(), chosen, 80);
        assert_eq!(g.right, 2);
        assert_eq!(g.states["q3"], QuestionState::Unanswered);
        assert_eq!(g.needed, 3, "80% of 3 rounds up to 3");
        assert!(!g.passed);
    }

    #[test]
    fn multiple_choice_needs_exactly_the_right_set() {
        let partial = parse(&form(&[("q2", "a")]), &quiz()).unwrap();
        assert_eq!(
            grade(&quiz(), partial, 0).states["q2"],
            QuestionState::Wrong
        );
        let extra = parse(&form(&[("q2", "a"), ("q2", "b"), ("q2", "c")]), &quiz()).unwrap();
        assert_eq!(grade(&quiz(), extra, 0).states["q2"], QuestionState::Wrong);
    }

    #[test]
    fn all_right_passes() {
        let chosen = parse(
            &form(&[
                ("q1", "b"),
                ("q2", "b"),
                ("q2", "a"),
                ("q3", "a"),
                ("csrf", "x"),
            ]),
            &quiz(),
        )
        .unwrap();
        let g = grade(&quiz(), chosen, 100);
        assert!(g.passed && g.right == 3);
    }

    #[test]
    fn malformed_submissions_are_refused_with_a_reason() {
        assert!(
            parse(&form(&[("q9", "a")]), &quiz())
                .unwrap_err()
                .contains("unknown question")
        );
        assert!(
            parse(&form(&[("q1", "z")]), &quiz())
                .unwrap_err()
                .contains("unknown answer")
        );
        assert!(
            parse(&form(&[("q1", "a"), ("q1", "b")]), &quiz())
                .unwrap_err()
                .contains("one answer")
        );
        assert!(
            parse(&form(&[("score", "100")]), &quiz()).is_err(),
            "a client-sent score is not a field"
        );
    }
}
