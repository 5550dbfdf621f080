//! Front matter: the TOML block between the two `+++` lines at the top of an
//! `index.md`, read raw with spans so that errors point into the file.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// The front matter exactly as written; unknown keys are denied to catch typos.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    pub title: Spanned<String>,
    pub date: Spanned<toml::value::Datetime>,
    pub principles: Spanned<Vec<Spanned<String>>>,
    pub role: Spanned<String>,
    pub level: Option<Spanned<String>>,
    pub company: Option<String>,
    pub verdict: Spanned<String>,
    pub video: Option<Spanned<String>>,
    pub summary: Option<String>,
    pub slug: Option<Spanned<String>>,
    pub draft: Option<bool>,
    pub tags: Option<Vec<Spanned<String>>>,
    pub question: Option<Spanned<String>>,
    pub candidate: Option<Spanned<String>>,
    pub panelists: Spanned<Vec<RawPanelist>>,
}

/// Every front-matter key in the documented order (for did-you-mean hints).
pub const KEYS: [&str; 15] = [
    "title",
    "date",
    "principles",
    "role",
    "level",
    "company",
    "verdict",
    "video",
    "summary",
    "slug",
    "draft",
    "tags",
    "question",
    "candidate",
    "panelists",
];

/// Every key of a `[[panelists]]` table.
pub const PANELIST_KEYS: [&str; 5] = ["name", "role", "hire_reason", "concern", "vote"];

/// One `[[panelists]]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPanelist {
    pub name: Spanned<String>,
    pub role: Spanned<String>,
    pub hire_reason: Option<String>,
    pub concern: Option<String>,
    pub vote: Option<Spanned<String>>,
}

/// An `index.md` cut in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The TOML text between the delimiters.
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    /// The Markdown body after the closing delimiter.
    pub body: &'a str,
    /// 1-based line of the file on which the body starts.
    pub body_line: usize,
}

/// Why a file could not be split.
#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `+++` line.
    NoOpening,
    /// No closing `+++` line; holds the byte range of the opening line.
    NoClosing(Range<usize>),
}

/// Splits `text` into front matter and body. A UTF-8 byte-order mark and blank
/// lines before the opening `+++` are allowed.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut pos = text.strip_prefix('\u{feff}').map_or(0, |_| 3);
    // Skip leading blank lines.
    loop {
        let rest = &text[pos..];
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        if rest.is_empty() || !rest[..line_end].trim().is_empty() {
            break;
        }
        pos += line_end;
    }
    let rest = &text[pos..];
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_end].trim_end() != "+++" {
        return Err(SplitError::NoOpening);
    }
    let toml_offset = pos + first_end;
    let mut line_start = toml_offset;
    while line_start < text.len() {
        let rest = &text[line_start..];
        let line_len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        if rest[..line_len].trim_end() == "+++" {
            let body_start = line_start + line_len;
            let body_line = text[..body_start].matches('\n').count() + 1;
            return Ok(Split {
                toml: &text[toml_offset..line_start],
                toml_offset,
                body: &text[body_start..],
                body_line,
            });
        }
        line_start += line_len;
    }
    Err(SplitError::NoClosing(pos..pos + 3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_body_line() {
        let s = split("+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(s.toml, "title = \"x\"\n");
        assert_eq!(s.toml_offset, 4);
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn bom_blank_lines_and_crlf() {
        let s = split("\u{feff}\n+++\r\na = 1\r\n+++\r\n").unwrap();
        assert_eq!(s.toml, "a = 1\r\n");
        assert_eq!(s.body, "");
    }

    #[test]
    fn missing_delimiters() {
        assert_eq!(split("title = 1"), Err(SplitError::NoOpening));
        assert_eq!(split("---\n"), Err(SplitError::NoOpening));
        assert!(matches!(split("+++\na = 1\n"), Err(SplitError::NoClosing(_))));
    }
}
