//! The moderation forms' server functions: flag, a moderator's act, undo from the public log,
//! the word lists. Plain HTML forms (no JavaScript needed), answered by a redirect back to the
//! page with the outcome in its URL, like every participation form.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub const FLAG_URL: &str = <FlagContent as ServerFn>::PATH;
pub const MODERATE_URL: &str = <ModerateContent as ServerFn>::PATH;
pub const UNDO_URL: &str = <UndoAct as ServerFn>::PATH;
pub const ADD_WORD_URL: &str = <AddWord as ServerFn>::PATH;
pub const REMOVE_WORD_URL: &str = <RemoveWord as ServerFn>::PATH;

/// The page a moderator's form goes back to: the queue (`retour=moderation`) or the item.
#[cfg(feature = "ssr")]
fn back_to(retour: &str, item: i64) -> String {
    if retour == "moderation" {
        "/participation/moderation".into()
    } else {
        super::forms::answer::item(item)
    }
}

/// `POST /api/ecriture/participation/signaler`: a signed-in person flags the item (`cible=element`)
/// or one of its comments (`cible=commentaire`), with a reason from the charte.
#[server(endpoint = "ecriture/participation/signaler")]
pub async fn flag_content(
    element: i64,
    #[server(default)] cible: String,
    #[server(default)] id: i64,
    #[server(default)] motif: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let result = atlas_service::moderation::flag(&atlas()?.db, &actor(), &cible, id, &motif).await;
    let anchor = if cible == "commentaire" { format!("#commentaire-{id}") } else { String::new() };
    outcome(locale, result, &item(element), "", &anchor, |item_id| (item(item_id), "signale=1".into()))
}

/// `POST /api/ecriture/participation/moderer`: a moderator hides, restores, suspends the author
/// of, or merges (`vers`: the item kept) a content, with a public reason.
#[server(endpoint = "ecriture/participation/moderer")]
#[allow(clippy::too_many_arguments)]
pub async fn moderate_content(
    element: i64,
    #[server(default)] acte: String,
    #[server(default)] cible: String,
    #[server(default)] id: i64,
    #[server(default)] motif: String,
    #[server(default)] vers: String,
    #[server(default)] retour: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let form = atlas_service::moderation::ActForm { act: acte, target: cible, id, reason: motif, into: vers.trim().trim_start_matches('#').parse().ok() };
    let result = atlas_service::moderation::moderate(&atlas()?.db, &actor(), &form).await;
    let back = back_to(&retour, element);
    outcome(locale, result, &back, "", "", |item_id| (back_to(&retour, item_id), "modere=1".into()))
}

/// `POST /api/ecriture/participation/annuler`: a moderator undoes an act of the public log.
#[server(endpoint = "ecriture/participation/annuler")]
pub async fn undo_act(acte: i64, #[server(default)] qpv: String, #[server(default)] motif: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let result = atlas_service::moderation::undo(&atlas()?.db, &actor(), acte, &motif).await;
    let journal = "/participation/journal".to_owned();
    let keep = format!("qpv={}", atlas_core::text::percent_encode(qpv.trim()));
    outcome(locale, result, &journal, &keep, &format!("#acte-{acte}"), |_| (journal.clone(), format!("{keep}&modere=1")))
}

/// `POST /api/ecriture/participation/mots/ajouter`: a word joins the network's list (`regie`
/// empty) or a Régie's.
#[server(endpoint = "ecriture/participation/mots/ajouter")]
pub async fn add_word(#[server(default)] regie: String, #[server(default)] mot: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let result = atlas_service::moderation::add_word(&atlas()?.db, &actor(), &regie, &mot).await;
    outcome(locale, result, "/participation/moderation", "", "#mots", |()| ("/participation/moderation".into(), "enregistre=1".into()))
}

/// `POST /api/ecriture/participation/mots/retirer`: a word leaves its list.
#[server(endpoint = "ecriture/participation/mots/retirer")]
pub async fn remove_word(id: i64, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    match atlas_service::moderation::remove_word(&atlas()?.db, &actor(), id).await {
        Ok(()) => {
            go(locale, "/participation/moderation", "enregistre=1", "#mots");
            Ok(())
        }
        Err(e) => refuse(locale, "/participation/moderation", "", "#mots", e),
    }
}
