//! Streaming: a file (or any reader) is decoded block by block and cut into
//! segments of whole lines, so memory stays flat however large the input.
//!
//! A segment ends at the first quiet line break after [`SEGMENT_BYTES`]: the
//! line before it closes its paragraph (terminal punctuation, quotes
//! balanced) and the line after it does not continue a broken one. A segment
//! starts with a few lines of context from the one before ([`CONTEXT_LINES`]
//! lines, at most [`CONTEXT_BYTES`]); attribution reads them to know who was
//! speaking, and no row is taken from them. Segments are tagged independently
//! (in parallel, by [`crate::pipeline::Pipeline`]) and an [`crate::pipeline::Assembler`] per input names the
//! documents and numbers the quotes in input order.
//!
//! Limits, by design: a paragraph broken across a column and continued more
//! than one segment later is not re-joined, and a pronoun whose antecedent is
//! further back than the context is left unresolved, exactly as at the start
//! of a document. A line longer than [`MAX_SEGMENT_BYTES`] is cut.

use crate::error::Error;
use crate::text::decode::{DecodeOptions, StreamDecoder};
use crate::text::marks;
use std::io::Read;

/// Target size of a segment in bytes of decoded text.
pub const SEGMENT_BYTES: usize = 1 << 20;
/// A segment is cut at any line break past this size; a longer line is cut
/// after its last sentence end before it (memory stays bounded on a page
/// that is one enormous paragraph).
pub const MAX_SEGMENT_BYTES: usize = 8 << 20;
/// Lines of context carried into the next segment.
pub const CONTEXT_LINES: usize = 3;
/// Largest context carried into the next segment.
pub const CONTEXT_BYTES: usize = 4096;
/// Lines after a broken paragraph during which its continuation may come.
pub const BROKEN_WINDOW: usize = 100;
const READ_BLOCK: usize = 1 << 20;

/// A run of whole lines of one input, ready to tag.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The input's name (the `doc` column is built from it).
    pub name: String,
    /// 0-based position of the segment in its input.
    pub index: usize,
    /// The text: context lines, then the segment's own lines.
    pub text: String,
    /// Characters of context at the start of `text`.
    pub context_chars: usize,
    /// Lines of context at the start of `text`.
    pub context_lines: usize,
    /// Character offset of `text` in the whole input.
    pub base_char: usize,
    /// Lines of the whole input before `text`.
    pub base_line: usize,
    /// The segment is the whole input.
    pub whole: bool,
}

enum Source<R> {
    Reader { r: R, dec: StreamDecoder },
    Done,
}

/// Cuts an input into [`Segment`]s; see the module notes.
pub struct Segments<R> {
    name: String,
    src: Source<R>,
    text: String,
    eof: bool,
    index: usize,
    context: String,
    emitted_chars: usize,
    emitted_lines: usize,
    replaced: usize,
    bytes: usize,
    failed: bool,
    non_initial: Vec<char>,
    target: usize,
    carry_context: bool,
}

impl<R: Read> Segments<R> {
    /// Segments of the bytes read from `r`, decoded as `opts` says.
    pub fn new(name: &str, r: R, opts: DecodeOptions, non_initial: Vec<char>) -> Self {
        Segments {
            name: name.to_string(),
            src: Source::Reader { r, dec: StreamDecoder::new(name, opts) },
            text: String::new(),
            eof: false,
            index: 0,
            context: String::new(),
            emitted_chars: 0,
            emitted_lines: 0,
            replaced: 0,
            bytes: 0,
            failed: false,
            non_initial,
            target: SEGMENT_BYTES,
            carry_context: true,
        }
    }

    /// Carry context lines into the next segment (default); off when every
    /// line is a document of its own.
    pub fn with_context(mut self, yes: bool) -> Self {
        self.carry_context = yes;
        self
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Undecodable bytes replaced so far (only with `lossy`).
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// Sets the target segment size (tests use small ones).
    pub fn with_target(mut self, bytes: usize) -> Self {
        self.target = bytes.max(1);
        self
    }

    fn fill(&mut self) -> Result<(), Error> {
        let Source::Reader { r, dec } = &mut self.src else {
            self.eof = true;
            return Ok(());
        };
        let mut block = vec![0u8; READ_BLOCK];
        let n = loop {
            match r.read(&mut block) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(Error::Io { name: self.name.clone(), source: e }),
            }
        };
        self.bytes += n;
        let last = n == 0;
        dec.feed(&block[..n], last, &mut self.text)?;
        self.replaced = dec.replaced();
        if last {
            self.eof = true;
            self.src = Source::Done;
        }
        Ok(())
    }

