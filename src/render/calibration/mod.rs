//! What the calibration views show (DESIGN §3 numbers, §4 pages): the votes and
//! markers of an interview page with its contrast block, the principle × level
//! grid, the guides ([`guide`]) and the reviewers' calibration ([`reviewers`]).
//! Every count a template prints goes through [`Tally`], so that a profile's
//! `min_group` hides small groups here as everywhere.
#![allow(missing_docs)]

pub mod guide;
pub mod reviewers;

use serde::Serialize;
use tera::Value;

use super::tally::{Tally, VerdictView};
use super::urls::{calibration_path, principle_path, Urls, NO_LEVEL_SLUG};
use super::views::{Cards, Link};
use crate::content::Verdict;
use crate::model::Site;

/// The site path of the guide of `principle` at `level` (`None`: interviews
/// without a level, at `calibration/<principle>/no-level/`); `None` when a real
/// level takes that slug (that cell is then shown by the principle's guide).
pub fn cell_path(site: &Site, principle: usize, level: Option<usize>) -> Option<String> {
    let p = &site.config.principles[principle].slug;
    match level {
        Some(l) => Some(calibration_path(p, Some(&site.levels[l].slug))),
        None if site.levels.iter().any(|t| t.slug == NO_LEVEL_SLUG) => None,
        None => Some(calibration_path(p, Some(NO_LEVEL_SLUG))),
    }
}

/// The URL a grid cell or a contrast block links to: the cell's guide, or the
/// principle's when the cell has none of its own.
pub fn cell_url(site: &Site, urls: &Urls, principle: usize, level: Option<usize>) -> String {
    let path = cell_path(site, principle, level)
        .unwrap_or_else(|| calibration_path(&site.config.principles[principle].slug, None));
    urls.url(&path)
}

/// A level's name as guides print it ("No level" for interviews without one).
pub fn level_name(site: &Site, level: Option<usize>) -> &str {
    level.map_or("No level", |l| site.levels[l].name.as_str())
}

/// A verdict with its count as published, and its share when the count is shown.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictTally {
    #[serde(flatten)]
    pub verdict: VerdictView,
    pub count: Tally,
    /// Percent of the group; `None` when the count is hidden.
    pub percent: Option<usize>,
}

/// All six verdicts of `counts` (in [`Verdict::ALL`] order) as published.
pub fn verdict_tallies(counts: [usize; 6], min_group: usize) -> Vec<VerdictTally> {
    crate::model::verdict_mix(counts)
        .into_iter()
        .map(|(v, n, percent)| {
            let count = Tally::new(n, min_group);
            let percent = (!count.small).then_some(percent);
            VerdictTally { verdict: v.into(), count, percent }
        })
        .collect()
}

/// A verdict mix in words: `2 hire, fewer than 3 no hire` (zero counts left out).
pub fn mix_words(verdicts: &[VerdictTally]) -> String {
    let parts: Vec<String> = verdicts
        .iter()
        .filter(|v| v.count.count != Some(0))
        .map(|v| format!("{} {}", v.count.shown, v.verdict.label.to_lowercase()))
        .collect();
    parts.join(", ")
}

/// The share of `counts` on the hire side, in percent (0 for an empty group).
pub fn hire_percent(counts: [usize; 6]) -> usize {
    let total: usize = counts.iter().sum();
    let hire: usize = Verdict::ALL.iter().filter(|v| v.is_positive()).map(|v| counts[v.index()]).sum();
    (hire * 100 + total / 2).checked_div(total).unwrap_or(0)
}

/// What an interview page shows of its votes.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewCalibrationView {
    /// How many panelists voted.
    pub votes: usize,
    /// Votes on both sides.
    pub split: bool,
    /// The median vote is zero or on the other side of the verdict.
    pub against: bool,
    /// The median vote on the scale, e.g. `1.5`, as text; `None` without votes.
    pub median: Option<String>,
    /// Where the median falls: `Hire side`, `No-hire side` or `Even`.
    pub median_side: Option<&'static str>,
    /// "Same principle, other side": cards of the closest interviews on the
    /// same principle and level with a verdict on the other side.
    pub contrast: Vec<Value>,
    /// The side the contrasts are on: `Hire side` or `No-hire side`.
    pub contrast_side: &'static str,
    /// The calibration guide of the interview's first principle at its level.
    pub guide_url: Option<String>,
}

/// The calibration view of interview `i`.
pub fn interview(site: &Site, urls: &Urls, cards: &Cards, i: usize) -> InterviewCalibrationView {
    let iv = &site.interviews[i];
    let numbers = site.calibration.interviews[i];
    let level = site.level_of[i];
    let contrast = site.contrast(i);
    let other = if iv.verdict.is_positive() { Verdict::NoHire } else { Verdict::Hire };
    InterviewCalibrationView {
        votes: numbers.votes,
        split: numbers.split,
        against: numbers.against,
        median: numbers.median().map(|m| format_scale(m, false)),
        median_side: numbers.median_x2.map(|m| match m.signum() {
            1 => "Hire side",
            -1 => "No-hire side",
            _ => "Even",
        }),
        contrast: contrast.into_iter().map(|j| cards.get(j)).collect(),
        contrast_side: other.side_label(),
        guide_url: iv.principles.first().map(|&p| cell_url(site, urls, p, level)),
    }
}

