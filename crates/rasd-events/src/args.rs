//! Participants from Arabic clause structure: mention groups with the preposition that governs
//! them, subjects and objects of verbs, genitive complements of verbal nouns, agents after
//! `من قبل`/`على يد`, peers after `بين`, attribution sources.

use crate::lexicon::{fold, Entry, Form, Reporting, Role};
use crate::types::EventType;
use crate::{EntityInfo, MentionRef, Toks, Trig};
use rasd_text::tokenize::TokenKind;

/// The preposition (or marker) governing a mention group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prep {
    /// None: a subject, a direct object or a genitive.
    None,
    /// على.
    Ala,
    /// ضد، تجاه، في حق.
    Against,
    /// مع.
    With,
    /// عن.
    An,
    /// من.
    Min,
    /// إلى، نحو.
    Ila,
    /// في، داخل.
    Fi,
    /// بـ.
    Bi,
    /// لـ.
    Li,
    /// بين.
    Bayn,
    /// من قبل، على يد: the agent of a passive or a verbal noun.
    Agent,
    /// بقيادة، بزعامة: the leader of the preceding actor.
    Lead,
    /// Any other preposition or adverb (حول، بعد، خلال …).
    Other,
}

fn prep_word(w: &str) -> Option<Prep> {
    Some(match w {
        "علي" => Prep::Ala,
        "ضد" | "تجاه" | "ازاء" => Prep::Against,
        "مع" => Prep::With,
        "عن" => Prep::An,
        "من" => Prep::Min,
        "الي" | "نحو" => Prep::Ila,
        "في" | "داخل" | "بداخل" => Prep::Fi,
        "بين" => Prep::Bayn,
        "بقياده" | "بزعامه" | "برئاسه" | "يقودها" | "يقوده" => {
            Prep::Lead
        }
        "حول" | "بعد" | "قبل" | "خلال" | "منذ" | "امام" | "لدي" | "عند" | "عبر" | "ضمن" | "دون"
        | "بدون" | "لصالح" | "باسم" | "بحسب" | "حسب" | "وفقا" | "بشان" | "تجاوز" | "سوي"
        | "غير" | "مثل" | "كل" => Prep::Other,
        _ => return None,
    })
}

/// Nouns that head a name without being part of it: `قوات الجيش`، `عناصر داعش`، `مسلحو التنظيم`.
const HEADS: &[&str] = &[
    "قوات",
    "قواته",
    "عناصر",
    "مسلحو",
    "مسلحي",
    "مقاتلو",
    "مقاتلي",
    "قيادات",
    "قاده",
    "قادة",
    "فلول",
    "جنود",
    "ميليشيات",
    "مليشيات",
    "ميليشيا",
    "مليشيا",
    "جماعه",
    "تنظيم",
    "تنظيمي",
    "حركه",
    "قيادي",
    "زعيم",
    "امير",
    "مسؤولي",
    "مسؤولو",
    "مصادر",
    "سلطات",
    "السلطات",
    "حكومه",
    "رئيس",
    "وزير",
    "قائد",
    "المتحدث",
    "متحدث",
    "الناطق",
    "عضو",
    "اعضاء",
    "انصار",
    "مؤيدي",
    "وحدات",
    "كتائب",
    "الوية",
    "لواء",
    "فرع",
    "الفرع",
    "جبهه",
    "مجلس",
    "قوه",
];

/// Institution nouns through which a country acts when a nationality adjective follows.
const INSTITUTIONS: &[&str] = &[
    "الجيش",
    "جيش",
    "القوات",
    "قوات",
    "السلطات",
    "سلطات",
    "الحكومه",
    "حكومه",
    "الشرطه",
    "الامن",
    "قوات الامن",
    "الطيران",
    "المقاتلات",
    "مقاتلات",
    "الطائرات",
    "طائرات",
    "الرئيس",
    "الرئاسه",
    "الخارجيه",
    "الدفاع",
    "الداخليه",
    "البحريه",
    "الجانب",
    "الوفد",
    "وفد",
    "السفير",
    "سفير",
    "السفاره",
    "القنصليه",
    "المخابرات",
    "الاستخبارات",
    "النظام",
    "البرلمان",
    "الاداره",
    "المسؤولين",
    "المسؤولون",
    "مسؤولون",
    "القضاء",
    "المحكمه",
    "الحرس",
    "الوزير",
    "وزير",
    "الوزاره",
    "الدوله",
    "الاجهزه",
    "اجهزه",
    "الامن",
    "العسكريه",
    "الجنود",
    "جنود",
    "الدبلوماسيه",
    "البعثه",
    "القياده",
];

