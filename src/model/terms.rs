//! Terms: roles, levels, tags and questions, each a name and the interviews that
//! carry it, collected while the graph visits interviews newest first.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::slug::slugify;

/// A role, level, tag or question: a name and the interviews that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Display name (as first written, newest interview first).
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Interview indexes, newest first.
    pub interviews: Vec<usize>,
}

/// How a kind of term is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// By slug, numbers inside compared as numbers (roles, tags, questions).
    Slug,
    /// Levels (DESIGN §4): `L4 < L5 < … < L10`, then anything else by slug.
    Level,
}

/// Collects terms by slug while interviews are visited newest first.
#[derive(Default)]
pub struct TermIndex {
    terms: Vec<Term>,
    by_slug: HashMap<String, usize>,
}

impl TermIndex {
    /// Adds interview `interview` to the term `name` (slugified) and returns the
    /// term's position (before [`TermIndex::finish`]).
    pub fn add(&mut self, name: &str, interview: usize) -> usize {
        self.add_with_slug(name, slugify(name), interview)
    }

    /// [`TermIndex::add`] with a slug made by the caller (questions cap theirs).
    pub fn add_with_slug(&mut self, name: &str, slug: String, interview: usize) -> usize {
        let idx = match self.by_slug.get(&slug) {
            Some(&idx) => idx,
            None => {
                self.by_slug.insert(slug.clone(), self.terms.len());
                self.terms.push(Term { name: name.to_string(), slug, interviews: Vec::new() });
                self.terms.len() - 1
            }
        };
        // An interview may name a term twice (a repeated tag): once is enough.
        if self.terms[idx].interviews.last() != Some(&interview) {
            self.terms[idx].interviews.push(interview);
        }
        idx
    }

    /// Sorts the terms; returns them and a map from old to new positions.
    pub fn finish(self, order: Order) -> (Vec<Term>, Vec<usize>) {
        let mut positions: Vec<usize> = (0..self.terms.len()).collect();
        positions.sort_by(|&a, &b| compare(order, &self.terms[a].slug, &self.terms[b].slug));
        let mut remap = vec![0; positions.len()];
        for (new, &old) in positions.iter().enumerate() {
            remap[old] = new;
        }
        let mut terms: Vec<Option<Term>> = self.terms.into_iter().map(Some).collect();
        let sorted = positions.iter().filter_map(|&old| terms[old].take()).collect();
        (sorted, remap)
    }
}

/// Orders two slugs of one kind of term.
pub fn compare(order: Order, a: &str, b: &str) -> Ordering {
    match order {
        Order::Slug => natural_cmp(a, b),
        Order::Level => {
            let l_number = |s: &str| s.strip_prefix('l').and_then(|n| n.parse::<u64>().ok());
            match (l_number(a), l_number(b)) {
                (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.cmp(b)),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => natural_cmp(a, b),
            }
        }
    }
}

/// Compares text with runs of digits compared as numbers, so that `ic10` sorts
/// after `ic9` and `q2-2026` before `q10-2026`.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let run = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
                let (m, n) = (run(x), run(y));
                let (dx, dy) = (trim_zeros(&x[..m]), trim_zeros(&y[..n]));
                let by_number = dx.len().cmp(&dy.len()).then_with(|| dx.cmp(dy));
                if by_number != Ordering::Equal {
                    return by_number;
                }
                x = &x[m..];
                y = &y[n..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let zeros = digits.iter().take_while(|&&c| c == b'0').count();
    &digits[zeros.min(digits.len().saturating_sub(1))..]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(order: Order, mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| compare(order, a, b));
        v
    }

    #[test]
    fn levels_in_natural_order_then_the_rest() {
        assert_eq!(
            sorted(Order::Level, vec!["l10", "senior", "l6", "ic10", "l4", "e5", "ic4", "l7"]),
            vec!["l4", "l6", "l7", "l10", "e5", "ic4", "ic10", "senior"]
        );
    }

    #[test]
    fn natural_order_compares_numbers() {
        assert_eq!(sorted(Order::Slug, vec!["b10", "b9", "a", "b09x"]), vec!["a", "b9", "b09x", "b10"]);
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
    }

    #[test]
    fn a_repeated_term_lists_the_interview_once() {
        let mut t = TermIndex::default();
        t.add("Caching", 0);
        t.add("caching", 0);
        t.add("Caching", 3);
        let (terms, _) = t.finish(Order::Slug);
        assert_eq!(terms[0].interviews, vec![0, 3]);
        assert_eq!(terms[0].name, "Caching");
    }
}
