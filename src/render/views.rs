//! What templates see: serialisable views built from the graph. Templates never see
//! the domain types, so the content model can change without breaking themes.
//! `docs/theming.md` documents every field here.
#![allow(missing_docs)]

use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

pub use super::pagination::{
    page_count, page_path, page_slice, page_slice_range, pagination, PageLink, Pagination, PAGE_WINDOW,
    PER_PAGE,
};
pub use super::people::{hue, initials};
pub use super::tally::{linked_verdict_counts, verdict_counts, Tally, VerdictCount, VerdictView};
pub use super::urls::{
    calibration_path, display_date, interview_path, iso_date, level_path, panelist_path, principle_path,
    question_path, role_path, tag_path, Urls, CALIBRATION_PATH,
};

use crate::content::{Interview, Panelist};
use crate::model::{Site, Term};

/// `{name, slug, url}`.
#[derive(Debug, Clone, Serialize)]
pub struct Link<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
}

/// An interview in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct Card<'a> {
    pub title: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub permalink: String,
    pub date: String,
    pub date_display: String,
    pub summary: &'a str,
    pub verdict: VerdictView,
    pub role: Link<'a>,
    pub level: Option<Link<'a>>,
    pub company: &'a str,
    pub principles: Vec<Link<'a>>,
    pub panel_size: usize,
    /// Tags, linking to their listings, in the order written.
    pub tags: Vec<Link<'a>>,
    /// A draft (only in builds with `--drafts`): the theme shows a badge.
    pub draft: bool,
}

/// Builds the card of interview `i`.
pub fn card<'a>(site: &'a Site, urls: &Urls, i: usize) -> Card<'a> {
    let iv = &site.interviews[i];
    let path = interview_path(&iv.slug);
    let role = &site.roles[site.role_of[i]];
    Card {
        title: &iv.title,
        slug: &iv.slug,
        url: urls.url(&path),
        permalink: urls.permalink(&path),
        date: iso_date(iv.date),
        date_display: display_date(iv.date),
        summary: if iv.summary.is_empty() { &iv.excerpt } else { &iv.summary },
        verdict: iv.verdict.into(),
        role: Link { name: &iv.role, slug: &role.slug, url: urls.url(&role_path(&role.slug)) },
        level: site.level_of[i].map(|l| {
            let term = &site.levels[l];
            Link {
                name: iv.level.as_deref().unwrap_or(&term.name),
                slug: &term.slug,
                url: urls.url(&level_path(&term.slug)),
            }
        }),
        company: &iv.company,
        principles: iv
            .principles
            .iter()
            .map(|&p| {
                let p = &site.config.principles[p];
                Link { name: &p.name, slug: &p.slug, url: urls.url(&principle_path(&p.slug)) }
            })
            .collect(),
        panel_size: iv.panelists.len(),
        tags: site.tags_of[i]
            .iter()
            .map(|&t| {
                let tag = &site.tags[t];
                Link { name: &tag.name, slug: &tag.slug, url: urls.url(&tag_path(&tag.slug)) }
            })
            .collect(),
        draft: iv.draft,
    }
}

/// Every interview's card, each serialised at most once per render and then shared:
/// a Tera value is reference-counted, and a card shows on up to a dozen pages
/// (its principles', role's, level's and panelists' listings, related interviews).
pub struct Cards<'a> {
    site: &'a Site,
    urls: &'a Urls,
    cells: Vec<OnceLock<Value>>,
}

impl<'a> Cards<'a> {
    /// An empty cache for `site`'s interviews.
    pub fn new(site: &'a Site, urls: &'a Urls) -> Self {
        Cards { site, urls, cells: (0..site.interviews.len()).map(|_| OnceLock::new()).collect() }
    }

    /// The site the cards are of.
    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// The card of interview `i`, as a template value.
    pub fn get(&self, i: usize) -> Value {
        self.cells[i].get_or_init(|| Value::from_serializable(&card(self.site, self.urls, i))).clone()
    }
}

/// A panelist as shown on an interview.
#[derive(Debug, Clone, Serialize)]
pub struct Person<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub role: &'a str,
    pub initials: String,
    pub hue: u32,
}

/// A panelist with their hiring signals.
#[derive(Debug, Clone, Serialize)]
pub struct PanelMember<'a> {
    #[serde(flatten)]
    pub person: Person<'a>,
    pub hire_reason: Option<&'a str>,
    pub concern: Option<&'a str>,
    /// Their own call, when they cast one.
    pub vote: Option<VerdictView>,
}

