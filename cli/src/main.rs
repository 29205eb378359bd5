//! The `yinyu` command: argument parsing and calls into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use yinyu::ledger::Ledger;
use yinyu::pipeline::{CsvSink, Input, JsonlSink, Pipeline, Progress, Sink, WithDocs};
use yinyu::{DecodeOptions, Lexicons, Tagger, WriteOptions};

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
    /// Show how each quote of FILE was attributed and tagged; read with the
    /// options of `extract`, quote N is the row with quote_id N of `extract`.
    Explain(ExplainArgs),
    /// One row per speaker across the documents of a quotes CSV (forms of one
    /// person merged; see README "Who is quoted across a corpus").
    Speakers(SpeakersArgs),
    /// Tag a corpus with the base and with edited lexicons; print the rows that
    /// changed, then the counts (exit code 0 either way).
    Review(ReviewArgs),
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
        /// Input encoding (as `extract --encoding`).
        #[arg(long)]
        encoding: Option<String>,
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
    /// Neutralise cells a spreadsheet would run as formulas (leading = + - @) with a
    /// leading '; text cells then differ from the original text.
    #[arg(long)]
    excel_safe: bool,
    /// Start the CSV output (and the --docs table) with a UTF-8 BOM, for Excel.
    #[arg(long)]
    bom: bool,
    /// Skip themes and stance (their columns stay empty); only who said what.
    #[arg(long)]
    no_themes: bool,
}

/// How a text is read and tagged, as `extract` takes it.
#[derive(clap::Args)]
struct TagArgs {
    /// Also give term quotes rows (as `extract --include-terms`).
    #[arg(long)]
    include_terms: bool,
    /// Every line is a document of its own (as `extract --each-line`).
    #[arg(long)]
    each_line: bool,
    /// Input encoding (as `extract --encoding`).
    #[arg(long)]
    encoding: Option<String>,
    /// Replace undecodable bytes instead of failing (as `extract --lossy`).
    #[arg(long)]
    lossy: bool,
    /// Skip themes and stance (as `extract --no-themes`).
    #[arg(long)]
    no_themes: bool,
}

impl TagArgs {
    fn tagger(&self, lexicons: Option<&Path>) -> Result<Tagger> {
        Tagger::builder()
            .include_terms(self.include_terms)
            .each_line(self.each_line)
            .themes(!self.no_themes)
            .build(&load_lexicons(lexicons)?)
            .map_err(|e| anyhow::anyhow!("{e}"))
    }

    fn decode(&self) -> Result<DecodeOptions> {
        Ok(DecodeOptions { encoding: encoding(self.encoding.as_deref())?, lossy: self.lossy })
    }
}

#[derive(clap::Args)]
struct ExplainArgs {
    /// The file, or - for standard input.
    file: PathBuf,
    /// Only quote N (the quote_id column of `extract` run with the same options);
    /// a number with no such row is an error.
    #[arg(long)]
    quote: Option<usize>,
    /// A lexicon directory whose files replace the embedded ones.
    #[arg(long)]
    lexicons: Option<PathBuf>,
    #[command(flatten)]
    tag: TagArgs,
}

#[derive(clap::Args)]
struct SpeakersArgs {
    /// Quotes tables written by `extract` (CSV); several are read as one.
    #[arg(required = true)]
    quotes: Vec<PathBuf>,
    /// Write to FILE (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Write the quotes back with a last column speaker_key instead of the table.
    #[arg(long)]
    annotate: bool,
    /// A lexicon directory (its people.tsv aliases, pronouns and source nouns).
    #[arg(long)]
    lexicons: Option<PathBuf>,
    /// Start the CSV with a UTF-8 BOM (for Excel).
    #[arg(long)]
    bom: bool,
}

