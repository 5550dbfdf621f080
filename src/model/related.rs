//! Related interviews: for each interview, the [`RELATED_MAX`] others that share
//! the most principles, then the same role, then the newest.
//!
//! Scored naively, every interview is compared with every interview that shares a
//! principle or its role: quadratic, 17 s at 100,000 interviews. Here interviews are
//! grouped by their exact principle set, which a site has far fewer of than
//! interviews (a few hundred with the 16 default principles), and candidates are
//! taken level by level, best score first, in index order (newest first), from
//! sorted lists: each level stops as soon as the list is full, so an interview
//! costs one pass over the principle sets plus a few list heads.

use std::collections::HashMap;

use rayon::prelude::*;

/// How many related interviews an interview page lists.
pub const RELATED_MAX: usize = 5;

/// One interview as the ranking sees it.
#[derive(Debug, Clone)]
pub struct Item {
    /// Principle indexes (any order; repeats are ignored).
    pub principles: Vec<usize>,
    /// Role index.
    pub role: usize,
}

/// For each item (indexes are newest first), its related items, best first.
///
/// The order is exactly that of the score `2 × shared principles + same role`
/// (highest first, ties newest first), over items with a score above zero.
pub fn compute(items: &[Item]) -> Vec<Vec<usize>> {
    let groups = Groups::new(items);
    // Levels depend only on an item's principle set: compute them once per set.
    let levels: Vec<Vec<Vec<usize>>> =
        (0..groups.sets.len()).into_par_iter().map(|s| groups.levels(s)).collect();
    (0..items.len()).into_par_iter().map(|i| groups.related(items, &levels[groups.set_of[i]], i)).collect()
}

/// The other way round: for each item, the items whose related list holds it
/// (the pages that show it), kept flat (one offset per item).
#[derive(Debug, Clone, Default)]
pub struct ShownBy {
    offsets: Vec<usize>,
    items: Vec<usize>,
}

impl ShownBy {
    /// The reverse of `related` (as [`compute`] returns it).
    pub fn of(related: &[Vec<usize>]) -> ShownBy {
        let mut counts = vec![0usize; related.len() + 1];
        for list in related {
            for &j in list {
                counts[j + 1] += 1;
            }
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let mut next = counts.clone();
        let mut items = vec![0; counts[related.len()]];
        for (i, list) in related.iter().enumerate() {
            for &j in list {
                items[next[j]] = i;
                next[j] += 1;
            }
        }
        ShownBy { offsets: counts, items }
    }

    /// The items whose related list holds `i`, in index order.
    pub fn get(&self, i: usize) -> &[usize] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.items[a..b],
            _ => &[],
        }
    }
}

/// Items grouped by principle set, and by principle set and role.
struct Groups {
    /// Distinct principle sets, each sorted.
    sets: Vec<Vec<usize>>,
    /// Each item's set.
    set_of: Vec<usize>,
    /// Each set's items, ascending.
    members: Vec<Vec<usize>>,
    /// Items by (set, role), ascending.
    by_role: HashMap<(usize, usize), Vec<usize>>,
    /// Items by role, ascending.
    role_items: HashMap<usize, Vec<usize>>,
}

impl Groups {
    fn new(items: &[Item]) -> Self {
        let mut ids: HashMap<Vec<usize>, usize> = HashMap::new();
        let mut g = Groups {
            sets: Vec::new(),
            set_of: Vec::with_capacity(items.len()),
            members: Vec::new(),
            by_role: HashMap::new(),
            role_items: HashMap::new(),
        };
        for (i, item) in items.iter().enumerate() {
            let mut set = item.principles.clone();
            set.sort_unstable();
            set.dedup();
            let next = g.sets.len();
            let s = *ids.entry(set.clone()).or_insert(next);
            if s == next {
                g.sets.push(set);
                g.members.push(Vec::new());
            }
            g.set_of.push(s);
            g.members[s].push(i);
            g.by_role.entry((s, item.role)).or_default().push(i);
            g.role_items.entry(item.role).or_default().push(i);
        }
        g
    }

    /// The other sets by how many principles they share with set `s`:
    /// `levels[k]` holds the sets sharing exactly `k` (`levels[0]` is left empty).
    fn levels(&self, s: usize) -> Vec<Vec<usize>> {
        let mine = &self.sets[s];
        let mut levels = vec![Vec::new(); mine.len() + 1];
        for (t, set) in self.sets.iter().enumerate() {
            let k = shared(mine, set);
            if k > 0 {
                levels[k].push(t);
            }
        }
        levels
    }

