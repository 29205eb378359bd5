//! Offsets on the fixtures: every row slices the original text, and a line
//! read alone gives the rows it gives inside its `--each-line` file (the
//! corpus suite checks the same on every corpus file).

use crate::fixtures;
use yinyu::{Lexicons, Tagger};

/// For every row of every document, with terms, the original text at
/// start..end is the row's text (or, for a re-joined row, its pieces joined).
#[test]
fn offsets_slice_the_original_text() {
    let tagger = Tagger::builder().include_terms(true).build(&Lexicons::embedded()).unwrap();
    let mut rows = 0;
    for (name, text) in fixtures::documents() {
        let chars: Vec<char> = text.chars().collect();
        for q in tagger.tag("f", &text).quotes {
            rows += 1;
            assert!(q.start <= q.end && q.end <= chars.len(), "{name}: {q:?}");
            let joined: String = q.pieces.iter().flat_map(|&(s, e)| chars[s..e].iter()).collect();
            assert_eq!(joined, q.text, "{name}: pieces of {q:?}");
            if !q.method.stitched {
                let slice: String = chars[q.start..q.end].iter().collect();
                assert_eq!(slice, q.text, "{name}: {q:?}");
            }
            if let Some((s, e)) = q.cue_span {
                assert_eq!(chars[s..e].iter().collect::<String>(), q.cue);
            }
        }
    }
    assert!(rows >= fixtures::MIN_ROWS, "only {rows} rows");
}

/// Running a line alone or inside the whole file gives the same rows.
#[test]
fn each_line_mode_is_independent_of_neighbours() {
    let text = fixtures::read(fixtures::EACH_LINE);
    let line_no = 3;
    let tagger = Tagger::builder().each_line(true).build(&Lexicons::embedded()).unwrap();
    let all = tagger.tag("f", &text).quotes;
    let line = text.lines().nth(line_no - 1).unwrap();
    let alone = tagger.tag("f", line).quotes;
    assert!(!alone.is_empty(), "line {line_no} has rows");
    let offset: usize = text.lines().take(line_no - 1).map(|l| l.chars().count() + 1).sum();
    let inside: Vec<_> = all.iter().filter(|q| q.doc == format!("f:{line_no}")).collect();
    assert_eq!(alone.len(), inside.len());
    for (a, b) in alone.iter().zip(inside) {
        assert_eq!(
            (a.start + offset, a.end + offset, &a.text, &a.speaker),
            (b.start, b.end, &b.text, &b.speaker)
        );
    }
}
