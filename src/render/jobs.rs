//! The pages of a site, as jobs: what each renders and where it is written.

use crate::model::Site;

use super::views;

/// One page to render, by index into the [`Site`] it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Job {
    Home,
    Interview(usize),
    Principles,
    /// A principle's listing: principle index, page (0-based).
    Principle(usize, usize),
    Panelists,
    /// A panelist's page: panelist index, page (0-based).
    Panelist(usize, usize),
    /// A role's listing: role index, page (0-based).
    Role(usize, usize),
    /// A level's listing: level index, page (0-based).
    Level(usize, usize),
    NotFound,
    Search,
    /// The principle × level grid.
    Calibration,
    /// A principle's calibration guide, all levels: principle index.
    PrincipleGuide(usize),
    /// A principle × level calibration guide: principle index, level index
    /// (`None`: interviews without a level).
    CellGuide(usize, Option<usize>),
}

impl Job {
    /// The page's output path, e.g. `interviews/x/index.html`.
    pub fn output_path(&self, site: &Site) -> String {
        let dir = match *self {
            Job::Home => String::new(),
            Job::Interview(i) => views::interview_path(&site.interviews[i].slug),
            Job::Principles => "principles/".into(),
            Job::Principle(p, n) => {
                views::page_path(&views::principle_path(&site.config.principles[p].slug), n)
            }
            Job::Panelists => "panelists/".into(),
            Job::Panelist(k, n) => views::page_path(&views::panelist_path(&site.panelists[k].slug), n),
            Job::Role(t, n) => views::page_path(&views::role_path(&site.roles[t].slug), n),
            Job::Level(t, n) => views::page_path(&views::level_path(&site.levels[t].slug), n),
            Job::NotFound => return "404.html".into(),
            Job::Search => "search/".into(),
            Job::Calibration => views::CALIBRATION_PATH.into(),
            Job::PrincipleGuide(p) => views::calibration_path(&site.config.principles[p].slug, None),
            Job::CellGuide(p, l) => super::calibration::cell_path(site, p, l).unwrap_or_default(),
        };
        format!("{dir}index.html")
    }
}

/// Every page of the site.
pub fn all_jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::Principles, Job::Panelists, Job::Search, Job::NotFound];
    jobs.extend((0..site.interviews.len()).map(Job::Interview));
    let pages = |len: usize| 0..views::page_count(len);
    for (p, list) in site.by_principle.iter().enumerate() {
        jobs.extend(pages(list.len()).map(|n| Job::Principle(p, n)));
    }
    for (k, p) in site.panelists.iter().enumerate() {
        jobs.extend(pages(p.appearances.len()).map(|n| Job::Panelist(k, n)));
    }
    for (t, term) in site.roles.iter().enumerate() {
        jobs.extend(pages(term.interviews.len()).map(|n| Job::Role(t, n)));
    }
    for (t, term) in site.levels.iter().enumerate() {
        jobs.extend(pages(term.interviews.len()).map(|n| Job::Level(t, n)));
    }
    jobs.push(Job::Calibration);
    for (p, list) in site.by_principle.iter().enumerate() {
        if !list.is_empty() {
            jobs.push(Job::PrincipleGuide(p));
        }
    }
    for cell in &site.calibration.cells {
        if super::calibration::cell_path(site, cell.principle, cell.level).is_some() {
            jobs.push(Job::CellGuide(cell.principle, cell.level));
        }
    }
    jobs
}
