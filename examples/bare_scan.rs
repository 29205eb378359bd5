//! The bare multi-pattern scan that `bench/run.sh` measures yinyu against:
//! one Aho-Corasick pass over a file with every term of a list, counting
//! every occurrence (overlapping), with the automaton yinyu's own mention
//! scan uses (a contiguous NFA). No attribution, no output but the count.
//!
//! `cargo run --release --example bare_scan -- TERMS FILE`
//! (TERMS: one term per line; FILE is read whole.)

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [terms, file] = &args[..] else {
        return Err("usage: bare_scan TERMS FILE".into());
    };
    let terms = std::fs::read_to_string(terms)?;
    let terms: Vec<&str> = terms.lines().filter(|t| !t.is_empty()).collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&terms)?;
    let text = std::fs::read(file)?;
    let n = ac.find_overlapping_iter(&text[..]).count();
    println!("{n}");
    Ok(())
}
