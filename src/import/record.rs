//! The record: one interview as data (DESIGN §6, "Import and export formats"),
//! the shape `site import` reads and `site export` writes, and the `index.md` a
//! record becomes, written as a person would write it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One interview as data: the front-matter fields of DESIGN §3 (same names, same
/// rules; `date` as `"YYYY-MM-DD"`), plus the body's parts as Markdown.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Roundtable interview record",
    description = "One interview as `site import` reads it and `site export` writes it (docs/data.md)."
)]
pub struct Record {
    /// The page title. Required.
    pub title: String,
    /// The interview date, "YYYY-MM-DD". Required.
    #[schemars(extend("format" = "date"))]
    pub date: String,
    /// Principle names from the site's catalogue, at least one. Required.
    #[schemars(extend("minItems" = 1))]
    pub principles: Vec<String>,
    /// The candidate's role. Required.
    pub role: String,
    /// The candidate's level, e.g. "L6".
    #[serde(default)]
    pub level: Option<String>,
    /// The company.
    #[serde(default)]
    pub company: Option<String>,
    /// The panel's verdict. Required.
    #[schemars(schema_with = "verdict_schema")]
    pub verdict: String,
    /// An http(s) link to the recording.
    #[serde(default)]
    #[schemars(extend("format" = "uri"))]
    pub video: Option<String>,
    /// One sentence for cards, feeds and the page description.
    #[serde(default)]
    pub summary: Option<String>,
    /// The URL slug, which also names the folder; default: the title, slugified.
    #[serde(default)]
    pub slug: Option<String>,
    /// true: published only with --drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<bool>,
    /// Free-form labels.
    #[serde(default)]
    pub tags: Vec<String>,
    /// The question asked.
    #[serde(default)]
    pub question: Option<String>,
    /// Who was interviewed.
    #[serde(default)]
    pub candidate: Option<String>,
    /// The panel, at least one. Required.
    #[schemars(extend("minItems" = 1))]
    pub panelists: Vec<RecordPanelist>,
    /// The introduction (Markdown).
    #[serde(default)]
    pub intro: Option<String>,
    /// The roundtable, turn by turn.
    #[serde(default)]
    pub turns: Vec<RecordTurn>,
    /// The panel's consensus (Markdown).
    #[serde(default)]
    pub consensus: Option<String>,
    /// Further sections after the consensus, in order.
    #[serde(default)]
    pub sections: Vec<RecordSection>,
    /// The interview's page (absolute). Written by `site export`; ignored by
    /// `site import`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "uri"))]
    pub url: Option<String>,
}

/// One panelist of a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Panelist")]
pub struct RecordPanelist {
    /// Their name. Required.
    pub name: String,
    /// Their role. Required.
    pub role: String,
    /// Their reason to hire; null when none was stated.
    #[serde(default)]
    pub hire_reason: Option<String>,
    /// Their concern; null when none was stated.
    #[serde(default)]
    pub concern: Option<String>,
    /// Their own call, one of the six verdicts.
    #[serde(default)]
    #[schemars(schema_with = "optional_verdict_schema")]
    pub vote: Option<String>,
}

/// One roundtable turn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Turn")]
pub struct RecordTurn {
    /// A declared panelist's name. Required.
    pub speaker: String,
    /// What they said (Markdown). Required.
    pub text: String,
}

/// One further section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Section")]
pub struct RecordSection {
    /// Its `##` heading. Required.
    pub heading: String,
    /// Its text (Markdown). Required.
    pub text: String,
}

fn verdict_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let keys: Vec<&str> = crate::content::Verdict::ALL.iter().map(|v| v.key()).collect();
    schemars::json_schema!({ "type": "string", "enum": keys })
}

fn optional_verdict_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let mut keys: Vec<serde_json::Value> =
        crate::content::Verdict::ALL.iter().map(|v| serde_json::Value::from(v.key())).collect();
    keys.push(serde_json::Value::Null);
    schemars::json_schema!({ "type": ["string", "null"], "enum": keys })
}

