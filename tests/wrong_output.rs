//! Wrong output: headings read as CommonMark reads them (setext, `{#id}`), a second
//! `## Consensus` an error, footnotes numbered once per page. See docs/safety.md.

mod common;

use common::Site;

fn interview_site(body: &str) -> Site {
    Site::one_interview("T", body)
}

#[test]
fn a_second_consensus_or_roundtable_is_an_error_with_its_line() {
    let body = "## Roundtable\n\n### Ana Lima\nHi.\n\n## Consensus\n\nOne.\n\n## Consensus\n\nTwo.\n\n## Roundtable\n";
    let site = interview_site(body);
    // The front matter is 12 lines: the body starts on line 13.
    let run = site.run(&["build"]).code(1);
    run.stderr_has("content/x/index.md:22").stderr_has("a second `## Consensus`");
    run.stderr_has("content/x/index.md:26").stderr_has("a second `## Roundtable`");
}

#[test]
fn heading_ids_and_setext_headings_work_on_every_heading() {
    let body = "Intro[^a].\n\nRoundtable {#talk}\n------------------\n\n### Ana Lima {#ana}\nHi[^b].\n\n\
                ## Consensus {#verdict}\n\nDone.\n\n## Follow-up notes {#notes}\n\nMore[^c].\n\n\
                [^a]: A.\n[^b]: B.\n[^c]: C.\n";
    let site = interview_site(body);
    site.build();
    let page = site.out("interviews/x/index.html");
    for id in ["talk", "ana", "verdict", "notes"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "no id {id}");
    }
    assert!(page.contains("href=\"#notes\""), "the section's contents link uses its id");
    assert!(!page.contains("{#"), "an attribute was published as text");
    // One numbering for the page: a, b, c are 1, 2, 3 whatever part they are in.
    for (name, n) in [("a", 1), ("b", 2), ("c", 3)] {
        assert!(page.contains(&format!("<a href=\"#{name}\">{n}</a>")), "footnote {name} is not {n}");
    }
    assert!(!page.contains("never speaks"), "the setext Roundtable holds the turn");
    site.run(&["check"]).success();
}

#[test]
fn control_characters_never_make_a_feed_or_the_sitemap_malformed() {
    let page = "+++\ntitle = \"Bell\\u0007 and \\u001b[31m escape\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\n\
                role = \"PM\\u0001\"\nverdict = \"hire\"\nvideo = \"https://example.org/v\"\nsummary = \"Form\\u000cfeed\\uFFFF\"\n\
                tags = [\"t\\u0002\"]\n\n[[panelists]]\nname = \"Ana\\u0008 Lima\"\nrole = \"EM\"\n+++\n\
                Intro\u{1}text.\n\n## Roundtable\n\n### Ana\u{8} Lima\nHi.\n\n## Consensus\n\nDone.\n";
    let site = Site::from_files(&[
        ("site.toml", "title = \"KB\\u0003\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/x/index.md", page),
    ]);
    site.build();
    for (path, bytes) in site.tree("public") {
        if path.ends_with(".xml") {
            let text = String::from_utf8(bytes).unwrap();
            if let Err(e) = roxmltree::Document::parse(&text) {
                panic!("{path} is malformed XML: {e}\n{text:.600}");
            }
        }
    }
    assert!(site.out("atom.xml").contains("Bell and"), "the text around the control character stays");
}

#[test]
fn a_video_that_is_not_an_absolute_url_is_an_error_at_build_time() {
    for video in ["/watch/1", "watch/1", "https://", "https:///path", "//example.org/v"] {
        let body = "## Roundtable\n\n### Ana Lima\nHi.\n\n## Consensus\n\nDone.\n";
        let site = interview_site(body);
        site.edit("content/x/index.md", "video = \"https://example.org/v\"", &format!("video = \"{video}\""));
        let run = site.run(&["build"]).code(1);
        run.stderr_has("content/x/index.md:7:9:").stderr_has("must be an absolute http(s) URL with a host");
        assert!(!run.stderr.contains("no such page"), "{}", run.stderr);
    }
}

fn named_site(role: &str, panelist: &str, tags: &str) -> Site {
    let page = format!(
        "+++\ntitle = \"T\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\nrole = \"{role}\"\nverdict = \"hire\"\n\
         tags = {tags}\n\n[[panelists]]\nname = \"{panelist}\"\nrole = \"EM\"\n+++\n\
         ## Roundtable\n\n### {panelist}\nHi.\n\n## Consensus\n\nDone.\n"
    );
    Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/x/index.md", &page),
    ])
}

#[test]
fn a_name_with_an_empty_slug_is_an_error_never_an_index_page_overwritten() {
    let site = named_site("!!!", "—", "[\"???\"]");
    let run = site.run(&["build"]).code(1);
    run.stderr_has("content/x/index.md:5")
        .stderr_has("role \"!!!\" has no letters or digits")
        .stderr_has("content/x/index.md:10")
        .stderr_has("panelist name \"—\" has no letters or digits")
        .stderr_has("content/x/index.md:7")
        .stderr_has("tag \"???\" has no letters or digits");
}

#[test]
fn different_names_with_one_slug_are_a_warning_naming_both_spellings_and_files() {
    let one =
        "+++\ntitle = \"One\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\nrole = \"C++ Engineer\"\n\
               verdict = \"hire\"\n\n[[panelists]]\nname = \"Sarah Chen\"\nrole = \"EM\"\n+++\n\
               ## Roundtable\n\n### Sarah Chen\nHi.\n\n## Consensus\n\nDone.\n";
    let two =
        "+++\ntitle = \"Two\"\ndate = 2026-01-03\nprinciples = [\"Dive Deep\"]\nrole = \"C Engineer\"\n\
               verdict = \"hire\"\n\n[[panelists]]\nname = \"Sarah Chén\"\nrole = \"EM\"\n+++\n\
               ## Roundtable\n\n### Sarah Chén\nHi.\n\n## Consensus\n\nDone.\n";
    let site = Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n"),
        ("content/one/index.md", one),
        ("content/two/index.md", two),
    ]);
    let run = site.run(&["build"]).success();
    run.stderr_has("role \"C Engineer\" and \"C++ Engineer\"")
        .stderr_has("panelist \"Sarah Chén\" and \"Sarah Chen\"")
        .stderr_has("content/one/index.md")
        .stderr_has("content/two/index.md");
}

#[test]
fn base_url_with_an_upper_case_scheme_or_double_slashes_never_makes_protocol_relative_links() {
    let site = Site::from_files(&[
        ("site.toml", "title = \"KB\"\nbase_url = \"HTTPS://Example.ORG//kb//docs/\"\n"),
        (
            "content/x/index.md",
            "+++\ntitle = \"T\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\nrole = \"PM\"\nverdict = \"hire\"\n\n\
             [[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n+++\n## Roundtable\n\n### Ana Lima\nHi.\n\n## Consensus\n\nDone.\n",
        ),
    ]);
    site.build();
    let home = site.out("index.html");
    assert!(home.contains("https://example.org/kb/docs/"), "the base URL is normalised");
    assert!(!home.contains("href=\"//"), "a protocol-relative link");
    assert!(!home.contains("src=\"//"), "a protocol-relative source");
    assert!(home.contains("href=\"/kb/docs/"), "root-relative links keep the sub-path");
}
