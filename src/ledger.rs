//! Accounting for a batch run: every input file ends up processed, skipped
//! or failed, each with its reason, so that a summary can show that nothing
//! was lost.
//!
//! [`Ledger::walk`] expands the paths given on a command line (directories
//! are searched recursively for `*.txt`), recording what it leaves out;
//! [`read_input`] reads and decodes one file, classifying every way that can
//! go wrong; [`Ledger::record`] keeps the outcome; [`Ledger::totals`] sums up.

use crate::error::Error;
use crate::text::decode::{decode, DecodeOptions, Decoded};
use std::collections::HashSet;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Why an input was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Skip {
    /// A file found in a directory walk whose name does not end in `.txt`.
    NotText,
    /// A hidden directory (name starting with `.`) found in a walk.
    Hidden,
    /// The file is empty or holds only white space.
    Empty,
    /// A directory reached a second time through a symbolic link.
    AlreadyVisited,
    /// A symbolic link that cannot be followed (a loop, or a missing target).
    BadLink(String),
    /// The file or directory cannot be read (permissions).
    Unreadable(String),
}

impl Skip {
    /// Is this a problem with the input (counted as an error), rather than
    /// a file the walk was never meant to read?
    pub fn is_problem(&self) -> bool {
        !matches!(self, Skip::NotText | Skip::Hidden)
    }
}

impl fmt::Display for Skip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Skip::NotText => write!(f, "not a .txt file"),
            Skip::Hidden => write!(f, "hidden directory"),
            Skip::Empty => write!(f, "empty file"),
            Skip::AlreadyVisited => write!(f, "directory already visited (symlink loop)"),
            Skip::BadLink(e) => write!(f, "symlink cannot be followed: {e}"),
            Skip::Unreadable(e) => write!(f, "unreadable: {e}"),
        }
    }
}

/// What became of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read, decoded and tagged.
    Processed {
        /// Articles found.
        docs: usize,
        /// Rows written.
        quotes: usize,
        /// Size in bytes.
        bytes: usize,
        /// Undecodable bytes replaced (lossy decoding only).
        replaced: usize,
    },
    /// Left out, with the reason.
    Skipped(Skip),
    /// Reading or decoding failed, with the reason.
    Failed(String),
}

/// One input and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The path as given or found (`-` for standard input).
    pub path: String,
    /// What became of it.
    pub outcome: Outcome,
}

impl Entry {
    /// Failed, or skipped for a problem ([`Skip::is_problem`]).
    pub fn is_problem(&self) -> bool {
        match &self.outcome {
            Outcome::Processed { .. } => false,
            Outcome::Skipped(s) => s.is_problem(),
            Outcome::Failed(_) => true,
        }
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Processed { docs, quotes, .. } => {
                write!(f, "processed {}: {docs} doc(s), {quotes} quote(s)", self.path)
            }
            Outcome::Skipped(s) => write!(f, "skipped {}: {s}", self.path),
            Outcome::Failed(e) => write!(f, "failed {}: {e}", self.path),
        }
    }
}

/// The sums over a ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Every entry.
    pub files: usize,
    /// Entries processed.
    pub processed: usize,
    /// Entries skipped (for any reason).
    pub skipped: usize,
    /// Entries failed.
    pub failed: usize,
    /// Failed entries plus skipped ones whose reason is a problem
    /// ([`Skip::is_problem`]).
    pub errors: usize,
    /// Articles over processed entries.
    pub docs: usize,
    /// Rows over processed entries.
    pub quotes: usize,
    /// Bytes over processed entries.
    pub bytes: usize,
    /// Replaced bytes over processed entries.
    pub replaced: usize,
}

impl fmt::Display for Totals {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} input(s): {} processed, {} skipped, {} failed; {} doc(s), {} quote(s), {} error(s)",
            self.files, self.processed, self.skipped, self.failed, self.docs, self.quotes, self.errors
        )
    }
}

/// Every input of a run with its outcome, in the order met.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    entries: Vec<Entry>,
}

impl Ledger {
    /// An empty ledger.
    pub fn new() -> Ledger {
        Ledger::default()
    }

