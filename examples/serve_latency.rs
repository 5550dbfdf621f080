//! Edit-to-served latency of `site serve --watch`: a benchmark, not a test.
//!
//! ```text
//! cargo build --release --bin site
//! cargo run --release --example serve_latency -- --site DIR [--edits 30] [--bin PATH]
//! ```
//!
//! Starts `target/release/site serve --watch --port 0 --root DIR`, waits for the
//! first build and for the file watcher, then edits interviews one at a time: each
//! edit rewrites the title with a unique marker (alternately written in place and
//! saved as a temporary file renamed over `index.md`, as editors do), notes the
//! instant of the write, and polls the interview's page and its first principle's
//! page over HTTP until both show the marker. The latency of an edit is from the
//! write to both pages served. Prints min / median / p90 / max, and a summary of the
//! server's own one-line-per-rebuild log. Every edited file is restored at the end.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use roundtable::slug::slugify;

const USAGE: &str = "usage: serve_latency --site DIR [--edits N] [--bin PATH] [--timeout SECS]";
/// The pause between two polls of the pages.
const POLL: Duration = Duration::from_millis(1);
/// The probe file that proves the watcher runs (a non-Markdown file in content/
/// outside any interview: the build ignores it, the watcher does not).
const PROBE: &str = "content/serve-latency-probe.txt";

struct Args {
    site: PathBuf,
    edits: usize,
    bin: PathBuf,
    /// How long one edit may take to be served before the run fails.
    timeout: Duration,
}

fn parse_args() -> Result<Args, String> {
    let mut site = None;
    let mut edits = 30;
    let mut bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/site");
    let mut timeout = Duration::from_secs(120);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next().ok_or_else(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--site" => site = Some(PathBuf::from(value)),
            "--edits" => edits = value.parse().map_err(|_| format!("bad --edits {value}"))?,
            "--bin" => bin = PathBuf::from(value),
            "--timeout" => {
                timeout = Duration::from_secs(value.parse().map_err(|_| format!("bad --timeout {value}"))?)
            }
            _ => return Err(format!("unknown argument {arg}")),
        }
    }
    let site = site.ok_or("--site is required")?;
    if edits == 0 {
        return Err("--edits must be at least 1".into());
    }
    Ok(Args { site, edits, bin, timeout })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// One interview to edit.
struct Target {
    file: PathBuf,
    original: String,
    title: String,
    page: String,
    principle_page: String,
}

/// The running server, killed when dropped.
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<Vec<String>>>,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Restores the edited files when dropped, even after an error.
struct Restore(Vec<(PathBuf, String)>);

