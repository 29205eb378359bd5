//! The `yinyu` command: argument parsing and calls into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;
use yinyu::ledger::{Ledger, Outcome};
use yinyu::{
    output::CsvTails, Assembler, DecodeOptions, Format, Lexicons, QuoteWriter, Segment, SegmentTagged,
    Tagger, WriteOptions,
};

#[derive(Parser)]
#[command(
    name = "yinyu",
    version,
    about = "Who said what in Chinese news: quotations, reported speech, speakers, themes, stance"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Extract quotations and reported speech; one CSV row per unit.
    Extract(ExtractArgs),
    /// Show how each quote of FILE was attributed and tagged.
    Explain {
        /// The file.
        file: PathBuf,
        /// Only quote N (the quote_id column).
        #[arg(long)]
        quote: Option<usize>,
        /// A lexicon directory whose files replace the embedded ones.
        #[arg(long)]
        lexicons: Option<PathBuf>,
    },
    /// Score the units found in TEXT... against a gold file (the corpus's ANNOTATION.md format).
    Eval(EvalArgs),
    /// Write one self-contained HTML page showing the quotes of TEXT... highlighted by speaker.
    Render {
        /// Files or directories (searched recursively for *.txt).
        #[arg(required = true)]
        paths: Vec<String>,
        /// Write the page to FILE (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Every line is a document of its own (as `extract --each-line`).
        #[arg(long)]
        each_line: bool,
        /// A lexicon directory whose files replace the embedded ones.
        #[arg(long)]
        lexicons: Option<PathBuf>,
    },
    /// Lexicon tools.
    Lexicon {
        #[command(subcommand)]
        cmd: LexiconCmd,
    },
}

