//! Internal link checking for `site check`: every `href` and `src` of every
//! rendered page that points inside the site must reach a written file, and every
//! `#anchor` an element id of the page it names. Works on the in-memory output.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Position};
use crate::output::{Body, OutputFile};

/// Checks the links of every HTML page in `files`; `root` is the site's
/// root-relative path (`/kb/`), `base` its absolute base URL, `site_root` the folder
/// that source paths are relative to.
pub fn check(files: &[OutputFile], root: &str, base: &str, site_root: &Path) -> Diagnostics {
    let mut index = LinkIndex::default();
    for f in files {
        index.add(f);
    }
    index.check(root, base, site_root)
}

/// What link checking needs of the output, kept instead of the pages themselves:
/// every path, and for each HTML page its ids and the links it makes.
#[derive(Debug, Default)]
pub struct LinkIndex {
    paths: HashSet<String>,
    pages: HashMap<String, PageLinks>,
}

/// The ids and links of one HTML page.
#[derive(Debug, Default)]
struct PageLinks {
    ids: HashSet<String>,
    /// The distinct links, each ended by a newline (which no attribute value of ours
    /// holds): one allocation per page, not one per link, for 100,000 pages.
    links: Box<str>,
    source: Option<std::path::PathBuf>,
}

/// One output file as link checking sees it: made by [`Scanned::of`] on any thread,
/// so that the scanning of pages runs in parallel and only [`LinkIndex::insert`] is
/// serial.
#[derive(Debug)]
pub struct Scanned {
    path: String,
    page: Option<PageLinks>,
}

impl Scanned {
    /// Scans one output file: its ids and links if it is an HTML page. A link that
    /// occurs several times on the page (a nav item, a principle badge) is kept once.
    pub fn of(f: &OutputFile) -> Scanned {
        let page = match (f.path.ends_with(".html"), &f.body) {
            (true, Body::Bytes(b)) => {
                // Rendered pages are UTF-8; the lossy decoding is only a fallback.
                let html = std::str::from_utf8(b).map_or_else(|_| String::from_utf8_lossy(b), Cow::Borrowed);
                let (ids, links) = attributes(&html);
                let mut seen = HashSet::with_capacity(links.len());
                let mut joined = String::new();
                for link in links.iter().filter(|l| !l.contains('\n') && seen.insert(l.as_str())) {
                    joined.push_str(link);
                    joined.push('\n');
                }
                Some(PageLinks {
                    ids: ids.into_iter().collect(),
                    links: joined.into_boxed_str(),
                    source: f.source.clone(),
                })
            }
            _ => None,
        };
        Scanned { path: f.path.clone(), page }
    }
}

impl LinkIndex {
    /// Records one output file (scanning it if it is an HTML page).
    pub fn add(&mut self, f: &OutputFile) {
        self.insert(Scanned::of(f));
    }

    /// Records one file scanned by [`Scanned::of`].
    pub fn insert(&mut self, scanned: Scanned) {
        if let Some(page) = scanned.page {
            self.pages.insert(scanned.path.clone(), page);
        }
        self.paths.insert(scanned.path);
    }

    /// Every broken internal link and anchor, located in its source file where the
    /// link was written there.
    pub fn check(&self, root: &str, base: &str, site_root: &Path) -> Diagnostics {
        let paths: HashSet<&str> = self.paths.iter().map(String::as_str).collect();
        let ids: HashMap<&str, &HashSet<String>> =
            self.pages.iter().map(|(p, l)| (p.as_str(), &l.ids)).collect();
        let mut pages: Vec<(&String, &PageLinks)> = self.pages.iter().collect();
        pages.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
        // Resolving every link is the bulk of the work (a million links at 100,000
        // interviews) and independent per page; only the rare broken one is reported,
        // in page order, below.
        let found: Vec<(&String, &PageLinks, &str, String)> = pages
            .par_iter()
            .flat_map_iter(|&(path, page)| {
                let (paths, ids) = (&paths, &ids);
                page.links.lines().filter_map(move |link| {
                    broken(link, path, root, base, paths, ids).map(|problem| (path, page, link, problem))
                })
            })
            .collect();
        let mut out = Diagnostics::default();
        let mut sources: HashMap<&Path, String> = HashMap::new();
        for (path, page, link, problem) in found {
            let mut d = Diagnostic::error(path, format!("broken link {link:?} on /{path}: {problem}"));
            // A link written in the content is reported at its line there; others come from the theme.
            let in_source = page.source.as_ref().and_then(|src| {
                let text = sources
                    .entry(src.as_path())
                    .or_insert_with(|| std::fs::read_to_string(site_root.join(src)).unwrap_or_default());
                text.find(link).map(|at| (src.clone(), Position::of_offset(text, at)))
            });
            match in_source {
                Some((src, pos)) => {
                    d.file = src;
                    d = d.at(pos);
                }
                None => d.message.push_str(" (written by a template)"),
            }
            out.push(d.with_hint("fix the link target, or create the page or heading it points to"));
        }
        out
    }
}

