//! Writes the benchmark corpus: N interviews as a Roundtable site and as the
//! equivalent Hugo site.
//!
//! ```text
//! cargo run --release --example corpus -- --count 1000 --out bench/out/corpus-1000 [--seed 1]
//! ```
//!
//! Output: `OUT/roundtable/` (site.toml, content/<yyyy>/<slug>/index.md) and
//! `OUT/hugo/` (hugo.toml, layouts/, content/interviews/<slug>/index.md).

use std::path::PathBuf;
use std::process::ExitCode;

#[allow(dead_code)]
mod gen;

const USAGE: &str = "usage: corpus --count N --out DIR [--seed S]";

fn main() -> ExitCode {
    let mut count: Option<usize> = None;
    let mut out: Option<PathBuf> = None;
    let mut seed = gen::DEFAULT_SEED;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let parsed = match (arg.as_str(), value) {
            ("--count", Some(v)) => v.parse().map(|n| count = Some(n)).is_ok(),
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            _ => false,
        };
        if !parsed {
            eprintln!("error: bad argument `{arg}`\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (Some(count), Some(out)) = (count, out) else {
        eprintln!("error: --count and --out are required\n{USAGE}");
        return ExitCode::from(2);
    };
    match gen::write_corpus(&out, count, seed) {
        Ok(w) => {
            println!(
                "wrote {} interviews (seed {seed}) to {}: {:.1} MiB of Markdown, {}-{} bytes per page",
                w.interviews,
                out.display(),
                w.markdown_bytes as f64 / (1024.0 * 1024.0),
                w.min_page,
                w.max_page
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", out.display());
            ExitCode::from(1)
        }
    }
}
