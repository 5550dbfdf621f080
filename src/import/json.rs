//! Reading records from JSON (one record or an array of them) and JSON Lines (one
//! record per line), each with the line it starts on, and every record that does
//! not deserialize reported with its line, column and field.

use std::path::Path;

use serde_json::value::RawValue;

use super::record::Record;
use super::Incoming;
use crate::diagnostic::{Diagnostic, Position};

/// The top level of a `site export --format json` file: its interviews are records.
#[derive(serde::Deserialize)]
struct ExportFile<'a> {
    #[serde(borrow)]
    #[allow(dead_code)] // only its presence tells an export from a record
    site: &'a RawValue,
    #[serde(borrow)]
    interviews: Vec<&'a RawValue>,
}

/// The records of a `.json` file: one record, an array of records, or the
/// `interviews` of a `site export` file.
pub fn read_json(file: &Path, text: &str, records: &mut Vec<Incoming>, ds: &mut Vec<Diagnostic>) {
    let export = serde_json::from_str::<ExportFile<'_>>(text).ok();
    let raws: Vec<&RawValue> = if let Some(export) = export {
        export.interviews
    } else if text.trim_start().starts_with('[') {
        match serde_json::from_str::<Vec<&RawValue>>(text) {
            Ok(list) => list,
            Err(e) => return ds.push(syntax(file, &e)),
        }
    } else {
        match serde_json::from_str::<&RawValue>(text) {
            Ok(one) => vec![one],
            Err(e) => return ds.push(syntax(file, &e)),
        }
    };
    // Lines are counted from one record to the next (records come in file order):
    // a 100 MB export is scanned once, not once per record.
    let (mut scanned, mut line, mut line_start) = (0usize, 1usize, 0usize);
    for (i, raw) in raws.into_iter().enumerate() {
        // The raw value borrows `text`: its address says where it starts.
        let offset = (raw.get().as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
        if offset >= scanned {
            for (k, b) in text.as_bytes()[scanned..offset].iter().enumerate() {
                if *b == b'\n' {
                    line += 1;
                    line_start = scanned + k + 1;
                }
            }
            scanned = offset;
        }
        let column = text.get(line_start..offset).map_or(1, |s| s.chars().count() + 1);
        read_one(file, i + 1, Position { line, column }, raw.get(), records, ds);
    }
}

/// The records of a `.jsonl` file: one per non-blank line.
pub fn read_jsonl(file: &Path, text: &str, records: &mut Vec<Incoming>, ds: &mut Vec<Diagnostic>) {
    let mut number = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        number += 1;
        read_one(file, number, Position { line: i + 1, column: 1 }, line, records, ds);
    }
}

/// One record whose JSON text `raw` starts at `at` in the file.
fn read_one(
    file: &Path,
    number: usize,
    at: Position,
    raw: &str,
    records: &mut Vec<Incoming>,
    ds: &mut Vec<Diagnostic>,
) {
    let mut de = serde_json::Deserializer::from_str(raw);
    // The record's own position plus the error's position inside it.
    let at_error = |e: &serde_json::Error| {
        if e.line() <= 1 {
            Position { line: at.line, column: at.column + e.column().saturating_sub(1) }
        } else {
            Position { line: at.line + e.line() - 1, column: e.column() }
        }
    };
    match serde_path_to_error::deserialize::<_, Record>(&mut de) {
        // Text after a record (on its line, or after the array's element) is an error too.
        Ok(record) => match de.end() {
            Ok(()) => records.push(Incoming::new(file, number, at.line, record)),
            Err(e) => {
                ds.push(field_error(file, number, ".", &without_position(&e.to_string())).at(at_error(&e)))
            }
        },
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            ds.push(
                field_error(file, number, &path, &without_position(&inner.to_string())).at(at_error(&inner)),
            );
        }
    }
}

