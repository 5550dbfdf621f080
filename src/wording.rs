//! Counts in words, as the command line and the pages' default descriptions print
//! them: `1 interview`, `2 interviews`, `1,100 more`.

/// `n` with thousands separators: `1100` → `1,100`.
pub fn number(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun that fits it: `count(1, "interview", "interviews")` is
/// `1 interview`, `count(1100, ...)` is `1,100 interviews`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", number(n), if n == 1 { one } else { many })
}

/// `n` and a regular English plural (`s` added): `counted(2, "error")` is `2 errors`.
pub fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", number(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1_000), "1,000");
        assert_eq!(number(1_100), "1,100");
        assert_eq!(number(100_000), "100,000");
        assert_eq!(number(1_234_567), "1,234,567");
    }

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "interview"), "1 interview");
        assert_eq!(counted(0, "interview"), "0 interviews");
        assert_eq!(counted(2, "error"), "2 errors");
        assert_eq!(count(1, "expert reviews", "experts review"), "1 expert reviews");
        assert_eq!(count(4, "expert reviews", "experts review"), "4 experts review");
    }
}
