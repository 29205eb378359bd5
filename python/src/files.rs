//! Reading `.txt` files and directories as the CLI reads them, with its
//! accounting: every path ends up read, skipped or failed, with a reason.

use std::path::Path;
use yinyu::ledger::{read_input, Ledger, Outcome};
use yinyu::DecodeOptions;

/// One input met: its path, what became of it (`"processed"`,
/// `"skipped"` or `"failed"`), the reason (empty when read), whether it
/// counts as an error (as in the CLI's summary), and its size in bytes.
pub type Entry = (String, &'static str, String, bool, usize);

/// The texts read: `(path, doc, text)`, `doc` named as the CLI names the
/// file's rows (its file name).
pub type Read = (String, String, String);

/// Reads every file of `paths` (a directory recursively, `*.txt` only,
/// in sorted order; `-` is standard input), decoded as `opts` says.
/// Returns the texts read and one entry per input, in the order met.
pub fn read_all(paths: &[String], opts: DecodeOptions) -> (Vec<Read>, Vec<Entry>) {
    let mut ledger = Ledger::new();
    let mut files = Vec::new();
    for p in paths {
        files.extend(ledger.walk(p));
    }
    let mut read = Vec::new();
    for f in &files {
        match read_input(f, opts) {
            Ok((bytes, decoded)) => {
                read.push((f.display().to_string(), doc_name(f), decoded.text));
                let outcome =
                    Outcome::Processed { docs: 0, quotes: 0, bytes: bytes.len(), replaced: decoded.replaced };
                ledger.record(f.display().to_string(), outcome);
            }
            Err(outcome) => ledger.record(f.display().to_string(), outcome),
        }
    }
    let entries = ledger.entries().iter().map(|e| entry(&e.path, &e.outcome)).collect();
    (read, entries)
}

/// The CLI's `doc` name of a file: its file name (`-` for standard input).
fn doc_name(f: &Path) -> String {
    if f.as_os_str() == "-" {
        return "-".into();
    }
    f.file_name().map_or(f.display().to_string(), |s| s.to_string_lossy().into_owned())
}

fn entry(path: &str, outcome: &Outcome) -> Entry {
    match outcome {
        Outcome::Processed { bytes, .. } => (path.to_string(), "processed", String::new(), false, *bytes),
        Outcome::Skipped(s) => (path.to_string(), "skipped", s.to_string(), s.is_problem(), 0),
        Outcome::Failed(e) => (path.to_string(), "failed", e.clone(), true, 0),
    }
}
