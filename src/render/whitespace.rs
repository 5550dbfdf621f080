//! Whitespace control for rendered HTML: every run of whitespace that holds a
//! line break becomes one `\n`. Templates stay indented for their readers while
//! the pages lose the indentation and the blank lines left by `{% if %}` and
//! `{% for %}` tags: a tenth of a page's bytes.
//!
//! A browser shows such a run as one space (or nothing, between blocks), so the
//! page looks the same. Left exactly as written: attribute values, comments,
//! `<!...>` declarations and CDATA sections, and the content of `<pre>`,
//! `<listing>`, `<textarea>`, `<script>`, `<style>`, `<xmp>` and `<plaintext>`,
//! where whitespace is shown or is code. (A theme that sets `white-space: pre`,
//! `pre-wrap` or `pre-line` on other elements would see its line breaks merged:
//! docs/theming.md says so.)

use memchr::{memchr, memchr2, memmem};

/// Elements whose whole content is text up to their end tag (raw text and
/// RCDATA elements): copied untouched, end tag included.
const RAW: [&[u8]; 5] = [b"script", b"style", b"textarea", b"xmp", b"plaintext"];

/// Elements whose content keeps its whitespace but holds markup (nestable).
const PRESERVE: [&[u8]; 2] = [b"pre", b"listing"];