/// A diagnostic for record `number` of `file` whose field at `path` (serde's
/// `panelists[0].vote`, `.` for the record itself) is wrong.
fn field_error(file: &Path, number: usize, path: &str, message: &str) -> Diagnostic {
    let parent = match path.rsplit_once('.') {
        Some((parent, _)) if path != "." => parent.to_string(),
        _ => String::new(),
    };
    let within = if parent.is_empty() { String::new() } else { format!(", in `{parent}`") };
    if let Some(key) = crate::suggest::missing_key(message) {
        let place = if path == "." { String::new() } else { format!(", in `{path}`") };
        return Diagnostic::error(file, format!("record {number}{place}: missing field `{key}`"))
            .with_hint("add the field: docs/data.md lists every field of a record");
    }
    if let Some((key, hint)) = crate::suggest::unknown_key(message) {
        return Diagnostic::error(file, format!("record {number}{within}: unknown field `{key}`"))
            .with_hint(hint);
    }
    Diagnostic::error(file, format!("record {number}, field `{path}`: {message}")).with_hint(
        "check the value's type: strings are quoted, lists use [ ], dates are \"YYYY-MM-DD\" strings",
    )
}

fn syntax(file: &Path, e: &serde_json::Error) -> Diagnostic {
    Diagnostic::error(file, format!("invalid JSON: {}", without_position(&e.to_string())))
        .at(Position { line: e.line().max(1), column: e.column().max(1) })
        .with_hint("a .json file holds one record or an array of records; use --format jsonl for one record per line")
}

/// serde_json's message without its " at line L column C" (the diagnostic has them).
fn without_position(message: &str) -> String {
    match message.rsplit_once(" at line ") {
        Some((head, tail)) if tail.contains(" column ") => head.to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"title": "T", "date": "2026-01-02", "principles": ["Ownership"], "role": "R",
        "verdict": "hire", "panelists": [{"name": "Ana Lima", "role": "EM"}]}"#;

    #[test]
    fn an_array_reports_each_bad_record_at_its_line_and_keeps_the_good_ones() {
        let bad = r#"{"title": "T", "date": "2026-01-02", "principles": ["Ownership"], "role": "R",
        "verdict": "hire", "panelists": [{"name": "Ana Lima", "role": 3}]}"#;
        let text = format!("[\n{GOOD},\n{bad},\n{}\n]\n", GOOD.replace("\"title\"", "\"titel\""));
        let (mut records, mut ds) = (Vec::new(), Vec::new());
        read_json(Path::new("in.json"), &text, &mut records, &mut ds);
        assert_eq!(records.len(), 1);
        assert_eq!((records[0].number, records[0].line), (Some(1), 2));
        assert_eq!(ds.len(), 2, "{ds:?}");
        assert_eq!(
            ds[0].message,
            "record 2, field `panelists[0].role`: invalid type: integer `3`, expected a string"
        );
        assert_eq!(ds[0].line, Some(5));
        assert_eq!(ds[1].message, "record 3: unknown field `titel`");
        assert_eq!(ds[1].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(ds[1].line, Some(6));
    }

    #[test]
    fn jsonl_counts_lines_and_names_missing_fields() {
        let one_line = GOOD.replace('\n', " ");
        let text = format!("{one_line}\n\n{}\n", one_line.replace(", \"role\": \"R\"", ""));
        let (mut records, mut ds) = (Vec::new(), Vec::new());
        read_jsonl(Path::new("in.jsonl"), &text, &mut records, &mut ds);
        assert_eq!(records.len(), 1);
        assert_eq!(ds[0].message, "record 2: missing field `role`");
        assert_eq!(ds[0].line, Some(3));
    }

    #[test]
    fn broken_json_is_one_error_at_its_position() {
        let (mut records, mut ds) = (Vec::new(), Vec::new());
        read_json(Path::new("in.json"), "[\n{\"title\": }\n]", &mut records, &mut ds);
        assert!(records.is_empty());
        assert_eq!(ds.len(), 1);
        assert!(ds[0].message.starts_with("invalid JSON: "), "{}", ds[0].message);
        assert_eq!(ds[0].line, Some(2));
    }
}
