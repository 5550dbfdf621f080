//! Calibration on a small hand-made site: votes and markers on the interview
//! page, the contrast block, the grid, a guide of few interviews and one with a
//! pattern, reviewer calibration, and the vote lint (warnings, errors with
//! `--strict`).

mod common;

use common::Site;

const SITE: &str = "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n";

/// An interview at L6 on Dive Deep with two panelists and their votes
/// (`""`: no vote) and signals.
fn interview(title: &str, date: &str, verdict: &str, votes: [&str; 2], reasons: [&str; 2]) -> String {
    let [va, vb] = votes.map(|v| if v.is_empty() { String::new() } else { format!("vote = \"{v}\"\n") });
    let [ra, rb] = reasons;
    format!(
        r#"+++
title = "{title}"
date = {date}
principles = ["Dive Deep"]
role = "Product Manager"
level = "L6"
verdict = "{verdict}"
question = "Tell me about a metric you dug into."

[[panelists]]
name = "Ana Lima"
role = "Director"
hire_reason = "{ra}"
concern = "Latency budget unclear for checkout."
{va}
[[panelists]]
name = "Ben Okafor"
role = "Bar Raiser"
hire_reason = "{rb}"
concern = "Latency figures were never measured."
{vb}+++

Intro about Dive Deep.

## Roundtable

### Ana Lima
First point.

### Ben Okafor
Second point.

## Consensus

The panel weighed the metrics work on Dive Deep.
"#
    )
}

fn site() -> Site {
    Site::from_files(&[
        ("site.toml", SITE),
        (
            "content/a/index.md",
            &interview(
                "Alpha",
                "2026-01-02",
                "hire",
                ["hire", "no-hire"],
                ["Clear metrics.", "Metrics traced end to end."],
            ),
        ),
        (
            "content/b/index.md",
            &interview(
                "Beta",
                "2026-02-03",
                "no-hire",
                ["no-hire", "no-hire"],
                ["Clear metrics.", "None stated"],
            ),
        ),
        (
            "content/c/index.md",
            &interview(
                "Gamma",
                "2026-03-04",
                "lean-hire",
                ["lean-hire", "hire"],
                ["Clear metrics and latency.", "Metrics traced."],
            ),
        ),
    ])
}

#[test]
fn interview_page_shows_votes_markers_and_the_other_side() {
    let s = site();
    s.build().success();
    let a = s.out("interviews/a/index.html");
    // Votes 2 and -2: a split panel, median 0, against the hire verdict.
    assert!(a.contains("Split panel") && a.contains("Verdict against the votes"), "markers");
    assert!(a.contains("Median vote 0.0"));
    assert_eq!(a.matches("class=\"panel__vote\"").count(), 2);
    assert_eq!(a.matches("class=\"signal-card__vote\"").count(), 2);
    let other = common::between(&a, "id=\"other-side\"", "</section>");
    assert!(other.contains("/kb/interviews/b/"), "the no-hire of the same cell: {other}");
    assert!(!other.contains("/kb/interviews/c/"), "same side is no contrast");
    assert!(other.contains("href=\"/kb/calibration/dive-deep/l6/\""));
    // Compact: one line per interview (verdict, title, level and date), no cards.
    assert!(other.contains("<a href=\"/kb/interviews/b/\">Beta</a>"), "{other}");
    assert!(
        other.contains("L6 · <time datetime=\"2026-02-03\">") && !other.contains("class=\"card"),
        "{other}"
    );
    let c = s.out("interviews/c/index.html");
    assert!(!c.contains("Split panel") && !c.contains("Verdict against the votes"));
}

