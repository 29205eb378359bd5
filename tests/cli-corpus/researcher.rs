//! The binary on real news, for what a researcher does with it: explain a
//! row of a one-passage-per-line file, review a lexicon edit.

use crate::command::{csv_rows, explained, run, tmpdir, yinyu};
use crate::corpus_dir;

#[test]
fn explain_each_line_explains_exactly_the_row_of_extract() {
    let file = corpus_dir().join("dev/cnews-dev.txt");
    let f = file.to_str().unwrap();
    let (code, csv, _) = run(&["extract", "--each-line", "-q", f]);
    assert_eq!(code, Some(0));
    let rows = csv_rows(&csv);
    assert!(rows.len() > 100);
    // 41: a pronoun the whole-file reading resolves to the previous line's person
    let mut ids: Vec<usize> = (1..=rows.len()).step_by(23).collect();
    ids.push(41);
    for id in ids {
        let r = &rows[id - 1];
        assert_eq!(r["quote_id"], id.to_string());
        let (code, out, err) = run(&["explain", "--each-line", f, "--quote", &id.to_string()]);
        assert_eq!(code, Some(0), "{err}");
        let want = ["doc", "start", "end", "method", "speaker", "speaker_type", "themes", "stance"]
            .map(|c| r[c].clone());
        assert_eq!(explained(&out), want, "quote {id}:\n{out}");
    }
    let (_, whole, _) = run(&["explain", f, "--quote", "41"]);
    assert_ne!(explained(&whole)[4], rows[40]["speaker"], "read whole, quote 41 gets another speaker");
    // standard input, read as the file is
    let out = yinyu()
        .args(["explain", "--each-line", "-", "--quote", "41"])
        .stdin(std::fs::File::open(&file).unwrap())
        .output()
        .unwrap();
    let stdin = String::from_utf8(out.stdout).unwrap();
    let (_, by_name, _) = run(&["explain", "--each-line", f, "--quote", "41"]);
    assert_eq!(stdin.replace("#41 -:", "#41 cnews-dev.txt:"), by_name);
}

#[test]
fn review_prints_the_rows_an_edit_changes_then_the_counts() {
    let d = tmpdir("review");
    let titles =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../lexicons/titles.tsv")).unwrap();
    let edited: String =
        titles.lines().filter(|l| !l.starts_with("总理\t")).map(|l| format!("{l}\n")).collect();
    assert!(edited.lines().count() < titles.lines().count(), "the embedded titles list 总理");
    std::fs::write(d.join("titles.tsv"), edited).unwrap();
    let same = tmpdir("review-same");
    std::fs::write(same.join("titles.tsv"), &titles).unwrap();
    let f = corpus_dir().join("dev/pd1998-dev.txt");
    let f = f.to_str().unwrap();
    let (code, out, err) = run(&["review", "--each-line", "--lexicons", d.to_str().unwrap(), f]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("± doc | kind | words | speaker (type) |"), "{out}");
    assert!(
        lines.iter().any(|l| l.starts_with("~ pd1998-dev.txt:") && l.contains(" | title: 总理 → ")),
        "{out}"
    );
    assert!(
        lines.last().unwrap().contains(" changed (") && lines.last().unwrap().contains("title "),
        "{out}"
    );
    let (code, json, _) = run(&["review", "--json", "--each-line", "--lexicons", d.to_str().unwrap(), f]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(v["counts"]["by_field"]["title"].as_u64().unwrap() >= 1, "{v}");
    assert_eq!(
        v["counts"]["changed"].as_u64().unwrap() as usize,
        lines.iter().filter(|l| l.starts_with("~ ")).count()
    );
    // the same lexicons, as base and as new: nothing changes, exit 0 too
    let (code, out, _) = run(&[
        "review",
        "--each-line",
        "--lexicons",
        same.to_str().unwrap(),
        "--base",
        same.to_str().unwrap(),
        f,
    ]);
    std::fs::remove_dir_all(&d).ok();
    std::fs::remove_dir_all(&same).ok();
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("0 added, 0 removed, 0 changed"), "{out}");
}