/// `أن`، `إن`، `بأن`: a subject before them belongs to the reporting clause, not to the trigger
/// after them.
const COMPLEMENTIZERS: &[&str] = &[
    "ان",
    "بان",
    "وان",
    "انه",
    "انها",
    "بانه",
    "بانها",
    "لان",
    "كي",
    "لكي",
    "حيث",
];

/// Heads that are one person's title: a name right after them is the participant.
const TITLES: &[&str] = &[
    "الرئيس",
    "رئيس",
    "الوزير",
    "وزير",
    "السفير",
    "سفير",
    "القائد",
    "المتحدث",
    "الناطق",
    "نائب",
    "الملك",
    "الامير",
    "ولي",
    "المبعوث",
    "الزعيم",
    "القيادي",
];

const COORD: &[&str] = &["و", ",", "\"", "«", "»", "“", "”", "'", "-", "(", ")"];

/// A run of coordinated mentions (`الجيش السوري والأكراد`) and what governs it.
#[derive(Debug, Clone)]
pub struct Group {
    /// Entities, in order, without repeats.
    pub entities: Vec<usize>,
    /// First token.
    pub t0: usize,
    /// Last token (inclusive).
    pub t1: usize,
    /// The governing preposition.
    pub prep: Prep,
    /// Resolved from a reference (التنظيمين، عليه), not a name in the text.
    pub synthetic: bool,
    /// A title with a nationality (الرئيس العراقي): a following person is the participant.
    pub title: bool,
}

/// The mention structure of one sentence.
pub struct Sentence {
    in_mention: Vec<bool>,
    /// Groups in text order.
    pub groups: Vec<Group>,
}

