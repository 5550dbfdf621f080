//! Rendering: the graph in, the output files out, in memory. Templates are
//! compiled once; pages render in parallel. Rendering never touches the disk:
//! static files and co-located assets leave here as copy instructions.

mod browse;
pub mod calibration;
mod feeds;
pub mod insights;
mod jobs;
mod pages;
pub mod pagination;
pub mod people;
pub mod tally;
pub mod urls;
pub mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{Body, OutputFile};
use crate::theme::{Source, Theme};
pub use jobs::{all_jobs, Job};
use pages::Globals;
use views::Urls;

/// HTML-escapes `s` for text and quoted attributes: `& < > " '`, leaving `/` alone so
/// that URLs stay readable; the same escaping Tera applies in templates, for what
/// is written without a template (feeds, the sitemap, the error overlay).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, s);
    out
}

/// The page templates every theme must provide (DESIGN §5).
pub const PAGE_TEMPLATES: [&str; 15] = [
    "index.html",
    "interview.html",
    "principles.html",
    "principle.html",
    "panelists.html",
    "panelist.html",
    "term.html",
    "terms.html",
    "archive.html",
    "questions.html",
    "question.html",
    "404.html",
    "search.html",
    "calibration.html",
    "calibration_guide.html",
];

/// The compiled templates of a theme.
pub struct Renderer {
    tera: Tera,
    origins: BTreeMap<String, PathBuf>,
}

