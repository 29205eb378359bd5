//! The one driver of a run: inputs are opened and decoded on a reader
//! thread and cut into segments ([`Segments`]), each segment is tagged
//! on a worker thread as soon as it is read, the results are put back in
//! input order by an [`Assembler`] per input, and rows and article records
//! go to a [`Sink`] (CSV, JSONL, a `Vec`, the Python package's callers).
//! Every input ends up in the returned [`Ledger`]: processed, skipped or
//! failed, with the reason.
//!
//! ```
//! use yinyu::pipeline::{Collect, Input, Pipeline};
//!
//! let tagger = yinyu::Tagger::new().unwrap();
//! let inputs = [
//!     Input::text("a", "外交部发言人毛宁表示：“中方坚决反对。”"),
//!     Input::text("b", "她说：“我们会按时完成。”"),
//! ];
//! let mut rows = Collect::default();
//! let ledger = Pipeline::new(&tagger).run(&inputs, &mut rows).unwrap();
//! assert!(ledger.all_processed());
//! let docs: Vec<&str> = rows.quotes.iter().map(|q| q.doc.as_str()).collect();
//! assert_eq!(docs, ["a", "b"]);
//! ```

mod assemble;
mod schedule;
mod sink;

pub use assemble::Assembler;
pub use sink::{Collect, CsvSink, JsonlSink, Preparer, Sink, WithDocs};

use crate::error::Error;
use crate::ledger::{self, Ledger, Outcome};
use crate::record::DocRecord;
use crate::stream::{Segment, Segments};
use crate::tagger::{SegmentTagged, Tagger};
use crate::text::decode::DecodeOptions;
use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc::SyncSender;
use std::sync::Arc;

/// One input of a run.
#[derive(Debug, Clone)]
pub enum Input<'a> {
    /// A file, named in the `doc` column by its file name; `-` is standard
    /// input.
    Path(PathBuf),
    /// A text already decoded, named `name` in the `doc` column.
    Text {
        /// The `doc` column's base.
        name: Cow<'a, str>,
        /// The text.
        text: Cow<'a, str>,
    },
}

impl<'a> Input<'a> {
    /// A text input borrowing `name` and `text`.
    pub fn text(name: &'a str, text: &'a str) -> Self {
        Input::Text { name: Cow::Borrowed(name), text: Cow::Borrowed(text) }
    }

    /// How the ledger names the input.
    fn shown(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Text { name, .. } => name.to_string(),
        }
    }
}

/// Where a run stands, for a progress display.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Bytes of text tagged.
    pub bytes: u64,
    /// Articles finished.
    pub docs: usize,
    /// Rows written.
    pub quotes: usize,
}

/// Runs a [`Tagger`] over inputs into a [`Sink`]; see the module notes.
pub struct Pipeline<'t> {
    tagger: &'t Tagger,
    decode: DecodeOptions,
    pool: Option<Arc<rayon::ThreadPool>>,
}

impl<'t> Pipeline<'t> {
    /// A pipeline over `tagger`, decoding as [`DecodeOptions::default`] and
    /// tagging on rayon's global thread pool.
    pub fn new(tagger: &'t Tagger) -> Self {
        Pipeline { tagger, decode: DecodeOptions::default(), pool: None }
    }

    /// Decodes file inputs as `opts` says.
    pub fn decode(mut self, opts: DecodeOptions) -> Self {
        self.decode = opts;
        self
    }

    /// Tags on a pool of its own with `n` threads (at least one).
    ///
    /// Errors: [`Error::Io`] when the threads cannot be started.
    pub fn threads(mut self, n: usize) -> Result<Self, Error> {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().map_err(|e| Error::Io {
            name: "threads".into(),
            source: std::io::Error::other(e.to_string()),
        })?;
        self.pool = Some(Arc::new(pool));
        Ok(self)
    }

    /// Tags on `pool` (a pool kept across runs).
    pub fn pool(mut self, pool: Arc<rayon::ThreadPool>) -> Self {
        self.pool = Some(pool);
        self
    }

    /// Tags `inputs` into `sink`, rows in input order.
    ///
    /// An input that cannot be read or decoded is recorded as failed (or
    /// skipped) in the ledger and the run goes on; an error of the sink
    /// (a full disk) ends the run.
    pub fn run<S: Sink>(&self, inputs: &[Input<'_>], sink: &mut S) -> Result<Ledger, Error> {
        self.run_with_progress(inputs, sink, &mut |_| {})
    }

    /// [`Pipeline::run`], calling `progress` after each segment written.
    pub fn run_with_progress<S: Sink>(
        &self,
        inputs: &[Input<'_>],
        sink: &mut S,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<Ledger, Error> {
        let threads = self.pool.as_ref().map_or_else(rayon::current_num_threads, |p| p.current_num_threads());
        let prep = sink.preparer();
        let mut out = schedule::Writer::new(sink, inputs, self.tagger.each_line(), progress);
        let (tagger, opts) = (self.tagger, self.decode);
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel(threads.max(1) * 2);
            scope.spawn(move || read_inputs(tagger, inputs, opts, &tx));
            in_scope(self.pool.as_deref(), |s| schedule::run(s, rx, tagger, &prep, threads.max(1), &mut out))
        })?;
        Ok(out.into_ledger())
    }
}

/// Runs `op` on this thread with a scope whose tasks go to `pool` (or to
/// rayon's global pool).
fn in_scope<'scope, R>(pool: Option<&rayon::ThreadPool>, op: impl FnOnce(&rayon::Scope<'scope>) -> R) -> R {
    match pool {
        Some(p) => p.in_place_scope(op),
        None => rayon::in_place_scope(op),
    }
}

