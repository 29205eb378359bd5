//! Who is quoted across a corpus: one row per speaker over every document
//! of a quotes table (`yinyu speakers`), and a key per quote row to group
//! rows by (`--annotate`).
//!
//! # The merge rule
//!
//! Within an article the tagger already joins the forms of one person (the
//! `speaker_id` column). Across articles, [`Merger`] joins:
//!
//! 1. **Named persons** (`speaker_type` `person`), whose rows get the key
//!    `person:NAME`:
//!    - rows of one article with one `speaker_id` (the tagger's own
//!      coreference: 托卡耶夫总统 and 哈萨克斯坦总统托卡耶夫);
//!    - forms that differ only in the character joining the parts of a
//!      transliterated name (`·`, `•`, `・`, `-`, …) or in script
//!      (馬斯克 and 马斯克, folded through `t2s.tsv`);
//!    - a name and its aliases in `lexicons/people.tsv` (NAME is then the
//!      lexicon's name);
//!    - a short form and a full form: a name without a joiner merges with
//!      the one full form of the whole input that has it as a part, before
//!      or after a joiner (罗曼 with 彼得·罗曼, 韦德里纳 with
//!      于贝尔·韦德里纳), as within an article. When two different
//!      persons' full forms share the part (彼得·罗曼, 彼得·范德伯格), the
//!      short form stays apart, and so does a short form that
//!      `people.tsv` lists (布朗 there is 戈登·布朗, not 阿伦·布朗).
//!      NAME is then the longest form seen.
//! 2. **Organisations, groups and documents** named as such (外交部,
//!    新华社, 《……方案》): one key per written form across the corpus,
//!    `group:…` or `document:…`.
//! 3. **Pronouns and generic sources** are never merged across
//!    documents: an unresolved pronoun (他, 他们, 双方 — the pronoun words
//!    of `function_words.tsv`, whatever the row's `speaker_type`) gets
//!    `pronoun:他@DOC`; an anonymous source (有专家, 知情人士), an unknown
//!    one, and a bare source noun of `source_nouns.tsv` (各方, 专家,
//!    报告) get `anonymous:…@DOC`, `unknown:…@DOC`, `group:…@DOC` or
//!    `document:…@DOC`. So 他们 of two articles are two rows of the table
//!    with their own `speaker_type` (`pronoun` for every pronoun), and
//!    none of them sums a whole corpus's pronouns into one "most quoted"
//!    speaker.
//!
//! Rows without a speaker (`unattributed`, terms) get no key.

use crate::error::Error;
use crate::lexicon::{Knowledge, Role};
use crate::record::Quote;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::io::Write;

/// The cells of a quotes table row the speaker table reads (the other
/// columns are kept as they are by [`QuotesCsv`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRow {
    /// The article.
    pub doc: String,
    /// The speaker as the row names it.
    pub speaker: String,
    /// One id per speaker per article.
    #[serde(default)]
    pub speaker_id: String,
    /// person, group, anonymous, document, pronoun, unknown or empty.
    #[serde(default)]
    pub speaker_type: String,
    /// Title or role.
    #[serde(default)]
    pub title: String,
    /// Affiliation.
    #[serde(default)]
    pub affiliation: String,
}

impl From<&Quote> for SpeakerRow {
    fn from(q: &Quote) -> Self {
        SpeakerRow {
            doc: q.doc.clone(),
            speaker: q.speaker.clone(),
            speaker_id: q.speaker_id.clone(),
            speaker_type: q.speaker_type_str().to_string(),
            title: q.title.clone(),
            affiliation: q.affiliation.clone(),
        }
    }
}

