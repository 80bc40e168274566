//! The participation forms' server functions. Each form is plain HTML posting here (works
//! without JavaScript); the answer is a redirect back to the page with the outcome in its URL
//! (codes only), the status set for clients that are not browsers. All are under `WRITE_PREFIX`:
//! same-origin-checked and rate-limited like every write.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The photo form is multipart: an axum handler of the server (`atlas_server::participation`).
pub const POST_URL: &str = "/api/ecriture/participation/deposer";
pub const SUPPORT_URL: &str = <SupportItem as ServerFn>::PATH;
pub const COMMENT_URL: &str = <CommentItem as ServerFn>::PATH;
pub const EDIT_COMMENT_URL: &str = <EditComment as ServerFn>::PATH;
pub const DELETE_COMMENT_URL: &str = <DeleteComment as ServerFn>::PATH;
pub const STATUS_URL: &str = <SetStatus as ServerFn>::PATH;
pub const REOPEN_URL: &str = <ReopenItem as ServerFn>::PATH;
pub const HIDE_URL: &str = <HideContent as ServerFn>::PATH;
pub const TEMPLATE_URL: &str = <AddTemplate as ServerFn>::PATH;
pub const CLAIM_URL: &str = <ClaimItem as ServerFn>::PATH;
pub const WITHDRAW_URL: &str = <WithdrawItem as ServerFn>::PATH;
pub const DRAFT_URL: &str = <SaveDraft as ServerFn>::PATH;

#[cfg(feature = "ssr")]
pub(crate) mod answer {
    //! How a use case's outcome becomes the browser's next page.
    use atlas_core::participation::{Outcome, Problem};
    use atlas_service::Error;
    use leptos::prelude::*;

    use crate::error::{fail, set_status};
    use crate::i18n::Locale;

    pub fn locale(langue: &str) -> Locale {
        Locale::from_lang(langue).unwrap_or_default()
    }

    pub fn go(locale: Locale, path: &str, query: &str, anchor: &str) {
        let path = locale.path(path);
        let query = if query.is_empty() { String::new() } else { format!("?{query}") };
        leptos_axum::redirect(&format!("{path}{query}{anchor}"));
    }

    /// An item's page.
    pub fn item(id: i64) -> String {
        format!("/participation/{id}")
    }

    /// A refusal the person can act on (4xx): back to `path` with the reason's code; anything
    /// else (the database is down) is the page's error.
    pub fn refuse(locale: Locale, path: &str, keep: &str, anchor: &str, e: Error) -> Result<(), ServerFnError> {
        if e.status() >= 500 {
            return Err(fail(e));
        }
        set_status(e.status());
        let query = if keep.is_empty() { format!("erreur={}", e.code.name()) } else { format!("erreur={}&{keep}", e.code.name()) };
        go(locale, path, &query, anchor);
        Ok(())
    }

    /// Done: to `done` (path, query); refused: back to `path` with the problems' codes (422).
    pub fn outcome<T>(locale: Locale, result: Result<Outcome<T>, Error>, path: &str, keep: &str, anchor: &str, done: impl FnOnce(T) -> (String, String)) -> Result<(), ServerFnError> {
        match result {
            Ok(Outcome::Done(value)) => {
                let (to, query) = done(value);
                go(locale, &to, &query, anchor);
                Ok(())
            }
            Ok(Outcome::Refused(problems)) => {
                set_status(422);
                let codes: Vec<&str> = problems.iter().map(|p: &Problem| p.code()).collect();
                let query = if keep.is_empty() { format!("erreurs={}", codes.join(",")) } else { format!("erreurs={}&{keep}", codes.join(",")) };
                go(locale, path, &query, anchor);
                Ok(())
            }
            Err(e) => refuse(locale, path, keep, anchor, e),
        }
    }
}

/// `POST /api/ecriture/participation/soutenir`: « Moi aussi » (`soutien=1`) or its withdrawal.
#[server(endpoint = "ecriture/participation/soutenir")]
pub async fn support_item(element: i64, #[server(default)] soutien: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    match atlas_service::participation::support(&atlas()?.db, &actor(), element, soutien == "1").await {
        Ok(_) => {
            go(locale, &item(element), "", "#soutien");
            Ok(())
        }
        Err(e) => refuse(locale, &item(element), "", "#soutien", e),
    }
}

/// `POST /api/ecriture/participation/commenter`: a comment, or a reply (`parent`).
#[server(endpoint = "ecriture/participation/commenter")]
pub async fn comment_item(element: i64, #[server(default)] parent: String, #[server(default)] texte: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let parent = parent.parse::<i64>().ok();
    let result = atlas_service::participation::comment(&atlas()?.db, &actor(), element, parent, &texte).await;
    outcome(locale, result, &item(element), "", "#commentaires", |id| (item(element), format!("commentaire={id}")))
}

/// `POST /api/ecriture/participation/modifier-commentaire`: the author, within 15 minutes.
#[server(endpoint = "ecriture/participation/modifier-commentaire")]
pub async fn edit_comment(element: i64, commentaire: i64, #[server(default)] texte: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let result = atlas_service::participation::edit_comment(&atlas()?.db, &actor(), commentaire, &texte).await;
    outcome(locale, result, &item(element), "", "#commentaires", |item_id| (item(item_id), "enregistre=1".into()))
}

