//! What can be wrong with a participation form, tied to the field it is shown next to, with the
//! sentence a person reads in French or English.

use serde::{Deserialize, Serialize};

use super::{PHOTOS_MAX, PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, BODY_MAX_CHARS, BODY_MIN_CHARS, COMMENT_MAX_CHARS, COMMENT_MIN_CHARS, REASON_MAX_CHARS, TITLE_MAX_CHARS, TITLE_MIN_CHARS};
use crate::locale::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    KindUnknown,
    CategoryUnknown,
    PlaceNeeded,
    PlaceOutside,
    PointInvalid,
    TitleLength,
    BodyLength,
    CommentLength,
    StatusUnknown,
    ReasonNeeded,
    PartnerNeeded,
    MessageTooLong,
    ConsentNeeded,
    HideReasonNeeded,
    PhotoType,
    PhotoTooLarge,
    PhotoUnreadable,
    PhotoTooMany,
    FlagReasonUnknown,
    MergeTargetInvalid,
    WordInvalid,
}

/// The form fields a problem is shown next to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Field {
    Kind,
    Category,
    Place,
    Title,
    Body,
    Comment,
    Status,
    Message,
    Partner,
    Consent,
    Photo,
}

impl Problem {
    pub const ALL: [Problem; 21] = [
        Self::KindUnknown,
        Self::CategoryUnknown,
        Self::PlaceNeeded,
        Self::PlaceOutside,
        Self::PointInvalid,
        Self::TitleLength,
        Self::BodyLength,
        Self::CommentLength,
        Self::StatusUnknown,
        Self::ReasonNeeded,
        Self::PartnerNeeded,
        Self::MessageTooLong,
        Self::ConsentNeeded,
        Self::HideReasonNeeded,
        Self::PhotoType,
        Self::PhotoTooLarge,
        Self::PhotoUnreadable,
        Self::PhotoTooMany,
        Self::FlagReasonUnknown,
        Self::MergeTargetInvalid,
        Self::WordInvalid,
    ];

    pub fn field(self) -> Field {
        match self {
            Self::KindUnknown => Field::Kind,
            Self::CategoryUnknown => Field::Category,
            Self::PlaceNeeded | Self::PlaceOutside | Self::PointInvalid => Field::Place,
            Self::TitleLength => Field::Title,
            Self::BodyLength => Field::Body,
            Self::CommentLength => Field::Comment,
            Self::StatusUnknown => Field::Status,
            Self::ReasonNeeded | Self::MessageTooLong | Self::HideReasonNeeded | Self::FlagReasonUnknown | Self::MergeTargetInvalid | Self::WordInvalid => Field::Message,
            Self::PartnerNeeded => Field::Partner,
            Self::ConsentNeeded => Field::Consent,
            Self::PhotoType | Self::PhotoTooLarge | Self::PhotoUnreadable | Self::PhotoTooMany => Field::Photo,
        }
    }

