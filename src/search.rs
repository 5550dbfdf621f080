//! Client-side search: the `/search/` page's filter lists and the search index
//! written beside the pages. Works from any static host, offline.

use serde::Serialize;

use crate::model::Site;
use crate::output::OutputFile;
use crate::render::views::{self, Urls};

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
}

/// The filter lists of the search page.
pub fn page_view<'a>(site: &'a Site, urls: &Urls) -> SearchPage<'a> {
    SearchPage {
        principles: views::principle_summaries(site, urls).into_iter().filter(|p| p.count > 0).collect(),
        verdicts: views::verdict_counts(site, &site.all()),
        roles: views::term_summaries(&site.roles, urls, views::role_path),
        levels: views::term_summaries(&site.levels, urls, views::level_path),
        panelists: views::panelist_summaries(site, urls),
    }
}

/// The search index files.
pub fn index(_site: &Site, _urls: &Urls) -> Vec<OutputFile> {
    Vec::new()
}
