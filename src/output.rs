//! Writers: CSV (the contract columns) and JSONL (everything).

use crate::error::Error;
use crate::record::{CsvRow, DocRecord, Quote};
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
    csv: Option<csv::Writer<W>>,
    raw: Option<W>,
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
        match format {
            Format::Csv => QuoteWriter {
                format,
                csv: Some(csv::WriterBuilder::new().has_headers(false).from_writer(w)),
                raw: None,
                opts: WriteOptions::default(),
            },
            Format::Jsonl => QuoteWriter { format, csv: None, raw: Some(w), opts: WriteOptions::default() },
        }
    }

    /// Writes one quote.
    pub fn write(&mut self, q: &Quote) -> Result<(), Error> {
        match self.format {
            Format::Csv => self.csv.as_mut().expect("csv").serialize(CsvRow::new(q, self.opts.excel_safe))?,
            Format::Jsonl => {
                let w = self.raw.as_mut().expect("raw");
                serde_json::to_writer(&mut *w, q)?;
                w.write_all(b"\n").map_err(|e| Error::Io { name: "output".into(), source: e })?;
            }
        }
        Ok(())
    }

    /// Writes the CSV header even when no quote was written.
    pub fn header(&mut self) -> Result<(), Error> {
        if let Some(w) = self.csv.as_mut() {
            w.write_record(CSV_COLUMNS)?;
        }
        Ok(())
    }

    /// Flushes and returns the inner writer.
    pub fn finish(self) -> Result<(), Error> {
        if let Some(mut w) = self.csv {
            w.flush().map_err(|e| Error::Io { name: "output".into(), source: e })?;
        }
        if let Some(mut w) = self.raw {
            w.flush().map_err(|e| Error::Io { name: "output".into(), source: e })?;
        }
        Ok(())
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

/// Writes article records as CSV, one at a time.
pub struct DocWriter<W: Write> {
    wr: csv::Writer<W>,
    any: bool,
}

impl<W: Write> DocWriter<W> {
    /// A writer over `w`; the header comes with the first record.
    pub fn new(w: W) -> Self {
        DocWriter { wr: csv::Writer::from_writer(w), any: false }
    }

    /// Writes one article record.
    pub fn write(&mut self, d: &DocRecord) -> Result<(), Error> {
        self.any = true;
        self.wr.serialize(d)?;
        Ok(())
    }

    /// Writes the header if no record came, and flushes.
    pub fn finish(mut self) -> Result<(), Error> {
        if !self.any {
            self.wr.write_record([
                "doc",
                "title",
                "reporters",
                "agency",
                "place",
                "date",
                "paragraphs",
                "quotes",
            ])?;
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
