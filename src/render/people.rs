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

#[cfg(test)]
mod tests {
    use super::*;

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
