//! The Linux backend of the file watcher: inotify, asked for writes only.
//!
//! Why not notify's inotify backend: it asks every folder for `IN_OPEN` and
//! `IN_CLOSE_NOWRITE` too, so every read of a file and every listing of a folder
//! is an event. At 100,000 interview folders its own setup (a walk that opens
//! each folder while the folders above it are already watched), the server's
//! loads, a `git status` or an editor's search each queue more events than the
//! kernel keeps (`fs.inotify.max_queued_events`, 16,384 by default): events
//! are lost, and the server must rescan the library to learn what changed. Asked
//! only for what changes a file (create, write, delete, move, attributes),
//! reading the library costs nothing, and the queue holds the changes.
//!
//! Folders are watched one by one (inotify is not recursive): the root alone,
//! and the content, template, static and theme folders with everything below
//! them. A folder created or moved in under a watched one is watched at once and
//! reported as changed as a whole (files written into it before its watch was
//! in place are found by the engine's rescan of that folder). Symbolic links are
//! not followed: a link's target inside the site is watched where it lies.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex, MutexGuard};

use rustix::fd::OwnedFd;
use rustix::fs::inotify::{self, CreateFlags, ReadFlags, WatchFlags};
use rustix::io::Errno;

use super::watcher::Raw;

/// What each folder is asked for: changes to what it holds, and its own removal.
const MASK: WatchFlags = WatchFlags::CREATE
    .union(WatchFlags::DELETE)
    .union(WatchFlags::MODIFY)
    .union(WatchFlags::CLOSE_WRITE)
    .union(WatchFlags::MOVED_FROM)
    .union(WatchFlags::MOVED_TO)
    .union(WatchFlags::ATTRIB)
    .union(WatchFlags::DELETE_SELF)
    .union(WatchFlags::MOVE_SELF)
    .union(WatchFlags::ONLYDIR)
    .union(WatchFlags::EXCL_UNLINK);

/// Bytes read from the inotify descriptor at a time (an event is 16 bytes and
/// its name): a burst of writes is read in few calls.
const BUFFER: usize = 64 * 1024;

/// The watched folders: by watch descriptor, and by path (ordered, so a moved
/// folder's subtree is found without looking at every watch).
#[derive(Default)]
struct Watches {
    by_wd: HashMap<i32, (PathBuf, bool)>,
    by_path: BTreeMap<PathBuf, i32>,
}

/// The shared state of one inotify instance.
struct Inner {
    fd: OwnedFd,
    watches: Mutex<Watches>,
    /// The root, watched alone: only its folders named in `recursive` are
    /// watched below it when they appear.
    root: PathBuf,
    recursive: Vec<PathBuf>,
    /// The watch limit was met once: said once, not per folder.
    limit_told: AtomicBool,
    stop: AtomicBool,
}

/// Watches a site while alive.
pub struct Inotify {
    inner: Arc<Inner>,
}

impl Inotify {
    /// Starts watching `root` (alone) and the folders of `recursive` with all
    /// below them, on a thread of its own; events go to `raw`. `ready` is sent
    /// once every folder present is watched.
    pub fn start(
        root: &Path,
        recursive: Vec<PathBuf>,
        raw: mpsc::Sender<Raw>,
        ready: mpsc::Sender<()>,
    ) -> std::io::Result<Inotify> {
        let fd = inotify::init(CreateFlags::CLOEXEC)?;
        let inner = Arc::new(Inner {
            fd,
            watches: Mutex::new(Watches::default()),
            root: root.to_path_buf(),
            recursive,
            limit_told: AtomicBool::new(false),
            stop: AtomicBool::new(false),
        });
        let worker = inner.clone();
        std::thread::Builder::new().name("watch-inotify".into()).spawn(move || {
            let started = std::time::Instant::now();
            worker.add(&worker.root.clone(), false, &raw);
            for dir in worker.recursive.clone() {
                worker.add_tree(&dir, &raw);
            }
            if std::env::var_os("ROUNDTABLE_TIMINGS").is_some() {
                let folders = worker.lock().by_wd.len();
                crate::report::tell!(
                    "timing: watch setup {} ms ({folders} folders)",
                    started.elapsed().as_millis()
                );
            }
            let _ = ready.send(());
            worker.read(&raw);
        })?;
        Ok(Inotify { inner })
    }

    /// The number of folders watched now.
    #[cfg(test)]
    pub fn watched(&self) -> usize {
        self.inner.lock().by_wd.len()
    }
}