/// The JSON Schema of a record (draft-07).
pub fn schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<Record>()
}

/// An `index.md` written from a record, with the record field each line came
/// from (so that a problem the parser finds at a line is named by its field).
#[derive(Debug, Clone, Default)]
pub struct Written {
    /// The file's text.
    pub text: String,
    /// `(1-based first line, field)`, in line order: the field runs to the next entry.
    pub fields: Vec<(usize, String)>,
    /// Newlines written so far.
    newlines: usize,
}

impl Written {
    /// The field written at `line` (1-based), if any.
    pub fn field_at(&self, line: usize) -> Option<&str> {
        let i = self.fields.partition_point(|(l, _)| *l <= line);
        i.checked_sub(1).map(|i| self.fields[i].1.as_str())
    }

    /// Starts `field` at the current line and writes `text` (a newline added).
    fn put(&mut self, field: impl Into<String>, text: &str) {
        self.fields.push((self.newlines + 1, field.into()));
        self.text.push_str(text);
        self.text.push('\n');
        self.newlines += text.matches('\n').count() + 1;
    }

    fn blank(&mut self) {
        self.text.push('\n');
        self.newlines += 1;
    }

    /// Writes a Markdown part: blank lines around it trimmed, its own kept.
    fn markdown(&mut self, field: impl Into<String>, markdown: &str) {
        let md = trim_blank_lines(markdown);
        if !md.is_empty() {
            self.put(field, md);
        }
    }
}

/// `markdown` without the blank lines before its first line and the whitespace
/// after its last (indentation of the first line is kept: it may be code).
pub fn trim_blank_lines(markdown: &str) -> &str {
    let mut start = 0;
    for line in markdown.split_inclusive('\n') {
        if line.trim().is_empty() {
            start += line.len();
        } else {
            break;
        }
    }
    markdown[start..].trim_end()
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| toml_string(s)).collect::<Vec<_>>().join(", "))
}

impl Record {
    /// The `index.md` of this record: front matter in the documented order, then
    /// the introduction, `## Roundtable` with a `### <speaker>` per turn,
    /// `## Consensus` and the further sections. `date` must already be valid
    /// (it is written bare, as a TOML date).
    pub fn to_index_md(&self) -> Written {
        let mut w = Written::default();
        w.put("title", "+++");
        w.put("title", &format!("title = {}", toml_string(&self.title)));
        w.put("date", &format!("date = {}", self.date.trim()));
        w.put("principles", &format!("principles = {}", toml_list(&self.principles)));
        w.put("role", &format!("role = {}", toml_string(&self.role)));
        let optional = [("level", &self.level), ("company", &self.company)];
        for (key, value) in optional {
            if let Some(v) = value {
                w.put(key, &format!("{key} = {}", toml_string(v)));
            }
        }
        w.put("verdict", &format!("verdict = {}", toml_string(&self.verdict)));
        for (key, value) in [("video", &self.video), ("summary", &self.summary)] {
            if let Some(v) = value {
                w.put(key, &format!("{key} = {}", toml_string(v)));
            }
        }
        if self.draft == Some(true) {
            w.put("draft", "draft = true");
        }
        if !self.tags.is_empty() {
            w.put("tags", &format!("tags = {}", toml_list(&self.tags)));
        }
        for (key, value) in [("question", &self.question), ("candidate", &self.candidate)] {
            if let Some(v) = value {
                w.put(key, &format!("{key} = {}", toml_string(v)));
            }
        }
        self.write_panel(&mut w);
        w.put("panelists", "+++");
        self.write_body(&mut w);
        w
    }

