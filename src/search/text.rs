//! Text for the search index: rendered HTML to plain text, and plain text to index
//! words. `themes/default/static/search.js` splits a query the same way
//! (`words()` there); keep the two in step.

/// Longest word indexed, in characters; longer runs (URLs, hashes, unspaced
/// scripts) are skipped.
pub const MAX_WORD: usize = 32;

/// Words too common to be worth indexing in English. Sent to the browser in the
/// entry file so that queries drop them too.
pub const STOP_WORDS_EN: &[&str] = &[
    "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have", "he", "her",
    "his", "in", "is", "it", "its", "of", "on", "or", "she", "so", "that", "the", "their", "them", "then",
    "there", "they", "this", "to", "was", "we", "were", "with", "you", "your",
];

/// The stop words for a site language (`en`, `en-GB`, ...): English only for now.
pub fn stop_words(language: &str) -> Stop {
    if language.split(['-', '_']).next().is_some_and(|l| l.eq_ignore_ascii_case("en")) {
        Stop::English
    } else {
        Stop::None
    }
}

/// Which stop words apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// None: every word is indexed.
    None,
    /// [`STOP_WORDS_EN`].
    English,
}

impl Stop {
    /// The list, for the browser.
    pub fn list(self) -> &'static [&'static str] {
        match self {
            Stop::None => &[],
            Stop::English => STOP_WORDS_EN,
        }
    }

    /// True when `word` (lower case) is a stop word.
    pub fn contains(self, word: &str) -> bool {
        // A `match` on the word: far cheaper than scanning the list for every word.
        self == Stop::English
            && word.len() <= 5
            && matches!(
                word,
                "an" | "and"
                    | "are"
                    | "as"
                    | "at"
                    | "be"
                    | "but"
                    | "by"
                    | "for"
                    | "from"
                    | "had"
                    | "has"
                    | "have"
                    | "he"
                    | "her"
                    | "his"
                    | "in"
                    | "is"
                    | "it"
                    | "its"
                    | "of"
                    | "on"
                    | "or"
                    | "she"
                    | "so"
                    | "that"
                    | "the"
                    | "their"
                    | "them"
                    | "then"
                    | "there"
                    | "they"
                    | "this"
                    | "to"
                    | "was"
                    | "we"
                    | "were"
                    | "with"
                    | "you"
                    | "your"
            )
    }
}

/// Calls `f` with every index word of `text`, in order: runs of letters and
/// digits, lower-cased, Latin letters folded to ASCII (`é` → `e`, `ß` → `ss`),
/// at least two characters and at most [`MAX_WORD`] long, stop words left out.
pub fn for_each_word(text: &str, stop: Stop, mut f: impl FnMut(&str)) {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    for_each_folded_word(&folded, stop, |a, b| f(&folded[a..b]));
}

