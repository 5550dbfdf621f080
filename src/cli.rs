//! The command line: parse arguments, run the command, report every diagnostic,
//! and map the outcome to an exit code (0 ok, 1 content or build errors, 2 usage).
//! The newer subcommands have a file each under `cli/`.

mod export;
mod import;
mod init;
mod shell;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::{Diagnostic, Error};
use crate::pipeline::{self, Options, Report};
use crate::report::{self, say, tell};
use crate::wording::counted;

/// Roundtable: a static site generator for interview-review knowledge bases.
#[derive(Debug, Parser)]
#[command(name = "site", version, about)]
pub struct Cli {
    /// The site folder (holds site.toml); default: the current folder, or the
    /// nearest folder above it that holds a site.toml.
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output).
    Build {
        /// Output folder; default: public/ under the site root.
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url from site.toml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Publish drafts too.
        #[arg(long)]
        drafts: bool,
        /// Apply a build profile of site.toml (`[profiles.<name>]`, docs/publishing.md).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
    },
    /// Validate everything and check internal links; write nothing.
    Check {
        /// Check drafts as published pages too.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (content lint included) as errors.
        #[arg(long)]
        strict: bool,
        /// Check what a build profile publishes of site.toml (`[profiles.<name>]`, docs/publishing.md).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
    },
    /// Serve the site locally (base_url becomes the server's address).
    Serve {
        /// Rebuild on every change and live-reload open pages.
        #[arg(long)]
        watch: bool,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Port to listen on; 0 picks a free port.
        #[arg(long, default_value_t = crate::serve::DEFAULT_PORT, value_name = "N")]
        port: u16,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Publish drafts too.
        #[arg(long)]
        drafts: bool,
        /// Preview a build profile of site.toml (`[profiles.<name>]`, docs/publishing.md).
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
    },
    /// Create a new interview folder under content/ (a draft). In a terminal,
    /// asks for whatever the flags leave out.
    New {
        /// The interview's title.
        title: Option<String>,
        /// A principle to tag (repeatable).
        #[arg(long = "principle", short = 'p', value_name = "P")]
        principles: Vec<String>,
        /// The candidate's role.
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// The candidate's level.
        #[arg(long, value_name = "LEVEL")]
        level: Option<String>,
        /// The verdict (strong-hire, hire, lean-hire, lean-no-hire, no-hire, strong-no-hire).
        #[arg(long, value_name = "VERDICT")]
        verdict: Option<String>,
        /// A panelist to declare (repeatable); default: the site's most frequent panel.
        #[arg(long = "panelist", value_name = "NAME")]
        panelists: Vec<String>,
        /// The folder under content/ to create it in, e.g. 2026/pm; default:
        /// content/ (or the folder under content/ that `site new` runs in).
        #[arg(long, value_name = "DIR")]
        path: Option<PathBuf>,
    },
    /// Start a new site in DIR (default: the current folder).
    Init(init::Args),
    /// Turn records (JSON, JSON Lines, plain-text pages) into interview folders.
    Import(import::Args),
    /// Write the whole knowledge base as JSON or CSV.
    Export(export::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(shell::CompletionsArgs),
    /// Write the man page(s).
    #[command(hide = true)]
    Man(shell::ManArgs),
}

/// Why a command failed: how it was called (a usage error, exit 2), or what it
/// found (exit 1).
#[derive(Debug)]
pub enum Failure {
    /// A flag or argument that cannot work; the diagnostic names it.
    Usage(Diagnostic),
    /// Content, configuration or I/O problems.
    Run(Error),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        Failure::Run(e)
    }
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // clap uses 0 for --help and --version, 2 for usage errors.
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    // Without a terminal nobody can be asked for the title: a usage error.
    if let Command::New { title: None, .. } = &cli.command {
        use clap::CommandFactory;
        if !interactive() {
            let _ = Cli::command()
                .error(
                    clap::error::ErrorKind::MissingRequiredArgument,
                    "site new needs a <TITLE> when not run in a terminal",
                )
                .print();
            return ExitCode::from(2);
        }
    }
    let given_root = cli.root.clone();
    let root = given_root.clone().unwrap_or_else(find_root);
    let output = match &cli.command {
        Command::Build { output, .. } => Some(output.clone().unwrap_or_else(|| root.join("public"))),
        _ => None,
    };
    match run(cli.command, root, given_root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(d)) => {
            tell!("{d}");
            ExitCode::from(2)
        }
        Err(Failure::Run(e)) => {
            let ds = e.into_diagnostics();
            report::all(&ds);
            if let Some(out) = output.filter(|_| ds.has_errors()) {
                let real = crate::output::target::resolve(&out).map_or(out.clone(), |(real, _)| real);
                if crate::output::holds_a_build(&real) {
                    tell!("nothing was written: the previous output in {} is unchanged", out.display());
                } else {
                    tell!("nothing was written");
                }
            }
            ExitCode::from(1)
        }
    }
}

