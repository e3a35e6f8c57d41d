//! End-to-end tests of the `rasd` binary: the contract record, error handling in batches, and
//! the golden checks on `../shared` (skipped when it is absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rasd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .output()
        .expect("run rasd")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = repo().join("../shared");
    if p.join("eval").is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared is not present next to the repository");
        None
    }
}

fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("utf-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON record per line"))
        .collect()
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rasd-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn bundled_example_record() {
    let path = repo().join("examples/dateline-example.txt");
    let out = rasd(&["analyze", "--format", "jsonl", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        r["text"].as_str().unwrap(),
        text,
        "text must be the input exactly"
    );
    assert_eq!(r["id"], "dateline-example.txt");
    assert_eq!(
        r["title"].as_str().unwrap(),
        text.lines().next().unwrap().trim()
    );
    assert!(
        r["published"].as_str().unwrap().starts_with("2023-"),
        "{}",
        r["published"]
    );
    // Sentence and mention spans are char offsets into text.
    let chars: Vec<char> = text.chars().collect();
    let entities = r["entities"].as_array().unwrap();
    assert!(
        !entities.is_empty(),
        "the example names known actors and places"
    );
    for e in entities {
        for m in e["mentions"].as_array().unwrap() {
            let (a, b) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let got: String = chars[a..b].iter().collect();
            assert_eq!(got, m["text"].as_str().unwrap());
        }
    }
    for s in r["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        assert!(a < b && b <= chars.len());
        let sent: String = chars[a..b].iter().collect();
        assert_eq!(sent.trim(), sent);
    }
    // The share bar is marked as furniture.
    let kinds: Vec<&str> = r["layout"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"dateline") && kinds.contains(&"share_bar"),
        "{kinds:?}"
    );
}

#[test]
fn bad_documents_are_reported_and_the_batch_goes_on() {
    let d = tmpdir("batch");
    std::fs::write(
        d.join("a-good.txt"),
        "عنوان الخبر\nقال المتحدث إن الوفد وصل إلى بغداد.\n",
    )
    .unwrap();
    std::fs::write(d.join("b-empty.txt"), "").unwrap();
    let junk: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(d.join("c-junk.txt"), &junk).unwrap();
    std::fs::write(d.join("d-big.txt"), "ا".repeat(3000)).unwrap();
    std::fs::write(
        d.join("e-trunc.html"),
        "<html><head><title>خبر</title></head><body><div><p>بداية الخبر",
    )
    .unwrap();
    std::fs::write(
        d.join("f-lines.jsonl"),
        "{\"id\":\"x\",\"text\":\"نص أول\"}\n{broken\n{\"id\":\"y\",\"text\":\"نص ثان\"}\n",
    )
    .unwrap();
    let out = rasd(&["analyze", "--max-bytes", "4000", d.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code says something failed"
    );
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a-good.txt", "x", "y"]);
    let err = String::from_utf8_lossy(&out.stderr);
    for name in [
        "b-empty.txt",
        "c-junk.txt",
        "d-big.txt",
        "e-trunc.html",
        "f-lines.jsonl:2",
    ] {
        assert!(err.contains(name), "stderr should name {name}: {err}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn pretty_and_json_formats() {
    let path = repo().join("examples/dateline-example.txt");
    let out = rasd(&["analyze", "--format", "pretty", path.to_str().unwrap()]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("published") && s.contains("sentences"));
    let out = rasd(&[
        "analyze",
        "--format",
        "json",
        path.to_str().unwrap(),
        path.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON array");
    assert_eq!(v.as_array().unwrap().len(), 2);
}

#[test]
fn seed_article_title_date_and_text() {
    let Some(shared) = shared() else { return };
    let path = shared.join("eval/dev/isis-aq-merger.txt");
    let out = rasd(&["analyze", "--format", "jsonl", path.to_str().unwrap()]);
    assert!(out.status.success());
    let r = &records(&out)[0];
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(r["text"].as_str().unwrap(), text);
    assert_eq!(
        r["title"].as_str().unwrap(),
        text.lines().next().unwrap().trim()
    );
    assert_eq!(r["published"], "2017-04-22T23:07");
}

#[test]
fn dev_news_jsonl_reads_every_record() {
    let Some(shared) = shared() else { return };
    let path = shared.join("eval/dev-news/news.jsonl");
    let out = rasd(&["analyze", "--jobs", "2", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let n = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    assert_eq!(records(&out).len(), n);
}
