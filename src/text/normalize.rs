//! Character-by-character normalisation for matching. Every character maps to
//! exactly one character, so a position in the normalised text is the same
//! position in the original: offsets never need a map.

use std::collections::HashMap;

/// Folds one character: full-width ASCII letters and digits to ASCII,
/// full-width straight quotes to ASCII ones, the ideographic space to a
/// space, and traditional characters to simplified ones (`t2s`).
pub fn fold(c: char, t2s: &HashMap<char, char>) -> char {
    match c {
        '\u{ff10}'..='\u{ff19}' | '\u{ff21}'..='\u{ff3a}' | '\u{ff41}'..='\u{ff5a}' => {
            char::from_u32(c as u32 - 0xfee0).unwrap_or(c)
        }
        '\u{ff02}' => '"',
        '\u{ff07}' => '\'',
        '\u{3000}' => ' ',
        _ => t2s.get(&c).copied().unwrap_or(c),
    }
}

/// Is `c` white space for trimming paragraphs?
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}' || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_script_one_to_one() {
        let mut t2s = HashMap::new();
        t2s.insert('說', '说');
        let s: String = "１９９８年他說＂ＡＢ＂".chars().map(|c| fold(c, &t2s)).collect();
        assert_eq!(s, "1998年他说\"AB\"");
        assert_eq!(s.chars().count(), "１９９８年他說＂ＡＢ＂".chars().count());
    }
}
