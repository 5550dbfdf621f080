//! `check_pii`: e-mail addresses and phone numbers in published text.
//!
//! The patterns are deliberately broad (a false alarm costs an edit, a miss
//! publishes a person's contact details): an address is `local@domain.tld`; a
//! phone number is 9 to 15 digits written in groups, optionally with a leading
//! `+country` and a bracketed area code. Dates (8 digits) and plain numbers
//! without separators are not phone numbers.

use std::sync::LazyLock;

use regex::Regex;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}")
        .unwrap_or_else(|e| unreachable!("a valid pattern: {e}"))
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]\d{2,5}){1,4}")
        .unwrap_or_else(|e| unreachable!("a valid pattern: {e}"))
});

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// An e-mail address.
    Email,
    /// A phone number.
    Phone,
}

impl Kind {
    /// How a message names it.
    pub fn label(&self) -> &'static str {
        match self {
            Kind::Email => "an e-mail address",
            Kind::Phone => "a phone number",
        }
    }
}

/// Every e-mail address and phone number in `text`, in order.
pub fn find(text: &str) -> Vec<(Kind, String)> {
    let mut out: Vec<(Kind, String)> =
        EMAIL.find_iter(text).map(|m| (Kind::Email, m.as_str().to_string())).collect();
    for m in PHONE.find_iter(text) {
        let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
        let glued = text[..m.start()].ends_with(|c: char| c.is_alphanumeric())
            || text[m.end()..].starts_with(|c: char| c.is_alphanumeric());
        let date_like = is_date(m.as_str());
        if (9..=15).contains(&digits) && !glued && !date_like {
            out.push((Kind::Phone, m.as_str().to_string()));
        }
    }
    out
}

/// `2026-11-23 14` and the like: a date is not a phone number.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && b[..4].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_numbers_are_found() {
        let found = find("Mail jo.lee+kb@mail.example.org or call +1 (415) 555-0134, or 030 1234 5678.");
        assert_eq!(
            found,
            vec![
                (Kind::Email, "jo.lee+kb@mail.example.org".to_string()),
                (Kind::Phone, "+1 (415) 555-0134".to_string()),
                (Kind::Phone, "030 1234 5678".to_string()),
            ]
        );
    }

    #[test]
    fn dates_counts_and_versions_are_not_numbers() {
        assert!(find("On 2026-11-23 we saw 100,000 users, p99 at 250 ms, v1.2.3, L6.").is_empty());
        assert!(find("order 12345678901").is_empty());
        assert!(find("@handle and a@b").is_empty());
    }
}
