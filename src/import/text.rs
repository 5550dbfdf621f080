//! Reading the plain-text form of a panel-review page (as in `shared/seed/`): the
//! title, the principle, the panel (each name, then role), the turns (the name,
//! then the name and role run together, then the turn), "Panel Consensus", and
//! "Hiring Signals from the Loop" with "Reason to Hire" and "Concern" per
//! panelist. What the page lacks (date, role, level, verdict) comes from flags.
//!
//! Every non-blank line is one paragraph; the markers are matched ignoring case.

use std::path::Path;

use super::record::{escape_plain, Record, RecordPanelist, RecordTurn};
use super::Incoming;
use crate::diagnostic::Diagnostic;

/// What the plain-text page does not hold, from `--date`, `--role`, `--level`
/// and `--verdict`.
#[derive(Debug, Clone, Default)]
pub struct TextDefaults {
    /// `"YYYY-MM-DD"`.
    pub date: String,
    /// The candidate's role.
    pub role: String,
    /// The candidate's level.
    pub level: Option<String>,
    /// The verdict key.
    pub verdict: String,
}

const WATCH: &str = "watch the full interview";
const ROUNDTABLE: &str = "expert roundtable";
const DISCUSSING: &str = "discussing:";
const CONSENSUS: &str = "panel consensus";
const SIGNALS: &str = "hiring signals from the loop";
const REASON: &str = "reason to hire";
const CONCERN: &str = "concern";

/// The page's non-blank lines, trimmed, with their 1-based line numbers, read
/// front to back.
struct Lines<'t> {
    lines: Vec<(usize, &'t str)>,
    at: usize,
}

impl<'t> Lines<'t> {
    fn peek(&self) -> Option<(usize, &'t str)> {
        self.lines.get(self.at).copied()
    }

    fn peek2(&self) -> Option<&'t str> {
        self.lines.get(self.at + 1).map(|l| l.1)
    }

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let l = self.peek()?;
        self.at += 1;
        Some(l)
    }

    fn is(&self, marker: &str) -> bool {
        self.peek().is_some_and(|(_, l)| l.eq_ignore_ascii_case(marker))
    }

    fn is_any(&self, markers: &[&str]) -> bool {
        markers.iter().any(|m| self.is(m))
    }

    /// The line number where the page ended, for "missing" errors.
    fn last_line(&self) -> usize {
        self.lines.last().map_or(1, |l| l.0)
    }
}

/// Reads one page into a record; every problem of the page is returned together.
pub fn read_text(file: &Path, text: &str, defaults: &TextDefaults) -> Result<Incoming, Vec<Diagnostic>> {
    let lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty());
    let mut page = Page { file, lines: Lines { lines: lines.collect(), at: 0 }, ds: Vec::new() };
    let incoming = page.read(defaults);
    match incoming {
        Some(i) if !page.ds.iter().any(Diagnostic::is_error) => {
            let mut i = i;
            i.warnings = page.ds;
            Ok(i)
        }
        _ => Err(page.ds),
    }
}

struct Page<'a, 't> {
    file: &'a Path,
    lines: Lines<'t>,
    ds: Vec<Diagnostic>,
}

