//! Which pages a change touches: the least re-rendering that keeps every page of
//! the served site what a full build would make.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

use crate::model::Site;
use crate::render::pagination::PER_PAGE;
use crate::render::{insights, views, Job, Renderer, PAGE_TEMPLATES};

/// What changed between the last good graph and the new one.
pub struct Touched<'a> {
    /// Templates changed (names under `templates/`).
    pub templates: &'a BTreeSet<String>,
    /// Whether any interview changed; false for template or static changes only.
    pub content: bool,
    /// Positions of the changed interviews in the old graph.
    pub old: &'a [usize],
    /// Positions of the changed interviews in the new graph.
    pub new: &'a [usize],
    /// The new graph was made by [`Site::with_edited`] from the old one: no
    /// interview moved and every list is the same.
    pub links_kept: bool,
}

/// The pages of `new` that show anything `t` touched: the pages of changed
/// templates, and for changed interviews every page that shows them, or showed
/// them, or whose neighbours moved.
pub fn jobs(t: &Touched<'_>, old: &Site, new: &Site, all: &[Job]) -> Vec<Job> {
    let by_template: HashSet<Job> = jobs_for_templates(t.templates, all).into_iter().collect();
    if !t.content {
        return all.iter().copied().filter(|j| by_template.contains(j)).collect();
    }
    if t.links_kept {
        return jobs_links_kept(t.new, old, new, &by_template);
    }
    let (old_t, new_t) = (t.old, t.new);
    let mut slugs: HashSet<&str> = HashSet::new();
    let mut principles: HashSet<usize> = HashSet::new();
    let mut roles: HashSet<String> = HashSet::new();
    let mut levels: HashSet<String> = HashSet::new();
    let mut panelists: HashSet<&str> = HashSet::new();
    let mut tags: HashSet<String> = HashSet::new();
    let mut questions: HashSet<String> = HashSet::new();
    for (site, list) in [(old, old_t), (new, new_t)] {
        for &i in list {
            let iv = &site.interviews[i];
            slugs.insert(&iv.slug);
            principles.extend(iv.principles.iter().copied());
            roles.insert(site.roles[site.role_of[i]].slug.clone());
            if let Some(l) = site.level_of[i] {
                levels.insert(site.levels[l].slug.clone());
            }
            panelists.extend(iv.panelists.iter().map(|p| p.slug.as_str()));
            tags.extend(site.tags_of[i].iter().map(|&t| site.tags[t].slug.clone()));
            questions.extend(site.question_of[i].map(|q| site.questions[q].slug.clone()));
        }
    }
    // When no interview moved and related lists are the same, only pages that
    // show a touched interview as a neighbour change; else compare neighbour
    // lists (related, previous, next) by slug across the two graphs.
    let same_shape = old.interviews.len() == new.interviews.len()
        && old.related == new.related
        && old.interviews.iter().zip(&new.interviews).all(|(a, b)| a.slug == b.slug);
    let touched_index: HashSet<usize> = new_t.iter().copied().collect();
    // Same shape: the interviews whose "other side" contrasts may show a touched
    // one are in its cells, in either graph.
    let contrasted: HashSet<usize> = if same_shape {
        let mates = old.cell_mates(old_t).into_iter().chain(new.cell_mates(new_t));
        let shows = |site: &Site, i: usize| site.contrast(i).iter().any(|j| touched_index.contains(j));
        mates.filter(|&i| shows(old, i) || shows(new, i)).collect()
    } else {
        HashSet::new()
    };
    let moved = headers_moved(old, new, panelists.iter().copied());
    let archive = Archive::compare(old, new);
    let principles_changed = old.by_principle.iter().map(Vec::len).ne(new.by_principle.iter().map(Vec::len));
    let panelists_changed = old.panelists.len() != new.panelists.len()
        || old.panelists.iter().zip(&new.panelists).any(|(a, b)| {
            a.slug != b.slug
                || a.name != b.name
                || a.roles != b.roles
                || a.appearances.len() != b.appearances.len()
        });
    let old_index: HashMap<&str, usize> = if same_shape {
        HashMap::new()
    } else {
        old.interviews.iter().enumerate().map(|(k, i)| (i.slug.as_str(), k)).collect()
    };
    all.iter()
        .copied()
        .filter(|job| {
            by_template.contains(job)
                || match *job {
                    Job::Home => true,
                    Job::Principles => principles_changed,
                    Job::Panelists => panelists_changed,
                    Job::Search => {
                        principles_changed
                            || panelists_changed
                            || terms_changed(&old.roles, &new.roles)
                            || terms_changed(&old.levels, &new.levels)
                            || terms_changed(&old.tags, &new.tags)
                            || archive.all_changed
                    }
                    Job::Calibration => true,
                    Job::NotFound => false,
                    Job::PrincipleGuide(p) | Job::CellGuide(p, _) => principles.contains(&p),
                    Job::Interview(i) if same_shape => {
                        touched_index.contains(&i)
                            || contrasted.contains(&i)
                            || shows_any(new, i, |j| touched_index.contains(j))
                    }
                    Job::Interview(i) => {
                        let slug = new.interviews[i].slug.as_str();
                        let mine = neighbours(new, i);
                        slugs.contains(slug)
                            || mine.iter().any(|s| slugs.contains(s))
                            || old_index.get(slug).is_none_or(|&k| neighbours(old, k) != mine)
                    }
                    Job::Principle(p, page) => {
                        principles.contains(&p)
                            && page_changed(
                                old,
                                new,
                                &old.by_principle[p],
                                &new.by_principle[p],
                                page,
                                &slugs,
                            )
                    }
                    Job::Panelist(k, page) => {
                        let slug = new.panelists[k].slug.as_str();
                        let interviews = |list: &[(usize, usize)]| -> Vec<usize> {
                            list.iter().map(|&(i, _)| i).collect()
                        };
                        panelists.contains(slug) && {
                            let new_list = interviews(&new.panelists[k].appearances);
                            let old_list = old
                                .panelists
                                .binary_search_by(|p| p.slug.as_str().cmp(slug))
                                .map(|o| interviews(&old.panelists[o].appearances))
                                .unwrap_or_default();
                            moved.contains(&k) || page_changed(old, new, &old_list, &new_list, page, &slugs)
                        }
                    }
                    Job::Role(t, page) => {
                        term_page_changed(old, new, &old.roles, &new.roles[t], page, &roles, &slugs)
                    }
                    Job::Level(t, page) => {
                        term_page_changed(old, new, &old.levels, &new.levels[t], page, &levels, &slugs)
                    }
                    Job::Tag(t, page) => {
                        term_page_changed(old, new, &old.tags, &new.tags[t], page, &tags, &slugs)
                    }
                    Job::Question(q, page) => term_page_changed(
                        old,
                        new,
                        &old.questions,
                        &new.questions[q],
                        page,
                        &questions,
                        &slugs,
                    ),
                    Job::Archive(page) => archive.changed(old, new, page, &slugs),
                    Job::Roles => terms_changed(&old.roles, &new.roles),
                    Job::Levels => terms_changed(&old.levels, &new.levels),
                    Job::Tags => terms_changed(&old.tags, &new.tags),
                    Job::Questions => {
                        // It counts the hire side of each question.
                        terms_changed(&old.questions, &new.questions)
                            || questions.iter().any(|q| hire_side(old, q) != hire_side(new, q))
                    }
                }
        })
        .collect()
}

