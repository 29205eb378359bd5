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

/// [`fold`] as a table: one array look-up per character of the Basic
/// Multilingual Plane, built once per tagger.
#[derive(Debug, Clone)]
pub struct Folder {
    bmp: Box<[char]>,
    t2s: HashMap<char, char>,
}

impl Folder {
    /// The table for `t2s`.
    pub fn new(t2s: &HashMap<char, char>) -> Folder {
        let bmp: Box<[char]> =
            (0u32..0x10000).map(|u| char::from_u32(u).map_or('\u{fffd}', |c| fold(c, t2s))).collect();
        Folder { bmp, t2s: t2s.clone() }
    }

    /// Folds one character, exactly as [`fold`].
    pub fn fold(&self, c: char) -> char {
        match self.bmp.get(c as usize) {
            Some(&f) => f,
            None => fold(c, &self.t2s),
        }
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

    #[test]
    fn the_table_agrees_with_fold_everywhere() {
        let mut t2s = HashMap::new();
        t2s.insert('說', '说');
        t2s.insert('\u{2f800}', '丽');
        let f = Folder::new(&t2s);
        for u in (0u32..0x30000).step_by(7).chain([0x8aaa, 0x2f800, 0xff10, 0x3000]) {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(f.fold(c), fold(c, &t2s), "U+{u:04X}");
            }
        }
    }
}
