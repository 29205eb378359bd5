//! The fixture articles under tests/fixtures (shared by the library's and
//! the command's test suites).

use std::path::PathBuf;

/// The file of one document per line.
pub const EACH_LINE: &str = "short-items.lines.txt";
/// The fixtures give at least this many rows (without terms).
pub const MIN_ROWS: usize = 50;

pub fn dir() -> PathBuf {
    root().join("tests/fixtures/articles")
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every fixture file by name, sorted.
pub fn names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 6, "fixture articles missing: {v:?}");
    v
}

/// Every fixture file, (name, text).
pub fn documents() -> Vec<(String, String)> {
    names().into_iter().map(|n| (n.clone(), read(&n))).collect()
}

/// The repository's root: the library's folder, the parent of the
/// command's (`cli/`).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if here.join("lexicons").is_dir() {
        here
    } else {
        here.join("..")
    }
}