impl Sentence {
    /// Builds the groups of a sentence.
    pub fn new(
        text: &str,
        toks: &Toks,
        ms: &[&MentionRef],
        entities: &[EntityInfo],
        recent: &Recent,
    ) -> Sentence {
        let n = toks.len();
        let mut in_mention = vec![false; n];
        let mut groups: Vec<Group> = Vec::new();
        let mut last_tok: Option<usize> = None;
        for m in ms {
            let Some(a) = (0..n).find(|&k| toks.range(k).end > m.range.start) else {
                continue;
            };
            let b = (a..n)
                .take_while(|&k| toks.range(k).start < m.range.end)
                .last()
                .unwrap_or(a);
            if last_tok.is_some_and(|l| a <= l) {
                continue; // nested or overlapping mention
            }
            for f in in_mention.iter_mut().take(b + 1).skip(a) {
                *f = true;
            }
            last_tok = Some(b);
            let mut in_token = fold(&text[toks.range(a).start..m.range.start]);
            let mut a = a;
            let mut title = false;
            if m.demonym {
                // الجيش العراقي، السلطات الأردنية: the country acts through its institution;
                // الأراضي العراقية، صحيفة روسية: a modifier, not a participant.
                let head = [1, 2]
                    .iter()
                    .filter_map(|d| a.checked_sub(*d))
                    .filter(|&h| toks.is_word(h))
                    .find_map(|h| {
                        let stems = &toks.stems[h];
                        let w = &toks.fold[h];
                        stems
                            .iter()
                            .find(|(st, _)| INSTITUTIONS.contains(&st.as_str()))
                            .map(|(st, _)| {
                                (h, w.strip_suffix(st.as_str()).unwrap_or("").to_string())
                            })
                    });
                match head {
                    Some((h, prefix)) if groups.last().is_none_or(|g| g.t1 + 1 < h) => {
                        title = toks.stems[h]
                            .iter()
                            .any(|(w, _)| TITLES.contains(&w.as_str()));
                        a = h;
                        in_token = prefix;
                    }
                    _ => {
                        if let Some(g) = groups.last_mut().filter(|g| g.t1 + 1 == a) {
                            g.t1 = b;
                        }
                        continue;
                    }
                }
            }
            let conj_in_token = in_token.starts_with('و') || in_token.starts_with('ف');
            let prep = prep_before(text, toks, a, &in_token);
            if let Some(g) = groups.last_mut() {
                let between: Vec<usize> = (g.t1 + 1..a).collect();
                let separators = between.iter().all(|&k| {
                    COORD.contains(&toks.fold[k].as_str()) || toks.kind(k) == TokenKind::Proclitic
                });
                let coord = conj_in_token
                    || between.iter().any(|&k| {
                        matches!(toks.fold[k].as_str(), "و" | ",")
                            || (toks.kind(k) == TokenKind::Proclitic
                                && toks.fold[k].starts_with('و'))
                    });
                if separators && between.len() <= 3 {
                    if coord {
                        if !g.entities.contains(&m.entity)
                            && entities[m.entity].is_participant()
                                == entities[g.entities[0]].is_participant()
                        {
                            g.entities.push(m.entity);
                        }
                        g.t1 = b;
                        continue;
                    } else if between.is_empty()
                        && entities[m.entity].etype == "PER"
                        && g.title
                        && g.entities.len() == 1
                    {
                        // A title-like mention then a person (نائب الرئيس العراقي إياد علاوي):
                        // the person heads the group. Other adjacent names are separate
                        // groups: VSO puts subject and object side by side.
                        g.entities[0] = m.entity;
                        g.t1 = b;
                        continue;
                    }
                }
            }
            groups.push(Group {
                entities: vec![m.entity],
                t0: a,
                t1: b,
                prep,
                synthetic: false,
                title,
            });
        }
        // `التنظيمين`، `الطرفين`، `بينهما`: the two most recent participants.
        for (k, &inside) in in_mention.iter().enumerate() {
            if inside || !toks.is_word(k) {
                continue;
            }
            let w = toks.fold[k].as_str();
            let stems = &toks.stems[k];
            let pick = stems.iter().find_map(|(s, _)| Recent::pair_word(s));
            let (pick, prep) = match (pick, w) {
                (Some(p), _) => (Some(p), None),
                (None, "بينهما" | "بينهم") => (Some(Pair::Any), Some(Prep::Bayn)),
                _ => (None, None),
            };
            let Some(pick) = pick else {
                // التنظيم / الجماعة alone: the last armed group; عليه / عنه: the last person or group.
                let next_is_name = in_mention.get(k + 1).copied().unwrap_or(false)
                    || toks.fold.get(k + 1).is_some_and(|x| x == "\"" || x == "«");
                let one = stems.iter().find_map(|(s, p)| match s.as_str() {
                    "التنظيم" | "الجماعه" | "الحركه" | "الميليشيا" | "المليشيا"
                        if !next_is_name =>
                    {
                        recent.one(Pair::Groups, entities).map(|e| (e, *p, None))
                    }
                    _ => None,
                });
                let one = one.or_else(|| {
                    object_pronoun(w).and_then(|prep| {
                        recent
                            .person_or_group(entities)
                            .map(|e| (e, crate::Pre::default(), Some(prep)))
                    })
                });
                if let Some((e, pre, prep)) = one {
                    let prep = prep.unwrap_or(if pre.lam {
                        Prep::Li
                    } else if pre.prep {
                        Prep::Bi
                    } else {
                        prep_before(text, toks, k, "")
                    });
                    let at = groups.partition_point(|g| g.t0 < k);
                    groups.insert(
                        at,
                        Group {
                            entities: vec![e],
                            t0: k,
                            t1: k,
                            prep,
                            synthetic: true,
                            title: false,
                        },
                    );
                }
                continue;
            };
            let Some(pair) = recent.pair(pick, entities) else {
                continue;
            };
            let prep = prep.unwrap_or_else(|| {
                let in_token = stems
                    .iter()
                    .find(|(s, _)| Recent::pair_word(s).is_some())
                    .map(|(s, _)| s.as_str())
                    .unwrap_or(w);
                let prefix = w.strip_suffix(in_token).unwrap_or("");
                prep_before(text, toks, k, prefix)
            });
            let at = groups.partition_point(|g| g.t0 < k);
            groups.insert(
                at,
                Group {
                    entities: pair.to_vec(),
                    t0: k,
                    t1: k,
                    prep,
                    synthetic: true,
                    title: false,
                },
            );
        }
        Sentence { in_mention, groups }
    }

