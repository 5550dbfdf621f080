//! The redaction step: between loading and the graph, a build profile turns the
//! loaded interviews into [`Published`] ones. The graph ([`crate::model::Site`])
//! is built only from a [`Published`], and only [`publish`] makes one, so every
//! later stage (pages, search index, feeds, sitemap, meta tags, export) sees the
//! redacted interviews and nothing else: a template that prints a field cannot
//! reach a value the profile dropped, because the value is no longer there.
//!
//! Without a profile [`publish`] hands the interviews through untouched (the
//! unprofiled build is the same byte for byte). With one, each interview is
//! rewritten by [`redact_one`], which takes the interview apart field by field:
//! a field added to [`Interview`] later does not compile until it is handled.

pub mod html;
pub mod library;
pub mod names;
pub mod pii;
pub mod pseudonym;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::{terms, Interview, Panelist, Question, Section, Sources, Turn};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::profile::{Field, Profile};
use crate::slug::{slugify, slugify_capped};
use names::{Form, Replacer};

/// What replaces a dropped candidate's name in the texts of its interview.
pub const CANDIDATE: &str = "the candidate";
/// What replaces a dropped company's name in the texts of its interview.
pub const COMPANY: &str = "the company";

/// Interviews as the build publishes them: redacted by the build's profile, or
/// as loaded without one. Only [`publish`] makes one.
#[derive(Debug, Clone)]
pub struct Published {
    interviews: Vec<Arc<Interview>>,
    profile: Option<String>,
}

impl Published {
    /// The interviews, for the graph.
    pub fn into_interviews(self) -> Vec<Arc<Interview>> {
        self.interviews
    }

    /// The interviews.
    pub fn interviews(&self) -> &[Arc<Interview>] {
        &self.interviews
    }

    /// The profile they were published under, if any.
    pub fn profile(&self) -> Option<&str> {
        self.profile.as_deref()
    }
}

/// Applies the profile of `config` (if any) to `interviews`: leaves out the
/// excluded ones, drops fields and sections, checks for e-mail addresses and
/// phone numbers (`check_pii`), and replaces names. Errors are the PII found.
pub fn publish(config: &Config, interviews: Vec<Arc<Interview>>) -> Result<Published, Diagnostics> {
    match Redactor::new(config, &interviews) {
        None => Ok(Published { interviews, profile: None }),
        Some(redactor) => redactor.publish(config, interviews),
    }
}

/// A profile's redaction of one library: what the whole library decides (the
/// pseudonyms, every name to replace), kept by the live server between edits so
/// that an edit redacts only the interviews it touched.
pub struct Redactor {
    profile: Arc<Profile>,
    census: library::Census,
    table: Table,
}

impl Redactor {
    /// The redaction of `interviews` (every loaded one) under the profile of
    /// `config`; `None` without a profile.
    pub fn new(config: &Config, interviews: &[Arc<Interview>]) -> Option<Redactor> {
        let profile = config.profile.clone()?;
        let census = library::Census::of(interviews);
        let table = Table::of(&profile, &census);
        Some(Redactor { profile, census, table })
    }

    /// `interviews` as the profile publishes them, under this library's table.
    pub fn publish(
        &self,
        config: &Config,
        interviews: Vec<Arc<Interview>>,
    ) -> Result<Published, Diagnostics> {
        let (profile, table) = (&self.profile, &self.table);
        let results: Vec<(Option<Interview>, Vec<Diagnostic>)> = interviews
            .par_iter()
            .map(|iv| {
                if excluded(profile, iv) {
                    return (None, Vec::new());
                }
                let (iv, ds) = redact_one(&config.root, profile, table, iv);
                (Some(iv), ds)
            })
            .collect();
        let mut diagnostics = Diagnostics::default();
        let mut out = Vec::with_capacity(results.len());
        for (iv, ds) in results {
            diagnostics.extend(ds);
            out.extend(iv.map(Arc::new));
        }
        if diagnostics.has_errors() {
            diagnostics.sort();
            return Err(diagnostics);
        }
        Ok(Published { interviews: out, profile: Some(profile.name.clone()) })
    }

    /// The edited interviews (new versions of loaded ones, or new ones) as
    /// published, one for one, when the edit leaves every pseudonym and name
    /// replacement of the library as it was and none of them is excluded: then the
    /// other interviews' redaction stands. `None` when the library must be
    /// redacted anew (make a new `Redactor` then: this one has counted the edit).
    pub fn republish(
        &mut self,
        config: &Config,
        edited: Vec<Arc<Interview>>,
    ) -> Option<Result<Published, Diagnostics>> {
        let same = self.census.update(&edited);
        if !same || edited.iter().any(|iv| excluded(&self.profile, iv)) {
            return None;
        }
        Some(self.publish(config, edited))
    }
}

