//! `site serve`: an HTTP server for the site, built in memory (the user's
//! `public/` is never written), with live reload and an error overlay under
//! `--watch`. The server runs on its own thread with a tokio runtime; the build
//! and the watch loop stay synchronous on the main thread.

mod cache;
mod http;
#[cfg(target_os = "linux")]
mod inotify;
mod live;
mod search;
mod watcher;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::Router;
use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::output;
use crate::pipeline::Options;
use crate::watch::{Changed, Engine, Served, Update};
use http::handle;

/// The default port of `site serve`.
pub const DEFAULT_PORT: u16 = 1111;

/// Where the live-reload script and event stream live; no site page can be there.
const LIVE_PREFIX: &str = "/__roundtable/";

/// How `site serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site root.
    pub root: PathBuf,
    /// Address to bind.
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Rebuild on changes and live-reload pages.
    pub watch: bool,
    /// Open the site in a browser.
    pub open: bool,
    /// Publish drafts too.
    pub drafts: bool,
    /// The build profile to preview (exactly what `site build --profile` publishes).
    pub profile: Option<String>,
}

/// What is served now: the last good site, the id of its build, and the files
/// rendered from it so far. One lock over all three, so that a page rendered
/// from one build is never kept for the next one.
struct Live {
    /// The last good site; `None` before the first good build.
    site: Option<Served>,
    /// Counts the good builds applied; 0 before the first.
    build: u64,
    cache: cache::Cache,
}

/// What open pages are shown besides the site: the current errors (over the
/// last good build) and warnings, and both as the event stream sends them.
#[derive(Default)]
struct Problems {
    errors: Vec<Diagnostic>,
    /// The error overlay's HTML, put into every page; empty without errors.
    overlay: String,
    errors_json: String,
    warnings_json: Option<String>,
}

/// The server's state: the last good build and the current errors. Shared with
/// the HTTP tasks through an `Arc`, replaced only by `Shared::apply`.
pub struct Shared {
    state: Mutex<Live>,
    /// The search index, built in the background: the newest applied, `None`
    /// before the first.
    search: RwLock<Option<search::Index>>,
    /// The generation of the content the search index must be of: a request
    /// for it waits until that index is applied.
    search_wanted: AtomicU64,
    /// Tells waiting requests that an index was applied (its generation).
    search_applied: tokio::sync::watch::Sender<u64>,
    problems: RwLock<Problems>,
    events: broadcast::Sender<LiveEvent>,
    live: bool,
    site_root: PathBuf,
    /// Tells this server's builds from a previous server's: a page left open
    /// across a restart reloads even when both counted to the same number.
    session: String,
}

/// What open pages are told.
#[derive(Debug, Clone)]
enum LiveEvent {
    /// A new build (its id): pages reload.
    Reload(String),
    /// Only stylesheets changed in the new build (its id).
    Css(String),
    Errors(String),
    /// The server is stopping: event streams end so connections can close.
    Shutdown,
}

impl Shared {
    fn new(live: bool, site_root: PathBuf, budget: usize) -> Self {
        let (events, _) = broadcast::channel(64);
        let started =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros());
        Shared {
            state: Mutex::new(Live { site: None, build: 0, cache: cache::Cache::new(budget) }),
            search: RwLock::new(None),
            search_wanted: AtomicU64::new(0),
            search_applied: tokio::sync::watch::channel(0).0,
            problems: RwLock::new(Problems::default()),
            events,
            live,
            site_root,
            session: format!("{started:x}"),
        }
    }

    /// The id of build number `n`, as pages and the event stream carry it.
    fn build_id(&self, n: u64) -> String {
        format!("{}-{n}", self.session)
    }

    /// The state, locked. Nothing under the lock can leave it half changed.
    fn lock(&self) -> MutexGuard<'_, Live> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The site served now and its build number.
    fn current(&self) -> (Option<Served>, u64) {
        let live = self.lock();
        (live.site.clone(), live.build)
    }

    /// Whether `path` may be a file of the search index: it is one, or the index
    /// of the current content is not in yet (the request then waits for it).
    fn may_be_search(&self, path: &str) -> bool {
        path.starts_with(crate::search::DIR) && {
            let index = read(&self.search);
            let generation = index.as_ref().map_or(0, |i| i.generation);
            index.as_ref().is_some_and(|i| i.contains(path))
                || generation < self.search_wanted.load(Ordering::SeqCst)
        }
    }

    /// The search index file at `path`, once the index of the current content is
    /// in; `Err` when it is not in within `wait`.
    async fn search_file(&self, path: &str, wait: Duration) -> std::result::Result<Option<Bytes>, ()> {
        let wanted = self.search_wanted.load(Ordering::SeqCst);
        let mut applied = self.search_applied.subscribe();
        let ready = tokio::time::timeout(wait, applied.wait_for(|&g| g >= wanted)).await;
        if !matches!(ready, Ok(Ok(_))) {
            return Err(());
        }
        Ok(read(&self.search).as_ref().and_then(|i| i.get(path)))
    }

    /// Replaces the search index with a newer one.
    fn apply_search(&self, index: search::Index) {
        let generation = index.generation;
        // The old index is dropped outside the lock.
        let old = self.search.write().unwrap_or_else(|e| e.into_inner()).replace(index);
        drop(old);
        self.search_applied.send_replace(generation);
    }

    /// Applies a rebuild and tells open pages.
    fn apply(&self, update: Update) {
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            update.diagnostics.0.iter().cloned().partition(Diagnostic::is_error);
        let had_errors = !read(&self.problems).errors.is_empty();
        let mut build = None;
        if let (true, Some(served)) = (errors.is_empty(), update.serve) {
            let mut live = self.lock();
            match &update.changed {
                Changed::All => live.cache.clear(),
                Changed::Paths(paths) => {
                    for p in paths {
                        live.cache.remove(p);
                    }
                }
            }
            // New paths: a file kept for a path the site no longer has must not
            // come back if the path does.
            let same_paths = live.site.as_ref().is_some_and(|s| Arc::ptr_eq(&s.routes, &served.routes));
            if !same_paths {
                live.cache.retain(|p| served.routes.contains(p));
            }
            live.site = Some(served);
            live.build += 1;
            build = Some(self.build_id(live.build));
        }
        let problems = Problems {
            errors_json: live::problems_json(&errors, &self.site_root),
            overlay: live::overlay_html(&errors, &self.site_root),
            warnings_json: (!warnings.is_empty()).then(|| live::problems_json(&warnings, &self.site_root)),
            errors,
        };
        let event = match build {
            None => LiveEvent::Errors(problems.errors_json.clone()),
            Some(id) if update.css_only && !had_errors => LiveEvent::Css(id),
            Some(id) => LiveEvent::Reload(id),
        };
        *self.problems.write().unwrap_or_else(|e| e.into_inner()) = problems;
        // No receiver (no open page) is fine.
        let _ = self.events.send(event);
    }
}

