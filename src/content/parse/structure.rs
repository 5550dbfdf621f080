//! The body's parts in an interview: each turn's speaker resolved to a declared
//! panelist, the shape checked (no roundtable, a repeated `## Consensus`, ...),
//! and the Markdown rendered once and cut into its parts.

use super::*;
use crate::content::body::RawTurn;

impl Parse<'_> {
    /// Resolves each turn's speaker to a declared panelist (counting their turns);
    /// returns `(speaker index, turn)` for the turns that resolved.
    pub(super) fn speakers<'s>(
        &mut self,
        structure: &'s Structure,
        panelists: &mut [Panelist],
    ) -> Vec<(usize, &'s RawTurn)> {
        let mut turns = Vec::with_capacity(structure.turns.len());
        for t in &structure.turns {
            // The first panelist whose name or slug is the speaker's. The name as
            // declared is the usual case, and its slug is then the panelist's own:
            // only a differently written name needs slugging (one per turn adds up).
            let found = match panelists.iter().position(|p| p.name == t.speaker) {
                Some(by_name) => {
                    let slug = &panelists[by_name].slug;
                    panelists[..by_name].iter().position(|p| &p.slug == slug).or(Some(by_name))
                }
                None => {
                    let speaker_slug = slugify(&t.speaker);
                    panelists.iter().position(|p| p.slug == speaker_slug)
                }
            };
            match found {
                Some(i) => {
                    panelists[i].turns += 1;
                    turns.push((i, t));
                }
                None => {
                    let declared: Vec<&str> = panelists.iter().map(|p| p.name.as_str()).collect();
                    self.diagnostics.push(
                        Diagnostic::error(
                            self.source,
                            format!("roundtable speaker {:?} is not a declared panelist", t.speaker),
                        )
                        .at(Position { line: t.line, column: t.column })
                        .with_hint(if declared.is_empty() {
                            "declare the speaker in a [[panelists]] table".to_string()
                        } else {
                            format!(
                                "declared panelists: {}; add a [[panelists]] table or fix the name",
                                declared.join(", ")
                            )
                        }),
                    );
                }
            }
        }
        turns
    }

    /// Problems of the body's shape: a repeated `## Roundtable` or `## Consensus`
    /// (an error: its text would silently go elsewhere), and warnings for no
    /// roundtable, no turns, no consensus, a panelist who never speaks.
    pub(super) fn structure_warnings(
        &mut self,
        structure: &Structure,
        panelists: &[Panelist],
        raw: &RawFrontMatter,
    ) {
        for (title, line) in &structure.repeated {
            self.diagnostics.push(
                Diagnostic::error(self.source, format!("a second `## {title}` heading"))
                    .at_line(*line)
                    .with_hint(format!(
                        "an interview has one `## {title}`: merge the two, or rename this one to start another section"
                    )),
            );
        }
        if structure.roundtable_line.is_none() {
            self.diagnostics.push(
                Diagnostic::warning(self.source, "no `## Roundtable` section")
                    .with_hint("add `## Roundtable` with one `### <panelist>` heading per turn"),
            );
        } else if structure.turns.is_empty() {
            self.diagnostics.push(
                Diagnostic::warning(self.source, "`## Roundtable` has no turns")
                    .at_line(structure.roundtable_line.unwrap_or(1))
                    .with_hint("start each turn with a `### <panelist name>` heading"),
            );
        }
        if structure.consensus.is_none() {
            self.diagnostics.push(
                Diagnostic::warning(self.source, "no `## Consensus` section")
                    .with_hint("add `## Consensus` with the panel's synthesis"),
            );
        }
        for (p, raw_p) in panelists.iter().zip(raw.panelists.get_ref()) {
            if p.turns == 0 && structure.roundtable_line.is_some() {
                let d = Diagnostic::warning(
                    self.source,
                    format!("panelist {:?} never speaks in the roundtable", p.name),
                )
                .at(self.pos(&raw_p.name))
                .with_hint(format!("add a `### {}` turn, or remove the panelist", p.name));
                self.diagnostics.push(d);
            }
        }
    }

    /// Renders the body as one document cut into its parts, from its `events`;
    /// `None` (with errors) when a link uses a scheme that runs code.
    pub(super) fn render_body<'b>(
        &mut self,
        split: &Split<'b>,
        events: Vec<(pulldown_cmark::Event<'b>, std::ops::Range<usize>)>,
        structure: &Structure,
        turns: &[(usize, &RawTurn)],
    ) -> Option<RenderedBody> {
        let raw_html = if self.config.safe_html { RawHtml::Sanitize } else { RawHtml::Pass };
        let mut anchors = Anchors::reserved(&RESERVED_ANCHORS);
        for n in 1..=turns.len() {
            anchors.claim(&format!("turn-{n}"));
        }
        // Ids the author wrote ({#id}) are reserved before any is made up.
        let given = [structure.roundtable_anchor.as_ref(), structure.consensus_anchor.as_ref()];
        let given = given.into_iter().flatten();
        let given = given.chain(turns.iter().filter_map(|(_, t)| t.anchor.as_ref()));
        for id in given.chain(structure.sections.iter().filter_map(|s| s.anchor.as_ref())) {
            anchors.reserve(id);
        }
        let mut parts: Vec<&[std::ops::Range<usize>]> =
            vec![&structure.intro.ranges, &structure.roundtable_preface.ranges];
        parts.extend(turns.iter().map(|(_, t)| t.body.ranges.as_slice()));
        parts.push(structure.consensus.as_ref().map_or(&[][..], |c| c.ranges.as_slice()));
        parts.extend(structure.sections.iter().map(|s| s.body.ranges.as_slice()));
        let rendered = markdown::events_to_parts(split.body, events, &parts, &mut anchors, raw_html);
        if !rendered.unsafe_links.is_empty() {
            let body_start = self.text.len() - split.body.len();
            for (offset, url) in rendered.unsafe_links {
                self.diagnostics.push(
                    Diagnostic::error(self.source, format!("link to {url:?} uses a scheme that runs code"))
                        .at(Position::of_offset(self.text, body_start + offset))
                        .with_hint("link to an http(s) URL or a page of the site instead"),
                );
            }
            return None;
        }
        // Rendered HTML is kept for the whole run (and the live server's): without the
        // slack a growing String leaves, a site's content takes a third less memory.
        let mut html = rendered.html.into_iter().map(|mut h| {
            h.shrink_to_fit();
            h
        });
        let mut intro_html = html.next().unwrap_or_default();
        intro_html.push_str(&html.next().unwrap_or_default());
        intro_html.shrink_to_fit();
        let mut turns: Vec<Turn> = turns
            .iter()
            .map(|(speaker, t)| Turn { speaker: *speaker, html: with_anchor(t.anchor.as_ref(), html.next()) })
            .collect();
        // The page's own headings keep their ids (the contents links use them); an
        // id written on them leads to the same place.
        let roundtable_anchor = structure.roundtable_anchor.as_ref();
        match turns.first_mut() {
            Some(t) => t.html = with_anchor(roundtable_anchor, Some(std::mem::take(&mut t.html))),
            None => intro_html.push_str(&with_anchor(roundtable_anchor, None)),
        }
        let consensus_html = with_anchor(structure.consensus_anchor.as_ref(), html.next());
        let sections = structure
            .sections
            .iter()
            .map(|s| Section {
                title: s.title.clone(),
                anchor: s.anchor.clone().unwrap_or_else(|| anchors.claim(&s.title)),
                html: html.next().unwrap_or_default(),
            })
            .collect();
        Some(RenderedBody { intro_html, turns, consensus_html, sections })
    }
}

/// The Markdown of each part (for `site export`).
pub(super) fn sources(structure: &Structure, turns: &[(usize, &RawTurn)]) -> crate::content::Sources {
    let mut intro = structure.intro.markdown.clone();
    intro.push_str(&structure.roundtable_preface.markdown);
    crate::content::Sources {
        intro,
        turns: turns.iter().map(|(_, t)| t.body.markdown.clone()).collect(),
        consensus: structure.consensus.as_ref().map(|c| c.markdown.clone()),
        sections: structure.sections.iter().map(|s| s.body.markdown.clone()).collect(),
    }
}

/// The body's parts as HTML.
pub(super) struct RenderedBody {
    pub(super) intro_html: String,
    pub(super) turns: Vec<Turn>,
    pub(super) consensus_html: String,
    pub(super) sections: Vec<Section>,
}

/// `html` led by an empty element carrying the id the author gave its heading.
fn with_anchor(id: Option<&String>, html: Option<String>) -> String {
    let html = html.unwrap_or_default();
    let Some(id) = id else { return html };
    let mut out = String::with_capacity(html.len() + id.len() + 20);
    out.push_str("<span id=\"");
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, id);
    out.push_str("\"></span>");
    out.push_str(&html);
    out
}
