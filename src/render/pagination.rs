//! Long listings split into pages of [`PER_PAGE`] interviews: which interviews a
//! page shows, where it lives, and the page links it carries.
#![allow(missing_docs)]

use serde::Serialize;

use super::urls::Urls;

/// How many interviews a listing page shows; longer listings continue on
/// `<listing>/page/<n>/`.
pub const PER_PAGE: usize = 60;

/// How many pages a listing of `len` interviews has (at least one).
pub fn page_count(len: usize) -> usize {
    len.div_ceil(PER_PAGE).max(1)
}

/// The interviews on page `page` (0-based) of `list`.
pub fn page_slice(list: &[usize], page: usize) -> &[usize] {
    let start = (page * PER_PAGE).min(list.len());
    &list[start..(start + PER_PAGE).min(list.len())]
}

/// The positions on page `page` (0-based) of a listing of `len` that holds every
/// interview in order (the archive), without making that list.
pub fn page_slice_range(len: usize, page: usize) -> std::ops::Range<usize> {
    let start = (page * PER_PAGE).min(len);
    start..(start + PER_PAGE).min(len)
}

/// Site path of page `page` (0-based) of the listing at `base`.
pub fn page_path(base: &str, page: usize) -> String {
    if page == 0 {
        base.to_string()
    } else {
        format!("{base}page/{}/", page + 1)
    }
}

/// A listing's page links.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    pub pages: Vec<PageLink>,
}

/// One page of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub n: usize,
    pub url: String,
    pub current: bool,
    /// Pages were left out before this one (show an ellipsis).
    pub gap_before: bool,
}

/// Pages linked on each side of the current one; the first and last pages are
/// always linked. Linking every page would make each page of a 300-page
/// listing carry 300 links: output quadratic in the listing's length.
pub const PAGE_WINDOW: usize = 2;

/// The page links of page `page` (0-based) of a listing of `len` at `base`.
pub fn pagination(urls: &Urls, base: &str, page: usize, len: usize) -> Pagination {
    let total = page_count(len);
    let url = |p: usize| urls.url(&page_path(base, p));
    Pagination {
        current: page + 1,
        total,
        prev_url: page.checked_sub(1).map(url),
        next_url: (page + 1 < total).then(|| url(page + 1)),
        pages: (0..total)
            .filter(|&p| p == 0 || p + 1 == total || p.abs_diff(page) <= PAGE_WINDOW)
            .scan(None, |last: &mut Option<usize>, p| {
                let gap_before = last.is_some_and(|l| p > l + 1);
                *last = Some(p);
                Some(PageLink { n: p + 1, url: url(p), current: p == page, gap_before })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_listings_link_a_window_of_pages() {
        let urls = Urls { root: "/kb/".into(), base: "https://x.test/kb".into() };
        let shown = |page: usize, pages: usize| -> Vec<(usize, bool)> {
            pagination(&urls, "principles/p/", page, pages * PER_PAGE)
                .pages
                .iter()
                .map(|l| (l.n, l.gap_before))
                .collect()
        };
        let at_5 = shown(5, 20);
        assert_eq!(
            at_5,
            vec![(1, false), (4, true), (5, false), (6, false), (7, false), (8, false), (20, true)]
        );
        assert_eq!(shown(0, 3), vec![(1, false), (2, false), (3, false)]);
        assert_eq!(shown(19, 20), vec![(1, false), (18, true), (19, false), (20, false)]);
        let p = pagination(&urls, "principles/p/", 5, 20 * PER_PAGE);
        // Page index 5 is page 6, the fourth link.
        assert_eq!(p.pages[3].url, "/kb/principles/p/page/6/");
        assert!(p.pages[3].current && p.total == 20);
    }
}