/// [`jobs`] when `new` keeps every link of `old` (interviews at `touched` swapped
/// in place): every list is the same, so nothing needs comparing. An interview
/// page changes when it is or shows an edited interview; a listing page of an
/// edited interview's listing when [`page_changed`] says so, which with equal lists
/// means: the first page, a page that shows an edited interview, or every page when
/// an edit changed a verdict (the verdict mix).
///
/// The pages are named from the edited interviews (their listings, the
/// interviews that show them), never by looking at every page of the site: the
/// work follows the edit, not the size of the library.
fn jobs_links_kept(touched: &[usize], old: &Site, new: &Site, by_template: &HashSet<Job>) -> Vec<Job> {
    let verdict_moved = touched.iter().any(|&i| old.interviews[i].verdict != new.interviews[i].verdict);
    let mut out: HashSet<Job> = by_template.clone();
    // The indexes show names and counts, which kept links keep; the search
    // page's verdict filter counts verdicts, as does the questions index (the
    // hire side of each question).
    out.extend([Job::Home, Job::Calibration]);
    if verdict_moved {
        out.insert(Job::Search);
    }
    let side_moved =
        |i: usize| old.interviews[i].verdict.is_positive() != new.interviews[i].verdict.is_positive();
    if touched.iter().any(|&i| new.question_of[i].is_some() && side_moved(i)) {
        out.insert(Job::Questions);
    }
    // Touched panelists, and those whose header (on every page of theirs) moved.
    let moved = headers_moved_kept(old, new, touched);
    // Listings whose every page changes, by their first page: each listed once.
    let mut whole: HashSet<Job> = HashSet::new();
    // The pages of a listing (interview indexes, ascending) that show edited
    // interview `i` (at `at`), and its first page (the newest and the insights); all of
    // its pages when a verdict moved (every page shows the listing's verdict mix)
    // or `all_pages`. One lookup per interview and listing: a batch of every
    // folder (a rescan) stays linear.
    let mut listing = |out: &mut HashSet<Job>,
                       len: usize,
                       at: std::ops::Range<usize>,
                       all_pages: bool,
                       page: &dyn Fn(usize) -> Job| {
        if all_pages || verdict_moved {
            if whole.insert(page(0)) {
                out.extend((0..views::page_count(len)).map(page));
            }
            return;
        }
        out.insert(page(0));
        if !at.is_empty() {
            out.extend((at.start / PER_PAGE..=(at.end - 1) / PER_PAGE).map(page));
        }
    };
    // Where `i` is in `list` (ascending, repeats side by side).
    let span = |list: &[usize], i: usize| list.partition_point(|&j| j < i)..list.partition_point(|&j| j <= i);
    for &i in touched {
        for &p in &new.interviews[i].principles {
            let list = &new.by_principle[p];
            listing(&mut out, list.len(), span(list, i), false, &|n| Job::Principle(p, n));
            out.insert(Job::PrincipleGuide(p));
            for cell in new.calibration.cells_of(p) {
                if crate::render::calibration::cell_path(new, p, cell.level).is_some() {
                    out.insert(Job::CellGuide(p, cell.level));
                }
            }
        }
        let r = new.role_of[i];
        let list = &new.roles[r].interviews;
        listing(&mut out, list.len(), span(list, i), false, &|n| Job::Role(r, n));
        if let Some(l) = new.level_of[i] {
            let list = &new.levels[l].interviews;
            listing(&mut out, list.len(), span(list, i), false, &|n| Job::Level(l, n));
        }
        for &t in &new.tags_of[i] {
            let list = &new.tags[t].interviews;
            listing(&mut out, list.len(), span(list, i), false, &|n| Job::Tag(t, n));
        }
        if let Some(q) = new.question_of[i] {
            let list = &new.questions[q].interviews;
            listing(&mut out, list.len(), span(list, i), false, &|n| Job::Question(q, n));
        }
        for &k in &new.seats[i] {
            let list = &new.panelists[k].appearances;
            let at = list.partition_point(|&(j, _)| j < i)..list.partition_point(|&(j, _)| j <= i);
            listing(&mut out, list.len(), at, moved.contains(&k), &|n| Job::Panelist(k, n));
        }
        // The interview, the pages that show it as related, its neighbours.
        out.insert(Job::Interview(i));
        out.extend(new.shown_by(i).iter().map(|&j| Job::Interview(j)));
        out.extend(new.previous(i).into_iter().chain(new.next(i)).map(Job::Interview));
        if !verdict_moved {
            out.insert(Job::Archive(i / PER_PAGE));
        }
    }
    if verdict_moved {
        out.extend((0..views::page_count(new.interviews.len())).map(Job::Archive));
    }
    // Contrasts stay within a cell: only the edited interviews' cell mates can
    // show one of them, before or after the edit (same cells in both graphs).
    // `touched` is sorted (see Site::with_edited): a batch of thousands stays cheap.
    let is_touched = |i: &usize| touched.binary_search(i).is_ok();
    let shows = |site: &Site, i: usize| site.contrast(i).iter().any(is_touched);
    out.extend(
        new.cell_mates(touched).into_iter().filter(|&i| shows(old, i) || shows(new, i)).map(Job::Interview),
    );
    out.into_iter().collect()
}

