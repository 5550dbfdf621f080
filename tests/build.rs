//! End-to-end tests of `site build`, `site check` and `site new` on the `basic`
//! fixture (base_url "https://example.org/kb", so every link lives under `/kb/`).

mod common;

use common::{assert_same_tree, between, interview_links, links, main_of, rel_link, Site};

const ROOT: &str = "/kb/";
const BASE: &str = "https://example.org/kb/";

/// Interview slugs of the fixture, newest first.
const CHECKOUT: &str = "checkout-latency"; // 2026-03-10, Dive Deep + Customer Obsession, PM, L6
const CAFE: &str = "cafe-creme"; // 2025-11-20, Customer Obsession + Ownership, PM, L5
const QUEUE: &str = "queue-backpressure"; // 2025-06-01, Dive Deep + Ownership, R&D Engineer, L5
const DRAFT: &str = "draft-idea"; // 2026-05-01, draft

const BUILTIN_PRINCIPLES: [&str; 16] = [
    "Customer Obsession",
    "Ownership",
    "Invent and Simplify",
    "Are Right, A Lot",
    "Learn and Be Curious",
    "Hire and Develop the Best",
    "Insist on the Highest Standards",
    "Think Big",
    "Bias for Action",
    "Frugality",
    "Earn Trust",
    "Dive Deep",
    "Have Backbone; Disagree and Commit",
    "Deliver Results",
    "Strive to be Earth's Best Employer",
    "Success and Scale Bring Broad Responsibility",
];

fn built() -> Site {
    let site = Site::fixture("basic");
    site.build();
    site
}

fn interview(site: &Site, slug: &str) -> String {
    site.out(&format!("interviews/{slug}/index.html"))
}

/// The interview slugs linked from a page's `<main>`, sorted.
fn listed(site: &Site, page: &str) -> Vec<String> {
    let mut slugs = interview_links(main_of(&site.out(page)), ROOT);
    slugs.sort();
    slugs
}

fn sorted(slugs: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = slugs.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

#[test]
fn every_url_of_the_design_is_written() {
    let site = built();
    let pages = [
        "index.html",
        "interviews/checkout-latency/index.html",
        "interviews/cafe-creme/index.html",
        "interviews/queue-backpressure/index.html",
        "principles/index.html",
        "principles/dive-deep/index.html",
        "principles/ownership/index.html",
        "principles/customer-obsession/index.html",
        "panelists/index.html",
        "panelists/ana-lima/index.html",
        "panelists/ben-okafor/index.html",
        "panelists/carla-mendes/index.html",
        "roles/product-manager/index.html",
        "roles/r-d-engineer/index.html",
        "levels/l5/index.html",
        "levels/l6/index.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
    ];
    for page in pages {
        assert!(site.has_out(page), "missing public/{page}");
    }
    // The indexes and the archive (DESIGN §4).
    for page in [
        "interviews/index.html",
        "roles/index.html",
        "levels/index.html",
        "tags/index.html",
        "questions/index.html",
    ] {
        assert!(site.has_out(page), "missing public/{page}");
    }
    // A principle of the catalogue without interviews is listed but has no page.
    assert!(!site.has_out("principles/have-backbone-disagree-and-commit/index.html"));
    assert!(!site.has_out("principles/strive-to-be-earths-best-employer/index.html"));
    assert!(common::decode(&site.out("principles/index.html")).contains("Have Backbone; Disagree and Commit"));
    let interviews: Vec<String> = site
        .tree("public")
        .into_keys()
        .filter(|p| {
            p.starts_with("interviews/") && p.ends_with("/index.html") && p != "interviews/index.html"
        })
        .collect();
    assert_eq!(interviews.len(), 3, "{interviews:?}");
}

#[test]
fn every_link_stays_under_the_base_path() {
    let site = built();
    let mut seen = 0;
    for (path, bytes) in site.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for link in links(&html) {
            seen += 1;
            if link.starts_with('/') {
                assert!(link.starts_with(ROOT), "{path}: {link:?} is outside {ROOT}");
            } else if link.contains("example.org") {
                assert!(link.starts_with(BASE), "{path}: {link:?} is outside {BASE}");
            }
        }
    }
    assert!(seen > 100, "only {seen} links found");
    let home = site.out("index.html");
    assert!(
        links(&home).iter().any(|l| l == "/kb/interviews/checkout-latency/"),
        "home links the newest interview"
    );
    assert!(links(&home).iter().any(|l| l == "/kb/style.css"), "stylesheet under the base path");

    let sitemap = common::decode(&site.out("sitemap.xml"));
    let locs: Vec<&str> = sitemap.split("<loc>").skip(1).map(|s| &s[..s.find("</loc>").unwrap()]).collect();
    assert!(locs.iter().all(|l| l.starts_with(BASE)), "{locs:?}");
    assert!(locs.contains(&"https://example.org/kb/interviews/cafe-creme/"), "{locs:?}");
    assert!(!locs.iter().any(|l| l.contains("404")), "the 404 page is not in the sitemap: {locs:?}");

    let atom = common::decode(&site.out("atom.xml"));
    assert!(atom.contains("href=\"https://example.org/kb/interviews/checkout-latency/\""), "{atom}");
    assert!(atom.contains("href=\"https://example.org/kb/atom.xml\""), "{atom}");
    assert!(site.out("robots.txt").contains("Sitemap: https://example.org/kb/sitemap.xml"));
}