/// One speaker across the corpus: a row of the speakers table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The key the rows of this speaker get (`person:NAME`, `group:NAME`,
    /// `pronoun:他@DOC`, … see the module notes).
    pub speaker_key: String,
    /// The canonical name (persons) or the source as written.
    pub name: String,
    /// person, group, anonymous, document, pronoun or unknown.
    pub speaker_type: String,
    /// Rows attributed to this speaker.
    pub quotes: usize,
    /// Documents with at least one such row.
    pub docs: usize,
    /// The first document, in the order of the table.
    pub first_doc: String,
    /// The last document.
    pub last_doc: String,
    /// Titles seen, most frequent first, `;`-joined.
    pub titles: String,
    /// Affiliations seen, most frequent first, `;`-joined.
    pub affiliations: String,
    /// The written forms merged, most frequent first, `;`-joined.
    pub forms: String,
}

/// The speakers table and the key of every row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeakerTable {
    /// One per speaker: most quotes first, then by key.
    pub speakers: Vec<Speaker>,
    /// The `speaker_key` of each input row, in input order (empty for a
    /// row without a speaker).
    pub keys: Vec<String>,
}

/// Applies the merge rule of the module notes with the lexicons' people,
/// pronouns and source nouns.
#[derive(Debug, Clone, Default)]
pub struct Merger {
    /// Each written form of a person in `people.tsv` (name and aliases,
    /// joiners unified) to the lexicon's name.
    people: HashMap<String, String>,
    pronouns: HashSet<String>,
    generic: HashSet<String>,
    /// Traditional to simplified, character by character (`t2s.tsv`).
    t2s: HashMap<char, char>,
}

/// Characters that join the parts of a transliterated name.
fn is_joiner(c: char) -> bool {
    matches!(c, '·' | '•' | '・' | '‧' | '･' | '-' | '－' | '＝' | '=')
}

/// What stands before or after each joiner of a unified name.
fn parts(name: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in name.match_indices('·') {
        out.push(&name[..i]);
        out.push(&name[i + '·'.len_utf8()..]);
    }
    out.retain(|p| !p.is_empty());
    out
}

/// A union-find over string nodes.
#[derive(Default)]
struct Union {
    ids: HashMap<String, usize>,
    parent: Vec<usize>,
}

