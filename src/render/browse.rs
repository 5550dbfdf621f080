//! The pages a reader walks the knowledge base by: the archive of every
//! interview, the indexes of roles, levels and tags, a role's, level's or tag's
//! listing, and the questions with their answers side by side. One function per
//! kind of page fills its template's variables (docs/theming.md).

use serde::Serialize;
use tera::Value;

use super::insights::{self, Listed};
use super::pages::{paged, Meta, Page};
use super::tally::Tally;
use super::urls;
use super::views::{self, TermSummary};
use crate::model::Term;
use crate::wording::count;

/// Which kind of term a `term.html` or `terms.html` page shows.
#[derive(Debug, Clone, Copy)]
pub enum TermKind {
    Role,
    Level,
    Tag,
}

impl TermKind {
    /// `role`: the page kind and the search filter's name.
    fn key(self) -> &'static str {
        match self {
            TermKind::Role => "role",
            TermKind::Level => "level",
            TermKind::Tag => "tag",
        }
    }

    /// `Role`, as a kicker.
    fn label(self) -> &'static str {
        match self {
            TermKind::Role => "Role",
            TermKind::Level => "Level",
            TermKind::Tag => "Tag",
        }
    }

    /// `Roles`: the index's title.
    fn plural(self) -> &'static str {
        match self {
            TermKind::Role => "Roles",
            TermKind::Level => "Levels",
            TermKind::Tag => "Tags",
        }
    }

    /// The index page's site path.
    fn index_path(self) -> &'static str {
        match self {
            TermKind::Role => urls::ROLES_PATH,
            TermKind::Level => urls::LEVELS_PATH,
            TermKind::Tag => urls::TAGS_PATH,
        }
    }

    /// The site path of one term's listing.
    fn path(self) -> fn(&str) -> String {
        match self {
            TermKind::Role => views::role_path,
            TermKind::Level => views::level_path,
            TermKind::Tag => views::tag_path,
        }
    }

    fn terms(self, site: &crate::model::Site) -> &[Term] {
        match self {
            TermKind::Role => &site.roles,
            TermKind::Level => &site.levels,
            TermKind::Tag => &site.tags,
        }
    }

    fn listed(self, t: usize) -> Listed {
        match self {
            TermKind::Role => Listed::Role(t),
            TermKind::Level => Listed::Level(t),
            TermKind::Tag => Listed::Tag(t),
        }
    }
}

/// `{name, url}`: a breadcrumb step.
#[derive(Debug, Serialize)]
struct Crumb {
    name: &'static str,
    url: String,
}

/// One answer to a question, as `question.html` shows it.
#[derive(Debug, Serialize)]
struct Answer {
    /// The interview's Card.
    interview: Value,
    /// The first sentence of the panel's consensus (may be empty).
    lead: String,
}

/// A question in the index.
#[derive(Debug, Serialize)]
struct QuestionSummary<'a> {
    text: &'a str,
    slug: &'a str,
    url: String,
    count: Tally,
    /// Answers judged on the hire side, and on the no-hire side.
    hire: Tally,
    no_hire: Tally,
}

/// The first sentence of `text`: up to the first `.`, `!` or `?` followed by a
/// space or the end (`e.g.` style abbreviations inside may cut it short, which a
/// lead can bear).
pub fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (k, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(k + 1).is_none_or(|c| c.is_ascii_whitespace()) {
            return &text[..=k];
        }
    }
    text
}

impl Page<'_, '_> {
    /// `/interviews/`: every interview, newest first, paginated.
    pub(super) fn archive(&mut self, page: usize) -> Meta {
        let (site, urls, globals) = (self.site, self.urls, self.globals);
        let base = urls::ARCHIVE_PATH;
        let all = site.all();
        let search = urls.url(urls::SEARCH_PATH);
        let verdicts = Value::from_serializable(&views::linked_verdict_counts(site, &all, &search, None));
        let listing = views::listing(urls, &globals.cards, "Interviews", "", base, &all, verdicts, page);
        self.ctx.insert("archive", &listing);
        let description = format!(
            "Every {} on {}, newest first",
            Tally::of(site, all.len()).words("panel review", "panel reviews"),
            site.config.title
        );
        Meta::new(urls, &views::page_path(base, page), &paged("All interviews", page), description, "archive")
    }

