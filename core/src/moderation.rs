//! Moderation of the participatory space, as rules: why people flag, how many flags hide, what a
//! moderator's act is and which act undoes it, who is named in the public log (a role, never a
//! person), and the word lists that hold a post for review. The use cases and pages are elsewhere.

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::text::fold;

/// Flags from this many distinct accounts hide a content until a moderator reviews it.
pub const FLAGS_TO_HIDE: i64 = 3;
/// A word of a list: 2 to 60 characters once folded.
pub const WORD_MAX_CHARS: usize = 60;
/// The words a list may hold (network or Régie).
pub const WORDS_MAX: usize = 500;

/// Why a person flags a content (the charte's rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FlagReason {
    /// Insults, threats, harassment, discrimination.
    Abuse,
    /// A name, a face, an address, a phone number: someone's personal data.
    PersonalData,
    /// Advertising, spam, a message with nothing to do with the quartier.
    OffTopic,
    /// Something false or misleading.
    Misleading,
}

impl FlagReason {
    pub const ALL: [FlagReason; 4] = [Self::Abuse, Self::PersonalData, Self::OffTopic, Self::Misleading];

    pub fn code(self) -> &'static str {
        match self {
            Self::Abuse => "propos-blessants",
            Self::PersonalData => "donnees-personnelles",
            Self::OffTopic => "hors-sujet",
            Self::Misleading => "trompeur",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (Self::Abuse, Locale::Fr) => "propos blessants, menaces ou discrimination",
            (Self::Abuse, Locale::En) => "hurtful words, threats or discrimination",
            (Self::PersonalData, Locale::Fr) => "données personnelles (nom, visage, adresse, téléphone)",
            (Self::PersonalData, Locale::En) => "personal data (name, face, address, phone)",
            (Self::OffTopic, Locale::Fr) => "publicité ou hors sujet",
            (Self::OffTopic, Locale::En) => "advertising or off topic",
            (Self::Misleading, Locale::Fr) => "information fausse ou trompeuse",
            (Self::Misleading, Locale::En) => "false or misleading information",
        }
    }
}

/// What a moderation act is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Item,
    Comment,
    Photo,
    /// The author of a content, suspended from (or let back into) the space.
    Author,
}

impl Target {
    pub const ALL: [Target; 4] = [Self::Item, Self::Comment, Self::Photo, Self::Author];

    pub fn code(self) -> &'static str {
        match self {
            Self::Item => "element",
            Self::Comment => "commentaire",
            Self::Photo => "photo",
            Self::Author => "auteur",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// A moderation act, as the public log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Act {
    /// Hidden by a moderator, with a reason shown in its place.
    Hide,
    /// Hidden by the flags of `FLAGS_TO_HIDE` accounts, until reviewed.
    HideByFlags,
    /// Held before publication: it holds a word of a list.
    Hold,
    /// Shown again (after any hiding or holding).
    Restore,
    /// Kept shown after its flags were reviewed (they stop counting).
    Keep,
    /// The author may no longer post, support, comment or flag in the space.
    Suspend,
    /// The author's suspension is lifted.
    Lift,
    /// A duplicate item merged into another (its supporters and followers carried over).
    Merge,
    /// The merge undone: the item stands on its own again.
    Unmerge,
}

impl Act {
    pub const ALL: [Act; 9] = [Self::Hide, Self::HideByFlags, Self::Hold, Self::Restore, Self::Keep, Self::Suspend, Self::Lift, Self::Merge, Self::Unmerge];

