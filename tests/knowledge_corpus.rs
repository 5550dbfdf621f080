//! The knowledge base built from a generated corpus (`examples/corpus`): feeds are
//! valid Atom, the sitemap lists every page, principle pages count and mix verdicts
//! as the content says, every concern is on its panelist's pages with a deep link
//! to a turn that exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

#[path = "../examples/corpus/gen.rs"]
#[allow(dead_code)]
mod gen;

const COUNT: usize = 150;

struct Built {
    _dir: tempfile::TempDir,
    public: std::path::PathBuf,
    interviews: Vec<gen::Interview>,
}

fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    gen::write_corpus(dir.path(), COUNT, gen::DEFAULT_SEED).unwrap();
    let public = dir.path().join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["build", "--root"])
        .arg(dir.path().join("roundtable"))
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let interviews = (0..COUNT).map(|i| gen::interview(i, gen::DEFAULT_SEED)).collect();
    Built { _dir: dir, public, interviews }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn html_pages(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "index.html") {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    out
}

const ATOM: &str = "http://www.w3.org/2005/Atom";

/// Checks one Atom feed: well-formed, required elements, absolute links, newest first.
fn check_feed(path: &Path) -> usize {
    let text = read(path);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().name(), "feed");
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    for name in ["title", "id", "updated"] {
        assert!(child(feed, name).is_some(), "{}: feed has no <{name}>", path.display());
    }
    let mut previous: Option<String> = None;
    let entries: Vec<_> = feed.children().filter(|c| c.tag_name().name() == "entry").collect();
    assert!(entries.len() <= 50, "{}: {} entries", path.display(), entries.len());
    for e in &entries {
        let id = child(*e, "id").and_then(|n| n.text()).expect("entry id");
        assert!(id.starts_with(gen::BASE_URL), "entry id {id} is not absolute under the base URL");
        let updated = child(*e, "updated").and_then(|n| n.text()).expect("entry updated");
        assert!(is_rfc3339(updated), "entry updated {updated:?} is not an RFC 3339 date-time");
        let link = child(*e, "link").and_then(|n| n.attribute("href")).expect("entry link");
        assert!(link.starts_with("https://"), "{link}");
        assert!(child(*e, "title").and_then(|n| n.text()).is_some_and(|t| !t.is_empty()));
        if let Some(p) = &previous {
            assert!(updated <= p.as_str(), "{}: entries not newest first", path.display());
        }
        previous = Some(updated.to_string());
    }
    entries.len()
}

/// The first child element of `n` named `name`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| c.tag_name().name() == name)
}

/// `2026-11-23T00:00:00Z`: the shape Atom requires (RFC 3339, UTC).
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| r.into_iter().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() == 20
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
        && b[19] == b'Z'
}

