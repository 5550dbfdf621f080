//! Build profiles end to end (DESIGN §2, docs/publishing.md): a generated corpus
//! with candidates, companies, video links, internal notes, confidential
//! interviews and panelists who address each other by first name, built with
//! `--profile public`; every byte of the output is searched for what the profile
//! must not publish.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::Site;

/// The panel pool: names that are no English words, so a find is a leak.
const PANELISTS: [(&str, &str); 6] = [
    ("Marisol Quintero", "Director of Engineering"),
    ("Tobias Fairweather", "Principal Engineer"),
    ("Ingrid Halvorsen", "Senior Product Manager"),
    ("Desmond Okonkwo", "Bar Raiser"),
    ("Yukiko Matsushima", "Engineering Manager"),
    ("Colette Beaumarchais", "Staff Engineer"),
];

/// Sits only on confidential interviews: must vanish entirely.
const HIDDEN_PANELIST: &str = "Bartholomew Ashcombe";

const CANDIDATES: [&str; 4] =
    ["Lorenzo Vittorelli", "Anneliese Brandvold", "Thaddeus Okereke", "Giselle Marchetti"];
const COMPANIES: [&str; 2] = ["Zentrixa", "Quorvane"];

const VERDICTS: [&str; 6] = ["strong-hire", "hire", "lean-hire", "lean-no-hire", "no-hire", "strong-no-hire"];

const SITE_TOML: &str = "title = \"Profiles\"\nbase_url = \"https://internal.example.com/kb\"\n\n\
[profiles.public]\n\
base_url = \"https://reviews.example.org\"\n\
exclude_tags = [\"confidential\"]\n\
drop_fields = [\"candidate\", \"company\", \"video\"]\n\
drop_sections = [\"Internal notes\"]\n\
pseudonymize = true\n\
min_group = 3\n\
indexing = false\n\
feeds = false\n\
check_pii = true\n\n\
[profiles.internal]\n\
pseudonymize = true\n";

/// The text of interview `n` (dated in 2026 by `n`).
fn interview(n: usize, confidential: bool) -> String {
    let seat = |k: usize| PANELISTS[(n + k) % PANELISTS.len()];
    let mut panel = [seat(0), seat(1), seat(2)];
    if confidential {
        panel[2] = (HIDDEN_PANELIST, "Head of Talent");
    }
    let candidate = CANDIDATES[n % CANDIDATES.len()];
    let (cand_first, cand_last) = candidate.split_once(' ').unwrap_or((candidate, ""));
    let company = COMPANIES[n % COMPANIES.len()];
    let first = |k: usize| panel[k].0.split(' ').next().unwrap_or_default();
    let last = |k: usize| panel[k].0.split(' ').nth(1).unwrap_or_default();
    let marker = if confidential { format!(" EXCLUDEDMARKER{n}") } else { String::new() };
    let tags = if confidential { "[\"confidential\", \"scaling\"]" } else { "[\"scaling\"]" };
    let mut text = format!(
        "+++\ntitle = \"Scaling the ledger, take {n}{marker}\"\ndate = 2026-{:02}-{:02}\n\
         principles = [\"Dive Deep\"]\nrole = \"Software Engineer\"\nlevel = \"L{}\"\n\
         company = \"{company}\"\nverdict = \"{}\"\nvideo = \"https://videos.example.net/watch/vid{n}x\"\n\
         summary = \"{cand_first} sharded the ledger at {company}.{marker}\"\ncandidate = \"{candidate}\"\n\
         tags = {tags}\nquestion = \"Tell me about a time you scaled a system{marker}\"\n",
        1 + n % 12,
        1 + n % 28,
        5 + n % 2,
        VERDICTS[n % 6],
    );
    for (k, (name, role)) in panel.iter().enumerate() {
        text.push_str(&format!(
            "\n[[panelists]]\nname = \"{name}\"\nrole = \"{role}\"\nhire_reason = \"{cand_first} owned the migration{marker}\"\n\
             concern = \"No rollback plan, as {} noted\"\nvote = \"{}\"\n",
            first((k + 1) % 3),
            VERDICTS[(n + k) % 6],
        ));
    }
    text.push_str(&format!(
        "+++\n\n{candidate} joined {company} in 2021 and was asked about the ledger.{marker}\n\n\
         ## Roundtable\n\n### {p0}\nThanks, {f1}. I think {cand_first} dug in well: see [the clip](https://videos.example.net/watch/vid{n}x).{marker}\n\n\
         ### {p1}\nI disagree, {f0}. {f2}'s concern stands, and {l0}'s question about {cand_last} was fair.\n\n\
         ### {p2}\nBoth of you, {f0} and {f1}: **{p0}** and *{l1}* miss that {company}'s load was spiky.\n\n\
         ## Consensus\n\n{f0}, {f1} and {f2} agree that {cand_first} {cand_last} knows sharding.{marker}\n\n\
         ## Internal notes\n\nRecruiter: INTERNALNOTE{n}, offer band discussed with {candidate}.\n\n\
         ## Follow-up\n\n{l2} will ask {f0} about the {company} rollout.\n",
        p0 = panel[0].0,
        p1 = panel[1].0,
        p2 = panel[2].0,
        f0 = first(0),
        f1 = first(1),
        f2 = first(2),
        l0 = last(0),
        l1 = last(1),
        l2 = last(2),
    ));
    text
}

