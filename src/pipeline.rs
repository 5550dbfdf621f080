//! One build, top to bottom: load the configuration, the theme and the content;
//! link the graph; render; then either check links (`site check`) or write the
//! output (`site build`). Every stage adds to one list of diagnostics.

use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content;
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::links::LinkIndex;
use crate::model::Site;
use crate::output::{Staging, Target};
use crate::render::{self, Renderer};
use crate::theme::Theme;
use crate::timing::Timer;

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
    /// Keep each interview's Markdown ([`crate::content::Interview::sources`]):
    /// `site export` writes it.
    pub keep_sources: bool,
    /// The build profile of site.toml to apply (`--profile`), if any.
    pub profile: Option<String>,
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

/// The site loaded, validated and linked, with its compiled theme: ready to render.
pub struct Prepared {
    /// The graph.
    pub site: Site,
    /// The compiled templates.
    pub renderer: Renderer,
    /// The theme's files.
    pub theme: Theme,
    /// Warnings so far.
    pub warnings: Diagnostics,
}

impl Prepared {
    /// Adds `more` to the warnings so far, as one failure.
    fn fail(&self, more: Diagnostics) -> Error {
        let mut all = self.warnings.clone();
        all.extend(more.0);
        Error::Invalid(all)
    }
}

/// Loads, validates and links the site, collecting every error of every stage.
pub fn prepare(opts: &Options) -> Result<Prepared> {
    let mut t = Timer::new();
    // An invalid site.toml still lets the content load (with what of the file
    // reads), so that one run reports every error of both.
    let (mut config, mut diagnostics) = Config::load_or_fallback(&opts.root)?;
    config.keep_sources = opts.keep_sources;
    if let Some(name) = &opts.profile {
        if let Err(d) = config.apply_profile(name) {
            diagnostics.push(d);
        }
    }
    if let Some(url) = &opts.base_url {
        if let Err(msg) = config.set_base_url(url) {
            diagnostics.push(
                Diagnostic::error("--base-url", msg)
                    .with_hint("pass an absolute URL such as https://example.com/kb"),
            );
        }
    }
    // Theme and content problems are independent: report both.
    let renderer = match Theme::load(&config) {
        Ok(mut theme) => {
            diagnostics.extend(std::mem::take(&mut theme.warnings));
            match Renderer::new(&theme) {
                Ok(r) => Some((r, theme)),
                Err(ds) => {
                    diagnostics.extend(ds.0);
                    None
                }
            }
        }
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
    // The one redaction step: the graph only ever sees what the profile publishes.
    let published = match crate::redact::publish(&config, interviews) {
        Ok(p) => p,
        Err(ds) => {
            diagnostics.extend(ds.0);
            return Err(Error::Invalid(diagnostics));
        }
    };
    t.lap("redact");
    let site = match Site::build(config, published) {
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
    Ok(Prepared { site, renderer, theme, warnings: diagnostics })
}

/// `site build`: render every page straight into a staging folder, then swap it
/// in for the output folder. A failure anywhere leaves the old output as it was.
pub fn build(opts: &Options) -> Result<Report> {
    let start = Instant::now();
    let p = prepare(opts)?;
    let target = Target::check(&opts.root, &opts.output_dir())?;
    let mut t = Timer::new();
    let jobs = render::all_jobs(&p.site);
    let paths: Vec<String> = jobs.iter().map(|j| j.output_path(&p.site)).collect();
    // Creating ten thousand folders is kernel work on one core; the feeds and
    // the search index are computed on the other meanwhile.
    let (staging, extras) = rayon::join(
        || Staging::create(&target, paths.iter().map(String::as_str)),
        || render::extras(&p.site, &p.theme, &jobs),
    );
    let staging = staging?;
    let pages = paths.iter().map(|p| (p.as_str(), None));
    crate::output::check_paths(pages.chain(extras.iter().map(|f| (f.path.as_str(), f.origin()))))?;
    staging.add_folders(extras.iter().map(|f| f.path.as_str()))?;
    // Written now, so that the search index (100 MB at 100,000 interviews) is not
    // held in memory while the pages render.
    extras.par_iter().try_for_each(|f| staging.write(f))?;
    let files = jobs.len() + extras.len();
    drop(extras);
    t.lap("folders and extras");
    p.renderer
        .render_each(&p.site, &jobs, &|f| staging.write(&f))
        .map_err(|e| p.fail(e.into_diagnostics()))?;
    t.lap("render");
    staging.commit()?;
    t.lap("commit");
    Ok(report(&p, jobs.len(), files, start))
}

/// `site check`: render every page and check every internal link; write nothing.
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
    let p = prepare(opts).map_err(|e| Error::Invalid(strict(e.into_diagnostics())))?;
    let mut t = Timer::new();
    let jobs = render::all_jobs(&p.site);
    let extras = render::extras_without_search(&p.site, &p.theme, &jobs);
    let index = Mutex::new(LinkIndex::default());
    p.renderer
        .render_each(&p.site, &jobs, &|f| {
            // Scanned on the rendering thread; only the insertion is serial.
            let scanned = crate::links::Scanned::of(&f);
            index.lock().unwrap_or_else(|e| e.into_inner()).insert(scanned);
            Ok(())
        })
        .map_err(|e| Error::Invalid(strict(p.fail(e.into_diagnostics()).into_diagnostics())))?;
    let mut index = index.into_inner().unwrap_or_else(|e| e.into_inner());
    for f in &extras {
        index.add(f);
    }
    t.lap("render and scan");
    let cfg = &p.site.config;
    let mut all = p.warnings.clone();
    all.extend(index.check(&cfg.root_path(), &cfg.base_url, &cfg.root).0);
    t.lap("links");
    let all = strict(all);
    if all.has_errors() {
        return Err(Error::Invalid(all));
    }
    let mut report = report(&p, jobs.len(), jobs.len() + extras.len(), start);
    report.warnings = all;
    Ok(report)
}

fn report(p: &Prepared, pages: usize, files: usize, start: Instant) -> Report {
    Report {
        pages,
        files,
        interviews: p.site.interviews.len(),
        warnings: p.warnings.clone(),
        elapsed: start.elapsed(),
    }
}
