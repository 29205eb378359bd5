//! Writers: CSV (the contract columns) and JSONL (everything).

use crate::error::Error;
use crate::record::{DocRecord, Quote};
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One CSV row per quote, header first.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Output options.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteOptions {
    /// Prefix cells that a spreadsheet would run as a formula (leading
    /// `=`, `+`, `-`, `@`, tab, CR) with `'` (CSV only).
    pub excel_safe: bool,
    /// Start the output with a UTF-8 BOM so Excel reads Chinese correctly.
    pub bom: bool,
}

/// Writes quotes as they come.
pub struct QuoteWriter<W: Write> {
    format: Format,
    /// CSV rows are formatted here (into `formatted`), then written to `out`.
    csv: Option<csv::Writer<Shared>>,
    formatted: Shared,
    /// Formats the `doc` and `quote_id` cells of rows formatted ahead.
    head: Option<csv::Writer<Shared>>,
    out: W,
    opts: WriteOptions,
}

/// Makes a cell safe for spreadsheets.
pub fn excel_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => std::borrow::Cow::Owned(format!("'{cell}")),
        _ => std::borrow::Cow::Borrowed(cell),
    }
}

impl<W: Write> QuoteWriter<W> {
    /// A writer in `format` over `w`.
    pub fn new(w: W, format: Format) -> Self {
        Self::with_options(w, format, WriteOptions::default())
    }

    /// A writer with options.
    pub fn with_options(mut w: W, format: Format, opts: WriteOptions) -> Self {
        if opts.bom {
            // a failed write here surfaces again on the first row
            let _ = w.write_all("\u{feff}".as_bytes());
        }
        let mut qw = Self::plain(w, format);
        qw.opts = opts;
        qw
    }

    fn plain(w: W, format: Format) -> Self {
        let formatted = Shared::default();
        let csv = (format == Format::Csv)
            .then(|| csv::WriterBuilder::new().has_headers(false).from_writer(formatted.clone()));
        QuoteWriter { format, csv, formatted, head: None, out: w, opts: WriteOptions::default() }
    }

    /// Writes what the CSV formatter holds to the output.
    fn drain(&mut self) -> Result<(), Error> {
        let Some(c) = self.csv.as_mut() else { return Ok(()) };
        c.flush().map_err(io_error)?;
        let mut bytes = self.formatted.0.lock().unwrap_or_else(|e| e.into_inner());
        self.out.write_all(&bytes).map_err(io_error)?;
        bytes.clear();
        Ok(())
    }

    /// Writes one quote.
    pub fn write(&mut self, q: &Quote) -> Result<(), Error> {
        match self.format {
            Format::Csv => {
                self.csv.as_mut().expect("csv").serialize(CsvRow::new(q, self.opts.excel_safe))?;
                self.drain()?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, q)?;
                self.out.write_all(b"\n").map_err(io_error)?;
            }
        }
        Ok(())
    }

    /// Writes one CSV row formatted ahead by [`CsvTails`]: its `doc` and
    /// `quote_id` cells, then the rest.
    pub fn write_tail(&mut self, doc: &str, quote_id: usize, tail: &[u8]) -> Result<(), Error> {
        let cell = if self.opts.excel_safe { excel_safe(doc) } else { Cow::Borrowed(doc) };
        let id = quote_id.to_string();
        let formatted = &self.formatted;
        let head = self.head.get_or_insert_with(|| {
            csv::WriterBuilder::new().has_headers(false).from_writer(formatted.clone())
        });
        head.write_record([cell.as_bytes(), id.as_bytes()])?;
        head.flush().map_err(io_error)?;
        let mut bytes = self.formatted.0.lock().unwrap_or_else(|e| e.into_inner());
        // the record's line end becomes the comma before the tail
        if let Some(last) = bytes.last_mut() {
            *last = b',';
        }
        self.out.write_all(&bytes).map_err(io_error)?;
        bytes.clear();
        self.out.write_all(tail).map_err(io_error)
    }

    /// Writes the CSV header even when no quote was written.
    pub fn header(&mut self) -> Result<(), Error> {
        if let Some(w) = self.csv.as_mut() {
            w.write_record(CSV_COLUMNS)?;
        }
        self.drain()
    }

    /// Flushes and returns the inner writer.
    pub fn finish(mut self) -> Result<(), Error> {
        self.drain()?;
        self.out.flush().map_err(io_error)
    }
}

/// A byte buffer the CSV formatter writes into and the writer empties.
#[derive(Clone, Default)]
struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn io_error(e: std::io::Error) -> Error {
    Error::Io { name: "output".into(), source: e }
}

/// The CSV formatter of rows: the csv crate's defaults, no header.
fn csv_formatter() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new())
}