/// The absolute path of `name` under the site root (for `--output`).
fn out(site: &Site, name: &str) -> String {
    site.path(name).to_string_lossy().into_owned()
}

/// A site of `count` interviews; every fifth is confidential.
fn corpus(count: usize) -> Site {
    let site = Site::from_files(&[("site.toml", SITE_TOML)]);
    for n in 0..count {
        site.write(&format!("content/iv-{n}/index.md"), &interview(n, n % 5 == 4));
    }
    site
}

/// Everything a reader of `dir` could see: every file's bytes as text, HTML
/// character references and JSON escapes decoded.
fn readable(site: &Site, dir: &str) -> BTreeMap<String, String> {
    site.tree(dir)
        .into_iter()
        .map(|(path, bytes)| {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let text = roundtable::redact::html::decode_entities(&unescape_json(&text)).into_owned();
            (path, text)
        })
        .collect()
}

/// `\uXXXX`, `\/` and the other JSON escapes decoded (surrogate pairs included).
fn unescape_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let mut code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                if (0xd800..0xdc00).contains(&code) && chars.peek() == Some(&'\\') {
                    let rest: String = chars.clone().take(6).collect();
                    if let Some(low) = rest.strip_prefix("\\u").and_then(|h| u32::from_str_radix(h, 16).ok())
                    {
                        chars.nth(5);
                        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                    }
                }
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The lower-case words of `text` (runs of letters and digits).
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// Every word and substring the public profile must not publish.
fn forbidden() -> (BTreeSet<String>, Vec<String>) {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for name in PANELISTS.iter().map(|p| p.0).chain([HIDDEN_PANELIST]).chain(CANDIDATES).chain(COMPANIES) {
        names.extend(words(name));
    }
    let substrings = vec![
        "videos.example.net".to_string(),
        "INTERNALNOTE".to_string(),
        "EXCLUDEDMARKER".to_string(),
        "Internal notes".to_string(),
        "confidential".to_string(),
        "internal.example.com".to_string(),
        "Head of Talent".to_string(),
    ];
    (names, substrings)
}

fn leaks(files: &BTreeMap<String, String>) -> Vec<String> {
    let (names, substrings) = forbidden();
    let mut found = Vec::new();
    for (path, text) in files {
        for w in words(text).intersection(&names) {
            found.push(format!("{path}: name {w:?}"));
        }
        for s in &substrings {
            if text.to_lowercase().contains(&s.to_lowercase()) {
                found.push(format!("{path}: {s:?}"));
            }
        }
    }
    found
}

