//! Disclosure: what a build publishes. Symbolic links out of the site are errors
//! naming the link (never followed); FIFOs, sockets and devices are skipped with a
//! warning and never opened, so nothing hangs; text the author commented out,
//! `<script>`/`<style>` contents and words run together never reach summaries,
//! feeds or the search index. See docs/safety.md.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

const SECRET: &str = "SECRET-salary-notes-4f1c";

/// The basic fixture with a secret file in a folder beside (outside) the site.
fn site_with_outside() -> (Site, tempfile::TempDir) {
    let site = Site::fixture("basic");
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), SECRET).unwrap();
    std::fs::create_dir(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/inner.txt"), SECRET).unwrap();
    (site, outside)
}

/// Every published file's text, to look for a leaked string.
fn published(site: &Site, dir: &str) -> String {
    site.tree(dir).values().map(|b| String::from_utf8_lossy(b).into_owned()).collect::<Vec<_>>().join("\n")
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_site_are_errors_naming_the_link() {
    use std::os::unix::fs::symlink;
    let (site, outside) = site_with_outside();
    let interview = site.path("content/2026/pm/checkout-latency");
    symlink(outside.path().join("secret.txt"), interview.join("leak.txt")).unwrap();
    symlink(outside.path().join("dir"), interview.join("leakdir")).unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    symlink(outside.path().join("secret.txt"), site.path("static/leak.css")).unwrap();
    std::fs::create_dir_all(site.path("templates")).unwrap();
    symlink(outside.path().join("dir"), site.path("templates/partials")).unwrap();
    for cmd in ["build", "check"] {
        let run = site.run(&[cmd]).code(1);
        for link in [
            "content/2026/pm/checkout-latency/leak.txt",
            "content/2026/pm/checkout-latency/leakdir",
            "static/leak.css",
            "templates/partials",
        ] {
            run.stderr_has(link);
        }
        run.stderr_has("outside the site folder");
    }
    assert!(!site.path("public").exists(), "nothing is published");
    // A link that stays inside the site is followed as before.
    for link in ["leak.txt", "leakdir"] {
        std::fs::remove_file(interview.join(link)).unwrap();
    }
    std::fs::remove_file(site.path("static/leak.css")).unwrap();
    std::fs::remove_file(site.path("templates/partials")).unwrap();
    site.write("content/shared/diagram.txt", "shared");
    symlink(site.path("content/shared/diagram.txt"), interview.join("shared.txt")).unwrap();
    site.build();
    assert_eq!(site.out("interviews/checkout-latency/shared.txt"), "shared");
    assert!(!published(&site, "public").contains(SECRET));
}

#[cfg(unix)]
#[test]
fn a_content_folder_that_is_a_link_out_of_the_site_is_an_error_naming_it() {
    use std::os::unix::fs::symlink;
    let (site, outside) = site_with_outside();
    // The whole content/ moved out of the site and linked back in.
    let moved = outside.path().join("content");
    std::fs::rename(site.path("content"), &moved).unwrap();
    std::fs::write(moved.join("2026/pm/checkout-latency/secret.txt"), SECRET).unwrap();
    symlink(&moved, site.path("content")).unwrap();
    for cmd in ["build", "check"] {
        site.run(&[cmd]).code(1).stderr_has("content").stderr_has("outside the site folder");
    }
    assert!(!site.path("public").exists(), "nothing is published");
}

/// Runs `site <args> --root <root>`, failing the test when it takes a minute.
fn run_bounded(site: &Site, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("`site {}` hangs on a special file", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn special_files_are_skipped_with_a_warning_and_never_hang() {
    let site = Site::fixture("basic");
    let mkfifo = |rel: &str| {
        let path = site.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        assert!(Command::new("mkfifo").arg(&path).status().unwrap().success());
    };
    mkfifo("content/2026/pm/checkout-latency/pipe.png");
    mkfifo("content/2025/fifo-interview/index.md");
    mkfifo("static/pipe.css");
    for cmd in [&["build"][..], &["check"]] {
        let (code, err) = run_bounded(&site, cmd);
        assert_eq!(code, 0, "{err}");
        for f in [
            "content/2026/pm/checkout-latency/pipe.png",
            "content/2025/fifo-interview/index.md",
            "static/pipe.css",
        ] {
            assert!(err.contains(f) && err.contains("FIFO"), "no warning for {f}:\n{err}");
        }
    }
    assert!(!site.has_out("interviews/checkout-latency/pipe.png"));
    assert!(!site.has_out("pipe.css"));
    // site.toml itself as a FIFO is an error, not a wait.
    site.remove("site.toml");
    mkfifo("site.toml");
    let (code, err) = run_bounded(&site, &["build"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("site.toml is a FIFO"), "{err}");
}

/// One interview with `body` (no summary: the intro makes the excerpt).
fn interview_site(body: &str) -> Site {
    Site::one_interview("Hidden", body)
}

#[test]
fn commented_out_text_is_never_published_and_starts_no_section() {
    let body = "Intro words.\n\n<!--\n## Consensus\nCOMMENTED-consensus\n\n### Ana Lima\nCOMMENTED-turn\n-->\n\n\
                Inline <!-- COMMENTED-inline --> end.\n\n## Roundtable\n\n### Ana Lima\nSpoken.\n\n## Consensus\n\nAgreed.\n";
    let site = interview_site(body);
    site.build();
    let all = published(&site, "public");
    assert!(!all.contains("COMMENTED"), "commented-out text was published");
    let page = site.out("interviews/x/index.html");
    assert!(common::main_of(&page).contains("Agreed."), "the real consensus is the one shown");
    assert_eq!(page.matches("Spoken.").count(), 1);
}

#[test]
fn summaries_and_search_carry_no_script_style_or_run_together_words() {
    let body = "- oneitem\n- twoitem\n\n|cellone|celltwo|\n|-|-|\n|a|b|\n\n> quoted\n\nfirstline<br>secondline \
                <script>SCRIPT-secret()</script>\n\n<style>.STYLE-secret{}</style>\n\n## Roundtable\n\n### Ana Lima\nHi.\n\n\
                ## Consensus\n\nDone.\n";
    let site = interview_site(body);
    site.build();
    let page = site.out("interviews/x/index.html");
    let meta = page.split("<meta name=\"description\" content=\"").nth(1).and_then(|m| m.split('"').next());
    let meta = meta.expect("a meta description");
    assert!(meta.starts_with("oneitem twoitem cellone celltwo a b quoted firstline secondline"), "{meta}");
    let atom = site.out("atom.xml");
    let mut index = String::new();
    for (path, bytes) in site.tree("public") {
        if path.contains("search") {
            index.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    assert!(!index.is_empty(), "no search index found");
    for text in [meta, atom.as_str(), index.as_str()] {
        for bad in
            ["SCRIPT-secret", "STYLE-secret", "oneitemtwoitem", "firstlinesecondline", "cellonecelltwo"]
        {
            assert!(!text.to_lowercase().contains(&bad.to_lowercase()), "{bad} in {text:.300}");
        }
    }
}
