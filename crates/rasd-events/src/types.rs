//! PLOVER categories, auxiliary modes and the codebook's cooperation–conflict scores.

/// The 16 PLOVER event categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum EventType {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

const NAMES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

const ALL: [EventType; 16] = [
    EventType::Agree,
    EventType::Consult,
    EventType::Support,
    EventType::Concede,
    EventType::Cooperate,
    EventType::Aid,
    EventType::Retreat,
    EventType::Request,
    EventType::Accuse,
    EventType::Reject,
    EventType::Threaten,
    EventType::Protest,
    EventType::Sanction,
    EventType::Mobilize,
    EventType::Coerce,
    EventType::Assault,
];

impl EventType {
    /// The codebook's upper-case name.
    pub fn as_str(self) -> &'static str {
        NAMES[self as usize]
    }

    /// Parses an upper-case name.
    pub fn parse(s: &str) -> Option<EventType> {
        NAMES.iter().position(|n| *n == s).map(|i| ALL[i])
    }

    /// True for the cooperative half (AGREE … RETREAT).
    pub fn is_cooperation(self) -> bool {
        self <= EventType::Retreat
    }

    /// The PLOVER conflict–cooperation score of the category and mode, from the codebook's
    /// table "PLOVER conflict–cooperation scores".
    ///
    /// One deliberate change: the table prints ACCUSE's base score as **+3** while every ACCUSE
    /// mode is negative (Disapprove −2, Investigate −3.5, Allege −3.5) and ACCUSE sits in the
    /// verbal-conflict quad. A positive accusation would put accusations on the cooperative side
    /// of every dyad chart, so rasd reads the sign as a typo and uses **−3**.
    pub fn score(self, mode: Option<&str>) -> f32 {
        use EventType::*;
        let m = mode.unwrap_or("").to_ascii_lowercase();
        let by_mode = |table: &[(&str, f32)], base: f32| {
            table
                .iter()
                .find(|(k, _)| *k == m)
                .map_or(base, |(_, v)| *v)
        };
        match self {
            Agree => 2.5,
            Consult => by_mode(
                &[
                    ("visit", 4.0),
                    ("third-party", 1.0),
                    ("multilateral", 4.0),
                    ("phone", 1.5),
                ],
                2.5,
            ),
            Support => 5.0,
            Concede => 4.5,
            Cooperate => 9.5,
            Aid => 10.0,
            Retreat => by_mode(
                &[
                    ("withdraw", 8.0),
                    ("release", 6.5),
                    ("disarm", 10.0),
                    ("ceasefire", 7.5),
                    ("access", 6.5),
                    ("resign", 4.5),
                ],
                6.5,
            ),
            Request => by_mode(
                &[
                    ("assist", 0.5),
                    ("change", -1.0),
                    ("yield", -1.0),
                    ("meet", 0.0),
                ],
                0.0,
            ),
            Accuse => by_mode(
                &[
                    ("disapprove", -2.0),
                    ("investigate", -3.5),
                    ("allege", -3.5),
                ],
                -3.0,
            ),
            Reject => by_mode(
                &[
                    ("assist", -1.5),
                    ("change", -2.0),
                    ("yield", -2.0),
                    ("meet", -2.0),
                ],
                -2.0,
            ),
            Threaten => by_mode(
                &[
                    ("restrict", -3.0),
                    ("arrest", -3.5),
                    ("relations", -3.5),
                    ("expel", -3.5),
                    ("territory", -4.0),
                    ("violence", -3.5),
                ],
                -3.5,
            ),
            Protest => by_mode(
                &[
                    ("demo", -5.0),
                    ("riot", -7.0),
                    ("strike", -5.0),
                    ("hunger", -4.5),
                    ("boycott", -4.5),
                    ("obstruct", -4.5),
                ],
                -5.0,
            ),
            Sanction => by_mode(
                &[
                    ("convict", -6.0),
                    ("expel", -5.5),
                    ("withdraw", -6.0),
                    ("discontinue", -6.0),
                ],
                -6.0,
            ),
            Mobilize => by_mode(
                &[
                    ("troops", -6.5),
                    ("weapons", -6.5),
                    ("police", -5.5),
                    ("militia", -6.0),
                ],
                -5.5,
            ),
            Coerce => by_mode(
                &[
                    ("seize", -7.0),
                    ("restrict", -7.0),
                    ("censor", -6.5),
                    ("curfew", -6.5),
                    ("martial-law", -7.5),
                    ("arrest", -7.0),
                    ("deport", -7.0),
                    ("withhold", -7.0),
                    ("misinformation", -6.5),
                    ("cyber", -7.0),
                ],
                -7.0,
            ),
            Assault => by_mode(
                &[
                    ("abduct", -8.5),
                    ("beat", -7.5),
                    ("torture", -8.5),
                    ("sexual", -8.5),
                    ("targeted", -9.5),
                    ("destroy", -8.5),
                    ("primitive", -8.0),
                    ("firearms", -9.0),
                    ("explosives", -9.0),
                    ("suicide-attack", -9.5),
                    ("aerial", -9.5),
                    ("drone", -9.5),
                    ("heavy-weapons", -9.5),
                    ("crowd-control", -7.5),
                    ("unconventional", -10.0),
                ],
                -9.0,
            ),
        }
    }
}

/// PLOVER's auxiliary modes (`aux`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Aux {
    /// A plain report of something that happened or is happening.
    None,
    /// Happened well before the report.
    Historical,
    /// Announced or expected.
    Future,
    /// Possible, conditional, questioned.
    Hypothetical,
    /// Denied or said not to have happened.
    Negated,
}

impl Aux {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Aux::None => "none",
            Aux::Historical => "historical",
            Aux::Future => "future",
            Aux::Hypothetical => "hypothetical",
            Aux::Negated => "negated",
        }
    }

    /// Parses the contract's name.
    pub fn parse(s: &str) -> Option<Aux> {
        Some(match s {
            "none" => Aux::None,
            "historical" => Aux::Historical,
            "future" => Aux::Future,
            "hypothetical" => Aux::Hypothetical,
            "negated" => Aux::Negated,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_polarity() {
        for t in ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert!(EventType::Retreat.is_cooperation());
        assert!(!EventType::Request.is_cooperation());
    }

    #[test]
    fn scores_follow_the_codebook() {
        assert_eq!(EventType::Assault.score(Some("Aerial")), -9.5);
        assert_eq!(EventType::Assault.score(None), -9.0);
        assert_eq!(EventType::Consult.score(Some("Visit")), 4.0);
        assert_eq!(EventType::Aid.score(None), 10.0);
        // Every conflict category scores below every cooperative one, ACCUSE included.
        for t in ALL {
            if t.is_cooperation() {
                assert!(t.score(None) > 0.0, "{t:?}");
            } else if t != EventType::Request {
                assert!(t.score(None) < 0.0, "{t:?}");
            }
        }
    }
}
