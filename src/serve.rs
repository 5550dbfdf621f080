//! `site serve`: an HTTP server for the site, built in memory (the user's
//! `public/` is never written), with live reload and an error overlay under
//! `--watch`. The server runs on its own thread with a tokio runtime; the build
//! and the watch loop stay synchronous on the main thread.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, RwLock};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::output;
use crate::pipeline::Options;
use crate::watch::{Engine, Update};

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

/// The server's state: the last good build and the current errors. Shared with
/// the HTTP tasks through an `Arc`, replaced only by [`Shared::apply`].
pub struct Shared {
    files: RwLock<HashMap<String, Served>>,
    errors: RwLock<Vec<Diagnostic>>,
    events: broadcast::Sender<LiveEvent>,
    live: bool,
    site_root: PathBuf,
}

/// What open pages are told.
#[derive(Debug, Clone)]
enum LiveEvent {
    Reload,
    Css,
    Errors(String),
}

impl Shared {
    fn new(live: bool, site_root: PathBuf) -> Self {
        let (events, _) = broadcast::channel(64);
        Shared {
            files: RwLock::new(HashMap::new()),
            errors: RwLock::new(Vec::new()),
            events,
            live,
            site_root,
        }
    }

    /// Applies a rebuild and tells open pages.
    fn apply(&self, update: Update) {
        let errors: Vec<Diagnostic> = update.diagnostics.0.iter().filter(|d| d.is_error()).cloned().collect();
        let had_errors = !read(&self.errors).is_empty();
        if errors.is_empty() {
            let mut files = self.files.write().unwrap_or_else(|e| e.into_inner());
            if update.replace_all {
                files.clear();
            }
            for p in update.remove {
                files.remove(&p);
            }
            for f in update.put {
                files.insert(f.path, f.body.into());
            }
        }
        let event = if !errors.is_empty() {
            LiveEvent::Errors(errors_json(&errors))
        } else if update.css_only && !had_errors {
            LiveEvent::Css
        } else {
            LiveEvent::Reload
        };
        *self.errors.write().unwrap_or_else(|e| e.into_inner()) = errors;
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
        eprintln!("warning: listening on {}: other machines on your network can read this site", opts.bind);
    }

    let root = opts.root.canonicalize().map_err(|e| Error::io(&opts.root, e))?;
    let build_opts = Options {
        root: root.clone(),
        base_url: Some(url.clone()),
        drafts: opts.drafts,
        ..Options::default()
    };
    let mut engine = Engine::new(build_opts);
    let shared = Arc::new(Shared::new(opts.watch, root.clone()));
    let first = engine.rebuild_all();
    print_update(&first);
    shared.apply(first);

    let (tx, rx) = mpsc::channel::<Msg>();
    let server = start_server(listener, shared.clone(), tx.clone())?;
    println!("Serving {} at {url}/ (Ctrl-C to stop)", root.display());
    if opts.open {
        open_browser(&format!("{url}/"));
    }

    // Keep the watcher alive for the whole loop.
    let _watcher = if opts.watch { Some(start_watcher(&engine, tx.clone())?) } else { None };
    loop {
        match rx.recv() {
            Ok(Msg::Changed(paths)) => {
                if let Some(update) = engine.changed(&paths) {
                    print_update(&update);
                    shared.apply(update);
                }
            }
            Ok(Msg::WatchError(e)) => eprintln!("warning: file watcher: {e}"),
            Ok(Msg::Quit) | Err(_) => break,
        }
    }
    let _ = server.join();
    println!("Stopped.");
    Ok(())
}

fn fmt_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V6(v6) => format!("[{v6}]"),
        IpAddr::V4(v4) => v4.to_string(),
    }
}

