//! The one check of a person's name (registration, activation, "My details", staff import):
//! one stored spelling however it was typed, and a clear refusal for what cannot be a name.
//!
//! Stored form: NFC, single spaces, and the Ê Đê breve letters as FACTS.md has them: ê̆ ô̆ ơ̆ ư̆
//! have no precomposed form, so NFC keeps them as base + U+0306 — but only if the breve was
//! typed after the circumflex. Typing it first ("e U+0306 U+0302", ĕ with a hat) is the same
//! letter on screen, so the marks of one letter are put in one order before composing.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_script::{Script, UnicodeScript};

/// Longest name, in characters (Unicode scalar values) of the stored form.
pub const MAX_NAME_CHARS: usize = 120;

const BREVE: char = '\u{306}';
const CIRCUMFLEX: char = '\u{302}';

/// Why a name was refused; [`NameProblem::key`] is the interface string for the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    Empty,
    TooLong,
    /// Control or invisible characters (tabs inside, zero-width spaces, NUL…).
    Control,
    /// Bidirectional overrides, embeddings, isolates and marks: they can make a name read
    /// differently from what is stored.
    Bidi,
    /// Only marks, or a mark (such as ˘) with no letter under it.
    StrayMark,
}

impl NameProblem {
    pub fn key(self) -> &'static str {
        match self {
            NameProblem::Empty => "account-error-name",
            NameProblem::TooLong => "account-error-name-long",
            NameProblem::Control => "account-error-name-control",
            NameProblem::Bidi => "account-error-name-bidi",
            NameProblem::StrayMark => "account-error-name-marks",
        }
    }
}

/// In English, for the command line (staff import); pages use [`NameProblem::key`].
impl std::fmt::Display for NameProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            NameProblem::Empty => "the name is empty",
            NameProblem::TooLong => "the name is longer than 120 characters",
            NameProblem::Control => "the name contains control or invisible characters",
            NameProblem::Bidi => "the name contains text-direction control characters",
            NameProblem::StrayMark => "the name has a mark with no letter under it",
        })
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Invisible format characters a name has no use for (zero-width space and joiners, word
/// joiner, soft hyphen, byte-order mark).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{00AD}' | '\u{FEFF}')
}

/// Order of marks of the same combining class within one letter: circumflex, breve, then the
/// rest as typed (Vietnamese tone marks come last: ấ, ắ; Ê Đê ê̆).
fn mark_rank(c: char) -> u8 {
    match c {
        CIRCUMFLEX => 0,
        BREVE => 1,
        _ => 2,
    }
}

/// Minority-language text other than a name (a session's place): the same one spelling of
/// each letter as names get, whatever order its marks were typed in.
pub fn normalise_text(typed: &str) -> String {
    compose(typed)
}

/// NFD with each letter's marks sorted by (combining class, [`mark_rank`]), then NFC.
fn compose(name: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(name.len());
    let mut marks: Vec<char> = Vec::new();
    let flush = |out: &mut Vec<char>, marks: &mut Vec<char>| {
        marks.sort_by_key(|&m| (canonical_combining_class(m), mark_rank(m)));
        out.append(marks);
    };
    for c in name.nfd() {
        if canonical_combining_class(c) == 0 {
            flush(&mut out, &mut marks);
            out.push(c);
        } else {
            marks.push(c);
        }
    }
    flush(&mut out, &mut marks);
    out.into_iter().nfc().collect()
}

/// The stored form of a typed name, or why it cannot be one.
pub fn normalise_name(typed: &str) -> Result<String, NameProblem> {
    let mut spaced = String::with_capacity(typed.len());
    for word in typed.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !spaced.is_empty() {
            spaced.push(' ');
        }
        spaced.push_str(word);
    }
    if spaced.chars().any(is_bidi_control) {
        return Err(NameProblem::Bidi);
    }
    if spaced.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Err(NameProblem::Control);
    }
    let name = compose(&spaced);
    if name.is_empty() {
        return Err(NameProblem::Empty);
    }
    // A mark must sit on a letter: not first, not after a space.
    let mut previous = ' ';
    for c in name.chars() {
        if is_combining_mark(c) && previous == ' ' {
            return Err(NameProblem::StrayMark);
        }
        previous = c;
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameProblem::TooLong);
    }
    Ok(name)
}

