//! The machine-readable files: the Atom feed, the sitemap and robots.txt.

use std::fmt::Write;

use super::escape_html as esc;

use super::views::{interview_path, iso_date, Urls};
use crate::model::Site;
use crate::output::{Body, OutputFile};

/// How many entries the site feed carries.
pub const FEED_ENTRIES: usize = 50;

fn file(path: &str, text: String) -> OutputFile {
    OutputFile { path: path.to_string(), body: Body::Bytes(text.into_bytes()), source: None }
}

/// `/atom.xml`: the newest interviews, absolute links.
pub fn atom(site: &Site, urls: &Urls) -> OutputFile {
    let cfg = &site.config;
    let updated = site.interviews.first().map_or_else(|| "1970-01-01".to_string(), |i| iso_date(i.date));
    let mut x = String::with_capacity(4096 + site.interviews.len().min(FEED_ENTRIES) * 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    let _ = writeln!(x, " xml:lang=\"{}\">", esc(&cfg.language));
    let _ = writeln!(x, "  <title>{}</title>", esc(&cfg.title));
    if !cfg.description.is_empty() {
        let _ = writeln!(x, "  <subtitle>{}</subtitle>", esc(&cfg.description));
    }
    let _ = writeln!(
        x,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        esc(&urls.permalink("atom.xml"))
    );
    let _ =
        writeln!(x, "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", esc(&urls.permalink("")));
    let _ = writeln!(x, "  <id>{}</id>", esc(&urls.permalink("")));
    let _ = writeln!(x, "  <updated>{updated}T00:00:00Z</updated>");
    let _ = writeln!(
        x,
        "  <generator uri=\"https://example.com/roundtable\" version=\"{}\">Roundtable</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for iv in site.interviews.iter().take(FEED_ENTRIES) {
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
    file("atom.xml", x)
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

/// `/robots.txt`, pointing at the sitemap.
pub fn robots(urls: &Urls) -> OutputFile {
    file("robots.txt", format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", urls.permalink("sitemap.xml")))
}
