//! Each pipeline stage on the first 1 MB of `../shared/corpus/dev/pd1998-full.txt`
//! (People's Daily, January 1998, one paragraph per line), plus the whole
//! pipeline with and without themes and stance, and the tagger build.
//!
//! `cargo bench --bench stages` (needs `../shared/corpus` beside the checkout).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use yinyu::attribution::{DocState, Unit};
use yinyu::mentions::{byte_to_char, ByteToChar, CueHit, Matchers};
use yinyu::text::normalize::fold;
use yinyu::themes::Engine;
use yinyu::{quotes, Format, QuoteWriter, Tagger};

const BYTES: usize = 1 << 20;

fn sample() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/dev/pd1998-full.txt");
    let text = std::fs::read_to_string(path).expect("../shared/corpus/dev/pd1998-full.txt is needed");
    let mut end = BYTES.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind('\n').map_or(end, |i| i + 1);
    text[..cut].to_string()
}

struct Line {
    norm: Vec<char>,
    s: String,
    b2c: ByteToChar,
}

fn stages(c: &mut Criterion) {
    let text = sample();
    let tagger = Tagger::new().expect("embedded lexicons");
    let k = tagger.knowledge();
    let m = Matchers::new(k);
    let lines: Vec<Line> = text
        .lines()
        .map(|l| {
            let norm: Vec<char> = l.chars().map(|c| fold(c, &k.t2s)).collect();
            let s: String = norm.iter().collect();
            let b2c = byte_to_char(&s);
            Line { norm, s, b2c }
        })
        .collect();

    let mut g = c.benchmark_group("stage");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("normalize", |b| {
        b.iter(|| text.chars().map(|c| fold(c, &k.t2s)).filter(|c| *c == '说').count())
    });
    g.bench_function("quote_spans", |b| {
        b.iter(|| lines.iter().map(|l| quotes::find(&l.norm).len()).sum::<usize>())
    });
    g.bench_function("mentions", |b| {
        b.iter(|| {
            lines
                .iter()
                .map(|l| {
                    let n = l.norm.len();
                    let (e, w) = m.scan(&l.s, &l.b2c, n);
                    m.cues(k, &l.s).len() + e.len() + w.at(0, n, yinyu::lexicon::Role::Adverb).unwrap_or(0)
                })
                .sum::<usize>()
        })
    });
    // attribution alone: its inputs computed once
    let inputs: Vec<_> = lines
        .iter()
        .map(|l| {
            let (ents, words) = m.scan(&l.s, &l.b2c, l.norm.len());
            let cues: Vec<CueHit> = m.cues(k, &l.s).into_iter().map(|h| h.to_chars(&l.b2c)).collect();
            (quotes::find(&l.norm), cues, ents, words)
        })
        .collect();
    g.bench_function("attribution", |b| {
        b.iter(|| {
            let mut st = DocState::default();
            let mut found = 0;
            for (l, (q, cu, en, w)) in lines.iter().zip(&inputs) {
                let u = Unit { k, norm: &l.norm, orig: &l.norm, quotes: q, cues: cu, ents: en, words: w };
                found += u.attribute(&mut st, false).len();
            }
            found
        })
    });
    let quotes_out = tagger.tag("pd1998.txt", &text).quotes;
    let themes = Engine::new(&k.themes);
    let stance = Engine::new(&k.stance);
    g.bench_function("themes_and_stance", |b| {
        b.iter(|| {
            quotes_out
                .iter()
                .map(|q| themes.run(&q.text, &q.text).0.len() + stance.run(&q.text, &q.text).0.len())
                .sum::<usize>()
        })
    });
    g.bench_function("csv_writing", |b| {
        b.iter(|| {
            let mut w = QuoteWriter::new(std::io::sink(), Format::Csv);
            w.header().unwrap();
            for q in &quotes_out {
                w.write(q).unwrap();
            }
            w.finish().unwrap();
        })
    });
    g.bench_function("extract_all", |b| b.iter(|| tagger.tag("pd1998.txt", &text).quotes.len()));
    let lean = Tagger::builder().themes(false).build(&yinyu::Lexicons::embedded()).expect("lexicons");
    g.bench_function("extract_without_themes", |b| b.iter(|| lean.tag("pd1998.txt", &text).quotes.len()));
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("tagger_new", |b| {
        b.iter_batched(|| (), |_| Tagger::new().expect("lexicons"), BatchSize::PerIteration)
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
