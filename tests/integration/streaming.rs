//! Streaming: an input read in small segments gives the rows of the same
//! input read whole, and a document gives the same rows alone and inside a
//! larger file.

use crate::{corpus_dir, many_articles};
use yinyu::{Assembler, DecodeOptions, Quote, Tagger};

fn key(q: &Quote) -> String {
    format!(
        "{} {} {}..{} {} | {} | {} | {} | {} | {}",
        q.doc, q.quote_id, q.start, q.end, q.kind, q.speaker, q.title, q.affiliation, q.cue, q.method
    )
}

/// Tags `text` read as bytes in segments of about `target` bytes.
fn tag_in_segments(t: &Tagger, name: &str, text: &str, target: usize) -> (Vec<Quote>, usize) {
    let mut asm = Assembler::new(name, t.each_line());
    let mut rows = Vec::new();
    let mut docs = 0;
    let mut n = 0;
    for seg in t.segments(name, text.as_bytes(), DecodeOptions::default()).with_target(target) {
        let seg = seg.unwrap();
        n += 1;
        let tagged = t.tag_segment(&seg);
        asm.push(&seg, tagged, |q| rows.push(q), |_| docs += 1);
    }
    asm.finish(|_| docs += 1);
    assert!(docs > 0);
    (rows, n)
}

#[test]
fn small_segments_give_the_rows_of_the_whole_input() {
    let t = Tagger::new().unwrap();
    let text = many_articles();
    let whole: Vec<String> = t.tag("many.txt", &text).quotes.iter().map(key).collect();
    let (rows, n) = tag_in_segments(&t, "many.txt", &text, 4096);
    assert!(n >= text.len() / 4096 / 2, "the input was cut into {n} segments, {} bytes", text.len());
    let seg: Vec<String> = rows.iter().map(key).collect();
    assert!(whole.len() > 100);
    assert_eq!(whole, seg);
}

#[test]
fn offsets_stay_exact_across_segments_of_one_long_article() {
    // the seed page repeated: one file, segments cut inside articles
    let seed = std::fs::read_to_string(corpus_dir().join("xinhua-china-central-asia-2025.txt")).unwrap();
    let text = seed.repeat(4);
    let chars: Vec<char> = text.chars().collect();
    let t = Tagger::new().unwrap();
    let (rows, n) = tag_in_segments(&t, "seed4.txt", &text, 2048);
    assert!(n >= 4, "{n} segments");
    let per_copy = t.tag("seed.txt", &seed).quotes.len();
    assert_eq!(rows.len(), 4 * per_copy, "rows for 4 copies of the page");
    for q in &rows {
        if !q.method.stitched {
            assert_eq!(chars[q.start..q.end].iter().collect::<String>(), q.text, "{}", key(q));
        }
    }
    let ids: Vec<usize> = rows.iter().map(|q| q.quote_id).collect();
    assert_eq!(ids, (1..=rows.len()).collect::<Vec<_>>());
}

#[test]
fn a_document_alone_and_inside_a_larger_file_gives_the_same_rows() {
    let t = Tagger::new().unwrap();
    let text = many_articles();
    let whole = t.tag("many.txt", &text);
    // article 37 alone, with its title line
    let lines: Vec<&str> = text.lines().collect();
    let alone_text = format!("{}\n{}\n", lines[74], lines[75]);
    let alone = t.tag("one.txt", &alone_text);
    let offset: usize = lines[..74].iter().map(|l| l.chars().count() + 1).sum();
    let inside: Vec<String> = whole
        .quotes
        .iter()
        .filter(|q| q.doc == "many.txt#38")
        .map(|q| format!("{} {} {} {}", q.start - offset, q.end - offset, q.speaker, q.method))
        .collect();
    let own: Vec<String> =
        alone.quotes.iter().map(|q| format!("{} {} {} {}", q.start, q.end, q.speaker, q.method)).collect();
    assert!(!own.is_empty());
    assert_eq!(inside, own);
}
