//! Why one line of an imported file was refused: a code with what the line held, worded in French
//! (the command line, the network's pages in French) or English. Reports are kept in the
//! database between an import's check and its confirmation, so the problem is stored, not its
//! sentence: the page shows it in the language of whoever reads it.

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::regie::profile::NAME_MAX_CHARS;

/// What is wrong with a line. Values are quoted as the file wrote them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LineProblem {
    // Reading the file.
    FileEmpty,
    /// The CSV reader's own words (in English) for a line it could not split.
    Unreadable { detail: String },
    ColumnMissing { wanted: String, found: String },

    // A Régie's line.
    NameEmpty,
    NameLength { length: usize },
    PostcodeInvalid { value: String },
    PostcodeUnknown { value: String },
    CommuneEmpty,
    /// No commune of this postcode matches the name; `communes` lists those it has.
    CommuneNotFound { commune: String, postcode: String, communes: String },
    SiretDigits { value: String },
    SiretKey { value: String },
    SiretRepeated { siret: String, first: usize },
    CoordinatesIncomplete,
    Coordinates { lat: String, lon: String, why: CoordinatesWhy },
    EmailInvalid { value: String },
    StatusUnknown { value: String },
    /// A profile date: a day or a bare year.
    DateInvalid { value: String },
    ActivityUnknown { value: String },

    // A partnership's line.
    RegieMissing,
    RegieUnknown { value: String },
    PartnerNameMissing,
    PartnerKindUnknown { value: String },
    SirenInvalid { value: String },
    RelationUnknown { value: String },
    CollegeUnknown { value: String },
    CollegeOutsideGovernance,
    /// A relation's or a contract's date: a day.
    DayInvalid { value: String },
    DatesReversed { of: Period, start: String, end: String },
    ContractWithoutObject,
    AmountNegative { value: String },
    AmountInvalid { value: String },
    ProcedureMissing,
    ProcedureUnknown { value: String },

    // The reference files (QPV and communes), read by `make reference` on the command line.
    QpvCode { value: String },
    QpvNameEmpty { qpv: String },
    QpvNoCommune { qpv: String },
    QpvInsee { qpv: String, value: String },
    QpvRepeated { qpv: String, first: usize },
    QpvGeometryMissing { qpv: String },
    DepartementRegion { departement: String },
    CommuneDepartement { insee: String },
    CommuneOutlineMissing { insee: String },
    CommuneOutlineEmpty { insee: String },
    CommuneUnreadable { detail: String },
    /// A contour the geometry reader refused; `detail` is its technical reason.
    Geometry { subject: String, detail: String },

    /// A reason recorded before reasons had codes (reports kept in the database), as written.
    Recorded { text: String },
}

/// Why a pair of coordinates was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CoordinatesWhy {
    NotNumbers,
    OutOfBounds,
    Swapped,
    OutsideFrance,
}

/// What a pair of dates belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Relation,
    Contract,
}

/// « valeur » in French, “value” in English.
fn quoted(locale: Locale, value: &str) -> String {
    match locale {
        Locale::Fr => format!("« {value} »"),
        Locale::En => format!("“{value}”"),
    }
}

/// The words a file may use for a vocabulary: its French labels, in either language, since the
/// importer reads those (an English reader is told what to write in the file).
fn list<K: Copy>(all: &[K], label_fr: fn(K) -> &'static str) -> String {
    all.iter().map(|k| label_fr(*k)).collect::<Vec<_>>().join(", ")
}