/// Why a typed username is not one, more precisely than "not valid" where that helps: a
/// letter from another alphabet that looks Latin (Cyrillic "а" in "hoang") gets its own key.
pub fn username_problem(typed: &str) -> &'static str {
    let mut latin = false;
    let mut other = false;
    for c in typed.chars() {
        match c.script() {
            Script::Latin => latin = true,
            Script::Common | Script::Inherited | Script::Unknown => {}
            _ => other = true,
        }
    }
    if latin && other {
        "account-error-username-lookalike"
    } else {
        "account-error-username"
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn place_text_gets_one_spelling_of_each_breve_letter() {
        // "Buôn Ê̆" with the breve typed before or after the circumflex.
        let a = normalise_text("Bu\u{f4}n E\u{306}\u{302}");
        let b = normalise_text("Buo\u{302}n \u{ca}\u{306}");
        assert_eq!(a, b);
        assert_eq!(a, "Bu\u{f4}n \u{ca}\u{306}");
    }
    use super::*;

    #[test]
    fn breve_letters_are_one_spelling_however_the_marks_were_typed() {
        let stored = "H'Ê\u{306} Ƀuôn ô\u{306}";
        for typed in [
            "H'Ê\u{306} Ƀuôn ô\u{306}",                      // as stored
            "H'E\u{302}\u{306} Ƀuo\u{302}n o\u{302}\u{306}", // decomposed, circumflex first
            "H'E\u{306}\u{302} Ƀuôn o\u{306}\u{302}",        // breve typed before the circumflex
            "H'\u{114}\u{302} Ƀuôn \u{14F}\u{302}", // precomposed Ĕ / ŏ, then the circumflex
            "  H'Ê\u{306}\t Ƀuôn   ô\u{306} ",      // spaces collapse
        ] {
            assert_eq!(normalise_name(typed).as_deref(), Ok(stored), "{typed:?}");
        }
        // Horn letters: canonical ordering already puts the horn before the breve.
        assert_eq!(
            normalise_name("o\u{306}\u{31B} u\u{31B}\u{306} Ơ\u{306}"),
            Ok("ơ\u{306} ư\u{306} Ơ\u{306}".into())
        );
        // The precomposed breve letters stay precomposed; Vietnamese tones keep their order.
        assert_eq!(
            normalise_name("a\u{306} e\u{306} i\u{306}"),
            Ok("ă ĕ ĭ".into())
        );
        assert_eq!(
            normalise_name("a\u{301}\u{306} Nguye\u{302}\u{303}n"),
            Ok("ắ Nguyễn".into())
        );
    }

    #[test]
    fn apostrophes_and_ede_consonants_are_kept_as_typed() {
        for name in [
            "H'Hen Niê",
            "H\u{2019}Hen Niê",
            "H\u{2BC}Hen Niê",
            "Y Ƀhăm Čuôr Ñuôl Đăm",
        ] {
            assert_eq!(normalise_name(name).as_deref(), Ok(name));
        }
    }

    #[test]
    fn what_cannot_be_a_name_is_refused_with_its_reason() {
        assert_eq!(normalise_name(""), Err(NameProblem::Empty));
        assert_eq!(
            normalise_name(" \t\u{3000}\u{A0} "),
            Err(NameProblem::Empty)
        );
        assert_eq!(normalise_name(&"ă".repeat(121)), Err(NameProblem::TooLong));
        assert!(
            normalise_name(&"ê\u{306}".repeat(60)).is_ok(),
            "120 characters"
        );
        assert_eq!(normalise_name("Y\u{0}Ƀhăm"), Err(NameProblem::Control));
        assert_eq!(normalise_name("Y\u{7}Ƀhăm"), Err(NameProblem::Control));
        assert_eq!(normalise_name("Y\u{200B}Ƀhăm"), Err(NameProblem::Control));
        for bidi in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{61C}',
        ] {
            assert_eq!(
                normalise_name(&format!("H'Hen {bidi}Niê")),
                Err(NameProblem::Bidi)
            );
        }
        assert_eq!(
            normalise_name("\u{306}\u{302}"),
            Err(NameProblem::StrayMark)
        );
        assert_eq!(normalise_name("\u{306}H'Hen"), Err(NameProblem::StrayMark));
        assert_eq!(
            normalise_name("H'Hen \u{306}Niê"),
            Err(NameProblem::StrayMark)
        );
        for p in [
            NameProblem::Empty,
            NameProblem::TooLong,
            NameProblem::Control,
            NameProblem::Bidi,
            NameProblem::StrayMark,
        ] {
            assert!(p.key().starts_with("account-error-name"));
        }
    }

    #[test]
    fn look_alike_letters_in_usernames_are_named() {
        // Cyrillic а (U+0430) and о (U+043E) in Latin usernames.
        assert_eq!(
            username_problem("ho\u{430}ng"),
            "account-error-username-lookalike"
        );
        assert_eq!(
            username_problem("y.ban\u{43E}"),
            "account-error-username-lookalike"
        );
        assert_eq!(
            username_problem("h.nie\u{3BF}"),
            "account-error-username-lookalike",
            "Greek ο"
        );
        assert_eq!(username_problem("ab"), "account-error-username");
        assert_eq!(
            username_problem("\u{430}\u{431}\u{432}"),
            "account-error-username"
        );
    }
}
