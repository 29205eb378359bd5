//! Properties that hold on any input, run by both suites: on the fixtures
//! (`integration`) and on real news (`corpus`). Each suite's `main.rs`
//! provides `crate::texts`: `documents()` (named texts read as wholes),
//! `many_articles()` (one file
//! of many articles under `# ` titles), `long_article()` and the least
//! number of rows and named persons the documents must give.

use crate::texts;
use yinyu::{Assembler, CharIndex, DecodeOptions, DocRecord, Lexicons, Quote, Tagger};

fn rows(t: &Tagger, name: &str, text: &str) -> Vec<Quote> {
    t.tag(name, text).quotes
}

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
fn threads_sharing_one_tagger_give_the_single_threaded_rows() {
    let t = Tagger::new().unwrap();
    let inputs = texts::documents();
    let alone: Vec<Vec<Quote>> = inputs.iter().map(|(n, x)| rows(&t, n, x)).collect();
    assert!(alone.iter().all(|r| !r.is_empty()));
    let threads = 3;
    let shared: Vec<Vec<(usize, Vec<Quote>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                let (t, inputs) = (&t, &inputs);
                // each thread takes the inputs in a different order
                s.spawn(move || {
                    (0..inputs.len())
                        .map(|i| (i + k) % inputs.len())
                        .map(|i| (i, rows(t, &inputs[i].0, &inputs[i].1)))
                        .collect()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for per_thread in shared {
        assert_eq!(per_thread.len(), inputs.len());
        for (i, r) in per_thread {
            assert_eq!(r, alone[i], "{} differs on a thread", inputs[i].0);
        }
    }
}

#[test]
fn quotes_in_small_segments_gives_the_rows_and_docs_of_tag() {
    let t = Tagger::new().unwrap();
    let text = texts::many_articles();
    let whole = t.tag("many.txt", &text);
    let mut it = t.quotes_in("many.txt", text.as_bytes()).with_target(texts::SEGMENT);
    let mut lazy = Vec::new();
    let mut docs = Vec::new();
    let mut docs_before_the_end = 0;
    while let Some(q) = it.next() {
        lazy.push(q.unwrap());
        let d = it.docs();
        docs_before_the_end += d.len();
        docs.extend(d);
    }
    docs.extend(it.docs());
    assert!(docs_before_the_end > 0, "finished articles are given before the input ends");
    assert!(lazy.len() >= texts::MIN_ROWS_MANY, "{} rows", lazy.len());
    assert_eq!(lazy, whole.quotes);
    assert_eq!(docs, whole.docs);
}

#[test]
fn spans_slice_the_original_text() {
    let t = Tagger::builder().each_line(true).build(&Lexicons::embedded()).unwrap();
    let (mut checked, mut persons) = (0, 0);
    for (name, text) in texts::documents() {
        let index = CharIndex::new(&text);
        for q in t.tag(&name, &text).quotes {
            let s = index.quote(&q);
            assert_eq!(s, q.spans(&text));
            assert_eq!(s.words, q.span(&text));
            assert_eq!(s.words.chars(), q.start..q.end);
            assert_eq!(&text[s.words.bytes()], s.words.as_str(&text));
            let joined: String = s.pieces.iter().map(|p| p.as_str(&text)).collect();
            assert_eq!(joined, q.text, "{name} {}", q.quote_id);
            if !q.method.stitched {
                assert_eq!(s.words.as_str(&text), q.text);
            }
            if let Some(c) = s.cue {
                assert_eq!(c.as_str(&text), q.cue);
            }
            if let Some(sp) = s.speaker {
                assert!(!sp.is_empty());
                // a named person's phrase holds the name (with its title,
                // affiliation), is a short form of it printed in full (罗曼 of
                // 彼得·罗曼), a surname with a title standing for a person of
                // that surname (王副经理 for 王建国), or is a resolved
                // one-character pronoun (他, 她)
                if q.speaker_type == Some(yinyu::SpeakerType::Person) {
                    let phrase = sp.as_str(&text);
                    let surname = q.speaker.chars().next().is_some_and(|c| phrase.starts_with(c));
                    assert!(
                        phrase.contains(&q.speaker)
                            || q.speaker.contains(phrase)
                            || surname
                            || sp.len_chars() == 1,
                        "{name} {}: {phrase:?} for {}",
                        q.quote_id,
                        q.speaker
                    );
                    persons += 1;
                }
            }
            checked += 1;
        }
    }
    assert!(
        checked >= texts::MIN_ROWS && persons >= texts::MIN_PERSONS,
        "{checked} rows, {persons} named persons"
    );
}

#[test]
fn quotes_docs_and_spans_round_trip_through_json() {
    let t = Tagger::new().unwrap();
    let text = &texts::long_article();
    let tagged = t.tag("long.txt", text);
    let json = serde_json::to_string(&tagged.quotes).unwrap();
    let back: Vec<Quote> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, tagged.quotes);
    let json = serde_json::to_string(&tagged.docs).unwrap();
    let back: Vec<DocRecord> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, tagged.docs);
    let spans = tagged.quotes[0].spans(text);
    let json = serde_json::to_string(&spans).unwrap();
    assert!(json.contains("\"start_byte\""), "{json}");
    assert_eq!(serde_json::from_str::<yinyu::QuoteSpans>(&json).unwrap(), spans);
    let kinds: Vec<yinyu::Kind> = serde_json::from_str(r#"["direct","indirect"]"#).unwrap();
    assert_eq!(kinds, [yinyu::Kind::Direct, yinyu::Kind::Indirect]);
    let st: yinyu::SpeakerType = serde_json::from_str(r#""person""#).unwrap();
    assert_eq!(st, yinyu::SpeakerType::Person);
}

#[test]
fn without_evidence_the_rows_are_the_same_but_for_their_evidence() {
    let text = texts::long_article();
    let full = Tagger::new().unwrap().tag("long", &text).quotes;
    let lean =
        Tagger::builder().evidence(false).build(&Lexicons::embedded()).unwrap().tag("long", &text).quotes;
    assert_eq!(full.len(), lean.len());
    assert!(full.iter().any(|q| !q.evidence.is_empty()), "the article has rules that fire");
    assert!(lean.iter().all(|q| q.evidence.is_empty()));
    for (a, b) in full.iter().zip(&lean) {
        let mut a = a.clone();
        a.evidence.clear();
        assert_eq!(&a, b);
    }
}

#[test]
fn small_segments_give_the_rows_of_the_whole_input() {
    let t = Tagger::new().unwrap();
    let text = texts::many_articles();
    let whole: Vec<String> = t.tag("many.txt", &text).quotes.iter().map(key).collect();
    let (rows, n) = tag_in_segments(&t, "many.txt", &text, texts::SEGMENT);
    assert!(
        n >= text.len() / texts::SEGMENT / 2 && n > 1,
        "the input was cut into {n} segments, {} bytes",
        text.len()
    );
    let seg: Vec<String> = rows.iter().map(key).collect();
    assert!(whole.len() >= texts::MIN_ROWS_MANY, "{} rows", whole.len());
    assert_eq!(whole, seg);
}

#[test]
fn offsets_stay_exact_across_segments_of_one_long_article() {
    // the article repeated: one file, segments cut inside articles
    let article = texts::long_article();
    let text = article.repeat(4);
    let chars: Vec<char> = text.chars().collect();
    let t = Tagger::new().unwrap();
    let (rows, n) = tag_in_segments(&t, "long4.txt", &text, texts::SEGMENT / 2);
    assert!(n >= 4, "{n} segments");
    let per_copy = t.tag("long.txt", &article).quotes.len();
    assert!(per_copy > 0);
    assert_eq!(rows.len(), 4 * per_copy, "rows for 4 copies of the article");
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
    let text = texts::many_articles();
    let whole = t.tag("many.txt", &text);
    // from the middle on, the first article under a `# ` title that has
    // rows, alone with its title line
    let lines: Vec<&str> = text.lines().collect();
    let titles: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with("# ")).collect();
    let article = |k: usize| {
        let (from, to) = (titles[k], titles.get(k + 1).copied().unwrap_or(lines.len()));
        (from, lines[from..to].iter().map(|l| format!("{l}\n")).collect::<String>())
    };
    let k = (titles.len() / 2..titles.len())
        .find(|&k| !t.tag("one.txt", &article(k).1).quotes.is_empty())
        .expect("an article with rows in the second half");
    let (from, alone_text) = article(k);
    let alone = t.tag("one.txt", &alone_text);
    let offset: usize = lines[..from].iter().map(|l| l.chars().count() + 1).sum();
    let doc = format!("many.txt#{}", k + 1);
    let inside: Vec<String> = whole
        .quotes
        .iter()
        .filter(|q| q.doc == doc)
        .map(|q| format!("{} {} {} {}", q.start - offset, q.end - offset, q.speaker, q.method))
        .collect();
    let own: Vec<String> =
        alone.quotes.iter().map(|q| format!("{} {} {} {}", q.start, q.end, q.speaker, q.method)).collect();
    assert_eq!(inside, own);
}