/// A number on the scale as printed: one decimal when it has one, else two,
/// with a sign when `signed` (`+0.5`, `−1.33`: a real minus sign).
pub fn format_scale(x: f64, signed: bool) -> String {
    let rounded = (x * 100.0).round() / 100.0;
    let body = if (rounded * 10.0).fract() == 0.0 {
        format!("{:.1}", rounded.abs())
    } else {
        format!("{:.2}", rounded.abs())
    };
    let sign = if rounded < 0.0 {
        "\u{2212}"
    } else if signed && rounded > 0.0 {
        "+"
    } else {
        ""
    };
    format!("{sign}{body}")
}

/// A level heading of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct LevelHead<'a> {
    pub name: &'a str,
    pub slug: &'a str,
}

/// One cell of the grid: a principle at a level.
#[derive(Debug, Clone, Serialize)]
pub struct GridCell<'a> {
    /// The column's level name (also for an empty cell).
    pub level: &'a str,
    /// False for a cell without interviews (then only `level` is set).
    pub filled: bool,
    pub url: String,
    /// The verdict mix in words, e.g. `2 hire, 1 no hire`.
    pub summary: String,
    pub count: Tally,
    pub verdicts: Vec<VerdictTally>,
    /// Share on the hire side; `None` when the cell's count is hidden.
    pub hire_percent: Option<usize>,
    pub split: Tally,
    pub against: Tally,
}

/// One principle's row of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct GridRow<'a> {
    pub principle: Link<'a>,
    /// The principle's guide (all levels).
    pub guide_url: String,
    pub count: Tally,
    /// One entry per column of [`Grid::levels`].
    pub cells: Vec<GridCell<'a>>,
}

/// `calibration.html`: the principle × level grid.
#[derive(Debug, Clone, Serialize)]
pub struct Grid<'a> {
    /// The columns: every level in level order, then "No level" when some
    /// interview has none.
    pub levels: Vec<LevelHead<'a>>,
    /// Principles with interviews, in catalogue order.
    pub rows: Vec<GridRow<'a>>,
    pub cells: Tally,
    pub interviews: Tally,
    pub split: Tally,
    pub against: Tally,
}

/// Builds the grid from the graph's cells.
pub fn grid<'a>(site: &'a Site, urls: &Urls) -> Grid<'a> {
    let min = site.config.min_group;
    let cal = &site.calibration;
    let unlevelled = cal.cells.iter().any(|c| c.level.is_none());
    let mut columns: Vec<Option<usize>> = (0..site.levels.len()).map(Some).collect();
    if unlevelled {
        columns.push(None);
    }
    let levels = columns
        .iter()
        .map(|&l| LevelHead {
            name: level_name(site, l),
            slug: l.map_or(NO_LEVEL_SLUG, |l| site.levels[l].slug.as_str()),
        })
        .collect();
    let rows = site
        .config
        .principles
        .iter()
        .enumerate()
        .filter(|(p, _)| !site.by_principle[*p].is_empty())
        .map(|(p, pr)| GridRow {
            principle: Link { name: &pr.name, slug: &pr.slug, url: urls.url(&principle_path(&pr.slug)) },
            guide_url: urls.url(&calibration_path(&pr.slug, None)),
            count: Tally::new(site.by_principle[p].len(), min),
            cells: columns
                .iter()
                .map(|&l| match cal.cell(p, l) {
                    Some(c) => {
                        let count = Tally::new(c.interviews.len(), min);
                        let verdicts = verdict_tallies(c.verdicts, min);
                        GridCell {
                            level: level_name(site, l),
                            filled: true,
                            url: cell_url(site, urls, p, l),
                            summary: mix_words(&verdicts),
                            hire_percent: (!count.small).then(|| hire_percent(c.verdicts)),
                            count,
                            verdicts,
                            split: Tally::new(c.split.len(), min),
                            against: Tally::new(c.against.len(), min),
                        }
                    }
                    None => GridCell {
                        level: level_name(site, l),
                        filled: false,
                        url: String::new(),
                        summary: String::new(),
                        count: Tally::new(0, min),
                        verdicts: Vec::new(),
                        hire_percent: None,
                        split: Tally::new(0, min),
                        against: Tally::new(0, min),
                    },
                })
                .collect(),
        })
        .collect();
    Grid {
        levels,
        rows,
        cells: Tally::new(cal.cells.len(), 0),
        interviews: Tally::new(site.interviews.len(), min),
        split: Tally::new(cal.split, min),
        against: Tally::new(cal.against, min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_numbers_print_with_a_real_minus() {
        assert_eq!(format_scale(1.5, false), "1.5");
        assert_eq!(format_scale(-1.0 / 3.0, true), "\u{2212}0.33");
        assert_eq!(format_scale(0.5, true), "+0.5");
        assert_eq!(format_scale(0.0, true), "0.0");
        assert_eq!(format_scale(2.0, false), "2.0");
    }

    #[test]
    fn hidden_counts_hide_their_share() {
        let v = verdict_tallies([2, 5, 0, 0, 0, 0], 3);
        assert_eq!((v[0].count.shown.as_str(), v[0].percent), ("fewer than 3", None));
        assert_eq!((v[1].count.shown.as_str(), v[1].percent), ("5", Some(71)));
        assert_eq!(v[2].percent, Some(0));
        assert_eq!(hire_percent([1, 0, 0, 1, 1, 1]), 25);
        assert_eq!(mix_words(&v), "fewer than 3 strong hire, 5 hire");
        assert_eq!(hire_percent([0; 6]), 0);
    }
}
