//! End-to-end tests of `site serve [--watch]`: the real binary on port 0 against a
//! small site in a temporary folder, spoken to over plain `TcpStream` HTTP/1.1 so
//! that raw request targets (`/../site.toml`) reach the server unchanged.
//!
//! Nothing here sleeps a fixed time or asserts on timings: every wait is a bounded
//! poll that fails with what it last saw.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long any one wait may take before the test fails.
const PATIENCE: Duration = Duration::from_secs(10);
/// How long the first build may take (a debug binary, two busy cores).
const STARTUP: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(20);

// ---------------------------------------------------------------------------
// The fixture site
// ---------------------------------------------------------------------------

const SITE_TOML: &str = r#"title = "Serve Fixture Library"
base_url = "https://example.com/kb"
description = "Panel reviews for the serve tests"
"#;

const STYLE_V1: &str = "/* site-style-v1 */\nbody { color: #111; }\n";

/// The secret that lives outside the site, behind a symbolic link.
const SECRET: &str = "TOP-SECRET-OUTSIDE-THE-SITE-7f3a";

fn interview(
    title: &str,
    date: &str,
    principles: &[&str],
    role: &str,
    level: &str,
    panel: &[&str],
) -> String {
    let principles = principles.iter().map(|p| format!("{p:?}")).collect::<Vec<_>>().join(", ");
    let mut s = format!(
        "+++\ntitle = {title:?}\ndate = {date}\nprinciples = [{principles}]\nrole = {role:?}\nlevel = {level:?}\nverdict = \"hire\"\nsummary = \"A short summary.\"\n"
    );
    for p in panel {
        s.push_str(&format!("\n[[panelists]]\nname = {p:?}\nrole = \"Engineering Manager\"\n"));
    }
    s.push_str("+++\n\nThe question asked.\n\n## Roundtable\n\n");
    for p in panel {
        s.push_str(&format!("### {p}\nA turn by {p}.\n\n"));
    }
    s.push_str("## Consensus\n\nHire.\n");
    s
}

/// Line 7 of every fixture interview is `verdict = "hire"`.
const VERDICT_LINE: usize = 7;

fn alpha(title: &str) -> String {
    interview(
        title,
        "2026-03-01",
        &["Dive Deep", "Ownership"],
        "Software Engineer",
        "L5",
        &["Ana Lima", "Carla Mendes"],
    )
}

fn bravo() -> String {
    interview(
        "Bravo Pricing Experiment",
        "2026-02-01",
        &["Customer Obsession"],
        "Product Manager",
        "L6",
        &["Ana Lima", "Ben Okafor"],
    )
}

fn charlie() -> String {
    interview(
        "Charlie Hiring Plan",
        "2025-11-20",
        &["Hire and Develop the Best", "Dive Deep"],
        "Engineering Manager",
        "L7",
        &["Dora Quist"],
    )
}

fn delta(title: &str) -> String {
    interview(
        title,
        "2026-04-10",
        &["Dive Deep", "Frugality"],
        "Data Scientist",
        "L4",
        &["Ana Lima", "Eli Novak"],
    )
}

const ALPHA: &str = "content/2026/alpha-queue/index.md";
const ALPHA_TITLE: &str = "Alpha Queue Backpressure";

/// A site in a temporary folder, plus a second folder outside it holding a secret.
struct Fixture {
    site: TempDir,
    outside: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let f = Fixture { site: tempfile::tempdir().unwrap(), outside: tempfile::tempdir().unwrap() };
        f.write("site.toml", SITE_TOML);
        f.write(ALPHA, &alpha(ALPHA_TITLE));
        f.write("content/2026/alpha-queue/notes.txt", "co-located notes\n");
        f.write("content/2026/bravo-pricing/index.md", &bravo());
        f.write("content/2025/charlie-hiring/index.md", &charlie());
        f.write("static/style.css", STYLE_V1);
        std::fs::write(f.outside.path().join("secret.txt"), SECRET).unwrap();
        std::fs::create_dir(f.outside.path().join("dir")).unwrap();
        std::fs::write(f.outside.path().join("dir/inner.txt"), SECRET).unwrap();
        f
    }

    fn root(&self) -> &Path {
        self.site.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }

    /// Writes like many editors save: a temporary file beside it, then a rename.
    fn save_atomic(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let tmp = path.with_file_name(".roundtable-test-save.tmp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &path).unwrap();
    }

    fn remove_dir(&self, rel: &str) {
        std::fs::remove_dir_all(self.path(rel)).unwrap();
    }
}

// ---------------------------------------------------------------------------
// The server process
// ---------------------------------------------------------------------------

/// The page cache a test server runs with.
#[derive(Debug, Clone, Copy)]
enum Cache {
    /// The default budget: the fixture site fits many times over.
    Default,
    /// One byte: nothing is kept, every page is rendered for its request.
    OneByte,
}

/// A running `site serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pump(from: impl Read + Send + 'static, into: Arc<Mutex<String>>) {
    std::thread::spawn(move || {
        let mut lines = BufReader::new(from);
        let mut line = String::new();
        while matches!(lines.read_line(&mut line), Ok(n) if n > 0) {
            into.lock().unwrap().push_str(&line);
            line.clear();
        }
    });
}

impl Server {
    /// Starts `site serve --port 0 --root <root> <args>` and waits for its URL.
    fn start(root: &Path, args: &[&str]) -> Server {
        Server::start_with(root, args, &[])
    }

    /// [`Server::start`] with environment variables set.
    fn start_with(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the site binary");
        let stdout = Arc::new(Mutex::new(String::new()));
        let stderr = Arc::new(Mutex::new(String::new()));
        pump(child.stdout.take().unwrap(), stdout.clone());
        pump(child.stderr.take().unwrap(), stderr.clone());
        let mut server = Server { child, port: 0, stdout, stderr };
        let start = Instant::now();
        loop {
            if let Some(port) = parse_port(&server.stdout.lock().unwrap()) {
                server.port = port;
                break;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("site serve exited with {status} before serving:\n{}", server.logs());
            }
            assert!(start.elapsed() < STARTUP, "site serve printed no URL:\n{}", server.logs());
            std::thread::sleep(POLL);
        }
        server
    }

    /// Starts `site serve --watch` and waits until the watcher sees changes.
    fn watch(site: &Fixture) -> Server {
        Server::watch_with_cache(site, Cache::Default)
    }

    /// [`Server::watch`] with a page cache of the given size.
    fn watch_with_cache(site: &Fixture, cache: Cache) -> Server {
        let env: &[(&str, &str)] = match cache {
            Cache::Default => &[],
            Cache::OneByte => &[("ROUNDTABLE_SERVE_CACHE_BYTES", "1")],
        };
        let server = Server::start_with(site.root(), &["--watch"], env);
        server.wait_for_watcher(site);
        server
    }

    /// The URL is printed before the watcher is set up: write a probe file until the
    /// server logs a rebuild for it, so that a test's first edit cannot fall in that gap.
    fn wait_for_watcher(&self, site: &Fixture) {
        let start = Instant::now();
        let mut n = 0;
        loop {
            n += 1;
            site.write("content/probe.txt", &format!("probe {n}\n"));
            let written = Instant::now();
            while written.elapsed() < Duration::from_secs(2) {
                if self.stdout.lock().unwrap().lines().any(|l| l.starts_with("content/probe.txt")) {
                    return;
                }
                std::thread::sleep(POLL);
            }
            assert!(start.elapsed() < STARTUP, "the watcher never picked up a change:\n{}", self.logs());
        }
    }

    fn logs(&self) -> String {
        format!("--- stdout\n{}\n--- stderr\n{}", self.stdout.lock().unwrap(), self.stderr.lock().unwrap())
    }

    fn get(&self, path: &str) -> Response {
        request(self.port, &format!("GET {path} HTTP/1.1"))
    }

    fn head(&self, path: &str) -> Response {
        request(self.port, &format!("HEAD {path} HTTP/1.1"))
    }

