//! The rule cases of tests/cases.toml: every case is run, every failing one
//! is printed with its name, what it wants and what it got, and the test
//! fails once at the end. `YINYU_CASE=NAME` runs the cases whose name
//! contains NAME (at least one must).

use serde::Deserialize;
use yinyu::{Quote, Tagger};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    /// Every expected non-term row, in order (`row = []`: none).
    row: Vec<Row>,
    /// Why the answer pinned here is wrong, and what the right one is.
    #[serde(default)]
    wrong: Option<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct Row {
    kind: String,
    /// The first characters of the words.
    words: String,
    speaker: String,
    /// The method without its `+stitched` / `+unterminated` suffixes.
    method: String,
    cue: Option<String>,
    title: Option<String>,
    affiliation: Option<String>,
    speaker_type: Option<String>,
    stance: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

/// The fields where `got` differs from `want`, as `field: want …, got …`.
fn differences(want: &Row, got: &Quote) -> Vec<String> {
    let mut d = Vec::new();
    let mut check = |field: &str, ok: bool, want: &str, got: &str| {
        if !ok {
            d.push(format!("{field}: want {want:?}, got {got:?}"));
        }
    };
    check("kind", got.kind == want.kind.as_str(), &want.kind, got.kind.as_str());
    check("words", got.text.starts_with(&want.words), &format!("{}…", want.words), &got.text);
    check("speaker", got.speaker == want.speaker, &want.speaker, &got.speaker);
    let base = got.method.as_str();
    check("method", base == want.method, &want.method, &got.method.to_string());
    let optional = [
        ("cue", &want.cue, got.cue.as_str()),
        ("title", &want.title, got.title.as_str()),
        ("affiliation", &want.affiliation, got.affiliation.as_str()),
        ("speaker_type", &want.speaker_type, got.speaker_type_str()),
        ("stance", &want.stance, got.stance_str()),
    ];
    for (field, w, g) in optional {
        if let Some(w) = w {
            check(field, w == g, w, g);
        }
    }
    d
}

fn short(q: &Quote) -> String {
    let words: String = q.text.chars().take(12).collect();
    format!("{} | {words} | {} | {} | {}", q.kind, q.speaker, q.method, q.cue)
}

#[test]
fn rule_cases() {
    let cases: Cases = toml::from_str(include_str!("../cases.toml")).expect("cases.toml parses");
    let only = std::env::var("YINYU_CASE").ok();
    let mut names = std::collections::HashSet::new();
    let tagger = Tagger::new().unwrap();
    let (mut run, mut failures) = (0, Vec::new());
    for c in &cases.case {
        assert!(names.insert(c.name.clone()), "duplicate case name {}", c.name);
        if only.as_ref().is_some_and(|o| !c.name.contains(o.as_str())) {
            continue;
        }
        run += 1;
        let got: Vec<Quote> =
            tagger.tag("case", &c.text).quotes.into_iter().filter(|q| q.kind != "term").collect();
        let mut problems = Vec::new();
        if got.len() != c.row.len() {
            problems.push(format!("want {} row(s), got {}", c.row.len(), got.len()));
        }
        for (i, (w, g)) in c.row.iter().zip(&got).enumerate() {
            for d in differences(w, g) {
                problems.push(format!("row {}: {d}", i + 1));
            }
        }
        if !problems.is_empty() {
            let rows: Vec<String> = got.iter().map(short).collect();
            let note =
                c.wrong.as_ref().map(|w| format!("\n  (pinned as known wrong: {w})")).unwrap_or_default();
            failures.push(format!(
                "case {}: {}\n  {}\n  got rows:\n    {}{note}",
                c.name,
                c.text,
                problems.join("\n  "),
                rows.join("\n    ")
            ));
        }
    }
    assert!(run > 0, "no case is named like YINYU_CASE={}", only.unwrap_or_default());
    assert!(failures.is_empty(), "{} of {run} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}
