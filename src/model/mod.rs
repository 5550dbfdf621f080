//! The cross-link graph: interviews sorted newest first, and for each principle,
//! panelist, role, level, tag and question the interviews that carry it; for each
//! interview its related interviews, its neighbours by date and its calibration
//! numbers. Built once from loaded content; it holds indexes, not copies, and
//! every lookup an edit or a request makes (folder, slug, panelist) goes through
//! a map built here.

pub mod calibration;
pub mod guide;
pub mod related;
pub mod terms;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::content::{Interview, Verdict};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::redact::Published;

pub use calibration::Calibration;
pub use guide::Guide;
pub use related::RELATED_MAX;
pub use terms::Term;
use terms::{Order, TermIndex};

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
    /// Shared like the lists below: an edit that keeps every link keeps them,
    /// and copying them per edit took most of an edit's time at 100,000 interviews.
    pub by_principle: Shared<Vec<usize>>,
    /// Every panelist, by slug order.
    pub panelists: Shared<PanelistEntry>,
    /// Roles, by slug order.
    pub roles: Shared<Term>,
    /// Levels, in level order (L4 < L5 < L10, then the rest by slug).
    pub levels: Shared<Term>,
    /// Tags, by slug order.
    pub tags: Shared<Term>,
    /// Questions (`name` is the question's text), by slug order.
    pub questions: Shared<Term>,
    /// For each interview, the index of its role in [`Site::roles`].
    pub role_of: Arc<Vec<usize>>,
    /// For each interview, the index of its level in [`Site::levels`].
    pub level_of: Arc<Vec<Option<usize>>>,
    /// For each interview, its tags' indexes in [`Site::tags`], in the order written.
    pub tags_of: Arc<Vec<Vec<usize>>>,
    /// For each interview, its question's index in [`Site::questions`].
    pub question_of: Arc<Vec<Option<usize>>>,
    /// For each interview, the index in [`Site::panelists`] of each of its panelists.
    pub seats: Arc<Vec<Vec<usize>>>,
    /// For each interview, its related interviews, best first.
    pub related: Arc<Vec<Vec<usize>>>,
    /// For each interview, the interviews whose related list holds it.
    shown_by: Arc<related::ShownBy>,
    /// The calibration numbers (DESIGN §3).
    pub calibration: Calibration,
    /// Interview index by slug.
    by_slug: Arc<Lookup<String>>,
    /// Interview index by folder.
    by_dir: Arc<Lookup<PathBuf>>,
}

/// A list of the graph that the graphs of successive edits share (see
/// [`Site::with_edited`]): cloned by reference, read as the list it holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Shared<T>(Arc<Vec<T>>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> From<Vec<T>> for Shared<T> {
    fn from(list: Vec<T>) -> Self {
        Shared(Arc::new(list))
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a Shared<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A map from a key to an interview index, derived from the interviews; shown by
/// its size only, so that two graphs of the same interviews print the same.
#[derive(Clone)]
struct Lookup<K>(HashMap<K, usize>);

impl<K> std::fmt::Debug for Lookup<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lookup({} keys)", self.0.len())
    }
}

/// The memberships of every interview, gathered in one pass.
struct Memberships {
    by_principle: Vec<Vec<usize>>,
    panelists: Vec<PanelistEntry>,
    roles: Vec<Term>,
    levels: Vec<Term>,
    tags: Vec<Term>,
    questions: Vec<Term>,
    role_of: Vec<usize>,
    level_of: Vec<Option<usize>>,
    tags_of: Vec<Vec<usize>>,
    question_of: Vec<Option<usize>>,
    seats: Vec<Vec<usize>>,
}

