//! The JSON Schemas of what people write for Roundtable: the front matter of an
//! `index.md`, `site.toml`, and an import record. Each is generated from the
//! serde type that parses it, so it cannot drift from the parser; the repository
//! ships them in `schemas/` (a test fails when those files are stale) and
//! `site init` writes them into every new site.

/// The folder the schemas live in (in the repository and in a new site).
pub const DIR: &str = "schemas";

/// `(file name, pretty JSON)` of every schema.
pub fn files() -> Vec<(&'static str, String)> {
    vec![
        ("frontmatter.schema.json", pretty(&crate::content::schema())),
        ("site.schema.json", pretty(&crate::config::schema())),
        ("record.schema.json", pretty(&crate::import::record::schema())),
    ]
}

fn pretty(schema: &schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(schema).unwrap_or_default();
    text.push('\n');
    text
}
