//! What a lexicon edit changes on a corpus: the rows tagged with the base
//! lexicons and with the edited ones, compared (`yinyu review`).
//!
//! Rows are matched by article and position (`doc`, `start`, `end`); a
//! matched pair whose cells differ is a change, a row only in the base run
//! is removed, one only in the new run is added. Lines are written in the
//! format of the snapshot files (`snapshots/*.snap`), with the `doc`
//! instead of the line.

use crate::error::Error;
use crate::ledger::Ledger;
use crate::pipeline::{Collect, Input, Pipeline};
use crate::record::Quote;
use crate::tagger::Tagger;
use crate::text::decode::DecodeOptions;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;

/// A cell a review compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// direct, partial, indirect, term.
    Kind,
    /// The speaker's name or description.
    Speaker,
    /// person, group, …
    SpeakerType,
    /// Title.
    Title,
    /// Affiliation.
    Affiliation,
    /// The cue.
    Cue,
    /// The attribution rule.
    Method,
    /// Themes.
    Themes,
    /// Stance.
    Stance,
}

impl Field {
    /// Every field, in column order.
    pub const ALL: [Field; 9] = [
        Field::Kind,
        Field::Speaker,
        Field::SpeakerType,
        Field::Title,
        Field::Affiliation,
        Field::Cue,
        Field::Method,
        Field::Themes,
        Field::Stance,
    ];

    /// The column name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Speaker => "speaker",
            Field::SpeakerType => "speaker_type",
            Field::Title => "title",
            Field::Affiliation => "affiliation",
            Field::Cue => "cue",
            Field::Method => "method",
            Field::Themes => "themes",
            Field::Stance => "stance",
        }
    }

    /// The cell of `q`.
    pub fn of(self, q: &Quote) -> String {
        match self {
            Field::Kind => q.kind.to_string(),
            Field::Speaker => q.speaker.clone(),
            Field::SpeakerType => q.speaker_type_str().to_string(),
            Field::Title => q.title.clone(),
            Field::Affiliation => q.affiliation.clone(),
            Field::Cue => q.cue.clone(),
            Field::Method => q.method.to_string(),
            Field::Themes => q.themes.join(";"),
            Field::Stance => q.stance_str().to_string(),
        }
    }
}

/// One row that differs between the two runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// Only in the new run.
    Added(Quote),
    /// Only in the base run.
    Removed(Quote),
    /// In both, with different cells.
    Changed {
        /// The base run's row.
        base: Box<Quote>,
        /// The new run's row.
        new: Box<Quote>,
        /// The cells that differ, in column order.
        fields: Vec<Field>,
    },
}

impl Change {
    /// The row as the new run has it (the base run's for a removed row).
    pub fn quote(&self) -> &Quote {
        match self {
            Change::Added(q) | Change::Removed(q) => q,
            Change::Changed { new, .. } => new.as_ref(),
        }
    }

    /// added, removed or changed.
    pub fn label(&self) -> &'static str {
        match self {
            Change::Added(_) => "added",
            Change::Removed(_) => "removed",
            Change::Changed { .. } => "changed",
        }
    }
}

/// The header of the line format of [`Change`]'s `Display`.
pub const HEADER: &str =
    "± doc | kind | words | speaker (type) | title | affiliation | cue | method | themes | stance";

/// The words as a snapshot line shows them: newlines dropped, cut at 36
/// characters.
fn words(q: &Quote) -> String {
    let w: String = q.text.chars().filter(|c| *c != '\n').take(36).collect();
    let more = if q.text.chars().count() > 36 { "…" } else { "" };
    format!("{w}{more}")
}

/// A row as a snapshot line shows it, after its doc (or line): kind, words,
/// speaker (type), title, affiliation, cue, method, themes, stance.
pub fn row_line(q: &Quote) -> String {
    format!(
        "{} | {} | {} ({}) | {} | {} | {} | {} | {} | {}",
        q.kind,
        words(q),
        q.speaker,
        q.speaker_type_str(),
        q.title,
        q.affiliation,
        q.cue,
        q.method,
        q.themes.join(";"),
        q.stance_str()
    )
}

impl fmt::Display for Change {
    /// `+ doc | row` for an added row, `- doc | row` for a removed one, and
    /// for a changed one `~ doc | kind | words | ` then each changed cell
    /// as `column: base → new` (`(none)` for an empty cell).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::Added(q) => write!(f, "+ {} | {}", q.doc, row_line(q)),
            Change::Removed(q) => write!(f, "- {} | {}", q.doc, row_line(q)),
            Change::Changed { base, new, fields } => {
                write!(f, "~ {} | {} | {}", new.doc, new.kind, words(new))?;
                let shown = |s: String| if s.is_empty() { "(none)".to_string() } else { s };
                for &fd in fields {
                    let (a, b) = (shown(fd.of(base)), shown(fd.of(new)));
                    write!(f, " | {}: {a} → {b}", fd.as_str())?;
                }
                Ok(())
            }
        }
    }
}