impl Drop for Inotify {
    fn drop(&mut self) {
        self.inner.stop.store(true, Ordering::SeqCst);
        // Removing a watch queues an event: the reading thread wakes, sees the
        // stop and ends, closing the descriptor with the last reference.
        let wd = self.inner.lock().by_path.get(&self.inner.root).copied();
        if let Some(wd) = wd {
            let _ = inotify::remove_watch(&self.inner.fd, wd);
        }
    }
}

impl Inner {
    fn lock(&self) -> MutexGuard<'_, Watches> {
        // The maps are updated in one step each: a panicking holder leaves them whole.
        self.watches.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Watches `dir` alone; whether it is now watched.
    fn add(&self, dir: &Path, recursive: bool, raw: &mpsc::Sender<Raw>) -> bool {
        match inotify::add_watch(&self.fd, dir, MASK) {
            Ok(wd) => {
                let mut w = self.lock();
                // The same folder again (watched anew after a move) replaces its old path.
                if let Some((old, _)) = w.by_wd.insert(wd, (dir.to_path_buf(), recursive)) {
                    if old != dir {
                        w.by_path.remove(&old);
                    }
                }
                w.by_path.insert(dir.to_path_buf(), wd);
                true
            }
            // Gone already, or not a folder: nothing to watch.
            Err(Errno::NOENT | Errno::NOTDIR) => false,
            Err(Errno::NOSPC) => {
                if !self.limit_told.swap(true, Ordering::SeqCst) {
                    let _ = raw.send(Raw::Error(format!(
                        "cannot watch every folder: the system's limit of watched folders \
                         (fs.inotify.max_user_watches) is reached at {}; edits in the folders \
                         not watched are not seen (raise the limit, e.g. `sudo sysctl \
                         fs.inotify.max_user_watches=524288`, and restart)",
                        dir.display()
                    )));
                }
                false
            }
            Err(e) => {
                let _ = raw.send(Raw::Error(format!("cannot watch {}: {e}", dir.display())));
                false
            }
        }
    }

    /// Watches `dir` and every folder below it. Sibling folders are walked in
    /// parallel: a library has one folder per interview.
    fn add_tree(&self, dir: &Path, raw: &mpsc::Sender<Raw>) {
        if !self.add(dir, true, raw) || !may_have_folders(dir) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        // `file_type` comes with the listing: no stat per entry, and a link is not followed.
        let subdirs: Vec<PathBuf> =
            entries.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_dir())).map(|e| e.path()).collect();
        for sub in &subdirs {
            self.add_tree(sub, raw);
        }
    }

    /// Forgets the watches of `dir` and every folder below it (moved away: their
    /// paths are no longer theirs).
    fn forget_tree(&self, dir: &Path) {
        let mut w = self.lock();
        let gone: Vec<(PathBuf, i32)> = w
            .by_path
            .range::<Path, _>((std::ops::Bound::Included(dir), std::ops::Bound::Unbounded))
            .take_while(|(p, _)| p.starts_with(dir))
            .map(|(p, wd)| (p.clone(), *wd))
            .collect();
        for (path, wd) in gone {
            w.by_path.remove(&path);
            w.by_wd.remove(&wd);
            let _ = inotify::remove_watch(&self.fd, wd);
        }
    }

    /// Reads events until the watcher or the debounce goes.
    fn read(&self, raw: &mpsc::Sender<Raw>) {
        let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); BUFFER];
        let mut reader = inotify::Reader::new(&self.fd, &mut buf);
        loop {
            let event = match reader.next() {
                Ok(e) => e,
                Err(Errno::INTR) => continue,
                Err(e) => {
                    let _ = raw.send(Raw::Error(format!("cannot read file events: {e}")));
                    return;
                }
            };
            if self.stop.load(Ordering::SeqCst) {
                return;
            }
            let name = event.file_name().map(|n| OsStr::from_bytes(n.to_bytes()).to_os_string());
            let (wd, flags) = (event.wd(), event.events());
            if let Some(msg) = self.handle(wd, flags, name.as_deref(), raw) {
                if raw.send(msg).is_err() {
                    return;
                }
            }
        }
    }

    /// What one event tells the debounce, after keeping the watches up to date.
    fn handle(
        &self,
        wd: i32,
        flags: ReadFlags,
        name: Option<&OsStr>,
        raw: &mpsc::Sender<Raw>,
    ) -> Option<Raw> {
        if flags.contains(ReadFlags::QUEUE_OVERFLOW) {
            return Some(Raw::Rescan);
        }
        let (dir, recursive) = self.lock().by_wd.get(&wd).cloned()?;
        if flags.contains(ReadFlags::IGNORED) {
            let mut w = self.lock();
            w.by_wd.remove(&wd);
            if w.by_path.get(&dir) == Some(&wd) {
                w.by_path.remove(&dir);
            }
            return None;
        }
        let path = match name {
            Some(n) => dir.join(n),
            None => dir.clone(),
        };
        let is_dir = flags.contains(ReadFlags::ISDIR);
        if flags.contains(ReadFlags::MOVE_SELF) {
            self.forget_tree(&dir);
            return Some(Raw::Paths(vec![path], true));
        }
        let removed = flags.intersects(ReadFlags::DELETE | ReadFlags::MOVED_FROM | ReadFlags::DELETE_SELF);
        if is_dir && flags.contains(ReadFlags::MOVED_FROM) {
            self.forget_tree(&path);
        }
        if is_dir && flags.intersects(ReadFlags::CREATE | ReadFlags::MOVED_TO) {
            let wanted = recursive || self.recursive.iter().any(|r| r == &path);
            if wanted {
                self.add_tree(&path, raw);
            }
        }
        Some(Raw::Paths(vec![path], removed))
    }
}

