//! `site serve`: an HTTP server for the site, built in memory (the user's
//! `public/` is never written), with live reload and an error overlay under
//! `--watch`. The server runs on its own thread with a tokio runtime; the build
//! and the watch loop stay synchronous on the main thread.

mod http;
mod live;
mod search;
mod watcher;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use axum::body::Bytes;
use axum::Router;
use tokio::sync::broadcast;

use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::output;
use crate::pipeline::Options;
use crate::watch::{Engine, Update};
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

/// One servable file.
#[derive(Debug, Clone)]
enum Served {
    Bytes(Bytes),
    Static(&'static [u8]),
    Disk(PathBuf),
}

impl From<output::Body> for Served {
    fn from(b: output::Body) -> Self {
        match b {
            output::Body::Bytes(v) => Served::Bytes(Bytes::from(v)),
            output::Body::Static(s) => Served::Static(s),
            output::Body::Copy(p) => Served::Disk(p),
        }
    }
}

/// The served files and the id of the build they are.
#[derive(Default)]
struct Files {
    map: HashMap<String, Served>,
    /// Counts the good builds applied; 0 before the first. Read under the same
    /// lock as `map`, so a page and the id it carries always match.
    build: u64,
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
    files: RwLock<Files>,
    /// The paths of the search index last put, replaced as a whole.
    search_keys: std::sync::Mutex<std::collections::HashSet<String>>,
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
    fn new(live: bool, site_root: PathBuf) -> Self {
        let (events, _) = broadcast::channel(64);
        let started =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_micros());
        Shared {
            files: RwLock::new(Files::default()),
            search_keys: std::sync::Mutex::new(std::collections::HashSet::new()),
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

    /// Replaces the search index files (built apart from the pages).
    fn apply_search(&self, files_in: Vec<output::OutputFile>) {
        let mut keys = self.search_keys.lock().unwrap_or_else(|e| e.into_inner());
        let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
        for k in keys.drain() {
            files.map.remove(&k);
        }
        for f in files_in {
            keys.insert(f.path.clone());
            files.map.insert(f.path, f.body.into());
        }
    }

    /// Applies a rebuild and tells open pages.
    fn apply(&self, update: Update) {
        let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
            update.diagnostics.0.iter().cloned().partition(Diagnostic::is_error);
        let had_errors = !read(&self.problems).errors.is_empty();
        let mut build = None;
        if errors.is_empty() {
            let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
            if update.replace_all {
                files.map.clear();
            }
            for p in update.remove {
                files.map.remove(&p);
            }
            for f in update.put {
                files.map.insert(f.path, f.body.into());
            }
            files.build += 1;
            build = Some(self.build_id(files.build));
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

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

/// What the main thread waits for.
enum Msg {
    Changed(Vec<PathBuf>),
    WatchError(String),
    /// A search index built in the background, for the rebuild of that generation.
    Search(u64, Vec<output::OutputFile>),
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
    let shared = Arc::new(Shared::new(opts.watch, root.clone()));
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
            indexer.submit(generation, site);
        }
        shared.apply(update);
        generation
    };
    publish(engine.rebuild_all());

    // Watch before announcing the URL: an edit right after it must not be missed.
    let mut watcher = if opts.watch { Some(watcher::Watcher::start(&engine, tx.clone())?) } else { None };
    let server = start_server(listener, shared.clone(), tx.clone())?;
    crate::report::say!("Serving {} at {url}/ (Ctrl-C to stop)", root.display());
    if opts.open {
        open_browser(&format!("{url}/"));
    }
    let mut latest = 0;
    loop {
        match rx.recv() {
            Ok(Msg::Changed(paths)) => {
                if let Some(w) = watcher.as_mut() {
                    w.watch_new_folders(&engine, &paths);
                }
                if let Some(update) = engine.changed(&paths) {
                    latest = publish(update);
                }
            }
            Ok(Msg::Search(gen, files)) if gen >= latest => shared.apply_search(files),
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
            crate::report::say!(
                "{}: {} re-rendered, {} updated in {} ms{also}",
                u.what,
                counted(u.rendered, "page"),
                counted(u.put.len(), "file"),
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
