//! Every string the interface shows, in French first and English second.
//! A page asks for `use_texts()` and never writes a sentence itself.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub fn lang(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }
}

pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_home: &'static str,
    pub nav_regies: &'static str,
    pub nav_label: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub fig_regies: &'static str,
    pub fig_regies_note: &'static str,
    pub fig_qpv: &'static str,
    pub fig_qpv_note: &'static str,
    pub fig_qpv_covered: &'static str,
    pub fig_qpv_covered_note: &'static str,
    pub fig_communes: &'static str,
    pub fig_communes_note: &'static str,
    pub figures_heading: &'static str,
    pub see_directory: &'static str,
    pub data_warning: &'static str,
    pub loading: &'static str,
    pub error_prefix: &'static str,
    pub regies_title: &'static str,
    pub regies_intro: &'static str,
    pub filter_label: &'static str,
    pub filter_placeholder: &'static str,
    pub shown_count: &'static str,
    pub no_match: &'static str,
    pub col_name: &'static str,
    pub col_commune: &'static str,
    pub col_dep: &'static str,
    pub col_status: &'static str,
    pub col_qpv: &'static str,
    pub status_unverified: &'static str,
    pub status_verified: &'static str,
    pub regie_not_found: &'static str,
    pub back_to_directory: &'static str,
    pub identity: &'static str,
    pub address: &'static str,
    pub siret: &'static str,
    pub contacts: &'static str,
    pub website: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub no_contact: &'static str,
    pub activities: &'static str,
    pub no_activity: &'static str,
    pub qpv_covered: &'static str,
    pub no_qpv: &'static str,
    pub coverage_estimee: &'static str,
    pub coverage_declaree: &'static str,
    pub coverage_confirmee: &'static str,
    pub coverage_estimee_help: &'static str,
    pub key_figures: &'static str,
    pub no_key_figures: &'static str,
    /// Holes: {annee}, {salaries}, {insertion}.
    pub key_figures_line: &'static str,
    pub source: &'static str,
    pub unverified_notice: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub footer_data: &'static str,
    pub footer_licence: &'static str,
    pub kind_regie: &'static str,
    pub kind_commune: &'static str,
    pub kind_qpv: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub search_help: &'static str,
    pub suggestions_count: &'static str,
    pub suggestions_label: &'static str,
    pub search_title: &'static str,
    pub search_none: &'static str,
    pub search_count: &'static str,
    pub search_communes: &'static str,
    pub search_qpvs: &'static str,
    pub search_regies: &'static str,
    pub locate_title: &'static str,
    pub locate_intro: &'static str,
    pub locate_place_label: &'static str,
    pub locate_submit: &'static str,
    pub locate_me: &'static str,
    pub locate_in_progress: &'static str,
    pub locate_denied: &'static str,
    pub locate_from_place: &'static str,
    pub locate_from_point: &'static str,
    pub locate_in_qpv: &'static str,
    pub locate_no_qpv: &'static str,
    pub locate_covered: &'static str,
    pub locate_not_covered: &'static str,
    pub locate_nearest: &'static str,
    pub locate_serves_here: &'static str,
    pub nav_locate: &'static str,
}

