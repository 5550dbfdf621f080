//! An edit's work must follow what it touched, not the size of the library:
//! the same edit on a library ten times larger renders the same pages and puts
//! the same files, and a batch touching every folder (a watcher rescan, a `git
//! pull`) stays linear (it used to scan every interview per folder).

use std::path::{Path, PathBuf};

use super::Engine;
use crate::pipeline::Options;

fn interview(n: usize, title: &str) -> String {
    // Six panelists and eight principles shared by all: listings grow with the library.
    let panel = ["Ana Lima", "Ben Okafor", "Carla Mendes", "Dora Quist", "Eli Novak", "Fay Ito"];
    let principles = ["Dive Deep", "Ownership", "Frugality", "Bias for Action"];
    let (a, b) = (panel[n % 6], panel[(n + 1) % 6]);
    format!(
        "+++\ntitle = \"{title}\"\ndate = 2026-01-{:02}\nprinciples = [\"{}\"]\nrole = \"Software Engineer\"\nlevel = \"L5\"\nverdict = \"hire\"\n\n[[panelists]]\nname = \"{a}\"\nrole = \"Engineering Manager\"\n\n[[panelists]]\nname = \"{b}\"\nrole = \"Engineering Manager\"\n+++\n\nThe question.\n\n## Roundtable\n\n### {a}\nA turn.\n\n### {b}\nAnother.\n\n## Consensus\n\nHire.\n",
        n % 28 + 1,
        principles[n % 4],
    )
}

fn site(n: usize) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    std::fs::write(root.join("site.toml"), "title = \"Scale\"\nbase_url = \"https://example.com\"\n")
        .unwrap();
    for i in 0..n {
        let folder = root.join(format!("content/i{i:05}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("index.md"), interview(i, &format!("Interview {i:05}"))).unwrap();
    }
    let mut engine = Engine::new(Options { root, ..Options::default() });
    let first = engine.rebuild_all();
    assert!(!first.diagnostics.has_errors(), "{:?}", first.diagnostics);
    (dir, engine)
}

fn index_of(root: &Path, i: usize) -> PathBuf {
    root.join(format!("content/i{i:05}/index.md"))
}

/// The paths an update changed (none for a full build, which changes all).
fn changed(u: &super::Update) -> Vec<String> {
    match &u.changed {
        super::Changed::Paths(paths) => paths.clone(),
        super::Changed::All => panic!("an edit changed every file"),
    }
}

/// Pages and files changed by a title edit of interview 3.
fn title_edit(n: usize) -> (usize, usize) {
    let (_dir, mut engine) = site(n);
    let path = index_of(engine.root(), 3);
    std::fs::write(&path, interview(3, "Interview 00003, Edited")).unwrap();
    let u = engine.changed(&[path]).expect("an update");
    assert!(!u.diagnostics.has_errors(), "{:?}", u.diagnostics);
    (u.pages, changed(&u).len())
}

#[test]
fn a_title_edit_does_the_same_work_in_a_library_ten_times_larger() {
    // Both large enough that the interview sits past the first page of its listings.
    assert_eq!(title_edit(300), title_edit(1200));
}

#[test]
fn a_batch_touching_every_folder_changes_each_interview_once() {
    let n = 300;
    let (_dir, mut engine) = site(n);
    let root = engine.root().to_path_buf();
    let paths: Vec<PathBuf> = (0..n).map(|i| index_of(&root, i)).chain([root.join("content")]).collect();
    let u = engine.changed(&paths).expect("an update");
    assert!(!u.diagnostics.has_errors(), "{:?}", u.diagnostics);
    // Interview pages, not the archive's (`interviews/index.html`, `interviews/page/<n>/`).
    let paths = changed(&u);
    let interviews = paths.iter().filter(|p| {
        p.starts_with("interviews/")
            && p.ends_with("/index.html")
            && *p != "interviews/index.html"
            && !p.starts_with("interviews/page/")
    });
    assert_eq!(interviews.count(), n, "every interview page once, no more");
}

/// What a rescan (file events lost) finds after a title edit of interview 3, a
/// new interview and one removed (relative to the root).
fn rescan_after_edits(n: usize) -> Vec<PathBuf> {
    let (_dir, mut engine) = site(n);
    let root = engine.root().to_path_buf();
    assert!(engine.rescan().is_empty(), "nothing changed, nothing found");
    let edited = index_of(&root, 3);
    std::fs::write(&edited, interview(3, "Interview 00003, Edited")).unwrap();
    let new = root.join("content/new");
    std::fs::create_dir_all(&new).unwrap();
    std::fs::write(new.join("index.md"), interview(n, "A new one")).unwrap();
    let gone = index_of(&root, 5).parent().unwrap().to_path_buf();
    std::fs::remove_dir_all(&gone).unwrap();
    let mut found = engine.rescan();
    found.sort();
    assert_eq!(found, vec![edited, gone, new]);
    let u = engine.changed(&found).expect("an update");
    assert!(!u.diagnostics.has_errors(), "{:?}", u.diagnostics);
    assert!(engine.rescan().is_empty(), "what was reloaded is known as it is now");
    found.iter().map(|p| p.strip_prefix(&root).unwrap().to_path_buf()).collect()
}

#[test]
fn a_rescan_finds_what_changed_only_in_a_library_ten_times_larger() {
    // Not every folder (as a rescan once made pending): the three that changed.
    assert_eq!(rescan_after_edits(300), rescan_after_edits(1200));
}

#[test]
fn a_title_edit_found_by_a_rescan_does_the_work_its_event_does() {
    let n = 300;
    let (_dir, mut engine) = site(n);
    let path = index_of(engine.root(), 3);
    std::fs::write(&path, interview(3, "Interview 00003, Edited")).unwrap();
    let found = engine.rescan();
    assert_eq!(found, vec![path]);
    let u = engine.changed(&found).expect("an update");
    assert_eq!((u.pages, changed(&u).len()), title_edit(n));
}
