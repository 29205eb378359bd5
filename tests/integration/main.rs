//! The integration tests on fixtures the project owns (`tests/fixtures/`),
//! one binary; a fresh clone passes them with nothing beside it. The tests
//! on real news in `../shared/corpus` are the `corpus` suite
//! (`cargo test --features corpus`, tests/corpus/main.rs).
//! - `api`: the library API of research scripts (lazy quotes, errors, from_dir)
//! - `cases`: table of rule cases (tests/cases.toml), one per attribution rule
//! - `cli`: the binary end to end (bad input, lexicon check, docs)
//! - `fuzz_regressions`: inputs `cargo fuzz` found that once crashed
//! - `hostile`: hostile input ends in time and keeps the invariants
//! - `offsets`: offsets slice the text; a line alone gives its rows
//! - `on_texts`: threads, streaming, spans and serde on the fixture articles
//!   (tests/common/on_texts.rs, shared with the corpus suite)
//! - `props`: proptest invariants over generated text
//! - `render`: `yinyu render` pages (the browser check is in the corpus suite)
//! - `snapshots`: insta snapshots of every quote on the fixture articles
//! - `themes`: theme and stance rules of the embedded lexicons

mod api;
mod cases;
mod fuzz_regressions;
mod hostile;
mod offsets;
#[path = "../common/on_texts.rs"]
mod on_texts;
mod props;
mod snapshots;
mod themes;

/// The fixture articles: `tests/fixtures/articles/*.txt`, written for the
/// tests (invented news); `*.lines.txt` hold one document per line.
#[path = "../common/fixtures.rs"]
pub mod fixtures;

/// What the shared tests (`on_texts`) read in this suite: the fixtures.
pub mod texts {
    use crate::fixtures;

    pub const MIN_ROWS: usize = fixtures::MIN_ROWS;
    pub const MIN_PERSONS: usize = 25;
    /// The fixtures are small: read them in small segments.
    pub const SEGMENT: usize = 1024;
    pub const MIN_ROWS_MANY: usize = 200;

    pub fn documents() -> Vec<(String, String)> {
        fixtures::documents()
    }

    /// A file of many articles: each paragraph of every fixture under its
    /// own `# ` title (the fixtures' own titles left out; bylines and
    /// datelines kept with the paragraph before them), four times over
    /// (some 25 kB, so that it is cut into several segments). Not the
    /// column breaks: a segment is never cut while a broken paragraph may
    /// still continue, and cut apart they never do.
    pub fn many_articles() -> String {
        let mut s = String::new();
        for round in 1..=4 {
            for (name, text) in fixtures::documents().into_iter().filter(|(n, _)| n != "column-breaks.txt") {
                for (i, line) in text.lines().enumerate() {
                    if line.starts_with(['■', '（']) {
                        // a byline or dateline stays with the paragraph before
                        s.push_str(&format!("{line}\n"));
                    } else if !line.trim().is_empty() && !line.starts_with('#') {
                        s.push_str(&format!("# {name} {i} ({round})\n{line}\n"));
                    }
                }
            }
        }
        s
    }

    /// One article of several paragraphs.
    pub fn long_article() -> String {
        fixtures::read("press-conference.txt")
    }
}
