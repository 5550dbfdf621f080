//! Writing the built site: every file goes into a fresh staging folder beside the
//! output folder, which replaces the old output only once everything is written.
//! A failed build leaves the previous output exactly as it was.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Error, Result};

/// Where an output file's bytes come from.
#[derive(Debug, Clone)]
pub enum Body {
    /// Rendered in memory.
    Bytes(Vec<u8>),
    /// Compiled into the binary (the default theme's static files).
    Static(&'static [u8]),
    /// Copied from a file on disk.
    Copy(PathBuf),
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output root, `/`-separated (`interviews/x/index.html`).
    pub path: String,
    /// Its content.
    pub body: Body,
    /// The content file it came from, for messages (interview pages and assets).
    pub source: Option<PathBuf>,
}

/// Writes `files` as the new content of `output` (see [`Staging`]).
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::create(output, files.iter().map(|f| f.path.as_str()))?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit()
}

/// A new output folder being written beside the old one. Files are written as
/// they are rendered; [`Staging::commit`] swaps it in (atomically on Linux), and
/// dropping it uncommitted removes it, leaving the old output untouched.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// Whether there is a previous output to link unchanged files from: a clean
    /// build skips looking for each of its files in an output that is not there.
    previous: bool,
}

impl Staging {
    /// Creates the staging folder and every folder the given output paths need.
    pub fn create<'a>(output: &Path, paths: impl Iterator<Item = &'a str>) -> Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        remove_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        remove_if_exists(&dir)?;
        std::fs::create_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        let previous = output.is_dir();
        let staging = Staging { output: output.to_path_buf(), dir, committed: false, previous };
        create_dirs(&staging.dir, paths)?;
        Ok(staging)
    }

    /// Creates the folders `paths` need that do not exist yet.
    pub fn add_folders<'a>(&self, paths: impl Iterator<Item = &'a str>) -> Result<()> {
        create_dirs(&self.dir, paths)
    }

    /// Writes one file. A file whose bytes equal the old output's is hard-linked
    /// from it instead: no data is written and its modification time is kept.
    pub fn write(&self, f: &OutputFile) -> Result<()> {
        let dest = self.dir.join(&f.path);
        let old = self.output.join(&f.path);
        let unchanged = self.previous
            && match &f.body {
                Body::Bytes(b) => same_bytes(&old, b),
                Body::Static(b) => same_bytes(&old, b),
                Body::Copy(src) => same_file(src, &old),
            };
        if unchanged && std::fs::hard_link(&old, &dest).is_ok() {
            return Ok(());
        }
        match &f.body {
            Body::Bytes(b) => std::fs::write(&dest, b).map_err(|e| Error::io(&dest, e)),
            Body::Static(b) => std::fs::write(&dest, b).map_err(|e| Error::io(&dest, e)),
            Body::Copy(src) => std::fs::copy(src, &dest).map(|_| ()).map_err(|e| Error::io(src, e)),
        }
    }

    /// Puts the staging folder in place of the output and removes the old output.
    pub fn commit(mut self) -> Result<()> {
        swap(&self.dir, &self.output)?;
        self.committed = true;
        // After the swap the staging path holds the old output (or nothing).
        remove_if_exists(&self.dir)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

/// Replaces `output` with `staging`. On Linux one `renameat2(RENAME_EXCHANGE)`
/// swaps them atomically, so a build killed at any moment leaves either the old
/// or the new output complete at its path; the old one ends up at `staging`.
fn swap(staging: &Path, output: &Path) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if output.exists() {
            match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
                Ok(()) => return Ok(()),
                // Some file systems lack the exchange: fall back to two renames.
                Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
                Err(e) => return Err(Error::io(output, e.into())),
            }
        }
    }
    if output.exists() {
        let mut aside = staging.as_os_str().to_owned();
        aside.push(".old");
        let aside = PathBuf::from(aside);
        std::fs::rename(output, &aside).map_err(|e| Error::io(output, e))?;
        if let Err(e) = std::fs::rename(staging, output) {
            let _ = std::fs::rename(&aside, output);
            return Err(Error::io(output, e));
        }
        // Let commit remove the old output from the staging path.
        std::fs::rename(&aside, staging).map_err(|e| Error::io(&aside, e))
    } else {
        std::fs::rename(staging, output).map_err(|e| Error::io(output, e))
    }
}

