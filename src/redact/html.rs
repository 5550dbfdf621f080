//! Rewriting the text of rendered HTML without touching its markup: text nodes,
//! comments and attribute values go through a function; tag and attribute names
//! stay as they are, so a name that happens to be a tag ("b", "em") cannot break
//! the page. Entities are decoded before the function sees the text (so
//! "S&#97;rah" is found as "Sarah") and a changed text is escaped again; text
//! the function leaves alone keeps its bytes.

use std::borrow::Cow;

use super::names::Form;

/// Attributes holding URLs or ids: names there are replaced in slug form.
const SLUG_ATTRIBUTES: [&str; 8] = ["href", "src", "id", "name", "for", "srcset", "action", "cite"];

/// `html` with `f` applied to every text node, comment and attribute value.
pub fn rewrite<'h>(html: &'h str, f: &dyn Fn(&str, Form) -> Cow<'_, str>) -> Cow<'h, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut changed = false;
    let mut push = |out: &mut String, from: usize, piece: Option<String>, to: usize, copied: &mut usize| {
        if let Some(p) = piece {
            out.push_str(&html[*copied..from]);
            out.push_str(&p);
            *copied = to;
            changed = true;
        }
    };
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut raw_text_until: Option<&str> = None;
    while i < html.len() {
        if let Some(close) = raw_text_until {
            // Script and style bodies are not HTML text: no entities to decode.
            let end = find_ci(html, i, close).unwrap_or(html.len());
            let piece = changed_raw(&html[i..end], f);
            push(&mut out, i, piece, end, &mut copied);
            raw_text_until = None;
            i = end;
            continue;
        }
        if bytes[i] == b'<' && html[i..].starts_with("<!--") {
            let end = html[i + 4..].find("-->").map_or(html.len(), |e| i + 4 + e);
            let piece = changed_raw(&html[i + 4..end], f).map(|t| t.replace("--", "- -"));
            push(&mut out, i + 4, piece, end, &mut copied);
            i = (end + 3).min(html.len());
            continue;
        }
        if bytes[i] == b'<' && html[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') {
            let (end, name) =
                tag(html, i, f, &mut |from, piece, to| push(&mut out, from, piece, to, &mut copied));
            if matches!(name.as_str(), "script" | "style") {
                raw_text_until = Some(if name == "script" { "</script" } else { "</style" });
            }
            i = end;
            continue;
        }
        // A text runs to the next `<` (a `<` that starts no tag is text too).
        let from = if bytes[i] == b'<' { i + 1 } else { i };
        let end = html[from..].find('<').map_or(html.len(), |e| from + e);
        let text = &html[i..end];
        let decoded = decode_entities(text);
        let replaced = f(&decoded, Form::Text);
        if replaced != decoded {
            let mut esc = String::with_capacity(replaced.len());
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut esc, &replaced);
            push(&mut out, i, Some(esc), end, &mut copied);
        }
        i = end;
    }
    if !changed {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

fn changed_raw(text: &str, f: &dyn Fn(&str, Form) -> Cow<'_, str>) -> Option<String> {
    match f(text, Form::Text) {
        Cow::Owned(s) if s != text => Some(s),
        _ => None,
    }
}

/// Reads the tag starting at `start` (`<name attr="value" ...>`), handing each
/// changed attribute value to `push` (value start, new text, value end).
/// Returns where the tag ends and its lower-case name (empty for a closing tag).
fn tag(
    html: &str,
    start: usize,
    f: &dyn Fn(&str, Form) -> Cow<'_, str>,
    push: &mut dyn FnMut(usize, Option<String>, usize),
) -> (usize, String) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let closing = bytes.get(i) == Some(&b'/');
    let name_start = if closing { i + 1 } else { i };
    i = name_start;
    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' && bytes[i] != b'/' {
        i += 1;
    }
    let name = if closing { String::new() } else { html[name_start..i].to_ascii_lowercase() };
    let mut attr = String::new();
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return (i + 1, name),
            b'"' | b'\'' => {
                let quote = bytes[i];
                let end = html[i + 1..].find(quote as char).map_or(html.len(), |e| i + 1 + e);
                let value = &html[i + 1..end];
                let form = if SLUG_ATTRIBUTES.contains(&attr.as_str()) { Form::Slug } else { Form::Text };
                let decoded = decode_entities(value);
                let replaced = f(&decoded, form);
                if replaced != decoded {
                    let mut esc = String::with_capacity(replaced.len());
                    let _ = pulldown_cmark_escape::escape_html(&mut esc, &replaced);
                    push(i + 1, Some(esc), end);
                }
                i = end + 1;
            }
            b'=' => i += 1,
            c if c.is_ascii_whitespace() || c == b'/' => i += 1,
            _ => {
                let s = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'>' | b'=') {
                    i += 1;
                }
                if s > 0 && bytes[s - 1] == b'=' {
                    // An unquoted value: no space may enter it.
                    let value = &html[s..i];
                    if let Cow::Owned(v) = f(value, Form::Slug) {
                        if v != value {
                            push(s, Some(v), i);
                        }
                    }
                } else {
                    attr = html[s..i].to_ascii_lowercase();
                }
            }
        }
    }
    (html.len(), name)
}

/// The first case-insensitive occurrence of ASCII `needle` at or after `from`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.len();
    (from..hay.len().saturating_sub(n - 1))
        .find(|&k| hay.as_bytes()[k..k + n].eq_ignore_ascii_case(needle.as_bytes()))
}

/// `text` with its character references decoded (see [`crate::entities`]).
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    crate::entities::decode(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper_sarah(text: &str, form: Form) -> Cow<'_, str> {
        let with = if form == Form::Slug { "brave-otter" } else { "Brave Otter" };
        if text.contains("Sarah") {
            Cow::Owned(text.replace("Sarah", with))
        } else {
            Cow::Borrowed(text)
        }
    }

    #[test]
    fn text_comments_and_attributes_are_rewritten_markup_is_not() {
        let html = "<p class=\"Sarah\">Hi S&#97;rah &amp; co</p><!-- Sarah --><img alt='Sarah' src=\"/Sarah.png\"><a href=x/Sarah>x</a>";
        assert_eq!(
            rewrite(html, &upper_sarah),
            "<p class=\"Brave Otter\">Hi Brave Otter &amp; co</p><!-- Brave Otter --><img alt='Brave Otter' src=\"/brave-otter.png\"><a href=x/brave-otter>x</a>"
        );
    }

    #[test]
    fn untouched_html_keeps_its_bytes() {
        let html = "<p>Nobody &#39;here&#39; &unknown;</p>";
        assert!(matches!(rewrite(html, &upper_sarah), Cow::Borrowed(_)));
    }

    #[test]
    fn script_bodies_are_raw_text() {
        let html = "<script>var who = \"Sarah\" && 1 < 2;</script><p>Sarah</p>";
        assert_eq!(
            rewrite(html, &upper_sarah),
            "<script>var who = \"Brave Otter\" && 1 < 2;</script><p>Brave Otter</p>"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode_entities("a&amp;b &#x53;&#97; &rsquo; &zz; &"), "a&b Sa ’ &zz; &");
    }
}