    /// Polls `path` until `ok` holds for the response, or fails with the last one.
    fn wait_page(&self, what: &str, path: &str, ok: impl Fn(&Response) -> bool) -> Response {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r) {
                return r;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "{what}: GET {path} never matched; last status {}, body:\n{}\n{}",
                    r.status,
                    r.text(),
                    self.logs()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `path` is served with status 200 and contains `needle`.
    fn wait_has(&self, path: &str, needle: &str) -> Response {
        self.wait_page(&format!("{needle:?} appears"), path, |r| r.status == 200 && r.text().contains(needle))
    }

    /// Waits until `path` is served with status 200 and lacks `needle`.
    fn wait_lacks(&self, path: &str, needle: &str) -> Response {
        self.wait_page(&format!("{needle:?} disappears"), path, |r| {
            r.status == 200 && !r.text().contains(needle)
        })
    }

    fn wait_status(&self, path: &str, status: u16) -> Response {
        self.wait_page(&format!("status {status}"), path, |r| r.status == status)
    }
}

fn parse_port(stdout: &str) -> Option<u16> {
    let line = stdout.lines().find(|l| l.starts_with("Serving "))?;
    let rest = &line[line.find("http://127.0.0.1:")? + "http://127.0.0.1:".len()..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(rest[digits.len()..].starts_with('/'), "URL must end with `/`: {line}");
    digits.parse().ok()
}

// ---------------------------------------------------------------------------
// A tiny HTTP/1.1 client
// ---------------------------------------------------------------------------

#[derive(Debug)]
struct Response {
    status: u16,
    /// Lower-cased names.
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request_line` as written (no normalisation) and reads the whole response.
fn request(port: u16, request_line: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to the server");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let req = format!("{request_line}\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read the response");
    parse_response(&raw, request_line.starts_with("HEAD "))
}

fn parse_response(raw: &[u8], head: bool) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(raw)));
    let head_text = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status_line = lines.next().unwrap();
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let rest = raw[split + 4..].to_vec();
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if head {
        rest
    } else if chunked {
        dechunk(&rest)
    } else {
        rest
    };
    Response { status, headers, body }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(eol) = raw.windows(2).position(|w| w == b"\r\n") else { return out };
        let size_text = String::from_utf8_lossy(&raw[..eol]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap().trim(), 16).unwrap_or(0);
        if size == 0 || raw.len() < eol + 2 + size {
            return out;
        }
        out.extend_from_slice(&raw[eol + 2..eol + 2 + size]);
        raw = &raw[(eol + 4 + size).min(raw.len())..];
    }
}

/// An open `/__roundtable/events` stream, read with a timeout.
struct Events {
    stream: TcpStream,
    seen: String,
    /// The greeting, with the server's current build id.
    hello: String,
}

impl Events {
    /// Connects and waits for the greeting, so that later events cannot be missed.
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(200))).unwrap();
        let req = format!(
            "GET /__roundtable/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream.write_all(req.as_bytes()).unwrap();
        let mut events = Events { stream, seen: String::new(), hello: String::new() };
        let got = events.wait_for("event: hello");
        events.hello = got[got.find("event: hello").unwrap_or(0)..].to_string();
        let head = got[..got.find("\r\n\r\n").unwrap_or(0)].to_ascii_lowercase();
        assert!(head.starts_with("http/1.1 200"), "events status: {head}");
        assert!(head.contains("content-type: text/event-stream"), "events content type: {head}");
        events
    }

    /// Reads until the text since the last call contains `needle`; returns that text.
    fn wait_for(&mut self, needle: &str) -> String {
        let start = Instant::now();
        let mut buf = [0u8; 8192];
        loop {
            if let Some(at) = self.seen.find(needle) {
                // Keep the rest of the event (up to its blank line) in the answer.
                let end = self.seen[at..].find("\n\n").map_or(self.seen.len(), |e| at + e + 2);
                let got: String = self.seen.drain(..end).collect();
                return got;
            }
            assert!(start.elapsed() < PATIENCE, "no {needle:?} in the event stream; saw:\n{}", self.seen);
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the event stream closed; saw:\n{}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
                Err(e)
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Serving
// ---------------------------------------------------------------------------

#[test]
fn serves_home_and_interview_pages_as_html() {
    let site = Fixture::new();
    let server = Server::start(site.root(), &["--watch"]);
    for path in ["/", "/interviews/alpha-queue/", "/principles/dive-deep/", "/panelists/ana-lima/"] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        let ct = r.header("content-type").unwrap_or_default();
        assert!(ct.starts_with("text/html"), "GET {path}: content-type {ct}");
        assert_eq!(r.header("cache-control"), Some("no-store"), "GET {path}");
    }
    let home = server.get("/").text();
    assert!(home.contains(ALPHA_TITLE), "home lists the interviews:\n{home}");
    let page = server.get("/interviews/alpha-queue/").text();
    assert!(page.contains(ALPHA_TITLE));
    assert!(page.contains("Carla Mendes"));

    let css = server.get("/style.css");
    assert_eq!(css.status, 200);
    assert!(css.header("content-type").unwrap_or_default().starts_with("text/css"), "{:?}", css.headers);
    assert_eq!(css.header("cache-control"), Some("no-store"));
    assert!(css.text().contains("site-style-v1"), "the site's static/ overrides the theme");

    let notes = server.get("/interviews/alpha-queue/notes.txt");
    assert_eq!(notes.status, 200, "co-located files are served");
    assert_eq!(notes.text(), "co-located notes\n");
    assert!(notes.header("content-type").unwrap_or_default().starts_with("text/plain"));

    // A page without its trailing slash redirects to it.
    let r = server.get("/interviews/alpha-queue");
    assert!(matches!(r.status, 301 | 302 | 307 | 308), "status {}", r.status);
    assert_eq!(r.header("location"), Some("/interviews/alpha-queue/"));
}

#[test]
fn links_point_at_the_server_root_not_the_configured_base_url() {
    let site = Fixture::new();
    let server = Server::start(site.root(), &["--watch"]);
    for path in ["/", "/interviews/alpha-queue/", "/principles/dive-deep/"] {
        let page = server.get(path).text();
        assert!(page.contains("href=\"/interviews/"), "GET {path}: no root-relative interview link:\n{page}");
        assert!(!page.contains("example.com"), "GET {path}: base_url leaked:\n{page}");
        assert!(!page.contains("href=\"/kb/"), "GET {path}: base_url's path leaked:\n{page}");
    }
    let feed = server.get("/atom.xml");
    assert_eq!(feed.status, 200);
    assert!(!feed.text().contains("example.com/kb"), "feed keeps base_url:\n{}", feed.text());
    assert!(feed.text().contains(&format!("http://127.0.0.1:{}/interviews/", server.port)));
}

#[test]
fn head_has_no_body_and_the_same_length() {
    let site = Fixture::new();
    let server = Server::start(site.root(), &["--watch"]);
    for path in ["/", "/interviews/alpha-queue/", "/style.css", "/no/such/page/"] {
        let get = server.get(path);
        let head = server.head(path);
        assert_eq!(head.status, get.status, "HEAD {path}");
        assert!(head.body.is_empty(), "HEAD {path} sent a body: {:?}", head.text());
        let len = head.header("content-length").unwrap_or_else(|| panic!("HEAD {path}: no content-length"));
        assert_eq!(len.parse::<usize>().unwrap(), get.body.len(), "HEAD {path}: content-length");
        assert_eq!(head.header("content-type"), get.header("content-type"), "HEAD {path}");
    }
}

#[test]
fn missing_pages_get_404_with_the_sites_404_page() {
    let site = Fixture::new();
    let server = Server::start(site.root(), &["--watch"]);
    let page_404 = server.get("/404.html");
    assert_eq!(page_404.status, 200);
    for path in ["/no-such-page/", "/interviews/nope/", "/interviews/alpha-queue/missing.png", "/x.css"] {
        let r = server.get(path);
        assert_eq!(r.status, 404, "GET {path}");
        assert!(r.header("content-type").unwrap_or_default().starts_with("text/html"), "GET {path}");
        assert_eq!(r.text(), page_404.text(), "GET {path}: the site's 404 page");
        assert!(r.text().contains("Serve Fixture Library"), "the 404 page is the site's own");
    }
}

#[test]
fn traversal_never_serves_a_file_outside_the_site() {
    let site = Fixture::new();
    // Something recognisable in the site root, which is *not* part of the built site.
    let toml_marker = "Panel reviews for the serve tests";
    let server = Server::start(site.root(), &["--watch"]);
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    for target in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E/site.toml",
        "/interviews/%2e%2e/%2e%2e/site.toml",
        "/interviews/../../site.toml",
        "/..%2f..%2fsite.toml",
        "/..%2F..%2Fsite.toml",
        "/%2e%2e%2fsite.toml",
        "/..\\site.toml",
        "/%5c..%5csite.toml",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/%2fetc/passwd",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/interviews/alpha-queue/../../../content/2026/alpha-queue/index.md",
        "/content/2026/alpha-queue/index.md",
        "/site.toml",
        "/%00/site.toml",
        "/./site.toml",
    ] {
        let r = request(server.port, &format!("GET {target} HTTP/1.1"));
        assert!(matches!(r.status, 400 | 404), "GET {target}: status {}\n{}", r.status, r.text());
        let body = r.text();
        assert!(!body.contains("base_url"), "GET {target} served site.toml:\n{body}");
        assert!(!body.contains("principles = ["), "GET {target} served an index.md:\n{body}");
        assert!(!body.contains("root:x:0:0"), "GET {target} served /etc/passwd");
        if !passwd.is_empty() {
            assert!(!body.contains(passwd.lines().next().unwrap()), "GET {target} served /etc/passwd");
        }
        // The site's description may be on the 404 page (site.toml's values are
        // rendered), but never the raw TOML line.
        assert!(!body.contains(&format!("description = \"{toml_marker}\"")), "GET {target}");
    }
}

#[test]
fn symlinks_pointing_outside_the_site_are_never_served() {
    let site = Fixture::new();
    let dir = site.path("content/2026/alpha-queue");
    std::os::unix::fs::symlink(site.outside.path().join("secret.txt"), dir.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(site.outside.path().join("dir"), dir.join("leakdir")).unwrap();
    std::os::unix::fs::symlink(site.outside.path().join("secret.txt"), site.path("static/leak.css")).unwrap();
    let server = Server::start(site.root(), &["--watch"]);
    for path in [
        "/interviews/alpha-queue/leak.txt",
        "/interviews/alpha-queue/leakdir/inner.txt",
        "/leak.css",
        "/interviews/alpha-queue/leak.txt/",
    ] {
        for r in [server.get(path), server.head(path)] {
            assert_ne!(r.status, 200, "{path} is served");
            assert!(!r.text().contains(SECRET), "{path} leaks the file outside the site");
        }
    }
    // The links are errors, as in `site build` (docs/safety.md): the error page
    // names each of them, and the file beside them is not served from a failed build.
    let page = server.get("/").text();
    for link in ["content/2026/alpha-queue/leak.txt", "content/2026/alpha-queue/leakdir", "static/leak.css"] {
        assert!(page.contains(link), "the error page does not name {link}:\n{page}");
    }
    assert!(page.contains("outside the site folder"), "{page}");
}

#[test]
fn only_get_and_head_are_allowed() {
    let site = Fixture::new();
    let server = Server::start(site.root(), &["--watch"]);
    let r = request(server.port, "POST / HTTP/1.1\r\nContent-Length: 0");
    assert_eq!(r.status, 405);
    assert!(r.header("allow").unwrap_or_default().contains("GET"));
}

#[test]
fn live_reload_script_is_served_under_watch_and_never_built() {
    let site = Fixture::new();
    {
        let server = Server::start(site.root(), &["--watch"]);
        for path in ["/", "/interviews/alpha-queue/", "/no-such-page/"] {
            let page = server.get(path).text();
            assert!(page.contains("/__roundtable/live.js"), "GET {path} lacks the live-reload script");
            assert!(!page.contains("roundtable-overlay"), "GET {path} shows an overlay without errors");
        }
        let js = server.get("/__roundtable/live.js");
        assert_eq!(js.status, 200);
        assert!(js.header("content-type").unwrap_or_default().contains("javascript"));
        assert!(js.text().contains("/__roundtable/events"));
        // Non-HTML files are served as they are.
        assert!(!server.get("/style.css").text().contains("live.js"));
    }
    {
        let server = Server::start(site.root(), &[]);
        let page = server.get("/").text();
        assert!(!page.contains("__roundtable"), "serve without --watch injects the script");
    }
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for page in ["index.html", "interviews/alpha-queue/index.html", "404.html"] {
        let text = std::fs::read_to_string(out.path().join(page)).unwrap();
        assert!(!text.contains("__roundtable"), "site build output {page} carries the live script");
        assert!(!text.contains("roundtable-overlay"));
    }
    assert!(!site.path("public").exists(), "serve wrote the user's public/");
}

// ---------------------------------------------------------------------------
// Watching
// ---------------------------------------------------------------------------

#[test]
fn an_edited_title_shows_on_every_page_that_shows_the_interview() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let pages = [
        "/interviews/alpha-queue/",
        "/principles/dive-deep/",
        "/principles/ownership/",
        "/panelists/carla-mendes/",
        "/panelists/ana-lima/",
        "/roles/software-engineer/",
        "/levels/l5/",
        "/",
    ];
    for p in pages {
        assert!(server.get(p).text().contains(ALPHA_TITLE), "{p} shows the interview before the edit");
    }
    // In place, as some editors save.
    let new_title = "Alpha Queue Renamed Once";
    site.write(ALPHA, &alpha(new_title));
    for p in pages {
        server.wait_has(p, new_title);
        assert!(!server.get(p).text().contains(ALPHA_TITLE), "{p} still shows the old title");
    }
    server.wait_has("/atom.xml", new_title);
    // Temporary file, then rename, as others do.
    let newer = "Alpha Queue Renamed Twice";
    site.save_atomic(ALPHA, &alpha(newer));
    for p in pages {
        server.wait_has(p, newer);
    }
    // A neighbour's previous/next link follows too.
    let bravo = server.get("/interviews/bravo-pricing/").text();
    assert!(!bravo.contains(new_title), "a stale neighbour link on bravo's page");
    assert!(!server.stdout.lock().unwrap().contains("error"), "{}", server.logs());
}

#[test]
fn a_new_interview_folder_appears_everywhere() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let title = "Delta Cost Review";
    assert_eq!(server.get("/interviews/delta-costs/").status, 404);
    site.write("content/2026/delta-costs/index.md", &delta(title));
    server.wait_has("/interviews/delta-costs/", title);
    for p in [
        "/",
        "/principles/dive-deep/",
        "/principles/frugality/",
        "/panelists/ana-lima/",
        "/roles/data-scientist/",
    ] {
        server.wait_has(p, title);
    }
    // A brand-new panelist gets a page.
    server.wait_has("/panelists/eli-novak/", title);
    server.wait_has("/sitemap.xml", "/interviews/delta-costs/");
    server.wait_has("/atom.xml", title);

    // A whole folder moved in at once (written elsewhere, then renamed in).
    let staging = site.path("content/_staging/echo");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::write(staging.join("index.md"), delta("Echo Moved In")).unwrap();
    std::fs::rename(&staging, site.path("content/2025/echo-moved")).unwrap();
    server.wait_has("/interviews/echo-moved/", "Echo Moved In");
    server.wait_has("/", "Echo Moved In");
}

#[test]
fn a_deleted_interview_folder_disappears_everywhere() {
    let site = Fixture::new();
    site.write("content/2026/delta-costs/index.md", &delta("Delta Cost Review"));
    let server = Server::watch(&site);
    server.wait_has("/interviews/delta-costs/", "Delta Cost Review");
    assert_eq!(server.get("/panelists/eli-novak/").status, 200);
    site.remove_dir("content/2026/delta-costs");
    server.wait_status("/interviews/delta-costs/", 404);
    for p in ["/", "/principles/dive-deep/", "/panelists/ana-lima/", "/atom.xml"] {
        server.wait_lacks(p, "Delta Cost Review");
    }
    server.wait_lacks("/sitemap.xml", "/interviews/delta-costs/");
    // Pages that only existed for it are gone too.
    server.wait_status("/panelists/eli-novak/", 404);
    server.wait_status("/roles/data-scientist/", 404);
    // An empty principle stays in the catalogue, without a page.
    server.wait_status("/principles/frugality/", 404);
    server.wait_has("/principles/", "Frugality");

    // A folder renamed away from content/ (to an ignored name) disappears as well.
    std::fs::rename(site.path("content/2025/charlie-hiring"), site.path("content/2025/_charlie-hiring"))
        .unwrap();
    server.wait_status("/interviews/charlie-hiring/", 404);
    server.wait_lacks("/", "Charlie Hiring Plan");
    server.wait_status("/panelists/dora-quist/", 404);
    // And comes back when renamed back.
    std::fs::rename(site.path("content/2025/_charlie-hiring"), site.path("content/2025/charlie-hiring"))
        .unwrap();
    server.wait_has("/interviews/charlie-hiring/", "Charlie Hiring Plan");
    server.wait_has("/panelists/dora-quist/", "Charlie Hiring Plan");
}

#[test]
fn an_edited_site_stylesheet_is_served_and_refreshes_styles_only() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let mut events = Events::open(server.port);
    site.save_atomic("static/style.css", "/* site-style-v2 */\nbody { color: #222; }\n");
    server.wait_has("/style.css", "site-style-v2");
    assert!(!server.get("/style.css").text().contains("site-style-v1"));
    // live.js refreshes styles with a cache-busting query, which must not matter.
    assert!(server.get("/style.css?v=12345").text().contains("site-style-v2"));
    let got = events.wait_for("event: css");
    assert!(!got.contains("event: reload"), "a stylesheet edit reloaded the page:\n{got}");
    // A new stylesheet is served too, and a deleted one is gone.
    site.write("static/extra.css", "/* extra */\n");
    server.wait_has("/extra.css", "/* extra */");
    std::fs::remove_file(site.path("static/extra.css")).unwrap();
    server.wait_status("/extra.css", 404);
}

#[test]
fn an_edit_sends_a_reload_event() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let mut events = Events::open(server.port);
    site.write(ALPHA, &alpha("Alpha Reload Event"));
    events.wait_for("event: reload");
    server.wait_has("/interviews/alpha-queue/", "Alpha Reload Event");
}

#[test]
fn broken_front_matter_shows_an_overlay_until_fixed() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let mut events = Events::open(server.port);

    // A bad verdict, and a new title in the same save: the title must not be served.
    let broken = alpha("Alpha Broken Title").replace("verdict = \"hire\"", "verdict = \"maybe\"");
    assert_eq!(broken.lines().nth(VERDICT_LINE - 1), Some("verdict = \"maybe\""));
    site.save_atomic(ALPHA, &broken);
    let got = events.wait_for("event: errors");
    assert!(got.contains("alpha-queue/index.md"), "errors event lacks the file:\n{got}");
    assert!(got.contains(&format!("\"line\":{VERDICT_LINE}")), "errors event lacks the line:\n{got}");
    assert!(got.contains("maybe"), "errors event lacks the message:\n{got}");

    // A fresh load carries the overlay, on every page, over the last good build.
    let page = server.wait_has("/interviews/alpha-queue/", "roundtable-overlay").text();
    assert!(page.contains("alpha-queue/index.md"), "overlay lacks the file:\n{page}");
    assert!(page.contains(&format!("index.md:{VERDICT_LINE}")), "overlay lacks the line:\n{page}");
    assert!(page.contains(ALPHA_TITLE), "the last good page is no longer served");
    assert!(!page.contains("Alpha Broken Title"), "broken content was served");
    for p in ["/", "/principles/dive-deep/", "/no-such-page/"] {
        let r = server.get(p);
        assert!(r.text().contains("roundtable-overlay"), "{p} lacks the overlay");
    }
    assert!(!server.get("/style.css").text().contains("roundtable-overlay"));
    // The server said so, and is still alive.
    assert!(server.get("/").status == 200);

    // A second kind of breakage: an unclosed string.
    let unclosed = alpha(ALPHA_TITLE).replace("role = \"Software Engineer\"", "role = \"Software Engineer");
    site.write(ALPHA, &unclosed);
    let got = events.wait_for("event: errors");
    assert!(got.contains("alpha-queue/index.md"), "{got}");
    assert!(got.contains("\"line\":5"), "the unclosed string is on line 5:\n{got}");
    server.wait_has("/", "index.md:5");

    // Fixed: the overlay goes, the page reloads, the new content is served.
    site.save_atomic(ALPHA, &alpha("Alpha Fixed Title"));
    events.wait_for("event: reload");
    let page = server.wait_has("/interviews/alpha-queue/", "Alpha Fixed Title").text();
    assert!(!page.contains("roundtable-overlay"), "overlay still shown after the fix");
    server.wait_lacks("/", "roundtable-overlay");
    server.wait_has("/principles/dive-deep/", "Alpha Fixed Title");
    let logs = server.logs();
    assert!(logs.contains("still serving the last good build"), "{logs}");
}

#[test]
fn the_overlay_escapes_what_the_author_wrote() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let evil = "<img src=x onerror=alert(1)>";
    site.write(ALPHA, &alpha(ALPHA_TITLE).replace("verdict = \"hire\"", &format!("verdict = {evil:?}")));
    let page = server.wait_has("/", "roundtable-overlay").text();
    assert!(!page.contains(evil), "the overlay carries raw HTML from the content:\n{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "the message is shown, escaped:\n{page}");
}

#[test]
fn an_events_stream_opened_while_broken_gets_the_errors_at_once() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    site.write(ALPHA, &alpha(ALPHA_TITLE).replace("verdict = \"hire\"", "verdict = \"maybe\""));
    server.wait_has("/", "roundtable-overlay");
    let mut events = Events::open(server.port);
    let got = events.wait_for("event: errors");
    assert!(got.contains(&format!("\"line\":{VERDICT_LINE}")), "{got}");
}

#[test]
fn a_site_broken_at_startup_shows_its_errors_then_recovers() {
    let site = Fixture::new();
    site.write(ALPHA, &alpha(ALPHA_TITLE).replace("verdict = \"hire\"", "verdict = \"maybe\""));
    let server = Server::watch(&site);
    // Nothing good was ever built: the server runs, and a fresh load should say
    // what is wrong and reload by itself once fixed.
    let first = server.get("/");
    site.write(ALPHA, &alpha(ALPHA_TITLE));
    server.wait_has("/", ALPHA_TITLE);
    server.wait_lacks("/", "roundtable-overlay");
    server.wait_has("/interviews/alpha-queue/", ALPHA_TITLE);

    let body = first.text();
    let ct = first.header("content-type").unwrap_or_default();
    assert!(ct.starts_with("text/html"), "GET / while broken at startup: content-type {ct:?}, body {body:?}");
    assert!(body.contains("roundtable-overlay"), "GET / while broken at startup has no overlay: {body:?}");
    assert!(body.contains(&format!("alpha-queue/index.md:{VERDICT_LINE}")), "no file and line: {body:?}");
    assert!(
        body.contains("/__roundtable/live.js"),
        "no live-reload script, so the fix never shows: {body:?}"
    );
}

/// The pages the rebuild logged for `what` changed (`<what>: N pages changed, rendered
/// on request, ...`, `1 page changed` for one; `N pages ready` for the full build).
fn rendered_for(server: &Server, what: &str) -> usize {
    let start = Instant::now();
    loop {
        let line = server
            .stdout
            .lock()
            .unwrap()
            .lines()
            .rev()
            .find(|l| l.starts_with(&format!("{what}: ")) && l.contains(", rendered on request, "))
            .map(str::to_string);
        if let Some(line) = line {
            let n = line[what.len() + 2..].split(' ').next().unwrap();
            return n.parse().unwrap_or_else(|_| panic!("pages in {line:?}"));
        }
        assert!(start.elapsed() < PATIENCE, "no rebuild line for {what}:\n{}", server.logs());
        std::thread::sleep(POLL);
    }
}

#[test]
fn a_one_interview_edit_re_renders_only_the_pages_that_show_it() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let all = rendered_for(&server, "full build");

    site.write(ALPHA, &alpha("Alpha Incremental"));
    server.wait_has("/principles/ownership/", "Alpha Incremental");
    let one = rendered_for(&server, ALPHA);
    // Its page, two neighbours, two principles, two panelists, its role and level,
    // home and the two indexes: well under the 16 principle pages alone.
    assert!(
        one < all / 2,
        "a title edit of one interview re-rendered {one} of {all} pages (the whole site):\n{}",
        server.logs()
    );
}

#[test]
fn a_page_template_edit_re_renders_only_the_pages_that_use_it() {
    let site = Fixture::new();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/interview.html");
    let template = std::fs::read_to_string(theme).unwrap();
    site.write("templates/interview.html", &template);
    let server = Server::watch(&site);
    site.write(
        "templates/interview.html",
        &template.replacen("{% block content %}", "{% block content %}<!-- t2 -->", 1),
    );
    server.wait_has("/interviews/alpha-queue/", "<!-- t2 -->");
    let t = rendered_for(&server, "templates/interview.html");
    assert_eq!(t, 3, "an interview.html edit re-renders the 3 interview pages only:\n{}", server.logs());
}

#[test]
fn a_burst_of_saves_ends_on_the_last_one() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    for n in 1..=25 {
        let title = format!("Alpha Burst {n}");
        if n % 2 == 0 {
            site.save_atomic(ALPHA, &alpha(&title));
        } else {
            site.write(ALPHA, &alpha(&title));
        }
    }
    for p in ["/interviews/alpha-queue/", "/principles/ownership/", "/"] {
        server.wait_has(p, "Alpha Burst 25");
    }
    let page = server.get("/").text();
    assert!(!page.contains("Alpha Burst 24"), "a stale title is listed");
    assert!(!page.contains(ALPHA_TITLE), "the first title is listed");
}

#[test]
fn co_located_files_follow_edits() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    site.write("content/2026/alpha-queue/notes.txt", "notes, second version\n");
    server.wait_has("/interviews/alpha-queue/notes.txt", "second version");
    site.write("content/2026/alpha-queue/img/sketch.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let r = server.wait_status("/interviews/alpha-queue/img/sketch.svg", 200);
    assert!(r.header("content-type").unwrap_or_default().starts_with("image/svg+xml"), "{:?}", r.headers);
    std::fs::remove_file(site.path("content/2026/alpha-queue/notes.txt")).unwrap();
    server.wait_status("/interviews/alpha-queue/notes.txt", 404);
    // A whole grouping folder deleted at once.
    site.remove_dir("content/2025");
    server.wait_status("/interviews/charlie-hiring/", 404);
    server.wait_lacks("/", "Charlie Hiring Plan");
    server.wait_status("/panelists/dora-quist/", 404);
    assert_eq!(server.get("/interviews/alpha-queue/img/sketch.svg").status, 200);
}

#[test]
fn an_edited_template_changes_the_pages_that_use_it() {
    let site = Fixture::new();
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/interview.html");
    let template = std::fs::read_to_string(theme).unwrap();
    site.write("templates/interview.html", &template);
    let server = Server::watch(&site);
    let marker = "<!-- template-marker-1 -->";
    let edited = template.replacen("{% block content %}", &format!("{{% block content %}}{marker}"), 1);
    assert_ne!(edited, template);
    site.save_atomic("templates/interview.html", &edited);
    for p in ["/interviews/alpha-queue/", "/interviews/bravo-pricing/", "/interviews/charlie-hiring/"] {
        server.wait_has(p, marker);
    }
    for p in ["/", "/principles/dive-deep/", "/panelists/ana-lima/"] {
        assert!(!server.get(p).text().contains(marker), "{p} does not use interview.html");
    }
    // A broken template keeps the last good pages, with the template named in the overlay.
    site.write(
        "templates/interview.html",
        &edited.replacen("{% endblock content %}", "{% endblock content", 1),
    );
    let page = server.wait_has("/interviews/alpha-queue/", "roundtable-overlay").text();
    assert!(page.contains("templates/interview.html"), "overlay lacks the template:\n{page}");
    assert!(page.contains(marker), "the last good page is gone");
    site.write("templates/interview.html", &template);
    server.wait_lacks("/interviews/alpha-queue/", marker);
    server.wait_lacks("/interviews/alpha-queue/", "roundtable-overlay");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

#[test]
fn a_site_theme_is_watched_templates_and_statics() {
    let site = Fixture::new();
    std::fs::remove_dir_all(site.path("static")).unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &site.path("themes/custom"));
    site.write("site.toml", &format!("{SITE_TOML}theme = \"custom\"\n"));
    let server = Server::watch(&site);
    let css = server.get("/style.css").text();
    assert!(!css.is_empty());

    let mut events = Events::open(server.port);
    site.save_atomic("themes/custom/static/style.css", &format!("{css}\n/* theme-css-v2 */\n"));
    server.wait_has("/style.css", "theme-css-v2");
    let got = events.wait_for("event: css");
    assert!(!got.contains("event: reload"), "a theme stylesheet edit reloaded the page:\n{got}");

    let base = site.path("themes/custom/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    let edited = text.replacen("</body>", "<!-- theme-base-v2 --></body>", 1);
    assert_ne!(text, edited);
    std::fs::write(&base, edited).unwrap();
    for p in ["/", "/interviews/alpha-queue/", "/principles/dive-deep/"] {
        server.wait_has(p, "theme-base-v2");
    }
    server.wait_page("the 404 page uses base.html", "/no-such-page/", |r| {
        r.status == 404 && r.text().contains("theme-base-v2")
    });
    events.wait_for("event: reload");
    // Another theme's files are not this site's.
    site.write("themes/other/templates/base.html", "<!-- other theme -->");
    site.write(ALPHA, &alpha("Alpha After Other Theme"));
    server.wait_has("/interviews/alpha-queue/", "Alpha After Other Theme");
    assert!(!server.get("/").text().contains("other theme"));
}

#[test]
fn a_static_folder_created_while_serving_is_watched() {
    let site = Fixture::new();
    std::fs::remove_dir_all(site.path("static")).unwrap();
    let server = Server::watch(&site);
    assert_eq!(server.get("/extra.css").status, 404);
    site.write("static/extra.css", "/* created later */\n");
    server.wait_has("/extra.css", "/* created later */");
}

#[test]
fn a_templates_folder_created_while_serving_is_watched() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/interview.html");
    let template = std::fs::read_to_string(theme).unwrap();
    let marker = "<!-- created-later -->";
    site.write(
        "templates/interview.html",
        &template.replacen("{% block content %}", &format!("{{% block content %}}{marker}"), 1),
    );
    server.wait_has("/interviews/alpha-queue/", marker);
}

/// Every page and file of a fresh `site build` with the server's base URL,
/// fetched from the server: after any series of edits the incremental rebuilds
/// must serve exactly what a full build makes, and nothing it no longer makes.
fn assert_matches_a_full_build(site: &Fixture, server: &Server, gone: &[&str]) {
    assert_matches_a_build(site, server, gone, &[]);
}

/// [`assert_matches_a_full_build`] against `site build` with `args` too (a profile).
fn assert_matches_a_build(site: &Fixture, server: &Server, gone: &[&str], args: &[&str]) {
    let out = tempfile::tempdir().unwrap();
    let base = format!("http://127.0.0.1:{}", server.port);
    let status = Command::new(env!("CARGO_BIN_EXE_site"))
        .arg("build")
        .args(args)
        .args(["--base-url", &base, "--root"])
        .arg(site.root())
        .arg("--output")
        .arg(out.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut files = Vec::new();
    let mut stack = vec![out.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name() != Some(std::ffi::OsStr::new(".roundtable-build")) {
                // The build's marker (docs/safety.md) is a file of the output
                // folder, not of the site: serve has no folder to mark.
                files.push(path);
            }
        }
    }
    files.sort();
    for file in files {
        let rel = file.strip_prefix(out.path()).unwrap().to_string_lossy().replace('\\', "/");
        let url = match rel.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{rel}"),
        };
        let built = std::fs::read(&file).unwrap();
        let start = Instant::now();
        loop {
            let r = server.get(&url);
            // Only pages carry the live-reload script; other files (a gzipped
            // search table, an image) are compared byte for byte.
            let html = r.header("content-type").is_some_and(|t| t.starts_with("text/html"));
            let served = if html { without_live_script(&r.text()).into_bytes() } else { r.body.clone() };
            if r.status == 200 && served == built {
                break;
            }
            if start.elapsed() > PATIENCE {
                let (b, s) = (String::from_utf8_lossy(&built), String::from_utf8_lossy(&served));
                let at = b.chars().zip(s.chars()).take_while(|(x, y)| x == y).count();
                let ctx = |t: &str| t.chars().skip(at.saturating_sub(200)).take(400).collect::<String>();
                panic!(
                    "GET {url} (status {}) differs from a full build at char {at}:\n--- built\n{}\n--- served\n{}",
                    r.status,
                    ctx(&b),
                    ctx(&s)
                );
            }
            std::thread::sleep(POLL);
        }
    }
    for url in gone {
        server.wait_status(url, 404);
    }
}

