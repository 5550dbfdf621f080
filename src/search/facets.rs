//! The facet table (`search-index/facets.json.gz`): for every filter, the values
//! of every interview, so that the browser filters by any values and counts each
//! choice over the current results without fetching a list per value. Gzipped,
//! since its small alphabet compresses to about a fifth (the browser inflates it
//! with `DecompressionStream`); `docs/search.md` has the format.

use std::io::Write as _;

use flate2::write::GzEncoder;
use flate2::Compression;
use serde::Serialize;

use super::build::FilterList;

/// The file's path under the index folder.
pub const FILE: &str = "facets.json.gz";

/// Characters of a value code, in order: code `k` of a one-character facet is
/// `ALPHABET[k]`; wider codes are base 64 in these digits, most significant first.
pub const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// One filter's column.
#[derive(Debug, Serialize)]
struct Facet<'a> {
    /// The filter, as in `filters/<name>/`.
    name: &'static str,
    /// Characters per value code.
    width: usize,
    /// The value slugs; a code is an index into this list.
    values: Vec<&'a str>,
    /// The codes of every doc, docs in order, separated by one space (a doc
    /// without a value is an empty group).
    docs: String,
}

/// The table as JSON, from the filter lists (filter by filter, as
/// `build::filter_lists` makes them) of `count` docs.
pub fn table(lists: &[FilterList<'_>], count: usize) -> Vec<u8> {
    let mut facets: Vec<Facet<'_>> = Vec::new();
    let mut k = 0;
    while k < lists.len() {
        let name = lists[k].0;
        let end = k + lists[k..].iter().take_while(|l| l.0 == name).count();
        facets.push(facet(name, &lists[k..end], count));
        k = end;
    }
    #[derive(Serialize)]
    struct Table<'a> {
        v: u32,
        count: usize,
        facets: Vec<Facet<'a>>,
    }
    serde_json::to_vec(&Table { v: 1, count, facets }).unwrap_or_default()
}

/// [`table`], gzipped.
pub fn gzip(lists: &[FilterList<'_>], count: usize) -> Vec<u8> {
    let json = table(lists, count);
    let mut gz = GzEncoder::new(Vec::with_capacity(json.len() / 4 + 64), Compression::best());
    // Writing to a Vec cannot fail.
    let _ = gz.write_all(&json);
    gz.finish().unwrap_or_default()
}

fn facet<'a>(name: &'static str, lists: &[FilterList<'a>], count: usize) -> Facet<'a> {
    let mut width = 1;
    while 64usize.pow(width as u32) < lists.len() {
        width += 1;
    }
    let mut per_doc: Vec<Vec<usize>> = vec![Vec::new(); count];
    for (code, (_, _, docs)) in lists.iter().enumerate() {
        for &d in docs {
            if let Some(codes) = per_doc.get_mut(d) {
                codes.push(code);
            }
        }
    }
    let mut docs = String::with_capacity(count * (width + 1));
    for (d, codes) in per_doc.iter().enumerate() {
        if d > 0 {
            docs.push(' ');
        }
        for &code in codes {
            for place in (0..width).rev() {
                docs.push(char::from(ALPHABET[(code >> (6 * place)) & 63]));
            }
        }
    }
    Facet { name, width, values: lists.iter().map(|l| l.1).collect(), docs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_one_character_up_to_64_values_then_two() {
        let few: Vec<FilterList<'_>> = vec![("verdict", "hire", vec![0, 2]), ("verdict", "no-hire", vec![1])];
        let f = facet("verdict", &few, 4);
        assert_eq!((f.width, f.docs.as_str()), (1, "A B A "));
        let slugs: Vec<String> = (0..65).map(|k| format!("t{k}")).collect();
        let many: Vec<FilterList<'_>> =
            slugs.iter().enumerate().map(|(k, s)| ("tag", s.as_str(), vec![k % 2])).collect();
        let f = facet("tag", &many, 2);
        assert_eq!(f.width, 2);
        let first: Vec<&str> = f.docs.split(' ').collect();
        // Doc 0 holds the even values, doc 1 the odd; value 64 is "BA".
        assert!(first[0].starts_with("AAACAE") && first[0].ends_with("BA"), "{}", first[0]);
        assert!(first[1].starts_with("AB") && first[1].ends_with("A_"), "{}", first[1]);
    }

    #[test]
    fn the_table_is_gzip_of_one_facet_per_filter() {
        let lists: Vec<FilterList<'_>> = vec![
            ("principle", "ownership", vec![0, 1]),
            ("principle", "dive-deep", vec![1]),
            ("verdict", "hire", vec![0]),
            ("verdict", "no-hire", vec![1]),
        ];
        let gz = gzip(&lists, 2);
        assert_eq!(&gz[..2], &[0x1f, 0x8b], "a gzip member");
        let mut json = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut json).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(v["count"], 2);
        assert_eq!(v["facets"][0]["name"], "principle");
        assert_eq!(v["facets"][0]["docs"], "A AB");
        assert_eq!(v["facets"][1]["values"], serde_json::json!(["hire", "no-hire"]));
        assert_eq!(v["facets"][1]["docs"], "A B");
    }
}
