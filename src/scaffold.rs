//! `site new`: a new interview folder with a valid, draft front matter and the
//! body's sections in place, ready to fill in. The panel starts as the site's most
//! frequent panel, so the usual reviewers are already declared; the texts to
//! write are the placeholders of [`crate::content::placeholder`], which
//! `site check` flags until they are replaced.
//!
//! Every answer is checked by the same function whether it came from a flag or
//! from a question ([`Scaffold::title`], [`Scaffold::principles`], ...), so a
//! terminal session asks a wrong answer again at once.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Component, Path, PathBuf};

use crate::config::Config;
use crate::content::{did_you_mean, placeholder, walk::CONTENT_DIR, Interview, Verdict};
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::slug::slugify;

/// What to scaffold; empty fields get defaults.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The interview's title.
    pub title: String,
    /// Principle names; default: the site's most used principle.
    pub principles: Vec<String>,
    /// The candidate's role.
    pub role: Option<String>,
    /// The candidate's level.
    pub level: Option<String>,
    /// A verdict key; `lean-hire` by default.
    pub verdict: Option<String>,
    /// The panel; the site's most frequent panel by default. A seat without a
    /// role takes the role the panelist last had, or a placeholder.
    pub panelists: Vec<Seat>,
    /// The grouping folder under `content/` to create the interview in, such as
    /// `2026/pm` (default: `content/` itself).
    pub path: Option<PathBuf>,
}

/// A panelist to declare: name and role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    /// Display name.
    pub name: String,
    /// Their role; `None`: the role they last had on this site, or a placeholder.
    pub role: Option<String>,
}

impl Seat {
    /// A seat by name only.
    pub fn named(name: &str) -> Seat {
        Seat { name: name.trim().to_string(), role: None }
    }
}

fn invalid(d: Diagnostic) -> Error {
    Error::Invalid(Diagnostics(vec![d]))
}

/// The site a new interview is added to: its configuration and the interviews it
/// already has (drafts included), to check slugs and pick defaults.
pub struct Scaffold<'c> {
    config: &'c Config,
    existing: Vec<Interview>,
}

impl<'c> Scaffold<'c> {
    /// Loads the site's interviews (one read of the library, once per `site new`).
    pub fn new(config: &'c Config) -> Self {
        Scaffold { config, existing: crate::content::load(config, true, false).interviews }
    }

