//! Golden tests on Arabic news sentences: each names its entities, and the coder must find the
//! event type, participants, aux and attribution a careful human coder would.

use rasd_events::{Aux, Coder, EntityInfo, Event, MentionRef};

/// (surface forms, type, kind) for each entity; every occurrence of a form is a mention.
fn code(text: &str, published: &str, ents: &[(&[&str], &str, &str)]) -> (Vec<Event>, Vec<String>) {
    let infos: Vec<EntityInfo> = ents
        .iter()
        .map(|(_, t, k)| EntityInfo {
            etype: t.to_string(),
            kind: k.to_string(),
            capital: false,
        })
        .collect();
    let mut mentions = Vec::new();
    for (i, (forms, _, kind)) in ents.iter().enumerate() {
        for f in *forms {
            for (at, _) in text.match_indices(f) {
                let overlaps = mentions
                    .iter()
                    .any(|m: &MentionRef| m.range.start < at + f.len() && at < m.range.end);
                if !overlaps {
                    let demonym = *kind == "country" && (f.ends_with('ي') || f.ends_with('ة'));
                    mentions.push(MentionRef {
                        range: at..at + f.len(),
                        entity: i,
                        demonym,
                    });
                }
            }
        }
    }
    let sentences = rasd_text::sentences::split(text);
    let coded = Coder::embedded().code(text, &sentences, &infos, &mentions, Some(published));
    let names = ents.iter().map(|(f, _, _)| f[0].to_string()).collect();
    (coded.events, names)
}

fn find<'a>(events: &'a [Event], t: &str) -> &'a Event {
    events
        .iter()
        .find(|e| e.event_type.as_str() == t)
        .unwrap_or_else(|| panic!("no {t} event in {events:#?}"))
}

const ISIS: &[&str] = &["داعش", "تنظيم الدولة"];
const AQ: &[&str] = &["القاعدة"];

#[test]
fn verb_subject_object() {
    let (ev, _) = code(
        "هاجم تنظيم داعش مواقع للجيش العراقي في الموصل.",
        "2017-04-22",
        &[
            (ISIS, "ORG", "armed_group"),
            (&["العراقي"], "LOC", "country"),
            (&["الموصل"], "LOC", "city"),
        ],
    );
    let e = find(&ev, "ASSAULT");
    assert_eq!(e.actor, vec![0]);
    assert_eq!(e.recipient, vec![1]);
    assert_eq!(e.location, Some(2));
    assert_eq!(e.aux, Aux::None);
    assert_eq!(e.date.as_deref(), Some("2017-04-22"));
}

#[test]
fn symmetric_noun_with_bayn_and_hypothetical() {
    let (ev, _) = code(
        "تحدثت تقارير عن احتمالية عودة التنسيق بين تنظيم داعش وتنظيم القاعدة في سورية.",
        "2017-04-22",
        &[
            (ISIS, "ORG", "armed_group"),
            (AQ, "ORG", "armed_group"),
            (&["سورية"], "LOC", "country"),
        ],
    );
    let e = find(&ev, "COOPERATE");
    let mut parties = [e.actor.clone(), e.recipient.clone()].concat();
    parties.sort();
    assert_eq!(parties, vec![0, 1]);
    assert_eq!(e.aux, Aux::Hypothetical);
}

#[test]
fn negation_future_and_history() {
    let (ev, _) = code(
        "لم يهاجم التنظيم الجيش اللبناني.",
        "2017-04-22",
        &[(&["الجيش اللبناني"], "ORG", "military")],
    );
    assert_eq!(find(&ev, "ASSAULT").aux, Aux::Negated);

    let (ev, _) = code(
        "ستهاجم قوات سوريا الديمقراطية داعش في الرقة.",
        "2017-04-22",
        &[
            (&["قوات سوريا الديمقراطية"], "ORG", "armed_group"),
            (ISIS, "ORG", "armed_group"),
            (&["الرقة"], "LOC", "city"),
        ],
    );
    let e = find(&ev, "ASSAULT");
    assert_eq!(
        (e.aux, e.actor.clone(), e.recipient.clone()),
        (Aux::Future, vec![0], vec![1])
    );

    let (ev, _) = code(
        "اعتقلت السلطات الأردنية محمد النص عام 2014.",
        "2017-04-22",
        &[
            (&["الأردنية"], "LOC", "country"),
            (&["محمد النص"], "PER", "person"),
        ],
    );
    let e = find(&ev, "COERCE");
    assert_eq!((e.actor.clone(), e.recipient.clone()), (vec![0], vec![1]));
    assert_eq!(e.aux, Aux::Historical);
    assert_eq!(e.date.as_deref(), Some("2014"));
    assert_eq!(e.mode, vec!["Arrest".to_string()]);
}

