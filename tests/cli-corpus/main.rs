//! The `yinyu` command on real news in `../shared/corpus`, with python3
//! (the reference scorer) and chromium: `cargo test --features corpus`.
//! Fails, never skips, when something it needs is missing.

mod browser;
mod cli_news;
#[path = "../common/command.rs"]
mod command;
mod dev_gold;
mod eval;
mod researcher;

use std::path::PathBuf;

pub fn corpus_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    assert!(d.is_dir(), "../shared/corpus is missing: the corpus suite reads real news from there");
    d
}