pub const FR: Texts = Texts {
    site_name: "Atlas des Régies",
    site_tagline: "Les Régies de Quartier et de Territoire, leurs quartiers et leurs partenaires",
    skip_to_content: "Aller au contenu",
    nav_home: "Accueil",
    nav_regies: "Annuaire des Régies",
    nav_label: "Navigation principale",
    home_title: "Atlas des Régies de Quartier et de Territoire",
    home_intro: "Trouvez la Régie de votre quartier, ce qu'elle fait et comment y participer. Les chiffres ci-dessous sont calculés à partir des données chargées dans l'Atlas.",
    fig_regies: "Régies",
    fig_regies_note: "dont {n} à vérifier",
    fig_qpv: "quartiers prioritaires (QPV 2024)",
    fig_qpv_note: "liste officielle de l'ANCT",
    fig_qpv_covered: "QPV où intervient une Régie",
    fig_qpv_covered_note: "couverture estimée : QPV de la commune de la Régie",
    fig_communes: "communes concernées",
    fig_communes_note: "sur {n} communes comptant un QPV",
    figures_heading: "L'Atlas en chiffres",
    see_directory: "Voir l'annuaire des Régies",
    data_warning: "Les Régies affichées proviennent de la liste nationale des structures d'insertion (SIAE) de juillet 2019, sélectionnées sur leur nom. Leur appartenance au Mouvement des Régies n'est pas encore vérifiée.",
    loading: "Chargement…",
    error_prefix: "Erreur : ",
    regies_title: "Annuaire des Régies",
    regies_intro: "Toutes les Régies connues de l'Atlas, avec leur commune et les quartiers prioritaires où elles interviennent.",
    filter_label: "Filtrer par nom, commune ou département",
    filter_placeholder: "ex. Laon, 93, Quartiers…",
    shown_count: "{n} Régie(s) affichée(s) sur {total}",
    no_match: "Aucune Régie ne correspond à ce filtre.",
    col_name: "Nom",
    col_commune: "Commune",
    col_dep: "Dép.",
    col_status: "Statut",
    col_qpv: "QPV",
    status_unverified: "À vérifier",
    status_verified: "Vérifiée",
    regie_not_found: "Cette Régie n'existe pas dans l'Atlas.",
    back_to_directory: "Retour à l'annuaire",
    identity: "Identité",
    address: "Adresse",
    siret: "SIRET",
    contacts: "Contacts",
    website: "Site internet",
    phone: "Téléphone",
    email: "Courriel",
    no_contact: "Aucun contact renseigné.",
    activities: "Activités",
    no_activity: "Activités non renseignées.",
    qpv_covered: "Quartiers prioritaires",
    no_qpv: "Aucun quartier prioritaire rattaché.",
    coverage_estimee: "estimée",
    coverage_declaree: "déclarée",
    coverage_confirmee: "confirmée",
    coverage_estimee_help: "« Estimée » : le quartier est dans la commune de la Régie ; la Régie ne l'a pas encore confirmé.",
    key_figures: "Chiffres clés",
    no_key_figures: "Aucun chiffre clé publié pour l'instant.",
    key_figures_line: "{annee} : {salaries} salariés, dont {insertion} en insertion",
    source: "Source",
    unverified_notice: "Fiche à vérifier : établie à partir d'un fichier public, l'appartenance au réseau n'est pas confirmée.",
    not_found_title: "Page introuvable",
    not_found_text: "Cette adresse ne correspond à aucune page de l'Atlas.",
    footer_data: "Données : ANCT (QPV 2024), INSEE, IGN et DILA (communes), ASP (liste SIAE 2019) — Licence Ouverte 2.0.",
    footer_licence: "Logiciel libre (AGPL-3.0).",
    kind_regie: "Régie",
    kind_commune: "Commune",
    kind_qpv: "Quartier prioritaire",
    search_label: "Rechercher une commune, un code postal, un quartier ou une Régie",
    search_placeholder: "Commune, code postal, quartier…",
    search_button: "Rechercher",
    search_help: "Tapez au moins deux lettres d'une commune, un code postal, le nom ou le code d'un quartier prioritaire, ou le nom d'une Régie.",
    suggestions_count: "{n} suggestion(s)",
    suggestions_label: "Suggestions",
    search_title: "Recherche",
    search_none: "Aucun résultat pour « {q} ».",
    search_count: "{n} résultat(s) pour « {q} »",
    search_communes: "Communes",
    search_qpvs: "Quartiers prioritaires",
    search_regies: "Régies",
    locate_title: "Autour de moi : suis-je dans un quartier prioritaire ?",
    locate_intro: "Trouvez le quartier prioritaire (QPV 2024) d'un lieu et les Régies les plus proches, depuis votre position ou une commune.",
    locate_place_label: "Commune ou code postal",
    locate_submit: "Chercher",
    locate_me: "Me localiser",
    locate_in_progress: "Localisation en cours…",
    locate_denied: "Position indisponible : autorisez la localisation ou tapez une commune.",
    locate_from_place: "Centre de {place}",
    locate_from_point: "Position {lat}, {lon}",
    locate_in_qpv: "Ce lieu est dans le quartier prioritaire",
    locate_no_qpv: "Ce lieu n'est dans aucun quartier prioritaire (QPV 2024).",
    locate_covered: "Une Régie intervient dans ce quartier (couverture estimée ou déclarée).",
    locate_not_covered: "Aucune Régie connue n'intervient dans ce quartier.",
    locate_nearest: "Régies les plus proches",
    locate_serves_here: "intervient ici",
    nav_locate: "Autour de moi",
};