impl Union {
    fn node(&mut self, s: &str) -> usize {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.parent.len();
        self.parent.push(i);
        self.ids.insert(s.to_string(), i);
        i
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Counts of strings, first seen first among equals.
#[derive(Default)]
struct Tally(Vec<(String, usize)>);

impl Tally {
    fn add(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        match self.0.iter_mut().find(|(x, _)| x == s) {
            Some((_, n)) => *n += 1,
            None => self.0.push((s.to_string(), 1)),
        }
    }

    /// Most frequent first, `;`-joined.
    fn joined(&self) -> String {
        let mut v: Vec<&(String, usize)> = self.0.iter().collect();
        v.sort_by_key(|x| std::cmp::Reverse(x.1));
        v.iter().map(|(s, _)| s.as_str()).collect::<Vec<_>>().join(";")
    }
}

/// One speaker being gathered.
#[derive(Default)]
struct Acc {
    name: String,
    speaker_type: String,
    quotes: usize,
    docs: Vec<String>,
    titles: Tally,
    affiliations: Tally,
    forms: Tally,
}

impl Merger {
    /// A merger reading people, pronouns, source nouns and the script
    /// folding from `k`.
    pub fn new(k: &Knowledge) -> Self {
        let mut m = Merger { t2s: k.t2s.clone(), ..Merger::default() };
        for p in &k.people {
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                let u = m.unify(form);
                m.people.entry(u).or_insert_with(|| p.name.clone());
            }
        }
        m.pronouns = k.role(Role::PronounPerson).iter().chain(k.role(Role::PronounGroup)).cloned().collect();
        m.generic =
            k.sources.iter().map(|(s, _)| s.clone()).chain(k.document_sources.iter().cloned()).collect();
        m
    }

    /// A name as compared: traditional characters folded to simplified,
    /// every joiner written `·`.
    fn unify(&self, name: &str) -> String {
        name.trim()
            .chars()
            .map(|c| if is_joiner(c) { '·' } else { self.t2s.get(&c).copied().unwrap_or(c) })
            .collect()
    }

    /// The key of a row that is not a named person (`None`: no speaker;
    /// `Some(None)`: a person, keyed by [`Merger::persons`]).
    fn other_key(&self, r: &SpeakerRow) -> Option<Option<(String, String)>> {
        let s = r.speaker.trim();
        if s.is_empty() {
            return None;
        }
        let t = r.speaker_type.as_str();
        let folded = self.unify(s);
        if t == "pronoun" || self.pronouns.contains(&folded) {
            return Some(Some((format!("pronoun:{s}@{}", r.doc), "pronoun".into())));
        }
        Some(match t {
            "person" => None,
            "group" | "document" if !self.generic.contains(&folded) => Some((format!("{t}:{s}"), t.into())),
            "group" | "document" | "anonymous" => Some((format!("{t}:{s}@{}", r.doc), t.into())),
            _ => Some((format!("unknown:{s}@{}", r.doc), "unknown".into())),
        })
    }

    /// The person keys of `rows` (`None` for rows that are not persons).
    fn persons(&self, rows: &[SpeakerRow]) -> Vec<Option<String>> {
        let mut u = Union::default();
        let is_person =
            |r: &SpeakerRow| !r.speaker.trim().is_empty() && matches!(self.other_key(r), Some(None));
        let mut nodes: Vec<Option<usize>> = Vec::with_capacity(rows.len());
        // the first written form of each name as compared, to show it
        let mut written: HashMap<String, &str> = HashMap::new();
        for r in rows {
            if !is_person(r) {
                nodes.push(None);
                continue;
            }
            let unified = self.unify(&r.speaker);
            let form = u.node(&unified);
            written.entry(unified).or_insert_with(|| r.speaker.trim());
            if !r.speaker_id.is_empty() {
                let id = u.node(&format!("{}\u{1}{}", r.doc, r.speaker_id));
                u.join(form, id);
            }
            nodes.push(Some(form));
        }
        let forms: Vec<String> = u.ids.keys().filter(|k| !k.contains('\u{1}')).cloned().collect();
        for f in &forms {
            if let Some(name) = self.people.get(f) {
                let (a, b) = (u.node(f), u.node(&format!("\u{2}{name}")));
                u.join(a, b);
            }
        }
        // short forms: the one full form (after the unions above) they are a part of
        let mut owners: HashMap<&str, HashSet<usize>> = HashMap::new();
        for f in &forms {
            let r = {
                let i = u.node(f);
                u.root(i)
            };
            for p in parts(f) {
                owners.entry(p).or_default().insert(r);
            }
        }
        // (a short form the lexicon knows is that person, not another's)
        for f in forms.iter().filter(|f| !f.contains('·') && !self.people.contains_key(*f)) {
            if let Some(set) = owners.get(f.as_str()).filter(|s| s.len() == 1) {
                let (a, b) = (u.node(f), *set.iter().next().expect("one owner"));
                u.join(a, b);
            }
        }
        // the name of each group: the lexicon's, else the longest form seen
        let mut best: HashMap<usize, (bool, usize, String)> = HashMap::new();
        let all: Vec<(String, usize)> = u.ids.iter().map(|(k, &i)| (k.clone(), i)).collect();
        for (k, i) in all {
            if k.contains('\u{1}') {
                continue;
            }
            let lexicon = k.starts_with('\u{2}');
            let name = match written.get(&k) {
                Some(w) if !lexicon => w.to_string(),
                _ => k.trim_start_matches('\u{2}').to_string(),
            };
            let cand = (lexicon, name.chars().count(), name);
            let r = u.root(i);
            let e = best.entry(r).or_insert_with(|| cand.clone());
            if (cand.0, cand.1, std::cmp::Reverse(&cand.2)) > (e.0, e.1, std::cmp::Reverse(&e.2)) {
                *e = cand;
            }
        }
        nodes.into_iter().map(|n| n.map(|i| format!("person:{}", best[&u.root(i)].2))).collect()
    }

    /// The speakers table of `rows` (in the order of the quotes table).
    pub fn table(&self, rows: &[SpeakerRow]) -> SpeakerTable {
        let persons = self.persons(rows);
        let mut keys = Vec::with_capacity(rows.len());
        let mut accs: HashMap<String, Acc> = HashMap::new();
        for (r, person) in rows.iter().zip(persons) {
            let (key, t) = match (person, self.other_key(r)) {
                (Some(k), _) => (k, "person".to_string()),
                (None, Some(Some(kt))) => kt,
                _ => {
                    keys.push(String::new());
                    continue;
                }
            };
            let acc = accs.entry(key.clone()).or_default();
            if acc.quotes == 0 {
                acc.speaker_type = t;
                acc.name = match key.split_once(':') {
                    Some((_, rest)) if acc.speaker_type == "person" => rest.to_string(),
                    _ => r.speaker.trim().to_string(),
                };
            }
            acc.quotes += 1;
            if acc.docs.last() != Some(&r.doc) && !acc.docs.contains(&r.doc) {
                acc.docs.push(r.doc.clone());
            }
            acc.titles.add(&r.title);
            acc.affiliations.add(&r.affiliation);
            acc.forms.add(r.speaker.trim());
            keys.push(key);
        }
        let mut speakers: Vec<Speaker> = accs
            .into_iter()
            .map(|(k, a)| Speaker {
                speaker_key: k,
                name: a.name,
                speaker_type: a.speaker_type,
                quotes: a.quotes,
                docs: a.docs.len(),
                first_doc: a.docs.first().cloned().unwrap_or_default(),
                last_doc: a.docs.last().cloned().unwrap_or_default(),
                titles: a.titles.joined(),
                affiliations: a.affiliations.joined(),
                forms: a.forms.joined(),
            })
            .collect();
        speakers.sort_by(|a, b| b.quotes.cmp(&a.quotes).then_with(|| a.speaker_key.cmp(&b.speaker_key)));
        SpeakerTable { speakers, keys }
    }
}

impl SpeakerTable {
    /// The table of tagged quotes (`Collect::quotes`, `Tagged::quotes`).
    pub fn of_quotes(quotes: &[Quote], merger: &Merger) -> SpeakerTable {
        let rows: Vec<SpeakerRow> = quotes.iter().map(SpeakerRow::from).collect();
        merger.table(&rows)
    }

