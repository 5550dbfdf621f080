//! Did-you-mean suggestions for mistyped names: principles, verdicts, and keys of
//! site.toml, front matter and import records.

use crate::slug::slugify;

/// The closest candidate to `input` when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(input: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let target = slugify(input);
    candidates
        .map(|c| (strsim::jaro_winkler(&target, &slugify(c)), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// For serde's "unknown field `x`, expected one of `a`, `b`" message: the key
/// and a hint (a did-you-mean among the keys allowed there, or their list).
pub fn unknown_key(message: &str) -> Option<(String, String)> {
    let key = quoted_after(message, "unknown field `")?;
    let allowed = expected_keys(message);
    let hint = match did_you_mean(key, allowed.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None if allowed.is_empty() => "remove or rename this key".to_string(),
        None => format!("remove or rename this key; the keys allowed here are: {}", allowed.join(", ")),
    };
    Some((key.to_string(), hint))
}

/// For serde's "missing field `x`" message: the key.
pub fn missing_key(message: &str) -> Option<&str> {
    quoted_after(message, "missing field `")
}

/// The name between `prefix` and the next backtick of `message`.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.split_once(prefix)?.1;
    rest.split_once('`').map(|(key, _)| key)
}

/// The keys serde lists after "expected one of" (or "expected"), in order.
fn expected_keys(message: &str) -> Vec<&str> {
    let Some((_, list)) = message.split_once("expected ") else { return Vec::new() };
    list.split('`').skip(1).step_by(2).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos() {
        let names = ["Dive Deep", "Ownership", "Think Big"];
        assert_eq!(did_you_mean("Dive Deap", names.into_iter()), Some("Dive Deep"));
        assert_eq!(did_you_mean("ownershp", names.into_iter()), Some("Ownership"));
        assert_eq!(did_you_mean("Quantum Physics", names.into_iter()), None);
    }

    #[test]
    fn unknown_keys_are_matched_among_the_allowed_ones() {
        let (key, hint) = unknown_key("unknown field `titel`, expected one of `title`, `date`").unwrap();
        assert_eq!((key.as_str(), hint.as_str()), ("titel", "did you mean `title`?"));
        let (_, hint) = unknown_key("unknown field `zz`, expected `name` or `role`").unwrap();
        assert_eq!(hint, "remove or rename this key; the keys allowed here are: name, role");
        assert_eq!(unknown_key("missing field `title`"), None);
        assert_eq!(missing_key("missing field `title`"), Some("title"));
    }
}