/// Why `link` on page `page` is broken, or `None` when it is fine or external.
fn broken(
    link: &str,
    page: &str,
    root: &str,
    base: &str,
    paths: &HashSet<&str>,
    ids: &HashMap<&str, &HashSet<String>>,
) -> Option<String> {
    let (target, fragment) = match link.split_once('#') {
        Some((t, f)) => (t, Some(f)),
        None => (link, None),
    };
    let target = target.split('?').next().unwrap_or("");
    let site_path: String = if target.is_empty() {
        page.to_string()
    } else if let Some(rest) = target.strip_prefix(base) {
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        if !rest.is_empty() && !target[base.len()..].starts_with('/') {
            return None; // e.g. https://example.com/kb2: another site
        }
        rest.to_string()
    } else if target.starts_with("//") || has_scheme(target) {
        return None;
    } else if let Some(abs) = target.strip_prefix('/') {
        match format!("/{abs}").strip_prefix(root) {
            Some(rest) => rest.to_string(),
            None if format!("/{abs}/") == root => String::new(),
            None => return Some(format!("it leaves the site's base path {root}")),
        }
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        match normalise(&format!("{dir}/{target}")) {
            Some(p) => p,
            None => return Some("it climbs above the site root".to_string()),
        }
    };
    let site_path = percent_decode(&site_path);
    let file = if site_path.is_empty() || site_path.ends_with('/') {
        format!("{site_path}index.html")
    } else if paths.contains(&*site_path) {
        site_path.to_string()
    } else {
        format!("{site_path}/index.html")
    };
    if !paths.contains(file.as_str()) {
        return Some("no such page or file".to_string());
    }
    match (fragment, ids.get(file.as_str())) {
        (Some(f), Some(page_ids)) if !f.is_empty() && !page_ids.contains(percent_decode(f).as_ref()) => {
            Some(format!("no element with id {f:?} on that page"))
        }
        _ => None,
    }
}

fn has_scheme(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

/// Resolves `.` and `..`; `None` when it climbs above the site root.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn percent_decode(s: &str) -> Cow<'_, str> {
    if !s.contains('%') {
        return Cow::Borrowed(s); // nearly every link: no allocation
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// The `id`/`name` values and the `href`/`src` values of `html`, entity-decoded, in
/// document order: one pass over the page, stopping only at `=` (memchr), where
/// four substring searches of the whole page cost more than rendering it did.
fn attributes(html: &str) -> (Vec<String>, Vec<String>) {
    let (mut ids, mut links) = (Vec::new(), Vec::new());
    let bytes = html.as_bytes();
    let mut from = 0;
    while let Some(at) = html[from..].find('=') {
        let eq = from + at;
        from = eq + 1;
        let Some(&q) = bytes.get(eq + 1).filter(|&&q| q == b'"' || q == b'\'') else { continue };
        let start =
            bytes[..eq].iter().rposition(|b| !(b.is_ascii_alphanumeric() || *b == b'-')).map_or(0, |i| i + 1);
        if start == 0 || !bytes[start - 1].is_ascii_whitespace() {
            continue;
        }
        let value_start = eq + 2;
        let Some(len) = html[value_start..].find(q as char) else { break };
        let value = &html[value_start..value_start + len];
        from = value_start + len + 1;
        match &html[start..eq] {
            "id" | "name" => ids.push(unescape(value)),
            "href" | "src" => links.push(unescape(value)),
            _ => {}
        }
    }
    (ids, links)
}

fn unescape(s: &str) -> String {
    crate::entities::decode(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(path: &str, body: &str) -> OutputFile {
        OutputFile { path: path.into(), body: Body::Bytes(body.as_bytes().to_vec()), source: None }
    }

    #[test]
    fn finds_broken_pages_and_anchors() {
        let files = vec![
            html(
                "index.html",
                r##"<a href="/kb/a/">a</a> <a href="a/#x">x</a> <a href="a/#nope">n</a> <a href="/kb/missing/">m</a> <a href="https://example.com/kb/a/">abs</a> <a href="https://other.org/">ext</a> <a href="/elsewhere">e</a> <img src="pic.png">"##,
            ),
            html(
                "a/index.html",
                r##"<h2 id="x">X</h2><a href="../">up</a><a href="#x">self</a><a href="../../..">out</a>"##,
            ),
        ];
        let ds = check(&files, "/kb/", "https://example.com/kb", Path::new("."));
        let msgs: Vec<String> = ds.0.iter().map(|d| d.message.clone()).collect();
        assert_eq!(msgs.len(), 5, "{msgs:#?}");
        // Pages are checked in path order: a/index.html, then index.html.
        assert!(msgs[0].contains("../../..") && msgs[0].contains("above the site root"));
        assert!(msgs[1].contains("a/#nope") && msgs[1].contains("\"nope\""));
        assert!(msgs[2].contains("/kb/missing/"));
        assert!(msgs[3].contains("/elsewhere") && msgs[3].contains("base path"));
        assert!(msgs[4].contains("pic.png"));
    }

    #[test]
    fn attribute_scanner() {
        let (ids, links) = attributes(
            r#"<a href="x&amp;y?a=b" id='i'>href="no" a = "b"</a><p data-href="z" title="t id='no'"><img
src="s.png" name="n">"#,
        );
        assert_eq!(links, vec!["x&y?a=b".to_string(), "s.png".to_string()]);
        assert_eq!(ids, vec!["i".to_string(), "n".to_string()]);
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("caf%C3%A9/"), "café/");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(normalise("a/./b/../c/"), Some("a/c/".into()));
        assert_eq!(normalise("../x"), None);
    }
}