#[test]
fn incremental_rebuilds_serve_what_a_full_build_makes() {
    incremental_rebuilds(Cache::Default);
}

#[test]
fn incremental_rebuilds_serve_what_a_full_build_makes_with_no_room_in_the_cache() {
    incremental_rebuilds(Cache::OneByte);
}

fn incremental_rebuilds(cache: Cache) {
    let site = Fixture::new();
    site.write("content/2026/delta-costs/index.md", &delta("Delta Cost Review"));
    let server = Server::watch_with_cache(&site, cache);
    assert_matches_a_full_build(&site, &server, &[]);

    // Charlie moves from oldest to newest: listings reorder, neighbours change.
    let charlie_newer = charlie().replace("date = 2025-11-20", "date = 2026-05-01");
    site.save_atomic("content/2025/charlie-hiring/index.md", &charlie_newer);
    server.wait_has("/interviews/charlie-hiring/", "2026");
    assert_matches_a_full_build(&site, &server, &[]);

    // A panelist renamed: the old panelist page goes, the new one comes.
    let bravo = bravo().replace("Ben Okafor", "Bea Okafor");
    site.write("content/2026/bravo-pricing/index.md", &bravo);
    server.wait_status("/panelists/bea-okafor/", 200);
    assert_matches_a_full_build(&site, &server, &["/panelists/ben-okafor/"]);

    // A principle dropped, a level changed, a slug set in front matter.
    let alpha2 = alpha("Alpha Re-Scoped")
        .replace("principles = [\"Dive Deep\", \"Ownership\"]", "principles = [\"Ownership\"]")
        .replace("level = \"L5\"", "level = \"L9\"")
        .replace("verdict = \"hire\"", "verdict = \"hire\"\nslug = \"alpha-new-slug\"");
    site.save_atomic(ALPHA, &alpha2);
    server.wait_status("/interviews/alpha-new-slug/", 200);
    assert_matches_a_full_build(&site, &server, &["/interviews/alpha-queue/", "/levels/l5/"]);

    // A deleted folder and a new one in the same moment.
    site.remove_dir("content/2026/delta-costs");
    site.write("content/2026/foxtrot/index.md", &delta("Foxtrot Arrives").replace("Eli Novak", "Fay Ode"));
    server.wait_status("/interviews/foxtrot/", 200);
    assert_matches_a_full_build(&site, &server, &["/interviews/delta-costs/", "/panelists/eli-novak/"]);

    // A folder renamed: a new slug, the old page gone.
    std::fs::rename(site.path("content/2026/bravo-pricing"), site.path("content/2026/bravo-renamed"))
        .unwrap();
    server.wait_status("/interviews/bravo-renamed/", 200);
    assert_matches_a_full_build(&site, &server, &["/interviews/bravo-pricing/"]);

    // site.toml: everything.
    site.save_atomic("site.toml", &SITE_TOML.replace("Serve Fixture Library", "Renamed Fixture Library"));
    server.wait_has("/panelists/ana-lima/", "Renamed Fixture Library");
    assert_matches_a_full_build(&site, &server, &[]);
}

