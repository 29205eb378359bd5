//! The TSV lexicons, each read through one serde row type by one generic
//! loader ([`rows`]): the TSV format is checked by [`super::tsv`], then each
//! row is deserialised by name of column, and a value that does not fit
//! (an unknown class, a flag that is not 0 or 1) is a problem at its line.

use super::{char_set, tsv, Cue, CueClass, Gender, Knowledge, Person, Role, Title, LAYOUT_PATTERNS};
use crate::error::LexiconError;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;

/// The rows of a TSV lexicon as `T`, each with its line; every problem
/// (format or value) goes to `errs` as `file:line: message`.
pub(super) fn rows<T: DeserializeOwned>(
    file: &str,
    text: &str,
    header: &[&str],
    errs: &mut Vec<LexiconError>,
) -> Vec<(usize, T)> {
    let (raw, e) = tsv::parse(file, text, header);
    errs.extend(e);
    let names = csv::StringRecord::from(header.to_vec());
    let mut out = Vec::with_capacity(raw.len());
    for r in raw {
        let record = csv::StringRecord::from(r.fields);
        match record.deserialize::<T>(Some(&names)) {
            Ok(v) => out.push((r.line, v)),
            Err(e) => errs.push(LexiconError::new(file, r.line, message(&e, header))),
        }
    }
    out
}

/// A deserialisation problem named by its column.
fn message(e: &csv::Error, header: &[&str]) -> String {
    let csv::ErrorKind::Deserialize { err, .. } = e.kind() else { return e.to_string() };
    let column = err.field().and_then(|i| header.get(i as usize)).copied();
    let what = match err.kind() {
        csv::DeserializeErrorKind::Message(m) => m.clone(),
        other => other.to_string(),
    };
    match column {
        Some(c) => format!("{c}: {what}"),
        None => what,
    }
}

/// A 0/1 column (an empty cell is 0).
fn flag<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    match <&str>::deserialize(d)? {
        "0" | "" => Ok(false),
        "1" => Ok(true),
        other => Err(serde::de::Error::custom(format!("must be 0 or 1, not {other:?}"))),
    }
}

#[derive(Deserialize)]
struct CueRow {
    cue: String,
    class: CueClass,
    #[serde(deserialize_with = "flag")]
    bare: bool,
}

#[derive(Deserialize)]
struct WordRow {
    word: String,
    roles: String,
}

#[derive(Deserialize)]
struct TitleRow {
    title: String,
    #[serde(deserialize_with = "flag")]
    plural: bool,
}

/// How a source noun speaks.
#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum SourceType {
    Group,
    Anonymous,
    Document,
}

#[derive(Deserialize)]
struct SourceRow {
    term: String,
    #[serde(rename = "type")]
    kind: SourceType,
}

/// The first column of a table whose other columns are notes.
#[derive(Deserialize)]
struct KeyRow(String);

#[derive(Deserialize)]
struct OrgRow {
    org: String,
    kind: String,
}

#[derive(Deserialize)]
struct SurnameRow {
    surname: String,
    rank: Option<u32>,
}

#[derive(Deserialize)]
struct PersonRow {
    name: String,
    aliases: String,
    title: String,
    affiliation: String,
    #[serde(default)]
    gender: String,
}

#[derive(Deserialize)]
struct T2sRow {
    trad: String,
    simp: String,
}

#[derive(Deserialize)]
struct LayoutRow {
    name: String,
    regex: String,
}

