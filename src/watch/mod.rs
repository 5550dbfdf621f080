//! The live rebuild engine behind `site serve --watch`: it keeps the last good
//! build and the latest state of every interview, classifies each changed path
//! (a pure function), and does the least work that keeps every page right.
//!
//! It knows nothing of HTTP: each rebuild returns an [`Update`] (files to put or
//! remove, current errors) that the server applies.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::config::Config;
use crate::content::{self, walk, Interview};
use crate::diagnostic::{Diagnostic, Diagnostics, Error};
use crate::model::Site;
use crate::output::OutputFile;
use crate::pipeline::Options;
use crate::render::{self, routes, views, Job, Renderer, Routes};
use crate::theme::Theme;

mod affected;
mod classify;
mod rescan;
#[cfg(test)]
mod scale_tests;

pub use classify::{classify, Change};

/// The site a good rebuild serves: its graph, templates and address table.
/// Pages are rendered from it when they are asked for.
#[derive(Clone)]
pub struct Served {
    /// The graph.
    pub site: Arc<Site>,
    /// The compiled templates.
    pub renderer: Arc<Renderer>,
    /// Every page of the site.
    pub jobs: Arc<Vec<Job>>,
    /// Every output path of the site (the search index aside) and what makes it.
    pub routes: Arc<Routes>,
}

/// Which served files a rebuild changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Every file (first build, site.toml, a template every page uses).
    All,
    /// These output paths: pages, feeds, the sitemap.
    Paths(Vec<String>),
}

impl Default for Changed {
    fn default() -> Self {
        Changed::Paths(Vec::new())
    }
}

/// What the server should do after a rebuild.
#[derive(Default)]
pub struct Update {
    /// The site to serve from now on; `None` when the rebuild failed (errors
    /// mean the last good build stays served).
    pub serve: Option<Served>,
    /// The generated files whose content changed: what the server must not
    /// serve from its cache any more.
    pub changed: Changed,
    /// Current errors and warnings; errors mean the last good build stays served.
    pub diagnostics: Diagnostics,
    /// Only stylesheets changed: pages may refresh styles without a reload.
    pub css_only: bool,
    /// Pages whose content changed (all of them for a full build).
    pub pages: usize,
    /// One line for the terminal: what changed.
    pub what: String,
    /// Milliseconds the rebuild took.
    pub millis: u128,
    /// When content changed: the new graph, for the search index, which is built
    /// apart (see [`search_update`]) so that pages are served without waiting for it.
    pub search_site: Option<Arc<Site>>,
}

/// The search index files of `site`, built on their own after a rebuild.
pub fn search_update(site: &Site) -> Vec<OutputFile> {
    crate::search::index(site, &views::Urls::new(&site.config))
}

/// The latest load result of one interview folder.
#[derive(Debug, Clone, Default)]
struct Entry {
    interview: Option<Arc<Interview>>,
    diagnostics: Vec<Diagnostic>,
    /// Its `index.md` as it was read, and its other files then: what a rescan compares.
    stamp: Option<rescan::Stamp>,
    assets: Vec<PathBuf>,
}

impl Entry {
    /// Reads and validates the interview in `dir`, stamped as it is read.
    fn load(config: &Config, dir: PathBuf, assets: Vec<PathBuf>) -> Entry {
        // Stamped first: a write during the read leaves a stamp older than the
        // file, so the next rescan reads it again rather than missing it.
        let stamp = rescan::Stamp::of(&dir.join("index.md"));
        let (iv, diagnostics) = content::load_one(config, dir, assets.clone(), false);
        Entry { interview: iv.map(Arc::new), diagnostics, stamp, assets }
    }
}

/// The last good build.
struct Good {
    served: Served,
    theme: Arc<Theme>,
}

/// Changes waiting for content to become valid again.
#[derive(Debug, Default)]
struct Pending {
    full: bool,
    dirs: BTreeSet<PathBuf>,
    templates: BTreeSet<String>,
    statics: bool,
    css_only: bool,
}

/// The engine's state, owned by the watch loop and passed nowhere else.
pub struct Engine {
    opts: Options,
    output: PathBuf,
    config: Option<Config>,
    config_error: Vec<Diagnostic>,
    entries: BTreeMap<PathBuf, Entry>,
    /// The folders of `entries` with diagnostics.
    failing: BTreeSet<PathBuf>,
    walk_diagnostics: Vec<Diagnostic>,
    /// `content/` was removed while serving.
    content_missing: bool,
    theme_error: Vec<Diagnostic>,
    good: Option<Good>,
    /// The profile's redaction of the library, when serving one.
    redactor: Option<crate::redact::Redactor>,
    pending: Pending,
    /// `site.toml` and every template and static file as last read, for a rescan.
    config_stamp: Option<rescan::Stamp>,
    theme_files: BTreeMap<PathBuf, Option<rescan::Stamp>>,
}