/// True when `iv` carries a tag the profile excludes.
pub fn excluded(profile: &Profile, iv: &Interview) -> bool {
    !profile.exclude_tags.is_empty() && iv.tags.iter().any(|t| profile.exclude_tags.contains(&slugify(t)))
}

/// What the whole library contributes to each interview's redaction: the
/// pseudonyms, and the full names of every panelist (someone may be named in an
/// interview they do not sit on).
struct Table {
    /// Pseudonym by panelist slug (empty without `pseudonymize`).
    pseudonyms: HashMap<String, String>,
    /// Every panelist's full name (two words or more) → pseudonym.
    everyone: Replacer,
}

impl Table {
    fn of(profile: &Profile, census: &library::Census) -> Table {
        if !profile.pseudonymize {
            return Table { pseudonyms: HashMap::new(), everyone: Replacer::new() };
        }
        let first_seen = census.first_seen();
        let people = first_seen
            .iter()
            .map(|(slug, date, _)| pseudonym::Person { first_seen: *date, slug: (*slug).to_string() })
            .collect();
        let key = pseudonym::key(&profile.pseudonym_key);
        let pseudonyms = pseudonym::assign(key, people, &census.name_words());
        let mut everyone = Replacer::new();
        for (slug, _, name) in first_seen {
            if names::name_words(name).len() > 1 {
                if let Some(p) = pseudonyms.get(slug) {
                    everyone.add(name, p, false, false);
                }
            }
        }
        Table { pseudonyms, everyone }
    }
}

/// One interview as the profile publishes it, and the PII found in it.
fn redact_one(root: &Path, profile: &Profile, table: &Table, iv: &Interview) -> (Interview, Vec<Diagnostic>) {
    let drops = |f: Field| profile.drops(f);
    // The names of this interview: its own panel first, then its candidate and
    // company when dropped.
    let mut own = Replacer::new();
    for p in &iv.panelists {
        if let Some(pseudonym) = table.pseudonyms.get(&p.slug) {
            own.add(&p.name, pseudonym, true, false);
        }
    }
    if let (true, Some(c)) = (drops(Field::Candidate), &iv.candidate) {
        own.add(c, CANDIDATE, true, true);
    }
    if drops(Field::Company) && !iv.company.is_empty() {
        own.add(&iv.company, COMPANY, false, true);
    }
    let video = if drops(Field::Video) { iv.video.as_str() } else { "" };
    let layers = [&own, &table.everyone];
    let f = |text: &str, form: Form| -> Cow<'static, str> {
        let mut t = names::replace(&layers, text, form).into_owned();
        if !video.is_empty() && t.contains(video) {
            t = t.replace(video, "");
        }
        Cow::Owned(t)
    };
    let text = |s: &str| f(s, Form::Text).into_owned();
    let html = |s: &str| html::rewrite(s, &|t, form| f(t, form)).into_owned();

    let kept_section = |s: &Section| !profile.drop_sections.contains(&slugify(&s.title));
    let pii = if profile.check_pii { find_pii(root, profile, iv, &kept_section) } else { Vec::new() };

    // Every field, by name: adding one to `Interview` fails to compile here.
    let Interview {
        source,
        dir,
        slug,
        title,
        date,
        principles,
        role,
        level,
        company,
        verdict,
        video: video_url,
        summary,
        excerpt,
        draft,
        tags,
        question,
        candidate,
        panelists,
        intro_html,
        turns,
        consensus_html,
        consensus_lead,
        sections,
        assets,
        sources,
    } = iv;
    let keep_sections: Vec<bool> = sections.iter().map(kept_section).collect();
    let redacted = Interview {
        source: source.clone(),
        dir: dir.clone(),
        slug: slugify(&f(slug, Form::Slug)),
        title: text(title),
        date: *date,
        principles: principles.clone(),
        role: text(role),
        level: if drops(Field::Level) { None } else { level.as_deref().map(text) },
        company: if drops(Field::Company) { String::new() } else { text(company) },
        verdict: *verdict,
        video: if drops(Field::Video) { String::new() } else { video_url.clone() },
        summary: if drops(Field::Summary) { String::new() } else { text(summary) },
        excerpt: text(excerpt),
        draft: *draft,
        tags: if drops(Field::Tags) { Vec::new() } else { tags.iter().map(|t| text(t)).collect() },
        question: if drops(Field::Question) {
            None
        } else {
            question.as_ref().map(|q| {
                let text = text(&q.text);
                let slug = slugify_capped(&text, crate::content::QUESTION_SLUG_MAX);
                Question { text, slug }
            })
        },
        candidate: if drops(Field::Candidate) { None } else { candidate.as_deref().map(text) },
        panelists: panelists.iter().map(|p| redact_panelist(profile, table, p, &text)).collect(),
        intro_html: html(intro_html),
        turns: turns.iter().map(|t| Turn { speaker: t.speaker, html: html(&t.html) }).collect(),
        consensus_html: html(consensus_html),
        consensus_lead: text(consensus_lead),
        sections: sections
            .iter()
            .zip(&keep_sections)
            .filter(|(_, keep)| **keep)
            .map(|(s, _)| Section {
                title: text(&s.title),
                anchor: slugify(&f(&s.anchor, Form::Slug)),
                html: html(&s.html),
            })
            .collect(),
        assets: assets.clone(),
        sources: sources.as_ref().map(|s| {
            let Sources { intro, turns, consensus, sections } = &**s;
            Box::new(Sources {
                intro: text(intro),
                turns: turns.iter().map(|t| text(t)).collect(),
                consensus: consensus.as_deref().map(text),
                sections: sections
                    .iter()
                    .zip(&keep_sections)
                    .filter(|(_, keep)| **keep)
                    .map(|(s, _)| text(s))
                    .collect(),
            })
        }),
    };
    (redacted, pii)
}

