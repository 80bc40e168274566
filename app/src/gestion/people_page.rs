//! `/reseau/personnes`: the accounts for the network — search by address or pseudonym, each
//! with its roles and state, and « Suspendre », « Réactiver », « Débloquer la connexion ». Plain
//! forms (work without JavaScript).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{frame, param};
use crate::i18n::use_texts;

pub const SUSPEND_URL: &str = "/api/ecriture/reseau/personnes/suspendre";
pub const REACTIVATE_URL: &str = "/api/ecriture/reseau/personnes/reactiver";
pub const UNLOCK_URL: &str = "/api/ecriture/reseau/personnes/debloquer";

crate::i18n::page_texts::page_texts! {
    PeopleTexts;
    Title => "Personnes et rôles", "People and roles";
    Intro => "Les comptes de l'Atlas et leurs rôles. Suspendre un compte met fin à ses sessions et refuse toute écriture ; on peut le réactiver. Après trop de mots de passe erronés, la connexion d'un compte est bloquée 15 minutes : « Débloquer » la rouvre. Les rôles se donnent par les invitations des équipes et les demandes de gestion.",
        "The Atlas's accounts and their roles. Suspending an account ends its sessions and refuses every write; it can be reactivated. After too many wrong passwords an account's sign-in is blocked for 15 minutes: « Unblock » opens it again. Roles are given by teams' invitations and requests to keep an entry.";
    Search => "Adresse ou pseudonyme", "Address or pseudonym";
    Find => "Chercher", "Search";
    Count => "{n} comptes", "{n} accounts";
    Inhabitant => "habitant (aucun rôle)", "inhabitant (no role)";
    Blocked => "connexion bloquée encore {n} min", "sign-in blocked for {n} more min";
    Suspend => "Suspendre", "Suspend";
    Reactivate => "Réactiver", "Reactivate";
    Unlock => "Débloquer la connexion", "Unblock sign-in";
    Suspended => "Compte suspendu : ses sessions sont terminées.", "Account suspended: its sessions are over.";
    Reactivated => "Compte réactivé.", "Account reactivated.";
    Unlocked => "Connexion débloquée.", "Sign-in unblocked.";
    NotYourself => "Vous ne pouvez pas suspendre votre propre compte : un autre administrateur du réseau le peut.", "You may not suspend your own account: another network administrator may.";
    Refused => "L'action n'a pas été faite.", "The action was not done.";
    NetworkAdmin => "Administration du réseau", "Network administration";
    SignInFirst => "Connectez-vous avec un compte du réseau.", "Sign in with a network account.";
    SignIn => "Se connecter", "Sign in";
    NetworkOnly => "Cette page est celle du réseau : votre compte n'y a pas accès.", "This page is the network's: your account has no access to it.";
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonView {
    pub id: i64,
    pub email: String,
    pub pseudonym: String,
    pub state: String,
    pub state_label: String,
    pub roles: Vec<String>,
    pub blocked: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeopleData {
    pub texts: PeopleTexts,
    pub signed_in: bool,
    pub network: bool,
    pub people: Vec<PersonView>,
}

#[server(endpoint = "reseau/personnes")]
pub async fn people_page(#[server(default)] q: String, #[server(default)] langue: String) -> Result<PeopleData, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    use atlas_core::account::Role;
    use atlas_service::account::people::{people, State};
    use atlas_service::Actor;

    let locale = crate::i18n::Locale::from_lang(&langue).unwrap_or_else(crate::i18n::request_locale);
    let actor = actor();
    let mut data = PeopleData { texts: PeopleTexts::of(locale), ..Default::default() };
    data.signed_in = matches!(actor, Actor::Account { .. });
    data.network = actor.has(&Role::NetworkAdmin);
    if !data.signed_in || !data.network {
        crate::error::set_status(if data.signed_in { 403 } else { 401 });
        return Ok(data);
    }
    let t = &data.texts;
    data.people = people(&atlas()?.db, &actor, &q, locale)
        .await
        .map_err(fail)?
        .into_iter()
        .map(|p| PersonView {
            id: p.id,
            email: p.email,
            pseudonym: p.pseudonym,
            state: match p.state {
                State::Active => "actif",
                State::Unconfirmed => "non-confirme",
                State::Suspended => "suspendu",
            }
            .to_owned(),
            state_label: p.state.label(locale).to_owned(),
            roles: if p.roles.is_empty() { vec![t.get(T::Inhabitant)] } else { p.roles },
            blocked: p.blocked_minutes.map(|n| t.get(T::Blocked).replace("{n}", &n.to_string())),
        })
        .collect();
    Ok(data)
}

pub fn people_view() -> AnyView {
    let t = use_texts();
    let q = param("q");
    let langue = t.locale.lang().to_owned();
    let data = Resource::new(move || q.clone(), move |q| people_page(q, langue.clone()));
    super::rendered(data, body)
}

/// One account's action form.
fn action(url: &'static str, id: i64, q: &str, label: String, secondary: bool) -> impl IntoView {
    let t = use_texts();
    view! {
        <form method="post" action=url>
            <input type="hidden" name="compte" value=id.to_string() />
            <input type="hidden" name="q" value=q.to_owned() />
            <input type="hidden" name="langue" value=t.locale.lang() />
            <button type="submit" class=secondary.then_some("secondary")>{label}</button>
        </form>
    }
}

fn body(d: PeopleData) -> AnyView {
    let t = use_texts();
    let title = d.texts.get(T::Title);
    if let Some(refused) = super::network_only(d.signed_in, d.network, &title, [d.texts.get(T::SignInFirst), d.texts.get(T::SignIn), d.texts.get(T::NetworkOnly)], "/reseau/personnes") {
        return refused;
    }
    let q = param("q");
    let notice = match param("fait").as_str() {
        "suspendu" => Some(d.texts.get(T::Suspended)),
        "reactive" => Some(d.texts.get(T::Reactivated)),
        "debloque" => Some(d.texts.get(T::Unlocked)),
        _ => None,
    }
    .map(|m| view! { <p class="notice ok" role="status">{m}</p> });
    let error = match param("erreur").as_str() {
        "" => None,
        "conflit" => Some(d.texts.get(T::NotYourself)),
        _ => Some(d.texts.get(T::Refused)),
    }
    .map(|m| view! { <div class="alert" role="alert"><p>{m}</p></div> });
    let body = view! {
        <p class="breadcrumb"><a href=t.locale.path("/reseau")>{d.texts.get(T::NetworkAdmin)}</a></p>
        <p>{d.texts.get(T::Intro)}</p>
        {notice}
        {error}
        <form method="get" action=t.locale.path("/reseau/personnes") class="profile-form" role="search">
            <div class="field">
                <label for="q">{d.texts.get(T::Search)}</label>
                <input type="search" id="q" name="q" value=q.clone() />
            </div>
            <button type="submit">{d.texts.get(T::Find)}</button>
        </form>
        <p>{d.texts.get(T::Count).replace("{n}", &d.people.len().to_string())}</p>
        <ul class="people">
            {d.people.iter().map(|p| view! {
                <li class=format!("person state-{}", p.state)>
                    <h2>{p.pseudonym.clone()} " · " <span class="email">{p.email.clone()}</span></h2>
                    <p><strong>{p.state_label.clone()}</strong> {p.blocked.clone().map(|b| format!(" · {b}"))}</p>
                    <ul class="roles">{p.roles.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                    <div class="import-actions">
                        {if p.state == "suspendu" {
                            action(REACTIVATE_URL, p.id, &q, d.texts.get(T::Reactivate), false).into_any()
                        } else {
                            action(SUSPEND_URL, p.id, &q, d.texts.get(T::Suspend), true).into_any()
                        }}
                        {p.blocked.is_some().then(|| action(UNLOCK_URL, p.id, &q, d.texts.get(T::Unlock), false))}
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any();
    frame(title, body)
}