impl<'t> Page<'_, 't> {
    fn error(&mut self, line: usize, message: String, hint: &str) {
        self.ds.push(Diagnostic::error(self.file, message).at_line(line).with_hint(hint));
    }

    fn read(&mut self, defaults: &TextDefaults) -> Option<Incoming> {
        let mut record = Record {
            date: defaults.date.clone(),
            role: defaults.role.clone(),
            level: defaults.level.clone(),
            verdict: defaults.verdict.clone(),
            ..Record::default()
        };
        let mut incoming = Incoming::new(self.file, 1, 1, Record::default());
        if self.lines.is(WATCH) {
            self.lines.next();
        }
        let (line, title) = self.lines.next().or_else(|| {
            self.error(1, "the file is empty".into(), "give the text of one panel-review page");
            None
        })?;
        record.title = title.to_string();
        incoming.field_lines.insert("title".into(), line);
        self.principles(&mut record, &mut incoming)?;
        let expected = self.panel(&mut record, &mut incoming);
        self.turns(&mut record, &mut incoming);
        self.consensus(&mut record, &mut incoming);
        self.signals(&mut record, &mut incoming);
        if let Some((line, n)) = expected.filter(|(_, n)| *n != record.panelists.len()) {
            self.ds.push(
                Diagnostic::warning(
                    self.file,
                    format!("the page says {n} experts, but its panel lists {}", record.panelists.len()),
                )
                .at_line(line)
                .with_hint("check that every panelist is listed as a name, then a role"),
            );
        }
        incoming.record = record;
        Some(incoming)
    }

    /// The principles: every line between the title and "Expert Roundtable".
    fn principles(&mut self, record: &mut Record, incoming: &mut Incoming) -> Option<()> {
        while !self.lines.is(ROUNDTABLE) {
            let Some((line, name)) = self.lines.next() else {
                let last = self.lines.last_line();
                self.error(
                    last,
                    "no \"Expert Roundtable\" line: this is not the text of a panel-review page".into(),
                    "the page reads: title, principle, \"Expert Roundtable\", the panel, the turns, \"Panel Consensus\", \"Hiring Signals from the Loop\"",
                );
                return None;
            };
            incoming.field_lines.entry("principles".into()).or_insert(line);
            record.principles.push(name.to_string());
        }
        if record.principles.is_empty() {
            let line = self.lines.peek().map_or(1, |l| l.0);
            self.error(
                line,
                "no principle between the title and \"Expert Roundtable\"".into(),
                "write the principle on the line after the title",
            );
        }
        self.lines.next();
        Some(())
    }

    /// The panel: a name (repeated, as under an avatar) then a role, until
    /// "Discussing:" or the first turn. Returns the count the page announces.
    fn panel(&mut self, record: &mut Record, incoming: &mut Incoming) -> Option<(usize, usize)> {
        let mut expected = None;
        if let Some((line, l)) = self.lines.peek() {
            if let Some(n) = l.to_lowercase().strip_suffix("discuss this interview") {
                expected = n.split_whitespace().next().and_then(|n| n.parse().ok()).map(|n| (line, n));
                self.lines.next();
            }
        }
        while let Some((line, name)) = self.lines.peek() {
            if self.lines.is_any(&[DISCUSSING, CONSENSUS, SIGNALS]) || self.at_turn(record) {
                break;
            }
            self.lines.next();
            if self.lines.peek().is_some_and(|(_, l)| l == name) {
                self.lines.next();
            }
            let role = match self.lines.peek() {
                Some((_, role)) if !self.lines.is_any(&[DISCUSSING, CONSENSUS, SIGNALS]) => {
                    self.lines.next();
                    role
                }
                _ => {
                    self.error(
                        line,
                        format!("panelist {name:?} has no role on the next line"),
                        "list each panelist as their name, then their role",
                    );
                    ""
                }
            };
            incoming.field_lines.insert(format!("panelists[{}].name", record.panelists.len()), line);
            record.panelists.push(RecordPanelist {
                name: name.to_string(),
                role: role.to_string(),
                ..RecordPanelist::default()
            });
        }
        if record.panelists.is_empty() {
            let line = self.lines.peek().map_or(self.lines.last_line(), |l| l.0);
            self.error(
                line,
                "no panel after \"Expert Roundtable\"".into(),
                "list each panelist as their name, then their role",
            );
        }
        if self.lines.is(DISCUSSING) {
            self.lines.next();
            // The topic line ("Panel review of ... response") says nothing the page does not.
            if !self.at_turn(record) && !self.lines.is_any(&[CONSENSUS, SIGNALS]) {
                self.lines.next();
            }
        }
        expected
    }

    /// True at a turn's header: a name, then the name and role run together.
    fn at_turn(&self, record: &Record) -> bool {
        let (Some((_, name)), Some(next)) = (self.lines.peek(), self.lines.peek2()) else { return false };
        let Some(rest) = next.strip_prefix(name).map(str::trim).filter(|r| !r.is_empty()) else {
            return false;
        };
        match record.panelists.iter().find(|p| p.name == name) {
            Some(p) => rest == p.role || p.role.is_empty(),
            // Someone not on the panel: a short name line, not a sentence.
            None => name.split_whitespace().count() <= 5 && !name.ends_with(['.', '!', '?', ':']),
        }
    }

    fn turns(&mut self, record: &mut Record, incoming: &mut Incoming) {
        while self.lines.peek().is_some() && !self.lines.is_any(&[CONSENSUS, SIGNALS]) {
            if self.at_turn(record) {
                let (line, name) = self.lines.next().unwrap_or_default();
                self.lines.next();
                let k = record.turns.len();
                incoming.field_lines.insert(format!("turns[{k}].speaker"), line);
                if let Some((text_line, _)) = self.lines.peek() {
                    incoming.field_lines.insert(format!("turns[{k}].text"), text_line);
                }
                record.turns.push(RecordTurn { speaker: name.to_string(), text: String::new() });
                continue;
            }
            let (line, paragraph) = self.lines.next().unwrap_or_default();
            match record.turns.last_mut() {
                Some(turn) => push_paragraph(&mut turn.text, paragraph),
                None => self.error(
                    line,
                    "text before the first turn".into(),
                    "start each turn with the speaker's name, then their name and role run together",
                ),
            }
        }
    }

    fn consensus(&mut self, record: &mut Record, incoming: &mut Incoming) {
        if !self.lines.is(CONSENSUS) {
            return;
        }
        self.lines.next();
        let mut text = String::new();
        while self.lines.peek().is_some() && !self.lines.is(SIGNALS) {
            let (line, paragraph) = self.lines.next().unwrap_or_default();
            incoming.field_lines.entry("consensus".into()).or_insert(line);
            push_paragraph(&mut text, paragraph);
        }
        record.consensus = Some(text);
    }

    /// Each panelist's "Reason to Hire" and "Concern" ("None stated" is none).
    fn signals(&mut self, record: &mut Record, incoming: &mut Incoming) {
        if !self.lines.is(SIGNALS) {
            if let Some((line, l)) = self.lines.peek() {
                self.error(
                    line,
                    format!("unexpected {l:?}"),
                    "the page ends with \"Panel Consensus\" and \"Hiring Signals from the Loop\"",
                );
            }
            return;
        }
        self.lines.next();
        while let Some((line, name)) = self.lines.next() {
            let Some(k) = record.panelists.iter().position(|p| p.name == name) else {
                self.error(
                    line,
                    format!("hiring signals for {name:?}, who is not on the panel"),
                    "name a panelist listed under \"Expert Roundtable\"",
                );
                return;
            };
            while self.lines.peek().is_some() && !self.lines.is_any(&[REASON, CONCERN]) {
                self.lines.next(); // the repeated name and the role
            }
            for (marker, key) in [(REASON, "hire_reason"), (CONCERN, "concern")] {
                if !self.lines.is(marker) {
                    continue;
                }
                self.lines.next();
                let mut text = String::new();
                while let Some((l, paragraph)) = self.lines.peek() {
                    let next_panelist = record.panelists.iter().any(|p| p.name == paragraph);
                    if next_panelist || self.lines.is_any(&[REASON, CONCERN]) {
                        break;
                    }
                    incoming.field_lines.entry(format!("panelists[{k}].{key}")).or_insert(l);
                    self.lines.next();
                    push_paragraph(&mut text, paragraph);
                }
                let stated =
                    !text.is_empty() && !text.trim_end_matches('.').eq_ignore_ascii_case("none stated");
                let value = stated.then_some(text);
                match key {
                    "hire_reason" => record.panelists[k].hire_reason = value,
                    _ => record.panelists[k].concern = value,
                }
            }
        }
    }
}