#[derive(clap::Args)]
struct ReviewArgs {
    /// Files or directories (searched recursively for *.txt).
    #[arg(required = true)]
    paths: Vec<String>,
    /// The edited lexicon directory.
    #[arg(long, required = true)]
    lexicons: PathBuf,
    /// The lexicons to compare with (default: the embedded ones).
    #[arg(long)]
    base: Option<PathBuf>,
    /// Print the changes and counts as JSON.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    tag: TagArgs,
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
    /// Input encoding of TEXT... (as `extract --encoding`).
    #[arg(long)]
    encoding: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Extract(a) => extract(a),
        Cmd::Eval(a) => eval(a),
        Cmd::Render { paths, output, each_line, encoding, lexicons } => {
            render(&paths, output, each_line, encoding.as_deref(), lexicons)
        }
        Cmd::Explain(a) => explain(&a),
        Cmd::Speakers(a) => speakers(&a),
        Cmd::Review(a) => review(&a),
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
    let lex = match &dir {
        Some(d) => match Lexicons::from_dir(d) {
            Ok(l) => l,
            Err(errs) => {
                println!("{errs}");
                return Ok(ExitCode::from(1));
            }
        },
        None => Lexicons::embedded(),
    };
    let (_, errs) = lex.check();
    let kept = lex.embedded_files();
    let overrides = if kept.is_empty() {
        "the directory replaces every embedded file".to_string()
    } else {
        format!("embedded files used (not in the directory): {}", kept.join(", "))
    };
    if errs.is_empty() {
        println!("lexicons ok");
        if dir.is_some() {
            println!("{overrides}");
        }
        Ok(ExitCode::SUCCESS)
    } else {
        for e in &errs {
            println!("{e}");
        }
        eprintln!("{} problem(s); {overrides}", errs.len());
        Ok(ExitCode::from(1))
    }
}

/// The encoding labelled `label` (`None`: UTF-8 with BOM sniffing).
fn encoding(label: Option<&str>) -> Result<Option<&'static encoding_rs::Encoding>> {
    label
        .map(|l| {
            encoding_rs::Encoding::for_label(l.as_bytes()).with_context(|| format!("unknown encoding {l:?}"))
        })
        .transpose()
}

/// Reads one input (`-`: standard input) whole, named as `extract` names it.
fn read_one(path: &Path, opts: DecodeOptions) -> Result<(String, String)> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut b)
            .context("cannot read standard input")?;
        ("-".to_string(), b)
    } else {
        let b = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        (path.file_name().map_or(path.display().to_string(), |s| s.to_string_lossy().into_owned()), b)
    };
    let text = yinyu::decode(&name, &bytes, opts)?.text;
    Ok((name, text))
}

fn speakers(a: &SpeakersArgs) -> Result<ExitCode> {
    let (k, _) = load_lexicons(a.lexicons.as_deref())?.check();
    let mut table = yinyu::speakers::QuotesCsv::default();
    for p in &a.quotes {
        let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
        let name = p.display().to_string();
        table.append(yinyu::speakers::QuotesCsv::read(&name, &bytes)?, &name)?;
    }
    let result = yinyu::speakers::Merger::new(&k).table(&table.rows);
    let out = Output::new(a.output.clone());
    let w = out.open()?;
    if a.annotate {
        table.write_annotated(w, &result.keys, a.bom)?;
    } else {
        result.write_csv(w, a.bom)?;
    }
    out.commit()?;
    Ok(ExitCode::SUCCESS)
}

