//! Finding interviews: every folder under `content/` holding an `index.md`, with
//! the other files of that folder as its co-located assets. Names starting with
//! `_` or `.` are skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::sources::{self, Refused};

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
    if !content.is_dir() {
        return found;
    }
    let real_root = sources::real_root(root);
    // The folder itself too: a content/ (or a rescanned subfolder) that is a link
    // out of the site is refused like any link inside it.
    if let Err(why) = sources::inspect(&content, &real_root) {
        found.diagnostics.push(why.diagnostic(content.strip_prefix(root).unwrap_or(&content)));
        return found;
    }
    let scan = scan(&content, &[], &real_root);
    let rel = |path: &Path| path.strip_prefix(root).unwrap_or(path).to_path_buf();
    for (path, msg, hint) in scan.errors {
        found.diagnostics.push(Diagnostic::error(rel(&path), msg).with_hint(hint));
    }
    for (path, why) in scan.refused {
        found.diagnostics.push(why.diagnostic(&rel(&path)));
    }
    let mut folders: BTreeMap<PathBuf, Vec<PathBuf>> =
        scan.interviews.into_iter().map(|dir| (dir, Vec::new())).collect();
    let mut files = scan.files;
    files.sort();
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

/// What one folder and everything below it holds.
#[derive(Default)]
struct Scan {
    /// Folders with an `index.md`.
    interviews: Vec<PathBuf>,
    /// Every other file.
    files: Vec<PathBuf>,
    /// Path, message, hint.
    errors: Vec<(PathBuf, String, &'static str)>,
    /// Entries not read: links out of the site, special files.
    refused: Vec<(PathBuf, Refused)>,
}

impl Scan {
    fn merge(mut self, other: Scan) -> Scan {
        self.interviews.extend(other.interviews);
        self.files.extend(other.files);
        self.errors.extend(other.errors);
        self.refused.extend(other.refused);
        self
    }
}

/// Scans `dir` and, in parallel, its subfolders: a site has one folder per
/// interview, and listing 100,000 of them one after another takes seconds.
/// Symbolic links inside the site (`root`, its real path) are followed; one that
/// leads back to a folder it sits in (`ancestors` holds their identities) is
/// reported instead, and so is one out of the site. Special files are skipped
/// without being opened ([`sources::inspect`]).
fn scan(dir: &Path, ancestors: &[(u64, u64)], root: &Path) -> Scan {
    use rayon::prelude::*;
    let mut here = Scan::default();
    // This folder and the ones above it: a link to any of them is a loop.
    let mut chain = ancestors.to_vec();
    chain.extend(std::fs::metadata(dir).ok().as_ref().and_then(identity));
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            here.errors.push((dir.to_path_buf(), format!("cannot read folder: {e}"), PERMISSIONS));
            return here;
        }
    };
    let mut subdirs = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                here.errors.push((dir.to_path_buf(), format!("cannot read folder: {e}"), PERMISSIONS));
                continue;
            }
        };
        if ignored(&entry.file_name()) {
            continue;
        }
        let path = entry.path();
        // A regular file needs no further look (the folder listing says what each
        // entry is): one `lstat` fewer per interview. Links, folders and anything
        // else are inspected, links followed as authors expect of a linked
        // folder or file.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            let meta = match sources::inspect(&path, root) {
                Ok(meta) => meta,
                Err(why) => {
                    here.refused.push((path, why));
                    continue;
                }
            };
            if meta.is_dir() {
                if identity(&meta).is_some_and(|id| chain.contains(&id)) {
                    here.errors.push((
                        path,
                        "symbolic link loop".into(),
                        "remove the link, or rename it to start with `_`",
                    ));
                } else {
                    subdirs.push(path);
                }
                continue;
            }
        }
        if path.file_name().is_some_and(|n| n == "index.md") {
            here.interviews.push(dir.to_path_buf());
        } else {
            here.files.push(path);
        }
    }
    subdirs.par_iter().map(|sub| scan(sub, &chain, root)).reduce(Scan::default, Scan::merge).merge(here)
}

const PERMISSIONS: &str = "check the file's permissions";

/// A folder's identity, to recognise it when a link leads back to it.
#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

/// Without inode numbers there is no loop check.
#[cfg(not(unix))]
fn identity(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
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

    #[cfg(unix)]
    #[test]
    fn links_back_to_a_folder_are_loops_not_followed() {
        let tmp = tempfile::tempdir().unwrap();
        let c = tmp.path().join("content");
        fs::create_dir_all(c.join("a/b")).unwrap();
        fs::write(c.join("a/index.md"), "x").unwrap();
        std::os::unix::fs::symlink(c.join("a"), c.join("a/self")).unwrap();
        std::os::unix::fs::symlink(c.join("a"), c.join("a/b/up")).unwrap();
        // A link to a folder elsewhere is followed.
        fs::create_dir_all(tmp.path().join("elsewhere/x")).unwrap();
        fs::write(tmp.path().join("elsewhere/x/index.md"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("elsewhere"), c.join("linked")).unwrap();
        let found = find(tmp.path());
        let mut loops: Vec<String> =
            found.diagnostics.0.iter().map(|d| d.file.to_string_lossy().into_owned()).collect();
        loops.sort();
        assert_eq!(loops, vec!["content/a/b/up", "content/a/self"], "{:?}", found.diagnostics);
        let dirs: Vec<PathBuf> =
            found.interviews.iter().map(|(d, _)| d.strip_prefix(&c).unwrap().into()).collect();
        assert_eq!(dirs, vec![PathBuf::from("a"), PathBuf::from("linked/x")]);
    }
}
