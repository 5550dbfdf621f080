//! Writing the built site: every file goes into a fresh staging folder, which
//! replaces the old output only once everything is written. A failed build leaves
//! the previous output exactly as it was; where the output may be is decided by
//! [`target`].

mod swap;
pub mod target;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
pub use target::{holds_a_build, Target, MARKER};
use target::{MARKER_TEXT, OLD_PREFIX, STAGING_PREFIX};

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

/// Writes `files` as the new content of the checked output `target` (see [`Staging`]).
pub fn write_site(target: &Target, files: &[OutputFile]) -> Result<()> {
    check_paths(files.iter().map(|f| (f.path.as_str(), f.origin())))?;
    let staging = Staging::create(target, files.iter().map(|f| f.path.as_str()))?;
    files.par_iter().try_for_each(|f| staging.write(f))?;
    staging.commit()
}

impl OutputFile {
    /// The file on disk this output comes from, when there is one (for messages).
    pub fn origin(&self) -> Option<&Path> {
        match (&self.source, &self.body) {
            (Some(s), _) => Some(s),
            (None, Body::Copy(p)) => Some(p),
            _ => None,
        }
    }
}

/// Refuses a set of output paths where one file would need to be a folder for
/// another (`static/index.html/x.css` beside the home page): the error names both
/// before anything is written.
pub fn check_paths<'a>(files: impl Iterator<Item = (&'a str, Option<&'a Path>)>) -> Result<()> {
    let files: HashMap<&str, Option<&Path>> = files.collect();
    let mut errors = Diagnostics::default();
    for (path, origin) in &files {
        let mut at = 0;
        while let Some(i) = path[at..].find('/') {
            let folder = &path[..at + i];
            at += i + 1;
            if let Some(other) = files.get(folder) {
                let name = |p: &str, o: &Option<&Path>| match o {
                    Some(o) => format!("{p} (from {})", o.display()),
                    None => p.to_string(),
                };
                let file = origin.map_or_else(|| PathBuf::from(path), Path::to_path_buf);
                errors.push(
                    Diagnostic::error(
                        file,
                        format!(
                            "{} needs {folder} to be a folder, but {} is a file of the site",
                            name(path, origin),
                            name(folder, other)
                        ),
                    )
                    .with_hint("rename one of the two: an output path cannot be both a file and a folder"),
                );
            }
        }
    }
    if errors.has_errors() {
        errors.0.sort_by(|a, b| a.file.cmp(&b.file));
        return Err(Error::Invalid(errors));
    }
    Ok(())
}

/// A new output being written: beside the old output folder (then swapped in by
/// one atomic rename), or inside it when the output is a symlink or a mount point
/// (then the contents are swapped, the folder itself stays). Files are written as
/// they are rendered; [`Staging::commit`] puts them in place, and dropping it
/// uncommitted removes it, leaving the old output untouched.
pub struct Staging {
    target: Target,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    /// Creates the staging folder (with the build marker) and every folder the
    /// given output paths need.
    pub fn create<'a>(target: &Target, paths: impl Iterator<Item = &'a str>) -> Result<Staging> {
        let real = &target.real;
        let dir = if target.in_place {
            swap::remove_leftovers(real, STAGING_PREFIX);
            swap::remove_leftovers(real, OLD_PREFIX);
            real.join(format!("{STAGING_PREFIX}{}", std::process::id()))
        } else {
            let parent = real.parent().unwrap_or(Path::new("/"));
            std::fs::create_dir_all(parent).map_err(|e| write_error(&target.shown, None, e))?;
            let name = real.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
            swap::remove_leftovers(parent, &format!(".{name}.staging-"));
            parent.join(format!(".{name}.staging-{}", std::process::id()))
        };
        swap::remove_if_exists(&dir).map_err(|e| write_error(&target.shown, None, e))?;
        std::fs::create_dir(&dir).map_err(|e| write_error(&target.shown, None, e))?;
        let staging = Staging { target: target.clone(), dir, committed: false };
        std::fs::write(staging.dir.join(MARKER), MARKER_TEXT)
            .map_err(|e| write_error(&target.shown.join(MARKER), None, e))?;
        staging.add_folders(paths)?;
        Ok(staging)
    }

    /// Creates the folders `paths` need that do not exist yet.
    pub fn add_folders<'a>(&self, paths: impl Iterator<Item = &'a str>) -> Result<()> {
        create_dirs(&self.dir, paths).map_err(|(rel, e)| write_error(&self.target.shown.join(rel), None, e))
    }

    /// Writes one file. A file whose bytes equal the old output's is hard-linked
    /// from it instead: no data is written and its modification time is kept.
    pub fn write(&self, f: &OutputFile) -> Result<()> {
        let dest = self.dir.join(&f.path);
        let old = self.target.real.join(&f.path);
        let unchanged = self.target.previous
            && match &f.body {
                Body::Bytes(b) => same_bytes(&old, b),
                Body::Static(b) => same_bytes(&old, b),
                Body::Copy(src) => same_file(src, &old),
            };
        if unchanged && std::fs::hard_link(&old, &dest).is_ok() {
            return Ok(());
        }
        let written = match &f.body {
            Body::Bytes(b) => std::fs::write(&dest, b),
            Body::Static(b) => std::fs::write(&dest, b),
            Body::Copy(src) => std::fs::copy(src, &dest).map(|_| ()),
        };
        written.map_err(|e| write_error(&self.target.shown.join(&f.path), f.origin(), e))
    }

    /// Puts the new output in place and removes the old one.
    pub fn commit(mut self) -> Result<()> {
        let shown = &self.target.shown;
        if self.target.in_place {
            swap::swap_contents(&self.dir, &self.target.real).map_err(|e| write_error(shown, None, e))?;
            self.committed = true;
            return Ok(());
        }
        swap::swap(&self.dir, &self.target.real).map_err(|e| write_error(shown, None, e))?;
        self.committed = true;
        // After the swap the staging path holds the old output (or nothing).
        swap::remove_if_exists(&self.dir).map_err(|e| write_error(shown, None, e))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = swap::remove_tree(&self.dir);
        }
    }
}

