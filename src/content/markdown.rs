//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task
//! lists, and an `id` on every heading that is unique across the whole page.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::slug::slugify;

/// The ids already used on one page, so that every heading anchor is unique.
#[derive(Debug, Default)]
pub struct Anchors(HashSet<String>);

impl Anchors {
    /// A set that already holds the ids the page template uses itself.
    pub fn reserved(ids: &[&str]) -> Self {
        Anchors(ids.iter().map(|s| (*s).to_string()).collect())
    }

    /// Reserves an id the author wrote (`{#id}`), so that no made-up id takes it.
    pub fn reserve(&mut self, id: &str) {
        self.0.insert(id.to_string());
    }

    /// Claims an id derived from `text`: `text`, `text-1`, `text-2`, ...
    pub fn claim(&mut self, text: &str) -> String {
        let base = match slugify(text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        };
        let mut id = base.clone();
        let mut n = 1;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// How raw HTML in a body is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RawHtml {
    /// Authors are trusted: raw HTML passes through.
    Pass,
    /// `safe_html = true`: the rendered HTML is sanitised with ammonia.
    Sanitize,
}

/// True for URLs whose scheme runs code when followed: `javascript:`, `vbscript:`,
/// and `data:` other than images. Browsers ignore whitespace and control
/// characters inside a scheme, so those are dropped before looking.
pub fn is_unsafe_url(url: &str) -> bool {
    let squeezed: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
    let lower = squeezed.to_ascii_lowercase();
    let Some((scheme, rest)) = lower.split_once(':') else { return false };
    if scheme.contains(['/', '?', '#']) {
        return false;
    }
    match scheme {
        "javascript" | "vbscript" => true,
        "data" => !rest.starts_with("image/"),
        _ => false,
    }
}

/// A body rendered in parts, with the links it refused.
#[derive(Debug, Default)]
pub struct Parts {
    /// HTML of each part, in the order asked for.
    pub html: Vec<String>,
    /// `(byte offset in the Markdown, URL)` of each link or image with an unsafe scheme.
    pub unsafe_links: Vec<(usize, String)>,
}

fn sanitizer() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    // Keep what our own Markdown rendering produces: heading and footnote ids, classes.
    b.add_generic_attributes(["id", "class"]);
    b
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown` to HTML, giving headings ids claimed from `anchors`.
pub fn to_html(markdown: &str, anchors: &mut Anchors, raw_html: RawHtml) -> String {
    let whole = 0..markdown.len();
    to_html_parts(markdown, &[std::slice::from_ref(&whole)], anchors, raw_html).html.swap_remove(0)
}

/// Renders a whole document once and cuts the HTML into parts: part `k` holds the
/// events that start inside `parts[k]` (byte ranges of `markdown`); events outside
/// every part (the structural headings) are dropped. Parsing once lets footnotes
/// and link reference definitions work across parts, and footnotes are numbered
/// here, once for the document (each part is written separately). HTML comments
/// are dropped: hidden in the source, they are not published in the page either.
pub fn to_html_parts(
    markdown: &str,
    parts: &[&[std::ops::Range<usize>]],
    anchors: &mut Anchors,
    raw_html: RawHtml,
) -> Parts {
    let events = Parser::new_ext(markdown, options()).into_offset_iter();
    events_to_parts(markdown, events, parts, anchors, raw_html)
}

/// [`to_html_parts`] of a document already parsed: `events` are its events with
/// their byte ranges, as `Parser::into_offset_iter` gives them.
pub fn events_to_parts<'a>(
    markdown: &'a str,
    events: impl IntoIterator<Item = (Event<'a>, std::ops::Range<usize>)>,
    parts: &[&[std::ops::Range<usize>]],
    anchors: &mut Anchors,
    raw_html: RawHtml,
) -> Parts {
    let mut unsafe_links = Vec::new();
    let mut buckets: Vec<Vec<Event>> = vec![Vec::new(); parts.len()];
    let mut located: Vec<(usize, usize)> =
        parts.iter().enumerate().flat_map(|(k, ranges)| ranges.iter().map(move |r| (r.start, k))).collect();
    located.sort_unstable();
    let owner = |offset: usize| -> Option<usize> {
        let i = located.partition_point(|(start, _)| *start <= offset).checked_sub(1)?;
        let (_, k) = located[i];
        parts[k].iter().any(|r| r.contains(&offset)).then_some(k)
    };
    let mut footnotes: HashMap<String, usize> = HashMap::new();
    let mut number = |name: &str| {
        let next = footnotes.len() + 1;
        *footnotes.entry(name.to_string()).or_insert(next)
    };
    // An HTML block, gathered so that its comments can be cut out as a whole.
    let mut block: Option<(usize, String)> = None;
    for (event, range) in events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &event {
            if is_unsafe_url(dest_url) {
                unsafe_links.push((range.start, dest_url.to_string()));
            }
        }
        let mut at = range.start;
        let event = match event {
            Event::Start(Tag::HtmlBlock) => {
                block = Some((range.start, String::new()));
                continue;
            }
            Event::Html(t) if block.is_some() => {
                if let Some((_, text)) = block.as_mut() {
                    text.push_str(&t);
                }
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => {
                let Some((start, text)) = block.take() else { continue };
                let kept = without_comments(&text);
                if kept.trim().is_empty() {
                    continue;
                }
                if let Some(k) = owner(start) {
                    buckets[k].push(Event::Start(Tag::HtmlBlock));
                    buckets[k].push(Event::Html(kept.into()));
                }
                at = start;
                Event::End(TagEnd::HtmlBlock)
            }
            Event::InlineHtml(t) if t.trim_start().starts_with("<!--") => {
                let kept = without_comments(&t);
                if kept.is_empty() {
                    continue;
                }
                Event::InlineHtml(kept.into())
            }
            Event::FootnoteReference(name) => {
                let mut html = String::from("<sup class=\"footnote-reference\"><a href=\"#");
                let _ = pulldown_cmark_escape::escape_html(&mut html, &name);
                html.push_str(&format!("\">{}</a></sup>", number(&name)));
                Event::InlineHtml(html.into())
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                let mut html = String::from("\n<div class=\"footnote-definition\" id=\"");
                let _ = pulldown_cmark_escape::escape_html(&mut html, &name);
                html.push_str(&format!(
                    "\"><sup class=\"footnote-definition-label\">{}</sup>",
                    number(&name)
                ));
                Event::Html(html.into())
            }
            Event::End(TagEnd::FootnoteDefinition) => Event::Html("</div>\n".into()),
            e => e,
        };
        if let Some(k) = owner(at) {
            buckets[k].push(event);
        }
    }
    let html = buckets
        .into_iter()
        .map(|events| events_to_html(events, anchors, raw_html, markdown.len() / parts.len().max(1)))
        .collect();
    Parts { html, unsafe_links }
}

/// `html` with every `<!-- ... -->` cut out (an unclosed one runs to the end).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        rest = match rest[i + 4..].find("-->") {
            Some(j) => &rest[i + 4 + j + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

fn events_to_html<'a>(
    mut events: Vec<Event<'a>>,
    anchors: &mut Anchors,
    raw_html: RawHtml,
    size_hint: usize,
) -> String {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[i] {
            let mut text = String::new();
            for e in &events[i + 1..] {
                match e {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let new_id = anchors.claim(&text);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(new_id));
            }
        } else if let Event::Start(Tag::Heading { id: Some(given), .. }) = &events[i] {
            // An id written by the author ({#id}) is kept, and reserved.
            anchors.0.insert(given.to_string());
        }
        i += 1;
    }
    let events = autolink(events);
    let mut out = String::with_capacity(size_hint * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if raw_html == RawHtml::Sanitize {
        out = sanitizer().clean(&cap_nesting(&out, MAX_NESTING)).to_string();
    }
    out
}

/// Deepest element nesting kept for the sanitiser: html5ever's tree builder
/// looks through the open elements at every tag, so 50,000 nested `<div>`s took
/// minutes. No page needs more than a few dozen levels.
const MAX_NESTING: usize = 128;

/// `html` with every tag that would open an element deeper than `max` levels
/// (and its closing tag) dropped: one pass, before the sanitiser, which still
/// checks everything that is left.
fn cap_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ];
    let mut out = String::new();
    let (mut depth, mut kept_to, mut rest_at) = (0usize, 0usize, 0usize);
    while let Some(i) = html[rest_at..].find('<') {
        let lt = rest_at + i;
        let Some(len) = html[lt..].find('>') else { break };
        let gt = lt + len + 1;
        rest_at = gt;
        let tag = &html[lt + 1..gt - 1];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String =
            tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        if name.is_empty() || tag.ends_with('/') || VOID.iter().any(|v| v.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let too_deep = if closing {
            let deep = depth > max;
            depth = depth.saturating_sub(1);
            deep
        } else {
            depth += 1;
            depth > max
        };
        if too_deep {
            out.push_str(&html[kept_to..lt]);
            kept_to = gt;
        }
    }
    if kept_to == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[kept_to..]);
    std::borrow::Cow::Owned(out)
}

/// Turns bare `http(s)://` URLs in text into links, as GitHub and most editors
/// show them. pulldown-cmark links only `<https://…>`; finding URLs on the text
/// events (never on the raw Markdown) leaves code, existing links, raw HTML and
/// escaped text alone. `linkify` finds where a URL ends (trailing punctuation,
/// balanced parentheses).
fn autolink(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut finder = linkify::LinkFinder::new();
    finder.kinds(&[linkify::LinkKind::Url]);
    // Cheap test first: most text has no URL at all.
    let has_url = |t: &str| t.contains("://");
    if !events.iter().any(|e| matches!(e, Event::Text(t) if has_url(t))) {
        return events;
    }
    // pulldown-cmark splits text at would-be emphasis delimiters (`a_(b)` comes as
    // three events): join neighbouring text first, so a URL is seen whole.
    let mut joined: Vec<Event<'_>> = Vec::with_capacity(events.len());
    for event in events {
        match (joined.last_mut(), event) {
            (Some(Event::Text(prev)), Event::Text(next)) => *prev = CowStr::from(format!("{prev}{next}")),
            (_, event) => joined.push(event),
        }
    }
    let mut out = Vec::with_capacity(joined.len() + 8);
    let mut in_link = 0usize;
    for event in joined {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                in_link = in_link.saturating_sub(1)
            }
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push(event);
            continue;
        };
        if in_link > 0 || !has_url(text) {
            out.push(event);
            continue;
        }
        let text = text.to_string();
        let mut at = 0;
        for link in finder.links(&text) {
            let url = link.as_str();
            if !(url.starts_with("http://") || url.starts_with("https://")) {
                continue;
            }
            if link.start() > at {
                out.push(Event::Text(CowStr::from(text[at..link.start()].to_string())));
            }
            out.push(Event::Start(Tag::Link {
                link_type: pulldown_cmark::LinkType::Autolink,
                dest_url: CowStr::from(url.to_string()),
                title: CowStr::from(""),
                id: CowStr::from(""),
            }));
            out.push(Event::Text(CowStr::from(url.to_string())));
            out.push(Event::End(TagEnd::Link));
            at = link.end();
        }
        if at == 0 {
            out.push(Event::Text(CowStr::from(text)));
        } else if at < text.len() {
            out.push(Event::Text(CowStr::from(text[at..].to_string())));
        }
    }
    out
}

