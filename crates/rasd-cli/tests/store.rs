//! `rasd ingest`, `query`, `export` end to end, including a real ingest process killed midway
//! and re-run: nothing lost, nothing duplicated.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn rasd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .output()
        .expect("run rasd")
}

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("eval").is_dir().then_some(p)
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("rasd-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn ingest_query_export_on_the_seed() {
    let Some(shared) = shared() else { return };
    let dir = tmpdir("seed");
    let db = dir.join("db");
    let db = db.to_str().unwrap();
    let seed = shared.join("eval/dev");
    let out = rasd(&["ingest", "--db", db, seed.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 added"));
    // Idempotent.
    let out = rasd(&["ingest", "--db", db, seed.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 added, 1 already stored"));

    let d = json(&rasd(&[
        "query",
        "--db",
        db,
        "dyad",
        "داعش",
        "القاعدة",
        "--format",
        "json",
    ]));
    assert!(d["cooperation"]["count"].as_u64().unwrap() > 0);
    assert!(d["conflict"]["count"].as_u64().unwrap() > 0);
    assert!(d["events"][0]["evidence"]
        .as_str()
        .is_some_and(|e| !e.is_empty()));

    let s = json(&rasd(&[
        "query",
        "--db",
        db,
        "search",
        "تنظيم القاعدة",
        "--format",
        "json",
    ]));
    assert_eq!(s["total"], 1);

    let csv = rasd(&["export", "--db", db, "--format", "csv", "--type", "ASSAULT"]);
    assert!(csv.status.success());
    let text = String::from_utf8(csv.stdout).unwrap();
    assert!(
        text.lines().skip(1).all(|l| l.contains(",ASSAULT,")),
        "{text}"
    );

    let pq = dir.join("events.parquet");
    let out = rasd(&[
        "export",
        "--db",
        db,
        "--format",
        "parquet",
        "--out",
        pq.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(&std::fs::read(&pq).unwrap()[..4], b"PAR1");

    let out = rasd(&["query", "--db", db, "dyad", "داعش", "no-such-actor"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-actor"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_killed_ingest_loses_and_duplicates_nothing() {
    let Some(shared) = shared() else { return };
    let dir = tmpdir("kill");
    // 300 distinct documents from the dev-news articles (a numbered line makes each unique).
    let news = std::fs::read_to_string(shared.join("eval/dev-news/news.jsonl")).unwrap();
    let base: Vec<serde_json::Value> = news
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut lines = String::new();
    for i in 0..300 {
        let mut v = base[i % base.len()].clone();
        let text = format!("{}\n\nرقم المرجع {i}", v["text"].as_str().unwrap());
        v["text"] = text.into();
        v["id"] = format!("doc-{i}").into();
        lines.push_str(&v.to_string());
        lines.push('\n');
    }
    let input = dir.join("many.jsonl");
    std::fs::write(&input, lines).unwrap();
    let db = dir.join("db");
    let args = [
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--batch",
        "8",
        "-j",
        "1",
        input.to_str().unwrap(),
    ];
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL: no cleanup) once some batches are in.
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(50));
        let sqlite = db.join("rasd.sqlite");
        let done = sqlite.exists()
            && std::fs::metadata(db.join("rasd.sqlite-wal"))
                .map(|m| m.len() > 200_000)
                .unwrap_or(false);
        if done || start.elapsed() > Duration::from_secs(20) || child.try_wait().unwrap().is_some()
        {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let first = json(&rasd(&["query", "--db", db.to_str().unwrap(), "stats"]));
    let partial = first["documents"].as_i64().unwrap();
    assert!(
        partial < 300,
        "the kill came too late to test anything ({partial} documents)"
    );
    // Re-run: completes, skipping what is stored.
    let out = rasd(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats = json(&rasd(&["query", "--db", db.to_str().unwrap(), "stats"]));
    assert_eq!(stats["documents"], 300, "{stats}");
    let log = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(log.contains(&format!("{} added", 300 - partial)), "{log}");
    // Every stored document is searchable exactly once.
    let s = json(&rasd(&[
        "query",
        "--db",
        db.to_str().unwrap(),
        "search",
        "المرجع",
        "--format",
        "json",
        "--limit",
        "1",
    ]));
    assert_eq!(s["total"], 300);
    let _ = std::fs::remove_dir_all(&dir);
}