impl Engine {
    /// An engine for the site in `opts`; nothing is loaded until [`Engine::rebuild_all`].
    pub fn new(opts: Options) -> Self {
        let output = opts.output_dir();
        Engine {
            opts,
            output,
            config: None,
            config_error: Vec::new(),
            entries: BTreeMap::new(),
            failing: BTreeSet::new(),
            walk_diagnostics: Vec::new(),
            content_missing: false,
            theme_error: Vec::new(),
            good: None,
            redactor: None,
            pending: Pending { full: true, ..Pending::default() },
            config_stamp: None,
            theme_files: BTreeMap::new(),
        }
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.opts.root
    }

    /// The theme in use (for classifying paths).
    pub fn theme_name(&self) -> String {
        self.config.as_ref().map_or_else(|| "default".to_string(), |c| c.theme.clone())
    }

    /// The output folder (changes there are ignored).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Loads everything and renders every page.
    pub fn rebuild_all(&mut self) -> Update {
        let start = Instant::now();
        self.pending.full = true;
        self.load_config();
        self.content_missing = false;
        let mut t = crate::timing::Timer::new();
        if let Some(config) = &self.config {
            let found = walk::find(&config.root);
            t.lap("walk");
            self.walk_diagnostics = found.diagnostics.0;
            let loaded: Vec<(PathBuf, Entry)> = {
                use rayon::prelude::*;
                found
                    .interviews
                    .into_par_iter()
                    .map(|(dir, assets)| (dir.clone(), Entry::load(config, dir, assets)))
                    .collect()
            };
            self.entries = loaded.into_iter().collect();
            self.failing = self
                .entries
                .iter()
                .filter(|(_, e)| !e.diagnostics.is_empty())
                .map(|(d, _)| d.clone())
                .collect();
            t.lap("load");
        }
        let mut update = self.apply();
        update.what = "full build".to_string();
        update.millis = start.elapsed().as_millis();
        update
    }

    /// Handles one debounced batch of changed paths.
    pub fn changed(&mut self, paths: &[PathBuf]) -> Option<Update> {
        let start = Instant::now();
        let theme = self.theme_name();
        let mut kinds: BTreeMap<Change, Vec<&PathBuf>> = BTreeMap::new();
        for p in paths {
            let kind = classify(&self.opts.root, &theme, &self.output, p);
            if kind != Change::Ignored {
                kinds.entry(kind).or_default().push(p);
            }
        }
        if kinds.is_empty() {
            return None;
        }
        if kinds.contains_key(&Change::Config) {
            let mut u = self.rebuild_all();
            u.what = "site.toml".to_string();
            return Some(u);
        }
        if let Some(ps) = kinds.get(&Change::Content) {
            self.reload_content(ps);
        }
        if let Some(ps) = kinds.get(&Change::Template) {
            for p in ps {
                let rel = p.strip_prefix(&self.opts.root).unwrap_or(p);
                let name: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .skip_while(|c| c != "templates")
                    .skip(1)
                    .collect();
                self.pending.templates.insert(name.join("/"));
            }
        }
        let statics: Vec<&&PathBuf> = kinds
            .iter()
            .filter(|(k, _)| matches!(k, Change::ThemeStatic | Change::SiteStatic))
            .flat_map(|(_, v)| v)
            .collect();
        if !statics.is_empty() {
            let only_css_now =
                kinds.len() == 1 && statics.iter().all(|p| p.extension().is_some_and(|e| e == "css"));
            self.pending.css_only =
                if self.pending.statics { self.pending.css_only && only_css_now } else { only_css_now };
            self.pending.statics = true;
        }
        let mut update = self.apply();
        let names: Vec<String> = paths
            .iter()
            .filter(|p| classify(&self.opts.root, &theme, &self.output, p) != Change::Ignored)
            .map(|p| p.strip_prefix(&self.opts.root).unwrap_or(p).display().to_string())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        update.what = if names.len() > 3 {
            format!("{}, … ({} files)", names[..3].join(", "), names.len())
        } else {
            names.join(", ")
        };
        update.millis = start.elapsed().as_millis();
        Some(update)
    }

