//! Participation: the signalements and propositions habitants post in the space of a QPV, the
//! fixed vocabulary of their categories and statuses, and the rules of what may be written.
//! Pure rules; the store, the rights and the pages are elsewhere.

pub mod clock;
pub mod problem;
pub mod saved;
pub mod similar;
pub mod threads;
pub mod view;

use serde::{Deserialize, Serialize};

pub use problem::{Field, Problem};
pub use view::Outcome;

pub const TITLE_MIN_CHARS: usize = 5;
pub const TITLE_MAX_CHARS: usize = 120;
pub const BODY_MIN_CHARS: usize = 10;
pub const BODY_MAX_CHARS: usize = 4000;
pub const COMMENT_MIN_CHARS: usize = 2;
pub const COMMENT_MAX_CHARS: usize = 2000;
pub const REASON_MAX_CHARS: usize = 1000;
/// Photos of an item: how many, how heavy the uploaded file, how many pixels (real phone photos
/// pass; a decompression bomb, a small file announcing a huge image, does not), the stored size.
pub const PHOTOS_MAX: usize = 3;
pub const PHOTO_MAX_BYTES: usize = 10 * 1_048_576;
pub const PHOTO_MAX_PIXELS: u64 = 50_000_000;
pub const PHOTO_MAX_SIDE: u32 = 1600;
pub const PHOTO_THUMB_SIDE: u32 = 400;
/// An author may edit a comment for this long after posting it.
pub const COMMENT_EDIT_MS: i64 = 15 * 60_000;
/// Within this long after « réalisé », a supporter may say it is still an issue.
pub const REOPEN_MS: i64 = 30 * 24 * 3_600_000;
/// Items on one page of a list (a page of 50 cards weighs ~40 KB of HTML).
pub const PAGE_SIZE: usize = 50;

/// Something to fix, or an idea.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Kind {
    Signalement,
    Proposition,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Signalement, Kind::Proposition];

    pub fn code(self) -> &'static str {
        match self {
            Self::Signalement => "signalement",
            Self::Proposition => "proposition",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// The fixed vocabulary of categories; each belongs to one kind (« autre » to both).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    Proprete,
    Encombrants,
    EspacesVerts,
    Eclairage,
    Degradation,
    CadreDeVie,
    LienSocial,
    Emploi,
    Jardin,
    FeteDeQuartier,
    Amenagement,
    Autre,
}

impl Category {
    pub const ALL: [Category; 12] = [
        Self::Proprete,
        Self::Encombrants,
        Self::EspacesVerts,
        Self::Eclairage,
        Self::Degradation,
        Self::CadreDeVie,
        Self::LienSocial,
        Self::Emploi,
        Self::Jardin,
        Self::FeteDeQuartier,
        Self::Amenagement,
        Self::Autre,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Proprete => "proprete",
            Self::Encombrants => "encombrants",
            Self::EspacesVerts => "espaces-verts",
            Self::Eclairage => "eclairage",
            Self::Degradation => "degradation",
            Self::CadreDeVie => "cadre-de-vie",
            Self::LienSocial => "lien-social",
            Self::Emploi => "emploi",
            Self::Jardin => "jardin",
            Self::FeteDeQuartier => "fete-de-quartier",
            Self::Amenagement => "amenagement",
            Self::Autre => "autre",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }

    /// May an item of this kind be filed under this category?
    pub fn fits(self, kind: Kind) -> bool {
        use Category::*;
        match self {
            Autre => true,
            Proprete | Encombrants | EspacesVerts | Eclairage | Degradation | CadreDeVie => kind == Kind::Signalement,
            LienSocial | Emploi | Jardin | FeteDeQuartier | Amenagement => kind == Kind::Proposition,
        }
    }

    /// The categories offered for a kind, in the form's order.
    pub fn of(kind: Kind) -> impl Iterator<Item = Category> {
        Self::ALL.into_iter().filter(move |c| c.fits(kind))
    }
}

/// Where an item stands. « Nouveau » until a Régie sets something; « reçu » acknowledges it but
/// is not an answer (the answer clock ignores it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Status {
    Nouveau,
    Recu,
    AEtude,
    EnCours,
    Realise,
    NonRetenu,
    Transmis,
    /// A supporter said « toujours d'actualité » after « réalisé ».
    Rouvert,
}

impl Status {
    pub const ALL: [Status; 8] =
        [Self::Nouveau, Self::Recu, Self::AEtude, Self::EnCours, Self::Realise, Self::NonRetenu, Self::Transmis, Self::Rouvert];
    /// What a Régie's staff may set.
    pub const SET_BY_STAFF: [Status; 6] = [Self::Recu, Self::AEtude, Self::EnCours, Self::Realise, Self::NonRetenu, Self::Transmis];