/// CSV rows formatted ahead of writing, on the thread that tagged them, all
/// but their first two cells (`doc` and `quote_id`, known only when the
/// rows are put in order): the writer then only stamps those
/// ([`QuoteWriter::write_tail`]).
pub struct CsvTails {
    csv: csv::Writer<Vec<u8>>,
    excel_safe: bool,
}

impl CsvTails {
    /// A formatter; `excel_safe` as in [`WriteOptions`].
    pub fn new(excel_safe: bool) -> Self {
        CsvTails { csv: csv_formatter(), excel_safe }
    }

    /// Formats `q` (a row not yet given its `doc` and `quote_id`); returns
    /// where its cells after the first two lie in [`CsvTails::into_bytes`].
    pub fn add(&mut self, q: &Quote) -> Result<std::ops::Range<usize>, Error> {
        let mut row = CsvRow::new(q, self.excel_safe);
        row.blank_head();
        let from = self.csv.get_ref().len();
        self.csv.serialize(row)?;
        self.csv.flush().map_err(io_error)?;
        let bytes = self.csv.get_ref();
        // an empty doc cell and a 0
        let head = [&b",0,"[..], &b"\"\",0,"[..]]
            .into_iter()
            .find(|h| bytes[from..].starts_with(h))
            .map(|h| h.len())
            .ok_or_else(|| Error::Io {
                name: "output".into(),
                source: std::io::Error::other("unexpected CSV row"),
            })?;
        Ok(from + head..bytes.len())
    }

    /// All the rows formatted.
    pub fn into_bytes(self) -> Vec<u8> {
        self.csv.into_inner().unwrap_or_default()
    }
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
    method: crate::record::MethodTag,
    confidence: TwoDecimals,
    themes: Cow<'a, str>,
    stance: &'a str,
    cue_stance: &'a str,
}

impl<'a> CsvRow<'a> {
    /// Empties the `doc` and `quote_id` cells (see [`CsvTails`]).
    pub(crate) fn blank_head(&mut self) {
        self.doc = Cow::Borrowed("");
        self.quote_id = 0;
    }