#[test]
fn grid_and_guides_link_every_cell_and_say_when_a_cell_is_small() {
    let s = site();
    s.build().success();
    let grid = s.out("calibration/index.html");
    let cell = common::between(&grid, "href=\"/kb/calibration/dive-deep/l6/\"", "</a>");
    assert!(cell.contains("Dive Deep at L6: </span><span class=\"cgrid__count\">3</span>"), "{cell}");
    assert!(cell.contains("> interviews, 1 hire, 1 lean hire, 1 no hire</span>"), "{cell}");
    assert!(cell.contains("1<span class=\"visually-hidden\"> split panel</span>"), "{cell}");
    assert!(grid.contains("href=\"/kb/calibration/\" aria-current=\"page\""), "in the navigation");
    let guide = s.out("calibration/dive-deep/l6/index.html");
    let credited = common::between(&guide, "id=\"credited\"", "id=\"sank\"");
    // "metrics" is in all three hire-side reasons of a and c; "clear" in two.
    assert!(credited.contains(">metrics<") && credited.contains(">clear<"), "{credited}");
    assert!(credited.contains("href=\"/kb/interviews/c/#signal-ana-lima\""), "a quote links to its signal");
    let sank = common::between(&guide, "id=\"sank\"", "id=\"exemplars\"");
    assert!(sank.contains(">latency<"), "{sank}");
    let exemplars = common::between(&guide, "id=\"exemplars-hire\"", "id=\"exemplars-no-hire\"");
    assert!(exemplars.find("Alpha") < exemplars.find("Gamma"), "hire before lean hire");
    assert!(exemplars.contains("The panel weighed the metrics work"), "consensus lead");
    assert!(common::between(&guide, "id=\"split\"", "id=\"questions\"").contains("/kb/interviews/a/"));
    let questions = common::between(&guide, "id=\"questions\"", "</section>");
    assert!(
        questions.contains(
            "<a class=\"question-list__text\" href=\"/kb/questions/tell-me-about-a-metric-you-dug-into/\">Tell me about a metric you dug into.</a> <span class=\"question-list__count\">3 interviews</span>"
        ),
        "each question links to its page, with its count: {questions}"
    );
    // Remove one: two interviews are too few for a pattern.
    s.remove("content/c");
    s.build().success();
    let small = s.out("calibration/dive-deep/l6/index.html");
    assert!(small.contains("Too few interviews for a pattern") && !small.contains("id=\"credited\""));
    assert!(small.contains("/kb/interviews/a/") && small.contains("/kb/interviews/b/"));
    s.run(&["check"]).success();
}

#[test]
fn reviewer_calibration_on_the_index_and_each_page() {
    let s = site();
    s.build().success();
    let index = s.out("panelists/index.html");
    let ben = common::between(&index, "<a href=\"/kb/panelists/ben-okafor/\">", "</tr>");
    // Ben: no-hire on hire (-4), no-hire on no-hire (0), hire on lean-hire (+1): 2 of 3, -1.
    assert!(ben.contains(">67%</td>") && ben.contains(">\u{2212}1.0</td>"), "{ben}");
    assert!(ben.contains("harsher than their panels") && ben.contains("title=\"Small sample\""));
    let page = s.out("panelists/ben-okafor/index.html");
    let against = common::between(&page, "id=\"against-panel\"", "</section>");
    assert!(against.contains("/kb/interviews/a/") && !against.contains("/kb/interviews/b/"), "{against}");
    assert!(page.contains("sort.js") || index.contains("sort.js"));
}

#[test]
fn vote_lint_warns_and_strict_fails() {
    let s = site();
    let run = s.run(&["check"]).success();
    let warnings = run.diagnostics("warning").join("\n");
    assert!(
        warnings.contains("a/index.md:7:11: verdict \"hire\" is against the votes: their median is 0 (zero, between the sides)"),
        "{warnings}"
    );
    // Beta: Ben votes no-hire with a concern, fine; no hire-side vote without a reason.
    s.write(
        "content/d/index.md",
        &interview("Delta", "2026-04-05", "hire", ["hire", "hire"], ["None stated", ""]),
    );
    let run = s.run(&["check"]).success();
    let warnings = run.diagnostics("warning").join("\n");
    assert!(
        warnings
            .contains("d/index.md:15:8: panelist \"Ana Lima\" votes \"hire\" but states no reason to hire"),
        "{warnings}"
    );
    assert!(
        warnings
            .contains("d/index.md:22:8: panelist \"Ben Okafor\" votes \"hire\" but states no reason to hire"),
        "{warnings}"
    );
    let no_concern = interview("Epsilon", "2026-05-06", "no-hire", ["no-hire", "no-hire"], ["", ""])
        .replace("concern = \"Latency figures were never measured.\"\n", "");
    s.write("content/e/index.md", &no_concern);
    let run = s.run(&["check"]).success();
    let warnings = run.diagnostics("warning").join("\n");
    assert!(
        warnings.contains("e/index.md:21:8: panelist \"Ben Okafor\" votes \"no-hire\" but states no concern"),
        "{warnings}"
    );
    assert!(!warnings.contains("\"Ana Lima\" votes \"no-hire\""), "{warnings}");
    let strict = s.run(&["check", "--strict"]).code(1);
    assert!(
        strict.diagnostics("error").iter().any(|e| e.contains("is against the votes")),
        "{}",
        strict.stderr
    );
}
