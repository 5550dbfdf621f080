//! Calibration guides (DESIGN §4, `/calibration/<principle>/[<level>/]`): for a
//! principle, or a principle at one level, what the panels credited on the hire
//! side and what sank the no-hire side, the strongest exemplars of each side, the
//! split panels and the questions asked. Computed from the lists of the graph
//! (a cell's or a principle's interviews) and from the terms every signal got
//! when it loaded, once per guide: never from the whole library.

use std::collections::HashMap;

use serde::Serialize;

use super::Site;

/// Below this many interviews a guide shows its interviews and no pattern.
pub const FEW: usize = 3;

/// How many terms, quotes and exemplars of each side a guide shows.
pub const TERMS_MAX: usize = 8;
/// See [`TERMS_MAX`].
pub const QUOTES_MAX: usize = 3;
/// See [`TERMS_MAX`].
pub const EXEMPLARS_MAX: usize = 3;

/// A recurring term and in how many texts it appears.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TermCount {
    /// The term, lowercased.
    pub term: String,
    /// How many texts carry it.
    pub count: usize,
}

/// Counts texts by term, given each text's terms (each once, see
/// [`crate::content::terms::meaningful`]); returns the [`TERMS_MAX`] most
/// frequent that occur in at least two texts, ties by term.
pub fn frequent_terms<'t>(texts: impl Iterator<Item = &'t [String]>) -> Vec<TermCount> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for terms in texts {
        for t in terms {
            *counts.entry(t.as_str()).or_default() += 1;
        }
    }
    let mut v: Vec<TermCount> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(term, count)| TermCount { term: term.to_string(), count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.term.cmp(&b.term)));
    v.truncate(TERMS_MAX);
    v
}

/// One panelist's signal in one interview: `(interview index, seat)`.
pub type Seat = (usize, usize);

/// One side of a guide: what its panels said, and its strongest interviews.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Side {
    /// How many interviews of the guide are on this side.
    pub interviews: usize,
    /// The most frequent terms of the side's texts (reasons to hire on the hire
    /// side, concerns on the no-hire side); empty for a guide of few interviews.
    pub terms: Vec<TermCount>,
    /// The most representative texts: those carrying the most of [`Side::terms`]
    /// (weighted by their counts), ties newest first, one per distinct text.
    pub quotes: Vec<Seat>,
    /// The strongest interviews: strongest verdict first, then newest.
    pub exemplars: Vec<usize>,
}

/// Everything a calibration guide shows, as graph indexes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guide {
    /// The guide's interviews, newest first.
    pub interviews: Vec<usize>,
    /// Verdict counts, in [`crate::content::Verdict::ALL`] order.
    pub verdicts: [usize; 6],
    /// Fewer than [`FEW`] interviews: no pattern is drawn.
    pub few: bool,
    /// The hire side: reasons to hire.
    pub credited: Side,
    /// The no-hire side: concerns.
    pub sank: Side,
    /// Split panels, newest first.
    pub split: Vec<usize>,
    /// Questions asked (indexes into [`Site::questions`]) with how many of the
    /// guide's interviews asked each, most asked first.
    pub questions: Vec<(usize, usize)>,
}

impl Guide {
    /// The guide of `principle` at `level` (`Some(None)`: interviews without a
    /// level), or at every level (`None`). Empty when nothing matches.
    pub fn of(site: &Site, principle: usize, level: Option<Option<usize>>) -> Guide {
        let interviews: &[usize] = match level {
            None => &site.by_principle[principle],
            Some(l) => site.calibration.cell(principle, l).map_or(&[], |c| c.interviews.as_slice()),
        };
        let few = interviews.len() < FEW;
        let on_side = |positive: bool| -> Vec<usize> {
            interviews
                .iter()
                .copied()
                .filter(|&i| site.interviews[i].verdict.is_positive() == positive)
                .collect()
        };
        let (hire, no_hire) = (on_side(true), on_side(false));
        Guide {
            interviews: interviews.to_vec(),
            verdicts: site.verdict_counts(interviews),
            few,
            credited: side(site, &hire, few, |p| p.hire_reason.is_some(), |p| &p.reason_terms),
            sank: side(site, &no_hire, few, |p| p.concern.is_some(), |p| &p.concern_terms),
            split: interviews.iter().copied().filter(|&i| site.calibration.interviews[i].split).collect(),
            questions: questions(site, interviews),
        }
    }
}

