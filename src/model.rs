//! The cross-link graph: interviews sorted newest first, and for each principle,
//! panelist, role and level the interviews that carry it; for each interview its
//! related interviews and its neighbours by date. Built once from loaded content;
//! it holds indexes, not copies.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{Interview, Verdict};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::slug::slugify;

/// How many related interviews an interview page lists.
pub const RELATED_MAX: usize = 5;

/// A role or a level: a name and the interviews that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    /// Display name (as first written, newest interview first).
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Interview indexes, newest first.
    pub interviews: Vec<usize>,
}

/// One panelist across all interviews.
#[derive(Debug, Clone)]
pub struct PanelistEntry {
    /// Display name (from their newest interview).
    pub name: String,
    /// Identity: the slug of the name.
    pub slug: String,
    /// Every role they were listed with, newest first, without repeats.
    pub roles: Vec<String>,
    /// `(interview index, panelist index in that interview)`, newest first.
    pub appearances: Vec<(usize, usize)>,
}

/// The whole site as a graph.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Every published interview, newest first (ties by slug). Shared, so that the
    /// live server can relink the graph after an edit without copying interviews.
    pub interviews: Vec<Arc<Interview>>,
    /// For each principle of the catalogue (same order), its interviews, newest first.
    pub by_principle: Vec<Vec<usize>>,
    /// Every panelist, by slug order.
    pub panelists: Vec<PanelistEntry>,
    /// Roles, by slug order.
    pub roles: Vec<Term>,
    /// Levels, by slug order.
    pub levels: Vec<Term>,
    /// For each interview, the index of its role in [`Site::roles`].
    pub role_of: Vec<usize>,
    /// For each interview, the index of its level in [`Site::levels`].
    pub level_of: Vec<Option<usize>>,
    /// For each interview, its related interviews, best first.
    pub related: Vec<Vec<usize>>,
}

impl Site {
    /// Links loaded interviews into a graph; duplicate slugs are errors.
    pub fn build(config: Config, interviews: Vec<Arc<Interview>>) -> Result<Site, Diagnostics> {
        Site::build_from(config, interviews, None)
    }

    /// Like [`Site::build`], reusing `previous`'s related interviews when no
    /// interview moved, appeared, left or changed its principles or role: the
    /// common edit (text, title, verdict) then skips the costliest step.
    pub fn build_from(
        config: Config,
        mut interviews: Vec<Arc<Interview>>,
        previous: Option<&Site>,
    ) -> Result<Site, Diagnostics> {
        interviews.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        check_duplicate_slugs(&interviews)?;

        let mut by_principle = vec![Vec::new(); config.principles.len()];
        let mut roles = TermIndex::default();
        let mut levels = TermIndex::default();
        let mut role_of = Vec::with_capacity(interviews.len());
        let mut level_of = Vec::with_capacity(interviews.len());
        let mut panelists: BTreeMap<String, PanelistEntry> = BTreeMap::new();
        for (i, interview) in interviews.iter().enumerate() {
            for &p in &interview.principles {
                by_principle[p].push(i);
            }
            role_of.push(roles.add(&interview.role, i));
            level_of.push(interview.level.as_deref().map(|l| levels.add(l, i)));
            for (k, p) in interview.panelists.iter().enumerate() {
                let entry = panelists.entry(p.slug.clone()).or_insert_with(|| PanelistEntry {
                    name: p.name.clone(),
                    slug: p.slug.clone(),
                    roles: Vec::new(),
                    appearances: Vec::new(),
                });
                if !entry.roles.contains(&p.role) {
                    entry.roles.push(p.role.clone());
                }
                entry.appearances.push((i, k));
            }
        }
        let (roles, role_remap) = roles.finish();
        let (levels, level_remap) = levels.finish();
        let role_of: Vec<usize> = role_of.into_iter().map(|r| role_remap[r]).collect();
        let level_of: Vec<Option<usize>> = level_of.into_iter().map(|l| l.map(|l| level_remap[l])).collect();
        let same_shape = previous.is_some_and(|old| {
            old.interviews.len() == interviews.len()
                && old.interviews.iter().zip(&interviews).enumerate().all(|(i, (a, b))| {
                    a.slug == b.slug
                        && a.principles == b.principles
                        && old.roles[old.role_of[i]].slug == roles[role_of[i]].slug
                })
        });
        let related = match previous {
            Some(old) if same_shape => old.related.clone(),
            _ => crate::related::compute(
                &interviews
                    .iter()
                    .zip(&role_of)
                    .map(|(iv, &role)| crate::related::Item { principles: iv.principles.clone(), role })
                    .collect::<Vec<_>>(),
            ),
        };
        Ok(Site {
            config,
            interviews,
            by_principle,
            panelists: panelists.into_values().collect(),
            roles,
            levels,
            role_of,
            level_of,
            related,
        })
    }

