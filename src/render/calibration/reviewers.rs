//! Reviewer calibration (DESIGN §3): each panelist's votes, agreement with their
//! panels and offset, for `/panelists/` and each panelist's page.
#![allow(missing_docs)]

use serde::Serialize;
use tera::Value;

use super::{format_scale, verdict_tallies, VerdictTally};
use crate::model::calibration::PanelistCalibration;
use crate::model::Site;
use crate::render::tally::{Tally, VerdictView};
use crate::render::views::Cards;

/// Fewer votes than this make a small sample: the numbers say little yet.
pub const SMALL_SAMPLE: usize = 5;

/// An offset within this of zero reads as "in line with their panels".
pub const IN_LINE: f64 = 0.25;

/// How many of a panelist's votes against their panel their page lists.
pub const AGAINST_MAX: usize = 50;

/// One panelist's calibration as published.
#[derive(Debug, Clone, Serialize)]
pub struct Reviewer {
    pub votes: Tally,
    /// Agreement in percent; `None` without votes or when the votes are hidden.
    pub agreement: Option<usize>,
    /// `67%`, or `—`.
    pub agreement_shown: String,
    /// Mean of (vote − verdict), rounded to two decimals; `None` as above.
    pub offset: Option<f64>,
    /// `−0.33`, `+0.5`, or `—`.
    pub offset_shown: String,
    /// `harsher than their panels`, `more lenient than their panels`, `in line
    /// with their panels`, or `no votes yet`.
    pub leaning: &'static str,
    /// `harsher`, `lenient`, `in-line` or `none`, for styling.
    pub leaning_key: &'static str,
    /// Fewer than [`SMALL_SAMPLE`] votes.
    pub small_sample: bool,
}

/// The published calibration of panelist numbers `c` under `min_group`.
pub fn reviewer(c: &PanelistCalibration, min_group: usize) -> Reviewer {
    let votes = Tally::new(c.votes, min_group);
    let shown = !votes.small;
    let agreement = c.agreement().filter(|_| shown).map(|a| (a * 100.0).round() as usize);
    let offset = c.offset().filter(|_| shown).map(|o| (o * 100.0).round() / 100.0);
    let (leaning, leaning_key) = match offset {
        None if c.votes > 0 => ("too few votes to show", "none"),
        None => ("no votes yet", "none"),
        Some(o) if o < -IN_LINE => ("harsher than their panels", "harsher"),
        Some(o) if o > IN_LINE => ("more lenient than their panels", "lenient"),
        Some(_) => ("in line with their panels", "in-line"),
    };
    Reviewer {
        agreement_shown: agreement.map_or_else(|| "—".to_string(), |a| format!("{a}%")),
        offset_shown: offset.map_or_else(|| "—".to_string(), |o| format_scale(o, true)),
        agreement,
        offset,
        leaning,
        leaning_key,
        small_sample: c.votes > 0 && c.votes < SMALL_SAMPLE,
        votes,
    }
}

/// An interview where the panelist voted on the other side of the verdict.
#[derive(Debug, Clone, Serialize)]
pub struct AgainstPanel {
    pub interview: Value,
    pub vote: VerdictView,
}

/// What a panelist's page adds: the numbers, the distribution of their votes,
/// and the interviews where they voted against the panel.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerPage {
    #[serde(flatten)]
    pub reviewer: Reviewer,
    pub distribution: Vec<VerdictTally>,
    /// Newest first, at most [`AGAINST_MAX`].
    pub against_panel: Vec<AgainstPanel>,
    /// How many interviews they voted against the panel in, in all.
    pub against_count: Tally,
}

/// The calibration section of panelist `k`'s page.
pub fn page(site: &Site, cards: &Cards, k: usize) -> ReviewerPage {
    let min = site.config.min_group;
    let c = &site.calibration.panelists[k];
    // Appearances are in interview order: a binary search finds the seat.
    let appearances = &site.panelists[k].appearances;
    let seat_of = |i: usize| appearances.binary_search_by_key(&i, |&(j, _)| j).ok().map(|a| appearances[a].1);
    ReviewerPage {
        reviewer: reviewer(c, min),
        distribution: verdict_tallies(c.distribution, min),
        against_panel: c
            .against_panel
            .iter()
            .take(AGAINST_MAX)
            .filter_map(|&i| {
                let vote = site.interviews[i].panelists[seat_of(i)?].vote?;
                Some(AgainstPanel { interview: cards.get(i), vote: vote.into() })
            })
            .collect(),
        against_count: Tally::new(c.against_panel.len(), min),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(votes: usize, agreeing: usize, offset_sum: i64) -> PanelistCalibration {
        PanelistCalibration { votes, agreeing, offset_sum, ..Default::default() }
    }

    #[test]
    fn leaning_in_words_and_numbers() {
        let harsh = reviewer(&numbers(6, 4, -3), 0);
        assert_eq!((harsh.agreement, harsh.offset_shown.as_str()), (Some(67), "\u{2212}0.5"));
        assert_eq!((harsh.leaning, harsh.small_sample), ("harsher than their panels", false));
        let lenient = reviewer(&numbers(3, 3, 2), 0);
        assert_eq!((lenient.leaning, lenient.small_sample), ("more lenient than their panels", true));
        assert_eq!(lenient.offset_shown, "+0.67");
        assert_eq!(reviewer(&numbers(8, 8, 1), 0).leaning, "in line with their panels");
        let none = reviewer(&PanelistCalibration::default(), 0);
        assert_eq!((none.agreement_shown.as_str(), none.leaning), ("—", "no votes yet"));
    }

    #[test]
    fn hidden_votes_hide_agreement_and_offset() {
        let r = reviewer(&numbers(2, 1, -2), 3);
        assert_eq!(r.votes.shown, "fewer than 3");
        assert_eq!((r.agreement, r.offset), (None, None));
        assert_eq!((r.agreement_shown.as_str(), r.leaning), ("—", "too few votes to show"));
    }
}