    /// Writes the speakers table as CSV, header first (a BOM first with
    /// `bom`).
    pub fn write_csv<W: Write>(&self, mut w: W, bom: bool) -> Result<(), Error> {
        if bom {
            w.write_all("\u{feff}".as_bytes()).map_err(io_error)?;
        }
        let mut wr = csv::WriterBuilder::new().has_headers(false).from_writer(w);
        wr.write_record(SPEAKER_COLUMNS)?;
        for s in &self.speakers {
            wr.serialize(s)?;
        }
        wr.flush().map_err(io_error)
    }
}

fn io_error(e: std::io::Error) -> Error {
    Error::Io { name: "output".into(), source: e }
}

/// The columns of the speakers table.
pub const SPEAKER_COLUMNS: &[&str] = &[
    "speaker_key",
    "name",
    "speaker_type",
    "quotes",
    "docs",
    "first_doc",
    "last_doc",
    "titles",
    "affiliations",
    "forms",
];

/// A quotes table as read: its cells as they are (for writing back with a
/// key) and the speaker cells of each row.
#[derive(Debug, Clone, Default)]
pub struct QuotesCsv {
    /// The header.
    pub headers: csv::StringRecord,
    /// Every row, as read.
    pub records: Vec<csv::StringRecord>,
    /// The speaker cells of every row.
    pub rows: Vec<SpeakerRow>,
}

impl QuotesCsv {
    /// Reads a quotes table (`yinyu extract`'s CSV; a leading BOM is
    /// dropped). `name` names it in errors.
    pub fn read(name: &str, bytes: &[u8]) -> Result<QuotesCsv, Error> {
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        let table = |message: String| Error::Table { name: name.to_string(), message };
        let mut rd = csv::Reader::from_reader(bytes);
        let headers = rd.headers().map_err(|e| table(e.to_string()))?.clone();
        for col in ["doc", "speaker"] {
            if !headers.iter().any(|h| h == col) {
                return Err(table(format!("no {col:?} column: not a quotes table of yinyu extract")));
            }
        }
        let mut out = QuotesCsv { headers, ..QuotesCsv::default() };
        for (i, rec) in rd.records().enumerate() {
            let rec = rec.map_err(|e| table(e.to_string()))?;
            let row: SpeakerRow =
                rec.deserialize(Some(&out.headers)).map_err(|e| table(format!("row {}: {e}", i + 2)))?;
            out.rows.push(row);
            out.records.push(rec);
        }
        Ok(out)
    }