    /// True when token `i` is part of a mention.
    pub fn in_mention(&self, i: usize) -> bool {
        self.in_mention.get(i).copied().unwrap_or(false)
    }
}

/// The preposition before token `a`; `in_token` is the folded text of the token before the
/// mention starts (its proclitics).
fn prep_before(text: &str, toks: &Toks, a: usize, in_token: &str) -> Prep {
    let bare = in_token.trim_start_matches(['و', 'ف']);
    match bare {
        "ل" | "لل" => return Prep::Li,
        "ب" | "بال" => return Prep::Bi,
        "ك" => return Prep::Other,
        _ => {}
    }
    let mut k = a;
    let mut heads = 0;
    while k > 0 {
        k -= 1;
        let w = toks.fold[k].as_str();
        if toks.kind(k) == TokenKind::Punct && matches!(w, "\"" | "«" | "“" | "'" | "(") {
            continue;
        }
        if toks.kind(k) == TokenKind::Proclitic {
            let p = w.trim_start_matches(['و', 'ف']).trim_end_matches('ـ');
            return match p.trim_end_matches("ال") {
                "ل" | "لل" => Prep::Li,
                "ب" => Prep::Bi,
                _ => prep_at(toks, k),
            };
        }
        if !toks.is_word(k) {
            return Prep::None;
        }
        if let Some(p) = prep_word(w) {
            return match (p, k.checked_sub(1).map(|j| toks.fold[j].as_str())) {
                (Prep::Other, Some("من")) if w == "قبل" => Prep::Agent,
                _ => p,
            };
        }
        if w == "يد" && k > 0 && toks.fold[k - 1] == "علي" {
            return Prep::Agent;
        }
        if w == "حق" && k > 0 && toks.fold[k - 1] == "في" {
            return Prep::Against;
        }
        // A head noun (قوات، عناصر): the preposition is before it, or glued to it.
        let stems = &toks.stems[k];
        if let Some((_, pre)) = stems.iter().find(|(s, _)| HEADS.contains(&s.as_str())) {
            if pre.lam {
                return Prep::Li;
            }
            if pre.prep {
                return Prep::Bi;
            }
            heads += 1;
            if heads <= 2 {
                continue;
            }
        }
        return Prep::None;
    }
    let _ = text;
    Prep::None
}

/// A preposition with a third-person masculine pronoun: عليه، عنه، ضده، معه، منه، إليه، له.
fn object_pronoun(w: &str) -> Option<Prep> {
    let w = w.strip_prefix('و').unwrap_or(w);
    Some(match w {
        "عليه" => Prep::Ala,
        "عنه" => Prep::An,
        "ضده" => Prep::Against,
        "معه" => Prep::With,
        "منه" => Prep::Min,
        "اليه" => Prep::Ila,
        "له" => Prep::Li,
        _ => return None,
    })
}

fn prep_at(toks: &Toks, k: usize) -> Prep {
    if k == 0 {
        return Prep::None;
    }
    prep_word(toks.fold[k - 1].as_str()).unwrap_or(Prep::None)
}

/// Which pair a plural reference wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pair {
    /// التنظيمين، الجماعتين: armed groups.
    Groups,
    /// البلدين، الدولتين: countries.
    Countries,
    /// الطرفين، الجانبين: any participants.
    Any,
}

/// Recently mentioned participants, most recent first.
#[derive(Debug, Default)]
pub struct Recent {
    seen: Vec<usize>,
}

