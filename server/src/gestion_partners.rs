//! The forms of `/gestion/<slug>/partenaires`: a relation with a partner added (a partner the
//! Atlas has, by its id, or a new one with its fields) or taken out, a contract added under a
//! relation or taken out. Like the profile's form: a browser comes back to the page with the
//! outcome and what was typed, other clients get 200 `{"version"}`, 422 with the problems, 409.

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Extension;

use atlas_core::error::{Code, Error};
use atlas_core::regie::partners_form::{ContractForm, NewPartnerForm, RelationForm};
use atlas_core::text::percent_encode;
use atlas_service::account::SignedIn;
use atlas_service::regie::partners::{self, Choice};

use crate::gestion::{actor_of, answer, cap, read, refused, Posted};
use crate::state::AppState;

pub const PARTNERS_PATH: &str = "/api/ecriture/gestion/partenaires";

/// The inputs each action keeps in the page's URL when it comes back refused.
const TYPED: [&str; 16] = [
    "partenaire",
    "partenaire_nom",
    "partenaire_nature",
    "siren",
    "territoire",
    "partenaire_site",
    "relation",
    "college",
    "depuis",
    "jusqu_a",
    "objet",
    "montant",
    "debut",
    "fin",
    "procedure",
    "activite",
];

/// `POST /api/ecriture/gestion/partenaires`: `regie`, `version`, `langue` and `action`:
/// - `ajouter`: `partenaire` (an id) or `partenaire_nom`, `partenaire_nature`, `siren`,
///   `territoire`, `partenaire_site`; then `relation`, `college`, `depuis`, `jusqu_a`;
/// - `retirer`: `partenaire`, `relation`;
/// - `contrat`: `partenaire`, `relation`, `objet`, `montant`, `debut`, `fin`, `procedure`, `activite`;
/// - `retirer_contrat`: `partenaire`, `relation`, `contrat` (its place in the relation's list).
pub async fn save(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let actor = actor_of(signed_in);
    let db = &state.atlas.db;
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}/partenaires", percent_encode(&slug)));
    let action = fields.get("action");
    let mut typed = format!("saisie={}", percent_encode(&cap(&action, 20)));
    for name in TYPED {
        typed.push_str(&format!("&{name}={}", percent_encode(&cap(&fields.get(name), 200))));
    }
    let Some(expected) = fields.version() else {
        return refused(&headers, &page, Error::with(Code::MissingParameter, "version"), &typed);
    };
    let partner = fields.get("partenaire").trim().parse::<i64>().ok();
    let relation = fields.get("relation");
    let anchor = if action == "contrat" { format!("#contrat-{}-{}", partner.unwrap_or(0), cap(&relation, 20)) } else { "#ajout".to_owned() };
    let outcome = match (action.as_str(), partner) {
        ("ajouter", _) => {
            let choice = match partner {
                Some(id) => Choice::Known(id),
                None => Choice::New(NewPartnerForm {
                    nom: fields.get("partenaire_nom"),
                    nature: fields.get("partenaire_nature"),
                    siren: fields.get("siren"),
                    territoire: fields.get("territoire"),
                    site_web: fields.get("partenaire_site"),
                }),
            };
            let terms = RelationForm { relation, college: fields.get("college"), depuis: fields.get("depuis"), jusqu_a: fields.get("jusqu_a") };
            // A duplicate comes back with the search for its name, to choose the one the Atlas has.
            let searched = if partner.is_some() { fields.get("q") } else { fields.get("partenaire_nom") };
            typed.push_str(&format!("&q={}", percent_encode(&cap(&searched, 100))));
            partners::add(db, &actor, &slug, &choice, &terms, expected).await
        }
        ("retirer", Some(id)) => partners::remove(db, &actor, &slug, id, &relation, expected).await,
        ("contrat", Some(id)) => {
            let form = ContractForm {
                objet: fields.get("objet"),
                montant: fields.get("montant"),
                debut: fields.get("debut"),
                fin: fields.get("fin"),
                procedure: fields.get("procedure"),
                activite: fields.get("activite"),
            };
            partners::add_contract(db, &actor, &slug, id, &relation, &form, expected).await
        }
        ("retirer_contrat", Some(id)) => match fields.get("contrat").trim().parse::<usize>() {
            Ok(index) => partners::remove_contract(db, &actor, &slug, id, &relation, index, expected).await,
            Err(_) => Err(Error::with(Code::MissingParameter, "contrat")),
        },
        ("retirer" | "contrat" | "retirer_contrat", None) => Err(Error::with(Code::MissingParameter, "partenaire")),
        _ => Err(Error::with(Code::InvalidParameter, "action")),
    };
    match outcome {
        Ok(saved) => answer(&headers, &page, saved, &format!("version={expected}&{typed}"), &anchor),
        Err(e) if e.code == Code::Conflict => {
            let current = e.detail.as_deref().and_then(|d| d.strip_prefix("version ")).unwrap_or_default().to_owned();
            refused(&headers, &page, e, &format!("depuis={expected}&version={current}&{typed}"))
        }
        Err(e) => refused(&headers, &page, e, &format!("version={expected}&{typed}")),
    }
}
