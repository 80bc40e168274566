//! Why a field of a Régie's profile form was refused: a stable code for URLs and JSON, the
//! field it is shown next to, and the sentence in French or English.

use serde::{Deserialize, Serialize};

use super::figures_form::SOURCE_MAX_CHARS;
use crate::participation::{PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS};
use super::news::{TEXT_MAX_CHARS as NEWS_TEXT_MAX_CHARS, TITLE_MAX_CHARS as NEWS_TITLE_MAX_CHARS};
use super::partners_form::{OBJECT_MAX_CHARS, PARTNER_NAME_MAX_CHARS, TERRITORY_MAX_CHARS};
use super::profile::{ProfileField, ADDRESS_MAX_CHARS, DESCRIPTION_MAX_CHARS, NAME_MAX_CHARS, NOTE_MAX_CHARS, WEBSITE_MAX_CHARS};
use crate::locale::Locale;

/// Why a field was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Problem {
    NameLength,
    SiretInvalid,
    /// Another Régie of the Atlas has this SIRET: a likely duplicate, for the network to merge.
    SiretTaken,
    AddressLength,
    PositionInvalid,
    PhoneInvalid,
    EmailInvalid,
    WebsiteInvalid,
    CreationDateInvalid,
    MembershipDateInvalid,
    DescriptionLength,
    ActivityUnknown,
    /// A QPV code or status that is not one (or « confirmée », which only the network gives).
    CoverageInvalid,
    NoteLength,
    /// The figures' year is not a year the Régie could report (1980 to this year).
    FigureYear,
    /// A key figure is not a whole number from 0 up.
    FigureNumber,
    /// Figures without the document they come from.
    FigureSourceMissing,
    FigureSourceLength,
    /// A year without a single figure.
    FiguresEmpty,
    /// A new Régie's postcode is no French postcode the Atlas knows.
    PostcodeUnknown,
    /// A new Régie's postcode has several communes: the form asks which.
    CommuneChoice,
    PartnerNameLength,
    PartnerKindUnknown,
    /// A SIREN has 9 digits and a check digit (a SIRET gives its first 9).
    SirenInvalid,
    TerritoryLength,
    PartnerWebsiteInvalid,
    /// The Atlas already has a partner with this SIREN or this name: choose it instead.
    PartnerExists,
    /// The partner chosen is not (or no longer) in the Atlas.
    PartnerUnknown,
    RelationUnknown,
    /// A college that is not one, or for a partner outside the governance.
    CollegeInvalid,
    /// A date that is not one, or an end before the start.
    RelationDates,
    /// The Régie already has this partner in this role.
    RelationExists,
    ContractObject,
    ContractAmount,
    ContractDates,
    ProcedureUnknown,
    NewsTitleLength,
    NewsTextLength,
    /// The logo's form sent no image.
    LogoMissing,
    LogoType,
    LogoTooLarge,
    /// A damaged file, or too many pixels.
    LogoUnreadable,
}

impl Problem {
    pub const ALL: [Problem; 42] = [
        Self::NameLength,
        Self::SiretInvalid,
        Self::SiretTaken,
        Self::AddressLength,
        Self::PositionInvalid,
        Self::PhoneInvalid,
        Self::EmailInvalid,
        Self::WebsiteInvalid,
        Self::CreationDateInvalid,
        Self::MembershipDateInvalid,
        Self::DescriptionLength,
        Self::ActivityUnknown,
        Self::CoverageInvalid,
        Self::NoteLength,
        Self::FigureYear,
        Self::FigureNumber,
        Self::FigureSourceMissing,
        Self::FigureSourceLength,
        Self::FiguresEmpty,
        Self::PostcodeUnknown,
        Self::CommuneChoice,
        Self::PartnerNameLength,
        Self::PartnerKindUnknown,
        Self::SirenInvalid,
        Self::TerritoryLength,
        Self::PartnerWebsiteInvalid,
        Self::PartnerExists,
        Self::PartnerUnknown,
        Self::RelationUnknown,
        Self::CollegeInvalid,
        Self::RelationDates,
        Self::RelationExists,
        Self::ContractObject,
        Self::ContractAmount,
        Self::ContractDates,
        Self::ProcedureUnknown,
        Self::NewsTitleLength,
        Self::NewsTextLength,
        Self::LogoMissing,
        Self::LogoType,
        Self::LogoTooLarge,
        Self::LogoUnreadable,
    ];

