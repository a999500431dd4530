//! Reading author files: UTF-8 check, line endings, NFC normalisation and letter lints.

use crate::diag::{Code, Diagnostics, SourceFile};
use sha2::{Digest, Sha256};
use std::path::Path;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

/// Reads a text file as authors mean it: UTF-8 (E001 otherwise), LF line endings, NFC (W102).
pub fn read_text(path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(
                path,
                1,
                1,
                Code::InvalidUtf8,
                format!("cannot read file: {e}"),
            );
            return None;
        }
    };
    decode(path, bytes, diags)
}

pub fn decode(path: &Path, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<SourceFile> {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let file = SourceFile::new(path, prefix);
            diags.at(
                &file,
                valid,
                Code::InvalidUtf8,
                "file is not valid UTF-8: save it as UTF-8 (Unicode) in your editor",
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    let text = if is_nfc_fast(&text) {
        text
    } else {
        let nfc: String = text.nfc().collect();
        if nfc != text {
            let first = first_difference(&text, &nfc);
            let file = SourceFile::new(path, text.clone());
            diags.at(
                &file,
                first,
                Code::NotNfc,
                "text is not in Unicode NFC form; it was normalised for the build (save as NFC to silence this)",
            );
        }
        nfc
    };
    let file = SourceFile::new(path, text);
    lint_letters(&file, diags);
    Some(file)
}

/// Ê Đê's U+0306 makes the quick check answer "maybe" for a whole file; whitespace never
/// composes with its neighbours, so only the "maybe" words need the full (slow) check.
fn is_nfc_fast(text: &str) -> bool {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => true,
        IsNormalized::No => false,
        IsNormalized::Maybe => text
            .split(|c: char| c.is_ascii_whitespace())
            .all(|w| is_nfc_quick(w.chars()) == IsNormalized::Yes || is_nfc(w)),
    }
}

fn first_difference(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Ê Đê ê̆ ô̆ ơ̆ ư̆ are the circumflex/horn letter followed by U+0306; typing the breve first
/// gives ĕ + U+0302 instead, which looks alike in some fonts but is a different text.
fn lint_letters(file: &SourceFile, diags: &mut Diagnostics) {
    let mut prev: Option<(usize, char)> = None;
    for (i, c) in file.text.char_indices() {
        if let Some((at, p)) = prev
            && matches!(p, 'ĕ' | 'Ĕ' | 'ŏ' | 'Ŏ' | 'ŭ' | 'Ŭ' | 'ă' | 'Ă')
            && matches!(c, '\u{0302}' | '\u{031B}')
        {
            diags.at(
                file,
                at,
                Code::BreveOrder,
                format!(
                    "`{p}` followed by a combining {}: write the Vietnamese letter first, then the breve U+0306 (e.g. ê̆ = ê + U+0306)",
                    if c == '\u{0302}' { "circumflex" } else { "horn" }
                ),
            );
        }
        prev = Some((i, c));
    }
}

/// Hash of a source text as translators record it: the first 16 hex digits of its sha256.
pub fn text_hash(text: &str) -> String {
    let digest = hex::encode(Sha256::digest(text.as_bytes()));
    digest[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_str(bytes: &[u8]) -> (Option<SourceFile>, Vec<crate::diag::Diagnostic>) {
        let mut d = Diagnostics::default();
        let f = decode(Path::new("x.md"), bytes.to_vec(), &mut d);
        (f, d.into_sorted())
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let (f, d) = decode_str(b"ok\nab\xff\n");
        assert!(f.is_none());
        assert_eq!((d[0].line, d[0].col, d[0].code), (2, 3, Code::InvalidUtf8));
    }

    #[test]
    fn ede_breve_letters_survive_untouched() {
        let text = "Ê̆ ê̆ ô̆ ơ̆ ư̆ ƀ č ñ H\u{2019}Hen Niê";
        let (f, d) = decode_str(text.as_bytes());
        assert_eq!(f.unwrap().text, text);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn decomposed_text_is_normalised_with_warning() {
        // "e" + U+0302 is ê decomposed.
        let (f, d) = decode_str("a\nxe\u{0302}\n".as_bytes());
        assert_eq!(f.unwrap().text, "a\nxê\n");
        assert_eq!((d[0].line, d[0].col, d[0].code), (2, 2, Code::NotNfc));
    }

    #[test]
    fn breve_typed_first_is_flagged() {
        // e + breve + circumflex normalises to ĕ + U+0302.
        let (f, d) = decode_str("ke\u{0306}\u{0302}\n".as_bytes());
        assert!(f.is_some());
        assert!(
            d.iter().any(|d| d.code == Code::BreveOrder && d.col == 2),
            "{d:?}"
        );
    }

    #[test]
    fn crlf_and_bom_do_not_change_the_hash() {
        let (a, _) = decode_str(b"\xef\xbb\xbfx\r\ny\r\n");
        let (b, _) = decode_str(b"x\ny\n");
        assert_eq!(text_hash(&a.unwrap().text), text_hash(&b.unwrap().text));
    }
}
