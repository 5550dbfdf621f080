//! Data loss through the output folder: `--output` is judged by the path it really
//! resolves to; only an empty folder or one of our own builds (it carries the
//! `.roundtable-build` marker) is ever replaced; symlinked outputs are written
//! through; write errors name the source or the output, never a staging path.

mod common;

use common::{assert_same_tree, run_in, Site};

/// Runs `site build --output <out>` from the site root, so relative paths are
/// taken as a user in that folder would type them.
fn build_into(site: &Site, out: &str) -> common::Run {
    run_in(site.root(), &["build", "--output", out])
}

#[test]
fn dot_dots_through_missing_folders_never_replace_content() {
    let site = Site::fixture("basic");
    let sources = site.tree("");
    for _ in 0..2 {
        let run = build_into(&site, "content/tmp/../../content");
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.stderr_has("content/ folder");
    }
    assert_same_tree(&site.tree(""), &sources, "`--output content/tmp/../../content` touched the sources");
    assert!(!site.path("content/tmp").exists(), "nothing is created before the check");
}

#[test]
fn output_under_a_missing_folder_in_content_is_refused_before_creating_it() {
    let site = Site::fixture("basic");
    build_into(&site, "content/new/out").code(1).stderr_has("content/ folder");
    assert!(!site.path("content/new").exists());
    build_into(&site, "./static/../content/x").code(1);
}

#[cfg(unix)]
#[test]
fn a_symlink_to_the_sources_is_judged_by_its_target() {
    let site = Site::fixture("basic");
    let sources = site.tree("content");
    std::os::unix::fs::symlink(site.path("content"), site.path("web")).unwrap();
    build_into(&site, "web").code(1).stderr_has("content/ folder");
    build_into(&site, "web/out").code(1).stderr_has("content/ folder");
    std::os::unix::fs::symlink(site.root(), site.path("up")).unwrap();
    build_into(&site, "up").code(1).stderr_has("holds the site itself");
    assert_same_tree(&site.tree("content"), &sources, "a symlinked output replaced content/");
}

#[test]
fn a_regular_file_as_output_is_refused_not_replaced() {
    let site = Site::fixture("basic");
    let before = site.read("site.toml");
    build_into(&site, "site.toml").code(1).stderr_has("is a file, not a folder");
    assert_eq!(site.read("site.toml"), before);
}

#[test]
fn a_folder_with_an_index_html_but_no_marker_is_not_wiped() {
    let site = Site::fixture("basic");
    let other = tempfile::tempdir().unwrap();
    let dest = other.path().join("notes");
    std::fs::create_dir_all(dest.join(".git")).unwrap();
    std::fs::write(dest.join("index.html"), "my own page").unwrap();
    std::fs::write(dest.join("todo.md"), "keep me").unwrap();
    let before = common::tree(&dest);
    let run = site.run(&["build", "--output", dest.to_str().unwrap()]);
    run.code(1).stderr_has("holds no build of `site build`");
    assert_eq!(common::tree(&dest), before, "a folder that is not ours was touched");
}

#[test]
fn our_own_build_carries_the_marker_and_is_replaced() {
    let site = Site::fixture("basic");
    site.build();
    assert!(site.has_out(".roundtable-build"), "every build is marked");
    site.write("public/stale.txt", "from an older build");
    site.build();
    assert!(!site.has_out("stale.txt"), "a marked build is replaced whole");
    // An empty folder is fine too.
    let empty = tempfile::tempdir().unwrap();
    site.run(&["build", "--output", empty.path().to_str().unwrap()]).success();
    assert!(empty.path().join("index.html").is_file());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_is_written_through_and_stays_a_link() {
    let site = Site::fixture("basic");
    let web = tempfile::tempdir().unwrap();
    let web_root = web.path().join("html");
    std::fs::create_dir(&web_root).unwrap();
    std::os::unix::fs::symlink(&web_root, site.path("public")).unwrap();
    site.build();
    site.write("public/stale.txt", "x");
    site.build();
    let meta = std::fs::symlink_metadata(site.path("public")).unwrap();
    assert!(meta.file_type().is_symlink(), "the link was replaced by a folder");
    assert!(web_root.join("index.html").is_file());
    assert!(!web_root.join("stale.txt").exists());
    let names: Vec<String> = std::fs::read_dir(web.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["html".to_string()], "no work folders beside the web root");
}

#[test]
fn a_static_folder_named_like_a_page_is_an_error_naming_it() {
    let site = Site::fixture("basic");
    site.write("static/index.html/style.css", "body {}");
    let run = site.run(&["build"]).code(1);
    run.stderr_has("static/index.html/style.css").stderr_has("is a file of the site");
    assert!(!run.stderr.contains("staging"), "{}", run.stderr);
}

#[test]
fn a_name_too_long_names_the_output_not_a_staging_path() {
    let site = Site::fixture("basic");
    let other = tempfile::tempdir().unwrap();
    let dest = other.path().join("x".repeat(300));
    let run = site.run(&["build", "--output", dest.to_str().unwrap()]);
    let run = run.code(1);
    run.stderr_has("too long");
    assert!(!run.stderr.contains("staging"), "{}", run.stderr);
}
