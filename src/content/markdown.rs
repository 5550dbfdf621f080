//! Markdown to HTML with pulldown-cmark: tables, footnotes, strikethrough, task
//! lists, and an `id` on every heading that is unique across the whole page.

use std::collections::HashSet;

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
    /// Raw HTML is shown as text.
    Escape,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `markdown` to HTML, giving headings ids claimed from `anchors`.
pub fn to_html(markdown: &str, anchors: &mut Anchors, raw_html: RawHtml) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    events_to_html(events, anchors, raw_html, markdown.len())
}

/// Renders a whole document once and cuts the HTML into parts: part `k` holds the
/// events that start inside `parts[k]` (byte ranges of `markdown`); events outside
/// every part (the structural headings) are dropped. Parsing once lets footnotes
/// and link reference definitions work across parts.
pub fn to_html_parts(
    markdown: &str,
    parts: &[&[std::ops::Range<usize>]],
    anchors: &mut Anchors,
    raw_html: RawHtml,
) -> Vec<String> {
    let mut buckets: Vec<Vec<Event>> = vec![Vec::new(); parts.len()];
    let mut located: Vec<(usize, usize)> =
        parts.iter().enumerate().flat_map(|(k, ranges)| ranges.iter().map(move |r| (r.start, k))).collect();
    located.sort_unstable();
    let owner = |offset: usize| -> Option<usize> {
        let i = located.partition_point(|(start, _)| *start <= offset).checked_sub(1)?;
        let (_, k) = located[i];
        parts[k].iter().any(|r| r.contains(&offset)).then_some(k)
    };
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        if let Some(k) = owner(range.start) {
            buckets[k].push(event);
        }
    }
    buckets
        .into_iter()
        .map(|events| events_to_html(events, anchors, raw_html, markdown.len() / parts.len().max(1)))
        .collect()
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
        if raw_html == RawHtml::Escape {
            if let Event::Html(h) | Event::InlineHtml(h) = &events[i] {
                events[i] = Event::Text(h.clone());
            }
        }
        i += 1;
    }
    let mut out = String::with_capacity(size_hint * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Plain text of a Markdown snippet (for descriptions and summaries).
pub fn to_plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for e in Parser::new_ext(markdown, options()) {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn raw_html_escaped_when_asked() {
        let html = to_html("<script>x</script>\n", &mut Anchors::default(), RawHtml::Escape);
        assert!(!html.contains("<script>"), "{html}");
        let html = to_html("a <b>b</b>\n", &mut Anchors::default(), RawHtml::Pass);
        assert!(html.contains("<b>b</b>"));
    }

    #[test]
    fn parts_share_footnotes_and_drop_structure() {
        let md = "Intro[^a].\n\n## Roundtable\n\nTurn.\n\n[^a]: The note.\n";
        let parts: Vec<std::ops::Range<usize>> = vec![0..12, 27..33, 33..48];
        let slices: Vec<&[std::ops::Range<usize>]> = parts.iter().map(std::slice::from_ref).collect();
        let html = to_html_parts(md, &slices, &mut Anchors::default(), RawHtml::Pass);
        assert!(html[0].contains("footnote-reference"), "{html:?}");
        assert_eq!(html[1], "<p>Turn.</p>\n");
        assert!(html[2].contains("The note."), "{html:?}");
        assert!(!html.concat().contains("Roundtable"));
    }

    #[test]
    fn plain_text() {
        assert_eq!(to_plain_text("**Bold** and `code`\nnext"), "Bold and code next");
    }
}
