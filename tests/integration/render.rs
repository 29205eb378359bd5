//! `yinyu render`: one self-contained page whose quote elements match the
//! rows of `yinyu extract`; in headless Chromium when it is installed.

use crate::corpus_dir;
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
    let seed = corpus_dir().join("xinhua-china-central-asia-2025.txt");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/article.txt");
    for input in [&seed, &example] {
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

/// Runs tests/browser/check_render.sh when Debian's chromium is installed
/// (`apt-get install -y chromium`, the project's setup); without it only the
/// static checks above run.
#[test]
fn chromium_renders_as_many_quotes_as_extract_finds() {
    if !Path::new("/usr/bin/chromium").exists() {
        // CI installs it (.ci/run): there the check must run, never be skipped
        assert!(std::env::var("CI").is_err(), "CI=true but /usr/bin/chromium is missing");
        eprintln!("/usr/bin/chromium is not installed: browser check not run (apt-get install -y chromium)");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/check_render.sh");
    let out = Command::new("bash").arg(&script).env("YINYU", env!("CARGO_BIN_EXE_yinyu")).output().unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{log}");
    assert_eq!(log.matches(" ok: ").count(), 3, "{log}");
}
