//! CSV in and out: the province's unit and staff lists (`hocvu org import …`) and report
//! exports. Output is UTF-8 with a byte-order mark (spreadsheet programs then read Vietnamese
//! correctly), quoted where needed, and any cell a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) is prefixed with `'`.

use crate::orgs::{UNIT_KINDS, UnitRow};
use crate::staff::StaffRow;
use unicode_normalization::UnicodeNormalization;

/// A problem with one line of an input file, for `path:line: message` output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: u64,
    pub message: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Neutralises spreadsheet formulas (OWASP "CSV injection").
pub fn safe_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A CSV document (with BOM) from a header and rows.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| safe_cell(c).into_owned()));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

/// The lower-cased header and each record with its line number.
type Records = (Vec<String>, Vec<(u64, csv::StringRecord)>);

/// Records with their header, tolerant of a BOM and of column order; names are NFC.
fn records(text: &str, required: &[&str]) -> Result<Records, Vec<LineError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase()).collect(),
        Err(e) => {
            return Err(vec![LineError {
                line: 1,
                message: e.to_string(),
            }]);
        }
    };
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !header.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![LineError {
            line: 1,
            message: format!(
                "missing column(s) {}; the header must name {}",
                missing.join(", "),
                required.join(", ")
            ),
        }]);
    }
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => out.push((r.position().map_or(0, |p| p.line()), r)),
            Err(e) => errors.push(LineError {
                line: e.position().map_or(0, |p| p.line()),
                message: e.to_string(),
            }),
        }
    }
    if errors.is_empty() {
        Ok((header, out))
    } else {
        Err(errors)
    }
}

fn field(header: &[String], r: &csv::StringRecord, name: &str) -> Option<String> {
    header
        .iter()
        .position(|h| h == name)
        .and_then(|i| r.get(i))
        .map(|v| v.nfc().collect::<String>())
        .filter(|v| !v.is_empty())
}