    /// The row of `q`; with `excel_safe`, text cells that a spreadsheet
    /// would run as a formula get a leading `'`.
    pub fn new(q: &'a Quote, excel_safe: bool) -> Self {
        let cell = |s: &'a str| if excel_safe { self::excel_safe(s) } else { Cow::Borrowed(s) };
        CsvRow {
            doc: cell(&q.doc),
            quote_id: q.quote_id,
            kind: q.kind.as_str(),
            start: q.start,
            end: q.end,
            text: cell(&q.text),
            speaker: cell(&q.speaker),
            speaker_id: cell(&q.speaker_id),
            speaker_type: q.speaker_type_str(),
            title: cell(&q.title),
            affiliation: cell(&q.affiliation),
            cue: cell(&q.cue),
            method: q.method,
            confidence: TwoDecimals::new(q.confidence),
            themes: match &q.themes[..] {
                [] => Cow::Borrowed(""),
                [one] => Cow::Borrowed(one.as_str()),
                many => Cow::Owned(many.join(";")),
            },
            stance: q.stance_str(),
            cue_stance: q.cue_stance_str(),
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

/// The CSV header.
pub const CSV_COLUMNS: &[&str] = &[
    "doc",
    "quote_id",
    "kind",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_id",
    "speaker_type",
    "title",
    "affiliation",
    "cue",
    "method",
    "confidence",
    "themes",
    "stance",
    "cue_stance",
];

/// The columns of the `--docs` table.
pub const DOC_COLUMNS: &[&str] = &[
    "doc",
    "file",
    "line",
    "article",
    "article_title",
    "reporters",
    "agency",
    "place",
    "date",
    "paragraphs",
    "quotes",
];

/// One row of the `--docs` table: the `doc` column of the quotes table
/// (join on it), its parts (`file`, `line` with `--each-line`, `article`
/// the `#N`), then the article's own cells (`article_title`, so that a
/// join with the quotes table needs no suffixes).
#[derive(Debug, Serialize)]
pub struct DocRow<'a> {
    doc: Cow<'a, str>,
    file: Cow<'a, str>,
    line: Option<usize>,
    article: usize,
    article_title: Cow<'a, str>,
    reporters: Cow<'a, str>,
    agency: Cow<'a, str>,
    place: Cow<'a, str>,
    date: Cow<'a, str>,
    paragraphs: usize,
    quotes: usize,
}

impl<'a> DocRow<'a> {
    /// The row of `d`; `excel_safe` as in [`WriteOptions`].
    pub fn new(d: &'a DocRecord, excel_safe: bool) -> Self {
        let cell = |s: &'a str| if excel_safe { self::excel_safe(s) } else { Cow::Borrowed(s) };
        DocRow {
            doc: cell(&d.doc),
            file: cell(&d.file),
            line: d.line,
            article: d.article,
            article_title: cell(&d.title),
            reporters: cell(&d.reporters),
            agency: cell(&d.agency),
            place: cell(&d.place),
            date: cell(&d.date),
            paragraphs: d.paragraphs,
            quotes: d.quotes,
        }
    }
}

/// Writes article records as CSV ([`DOC_COLUMNS`]), one at a time.
pub struct DocWriter<W: Write> {
    wr: csv::Writer<W>,
    any: bool,
    excel_safe: bool,
}

impl<W: Write> DocWriter<W> {
    /// A writer over `w`; the header comes with the first record.
    pub fn new(w: W) -> Self {
        Self::with_options(w, WriteOptions::default())
    }

    /// A writer with options: a BOM first, cells made safe for spreadsheets.
    pub fn with_options(mut w: W, opts: WriteOptions) -> Self {
        if opts.bom {
            // a failed write here surfaces again on the first row
            let _ = w.write_all("\u{feff}".as_bytes());
        }
        DocWriter { wr: csv::Writer::from_writer(w), any: false, excel_safe: opts.excel_safe }
    }

    /// Writes one article record.
    pub fn write(&mut self, d: &DocRecord) -> Result<(), Error> {
        self.any = true;
        self.wr.serialize(DocRow::new(d, self.excel_safe))?;
        Ok(())
    }

    /// Writes the header if no record came, and flushes.
    pub fn finish(mut self) -> Result<(), Error> {
        if !self.any {
            self.wr.write_record(DOC_COLUMNS)?;
        }
        self.wr.flush().map_err(|e| Error::Io { name: "docs".into(), source: e })?;
        Ok(())
    }
}

/// Writes article records as CSV.
pub fn write_docs<W: Write>(w: W, docs: &[DocRecord]) -> Result<(), Error> {
    let mut wr = DocWriter::new(w);
    for d in docs {
        wr.write(d)?;
    }
    wr.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(text: &str, speaker: &str) -> Quote {
        Quote {
            kind: crate::attribution::Kind::Direct,
            start: 3,
            end: 9,
            text: text.into(),
            speaker: speaker.into(),
            speaker_type: Some(crate::attribution::SpeakerType::Person),
            method: crate::record::MethodTag::parse("colon").unwrap(),
            confidence: 0.85,
            themes: vec!["economy".into(), "trade".into()],
            stance: Some(crate::record::Stance::Neutral),
            ..Quote::default()
        }
    }

    #[test]
    fn the_docs_table_has_its_columns_a_bom_and_safe_cells() {
        let d = DocRecord {
            doc: "a.txt:3".into(),
            file: "a.txt".into(),
            line: Some(3),
            article: 2,
            title: "=t".into(),
            paragraphs: 1,
            ..DocRecord::default()
        };
        let mut out = Vec::new();
        let mut w = DocWriter::with_options(&mut out, WriteOptions { excel_safe: true, bom: true });
        w.write(&d).unwrap();
        w.finish().unwrap();
        let s = String::from_utf8(out).unwrap();
        let mut lines = s.lines();
        assert_eq!(lines.next().unwrap(), format!("\u{feff}{}", DOC_COLUMNS.join(",")));
        assert_eq!(lines.next().unwrap(), "a.txt:3,a.txt,3,2,'=t,,,,,1,0");
        let mut empty = Vec::new();
        DocWriter::new(&mut empty).finish().unwrap();
        assert_eq!(String::from_utf8(empty).unwrap().trim_end(), DOC_COLUMNS.join(","));
    }

    #[test]
    fn a_row_formatted_ahead_is_the_row_written_whole() {
        let quotes = [quote("他说，“好”。", "王明"), quote("a,b\nc \"d\"", "=SUM(A1)"), quote("", "")];
        for excel_safe in [false, true] {
            for doc in ["p.txt#2", "a,b \"c\".txt", "=d.txt"] {
                let opts = WriteOptions { excel_safe, bom: false };
                let mut whole = Vec::new();
                let mut w = QuoteWriter::with_options(&mut whole, Format::Csv, opts);
                for (i, q) in quotes.iter().enumerate() {
                    let mut q = q.clone();
                    q.doc = doc.into();
                    q.quote_id = i + 7;
                    w.write(&q).unwrap();
                }
                w.finish().unwrap();
                let mut tails = CsvTails::new(excel_safe);
                let ranges: Vec<_> = quotes.iter().map(|q| tails.add(q).unwrap()).collect();
                let bytes = tails.into_bytes();
                let mut ahead = Vec::new();
                let mut w = QuoteWriter::with_options(&mut ahead, Format::Csv, opts);
                for (i, r) in ranges.into_iter().enumerate() {
                    w.write_tail(doc, i + 7, &bytes[r]).unwrap();
                }
                w.finish().unwrap();
                assert_eq!(String::from_utf8(ahead).unwrap(), String::from_utf8(whole).unwrap());
            }
        }
    }
}