#[test]
fn the_public_output_holds_no_name_candidate_company_video_note_or_excluded_interview() {
    let site = corpus(15);
    site.run(&["build", "--profile", "public", "--output", &out(&site, "pub")]).success();
    let files = readable(&site, "pub");
    let found = leaks(&files);
    assert!(found.is_empty(), "{} leaks, first: {:#?}", found.len(), &found[..found.len().min(20)]);
    // The output is a whole site: 12 interviews (3 confidential ones left out),
    // six pseudonymous panelists with their roles, the follow-up section kept.
    let interviews =
        files.keys().filter(|p| p.starts_with("interviews/iv-") && p.ends_with("/index.html")).count();
    assert_eq!(interviews, 12, "{:?}", files.keys().collect::<Vec<_>>());
    // ...and the excluded ones are in no count either.
    assert!(files["interviews/index.html"].contains("<span class=\"count-pill\">12 interviews</span>"));
    assert!(files["index.html"].contains("<span class=\"stats__num\">12</span> interviews"));
    assert!(files["tags/scaling/index.html"].contains("<span class=\"count-pill\">12 interviews</span>"));
    let panelists: Vec<&String> = files
        .keys()
        .filter(|p| p.starts_with("panelists/") && p.matches('/').count() == 2 && !p.contains("/page/"))
        .collect();
    assert_eq!(panelists.len(), 6, "{panelists:?}");
    let page = &files["interviews/iv-0/index.html"];
    assert!(page.contains("Director of Engineering"), "roles are kept");
    assert!(page.contains("Follow-up"), "sections not dropped stay");
    assert!(page.contains("The candidate joined the company in 2021"), "{page}");
    // The unprofiled build still holds everything.
    site.build();
    let all = readable(&site, "public");
    assert!(all["interviews/iv-0/index.html"].contains("Marisol Quintero"));
    assert!(leaks(&all).len() > 100, "the leak finder finds what is there");
    assert!(all["interviews/iv-4/index.html"].contains("INTERNALNOTE4"));
}

/// Interview slug → its panel's pseudonyms, from the public export.
fn panels(site: &Site) -> BTreeMap<String, Vec<String>> {
    let run = site.run(&["export", "--profile", "public"]).success();
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("the export is JSON");
    json["interviews"]
        .as_array()
        .expect("interviews")
        .iter()
        .map(|iv| {
            let names = iv["panelists"]
                .as_array()
                .expect("panelists")
                .iter()
                .map(|p| p["name"].as_str().unwrap_or_default().to_string())
                .collect();
            (iv["slug"].as_str().unwrap_or_default().to_string(), names)
        })
        .collect()
}

#[test]
fn pseudonyms_are_the_same_on_every_build_and_after_adding_an_interview() {
    let site = corpus(10);
    site.run(&["build", "--profile", "public", "--output", &out(&site, "a")]).success();
    site.run(&["build", "--profile", "public", "--output", &out(&site, "b")]).success();
    assert!(site.tree("a") == site.tree("b"), "two builds differ");
    let before = panels(&site);
    assert_eq!(before.len(), 8);
    let distinct: BTreeSet<&String> = before.values().flatten().collect();
    assert_eq!(distinct.len(), 6, "six people, six pseudonyms: {distinct:?}");
    // A new interview (the newest, with a newcomer on its panel), and one removed.
    let newer = interview(10, false)
        .replace("Colette Beaumarchais", "Wilhelmina Sturgeon")
        .replace("2026-11-11", "2026-12-30");
    site.write("content/iv-new/index.md", &newer);
    site.remove("content/iv-3");
    let after = panels(&site);
    for (slug, names) in &before {
        if slug != "iv-3" {
            assert_eq!(after.get(slug), Some(names), "{slug}");
        }
    }
    let newcomer = &after["iv-new"];
    assert!(newcomer.iter().all(|n| !n.contains("Wilhelmina")), "{newcomer:?}");
}

#[test]
fn an_unindexed_profile_has_noindex_a_closed_robots_txt_no_sitemap_and_no_feeds() {
    let site = corpus(6);
    site.run(&["build", "--profile", "public", "--output", &out(&site, "pub")]).success();
    let files = readable(&site, "pub");
    assert_eq!(files["robots.txt"], "User-agent: *\nDisallow: /\n");
    assert!(!files.contains_key("sitemap.xml"));
    assert!(files.keys().all(|p| !p.ends_with("atom.xml")), "a feed was written");
    for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(text.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "{path}");
        assert!(!text.contains("atom.xml"), "{path} links a feed");
    }
    // A profile that keeps indexing and feeds writes them, for its own base_url.
    site.run(&["build", "--profile", "internal", "--output", &out(&site, "int")]).success();
    let files = readable(&site, "int");
    assert!(files["robots.txt"].contains("Sitemap: https://internal.example.com/kb/sitemap.xml"));
    assert!(files.contains_key("sitemap.xml") && files.contains_key("atom.xml"));
    assert!(!files["index.html"].contains("noindex"));
}