    /// `self` with edited interviews swapped in, when no edit can change a link of
    /// the graph: each of `edited` replaces the interview of the same folder and
    /// keeps its slug, date, principles, role, level and panel (names and roles).
    /// Then every list, term, panelist entry and related list stays as it is, and
    /// the common edit (text, title, verdict) costs a copy of the indexes instead
    /// of a rebuild. `None` when any edit may change a link: build anew then.
    ///
    /// Returns the new graph and the positions of the swapped interviews.
    pub fn with_edited(&self, edited: &[Arc<Interview>]) -> Option<(Site, Vec<usize>)> {
        let mut interviews = self.interviews.clone();
        let mut positions = Vec::with_capacity(edited.len());
        for new in edited {
            let i = self.position_of(new.date, &new.slug)?;
            if interviews[i].dir != new.dir || !same_links(&interviews[i], new) {
                return None;
            }
            interviews[i] = new.clone();
            positions.push(i);
        }
        positions.sort_unstable();
        positions.dedup();
        let site = Site {
            config: self.config.clone(),
            interviews,
            by_principle: self.by_principle.clone(),
            panelists: self.panelists.clone(),
            roles: self.roles.clone(),
            levels: self.levels.clone(),
            role_of: self.role_of.clone(),
            level_of: self.level_of.clone(),
            related: self.related.clone(),
        };
        Some((site, positions))
    }

    /// The index of the interview with this date and slug (the sort keys), if any.
    pub fn position_of(&self, date: time::Date, slug: &str) -> Option<usize> {
        self.interviews.binary_search_by(|i| date.cmp(&i.date).then_with(|| i.slug.as_str().cmp(slug))).ok()
    }

    /// The interview older than `i`, if any.
    pub fn previous(&self, i: usize) -> Option<usize> {
        (i + 1 < self.interviews.len()).then_some(i + 1)
    }

    /// The interview newer than `i`, if any.
    pub fn next(&self, i: usize) -> Option<usize> {
        i.checked_sub(1)
    }

    /// How many interviews of `list` reached each verdict, in [`Verdict::ALL`] order.
    pub fn verdict_counts(&self, list: &[usize]) -> [usize; 6] {
        let mut counts = [0; 6];
        for &i in list {
            counts[self.interviews[i].verdict.index()] += 1;
        }
        counts
    }

    /// Every interview index, newest first.
    pub fn all(&self) -> Vec<usize> {
        (0..self.interviews.len()).collect()
    }
}

/// Whether two versions of an interview link the same way: same sort keys and
/// same memberships, with names spelled the same (terms and panelist entries take
/// their display names from interviews).
fn same_links(a: &Interview, b: &Interview) -> bool {
    a.slug == b.slug
        && a.date == b.date
        && a.draft == b.draft
        && a.principles == b.principles
        && a.role == b.role
        && a.level == b.level
        && a.panelists.len() == b.panelists.len()
        && a.panelists
            .iter()
            .zip(&b.panelists)
            .all(|(p, q)| p.name == q.name && p.slug == q.slug && p.role == q.role)
}

