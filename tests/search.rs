//! End-to-end tests of the search index (`/search-index/`) and the search page, on a
//! small site written from code with base_url "https://example.org/kb": every link
//! must live under `/kb/`. The index is read back through its own files, the way
//! `search.js` reads it (format: docs/search.md).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{links, Site};
use serde_json::Value;

const ROOT: &str = "/kb/";

/// One interview of the test site. Each carries a word found nowhere else
/// (`unique`), in a different part of the body.
struct Iv {
    slug: &'static str,
    title: &'static str,
    date: &'static str,
    principles: &'static [&'static str],
    role: &'static str,
    level: &'static str,
    verdict: &'static str,
    panel: &'static [&'static str],
    unique: &'static str,
    tags: &'static [&'static str],
    draft: bool,
}

const IVS: [Iv; 5] = [
    Iv {
        slug: "zebra-latency",
        title: "Zebrafish latency budget",
        date: "2026-03-10",
        principles: &["Dive Deep", "Customer Obsession"],
        role: "Product Manager",
        level: "L6",
        verdict: "hire",
        panel: &["Ana Lima", "Carla Mendes"],
        unique: "zebrafish",
        tags: &["Queues"],
        draft: false,
    },
    Iv {
        slug: "cafe-creme",
        title: "Café crème pricing",
        date: "2025-11-20",
        principles: &["Customer Obsession", "Ownership"],
        role: "Product Manager",
        level: "L5",
        verdict: "lean-no-hire",
        panel: &["Ana Lima", "Zoë Berg"],
        unique: "quokka",
        tags: &["pricing"],
        draft: false,
    },
    Iv {
        slug: "queue-backpressure",
        title: "Backpressure in the order queue",
        date: "2025-06-01",
        principles: &["Dive Deep", "Ownership"],
        role: "R&D Engineer",
        level: "L5",
        verdict: "strong-hire",
        panel: &["Carla Mendes", "Zoë Berg"],
        unique: "axolotl",
        tags: &["queues", "Pricing"],
        draft: false,
    },
    Iv {
        slug: "frugal-fleet",
        title: "A frugal delivery fleet",
        date: "2024-01-15",
        principles: &["Frugality"],
        role: "Engineering Manager",
        level: "L7",
        verdict: "no-hire",
        panel: &["Ana Lima", "Carla Mendes"],
        unique: "narwhal",
        tags: &[],
        draft: false,
    },
    Iv {
        slug: "draft-idea",
        title: "Unfinished dodo review",
        date: "2026-05-01",
        principles: &["Think Big"],
        role: "Data Scientist",
        level: "L4",
        verdict: "hire",
        panel: &["Drafty McDraft", "Ana Lima"],
        unique: "dodo",
        tags: &["dodo-tag"],
        draft: true,
    },
];

fn published() -> impl Iterator<Item = &'static Iv> {
    IVS.iter().filter(|iv| !iv.draft)
}

fn page_of(iv: &Iv, k: usize) -> String {
    let principles: Vec<String> = iv.principles.iter().map(|p| format!("{p:?}")).collect();
    let tags: Vec<String> = iv.tags.iter().map(|t| format!("{t:?}")).collect();
    let mut text = format!(
        "+++\ntitle = {:?}\ndate = {}\nprinciples = [{}]\nrole = {:?}\nlevel = {:?}\nverdict = {:?}\nslug = {:?}\nsummary = \"A review of {}.\"\ntags = [{}]\n{}",
        iv.title,
        iv.date,
        principles.join(", "),
        iv.role,
        iv.level,
        iv.verdict,
        iv.slug,
        iv.title.to_lowercase(),
        tags.join(", "),
        if iv.draft { "draft = true\n" } else { "" },
    );
    for (j, name) in iv.panel.iter().enumerate() {
        text.push_str(&format!(
            "\n[[panelists]]\nname = {name:?}\nrole = \"Panelist\"\nhire_reason = \"Clear reasoning number {j}.\"\nconcern = \"Light on testing.\"\n"
        ));
    }
    text.push_str("+++\n\n");
    // The unique word sits in the intro, a turn or the consensus, by interview.
    let (intro, turn, consensus) = match k % 3 {
        0 => (iv.unique, "", ""),
        1 => ("", iv.unique, ""),
        _ => ("", "", iv.unique),
    };
    text.push_str(&format!(
        "The question: *tell me about a time you {intro} owned an outage.*\n\n## Roundtable\n\n"
    ));
    text.push_str(&format!(
        "### {}\nThey measured the {turn} queue depth first &amp; wrote it down.\n\n",
        iv.panel[0]
    ));
    text.push_str(&format!("### {}\nAnd they wrote the postmortem.\n\n", iv.panel[1]));
    text.push_str(&format!("## Consensus\n\nThe panel agrees on the {consensus} verdict.\n"));
    text
}

