//! Every error case of DESIGN §7: exit code 1, the file, line (and column) and a
//! hint on stderr, and the previous good build left byte for byte as it was.
//! Warnings are reported without failing the build.

mod common;

use std::collections::BTreeMap;

use common::{assert_same_tree, Run, Site};

const CHECKOUT: &str = "content/2026/pm/checkout-latency/index.md";
const QUEUE: &str = "content/2025/queue-backpressure/index.md";
const CAFE: &str = "content/café-crème/index.md";

/// The basic fixture, built once; returns it with its output.
fn good_build() -> (Site, BTreeMap<String, Vec<u8>>) {
    let site = Site::fixture("basic");
    site.build();
    let output = site.tree("public");
    assert!(output.contains_key("interviews/checkout-latency/index.html"));
    (site, output)
}

/// Builds again, expecting failure: exit 1, a hint, and the old output untouched.
fn failed_build(site: &Site, before: &BTreeMap<String, Vec<u8>>) -> Run {
    let top = site.top_level();
    let run = site.run(&["build"]).code(1);
    run.stderr_has("hint: ").stderr_has("nothing was written");
    assert!(run.stdout.is_empty(), "no summary on failure: {}", run.stdout);
    assert_same_tree(&site.tree("public"), before, "a failed build changed public/");
    assert_eq!(site.top_level(), top, "a failed build left files beside public/");
    run
}

/// The 1-based line of the first line of `rel` containing `needle`.
fn line_of(site: &Site, rel: &str, needle: &str) -> usize {
    site.read(rel)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {rel}"))
        + 1
}

#[test]
fn malformed_toml_points_at_the_line_in_the_file() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "role = \"Product Manager\"", "role = Product Manager");
    // Line 4 of the TOML is line 5 of the file (after the opening `+++`).
    assert_eq!(line_of(&site, CHECKOUT, "role = Product Manager"), 5);
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {CHECKOUT}:5:8: invalid TOML"));
    run.stderr_has("hint: check the TOML syntax");
    assert_eq!(run.diagnostics("error").len(), 1, "{}", run.stderr);
}

#[test]
fn missing_required_field_points_at_the_front_matter() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "verdict = \"lean-hire\"\n", "");
    let run = failed_build(&site, &before);
    // The key is missing from the whole front matter: point at its opening `+++`.
    run.stderr_has(&format!("error: {CHECKOUT}:1: missing key `verdict`"));
    run.stderr_has("hint: add the missing key");
}

#[test]
fn missing_panelist_field_points_at_its_table() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "role = \"Bar Raiser & Mentor\"\n", "");
    let table = line_of(&site, CHECKOUT, "name = \"Ben Okafor\"") - 1;
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {CHECKOUT}:{table}:1: missing key `role`"));
    run.stderr_has("hint: add the missing key");
}

#[test]
fn date_that_is_a_string_is_a_type_error() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "date = 2026-03-10", "date = \"yesterday\"");
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {CHECKOUT}:3:8: invalid type: string \"yesterday\""));
    run.stderr_has("hint: check the value's type");
}

#[test]
fn principles_as_a_string_is_a_type_error() {
    let (site, before) = good_build();
    site.edit(QUEUE, "principles = [\"Dive Deep\", \"Ownership\"]", "principles = \"Dive Deep\"");
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {QUEUE}:4:14: invalid type: string \"Dive Deep\", expected a sequence"));
    run.stderr_has("lists use [ ]");
}

#[test]
fn unknown_verdict_lists_the_six_verdicts() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "verdict = \"lean-hire\"", "verdict = \"maybe\"");
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {CHECKOUT}:8:11: unknown verdict \"maybe\""));
    let hint = run.stderr.lines().find(|l| l.trim_start().starts_with("hint:")).unwrap();
    for verdict in ["strong-hire", "hire", "lean-hire", "lean-no-hire", "no-hire", "strong-no-hire"] {
        assert!(hint.split([' ', ',']).any(|w| w == verdict), "{verdict} not in {hint:?}");
    }
}