/// `html` with every whitespace run that holds a `\n` collapsed to one `\n`,
/// outside the places listed in the module documentation.
pub fn collapse(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0; // everything before `i` is handled
    let mut preserve = 0usize; // depth of open <pre>/<listing> elements
    while i < b.len() {
        let Some(at) = (if preserve > 0 { memchr(b'<', &b[i..]) } else { memchr2(b'<', b'\n', &b[i..]) })
        else {
            out.extend_from_slice(&b[i..]);
            break;
        };
        let at = i + at;
        if b[at] == b'\n' {
            let mut start = at;
            while start > i && is_space(b[start - 1]) {
                start -= 1;
            }
            let mut end = at + 1;
            while end < b.len() && is_space(b[end]) {
                end += 1;
            }
            out.extend_from_slice(&b[i..start]);
            out.push(b'\n');
            i = end;
            continue;
        }
        out.extend_from_slice(&b[i..at]);
        let end = markup_end(b, at, &mut preserve);
        out.extend_from_slice(&b[at..end]);
        i = end;
    }
    // Only ASCII whitespace was removed, and only whole runs of it: still UTF-8.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// HTML's ASCII whitespace.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the markup starting with the `<` at `at` ends (exclusive), to be copied
/// as it is: a comment, a declaration, a tag, or a raw text element with its
/// content and end tag. A `<` that starts none of these is text: one byte.
/// Tracks the depth of `<pre>`-like elements in `preserve`.
fn markup_end(b: &[u8], at: usize, preserve: &mut usize) -> usize {
    let rest = &b[at..];
    if rest.starts_with(b"<!--") {
        return find_after(b, at + 4, b"-->");
    }
    if rest.starts_with(b"<![CDATA[") {
        return find_after(b, at + 9, b"]]>");
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        return memchr(b'>', &rest[2..]).map_or(b.len(), |p| at + 2 + p + 1);
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_at = at + 1 + usize::from(closing);
    let name_len = b[name_at..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
    if name_len == 0 || !b[name_at].is_ascii_alphabetic() {
        return at + 1;
    }
    let name = &b[name_at..name_at + name_len];
    let end = tag_end(b, name_at + name_len);
    let is = |set: &[&[u8]]| set.iter().any(|n| name.eq_ignore_ascii_case(n));
    if is(&PRESERVE) {
        if closing {
            *preserve = preserve.saturating_sub(1);
        } else {
            *preserve += 1;
        }
    } else if !closing && is(&RAW) && b[end - 1] == b'>' {
        return raw_end(b, end, name);
    }
    end
}

/// The end (exclusive) of a tag whose name ends at `from`: the first `>` outside
/// quoted attribute values, or the end of the input.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            q @ (b'"' | b'\'') if i > from && value_starts(b, from, i) => {
                i = memchr(q, &b[i + 1..]).map_or(b.len(), |p| i + 1 + p + 1);
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// Whether the quote at `q` opens an attribute value: the last byte before it,
/// past whitespace, is `=`.
fn value_starts(b: &[u8], from: usize, q: usize) -> bool {
    b[from..q].iter().rev().find(|c| !is_space(**c)) == Some(&b'=')
}

/// The end (exclusive) of a raw text element's end tag `</name`, searched from
/// `from` case-insensitively; the end of the input when there is none.
fn raw_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(p) = memmem::find(&b[i..], b"</") {
        let n = i + p + 2;
        let after = n + name.len();
        if b.len() >= after
            && b[n..after].eq_ignore_ascii_case(name)
            && b.get(after).is_none_or(|c| is_space(*c) || matches!(c, b'>' | b'/'))
        {
            return tag_end(b, after);
        }
        i = n;
    }
    b.len()
}

/// The position just past the first `pat` at or after `from`; the end of the
/// input when there is none (an unclosed comment runs to the end).
fn find_after(b: &[u8], from: usize, pat: &[u8]) -> usize {
    memmem::find(&b[from..], pat).map_or(b.len(), |p| from + p + pat.len())
}

#[cfg(test)]
mod tests {
    use super::collapse;

    #[test]
    fn indentation_and_blank_lines_become_one_newline() {
        let html = "<ul>\n  \n    <li>a</li>\n\n\t<li>b</li>  \r\n  </ul>\n";
        assert_eq!(collapse(html), "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
    }

    #[test]
    fn runs_without_a_newline_stay() {
        let html = "<p><a>x</a>  <b>y</b>\tz</p>";
        assert_eq!(collapse(html), html);
    }

    #[test]
    fn text_between_runs_is_kept() {
        assert_eq!(collapse("<p>one\n   two  \n three</p>"), "<p>one\ntwo\nthree</p>");
    }

    #[test]
    fn attribute_values_stay() {
        let html = "<div title=\"a\n\n   b\" data-x='c\n  d'>\n  <i>e</i></div>";
        assert_eq!(collapse(html), "<div title=\"a\n\n   b\" data-x='c\n  d'>\n<i>e</i></div>");
    }

    #[test]
    fn a_greater_than_sign_inside_a_value_does_not_end_the_tag() {
        let html = "<a title=\"x > y\n\n z\">\n  t</a>";
        assert_eq!(collapse(html), "<a title=\"x > y\n\n z\">\nt</a>");
    }

    #[test]
    fn tags_are_left_as_written() {
        // Whitespace between attributes is not text: nothing inside a tag changes.
        let html = "<a\n   href=\"/\"\n   class=\"x\">y</a>";
        assert_eq!(collapse(html), html);
    }

    #[test]
    fn comments_and_declarations_stay() {
        let html = "<!doctype html>\n\n<!-- a\n\n   b -->\n  <![CDATA[ c\n\n  d ]]>\n  <?x\n\n y?>";
        assert_eq!(
            collapse(html),
            "<!doctype html>\n<!-- a\n\n   b -->\n<![CDATA[ c\n\n  d ]]>\n<?x\n\n y?>"
        );
    }

    #[test]
    fn pre_keeps_its_whitespace_markup_and_all() {
        let html = "<div>\n  <pre class=\"c\"><code>fn main() {\n    <b>x</b>\n\n}</code></pre>\n  </div>";
        assert_eq!(
            collapse(html),
            "<div>\n<pre class=\"c\"><code>fn main() {\n    <b>x</b>\n\n}</code></pre>\n</div>"
        );
    }

    #[test]
    fn nested_pre_ends_with_the_outer_one() {
        let html = "<PRE>a\n  <pre>b\n  </pre>\n  c\n</Pre>\n  d";
        assert_eq!(collapse(html), "<PRE>a\n  <pre>b\n  </pre>\n  c\n</Pre>\nd");
    }

    #[test]
    fn raw_text_elements_stay_even_with_tags_inside() {
        let html = "<script>\n  if (a < b) {\n    x = '</p>\n\n';\n  }\n</script >\n  <style>\n a {\n\n }\n</STYLE>\n  \
                    <textarea name=t>\n\n  <pre>\n</textarea>\n  z";
        let want =
            "<script>\n  if (a < b) {\n    x = '</p>\n\n';\n  }\n</script >\n<style>\n a {\n\n }\n</STYLE>\n\
                    <textarea name=t>\n\n  <pre>\n</textarea>\nz";
        assert_eq!(collapse(html), want);
    }

    #[test]
    fn a_name_that_only_starts_like_a_raw_element_is_not_one() {
        // <scripts> is not <script>, and </scriptx> does not end a script.
        assert_eq!(collapse("<scripts>\n  a</scripts>"), "<scripts>\na</scripts>");
        let html = "<script>a</scriptx>\n\n b</script>";
        assert_eq!(collapse(html), html);
    }

    #[test]
    fn a_lone_less_than_sign_is_text() {
        assert_eq!(collapse("a < b\n\n  c <3\n  d"), "a < b\nc <3\nd");
    }

    #[test]
    fn unclosed_markup_runs_to_the_end() {
        for html in ["x\n <!-- a\n\n b", "x\n <pre>a\n\n b", "x\n <script>a\n\n b", "x\n <a title=\"a\n\n b"]
        {
            let want = html.replacen("x\n ", "x\n", 1);
            assert_eq!(collapse(html), want, "{html:?}");
        }
    }

    #[test]
    fn text_outside_ascii_is_kept() {
        assert_eq!(collapse("<p>Grüße —\n   ünd 日本</p>"), "<p>Grüße —\nünd 日本</p>");
    }

    #[test]
    fn collapsing_twice_changes_nothing() {
        let html = "<div>\n  <p>a\n\n b</p>\n  <pre> x\n\n </pre>\n</div>\n";
        let once = collapse(html);
        assert_eq!(collapse(&once), once);
    }
}
