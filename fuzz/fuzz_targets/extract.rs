//! Arbitrary bytes through the decoder (default, lossy and a named legacy
//! encoding), then whatever decodes through `Tagger::tag`, checking the
//! offset contract of every row.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use yinyu::{decode, DecodeOptions, Tagger};

fn taggers() -> &'static [Tagger; 2] {
    static T: OnceLock<[Tagger; 2]> = OnceLock::new();
    T.get_or_init(|| {
        let lex = yinyu::Lexicons::embedded();
        [
            Tagger::builder().include_terms(true).build(&lex).expect("embedded lexicons"),
            Tagger::builder().each_line(true).build(&lex).expect("embedded lexicons"),
        ]
    })
}

fn check(t: &Tagger, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    let tagged = t.tag("fuzz.txt", text);
    for (i, q) in tagged.quotes.iter().enumerate() {
        assert_eq!(q.quote_id, i + 1);
        assert!(
            q.start <= q.end && q.end <= chars.len(),
            "offsets {}..{} of {}",
            q.start,
            q.end,
            chars.len()
        );
        assert!((0.0..=1.0).contains(&q.confidence));
    }
}

fuzz_target!(|data: &[u8]| {
    // the first byte picks the decoding; the rest is the file
    let (mode, body) = match data.split_first() {
        Some((m, b)) => (*m, b),
        None => (0, data),
    };
    let opts = match mode % 4 {
        0 => DecodeOptions::default(),
        1 => DecodeOptions { encoding: None, lossy: true },
        2 => DecodeOptions { encoding: Some(encoding_rs_gb18030()), lossy: false },
        _ => DecodeOptions { encoding: Some(encoding_rs_gb18030()), lossy: true },
    };
    match decode("fuzz.txt", body, opts) {
        Ok(d) => {
            let t = &taggers()[(mode as usize / 4) % 2];
            check(t, &d.text);
        }
        Err(yinyu::Error::Decode { offset, .. }) => assert!(offset <= body.len()),
        Err(e) => panic!("unexpected error kind: {e}"),
    }
});

fn encoding_rs_gb18030() -> &'static encoding_rs::Encoding {
    encoding_rs::GB18030
}