/// Renders a generated file of `site` (a page, a feed, the sitemap).
fn render_route(site: &Served, route: &crate::render::Route) -> std::result::Result<Bytes, Diagnostics> {
    let file = match route {
        crate::render::Route::Page(job) => site.renderer.render_page(&site.site, job)?,
        other => crate::render::routes::render_extra(&site.site, &site.jobs, other).ok_or_else(|| {
            Diagnostics(vec![Diagnostic::error("serve", format!("{other:?} is not a generated file"))])
        })?,
    };
    match file.body {
        output::Body::Bytes(v) => Ok(Bytes::from(v)),
        output::Body::Static(s) => Ok(Bytes::from_static(s)),
        output::Body::Copy(p) => {
            Err(Diagnostics(vec![Diagnostic::error(p, "a copied file is not rendered")]))
        }
    }
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

/// What the main thread waits for.
enum Msg {
    /// A batch of changed paths; `rescan` when events were lost on the way.
    Changed {
        paths: Vec<PathBuf>,
        rescan: bool,
    },
    WatchError(String),
    /// A search index built in the background.
    Search(search::Index),
    Quit,
}

/// Runs `site serve` until Ctrl-C.
pub fn run(opts: ServeOptions) -> Result<()> {
    let listener = TcpListener::bind(SocketAddr::new(opts.bind, opts.port)).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
            "another program uses this port: pass --port N for another one, or --port 0 for any free port"
        } else {
            "check the --bind address and --port"
        };
        Error::Invalid(Diagnostics(vec![Diagnostic::error(
            "--port",
            format!("cannot listen on {}:{}: {e}", opts.bind, opts.port),
        )
        .with_hint(hint)]))
    })?;
    let addr = listener.local_addr().map_err(|e| Error::io("--port", e))?;
    let host = if opts.bind.is_unspecified() { "127.0.0.1".to_string() } else { fmt_host(opts.bind) };
    let url = format!("http://{host}:{}", addr.port());
    if !opts.bind.is_loopback() {
        crate::report::tell!(
            "warning: listening on {}: other machines on your network can read this site",
            opts.bind
        );
    }

    let root = opts.root.canonicalize().map_err(|e| Error::io(&opts.root, e))?;
    let build_opts = Options {
        root: root.clone(),
        base_url: Some(url.clone()),
        drafts: opts.drafts,
        profile: opts.profile.clone(),
        ..Options::default()
    };
    let mut engine = Engine::new(build_opts);
    let shared = Arc::new(Shared::new(opts.watch, root.clone(), cache::budget_from_env()));
    let (tx, rx) = mpsc::channel::<Msg>();
    // The search index is built by a worker of its own (see `search`), so pages
    // are served at once; only the newest generation's index is applied.
    let indexer = search::SearchWorker::start(tx.clone());
    let mut generation = 0u64;
    let mut terminal = Terminal::default();
    let mut publish = |update: Update| {
        terminal.print(&update);
        if let Some(site) = update.search_site.clone() {
            generation += 1;
            shared.search_wanted.store(generation, Ordering::SeqCst);
            indexer.submit(generation, site);
        }
        shared.apply(update);
        generation
    };
    // Watch before loading: an edit made while the library loads is an event
    // (reading the files is none), and the folders are watched while it loads.
    let mut watcher = if opts.watch { Some(watcher::Watcher::start(&engine, tx.clone())?) } else { None };
    publish(engine.rebuild_all());
    // Watching before announcing the URL: an edit right after it must not be missed.
    if let Some(w) = watcher.as_mut() {
        let mut t = crate::timing::Timer::new();
        w.wait_ready();
        t.lap("watching");
    }
    let server = start_server(listener, shared.clone(), tx.clone())?;
    crate::report::say!("Serving {} at {url}/ (Ctrl-C to stop)", root.display());
    if opts.open {
        open_browser(&format!("{url}/"));
    }
    let mut latest = 0;
    loop {
        match rx.recv() {
            Ok(Msg::Changed { mut paths, rescan }) => {
                if let Some(w) = watcher.as_mut() {
                    w.watch_new_folders(engine.root(), &paths);
                }
                if rescan {
                    crate::report::tell!("file events were lost: looking for what changed");
                    paths.extend(engine.rescan());
                }
                if let Some(update) = engine.changed(&paths) {
                    latest = publish(update);
                }
            }
            Ok(Msg::Search(index)) if index.generation >= latest => shared.apply_search(index),
            Ok(Msg::Search(..)) => {}
            Ok(Msg::WatchError(e)) => crate::report::tell!("warning: file watcher: {e}"),
            Ok(Msg::Quit) | Err(_) => break,
        }
    }
    let _ = server.join();
    crate::report::say!("Stopped.");
    Ok(())
}

