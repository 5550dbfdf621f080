//! `site init [DIR] [--title T] [--base-url URL]`.

use std::path::PathBuf;

use super::Failure;
use crate::wording::counted;

/// Start a new site: site.toml, an example interview, .gitignore, a deploy
/// workflow and editor schemas; it builds and checks clean at once.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The folder of the new site; default: --root, or the current folder. It may
    /// exist, but must not hold a site.toml or content/.
    pub dir: Option<PathBuf>,
    /// The site's title (default "Interview Reviews").
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The address the site will be published at (default https://example.com).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Runs `site init`.
pub fn run(args: Args, root: Option<PathBuf>) -> Result<(), Failure> {
    let dir = args.dir.or(root).unwrap_or_else(|| PathBuf::from("."));
    let opts = crate::init::Options { dir: dir.clone(), title: args.title, base_url: args.base_url };
    let today = time::OffsetDateTime::now_utc().date();
    let written = crate::init::init(&opts, today)?;
    crate::report::say!(
        "Created a Roundtable site in {} ({}):",
        dir.display(),
        counted(written.len(), "file")
    );
    for rel in &written {
        crate::report::say!("  {}", rel.display());
    }
    crate::report::say!("Next:");
    if dir != std::path::Path::new(".") {
        crate::report::say!("  cd {}", shell_quote(&dir.display().to_string()));
    }
    crate::report::say!("  site serve --watch --open     # write with the site open in a browser");
    crate::report::say!(
        "  site new \"<title>\"            # a new interview; `site import FILE` brings existing ones"
    );
    crate::report::say!("Deploying: {} builds and publishes it on GitHub Pages.", crate::init::WORKFLOW_PATH);
    Ok(())
}

/// `path` as a shell word (quoted when it holds anything but plain characters).
fn shell_quote(path: &str) -> String {
    if path.chars().all(|c| c.is_ascii_alphanumeric() || "-_./~".contains(c)) {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    }
}
