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

/// Decodes `bytes`; `name` is used in error messages.
pub fn decode(name: &str, bytes: &[u8], opts: DecodeOptions) -> Result<Decoded, Error> {
    let (enc, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (opts.encoding.unwrap_or(encoding_rs::UTF_8), bytes),
    };
    if enc == encoding_rs::UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(s) => Ok(Decoded { text: s.to_string(), replaced: 0 }),
            Err(e) if opts.lossy => {
                let text = String::from_utf8_lossy(body).into_owned();
                let replaced = text.matches('\u{fffd}').count();
                let _ = e;
                Ok(Decoded { text, replaced })
            }
            Err(e) => Err(Error::Decode {
                name: name.to_string(),
                encoding: "UTF-8".into(),
                offset: e.valid_up_to() + (bytes.len() - body.len()),
            }),
        };
    }
    let mut decoder = enc.new_decoder_without_bom_handling();
    if !opts.lossy {
        // find the first malformed sequence for the error message
        let mut out = String::with_capacity(body.len() * 2);
        let max = decoder.max_utf8_buffer_length_without_replacement(body.len()).unwrap_or(body.len() * 4);
        out.reserve(max);
        let (res, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
        return match res {
            encoding_rs::DecoderResult::InputEmpty => Ok(Decoded { text: out, replaced: 0 }),
            _ => Err(Error::Decode {
                name: name.to_string(),
                encoding: enc.name().to_string(),
                offset: read + (bytes.len() - body.len()),
            }),
        };
    }
    let (text, _) = enc.decode_without_bom_handling(body);
    let replaced = text.matches('\u{fffd}').count();
    Ok(Decoded { text: text.into_owned(), replaced })
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
    fn gb18030_when_named() {
        let (bytes, _, _) = encoding_rs::GB18030.encode("王毅说，好。");
        let opts = DecodeOptions { encoding: Some(encoding_rs::GB18030), lossy: false };
        assert_eq!(decode("g", &bytes, opts).unwrap().text, "王毅说，好。");
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
