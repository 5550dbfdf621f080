//! Loading content: every `content/**/index.md` becomes an [`Interview`], with
//! every problem collected as a [`Diagnostic`] rather than stopping at the first.
//!
//! Loading knows the configuration (to resolve principles) but nothing about
//! templates or output.

mod body;
mod frontmatter;
mod lint;
pub mod markdown;
pub mod terms;
mod verdict;
pub mod walk;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use toml::Spanned;

pub use verdict::Verdict;

use crate::config::{toml_diagnostic, Config};
use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::slug::slugify;
use frontmatter::{RawFrontMatter, SplitError};
use markdown::{Anchors, RawHtml};

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
    /// Free-form tags.
    pub tags: Vec<String>,
    /// The panel, as declared.
    pub panelists: Vec<Panelist>,
    /// The introduction rendered to HTML.
    pub intro_html: String,
    /// The roundtable turns.
    pub turns: Vec<Turn>,
    /// The consensus rendered to HTML (empty when absent).
    pub consensus_html: String,
    /// Further sections.
    pub sections: Vec<Section>,
    /// Co-located files, relative to [`Interview::dir`].
    pub assets: Vec<PathBuf>,
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
    let mut interviews = Vec::with_capacity(results.len());
    for (interview, ds) in results {
        diagnostics.extend(ds);
        if let Some(i) = interview {
            if include_drafts || !i.draft {
                interviews.push(i);
            }
        }
    }
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
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => return (None, vec![Diagnostic::error(&source, format!("cannot read: {e}"))]),
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

/// Parses and validates the text of one `index.md` (`source` names it in
/// diagnostics; `dir` is its folder). Touches no file: the fuzz and property
/// tests drive it with arbitrary text.
pub fn parse(
    config: &Config,
    source: &Path,
    text: &str,
    dir: PathBuf,
    assets: Vec<PathBuf>,
    lint: bool,
) -> (Option<Interview>, Vec<Diagnostic>) {
    let mut p = Parse { config, source, text, offset: 0, lint, diagnostics: Vec::new() };
    let interview = p.interview(dir, assets);
    (interview, p.diagnostics)
}

/// The state of parsing one file: where its front matter sits, what went wrong.
struct Parse<'a> {
    config: &'a Config,
    lint: bool,
    source: &'a Path,
    text: &'a str,
    offset: usize,
    diagnostics: Vec<Diagnostic>,
}