#[test]
fn edits_on_and_off_the_fast_path_serve_what_a_full_build_makes() {
    edits_on_and_off_the_fast_path(Cache::Default);
}

#[test]
fn edits_on_and_off_the_fast_path_serve_what_a_full_build_makes_with_no_room_in_the_cache() {
    edits_on_and_off_the_fast_path(Cache::OneByte);
}

fn edits_on_and_off_the_fast_path(cache: Cache) {
    // An edit that keeps every link (title, verdict, text) swaps the interview into
    // the last graph and reuses its paths; any other edit must fall back to a new
    // graph. Each step changes the title too, to know when it is served.
    let site = Fixture::new();
    let server = Server::watch_with_cache(&site, cache);
    let step = |title: &str, text: String, gone: &[&str]| {
        site.save_atomic(ALPHA, &text);
        server.wait_has("/interviews/alpha-queue/", title);
        assert_matches_a_full_build(&site, &server, gone);
    };
    // Links kept: a title; a verdict (listings' verdict mixes and insights change).
    step("Fast Title", alpha("Fast Title"), &[]);
    step("Fast Verdict", alpha("Fast Verdict").replace("verdict = \"hire\"", "verdict = \"no-hire\""), &[]);
    // Links changed: a principle, then the date (alpha becomes the oldest).
    let principle = alpha("New Principle").replace("\"Dive Deep\", \"Ownership\"", "\"Frugality\"");
    step("New Principle", principle.clone(), &[]);
    step(
        "Older Date",
        principle.replace("2026-03-01", "2024-01-01").replace("New Principle", "Older Date"),
        &[],
    );
    // Back on the fast path after a slow one: the graph it starts from is the new one.
    step("Fast Again", alpha("Fast Again"), &[]);
    // A panelist's role, the level spelled otherwise, a panelist renamed.
    step("Panel Role", alpha("Panel Role").replacen("Engineering Manager", "Director", 1), &[]);
    step("Level Case", alpha("Level Case").replace("\"L5\"", "\"l5\""), &[]);
    step("Renamed", alpha("Renamed").replace("Carla Mendes", "Carla Mendez"), &["/panelists/carla-mendes/"]);
    // A new co-located file in the same moment as a fast edit: its path is new.
    site.write("content/2026/alpha-queue/extra.txt", "an extra file\n");
    step("With Extra", alpha("With Extra"), &[]);
    assert_eq!(server.get("/interviews/alpha-queue/extra.txt").status, 200);
    // A draft leaves every listing; published again, it returns.
    site.save_atomic(
        ALPHA,
        &alpha("Drafted").replace("verdict = \"hire\"", "verdict = \"hire\"\ndraft = true"),
    );
    server.wait_status("/interviews/alpha-queue/", 404);
    assert_matches_a_full_build(&site, &server, &["/interviews/alpha-queue/"]);
    step("Published", alpha("Published"), &[]);
}

