//! `yinyu eval` against the reference scorer: `extract` writes a CSV,
//! `score.py` scores it, and every figure the two share must agree (to
//! 1e-4, finer than the third decimal) overall and for each kind.
//! python3 is required: without it these tests fail.

use crate::corpus_dir;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn yinyu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yinyu"))
}

fn score_py() -> PathBuf {
    let p = corpus_dir().join("../tools/score.py");
    assert!(p.is_file(), "{} is missing", p.display());
    p
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (python3 is required by these tests)"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Extracts `text` to a CSV in a temporary directory.
fn extract(text: &Path, each_line: bool, tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("yinyu-eval-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let csv = d.join("pred.csv");
    let mut c = yinyu();
    c.args(["extract", "-q", "-o", csv.to_str().unwrap(), text.to_str().unwrap()]);
    if each_line {
        c.arg("--each-line");
    }
    run(&mut c);
    csv
}

fn score(gold: &Path, pred: &Path, kind: Option<&str>) -> Value {
    let mut c = Command::new("python3");
    c.arg(score_py()).arg(gold).arg(pred).arg("--json").arg("--stance");
    if let Some(k) = kind {
        c.args(["--kinds", k]);
    }
    serde_json::from_str(&run(&mut c)).unwrap()
}

fn eval_json(gold: &Path, text: &Path, each_line: bool) -> Value {
    let mut c = yinyu();
    c.arg("eval").arg("--json").arg("--stance").arg(gold).arg(text);
    if each_line {
        c.arg("--each-line");
    }
    serde_json::from_str(&run(&mut c)).unwrap()
}

/// Every key of score.py's output must be in ours with the same value.
fn agree(py: &Value, ours: &Value, what: &str) -> usize {
    let py = py.as_object().unwrap();
    assert!(py.len() >= 18, "{what}: score.py printed {} figures", py.len());
    for (k, v) in py {
        let o = ours.get(k).unwrap_or_else(|| panic!("{what}: yinyu eval has no {k}"));
        match (k.as_str(), v) {
            ("correct_by_difficulty", Value::Object(m)) => {
                let om = o.as_object().unwrap();
                assert_eq!(m.len(), om.len(), "{what}: {k}: {v} vs {o}");
                for (d, frac) in m {
                    let r = &om[d];
                    assert_eq!(
                        frac.as_str().unwrap(),
                        format!("{}/{}", r["hits"], r["of"]),
                        "{what}: {k}.{d}"
                    );
                }
            }
            (_, Value::Null) => assert!(o.is_null(), "{what}: {k}: null vs {o}"),
            (_, Value::Number(n)) => {
                let (a, b) = (n.as_f64().unwrap(), o.as_f64().unwrap_or(f64::NAN));
                assert!((a - b).abs() < 1e-4, "{what}: {k}: score.py {a} vs yinyu eval {b}");
            }
            _ => assert_eq!(v, o, "{what}: {k}"),
        }
    }
    py.len()
}

fn check(gold: &Path, text: &Path, each_line: bool, tag: &str) -> Value {
    let pred = extract(text, each_line, tag);
    let ours = eval_json(gold, text, each_line);
    agree(&score(gold, &pred, None), &ours["all"], &format!("{tag} all"));
    for k in ["direct", "partial", "indirect"] {
        agree(&score(gold, &pred, Some(k)), &ours["by_kind"][k], &format!("{tag} {k}"));
    }
    // --pred scores the same CSV without tagging again
    let again: Value = serde_json::from_str(&run(yinyu()
        .arg("eval")
        .arg("--json")
        .arg("--stance")
        .arg("--pred")
        .arg(&pred)
        .arg(gold)
        .arg(text)))
    .unwrap();
    assert_eq!(again["all"], ours["all"], "{tag}: --pred differs from tagging");
    std::fs::remove_dir_all(pred.parent().unwrap()).ok();
    ours
}

#[test]
fn seed_figures_agree_with_score_py() {
    let d = corpus_dir();
    let ours = check(
        &d.join("xinhua-china-central-asia-2025.gold.csv"),
        &d.join("xinhua-china-central-asia-2025.txt"),
        false,
        "seed",
    );
    assert_eq!(ours["all"]["gold_required"], 73);
    // the kinds split the seed's required rows
    let sum: u64 = ["direct", "partial", "indirect"]
        .iter()
        .map(|k| ours["by_kind"][k]["gold_required"].as_u64().unwrap())
        .sum();
    assert_eq!(sum, 73);
    // the seed's gold has a stance on every required row: the stance figures
    // (checked against score.py --stance above) cover them all
    assert_eq!(ours["all"]["stance_units"], 73);
    assert!(ours["all"]["stance_accuracy"].as_f64().unwrap() > 0.0);
}

#[test]
fn stance_errors_name_gold_and_predicted_stance() {
    let d = corpus_dir();
    let out = run(yinyu()
        .args(["eval", "--stance", "--errors"])
        .arg(d.join("xinhua-china-central-asia-2025.gold.csv"))
        .arg(d.join("xinhua-china-central-asia-2025.txt")));
    assert!(out.contains("stance accuracy"), "{out}");
    let section: Vec<&str> = out.lines().skip_while(|l| !l.starts_with("# wrong stance")).collect();
    assert!(!section.is_empty(), "{out}");
    let n: usize = section[0].rsplit(' ').next().unwrap().parse().unwrap();
    // one line per error naming both labels, then the words
    let rows: Vec<&&str> = section.iter().filter(|l| l.contains(": gold ")).collect();
    assert_eq!(rows.len(), n);
    assert!(rows.iter().all(|l| l.contains(" / got ")), "{out}");
}

#[test]
fn dev_gold_figures_agree_with_score_py() {
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/gold/sogou-dev.gold.csv");
    let ours = check(&gold, &corpus_dir().join("dev/sogou-dev.txt"), true, "sogou");
    assert_eq!(ours["all"]["gold_required"], 29);
    // the hand gold finds real mistakes: the comparison is not between two perfect scores
    assert!(ours["all"]["end_to_end_f1"].as_f64().unwrap() < 1.0);
}

#[test]
fn errors_list_the_rows_score_py_lists() {
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/gold/sogou-dev.gold.csv");
    let text = corpus_dir().join("dev/sogou-dev.txt");
    let pred = extract(&text, true, "errors");
    let py = run(Command::new("python3").arg(score_py()).arg(&gold).arg(&pred).arg("--show-errors"));
    std::fs::remove_dir_all(pred.parent().unwrap()).ok();
    let section = |s: &str, from: &str| -> Vec<String> {
        s.lines()
            .skip_while(|l| !l.starts_with(from))
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .filter(|l| !l.starts_with("      "))
            .map(|l| l.trim().to_string())
            .collect()
    };
    let ours = run(yinyu().args(["eval", "--errors", "--each-line"]).arg(&gold).arg(&text));
    let (py_missed, our_missed) = (section(&py, "# missed"), section(&ours, "# missed"));
    assert!(!py_missed.is_empty());
    assert_eq!(py_missed, our_missed);
    assert_eq!(section(&py, "# wrong speaker").len(), section(&ours, "# wrong speaker").len());
    assert_eq!(section(&py, "# false positives").len(), section(&ours, "# false positives").len());
    // missed rows come with the words around them: each is followed by a
    // snippet line
    let lines: Vec<&str> = ours.lines().skip_while(|l| !l.starts_with("# missed")).skip(1).collect();
    let missed = lines.iter().take_while(|l| l.starts_with("  ")).enumerate();
    for (i, l) in missed.filter(|(_, l)| l.starts_with("  line ")) {
        let next = lines.get(i + 1).copied().unwrap_or_default();
        assert!(next.starts_with("      ") && next.contains('…'), "no words around {l:?}:\n{ours}");
    }
}
