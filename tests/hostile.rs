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

fn plain(title: &str, panelists: &str, turns: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\nrole = \"PM\"\nverdict = \"hire\"\n{panelists}+++\n\nIntro on Dive Deep.\n\n## Roundtable\n\n{turns}\n## Consensus\n\nDone.\n"
    )
}

#[test]
fn rtl_emoji_and_combining_characters_survive_in_titles_names_and_slugs() {
    let title = "مقابلة 🚀 Ze\u{301}ro-downtime ש\u{5b8}לום";
    let panel = "[[panelists]]\nname = \"Zoë 😀 Ñandú\"\nrole = \"مدير\"\nconcern = \"x\"\n";
    let s = Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/rtl-ünïcode/index.md", &plain(title, panel, "### Zoë 😀 Ñandú\nTurn.\n")),
    ]);
    s.build().success();
    let html = s.out("interviews/rtl-unicode/index.html");
    assert!(html.contains(title), "title kept as written");
    assert!(html.contains("Zoë 😀 Ñandú"));
    // The panelist's page exists under a transliterated slug, and check finds no broken link.
    let panelist_pages: Vec<String> = common::tree(&s.path("public/panelists"))
        .keys()
        .filter(|k| k.ends_with("/index.html"))
        .cloned()
        .collect();
    assert_eq!(panelist_pages.len(), 1, "{panelist_pages:?}");
    assert!(panelist_pages[0].is_ascii(), "{panelist_pages:?}");
    s.run(&["check"]).success();
}

#[test]
fn a_five_megabyte_interview_builds() {
    let panel = "[[panelists]]\nname = \"Ana Lima\"\nrole = \"VP\"\nconcern = \"x\"\n";
    let paragraph =
        "The candidate walked through the queue, the retries and the idempotency keys. ".repeat(40);
    let turns: String = (0..1700).map(|n| format!("### Ana Lima\nTurn {n}. {paragraph}\n\n")).collect();
    let text = plain("Huge", panel, &turns);
    assert!(text.len() > 5_000_000, "{} bytes", text.len());
    let s = Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/huge/index.md", &text),
    ]);
    s.build().success();
    let html = s.out("interviews/huge/index.html");
    assert!(html.contains("id=\"turn-1700\""));
}

#[test]
fn a_thousand_panelists_in_one_interview_build() {
    let panel: String = (0..1000)
        .map(|n| {
            format!("[[panelists]]\nname = \"Person {n:04}\"\nrole = \"Role {n}\"\nconcern = \"c{n}\"\n\n")
        })
        .collect();
    let turns: String = (0..1000).map(|n| format!("### Person {n:04}\nTurn.\n\n")).collect();
    let s = Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/crowd/index.md", &plain("Crowd", &panel, &turns)),
    ]);
    s.build().success();
    assert!(s.out("interviews/crowd/index.html").contains("1000 experts discuss this interview"));
    assert!(s.has_out("panelists/person-0999/index.html"));
}

#[cfg(unix)]
#[test]
fn a_folder_symlink_loop_is_an_error_naming_the_link_not_a_hang() {
    let panel = "[[panelists]]\nname = \"Ana Lima\"\nrole = \"VP\"\nconcern = \"x\"\n";
    let s = Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/a/index.md", &plain("A", panel, "### Ana Lima\nTurn.\n")),
    ]);
    std::os::unix::fs::symlink(s.path("content"), s.path("content/a/loop")).unwrap();
    let run = s.run(&["build"]).code(1);
    run.stderr_has("content/a/loop").stderr_has("symbolic link loop").stderr_has("hint:");
}