/// The rows that differ between two runs over the same inputs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Review {
    /// In the order of the inputs' articles, then of position.
    pub changes: Vec<Change>,
    /// Rows of the base run.
    pub base_rows: usize,
    /// Rows of the new run.
    pub new_rows: usize,
}

/// How many rows differ, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Rows of the base run.
    pub base_rows: usize,
    /// Rows of the new run.
    pub new_rows: usize,
    /// Rows only in the new run.
    pub added: usize,
    /// Rows only in the base run.
    pub removed: usize,
    /// Rows in both with a different cell.
    pub changed: usize,
    /// Changed rows per cell (a row may count under several), in column order.
    pub by_field: Vec<(Field, usize)>,
    /// Articles with a row that differs.
    pub docs: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} row(s) with the base lexicons, {} with the new; {} added, {} removed, {} changed",
            self.base_rows, self.new_rows, self.added, self.removed, self.changed
        )?;
        if !self.by_field.is_empty() {
            let v: Vec<String> = self.by_field.iter().map(|(fd, n)| format!("{} {n}", fd.as_str())).collect();
            write!(f, " ({})", v.join(", "))?;
        }
        write!(f, "; {} doc(s) affected", self.docs)
    }
}

impl Review {
    /// Compares the rows of two runs; `doc_order` lists the articles in
    /// input order (rows of articles not listed come last).
    pub fn compare(base: &[Quote], new: &[Quote], doc_order: &[String]) -> Review {
        let rank: HashMap<&str, usize> =
            doc_order.iter().enumerate().rev().map(|(i, d)| (d.as_str(), i)).collect();
        let key = |q: &Quote| (q.doc.clone(), q.start, q.end);
        let mut waiting: HashMap<(String, usize, usize), std::collections::VecDeque<&Quote>> = HashMap::new();
        for q in base {
            waiting.entry(key(q)).or_default().push_back(q);
        }
        let mut changes = Vec::new();
        for q in new {
            match waiting.get_mut(&key(q)).and_then(|v| v.pop_front()) {
                None => changes.push(Change::Added(q.clone())),
                Some(b) => {
                    let fields: Vec<Field> = Field::ALL.into_iter().filter(|f| f.of(b) != f.of(q)).collect();
                    if !fields.is_empty() {
                        changes.push(Change::Changed {
                            base: Box::new(b.clone()),
                            new: Box::new(q.clone()),
                            fields,
                        });
                    }
                }
            }
        }
        for q in base {
            if let Some(v) = waiting.get_mut(&key(q)) {
                if let Some(b) = v.pop_front() {
                    changes.push(Change::Removed(b.clone()));
                }
            }
        }
        let order = |c: &Change| {
            let q = c.quote();
            let tie = match c {
                Change::Removed(_) => 0,
                Change::Changed { .. } => 1,
                Change::Added(_) => 2,
            };
            (rank.get(q.doc.as_str()).copied().unwrap_or(usize::MAX), q.start, q.end, tie)
        };
        changes.sort_by_key(order);
        Review { changes, base_rows: base.len(), new_rows: new.len() }
    }

