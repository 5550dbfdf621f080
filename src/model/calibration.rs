//! Calibration: the numbers every output uses (DESIGN §3, "Calibration"),
//! computed once per graph and shared by pages, lint and `site export`.
//!
//! Verdicts and votes map to a scale (strong-hire 3 … strong-no-hire -3; positive
//! is the hire side). For a panelist over the interviews where they voted:
//! **votes** is that count, **agreement** the share of those votes on the same
//! side as the interview's verdict, **offset** the mean of (vote − verdict)
//! (negative: harsher than their panels). An interview is a **split panel** when
//! its votes include both sides, and **verdict against the votes** when its
//! median vote (the mean of the two middle votes when even) is on the other side
//! of the verdict, or zero. Interviews without votes count in none of these.
//!
//! Everything is kept as sums, so that an edit of one interview updates the
//! numbers by its own difference ([`Calibration::replace`]) instead of
//! recounting the library.

use crate::content::{against_votes, median_x2, Interview, Verdict};

/// How many contrasting interviews an interview shows ("same principle, other side").
pub const CONTRAST_MAX: usize = 3;

/// What one interview's votes say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InterviewCalibration {
    /// How many panelists voted.
    pub votes: usize,
    /// Votes on both sides.
    pub split: bool,
    /// The median vote is on the other side of the verdict, or zero.
    pub against: bool,
    /// Twice the median vote on the scale (an integer even for even panels),
    /// `None` without votes.
    pub median_x2: Option<i32>,
}

impl InterviewCalibration {
    /// The numbers of one interview.
    pub fn of(iv: &Interview) -> Self {
        let votes = || iv.panelists.iter().filter_map(|p| p.vote);
        let Some(median_x2) = median_x2(votes()) else { return InterviewCalibration::default() };
        InterviewCalibration {
            votes: votes().count(),
            split: votes().any(Verdict::is_positive) && votes().any(|v| !v.is_positive()),
            against: against_votes(iv.verdict, median_x2),
            median_x2: Some(median_x2),
        }
    }

    /// The median vote on the scale (e.g. `1.5`), if any vote was cast.
    pub fn median(&self) -> Option<f64> {
        self.median_x2.map(|m| f64::from(m) / 2.0)
    }
}

/// One panelist's calibration, as sums over their votes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelistCalibration {
    /// Interviews where they voted.
    pub votes: usize,
    /// Of those, votes on the verdict's side.
    pub agreeing: usize,
    /// Sum of (vote − verdict) on the scale.
    pub offset_sum: i64,
    /// Their votes by value, in [`Verdict::ALL`] order.
    pub distribution: [usize; 6],
    /// Interviews (graph indexes, newest first) where their vote was on the other
    /// side of the verdict.
    pub against_panel: Vec<usize>,
}

impl PanelistCalibration {
    /// The share of their votes on the verdict's side (0–1), `None` without votes.
    pub fn agreement(&self) -> Option<f64> {
        (self.votes > 0).then(|| self.agreeing as f64 / self.votes as f64)
    }

    /// The mean of (vote − verdict), `None` without votes.
    pub fn offset(&self) -> Option<f64> {
        (self.votes > 0).then(|| self.offset_sum as f64 / self.votes as f64)
    }

    fn add(&mut self, i: usize, vote: Verdict, verdict: Verdict, sign: i64) {
        let signed = |n: usize, by: i64| -> usize { (n as i64 + by).max(0) as usize };
        self.votes = signed(self.votes, sign);
        if vote.is_positive() == verdict.is_positive() {
            self.agreeing = signed(self.agreeing, sign);
        } else if sign > 0 {
            insert_sorted(&mut self.against_panel, i);
        } else {
            remove_sorted(&mut self.against_panel, i);
        }
        self.offset_sum += sign * i64::from(vote.score() - verdict.score());
        self.distribution[vote.index()] = signed(self.distribution[vote.index()], sign);
    }
}