/// An I/O error met while writing `out` (a path of the output as the user named
/// it, never a staging path), naming the source file when there is one, with a
/// hint for the causes a user can act on.
fn write_error(out: &Path, origin: Option<&Path>, e: std::io::Error) -> Error {
    let hint = match Cause::of(&e) {
        Cause::Full => "the disk is full: free some space and build again",
        Cause::NameTooLong => {
            "a name is too long for this file system: shorten the folder or file name it comes from"
        }
        Cause::FolderClash => {
            "a folder stands where a file goes (or a file where a folder goes): rename one of them"
        }
        Cause::Permission => {
            "check the permissions of the output folder, or choose another one with --output"
        }
        Cause::Other if origin.is_some() && e.kind() == std::io::ErrorKind::NotFound => {
            "the source file disappeared during the build: build again"
        }
        Cause::Other => "check the output folder and build again",
    };
    let message = format!("cannot write {}: {e}", out.display());
    let file = origin.map_or_else(|| out.to_path_buf(), Path::to_path_buf);
    Error::Invalid(Diagnostics(vec![Diagnostic::error(file, message).with_hint(hint)]))
}

/// The causes of a failed write that a user can act on.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Cause {
    Full,
    NameTooLong,
    FolderClash,
    Permission,
    Other,
}

impl Cause {
    /// Classifies `e` (by errno where the portable kinds are too new for our MSRV).
    pub(crate) fn of(e: &std::io::Error) -> Cause {
        if e.kind() == std::io::ErrorKind::PermissionDenied {
            return Cause::Permission;
        }
        #[cfg(target_os = "linux")]
        {
            use rustix::io::Errno;
            match Errno::from_io_error(e) {
                Some(Errno::NOSPC | Errno::DQUOT) => return Cause::Full,
                Some(Errno::NAMETOOLONG) => return Cause::NameTooLong,
                Some(Errno::ISDIR | Errno::NOTDIR | Errno::EXIST) => return Cause::FolderClash,
                Some(Errno::ROFS) => return Cause::Permission,
                _ => {}
            }
        }
        Cause::Other
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
/// parallel: a large site has one folder per page. Fails with the relative path.
fn create_dirs<'a>(
    root: &Path,
    paths: impl Iterator<Item = &'a str>,
) -> std::result::Result<(), (PathBuf, std::io::Error)> {
    let mut dirs: Vec<&Path> = paths
        .filter_map(|p| Path::new(p).parent())
        .flat_map(|p| p.ancestors())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    dirs.sort_by_key(|d| (d.components().count(), *d));
    dirs.dedup();
    for level in dirs.chunk_by(|a, b| a.components().count() == b.components().count()) {
        level.par_iter().try_for_each(|d| match std::fs::create_dir(root.join(d)) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => Err((d.to_path_buf(), e)),
            _ => Ok(()),
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
        super::write_site(&Target::check(Path::new("/nonexistent-site"), out)?, files)
    }

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

    #[cfg(target_os = "linux")]
    #[test]
    fn write_errors_say_what_to_do() {
        let full = std::io::Error::from_raw_os_error(28); // ENOSPC
        let ds = write_error(Path::new("public/a.html"), Some(Path::new("content/a/index.md")), full)
            .into_diagnostics();
        assert_eq!(ds.0[0].file, Path::new("content/a/index.md"));
        assert!(ds.0[0].message.contains("public/a.html"));
        assert!(ds.0[0].hint.as_deref().unwrap_or("").contains("disk is full"));
        assert_eq!(Cause::of(&std::io::Error::from_raw_os_error(36)), Cause::NameTooLong);
        assert_eq!(Cause::of(&std::io::Error::from_raw_os_error(21)), Cause::FolderClash);
    }

    #[test]
    fn a_file_that_is_also_a_folder_is_refused_naming_both() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let css = OutputFile {
            path: "index.html/x.css".into(),
            body: Body::Bytes(Vec::new()),
            source: Some("static/index.html/x.css".into()),
        };
        let err = write_site(&out, &[page("index.html", "home"), css]).unwrap_err().into_diagnostics();
        let d = &err.0[0];
        assert_eq!(d.file, Path::new("static/index.html/x.css"));
        assert!(d.message.contains("index.html is a file of the site"), "{}", d.message);
        assert!(!out.exists(), "nothing is written");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_output_is_written_through_and_the_link_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let web = tmp.path().join("web");
        std::fs::create_dir(&web).unwrap();
        let link = tmp.path().join("public");
        std::os::unix::fs::symlink(&web, &link).unwrap();
        write_site(&link, &[page("index.html", "1"), page("old.txt", "x")]).unwrap();
        write_site(&link, &[page("index.html", "2")]).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
        assert_eq!(std::fs::read_to_string(web.join("index.html")).unwrap(), "2");
        assert!(!web.join("old.txt").exists());
        let mut names: Vec<String> = std::fs::read_dir(&web)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec![MARKER.to_string(), "index.html".to_string()], "no work folders left");
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
