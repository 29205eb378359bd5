//! The integration tests, one binary.
//! - `api`: the library API of research scripts (spans, lazy quotes, threads)
//! - `cases`: table of rule cases (tests/cases.toml), one per attribution rule
//! - `corpus`: the seed gold page, offsets as a property over every corpus file
//! - `dev_gold`: figures on the dev gold files do not fall below the recorded ones
//! - `snapshots`: insta snapshots of every quote on real articles
//! - `cli`: the binary end to end (bad input, lexicon check, docs)
//! - `eval`: `yinyu eval` agrees with the reference scorer score.py (needs python3)
//! - `fuzz_regressions`: inputs `cargo fuzz` found that once crashed
//! - `hostile`: hostile input ends in time and keeps the invariants
//! - `props`: proptest invariants over generated text
//! - `render`: `yinyu render` pages; in headless Chromium when /usr/bin/chromium exists
//! - `streaming`: segments give the rows of the whole input
//! - `themes`: theme and stance rules of the embedded lexicons

mod api;
mod cases;
mod cli;
mod corpus;
mod dev_gold;
mod eval;
mod fuzz_regressions;
mod hostile;
mod props;
mod render;
mod snapshots;
mod streaming;
mod themes;

use std::path::PathBuf;

/// `../shared/corpus` beside the checkout; the tests fail without it.
pub fn corpus_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(d.is_dir(), "../shared/corpus is missing: the tests read real news from there");
    d
}

/// A file of many articles: each dev passage under its own `# ` title.
pub fn many_articles() -> String {
    let mut s = String::new();
    for f in ["cnews-dev.txt", "sogou-dev.txt"] {
        let text = std::fs::read_to_string(corpus_dir().join("dev").join(f)).unwrap();
        for (i, line) in text.lines().enumerate() {
            s.push_str(&format!("# {f} {i}\n{line}\n"));
        }
    }
    s
}
