//! The file watcher of `site serve --watch`: the site's folders, watched
//! recursively, and a debounce that turns each burst of file events into one
//! batch of changed paths for the rebuild engine.
//!
//! The debounce is our own rather than a polling debouncer's: it sleeps until an
//! event comes, then hands the batch over as soon as the files have been quiet
//! for [`QUIET`]. A save costs that wait and nothing more (a poller adds up to
//! one tick, and wakes the machine hundreds of times a second while nothing
//! changes), and a steady stream of events is still handed over every
//! [`MAX_WAIT`].
//!
//! On Linux the folders are watched through inotify directly (see
//! `serve::inotify`: asked for writes only, so reading the library is no event),
//! elsewhere through notify. When events were lost the batch asks for a rescan:
//! the engine compares the files with what it loaded and reloads what differs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{MetadataKind, ModifyKind};
use notify::EventKind;

use super::Msg;
use crate::diagnostic::{Error, Result};
use crate::watch::Engine;

/// How long the files must be quiet before a batch is rebuilt. Editors' save
/// patterns (write a temporary file then rename it; truncate then write; several
/// events per save) arrive within a millisecond or two, and every millisecond
/// here is one more between a save and its page. A save split across two
/// batches anyway is only rebuilt twice: each rebuild reads the files as they are.
pub const QUIET: Duration = Duration::from_millis(5);

/// The longest a batch waits while events keep coming.
pub const MAX_WAIT: Duration = Duration::from_millis(50);

/// How long the files must be quiet when the batch removed something: `rm -rf
/// content` or a checkout unlinks file by file, and a batch cut in the middle
/// would build (and serve) a half-deleted site instead of keeping the last good
/// one when `content/` itself goes.
pub const REMOVAL_QUIET: Duration = Duration::from_millis(100);

/// The longest a batch with removals waits while events keep coming.
pub const REMOVAL_MAX_WAIT: Duration = Duration::from_secs(1);

/// What a backend reports, before the debounce.
#[derive(Debug)]
pub enum Raw {
    /// These paths changed; `true` when something was removed or moved away.
    Paths(Vec<PathBuf>, bool),
    /// Events were lost: what changed must be found by looking (see
    /// [`Engine::rescan`]).
    Rescan,
    /// A watcher error, told to the terminal.
    Error(String),
}

/// Watches the site while alive.
pub struct Watcher {
    #[cfg(target_os = "linux")]
    _inner: super::inotify::Inotify,
    #[cfg(not(target_os = "linux"))]
    inner: notify::RecommendedWatcher,
    ready: Option<mpsc::Receiver<()>>,
}

impl Watcher {
    /// Watches `engine`'s site: the root itself (`site.toml`, folders created
    /// later), and its content, template, static and theme folders recursively.
    /// The output and `target/` are never watched. Batches go to `tx` as
    /// [`Msg::Changed`], watcher errors as [`Msg::WatchError`]. The folders are
    /// watched on a thread of the watcher's: [`Watcher::wait_ready`] waits for it.
    pub fn start(engine: &Engine, tx: mpsc::Sender<Msg>) -> Result<Watcher> {
        let (raw_tx, raw_rx) = mpsc::channel();
        std::thread::Builder::new()
            .name("watch-debounce".into())
            .spawn(move || debounce(&raw_rx, &tx))
            .map_err(|e| Error::io(engine.root(), e))?;
        let root = engine.root().to_path_buf();
        let (ready_tx, ready) = mpsc::channel();
        #[cfg(target_os = "linux")]
        let watcher = {
            let folders = watched_folders(&root).to_vec();
            let inner = super::inotify::Inotify::start(&root, folders, raw_tx, ready_tx)
                .map_err(|e| Error::io(&root, e))?;
            Watcher { _inner: inner, ready: Some(ready) }
        };
        #[cfg(not(target_os = "linux"))]
        let watcher = {
            use notify::Watcher as _;
            let mut inner = notify::recommended_watcher(move |e| {
                // The debounce thread ends only when the watcher (this sender) goes.
                let _ = raw_tx.send(from_notify(e));
            })
            .map_err(|e| watch_error(&root, e))?;
            inner.watch(&root, notify::RecursiveMode::NonRecursive).map_err(|e| watch_error(&root, e))?;
            for dir in watched_folders(&root) {
                if dir.is_dir() {
                    inner.watch(&dir, notify::RecursiveMode::Recursive).map_err(|e| watch_error(&dir, e))?;
                }
            }
            let _ = ready_tx.send(());
            Watcher { inner, ready: Some(ready) }
        };
        Ok(watcher)
    }

    /// Waits until every folder present at the start is watched.
    pub fn wait_ready(&mut self) {
        if let Some(ready) = self.ready.take() {
            // An ended watcher thread has told its error already.
            let _ = ready.recv();
        }
    }