#[test]
fn drafts_are_published_only_with_the_drafts_flag() {
    let site = built();
    assert!(!site.has_out(&format!("interviews/{DRAFT}/index.html")));
    for (path, bytes) in site.tree("public") {
        assert!(!String::from_utf8_lossy(&bytes).contains("DRAFT-TITLE"), "the draft leaks into {path}");
    }
    assert_eq!(
        rel_link(&interview(&site, CHECKOUT), "next"),
        None,
        "the newest published interview has no next"
    );

    site.run(&["build", "--drafts"]).success();
    assert!(interview(&site, DRAFT).contains("DRAFT-TITLE"));
    assert_eq!(listed(&site, "principles/dive-deep/index.html"), sorted(&[CHECKOUT, QUEUE, DRAFT]));
    assert_eq!(rel_link(&interview(&site, CHECKOUT), "next").as_deref(), Some("/kb/interviews/draft-idea/"));
}

#[test]
fn underscore_and_dot_folders_are_ignored() {
    let site = built();
    assert!(!site.has_out("interviews/ignored"));
    assert!(!site.has_out("interviews/hidden"));
    for (path, bytes) in site.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("IGNORED-TITLE"), "_ignored/ leaks into {path}");
        assert!(!text.contains("HIDDEN-TITLE"), ".hidden/ leaks into {path}");
    }
}

#[test]
fn non_ascii_folder_name_is_transliterated() {
    let site = built();
    assert!(interview(&site, CAFE).contains("Café crème: a customer complaint"));
    assert!(!site.has_out("interviews/café-crème"));
    assert!(listed(&site, "index.html").contains(&CAFE.to_string()));
}

#[test]
fn speaker_written_as_slug_shows_the_display_name() {
    let site = built();
    let page = interview(&site, CHECKOUT);
    // `### ana-lima` is the first turn.
    let turn = between(&page, "id=\"turn-1\"", "id=\"turn-2\"");
    assert!(turn.contains("CHECKOUT-TURN-ONE"), "{turn}");
    assert!(turn.contains("Ana Lima"), "the turn names the panelist: {turn}");
    assert!(links(turn).iter().any(|l| l == "/kb/panelists/ana-lima/"), "{turn}");
    assert!(!page.contains(">ana-lima<"), "the slug is shown instead of the name");
    assert!(between(&page, "id=\"turn-2\"", "</article>").contains("Ben Okafor"));
}

#[test]
fn front_matter_values_are_html_escaped() {
    let site = built();
    for (path, bytes) in site.tree("public") {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("<script>alert(1)"), "unescaped <script> from front matter in {path}");
            assert!(!text.contains("Acme & Sons"), "unescaped & in {path}");
        }
    }
    let page = interview(&site, CHECKOUT);
    let main = main_of(&page);
    assert!(main.contains("Checkout latency &lt; 100 ms &amp; the &lt;script&gt;alert(1)"), "title");
    assert!(main.contains("Summary with &lt;script&gt;alert(1)"), "summary");
    assert!(main.contains("Said &lt;script&gt;alert(1)"), "panelist concern");
    assert!(main.contains("Acme &amp; Sons"), "company");
    assert!(main.contains("Bar Raiser &amp; Mentor"), "panelist role");
    assert!(page.contains("<title>Checkout latency &lt; 100 ms &amp; the &lt;script&gt;"), "<title>");
    assert!(site.out("roles/r-d-engineer/index.html").contains("R&amp;D Engineer"), "interview role");
    assert!(site.out("atom.xml").contains("&lt;script&gt;alert(1)"), "feed");
}

