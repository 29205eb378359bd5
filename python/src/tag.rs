//! Tagging many texts on rayon, with rows in input order and the CLI's
//! `doc` naming. Runs without the GIL: nothing here touches Python.

use crate::rows::{csv_row, Row};
use rayon::prelude::*;
use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};
use yinyu::pipeline::{Pipeline, Preparer, Sink};
use yinyu::SEGMENT_BYTES;
use yinyu::{Quote, Tagger};

/// One input: its `doc` name (the CLI's file name) and its text.
#[derive(Debug, Clone, Default)]
pub struct Input {
    /// The base of the `doc` column.
    pub doc: String,
    /// The text.
    pub text: String,
}

/// How the `doc` column is made from an input's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// As the CLI names the rows of a file: `name`, `name#N` when the text
    /// holds several articles, `name:LINE` in each-line mode.
    Cli,
    /// Each input is one record of a table (a Spark or Arrow row): its name
    /// is kept as is when the text is one document (one line in each-line
    /// mode), and suffixed as [`Naming::Cli`] does otherwise.
    Record,
}

/// The quotes of a run, kept per input.
struct PerInput {
    quotes: Vec<Vec<Quote>>,
    current: usize,
}

impl Sink for PerInput {
    type Row = Quote;

    fn preparer(&self) -> Preparer<Quote> {
        Arc::new(Ok)
    }

    fn input(&mut self, index: usize) {
        self.current = index;
    }

    fn quote(&mut self, doc: &str, quote_id: usize, mut q: Quote) -> Result<(), yinyu::Error> {
        q.doc = doc.to_string();
        q.quote_id = quote_id;
        self.quotes[self.current].push(q);
        Ok(())
    }
}

/// The rows of every input, in input order, on `threads` threads (`None`:
/// rayon's global pool, one thread per core).
///
/// Errors: a message when a row cannot be formatted, when the thread pool
/// cannot be built, or when the library panicked (the panic does not
/// cross into Python).
pub fn tag_all(
    tagger: &Tagger,
    inputs: &[Input],
    threads: Option<usize>,
    naming: Naming,
) -> Result<Vec<Vec<Row>>, String> {
    let guarded = |f: &(dyn Fn() -> Result<Vec<Vec<Row>>, String> + Sync)| {
        catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic_message(p.as_ref())))
    };
    // one small text: on this thread, no hand-over to a pool
    if let [one] = inputs {
        if one.text.len() <= SEGMENT_BYTES {
            return guarded(&|| {
                Ok(vec![rows_of(tagger, one, tagger.tag(&one.doc, &one.text).quotes, naming)?])
            });
        }
    }
    let work = || -> Result<Vec<Vec<Row>>, String> {
        let mut pipeline = Pipeline::new(tagger);
        if let Some(n) = threads {
            pipeline = pipeline.pool(pool(n)?);
        }
        let quotes = tag_quotes(&pipeline, inputs)?;
        quotes
            .into_par_iter()
            .zip(inputs.par_iter())
            .map(|(qs, input)| rows_of(tagger, input, qs, naming))
            .collect()
    };
    guarded(&work)
}

/// The rows of one input's quotes, named as `naming` says.
fn rows_of(tagger: &Tagger, input: &Input, quotes: Vec<Quote>, naming: Naming) -> Result<Vec<Row>, String> {
    let keep = naming == Naming::Record && one_document(tagger, &input.text);
    quotes
        .into_iter()
        .map(|mut q| {
            if keep {
                q.doc.clone_from(&input.doc);
            }
            csv_row(&q)
        })
        .collect()
}

/// A pool of `n` threads, built once per size and kept.
fn pool(n: usize) -> Result<Arc<rayon::ThreadPool>, String> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(p) = pools.get(&n) {
        return Ok(Arc::clone(p));
    }
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n.max(1))
        .thread_name(|i| format!("yinyu-{i}"))
        .build()
        .map_err(|e| format!("cannot start {n} thread(s): {e}"))?;
    let p = Arc::new(p);
    pools.insert(n, Arc::clone(&p));
    Ok(p)
}

/// Does the text make one document of its name (its `doc` needs no
/// suffix)? In each-line mode, when it holds one line; otherwise the
/// library decides (`#N` only when it finds several articles).
fn one_document(tagger: &Tagger, text: &str) -> bool {
    !tagger.each_line() || !text.trim().contains('\n')
}

/// The quotes of every input, tagged in parallel by the library's
/// pipeline (a large input segment by segment, as the CLI reads a file),
/// in input order.
fn tag_quotes(pipeline: &Pipeline<'_>, inputs: &[Input]) -> Result<Vec<Vec<Quote>>, String> {
    let texts: Vec<yinyu::Input<'_>> = inputs.iter().map(|i| yinyu::Input::text(&i.doc, &i.text)).collect();
    let mut sink = PerInput { quotes: vec![Vec::new(); inputs.len()], current: 0 };
    pipeline.run(&texts, &mut sink).map_err(|e| e.to_string())?;
    Ok(sink.quotes)
}

/// The message of a caught panic.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    let what = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into());
    format!("internal error in yinyu (please report it): {what}")
}
