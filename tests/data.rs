//! `site import` and `site export`: a plain-text panel-review page (the seed's form) becomes one
//! interview folder, a bad record is reported at its line with nothing written,
//! and an export imported into an empty site builds the same interview pages.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{assert_same_tree, Site};

/// A panel-review page in the plain-text form of the seed (`../shared/seed/`),
/// written for these tests: 4 panelists, 12 turns, a consensus, 4 signals.
const PAGE: &str = "tests/fixtures/import/panel-review-page.txt";
const SITE_TOML: &str = "title = \"Imports\"\nbase_url = \"https://example.com/kb\"\n";

fn fixture_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// An empty site: a site.toml and an empty content/.
fn empty_site() -> Site {
    Site::from_files(&[("site.toml", SITE_TOML), ("content/.keep", "")])
}

/// The export of `site` as JSON.
fn export_json(site: &Site) -> serde_json::Value {
    let out = site.run(&["export"]).success();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("export is JSON: {e}\n{}", out.stdout))
}

/// A record as JSON text, on one line, with `edit` applied to its value.
fn record(title: &str, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v = serde_json::json!({
        "title": title,
        "date": "2026-03-14",
        "principles": ["Dive Deep"],
        "role": "Product Manager",
        "level": "L6",
        "verdict": "lean-hire",
        "panelists": [
            {"name": "Ana Lima", "role": "Engineering Manager", "hire_reason": "Found the cause.", "vote": "hire"},
            {"name": "Bo Chen", "role": "Staff Engineer", "concern": "Slow to share it."}
        ],
        "intro": "The question was about a metric.",
        "turns": [
            {"speaker": "Ana Lima", "text": "They dove deep into the logs."},
            {"speaker": "Bo Chen", "text": "But *late*."}
        ],
        "consensus": "The panel leans towards hiring.",
        "sections": [{"heading": "Follow-up", "text": "- Ask about sharing."}]
    });
    edit(&mut v);
    v.to_string()
}

/// Imports one plain-text page into an empty site and returns the site and the
/// interview's export record.
fn import_page(page: &Path) -> (Site, serde_json::Value) {
    let site = empty_site();
    let flags =
        ["--date", "2026-11-23", "--role", "Product Manager", "--level", "L6", "--verdict", "no-hire"];
    let mut args = vec!["import", page.to_str().unwrap()];
    args.extend(flags);
    site.run(&args).success().stdout_has("Imported 1 interview into content/:");
    let export = export_json(&site);
    let record = export["interviews"][0].clone();
    (site, record)
}