/// One principle × level cell (`level` `None`: interviews without a level).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// Index into the principle catalogue.
    pub principle: usize,
    /// Index into [`super::Site::levels`], `None` for interviews without a level.
    pub level: Option<usize>,
    /// The cell's interviews, newest first.
    pub interviews: Vec<usize>,
    /// Verdict counts, in [`Verdict::ALL`] order.
    pub verdicts: [usize; 6],
    /// Its interviews by verdict, in [`Verdict::ALL`] order, each newest first:
    /// the index exemplars and contrasts are looked up in.
    pub by_verdict: [Vec<usize>; 6],
    /// Its split panels, newest first.
    pub split: Vec<usize>,
    /// Its interviews whose verdict is against the votes, newest first.
    pub against: Vec<usize>,
}

/// The calibration numbers of a whole graph.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calibration {
    /// For each interview (graph order), its numbers.
    pub interviews: Vec<InterviewCalibration>,
    /// For each panelist (graph order), their numbers.
    pub panelists: Vec<PanelistCalibration>,
    /// Every cell with interviews, by principle (catalogue order) then level
    /// (the graph's level order, no level last).
    pub cells: Vec<Cell>,
    /// How many interviews are split panels (each once, whatever its principles).
    pub split: usize,
    /// How many interviews have a verdict against their votes.
    pub against: usize,
    /// Number of levels of the graph: cells without a level sort after them.
    levels: usize,
}

/// What the calibration needs to know of the graph: each interview with its
/// level index, and each panel seat's panelist index.
pub struct Inputs<'a> {
    /// Interviews, newest first.
    pub interviews: &'a [std::sync::Arc<Interview>],
    /// Level index of each interview.
    pub level_of: &'a [Option<usize>],
    /// For each interview, the graph index of each of its panelists.
    pub seats: &'a [Vec<usize>],
    /// Number of panelists in the graph.
    pub panelists: usize,
    /// Number of levels in the graph (to order cells).
    pub levels: usize,
}

