//! Property tests over the content parser, the stable-toolchain stand-in for
//! fuzzing: whatever the text of an `index.md`, parsing never panics, and every
//! diagnostic points at a line and column that exist in the file.
//!
//! `PROPTEST_CASES=100000 cargo test --release --test properties` runs a long
//! session; failing inputs are kept in `tests/properties.proptest-regressions`.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use roundtable::config::Config;
use roundtable::content;

fn config() -> Config {
    Config::parse(Path::new("/site"), "title = \"T\"\nbase_url = \"https://example.org/kb\"\n").unwrap()
}

/// A valid interview to mutate.
const SEED: &str = "+++\ntitle = \"T\"\ndate = 2026-01-02\nprinciples = [\"Dive Deep\"]\nrole = \"PM\"\nverdict = \"hire\"\n\n[[panelists]]\nname = \"Ann Lee\"\nrole = \"VP\"\nconcern = \"x\"\n+++\n\nIntro[^1].\n\n## Roundtable\n\n### Ann Lee\nTurn [link](https://x.org) `code`\n\n```\n## not a heading\n```\n\n## Consensus\n\nDone.\n\n[^1]: Note.\n";

/// Pieces that matter to the parser, to splice into the seed.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++".to_string()),
        Just("\n".to_string()),
        Just("## Roundtable\n".to_string()),
        Just("### Ann Lee\n".to_string()),
        Just("### Nobody\n".to_string()),
        Just("## Consensus\n".to_string()),
        Just("```\n".to_string()),
        Just("[^1]".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("verdict = \"maybe\"\n".to_string()),
        Just("date = 2026-13-40\n".to_string()),
        Just("[[panelists]]\n".to_string()),
        Just("\"".to_string()),
        Just("é漢字🙂\u{200f}".to_string()),
        Just("\r\n".to_string()),
        Just("\u{feff}".to_string()),
        "[ -~]{0,12}",
        any::<String>(),
    ]
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let source = Path::new("content/x/index.md");
    let (interview, diagnostics) =
        content::parse(&config(), source, text, PathBuf::from("/site/content/x"), Vec::new(), true);
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &diagnostics {
        prop_assert_eq!(d.file.as_path(), source);
        prop_assert!(!d.message.is_empty());
        prop_assert!(d.hint.as_ref().is_some_and(|h| !h.is_empty()), "no hint: {}", d);
        if let Some(line) = d.line {
            prop_assert!(
                line >= 1 && line <= lines.len(),
                "line {} outside 1..={}: {}",
                line,
                lines.len(),
                d
            );
            if let Some(col) = d.column {
                let width = lines[line - 1].chars().count() + 1;
                prop_assert!(col >= 1 && col <= width, "column {} outside 1..={}: {}", col, width, d);
            }
        }
    }
    if interview.is_some() {
        prop_assert!(diagnostics.iter().all(|d| !d.is_error()), "an interview loaded despite errors");
    }
    Ok(())
}

proptest! {
    // 512 cases each by default; PROPTEST_CASES sets more for a long session.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn spliced_seed_never_panics(cuts in proptest::collection::vec((0usize..400, fragment()), 0..6)) {
        let mut text = SEED.to_string();
        for (at, piece) in cuts {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            text.insert_str(at, &piece);
        }
        check(&text)?;
    }

    #[test]
    fn truncated_seed_never_panics(len in 0usize..SEED.len()) {
        check(&SEED[..len])?;
    }
}

#[test]
fn the_seed_is_valid() {
    let (interview, diagnostics) = content::parse(
        &config(),
        Path::new("content/x/index.md"),
        SEED,
        PathBuf::from("/site/content/x"),
        Vec::new(),
        false,
    );
    assert!(interview.is_some(), "{diagnostics:?}");
}

/// Inputs kept because they once mattered (BOM and CRLF, unclosed or empty front
/// matter, nested fences, Unicode, empty values, hostile links): never a panic, and
/// every diagnostic inside the file.
#[test]
fn kept_inputs_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-inputs");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        check(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        n += 1;
    }
    assert!(n >= 8, "only {n} kept inputs");
}
