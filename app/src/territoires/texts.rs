//! The words of the territory pages, French and English; they travel with the page's data (`i18n::page_texts`).
//! Holes: `{nom}`, `{avec}`, `{total}`, `{pop}`, `{n}`, `{niveau}`, `{montant}`. The not-found
//! sentence stays in `Texts` (that page has no data to carry it), and so do the two map labels,
//! which the server's SVG files use too.

crate::i18n::page_texts::page_texts! {
    TerritoryTexts;
    FranceTitle => "Les Régies et les quartiers prioritaires en France", "Régies and priority neighbourhoods in France";
    Description => "{nom} : {avec} quartiers prioritaires sur {total} ont une Régie connue. Couverture, Régies, partenaires et exports.",
        "{nom}: {avec} of {total} priority neighbourhoods have a known Régie. Coverage, Régies, partners and exports.";
    OpenMap => "Voir sur la carte interactive", "See on the interactive map";
    Print => "Imprimer le rapport (A4)", "Print the report (A4)";
    QpvPopulationMissing => "La population des quartiers eux-mêmes n'est pas dans les données chargées : seule celle de leurs communes est indiquée.",
        "The neighbourhoods' own population is not in the loaded data: only that of their communes is shown.";
    QpvPopulation => "Population des quartiers : {pop} habitants ({n} quartiers sur {total} renseignés).",
        "Neighbourhood population: {pop} inhabitants ({n} of {total} neighbourhoods known).";
    Qpv => "quartiers prioritaires (QPV)", "priority neighbourhoods (QPV)";
    QpvWith => "avec une Régie", "with a Régie";
    QpvWithout => "sans Régie connue", "without a known Régie";
    RegiesPresent => "Régies présentes", "Régies present";
    Communes => "communes ayant un QPV", "communes with a QPV";
    Population => "habitants dans ces communes (population municipale)", "inhabitants of these communes (municipal population)";
    StatusChart => "Répartition des quartiers prioritaires de {nom} selon leur couverture par une Régie",
        "Priority neighbourhoods of {nom} by coverage by a Régie";
    StatusTitle => "Couverture des quartiers", "Neighbourhood coverage";
    StatusCol => "Couverture", "Coverage";
    BreakdownTitle => "Couverture par {niveau}", "Coverage by {niveau}";
    NoQpv => "aucun QPV", "no QPV";
    Export => "Télécharger", "Download";
    Share => "Part des QPV avec une Régie", "Share of QPVs with a Régie";
    Outside => "{n} quartiers ne sont rattachés à aucune commune des données chargées (Polynésie française et Saint-Martin, absents du fichier des communes) : ils comptent pour la France mais dans aucun département.",
        "{n} neighbourhoods belong to no commune of the loaded data (French Polynesia and Saint-Martin, absent from the communes file): they count for France but in no département.";
    QpvTitle => "Les quartiers prioritaires", "The priority neighbourhoods";
    FiguresReported => "{n} Régies sur {total} ont déclaré des chiffres clés", "{n} of {total} Régies reported key figures";
    RegiesTitle => "Les Régies présentes", "The Régies present";
    FiguresTitle => "Chiffres clés cumulés (dernière année déclarée de chaque Régie)", "Key figures summed (latest year reported by each Régie)";
    FigureCol => "Indicateur", "Indicator";
    Total => "Total", "Total";
    Reporting => "Régies ayant répondu", "Régies reporting";
    NoRegie => "Aucune Régie connue n'est présente dans ce territoire.", "No known Régie is present in this territory.";
    QpvHere => "QPV couverts ici", "QPVs covered here";
    PartnersTitle => "Partenaires actifs dans le territoire", "Partners active in the territory";
    NoPartner => "Aucun partenariat n'est enregistré pour les Régies de ce territoire.", "No partnership is recorded for the Régies of this territory.";
    PartnerRegies => "avec {n} Régie(s)", "with {n} Régie(s)";
    PartnerContracts => "{n} contrat(s), {montant} €", "{n} contract(s), €{montant}";
    ComparisonTitle => "Comparaison avec la France", "Comparison with France";
    ShareOfFrance => "Part des QPV de France", "Share of France's QPVs";
    Source => "Sources : QPV 2024 (ANCT) ; communes, EPCI et populations municipales (INSEE, IGN) ; Régies : liste à vérifier (SIAE 2019) et saisies de l'Atlas. La couverture « estimée » compte les QPV de la commune de la Régie.",
        "Sources: QPV 2024 (ANCT); communes, EPCIs and municipal populations (INSEE, IGN); Régies: list to be checked (SIAE 2019) and Atlas entries. \"Estimated\" coverage counts the QPVs of the Régie's commune.";
    QpvInExports => "Les {n} quartiers sont dans les exports ci-dessus, sur la carte interactive et dans les pages des régions et départements.",
        "The {n} neighbourhoods are in the exports above, on the interactive map and on the région and département pages.";
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_text_is_written_in_both_languages() {
        let (fr, en) = (TerritoryTexts::of(Locale::Fr), TerritoryTexts::of(Locale::En));
        for key in T::ALL {
            assert!(!fr.get(*key).is_empty() && !en.get(*key).is_empty(), "{key:?}");
        }
        // "Total" is the same word in both languages; any other equal pair is a forgotten translation.
        let same: Vec<_> = T::ALL.iter().filter(|k| fr.get(**k) == en.get(**k)).collect();
        assert_eq!(same, [&T::Total], "untranslated: {same:?}");
        assert_eq!(fr.get(T::QpvWith), "avec une Régie");
        assert_eq!(en.get(T::Export), "Download");
    }
}
