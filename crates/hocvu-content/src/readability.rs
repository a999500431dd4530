//! Plain-language figures for authors: words, sentences and reading time of a lesson.
//!
//! A "word" is a space-separated token (a syllable in Vietnamese). A sentence ends at `.`, `?`,
//! `!` or `:` followed by a space, or at the end of a block (paragraph, heading, list item).

/// A slow reader: 60% of the ~200 words a minute of an average adult reading Vietnamese.
pub const SLOW_WORDS_PER_MINUTE: f64 = 120.0;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
}

impl Readability {
    /// Figures for text with one block per line (as [`crate::markdown::Rendered::text`]).
    pub fn of(text: &str) -> Readability {
        let mut r = Readability::default();
        for block in text.lines() {
            let mut in_sentence = 0;
            for word in block.split_whitespace() {
                if !word.chars().any(char::is_alphanumeric) {
                    continue;
                }
                r.words += 1;
                in_sentence += 1;
                if word.ends_with(['.', '?', '!', ':']) {
                    r.sentences += 1;
                    in_sentence = 0;
                }
            }
            if in_sentence > 0 {
                r.sentences += 1;
            }
        }
        r
    }

    pub fn words_per_sentence(&self) -> f64 {
        if self.sentences == 0 {
            0.0
        } else {
            self.words as f64 / self.sentences as f64
        }
    }

    pub fn slow_reading_minutes(&self) -> f64 {
        self.words as f64 / SLOW_WORDS_PER_MINUTE
    }
}

impl std::ops::Add for Readability {
    type Output = Readability;

    fn add(self, other: Readability) -> Readability {
        Readability {
            words: self.words + other.words,
            sentences: self.sentences + other.sentences,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_and_sentences_per_block() {
        let r = Readability::of(
            "Mở ứng dụng. Bấm nút đăng nhập!\nBước một\n- ->\nCâu hỏi: chọn một?\n",
        );
        assert_eq!(r.words, 13);
        assert_eq!(r.sentences, 5);
        assert!((r.words_per_sentence() - 2.6).abs() < 1e-9);
    }

    #[test]
    fn minutes_at_slow_pace() {
        let text = "chữ ".repeat(240);
        assert!((Readability::of(&text).slow_reading_minutes() - 2.0).abs() < 1e-9);
    }
}