#[test]
fn co_located_files_are_copied_next_to_their_page() {
    let site = built();
    let source = std::fs::read(site.path("content/2026/pm/checkout-latency/diagram.svg")).unwrap();
    let copied = std::fs::read(site.path("public/interviews/checkout-latency/diagram.svg")).unwrap();
    assert_eq!(copied, source);
    assert!(
        links(&interview(&site, CHECKOUT)).iter().any(|l| l == "diagram.svg"),
        "the body's relative image link is kept"
    );
    assert!(!site.has_out("diagram.svg"));
}

#[test]
fn listing_pages_list_the_right_interviews() {
    let site = built();
    let cases: [(&str, &[&str]); 12] = [
        ("index.html", &[CHECKOUT, CAFE, QUEUE]),
        ("interviews/index.html", &[CHECKOUT, CAFE, QUEUE]),
        ("principles/dive-deep/index.html", &[CHECKOUT, QUEUE]),
        ("principles/ownership/index.html", &[CAFE, QUEUE]),
        ("principles/customer-obsession/index.html", &[CHECKOUT, CAFE]),
        ("panelists/ana-lima/index.html", &[CHECKOUT, QUEUE]),
        ("panelists/ben-okafor/index.html", &[CHECKOUT, CAFE]),
        ("panelists/carla-mendes/index.html", &[CAFE, QUEUE]),
        ("roles/product-manager/index.html", &[CHECKOUT, CAFE]),
        ("roles/r-d-engineer/index.html", &[QUEUE]),
        ("levels/l6/index.html", &[CHECKOUT]),
        ("levels/l5/index.html", &[CAFE, QUEUE]),
    ];
    for (page, expected) in cases {
        assert_eq!(listed(&site, page), sorted(expected), "interviews listed on {page}");
    }
    // Listings are newest first.
    assert_eq!(interview_links(main_of(&site.out("levels/l5/index.html")), ROOT), vec![CAFE, QUEUE]);
}

#[test]
fn index_pages_list_every_principle_and_panelist() {
    let site = built();
    let principles = main_of(&site.out("principles/index.html")).to_string();
    let text = common::decode(&principles);
    for name in BUILTIN_PRINCIPLES {
        assert!(text.contains(name), "principles index lacks {name:?}");
    }
    for slug in ["dive-deep", "ownership", "customer-obsession"] {
        assert!(
            links(&principles).contains(&format!("/kb/principles/{slug}/")),
            "principles index does not link {slug}"
        );
    }
    let panelists = links(main_of(&site.out("panelists/index.html")));
    for slug in ["ana-lima", "ben-okafor", "carla-mendes"] {
        assert!(panelists.contains(&format!("/kb/panelists/{slug}/")), "panelists index lacks {slug}");
    }
}

#[test]
fn panelist_page_shows_their_signals_in_each_interview() {
    let site = built();
    let carla = main_of(&site.out("panelists/carla-mendes/index.html")).to_string();
    for text in ["Carla Mendes", "Measured before changing anything.", "Light on testing.", "No follow-up."] {
        assert!(carla.contains(text), "Carla's page lacks {text:?}");
    }
}