fn check_duplicate_slugs(interviews: &[Arc<Interview>]) -> Result<(), Diagnostics> {
    let mut seen: HashMap<&str, &Arc<Interview>> = HashMap::with_capacity(interviews.len());
    let mut errors = Diagnostics::default();
    for i in interviews {
        if let Some(first) = seen.insert(&i.slug, i) {
            let (a, b) = if first.source < i.source { (first, i) } else { (i, first) };
            errors.push(
                Diagnostic::error(
                    &b.source,
                    format!(
                        "duplicate slug {:?}: {} and {} would both be /interviews/{}/",
                        i.slug,
                        folder(a),
                        folder(b),
                        i.slug
                    ),
                )
                .with_hint(
                    "set a different `slug = \"...\"` in one of the two front matters, or rename one folder",
                ),
            );
        }
    }
    if errors.has_errors() {
        Err(errors)
    } else {
        Ok(())
    }
}

fn folder(i: &Interview) -> String {
    i.source.parent().map_or_else(|| i.source.display().to_string(), |p| format!("{}/", p.display()))
}

/// Collects terms by slug while interviews are visited newest first.
#[derive(Default)]
struct TermIndex {
    terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
}

impl TermIndex {
    fn add(&mut self, name: &str, interview: usize) -> usize {
        let slug = slugify(name);
        let idx = *self.by_slug.entry(slug.clone()).or_insert_with(|| {
            self.terms.push(Term { name: name.to_string(), slug, interviews: Vec::new() });
            self.terms.len() - 1
        });
        self.terms[idx].interviews.push(interview);
        idx
    }

    /// Sorts by slug; returns the terms and a map from old to new positions.
    fn finish(self) -> (Vec<Term>, Vec<usize>) {
        let mut order: Vec<usize> = (0..self.terms.len()).collect();
        order.sort_by(|&a, &b| natural_cmp(&self.terms[a].slug, &self.terms[b].slug));
        let mut remap = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        let mut terms: Vec<Option<Term>> = self.terms.into_iter().map(Some).collect();
        let sorted = order.iter().filter_map(|&old| terms[old].take()).collect();
        (sorted, remap)
    }
}

/// Compares so that `l10` sorts after `l9`.
fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |s: &str| {
        let digits: String = s.chars().rev().take_while(char::is_ascii_digit).collect();
        let head_len = s.len() - digits.len();
        let n: u64 = digits.chars().rev().collect::<String>().parse().unwrap_or(0);
        (s[..head_len].to_string(), n, s.to_string())
    };
    key(a).cmp(&key(b))
}

