//! `site init`, `site new` in a new site, and the wording a new team meets first:
//! a new site builds and passes `site check --strict` at once, a folder that
//! holds a site is refused and left as it was, and the messages of the first
//! hour say what they mean.

mod common;

use std::path::Path;

use common::{assert_same_tree, run, run_in, tree, Site};

/// `site init <tmp>/kb` (plus `extra` flags); the temp folder and the site path.
fn init(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    let mut args = vec!["init", kb.to_str().unwrap()];
    args.extend(extra);
    run(&args).success();
    (tmp, kb)
}

fn site_run(kb: &Path, args: &[&str]) -> common::Run {
    let mut all = args.to_vec();
    all.extend(["--root", kb.to_str().unwrap()]);
    run(&all)
}

#[test]
fn a_new_site_builds_and_passes_check_strict_at_once() {
    let (_tmp, kb) = init(&["--title", "Team \"KB\"", "--base-url", "https://kb.example.org/reviews/"]);
    let toml = std::fs::read_to_string(kb.join("site.toml")).unwrap();
    assert!(toml.starts_with("#:schema ./schemas/site.schema.json\n"), "{toml}");
    assert!(toml.contains("title = 'Team \"KB\"'"), "{toml}");
    assert!(toml.contains("# [profiles.public]"), "{toml}");
    assert_eq!(std::fs::read_to_string(kb.join(".gitignore")).unwrap().lines().last(), Some("public/"));
    assert!(kb.join(".github/workflows/deploy.yml").is_file());
    for name in ["frontmatter.schema.json", "site.schema.json", "record.schema.json"] {
        let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
        assert_eq!(
            std::fs::read_to_string(kb.join("schemas").join(name)).unwrap(),
            std::fs::read_to_string(shipped).unwrap(),
            "{name}: init writes the shipped schema"
        );
    }
    let check = site_run(&kb, &["check", "--strict"]).success();
    assert!(check.stderr.is_empty(), "no warning at all: {}", check.stderr);
    let build = site_run(&kb, &["build"]).success();
    build.stdout_has("(1 interview, ");
    let page = std::fs::read_to_string(kb.join("public/interviews/retiring-a-flaky-retry-queue/index.html"))
        .unwrap();
    for shown in ["Priya Raman", "Follow-up questions", "Example Corp", "payments"] {
        assert!(page.contains(shown), "the example shows {shown:?}");
    }
}

#[test]
fn the_example_interview_uses_every_front_matter_field() {
    let (_tmp, kb) = init(&[]);
    let year = time::OffsetDateTime::now_utc().year();
    let text =
        std::fs::read_to_string(kb.join(format!("content/{year}/retiring-a-flaky-retry-queue/index.md")))
            .unwrap();
    let front = text.split("+++").nth(1).unwrap();
    let table: toml::Table = toml::from_str(front).unwrap();
    for key in [
        "title",
        "date",
        "principles",
        "role",
        "level",
        "company",
        "verdict",
        "video",
        "summary",
        "slug",
        "draft",
        "tags",
        "question",
        "candidate",
        "panelists",
    ] {
        assert!(table.contains_key(key), "the example lacks `{key}`");
    }
    let panelist = table["panelists"].as_array().unwrap()[0].as_table().unwrap();
    for key in ["name", "role", "hire_reason", "concern", "vote"] {
        assert!(panelist.contains_key(key), "the example's panelist lacks `{key}`");
    }
}

#[test]
fn init_refuses_a_folder_that_holds_a_site_and_changes_nothing() {
    for held in ["site.toml", "content/x/index.md"] {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join(held).parent().unwrap()).unwrap();
        std::fs::write(tmp.path().join(held), "title = \"Mine\"\n").unwrap();
        std::fs::write(tmp.path().join("README.md"), "mine\n").unwrap();
        let before = tree(tmp.path());
        let out = run_in(tmp.path(), &["init"]).code(1);
        out.stderr_has("the current folder already holds a site").stderr_has("hint:");
        assert_same_tree(&tree(tmp.path()), &before, "a refused init changed the folder");
    }
}