    fn write_panel(&self, w: &mut Written) {
        for (k, p) in self.panelists.iter().enumerate() {
            let field = |name: &str| format!("panelists[{k}].{name}");
            w.blank();
            w.put(field("name"), "[[panelists]]");
            w.put(field("name"), &format!("name = {}", toml_string(&p.name)));
            w.put(field("role"), &format!("role = {}", toml_string(&p.role)));
            for (key, value) in [("hire_reason", &p.hire_reason), ("concern", &p.concern), ("vote", &p.vote)]
            {
                if let Some(v) = value {
                    w.put(field(key), &format!("{key} = {}", toml_string(v)));
                }
            }
        }
    }

    fn write_body(&self, w: &mut Written) {
        if let Some(intro) = self.intro.as_deref().filter(|t| !t.trim().is_empty()) {
            w.blank();
            w.markdown("intro", intro);
        }
        if !self.turns.is_empty() {
            w.blank();
            w.put("turns", "## Roundtable");
            for (k, t) in self.turns.iter().enumerate() {
                w.blank();
                w.put(format!("turns[{k}].speaker"), &format!("### {}", t.speaker.trim()));
                w.markdown(format!("turns[{k}].text"), &t.text);
            }
        }
        if let Some(consensus) = &self.consensus {
            w.blank();
            w.put("consensus", "## Consensus");
            if !consensus.trim().is_empty() {
                w.blank();
                w.markdown("consensus", consensus);
            }
        }
        for (k, s) in self.sections.iter().enumerate() {
            w.blank();
            w.put(format!("sections[{k}].heading"), &format!("## {}", s.heading.trim()));
            if !s.text.trim().is_empty() {
                w.blank();
                w.markdown(format!("sections[{k}].text"), &s.text);
            }
        }
    }

    /// Problems of the record that the parser of `index.md` cannot see, because
    /// writing the file would change them: a date that is not one, and Markdown
    /// holding a heading that would cut its part (a `##` ending the introduction
    /// or a section, a `###` starting a turn). `(field, message, hint)`.
    pub fn problems(&self) -> Vec<(String, String, String)> {
        let mut out = Vec::new();
        if parse_date(&self.date).is_none() {
            out.push((
                "date".to_string(),
                format!("{:?} is not a date", self.date),
                "write the date as \"YYYY-MM-DD\", e.g. \"2026-03-14\"".to_string(),
            ));
        }
        let mut cut = |field: String, text: &str, turn: bool, part: &str| {
            if let Some((level, line)) = crate::content::first_cut(text, turn) {
                out.push((
                    field,
                    format!("line {line} of the text is a level-{level} heading, which would end the {part}"),
                    format!("use a heading of level {} or deeper, or bold text", if turn { 4 } else { 3 }),
                ));
            }
        };
        if let Some(intro) = &self.intro {
            cut("intro".into(), intro, false, "introduction");
        }
        for (k, t) in self.turns.iter().enumerate() {
            cut(format!("turns[{k}].text"), &t.text, true, "turn");
        }
        if let Some(c) = &self.consensus {
            cut("consensus".into(), c, false, "consensus");
        }
        for (k, s) in self.sections.iter().enumerate() {
            cut(format!("sections[{k}].text"), &s.text, false, "section");
        }
        for (k, t) in self.turns.iter().enumerate() {
            if t.speaker.trim().is_empty() || t.speaker.contains('\n') {
                out.push((
                    format!("turns[{k}].speaker"),
                    format!("speaker {:?} is not a name on one line", t.speaker),
                    "name a declared panelist".to_string(),
                ));
            }
        }
        for (k, s) in self.sections.iter().enumerate() {
            let key = s.heading.trim().to_lowercase();
            if key.is_empty() || s.heading.contains('\n') {
                out.push((
                    format!("sections[{k}].heading"),
                    format!("heading {:?} is not a title on one line", s.heading),
                    "give the section a one-line heading".to_string(),
                ));
            } else if matches!(
                key.as_str(),
                "roundtable" | "expert roundtable" | "consensus" | "panel consensus"
            ) {
                out.push((
                    format!("sections[{k}].heading"),
                    format!("heading {:?} is reserved for the roundtable or the consensus", s.heading),
                    "put the text in `turns` or `consensus`, or rename the section".to_string(),
                ));
            }
        }
        out
    }
}

