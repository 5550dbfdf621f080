//! The body's structure: an introduction, the `## Roundtable` turns (one per
//! `### <speaker>` heading), the `## Consensus`, and any further `##` sections.
//! Works on lines so that every part keeps the line it starts on in the file.

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

impl Chunk {
    fn push(&mut self, line: &str, start: usize) {
        self.markdown.push_str(line);
        let end = start + line.len();
        match self.ranges.last_mut() {
            Some(r) if r.end == start => r.end = end,
            _ => self.ranges.push(start..end),
        }
    }
}

/// One roundtable turn before its speaker is resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawTurn {
    /// The speaker as written after `###`.
    pub speaker: String,
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
}

enum Part {
    Intro,
    Preface,
    Turn,
    Consensus,
    Section,
}

/// Cuts `body`, whose first line is line `first_line` of the file.
pub fn parse(body: &str, first_line: usize) -> Structure {
    let mut s = Structure { intro: Chunk { line: first_line, ..Chunk::default() }, ..Structure::default() };
    let mut part = Part::Intro;
    let mut fence: Option<(char, usize)> = None;
    let mut offset = 0;
    for (i, raw_line) in body.split_inclusive('\n').enumerate() {
        let line_no = first_line + i;
        let line_start = offset;
        offset += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        if let Some(f) = fence_marker(line) {
            match fence {
                None => fence = Some(f),
                Some((c, n)) if c == f.0 && f.1 >= n && is_closing_fence(line) => fence = None,
                _ => {}
            }
        } else if fence.is_none() {
            if let Some((level, text, column)) = atx_heading(line) {
                let next = Chunk { line: line_no + 1, ..Chunk::default() };
                if level == 2 {
                    let key = text.to_lowercase();
                    if key == "roundtable" || key == "expert roundtable" {
                        s.roundtable_line = Some(line_no);
                        s.roundtable_preface = next;
                        part = Part::Preface;
                    } else if key == "consensus" || key == "panel consensus" {
                        s.consensus = Some(next);
                        part = Part::Consensus;
                    } else {
                        s.sections.push(RawSection { title: text.to_string(), body: next });
                        part = Part::Section;
                    }
                    continue;
                }
                if level == 3 && matches!(part, Part::Preface | Part::Turn) {
                    s.turns.push(RawTurn { speaker: text.to_string(), line: line_no, column, body: next });
                    part = Part::Turn;
                    continue;
                }
            }
        }
        let target = match part {
            Part::Intro => &mut s.intro,
            Part::Preface => &mut s.roundtable_preface,
            Part::Turn => match s.turns.last_mut() {
                Some(t) => &mut t.body,
                None => &mut s.roundtable_preface,
            },
            Part::Consensus => match s.consensus.as_mut() {
                Some(c) => c,
                None => &mut s.intro,
            },
            Part::Section => match s.sections.last_mut() {
                Some(sec) => &mut sec.body,
                None => &mut s.intro,
            },
        };
        target.push(raw_line, line_start);
    }
    s
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

/// `(level, text, column of text)` for an ATX heading line (up to 3 spaces of indent).
fn atx_heading(line: &str) -> Option<(usize, &str, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.len() - rest.trim_start_matches('#').len();
    if level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !after.is_empty() && !after.starts_with([' ', '\t']) {
        return None;
    }
    let text = after.trim();
    // A closing sequence of #s preceded by a space is not part of the text.
    let text = match text.trim_end_matches('#') {
        t if t.len() < text.len() && (t.is_empty() || t.ends_with([' ', '\t'])) => t.trim_end(),
        _ => text,
    };
    let column = line[..line.len() - after.trim_start().len()].chars().count() + 1;
    Some((level, text, column))
}

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = trimmed.len() - trimmed.trim_start_matches(c).len();
    (n >= 3).then_some((c, n))
}

fn is_closing_fence(line: &str) -> bool {
    let t = line.trim();
    t.chars().all(|c| c == '`') || t.chars().all(|c| c == '~')
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
    fn atx_headings() {
        assert_eq!(atx_heading("## Roundtable"), Some((2, "Roundtable", 4)));
        assert_eq!(atx_heading("###   Ann  "), Some((3, "Ann", 7)));
        assert_eq!(atx_heading("##No"), None);
        assert_eq!(atx_heading("    ## code"), None);
        assert_eq!(atx_heading("## C# ##"), Some((2, "C#", 4)));
    }
}