fn print_update(u: &Update) {
    let errors = u.diagnostics.error_count();
    if errors > 0 {
        crate::cli::report(&u.diagnostics);
        println!("{}: {errors} error(s); still serving the last good build ({} ms)", u.what, u.millis);
    } else {
        let warnings: Vec<&Diagnostic> = u.diagnostics.0.iter().filter(|d| !d.is_error()).collect();
        if u.replace_all && !warnings.is_empty() {
            crate::cli::report(&Diagnostics(warnings.into_iter().cloned().collect()));
        }
        println!(
            "{}: {} pages re-rendered, {} files updated in {} ms",
            u.what,
            u.rendered,
            u.put.len(),
            u.millis
        );
    }
}

fn start_watcher(
    engine: &Engine,
    tx: mpsc::Sender<Msg>,
) -> Result<
    notify_debouncer_full::Debouncer<
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
> {
    use notify_debouncer_full::notify::RecursiveMode;
    use notify_debouncer_full::{new_debouncer, DebounceEventResult};
    let handler = move |result: DebounceEventResult| {
        let msg = match result {
            Ok(events) => {
                // Reading a file (as every build does) is an event too: keep only writes.
                let paths: Vec<PathBuf> = events
                    .into_iter()
                    .filter(|e| is_write(&e.event.kind))
                    .flat_map(|e| e.event.paths)
                    .collect();
                if paths.is_empty() {
                    return;
                }
                Msg::Changed(paths)
            }
            Err(errors) => {
                Msg::WatchError(errors.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; "))
            }
        };
        let _ = tx.send(msg);
    };
    // A short debounce: editors' save patterns arrive within a few milliseconds.
    let mut debouncer = new_debouncer(Duration::from_millis(20), Some(Duration::from_millis(5)), handler)
        .map_err(|e| Error::io(engine.root(), std::io::Error::other(e.to_string())))?;
    let root = engine.root().to_path_buf();
    let watch_err = |p: &Path, e: notify_debouncer_full::notify::Error| {
        Error::io(p, std::io::Error::other(e.to_string()))
    };
    debouncer.watch(&root, RecursiveMode::NonRecursive).map_err(|e| watch_err(&root, e))?;
    let theme = root.join("themes").join(engine.theme_name());
    for dir in [root.join("content"), root.join("templates"), root.join("static"), theme] {
        if dir.is_dir() {
            debouncer.watch(&dir, RecursiveMode::Recursive).map_err(|e| watch_err(&dir, e))?;
        }
    }
    Ok(debouncer)
}

fn is_write(kind: &notify_debouncer_full::notify::EventKind) -> bool {
    use notify_debouncer_full::notify::event::{MetadataKind, ModifyKind};
    use notify_debouncer_full::notify::EventKind;
    match kind {
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(m)) => !matches!(m, MetadataKind::AccessTime),
        _ => true,
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
            let app = Router::new().fallback(handle).with_state(shared);
            let served = match tokio::net::TcpListener::from_std(listener) {
                Ok(l) => axum::serve(l, app)
                    .with_graceful_shutdown(async {
                        let _ = tokio::signal::ctrl_c().await;
                    })
                    .await
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e.to_string()),
            };
            if let Err(e) = served {
                eprintln!("error: the server stopped: {e}");
            }
        });
        // Open event streams would hold the runtime: drop it without waiting.
        let _ = tx.send(Msg::Quit);
    });
    Ok(handle)
}

/// How a request path maps onto the served files.
#[derive(Debug, PartialEq, Eq)]
enum Resolved {
    File(String),
    Redirect(String),
    NotFound,
}