    /// Records the outcome of `path`.
    pub fn record(&mut self, path: impl Into<String>, outcome: Outcome) {
        self.entries.push(Entry { path: path.into(), outcome });
    }

    /// Adds the entries of `other` after these.
    pub fn append(&mut self, other: Ledger) {
        self.entries.extend(other.entries);
    }

    /// Every entry in the order recorded.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entries not processed (skipped or failed), in order.
    pub fn not_processed(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !matches!(e.outcome, Outcome::Processed { .. }))
    }

    /// The sums.
    pub fn totals(&self) -> Totals {
        let mut t = Totals { files: self.entries.len(), ..Totals::default() };
        for e in &self.entries {
            match &e.outcome {
                Outcome::Processed { docs, quotes, bytes, replaced } => {
                    t.processed += 1;
                    t.docs += docs;
                    t.quotes += quotes;
                    t.bytes += bytes;
                    t.replaced += replaced;
                }
                Outcome::Skipped(s) => {
                    t.skipped += 1;
                    t.errors += usize::from(s.is_problem());
                }
                Outcome::Failed(_) => {
                    t.failed += 1;
                    t.errors += 1;
                }
            }
        }
        t
    }

    /// True when no input was failed or skipped for a problem: every file
    /// meant to be read was processed.
    pub fn all_processed(&self) -> bool {
        self.totals().errors == 0
    }

    /// Expands one command-line path into the files to read, recording what
    /// is left out. `-` is standard input; a file is taken as is, whatever
    /// its name; a directory is searched recursively for `*.txt`, in sorted
    /// order, without entering hidden directories or a directory twice.
    pub fn walk(&mut self, path: &str) -> Vec<PathBuf> {
        let mut out = Vec::new();
        let p = Path::new(path);
        if path == "-" {
            out.push(p.to_path_buf());
            return out;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => self.walk_dir(p, &mut out),
            Ok(_) => out.push(p.to_path_buf()),
            Err(e) => {
                let is_link = std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink());
                let outcome = if is_link {
                    Outcome::Skipped(Skip::BadLink(e.to_string()))
                } else if e.kind() == std::io::ErrorKind::NotFound {
                    Outcome::Failed("no such file or directory".into())
                } else {
                    Outcome::Failed(format!("IO error: {e}"))
                };
                self.record(path, outcome);
            }
        }
        out
    }

    fn walk_dir(&mut self, root: &Path, out: &mut Vec<PathBuf>) {
        let mut stack = vec![root.to_path_buf()];
        let mut seen = HashSet::new();
        while let Some(d) = stack.pop() {
            let shown = d.display().to_string();
            match d.canonicalize() {
                Ok(c) => {
                    if !seen.insert(c) {
                        self.record(shown, Outcome::Skipped(Skip::AlreadyVisited));
                        continue;
                    }
                }
                Err(e) => {
                    self.record(shown, Outcome::Skipped(Skip::BadLink(e.to_string())));
                    continue;
                }
            }
            let rd = match std::fs::read_dir(&d) {
                Ok(rd) => rd,
                Err(e) => {
                    self.record(shown, Outcome::Skipped(Skip::Unreadable(e.to_string())));
                    continue;
                }
            };
            let mut entries = Vec::new();
            for e in rd {
                match e {
                    Ok(e) => entries.push(e.path()),
                    Err(e) => self.record(shown.clone(), Outcome::Failed(format!("IO error listing: {e}"))),
                }
            }
            entries.sort();
            let mut dirs = Vec::new();
            for e in entries {
                match std::fs::metadata(&e) {
                    Ok(m) if m.is_dir() => {
                        if e.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                            self.record(e.display().to_string(), Outcome::Skipped(Skip::Hidden));
                        } else {
                            dirs.push(e);
                        }
                    }
                    Ok(_) if e.extension().is_some_and(|x| x == "txt") => out.push(e),
                    Ok(_) => self.record(e.display().to_string(), Outcome::Skipped(Skip::NotText)),
                    Err(err) => {
                        let is_link = std::fs::symlink_metadata(&e).is_ok_and(|m| m.file_type().is_symlink());
                        let outcome = if is_link {
                            Outcome::Skipped(Skip::BadLink(err.to_string()))
                        } else {
                            Outcome::Skipped(Skip::Unreadable(err.to_string()))
                        };
                        self.record(e.display().to_string(), outcome);
                    }
                }
            }
            stack.extend(dirs.into_iter().rev());
        }
    }
}