/// `POST /api/ecriture/participation/supprimer-commentaire`: the author deletes a comment.
#[server(endpoint = "ecriture/participation/supprimer-commentaire")]
pub async fn delete_comment(element: i64, commentaire: i64, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    match atlas_service::participation::delete_comment(&atlas()?.db, &actor(), commentaire).await {
        Ok(item_id) => {
            go(locale, &item(item_id), "enregistre=1", "#commentaires");
            Ok(())
        }
        Err(e) => refuse(locale, &item(element), "", "#commentaires", e),
    }
}

/// `POST /api/ecriture/participation/statut`: a Régie's staff set the item's status.
#[server(endpoint = "ecriture/participation/statut")]
pub async fn set_status(
    element: i64,
    regie: String,
    statut: String,
    #[server(default)] message: String,
    #[server(default)] partenaire: String,
    #[server(default)] modele: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    // A template chosen and nothing typed: the template's text is the message.
    let message = if message.trim().is_empty() { modele } else { message };
    let result = atlas_service::participation::set_status(&atlas()?.db, &actor(), element, &regie, &statut, &message, &partenaire).await;
    outcome(locale, result, &item(element), "", "#repondre", |()| (item(element), "enregistre=1".into()))
}

/// `POST /api/ecriture/participation/rouvrir`: « Toujours d'actualité ? », by a supporter.
#[server(endpoint = "ecriture/participation/rouvrir")]
pub async fn reopen_item(element: i64, #[server(default)] texte: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let result = atlas_service::participation::reopen(&atlas()?.db, &actor(), element, &texte).await;
    outcome(locale, result, &item(element), "", "#rouvrir", |()| (item(element), "enregistre=1".into()))
}

/// `POST /api/ecriture/participation/masquer`: moderation hides the item, or one of its
/// comments (`commentaire`), with a reason.
#[server(endpoint = "ecriture/participation/masquer")]
pub async fn hide_content(element: i64, #[server(default)] commentaire: String, #[server(default)] motif: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let db = atlas()?.db;
    match commentaire.parse::<i64>() {
        Ok(comment) => {
            let result = atlas_service::participation::hide_comment(&db, &actor(), comment, &motif).await;
            outcome(locale, result, &item(element), "", "#commentaires", |item_id| (item(item_id), "enregistre=1".into()))
        }
        Err(_) => {
            let result = atlas_service::participation::hide_item(&db, &actor(), element, &motif).await;
            outcome(locale, result, &item(element), "", "", |()| (item(element), "enregistre=1".into()))
        }
    }
}

/// `POST /api/ecriture/participation/modele`: a Régie's staff add an answer template.
#[server(endpoint = "ecriture/participation/modele")]
pub async fn add_template(element: i64, regie: String, #[server(default)] titre: String, #[server(default)] texte: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    let result = atlas_service::participation::permanence::add_template(&atlas()?.db, &actor(), &regie, &titre, &texte).await;
    outcome(locale, result, &item(element), "", "#repondre", |()| (item(element), "enregistre=1".into()))
}

/// `POST /api/ecriture/participation/reclamer`: the inhabitant claims, with the code given at
/// the permanence, the item filed for them.
#[server(endpoint = "ecriture/participation/reclamer")]
pub async fn claim_item(#[server(default)] code: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    let locale = locale(&langue);
    match atlas_service::participation::permanence::claim(&atlas()?.db, &actor(), &code).await {
        Ok(id) => {
            go(locale, &item(id), "reclame=1", "");
            Ok(())
        }
        Err(e) => refuse(locale, "/participation/reclamer", "", "", e),
    }
}

/// `POST /api/ecriture/participation/retirer`: the inhabitant, account or not, has the item
/// filed for them withdrawn with its code.
#[server(endpoint = "ecriture/participation/retirer")]
pub async fn withdraw_item(#[server(default)] code: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::atlas;
    let locale = locale(&langue);
    match atlas_service::participation::permanence::withdraw(&atlas()?.db, &crate::error::actor(), &code).await {
        Ok(id) => {
            go(locale, &item(id), "retire=1", "");
            Ok(())
        }
        Err(e) => refuse(locale, "/participation/reclamer", "", "", e),
    }
}

/// `POST /api/ecriture/participation/brouillon`: « Garder le brouillon », the second screen's
/// text kept on the server (the form's button without JavaScript, a quiet save with it); back to
/// the form, which puts the draft's text back.
#[server(endpoint = "ecriture/participation/brouillon")]
#[allow(clippy::too_many_arguments)]
pub async fn save_draft(
    #[server(default)] nature: String,
    #[server(default)] categorie: String,
    #[server(default)] qpv: String,
    #[server(default)] lat: String,
    #[server(default)] lon: String,
    #[server(default)] titre: String,
    #[server(default)] texte: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use answer::*;
    use crate::error::{actor, atlas};
    use atlas_core::text::percent_encode;
    use atlas_service::participation::drafts::{self, DraftForm};
    let locale = locale(&langue);
    let point = lat.trim().parse::<f64>().ok().zip(lon.trim().parse::<f64>().ok());
    let form = DraftForm { kind: nature, category: categorie, qpv, point, title: titre, body: texte };
    let keep = format!(
        "etape=2&nature={}&categorie={}&qpv={}&lat={}&lon={}",
        percent_encode(&form.kind),
        percent_encode(&form.category),
        percent_encode(&form.qpv),
        percent_encode(lat.trim()),
        percent_encode(lon.trim())
    );
    let result = drafts::save(&atlas()?.db, &actor(), &form).await;
    outcome(locale, result, "/participation/nouveau", &keep, "#formulaire", |()| ("/participation/nouveau".into(), format!("{keep}&brouillon=garde")))
}