/// Appends `text` to `out` lower-cased, with Latin letters folded to ASCII.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        let start = out.len();
        out.push_str(text);
        out[start..].make_ascii_lowercase();
        return;
    }
    let mut one = [0u8; 4];
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if is_latin_extended(c) {
            for l in deunicode::deunicode(c.encode_utf8(&mut one)).chars() {
                out.extend(l.to_lowercase());
            }
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// Calls `f(start, end)` with the byte range of every index word of `folded`, text
/// already passed through [`fold_into`]: the words of [`for_each_word`].
pub fn for_each_folded_word(folded: &str, stop: Stop, mut f: impl FnMut(usize, usize)) {
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut chars = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b.is_ascii() {
                break;
            } else {
                // A non-ASCII character: `i` is on a character boundary.
                let c = folded[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                i += c.len_utf8();
            }
            chars += 1;
        }
        if i == start {
            // A separator: step over it.
            i += folded[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if (2..=MAX_WORD).contains(&chars) && !stop.contains(&folded[start..i]) {
            f(start, i);
        }
    }
}

/// Latin-1 Supplement letters, Latin Extended-A and -B, Latin Extended Additional:
/// the letters that fold to ASCII (the browser folds the same ranges).
pub fn is_latin_extended(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c != '\u{00D7}' && c != '\u{00F7}'
}

/// Plain text of rendered HTML: tags dropped (block tags become spaces), entities
/// decoded, whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    html_text_into(html, &mut out);
    collapse_whitespace(&out)
}

/// Appends the text of `html` to `out` as [`html_to_text`] does, but without
/// collapsing whitespace (enough for [`for_each_word`], and cheaper).
pub fn html_text_into(html: &str, out: &mut String) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(out, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            push_decoded(out, &rest[lt..]);
            rest = "";
            break;
        };
        if rest[lt..].starts_with("<!--") {
            // A comment (raw HTML passed through) is not text of the page.
            rest = rest[lt + 4..].find("-->").map_or("", |j| &rest[lt + 4 + j + 3..]);
            continue;
        }
        let raw = &rest[lt + 1..lt + gt];
        let tag = raw.trim_start_matches('/');
        let end = tag.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(tag.len());
        let name = &tag[..end];
        if is_block(name) {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
        if !raw.starts_with('/')
            && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style"))
        {
            // Code, not words: skip to the closing tag.
            let close = format!("</{}", name.to_ascii_lowercase());
            rest = find_ignore_case(rest, &close).map_or("", |j| &rest[j..]);
        }
    }
    push_decoded(out, rest);
}

/// Byte offset of the first ASCII-case-insensitive match of `needle` (lower case).
fn find_ignore_case(hay: &str, needle: &str) -> Option<usize> {
    hay.as_bytes().windows(needle.len()).position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `s` with every run of whitespace turned into one space, trimmed.
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn is_block(tag: &str) -> bool {
    const BLOCK: &[&str] = &[
        "p",
        "br",
        "li",
        "ul",
        "ol",
        "div",
        "blockquote",
        "pre",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "dd",
        "dt",
        "dl",
        "hr",
        "figure",
        "figcaption",
        "section",
        "img",
        "details",
        "summary",
    ];
    BLOCK.iter().any(|b| b.eq_ignore_ascii_case(tag))
}

fn push_decoded(out: &mut String, text: &str) {
    out.push_str(&crate::entities::decode(text));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, Stop::English, |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn html_to_text_strips_tags_and_decodes() {
        let html = "<p>Hello <em>big</em> world &amp; more</p><ul><li>one</li><li>two&#39;s</li></ul>x&y &#x2F; &bogus;";
        assert_eq!(html_to_text(html), "Hello big world & more one two's x&y / &bogus;");
        assert_eq!(html_to_text("a<br>b<span>c</span>"), "a bc");
        let code = "x <script>var secret = 1;</script> y<STYLE>p{}</STYLE> z <!-- note -->w";
        assert_eq!(html_to_text(code), "x y z w");
    }

    #[test]
    fn words_fold_and_skip() {
        assert_eq!(words("The Café's P99 latency, in 2026!"), ["cafe", "p99", "latency", "2026"]);
        assert_eq!(words("Straße Øresund ÆON naïve"), ["strasse", "oresund", "aeon", "naive"]);
        assert_eq!(words("x a I"), Vec::<String>::new());
        assert_eq!(words("Привет мир"), ["привет", "мир"]);
        assert!(words(&"a".repeat(40)).is_empty());
    }

    #[test]
    fn stop_words_by_language() {
        assert!(stop_words("en-GB").contains("the"));
        assert!(!stop_words("de").contains("the"));
        assert!(stop_words("de").list().is_empty());
        for w in STOP_WORDS_EN {
            assert!(Stop::English.contains(w), "{w}");
        }
        assert!(!Stop::English.contains("data"));
    }
}

/// A fast, non-cryptographic hasher (the `FxHash` of rustc) for the index's word
/// maps: hashing short words with SipHash was a tenth of the index time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

const FX_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(FX_K);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;
