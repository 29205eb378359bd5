//! Conveniences for research scripts: a tagger from a lexicon directory,
//! quotes of a text in one call or lazily from a reader, and typed spans
//! with character and byte offsets.
//!
//! Everything here is built on the public pieces of [`crate::tagger`] and
//! [`Segments`]; it adds no behaviour of its own, so the rows are those
//! of [`Tagger::tag`] and of the CLI.

use crate::error::Error;
use crate::lexicon::Lexicons;
use crate::pipeline::Assembler;
use crate::record::{DocRecord, Quote};
use crate::stream::Segments;
use crate::tagger::{Tagger, TaggerBuilder};
use crate::text::decode::DecodeOptions;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::Read;
use std::ops::Range;
use std::path::Path;

/// The `doc` name [`Tagger::extract`] gives its rows.
pub const TEXT_NAME: &str = "text";

impl TaggerBuilder {
    /// Compiles the lexicons of `dir` into a tagger: each lexicon file
    /// present in `dir` replaces the embedded one, as `--lexicons DIR` does;
    /// files absent from `dir` keep their embedded default.
    ///
    /// Errors: [`Error::Lexicon`] listing every problem as `file:line: message`
    /// (also when `dir` is not a directory or a file cannot be read).
    pub fn build_from_dir(&self, dir: impl AsRef<Path>) -> Result<Tagger, Error> {
        self.build(&Lexicons::from_dir(dir)?)
    }
}

impl Tagger {
    /// A tagger with the lexicons of `dir` (see
    /// [`TaggerBuilder::build_from_dir`]); the default options otherwise.
    ///
    /// ```
    /// // a directory without lexicon files keeps every embedded one
    /// let dir = std::env::temp_dir().join(format!("yinyu-doc-from-dir-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let tagger = yinyu::Tagger::from_dir(&dir).unwrap();
    /// assert_eq!(tagger.extract("她说：“好。”")[0].speaker_type, Some(yinyu::SpeakerType::Pronoun));
    /// std::fs::remove_dir_all(&dir).unwrap();
    ///
    /// let err = yinyu::Tagger::from_dir(dir.join("missing")).unwrap_err();
    /// assert!(err.to_string().ends_with(":0: not a directory"));
    /// ```
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Tagger, Error> {
        TaggerBuilder::default().build_from_dir(dir)
    }

    /// The units of speech of `text`, in order of appearance, with `doc` set
    /// to [`TEXT_NAME`] (`text#N` when the text holds several articles).
    /// The same rows as `self.tag("text", text).quotes`.
    pub fn extract(&self, text: &str) -> Vec<Quote> {
        self.tag(TEXT_NAME, text).quotes
    }

    /// The units of speech read from `r` (UTF-8, or UTF-16 with a BOM),
    /// yielded lazily: the input is decoded and tagged one segment (about
    /// 1 MiB, see [`Segments`]) at a time, so memory stays flat however
    /// large the input. `name` is the `doc` column's base, as in
    /// [`Tagger::tag`]. A text already in memory is read with
    /// `text.as_bytes()`.
    ///
    /// An input that cannot be read or decoded yields one `Err` item and
    /// then ends; [`Quotes::docs`] gives the article records.
    pub fn quotes_in<R: Read>(&self, name: &str, r: R) -> Quotes<'_, R> {
        self.quotes_in_with(name, r, DecodeOptions::default())
    }

    /// [`Tagger::quotes_in`], decoding as `opts` says (e.g. GB18030, or
    /// lossy).
    pub fn quotes_in_with<R: Read>(&self, name: &str, r: R, opts: DecodeOptions) -> Quotes<'_, R> {
        Quotes::new(self, name, self.segments(name, r, opts))
    }

    /// [`Tagger::quotes_in`] over the file at `path`, named by its file
    /// name as the CLI names it (`a.txt` for `news/a.txt`).
    ///
    /// Errors: [`Error::Io`] when the file cannot be opened.
    pub fn quotes_in_file(
        &self,
        path: impl AsRef<Path>,
    ) -> Result<Quotes<'_, std::io::BufReader<std::fs::File>>, Error> {
        let path = path.as_ref();
        let shown = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::Io { name: shown.clone(), source: e })?;
        let name = path.file_name().map_or(shown, |s| s.to_string_lossy().into_owned());
        Ok(self.quotes_in(&name, std::io::BufReader::with_capacity(1 << 16, file)))
    }
}

