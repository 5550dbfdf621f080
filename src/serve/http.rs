//! The HTTP side of `site serve`: request paths resolved against the served
//! files only (so nothing outside the site can be reached), responses with
//! content types and no-store caching, 404s with the site's own page.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

use super::live::{events, inject, inject_overlay_only, overlay_html, LIVE_JS};
use super::{read, Problems, Shared, LIVE_PREFIX};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::Body as FileBody;
use crate::render::Route;
use crate::watch::Served;

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

pub(super) async fn handle(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
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
            _ => plain_404(&method),
        };
    }
    let (site, build) = shared.current();
    let Some(site) = site else { return not_found(&shared, &method, None, build).await };
    let resolved = resolve(path, |k| site.routes.contains(k) || shared.may_be_search(k));
    match resolved {
        Resolved::File(key) => serve_file(&shared, &method, &site, build, &key, StatusCode::OK).await,
        Resolved::Redirect(to) => (
            StatusCode::MOVED_PERMANENTLY,
            [(header::LOCATION, to.as_str()), (header::CACHE_CONTROL, "no-store")],
        )
            .into_response(),
        Resolved::NotFound => not_found(&shared, &method, Some(&site), build).await,
    }
}

async fn not_found(shared: &Arc<Shared>, method: &Method, site: Option<&Served>, build: u64) -> Response {
    let broken = !read(&shared.problems).errors.is_empty();
    match site {
        Some(site) if site.routes.contains("404.html") => {
            serve_file(shared, method, site, build, "404.html", StatusCode::NOT_FOUND).await
        }
        // No good build yet: every page is the error report, reloading once fixed.
        None if broken => error_page(
            shared,
            method,
            "Build failed",
            "The site has not built yet",
            0,
            &read(&shared.problems),
        ),
        _ => plain_404(method),
    }
}

/// A bare 404 for files that vanished or lead out of the site.
fn plain_404(method: &Method) -> Response {
    respond(method, StatusCode::NOT_FOUND, "text/plain; charset=utf-8", Bytes::from_static(b"404 Not Found"))
}

/// How long a request for the search index waits for the index of the current
/// content before it is told to come back.
const SEARCH_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Whence a generated file came: the cache, or rendered for this request.
const RENDERED: &str = "x-roundtable-rendered";

async fn serve_file(
    shared: &Arc<Shared>,
    method: &Method,
    site: &Served,
    build: u64,
    key: &str,
    status: StatusCode,
) -> Response {
    // Only pages we rendered get the live-reload script; a copied file (an
    // attachment, a theme or site static) is served byte for byte.
    let mut how = None;
    let (bytes, rendered) = match site.routes.get(key) {
        Some(
            route @ (Route::Page(_) | Route::Feed(_) | Route::SiteFeed | Route::Sitemap | Route::Robots),
        ) => match rendered(shared, site, build, key, route).await {
            Ok((bytes, cached)) => {
                how = Some(if cached { "cache" } else { "fresh" });
                (bytes, true)
            }
            Err(ds) => return render_failed(shared, method, build, &ds),
        },
        Some(Route::File(FileBody::Static(s), _)) => (Bytes::from_static(s), false),
        Some(Route::File(FileBody::Bytes(v), _)) => (Bytes::from(v.clone()), false),
        Some(Route::File(FileBody::Copy(path), _)) => {
            // Never follow a link out of the site.
            let inside =
                tokio::fs::canonicalize(&path).await.ok().filter(|p| p.starts_with(&shared.site_root));
            let bytes = match inside {
                Some(p) => tokio::fs::read(&p).await.ok(),
                None => None,
            };
            match bytes {
                Some(v) => (Bytes::from(v), false),
                None => return plain_404(method),
            }
        }
        None => match shared.search_file(key, SEARCH_WAIT).await {
            Ok(Some(bytes)) => (bytes, false),
            Ok(None) => return plain_404(method),
            Err(()) => return search_not_ready(method),
        },
    };
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let textual = mime.type_() == "text"
        || mime.essence_str() == "application/xml"
        || mime.essence_str() == "image/svg+xml";
    // A charset is claimed only for what is UTF-8: a Latin-1 attachment is
    // left for the browser to sniff, not declared (and shown) wrong.
    let content_type = if textual && (rendered || std::str::from_utf8(&bytes).is_ok()) {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html && rendered && shared.live {
        inject(&bytes, &shared.build_id(build), &read(&shared.problems))
    } else {
        bytes
    };
    let mut r = respond(method, status, &content_type, body);
    if let Some(how) = how {
        r.headers_mut().insert(RENDERED, HeaderValue::from_static(how));
    }
    r
}

/// The generated file at `key` of build `build`: from the cache, or rendered now
/// (on a blocking thread) and kept, unless a newer build came meanwhile. True
/// when it came from the cache.
async fn rendered(
    shared: &Arc<Shared>,
    site: &Served,
    build: u64,
    key: &str,
    route: &Route,
) -> Result<(Bytes, bool), Diagnostics> {
    {
        let mut live = shared.lock();
        if live.build == build {
            if let Some(bytes) = live.cache.get(key) {
                return Ok((bytes, true));
            }
        }
    }
    let (s, r) = (site.clone(), route.clone());
    let bytes = tokio::task::spawn_blocking(move || super::render_route(&s, &r))
        .await
        .map_err(|e| Diagnostics(vec![Diagnostic::error(key, format!("rendering stopped: {e}"))]))??;
    let mut live = shared.lock();
    if live.build == build {
        live.cache.put(key.to_string(), bytes.clone());
    }
    Ok((bytes, false))
}

/// A page whose template fails on it: the error, over a page that reloads once
/// the template is fixed.
fn render_failed(shared: &Shared, method: &Method, build: u64, ds: &Diagnostics) -> Response {
    for d in &ds.0 {
        crate::report::tell!("error: {d}");
    }
    let problems = Problems { overlay: overlay_html(&ds.0, &shared.site_root), ..Problems::default() };
    error_page(shared, method, "Template error", "This page does not render", build, &problems)
}

/// A 500 page titled `title` under the error overlay of `problems`; under
/// `--watch` it reloads once build `build` is superseded.
fn error_page(
    shared: &Shared,
    method: &Method,
    title: &str,
    heading: &str,
    build: u64,
    problems: &Problems,
) -> Response {
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body><main><h1>{heading}</h1></main></body></html>"
    );
    let body = if shared.live {
        inject(page.as_bytes(), &shared.build_id(build), problems)
    } else {
        inject_overlay_only(page.as_bytes(), problems)
    };
    respond(method, StatusCode::INTERNAL_SERVER_ERROR, "text/html; charset=utf-8", body)
}

/// The search index is still being built: come back in a second.
fn search_not_ready(method: &Method) -> Response {
    let mut r = respond(
        method,
        StatusCode::SERVICE_UNAVAILABLE,
        "text/plain; charset=utf-8",
        Bytes::from_static(b"503 The search index is being built"),
    );
    r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    r
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
}