    /// `/roles/`, `/levels/`, `/tags/`: every term with its count.
    pub(super) fn terms(&mut self, kind: TermKind) -> Meta {
        let (site, urls) = (self.site, self.urls);
        #[derive(Serialize)]
        struct TermsView<'a> {
            kind: &'static str,
            kind_label: &'static str,
            title: &'static str,
            terms: Vec<TermSummary<'a>>,
        }
        let terms = views::terms_in_order(kind.terms(site), urls, kind.path(), site.config.min_group);
        let title = kind.plural();
        let description = format!("Interviews on {} by {}", site.config.title, title.to_lowercase());
        self.ctx.insert("terms", &TermsView { kind: kind.key(), kind_label: kind.label(), title, terms });
        let page_kind = match kind {
            TermKind::Role => "roles",
            TermKind::Level => "levels",
            TermKind::Tag => "tags",
        };
        Meta::new(urls, kind.index_path(), title, description, page_kind)
    }

    /// A role's, level's or tag's listing: the same header, feed and insights as
    /// a principle's.
    pub(super) fn term(&mut self, kind: TermKind, t: usize, page: usize) -> Meta {
        let (site, urls, globals) = (self.site, self.urls, self.globals);
        let term = &kind.terms(site)[t];
        let base = (kind.path())(&term.slug);
        let path = views::page_path(&base, page);
        let listed = kind.listed(t);
        #[derive(Serialize)]
        struct TermView<'a, 'm> {
            #[serde(flatten)]
            listing: views::Listing<'a>,
            kind: &'static str,
            kind_label: &'static str,
            /// The index of every term of this kind.
            index: Crumb,
            #[serde(flatten)]
            insights: &'m insights::PrincipleInsights<'a>,
            feed_url: Option<String>,
        }
        let listing = views::listing(
            urls,
            &globals.cards,
            &term.name,
            &term.slug,
            &base,
            &term.interviews,
            globals.memo.verdicts(site, listed),
            page,
        );
        let no_insights = insights::PrincipleInsights { most_active: Vec::new(), concern_terms: Vec::new() };
        self.ctx.insert(
            "term",
            &TermView {
                listing,
                kind: kind.key(),
                kind_label: kind.label(),
                index: Crumb { name: kind.plural(), url: urls.url(kind.index_path()) },
                // The first page only, as on principle pages.
                insights: if page == 0 { globals.memo.listing(site, urls, listed) } else { &no_insights },
                feed_url: site.config.feeds.then(|| urls.permalink(&format!("{base}atom.xml"))),
            },
        );
        let reviewed =
            Tally::of(site, term.interviews.len()).words("reviewed interview", "reviewed interviews");
        let description = format!("{reviewed} for {} {}", kind.key(), term.name);
        Meta::new(urls, &path, &paged(&term.name, page), description, kind.key()).with_feed(site, urls, &base)
    }

    /// `/questions/`: every question asked, most answered first.
    pub(super) fn questions(&mut self) -> Meta {
        let (site, urls) = (self.site, self.urls);
        let mut list: Vec<QuestionSummary> = site
            .questions
            .iter()
            .map(|q| {
                let hire = q.interviews.iter().filter(|&&i| site.interviews[i].verdict.is_positive()).count();
                QuestionSummary {
                    text: &q.name,
                    slug: &q.slug,
                    url: urls.url(&views::question_path(&q.slug)),
                    count: Tally::of(site, q.interviews.len()),
                    hire: Tally::of(site, hire),
                    no_hire: Tally::of(site, q.interviews.len() - hire),
                }
            })
            .collect();
        list.sort_by(|a, b| {
            (b.count.value.cmp(&a.count.value)).then_with(|| crate::model::terms::natural_cmp(a.slug, b.slug))
        });
        self.ctx.insert("questions", &list);
        let description = format!(
            "{} asked in the interviews on {}, each with its answers side by side",
            count(list.len(), "question", "questions"),
            site.config.title
        );
        Meta::new(urls, urls::QUESTIONS_PATH, "Questions", description, "questions")
    }

    /// One question's answers, hire side and no-hire side apart, paginated.
    pub(super) fn question(&mut self, q: usize, page: usize) -> Meta {
        let (site, urls, globals) = (self.site, self.urls, self.globals);
        let term = &site.questions[q];
        let base = views::question_path(&term.slug);
        let path = views::page_path(&base, page);
        let answer = |i: usize| Answer {
            interview: globals.cards.get(i),
            lead: first_sentence(&site.interviews[i].consensus_lead).to_string(),
        };
        let shown = views::page_slice(&term.interviews, page);
        let (hire, no_hire): (Vec<usize>, Vec<usize>) =
            shown.iter().partition(|&&i| site.interviews[i].verdict.is_positive());
        #[derive(Serialize)]
        struct QuestionView<'a> {
            text: &'a str,
            slug: &'a str,
            url: String,
            count: Tally,
            verdicts: Vec<views::VerdictCount>,
            /// This page's answers judged on the hire side, newest first.
            hire: Vec<Answer>,
            /// This page's answers judged on the no-hire side, newest first.
            no_hire: Vec<Answer>,
            /// How many answers each side of this page holds, as published.
            hire_count: Tally,
            no_hire_count: Tally,
            pagination: views::Pagination,
        }
        self.ctx.insert(
            "question",
            &QuestionView {
                text: &term.name,
                slug: &term.slug,
                url: urls.url(&base),
                count: Tally::of(site, term.interviews.len()),
                verdicts: views::verdict_counts(site, &term.interviews),
                hire_count: Tally::of(site, hire.len()),
                no_hire_count: Tally::of(site, no_hire.len()),
                hire: hire.into_iter().map(answer).collect(),
                no_hire: no_hire.into_iter().map(answer).collect(),
                pagination: views::pagination(urls, &base, page, term.interviews.len()),
            },
        );
        let description = format!(
            "{} to “{}”, hire side and no-hire side apart",
            Tally::of(site, term.interviews.len()).words("answer", "answers"),
            term.name
        );
        Meta::new(urls, &path, &paged(&term.name, page), description, "question")
    }
}

#[cfg(test)]
mod tests {
    use super::first_sentence;

    #[test]
    fn a_lead_is_its_first_sentence() {
        assert_eq!(first_sentence("Hire. The data was solid."), "Hire.");
        assert_eq!(first_sentence("Version 2.5 shipped! Then more."), "Version 2.5 shipped!");
        assert_eq!(first_sentence("No full stop"), "No full stop");
        assert_eq!(first_sentence(""), "");
    }
}