/// The units of speech of one input, tagged one segment at a time; made by
/// [`Tagger::quotes_in`]. At most one segment's rows are held at once.
pub struct Quotes<'t, R> {
    tagger: &'t Tagger,
    segs: Segments<R>,
    asm: Option<Assembler>,
    buf: VecDeque<Quote>,
    docs: Vec<DocRecord>,
    done: bool,
}

impl<'t, R: Read> Quotes<'t, R> {
    /// The rows of `segs`, an input called `name`.
    pub(crate) fn new(tagger: &'t Tagger, name: &str, segs: Segments<R>) -> Self {
        Quotes {
            tagger,
            segs,
            asm: Some(Assembler::new(name, tagger.each_line())),
            buf: VecDeque::new(),
            docs: Vec::new(),
            done: false,
        }
    }

    /// Sets the target segment size in bytes (default
    /// [`crate::stream::SEGMENT_BYTES`]; tests use small ones). Rows differ
    /// from a whole reading only where [`Segments`] says: a speaker
    /// named further back than the context carried into a segment.
    pub fn with_target(mut self, bytes: usize) -> Self {
        self.segs = self.segs.with_target(bytes);
        self
    }
}

impl<R> Quotes<'_, R> {
    /// Takes the article records finished so far (all of them once the
    /// iterator has ended): an article is finished when the next one starts
    /// or the input ends.
    pub fn docs(&mut self) -> Vec<DocRecord> {
        std::mem::take(&mut self.docs)
    }
}

impl<R: Read> Iterator for Quotes<'_, R> {
    type Item = Result<Quote, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(q) = self.buf.pop_front() {
                return Some(Ok(q));
            }
            if self.done {
                return None;
            }
            match self.segs.next() {
                Some(Ok(seg)) => {
                    let tagged = self.tagger.tag_segment(&seg);
                    let (buf, docs) = (&mut self.buf, &mut self.docs);
                    if let Some(asm) = self.asm.as_mut() {
                        asm.push(&seg, tagged, |q| buf.push_back(q), |d| docs.push(d));
                    }
                }
                Some(Err(e)) => {
                    self.done = true;
                    self.asm = None;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    if let Some(asm) = self.asm.take() {
                        let docs = &mut self.docs;
                        asm.finish(|d| docs.push(d));
                    }
                }
            }
        }
    }
}

/// A span of the original text with both kinds of offset, end exclusive.
///
/// - `start_char`, `end_char` count Unicode scalar values (Python's `str`
///   indices), as the CSV `start` and `end` columns do;
/// - `start_byte`, `end_byte` are UTF-8 byte offsets: `&text[start_byte..end_byte]`
///   in Rust (see [`Span::as_str`]).
///
/// Not to be confused with [`crate::record::Span`], the plain
/// `(start, end)` character pair stored in [`Quote`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First character (Unicode scalar values from the start of the text).
    pub start_char: usize,
    /// One past the last character.
    pub end_char: usize,
    /// First byte (UTF-8).
    pub start_byte: usize,
    /// One past the last byte.
    pub end_byte: usize,
}

impl Span {
    /// The span of characters `start_char..end_char` of `text`.
    ///
    /// Cost: one scan of `text` up to `end_char`; to convert many spans of a
    /// large text, build one [`CharIndex`] instead.
    ///
    /// Panics when `start_char > end_char` or `end_char` is past the end of
    /// `text`.
    pub fn new(text: &str, start_char: usize, end_char: usize) -> Span {
        assert!(start_char <= end_char, "span {start_char}..{end_char} is reversed");
        let mut bytes = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
        let start_byte = bytes.nth(start_char);
        let end_byte = if end_char == start_char { start_byte } else { bytes.nth(end_char - start_char - 1) };
        match (start_byte, end_byte) {
            (Some(start_byte), Some(end_byte)) => Span { start_char, end_char, start_byte, end_byte },
            _ => panic!(
                "span {start_char}..{end_char} is past the end of a text of {} characters",
                text.chars().count()
            ),
        }
    }

    /// The spanned text: `&text[start_byte..end_byte]`. `text` must be the
    /// text the span was made for.
    pub fn as_str<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start_byte..self.end_byte]
    }

    /// The character offsets, as a range.
    pub fn chars(&self) -> Range<usize> {
        self.start_char..self.end_char
    }

    /// The byte offsets, as a range.
    pub fn bytes(&self) -> Range<usize> {
        self.start_byte..self.end_byte
    }

    /// Length in characters.
    pub fn len_chars(&self) -> usize {
        self.end_char - self.start_char
    }

    /// Does it span nothing?
    pub fn is_empty(&self) -> bool {
        self.start_char == self.end_char
    }
}