    /// Is the break between the lines `prev` and `next` quiet: `prev`
    /// closes its paragraph and `next` does not continue it?
    fn quiet(&self, prev: &str, next: &str) -> bool {
        let p = prev.trim_end();
        let Some(last) = p.chars().last() else { return true };
        if Self::lead_trimmed(next).is_empty() {
            return true;
        }
        let chars: Vec<char> = p.chars().collect();
        marks::is_paragraph_end(last)
            && marks::balance(&chars).open_at_end.is_empty()
            && !self.strong_start(next)
    }

    /// `line` without its leading white space (ideographic space included).
    fn lead_trimmed(line: &str) -> &str {
        line.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
    }

    /// Does a line start by continuing a broken paragraph?
    fn strong_start(&self, line: &str) -> bool {
        Self::lead_trimmed(line).chars().next().is_some_and(|first| {
            marks::is_closer(first) || marks::is_clause_punct(first) || self.non_initial.contains(&first)
        })
    }

    /// Where to cut `text`: a byte offset just after a `\n`, or `None` to
    /// read more first. Never inside a paragraph broken across a column
    /// whose continuation may still come (within [`BROKEN_WINDOW`] lines).
    fn cut(&self) -> Option<usize> {
        let t = &self.text;
        if t.len() < self.target {
            return if self.eof { Some(t.len()) } else { None };
        }
        let mut open = 0usize;
        let mut last_broken = 0usize;
        let mut line_start = 0usize;
        let mut prev: Option<(usize, usize)> = None;
        let mut any_break = None;
        for (i, nl) in t.match_indices('\n').map(|(b, _)| b).enumerate() {
            let line = &t[line_start..nl];
            if let Some((ps, pe)) = prev {
                // the break before `line`
                let quiet_cols = open == 0 || i - last_broken > BROKEN_WINDOW;
                if line_start >= self.target {
                    any_break.get_or_insert(line_start);
                    if quiet_cols && self.quiet(&t[ps..pe], line) {
                        return Some(line_start);
                    }
                }
            }
            if self.strong_start(line) {
                open = open.saturating_sub(1);
            }
            if crate::text::layout::is_broken_line(line) {
                open += 1;
                last_broken = i;
            }
            prev = Some((line_start, nl));
            line_start = nl + 1;
        }
        if t.len() >= MAX_SEGMENT_BYTES {
            let last_nl = t.as_bytes()[..t.len() - 1].iter().rposition(|&b| b == b'\n');
            if let Some(b) = any_break.or_else(|| last_nl.map(|i| i + 1)) {
                return Some(b);
            }
            // one line longer than a segment may be: cut it after its last
            // sentence end before the limit (or at the limit)
            let mut lim = MAX_SEGMENT_BYTES;
            while !t.is_char_boundary(lim) {
                lim -= 1;
            }
            let b = t[..lim]
                .char_indices()
                .rev()
                .find(|(_, c)| marks::is_terminal(*c))
                .map(|(i, c)| i + c.len_utf8())
                .unwrap_or(lim);
            return Some(b);
        }
        if self.eof {
            Some(t.len())
        } else {
            None
        }
    }

    fn next_segment(&mut self) -> Result<Option<Segment>, Error> {
        if self.failed {
            return Ok(None);
        }
        loop {
            if let Some(cut) = self.cut() {
                if cut == 0 && self.eof {
                    if self.index == 0 {
                        // an empty input is one empty segment
                        self.index = 1;
                        let mut seg = self.make(String::new());
                        seg.whole = true;
                        return Ok(Some(seg));
                    }
                    return Ok(None);
                }
                let rest = self.text.split_off(cut);
                let own = std::mem::replace(&mut self.text, rest);
                let whole = self.index == 0 && self.eof && self.text.is_empty();
                let mut seg = self.make(own);
                seg.whole = whole;
                self.index += 1;
                return Ok(Some(seg));
            }
            self.fill()?;
        }
    }

    fn make(&mut self, own: String) -> Segment {
        let own_chars = own.chars().count();
        let own_lines = own.matches('\n').count();
        let context = std::mem::take(&mut self.context);
        let context_chars = context.chars().count();
        let context_lines = context.matches('\n').count();
        let seg = Segment {
            name: self.name.clone(),
            index: self.index,
            base_char: self.emitted_chars - context_chars,
            base_line: self.emitted_lines - context_lines,
            context_chars,
            context_lines,
            whole: false,
            text: context + &own,
        };
        self.emitted_chars += own_chars;
        self.emitted_lines += own_lines;
        if self.carry_context {
            self.context = tail_lines(&own);
        }
        seg
    }
}