/// Verdict counts as `(verdict, count, percent)`, all six in order.
pub fn verdict_mix(counts: [usize; 6]) -> Vec<(Verdict, usize, usize)> {
    let total: usize = counts.iter().sum();
    Verdict::ALL
        .iter()
        .map(|&v| {
            let c = counts[v.index()];
            let pct = (c * 100 + total / 2).checked_div(total).unwrap_or(0);
            (v, c, pct)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(std::path::Path::new("/site"), "title = \"T\"\nbase_url = \"https://example.com\"\n")
            .expect("a valid site.toml")
    }

    /// An interview in folder `/site/content/{slug}` with two panelists.
    fn interview(config: &Config, slug: &str, front: &str) -> Arc<Interview> {
        let text = format!(
            "+++\n{front}\nverdict = \"hire\"\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n\n\
             [[panelists]]\nname = \"Ben Okafor\"\nrole = \"PE\"\n+++\n\nQ.\n\n## Roundtable\n\n\
             ### Ana Lima\nA turn.\n\n### Ben Okafor\nA turn.\n"
        );
        let dir = std::path::PathBuf::from(format!("/site/content/{slug}"));
        let source = dir.join("index.md");
        let (iv, ds) = crate::content::parse(config, &source, &text, dir, Vec::new(), false);
        Arc::new(iv.unwrap_or_else(|| panic!("{slug} does not parse: {ds:?}")))
    }

    fn front(title: &str, date: &str, principles: &str, role: &str) -> String {
        format!(
            "title = {title:?}\ndate = {date}\nprinciples = [{principles}]\nrole = {role:?}\nlevel = \"L5\""
        )
    }

    fn corpus(config: &Config) -> Vec<Arc<Interview>> {
        vec![
            interview(config, "a", &front("A", "2026-01-01", "\"Ownership\"", "SDE")),
            interview(config, "b", &front("B", "2026-02-01", "\"Ownership\", \"Dive Deep\"", "SDE")),
            interview(config, "c", &front("C", "2025-03-01", "\"Dive Deep\"", "PM")),
            interview(config, "d", &front("D", "2026-02-01", "\"Frugality\"", "PM")),
        ]
    }

    #[test]
    fn an_edit_that_keeps_the_links_swaps_the_interview_in() {
        let config = config();
        let all = corpus(&config);
        let old = Site::build(config.clone(), all.clone()).expect("a valid site");
        let edited = interview(&config, "c", &front("C, retitled", "2025-03-01", "\"Dive Deep\"", "PM"));
        let (fast, positions) = old.with_edited(std::slice::from_ref(&edited)).expect("the links are kept");
        let mut again = all.clone();
        again[2] = edited;
        let fresh = Site::build(config, again).expect("a valid site");
        // Every index and every interview as a fresh build makes them.
        assert_eq!(format!("{fast:?}"), format!("{fresh:?}"));
        assert_eq!(positions, vec![fresh.position_of(fresh.interviews[3].date, "c").expect("c is there")]);
        assert_eq!(fast.interviews[positions[0]].title, "C, retitled");
    }

    #[test]
    fn an_edit_that_may_change_a_link_is_refused() {
        let config = config();
        let old = Site::build(config.clone(), corpus(&config)).expect("a valid site");
        let refused = [
            // Another date moves it; another principle, role or level changes listings.
            front("C", "2026-03-01", "\"Dive Deep\"", "PM"),
            front("C", "2025-03-01", "\"Ownership\"", "PM"),
            front("C", "2025-03-01", "\"Dive Deep\"", "SDE"),
            // The same role slug spelled otherwise: the term's display name may change.
            front("C", "2025-03-01", "\"Dive Deep\"", "pm"),
            front("C", "2025-03-01", "\"Dive Deep\"", "PM").replace("L5", "L6"),
            front("C", "2025-03-01", "\"Dive Deep\"", "PM") + "\nslug = \"c2\"",
        ];
        for f in refused {
            let edited = interview(&config, "c", &f);
            assert!(old.with_edited(&[edited]).is_none(), "accepted {f}");
        }
        // A new folder, or another folder with the same date and slug, is not an edit.
        let new = interview(&config, "e", &front("E", "2025-03-01", "\"Dive Deep\"", "PM"));
        assert!(old.with_edited(&[new]).is_none());
        let mut moved = (*interview(&config, "c", &front("C", "2025-03-01", "\"Dive Deep\"", "PM"))).clone();
        moved.dir = "/site/content/elsewhere/c".into();
        assert!(old.with_edited(&[Arc::new(moved)]).is_none());
        // A renamed panelist changes panelist pages.
        let renamed = interview(&config, "c", &front("C", "2025-03-01", "\"Dive Deep\"", "PM"));
        let mut renamed = (*renamed).clone();
        renamed.panelists[1].name = "Ben  Okafor".into();
        assert!(old.with_edited(&[Arc::new(renamed)]).is_none());
    }

    #[test]
    fn natural_order_of_levels() {
        let mut v = vec!["l10", "l6", "l7", "e5"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, vec!["e5", "l6", "l7", "l10"]);
    }

    #[test]
    fn verdict_mix_rounds() {
        let mix = verdict_mix([1, 2, 0, 0, 0, 0]);
        assert_eq!(mix[0].2, 33);
        assert_eq!(mix[1].2, 67);
        assert_eq!(mix.len(), 6);
        assert_eq!(verdict_mix([0; 6])[0].2, 0);
    }
}
