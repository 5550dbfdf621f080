//! `site import FILE... [--format json|jsonl|text] [--into DIR] [--dry-run]`, and
//! for the plain-text page `--date --role [--level] --verdict`.

use std::path::{Path, PathBuf};

use super::Failure;
use crate::config::Config;
use crate::content::{did_you_mean, Verdict};
use crate::diagnostic::Diagnostic;
use crate::import::{self, Format, TextDefaults};
use crate::report::{self, say};
use crate::wording::counted;

/// The formats, as the flag names them.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ImportFormat {
    /// One record, an array of records, or a `site export` file.
    Json,
    /// One record per line.
    Jsonl,
    /// The plain-text form of a panel-review page.
    Text,
}

/// Turn records into interview folders under content/ (or --into), one folder per
/// record named by its slug. Nothing is written unless every record is valid, and
/// no folder is ever overwritten.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The files to import.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Their format; default: each file's extension (.json, .jsonl, .txt).
    #[arg(long, value_enum)]
    pub format: Option<ImportFormat>,
    /// Where the folders go, relative to the site root (inside content/).
    #[arg(long, value_name = "DIR", default_value = "content")]
    pub into: PathBuf,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// For text: the interview date (YYYY-MM-DD).
    #[arg(long, value_name = "D")]
    pub date: Option<String>,
    /// For text: the candidate's role.
    #[arg(long, value_name = "R")]
    pub role: Option<String>,
    /// For text: the candidate's level.
    #[arg(long, value_name = "L")]
    pub level: Option<String>,
    /// For text: the panel's verdict.
    #[arg(long, value_name = "V")]
    pub verdict: Option<String>,
}

/// Runs `site import`.
pub fn run(args: Args, root: &Path) -> Result<(), Failure> {
    let req = request(&args)?;
    import::check_request(&req).map_err(Failure::Usage)?;
    let config = Config::load(root)?;
    let plan = import::plan(&config, &req)?;
    report::summarised(&plan.warnings);
    let n = plan.folders.len();
    if args.dry_run {
        for p in &plan.folders {
            say!("would write {}:", p.folder.join("index.md").display());
            say!("{}", p.text);
        }
        say!(
            "Dry run: {} would be written into {}/; nothing was written",
            counted(n, "interview"),
            req.into.display()
        );
        return Ok(());
    }
    import::write(&config, &plan)?;
    say!("Imported {} into {}/:", counted(n, "interview"), req.into.display());
    const LISTED: usize = 20;
    for p in plan.folders.iter().take(LISTED) {
        say!("  {}", p.folder.join("index.md").display());
    }
    if n > LISTED {
        say!("  … and {} more", crate::wording::number(n - LISTED));
    }
    Ok(())
}

/// The library's request from the flags; the plain-text flags are checked here
/// (each missing or wrong one named), since only they depend on the format.
fn request(args: &Args) -> Result<import::Request, Failure> {
    let format = args.format.map(|f| match f {
        ImportFormat::Json => Format::Json,
        ImportFormat::Jsonl => Format::Jsonl,
        ImportFormat::Text => Format::Text,
    });
    let any_text = args.files.iter().any(|f| format.or_else(|| Format::of(f)) == Some(Format::Text));
    let text_flags = [
        ("--date", &args.date),
        ("--role", &args.role),
        ("--level", &args.level),
        ("--verdict", &args.verdict),
    ];
    if !any_text {
        if let Some((flag, _)) = text_flags.iter().find(|(_, v)| v.is_some()) {
            return Err(Failure::Usage(
                Diagnostic::error(*flag, format!("{flag} is for plain-text pages only")).with_hint(
                    "JSON records carry their own fields; pass --format text for a plain-text page",
                ),
            ));
        }
    }
    let text = if any_text { Some(text_defaults(args)?) } else { None };
    Ok(import::Request { files: args.files.clone(), format, into: args.into.clone(), text })
}

fn text_defaults(args: &Args) -> Result<TextDefaults, Failure> {
    let missing: Vec<&str> = [("--date", &args.date), ("--role", &args.role), ("--verdict", &args.verdict)]
        .iter()
        .filter(|(_, v)| v.as_deref().is_none_or(|v| v.trim().is_empty()))
        .map(|(flag, _)| *flag)
        .collect();
    if !missing.is_empty() {
        return Err(Failure::Usage(
            Diagnostic::error(missing[0], format!("a plain-text page needs {}", missing.join(", ")))
                .with_hint("the page has no date, candidate role or verdict: e.g. --date 2026-03-14 --role \"Product Manager\" --verdict no-hire"),
        ));
    }
    let date = args.date.clone().unwrap_or_default();
    if import::record::parse_date(&date).is_none() {
        return Err(Failure::Usage(
            Diagnostic::error("--date", format!("{date:?} is not a date"))
                .with_hint("write it as YYYY-MM-DD, e.g. 2026-03-14"),
        ));
    }
    let verdict = args.verdict.clone().unwrap_or_default();
    let Some(v) = Verdict::parse(&verdict) else {
        let hint = match did_you_mean(&verdict, Verdict::ALL.iter().map(|v| v.key())) {
            Some(best) => format!("did you mean {best:?}? (one of: {})", Verdict::allowed()),
            None => format!("use one of: {}", Verdict::allowed()),
        };
        return Err(Failure::Usage(
            Diagnostic::error("--verdict", format!("unknown verdict {verdict:?}")).with_hint(hint),
        ));
    };
    Ok(TextDefaults {
        date,
        role: args.role.clone().unwrap_or_default(),
        level: args.level.clone().filter(|l| !l.trim().is_empty()),
        verdict: v.key().to_string(),
    })
}