impl Memberships {
    fn of(config: &Config, interviews: &[Arc<Interview>]) -> Memberships {
        let mut by_principle = vec![Vec::new(); config.principles.len()];
        let (mut roles, mut levels, mut tags, mut questions) =
            (TermIndex::default(), TermIndex::default(), TermIndex::default(), TermIndex::default());
        let n = interviews.len();
        let (mut role_of, mut level_of) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let (mut tags_of, mut question_of) = (Vec::with_capacity(n), Vec::with_capacity(n));
        let mut panelists: BTreeMap<String, PanelistEntry> = BTreeMap::new();
        for (i, interview) in interviews.iter().enumerate() {
            for &p in &interview.principles {
                by_principle[p].push(i);
            }
            role_of.push(roles.add(&interview.role, i));
            level_of.push(interview.level.as_deref().map(|l| levels.add(l, i)));
            let mut mine: Vec<usize> = interview.tags.iter().map(|t| tags.add(t, i)).collect();
            mine.dedup();
            tags_of.push(mine);
            question_of.push(
                interview.question.as_ref().map(|q| questions.add_with_slug(&q.text, q.slug.clone(), i)),
            );
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
        let (roles, role_remap) = roles.finish(Order::Slug);
        let (levels, level_remap) = levels.finish(Order::Level);
        let (tags, tag_remap) = tags.finish(Order::Slug);
        let (questions, question_remap) = questions.finish(Order::Slug);
        let panelists: Vec<PanelistEntry> = panelists.into_values().collect();
        let mut seats: Vec<Vec<usize>> = interviews.iter().map(|iv| vec![0; iv.panelists.len()]).collect();
        for (k, p) in panelists.iter().enumerate() {
            for &(i, seat) in &p.appearances {
                seats[i][seat] = k;
            }
        }
        Memberships {
            by_principle,
            panelists,
            roles,
            levels,
            tags,
            questions,
            role_of: role_of.into_iter().map(|r| role_remap[r]).collect(),
            level_of: level_of.into_iter().map(|l| l.map(|l| level_remap[l])).collect(),
            tags_of: tags_of.into_iter().map(|ts| ts.into_iter().map(|t| tag_remap[t]).collect()).collect(),
            question_of: question_of.into_iter().map(|q| q.map(|q| question_remap[q])).collect(),
            seats,
        }
    }
}

impl Site {
    /// Links the published interviews into a graph; duplicate slugs are errors.
    /// The graph takes only [`Published`] interviews: what a build profile
    /// dropped cannot reach it (see [`crate::redact`]).
    pub fn build(config: Config, interviews: Published) -> Result<Site, Diagnostics> {
        Site::build_from(config, interviews, None)
    }

    /// Like [`Site::build`], reusing `previous`'s related interviews when no
    /// interview moved, appeared, left or changed its principles or role: the
    /// common edit (text, title, verdict) then skips the costliest step.
    pub fn build_from(
        config: Config,
        interviews: Published,
        previous: Option<&Site>,
    ) -> Result<Site, Diagnostics> {
        debug_assert_eq!(interviews.profile(), config.profile.as_ref().map(|p| p.name.as_str()));
        let mut interviews = interviews.into_interviews();
        interviews.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
        check_duplicate_slugs(&interviews)?;
        let mut t = crate::timing::Timer::new();
        let m = Memberships::of(&config, &interviews);
        t.lap("  graph: memberships");
        let same_shape = previous.is_some_and(|old| {
            old.interviews.len() == interviews.len()
                && old.interviews.iter().zip(&interviews).enumerate().all(|(i, (a, b))| {
                    a.slug == b.slug
                        && a.principles == b.principles
                        && old.roles[old.role_of[i]].slug == m.roles[m.role_of[i]].slug
                })
        });
        let (related, shown_by) = match previous {
            Some(old) if same_shape => (old.related.clone(), old.shown_by.clone()),
            _ => {
                let related = related::compute(
                    &interviews
                        .iter()
                        .zip(&m.role_of)
                        .map(|(iv, &role)| related::Item { principles: iv.principles.clone(), role })
                        .collect::<Vec<_>>(),
                );
                let shown_by = related::ShownBy::of(&related);
                (Arc::new(related), Arc::new(shown_by))
            }
        };
        t.lap("  graph: related");
        let calibration = Calibration::compute(&calibration::Inputs {
            interviews: &interviews,
            level_of: &m.level_of,
            seats: &m.seats,
            panelists: m.panelists.len(),
            levels: m.levels.len(),
        });
        t.lap("  graph: calibration");
        let by_slug =
            Arc::new(Lookup(interviews.iter().enumerate().map(|(i, iv)| (iv.slug.clone(), i)).collect()));
        let by_dir =
            Arc::new(Lookup(interviews.iter().enumerate().map(|(i, iv)| (iv.dir.clone(), i)).collect()));
        t.lap("  graph: lookups");
        Ok(Site {
            config,
            interviews,
            by_principle: Shared::from(m.by_principle),
            panelists: Shared::from(m.panelists),
            roles: Shared::from(m.roles),
            levels: Shared::from(m.levels),
            tags: Shared::from(m.tags),
            questions: Shared::from(m.questions),
            role_of: Arc::new(m.role_of),
            level_of: Arc::new(m.level_of),
            tags_of: Arc::new(m.tags_of),
            question_of: Arc::new(m.question_of),
            seats: Arc::new(m.seats),
            related,
            shown_by,
            calibration,
            by_slug,
            by_dir,
        })
    }

