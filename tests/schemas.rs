//! The JSON Schemas in `schemas/`: generated from the types that parse what they
//! describe (this test rewrites a stale file and fails, so the repository always
//! ships the current ones), and checked by a JSON-Schema validator against every
//! front matter of the sample, of a generated corpus, and of `site init`.

mod common;

#[path = "../examples/corpus/gen.rs"]
#[allow(dead_code)]
mod gen;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn schema(name: &str) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(repo("schemas").join(name)).unwrap_or_else(|e| panic!("schemas/{name}: {e}"));
    let value: Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("schemas/{name} is not a schema: {e}"))
}

/// A TOML value as a JSON-Schema validator sees it (as taplo hands TOML to one):
/// dates and times become strings.
fn to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::from(s.as_str()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::from(*b),
        toml::Value::Datetime(d) => Value::from(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

/// The front matter of an `index.md`, as JSON.
fn front_matter(text: &str) -> Value {
    let toml_text = text.split("+++").nth(1).expect("front matter");
    to_json(&toml::from_str::<toml::Value>(toml_text).expect("TOML front matter"))
}

/// Every `index.md` under `dir`.
fn index_files(dir: &Path) -> Vec<PathBuf> {
    common::tree(dir).into_keys().filter(|rel| rel.ends_with("index.md")).map(|rel| dir.join(rel)).collect()
}

/// Validates every file's front matter; panics listing every failure.
fn validate_all(files: &[PathBuf], validator: &jsonschema::Validator) {
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in files {
        let value = front_matter(&std::fs::read_to_string(file).unwrap());
        for e in validator.iter_errors(&value) {
            failures.push(format!("{}: {} at {}", file.display(), e, e.instance_path()));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn shipped_schemas_are_the_generated_ones() {
    let mut stale = Vec::new();
    for (name, text) in roundtable::schemas::files() {
        let path = repo("schemas").join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            stale.push(name);
        }
    }
    assert!(stale.is_empty(), "schemas/{stale:?} were stale and have been regenerated: commit them");
}

#[test]
fn every_front_matter_of_the_sample_validates() {
    validate_all(&index_files(&repo("content")), &schema("frontmatter.schema.json"));
}

#[test]
fn every_front_matter_of_a_generated_corpus_validates() {
    let tmp = tempfile::tempdir().unwrap();
    gen::write_corpus(tmp.path(), 300, gen::DEFAULT_SEED).unwrap();
    validate_all(&index_files(&tmp.path().join("roundtable/content")), &schema("frontmatter.schema.json"));
}

#[test]
fn the_init_example_and_the_site_tomls_validate() {
    let tmp = tempfile::tempdir().unwrap();
    let kb = tmp.path().join("kb");
    common::run(&["init", kb.to_str().unwrap()]).success();
    validate_all(&index_files(&kb.join("content")), &schema("frontmatter.schema.json"));
    let site = schema("site.schema.json");
    for file in [kb.join("site.toml"), repo("site.toml")] {
        let value =
            to_json(&toml::from_str::<toml::Value>(&std::fs::read_to_string(&file).unwrap()).unwrap());
        let errors: Vec<String> = site.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.display());
    }
}

#[test]
fn the_schemas_catch_what_the_parser_refuses() {
    let fm = schema("frontmatter.schema.json");
    let good = front_matter(
        "+++\ntitle = \"T\"\ndate = 2026-01-01\nprinciples = [\"Ownership\"]\nrole = \"R\"\nverdict = \"hire\"\n\
         [[panelists]]\nname = \"A\"\nrole = \"B\"\nvote = \"lean-hire\"\n+++\n",
    );
    assert!(fm.is_valid(&good));
    let mut typo = good.clone();
    typo["verdcit"] = Value::from("hire");
    assert!(!fm.is_valid(&typo), "an unknown key");
    let mut bad_verdict = good.clone();
    bad_verdict["verdict"] = Value::from("maybe");
    assert!(!fm.is_valid(&bad_verdict), "an unknown verdict");
    let mut no_panel = good.clone();
    no_panel["panelists"] = Value::Array(Vec::new());
    assert!(!fm.is_valid(&no_panel), "an empty panel");
    let mut missing = good;
    missing.as_object_mut().unwrap().remove("role");
    assert!(!fm.is_valid(&missing), "a missing required key");
    let site = schema("site.schema.json");
    assert!(!site.is_valid(&serde_json::json!({"title": "T", "base_ulr": "https://x"})));
    assert!(site.is_valid(&serde_json::json!({"title": "T", "base_url": "https://x.org/kb"})));
}

#[test]
fn the_records_of_an_export_validate_against_the_record_schema() {
    let site = common::Site::from_files(&[]);
    for (rel, bytes) in common::tree(&repo("content")) {
        site.write_bytes(&format!("content/{rel}"), &bytes);
    }
    site.write("site.toml", &std::fs::read_to_string(repo("site.toml")).unwrap());
    let out = site.run(&["export"]).success();
    let export: Value = serde_json::from_str(&out.stdout).unwrap();
    let record = schema("record.schema.json");
    for iv in export["interviews"].as_array().unwrap() {
        let errors: Vec<String> =
            record.iter_errors(iv).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", iv["slug"]);
    }
}
