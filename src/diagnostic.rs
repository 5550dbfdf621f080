//! Errors and warnings as data: every problem found in a run carries the file,
//! the position in that file, a message and a hint, so that one reporting layer
//! ([`crate::report`]) can print all of them together.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is: errors fail the run, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Fails the build (exit code 1).
    Error,
    /// Reported, but the build still succeeds.
    Warning,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file the problem is in (as given, usually relative to the site root).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column (in characters), when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `file`, position unknown.
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `file`, position unknown.
    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    /// Sets the 1-based line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, pos: Position) -> Self {
        self.line = Some(pos.line);
        self.column = Some(pos.column);
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What kind of problem this is: the severity and the message with every
    /// quoted name and number taken out, so that `panelist "Ann" never speaks`
    /// and `panelist "Bo" never speaks` are one kind.
    pub fn kind(&self) -> (Severity, String) {
        let mut kind = String::with_capacity(self.message.len());
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for c in self.message.chars() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                        kind.push(c);
                    }
                }
                None if c == '"' || c == '`' => {
                    quote = Some(c);
                    kind.push(c);
                }
                None if c.is_ascii_digit() => {
                    if !kind.ends_with('#') {
                        kind.push('#');
                    }
                }
                None => kind.push(c),
            }
        }
        (self.severity, kind)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A line and column, both 1-based; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the text).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }
}

/// The diagnostics of a run, errors and warnings together.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Adds many.
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(ds);
    }

    /// True when at least one is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// The report of these diagnostics (sorted first) with at most `limit`
    /// warnings of each [kind](Diagnostic::kind): after the last one shown, one
    /// [`Entry::More`] says how many more of that kind were left out. Errors are
    /// always all shown.
    pub fn summarised(&self, limit: usize) -> Vec<Entry<'_>> {
        use std::collections::HashMap;
        let mut sorted: Vec<&Diagnostic> = self.0.iter().collect();
        sorted.sort_by(|a, b| order(a, b));
        let mut totals: HashMap<(Severity, String), usize> = HashMap::new();
        for d in sorted.iter().filter(|d| !d.is_error()) {
            *totals.entry(d.kind()).or_default() += 1;
        }
        let mut shown: HashMap<(Severity, String), usize> = HashMap::new();
        let mut out = Vec::with_capacity(sorted.len());
        for d in sorted {
            if d.is_error() {
                out.push(Entry::Shown(d));
                continue;
            }
            let kind = d.kind();
            let total = totals.get(&kind).copied().unwrap_or(0);
            let n = shown.entry(kind).or_default();
            *n += 1;
            if *n <= limit {
                out.push(Entry::Shown(d));
                if *n == limit && total > limit {
                    out.push(Entry::More(total - limit));
                }
            }
        }
        out
    }

    /// Sorts by file, line and column so a report reads top to bottom.
    pub fn sort(&mut self) {
        self.0.sort_by(order);
    }
}

/// Report order: by file, line and column.
fn order(a: &Diagnostic, b: &Diagnostic) -> std::cmp::Ordering {
    (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
}

/// Most warnings of one kind a `site build` or `site serve` report shows; `site
/// check` lists all.
pub const WARNINGS_SHOWN_PER_KIND: usize = 20;

/// One line of a summarised report (see [`Diagnostics::summarised`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry<'a> {
    /// A diagnostic, printed in full.
    Shown(&'a Diagnostic),
    /// How many more warnings of the kind just shown were left out.
    More(usize),
}

impl fmt::Display for Entry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Shown(d) => write!(f, "{d}"),
            Entry::More(n) => {
                write!(f, "  … and {} more like this; `site check` lists all", crate::wording::number(*n))
            }
        }
    }
}

/// The reason a run stopped: I/O or other failures that are not about content.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Content, configuration or templates are invalid; every problem is listed.
    #[error("{} error(s)", .0.error_count())]
    Invalid(Diagnostics),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { path: path.as_ref().to_path_buf(), source }
    }

    /// Turns this error into diagnostics for the report.
    pub fn into_diagnostics(self) -> Diagnostics {
        match self {
            Error::Invalid(ds) => ds,
            Error::Io { path, source } => {
                let hint = match source.kind() {
                    std::io::ErrorKind::PermissionDenied => {
                        "check the permissions of this path, or choose another one with --output"
                    }
                    std::io::ErrorKind::NotFound => "check that the path exists",
                    _ => "check the path and try again",
                };
                Diagnostics(vec![Diagnostic::error(path, source.to_string()).with_hint(hint)])
            }
        }
    }
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_of_offset_counts_lines_and_chars() {
        let text = "ab\ncdé\nf";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of_offset(text, 3), Position { line: 2, column: 1 });
        // 'é' is two bytes: the column after it counts one character.
        assert_eq!(Position::of_offset(text, 7), Position { line: 2, column: 4 });
        assert_eq!(Position::of_offset(text, 999), Position { line: 3, column: 2 });
    }

    #[test]
    fn kinds_ignore_names_and_numbers() {
        let a = Diagnostic::warning("a", "panelist \"Ann \\\"A\\\" Lee\" never speaks in turn 3");
        let b = Diagnostic::warning("b", "panelist \"Bo\" never speaks in turn 12");
        assert_eq!(a.kind(), b.kind());
        assert_ne!(a.kind(), Diagnostic::error("a", "panelist \"Bo\" never speaks in turn 1").kind());
        assert_ne!(a.kind(), Diagnostic::warning("a", "no `## Consensus` section").kind());
    }

    #[test]
    fn more_than_the_limit_of_one_kind_is_summarised_after_the_last_shown() {
        let mut ds = Diagnostics::default();
        for i in 0..25 {
            ds.push(Diagnostic::warning(
                format!("content/{i:02}/index.md"),
                format!("panelist \"P{i}\" never speaks"),
            ));
        }
        ds.push(Diagnostic::warning("content/00/index.md", "no `## Consensus` section"));
        ds.push(Diagnostic::error("content/30/index.md", "unknown verdict \"x\""));
        let entries = ds.summarised(20);
        let shown = entries.iter().filter(|e| matches!(e, Entry::Shown(_))).count();
        assert_eq!(shown, 20 + 1 + 1);
        let more = entries.iter().position(|e| *e == Entry::More(5)).expect("a summary line");
        assert!(matches!(entries[more - 1], Entry::Shown(d) if d.file == Path::new("content/19/index.md")));
        assert_eq!(entries[more].to_string(), "  … and 5 more like this; `site check` lists all");
        // At the limit exactly, nothing is summarised.
        assert!(!ds.summarised(25).iter().any(|e| matches!(e, Entry::More(_))));
    }

    #[test]
    fn display_has_file_line_column_and_hint() {
        let d = Diagnostic::error("content/a/index.md", "bad")
            .at(Position { line: 3, column: 7 })
            .with_hint("fix it");
        assert_eq!(d.to_string(), "error: content/a/index.md:3:7: bad\n  hint: fix it");
    }
}
