//! The search index of the served site, built in the background so that pages
//! are served without waiting for it.
//!
//! Building the index takes far longer than re-rendering the pages of an edit
//! (about 450 ms of CPU at 10,000 interviews against tens of milliseconds), so it
//! must never hold up the next edit's pages. Three things see to that:
//!
//! - one long-lived worker holds only the newest site: a site replaced by a newer
//!   edit before its index started is never indexed;
//! - the worker waits until edits have been quiet for [`QUIET`] before it starts,
//!   so a burst of saves costs one index, not one per save;
//! - the index is built on a pool of its own whose threads run at the lowest CPU
//!   priority (Linux), so an edit that arrives mid-build takes the cores at once.
//!
//! The index always ends up right: after the last edit the worker builds the
//! last site's index, and the server applies only the newest generation's.
//!
//! The passage files (one per interview, most of the index's bytes: 725 MB of
//! JSON at 100,000 interviews) are not kept: each is made again from the site
//! the index was built of when a result asks for it, byte for byte what the
//! build wrote.

use std::collections::HashMap;
use std::sync::{mpsc, Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Bytes;

use super::Msg;
use crate::model::Site;
use crate::output::{self, OutputFile};
use crate::search::passages;

/// A built search index as the server keeps it.
pub struct Index {
    /// Which generation of the content it is of.
    pub generation: u64,
    /// The site it was built of: its passages are rendered from it.
    site: Arc<Site>,
    /// Its files but the passages, by output path.
    files: HashMap<String, Bytes>,
}

impl Index {
    /// The index of `site` from the files the build makes, the passages dropped.
    pub fn new(generation: u64, site: Arc<Site>, files: Vec<OutputFile>) -> Index {
        let files = files
            .into_iter()
            .filter(|f| passage_number(&f.path).is_none())
            .filter_map(|f| match f.body {
                output::Body::Bytes(v) => Some((f.path, Bytes::from(v))),
                output::Body::Static(s) => Some((f.path, Bytes::from_static(s))),
                output::Body::Copy(_) => None,
            })
            .collect();
        Index { generation, site, files }
    }

    /// Whether the index has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || passage_number(path).is_some_and(|n| n < self.site.interviews.len())
    }

    /// The file at `path`: kept, or a passage file made now.
    pub fn get(&self, path: &str) -> Option<Bytes> {
        if let Some(b) = self.files.get(path) {
            return Some(b.clone());
        }
        let iv = self.site.interviews.get(passage_number(path)?)?;
        Some(Bytes::from(passages::json(&passages::passages(iv))))
    }
}

/// The doc number of the passage file at `path` (`search-index/text/<n>.json`,
/// written as the build writes it), if it is one.
fn passage_number(path: &str) -> Option<usize> {
    let digits = path.strip_prefix(crate::search::DIR)?.strip_prefix("text/")?.strip_suffix(".json")?;
    let n: usize = digits.parse().ok()?;
    // One path per file: `text/07.json` is not `text/7.json`.
    (passages::path(n) == path).then_some(n)
}

/// How long edits must be quiet before an index is built.
pub const QUIET: Duration = Duration::from_millis(100);

#[cfg(target_os = "linux")]
/// The niceness of the index threads: the lowest priority, so they only use CPU
/// time the page rebuilds leave.
const NICE: i32 = 19;

/// The newest site waiting for its index, and whether the server stops.
#[derive(Default)]
struct Slot {
    next: Option<(u64, Arc<Site>)>,
    stop: bool,
}

/// Hands sites to the index worker; stops it when dropped.
pub struct SearchWorker {
    shared: Arc<(Mutex<Slot>, Condvar)>,
}

impl SearchWorker {
    /// Starts the worker; each index it builds is sent as [`Msg::Search`].
    pub fn start(tx: mpsc::Sender<Msg>) -> SearchWorker {
        let shared = Arc::new((Mutex::new(Slot::default()), Condvar::new()));
        let worker = shared.clone();
        let spawned =
            std::thread::Builder::new().name("search-index".into()).spawn(move || run(&worker, &tx));
        if let Err(e) = spawned {
            crate::report::tell!(
                "warning: cannot start the search index thread ({e}); search stays as first built"
            );
        }
        SearchWorker { shared }
    }

    /// Asks for the index of `site`, generation `generation`, replacing any site
    /// still waiting (its index would be stale before it is served).
    pub fn submit(&self, generation: u64, site: Arc<Site>) {
        let (lock, wake) = &*self.shared;
        lock_slot(lock).next = Some((generation, site));
        wake.notify_one();
    }
}

