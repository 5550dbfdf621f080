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
pub mod routes;
pub mod tally;
pub mod urls;
pub mod views;
pub mod whitespace;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Site;
use crate::output::{Body, OutputFile};
use crate::theme::Theme;
pub use jobs::{all_jobs, Job};
use pages::Globals;
pub use routes::{Route, Routes};
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
        let times = crate::timing::PageTimes::new();
        let page =
            |job: &Job| times.time(Renderer::template_of(job), || self.page(site, &urls, &globals, job));
        jobs.par_iter().try_for_each(|job| match page(job) {
            Ok(f) => sink(f),
            Err(failure) => {
                failures.lock().unwrap_or_else(|e| e.into_inner()).push(*failure);
                Ok(())
            }
        })?;
        times.report();
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

    /// Renders one page on its own (`site serve` renders each page when it is
    /// first asked for).
    pub fn render_page(&self, site: &Site, job: &Job) -> Result<OutputFile, Diagnostics> {
        let urls = Urls::new(&site.config);
        let globals = Globals::new(site, &urls);
        self.page(site, &urls, &globals, job).map_err(|failure| {
            let (mut d, page) = *failure;
            d.message = format!("{} (rendering /{page})", d.message);
            Diagnostics(vec![d])
        })
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
        let html = whitespace::collapse(&html);
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
/// The files are those of [`routes::extras`], the list `site serve` serves.
pub fn extras_without_search(site: &Site, theme: &Theme, jobs: &[Job]) -> Vec<OutputFile> {
    routes::extras(site, theme, jobs)
        .into_par_iter()
        .filter_map(|(path, route)| match route {
            Route::File(body, source) => Some(OutputFile { path, body, source }),
            generated => routes::render_extra(site, jobs, &generated),
        })
        .collect()
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
