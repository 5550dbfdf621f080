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
    // Drop apostrophes before transliterating: deunicode turns ’ into '.
    let without: String = text.chars().filter(|c| !is_apostrophe(*c)).collect();
    let ascii = deunicode::deunicode(&without);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
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
    fn transliterates_trims_and_collapses() {
        assert_eq!(slugify("  Café -- Crème!  "), "cafe-creme");
        assert_eq!(slugify("José Álvarez"), "jose-alvarez");
        assert_eq!(slugify("---"), "");
        assert_eq!(slugify("a__b"), "a-b");
    }
}
