//! The meaningful words of a short text (a concern, a reason to hire): what the
//! insights count across many panels. Computed once when an interview loads, so
//! that counting a principle's concerns is a tally, not a re-reading of each text.

/// The text's meaningful words, lowercased, each once, in order of appearance:
/// words of four characters or more that are not numbers or common English words.
pub fn meaningful(text: &str) -> Vec<String> {
    let mut seen: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'') {
        let word = word.trim_matches(|c| c == '-' || c == '\'');
        // Under four bytes is under four characters, lowercased too (only U+0130
        // lowercases to two characters, and it takes two bytes).
        if word.len() < 4 {
            continue;
        }
        let w = if word.is_ascii() { word.to_ascii_lowercase() } else { word.to_lowercase() };
        if w.chars().count() < 4
            || w.chars().all(|c| c.is_ascii_digit())
            || STOP_WORDS.binary_search(&w.as_str()).is_ok()
        {
            continue;
        }
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    seen
}

/// English words too common to say anything about a concern (sorted for binary search).
const STOP_WORDS: [&str; 116] = [
    "about",
    "above",
    "after",
    "again",
    "against",
    "also",
    "although",
    "among",
    "another",
    "anything",
    "around",
    "asked",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "candidate",
    "candidate's",
    "could",
    "didn't",
    "does",
    "doesn't",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "enough",
    "even",
    "every",
    "from",
    "further",
    "gave",
    "given",
    "have",
    "having",
    "here",
    "into",
    "itself",
    "just",
    "last",
    "less",
    "like",
    "made",
    "make",
    "many",
    "might",
    "more",
    "most",
    "much",
    "must",
    "need",
    "never",
    "none",
    "nothing",
    "once",
    "only",
    "other",
    "over",
    "own",
    "quite",
    "rather",
    "really",
    "said",
    "same",
    "says",
    "should",
    "show",
    "showed",
    "since",
    "some",
    "something",
    "stated",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "though",
    "through",
    "too",
    "under",
    "until",
    "very",
    "wasn't",
    "well",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "your",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        let mut sorted = STOP_WORDS;
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn each_meaningful_word_once() {
        assert_eq!(
            meaningful("No metrics for latency; Latency unclear, 2024 -- the candidate's 'rollback'."),
            vec!["metrics", "latency", "unclear", "rollback"]
        );
    }
}