/// The panelists (indexes in `new`) among `slugs` whose header, shown on every page
/// of their listing, changed: their roles, how many interviews, turns, reasons to
/// hire and concerns. Computed once per panelist, not once per page.
fn headers_moved<'s>(old: &Site, new: &Site, slugs: impl Iterator<Item = &'s str>) -> HashSet<usize> {
    let header = |site: &Site, k: usize| {
        let p = &site.panelists[k];
        (p.roles.clone(), p.appearances.len(), insights::signal_split(site, k), insights::turn_count(site, k))
    };
    let find = |site: &Site, slug: &str| site.panelists.binary_search_by(|p| p.slug.as_str().cmp(slug)).ok();
    slugs
        .filter_map(|slug| {
            let k = find(new, slug)?;
            find(old, slug).is_none_or(|o| header(old, o) != header(new, k)).then_some(k)
        })
        .collect()
}

/// [`headers_moved`] when `new` keeps the links of `old` (the interviews at
/// `touched` swapped in place): a panelist's appearances and roles are the same,
/// so their header moved exactly when the edited interviews changed, in sum,
/// their turns, reasons to hire or concerns. Only the edited interviews are
/// looked at, not every appearance (thousands per panelist in a large library).
fn headers_moved_kept(old: &Site, new: &Site, touched: &[usize]) -> HashSet<usize> {
    let mut delta: HashMap<usize, [i64; 3]> = HashMap::new();
    let count = |p: &crate::content::Panelist| {
        [p.turns as i64, i64::from(p.hire_reason.is_some()), i64::from(p.concern.is_some())]
    };
    for &i in touched {
        for (j, &k) in new.seats[i].iter().enumerate() {
            let (a, b) = (count(&old.interviews[i].panelists[j]), count(&new.interviews[i].panelists[j]));
            let d = delta.entry(k).or_default();
            for n in 0..3 {
                d[n] += b[n] - a[n];
            }
        }
    }
    delta.into_iter().filter(|(_, d)| *d != [0; 3]).map(|(k, _)| k).collect()
}

