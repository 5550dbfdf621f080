//! Live reload for `site serve --watch`: the injected script, the server-sent
//! event stream that tells open pages to reload, and the error overlay.

use std::time::Duration;

use axum::body::Bytes;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use std::path::Path;

use super::{read, LiveEvent, Problems, Shared, LIVE_PREFIX};
use crate::diagnostic::Diagnostic;

pub(super) fn events(
    shared: &Shared,
) -> Sse<impl tokio_stream::Stream<Item = std::result::Result<Event, std::convert::Infallible>>> {
    // Subscribed before the current state is read: an event sent in between is
    // delivered (again) rather than lost.
    let live = BroadcastStream::new(shared.events.subscribe());
    let build = shared.build_id(shared.current().1);
    let mut first = vec![Event::default().event("hello").data(build_json(&build))];
    {
        let problems = read(&shared.problems);
        if !problems.errors.is_empty() {
            first.push(Event::default().event("errors").data(problems.errors_json.clone()));
        }
        if let Some(json) = &problems.warnings_json {
            first.push(Event::default().event("warnings").data(json.clone()));
        }
    }
    let stream = live.take_while(|e| !matches!(e, Ok(LiveEvent::Shutdown))).filter_map(|e| {
        Some(Ok(match e.ok()? {
            LiveEvent::Reload(id) => Event::default().event("reload").data(build_json(&id)),
            LiveEvent::Css(id) => Event::default().event("css").data(build_json(&id)),
            LiveEvent::Errors(json) => Event::default().event("errors").data(json),
            LiveEvent::Shutdown => return None,
        }))
    });
    let hello = tokio_stream::iter(first.into_iter().map(Ok));
    Sse::new(hello.chain(stream)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn build_json(id: &str) -> String {
    serde_json::json!({ "build": id }).to_string()
}

/// Most diagnostics an overlay lists (the terminal and `site check` list all).
const SHOWN: usize = 50;

/// Lines of source shown before and after a diagnostic's line.
const CONTEXT: usize = 2;

/// The diagnostics as the overlay shows them: `{"total": n, "items": [...]}`,
/// the first [`SHOWN`] items with a source excerpt where the line is known.
pub(super) fn problems_json(list: &[Diagnostic], root: &Path) -> String {
    let items: Vec<serde_json::Value> = list
        .iter()
        .take(SHOWN)
        .map(|d| {
            let excerpt: Vec<serde_json::Value> = excerpt(d, root)
                .into_iter()
                .map(|(line, text)| serde_json::json!({ "line": line, "text": text }))
                .collect();
            serde_json::json!({
                "severity": if d.is_error() { "error" } else { "warning" },
                "file": d.file.display().to_string(),
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
                "excerpt": excerpt,
            })
        })
        .collect();
    serde_json::json!({ "total": list.len(), "items": items }).to_string()
}

/// The numbered lines around `d`'s line in its file, when the file is a text
/// file inside the site (never a link out of it) of a sensible size.
fn excerpt(d: &Diagnostic, root: &Path) -> Vec<(usize, String)> {
    const MAX_BYTES: u64 = 4 << 20;
    const MAX_CHARS: usize = 160;
    let Some(line) = d.line else { return Vec::new() };
    let path = root.join(&d.file);
    let inside = path.canonicalize().ok().filter(|p| p.starts_with(root));
    let text = inside
        .filter(|p| p.metadata().is_ok_and(|m| m.is_file() && m.len() <= MAX_BYTES))
        .and_then(|p| std::fs::read(p).ok());
    let Some(text) = text else { return Vec::new() };
    let text = String::from_utf8_lossy(&text);
    let from = line.saturating_sub(CONTEXT).max(1);
    text.lines()
        .enumerate()
        .skip(from - 1)
        .take(line + CONTEXT + 1 - from)
        .map(|(i, l)| (i + 1, l.chars().take(MAX_CHARS).collect()))
        .collect()
}

/// Adds the live-reload script, which knows the build `page` is (so it can
/// tell a stale page on reconnecting), and the error overlay while content is broken.
pub(super) fn inject(page: &[u8], build: &str, problems: &Problems) -> Bytes {
    let esc = crate::render::escape_html;
    let mut extra =
        format!("<script src=\"{LIVE_PREFIX}live.js\" data-build=\"{}\" defer></script>", esc(build));
    extra.push_str(&problems.overlay);
    insert_before_body_end(page, &extra)
}

/// Adds only the error overlay (a server without `--watch` has no live reload).
pub(super) fn inject_overlay_only(page: &[u8], problems: &Problems) -> Bytes {
    insert_before_body_end(page, &problems.overlay)
}

/// Inserts `extra` before the last `</body>` (or at the end), leaving every
/// other byte of the page as it was.
fn insert_before_body_end(page: &[u8], extra: &str) -> Bytes {
    let tag = b"</body>";
    let at = page.windows(tag.len()).rposition(|w| w == tag).unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + extra.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&page[at..]);
    Bytes::from(out)
}

/// The overlay as HTML, every value escaped (empty without errors); `live.js`
/// builds the same markup.
pub(super) fn overlay_html(errors: &[Diagnostic], root: &Path) -> String {
    let esc = crate::render::escape_html;
    if errors.is_empty() {
        return String::new();
    }
    let mut s = String::from(
        "<div id=\"roundtable-overlay\" role=\"alertdialog\" aria-label=\"Build errors\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem\"><button type=\"button\" class=\"rt-dismiss\" aria-label=\"Dismiss\" style=\"float:right;font:inherit;background:#333;color:#fff;border:1px solid #888;border-radius:4px;padding:.2rem .6rem;cursor:pointer\">Dismiss</button><h2 style=\"color:#ff8a80;margin:0 0 1rem\">Build failed: still showing the last good build</h2><ol>",
    );
    for d in errors.iter().take(SHOWN) {
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
        let lines = excerpt(d, root);
        if !lines.is_empty() {
            s.push_str("<pre class=\"rt-excerpt\" style=\"margin:.4rem 0 0;padding:.4rem .6rem;background:rgba(255,255,255,.08);overflow:auto\">");
            for (n, text) in lines {
                let (mark, style) =
                    if Some(n) == d.line { ("&gt; ", " style=\"color:#ffd180\"") } else { ("  ", "") };
                s.push_str(&format!("<span class=\"rt-line\"{style}>{mark}{n:>4} | {}\n</span>", esc(&text)));
            }
            s.push_str("</pre>");
        }
        s.push_str("</li>");
    }
    if errors.len() > SHOWN {
        s.push_str(&format!("<li>… and {} more: see the terminal</li>", errors.len() - SHOWN));
    }
    s.push_str("</ol></div>");
    s
}

/// The script injected into every served page.
pub(super) const LIVE_JS: &str = include_str!("live.js");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

    #[test]
    fn injects_script_and_escaped_overlay() {
        let d = Diagnostic::error("content/a/index.md", "bad <b>").at_line(3).with_hint("fix & retry");
        let root = std::env::temp_dir();
        let problems = Problems {
            overlay: overlay_html(std::slice::from_ref(&d), &root),
            errors: vec![d],
            ..Problems::default()
        };
        let out = inject(b"<html><body><p>x</p></body></html>", "b-1", &problems);
        let s = String::from_utf8(out.to_vec()).unwrap();
        assert!(s.contains("live.js"));
        assert!(s.contains("content/a/index.md:3"), "{s}");
        assert!(s.contains("bad &lt;b&gt;"));
        assert!(s.contains("fix &amp; retry"));
        assert!(s.ends_with("</body></html>"));
    }
}
