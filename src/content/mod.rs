//! Loading content: every `content/**/index.md` becomes an [`Interview`], with
//! every problem collected as a [`Diagnostic`] rather than stopping at the first.
//!
//! Loading knows the configuration (to resolve principles) but nothing about
//! templates or output.

mod body;
mod collide;
mod frontmatter;
mod lint;
pub mod markdown;
mod parse;
pub mod placeholder;
pub mod terms;
mod verdict;
pub mod walk;

use std::path::PathBuf;

use rayon::prelude::*;

pub use crate::suggest::did_you_mean;
pub use body::first_cut;
pub use frontmatter::schema;
pub use parse::{parse, QUESTION_SLUG_MAX};
pub use verdict::{against_votes, median_x2, Verdict};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Position};

/// Ids the interview template uses itself; Markdown headings never take them.
pub const RESERVED_ANCHORS: [&str; 9] =
    ["main", "top", "panel", "roundtable", "consensus", "signals", "related", "tags", "sections"];

/// One panelist as declared in an interview.
#[derive(Debug, Clone)]
pub struct Panelist {
    /// Display name.
    pub name: String,
    /// Identity across interviews: the slug of the name.
    pub slug: String,
    /// Their role, e.g. "VP of Engineering".
    pub role: String,
    /// Their reason to hire; `None` when none was stated.
    pub hire_reason: Option<String>,
    /// Their concern; `None` when none was stated.
    pub concern: Option<String>,
    /// Their own call, when they cast one (`vote`).
    pub vote: Option<Verdict>,
    /// The reason to hire's meaningful words (see [`terms::meaningful`]).
    pub reason_terms: Vec<String>,
    /// The concern's meaningful words (see [`terms::meaningful`]), for the insights.
    pub concern_terms: Vec<String>,
    /// How many roundtable turns they spoke.
    pub turns: usize,
}

/// One roundtable turn.
#[derive(Debug, Clone)]
pub struct Turn {
    /// Index of the speaker in [`Interview::panelists`].
    pub speaker: usize,
    /// The turn rendered to HTML.
    pub html: String,
}

/// The question an interview answered (`question`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The text, whitespace collapsed.
    pub text: String,
    /// Identity across interviews: the slug of the text, at most
    /// [`QUESTION_SLUG_MAX`] characters (see [`crate::slug::slugify_capped`]).
    pub slug: String,
}

/// A further `##` section of the body.
#[derive(Debug, Clone)]
pub struct Section {
    /// Heading text.
    pub title: String,
    /// The heading's id.
    pub anchor: String,
    /// The section rendered to HTML.
    pub html: String,
}

/// One validated interview.
#[derive(Debug, Clone)]
pub struct Interview {
    /// The `index.md`, relative to the site root (for messages).
    pub source: PathBuf,
    /// The interview's folder, absolute.
    pub dir: PathBuf,
    /// URL slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Interview date.
    pub date: time::Date,
    /// Indexes into [`Config::principles`], in the order written.
    pub principles: Vec<usize>,
    /// The candidate's role.
    pub role: String,
    /// The candidate's level, if given.
    pub level: Option<String>,
    /// Company (may be empty).
    pub company: String,
    /// The panel's verdict.
    pub verdict: Verdict,
    /// Video URL (may be empty).
    pub video: String,
    /// The author's summary (may be empty).
    pub summary: String,
    /// Plain-text start of the introduction, for descriptions when no summary is given.
    pub excerpt: String,
    /// Drafts are published only with `--drafts`.
    pub draft: bool,
    /// Free-form tags, as written (trimmed, empty ones dropped).
    pub tags: Vec<String>,
    /// The question asked, if given.
    pub question: Option<Question>,
    /// Who was interviewed, if given (internal sites; profiles may drop it).
    pub candidate: Option<String>,
    /// The panel, as declared.
    pub panelists: Vec<Panelist>,
    /// The introduction rendered to HTML.
    pub intro_html: String,
    /// The roundtable turns.
    pub turns: Vec<Turn>,
    /// The consensus rendered to HTML (empty when absent).
    pub consensus_html: String,
    /// Plain text of the consensus's first paragraph (empty when absent).
    pub consensus_lead: String,
    /// Further sections.
    pub sections: Vec<Section>,
    /// Co-located files, relative to [`Interview::dir`].
    pub assets: Vec<PathBuf>,
    /// The Markdown of every part of the body, kept only when
    /// [`Config::keep_sources`] is set (`site export`), `None` otherwise.
    pub sources: Option<Box<Sources>>,
}