    pub fn code(self) -> &'static str {
        match self {
            Self::Nouveau => "nouveau",
            Self::Recu => "recu",
            Self::AEtude => "a-l-etude",
            Self::EnCours => "en-cours",
            Self::Realise => "realise",
            Self::NonRetenu => "non-retenu",
            Self::Transmis => "transmis",
            Self::Rouvert => "rouvert",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Does setting this status answer the habitant (for the answer clock)?
    pub fn is_answer(self) -> bool {
        !matches!(self, Self::Nouveau | Self::Recu | Self::Rouvert)
    }

    /// Still waiting for something to be done (shown as open, found as similar).
    pub fn is_open(self) -> bool {
        !matches!(self, Self::Realise | Self::NonRetenu)
    }
}

/// Keeps what a person typed, minus control characters other than newlines and tabs.
pub fn clean(s: &str) -> String {
    s.trim().chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

fn length_ok(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.chars().count())
}

/// A new signalement or proposition that passed the rules (the QPV is the service's to find).
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub kind: Kind,
    pub category: Category,
    pub title: String,
    pub body: String,
    /// The point, when one was given (a tap on the map, the phone's position).
    pub point: Option<(f64, f64)>,
}

impl Draft {
    /// Checks a submitted form; every problem at once, in form order.
    pub fn validate(kind: &str, category: &str, title: &str, body: &str, point: Option<(f64, f64)>) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let kind = Kind::parse(kind);
        if kind.is_none() {
            problems.push(Problem::KindUnknown);
        }
        let category = Category::parse(category).filter(|c| kind.is_none_or(|k| c.fits(k)));
        if category.is_none() {
            problems.push(Problem::CategoryUnknown);
        }
        if let Some((lat, lon)) = point {
            if !(lat.is_finite() && lon.is_finite() && (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)) {
                problems.push(Problem::PointInvalid);
            }
        }
        let title = clean(title).replace(['\n', '\t'], " ");
        if !length_ok(&title, TITLE_MIN_CHARS, TITLE_MAX_CHARS) {
            problems.push(Problem::TitleLength);
        }
        let body = clean(body);
        if !length_ok(&body, BODY_MIN_CHARS, BODY_MAX_CHARS) {
            problems.push(Problem::BodyLength);
        }
        match (kind, category) {
            (Some(kind), Some(category)) if problems.is_empty() => Ok(Self { kind, category, title, body, point }),
            _ => Err(problems),
        }
    }
}

/// A comment's text, checked.
pub fn comment_text(text: &str) -> Result<String, Problem> {
    let text = clean(text);
    if length_ok(&text, COMMENT_MIN_CHARS, COMMENT_MAX_CHARS) {
        Ok(text)
    } else {
        Err(Problem::CommentLength)
    }
}

/// A status a Régie sets, with what it must carry: « non retenu » a reason, « transmis » the
/// partner it went to. The message (from a template or typed) is optional otherwise.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub status: Status,
    pub message: String,
    pub partner: Option<String>,
}

impl StatusChange {
    pub fn validate(status: &str, message: &str, partner: &str) -> Result<Self, Vec<Problem>> {
        let mut problems = Vec::new();
        let status = Status::parse(status).filter(|s| Status::SET_BY_STAFF.contains(s));
        if status.is_none() {
            problems.push(Problem::StatusUnknown);
        }
        let message = clean(message);
        if message.chars().count() > REASON_MAX_CHARS {
            problems.push(Problem::MessageTooLong);
        } else if status == Some(Status::NonRetenu) && message.chars().count() < BODY_MIN_CHARS {
            problems.push(Problem::ReasonNeeded);
        }
        let partner = clean(partner).replace(['\n', '\t'], " ");
        let partner = (!partner.is_empty()).then_some(partner);
        if status == Some(Status::Transmis) && partner.as_ref().is_none_or(|p| p.chars().count() < 2) {
            problems.push(Problem::PartnerNeeded);
        }
        match status {
            Some(status) if problems.is_empty() => Ok(Self { status, message, partner: if status == Status::Transmis { partner } else { None } }),
            _ => Err(problems),
        }
    }
}

/// May the author still edit a comment posted at `posted_at`?
pub fn comment_editable(posted_at: i64, now: i64) -> bool {
    now - posted_at <= COMMENT_EDIT_MS
}

/// May a supporter reopen an item that became « réalisé » at `realised_at`?
pub fn reopenable(status: Status, realised_at: i64, now: i64) -> bool {
    status == Status::Realise && now - realised_at <= REOPEN_MS
}

/// The calendar day (UTC) of a Unix-ms instant as `YYYY-MM-DD`: pure arithmetic
/// (civil-from-days), so that the browser formats dates the same way as the server.
pub fn iso_day(ms: i64) -> String {
    let z = ms.div_euclid(86_400_000) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests;