/// Maps a raw request path to a served key. Only keys that exist are ever
/// returned, so `..`, encoded separators and absolute paths cannot escape.
fn resolve(raw: &str, exists: impl Fn(&str) -> bool) -> Resolved {
    let Some(decoded) = percent_decode(raw) else { return Resolved::NotFound };
    if decoded.contains(['\0', '\\']) {
        return Resolved::NotFound;
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Resolved::NotFound,
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    let dir_like = key.is_empty() || decoded.ends_with('/');
    let candidate = if dir_like {
        if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        }
    } else {
        key.clone()
    };
    if exists(&candidate) {
        return Resolved::File(candidate);
    }
    if !dir_like && exists(&format!("{key}/index.html")) {
        return Resolved::Redirect(format!("/{key}/"));
    }
    Resolved::NotFound
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "").into_response();
    }
    let path = uri.path();
    if let Some(rest) = path.strip_prefix(LIVE_PREFIX) {
        return match (rest, shared.live) {
            ("live.js", true) => respond(
                &method,
                StatusCode::OK,
                "text/javascript; charset=utf-8",
                Bytes::from_static(LIVE_JS.as_bytes()),
            ),
            ("events", true) => events(&shared).into_response(),
            _ => not_found(&shared, &method).await,
        };
    }
    let resolved = {
        let files = read(&shared.files);
        resolve(path, |k| files.contains_key(k))
    };
    match resolved {
        Resolved::File(key) => serve_file(&shared, &method, &key, StatusCode::OK).await,
        Resolved::Redirect(to) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, to.as_str()), (header::CACHE_CONTROL, "no-store")],
        )
            .into_response(),
        Resolved::NotFound => not_found(&shared, &method).await,
    }
}

async fn not_found(shared: &Shared, method: &Method) -> Response {
    let has_page = read(&shared.files).contains_key("404.html");
    if has_page {
        serve_file(shared, method, "404.html", StatusCode::NOT_FOUND).await
    } else {
        respond(
            method,
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            Bytes::from_static(b"404 Not Found"),
        )
    }
}