impl Drop for Restore {
    fn drop(&mut self) {
        for (path, text) in &self.0 {
            if let Err(e) = std::fs::write(path, text) {
                eprintln!("warning: could not restore {}: {e}", path.display());
            }
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    if !args.bin.is_file() {
        return Err(format!(
            "{} not found: run `cargo build --release --bin site` first",
            args.bin.display()
        ));
    }
    let site = args.site.canonicalize().map_err(|e| format!("{}: {e}", args.site.display()))?;
    let targets = pick_targets(&site, args.edits)?;
    let interviews = count_interviews(&site.join("content"));
    println!(
        "site: {} ({interviews} interviews); {} edits of {} interviews",
        site.display(),
        args.edits,
        targets.len()
    );

    let restore = Restore(targets.iter().map(|t| (t.file.clone(), t.original.clone())).collect());
    let started = Instant::now();
    let server = start(&args.bin, &site)?;
    println!("first build served after {} ms", started.elapsed().as_millis());
    wait_for_watcher(&server, &site)?;
    println!("watcher ready after {} ms", started.elapsed().as_millis());
    // Probes written while the first one was rebuilding are rebuilt too: wait until the
    // log has been quiet for longer than any rebuild so far, so none lands in an edit.
    let mut lines = server.stdout.lock().unwrap().len();
    let mut quiet_since = Instant::now();
    loop {
        let longest =
            rebuild_lines(&server.stdout.lock().unwrap()).0.iter().map(|r| r.millis).fold(0.0, f64::max);
        let window = Duration::from_secs(2).max(Duration::from_secs_f64(longest * 1.5 / 1000.0));
        if quiet_since.elapsed() >= window {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
        let now = server.stdout.lock().unwrap().len();
        if now != lines {
            (lines, quiet_since) = (now, Instant::now());
        }
    }
    println!("server quiet after {} ms", started.elapsed().as_millis());
    let log_start = server.stdout.lock().unwrap().len();

    for t in &targets {
        for page in [&t.page, &t.principle_page] {
            let (status, body) = get(server.port, page)?;
            if status != 200 || !body.contains(&escape(&t.title)) {
                return Err(format!(
                    "GET {page} before any edit: status {status}, title {:?} not shown",
                    t.title
                ));
            }
        }
    }

    let mut latencies = Vec::with_capacity(args.edits);
    let run_id = std::process::id();
    for k in 0..args.edits {
        let t = &targets[k % targets.len()];
        let marker = format!("rt-edit-{run_id}-{k}");
        let text = retitle(&t.original, &format!("{} {marker}", t.title));
        let rename = k % 2 == 0;
        let written = if rename {
            let tmp = t.file.with_file_name(".index.md.serve-latency.tmp");
            std::fs::write(&tmp, &text).map_err(|e| e.to_string())?;
            let at = Instant::now();
            std::fs::rename(&tmp, &t.file).map_err(|e| e.to_string())?;
            at
        } else {
            let at = Instant::now();
            std::fs::write(&t.file, &text).map_err(|e| e.to_string())?;
            at
        };
        let mut seen = [false, false];
        loop {
            for (i, page) in [&t.page, &t.principle_page].into_iter().enumerate() {
                if !seen[i] {
                    let (status, body) = get(server.port, page)?;
                    seen[i] = status == 200 && body.contains(&marker);
                }
            }
            if seen == [true, true] {
                break;
            }
            if written.elapsed() > args.timeout {
                return Err(format!(
                    "edit {k} of {} not served after {} s (interview page {}, principle page {})\n{}",
                    t.file.display(),
                    args.timeout.as_secs(),
                    seen[0],
                    seen[1],
                    server.stderr.lock().unwrap().join("\n")
                ));
            }
            std::thread::sleep(POLL);
        }
        let ms = written.elapsed().as_secs_f64() * 1000.0;
        println!(
            "edit {:>3} {:<7} {:>8.1} ms  {}",
            k + 1,
            if rename { "rename" } else { "write" },
            ms,
            t.page
        );
        latencies.push(ms);
    }

    // Let the last rebuild line arrive before reading the log.
    let deadline = Instant::now() + Duration::from_secs(2);
    while rebuild_lines(&server.stdout.lock().unwrap()[log_start..]).0.len() < args.edits
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    let log: Vec<String> = server.stdout.lock().unwrap()[log_start..].to_vec();
    drop(server);
    drop(restore);
    let _ = std::fs::remove_file(site.join(PROBE));

    println!();
    println!(
        "edit → interview page and principle page served ({} edits, {interviews} interviews):",
        latencies.len()
    );
    println!("  {}", stats(&latencies, "ms", 1));
    let (ok, errors) = rebuild_lines(&log);
    let ms: Vec<f64> = ok.iter().map(|r| r.millis).collect();
    let pages: Vec<f64> = ok.iter().map(|r| r.pages as f64).collect();
    println!("server log: {} rebuilds, {} with errors", ok.len() + errors, errors);
    if !ok.is_empty() {
        println!("  rebuild time   {}", stats(&ms, "ms", 1));
        println!("  pages changed {}", stats(&pages, "", 0));
    }
    Ok(())
}

/// Picks `n` interviews spread over the site (sorted by path), up to all of them.
fn pick_targets(site: &Path, n: usize) -> Result<Vec<Target>, String> {
    let mut files = Vec::new();
    collect_index_files(&site.join("content"), &mut files);
    files.sort();
    if files.is_empty() {
        return Err(format!("no content/**/index.md under {}", site.display()));
    }
    // Listings are paginated (60 a page, newest first, ties by slug): find the page of
    // each principle's listing that shows a given interview.
    let mut listings: std::collections::HashMap<String, Vec<(String, String)>> =
        std::collections::HashMap::new();
    for file in &files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let Some(fm) = front_matter(&text) else { continue };
        let Ok(value) = toml::from_str::<toml::Table>(fm) else { continue };
        if value.get("draft").and_then(|v| v.as_bool()) == Some(true) {
            continue;
        }
        let date = value.get("date").map(|d| d.to_string()).unwrap_or_default();
        let slug = match value.get("slug").and_then(|v| v.as_str()) {
            Some(s) => s.to_string(),
            None => slugify(&file.parent().unwrap().file_name().unwrap().to_string_lossy()),
        };
        for p in value.get("principles").and_then(|v| v.as_array()).into_iter().flatten() {
            if let Some(p) = p.as_str() {
                listings.entry(slugify(p)).or_default().push((date.clone(), slug.clone()));
            }
        }
    }
    for list in listings.values_mut() {
        list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    }
    let page_of = |principle: &str, slug: &str| -> String {
        let pos = listings.get(principle).and_then(|l| l.iter().position(|(_, s)| s == slug)).unwrap_or(0);
        match pos / 60 {
            0 => format!("/principles/{principle}/"),
            n => format!("/principles/{principle}/page/{}/", n + 1),
        }
    };
    let n = n.min(files.len());
    let mut targets = Vec::with_capacity(n);
    for k in 0..n {
        // A stride through the sorted list, so that edits touch different years and principles.
        let file = files[(k * files.len()) / n + (k * 7919) % (files.len() / n).max(1)].clone();
        let original = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let fm = front_matter(&original).ok_or_else(|| format!("{}: no +++ front matter", file.display()))?;
        let value: toml::Table = toml::from_str(fm).map_err(|e| format!("{}: {e}", file.display()))?;
        let title = value.get("title").and_then(|v| v.as_str()).ok_or("no title")?.to_string();
        let principle = value
            .get("principles")
            .and_then(|v| v.as_array())
            .and_then(|a| a.first())
            .and_then(|v| v.as_str())
            .ok_or_else(|| format!("{}: no principles", file.display()))?;
        let slug = match value.get("slug").and_then(|v| v.as_str()) {
            Some(s) => s.to_string(),
            None => slugify(&file.parent().unwrap().file_name().unwrap().to_string_lossy()),
        };
        targets.push(Target {
            page: format!("/interviews/{slug}/"),
            principle_page: page_of(&slugify(principle), &slug),
            file,
            original,
            title,
        });
    }
    Ok(targets)
}

fn collect_index_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('_') || name.starts_with('.') {
            continue;
        }
        let path = e.path();
        if path.is_dir() {
            collect_index_files(&path, out);
        } else if name == "index.md" {
            out.push(path);
        }
    }
}