#[derive(Subcommand)]
enum LexiconCmd {
    /// Validate every lexicon and rule file; print all problems as file:line: message.
    Check {
        /// The lexicon directory (default: the embedded lexicons).
        dir: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Csv,
    Jsonl,
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files, directories (searched recursively for *.txt) or - for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    format: OutFormat,
    /// A lexicon directory whose files replace the embedded ones.
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// Also output term quotes (slogans, names, scare quotes).
    #[arg(long)]
    include_terms: bool,
    /// Every line is a document of its own (doc = FILE:LINE); for corpora of one passage per line.
    #[arg(long)]
    each_line: bool,
    /// Write one CSV row per article to FILE.
    #[arg(long)]
    docs: Option<PathBuf>,
    /// Write output to FILE (atomically: a temporary file renamed at the end;
    /// a special file such as /dev/null is written in place).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Input encoding (utf-8, gb18030, gbk, big5, utf-16le, …); default: UTF-8 with BOM sniffing.
    #[arg(long)]
    encoding: Option<String>,
    /// Replace undecodable bytes instead of failing the file (counted in the summary).
    #[arg(long)]
    lossy: bool,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar and no summary line.
    #[arg(short, long)]
    quiet: bool,
    /// Neutralise cells a spreadsheet would run as formulas (leading = + - @).
    #[arg(long)]
    excel_safe: bool,
    /// Start CSV output with a UTF-8 BOM (for Excel).
    #[arg(long)]
    bom: bool,
    /// Skip themes and stance (their columns stay empty); only who said what.
    #[arg(long)]
    no_themes: bool,
}

#[derive(clap::Args)]
struct EvalArgs {
    /// The gold CSV.
    gold: PathBuf,
    /// Files or directories to tag (docs are named as `extract` names them).
    #[arg(required_unless_present = "pred")]
    paths: Vec<String>,
    /// Score this prediction CSV instead of tagging TEXT... (TEXT is then only used for snippets).
    #[arg(long)]
    pred: Option<PathBuf>,
    /// List missed gold rows and wrong or spurious predictions with snippets.
    #[arg(long)]
    errors: bool,
    /// Keep only gold rows and predictions of these kinds (comma-separated), like score.py --kinds.
    #[arg(long, value_delimiter = ',')]
    kinds: Option<Vec<String>>,
    /// Keep only predictions whose doc starts with NAME, like score.py --doc.
    #[arg(long)]
    doc: Option<String>,
    /// Every line is a document of its own (as `extract --each-line`).
    #[arg(long)]
    each_line: bool,
    /// Also score the stance (stance_units, stance_accuracy, stance_macro_f1, like
    /// score.py --stance); with --errors, list the rows whose stance is wrong.
    #[arg(long)]
    stance: bool,
    /// After the figures, one row per attribution method (suffixes such as +stitched folded in):
    /// units matched to a gold row, speaker right, share right, false positives; then the total.
    #[arg(long)]
    by_method: bool,
    /// Print the figures as JSON (always with the by_method rows).
    #[arg(long)]
    json: bool,
    /// A lexicon directory whose files replace the embedded ones.
    #[arg(long)]
    lexicons: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Extract(a) => extract(a),
        Cmd::Eval(a) => eval(a),
        Cmd::Render { paths, output, each_line, lexicons } => render(&paths, output, each_line, lexicons),
        Cmd::Explain { file, quote, lexicons } => explain(&file, quote, lexicons.as_deref()),
        Cmd::Lexicon { cmd: LexiconCmd::Check { dir } } => check(dir),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            // a closed pipe (yinyu … | head) is the reader's choice, not an error
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
                    || c.downcast_ref::<csv::Error>().is_some_and(
                        |ce| matches!(ce.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe),
                    )
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("yinyu: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load_lexicons(dir: Option<&Path>) -> Result<Lexicons> {
    match dir {
        Some(d) => Lexicons::from_dir(d).map_err(|e| anyhow::anyhow!("{e}")),
        None => Ok(Lexicons::embedded()),
    }
}

fn check(dir: Option<PathBuf>) -> Result<ExitCode> {
    let lex = match dir {
        Some(d) => match Lexicons::from_dir(&d) {
            Ok(l) => l,
            Err(errs) => {
                println!("{errs}");
                return Ok(ExitCode::from(1));
            }
        },
        None => Lexicons::embedded(),
    };
    let (_, errs) = lex.check();
    if errs.is_empty() {
        println!("lexicons ok");
        Ok(ExitCode::SUCCESS)
    } else {
        for e in &errs {
            println!("{e}");
        }
        eprintln!("{} problem(s)", errs.len());
        Ok(ExitCode::from(1))
    }
}

fn explain(file: &Path, only: Option<usize>, lexicons: Option<&Path>) -> Result<ExitCode> {
    let tagger = Tagger::builder().build(&load_lexicons(lexicons)?).map_err(|e| anyhow::anyhow!("{e}"))?;
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let name = file.display().to_string();
    let text = yinyu::decode(&name, &bytes, DecodeOptions::default())?.text;
    let chars: Vec<char> = text.chars().collect();
    let slice = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    let tagged = tagger.tag(&name, &text);
    let mut out = std::io::stdout().lock();
    for q in tagged.quotes.iter().filter(|q| only.is_none_or(|n| q.quote_id == n)) {
        writeln!(out, "#{} {} [{}..{}] {}", q.quote_id, q.kind, q.start, q.end, q.text)?;
        writeln!(
            out,
            "  rule       {} (confidence {:.2}): {}",
            q.method,
            q.confidence,
            yinyu::attribution::describe(&q.method)
        )?;
        match q.cue_span {
            Some(c) => writeln!(out, "  cue        {} at {}..{}", q.cue, c.0, c.1)?,
            None => writeln!(out, "  cue        none")?,
        }
        let phrase =
            q.speaker_span.map(slice).unwrap_or_else(|| "(from an earlier paragraph or sentence)".into());
        writeln!(out, "  speaker    {} [{}] phrase {:?}", q.speaker, q.speaker_type, phrase)?;
        writeln!(
            out,
            "             name={:?} title={:?} affiliation={:?} id={:?}",
            if q.speaker_type == "person" { q.speaker.as_str() } else { "" },
            q.title,
            q.affiliation,
            q.speaker_id
        )?;
        if let Some((s, _)) = q.speaker_span.or(q.cue_span) {
            let from = s.saturating_sub(20).min(q.start);
            let to = (q.end + 10).min(chars.len());
            writeln!(
                out,
                "  context    …{}…",
                chars[from..to].iter().collect::<String>().replace('\n', " ")
            )?;
        }
        writeln!(
            out,
            "  themes     {}",
            if q.themes.is_empty() { "-".to_string() } else { q.themes.join(";") }
        )?;
        writeln!(
            out,
            "  stance     {}  cue stance {}",
            q.stance,
            if q.cue_stance.is_empty() { "-" } else { &q.cue_stance }
        )?;
        let cands = tagger.candidates(&chars, q);
        if cands.is_empty() {
            writeln!(out, "  candidates none in the paragraph")?;
        }
        for c in &cands {
            writeln!(
                out,
                "  {} {:<12} {:<12} {}..{}  {}",
                if c.chosen { "candidate*" } else { "candidate " },
                c.text,
                c.kind,
                c.span.0,
                c.span.1,
                c.reason
            )?;
        }
        for ev in &q.evidence {
            let kws: Vec<String> = ev.keywords.iter().map(|(k, s, e)| format!("{k}@{s}..{e}")).collect();
            writeln!(out, "    fired    {:<28} -> {:<16} {}", ev.rule, ev.label, kws.join(" "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads every input named in `paths` as (doc name, text), like `extract`;
/// the first input that cannot be read is an error.
fn read_inputs(paths: &[String]) -> Result<Vec<(String, String)>> {
    let mut ledger = Ledger::new();
    let files: Vec<PathBuf> = paths.iter().flat_map(|p| ledger.walk(p)).collect();
    if let Some(e) = ledger.not_processed().find(|e| e.is_problem()) {
        anyhow::bail!("{e}");
    }
    files
        .iter()
        .map(|f| {
            let (_, decoded) = yinyu::ledger::read_input(f, DecodeOptions::default()).map_err(|outcome| {
                anyhow::anyhow!("{}", yinyu::ledger::Entry { path: f.display().to_string(), outcome })
            })?;
            let name = f.display().to_string();
            let doc = f.file_name().map_or(name, |s| s.to_string_lossy().into_owned());
            Ok((doc, decoded.text))
        })
        .collect()
}

fn eval(a: EvalArgs) -> Result<ExitCode> {
    let read = |p: &Path| std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()));
    let gold = yinyu::eval::read_gold(&a.gold.display().to_string(), &read(&a.gold)?)?;
    let sources = read_inputs(&a.paths)?;
    let preds: Vec<yinyu::eval::PredRow> = match &a.pred {
        Some(p) => yinyu::eval::read_predictions(&p.display().to_string(), &read(p)?)?,
        None => {
            let tagger = Tagger::builder()
                .each_line(a.each_line)
                .build(&load_lexicons(a.lexicons.as_deref())?)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let tagged: Vec<yinyu::Tagged> = sources.par_iter().map(|(n, t)| tagger.tag(n, t)).collect();
            tagged.iter().flat_map(|t| t.quotes.iter().map(yinyu::eval::PredRow::from)).collect()
        }
    };
    let opts = yinyu::eval::Options { kinds: a.kinds, doc: a.doc, stance: a.stance };
    let ev = yinyu::eval::evaluate(gold, preds, &opts);
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", ev.to_json())?;
    } else {
        write!(out, "{}", ev.report(a.by_method, a.errors, &sources))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn render(
    paths: &[String],
    output: Option<PathBuf>,
    each_line: bool,
    lexicons: Option<PathBuf>,
) -> Result<ExitCode> {
    let tagger = Tagger::builder()
        .each_line(each_line)
        .build(&load_lexicons(lexicons.as_deref())?)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let html = yinyu::render::render_page(&tagger, &read_inputs(paths)?);
    match output {
        Some(o) => std::fs::write(&o, html).with_context(|| format!("cannot write {}", o.display()))?,
        None => std::io::stdout().lock().write_all(html.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// One step of the work, in input order: an input opened, a segment to
/// tag (then tagged), the end of an input (with its byte count), or its
/// failure.
enum Job {
    Open(usize, String),
    Seg(usize, Segment),
    Tagged(usize, Segment, Rows),
    End(usize, usize, usize),
    Fail(usize, Outcome),
}

/// A tagged segment's rows: quotes, or (for CSV output) rows formatted on
/// the worker, each with its span and where its cells lie in the bytes.
enum Rows {
    Quotes(SegmentTagged),
    Csv(SegmentTagged<(usize, usize, std::ops::Range<usize>)>, Vec<u8>),
    /// A row could not be formatted.
    Failed(String),
}

/// A job waiting to be written: ready, or its segment still being tagged.
enum Slot {
    Ready(Job),
    Tagging(usize),
}

type Reader = Box<dyn Read + Send>;

fn open(f: &Path) -> std::result::Result<(String, Reader), Outcome> {
    if f.as_os_str() == "-" {
        return Ok(("-".to_string(), Box::new(std::io::stdin())));
    }
    let file = std::fs::File::open(f).map_err(|e| yinyu::ledger::open_error(f, &e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(Outcome::Failed("is a directory".into()));
    }
    let name = f.file_name().map_or(f.display().to_string(), |s| s.to_string_lossy().into_owned());
    Ok((name, Box::new(std::io::BufReader::with_capacity(1 << 16, file))))
}

fn extract(a: ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global().ok();
    }
    let lex = load_lexicons(a.lexicons.as_deref())?;
    let tagger = Tagger::builder()
        .include_terms(a.include_terms)
        .each_line(a.each_line)
        .themes(!a.no_themes)
        // CSV has no evidence column: rows without it cost less to pass on
        .evidence(matches!(a.format, OutFormat::Jsonl))
        .build(&lex)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let encoding = match &a.encoding {
        Some(l) => Some(
            encoding_rs::Encoding::for_label(l.as_bytes())
                .with_context(|| format!("unknown encoding {l:?}"))?,
        ),
        None => None,
    };
    let opts = DecodeOptions { encoding, lossy: a.lossy };
    let format = match a.format {
        OutFormat::Csv => Format::Csv,
        OutFormat::Jsonl => Format::Jsonl,
    };
    let mut ledger = Ledger::new();
    let mut files = Vec::new();
    for p in &a.paths {
        files.extend(ledger.walk(p));
    }
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let bar = if !a.quiet && std::io::stderr().is_terminal() {
        let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
        b.set_style(
            ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        b
    } else {
        ProgressBar::hidden()
    };
    // A special file (/dev/null, a named pipe) is written in place:
    // renaming a finished temporary file over it would replace the device.
    let special = a.output.as_ref().is_some_and(|o| std::fs::metadata(o).is_ok_and(|m| !m.is_file()));
    let tmp = a.output.as_ref().filter(|_| !special).map(|o| {
        let mut t = o.as_os_str().to_owned();
        t.push(".yinyu-partial");
        PathBuf::from(t)
    });
    // rows go out in 1 MB writes (a system call per 8 KB costs the writer
    // thread time the workers could use)
    const OUT_BUFFER: usize = 1 << 20;
    let sink: Box<dyn Write> = match tmp.as_ref().or(a.output.as_ref()) {
        Some(t) => Box::new(std::io::BufWriter::with_capacity(
            OUT_BUFFER,
            std::fs::File::create(t).with_context(|| format!("cannot create {}", t.display()))?,
        )),
        None => Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, std::io::stdout().lock())),
    };
    let mut w =
        QuoteWriter::with_options(sink, format, WriteOptions { excel_safe: a.excel_safe, bom: a.bom });
    w.header()?;
    let mut docs_out = match &a.docs {
        Some(d) => Some(yinyu::output::DocWriter::new(std::io::BufWriter::new(
            std::fs::File::create(d).with_context(|| format!("cannot create {}", d.display()))?,
        ))),
        None => None,
    };
    let (mut n_docs, mut n_quotes) = (0usize, 0usize);
    // rows and articles of each open input, for the ledger
    let mut counts: std::collections::HashMap<usize, (usize, usize)> = std::collections::HashMap::new();
    // A reader thread decodes and cuts the inputs into segments, in order,
    // ahead of the workers; batches of segments are tagged in parallel and
    // the results joined and written in input order.
    let threads = rayon::current_num_threads().max(1);
    let shared = Arc::new(tagger);
    let excel_safe = a.excel_safe;
    let mut asms: std::collections::HashMap<usize, Assembler> = std::collections::HashMap::new();
    std::thread::scope(|scope| -> Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Job>(threads * 2);
        let (files, tagger) = (&files, &*shared);
        scope.spawn(move || {
            for (fi, f) in files.iter().enumerate() {
                let (name, r) = match open(f) {
                    Ok(x) => x,
                    Err(e) => {
                        if tx.send(Job::Fail(fi, e)).is_err() {
                            return;
                        }
                        continue;
                    }
                };
                if tx.send(Job::Open(fi, name.clone())).is_err() {
                    return;
                }
                let mut segs = tagger.segments(&name, r, opts);
                let last = loop {
                    match segs.next() {
                        Some(Ok(seg)) => {
                            if tx.send(Job::Seg(fi, seg)).is_err() {
                                return;
                            }
                        }
                        Some(Err(e)) => break Job::Fail(fi, yinyu::ledger::failure(e)),
                        None => break Job::End(fi, segs.bytes(), segs.replaced()),
                    }
                };
                if tx.send(last).is_err() {
                    return;
                }
            }
        });
        // Each segment is tagged as a rayon task as soon as it is read; the
        // results are written strictly in input order. No batch barrier: a
        // worker that finishes takes the next segment at once. At most
        // `limit` segments are in flight, so memory stays bounded.
        let limit = threads * 3;
        let (res_tx, res_rx) = std::sync::mpsc::channel::<(u64, Segment, Rows)>();
        let mut order: std::collections::VecDeque<(u64, Slot)> = std::collections::VecDeque::new();
        let mut done: std::collections::HashMap<u64, (Segment, Rows)> = std::collections::HashMap::new();
        let (mut seq, mut in_flight, mut reader_done) = (0u64, 0usize, false);
        loop {
            while !reader_done && in_flight < limit {
                let job = if order.is_empty() {
                    rx.recv().ok()
                } else {
                    match rx.try_recv() {
                        Ok(j) => Some(j),
                        Err(std::sync::mpsc::TryRecvError::Empty) => break,
                        Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
                    }
                };
                let Some(job) = job else {
                    reader_done = true;
                    break;
                };
                let slot = match job {
                    Job::Seg(fi, seg) => {
                        let (t, tx) = (Arc::clone(&shared), res_tx.clone());
                        let me = seq;
                        rayon::spawn(move || {
                            let tagged = t.tag_segment(&seg);
                            // CSV rows are formatted here, on the worker, and
                            // the quotes freed here: the writer thread only
                            // stamps each row's doc and quote_id
                            let rows = if format == Format::Csv {
                                let mut tails = CsvTails::new(excel_safe);
                                let mut failed = None;
                                let pre = tagged.map_rows(|q| {
                                    let r = tails.add(&q).unwrap_or_else(|e| {
                                        failed.get_or_insert(e.to_string());
                                        0..0
                                    });
                                    (q.start, q.end, r)
                                });
                                match failed {
                                    Some(e) => Rows::Failed(e),
                                    None => Rows::Csv(pre, tails.into_bytes()),
                                }
                            } else {
                                Rows::Quotes(tagged)
                            };
                            let _ = tx.send((me, seg, rows));
                        });
                        in_flight += 1;
                        Slot::Tagging(fi)
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
                    Slot::Tagging(fi) => match done.remove(s) {
                        Some((seg, t)) => {
                            let fi = *fi;
                            order.pop_front();
                            in_flight -= 1;
                            Job::Tagged(fi, seg, t)
                        }
                        None => break,
                    },
                };
                progressed = true;
                let fi = match &job {
                    Job::Open(fi, _)
                    | Job::Seg(fi, _)
                    | Job::Tagged(fi, _, _)
                    | Job::End(fi, _, _)
                    | Job::Fail(fi, _) => *fi,
                };
                let count = counts.entry(fi).or_default();
                let mut docs_err = Ok(());
                let mut on_doc = |d: yinyu::DocRecord| {
                    n_docs += 1;
                    count.0 += 1;
                    if let Some(w) = docs_out.as_mut() {
                        if docs_err.is_ok() {
                            docs_err = w.write(&d);
                        }
                    }
                };
                match job {
                    Job::Open(fi, name) => {
                        asms.insert(fi, Assembler::new(&name, shared.each_line()));
                    }
                    Job::Seg(..) => unreachable!("segments are tagged before they are written"),
                    Job::Tagged(fi, seg, rows) => {
                        let asm = asms.get_mut(&fi).expect("assembler per open input");
                        let mut res = Ok(());
                        let own = seg.text.len();
                        match rows {
                            Rows::Quotes(t) => asm.push(
                                &seg,
                                t,
                                |q| {
                                    n_quotes += 1;
                                    count.1 += 1;
                                    if res.is_ok() {
                                        res = w.write(&q);
                                    }
                                },
                                &mut on_doc,
                            ),
                            Rows::Csv(t, bytes) => asm.push_rows(
                                &seg,
                                t,
                                |r| (r.0, r.1),
                                |doc, id, r| {
                                    n_quotes += 1;
                                    count.1 += 1;
                                    if res.is_ok() {
                                        res = w.write_tail(doc, id, &bytes[r.2]);
                                    }
                                },
                                &mut on_doc,
                            ),
                            Rows::Failed(e) => anyhow::bail!("cannot format a row as CSV: {e}"),
                        }
                        res?;
                        bar.inc(own as u64);
                        bar.set_message(format!("{n_docs} docs, {n_quotes} quotes"));
                    }
                    Job::End(fi, bytes, replaced) => {
                        if let Some(asm) = asms.remove(&fi) {
                            asm.finish(&mut on_doc);
                        }
                        let (docs, quotes) = counts.remove(&fi).unwrap_or_default();
                        // no article at all: nothing but white space
                        let outcome = if docs == 0 {
                            Outcome::Skipped(yinyu::ledger::Skip::Empty)
                        } else {
                            Outcome::Processed { docs, quotes, bytes, replaced }
                        };
                        ledger.record(files[fi].display().to_string(), outcome);
                    }
                    Job::Fail(fi, outcome) => {
                        if let Some(asm) = asms.remove(&fi) {
                            asm.finish(&mut on_doc);
                        }
                        counts.remove(&fi);
                        ledger.record(files[fi].display().to_string(), outcome);
                    }
                }
                docs_err?;
            }
            if order.is_empty() && reader_done {
                break;
            }
            if !progressed {
                // the oldest segment is still being tagged: wait for a result
                let (s, seg, t) =
                    res_rx.recv().map_err(|_| anyhow::anyhow!("a tagging task ended without its result"))?;
                done.insert(s, (seg, t));
                while let Ok((s, seg, t)) = res_rx.try_recv() {
                    done.insert(s, (seg, t));
                }
            }
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    w.finish()?;
    if let (Some(t), Some(o)) = (&tmp, &a.output) {
        std::fs::rename(t, o).with_context(|| format!("cannot write {}", o.display()))?;
    }
    if let Some(d) = docs_out {
        d.finish()?;
    }
    for e in ledger.not_processed() {
        if !a.quiet || e.is_problem() {
            eprintln!("yinyu: {e}");
        }
    }
    if !a.quiet {
        let t = ledger.totals();
        let secs = started.elapsed().as_secs_f64();
        let mb = t.bytes as f64 / 1e6;
        let lossy = if a.lossy { format!(", {} replaced byte(s)", t.replaced) } else { String::new() };
        eprintln!(
            "yinyu: {t}{lossy}; {mb:.1} MB in {secs:.2} s ({:.1} MB/s)",
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
    Ok(if ledger.all_processed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
