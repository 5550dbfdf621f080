//! Client-side search: the `/search/` page's filter lists and the search index
//! written beside the pages. Works from any static host, offline.
//!
//! The index is built by Pagefind's Rust API (`pagefind::api::PagefindIndex`): one
//! custom record per interview, with filters for principle, verdict, role, level and
//! panelist. Pagefind writes a chunked index under `pagefind/`: a query downloads the
//! entry files, the WebAssembly search core and only the index chunks and fragments
//! it needs (see `docs/search.md` for the figures).

use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::model::Site;
use crate::output::{Body, OutputFile};
use crate::render::views::{self, Urls};

/// The folder of the output that holds the index and Pagefind's search script.
pub const DIR: &str = "pagefind/";

/// What `search.html` receives as `search`.
#[derive(Debug, Serialize)]
pub struct SearchPage<'a> {
    /// Principles that have interviews, for the principle filter.
    pub principles: Vec<views::PrincipleSummary<'a>>,
    /// All six verdicts, for the verdict filter.
    pub verdicts: Vec<views::VerdictCount>,
    /// Roles, most interviews first.
    pub roles: Vec<views::TermSummary<'a>>,
    /// Levels, most interviews first.
    pub levels: Vec<views::TermSummary<'a>>,
    /// Panelists, most interviews first.
    pub panelists: Vec<views::PanelistSummary<'a>>,
    /// Root-relative URL of the index folder, ending in `/` (`/reviews/pagefind/`).
    pub bundle_url: String,
    /// Number of interviews in the index.
    pub count: usize,
}

/// The filter lists of the search page.
pub fn page_view<'a>(site: &'a Site, urls: &Urls) -> SearchPage<'a> {
    SearchPage {
        principles: views::principle_summaries(site, urls).into_iter().filter(|p| p.count > 0).collect(),
        verdicts: views::verdict_counts(site, &site.all()),
        roles: views::term_summaries(&site.roles, urls, views::role_path),
        levels: views::term_summaries(&site.levels, urls, views::level_path),
        panelists: views::panelist_summaries(site, urls),
        bundle_url: urls.url(DIR),
        count: site.interviews.len(),
    }
}

/// One interview as the index sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Root-relative URL of the interview page.
    pub url: String,
    /// Plain text that is searched.
    pub content: String,
    /// Shown with a result: `title`, `verdict`, `verdict_key`, `principles`, `date`,
    /// `date_iso`, `role`, `level`, `summary`.
    pub meta: BTreeMap<String, String>,
    /// `principle`, `verdict`, `role`, `level`, `panelist`.
    pub filters: BTreeMap<String, Vec<String>>,
    /// `date` (ISO), for newest-first listings.
    pub sort: BTreeMap<String, String>,
}

/// The record of every interview of the site, in site order (newest first).
pub fn records(site: &Site, urls: &Urls) -> Vec<Record> {
    (0..site.interviews.len()).into_par_iter().map(|i| record(site, urls, i)).collect()
}

fn record(site: &Site, urls: &Urls, i: usize) -> Record {
    let iv = &site.interviews[i];
    let card = views::card(site, urls, i);
    let principles: Vec<String> = card.principles.iter().map(|p| p.name.to_string()).collect();
    let level = card.level.as_ref().map(|l| l.name.to_string());

    let mut content = String::with_capacity(iv.intro_html.len() * 2 + 4096);
    let mut line = |s: &str| {
        let s = s.trim();
        if !s.is_empty() {
            content.push_str(s);
            if !s.ends_with(['.', '!', '?', ':']) {
                content.push('.');
            }
            content.push(' ');
        }
    };
    line(&iv.title);
    line(&iv.summary);
    let mut about = vec![iv.role.clone()];
    about.extend(level.clone());
    if !iv.company.is_empty() {
        about.push(iv.company.clone());
    }
    about.extend(principles.iter().cloned());
    line(&about.join(", "));
    line(&html_to_text(&iv.intro_html));
    for t in &iv.turns {
        let speaker = &iv.panelists[t.speaker].name;
        line(&format!("{speaker}: {}", html_to_text(&t.html)));
    }
    line(&html_to_text(&iv.consensus_html));
    for p in &iv.panelists {
        if let Some(r) = &p.hire_reason {
            line(&format!("{}, reason to hire: {r}", p.name));
        }
        if let Some(c) = &p.concern {
            line(&format!("{}, concern: {c}", p.name));
        }
    }
    for s in &iv.sections {
        line(&s.title);
        line(&html_to_text(&s.html));
    }
    let content = content.trim_end().to_string();

    let mut meta = BTreeMap::new();
    meta.insert("title".to_string(), iv.title.clone());
    meta.insert("verdict".to_string(), iv.verdict.label().to_string());
    meta.insert("verdict_key".to_string(), iv.verdict.key().to_string());
    meta.insert("principles".to_string(), principles.join(", "));
    meta.insert("date".to_string(), card.date_display.clone());
    meta.insert("date_iso".to_string(), card.date.clone());
    meta.insert("role".to_string(), iv.role.clone());
    if let Some(l) = &level {
        meta.insert("level".to_string(), l.clone());
    }
    meta.insert("summary".to_string(), card.summary.to_string());

    let mut filters = BTreeMap::new();
    filters.insert("principle".to_string(), principles);
    filters.insert("verdict".to_string(), vec![iv.verdict.label().to_string()]);
    filters.insert("role".to_string(), vec![card.role.name.to_string()]);
    filters.insert("level".to_string(), level.into_iter().collect());
    let mut panel: Vec<String> = iv.panelists.iter().map(|p| p.name.clone()).collect();
    panel.dedup();
    filters.insert("panelist".to_string(), panel);
    filters.retain(|_, v| !v.is_empty());

    let sort = BTreeMap::from([("date".to_string(), card.date.clone())]);
    Record { url: card.url, content, meta, filters, sort }
}