impl Drop for SearchWorker {
    fn drop(&mut self) {
        let (lock, wake) = &*self.shared;
        lock_slot(lock).stop = true;
        wake.notify_one();
    }
}

fn lock_slot(lock: &Mutex<Slot>) -> MutexGuard<'_, Slot> {
    // The slot holds no invariant a panicking holder could break.
    lock.lock().unwrap_or_else(|e| e.into_inner())
}

/// The worker: waits for a site, lets edits settle, builds, sends, repeats.
fn run(shared: &(Mutex<Slot>, Condvar), tx: &mpsc::Sender<Msg>) {
    let (lock, wake) = shared;
    lower_priority();
    let pool = index_pool();
    loop {
        let mut slot = lock_slot(lock);
        while slot.next.is_none() && !slot.stop {
            slot = wake.wait(slot).unwrap_or_else(|e| e.into_inner());
        }
        let Some(mut job) = slot.next.take() else { return };
        // Wait for a quiet spell, taking each newer site that arrives meanwhile.
        loop {
            let (s, _) = wake
                .wait_timeout_while(slot, QUIET, |s| s.next.is_none() && !s.stop)
                .unwrap_or_else(|e| e.into_inner());
            slot = s;
            if slot.stop {
                return;
            }
            match slot.next.take() {
                Some(newer) => job = newer,
                None => break,
            }
        }
        drop(slot);
        let (generation, site) = job;
        let build = || crate::watch::search_update(&site);
        let files = match &pool {
            Some(pool) => pool.install(build),
            None => build(),
        };
        // A newer site arrived during the build: this index is already stale, and
        // the newer one follows; sending it would only cost the server a swap.
        if lock_slot(lock).next.is_some() {
            continue;
        }
        if tx.send(Msg::Search(Index::new(generation, site, files))).is_err() {
            return;
        }
    }
}

/// A pool for the index's parallel work, whose threads run at the lowest
/// priority; none if it cannot be made (the index then uses the global pool).
fn index_pool() -> Option<rayon::ThreadPool> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|k| format!("search-index-{k}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// Lowers the calling thread's CPU priority. On Linux niceness is per thread
/// (`setpriority` on the thread id); elsewhere this does nothing.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let tid = rustix::thread::gettid();
        // Best effort: at normal priority the index is only slower to give way.
        let _ = rustix::process::setpriority_process(Some(tid), NICE);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_index_sent_is_the_newest_sites() {
        let config = crate::config::Config::parse(
            std::path::Path::new("/site"),
            "title = \"T\"\nbase_url = \"https://example.com\"\n",
        )
        .expect("a valid site.toml");
        let none = crate::redact::publish(&config, Vec::new()).expect("no profile");
        let site = Arc::new(Site::build(config, none).expect("an empty site"));
        let (tx, rx) = mpsc::channel();
        let worker = SearchWorker::start(tx);
        for generation in 1..=3 {
            worker.submit(generation, site.clone());
        }
        // Older generations may be skipped, never sent after a newer one.
        let mut last = 0;
        while last < 3 {
            match rx.recv() {
                Ok(Msg::Search(index)) => {
                    let generation = index.generation;
                    assert!(generation > last, "generation {generation} sent after {last}");
                    assert!(!index.files.is_empty(), "an index has files");
                    last = generation;
                }
                Ok(_) => panic!("only indexes are sent"),
                Err(e) => panic!("the worker stopped: {e}"),
            }
        }
        drop(worker);
    }

    #[test]
    fn a_passage_file_has_one_path() {
        assert_eq!(passage_number("search-index/text/7.json"), Some(7));
        assert_eq!(passage_number("search-index/text/0.json"), Some(0));
        for other in
            ["search-index/text/07.json", "search-index/text/7", "text/7.json", "search-index/docs/7.json"]
        {
            assert_eq!(passage_number(other), None, "{other}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn lowers_only_the_calling_threads_priority() {
        let before = rustix::process::getpriority_process(None).unwrap_or(0);
        let lowered = std::thread::spawn(|| {
            lower_priority();
            rustix::process::getpriority_process(Some(rustix::thread::gettid())).unwrap_or(0)
        })
        .join()
        .unwrap_or(0);
        assert_eq!(lowered, NICE);
        assert_eq!(rustix::process::getpriority_process(None).unwrap_or(0), before);
    }
}
