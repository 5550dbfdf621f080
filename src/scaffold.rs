//! `site new`: a new interview folder with a valid, draft front matter and the
//! body's sections in place, ready to fill in.

use std::path::PathBuf;

use crate::config::Config;
use crate::content::did_you_mean;
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::slug::slugify;

/// Creates `content/<slug>/index.md` for `title`; returns its path.
pub fn new_interview(
    config: &Config,
    title: &str,
    principles: &[String],
    today: time::Date,
) -> Result<PathBuf> {
    let invalid = |d: Diagnostic| Error::Invalid(Diagnostics(vec![d]));
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(invalid(
            Diagnostic::error("<title>", format!("the title {title:?} has no letters or digits"))
                .with_hint("give the interview a title made of words"),
        ));
    }
    let mut names = Vec::new();
    for p in principles {
        match config.principle(p) {
            Some(found) => names.push(found.name.clone()),
            None => {
                let hint = match did_you_mean(p, config.principles.iter().map(|q| q.name.as_str())) {
                    Some(best) => format!("did you mean {best:?}?"),
                    None => format!(
                        "known principles: {}",
                        config.principles.iter().map(|q| q.name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                };
                return Err(invalid(
                    Diagnostic::error("--principle", format!("unknown principle {p:?}")).with_hint(hint),
                ));
            }
        }
    }
    if names.is_empty() {
        if let Some(first) = config.principles.first() {
            names.push(first.name.clone());
        }
    }
    // Nested folders and `slug =` keys may already publish this slug.
    let existing = crate::content::load(config, true, false);
    if let Some(other) = existing.interviews.iter().find(|i| i.slug == slug) {
        return Err(invalid(
            Diagnostic::error(&other.source, format!("an interview with the slug {slug:?} already exists"))
                .with_hint("choose another title, or edit the existing interview"),
        ));
    }
    let dir = config.root.join("content").join(&slug);
    let file = dir.join("index.md");
    if file.exists() {
        return Err(invalid(
            Diagnostic::error(
                format!("content/{slug}/index.md"),
                "an interview with this slug already exists",
            )
            .with_hint("choose another title, or edit the existing file"),
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    std::fs::write(&file, template(title, &names, today)).map_err(|e| Error::io(&file, e))?;
    Ok(file)
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn template(title: &str, principles: &[String], today: time::Date) -> String {
    let principles = principles.iter().map(|p| toml_string(p)).collect::<Vec<_>>().join(", ");
    format!(
        r#"+++
title = {title}
date = {date}
principles = [{principles}]
role = "Software Development Engineer"
level = "L5"
verdict = "lean-hire"
# video = "https://example.com/watch/..."
summary = "One sentence for cards, feeds and the page description."
draft = true

[[panelists]]
name = "First Panelist"
role = "Their role"
hire_reason = "None stated"
concern = "None stated"
+++

The question the candidate was asked, and its context.

## Roundtable

### First Panelist
Their first turn.

## Consensus

The panel's synthesis.
"#,
        title = toml_string(title),
        date = crate::render::views::iso_date(today),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_quotes_title() {
        let t = template("Say \"hi\"", &["Dive Deep".into()], time::macros::date!(2026 - 01 - 02));
        let fm = t.split("+++").nth(1).unwrap();
        let v: toml::Table = toml::from_str(fm).unwrap();
        assert_eq!(v["title"].as_str(), Some("Say \"hi\""));
        assert!(t.contains("date = 2026-01-02"));
        assert!(t.contains("draft = true"));
    }
}
