//! `site import`: records (JSON, JSON Lines, or the plain-text form of a
//! panel-review page) become interview folders under `content/`, one per record
//! named by its slug, each with an `index.md` that reads as if a person wrote it.
//!
//! Every record is checked by the build's own rules: its `index.md` is written
//! in memory and run through [`crate::content::parse`], and each problem found
//! there is named by the record's file, line, number and field. A run writes
//! nothing unless every record of it is good, and never writes into a folder
//! that exists.

pub mod json;
pub mod record;
pub mod text;

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::content::{self, walk::CONTENT_DIR};
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::slug::slugify;

pub use record::{Record, RecordPanelist, RecordSection, RecordTurn};
pub use text::TextDefaults;

/// The formats `site import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One record, or an array of records (or a `site export` file).
    Json,
    /// One record per line.
    Jsonl,
    /// The plain-text form of a panel-review page.
    Text,
}

impl Format {
    /// The format a file's extension names: `.json`, `.jsonl` / `.ndjson`, `.txt`.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// What to import.
#[derive(Debug, Clone)]
pub struct Request {
    /// The input files.
    pub files: Vec<PathBuf>,
    /// Their format; default: each file's extension.
    pub format: Option<Format>,
    /// Where the folders go, relative to the site root; default `content`.
    pub into: PathBuf,
    /// For plain-text pages: what the page lacks.
    pub text: Option<TextDefaults>,
}

/// One record read from a file.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// The file it came from.
    pub file: PathBuf,
    /// Its 1-based number in the file (`None` for a plain-text page, one per file).
    pub number: Option<usize>,
    /// The line it starts on.
    pub line: usize,
    /// The record.
    pub record: Record,
    /// The line each field came from, when known (plain text).
    pub field_lines: HashMap<String, usize>,
    /// Warnings from reading it.
    pub warnings: Vec<Diagnostic>,
}

impl Incoming {
    /// Record `number` of `file`, starting at `line`.
    pub fn new(file: &Path, number: usize, line: usize, record: Record) -> Self {
        Incoming {
            file: file.to_path_buf(),
            number: Some(number),
            line,
            record,
            field_lines: HashMap::new(),
            warnings: Vec::new(),
        }
    }

    /// A problem of this record, in its `field` when known, at the line of the
    /// input it came from.
    fn diagnostic(&self, field: Option<&str>, message: &str) -> Diagnostic {
        let what = match (self.number, field) {
            (Some(n), Some(f)) => format!("record {n}, field `{f}`: {message}"),
            (Some(n), None) => format!("record {n}: {message}"),
            (None, Some(f)) => format!("field `{f}`: {message}"),
            (None, None) => message.to_string(),
        };
        let line = field.and_then(|f| self.line_of(f)).unwrap_or(self.line);
        Diagnostic::error(&self.file, what).at_line(line)
    }

    /// The line `field` (or the table it is in) came from.
    fn line_of(&self, field: &str) -> Option<usize> {
        if let Some(&l) = self.field_lines.get(field) {
            return Some(l);
        }
        let table = field.split_once('.').map(|(t, _)| t)?;
        self.field_lines.iter().filter(|(k, _)| k.starts_with(table)).map(|(_, &l)| l).min()
    }
}

/// A folder to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The folder, relative to the site root, e.g. `content/kindle-checkout`.
    pub folder: PathBuf,
    /// The text of its `index.md`.
    pub text: String,
}

/// What a run would write: every record validated.
#[derive(Debug, Default)]
pub struct Plan {
    /// The folders, in the order of the input.
    pub folders: Vec<Planned>,
    /// Warnings (the run may still write).
    pub warnings: Diagnostics,
}

