//! The machine-readable files: the Atom feed, the sitemap and robots.txt.

use std::fmt::Write;

use super::views::{
    interview_path, iso_date, level_path, panelist_path, principle_path, role_path, tag_path, Urls,
};
use crate::model::Site;
use crate::output::{Body, OutputFile};

/// Escapes `s` for XML text or a quoted attribute, leaving out the characters
/// XML 1.0 cannot hold at all (control characters other than tab and newlines,
/// U+FFFE, U+FFFF): a front-matter value with a stray control character must not
/// make a feed or the sitemap malformed. Every text of these files goes through it.
fn esc(s: &str) -> String {
    let allowed = |c: char| !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}');
    if s.chars().all(allowed) {
        return super::escape_html(s);
    }
    super::escape_html(&s.chars().filter(|c| allowed(*c)).collect::<String>())
}

/// How many entries the site feed carries.
pub const FEED_ENTRIES: usize = 50;

fn file(path: &str, text: String) -> OutputFile {
    OutputFile { path: path.to_string(), body: Body::Bytes(text.into_bytes()), source: None }
}

/// `/atom.xml`: the newest interviews, absolute links.
pub fn atom(site: &Site, urls: &Urls) -> OutputFile {
    let all = site.all();
    file("atom.xml", feed(site, urls, "", &site.config.title, site.config.description.as_str(), &all))
}

/// Which kind of term a feed follows.
#[derive(Debug, Clone, Copy)]
pub enum TermFeed {
    /// A role, by index.
    Role,
    /// A level, by index.
    Level,
    /// A tag, by index.
    Tag,
}

/// The feed of role, level or tag `t`.
pub fn term_feed(site: &Site, urls: &Urls, kind: TermFeed, t: usize) -> OutputFile {
    let (term, path, what) = match kind {
        TermFeed::Role => (&site.roles[t], role_path(&site.roles[t].slug), "role"),
        TermFeed::Level => (&site.levels[t], level_path(&site.levels[t].slug), "level"),
        TermFeed::Tag => (&site.tags[t], tag_path(&site.tags[t].slug), "tag"),
    };
    let title = format!("{}: {what} {}", site.config.title, term.name);
    file(&format!("{path}atom.xml"), feed(site, urls, &path, &title, "", &term.interviews))
}

/// The feed of principle `p` (index into the catalogue).
pub fn principle_feed(site: &Site, urls: &Urls, p: usize) -> OutputFile {
    let cfg = &site.config;
    let pr = &cfg.principles[p];
    let path = principle_path(&pr.slug);
    let title = format!("{}: {}", cfg.title, pr.name);
    file(&format!("{path}atom.xml"), feed(site, urls, &path, &title, &pr.description, &site.by_principle[p]))
}

/// The feed of panelist `k`.
pub fn panelist_feed(site: &Site, urls: &Urls, k: usize) -> OutputFile {
    let p = &site.panelists[k];
    let path = panelist_path(&p.slug);
    let list: Vec<usize> = p.appearances.iter().map(|&(i, _)| i).collect();
    let title = format!("{}: reviews by {}", site.config.title, p.name);
    file(&format!("{path}atom.xml"), feed(site, urls, &path, &title, "", &list))
}

/// An Atom feed of `list` (newest first), for the page at site path `path`.
fn feed(site: &Site, urls: &Urls, path: &str, title: &str, subtitle: &str, list: &[usize]) -> String {
    let cfg = &site.config;
    // Drafts (built with `--drafts`) have pages, but no feed announces them.
    let published = || list.iter().map(|&i| &site.interviews[i]).filter(|iv| !iv.draft);
    let updated = published().next().map_or_else(|| "1970-01-01".to_string(), |iv| iso_date(iv.date));
    let mut x = String::with_capacity(4096 + list.len().min(FEED_ENTRIES) * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    let _ = writeln!(x, " xml:lang=\"{}\">", esc(&cfg.language));
    let _ = writeln!(x, "  <title>{}</title>", esc(title));
    if !subtitle.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", esc(subtitle));
    }
    let self_url = urls.permalink(&format!("{path}atom.xml"));
    let page_url = urls.permalink(path);
    let _ = writeln!(x, "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>", esc(&self_url));
    let _ = writeln!(x, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&page_url));
    let _ = writeln!(x, "  <id>{}</id>", esc(&page_url));
    let _ = writeln!(x, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(x, "  <generator version=\"{}\">Roundtable</generator>", env!("CARGO_PKG_VERSION"));
    for iv in published().take(FEED_ENTRIES) {
        let link = urls.permalink(&interview_path(&iv.slug));
        let date = iso_date(iv.date);
        let summary = if iv.summary.is_empty() { &iv.excerpt } else { &iv.summary };
        x.push_str("  <entry>\n");
        let _ = writeln!(x, "    <title>{}</title>", esc(&iv.title));
        let _ = writeln!(x, "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&link));
        let _ = writeln!(x, "    <id>{}</id>", esc(&link));
        let _ = writeln!(x, "    <published>{date}T00:00:00Z</published>");
        let _ = writeln!(x, "    <updated>{date}T00:00:00Z</updated>");
        let authors: Vec<&str> = iv.panelists.iter().map(|p| p.name.as_str()).collect();
        let _ = writeln!(x, "    <author><name>{}</name></author>", esc(&authors.join(", ")));
        for &p in &iv.principles {
            let _ = writeln!(x, "    <category term=\"{}\"/>", esc(&cfg.principles[p].name));
        }
        let _ = writeln!(x, "    <summary>{} — {}</summary>", esc(iv.verdict.label()), esc(summary));
        x.push_str("  </entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

/// `/sitemap.xml`: every HTML page except the 404 page.
pub fn sitemap(site: &Site, urls: &Urls, pages: &[String]) -> OutputFile {
    let newest = site.interviews.first().map(|i| iso_date(i.date));
    let dates: std::collections::HashMap<&str, String> =
        site.interviews.iter().map(|i| (i.slug.as_str(), iso_date(i.date))).collect();
    let lastmod_of = |path: &str| -> Option<String> {
        let slug = path.strip_prefix("interviews/")?.strip_suffix("/index.html")?;
        dates.get(slug).cloned()
    };
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in pages {
        let Some(dir) = path.strip_suffix("index.html") else { continue };
        let lastmod = lastmod_of(path).or_else(|| newest.clone());
        let _ = write!(x, "  <url><loc>{}</loc>", esc(&urls.permalink(dir)));
        if let Some(d) = lastmod {
            let _ = write!(x, "<lastmod>{d}</lastmod>");
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    file("sitemap.xml", x)
}

/// `/robots.txt` for a site that asks not to be indexed (a profile's
/// `indexing = false`): every crawler is asked to stay out, and no sitemap is named.
pub fn robots_disallow_all() -> OutputFile {
    file("robots.txt", "User-agent: *\nDisallow: /\n".to_string())
}

/// `/robots.txt`, pointing at the sitemap.
pub fn robots(urls: &Urls) -> OutputFile {
    file("robots.txt", format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls.permalink("sitemap.xml")))
}
