//! The `yinyu` command: argument parsing and calls into the library.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yinyu::{DecodeOptions, Format, Lexicons, QuoteWriter, Tagger};

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
    /// Write output to FILE instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Input encoding (utf-8, gb18030, gbk, big5, utf-16le, …); default: UTF-8 with BOM sniffing.
    #[arg(long)]
    encoding: Option<String>,
    /// Replace undecodable bytes instead of failing the file.
    #[arg(long)]
    lossy: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let res = match cli.cmd {
        Cmd::Extract(a) => extract(a),
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

fn check(dir: Option<PathBuf>) -> Result<ExitCode> {
    let lex = match dir {
        Some(d) => match Lexicons::from_dir(&d) {
            Ok(l) => l,
            Err(errs) => {
                eprintln!("{errs}");
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

fn collect(path: &str, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let p = Path::new(path);
    if p.is_dir() {
        let mut stack = vec![p.to_path_buf()];
        let mut seen = std::collections::HashSet::new();
        while let Some(d) = stack.pop() {
            if let Ok(c) = d.canonicalize() {
                if !seen.insert(c) {
                    continue;
                }
            }
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(&d) {
                Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => {
                    errors.push(format!("{}: {e}", d.display()));
                    continue;
                }
            };
            entries.sort();
            let mut dirs = Vec::new();
            for e in entries {
                if e.is_dir() {
                    dirs.push(e);
                } else if e.extension().is_some_and(|x| x == "txt") {
                    out.push(e);
                }
            }
            stack.extend(dirs.into_iter().rev());
        }
    } else {
        out.push(p.to_path_buf());
    }
}

fn extract(a: ExtractArgs) -> Result<ExitCode> {
    let lex = match &a.lexicons {
        Some(d) => Lexicons::from_dir(d).map_err(|e| anyhow::anyhow!("{e}"))?,
        None => Lexicons::embedded(),
    };
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
    let mut errors = Vec::new();
    let mut files = Vec::new();
    for p in &a.paths {
        if p == "-" {
            files.push(PathBuf::from("-"));
        } else {
            collect(p, &mut files, &mut errors);
        }
    }
    let tmp = a.output.as_ref().map(|o| o.with_extension("yinyu-tmp"));
    let sink: Box<dyn Write> = match &tmp {
        Some(t) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(t).with_context(|| format!("cannot create {}", t.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut w = QuoteWriter::new(sink, format);
    w.header()?;
    let mut docs = Vec::new();
    let (mut n_files, mut n_quotes) = (0usize, 0usize);
    for f in &files {
        let (name, bytes) = if f.as_os_str() == "-" {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                errors.push(format!("stdin: {e}"));
                continue;
            }
            ("-".to_string(), b)
        } else {
            match std::fs::read(f) {
                Ok(b) => (f.display().to_string(), b),
                Err(e) => {
                    errors.push(format!("{}: {e}", f.display()));
                    continue;
                }
            }
        };
        let text = match yinyu::decode(&name, &bytes, opts) {
            Ok(d) => d.text,
            Err(e) => {
                errors.push(e.to_string());
                continue;
            }
        };
        let doc_name =
            Path::new(&name).file_name().map_or(name.clone(), |s| s.to_string_lossy().into_owned());
        let tagged = tagger.tag(&doc_name, &text);
        for q in &tagged.quotes {
            w.write(q)?;
        }
        n_files += 1;
        n_quotes += tagged.quotes.len();
        docs.extend(tagged.docs);
    }
    w.finish()?;
    if let (Some(t), Some(o)) = (&tmp, &a.output) {
        std::fs::rename(t, o).with_context(|| format!("cannot write {}", o.display()))?;
    }
    if let Some(d) = &a.docs {
        let f = std::fs::File::create(d).with_context(|| format!("cannot create {}", d.display()))?;
        yinyu::output::write_docs(std::io::BufWriter::new(f), &docs)?;
    }
    for e in &errors {
        eprintln!("yinyu: {e}");
    }
    if !errors.is_empty() {
        eprintln!("yinyu: {n_files} file(s) processed, {n_quotes} quote(s), {} error(s)", errors.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
