//! What `/gestion/<slug>/partenaires` needs from the server, in the page's language: the Régie's
//! relations with their contracts, the partners a search found, the lists of the forms.

use serde::{Deserialize, Serialize};

/// One relation of the Régie, as the page lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerView {
    pub partenaire: i64,
    pub nom: String,
    /// Its kind, its role for the Régie, its college and dates, in words.
    pub about: String,
    /// The relation's code (the key of its buttons, with the partner's id).
    pub relation: String,
    /// Each contract in words.
    pub contracts: Vec<String>,
    pub demo: bool,
}

/// (code, label) of each choice of the forms.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PartnerLists {
    pub kinds: Vec<(String, String)>,
    pub relations: Vec<(String, String)>,
    pub colleges: Vec<(String, String)>,
    pub procedures: Vec<(String, String)>,
}

/// Fills the page's data from the Régie's profile and the search `q`.
#[cfg(feature = "ssr")]
pub async fn fill(
    data: &mut super::data::GestionData,
    db: &atlas_service::db::Database,
    actor: &atlas_service::Actor,
    profile: &atlas_core::regie::profile::Profile,
    q: &str,
    locale: crate::i18n::Locale,
) -> Result<(), leptos::prelude::ServerFnError> {
    use atlas_core::partner::{College, PartnerKind, Procedure, RelationKind};
    let date = |d: &str| if d.len() == 4 { d.to_owned() } else { locale.date(d) };
    let (since, until) = match locale {
        crate::i18n::Locale::Fr => ("depuis", "jusqu'au"),
        crate::i18n::Locale::En => ("since", "until"),
    };
    data.partners = profile
        .partenaires
        .iter()
        .flatten()
        .map(|p| {
            let mut about = vec![p.nature.label(locale).to_owned(), p.relation.label(locale).to_owned()];
            about.extend(p.college.map(|c| c.label(locale).to_owned()));
            about.extend(p.depuis.as_deref().map(|d| format!("{since} {}", date(d))));
            about.extend(p.jusqu_a.as_deref().map(|d| format!("{until} {}", date(d))));
            let contracts = p
                .contrats
                .iter()
                .map(|c| {
                    let mut words = vec![c.objet.clone(), c.procedure.label(locale).to_owned()];
                    words.extend(c.montant_euros.map(|m| format!("{} €", locale.int(m))));
                    let period = [c.debut.as_deref().map(date), c.fin.as_deref().map(date)];
                    if period.iter().any(Option::is_some) {
                        words.push(format!("{} → {}", period[0].clone().unwrap_or_default(), period[1].clone().unwrap_or_default()));
                    }
                    words.join(" · ")
                })
                .collect();
            PartnerView { partenaire: p.partenaire, nom: p.nom.clone(), about: about.join(" · "), relation: p.relation.code().to_owned(), contracts, demo: p.demo }
        })
        .collect();
    data.partner_lists = PartnerLists {
        kinds: PartnerKind::ALL.iter().map(|k| (k.code().to_owned(), k.label(locale).to_owned())).collect(),
        relations: RelationKind::ALL.iter().map(|k| (k.code().to_owned(), k.label(locale).to_owned())).collect(),
        colleges: College::ALL.iter().map(|k| (k.code().to_owned(), k.label(locale).to_owned())).collect(),
        procedures: Procedure::ALL.iter().map(|k| (k.code().to_owned(), k.label(locale).to_owned())).collect(),
    };
    if !q.trim().is_empty() {
        let found = atlas_service::regie::partners::search(db, actor, &data.slug, q).await.map_err(crate::error::fail)?;
        data.found = Some(
            found
                .into_iter()
                .map(|f| {
                    let mut about = vec![f.nature.label(locale).to_owned()];
                    about.extend(f.siren.map(|s| format!("SIREN {s}")));
                    about.extend(f.territoire);
                    (f.id, f.nom, about.join(" · "))
                })
                .collect(),
        );
    }
    Ok(())
}
