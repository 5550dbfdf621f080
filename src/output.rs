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

/// Writes `files` as the new content of `output`, atomically as far as the
/// file system allows: stage, then swap by renaming.
pub fn write_site(output: &Path, files: &[OutputFile]) -> Result<()> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    remove_if_exists(&staging)?;
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;

    if let Err(e) = write_all(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    // Swap: old output aside, staging in, old removed. Between the two renames the
    // output path is briefly absent, but never half-written.
    let had_old = output.exists();
    if had_old {
        std::fs::rename(output, &old).map_err(|e| {
            let _ = std::fs::remove_dir_all(&staging);
            Error::io(output, e)
        })?;
    }
    if let Err(e) = std::fs::rename(&staging, output) {
        if had_old {
            let _ = std::fs::rename(&old, output);
        }
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Error::io(output, e));
    }
    if had_old {
        remove_if_exists(&old)?;
    }
    Ok(())
}

fn write_all(root: &Path, files: &[OutputFile]) -> Result<()> {
    // Every folder of the output, created level by level, each level in parallel:
    // a large site has one folder per page.
    let mut dirs: Vec<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent())
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
    files.par_iter().try_for_each(|f| {
        let dest = root.join(&f.path);
        match &f.body {
            Body::Bytes(b) => std::fs::write(&dest, b).map_err(|e| Error::io(&dest, e)),
            Body::Static(b) => std::fs::write(&dest, b).map_err(|e| Error::io(&dest, e)),
            Body::Copy(src) => std::fs::copy(src, &dest).map(|_| ()).map_err(|e| Error::io(src, e)),
        }
    })
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