#[test]
fn passive_with_agent_and_pronoun_recipient() {
    let (ev, _) = code(
        "وصل محمد النص إلى عمان. وتم إلقاء القبض عليه من قبل المخابرات الأردنية.",
        "2017-04-22",
        &[
            (&["محمد النص"], "PER", "person"),
            (&["المخابرات الأردنية"], "ORG", "intelligence"),
        ],
    );
    let e = find(&ev, "COERCE");
    assert_eq!(e.actor, vec![1]);
    assert_eq!(e.recipient, vec![0]);
}

#[test]
fn attribution_chain_relay_and_prep() {
    let (ev, _) = code(
        "نقلت قناة فوكس نيوز عن مصادر في البنتاجون أن طائرات التحالف الدولي قصفت مواقع داعش.",
        "2017-04-22",
        &[
            (&["فوكس نيوز"], "ORG", "media"),
            (&["البنتاجون"], "ORG", "ministry"),
            (&["التحالف الدولي"], "ORG", "coalition"),
            (ISIS, "ORG", "armed_group"),
        ],
    );
    let e = find(&ev, "ASSAULT");
    assert_eq!(e.reported_by, vec![0, 1]);
    assert_eq!(e.actor, vec![2]);
    assert_eq!(e.recipient, vec![3]);
    assert_eq!(e.mode, vec!["Aerial".to_string()]);

    let (ev, _) = code(
        "وقتل عشرة من عناصر داعش في غارات للتحالف الدولي، بحسب المرصد السوري.",
        "2017-04-22",
        // لل + التحالف is written للتحالف: the mention starts after the first lam.
        &[
            (ISIS, "ORG", "armed_group"),
            (&["التحالف الدولي", "لتحالف الدولي"], "ORG", "coalition"),
            (&["المرصد السوري"], "ORG", "ngo"),
        ],
    );
    assert!(ev.iter().all(|e| e.reported_by == vec![2]), "{ev:#?}");
    assert!(
        ev.iter().any(|e| e.event_type.as_str() == "ASSAULT"
            && e.actor == vec![1]
            && e.recipient == vec![0]),
        "{ev:#?}"
    );
}

#[test]
fn pair_reference_and_split_from() {
    let (ev, _) = code(
        "ظهر تنظيم داعش وتنظيم القاعدة في المنطقة. وتصاعد الاقتتال بين التنظيمين.",
        "2017-04-22",
        &[(ISIS, "ORG", "armed_group"), (AQ, "ORG", "armed_group")],
    );
    let e = find(&ev, "ASSAULT");
    let mut parties = [e.actor.clone(), e.recipient.clone()].concat();
    parties.sort();
    assert_eq!(parties, vec![0, 1]);

    let (ev, _) = code(
        "كان تنظيم جبهة النصرة أعلن منذ نحو عام انفكاكه عن تنظيم القاعدة.",
        "2017-04-22",
        &[
            (&["جبهة النصرة"], "ORG", "armed_group"),
            (AQ, "ORG", "armed_group"),
        ],
    );
    let e = find(&ev, "SANCTION");
    assert_eq!((e.actor.clone(), e.recipient.clone()), (vec![0], vec![1]));
    assert_eq!(e.date.as_deref(), Some("2016-04"));
}

#[test]
fn denial_negates_the_complement_and_names_are_not_triggers() {
    let (ev, _) = code(
        "ونفى المتحدث باسم الحوثيين أن تكون قوات الجماعة قد بادرت بالهجوم على الجيش اليمني.",
        "2023-03-26",
        &[
            (&["الحوثيين"], "ORG", "armed_group"),
            (&["اليمني"], "LOC", "country"),
        ],
    );
    assert_eq!(find(&ev, "ASSAULT").aux, Aux::Negated);

    // التحالف الدولي is an actor's name here, not a COOPERATE event.
    let (ev, _) = code(
        "قصف التحالف الدولي مواقع داعش.",
        "2017-04-22",
        &[
            (&["التحالف الدولي"], "ORG", "coalition"),
            (ISIS, "ORG", "armed_group"),
        ],
    );
    assert!(
        ev.iter().all(|e| e.event_type.as_str() != "COOPERATE"),
        "{ev:#?}"
    );
    assert_eq!(find(&ev, "ASSAULT").actor, vec![0]);
}

#[test]
fn no_participant_no_event_and_offsets_slice_the_text() {
    let text = "اندلعت اشتباكات عنيفة في المدينة أمس.";
    let (ev, _) = code(text, "2017-04-22", &[]);
    assert!(ev.is_empty());
    let text = "هاجم تنظيم داعش مدينة الرمادي أمس.";
    let (ev, _) = code(
        text,
        "2017-04-22",
        &[(ISIS, "ORG", "armed_group"), (&["الرمادي"], "LOC", "city")],
    );
    let e = find(&ev, "ASSAULT");
    assert_eq!(&text[e.trigger.clone()], "هاجم");
    assert_eq!(&text[e.evidence.clone()], text);
    assert_eq!(e.date.as_deref(), Some("2017-04-21"));
    assert!(e.score < -8.0);
}
