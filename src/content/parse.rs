//! Parsing one `index.md` into an [`Interview`]: split the front matter off, read
//! it raw, validate every field, cut the body into its parts, resolve the turns'
//! speakers, then render the Markdown of a file that validated. Each step adds
//! its problems to one list, so a file reports all of them at once.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::body::{self, Structure};
use super::frontmatter::{self, RawFrontMatter, RawPanelist, Split, SplitError};
use super::markdown::{self, Anchors, RawHtml};
use super::{
    did_you_mean, lint, stated, terms, truncate_words, Interview, Panelist, Question, Section, Turn, Verdict,
    RESERVED_ANCHORS,
};
use crate::config::{toml_diagnostic, Config};
use crate::diagnostic::{Diagnostic, Position};
use crate::slug::{slugify, slugify_capped};

mod structure;

/// Longest excerpt, in characters (cut at a word).
const EXCERPT: usize = 200;

/// Longest question slug (DESIGN §3): longer ones are cut and end in a hash.
pub const QUESTION_SLUG_MAX: usize = 100;

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

/// The validated front-matter fields (before the body is read).
struct Header {
    title: String,
    date: Option<time::Date>,
    principles: Vec<usize>,
    role: String,
    level: Option<String>,
    verdict: Option<Verdict>,
    video: String,
    slug: String,
    question: Option<Question>,
    candidate: Option<String>,
    tags: Vec<String>,
}

impl<'a> Parse<'a> {
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