    pub fn code(self) -> &'static str {
        match self {
            Self::Hide => "masque",
            Self::HideByFlags => "masque-signalements",
            Self::Hold => "retenu",
            Self::Restore => "retabli",
            Self::Keep => "garde",
            Self::Suspend => "suspendu",
            Self::Lift => "suspension-levee",
            Self::Merge => "fusionne",
            Self::Unmerge => "defusionne",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    /// The act that undoes this one (every act can be undone, the undoing too).
    pub fn inverse(self) -> Act {
        match self {
            Self::Hide | Self::HideByFlags | Self::Hold => Self::Restore,
            Self::Restore | Self::Keep => Self::Hide,
            Self::Suspend => Self::Lift,
            Self::Lift => Self::Suspend,
            Self::Merge => Self::Unmerge,
            Self::Unmerge => Self::Merge,
        }
    }

    /// Whether the act fits its target: a photo is hidden or restored, an author suspended or
    /// let back, an item merged.
    pub fn fits(self, target: Target) -> bool {
        match self {
            Self::Hide | Self::Restore => target != Target::Author,
            Self::HideByFlags | Self::Hold | Self::Keep => matches!(target, Target::Item | Target::Comment),
            Self::Suspend | Self::Lift => target == Target::Author,
            Self::Merge | Self::Unmerge => target == Target::Item,
        }
    }

    /// The act in the log's words: « a masqué ce commentaire ».
    pub fn label(self, target: Target, locale: Locale) -> String {
        let what = match (target, locale) {
            (Target::Item, Locale::Fr) => "un élément",
            (Target::Item, Locale::En) => "an item",
            (Target::Comment, Locale::Fr) => "un commentaire",
            (Target::Comment, Locale::En) => "a comment",
            (Target::Photo, Locale::Fr) => "une photo",
            (Target::Photo, Locale::En) => "a photo",
            (Target::Author, Locale::Fr) => "un participant",
            (Target::Author, Locale::En) => "a participant",
        };
        match (self, locale) {
            (Self::Hide, Locale::Fr) => format!("Masque {what}"),
            (Self::Hide, Locale::En) => format!("Hides {what}"),
            (Self::HideByFlags, Locale::Fr) => format!("Masque {what} en attendant la relecture"),
            (Self::HideByFlags, Locale::En) => format!("Hides {what} until it is reviewed"),
            (Self::Hold, Locale::Fr) => format!("Retient {what} pour relecture"),
            (Self::Hold, Locale::En) => format!("Holds {what} for review"),
            (Self::Restore, Locale::Fr) => format!("Rétablit {what}"),
            (Self::Restore, Locale::En) => format!("Restores {what}"),
            (Self::Keep, Locale::Fr) => format!("Garde {what} visible après examen des signalements"),
            (Self::Keep, Locale::En) => format!("Keeps {what} shown after reviewing the flags"),
            (Self::Suspend, Locale::Fr) => format!("Suspend {what}"),
            (Self::Suspend, Locale::En) => format!("Suspends {what}"),
            // Only an author is suspended, then let back.
            (Self::Lift, Locale::Fr) => "Lève la suspension d'un participant".into(),
            (Self::Lift, Locale::En) => format!("Lifts the suspension of {what}"),
            (Self::Merge, Locale::Fr) => "Fusionne un doublon".into(),
            (Self::Merge, Locale::En) => "Merges a duplicate".into(),
            (Self::Unmerge, Locale::Fr) => "Annule une fusion".into(),
            (Self::Unmerge, Locale::En) => "Undoes a merge".into(),
        }
    }
}

/// Who acted, as the public log says it: a role, never a person's name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ByRole {
    /// The staff of this Régie (its name).
    Regie(String),
    /// The network's moderation.
    Network,
    /// Flags from several inhabitants.
    Flags,
    /// A word list (automatic).
    WordList,
}

impl ByRole {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Regie(_) => "regie",
            Self::Network => "reseau",
            Self::Flags => "signalements",
            Self::WordList => "mots",
        }
    }

    /// From the log's columns: the code, and the Régie's name for `regie`.
    pub fn of(code: &str, regie: Option<String>) -> Option<Self> {
        match code {
            "regie" => Some(Self::Regie(regie.unwrap_or_default())),
            "reseau" => Some(Self::Network),
            "signalements" => Some(Self::Flags),
            "mots" => Some(Self::WordList),
            _ => None,
        }
    }

    pub fn label(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::Regie(name), Locale::Fr) => format!("L'équipe de {name}"),
            (Self::Regie(name), Locale::En) => format!("The team of {name}"),
            (Self::Network, Locale::Fr) => "La modération du réseau".into(),
            (Self::Network, Locale::En) => "The network's moderation".into(),
            (Self::Flags, Locale::Fr) => format!("{FLAGS_TO_HIDE} signalements d'habitants"),
            (Self::Flags, Locale::En) => format!("{FLAGS_TO_HIDE} flags from inhabitants"),
            (Self::WordList, Locale::Fr) => "La liste de mots à relire".into(),
            (Self::WordList, Locale::En) => "The list of words to review".into(),
        }
    }
}

/// Why a content is not shown, when it is not: a moderator's reason, the flags' main reason
/// while it awaits review, or the word list (the word is told to its author only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hidden {
    ByModerator(String),
    ByFlags(FlagReason),
    Held,
}

impl Hidden {
    /// From the columns `review` ('signalements' | 'mots' | NULL) and `hidden_reason`.
    pub fn of(review: Option<&str>, reason: Option<String>) -> Self {
        match review {
            Some("signalements") => Self::ByFlags(reason.as_deref().and_then(FlagReason::parse).unwrap_or(FlagReason::Abuse)),
            Some("mots") => Self::Held,
            _ => Self::ByModerator(reason.unwrap_or_default()),
        }
    }

