//! Front matter: the TOML block between the two `+++` lines at the top of an
//! `index.md`, read raw with spans so that errors point into the file.

use std::ops::Range;

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;

/// The front matter exactly as written; unknown keys are denied to catch typos.
/// Its doc comments are the descriptions of `schemas/frontmatter.schema.json`
/// (see [`schema`]); spanned values are described by their plain types.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Roundtable front matter",
    description = "The TOML between the two `+++` lines of an interview's index.md (docs/authoring.md)."
)]
pub struct RawFrontMatter {
    /// The page title. Required.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// The interview date, a bare TOML date: date = 2026-03-14. Required.
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Spanned<toml::value::Datetime>,
    /// Principle names from the site's catalogue (case and punctuation forgiven),
    /// at least one. Required.
    #[schemars(with = "Vec<String>", extend("minItems" = 1))]
    pub principles: Spanned<Vec<Spanned<String>>>,
    /// The candidate's role, e.g. "Product Manager"; each role has a page. Required.
    #[schemars(with = "String")]
    pub role: Spanned<String>,
    /// The candidate's level, e.g. "L6"; each level has a page.
    #[schemars(with = "Option<String>")]
    pub level: Option<Spanned<String>>,
    /// The company, shown on the page.
    pub company: Option<String>,
    /// The panel's verdict. Required.
    #[schemars(schema_with = "verdict_schema")]
    pub verdict: Spanned<String>,
    /// An http(s) link to the recording ("Watch the full interview").
    #[schemars(with = "Option<String>", extend("format" = "uri", "pattern" = "^https?://"))]
    pub video: Option<Spanned<String>>,
    /// One sentence for cards, feeds and the page description; default: the start
    /// of the introduction.
    pub summary: Option<String>,
    /// The URL slug: /interviews/<slug>/; default: the folder's name.
    #[schemars(with = "Option<String>")]
    pub slug: Option<Spanned<String>>,
    /// true: published only with --drafts.
    pub draft: Option<bool>,
    /// Free-form labels; each tag has a page.
    #[schemars(with = "Option<Vec<String>>")]
    pub tags: Option<Vec<Spanned<String>>>,
    /// The question asked; interviews answering the same question are compared on
    /// one page.
    #[schemars(with = "Option<String>")]
    pub question: Option<Spanned<String>>,
    /// Who was interviewed (internal sites; a public profile drops it).
    #[schemars(with = "Option<String>")]
    pub candidate: Option<Spanned<String>>,
    /// The panel, at least one `[[panelists]]` table. Required.
    #[schemars(with = "Vec<RawPanelist>", extend("minItems" = 1))]
    pub panelists: Spanned<Vec<RawPanelist>>,
}

/// The schema of a verdict or vote: one of the six keys (the parser also forgives
/// case, spaces and underscores, as `Lean No Hire`; the schema shows the keys).
fn verdict_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let keys: Vec<&str> = super::Verdict::ALL.iter().map(|v| v.key()).collect();
    schemars::json_schema!({ "type": "string", "enum": keys })
}

/// The JSON Schema of the front matter, generated from the type that parses it
/// (draft-07). A TOML date is described as a string of format `date`, which is
/// how TOML tools hand dates to a JSON Schema validator.
pub fn schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<RawFrontMatter>()
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Panelist")]
pub struct RawPanelist {
    /// Their name; the same name (by slug) links all their reviews. Required.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Their role, e.g. "VP of Engineering". Required.
    #[schemars(with = "String")]
    pub role: Spanned<String>,
    /// Their reason to hire; "None stated" or absent shows as none stated.
    pub hire_reason: Option<String>,
    /// Their concern; "None stated" or absent shows as none stated.
    pub concern: Option<String>,
    /// Their own call, one of the six verdicts.
    #[serde(default)]
    #[schemars(schema_with = "optional_verdict_schema")]
    pub vote: Option<Spanned<String>>,
}

fn optional_verdict_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    verdict_schema(generator)
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
