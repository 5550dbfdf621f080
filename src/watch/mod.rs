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
use crate::render::{self, views, Job, Renderer};
use crate::theme::Theme;

mod affected;
mod classify;
#[cfg(test)]
mod scale_tests;

pub use classify::{classify, Change};

/// What the server should do after a rebuild.
#[derive(Debug, Default)]
pub struct Update {
    /// Replace every served file with `put` (first build, config change).
    pub replace_all: bool,
    /// Files to serve, new or changed.
    pub put: Vec<OutputFile>,
    /// Output paths no longer served.
    pub remove: Vec<String>,
    /// Current errors and warnings; errors mean the last good build stays served.
    pub diagnostics: Diagnostics,
    /// Only stylesheets changed: pages may refresh styles without a reload.
    pub css_only: bool,
    /// Pages rendered in this rebuild.
    pub rendered: usize,
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
}

/// The last good build.
struct Good {
    site: Arc<Site>,
    theme: Theme,
    renderer: Renderer,
    /// Every page of the site, to reuse while the graph's links stay the same.
    all: Vec<Job>,
    /// Every output path served, to remove what disappears.
    paths: HashSet<String>,
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
    walk_diagnostics: Vec<Diagnostic>,
    /// `content/` was removed while serving.
    content_missing: bool,
    theme_error: Vec<Diagnostic>,
    good: Option<Good>,
    pending: Pending,
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
            walk_diagnostics: Vec::new(),
            content_missing: false,
            theme_error: Vec::new(),
            good: None,
            pending: Pending { full: true, ..Pending::default() },
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
        if let Some(config) = &self.config {
            let found = walk::find(&config.root);
            self.walk_diagnostics = found.diagnostics.0;
            let loaded: Vec<(PathBuf, Entry)> = {
                use rayon::prelude::*;
                found
                    .interviews
                    .into_par_iter()
                    .map(|(dir, assets)| {
                        let (iv, ds) = content::load_one(config, dir.clone(), assets, false);
                        (dir, Entry { interview: iv.map(Arc::new), diagnostics: ds })
                    })
                    .collect()
            };
            self.entries = loaded.into_iter().collect();
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
                self.entries.remove(&d);
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
                self.entries.remove(&d);
                self.pending.dirs.insert(d);
            }
            for (dir, assets) in found.interviews {
                let (iv, ds) = content::load_one(&config, dir.clone(), assets, false);
                self.pending.dirs.insert(dir.clone());
                self.entries.insert(dir, Entry { interview: iv.map(Arc::new), diagnostics: ds });
            }
        }
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
        for e in self.entries.values() {
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
    fn graph(&self, config: Config, full: bool) -> Result<(Site, Option<Vec<usize>>), Diagnostics> {
        // A profile's pseudonyms depend on the whole library: it is redacted anew.
        let good = if full || config.profile.is_some() { None } else { self.good.as_ref() };
        if let Some(good) = good {
            let edited = self.edited().map(|e| crate::redact::publish(&config, e)).transpose()?;
            if let Some((site, positions)) = edited.and_then(|e| good.site.with_edited(&e)) {
                return Ok((site, Some(positions)));
            }
        }
        let interviews: Vec<Arc<Interview>> = self
            .entries
            .values()
            .filter_map(|e| e.interview.clone())
            .filter(|i| self.opts.drafts || !i.draft)
            .collect();
        let previous = good.map(|g| g.site.as_ref());
        let published = crate::redact::publish(&config, interviews)?;
        Ok((Site::build_from(config, published, previous)?, None))
    }

    /// Rebuilds what the pending changes need, if the content is valid.
    fn apply(&mut self) -> Update {
        let Some(config) = self.config.clone() else {
            return Update { diagnostics: self.diagnostics(), ..Update::default() };
        };
        // The theme is reloaded when templates or statics changed, or for a full build.
        let fresh_theme = self.pending.full || !self.pending.templates.is_empty() || self.pending.statics;
        let mut theme_pair = None;
        if fresh_theme {
            self.theme_error.clear();
            match Theme::load(&config).map_err(Error::into_diagnostics) {
                Ok(mut theme) => {
                    // Special files skipped (warnings) stay listed until the next reload.
                    self.theme_error = std::mem::take(&mut theme.warnings);
                    match Renderer::new(&theme) {
                        Ok(r) => theme_pair = Some((theme, r)),
                        Err(ds) => self.theme_error.extend(ds.0),
                    }
                }
                Err(ds) => self.theme_error = ds.0,
            }
        }
        let mut t = crate::timing::Timer::new();
        let mut diagnostics = self.diagnostics();
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
        // A fresh theme if templates or statics changed, else the last good one.
        let (theme, renderer) = match (&theme_pair, &old) {
            (Some((t, r)), _) => (t, r),
            (None, Some(g)) => (&g.theme, &g.renderer),
            (None, None) => return Update { diagnostics, ..Update::default() },
        };
        // Kept links mean the same pages: the last job list still holds.
        let all = match (&old, &kept) {
            (Some(o), Some(_)) => o.all.clone(),
            _ => render::all_jobs(&site),
        };
        let jobs: Vec<Job> = match &old {
            Some(o) if !full => {
                let (old_t, new_t) = match &kept {
                    Some(positions) => (positions.clone(), positions.clone()),
                    None => (
                        affected::touched(&o.site, &self.pending.dirs),
                        affected::touched(&site, &self.pending.dirs),
                    ),
                };
                let touched = affected::Touched {
                    templates: &self.pending.templates,
                    content: !self.pending.dirs.is_empty(),
                    old: &old_t,
                    new: &new_t,
                    links_kept: kept.is_some(),
                };
                affected::jobs(&touched, &o.site, &site, &all)
            }
            _ => all.clone(),
        };
        t.lap("affected");
        let mut put = match renderer.render_pages(&site, &jobs) {
            Ok(files) => files,
            Err(ds) => {
                // Keep the old build; report the template error.
                diagnostics.extend(ds.0);
                self.good = old;
                self.theme_error = diagnostics.0.iter().filter(|d| d.is_error()).cloned().collect();
                return Update { diagnostics, ..Update::default() };
            }
        };
        let rendered = put.len();
        t.lap("render");
        // The feeds of the listings re-rendered.
        put.extend(jobs.iter().filter_map(|j| render::listing_feed(&site, j)));
        if full || self.pending.statics {
            put.extend(render::static_files(theme));
        }
        // With the same pages, theme and co-located files, every served path is the
        // same: keep the last set, and the sitemap and robots.txt, which depend on
        // nothing else; the site feed shows interviews, so it is made again.
        let same_paths = theme_pair.is_none()
            && match (&old, &kept) {
                (Some(o), Some(positions)) => {
                    positions.iter().all(|&i| o.site.interviews[i].assets == site.interviews[i].assets)
                }
                _ => false,
            };
        let (new_paths, remove) = match &old {
            Some(_) if same_paths => {
                put.push(render::site_feed(&site));
                if let Some(positions) = &kept {
                    put.extend(positions.iter().flat_map(|&i| render::assets(&site.interviews[i])));
                }
                (None, Vec::new())
            }
            _ => {
                let (paths, files) = self.paths_and_files(&site, theme, &all, full);
                put.extend(files);
                let remove: Vec<String> = match &old {
                    Some(o) if !full => o.paths.iter().filter(|p| !paths.contains(*p)).cloned().collect(),
                    _ => Vec::new(),
                };
                (Some(paths), remove)
            }
        };
        let css_only = !full && jobs.is_empty() && self.pending.css_only && self.pending.dirs.is_empty();
        let (theme, renderer, old_paths) = match (theme_pair, old) {
            (Some(pair), o) => (pair.0, pair.1, o.map(|g| g.paths)),
            (None, Some(g)) => (g.theme, g.renderer, Some(g.paths)),
            (None, None) => unreachable!("checked above: there is a theme"),
        };
        // `same_paths` implies a last good build, whose paths these are.
        let paths = new_paths.or(old_paths).unwrap_or_default();
        t.lap("extras");
        // The search index changes with any content; templates and statics leave it be.
        let search_changed = full || !self.pending.dirs.is_empty();
        let site = Arc::new(site);
        self.good = Some(Good { site: site.clone(), theme, renderer, all, paths });
        self.pending = Pending::default();
        Update {
            replace_all: full,
            put,
            remove,
            diagnostics,
            css_only,
            rendered,
            search_site: search_changed.then_some(site),
            ..Update::default()
        }
    }

    /// Every path served besides the search index (which arrives on its own), and
    /// the files besides pages to put: the site files, and the co-located files of
    /// every interview (full) or of the interviews in pending folders.
    fn paths_and_files(
        &self,
        site: &Site,
        theme: &Theme,
        all: &[Job],
        full: bool,
    ) -> (HashSet<String>, Vec<OutputFile>) {
        let feeds = all
            .iter()
            .filter_map(|j| match *j {
                Job::Principle(p, 0) => Some(views::principle_path(&site.config.principles[p].slug)),
                Job::Panelist(k, 0) => Some(views::panelist_path(&site.panelists[k].slug)),
                _ => None,
            })
            .map(|dir| format!("{dir}atom.xml"));
        let mut files = render::site_files(site, all);
        let asset_paths = site.interviews.iter().flat_map(|iv| render::assets(iv).map(|f| f.path));
        let paths: HashSet<String> = all
            .iter()
            .map(|j| j.output_path(site))
            .chain(feeds)
            .chain(files.iter().map(|f| f.path.clone()))
            .chain(theme.statics.keys().cloned())
            .chain(asset_paths)
            .collect();
        if full {
            files.extend(site.interviews.iter().flat_map(|iv| render::assets(iv)));
        } else {
            // The pending folders' interviews, looked up by folder (this was a
            // scan of every interview per folder: quadratic after a rescan).
            let changed = self.pending.dirs.iter().filter_map(|d| site.position_of_dir(d));
            files.extend(changed.flat_map(|i| render::assets(&site.interviews[i])));
        }
        (paths, files)
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