    /// The sentence shown in the content's place.
    pub fn sentence(&self, locale: Locale) -> String {
        match (self, locale) {
            (Self::ByModerator(reason), Locale::Fr) => format!("Masqué par la modération : {reason}"),
            (Self::ByModerator(reason), Locale::En) => format!("Hidden by moderation: {reason}"),
            (Self::ByFlags(r), Locale::Fr) => format!("Masqué après {FLAGS_TO_HIDE} signalements ({}), en attente de relecture.", r.label(locale)),
            (Self::ByFlags(r), Locale::En) => format!("Hidden after {FLAGS_TO_HIDE} flags ({}), awaiting review.", r.label(locale)),
            (Self::Held, Locale::Fr) => "En attente de relecture par la modération avant publication.".into(),
            (Self::Held, Locale::En) => "Awaiting review by moderation before publication.".into(),
        }
    }
}

/// A word of a list as typed, folded (case, accents, punctuation ignored); `None` when it is
/// too short or too long to be a word worth holding posts for.
pub fn word_of(typed: &str) -> Option<String> {
    let word = fold(typed);
    (word.chars().count() >= 2 && word.chars().count() <= WORD_MAX_CHARS).then_some(word)
}

/// The first word of `words` (folded, as `word_of` makes them) that `text` holds as a whole word
/// or phrase: « Connard ! » holds « connard », « connardise » does not.
pub fn held_word<'a>(text: &str, words: &'a [String]) -> Option<&'a str> {
    let text = format!(" {} ", fold(text));
    words.iter().find(|w| !w.is_empty() && text.contains(&format!(" {w} "))).map(String::as_str)
}

/// A moderation act's reason: 5 to `REASON_MAX_CHARS` characters, shown in the public log.
pub fn reason_of(typed: &str) -> Option<String> {
    let reason = crate::participation::clean(typed);
    let n = reason.chars().count();
    (5..=crate::participation::REASON_MAX_CHARS).contains(&n).then_some(reason)
}

/// One act of the public log of a QPV's space.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: i64,
    pub act: Act,
    pub target: Target,
    pub by: ByRole,
    pub reason: String,
    /// The item concerned (for a link), and its title when it is shown.
    pub item_id: Option<i64>,
    pub item_title: Option<String>,
    pub at: i64,
    /// This act undoes the act with this id.
    pub undoes: Option<i64>,
    /// Undone since (by a later act).
    pub undone: bool,
}

/// A word list a moderator keeps: the network's (`regie` None) or a Régie's (slug, name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WordList {
    pub regie: Option<(String, String)>,
    /// (id, word), alphabetically.
    pub words: Vec<(i64, String)>,
}

/// A content a moderator should look at: held or hidden awaiting review, or flagged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub target: Target,
    pub id: i64,
    pub item_id: i64,
    pub item_title: String,
    pub qpv_name: String,
    /// The text itself (a moderator reads what they judge), at most 500 characters.
    pub text: String,
    /// Why it is not shown, when it is not.
    pub hidden: Option<Hidden>,
    /// The open flags' reasons, one per account.
    pub flags: Vec<FlagReason>,
    pub at: i64,
}

