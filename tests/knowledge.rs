//! The knowledge-base features: per-principle and per-panelist feeds, insights on
//! principle and panelist pages, transcript deep links, and the content lint of
//! `site check` (warnings, errors with `--strict`).

mod common;

use common::Site;

const SITE: &str = "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n";

fn interview(
    title: &str,
    date: &str,
    principles: &str,
    verdict: &str,
    consensus: &str,
    extra_panelist: &str,
) -> String {
    format!(
        r#"+++
title = "{title}"
date = {date}
principles = [{principles}]
role = "Product Manager"
level = "L6"
verdict = "{verdict}"

[[panelists]]
name = "Ana Lima"
role = "Director"
hire_reason = "Clear metrics."
concern = "Latency budget unclear for checkout."

[[panelists]]
name = "Ben Okafor"
role = "Bar Raiser"
concern = "Latency figures were never measured."
{extra_panelist}+++

Intro about Dive Deep.

## Roundtable

### Ana Lima
First point.

### Ben Okafor
Second point.

### Ana Lima
Third point.

## Consensus

{consensus}
"#
    )
}

fn site() -> Site {
    Site::from_files(&[
        ("site.toml", SITE),
        (
            "content/a/index.md",
            &interview("Alpha", "2026-01-02", "\"Dive Deep\"", "hire", "The panel recommends hiring.", ""),
        ),
        (
            "content/b/index.md",
            &interview(
                "Beta",
                "2026-02-03",
                "\"Dive Deep\"",
                "no-hire",
                "Consensus: no hire on Dive Deep.",
                "",
            ),
        ),
    ])
}

#[test]
fn principle_and_panelist_feeds_exist_and_are_linked() {
    let s = site();
    s.build().success();
    let feed = s.out("principles/dive-deep/atom.xml");
    assert!(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/kb/principles/dive-deep/atom.xml\"/>"));
    assert_eq!(feed.matches("<entry>").count(), 2);
    assert!(feed.find("Beta").unwrap() < feed.find("Alpha").unwrap(), "newest first");
    let panelist = s.out("panelists/ben-okafor/atom.xml");
    assert_eq!(panelist.matches("<entry>").count(), 2);
    let page = s.out("principles/dive-deep/index.html");
    assert!(
        page.contains(r#"rel="alternate" type="application/atom+xml" title="Dive Deep"#),
        "alternate link"
    );
    assert!(page.contains("https://example.org/kb/principles/dive-deep/atom.xml"));
    assert!(s
        .out("panelists/ana-lima/index.html")
        .contains("https://example.org/kb/panelists/ana-lima/atom.xml"));
}

#[test]
fn principle_page_shows_active_panelists_and_concern_terms() {
    let s = site();
    s.build().success();
    let page = s.out("principles/dive-deep/index.html");
    let insights = common::between(&page, "id=\"insights\"", "id=\"interviews\"");
    assert!(insights.contains("Ana Lima") && insights.contains("Ben Okafor"));
    // "latency" is in all four concerns; "checkout" in only two, "measured" in two.
    assert!(insights.contains(">latency<"), "{insights}");
    assert!(!insights.contains(">the<"));
}

#[test]
fn panelist_page_lists_every_concern_with_deep_links_to_turns() {
    let s = site();
    s.build().success();
    let page = s.out("panelists/ana-lima/index.html");
    assert_eq!(
        page.matches("Latency budget unclear for checkout.").count(),
        4,
        "listed once per interview, in insights and reviews"
    );
    // Ana speaks turns 1 and 3 in both interviews.
    assert!(page.contains("href=\"/kb/interviews/a/#turn-1\""));
    assert!(page.contains("href=\"/kb/interviews/a/#turn-3\""));
    assert!(!page.contains("href=\"/kb/interviews/a/#turn-2\""));
    // Those anchors exist on the interview page.
    let iv = s.out("interviews/a/index.html");
    assert!(iv.contains("id=\"turn-1\"") && iv.contains("id=\"turn-3\""));
    // Signals split: Ana gave a reason to hire in both.
    assert!(page.contains("2 given · 0 none stated"));
    assert!(s.out("panelists/ben-okafor/index.html").contains("0 given · 2 none stated"));
    s.run(&["check"]).success();
}

