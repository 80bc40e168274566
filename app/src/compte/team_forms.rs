//! The team's forms: an administrator invites and removes people; the invited person accepts
//! from the mailed link. Plain HTML forms like every account form (`forms`), under the same
//! write prefix: same-origin-checked and rate-limited.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub const INVITE_URL: &str = <Invite as ServerFn>::PATH;
pub const REMOVE_URL: &str = <RemoveMember as ServerFn>::PATH;
pub const ROLE_URL: &str = <ChangeRole as ServerFn>::PATH;
pub const ACCEPT_URL: &str = <AcceptInvitation as ServerFn>::PATH;

/// `role`: `editeur` or `administrateur`. Back to `/compte`, at the team's section.
#[server(endpoint = "ecriture/equipe/inviter")]
pub async fn invite(regie: String, email: String, #[server(default)] role: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use atlas_service::account::team::{self, TeamRole};
    let locale = locale(&langue);
    let keep = format!("equipe={}", encode(&regie));
    let Some(role) = TeamRole::parse(&role) else {
        return refuse(locale, "/compte", &keep, atlas_service::Error::with(atlas_service::Code::InvalidParameter, "rôle"));
    };
    match team::invite(&crate::error::atlas()?.db, &crate::error::actor(), &regie, &email, role, locale).await {
        Ok(outcome) => {
            if done_or_problems(outcome, locale, "/compte", &keep).is_some() {
                go(locale, "/compte", &format!("fait=invitation&{keep}"));
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", &keep, e),
    }
}

#[server(endpoint = "ecriture/equipe/retirer")]
pub async fn remove_member(regie: String, email: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    let locale = locale(&langue);
    let keep = format!("equipe={}", encode(&regie));
    match atlas_service::account::team::remove(&crate::error::atlas()?.db, &crate::error::actor(), &regie, &email).await {
        Ok(()) => {
            go(locale, "/compte", &format!("fait=retrait&{keep}"));
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", &keep, e),
    }
}

/// `role`: `editeur` or `administrateur`, the member's one role in the team from now on.
#[server(endpoint = "ecriture/equipe/role")]
pub async fn change_role(regie: String, email: String, role: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use atlas_service::account::team::{self, TeamRole};
    let locale = locale(&langue);
    let keep = format!("equipe={}", encode(&regie));
    let outcome = match TeamRole::parse(&role) {
        Some(role) => team::change_role(&crate::error::atlas()?.db, &crate::error::actor(), &regie, &email, role).await,
        None => Err(atlas_service::Error::with(atlas_service::Code::InvalidParameter, "rôle")),
    };
    match outcome {
        Ok(()) => {
            go(locale, "/compte", &format!("fait=role&{keep}"));
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", &keep, e),
    }
}

/// Accepts the invitation of `jeton`; `pseudonyme` and `mot_de_passe` only for a new account.
#[server(endpoint = "ecriture/equipe/accepter")]
pub async fn accept_invitation(
    jeton: String,
    #[server(default)] pseudonyme: String,
    #[server(default)] mot_de_passe: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    let locale = locale(&langue);
    let keep = format!("jeton={}&pseudonyme={}", encode(&jeton), encode(&pseudonyme.chars().take(60).collect::<String>()));
    let db = crate::error::atlas()?.db;
    match atlas_service::account::team::accept(&db, &crate::error::actor(), &jeton, &pseudonyme, &mot_de_passe, locale).await {
        Ok(outcome) => {
            if let Some(session) = done_or_problems(outcome, locale, "/compte/invitation", &keep) {
                signed_in(&session, locale, None, "/compte", "bienvenue=equipe");
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/invitation", &keep, e),
    }
}
