//! The reporting layer: every error of a run is reported together (site.toml's
//! with the content's), and a closed or broken stdout or stderr never turns an
//! exit code of 0, 1 or 2 into a panic (101).

mod common;

use std::io::Read;
use std::process::{Command, Stdio};

use common::Site;

const SITE_TOML: &str = "title = \"Reporting Fixture\"\nbase_url = \"https://example.com/kb\"\n\n[[principles]]\nname = \"Sharp Questions\"\ndescription = \"Asks what matters.\"\n";

fn interview(verdict: &str) -> String {
    format!(
        "+++\ntitle = \"Queue Backpressure\"\ndate = 2026-03-01\nprinciples = [\"Sharp Questions\"]\nrole = \"Software Engineer\"\nlevel = \"L5\"\nverdict = \"{verdict}\"\n\n[[panelists]]\nname = \"Ana Lima\"\nrole = \"Engineering Manager\"\n+++\n\nThe question.\n\n## Roundtable\n\n### Ana Lima\nA turn.\n\n## Consensus\n\nHire.\n"
    )
}

fn site(site_toml: &str, verdict: &str) -> Site {
    Site::from_files(&[("site.toml", site_toml), ("content/queue/index.md", &interview(verdict))])
}

#[test]
fn a_site_toml_error_does_not_hide_the_content_errors() {
    let s = site(&SITE_TOML.replace("Reporting Fixture", ""), "maybe");
    for command in ["build", "check"] {
        let run = s.run(&[command]).code(1);
        run.stderr_has("error: site.toml:1: `title` is empty");
        run.stderr_has("error: content/queue/index.md:7");
        assert_eq!(run.diagnostics("error").len(), 2, "`site {command}`:\n{}", run.stderr);
    }
    assert!(!s.path("public").exists(), "a run with errors writes nothing");
}

#[test]
fn a_site_toml_syntax_error_keeps_the_principles_declared_below_it() {
    // The broken line comes before the catalogue: the interview's principle must
    // still be known, so the only other error is the interview's own.
    let broken = SITE_TOML.replace("base_url = ", "base_url = = ");
    let s = site(&broken, "maybe");
    let run = s.run(&["check"]).code(1);
    run.stderr_has("error: site.toml:2:");
    run.stderr_has("error: content/queue/index.md:7");
    assert!(!run.stderr.contains("unknown principle"), "{}", run.stderr);
    assert_eq!(run.diagnostics("error").len(), 2, "{}", run.stderr);
    // With the content right, site.toml's error alone is reported.
    let s = site(&broken, "hire");
    let run = s.run(&["build"]).code(1);
    assert_eq!(run.diagnostics("error").len(), 1, "{}", run.stderr);
}

/// Runs `site <args>` with stdout or stderr closed by the reader before the
/// command writes anything, and returns the exit code.
fn exit_code_with_closed(stream: &str, s: &Site, args: &[&str]) -> i32 {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_site"));
    cmd.args(args).arg("--root").arg(s.root()).stdin(Stdio::null());
    match stream {
        "stdout" => cmd.stdout(Stdio::piped()).stderr(Stdio::null()),
        _ => cmd.stdout(Stdio::null()).stderr(Stdio::piped()),
    };
    let mut child = cmd.spawn().expect("run the site binary");
    // Dropping the read end makes every write a broken pipe (EPIPE).
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().expect("wait for site");
    status.code().expect("an exit code, not a signal")
}

#[test]
fn a_closed_stdout_or_stderr_is_an_exit_code_never_a_panic() {
    let good = site(SITE_TOML, "hire");
    let bad = site(SITE_TOML, "maybe");
    for stream in ["stdout", "stderr"] {
        assert_eq!(exit_code_with_closed(stream, &good, &["build"]), 0, "build, {stream} closed");
        assert_eq!(exit_code_with_closed(stream, &good, &["check"]), 0, "check, {stream} closed");
        assert_eq!(exit_code_with_closed(stream, &bad, &["build"]), 1, "failing build, {stream} closed");
        assert_eq!(exit_code_with_closed(stream, &bad, &["check"]), 1, "failing check, {stream} closed");
        assert_eq!(
            exit_code_with_closed(stream, &good, &["completions", "bash"]),
            0,
            "completions, {stream}"
        );
        assert_eq!(exit_code_with_closed(stream, &good, &["man"]), 0, "man, {stream} closed");
        assert_eq!(exit_code_with_closed(stream, &good, &["build", "--no-such-flag"]), 2, "usage, {stream}");
    }
}

#[test]
fn a_closed_stderr_file_descriptor_is_not_a_panic() {
    // `site check 2>&-`: no stderr at all, not even a pipe.
    let bad = site(SITE_TOML, "maybe");
    let root = bad.root().to_str().expect("UTF-8 temp path");
    let script = format!("exec \"$0\" check --root '{root}' 2>&- >&-");
    let mut child = Command::new("sh")
        .args(["-c", &script, env!("CARGO_BIN_EXE_site")])
        .stdout(Stdio::piped())
        .spawn()
        .expect("run sh");
    let mut ignored = String::new();
    let _ = child.stdout.take().map(|mut o| o.read_to_string(&mut ignored));
    assert_eq!(child.wait().unwrap().code(), Some(1), "check with closed stdout and stderr");
}