/// The site root when `--root` is not given: the current folder, or the nearest
/// folder above it that holds a `site.toml` (so `site` works from inside
/// `content/`); the current folder when none does.
fn find_root() -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else { return PathBuf::from(".") };
    match cwd.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file()) {
        Some(dir) if dir != cwd => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where under `content/` the current folder is, when `site new` runs inside
/// it (interview folders stepped out of: a new interview goes beside them).
fn folder_under_content(root: &Path) -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let content = root.canonicalize().ok()?.join(crate::content::walk::CONTENT_DIR);
    let rel = cwd.canonicalize().ok()?.strip_prefix(&content).ok()?.to_path_buf();
    let mut keep = PathBuf::new();
    let mut at = content;
    for c in rel.components() {
        at.push(c);
        if at.join("index.md").is_file() {
            break;
        }
        keep.push(c);
    }
    (!keep.as_os_str().is_empty()).then_some(keep)
}

/// True when someone can answer questions: stdin and stdout are a terminal.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// `--profile NAME` names a profile of site.toml, or is a usage error naming the
/// ones that exist. When site.toml has errors the build reports them (and an
/// unknown profile with them).
fn known_profile(root: &Path, name: Option<&str>) -> Result<(), Failure> {
    let Some(name) = name else { return Ok(()) };
    let (config, errors) = Config::load_or_fallback(root)?;
    if config.profiles.contains_key(name) || errors.has_errors() {
        Ok(())
    } else {
        Err(Failure::Usage(crate::profile::unknown_profile(name, &config.profiles)))
    }
}

fn run(command: Command, root: PathBuf, given_root: Option<PathBuf>) -> Result<(), Failure> {
    match command {
        Command::Build { output, base_url, drafts, profile } => {
            known_profile(&root, profile.as_deref())?;
            let opts = Options { root, output, base_url, drafts, profile, ..Options::default() };
            let r = pipeline::build(&opts)?;
            summary("Built", &r, Some(&opts.output_dir()));
        }
        Command::Check { drafts, strict, profile } => {
            known_profile(&root, profile.as_deref())?;
            let opts = Options { root, drafts, lint: true, strict, profile, ..Options::default() };
            let r = pipeline::check(&opts)?;
            summary("Checked", &r, None);
        }
        Command::Serve { watch, bind, port, open, drafts, profile } => {
            known_profile(&root, profile.as_deref())?;
            crate::serve::run(crate::serve::ServeOptions { root, bind, port, watch, open, drafts, profile })?;
        }
        Command::New { title, principles, role, level, verdict, panelists, path } => {
            let config = Config::load(&root)?;
            let path = path.or_else(|| given_root.is_none().then(|| folder_under_content(&root)).flatten());
            let mut req = crate::scaffold::Request {
                title: title.unwrap_or_default(),
                principles,
                role,
                level,
                verdict,
                panelists: panelists.iter().map(|n| crate::scaffold::Seat::named(n)).collect(),
                path,
            };
            let scaffold = crate::scaffold::Scaffold::new(&config);
            if interactive() {
                crate::scaffold::prompt(
                    &scaffold,
                    &mut req,
                    &mut std::io::stdin().lock(),
                    &mut std::io::stdout(),
                )
                .map_err(|e| Error::io("<stdin>", e))?;
            }
            let today = time::OffsetDateTime::now_utc().date();
            let path = scaffold.create(&req, today)?;
            say!("Created {} (a draft: build with --drafts to see it)", path.display());
        }
        Command::Init(args) => init::run(args, given_root)?,
        Command::Import(args) => import::run(args, &root)?,
        Command::Export(args) => export::run(args, &root)?,
        Command::Completions(args) => shell::completions(args)?,
        Command::Man(args) => shell::man(args)?,
    }
    Ok(())
}

fn summary(verb: &str, r: &Report, output: Option<&std::path::Path>) {
    if output.is_some() {
        report::summarised(&r.warnings);
    } else {
        report::all(&r.warnings);
    }
    let into = output.map(|o| format!(" into {}", o.display())).unwrap_or_default();
    say!(
        "{verb} {} ({}, {}){into} in {} ms",
        counted(r.pages, "page"),
        counted(r.interviews, "interview"),
        counted(r.files, "file"),
        r.elapsed.as_millis()
    );
}