/// Plain text of a Markdown snippet (for excerpts, meta and Atom summaries),
/// taken from the event stream: what the page shows as text, with every block
/// (paragraph, list item, table cell, quote, heading, `<br>`) ending in a space;
/// raw HTML, comments and the contents of `<script>` and `<style>` left out.
pub fn to_plain_text(markdown: &str) -> String {
    plain(markdown, false, usize::MAX)
}

/// The start of [`to_plain_text`]: reading stops once more than `chars` characters
/// are out, so the first `chars` (and whether there are more) are its own. An
/// excerpt needs 200 of an introduction that may run to pages.
pub fn plain_text_start(markdown: &str, chars: usize) -> String {
    plain(markdown, false, chars)
}

/// Plain text of the first paragraph of a Markdown snippet (a consensus's lead,
/// for excerpts on question and calibration pages), as [`to_plain_text`] takes it.
pub fn lead_paragraph(markdown: &str) -> String {
    plain(markdown, true, usize::MAX)
}

fn plain(markdown: &str, first_paragraph: bool, limit: usize) -> String {
    let mut out = Squeezed::default();
    let mut in_paragraph = false;
    // Inside an inline <script> or <style>: its text is code, not prose.
    let mut hidden = false;
    for e in Parser::new_ext(markdown, options()) {
        if out.chars > limit {
            break;
        }
        let keep = !first_paragraph || in_paragraph;
        match e {
            Event::Start(Tag::Paragraph) => in_paragraph = true,
            Event::End(TagEnd::Paragraph) if first_paragraph && in_paragraph => break,
            Event::Text(t) | Event::Code(t) if keep && !hidden => out.push_str(&t),
            Event::InlineHtml(t) | Event::Html(t) => {
                let tag = t.trim_start().trim_start_matches('<');
                let closing = tag.starts_with('/');
                let name: String = tag
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if name == "script" || name == "style" {
                    hidden = !closing && !t.contains("</");
                } else if name == "br" {
                    out.space();
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::FootnoteReference(_) => out.space(),
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image,
            ) => {}
            Event::End(_) => out.space(),
            _ => {}
        }
    }
    // Kept for the whole run (a consensus's lead): no slack.
    out.text.shrink_to_fit();
    out.text
}

/// Text written piece by piece with every run of whitespace one space and none
/// at either end: what `split_whitespace` joined by spaces gives, without
/// gathering the pieces first.
#[derive(Default)]
struct Squeezed {
    text: String,
    /// Characters in `text`.
    chars: usize,
    /// Whitespace was met since the last word: a space before the next one.
    pending: bool,
}

impl Squeezed {
    fn push_str(&mut self, t: &str) {
        if !t.is_ascii() {
            return self.push_unicode(t);
        }
        // ASCII: the whitespace of `char::is_whitespace` is tab to carriage return
        // and the space, one byte each.
        let white = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if white(bytes[i]) {
                self.space();
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && !white(bytes[i]) {
                i += 1;
            }
            self.word(&t[start..i], i - start);
        }
    }

    fn push_unicode(&mut self, t: &str) {
        for (k, word) in t.split(char::is_whitespace).enumerate() {
            if k > 0 {
                self.space();
            }
            if !word.is_empty() {
                self.word(word, word.chars().count());
            }
        }
    }

    /// Writes a word of `chars` characters, after a space if whitespace came first.
    fn word(&mut self, word: &str, chars: usize) {
        if self.pending {
            self.text.push(' ');
            self.chars += 1;
            self.pending = false;
        }
        self.text.push_str(word);
        self.chars += chars;
    }

    fn space(&mut self) {
        if !self.text.is_empty() {
            self.pending = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_urls_become_links_but_not_in_code_or_links() {
        let html = |md: &str| to_html(md, &mut Anchors::default(), RawHtml::Pass);
        assert_eq!(
            html("See https://example.com/a_(b). Then stop."),
            "<p>See <a href=\"https://example.com/a_(b)\">https://example.com/a_(b)</a>. Then stop.</p>\n"
        );
        assert_eq!(html("`https://x.test/`"), "<p><code>https://x.test/</code></p>\n");
        assert_eq!(
            html("[site](https://x.test/) https://y.test"),
            "<p><a href=\"https://x.test/\">site</a> <a href=\"https://y.test\">https://y.test</a></p>\n"
        );
        assert_eq!(html("```\nhttps://x.test/\n```"), "<pre><code>https://x.test/\n</code></pre>\n");
        assert_eq!(html("ftp://x.test and mail@x.test"), "<p>ftp://x.test and mail@x.test</p>\n");
    }

    #[test]
    fn headings_get_unique_ids() {
        let mut a = Anchors::reserved(&["consensus"]);
        let html = to_html("# Consensus\n\n## Notes\n\n## Notes\n", &mut a, RawHtml::Pass);
        assert!(html.contains("<h1 id=\"consensus-1\">"), "{html}");
        assert!(html.contains("<h2 id=\"notes\">"), "{html}");
        assert!(html.contains("<h2 id=\"notes-1\">"), "{html}");
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let md = "|a|b|\n|-|-|\n|1|2|\n\n~~old~~ new[^n]\n\n[^n]: note\n";
        let html = to_html(md, &mut Anchors::default(), RawHtml::Pass);
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>old</del>"));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn raw_html_sanitised_when_asked() {
        let md = "<script>alert(1)</script>\n\n## Title\n\n<img src=x onerror=alert(1)> <b>bold</b>\n";
        let html = to_html(md, &mut Anchors::default(), RawHtml::Sanitize);
        assert!(!html.contains("<script") && !html.contains("onerror"), "{html}");
        assert!(html.contains("<b>bold</b>") && html.contains("id=\"title\""), "{html}");
        let html = to_html("a <b>b</b>\n", &mut Anchors::default(), RawHtml::Pass);
        assert!(html.contains("<b>b</b>"));
    }

    #[test]
    fn unsafe_urls() {
        for bad in
            ["javascript:alert(1)", " JavaScript:x", "java\tscript:x", "vbscript:x", "data:text/html,<b>"]
        {
            assert!(is_unsafe_url(bad), "{bad}");
        }
        for ok in [
            "https://x.org/a:b",
            "/kb/a/",
            "a/b:c",
            "#x",
            "mailto:a@b.c",
            "data:image/png;base64,AA",
            "?q=javascript:",
        ] {
            assert!(!is_unsafe_url(ok), "{ok}");
        }
        let md = "[a](javascript:alert(1)) and ![i](vbscript:x)\n";
        let whole = 0..md.len();
        let parts =
            to_html_parts(md, &[std::slice::from_ref(&whole)], &mut Anchors::default(), RawHtml::Pass);
        assert_eq!(parts.unsafe_links.len(), 2);
        assert_eq!(parts.unsafe_links[0], (0, "javascript:alert(1)".to_string()));
    }

    #[test]
    fn parts_share_footnotes_and_drop_structure() {
        let md = "Intro[^a].\n\n## Roundtable\n\nTurn.\n\n[^a]: The note.\n";
        let parts: Vec<std::ops::Range<usize>> = vec![0..12, 27..33, 33..48];
        let slices: Vec<&[std::ops::Range<usize>]> = parts.iter().map(std::slice::from_ref).collect();
        let html = to_html_parts(md, &slices, &mut Anchors::default(), RawHtml::Pass).html;
        assert!(html[0].contains("footnote-reference"), "{html:?}");
        assert_eq!(html[1], "<p>Turn.</p>\n");
        assert!(html[2].contains("The note."), "{html:?}");
        assert!(!html.concat().contains("Roundtable"));
    }

    #[test]
    fn lead_paragraph_is_the_first_one() {
        assert_eq!(lead_paragraph("## H\n\nFirst *one*\nwraps.\n\nSecond.\n"), "First one wraps.");
        assert_eq!(lead_paragraph(""), "");
    }

    #[test]
    fn comments_are_not_published_and_footnotes_count_across_parts() {
        let md = "A<!-- inline secret -->B\n\n<!--\n## hidden\nblock secret\n-->\n\nOne[^x].\n\nTwo[^y].\n\n[^x]: X.\n[^y]: Y.\n";
        let cut = md.find("Two").unwrap();
        let (a, b) = (0..cut, cut..md.len());
        let parts = [std::slice::from_ref(&a), std::slice::from_ref(&b)];
        let html = to_html_parts(md, &parts, &mut Anchors::default(), RawHtml::Pass).html.concat();
        assert!(!html.contains("secret") && !html.contains("hidden"), "{html}");
        assert!(html.contains("<a href=\"#y\">2</a>"), "the second section's footnote is 2: {html}");
    }

    #[test]
    fn plain_text_hides_code_and_separates_blocks() {
        let md = "- one\n- two\n\n|a|b|\n|-|-|\n|c|d|\n\n> quote\n\nline<br>next <script>alert(1)</script>\n\n<style>p{}</style>\n\n<!-- secret -->\n";
        assert_eq!(to_plain_text(md), "one two a b c d quote line next");
    }

    #[test]
    fn deep_nesting_is_capped_before_sanitising() {
        let deep = format!("{}x{}", "<div>".repeat(1000), "</div>".repeat(1000));
        let capped = cap_nesting(&deep, 3);
        assert_eq!(capped, "<div><div><div>x</div></div></div>");
        assert_eq!(cap_nesting("<p>a<br>b<img src=x></p>", 1), "<p>a<br>b<img src=x></p>");
        let html = to_html(&deep, &mut Anchors::default(), RawHtml::Sanitize);
        assert!(html.contains('x') && html.matches("<div>").count() <= MAX_NESTING, "{html:.200}");
    }

    #[test]
    fn plain_text_squeezes_whitespace_as_split_and_join_would() {
        let md = "  a\u{a0}\u{a0}b\t c  \n\n**d**  e\u{3000}\n\n- f\u{b}\u{c}\n- g  \n";
        let text = to_plain_text(md);
        assert_eq!(text, text.split_whitespace().collect::<Vec<_>>().join(" "));
        assert_eq!(text, "a b c d e f g");
        assert_eq!(plain_text_start(md, 4), "a b c");
        assert_eq!(plain_text_start(md, 100), text);
    }

    #[test]
    fn plain_text() {
        assert_eq!(to_plain_text("**Bold** and `code`\nnext"), "Bold and code next");
    }
}