impl Calibration {
    /// Computes every number of the graph.
    pub fn compute(inputs: &Inputs<'_>) -> Calibration {
        let mut c = Calibration {
            interviews: inputs.interviews.iter().map(|iv| InterviewCalibration::of(iv)).collect(),
            panelists: vec![PanelistCalibration::default(); inputs.panelists],
            cells: Vec::new(),
            split: 0,
            against: 0,
            levels: inputs.levels,
        };
        c.split = c.interviews.iter().filter(|n| n.split).count();
        c.against = c.interviews.iter().filter(|n| n.against).count();
        // Cells in their final order: principle, then level order, no level last.
        let mut keys: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, iv) in inputs.interviews.iter().enumerate() {
            for &p in &iv.principles {
                keys.push((p, inputs.level_of[i]));
            }
        }
        keys.sort_unstable_by_key(|&(p, l)| (p, l.map_or(inputs.levels, |l| l)));
        keys.dedup();
        for key in keys {
            c.cells.push(Cell {
                principle: key.0,
                level: key.1,
                interviews: Vec::new(),
                verdicts: [0; 6],
                by_verdict: Default::default(),
                split: Vec::new(),
                against: Vec::new(),
            });
        }
        for i in 0..inputs.interviews.len() {
            c.count(inputs, i, 1);
        }
        c
    }

    /// Updates the numbers after interview `i` was replaced by one with the same
    /// principles, level and panel (an edit that keeps every link): its old
    /// contributions are taken away and the new ones added. `before` is the
    /// interview's old version; `inputs` hold the new one.
    pub fn replace(&mut self, inputs: &Inputs<'_>, i: usize, before: &Interview) {
        let after = &inputs.interviews[i];
        self.uncount(inputs, i, before);
        let (old, new) = (self.interviews[i], InterviewCalibration::of(after));
        self.split = self.split + usize::from(new.split) - usize::from(old.split);
        self.against = self.against + usize::from(new.against) - usize::from(old.against);
        self.interviews[i] = new;
        self.count(inputs, i, 1);
    }

    /// The cell of `principle` at `level`, if it has interviews.
    pub fn cell(&self, principle: usize, level: Option<usize>) -> Option<&Cell> {
        self.position(principle, level).map(|k| &self.cells[k])
    }

    fn position(&self, principle: usize, level: Option<usize>) -> Option<usize> {
        let key = |p: usize, l: Option<usize>| (p, l.map_or(self.levels, |l| l));
        let want = key(principle, level);
        self.cells.binary_search_by(|c| key(c.principle, c.level).cmp(&want)).ok()
    }

    /// The cells of one principle, in level order.
    pub fn cells_of(&self, principle: usize) -> impl Iterator<Item = &Cell> {
        let start = self.cells.partition_point(|c| c.principle < principle);
        self.cells[start..].iter().take_while(move |c| c.principle == principle)
    }

    /// Up to `max` interviews for contrast with interview `i` (of `verdict`, on
    /// `principles` at `level`): from the same cells, on the other side of the
    /// verdict, the closest first: the weakest opposite verdict (a lean-hire
    /// contrasts best with a lean-no-hire), then the nearest in date. Looked up
    /// in each cell's verdict lists, never by scanning the cell.
    pub fn contrast(
        &self,
        i: usize,
        verdict: Verdict,
        principles: &[usize],
        level: Option<usize>,
        max: usize,
    ) -> Vec<usize> {
        let opposite: [Verdict; 3] = if verdict.is_positive() {
            [Verdict::LeanNoHire, Verdict::NoHire, Verdict::StrongNoHire]
        } else {
            [Verdict::LeanHire, Verdict::Hire, Verdict::StrongHire]
        };
        let mut out: Vec<usize> = Vec::with_capacity(max);
        for v in opposite {
            let mut found: Vec<usize> = Vec::new();
            for &p in principles {
                if let Some(cell) = self.cell(p, level) {
                    found.extend(nearest(&cell.by_verdict[v.index()], i, max));
                }
            }
            found.sort_unstable_by_key(|&j| (j.abs_diff(i), j));
            for j in found {
                if out.len() == max {
                    return out;
                }
                if !out.contains(&j) {
                    out.push(j);
                }
            }
        }
        out
    }

    fn count(&mut self, inputs: &Inputs<'_>, i: usize, sign: i64) {
        let iv = &inputs.interviews[i];
        self.tally(inputs, i, iv, self.interviews[i], sign);
    }

    fn uncount(&mut self, inputs: &Inputs<'_>, i: usize, before: &Interview) {
        let numbers = self.interviews[i];
        self.tally(inputs, i, before, numbers, -1);
    }

    /// Adds (`sign` 1) or takes away (-1) interview `i`, in version `iv` with
    /// numbers `numbers`, from every sum.
    fn tally(
        &mut self,
        inputs: &Inputs<'_>,
        i: usize,
        iv: &Interview,
        numbers: InterviewCalibration,
        sign: i64,
    ) {
        for (seat, p) in iv.panelists.iter().enumerate() {
            if let (Some(vote), Some(&k)) = (p.vote, inputs.seats[i].get(seat)) {
                self.panelists[k].add(i, vote, iv.verdict, sign);
            }
        }
        for &p in &iv.principles {
            let Some(k) = self.position(p, inputs.level_of[i]) else { continue };
            let cell = &mut self.cells[k];
            let v = iv.verdict.index();
            if sign > 0 {
                insert_sorted(&mut cell.interviews, i);
                cell.verdicts[v] += 1;
                insert_sorted(&mut cell.by_verdict[v], i);
                if numbers.split {
                    insert_sorted(&mut cell.split, i);
                }
                if numbers.against {
                    insert_sorted(&mut cell.against, i);
                }
            } else {
                remove_sorted(&mut cell.interviews, i);
                cell.verdicts[v] = cell.verdicts[v].saturating_sub(1);
                remove_sorted(&mut cell.by_verdict[v], i);
                remove_sorted(&mut cell.split, i);
                remove_sorted(&mut cell.against, i);
            }
        }
    }
}