impl LineProblem {
    /// The sentence a person reads, in `locale`.
    pub fn text(&self, locale: Locale) -> String {
        use crate::partner::{College, PartnerKind, Procedure, RelationKind};
        use LineProblem::*;
        let fr = locale == Locale::Fr;
        let q = |v: &str| quoted(locale, v);
        let pick = |f: String, e: String| if fr { f } else { e };
        match self {
            FileEmpty => pick("le fichier est vide".into(), "the file is empty".into()),
            Unreadable { detail } => pick(format!("ligne illisible ({detail})"), format!("unreadable line ({detail})")),
            ColumnMissing { wanted, found } => pick(
                format!("colonne obligatoire absente : {} (colonnes trouvées : {found})", q(wanted)),
                format!("required column missing: {} (columns found: {found})", q(wanted)),
            ),
            NameEmpty => pick("nom vide".into(), "empty name".into()),
            NameLength { length } => pick(
                format!("nom de {length} caractères : entre 3 et {NAME_MAX_CHARS} attendus"),
                format!("name of {length} characters: 3 to {NAME_MAX_CHARS} expected"),
            ),
            PostcodeInvalid { value } => {
                pick(format!("code postal invalide {} : 5 chiffres attendus", q(value)), format!("invalid postcode {}: 5 digits expected", q(value)))
            }
            PostcodeUnknown { value } => pick(format!("code postal {value} inconnu"), format!("unknown postcode {value}")),
            CommuneEmpty => pick("commune vide".into(), "empty commune".into()),
            CommuneNotFound { commune, postcode, communes } => pick(
                format!("commune {} introuvable pour le code postal {postcode} (communes de ce code : {communes})", q(commune)),
                format!("no commune {} for postcode {postcode} (communes of this postcode: {communes})", q(commune)),
            ),
            SiretDigits { value } => pick(format!("SIRET invalide {} : 14 chiffres attendus", q(value)), format!("invalid SIRET {}: 14 digits expected", q(value))),
            SiretKey { value } => pick(
                format!("SIRET invalide {} : la clé de contrôle ne correspond pas", q(value)),
                format!("invalid SIRET {}: the check digit does not match", q(value)),
            ),
            SiretRepeated { siret, first } => {
                pick(format!("SIRET {siret} déjà présent à la ligne {first} du fichier"), format!("SIRET {siret} already on line {first} of the file"))
            }
            CoordinatesIncomplete => pick(
                "coordonnées incomplètes : latitude et longitude vont ensemble".into(),
                "incomplete coordinates: latitude and longitude go together".into(),
            ),
            Coordinates { lat, lon, why } => {
                let pair = q(&format!("{lat} ; {lon}"));
                let (f, e) = match why {
                    CoordinatesWhy::NotNumbers => ("nombres attendus", "numbers expected"),
                    CoordinatesWhy::OutOfBounds => ("hors des bornes terrestres", "outside the Earth's bounds"),
                    CoordinatesWhy::Swapped => ("latitude et longitude semblent inversées", "latitude and longitude seem swapped"),
                    CoordinatesWhy::OutsideFrance => ("le point n'est pas en France", "the point is not in France"),
                };
                pick(format!("coordonnées invalides {pair} : {f}"), format!("invalid coordinates {pair}: {e}"))
            }
            EmailInvalid { value } => pick(format!("courriel invalide {}", q(value)), format!("invalid e-mail address {}", q(value))),
            StatusUnknown { value } => pick(
                format!("statut inconnu {} (attendu : à vérifier ou vérifiée)", q(value)),
                format!("unknown status {} (expected: à vérifier or vérifiée)", q(value)),
            ),
            DateInvalid { value } => pick(
                format!("date invalide {} : attendu AAAA-MM-JJ, JJ/MM/AAAA ou AAAA", q(value)),
                format!("invalid date {}: YYYY-MM-DD, DD/MM/YYYY or YYYY expected", q(value)),
            ),
            ActivityUnknown { value } => pick(format!("activité inconnue {}", q(value)), format!("unknown activity {}", q(value))),
            RegieMissing => pick("Régie manquante (SIRET ou identifiant de l'Atlas)".into(), "Régie missing (SIRET or Atlas identifier)".into()),
            RegieUnknown { value } => pick(
                format!("Régie inconnue {} : SIRET ou identifiant de l'Atlas attendu", q(value)),
                format!("unknown Régie {}: SIRET or Atlas identifier expected", q(value)),
            ),
            PartnerNameMissing => pick("nom du partenaire manquant".into(), "partner's name missing".into()),
            PartnerKindUnknown { value } => pick(
                format!("nature du partenaire inconnue {} : attendu {}", q(value), list(&PartnerKind::ALL, PartnerKind::label_fr)),
                format!("unknown kind of partner {}: expected {}", q(value), list(&PartnerKind::ALL, PartnerKind::label_fr)),
            ),
            SirenInvalid { value } => pick(
                format!("SIREN du partenaire invalide {} : 9 chiffres attendus", q(value)),
                format!("invalid partner SIREN {}: 9 digits expected", q(value)),
            ),
            RelationUnknown { value } => pick(
                format!("relation inconnue {} : attendu {}", q(value), list(&RelationKind::ALL, RelationKind::label_fr)),
                format!("unknown relation {}: expected {}", q(value), list(&RelationKind::ALL, RelationKind::label_fr)),
            ),
            CollegeUnknown { value } => pick(
                format!("collège inconnu {} : attendu {}", q(value), list(&College::ALL, College::label_fr)),
                format!("unknown college {}: expected {}", q(value), list(&College::ALL, College::label_fr)),
            ),
            CollegeOutsideGovernance => pick(
                "un collège ne s'indique que pour un membre de la gouvernance".into(),
                "a college is given only for a member of the governance".into(),
            ),
            DayInvalid { value } => pick(
                format!("date invalide {} : JJ/MM/AAAA ou AAAA-MM-JJ attendu", q(value)),
                format!("invalid date {}: DD/MM/YYYY or YYYY-MM-DD expected", q(value)),
            ),
            DatesReversed { of, start, end } => {
                let (f, e) = match of {
                    Period::Relation => ("relation", "relation"),
                    Period::Contract => ("contrat", "contract"),
                };
                pick(format!("{f} : la fin ({end}) précède le début ({start})"), format!("{e}: the end ({end}) is before the start ({start})"))
            }
            ContractWithoutObject => pick(
                "contrat sans objet : indiquez l'objet du contrat ou videz ses colonnes".into(),
                "contract without an object: give the contract's object or empty its columns".into(),
            ),
            AmountNegative { value } => pick(format!("montant négatif {}", q(value)), format!("negative amount {}", q(value))),
            AmountInvalid { value } => {
                pick(format!("montant invalide {} : un nombre d'euros attendu", q(value)), format!("invalid amount {}: a number of euros expected", q(value)))
            }
            ProcedureMissing => pick(
                format!("procédure du contrat manquante : {}", list(&Procedure::ALL, Procedure::label_fr)),
                format!("contract's procedure missing: {}", list(&Procedure::ALL, Procedure::label_fr)),
            ),
            ProcedureUnknown { value } => pick(
                format!("procédure inconnue {} : attendu {}", q(value), list(&Procedure::ALL, Procedure::label_fr)),
                format!("unknown procedure {}: expected {}", q(value), list(&Procedure::ALL, Procedure::label_fr)),
            ),
            QpvCode { value } => pick(format!("code QPV invalide {} (attendu par ex. QN00101M)", q(value)), format!("invalid QPV code {} (e.g. QN00101M expected)", q(value))),
            QpvNameEmpty { qpv } => pick(format!("QPV {qpv} : nom vide"), format!("QPV {qpv}: empty name")),
            QpvNoCommune { qpv } => pick(format!("QPV {qpv} : aucune commune"), format!("QPV {qpv}: no commune")),
            QpvInsee { qpv, value } => pick(format!("QPV {qpv} : code commune INSEE invalide {}", q(value)), format!("QPV {qpv}: invalid INSEE commune code {}", q(value))),
            QpvRepeated { qpv, first } => pick(format!("code QPV {qpv} en double (déjà en {first})"), format!("QPV code {qpv} repeated (already on {first})")),
            QpvGeometryMissing { qpv } => pick(format!("QPV {qpv} : géométrie absente"), format!("QPV {qpv}: no geometry")),
            DepartementRegion { departement } => pick(format!("département {departement} : région inconnue"), format!("département {departement}: unknown région")),
            CommuneDepartement { insee } => pick(format!("commune {insee} : département inconnu"), format!("commune {insee}: unknown département")),
            CommuneOutlineMissing { insee } => pick(format!("commune {insee} : contour absent"), format!("commune {insee}: no outline")),
            CommuneOutlineEmpty { insee } => pick(format!("commune {insee} : contour vide"), format!("commune {insee}: empty outline")),
            CommuneUnreadable { detail } => pick(format!("commune illisible : {detail}"), format!("unreadable commune: {detail}")),
            Geometry { subject, detail } => pick(format!("{subject} : {detail}"), format!("{subject}: {detail}")),
            Recorded { text } => text.clone(),
        }
    }
}