#[test]
fn unknown_principle_suggests_the_closest() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "principles = [\"Dive Deep\",", "principles = [\"Dive Deap\",");
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {CHECKOUT}:4:15: unknown principle \"Dive Deap\""));
    run.stderr_has("hint: did you mean \"Dive Deep\"?");
}

#[test]
fn undeclared_speaker_points_at_its_heading() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "### Ben Okafor", "### Zed Unknown");
    let line = line_of(&site, CHECKOUT, "### Zed Unknown");
    let run = failed_build(&site, &before);
    run.stderr_has(&format!(
        "error: {CHECKOUT}:{line}:5: roundtable speaker \"Zed Unknown\" is not a declared panelist"
    ));
    run.stderr_has("hint: declared panelists: Ana Lima, Ben Okafor");
}

#[test]
fn duplicate_slug_names_both_folders() {
    let (site, before) = good_build();
    // Same folder name under another year: both would be /interviews/checkout-latency/.
    site.write("content/2024/checkout-latency/index.md", &site.read(QUEUE));
    let run = failed_build(&site, &before);
    run.stderr_has("duplicate slug \"checkout-latency\"");
    run.stderr_has("content/2024/checkout-latency/").stderr_has("content/2026/pm/checkout-latency/");
    run.stderr_has("hint: set a different `slug");
    assert_eq!(run.diagnostics("error").len(), 1, "{}", run.stderr);
}

#[test]
fn unknown_site_toml_key_is_named() {
    let (site, before) = good_build();
    site.edit("site.toml", "base_url =", "base_ulr =");
    let run = failed_build(&site, &before);
    run.stderr_has("error: site.toml:2:1: unknown key `base_ulr`");
    run.stderr_has("hint: did you mean `base_url`?");
}

#[test]
fn missing_theme_is_named_with_its_line() {
    let (site, before) = good_build();
    site.write("site.toml", &format!("{}theme = \"nope\"\n", site.read("site.toml")));
    let line = line_of(&site, "site.toml", "theme = \"nope\"");
    let run = failed_build(&site, &before);
    run.stderr_has("theme \"nope\" not found");
    run.stderr_has("hint: create the theme folder");
    run.stderr_has(&format!("error: site.toml:{line}:"));
}

#[test]
fn template_syntax_error_names_the_override_and_line() {
    let (site, before) = good_build();
    site.write(
        "templates/interview.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ interview.title </h1>\n{% endblock content %}\n",
    );
    let run = failed_build(&site, &before);
    // Column 24 is where `</` starts: the tag was never closed.
    run.stderr_has("error: templates/interview.html:3:24: template error");
    run.stderr_has("hint: fix the template syntax");
    assert_eq!(run.diagnostics("error").len(), 1, "{}", run.stderr);
}

#[test]
fn template_render_error_names_the_template() {
    let (site, before) = good_build();
    site.write(
        "templates/interview.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ interview.title }}</h1>\n<p>{{ no_such_variable }}</p>\n{% endblock content %}\n",
    );
    let run = failed_build(&site, &before);
    // Line 4, column 7: where the undefined name starts.
    run.stderr_has("error: templates/interview.html:4:7: template error");
    run.stderr_has("`no_such_variable` is not defined");
    run.stderr_has("hint: check the variable names");
}

#[test]
fn a_template_error_on_many_pages_is_reported_once() {
    let (site, before) = good_build();
    site.write("templates/interview.html", "{{ no_such_variable }}\n");
    let run = failed_build(&site, &before);
    // Three interview pages fail the same way: one error, not three.
    assert_eq!(run.diagnostics("error").len(), 1, "{}", run.stderr);
    run.stderr_has("1 error, 0 warnings");
}

