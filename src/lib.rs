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
//! # Research scripts
//!
//! Build one [`Tagger`] and reuse it: it is `Send + Sync`, so threads can
//! share a `&Tagger`. [`Tagger::extract`] tags a string;
//! [`Tagger::quotes_in`] and [`Tagger::quotes_in_file`] yield the quotes
//! of any reader lazily, one segment at a time, as `Result<Quote, Error>`;
//! [`Tagger::from_dir`] uses edited lexicons. [`Quote`] and [`DocRecord`]
//! are `serde` types (JSON, CSV, ... both ways).
//!
//! ## Count quotes per speaker across a folder
//! ```
//! use std::collections::BTreeMap;
//!
//! # fn main() -> Result<(), yinyu::Error> {
//! # let dir = std::env::temp_dir().join(format!("yinyu-doc-folder-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # std::fs::write(dir.join("library.txt"), "市图书馆馆长林小雨表示：“我们将在下个月延长开放时间。”\n林小雨说，阅览室还会增加两百个座位。\n").unwrap();
//! # std::fs::write(dir.join("trade.txt"), "商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n王涛还说，明年将举办更多展会。\n").unwrap();
//! // `dir` holds library.txt and trade.txt, two short articles
//! let tagger = yinyu::Tagger::new()?;
//! let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
//! files.sort();
//! let mut per_speaker: BTreeMap<String, usize> = BTreeMap::new();
//! for path in files.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
//!     for q in tagger.quotes_in_file(path)? {
//!         *per_speaker.entry(q?.speaker).or_default() += 1;
//!     }
//! }
//! assert_eq!(per_speaker["林小雨"], 2);
//! assert_eq!(per_speaker["王涛"], 2);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok(())
//! # }
//! ```
//!
//! ## Find every quote by one person
//! `speaker_id` joins the ways an article names one person, so the
//! pronoun 她 below counts for 林小雨. [`CharIndex`] turns the character
//! offsets into byte offsets for slicing the text in Rust.
//! ```
//! let tagger = yinyu::Tagger::new().unwrap();
//! let text = "市图书馆馆长林小雨表示：“我们将在下个月延长开放时间。”\n\
//!             她强调：“借书证今后可以在手机上办理。”\n\
//!             商务部新闻发言人王涛表示：“双方贸易往来持续扩大。”\n";
//! let quotes = tagger.extract(text);
//! let index = yinyu::CharIndex::new(text);
//! let hers: Vec<&str> = quotes
//!     .iter()
//!     .filter(|q| q.speaker_id == "林小雨")
//!     .map(|q| index.quote(q).words.as_str(text))
//!     .collect();
//! assert_eq!(hers, ["我们将在下个月延长开放时间。", "借书证今后可以在手机上办理。"]);
//! let first = quotes.iter().find(|q| q.speaker_id == "林小雨").unwrap();
//! assert_eq!((first.title.as_str(), first.affiliation.as_str()), ("馆长", "市图书馆"));
//! ```
//!
//! ## List quotes by theme
//! A quote may have several themes (the ids of `lexicons/themes.toml`) or
//! none.
//! ```
//! use std::collections::BTreeMap;
//!
//! let tagger = yinyu::Tagger::new().unwrap();
//! let text = "商务部新闻发言人王涛表示：“双方贸易往来持续扩大，进出口总额再创新高。”\n\
//!             农业农村部副部长陈立新指出：“今年粮食生产总体稳定，农民增收势头良好。”\n";
//! let mut by_theme: BTreeMap<String, Vec<String>> = BTreeMap::new();
//! for q in tagger.quotes_in("text", text.as_bytes()) {
//!     let q = q.unwrap();
//!     for theme in &q.themes {
//!         by_theme.entry(theme.clone()).or_default().push(format!("{}: {}", q.speaker, q.text));
//!     }
//! }
//! assert_eq!(by_theme["trade"], ["王涛: 双方贸易往来持续扩大，进出口总额再创新高。"]);
//! assert_eq!(by_theme["agriculture"], ["陈立新: 今年粮食生产总体稳定，农民增收势头良好。"]);
//! ```
//!
//! # Offsets
//! `start` and `end` count Unicode scalar values (Python's `str` indices) in
//! the decoded text. For every row not re-joined across a column break,
//! `text[start:end]` is exactly the `text` column; a re-joined row lists its
//! pieces in JSONL. [`Quote::span`], [`Quote::spans`] and [`CharIndex`]
//! give typed [`Span`]s with character and byte offsets.
#![deny(missing_docs)]

/// The stages (normalize, layout, quotes, mentions, attribution, themes)
/// are the crate's own; the `internals` feature opens them to the benches.
macro_rules! stages {
    ($($(#[$doc:meta])* $m:ident),* $(,)?) => {
        $(
            $(#[$doc])*
            #[cfg(feature = "internals")]
            pub mod $m;
            $(#[$doc])*
            #[cfg(not(feature = "internals"))]
            pub(crate) mod $m;
        )*
    };
}

stages!(
    attribution,
    mentions,
    quotes,
    stream,
    text,
    // the rule sets' own scanner and runners serve the benches and tests
    #[cfg_attr(not(feature = "internals"), allow(dead_code))]
    themes,
);

pub mod api;
pub mod error;
pub mod explain;
pub mod labels;
pub mod ledger;
pub mod lexicon;
pub mod output;
pub mod pipeline;
pub mod record;
pub mod review;
pub mod speakers;
pub mod tagger;

pub use api::{CharIndex, QuoteSpans, Quotes, Span};
pub use attribution::{sieves as attribution_rules, Kind, Method, SpeakerType};
pub use error::{Error, LexiconError, LexiconErrors};
pub use lexicon::Lexicons;
pub use output::{CsvRow, Format, QuoteWriter, WriteOptions};
pub use pipeline::{Assembler, Input, Pipeline, Sink};
pub use record::{DocRecord, Quote};
pub use stream::{Segment, Segments, SEGMENT_BYTES};
pub use tagger::{SegmentTagged, Tagged, Tagger, TaggerBuilder};
pub use text::decode::{decode, DecodeOptions};
pub use themes::Evidence;