/// Whether `dir` may hold folders. A folder's link count is 2 plus one per
/// folder in it where the file system counts them (ext4, XFS, tmpfs; btrfs says
/// 1): an interview folder is then not listed at all, and setting up the watches
/// of 100,000 of them costs a `stat` each instead of reading each folder.
fn may_have_folders(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(dir).map_or(true, |m| m.nlink() != 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn next_paths(rx: &mpsc::Receiver<Raw>) -> Vec<PathBuf> {
        let mut out = Vec::new();
        while let Ok(raw) = rx.recv_timeout(Duration::from_millis(300)) {
            if let Raw::Paths(p, _) = raw {
                out.extend(p);
            }
        }
        out
    }

    #[test]
    fn reads_are_no_events_and_writes_are_even_in_new_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let content = root.join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::write(content.join("a/index.md"), "x").unwrap();
        let (tx, rx) = mpsc::channel();
        let (ready_tx, ready_rx) = mpsc::channel();
        let watcher = Inotify::start(&root, vec![content.clone()], tx, ready_tx).unwrap();
        ready_rx.recv().unwrap();
        assert_eq!(watcher.watched(), 3, "the root, content/ and content/a/");
        // Reading a file and listing folders (what every load does) is not a change.
        let _ = std::fs::read(content.join("a/index.md")).unwrap();
        let _ = std::fs::read_dir(&content).unwrap().count();
        assert!(next_paths(&rx).is_empty(), "reads reported as changes");
        // A folder made after the start is watched: a file written in it is seen.
        std::fs::create_dir(content.join("b")).unwrap();
        assert_eq!(next_paths(&rx), vec![content.join("b")]);
        std::fs::write(content.join("b/index.md"), "y").unwrap();
        let seen = next_paths(&rx);
        assert!(seen.iter().all(|p| p == &content.join("b/index.md")) && !seen.is_empty(), "{seen:?}");
        // A folder moved away is no longer watched under its old path.
        std::fs::rename(content.join("b"), root.join("b-away")).unwrap();
        assert!(next_paths(&rx).contains(&content.join("b")));
        std::fs::write(root.join("b-away/index.md"), "z").unwrap();
        assert!(next_paths(&rx).iter().all(|p| !p.starts_with(&content)));
        assert_eq!(watcher.watched(), 3);
    }

    #[test]
    fn a_folder_without_folders_is_not_listed_and_one_with_is() {
        let dir = tempfile::tempdir().unwrap();
        let leaf = dir.path().join("leaf");
        std::fs::create_dir_all(leaf.join("sub")).unwrap();
        std::fs::write(leaf.join("index.md"), "x").unwrap();
        assert!(may_have_folders(&leaf));
        // Wherever link counts say nothing (1), a folder is always listed.
        let sub = leaf.join("sub");
        let nlink = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&sub).unwrap().nlink()
        };
        assert_eq!(may_have_folders(&sub), nlink != 2);
    }

    #[test]
    fn a_watched_folder_created_under_the_root_is_watched_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let (tx, rx) = mpsc::channel();
        let (ready_tx, ready_rx) = mpsc::channel();
        let templates = root.join("templates");
        let _watcher = Inotify::start(&root, vec![templates.clone()], tx, ready_tx).unwrap();
        ready_rx.recv().unwrap();
        std::fs::create_dir(&templates).unwrap();
        assert_eq!(next_paths(&rx), vec![templates.clone()]);
        std::fs::write(templates.join("base.html"), "x").unwrap();
        assert!(next_paths(&rx).contains(&templates.join("base.html")));
        // Other folders of the root are not watched below it.
        std::fs::create_dir(root.join("public")).unwrap();
        assert_eq!(next_paths(&rx), vec![root.join("public")]);
        std::fs::write(root.join("public/index.html"), "x").unwrap();
        assert!(next_paths(&rx).is_empty());
    }
}