fn push_paragraph(text: &mut String, paragraph: &str) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(&escape_plain(paragraph));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> TextDefaults {
        TextDefaults { date: "2026-02-03".into(), role: "SDE".into(), level: None, verdict: "hire".into() }
    }

    const PAGE: &str = "Watch the Full Interview\n\nA Title\n\nOwnership\n\nExpert Roundtable\n\n2 experts discuss this interview\n\n\
        Ana Lima\n\nAna Lima\n\nEngineering Manager\n\nBo Chen\n\nBo Chen\n\nStaff Engineer\n\nDiscussing:\n\nPanel review of Ownership response\n\n\
        Ana Lima\nAna LimaEngineering Manager\n\nFirst point.\n\nSecond paragraph.\n\nBo Chen\nBo ChenStaff Engineer\n\n# Not a heading.\n\n\
        Panel Consensus\n\nThey agree.\n\nHiring Signals from the Loop\n\nAna Lima\n\nAna Lima\n\nEngineering Manager\n\nReason to Hire\n\nOwned it.\n\n\
        Concern\n\nNone stated\n\nBo Chen\n\nBo Chen\n\nStaff Engineer\n\nReason to Hire\n\nNone stated\n\nConcern\n\nScope.";

    #[test]
    fn a_page_becomes_a_record_with_the_flags_values() {
        let i = read_text(Path::new("p.txt"), PAGE, &defaults()).unwrap_or_else(|ds| panic!("{ds:?}"));
        let r = &i.record;
        assert_eq!(r.title, "A Title");
        assert_eq!(r.principles, vec!["Ownership".to_string()]);
        assert_eq!((r.date.as_str(), r.role.as_str(), r.verdict.as_str()), ("2026-02-03", "SDE", "hire"));
        let panel: Vec<(&str, &str)> =
            r.panelists.iter().map(|p| (p.name.as_str(), p.role.as_str())).collect();
        assert_eq!(panel, vec![("Ana Lima", "Engineering Manager"), ("Bo Chen", "Staff Engineer")]);
        assert_eq!(r.turns.len(), 2);
        assert_eq!(r.turns[0].text, "First point.\n\nSecond paragraph.");
        assert_eq!(r.turns[1].text, "\\# Not a heading.");
        assert_eq!(r.consensus.as_deref(), Some("They agree."));
        assert_eq!(r.panelists[0].hire_reason.as_deref(), Some("Owned it."));
        assert_eq!(r.panelists[0].concern, None);
        assert_eq!(r.panelists[1].hire_reason, None);
        assert_eq!(r.panelists[1].concern.as_deref(), Some("Scope."));
        assert_eq!(i.field_lines["turns[1].speaker"], 34);
        assert!(i.warnings.is_empty(), "{:?}", i.warnings);
    }

    #[test]
    fn a_text_that_is_not_a_page_says_so() {
        let ds = read_text(Path::new("p.txt"), "Just some notes.\nMore notes.\n", &defaults()).unwrap_err();
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.contains("no \"Expert Roundtable\" line"), "{}", ds[0].message);
        assert_eq!(ds[0].line, Some(2));
        let ds = read_text(Path::new("p.txt"), "", &defaults()).unwrap_err();
        assert!(ds[0].message.contains("empty"));
    }

    #[test]
    fn signals_for_someone_off_the_panel_are_an_error_at_their_line() {
        let page = PAGE.replace(
            "Hiring Signals from the Loop\n\nAna Lima",
            "Hiring Signals from the Loop\n\nZed Unknown",
        );
        let ds = read_text(Path::new("p.txt"), &page, &defaults()).unwrap_err();
        assert!(ds.iter().any(|d| d.message.contains("\"Zed Unknown\", who is not on the panel")), "{ds:?}");
    }
}
