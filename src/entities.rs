//! HTML character references decoded, for every reader of our own HTML: the
//! search index's text, the redaction of rendered bodies, the link checker's
//! attribute values and the leak scans of the tests. One decoder, so that what
//! redaction scrubs and what the tests look for are the same characters.

use std::borrow::Cow;

/// `text` with its character references (`&amp;`, `&#83;`, `&#x53;`, `&rsquo;`, every
/// name HTML defines) decoded; an unknown name or a lone `&` stays as written.
pub fn decode(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    html_escape::decode_html_entities(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_named_and_unknown_references() {
        assert_eq!(decode("a&amp;b &#x53;&#97; &rsquo; &zz; & x&y"), "a&b Sa ’ &zz; & x&y");
        assert_eq!(decode("&lt;p&gt; &quot;q&quot; &#39;s &#x2F; &nbsp;"), "<p> \"q\" 's / \u{a0}");
    }

    #[test]
    fn decodes_once_not_twice() {
        assert_eq!(decode("&amp;lt;"), "&lt;");
    }

    #[test]
    fn text_without_references_is_borrowed() {
        assert!(matches!(decode("plain text"), Cow::Borrowed(_)));
    }
}
