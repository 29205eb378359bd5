//! Arbitrary bytes as the content of one lexicon file (the first byte picks
//! which) through the loader and validator. Bad content must come back as
//! `Err` with `file:line` messages; content that validates must build a
//! tagger that can tag a short text.
//!
//! The other files are cut down to their first few rows (TOML rule files to
//! nothing) so that one run takes well under a millisecond instead of
//! re-validating the full embedded lexicons.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use yinyu::lexicon::FILES;
use yinyu::{Lexicons, Tagger};

/// A short self-written text touching layout, cues, titles and quotes.
const SAMPLE: &str = "本报北京电 外交部发言人王明表示：“我们欢迎各方参与。”他说，合作是共同的。\n\n“好。”";

/// The first `rows` data lines of a TSV file (header and comments kept):
/// still sorted and valid.
fn head(text: &str, rows: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    for l in text.lines() {
        if !l.starts_with('#') && !l.trim().is_empty() {
            n += 1;
            if n > rows + 1 {
                break;
            }
        }
        out.push_str(l);
        out.push('\n');
    }
    out
}

fn small() -> &'static Lexicons {
    static L: OnceLock<Lexicons> = OnceLock::new();
    L.get_or_init(|| {
        let mut lex = Lexicons::embedded();
        for f in FILES {
            let text = if f.header.is_empty() {
                String::new()
            } else if f.name == "layout.tsv" || f.name == "function_words.tsv" {
                f.embedded.to_string()
            } else {
                head(f.embedded, 8)
            };
            lex.replace(f.name, f.name, text.into_bytes()).expect("UTF-8");
        }
        Tagger::builder().build(&lex).expect("cut-down lexicons are valid");
        lex
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((pick, body)) = data.split_first() else { return };
    let spec = &FILES[*pick as usize % FILES.len()];
    let mut lex = small().clone();
    if let Err(e) = lex.replace(spec.name, spec.name, body.to_vec()) {
        assert_eq!(e.file, spec.name);
        return;
    }
    match Tagger::builder().build(&lex) {
        Err(yinyu::Error::Lexicon(errs)) => {
            assert!(!errs.0.is_empty());
            for e in &errs.0 {
                assert!(!e.message.is_empty());
            }
        }
        Err(e) => panic!("unexpected error kind: {e}"),
        Ok(t) => {
            let n = SAMPLE.chars().count();
            for each_line in [false, true] {
                let t = if each_line {
                    Tagger::builder().each_line(true).build(&lex).expect("built once")
                } else {
                    t.clone()
                };
                for q in &t.tag("fuzz.txt", SAMPLE).quotes {
                    assert!(q.start <= q.end && q.end <= n);
                }
            }
        }
    }
});