/// Up to `max` entries of the sorted `list` nearest to `i` (by index, i.e. by date).
fn nearest(list: &[usize], i: usize, max: usize) -> impl Iterator<Item = usize> + '_ {
    let at = list.partition_point(|&j| j < i);
    let (mut before, mut after) = (at, at);
    std::iter::from_fn(move || {
        let left = before.checked_sub(1).map(|b| list[b]);
        let right = list.get(after).copied();
        match (left, right) {
            (Some(l), Some(r)) if i - l <= r - i => {
                before -= 1;
                Some(l)
            }
            (_, Some(r)) => {
                after += 1;
                Some(r)
            }
            (Some(l), None) => {
                before -= 1;
                Some(l)
            }
            (None, None) => None,
        }
    })
    .take(max)
}

fn insert_sorted(list: &mut Vec<usize>, i: usize) {
    if let Err(at) = list.binary_search(&i) {
        list.insert(at, i);
    }
}

fn remove_sorted(list: &mut Vec<usize>, i: usize) {
    if let Ok(at) = list.binary_search(&i) {
        list.remove(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::config::Config;

    fn config() -> Config {
        Config::parse(std::path::Path::new("/site"), "title = \"T\"\nbase_url = \"https://example.com\"\n")
            .expect("a valid site.toml")
    }

    /// An interview with `verdict` and one panelist per entry of `votes`
    /// (`""`: no vote), panelists named P0, P1, ...
    fn interview(verdict: &str, votes: &[&str]) -> Arc<Interview> {
        let mut text = format!(
            "+++\ntitle = \"T\"\ndate = 2026-01-01\nprinciples = [\"Ownership\"]\nrole = \"R\"\nverdict = \"{verdict}\"\n"
        );
        for (k, v) in votes.iter().enumerate() {
            text.push_str(&format!("\n[[panelists]]\nname = \"P{k}\"\nrole = \"EM\"\n"));
            if !v.is_empty() {
                text.push_str(&format!("vote = \"{v}\"\n"));
            }
        }
        text.push_str("+++\n\n## Roundtable\n\n");
        for k in 0..votes.len() {
            text.push_str(&format!("### P{k}\nA turn.\n\n"));
        }
        let dir = std::path::PathBuf::from("/site/content/x");
        let (iv, ds) = crate::content::parse(&config(), &dir.join("index.md"), &text, dir, Vec::new(), false);
        Arc::new(iv.unwrap_or_else(|| panic!("does not parse: {ds:?}")))
    }

    #[test]
    fn odd_panel_median_is_the_middle_vote() {
        let c = InterviewCalibration::of(&interview("hire", &["strong-hire", "lean-no-hire", "hire"]));
        assert_eq!(c.votes, 3);
        assert!(c.split);
        assert_eq!(c.median(), Some(2.0));
        assert!(!c.against);
    }

    #[test]
    fn even_panel_median_is_the_mean_of_the_middle_two() {
        // Scores -2, 1, 2, 3: middle two 1 and 2, median 1.5, hire side.
        let c =
            InterviewCalibration::of(&interview("no-hire", &["no-hire", "lean-hire", "hire", "strong-hire"]));
        assert_eq!(c.median(), Some(1.5));
        assert!(c.split);
        assert!(c.against, "median on the hire side, verdict on the no-hire side");
    }

    #[test]
    fn a_median_of_zero_is_against_either_verdict() {
        // -1 and 1: median 0.
        for verdict in ["hire", "no-hire"] {
            let c = InterviewCalibration::of(&interview(verdict, &["lean-no-hire", "lean-hire"]));
            assert_eq!(c.median(), Some(0.0));
            assert!(c.against, "{verdict}");
        }
    }

    #[test]
    fn no_votes_count_in_nothing() {
        let c = InterviewCalibration::of(&interview("hire", &["", ""]));
        assert_eq!(c, InterviewCalibration::default());
        assert!(!c.split && !c.against && c.median().is_none());
    }

    #[test]
    fn one_side_is_not_split() {
        let c = InterviewCalibration::of(&interview("lean-hire", &["hire", "", "lean-hire"]));
        assert_eq!(c.votes, 2);
        assert!(!c.split && !c.against);
    }

    #[test]
    fn panelist_agreement_and_offset_by_hand() {
        let mut p = PanelistCalibration::default();
        // Votes hire (2) on a hire (2), no-hire (-2) on a lean-hire (1), lean-no-hire
        // (-1) on a strong-no-hire (-3): agree, disagree, agree; offsets 0, -3, +2.
        p.add(0, Verdict::Hire, Verdict::Hire, 1);
        p.add(1, Verdict::NoHire, Verdict::LeanHire, 1);
        p.add(2, Verdict::LeanNoHire, Verdict::StrongNoHire, 1);
        assert_eq!(p.votes, 3);
        assert_eq!(p.agreement(), Some(2.0 / 3.0));
        assert_eq!(p.offset(), Some(-1.0 / 3.0));
        assert_eq!(p.against_panel, vec![1]);
        assert_eq!(p.distribution, [0, 1, 0, 1, 1, 0]);
        // Taking a vote away undoes it exactly.
        p.add(1, Verdict::NoHire, Verdict::LeanHire, -1);
        assert_eq!((p.votes, p.agreement(), p.offset()), (2, Some(1.0), Some(1.0)));
        assert!(p.against_panel.is_empty());
    }

    #[test]
    fn a_panelist_with_no_votes_has_no_numbers() {
        let p = PanelistCalibration::default();
        assert_eq!((p.votes, p.agreement(), p.offset()), (0, None, None));
    }

    /// The catalogue index of the principle [`interview`] tags.
    fn ownership() -> usize {
        interview("hire", &[""]).principles[0]
    }

    /// A graph's inputs for interviews given as (verdict, level, votes), newest
    /// first, all on principle 0; panelist k of the graph sits in seat k.
    fn computed(list: &[(&str, Option<usize>, &[&str])]) -> (Vec<Arc<Interview>>, Calibration) {
        let interviews: Vec<Arc<Interview>> = list.iter().map(|(v, _, votes)| interview(v, votes)).collect();
        let level_of: Vec<Option<usize>> = list.iter().map(|l| l.1).collect();
        let seats: Vec<Vec<usize>> = list.iter().map(|l| (0..l.2.len()).collect()).collect();
        let panelists = list.iter().map(|l| l.2.len()).max().unwrap_or(0);
        let c = Calibration::compute(&Inputs {
            interviews: &interviews,
            level_of: &level_of,
            seats: &seats,
            panelists,
            levels: 2,
        });
        (interviews, c)
    }

    #[test]
    fn cells_panelists_and_flags_of_a_small_graph_by_hand() {
        let p = ownership();
        let (_, c) = computed(&[
            ("hire", Some(0), &["hire", "no-hire", ""]),
            ("no-hire", Some(0), &["lean-hire", "lean-no-hire"]),
            ("lean-hire", None, &["", "", ""]),
            ("strong-no-hire", Some(1), &["no-hire", "strong-no-hire", "lean-no-hire"]),
        ]);
        // Cells by level order, no level last.
        let keys: Vec<_> = c.cells.iter().map(|c| (c.principle, c.level, c.interviews.clone())).collect();
        assert_eq!(keys, vec![(p, Some(0), vec![0, 1]), (p, Some(1), vec![3]), (p, None, vec![2])]);
        let l0 = c.cell(p, Some(0)).expect("the L0 cell");
        assert_eq!(l0.verdicts, [0, 1, 0, 0, 1, 0]);
        assert_eq!((l0.by_verdict[1].clone(), l0.by_verdict[4].clone()), (vec![0], vec![1]));
        assert_eq!(l0.split, vec![0, 1]);
        // Interview 0: votes 2 and -2; interview 1: 1 and -1. Both medians are 0:
        // against either verdict.
        assert_eq!(l0.against, vec![0, 1]);
        assert!(c.cell(p, None).is_some_and(|n| n.split.is_empty() && n.against.is_empty()));
        // P0 voted hire/hire (agree, 0), lean-hire/no-hire (disagree, +3),
        // no-hire/strong-no-hire (agree, +1): 3 votes, 2/3, offset 4/3.
        let p0 = &c.panelists[0];
        assert_eq!((p0.votes, p0.agreeing, p0.offset_sum), (3, 2, 4));
        assert_eq!(p0.against_panel, vec![1]);
        // P1: no-hire on hire (-4), lean-no-hire on no-hire (+1), strong-no-hire on
        // strong-no-hire (0): 2 of 3 agree, offset -1.
        let p1 = &c.panelists[1];
        assert_eq!((p1.votes, p1.agreeing, p1.offset()), (3, 2, Some(-1.0)));
        // P2 sat on interviews 0, 2 and 3 and voted once.
        assert_eq!((c.panelists[2].votes, c.panelists[2].offset()), (1, Some(2.0)));
        assert_eq!(c.cells_of(p).count(), 3);
        assert_eq!(c.cells_of(p + 1).count(), 0);
    }

    #[test]
    fn a_panelist_who_never_votes_stays_without_numbers_in_a_graph() {
        let (_, c) = computed(&[("hire", Some(0), &["hire", ""]), ("no-hire", Some(0), &["no-hire", ""])]);
        assert_eq!(c.panelists[1], PanelistCalibration::default());
        assert_eq!(c.panelists[0].agreement(), Some(1.0));
    }

    #[test]
    fn contrasts_are_the_weakest_opposite_verdicts_nearest_in_date() {
        let p = ownership();
        let (_, c) = computed(&[
            ("no-hire", Some(0), &["no-hire"]),
            ("lean-no-hire", Some(0), &["lean-no-hire"]),
            ("strong-no-hire", Some(0), &["no-hire"]),
            ("hire", Some(0), &["hire"]),
            ("no-hire", Some(0), &["no-hire"]),
            ("lean-no-hire", Some(0), &["no-hire"]),
            ("hire", Some(1), &["hire"]),
        ]);
        // Interview 3 (hire): the lean-no-hires 1 and 5 (as near; the newer first),
        // then the no-hires 4 and 0, then the strong-no-hire 2.
        assert_eq!(c.contrast(3, Verdict::Hire, &[p], Some(0), 3), vec![1, 5, 4]);
        assert_eq!(c.contrast(3, Verdict::Hire, &[p], Some(0), 10), vec![1, 5, 4, 0, 2]);
        // A no-hire sees the hire side; another level is another cell.
        assert_eq!(c.contrast(0, Verdict::NoHire, &[p], Some(0), 3), vec![3]);
        assert!(c.contrast(6, Verdict::Hire, &[p], Some(1), 3).is_empty());
    }

    #[test]
    fn replace_moves_an_interview_between_verdict_lists() {
        let p = ownership();
        let list: [(&str, Option<usize>, &[&str]); 2] =
            [("hire", Some(0), &["hire", "hire"]), ("no-hire", Some(0), &["no-hire", "hire"])];
        let (mut interviews, mut c) = computed(&list);
        let before = interviews[1].clone();
        interviews[1] = interview("lean-hire", &["lean-no-hire", "hire"]);
        let inputs = Inputs {
            interviews: &interviews,
            level_of: &[Some(0), Some(0)],
            seats: &[vec![0, 1], vec![0, 1]],
            panelists: 2,
            levels: 2,
        };
        assert_eq!((c.split, c.against), (1, 1));
        c.replace(&inputs, 1, &before);
        assert_eq!(c, Calibration::compute(&inputs));
        assert_eq!((c.split, c.against), (1, 0));
        let cell = c.cell(p, Some(0)).expect("the cell");
        assert_eq!((cell.by_verdict[1].clone(), cell.by_verdict[2].clone()), (vec![0], vec![1]));
        assert!(cell.by_verdict[4].is_empty());
    }
}
