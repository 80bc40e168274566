//! The account forms' server functions. Each form is plain HTML posting here (no wasm, works
//! without JavaScript); the answer is a redirect to a page with the outcome in its URL: codes
//! only (never an address or a password), the status set for clients that are not browsers.
//! All are under `WRITE_PREFIX`: same-origin-checked and rate-limited like every write.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

pub const SIGN_UP_URL: &str = <SignUp as ServerFn>::PATH;
pub const SIGN_IN_URL: &str = <SignIn as ServerFn>::PATH;
pub const SIGN_OUT_URL: &str = <SignOut as ServerFn>::PATH;
pub const SIGN_OUT_EVERYWHERE_URL: &str = <SignOutEverywhere as ServerFn>::PATH;
pub const CONFIRM_URL: &str = <ConfirmAccount as ServerFn>::PATH;
pub const REQUEST_LINK_URL: &str = <RequestLink as ServerFn>::PATH;
pub const FOLLOW_LINK_URL: &str = <FollowSignInLink as ServerFn>::PATH;
pub const CHOOSE_PASSWORD_URL: &str = <ChoosePassword as ServerFn>::PATH;
pub const CHANGE_PSEUDONYM_URL: &str = <ChangePseudonym as ServerFn>::PATH;
pub const CHANGE_EMAIL_URL: &str = <ChangeEmail as ServerFn>::PATH;
pub const CONFIRM_EMAIL_URL: &str = <ConfirmEmail as ServerFn>::PATH;
pub const CHANGE_PASSWORD_URL: &str = <ChangePassword as ServerFn>::PATH;
pub const DELETE_URL: &str = <DeleteAccount as ServerFn>::PATH;
pub const CODE_URL: &str = <GiveCode as ServerFn>::PATH;

#[cfg(feature = "ssr")]
pub(crate) mod answer {
    //! How a use case's outcome becomes the browser's next page.
    use atlas_core::account::Problem;
    use atlas_core::text::percent_encode;
    use atlas_service::account::{cookie, FormOutcome, Session};
    use atlas_service::Error;
    use leptos::prelude::*;

    use crate::error::{fail, set_status};
    use crate::i18n::Locale;

    pub fn locale(langue: &str) -> Locale {
        Locale::from_lang(langue).unwrap_or_default()
    }

    /// Sends the browser to `path` (a French path, put in the form's language) with `query`.
    pub fn go(locale: Locale, path: &str, query: &str) {
        let path = locale.path(path);
        leptos_axum::redirect(&if query.is_empty() { path } else { format!("{path}?{query}") });
    }

    /// A refusal the person can act on (4xx): back to the form, the reason's code in the URL.
    /// Anything else (the database is down) is the page's error.
    pub fn refuse(locale: Locale, path: &str, keep: &str, e: Error) -> Result<(), ServerFnError> {
        if e.status() >= 500 {
            return Err(fail(e));
        }
        set_status(e.status());
        let mut query = format!("erreur={}", e.code.name());
        if let Some(detail) = &e.detail {
            query.push_str(&format!("&attente={}", percent_encode(detail)));
        }
        if !keep.is_empty() {
            query.push('&');
            query.push_str(keep);
        }
        go(locale, path, &query);
        Ok(())
    }

    /// Input problems (422): back to the form with their codes and what may be shown again.
    pub fn problems(locale: Locale, path: &str, keep: &str, problems: &[Problem]) {
        set_status(422);
        let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
        let mut query = format!("erreurs={}", codes.join(","));
        if !keep.is_empty() {
            query.push('&');
            query.push_str(keep);
        }
        go(locale, path, &query);
    }

    pub fn done_or_problems<T>(outcome: FormOutcome<T>, locale: Locale, path: &str, keep: &str) -> Option<T> {
        match outcome {
            FormOutcome::Done(value) => Some(value),
            FormOutcome::Refused(list) => {
                problems(locale, path, keep, &list);
                None
            }
        }
    }