impl Recent {
    fn pair_word(w: &str) -> Option<Pair> {
        Some(match w {
            "التنظيمين" | "التنظيمان" | "الجماعتين" | "الجماعتان" | "تنظيمي" => {
                Pair::Groups
            }
            "البلدين" | "البلدان" | "الدولتين" | "الدولتان" => {
                Pair::Countries
            }
            "الطرفين" | "الطرفان" | "الجانبين" | "الجانبان" => {
                Pair::Any
            }
            _ => return None,
        })
    }

    fn one(&self, want: Pair, entities: &[EntityInfo]) -> Option<usize> {
        self.seen.iter().copied().find(|&e| match want {
            Pair::Groups => {
                entities[e].etype == "ORG"
                    && matches!(
                        entities[e].kind.as_str(),
                        "armed_group" | "coalition" | "party" | ""
                    )
            }
            _ => entities[e].is_participant(),
        })
    }

    fn person_or_group(&self, entities: &[EntityInfo]) -> Option<usize> {
        self.seen
            .iter()
            .take(3)
            .copied()
            .find(|&e| entities[e].etype == "PER")
            .or_else(|| self.one(Pair::Groups, entities))
    }

    fn pair(&self, want: Pair, entities: &[EntityInfo]) -> Option<[usize; 2]> {
        let ok = |e: usize| {
            let i = &entities[e];
            match want {
                Pair::Groups => {
                    i.etype == "ORG"
                        && matches!(
                            i.kind.as_str(),
                            "armed_group" | "coalition" | "party" | "organization" | ""
                        )
                }
                Pair::Countries => i.kind == "country",
                Pair::Any => i.is_participant() && !i.is_media() && i.etype != "LOC",
            }
        };
        let mut it = self.seen.iter().copied().filter(|&e| ok(e));
        let a = it.next()?;
        let b = it.next()?;
        Some([b, a])
    }

    /// Records a sentence's participants.
    /// Records a sentence's participants, nationality adjectives included (the later
    /// `البلدين` may mean the country of `الأميركي`).
    pub fn update(&mut self, mentions: &[&MentionRef], entities: &[EntityInfo]) {
        for m in mentions {
            let e = m.entity;
            if entities[e].is_participant() {
                self.seen.retain(|&x| x != e);
                self.seen.insert(0, e);
            }
        }
        self.seen.truncate(8);
    }
}

/// The attribution of a sentence.
#[derive(Debug, Clone, Default)]
pub struct Attribution {
    /// Outermost source first.
    pub chain: Vec<usize>,
    /// Entities cited only as sources (not available as participants).
    pub sources: Vec<usize>,
}

/// Records the source(s) of the reporting cue at tokens `i..end`.
pub fn attribute(
    toks: &Toks,
    sent: &Sentence,
    entities: &[EntityInfo],
    i: usize,
    end: usize,
    kind: Reporting,
    out: &mut Attribution,
) {
    // Places do not report (الشامية قالت is a misreading); people, organisations, countries do.
    let source = |g: &&Group| entities[g.entities[0]].is_participant();
    let after = |from: usize, max: usize, any_prep: bool| {
        sent.groups.iter().filter(source).find(|g| {
            g.t0 >= from
                && g.t0 - from <= max
                && (any_prep || g.prep == Prep::None)
                && !crosses(toks, from, g.t0)
        })
    };
    let before = |max: usize| {
        sent.groups.iter().rev().filter(source).find(|g| {
            g.t1 < i
                && i - g.t1 <= max
                && g.prep == Prep::None
                && !(g.t1 + 1..i).any(|k| toks.fold[k] == "." || toks.fold[k] == ":")
        })
    };
    let mut chain: Vec<usize> = Vec::new();
    let mut relayed = false;
    match kind {
        Reporting::Verb | Reporting::Relay => {
            if let Some(g) = after(end, 3, false).or_else(|| before(6)) {
                chain.push(g.entities[0]);
            }
            if kind == Reporting::Relay {
                let from = after(end, 3, false).map_or(end, |g| g.t1 + 1);
                if let Some(an) = (from..toks.len().min(from + 3)).find(|&k| toks.fold[k] == "عن")
                {
                    if let Some(g) = after(an + 1, 4, true) {
                        chain.push(g.entities[0]);
                        relayed = true;
                    }
                }
            }
        }
        Reporting::Prep => {
            if let Some(g) = after(end, 3, true) {
                chain.push(g.entities[0]);
                relayed = true;
            }
        }
    }
    if chain.is_empty() {
        return;
    }
    if relayed {
        out.sources.extend(chain.iter().copied());
    }
    if out.chain.is_empty() {
        out.chain = chain;
    }
}

