//! The TSV format every lexicon file uses: `#` comments, a header, sorted
//! unique keys, a fixed number of columns.

use crate::error::LexiconError;

/// One data row with its 1-based line number.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line in the file.
    pub line: usize,
    /// The fields, as many as the header has.
    pub fields: Vec<String>,
}

impl Row {
    /// Field `i`, or "" when absent.
    pub fn get(&self, i: usize) -> &str {
        self.fields.get(i).map(String::as_str).unwrap_or("")
    }
}

/// Largest lexicon file accepted (bytes).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Parses `text` as a TSV lexicon whose header must equal `header`.
/// Returns the rows that are usable and every problem found. An empty file
/// (no header, no rows) is an empty lexicon.
pub fn parse(file: &str, text: &str, header: &[&str]) -> (Vec<Row>, Vec<LexiconError>) {
    let mut rows = Vec::new();
    let mut errs = Vec::new();
    if text.len() > MAX_FILE_BYTES {
        errs.push(LexiconError::new(file, 0, format!("file is larger than {MAX_FILE_BYTES} bytes")));
        return (rows, errs);
    }
    let mut seen_header = false;
    let mut prev_key: Option<String> = None;
    let mut keys: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let l = if line == 1 { l.trim_start_matches('\u{feff}') } else { l };
        if l.starts_with('#') {
            continue;
        }
        if l.trim().is_empty() {
            if !l.is_empty() {
                errs.push(LexiconError::new(file, line, "line of only white space"));
            }
            continue;
        }
        let fields: Vec<String> = l.split('\t').map(str::to_string).collect();
        if !seen_header {
            seen_header = true;
            if fields.iter().map(String::as_str).ne(header.iter().copied()) {
                errs.push(LexiconError::new(
                    file,
                    line,
                    format!("header is {:?}, expected {:?}", fields.join("\t"), header.join("\t")),
                ));
            }
            continue;
        }
        if fields.len() != header.len() {
            errs.push(LexiconError::new(
                file,
                line,
                format!("{} columns, expected {} ({})", fields.len(), header.len(), header.join(", ")),
            ));
            continue;
        }
        if let Some(f) = fields.iter().find(|f| f.trim() != f.as_str()) {
            errs.push(LexiconError::new(file, line, format!("field {f:?} has leading or trailing space")));
            continue;
        }
        let key = fields[0].clone();
        if key.is_empty() {
            errs.push(LexiconError::new(file, line, format!("empty {}", header[0])));
            continue;
        }
        if let Some(first) = keys.get(&key) {
            errs.push(LexiconError::new(file, line, format!("duplicate {key:?} (first on line {first})")));
            continue;
        }
        if let Some(p) = &prev_key {
            if key < *p {
                errs.push(LexiconError::new(file, line, format!("not sorted: {key:?} comes after {p:?}")));
            }
        }
        keys.insert(key.clone(), line);
        prev_key = Some(key);
        rows.push(Row { line, fields });
    }
    (rows, errs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_with_its_line() {
        let text = "# c\na\tb\nx\t1\nw\t2\nx\t3\ny\n z\t4\n";
        let (rows, errs) = parse("f.tsv", text, &["a", "b"]);
        assert_eq!(rows.len(), 2);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(msgs[0].starts_with("f.tsv:4: not sorted"), "{msgs:?}");
        assert!(msgs[1].starts_with("f.tsv:5: duplicate \"x\""), "{msgs:?}");
        assert!(msgs[2].starts_with("f.tsv:6: 1 columns"), "{msgs:?}");
        assert!(msgs[3].starts_with("f.tsv:7: field"), "{msgs:?}");
    }

    #[test]
    fn wrong_header_is_reported() {
        let (_, errs) = parse("f.tsv", "x\ty\n", &["a", "b"]);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("header"));
    }

    #[test]
    fn empty_file_is_empty_lexicon() {
        let (rows, errs) = parse("f.tsv", "", &["a", "b"]);
        assert!(rows.is_empty() && errs.is_empty());
    }
}