/// Whence the server took a generated file (`x-roundtable-rendered`).
fn rendered_from(r: &Response) -> &str {
    r.header("x-roundtable-rendered").unwrap_or("(no header)")
}

#[test]
fn pages_are_rendered_when_first_asked_for_then_served_from_the_cache() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let page = "/interviews/alpha-queue/";
    // Only bravo is under this principle, and bravo's page shows alpha (its neighbour).
    let untouched = "/principles/customer-obsession/";
    // Nothing was rendered before the first request for it.
    for p in [page, untouched, "/principles/ownership/", "/atom.xml", "/sitemap.xml"] {
        let first = server.get(p);
        assert_eq!(first.status, 200, "{p}");
        assert_eq!(rendered_from(&first), "fresh", "{p} on its first request");
        assert_eq!(rendered_from(&server.get(p)), "cache", "{p} on its second request");
    }
    // Copied files are served as they are, never through the cache.
    assert_eq!(server.get("/style.css").header("x-roundtable-rendered"), None);
    // A title edit of alpha changes its page and its listings, not a listing
    // without it.
    site.write(ALPHA, &alpha("Alpha Cached Again"));
    let edited = server.wait_has(page, "Alpha Cached Again");
    assert_eq!(rendered_from(&edited), "fresh", "the edited page is rendered anew");
    let listing = server.wait_has("/principles/ownership/", "Alpha Cached Again");
    assert_eq!(rendered_from(&listing), "fresh", "its listing is rendered anew");
    assert_eq!(rendered_from(&server.get(untouched)), "cache", "a page the edit did not touch is kept");

    // With no room in the cache every request renders.
    drop(server);
    let server = Server::watch_with_cache(&site, Cache::OneByte);
    for _ in 0..2 {
        assert_eq!(rendered_from(&server.get(page)), "fresh");
    }
}