/// The command line speaks French.
impl std::fmt::Display for LineProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Locale::Fr))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_in_both_languages_with_the_value_quoted() {
        let p = LineProblem::PostcodeInvalid { value: "7500".into() };
        assert_eq!(p.text(Locale::Fr), "code postal invalide « 7500 » : 5 chiffres attendus");
        assert_eq!(p.text(Locale::En), "invalid postcode “7500”: 5 digits expected");
        let p = LineProblem::DatesReversed { of: Period::Contract, start: "2022-01-01".into(), end: "2020-01-01".into() };
        assert_eq!(p.to_string(), "contrat : la fin (2020-01-01) précède le début (2022-01-01)");
        assert_eq!(p.text(Locale::En), "contract: the end (2020-01-01) is before the start (2022-01-01)");
    }

    #[test]
    fn a_vocabulary_is_listed_with_the_words_the_file_takes() {
        // The file is read with the French words, so an English reader is told those.
        let p = LineProblem::RelationUnknown { value: "ami".into() };
        assert!(p.text(Locale::Fr).starts_with("relation inconnue « ami » : attendu donneur d'ordre, membre de la gouvernance"), "{}", p.text(Locale::Fr));
        assert!(p.text(Locale::En).starts_with("unknown relation “ami”: expected donneur d'ordre, membre de la gouvernance"), "{}", p.text(Locale::En));
    }

    #[test]
    fn a_problem_is_stored_as_its_code_and_values() {
        let p = LineProblem::Coordinates { lat: "2.4".into(), lon: "45.1".into(), why: CoordinatesWhy::Swapped };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, r#"{"code":"coordinates","lat":"2.4","lon":"45.1","why":"swapped"}"#);
        assert_eq!(serde_json::from_str::<LineProblem>(&json).unwrap(), p);
    }
}