    fn related(&self, items: &[Item], levels: &[Vec<usize>], i: usize) -> Vec<usize> {
        let role = items[i].role;
        let mut best = Vec::with_capacity(RELATED_MAX);
        let empty = Vec::new();
        for k in (1..levels.len()).rev() {
            // Score 2k + 1: k shared principles and the same role.
            let same_role = levels[k].iter().map(|&t| self.by_role.get(&(t, role)).unwrap_or(&empty));
            take_smallest(&mut best, same_role, |j| j != i);
            // Score 2k: k shared principles, another role.
            let others = levels[k].iter().map(|&t| &self.members[t]);
            take_smallest(&mut best, others, |j| items[j].role != role);
            if best.len() == RELATED_MAX {
                return best;
            }
        }
        // Score 1: the same role and no shared principle.
        let mine = &self.sets[self.set_of[i]];
        let same_role = std::iter::once(self.role_items.get(&role).unwrap_or(&empty));
        take_smallest(&mut best, same_role, |j| j != i && shared(mine, &self.sets[self.set_of[j]]) == 0);
        best
    }
}

/// How many elements two sorted sets share.
fn shared(a: &[usize], b: &[usize]) -> usize {
    let (mut x, mut y, mut n) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => (x, y, n) = (x + 1, y + 1, n + 1),
        }
    }
    n
}

/// Appends to `best`, up to [`RELATED_MAX`], the smallest items of the ascending
/// `lists` that pass `keep`, smallest first. An item is in at most one list.
///
/// Every list is read only until it yields as many kept items as are still
/// missing: the items `keep` rejects are few (those already taken at a higher
/// score), so this reads a handful of entries per list.
fn take_smallest<'a>(
    best: &mut Vec<usize>,
    lists: impl Iterator<Item = &'a Vec<usize>>,
    keep: impl Fn(usize) -> bool,
) {
    let need = RELATED_MAX - best.len();
    if need == 0 {
        return;
    }
    let mut found: Vec<usize> = Vec::new();
    for list in lists {
        found.extend(list.iter().copied().filter(|&j| keep(j)).take(need));
    }
    found.sort_unstable();
    best.extend(found.into_iter().take(need));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_by_is_the_reverse_of_related() {
        let related = vec![vec![1, 2], vec![0], vec![0, 1], vec![]];
        let back = ShownBy::of(&related);
        let got: Vec<&[usize]> = (0..4).map(|i| back.get(i)).collect();
        assert_eq!(got, vec![&[1, 2][..], &[0, 2][..], &[0][..], &[][..]]);
        assert!(back.get(9).is_empty());
    }

    /// The definition, scored the slow way: every pair.
    fn naive(items: &[Item]) -> Vec<Vec<usize>> {
        (0..items.len())
            .map(|i| {
                let mine = {
                    let mut s = items[i].principles.clone();
                    s.sort_unstable();
                    s.dedup();
                    s
                };
                let mut scored: Vec<(usize, usize)> = (0..items.len())
                    .filter(|&j| j != i)
                    .map(|j| {
                        let mut theirs = items[j].principles.clone();
                        theirs.sort_unstable();
                        theirs.dedup();
                        (2 * shared(&mine, &theirs) + usize::from(items[j].role == items[i].role), j)
                    })
                    .filter(|&(score, _)| score > 0)
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                scored.into_iter().take(RELATED_MAX).map(|(_, j)| j).collect()
            })
            .collect()
    }

    /// A small deterministic generator (no extra dependency for one test).
    fn items(n: usize, principles: usize, roles: usize, seed: u64) -> Vec<Item> {
        let mut x = seed;
        let mut next = move |m: usize| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m as u64) as usize
        };
        (0..n)
            .map(|_| {
                let count = 1 + next(3);
                Item { principles: (0..count).map(|_| next(principles)).collect(), role: next(roles) }
            })
            .collect()
    }

    #[test]
    fn equals_the_naive_ranking() {
        for (seed, (n, principles, roles)) in
            [(200, 16, 5), (300, 4, 2), (150, 40, 30), (50, 2, 1), (120, 3, 60)].into_iter().enumerate()
        {
            let items = items(n, principles, roles, seed as u64 * 7919 + 1);
            assert_eq!(compute(&items), naive(&items), "n={n} principles={principles} roles={roles}");
        }
    }

    #[test]
    fn nothing_in_common_is_not_related() {
        let items = vec![
            Item { principles: vec![0], role: 0 },
            Item { principles: vec![1], role: 1 },
            Item { principles: vec![0, 0], role: 1 },
        ];
        assert_eq!(compute(&items), vec![vec![2], vec![2], vec![0, 1]]);
    }
}