/// A lexicon file's shown name, text and header, by file name.
pub(super) type Source<'a> = dyn Fn(&str) -> (&'a str, &'a str, &'static [&'static str]) + 'a;

/// The rows of the file called `name`.
fn table<T: DeserializeOwned>(
    src: &Source<'_>,
    name: &str,
    errs: &mut Vec<LexiconError>,
) -> (String, Vec<(usize, T)>) {
    let (shown, text, header) = src(name);
    (shown.to_string(), rows(shown, text, header, errs))
}

/// The first column of each row.
fn keys(rows: Vec<(usize, KeyRow)>) -> impl Iterator<Item = (usize, String)> {
    rows.into_iter().map(|(l, r)| (l, r.0))
}

/// Reads every table into `k`.
pub(super) fn load(src: &Source<'_>, k: &mut Knowledge, errs: &mut Vec<LexiconError>) {
    let (_, cues) = table::<CueRow>(src, "cues.tsv", errs);
    k.cues = cues.into_iter().map(|(_, r)| Cue { term: r.cue, class: r.class, bare: r.bare }).collect();
    let (f, words) = table(src, "function_words.tsv", errs);
    function_words(&f, words, k, errs);
    let (_, titles) = table::<TitleRow>(src, "titles.tsv", errs);
    k.titles = titles.into_iter().map(|(_, r)| Title { term: r.title, plural: r.plural }).collect();
    for (_, r) in table::<SourceRow>(src, "source_nouns.tsv", errs).1 {
        if r.kind == SourceType::Document {
            k.document_sources.insert(r.term.clone());
        }
        k.sources.push((r.term, r.kind == SourceType::Group));
    }
    k.places = keys(table(src, "places.tsv", errs).1).map(|(_, p)| p).collect();
    for (_, r) in table::<OrgRow>(src, "orgs.tsv", errs).1 {
        if r.kind == "media" {
            k.media.insert(r.org.clone());
        }
        k.orgs.push(r.org);
    }
    for (_, s) in keys(table(src, "org_suffixes.tsv", errs).1) {
        k.org_suffixes.insert(s);
    }
    let (f, rows) = table(src, "surnames.tsv", errs);
    surnames(&f, rows, k, errs);
    let (f, rows) = table(src, "given_names.tsv", errs);
    k.given_name = char_set(&f, keys(rows), errs);
    let (f, rows) = table(src, "translit.tsv", errs);
    k.translit = char_set(&f, keys(rows), errs);
    let (f, rows) = table(src, "people.tsv", errs);
    people(&f, rows, k, errs);
    let (f, rows) = table(src, "t2s.tsv", errs);
    t2s(&f, rows, k, errs);
    let (f, rows) = table(src, "layout.tsv", errs);
    layout(&f, rows, k, errs);
}

fn function_words(file: &str, rows: Vec<(usize, WordRow)>, k: &mut Knowledge, errs: &mut Vec<LexiconError>) {
    for (line, r) in rows {
        for role in r.roles.split(';') {
            match Role::parse(role) {
                Some(role) => {
                    k.words.entry(role).or_default().insert(r.word.clone());
                }
                None => errs.push(LexiconError::new(file, line, format!("unknown role {role:?}"))),
            }
        }
    }
}

fn surnames(file: &str, rows: Vec<(usize, SurnameRow)>, k: &mut Knowledge, errs: &mut Vec<LexiconError>) {
    for (line, r) in rows {
        let s = r.surname;
        match s.chars().count() {
            1 => {
                let c = s.chars().next().unwrap_or(' ');
                k.surnames.insert(c);
                if let Some(rank) = r.rank {
                    k.surname_rank.insert(c, rank);
                }
            }
            2..=4 => {
                k.compound_surnames.insert(s);
            }
            _ => {
                errs.push(LexiconError::new(file, line, format!("surname {s:?} must have 1 to 4 characters")))
            }
        }
    }
}

fn people(file: &str, rows: Vec<(usize, PersonRow)>, k: &mut Knowledge, errs: &mut Vec<LexiconError>) {
    let mut all_names: HashMap<String, usize> = HashMap::new();
    for (line, r) in rows {
        let aliases: Vec<String> =
            r.aliases.split(';').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
        for a in std::iter::once(&r.name).chain(aliases.iter()) {
            if let Some(first) = all_names.insert(a.clone(), line) {
                if first != line {
                    errs.push(LexiconError::new(
                        file,
                        line,
                        format!("{a:?} also names the person on line {first}"),
                    ));
                }
            }
        }
        let gender = Gender::parse(r.gender.trim());
        if gender.is_none() && !r.gender.trim().is_empty() {
            errs.push(LexiconError::new(file, line, format!("gender {:?} must be m, f or empty", r.gender)));
        }
        k.people.push(Person { name: r.name, aliases, title: r.title, affiliation: r.affiliation, gender });
    }
}

fn t2s(file: &str, rows: Vec<(usize, T2sRow)>, k: &mut Knowledge, errs: &mut Vec<LexiconError>) {
    for (line, r) in rows {
        let mut a = r.trad.chars();
        let mut b = r.simp.chars();
        match (a.next(), a.next(), b.next(), b.next()) {
            (Some(t), None, Some(s), None) => {
                k.t2s.insert(t, s);
            }
            _ => errs.push(LexiconError::new(file, line, "both columns must be one character")),
        }
    }
}

fn layout(file: &str, rows: Vec<(usize, LayoutRow)>, k: &mut Knowledge, errs: &mut Vec<LexiconError>) {
    let mut bad_patterns = Vec::new();
    for (line, r) in rows {
        match regex::Regex::new(&r.regex) {
            Ok(re) => {
                k.layout.insert(r.name, re);
            }
            Err(e) => {
                // the regex crate's message spans lines; keep one problem per line
                let msg = e.to_string().lines().last().unwrap_or_default().trim().to_string();
                errs.push(LexiconError::new(file, line, format!("bad regex {:?}: {msg}", r.name)));
                bad_patterns.push(r.name);
            }
        }
    }
    for want in LAYOUT_PATTERNS {
        if !k.layout.contains_key(*want) && !bad_patterns.iter().any(|b| b == want) {
            errs.push(LexiconError::new(file, 0, format!("missing pattern {want:?}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_do_not_fit_their_column_are_problems_at_their_line() {
        let mut errs = Vec::new();
        let text = "cue\tclass\tbare\tnote\n讲\tspeech\t1\t\n说\tspeach\t0\t\n谈\tspeech\t2\t\n";
        let got = rows::<CueRow>("cues.tsv", text, &["cue", "class", "bare", "note"], &mut errs);
        assert_eq!(got.len(), 1);
        assert!(got[0].1.bare && got[0].1.class == CueClass::Speech);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(msgs[0].starts_with("cues.tsv:3: unknown variant `speach`"), "{msgs:?}");
        assert!(
            msgs[1].starts_with("cues.tsv:4:") && msgs[1].contains("must be 0 or 1, not \"2\""),
            "{msgs:?}"
        );
    }

    #[test]
    fn an_empty_optional_cell_is_none() {
        let mut errs = Vec::new();
        let got = rows::<SurnameRow>(
            "s.tsv",
            "surname\tkind\trank\n王\tcommon\t1\n邝\trare\t\n",
            &["surname", "kind", "rank"],
            &mut errs,
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(got.iter().map(|(_, r)| r.rank).collect::<Vec<_>>(), [Some(1), None]);
    }
}