#[test]
fn later_pages_of_long_listings_follow_edits_on_the_first() {
    // 70 interviews share a principle and a panelist: both listings have a second
    // page. An edit on page 1 that adds the panelist's concern changes the header
    // of every panelist page (their concern count) and the first page's insights.
    let site = Fixture::new();
    let bulk = |n: usize, concern: bool| {
        let text = interview(
            &format!("Bulk {n}"),
            &format!("2025-{:02}-{:02}", 1 + n / 28, 1 + n % 28),
            &["Bias for Action"],
            "Data Scientist",
            "L4",
            &["Pat Long"],
        );
        if concern {
            text.replace(
                "role = \"Engineering Manager\"\n",
                "role = \"Engineering Manager\"\nconcern = \"No rollback plan for the migration.\"\n",
            )
        } else {
            text
        }
    };
    for n in 0..70 {
        site.write(&format!("content/bulk/b{n:02}/index.md"), &bulk(n, n % 3 == 0));
    }
    let server = Server::watch(&site);
    server.wait_has("/panelists/pat-long/page/2/", "Pat Long");
    // The newest bulk interview is on page 1 of both listings. Title edits keep
    // every link: these take the fast path.
    site.save_atomic("content/bulk/b69/index.md", &bulk(69, true).replace("Bulk 69", "Bulk Edited"));
    server.wait_has("/interviews/b69/", "Bulk Edited");
    assert_matches_a_full_build(&site, &server, &[]);
    site.save_atomic("content/bulk/b69/index.md", &bulk(69, false).replace("Bulk 69", "Bulk Again"));
    server.wait_has("/interviews/b69/", "Bulk Again");
    assert_matches_a_full_build(&site, &server, &[]);
    // Off the fast path: the edited interview moves to the end of both listings.
    site.save_atomic(
        "content/bulk/b69/index.md",
        &bulk(69, true).replace("Bulk 69", "Bulk Moved").replace("2025-03-14", "2020-01-01"),
    );
    server.wait_has("/interviews/b69/", "Bulk Moved");
    assert_matches_a_full_build(&site, &server, &[]);
}

// ---------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------

#[test]
fn a_taken_port_is_a_clear_error() {
    let site = Fixture::new();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["serve", "--watch", "--port", &port, "--root"])
        .arg(site.root())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(stderr.contains(&port), "the message names the port:\n{stderr}");
    assert!(stderr.contains("error"), "{stderr}");
    assert!(stderr.contains("--port"), "the message says what to do:\n{stderr}");
    drop(taken);
}

