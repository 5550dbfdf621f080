//! Live reload for `site serve --watch`: the injected script, the server-sent
//! event stream that tells open pages to reload, and the error overlay.

use std::time::Duration;

use axum::body::Bytes;
use axum::response::sse::{Event, KeepAlive, Sse};
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use super::{read, LiveEvent, Shared, LIVE_PREFIX};
use crate::diagnostic::Diagnostic;

pub(super) fn events(
    shared: &Shared,
) -> Sse<impl tokio_stream::Stream<Item = std::result::Result<Event, std::convert::Infallible>>> {
    let current = read(&shared.errors).clone();
    let first =
        (!current.is_empty()).then(|| Ok(Event::default().event("errors").data(errors_json(&current))));
    let stream = BroadcastStream::new(shared.events.subscribe())
        .take_while(|e| !matches!(e, Ok(LiveEvent::Shutdown)))
        .filter_map(|e| {
            Some(Ok(match e.ok()? {
                LiveEvent::Reload => Event::default().event("reload").data("{}"),
                LiveEvent::Css => Event::default().event("css").data("{}"),
                LiveEvent::Errors(json) => Event::default().event("errors").data(json),
                LiveEvent::Shutdown => return None,
            }))
        });
    let hello =
        tokio_stream::iter(std::iter::once(Ok(Event::default().event("hello").data("{}"))).chain(first));
    Sse::new(hello.chain(stream)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

pub(super) fn errors_json(errors: &[Diagnostic]) -> String {
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
pub(super) fn inject(html: &Bytes, errors: &[Diagnostic]) -> Bytes {
    let mut extra = format!("<script src=\"{LIVE_PREFIX}live.js\" defer></script>");
    if !errors.is_empty() {
        extra.push_str(&overlay_html(errors));
    }
    insert_before_body_end(html, &extra)
}

/// Adds only the error overlay (a server without `--watch` has no live reload).
pub(super) fn inject_overlay_only(html: &Bytes, errors: &[Diagnostic]) -> Bytes {
    insert_before_body_end(html, &overlay_html(errors))
}

fn insert_before_body_end(html: &Bytes, extra: &str) -> Bytes {
    let text = String::from_utf8_lossy(html);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(&text[..at]);
    out.push_str(extra);
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

/// The script injected into every served page.
pub(super) const LIVE_JS: &str = include_str!("live.js");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostic;

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