#[test]
fn an_e_mail_address_or_phone_number_fails_the_profiled_build_and_keeps_the_old_output() {
    let site = corpus(6);
    site.run(&["build", "--profile", "public", "--output", &out(&site, "pub")]).success();
    let before = site.tree("pub");
    site.edit(
        "content/iv-1/index.md",
        "knows sharding.",
        "knows sharding. Mail jo.doe@example.org or call +44 20 7946 0958.",
    );
    let run = site.run(&["build", "--profile", "public", "--output", &out(&site, "pub")]).code(1);
    let line = site.read("content/iv-1/index.md").lines().position(|l| l.contains("jo.doe@")).map(|i| i + 1);
    let at = format!("content/iv-1/index.md:{}", line.expect("the line"));
    run.stderr_has(&at)
        .stderr_has("an e-mail address in published text")
        .stderr_has("a phone number")
        .stderr_has("drop_sections");
    assert!(site.tree("pub") == before, "the previous output changed");
    site.run(&["check", "--profile", "public"]).code(1).stderr_has(&at);
    // In a dropped section it is not published, so not an error.
    site.edit(
        "content/iv-1/index.md",
        "knows sharding. Mail jo.doe@example.org or call +44 20 7946 0958.",
        "knows sharding.",
    );
    site.edit("content/iv-1/index.md", "offer band discussed", "offer band (jo.doe@example.org) discussed");
    site.run(&["build", "--profile", "public", "--output", &out(&site, "pub")]).success();
    // Without the profile nothing is checked.
    site.edit("content/iv-1/index.md", "knows sharding.", "knows sharding, jo.doe@example.org.");
    site.build();
}

#[test]
fn unknown_profiles_and_profile_keys_are_named() {
    let site = corpus(2);
    for cmd in ["build", "check", "export", "serve"] {
        site.run(&[cmd, "--profile", "publik"])
            .code(2)
            .stderr_has("unknown profile \"publik\": site.toml declares internal, public")
            .stderr_has("did you mean `--profile public`?");
    }
    site.edit("site.toml", "pseudonymize = true\nmin_group", "pseudonymise = true\nmin_group");
    site.run(&["build", "--profile", "public"])
        .code(1)
        .stderr_has("unknown key `pseudonymise`")
        .stderr_has("did you mean `pseudonymize`?");
    site.edit("site.toml", "pseudonymise = true\nmin_group", "pseudonymize = true\nmin_group");
    site.edit("site.toml", "\"candidate\", \"company\"", "\"candidat\", \"company\"");
    site.run(&["build"])
        .code(1)
        .stderr_has("unknown field \"candidat\" in drop_fields")
        .stderr_has("did you mean \"candidate\"?");
}

#[test]
fn without_a_profile_the_build_is_the_same_byte_for_byte() {
    let site = corpus(6);
    site.build();
    let with_profiles = site.tree("public");
    let plain = SITE_TOML.split("\n\n[profiles.public]").next().unwrap_or_default().to_string() + "\n";
    site.write("site.toml", &plain);
    site.build();
    assert!(site.tree("public") == with_profiles, "declaring profiles changed the unprofiled build");
}

#[test]
fn the_public_export_holds_only_redacted_data() {
    let site = corpus(10);
    let run = site.run(&["export", "--profile", "public"]).success();
    let text = roundtable::redact::html::decode_entities(&unescape_json(&run.stdout)).into_owned();
    let found = leaks(&BTreeMap::from([("export.json".to_string(), text.clone())]));
    assert!(found.is_empty(), "{found:#?}");
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let iv = &json["interviews"][0];
    assert!(iv.get("candidate").is_none_or(serde_json::Value::is_null), "{iv}");
    let sections: Vec<&str> =
        iv["sections"].as_array().expect("sections").iter().filter_map(|s| s["heading"].as_str()).collect();
    assert_eq!(sections, ["Follow-up"]);
    let csv = site.run(&["export", "--profile", "public", "--format", "csv"]).success();
    assert!(leaks(&BTreeMap::from([("export.csv".to_string(), csv.stdout.clone())])).is_empty());
}