    pub fn field(self) -> ProfileField {
        match self {
            Self::NameLength => ProfileField::Nom,
            Self::SiretInvalid | Self::SiretTaken => ProfileField::Siret,
            Self::AddressLength => ProfileField::Adresse,
            Self::PositionInvalid => ProfileField::Position,
            Self::PhoneInvalid => ProfileField::Telephone,
            Self::EmailInvalid => ProfileField::Email,
            Self::WebsiteInvalid => ProfileField::SiteWeb,
            Self::CreationDateInvalid => ProfileField::DateCreation,
            Self::MembershipDateInvalid => ProfileField::DateAdhesion,
            Self::DescriptionLength => ProfileField::Description,
            Self::ActivityUnknown => ProfileField::Activites,
            Self::CoverageInvalid | Self::NoteLength => ProfileField::Couverture,
            Self::FigureYear | Self::FigureNumber | Self::FigureSourceMissing | Self::FigureSourceLength | Self::FiguresEmpty => ProfileField::Chiffres,
            Self::PostcodeUnknown | Self::CommuneChoice => ProfileField::Adresse,
            // News posts and the logo are no versioned field of the profile: they present the
            // Régie in its own words and image, like its description.
            Self::NewsTitleLength | Self::NewsTextLength | Self::LogoMissing | Self::LogoType | Self::LogoTooLarge | Self::LogoUnreadable => ProfileField::Description,
            _ => ProfileField::Partenaires,
        }
    }