    /// Stable name, for URLs and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::KindUnknown => "nature",
            Self::CategoryUnknown => "categorie",
            Self::PlaceNeeded => "lieu_manquant",
            Self::PlaceOutside => "lieu_hors_qpv",
            Self::PointInvalid => "point_invalide",
            Self::TitleLength => "titre_longueur",
            Self::BodyLength => "texte_longueur",
            Self::CommentLength => "commentaire_longueur",
            Self::StatusUnknown => "statut",
            Self::ReasonNeeded => "raison_manquante",
            Self::PartnerNeeded => "partenaire_manquant",
            Self::MessageTooLong => "message_long",
            Self::ConsentNeeded => "accord_manquant",
            Self::HideReasonNeeded => "motif_manquant",
            Self::PhotoType => "photo_format",
            Self::PhotoTooLarge => "photo_lourde",
            Self::PhotoUnreadable => "photo_illisible",
            Self::PhotoTooMany => "photos_nombre",
            Self::FlagReasonUnknown => "motif_signalement",
            Self::MergeTargetInvalid => "fusion_cible",
            Self::WordInvalid => "mot_invalide",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn message(self, locale: Locale) -> String {
        use Locale::{En, Fr};
        match (self, locale) {
            (Self::KindUnknown, Fr) => "choisissez : signaler un problème ou proposer une idée".into(),
            (Self::KindUnknown, En) => "choose: report a problem or suggest an idea".into(),
            (Self::CategoryUnknown, Fr) => "choisissez une catégorie dans la liste".into(),
            (Self::CategoryUnknown, En) => "choose a category from the list".into(),
            (Self::PlaceNeeded, Fr) => "indiquez le quartier : un point sur la carte, votre position, ou une adresse".into(),
            (Self::PlaceNeeded, En) => "say where: a point on the map, your position, or an address".into(),
            (Self::PlaceOutside, Fr) => "cet endroit n'est dans aucun quartier prioritaire : la participation se fait dans un QPV".into(),
            (Self::PlaceOutside, En) => "this place is in no priority neighbourhood: participation happens in a QPV".into(),
            (Self::PointInvalid, Fr) => "la position n'est pas valide (latitude entre -90 et 90, longitude entre -180 et 180)".into(),
            (Self::PointInvalid, En) => "the position is not valid (latitude between -90 and 90, longitude between -180 and 180)".into(),
            (Self::TitleLength, Fr) => format!("le titre compte de {TITLE_MIN_CHARS} à {TITLE_MAX_CHARS} caractères"),
            (Self::TitleLength, En) => format!("the title has {TITLE_MIN_CHARS} to {TITLE_MAX_CHARS} characters"),
            (Self::BodyLength, Fr) => format!("décrivez en {BODY_MIN_CHARS} à {BODY_MAX_CHARS} caractères"),
            (Self::BodyLength, En) => format!("describe it in {BODY_MIN_CHARS} to {BODY_MAX_CHARS} characters"),
            (Self::CommentLength, Fr) => format!("le commentaire compte de {COMMENT_MIN_CHARS} à {COMMENT_MAX_CHARS} caractères"),
            (Self::CommentLength, En) => format!("the comment has {COMMENT_MIN_CHARS} to {COMMENT_MAX_CHARS} characters"),
            (Self::StatusUnknown, Fr) => "choisissez un statut dans la liste".into(),
            (Self::StatusUnknown, En) => "choose a status from the list".into(),
            (Self::ReasonNeeded, Fr) => format!("« non retenu » demande une raison, en {BODY_MIN_CHARS} caractères au moins"),
            (Self::ReasonNeeded, En) => format!("“not taken up” needs a reason, at least {BODY_MIN_CHARS} characters"),
            (Self::PartnerNeeded, Fr) => "« transmis » demande le partenaire à qui l'élément a été transmis".into(),
            (Self::PartnerNeeded, En) => "“passed on” needs the partner it was passed on to".into(),
            (Self::MessageTooLong, Fr) => format!("le message compte au plus {REASON_MAX_CHARS} caractères"),
            (Self::MessageTooLong, En) => format!("the message has at most {REASON_MAX_CHARS} characters"),
            (Self::ConsentNeeded, Fr) => "cochez que la personne a donné son accord pour ce dépôt".into(),
            (Self::ConsentNeeded, En) => "tick that the person agreed to this filing".into(),
            (Self::HideReasonNeeded, Fr) => "dites pourquoi ce contenu est masqué (5 caractères au moins) : la raison est affichée à sa place".into(),
            (Self::PhotoType, Fr) => "une photo doit être au format JPEG, PNG ou WebP".into(),
            (Self::PhotoType, En) => "a photo must be a JPEG, PNG or WebP image".into(),
            (Self::PhotoTooLarge, Fr) => format!("une photo pèse au plus {} Mo", PHOTO_MAX_BYTES / 1_048_576),
            (Self::PhotoTooLarge, En) => format!("a photo weighs at most {} MB", PHOTO_MAX_BYTES / 1_048_576),
            (Self::PhotoUnreadable, Fr) => format!("cette photo n'a pas pu être lue (fichier abîmé, ou plus de {} millions de pixels)", PHOTO_MAX_PIXELS / 1_000_000),
            (Self::PhotoUnreadable, En) => format!("this photo could not be read (a damaged file, or over {} million pixels)", PHOTO_MAX_PIXELS / 1_000_000),
            (Self::PhotoTooMany, Fr) => format!("{PHOTOS_MAX} photos au plus"),
            (Self::PhotoTooMany, En) => format!("{PHOTOS_MAX} photos at most"),
            (Self::FlagReasonUnknown, Fr) => "choisissez pourquoi vous signalez ce contenu".into(),
            (Self::FlagReasonUnknown, En) => "choose why you flag this content".into(),
            (Self::MergeTargetInvalid, Fr) => "donnez le numéro d'un autre élément visible du même quartier".into(),
            (Self::MergeTargetInvalid, En) => "give the number of another visible item of the same neighbourhood".into(),
            (Self::WordInvalid, Fr) => format!("un mot compte de 2 à {} caractères (lettres ou chiffres)", crate::moderation::WORD_MAX_CHARS),
            (Self::WordInvalid, En) => format!("a word has 2 to {} characters (letters or digits)", crate::moderation::WORD_MAX_CHARS),
            (Self::HideReasonNeeded, En) => "say why this content is hidden (at least 5 characters): the reason is shown in its place".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_parse_back() {
        let mut codes: Vec<_> = Problem::ALL.iter().map(|p| p.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Problem::ALL.len());
        for p in Problem::ALL {
            assert_eq!(Problem::parse(p.code()), Some(p));
            assert_ne!(p.message(Locale::Fr), p.message(Locale::En), "{p:?} is translated");
        }
    }
}
