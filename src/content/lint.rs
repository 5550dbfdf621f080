//! Content lint for `site check`: things that are valid but probably wrong.
//! Warnings (errors with `--strict`): a principle tagged but never named in the
//! body, a verdict the consensus wording contradicts, a panelist with no hiring
//! signal at all, a placeholder `site new` wrote that was never replaced, a
//! verdict against the votes, a hire-side vote without a reason to hire or a
//! no-hire-side vote without a concern. (A
//! panelist who never speaks is always warned about.)

use std::path::Path;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use toml::Spanned;

use super::body::Chunk;
use super::frontmatter::RawFrontMatter;
use super::{Panelist, Verdict};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Position};

/// Phrases of a consensus that lean against hiring.
const AGAINST: [&str; 10] = [
    "against hiring",
    "not hire",
    "not to hire",
    "no hire",
    "don t hire",
    "leans against",
    "lean against",
    "recommend against",
    "not recommend",
    "pass on this candidate",
];

/// Phrases of a consensus that lean towards hiring.
const FOR: [&str; 10] = [
    "recommend hiring",
    "recommends hiring",
    "in favour of hiring",
    "in favor of hiring",
    "towards hiring",
    "toward hiring",
    "support hiring",
    "supports hiring",
    "should hire",
    "would hire",
];

/// The placeholders of `site new`, found in one pass over a file (seven substring
/// searches of every file were a tenth of `site check`).
static PLACEHOLDERS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::new(super::placeholder::ALL).unwrap_or_else(|e| unreachable!("fixed patterns: {e}"))
});

/// A warning for every placeholder of `site new` still in the file.
fn placeholders(source: &Path, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for m in PLACEHOLDERS.find_iter(text) {
        let (at, p) = (m.start(), super::placeholder::ALL[m.pattern().as_usize()]);
        out.push(
            Diagnostic::warning(source, format!("placeholder {p:?} from `site new` is still here"))
                .at(Position::of_offset(text, at))
                .with_hint("replace it with what the panel said, or delete it"),
        );
    }
    out
}

/// Lower case, every run of non-alphanumerics one space.
fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        if c.is_ascii() {
            // Most text is ASCII: no Unicode tables, no case-mapping iterator.
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out
}

/// Where in the file a spanned front-matter value starts.
fn pos<T>(text: &str, offset: usize, s: &Spanned<T>) -> Position {
    Position::of_offset(text, offset + s.span().start)
}

