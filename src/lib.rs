//! # yinyu (引语): who said what in Chinese news
//!
//! yinyu finds every quotation and every piece of reported speech in Chinese
//! news text and says who said it: the words with exact character offsets,
//! the speaker split into name, title and affiliation, the cue verb, the
//! attribution rule that fired, and the themes and stance of the words.
//!
//! # Overview
//! - [`Tagger`]: build once (every automaton compiled inside), share across
//!   threads, call [`Tagger::tag`] on each text.
//! - [`Quote`]: one unit of speech; [`DocRecord`]: one article.
//! - [`Lexicons`]: the knowledge, embedded by default, overridable from a
//!   directory; every problem is reported as `file:line: message`.
//! - [`ledger::Ledger`]: for batch runs, every input file processed,
//!   skipped or failed, with the reason.
//!
//! # Example
//! ```
//! let tagger = yinyu::Tagger::new().unwrap();
//! let text = "外交部发言人毛宁表示：“中方坚决反对。”";
//! let tagged = tagger.tag("example.txt", text);
//! let q = &tagged.quotes[0];
//! assert_eq!(q.text, "中方坚决反对。");
//! assert_eq!(q.speaker, "毛宁");
//! let chars: Vec<char> = text.chars().collect();
//! assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text);
//! ```
//!
//! # Offsets
//! `start` and `end` count Unicode scalar values (Python's `str` indices) in
//! the decoded text. For every row not re-joined across a column break,
//! `text[start:end]` is exactly the `text` column; a re-joined row lists its
//! pieces in JSONL.
#![deny(missing_docs)]

pub mod attribution;
pub mod error;
pub mod ledger;
pub mod lexicon;
pub mod mentions;
pub mod output;
pub mod quotes;
pub mod record;
pub mod tagger;
pub mod text;
pub mod themes;

pub use attribution::{Kind, SpeakerType};
pub use error::{Error, LexiconError, LexiconErrors};
pub use lexicon::Lexicons;
pub use output::{Format, QuoteWriter, WriteOptions};
pub use record::{DocRecord, Quote};
pub use tagger::{Page, Tagged, Tagger, TaggerBuilder};
pub use text::decode::{decode, DecodeOptions};
