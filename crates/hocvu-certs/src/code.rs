//! Short, human-typable certificate codes.
//!
//! A [`CertCode`] is 10 characters: 9 random symbols from Crockford's base32
//! alphabet (`0-9 A-Z` without `I L O U`, 45 random bits) followed by one
//! Crockford check symbol (the 45-bit value modulo 37).
//!
//! Crockford's check alphabet has 37 symbols: the 32 base symbols plus
//! `* ~ $ = U`. Those five are awkward in URLs and on phone keyboards, so
//! [`CertCode::generate`] throws away (and redraws) any code whose check value
//! is 32..=36. Every issued code therefore uses only the 32 base symbols, and
//! [`CertCode::parse`] rejects the five extra symbols. This costs
//! log2(37/32) ≈ 0.2 bits of the 45 and keeps all the error detection of the
//! mod-37 check: any single wrong symbol and any swap of two neighbouring
//! symbols is caught.
//!
//! Typing is forgiving: lowercase is accepted, hyphens and spaces are ignored,
//! `I`/`L` read as `1` and `O` as `0`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Crockford base32 symbols, index = value.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Number of random symbols before the check symbol.
const DATA_LEN: usize = 9;
/// Total length of the canonical form.
pub const CODE_LEN: usize = DATA_LEN + 1;
/// Redraws before giving up; (5/37)^64 makes reaching this impossible in practice.
const MAX_DRAWS: usize = 64;

/// Why a typed certificate code was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error(
        "a certificate code has {expected} letters or digits (for example ABCDE-FGHJK), this one has {found}"
    )]
    WrongLength { expected: usize, found: usize },
    #[error(
        "'{symbol}' (position {position}) cannot appear in a certificate code; codes use the digits 0-9 and the letters A-Z except I, L, O and U"
    )]
    BadSymbol { symbol: char, position: usize },
    #[error(
        "this certificate code is mistyped (its check letter does not match); please compare it with the certificate again"
    )]
    CheckMismatch,
    #[error("could not create a certificate code: the system random number generator failed ({0})")]
    Random(String),
}

/// A validated certificate code in canonical form (10 upper-case symbols).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CertCode([u8; CODE_LEN]);

impl CertCode {
    /// Draws a new random code from the operating system's generator.
    pub fn generate() -> Result<CertCode, CodeError> {
        for _ in 0..MAX_DRAWS {
            let mut bytes = [0u8; 8];
            getrandom::fill(&mut bytes).map_err(|e| CodeError::Random(e.to_string()))?;
            let value = u64::from_le_bytes(bytes) & ((1 << (5 * DATA_LEN)) - 1);
            if let Some(code) = Self::from_value(value) {
                return Ok(code);
            }
        }
        Err(CodeError::Random(
            "no usable code after many draws; the generator is not random".to_owned(),
        ))
    }

    /// The code a seed stands for, always the same for the same seed (rotating check-in codes
    /// are derived this way from a secret and the minute).
    pub fn from_seed(seed: u64) -> CertCode {
        let mask = (1u64 << (5 * DATA_LEN)) - 1;
        // Consecutive values run through every check residue within 37 steps.
        (0..37)
            .find_map(|i| Self::from_value(seed.wrapping_add(i) & mask))
            .unwrap_or(CertCode([b'0'; CODE_LEN]))
    }

    /// Builds the code for a 45-bit value, or `None` when its check symbol
    /// would be one of the five extra symbols (see module docs).
    pub(crate) fn from_value(value: u64) -> Option<CertCode> {
        if value >> (5 * DATA_LEN) != 0 {
            return None;
        }
        let check = usize::try_from(value % 37).ok()?;
        let check_symbol = *ALPHABET.get(check)?;
        let mut out = [0u8; CODE_LEN];
        for (i, slot) in out.iter_mut().take(DATA_LEN).enumerate() {
            let shift = 5 * (DATA_LEN - 1 - i);
            // Masked to 5 bits, so always a valid index.
            *slot = ALPHABET[((value >> shift) & 31) as usize];
        }
        out[DATA_LEN] = check_symbol;
        Some(CertCode(out))
    }

