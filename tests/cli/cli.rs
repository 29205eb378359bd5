//! The binary end to end.

use crate::fixtures;
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
        .args(["extract", concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/article.txt")])
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
    assert!(s.contains("cues.tsv:2: unknown variant `speach`"), "{s}");
}

#[test]
fn docs_lists_the_articles_of_a_file_of_dispatches() {
    let d = tmpdir("docs");
    let docs = d.join("docs.csv");
    let input = fixtures::dir().join("two-dispatches.txt");
    let out = yinyu()
        .args([
            "extract",
            input.to_str().unwrap(),
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
    // two closing datelines, a quote after the second, one byline
    assert_eq!(
        lines,
        [
            "doc,title,reporters,agency,place,date,paragraphs,quotes",
            "two-dispatches.txt#1,河谷市举办首届农民丰收节,,新华社,河谷,9月23日,2,2",
            "two-dispatches.txt#2,东岭港新航线开通,,新华社,东岭,9月24日,2,2",
            "two-dispatches.txt#3,,,,,,1,1",
            "two-dispatches.txt#4,南湖湿地公园重新开放,秦朗;许若宁,,,,2,2",
        ],
        "{s}"
    );
}

#[test]
fn lexicon_check_reports_every_seeded_mistake() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
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

/// Runs `extract DIR` and returns (exit code, stdout, stderr).
fn extract_dir(d: &std::path::Path) -> (Option<i32>, String, String) {
    let out = yinyu().args(["extract", d.to_str().unwrap()]).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A directory with one good file, plus whatever `add` puts there.
fn dir_with_good_file(tag: &str) -> std::path::PathBuf {
    let d = tmpdir(tag);
    std::fs::write(d.join("good.txt"), "“今天开会。”老王说。").unwrap();
    d
}

#[test]
fn summary_accounts_for_an_empty_file() {
    let d = dir_with_good_file("empty");
    std::fs::write(d.join("blank.txt"), "").unwrap();
    std::fs::write(d.join("spaces.txt"), " \n\u{3000}\n").unwrap();
    let (code, out, err) = extract_dir(&d);
    std::fs::remove_dir_all(&d).ok();
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("skipped ") && err.contains("blank.txt: empty file"), "{err}");
    assert!(err.contains("spaces.txt: empty file"), "{err}");
    assert!(err.contains("3 input(s): 1 processed, 2 skipped, 0 failed"), "{err}");
    assert!(out.contains("good.txt,1,"), "{out}");
}

#[test]
fn summary_accounts_for_invalid_utf8_with_its_offset() {
    let d = dir_with_good_file("utf8");
    let mut bytes = "他说：“好。”".as_bytes().to_vec();
    let at = bytes.len();
    bytes.extend([0xff, 0xfe]);
    bytes.extend("还有。".as_bytes());
    std::fs::write(d.join("broken.txt"), &bytes).unwrap();
    let (code, out, err) = extract_dir(&d);
    std::fs::remove_dir_all(&d).ok();
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains(&format!("failed {}", d.join("broken.txt").display())), "{err}");
    assert!(err.contains(&format!("broken.txt: cannot decode as UTF-8 at byte {at}")), "{err}");
    assert!(err.contains("2 input(s): 1 processed, 0 skipped, 1 failed"), "{err}");
    assert!(out.contains("good.txt,1,"), "{out}");
}

#[cfg(unix)]
#[test]
fn summary_accounts_for_a_symlink_loop() {
    let d = dir_with_good_file("loop");
    std::fs::create_dir_all(d.join("sub")).unwrap();
    std::os::unix::fs::symlink("..", d.join("sub/up")).unwrap();
    std::os::unix::fs::symlink("self.txt", d.join("self.txt")).unwrap();
    let (code, out, err) = extract_dir(&d);
    std::fs::remove_dir_all(&d).ok();
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("up: directory already visited (symlink loop)"), "{err}");
    assert!(err.contains("self.txt: symlink cannot be followed"), "{err}");
    // good.txt is read once, not once per way round the loop
    assert_eq!(out.matches("good.txt,1,").count(), 1, "{out}");
    assert!(err.contains("3 input(s): 1 processed, 2 skipped, 0 failed"), "{err}");
}

#[test]
fn files_a_walk_does_not_read_are_listed_but_are_not_errors() {
    let d = dir_with_good_file("nottxt");
    std::fs::write(d.join("notes.md"), "x").unwrap();
    let (code, out, err) = extract_dir(&d);
    std::fs::remove_dir_all(&d).ok();
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("notes.md: not a .txt file"), "{err}");
    assert!(
        err.contains("2 input(s): 1 processed, 1 skipped, 0 failed; 1 doc(s), 1 quote(s), 0 error(s)"),
        "{err}"
    );
    assert!(out.contains("good.txt,1,"), "{out}");
}

