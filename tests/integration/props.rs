//! Invariants over generated Chinese-like text with random quote marks,
//! cues and names.

use proptest::prelude::*;
use yinyu::{Lexicons, Tagger};

fn tagger(each_line: bool) -> &'static Tagger {
    static PLAIN: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    static LINES: std::sync::OnceLock<Tagger> = std::sync::OnceLock::new();
    let cell = if each_line { &LINES } else { &PLAIN };
    cell.get_or_init(|| {
        Tagger::builder().include_terms(true).each_line(each_line).build(&Lexicons::embedded()).unwrap()
    })
}

fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "王毅",
        "习近平主席",
        "哈萨克斯坦总统托卡耶夫",
        "一名地区观察家",
        "他",
        "各方",
        "说",
        "表示",
        "指出",
        "强调",
        "认为",
        "这样评价",
        "：",
        "，",
        "。",
        "！",
        "“",
        "”",
        "‘",
        "’",
        "「",
        "」",
        "《",
        "》",
        "中国同中亚国家",
        "合作",
        "发展",
        "友谊",
        "\n",
        "\n\n",
        "（新华社北京6月18日电）\n",
        "# 标题\n",
        "（上接1版）",
        "们",
        "的",
        "a",
        "1",
        " ",
    ])
    .prop_map(str::to_string)
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn rows_slice_the_text_and_output_is_deterministic(t in text()) {
        let tagger = tagger(false);
        let chars: Vec<char> = t.chars().collect();
        let a = tagger.tag("p", &t);
        let b = tagger.tag("p", &t);
        prop_assert_eq!(&a.quotes, &b.quotes);
        let mut last = (0usize, 0usize);
        for q in &a.quotes {
            prop_assert!(q.start <= q.end && q.end <= chars.len());
            prop_assert!((q.start, q.end) >= last, "rows in order");
            last = (q.start, q.end);
            let joined: String = q.pieces.iter().flat_map(|&(s, e)| chars[s..e].iter()).collect();
            prop_assert_eq!(&joined, &q.text);
            if !q.method.stitched {
                let slice: String = chars[q.start..q.end].iter().collect();
                prop_assert_eq!(&slice, &q.text);
            }
            for (s, e) in q.speaker_span.into_iter().chain(q.cue_span) {
                prop_assert!(s <= e && e <= chars.len());
            }
        }
    }

    #[test]
    fn a_document_alone_or_in_a_larger_file_gives_the_same_rows(t in text(), u in text()) {
        // each_line: every line is its own document, whatever stands around it
        let tagger = tagger(true);
        let line: String = t.replace('\n', "");
        let other: String = u.replace('\n', "");
        let alone = tagger.tag("p", &line).quotes;
        let file = format!("{other}\n{line}\n{other}");
        let offset = other.chars().count() + 1;
        let inside: Vec<_> = tagger.tag("p", &file).quotes.into_iter().filter(|q| q.doc == "p:2").collect();
        prop_assert_eq!(alone.len(), inside.len());
        for (a, b) in alone.iter().zip(&inside) {
            prop_assert_eq!((a.start + offset, a.end + offset, &a.text, &a.speaker), (b.start, b.end, &b.text, &b.speaker));
        }
    }
}
