//! Client-side search: the `/search/` page's filter lists and the search index
//! written beside the pages (`/search-index/`). Works from any static host, under a
//! sub-path, offline: the theme's `search.js` reads the index with `fetch`, no
//! server code, no external requests. `docs/search.md` has the format, the
//! figures and why it is built this way.

mod build;
mod facets;
pub mod passages;
pub mod text;

use std::time::Instant;

use serde::Serialize;

use crate::model::Site;
use crate::output::OutputFile;
use crate::render::views::{self, Tally, Urls};

pub use build::{CHUNK_BYTES, FORMAT};

/// The output folder of the index, relative to the site root.
pub const DIR: &str = "search-index/";

/// What `search.html` receives as `search`.
#[derive(Debug, Serialize)]
pub struct SearchPage<'a> {
    /// Principles that have interviews, for the principle filter.
    pub principles: Vec<views::PrincipleSummary<'a>>,
    /// All six verdicts, for the verdict filter.
    pub verdicts: Vec<views::VerdictCount>,
    /// Roles, most interviews first.
    pub roles: Vec<views::TermSummary<'a>>,
    /// Levels, most interviews first.
    pub levels: Vec<views::TermSummary<'a>>,
    /// Panelists, most interviews first.
    pub panelists: Vec<views::PanelistSummary<'a>>,
    /// Tags, most interviews first.
    pub tags: Vec<views::TermSummary<'a>>,
    /// Interviews on the hire side (strong hire, hire, lean hire), as published.
    pub hire_side: Tally,
    /// Interviews on the no-hire side, as published.
    pub no_hire_side: Tally,
    /// Root-relative URL of the index folder, ending in `/` (`/reviews/search-index/`).
    pub index_url: String,
    /// Number of interviews in the index, as published.
    pub count: Tally,
    /// The profile's `min_group` (0 without one): counts below it are shown as
    /// "fewer than k", here and by the script's own counts.
    pub min_group: usize,
}

/// The filter lists of the search page.
pub fn page_view<'a>(site: &'a Site, urls: &Urls) -> SearchPage<'a> {
    let hire = site.interviews.iter().filter(|iv| iv.verdict.is_positive()).count();
    SearchPage {
        principles: views::principle_summaries(site, urls).into_iter().filter(|p| p.url.is_some()).collect(),
        verdicts: views::verdict_counts(site, &site.all()),
        roles: views::term_summaries(&site.roles, urls, views::role_path, site.config.min_group),
        levels: views::term_summaries(&site.levels, urls, views::level_path, site.config.min_group),
        panelists: views::panelist_summaries(site, urls),
        tags: views::term_summaries(&site.tags, urls, views::tag_path, site.config.min_group),
        hire_side: Tally::of(site, hire),
        no_hire_side: Tally::of(site, site.interviews.len() - hire),
        index_url: urls.url(DIR),
        count: Tally::of(site, site.interviews.len()),
        min_group: site.config.min_group,
    }
}

/// The search index files, under [`DIR`]: one record per interview of `site`
/// (drafts are in the site, and so in the index, only when built with `--drafts`).
pub fn index(site: &Site, urls: &Urls) -> Vec<OutputFile> {
    let started = Instant::now();
    let files = build::files(site, urls);
    if std::env::var_os("ROUNDTABLE_TIMINGS").is_some() {
        let bytes: usize = files
            .iter()
            .map(|f| match &f.body {
                crate::output::Body::Bytes(b) => b.len(),
                _ => 0,
            })
            .sum();
        crate::report::tell!(
            "timing: search     {:>4} ms ({} files, {} bytes)",
            started.elapsed().as_millis(),
            files.len(),
            bytes
        );
    }
    files
}