#[test]
fn feeds_sitemap_counts_and_concerns_match_the_content() {
    let b = build();
    let published: Vec<&gen::Interview> = b.interviews.iter().collect();

    // Every feed parses as Atom: the site's, each principle's, each panelist's.
    assert_eq!(check_feed(&b.public.join("atom.xml")), 50.min(published.len()));
    let mut feeds = 1;
    for dir in ["principles", "panelists"] {
        for e in std::fs::read_dir(b.public.join(dir)).unwrap().flatten() {
            let feed = e.path().join("atom.xml");
            if feed.exists() {
                check_feed(&feed);
                feeds += 1;
            }
        }
    }
    assert!(feeds > 16, "{feeds} feeds");

    // The sitemap lists every page but the 404 page, and nothing else.
    let sitemap = read(&b.public.join("sitemap.xml"));
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .map(String::from)
        .collect();
    let pages: BTreeSet<String> = html_pages(&b.public)
        .into_iter()
        .map(|p| format!("{}/{}", gen::BASE_URL, p.trim_end_matches("index.html")))
        .collect();
    assert_eq!(locs, pages);
    assert!(doc.descendants().filter(|n| n.tag_name().name() == "lastmod").count() >= published.len());

    // Principle pages: the count and the verdict mix are those of the content.
    let mut by_principle: BTreeMap<String, Vec<&gen::Interview>> = BTreeMap::new();
    for iv in &published {
        for p in &iv.principles {
            by_principle.entry(gen::slugify(p)).or_default().push(iv);
        }
    }
    for (slug, list) in &by_principle {
        let page = read(&b.public.join(format!("principles/{slug}/index.html")));
        let n = list.len();
        assert!(
            page.contains(&format!("{n} interview{}", if n == 1 { "" } else { "s" })),
            "{slug}: count {n}"
        );
        let mut parts = Vec::new();
        for (key, _) in gen::VERDICTS {
            let c = list.iter().filter(|iv| iv.verdict == key).count();
            if c > 0 {
                parts.push(format!("{c} {}", key.replace('-', " ")));
            }
        }
        let label = format!("aria-label=\"Verdicts: {}\"", parts.join(", "));
        assert!(page.contains(&label), "{slug}: no {label}");
    }

    // The search index holds every interview once, and every filter holds exactly
    // the interviews that carry it.
    let index = b.public.join("search-index");
    let entry: serde_json::Value = serde_json::from_str(&read(&index.join("entry.json"))).unwrap();
    assert_eq!(entry["count"], published.len());
    let mut rows: Vec<serde_json::Value> = Vec::new();
    for k in 0.. {
        let file = index.join(format!("docs/{k}.json"));
        if !file.exists() {
            break;
        }
        rows.extend(serde_json::from_str::<Vec<serde_json::Value>>(&read(&file)).unwrap());
    }
    let slugs_in_index: Vec<&str> = rows.iter().map(|r| r[0].as_str().unwrap()).collect();
    let slugs_in_index_set: BTreeSet<&str> = slugs_in_index.iter().copied().collect();
    assert_eq!(slugs_in_index.len(), slugs_in_index_set.len(), "an interview is indexed twice");
    let expected: BTreeSet<&str> = published.iter().map(|iv| iv.slug.as_str()).collect();
    assert_eq!(slugs_in_index_set, expected);
    let filter = |kind: &str, slug: &str| -> BTreeSet<&str> {
        // Stored as gaps: [first, gap, gap, ...] (docs/search.md).
        let gaps: Vec<usize> =
            serde_json::from_str(&read(&index.join(format!("filters/{kind}/{slug}.json")))).unwrap();
        let mut at = 0;
        gaps.iter()
            .enumerate()
            .map(|(k, g)| {
                at = if k == 0 { *g } else { at + g };
                slugs_in_index[at]
            })
            .collect()
    };
    for (slug, list) in &by_principle {
        let want: BTreeSet<&str> = list.iter().map(|iv| iv.slug.as_str()).collect();
        assert_eq!(filter("principle", slug), want, "principle filter {slug}");
    }
    for (key, _) in gen::VERDICTS {
        let want: BTreeSet<&str> =
            published.iter().filter(|iv| iv.verdict == key).map(|iv| iv.slug.as_str()).collect();
        if !want.is_empty() {
            assert_eq!(filter("verdict", key), want, "verdict filter {key}");
        }
    }
    let mut by_panelist: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for iv in &published {
        for p in &iv.panelists {
            by_panelist.entry(gen::slugify(p.name)).or_default().insert(iv.slug.as_str());
        }
    }
    for (slug, want) in &by_panelist {
        assert_eq!(&filter("panelist", slug), want, "panelist filter {slug}");
    }

    // Every concern is on its panelist's pages, with a deep link to one of their turns.
    for iv in &published {
        let interview_page = read(&b.public.join(format!("interviews/{}/index.html", iv.slug)));
        for p in &iv.panelists {
            if p.concern.is_empty() || p.concern == "None stated" {
                continue;
            }
            let slug = gen::slugify(p.name);
            let dir = b.public.join(format!("panelists/{slug}"));
            let all: String = html_pages(&dir).iter().map(|f| read(&dir.join(f))).collect();
            let concern = p
                .concern
                .replace('&', "&amp;")
                .replace('\'', "&#39;")
                .replace('"', "&quot;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(all.contains(&concern), "{}: concern of {} missing: {concern:?}", iv.slug, p.name);
            let prefix = format!("href=\"/kb/interviews/{}/#turn-", iv.slug);
            let at =
                all.find(&prefix).unwrap_or_else(|| panic!("{}: no deep link on {slug}'s pages", iv.slug));
            let n: String = all[at + prefix.len()..].chars().take_while(char::is_ascii_digit).collect();
            assert!(interview_page.contains(&format!("id=\"turn-{n}\"")), "{}: turn-{n} missing", iv.slug);
        }
    }
}