    /// Loads site.toml; when it is invalid, a fallback configuration lets the
    /// content load too, so its errors show with site.toml's (nothing is served
    /// from it: any error keeps the last good build).
    fn load_config(&mut self) {
        self.config_stamp = rescan::Stamp::of(&self.opts.root.join("site.toml"));
        match Config::load_or_fallback(&self.opts.root) {
            Ok((mut c, errors)) => {
                self.config_error = errors.0;
                // The profile first: the server's address replaces its base_url too.
                if let Some(name) = &self.opts.profile {
                    if let Err(d) = c.apply_profile(name) {
                        self.config_error.push(d);
                    }
                }
                if let Some(url) = &self.opts.base_url {
                    if let Err(msg) = c.set_base_url(url) {
                        self.config_error.push(Diagnostic::error("--base-url", msg));
                    }
                }
                self.config = Some(c);
            }
            Err(e) => self.config_error = e.into_diagnostics().0,
        }
    }

    /// Reloads the interview folders touched by `paths`.
    fn reload_content(&mut self, paths: &[&PathBuf]) {
        let Some(config) = self.config.clone() else { return };
        let content_dir = config.root.join(walk::CONTENT_DIR);
        // The whole folder gone (`rm -rf content`, a checkout half done) is an
        // error, not an empty site: the last good build stays served. Its
        // interviews stay known, so a folder put back is a rescan like any edit.
        self.content_missing = !content_dir.is_dir();
        if self.content_missing {
            return;
        }
        let mut scopes: BTreeSet<PathBuf> = BTreeSet::new();
        for p in paths {
            // Known interviews at or below a changed path may have gone (folder deleted or renamed).
            let gone: Vec<PathBuf> =
                entries_under(&self.entries, p).filter(|d| !d.join("index.md").is_file()).cloned().collect();
            for d in gone {
                self.remove_entry(&d);
                self.pending.dirs.insert(d);
            }
            // The nearest interview folder at or above the path is rescanned.
            let owner = p
                .ancestors()
                .take_while(|a| a.starts_with(&content_dir) && *a != content_dir)
                .find(|a| a.join("index.md").is_file());
            if let Some(dir) = owner {
                scopes.insert(dir.to_path_buf());
            } else if p.is_dir() {
                scopes.insert(p.to_path_buf());
            }
        }
        // Drop scopes nested in another scope: rescanning the outer one covers them.
        // Paths order by components, so a nested scope follows the scope it is
        // in: one pass, not every scope against every other (a `git pull` can
        // touch ten thousand folders).
        let mut outer: Vec<PathBuf> = Vec::new();
        for scope in scopes {
            if !outer.last().is_some_and(|o| scope.starts_with(o)) {
                outer.push(scope);
            }
        }
        let scopes = outer;
        for scope in scopes {
            let found = walk::find_in(&config.root, &scope);
            let present: HashSet<&PathBuf> = found.interviews.iter().map(|(d, _)| d).collect();
            let stale: Vec<PathBuf> =
                entries_under(&self.entries, &scope).filter(|d| !present.contains(d)).cloned().collect();
            for d in stale {
                self.remove_entry(&d);
                self.pending.dirs.insert(d);
            }
            for (dir, assets) in found.interviews {
                self.pending.dirs.insert(dir.clone());
                let entry = Entry::load(&config, dir.clone(), assets);
                self.set_entry(dir, entry);
            }
        }
    }

    /// The paths that changed since the engine read them, found by looking (file
    /// events were lost): see [`rescan`]. What they changed is then worked out
    /// as for any edit, by [`Engine::changed`].
    pub fn rescan(&self) -> Vec<PathBuf> {
        let root = &self.opts.root;
        let config = root.join("site.toml");
        let mut paths = Vec::new();
        if rescan::Stamp::of(&config) != self.config_stamp {
            paths.push(config);
        }
        let content_dir = root.join(walk::CONTENT_DIR);
        if content_dir.is_dir() {
            let known =
                |d: &Path| self.entries.get(d).map(|e| rescan::Known { stamp: e.stamp, assets: &e.assets });
            paths.extend(rescan::content(root, &content_dir, known, self.entries.keys()));
        } else {
            paths.push(content_dir);
        }
        paths.extend(rescan::tree_changes(&self.theme_files, &rescan::tree(&self.theme_folders())));
        paths
    }

    /// The folders whose files make the theme: the site's templates and statics,
    /// and the theme's own folder.
    fn theme_folders(&self) -> [PathBuf; 3] {
        let root = &self.opts.root;
        [root.join("templates"), root.join("static"), root.join("themes").join(self.theme_name())]
    }