/// Whether interview `i` of `site` shows one that `touched` says was edited:
/// among its related interviews or as its previous or next one.
fn shows_any(site: &Site, i: usize, touched: impl Fn(&usize) -> bool) -> bool {
    site.related[i].iter().chain(site.previous(i).as_ref()).chain(site.next(i).as_ref()).any(touched)
}

/// The positions in `site` of the interviews in folders `dirs`.
pub fn touched(site: &Site, dirs: &BTreeSet<PathBuf>) -> Vec<usize> {
    // Through the folder index: an edit's cost follows the folders it touched,
    // not the size of the library.
    let mut found: Vec<usize> = dirs.iter().filter_map(|d| site.position_of_dir(d)).collect();
    found.sort_unstable();
    found
}

/// Whether page `page` of a touched listing must be re-rendered: its first page
/// (which carries the listing's insights) always; any page when the page count or
/// the verdict mix changed; else when its interviews changed or include a touched one.
fn page_changed(
    old: &Site,
    new: &Site,
    old_list: &[usize],
    new_list: &[usize],
    page: usize,
    touched: &HashSet<&str>,
) -> bool {
    if page == 0
        || views::page_count(old_list.len()) != views::page_count(new_list.len())
        || old.verdict_counts(old_list) != new.verdict_counts(new_list)
    {
        return true;
    }
    page_shows_changed(old, new, old_list, new_list, page, touched)
}

