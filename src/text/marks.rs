//! Quote marks and their balance. Marks are punctuation, not language
//! knowledge, so they are fixed here rather than in a lexicon.

/// Opening mark → its closing mark. Straight quotes close themselves.
pub fn closer_of(c: char) -> Option<char> {
    Some(match c {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '"' => '"',
        '\'' => '\'',
        _ => return None,
    })
}

/// Is `c` a closing curly or corner mark?
pub fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』')
}

/// Ends a sentence.
pub fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// Ends a clause (sentence ends included).
pub fn is_clause_punct(c: char) -> bool {
    is_terminal(c) || matches!(c, '，' | '；' | '：' | ',' | ';' | ':' | '、')
}

/// Any punctuation a paragraph may properly end with.
pub fn is_paragraph_end(c: char) -> bool {
    is_terminal(c)
        || is_closer(c)
        || matches!(c, '）' | ')' | '》' | '：' | ':' | '；' | ';' | '—' | '.' | '"' | '\'' | '】' | '］')
}

/// Quote balance of a paragraph: whether it opens with a closing mark that
/// has no opener before it, and the marks still open at its end.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Balance {
    /// A closing mark comes before any matching opener.
    pub leading_closer: bool,
    /// Opening marks not closed at the end, outermost first.
    pub open_at_end: Vec<char>,
}

/// Scans `chars` for quote balance, ignoring marks inside 《》.
pub fn balance(chars: &[char]) -> Balance {
    let mut stack: Vec<char> = Vec::new();
    let mut b = Balance::default();
    let mut in_title = 0usize;
    for &c in chars {
        // the common case: a CJK ideograph is never a mark
        if ('\u{4e00}'..='\u{9fff}').contains(&c) {
            continue;
        }
        match c {
            '《' => in_title += 1,
            '》' => in_title = in_title.saturating_sub(1),
            _ if in_title > 0 => {}
            '"' | '\'' => {
                if stack.last() == Some(&c) {
                    stack.pop();
                } else {
                    stack.push(c);
                }
            }
            _ if closer_of(c).is_some() => stack.push(c),
            _ if is_closer(c) => {
                if let Some(pos) = stack.iter().rposition(|&o| closer_of(o) == Some(c)) {
                    stack.truncate(pos);
                } else if stack.is_empty() {
                    b.leading_closer = true;
                }
            }
            _ => {}
        }
    }
    b.open_at_end = stack;
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cs(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn open_and_leading_closers() {
        let b = balance(&cs("“习近平主席在讲话中提到‘蜂蜜’，我"));
        assert_eq!(b.open_at_end, vec!['“']);
        assert!(!b.leading_closer);
        let b = balance(&cs("国中亚合作高质量发展年’，我对此充满期待。”他说"));
        assert!(b.leading_closer);
        assert!(b.open_at_end.is_empty());
    }

    #[test]
    fn titles_hide_marks() {
        assert_eq!(balance(&cs("《“三个代表”》")), Balance::default());
    }
}