    /// Records the load result of folder `dir`.
    fn set_entry(&mut self, dir: PathBuf, entry: Entry) {
        if entry.diagnostics.is_empty() {
            self.failing.remove(&dir);
        } else {
            self.failing.insert(dir.clone());
        }
        self.entries.insert(dir, entry);
    }

    /// Forgets folder `dir`.
    fn remove_entry(&mut self, dir: &Path) {
        self.failing.remove(dir);
        self.entries.remove(dir);
    }

    /// Every current diagnostic, errors first.
    fn diagnostics(&self) -> Diagnostics {
        let mut ds = Diagnostics::default();
        ds.extend(self.config_error.iter().cloned());
        ds.extend(self.theme_error.iter().cloned());
        ds.extend(self.walk_diagnostics.iter().cloned());
        if self.content_missing {
            ds.push(Diagnostic::error(walk::CONTENT_DIR, "the content folder is gone").with_hint(
                "put content/ back (e.g. `git checkout content`): the last good build is served until then",
            ));
            return ds;
        }
        // Only the folders with diagnostics: not a look at every interview per edit.
        for e in self.failing.iter().filter_map(|d| self.entries.get(d)) {
            ds.extend(e.diagnostics.iter().cloned());
        }
        ds.sort();
        ds
    }

    /// The current version of the interview of every pending folder, if each
    /// folder still holds a published interview; `None` when any lost it.
    fn edited(&self) -> Option<Vec<Arc<Interview>>> {
        self.pending
            .dirs
            .iter()
            .map(|d| {
                let iv = self.entries.get(d)?.interview.clone()?;
                (self.opts.drafts || !iv.draft).then_some(iv)
            })
            .collect()
    }

    /// The new graph: the last good one with the edited interviews swapped in when
    /// no edit changes a link (the common edit: text, title, verdict), else built
    /// anew. With the graph, the positions of the swapped interviews, if swapped.
    fn graph(&mut self, config: Config, full: bool) -> Result<(Site, Option<Vec<usize>>), Diagnostics> {
        let good = if full { None } else { self.good.as_ref() };
        if let Some(good) = good {
            // Under a profile only the edited interviews are redacted, while the
            // edit leaves the library's pseudonyms and names as they were.
            let edited = match (self.edited(), self.redactor.as_mut()) {
                (Some(e), Some(r)) => r.republish(&config, e).transpose()?,
                (Some(e), None) if config.profile.is_none() => Some(crate::redact::publish(&config, e)?),
                _ => None,
            };
            if let Some((site, positions)) = edited.and_then(|e| good.served.site.with_edited(&e)) {
                return Ok((site, Some(positions)));
            }
        }
        let interviews: Vec<Arc<Interview>> = self
            .entries
            .values()
            .filter_map(|e| e.interview.clone())
            .filter(|i| self.opts.drafts || !i.draft)
            .collect();
        let previous = good.map(|g| g.served.site.as_ref());
        // The library's redaction made anew (a profile's pseudonyms depend on all of it).
        self.redactor = crate::redact::Redactor::new(&config, &interviews);
        let published = match &self.redactor {
            Some(r) => r.publish(&config, interviews)?,
            None => crate::redact::publish(&config, interviews)?,
        };
        Ok((Site::build_from(config, published, previous)?, None))
    }

