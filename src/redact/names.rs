//! Whole-word replacement of names in plain text.
//!
//! A word is a maximal run of Unicode letters, digits and combining marks; every
//! other character is a boundary. So "Sarah's", "Sarah," and "(Sarah)" all hold
//! the word "Sarah", while "Sarahs" or "Sarahville" do not. (Unicode's own word
//! segmentation, UAX #29, keeps "Sarah's" as one word, which would let a
//! possessive through; the names we replace are runs of letters.) Words match
//! case-insensitively: "SARAH" and "sarah" are the same name.
//!
//! A name of several words ("Sarah Chen") is replaced as one, when its words are
//! joined by spaces or hyphens; each word of two or more characters is also
//! replaced on its own ("Sarah", "Chen"). One-letter words (initials) are not:
//! they would replace every "a" of the text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use crate::slug::slugify;

/// How a replacement is written where it lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Prose: the replacement as given (URL-like runs get the slug form anyway).
    Text,
    /// A slug, id or URL: the replacement's slug ("brave-otter").
    Slug,
}

/// What one name is replaced by.
#[derive(Debug, Clone)]
struct Replacement {
    text: Arc<str>,
    slug: Arc<str>,
    /// Starts a sentence with a capital ("the candidate" → "The candidate").
    sentence_case: bool,
}

#[derive(Debug, Clone)]
struct Pattern {
    /// The name's words, lower case; the first is the map's key.
    words: Vec<String>,
    with: Replacement,
}

/// A set of names and what replaces each, matched in one pass over a text.
#[derive(Debug, Clone, Default)]
pub struct Replacer {
    /// By the lower-case first word: patterns, longest first.
    by_first: HashMap<String, Vec<Pattern>>,
}

/// The words of `text`, as byte ranges.
pub fn words(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Letters, digits and combining marks make words.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// The lower-case words of a name, as [`Replacer`] compares them.
pub fn name_words(name: &str) -> Vec<String> {
    words(name).into_iter().map(|r| name[r].to_lowercase()).collect()
}

impl Replacer {
    /// An empty replacer.
    pub fn new() -> Self {
        Replacer::default()
    }

    /// True when no name is registered.
    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// Replaces `name` (all its words, as one) by `with`; with `parts`, each of
    /// its words of two or more characters on its own too. A name or word
    /// registered before keeps its first replacement (callers add the names of
    /// an interview's own panel first).
    pub fn add(&mut self, name: &str, with: &str, parts: bool, sentence_case: bool) {
        let all = name_words(name);
        if all.is_empty() {
            return;
        }
        let with = Replacement { text: with.into(), slug: slugify(with).into(), sentence_case };
        self.insert(all.clone(), with.clone());
        if parts && all.len() > 1 {
            for w in &all {
                if w.chars().count() >= 2 {
                    self.insert(vec![w.clone()], with.clone());
                }
            }
        }
        if all.len() == 1 && all[0].chars().count() < 2 {
            // A one-letter name alone would replace every such letter: drop it.
            if let Some(list) = self.by_first.get_mut(&all[0]) {
                list.retain(|p| p.words.len() > 1);
            }
        }
    }

    fn insert(&mut self, words: Vec<String>, with: Replacement) {
        let list = self.by_first.entry(words[0].clone()).or_default();
        if list.iter().any(|p| p.words == words) {
            return;
        }
        list.push(Pattern { words, with });
        list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// `text` with every registered name replaced.
    pub fn replace<'t>(&self, text: &'t str, form: Form) -> Cow<'t, str> {
        replace(&[self], text, form)
    }

    /// The longest pattern matching at word `i`: its length in words and replacement.
    fn match_at<'s>(
        &'s self,
        text: &str,
        ws: &[std::ops::Range<usize>],
        lower: &[String],
        i: usize,
    ) -> Option<(usize, &'s Replacement)> {
        let list = self.by_first.get(&lower[i])?;
        list.iter().find_map(|p| {
            let n = p.words.len();
            if i + n > ws.len() {
                return None;
            }
            let same = (1..n)
                .all(|k| lower[i + k] == p.words[k] && joins(&text[ws[i + k - 1].end..ws[i + k].start]));
            same.then_some((n, &p.with))
        })
    }

    fn written<'r>(
        text: &str,
        span: std::ops::Range<usize>,
        with: &'r Replacement,
        form: Form,
    ) -> Cow<'r, str> {
        if form == Form::Slug || url_like(text, &span) {
            return Cow::Borrowed(&with.slug);
        }
        if with.sentence_case && starts_sentence(&text[..span.start]) {
            let mut chars = with.text.chars();
            let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            return Cow::Owned(first + chars.as_str());
        }
        Cow::Borrowed(&with.text)
    }
}