#[test]
fn init_in_a_folder_with_other_files_keeps_them_and_says_what_next() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("README.md"), "ours\n").unwrap();
    std::fs::write(tmp.path().join(".gitignore"), "target/\n").unwrap();
    let out = run_in(tmp.path(), &["init"]).success();
    out.stdout_has("site serve --watch --open");
    assert!(!out.stdout.contains("cd "), "no `cd` for the current folder:\n{}", out.stdout);
    assert_eq!(std::fs::read_to_string(tmp.path().join("README.md")).unwrap(), "ours\n");
    let ignore = std::fs::read_to_string(tmp.path().join(".gitignore")).unwrap();
    assert!(ignore.starts_with("target/\n") && ignore.ends_with("public/\n"), "{ignore}");
    run_in(tmp.path(), &["check", "--strict"]).success();
}

#[test]
fn init_with_a_bad_base_url_names_the_flag_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    run(&["init", kb.to_str().unwrap(), "--base-url", "kb.example.org"])
        .code(1)
        .stderr_has("error: --base-url:");
    assert!(!kb.join("site.toml").exists());
}

#[test]
fn site_new_inside_content_finds_the_site_and_writes_where_it_runs() {
    let (_tmp, kb) = init(&[]);
    let pm = kb.join("content/2026/pm");
    std::fs::create_dir_all(&pm).unwrap();
    let out = run_in(&pm, &["new", "Checkout Latency at Peak", "--panelist", "Priya Raman"]).success();
    out.stdout_has("content/2026/pm/checkout-latency-at-peak/index.md");
    let text = std::fs::read_to_string(pm.join("checkout-latency-at-peak/index.md")).unwrap();
    // A known panelist keeps their role; the principle is the site's most used one.
    assert!(text.contains("name = \"Priya Raman\"\nrole = \"Principal Engineer\""), "{text}");
    assert!(text.contains("principles = [\"Ownership\"]"), "{text}");
    // From the site root, --path places it in a grouping folder.
    site_run(&kb, &["new", "Queue Backpressure", "--path", "2025/sde"]).success();
    assert!(kb.join("content/2025/sde/queue-backpressure/index.md").is_file());
    site_run(&kb, &["new", "Bad Place", "--path", "../elsewhere"]).code(1).stderr_has("error: --path:");
}

#[test]
fn site_new_placeholders_are_flagged_by_check_until_replaced() {
    let (_tmp, kb) = init(&[]);
    site_run(&kb, &["new", "Draft Review", "--panelist", "Priya Raman", "--principle", "Ownership"])
        .success();
    let rel = "content/draft-review/index.md";
    let check = site_run(&kb, &["check"]).success();
    let placeholders = check.diagnostics("warning").into_iter().filter(|l| l.contains("placeholder")).count();
    assert_eq!(placeholders, 6, "summary, reason, concern, intro, turn, consensus:\n{}", check.stderr);
    site_run(&kb, &["check", "--strict"]).code(1).stderr_has(&format!("error: {rel}:"));
    let text = std::fs::read_to_string(kb.join(rel)).unwrap();
    let filled = text
        .replace("One sentence for cards, feeds and the page description.", "A review of Ownership.")
        .replace("What they credited.", "Owned the outage.")
        .replace("What worried them.", "Scope.")
        .replace("The question the candidate was asked, and its context.", "The question.")
        .replace("Their first turn.", "They showed Ownership.")
        .replace("The panel's synthesis.", "The panel recommends hiring.")
        .replace("draft = true\n", "")
        .replace("# vote = \"lean-hire\"\n", "vote = \"lean-hire\"\n");
    std::fs::write(kb.join(rel), filled).unwrap();
    site_run(&kb, &["check", "--strict"]).success();
}

#[test]
fn a_root_that_does_not_exist_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("no-such-site");
    let out = run(&["build", "--root", missing.to_str().unwrap()]).code(1);
    out.stderr_has("does not exist").stderr_has("--root");
    assert!(!out.stderr.contains("no site.toml"), "{}", out.stderr);
}

