//! Snapshots of every quote on real articles, one line per quote, so a
//! lexicon edit is reviewed as a diff (`cargo insta review --features corpus`).
//! The fixture articles' snapshots are in tests/integration/snapshots.rs.

use crate::corpus_dir;
use std::path::Path;
use yinyu::{Lexicons, Tagger};

fn render(text: &str, tagger: &Tagger) -> String {
    let line_of: Vec<usize> = {
        let mut v = Vec::new();
        let mut line = 1;
        for c in text.chars() {
            v.push(line);
            if c == '\n' {
                line += 1;
            }
        }
        v.push(line);
        v
    };
    let mut out = String::from(
        "line | kind | words | speaker (type) | title | affiliation | cue | method | themes | stance\n",
    );
    for q in tagger.tag("doc", text).quotes {
        let line = line_of[q.start.min(line_of.len() - 1)];
        out.push_str(&format!("L{line} | {}\n", yinyu::review::row_line(&q)));
    }
    out
}

fn check(name: &str, path: &Path, each_line: bool) {
    let text = std::fs::read_to_string(path).unwrap();
    let tagger = Tagger::builder().each_line(each_line).build(&Lexicons::embedded()).unwrap();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(format!(
        "{} ({})",
        path.file_name().unwrap().to_string_lossy(),
        if each_line { "one document per line" } else { "whole file" }
    ));
    settings.bind(|| insta::assert_snapshot!(name, render(&text, &tagger)));
}

#[test]
fn seed_page() {
    check("xinhua-china-central-asia-2025", &corpus_dir().join("xinhua-china-central-asia-2025.txt"), false);
}

#[test]
fn dev_cnews() {
    check("dev-cnews", &corpus_dir().join("dev/cnews-dev.txt"), true);
}

#[test]
fn dev_pd1998() {
    check("dev-pd1998", &corpus_dir().join("dev/pd1998-dev.txt"), true);
}

#[test]
fn dev_tw_hk() {
    check("dev-tw-hk-2023", &corpus_dir().join("dev/tw-hk-2023-dev.txt"), true);
}

#[test]
fn dev_sogou() {
    check("dev-sogou", &corpus_dir().join("dev/sogou-dev.txt"), true);
}
