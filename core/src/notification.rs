//! News of what a person follows: its kinds, how each reaches them by mail, what may be followed,
//! and the sentences that say it. Pure rules; the fan-out, the mails and the pages are elsewhere.

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::participation::Status;

/// What happened to something followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NewsKind {
    /// A Régie set a status on a followed item (or a supporter reopened it).
    Status,
    /// Someone commented a followed item.
    Comment,
    /// A new item in a followed QPV, or in a followed Régie's QPVs.
    NewItem,
    /// A moderation act on one's own content, with its reason: told in the Atlas only, always
    /// (not a kind one chooses mail for, so not in `ALL`).
    Moderation,
}

impl NewsKind {
    pub const ALL: [NewsKind; 3] = [Self::Status, Self::Comment, Self::NewItem];

    pub fn code(self) -> &'static str {
        match self {
            Self::Status => "statut",
            Self::Comment => "commentaire",
            Self::NewItem => "nouvel-element",
            Self::Moderation => "moderation",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().chain([Self::Moderation]).find(|k| k.code() == code)
    }

    /// Mail is opt-in, except for status changes: « Moi aussi » promised them.
    pub fn default_mail(self) -> MailMode {
        match self {
            Self::Status => MailMode::Immediate,
            Self::Comment | Self::NewItem | Self::Moderation => MailMode::Never,
        }
    }

    /// The kind as a person's settings name it.
    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Status, Locale::Fr) => "Changements de statut des éléments que je suis",
            (Self::Status, Locale::En) => "Status changes of the items I follow",
            (Self::Comment, Locale::Fr) => "Nouveaux commentaires sur les éléments que je suis",
            (Self::Comment, Locale::En) => "New comments on the items I follow",
            (Self::NewItem, Locale::Fr) => "Nouveaux éléments dans les quartiers et Régies que je suis",
            (Self::NewItem, Locale::En) => "New items in the neighbourhoods and Régies I follow",
            (Self::Moderation, Locale::Fr) => "Décisions de modération sur mes messages",
            (Self::Moderation, Locale::En) => "Moderation decisions on my posts",
        }
    }
}

/// How news of a kind reaches a person by mail (in the Atlas they always do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MailMode {
    Immediate,
    /// One mail a day gathering what came since the last.
    Daily,
    Never,
}

impl MailMode {
    pub const ALL: [MailMode; 3] = [Self::Immediate, Self::Daily, Self::Never];

    pub fn code(self) -> &'static str {
        match self {
            Self::Immediate => "immediat",
            Self::Daily => "quotidien",
            Self::Never => "jamais",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Immediate, Locale::Fr) => "Courriel à chaque fois",
            (Self::Immediate, Locale::En) => "E-mail each time",
            (Self::Daily, Locale::Fr) => "Un courriel par jour (résumé)",
            (Self::Daily, Locale::En) => "One e-mail a day (digest)",
            (Self::Never, Locale::Fr) => "Pas de courriel (seulement dans l'Atlas)",
            (Self::Never, Locale::En) => "No e-mail (in the Atlas only)",
        }
    }
}

/// What may be followed besides an item: a QPV's space, or the QPVs a Régie covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FollowKind {
    Qpv,
    Regie,
}

impl FollowKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::Qpv => "qpv",
            Self::Regie => "regie",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::Qpv, Self::Regie].into_iter().find(|k| k.code() == code)
    }
}

/// A status as the news says it.
pub fn status_label(status: Status, locale: Locale) -> &'static str {
    use Status::*;
    match (status, locale) {
        (Nouveau, Locale::Fr) => "en attente de réponse",
        (Nouveau, Locale::En) => "awaiting an answer",
        (Recu, Locale::Fr) => "reçu",
        (Recu, Locale::En) => "received",
        (AEtude, Locale::Fr) => "à l'étude",
        (AEtude, Locale::En) => "under study",
        (EnCours, Locale::Fr) => "en cours",
        (EnCours, Locale::En) => "in progress",
        (Realise, Locale::Fr) => "réalisé",
        (Realise, Locale::En) => "done",
        (NonRetenu, Locale::Fr) => "non retenu",
        (NonRetenu, Locale::En) => "not taken up",
        (Transmis, Locale::Fr) => "transmis",
        (Transmis, Locale::En) => "passed on",
        (Rouvert, Locale::Fr) => "toujours d'actualité",
        (Rouvert, Locale::En) => "still an issue",
    }
}

