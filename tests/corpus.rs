//! The benchmark corpus generator (`examples/corpus/`): its Roundtable and Hugo trees
//! hold the same interviews, the interviews look like real ones, and `site build`
//! builds the Roundtable tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../examples/corpus/gen.rs"]
#[allow(dead_code)]
mod gen;

const COUNT: usize = 30;

/// One interview as read back from either tree.
#[derive(Debug, PartialEq)]
struct Record {
    title: String,
    date: String,
    principles: Vec<String>,
    role: String,
    level: String,
    company: String,
    verdict: String,
    video: String,
    summary: String,
    /// name, role, hire_reason, concern
    panel: Vec<[String; 4]>,
    body: String,
}

fn split_page(path: &Path) -> (toml::Table, String) {
    let text = fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("+++\n").unwrap_or_else(|| panic!("{}: no opening +++", path.display()));
    let end = rest.find("\n+++\n").unwrap_or_else(|| panic!("{}: no closing +++", path.display()));
    let table: toml::Table =
        toml::from_str(&rest[..end]).unwrap_or_else(|e| panic!("{}: bad TOML: {e}", path.display()));
    (table, rest[end + 5..].to_string())
}

fn s(t: &toml::Table, key: &str) -> String {
    match t.get(key) {
        Some(toml::Value::String(v)) => v.clone(),
        Some(toml::Value::Datetime(d)) => d.to_string(),
        other => panic!("{key}: expected a string or date, got {other:?}"),
    }
}

fn strings(t: &toml::Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(|v| v.as_array())
        .unwrap_or_else(|| panic!("{key}: expected an array"))
        .iter()
        .map(|v| v.as_str().expect("a string").to_string())
        .collect()
}

fn panel(t: &toml::Table, key: &str) -> Vec<[String; 4]> {
    t.get(key)
        .and_then(|v| v.as_array())
        .unwrap_or_else(|| panic!("{key}: expected an array of tables"))
        .iter()
        .map(|p| {
            let p = p.as_table().expect("a table");
            [s(p, "name"), s(p, "role"), s(p, "hire_reason"), s(p, "concern")]
        })
        .collect()
}

fn one(v: Vec<String>) -> String {
    assert_eq!(v.len(), 1, "expected exactly one term: {v:?}");
    v.into_iter().next().unwrap()
}

/// Every `index.md` under `dir`, keyed by its folder name (the slug).
fn pages(dir: &Path) -> BTreeMap<String, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().unwrap() == "index.md" {
                let slug = p.parent().unwrap().file_name().unwrap().to_str().unwrap().to_string();
                assert!(out.insert(slug, p.clone()).is_none(), "duplicate slug at {}", p.display());
            }
        }
    }
    out
}

fn read_roundtable(root: &Path) -> BTreeMap<String, Record> {
    pages(&root.join("content"))
        .into_iter()
        .map(|(slug, path)| {
            let year = path.parent().unwrap().parent().unwrap().file_name().unwrap().to_str().unwrap();
            let (t, body) = split_page(&path);
            let date = s(&t, "date");
            assert!(date.starts_with(year), "{}: date {date} outside its year folder", path.display());
            let r = Record {
                title: s(&t, "title"),
                date,
                principles: strings(&t, "principles"),
                role: s(&t, "role"),
                level: s(&t, "level"),
                company: s(&t, "company"),
                verdict: s(&t, "verdict"),
                video: s(&t, "video"),
                summary: s(&t, "summary"),
                panel: panel(&t, "panelists"),
                body,
            };
            (slug, r)
        })
        .collect()
}

fn read_hugo(root: &Path) -> BTreeMap<String, Record> {
    pages(&root.join("content/interviews"))
        .into_iter()
        .map(|(slug, path)| {
            let (t, body) = split_page(&path);
            let params = t.get("params").and_then(|v| v.as_table()).expect("[params]");
            let panel = panel(params, "panel");
            let names: Vec<String> = panel.iter().map(|p| p[0].clone()).collect();
            assert_eq!(strings(&t, "panelists"), names, "{}: panelists term list", path.display());
            let r = Record {
                title: s(&t, "title"),
                date: s(&t, "date"),
                principles: strings(&t, "principles"),
                role: one(strings(&t, "roles")),
                level: one(strings(&t, "levels")),
                company: s(params, "company"),
                verdict: s(params, "verdict"),
                video: s(params, "video"),
                summary: s(&t, "summary"),
                panel,
                body,
            };
            (slug, r)
        })
        .collect()
}

