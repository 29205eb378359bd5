//! The output record: one per quotation or reported clause, with character
//! offsets into the original decoded text, and one per article.

use crate::themes::Evidence;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A character span `[start, end)` of the original text.
pub type Span = (usize, usize);

/// One unit of speech, as the library returns it and JSONL writes it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Quote {
    /// The article: the file name, with `#N` when a file holds several.
    pub doc: String,
    /// 1-based, in order of appearance in the file.
    pub quote_id: usize,
    /// direct, partial, indirect or term.
    pub kind: String,
    /// First character of the words (original text, characters).
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The words. For a quote re-joined across a column break, the pieces
    /// joined; otherwise exactly the original text at `start..end`.
    pub text: String,
    /// Name (persons) or description as written.
    pub speaker: String,
    /// One id per speaker per article.
    pub speaker_id: String,
    /// person, group, anonymous, document, pronoun or unknown.
    pub speaker_type: String,
    /// Title or role.
    pub title: String,
    /// Affiliation.
    pub affiliation: String,
    /// The cue verb or phrase as written.
    pub cue: String,
    /// The attribution rule that fired (with `+stitched` when re-joined).
    pub method: String,
    /// Confidence of the attribution, 0–1.
    pub confidence: f32,
    /// Theme ids.
    pub themes: Vec<String>,
    /// support, oppose, commit, call or neutral.
    pub stance: String,
    /// The cue's own stance: asserted, claimed or empty.
    pub cue_stance: String,
    /// The pieces of the words in the original text (one unless re-joined).
    pub pieces: Vec<Span>,
    /// The speaker's phrase, when it stands in the same paragraph.
    pub speaker_span: Option<Span>,
    /// The cue.
    pub cue_span: Option<Span>,
    /// Theme and stance rules that fired.
    pub evidence: Vec<Evidence>,
}

/// The CSV row: the contract columns of DESIGN.md plus `cue_stance`.
#[derive(Debug, Serialize)]
pub struct CsvRow<'a> {
    doc: Cow<'a, str>,
    quote_id: usize,
    kind: &'a str,
    start: usize,
    end: usize,
    text: Cow<'a, str>,
    speaker: Cow<'a, str>,
    speaker_id: Cow<'a, str>,
    speaker_type: &'a str,
    title: Cow<'a, str>,
    affiliation: Cow<'a, str>,
    cue: Cow<'a, str>,
    method: &'a str,
    confidence: TwoDecimals,
    themes: Cow<'a, str>,
    stance: &'a str,
    cue_stance: &'a str,
}

impl<'a> CsvRow<'a> {
    /// Empties the `doc` and `quote_id` cells (see [`crate::output::CsvTails`]).
    pub(crate) fn blank_head(&mut self) {
        self.doc = Cow::Borrowed("");
        self.quote_id = 0;
    }

    /// The row of `q`; with `excel_safe`, text cells that a spreadsheet
    /// would run as a formula get a leading `'`.
    pub fn new(q: &'a Quote, excel_safe: bool) -> Self {
        let cell = |s: &'a str| if excel_safe { crate::output::excel_safe(s) } else { Cow::Borrowed(s) };
        CsvRow {
            doc: cell(&q.doc),
            quote_id: q.quote_id,
            kind: &q.kind,
            start: q.start,
            end: q.end,
            text: cell(&q.text),
            speaker: cell(&q.speaker),
            speaker_id: cell(&q.speaker_id),
            speaker_type: &q.speaker_type,
            title: cell(&q.title),
            affiliation: cell(&q.affiliation),
            cue: cell(&q.cue),
            method: &q.method,
            confidence: TwoDecimals::new(q.confidence),
            themes: match &q.themes[..] {
                [] => Cow::Borrowed(""),
                [one] => Cow::Borrowed(one.as_str()),
                many => Cow::Owned(many.join(";")),
            },
            stance: &q.stance,
            cue_stance: &q.cue_stance,
        }
    }
}

/// A number written with two decimals, formatted on the stack (a CSV row
/// allocates nothing for it).
#[derive(Debug)]
struct TwoDecimals {
    buf: [u8; 32],
    len: usize,
}

impl TwoDecimals {
    fn new(x: f32) -> Self {
        let mut buf = [0u8; 32];
        let mut rest = &mut buf[..];
        // 32 bytes hold any confidence (0..=1) with two decimals; a huge
        // value would be cut, not overflow
        let _ = std::io::Write::write_fmt(&mut rest, format_args!("{x:.2}"));
        let len = 32 - rest.len();
        TwoDecimals { buf, len }
    }
}

impl Serialize for TwoDecimals {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(std::str::from_utf8(&self.buf[..self.len]).unwrap_or(""))
    }
}

/// One article of an input file (`--docs`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct DocRecord {
    /// The article id used in the `doc` column.
    pub doc: String,
    /// Its title.
    pub title: String,
    /// Reporters from bylines, `;`-joined.
    pub reporters: String,
    /// Agency from the dateline.
    pub agency: String,
    /// Dateline place.
    pub place: String,
    /// Dateline date.
    pub date: String,
    /// Body paragraphs.
    pub paragraphs: usize,
    /// Units of speech found (terms excluded).
    pub quotes: usize,
}