/// One piece of news in a sentence: `detail` is the status code (`Status`), the commenter's
/// pseudonym (`Comment`), the QPV's name (`NewItem`) or `act|target|reason` (`Moderation`).
pub fn sentence(kind: NewsKind, detail: &str, title: &str, locale: Locale) -> String {
    match (kind, locale) {
        (NewsKind::Status, _) => {
            let status = Status::parse(detail).map_or(detail, |s| status_label(s, locale));
            match locale {
                Locale::Fr => format!("« {title} » est passé à « {status} »."),
                Locale::En => format!("“{title}” is now “{status}”."),
            }
        }
        (NewsKind::Comment, Locale::Fr) => format!("{detail} a commenté « {title} »."),
        (NewsKind::Comment, Locale::En) => format!("{detail} commented on “{title}”."),
        (NewsKind::NewItem, Locale::Fr) => format!("Nouveau à {detail} : « {title} »."),
        (NewsKind::NewItem, Locale::En) => format!("New in {detail}: “{title}”."),
        (NewsKind::Moderation, _) => {
            let mut parts = detail.splitn(3, '|');
            let act = parts.next().and_then(crate::moderation::Act::parse).unwrap_or(crate::moderation::Act::Hide);
            let target = parts.next().and_then(crate::moderation::Target::parse).unwrap_or(crate::moderation::Target::Item);
            crate::moderation::author_sentence(act, target, parts.next().unwrap_or(""), title, locale)
        }
    }
}

/// The day (since 1970, UTC) of an instant: the digest is sent once a day, the first time an
/// instance looks at or after `hour` o'clock UTC.
pub fn digest_day(now_ms: i64, hour: u32) -> Option<i64> {
    let day = now_ms.div_euclid(86_400_000);
    let hour_now = now_ms.rem_euclid(86_400_000) / 3_600_000;
    (hour_now >= i64::from(hour)).then_some(day)
}

/// A notification as the person's list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub sentence: String,
    pub item_id: i64,
    pub created_at: i64,
    pub unread: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in NewsKind::ALL {
            assert_eq!(NewsKind::parse(k.code()), Some(k));
            assert_ne!(k.label(Locale::Fr), k.label(Locale::En));
        }
        for m in MailMode::ALL {
            assert_eq!(MailMode::parse(m.code()), Some(m));
        }
        assert_eq!(FollowKind::parse("qpv"), Some(FollowKind::Qpv));
        assert_eq!(FollowKind::parse("commune"), None);
    }

    #[test]
    fn only_status_changes_are_mailed_unless_asked() {
        assert_eq!(NewsKind::Status.default_mail(), MailMode::Immediate);
        assert_eq!(NewsKind::Comment.default_mail(), MailMode::Never);
        assert_eq!(NewsKind::NewItem.default_mail(), MailMode::Never);
    }

    #[test]
    fn sentences_in_both_languages() {
        assert_eq!(sentence(NewsKind::Status, "en-cours", "Lampadaire éteint", Locale::Fr), "« Lampadaire éteint » est passé à « en cours ».");
        assert_eq!(sentence(NewsKind::Status, "en-cours", "Broken lamp", Locale::En), "“Broken lamp” is now “in progress”.");
        assert_eq!(sentence(NewsKind::Comment, "Zoé", "Banc cassé", Locale::Fr), "Zoé a commenté « Banc cassé ».");
        assert_eq!(sentence(NewsKind::NewItem, "Les Courtillières", "Fête", Locale::En), "New in Les Courtillières: “Fete”.".replace("Fete", "Fête"));
        assert_eq!(
            sentence(NewsKind::Moderation, "masque|commentaire|Propos injurieux", "Banc cassé", Locale::En),
            "Your comment on “Banc cassé” was hidden by moderation: Propos injurieux"
        );
        assert_eq!(NewsKind::parse("moderation"), Some(NewsKind::Moderation));
        assert!(!NewsKind::ALL.contains(&NewsKind::Moderation), "no mail choice for it");
    }

    #[test]
    fn the_digest_day_starts_at_its_hour() {
        let day = 20_000i64;
        let at = |h: i64| day * 86_400_000 + h * 3_600_000;
        assert_eq!(digest_day(at(5), 6), None);
        assert_eq!(digest_day(at(6), 6), Some(day));
        assert_eq!(digest_day(at(23), 6), Some(day));
        assert_eq!(digest_day(at(24), 6), None, "next day, before its hour");
    }
}