fn count_interviews(content: &Path) -> usize {
    let mut files = Vec::new();
    collect_index_files(content, &mut files);
    files.len()
}

/// The TOML between the first two `+++` lines.
fn front_matter(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix("+++")?;
    let rest = rest.strip_prefix('\n').or_else(|| rest.strip_prefix("\r\n"))?;
    let end = rest.find("\n+++")?;
    Some(&rest[..end + 1])
}

/// `text` with its `title = "..."` line replaced.
fn retitle(text: &str, title: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.trim_start().starts_with("title") && line.contains('=') {
            out.push_str(&format!("title = {}\n", toml::Value::String(title.to_string())));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The title as the page prints it (HTML-escaped).
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
}

fn start(bin: &Path, site: &Path) -> Result<Server, String> {
    let mut child = Command::new(bin)
        .args(["serve", "--watch", "--port", "0", "--root"])
        .arg(site)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("start {}: {e}", bin.display()))?;
    let stdout = Arc::new(Mutex::new(Vec::new()));
    let stderr = Arc::new(Mutex::new(Vec::new()));
    pump(child.stdout.take().unwrap(), stdout.clone());
    pump(child.stderr.take().unwrap(), stderr.clone());
    let mut server = Server { child, port: 0, stdout, stderr };
    let deadline = Instant::now() + Duration::from_secs(600);
    loop {
        let port = server.stdout.lock().unwrap().iter().find_map(|l| {
            let rest = l.strip_prefix("Serving ")?;
            let at = rest.find("http://127.0.0.1:")? + "http://127.0.0.1:".len();
            rest[at..].split('/').next()?.parse().ok()
        });
        if let Some(port) = port {
            server.port = port;
            return Ok(server);
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            return Err(format!(
                "site serve exited ({status}):\n{}",
                server.stderr.lock().unwrap().join("\n")
            ));
        }
        if Instant::now() > deadline {
            return Err("site serve printed no URL in 10 minutes".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// The URL is printed before the watcher is registered (on 10,000 folders that
/// takes a while): write a probe file until the server logs a rebuild for it.
fn wait_for_watcher(server: &Server, site: &Path) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut n = 0;
    loop {
        n += 1;
        std::fs::write(site.join(PROBE), format!("probe {n}\n")).map_err(|e| e.to_string())?;
        let written = Instant::now();
        while written.elapsed() < Duration::from_secs(2) {
            if server.stdout.lock().unwrap().iter().any(|l| l.starts_with(PROBE)) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        if Instant::now() > deadline {
            return Err("the watcher never reported a change".into());
        }
    }
}

fn pump(from: impl Read + Send + 'static, into: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(from).lines() {
            let Ok(line) = line else { break };
            into.lock().unwrap().push(line);
        }
    });
}

/// A minimal HTTP/1.1 GET: status and body (`Connection: close`, read to the end).
fn get(port: u16, path: &str) -> Result<(u16, String), String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| format!("connect: {e}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(10))).map_err(|e| e.to_string())?;
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(req.as_bytes()).map_err(|e| format!("GET {path}: {e}"))?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(|e| format!("GET {path}: {e}"))?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").ok_or_else(|| format!("GET {path}: no header end"))?;
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or("no status")?;
    Ok((status, body.to_string()))
}

/// One `<what>: N pages changed, rendered on request, in X ms` line of the server.
struct Rebuild {
    pages: usize,
    millis: f64,
}

/// The successful rebuild lines of the log, and how many rebuilds reported errors.
fn rebuild_lines(log: &[String]) -> (Vec<Rebuild>, usize) {
    let mut ok = Vec::new();
    let mut errors = 0;
    for line in log {
        if line.contains("error(s); still serving") {
            errors += 1;
            continue;
        }
        let Some((_, rest)) = line.rsplit_once(": ") else { continue };
        let words: Vec<&str> = rest.split_whitespace().collect();
        if let ([pages, "pages" | "page", "changed,", ..], [.., "in", ms, "ms"]) =
            (words.as_slice(), words.as_slice())
        {
            if let (Ok(pages), Ok(millis)) = (pages.replace(',', "").parse(), ms.parse()) {
                ok.push(Rebuild { pages, millis });
            }
        }
    }
    (ok, errors)
}

/// Min, median, 90th percentile and max, with `digits` decimals.
fn stats(values: &[f64], unit: &str, digits: usize) -> String {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let median = if v.len() % 2 == 1 { v[v.len() / 2] } else { (v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0 };
    let p90 = v[((v.len() as f64 - 1.0) * 0.9).round() as usize];
    let (min, max) = (v[0], v[v.len() - 1]);
    format!("min {min:.digits$}{unit}  median {median:.digits$}{unit}  p90 {p90:.digits$}{unit}  max {max:.digits$}{unit}")
}
