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

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{MetadataKind, ModifyKind};
use notify::{self, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

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

/// Watches the site while alive.
pub struct Watcher {
    inner: RecommendedWatcher,
}

impl Watcher {
    /// Watches `engine`'s site: the root itself (`site.toml`, folders created
    /// later), and its content, template, static and theme folders recursively.
    /// The output and `target/` are never watched. Batches go to `tx` as
    /// [`Msg::Changed`], watcher errors as [`Msg::WatchError`].
    pub fn start(engine: &Engine, tx: mpsc::Sender<Msg>) -> Result<Watcher> {
        let (raw_tx, raw_rx) = mpsc::channel();
        let mut inner = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
            // The debounce thread ends only when the watcher (this sender) goes.
            let _ = raw_tx.send(e);
        })
        .map_err(|e| watch_error(engine.root(), e))?;
        let rescan = watched_folders(engine).to_vec();
        std::thread::Builder::new()
            .name("watch-debounce".into())
            .spawn(move || debounce(&raw_rx, &tx, &rescan))
            .map_err(|e| Error::io(engine.root(), e))?;
        let root = engine.root().to_path_buf();
        inner.watch(&root, RecursiveMode::NonRecursive).map_err(|e| watch_error(&root, e))?;
        for dir in watched_folders(engine) {
            if dir.is_dir() {
                inner.watch(&dir, RecursiveMode::Recursive).map_err(|e| watch_error(&dir, e))?;
            }
        }
        Ok(Watcher { inner })
    }

    /// Starts watching a site folder created while serving (e.g. a first `templates/`).
    pub fn watch_new_folders(&mut self, engine: &Engine, paths: &[PathBuf]) {
        for dir in watched_folders(engine) {
            let created = paths.iter().any(|p| dir.starts_with(p) || p == &dir);
            if created && dir.is_dir() {
                if let Err(e) = self.inner.watch(&dir, RecursiveMode::Recursive) {
                    crate::report::tell!("warning: cannot watch {}: {e}", dir.display());
                }
            }
        }
    }
}

fn watch_error(path: &Path, e: notify::Error) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

/// The folders watched recursively.
fn watched_folders(engine: &Engine) -> [PathBuf; 4] {
    let root = engine.root();
    [root.join("content"), root.join("templates"), root.join("static"), root.join("themes")]
}

/// One burst of events.
#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    seen: HashSet<PathBuf>,
    errors: Vec<String>,
    /// Something was removed: wait for the removal to settle.
    removed: bool,
}

impl Batch {
    /// Adds an event; `rescan` are the paths to rebuild when events were lost.
    fn add(&mut self, event: notify::Result<notify::Event>, rescan: &[PathBuf]) {
        match event {
            // The kernel dropped events: every watched folder may have changed.
            Ok(e) if e.need_rescan() => rescan.iter().for_each(|p| self.push(p.clone())),
            // Reading a file (as every build does) is an event too: keep only writes.
            Ok(e) if is_write(&e.kind) => {
                self.removed |= matches!(e.kind, EventKind::Remove(_));
                e.paths.into_iter().for_each(|p| self.push(p));
            }
            Ok(_) => {}
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    fn push(&mut self, path: PathBuf) {
        if self.seen.insert(path.clone()) {
            self.paths.push(path);
        }
    }
}

/// Collects each burst of events and sends it once quiet, until the watcher or
/// the server goes.
fn debounce(raw: &mpsc::Receiver<notify::Result<notify::Event>>, tx: &mpsc::Sender<Msg>, rescan: &[PathBuf]) {
    while let Ok(first) = raw.recv() {
        let mut batch = Batch::default();
        batch.add(first, rescan);
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
                Ok(e) => batch.add(e, rescan),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => open = false,
            }
        }
        let sent = [
            (!batch.errors.is_empty()).then(|| Msg::WatchError(batch.errors.join("; "))),
            (!batch.paths.is_empty()).then_some(Msg::Changed(batch.paths)),
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

    fn event(kind: EventKind, path: &str) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
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
        raw_tx.send(Err(notify::Error::generic("lost"))).ok();
        drop(raw_tx);
        debounce(&raw_rx, &tx, &[]);
        let msgs: Vec<Msg> = rx.try_iter().collect();
        assert_eq!(msgs.len(), 2, "one error report and one batch");
        assert!(matches!(&msgs[0], Msg::WatchError(e) if e.contains("lost")));
        let Msg::Changed(paths) = &msgs[1] else { panic!("a batch of paths") };
        assert_eq!(paths, &[PathBuf::from("/s/content/a/index.md"), PathBuf::from("/s/content/c/index.md")]);
    }

    #[test]
    fn lost_events_rebuild_every_watched_folder() {
        let (raw_tx, raw_rx) = mpsc::channel();
        let (tx, rx) = mpsc::channel();
        let rescan = notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        raw_tx.send(Ok(rescan)).ok();
        drop(raw_tx);
        debounce(&raw_rx, &tx, &[PathBuf::from("/s/content")]);
        let msgs: Vec<Msg> = rx.try_iter().collect();
        assert!(matches!(&msgs[..], [Msg::Changed(p)] if p == &[PathBuf::from("/s/content")]));
    }
}