#[test]
fn a_missing_base_url_is_named_not_called_invalid_toml() {
    let site = Site::from_files(&[("site.toml", "title = \"T\"\n"), ("content/.keep", "")]);
    let out = site.run(&["build"]).code(1);
    out.stderr_has("error: site.toml:")
        .stderr_has("missing key `base_url`")
        .stderr_has("base_url = \"https://");
    assert!(!out.stderr.contains("invalid TOML"), "{}", out.stderr);
}

#[test]
fn no_previous_output_is_not_called_unchanged() {
    let site = Site::fixture("basic");
    site.edit("content/2026/pm/checkout-latency/index.md", "verdict = \"lean-hire\"", "verdict = \"maybe\"");
    let out = site.run(&["build"]).code(1);
    out.stderr_has("nothing was written");
    assert!(!out.stderr.contains("unchanged"), "there was no previous output:\n{}", out.stderr);
    site.edit("content/2026/pm/checkout-latency/index.md", "verdict = \"maybe\"", "verdict = \"lean-hire\"");
    site.build();
    site.edit("content/2026/pm/checkout-latency/index.md", "verdict = \"lean-hire\"", "verdict = \"maybe\"");
    site.run(&["build"]).code(1).stderr_has("the previous output in ").stderr_has("is unchanged");
}

/// A site of `n` interviews, each with a panelist who never speaks (one warning each).
fn site_with_silent_panelists(n: usize) -> Site {
    let mut files =
        vec![("site.toml".to_string(), "title = \"T\"\nbase_url = \"https://example.com\"\n".to_string())];
    for i in 0..n {
        files.push((
            format!("content/i{i:04}/index.md"),
            format!(
                "+++\ntitle = \"Interview {i}\"\ndate = 2026-01-01\nprinciples = [\"Ownership\"]\nrole = \"R\"\nverdict = \"hire\"\n\n\
                 [[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n\n[[panelists]]\nname = \"Bo Chen\"\nrole = \"SDE\"\n+++\n\n\
                 ## Roundtable\n\n### Ana Lima\nOwnership shown.\n\n## Consensus\n\nGood.\n"
            ),
        ));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    Site::from_files(&refs)
}

#[test]
fn more_than_twenty_warnings_of_one_kind_are_summarised_by_build_and_listed_by_check() {
    let site = site_with_silent_panelists(1_125);
    let build = site.run(&["build"]).success();
    let silent =
        |run: &common::Run| run.diagnostics("warning").iter().filter(|l| l.contains("never speaks")).count();
    assert_eq!(silent(&build), 20, "{}", build.stderr);
    build.stderr_has("  … and 1,105 more like this; `site check` lists all");
    build.stderr_has("0 errors, 1,125 warnings");
    build.stdout_has("(1,125 interviews, ");
    let check = site.run(&["check"]).success();
    assert_eq!(silent(&check), 1_125);
    assert!(!check.stderr.contains("more like this"), "check lists all");
}

#[test]
fn one_interview_is_counted_in_the_singular() {
    let site = site_with_silent_panelists(1);
    let out = site.run(&["build"]).success();
    out.stdout_has("(1 interview, ").stderr_has("0 errors, 1 warning\n");
    let home = site.out("index.html");
    assert!(home.contains("1 panel review of interview answers"), "home description");
    let panelist = site.out("panelists/ana-lima/index.html");
    assert!(panelist.contains("reviewed 1 interview\""), "panelist description");
    let principle = site.out("principles/ownership/index.html");
    assert!(principle.contains("1 reviewed interview for Ownership"), "principle description");
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line() {
    let bash = run(&["completions", "bash"]).success();
    bash.stdout_has("_site()").stdout_has("import").stdout_has("export");
    run(&["completions", "zsh"]).success().stdout_has("#compdef site");
    run(&["completions", "nushell"]).code(2);
    let man = run(&["man"]).success();
    man.stdout_has(".TH site 1").stdout_has("init");
    let tmp = tempfile::tempdir().unwrap();
    run(&["man", "--out", tmp.path().to_str().unwrap()]).success();
    assert!(tmp.path().join("site.1").is_file() && tmp.path().join("site-import.1").is_file());
}
