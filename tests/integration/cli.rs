//! The binary end to end.

use crate::corpus_dir;
use std::process::Command;

fn yinyu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yinyu"))
}

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("yinyu-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn example_prints_csv_with_the_contract_header() {
    let out = yinyu()
        .args(["extract", concat!(env!("CARGO_MANIFEST_DIR"), "/examples/article.txt")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s = String::from_utf8(out.stdout).unwrap();
    let mut lines = s.lines();
    assert_eq!(
        lines.next().unwrap(),
        "doc,quote_id,kind,start,end,text,speaker,speaker_id,speaker_type,title,affiliation,cue,method,confidence,themes,stance,cue_stance"
    );
    assert!(lines.count() >= 8);
}

#[test]
fn bad_utf8_is_reported_and_other_files_still_processed() {
    let d = tmpdir("bad");
    std::fs::write(d.join("a-bad.txt"), [0xe4, 0xbd, 0xa0, 0xff, 0xfe]).unwrap();
    std::fs::write(d.join("b-good.txt"), "“今天天气很好。”老王说。").unwrap();
    let out = yinyu().args(["extract", d.to_str().unwrap()]).output().unwrap();
    std::fs::remove_dir_all(&d).ok();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a-bad.txt: cannot decode as UTF-8 at byte 3"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("b-good.txt,1,direct"));
}

#[test]
fn lexicon_check_lists_every_problem_with_its_line() {
    let d = tmpdir("lex");
    std::fs::write(
        d.join("titles.tsv"),
        "title\tdomain\tplural\n总统\tstate\t0\n主席\tstate\t0\n主席\tstate\t0\n",
    )
    .unwrap();
    std::fs::write(d.join("cues.tsv"), "cue\tclass\tbare\tnote\n说\tspeach\t0\tx\n").unwrap();
    let out = yinyu().args(["lexicon", "check", d.to_str().unwrap()]).output().unwrap();
    std::fs::remove_dir_all(&d).ok();
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("titles.tsv:3: not sorted"), "{s}");
    assert!(s.contains("titles.tsv:4: duplicate \"主席\""), "{s}");
    assert!(s.contains("cues.tsv:2: unknown class \"speach\""), "{s}");
}

#[test]
fn docs_lists_the_three_articles_of_the_seed_page() {
    let d = tmpdir("docs");
    let docs = d.join("docs.csv");
    let seed = corpus_dir().join("xinhua-china-central-asia-2025.txt");
    let out = yinyu()
        .args([
            "extract",
            seed.to_str().unwrap(),
            "--docs",
            docs.to_str().unwrap(),
            "-o",
            d.join("q.csv").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = std::fs::read_to_string(&docs).unwrap();
    std::fs::remove_dir_all(&d).ok();
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 4, "{s}");
    assert!(lines[1].contains("韩梁;赵婕") && lines[1].contains("阿斯塔纳"), "{s}");
}

#[test]
fn lexicon_check_reports_every_seeded_mistake() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let dir = format!("{root}/bad-lexicons");
    let expected = std::fs::read_to_string(format!("{root}/bad-lexicons.expected")).unwrap();
    let out = yinyu().args(["lexicon", "check", &dir]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    let wanted: Vec<&str> =
        expected.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert!(wanted.len() >= 16, "the fixture seeds at least 16 mistakes");
    for w in &wanted {
        let full = format!("{dir}/{w}");
        assert!(lines.iter().any(|l| l.starts_with(&full)), "not reported: {w}\n{report}");
    }
    // every problem is on one line of its own, named by file and line
    for l in &lines {
        assert!(l.starts_with(&dir) && l.splitn(3, ':').count() == 3, "malformed report line: {l}");
    }
}
