//! Patterns across many panels, computed at build time for principle and panelist
//! pages: who reviews a principle most, which concerns recur, how a panelist's
//! signals split and with whom they sit. Rendered as plain HTML/CSS by the theme.
//! Fields are documented for theme writers in docs/theming.md.
#![allow(missing_docs)]

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use super::people::{hue, initials};
use super::tally::Tally;
use super::urls::{panelist_path, Urls};
pub use crate::model::guide::{frequent_terms, TermCount};
use crate::model::Site;

/// How many entries each insight list holds.
pub const TOP: usize = 6;

/// A panelist with a count (most active on a principle, frequent co-panelist).
#[derive(Debug, Clone, Serialize)]
pub struct PersonCount<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub url: String,
    pub initials: String,
    pub hue: u32,
    pub count: Tally,
}

/// A panelist's signals: how often they gave a reason to hire, a concern, neither
/// (the raw numbers; pages show [`SignalView`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignalSplit {
    pub reasons: usize,
    pub no_reason: usize,
    pub concerns: usize,
    pub no_concern: usize,
    pub reason_percent: usize,
    pub concern_percent: usize,
}

/// [`SignalSplit`] as published: each count a [`Tally`], and a share only where
/// its count is shown (else 0).
#[derive(Debug, Clone, Serialize)]
pub struct SignalView {
    pub reasons: Tally,
    pub no_reason: Tally,
    pub concerns: Tally,
    pub no_concern: Tally,
    pub reason_percent: usize,
    pub concern_percent: usize,
}

impl SignalView {
    /// `s` under `min_group`.
    pub fn new(s: &SignalSplit, min_group: usize) -> Self {
        let t = |n| Tally::new(n, min_group);
        let (reasons, concerns) = (t(s.reasons), t(s.concerns));
        SignalView {
            reason_percent: if reasons.small { 0 } else { s.reason_percent },
            concern_percent: if concerns.small { 0 } else { s.concern_percent },
            reasons,
            no_reason: t(s.no_reason),
            concerns,
            no_concern: t(s.no_concern),
        }
    }
}

/// A frequent term with how many texts carry it, as published.
#[derive(Debug, Clone, Serialize)]
pub struct TermTally {
    pub term: String,
    pub count: Tally,
}

/// `terms` under `min_group`.
pub fn term_tallies(terms: Vec<TermCount>, min_group: usize) -> Vec<TermTally> {
    terms.into_iter().map(|t| TermTally { count: Tally::new(t.count, min_group), term: t.term }).collect()
}

fn person<'a>(site: &'a Site, urls: &Urls, slug: &str, count: usize) -> Option<PersonCount<'a>> {
    let k = site.panelists.binary_search_by(|p| p.slug.as_str().cmp(slug)).ok()?;
    let p = &site.panelists[k];
    Some(PersonCount {
        name: &p.name,
        slug: &p.slug,
        url: urls.url(&panelist_path(&p.slug)),
        initials: initials(&p.name),
        hue: hue(&p.slug),
        count: Tally::of(site, count),
    })
}

/// The [`TOP`] most counted, by their published counts (hidden ones tie, so
/// their order says nothing of them), then by slug.
fn top(counts: HashMap<&str, usize>, min_group: usize) -> Vec<(&str, usize)> {
    let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
    let shown = |n: usize| Tally::new(n, min_group).value;
    v.sort_by(|a, b| shown(b.1).cmp(&shown(a.1)).then_with(|| a.0.cmp(b.0)));
    v.truncate(TOP);
    v
}

/// What a principle's pages show about the whole principle.
#[derive(Debug, Serialize)]
pub struct PrincipleInsights<'a> {
    pub most_active: Vec<PersonCount<'a>>,
    pub concern_terms: Vec<TermTally>,
}

/// What a panelist's pages show about all of their reviews.
#[derive(Debug, Serialize)]
pub struct PanelistInsights<'a> {
    pub signals: SignalView,
    pub co_panelists: Vec<PersonCount<'a>>,
    /// Roundtable turns across all their interviews.
    pub turn_count: Tally,
}

/// Insights over whole listings, computed at most once per render and shared by
/// every page of the listing: a principle with 2,000 interviews has 34 pages, and
/// each would otherwise count the same concerns again.
pub struct Memo<'a> {
    /// Insights of principle, role, level and tag listings, slots as `verdicts`.
    listings: Vec<OnceLock<PrincipleInsights<'a>>>,
    panelists: Vec<OnceLock<PanelistInsights<'a>>>,
    /// Verdict mixes of principle, role, level and tag listings, in that order.
    verdicts: Vec<OnceLock<tera::Value>>,
}

/// A listing whose verdict mix [`Memo::verdicts`] keeps.
#[derive(Debug, Clone, Copy)]
pub enum Listed {
    /// A principle, by index.
    Principle(usize),
    /// A role, by index.
    Role(usize),
    /// A level, by index.
    Level(usize),
    /// A tag, by index.
    Tag(usize),
}

impl Listed {
    /// The search filter that holds exactly this listing: `("principle", slug)`.
    pub fn filter(self, site: &Site) -> (&'static str, &str) {
        match self {
            Listed::Principle(k) => ("principle", &site.config.principles[k].slug),
            Listed::Role(k) => ("role", &site.roles[k].slug),
            Listed::Level(k) => ("level", &site.levels[k].slug),
            Listed::Tag(k) => ("tag", &site.tags[k].slug),
        }
    }

