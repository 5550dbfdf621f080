//! The pages of a site, as jobs: what each renders and where it is written.

use crate::model::Site;

use super::{urls, views};

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
    /// The archive `/interviews/`: page (0-based).
    Archive(usize),
    /// The index of every role.
    Roles,
    /// The index of every level.
    Levels,
    /// The index of every tag.
    Tags,
    /// A tag's listing: tag index, page (0-based).
    Tag(usize, usize),
    /// The index of every question.
    Questions,
    /// One question's answers: question index, page (0-based).
    Question(usize, usize),
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
            Job::Archive(n) => views::page_path(urls::ARCHIVE_PATH, n),
            Job::Roles => urls::ROLES_PATH.into(),
            Job::Levels => urls::LEVELS_PATH.into(),
            Job::Tags => urls::TAGS_PATH.into(),
            Job::Tag(t, n) => views::page_path(&views::tag_path(&site.tags[t].slug), n),
            Job::Questions => urls::QUESTIONS_PATH.into(),
            Job::Question(q, n) => views::page_path(&views::question_path(&site.questions[q].slug), n),
            Job::NotFound => return "404.html".into(),
            Job::Search => "search/".into(),
            Job::Calibration => views::CALIBRATION_PATH.into(),
            Job::PrincipleGuide(p) => views::calibration_path(&site.config.principles[p].slug, None),
            Job::CellGuide(p, l) => super::calibration::cell_path(site, p, l).unwrap_or_default(),
        };
        format!("{dir}index.html")
    }
}

/// Every page of the site. A principle without interviews has no page (the
/// catalogue lists it, unlinked): an empty listing is a dead end.
pub fn all_jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![
        Job::Home,
        Job::Principles,
        Job::Panelists,
        Job::Search,
        Job::NotFound,
        Job::Roles,
        Job::Levels,
        Job::Tags,
        Job::Questions,
    ];
    jobs.extend((0..site.interviews.len()).map(Job::Interview));
    let pages = |len: usize| 0..views::page_count(len);
    jobs.extend(pages(site.interviews.len()).map(Job::Archive));
    for (p, list) in site.by_principle.iter().enumerate().filter(|(_, list)| !list.is_empty()) {
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
    for (t, term) in site.tags.iter().enumerate() {
        jobs.extend(pages(term.interviews.len()).map(|n| Job::Tag(t, n)));
    }
    for (q, term) in site.questions.iter().enumerate() {
        jobs.extend(pages(term.interviews.len()).map(|n| Job::Question(q, n)));
    }
    jobs
}
