//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or any
//! encoding `encoding_rs` knows when named.

use crate::error::Error;

/// How to decode input bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct DecodeOptions {
    /// A named encoding (`gb18030`, `big5`, …); `None` sniffs a BOM and
    /// otherwise requires UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Replace undecodable bytes with U+FFFD instead of failing.
    pub lossy: bool,
}

/// The decoded text and how many replacement characters were inserted.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text (without a BOM).
    pub text: String,
    /// Bytes replaced because they could not be decoded (only with `lossy`).
    pub replaced: usize,
}

/// Decodes `bytes` whole; `name` is used in error messages.
pub fn decode(name: &str, bytes: &[u8], opts: DecodeOptions) -> Result<Decoded, Error> {
    let mut dec = StreamDecoder::new(name, opts);
    let mut text = String::new();
    dec.feed(bytes, true, &mut text)?;
    Ok(Decoded { text, replaced: dec.replaced() })
}

/// The one decoder: bytes go in block by block (a whole input is one
/// block), text comes out. A BOM is sniffed once at the start (UTF-8 or
/// UTF-16; otherwise the named encoding, or UTF-8); a malformed sequence is
/// an error naming the input and its byte offset, or with `lossy` a U+FFFD.
#[derive(Debug)]
pub struct StreamDecoder {
    name: String,
    opts: DecodeOptions,
    dec: Option<encoding_rs::Decoder>,
    pending: Vec<u8>,
    /// Bytes of the input consumed so far (BOM included).
    read: usize,
    replaced: usize,
}

impl StreamDecoder {
    /// A decoder for the input called `name`.
    pub fn new(name: &str, opts: DecodeOptions) -> Self {
        StreamDecoder { name: name.to_string(), opts, dec: None, pending: Vec::new(), read: 0, replaced: 0 }
    }

    /// Bytes replaced so far because they could not be decoded (`lossy`).
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// Decodes `bytes` after those fed before, appending the text to `out`;
    /// `last` says the input ends with them.
    pub fn feed(&mut self, bytes: &[u8], last: bool, out: &mut String) -> Result<(), Error> {
        self.pending.extend_from_slice(bytes);
        let mut skipped = 0;
        if self.dec.is_none() {
            // sniff a BOM once enough bytes are in (or the input ended)
            if self.pending.len() < 3 && !last {
                return Ok(());
            }
            let (enc, bom) = match encoding_rs::Encoding::for_bom(&self.pending) {
                Some((enc, bom)) => (enc, bom),
                None => (self.opts.encoding.unwrap_or(encoding_rs::UTF_8), 0),
            };
            self.dec = Some(enc.new_decoder_without_bom_handling());
            skipped = bom;
            self.read += bom;
        }
        let d = self.dec.as_mut().expect("decoder set above");
        let src = &self.pending[skipped..];
        let used = if self.opts.lossy {
            let before = out.len();
            out.reserve(d.max_utf8_buffer_length(src.len()).unwrap_or(src.len() * 3));
            let (_, used, had) = d.decode_to_string(src, out, last);
            if had {
                self.replaced += out[before..].matches('\u{fffd}').count();
            }
            used
        } else {
            out.reserve(d.max_utf8_buffer_length_without_replacement(src.len()).unwrap_or(src.len() * 3));
            let (res, used) = d.decode_to_string_without_replacement(src, out, last);
            if let encoding_rs::DecoderResult::Malformed(bad, extra) = res {
                let at = used - bad as usize - extra as usize;
                let guessed = self.opts.encoding.is_none() && d.encoding() == encoding_rs::UTF_8;
                return Err(Error::Decode {
                    name: self.name.clone(),
                    encoding: d.encoding().name().to_string(),
                    offset: self.read + at,
                    hint: if guessed { gbk_hint(&src[at.min(src.len())..]) } else { String::new() },
                });
            }
            used
        };
        self.read += used;
        self.pending.drain(..skipped + used);
        Ok(())
    }
}

/// Bytes that are not UTF-8 but read as Chinese text in GB18030 (of which
/// GBK and GB2312 are parts): the hint to name that encoding.
fn gbk_hint(bytes: &[u8]) -> String {
    // a window from the first bad byte, cut back to a whole GB18030 sequence
    let mut window = &bytes[..bytes.len().min(4096)];
    let (text, had_errors) = loop {
        let (text, _, had_errors) = encoding_rs::GB18030.decode(window);
        if !had_errors || window.len() <= 4 || window.len() == bytes.len() {
            break (text, had_errors);
        }
        window = &window[..window.len() - 1];
    };
    let cjk = text.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    if had_errors || cjk < 2 {
        return String::new();
    }
    " (the bytes read as Chinese in GB18030/GBK: try --encoding gb18030)".to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        let d = decode("x", "\u{feff}他说".as_bytes(), DecodeOptions::default()).unwrap();
        assert_eq!(d.text, "他说");
    }

    #[test]
    fn invalid_utf8_names_file_and_offset() {
        let mut b = "他说".as_bytes().to_vec();
        b.push(0xff);
        let e = decode("a.txt", &b, DecodeOptions::default()).unwrap_err().to_string();
        assert_eq!(e, "a.txt: cannot decode as UTF-8 at byte 6");
    }

    #[test]
    fn gbk_bytes_read_as_utf8_suggest_gb18030() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("外交部发言人表示，中方坚决反对。");
        let e = decode("g.txt", &bytes, DecodeOptions::default()).unwrap_err().to_string();
        assert!(e.starts_with("g.txt: cannot decode as UTF-8 at byte 0"), "{e}");
        assert!(e.ends_with("try --encoding gb18030)"), "{e}");
        let mut junk = "他说".as_bytes().to_vec();
        junk.extend([0xff, 0xfe, 0x00]);
        let e = decode("j.txt", &junk, DecodeOptions::default()).unwrap_err().to_string();
        assert_eq!(e, "j.txt: cannot decode as UTF-8 at byte 6");
    }

    #[test]
    fn gb18030_when_named() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("王毅说，好。");
        let opts = DecodeOptions { encoding: Some(encoding_rs::GB18030), lossy: false };
        assert_eq!(decode("g", &bytes, opts).unwrap().text, "王毅说，好。");
    }

    #[test]
    fn block_by_block_equals_whole() {
        let text = "王毅说：“好。”\n他表示，双方将继续合作。";
        let bytes = text.as_bytes();
        for block in [1, 2, 3, 5, 64] {
            let mut d = StreamDecoder::new("b", DecodeOptions::default());
            let mut out = String::new();
            for (i, chunk) in bytes.chunks(block).enumerate() {
                d.feed(chunk, (i + 1) * block >= bytes.len(), &mut out).unwrap();
            }
            assert_eq!(out, text, "block {block}");
        }
    }

    #[test]
    fn utf16_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "他说".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode("u", &b, DecodeOptions::default()).unwrap().text, "他说");
    }
}