    /// Appends the rows of `other` (a table with the same header).
    pub fn append(&mut self, other: QuotesCsv, name: &str) -> Result<(), Error> {
        if self.records.is_empty() && self.headers.is_empty() {
            *self = other;
            return Ok(());
        }
        if other.headers != self.headers {
            return Err(Error::Table {
                name: name.into(),
                message: "its header differs from the first table's".into(),
            });
        }
        self.records.extend(other.records);
        self.rows.extend(other.rows);
        Ok(())
    }

    /// Writes the rows back as CSV with a last column `speaker_key` (`keys`
    /// as [`SpeakerTable::keys`]).
    pub fn write_annotated<W: Write>(&self, mut w: W, keys: &[String], bom: bool) -> Result<(), Error> {
        if bom {
            w.write_all("\u{feff}".as_bytes()).map_err(io_error)?;
        }
        let mut wr = csv::Writer::from_writer(w);
        let mut head = self.headers.clone();
        head.push_field("speaker_key");
        wr.write_record(&head)?;
        for (rec, key) in self.records.iter().zip(keys) {
            let mut rec = rec.clone();
            rec.push_field(key);
            wr.write_record(&rec)?;
        }
        wr.flush().map_err(io_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(doc: &str, speaker: &str, t: &str) -> SpeakerRow {
        SpeakerRow {
            doc: doc.into(),
            speaker: speaker.into(),
            speaker_id: speaker.into(),
            speaker_type: t.into(),
            ..SpeakerRow::default()
        }
    }

    fn merger() -> Merger {
        let mut k = Knowledge::default();
        k.people.push(crate::lexicon::Person {
            name: "P".into(),
            aliases: vec!["Q·P".into()],
            title: String::new(),
            affiliation: String::new(),
            gender: None,
        });
        k.words.insert(Role::PronounGroup, ["they".to_string()].into());
        k.sources.push(("all".into(), true));
        k.t2s.insert('A', 'a');
        Merger::new(&k)
    }

    fn keys(rows: &[SpeakerRow]) -> Vec<String> {
        merger().table(rows).keys
    }

    #[test]
    fn a_short_form_merges_with_the_one_full_form_of_the_corpus() {
        let rows = [
            row("a", "Hubert·Vedrine", "person"),
            row("b", "Vedrine", "person"),
            row("c", "Hubert-Vedrine", "person"),
        ];
        assert_eq!(keys(&rows), ["person:Hubert·Vedrine"; 3]);
        let t = merger().table(&rows);
        assert_eq!((t.speakers[0].quotes, t.speakers[0].docs), (3, 3));
        assert_eq!((t.speakers[0].first_doc.as_str(), t.speakers[0].last_doc.as_str()), ("a", "c"));
        // the name is a form as written
        let rows = [row("a", "Hubert-Vedrine", "person"), row("b", "Vedrine", "person")];
        assert_eq!(keys(&rows), ["person:Hubert-Vedrine"; 2]);
        // two full forms share the part: the short form stays apart
        let rows = [
            row("a", "Peter·Roman", "person"),
            row("b", "Anna·Roman", "person"),
            row("c", "Roman", "person"),
        ];
        assert_eq!(keys(&rows), ["person:Peter·Roman", "person:Anna·Roman", "person:Roman"]);
    }

    #[test]
    fn aliases_of_the_people_lexicon_take_its_name() {
        let rows = [row("a", "Q·P", "person"), row("b", "P", "person"), row("c", "Q-P", "person")];
        assert_eq!(keys(&rows), ["person:P"; 3]);
        // the lexicon's P is not the only full form ending in P of the corpus
        let rows = [row("a", "R·P", "person"), row("b", "P", "person")];
        assert_eq!(keys(&rows), ["person:R·P", "person:P"]);
    }

    #[test]
    fn one_speaker_id_in_an_article_joins_its_forms() {
        let mut r = row("a", "President Tok", "person");
        r.speaker_id = "Tok".into();
        r.title = "President".into();
        let rows = [row("a", "Tok", "person"), r, row("b", "Tok", "person")];
        let t = merger().table(&rows);
        assert_eq!(t.keys, ["person:President Tok"; 3]);
        assert_eq!(t.speakers.len(), 1);
        assert_eq!(t.speakers[0].titles, "President");
        assert_eq!(t.speakers[0].forms, "Tok;President Tok");
    }

    #[test]
    fn pronouns_and_generic_sources_stay_in_their_document() {
        let rows = [
            row("a", "they", "group"),
            row("b", "they", "group"),
            row("a", "all", "group"),
            row("b", "all", "group"),
            row("a", "Ministry", "group"),
            row("b", "Ministry", "group"),
            row("c", "All", "group"),
            row("a", "someone", "anonymous"),
            row("a", "", ""),
        ];
        assert_eq!(
            keys(&rows),
            [
                "pronoun:they@a",
                "pronoun:they@b",
                "group:all@a",
                "group:all@b",
                "group:Ministry",
                "group:Ministry",
                "group:All@c",
                "anonymous:someone@a",
                ""
            ]
        );
        let t = merger().table(&rows);
        assert_eq!(t.speakers[0].speaker_key, "group:Ministry");
        assert_eq!(t.speakers.iter().find(|s| s.name == "they").unwrap().speaker_type, "pronoun");
    }

    #[test]
    fn a_quotes_table_reads_back_and_gets_its_keys() {
        let csv = "\u{feff}doc,quote_id,speaker,speaker_id,speaker_type,extra\n\
                   a,1,Vedrine,Vedrine,person,\"x,y\"\nb,1,Hubert·Vedrine,Hubert·Vedrine,person,z\n";
        let q = QuotesCsv::read("q.csv", csv.as_bytes()).unwrap();
        let t = merger().table(&q.rows);
        let mut out = Vec::new();
        q.write_annotated(&mut out, &t.keys, false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(
            s,
            "doc,quote_id,speaker,speaker_id,speaker_type,extra,speaker_key\n\
             a,1,Vedrine,Vedrine,person,\"x,y\",person:Hubert·Vedrine\n\
             b,1,Hubert·Vedrine,Hubert·Vedrine,person,z,person:Hubert·Vedrine\n"
        );
        let mut out = Vec::new();
        t.write_csv(&mut out, false).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert_eq!(s.lines().next().unwrap(), SPEAKER_COLUMNS.join(","));
        assert!(
            s.contains("person:Hubert·Vedrine,Hubert·Vedrine,person,2,2,a,b,,,Vedrine;Hubert·Vedrine"),
            "{s}"
        );
        let err = QuotesCsv::read("x.csv", b"a,b\n1,2\n").unwrap_err();
        assert!(err.to_string().contains("no \"doc\" column"), "{err}");
    }
}