pub(super) fn person<'a>(urls: &Urls, p: &'a Panelist, hue: u32) -> Person<'a> {
    Person {
        name: &p.name,
        slug: &p.slug,
        url: urls.url(&panelist_path(&p.slug)),
        role: &p.role,
        initials: initials(&p.name),
        hue,
    }
}

/// One roundtable turn.
#[derive(Debug, Clone, Serialize)]
pub struct TurnView<'a> {
    pub n: usize,
    pub anchor: String,
    /// The speaker's [`Person`], shared by all their turns.
    pub speaker: Value,
    pub html: &'a str,
}

/// A further section.
#[derive(Debug, Clone, Serialize)]
pub struct SectionView<'a> {
    pub title: &'a str,
    pub anchor: &'a str,
    pub html: &'a str,
}

/// Everything `interview.html` shows.
#[derive(Debug, Clone, Serialize)]
pub struct InterviewView<'a> {
    #[serde(flatten)]
    pub card: Card<'a>,
    pub video: &'a str,
    /// The question asked, linking to every answer to it; null when not given.
    pub question: Option<Link<'a>>,
    pub panelists: Vec<PanelMember<'a>>,
    /// What the votes say, and the contrast block.
    pub calibration: super::calibration::InterviewCalibrationView,
    pub intro_html: &'a str,
    pub turns: Vec<TurnView<'a>>,
    pub consensus_html: &'a str,
    pub sections: Vec<SectionView<'a>>,
    /// Cards.
    pub related: Vec<Value>,
    /// Card of the previous (older) interview.
    pub previous: Option<Value>,
    /// Card of the next (newer) interview.
    pub next: Option<Value>,
}

/// Builds the interview view of interview `i`.
pub fn interview<'a>(site: &'a Site, urls: &Urls, cards: &Cards, i: usize) -> InterviewView<'a> {
    let iv: &'a Interview = &site.interviews[i];
    let hues = super::people::panel_hues(iv.panelists.iter().map(|p| p.slug.as_str()));
    let speakers: Vec<Value> =
        iv.panelists.iter().zip(&hues).map(|(p, &h)| Value::from_serializable(&person(urls, p, h))).collect();
    InterviewView {
        card: card(site, urls, i),
        video: &iv.video,
        question: site.question_of[i].map(|q| {
            let q = &site.questions[q];
            Link { name: &q.name, slug: &q.slug, url: urls.url(&question_path(&q.slug)) }
        }),
        panelists: iv
            .panelists
            .iter()
            .zip(&hues)
            .map(|(p, &h)| PanelMember {
                person: person(urls, p, h),
                hire_reason: p.hire_reason.as_deref(),
                concern: p.concern.as_deref(),
                vote: p.vote.map(VerdictView::from),
            })
            .collect(),
        calibration: super::calibration::interview(site, urls, cards, i),
        intro_html: &iv.intro_html,
        turns: iv
            .turns
            .iter()
            .enumerate()
            .map(|(k, t)| TurnView {
                n: k + 1,
                anchor: format!("turn-{}", k + 1),
                // A turn's speaker is always on the panel (checked at load).
                speaker: speakers.get(t.speaker).cloned().unwrap_or_else(Value::none),
                html: &t.html,
            })
            .collect(),
        consensus_html: &iv.consensus_html,
        sections: iv
            .sections
            .iter()
            .map(|s| SectionView { title: &s.title, anchor: &s.anchor, html: &s.html })
            .collect(),
        related: site.related[i].iter().map(|&j| cards.get(j)).collect(),
        previous: site.previous(i).map(|j| cards.get(j)),
        next: site.next(i).map(|j| cards.get(j)),
    }
}

/// A principle in a list.
#[derive(Debug, Clone, Serialize)]
pub struct PrincipleSummary<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// Null for a principle without interviews (it has no page).
    pub url: Option<String>,
    pub description: &'a str,
    pub count: Tally,
}

/// Every principle of the catalogue with its count.
pub fn principle_summaries<'a>(site: &'a Site, urls: &Urls) -> Vec<PrincipleSummary<'a>> {
    site.config
        .principles
        .iter()
        .zip(&site.by_principle)
        .map(|(p, list)| PrincipleSummary {
            name: &p.name,
            slug: &p.slug,
            // An empty principle has no page.
            url: (!list.is_empty()).then(|| urls.url(&principle_path(&p.slug))),
            description: &p.description,
            count: Tally::of(site, list.len()),
        })
        .collect()
}

