//! Hostile content: script payloads in front matter are always escaped; raw HTML in
//! bodies passes through unless `safe_html = true`; code-running link schemes are
//! refused with an error naming file and line.

mod common;

use common::Site;

fn page(body: &str, video: &str) -> String {
    format!(
        r#"+++
title = "T <script>alert('t')</script>"
date = 2026-01-02
principles = ["Dive Deep"]
role = "PM\" onmouseover=\"alert(1)"
verdict = "hire"
video = "{video}"
summary = "<img src=x onerror=alert(1)>"

[[panelists]]
name = "Ana <b>Lima</b>"
role = "Director"
concern = "</textarea><script>alert(2)</script>"
+++

{body}

## Roundtable

### Ana <b>Lima</b>
Turn.

## Consensus

Done.
"#
    )
}

fn site(safe: bool, body: &str, video: &str) -> Site {
    let toml = format!("title = \"KB\"\nbase_url = \"https://example.org/kb\"\nsafe_html = {safe}\n");
    Site::from_files(&[("site.toml", &toml), ("content/x/index.md", &page(body, video))])
}

#[test]
fn front_matter_is_always_escaped() {
    let s = site(false, "Intro.", "https://example.org/v");
    s.build().success();
    let html = s.out("interviews/x/index.html");
    for payload in [
        "<script>alert('t')",
        "<img src=x onerror",
        "<b>Lima</b>",
        "<script>alert(2)",
        "\" onmouseover=\"alert(1)",
    ] {
        assert!(!html.contains(payload), "unescaped {payload:?}");
    }
    assert!(html.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"));
    assert!(html.contains("&quot; onmouseover=&quot;alert(1)"));
}

#[test]
fn raw_html_in_bodies_passes_by_default_and_is_sanitised_with_safe_html() {
    let body = "<div class=\"note\" onclick=\"alert(3)\">Note <script>alert(4)</script></div>";
    let trusted = site(false, body, "https://example.org/v");
    trusted.build().success();
    assert!(trusted.out("interviews/x/index.html").contains("<script>alert(4)</script>"));

    let safe = site(true, body, "https://example.org/v");
    safe.build().success();
    let html = safe.out("interviews/x/index.html");
    let main = common::main_of(&html);
    assert!(!main.contains("alert(4)") && !main.contains("onclick"), "{main}");
    assert!(main.contains("class=\"note\""), "harmless markup is kept");
}

#[test]
fn javascript_links_in_bodies_are_refused_with_file_and_line() {
    let s = site(
        false,
        "See [this](javascript:alert(5)) and ![x](JaVaScRiPt:alert(6)).",
        "https://example.org/v",
    );
    let run = s.run(&["build"]).code(1);
    let errors = run.diagnostics("error");
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(errors[0].starts_with("error: content/x/index.md:16:"), "{}", errors[0]);
    run.stderr_has("scheme that runs code").stderr_has("hint:");
    assert!(!s.path("public").exists(), "nothing written");
}

#[test]
fn javascript_video_is_refused() {
    let s = site(false, "Intro.", "javascript:alert(7)");
    let run = s.run(&["build"]).code(1);
    run.stderr_has("content/x/index.md:7:9:").stderr_has("`video` uses a scheme that is not allowed");
}