async fn serve_file(shared: &Shared, method: &Method, key: &str, status: StatusCode) -> Response {
    let entry = read(&shared.files).get(key).cloned();
    let bytes = match entry {
        Some(Served::Bytes(b)) => b,
        Some(Served::Static(s)) => Bytes::from_static(s),
        Some(Served::Disk(path)) => {
            // Never follow a link out of the site.
            let inside =
                tokio::fs::canonicalize(&path).await.ok().filter(|p| p.starts_with(&shared.site_root));
            match inside {
                Some(p) => match tokio::fs::read(&p).await {
                    Ok(v) => Bytes::from(v),
                    Err(_) => {
                        return respond(
                            method,
                            StatusCode::NOT_FOUND,
                            "text/plain",
                            Bytes::from_static(b"404 Not Found"),
                        )
                    }
                },
                None => {
                    return respond(
                        method,
                        StatusCode::NOT_FOUND,
                        "text/plain",
                        Bytes::from_static(b"404 Not Found"),
                    )
                }
            }
        }
        None => {
            return respond(method, StatusCode::NOT_FOUND, "text/plain", Bytes::from_static(b"404 Not Found"))
        }
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if mime.type_() == "text"
        || mime.essence_str() == "application/xml"
        || mime.essence_str() == "image/svg+xml"
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html && shared.live {
        let errors = read(&shared.errors).clone();
        inject(&bytes, &errors)
    } else {
        bytes
    };
    respond(method, status, &content_type, body)
}

fn respond(method: &Method, status: StatusCode, content_type: &str, body: Bytes) -> Response {
    let len = body.len();
    let body = if method == Method::HEAD { Body::empty() } else { Body::from(body) };
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    // Every rebuild may change any page: never let the browser reuse one.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

fn events(
    shared: &Shared,
) -> Sse<impl tokio_stream::Stream<Item = std::result::Result<Event, std::convert::Infallible>>> {
    let current = read(&shared.errors).clone();
    let first =
        (!current.is_empty()).then(|| Ok(Event::default().event("errors").data(errors_json(&current))));
    let stream = BroadcastStream::new(shared.events.subscribe()).filter_map(|e| {
        let e = e.ok()?;
        Some(Ok(match e {
            LiveEvent::Reload => Event::default().event("reload").data("{}"),
            LiveEvent::Css => Event::default().event("css").data("{}"),
            LiveEvent::Errors(json) => Event::default().event("errors").data(json),
        }))
    });
    let hello =
        tokio_stream::iter(std::iter::once(Ok(Event::default().event("hello").data("{}"))).chain(first));
    Sse::new(hello.chain(stream)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn errors_json(errors: &[Diagnostic]) -> String {
    let list: Vec<serde_json::Value> = errors
        .iter()
        .map(|d| {
            serde_json::json!({
                "file": d.file.display().to_string(),
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// Adds the live-reload script, and the error overlay while content is broken.
fn inject(html: &Bytes, errors: &[Diagnostic]) -> Bytes {
    let text = String::from_utf8_lossy(html);
    let mut extra = format!("<script src=\"{LIVE_PREFIX}live.js\" defer></script>");
    if !errors.is_empty() {
        extra.push_str(&overlay_html(errors));
    }
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(&extra);
    out.push_str(&text[at..]);
    Bytes::from(out)
}

/// The overlay as HTML, every value escaped; `live.js` builds the same markup.
fn overlay_html(errors: &[Diagnostic]) -> String {
    let esc = crate::render::escape_html;
    let mut s = String::from(
        "<div id=\"roundtable-overlay\" role=\"alertdialog\" aria-label=\"Build errors\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem\"><h2 style=\"color:#ff8a80;margin:0 0 1rem\">Build failed: still showing the last good build</h2><ol>",
    );
    for d in errors {
        let pos = match (d.line, d.column) {
            (Some(l), Some(c)) => format!(":{l}:{c}"),
            (Some(l), None) => format!(":{l}"),
            _ => String::new(),
        };
        s.push_str(&format!(
            "<li style=\"margin-bottom:1rem\"><strong class=\"rt-file\">{}{}</strong><div class=\"rt-message\">{}</div>",
            esc(&d.file.display().to_string()),
            pos,
            esc(&d.message)
        ));
        if let Some(h) = &d.hint {
            s.push_str(&format!("<div class=\"rt-hint\" style=\"color:#b9f6ca\">hint: {}</div>", esc(h)));
        }
        s.push_str("</li>");
    }
    s.push_str("</ol></div>");
    s
}

const LIVE_JS: &str = include_str!("serve/live.js");

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("warning: could not open a browser; open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(path: &str) -> Resolved {
        let files = ["index.html", "a/index.html", "style.css", "a/pic.png", "café/index.html"];
        resolve(path, |k| files.contains(&k))
    }

    #[test]
    fn resolves_pages_and_files() {
        assert_eq!(r("/"), Resolved::File("index.html".into()));
        assert_eq!(r("/a/"), Resolved::File("a/index.html".into()));
        assert_eq!(r("/a"), Resolved::Redirect("/a/".into()));
        assert_eq!(r("//a//pic.png"), Resolved::File("a/pic.png".into()));
        assert_eq!(r("/caf%C3%A9/"), Resolved::File("café/index.html".into()));
        assert_eq!(r("/missing/"), Resolved::NotFound);
    }

    #[test]
    fn refuses_traversal() {
        for p in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/etc/passwd",
            "/a%2f..%2f..%2fetc",
            "/a/%2e%2e/style.css",
            "/a\\..\\x",
            "/%00",
            "/%zz",
            "/./index.html",
        ] {
            assert_eq!(r(p), Resolved::NotFound, "{p}");
        }
    }

    #[test]
    fn injects_script_and_escaped_overlay() {
        let d = Diagnostic::error("content/a/index.md", "bad <b>").at_line(3).with_hint("fix & retry");
        let out = inject(&Bytes::from_static(b"<html><body><p>x</p></body></html>"), &[d]);
        let s = String::from_utf8(out.to_vec()).unwrap();
        assert!(s.contains("live.js"));
        assert!(s.contains("content/a/index.md:3"), "{s}");
        assert!(s.contains("bad &lt;b&gt;"));
        assert!(s.contains("fix &amp; retry"));
        assert!(s.ends_with("</body></html>"));
    }
}