/// One side's numbers over its interviews `list` (newest first).
fn side(
    site: &Site,
    list: &[usize],
    few: bool,
    stated: impl Fn(&crate::content::Panelist) -> bool,
    terms_of: impl Fn(&crate::content::Panelist) -> &Vec<String>,
) -> Side {
    let seats: Vec<Seat> = list
        .iter()
        .flat_map(|&i| site.interviews[i].panelists.iter().enumerate().map(move |(k, p)| (i, k, p)))
        .filter(|(_, _, p)| stated(p))
        .map(|(i, k, _)| (i, k))
        .collect();
    let panelist = |&(i, k): &Seat| &site.interviews[i].panelists[k];
    let terms =
        if few { Vec::new() } else { frequent_terms(seats.iter().map(|s| terms_of(panelist(s)).as_slice())) };
    let weight: HashMap<&str, usize> = terms.iter().map(|t| (t.term.as_str(), t.count)).collect();
    let mut scored: Vec<(usize, Seat)> = seats
        .iter()
        .map(|s| (terms_of(panelist(s)).iter().filter_map(|t| weight.get(t.as_str())).sum(), *s))
        .filter(|&(score, _)| score > 0 || few)
        .collect();
    // Highest score first; the seats are already newest first, and the sort is stable.
    scored.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
    let mut quotes: Vec<Seat> = Vec::with_capacity(QUOTES_MAX);
    for (_, s) in scored {
        if quotes.len() == QUOTES_MAX {
            break;
        }
        let text = |s: &Seat| {
            let p = panelist(s);
            (p.hire_reason.as_deref(), p.concern.as_deref())
        };
        if !quotes.iter().any(|q| text(q) == text(&s)) {
            quotes.push(s);
        }
    }
    let mut exemplars = list.to_vec();
    // Stable: within a verdict, newest first as listed.
    exemplars.sort_by_key(|&i| std::cmp::Reverse(site.interviews[i].verdict.score().abs()));
    exemplars.truncate(EXEMPLARS_MAX);
    Side { interviews: list.len(), terms, quotes, exemplars }
}