#[test]
fn both_trees_hold_the_same_interviews_and_site_builds_them() {
    let tmp = tempfile::tempdir().unwrap();
    let written = gen::write_corpus(tmp.path(), COUNT, gen::DEFAULT_SEED).unwrap();
    assert_eq!(written.interviews, COUNT);

    let rt = read_roundtable(&tmp.path().join("roundtable"));
    let hu = read_hugo(&tmp.path().join("hugo"));
    assert_eq!(rt.len(), COUNT);
    assert_eq!(rt.keys().collect::<Vec<_>>(), hu.keys().collect::<Vec<_>>(), "same slugs");
    for (slug, r) in &rt {
        assert_eq!(Some(r), hu.get(slug), "interview {slug} differs between the trees");
    }

    // The interviews look like real ones.
    let catalogue: BTreeSet<&str> = gen::PRINCIPLES.iter().map(|p| p.0).collect();
    let verdicts: BTreeSet<&str> = gen::VERDICTS.iter().map(|v| v.0).collect();
    let files = pages(&tmp.path().join("roundtable/content"));
    let mut pool = BTreeMap::new();
    for (slug, r) in &rt {
        let size = fs::metadata(&files[slug]).unwrap().len();
        assert!((5 * 1024..=8 * 1024).contains(&size), "{slug}: {size} bytes");
        assert!((1..=3).contains(&r.principles.len()), "{slug}: principles");
        assert!(r.principles.iter().all(|p| catalogue.contains(p.as_str())), "{slug}: unknown principle");
        assert!(verdicts.contains(r.verdict.as_str()), "{slug}: verdict {}", r.verdict);
        assert!((3..=5).contains(&r.panel.len()), "{slug}: panel size");
        let turns: Vec<&str> = r.body.lines().filter_map(|l| l.strip_prefix("### ")).collect();
        assert!((8..=14).contains(&turns.len()), "{slug}: {} turns", turns.len());
        for p in &r.panel {
            assert!(turns.contains(&p[0].as_str()), "{slug}: {} never speaks", p[0]);
            // A panelist's role is fixed across interviews.
            let role = pool.entry(p[0].clone()).or_insert_with(|| p[1].clone());
            assert_eq!(role, &p[1], "{}: role changed", p[0]);
        }
        assert!(turns.iter().all(|t| r.panel.iter().any(|p| p[0] == *t)), "{slug}: undeclared speaker");
        let roundtable = r.body.find("\n## Roundtable\n").expect("## Roundtable");
        let consensus = r.body.find("\n## Consensus\n").expect("## Consensus");
        assert!(roundtable < consensus, "{slug}: section order");
    }
    assert!(pool.len() <= 40);

    // Deterministic, and interview i does not depend on the corpus size.
    let again = tempfile::tempdir().unwrap();
    gen::write_corpus(again.path(), COUNT + 5, gen::DEFAULT_SEED).unwrap();
    let rt2 = read_roundtable(&again.path().join("roundtable"));
    for (slug, r) in &rt {
        assert_eq!(Some(r), rt2.get(slug), "{slug}: not deterministic");
    }
    assert_ne!(gen::interview(0, 1).body, gen::interview(0, 2).body, "the seed matters");

    // `site build` builds the Roundtable tree.
    let out = tmp.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_site"))
        .arg("build")
        .arg("--root")
        .arg(tmp.path().join("roundtable"))
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "site build failed: {stderr}");
    assert!(!stderr.contains("warning"), "site build warned: {stderr}");
    for slug in rt.keys() {
        assert!(out.join("interviews").join(slug).join("index.html").is_file(), "no page for {slug}");
    }
    for p in &catalogue {
        if rt.values().any(|r| r.principles.iter().any(|x| x == p)) {
            let page = out.join("principles").join(gen::slugify(p)).join("index.html");
            assert!(page.is_file(), "no page {}", page.display());
        }
    }
}
