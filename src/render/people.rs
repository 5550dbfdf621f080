//! How people are drawn: initials and a stable colour for an avatar.

/// Initials for an avatar: first letters of the first and last words.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> =
        name.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphanumeric)).collect();
    let first = |w: &&str| w.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    match words.as_slice() {
        [] => "?".to_string(),
        [one] => first(one),
        [a, .., b] => format!("{}{}", first(a), first(b)),
    }
}

/// A stable hue (0–359) for a person's avatar, from their slug.
pub fn hue(slug: &str) -> u32 {
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    crate::slug::fnv1a(slug.as_bytes()) % 360
}

/// Hues for the members of one panel, in order: each person's own [`hue`] unless
/// it sits too close to an earlier member's, then moved on by the golden angle
/// until it stands apart, so that no two avatars of a panel look alike.
pub fn panel_hues<'s>(slugs: impl IntoIterator<Item = &'s str>) -> Vec<u32> {
    /// Hues closer than this are hard to tell apart on a small disc.
    const APART: u32 = 40;
    const GOLDEN: u32 = 137;
    let mut out: Vec<u32> = Vec::new();
    for slug in slugs {
        let mut h = hue(slug);
        let close = |h: u32, out: &[u32]| {
            out.iter().any(|&o| {
                let d = h.abs_diff(o);
                d.min(360 - d) < APART
            })
        };
        // Nine steps of the golden angle visit hues all round the circle; a panel
        // too large for them all to stand apart keeps the last one tried.
        for _ in 0..9 {
            if !close(h, &out) {
                break;
            }
            h = (h + GOLDEN) % 360;
        }
        out.push(h);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panel_has_distinct_hues() {
        // Two people whose own hues collide.
        let (a, b) = ("sarah-chen", "sarah-chen");
        let hues = panel_hues([a, b, "alex-rivera", "ana-lima", "ben-okafor"]);
        assert_eq!(hues[0], hue(a), "the first keeps their own hue");
        for (i, x) in hues.iter().enumerate() {
            for y in &hues[i + 1..] {
                let d = x.abs_diff(*y);
                assert!(d.min(360 - d) >= 40, "{hues:?}");
            }
        }
    }

    #[test]
    fn initials_and_hue() {
        assert_eq!(initials("Sarah Chen"), "SC");
        assert_eq!(initials("Zoë van der Berg"), "ZB");
        assert_eq!(initials("Plato"), "P");
        assert_eq!(initials("  "), "?");
        assert_eq!(hue("sarah-chen"), hue("sarah-chen"));
        assert!(hue("x") < 360);
    }
}
