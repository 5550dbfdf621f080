//! Which kind of site file a changed path is: a pure function of the path,
//! which decides how much the engine rebuilds.

use std::path::{Component, Path};

/// What kind of file changed, which decides how much to rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Change {
    /// A file under `content/`: an interview or one of its assets.
    Content,
    /// A template of the theme or of the site.
    Template,
    /// A static file of the theme.
    ThemeStatic,
    /// A static file of the site (`static/`).
    SiteStatic,
    /// `site.toml`.
    Config,
    /// Anything else: output, VCS, editor scratch files, other themes.
    Ignored,
}

/// Classifies a changed path (absolute or relative to `root`). Pure: looks at the
/// path only, never at the disk.
pub fn classify(root: &Path, theme: &str, output: &Path, path: &Path) -> Change {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let out_rel = output.strip_prefix(root).unwrap_or(output);
    if rel.as_os_str().is_empty() || (!out_rel.as_os_str().is_empty() && rel.starts_with(out_rel)) {
        return Change::Ignored;
    }
    let parts: Vec<&str> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect();
    let Some(name) = parts.last() else { return Change::Ignored };
    if parts.iter().any(|p| p.starts_with('.')) || is_scratch(name) {
        return Change::Ignored;
    }
    match parts.as_slice() {
        ["site.toml"] => Change::Config,
        ["content", rest @ ..] if !rest.iter().any(|p| p.starts_with('_')) => Change::Content,
        // A folder created (or removed) as a whole counts as a change of all it holds.
        ["templates", ..] => Change::Template,
        ["static", ..] => Change::SiteStatic,
        ["themes", t] | ["themes", t, "templates", ..] if *t == theme => Change::Template,
        ["themes", t, "static", ..] if *t == theme => Change::ThemeStatic,
        _ => Change::Ignored,
    }
}

/// Editors' temporary and backup files.
fn is_scratch(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with('#')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crswap"].iter().any(|e| name.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> Change {
        classify(Path::new("/s"), "default", Path::new("/s/public"), Path::new(p))
    }

    #[test]
    fn classifies_paths() {
        assert_eq!(kind("/s/site.toml"), Change::Config);
        assert_eq!(kind("/s/content/a/index.md"), Change::Content);
        assert_eq!(kind("/s/content/a/pic.png"), Change::Content);
        assert_eq!(kind("/s/content/a"), Change::Content);
        assert_eq!(kind("/s/content/_drafts/a/index.md"), Change::Ignored);
        assert_eq!(kind("/s/content/a/.index.md.swp"), Change::Ignored);
        assert_eq!(kind("/s/content/a/index.md~"), Change::Ignored);
        assert_eq!(kind("/s/content/a/4913"), Change::Ignored);
        assert_eq!(kind("/s/templates/interview.html"), Change::Template);
        assert_eq!(kind("/s/themes/default/templates/partials/card.html"), Change::Template);
        assert_eq!(kind("/s/themes/other/templates/base.html"), Change::Ignored);
        assert_eq!(kind("/s/themes/default/static/style.css"), Change::ThemeStatic);
        assert_eq!(kind("/s/static/logo.svg"), Change::SiteStatic);
        assert_eq!(kind("/s/public/index.html"), Change::Ignored);
        assert_eq!(kind("/s/.git/index"), Change::Ignored);
        assert_eq!(kind("/s/target/debug/site"), Change::Ignored);
        assert_eq!(kind("/s/README.md"), Change::Ignored);
        assert_eq!(kind("content/a/index.md"), Change::Content);
        assert_eq!(kind("/s/templates"), Change::Template);
        assert_eq!(kind("/s/static"), Change::SiteStatic);
        assert_eq!(kind("/s/themes/default"), Change::Template);
        assert_eq!(kind("/s/themes/default/theme.toml"), Change::Ignored);
    }
}
