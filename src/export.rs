//! `site export`: the whole knowledge base as data, from the same prepared graph
//! a build renders (so a build profile's redaction applies to it too).
//!
//! - JSON: `{"site", "principles", "panelists", "interviews", "calibration"}`
//!   (DESIGN §6): each interview a [`Record`] (the shape `site import` reads) plus
//!   its absolute `url`; each panelist with their calibration numbers and
//!   `calibration.cells` as the graph holds them ([`crate::model::calibration`]:
//!   nothing is recounted here).
//! - CSV: one row per interview × panelist, with the header [`CSV_HEADER`].
//!
//! Interviews are turned into records one at a time while writing, so an export
//! of 100,000 interviews does not hold a second copy of the library.

use std::io::Write;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::content::Verdict;
use crate::import::record::{trim_blank_lines, Record, RecordPanelist, RecordSection, RecordTurn};
use crate::model::Site;
use crate::render::tally::Tally;
use crate::render::urls::{self, Urls};

/// The formats `site export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON document.
    Json,
    /// One row per interview × panelist.
    Csv,
}

/// The CSV header (DESIGN §6).
pub const CSV_HEADER: [&str; 12] = [
    "slug",
    "date",
    "title",
    "principles",
    "role",
    "level",
    "verdict",
    "panelist",
    "panelist_role",
    "vote",
    "hire_reason",
    "concern",
];

/// Writes `site` in `format` to `out`.
pub fn write(site: &Site, format: Format, out: impl Write) -> std::io::Result<()> {
    match format {
        Format::Json => write_json(site, out),
        Format::Csv => write_csv(site, out),
    }
}

/// Interview `i` of the graph as a record, with its page's URL. Its texts are
/// the Markdown kept at load ([`crate::content::Interview::sources`]; empty when
/// the site was loaded without them).
pub fn record(site: &Site, urls: &Urls, i: usize) -> Record {
    let iv = &site.interviews[i];
    let sources = iv.sources.as_deref().cloned().unwrap_or_default();
    let text = |s: &str| trim_blank_lines(s).to_string();
    let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Record {
        title: iv.title.clone(),
        date: urls::iso_date(iv.date),
        principles: iv.principles.iter().map(|&p| site.config.principles[p].name.clone()).collect(),
        role: iv.role.clone(),
        level: iv.level.clone(),
        company: some(&iv.company),
        verdict: iv.verdict.key().to_string(),
        video: some(&iv.video),
        summary: some(&iv.summary),
        slug: Some(iv.slug.clone()),
        draft: iv.draft.then_some(true),
        tags: iv.tags.clone(),
        question: iv.question.as_ref().map(|q| q.text.clone()),
        candidate: iv.candidate.clone(),
        panelists: iv
            .panelists
            .iter()
            .map(|p| RecordPanelist {
                name: p.name.clone(),
                role: p.role.clone(),
                hire_reason: p.hire_reason.clone(),
                concern: p.concern.clone(),
                vote: p.vote.map(|v| v.key().to_string()),
            })
            .collect(),
        intro: some(trim_blank_lines(&sources.intro)),
        turns: iv
            .turns
            .iter()
            .zip(&sources.turns)
            .map(|(t, md)| RecordTurn { speaker: iv.panelists[t.speaker].name.clone(), text: text(md) })
            .collect(),
        consensus: sources.consensus.as_deref().map(text),
        sections: iv
            .sections
            .iter()
            .zip(&sources.sections)
            .map(|(s, md)| RecordSection { heading: s.title.clone(), text: text(md) })
            .collect(),
        url: Some(urls.permalink(&urls::interview_path(&iv.slug))),
    }
}

#[derive(serde::Serialize)]
struct Export<'a> {
    site: SiteInfo<'a>,
    principles: Vec<PrincipleInfo<'a>>,
    panelists: Vec<PanelistInfo<'a>>,
    interviews: Interviews<'a>,
    calibration: CalibrationInfo<'a>,
}

#[derive(serde::Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    base_url: &'a str,
    description: &'a str,
    language: &'a str,
    /// `null` when below the profile's `min_group` (as every count here).
    interviews: Option<usize>,
}

#[derive(serde::Serialize)]
struct PrincipleInfo<'a> {
    name: &'a str,
    slug: &'a str,
    description: &'a str,
    url: String,
    interviews: Option<usize>,
}

#[derive(serde::Serialize)]
struct PanelistInfo<'a> {
    name: &'a str,
    slug: &'a str,
    url: String,
    interviews: Option<usize>,
    votes: Option<usize>,
    agreement: Option<f64>,
    offset: Option<f64>,
}

/// The interviews, made into records one by one as they are written.
struct Interviews<'a> {
    site: &'a Site,
    urls: &'a Urls,
}

