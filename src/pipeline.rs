//! One build, top to bottom: load the configuration, the theme and the content;
//! link the graph; render; then either check links (`site check`) or write the
//! output (`site build`). Every stage adds to one list of diagnostics.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content;
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::links;
use crate::model::Site;
use crate::output::{self, OutputFile};
use crate::render::Renderer;
use crate::theme::Theme;

/// What to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The site root (holds `site.toml`).
    pub root: PathBuf,
    /// The output folder; default `<root>/public`.
    pub output: Option<PathBuf>,
    /// Replaces `base_url` from `site.toml`.
    pub base_url: Option<String>,
    /// Publish drafts too.
    pub drafts: bool,
    /// Add the content lint's warnings (`site check`).
    pub lint: bool,
    /// Treat warnings as errors (`site check --strict`).
    pub strict: bool,
}

impl Options {
    /// The output folder this build writes.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful run did.
#[derive(Debug)]
pub struct Report {
    /// Warnings (the run succeeded despite them).
    pub warnings: Diagnostics,
    /// HTML pages rendered.
    pub pages: usize,
    /// Files in the output, pages included.
    pub files: usize,
    /// Interviews published.
    pub interviews: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// The site loaded, validated, linked and rendered in memory.
pub struct Rendered {
    /// The graph.
    pub site: Site,
    /// Every output file.
    pub files: Vec<OutputFile>,
    /// Warnings so far.
    pub warnings: Diagnostics,
}

/// Prints how long a stage took when `ROUNDTABLE_TIMINGS` is set (for profiling).
struct Timer {
    on: bool,
    at: Instant,
}

impl Timer {
    fn new() -> Self {
        Timer { on: std::env::var_os("ROUNDTABLE_TIMINGS").is_some(), at: Instant::now() }
    }

    fn lap(&mut self, stage: &str) {
        if self.on {
            eprintln!("timing: {stage:<8} {:>6} ms", self.at.elapsed().as_millis());
            self.at = Instant::now();
        }
    }
}

/// Loads and renders the site, collecting every error of every stage.
pub fn render(opts: &Options) -> Result<Rendered> {
    let mut t = Timer::new();
    let mut config = Config::load(&opts.root)?;
    let mut diagnostics = Diagnostics::default();
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|msg| {
            Error::Invalid(Diagnostics(vec![crate::diagnostic::Diagnostic::error("--base-url", msg)
                .with_hint("pass an absolute URL such as https://example.com/kb")]))
        })?;
    }
    // Theme and content problems are independent: report both.
    let renderer = match Theme::load(&config) {
        Ok(theme) => match Renderer::new(&theme) {
            Ok(r) => Some((r, theme)),
            Err(ds) => {
                diagnostics.extend(ds.0);
                None
            }
        },
        Err(Error::Invalid(ds)) => {
            diagnostics.extend(ds.0);
            None
        }
        Err(e) => return Err(e),
    };
    t.lap("theme");
    let loaded = content::load(&config, opts.drafts, opts.lint);
    t.lap("content");
    diagnostics.extend(loaded.diagnostics.0);
    if diagnostics.has_errors() {
        return Err(Error::Invalid(diagnostics));
    }
    let interviews = loaded.interviews.into_iter().map(std::sync::Arc::new).collect();
    let site = match Site::build(config, interviews) {
        Ok(site) => site,
        Err(ds) => {
            diagnostics.extend(ds.0);
            return Err(Error::Invalid(diagnostics));
        }
    };
    t.lap("graph");
    let Some((renderer, theme)) = renderer else {
        return Err(Error::Invalid(diagnostics));
    };
    match renderer.render(&site, &theme) {
        Ok(files) => {
            t.lap("render");
            Ok(Rendered { site, files, warnings: diagnostics })
        }
        Err(ds) => {
            diagnostics.extend(ds.0);
            Err(Error::Invalid(diagnostics))
        }
    }
}

/// `site build`: render, then replace the output folder.
pub fn build(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let r = render(opts)?;
    let out = opts.output_dir();
    check_output(&opts.root, &out)?;
    let mut t = Timer::new();
    output::write_site(&out, &r.files)?;
    t.lap("write");
    Ok(report(r, start))
}

/// `site check`: render and check every internal link; write nothing.
pub fn check(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let strict = |mut ds: Diagnostics| {
        if opts.strict {
            for d in &mut ds.0 {
                d.severity = crate::diagnostic::Severity::Error;
            }
        }
        ds
    };
    let mut r = render(opts).map_err(|e| Error::Invalid(strict(e.into_diagnostics())))?;
    let cfg = &r.site.config;
    let broken = links::check(&r.files, &cfg.root_path(), &cfg.base_url, &cfg.root);
    r.warnings.extend(broken.0);
    r.warnings = strict(std::mem::take(&mut r.warnings));
    if r.warnings.has_errors() {
        return Err(Error::Invalid(std::mem::take(&mut r.warnings)));
    }
    Ok(report(r, start))
}

/// Refuses output folders whose replacement would destroy the site or other files:
/// the build replaces the whole output folder.
fn check_output(root: &Path, out: &Path) -> Result<()> {
    let refuse = |msg: String, hint: &str| {
        Err(Error::Invalid(Diagnostics(vec![Diagnostic::error("--output", msg).with_hint(hint)])))
    };
    let abs = |p: &Path| -> PathBuf {
        // The output folder may not exist yet: resolve its parent.
        match (p.canonicalize(), p.parent(), p.file_name()) {
            (Ok(c), _, _) => c,
            (Err(_), Some(parent), Some(name)) => {
                let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
                parent.canonicalize().map(|c| c.join(name)).unwrap_or_else(|_| p.to_path_buf())
            }
            _ => p.to_path_buf(),
        }
    };
    let (root, out_abs) = (abs(root), abs(out));
    if root.starts_with(&out_abs) {
        return refuse(
            format!("{} holds the site itself: building there would replace it", out.display()),
            "choose a separate output folder, such as public/",
        );
    }
    for inside in ["content", "templates", "static", "themes"] {
        if out_abs.starts_with(root.join(inside)) {
            return refuse(
                format!("{} is inside the site's {inside}/ folder", out.display()),
                "choose an output folder outside content/, templates/, static/ and themes/",
            );
        }
    }
    let looks_built = out_abs.join("index.html").is_file() || out_abs.join("404.html").is_file();
    let empty = std::fs::read_dir(&out_abs).map_or(true, |mut d| d.next().is_none());
    if out_abs.is_dir() && !empty && !looks_built {
        return refuse(
            format!("{} is not empty and holds no previous build", out.display()),
            "the output folder is replaced by each build: choose an empty or new folder",
        );
    }
    Ok(())
}

fn report(r: Rendered, start: Instant) -> Report {
    Report {
        pages: r.files.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: r.files.len(),
        interviews: r.site.interviews.len(),
        warnings: r.warnings,
        elapsed: start.elapsed(),
    }
}
