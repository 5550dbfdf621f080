//! Counts as templates show them: verdicts with their counts and shares, every
//! count of a group made by one function, so that a build profile's
//! `min_group` hides small counts everywhere at once.
#![allow(missing_docs)]

use serde::Serialize;

use crate::content::Verdict;
use crate::model::{verdict_mix, Site};

/// A verdict as templates see it.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct VerdictView {
    pub key: &'static str,
    pub label: &'static str,
    pub positive: bool,
}

impl From<Verdict> for VerdictView {
    fn from(v: Verdict) -> Self {
        VerdictView { key: v.key(), label: v.label(), positive: v.is_positive() }
    }
}

/// A verdict with its count and share. Under `min_group` a small count is not
/// in it at all: `count` and `percent` are 0, `small` is true and `shown` says
/// "fewer than k" (templates print `shown`).
#[derive(Debug, Clone, Serialize)]
pub struct VerdictCount {
    #[serde(flatten)]
    pub verdict: VerdictView,
    pub count: usize,
    pub percent: usize,
    /// The count as published: `7`, or `fewer than 3`.
    pub shown: String,
    /// True when the count is hidden.
    pub small: bool,
    /// Where those interviews are listed (the search filtered to them), when the
    /// mix knows its listing; else null.
    pub url: Option<String>,
}

/// All six verdicts with counts for `list`, each through [`Tally`].
pub fn verdict_counts(site: &Site, list: &[usize]) -> Vec<VerdictCount> {
    let k = site.config.min_group;
    verdict_mix(site.verdict_counts(list))
        .into_iter()
        .map(|(v, count, percent)| {
            let t = Tally::new(count, k);
            let percent = if t.small { 0 } else { percent };
            VerdictCount {
                verdict: v.into(),
                count: t.count.unwrap_or(0),
                percent,
                shown: t.shown,
                small: t.small,
                url: None,
            }
        })
        .collect()
}

/// [`verdict_counts`] whose non-zero verdicts link to the search page filtered to
/// exactly those interviews: `search` is the search page's URL and `filter` the
/// listing's own filter (`principle=ownership`), if any.
pub fn linked_verdict_counts(
    site: &Site,
    list: &[usize],
    search: &str,
    filter: Option<(&str, &str)>,
) -> Vec<VerdictCount> {
    let mut counts = verdict_counts(site, list);
    for v in &mut counts {
        if v.count > 0 {
            v.url = Some(match filter {
                Some((name, value)) => format!("{search}?{name}={value}&verdict={}", v.verdict.key),
                None => format!("{search}?verdict={}", v.verdict.key),
            });
        }
    }
    counts
}

/// A count of interviews, votes or concerns in a group, as published: exact, or
/// `fewer than k` when the build's profile sets `min_group = k` and the count is
/// below it (zero stays zero: an empty group singles nobody out).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Tally {
    /// The count; `None` when hidden.
    pub count: Option<usize>,
    /// What to print: `7`, or `fewer than 3`.
    pub shown: String,
    /// True when the count is hidden.
    pub small: bool,
    /// The number to sort or scale a bar by: the count, or 0 when hidden.
    pub value: usize,
}

impl Tally {
    /// `n` as published under `min_group` (0 or 1: every count is shown).
    pub fn new(n: usize, min_group: usize) -> Tally {
        if n > 0 && n < min_group {
            Tally { count: None, shown: format!("fewer than {min_group}"), small: true, value: 0 }
        } else {
            Tally { count: Some(n), shown: n.to_string(), small: false, value: n }
        }
    }

    /// `n` as published under `site`'s profile.
    pub fn of(site: &Site, n: usize) -> Tally {
        Tally::new(n, site.config.min_group)
    }

    /// The count with the noun that fits it, as descriptions print it:
    /// `1 interview`, `1,100 interviews`, `fewer than 3 interviews`.
    pub fn words(&self, one: &str, many: &str) -> String {
        match self.count {
            Some(n) => crate::wording::count(n, one, many),
            None => format!("{} {many}", self.shown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_hidden_zero_is_not() {
        assert_eq!(Tally::new(2, 3).shown, "fewer than 3");
        assert_eq!(Tally::new(2, 3).count, None);
        assert_eq!(Tally::new(0, 3).shown, "0");
        assert_eq!(Tally::new(3, 3).count, Some(3));
        assert_eq!(Tally::new(1, 0).shown, "1");
        assert_eq!(Tally::new(2, 3).words("interview", "interviews"), "fewer than 3 interviews");
        assert_eq!(Tally::new(1, 3).value, 0);
        assert_eq!(Tally::new(1_100, 3).words("interview", "interviews"), "1,100 interviews");
        assert_eq!(Tally::new(1, 0).words("interview", "interviews"), "1 interview");
    }
}
