//! The store on real Arabic news: the seed article and the dev-news set from `../shared`
//! (skipped when `../shared` is absent).

use std::path::Path;

use rasd_analysis::Record;
use rasd_ingest::reader::{expand, read, ReadOptions};
use rasd_store::query::{EventFilter, Period};
use rasd_store::{content_id, export, Prepared, Store};

fn shared(p: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(p);
    path.exists().then(|| path.display().to_string())
}

fn prepare(inputs: &[String]) -> Vec<Prepared> {
    let kb = rasd_kb::Kb::embedded();
    let mut out = Vec::new();
    for input in expand(inputs).into_iter().flatten() {
        for doc in read(&input, ReadOptions::default()).flatten() {
            let id = content_id(&doc.text);
            out.push(Prepared {
                id,
                record: Record::from_document(doc, kb),
            });
        }
    }
    out
}

#[test]
fn seed_article_dyad_search_and_idempotence() {
    let Some(seed) = shared("eval/dev/isis-aq-merger.txt") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let stats = store.ingest(prepare(std::slice::from_ref(&seed))).unwrap();
    assert_eq!(stats.added, 1);
    assert!(stats.events > 10, "{stats:?}");

    // Re-ingesting the same text is a no-op.
    let again = store.ingest(prepare(&[seed])).unwrap();
    assert_eq!((again.added, again.skipped), (0, 1));

    // داعش ↔ القاعدة: both cooperation and conflict, with evidence, whichever name is asked.
    let d = store.dyad("داعش", "القاعدة", Period::Month).unwrap();
    assert!(
        d.cooperation.count > 0 && d.conflict.count > 0,
        "{:?} {:?}",
        d.cooperation,
        d.conflict
    );
    assert!(d.cooperation.mean_score > 0.0 && d.conflict.mean_score < 0.0);
    assert!(d.events.iter().all(|e| !e.evidence.is_empty()));
    let by_key = store.dyad("isis", "al-qaeda", Period::Week).unwrap();
    assert_eq!(by_key.cooperation.count, d.cooperation.count);
    // Weekly buckets, except events dated only to a year, which keep their year.
    assert!(
        by_key
            .series
            .iter()
            .all(|p| p.period.contains("-W") || p.period.len() == 4),
        "{:?}",
        by_key.series
    );
    assert!(by_key.series.iter().any(|p| p.period == "2014"));

    // Arabic-aware search: clitics and spelling variants meet.
    let hits = store.search("تنظيم القاعدة", 10, 0).unwrap();
    assert_eq!(hits.total, 1);
    assert!(hits.hits[0].snippet_html.contains("<b>"));
    assert_eq!(store.search("وبالاندماج", 10, 0).unwrap().total, 1);

    // Event filters.
    let assaults = store
        .events(&EventFilter {
            event_type: Some("ASSAULT".into()),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(assaults.total > 0 && assaults.events.iter().all(|e| e.event_type == "ASSAULT"));
    let hyp = store
        .events(&EventFilter {
            aux: Some("hypothetical".into()),
            actor: Some("داعش".into()),
            limit: 100,
            ..Default::default()
        })
        .unwrap();
    assert!(hyp
        .events
        .iter()
        .all(|e| e.aux == "hypothetical" && e.actor.iter().any(|a| a.key == "isis")));

    // Actor profile.
    let p = store.entity("داعش").unwrap().unwrap();
    assert_eq!(p.key, "isis");
    assert!(p.partners.conflict.iter().any(|x| x.key == "al-qaeda"));
    assert!(p.aliases.iter().any(|a| a.valid.is_some()));

    // Exports.
    let mut csv = Vec::new();
    let n = export::write(
        &store,
        &EventFilter::default(),
        export::Format::Csv,
        &mut csv,
    )
    .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(csv.lines().count(), n + 1);
    assert!(csv.starts_with("event_id,story_id,story_date,date,event_type,mode,context,actor"));
    let mut pq = Vec::new();
    export::write(
        &store,
        &EventFilter::default(),
        export::Format::Parquet,
        &mut pq,
    )
    .unwrap();
    assert_eq!(&pq[..4], b"PAR1");
}

#[test]
fn near_duplicates_cluster_and_reports_merge() {
    let Some(news) = shared("eval/dev-news/news.jsonl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut docs = prepare(&[news]);
    let n = docs.len();
    // A wire copy: the first article again with a different first line.
    let kb = rasd_kb::Kb::embedded();
    let mut copy = docs[0].record.text.clone();
    copy.insert_str(0, "(رويترز) - ");
    let doc = rasd_ingest::reader::read_text_bytes("copy.txt", "copy", copy.as_bytes()).unwrap();
    docs.push(Prepared {
        id: content_id(&copy),
        record: Record::from_document(doc, kb),
    });
    let stats = store.ingest(docs).unwrap();
    assert_eq!(stats.added, n + 1);
    assert_eq!(stats.near_duplicates, 1, "{stats:?}");
    assert!(
        stats.merged_events > 0,
        "the copy's events join the original's groups: {stats:?}"
    );
    let st = store.stats().unwrap();
    assert_eq!(st.near_duplicates, 1);
    assert!(st.event_groups < st.events);

    // Reopening keeps everything and the index agrees with the database.
    drop(store);
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.stats().unwrap().documents as u64, store.indexed());
}

#[test]
fn crash_between_database_and_index_is_repaired_on_open() {
    let dir = tempfile::tempdir().unwrap();
    {
        let store = Store::open(dir.path()).unwrap();
        let text = "هاجم تنظيم داعش مواقع الجيش العراقي في الموصل أمس.";
        let doc = rasd_ingest::reader::read_text_bytes("a.txt", "a", text.as_bytes()).unwrap();
        store
            .ingest(vec![Prepared {
                id: content_id(text),
                record: Record::from_document(doc, rasd_kb::Kb::embedded()),
            }])
            .unwrap();
    }
    // Simulate a kill after the SQLite commit but before the index commit: the index is gone
    // and the documents are not marked indexed.
    std::fs::remove_dir_all(dir.path().join("index")).unwrap();
    rasd_store::testing::mark_unindexed(dir.path()).unwrap();
    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.indexed(), 1);
    assert_eq!(store.search("الموصل", 5, 0).unwrap().total, 1);
}
