//! `yinyu render`: one self-contained page whose quote elements match the
//! rows of `yinyu extract` (in headless Chromium: the corpus suite).

use crate::fixtures;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn yinyu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yinyu"))
}

fn rows(input: &Path) -> usize {
    let out = yinyu().args(["extract", "-q"]).arg(input).output().unwrap();
    assert!(out.status.success());
    csv::Reader::from_reader(&out.stdout[..]).records().count()
}

#[test]
fn page_is_self_contained_with_one_quote_id_per_row() {
    let fixture = fixtures::dir().join("press-conference.txt");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/article.txt");
    for input in [&fixture, &example] {
        let out = yinyu().arg("render").arg(input).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let html = String::from_utf8(out.stdout).unwrap();
        let ids: BTreeSet<&str> =
            html.split("data-qid=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
        let n = rows(input);
        assert!(n > 5);
        assert_eq!(ids.len(), n, "{}", input.display());
        assert!(html.contains(&format!("data-expected-quotes=\"{n}\"")));
        for external in ["src=", "href=", "url(", "@import", "http://", "https://"] {
            assert!(!html.contains(external), "{external} in the page of {}", input.display());
        }
        assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
    }
}
