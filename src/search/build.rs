//! The search index: a word index split into small, alphabetically ordered chunks,
//! the interviews as results show them (16 to a file), and one doc list per filter
//! value. The browser downloads the entry file, the chunks that can hold the words
//! of the query, the lists of the chosen filters and the files of the results it
//! shows: a query costs about a hundred kilobytes whatever the size of the site.
//! `docs/search.md` describes the format.

use std::fmt::Write as _;
use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use serde::Serialize;

use super::text::{self, FxHasher, FxMap, Stop};
use super::DIR;
use crate::content::Verdict;
use crate::model::Site;
use crate::output::{Body, OutputFile};
use crate::render::views::{self, Urls};

/// Version of the index format, in the entry file.
pub const FORMAT: u32 = 1;

/// A chunk of the word index is closed once it holds this many bytes.
pub const CHUNK_BYTES: usize = 12 * 1024;

/// Interviews per file of `docs/`: few files to write, little to fetch per result
/// (a page of 10 results fetches at most 10 of these, about 4 KB each).
pub const DOCS_PER_FILE: usize = 16;

/// How much one occurrence of a word counts, by where it occurs.
const WEIGHT_TITLE: u32 = 10;
const WEIGHT_SUMMARY: u32 = 3;
const WEIGHT_FACET: u32 = 3;
const WEIGHT_BODY: u32 = 1;

/// One interview as a result shows it, in `search-index/docs/<n / 16>.json`: an
/// array, names given by index into the entry file's tables to keep it small.
#[derive(Debug, Serialize)]
struct DocRow<'a>(
    /// Slug: the URL is the entry's `interview_url` + slug + `/`.
    &'a str,
    /// Title.
    &'a str,
    /// Verdict, index into the entry's `verdicts`.
    usize,
    /// Date, `2026-11-23`.
    String,
    /// Role, index into the entry's `roles`.
    usize,
    /// Level, index into the entry's `levels`, or null.
    Option<usize>,
    /// Company (may be empty).
    &'a str,
    /// Principles, indexes into the entry's `principles`.
    &'a [usize],
    /// The author's summary, or the start of the introduction: the result's snippet.
    &'a str,
);

/// What the indexing of one interview produced.
struct Doc {
    json: Vec<u8>,
    /// Its passages, the body of `text/<n>.json`.
    text: Vec<u8>,
    /// Its text, folded (see [`text::fold_into`]); `words` point into it.
    folded: String,
    /// Its words, each once: byte range in `folded` and [`level`].
    words: Vec<(u32, u8, u8)>,
}

impl Doc {
    fn words(&self) -> impl Iterator<Item = (&str, u8)> + '_ {
        self.words.iter().map(|&(start, len, level)| {
            let start = start as usize;
            (&self.folded[start..start + usize::from(len)], level)
        })
    }
}

/// The word index is merged in this many parts, in parallel (by first byte).
const MERGE_PARTS: usize = 8;

/// Interviews indexed per batch. A doc's folded text is as long as the interview;
/// merged batch by batch, only one batch of them is in memory at a time (at
/// 100,000 interviews, all of them would take most of a gigabyte).
const BATCH: usize = 2048;