    /// Tags `inputs` with `base` and with `new` (file inputs decoded as
    /// `decode` says) and compares the rows. The ledger is the base run's:
    /// inputs that could not be read are there, and are in neither run.
    pub fn run(
        base: &Tagger,
        new: &Tagger,
        inputs: &[Input<'_>],
        decode: DecodeOptions,
    ) -> Result<(Review, Ledger), Error> {
        let mut a = Collect::default();
        let ledger = Pipeline::new(base).decode(decode).run(inputs, &mut a)?;
        let mut b = Collect::default();
        Pipeline::new(new).decode(decode).run(inputs, &mut b)?;
        let mut order: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for d in b.docs.iter().chain(&a.docs) {
            if seen.insert(d.doc.as_str()) {
                order.push(d.doc.clone());
            }
        }
        Ok((Review::compare(&a.quotes, &b.quotes, &order), ledger))
    }

    /// The counts.
    pub fn counts(&self) -> Counts {
        let mut c = Counts { base_rows: self.base_rows, new_rows: self.new_rows, ..Counts::default() };
        let mut per: HashMap<Field, usize> = HashMap::new();
        let mut docs = std::collections::HashSet::new();
        for ch in &self.changes {
            docs.insert(ch.quote().doc.as_str());
            match ch {
                Change::Added(_) => c.added += 1,
                Change::Removed(_) => c.removed += 1,
                Change::Changed { fields, .. } => {
                    c.changed += 1;
                    for f in fields {
                        *per.entry(*f).or_default() += 1;
                    }
                }
            }
        }
        c.by_field = Field::ALL.into_iter().filter_map(|f| per.get(&f).map(|&n| (f, n))).collect();
        c.docs = docs.len();
        c
    }

    /// The review as JSON: `counts` (with `by_field` an object) and
    /// `changes`, each with `change`, `doc`, `start`, `end`, `text`,
    /// `fields` (changed cells) and the `base` and `new` cells (null for
    /// the side without the row).
    pub fn to_json(&self) -> serde_json::Value {
        let cells = |q: &Quote| {
            let mut m = serde_json::Map::new();
            m.insert("quote_id".into(), q.quote_id.into());
            for f in Field::ALL {
                m.insert(f.as_str().into(), f.of(q).into());
            }
            serde_json::Value::Object(m)
        };
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|c| {
                let q = c.quote();
                let (base, new, fields) = match c {
                    Change::Added(q) => (serde_json::Value::Null, cells(q), Vec::new()),
                    Change::Removed(q) => (cells(q), serde_json::Value::Null, Vec::new()),
                    Change::Changed { base, new, fields } => (cells(base), cells(new), fields.clone()),
                };
                serde_json::json!({
                    "change": c.label(),
                    "doc": q.doc,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "fields": fields,
                    "base": base,
                    "new": new,
                })
            })
            .collect();
        let c = self.counts();
        let by_field: serde_json::Map<String, serde_json::Value> =
            c.by_field.iter().map(|(f, n)| (f.as_str().to_string(), (*n).into())).collect();
        serde_json::json!({
            "counts": {
                "base_rows": c.base_rows,
                "new_rows": c.new_rows,
                "added": c.added,
                "removed": c.removed,
                "changed": c.changed,
                "by_field": by_field,
                "docs": c.docs,
            },
            "changes": changes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    const TEXT: &str = "市图书馆馆长林小雨表示：“我们将在下个月延长开放时间。”\n\
                        商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n";

    fn tagger(lex: &Lexicons) -> Tagger {
        Tagger::builder().each_line(true).build(lex).unwrap()
    }

    #[test]
    fn the_same_lexicons_change_nothing() {
        let t = Tagger::builder().each_line(true).build(&Lexicons::embedded()).unwrap();
        let (r, ledger) = Review::run(&t, &t, &[Input::text("a", TEXT)], DecodeOptions::default()).unwrap();
        assert!(ledger.all_processed());
        assert!(r.changes.is_empty() && r.base_rows == 2 && r.new_rows == 2, "{r:?}");
        assert_eq!(r.counts().to_string(), "2 row(s) with the base lexicons, 2 with the new; 0 added, 0 removed, 0 changed; 0 doc(s) affected");
    }

    #[test]
    fn a_title_removed_from_the_lexicon_shows_as_a_changed_row() {
        let base = tagger(&Lexicons::embedded());
        let mut lex = Lexicons::embedded();
        let titles = crate::lexicon::FILES.iter().find(|f| f.name == "titles.tsv").unwrap().embedded;
        let edited: String =
            titles.lines().filter(|l| !l.starts_with("馆长\t")).map(|l| format!("{l}\n")).collect();
        assert_eq!(edited.lines().count() + 1, titles.lines().count(), "the embedded titles list 馆长");
        lex.replace("titles.tsv", "new/titles.tsv", edited.into_bytes()).unwrap();
        let new = tagger(&lex);
        let (r, _) = Review::run(&base, &new, &[Input::text("a", TEXT)], DecodeOptions::default()).unwrap();
        assert_eq!(r.changes.len(), 1, "{r:?}");
        let Change::Changed { fields, base: b, new: n } = &r.changes[0] else { panic!("{r:?}") };
        assert!(fields.contains(&Field::Title), "{fields:?}");
        assert_eq!((b.title.as_str(), n.doc.as_str()), ("馆长", "a:1"));
        let line = r.changes[0].to_string();
        assert!(
            line.starts_with("~ a:1 | direct | 我们将在下个月延长开放时间。 | ")
                && line.contains("title: 馆长 → "),
            "{line}"
        );
        let json = r.to_json();
        assert_eq!(json["counts"]["changed"], 1);
        assert_eq!(json["changes"][0]["base"]["title"], "馆长");
    }

    #[test]
    fn unmatched_rows_are_added_or_removed_in_article_order() {
        let q = |doc: &str, start: usize, speaker: &str| Quote {
            doc: doc.into(),
            start,
            end: start + 2,
            text: "words".into(),
            speaker: speaker.into(),
            ..Quote::default()
        };
        let base = [q("b", 0, "x"), q("a", 5, "y")];
        let new = [q("a", 5, "z"), q("a", 9, "w")];
        let r = Review::compare(&base, &new, &["a".into(), "b".into()]);
        let labels: Vec<&str> = r.changes.iter().map(Change::label).collect();
        assert_eq!(labels, ["changed", "added", "removed"]);
        assert_eq!(r.changes[0].to_string(), "~ a | direct | words | speaker: y → z");
        assert!(r.changes[1].to_string().starts_with("+ a | direct | words | w () |"));
        assert!(r.changes[2].to_string().starts_with("- b | direct | words | x () |"));
        let c = r.counts();
        assert_eq!((c.added, c.removed, c.changed, c.docs), (1, 1, 1, 2));
        assert_eq!(c.by_field, [(Field::Speaker, 1)]);
    }
}