fn site() -> Site {
    let mut files: Vec<(String, String)> = vec![(
        "site.toml".into(),
        "title = \"Search Test Library\"\nbase_url = \"https://example.org/kb\"\nlanguage = \"en\"\n".into(),
    )];
    for (k, iv) in IVS.iter().enumerate() {
        files.push((format!("content/{}/{}/index.md", &iv.date[..4], iv.slug), page_of(iv, k)));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    Site::from_files(&refs)
}

fn built() -> Site {
    let site = site();
    site.build();
    site
}

fn json(site: &Site, rel: &str) -> Value {
    let text = site.out(&format!("search-index/{rel}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("search-index/{rel} is not JSON: {e}\n{text}"))
}

/// The index read back: entry, docs by number, word → [(doc, level)].
struct Index {
    entry: Value,
    docs: Vec<Value>,
    words: BTreeMap<String, Vec<(u64, u64)>>,
}

impl Index {
    fn read(site: &Site) -> Index {
        let entry = json(site, "entry.json");
        let count = entry["count"].as_u64().expect("count") as usize;
        let per = entry["docs_per_file"].as_u64().expect("docs_per_file") as usize;
        let mut docs = Vec::new();
        for k in 0..count.div_ceil(per) {
            let group = json(site, &format!("docs/{k}.json"));
            docs.extend(
                group.as_array().expect("a docs file is a list").iter().map(|row| expand(&entry, row)),
            );
        }
        assert_eq!(docs.len(), count, "the docs files hold every doc once");
        let chunks = entry["chunks"].as_array().expect("chunks");
        let mut words = BTreeMap::new();
        let mut previous = String::new();
        for (k, first) in chunks.iter().enumerate() {
            let chunk = json(site, &format!("words/{k}.json"));
            let list = chunk["words"].as_array().expect("words");
            assert_eq!(list[0][0], *first, "chunk {k} starts with the word the entry names");
            for item in list {
                let word = item[0].as_str().unwrap().to_string();
                assert!(word > previous, "words are sorted across chunks: {previous} then {word}");
                previous = word.clone();
                let mut doc = 0;
                let postings = item[1]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| {
                        let n = n.as_u64().unwrap();
                        doc += n / 10;
                        (doc, n % 10)
                    })
                    .collect();
                words.insert(word, postings);
            }
        }
        assert!(!site.has_out(&format!("search-index/words/{}.json", chunks.len())), "no stray chunk");
        Index { entry, docs, words }
    }

    fn url(&self, doc: u64) -> &str {
        self.docs[doc as usize]["url"].as_str().unwrap()
    }

    /// The URLs of the docs that hold `word`.
    fn urls_with(&self, word: &str) -> BTreeSet<String> {
        self.words
            .get(word)
            .map_or_else(BTreeSet::new, |p| p.iter().map(|&(d, _)| self.url(d).to_string()).collect())
    }
}

/// A doc row (`[slug, title, verdict, date, role, level, company, principles,
/// summary]`, names by index into the entry's tables) as an object, the way
/// search.js reads it.
fn expand(entry: &Value, row: &Value) -> Value {
    let at = |table: &str, i: &Value| entry[table][i.as_u64().expect("an index") as usize].clone();
    let verdict = at("verdicts", &row[2]);
    serde_json::json!({
        "url": format!("{}{}/", entry["interview_url"].as_str().unwrap(), row[0].as_str().unwrap()),
        "title": row[1],
        "verdict": verdict[0],
        "verdict_label": verdict[1],
        "date_iso": row[3],
        "role": at("roles", &row[4]),
        "level": if row[5].is_null() { Value::Null } else { at("levels", &row[5]) },
        "company": row[6],
        "principles": row[7].as_array().unwrap().iter().map(|p| at("principles", p)).collect::<Vec<_>>(),
        "summary": row[8],
    })
}

fn url_of(slug: &str) -> String {
    format!("{ROOT}interviews/{slug}/")
}

/// `filters/<name>/<slug>.json` decoded to URLs.
fn filter_urls(site: &Site, index: &Index, name: &str, slug: &str) -> BTreeSet<String> {
    let gaps = json(site, &format!("filters/{name}/{slug}.json"));
    let mut doc = 0;
    gaps.as_array()
        .unwrap_or_else(|| panic!("filters/{name}/{slug}.json is a list"))
        .iter()
        .map(|g| {
            doc += g.as_u64().unwrap();
            index.url(doc).to_string()
        })
        .collect()
}

fn urls(slugs: &[&str]) -> BTreeSet<String> {
    slugs.iter().map(|s| url_of(s)).collect()
}

#[test]
fn the_index_folder_holds_its_entry_files() {
    let site = built();
    let entry = json(&site, "entry.json");
    assert_eq!(entry["version"], 1);
    assert_eq!(entry["count"], 4, "four published interviews");
    assert_eq!(entry["language"], "en");
    assert!(entry["build"].as_str().is_some_and(|b| b.len() == 16), "{entry}");
    assert!(entry["stop_words"].as_array().unwrap().iter().any(|w| w == "the"));
    assert!(!entry["chunks"].as_array().unwrap().is_empty());
    for rel in ["words/0.json", "docs/0.json", "filters/verdict/hire.json"] {
        assert!(site.has_out(&format!("search-index/{rel}")), "missing search-index/{rel}");
    }
    assert_eq!(entry["docs_per_file"], 16);
    assert!(!site.has_out("search-index/docs/1.json"), "four interviews fit one docs file");
    assert!(site.has_out("search.js"), "the theme's search script is copied");
}

#[test]
fn every_published_interview_and_no_draft_is_in_the_index() {
    let site = built();
    let index = Index::read(&site);
    let indexed: BTreeSet<String> = (0..index.docs.len() as u64).map(|d| index.url(d).to_string()).collect();
    let expected: BTreeSet<String> = published().map(|iv| url_of(iv.slug)).collect();
    assert_eq!(indexed, expected);
    for iv in published() {
        // Its unique word (from the intro, a turn or the consensus) finds it, and only it.
        assert_eq!(index.urls_with(iv.unique), urls(&[iv.slug]), "word {:?}", iv.unique);
    }
    let draft = IVS.iter().find(|iv| iv.draft).unwrap();
    assert!(index.urls_with(draft.unique).is_empty(), "the draft's words are not indexed");
    assert!(index.urls_with("drafty").is_empty(), "nor its panelist");
    let all_docs: String = index.docs.iter().map(Value::to_string).collect();
    assert!(!all_docs.contains(draft.slug), "no doc file names the draft");

    // Newest first, as on the site; doc fields the results show.
    let first = &index.docs[0];
    assert_eq!(first["url"], url_of("zebra-latency"));
    assert_eq!(first["title"], "Zebrafish latency budget");
    assert_eq!(first["verdict"], "hire");
    assert_eq!(first["verdict_label"], "Hire");
    assert_eq!(first["date_iso"], "2026-03-10");
    assert_eq!(first["role"], "Product Manager");
    assert_eq!(first["level"], "L6");
    assert_eq!(first["summary"], "A review of zebrafish latency budget.");
    assert_eq!(first["principles"][0][0], "Dive Deep");
    assert_eq!(first["principles"][0][1], format!("{ROOT}principles/dive-deep/"));
    assert_eq!(index.docs[1]["title"], "Café crème pricing");
    assert_eq!(index.docs[3]["url"], url_of("frugal-fleet"));
}

#[test]
fn words_are_folded_weighted_and_stop_words_left_out() {
    let site = built();
    let index = Index::read(&site);
    // "Café crème" is found as "cafe" and "creme".
    assert_eq!(index.urls_with("cafe"), urls(&["cafe-creme"]));
    assert_eq!(index.urls_with("creme"), urls(&["cafe-creme"]));
    assert!(!index.words.contains_key("the") && !index.words.contains_key("and"));
    // Text comes from the rendered HTML: entities decoded, tags dropped.
    assert_eq!(index.urls_with("wrote").len(), 4);
    assert!(!index.words.contains_key("amp") && !index.words.contains_key("em"), "no entity or tag names");
    // Hiring signals are searched too.
    assert_eq!(index.urls_with("reasoning").len(), 4);
    assert!(index.words.keys().all(|w| w.chars().count() >= 2), "no one-letter words");
    // Panelists, roles, principles and levels are searchable.
    assert_eq!(index.urls_with("zoe"), urls(&["cafe-creme", "queue-backpressure"]));
    assert_eq!(index.urls_with("frugality"), urls(&["frugal-fleet"]));
    assert_eq!(index.urls_with("l7"), urls(&["frugal-fleet"]));
    // A title word outweighs a word said once in the body.
    let title = index.words["zebrafish"][0].1;
    let body = index.words["narwhal"][0].1;
    assert!(title > body, "title level {title} vs body level {body}");
    assert!(index.words.values().flatten().all(|&(_, level)| (1..=9).contains(&level)));
}

#[test]
fn the_filters_are_in_the_index() {
    let site = built();
    let index = Index::read(&site);
    let f = |name: &str, slug: &str| filter_urls(&site, &index, name, slug);
    assert_eq!(f("principle", "dive-deep"), urls(&["zebra-latency", "queue-backpressure"]));
    assert_eq!(f("principle", "customer-obsession"), urls(&["zebra-latency", "cafe-creme"]));
    assert_eq!(f("principle", "ownership"), urls(&["cafe-creme", "queue-backpressure"]));
    assert_eq!(f("principle", "frugality"), urls(&["frugal-fleet"]));
    assert!(!site.has_out("search-index/filters/principle/think-big.json"), "only the draft has Think Big");
    assert_eq!(f("verdict", "hire"), urls(&["zebra-latency"]));
    assert_eq!(f("verdict", "strong-hire"), urls(&["queue-backpressure"]));
    assert_eq!(f("verdict", "lean-no-hire"), urls(&["cafe-creme"]));
    assert_eq!(f("verdict", "no-hire"), urls(&["frugal-fleet"]));
    assert!(f("verdict", "strong-no-hire").is_empty(), "every verdict has a list, even an empty one");
    assert_eq!(f("role", "product-manager"), urls(&["zebra-latency", "cafe-creme"]));
    assert_eq!(f("role", "r-d-engineer"), urls(&["queue-backpressure"]));
    assert_eq!(f("level", "l5"), urls(&["cafe-creme", "queue-backpressure"]));
    assert_eq!(f("level", "l7"), urls(&["frugal-fleet"]));
    assert_eq!(f("panelist", "ana-lima"), urls(&["zebra-latency", "cafe-creme", "frugal-fleet"]));
    assert_eq!(f("panelist", "zoe-berg"), urls(&["cafe-creme", "queue-backpressure"]));
    assert!(!site.has_out("search-index/filters/panelist/drafty-mcdraft.json"));
    assert_eq!(f("tag", "queues"), urls(&["zebra-latency", "queue-backpressure"]));
    assert_eq!(f("tag", "pricing"), urls(&["cafe-creme", "queue-backpressure"]));
    assert!(!site.has_out("search-index/filters/tag/dodo-tag.json"), "only the draft has dodo-tag");
    // Tags are words too.
    assert_eq!(index.urls_with("queues"), urls(&["zebra-latency", "queue-backpressure"]));
}

/// `facets.json.gz`, inflated: filter -> (values, each doc's values as slugs).
fn facets(site: &Site) -> BTreeMap<String, Vec<BTreeSet<String>>> {
    let gz = std::fs::read(site.path("public/search-index/facets.json.gz")).expect("facets.json.gz");
    assert_eq!(&gz[..2], &[0x1f, 0x8b], "gzip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text)
        .expect("gzip of UTF-8");
    let table: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(table["v"], 1);
    let count = table["count"].as_u64().unwrap() as usize;
    const DIGITS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = BTreeMap::new();
    for f in table["facets"].as_array().expect("facets") {
        let width = f["width"].as_u64().unwrap() as usize;
        let values: Vec<&str> = f["values"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let docs: Vec<BTreeSet<String>> = f["docs"]
            .as_str()
            .unwrap()
            .split(' ')
            .map(|group| {
                let codes = group
                    .as_bytes()
                    .chunks(width)
                    .map(|c| c.iter().fold(0, |n, &b| n * 64 + DIGITS.find(char::from(b)).expect("a digit")));
                codes.map(|k| values[k].to_string()).collect()
            })
            .collect();
        assert_eq!(docs.len(), count, "{}: one group per doc", f["name"]);
        out.insert(f["name"].as_str().unwrap().to_string(), docs);
    }
    out
}

#[test]
fn the_facet_table_holds_every_filter_list() {
    let site = built();
    let index = Index::read(&site);
    let table = facets(&site);
    let names: Vec<&str> = table.keys().map(String::as_str).collect();
    assert_eq!(names, ["level", "panelist", "principle", "role", "tag", "verdict"]);
    // Each doc's values in the table are exactly the filter lists that hold it.
    for (name, docs) in &table {
        let dir = site.path(&format!("public/search-index/filters/{name}"));
        let mut slugs: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_string())
            .collect();
        slugs.sort();
        for (d, values) in docs.iter().enumerate() {
            let url = index.url(d as u64).to_string();
            let expected: BTreeSet<String> = slugs
                .iter()
                .filter(|s| filter_urls(&site, &index, name, s).contains(&url))
                .cloned()
                .collect();
            assert_eq!(values, &expected, "{name} of {url}");
        }
    }
    let zebra = index.docs.iter().position(|d| d["url"] == url_of("zebra-latency")).unwrap();
    assert_eq!(table["principle"][zebra], BTreeSet::from(["dive-deep".into(), "customer-obsession".into()]));
    assert_eq!(table["verdict"][zebra], BTreeSet::from(["hire".to_string()]));
    let frugal = index.docs.iter().position(|d| d["url"] == url_of("frugal-fleet")).unwrap();
    assert!(table["tag"][frugal].is_empty(), "no tag: an empty group");
}

#[test]
fn the_search_page_lists_the_filter_values() {
    let site = built();
    let html = site.out("search/index.html");
    for (name, values) in [
        ("principle", &["customer-obsession", "dive-deep", "frugality", "ownership"][..]),
        ("verdict", &["strong-hire", "hire", "lean-hire", "lean-no-hire", "no-hire", "strong-no-hire"][..]),
        ("role", &["product-manager", "r-d-engineer", "engineering-manager"][..]),
        ("level", &["l5", "l6", "l7"][..]),
        ("panelist", &["ana-lima", "carla-mendes", "zoe-berg"][..]),
        ("tag", &["queues", "pricing"][..]),
    ] {
        let facet = common::between(&html, &format!("data-facet=\"{name}\""), "</fieldset>");
        let title = format!("<legend class=\"search__facet-title\">{}", &name[..1].to_uppercase());
        assert!(facet.contains(&title), "{name} has its legend:\n{facet}");
        for v in values {
            assert!(
                facet.contains(&format!(
                    "<input type=\"checkbox\" name=\"{name}\" value=\"{v}\" data-filter=\"{name}\""
                )),
                "{name} filter lacks {v}:\n{facet}"
            );
            // Every value offered has its list in the index.
            assert!(site.has_out(&format!("search-index/filters/{name}/{v}.json")), "{name}/{v}");
        }
        assert_eq!(facet.matches("type=\"checkbox\" name=").count(), values.len(), "{name}: {facet}");
        assert!(!facet.contains("think-big") && !facet.contains("drafty"), "{facet}");
    }
    // A verdict no interview has is offered, disabled, with 0; the sides group them.
    let verdicts = common::between(&html, "data-facet=\"verdict\"", "</fieldset>");
    assert!(verdicts.contains("value=\"strong-no-hire\" data-filter=\"verdict\" disabled>"), "{verdicts}");
    assert!(verdicts.contains("Strong no hire</span> <span class=\"search__n\" data-count>(0)</span>"));
    let hire = common::between(verdicts, "data-side=\"hire\"", "data-side=\"no-hire\"");
    assert!(hire.contains(">Hire side</span> <span class=\"search__n\" data-count>(2)</span>"), "{hire}");
    for v in ["strong-hire", "hire", "lean-hire"] {
        assert!(hire.contains(&format!("value=\"{v}\"")), "{v} is on the hire side");
    }
    assert!(verdicts.contains(">No-hire side</span> <span class=\"search__n\" data-count>(2)</span>"));
    assert!(
        html.contains("Customer Obsession</span> <span class=\"search__n\" data-count>(2)</span>"),
        "counts"
    );
    assert!(html.contains("Zoë Berg</span> <span class=\"search__n\" data-count>(2)</span>"));
    // The no-JS message, the labelled input, the live result count.
    assert!(html.contains("Search needs JavaScript"));
    assert!(html.contains("<label class=\"search__label\" for=\"search-q\">"));
    assert!(html.contains("id=\"search-q\" name=\"q\" type=\"search\""));
    assert!(html.contains("aria-live=\"polite\""));
}

#[test]
fn links_live_under_the_base_url_sub_path() {
    let site = built();
    let html = site.out("search/index.html");
    assert!(html.contains(&format!("data-index=\"{ROOT}search-index/\"")), "index URL is root-relative");
    for link in links(&html).into_iter().filter(|l| !l.starts_with('#')) {
        assert!(
            link.starts_with(ROOT) || link.starts_with("https://example.org/kb/"),
            "{link} escapes {ROOT}"
        );
    }
    assert!(links(&html).contains(&format!("{ROOT}search.js")));
    assert!(
        links(&html).contains(&format!("{ROOT}principles/")),
        "no-JS fallback links the principles index"
    );
    let index = Index::read(&site);
    for doc in &index.docs {
        assert!(doc["url"].as_str().unwrap().starts_with(&format!("{ROOT}interviews/")), "{doc}");
        for p in doc["principles"].as_array().unwrap() {
            assert!(p[1].as_str().unwrap().starts_with(&format!("{ROOT}principles/")), "{p}");
        }
    }
    // The script fetches nothing but the index beside it.
    let js = site.out("search.js");
    assert!(!js.contains("http://") && !js.contains("https://"), "search.js makes no external requests");
}

#[test]
fn the_index_is_reproducible_and_follows_drafts() {
    let site = built();
    let before = site.tree("public/search-index");
    site.build();
    common::assert_same_tree(&site.tree("public/search-index"), &before, "a second build changed the index");

    site.run(&["build", "--drafts"]).success();
    let index = Index::read(&site);
    assert_eq!(index.docs.len(), 5, "with --drafts the draft is published, and indexed");
    assert_eq!(index.urls_with("dodo"), urls(&["draft-idea"]));
    assert_ne!(
        index.entry["build"],
        serde_json::from_slice::<Value>(&before["entry.json"]).unwrap()["build"]
    );
}

/// `text/<n>.json` of doc `n`: its passages as `(kind, anchor, who, text)`.
fn passages(site: &Site, n: usize) -> Vec<(String, String, String, String)> {
    let file = json(site, &format!("text/{n}.json"));
    assert_eq!(file["v"], 1, "text/{n}.json: {file}");
    file["p"]
        .as_array()
        .unwrap_or_else(|| panic!("text/{n}.json has a list of passages: {file}"))
        .iter()
        .map(|row| {
            let row = row.as_array().expect("a passage is a row");
            assert_eq!(row.len(), 4, "[kind, anchor, who, text]: {row:?}");
            let s = |k: usize| row[k].as_str().expect("a string").to_string();
            (s(0), s(1), s(2), s(3))
        })
        .collect()
}

#[test]
fn every_result_has_its_passages_with_anchor_and_speaker() {
    let site = built();
    let index = Index::read(&site);
    assert!(!site.has_out(&format!("search-index/text/{}.json", index.docs.len())), "one file per doc");
    for (k, iv) in IVS.iter().enumerate().filter(|(_, iv)| !iv.draft) {
        let n = index.docs.iter().position(|d| d["url"] == url_of(iv.slug)).unwrap();
        let ps = passages(&site, n);
        let kinds: Vec<&str> = ps.iter().map(|p| p.0.as_str()).collect();
        // Page order: introduction, turns, consensus, each panelist's signals.
        assert_eq!(
            kinds,
            ["intro", "turn", "turn", "consensus", "hire", "concern", "hire", "concern"],
            "{iv:?}",
            iv = iv.slug
        );
        let anchors: Vec<&str> = ps.iter().map(|p| p.1.as_str()).collect();
        let first = panelist_slug(iv.panel[0]);
        let second = panelist_slug(iv.panel[1]);
        assert_eq!(
            anchors,
            [
                "",
                "turn-1",
                "turn-2",
                "consensus",
                &format!("signal-{first}"),
                &format!("signal-{first}"),
                &format!("signal-{second}"),
                &format!("signal-{second}")
            ]
        );
        assert_eq!(ps[1].2, iv.panel[0], "a turn names its speaker");
        assert_eq!(ps[2].2, iv.panel[1]);
        assert_eq!(ps[4].2, iv.panel[0], "a signal names its panelist");
        assert_eq!(ps[4].3, "Clear reasoning number 0.");
        assert_eq!(ps[5].3, "Light on testing.");
        assert_eq!(ps[3].2, "", "the consensus is the panel's");
        // The unique word is in the passage it was written in, and in no other.
        let holding: Vec<usize> = (0..ps.len()).filter(|&j| ps[j].3.contains(iv.unique)).collect();
        assert_eq!(holding, [[0], [1], [3]][k % 3], "{}: {ps:?}", iv.unique);
        // Plain text: tags dropped, entities decoded, whitespace collapsed.
        assert!(
            ps[1].3.starts_with("They measured the ")
                && ps[1].3.ends_with(" queue depth first & wrote it down."),
            "{}",
            ps[1].3
        );
        assert!(ps.iter().all(|p| !p.3.contains('<') && !p.3.contains("&amp;") && !p.3.contains("  ")));
    }
    let all: String =
        (0..index.docs.len()).map(|n| site.out(&format!("search-index/text/{n}.json"))).collect();
    assert!(!all.contains("dodo") && !all.contains("Drafty"), "no passage of the draft");
}

/// The slug of a test panelist's name (the site's panelists URLs).
fn panelist_slug(name: &str) -> String {
    name.to_lowercase().replace('ë', "e").replace(' ', "-")
}