#[test]
fn lint_warns_and_strict_fails() {
    let s = Site::from_files(&[
        ("site.toml", SITE),
        (
            "content/a/index.md",
            &interview(
                "Alpha",
                "2026-01-02",
                "\"Dive Deep\", \"Frugality\"",
                "hire",
                "The panel leans against hiring.",
                "\n[[panelists]]\nname = \"Cy Silent\"\nrole = \"Observer\"\n",
            ),
        ),
    ]);
    let run = s.run(&["check"]).success();
    let warnings = run.diagnostics("warning");
    let joined = warnings.join("\n");
    assert!(joined.contains("index.md:4:28: principle \"Frugality\" is tagged but never named"), "{joined}");
    assert!(!joined.contains("\"Dive Deep\" is tagged"), "Dive Deep is named in the intro: {joined}");
    assert!(
        joined.contains("index.md:7:11: verdict \"hire\" but the consensus says \"against hiring\""),
        "{joined}"
    );
    assert!(joined.contains("\"Cy Silent\" never speaks"), "{joined}");
    assert!(joined.contains("\"Cy Silent\" states neither a reason to hire nor a concern"), "{joined}");
    assert_eq!(warnings.len(), 4, "{joined}");
    run.stderr_has("hint:");
    // The build itself does not lint (only the never-speaking warning is a build warning).
    let build = s.build().success();
    assert_eq!(build.diagnostics("warning").len(), 1, "{}", build.stderr);
    let strict = s.run(&["check", "--strict"]).code(1);
    assert_eq!(strict.diagnostics("error").len(), 4, "{}", strict.stderr);
}

#[test]
fn consensus_agreeing_with_the_verdict_is_not_flagged() {
    let s = site();
    let run = s.run(&["check", "--strict"]).success();
    assert!(run.diagnostics("warning").is_empty(), "{}", run.stderr);
}

#[test]
fn new_takes_flags_and_starts_from_the_most_frequent_panel() {
    let s = site();
    s.run(&[
        "new",
        "Queue Design",
        "--principle",
        "dive deep",
        "--verdict",
        "hire",
        "--level",
        "L5",
        "--role",
        "SDE",
    ])
    .success()
    .stdout_has("content/queue-design/index.md");
    let text = s.read("content/queue-design/index.md");
    for needle in [
        "principles = [\"Dive Deep\"]",
        "verdict = \"hire\"",
        "level = \"L5\"",
        "role = \"SDE\"",
        "name = \"Ana Lima\"\nrole = \"Director\"",
        "name = \"Ben Okafor\"\nrole = \"Bar Raiser\"",
        "### Ana Lima",
        "draft = true",
    ] {
        assert!(text.contains(needle), "{needle:?} missing from\n{text}");
    }
    s.run(&["build", "--drafts"]).success();
    assert!(s.has_out("interviews/queue-design/index.html"));
    s.run(&["new", "Other", "--panelist", "Zed New", "--panelist", "ana lima"]).success();
    let other = s.read("content/other/index.md");
    assert!(other.contains("name = \"Zed New\"\nrole = \"Their role on the panel\""), "{other}");
    assert!(other.contains("name = \"Ana Lima\"\nrole = \"Director\""), "{other}");
    s.run(&["new", "Third", "--verdict", "maybe"]).code(1).stderr_has("strong-hire, hire, lean-hire");
    assert!(!s.path("content/third").exists());
}

#[test]
fn long_listings_are_paginated_and_every_page_links_on() {
    let mut files = vec![("site.toml".to_string(), SITE.to_string())];
    for n in 0..130 {
        let date = format!("2025-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
        files.push((
            format!("content/i{n:03}/index.md"),
            interview(&format!("Interview {n:03}"), &date, "\"Dive Deep\"", "hire", "Recommend hiring.", ""),
        ));
    }
    let pairs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = Site::from_files(&pairs);
    s.build().success();
    // 130 interviews at 60 a page: three pages for the principle, the role, the level, each panelist.
    for base in ["principles/dive-deep/", "roles/product-manager/", "levels/l6/", "panelists/ana-lima/"] {
        assert!(s.has_out(&format!("{base}index.html")), "{base}");
        assert!(s.has_out(&format!("{base}page/2/index.html")), "{base}page/2/");
        assert!(s.has_out(&format!("{base}page/3/index.html")), "{base}page/3/");
        assert!(!s.has_out(&format!("{base}page/4/index.html")), "{base}page/4/");
    }
    let first = s.out("principles/dive-deep/index.html");
    assert_eq!(first.matches("class=\"card\"").count(), 60);
    assert!(first.contains("href=\"/kb/principles/dive-deep/page/2/\" rel=\"next\""));
    assert!(first.contains("id=\"insights\""), "insights on the first page");
    let last = s.out("principles/dive-deep/page/3/index.html");
    assert_eq!(last.matches("class=\"card\"").count(), 10);
    assert!(last.contains("href=\"/kb/principles/dive-deep/page/2/\" rel=\"prev\""));
    assert!(!last.contains("id=\"insights\""));
    // Every interview appears on exactly one page of the listing.
    let all: String = (1..=3)
        .map(|n| {
            if n == 1 {
                s.out("principles/dive-deep/index.html")
            } else {
                s.out(&format!("principles/dive-deep/page/{n}/index.html"))
            }
        })
        .collect();
    for n in 0..130 {
        assert_eq!(all.matches(&format!(">Interview {n:03}<")).count(), 1, "Interview {n:03}");
    }
    assert!(s.out("sitemap.xml").contains("https://example.org/kb/principles/dive-deep/page/3/"));
    s.run(&["check"]).success();
}