    /// The principle offered when none is given, with or without a terminal: the
    /// one the site's interviews carry most (the catalogue's first on a new site).
    pub fn default_principle(&self) -> String {
        let mut counts = vec![0usize; self.config.principles.len()];
        for iv in &self.existing {
            for &p in &iv.principles {
                counts[p] += 1;
            }
        }
        // The first of the most used, in catalogue order.
        let best = counts.iter().enumerate().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0))).map(|(i, _)| i);
        best.and_then(|i| self.config.principles.get(i)).map(|p| p.name.clone()).unwrap_or_default()
    }

    /// The panel offered when none is given.
    pub fn default_panel(&self) -> Vec<Seat> {
        frequent_panel(&self.existing)
    }

    /// The slug of a title, when it has one and no interview has it yet.
    pub fn title(&self, title: &str) -> std::result::Result<String, Diagnostic> {
        let slug = slugify(title);
        if slug.is_empty() {
            return Err(Diagnostic::error(
                "<title>",
                format!("the title {title:?} has no letters or digits"),
            )
            .with_hint("give the interview a title made of words"));
        }
        // Nested folders and `slug =` keys may already publish this slug.
        if let Some(other) = self.existing.iter().find(|i| i.slug == slug) {
            return Err(Diagnostic::error(
                &other.source,
                format!("an interview with the slug {slug:?} already exists"),
            )
            .with_hint("choose another title, or edit the existing interview"));
        }
        Ok(slug)
    }

    /// The catalogue names of `names`; an unknown one is an error with a suggestion.
    pub fn principles(&self, names: &[String]) -> std::result::Result<Vec<String>, Diagnostic> {
        let mut out = Vec::new();
        for p in names {
            let Some(found) = self.config.principle(p) else {
                let catalogue = self.config.principles.iter().map(|q| q.name.as_str());
                let hint = match did_you_mean(p, catalogue.clone()) {
                    Some(best) => format!("did you mean {best:?}?"),
                    None => format!("known principles: {}", catalogue.collect::<Vec<_>>().join(", ")),
                };
                return Err(
                    Diagnostic::error("--principle", format!("unknown principle {p:?}")).with_hint(hint)
                );
            };
            if !out.contains(&found.name) {
                out.push(found.name.clone());
            }
        }
        if out.is_empty() {
            out.push(self.default_principle());
        }
        Ok(out)
    }

    /// A verdict key; `lean-hire` when none is given.
    pub fn verdict(&self, given: Option<&str>) -> std::result::Result<Verdict, Diagnostic> {
        let Some(v) = given else { return Ok(Verdict::LeanHire) };
        Verdict::parse(v).ok_or_else(|| {
            let hint = match did_you_mean(v, Verdict::ALL.iter().map(|v| v.key())) {
                Some(best) => format!("did you mean {best:?}? (one of: {})", Verdict::allowed()),
                None => format!("use one of: {}", Verdict::allowed()),
            };
            Diagnostic::error("--verdict", format!("unknown verdict {v:?}")).with_hint(hint)
        })
    }

    /// The grouping folder, relative to `content/`: no `..`, no absolute path, no
    /// name the walk ignores, not inside an interview's folder. A leading
    /// `content/` is allowed.
    pub fn path(&self, given: &Path) -> std::result::Result<PathBuf, Diagnostic> {
        let bad = |msg: String, hint: &str| Err(Diagnostic::error("--path", msg).with_hint(hint));
        let mut rel = PathBuf::new();
        for (i, c) in given.components().enumerate() {
            match c {
                Component::CurDir => {}
                Component::Normal(name)
                    if i == 0 && name == CONTENT_DIR && given.components().count() > 1 => {}
                Component::Normal(name) => {
                    let name_str = name.to_string_lossy();
                    if name_str.starts_with('_') || name_str.starts_with('.') {
                        return bad(
                            format!("the folder {name_str:?} starts with `_` or `.`: its interviews would be ignored"),
                            "choose folder names that start with a letter or digit",
                        );
                    }
                    rel.push(name);
                }
                _ => {
                    return bad(
                        format!("{} is not a folder inside content/", given.display()),
                        "give a path relative to content/, such as 2026/pm",
                    )
                }
            }
        }
        let content = self.config.root.join(CONTENT_DIR);
        let mut at = content.clone();
        for c in rel.components() {
            at.push(c);
            if at.join("index.md").is_file() {
                return bad(
                    format!(
                        "{} is an interview's folder",
                        at.strip_prefix(&self.config.root).unwrap_or(&at).display()
                    ),
                    "place the new interview beside it: give its parent folder",
                );
            }
        }
        Ok(rel)
    }

    /// Creates `content/[<path>/]<slug>/index.md`; returns its path.
    pub fn create(&self, req: &Request, today: time::Date) -> Result<PathBuf> {
        let slug = self.title(&req.title).map_err(invalid)?;
        let names = self.principles(&req.principles).map_err(invalid)?;
        let verdict = self.verdict(req.verdict.as_deref()).map_err(invalid)?;
        let rel = match &req.path {
            Some(p) => self.path(p).map_err(invalid)?,
            None => PathBuf::new(),
        };
        let seats = if req.panelists.is_empty() { self.default_panel() } else { req.panelists.clone() };
        let seats: Vec<(String, String)> = seats.iter().map(|s| self.resolve(s)).collect();
        let dir = self.config.root.join(CONTENT_DIR).join(&rel).join(&slug);
        let file = dir.join("index.md");
        if dir.exists() {
            return Err(invalid(
                Diagnostic::error(
                    file.strip_prefix(&self.config.root).unwrap_or(&file),
                    "this folder already exists",
                )
                .with_hint("choose another title, or edit the existing folder"),
            ));
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let text = template(req, &names, verdict, &seats, today);
        std::fs::write(&file, text).map_err(|e| Error::io(&file, e))?;
        Ok(file)
    }

    /// A seat's name and role: the role given, or the one the panelist last had.
    fn resolve(&self, seat: &Seat) -> (String, String) {
        if let Some(role) = seat.role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            return (seat.name.clone(), role.to_string());
        }
        match self.known(&seat.name) {
            Some(known) => known,
            None => (seat.name.clone(), placeholder::PANELIST_ROLE.to_string()),
        }
    }

    /// The name and role a panelist had in their newest interview here.
    pub fn known(&self, name: &str) -> Option<(String, String)> {
        let slug = slugify(name);
        self.existing
            .iter()
            .flat_map(|iv| iv.panelists.iter().map(move |p| (iv.date, p)))
            .filter(|(_, p)| p.slug == slug)
            .max_by_key(|(d, _)| *d)
            .map(|(_, p)| (p.name.clone(), p.role.clone()))
    }
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
            let seat = Seat { name: p.name.clone(), role: Some(p.role.clone()) };
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
        vec![Seat { name: "First Panelist".into(), role: None }]
    } else {
        seats
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn template(
    req: &Request,
    principles: &[String],
    verdict: Verdict,
    seats: &[(String, String)],
    today: time::Date,
) -> String {
    let principles = principles.iter().map(|p| toml_string(p)).collect::<Vec<_>>().join(", ");
    let mut s = format!(
        "+++\ntitle = {title}\ndate = {date}\nprinciples = [{principles}]\nrole = {role}\n{level}verdict = \"{verdict}\"\n\
         # video = \"https://example.com/watch/...\"\nsummary = {summary}\n\
         draft = true\n",
        title = toml_string(&req.title),
        date = crate::render::views::iso_date(today),
        role = toml_string(req.role.as_deref().unwrap_or("Software Development Engineer")),
        level = req.level.as_deref().map(|l| format!("level = {}\n", toml_string(l))).unwrap_or_default(),
        verdict = verdict.key(),
        summary = toml_string(placeholder::SUMMARY),
    );
    for (name, role) in seats {
        s.push_str(&format!(
            "\n[[panelists]]\nname = {}\nrole = {}\nhire_reason = {}\nconcern = {}\n# vote = \"{}\"\n",
            toml_string(name),
            toml_string(role),
            toml_string(placeholder::HIRE_REASON),
            toml_string(placeholder::CONCERN),
            verdict.key(),
        ));
    }
    s.push_str(&format!("+++\n\n{}\n\n## Roundtable\n", placeholder::INTRO));
    for (name, _) in seats {
        s.push_str(&format!("\n### {name}\n{}\n", placeholder::TURN));
    }
    s.push_str(&format!("\n## Consensus\n\n{}\n", placeholder::CONSENSUS));
    s
}

/// Asks, on a terminal, for every field the request lacks. An empty answer keeps
/// the default shown in brackets; an answer that would not do is explained and
/// asked again at once.
pub fn prompt(
    scaffold: &Scaffold<'_>,
    req: &mut Request,
    input: &mut impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut q = Questions { input, out };
    if scaffold.title(&req.title).is_err() {
        req.title = q.ask_until("Title", "", |t| scaffold.title(t).map(|_| t.to_string()))?;
    }
    if req.principles.is_empty() {
        let default = scaffold.default_principle();
        req.principles =
            q.ask_until("Principles, comma-separated", &default, |a| scaffold.principles(&list(a)))?;
    }
    if req.role.is_none() {
        let role = q.ask_until("Candidate's role", "Software Development Engineer", |a| {
            Ok::<_, Diagnostic>(a.to_string())
        })?;
        req.role = Some(role);
    }
    if req.level.is_none() {
        let level = q.ask("Level (empty for none)", "")?;
        req.level = (!level.is_empty()).then_some(level);
    }
    if req.verdict.is_none() {
        let question = format!("Verdict ({})", Verdict::allowed());
        let v =
            q.ask_until(&question, "lean-hire", |a| scaffold.verdict(Some(a)).map(|v| v.key().to_string()))?;
        req.verdict = Some(v);
    }
    if req.panelists.is_empty() {
        // A new site has no panel to offer: the names must be given.
        let default: Vec<String> = if scaffold.existing.is_empty() {
            Vec::new()
        } else {
            scaffold.default_panel().into_iter().map(|s| s.name).collect()
        };
        let names = q.ask_until("Panelists, comma-separated", &default.join(", "), |a| {
            let names = list(a);
            if names.iter().any(|n| slugify(n).is_empty()) || names.is_empty() {
                return Err(Diagnostic::error("--panelist", "a panelist needs a name made of words")
                    .with_hint("write names such as Ana Lima, Ben Okafor"));
            }
            Ok(names)
        })?;
        for name in names {
            let role = match scaffold.known(&name) {
                Some((_, role)) => role,
                None => {
                    q.ask_until(&format!("Role of {name}"), "", |a| Ok::<_, Diagnostic>(a.to_string()))?
                }
            };
            req.panelists.push(Seat { name, role: Some(role) });
        }
    }
    Ok(())
}

/// The comma-separated items of an answer, trimmed, empty ones dropped.
fn list(answer: &str) -> Vec<String> {
    answer.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// A terminal dialogue: one question at a time.
struct Questions<'a, R, W> {
    input: &'a mut R,
    out: &'a mut W,
}

impl<R: BufRead, W: Write> Questions<'_, R, W> {
    /// One answer (the default when empty).
    fn ask(&mut self, question: &str, default: &str) -> std::io::Result<String> {
        if default.is_empty() {
            write!(self.out, "{question}: ")?;
        } else {
            write!(self.out, "{question} [{default}]: ")?;
        }
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            // End of input: no one is there to answer again.
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no answer: input ended"));
        }
        let answer = line.trim();
        Ok(if answer.is_empty() { default.to_string() } else { answer.to_string() })
    }

    /// Asks until `check` accepts a non-empty answer; says why it did not.
    fn ask_until<T>(
        &mut self,
        question: &str,
        default: &str,
        check: impl Fn(&str) -> std::result::Result<T, Diagnostic>,
    ) -> std::io::Result<T> {
        loop {
            let answer = self.ask(question, default)?;
            if answer.is_empty() {
                writeln!(self.out, "  an answer is needed")?;
                continue;
            }
            match check(&answer) {
                Ok(value) => return Ok(value),
                Err(d) => {
                    writeln!(self.out, "  {}", d.message)?;
                    if let Some(hint) = &d.hint {
                        writeln!(self.out, "  hint: {hint}")?;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(root: &Path, catalogue: &str) -> Config {
        Config::parse(root, &format!("title = \"T\"\nbase_url = \"https://example.com\"\n{catalogue}"))
            .expect("a valid site.toml")
    }

    #[test]
    fn scaffold_quotes_title_and_declares_the_panel() {
        let req = Request { title: "Say \"hi\"".into(), level: Some("L5".into()), ..Request::default() };
        let seats = vec![("Ann Lee".to_string(), "VP".to_string())];
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
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path(), "");
        let scaffold = Scaffold::new(&config);
        let mut req = Request { title: "Given".into(), role: Some("PM".into()), ..Request::default() };
        let mut input = std::io::Cursor::new("Ownership, Dive Deep\nL7\n\nAna Lima\nEM\n");
        let mut out = Vec::new();
        prompt(&scaffold, &mut req, &mut input, &mut out).unwrap();
        assert_eq!(req.title, "Given");
        assert_eq!(req.principles, vec!["Ownership".to_string(), "Dive Deep".to_string()]);
        assert_eq!(req.role.as_deref(), Some("PM"));
        assert_eq!(req.level.as_deref(), Some("L7"));
        assert_eq!(req.verdict.as_deref(), Some("lean-hire"));
        assert_eq!(req.panelists, vec![Seat { name: "Ana Lima".into(), role: Some("EM".into()) }]);
        let asked = String::from_utf8(out).unwrap();
        assert!(!asked.contains("Title") && !asked.contains("Candidate's role"), "{asked}");
    }

    #[test]
    fn a_wrong_answer_is_asked_again_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path(), "");
        let scaffold = Scaffold::new(&config);
        let mut req = Request { title: "Given".into(), ..Request::default() };
        let mut input =
            std::io::Cursor::new("Dive Deap\nDive Deep\nPM\n\nprobably\nhire\nFirst Panelist\nEM\n");
        let mut out = Vec::new();
        prompt(&scaffold, &mut req, &mut input, &mut out).unwrap();
        let asked = String::from_utf8(out).unwrap();
        // The principle question comes twice, the second right after the explanation.
        assert_eq!(asked.matches("Principles, comma-separated").count(), 2, "{asked}");
        assert!(
            asked
                .contains("unknown principle \"Dive Deap\"\n  hint: did you mean \"Dive Deep\"?\nPrinciples"),
            "{asked}"
        );
        assert!(asked.contains("unknown verdict \"probably\""), "{asked}");
        assert_eq!(req.principles, vec!["Dive Deep".to_string()]);
        assert_eq!(req.verdict.as_deref(), Some("hire"));
    }

    #[test]
    fn input_that_ends_is_an_error_not_a_loop() {
        let dir = tempfile::tempdir().unwrap();
        let config = config(dir.path(), "");
        let scaffold = Scaffold::new(&config);
        let mut req = Request::default();
        let err = prompt(&scaffold, &mut req, &mut std::io::Cursor::new(""), &mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn the_default_principle_is_in_the_sites_own_catalogue() {
        let dir = tempfile::tempdir().unwrap();
        let config =
            config(dir.path(), "[[principles]]\nname = \"Craft\"\n[[principles]]\nname = \"Care\"\n");
        let scaffold = Scaffold::new(&config);
        assert_eq!(scaffold.default_principle(), "Craft");
        assert_eq!(scaffold.principles(&[]).unwrap(), vec!["Craft".to_string()]);
    }

    #[test]
    fn paths_stay_inside_content_and_outside_interviews() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/2026/pm/one")).unwrap();
        std::fs::write(dir.path().join("content/2026/pm/one/index.md"), "x").unwrap();
        let config = config(dir.path(), "");
        let scaffold = Scaffold::new(&config);
        assert_eq!(scaffold.path(Path::new("2026/pm")).unwrap(), PathBuf::from("2026/pm"));
        assert_eq!(scaffold.path(Path::new("content/2026/pm/")).unwrap(), PathBuf::from("2026/pm"));
        for bad in ["../x", "/abs", "2026/_drafts", "2026/pm/one"] {
            let d = scaffold.path(Path::new(bad)).unwrap_err();
            assert_eq!(d.file, Path::new("--path"), "{bad}");
            assert!(d.hint.is_some(), "{bad}");
        }
    }
}