/// The outcome of an input that could not be opened or read: a skip for a
/// permission problem or a dangling or looping link, a failure otherwise.
pub fn open_error(path: &Path, e: &std::io::Error) -> Outcome {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => Outcome::Skipped(Skip::Unreadable(e.to_string())),
        _ if is_link && std::fs::metadata(path).is_err() => Outcome::Skipped(Skip::BadLink(e.to_string())),
        _ => Outcome::Failed(format!("IO error: {e}")),
    }
}

/// The outcome of an input whose reading or decoding failed part way.
pub fn failure(e: Error) -> Outcome {
    match e {
        Error::Decode { encoding, offset, hint, .. } => {
            Outcome::Failed(format!("cannot decode as {encoding} at byte {offset}{hint}"))
        }
        other => Outcome::Failed(other.to_string()),
    }
}

/// Reads and decodes one input (`-` is standard input). The error is the
/// outcome to record: a skip (unreadable, bad link, empty) or a failure
/// (decode error with its byte offset, other IO error).
pub fn read_input(path: &Path, opts: DecodeOptions) -> Result<(Vec<u8>, Decoded), Outcome> {
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| Outcome::Failed(format!("IO error: {e}")))?;
        b
    } else {
        std::fs::read(path).map_err(|e| open_error(path, &e))?
    };
    if bytes.is_empty() {
        return Err(Outcome::Skipped(Skip::Empty));
    }
    let name = path.display().to_string();
    let decoded = decode(&name, &bytes, opts).map_err(failure)?;
    if decoded.text.chars().all(|c| c.is_whitespace() || c == '\u{feff}') {
        return Err(Outcome::Skipped(Skip::Empty));
    }
    Ok((bytes, decoded))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn processed(docs: usize, quotes: usize) -> Outcome {
        Outcome::Processed { docs, quotes, bytes: 10, replaced: 0 }
    }

    #[test]
    fn totals_account_for_every_entry() {
        let mut l = Ledger::new();
        l.record("a.txt", processed(2, 5));
        l.record("b.md", Outcome::Skipped(Skip::NotText));
        l.record("c.txt", Outcome::Skipped(Skip::Empty));
        l.record("d.txt", Outcome::Failed("cannot decode as UTF-8 at byte 3".into()));
        l.record("e.txt", processed(1, 0));
        let t = l.totals();
        assert_eq!((t.files, t.processed, t.skipped, t.failed), (5, 2, 2, 1));
        assert_eq!(t.processed + t.skipped + t.failed, t.files);
        assert_eq!((t.docs, t.quotes, t.bytes, t.errors), (3, 5, 20, 2));
        assert!(!l.all_processed());
        let lines: Vec<String> = l.not_processed().map(|e| e.to_string()).collect();
        assert_eq!(
            lines,
            [
                "skipped b.md: not a .txt file",
                "skipped c.txt: empty file",
                "failed d.txt: cannot decode as UTF-8 at byte 3"
            ]
        );
    }

    #[test]
    fn files_outside_the_walk_are_not_errors() {
        let mut l = Ledger::new();
        l.record("a.txt", processed(1, 1));
        l.record("notes.md", Outcome::Skipped(Skip::NotText));
        l.record(".git", Outcome::Skipped(Skip::Hidden));
        assert!(l.all_processed());
        assert_eq!(l.totals().skipped, 2);
    }

    #[test]
    fn walk_records_missing_paths() {
        let mut l = Ledger::new();
        let files = l.walk("/nonexistent/yinyu-ledger-test");
        assert!(files.is_empty());
        assert_eq!(l.entries()[0].outcome, Outcome::Failed("no such file or directory".into()));
    }
}
