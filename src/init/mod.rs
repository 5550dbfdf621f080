//! `site init`: a new site that builds and passes `site check --strict` at once:
//! `site.toml` (every key shown, the optional ones commented out), one example
//! interview of our own writing that uses every field, a `.gitignore` holding
//! `public/`, a GitHub Pages workflow, and the JSON Schemas for editors.
//!
//! It refuses a folder that already holds a site (`site.toml` or `content/`), and
//! writes nothing when any file it would write exists already.

use std::path::{Path, PathBuf};

use crate::config::{Config, CONFIG_FILE};
use crate::content::walk::CONTENT_DIR;
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};

const SITE_TOML: &str = include_str!("site.toml");
const EXAMPLE: &str = include_str!("example.md");
const GITIGNORE: &str = include_str!("gitignore");
const WORKFLOW: &str = include_str!("deploy.yml");

/// The example interview's slug (its folder's name, under `content/<year>/`).
pub const EXAMPLE_SLUG: &str = "retiring-a-flaky-retry-queue";
/// The deploy workflow's path in the new site.
pub const WORKFLOW_PATH: &str = ".github/workflows/deploy.yml";
/// The title when `--title` is not given.
pub const DEFAULT_TITLE: &str = "Interview Reviews";
/// The base URL when `--base-url` is not given.
pub const DEFAULT_BASE_URL: &str = "https://example.com";

/// What to create.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder of the new site (created when missing).
    pub dir: PathBuf,
    /// The site's title.
    pub title: Option<String>,
    /// Its base URL.
    pub base_url: Option<String>,
}

/// The files of a new site: `(path relative to the site, text)`.
pub fn files(opts: &Options, today: time::Date) -> Vec<(PathBuf, String)> {
    let toml_string = |s: &str| toml::Value::String(s.to_string()).to_string();
    let site_toml = SITE_TOML
        .replace("@TITLE@", &toml_string(opts.title.as_deref().unwrap_or(DEFAULT_TITLE)))
        .replace("@BASE_URL@", &toml_string(opts.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL)));
    let example = EXAMPLE.replace("@DATE@", &crate::render::urls::iso_date(today));
    let example_dir = Path::new(CONTENT_DIR).join(today.year().to_string()).join(EXAMPLE_SLUG);
    let mut out = vec![
        (PathBuf::from(CONFIG_FILE), site_toml),
        (example_dir.join("index.md"), example),
        (PathBuf::from(".gitignore"), GITIGNORE.to_string()),
        (PathBuf::from(WORKFLOW_PATH), WORKFLOW.to_string()),
    ];
    for (name, text) in crate::schemas::files() {
        out.push((Path::new(crate::schemas::DIR).join(name), text));
    }
    out
}

/// Creates the site; returns the files written, relative to `opts.dir`.
pub fn init(opts: &Options, today: time::Date) -> Result<Vec<PathBuf>> {
    let dir = &opts.dir;
    let refuse = |d: Diagnostic| Err(Error::Invalid(Diagnostics(vec![d])));
    let named =
        if dir == Path::new(".") { "the current folder".to_string() } else { dir.display().to_string() };
    for held in [CONFIG_FILE, CONTENT_DIR] {
        if dir.join(held).exists() {
            return refuse(
                Diagnostic::error(dir.join(held), format!("{named} already holds a site ({held})"))
                    .with_hint(
                    "`site init` starts a new site: give it a new or empty folder, e.g. `site init my-kb`",
                ),
            );
        }
    }
    let files = files(opts, today);
    // The configuration it would write must load: a bad --title or --base-url is
    // reported before anything is written.
    if let Err(e) = Config::parse(dir, &files[0].1) {
        let ds = e.into_diagnostics().0.into_iter().map(|d| {
            let flag = if d.message.contains("base_url") { "--base-url" } else { "--title" };
            Diagnostic { file: flag.into(), line: None, column: None, ..d }
        });
        return Err(Error::Invalid(Diagnostics(ds.collect())));
    }
    let existing: Vec<Diagnostic> = files
        .iter()
        .filter(|(rel, _)| rel != Path::new(".gitignore") && dir.join(rel).exists())
        .map(|(rel, _)| {
            Diagnostic::error(dir.join(rel), "already exists").with_hint(
                "`site init` never overwrites a file: move it away, or start the site in another folder",
            )
        })
        .collect();
    if !existing.is_empty() {
        return Err(Error::Invalid(Diagnostics(existing)));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        if rel == Path::new(".gitignore") && path.exists() {
            if !append_ignore(&path)? {
                continue;
            }
        } else {
            std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        }
        written.push(rel);
    }
    Ok(written)
}

