//! Running the `yinyu` binary from the command's tests (both suites).
#![allow(dead_code)]

use std::process::Command;

/// The binary under test.
pub fn yinyu() -> Command {
    Command::new(env!("CARGO_BIN_EXE_yinyu"))
}

/// A fresh temporary directory for one test.
pub fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("yinyu-cli-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs the binary; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = yinyu().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The rows of a quotes CSV, as maps from column to cell.
pub fn csv_rows(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut rd = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let head = rd.headers().unwrap().clone();
    rd.records()
        .map(|r| head.iter().zip(r.unwrap().iter()).map(|(h, c)| (h.into(), c.into())).collect())
        .collect()
}

/// What `explain` prints about one quote: doc, start, end, method,
/// speaker, speaker type, themes, stance.
pub fn explained(out: &str) -> [String; 8] {
    let field = |tag: &str| {
        let l = out
            .lines()
            .find(|l| l.trim_start().starts_with(tag))
            .unwrap_or_else(|| panic!("no {tag}: {out}"));
        l.trim_start()[tag.len()..].trim().to_string()
    };
    let head: Vec<&str> = out.lines().next().unwrap().splitn(4, ' ').collect();
    let (start, end) = head[3].trim_start_matches('[').split_once(']').unwrap().0.split_once("..").unwrap();
    let speaker = field("speaker");
    let (name, rest) = speaker.split_once('[').unwrap();
    let name = name.trim();
    let stance = field("stance");
    let themes = field("themes");
    [
        head[1].to_string(),
        start.to_string(),
        end.to_string(),
        field("rule").split(' ').next().unwrap().to_string(),
        name.to_string(),
        rest.split_once(']').unwrap().0.to_string(),
        if themes == "-" { String::new() } else { themes },
        stance.split("cue stance").next().unwrap().trim().to_string(),
    ]
}
