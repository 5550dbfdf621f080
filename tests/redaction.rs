//! Property tests of the redaction (src/redact): for random names and random
//! texts around them, no whole word of any name survives, in plain text and in
//! rendered HTML, and pseudonyms never bring a real name back.

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use roundtable::redact::html;
use roundtable::redact::names::{self, Form, Replacer};
use roundtable::redact::pseudonym::{self, Person};

/// A name word: two to nine letters, capitalised, some of them accented.
fn word() -> impl Strategy<Value = String> {
    ("[A-ZÉÖÅ]", "[a-zéöåñ]{1,8}").prop_map(|(a, b)| format!("{a}{b}"))
}

/// A full name of one to three words.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|w| w.join(" "))
}

/// Filler around the names: words, punctuation and markup-ish characters.
fn filler() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        " ",
        ", ",
        ". ",
        "'s ",
        "’s ",
        " (",
        ") ",
        "-",
        " — ",
        "\n",
        ": ",
        "!",
        "?",
        " and ",
        " said ",
        " the ",
        " /",
        "@",
        "_",
        "#",
        " https://x.org/",
        "  ",
        "\"",
        " 42 ",
    ])
    .prop_map(str::to_string)
}

/// A text made of names (their full form, one word of them, in any case) and filler.
fn text(names: Vec<String>) -> impl Strategy<Value = String> {
    let piece = (0..names.len(), 0..4usize, 0..3usize, filler());
    prop::collection::vec(piece, 0..40).prop_map(move |pieces| {
        let mut out = String::new();
        for (n, part, case, fill) in pieces {
            let full = &names[n];
            let words: Vec<&str> = full.split(' ').collect();
            let chosen = if part == 0 { full.clone() } else { words[part % words.len()].to_string() };
            out.push_str(&match case {
                0 => chosen,
                1 => chosen.to_uppercase(),
                _ => chosen.to_lowercase(),
            });
            out.push_str(&fill);
        }
        out
    })
}

fn names_and_text() -> impl Strategy<Value = (Vec<String>, String)> {
    prop::collection::vec(name(), 1..6).prop_flat_map(|names| (Just(names.clone()), text(names)))
}

/// Every lower-case word of two or more letters of every name.
fn name_words(names: &[String]) -> HashSet<String> {
    names.iter().flat_map(|n| names::name_words(n)).filter(|w| w.chars().count() >= 2).collect()
}

/// The whole words of `text` that are name words.
fn survivors(text: &str, words: &HashSet<String>) -> Vec<String> {
    names::name_words(text).into_iter().filter(|w| words.contains(w)).collect()
}

/// A pseudonym for each name, as a build assigns them.
fn pseudonyms(names: &[String]) -> HashMap<String, String> {
    let avoid: HashSet<String> = names.iter().flat_map(|n| names::name_words(n)).collect();
    let day = time::Date::from_calendar_date(2026, time::Month::March, 1).expect("a date");
    let people =
        names.iter().map(|n| Person { first_seen: day, slug: roundtable::slug::slugify(n) }).collect();
    let by_slug = pseudonym::assign(pseudonym::key("property"), people, &avoid);
    names.iter().map(|n| (n.clone(), by_slug[&roundtable::slug::slugify(n)].clone())).collect()
}

fn replacer(names: &[String]) -> Replacer {
    let p = pseudonyms(names);
    let mut r = Replacer::new();
    for n in names {
        r.add(n, &p[n], true, false);
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_whole_word_of_a_name_survives_in_text((names, text) in names_and_text()) {
        let words = name_words(&names);
        let r = replacer(&names);
        for form in [Form::Text, Form::Slug] {
            let out = r.replace(&text, form);
            let left = survivors(&out, &words);
            prop_assert!(left.is_empty(), "{left:?} in {out:?} (from {text:?}, names {names:?})");
        }
    }

    #[test]
    fn no_whole_word_of_a_name_survives_in_html((names, text) in names_and_text()) {
        let words = name_words(&names);
        let r = replacer(&names);
        // The text as a Markdown renderer would write it: escaped, in a paragraph,
        // as a link's text, title and address, and as an image's description.
        let mut esc = String::new();
        pulldown_cmark_escape::escape_html(&mut esc, &text).expect("escaping into a String");
        let page = format!("<p>{esc}</p><a href=\"/p/{esc}\" title=\"{esc}\">{esc}</a><img alt=\"{esc}\" src=\"x.png\"><!-- {esc} -->");
        let out = html::rewrite(&page, &|t, form| r.replace(t, form));
        let decoded = html::decode_entities(&out);
        let left = survivors(&decoded, &words);
        prop_assert!(left.is_empty(), "{left:?} in {out:?} (names {names:?})");
    }

    #[test]
    fn pseudonyms_are_unique_and_hold_no_real_name(names in prop::collection::hash_set(name(), 1..40)) {
        let names: Vec<String> = names.into_iter().collect();
        let p = pseudonyms(&names);
        let slugs: HashSet<String> = names.iter().map(|n| roundtable::slug::slugify(n)).collect();
        let distinct: HashSet<&String> = p.values().collect();
        prop_assert_eq!(distinct.len(), slugs.len());
        let words: HashSet<String> = names.iter().flat_map(|n| names::name_words(n)).collect();
        for pseudonym in p.values() {
            prop_assert!(survivors(pseudonym, &words).is_empty(), "{pseudonym} holds a real name");
        }
    }
}