    fn set_cookie(value: String) {
        if let (Some(response), Ok(value)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&value)) {
            response.append_header(http::header::SET_COOKIE, value);
        }
    }

    /// The browser keeps the new session (a new token at every sign-in: never one seen before).
    pub fn open_session(session: &Session) {
        set_cookie(cookie::open(&session.token));
    }

    /// Signed in: the browser keeps the session and goes to `path?query` (a French path, put in
    /// the form's language; or `next`, a local path). A session that waits for the second
    /// factor's code goes to `/compte/code` first, carrying where it was going.
    pub fn signed_in(session: &Session, locale: Locale, next: Option<&str>, path: &str, query: &str) {
        open_session(session);
        let destination = next.map(str::to_owned).unwrap_or_else(|| {
            let path = locale.path(path);
            if query.is_empty() { path } else { format!("{path}?{query}") }
        });
        if session.awaiting_code {
            go(locale, "/compte/code", &format!("suite={}", encode(&destination)));
        } else {
            leptos_axum::redirect(&destination);
        }
    }

    pub fn end_session() {
        set_cookie(cookie::end());
    }

    /// The session token the request carries.
    pub fn session_token() -> Option<String> {
        let parts = use_context::<http::request::Parts>()?;
        let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
        cookie::read(header).map(str::to_owned)
    }

    /// The client's address, as the write limits see it (the server puts it in the request).
    pub fn client() -> Option<String> {
        use_context::<http::request::Parts>()?.extensions.get::<atlas_service::account::ClientAddress>().map(|c| c.0.clone())
    }

    pub fn encode(s: &str) -> String {
        percent_encode(s)
    }

    /// Where to go after signing in: a path of this site only (never `//elsewhere`).
    pub fn local_path(next: &str) -> Option<&str> {
        // Visible ASCII only (a header value), no `//host` nor `/\host` that browsers read as another site.
        let ok = next.starts_with('/')
            && !next.starts_with("//")
            && !next.contains('\\')
            && next.len() <= 512
            && next.bytes().all(|b| (0x21..=0x7e).contains(&b));
        ok.then_some(next)
    }
}

