//! `site new`: a new interview folder with a valid, draft front matter and the
//! body's sections in place, ready to fill in. The panel starts as the site's most
//! frequent panel, so the usual reviewers are already declared.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::PathBuf;

use crate::config::Config;
use crate::content::{did_you_mean, Interview, Verdict};
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::slug::slugify;

/// What to scaffold; empty fields get defaults.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The interview's title.
    pub title: String,
    /// Principle names (at least one is used: the catalogue's first by default).
    pub principles: Vec<String>,
    /// The candidate's role.
    pub role: Option<String>,
    /// The candidate's level.
    pub level: Option<String>,
    /// A verdict key; `lean-hire` by default.
    pub verdict: Option<String>,
    /// Panelist names; the site's most frequent panel by default.
    pub panelists: Vec<String>,
}

/// A panelist to declare: name and role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    /// Display name.
    pub name: String,
    /// Their role.
    pub role: String,
}

fn invalid(d: Diagnostic) -> Error {
    Error::Invalid(Diagnostics(vec![d]))
}

/// Creates `content/<slug>/index.md`; returns its path.
pub fn new_interview(config: &Config, req: &Request, today: time::Date) -> Result<PathBuf> {
    let slug = slugify(&req.title);
    if slug.is_empty() {
        return Err(invalid(
            Diagnostic::error("<title>", format!("the title {:?} has no letters or digits", req.title))
                .with_hint("give the interview a title made of words"),
        ));
    }
    let mut names = Vec::new();
    for p in &req.principles {
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
        names.extend(config.principles.first().map(|p| p.name.clone()));
    }
    let verdict = match &req.verdict {
        None => Verdict::LeanHire,
        Some(v) => Verdict::parse(v).ok_or_else(|| {
            invalid(
                Diagnostic::error("--verdict", format!("unknown verdict {v:?}"))
                    .with_hint(format!("use one of: {}", Verdict::allowed())),
            )
        })?,
    };
    // Nested folders and `slug =` keys may already publish this slug.
    let existing = crate::content::load(config, true, false).interviews;
    if let Some(other) = existing.iter().find(|i| i.slug == slug) {
        return Err(invalid(
            Diagnostic::error(&other.source, format!("an interview with the slug {slug:?} already exists"))
                .with_hint("choose another title, or edit the existing interview"),
        ));
    }
    let seats = if req.panelists.is_empty() {
        frequent_panel(&existing)
    } else {
        req.panelists.iter().map(|n| seat_for(&existing, n)).collect()
    };
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
    let text = template(req, &names, verdict, &seats, today);
    std::fs::write(&file, text).map_err(|e| Error::io(&file, e))?;
    Ok(file)
}

/// The panel that sat most often (newest wins a tie); with no repeated panel,
/// the four most active panelists; with no content, one placeholder.
pub fn frequent_panel(interviews: &[Interview]) -> Vec<Seat> {
    let mut panels: HashMap<Vec<String>, (usize, time::Date)> = HashMap::new();
    let mut people: HashMap<String, (usize, time::Date, Seat)> = HashMap::new();
    for iv in interviews {
        let mut key: Vec<String> = iv.panelists.iter().map(|p| p.slug.clone()).collect();
        key.sort();
        let e = panels.entry(key).or_insert((0, iv.date));
        e.0 += 1;
        e.1 = e.1.max(iv.date);
        for p in &iv.panelists {
            let seat = Seat { name: p.name.clone(), role: p.role.clone() };
            let e = people.entry(p.slug.clone()).or_insert((0, iv.date, seat.clone()));
            e.0 += 1;
            if iv.date >= e.1 {
                e.1 = iv.date;
                e.2 = seat;
            }
        }
    }
    let best =
        panels.into_iter().filter(|(_, (n, _))| *n >= 2).max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
    if let Some((slugs, _)) = best {
        return slugs.iter().filter_map(|s| people.get(s).map(|p| p.2.clone())).collect();
    }
    let mut ranked: Vec<(usize, time::Date, Seat)> = people.into_values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| a.2.name.cmp(&b.2.name)));
    let seats: Vec<Seat> = ranked.into_iter().take(4).map(|p| p.2).collect();
    if seats.is_empty() {
        vec![Seat { name: "First Panelist".into(), role: "Their role".into() }]
    } else {
        seats
    }
}