/// One step of a run, in input order: an input opened, a segment to tag
/// (then tagged, its rows prepared), the end of an input (bytes read,
/// bytes replaced), or its failure.
enum Job<R> {
    Open(usize, String),
    Seg(usize, Segment),
    Tagged(usize, Segment, Result<SegmentTagged<(usize, usize, R)>, Error>),
    End(usize, usize, usize),
    Fail(usize, Outcome),
}

impl<R> Job<R> {
    fn input(&self) -> usize {
        match self {
            Job::Open(i, _) | Job::Seg(i, _) | Job::Tagged(i, ..) | Job::End(i, ..) | Job::Fail(i, _) => *i,
        }
    }
}

/// The reader thread: opens each input in turn and sends its segments,
/// then its end or failure; stops when the writer has gone.
fn read_inputs<R>(tagger: &Tagger, inputs: &[Input<'_>], opts: DecodeOptions, tx: &SyncSender<Job<R>>) {
    for (i, input) in inputs.iter().enumerate() {
        let sent = match input {
            Input::Text { name, text } => {
                tx.send(Job::Open(i, name.to_string())).is_ok()
                    && match pump(i, tagger.text_segments(name, text), tx) {
                        Some(Job::End(i, _, r)) => tx.send(Job::End(i, text.len(), r)).is_ok(),
                        Some(last) => tx.send(last).is_ok(),
                        None => false,
                    }
            }
            Input::Path(p) => match open(p) {
                Err(e) => tx.send(Job::Fail(i, e)).is_ok(),
                Ok((name, r)) => {
                    tx.send(Job::Open(i, name.clone())).is_ok()
                        && pump(i, tagger.segments(&name, r, opts), tx).is_some_and(|j| tx.send(j).is_ok())
                }
            },
        };
        if !sent {
            return;
        }
    }
}

/// Sends the segments of input `i`; gives its last job (end or failure),
/// or `None` when the writer has gone.
fn pump<R: Read, X>(i: usize, mut segs: Segments<R>, tx: &SyncSender<Job<X>>) -> Option<Job<X>> {
    loop {
        match segs.next() {
            Some(Ok(seg)) => tx.send(Job::Seg(i, seg)).ok()?,
            Some(Err(e)) => return Some(Job::Fail(i, ledger::failure(e))),
            None => return Some(Job::End(i, segs.bytes(), segs.replaced())),
        }
    }
}

type Reader = Box<dyn Read + Send>;

/// Opens a file input (`-` is standard input), named by its file name.
fn open(f: &Path) -> Result<(String, Reader), Outcome> {
    if f.as_os_str() == "-" {
        return Ok(("-".to_string(), Box::new(std::io::stdin())));
    }
    let file = std::fs::File::open(f).map_err(|e| ledger::open_error(f, &e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Outcome::Failed("is a directory".into()));
    }
    let name = f.file_name().map_or(f.display().to_string(), |s| s.to_string_lossy().into_owned());
    Ok((name, Box::new(std::io::BufReader::with_capacity(1 << 16, file))))
}

/// The article records finished while a segment was put in order.
type Finished = Vec<DocRecord>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::WriteOptions;

    const A: &str = "外交部发言人毛宁表示：“中方坚决反对。”\n她说：“我们会按时完成。”\n";
    const B: &str = "商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n";

    #[test]
    fn rows_come_in_input_order_whatever_the_threads() {
        let tagger = Tagger::new().unwrap();
        let one = tagger.tag("a", A);
        let inputs = [Input::text("a", A), Input::text("b", B), Input::text("a", A)];
        for n in [1, 2, 4] {
            let mut rows = Collect::default();
            let ledger = Pipeline::new(&tagger).threads(n).unwrap().run(&inputs, &mut rows).unwrap();
            assert_eq!(ledger.totals().processed, 3);
            let docs: Vec<(&str, usize)> = rows.quotes.iter().map(|q| (q.doc.as_str(), q.quote_id)).collect();
            assert_eq!(docs, [("a", 1), ("a", 2), ("b", 1), ("a", 1), ("a", 2)], "{n} threads");
            assert_eq!(rows.quotes[..2], one.quotes[..]);
            assert_eq!(rows.docs.len(), 3);
        }
    }

    #[test]
    fn a_missing_file_is_recorded_and_the_others_are_tagged() {
        let tagger = Tagger::new().unwrap();
        let inputs = [Input::Path("/nonexistent/yinyu-pipeline.txt".into()), Input::text("b", B)];
        let mut out = Vec::new();
        let mut sink = CsvSink::new(&mut out, WriteOptions::default()).unwrap();
        let ledger = Pipeline::new(&tagger).run(&inputs, &mut sink).unwrap();
        sink.finish().unwrap();
        let t = ledger.totals();
        assert_eq!((t.processed, t.failed, t.quotes), (1, 1, 1));
        let csv = String::from_utf8(out).unwrap();
        assert_eq!(csv.lines().count(), 2, "{csv}");
        assert!(csv.lines().nth(1).unwrap().starts_with("b,1,direct,"), "{csv}");
    }

    /// A sink whose output fails at the second row.
    struct Full(usize);

    impl Sink for Full {
        type Row = crate::record::Quote;
        fn preparer(&self) -> Preparer<Self::Row> {
            std::sync::Arc::new(Ok)
        }
        fn quote(&mut self, _: &str, _: usize, _: Self::Row) -> Result<(), Error> {
            self.0 += 1;
            if self.0 == 2 {
                return Err(Error::Io { name: "output".into(), source: std::io::Error::other("disk full") });
            }
            Ok(())
        }
    }

    #[test]
    fn an_error_of_the_sink_ends_the_run() {
        let tagger = Tagger::new().unwrap();
        let inputs = [Input::text("a", A), Input::text("b", B)];
        let err = Pipeline::new(&tagger).run(&inputs, &mut Full(0)).unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
    }
}
