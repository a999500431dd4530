//! Author diagnostics: `path:line:col: error[CODE]: message`, collected all at once.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Every diagnostic code, documented for authors in `content/README.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Code {
    InvalidUtf8,
    FrontMatterMissing,
    TomlSyntax,
    UnknownKey,
    MissingKey,
    InvalidValue,
    UnsupportedLocale,
    DuplicateId,
    LessonFileMissing,
    LessonNotInManifest,
    DuplicateLesson,
    OrphanTranslation,
    RawHtml,
    UnsafeLink,
    BrokenLink,
    ImageMissing,
    ImageUndecodable,
    ImageAltMissing,
    QuizNoCorrect,
    QuizEmptyOption,
    QuizDuplicateOption,
    QuizMisplacedContent,
    TranslationQuizMismatch,
    NoManifest,
    VersionNotBumped,
    ReviewerMissing,
    ImageOutsideCourse,
    InvalidSlug,
    QuizNoOptions,
    ImageTooLarge,
    NotNfc,
    TopLevelHeading,
    StaleTranslation,
    BreveOrder,
    FeedbackMissing,
    UnreleasedChange,
    CheckedMissing,
    CheckedTooOld,
    PassMarkDemandsAll,
    GlossaryDrift,
    // Narration (issue 17).
    NarrationUndecodable,
    NarrationMislabelled,
    OrphanNarration,
    NarrationTooLong,
    NarrationIncomplete,
    NarrationOverBudget,
    StaleNarration,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            InvalidUtf8 => "E001",
            FrontMatterMissing => "E002",
            TomlSyntax => "E003",
            UnknownKey => "E004",
            MissingKey => "E005",
            InvalidValue => "E006",
            UnsupportedLocale => "E007",
            DuplicateId => "E008",
            LessonFileMissing => "E009",
            LessonNotInManifest => "E010",
            DuplicateLesson => "E011",
            OrphanTranslation => "E012",
            RawHtml => "E013",
            UnsafeLink => "E014",
            BrokenLink => "E015",
            ImageMissing => "E016",
            ImageUndecodable => "E017",
            ImageAltMissing => "E018",
            QuizNoCorrect => "E019",
            QuizEmptyOption => "E020",
            QuizDuplicateOption => "E021",
            QuizMisplacedContent => "E022",
            TranslationQuizMismatch => "E023",
            NoManifest => "E024",
            VersionNotBumped => "E025",
            ReviewerMissing => "E026",
            ImageOutsideCourse => "E027",
            InvalidSlug => "E028",
            QuizNoOptions => "E029",
            ImageTooLarge => "W101",
            NotNfc => "W102",
            TopLevelHeading => "W103",
            StaleTranslation => "W104",
            BreveOrder => "W105",
            FeedbackMissing => "W106",
            UnreleasedChange => "W107",
            CheckedMissing => "W108",
            CheckedTooOld => "W109",
            PassMarkDemandsAll => "W110",
            GlossaryDrift => "W111",
            NarrationUndecodable => "E030",
            NarrationMislabelled => "E031",
            OrphanNarration => "E032",
            NarrationTooLong => "E033",
            NarrationIncomplete => "E034",
            NarrationOverBudget => "W112",
            StaleNarration => "W113",
        }
    }

    pub fn severity(self) -> Severity {
        if self.as_str().starts_with('E') {
            Severity::Error
        } else {
            Severity::Warning
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
    pub code: Code,
    pub message: String,
}

impl Diagnostic {
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {level}[{}]: {}",
            self.path.display(),
            self.line,
            self.col,
            self.code.as_str(),
            self.message
        )
    }
}

/// Maps byte offsets of one file to 1-based line and column (columns count characters).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: impl Into<PathBuf>, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, col + 1)
    }
}

/// Collects diagnostics for a whole run; never stops at the first.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn at(&mut self, file: &SourceFile, offset: usize, code: Code, message: impl Into<String>) {
        let (line, col) = file.line_col(offset);
        self.push(&file.path, line, col, code, message);
    }

    pub fn push(
        &mut self,
        path: &Path,
        line: usize,
        col: usize,
        code: Code,
        message: impl Into<String>,
    ) {
        self.items.push(Diagnostic {
            path: path.to_path_buf(),
            line,
            col,
            code,
            message: message.into(),
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity() == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity() == severity)
            .count()
    }

    /// Sorted by file, line and column, duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort();
        self.items.dedup();
        self.items
    }

    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let f = SourceFile::new("a.md", "ab\nê̆x\n".to_string());
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // ê̆ is two chars (U+00EA U+0306), four bytes.
        assert_eq!(f.line_col(3 + 4), (2, 3));
        assert_eq!(f.line_col(1000), (3, 1));
    }

    #[test]
    fn display_format() {
        let mut d = Diagnostics::default();
        let f = SourceFile::new("c/01.md", "x\ny".into());
        d.at(&f, 2, Code::RawHtml, "raw HTML");
        let s = d.into_sorted()[0].to_string();
        assert_eq!(s, "c/01.md:2:1: error[E013]: raw HTML");
    }
}
