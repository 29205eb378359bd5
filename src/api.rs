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
pub use crate::text::offsets::{CharIndex, Span};
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::Read;
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

impl CharIndex<'_> {
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
