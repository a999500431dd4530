//! Every shipped lesson, split into translation units and assembled again from the Vietnamese
//! texts, gives back its body: the workspace can translate any of them unit by unit.

use hocvu_content::{translation_file, units};
use std::collections::BTreeMap;

#[test]
fn every_shipped_lesson_survives_split_and_assemble() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut checked = 0;
    for course in std::fs::read_dir(&content).unwrap() {
        let dir = course.unwrap().path();
        if !dir.join("course.toml").exists() {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let path = f.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if !name.ends_with(".md") || name.matches('.').count() != 1 {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let (_, body) = translation_file::split_front(&text).unwrap();
            let split = units::split(body);
            let texts: BTreeMap<_, _> = split
                .iter()
                .map(|u| (u.id.clone(), u.text.clone()))
                .collect();
            let again = units::assemble(&split, &texts);
            let squeeze = |s: &str| {
                s.lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            assert_eq!(squeeze(&again), squeeze(body), "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked > 40, "{checked} lessons");
}