/// The index files, under [`DIR`].
pub fn files(site: &Site, urls: &Urls) -> Vec<OutputFile> {
    let stop = text::stop_words(&site.config.language);
    let mut lap = Lap::new();
    let n = site.interviews.len();

    // The inverted index: word → postings `(doc << 8) | level`, doc ascending. Each
    // part takes the words whose first byte falls to it, so parts merge in parallel.
    let mut parts: Vec<FxMap<Box<str>, Vec<u32>>> = (0..MERGE_PARTS).map(|_| FxMap::default()).collect();
    let mut rows: Vec<Vec<u8>> = Vec::with_capacity(n);
    let mut texts: Vec<OutputFile> = Vec::with_capacity(n);
    for first in (0..n).step_by(BATCH) {
        let docs: Vec<Doc> =
            (first..n.min(first + BATCH)).into_par_iter().map(|i| doc(site, urls, i, stop)).collect();
        parts.par_iter_mut().enumerate().for_each(|(part, map)| {
            for (k, doc) in docs.iter().enumerate() {
                let d = u32::try_from(first + k).unwrap_or(u32::MAX >> 8) << 8;
                for (w, level) in doc.words() {
                    if usize::from(w.as_bytes()[0]) % MERGE_PARTS == part {
                        let posting = d | u32::from(level);
                        match map.get_mut(w) {
                            Some(list) => list.push(posting),
                            None => {
                                map.insert(w.into(), vec![posting]);
                            }
                        }
                    }
                }
            }
        });
        for d in docs {
            texts.push(OutputFile {
                path: super::passages::path(rows.len()),
                body: Body::Bytes(d.text),
                source: None,
            });
            rows.push(d.json);
        }
    }
    lap.lap("docs and merge");
    let mut words: Vec<(Box<str>, Vec<u32>)> = parts.into_iter().flatten().collect();
    words.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<String> = words.par_iter().map(|(w, p)| postings_json(w, p)).collect();
    // The postings are in `entries` now; only each word is still needed.
    let words: Vec<Box<str>> = words.into_iter().map(|(w, _)| w).collect();
    lap.lap("postings");

    let mut files = Vec::with_capacity(rows.len() / DOCS_PER_FILE + entries.len() / 64 + 128);
    let mut chunk_starts: Vec<&str> = Vec::new();
    let mut chunk = String::with_capacity(CHUNK_BYTES * 2);
    let count = entries.len();
    for (k, entry) in entries.into_iter().enumerate() {
        if chunk.is_empty() {
            chunk_starts.push(&words[k]);
            chunk.push_str("{\"v\":1,\"words\":[");
        } else {
            chunk.push(',');
        }
        chunk.push_str(&entry);
        if chunk.len() >= CHUNK_BYTES || k + 1 == count {
            chunk.push_str("]}");
            files.push(file(format!("words/{}.json", chunk_starts.len() - 1), std::mem::take(&mut chunk)));
        }
    }
    for (k, group) in rows.chunks(DOCS_PER_FILE).enumerate() {
        let mut json = Vec::with_capacity(group.iter().map(|d| d.len() + 1).sum::<usize>() + 2);
        json.push(b'[');
        for (j, d) in group.iter().enumerate() {
            if j > 0 {
                json.push(b',');
            }
            json.extend_from_slice(d);
        }
        json.push(b']');
        files.push(OutputFile { path: format!("{DIR}docs/{k}.json"), body: Body::Bytes(json), source: None });
    }
    files.extend(texts);
    files.extend(filter_files(site));

    // Build id: a hash of every other file. The browser adds it to every index URL,
    // so that a chunk cached from an older build is never mixed in.
    let mut h = FxHasher::default();
    FORMAT.hash(&mut h);
    for f in &files {
        f.path.hash(&mut h);
        if let Body::Bytes(b) = &f.body {
            h.write(b);
        }
    }
    let build = format!("{:016x}", h.finish());

    #[derive(Serialize)]
    struct Entry<'a> {
        version: u32,
        build: &'a str,
        count: usize,
        docs_per_file: usize,
        /// Root-relative URL of the interview pages: `/kb/interviews/`.
        interview_url: String,
        /// The tables a doc refers to by index.
        verdicts: Vec<(&'static str, &'static str)>,
        principles: Vec<(&'a str, String)>,
        roles: Vec<&'a str>,
        levels: Vec<&'a str>,
        language: &'a str,
        stop_words: &'a [&'a str],
        max_word: usize,
        /// The first word of each chunk of `words/`, in order.
        chunks: &'a [&'a str],
    }
    let entry = Entry {
        version: FORMAT,
        build: &build,
        count: rows.len(),
        docs_per_file: DOCS_PER_FILE,
        interview_url: urls.url("interviews/"),
        verdicts: Verdict::ALL.iter().map(|v| (v.key(), v.label())).collect(),
        principles: site
            .config
            .principles
            .iter()
            .map(|p| (p.name.as_str(), urls.url(&views::principle_path(&p.slug))))
            .collect(),
        roles: site.roles.iter().map(|t| t.name.as_str()).collect(),
        levels: site.levels.iter().map(|t| t.name.as_str()).collect(),
        language: &site.config.language,
        stop_words: stop.list(),
        max_word: text::MAX_WORD,
        chunks: &chunk_starts,
    };
    files.push(file("entry.json".to_string(), serde_json::to_string(&entry).unwrap_or_default()));
    lap.lap("files");
    files
}