/// The Markdown of an interview's body, part by part, as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sources {
    /// The introduction, then any text between `## Roundtable` and its first turn
    /// (the page shows both as the introduction).
    pub intro: String,
    /// Each turn's text, in the order of [`Interview::turns`].
    pub turns: Vec<String>,
    /// The consensus, when the body has a `## Consensus` section.
    pub consensus: Option<String>,
    /// Each further section's text, in the order of [`Interview::sections`].
    pub sections: Vec<String>,
}

/// What loading produced: the interviews that loaded, and every diagnostic.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Interviews without errors (drafts removed unless asked for).
    pub interviews: Vec<Interview>,
    /// Errors and warnings from every file.
    pub diagnostics: Diagnostics,
}

/// Loads every interview under `<root>/content/`.
/// With `lint`, the content lint (`content::lint`) adds its warnings too.
pub fn load(config: &Config, include_drafts: bool, lint: bool) -> Loaded {
    let found = walk::find(&config.root);
    let mut diagnostics = found.diagnostics;
    let results: Vec<(Option<Interview>, Vec<Diagnostic>)> =
        found.interviews.into_par_iter().map(|(dir, assets)| load_one(config, dir, assets, lint)).collect();
    // Collected in place (an interview fits where its result was): at 100,000
    // interviews a second list would hold another 50 MB while the first is read.
    let interviews: Vec<Interview> = results
        .into_iter()
        .filter_map(|(interview, ds)| {
            diagnostics.extend(ds);
            interview.filter(|i| include_drafts || !i.draft)
        })
        .collect();
    diagnostics.extend(collide::warnings(&interviews));
    Loaded { interviews, diagnostics }
}

/// Reads and validates one interview folder (`dir` holds its `index.md`; `assets`
/// are its other files, relative to `dir`).
pub fn load_one(
    config: &Config,
    dir: PathBuf,
    assets: Vec<PathBuf>,
    lint: bool,
) -> (Option<Interview>, Vec<Diagnostic>) {
    let path = dir.join("index.md");
    let source = path.strip_prefix(&config.root).unwrap_or(&path).to_path_buf();
    // Looked at before it is opened: the live server loads edited files without
    // a walk, and a FIFO named index.md must not hang it.
    let bytes = match crate::sources::read(&path, &config.root) {
        Ok(b) => b,
        Err(why) => return (None, vec![why.diagnostic(&source)]),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let pos = Position::of_offset(&prefix, valid);
            return (
                None,
                vec![Diagnostic::error(&source, "file is not valid UTF-8")
                    .at(pos)
                    .with_hint("save the file as UTF-8 in your editor")],
            );
        }
    };
    parse(config, &source, &text, dir, assets, lint)
}

/// `None` for empty values and for the placeholder "None stated".
fn stated(value: Option<&str>) -> Option<String> {
    let v = value?.trim();
    let lower = v.to_lowercase();
    let empty = v.is_empty() || matches!(lower.trim_end_matches('.'), "none stated" | "none" | "n/a");
    (!empty).then(|| v.to_string())
}

/// The start of `text`, cut at a word boundary to at most `max` characters.
fn truncate_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_stated_is_none() {
        assert_eq!(stated(Some("None stated")), None);
        assert_eq!(stated(Some("  ")), None);
        assert_eq!(stated(None), None);
        assert_eq!(stated(Some("Clear metrics")), Some("Clear metrics".into()));
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("one two three", 9), "one two…");
        assert_eq!(truncate_words("short", 9), "short");
    }
}
