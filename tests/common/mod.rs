//! A small harness for the end-to-end tests: a site in a temporary folder (copied
//! from `tests/fixtures/<case>/` or written from code), the compiled `site` binary
//! run against it, and helpers to read what it wrote.
#![allow(dead_code)] // each test file uses a different part of the harness

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// A site in a temporary folder, removed when dropped.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// A copy of `tests/fixtures/<case>/`.
    pub fn fixture(case: &str) -> Site {
        let site = Site::empty();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(case);
        assert!(from.is_dir(), "no fixture {}", from.display());
        copy_dir(&from, site.root());
        site
    }

    /// A site made of `(path, text)` pairs.
    pub fn from_files(files: &[(&str, &str)]) -> Site {
        let site = Site::empty();
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// A site of one interview, `content/x/index.md`, titled `title`, by one
    /// panelist (Ana Lima), with `body` after its front matter (which is 12 lines).
    pub fn one_interview(title: &str, body: &str) -> Site {
        let page = format!(
            "+++\ntitle = \"{title}\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\nrole = \"PM\"\nverdict = \"hire\"\n\
             video = \"https://example.org/v\"\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n+++\n{body}"
        );
        Site::from_files(&[
            ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
            ("content/x/index.md", &page),
        ])
    }

    fn empty() -> Site {
        Site { dir: tempfile::tempdir().expect("create a temporary folder") }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `root/rel`.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// Writes a file under the root, creating its folders.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    /// Writes raw bytes under the root, creating its folders.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        self
    }

    /// Reads a file under the root.
    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Replaces the one occurrence of `from` in a file under the root.
    pub fn edit(&self, rel: &str, from: &str, to: &str) -> &Self {
        let text = self.read(rel);
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once in {rel}");
        self.write(rel, &text.replacen(from, to, 1))
    }

    /// Removes a file or folder under the root.
    pub fn remove(&self, rel: &str) -> &Self {
        let path = self.path(rel);
        if path.is_dir() {
            std::fs::remove_dir_all(&path).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
        self
    }

    /// Runs `site <args> --root <root>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        let root = self.root().to_str().expect("UTF-8 temp path");
        all.extend(["--root", root]);
        run(&all)
    }

    /// `site build`, which must succeed.
    pub fn build(&self) -> Run {
        self.run(&["build"]).success()
    }

    /// A file of the default output folder `public/`.
    pub fn out(&self, rel: &str) -> String {
        self.read(&format!("public/{rel}"))
    }

    /// True when `public/<rel>` exists.
    pub fn has_out(&self, rel: &str) -> bool {
        self.path(&format!("public/{rel}")).exists()
    }

    /// Every file under `rel` (relative path → bytes), to compare trees byte for byte.
    pub fn tree(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path(rel))
    }

    /// The names directly under the root (to spot stray staging folders).
    pub fn top_level(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// Runs the `site` binary with `args` in the current folder.
pub fn run(args: &[&str]) -> Run {
    run_in(Path::new("."), args)
}

/// Runs the `site` binary with `args` in the folder `dir` (no `--root` added).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run the site binary");
    Run {
        args: args.join(" "),
        code: output.status.code().expect("exit code (not killed by a signal)"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub args: String,
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts exit code 0.
    pub fn success(self) -> Self {
        self.code(0)
    }

    /// Asserts the exit code.
    pub fn code(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "`site {}` exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.args, self.stdout, self.stderr
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr of `site {}` lacks {needle:?}:\n{}",
            self.args,
            self.stderr
        );
        self
    }

    /// Asserts that stdout contains `needle`.
    pub fn stdout_has(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout of `site {}` lacks {needle:?}:\n{}",
            self.args,
            self.stdout
        );
        self
    }

    /// The lines of stderr that start a diagnostic with `label` ("error" or "warning").
    pub fn diagnostics(&self, label: &str) -> Vec<&str> {
        let prefix = format!("{label}: ");
        self.stderr.lines().filter(|l| l.starts_with(&prefix)).collect()
    }
}

/// Every file under `dir` (relative `/`-separated path → bytes).
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    collect(dir, dir, &mut out);
    out
}

fn collect(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/");
            out.insert(rel, std::fs::read(&path).unwrap());
        }
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in tree(from) {
        let dest = to.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::write(dest, bytes).unwrap();
    }
}

/// The values of every `href` and `src` attribute in `html`, entities decoded
/// (templates escape `/` as `&#x2F;`, which browsers read as `/`).
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attr) {
            rest = &rest[at + attr.len()..];
            let end = rest.find('"').expect("closed attribute");
            out.push(decode(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

/// Decodes the entities an HTML escaper writes.
pub fn decode(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The slugs of the interviews `html` links to (`<root>interviews/<slug>/`), in
/// order of first appearance.
pub fn interview_links(html: &str, root: &str) -> Vec<String> {
    let prefix = format!("{root}interviews/");
    let mut out: Vec<String> = Vec::new();
    for link in links(html) {
        if let Some(slug) = link.strip_prefix(&prefix).and_then(|s| s.strip_suffix('/')) {
            if !slug.contains('/') && !out.iter().any(|s| s == slug) {
                out.push(slug.to_string());
            }
        }
    }
    out
}

/// The `<main ...>...</main>` element of a page.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page has </main>") + "</main>".len();
    &html[start..end]
}

/// The text from the first `from` to the next `to` after it (or the end).
pub fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from:?} in page"));
    let rest = &html[start..];
    let end = rest[from.len()..].find(to).map_or(rest.len(), |i| i + from.len());
    &rest[..end]
}

/// The `href` of the first `<a>` whose tag carries `rel="<rel>"`.
pub fn rel_link(html: &str, rel: &str) -> Option<String> {
    let needle = format!("rel=\"{rel}\"");
    let at = html.find(&needle)?;
    let tag_start = html[..at].rfind("<a ")?;
    let tag_end = at + html[at..].find('>')?;
    links(&html[tag_start..=tag_end]).into_iter().next()
}

/// Asserts that two trees are byte for byte equal, naming the files that differ.
pub fn assert_same_tree(now: &BTreeMap<String, Vec<u8>>, before: &BTreeMap<String, Vec<u8>>, what: &str) {
    if now == before {
        return;
    }
    let added: Vec<&String> = now.keys().filter(|k| !before.contains_key(*k)).collect();
    let removed: Vec<&String> = before.keys().filter(|k| !now.contains_key(*k)).collect();
    let changed: Vec<&String> =
        now.keys().filter(|k| before.get(*k).is_some_and(|b| b != &now[*k])).collect();
    panic!("{what}\n  added: {added:?}\n  removed: {removed:?}\n  changed: {changed:?}");
}
