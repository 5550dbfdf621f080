//! What a build may read from the site's folders (`content/`, `static/`, themes,
//! `templates/`, `site.toml`): regular files and folders inside the site. Each
//! entry is looked at before it is opened, so a symbolic link out of the site is
//! refused (a build never publishes a file from elsewhere; `serve` refuses the
//! same links) and a FIFO, socket or device is skipped without ever being opened
//! (opening a FIFO would wait for a writer for good). See docs/safety.md.

use std::fs::Metadata;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// Why an entry is not read.
#[derive(Debug)]
pub enum Refused {
    /// A symbolic link whose target is outside the site folder.
    Outside(PathBuf),
    /// Not a regular file or folder: a FIFO, socket or device (its kind).
    Special(&'static str),
    /// It cannot be looked at (a dangling link, permissions).
    Unreadable(std::io::Error),
}

impl Refused {
    /// The diagnostic for entry `shown` (a path relative to the site root): an
    /// error for a link out of the site or an unreadable entry, a warning for a
    /// special file, which is skipped.
    pub fn diagnostic(&self, shown: &Path) -> Diagnostic {
        match self {
            Refused::Outside(target) => Diagnostic::error(
                shown,
                format!("symbolic link to {}, outside the site folder: it is not followed", target.display()),
            )
            .with_hint(
                "copy the file or folder into the site, or remove the link: links must stay inside the site",
            ),
            Refused::Special(kind) => {
                Diagnostic::warning(shown, format!("{kind}, not a regular file: skipped"))
                    .with_hint("remove it, or rename it to start with `_` to silence this")
            }
            Refused::Unreadable(e) => Diagnostic::error(shown, format!("cannot read: {e}"))
                .with_hint("check the file's permissions"),
        }
    }
}

/// Looks at `path` without opening it: its metadata (links followed) when it is
/// a regular file or a folder inside the site `root`. The root is resolved only
/// when a link is met (one `lstat` per entry otherwise).
pub fn inspect(path: &Path, root: &Path) -> Result<Metadata, Refused> {
    let own = std::fs::symlink_metadata(path).map_err(Refused::Unreadable)?;
    let meta = if own.file_type().is_symlink() {
        let target = path.canonicalize().map_err(Refused::Unreadable)?;
        if !target.starts_with(real_root(root)) {
            return Err(Refused::Outside(target));
        }
        std::fs::metadata(&target).map_err(Refused::Unreadable)?
    } else {
        own
    };
    if meta.is_file() || meta.is_dir() {
        return Ok(meta);
    }
    Err(Refused::Special(special_kind(&meta)))
}

/// Reads a file of the site after [`inspect`] has passed it: a FIFO or a link
/// out of the site is refused before anything is opened.
pub fn read(path: &Path, root: &Path) -> Result<Vec<u8>, Refused> {
    let meta = inspect(path, root)?;
    if !meta.is_file() {
        return Err(Refused::Special("a folder"));
    }
    std::fs::read(path).map_err(Refused::Unreadable)
}

/// The real path of the site root, which links must stay inside (the root as
/// given when it cannot be resolved: every link then counts as outside).
pub fn real_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

#[cfg(unix)]
fn special_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "a special file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn links_out_of_the_root_and_fifos_are_refused_without_opening() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("site");
        std::fs::create_dir(&root).unwrap();
        let root = real_root(&root);
        std::fs::write(tmp.path().join("secret.txt"), "x").unwrap();
        std::fs::write(root.join("ok.txt"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("ok.txt"), root.join("alias.txt")).unwrap();
        assert!(matches!(inspect(&root.join("leak.txt"), &root), Err(Refused::Outside(_))));
        assert!(inspect(&root.join("alias.txt"), &root).is_ok_and(|m| m.is_file()));
        let fifo = root.join("pipe");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        assert!(matches!(read(&fifo, &root), Err(Refused::Special(_))), "a FIFO is never opened");
    }
}