#[server(endpoint = "ecriture/compte/inscription")]
pub async fn sign_up(email: String, pseudonyme: String, mot_de_passe: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    let db = crate::error::atlas()?.db;
    let keep = format!("pseudonyme={}", encode(&pseudonyme.chars().take(60).collect::<String>()));
    match atlas_service::account::sign_up(&db, &crate::error::actor(), &email, &pseudonyme, &mot_de_passe, locale).await {
        Ok(outcome) => {
            if done_or_problems(outcome, locale, "/compte/inscription", &keep).is_some() {
                go(locale, "/compte/inscription", "envoye=1");
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/inscription", &keep, e),
    }
}

#[server(endpoint = "ecriture/compte/connexion")]
pub async fn sign_in(
    email: String,
    mot_de_passe: String,
    #[server(default)] langue: String,
    #[server(default)] suite: String,
) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    let db = crate::error::atlas()?.db;
    match atlas_service::account::sign_in(&db, &crate::error::actor(), &email, &mot_de_passe, client().as_deref()).await {
        Ok(session) => {
            signed_in(&session, locale, local_path(&suite), "/compte", "");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/connexion", "", e),
    }
}

/// The second factor's code, for the session that waits for it (the cookie).
#[server(endpoint = "ecriture/compte/code")]
pub async fn give_code(code: String, #[server(default)] langue: String, #[server(default)] suite: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    let keep = format!("suite={}", encode(local_path(&suite).unwrap_or("")));
    let Some(token) = session_token() else { return refuse(locale, "/compte/connexion", "", atlas_service::Error::new(atlas_service::Code::NotSignedIn)) };
    match atlas_service::account::second_factor::give_code(&crate::error::atlas()?.db, &crate::error::actor(), &token, &code).await {
        Ok(session) => {
            signed_in(&session, locale, local_path(&suite), "/compte", "");
            Ok(())
        }
        Err(e) if e.code == atlas_service::Code::NotSignedIn => refuse(locale, "/compte/connexion", "", e),
        Err(e) => refuse(locale, "/compte/code", &keep, e),
    }
}

#[server(endpoint = "ecriture/compte/deconnexion")]
pub async fn sign_out(#[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    if let Some(token) = session_token() {
        atlas_service::account::sign_out(&crate::error::atlas()?.db, &token).await.map_err(crate::error::fail)?;
    }
    end_session();
    go(locale(&langue), "/", "");
    Ok(())
}

#[server(endpoint = "ecriture/compte/deconnexion-partout")]
pub async fn sign_out_everywhere(#[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::sign_out_everywhere(&crate::error::atlas()?.db, &crate::error::actor()).await {
        Ok(_) => {
            end_session();
            go(locale, "/compte/connexion", "deconnecte=partout");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/connexion", "", e),
    }
}

#[server(endpoint = "ecriture/compte/confirmer")]
pub async fn confirm_account(jeton: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::confirm(&crate::error::atlas()?.db, &crate::error::actor(), &jeton).await {
        Ok(session) => {
            signed_in(&session, locale, None, "/compte", "bienvenue=1");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/confirmer", "", e),
    }
}

/// A sign-in link (`pour=connexion`) or a password link (`pour=mot-de-passe`).
#[server(endpoint = "ecriture/compte/demander-un-lien")]
pub async fn request_link(email: String, #[server(default)] pour: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    use atlas_service::account::link::{request, Purpose};
    let locale = locale(&langue);
    let (purpose, page) = match pour.as_str() {
        "mot-de-passe" => (Purpose::Password, "/compte/mot-de-passe-oublie"),
        _ => (Purpose::SignIn, "/compte/connexion"),
    };
    match request(&crate::error::atlas()?.db, &crate::error::actor(), purpose, &email, locale).await {
        Ok(outcome) => {
            if done_or_problems(outcome, locale, page, "").is_some() {
                go(locale, page, "envoye=1");
            }
            Ok(())
        }
        Err(e) => refuse(locale, page, "", e),
    }
}

#[server(endpoint = "ecriture/compte/suivre-le-lien")]
pub async fn follow_sign_in_link(jeton: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::link::sign_in(&crate::error::atlas()?.db, &crate::error::actor(), &jeton).await {
        Ok(session) => {
            signed_in(&session, locale, None, "/compte", "");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/lien", "", e),
    }
}

#[server(endpoint = "ecriture/compte/choisir-le-mot-de-passe")]
pub async fn choose_password(jeton: String, mot_de_passe: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    let keep = format!("jeton={}", encode(&jeton));
    match atlas_service::account::link::choose_password(&crate::error::atlas()?.db, &crate::error::actor(), &jeton, &mot_de_passe).await {
        Ok(outcome) => {
            if let Some(session) = done_or_problems(outcome, locale, "/compte/mot-de-passe", &keep) {
                signed_in(&session, locale, None, "/compte", "fait=mot-de-passe");
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/mot-de-passe", &keep, e),
    }
}

#[server(endpoint = "ecriture/compte/pseudonyme")]
pub async fn change_pseudonym(pseudonyme: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    let keep = format!("pseudonyme={}", encode(&pseudonyme.chars().take(60).collect::<String>()));
    match atlas_service::account::profile::change_pseudonym(&crate::error::atlas()?.db, &crate::error::actor(), &pseudonyme).await {
        Ok(outcome) => {
            if done_or_problems(outcome, locale, "/compte", &keep).is_some() {
                go(locale, "/compte", "fait=pseudonyme");
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", "", e),
    }
}

#[server(endpoint = "ecriture/compte/adresse")]
pub async fn change_email(email: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::profile::request_email_change(&crate::error::atlas()?.db, &crate::error::actor(), &email, locale).await {
        Ok(outcome) => {
            if done_or_problems(outcome, locale, "/compte", "").is_some() {
                go(locale, "/compte", "fait=adresse-envoyee");
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", "", e),
    }
}

#[server(endpoint = "ecriture/compte/confirmer-l-adresse")]
pub async fn confirm_email(jeton: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::profile::confirm_email_change(&crate::error::atlas()?.db, &crate::error::actor(), &jeton).await {
        Ok(()) => {
            go(locale, "/compte", "fait=adresse");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/adresse", "", e),
    }
}

#[server(endpoint = "ecriture/compte/mot-de-passe")]
pub async fn change_password(actuel: String, nouveau: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::profile::change_password(&crate::error::atlas()?.db, &crate::error::actor(), &actuel, &nouveau).await {
        Ok(outcome) => {
            if let Some(session) = done_or_problems(outcome, locale, "/compte", "") {
                open_session(&session);
                go(locale, "/compte", "fait=mot-de-passe");
            }
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", "", e),
    }
}

#[server(endpoint = "ecriture/compte/supprimer")]
pub async fn delete_account(#[server(default)] confirmer: String, #[server(default)] langue: String) -> Result<(), ServerFnError> {
    use answer::*;
    let locale = locale(&langue);
    match atlas_service::account::profile::delete(&crate::error::atlas()?.db, &crate::error::actor(), confirmer == "oui").await {
        Ok(()) => {
            end_session();
            go(locale, "/compte", "supprime=1");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte", "", e),
    }
}