/// Adds `public/` to an existing `.gitignore` that lacks it; false when it had it.
fn append_ignore(path: &Path) -> Result<bool> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    if text.lines().any(|l| matches!(l.trim(), "public/" | "public" | "/public" | "/public/")) {
        return Ok(false);
    }
    let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
    std::fs::write(path, format!("{text}{sep}{GITIGNORE}")).map_err(|e| Error::io(path, e))?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> time::Date {
        time::macros::date!(2026 - 03 - 14)
    }

    fn opts(dir: &Path) -> Options {
        Options { dir: dir.to_path_buf(), title: None, base_url: None }
    }

    #[test]
    fn every_key_shown_in_site_toml_is_a_real_key() {
        // Uncomment every optional key, the build profile's included.
        let text = files(&opts(Path::new("/s")), today())[0].1.clone();
        let uncommented: String = text
            .lines()
            .map(|l| match l.strip_prefix("# ") {
                Some(rest) if rest.contains(" = ") || rest.starts_with('[') => format!("{rest}\n"),
                _ => format!("{l}\n"),
            })
            .collect();
        assert!(uncommented.contains("\nsafe_html = false"), "{uncommented}");
        let c = Config::parse(Path::new("/s"), &uncommented)
            .unwrap_or_else(|e| panic!("{:?}", e.into_diagnostics()));
        assert_eq!(c.principles.len(), 2);
        assert_eq!(c.title, DEFAULT_TITLE);
        let p = &c.profiles["public"];
        assert!(p.pseudonymize && p.check_pii && !p.indexing && p.feeds);
        assert_eq!(
            (p.min_group, p.drop_fields.len(), p.exclude_tags.len(), p.drop_sections.len()),
            (3, 3, 1, 1)
        );
    }

    #[test]
    fn a_folder_with_a_site_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("content")).unwrap();
        let err = init(&opts(dir.path()), today()).unwrap_err().into_diagnostics();
        assert!(err.0[0].message.contains("already holds a site"), "{:?}", err);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("content")]);
    }

    #[test]
    fn an_existing_file_it_would_write_stops_it_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".github/workflows")).unwrap();
        std::fs::write(dir.path().join(WORKFLOW_PATH), "mine").unwrap();
        let ds = init(&opts(dir.path()), today()).unwrap_err().into_diagnostics();
        assert!(ds.0[0].file.ends_with(WORKFLOW_PATH), "{ds:?}");
        assert!(!dir.path().join(CONFIG_FILE).exists());
        assert_eq!(std::fs::read_to_string(dir.path().join(WORKFLOW_PATH)).unwrap(), "mine");
    }

    #[test]
    fn a_bad_base_url_names_the_flag_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let o = Options { base_url: Some("example.com".into()), ..opts(dir.path()) };
        let ds = init(&o, today()).unwrap_err().into_diagnostics();
        assert_eq!(ds.0[0].file, Path::new("--base-url"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_existing_gitignore_gets_public_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".gitignore"), "target").unwrap();
        init(&opts(dir.path()), today()).unwrap();
        let text = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
        assert!(text.starts_with("target\n") && text.ends_with("public/\n"), "{text}");
        assert!(!append_ignore(&dir.path().join(".gitignore")).unwrap());
    }
}
