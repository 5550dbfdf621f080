//! The body's structure: an introduction, the `## Roundtable` turns (one per
//! `### <speaker>` heading), the `## Consensus`, and any further `##` sections.
//! The headings are found in pulldown-cmark's event stream, so that what counts
//! as a heading is exactly what renders as one (setext headings too; nothing in
//! an HTML comment or a code block); every part keeps the line it starts on.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// A piece of Markdown and the 1-based file line it starts on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chunk {
    /// 1-based line in the file of the chunk's first line.
    pub line: usize,
    /// The Markdown text.
    pub markdown: String,
    /// Byte ranges of the body that make up this chunk (for rendering the body
    /// as one document, so footnotes and link references work across parts).
    pub ranges: Vec<std::ops::Range<usize>>,
}

/// One roundtable turn before its speaker is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTurn {
    /// The speaker as written after `###`.
    pub speaker: String,
    /// The `{#id}` written after the heading.
    pub anchor: Option<String>,
    /// 1-based file line of the `###` heading.
    pub line: usize,
    /// Column of the speaker name on that line.
    pub column: usize,
    /// The turn's text.
    pub body: Chunk,
}

/// A further `##` section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSection {
    /// The heading text.
    pub title: String,
    /// The `{#id}` written after the heading.
    pub anchor: Option<String>,
    /// The section's text (the heading's line is `body.line - 1`).
    pub body: Chunk,
}

/// The body cut into its parts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Structure {
    /// Everything before the first `##` heading.
    pub intro: Chunk,
    /// Line of `## Roundtable`, when present.
    pub roundtable_line: Option<usize>,
    /// Text between `## Roundtable` and its first `###` turn.
    pub roundtable_preface: Chunk,
    /// The turns in order.
    pub turns: Vec<RawTurn>,
    /// The consensus, when present.
    pub consensus: Option<Chunk>,
    /// Other `##` sections, in order.
    pub sections: Vec<RawSection>,
    /// The `{#id}`s of the `## Roundtable` and `## Consensus` headings.
    pub roundtable_anchor: Option<String>,
    /// See `roundtable_anchor`.
    pub consensus_anchor: Option<String>,
    /// A second `## Roundtable` or `## Consensus`: its text and line (an error).
    pub repeated: Vec<(String, usize)>,
}

/// A top-level `##` or `###` heading, as pulldown-cmark sees it.
struct Heading {
    level: HeadingLevel,
    /// Its text (inline markup dropped, `{#id}` attributes parsed off).
    text: String,
    /// The `{#id}` written after it.
    id: Option<String>,
    /// Byte offset of the heading's first line and of the line after it.
    start: usize,
    after: usize,
    /// Byte offset where its text starts.
    text_at: usize,
}

/// The top-level `##`/`###` headings of `body`, ATX and setext alike, found in
/// pulldown-cmark's event stream: a heading inside an HTML comment or block, a
/// code block, a list or a quote is no heading of the body.
fn headings(body: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<Heading> = None;
    for (event, range) in events {
        let range = range.clone();
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if depth == 0 => {
                depth += 1;
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    let level = *level;
                    let start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
                    let last = range.end.max(range.start + 1) - 1;
                    let after = body[last.min(body.len())..].find('\n').map_or(body.len(), |i| last + i + 1);
                    let id = id.as_ref().map(|i| i.to_string());
                    open =
                        Some(Heading { level, text: String::new(), id, start, after, text_at: range.start });
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(TagEnd::Heading(_)) if depth == 1 => {
                depth = 0;
                out.extend(open.take());
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            // Inline HTML is kept as written: a speaker is matched by the name as typed.
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                if let Some(h) = open.as_mut() {
                    if h.text.is_empty() {
                        h.text_at = range.start;
                    }
                    h.text.push_str(t);
                }
            }
            _ => {}
        }
    }
    for h in &mut out {
        h.text = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    out
}

/// The events of `body` with their byte ranges: what [`parse_events`] reads and
/// the rendering writes out, so that a body is parsed once.
pub fn events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(body, super::markdown::options()).into_offset_iter().collect()
}

