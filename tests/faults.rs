//! Faults survived: a build killed with SIGKILL at any moment leaves the previous
//! output complete and unchanged; an output that cannot be written is a clear
//! error with exit code 1.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Site;

const SITE: &str = "title = \"KB\"\nbase_url = \"https://example.org/kb\"\n";

fn interview(n: usize, title: &str) -> String {
    let turns: String = (0..8)
        .map(|t| {
            format!(
                "### {}\nTurn {t} of interview {n}: {}\n\n",
                if t % 2 == 0 { "Ana Lima" } else { "Ben Okafor" },
                "words ".repeat(60)
            )
        })
        .collect();
    format!(
        "+++\ntitle = \"{title} {n}\"\ndate = 2025-{:02}-{:02}\nprinciples = [\"Dive Deep\", \"Ownership\"]\nrole = \"PM\"\nlevel = \"L{}\"\nverdict = \"hire\"\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"Director\"\nconcern = \"Scope.\"\n\n[[panelists]]\nname = \"Ben Okafor\"\nrole = \"Bar Raiser\"\nhire_reason = \"Depth.\"\n+++\n\nIntro.\n\n## Roundtable\n\n{turns}## Consensus\n\nHire.\n",
        1 + n % 12,
        1 + n % 28,
        4 + n % 4
    )
}

/// A site big enough that a build takes a while to write.
fn site(title: &str) -> Site {
    let s = Site::from_files(&[("site.toml", SITE)]);
    for n in 0..400 {
        s.write(&format!("content/i{n:03}/index.md"), &interview(n, title));
    }
    s
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output_complete_and_unchanged() {
    let s = site("First");
    s.build().success();
    let good = common::tree(&s.path("public"));
    assert!(good.len() > 400);
    // The next build would change every interview page.
    for n in 0..400 {
        s.edit(&format!("content/i{n:03}/index.md"), "title = \"First", "title = \"Second");
    }
    // Time a full build to spread the kills over its whole length.
    let timed = Instant::now();
    s.run(&["build", "--output", s.path("timing").to_str().unwrap()]).success();
    let full = timed.elapsed().max(Duration::from_millis(50));
    let mut survived = 0;
    for k in 0..20u32 {
        let mut child = Command::new(env!("CARGO_BIN_EXE_site"))
            .args(["build", "--root"])
            .arg(s.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Spread over 0..110% of a build, so some kills land after it finished.
        std::thread::sleep(full.mul_f64(f64::from(k) / 18.0));
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        let now = common::tree(&s.path("public"));
        if status.success() {
            // The build won the race: the output is the new one, complete.
            assert_eq!(now.len(), good.len(), "kill {k}: a finished build has every file");
            assert!(String::from_utf8_lossy(&now["interviews/i000/index.html"]).contains("Second 0"));
            // Start again from the old output for the next kill.
            s.run(&["build", "--output", s.path("public").to_str().unwrap()]).success();
        } else {
            let same = now == good
                || (now.len() == good.len()
                    && String::from_utf8_lossy(&now["interviews/i000/index.html"]).contains("Second 0"));
            assert!(
                same,
                "kill {k} after {:?}: the output is neither the old nor the new site",
                full.mul_f64(f64::from(k) / 18.0)
            );
            if now != good {
                // An atomic swap happened just before the kill: the new output, complete.
                for (path, bytes) in &now {
                    assert!(good.contains_key(path), "kill {k}: unexpected {path}");
                    assert!(!bytes.is_empty() || good[path].is_empty(), "kill {k}: empty {path}");
                }
            }
            survived += 1;
        }
        // Put the old output back so every kill starts from the same state.
        for n in 0..400 {
            s.edit(&format!("content/i{n:03}/index.md"), "title = \"Second", "title = \"First");
        }
        s.build().success();
        assert_eq!(common::tree(&s.path("public")), good, "kill {k}: rebuilt the old site");
        for n in 0..400 {
            s.edit(&format!("content/i{n:03}/index.md"), "title = \"First", "title = \"Second");
        }
    }
    assert!(survived >= 10, "only {survived} of 20 kills landed during a build");
    // No staging folders of the killed builds are left after the next build.
    s.build().success();
    assert_eq!(s.top_level(), vec!["content", "public", "site.toml", "timing"]);
}

#[test]
fn an_output_that_cannot_be_written_is_a_clear_error() {
    let s = site("First");
    s.write("blocker", "a file where a folder should be");
    let out = s.path("blocker/public");
    let run = s.run(&["build", "--output", out.to_str().unwrap()]).code(1);
    run.stderr_has("blocker").stderr_has("hint:");
    assert!(run.diagnostics("error").len() == 1, "{}", run.stderr);
}