/// Checks what flags alone decide: every file has a format, a plain-text page
/// has its date, role and verdict, `--into` is a folder inside `content/`.
/// The error names the flag (a usage error).
pub fn check_request(req: &Request) -> std::result::Result<(), Diagnostic> {
    for file in &req.files {
        let format = req.format.or_else(|| Format::of(file));
        match format {
            None => {
                return Err(Diagnostic::error(
                    "--format",
                    format!("cannot tell the format of {} from its name", file.display()),
                )
                .with_hint("name files .json, .jsonl or .txt, or pass --format json|jsonl|text"))
            }
            Some(Format::Text) if req.text.is_none() => {
                return Err(Diagnostic::error(
                    "--format",
                    "the text format needs --date, --role and --verdict",
                )
                .with_hint("the plain-text page has no date, candidate role or verdict: pass them as flags"))
            }
            _ => {}
        }
    }
    let mut components = req.into.components().filter(|c| !matches!(c, Component::CurDir));
    let first_is_content = matches!(components.next(), Some(Component::Normal(n)) if n == CONTENT_DIR);
    let rest_ok =
        components.all(|c| matches!(c, Component::Normal(n) if !n.to_string_lossy().starts_with(['_', '.'])));
    if !first_is_content || !rest_ok {
        return Err(Diagnostic::error(
            "--into",
            format!("{} is not a folder inside content/", req.into.display()),
        )
        .with_hint(
            "interviews live under content/: pass --into content/2026/pm, relative to the site root",
        ));
    }
    Ok(())
}

/// Reads and validates every record of the run. Every problem of every record is
/// reported together; `Err` when any is an error.
pub fn plan(config: &Config, req: &Request) -> Result<Plan> {
    let mut ds: Vec<Diagnostic> = Vec::new();
    let incoming = read_all(req, &mut ds);
    // One read of the library, for the slugs it already publishes.
    let existing: HashMap<String, PathBuf> =
        content::load(config, true, false).interviews.into_iter().map(|iv| (iv.slug, iv.source)).collect();
    // Records are checked on every core (the parser is the costly part), then
    // against each other and the library in input order.
    let checked: Vec<(Option<Planned>, Vec<Diagnostic>)> = {
        use rayon::prelude::*;
        incoming
            .par_iter()
            .map(|inc| {
                let mut found = inc.warnings.clone();
                let planned = validate(config, &req.into, inc, &mut found);
                (planned, found)
            })
            .collect()
    };
    let mut taken: HashMap<String, &Incoming> = HashMap::new();
    let mut plan = Plan::default();
    for (inc, (planned, found)) in incoming.iter().zip(checked) {
        ds.extend(found);
        let Some(planned) = planned else { continue };
        let slug = planned.folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let field = if inc.record.slug.is_some() { "slug" } else { "title" };
        if let Some(other) = existing.get(&slug) {
            ds.push(
                inc.diagnostic(
                    Some(field),
                    &format!("an interview with the slug {slug:?} already exists: {}", other.display()),
                )
                .with_hint("give the record another `slug`, or leave it out of this import"),
            );
        } else if let Some(first) = taken.get(&slug) {
            let where_ = match first.number {
                Some(n) => format!("record {n} of {}", first.file.display()),
                None => first.file.display().to_string(),
            };
            ds.push(
                inc.diagnostic(Some(field), &format!("the slug {slug:?} is also the slug of {where_}"))
                    .with_hint("give one of the two records its own `slug`"),
            );
        } else if config.root.join(&planned.folder).exists() {
            ds.push(
                inc.diagnostic(Some(field), &format!("{}/ already exists", planned.folder.display()))
                    .with_hint("import never writes into an existing folder: give the record another `slug`, or choose --into"),
            );
        } else {
            taken.insert(slug, inc);
            plan.folders.push(planned);
        }
    }
    let ds = Diagnostics(ds);
    if ds.has_errors() {
        return Err(Error::Invalid(ds));
    }
    plan.warnings = ds;
    Ok(plan)
}