    /// Builds the graph and the address table the pending changes need, if the
    /// content is valid, and names the files they changed. Nothing is rendered:
    /// the server renders each page when it is asked for.
    fn apply(&mut self) -> Update {
        let Some(config) = self.config.clone() else {
            return Update { diagnostics: self.diagnostics(), ..Update::default() };
        };
        // The theme is reloaded when templates or statics changed, or for a full build.
        let fresh_theme = self.pending.full || !self.pending.templates.is_empty() || self.pending.statics;
        let mut theme_pair = None;
        if fresh_theme {
            self.theme_files = rescan::tree(&self.theme_folders());
            self.theme_error.clear();
            match Theme::load(&config).map_err(Error::into_diagnostics) {
                Ok(mut theme) => {
                    // Special files skipped (warnings) stay listed until the next reload.
                    self.theme_error = std::mem::take(&mut theme.warnings);
                    match Renderer::new(&theme) {
                        Ok(r) => theme_pair = Some((Arc::new(theme), Arc::new(r))),
                        Err(ds) => self.theme_error.extend(ds.0),
                    }
                }
                Err(ds) => self.theme_error = ds.0,
            }
        }
        let mut t = crate::timing::Timer::new();
        let mut diagnostics = self.diagnostics();
        t.lap("diagnostics");
        if diagnostics.has_errors() {
            return Update { diagnostics, ..Update::default() };
        }
        let full = self.pending.full || self.good.is_none();
        let (site, kept) = match self.graph(config, full) {
            Ok(graph) => graph,
            Err(ds) => {
                diagnostics.extend(ds.0);
                return Update { diagnostics, ..Update::default() };
            }
        };
        t.lap("graph");
        let old = self.good.take();
        let (theme, renderer) = match (theme_pair, &old) {
            (Some(pair), _) => pair,
            (None, Some(g)) => (g.theme.clone(), g.served.renderer.clone()),
            (None, None) => return Update { diagnostics, ..Update::default() },
        };
        let fresh_theme = fresh_theme || old.is_none();
        // Kept links mean the same pages: the last job list still holds.
        let all = match (&old, &kept) {
            (Some(o), Some(_)) => o.served.jobs.clone(),
            _ => Arc::new(render::all_jobs(&site)),
        };
        // With the same pages, theme and co-located files, every path is the same:
        // the last address table still holds.
        let same_paths = !fresh_theme
            && match (&old, &kept) {
                (Some(o), Some(positions)) => {
                    positions.iter().all(|&i| o.served.site.interviews[i].assets == site.interviews[i].assets)
                }
                _ => false,
            };
        let routes = match &old {
            Some(o) if same_paths => o.served.routes.clone(),
            _ => Arc::new(Routes::new(&site, &theme, &all)),
        };
        t.lap("routes");
        let (pages, changed) = match &old {
            Some(o) if !full => self.changed_paths(&o.served.site, &site, kept.as_deref(), &all, same_paths),
            _ => (all.len(), Changed::All),
        };
        t.lap("affected");
        let css_only = !full && pages == 0 && self.pending.css_only && self.pending.dirs.is_empty();
        // The search index changes with any content; templates and statics leave it be.
        let search_changed = full || !self.pending.dirs.is_empty();
        let site = Arc::new(site);
        let served = Served { site: site.clone(), renderer, jobs: all, routes };
        self.good = Some(Good { served: served.clone(), theme });
        self.pending = Pending::default();
        Update {
            serve: Some(served),
            changed,
            diagnostics,
            css_only,
            pages,
            search_site: search_changed.then_some(site),
            ..Update::default()
        }
    }

    /// The pages of `new` that the pending changes touched (see [`affected`]),
    /// with every generated file whose content changed with them: the feeds
    /// beside changed listings, the site feed after a content edit, the sitemap
    /// and robots.txt when the paths changed. `kept`: the positions of the
    /// interviews swapped into the old graph, when it kept its links.
    fn changed_paths(
        &self,
        old: &Site,
        new: &Site,
        kept: Option<&[usize]>,
        all: &[Job],
        same_paths: bool,
    ) -> (usize, Changed) {
        let (old_t, new_t) = match kept {
            Some(positions) => (positions.to_vec(), positions.to_vec()),
            None => (affected::touched(old, &self.pending.dirs), affected::touched(new, &self.pending.dirs)),
        };
        let touched = affected::Touched {
            templates: &self.pending.templates,
            content: !self.pending.dirs.is_empty(),
            old: &old_t,
            new: &new_t,
            links_kept: kept.is_some(),
        };
        let jobs = affected::jobs(&touched, old, new, all);
        if jobs.len() == all.len() {
            return (jobs.len(), Changed::All);
        }
        let mut paths: Vec<String> = jobs.iter().map(|j| j.output_path(new)).collect();
        if new.config.feeds {
            paths.extend(jobs.iter().filter_map(|j| routes::feed_path(new, j)));
        }
        if !self.pending.dirs.is_empty() || !same_paths {
            paths.push("atom.xml".to_string());
        }
        if !same_paths {
            paths.extend(["sitemap.xml".to_string(), "robots.txt".to_string()]);
        }
        (jobs.len(), Changed::Paths(paths))
    }
}

/// The known interview folders at or below `dir`. Paths order by components, so
/// they follow `dir` in the map, together: no need to look at every folder.
fn entries_under<'a>(
    entries: &'a BTreeMap<PathBuf, Entry>,
    dir: &'a Path,
) -> impl Iterator<Item = &'a PathBuf> + 'a {
    entries
        .range::<Path, _>((std::ops::Bound::Included(dir), std::ops::Bound::Unbounded))
        .map(|(d, _)| d)
        .take_while(move |d| d.starts_with(dir))
}