    /// Parses a typed code: case-insensitive, ignores hyphens and spaces,
    /// reads `I`/`L` as `1` and `O` as `0`.
    pub fn parse(input: &str) -> Result<CertCode, CodeError> {
        let mut values = Vec::with_capacity(CODE_LEN);
        let mut position = 0;
        for c in input.chars() {
            if c == '-' || c == ' ' {
                continue;
            }
            position += 1;
            match symbol_value(c) {
                // Past the expected length only the count matters.
                Some(v) if values.len() <= CODE_LEN => values.push(v),
                Some(_) => {}
                None => {
                    return Err(CodeError::BadSymbol {
                        symbol: c,
                        position,
                    });
                }
            }
        }
        if position != CODE_LEN {
            return Err(CodeError::WrongLength {
                expected: CODE_LEN,
                found: position,
            });
        }
        let value = values[..DATA_LEN]
            .iter()
            .fold(0u64, |acc, &v| (acc << 5) | u64::from(v));
        let code = CertCode::from_value(value).ok_or(CodeError::CheckMismatch)?;
        if u64::from(values[DATA_LEN]) != value % 37 {
            return Err(CodeError::CheckMismatch);
        }
        Ok(code)
    }

    /// The canonical 10-symbol form, e.g. `ABCDEFGHJK` (store and sign this).
    pub fn as_str(&self) -> &str {
        // Every byte comes from ALPHABET, which is ASCII.
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The grouped form for people, e.g. `ABCDE-FGHJK` (same as `Display`).
    pub fn grouped(&self) -> String {
        self.to_string()
    }
}

/// Value of one typed symbol, with Crockford's reading of look-alikes.
fn symbol_value(c: char) -> Option<u8> {
    let c = match c.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    let byte = u8::try_from(c).ok()?;
    ALPHABET
        .iter()
        .position(|&a| a == byte)
        .and_then(|p| u8::try_from(p).ok())
}

impl fmt::Display for CertCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.as_str();
        let (head, tail) = s.split_at_checked(5).unwrap_or((s, ""));
        write!(f, "{head}-{tail}")
    }
}

impl fmt::Debug for CertCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CertCode({})", self.as_str())
    }
}

impl FromStr for CertCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CertCode::parse(s)
    }
}