/// The author is told: what happened to their content, and why.
pub fn author_sentence(act: Act, target: Target, reason: &str, title: &str, locale: Locale) -> String {
    let what = match (target, locale) {
        (Target::Item, Locale::Fr) => format!("Votre message « {title} »"),
        (Target::Item, Locale::En) => format!("Your post “{title}”"),
        (Target::Photo, Locale::Fr) => format!("Une photo de « {title} »"),
        (Target::Photo, Locale::En) => format!("A photo of “{title}”"),
        (_, Locale::Fr) => format!("Votre commentaire sur « {title} »"),
        (_, Locale::En) => format!("Your comment on “{title}”"),
    };
    match (act, locale) {
        (Act::Hide, Locale::Fr) => format!("{what} a été masqué par la modération : {reason}"),
        (Act::Hide, Locale::En) => format!("{what} was hidden by moderation: {reason}"),
        (Act::HideByFlags, _) => {
            let why = FlagReason::parse(reason).map_or(reason.to_owned(), |r| r.label(locale).to_owned());
            match locale {
                Locale::Fr => format!("{what} a été masqué après {FLAGS_TO_HIDE} signalements ({why}), en attendant la relecture d'un modérateur."),
                Locale::En => format!("{what} was hidden after {FLAGS_TO_HIDE} flags ({why}), until a moderator reviews it."),
            }
        }
        (Act::Hold, Locale::Fr) => format!("{what} attend une relecture avant publication : il contient « {reason} », un mot de la liste de modération."),
        (Act::Hold, Locale::En) => format!("{what} awaits review before publication: it contains “{reason}”, a word of the moderation list."),
        (Act::Restore, Locale::Fr) => format!("{what} est de nouveau visible : {reason}"),
        (Act::Restore, Locale::En) => format!("{what} is visible again: {reason}"),
        (Act::Keep, Locale::Fr) => format!("{what} reste visible après examen des signalements : {reason}"),
        (Act::Keep, Locale::En) => format!("{what} stays visible after the flags were reviewed: {reason}"),
        (Act::Suspend, Locale::Fr) => format!("Votre participation est suspendue dans ce quartier : {reason}"),
        (Act::Suspend, Locale::En) => format!("Your participation is suspended in this neighbourhood: {reason}"),
        (Act::Lift, Locale::Fr) => format!("Votre suspension est levée : {reason}"),
        (Act::Lift, Locale::En) => format!("Your suspension is lifted: {reason}"),
        (Act::Merge, Locale::Fr) => format!("{what} a été fusionné avec un élément semblable : {reason}"),
        (Act::Merge, Locale::En) => format!("{what} was merged with a similar item: {reason}"),
        (Act::Unmerge, Locale::Fr) => format!("{what} n'est plus fusionné : {reason}"),
        (Act::Unmerge, Locale::En) => format!("{what} is no longer merged: {reason}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_every_act_has_an_inverse_that_fits() {
        for r in FlagReason::ALL {
            assert_eq!(FlagReason::parse(r.code()), Some(r));
            assert_ne!(r.label(Locale::Fr), r.label(Locale::En));
        }
        for a in Act::ALL {
            assert_eq!(Act::parse(a.code()), Some(a));
            for t in Target::ALL.into_iter().filter(|t| a.fits(*t)) {
                assert!(a.inverse().fits(t), "{a:?} on {t:?}");
                assert_ne!(a.label(t, Locale::Fr), a.label(t, Locale::En));
            }
        }
        assert_eq!(Act::Restore.inverse(), Act::Hide);
        assert!(!Act::Suspend.fits(Target::Comment));
        assert!(!Act::Merge.fits(Target::Photo));
    }

    #[test]
    fn words_are_held_whole() {
        let words: Vec<String> = ["Connard", "sale type"].iter().filter_map(|w| word_of(w)).collect();
        assert_eq!(words, vec!["connard", "sale type"]);
        assert_eq!(held_word("Quel CONNARD !", &words), Some("connard"));
        assert_eq!(held_word("c'est un sale   type", &words), Some("sale type"));
        assert_eq!(held_word("la connardise", &words), None);
        assert_eq!(held_word("Le banc est cassé", &words), None);
        assert_eq!(word_of("x"), None);
        assert_eq!(word_of("  É  "), None);
    }

    #[test]
    fn the_public_log_names_roles_not_people() {
        assert_eq!(ByRole::of("regie", Some("Régie de Laon".into())).unwrap().label(Locale::Fr), "L'équipe de Régie de Laon");
        assert_eq!(ByRole::of("signalements", None).unwrap().label(Locale::En), "3 flags from inhabitants");
        assert_eq!(ByRole::of("quelqu-un", None), None);
        assert_eq!(Act::Lift.label(Target::Author, Locale::Fr), "Lève la suspension d'un participant");
        assert_eq!(Act::Hide.label(Target::Comment, Locale::Fr), "Masque un commentaire");
    }

    #[test]
    fn hidden_content_says_why_in_both_languages() {
        assert_eq!(Hidden::of(Some("signalements"), Some("hors-sujet".into())), Hidden::ByFlags(FlagReason::OffTopic));
        assert_eq!(Hidden::of(None, Some("Insulte".into())).sentence(Locale::Fr), "Masqué par la modération : Insulte");
        assert!(Hidden::Held.sentence(Locale::En).starts_with("Awaiting review"));
        let told = author_sentence(Act::HideByFlags, Target::Comment, "propos-blessants", "Banc cassé", Locale::Fr);
        assert_eq!(told, "Votre commentaire sur « Banc cassé » a été masqué après 3 signalements (propos blessants, menaces ou discrimination), en attendant la relecture d'un modérateur.");
        assert_eq!(reason_of(" abc "), None);
        assert_eq!(reason_of("Propos injurieux").as_deref(), Some("Propos injurieux"));
    }
}