    /// `self` with edited interviews swapped in, when no edit can change a link of
    /// the graph: each of `edited` replaces the interview of the same folder and
    /// keeps its slug, date, principles, role, level, tags, question and panel
    /// (names and roles). Then every list, term, panelist entry and related list
    /// stays as it is, the calibration numbers change by the edits' differences,
    /// and the common edit (text, title, verdict, votes) costs a copy of the
    /// indexes instead of a rebuild. `None` when any edit may change a link.
    ///
    /// Returns the new graph and the positions of the swapped interviews.
    pub fn with_edited(&self, edited: &Published) -> Option<(Site, Vec<usize>)> {
        let mut interviews = self.interviews.clone();
        let mut positions = Vec::with_capacity(edited.interviews().len());
        for new in edited.interviews() {
            let i = self.position_of_dir(&new.dir)?;
            if !same_links(&interviews[i], new) {
                return None;
            }
            interviews[i] = new.clone();
            positions.push(i);
        }
        positions.sort_unstable();
        positions.dedup();
        let mut calibration = self.calibration.clone();
        let inputs = calibration::Inputs {
            interviews: &interviews,
            level_of: &self.level_of,
            seats: &self.seats,
            panelists: self.panelists.len(),
            levels: self.levels.len(),
        };
        for &i in &positions {
            calibration.replace(&inputs, i, &self.interviews[i]);
        }
        let site = Site {
            config: self.config.clone(),
            interviews,
            by_principle: self.by_principle.clone(),
            panelists: self.panelists.clone(),
            roles: self.roles.clone(),
            levels: self.levels.clone(),
            tags: self.tags.clone(),
            questions: self.questions.clone(),
            role_of: self.role_of.clone(),
            level_of: self.level_of.clone(),
            tags_of: self.tags_of.clone(),
            question_of: self.question_of.clone(),
            seats: self.seats.clone(),
            related: self.related.clone(),
            shown_by: self.shown_by.clone(),
            calibration,
            by_slug: self.by_slug.clone(),
            by_dir: self.by_dir.clone(),
        };
        Some((site, positions))
    }

    /// The index of the interview with this date and slug (the sort keys), if any.
    pub fn position_of(&self, date: time::Date, slug: &str) -> Option<usize> {
        self.interviews.binary_search_by(|i| date.cmp(&i.date).then_with(|| i.slug.as_str().cmp(slug))).ok()
    }

    /// The index of the interview with this slug, if any.
    pub fn position_of_slug(&self, slug: &str) -> Option<usize> {
        self.by_slug.0.get(slug).copied()
    }

    /// The index of the interview in this folder (absolute), if any.
    pub fn position_of_dir(&self, dir: &Path) -> Option<usize> {
        self.by_dir.0.get(dir).copied()
    }

    /// The index of the panelist with this slug, if any.
    pub fn panelist_of_slug(&self, slug: &str) -> Option<usize> {
        self.panelists.binary_search_by(|p| p.slug.as_str().cmp(slug)).ok()
    }

    /// The interview older than `i`, if any.
    pub fn previous(&self, i: usize) -> Option<usize> {
        (i + 1 < self.interviews.len()).then_some(i + 1)
    }