impl Serialize for CertCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CertCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        CertCode::parse(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<CertCode> {
        // Deterministic spread of values plus some random ones.
        let mut out: Vec<CertCode> = (0..2000u64)
            .filter_map(|i| CertCode::from_value(i.wrapping_mul(0x9E37_79B9_7F4A) % (1 << 45)))
            .take(300)
            .collect();
        for _ in 0..50 {
            out.push(CertCode::generate().unwrap());
        }
        out
    }

    #[test]
    fn seeds_give_valid_codes_deterministically() {
        for seed in [0u64, 1, 36, 37, u64::MAX, 0xdead_beef_cafe] {
            let code = CertCode::from_seed(seed);
            assert_eq!(CertCode::parse(code.as_str()), Ok(code), "{seed}");
            assert_eq!(CertCode::from_seed(seed), code);
        }
        assert_ne!(CertCode::from_seed(1 << 20), CertCode::from_seed(2 << 20));
    }

    #[test]
    fn generated_codes_use_only_base_symbols_and_round_trip() {
        for _ in 0..500 {
            let code = CertCode::generate().unwrap();
            let s = code.as_str();
            assert_eq!(s.len(), CODE_LEN);
            assert!(s.bytes().all(|b| ALPHABET.contains(&b)), "{s}");
            assert_eq!(CertCode::parse(s).unwrap(), code);
            assert_eq!(CertCode::parse(&code.to_string()).unwrap(), code);
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{s}\""));
            assert_eq!(serde_json::from_str::<CertCode>(&json).unwrap(), code);
        }
    }

    #[test]
    fn display_groups_five_and_five() {
        let code = CertCode::from_value(0).unwrap();
        assert_eq!(code.as_str(), "0000000000");
        assert_eq!(code.to_string(), "00000-00000");
        let code = CertCode::from_value(1).unwrap();
        assert_eq!(code.as_str(), "0000000011");
        assert_eq!(code.grouped(), "00000-00011");
    }

    #[test]
    fn codes_needing_an_extra_check_symbol_are_never_made() {
        // 32..=36 mod 37 would need * ~ $ = U.
        for v in 32..37u64 {
            assert!(CertCode::from_value(v).is_none());
        }
        assert!(CertCode::from_value(37).is_some());
        assert!(CertCode::from_value(1 << 45).is_none());
    }

    #[test]
    fn every_single_substitution_is_detected() {
        for code in samples() {
            let original = code.as_str().as_bytes().to_vec();
            for pos in 0..CODE_LEN {
                for &sym in ALPHABET.iter() {
                    if sym == original[pos] {
                        continue;
                    }
                    let mut typed = original.clone();
                    typed[pos] = sym;
                    let typed = String::from_utf8(typed).unwrap();
                    assert_eq!(
                        CertCode::parse(&typed),
                        Err(CodeError::CheckMismatch),
                        "{typed} (from {code:?}) was accepted"
                    );
                }
            }
        }
    }

    #[test]
    fn adjacent_transpositions_are_detected() {
        for code in samples() {
            let original = code.as_str().as_bytes().to_vec();
            for pos in 0..CODE_LEN - 1 {
                if original[pos] == original[pos + 1] {
                    continue;
                }
                let mut typed = original.clone();
                typed.swap(pos, pos + 1);
                let typed = String::from_utf8(typed).unwrap();
                assert!(
                    CertCode::parse(&typed).is_err(),
                    "{typed} (from {code:?}) was accepted"
                );
            }
        }
    }

    #[test]
    fn typing_is_normalised() {
        let code = CertCode::from_value(0x0123_4567_89AB).unwrap();
        let canonical = code.as_str().to_owned();
        let lower = canonical.to_ascii_lowercase();
        assert_eq!(CertCode::parse(&lower).unwrap(), code);
        let spaced = format!(" {} - {} ", &lower[..5], &lower[5..]);
        assert_eq!(CertCode::parse(&spaced).unwrap(), code);
        let chunked = format!(
            "{}-{}-{}",
            &canonical[..3],
            &canonical[3..6],
            &canonical[6..]
        );
        assert_eq!(CertCode::parse(&chunked).unwrap(), code);

        // Look-alikes: build a code containing 0 and 1 and type them as O, o, I, l.
        let code = CertCode::from_value(1 + (1 << 5) + (1 << 40)).unwrap();
        let canonical = code.as_str().to_owned();
        assert!(
            canonical.contains('0') && canonical.contains('1'),
            "{canonical}"
        );
        let typed: String = canonical
            .chars()
            .enumerate()
            .map(|(i, c)| match (c, i % 2) {
                ('0', 0) => 'O',
                ('0', _) => 'o',
                ('1', 0) => 'I',
                ('1', _) => 'l',
                (c, _) => c,
            })
            .collect();
        assert_eq!(CertCode::parse(&typed).unwrap(), code);
    }

    #[test]
    fn distinct_errors() {
        assert_eq!(
            CertCode::parse(""),
            Err(CodeError::WrongLength {
                expected: 10,
                found: 0
            })
        );
        assert_eq!(
            CertCode::parse("ABCDE-FGHJ"),
            Err(CodeError::WrongLength {
                expected: 10,
                found: 9
            })
        );
        assert!(matches!(
            CertCode::parse("ABCDE-FGHJKM"),
            Err(CodeError::WrongLength { found: 11, .. })
        ));
        assert_eq!(
            CertCode::parse("ABCDU-FGHJK"),
            Err(CodeError::BadSymbol {
                symbol: 'U',
                position: 5
            })
        );
        assert!(matches!(
            CertCode::parse("ABCDE-FGHJ*"),
            Err(CodeError::BadSymbol { symbol: '*', .. })
        ));
        assert!(matches!(
            CertCode::parse("ABCDÊ-FGHJK"),
            Err(CodeError::BadSymbol { symbol: 'Ê', .. })
        ));
        // Very long input is refused without growing memory.
        let long = "0".repeat(10_000);
        assert_eq!(
            CertCode::parse(&long),
            Err(CodeError::WrongLength {
                expected: 10,
                found: 10_000
            })
        );
        // Messages are for people.
        let msg = CodeError::CheckMismatch.to_string();
        assert!(msg.contains("mistyped"));
    }
}