fn redact_panelist(
    profile: &Profile,
    table: &Table,
    p: &Panelist,
    text: &dyn Fn(&str) -> String,
) -> Panelist {
    let Panelist { name, slug, role, hire_reason, concern, vote, reason_terms: _, concern_terms: _, turns } =
        p;
    let name = table.pseudonyms.get(slug).cloned().unwrap_or_else(|| name.clone());
    let hire_reason = if profile.drops(Field::HireReason) { None } else { hire_reason.as_deref().map(text) };
    let concern = if profile.drops(Field::Concern) { None } else { concern.as_deref().map(text) };
    Panelist {
        slug: slugify(&name),
        name,
        role: text(role),
        reason_terms: hire_reason.as_deref().map(terms::meaningful).unwrap_or_default(),
        concern_terms: concern.as_deref().map(terms::meaningful).unwrap_or_default(),
        hire_reason,
        concern,
        vote: if profile.drops(Field::Vote) { None } else { *vote },
        turns: *turns,
    }
}

/// The e-mail addresses and phone numbers in what `iv` publishes under
/// `profile` (dropped fields and sections are not published, so not checked).
fn find_pii(
    root: &Path,
    profile: &Profile,
    iv: &Interview,
    kept: &dyn Fn(&Section) -> bool,
) -> Vec<Diagnostic> {
    let drops = |f: Field| profile.drops(f);
    let mut texts: Vec<Cow<'_, str>> =
        vec![iv.title.as_str().into(), iv.role.as_str().into(), iv.excerpt.as_str().into()];
    fn add<'a>(texts: &mut Vec<Cow<'a, str>>, keep: bool, s: Option<&'a str>) {
        if let (true, Some(s)) = (keep, s) {
            texts.push(s.into());
        }
    }
    let t = &mut texts;
    add(t, !drops(Field::Company), Some(&iv.company));
    add(t, !drops(Field::Summary), Some(&iv.summary));
    add(t, !drops(Field::Candidate), iv.candidate.as_deref());
    add(t, !drops(Field::Question), iv.question.as_ref().map(|q| q.text.as_str()));
    for tag in iv.tags.iter().filter(|_| !drops(Field::Tags)) {
        add(t, true, Some(tag));
    }
    for p in &iv.panelists {
        add(t, true, Some(&p.name));
        add(t, true, Some(&p.role));
        add(t, !drops(Field::HireReason), p.hire_reason.as_deref());
        add(t, !drops(Field::Concern), p.concern.as_deref());
    }
    let mut html_parts: Vec<&str> = vec![&iv.intro_html, &iv.consensus_html];
    html_parts.extend(iv.turns.iter().map(|t| t.html.as_str()));
    html_parts
        .extend(iv.sections.iter().filter(|s| kept(s)).flat_map(|s| [s.title.as_str(), s.html.as_str()]));
    texts.extend(html_parts.into_iter().map(html::decode_entities));
    let mut found: Vec<(pii::Kind, String)> = Vec::new();
    for t in &texts {
        for hit in pii::find(t) {
            if !found.contains(&hit) {
                found.push(hit);
            }
        }
    }
    if found.is_empty() {
        return Vec::new();
    }
    // Only on a find: the file is read again to say on which line it is.
    let file = std::fs::read_to_string(root.join(&iv.source)).unwrap_or_default();
    found
        .into_iter()
        .map(|(kind, value)| {
            let mut d =
                Diagnostic::error(&iv.source, format!("{} in published text: {value:?}", kind.label()))
                    .with_hint(format!(
                        "remove it, or leave it out of profile {:?} with drop_sections or drop_fields \
                     (check_pii is set there)",
                        profile.name
                    ));
            if let Some(i) = file.lines().position(|l| l.contains(&value)) {
                d = d.at_line(i + 1);
            }
            d
        })
        .collect()
}
