//! What changed in the Vietnamese since a translation was made: the old and new units aligned
//! (a diff of the unit sequences, each changed unit paired with its most similar successor),
//! and a word-level diff of one unit's old and new text. Both on `similar`.

use crate::units::Unit;
use serde::Serialize;
use std::collections::BTreeMap;

/// How a unit of the current source relates to the source a translation was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    Same { old_id: String },
    Changed { old_id: String, old_text: String },
    New,
}

/// Aligns the units of the old source with the current ones (a diff of the unit sequences),
/// so a stale translation's unchanged units keep their text and changed ones show the change.
pub fn align(old: &[Unit], new: &[Unit]) -> BTreeMap<String, Since> {
    let key = |u: &Unit| (u.kind, u.text.clone());
    let old_keys: Vec<_> = old.iter().map(key).collect();
    let new_keys: Vec<_> = new.iter().map(key).collect();
    let mut out = BTreeMap::new();
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old_keys, &new_keys);
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        for ni in n.clone() {
            out.insert(new[ni].id.clone(), Since::New);
        }
        match tag {
            similar::DiffTag::Equal => {
                for (oi, ni) in o.zip(n) {
                    let old_id = old[oi].id.clone();
                    out.insert(new[ni].id.clone(), Since::Same { old_id });
                }
            }
            // Each old unit goes with the most similar new unit of its kind, in order.
            similar::DiffTag::Replace => {
                let mut from = n.start;
                for oi in o {
                    let best = (from..n.end)
                        .filter(|ni| new[*ni].kind == old[oi].kind)
                        .map(|ni| {
                            let ratio =
                                similar::TextDiff::from_words(&old[oi].text, &new[ni].text).ratio();
                            (ni, ratio)
                        })
                        .filter(|(_, r)| *r >= 0.3)
                        .max_by(|a, b| a.1.total_cmp(&b.1));
                    if let Some((ni, _)) = best {
                        out.insert(
                            new[ni].id.clone(),
                            Since::Changed {
                                old_id: old[oi].id.clone(),
                                old_text: old[oi].text.clone(),
                            },
                        );
                        from = ni + 1;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// One piece of a word-level diff: `same`, `removed` or `added` text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffPiece {
    pub change: &'static str,
    pub text: String,
}

/// The word-level change from `old` to `new`.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPiece> {
    let diff = similar::TextDiff::from_words(old, new);
    let mut out: Vec<DiffPiece> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            similar::ChangeTag::Equal => "same",
            similar::ChangeTag::Delete => "removed",
            similar::ChangeTag::Insert => "added",
        };
        match out.last_mut() {
            Some(last) if last.change == tag => last.text.push_str(change.value()),
            _ => out.push(DiffPiece {
                change: tag,
                text: change.value().to_string(),
            }),
        }
    }
    out
}
