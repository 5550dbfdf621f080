//! `site completions <shell>` and the hidden `site man`: both from the clap
//! definition of the command line, so they never drift from it.

use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, Failure};
use crate::diagnostic::Error;

/// Print a shell completion script.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Install, e.g.:\n  bash: site completions bash > ~/.local/share/bash-completion/completions/site\n  zsh:  site completions zsh > ~/.zfunc/_site   (with fpath+=~/.zfunc)\n  fish: site completions fish > ~/.config/fish/completions/site.fish"
)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Write the man pages.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write site.1 and a page per subcommand (site-build.1, ...) into DIR;
    /// without it, site.1 goes to stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Runs `site completions`.
pub fn completions(args: CompletionsArgs) -> Result<(), Failure> {
    // Into memory first: clap_complete panics on a failed write (`| head`).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "site", &mut script);
    crate::report::raw(&script).map_err(|e| Error::io("<stdout>", e))?;
    Ok(())
}

/// Runs `site man`.
pub fn man(args: ManArgs) -> Result<(), Failure> {
    let cmd = Cli::command();
    match args.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            clap_mangen::generate_to(cmd, &dir).map_err(|e| Error::io(&dir, e))?;
            crate::report::say!("Wrote the man pages into {}", dir.display());
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut page).map_err(|e| Error::io("<stdout>", e))?;
            crate::report::raw(&page).map_err(|e| Error::io("<stdout>", e))?;
        }
    }
    Ok(())
}
