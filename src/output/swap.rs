//! Putting a finished staging folder in place of the output: one atomic rename
//! exchange for a plain folder, or a swap of the contents for an output that
//! cannot be renamed (a symlink kept as it is, a mount point); and removing the
//! work folders of builds that were killed.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::target::{OLD_PREFIX, STAGING_PREFIX};

/// Replaces `output` with `staging`. On Linux one `renameat2(RENAME_EXCHANGE)`
/// swaps them atomically, so a build killed at any moment leaves either the old
/// or the new output complete at its path; the old one ends up at `staging`.
pub(super) fn swap(staging: &Path, output: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if output.exists() {
            match renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE) {
                Ok(()) => return Ok(()),
                // Some file systems lack the exchange: fall back to two renames.
                Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    if output.exists() {
        let mut aside = staging.as_os_str().to_owned();
        aside.push(".old");
        let aside = PathBuf::from(aside);
        std::fs::rename(output, &aside)?;
        if let Err(e) = std::fs::rename(staging, output) {
            let _ = std::fs::rename(&aside, output);
            return Err(e);
        }
        // Let commit remove the old output from the staging path.
        std::fs::rename(&aside, staging)
    } else {
        std::fs::rename(staging, output)
    }
}

/// Swaps the contents of `output` for those of `staging` (a folder inside it):
/// the old entries move aside into a work folder, the new ones move in, the old
/// ones are removed. A failure midway moves the old entries back.
pub(super) fn swap_contents(staging: &Path, output: &Path) -> std::io::Result<()> {
    let old = output.join(format!("{OLD_PREFIX}{}", std::process::id()));
    remove_if_exists(&old)?;
    std::fs::create_dir(&old)?;
    let ours = |name: &str| name.starts_with(STAGING_PREFIX) || name.starts_with(OLD_PREFIX);
    let mut moved = Vec::new();
    let result = (|| {
        for e in std::fs::read_dir(output)? {
            let name = e?.file_name();
            if !ours(&name.to_string_lossy()) {
                std::fs::rename(output.join(&name), old.join(&name))?;
                moved.push(name);
            }
        }
        let mut placed = Vec::new();
        let placing = (|| {
            for e in std::fs::read_dir(staging)? {
                let name = e?.file_name();
                std::fs::rename(staging.join(&name), output.join(&name))?;
                placed.push(name);
            }
            Ok(())
        })();
        if placing.is_err() {
            for name in &placed {
                let _ = std::fs::rename(output.join(name), staging.join(name));
            }
        }
        placing
    })();
    if let Err(e) = result {
        for name in &moved {
            let _ = std::fs::rename(old.join(name), output.join(name));
        }
        let _ = std::fs::remove_dir(&old);
        return Err(e);
    }
    remove_tree(&old)?;
    std::fs::remove_dir(staging)
}

/// Removes the work folders in `parent` named `<prefix><pid>` (or `….old`) left
/// by builds that were killed (their process is gone).
pub(super) fn remove_leftovers(parent: &Path, prefix: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = file_name.strip_prefix(prefix) else { continue };
        let Ok(pid) = pid.trim_end_matches(".old").parse::<u32>() else { continue };
        // Where liveness cannot be checked, a leftover is assumed dead.
        let alive = pid == std::process::id()
            || (cfg!(target_os = "linux") && Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            let _ = remove_tree(&e.path());
        }
    }
}

pub(super) fn remove_if_exists(path: &Path) -> std::io::Result<()> {
    match remove_tree(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// `remove_dir_all`, with the entries of each folder removed in parallel: the old
/// output of a large site holds one folder per page. Symlinks are removed, never
/// followed.
pub(super) fn remove_tree(path: &Path) -> std::io::Result<()> {
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