/// Every record of every file; files that cannot be read are reported.
fn read_all(req: &Request, ds: &mut Vec<Diagnostic>) -> Vec<Incoming> {
    let mut incoming = Vec::new();
    for file in &req.files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                ds.push(
                    Diagnostic::error(file, format!("cannot read: {e}")).with_hint("check the file's path"),
                );
                continue;
            }
        };
        match req.format.or_else(|| Format::of(file)) {
            Some(Format::Json) => json::read_json(file, &text, &mut incoming, ds),
            Some(Format::Jsonl) => json::read_jsonl(file, &text, &mut incoming, ds),
            Some(Format::Text) => {
                let defaults = req.text.clone().unwrap_or_default();
                match text::read_text(file, &text, &defaults) {
                    Ok(mut one) => {
                        one.number = None;
                        incoming.push(one);
                    }
                    Err(errors) => ds.extend(errors),
                }
            }
            None => {
                ds.push(Diagnostic::error(file, "unknown format").with_hint("pass --format json|jsonl|text"))
            }
        }
    }
    incoming
}

/// One record checked as the build would check its `index.md`; the folder to
/// write when it passes.
fn validate(config: &Config, into: &Path, inc: &Incoming, ds: &mut Vec<Diagnostic>) -> Option<Planned> {
    let r = &inc.record;
    let mut good = true;
    for (field, message, hint) in r.problems() {
        ds.push(inc.diagnostic(Some(&field), &message).with_hint(hint));
        good = false;
    }
    let slug = slugify(r.slug.as_deref().unwrap_or(&r.title));
    if slug.is_empty() {
        let field = if r.slug.is_some() { "slug" } else { "title" };
        ds.push(
            inc.diagnostic(Some(field), "has no letters or digits to name the folder")
                .with_hint("give the record a title made of words, or a `slug`"),
        );
        return None;
    }
    if !good {
        return None;
    }
    let written = r.to_index_md();
    let folder = into.join(&slug);
    let source = folder.join("index.md");
    let (interview, found) =
        content::parse(config, &source, &written.text, config.root.join(&folder), Vec::new(), false);
    for d in found {
        let field = d.line.and_then(|l| written.field_at(l));
        let mut mapped = inc.diagnostic(field, &d.message);
        mapped.severity = d.severity;
        mapped.hint = d.hint;
        ds.push(mapped);
    }
    interview.map(|_| Planned { folder, text: written.text })
}

/// Writes every planned folder (never into one that exists).
pub fn write(config: &Config, plan: &Plan) -> Result<()> {
    for p in &plan.folders {
        let dir = config.root.join(&p.folder);
        if let Some(parent) = dir.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        // create_dir fails on a folder that appeared since the plan: nothing is overwritten.
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        let file = dir.join("index.md");
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)
            .map_err(|e| Error::io(&file, e))?;
        std::io::Write::write_all(&mut f, p.text.as_bytes()).map_err(|e| Error::io(&file, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(into: &str) -> Request {
        Request { files: vec![PathBuf::from("a.json")], format: None, into: PathBuf::from(into), text: None }
    }

    #[test]
    fn flags_are_checked_before_anything_is_read() {
        assert!(check_request(&request("content")).is_ok());
        assert!(check_request(&request("content/2026/pm")).is_ok());
        for bad in ["public", "content/_drafts", "../content", "/content"] {
            assert_eq!(check_request(&request(bad)).unwrap_err().file, Path::new("--into"), "{bad}");
        }
        let mut r = request("content");
        r.files = vec![PathBuf::from("page.txt")];
        let d = check_request(&r).unwrap_err();
        assert!(d.message.contains("--date, --role and --verdict"), "{}", d.message);
        r.files = vec![PathBuf::from("notes.md")];
        assert!(check_request(&r).unwrap_err().message.contains("cannot tell the format"));
    }

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(Format::of(Path::new("a.JSON")), Some(Format::Json));
        assert_eq!(Format::of(Path::new("a.ndjson")), Some(Format::Jsonl));
        assert_eq!(Format::of(Path::new("a.txt")), Some(Format::Text));
        assert_eq!(Format::of(Path::new("a")), None);
    }
}