fn review(a: &ReviewArgs) -> Result<ExitCode> {
    let base = a.tag.tagger(a.base.as_deref())?;
    let new = a.tag.tagger(Some(&a.lexicons))?;
    let mut ledger = Ledger::new();
    let mut files = Vec::new();
    for p in &a.paths {
        anyhow::ensure!(p != "-", "review reads its inputs twice: give files, not standard input");
        files.extend(ledger.walk(p));
    }
    let inputs: Vec<Input> = files.into_iter().map(Input::Path).collect();
    let (r, run) = yinyu::review::Review::run(&base, &new, &inputs, a.tag.decode()?)?;
    ledger.append(run);
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", r.to_json())?;
    } else {
        writeln!(out, "{}", yinyu::review::HEADER)?;
        for c in &r.changes {
            writeln!(out, "{c}")?;
        }
        writeln!(out, "{}", r.counts())?;
    }
    for e in ledger.not_processed().filter(|e| e.is_problem()) {
        eprintln!("yinyu: {e}");
    }
    Ok(if ledger.all_processed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn explain(a: &ExplainArgs) -> Result<ExitCode> {
    let tagger = a.tag.tagger(a.lexicons.as_deref())?;
    let (name, text) = read_one(&a.file, a.tag.decode()?)?;
    let chars: Vec<char> = text.chars().collect();
    let slice = |(s, e): (usize, usize)| chars[s..e].iter().collect::<String>();
    // the driver of `extract`, so rows and their quote_id are extract's
    let mut rows = yinyu::pipeline::Collect::default();
    Pipeline::new(&tagger).run(&[Input::text(&name, &text)], &mut rows)?;
    if let Some(n) = a.quote {
        let total = rows.quotes.len();
        anyhow::ensure!(
            rows.quotes.iter().any(|q| q.quote_id == n),
            "{name} has no quote {n}: its quote_id runs from 1 to {total} (with these options)"
        );
    }
    let mut out = std::io::stdout().lock();
    for q in rows.quotes.iter().filter(|q| a.quote.is_none_or(|n| q.quote_id == n)) {
        writeln!(out, "#{} {} {} [{}..{}] {}", q.quote_id, q.doc, q.kind, q.start, q.end, q.text)?;
        writeln!(
            out,
            "  rule       {} (confidence {:.2}): {}",
            q.method,
            q.confidence,
            q.method.rule.describe()
        )?;
        match q.cue_span {
            Some(c) => writeln!(out, "  cue        {} at {}..{}", q.cue, c.0, c.1)?,
            None => writeln!(out, "  cue        none")?,
        }
        let phrase =
            q.speaker_span.map(slice).unwrap_or_else(|| "(from an earlier paragraph or sentence)".into());
        writeln!(out, "  speaker    {} [{}] phrase {:?}", q.speaker, q.speaker_type_str(), phrase)?;
        writeln!(
            out,
            "             name={:?} title={:?} affiliation={:?} id={:?}",
            if q.speaker_type == Some(yinyu::SpeakerType::Person) { q.speaker.as_str() } else { "" },
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
            q.stance_str(),
            q.cue_stance.map_or("-", |c| c.as_str())
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
fn read_inputs(paths: &[String], opts: DecodeOptions) -> Result<Vec<(String, String)>> {
    let mut ledger = Ledger::new();
    let files: Vec<PathBuf> = paths.iter().flat_map(|p| ledger.walk(p)).collect();
    if let Some(e) = ledger.not_processed().find(|e| e.is_problem()) {
        anyhow::bail!("{e}");
    }
    files
        .iter()
        .map(|f| {
            let (_, decoded) = yinyu::ledger::read_input(f, opts).map_err(|outcome| {
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
    let gold = yinyu_cli::eval::read_gold(&a.gold.display().to_string(), &read(&a.gold)?)?;
    let opts = DecodeOptions { encoding: encoding(a.encoding.as_deref())?, lossy: false };
    let sources = read_inputs(&a.paths, opts)?;
    let preds: Vec<yinyu_cli::eval::PredRow> = match &a.pred {
        Some(p) => yinyu_cli::eval::read_predictions(&p.display().to_string(), &read(p)?)?,
        None => {
            let tagger = Tagger::builder()
                .each_line(a.each_line)
                .build(&load_lexicons(a.lexicons.as_deref())?)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let tagged: Vec<yinyu::Tagged> = sources.par_iter().map(|(n, t)| tagger.tag(n, t)).collect();
            tagged.iter().flat_map(|t| t.quotes.iter().map(yinyu_cli::eval::PredRow::from)).collect()
        }
    };
    let opts = yinyu_cli::eval::Options { kinds: a.kinds, doc: a.doc, stance: a.stance };
    let ev = yinyu_cli::eval::evaluate(gold, preds, &opts);
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
    encoding_label: Option<&str>,
    lexicons: Option<PathBuf>,
) -> Result<ExitCode> {
    let opts = DecodeOptions { encoding: encoding(encoding_label)?, lossy: false };
    let tagger = Tagger::builder()
        .each_line(each_line)
        .build(&load_lexicons(lexicons.as_deref())?)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let html = yinyu_cli::render::render_page(&tagger, &read_inputs(paths, opts)?);
    match output {
        Some(o) => std::fs::write(&o, html).with_context(|| format!("cannot write {}", o.display()))?,
        None => std::io::stdout().lock().write_all(html.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Where `extract` writes: a file (through a temporary file renamed at the
/// end), a special file such as /dev/null (in place), or standard output.
struct Output {
    tmp: Option<PathBuf>,
    dest: Option<PathBuf>,
}

impl Output {
    fn new(dest: Option<PathBuf>) -> Self {
        // renaming a finished temporary file over a device would replace it
        let special = dest.as_ref().is_some_and(|o| std::fs::metadata(o).is_ok_and(|m| !m.is_file()));
        let tmp = dest.as_ref().filter(|_| !special).map(|o| {
            let mut t = o.as_os_str().to_owned();
            t.push(".yinyu-partial");
            PathBuf::from(t)
        });
        Output { tmp, dest }
    }

    fn open(&self) -> Result<Box<dyn Write>> {
        // rows go out in 1 MB writes (a system call per 8 KB costs the
        // writer thread time the workers could use)
        const OUT_BUFFER: usize = 1 << 20;
        Ok(match self.tmp.as_ref().or(self.dest.as_ref()) {
            Some(t) => Box::new(std::io::BufWriter::with_capacity(
                OUT_BUFFER,
                std::fs::File::create(t).with_context(|| format!("cannot create {}", t.display()))?,
            )),
            None => Box::new(std::io::BufWriter::with_capacity(OUT_BUFFER, std::io::stdout().lock())),
        })
    }

    fn commit(&self) -> Result<()> {
        if let (Some(t), Some(o)) = (&self.tmp, &self.dest) {
            std::fs::rename(t, o).with_context(|| format!("cannot write {}", o.display()))?;
        }
        Ok(())
    }
}

fn progress_bar(quiet: bool, files: &[PathBuf]) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total: u64 = files.iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let b = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    b.set_style(
        ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    b
}

/// Runs `pipeline` into `sink`, with the `--docs` table when asked.
fn run_into<S: Sink>(
    pipeline: &Pipeline<'_>,
    inputs: &[Input<'_>],
    sink: S,
    docs: Option<(&Path, WriteOptions)>,
    bar: &ProgressBar,
) -> Result<(Ledger, S)> {
    let mut tick = |p: &Progress| {
        bar.set_position(p.bytes);
        bar.set_message(format!("{} docs, {} quotes", p.docs, p.quotes));
    };
    let Some((d, opts)) = docs else {
        let mut sink = sink;
        let ledger = pipeline.run_with_progress(inputs, &mut sink, &mut tick)?;
        return Ok((ledger, sink));
    };
    let file = std::fs::File::create(d).with_context(|| format!("cannot create {}", d.display()))?;
    let mut both = WithDocs::with_options(sink, std::io::BufWriter::new(file), opts);
    let ledger = pipeline.run_with_progress(inputs, &mut both, &mut tick)?;
    Ok((ledger, both.finish()?))
}

fn extract(a: ExtractArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let lex = load_lexicons(a.lexicons.as_deref())?;
    let tagger = Tagger::builder()
        .include_terms(a.include_terms)
        .each_line(a.each_line)
        .themes(!a.no_themes)
        // CSV has no evidence column: rows without it cost less to pass on
        .evidence(matches!(a.format, OutFormat::Jsonl))
        .build(&lex)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let encoding = encoding(a.encoding.as_deref())?;
    let mut pipeline = Pipeline::new(&tagger).decode(DecodeOptions { encoding, lossy: a.lossy });
    if let Some(n) = a.threads {
        pipeline = pipeline.threads(n)?;
    }
    let mut ledger = Ledger::new();
    let mut files = Vec::new();
    for p in &a.paths {
        files.extend(ledger.walk(p));
    }
    let inputs: Vec<Input> = files.iter().cloned().map(Input::Path).collect();
    let bar = progress_bar(a.quiet, &files);
    let out = Output::new(a.output.clone());
    let opts = WriteOptions { excel_safe: a.excel_safe, bom: a.bom };
    let docs = a.docs.as_deref().map(|d| (d, opts));
    let run = match a.format {
        OutFormat::Csv => {
            let (run, sink) = run_into(&pipeline, &inputs, CsvSink::new(out.open()?, opts)?, docs, &bar)?;
            sink.finish()?;
            run
        }
        OutFormat::Jsonl => {
            let (run, sink) = run_into(&pipeline, &inputs, JsonlSink::new(out.open()?, opts), docs, &bar)?;
            sink.finish()?;
            run
        }
    };
    bar.finish_and_clear();
    out.commit()?;
    ledger.append(run);
    report(&ledger, a.quiet, a.lossy, started);
    Ok(if ledger.all_processed() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The ledger's problems, and unless `quiet` a summary line.
fn report(ledger: &Ledger, quiet: bool, lossy: bool, started: Instant) {
    for e in ledger.not_processed() {
        if !quiet || e.is_problem() {
            eprintln!("yinyu: {e}");
        }
    }
    if !quiet {
        let t = ledger.totals();
        let secs = started.elapsed().as_secs_f64();
        let mb = t.bytes as f64 / 1e6;
        let lossy = if lossy { format!(", {} replaced byte(s)", t.replaced) } else { String::new() };
        eprintln!(
            "yinyu: {t}{lossy}; {mb:.1} MB in {secs:.2} s ({:.1} MB/s)",
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
    }
}
