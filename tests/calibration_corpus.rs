//! Calibration on a generated corpus with votes (`examples/corpus`): every
//! panelist's votes, agreement and offset on `/panelists/`, and every principle ×
//! level cell's count on `/calibration/`, against a naive recomputation here from
//! the generator's own records; every cell page exists and is linked from the grid,
//! and every split panel is linked from each of its cells' guides.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../examples/corpus/gen.rs"]
#[allow(dead_code)]
mod gen;

const COUNT: usize = 240;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The scale of DESIGN §3.
fn score(v: &str) -> i64 {
    match v {
        "strong-hire" => 3,
        "hire" => 2,
        "lean-hire" => 1,
        "lean-no-hire" => -1,
        "no-hire" => -2,
        "strong-no-hire" => -3,
        other => panic!("not a verdict: {other}"),
    }
}

/// A number on the scale as the pages print it: two decimals at most, one when
/// the second is zero, a sign, a real minus.
fn shown(x: f64) -> String {
    let r = (x * 100.0).round() / 100.0;
    let body = if ((r * 100.0).round() as i64) % 10 == 0 {
        format!("{:.1}", r.abs())
    } else {
        format!("{:.2}", r.abs())
    };
    match r {
        r if r < 0.0 => format!("\u{2212}{body}"),
        r if r > 0.0 => format!("+{body}"),
        _ => body,
    }
}

/// The part of `html` from `from` to the next `to` after it.
fn after<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from:?} not found"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn panelists_and_cells_match_a_naive_recomputation() {
    let dir = tempfile::tempdir().unwrap();
    gen::write_corpus(dir.path(), COUNT, gen::DEFAULT_SEED).unwrap();
    let public: PathBuf = dir.path().join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_site"))
        .args(["build", "--root"])
        .arg(dir.path().join("roundtable"))
        .arg("--output")
        .arg(&public)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let interviews: Vec<gen::Interview> = (0..COUNT).map(|i| gen::interview(i, gen::DEFAULT_SEED)).collect();
    let root = gen::BASE_URL.split('/').skip(3).fold(String::from("/"), |acc, part| format!("{acc}{part}/"));

    // Per panelist: (votes, agreeing, sum of vote − verdict).
    let mut panelists: BTreeMap<String, (usize, usize, i64)> = BTreeMap::new();
    // Per cell (principle slug, level slug): (interviews, split panels).
    let mut cells: BTreeMap<(String, String), (usize, Vec<String>)> = BTreeMap::new();
    let mut splits = 0;
    for iv in &interviews {
        let verdict = score(iv.verdict);
        let votes: Vec<i64> =
            iv.panelists.iter().filter(|p| !p.vote.is_empty()).map(|p| score(p.vote)).collect();
        for p in iv.panelists.iter().filter(|p| !p.vote.is_empty()) {
            let e = panelists.entry(gen::slugify(p.name)).or_default();
            let v = score(p.vote);
            e.0 += 1;
            e.1 += usize::from((v > 0) == (verdict > 0));
            e.2 += v - verdict;
        }
        let split = votes.iter().any(|&v| v > 0) && votes.iter().any(|&v| v < 0);
        splits += usize::from(split);
        for p in &iv.principles {
            let e = cells.entry((gen::slugify(p), gen::slugify(iv.level))).or_default();
            e.0 += 1;
            if split {
                e.1.push(iv.slug.clone());
            }
        }
    }
    assert!(splits > 10, "the corpus has split panels to check ({splits})");
    assert!(panelists.len() > 10 && cells.len() > 40, "{} panelists, {} cells", panelists.len(), cells.len());

    let index = read(&public.join("panelists/index.html"));
    let table = after(&index, "class=\"reviewers\"", "</table>");
    for (slug, (votes, agreeing, offset_sum)) in &panelists {
        let row = after(table, &format!("<a href=\"{root}panelists/{slug}/\">"), "</tr>");
        let agreement = (*agreeing as f64 / *votes as f64 * 100.0).round() as usize;
        let offset = shown(*offset_sum as f64 / *votes as f64);
        for want in [
            format!("data-label=\"Votes\" data-value=\"{votes}\">{votes}"),
            format!(">{agreement}%</td>"),
            format!(">{offset}</td>"),
        ] {
            assert!(row.contains(&want), "{slug}: {want:?} not in {row}");
        }
        // The panelist's own page shows the same numbers.
        let page = read(&public.join(format!("panelists/{slug}/index.html")));
        let calibration = after(&page, "id=\"reviewer-calibration\"", "</section>");
        assert!(calibration.contains(&format!("{agreement}%</span> agreement")), "{slug}: {calibration}");
        assert!(calibration.contains(&format!("{offset}</span> offset")), "{slug}: {calibration}");
    }

    let grid = read(&public.join("calibration/index.html"));
    let linked = gen_links(&grid);
    for ((principle, level), (count, split)) in &cells {
        let url = format!("{root}calibration/{principle}/{level}/");
        let cell = after(&grid, &format!("<a class=\"cgrid__cell\" href=\"{url}\""), "</a>");
        let noun = if *count == 1 { "interview" } else { "interviews" };
        let want =
            format!("<span class=\"cgrid__count\">{count}</span><span class=\"visually-hidden\"> {noun},");
        assert!(cell.contains(&want), "{principle} at {level}: {count} expected in {cell}");
        assert!(linked.contains(&url));
        let page = read(&public.join(format!("calibration/{principle}/{level}/index.html")));
        for slug in split {
            assert!(
                page.contains(&format!("href=\"{root}interviews/{slug}/\"")),
                "split panel {slug} is not linked from {url}"
            );
        }
    }
    // No cell beyond those: every grid link to a cell is one of them.
    let depth = root.matches('/').count() + 3;
    let cell_links = linked
        .iter()
        .filter(|l| l.starts_with(&format!("{root}calibration/")) && l.matches('/').count() == depth);
    let cell_links = cell_links.count();
    assert_eq!(cell_links, cells.len(), "cells linked from the grid");
}

/// Every `href` of a page.
fn gen_links(html: &str) -> Vec<String> {
    html.split("href=\"").skip(1).filter_map(|s| s.split('"').next()).map(str::to_string).collect()
}
