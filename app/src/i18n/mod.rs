//! Every string the interface shows, in French first and English second.
//! A page asks for `use_texts()` and never writes a sentence itself.

use leptos::prelude::*;

pub use atlas_core::locale::Locale;

pub mod page_texts;

/// Server side: the language of the request being answered. A page takes its path's (provided
/// as context while it renders); a server function or JSON call follows `Accept-Language`.
#[cfg(feature = "ssr")]
pub fn request_locale() -> Locale {
    if let Some(locale) = use_context::<Locale>() {
        return locale;
    }
    let Some(parts) = use_context::<http::request::Parts>() else { return Locale::Fr };
    if parts.uri.path().starts_with("/api/") {
        let header = parts.headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
        Locale::from_accept_language(header)
    } else {
        Locale::of_path(parts.uri.path())
    }
}

pub struct Texts {
    pub locale: Locale,
    pub site_name: &'static str,
    /// The other language's name, in that language (the switch in the header).
    pub switch_language: &'static str,
    pub switch_language_label: &'static str,
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
    pub qpv_not_found: &'static str,
    pub qpv_description: &'static str,
    pub qpv_map_label: &'static str,
    pub legend_this_qpv: &'static str,
    pub legend_other_qpv: &'static str,
    pub legend_commune: &'static str,
    pub qpv_regies: &'static str,
    pub qpv_no_regie: &'static str,
    pub qpv_neighbours: &'static str,
    pub qpv_no_neighbour: &'static str,
    pub qpv_source: &'static str,
    pub qpv_participate: &'static str,
    pub qpv_participation: &'static str,
    pub regie_participation: &'static str,
    pub regie_manage: &'static str,
    pub commune_not_found: &'static str,
    pub commune_description: &'static str,
    pub commune_map_label: &'static str,
    pub legend_covered: &'static str,
    pub legend_not_covered: &'static str,
    pub commune_population: &'static str,
    pub commune_postcodes: &'static str,
    pub commune_epci: &'static str,
    pub commune_no_qpv: &'static str,
    pub commune_qpv_covered: &'static str,
    pub coverage_none: &'static str,
    pub commune_regies: &'static str,
    pub commune_no_regie: &'static str,
    pub commune_nearest: &'static str,
    pub commune_source: &'static str,
    pub map_title: &'static str,
    pub map_intro: &'static str,
    pub map_label: &'static str,
    pub nav_notifications: &'static str,
    pub follow_qpv: &'static str,
    pub follow_regie: &'static str,
    pub follow_help: &'static str,
    pub map_zoom_in: &'static str,
    pub map_zoom_out: &'static str,
    pub map_fullscreen: &'static str,
    pub map_exit_fullscreen: &'static str,
    pub map_see_page: &'static str,
    pub map_no_tiles: &'static str,
    pub map_legend: &'static str,
    pub coverage_confirmee_long: &'static str,
    pub coverage_declaree_long: &'static str,
    pub coverage_estimee_long: &'static str,
    pub map_alternatives: &'static str,
    pub nav_map: &'static str,
    pub sort_territoire: &'static str,
    pub sort_nom: &'static str,
    pub sort_qpv: &'static str,
    pub filters_label: &'static str,
    pub col_region: &'static str,
    pub all_f: &'static str,
    pub all_m: &'static str,
    pub sort_label: &'static str,
    pub apply_filters: &'static str,
    pub pages_label: &'static str,
    pub page_prev: &'static str,
    pub page_next: &'static str,
    pub page_of: &'static str,
    pub regie_map_label: &'static str,
    pub legend_regie_address: &'static str,
    pub chart_title: &'static str,
    pub fig_year: &'static str,
    pub fig_salaries: &'static str,
    pub fig_insertion: &'static str,
    pub fig_volunteers: &'static str,
    pub fig_accompanied: &'static str,
    pub fig_positive_exits: &'static str,
    pub fig_turnover: &'static str,
    pub fig_source: &'static str,
    pub fig_contracts: &'static str,
    pub partners_title: &'static str,
    pub no_partner: &'static str,
    pub demo_label: &'static str,
    pub partner_since: &'static str,
    pub partner_until: &'static str,
    pub take_part_title: &'static str,
    pub take_part_intro: &'static str,
    pub take_part_visit: &'static str,
    pub take_part_no_contact: &'static str,
    pub gaps_title: &'static str,
    pub gaps_intro: &'static str,
    pub gaps_count: &'static str,
    pub gaps_sort_population: &'static str,
    pub gaps_sort_distance: &'static str,
    pub gaps_export: &'static str,
    pub gaps_cut: &'static str,
    pub gaps_population: &'static str,
    pub gaps_nearest: &'static str,
    pub gaps_distance: &'static str,
    pub gaps_source: &'static str,
    pub nav_gaps: &'static str,
    pub territory_not_found: &'static str,
    pub level_france: &'static str,
    pub level_region: &'static str,
    pub level_departement: &'static str,
    pub level_epci: &'static str,
    pub level_commune: &'static str,
    pub fig_insertion_jobs: &'static str,
    pub breadcrumb_label: &'static str,
    pub territory_choropleth_label: &'static str,
    pub territory_qpv_map_label: &'static str,
    pub loaded_on: &'static str,
    pub qc_title: &'static str,
    pub qc_regies: &'static str,
    pub qc_regies_source: &'static str,
    pub qc_qpv: &'static str,
    pub qc_qpv_source: &'static str,
    pub qc_qpv_with: &'static str,
    pub qc_coverage_source: &'static str,
    pub qc_population: &'static str,
    pub qc_population_source: &'static str,
    pub qc_not_reported: &'static str,
    pub qc_figures_source: &'static str,
    pub nav_territories: &'static str,
    pub gaps_export_geojson: &'static str,
    pub partners_page_title: &'static str,
    pub partners_page_intro: &'static str,
    pub partner_kind: &'static str,
    pub partners_export: &'static str,
    pub partners_none: &'static str,
    pub partners_count: &'static str,
    pub partner_name: &'static str,
    pub partner_contracts: &'static str,
    pub partner_amount: &'static str,
    pub partner_not_found: &'static str,
    pub partner_map_label: &'static str,
    pub partner_demo_notice: &'static str,
    pub partner_regies: &'static str,
    pub partner_contracts_title: &'static str,
    pub partner_no_contract: &'static str,
    pub partner_contracts_total: &'static str,
    pub contract_object: &'static str,
    pub contract_period: &'static str,
    pub contract_procedure: &'static str,
    pub network_label: &'static str,
    pub nav_partners: &'static str,
    /// The header: the phone menu's button, and the account link when nobody is signed in.
    pub nav_menu: &'static str,
    pub nav_sign_in: &'static str,
    pub nav_account: &'static str,
    pub home_link_territories: &'static str,
    pub correction_title: &'static str,
    pub correction_intro: &'static str,
    pub correction_topic: &'static str,
    pub correction_topic_choose: &'static str,
    pub correction_topic_coordonnees: &'static str,
    pub correction_topic_activites: &'static str,
    pub correction_topic_quartiers: &'static str,
    pub correction_topic_fermeture: &'static str,
    pub correction_topic_autre: &'static str,
    pub correction_message: &'static str,
    pub correction_message_hint: &'static str,
    pub correction_contact: &'static str,
    pub correction_privacy: &'static str,
    pub correction_submit: &'static str,
    pub correction_thanks: &'static str,
    pub correction_errors: &'static str,
    pub correction_err_topic: &'static str,
    pub correction_err_short: &'static str,
    pub correction_err_long: &'static str,
    pub correction_err_contact: &'static str,
    pub correction_pending: &'static str,
}