impl Renderer {
    /// Compiles every template; syntax errors are reported per template file.
    pub fn new(theme: &Theme) -> Result<Renderer, Diagnostics> {
        let origins: BTreeMap<String, PathBuf> =
            theme.templates.iter().map(|(n, f)| (n.clone(), f.origin.clone())).collect();
        let mut errors = Diagnostics::default();
        // Each template on its own first, so that every file with a syntax error is
        // reported, not only the first one.
        for (name, file) in &theme.templates {
            if let Err(e) = Tera::new().add_raw_template(name, &file.text) {
                if matches!(e.kind(), tera::ErrorKind::SyntaxError(_)) {
                    errors.push(template_diagnostic(
                        &origins,
                        name,
                        &e,
                        "fix the template syntax at this position",
                    ));
                }
            }
        }
        for name in PAGE_TEMPLATES {
            if !theme.templates.contains_key(name) {
                errors.push(
                    Diagnostic::error(
                        format!("templates/{name}"),
                        format!("the theme has no {name} template"),
                    )
                    .with_hint("add the template to the theme or to the site's templates/ folder"),
                );
            }
        }
        if errors.has_errors() {
            return Err(errors);
        }
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".htm", ".xml"]);
        let all = theme.templates.iter().map(|(n, f)| (n.as_str(), f.text.as_str()));
        if let Err(e) = tera.add_raw_templates(all) {
            // Not a syntax error: a missing parent or include, a loop, an unknown filter.
            let text = e.to_string();
            let name =
                theme.templates.keys().find(|n| text.contains(&format!("'{n}'"))).map_or("", String::as_str);
            errors.push(template_diagnostic(
                &origins,
                name,
                &e,
                "check {% extends %} and {% include %} names, and filter names",
            ));
            return Err(errors);
        }
        Ok(Renderer { tera, origins })
    }

    /// Renders every page, feed and listing of the site and lists every file to copy.
    pub fn render(&self, site: &Site, theme: &Theme) -> Result<Vec<OutputFile>, Diagnostics> {
        let jobs = all_jobs(site);
        let mut files = self.render_pages(site, &jobs)?;
        files.extend(extras(site, theme, &jobs));
        Ok(files)
    }

    /// Renders the given pages in parallel into memory.
    pub fn render_pages(&self, site: &Site, jobs: &[Job]) -> Result<Vec<OutputFile>, Diagnostics> {
        let files = std::sync::Mutex::new(Vec::with_capacity(jobs.len()));
        let sink = |f: OutputFile| {
            files.lock().unwrap_or_else(|e| e.into_inner()).push(f);
            Ok(())
        };
        match self.render_each(site, jobs, &sink) {
            Ok(()) => Ok(files.into_inner().unwrap_or_else(|e| e.into_inner())),
            Err(e) => Err(e.into_diagnostics()),
        }
    }

    /// Renders the given pages in parallel, handing each to `sink` as soon as it is
    /// rendered, so a build never holds every page in memory. A sink error stops
    /// the rendering; template errors are collected, each reported once.
    pub fn render_each(
        &self,
        site: &Site,
        jobs: &[Job],
        sink: &(dyn Fn(OutputFile) -> Result<(), crate::diagnostic::Error> + Sync),
    ) -> Result<(), crate::diagnostic::Error> {
        let urls = Urls::new(&site.config);
        let globals = Globals::new(site, &urls);
        let failures = std::sync::Mutex::new(Vec::new());
        jobs.par_iter().try_for_each(|job| match self.page(site, &urls, &globals, job) {
            Ok(f) => sink(f),
            Err(failure) => {
                failures.lock().unwrap_or_else(|e| e.into_inner()).push(*failure);
                Ok(())
            }
        })?;
        let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
        if failures.is_empty() {
            return Ok(());
        }
        // The same template error on many pages is reported once, naming the first page.
        failures.sort_by(|a, b| a.1.cmp(&b.1));
        let mut failed: Vec<(Diagnostic, String, usize)> = Vec::new();
        for (d, page) in failures {
            match failed.iter_mut().find(|(e, _, _)| e.file == d.file && e.message == d.message) {
                Some(entry) => entry.2 += 1,
                None => failed.push((d, page, 0)),
            }
        }
        let errors = failed
            .into_iter()
            .map(|(mut d, page, others)| {
                let more = if others > 0 { format!(" and {others} other page(s)") } else { String::new() };
                d.message = format!("{} (rendering /{page}{more})", d.message);
                d
            })
            .collect();
        Err(crate::diagnostic::Error::Invalid(Diagnostics(errors)))
    }

    /// The template a page renders with.
    pub fn template_of(job: &Job) -> &'static str {
        match job {
            Job::Home => "index.html",
            Job::Interview(_) => "interview.html",
            Job::Principles => "principles.html",
            Job::Principle(..) => "principle.html",
            Job::Panelists => "panelists.html",
            Job::Panelist(..) => "panelist.html",
            Job::Role(..) | Job::Level(..) | Job::Tag(..) => "term.html",
            Job::Roles | Job::Levels | Job::Tags => "terms.html",
            Job::Archive(_) => "archive.html",
            Job::Questions => "questions.html",
            Job::Question(..) => "question.html",
            Job::NotFound => "404.html",
            Job::Search => "search.html",
            Job::Calibration => "calibration.html",
            Job::PrincipleGuide(_) | Job::CellGuide(..) => "calibration_guide.html",
        }
    }

    fn page<'a>(
        &self,
        site: &'a Site,
        urls: &Urls,
        globals: &Globals<'a>,
        job: &Job,
    ) -> Result<OutputFile, Box<(Diagnostic, String)>> {
        let mut ctx = Context::new();
        ctx.insert_value("site", globals.site.clone());
        let template = Renderer::template_of(job);
        let meta = pages::context(site, urls, globals, job, &mut ctx);
        ctx.insert("page", &meta);
        let html = self.tera.render(template, &ctx).map_err(|e| {
            let d = template_diagnostic(
                &self.origins,
                template,
                &e,
                "check the variable names against docs/theming.md",
            );
            Box::new((d, job.output_path(site)))
        })?;
        let source = match *job {
            Job::Interview(i) => Some(site.interviews[i].source.clone()),
            _ => None,
        };
        Ok(OutputFile { path: job.output_path(site), body: Body::Bytes(html.into_bytes()), source })
    }
}

/// Everything besides the pages: the feed, sitemap and robots.txt, the theme's
/// static files and the interviews' co-located files. `jobs` are the site's pages.
pub fn extras(site: &Site, theme: &Theme, jobs: &[Job]) -> Vec<OutputFile> {
    let mut files = extras_without_search(site, theme, jobs);
    files.extend(crate::search::index(site, &Urls::new(&site.config)));
    files
}

/// [`extras`] without the search index: what link checking needs (no page links
/// into the index; the search script fetches it), at a fraction of the cost.
pub fn extras_without_search(site: &Site, theme: &Theme, jobs: &[Job]) -> Vec<OutputFile> {
    let urls = Urls::new(&site.config);
    let mut files = site_files(site, jobs);
    if site.config.feeds {
        files.extend(feeds::listing_feeds(site, &urls));
    }
    files.extend(static_files(theme));
    for iv in &site.interviews {
        files.extend(assets(iv));
    }
    files
}