/// A principle page, role page or level page: a name and its interviews.
#[derive(Debug, Clone, Serialize)]
pub struct Listing<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: Tally,
    /// The verdict mix of the whole listing (VerdictCount list).
    pub verdicts: Value,
    /// Cards.
    pub interviews: Vec<Value>,
    pub pagination: Pagination,
}

/// Builds a listing of `list` at site path `path`.
#[allow(clippy::too_many_arguments)]
pub fn listing<'a>(
    urls: &Urls,
    cards: &Cards,
    name: &'a str,
    slug: &'a str,
    path: &str,
    list: &[usize],
    verdicts: Value,
    page: usize,
) -> Listing<'a> {
    Listing {
        name,
        slug,
        url: urls.url(path),
        count: Tally::of(cards.site(), list.len()),
        verdicts,
        interviews: page_slice(list, page).iter().map(|&i| cards.get(i)).collect(),
        pagination: pagination(urls, path, page, list.len()),
    }
}

/// A role or level with its count.
#[derive(Debug, Clone, Serialize)]
pub struct TermSummary<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub count: Tally,
}

/// Terms, most interviews first (by their published counts: hidden ones keep
/// the graph's order among themselves).
pub fn term_summaries<'a>(
    terms: &'a [Term],
    urls: &Urls,
    path: fn(&str) -> String,
    min_group: usize,
) -> Vec<TermSummary<'a>> {
    let mut out = terms_in_order(terms, urls, path, min_group);
    out.sort_by_key(|t| std::cmp::Reverse(t.count.value));
    out
}

/// Terms in the graph's order: levels in natural order (L4 < L5 < L10, then the
/// rest), roles, tags and questions by slug.
pub fn terms_in_order<'a>(
    terms: &'a [Term],
    urls: &Urls,
    path: fn(&str) -> String,
    min_group: usize,
) -> Vec<TermSummary<'a>> {
    terms
        .iter()
        .map(|t| TermSummary {
            name: &t.name,
            slug: &t.slug,
            url: urls.url(&path(&t.slug)),
            count: Tally::new(t.interviews.len(), min_group),
        })
        .collect()
}

/// A panelist in the panelist index.
#[derive(Debug, Clone, Serialize)]
pub struct PanelistSummary<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub initials: String,
    pub hue: u32,
    pub roles: &'a [String],
    pub count: Tally,
    /// Their votes, agreement and offset.
    pub calibration: super::calibration::reviewers::Reviewer,
}

/// One interview as seen from a panelist's page.
#[derive(Debug, Clone, Serialize)]
pub struct Appearance<'a> {
    /// The interview's card.
    pub interview: Value,
    pub role: &'a str,
    pub hire_reason: Option<&'a str>,
    pub concern: Option<&'a str>,
    /// Their vote in that interview, if any.
    pub vote: Option<VerdictView>,
    pub turns: usize,
    /// Deep links to each of their turns in that interview.
    pub turn_links: Vec<TurnLink>,
}

/// A link to one roundtable turn.
#[derive(Debug, Clone, Serialize)]
pub struct TurnLink {
    pub n: usize,
    pub url: String,
}

/// A panelist's own page.
#[derive(Debug, Clone, Serialize)]
pub struct PanelistPage<'a, 'm> {
    #[serde(flatten)]
    pub summary: PanelistSummary<'a>,
    pub appearances: Vec<Appearance<'a>>,
    /// Signals, co-panelists and turn count over all their reviews.
    #[serde(flatten)]
    pub insights: &'m super::insights::PanelistInsights<'a>,
    /// None when the build writes no feeds.
    pub feed_url: Option<String>,
    /// The concerns they raised in this page's reviews.
    pub concerns: Vec<ConcernLink<'a>>,
    /// Their vote distribution and votes against the panel (first page only).
    pub reviewer: Option<super::calibration::reviewers::ReviewerPage>,
    pub pagination: Pagination,
}

