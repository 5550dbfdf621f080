//! The six verdicts a panel can reach.

use std::fmt;

/// A hiring verdict, from strongest yes to strongest no.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// `strong-hire`
    StrongHire,
    /// `hire`
    Hire,
    /// `lean-hire`
    LeanHire,
    /// `lean-no-hire`
    LeanNoHire,
    /// `no-hire`
    NoHire,
    /// `strong-no-hire`
    StrongNoHire,
}

impl Verdict {
    /// Every verdict, strongest yes first.
    pub const ALL: [Verdict; 6] = [
        Verdict::StrongHire,
        Verdict::Hire,
        Verdict::LeanHire,
        Verdict::LeanNoHire,
        Verdict::NoHire,
        Verdict::StrongNoHire,
    ];

    /// The key written in front matter, e.g. `lean-no-hire`.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::StrongHire => "strong-hire",
            Verdict::Hire => "hire",
            Verdict::LeanHire => "lean-hire",
            Verdict::LeanNoHire => "lean-no-hire",
            Verdict::NoHire => "no-hire",
            Verdict::StrongNoHire => "strong-no-hire",
        }
    }

    /// The label shown to readers, e.g. `Lean no hire`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::StrongHire => "Strong hire",
            Verdict::Hire => "Hire",
            Verdict::LeanHire => "Lean hire",
            Verdict::LeanNoHire => "Lean no hire",
            Verdict::NoHire => "No hire",
            Verdict::StrongNoHire => "Strong no hire",
        }
    }

    /// The verdict on the calibration scale (DESIGN §3): strong-hire 3, hire 2,
    /// lean-hire 1, lean-no-hire -1, no-hire -2, strong-no-hire -3.
    pub fn score(self) -> i32 {
        match self {
            Verdict::StrongHire => 3,
            Verdict::Hire => 2,
            Verdict::LeanHire => 1,
            Verdict::LeanNoHire => -1,
            Verdict::NoHire => -2,
            Verdict::StrongNoHire => -3,
        }
    }

    /// The side, as readers see it: `Hire side` or `No-hire side`.
    pub fn side_label(self) -> &'static str {
        if self.is_positive() {
            "Hire side"
        } else {
            "No-hire side"
        }
    }

    /// True for the three hire verdicts.
    pub fn is_positive(self) -> bool {
        matches!(self, Verdict::StrongHire | Verdict::Hire | Verdict::LeanHire)
    }

    /// Position in [`Verdict::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Parses a front-matter key, forgiving case, spaces and underscores.
    pub fn parse(text: &str) -> Option<Verdict> {
        let norm = text.trim().to_lowercase().replace([' ', '_'], "-");
        Verdict::ALL.into_iter().find(|v| v.key() == norm)
    }

    /// The allowed keys, for error messages.
    pub fn allowed() -> String {
        Verdict::ALL.map(Verdict::key).join(", ")
    }
}

/// Twice the median of `votes` on the scale (DESIGN §3: the mean of the two
/// middle votes when even), so that it stays an integer; `None` without votes.
pub fn median_x2(votes: impl Iterator<Item = Verdict>) -> Option<i32> {
    let mut scores: Vec<i32> = votes.map(Verdict::score).collect();
    if scores.is_empty() {
        return None;
    }
    scores.sort_unstable();
    let n = scores.len();
    Some(if n % 2 == 1 { 2 * scores[n / 2] } else { scores[n / 2 - 1] + scores[n / 2] })
}

/// Whether `verdict` is against votes of doubled median `median_x2`: the median
/// is zero or on the other side (DESIGN §3, "verdict against the votes").
pub fn against_votes(verdict: Verdict, median_x2: i32) -> bool {
    median_x2 == 0 || (median_x2 > 0) != verdict.is_positive()
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

#[cfg(test)]
mod tests {
    use super::{against_votes, median_x2, Verdict};

    #[test]
    fn medians_of_odd_and_even_panels() {
        use Verdict::*;
        assert_eq!(median_x2([Hire, StrongNoHire, LeanHire].into_iter()), Some(2));
        assert_eq!(median_x2([Hire, LeanNoHire].into_iter()), Some(1));
        assert_eq!(median_x2([LeanHire, LeanNoHire].into_iter()), Some(0));
        assert_eq!(median_x2(std::iter::empty()), None);
        assert!(against_votes(Hire, 0) && against_votes(NoHire, 0));
        assert!(against_votes(Hire, -1) && !against_votes(NoHire, -1));
        assert!(!against_votes(LeanHire, 3));
    }

    #[test]
    fn parse_round_trips_and_forgives_case() {
        for v in Verdict::ALL {
            assert_eq!(Verdict::parse(v.key()), Some(v));
        }
        assert_eq!(Verdict::parse("Lean No Hire"), Some(Verdict::LeanNoHire));
        assert_eq!(Verdict::parse("maybe"), None);
    }

    #[test]
    fn scale_is_symmetric_and_positive_on_the_hire_side() {
        let scores: Vec<i32> = Verdict::ALL.iter().map(|v| v.score()).collect();
        assert_eq!(scores, vec![3, 2, 1, -1, -2, -3]);
        for v in Verdict::ALL {
            assert_eq!(v.score() > 0, v.is_positive());
        }
    }
}
