//! Pseudonyms: a readable adjective and animal ("Amber Heron") per panelist,
//! chosen by a keyed hash of the panelist's identity (the slug of their name).
//!
//! Stability: a person's pseudonym depends on the key and their own slug; only
//! when two people's hashes pick the same pair does the order matter. People are
//! assigned in the order of their first interview's date (then slug), each
//! taking the first free pair of their own hash sequence that shares no word
//! with a real name of the site. So adding interviews dated after the existing
//! ones never changes an existing pseudonym; a change needs a collision with
//! someone seen earlier (interviews backfilled from the past) or the departure
//! of the person who won a collision. See docs/publishing.md for what this does
//! not protect against.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;

use siphasher::sip::SipHasher13;

/// 100 adjectives: short, neutral, easy to read and say.
const ADJECTIVES: [&str; 100] = [
    "Amber", "Agile", "Azure", "Bold", "Brave", "Bright", "Brisk", "Calm", "Candid", "Clever", "Coral",
    "Cosmic", "Crimson", "Curious", "Daring", "Deft", "Eager", "Early", "Earnest", "Even", "Fair", "Fleet",
    "Frank", "Gentle", "Gilded", "Glad", "Golden", "Grand", "Hardy", "Hazel", "Honest", "Humble", "Indigo",
    "Ivory", "Jade", "Jolly", "Keen", "Kind", "Lively", "Loyal", "Lucid", "Lunar", "Mellow", "Merry", "Mild",
    "Misty", "Modest", "Noble", "Nimble", "Olive", "Open", "Patient", "Plucky", "Polar", "Prompt", "Proud",
    "Quick", "Quiet", "Rapid", "Ready", "Rosy", "Royal", "Ruby", "Rustic", "Sage", "Scarlet", "Serene",
    "Sharp", "Silver", "Sincere", "Sleek", "Smooth", "Snowy", "Solar", "Spry", "Steady", "Stellar",
    "Sterling", "Stoic", "Sunny", "Swift", "Tawny", "Teal", "Tender", "Thrifty", "Tidy", "Tranquil", "True",
    "Upbeat", "Valiant", "Velvet", "Verdant", "Vivid", "Warm", "Wary", "Wise", "Witty", "Zesty", "Zealous",
    "Dapper",
];

/// 100 animals.
const ANIMALS: [&str; 100] = [
    "Albatross",
    "Alpaca",
    "Antelope",
    "Badger",
    "Beaver",
    "Bison",
    "Bobcat",
    "Buffalo",
    "Camel",
    "Caribou",
    "Cheetah",
    "Cobra",
    "Condor",
    "Cougar",
    "Coyote",
    "Crane",
    "Cricket",
    "Dingo",
    "Dolphin",
    "Dove",
    "Eagle",
    "Egret",
    "Elk",
    "Falcon",
    "Ferret",
    "Finch",
    "Flamingo",
    "Fox",
    "Gazelle",
    "Gecko",
    "Gibbon",
    "Giraffe",
    "Gopher",
    "Grouse",
    "Hare",
    "Hawk",
    "Hedgehog",
    "Heron",
    "Hippo",
    "Ibex",
    "Ibis",
    "Iguana",
    "Impala",
    "Jackal",
    "Jaguar",
    "Kestrel",
    "Kingfisher",
    "Koala",
    "Lemur",
    "Leopard",
    "Llama",
    "Lobster",
    "Lynx",
    "Macaw",
    "Magpie",
    "Manatee",
    "Marmot",
    "Marten",
    "Meerkat",
    "Mink",
    "Moose",
    "Narwhal",
    "Newt",
    "Ocelot",
    "Octopus",
    "Oriole",
    "Osprey",
    "Otter",
    "Owl",
    "Panda",
    "Panther",
    "Parrot",
    "Pelican",
    "Penguin",
    "Puffin",
    "Quail",
    "Rabbit",
    "Raccoon",
    "Raven",
    "Robin",
    "Salmon",
    "Seal",
    "Sparrow",
    "Stork",
    "Swan",
    "Tapir",
    "Tern",
    "Tiger",
    "Toucan",
    "Turtle",
    "Viper",
    "Vole",
    "Walrus",
    "Weasel",
    "Whale",
    "Wombat",
    "Wren",
    "Yak",
    "Zebra",
    "Bluejay",
];