/// Sub-stage timings of the index with `ROUNDTABLE_TIMINGS` set.
struct Lap(Option<std::time::Instant>, String);

impl Lap {
    fn new() -> Self {
        Lap(std::env::var_os("ROUNDTABLE_TIMINGS").map(|_| std::time::Instant::now()), String::new())
    }

    fn lap(&mut self, what: &str) {
        if let Some(at) = &mut self.0 {
            let _ = write!(self.1, " {what} {} ms", at.elapsed().as_millis());
            *at = std::time::Instant::now();
            if what == "files" {
                crate::report::tell!("timing:   search:{}", self.1);
            }
        }
    }
}

fn file(rel: String, text: String) -> OutputFile {
    OutputFile { path: format!("{DIR}{rel}"), body: Body::Bytes(text.into_bytes()), source: None }
}

/// The weight of a word in a doc on a scale of 1 to 9 (one digit in the index):
/// roughly logarithmic, so that a word in the title (10) outweighs a few mentions
/// in the body, and many mentions still count for a little more.
pub fn level(weight: u32) -> u32 {
    match weight {
        0 | 1 => 1,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=9 => 5,
        10..=14 => 6,
        15..=24 => 7,
        25..=44 => 8,
        _ => 9,
    }
}

/// `["word",[n, n, ...]]` where each `n` is `gap * 10 + level`: `gap` is the doc
/// number minus the previous one (the first is the doc number itself) and
/// `level` the word's [`level`] in that doc.
fn postings_json(word: &str, postings: &[u32]) -> String {
    let mut s = String::with_capacity(word.len() + 6 + postings.len() * 5);
    // Words are letters and digits only: nothing to escape.
    s.push_str("[\"");
    s.push_str(word);
    s.push_str("\",[");
    let mut prev = 0;
    for (k, p) in postings.iter().enumerate() {
        let (d, w) = (p >> 8, p & 0xff);
        if k > 0 {
            s.push(',');
        }
        let _ = write!(s, "{}", (d - prev) * 10 + w);
        prev = d;
    }
    s.push_str("]]");
    s
}

/// One filter value and its docs, ascending: `(filter, slug, docs)`.
pub(super) type FilterList<'a> = (&'static str, &'a str, Vec<usize>);

/// Every filter value of `site` with its docs, filter by filter (principle,
/// verdict, role, level, panelist, tag), each filter's values in page order.
fn filter_lists(site: &Site) -> Vec<FilterList<'_>> {
    let mut lists: Vec<FilterList<'_>> = Vec::new();
    for (p, list) in site.config.principles.iter().zip(&site.by_principle) {
        if !list.is_empty() {
            lists.push(("principle", &p.slug, list.clone()));
        }
    }
    for v in Verdict::ALL {
        let list = (0..site.interviews.len()).filter(|&i| site.interviews[i].verdict == v).collect();
        lists.push(("verdict", v.key(), list));
    }
    for t in &site.roles {
        lists.push(("role", &t.slug, t.interviews.clone()));
    }
    for t in &site.levels {
        lists.push(("level", &t.slug, t.interviews.clone()));
    }
    for p in &site.panelists {
        lists.push(("panelist", &p.slug, p.appearances.iter().map(|&(i, _)| i).collect()));
    }
    for t in &site.tags {
        lists.push(("tag", &t.slug, t.interviews.clone()));
    }
    for (_, _, list) in &mut lists {
        list.sort_unstable();
        list.dedup();
    }
    lists
}