/// A `"YYYY-MM-DD"` date.
pub fn parse_date(s: &str) -> Option<time::Date> {
    let mut parts = s.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some() || !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// A paragraph of plain text (a turn, the consensus, a signal of the plain-text
/// page) made safe as Markdown, escaping only what Markdown would read: inline
/// code, emphasis and raw HTML markers, and a start that would open a heading,
/// quote, list or fence.
pub fn escape_plain(paragraph: &str) -> String {
    let mut out = String::with_capacity(paragraph.len() + 8);
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        let html =
            c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?'));
        if matches!(c, '\\' | '`' | '*') || html {
            out.push('\\');
        }
        out.push(c);
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits < 10 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    } else if out.starts_with(['#', '>', '-', '+', '~']) {
        out.insert(0, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            title: "A \"quoted\" title".into(),
            date: "2026-03-14".into(),
            principles: vec!["Dive Deep".into()],
            role: "Product Manager".into(),
            level: Some("L6".into()),
            verdict: "no-hire".into(),
            panelists: vec![RecordPanelist {
                name: "Ana Lima".into(),
                role: "EM".into(),
                concern: Some("Shallow.".into()),
                ..RecordPanelist::default()
            }],
            intro: Some("\n\nThe question.\n\n".into()),
            turns: vec![RecordTurn {
                speaker: "Ana Lima".into(),
                text: "First.\n\nSecond paragraph.".into(),
            }],
            consensus: Some("Agreed.".into()),
            sections: vec![RecordSection { heading: "Notes".into(), text: "More.".into() }],
            ..Record::default()
        }
    }

    #[test]
    fn an_index_md_reads_as_written_by_hand() {
        let w = record().to_index_md();
        assert_eq!(
            w.text,
            "+++\ntitle = 'A \"quoted\" title'\ndate = 2026-03-14\nprinciples = [\"Dive Deep\"]\nrole = \"Product Manager\"\n\
             level = \"L6\"\nverdict = \"no-hire\"\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\nconcern = \"Shallow.\"\n+++\n\n\
             The question.\n\n## Roundtable\n\n### Ana Lima\nFirst.\n\nSecond paragraph.\n\n## Consensus\n\nAgreed.\n\n## Notes\n\nMore.\n"
        );
        assert_eq!(w.field_at(3), Some("date"));
        assert_eq!(w.field_at(12), Some("panelists[0].concern"));
        assert_eq!(w.field_at(19), Some("turns[0].speaker"));
        assert_eq!(w.field_at(22), Some("turns[0].text"));
        assert_eq!(w.field_at(999), Some("sections[0].text"));
    }

    #[test]
    fn headings_that_would_cut_a_part_and_bad_dates_are_problems() {
        let mut r = record();
        r.date = "14/03/2026".into();
        r.turns[0].text = "Fine.\n### Not a turn\n".into();
        r.consensus = Some("#### deep is fine\n".into());
        r.sections[0].heading = "Consensus".into();
        let fields: Vec<String> = r.problems().into_iter().map(|p| p.0).collect();
        assert_eq!(fields, vec!["date", "turns[0].text", "sections[0].heading"]);
    }

    #[test]
    fn plain_text_is_escaped_only_where_markdown_would_read_it() {
        assert_eq!(escape_plain("10x growth, no fuss"), "10x growth, no fuss");
        assert_eq!(escape_plain("# not a heading"), "\\# not a heading");
        assert_eq!(escape_plain("1. not a list"), "1\\. not a list");
        assert_eq!(escape_plain("- not a list"), "\\- not a list");
        assert_eq!(escape_plain("a *b* <i> 3 < 4"), "a \\*b\\* \\<i> 3 < 4");
    }

    #[test]
    fn trims_blank_lines_but_not_indentation() {
        assert_eq!(trim_blank_lines("\n\n    code\n\n"), "    code");
        assert_eq!(trim_blank_lines("  \n"), "");
    }
}