#[cfg(unix)]
#[test]
fn summary_accounts_for_an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let d = dir_with_good_file("unreadable");
    let locked = d.join("locked.txt");
    std::fs::write(&locked, "他说：“不行。”").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // root (or CAP_DAC_OVERRIDE) reads a mode-000 file anyway: then the
    // honest expectation is that it is processed like any other, and the
    // unprivileged case is run as `nobody` through setpriv when available
    let privileged = std::fs::read(&locked).is_ok();
    let (code, out, err) = extract_dir(&d);
    let as_nobody = if privileged {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_yinyu")])
            .args(["extract", d.to_str().unwrap()])
            .output()
            .ok()
            .filter(|o| o.status.code() != Some(127) && !o.stdout.is_empty())
            .map(|o| {
                (
                    o.status.code(),
                    String::from_utf8_lossy(&o.stdout).into_owned(),
                    String::from_utf8_lossy(&o.stderr).into_owned(),
                )
            })
    } else {
        None
    };
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o600)).ok();
    std::fs::remove_dir_all(&d).ok();
    let expect_skipped = |(code, out, err): &(Option<i32>, String, String)| {
        assert_eq!(*code, Some(1), "{err}");
        assert!(err.contains("locked.txt: unreadable: Permission denied"), "{err}");
        assert!(err.contains("2 input(s): 1 processed, 1 skipped, 0 failed"), "{err}");
        assert!(out.contains("good.txt,1,") && !out.contains("locked.txt"), "{out}");
    };
    if privileged {
        assert_eq!(code, Some(0), "{err}");
        assert!(out.contains("good.txt,1,") && out.contains("locked.txt,1,"), "{out}");
        assert!(err.contains("2 input(s): 2 processed, 0 skipped, 0 failed"), "{err}");
        match as_nobody {
            Some(r) => expect_skipped(&r),
            None => eprintln!("running as root without setpriv: the unreadable case is not exercised"),
        }
    } else {
        expect_skipped(&(code, out, err));
    }
}

/// `-o` on a special file writes into it: renaming a finished temporary file
/// over it (as for a regular file) would replace /dev/null with a file.
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_writes_into_the_pipe_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let d = tmpdir("fifo");
    let fifo = d.join("rows.pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = yinyu()
        .args([
            "extract",
            "-q",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/article.txt"),
            "-o",
            fifo.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // checked before waiting for the reader, which would wait for ever on a
    // pipe that was replaced
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe was replaced");
    assert!(!d.join("rows.pipe.yinyu-partial").exists());
    let rows = reader.join().unwrap();
    assert!(rows.starts_with("doc,quote_id,kind"), "{rows}");
    assert!(rows.lines().count() >= 9, "{rows}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn eval_by_method_folds_suffixes_and_ends_with_the_total() {
    let d = tmpdir("by-method");
    let gold = d.join("g.gold.csv");
    std::fs::write(
        &gold,
        "line,kind,head,speaker,title,affiliation,speaker_type,difficulty,required,themes\n\
         1,direct,今天天气很好,老王,,,person,easy,1,\n\
         1,indirect,明天要下雨,老李,,,person,easy,1,\n\
         2,direct,我们一起去,小张,,,person,stitched,0,\n",
    )
    .unwrap();
    let pred = d.join("p.csv");
    std::fs::write(
        &pred,
        "doc,kind,text,speaker,method\n\
         a.txt,direct,“今天天气很好。”,老王,postposed\n\
         a.txt,indirect,明天要下雨,老王,indirect\n\
         a.txt,direct,“我们一起去”,小张,postposed+stitched\n\
         a.txt,direct,“没有人说过。”,,unattributed\n",
    )
    .unwrap();
    let run = |extra: &str| {
        let out = yinyu()
            .args(["eval", extra, "--pred", pred.to_str().unwrap(), gold.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let (table, json) = (run("--by-method"), run("--json"));
    std::fs::remove_dir_all(&d).ok();
    let rows: Vec<Vec<&str>> = table
        .lines()
        .skip_while(|l| !l.starts_with("by method"))
        .skip(1)
        .map(|l| l.split_whitespace().collect())
        .collect();
    let want: Vec<Vec<&str>> = vec![
        vec!["postposed", "2", "2", "1.000", "0"],
        vec!["indirect", "1", "0", "0.000", "0"],
        vec!["unattributed", "0", "0", "-", "1"],
        vec!["total", "3", "2", "0.667", "1"],
    ];
    assert_eq!(rows, want, "{table}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let methods: Vec<&str> =
        v["by_method"].as_array().unwrap().iter().map(|r| r["method"].as_str().unwrap()).collect();
    assert_eq!(methods, ["postposed", "indirect", "unattributed"]);
    assert_eq!(v["by_method"][0]["units"], 2);
    assert!(v["by_method"][2]["share_right"].is_null());
}
