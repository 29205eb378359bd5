//! Error types. Lexicon problems carry the file and line; everything else is
//! an [`Error`] naming the input it concerns.

use std::fmt;

/// One problem in one lexicon or rule file, reported as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file name (or `embedded:NAME` for the built-in copy).
    pub file: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl LexiconError {
    pub(crate) fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        LexiconError { file: file.to_string(), line, message: message.into() }
    }
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Every problem found while loading a set of lexicons, one per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LexiconErrors(pub Vec<LexiconError>);

impl fmt::Display for LexiconErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexiconErrors {}

/// Errors from the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// One or more lexicon files are invalid.
    #[error("{0}")]
    Lexicon(#[from] LexiconErrors),
    /// Input bytes could not be decoded.
    #[error("{name}: cannot decode as {encoding} at byte {offset}{hint}")]
    Decode {
        /// The input's name.
        name: String,
        /// The encoding tried.
        encoding: String,
        /// Byte offset of the first bad sequence.
        offset: usize,
        /// What to try instead, when the bytes suggest it (` (…: try
        /// --encoding gb18030)`), or empty.
        hint: String,
    },
    /// Reading or writing failed.
    #[error("{name}: {source}")]
    Io {
        /// The file concerned.
        name: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Writing CSV failed.
    #[error("writing output: {0}")]
    Csv(#[from] csv::Error),
    /// Writing JSON failed.
    #[error("writing output: {0}")]
    Json(#[from] serde_json::Error),
    /// An input table (a gold file, a prediction CSV) could not be read.
    #[error("{name}: {message}")]
    Table {
        /// The file concerned.
        name: String,
        /// What is wrong.
        message: String,
    },
}