#[test]
fn non_utf8_content_file_points_at_the_bad_byte() {
    let (site, before) = good_build();
    let text = site.read(CHECKOUT);
    let line = line_of(&site, CHECKOUT, "Good depth");
    let mut bytes = text.clone().into_bytes();
    bytes.insert(text.find("Good depth").unwrap() + "Good ".len(), 0xFF);
    site.write_bytes(CHECKOUT, &bytes);
    let run = failed_build(&site, &before);
    run.stderr_has(&format!("error: {CHECKOUT}:{line}:6: file is not valid UTF-8"));
    run.stderr_has("hint: save the file as UTF-8");
}

#[test]
fn errors_in_several_files_are_reported_together() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "verdict = \"lean-hire\"", "verdict = \"maybe\"");
    site.edit(QUEUE, "\"Ownership\"]", "\"Ownrship\"]");
    site.edit(CAFE, "### Carla Mendes", "### Carla Mendez");
    site.write("templates/principle.html", "{% if %}\n");
    let run = failed_build(&site, &before);
    let errors = run.diagnostics("error");
    assert_eq!(errors.len(), 4, "{}", run.stderr);
    run.stderr_has("4 errors, ");
    for file in [CHECKOUT, QUEUE, CAFE, "templates/principle.html"] {
        assert_eq!(
            errors.iter().filter(|l| l.starts_with(&format!("error: {file}:"))).count(),
            1,
            "one error in {file}:\n{}",
            run.stderr
        );
    }
    run.stderr_has("did you mean \"Ownership\"?");
}

#[test]
fn errors_in_one_file_are_reported_together() {
    let (site, before) = good_build();
    site.edit(CHECKOUT, "verdict = \"lean-hire\"", "verdict = \"maybe\"");
    site.edit(CHECKOUT, "principles = [\"Dive Deep\",", "principles = [\"Dive Deap\",");
    site.edit(CHECKOUT, "### Ben Okafor", "### Zed Unknown");
    let run = failed_build(&site, &before);
    assert_eq!(run.diagnostics("error").len(), 3, "{}", run.stderr);
    // Sorted top to bottom.
    let prefix = format!("error: {CHECKOUT}:");
    let lines: Vec<usize> = run
        .diagnostics("error")
        .iter()
        .map(|l| l.strip_prefix(&prefix).unwrap().split(':').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(lines, vec![4, 8, line_of(&site, CHECKOUT, "### Zed Unknown")]);
}

#[test]
fn panelist_who_never_speaks_is_a_warning() {
    let site = Site::fixture("basic");
    site.edit(QUEUE, "### Carla Mendes\nThey measured queue depth first.\n\n", "");
    let line = line_of(&site, QUEUE, "name = \"Carla Mendes\"");
    let run = site.run(&["build"]).success();
    run.stderr_has(&format!(
        "warning: {QUEUE}:{line}:8: panelist \"Carla Mendes\" never speaks in the roundtable"
    ));
    run.stderr_has("hint: add a `### Carla Mendes` turn");
    run.stderr_has("0 errors, 1 warning\n");
    assert!(run.diagnostics("error").is_empty());
    assert!(site.has_out("interviews/queue-backpressure/index.html"));
    run.stdout_has("Built ");
}

#[test]
fn interview_without_roundtable_or_consensus_is_a_warning() {
    let site = Site::fixture("basic");
    let text = site.read(CAFE);
    let front_matter_end = text.rfind("+++\n").unwrap() + 4;
    site.write(CAFE, &format!("{}\nJust notes, no panel discussion yet.\n", &text[..front_matter_end]));
    let run = site.run(&["build"]).success();
    run.stderr_has(&format!("warning: {CAFE}: no `## Roundtable` section"));
    run.stderr_has(&format!("warning: {CAFE}: no `## Consensus` section"));
    assert!(run.diagnostics("error").is_empty());
    assert!(site.out("interviews/cafe-creme/index.html").contains("Just notes, no panel discussion yet."));
}
