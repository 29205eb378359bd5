//! Inputs found by `cargo fuzz` (fuzz/) that once crashed or misbehaved,
//! kept as regression tests. Each names the target and what went wrong.

use yinyu::Lexicons;

/// `lexicon` target: a bare carriage return in a TOML rule file made the
/// toml crate report an error with an empty message, so the user saw
/// `stance.toml:3: ` and nothing else.
#[test]
fn toml_syntax_error_without_message_is_still_explained() {
    // the input as the fuzzer found it (without its selector byte)
    let found = b"max_labels=  1\n[[rule]]\n\rmax_labels=  1\n9 \" { a = [\"\xe6\x94\xaf\xe6\x8c\x81\"], b = S\"5 }\n";
    for (file, bytes) in [("stance.toml", &found[..]), ("themes.toml", b"max_labels = 1\n\rx = 2\n")] {
        let mut lex = Lexicons::embedded();
        lex.replace(file, file, bytes.to_vec()).unwrap();
        let errs = lex.compile().unwrap_err();
        assert!(!errs.0.is_empty());
        for e in &errs.0 {
            assert_eq!(e.file, file);
            assert!(e.line > 0, "{e}");
            assert!(e.message.contains("unexpected '\\r'"), "{e}");
        }
    }
}

/// `lexicon` target: the same empty message when a TOML value is missing at
/// the very end of the file (`roads = ` and nothing after).
#[test]
fn toml_value_missing_at_end_of_file_is_explained() {
    let mut lex = Lexicons::embedded();
    lex.replace("themes.toml", "themes.toml", b"[lists]\nroads = ".to_vec()).unwrap();
    let errs = lex.compile().unwrap_err();
    assert_eq!(errs.0.len(), 1, "{errs}");
    assert_eq!(errs.to_string(), "themes.toml:2: invalid TOML: unexpected end of file");
}