fn valid_code(code: &str) -> bool {
    !code.is_empty()
        && code.len() <= 32
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// `code,name,parent_code,kind[,adults]`.
pub fn parse_units(text: &str) -> Result<Vec<UnitRow>, Vec<LineError>> {
    let (header, records) = records(text, &["code", "name", "parent_code", "kind"])?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (line, r) in records {
        let mut fail = |message: String| errors.push(LineError { line, message });
        let code = field(&header, &r, "code").unwrap_or_default();
        if !valid_code(&code) {
            fail(format!(
                "code `{code}`: use 1–32 letters, digits, `-` or `.`"
            ));
            continue;
        }
        if !seen.insert(code.clone()) {
            fail(format!("code {code} appears twice"));
            continue;
        }
        let Some(name) = field(&header, &r, "name") else {
            fail(format!("unit {code} has no name"));
            continue;
        };
        let parent_code = field(&header, &r, "parent_code");
        let kind = field(&header, &r, "kind")
            .unwrap_or_default()
            .to_lowercase();
        if !UNIT_KINDS.contains(&kind.as_str()) {
            fail(format!(
                "unit {code}: kind `{kind}` must be one of {}",
                UNIT_KINDS.join(", ")
            ));
            continue;
        }
        let adults = match field(&header, &r, "adults")
            .map(|a| a.replace(['.', ' ', ','], "").parse::<i64>())
        {
            None => None,
            Some(Ok(n)) if n >= 0 => Some(n),
            Some(_) => {
                fail(format!("unit {code}: adults must be a whole number"));
                continue;
            }
        };
        rows.push(UnitRow {
            code,
            name,
            parent_code,
            kind,
            adults,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// `name,unit,position[,staff_id][,phone][,email]`; a person is recognised on re-import by
/// staff_id, else phone, else email, else name and position.
pub fn parse_staff(text: &str) -> Result<Vec<StaffRow>, Vec<LineError>> {
    let (header, records) = records(text, &["name", "unit", "position"])?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for (line, r) in records {
        let (Some(name), Some(unit_code)) =
            (field(&header, &r, "name"), field(&header, &r, "unit"))
        else {
            errors.push(LineError {
                line,
                message: "name and unit are required".into(),
            });
            continue;
        };
        let position = field(&header, &r, "position");
        let phone = field(&header, &r, "phone");
        let email = field(&header, &r, "email");
        let key = field(&header, &r, "staff_id")
            .map(|k| format!("id:{k}"))
            .or_else(|| {
                phone
                    .as_ref()
                    .map(|p| format!("phone:{}", p.replace([' ', '.'], "")))
            })
            .or_else(|| {
                email
                    .as_ref()
                    .map(|e| format!("email:{}", e.to_lowercase()))
            })
            .unwrap_or_else(|| {
                format!(
                    "name:{}|{}",
                    name.to_lowercase(),
                    position.as_deref().unwrap_or("")
                )
            });
        // Two people who look alike would silently become one account.
        if let Some(first) = seen.insert((unit_code.clone(), key.clone()), line) {
            errors.push(LineError {
                line,
                message: format!(
                    "same person as line {first} ({key} in unit {unit_code}): add a staff_id column to tell them apart"
                ),
            });
            continue;
        }
        let contact = match (phone, email) {
            (Some(p), Some(e)) => Some(format!("{p}, {e}")),
            (p, e) => p.or(e),
        };
        rows.push(StaffRow {
            key: key.chars().take(128).collect(),
            name,
            unit_code,
            position,
            contact,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn the_official_list_of_communes_parses_whole() {
        let text = include_str!("../../../content/_orgs/dak-lak-communes-2025.csv");
        let rows = parse_units(text).unwrap();
        assert_eq!(
            rows.len(),
            103,
            "the province and its 102 communes and wards"
        );
        let count = |kind: &str| rows.iter().filter(|r| r.kind == kind).count();
        assert_eq!(
            (count("province"), count("commune"), count("ward")),
            (1, 88, 14)
        );
        assert!(
            rows[1..]
                .iter()
                .all(|r| r.parent_code.as_deref() == Some("66"))
        );
        assert!(
            rows.iter()
                .any(|r| r.code == "24235" && r.name == "Xã Buôn Đôn")
        );
    }

    #[test]
    fn formulas_are_neutralised_and_awkward_names_round_trip() {
        let names = [
            "H'Hen Niê, \"Ami\"",
            "Y Ƀhăm Ê\u{306}ban\nxã Ea Kao",
            "=HYPERLINK(\"http://evil\")",
            "+84 912",
            "-1",
            "@SUM(A1)",
            "Nguyễn Thị Hoa",
        ];
        let rows: Vec<Vec<String>> = names
            .iter()
            .map(|n| vec![n.to_string(), "1".into()])
            .collect();
        let text = write(&["name", "n"], &rows);
        assert!(text.starts_with('\u{feff}'));
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let back: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        assert_eq!(back[0], names[0]);
        assert_eq!(back[1], names[1]);
        assert_eq!(back[2], format!("'{}", names[2]));
        assert_eq!(back[3], "'+84 912");
        assert_eq!(back[4], "'-1");
        assert_eq!(back[5], "'@SUM(A1)");
        assert_eq!(back[6], names[6]);
    }

    #[test]
    fn unit_files_are_checked_line_by_line() {
        let ok = "code,name,parent_code,kind,adults\n68,Tỉnh Đắk Lắk,,province,\n24100,\"Xã Ea Kao, TP\",68,commune,\"12.500\"\n";
        let rows = parse_units(ok).unwrap();
        assert_eq!(rows[1].name, "Xã Ea Kao, TP");
        assert_eq!(rows[1].adults, Some(12500));
        let bad = "code,name,parent_code,kind\n68,Tỉnh,,province\n68,Again,,province\nx y,Bad,,commune\nZ,Zed,,hamlet\n";
        let errors = parse_units(bad).unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 3, "{text:?}");
        assert!(text[0].starts_with("line 3") && text[0].contains("twice"));
        assert!(text[1].starts_with("line 4") && text[1].contains("x y"));
        assert!(text[2].starts_with("line 5") && text[2].contains("hamlet"));
        assert!(
            parse_units("code,name\n").unwrap_err()[0]
                .message
                .contains("parent_code")
        );
    }

    #[test]
    fn staff_are_keyed_by_id_then_phone_then_email_then_name() {
        let text = "name,unit,position,staff_id,phone,email\nA,U,Chuyên viên,77,,\nB,U,,,0912 345,\nC,U,,,,c@x.vn\nD,U,Kế toán,,,\n";
        let keys: Vec<String> = parse_staff(text)
            .unwrap()
            .into_iter()
            .map(|s| s.key)
            .collect();
        assert_eq!(
            keys,
            ["id:77", "phone:0912345", "email:c@x.vn", "name:d|Kế toán"]
        );
        let twins =
            "name,unit,position\nNguyễn Văn Hùng,U,Chuyên viên\nNguyễn Văn Hùng,U,Chuyên viên\n";
        let errors = parse_staff(twins).unwrap_err();
        assert!(
            errors[0].line == 3 && errors[0].message.contains("line 2"),
            "{errors:?}"
        );
    }
}
