//! What each page's template receives: the shared `site` variable, the page's
//! `page` metadata (title, description, URLs for `<head>`), and the variables of
//! its kind, built from the graph by one function per kind of page.
//! `docs/theming.md` documents every variable.

use serde::Serialize;
use tera::{Context, Value};

use super::calibration;
use super::insights;
use super::jobs::Job;
use super::tally::Tally;
use super::urls::{self, Urls};
use super::views;
use crate::model::Site;
use crate::wording::count;

/// How many tags the home page shows (the most used); `/tags/` lists them all.
const HOME_TAGS: usize = 24;

/// Variables shared by every page, serialised once (a Tera value is shared, not
/// copied, by each page's context).
pub(super) struct Globals<'a> {
    pub(super) site: Value,
    pub(super) memo: insights::Memo<'a>,
    pub(super) cards: views::Cards<'a>,
}

#[derive(Serialize)]
struct NavItem {
    /// The section it leads to, matched against `page.section`.
    key: &'static str,
    title: &'static str,
    url: String,
}

impl<'a> Globals<'a> {
    pub(super) fn new(site: &'a Site, urls: &'a Urls) -> Self {
        let cfg = &site.config;
        #[derive(Serialize)]
        struct SiteView<'a> {
            title: &'a str,
            description: &'a str,
            language: &'a str,
            base_url: &'a str,
            root: &'a str,
            generator: &'static str,
            feed_url: Option<String>,
            noindex: bool,
            nav: [NavItem; 5],
            search_url: String,
        }
        let value = Value::from_serializable(&SiteView {
            title: &cfg.title,
            description: &cfg.description,
            language: &cfg.language,
            base_url: &cfg.base_url,
            root: &urls.root,
            generator: concat!("Roundtable ", env!("CARGO_PKG_VERSION")),
            feed_url: cfg.feeds.then(|| urls.permalink("atom.xml")),
            noindex: !cfg.indexing,
            nav: [
                NavItem { key: "interviews", title: "Interviews", url: urls.url(urls::ARCHIVE_PATH) },
                NavItem { key: "principles", title: "Principles", url: urls.url(urls::PRINCIPLES_PATH) },
                NavItem { key: "panelists", title: "Panelists", url: urls.url(urls::PANELISTS_PATH) },
                NavItem { key: "questions", title: "Questions", url: urls.url(urls::QUESTIONS_PATH) },
                NavItem { key: "calibration", title: "Calibration", url: urls.url(urls::CALIBRATION_PATH) },
            ],
            search_url: urls.url(urls::SEARCH_PATH),
        });
        Globals { site: value, memo: insights::Memo::new(site), cards: views::Cards::new(site, urls) }
    }
}

/// The `page` variable: what `<head>` needs.
#[derive(Serialize)]
pub(super) struct Meta {
    title: String,
    description: String,
    url: String,
    permalink: String,
    kind: &'static str,
    /// The nav section the page belongs to (a nav item's `key`).
    section: &'static str,
    og_type: &'static str,
    /// The page's own Atom feed, if it has one (principle and panelist pages).
    feed_url: Option<String>,
}

impl Meta {
    pub(super) fn new(urls: &Urls, path: &str, title: &str, description: String, kind: &'static str) -> Self {
        Meta {
            title: title.to_string(),
            description,
            url: urls.url(path),
            permalink: urls.permalink(path),
            kind,
            section: section_of(kind),
            og_type: if kind == "interview" { "article" } else { "website" },
            feed_url: None,
        }
    }

    pub(super) fn with_feed(mut self, site: &Site, urls: &Urls, path: &str) -> Self {
        self.feed_url = site.config.feeds.then(|| urls.permalink(&format!("{path}atom.xml")));
        self
    }
}

