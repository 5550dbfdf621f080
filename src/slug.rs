//! Slugs as DESIGN §4 defines them: transliterate to ASCII, drop apostrophes, turn
//! every other run of non-alphanumerics into one `-`, trim, lower case.

/// Makes the URL slug of `text`.
///
/// ```
/// use roundtable::slug::slugify;
/// assert_eq!(slugify("Have Backbone; Disagree and Commit"), "have-backbone-disagree-and-commit");
/// assert_eq!(slugify("Strive to be Earth's Best Employer"), "strive-to-be-earths-best-employer");
/// assert_eq!(slugify("Zoë Laurent"), "zoe-laurent");
/// ```
pub fn slugify(text: &str) -> String {
    // Most names are ASCII already, which deunicode leaves as they are (below 0x7F):
    // loading 100,000 interviews makes millions of slugs.
    if text.bytes().all(|b| b < 0x7f) {
        return dashed(text);
    }
    // Drop apostrophes before transliterating: deunicode turns ’ into '.
    let without: String = text.chars().filter(|c| !is_apostrophe(*c)).collect();
    dashed(&deunicode::deunicode(&without))
}

/// The slug of ASCII text: apostrophes dropped, every other run of
/// non-alphanumerics one `-` between words, lower case.
fn dashed(ascii: &str) -> String {
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for b in ascii.bytes() {
        if b == b'\'' {
            continue;
        }
        if b.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(char::from(b.to_ascii_lowercase()));
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The slug of `text`, at most `max` characters: a longer slug is cut at a `-`
/// and ends in `-` and 8 hex digits of a hash of the whole slug, so that two long
/// texts that share their start still get different slugs, and the same text
/// always the same one (the hash is FNV-1a, stable across runs and platforms).
///
/// ```
/// use roundtable::slug::slugify_capped;
/// assert_eq!(slugify_capped("Tell me about a time", 100), "tell-me-about-a-time");
/// let long = "Tell me about a time you disagreed with your manager ".repeat(3);
/// let s = slugify_capped(&long, 60);
/// assert!(s.len() <= 60 && s.starts_with("tell-me-about-a-time-you"));
/// ```
pub fn slugify_capped(text: &str, max: usize) -> String {
    let full = slugify(text);
    if full.len() <= max {
        return full;
    }
    let hash = format!("{:08x}", fnv1a(full.as_bytes()));
    // Room for the head, a `-` and the hash; the head ends at a `-` of the slug.
    let room = max.saturating_sub(hash.len() + 1);
    let head = &full[..room.min(full.len())];
    let head = match head.rfind('-') {
        Some(i) if full.as_bytes().get(room) != Some(&b'-') => &head[..i],
        _ => head,
    };
    let head = head.trim_end_matches('-');
    if head.is_empty() {
        hash
    } else {
        format!("{head}-{hash}")
    }
}

/// 32-bit FNV-1a: a small hash whose value never changes between builds.
pub fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn design_examples() {
        assert_eq!(slugify("Have Backbone; Disagree and Commit"), "have-backbone-disagree-and-commit");
        assert_eq!(slugify("Strive to be Earth's Best Employer"), "strive-to-be-earths-best-employer");
        assert_eq!(slugify("Strive to be Earth’s Best Employer"), "strive-to-be-earths-best-employer");
        assert_eq!(slugify("Sarah Chen"), "sarah-chen");
        assert_eq!(slugify("L6"), "l6");
    }

    #[test]
    fn long_slugs_are_cut_at_a_dash_and_hashed() {
        use super::slugify_capped;
        let text = "Describe a situation where you had to decide quickly with incomplete data and \
                    the decision turned out to be wrong; what did you do next, and what changed?";
        let s = slugify_capped(text, 100);
        assert!(s.len() <= 100, "{s}");
        let (head, hash) = s.rsplit_once('-').unwrap();
        assert_eq!(hash.len(), 8);
        assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));
        assert!(slugify(text).starts_with(&format!("{head}-")), "cut at a dash: {s}");
        assert_eq!(slugify_capped(text, 100), s, "stable");
        let other = text.replace("changed?", "stayed?");
        assert_ne!(slugify_capped(&other, 100), s, "same start, other text");
        assert_eq!(slugify_capped("Short question?", 100), "short-question");
    }

    #[test]
    fn the_ascii_shortcut_agrees_with_transliterating() {
        for text in ["Sarah Chen", "O'Brien", "a\u{7f}b", "L6 / Staff", "  x--Y__z  ", "Don't", "\t"] {
            let without: String = text.chars().filter(|c| !super::is_apostrophe(*c)).collect();
            assert_eq!(slugify(text), super::dashed(&deunicode::deunicode(&without)), "{text:?}");
        }
    }

    #[test]
    fn transliterates_trims_and_collapses() {
        assert_eq!(slugify("  Café -- Crème!  "), "cafe-creme");
        assert_eq!(slugify("José Álvarez"), "jose-alvarez");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("a__b"), "a-b");
    }
}