/// Every span of one [`Quote`] against the original text; see
/// [`Quote::spans`] and [`CharIndex::quote`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuoteSpans {
    /// The words: the CSV `start..end`. For a row re-joined across a column
    /// break (`method` ends in `+stitched`) this covers the pieces and what
    /// lies between them; the words are the pieces.
    pub words: Span,
    /// The pieces of the words (one unless re-joined).
    pub pieces: Vec<Span>,
    /// The speaker's phrase, when it stands in the same paragraph.
    pub speaker: Option<Span>,
    /// The cue.
    pub cue: Option<Span>,
}

/// Character → byte offsets of one text, for converting many spans: built
/// in one pass over the text, holding one byte offset per 64 characters
/// (an eighth of the text's size at most), after which each conversion
/// reads at most 64 characters.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    marks: Vec<usize>,
    chars: usize,
}

const MARK_EVERY: usize = 64;

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut marks = Vec::with_capacity(text.len() / MARK_EVERY + 1);
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            if chars % MARK_EVERY == 0 {
                marks.push(b);
            }
            chars += 1;
        }
        CharIndex { text, marks, chars }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Characters in the text.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// The byte offset of character `ch`; `ch` may be the number of
    /// characters (the end). Panics past the end.
    pub fn byte(&self, ch: usize) -> usize {
        assert!(ch <= self.chars, "character {ch} is past the end of a text of {} characters", self.chars);
        if ch == self.chars {
            return self.text.len();
        }
        let m = self.marks[ch / MARK_EVERY];
        m + self.text[m..].char_indices().nth(ch % MARK_EVERY).map_or(0, |(b, _)| b)
    }

    /// The span of characters `start..end`. Panics when reversed or past
    /// the end.
    pub fn span(&self, start: usize, end: usize) -> Span {
        assert!(start <= end, "span {start}..{end} is reversed");
        Span { start_char: start, end_char: end, start_byte: self.byte(start), end_byte: self.byte(end) }
    }

    /// Every span of `q`, which must come from this text.
    pub fn quote(&self, q: &Quote) -> QuoteSpans {
        QuoteSpans {
            words: self.span(q.start, q.end),
            pieces: q.pieces.iter().map(|&(s, e)| self.span(s, e)).collect(),
            speaker: q.speaker_span.map(|(s, e)| self.span(s, e)),
            cue: q.cue_span.map(|(s, e)| self.span(s, e)),
        }
    }
}

impl Quote {
    /// The span of the words (the CSV `start..end`) in `text`, the text
    /// this quote was found in. For a row not re-joined across a column
    /// break, `q.span(text).as_str(text) == q.text`.
    ///
    /// Cost: one scan of `text` up to the quote; for many quotes of a large
    /// text, use a [`CharIndex`].
    pub fn span(&self, text: &str) -> Span {
        Span::new(text, self.start, self.end)
    }

    /// Every span of this quote (words, pieces, speaker phrase, cue) in
    /// `text`, the text it was found in. Cost: one pass over `text`, as
    /// [`CharIndex::new`]; for many quotes, build the index once and call
    /// [`CharIndex::quote`].
    pub fn spans(&self, text: &str) -> QuoteSpans {
        CharIndex::new(text).quote(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_new_and_char_index_agree_on_mixed_width_text() {
        // 1-, 2-, 3- and 4-byte characters, longer than several marks
        let text = "aé中𝄞".repeat(50);
        let idx = CharIndex::new(&text);
        let n = text.chars().count();
        assert_eq!(idx.len_chars(), n);
        let chars: Vec<char> = text.chars().collect();
        for (s, e) in [(0, 0), (0, 1), (1, 3), (63, 65), (64, 128), (130, n), (n, n)] {
            let a = Span::new(&text, s, e);
            assert_eq!(a, idx.span(s, e));
            assert_eq!(a.as_str(&text), chars[s..e].iter().collect::<String>());
            assert_eq!(a.len_chars(), e - s);
        }
    }

    #[test]
    #[should_panic(expected = "past the end")]
    fn span_past_the_end_panics() {
        Span::new("中文", 1, 3);
    }

    #[test]
    #[should_panic(expected = "past the end")]
    fn char_index_past_the_end_panics() {
        CharIndex::new("中文").byte(3);
    }
}