/// Cuts `body`, whose first line is line `first_line` of the file.
pub fn parse(body: &str, first_line: usize) -> Structure {
    parse_events(body, first_line, &events(body))
}

/// Cuts `body` (whose first line is line `first_line` of the file) along the
/// headings among its `events` (from [`events`]).
pub fn parse_events(body: &str, first_line: usize, events: &[(Event<'_>, Range<usize>)]) -> Structure {
    // Offsets of the newlines, to find any offset's line in O(log n): a body
    // may hold thousands of turns.
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', body.as_bytes()).collect();
    let line_of = |offset: usize| first_line + newlines.partition_point(|&n| n < offset);
    let chunk = |from: usize, to: usize| Chunk {
        line: line_of(from),
        markdown: body[from..to].to_string(),
        ranges: if from < to { std::iter::once(from..to).collect() } else { Vec::new() },
    };
    let heads = headings(body, events);
    let mut s = Structure::default();
    // Where the text of the part opened by each heading ends: at the next cut.
    let mut in_roundtable = false;
    let mut cuts: Vec<(&Heading, Kind)> = Vec::new();
    for h in &heads {
        let kind = match h.level {
            HeadingLevel::H2 => match h.text.to_lowercase().as_str() {
                "roundtable" | "expert roundtable" => Kind::Roundtable,
                "consensus" | "panel consensus" => Kind::Consensus,
                _ => Kind::Section,
            },
            _ if in_roundtable => Kind::Turn,
            _ => continue,
        };
        if h.level == HeadingLevel::H2 {
            in_roundtable = kind == Kind::Roundtable;
        }
        cuts.push((h, kind));
    }
    let end_of = |i: usize| cuts.get(i + 1).map_or(body.len(), |(h, _)| h.start);
    s.intro = chunk(0, cuts.first().map_or(body.len(), |(h, _)| h.start));
    for (i, (h, kind)) in cuts.iter().enumerate() {
        let body_chunk = chunk(h.after.min(end_of(i)), end_of(i));
        let line = line_of(h.start);
        let repeated = match kind {
            Kind::Roundtable => s.roundtable_line.is_some(),
            Kind::Consensus => s.consensus.is_some(),
            _ => false,
        };
        if repeated {
            // Kept as a section so that no text is lost; the parser reports it.
            s.repeated.push((h.text.clone(), line));
            s.sections.push(RawSection { title: h.text.clone(), anchor: h.id.clone(), body: body_chunk });
            continue;
        }
        match kind {
            Kind::Roundtable => {
                s.roundtable_line = Some(line);
                s.roundtable_anchor = h.id.clone();
                s.roundtable_preface = body_chunk;
            }
            Kind::Consensus => {
                s.consensus_anchor = h.id.clone();
                s.consensus = Some(body_chunk);
            }
            Kind::Section => {
                s.sections.push(RawSection { title: h.text.clone(), anchor: h.id.clone(), body: body_chunk })
            }
            Kind::Turn => {
                let line_start = body[..h.text_at].rfind('\n').map_or(0, |i| i + 1);
                let column = body[line_start..h.text_at].chars().count() + 1;
                s.turns.push(RawTurn {
                    speaker: h.text.clone(),
                    anchor: h.id.clone(),
                    line: line_of(h.text_at),
                    column,
                    body: body_chunk,
                });
            }
        }
    }
    s
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Roundtable,
    Consensus,
    Section,
    Turn,
}

/// The first heading that would cut `markdown` were it written as one part of a
/// body: `(level, 1-based line)` of a `##` (which ends an introduction, a
/// consensus or a section) or, with `turn`, of a `###` too (which starts another
/// turn). Found by [`parse`] itself, so it agrees with the build; `site import`
/// uses it to name the record field whose text would change the body's shape.
pub fn first_cut(markdown: &str, turn: bool) -> Option<(usize, usize)> {
    let s = parse(markdown, 1);
    let level_two = [
        s.roundtable_line,
        s.consensus.as_ref().map(|c| c.line.saturating_sub(1)),
        s.sections.first().map(|x| x.body.line.saturating_sub(1)),
    ]
    .into_iter()
    .flatten()
    .min();
    if let Some(line) = level_two {
        return Some((2, line.max(1)));
    }
    if turn {
        // Written after a turn's heading, the text starts on line 3.
        let wrapped = parse(&format!("## Roundtable\n### Speaker\n{markdown}"), 1);
        if let Some(t) = wrapped.turns.get(1) {
            return Some((3, t.line.saturating_sub(2).max(1)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "Intro text.\n\n## Roundtable\n\n### Ann Lee\nFirst.\n\n```\n## not a heading\n```\n### Bo\nSecond.\n\n## Consensus\nAgreed.\n\n## Notes ##\nMore.\n";

    #[test]
    fn cuts_into_parts_with_lines() {
        let s = parse(BODY, 5);
        assert_eq!(s.intro.markdown, "Intro text.\n\n");
        assert_eq!(s.intro.line, 5);
        assert_eq!(s.intro.ranges, vec![0..13]);
        assert_eq!(&BODY[s.turns[1].body.ranges[0].clone()], "Second.\n\n");
        assert_eq!(s.roundtable_line, Some(7));
        assert_eq!(s.turns.len(), 2);
        assert_eq!(s.turns[0].speaker, "Ann Lee");
        assert_eq!(s.turns[0].line, 9);
        assert_eq!(s.turns[0].column, 5);
        assert!(s.turns[0].body.markdown.contains("## not a heading"));
        assert_eq!(s.turns[1].speaker, "Bo");
        assert_eq!(s.consensus.as_ref().unwrap().markdown, "Agreed.\n\n");
        assert_eq!(s.consensus.as_ref().unwrap().line, 19);
        assert_eq!(s.sections[0].title, "Notes");
        assert_eq!(s.sections[0].body.markdown, "More.\n");
    }

    #[test]
    fn level_three_outside_roundtable_stays_in_text() {
        let s = parse("## Consensus\n### Detail\nx\n", 1);
        assert!(s.turns.is_empty());
        assert_eq!(s.consensus.unwrap().markdown, "### Detail\nx\n");
    }

    #[test]
    fn the_first_cut_of_a_text_is_found_by_the_parser() {
        let turn = "Text\n```\n## fenced\n```\n### Three\n#no\n";
        assert_eq!(first_cut(turn, true), Some((3, 5)));
        assert_eq!(first_cut(turn, false), None, "a ### ends no introduction or section");
        assert_eq!(first_cut("One\n\n## Two\nthree\n", false), Some((2, 3)));
        assert_eq!(first_cut("## Consensus\nx\n", true), Some((2, 1)));
        assert_eq!(first_cut("#### deep\n", true), None);
    }

    #[test]
    fn comments_setext_and_attributes_are_read_as_commonmark_does() {
        let body = "Intro.\n<!--\n## Consensus\nsecret\n-->\n\nRoundtable\n----------\n\n### Ann {#ann}\nHi.\n\n## Consensus {#end}\nDone.\n\n## Notes {#n}\nMore.\n";
        let s = parse(body, 1);
        assert!(s.intro.markdown.contains("secret"), "the comment stays in the intro (hidden when rendered)");
        assert_eq!(s.roundtable_line, Some(7), "a setext heading is a heading");
        assert_eq!((s.turns[0].speaker.as_str(), s.turns[0].anchor.as_deref()), ("Ann", Some("ann")));
        assert_eq!(s.turns[0].line, 10);
        assert_eq!(s.consensus.as_ref().unwrap().markdown, "Done.\n\n");
        assert_eq!(s.consensus_anchor.as_deref(), Some("end"));
        assert_eq!((s.sections[0].title.as_str(), s.sections[0].anchor.as_deref()), ("Notes", Some("n")));
    }

    #[test]
    fn a_second_consensus_is_reported_not_merged() {
        let s = parse("## Consensus\nOne.\n\n## Consensus\nTwo.\n", 3);
        assert_eq!(s.consensus.unwrap().markdown, "One.\n\n");
        assert_eq!(s.repeated, vec![("Consensus".to_string(), 6)]);
    }
}
