//! Tagging in parallel, writing in order: each segment is tagged as a
//! rayon task as soon as it is read; the results are handed to the
//! [`Writer`] strictly in input order. No batch barrier: a worker that
//! finishes takes the next segment at once. At most three segments per
//! thread are in flight, so memory stays bounded.

use super::{Finished, Input, Job, Preparer, Progress, Sink};
use crate::error::Error;
use crate::ledger::{Ledger, Outcome, Skip};
use crate::pipeline::Assembler;
use crate::stream::Segment;
use crate::tagger::{SegmentTagged, Tagger};
use std::collections::{HashMap, VecDeque};
use std::sync::mpsc::{channel, Receiver, Sender, TryRecvError};

/// A tagged segment's rows, each with its span.
type Rows<R> = Result<SegmentTagged<(usize, usize, R)>, Error>;
/// A tagged segment: its place in the order, the segment, its rows.
type Done<R> = (u64, Segment, Rows<R>);

/// A job waiting to be written: ready, or its segment still being tagged.
enum Slot<R> {
    Ready(Job<R>),
    Tagging(usize),
}

/// Reads jobs from `rx`, tags segments on `scope`, and hands every job to
/// `out` in input order.
pub(super) fn run<'s, S: Sink>(
    scope: &rayon::Scope<'s>,
    rx: Receiver<Job<S::Row>>,
    tagger: &'s Tagger,
    prep: &'s Preparer<S::Row>,
    threads: usize,
    out: &mut Writer<'_, S>,
) -> Result<(), Error> {
    let limit = threads * 3;
    let (res_tx, res_rx) = channel::<Done<S::Row>>();
    let mut order: VecDeque<(u64, Slot<S::Row>)> = VecDeque::new();
    let mut done: HashMap<u64, (Segment, Rows<S::Row>)> = HashMap::new();
    let (mut seq, mut in_flight, mut reader_done) = (0u64, 0usize, false);
    loop {
        while !reader_done && in_flight < limit {
            let job = match next_job(&rx, order.is_empty()) {
                Next::Job(j) => j,
                Next::NotYet => break,
                Next::Finished => {
                    reader_done = true;
                    break;
                }
            };
            let slot = match job {
                Job::Seg(i, seg) => {
                    spawn(scope, tagger, prep, seg, seq, res_tx.clone());
                    in_flight += 1;
                    Slot::Tagging(i)
                }
                other => Slot::Ready(other),
            };
            order.push_back((seq, slot));
            seq += 1;
        }
        // write what is ready, in order
        let mut progressed = false;
        while let Some((s, slot)) = order.front() {
            let job = match slot {
                Slot::Ready(_) => match order.pop_front() {
                    Some((_, Slot::Ready(j))) => j,
                    _ => unreachable!("front checked"),
                },
                Slot::Tagging(i) => match done.remove(s) {
                    Some((seg, t)) => {
                        let i = *i;
                        order.pop_front();
                        in_flight -= 1;
                        Job::Tagged(i, seg, t)
                    }
                    None => break,
                },
            };
            progressed = true;
            out.handle(job)?;
        }
        if order.is_empty() && reader_done {
            return Ok(());
        }
        if !progressed {
            // the oldest segment is still being tagged: wait for a result
            let (s, seg, t) = res_rx.recv().map_err(|_| lost_task())?;
            done.insert(s, (seg, t));
            while let Ok((s, seg, t)) = res_rx.try_recv() {
                done.insert(s, (seg, t));
            }
        }
    }
}

/// What the reader has sent.
enum Next<R> {
    Job(Job<R>),
    /// Nothing yet (the reader is still reading).
    NotYet,
    /// The reader has finished.
    Finished,
}

/// The next job: waiting for one when nothing else is pending, otherwise
/// only one already sent.
fn next_job<R>(rx: &Receiver<Job<R>>, wait: bool) -> Next<R> {
    if wait {
        return rx.recv().map_or(Next::Finished, Next::Job);
    }
    match rx.try_recv() {
        Ok(j) => Next::Job(j),
        Err(TryRecvError::Empty) => Next::NotYet,
        Err(TryRecvError::Disconnected) => Next::Finished,
    }
}

fn lost_task() -> Error {
    Error::Io {
        name: "pipeline".into(),
        source: std::io::Error::other("a tagging task ended without its result"),
    }
}

/// Tags `seg` on a worker and prepares its rows there.
fn spawn<'s, R: Send + 'static>(
    scope: &rayon::Scope<'s>,
    tagger: &'s Tagger,
    prep: &'s Preparer<R>,
    seg: Segment,
    me: u64,
    tx: Sender<Done<R>>,
) {
    scope.spawn(move |_| {
        let rows = prepare(tagger.tag_segment(&seg), prep);
        let _ = tx.send((me, seg, rows));
    });
}