fn names_and_roles(iv: &serde_json::Value) -> Vec<(String, String)> {
    iv["panelists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().to_string(), p["role"].as_str().unwrap().to_string()))
        .collect()
}

fn speakers(iv: &serde_json::Value) -> Vec<String> {
    iv["turns"].as_array().unwrap().iter().map(|t| t["speaker"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_panel_review_page_becomes_one_interview_with_its_panel_turns_consensus_and_signals() {
    let (site, iv) = import_page(&fixture_path(PAGE));
    let slug = "forecasting-the-returns-line-an-analyst-who-owned-the-number";
    let text = site.read(&format!("content/{slug}/index.md"));
    assert!(text.starts_with("+++\ntitle = \"Forecasting the Returns Line"), "{text}");
    assert!(text.contains("\ndate = 2026-11-23\nprinciples = [\"Ownership\"]\nrole = \"Product Manager\"\nlevel = \"L6\"\nverdict = \"no-hire\"\n"), "{text}");
    let panel = [
        ("Priya Natarajan", "VP of Engineering"),
        ("Tomás Ortega", "Principal Engineer"),
        ("Grace Mbeki", "Director of Operations"),
        ("Leo Brandt", "Head of Product"),
    ];
    let expected: Vec<(String, String)> = panel.iter().map(|(n, r)| (n.to_string(), r.to_string())).collect();
    assert_eq!(names_and_roles(&iv), expected);
    let round: Vec<String> = panel.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(speakers(&iv), [round.clone(), round.clone(), round].concat(), "12 turns, speakers in order");
    assert!(iv["turns"][0]["text"].as_str().unwrap().starts_with("The candidate owned the returns forecast"));
    assert!(iv["turns"][11]["text"].as_str().unwrap().ends_with("not just an accuracy number."));
    let consensus = iv["consensus"].as_str().unwrap();
    assert!(
        consensus.starts_with("The panel leans towards hiring.")
            && consensus.ends_with("teachable at this level."),
        "{consensus}"
    );
    let p = iv["panelists"].as_array().unwrap();
    assert!(p[1]["hire_reason"].is_null(), "\"None stated\" is no reason");
    assert_eq!(
        p[0]["hire_reason"],
        "Talked to the site leads who use the forecast before changing it, unprompted."
    );
    for (k, p) in p.iter().enumerate() {
        assert!(!p["concern"].as_str().unwrap_or("").is_empty(), "panelist {k} has a concern");
    }
    assert_eq!(p[3]["concern"], "Built what was asked without questioning the weekly cadence.");
    site.build();
    let page = site.out(&format!("interviews/{slug}/index.html"));
    assert_eq!(page.matches("id=\"turn-").count(), 12, "twelve turns on the page");
}

/// The seed page itself (`../shared/seed/`, beside the repository where the
/// product was designed; not part of the repository): 4 panelists, 12 turns,
/// the consensus, 4 signals. Skipped where the seed is not present.
#[test]
fn the_seed_page_imports_with_4_panelists_12_turns_the_consensus_and_4_signals() {
    let seed_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seed");
    let Some(seed) = std::fs::read_dir(&seed_dir)
        .ok()
        .and_then(|d| d.flatten().map(|e| e.path()).find(|p| p.extension().is_some_and(|e| e == "txt")))
    else {
        eprintln!("no seed page in {}: skipped", seed_dir.display());
        return;
    };
    let (site, iv) = import_page(&seed);
    let panel = names_and_roles(&iv);
    assert_eq!(panel.len(), 4, "{panel:?}");
    let round: Vec<String> = panel.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(speakers(&iv), [round.clone(), round.clone(), round].concat(), "12 turns in order");
    assert!(!iv["consensus"].as_str().unwrap_or("").is_empty(), "a consensus");
    let signals = iv["panelists"].as_array().unwrap();
    assert!(signals.iter().all(|p| !p["concern"].as_str().unwrap_or("").is_empty()), "4 concerns");
    site.build();
}

#[test]
fn a_text_page_needs_its_date_role_and_verdict_flags() {
    let site = empty_site();
    let seed = fixture_path(PAGE);
    let before = site.tree("");
    let out = site.run(&["import", seed.to_str().unwrap(), "--role", "PM"]).code(2);
    out.stderr_has("error: --date: a plain-text page needs --date, --verdict");
    site.run(&[
        "import",
        seed.to_str().unwrap(),
        "--date",
        "23/11/2026",
        "--role",
        "PM",
        "--verdict",
        "no-hire",
    ])
    .code(2)
    .stderr_has("error: --date:");
    site.run(&[
        "import",
        seed.to_str().unwrap(),
        "--date",
        "2026-11-23",
        "--role",
        "PM",
        "--verdict",
        "no-hir",
    ])
    .code(2)
    .stderr_has("did you mean \"no-hire\"");
    assert_same_tree(&site.tree(""), &before, "a usage error writes nothing");
}

#[test]
fn jsonl_with_a_bad_record_reports_its_line_and_writes_nothing() {
    let site = empty_site();
    let bad = record("Second", |v| v["principles"] = serde_json::json!(["Dive Deap"]));
    let jsonl = format!("{}\n{bad}\n\n{}\n", record("First", |_| {}), record("Third", |_| {}));
    site.write("in/reviews.jsonl", &jsonl);
    let before = site.tree("content");
    let out = site.run(&["import", site.path("in/reviews.jsonl").to_str().unwrap()]).code(1);
    out.stderr_has("reviews.jsonl:2: record 2, field `principles`: unknown principle \"Dive Deap\"");
    out.stderr_has("hint: did you mean \"Dive Deep\"?");
    assert_eq!(out.diagnostics("error").len(), 1, "{}", out.stderr);
    assert_same_tree(&site.tree("content"), &before, "nothing of the run is written");
}

#[test]
fn every_bad_record_of_a_run_is_reported_together() {
    let site = empty_site();
    let records = [
        record("One", |v| v["verdict"] = "maybe".into()),
        record("Two", |_| {}),
        record("Three", |v| v["turns"][1]["speaker"] = "Zed Unknown".into()),
        record("Four", |v| v["date"] = "14 March".into()),
        record("Five", |v| {
            v.as_object_mut().unwrap().insert("titel".into(), "x".into());
        }),
    ];
    site.write("in/all.json", &format!("[\n{}\n]\n", records.join(",\n")));
    site.write("in/more.jsonl", &record("Two", |_| {}));
    let before = site.tree("content");
    let out = site
        .run(&[
            "import",
            site.path("in/all.json").to_str().unwrap(),
            site.path("in/more.jsonl").to_str().unwrap(),
        ])
        .code(1);
    out.stderr_has("all.json:2: record 1, field `verdict`: unknown verdict \"maybe\"");
    out.stderr_has("all.json:4: record 3, field `turns[1].speaker`: roundtable speaker \"Zed Unknown\" is not a declared panelist");
    out.stderr_has("all.json:5: record 4, field `date`: \"14 March\" is not a date");
    out.stderr_has("all.json:6:")
        .stderr_has("record 5: unknown field `titel`")
        .stderr_has("did you mean `title`?");
    out.stderr_has(
        "more.jsonl:1: record 1, field `title`: the slug \"two\" is also the slug of record 2 of ",
    );
    assert_eq!(out.diagnostics("error").len(), 5, "{}", out.stderr);
    assert_same_tree(&site.tree("content"), &before, "nothing of the run is written");
}

#[test]
fn import_never_overwrites_a_folder_or_a_published_slug() {
    let site = empty_site();
    site.write("content/first/notes.txt", "ours");
    site.write("content/2025/second/index.md", &site_interview("second"));
    site.write("in/a.jsonl", &format!("{}\n{}\n", record("First", |_| {}), record("Second", |_| {})));
    let out = site.run(&["import", site.path("in/a.jsonl").to_str().unwrap()]).code(1);
    out.stderr_has("record 1, field `title`: content/first/ already exists");
    out.stderr_has("record 2, field `title`: an interview with the slug \"second\" already exists: content/2025/second/index.md");
    assert_eq!(site.read("content/first/notes.txt"), "ours");
    assert!(!site.path("content/first/index.md").exists());
}

fn site_interview(title: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2025-01-01\nprinciples = [\"Ownership\"]\nrole = \"R\"\nverdict = \"hire\"\n\n\
         [[panelists]]\nname = \"Ana Lima\"\nrole = \"EM\"\n+++\n\n## Roundtable\n\n### Ana Lima\nOwnership.\n"
    )
}

#[test]
fn a_dry_run_prints_each_file_and_writes_nothing() {
    let site = empty_site();
    site.write("in/one.json", &record("Metric Deep Dive", |_| {}));
    let before = site.tree("content");
    let out = site
        .run(&[
            "import",
            site.path("in/one.json").to_str().unwrap(),
            "--dry-run",
            "--into",
            "content/2026/pm",
        ])
        .success();
    out.stdout_has(
        "would write content/2026/pm/metric-deep-dive/index.md:\n+++\ntitle = \"Metric Deep Dive\"\n",
    );
    out.stdout_has("\n## Roundtable\n\n### Ana Lima\nThey dove deep into the logs.\n\n### Bo Chen\nBut *late*.\n\n## Consensus\n");
    out.stdout_has("Dry run: 1 interview would be written into content/2026/pm/; nothing was written");
    assert_same_tree(&site.tree("content"), &before, "a dry run writes nothing");
    site.run(&["import", site.path("in/one.json").to_str().unwrap(), "--into", "public"])
        .code(2)
        .stderr_has("error: --into:");
    site.run(&["import", site.path("in/one.json").to_str().unwrap(), "--date", "2026-01-01"])
        .code(2)
        .stderr_has("--date is for plain-text pages only");
}

/// The repository's sample site, copied.
fn sample() -> Site {
    let site =
        Site::from_files(&[("site.toml", &std::fs::read_to_string(fixture_path("site.toml")).unwrap())]);
    for (rel, bytes) in common::tree(&fixture_path("content")) {
        site.write_bytes(&format!("content/{rel}"), &bytes);
    }
    site
}

/// `public/interviews/<slug>/index.html` of every interview, by slug.
fn interview_pages(site: &Site) -> BTreeMap<String, Vec<u8>> {
    site.tree("public/interviews")
        .into_iter()
        .filter(|(rel, _)| {
            rel.ends_with("/index.html") && rel.matches('/').count() == 1 && !rel.starts_with("page/")
        })
        .collect()
}

#[test]
fn an_export_imported_into_an_empty_site_builds_the_same_interview_pages() {
    let original = sample();
    original.build();
    let export = original.run(&["export", "--output", original.path("kb.json").to_str().unwrap()]).success();
    export.stderr_has("Exported 11 interviews to ");
    assert!(export.stdout.is_empty(), "the data goes to the file");
    let copy = Site::from_files(&[("site.toml", &original.read("site.toml")), ("content/.keep", "")]);
    copy.run(&["import", original.path("kb.json").to_str().unwrap()])
        .success()
        .stdout_has("Imported 11 interviews");
    copy.build();
    let (a, b) = (interview_pages(&original), interview_pages(&copy));
    assert_eq!(a.len(), 11);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (page, bytes) in &a {
        assert!(
            bytes == &b[page],
            "interviews/{page} differs after export and import:\n--- original\n{}\n--- imported\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[page])
        );
    }
    // Exported again, the imported site gives the same interviews.
    let again = export_json(&copy);
    let first: serde_json::Value = serde_json::from_str(&original.read("kb.json")).unwrap();
    assert_eq!(first["interviews"], again["interviews"]);
}

#[test]
fn the_json_export_holds_the_graphs_own_numbers() {
    let site = sample();
    let text = site.run(&["export"]).success().stdout;
    // The top-level keys, in the order written (two-space indentation).
    let keys: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once("\": "))
        .map(|(k, _)| k)
        .collect();
    assert_eq!(keys, vec!["site", "principles", "panelists", "interviews", "calibration"]);
    let export: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(export["calibration"].as_object().unwrap().keys().collect::<Vec<_>>(), vec!["cells"]);
    let prepared = roundtable::pipeline::prepare(&roundtable::pipeline::Options {
        root: site.root().to_path_buf(),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("{:?}", e.into_diagnostics()));
    let graph = &prepared.site;
    let panelists = export["panelists"].as_array().unwrap();
    assert_eq!(panelists.len(), graph.panelists.len());
    for (k, p) in panelists.iter().enumerate() {
        let c = &graph.calibration.panelists[k];
        assert_eq!(p["slug"], graph.panelists[k].slug.as_str());
        assert_eq!(p["votes"], c.votes);
        assert_eq!(p["agreement"].as_f64(), c.agreement(), "{}", p["slug"]);
        assert_eq!(p["offset"].as_f64(), c.offset(), "{}", p["slug"]);
        assert_eq!(p["url"], format!("https://example.com/reviews/panelists/{}/", graph.panelists[k].slug));
    }
    assert!(panelists.iter().any(|p| p["votes"].as_u64() > Some(0)), "the sample has votes");
    let cells = export["calibration"]["cells"].as_array().unwrap();
    assert_eq!(cells.len(), graph.calibration.cells.len());
    for (cell, c) in cells.iter().zip(&graph.calibration.cells) {
        assert_eq!(cell["principle"], graph.config.principles[c.principle].name.as_str());
        assert_eq!(cell["interviews"], c.interviews.len());
        for (k, v) in roundtable::content::Verdict::ALL.iter().enumerate() {
            assert_eq!(cell["verdicts"][v.key()], c.verdicts[k], "{} {}", cell["principle"], v.key());
        }
        assert_eq!(cell["split"].as_array().unwrap().len(), c.split.len());
        assert_eq!(cell["against_votes"].as_array().unwrap().len(), c.against.len());
    }
    let iv = &export["interviews"][0];
    assert_eq!(iv["url"], format!("https://example.com/reviews/interviews/{}/", graph.interviews[0].slug));
    assert_eq!(export["interviews"].as_array().unwrap().len(), graph.interviews.len());
}

#[test]
fn the_csv_export_has_the_design_header_and_a_row_per_interview_and_panelist() {
    let site = sample();
    let out = site.run(&["export", "--format", "csv"]).success();
    let mut reader = csv::Reader::from_reader(out.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header.join(","),
        "slug,date,title,principles,role,level,verdict,panelist,panelist_role,vote,hire_reason,concern"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let export = export_json(&site);
    let seats: usize = export["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .map(|iv| iv["panelists"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows.len(), seats);
    let multi = rows.iter().find(|r| r[3].contains("; ")).expect("an interview with two principles");
    assert!(!multi[3].starts_with(' ') && !multi[3].ends_with(' '));
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let site = sample();
    site.run(&["export", "--profile", "nope"])
        .code(2)
        .stderr_has("error: --profile: unknown profile \"nope\": site.toml declares public");
}

#[test]
fn a_closed_stdout_does_not_fail_the_export() {
    use std::process::{Command, Stdio};
    let site = sample();
    let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["export", "--root", site.root().to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_file_that_cannot_be_read_or_written_is_named() {
    let site = empty_site();
    let missing = site.path("in/nope.json");
    let out = site
        .run(&["import", missing.to_str().unwrap(), site.path("in/also-missing.jsonl").to_str().unwrap()])
        .code(1);
    out.stderr_has("nope.json: cannot read: ").stderr_has("also-missing.jsonl: cannot read: ");
    assert_eq!(out.diagnostics("error").len(), 2, "both files are named: {}", out.stderr);
    let unwritable = site.path("no/such/folder/kb.json");
    site.run(&["export", "--output", unwritable.to_str().unwrap()])
        .code(1)
        .stderr_has("no/such/folder/kb.json");
}