mod en;
mod fr;

pub use en::EN;
pub use fr::FR;


/// The texts of a language.
pub fn texts(locale: Locale) -> &'static Texts {
    match locale {
        Locale::Fr => &FR,
        Locale::En => &EN,
    }
}

/// The texts of the current page's language (its frame provides it; French otherwise).
pub fn use_texts() -> &'static Texts {
    texts(use_context::<Locale>().unwrap_or_default())
}

impl Texts {
    /// A page path of the Atlas (written in French, `/regies/…`) in this language (`/en/regies/…`).
    pub fn path(&self, path: &str) -> String {
        self.locale.path(path)
    }
}

/// How sure the Atlas is that a Régie works in a QPV, as a badge says it.
pub fn coverage_label(t: &Texts, s: atlas_core::coverage::CoverageStatus) -> &'static str {
    match s {
        atlas_core::coverage::CoverageStatus::Estimee => t.coverage_estimee,
        atlas_core::coverage::CoverageStatus::Declaree => t.coverage_declaree,
        atlas_core::coverage::CoverageStatus::Confirmee => t.coverage_confirmee,
    }
}

/// Fills the `{n}` and `{total}` holes of a text.
pub fn fill(template: &str, n: impl ToString, total: impl ToString) -> String {
    template.replace("{n}", &n.to_string()).replace("{total}", &total.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_holes() {
        assert_eq!(fill(FR.shown_count, 3, 84), "3 Régie(s) affichée(s) sur 84");
    }
}

/// "donneur d'ordre (collège des élus), depuis 2019-01-01, jusqu'au 2024-12-31": how a Régie and
/// a partner are related, as the Régie page and the partner page both say it.
pub fn relation_sentence(
    t: &Texts,
    relation: atlas_core::partner::RelationKind,
    college: Option<atlas_core::partner::College>,
    depuis: Option<&str>,
    jusqu_a: Option<&str>,
) -> String {
    let mut out = relation.label(t.locale).to_owned();
    if let Some(c) = college {
        out.push_str(&format!(" ({})", c.label(t.locale)));
    }
    if let Some(d) = depuis {
        out.push_str(&format!(", {}", t.partner_since.replace("{date}", d)));
    }
    if let Some(d) = jusqu_a {
        out.push_str(&format!(", {}", t.partner_until.replace("{date}", d)));
    }
    out
}