#[test]
fn related_and_previous_next_link_correctly() {
    let site = built();
    // Related: most shared principles, then same role, then newest.
    let related =
        |slug: &str| interview_links(between(&interview(&site, slug), "id=\"related\"", "</section>"), ROOT);
    assert_eq!(related(CHECKOUT), vec![CAFE, QUEUE], "CAFE shares a principle and the role");
    assert_eq!(related(QUEUE), vec![CHECKOUT, CAFE]);
    assert_eq!(related(CAFE), vec![CHECKOUT, QUEUE]);

    // Previous = older, next = newer.
    let url = |slug: &str| Some(format!("/kb/interviews/{slug}/"));
    let checkout = interview(&site, CHECKOUT);
    assert_eq!(rel_link(&checkout, "prev"), url(CAFE));
    assert_eq!(rel_link(&checkout, "next"), None);
    let cafe = interview(&site, CAFE);
    assert_eq!(rel_link(&cafe, "prev"), url(QUEUE));
    assert_eq!(rel_link(&cafe, "next"), url(CHECKOUT));
    let queue = interview(&site, QUEUE);
    assert_eq!(rel_link(&queue, "prev"), None);
    assert_eq!(rel_link(&queue, "next"), url(CAFE));
}

#[test]
fn deleting_an_interview_removes_its_page_on_rebuild() {
    let site = built();
    assert!(site.has_out("interviews/queue-backpressure/index.html"));
    site.remove("content/2025/queue-backpressure");
    site.build();
    assert!(!site.has_out("interviews/queue-backpressure"));
    assert!(!site.has_out("roles/r-d-engineer"), "a role with no interview left has no page");
    assert_eq!(listed(&site, "panelists/ana-lima/index.html"), vec![CHECKOUT.to_string()]);
    assert_eq!(rel_link(&interview(&site, CAFE), "prev"), None);
    assert!(!site.out("sitemap.xml").contains(QUEUE));
    assert!(!site.out("atom.xml").contains(QUEUE));
}

#[test]
fn output_flag_writes_to_another_folder() {
    let site = Site::fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site-out");
    let run = site.run(&["build", "--output", dest.to_str().unwrap()]).success();
    assert!(dest.join("interviews/checkout-latency/index.html").is_file());
    assert!(dest.join("interviews/checkout-latency/diagram.svg").is_file());
    assert!(!site.path("public").exists(), "--output must not write public/");
    assert!(run.stdout.contains("site-out"), "the summary names the output folder: {}", run.stdout);
    // Only the output folder appears next to it: no staging leftovers.
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("site-out")]);
}

#[test]
fn output_flag_never_replaces_the_site_or_its_content() {
    for target in ["content", ""] {
        let site = Site::fixture("basic");
        let sources = site.tree("");
        let dest = site.path(target);
        let run = site.run(&["build", "--output", dest.to_str().unwrap()]);
        let what = format!("`site build --output {}` destroyed the site's sources", dest.display());
        assert_same_tree(&site.tree(""), &sources, &what);
        assert_ne!(run.code, 0, "building into the site's own sources must be refused");
    }
}