/// `filters/<name>/<slug>.json`: the docs of one filter value, as gaps; and the
/// facet table of them all (`facets.json.gz`).
fn filter_files(site: &Site) -> Vec<OutputFile> {
    let lists = filter_lists(site);
    let mut files: Vec<OutputFile> = lists
        .iter()
        .map(|(name, slug, list)| {
            let mut s = String::with_capacity(list.len() * 4 + 2);
            s.push('[');
            let mut prev = 0;
            for (k, d) in list.iter().enumerate() {
                if k > 0 {
                    s.push(',');
                }
                let _ = write!(s, "{}", d - prev);
                prev = *d;
            }
            s.push(']');
            file(format!("filters/{name}/{slug}.json"), s)
        })
        .collect();
    files.push(OutputFile {
        path: format!("{DIR}{}", super::facets::FILE),
        body: Body::Bytes(super::facets::gzip(&lists, site.interviews.len())),
        source: None,
    });
    files
}

fn doc(site: &Site, urls: &Urls, i: usize, stop: Stop) -> Doc {
    let iv = &site.interviews[i];
    let card = views::card(site, urls, i);

    // Every part of the interview, folded into one string, with its weight.
    let mut folded = String::with_capacity(8 * 1024);
    let mut parts: Vec<(usize, usize, u32)> = Vec::with_capacity(16);
    let mut add = |folded: &mut String, text: &str, weight: u32| {
        let start = folded.len();
        text::fold_into(text, folded);
        parts.push((start, folded.len(), weight));
        folded.push(' ');
    };
    add(&mut folded, &iv.title, WEIGHT_TITLE);
    add(&mut folded, card.summary, WEIGHT_SUMMARY);
    add(&mut folded, &iv.role, WEIGHT_FACET);
    add(&mut folded, iv.level.as_deref().unwrap_or(""), WEIGHT_FACET);
    add(&mut folded, &iv.company, WEIGHT_FACET);
    for p in &card.principles {
        add(&mut folded, p.name, WEIGHT_FACET);
    }
    for p in &iv.panelists {
        add(&mut folded, &p.name, WEIGHT_FACET);
    }
    for t in &iv.tags {
        add(&mut folded, t, WEIGHT_FACET);
    }
    // The body: introduction, turns, consensus, hiring signals, further sections,
    // from the passages the snippets show.
    let passages = super::passages::passages(iv);
    let mut body = String::with_capacity(8 * 1024);
    for p in &passages {
        body.push(' ');
        body.push_str(&p.3);
    }
    for s in &iv.sections {
        body.push(' ');
        body.push_str(&s.title);
    }
    add(&mut folded, &body, WEIGHT_BODY);

    // Each word once, with its weight summed over its occurrences.
    let mut weights: FxMap<&str, u32> = FxMap::default();
    weights.reserve(512);
    for &(start, end, weight) in &parts {
        let part = &folded[start..end];
        text::for_each_folded_word(part, stop, |a, b| *weights.entry(&part[a..b]).or_insert(0) += weight);
    }
    let base = folded.as_ptr() as usize;
    let words = weights
        .into_iter()
        .map(|(w, n)| {
            let start = u32::try_from(w.as_ptr() as usize - base).unwrap_or(u32::MAX);
            // Words are at most MAX_WORD characters: at most 4 * 32 bytes.
            (start, u8::try_from(w.len()).unwrap_or(u8::MAX), level(n) as u8)
        })
        .collect();

    let row = DocRow(
        &iv.slug,
        &iv.title,
        iv.verdict.index(),
        card.date.clone(),
        site.role_of[i],
        site.level_of[i],
        &iv.company,
        &iv.principles,
        card.summary,
    );
    Doc {
        json: serde_json::to_vec(&row).unwrap_or_default(),
        text: super::passages::json(&passages),
        folded,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps() {
        let p = [(3 << 8) | 1, (4 << 8) | 6, (10 << 8) | 9];
        assert_eq!(postings_json("data", &p), "[\"data\",[31,16,69]]");
    }

    #[test]
    fn levels_are_one_digit_and_grow() {
        let mut last = 0;
        for w in 0..300 {
            let l = level(w);
            assert!((1..=9).contains(&l) && l >= last, "{w} -> {l}");
            last = l;
        }
        assert!(level(WEIGHT_TITLE) > level(3 * WEIGHT_BODY));
    }
}
