//! Finding the theme's files: the built-in default theme (embedded in the binary),
//! or `themes/<name>/` of the site, overridden file by file by the site's own
//! `templates/` and `static/`. Only reads; knows nothing of rendering.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, Error, Result};
use crate::sources::{self, Refused};

/// The default theme, compiled in from this repository's `themes/default/`.
static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where a static file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// Compiled into the binary.
    Embedded(&'static [u8]),
    /// A file on disk (absolute path).
    Disk(PathBuf),
}

/// One template: its name for Tera, where it came from, its text.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Where it came from, for error messages (e.g. `templates/base.html`).
    pub origin: PathBuf,
    /// The template text.
    pub text: String,
}

/// The theme's files after overrides.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (`interview.html`, `partials/card.html`).
    pub templates: BTreeMap<String, TemplateFile>,
    /// Static files by output path (`style.css`).
    pub statics: BTreeMap<String, Source>,
    /// Special files skipped on the way (FIFOs, sockets, devices).
    pub warnings: Vec<Diagnostic>,
}

impl Theme {
    /// Loads the theme named in the configuration, with the site's overrides.
    pub fn load(config: &Config) -> Result<Theme> {
        let root = &config.root;
        let theme_dir = root.join("themes").join(&config.theme);
        let mut theme = Theme::default();
        let mut refused = Vec::new();
        if theme_dir.is_dir() {
            let origin = Path::new("themes").join(&config.theme);
            theme.add_dir(
                root,
                &theme_dir.join("templates"),
                &origin.join("templates"),
                Kind::Template,
                &mut refused,
            )?;
            theme.add_dir(
                root,
                &theme_dir.join("static"),
                &origin.join("static"),
                Kind::Static,
                &mut refused,
            )?;
        } else if config.theme == "default" {
            theme.add_embedded(&DEFAULT_THEME);
        } else {
            let mut d = Diagnostic::error(
                "site.toml",
                format!("theme {:?} not found: there is no themes/{}/ folder", config.theme, config.theme),
            );
            if let Some(line) = config.theme_line {
                d = d.at_line(line);
            }
            return Err(Error::Invalid(Diagnostics(vec![d.with_hint(
                "create the theme folder, or remove `theme` from site.toml to use the built-in default theme",
            )])));
        }
        theme.add_dir(root, &root.join("templates"), Path::new("templates"), Kind::Template, &mut refused)?;
        theme.add_dir(root, &root.join("static"), Path::new("static"), Kind::Static, &mut refused)?;
        if !refused.is_empty() {
            return Err(Error::Invalid(Diagnostics(refused)));
        }
        Ok(theme)
    }

    /// The built-in default theme, without any site overrides.
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        theme.add_embedded(&DEFAULT_THEME);
        theme
    }

    fn add_embedded(&mut self, dir: &'static Dir<'static>) {
        for file in all_files(dir) {
            let path = file.path();
            let origin = Path::new("themes/default").join(path);
            if let Ok(name) = path.strip_prefix("templates") {
                if let Some(text) = file.contents_utf8() {
                    self.templates.insert(name_of(name), TemplateFile { origin, text: text.to_string() });
                }
            } else if let Ok(name) = path.strip_prefix("static") {
                self.statics.insert(name_of(name), Source::Embedded(file.contents()));
            }
        }
    }

    /// Adds the files under `dir`. Links are followed only inside the site
    /// `root`; a link out of it is added to `refused`, and special files are
    /// skipped with a warning, never opened ([`sources::inspect`]).
    fn add_dir(
        &mut self,
        root: &Path,
        dir: &Path,
        origin: &Path,
        kind: Kind,
        refused: &mut Vec<Diagnostic>,
    ) -> Result<()> {
        if !dir.is_dir() {
            return Ok(());
        }
        let real_root = sources::real_root(root);
        // Links are judged before being followed: a refused link stops the walk
        // before anything below it is listed.
        let mut walk = WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
        while let Some(entry) = walk.next() {
            let entry = entry.map_err(|e| {
                let path = e.path().unwrap_or(dir).to_path_buf();
                Error::io(
                    &path,
                    e.into_io_error().unwrap_or_else(|| std::io::Error::other("symbolic link loop")),
                )
            })?;
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            if rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')) {
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            let shown = origin.join(rel);
            match sources::inspect(entry.path(), &real_root) {
                Ok(meta) if meta.is_file() => {}
                Ok(_) => continue,
                Err(why @ Refused::Special(_)) => {
                    self.warnings.push(why.diagnostic(&shown));
                    continue;
                }
                Err(why) => {
                    refused.push(why.diagnostic(&shown));
                    if entry.file_type().is_dir() {
                        walk.skip_current_dir();
                    }
                    continue;
                }
            }
            match kind {
                Kind::Template => {
                    let text =
                        std::fs::read_to_string(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
                    self.templates.insert(name_of(rel), TemplateFile { origin: origin.join(rel), text });
                }
                Kind::Static => {
                    self.statics.insert(name_of(rel), Source::Disk(entry.path().to_path_buf()));
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Template,
    Static,
}

fn name_of(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<&include_dir::File> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(all_files(sub));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_theme_has_every_page_template() {
        let t = Theme::builtin();
        for name in crate::render::PAGE_TEMPLATES {
            assert!(t.templates.contains_key(name), "missing {name}");
        }
        assert!(t.statics.contains_key("style.css"));
    }
}