/// The last whole lines of `s` to carry as context.
fn tail_lines(s: &str) -> String {
    if !s.ends_with('\n') {
        return String::new();
    }
    let mut start = s.len();
    for _ in 0..CONTEXT_LINES {
        match s[..start.saturating_sub(1)].rfind('\n') {
            Some(i) if s.len() - (i + 1) <= CONTEXT_BYTES => start = i + 1,
            None if s.len() <= CONTEXT_BYTES => {
                start = 0;
                break;
            }
            _ => break,
        }
    }
    s[start..].to_string()
}

impl Segments<std::io::Empty> {
    /// Segments of text already decoded.
    pub fn from_text(name: &str, text: &str, non_initial: Vec<char>) -> Self {
        let mut s = Segments::new(name, std::io::empty(), DecodeOptions::default(), non_initial);
        s.src = Source::Done;
        s.text = text.to_string();
        s.eof = true;
        s
    }
}

impl<R: Read> Iterator for Segments<R> {
    type Item = Result<Segment, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.next_segment() {
            Ok(s) => s.map(Ok),
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(text: &str, target: usize) -> Vec<Segment> {
        Segments::new("t", text.as_bytes(), DecodeOptions::default(), vec![])
            .with_target(target)
            .collect::<Result<Vec<_>, _>>()
            .unwrap()
    }

    #[test]
    fn segments_cover_the_input_once_with_exact_offsets() {
        let text = "甲说：“好。”\n乙说，不好。\n丙认为，\n应该再看看。\n丁说完了。\n";
        let all: Vec<char> = text.chars().collect();
        let s = segs(text, 8);
        assert!(s.len() > 1);
        let mut next = 0;
        for seg in &s {
            let chars: Vec<char> = seg.text.chars().collect();
            assert_eq!(&all[seg.base_char..seg.base_char + chars.len()], &chars[..]);
            assert_eq!(seg.base_char + seg.context_chars, next, "own text follows the previous segment");
            next = seg.base_char + chars.len();
        }
        assert_eq!(next, all.len());
    }

    #[test]
    fn no_cut_after_a_line_that_leaves_a_paragraph_open() {
        // 丙认为， ends on a comma: the next line continues it
        let text = "甲说，好。\n丙认为，\n应该再看看。\n丁说完了。\n";
        for seg in segs(text, 1) {
            assert!(!seg.text.ends_with("丙认为，\n"), "{:?}", seg.text);
        }
    }

    #[test]
    fn an_enormous_line_is_cut_at_a_sentence_end() {
        let unit = "他说好。".repeat(MAX_SEGMENT_BYTES / 12 + 100);
        let s = segs(&unit, SEGMENT_BYTES);
        assert!(s.len() >= 2);
        assert!(s[0].text.ends_with('。') && s[0].text.len() <= MAX_SEGMENT_BYTES);
        let total: usize = s.iter().map(|x| x.text.chars().count() - x.context_chars).sum();
        assert_eq!(total, unit.chars().count());
    }

    #[test]
    fn a_small_input_is_one_whole_segment() {
        let s = segs("他说，好。\n", SEGMENT_BYTES);
        assert_eq!(s.len(), 1);
        assert!(s[0].whole);
        assert_eq!(s[0].context_chars, 0);
    }

    #[test]
    fn decode_errors_name_the_byte_across_blocks() {
        let mut b = "说".repeat(READ_BLOCK).into_bytes();
        b.push(0xff);
        let r: Result<Vec<_>, _> = Segments::new("x.txt", &b[..], DecodeOptions::default(), vec![]).collect();
        let e = r.unwrap_err().to_string();
        assert_eq!(e, format!("x.txt: cannot decode as UTF-8 at byte {}", 3 * READ_BLOCK));
    }

    #[test]
    fn bom_is_dropped_and_gb18030_decodes() {
        let s = segs("\u{feff}他说，好。", 100);
        assert_eq!(s[0].text, "他说，好。");
        let (bytes, _, _) = encoding_rs::GB18030.encode("王毅说，好。");
        let opts = DecodeOptions { encoding: Some(encoding_rs::GB18030), lossy: false };
        let s: Vec<_> = Segments::new("g", &bytes[..], opts, vec![]).collect::<Result<_, _>>().unwrap();
        assert_eq!(s[0].text, "王毅说，好。");
    }

    #[test]
    fn lossy_counts_replacements() {
        let mut b = "他说".as_bytes().to_vec();
        b.extend_from_slice(&[0xff, 0xfe]);
        let opts = DecodeOptions { encoding: None, lossy: true };
        let mut it = Segments::new("x", &b[..], opts, vec![]);
        let seg = it.next().unwrap().unwrap();
        assert!(seg.text.starts_with("他说\u{fffd}"));
        assert_eq!(it.replaced(), 2);
    }
}
