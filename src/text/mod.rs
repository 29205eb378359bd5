//! Text stages before quotation finding: decoding, per-character
//! normalisation, quote-mark balance, and page structure (articles, bylines,
//! datelines, re-threading of paragraphs broken across columns).

pub mod decode;
pub mod layout;
pub mod marks;
pub mod normalize;
pub mod offsets;

/// The length in bytes of `chars` written as UTF-8.
pub fn utf8_len(chars: &[char]) -> usize {
    chars.iter().map(|c| c.len_utf8()).sum()
}
