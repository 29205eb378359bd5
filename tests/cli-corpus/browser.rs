//! `yinyu render` on the seed page: one self-contained page whose quote
//! elements match the rows of `yinyu extract`, and in headless Chromium
//! (tests/browser/check_render.sh; fails when /usr/bin/chromium is missing).

use crate::corpus_dir;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn yinyu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yinyu"))
}

#[test]
fn seed_page_is_self_contained_with_one_quote_id_per_row() {
    let seed = corpus_dir().join("xinhua-china-central-asia-2025.txt");
    let out = yinyu().arg("render").arg(&seed).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = String::from_utf8(out.stdout).unwrap();
    let ids: BTreeSet<&str> = html.split("data-qid=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    let out = yinyu().args(["extract", "-q"]).arg(&seed).output().unwrap();
    assert!(out.status.success());
    let n = csv::Reader::from_reader(&out.stdout[..]).records().count();
    assert!(n > 5);
    assert_eq!(ids.len(), n);
    assert!(html.contains(&format!("data-expected-quotes=\"{n}\"")));
    for external in ["src=", "href=", "url(", "@import", "http://", "https://"] {
        assert!(!html.contains(external), "{external} in the page of the seed");
    }
    assert_eq!(html.matches("<mark").count(), html.matches("</mark>").count());
}

/// Runs tests/browser/check_render.sh (the example article and the seed
/// page in headless Chromium); Debian's chromium is required
/// (`apt-get install -y chromium`, as .ci/run does).
#[test]
fn chromium_renders_as_many_quotes_as_extract_finds() {
    corpus_dir();
    assert!(
        Path::new("/usr/bin/chromium").exists(),
        "/usr/bin/chromium is missing: the browser check needs it (apt-get install -y chromium)"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/browser/check_render.sh");
    let out = Command::new("bash").arg(&script).env("YINYU", env!("CARGO_BIN_EXE_yinyu")).output().unwrap();
    let log = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "{log}");
    assert_eq!(log.matches(" ok: ").count(), 3, "{log}");
}
