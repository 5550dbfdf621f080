//! The passages of an interview, as a result's snippet shows them: the
//! introduction, every roundtable turn, the consensus, every hiring signal and the
//! further sections, each as plain text with the anchor it has on the interview
//! page and who said it. One file per interview (`search-index/text/<n>.json`),
//! fetched only for the results on screen, so a query downloads the passages of
//! ten interviews, not of the site.

use serde::Serialize;

use super::text;
use crate::content::Interview;

/// The output path of doc `n`'s passage file: the one place its layout is written
/// (the build writes it, the live server recognises it).
pub fn path(n: usize) -> String {
    format!("{}text/{n}.json", super::DIR)
}

/// What a passage is: the first field of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The introduction (no anchor: the top of the page).
    Intro,
    /// A roundtable turn (`turn-<n>`, 1-based), `who` is the speaker.
    Turn,
    /// The panel consensus (`consensus`).
    Consensus,
    /// A panelist's reason to hire (`signal-<panelist>`), `who` is the panelist.
    Hire,
    /// A panelist's main concern (`signal-<panelist>`), `who` is the panelist.
    Concern,
    /// A further `## Section` (its own anchor), `who` is the section's title.
    Section,
}

/// One passage: `[kind, anchor, who, text]` in the file.
#[derive(Debug, Serialize)]
pub struct Passage<'a>(pub Kind, pub String, pub &'a str, pub String);

/// The passages of `iv` in page order. Empty parts are left out; the text is the
/// rendered HTML's, whitespace collapsed.
pub fn passages(iv: &Interview) -> Vec<Passage<'_>> {
    let mut out = Vec::with_capacity(iv.turns.len() + 2 * iv.panelists.len() + 2);
    let intro = text::html_to_text(&iv.intro_html);
    if !intro.is_empty() {
        out.push(Passage(Kind::Intro, String::new(), "", intro));
    }
    for (k, t) in iv.turns.iter().enumerate() {
        let who = iv.panelists.get(t.speaker).map_or("", |p| p.name.as_str());
        let text = text::html_to_text(&t.html);
        if !text.is_empty() {
            out.push(Passage(Kind::Turn, format!("turn-{}", k + 1), who, text));
        }
    }
    let consensus = text::html_to_text(&iv.consensus_html);
    if !consensus.is_empty() {
        out.push(Passage(Kind::Consensus, "consensus".to_string(), "", consensus));
    }
    for p in &iv.panelists {
        for (kind, signal) in [(Kind::Hire, &p.hire_reason), (Kind::Concern, &p.concern)] {
            if let Some(s) = signal.as_deref().map(text::collapse_whitespace).filter(|s| !s.is_empty()) {
                out.push(Passage(kind, format!("signal-{}", p.slug), &p.name, s));
            }
        }
    }
    for s in &iv.sections {
        let text = text::html_to_text(&s.html);
        if !text.is_empty() {
            out.push(Passage(Kind::Section, s.anchor.clone(), &s.title, text));
        }
    }
    out
}

/// The file body of `text/<n>.json`: `{"v":1,"p":[[kind, anchor, who, text], …]}`.
pub fn json(passages: &[Passage<'_>]) -> Vec<u8> {
    #[derive(Serialize)]
    struct File<'a> {
        v: u32,
        p: &'a [Passage<'a>],
    }
    serde_json::to_vec(&File { v: 1, p: passages }).unwrap_or_default()
}