pub const EN: Texts = Texts {
    site_name: "Atlas des Régies",
    site_tagline: "Neighbourhood and territory Régies, their areas and their partners",
    skip_to_content: "Skip to content",
    nav_home: "Home",
    nav_regies: "Directory",
    nav_label: "Main navigation",
    home_title: "Atlas of the Régies de Quartier et de Territoire",
    home_intro: "Find the Régie of your neighbourhood, what it does and how to take part. The figures below are computed from the data loaded in the Atlas.",
    fig_regies: "Régies",
    fig_regies_note: "{n} of them unverified",
    fig_qpv: "priority neighbourhoods (QPV 2024)",
    fig_qpv_note: "official ANCT list",
    fig_qpv_covered: "QPVs where a Régie works",
    fig_qpv_covered_note: "estimated coverage: QPVs of the Régie's commune",
    fig_communes: "communes concerned",
    fig_communes_note: "out of {n} communes with a QPV",
    figures_heading: "The Atlas in figures",
    see_directory: "See the directory",
    data_warning: "The Régies shown come from the July 2019 national list of insertion structures (SIAE), selected by name. Their membership of the Mouvement des Régies is not verified yet.",
    loading: "Loading…",
    error_prefix: "Error: ",
    regies_title: "Directory of Régies",
    regies_intro: "Every Régie known to the Atlas, with its commune and the priority neighbourhoods it works in.",
    filter_label: "Filter by name, commune or département",
    filter_placeholder: "e.g. Laon, 93, Quartiers…",
    shown_count: "{n} of {total} Régie(s) shown",
    no_match: "No Régie matches this filter.",
    col_name: "Name",
    col_commune: "Commune",
    col_dep: "Dep.",
    col_status: "Status",
    col_qpv: "QPV",
    status_unverified: "Unverified",
    status_verified: "Verified",
    regie_not_found: "This Régie is not in the Atlas.",
    back_to_directory: "Back to the directory",
    identity: "Identity",
    address: "Address",
    siret: "SIRET",
    contacts: "Contacts",
    website: "Website",
    phone: "Phone",
    email: "E-mail",
    no_contact: "No contact given.",
    activities: "Activities",
    no_activity: "Activities not given.",
    qpv_covered: "Priority neighbourhoods",
    no_qpv: "No priority neighbourhood linked.",
    coverage_estimee: "estimated",
    coverage_declaree: "declared",
    coverage_confirmee: "confirmed",
    coverage_estimee_help: "“Estimated”: the neighbourhood is in the Régie's commune; the Régie has not confirmed it yet.",
    key_figures: "Key figures",
    no_key_figures: "No key figures published yet.",
    key_figures_line: "{annee}: {salaries} employees, {insertion} of them in work-integration jobs",
    source: "Source",
    unverified_notice: "To be verified: built from a public file, membership of the network is not confirmed.",
    not_found_title: "Page not found",
    not_found_text: "This address matches no page of the Atlas.",
    footer_data: "Data: ANCT (QPV 2024), INSEE, IGN and DILA (communes), ASP (2019 SIAE list) — Licence Ouverte 2.0.",
    footer_licence: "Free software (AGPL-3.0).",
    kind_regie: "Régie",
    kind_commune: "Commune",
    kind_qpv: "Priority neighbourhood",
    search_label: "Search a commune, postcode, neighbourhood or Régie",
    search_placeholder: "Commune, postcode, neighbourhood…",
    search_button: "Search",
    search_help: "Type at least two letters of a commune, a postcode, the name or code of a priority neighbourhood, or a Régie's name.",
    suggestions_count: "{n} suggestion(s)",
    suggestions_label: "Suggestions",
    search_title: "Search",
    search_none: "No result for “{q}”.",
    search_count: "{n} result(s) for “{q}”",
    search_communes: "Communes",
    search_qpvs: "Priority neighbourhoods",
    search_regies: "Régies",
    locate_title: "Around me: am I in a priority neighbourhood?",
    locate_intro: "Find the priority neighbourhood (QPV 2024) of a place and the nearest Régies, from your position or a commune.",
    locate_place_label: "Commune or postcode",
    locate_submit: "Look up",
    locate_me: "Use my location",
    locate_in_progress: "Locating…",
    locate_denied: "Position unavailable: allow location or type a commune.",
    locate_from_place: "Centre of {place}",
    locate_from_point: "Position {lat}, {lon}",
    locate_in_qpv: "This place is in the priority neighbourhood",
    locate_no_qpv: "This place is in no priority neighbourhood (QPV 2024).",
    locate_covered: "A Régie works in this neighbourhood (estimated or declared coverage).",
    locate_not_covered: "No known Régie works in this neighbourhood.",
    locate_nearest: "Nearest Régies",
    locate_serves_here: "works here",
    nav_locate: "Around me",
};

/// The texts of the current locale (French unless a parent provided another).
pub fn use_texts() -> &'static Texts {
    match use_context::<Locale>() {
        Some(Locale::En) => &EN,
        _ => &FR,
    }
}

/// Fills the `{n}` and `{total}` holes of a text.
pub fn fill(template: &str, n: impl ToString, total: impl ToString) -> String {
    template.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
}

/// French number formatting with a narrow no-break space: 1584 → "1 584".
pub fn format_int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_french_way() {
        assert_eq!(format_int(1584), "1\u{202f}584");
        assert_eq!(format_int(34875), "34\u{202f}875");
        assert_eq!(format_int(84), "84");
        assert_eq!(format_int(1_000_000), "1\u{202f}000\u{202f}000");
    }

    #[test]
    fn fill_replaces_holes() {
        assert_eq!(fill(FR.shown_count, 3, 84), "3 Régie(s) affichée(s) sur 84");
    }
}