fn crosses(toks: &Toks, a: usize, b: usize) -> bool {
    (a.min(b)..a.max(b)).any(|k| toks.is_boundary(k) && toks.fold[k] != "," && toks.fold[k] != "-")
}

/// An event's participants.
#[derive(Debug, Default)]
pub struct Parts {
    /// Actors.
    pub actor: Vec<usize>,
    /// Recipients.
    pub recipient: Vec<usize>,
    /// Location.
    pub location: Option<usize>,
}

/// Finds the participants of a trigger.
pub fn arguments(
    toks: &Toks,
    sent: &Sentence,
    trig: &Trig,
    entry: &Entry,
    sources: &[usize],
    entities: &[EntityInfo],
) -> Parts {
    // Participant groups: sources and non-participants removed.
    let groups: Vec<Group> = sent
        .groups
        .iter()
        .filter_map(|g| {
            let es: Vec<usize> = g
                .entities
                .iter()
                .copied()
                .filter(|e| {
                    entities[*e].is_participant()
                        && !sources.contains(e)
                        && !entities[*e].is_media()
                })
                .collect();
            (!es.is_empty()).then(|| Group {
                entities: es,
                ..g.clone()
            })
        })
        .collect();
    let gap_after = |g: &Group, from: usize| g.t0.checked_sub(from);
    let clause_ok = |a: usize, b: usize| !crosses(toks, a, b);
    let mut actor: Option<&Group> = None;
    let mut recipient: Option<&Group> = None;
    let mut used: Vec<usize> = Vec::new();
    let after = |from: usize, max: usize, preps: &[Prep], skip: &[usize]| {
        groups.iter().find(|g| {
            gap_after(g, from).is_some_and(|d| d <= max)
                && preps.contains(&g.prep)
                && clause_ok(from, g.t0)
                && !skip.contains(&g.t0)
        })
    };
    let before = |max: usize| {
        groups.iter().rev().find(|g| {
            g.t1 < trig.start
                && trig.start - g.t1 <= max
                && g.prep == Prep::None
                && !(g.t1 + 1..trig.start).any(|k| COMPLEMENTIZERS.contains(&toks.fold[k].as_str()))
                && !(g.t1 + 1..trig.start)
                    .any(|k| matches!(toks.fold[k].as_str(), "." | ":" | ";" | "?" | "!"))
        })
    };
    const TARGETS: &[Prep] = &[
        Prep::Ala,
        Prep::Against,
        Prep::With,
        Prep::An,
        Prep::Min,
        Prep::Ila,
        Prep::Li,
        Prep::Bayn,
    ];
    match trig.form {
        Form::Perfect | Form::Imperfect => {
            // SVO when a bare name stands right before the verb (after أن or at the clause
            // start), else VSO.
            let svo = if trig.passive { None } else { before(3) };
            actor = svo
                .or_else(|| after(trig.end, 3, &[Prep::None], &used))
                .or_else(|| if trig.passive { None } else { before(8) });

            if let Some(a) = actor {
                used.push(a.t0);
            }
            let from = actor
                .filter(|a| a.t0 >= trig.end)
                .map_or(trig.end, |a| a.t1 + 1);
            let mut preps = vec![Prep::None];
            preps.extend_from_slice(TARGETS);
            recipient = after(from, 6, &preps, &used);
            if let Some(ag) = after(trig.end, 10, &[Prep::Agent], &used) {
                // Passive with an explicit agent: تم اعتقاله على يد الشرطة.
                recipient = recipient.or(actor);
                actor = Some(ag);
            }
        }
        Form::Nominal => {
            let genitive = groups.iter().find(|g| {
                !trig.enclitic
                    && g.t0 >= trig.end
                    && g.t0 - trig.end <= 1
                    && matches!(g.prep, Prep::None | Prep::Li)
                    && (trig.end..g.t0).all(|k| toks.is_word(k) && !toks.fold[k].starts_with('و'))
            });
            if let Some(g) = genitive {
                used.push(g.t0);
                match entry.role {
                    Role::Patient => recipient = Some(g),
                    Role::Agent => actor = Some(g),
                }
                let li_agent = matches!(
                    entry.event_type,
                    EventType::Assault
                        | EventType::Coerce
                        | EventType::Mobilize
                        | EventType::Protest
                );
                if g.prep == Prep::Li && entry.role == Role::Patient && !entry.symmetric && li_agent
                {
                    // هجوم لداعش: لـ marks the agent (but تهديد لـ، دعم لـ: the patient).
                    recipient = None;
                    actor = Some(g);
                }
            }
            let agent_preps: &[Prep] = if entry.event_type == EventType::Aid {
                &[Prep::Agent, Prep::Min]
            } else {
                &[Prep::Agent, Prep::Li]
            };
            if let Some(ag) = after(trig.end, 8, agent_preps, &used) {
                if actor.is_none() {
                    used.push(ag.t0);
                    actor = Some(ag);
                }
            }
            if recipient.is_none() {
                recipient = after(trig.end, 8, TARGETS, &used);
                if let Some(r) = recipient {
                    used.push(r.t0);
                }
            }
            if actor.is_none() && !trig.passive {
                let reach = if trig.enclitic && entry.role == Role::Agent {
                    14
                } else {
                    6
                };
                actor = before(reach)
                    .filter(|g| !used.contains(&g.t0))
                    .or_else(|| after(trig.end, 5, &[Prep::None], &used));
            }
        }
    }
    let mut parts = Parts {
        actor: actor.map(|g| g.entities.clone()).unwrap_or_default(),
        recipient: recipient.map(|g| g.entities.clone()).unwrap_or_default(),
        location: None,
    };
    // Peers: بين X و Y, or a coordinated pair as the only party.
    if entry.symmetric || trig.form == Form::Nominal {
        if let Some(b) = after(trig.end, 8, &[Prep::Bayn], &[]) {
            if b.entities.len() >= 2 {
                parts.actor = vec![b.entities[0]];
                parts.recipient = b.entities[1..].to_vec();
            } else if let Some(other) = groups.iter().find(|g| {
                g.t0 > b.t1
                    && g.t0 - b.t1 <= 10
                    && g.prep == Prep::None
                    && toks.fold[g.t0].starts_with('و')
            }) {
                parts.actor = b.entities.clone();
                parts.recipient = other.entities.clone();
            }
        }
    }
    if entry.symmetric && parts.recipient.is_empty() && parts.actor.len() >= 2 {
        parts.recipient = parts.actor.split_off(1);
    }
    if entry.symmetric && parts.actor.is_empty() && parts.recipient.len() >= 2 {
        parts.actor = vec![parts.recipient.remove(0)];
    }
    parts.recipient.retain(|r| !parts.actor.contains(r));
    // Location: the nearest place in the clause that is not a participant.
    let (c0, c1) = toks.clause(trig.start);
    parts.location = sent
        .groups
        .iter()
        .filter(|g| g.t0 >= c0 && g.t1 < c1.max(c0))
        .filter(|g| {
            matches!(
                g.prep,
                Prep::Fi | Prep::Bi | Prep::Min | Prep::Ila | Prep::Ala | Prep::None
            )
        })
        .flat_map(|g| g.entities.iter().map(move |e| (g, *e)))
        .filter(|(_, e)| {
            entities[*e].is_place() && !parts.actor.contains(e) && !parts.recipient.contains(e)
        })
        .filter(|(g, e)| !entities[*e].is_participant() || g.prep == Prep::Fi)
        .min_by_key(|(g, _)| g.t0.abs_diff(trig.start))
        .map(|(_, e)| e);
    parts
}
