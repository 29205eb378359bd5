//! Offsets: the one [`Span`] type (character and byte offsets of a piece of
//! the original text) and the two maps between character and byte offsets,
//! one per direction: [`ByteToChar`] (a dense table the stages rebuild per
//! unit, for matches found in bytes) and [`CharIndex`] (a sparse index a
//! research script builds once per text, for rows given in characters).

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A span of the original text with both kinds of offset, end exclusive.
///
/// - `start_char`, `end_char` count Unicode scalar values (Python's `str`
///   indices), as the CSV `start` and `end` columns do;
/// - `start_byte`, `end_byte` are UTF-8 byte offsets: `&text[start_byte..end_byte]`
///   in Rust (see [`Span::as_str`]).
///
/// A [`crate::Quote`] stores its offsets as plain character pairs (the CSV
/// columns); [`crate::Quote::spans`] gives them as spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First character (Unicode scalar values from the start of the text).
    pub start_char: usize,
    /// One past the last character.
    pub end_char: usize,
    /// First byte (UTF-8).
    pub start_byte: usize,
    /// One past the last byte.
    pub end_byte: usize,
}

impl Span {
    /// The span of characters `start_char..end_char` of `text`.
    ///
    /// Cost: one scan of `text` up to `end_char`; to convert many spans of a
    /// large text, build one [`CharIndex`] instead.
    ///
    /// Panics when `start_char > end_char` or `end_char` is past the end of
    /// `text`.
    pub fn new(text: &str, start_char: usize, end_char: usize) -> Span {
        assert!(start_char <= end_char, "span {start_char}..{end_char} is reversed");
        let mut bytes = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
        let start_byte = bytes.nth(start_char);
        let end_byte = if end_char == start_char { start_byte } else { bytes.nth(end_char - start_char - 1) };
        match (start_byte, end_byte) {
            (Some(start_byte), Some(end_byte)) => Span { start_char, end_char, start_byte, end_byte },
            _ => panic!(
                "span {start_char}..{end_char} is past the end of a text of {} characters",
                text.chars().count()
            ),
        }
    }

    /// The spanned text: `&text[start_byte..end_byte]`. `text` must be the
    /// text the span was made for.
    pub fn as_str<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start_byte..self.end_byte]
    }

    /// The character offsets, as a range.
    pub fn chars(&self) -> Range<usize> {
        self.start_char..self.end_char
    }

    /// The byte offsets, as a range.
    pub fn bytes(&self) -> Range<usize> {
        self.start_byte..self.end_byte
    }

    /// Length in characters.
    pub fn len_chars(&self) -> usize {
        self.end_char - self.start_char
    }

    /// Does it span nothing?
    pub fn is_empty(&self) -> bool {
        self.start_char == self.end_char
    }
}

/// Character → byte offsets of one text, for converting many spans: built
/// in one pass over the text, holding one byte offset per 64 characters
/// (an eighth of the text's size at most), after which each conversion
/// reads at most 64 characters.
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    marks: Vec<usize>,
    chars: usize,
}

const MARK_EVERY: usize = 64;

impl<'a> CharIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut marks = Vec::with_capacity(text.len() / MARK_EVERY + 1);
        let mut chars = 0;
        for (b, _) in text.char_indices() {
            if chars % MARK_EVERY == 0 {
                marks.push(b);
            }
            chars += 1;
        }
        CharIndex { text, marks, chars }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Characters in the text.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// The byte offset of character `ch`; `ch` may be the number of
    /// characters (the end). Panics past the end.
    pub fn byte(&self, ch: usize) -> usize {
        assert!(ch <= self.chars, "character {ch} is past the end of a text of {} characters", self.chars);
        if ch == self.chars {
            return self.text.len();
        }
        let m = self.marks[ch / MARK_EVERY];
        m + self.text[m..].char_indices().nth(ch % MARK_EVERY).map_or(0, |(b, _)| b)
    }

    /// The span of characters `start..end`. Panics when reversed or past
    /// the end.
    pub fn span(&self, start: usize, end: usize) -> Span {
        assert!(start <= end, "span {start}..{end} is reversed");
        Span { start_char: start, end_char: end, start_byte: self.byte(start), end_byte: self.byte(end) }
    }
}

/// Byte offset → character index of a text, for the offsets where a
/// character starts and for the end (the only offsets a match of whole
/// characters can have).
#[derive(Debug, Clone, Default)]
pub struct ByteToChar(Vec<u32>);

impl ByteToChar {
    /// The character index at byte `b` (a character boundary of the text).
    #[inline]
    pub fn at(&self, b: usize) -> usize {
        self.0[b] as usize
    }

    /// Makes this the table of `text`, reusing the allocation.
    pub fn fill(&mut self, text: &str) {
        let t = &mut self.0;
        t.clear();
        t.resize(text.len() + 1, 0);
        let mut ci = 0u32;
        for (bi, _) in text.char_indices() {
            t[bi] = ci;
            ci += 1;
        }
        t[text.len()] = ci;
    }
}

/// The [`ByteToChar`] table of `text`.
pub fn byte_to_char(text: &str) -> ByteToChar {
    let mut t = ByteToChar::default();
    t.fill(text);
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_new_and_char_index_agree_on_mixed_width_text() {
        // 1-, 2-, 3- and 4-byte characters, longer than several marks
        let text = "aé中𝄞".repeat(50);
        let idx = CharIndex::new(&text);
        let n = text.chars().count();
        assert_eq!(idx.len_chars(), n);
        let chars: Vec<char> = text.chars().collect();
        for (s, e) in [(0, 0), (0, 1), (1, 3), (63, 65), (64, 128), (130, n), (n, n)] {
            let a = Span::new(&text, s, e);
            assert_eq!(a, idx.span(s, e));
            assert_eq!(a.as_str(&text), chars[s..e].iter().collect::<String>());
            assert_eq!(a.len_chars(), e - s);
        }
    }

    #[test]
    #[should_panic(expected = "past the end")]
    fn span_past_the_end_panics() {
        Span::new("中文", 1, 3);
    }

    #[test]
    #[should_panic(expected = "past the end")]
    fn char_index_past_the_end_panics() {
        CharIndex::new("中文").byte(3);
    }
}
