//! The library API of research scripts: `extract`, lazy `quotes_in`,
//! `from_dir` and typed spans (threads, streaming and serde on whole
//! articles are in `on_texts`).

use crate::fixtures;
use yinyu::{DecodeOptions, Quote, Span, Tagger};

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
    let path = fixtures::dir().join("village-interview.txt");
    let lazy: Vec<Quote> = t.quotes_in_file(&path).unwrap().collect::<Result<_, _>>().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!lazy.is_empty());
    assert_eq!(lazy, t.tag("village-interview.txt", &text).quotes);
    let missing = fixtures::dir().join("no-such-file.txt");
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
fn span_byte_offsets_count_utf8_bytes() {
    let text = "ab说：“中文”";
    let s = Span::new(text, 5, 7);
    assert_eq!(s, Span { start_char: 5, end_char: 7, start_byte: 2 + 3 + 3 + 3, end_byte: 11 + 6 });
    assert_eq!(s.as_str(text), "中文");
}
