//! Where a run's rows go: a [`Sink`] prepares rows on the worker threads
//! (CSV rows are formatted there) and receives them in input order with
//! their `doc` and `quote_id`.

use crate::error::Error;
use crate::output::{CsvTails, DocWriter, Format, QuoteWriter, WriteOptions};
use crate::record::{DocRecord, Quote};
use std::io::Write;
use std::sync::Arc;

/// The work a sink has done on the worker threads: a part of an article's
/// quotes (no `doc` or `quote_id` yet), in, the sink's rows, out.
pub type Preparer<R> = Arc<dyn Fn(Vec<Quote>) -> Result<Vec<R>, Error> + Send + Sync>;

/// Receives the rows of a [`super::Pipeline`] run, in input order.
pub trait Sink {
    /// A row as a worker prepared it.
    type Row: Send + 'static;

    /// What the workers run on each part's quotes (one row per quote, in
    /// the same order).
    fn preparer(&self) -> Preparer<Self::Row>;

    /// Input `index` (its place in the inputs of the run) begins: the rows
    /// and articles that follow, until the next call, are its own.
    fn input(&mut self, index: usize) {
        let _ = index;
    }

    /// One row with its article (`doc`) and number in its input.
    fn quote(&mut self, doc: &str, quote_id: usize, row: Self::Row) -> Result<(), Error>;

    /// One finished article's record.
    fn article(&mut self, doc: DocRecord) -> Result<(), Error> {
        let _ = doc;
        Ok(())
    }
}

/// Keeps every row and article record in memory.
#[derive(Debug, Default)]
pub struct Collect {
    /// The rows, in input order.
    pub quotes: Vec<Quote>,
    /// The article records, in input order.
    pub docs: Vec<DocRecord>,
}

/// A `Quote` given its `doc` and `quote_id`.
fn stamped(mut q: Quote, doc: &str, quote_id: usize) -> Quote {
    q.doc.clear();
    q.doc.push_str(doc);
    q.quote_id = quote_id;
    q
}

fn as_is() -> Preparer<Quote> {
    Arc::new(Ok)
}

impl Sink for Collect {
    type Row = Quote;

    fn preparer(&self) -> Preparer<Quote> {
        as_is()
    }

    fn quote(&mut self, doc: &str, quote_id: usize, row: Quote) -> Result<(), Error> {
        self.quotes.push(stamped(row, doc, quote_id));
        Ok(())
    }

    fn article(&mut self, doc: DocRecord) -> Result<(), Error> {
        self.docs.push(doc);
        Ok(())
    }
}

/// Writes CSV (the contract columns, header first); rows are formatted on
/// the workers, and the writer only puts their `doc` and `quote_id` first.
pub struct CsvSink<W: Write> {
    w: QuoteWriter<W>,
    excel_safe: bool,
}

impl<W: Write> CsvSink<W> {
    /// CSV over `w`; writes the header (and a BOM when asked) at once.
    pub fn new(w: W, opts: WriteOptions) -> Result<Self, Error> {
        let mut w = QuoteWriter::with_options(w, Format::Csv, opts);
        w.header()?;
        Ok(CsvSink { w, excel_safe: opts.excel_safe })
    }

    /// Flushes.
    pub fn finish(self) -> Result<(), Error> {
        self.w.finish()
    }
}

impl<W: Write> Sink for CsvSink<W> {
    type Row = Vec<u8>;

    fn preparer(&self) -> Preparer<Vec<u8>> {
        let excel_safe = self.excel_safe;
        Arc::new(move |qs| {
            let mut tails = CsvTails::new(excel_safe);
            let ranges = qs.iter().map(|q| tails.add(q)).collect::<Result<Vec<_>, _>>()?;
            let bytes = tails.into_bytes();
            Ok(ranges.into_iter().map(|r| bytes[r].to_vec()).collect())
        })
    }

    fn quote(&mut self, doc: &str, quote_id: usize, row: Vec<u8>) -> Result<(), Error> {
        self.w.write_tail(doc, quote_id, &row)
    }
}

/// Writes JSONL: every field of every row.
pub struct JsonlSink<W: Write> {
    w: QuoteWriter<W>,
}

impl<W: Write> JsonlSink<W> {
    /// JSONL over `w`.
    pub fn new(w: W, opts: WriteOptions) -> Self {
        JsonlSink { w: QuoteWriter::with_options(w, Format::Jsonl, opts) }
    }

    /// Flushes.
    pub fn finish(self) -> Result<(), Error> {
        self.w.finish()
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    type Row = Quote;

    fn preparer(&self) -> Preparer<Quote> {
        as_is()
    }

    fn quote(&mut self, doc: &str, quote_id: usize, row: Quote) -> Result<(), Error> {
        self.w.write(&stamped(row, doc, quote_id))
    }
}

/// A sink that also writes the article records as CSV (`--docs`).
pub struct WithDocs<S, W: Write> {
    /// The rows' sink.
    pub inner: S,
    docs: DocWriter<W>,
}

impl<S, W: Write> WithDocs<S, W> {
    /// `inner`, with article records written to `docs`.
    pub fn new(inner: S, docs: W) -> Self {
        Self::with_options(inner, docs, WriteOptions::default())
    }

    /// `inner`, with article records written to `docs` as `opts` says (a
    /// BOM first, cells made safe for spreadsheets).
    pub fn with_options(inner: S, docs: W, opts: WriteOptions) -> Self {
        WithDocs { inner, docs: DocWriter::with_options(docs, opts) }
    }

    /// Flushes the article records; gives the rows' sink back.
    pub fn finish(self) -> Result<S, Error> {
        self.docs.finish()?;
        Ok(self.inner)
    }
}

impl<S: Sink, W: Write> Sink for WithDocs<S, W> {
    type Row = S::Row;

    fn preparer(&self) -> Preparer<S::Row> {
        self.inner.preparer()
    }

    fn input(&mut self, index: usize) {
        self.inner.input(index);
    }

    fn quote(&mut self, doc: &str, quote_id: usize, row: S::Row) -> Result<(), Error> {
        self.inner.quote(doc, quote_id, row)
    }

    fn article(&mut self, doc: DocRecord) -> Result<(), Error> {
        self.docs.write(&doc)?;
        self.inner.article(doc)
    }
}