/// How many pairs of its own sequence a person tries before a number is added.
const TRIES: u64 = 64;

/// One person to name: identity, and the sort key of their first appearance.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Person {
    /// The date of their first published interview.
    pub first_seen: time::Date,
    /// Their identity: the slug of their name.
    pub slug: String,
}

/// The hash key from the key material (ROUNDTABLE_PSEUDONYM_KEY, or the site's
/// title and the profile's name).
pub fn key(material: &str) -> (u64, u64) {
    let half = |salt: u8| {
        let mut h = SipHasher13::new();
        h.write_u8(salt);
        h.write(material.as_bytes());
        h.finish()
    };
    (half(1), half(2))
}

/// The `n`-th candidate pair of `slug` under `key`.
fn candidate(key: (u64, u64), slug: &str, n: u64) -> String {
    let mut h = SipHasher13::new_with_keys(key.0, key.1);
    h.write(slug.as_bytes());
    h.write_u64(n);
    let v = h.finish();
    let adjective = ADJECTIVES[(v % ADJECTIVES.len() as u64) as usize];
    let animal = ANIMALS[((v >> 32) % ANIMALS.len() as u64) as usize];
    format!("{adjective} {animal}")
}

/// A unique pseudonym for every person, by slug. `avoid` holds the lower-case
/// words of every real name of the site: no pseudonym contains one (it would
/// put that name back into the output).
pub fn assign(key: (u64, u64), mut people: Vec<Person>, avoid: &HashSet<String>) -> HashMap<String, String> {
    people.sort();
    people.dedup_by(|a, b| a.slug == b.slug);
    let mut taken: HashSet<String> = HashSet::with_capacity(people.len());
    let mut out = HashMap::with_capacity(people.len());
    let clashes = |p: &str| p.split(' ').any(|w| avoid.contains(&w.to_lowercase()));
    for person in people {
        let mut n = 0;
        let name = loop {
            let mut c = candidate(key, &person.slug, n % TRIES);
            if n >= TRIES {
                // Past the tries (a very large panel): the pair with a number.
                c = format!("{c} {}", n / TRIES + 1);
            }
            if !taken.contains(&c) && !clashes(&c) {
                break c;
            }
            n += 1;
        };
        taken.insert(name.clone());
        out.insert(person.slug, name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(slug: &str, day: u8) -> Person {
        Person {
            first_seen: time::Date::from_calendar_date(2026, time::Month::January, day).expect("a date"),
            slug: slug.into(),
        }
    }

    #[test]
    fn the_lists_hold_distinct_single_words() {
        let words: HashSet<&str> = ADJECTIVES.iter().chain(ANIMALS.iter()).copied().collect();
        assert_eq!(words.len(), ADJECTIVES.len() + ANIMALS.len());
        assert!(words.iter().all(|w| w.chars().all(char::is_alphabetic)));
    }

    #[test]
    fn pseudonyms_are_stable_unique_and_keyed() {
        let k = key("site\0public");
        let people: Vec<Person> = (0..300).map(|i| person(&format!("p-{i}"), 1 + (i % 28) as u8)).collect();
        let a = assign(k, people.clone(), &HashSet::new());
        let unique: HashSet<&String> = a.values().collect();
        assert_eq!(unique.len(), 300);
        // Someone new, seen later, changes nobody's pseudonym.
        let mut more = people.clone();
        more.push(person("newcomer", 28));
        let b = assign(k, more, &HashSet::new());
        assert!(a.iter().all(|(slug, p)| b[slug] == *p));
        // Another key, other pseudonyms.
        let c = assign(key("other"), people, &HashSet::new());
        assert!(a.iter().filter(|(slug, p)| c[*slug] == **p).count() < 30);
    }

    #[test]
    fn no_pseudonym_holds_a_real_name() {
        let k = key("k");
        let first = assign(k, vec![person("x", 1)], &HashSet::new());
        let word = first["x"].split(' ').next().unwrap_or_default().to_lowercase();
        let avoid: HashSet<String> = [word.clone()].into();
        let again = assign(k, vec![person("x", 1)], &avoid);
        assert!(!again["x"].to_lowercase().contains(&word), "{}", again["x"]);
    }
}