#[test]
fn counts_below_min_group_are_shown_as_fewer_than_k() {
    // 12 published interviews; by verdict 3, 3, 2, 1, 1, 2.
    let site = corpus(15);
    site.run(&["build", "--profile", "public", "--output", &out(&site, "pub")]).success();
    let home = site.read("pub/index.html");
    let legend: Vec<&str> = home
        .split("<span class=\"vlegend__count\">")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap_or(0)])
        .collect();
    assert_eq!(
        legend,
        ["3", "3", "fewer than 3", "fewer than 3", "fewer than 3", "fewer than 3"],
        "home legend"
    );
    assert!(home.contains(">fewer than 3</a>"), "the matrix hides small cells");
    let json: serde_json::Value =
        serde_json::from_str(&site.run(&["export", "--profile", "public"]).success().stdout).expect("JSON");
    let cells = json["calibration"]["cells"].as_array().expect("cells");
    assert!(
        cells.iter().all(|c| c["interviews"].is_null() || c["interviews"].as_u64() >= Some(3)),
        "{cells:?}"
    );
    let hidden =
        |c: &serde_json::Value| c["verdicts"].as_object().is_some_and(|v| v.values().any(|n| n.is_null()));
    assert!(cells.iter().any(hidden), "{cells:?}");
    assert!(cells
        .iter()
        .flat_map(|c| c["verdicts"].as_object())
        .flatten()
        .all(|(_, n)| n.is_null() || n.as_u64().is_some_and(|n| n == 0 || n >= 3)));
    for p in json["panelists"].as_array().expect("panelists") {
        let votes = p["votes"].as_u64();
        assert!(votes.is_none_or(|v| v >= 3), "{p}");
        assert_eq!(p["agreement"].is_null(), votes.is_none(), "{p}");
    }
    // Without the profile every count is a number.
    site.build();
    assert!(!site.out("index.html").contains("fewer than"));
}

/// Two interviews that make small groups of their own: a role, a level, a tag, a
/// principle, a question and a panelist ("Perpetua Lindqvist") found only there.
fn small_group(n: usize) -> String {
    let text = interview(n, false);
    let seat = PANELISTS[n % PANELISTS.len()].0;
    let (first, last) = seat.split_once(' ').unwrap_or((seat, ""));
    text.replace(seat, "Perpetua Lindqvist")
        .replace(first, "Perpetua")
        .replace(last, "Lindqvist")
        .replace("role = \"Software Engineer\"", "role = \"Quartermaster\"")
        .replace("level = \"L5\"", "level = \"L9\"")
        .replace("level = \"L6\"", "level = \"L9\"")
        .replace("tags = [\"scaling\"]", "tags = [\"rare-tag\"]")
        .replace("principles = [\"Dive Deep\"]", "principles = [\"Frugality\"]")
        .replace("scaled a system", "ran out of budget")
}

