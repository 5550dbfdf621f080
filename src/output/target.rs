//! Where a build may write: the output folder is judged by the path it really
//! resolves to (symlinks followed, `..` applied the way creating the folders
//! would apply it), never by the string given; and a folder is only ever replaced
//! when it is empty or carries the marker every build writes. See docs/safety.md.

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};

/// The file every build writes at the top of its output. A non-empty folder
/// without it was not written by `site build` and is never replaced.
pub const MARKER: &str = ".roundtable-build";

/// What the marker says (it is published with the site, so it says nothing else).
pub const MARKER_TEXT: &str = "Written by `site build` (Roundtable). The next build replaces this folder.\n";

/// Prefixes of the work folders a build makes beside or inside the output.
pub(crate) const STAGING_PREFIX: &str = ".roundtable-staging-";
pub(crate) const OLD_PREFIX: &str = ".roundtable-old-";

/// The folders of a site that a build must never write into.
const SOURCES: [&str; 4] = ["content", "static", "themes", "templates"];

/// An output folder, resolved and checked: safe to replace.
#[derive(Debug, Clone)]
pub struct Target {
    /// The path as the user gave it (for messages).
    pub shown: PathBuf,
    /// The real path: absolute, no symlinks, no `..`.
    pub real: PathBuf,
    /// The output is a symlink or a mount point: its contents are swapped inside
    /// it, the folder itself stays where it is.
    pub in_place: bool,
    /// A previous build is there (unchanged files are linked from it).
    pub previous: bool,
}

/// True when `out` holds a build written by `site build` (it carries the marker).
pub fn holds_a_build(out: &Path) -> bool {
    out.join(MARKER).is_file()
}

impl Target {
    /// Resolves `output` and refuses it when a build there could destroy the
    /// site or anything that is not a previous build.
    pub fn check(root: &Path, output: &Path) -> Result<Target> {
        let refuse = |msg: String, hint: &str| {
            Error::Invalid(Diagnostics(vec![Diagnostic::error(output, msg).with_hint(hint)]))
        };
        let (real, last_is_link) = resolve(output).map_err(|e| {
            let hint = if super::Cause::of(&e) == super::Cause::NameTooLong {
                "a name in this path is too long for the file system: choose a shorter one"
            } else {
                "choose an output folder you can write to"
            };
            refuse(format!("cannot use this output folder: {e}"), hint)
        })?;
        let root = resolve(root).map(|(r, _)| r).unwrap_or_else(|_| root.to_path_buf());
        if root.starts_with(&real) {
            return Err(refuse(
                format!("the output folder holds the site itself (it resolves to {})", real.display()),
                "the build replaces its output folder: choose a separate one, such as public/",
            ));
        }
        for name in SOURCES {
            let source = resolve(&root.join(name)).map_or_else(|_| root.join(name), |(r, _)| r);
            if real.starts_with(&source) || source.starts_with(&real) {
                return Err(refuse(
                    format!("the output folder is or holds the site's {name}/ folder (it resolves to {})", real.display()),
                    "choose an output folder outside content/, static/, themes/ and templates/, such as public/",
                ));
            }
        }
        let meta = match std::fs::metadata(&real) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(refuse(format!("cannot read the output folder: {e}"), "check its permissions"))
            }
        };
        let Some(meta) = meta else {
            return Ok(Target { shown: output.to_path_buf(), real, in_place: last_is_link, previous: false });
        };
        if !meta.is_dir() {
            return Err(refuse(
                "the output is a file, not a folder".to_string(),
                "the build writes a folder of pages: pass a folder path with --output",
            ));
        }
        let previous = holds_a_build(&real);
        if !previous && !is_empty(&real) {
            return Err(refuse(
                format!(
                    "the output folder is not empty and holds no build of `site build` (no {MARKER} file)"
                ),
                "the build replaces its output folder entirely: choose a new or empty folder; \
                 if this is an older build of this site, delete it once yourself",
            ));
        }
        let in_place = last_is_link || is_mount_point(&real);
        Ok(Target { shown: output.to_path_buf(), real, in_place, previous })
    }
}

