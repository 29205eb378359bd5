//! The binary on real news: the docs table of the seed page.

use crate::command::{tmpdir, yinyu};
use crate::corpus_dir;

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