/// The site-wide generated files: `/atom.xml` (unless a profile turns feeds
/// off), `/sitemap.xml` and `/robots.txt` (one that disallows all, and no
/// sitemap, when a profile turns indexing off).
pub fn site_files(site: &Site, jobs: &[Job]) -> Vec<OutputFile> {
    let urls = Urls::new(&site.config);
    let mut files = Vec::with_capacity(3);
    if site.config.feeds {
        files.push(feeds::atom(site, &urls));
    }
    if site.config.indexing {
        // Drafts (built with `--drafts`) have pages, but the sitemap does not list them.
        let listed = |j: &&Job| match **j {
            Job::NotFound => false,
            Job::Interview(i) => !site.interviews[i].draft,
            _ => true,
        };
        let pages: Vec<String> = jobs.iter().filter(listed).map(|j| j.output_path(site)).collect();
        files.push(feeds::sitemap(site, &urls, &pages));
        files.push(feeds::robots(&urls));
    } else {
        files.push(feeds::robots_disallow_all());
    }
    files
}

/// The site-wide Atom feed alone (`/atom.xml`): for live rebuilds that keep every
/// page, where the sitemap and robots.txt cannot change.
pub fn site_feed(site: &Site) -> OutputFile {
    feeds::atom(site, &Urls::new(&site.config))
}

/// The Atom feed beside a principle, panelist, role, level or tag page; none
/// for other pages.
pub fn listing_feed(site: &Site, job: &Job) -> Option<OutputFile> {
    if !site.config.feeds {
        return None;
    }
    let urls = Urls::new(&site.config);
    match *job {
        Job::Principle(p, 0) => Some(feeds::principle_feed(site, &urls, p)),
        Job::Panelist(k, 0) => Some(feeds::panelist_feed(site, &urls, k)),
        Job::Role(t, 0) => Some(feeds::term_feed(site, &urls, feeds::TermFeed::Role, t)),
        Job::Level(t, 0) => Some(feeds::term_feed(site, &urls, feeds::TermFeed::Level, t)),
        Job::Tag(t, 0) => Some(feeds::term_feed(site, &urls, feeds::TermFeed::Tag, t)),
        _ => None,
    }
}

/// The theme's static files, as copy instructions.
pub fn static_files(theme: &Theme) -> impl Iterator<Item = OutputFile> + '_ {
    theme.statics.iter().map(|(name, source)| {
        let body = match source {
            Source::Embedded(bytes) => Body::Static(bytes),
            Source::Disk(path) => Body::Copy(path.clone()),
        };
        OutputFile { path: name.clone(), body, source: None }
    })
}

/// The co-located files of one interview, as copy instructions.
pub fn assets(iv: &crate::content::Interview) -> impl Iterator<Item = OutputFile> + '_ {
    iv.assets.iter().map(move |asset| {
        let rel = asset.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        OutputFile {
            path: format!("{}{rel}", views::interview_path(&iv.slug)),
            body: Body::Copy(iv.dir.join(asset)),
            source: Some(iv.source.clone()),
        }
    })
}

/// A diagnostic for a Tera error in template `name`: the file and line of the
/// template Tera points at (which may be a partial `name` includes), its message.
fn template_diagnostic(
    origins: &BTreeMap<String, PathBuf>,
    name: &str,
    e: &tera::Error,
    hint: &str,
) -> Diagnostic {
    let origin = |n: &str| origins.get(n).cloned().unwrap_or_else(|| PathBuf::from(format!("templates/{n}")));
    let (file, position, message) = match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let at = r.span();
            let file = if r.filename().is_empty() { name } else { r.filename() };
            let position = crate::diagnostic::Position { line: at.start_line, column: at.start_col + 1 };
            (origin(file), Some(position), r.message().to_string())
        }
        _ => {
            let mut message = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(s) = src {
                message = format!("{message}: {s}");
                src = s.source();
            }
            (origin(name), None, message)
        }
    };
    let mut d = Diagnostic::error(file, format!("template error: {message}")).with_hint(hint);
    if let Some(p) = position {
        d = d.at(p);
    }
    d
}