    /// The listing's memo slot and its interviews.
    fn slot(self, site: &Site) -> (usize, &[usize]) {
        let (p, r, l) = (site.by_principle.len(), site.roles.len(), site.levels.len());
        match self {
            Listed::Principle(k) => (k, &site.by_principle[k]),
            Listed::Role(k) => (p + k, &site.roles[k].interviews),
            Listed::Level(k) => (p + r + k, &site.levels[k].interviews),
            Listed::Tag(k) => (p + r + l + k, &site.tags[k].interviews),
        }
    }
}

impl<'a> Memo<'a> {
    /// An empty memo for `site`.
    pub fn new(site: &Site) -> Self {
        let listings = site.by_principle.len() + site.roles.len() + site.levels.len() + site.tags.len();
        Memo {
            listings: (0..listings).map(|_| OnceLock::new()).collect(),
            panelists: (0..site.panelists.len()).map(|_| OnceLock::new()).collect(),
            verdicts: (0..listings).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The verdict mix of a whole listing (every page shows it): its
    /// [`VerdictCount`](super::tally::VerdictCount) list.
    pub fn verdicts(&self, site: &Site, listed: Listed) -> tera::Value {
        let (slot, list) = listed.slot(site);
        self.verdicts[slot]
            .get_or_init(|| {
                let search = format!("{}{}", site.config.root_path(), super::urls::SEARCH_PATH);
                let filter = listed.filter(site);
                tera::Value::from_serializable(&super::tally::linked_verdict_counts(
                    site,
                    list,
                    &search,
                    Some(filter),
                ))
            })
            .clone()
    }

    /// Principle `p`'s insights.
    pub fn principle(&self, site: &'a Site, urls: &Urls, p: usize) -> &PrincipleInsights<'a> {
        self.listing(site, urls, Listed::Principle(p))
    }

    /// The insights of a principle, role, level or tag listing: who reviews it
    /// most, which concerns recur.
    pub fn listing(&self, site: &'a Site, urls: &Urls, listed: Listed) -> &PrincipleInsights<'a> {
        let (slot, list) = listed.slot(site);
        self.listings[slot].get_or_init(|| PrincipleInsights {
            most_active: most_active(site, urls, list),
            concern_terms: term_tallies(concern_terms(site, list), site.config.min_group),
        })
    }

    /// Panelist `k`'s insights.
    pub fn panelist(&self, site: &'a Site, urls: &Urls, k: usize) -> &PanelistInsights<'a> {
        self.panelists[k].get_or_init(|| PanelistInsights {
            signals: SignalView::new(&signal_split(site, k), site.config.min_group),
            co_panelists: co_panelists(site, urls, k),
            turn_count: Tally::of(site, turn_count(site, k)),
        })
    }
}

/// The panelists who reviewed most of `list`'s interviews.
pub fn most_active<'a>(site: &'a Site, urls: &Urls, list: &[usize]) -> Vec<PersonCount<'a>> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &i in list {
        for p in &site.interviews[i].panelists {
            *counts.entry(p.slug.as_str()).or_default() += 1;
        }
    }
    top(counts, site.config.min_group)
        .into_iter()
        .filter_map(|(slug, n)| person(site, urls, slug, n))
        .collect()
}

/// The panelists who sat most often on panels with panelist `k`.
pub fn co_panelists<'a>(site: &'a Site, urls: &Urls, k: usize) -> Vec<PersonCount<'a>> {
    let me = &site.panelists[k].slug;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for &(i, _) in &site.panelists[k].appearances {
        for p in &site.interviews[i].panelists {
            if &p.slug != me {
                *counts.entry(p.slug.as_str()).or_default() += 1;
            }
        }
    }
    top(counts, site.config.min_group)
        .into_iter()
        .filter_map(|(slug, n)| person(site, urls, slug, n))
        .collect()
}

/// Roundtable turns panelist `k` spoke across all their interviews.
pub fn turn_count(site: &Site, k: usize) -> usize {
    site.panelists[k].appearances.iter().map(|&(i, j)| site.interviews[i].panelists[j].turns).sum()
}

/// How panelist `k`'s hiring signals split across their interviews.
pub fn signal_split(site: &Site, k: usize) -> SignalSplit {
    let mut s = SignalSplit::default();
    for &(i, j) in &site.panelists[k].appearances {
        let p = &site.interviews[i].panelists[j];
        if p.hire_reason.is_some() {
            s.reasons += 1;
        } else {
            s.no_reason += 1;
        }
        if p.concern.is_some() {
            s.concerns += 1;
        } else {
            s.no_concern += 1;
        }
    }
    let total = s.reasons + s.no_reason;
    s.reason_percent = (s.reasons * 100 + total / 2).checked_div(total).unwrap_or(0);
    s.concern_percent = (s.concerns * 100 + total / 2).checked_div(total).unwrap_or(0);
    s
}

/// The most frequent meaningful terms across the concerns raised on `list`.
pub fn concern_terms(site: &Site, list: &[usize]) -> Vec<TermCount> {
    let concerns =
        list.iter().flat_map(|&i| site.interviews[i].panelists.iter()).map(|p| p.concern_terms.as_slice());
    frequent_terms(concerns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_counted_once_per_text_and_stop_words_dropped() {
        let texts = [
            "No metrics for latency; latency unclear.",
            "Latency was never measured, no metrics.",
            "The candidate skipped rollback planning.",
        ];
        let terms: Vec<Vec<String>> = texts.iter().map(|t| crate::content::terms::meaningful(t)).collect();
        let terms = frequent_terms(terms.iter().map(Vec::as_slice));
        assert_eq!(
            terms,
            vec![
                TermCount { term: "latency".into(), count: 2 },
                TermCount { term: "metrics".into(), count: 2 }
            ]
        );
    }
}