impl Parse<'_> {
    fn pos<T>(&self, s: &Spanned<T>) -> Position {
        Position::of_offset(self.text, self.offset + s.span().start)
    }

    fn error_at<T>(&mut self, s: &Spanned<T>, message: String, hint: String) {
        let d = Diagnostic::error(self.source, message).at(self.pos(s)).with_hint(hint);
        self.diagnostics.push(d);
    }

    fn required<'s>(&mut self, s: &'s Spanned<String>, key: &str) -> &'s str {
        let v = s.get_ref().trim();
        if v.is_empty() {
            self.error_at(s, format!("`{key}` is empty"), format!("write a value for `{key}`"));
        }
        v
    }

    fn interview(&mut self, dir: PathBuf, assets: Vec<PathBuf>) -> Option<Interview> {
        let split = match frontmatter::split(self.text) {
            Ok(s) => s,
            Err(SplitError::NoOpening) => {
                self.diagnostics.push(
                    Diagnostic::error(self.source, "no front matter: the file must start with a `+++` line")
                        .at_line(1)
                        .with_hint("put the TOML front matter between two `+++` lines at the top (see docs/authoring.md)"),
                );
                return None;
            }
            Err(SplitError::NoClosing(range)) => {
                self.diagnostics.push(
                    Diagnostic::error(self.source, "front matter is not closed")
                        .at(Position::of_offset(self.text, range.start))
                        .with_hint("add a `+++` line after the last front-matter key"),
                );
                return None;
            }
        };
        self.offset = split.toml_offset;
        let raw: RawFrontMatter = match toml::from_str(split.toml) {
            Ok(raw) => raw,
            Err(e) => {
                let mut d = toml_diagnostic(self.source, &e, self.text, split.toml_offset);
                if e.message().contains("unknown field") {
                    d.hint = Some("front matter keys are: title, date, principles, role, level, company, verdict, video, summary, slug, draft, tags, [[panelists]] (name, role, hire_reason, concern)".into());
                }
                let whole = |s: &std::ops::Range<usize>| {
                    s.start == 0 && (s.end == 0 || s.end >= split.toml.len().saturating_sub(1))
                };
                if e.span().as_ref().is_none_or(whole) {
                    // serde reports a missing key for the whole table: point at the opening `+++`.
                    d.line = Some(Position::of_offset(self.text, split.toml_offset).line - 1);
                    d.column = None;
                }
                self.diagnostics.push(d);
                return None;
            }
        };
        let errors_before = self.diagnostics.len();

        let title = self.required(&raw.title, "title").to_string();
        let role = self.required(&raw.role, "role").to_string();
        let level = raw.level.as_ref().map(|l| self.required(l, "level").to_string());
        let date = self.date(&raw.date);
        let principles = self.principles(&raw.principles);
        let verdict = Verdict::parse(raw.verdict.get_ref());
        if verdict.is_none() {
            self.error_at(
                &raw.verdict,
                format!("unknown verdict {:?}", raw.verdict.get_ref()),
                format!("use one of: {}", Verdict::allowed()),
            );
        }
        let video = match &raw.video {
            Some(v) => self.url(v, "video"),
            None => String::new(),
        };
        let folder_name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let slug = match &raw.slug {
            Some(s) => {
                let slug = slugify(s.get_ref());
                if slug.is_empty() {
                    self.error_at(
                        s,
                        format!("slug {:?} has no letters or digits", s.get_ref()),
                        "use words such as \"kindle-checkout\"".into(),
                    );
                }
                slug
            }
            None => slugify(&folder_name),
        };
        if slug.is_empty() && raw.slug.is_none() {
            self.diagnostics.push(
                Diagnostic::error(
                    self.source,
                    format!("the folder name {folder_name:?} gives an empty slug"),
                )
                .with_hint("set `slug = \"...\"` in the front matter or rename the folder"),
            );
        }
        let mut panelists = self.panelists(&raw.panelists);

        let structure = body::parse(split.body, split.body_line);
        let mut turns_raw = Vec::with_capacity(structure.turns.len());
        for t in &structure.turns {
            let speaker_slug = slugify(&t.speaker);
            match panelists.iter().position(|p| p.name == t.speaker || p.slug == speaker_slug) {
                Some(i) => {
                    panelists[i].turns += 1;
                    turns_raw.push((i, &t.body));
                }
                None => {
                    let declared: Vec<&str> = panelists.iter().map(|p| p.name.as_str()).collect();
                    self.diagnostics.push(
                        Diagnostic::error(
                            self.source,
                            format!("roundtable speaker {:?} is not a declared panelist", t.speaker),
                        )
                        .at(Position { line: t.line, column: t.column })
                        .with_hint(if declared.is_empty() {
                            "declare the speaker in a [[panelists]] table".to_string()
                        } else {
                            format!(
                                "declared panelists: {}; add a [[panelists]] table or fix the name",
                                declared.join(", ")
                            )
                        }),
                    );
                }
            }
        }
        if structure.roundtable_line.is_none() {
            self.diagnostics.push(
                Diagnostic::warning(self.source, "no `## Roundtable` section")
                    .with_hint("add `## Roundtable` with one `### <panelist>` heading per turn"),
            );
        } else if structure.turns.is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(self.source, "`## Roundtable` has no turns")
                    .at_line(structure.roundtable_line.unwrap_or(1))
                    .with_hint("start each turn with a `### <panelist name>` heading"),
            );
        }
        if structure.consensus.is_none() {
            self.diagnostics.push(
                Diagnostic::warning(self.source, "no `## Consensus` section")
                    .with_hint("add `## Consensus` with the panel's synthesis"),
            );
        }
        for (p, raw_p) in panelists.iter().zip(raw.panelists.get_ref()) {
            if p.turns == 0 && structure.roundtable_line.is_some() {
                let d = Diagnostic::warning(
                    self.source,
                    format!("panelist {:?} never speaks in the roundtable", p.name),
                )
                .at(self.pos(&raw_p.name))
                .with_hint(format!("add a `### {}` turn, or remove the panelist", p.name));
                self.diagnostics.push(d);
            }
        }
        if self.diagnostics[errors_before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        if let (true, Some(v)) = (self.lint, verdict) {
            let warnings = lint::lint(
                self.config,
                self.source,
                self.text,
                self.offset,
                &raw,
                split.body,
                structure.consensus.as_ref(),
                &panelists,
                v,
            );
            self.diagnostics.extend(warnings);
        }

        // Render Markdown only for files that validated.
        let raw_html = if self.config.safe_html { RawHtml::Sanitize } else { RawHtml::Pass };
        let mut anchors = Anchors::reserved(&RESERVED_ANCHORS);
        let turn_ids: Vec<String> = (1..=turns_raw.len()).map(|n| format!("turn-{n}")).collect();
        for id in &turn_ids {
            anchors.claim(id);
        }
        let mut parts: Vec<&[std::ops::Range<usize>]> =
            vec![&structure.intro.ranges, &structure.roundtable_preface.ranges];
        parts.extend(turns_raw.iter().map(|(_, chunk)| chunk.ranges.as_slice()));
        parts.push(structure.consensus.as_ref().map_or(&[][..], |c| c.ranges.as_slice()));
        parts.extend(structure.sections.iter().map(|s| s.body.ranges.as_slice()));
        let rendered = markdown::to_html_parts(split.body, &parts, &mut anchors, raw_html);
        if !rendered.unsafe_links.is_empty() {
            let body_start = self.text.len() - split.body.len();
            for (offset, url) in rendered.unsafe_links {
                self.diagnostics.push(
                    Diagnostic::error(self.source, format!("link to {url:?} uses a scheme that runs code"))
                        .at(Position::of_offset(self.text, body_start + offset))
                        .with_hint("link to an http(s) URL or a page of the site instead"),
                );
            }
            return None;
        }
        // Rendered HTML is kept for the whole run (and the live server's): without the
        // slack a growing String leaves, a site's content takes a third less memory.
        let mut html = rendered.html.into_iter().map(|mut h| {
            h.shrink_to_fit();
            h
        });
        let mut intro_html = html.next().unwrap_or_default();
        intro_html.push_str(&html.next().unwrap_or_default());
        intro_html.shrink_to_fit();
        let turns = turns_raw
            .iter()
            .map(|(speaker, _)| Turn { speaker: *speaker, html: html.next().unwrap_or_default() })
            .collect();
        let consensus_html = html.next().unwrap_or_default();
        let sections = structure
            .sections
            .iter()
            .map(|s| Section {
                title: s.title.clone(),
                anchor: anchors.claim(&s.title),
                html: html.next().unwrap_or_default(),
            })
            .collect();
        let excerpt = truncate_words(&markdown::to_plain_text(&structure.intro.markdown), 200);

        Some(Interview {
            source: self.source.to_path_buf(),
            dir,
            slug,
            title,
            date: date?,
            principles,
            role,
            level,
            company: raw.company.map(|c| c.trim().to_string()).unwrap_or_default(),
            verdict: verdict?,
            video,
            summary: raw.summary.map(|s| s.trim().to_string()).unwrap_or_default(),
            excerpt,
            draft: raw.draft.unwrap_or(false),
            tags: raw.tags.unwrap_or_default(),
            panelists,
            intro_html,
            turns,
            consensus_html,
            sections,
            assets,
        })
    }

    fn date(&mut self, d: &Spanned<toml::value::Datetime>) -> Option<time::Date> {
        let parsed = d.get_ref().date.and_then(|date| {
            let month = time::Month::try_from(date.month).ok()?;
            time::Date::from_calendar_date(i32::from(date.year), month, date.day).ok()
        });
        if parsed.is_none() {
            self.error_at(
                d,
                "`date` has no calendar date".into(),
                "write a bare TOML date: date = 2026-11-23".into(),
            );
        }
        parsed
    }

    fn principles(&mut self, list: &Spanned<Vec<Spanned<String>>>) -> Vec<usize> {
        if list.get_ref().is_empty() {
            self.error_at(
                list,
                "`principles` is empty".into(),
                "tag at least one principle, e.g. principles = [\"Dive Deep\"]".into(),
            );
        }
        let mut out = Vec::new();
        for name in list.get_ref() {
            let slug = slugify(name.get_ref());
            match self.config.principles.iter().position(|p| p.slug == slug) {
                Some(i) if !out.contains(&i) => out.push(i),
                Some(_) => {}
                None => {
                    let hint = match did_you_mean(
                        name.get_ref(),
                        self.config.principles.iter().map(|p| p.name.as_str()),
                    ) {
                        Some(best) => format!("did you mean {best:?}?"),
                        None => {
                            "see the principle catalogue in docs/authoring.md, or declare it in site.toml"
                                .into()
                        }
                    };
                    self.error_at(name, format!("unknown principle {:?}", name.get_ref()), hint);
                }
            }
        }
        out
    }

    fn url(&mut self, v: &Spanned<String>, key: &str) -> String {
        let url = v.get_ref().trim();
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let ok = match scheme.as_deref() {
            Some("http") | Some("https") => true,
            Some(s) => s.contains('/') || s.contains('?') || s.contains('#'),
            None => true,
        } && !markdown::is_unsafe_url(url);
        if !ok {
            self.error_at(
                v,
                format!("`{key}` uses a scheme that is not allowed: {url:?}"),
                "use an http:// or https:// URL".into(),
            );
            return String::new();
        }
        url.to_string()
    }

    fn panelists(&mut self, list: &Spanned<Vec<frontmatter::RawPanelist>>) -> Vec<Panelist> {
        if list.get_ref().is_empty() {
            self.error_at(
                list,
                "no panelists".into(),
                "add at least one [[panelists]] table with name and role".into(),
            );
        }
        let mut out: Vec<Panelist> = Vec::new();
        for p in list.get_ref() {
            let name = self.required(&p.name, "name").to_string();
            let role = self.required(&p.role, "role").to_string();
            let slug = slugify(&name);
            if out.iter().any(|q| q.slug == slug) {
                self.error_at(
                    &p.name,
                    format!("panelist {name:?} is declared twice"),
                    "remove one of the two [[panelists]] tables".into(),
                );
            }
            let concern = stated(p.concern.as_deref());
            out.push(Panelist {
                name,
                slug,
                role,
                hire_reason: stated(p.hire_reason.as_deref()),
                concern_terms: concern.as_deref().map(terms::meaningful).unwrap_or_default(),
                concern,
                turns: 0,
            });
        }
        out
    }
}

/// `None` for empty values and for the placeholder "None stated".
fn stated(value: Option<&str>) -> Option<String> {
    let v = value?.trim();
    let lower = v.to_lowercase();
    let empty = v.is_empty() || matches!(lower.trim_end_matches('.'), "none stated" | "none" | "n/a");
    (!empty).then(|| v.to_string())
}

/// The closest candidate to `input` when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let target = slugify(input);
    candidates
        .map(|c| (strsim::jaro_winkler(&target, &slugify(c)), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
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
    fn did_you_mean_finds_typos() {
        let names = ["Dive Deep", "Ownership", "Think Big"];
        assert_eq!(did_you_mean("Dive Deap", names.into_iter()), Some("Dive Deep"));
        assert_eq!(did_you_mean("ownershp", names.into_iter()), Some("Ownership"));
        assert_eq!(did_you_mean("Quantum Physics", names.into_iter()), None);
    }

    #[test]
    fn truncates_at_words() {
        assert_eq!(truncate_words("one two three", 9), "one two…");
        assert_eq!(truncate_words("short", 9), "short");
    }
}
