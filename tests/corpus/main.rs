//! The tests on real news in `../shared/corpus` (beside the checkout), one
//! binary: `cargo test --features corpus`. Every test fails, never skips,
//! when the folder is missing; `eval` needs python3 (the reference scorer
//! `../shared/tools/score.py`) and `browser` Debian's chromium.
//! - `browser`: `yinyu render` of the seed page, and in headless Chromium
//! - `cli_news`: the docs table of the seed page
//! - `corpus`: the seed gold page, offsets as a property over every corpus file
//! - `dev_gold`: figures on the dev gold files do not fall below the recorded ones
//! - `eval`: `yinyu eval` agrees with the reference scorer score.py
//! - `on_texts`: threads, streaming, spans and serde on real articles
//!   (tests/common/on_texts.rs, shared with the fixture suite)
//! - `snapshots`: insta snapshots of every quote on real articles

mod corpus;
#[path = "../common/on_texts.rs"]
mod on_texts;
mod snapshots;

use std::path::PathBuf;

/// `../shared/corpus` beside the checkout; the tests fail without it.
pub fn corpus_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    assert!(d.is_dir(), "../shared/corpus is missing: the corpus suite reads real news from there");
    d
}

/// What the shared tests (`on_texts`) read in this suite: real news.
pub mod texts {
    use crate::corpus_dir;

    pub const MIN_ROWS: usize = 201;
    pub const MIN_PERSONS: usize = 51;
    pub const SEGMENT: usize = 4096;
    pub const MIN_ROWS_MANY: usize = 101;

    /// The seed page and the dev files.
    pub fn documents() -> Vec<(String, String)> {
        let mut v = Vec::new();
        let seed = corpus_dir().join("xinhua-china-central-asia-2025.txt");
        v.push(("seed.txt".to_string(), std::fs::read_to_string(seed).unwrap()));
        for f in ["cnews-dev.txt", "sogou-dev.txt", "tw-hk-2023-dev.txt"] {
            v.push((f.to_string(), std::fs::read_to_string(corpus_dir().join("dev").join(f)).unwrap()));
        }
        v
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

    /// The seed page.
    pub fn long_article() -> String {
        std::fs::read_to_string(corpus_dir().join("xinhua-china-central-asia-2025.txt")).unwrap()
    }
}