/// The questions of `list` with their counts, most asked first, ties by question order.
fn questions(site: &Site, list: &[usize]) -> Vec<(usize, usize)> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &i in list {
        if let Some(q) = site.question_of[i] {
            *counts.entry(q).or_default() += 1;
        }
    }
    let mut v: Vec<(usize, usize)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::config::Config;
    use crate::content::Interview;

    fn config() -> Config {
        Config::parse(std::path::Path::new("/site"), "title = \"T\"\nbase_url = \"https://example.com\"\n")
            .expect("a valid site.toml")
    }

    /// An interview on Ownership at L5 with one panelist per `(vote, reason, concern)`.
    fn interview(slug: &str, date: &str, verdict: &str, panel: &[(&str, &str, &str)]) -> Arc<Interview> {
        let mut text = format!(
            "+++\ntitle = \"{slug}\"\ndate = {date}\nprinciples = [\"Ownership\"]\nrole = \"R\"\nlevel = \"L5\"\n\
             verdict = \"{verdict}\"\nquestion = \"Why?\"\n"
        );
        for (k, (vote, reason, concern)) in panel.iter().enumerate() {
            text.push_str(&format!(
                "\n[[panelists]]\nname = \"P{k}\"\nrole = \"EM\"\nvote = \"{vote}\"\nhire_reason = \"{reason}\"\nconcern = \"{concern}\"\n"
            ));
        }
        text.push_str("+++\n\n## Roundtable\n\n");
        for k in 0..panel.len() {
            text.push_str(&format!("### P{k}\nA turn.\n\n"));
        }
        let dir = std::path::PathBuf::from(format!("/site/content/{slug}"));
        let (iv, ds) = crate::content::parse(&config(), &dir.join("index.md"), &text, dir, Vec::new(), false);
        Arc::new(iv.unwrap_or_else(|| panic!("{slug} does not parse: {ds:?}")))
    }

    fn site(list: Vec<Arc<Interview>>) -> Site {
        let published = crate::redact::publish(&config(), list).expect("no profile, nothing to refuse");
        Site::build(config(), published).expect("a valid site")
    }

    #[test]
    fn sides_terms_quotes_exemplars_and_questions_by_hand() {
        let s = site(vec![
            interview(
                "a",
                "2026-01-01",
                "hire",
                &[("hire", "Rollback plan owned end to end.", "None stated")],
            ),
            interview(
                "b",
                "2026-02-01",
                "strong-hire",
                &[("hire", "Owned the rollback plan.", "Thin metrics.")],
            ),
            interview(
                "c",
                "2026-03-01",
                "no-hire",
                &[
                    ("hire", "Kind to the team.", "No rollback plan at all."),
                    ("no-hire", "None stated", "Metrics missing."),
                ],
            ),
            interview(
                "d",
                "2026-04-01",
                "lean-hire",
                &[("lean-hire", "Rollback drills.", "Metrics unclear.")],
            ),
        ]);
        let p = s.interviews[0].principles[0];
        let g = Guide::of(&s, p, Some(s.level_of[0]));
        assert_eq!(g.interviews.len(), 4);
        assert!(!g.few);
        // Hire side: a, b, d. "rollback" is in three reasons, "owned" and "plan" in two.
        let terms: Vec<(&str, usize)> = g.credited.terms.iter().map(|t| (t.term.as_str(), t.count)).collect();
        assert_eq!(terms, vec![("rollback", 3), ("owned", 2), ("plan", 2)]);
        // Quotes: those with both terms first (newest first), then "Rollback drills."
        let quoted: Vec<&str> = g
            .credited
            .quotes
            .iter()
            .map(|&(i, k)| s.interviews[i].panelists[k].hire_reason.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            quoted,
            vec!["Owned the rollback plan.", "Rollback plan owned end to end.", "Rollback drills."]
        );
        // Exemplars: strong-hire b first, then hire a, then lean-hire d.
        let slugs = |list: &[usize]| list.iter().map(|&i| s.interviews[i].slug.clone()).collect::<Vec<_>>();
        assert_eq!(slugs(&g.credited.exemplars), vec!["b", "a", "d"]);
        // No-hire side: c alone; its concerns carry no term twice.
        assert_eq!((g.sank.interviews, g.sank.terms.len()), (1, 0));
        assert_eq!(slugs(&g.split), vec!["c"]);
        assert_eq!(g.questions.len(), 1);
        assert_eq!(g.questions[0].1, 4);
        // The principle's guide over every level holds the same interviews here.
        assert_eq!(Guide::of(&s, p, None).interviews, g.interviews);
    }

    #[test]
    fn a_cell_of_few_interviews_draws_no_pattern() {
        let s = site(vec![
            interview("a", "2026-01-01", "hire", &[("hire", "Rollback plan.", "None stated")]),
            interview("b", "2026-02-01", "hire", &[("hire", "Rollback plan.", "None stated")]),
        ]);
        let p = s.interviews[0].principles[0];
        let g = Guide::of(&s, p, Some(s.level_of[0]));
        assert!(g.few && g.credited.terms.is_empty());
        // The same text is quoted once.
        assert_eq!(g.credited.quotes.len(), 1);
        // No interview without a level: an empty guide.
        let empty = Guide::of(&s, p, Some(None));
        assert!(empty.interviews.is_empty() && empty.few && empty.credited.quotes.is_empty());
    }
}
