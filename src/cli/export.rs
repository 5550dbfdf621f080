//! `site export [--format json|csv] [--output FILE] [--profile NAME]`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Failure;
use crate::diagnostic::Error;
use crate::export::{self, Format};
use crate::pipeline::{self, Options};
use crate::report::{self, tell};
use crate::wording::counted;

/// The formats, as the flag names them.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// The whole knowledge base: site, principles, panelists, interviews, calibration.
    Json,
    /// One row per interview × panelist.
    Csv,
}

/// Write the whole knowledge base as data (to stdout without --output).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: ExportFormat,
    /// The file to write; default: stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// A build profile of site.toml to apply (as `site build --profile`).
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
}

/// Runs `site export`.
pub fn run(args: Args, root: &Path) -> Result<(), Failure> {
    super::known_profile(root, args.profile.as_deref())?;
    // The export is made from the graph, so it holds only what the profile publishes.
    let opts =
        Options { root: root.to_path_buf(), keep_sources: true, profile: args.profile, ..Options::default() };
    let prepared = pipeline::prepare(&opts)?;
    report::summarised(&prepared.warnings);
    let format = match args.format {
        ExportFormat::Json => Format::Json,
        ExportFormat::Csv => Format::Csv,
    };
    let site = &prepared.site;
    match &args.output {
        Some(file) => {
            let f = std::fs::File::create(file).map_err(|e| Error::io(file, e))?;
            export::write(site, format, f).map_err(|e| Error::io(file, e))?;
            tell!("Exported {} to {}", counted(site.interviews.len(), "interview"), file.display());
        }
        None => {
            let stdout = std::io::stdout();
            let result = export::write(site, format, stdout.lock()).and_then(|()| stdout.lock().flush());
            match result {
                // A reader that stopped early (`site export | head`) is not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.map_err(|e| Error::io("<stdout>", e))?,
            }
        }
    }
    Ok(())
}
