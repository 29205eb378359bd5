//! The library API of research scripts: `extract`, lazy `quotes_in`,
//! `from_dir`, typed spans, serde, and one tagger shared by threads.

use crate::{corpus_dir, many_articles};
use yinyu::{CharIndex, DecodeOptions, DocRecord, Quote, Span, Tagger};

/// The seed page and the dev files read one document per line.
fn inputs() -> Vec<(String, String)> {
    let mut v = Vec::new();
    let seed = corpus_dir().join("xinhua-china-central-asia-2025.txt");
    v.push(("seed.txt".to_string(), std::fs::read_to_string(seed).unwrap()));
    for f in ["cnews-dev.txt", "sogou-dev.txt", "tw-hk-2023-dev.txt"] {
        v.push((f.to_string(), std::fs::read_to_string(corpus_dir().join("dev").join(f)).unwrap()));
    }
    v
}

fn rows(t: &Tagger, name: &str, text: &str) -> Vec<Quote> {
    t.tag(name, text).quotes
}

#[test]
fn tagger_is_send_and_sync() {
    // checked at compile time: the test binary does not build if the
    // tagger (or what scripts send between threads) stops being Send + Sync
    const fn assert_send_sync<T: Send + Sync>() {}
    const _: () = assert_send_sync::<Tagger>();
    const _: () = assert_send_sync::<Quote>();
    const _: () = assert_send_sync::<yinyu::Error>();
    const _: () = assert_send_sync::<yinyu::Quotes<'static, std::fs::File>>();
}

#[test]
fn threads_sharing_one_tagger_give_the_single_threaded_rows() {
    let t = Tagger::new().unwrap();
    let inputs = inputs();
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
fn extract_names_its_rows_text_and_equals_tag() {
    let t = Tagger::new().unwrap();
    let text = "市图书馆馆长林小雨表示：“我们将在下个月延长开放时间。”\n她说，阅览室还会增加座位。\n";
    let q = t.extract(text);
    assert_eq!(q.len(), 2);
    assert!(q.iter().all(|q| q.doc == "text"));
    assert_eq!(q, t.tag("text", text).quotes);
    assert_eq!(q[1].speaker_id, "林小雨");
}

#[test]
fn quotes_in_small_segments_gives_the_rows_and_docs_of_tag() {
    let t = Tagger::new().unwrap();
    let text = many_articles();
    let whole = t.tag("many.txt", &text);
    let mut it = t.quotes_in("many.txt", text.as_bytes()).with_target(4096);
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
    assert!(lazy.len() > 100);
    assert_eq!(lazy, whole.quotes);
    assert_eq!(docs, whole.docs);
}

#[test]
fn quotes_in_yields_one_error_for_undecodable_input_and_stops() {
    let t = Tagger::new().unwrap();
    let mut bytes = "王涛说：“好。”\n".as_bytes().to_vec();
    bytes.push(0xff);
    let items: Vec<_> = t.quotes_in("bad.txt", &bytes[..]).collect();
    assert_eq!(items.len(), 1);
    let e = items.into_iter().next().unwrap().unwrap_err();
    assert_eq!(e.to_string(), format!("bad.txt: cannot decode as UTF-8 at byte {}", bytes.len() - 1));
    // lossy decoding reads past it
    let opts = DecodeOptions { encoding: None, lossy: true };
    let q: Vec<Quote> = t.quotes_in_with("bad.txt", &bytes[..], opts).collect::<Result<_, _>>().unwrap();
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker, "王涛");
}

#[test]
fn quotes_in_file_names_rows_by_file_name_and_reports_missing_files() {
    let t = Tagger::new().unwrap();
    let path = corpus_dir().join("dev").join("sogou-dev.txt");
    let lazy: Vec<Quote> = t.quotes_in_file(&path).unwrap().collect::<Result<_, _>>().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(lazy, t.tag("sogou-dev.txt", &text).quotes);
    let missing = corpus_dir().join("no-such-file.txt");
    let e = t.quotes_in_file(&missing).err().unwrap();
    assert!(matches!(e, yinyu::Error::Io { .. }));
    assert!(e.to_string().starts_with(&missing.display().to_string()), "{e}");
}

#[test]
fn from_dir_replaces_the_files_it_holds() {
    let dir = std::env::temp_dir().join(format!("yinyu-api-from-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = "市图书馆馆长林小雨强调：“借书证今后可以在手机上办理。”\n";
    let embedded = Tagger::new().unwrap().extract(text);
    assert_eq!(embedded[0].cue, "强调");
    // the embedded cue list without 强调
    let cues = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/cues.tsv")).unwrap();
    let edited: String =
        cues.lines().filter(|l| !l.starts_with("强调\t")).map(|l| format!("{l}\n")).collect();
    assert_eq!(edited.lines().count() + 1, cues.lines().count());
    std::fs::write(dir.join("cues.tsv"), edited).unwrap();
    let t = Tagger::from_dir(&dir).unwrap();
    let q = t.extract(text);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(q.iter().all(|q| q.cue != "强调"), "{q:?}");
}

#[test]
fn from_dir_reports_every_lexicon_problem() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bad-lexicons");
    let e = Tagger::from_dir(dir).unwrap_err();
    let yinyu::Error::Lexicon(errs) = &e else { panic!("not a lexicon error: {e}") };
    assert!(errs.0.len() >= 10, "{e}");
    let msg = e.to_string();
    assert!(msg.contains("cues.tsv:4: 2 columns, expected 4"), "{msg}");
    assert!(msg.contains("titles.tsv:6: duplicate"), "{msg}");
}

#[test]
fn spans_slice_the_original_text_on_real_articles() {
    let t = Tagger::builder().each_line(true).build(&yinyu::Lexicons::embedded()).unwrap();
    let (mut checked, mut persons) = (0, 0);
    for (name, text) in inputs() {
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
    assert!(checked > 200 && persons > 50, "{checked} rows, {persons} named persons");
}

#[test]
fn span_byte_offsets_count_utf8_bytes() {
    let text = "ab说：“中文”";
    let s = Span::new(text, 5, 7);
    assert_eq!(s, Span { start_char: 5, end_char: 7, start_byte: 2 + 3 + 3 + 3, end_byte: 11 + 6 });
    assert_eq!(s.as_str(text), "中文");
}

#[test]
fn quotes_docs_and_spans_round_trip_through_json() {
    let t = Tagger::new().unwrap();
    let text = &inputs()[0].1;
    let tagged = t.tag("seed.txt", text);
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
    let seed = std::fs::read_to_string(corpus_dir().join("xinhua-china-central-asia-2025.txt")).unwrap();
    let full = Tagger::new().unwrap().tag("seed", &seed).quotes;
    let lean = Tagger::builder()
        .evidence(false)
        .build(&yinyu::Lexicons::embedded())
        .unwrap()
        .tag("seed", &seed)
        .quotes;
    assert_eq!(full.len(), lean.len());
    assert!(full.iter().any(|q| !q.evidence.is_empty()), "the seed has rules that fire");
    assert!(lean.iter().all(|q| q.evidence.is_empty()));
    for (a, b) in full.iter().zip(&lean) {
        let mut a = a.clone();
        a.evidence.clear();
        assert_eq!(&a, b);
    }
}