    /// The interviews whose related list holds `i` (the pages that show it as related).
    pub fn shown_by(&self, i: usize) -> &[usize] {
        self.shown_by.get(i)
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

    /// The interviews for contrast with interview `i` ("same principle, other
    /// side"): up to [`calibration::CONTRAST_MAX`], see [`Calibration::contrast`].
    pub fn contrast(&self, i: usize) -> Vec<usize> {
        let iv = &self.interviews[i];
        self.calibration.contrast(i, iv.verdict, &iv.principles, self.level_of[i], calibration::CONTRAST_MAX)
    }

    /// The interviews sharing a calibration cell (principle and level) with any
    /// of `list`: the only ones whose contrasts can show those of `list`.
    pub fn cell_mates(&self, list: &[usize]) -> Vec<usize> {
        // Each cell once: a batch of many interviews shares few cells.
        let mut cells: Vec<(usize, Option<usize>)> = list
            .iter()
            .flat_map(|&i| self.interviews[i].principles.iter().map(move |&p| (p, self.level_of[i])))
            .collect();
        cells.sort_unstable();
        cells.dedup();
        let mut out: Vec<usize> = cells
            .into_iter()
            .filter_map(|(p, level)| self.calibration.cell(p, level))
            .flat_map(|c| c.interviews.iter().copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
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
    a.dir == b.dir
        && a.slug == b.slug
        && a.date == b.date
        && a.draft == b.draft
        && a.principles == b.principles
        && a.role == b.role
        && a.level == b.level
        && a.tags == b.tags
        && a.question == b.question
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
        voted(config, slug, front, "hire", ["hire", "lean-no-hire"])
    }

    /// An interview with a verdict and the votes of its two panelists.
    fn voted(config: &Config, slug: &str, front: &str, verdict: &str, votes: [&str; 2]) -> Arc<Interview> {
        let [a, b] = votes;
        let text = format!(
            "+++\n{front}\nverdict = {verdict:?}\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n\
             vote = {a:?}\n\n[[panelists]]\nname = \"Ben Okafor\"\nrole = \"PE\"\nvote = {b:?}\n+++\n\n\
             Q.\n\n## Roundtable\n\n### Ana Lima\nA turn.\n\n### Ben Okafor\nA turn.\n"
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

    fn pb(config: &Config, interviews: Vec<Arc<Interview>>) -> Published {
        crate::redact::publish(config, interviews).expect("no profile, nothing to refuse")
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
        let old = Site::build(config.clone(), pb(&config, all.clone())).expect("a valid site");
        let edited = interview(&config, "c", &front("C, retitled", "2025-03-01", "\"Dive Deep\"", "PM"));
        let (fast, positions) =
            old.with_edited(&pb(&config, vec![edited.clone()])).expect("the links are kept");
        let mut again = all.clone();
        again[2] = edited;
        let fresh = Site::build(config.clone(), pb(&config, again)).expect("a valid site");
        // Every index and every interview as a fresh build makes them.
        assert_eq!(format!("{fast:?}"), format!("{fresh:?}"));
        assert_eq!(positions, vec![fresh.position_of(fresh.interviews[3].date, "c").expect("c is there")]);
        assert_eq!(fast.interviews[positions[0]].title, "C, retitled");
    }

    #[test]
    fn an_edit_of_verdict_and_votes_updates_the_calibration_as_a_fresh_build() {
        let config = config();
        let all = corpus(&config);
        let old = Site::build(config.clone(), pb(&config, all.clone())).expect("a valid site");
        let c = front("C", "2025-03-01", "\"Dive Deep\"", "PM");
        for (verdict, votes) in [("no-hire", ["hire", "hire"]), ("lean-hire", ["no-hire", "strong-no-hire"])]
        {
            let edited = voted(&config, "c", &c, verdict, votes);
            let (fast, _) = old.with_edited(&pb(&config, vec![edited.clone()])).expect("the links are kept");
            let mut again = all.clone();
            again[2] = edited;
            let fresh = Site::build(config.clone(), pb(&config, again)).expect("a valid site");
            assert_eq!(fast.calibration, fresh.calibration, "{verdict} {votes:?}");
            let k = fresh.position_of_slug("c").expect("c is there");
            assert!(fresh.calibration.interviews[k].against, "{verdict} {votes:?}");
        }
    }

    #[test]
    fn an_edit_that_may_change_a_link_is_refused() {
        let config = config();
        let old = Site::build(config.clone(), pb(&config, corpus(&config))).expect("a valid site");
        let refused = [
            // Another date moves it; another principle, role or level changes listings.
            front("C", "2026-03-01", "\"Dive Deep\"", "PM"),
            front("C", "2025-03-01", "\"Ownership\"", "PM"),
            front("C", "2025-03-01", "\"Dive Deep\"", "SDE"),
            // The same role slug spelled otherwise: the term's display name may change.
            front("C", "2025-03-01", "\"Dive Deep\"", "pm"),
            front("C", "2025-03-01", "\"Dive Deep\"", "PM").replace("L5", "L6"),
            front("C", "2025-03-01", "\"Dive Deep\"", "PM") + "\nslug = \"c2\"",
            // A tag or a question is a listing too.
            front("C", "2025-03-01", "\"Dive Deep\"", "PM") + "\ntags = [\"new\"]",
            front("C", "2025-03-01", "\"Dive Deep\"", "PM") + "\nquestion = \"Why?\"",
        ];
        for f in refused {
            let edited = interview(&config, "c", &f);
            assert!(old.with_edited(&pb(&config, vec![edited])).is_none(), "accepted {f}");
        }
        // A new folder, or another folder with the same date and slug, is not an edit.
        let new = interview(&config, "e", &front("E", "2025-03-01", "\"Dive Deep\"", "PM"));
        assert!(old.with_edited(&pb(&config, vec![new])).is_none());
        let mut moved = (*interview(&config, "c", &front("C", "2025-03-01", "\"Dive Deep\"", "PM"))).clone();
        moved.dir = "/site/content/elsewhere/c".into();
        assert!(old.with_edited(&pb(&config, vec![Arc::new(moved)])).is_none());
        // A renamed panelist changes panelist pages.
        let renamed = interview(&config, "c", &front("C", "2025-03-01", "\"Dive Deep\"", "PM"));
        let mut renamed = (*renamed).clone();
        renamed.panelists[1].name = "Ben  Okafor".into();
        assert!(old.with_edited(&pb(&config, vec![Arc::new(renamed)])).is_none());
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
