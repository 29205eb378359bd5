//! Hostile input: every case ends, gives sane output, and the slicing
//! invariant holds. Sizes are kept small enough for a debug build; the CLI
//! figures for the full sizes are in the README.

use yinyu::{Lexicons, Tagger};

fn tagger() -> &'static Tagger {
    static T: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    T.get_or_init(|| Tagger::builder().include_terms(true).build(&Lexicons::embedded()).unwrap())
}

fn check_invariants(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    let tagged = tagger().tag("h", text);
    for q in &tagged.quotes {
        assert!(q.start <= q.end && q.end <= chars.len());
        let joined: String = q.pieces.iter().flat_map(|&(s, e)| chars[s..e].iter()).collect();
        assert_eq!(joined, q.text);
    }
    tagged.quotes.len()
}

#[test]
fn empty_and_blank() {
    assert_eq!(check_invariants(""), 0);
    assert_eq!(check_invariants("\n\n   \n\u{3000}\n"), 0);
}

#[test]
fn only_quote_marks() {
    let s: String = "“”‘’「」『』\"'".repeat(2000);
    check_invariants(&s);
}

#[test]
fn many_unbalanced_opening_marks() {
    let s: String = std::iter::repeat_n('“', 100_000).collect();
    check_invariants(&s);
}

#[test]
fn long_paragraph_without_punctuation() {
    let s: String =
        "中国同中亚国家山水相连唇齿相依王毅说习近平主席表示".chars().cycle().take(200_000).collect();
    check_invariants(&s);
}

#[test]
fn thousands_of_cues_in_a_row() {
    let s: String = "说表示指出强调".repeat(5_000);
    check_invariants(&s);
    let s: String = format!("王毅{}：“好。”", "说".repeat(20_000));
    check_invariants(&s);
}

#[test]
fn one_run_on_sentence_of_thousands_of_pronoun_speakers() {
    // each 他说 is a row whose pronoun and sentence context are resolved:
    // once quadratic in the sentence (18 s for 50 000 in a release build)
    let s = format!("{}王明在场。", "他说，天气好，".repeat(5_000));
    assert_eq!(check_invariants(&s), 5_000);
}

#[test]
fn one_run_on_sentence_of_thousands_of_described_sources() {
    // each 他 goes back to the 一位工程师 just before it, not to all of them
    let s = format!("{}。", "记者采访了一位工程师，他说，".repeat(2_000));
    // the last 他说 has no words after it
    assert_eq!(check_invariants(&s), 1_999);
    let rows = tagger().tag("h", &s).quotes;
    assert!(rows.iter().all(|q| q.speaker == "一位工程师" && q.method == "pronoun"));
}

#[test]
fn deeply_nested_quotes() {
    let mut s = String::from("他说：");
    for i in 0..10_000 {
        s.push(if i % 2 == 0 { '“' } else { '‘' });
    }
    s.push('好');
    for i in (0..10_000).rev() {
        s.push(if i % 2 == 0 { '”' } else { '’' });
    }
    check_invariants(&s);
}

#[test]
fn nul_and_control_bytes() {
    let s = "王毅说：“\u{0}好\u{1}\u{7f}。”\u{0}\u{0}\n\u{feff}他说，\u{0}";
    check_invariants(s);
}

#[test]
fn invalid_utf8_in_the_middle_is_an_error_with_an_offset() {
    let mut b = "王毅说：“好。”".as_bytes().to_vec();
    b.insert(6, 0xff);
    let e = yinyu::decode("x.txt", &b, yinyu::DecodeOptions::default()).unwrap_err();
    assert_eq!(e.to_string(), "x.txt: cannot decode as UTF-8 at byte 6");
    let lossy = yinyu::decode("x.txt", &b, yinyu::DecodeOptions { encoding: None, lossy: true }).unwrap();
    assert_eq!(lossy.replaced, 1);
    check_invariants(&lossy.text);
}

#[test]
fn csv_fields_with_commas_quotes_and_newlines_stay_valid() {
    let text = "他说：“甲,乙\"丙\n丁。”";
    let tagged = tagger().tag("a,b\"c.txt", text);
    let mut buf = Vec::new();
    {
        let mut w = yinyu::QuoteWriter::new(&mut buf, yinyu::Format::Csv);
        w.header().unwrap();
        for q in &tagged.quotes {
            w.write(q).unwrap();
        }
        w.finish().unwrap();
    }
    let mut rdr = csv::Reader::from_reader(buf.as_slice());
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), tagged.quotes.len());
    for (r, q) in rows.iter().zip(&tagged.quotes) {
        assert_eq!(&r[0], q.doc);
        assert_eq!(&r[5], q.text);
    }
}

#[test]
fn excel_safe_and_bom() {
    let tagged = tagger().tag("d.txt", "他说：“=1+1，@SUM(A1)。”");
    let mut buf = Vec::new();
    {
        let opts = yinyu::WriteOptions { excel_safe: true, bom: true };
        let mut w = yinyu::QuoteWriter::with_options(&mut buf, yinyu::Format::Csv, opts);
        w.header().unwrap();
        for q in &tagged.quotes {
            w.write(q).unwrap();
        }
        w.finish().unwrap();
    }
    let s = String::from_utf8(buf).unwrap();
    assert!(s.starts_with('\u{feff}'));
    assert!(s.contains("'=1+1"), "{s}");
}

#[test]
fn one_run_on_sentence_of_thousands_of_subjectless_cues() {
    // each 表示 asks for the subject of the sentence: its first clauses are
    // read, never the whole sentence again
    let s = format!("会场外很安静{}。", "，表示天气好".repeat(5_000));
    check_invariants(&s);
}
