//! The notification forms: follow a QPV or a Régie (from its page), stop following, choose the
//! mails per kind, mark everything read. Plain HTML forms under the write prefix (same-origin-
//! checked and rate-limited), each answered by a redirect to `/compte/notifications`.
//! The one-click unsubscribe of the mails is not here: it is a plain route of the server
//! (`/api/desabonnement`), reached without a session, by a mail client too.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Written out (the main bundle's pages carry the follow button; `follow_form`'s test checks it).
pub const FOLLOW_URL: &str = "/api/ecriture/suivre";
pub const SETTINGS_URL: &str = <NotificationSettings as ServerFn>::PATH;
pub const READ_URL: &str = <MarkAllRead as ServerFn>::PATH;
/// RFC 8058's address, also the unsubscribe page's button.
pub const UNSUBSCRIBE_URL: &str = "/api/desabonnement";

/// `quoi`: `qpv` or `regie`; `cible`: its code or slug; `actif`: `0` to stop following. A visitor
/// who is not signed in is sent to sign in, then back to the page they were on (`retour`).
#[server(endpoint = "ecriture/suivre")]
pub async fn follow(
    quoi: String,
    cible: String,
    #[server(default)] actif: String,
    #[server(default)] retour: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    use atlas_service::Code;
    let locale = locale(&langue);
    let on = actif != "0";
    match atlas_service::notification::follow(&crate::error::atlas()?.db, &crate::error::actor(), &quoi, &cible, on).await {
        Ok(_) => {
            go(locale, "/compte/notifications", if on { "fait=suivi" } else { "fait=plus-suivi" });
            Ok(())
        }
        Err(e) if e.code == Code::NotSignedIn => {
            // Only a path of this site comes back (never another site's address).
            let back = if retour.starts_with('/') && !retour.starts_with("//") { retour } else { "/".into() };
            refuse(locale, "/compte/connexion", &format!("suite={}", encode(&back)), e)
        }
        Err(e) => refuse(locale, "/compte/notifications", "", e),
    }
}

/// One field per kind of news (`statut`, `commentaire`, `nouveaux` for new items), each `immediat`,
/// `quotidien` or `jamais`; a kind left out keeps its choice.
#[server(endpoint = "ecriture/notifications/choix")]
pub async fn notification_settings(
    #[server(default)] statut: String,
    #[server(default)] commentaire: String,
    #[server(default)] nouveaux: String,
    #[server(default)] langue: String,
) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    let locale = locale(&langue);
    let choices: Vec<(String, String)> = [("statut", statut), ("commentaire", commentaire), ("nouvel-element", nouveaux)]
        .into_iter()
        .filter(|(_, mode)| !mode.is_empty())
        .map(|(kind, mode)| (kind.to_owned(), mode))
        .collect();
    match atlas_service::notification::set_settings(&crate::error::atlas()?.db, &crate::error::actor(), &choices).await {
        Ok(()) => {
            go(locale, "/compte/notifications", "fait=choix");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/notifications", "", e),
    }
}

#[server(endpoint = "ecriture/notifications/lues")]
pub async fn mark_all_read(#[server(default)] langue: String) -> Result<(), ServerFnError> {
    use super::forms::answer::*;
    let locale = locale(&langue);
    match atlas_service::notification::mark_read(&crate::error::atlas()?.db, &crate::error::actor(), None).await {
        Ok(_) => {
            go(locale, "/compte/notifications", "fait=lu");
            Ok(())
        }
        Err(e) => refuse(locale, "/compte/notifications", "", e),
    }
}

/// « Suivre ce quartier » / « Suivre cette Régie » on its page: one button for everyone (a
/// visitor is sent to sign in first, then back to `back`). The same bytes for every visitor,
/// so the page stays in the anonymous page cache.
pub fn follow_form(kind: &'static str, target: String, back: String) -> impl IntoView {
    let t = crate::i18n::use_texts();
    let label = if kind == "qpv" { t.follow_qpv } else { t.follow_regie };
    view! {
        <form class="follow" method="post" action=FOLLOW_URL>
            <input type="hidden" name="langue" value=t.locale.lang() />
            <input type="hidden" name="quoi" value=kind />
            <input type="hidden" name="cible" value=target />
            <input type="hidden" name="retour" value=back />
            <button type="submit" class="button secondary" aria-describedby=format!("suivre-{kind}-aide")>{label}</button>
            <span class="help" id=format!("suivre-{kind}-aide")>" "{t.follow_help}</span>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use leptos::server_fn::ServerFn;

    #[test]
    fn the_follow_buttons_post_to_the_server_function() {
        assert_eq!(super::FOLLOW_URL, <super::Follow as ServerFn>::PATH);
    }
}