/// Turns each article part's quotes into rows, keeping each row's span
/// (the order of rows).
fn prepare<R>(t: SegmentTagged, prep: &Preparer<R>) -> Rows<R> {
    let mut parts = Vec::with_capacity(t.parts.len());
    for p in t.parts {
        let spans: Vec<(usize, usize)> = p.quotes.iter().map(|q| (q.start, q.end)).collect();
        let rows = prep(p.quotes)?;
        let quotes = spans.into_iter().zip(rows).map(|((a, b), r)| (a, b, r)).collect();
        parts.push(crate::tagger::ArticlePart { continues: p.continues, line: p.line, quotes, doc: p.doc });
    }
    Ok(SegmentTagged { parts })
}

/// Writes jobs in input order: one [`Assembler`] per open input, counts
/// for the ledger, progress.
pub(super) struct Writer<'a, S: Sink> {
    sink: &'a mut S,
    names: Vec<String>,
    each_line: bool,
    asms: HashMap<usize, Assembler>,
    counts: HashMap<usize, (usize, usize)>,
    ledger: Ledger,
    progress: Progress,
    on_progress: &'a mut dyn FnMut(&Progress),
}

impl<'a, S: Sink> Writer<'a, S> {
    pub(super) fn new(
        sink: &'a mut S,
        inputs: &[Input<'_>],
        each_line: bool,
        on_progress: &'a mut dyn FnMut(&Progress),
    ) -> Self {
        Writer {
            sink,
            names: inputs.iter().map(Input::shown).collect(),
            each_line,
            asms: HashMap::new(),
            counts: HashMap::new(),
            ledger: Ledger::new(),
            progress: Progress::default(),
            on_progress,
        }
    }

    pub(super) fn into_ledger(self) -> Ledger {
        self.ledger
    }

    fn handle(&mut self, job: Job<S::Row>) -> Result<(), Error> {
        let i = job.input();
        match job {
            Job::Open(_, name) => {
                self.sink.input(i);
                self.asms.insert(i, Assembler::new(&name, self.each_line));
            }
            Job::Seg(..) => unreachable!("segments are tagged before they are written"),
            Job::Tagged(_, seg, rows) => self.tagged(i, &seg, rows?)?,
            Job::End(_, bytes, replaced) => {
                self.close(i)?;
                let (docs, quotes) = self.counts.remove(&i).unwrap_or_default();
                // no article at all: nothing but white space
                let outcome = if docs == 0 {
                    Outcome::Skipped(Skip::Empty)
                } else {
                    Outcome::Processed { docs, quotes, bytes, replaced }
                };
                self.ledger.record(self.names[i].clone(), outcome);
            }
            Job::Fail(_, outcome) => {
                self.close(i)?;
                self.counts.remove(&i);
                self.ledger.record(self.names[i].clone(), outcome);
            }
        }
        Ok(())
    }

    fn tagged(
        &mut self,
        i: usize,
        seg: &Segment,
        rows: SegmentTagged<(usize, usize, S::Row)>,
    ) -> Result<(), Error> {
        let asm = self.asms.get_mut(&i).expect("an assembler per open input");
        let count = self.counts.entry(i).or_default();
        let (sink, progress) = (&mut *self.sink, &mut self.progress);
        let mut finished: Finished = Vec::new();
        let mut res = Ok(());
        asm.push_rows(
            seg,
            rows,
            |r| (r.0, r.1),
            |doc, id, r| {
                progress.quotes += 1;
                count.1 += 1;
                if res.is_ok() {
                    res = sink.quote(doc, id, r.2);
                }
            },
            |d| finished.push(d),
        );
        res?;
        self.articles(i, finished)?;
        self.progress.bytes += seg.text.len() as u64;
        (self.on_progress)(&self.progress);
        Ok(())
    }

    /// Ends input `i`: its last article's record.
    fn close(&mut self, i: usize) -> Result<(), Error> {
        let mut finished: Finished = Vec::new();
        if let Some(asm) = self.asms.remove(&i) {
            asm.finish(|d| finished.push(d));
        }
        self.articles(i, finished)
    }

    fn articles(&mut self, i: usize, finished: Finished) -> Result<(), Error> {
        for d in finished {
            self.progress.docs += 1;
            self.counts.entry(i).or_default().0 += 1;
            self.sink.article(d)?;
        }
        Ok(())
    }
}