/// Where a page prints a count of 1 or 2 (below `min_group = 3`): the text of an
/// element whose class names a count, a number before a counted noun (in text,
/// `title`, `aria-label` or a meta description), a number in parentheses (the
/// search filters), "the newest n of" and a JSON count field. One entry per find, `path: excerpt`.
fn small_counts(files: &BTreeMap<String, String>) -> Vec<String> {
    let class = regex::Regex::new(r#"class="[^"]*(?:count|num|mcell|pill)[^"]*"[^>]*>\s*([12])\b"#).unwrap();
    let nouns = "interviews?|answers?|panel reviews?|reviewed interviews?|votes?|panelists?|experts?|\
                 concerns?|reasons?|shared panels?|split panels?|verdicts? against|hire side|no-hire side|\
                 roundtable turns?|given|raised|none stated|in all|strong hire|hire|lean hire|lean no hire|\
                 no hire|strong no hire";
    let noun = regex::Regex::new(&format!(r"(?i)(?:^|[\s(:>])([12])\s+(?:{nouns})\b")).unwrap();
    let paren = regex::Regex::new(r"\(([12])\)|newest ([12]) of").unwrap();
    let json = regex::Regex::new(r#""(?:interviews|votes|count)"\s*:\s*([12])\b"#).unwrap();
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    let attr = regex::Regex::new(r#"(?:title|aria-label|content)="([^"]*)""#).unwrap();
    let mut found = Vec::new();
    for (path, text) in
        files.iter().filter(|(p, _)| [".html", ".json", ".xml", ".txt"].iter().any(|e| p.ends_with(e)))
    {
        // Page text as a reader hears it: tags as spaces, attribute texts kept.
        let spoken = tag.replace_all(text, " ");
        let spoken: Vec<&str> = spoken.split_whitespace().collect();
        let spoken = spoken.join(" ");
        let attrs: Vec<&str> =
            attr.captures_iter(text).filter_map(|c| c.get(1)).map(|m| m.as_str()).collect();
        let mut hit = |m: regex::Match, within: &str| {
            let from = (0..=m.start().saturating_sub(40)).rev().find(|&k| within.is_char_boundary(k));
            let to = ((m.end() + 20).min(within.len())..=within.len()).find(|&k| within.is_char_boundary(k));
            found.push(format!("{path}: …{}…", &within[from.unwrap_or(0)..to.unwrap_or(within.len())]));
        };
        // How many principles a site covers is no group of interviews or people.
        let principles = |m: &regex::Match| text[m.end()..].starts_with("</span> principle");
        class
            .captures_iter(text)
            .filter_map(|c| c.get(0))
            .filter(|m| !principles(m))
            .for_each(|m| hit(m, text));
        json.captures_iter(text).filter_map(|c| c.get(0)).for_each(|m| hit(m, text));
        for within in attrs.iter().copied().chain([spoken.as_str()]) {
            noun.captures_iter(within).filter_map(|c| c.get(0)).for_each(|m| hit(m, within));
            paren.captures_iter(within).filter_map(|c| c.get(0)).for_each(|m| hit(m, within));
        }
    }
    found
}

#[test]
fn no_count_below_min_group_is_published_anywhere() {
    let site = Site::from_files(&[(
        "site.toml",
        "title = \"Groups\"\nbase_url = \"https://example.com/kb\"\n\n[profiles.groups]\nmin_group = 3\n",
    )]);
    for n in 0..12 {
        site.write(&format!("content/iv-{n}/index.md"), &interview(n, false));
    }
    for n in 12..14 {
        site.write(&format!("content/iv-{n}/index.md"), &small_group(n));
    }
    let pages = [
        "index.html",
        "roles/index.html",
        "roles/quartermaster/index.html",
        "levels/index.html",
        "levels/l9/index.html",
        "tags/index.html",
        "tags/rare-tag/index.html",
        "principles/index.html",
        "principles/frugality/index.html",
        "panelists/index.html",
        "panelists/perpetua-lindqvist/index.html",
        "questions/index.html",
        "questions/tell-me-about-a-time-you-ran-out-of-budget/index.html",
        "search/index.html",
        "calibration/index.html",
        "calibration/frugality/index.html",
        "calibration/frugality/l9/index.html",
    ];
    // The scan sees small counts: without the profile it finds them on every page above.
    site.build();
    let plain = readable(&site, "public");
    let seen = small_counts(&plain);
    for page in pages {
        assert!(seen.iter().any(|f| f.starts_with(&format!("{page}: "))), "no small count found in {page}");
    }
    site.run(&["build", "--profile", "groups", "--output", &out(&site, "pub")]).success();
    let published = readable(&site, "pub");
    assert!(published.keys().any(|p| p.ends_with(".xml")) && published.keys().any(|p| p.ends_with(".json")));
    let found = small_counts(&published);
    assert!(found.is_empty(), "counts below min_group: {found:#?}");
    for page in pages {
        let text = &published[page];
        assert!(text.contains("fewer than 3"), "{page} hides no count");
        assert!(!text.contains("[object]"), "{page} prints a count as an object");
    }
    assert!(published["search/index.html"].contains("data-min-group=\"3\""));
    // The export: every count of a group is a number of at least 3, or null.
    let export = site.run(&["export", "--profile", "groups"]).success().stdout;
    let found = small_counts(&BTreeMap::from([("export.json".to_string(), export.clone())]));
    assert!(found.is_empty(), "{found:#?}");
    assert!(export.contains("\"interviews\": null"), "the export hides no count");
}