/// Whether page `page` of a listing shows other interviews than before, or a touched one.
fn page_shows_changed(
    old: &Site,
    new: &Site,
    old_list: &[usize],
    new_list: &[usize],
    page: usize,
    touched: &HashSet<&str>,
) -> bool {
    let slugs = |s: &Site, list: &[usize]| -> Vec<String> {
        views::page_slice(list, page).iter().map(|&i| s.interviews[i].slug.clone()).collect()
    };
    let now = slugs(new, new_list);
    now != slugs(old, old_list) || now.iter().any(|s| touched.contains(s.as_str()))
}

/// How many interviews of the question with slug `slug` are on the hire side, as
/// the questions index counts them (0 when `site` has no such question).
fn hire_side(site: &Site, slug: &str) -> usize {
    site.questions
        .iter()
        .find(|t| t.slug == slug)
        .map_or(0, |t| t.interviews.iter().filter(|&&i| site.interviews[i].verdict.is_positive()).count())
}

/// Whether an index of terms shows anything else: a name, slug or count.
fn terms_changed(old: &[crate::model::Term], new: &[crate::model::Term]) -> bool {
    old.len() != new.len()
        || old
            .iter()
            .zip(new)
            .any(|(a, b)| a.slug != b.slug || a.name != b.name || a.interviews.len() != b.interviews.len())
}

/// The archive's lists (every interview), compared once for all its pages.
struct Archive {
    old: Vec<usize>,
    new: Vec<usize>,
    /// The page count or the verdict mix changed: every page changes.
    all_changed: bool,
}

impl Archive {
    fn compare(old: &Site, new: &Site) -> Archive {
        let (o, n) = (old.all(), new.all());
        let all_changed = views::page_count(o.len()) != views::page_count(n.len())
            || old.verdict_counts(&o) != new.verdict_counts(&n);
        Archive { old: o, new: n, all_changed }
    }

    /// [`page_changed`] for page `page` of the archive.
    fn changed(&self, old: &Site, new: &Site, page: usize, touched: &HashSet<&str>) -> bool {
        self.all_changed || page_shows_changed(old, new, &self.old, &self.new, page, touched)
    }
}

/// [`page_changed`] for a role or level page, found in the old graph by slug.
fn term_page_changed(
    old: &Site,
    new: &Site,
    old_terms: &[crate::model::Term],
    term: &crate::model::Term,
    page: usize,
    touched_terms: &HashSet<String>,
    touched: &HashSet<&str>,
) -> bool {
    if !touched_terms.contains(&term.slug) {
        return false;
    }
    let old_list =
        old_terms.iter().find(|t| t.slug == term.slug).map_or(&[][..], |t| t.interviews.as_slice());
    page_changed(old, new, old_list, &term.interviews, page, touched)
}

/// An interview's related, previous and next interviews by slug, comparable across graphs.
fn neighbours(site: &Site, i: usize) -> Vec<&str> {
    let mut v: Vec<&str> = site.related[i].iter().map(|&j| site.interviews[j].slug.as_str()).collect();
    v.push(site.previous(i).map_or("", |j| &site.interviews[j].slug));
    v.push(site.next(i).map_or("", |j| &site.interviews[j].slug));
    v.push("");
    v.extend(site.contrast(i).into_iter().map(|j| site.interviews[j].slug.as_str()));
    v
}