/// The nav section of a kind of page: interviews and their listings by role,
/// level and tag belong to "interviews"; other kinds are their own section.
fn section_of(kind: &'static str) -> &'static str {
    match kind {
        "interview" | "archive" | "role" | "level" | "tag" | "roles" | "levels" | "tags" => "interviews",
        "principle" => "principles",
        "panelist" => "panelists",
        "question" => "questions",
        other => other,
    }
}

/// The title of page `page` (0-based) of a listing named `name`.
pub(super) fn paged(name: &str, page: usize) -> String {
    if page == 0 {
        name.to_string()
    } else {
        format!("{name} (page {})", page + 1)
    }
}

/// One page's inputs: the graph, URLs, shared values and the context to fill.
pub(super) struct Page<'c, 'a> {
    pub(super) site: &'a Site,
    pub(super) urls: &'c Urls,
    pub(super) globals: &'c Globals<'a>,
    pub(super) ctx: &'c mut Context,
}

/// Fills `ctx` with the variables of `job`'s template and returns its `page` metadata.
pub(super) fn context<'a>(
    site: &'a Site,
    urls: &Urls,
    globals: &Globals<'a>,
    job: &Job,
    ctx: &mut Context,
) -> Meta {
    let mut p = Page { site, urls, globals, ctx };
    match *job {
        Job::Home => p.home(),
        Job::Interview(i) => p.interview(i),
        Job::Principles => p.principles(),
        Job::Principle(k, page) => p.principle(k, page),
        Job::Panelists => p.panelists(),
        Job::Panelist(k, page) => p.panelist(k, page),
        Job::Role(t, page) => p.term(TermKind::Role, t, page),
        Job::Level(t, page) => p.term(TermKind::Level, t, page),
        Job::Tag(t, page) => p.term(TermKind::Tag, t, page),
        Job::Roles => p.terms(TermKind::Role),
        Job::Levels => p.terms(TermKind::Level),
        Job::Tags => p.terms(TermKind::Tag),
        Job::Archive(page) => p.archive(page),
        Job::Questions => p.questions(),
        Job::Question(q, page) => p.question(q, page),
        Job::NotFound => {
            Meta::new(urls, "404.html", "Page not found", "This page does not exist.".into(), "404")
        }
        Job::Search => p.search(),
        Job::Calibration => p.calibration(),
        Job::PrincipleGuide(k) => p.guide(k, None),
        Job::CellGuide(k, level) => p.guide(k, Some(level)),
    }
}

use super::browse::TermKind;

impl Page<'_, '_> {
    fn home(&mut self) -> Meta {
        let (site, urls, cfg) = (self.site, self.urls, &self.site.config);
        let latest: Vec<Value> = site.all().into_iter().take(12).map(|i| self.globals.cards.get(i)).collect();
        self.ctx.insert("latest", &latest);
        self.ctx.insert("interviews_count", &Tally::of(site, site.interviews.len()));
        self.ctx.insert("panelists_count", &Tally::of(site, site.panelists.len()));
        let used: Vec<_> =
            views::principle_summaries(site, urls).into_iter().filter(|p| p.url.is_some()).collect();
        self.ctx.insert("principles", &used);
        let search = urls.url(urls::SEARCH_PATH);
        self.ctx.insert("verdicts", &views::linked_verdict_counts(site, &site.all(), &search, None));
        let k = cfg.min_group;
        self.ctx.insert("roles", &views::term_summaries(&site.roles, urls, views::role_path, k));
        self.ctx.insert("levels", &views::terms_in_order(&site.levels, urls, views::level_path, k));
        let mut tags = views::term_summaries(&site.tags, urls, views::tag_path, k);
        tags.truncate(HOME_TAGS);
        self.ctx.insert("tags", &tags);
        self.ctx.insert("archive_url", &urls.url(urls::ARCHIVE_PATH));
        self.ctx.insert("matrix", &views::matrix(site, urls));
        let description = if cfg.description.is_empty() {
            format!(
                "{} of interview answers",
                Tally::of(site, site.interviews.len()).words("panel review", "panel reviews")
            )
        } else {
            cfg.description.clone()
        };
        Meta::new(urls, "", &cfg.title, description, "home")
    }

    fn interview(&mut self, i: usize) -> Meta {
        let (site, urls) = (self.site, self.urls);
        let view = views::interview(site, urls, &self.globals.cards, i);
        let iv = &site.interviews[i];
        let description = if !iv.summary.is_empty() {
            iv.summary.clone()
        } else if !iv.excerpt.is_empty() {
            iv.excerpt.clone()
        } else {
            let experts = count(iv.panelists.len(), "expert reviews", "experts review");
            format!("{experts} a {} interview: {}", iv.role, iv.title)
        };
        self.ctx.insert("interview", &view);
        Meta::new(urls, &views::interview_path(&iv.slug), &iv.title, description, "interview")
    }

    fn principles(&mut self) -> Meta {
        let (site, urls) = (self.site, self.urls);
        self.ctx.insert("principles", &views::principle_summaries(site, urls));
        let description = format!("Interviews by leadership principle on {}", site.config.title);
        Meta::new(urls, urls::PRINCIPLES_PATH, "Principles", description, "principles")
    }