/// The search index files, under [`DIR`].
pub fn index(site: &Site, urls: &Urls) -> Vec<OutputFile> {
    let started = Instant::now();
    let records = records(site, urls);
    let language = site.config.language.clone();
    // Pagefind's API is async; it runs on a small runtime of its own, on its own
    // thread, so that this works whether or not the caller is inside a runtime.
    let built = std::thread::scope(|s| {
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(pagefind_files(records, language))
        })
        .join()
    });
    let files = match built {
        Ok(Ok(files)) => files,
        Ok(Err(e)) => {
            eprintln!("warning: the search index could not be built: {e}");
            Vec::new()
        }
        Err(_) => {
            eprintln!("warning: the search index could not be built (the indexer panicked)");
            Vec::new()
        }
    };
    if std::env::var_os("ROUNDTABLE_TIMINGS").is_some() {
        eprintln!("timing: search index {:>5} ms", started.elapsed().as_millis());
    }
    files
}

/// Pagefind's files that a search needs (its UI bundles are left out: the theme has
/// its own).
fn wanted(name: &str) -> bool {
    matches!(name, "pagefind.js" | "pagefind-worker.js" | "pagefind-entry.json")
        || name.starts_with("wasm.")
        || name.ends_with(".pf_meta")
        || ["index/", "fragment/", "filter/"].iter().any(|d| name.starts_with(d))
}

async fn pagefind_files(records: Vec<Record>, language: String) -> Result<Vec<OutputFile>, String> {
    use pagefind::api::PagefindIndex;
    use pagefind::options::PagefindServiceConfig;

    let config = PagefindServiceConfig::builder().force_language(language.clone()).build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| format!("{e:#}"))?;
    for r in records {
        index
            .add_custom_record(r.url, r.content, language.clone(), Some(r.meta), Some(r.filters), Some(r.sort))
            .await
            .map_err(|e| format!("{e:#}"))?;
    }
    let mut files: Vec<OutputFile> = index
        .get_files()
        .await
        .map_err(|e| format!("{e:#}"))?
        .into_iter()
        .filter_map(|f| {
            let name = f.filename.to_string_lossy().replace('\\', "/");
            wanted(&name).then(|| OutputFile {
                path: format!("{DIR}{name}"),
                body: Body::Bytes(f.contents),
                source: None,
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// Plain text of rendered HTML: tags dropped (block tags become spaces), entities
/// decoded, whitespace collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(&mut out, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            push_decoded(&mut out, &rest[lt..]);
            rest = "";
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if is_block(&name) {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    push_decoded(&mut out, rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "br"
            | "li"
            | "ul"
            | "ol"
            | "div"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "dd"
            | "dt"
            | "hr"
            | "figure"
            | "figcaption"
            | "section"
            | "img"
    )
}

fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after.find(';').filter(|&n| n <= 10).map(|n| (&after[..n], n));
        let decoded = entity.and_then(|(e, n)| decode_entity(e).map(|c| (c, n)));
        match decoded {
            Some((c, n)) => {
                out.push(c);
                rest = &after[n + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn decode_entity(e: &str) -> Option<char> {
    match e {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => {
            let num = e.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_strips_tags_and_decodes() {
        let html = "<p>Hello <em>big</em> world &amp; more</p><ul><li>one</li><li>two&#39;s</li></ul>x&y &#x2F;";
        assert_eq!(html_to_text(html), "Hello big world & more one two's x&y /");
    }

    #[test]
    fn wanted_files() {
        assert!(wanted("pagefind.js"));
        assert!(wanted("wasm.en.pagefind"));
        assert!(wanted("fragment/en_1.pf_fragment"));
        assert!(wanted("pagefind.en_abc.pf_meta"));
        assert!(!wanted("pagefind-ui.js"));
        assert!(!wanted("pagefind-component-ui.css"));
    }
}
