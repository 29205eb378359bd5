//! The output record: one per quotation or reported clause, with character
//! offsets into the original decoded text, and one per article.

use crate::themes::Evidence;
use serde::{Deserialize, Serialize};

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
