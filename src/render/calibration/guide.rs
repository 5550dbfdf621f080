//! `calibration_guide.html`: a principle's guide (all levels) or one cell's,
//! from [`crate::model::Guide`], with every count as a [`Tally`].
#![allow(missing_docs)]

use serde::Serialize;
use tera::Value;

use super::{cell_url, level_name, verdict_tallies, VerdictTally};
use crate::model::guide::{Seat, Side};
use crate::model::{Guide, Site};
use crate::render::tally::Tally;
use crate::render::urls::CALIBRATION_PATH;
use crate::render::urls::{calibration_path, interview_path, panelist_path, principle_path, question_path};
use crate::render::views::{Cards, Link, TurnLink, Urls};

/// A term with how many texts of its side carry it.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub term: String,
    pub count: Tally,
}

/// A quoted signal, linked to where it was said.
#[derive(Debug, Clone, Serialize)]
pub struct Quote<'a> {
    pub text: &'a str,
    pub panelist: Link<'a>,
    pub interview: Link<'a>,
    /// The signal on the interview page (`#signal-<panelist>`).
    pub url: String,
    /// The panelist's turns in that interview.
    pub turn_links: Vec<TurnLink>,
}

/// An exemplar interview with its consensus's first paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Exemplar<'a> {
    pub interview: Value,
    pub consensus_lead: &'a str,
}

/// One side of a guide.
#[derive(Debug, Clone, Serialize)]
pub struct SideView<'a> {
    /// `Hire side` or `No-hire side`.
    pub label: &'static str,
    pub interviews: Tally,
    pub terms: Vec<TermView>,
    pub quotes: Vec<Quote<'a>>,
    pub exemplars: Vec<Exemplar<'a>>,
}

/// A question asked at the guide's cell, with how many of its interviews asked it.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionCount<'a> {
    pub text: &'a str,
    pub url: String,
    pub count: Tally,
}

/// A level of the principle, linking to its cell guide.
#[derive(Debug, Clone, Serialize)]
pub struct LevelLink<'a> {
    pub name: &'a str,
    pub url: String,
    pub count: Tally,
    pub current: bool,
}

/// Everything `calibration_guide.html` shows.
#[derive(Debug, Clone, Serialize)]
pub struct GuideView<'a> {
    pub principle: Link<'a>,
    pub description: &'a str,
    /// The level's name; `None` for the principle's guide over every level.
    pub level: Option<&'a str>,
    pub url: String,
    /// The principle's guide over every level.
    pub principle_guide_url: String,
    /// The grid.
    pub grid_url: String,
    pub count: Tally,
    /// Fewer than [`crate::model::guide::FEW`] interviews: no pattern drawn.
    pub few: bool,
    pub few_threshold: usize,
    pub verdicts: Vec<VerdictTally>,
    pub credited: SideView<'a>,
    pub sank: SideView<'a>,
    /// Cards of the split panels.
    pub split: Vec<Value>,
    pub questions: Vec<QuestionCount<'a>>,
    /// Cards of every interview, for a guide of few interviews (else empty).
    pub interviews: Vec<Value>,
    /// The principle's levels, each linking to its guide.
    pub levels: Vec<LevelLink<'a>>,
}

/// The guide of `principle` at `level` (`None`: every level; `Some(None)`: the
/// interviews without a level).
pub fn view<'a>(
    site: &'a Site,
    urls: &Urls,
    cards: &Cards,
    principle: usize,
    level: Option<Option<usize>>,
) -> GuideView<'a> {
    let min = site.config.min_group;
    let g = Guide::of(site, principle, level);
    let pr = &site.config.principles[principle];
    let side =
        |s: &Side, label: &'static str, text: fn(&crate::content::Panelist) -> Option<&str>| SideView {
            label,
            interviews: Tally::new(s.interviews, min),
            terms: s
                .terms
                .iter()
                .map(|t| TermView { term: t.term.clone(), count: Tally::new(t.count, min) })
                .collect(),
            quotes: s.quotes.iter().filter_map(|&seat| quote(site, urls, seat, text)).collect(),
            exemplars: s
                .exemplars
                .iter()
                .map(|&i| Exemplar {
                    interview: cards.get(i),
                    consensus_lead: &site.interviews[i].consensus_lead,
                })
                .collect(),
        };
    GuideView {
        principle: Link { name: &pr.name, slug: &pr.slug, url: urls.url(&principle_path(&pr.slug)) },
        description: &pr.description,
        level: level.map(|l| level_name(site, l)),
        url: match level {
            None => urls.url(&calibration_path(&pr.slug, None)),
            Some(l) => cell_url(site, urls, principle, l),
        },
        principle_guide_url: urls.url(&calibration_path(&pr.slug, None)),
        grid_url: urls.url(CALIBRATION_PATH),
        count: Tally::new(g.interviews.len(), min),
        few: g.few,
        few_threshold: crate::model::guide::FEW,
        verdicts: verdict_tallies(g.verdicts, min),
        credited: side(&g.credited, "Hire side", |p| p.hire_reason.as_deref()),
        sank: side(&g.sank, "No-hire side", |p| p.concern.as_deref()),
        split: g.split.iter().map(|&i| cards.get(i)).collect(),
        questions: g
            .questions
            .iter()
            .map(|&(q, n)| {
                let term = &site.questions[q];
                QuestionCount {
                    text: &term.name,
                    url: urls.url(&question_path(&term.slug)),
                    count: Tally::new(n, min),
                }
            })
            .collect(),
        interviews: if g.few { g.interviews.iter().map(|&i| cards.get(i)).collect() } else { Vec::new() },
        levels: site
            .calibration
            .cells_of(principle)
            .map(|c| LevelLink {
                name: level_name(site, c.level),
                url: cell_url(site, urls, principle, c.level),
                count: Tally::new(c.interviews.len(), min),
                current: level == Some(c.level),
            })
            .collect(),
    }
}

fn quote<'a>(
    site: &'a Site,
    urls: &Urls,
    (i, k): Seat,
    text: fn(&crate::content::Panelist) -> Option<&str>,
) -> Option<Quote<'a>> {
    let iv = &site.interviews[i];
    let p = &iv.panelists[k];
    let page = urls.url(&interview_path(&iv.slug));
    Some(Quote {
        text: text(p)?,
        panelist: Link { name: &p.name, slug: &p.slug, url: urls.url(&panelist_path(&p.slug)) },
        interview: Link { name: &iv.title, slug: &iv.slug, url: page.clone() },
        url: format!("{page}#signal-{}", p.slug),
        turn_links: iv
            .turns
            .iter()
            .enumerate()
            .filter(|(_, t)| t.speaker == k)
            .map(|(n, _)| TurnLink { n: n + 1, url: format!("{page}#turn-{}", n + 1) })
            .collect(),
    })
}