/// Pages to re-render when `templates` changed: the pages of a page template
/// nobody else includes, or every page for a shared template (base, partials).
pub fn jobs_for_templates(templates: &BTreeSet<String>, all: &[Job]) -> Vec<Job> {
    if templates.is_empty() {
        return Vec::new();
    }
    let page_only = templates.iter().all(|t| PAGE_TEMPLATES.contains(&t.as_str()) && t != "base.html");
    if !page_only {
        return all.to_vec();
    }
    all.iter().copied().filter(|j| templates.contains(Renderer::template_of(j))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    use crate::config::Config;
    use crate::content::Interview;

    /// Interview `n` of a generated site: one of three principles, roles and panels.
    fn interview(config: &Config, n: usize, title: &str, verdict: &str) -> Arc<Interview> {
        let principles = ["Ownership", "Dive Deep", "Frugality"];
        let panel = ["Ana Lima", "Ben Okafor", "Carla Mendes"];
        let (p, q) = (principles[n % 3], panel[n % 3]);
        // Levels, tags and questions on some interviews only, so that every kind
        // of listing is there, with and without the edited interview.
        let level = if n % 5 == 0 { String::new() } else { format!("level = \"L{}\"\n", n % 3 + 4) };
        let tags = if n % 4 == 0 { String::new() } else { format!("tags = [\"t{}\", \"all\"]\n", n % 7) };
        let question =
            if n % 3 == 0 { format!("question = \"Question {}?\"\n", n % 2) } else { String::new() };
        let text = format!(
            "+++\ntitle = {title:?}\ndate = 2026-01-{:02}\nprinciples = [{p:?}]\nrole = \"R{}\"\n\
             {level}{tags}{question}verdict = {verdict:?}\n\n[[panelists]]\nname = {q:?}\nrole = \"EM\"\n+++\n\nQ.\n",
            n % 28 + 1,
            n % 2
        );
        let dir = PathBuf::from(format!("/site/content/i{n:03}"));
        let (iv, ds) =
            crate::content::parse(config, &dir.join("index.md"), &text, dir.clone(), Vec::new(), false);
        Arc::new(iv.unwrap_or_else(|| panic!("interview {n} does not parse: {ds:?}")))
    }

    #[test]
    fn kept_links_find_what_the_comparing_path_finds() {
        let config =
            Config::parse(std::path::Path::new("/site"), "title = \"T\"\nbase_url = \"https://e.com\"\n")
                .expect("a valid site.toml");
        // 400 interviews: every listing has several pages; verdicts alternate, so
        // that both sides of every calibration cell are well filled (a flipped
        // verdict then changes the contrasts of its neighbours only).
        let verdict = |n: usize| if n % 2 == 0 { "hire" } else { "no-hire" };
        let all: Vec<Arc<Interview>> =
            (0..400).map(|n| interview(&config, n, &format!("T{n}"), verdict(n))).collect();
        let published = crate::redact::publish(&config, all).expect("no profile");
        let old = Site::build(config.clone(), published).expect("a valid site");
        let jobs = crate::render::all_jobs(&old);
        let none = BTreeSet::new();
        for (n, verdict) in
            [(7, "no-hire"), (123, "hire"), (399, "no-hire"), (8, "no-hire"), (9, "lean-hire"), (300, "hire")]
        {
            let edited = interview(&config, n, "Edited", verdict);
            let (new, positions) = old
                .with_edited(&crate::redact::publish(&config, vec![edited]).expect("no profile"))
                .expect("the links are kept");
            let touched = |links_kept| Touched {
                templates: &none,
                content: true,
                old: &positions,
                new: &positions,
                links_kept,
            };
            let fast = super::jobs(&touched(true), &old, &new, &jobs);
            let compared = super::jobs(&touched(false), &old, &new, &jobs);
            // The fast path names the pages from the edit, in no particular order.
            let set = |v: &[Job]| v.iter().copied().collect::<HashSet<Job>>();
            assert_eq!(fast.len(), set(&fast).len(), "interview {n}: a page named twice");
            assert_eq!(set(&fast), set(&compared), "interview {n}, verdict {verdict}");
            assert!(set(&fast).is_subset(&set(&jobs)), "interview {n}: a page the site does not have");
            assert!(fast.len() < jobs.len() / 4, "interview {n}: {} of {} pages", fast.len(), jobs.len());
        }
    }

    #[test]
    fn template_scope() {
        let all = vec![Job::Home, Job::Interview(0), Job::Principle(0, 0), Job::Role(0, 0)];
        let one: BTreeSet<String> = ["interview.html".to_string()].into();
        assert_eq!(jobs_for_templates(&one, &all), vec![Job::Interview(0)]);
        let term: BTreeSet<String> = ["term.html".to_string()].into();
        assert_eq!(jobs_for_templates(&term, &all), vec![Job::Role(0, 0)]);
        let base: BTreeSet<String> = ["base.html".to_string()].into();
        assert_eq!(jobs_for_templates(&base, &all).len(), 4);
        let partial: BTreeSet<String> = ["partials/card.html".to_string()].into();
        assert_eq!(jobs_for_templates(&partial, &all).len(), 4);
    }
}