    /// Starts watching a site folder created while serving (e.g. a first
    /// `templates/`). The inotify backend does so as the folder appears.
    pub fn watch_new_folders(&mut self, root: &Path, paths: &[PathBuf]) {
        #[cfg(not(target_os = "linux"))]
        for dir in watched_folders(root) {
            use notify::Watcher as _;
            let created = paths.iter().any(|p| dir.starts_with(p) || p == &dir);
            if created && dir.is_dir() {
                if let Err(e) = self.inner.watch(&dir, notify::RecursiveMode::Recursive) {
                    crate::report::tell!("warning: cannot watch {}: {e}", dir.display());
                }
            }
        }
        #[cfg(target_os = "linux")]
        let _ = (root, paths);
    }
}

#[cfg(not(target_os = "linux"))]
fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

/// The folders watched recursively.
fn watched_folders(root: &Path) -> [PathBuf; 4] {
    [root.join("content"), root.join("templates"), root.join("static"), root.join("themes")]
}

/// What a notify event tells the debounce (the backend off Linux).
#[cfg_attr(target_os = "linux", allow(dead_code))]
fn from_notify(event: notify::Result<notify::Event>) -> Raw {
    match event {
        // The kernel dropped events: every watched folder may have changed.
        Ok(e) if e.need_rescan() => Raw::Rescan,
        // Reading a file (as every build does) is an event too: keep only writes.
        Ok(e) if is_write(&e.kind) => Raw::Paths(e.paths, matches!(e.kind, EventKind::Remove(_))),
        Ok(_) => Raw::Paths(Vec::new(), false),
        Err(e) => Raw::Error(e.to_string()),
    }
}

/// One burst of events.
#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    errors: Vec<String>,
    /// Something was removed: wait for the removal to settle.
    removed: bool,
    /// Events were lost.
    rescan: bool,
}

impl Batch {
    fn add(&mut self, event: Raw) {
        match event {
            Raw::Rescan => self.rescan = true,
            Raw::Paths(paths, removed) => {
                self.removed |= removed;
                for path in paths {
                    if self.seen.insert(path.clone()) {
                        self.paths.push(path);
                    }
                }
            }
            Raw::Error(e) => self.errors.push(e),
        }
    }
}

/// Collects each burst of events and sends it once quiet, until the watcher or
/// the server goes.
fn debounce(raw: &mpsc::Receiver<Raw>, tx: &mpsc::Sender<Msg>) {
    while let Ok(first) = raw.recv() {
        let mut batch = Batch::default();
        batch.add(first);
        let started = Instant::now();
        let mut open = true;
        while open {
            let removal = batch.removed;
            let (quiet, max) = if removal { (REMOVAL_QUIET, REMOVAL_MAX_WAIT) } else { (QUIET, MAX_WAIT) };
            let wait = quiet.min(max.saturating_sub(started.elapsed()));
            if wait.is_zero() {
                break;
            }
            match raw.recv_timeout(wait) {
                Ok(e) => batch.add(e),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
        }
        let changed = !batch.paths.is_empty() || batch.rescan;
        let sent = [
            (!batch.errors.is_empty()).then(|| Msg::WatchError(batch.errors.join("; "))),
            changed.then_some(Msg::Changed { paths: batch.paths, rescan: batch.rescan }),
        ];
        for msg in sent.into_iter().flatten() {
            if tx.send(msg).is_err() {
                return;
            }
        }
        if !open {
            return;
        }
    }
}

fn is_write(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(m)) => !matches!(m, MetadataKind::AccessTime),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind};

    fn event(kind: EventKind, path: &str) -> Raw {
        from_notify(Ok(notify::Event::new(kind).add_path(PathBuf::from(path))))
    }

    #[test]
    fn a_burst_is_one_batch_of_written_paths_without_repeats() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        let data = EventKind::Modify(ModifyKind::Data(notify::event::DataChange::Any));
        raw_tx.send(event(data, "/s/content/a/index.md")).ok();
        raw_tx.send(event(EventKind::Access(AccessKind::Any), "/s/content/b/index.md")).ok();
        raw_tx.send(event(EventKind::Create(CreateKind::File), "/s/content/c/index.md")).ok();
        raw_tx.send(event(data, "/s/content/a/index.md")).ok();
        raw_tx.send(from_notify(Err(notify::Error::generic("lost")))).ok();
        drop(raw_tx);
        debounce(&raw_rx, &tx);
        let msgs: Vec<Msg> = rx.try_iter().collect();
        assert_eq!(msgs.len(), 2, "one error report and one batch");
        assert!(matches!(&msgs[0], Msg::WatchError(e) if e.contains("lost")));
        let Msg::Changed { paths, rescan: false } = &msgs[1] else { panic!("a batch of paths") };
        assert_eq!(paths, &[PathBuf::from("/s/content/a/index.md"), PathBuf::from("/s/content/c/index.md")]);
    }

    #[test]
    fn lost_events_ask_for_a_rescan() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        let rescan = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        raw_tx.send(from_notify(Ok(rescan))).ok();
        drop(raw_tx);
        debounce(&raw_rx, &tx);
        let msgs: Vec<Msg> = rx.try_iter().collect();
        assert!(matches!(&msgs[..], [Msg::Changed { paths, rescan: true }] if paths.is_empty()));
    }
}
