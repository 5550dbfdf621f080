//! The command line: parse arguments, run the command, report every diagnostic,
//! and map the outcome to an exit code (0 ok, 1 content or build errors, 2 usage).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::diagnostic::{Diagnostics, Error};
use crate::pipeline::{self, Options, Report};

/// Roundtable: a static site generator for interview-review knowledge bases.
#[derive(Debug, Parser)]
#[command(name = "site", version, about)]
pub struct Cli {
    /// The site folder (holds site.toml); default: the current folder.
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
    },
    /// Validate everything and check internal links; write nothing.
    Check {
        /// Check drafts as published pages too.
        #[arg(long)]
        drafts: bool,
        /// Treat warnings (content lint included) as errors.
        #[arg(long)]
        strict: bool,
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
    },
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
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let is_build = matches!(cli.command, Command::Build { .. });
    match run(cli.command, root) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let ds = e.into_diagnostics();
            report(&ds);
            if is_build && ds.has_errors() {
                eprintln!("nothing was written: the previous output is unchanged");
            }
            ExitCode::from(1)
        }
    }
}

/// True when someone can answer questions: stdin and stdout are a terminal.
fn interactive() -> bool {
    use std::io::IsTerminal;
    std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

fn run(command: Command, root: PathBuf) -> Result<(), Error> {
    match command {
        Command::Build { output, base_url, drafts } => {
            let opts = Options { root, output, base_url, drafts, ..Options::default() };
            let r = pipeline::build(&opts)?;
            summary("Built", &r, Some(&opts.output_dir()));
        }
        Command::Check { drafts, strict } => {
            let opts = Options { root, drafts, lint: true, strict, ..Options::default() };
            let r = pipeline::check(&opts)?;
            summary("Checked", &r, None);
        }
        Command::Serve { watch, bind, port, open, drafts } => {
            crate::serve::run(crate::serve::ServeOptions { root, bind, port, watch, open, drafts })?;
        }
        Command::New { title, principles, role, level, verdict, panelists } => {
            let config = Config::load(&root)?;
            let mut req = crate::scaffold::Request {
                title: title.unwrap_or_default(),
                principles,
                role,
                level,
                verdict,
                panelists,
            };
            if interactive() {
                crate::scaffold::prompt(&mut req, &mut std::io::stdin().lock(), &mut std::io::stdout())
                    .map_err(|e| Error::io("<stdin>", e))?;
            }
            let today = time::OffsetDateTime::now_utc().date();
            let path = crate::scaffold::new_interview(&config, &req, today)?;
            println!("Created {} (a draft: build with --drafts to see it)", path.display());
        }
    }
    Ok(())
}

fn summary(verb: &str, r: &Report, output: Option<&std::path::Path>) {
    report(&r.warnings);
    let into = output.map(|o| format!(" into {}", o.display())).unwrap_or_default();
    println!(
        "{verb} {} pages ({} interviews, {} files){into} in {} ms",
        r.pages,
        r.interviews,
        r.files,
        r.elapsed.as_millis()
    );
}

/// Prints every diagnostic to stderr, sorted, with a closing count.
pub fn report(ds: &Diagnostics) {
    if ds.0.is_empty() {
        return;
    }
    let mut ds = ds.clone();
    ds.sort();
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for d in &ds.0 {
        let _ = writeln!(w, "{d}");
    }
    let (e, wn) = (ds.error_count(), ds.warning_count());
    let _ = writeln!(w, "{e} error(s), {wn} warning(s)");
}