/// `text` with the names of every layer replaced, in one pass: at each word the
/// first layer with a match there wins (an interview's own panel before the
/// site's other panelists), and within a layer the longest name.
pub fn replace<'t>(layers: &[&Replacer], text: &'t str, form: Form) -> Cow<'t, str> {
    if layers.iter().all(|l| l.by_first.is_empty()) {
        return Cow::Borrowed(text);
    }
    let ws = words(text);
    let lower: Vec<String> = ws.iter().map(|r| text[r.clone()].to_lowercase()).collect();
    let mut out = String::new();
    let mut copied = 0;
    let mut changed = false;
    let mut i = 0;
    while i < ws.len() {
        let Some((n, with)) = layers.iter().find_map(|l| l.match_at(text, &ws, &lower, i)) else {
            i += 1;
            continue;
        };
        let span = ws[i].start..ws[i + n - 1].end;
        out.push_str(&text[copied..span.start]);
        out.push_str(&Replacer::written(text, span.clone(), with, form));
        copied = span.end;
        changed = true;
        i += n;
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Spaces or hyphens between the words of one name.
fn joins(between: &str) -> bool {
    !between.is_empty()
        && between.chars().count() <= 3
        && between.chars().all(|c| c.is_whitespace() || c == '-')
}

/// The match sits in a URL, an address or a path: a space there would break it.
fn url_like(text: &str, span: &std::ops::Range<usize>) -> bool {
    let before = text[..span.start].rsplit(char::is_whitespace).next().unwrap_or_default();
    let after = text[span.end..].split(char::is_whitespace).next().unwrap_or_default();
    let run = [before, after];
    run.iter().any(|s| s.contains("://") || s.contains('@') || s.contains('/') || s.contains('_'))
        || before.starts_with('#')
        || before.ends_with('-')
        || after.starts_with('-')
}

/// At the start of the text or right after the end of a sentence.
fn starts_sentence(before: &str) -> bool {
    let t = before.trim_end();
    t.is_empty() || (t.len() < before.len() && t.ends_with(['.', '!', '?', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replacer() -> Replacer {
        let mut r = Replacer::new();
        r.add("Sarah Chen", "Brave Otter", true, false);
        r.add("Jordan Lee", "the candidate", true, true);
        r
    }

    #[test]
    fn full_first_and_last_names_are_replaced_as_whole_words() {
        let r = replacer();
        assert_eq!(r.replace("Sarah Chen said so.", Form::Text), "Brave Otter said so.");
        assert_eq!(
            r.replace("Thanks, Sarah. Chen's point stands", Form::Text),
            "Thanks, Brave Otter. Brave Otter's point stands"
        );
        assert_eq!(r.replace("SARAH and sarah", Form::Text), "Brave Otter and Brave Otter");
        assert_eq!(r.replace("Sarahville and Chenery", Form::Text), "Sarahville and Chenery");
        assert_eq!(r.replace("Sarah-Chen", Form::Text), "Brave Otter");
    }

    #[test]
    fn a_replacement_starts_a_sentence_with_a_capital() {
        let r = replacer();
        assert_eq!(
            r.replace("Jordan paused. Jordan Lee then asked Lee.", Form::Text),
            "The candidate paused. The candidate then asked the candidate."
        );
    }

    #[test]
    fn urls_ids_and_addresses_get_the_slug() {
        let r = replacer();
        assert_eq!(r.replace("https://ex.com/in/sarah-chen", Form::Text), "https://ex.com/in/brave-otter");
        assert_eq!(r.replace("notes-on-sarah", Form::Slug), "notes-on-brave-otter");
        assert_eq!(r.replace("sarah.chen@example.com", Form::Text), "brave-otter.brave-otter@example.com");
    }

    #[test]
    fn unicode_words_and_untouched_texts() {
        let mut r = Replacer::new();
        r.add("José Núñez", "Calm Heron", true, false);
        assert_eq!(r.replace("¿José? NÚÑEZ!", Form::Text), "¿Calm Heron? Calm Heron!");
        assert!(matches!(r.replace("nobody here", Form::Text), Cow::Borrowed(_)));
    }

    #[test]
    fn the_first_replacement_of_a_word_wins_and_initials_are_kept() {
        let mut r = Replacer::new();
        r.add("Sarah Chen", "Brave Otter", true, false);
        r.add("Sarah Park", "Quiet Lynx", true, false);
        r.add("A", "Nobody", true, false);
        assert_eq!(
            r.replace("Sarah Park met Sarah, a friend", Form::Text),
            "Quiet Lynx met Brave Otter, a friend"
        );
    }
}