    /// A name that gets a page of its own (a panelist, role, level or tag): required,
    /// and with letters or digits to make the page's address from ("—" or "!!!"
    /// would slug to nothing and overwrite the index page of its kind).
    fn named<'s>(&mut self, s: &'s Spanned<String>, key: &str, what: &str) -> &'s str {
        let v = self.required(s, key);
        if !v.is_empty() && slugify(v).is_empty() {
            self.error_at(
                s,
                format!("{what} {v:?} has no letters or digits to make its page's address from"),
                format!("write the {what} in words"),
            );
        }
        v
    }

    fn interview(&mut self, dir: PathBuf, assets: Vec<PathBuf>) -> Option<Interview> {
        let (split, raw) = self.front_matter()?;
        let errors_before = self.diagnostics.len();
        let header = self.header(&raw, &dir);
        let mut panelists = self.panelists(&raw.panelists);
        // Parsed once: the headings cut the body, the same events render it.
        let events = body::events(split.body);
        let structure = body::parse_events(split.body, split.body_line, &events);
        let turns = self.speakers(&structure, &mut panelists);
        self.structure_warnings(&structure, &panelists, &raw);
        if self.diagnostics[errors_before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        if let (true, Some(v)) = (self.lint, header.verdict) {
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
        let rendered = self.render_body(&split, events, &structure, &turns)?;
        let sources = self.config.keep_sources.then(|| Box::new(structure::sources(&structure, &turns)));
        Some(Interview {
            source: self.source.to_path_buf(),
            dir,
            slug: header.slug,
            title: header.title,
            date: header.date?,
            principles: header.principles,
            role: header.role,
            level: header.level,
            company: raw.company.map(|c| c.trim().to_string()).unwrap_or_default(),
            verdict: header.verdict?,
            video: header.video,
            summary: raw.summary.map(|s| s.trim().to_string()).unwrap_or_default(),
            excerpt: truncate_words(&markdown::plain_text_start(&structure.intro.markdown, EXCERPT), EXCERPT),
            draft: raw.draft.unwrap_or(false),
            tags: header.tags,
            question: header.question,
            candidate: header.candidate,
            panelists,
            intro_html: rendered.intro_html,
            turns: rendered.turns,
            consensus_html: rendered.consensus_html,
            consensus_lead: structure
                .consensus
                .as_ref()
                .map(|c| markdown::lead_paragraph(&c.markdown))
                .unwrap_or_default(),
            sections: rendered.sections,
            assets,
            sources,
        })
    }

    /// Splits the file and reads its front matter; `None` (with an error) when
    /// either fails, since nothing else can be checked then.
    fn front_matter(&mut self) -> Option<(Split<'a>, RawFrontMatter)> {
        let text = self.text;
        let split = match frontmatter::split(text) {
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
                        .at(Position::of_offset(text, range.start))
                        .with_hint("add a `+++` line after the last front-matter key"),
                );
                return None;
            }
        };
        self.offset = split.toml_offset;
        match toml::from_str::<RawFrontMatter>(split.toml) {
            Ok(raw) => Some((split, raw)),
            Err(e) => {
                let d = self.toml_error(&split, &e);
                self.diagnostics.push(d);
                None
            }
        }
    }

    /// A TOML error of the front matter, located in the file, with a did-you-mean
    /// for a mistyped key.
    fn toml_error(&self, split: &Split<'_>, e: &toml::de::Error) -> Diagnostic {
        let mut d = toml_diagnostic(self.source, e, self.text, split.toml_offset);
        if let Some(key) = unknown_field(e.message()) {
            let keys = frontmatter::KEYS.iter().chain(frontmatter::PANELIST_KEYS.iter()).copied();
            d.message = format!("unknown front-matter key `{key}`");
            d.hint = Some(match did_you_mean(key, keys) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "front matter keys are: {}; a [[panelists]] table has {}",
                    frontmatter::KEYS.join(", "),
                    frontmatter::PANELIST_KEYS.join(", ")
                ),
            });
        }
        let whole = |s: &std::ops::Range<usize>| {
            s.start == 0 && (s.end == 0 || s.end >= split.toml.len().saturating_sub(1))
        };
        if e.span().as_ref().is_none_or(whole) {
            // serde reports a missing key for the whole table: point at the opening `+++`.
            d.line = Some(Position::of_offset(self.text, split.toml_offset).line - 1);
            d.column = None;
        }
        d
    }

    /// Validates every field of the front matter but the panel.
    fn header(&mut self, raw: &RawFrontMatter, dir: &Path) -> Header {
        let title = self.required(&raw.title, "title").to_string();
        let role = self.named(&raw.role, "role", "role").to_string();
        let level = raw.level.as_ref().map(|l| self.named(l, "level", "level").to_string());
        let date = self.date(&raw.date);
        let principles = self.principles(&raw.principles);
        let verdict = self.verdict(&raw.verdict, "verdict");
        let video = match &raw.video {
            Some(v) => self.url(v, "video"),
            None => String::new(),
        };
        let slug = self.slug(raw.slug.as_ref(), dir);
        let question = raw.question.as_ref().and_then(|q| self.question(q));
        let candidate = raw.candidate.as_ref().and_then(|c| stated_text(c.get_ref()));
        let mut tags = Vec::new();
        for t in raw.tags.iter().flatten() {
            if t.get_ref().trim().is_empty() {
                continue;
            }
            tags.push(self.named(t, "tags", "tag").to_string());
        }
        Header { title, date, principles, role, level, verdict, video, slug, question, candidate, tags }
    }

    fn verdict(&mut self, v: &Spanned<String>, key: &str) -> Option<Verdict> {
        let verdict = Verdict::parse(v.get_ref());
        if verdict.is_none() {
            let hint = match did_you_mean(v.get_ref(), Verdict::ALL.iter().map(|v| v.key())) {
                Some(best) => format!("did you mean {best:?}? (one of: {})", Verdict::allowed()),
                None => format!("use one of: {}", Verdict::allowed()),
            };
            self.error_at(v, format!("unknown {key} {:?}", v.get_ref()), hint);
        }
        verdict
    }

    fn slug(&mut self, given: Option<&Spanned<String>>, dir: &Path) -> String {
        let folder_name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match given {
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
            None => {
                let slug = slugify(&folder_name);
                if slug.is_empty() {
                    self.diagnostics.push(
                        Diagnostic::error(
                            self.source,
                            format!("the folder name {folder_name:?} gives an empty slug"),
                        )
                        .with_hint("set `slug = \"...\"` in the front matter or rename the folder"),
                    );
                }
                slug
            }
        }
    }

    fn question(&mut self, q: &Spanned<String>) -> Option<Question> {
        let text = q.get_ref().split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            self.error_at(
                q,
                "`question` is empty".into(),
                "write the question asked, or remove the key".into(),
            );
            return None;
        }
        let slug = slugify_capped(&text, QUESTION_SLUG_MAX);
        if slug.is_empty() {
            self.error_at(
                q,
                format!("question {text:?} has no letters or digits"),
                "write the question in words".into(),
            );
            return None;
        }
        Some(Question { text, slug })
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
        // DESIGN §3: the video link leaves the site, so it needs a host of its own.
        let host = url.split_once("://").map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""));
        let absolute = matches!(scheme.as_deref(), Some("http" | "https"))
            && host.is_some_and(|h| !h.is_empty() && !h.contains(char::is_whitespace));
        if !absolute {
            self.error_at(
                v,
                format!("`{key}` must be an absolute http(s) URL with a host: {url:?}"),
                "write the full address, such as https://example.com/watch/123".into(),
            );
            return String::new();
        }
        url.to_string()
    }

    fn panelists(&mut self, list: &Spanned<Vec<RawPanelist>>) -> Vec<Panelist> {
        if list.get_ref().is_empty() {
            self.error_at(
                list,
                "no panelists".into(),
                "add at least one [[panelists]] table with name and role".into(),
            );
        }
        let mut out: Vec<Panelist> = Vec::new();
        for p in list.get_ref() {
            let name = self.named(&p.name, "name", "panelist name").to_string();
            let role = self.required(&p.role, "role").to_string();
            let slug = slugify(&name);
            if out.iter().any(|q| q.slug == slug) {
                self.error_at(
                    &p.name,
                    format!("panelist {name:?} is declared twice"),
                    "remove one of the two [[panelists]] tables".into(),
                );
            }
            let vote = p.vote.as_ref().and_then(|v| self.verdict(v, "vote"));
            let concern = stated(p.concern.as_deref());
            let hire_reason = stated(p.hire_reason.as_deref());
            out.push(Panelist {
                name,
                slug,
                role,
                reason_terms: hire_reason.as_deref().map(terms::meaningful).unwrap_or_default(),
                hire_reason,
                concern_terms: concern.as_deref().map(terms::meaningful).unwrap_or_default(),
                concern,
                vote,
                turns: 0,
            });
        }
        out
    }
}