/// The panelist index, most interviews first, then by name.
pub fn panelist_summaries<'a>(site: &'a Site, urls: &Urls) -> Vec<PanelistSummary<'a>> {
    let mut out: Vec<PanelistSummary> =
        (0..site.panelists.len()).map(|k| panelist_summary(site, urls, k)).collect();
    out.sort_by(|a, b| b.count.value.cmp(&a.count.value).then_with(|| a.slug.cmp(b.slug)));
    out
}

fn panelist_summary<'a>(site: &'a Site, urls: &Urls, k: usize) -> PanelistSummary<'a> {
    let p = &site.panelists[k];
    PanelistSummary {
        name: &p.name,
        slug: &p.slug,
        url: urls.url(&panelist_path(&p.slug)),
        initials: initials(&p.name),
        hue: hue(&p.slug),
        roles: &p.roles,
        count: Tally::of(site, p.appearances.len()),
        calibration: super::calibration::reviewers::reviewer(
            &site.calibration.panelists[k],
            site.config.min_group,
        ),
    }
}

/// A concern a panelist raised, with where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct ConcernLink<'a> {
    pub concern: &'a str,
    pub interview: Link<'a>,
    pub turn_links: Vec<TurnLink>,
}

fn turn_links(site: &Site, url: &str, i: usize, j: usize) -> Vec<TurnLink> {
    site.interviews[i]
        .turns
        .iter()
        .enumerate()
        .filter(|(_, t)| t.speaker == j)
        .map(|(n, _)| TurnLink { n: n + 1, url: format!("{url}#turn-{}", n + 1) })
        .collect()
}

/// Builds page `page` (0-based) of panelist `k`'s page: the reviews and the
/// concerns raised in them are paginated together.
pub fn panelist_page<'a, 'm>(
    site: &'a Site,
    urls: &Urls,
    cards: &Cards,
    k: usize,
    page: usize,
    insights: &'m super::insights::PanelistInsights<'a>,
) -> PanelistPage<'a, 'm> {
    let entry = &site.panelists[k];
    let base = panelist_path(&entry.slug);
    let start = (page * PER_PAGE).min(entry.appearances.len());
    let end = (start + PER_PAGE).min(entry.appearances.len());
    let concerns = entry.appearances[start..end]
        .iter()
        .filter_map(|&(i, j)| {
            let iv = &site.interviews[i];
            let concern = iv.panelists[j].concern.as_deref()?;
            let url = urls.url(&interview_path(&iv.slug));
            let turn_links = turn_links(site, &url, i, j);
            Some(ConcernLink {
                concern,
                interview: Link { name: &iv.title, slug: &iv.slug, url },
                turn_links,
            })
        })
        .collect();
    PanelistPage {
        summary: panelist_summary(site, urls, k),
        appearances: entry.appearances[start..end]
            .iter()
            .map(|&(i, j)| {
                let p = &site.interviews[i].panelists[j];
                let url = urls.url(&interview_path(&site.interviews[i].slug));
                let turn_links = turn_links(site, &url, i, j);
                Appearance {
                    interview: cards.get(i),
                    role: &p.role,
                    hire_reason: p.hire_reason.as_deref(),
                    concern: p.concern.as_deref(),
                    vote: p.vote.map(VerdictView::from),
                    turns: p.turns,
                    turn_links,
                }
            })
            .collect(),
        insights,
        feed_url: site.config.feeds.then(|| urls.permalink(&format!("{base}atom.xml"))),
        concerns,
        reviewer: (page == 0).then(|| super::calibration::reviewers::page(site, cards, k)),
        pagination: pagination(urls, &base, page, entry.appearances.len()),
    }
}

/// A row of the home page's principle × verdict matrix.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixRow<'a> {
    pub principle: Link<'a>,
    pub cells: Vec<VerdictCount>,
    /// The row's interviews.
    pub total: Tally,
}

/// The principle × verdict matrix over principles that have interviews.
pub fn matrix<'a>(site: &'a Site, urls: &Urls) -> Vec<MatrixRow<'a>> {
    site.config
        .principles
        .iter()
        .zip(&site.by_principle)
        .filter(|(_, list)| !list.is_empty())
        .map(|(p, list)| MatrixRow {
            principle: Link { name: &p.name, slug: &p.slug, url: urls.url(&principle_path(&p.slug)) },
            cells: super::tally::linked_verdict_counts(
                site,
                list,
                &urls.url(super::urls::SEARCH_PATH),
                Some(("principle", &p.slug)),
            ),
            total: Tally::new(list.len(), site.config.min_group),
        })
        .collect()
}
