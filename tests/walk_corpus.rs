//! Walking the knowledge base built from a generated corpus (`examples/corpus`,
//! with tags, questions and levels L4 … L10): the archive's pages together list
//! every interview exactly once, newest first; every tag and question page lists
//! exactly its interviews; levels come in natural order; the sitemap and the
//! pages agree.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../examples/corpus/gen.rs"]
#[allow(dead_code)]
mod gen;

/// More than two archive pages of 60.
const COUNT: usize = 150;
const ROOT: &str = "/kb/";

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The interviews listed in `main` of a listing and all its later pages, in order,
/// following the pages' `rel="next"` links.
fn listed(public: &Path, first: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut page: Option<String> = Some(format!("{ROOT}{first}"));
    while let Some(url) = page {
        let rel = url.strip_prefix(ROOT).expect("root-relative link");
        let html = read(&public.join(rel).join("index.html"));
        let main = common::main_of(&html);
        // The cards' and answers' titles: one link each, in listing order.
        let titles: String = main
            .match_indices("<h3 class=\"")
            .map(|(at, _)| common::between(&main[at..], "<h3", "</h3>"))
            .collect();
        out.extend(common::interview_links(&titles, ROOT));
        page = common::rel_link(main, "next");
    }
    out
}

fn build(dir: &Path) -> PathBuf {
    gen::write_corpus(dir, COUNT, gen::DEFAULT_SEED).unwrap();
    let public = dir.join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["build", "--root"])
        .arg(dir.join("roundtable"))
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    public
}

#[test]
fn archive_tags_questions_and_levels_list_exactly_their_interviews() {
    let dir = tempfile::tempdir().unwrap();
    let public = build(dir.path());
    let mut interviews: Vec<gen::Interview> =
        (0..COUNT).map(|i| gen::interview(i, gen::DEFAULT_SEED)).collect();
    // Newest first, ties by slug: the graph's order.
    interviews.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let newest_first: Vec<String> = interviews.iter().map(|iv| iv.slug.clone()).collect();

    // The archive: every interview exactly once, newest first, over several pages.
    let archive = listed(&public, "interviews/");
    assert_eq!(archive, newest_first, "the archive's pages, in order");
    assert!(public.join("interviews/page/3/index.html").is_file(), "150 interviews make three pages");
    assert!(!public.join("interviews/page/4/index.html").exists());

    // Every tag page lists exactly the interviews carrying the tag, newest first.
    let mut by_tag: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut by_question: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for iv in &interviews {
        for t in &iv.tags {
            by_tag.entry(gen::slugify(t)).or_default().push(iv.slug.clone());
        }
        if let Some(q) = iv.question {
            by_question.entry(gen::slugify(q)).or_default().push(iv.slug.clone());
        }
    }
    assert!(by_tag.len() >= 10 && by_question.len() >= 10, "the corpus has tags and questions");
    for (slug, want) in &by_tag {
        assert_eq!(&listed(&public, &format!("tags/{slug}/")), want, "tag {slug}");
        assert!(public.join(format!("tags/{slug}/atom.xml")).is_file(), "tag {slug} has a feed");
    }
    let tags_index = read(&public.join("tags/index.html"));
    let tag_links: BTreeSet<String> = common::links(common::main_of(&tags_index))
        .into_iter()
        .filter_map(|l| l.strip_prefix("/kb/tags/").map(|s| s.trim_end_matches('/').to_string()))
        .filter(|s| !s.is_empty())
        .collect();
    assert_eq!(tag_links, by_tag.keys().cloned().collect::<BTreeSet<_>>(), "the tags index");

    // Every question page lists exactly its answers (hire side, then no-hire side,
    // each newest first), and the interview page names its question.
    for (slug, want) in &by_question {
        let got: BTreeSet<String> = listed(&public, &format!("questions/{slug}/")).into_iter().collect();
        assert_eq!(got, want.iter().cloned().collect::<BTreeSet<_>>(), "question {slug}");
        let page = read(&public.join(format!("questions/{slug}/index.html")));
        let hire = common::main_of(&page).find("id=\"hire-side\"").expect("a hire side");
        let no_hire = common::main_of(&page).find("id=\"no-hire-side\"").expect("a no-hire side");
        assert!(hire < no_hire);
        let first = &want[0];
        let interview = read(&public.join(format!("interviews/{first}/index.html")));
        assert!(interview.contains(&format!("href=\"/kb/questions/{slug}/\"")), "{first} links its question");
    }
    let questions_index = read(&public.join("questions/index.html"));
    for slug in by_question.keys() {
        assert!(questions_index.contains(&format!("/kb/questions/{slug}/")), "questions index lacks {slug}");
    }

    // Levels in natural order, on their index and on the home page.
    let used: BTreeSet<&str> = interviews.iter().map(|iv| iv.level).collect();
    let natural: Vec<String> = gen::LEVELS
        .iter()
        .filter(|l| used.contains(*l))
        .map(|l| format!("/kb/levels/{}/", gen::slugify(l)))
        .collect();
    assert!(natural.last().is_some_and(|l| l.ends_with("/l10/")), "L10 is used and last");
    for (page, from) in [("levels/index.html", "<main"), ("index.html", "id=\"levels\"")] {
        let html = read(&public.join(page));
        let order: Vec<String> = common::links(common::between(&html, from, "</section>"))
            .into_iter()
            .filter(|l| natural.contains(l))
            .fold(Vec::new(), |mut v, l| {
                if !v.contains(&l) {
                    v.push(l);
                }
                v
            });
        assert_eq!(order, natural, "level order on {page}");
    }

    // Principles without interviews have no page and no sitemap entry.
    let sitemap = read(&public.join("sitemap.xml"));
    for (name, _) in gen::PRINCIPLES {
        let slug = gen::slugify(name);
        let used = interviews.iter().any(|iv| iv.principles.contains(&name));
        assert_eq!(public.join(format!("principles/{slug}/index.html")).is_file(), used, "principle {slug}");
        assert_eq!(sitemap.contains(&format!("/kb/principles/{slug}/<")), used, "sitemap: principle {slug}");
    }
}
