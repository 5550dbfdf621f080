//! The address table: every output path of the site and what makes it, built
//! from the graph without rendering anything. `site build` renders each entry and
//! writes it; `site serve` looks a request up here and renders the page it names
//! on demand. Both take their list from [`all_jobs`] and [`extras`], so what is
//! served and what is built cannot disagree.
//!
//! The search index (`search-index/`) is not listed: it is built on its own
//! (all at once, in the background under `site serve`).

use std::collections::HashMap;
use std::path::PathBuf;

use super::{feeds, views, Job};
use crate::model::Site;
use crate::output::{Body, OutputFile};
use crate::theme::{Source, Theme};

/// What makes one output path.
#[derive(Debug, Clone)]
pub enum Route {
    /// A page, rendered from a template.
    Page(Job),
    /// The Atom feed beside the first page of this listing.
    Feed(Job),
    /// `/atom.xml`, the site's feed.
    SiteFeed,
    /// `/sitemap.xml`: every listed page.
    Sitemap,
    /// `/robots.txt`.
    Robots,
    /// A file served as it is: a theme static compiled in, or a file on disk (a
    /// site or theme static, an interview's co-located file), with the content
    /// file it belongs to, for messages.
    File(Body, Option<PathBuf>),
}

impl Route {
    /// Whether the file is generated from the graph (and so cached and
    /// invalidated by `site serve`), rather than copied.
    pub fn is_generated(&self) -> bool {
        !matches!(self, Route::File(..))
    }
}

/// Every file besides the pages and the search index, in the order `site build`
/// lists them: the site files, the listing feeds, the theme's static files and
/// the co-located files of every interview. `jobs` are the site's pages.
pub fn extras(site: &Site, theme: &Theme, jobs: &[Job]) -> Vec<(String, Route)> {
    let mut out = Vec::new();
    if site.config.feeds {
        out.push(("atom.xml".to_string(), Route::SiteFeed));
    }
    if site.config.indexing {
        out.push(("sitemap.xml".to_string(), Route::Sitemap));
    }
    out.push(("robots.txt".to_string(), Route::Robots));
    if site.config.feeds {
        out.extend(jobs.iter().filter_map(|j| Some((feed_path(site, j)?, Route::Feed(*j)))));
    }
    out.extend(theme.statics.iter().map(|(name, source)| {
        let body = match source {
            Source::Embedded(bytes) => Body::Static(bytes),
            Source::Disk(path) => Body::Copy(path.clone()),
        };
        (name.clone(), Route::File(body, None))
    }));
    for iv in &site.interviews {
        out.extend(super::assets(iv).map(|f| (f.path, Route::File(f.body, f.source))));
    }
    out
}

/// The path of the Atom feed beside listing page `job`, if it has one: the first
/// page of a principle, panelist, role, level or tag.
pub fn feed_path(site: &Site, job: &Job) -> Option<String> {
    let dir = match *job {
        Job::Principle(p, 0) => views::principle_path(&site.config.principles[p].slug),
        Job::Panelist(k, 0) => views::panelist_path(&site.panelists[k].slug),
        Job::Role(t, 0) => views::role_path(&site.roles[t].slug),
        Job::Level(t, 0) => views::level_path(&site.levels[t].slug),
        Job::Tag(t, 0) => views::tag_path(&site.tags[t].slug),
        _ => return None,
    };
    Some(format!("{dir}atom.xml"))
}

/// Renders a generated route that is not a page (a feed, the sitemap, robots.txt);
/// `None` for pages and copied files. `jobs` are the site's pages (the sitemap lists them).
pub fn render_extra(site: &Site, jobs: &[Job], route: &Route) -> Option<OutputFile> {
    let urls = views::Urls::new(&site.config);
    match route {
        Route::SiteFeed => Some(feeds::atom(site, &urls)),
        Route::Feed(job) => super::listing_feed(site, job),
        Route::Sitemap => Some(sitemap(site, &urls, jobs)),
        Route::Robots if site.config.indexing => Some(feeds::robots(&urls)),
        Route::Robots => Some(feeds::robots_disallow_all()),
        Route::Page(_) | Route::File(..) => None,
    }
}

/// `/sitemap.xml`: every page but the 404 page and drafts (built with `--drafts`,
/// they have pages, but the sitemap does not list them).
fn sitemap(site: &Site, urls: &views::Urls, jobs: &[Job]) -> OutputFile {
    let listed = |j: &&Job| match **j {
        Job::NotFound => false,
        Job::Interview(i) => !site.interviews[i].draft,
        _ => true,
    };
    let pages: Vec<String> = jobs.iter().filter(listed).map(|j| j.output_path(site)).collect();
    feeds::sitemap(site, urls, &pages)
}

/// The address table of a site: output path → route.
#[derive(Debug, Default)]
pub struct Routes {
    map: HashMap<String, Route>,
}

impl Routes {
    /// Every page of `jobs` and every extra of the site, by output path.
    pub fn new(site: &Site, theme: &Theme, jobs: &[Job]) -> Routes {
        let mut map: HashMap<String, Route> = HashMap::with_capacity(jobs.len() * 2);
        map.extend(jobs.iter().map(|j| (j.output_path(site), Route::Page(*j))));
        map.extend(extras(site, theme, jobs));
        Routes { map }
    }

    /// What makes `path`, if the site has it.
    pub fn get(&self, path: &str) -> Option<&Route> {
        self.map.get(path)
    }

    /// Whether the site has `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.map.contains_key(path)
    }

    /// How many paths the site has.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the site has no path at all.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