#[test]
fn base_url_flag_overrides_site_toml() {
    let site = Site::fixture("basic");
    site.run(&["build", "--base-url", "https://other.test/docs/"]).success();
    let page = interview(&site, CHECKOUT);
    let all = links(&page);
    assert!(all.iter().any(|l| l == "/docs/interviews/cafe-creme/"), "{all:?}");
    assert!(all.iter().filter(|l| l.starts_with('/')).all(|l| l.starts_with("/docs/")), "{all:?}");
    assert!(!all.iter().any(|l| l.contains("/kb/")), "{all:?}");
    let sitemap = common::decode(&site.out("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://other.test/docs/interviews/checkout-latency/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("example.org"));
    assert!(site.out("robots.txt").contains("Sitemap: https://other.test/docs/sitemap.xml"));

    site.run(&["build", "--base-url", "not a url"]).code(1).stderr_has("--base-url");
}

#[test]
fn summary_line_names_pages_and_milliseconds() {
    let site = Site::fixture("basic");
    let run = site.build();
    let line = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Built "))
        .unwrap_or_else(|| panic!("no summary line: {}", run.stdout));
    let number_before = |word: &str| -> usize {
        let head = &line[..line.find(word).unwrap_or_else(|| panic!("{line:?} lacks {word:?}"))];
        head.rsplit(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number before {word:?} in {line:?}"))
    };
    let html_files = site.tree("public").keys().filter(|p| p.ends_with(".html")).count();
    assert_eq!(number_before(" pages"), html_files, "{line}");
    assert_eq!(number_before(" interviews"), 3, "{line}");
    assert!(line.ends_with(" ms"), "{line}");
    let _elapsed_ms = number_before(" ms"); // a number of milliseconds, whatever its value
    assert!(run.stderr.is_empty(), "a clean build prints nothing on stderr: {}", run.stderr);
}

#[test]
fn check_passes_on_the_fixture_and_writes_nothing() {
    let site = Site::fixture("basic");
    let before = site.tree("");
    let run = site.run(&["check"]).success();
    assert!(run.stdout.starts_with("Checked "), "{}", run.stdout);
    assert_same_tree(&site.tree(""), &before, "check changed the site folder");
    assert!(!site.path("public").exists());
    assert_eq!(site.top_level(), vec!["content", "site.toml"]);
}

#[test]
fn check_reports_broken_links_written_in_a_body() {
    let site = Site::fixture("basic");
    let file = "content/2025/queue-backpressure/index.md";
    site.edit(
        file,
        "They measured queue depth first.",
        "See [x](/kb/interviews/nope/) and [y](#no-such-anchor).",
    );
    let line = site.read(file).lines().position(|l| l.contains("/kb/interviews/nope/")).unwrap() + 1;
    let before = site.tree("");
    let run = site.run(&["check"]).code(1);
    // Columns point at the link target in the source line.
    run.stderr_has(&format!("{file}:{line}:9: broken link \"/kb/interviews/nope/\""));
    run.stderr_has(&format!("{file}:{line}:39: broken link \"#no-such-anchor\""));
    run.stderr_has("hint:");
    assert_eq!(run.diagnostics("error").len(), 2, "{}", run.stderr);
    assert_same_tree(&site.tree(""), &before, "check must write nothing, even on failure");
}

#[test]
fn new_scaffolds_a_draft_that_builds_with_drafts() {
    let site = Site::fixture("basic");
    let run = site.run(&["new", "My Title", "--principle", "Dive Deep"]).success();
    run.stdout_has("content/my-title/index.md");
    let text = site.read("content/my-title/index.md");
    assert!(text.contains("title = \"My Title\""), "{text}");
    assert!(text.contains("principles = [\"Dive Deep\"]"), "{text}");
    assert!(text.contains("draft = true"), "{text}");

    site.build();
    assert!(!site.has_out("interviews/my-title"), "a new interview is a draft");
    site.run(&["build", "--drafts"]).success();
    assert!(interview(&site, "my-title").contains("My Title"));
    assert!(listed(&site, "principles/dive-deep/index.html").contains(&"my-title".to_string()));
}

#[test]
fn new_suggests_a_principle_for_a_typo() {
    let site = Site::fixture("basic");
    let run = site.run(&["new", "Other", "--principle", "Dive Deap"]).code(1);
    run.stderr_has("unknown principle \"Dive Deap\"").stderr_has("did you mean \"Dive Deep\"");
    assert!(!site.path("content/other").exists(), "nothing is created on error");
}

#[test]
fn new_refuses_an_existing_folder() {
    let site = Site::fixture("basic");
    site.run(&["new", "My Title"]).success();
    let first = site.read("content/my-title/index.md");
    site.run(&["new", "My Title!"])
        .code(1)
        .stderr_has("content/my-title/index.md")
        .stderr_has("already exists");
    assert_eq!(site.read("content/my-title/index.md"), first, "the existing file is untouched");
}

#[test]
fn new_refuses_the_slug_of_a_nested_interview() {
    // content/2026/pm/checkout-latency/ already publishes /interviews/checkout-latency/.
    let site = Site::fixture("basic");
    let run = site.run(&["new", "Checkout Latency"]);
    assert!(
        !site.path("content/checkout-latency").exists(),
        "`site new` created a second interview with slug \"checkout-latency\""
    );
    run.code(1).stderr_has("checkout-latency");
}

#[test]
fn usage_errors_exit_with_code_2() {
    let site = Site::fixture("basic");
    site.run(&["frobnicate"]).code(2).stderr_has("frobnicate");
    site.run(&["build", "--frob"]).code(2).stderr_has("--frob");
    site.run(&["build", "--output"]).code(2);
    site.run(&["new"]).code(2);
    common::run(&[]).code(2);
    assert_eq!(site.top_level(), vec!["content", "site.toml"], "usage errors write nothing");
}
