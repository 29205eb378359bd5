//! Quote-mark spans: “” ‘’ 「」 『』 and straight quotes, nested; 《》 titles
//! hide marks; an unclosed quote ends at its unit's end; a quote reopened on
//! the next paragraph of a long speech continues instead of nesting.

use crate::text::marks::{closer_of, is_closer};

/// One quotation-mark span inside a unit (character indices of the unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// Index of the opening mark.
    pub open: usize,
    /// Index of the closing mark, `None` when the quote never closes.
    pub close: Option<usize>,
    /// The opening mark.
    pub mark: char,
    /// 0 for a top-level quote, 1 inside another, and so on.
    pub depth: usize,
    /// Index (in the returned list) of the enclosing quote.
    pub parent: Option<usize>,
}

impl QuoteSpan {
    /// First character of the words.
    pub fn start(&self) -> usize {
        self.open + 1
    }
    /// One past the last character of the words (`len` when unclosed).
    pub fn end(&self, len: usize) -> usize {
        self.close.unwrap_or(len)
    }
}

/// Finds quote spans in `chars`, in order of their opening marks.
/// Linear in the input; never fails.
pub fn find(chars: &[char]) -> Vec<QuoteSpan> {
    let mut spans: Vec<QuoteSpan> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut in_title = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // the common case: a CJK ideograph is never a mark
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            i += 1;
            continue;
        }
        match c {
            '《' => in_title += 1,
            '》' => in_title = in_title.saturating_sub(1),
            '\n' => {
                in_title = 0;
                // a long speech reopens its quote on each paragraph
                let mut j = i;
                while j < chars.len() && chars[j].is_whitespace() {
                    j += 1;
                }
                if let (Some(&top), Some(&nc)) = (stack.first(), chars.get(j)) {
                    if spans[top].mark == nc {
                        i = j + 1;
                        continue;
                    }
                }
            }
            _ if in_title > 0 => {}
            _ => {
                let straight = c == '"' || c == '\'';
                let closes_top = stack
                    .last()
                    .is_some_and(|&t| closer_of(spans[t].mark) == Some(c) && (straight || is_closer(c)));
                if closes_top {
                    let t = stack.pop().expect("non-empty");
                    spans[t].close = Some(i);
                } else if closer_of(c).is_some() && (c != '\'' || near_han(chars, i)) {
                    spans.push(QuoteSpan {
                        open: i,
                        close: None,
                        mark: c,
                        depth: stack.len(),
                        parent: stack.last().copied(),
                    });
                    stack.push(spans.len() - 1);
                } else if is_closer(c) {
                    // closes an outer quote: the inner ones end unclosed here
                    if let Some(pos) = stack.iter().rposition(|&t| closer_of(spans[t].mark) == Some(c)) {
                        for &t in &stack[pos + 1..] {
                            spans[t].close = Some(i);
                        }
                        spans[stack[pos]].close = Some(i);
                        stack.truncate(pos);
                    }
                }
            }
        }
        i += 1;
    }
    spans
}

fn near_han(chars: &[char], i: usize) -> bool {
    let han = |c: &char| ('\u{4e00}'..='\u{9fff}').contains(c);
    chars.get(i + 1).is_some_and(han) || (i > 0 && chars.get(i - 1).is_some_and(han))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<(String, usize)> {
        let cs: Vec<char> = s.chars().collect();
        find(&cs).iter().map(|q| (cs[q.start()..q.end(cs.len())].iter().collect(), q.depth)).collect()
    }

    #[test]
    fn nested_and_titles() {
        assert_eq!(
            words("他说：“要推动共建‘一带一路’。”《“三个代表”学习》"),
            vec![("要推动共建‘一带一路’。".to_string(), 0), ("一带一路".to_string(), 1)]
        );
    }

    #[test]
    fn corner_quotes() {
        assert_eq!(words("柯文哲說「好」"), vec![("好".to_string(), 0)]);
    }

    #[test]
    fn unclosed_quote_ends_at_unit_end() {
        assert_eq!(words("他说：“我们"), vec![("我们".to_string(), 0)]);
    }

    #[test]
    fn long_speech_is_one_quote() {
        let w = words("他说：“第一段。\n\n“第二段。”");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].0, "第一段。\n\n“第二段。");
    }

    #[test]
    fn outer_closer_closes_inner() {
        assert_eq!(words("“甲‘乙”丙").len(), 2);
    }

    #[test]
    fn many_unbalanced_marks_are_linear() {
        let s: Vec<char> = std::iter::repeat_n('“', 100_000).collect();
        let spans = find(&s);
        assert_eq!(spans.len(), 100_000);
        assert!(spans.iter().all(|q| q.close.is_none()));
    }
}