/// The key named by serde's "unknown field `x`, expected ..." message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split_once("unknown field `")?.1;
    rest.split_once('`').map(|(key, _)| key)
}

/// A trimmed, non-empty text.
fn stated_text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(Path::new("/site"), "title = \"T\"\nbase_url = \"https://example.com\"\n")
            .expect("a valid site.toml")
    }

    fn parse_front(front: &str, panelist: &str) -> (Option<Interview>, Vec<Diagnostic>) {
        let text = format!(
            "+++\ntitle = \"T\"\ndate = 2026-01-01\nprinciples = [\"Ownership\"]\nrole = \"R\"\n\
             verdict = \"hire\"\n{front}\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n{panelist}\n+++\n\n\
             ## Roundtable\n\n### Ana Lima\nA turn.\n"
        );
        let dir = PathBuf::from("/site/content/x");
        parse(&config(), &dir.join("index.md"), &text, dir, Vec::new(), false)
    }

    #[test]
    fn vote_question_and_candidate_are_read() {
        let (iv, ds) = parse_front(
            "question = \"  Tell me   about a time…  \"\ncandidate = \"Jordan Lee\"",
            "vote = \"Lean No Hire\"",
        );
        let iv = iv.unwrap_or_else(|| panic!("{ds:?}"));
        assert_eq!(iv.panelists[0].vote, Some(Verdict::LeanNoHire));
        let q = iv.question.expect("a question");
        assert_eq!(q.text, "Tell me about a time…");
        assert_eq!(q.slug, "tell-me-about-a-time");
        assert_eq!(iv.candidate.as_deref(), Some("Jordan Lee"));
    }

    #[test]
    fn a_mistyped_vote_is_an_error_with_a_suggestion() {
        let (iv, ds) = parse_front("", "vote = \"lean-hir\"");
        assert!(iv.is_none());
        let d = ds.iter().find(|d| d.is_error()).expect("an error");
        assert!(d.message.contains("unknown vote"), "{}", d.message);
        assert_eq!(d.line, Some(12));
        assert!(d.hint.as_deref().unwrap_or("").contains("did you mean \"lean-hire\""), "{:?}", d.hint);
    }

    #[test]
    fn a_mistyped_key_gets_a_did_you_mean() {
        let (iv, ds) = parse_front("questoin = \"Why?\"", "");
        assert!(iv.is_none());
        let d = &ds[0];
        assert!(d.message.contains("`questoin`"), "{}", d.message);
        assert_eq!(d.hint.as_deref(), Some("did you mean `question`?"));
        let (_, ds) = parse_front("", "hire_reasn = \"x\"");
        assert_eq!(ds[0].hint.as_deref(), Some("did you mean `hire_reason`?"));
    }

    #[test]
    fn an_empty_question_is_an_error() {
        let (iv, ds) = parse_front("question = \" \"", "");
        assert!(iv.is_none());
        assert!(ds.iter().any(|d| d.message.contains("`question` is empty")), "{ds:?}");
    }

    #[test]
    fn unknown_field_is_read_from_the_message() {
        assert_eq!(unknown_field("unknown field `titel`, expected one of `title`"), Some("titel"));
        assert_eq!(unknown_field("missing field `title`"), None);
    }
}