impl Serialize for Interviews<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.site.interviews.len()))?;
        for i in 0..self.site.interviews.len() {
            seq.serialize_element(&record(self.site, self.urls, i))?;
        }
        seq.end()
    }
}

#[derive(serde::Serialize)]
struct CalibrationInfo<'a> {
    cells: Vec<CellInfo<'a>>,
}

#[derive(serde::Serialize)]
struct CellInfo<'a> {
    principle: &'a str,
    level: Option<&'a str>,
    /// `null` when below the profile's `min_group` (as every count here).
    interviews: Option<usize>,
    verdicts: Verdicts,
    split: Vec<&'a str>,
    against_votes: Vec<&'a str>,
}

/// Verdict counts keyed by verdict, in the scale's order.
#[derive(serde::Serialize)]
struct Verdicts {
    #[serde(rename = "strong-hire")]
    strong_hire: Option<usize>,
    hire: Option<usize>,
    #[serde(rename = "lean-hire")]
    lean_hire: Option<usize>,
    #[serde(rename = "lean-no-hire")]
    lean_no_hire: Option<usize>,
    #[serde(rename = "no-hire")]
    no_hire: Option<usize>,
    #[serde(rename = "strong-no-hire")]
    strong_no_hire: Option<usize>,
}

impl Verdicts {
    fn new(v: [usize; 6], min_group: usize) -> Self {
        // Verdict::ALL order: strong-hire first.
        debug_assert_eq!(Verdict::ALL[0], Verdict::StrongHire);
        let v = v.map(|n| Tally::new(n, min_group).count);
        Verdicts {
            strong_hire: v[0],
            hire: v[1],
            lean_hire: v[2],
            lean_no_hire: v[3],
            no_hire: v[4],
            strong_no_hire: v[5],
        }
    }
}

fn write_json(site: &Site, out: impl Write) -> std::io::Result<()> {
    let urls = Urls::new(&site.config);
    let cfg = &site.config;
    let slugs = |list: &[usize]| list.iter().map(|&i| site.interviews[i].slug.as_str()).collect();
    let export = Export {
        site: SiteInfo {
            title: &cfg.title,
            base_url: &cfg.base_url,
            description: &cfg.description,
            language: &cfg.language,
            interviews: Tally::new(site.interviews.len(), cfg.min_group).count,
        },
        principles: cfg
            .principles
            .iter()
            .enumerate()
            .map(|(p, pr)| PrincipleInfo {
                name: &pr.name,
                slug: &pr.slug,
                description: &pr.description,
                url: urls.permalink(&urls::principle_path(&pr.slug)),
                interviews: Tally::new(site.by_principle[p].len(), cfg.min_group).count,
            })
            .collect(),
        panelists: site
            .panelists
            .iter()
            .zip(&site.calibration.panelists)
            .map(|(p, c)| {
                // Under min_group a few votes are hidden with what they would tell.
                let votes = Tally::new(c.votes, cfg.min_group).count;
                PanelistInfo {
                    name: &p.name,
                    slug: &p.slug,
                    url: urls.permalink(&urls::panelist_path(&p.slug)),
                    interviews: Tally::new(p.appearances.len(), cfg.min_group).count,
                    votes,
                    agreement: votes.and(c.agreement()),
                    offset: votes.and(c.offset()),
                }
            })
            .collect(),
        interviews: Interviews { site, urls: &urls },
        calibration: CalibrationInfo {
            cells: site
                .calibration
                .cells
                .iter()
                .map(|c| CellInfo {
                    principle: &cfg.principles[c.principle].name,
                    level: c.level.map(|l| site.levels[l].name.as_str()),
                    interviews: Tally::new(c.interviews.len(), cfg.min_group).count,
                    verdicts: Verdicts::new(c.verdicts, cfg.min_group),
                    split: slugs(&c.split),
                    against_votes: slugs(&c.against),
                })
                .collect(),
        },
    };
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &export).map_err(std::io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

fn write_csv(site: &Site, out: impl Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let io = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    w.write_record(CSV_HEADER).map_err(io)?;
    for iv in &site.interviews {
        let date = urls::iso_date(iv.date);
        let principles: Vec<&str> =
            iv.principles.iter().map(|&p| site.config.principles[p].name.as_str()).collect();
        let principles = principles.join("; ");
        for p in &iv.panelists {
            w.write_record([
                iv.slug.as_str(),
                &date,
                &iv.title,
                &principles,
                &iv.role,
                iv.level.as_deref().unwrap_or(""),
                iv.verdict.key(),
                &p.name,
                &p.role,
                p.vote.map_or("", Verdict::key),
                p.hire_reason.as_deref().unwrap_or(""),
                p.concern.as_deref().unwrap_or(""),
            ])
            .map_err(io)?;
        }
    }
    w.flush()
}