/// The lint warnings of one interview.
#[allow(clippy::too_many_arguments)]
pub fn lint(
    config: &Config,
    source: &Path,
    text: &str,
    offset: usize,
    raw: &RawFrontMatter,
    body: &str,
    consensus: Option<&Chunk>,
    panelists: &[Panelist],
    verdict: Verdict,
) -> Vec<Diagnostic> {
    let mut out = placeholders(source, text);
    let body_norm = normalise(body);
    for name in raw.principles.get_ref() {
        let Some(p) = config.principle(name.get_ref()) else { continue };
        // "Have Backbone; Disagree and Commit" counts as named if either half is, and a
        // long name by its last three words ("Earth's Best Employer").
        let full = normalise(&p.name);
        let words: Vec<&str> = full.split_whitespace().collect();
        let tail = (words.len() >= 4).then(|| words[words.len() - 3..].join(" "));
        let named = std::iter::once(full.trim().to_string())
            .chain(tail)
            .chain(
                p.name
                    .split(';')
                    .filter(|part| part.split_whitespace().count() >= 2)
                    .map(|s| normalise(s).trim().to_string()),
            )
            .any(|part| body_norm.contains(&part));
        if !named {
            out.push(
                Diagnostic::warning(
                    source,
                    format!("principle {:?} is tagged but never named in the body", p.name),
                )
                .at(pos(text, offset, name))
                .with_hint(
                    "say in the roundtable or consensus how the answer bears on it, or remove the tag",
                ),
            );
        }
    }
    if let Some(c) = consensus {
        let words = format!(" {} ", normalise(&c.markdown));
        let has = |list: &[&'static str]| -> Option<&'static str> {
            list.iter().find(|p| words.contains(&format!(" {p} "))).copied()
        };
        let contradiction = if verdict.is_positive() {
            has(&AGAINST).filter(|_| has(&FOR).is_none())
        } else {
            has(&FOR).filter(|_| has(&AGAINST).is_none())
        };
        if let Some(phrase) = contradiction {
            out.push(
                Diagnostic::warning(
                    source,
                    format!("verdict {:?} but the consensus says {phrase:?}", verdict.key()),
                )
                .at(pos(text, offset, &raw.verdict))
                .with_hint(format!(
                    "make the verdict and the consensus agree (consensus at line {})",
                    c.line
                )),
            );
        }
    }
    out.extend(votes(source, text, offset, raw, panelists, verdict));
    for (p, raw_p) in panelists.iter().zip(raw.panelists.get_ref()) {
        if p.hire_reason.is_none() && p.concern.is_none() {
            out.push(
                Diagnostic::warning(
                    source,
                    format!("panelist {:?} states neither a reason to hire nor a concern", p.name),
                )
                .at(pos(text, offset, &raw_p.name))
                .with_hint("add hire_reason or concern: the hiring signals are what readers compare"),
            );
        }
    }
    out
}

/// The vote lint: a verdict against the votes (DESIGN §3), a hire-side vote
/// without a reason to hire, a no-hire-side vote without a concern.
fn votes(
    source: &Path,
    text: &str,
    offset: usize,
    raw: &RawFrontMatter,
    panelists: &[Panelist],
    verdict: Verdict,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(m) = super::median_x2(panelists.iter().filter_map(|p| p.vote)) {
        if super::against_votes(verdict, m) {
            let median = f64::from(m) / 2.0;
            let side = match m.signum() {
                1 => "on the hire side",
                -1 => "on the no-hire side",
                _ => "zero, between the sides",
            };
            out.push(
                Diagnostic::warning(
                    source,
                    format!("verdict {:?} is against the votes: their median is {median} ({side})", verdict.key()),
                )
                .at(pos(text, offset, &raw.verdict))
                .with_hint("check the verdict and each `vote`: the panel's call should follow its votes, or the consensus should say why not"),
            );
        }
    }
    for (p, raw_p) in panelists.iter().zip(raw.panelists.get_ref()) {
        let (Some(vote), Some(raw_vote)) = (p.vote, raw_p.vote.as_ref()) else { continue };
        let missing = if vote.is_positive() && p.hire_reason.is_none() {
            Some(("reason to hire", "add `hire_reason`: what made them vote to hire"))
        } else if !vote.is_positive() && p.concern.is_none() {
            Some(("concern", "add `concern`: what made them vote against hiring"))
        } else {
            None
        };
        if let Some((what, hint)) = missing {
            out.push(
                Diagnostic::warning(
                    source,
                    format!("panelist {:?} votes {:?} but states no {}", p.name, vote.key(), what),
                )
                .at(pos(text, offset, raw_vote))
                .with_hint(hint),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{normalise, placeholders};
    use crate::content::placeholder::{PANELIST_ROLE, TURN};

    #[test]
    fn every_placeholder_left_is_flagged_at_its_line() {
        let text = format!("+++\nrole = \"{PANELIST_ROLE}\"\n+++\n\n{TURN}\n");
        let ds = placeholders(std::path::Path::new("content/a/index.md"), &text);
        assert_eq!(ds.len(), 2);
        // In the order they occur in the file.
        assert_eq!((ds[0].line, ds[1].line), (Some(2), Some(5)));
        assert!(ds[0].message.contains("\"Their role on the panel\""), "{}", ds[0].message);
        assert!(placeholders(std::path::Path::new("x"), "Their own words.").is_empty());
    }

    #[test]
    fn normalises_punctuation_and_case() {
        assert_eq!(normalise("Have Backbone; Disagree-and-Commit!"), "have backbone disagree and commit ");
        assert_eq!(normalise("Don't hire"), "don t hire");
    }
}
