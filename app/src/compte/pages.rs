//! `/compte/:page`: the account pages other than `/compte` itself, behind one lazy route. The
//! page follows the path reactively: going from « connexion » to « inscription » stays on this
//! route, and must still change the page.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::sign_pages::{ChoosePasswordPage, CodePage, ConfirmPage, EmailConfirmPage, ForgotPage, LinkSignInPage, SignInPage, SignUpPage};
use super::notification_pages::{NotificationsPage, UnsubscribePage};
use super::team_pages::InvitationPage;
use crate::layout::NotFound;

#[component]
pub fn AccountPages() -> impl IntoView {
    let params = use_params_map();
    // `/gestion…` and `/reseau…` share this lazy route (see `PageRoutes`).
    let path = leptos_router::hooks::use_location().pathname.get_untracked();
    let path = crate::i18n::Locale::strip(&path);
    if path.starts_with("/gestion") || path == "/reseau" || path.starts_with("/reseau/") {
        return view! { <crate::gestion::GestionPages /> }.into_any();
    }
    (move || match params.read().get("page").as_deref() {
        Some("inscription") => view! { <SignUpPage /> }.into_any(),
        Some("connexion") => view! { <SignInPage /> }.into_any(),
        Some("confirmer") => view! { <ConfirmPage /> }.into_any(),
        Some("lien") => view! { <LinkSignInPage /> }.into_any(),
        Some("mot-de-passe-oublie") => view! { <ForgotPage /> }.into_any(),
        Some("mot-de-passe") => view! { <ChoosePasswordPage /> }.into_any(),
        Some("adresse") => view! { <EmailConfirmPage /> }.into_any(),
        Some("code") => view! { <CodePage /> }.into_any(),
        Some("invitation") => view! { <InvitationPage /> }.into_any(),
        Some("notifications") => view! { <NotificationsPage /> }.into_any(),
        Some("desabonnement") => view! { <UnsubscribePage /> }.into_any(),
        // Proposing the Régie one works for: the network's form for adding one (`gestion`).
        Some("nouvelle-regie") => crate::gestion::create_view(),
        _ => view! { <NotFound /> }.into_any(),
    })
    .into_any()
}