/// Sends SIGINT (Ctrl-C) and waits, bounded, for a clean exit that frees the port.
fn interrupt_and_wait(server: &mut Server) {
    let status = Command::new("kill").args(["-INT", &server.child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let start = Instant::now();
    let code = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(start.elapsed() < PATIENCE, "site serve still runs after Ctrl-C:\n{}", server.logs());
        std::thread::sleep(POLL);
    };
    assert!(code.success(), "exit status after Ctrl-C: {code}\n{}", server.logs());
    assert!(TcpStream::connect(("127.0.0.1", server.port)).is_err(), "the port is still open");
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = Fixture::new();
    let mut server = Server::watch(&site);
    assert_eq!(server.get("/").status, 200);
    interrupt_and_wait(&mut server);
}

#[test]
fn ctrl_c_stops_the_server_even_with_a_page_open() {
    let site = Fixture::new();
    let mut server = Server::watch(&site);
    // An open page holds its live-reload event stream open.
    let _events = Events::open(server.port);
    interrupt_and_wait(&mut server);
}

#[test]
fn binding_beyond_loopback_warns() {
    let site = Fixture::new();
    let server = Server::start(site.root(), &["--bind", "0.0.0.0"]);
    let start = Instant::now();
    while !server.stderr.lock().unwrap().contains("warning") {
        assert!(start.elapsed() < PATIENCE, "no warning for 0.0.0.0:\n{}", server.logs());
        std::thread::sleep(POLL);
    }
    assert_eq!(server.get("/").status, 200);

    let quiet = Server::start(site.root(), &[]);
    assert_eq!(quiet.get("/").status, 200);
    assert!(!quiet.stderr.lock().unwrap().contains("warning"), "{}", quiet.logs());
}

// ---------------------------------------------------------------------------
// Endurance: bursts of saves, renames, deletes; memory across many rebuilds
// ---------------------------------------------------------------------------

/// The resident memory of a process, from /proc (Linux), in KiB.
fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn a_thousand_rapid_saves_renames_and_deletes_end_on_the_last_state() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    for n in 0..1000 {
        let text = alpha(&format!("Burst {n:04}"));
        if n % 2 == 0 {
            site.write(ALPHA, &text);
        } else {
            site.save_atomic(ALPHA, &text);
        }
        if n % 250 == 100 {
            // A folder renamed away and back, and a folder deleted and recreated.
            std::fs::rename(site.path("content/2026/bravo-pricing"), site.path("content/2026/bravo-moved"))
                .unwrap();
            std::fs::rename(site.path("content/2026/bravo-moved"), site.path("content/2026/bravo-pricing"))
                .unwrap();
            site.remove_dir("content/2025/charlie-hiring");
            site.write("content/2025/charlie-hiring/index.md", &charlie());
        }
    }
    server.wait_has("/interviews/alpha-queue/", "Burst 0999");
    server.wait_has("/", "Burst 0999");
    server.wait_lacks("/", "Burst 0998");
    server.wait_status("/interviews/bravo-pricing/", 200);
    server.wait_status("/interviews/charlie-hiring/", 200);
    assert!(server.get("/interviews/bravo-moved/").status == 404);
    // Still alive and serving.
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn memory_does_not_grow_across_500_rebuilds() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let pid = server.child.id();
    let mut warm = 0;
    for n in 0..500 {
        site.write(ALPHA, &alpha(&format!("Round {n:03}")));
        server.wait_has("/interviews/alpha-queue/", &format!("Round {n:03}"));
        if n == 50 {
            warm = rss_kib(pid).expect("read VmRSS");
        }
    }
    let end = rss_kib(pid).expect("read VmRSS");
    eprintln!("RSS after 50 rebuilds: {warm} KiB; after 500: {end} KiB");
    // Allocators keep some slack; a leak of even 1 KiB a rebuild would show as 450 KiB.
    assert!(
        end <= warm + warm / 5 + 256,
        "RSS grew from {warm} KiB after 50 rebuilds to {end} KiB after 500"
    );
    let rebuilds = server.stdout.lock().unwrap().lines().filter(|l| l.starts_with(ALPHA)).count();
    assert!(rebuilds >= 450, "only {rebuilds} rebuilds were logged");
}

#[test]
fn a_fifo_in_content_never_hangs_serve_or_its_watcher() {
    let site = Fixture::new();
    let mkfifo = |rel: &str| {
        let path = site.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        assert!(Command::new("mkfifo").arg(&path).status().unwrap().success());
    };
    mkfifo("content/2026/alpha-queue/pipe.bin");
    let server = Server::watch(&site);
    assert_eq!(server.get("/interviews/alpha-queue/").status, 200);
    // One appearing while watching: an index.md the watcher would load.
    mkfifo("content/2026/fifo-late/index.md");
    site.write(ALPHA, &alpha("After the FIFO"));
    server.wait_has("/interviews/alpha-queue/", "After the FIFO");
    assert_eq!(server.get("/interviews/alpha-queue/pipe.bin").status, 404, "a FIFO is never served");
}

// ---------------------------------------------------------------------------
// The author's live loop: no stale page, warnings shown, bytes kept
// ---------------------------------------------------------------------------

/// A served page without the live-reload script that serve adds (and its build id).
fn without_live_script(page: &str) -> String {
    let open = "<script src=\"/__roundtable/live.js\" data-build=\"";
    let Some(at) = page.find(open) else { return page.to_string() };
    let end = page[at..].find("</script>").map_or(page.len(), |e| at + e + "</script>".len());
    format!("{}{}", &page[..at], &page[end..])
}

/// The build id a served page carries (`data-build` on the live-reload script).
fn page_build(page: &str) -> String {
    let at = page.find("data-build=\"").unwrap_or_else(|| panic!("no data-build in the page:\n{page}"));
    let rest = &page[at + "data-build=\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

/// The build id of an event such as `event: hello\ndata: {"build":"…"}`.
fn event_build(event: &str) -> String {
    let at = event.find("\"build\":\"").unwrap_or_else(|| panic!("no build id in the event:\n{event}"));
    let rest = &event[at + "\"build\":\"".len()..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[test]
fn a_reload_sent_while_a_page_reconnects_is_not_lost() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let open = server.get("/interviews/alpha-queue/").text();
    let shown = page_build(&open);
    let hello = Events::open(server.port).hello;
    let mut events = Events::open(server.port);
    assert_eq!(event_build(&hello), shown, "a fresh page is the server's current build");

    // The page's stream is down (no stream holds `shown` open) while a save lands:
    // its reload event reaches nobody. On reconnecting, the greeting must say
    // the page is stale.
    site.write(ALPHA, &alpha("Alpha Saved While Reconnecting"));
    let reload = events.wait_for("event: reload");
    assert_ne!(event_build(&reload), shown, "a reload names a new build");
    let page = server.wait_has("/interviews/alpha-queue/", "Alpha Saved While Reconnecting").text();
    let hello = Events::open(server.port).hello;
    assert_ne!(event_build(&hello), shown, "the greeting after an edit must not match the stale page");
    // A save may land as two rebuilds (truncate, then write): poll until pages
    // and greeting agree, which they must once the files are quiet.
    let current = current_build(&server);
    for p in ["/", "/principles/dive-deep/", "/no-such-page/"] {
        assert_eq!(page_build(&server.get(p).text()), current, "GET {p}");
    }

    // A stylesheet edit is a new build too: the event names it, so a page that
    // refreshed its styles knows it is current, and one that missed it reloads.
    site.write("static/style.css", "/* site-style-v2 */\n");
    let css = events.wait_for("event: css");
    server.wait_has("/style.css", "site-style-v2");
    assert_ne!(event_build(&css), page_build(&page));
    assert_ne!(
        event_build(&Events::open(server.port).hello),
        page_build(&page),
        "the page before it is stale"
    );
}

/// The build id once pages and the greeting agree (bounded poll).
fn current_build(server: &Server) -> String {
    let start = Instant::now();
    loop {
        let page = page_build(&server.get("/interviews/alpha-queue/").text());
        let hello = event_build(&Events::open(server.port).hello);
        if page == hello {
            return hello;
        }
        assert!(start.elapsed() < PATIENCE, "a page of build {page} while the server greets with {hello}");
        std::thread::sleep(POLL);
    }
}

#[test]
fn a_page_left_open_across_a_server_restart_is_stale() {
    let site = Fixture::new();
    let first = Server::start(site.root(), &["--watch"]);
    let shown = page_build(&first.get("/").text());
    drop(first);
    let second = Server::start(site.root(), &["--watch"]);
    let hello = Events::open(second.port).hello;
    assert_ne!(event_build(&hello), shown, "another server's build id must differ even at the same count");
}

/// Alpha with a declared panelist who never speaks: a warning, on `Zed Quiet`'s line.
fn alpha_with_a_silent_panelist(title: &str) -> String {
    alpha(title).replacen(
        "+++\n\nThe question",
        "\n[[panelists]]\nname = \"Zed Quiet\"\nrole = \"Engineering Manager\"\n+++\n\nThe question",
        1,
    )
}

#[test]
fn warnings_show_in_the_terminal_and_in_a_dismissible_notice() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let text = alpha_with_a_silent_panelist("Alpha With A Warning");
    let line = text.lines().position(|l| l.contains("Zed Quiet")).unwrap() + 1;
    site.write(ALPHA, &text);
    server.wait_has("/interviews/alpha-queue/", "Alpha With A Warning");
    let start = Instant::now();
    let expected = format!("warning: {ALPHA}:{line}");
    while !server.stderr.lock().unwrap().contains(&expected) {
        assert!(start.elapsed() < PATIENCE, "no {expected:?} in the terminal:\n{}", server.logs());
        std::thread::sleep(POLL);
    }
    let logs = server.logs();
    assert!(logs.contains("never speaks"), "{logs}");
    assert!(logs.contains(", 1 warning"), "the rebuild line counts the warning:\n{logs}");

    // A page (re)connecting is sent the warnings, with the source around the line.
    let got = Events::open(server.port).wait_for("event: warnings");
    assert!(got.contains("Zed Quiet") && got.contains("never speaks"), "{got}");
    assert!(got.contains(&format!("\"line\":{line}")), "{got}");
    assert!(got.contains("\"excerpt\":[{"), "no source excerpt:\n{got}");
    assert!(got.contains("name = \\\"Zed Quiet\\\""), "the excerpt holds the line itself:\n{got}");
    let js = server.get("/__roundtable/live.js").text();
    assert!(js.contains("roundtable-warnings") && js.contains("rt-dismiss"), "the notice is dismissible");

    // Another save that keeps the warning does not print it again.
    site.write(ALPHA, &alpha_with_a_silent_panelist("Alpha Still Warned"));
    server.wait_has("/interviews/alpha-queue/", "Alpha Still Warned");
    rendered_for(&server, ALPHA);
    assert_eq!(server.stderr.lock().unwrap().matches(&expected).count(), 1, "{}", server.logs());

    // Fixed: no warnings event for a fresh page.
    site.write(ALPHA, &alpha("Alpha Without Warnings"));
    server.wait_has("/interviews/alpha-queue/", "Alpha Without Warnings");
    let mut events = Events::open(server.port);
    site.write(ALPHA, &alpha("Alpha Without Warnings Again"));
    let got = events.wait_for("event: reload");
    assert!(!got.contains("event: warnings"), "{got}");
}

#[test]
fn the_error_overlay_can_be_dismissed_and_shows_the_source_around_the_line() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    site.write(ALPHA, &alpha(ALPHA_TITLE).replace("verdict = \"hire\"", "verdict = \"maybe\""));
    let page = server.wait_has("/", "roundtable-overlay").text();
    assert!(page.contains("class=\"rt-dismiss\""), "no dismiss button:\n{page}");
    let excerpt = common_between(&page, "<pre class=\"rt-excerpt\"", "</pre>");
    assert!(excerpt.contains(&format!("{VERDICT_LINE} | verdict = &quot;maybe&quot;")), "{excerpt}");
    assert!(excerpt.contains("role = &quot;Software Engineer&quot;"), "the lines before it: {excerpt}");
    let got = Events::open(server.port).wait_for("event: errors");
    assert!(got.contains("\"excerpt\":[{"), "{got}");
}

fn common_between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let a = text.find(from).unwrap_or_else(|| panic!("no {from:?} in:\n{text}"));
    let b = text[a..].find(to).map_or(text.len(), |b| a + b);
    &text[a..b]
}

