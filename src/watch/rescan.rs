//! Finding what changed when file events were lost: every file the engine read
//! is stamped (size, modification and change times, inode) as it is read, and a
//! rescan lists the folders again and names only the files whose stamp differs,
//! the interviews that appeared and the ones that went. Those paths then take
//! the way of any edit, so a rescan of a library where one file changed reloads
//! one interview, not the library (it used to reload every folder).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

use crate::content::walk;

/// What a file looked like when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Inode and change time: a file replaced by a rename, or written twice in
    /// one tick of the modification time, still differs.
    #[cfg(unix)]
    identity: (u64, i64, i64),
}

impl Stamp {
    /// The stamp of the file at `path` now; `None` when it cannot be read.
    pub fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let identity = {
            use std::os::unix::fs::MetadataExt;
            (m.ino(), m.ctime(), m.ctime_nsec())
        };
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            #[cfg(unix)]
            identity,
        })
    }
}

/// What the engine holds of one interview folder for a rescan.
pub struct Known<'a> {
    /// The stamp of its `index.md` when it was read.
    pub stamp: Option<Stamp>,
    /// Its co-located files then, relative to the folder.
    pub assets: &'a [PathBuf],
}

/// The paths under `scope` (in `content/` of `root`) that changed since they
/// were read, by the stamps of `known` (keyed by interview folder, ordered): the
/// `index.md` of each interview whose stamp or files differ, the folder of each
/// new interview and of each one gone.
pub fn content<'a>(
    root: &Path,
    scope: &Path,
    known: impl Fn(&Path) -> Option<Known<'a>> + Sync,
    known_under: impl Iterator<Item = &'a PathBuf>,
) -> Vec<PathBuf> {
    let found = walk::find_in(root, scope);
    let present: HashSet<&PathBuf> = found.interviews.iter().map(|(d, _)| d).collect();
    let mut changed: Vec<PathBuf> = found
        .interviews
        .par_iter()
        .filter_map(|(dir, assets)| {
            let index = dir.join("index.md");
            match known(dir) {
                None => Some(dir.clone()),
                Some(k)
                    if k.assets != assets.as_slice() || k.stamp.is_none() || k.stamp != Stamp::of(&index) =>
                {
                    Some(index)
                }
                Some(_) => None,
            }
        })
        .collect();
    changed.extend(known_under.filter(|d| !present.contains(d)).cloned());
    changed
}

/// The stamp of every file below `dirs` (theme and site templates and statics:
/// a few hundred files at most).
pub fn tree(dirs: &[PathBuf]) -> BTreeMap<PathBuf, Option<Stamp>> {
    dirs.iter()
        .filter(|d| d.is_dir())
        .flat_map(|d| walkdir::WalkDir::new(d).into_iter().flatten())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| (e.path().to_path_buf(), Stamp::of(e.path())))
        .collect()
}

/// The files that differ between two [`tree`]s: changed, new or gone.
pub fn tree_changes(
    old: &BTreeMap<PathBuf, Option<Stamp>>,
    new: &BTreeMap<PathBuf, Option<Stamp>>,
) -> Vec<PathBuf> {
    let changed = new.iter().filter(|(p, s)| old.get(*p) != Some(s)).map(|(p, _)| p.clone());
    let gone = old.keys().filter(|p| !new.contains_key(*p)).cloned();
    changed.chain(gone).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_rewritten_with_the_same_size_has_another_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index.md");
        std::fs::write(&path, "one").unwrap();
        let before = Stamp::of(&path);
        assert_eq!(before, Stamp::of(&path), "unchanged, same stamp");
        // Replaced by a rename (as editors save): another inode, whatever the times.
        let tmp = dir.path().join("index.md.tmp");
        std::fs::write(&tmp, "two").unwrap();
        std::fs::rename(&tmp, &path).unwrap();
        assert_ne!(before, Stamp::of(&path));
    }

    #[test]
    fn tree_changes_name_changed_new_and_gone_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::write(root.join("a.html"), "a").unwrap();
        std::fs::write(root.join("b.html"), "b").unwrap();
        let before = tree(std::slice::from_ref(&root));
        assert!(tree_changes(&before, &tree(std::slice::from_ref(&root))).is_empty());
        std::fs::write(root.join("a.html"), "longer").unwrap();
        std::fs::remove_file(root.join("b.html")).unwrap();
        std::fs::write(root.join("c.html"), "c").unwrap();
        let mut changed = tree_changes(&before, &tree(std::slice::from_ref(&root)));
        changed.sort();
        assert_eq!(changed, vec![root.join("a.html"), root.join("b.html"), root.join("c.html")]);
    }
}
