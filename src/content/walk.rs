//! Finding interviews: every folder under `content/` holding an `index.md`, with
//! the other files of that folder as its co-located assets. Names starting with
//! `_` or `.` are skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Diagnostics};

/// The content folder's name under the site root.
pub const CONTENT_DIR: &str = "content";

/// What the walk found.
#[derive(Debug, Default)]
pub struct Found {
    /// Interview folders (absolute) with their assets (relative to the folder), sorted.
    pub interviews: Vec<(PathBuf, Vec<PathBuf>)>,
    /// Problems met on the way.
    pub diagnostics: Diagnostics,
}

fn ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('_') || name.starts_with('.')
}

/// Walks `<root>/content/`.
pub fn find(root: &Path) -> Found {
    find_in(root, &root.join(CONTENT_DIR))
}

/// Walks one folder under `<root>/content/` (or all of it): the interviews at or
/// below `scope`, with their assets. Used by the live server to rescan one subtree.
pub fn find_in(root: &Path, scope: &Path) -> Found {
    let content = scope.to_path_buf();
    let mut found = Found::default();
    if !root.join(CONTENT_DIR).is_dir() {
        found.diagnostics.push(
            Diagnostic::error(CONTENT_DIR, "no content folder")
                .with_hint("create content/<interview>/index.md, or run `site new \"<title>\"`"),
        );
        return found;
    }
    let mut folders: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    let mut files: Vec<PathBuf> = Vec::new();
    if !content.is_dir() {
        return found;
    }
    let walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !ignored(e.file_name()));
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let path = e.into_path();
                if path.file_name().is_some_and(|n| n == "index.md") {
                    if let Some(dir) = path.parent() {
                        folders.insert(dir.to_path_buf(), Vec::new());
                    }
                } else {
                    files.push(path);
                }
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(&content);
                let rel = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                let (msg, hint) = if e.loop_ancestor().is_some() {
                    ("symbolic link loop".to_string(), "remove the link, or rename it to start with `_`")
                } else {
                    (e.to_string(), "check the file's permissions")
                };
                found.diagnostics.push(Diagnostic::error(rel, msg).with_hint(hint));
            }
        }
    }
    for file in files {
        // A file belongs to the nearest interview folder above it.
        let owner = file
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(&content))
            .find(|a| folders.contains_key(*a));
        match owner {
            Some(dir) => {
                let dir = dir.to_path_buf();
                let rel = file.strip_prefix(&dir).unwrap_or(&file).to_path_buf();
                if let Some(assets) = folders.get_mut(&dir) {
                    assets.push(rel);
                }
            }
            None if file.extension().is_some_and(|e| e == "md") => {
                let rel = file.strip_prefix(root).unwrap_or(&file).to_path_buf();
                found.diagnostics.push(
                    Diagnostic::warning(rel, "Markdown file outside an interview folder is ignored")
                        .with_hint(
                        "an interview is a folder with an index.md; prefix the name with `_` to silence this",
                    ),
                );
            }
            None => {}
        }
    }
    found.interviews = folders.into_iter().collect();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn finds_nested_interviews_assets_and_skips_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        for d in ["a", "a/b", "_hidden/x", ".git/y", "group/c/img"] {
            fs::create_dir_all(c.join(d)).unwrap();
        }
        for f in [
            "a/index.md",
            "a/pic.png",
            "a/b/index.md",
            "a/b/data.csv",
            "_hidden/x/index.md",
            ".git/y/index.md",
            "group/c/index.md",
            "group/c/img/d.svg",
            "group/c/_draft.png",
            "stray.md",
        ] {
            fs::write(c.join(f), "x").unwrap();
        }
        let found = find(tmp.path());
        let names: Vec<(String, Vec<String>)> = found
            .interviews
            .iter()
            .map(|(d, a)| {
                (
                    d.strip_prefix(&c).unwrap().to_string_lossy().into_owned(),
                    a.iter().map(|p| p.to_string_lossy().into_owned()).collect(),
                )
            })
            .collect();
        assert_eq!(
            names,
            vec![
                ("a".into(), vec!["pic.png".into()]),
                ("a/b".into(), vec!["data.csv".into()]),
                ("group/c".into(), vec!["img/d.svg".into()]),
            ]
        );
        assert_eq!(found.diagnostics.0.len(), 1, "{:?}", found.diagnostics);
        assert!(!found.diagnostics.has_errors());
    }
}