/// True when `dir` holds nothing but a killed build's work folders.
fn is_empty(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().all(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX)
        })
    })
}

/// The real path `path` names, and whether its last part is a symlink. Parts
/// that exist are resolved by the file system (symlinks followed); parts that do
/// not are applied lexically, exactly as creating the missing folders one by one
/// would: `content/tmp/../../content` is `content` whether or not `tmp` exists.
pub fn resolve(path: &Path) -> std::io::Result<(PathBuf, bool)> {
    let mut cur =
        if path.is_absolute() { PathBuf::new() } else { std::env::current_dir()?.canonicalize()? };
    let mut last_is_link = false;
    for c in path.components() {
        last_is_link = false;
        match c {
            Component::Prefix(_) | Component::RootDir => cur.push(c.as_os_str()),
            Component::CurDir => {}
            // `cur` is real up to its last existing part, so its parent is too.
            Component::ParentDir => {
                cur.pop();
            }
            Component::Normal(name) => {
                cur.push(name);
                match std::fs::symlink_metadata(&cur) {
                    Ok(m) if m.file_type().is_symlink() => {
                        let link = cur.clone();
                        cur = cur.canonicalize().map_err(|e| {
                            std::io::Error::new(
                                e.kind(),
                                format!("the symlink {} leads nowhere: {e}", link.display()),
                            )
                        })?;
                        last_is_link = true;
                    }
                    Ok(_) => {}
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    // Kept as it is: the errno tells the hint (a name too long).
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok((cur, last_is_link))
}

/// True when `dir` is a mount point (a volume, a bind mount): it cannot be
/// renamed, so its contents are swapped instead.
fn is_mount_point(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Some(parent) = dir.parent() else { return true };
        if let (Ok(a), Ok(b)) = (std::fs::metadata(dir), std::fs::metadata(parent)) {
            if a.dev() != b.dev() {
                return true;
            }
        }
    }
    #[cfg(target_os = "linux")]
    if let Ok(table) = std::fs::read_to_string("/proc/self/mountinfo") {
        return mount_points(&table).any(|m| m == dir);
    }
    false
}

/// The mount points listed in a `/proc/self/mountinfo` table (the fifth field,
/// with the kernel's octal escapes of space, tab, newline and backslash undone).
fn mount_points(table: &str) -> impl Iterator<Item = PathBuf> + '_ {
    table.lines().filter_map(|line| line.split(' ').nth(4)).map(|field| {
        let mut out = Vec::with_capacity(field.len());
        let bytes = field.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let octal = bytes
                .get(i + 1..i + 4)
                .filter(|d| bytes[i] == b'\\' && d.iter().all(|b| (b'0'..=b'7').contains(b)));
            match octal {
                Some(d) => {
                    out.push((d[0] - b'0') * 64 + (d[1] - b'0') * 8 + (d[2] - b'0'));
                    i += 4;
                }
                None => {
                    out.push(bytes[i]);
                    i += 1;
                }
            }
        }
        PathBuf::from(String::from_utf8_lossy(&out).into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folders_and_dot_dots_resolve_like_mkdir_would() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("content")).unwrap();
        let (real, _) = resolve(&base.join("content/tmp/../../content")).unwrap();
        assert_eq!(real, base.join("content"));
        let (real, _) = resolve(&base.join("content/new/out")).unwrap();
        assert_eq!(real, base.join("content/new/out"));
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_and_a_final_link_is_reported() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        std::fs::create_dir(base.join("content")).unwrap();
        std::os::unix::fs::symlink(base.join("content"), base.join("web")).unwrap();
        assert_eq!(resolve(&base.join("web")).unwrap(), (base.join("content"), true));
        assert_eq!(resolve(&base.join("web/x")).unwrap(), (base.join("content/x"), false));
    }

    #[test]
    fn mountinfo_escapes_are_undone() {
        let table = "36 35 98:0 / /mnt/my\\040web rw - ext4 /dev/a rw\n37 1 0:1 / / rw - ext4 /dev/b rw\n";
        let points: Vec<PathBuf> = mount_points(table).collect();
        assert_eq!(points, vec![PathBuf::from("/mnt/my web"), PathBuf::from("/")]);
    }
}