    fn principle(&mut self, p: usize, page: usize) -> Meta {
        let (site, urls, globals) = (self.site, self.urls, self.globals);
        let pr = &site.config.principles[p];
        let base = views::principle_path(&pr.slug);
        let path = views::page_path(&base, page);
        let listing = views::listing(
            urls,
            &globals.cards,
            &pr.name,
            &pr.slug,
            &base,
            &site.by_principle[p],
            globals.memo.verdicts(site, insights::Listed::Principle(p)),
            page,
        );
        let no_insights = insights::PrincipleInsights { most_active: Vec::new(), concern_terms: Vec::new() };
        #[derive(Serialize)]
        struct PrincipleView<'a, 'm> {
            #[serde(flatten)]
            listing: views::Listing<'a>,
            description: &'a str,
            #[serde(flatten)]
            insights: &'m insights::PrincipleInsights<'a>,
            feed_url: Option<String>,
        }
        self.ctx.insert(
            "principle",
            &PrincipleView {
                listing,
                description: &pr.description,
                // Only the first page carries the insights: the live server
                // re-renders later pages only when their interviews change.
                insights: if page == 0 { globals.memo.principle(site, urls, p) } else { &no_insights },
                feed_url: site.config.feeds.then(|| urls.permalink(&format!("{base}atom.xml"))),
            },
        );
        let reviewed =
            Tally::of(site, site.by_principle[p].len()).words("reviewed interview", "reviewed interviews");
        let description = format!("{reviewed} for {}: {}", pr.name, pr.description);
        Meta::new(urls, &path, &paged(&pr.name, page), description, "principle").with_feed(site, urls, &base)
    }

    fn panelists(&mut self) -> Meta {
        let (site, urls) = (self.site, self.urls);
        self.ctx.insert("panelists", &views::panelist_summaries(site, urls));
        self.ctx.insert("panelists_count", &Tally::of(site, site.panelists.len()));
        let description = format!("Every panelist on {}", site.config.title);
        Meta::new(urls, urls::PANELISTS_PATH, "Panelists", description, "panelists")
    }

    fn panelist(&mut self, k: usize, page: usize) -> Meta {
        let (site, urls, globals) = (self.site, self.urls, self.globals);
        let p = &site.panelists[k];
        let base = views::panelist_path(&p.slug);
        let path = views::page_path(&base, page);
        let insights = globals.memo.panelist(site, urls, k);
        self.ctx.insert("panelist", &views::panelist_page(site, urls, &globals.cards, k, page, insights));
        let description = format!(
            "{} ({}) reviewed {}",
            p.name,
            p.roles.join(", "),
            Tally::of(site, p.appearances.len()).words("interview", "interviews")
        );
        Meta::new(urls, &path, &paged(&p.name, page), description, "panelist").with_feed(site, urls, &base)
    }

    fn search(&mut self) -> Meta {
        let (site, urls) = (self.site, self.urls);
        self.ctx.insert("search", &crate::search::page_view(site, urls));
        let reviews = Tally::of(site, site.interviews.len()).words("panel review", "panel reviews");
        let description = format!("Search {reviews} on {}", site.config.title);
        Meta::new(urls, urls::SEARCH_PATH, "Search", description, "search")
    }

    fn calibration(&mut self) -> Meta {
        let (site, urls) = (self.site, self.urls);
        self.ctx.insert("calibration", &calibration::grid(site, urls));
        let description = format!(
            "Verdicts by leadership principle and level on {}: what the panels credited and what sank it",
            site.config.title
        );
        Meta::new(urls, urls::CALIBRATION_PATH, "Calibration", description, "calibration")
    }

    fn guide(&mut self, principle: usize, level: Option<Option<usize>>) -> Meta {
        let (site, urls) = (self.site, self.urls);
        let view = calibration::guide::view(site, urls, &self.globals.cards, principle, level);
        let title = match view.level {
            Some(l) => format!("Calibration: {} at {l}", view.principle.name),
            None => format!("Calibration: {}", view.principle.name),
        };
        let description = format!(
            "What separates a hire from a no-hire on {}{}: what the panels credited, what sank it, exemplars of each side",
            view.principle.name,
            view.level.map(|l| format!(" at {l}")).unwrap_or_default()
        );
        let path = view.url.strip_prefix(urls.root.as_str()).unwrap_or(&view.url).to_string();
        self.ctx.insert("guide", &view);
        Meta::new(urls, &path, &title, description, "calibration-guide")
    }
}