    /// The input it is shown next to (the figures' form has its year, its numbers, its source).
    pub fn input(self) -> &'static str {
        match self {
            Self::FigureYear => "annee",
            Self::FigureSourceMissing | Self::FigureSourceLength => "source",
            Self::PostcodeUnknown => "code_postal",
            Self::CommuneChoice => "commune",
            Self::PartnerNameLength | Self::PartnerExists => "partenaire_nom",
            Self::PartnerKindUnknown => "partenaire_nature",
            Self::SirenInvalid => "siren",
            Self::TerritoryLength => "territoire",
            Self::PartnerWebsiteInvalid => "partenaire_site",
            Self::PartnerUnknown => "recherche",
            Self::RelationUnknown | Self::RelationExists => "relation",
            Self::CollegeInvalid => "college",
            Self::RelationDates => "depuis",
            Self::ContractObject => "objet",
            Self::ContractAmount => "montant",
            Self::ContractDates => "debut",
            Self::ProcedureUnknown => "procedure",
            Self::NewsTitleLength => "titre",
            Self::NewsTextLength => "texte",
            Self::LogoMissing | Self::LogoType | Self::LogoTooLarge | Self::LogoUnreadable => "logo",
            other => other.field().name(),
        }
    }

    /// Stable name, for URLs and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Self::NameLength => "nom_longueur",
            Self::SiretInvalid => "siret_invalide",
            Self::SiretTaken => "siret_pris",
            Self::AddressLength => "adresse_longueur",
            Self::PositionInvalid => "position_invalide",
            Self::PhoneInvalid => "telephone_invalide",
            Self::EmailInvalid => "courriel_invalide",
            Self::WebsiteInvalid => "site_invalide",
            Self::CreationDateInvalid => "date_creation_invalide",
            Self::MembershipDateInvalid => "date_adhesion_invalide",
            Self::DescriptionLength => "description_longueur",
            Self::ActivityUnknown => "activite_inconnue",
            Self::CoverageInvalid => "couverture_invalide",
            Self::NoteLength => "note_longueur",
            Self::FigureYear => "annee_invalide",
            Self::FigureNumber => "chiffre_invalide",
            Self::FigureSourceMissing => "source_manquante",
            Self::FigureSourceLength => "source_longueur",
            Self::FiguresEmpty => "chiffres_vides",
            Self::PostcodeUnknown => "code_postal_inconnu",
            Self::CommuneChoice => "commune_a_choisir",
            Self::PartnerNameLength => "partenaire_nom_longueur",
            Self::PartnerKindUnknown => "partenaire_nature_inconnue",
            Self::SirenInvalid => "siren_invalide",
            Self::TerritoryLength => "territoire_longueur",
            Self::PartnerWebsiteInvalid => "partenaire_site_invalide",
            Self::PartnerExists => "partenaire_existant",
            Self::PartnerUnknown => "partenaire_inconnu",
            Self::RelationUnknown => "relation_inconnue",
            Self::CollegeInvalid => "college_invalide",
            Self::RelationDates => "relation_dates",
            Self::RelationExists => "relation_existante",
            Self::ContractObject => "objet_longueur",
            Self::ContractAmount => "montant_invalide",
            Self::ContractDates => "contrat_dates",
            Self::ProcedureUnknown => "procedure_inconnue",
            Self::NewsTitleLength => "titre_longueur",
            Self::NewsTextLength => "texte_longueur",
            Self::LogoMissing => "logo_manquant",
            Self::LogoType => "logo_format",
            Self::LogoTooLarge => "logo_lourd",
            Self::LogoUnreadable => "logo_illisible",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn message(self, locale: Locale) -> String {
        use Locale::{En, Fr};
        match (self, locale) {
            (Self::NameLength, Fr) => format!("le nom compte de 3 à {NAME_MAX_CHARS} caractères"),
            (Self::NameLength, En) => format!("the name has 3 to {NAME_MAX_CHARS} characters"),
            (Self::SiretInvalid, Fr) => "le SIRET compte 14 chiffres et sa clé de contrôle doit correspondre (vérifiez sur l'avis de situation INSEE)".into(),
            (Self::SiretInvalid, En) => "a SIRET has 14 digits and its check digit must match (see the INSEE notice)".into(),
            (Self::SiretTaken, Fr) => "une autre Régie de l'Atlas a ce SIRET : écrivez au réseau pour réunir les deux fiches".into(),
            (Self::SiretTaken, En) => "another Régie of the Atlas has this SIRET: write to the network to merge both entries".into(),
            (Self::AddressLength, Fr) => format!("l'adresse compte au plus {ADDRESS_MAX_CHARS} caractères"),
            (Self::AddressLength, En) => format!("the address has at most {ADDRESS_MAX_CHARS} characters"),
            (Self::PositionInvalid, Fr) => "la position est une latitude et une longitude en France, par exemple 48,8566 et 2,3522".into(),
            (Self::PositionInvalid, En) => "the position is a latitude and a longitude in France, for example 48.8566 and 2.3522".into(),
            (Self::PhoneInvalid, Fr) => "un numéro de téléphone compte 10 chiffres (01 23 45 67 89) ou commence par + et l'indicatif".into(),
            (Self::PhoneInvalid, En) => "a phone number has 10 digits (01 23 45 67 89) or starts with + and the country code".into(),
            (Self::EmailInvalid, Fr) => "l'adresse de courriel n'est pas valide (exemple : contact@regie.fr)".into(),
            (Self::EmailInvalid, En) => "the e-mail address is not valid (example: contact@regie.fr)".into(),
            (Self::WebsiteInvalid, Fr) => format!("le site web est une adresse comme https://www.regie.fr ({WEBSITE_MAX_CHARS} caractères au plus)"),
            (Self::WebsiteInvalid, En) => format!("the website is an address like https://www.regie.fr (at most {WEBSITE_MAX_CHARS} characters)"),
            (Self::CreationDateInvalid, Fr) => "la date de création s'écrit JJ/MM/AAAA, AAAA-MM-JJ ou AAAA".into(),
            (Self::CreationDateInvalid, En) => "the founding date is written DD/MM/YYYY, YYYY-MM-DD or YYYY".into(),
            (Self::MembershipDateInvalid, Fr) => "la date d'adhésion s'écrit JJ/MM/AAAA, AAAA-MM-JJ ou AAAA".into(),
            (Self::MembershipDateInvalid, En) => "the membership date is written DD/MM/YYYY, YYYY-MM-DD or YYYY".into(),
            (Self::DescriptionLength, Fr) => format!("la description compte au plus {DESCRIPTION_MAX_CHARS} caractères"),
            (Self::DescriptionLength, En) => format!("the description has at most {DESCRIPTION_MAX_CHARS} characters"),
            (Self::ActivityUnknown, Fr) => "choisissez les activités dans la liste".into(),
            (Self::ActivityUnknown, En) => "choose the activities from the list".into(),
            (Self::CoverageInvalid, Fr) => "choisissez les quartiers dans la liste, chacun « estimé » ou « déclaré » (seul le réseau confirme)".into(),
            (Self::CoverageInvalid, En) => "choose the neighbourhoods from the list, each “estimated” or “declared” (only the network confirms)".into(),
            (Self::NoteLength, Fr) => format!("une note sur un quartier compte au plus {NOTE_MAX_CHARS} caractères"),
            (Self::NoteLength, En) => format!("a note on a neighbourhood has at most {NOTE_MAX_CHARS} characters"),
            (Self::FigureYear, Fr) => "l'année s'écrit sur 4 chiffres, de 1980 à l'année en cours".into(),
            (Self::FigureYear, En) => "the year has 4 digits, from 1980 to the current year".into(),
            (Self::FigureNumber, Fr) => "chaque chiffre est un nombre entier, sans décimales (par exemple 12 ou 1 250 000), ou reste vide".into(),
            (Self::FigureNumber, En) => "each figure is a whole number, without decimals (for example 12 or 1,250,000), or stays empty".into(),
            (Self::FigureSourceMissing, Fr) => "indiquez d'où viennent ces chiffres (par exemple : rapport d'activité 2024)".into(),
            (Self::FigureSourceMissing, En) => "say where these figures come from (for example: 2024 annual report)".into(),
            (Self::FigureSourceLength, Fr) => format!("la source compte au plus {SOURCE_MAX_CHARS} caractères"),
            (Self::FigureSourceLength, En) => format!("the source has at most {SOURCE_MAX_CHARS} characters"),
            (Self::FiguresEmpty, Fr) => "saisissez au moins un chiffre pour cette année".into(),
            (Self::FiguresEmpty, En) => "enter at least one figure for this year".into(),
            (Self::PostcodeUnknown, Fr) => "le code postal compte 5 chiffres et doit être celui d'une commune française (par exemple 02000)".into(),
            (Self::PostcodeUnknown, En) => "the postcode has 5 digits and must be a French commune's (for example 02000)".into(),
            (Self::CommuneChoice, Fr) => "ce code postal couvre plusieurs communes : choisissez celle de la Régie".into(),
            (Self::CommuneChoice, En) => "this postcode covers several communes: choose the Régie's".into(),
            (Self::PartnerNameLength, Fr) => format!("le nom du partenaire compte de 2 à {PARTNER_NAME_MAX_CHARS} caractères"),
            (Self::PartnerNameLength, En) => format!("the partner's name has 2 to {PARTNER_NAME_MAX_CHARS} characters"),
            (Self::PartnerKindUnknown, Fr) => "choisissez la nature du partenaire dans la liste".into(),
            (Self::PartnerKindUnknown, En) => "choose the partner's kind from the list".into(),
            (Self::SirenInvalid, Fr) => "le SIREN compte 9 chiffres et sa clé de contrôle doit correspondre (un SIRET donne ses 9 premiers)".into(),
            (Self::SirenInvalid, En) => "a SIREN has 9 digits and its check digit must match (a SIRET gives its first 9)".into(),
            (Self::TerritoryLength, Fr) => format!("le territoire compte au plus {TERRITORY_MAX_CHARS} caractères"),
            (Self::TerritoryLength, En) => format!("the territory has at most {TERRITORY_MAX_CHARS} characters"),
            (Self::PartnerWebsiteInvalid, Fr) => "le site du partenaire est une adresse comme https://www.bailleur.fr".into(),
            (Self::PartnerWebsiteInvalid, En) => "the partner's website is an address like https://www.landlord.fr".into(),
            (Self::PartnerExists, Fr) => "ce partenaire est déjà dans l'Atlas (même SIREN ou même nom) : choisissez-le dans la liste ci-dessous".into(),
            (Self::PartnerExists, En) => "this partner is already in the Atlas (same SIREN or same name): choose it in the list below".into(),
            (Self::PartnerUnknown, Fr) => "ce partenaire n'est pas dans l'Atlas : cherchez-le par son nom ou son SIREN".into(),
            (Self::PartnerUnknown, En) => "this partner is not in the Atlas: search for it by its name or SIREN".into(),
            (Self::RelationUnknown, Fr) => "choisissez la relation dans la liste".into(),
            (Self::RelationUnknown, En) => "choose the relation from the list".into(),
            (Self::CollegeInvalid, Fr) => "un collège ne s'indique que pour un membre de la gouvernance : choisissez-le dans la liste".into(),
            (Self::CollegeInvalid, En) => "a college is only given for a board member: choose it from the list".into(),
            (Self::RelationDates, Fr) => "les dates s'écrivent JJ/MM/AAAA, AAAA-MM-JJ ou AAAA, la fin après le début".into(),
            (Self::RelationDates, En) => "dates are written DD/MM/YYYY, YYYY-MM-DD or YYYY, the end after the start".into(),
            (Self::RelationExists, Fr) => "la Régie a déjà ce partenaire dans ce rôle".into(),
            (Self::RelationExists, En) => "the Régie already has this partner in this role".into(),
            (Self::ContractObject, Fr) => format!("l'objet du contrat compte de 3 à {OBJECT_MAX_CHARS} caractères"),
            (Self::ContractObject, En) => format!("the contract's subject has 3 to {OBJECT_MAX_CHARS} characters"),
            (Self::ContractAmount, Fr) => "le montant est un nombre entier d'euros (par exemple 12 500), ou reste vide".into(),
            (Self::ContractAmount, En) => "the amount is a whole number of euros (for example 12,500), or stays empty".into(),
            (Self::ContractDates, Fr) => "les dates du contrat s'écrivent JJ/MM/AAAA, AAAA-MM-JJ ou AAAA, la fin après le début".into(),
            (Self::ContractDates, En) => "the contract's dates are written DD/MM/YYYY, YYYY-MM-DD or YYYY, the end after the start".into(),
            (Self::ProcedureUnknown, Fr) => "choisissez la procédure : marché public, convention ou bon de commande".into(),
            (Self::ProcedureUnknown, En) => "choose the procedure: public contract, agreement or purchase order".into(),
            (Self::NewsTitleLength, Fr) => format!("le titre compte de 3 à {NEWS_TITLE_MAX_CHARS} caractères"),
            (Self::NewsTitleLength, En) => format!("the title has 3 to {NEWS_TITLE_MAX_CHARS} characters"),
            (Self::NewsTextLength, Fr) => format!("le texte compte de 10 à {NEWS_TEXT_MAX_CHARS} caractères"),
            (Self::NewsTextLength, En) => format!("the text has 10 to {NEWS_TEXT_MAX_CHARS} characters"),
            (Self::LogoMissing, Fr) => "choisissez une image : le logo de la Régie ou une photo".into(),
            (Self::LogoMissing, En) => "choose an image: the Régie's logo or a photo".into(),
            (Self::LogoType, Fr) => "l'image doit être au format JPEG, PNG ou WebP".into(),
            (Self::LogoType, En) => "the image must be a JPEG, PNG or WebP file".into(),
            (Self::LogoTooLarge, Fr) => format!("l'image pèse au plus {} Mo", PHOTO_MAX_BYTES / 1_048_576),
            (Self::LogoTooLarge, En) => format!("the image weighs at most {} MB", PHOTO_MAX_BYTES / 1_048_576),
            (Self::LogoUnreadable, Fr) => format!("cette image n'a pas pu être lue (fichier abîmé, ou plus de {} millions de pixels)", PHOTO_MAX_PIXELS / 1_000_000),
            (Self::LogoUnreadable, En) => format!("this image could not be read (a damaged file, or over {} million pixels)", PHOTO_MAX_PIXELS / 1_000_000),
        }
    }
}