/// Removes staging folders left by builds that were killed (their process is gone).
fn remove_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(&prefix) else { continue };
        let Ok(pid) = pid.trim_end_matches(".old").parse::<u32>() else { continue };
        // Where liveness cannot be checked, a leftover is assumed dead.
        let alive = pid == std::process::id()
            || (cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            let _ = remove_tree(&e.path());
        }
    }
}

fn same_bytes(old: &Path, new: &[u8]) -> bool {
    std::fs::metadata(old).is_ok_and(|m| m.is_file() && m.len() == new.len() as u64)
        && std::fs::read(old).is_ok_and(|b| b == new)
}

fn same_file(src: &Path, old: &Path) -> bool {
    let (Ok(a), Ok(b)) = (std::fs::metadata(src), std::fs::metadata(old)) else { return false };
    a.is_file() && b.is_file() && a.len() == b.len() && std::fs::read(src).ok() == std::fs::read(old).ok()
}

/// Creates every folder the output paths need, level by level, each level in
/// parallel: a large site has one folder per page.
fn create_dirs<'a>(root: &Path, paths: impl Iterator<Item = &'a str>) -> Result<()> {
    let mut dirs: Vec<&Path> = paths
        .filter_map(|p| Path::new(p).parent())
        .flat_map(|p| p.ancestors())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    dirs.sort_by_key(|d| (d.components().count(), *d));
    dirs.dedup();
    for level in dirs.chunk_by(|a, b| a.components().count() == b.components().count()) {
        level.par_iter().try_for_each(|d| {
            let path = root.join(d);
            match std::fs::create_dir(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err(Error::io(&path, e)),
                _ => Ok(()),
            }
        })?;
    }
    Ok(())
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match remove_tree(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(path, e)),
        _ => Ok(()),
    }
}

/// `remove_dir_all`, with the entries of each folder removed in parallel: the old
/// output of a large site holds one folder per page.
fn remove_tree(path: &Path) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if !meta.is_dir() {
        return std::fs::remove_file(path);
    }
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(path)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    })?;
    std::fs::remove_dir(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str, text: &str) -> OutputFile {
        OutputFile { path: path.into(), body: Body::Bytes(text.as_bytes().to_vec()), source: None }
    }

    #[test]
    fn replaces_output_and_drops_stale_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[page("a/index.html", "1"), page("old.txt", "x")]).unwrap();
        write_site(&out, &[page("a/index.html", "2")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "staging folders must be cleaned up");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn unchanged_files_are_linked_not_rewritten() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[page("same.html", "x"), page("changed.html", "1")]).unwrap();
        let ino = |p: &str| std::fs::metadata(out.join(p)).unwrap().ino();
        let (same, changed) = (ino("same.html"), ino("changed.html"));
        write_site(&out, &[page("same.html", "x"), page("changed.html", "2")]).unwrap();
        assert_eq!(ino("same.html"), same, "unchanged bytes keep their file");
        assert_ne!(ino("changed.html"), changed);
        assert_eq!(std::fs::read_to_string(out.join("changed.html")).unwrap(), "2");
    }

    #[test]
    fn leftovers_of_killed_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        // No process has this pid (above the kernel's maximum).
        std::fs::create_dir_all(tmp.path().join(".public.staging-4194305/x")).unwrap();
        write_site(&out, &[page("index.html", "ok")]).unwrap();
        let names: Vec<String> = std::fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["public".to_string()]);
    }

    #[test]
    fn failed_copy_keeps_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(&out, &[page("index.html", "good")]).unwrap();
        let missing =
            OutputFile { path: "x.png".into(), body: Body::Copy(tmp.path().join("nope.png")), source: None };
        assert!(write_site(&out, &[page("index.html", "new"), missing]).is_err());
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "good");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