#[test]
fn a_non_utf8_attachment_is_served_byte_for_byte() {
    let site = Fixture::new();
    // Latin-1: "café" with 0xE9, in an HTML file with a </body>, and a text file.
    let html: &[u8] = b"<html><body><p>caf\xe9 cr\xe8me</p></body></html>\n";
    let text: &[u8] = b"na\xefve r\xe9sum\xe9\n";
    std::fs::write(site.path("content/2026/alpha-queue/legacy.html"), html).unwrap();
    std::fs::write(site.path("content/2026/alpha-queue/latin1.txt"), text).unwrap();
    let server = Server::start(site.root(), &["--watch"]);
    let r = server.get("/interviews/alpha-queue/legacy.html");
    assert_eq!(r.status, 200);
    assert_eq!(r.body, html, "an attachment was rewritten (live script or lossy UTF-8)");
    let r = server.get("/interviews/alpha-queue/latin1.txt");
    assert_eq!(r.body, text);
    let ct = r.header("content-type").unwrap_or_default();
    assert!(!ct.contains("utf-8"), "a Latin-1 file declared UTF-8: {ct}");
    // UTF-8 text keeps its charset.
    let notes = server.get("/interviews/alpha-queue/notes.txt");
    assert!(notes.header("content-type").unwrap_or_default().contains("charset=utf-8"));
}

#[test]
fn removing_the_content_folder_keeps_the_last_good_build_and_shows_the_overlay() {
    let site = Fixture::new();
    let server = Server::watch(&site);
    let before = server.get("/interviews/alpha-queue/").text();
    let mut events = Events::open(server.port);
    site.remove_dir("content");
    let got = events.wait_for("event: errors");
    assert!(got.contains("content folder is gone"), "{got}");
    let page = server.wait_has("/", "roundtable-overlay").text();
    assert!(page.contains(ALPHA_TITLE), "the home page lost the last good build:\n{page}");
    let r = server.get("/interviews/alpha-queue/");
    assert_eq!(r.status, 200, "the interview page is gone");
    assert!(r.text().contains(ALPHA_TITLE));
    assert_eq!(server.get("/interviews/alpha-queue/notes.txt").status, 404, "its attachment went with it");
    // Put back in one step (as a checkout of the folder would): the overlay
    // goes and the whole site is served again.
    let back = tempfile::tempdir_in(site.root()).unwrap();
    for (rel, text) in [
        ("2026/alpha-queue/index.md", alpha(ALPHA_TITLE)),
        ("2026/alpha-queue/notes.txt", "co-located notes\n".to_string()),
        ("2026/bravo-pricing/index.md", bravo()),
        ("2025/charlie-hiring/index.md", charlie()),
    ] {
        let path = back.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::rename(back.path(), site.path("content")).unwrap();
    events.wait_for("event: reload");
    server.wait_lacks("/", "roundtable-overlay");
    let after = server.wait_has("/interviews/alpha-queue/", ALPHA_TITLE).text();
    assert_eq!(after.replace(&page_build(&after), ""), before.replace(&page_build(&before), ""));
    server.wait_has("/interviews/alpha-queue/notes.txt", "co-located notes");
}

/// `site serve --profile P` serves exactly what `site build --profile P` writes
/// (built for the server's address), and keeps redacting under --watch.
#[test]
fn a_profile_is_previewed_exactly_as_it_is_built() {
    let site = Fixture::new();
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[profiles.public]\npseudonymize = true\nindexing = false\nfeeds = false\n"),
    );
    let server = Server::start(site.root(), &["--profile", "public"]);
    let out = site.path("built");
    let status = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["build", "--profile", "public", "--base-url", &format!("http://127.0.0.1:{}", server.port)])
        .arg("--root")
        .arg(site.root())
        .arg("--output")
        .arg(&out)
        .status()
        .expect("run site build");
    assert!(status.success());
    let mut pages = 0;
    for entry in
        walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        if rel.starts_with('.') {
            continue;
        }
        let url = format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel));
        // The search index is built apart, after the pages: wait for it.
        let served = server.wait_page("the built file", &url, |r| r.status == 200);
        assert!(served.body == std::fs::read(entry.path()).unwrap(), "GET {url} differs from the build");
        pages += 1;
    }
    assert!(pages > 20, "{pages} files compared");
    assert_eq!(server.get("/atom.xml").status, 404, "no feed under feeds = false");
    drop(server);
    // Under --watch an edit is redacted too.
    let server = Server::start(site.root(), &["--watch", "--profile", "public"]);
    server.wait_for_watcher(&site);
    site.write(ALPHA, &alpha("Carla Mendes explains the queue"));
    server.wait_page("the edited title", "/", |r| r.text().contains("explains the queue"));
    for path in ["/", "/interviews/alpha-queue/", "/panelists/"] {
        let text = server.get(path).text();
        assert!(!text.contains("Carla") && !text.contains("Mendes"), "{path} names Carla Mendes");
    }
}

/// Under --watch with a profile, an edit that leaves the library's pseudonyms and
/// names as they were redacts only the edited interview; one that changes them (a
/// candidate's name becomes a word no pseudonym may use, a panelist's first
/// interview moves) redacts the library anew. Either way the server serves exactly
/// what a fresh `site build --profile` writes.
#[test]
fn under_watch_a_profiled_edit_serves_what_a_fresh_profiled_build_writes() {
    let site = Fixture::new();
    site.write(
        "site.toml",
        &format!("{SITE_TOML}\n[profiles.public]\npseudonymize = true\ndrop_fields = [\"candidate\"]\n"),
    );
    let profile = ["--profile", "public"];
    let server = Server::start(site.root(), &["--watch", "--profile", "public"]);
    server.wait_for_watcher(&site);
    assert_matches_a_build(&site, &server, &[], &profile);

    // Text only, naming a panelist: the library's table stands.
    site.write(ALPHA, &alpha("Carla Mendes explains the queue"));
    server.wait_page("the edited title", "/", |r| r.text().contains("explains the queue"));
    assert_matches_a_build(&site, &server, &[], &profile);

    // A candidate named: "Okafor" and "Quist" become words no pseudonym may hold.
    let named = alpha("Carla Mendes explains the queue again").replacen(
        "verdict = \"hire\"",
        "verdict = \"hire\"\ncandidate = \"Okafor Quist\"",
        1,
    );
    site.write(ALPHA, &named);
    server.wait_page("the second title", "/", |r| r.text().contains("explains the queue again"));
    assert_matches_a_build(&site, &server, &[], &profile);

    // Bravo moves before everyone's first interview: Ana Lima is first seen there.
    site.save_atomic(
        "content/2026/bravo-pricing/index.md",
        &bravo().replace("date = 2026-02-01", "date = 2019-02-01"),
    );
    server.wait_page("bravo's new date", "/interviews/bravo-pricing/", |r| r.text().contains("2019"));
    assert_matches_a_build(&site, &server, &[], &profile);
    for path in ["/", "/interviews/alpha-queue/", "/panelists/"] {
        let text = server.get(path).text();
        for name in ["Carla", "Mendes", "Ana Lima", "Okafor Quist"] {
            assert!(!text.contains(name), "{path} names {name}");
        }
    }
}
