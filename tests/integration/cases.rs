use serde::Deserialize;
use yinyu::Tagger;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    rows: Vec<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    affiliation: Option<String>,
    #[serde(default)]
    speaker_type: Option<String>,
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}

#[test]
fn rule_cases() {
    let cases: Cases = toml::from_str(include_str!("../cases.toml")).expect("cases.toml parses");
    let mut names = std::collections::HashSet::new();
    let tagger = Tagger::new().unwrap();
    let mut failures = Vec::new();
    for c in &cases.case {
        assert!(names.insert(c.name.clone()), "duplicate case name {}", c.name);
        let got = tagger.tag("case", &c.text).quotes;
        let got_rows: Vec<String> =
            got.iter().map(|q| format!("{} | {} | {} | {}", q.kind, q.text, q.speaker, q.method)).collect();
        let ok = got.len() == c.rows.len()
            && got.iter().zip(&c.rows).all(|(q, want)| {
                let w: Vec<&str> = want.split(" | ").collect();
                q.kind == w[0]
                    && q.text.starts_with(w[1])
                    && q.speaker == w[2]
                    && q.method.to_string().starts_with(w[3])
            })
            && c.title.as_ref().is_none_or(|t| got.last().is_some_and(|q| &q.title == t))
            && c.affiliation.as_ref().is_none_or(|t| got.last().is_some_and(|q| &q.affiliation == t))
            && c.speaker_type.as_ref().is_none_or(|t| got.last().is_some_and(|q| q.speaker_type_str() == t));
        if !ok {
            let first = got.last().map(|q| {
                format!("title={} affiliation={} type={}", q.title, q.affiliation, q.speaker_type_str())
            });
            failures.push(format!("{}:\n  want {:?}\n  got  {:?}\n  {:?}", c.name, c.rows, got_rows, first));
        }
    }
    assert!(failures.is_empty(), "{} case(s) failed:\n{}", failures.len(), failures.join("\n"));
}
