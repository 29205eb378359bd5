//! The `yinyu` command: argument parsing and calls into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use yinyu::ledger::{Ledger, Outcome};
use yinyu::{DecodeOptions, DocRecord, Format, Lexicons, QuoteWriter, Tagged, Tagger, WriteOptions};

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
    /// Write output to FILE (atomically: a temporary file renamed at the end).
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Extract(a) => extract(a),
        Cmd::Explain { file, quote, lexicons } => explain(&file, quote, lexicons.as_deref()),
        Cmd::Lexicon { cmd: LexiconCmd::Check { dir } } => check(dir),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
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
        for ev in &q.evidence {
            let kws: Vec<String> = ev.keywords.iter().map(|(k, s, e)| format!("{k}@{s}..{e}")).collect();
            writeln!(out, "    fired    {:<28} -> {:<16} {}", ev.rule, ev.label, kws.join(" "))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// What one input became.
struct Done {
    tagged: Tagged,
    bytes: usize,
    replaced: usize,
}

fn run_file(tagger: &Tagger, f: &Path, opts: DecodeOptions) -> std::result::Result<Done, Outcome> {
    let (bytes, decoded) = yinyu::ledger::read_input(f, opts)?;
    let name = f.display().to_string();
    let doc_name = Path::new(&name).file_name().map_or(name.clone(), |s| s.to_string_lossy().into_owned());
    let page = tagger.prepare(&doc_name, &decoded.text);
    let parts: Vec<Tagged> = (0..page.len()).into_par_iter().map(|i| tagger.tag_article(&page, i)).collect();
    Ok(Done { tagged: Tagged::merge(parts), bytes: bytes.len(), replaced: decoded.replaced })
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
    let tmp = a.output.as_ref().map(|o| {
        let mut t = o.as_os_str().to_owned();
        t.push(".yinyu-partial");
        PathBuf::from(t)
    });
    let sink: Box<dyn Write> = match &tmp {
        Some(t) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(t).with_context(|| format!("cannot create {}", t.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut w =
        QuoteWriter::with_options(sink, format, WriteOptions { excel_safe: a.excel_safe, bom: a.bom });
    w.header()?;
    let mut docs: Vec<DocRecord> = Vec::new();
    let (mut n_docs, mut n_quotes) = (0usize, 0usize);
    // files are processed in parallel in small batches; output keeps input order
    let batch = rayon::current_num_threads().max(1) * 2;
    for chunk in files.chunks(batch) {
        let results: Vec<std::result::Result<Done, Outcome>> =
            chunk.par_iter().map(|f| run_file(&tagger, f, opts)).collect();
        for (f, r) in chunk.iter().zip(results) {
            let path = f.display().to_string();
            match r {
                Ok(done) => {
                    for q in &done.tagged.quotes {
                        w.write(q)?;
                    }
                    n_docs += done.tagged.docs.len();
                    n_quotes += done.tagged.quotes.len();
                    ledger.record(
                        path,
                        Outcome::Processed {
                            docs: done.tagged.docs.len(),
                            quotes: done.tagged.quotes.len(),
                            bytes: done.bytes,
                            replaced: done.replaced,
                        },
                    );
                    bar.inc(done.bytes as u64);
                    bar.set_message(format!("{n_docs} docs, {n_quotes} quotes"));
                    if a.docs.is_some() {
                        docs.extend(done.tagged.docs);
                    }
                }
                Err(outcome) => ledger.record(path, outcome),
            }
        }
    }
    bar.finish_and_clear();
    w.finish()?;
    if let (Some(t), Some(o)) = (&tmp, &a.output) {
        std::fs::rename(t, o).with_context(|| format!("cannot write {}", o.display()))?;
    }
    if let Some(d) = &a.docs {
        let f = std::fs::File::create(d).with_context(|| format!("cannot create {}", d.display()))?;
        yinyu::output::write_docs(std::io::BufWriter::new(f), &docs)?;
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