/// A named panelist, with the role they last had, or a placeholder role.
fn seat_for(interviews: &[Interview], name: &str) -> Seat {
    let slug = slugify(name);
    interviews
        .iter()
        .flat_map(|iv| iv.panelists.iter().map(move |p| (iv.date, p)))
        .filter(|(_, p)| p.slug == slug)
        .max_by_key(|(d, _)| *d)
        .map_or_else(
            || Seat { name: name.trim().to_string(), role: "Their role".into() },
            |(_, p)| Seat { name: p.name.clone(), role: p.role.clone() },
        )
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn template(
    req: &Request,
    principles: &[String],
    verdict: Verdict,
    seats: &[Seat],
    today: time::Date,
) -> String {
    let principles = principles.iter().map(|p| toml_string(p)).collect::<Vec<_>>().join(", ");
    let mut s = format!(
        "+++\ntitle = {title}\ndate = {date}\nprinciples = [{principles}]\nrole = {role}\n{level}verdict = \"{verdict}\"\n\
         # video = \"https://example.com/watch/...\"\nsummary = \"One sentence for cards, feeds and the page description.\"\n\
         draft = true\n",
        title = toml_string(&req.title),
        date = crate::render::views::iso_date(today),
        role = toml_string(req.role.as_deref().unwrap_or("Software Development Engineer")),
        level = req.level.as_deref().map(|l| format!("level = {}\n", toml_string(l))).unwrap_or_default(),
        verdict = verdict.key(),
    );
    for seat in seats {
        s.push_str(&format!(
            "\n[[panelists]]\nname = {}\nrole = {}\nhire_reason = \"None stated\"\nconcern = \"None stated\"\n",
            toml_string(&seat.name),
            toml_string(&seat.role)
        ));
    }
    s.push_str("+++\n\nThe question the candidate was asked, and its context.\n\n## Roundtable\n");
    for seat in seats {
        s.push_str(&format!("\n### {}\nTheir first turn.\n", seat.name));
    }
    s.push_str("\n## Consensus\n\nThe panel's synthesis.\n");
    s
}

/// Asks for every field the request lacks, on a terminal. An empty answer keeps
/// the default shown in brackets.
pub fn prompt(req: &mut Request, input: &mut impl BufRead, out: &mut impl Write) -> std::io::Result<()> {
    let mut ask = |question: &str, default: &str| -> std::io::Result<String> {
        if default.is_empty() {
            write!(out, "{question}: ")?;
        } else {
            write!(out, "{question} [{default}]: ")?;
        }
        out.flush()?;
        let mut line = String::new();
        input.read_line(&mut line)?;
        let answer = line.trim();
        Ok(if answer.is_empty() { default.to_string() } else { answer.to_string() })
    };
    while req.title.trim().is_empty() {
        req.title = ask("Title", "")?;
    }
    if req.principles.is_empty() {
        let answer = ask("Principles, comma-separated", "Dive Deep")?;
        req.principles = answer.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    }
    if req.role.is_none() {
        req.role = Some(ask("Candidate's role", "Software Development Engineer")?);
    }
    if req.level.is_none() {
        let level = ask("Level (empty for none)", "")?;
        req.level = (!level.is_empty()).then_some(level);
    }
    if req.verdict.is_none() {
        req.verdict = Some(ask(&format!("Verdict ({})", Verdict::allowed()), "lean-hire")?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_quotes_title_and_declares_the_panel() {
        let req = Request { title: "Say \"hi\"".into(), level: Some("L5".into()), ..Request::default() };
        let seats = vec![Seat { name: "Ann Lee".into(), role: "VP".into() }];
        let t =
            template(&req, &["Dive Deep".into()], Verdict::Hire, &seats, time::macros::date!(2026 - 01 - 02));
        let fm = t.split("+++").nth(1).unwrap();
        let v: toml::Table = toml::from_str(fm).unwrap();
        assert_eq!(v["title"].as_str(), Some("Say \"hi\""));
        assert_eq!(v["level"].as_str(), Some("L5"));
        assert_eq!(v["verdict"].as_str(), Some("hire"));
        assert!(t.contains("date = 2026-01-02"));
        assert!(t.contains("draft = true"));
        assert!(t.contains("### Ann Lee\n"));
    }

    #[test]
    fn prompt_fills_only_missing_fields() {
        let mut req = Request { title: "Given".into(), role: Some("PM".into()), ..Request::default() };
        let mut input = std::io::Cursor::new("Ownership, Dive Deep\nL7\n\n");
        let mut out = Vec::new();
        prompt(&mut req, &mut input, &mut out).unwrap();
        assert_eq!(req.title, "Given");
        assert_eq!(req.principles, vec!["Ownership".to_string(), "Dive Deep".to_string()]);
        assert_eq!(req.role.as_deref(), Some("PM"));
        assert_eq!(req.level.as_deref(), Some("L7"));
        assert_eq!(req.verdict.as_deref(), Some("lean-hire"));
        let asked = String::from_utf8(out).unwrap();
        assert!(!asked.contains("Title") && !asked.contains("role"), "{asked}");
    }
}