fn fmt_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

/// What the terminal was told so far: each update prints one line, and the
/// diagnostics not printed before (a warning is printed once, not on every save).
#[derive(Default)]
struct Terminal {
    served_a_build: bool,
    warnings: std::collections::HashSet<String>,
}

impl Terminal {
    fn print(&mut self, u: &Update) {
        use crate::wording::counted;
        let errors = u.diagnostics.error_count();
        let warnings: Vec<&Diagnostic> = u.diagnostics.0.iter().filter(|d| !d.is_error()).collect();
        let now: std::collections::HashSet<String> = warnings.iter().map(|d| d.to_string()).collect();
        let new: Vec<Diagnostic> = warnings
            .iter()
            .filter(|d| !self.warnings.contains(&d.to_string()))
            .map(|d| (*d).clone())
            .collect();
        let also = if warnings.is_empty() {
            String::new()
        } else {
            format!(", {}", counted(warnings.len(), "warning"))
        };
        if errors > 0 {
            let mut shown: Vec<Diagnostic> =
                u.diagnostics.0.iter().filter(|d| d.is_error()).cloned().collect();
            shown.extend(new);
            crate::report::summarised(&Diagnostics(shown));
            let serving = if self.served_a_build {
                "still serving the last good build"
            } else {
                "serving the error page until it is fixed"
            };
            crate::report::say!(
                "{}: {}{also}; {serving} ({} ms)",
                u.what,
                counted(errors, "error"),
                u.millis
            );
        } else {
            if !new.is_empty() {
                crate::report::summarised(&Diagnostics(new));
            }
            let how = if u.changed == Changed::All { "ready" } else { "changed" };
            crate::report::say!(
                "{}: {} {how}, rendered on request, in {} ms{also}",
                u.what,
                counted(u.pages, "page"),
                u.millis
            );
            self.served_a_build = true;
        }
        self.warnings = now;
    }
}

fn start_server(
    listener: TcpListener,
    shared: Arc<Shared>,
    tx: mpsc::Sender<Msg>,
) -> Result<std::thread::JoinHandle<()>> {
    listener.set_nonblocking(true).map_err(|e| Error::io("--port", e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io("serve", e))?;
    let handle = std::thread::spawn(move || {
        runtime.block_on(async move {
            // On Ctrl-C: end the live-reload streams (they never end by themselves),
            // then let open requests finish, for two seconds at most.
            let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
            let events = shared.events.clone();
            tokio::spawn(async move {
                let _ = tokio::signal::ctrl_c().await;
                let _ = events.send(LiveEvent::Shutdown);
                let _ = stop_tx.send(true);
            });
            let app = Router::new().fallback(handle).with_state(shared);
            let (mut graceful_rx, mut deadline_rx) = (stop_rx.clone(), stop_rx);
            let served = match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => {
                    let graceful = axum::serve(l, app).with_graceful_shutdown(async move {
                        let _ = graceful_rx.changed().await;
                    });
                    let deadline = async move {
                        let _ = deadline_rx.changed().await;
                        tokio::time::sleep(Duration::from_secs(2)).await;
                    };
                    tokio::select! {
                        r = graceful => r.map_err(|e| e.to_string()),
                        () = deadline => Ok(()),
                    }
                }
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = served {
                crate::report::tell!("error: the server stopped: {e}");
            }
        });
        // Open event streams would hold the runtime: drop it without waiting.
        let _ = tx.send(Msg::Quit);
    });
    Ok(handle)
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        crate::report::tell!("warning: could not open a browser; open {url} yourself");
    }
}
