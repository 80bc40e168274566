//! `/compte`: who I am here, my roles, and what I can change: pseudonym, address, password,
//! my devices, my data (download) and the account itself (deletion, said plainly first).

use atlas_core::account::Field;
use leptos::prelude::*;

use super::data::{AccountPageData, AccountSummary};
use super::forms::*;
use super::team_pages::team_sections;
use super::texts::T;
use super::{account_frame, account_view, language_field, notice_if, param, Input, Refusals};
use crate::i18n::use_texts;

#[component]
pub fn AccountPage() -> impl IntoView {
    account_view("compte", |d| {
        let t = use_texts();
        let title = d.texts.get(T::AccountTitle);
        let body = match d.account.clone() {
            Some(me) => signed_in(&d, me).into_any(),
            None => view! {
                {notice_if("supprime", "1", d.texts.get(T::Deleted))}
                <p>{d.texts.get(T::NeedSignIn)}</p>
                <p class="actions">
                    <a class="button" href=t.path("/compte/connexion")>{d.texts.get(T::SignInTitle)}</a>
                    " "
                    <a class="button secondary" href=t.path("/compte/inscription")>{d.texts.get(T::SignUpTitle)}</a>
                </p>
            }
            .into_any(),
        };
        account_frame(title, body)
    })
}

fn done_notice(d: &AccountPageData) -> Option<impl IntoView> {
    let text = match param("fait").as_str() {
        "pseudonyme" => T::PseudonymChanged,
        "adresse-envoyee" => T::EmailSent,
        "adresse" => T::EmailChanged,
        "mot-de-passe" => T::PasswordChanged,
        "invitation" => T::TeamInvited,
        "retrait" => T::TeamRemoved,
        "role" => T::TeamRoleChanged,
        _ if param("bienvenue") == "1" => T::Welcome,
        _ if param("bienvenue") == "equipe" => T::InvitationWelcome,
        _ => return None,
    };
    Some(view! { <p class="notice ok" role="status">{d.texts.get(text)}</p> })
}

fn signed_in(d: &AccountPageData, me: AccountSummary) -> impl IntoView {
    let t = use_texts();
    let r = Refusals::of(d);
    let kept = param("pseudonyme");
    let pseudonym = Input {
        id: "compte-pseudonyme",
        name: "pseudonyme",
        kind: "text",
        autocomplete: "nickname",
        label: d.texts.get(T::Pseudonym),
        hint: Some(d.texts.get(T::PseudonymHint)),
        value: if kept.is_empty() { me.pseudonym.clone() } else { kept },
        invalid: r.on(Field::Pseudonym),
        minlength: Some(3),
        maxlength: 30,
    };
    let new_email = Input {
        id: "compte-email",
        name: "email",
        kind: "email",
        autocomplete: "email",
        label: d.texts.get(T::NewEmail),
        hint: Some(d.texts.get(T::EmailIntro)),
        value: String::new(),
        invalid: r.on(Field::Email),
        minlength: None,
        maxlength: 254,
    };
    let password = |id, name, label, new: bool| Input {
        id,
        name,
        kind: "password",
        autocomplete: if new { "new-password" } else { "current-password" },
        label: d.texts.get(label),
        hint: new.then(|| d.texts.get(T::PasswordHint)),
        value: String::new(),
        invalid: new && r.on(Field::Password),
        minlength: new.then_some(12),
        maxlength: 256,
    };
    let sessions = d.texts.get(T::DevicesCount).replace("{n}", &me.sessions.to_string());
    view! {
        {done_notice(d)}
        {r.alert(d)}
        <p class="account-who">
            {d.texts.get(T::SignedInAs)}" "<strong>{me.pseudonym.clone()}</strong>" · "{me.email.clone()}
            <br />{d.texts.get(T::MemberSince)}" "{me.since.clone()}
        </p>
        <form method="post" action=SIGN_OUT_URL>
            {language_field()}
            <button type="submit" class="button secondary">{d.texts.get(T::SignOut)}</button>
        </form>
        <section class="account-section" aria-labelledby="mes-roles">
            <h2 id="mes-roles">{d.texts.get(T::RolesTitle)}</h2>
            <ul>{me.roles.iter().map(|role| view! { <li>{role.clone()}</li> }).collect_view()}</ul>
            <ul class="gestion-regies">
                {me.keeps.iter().map(|(slug, name)| view! {
                    <li><a href=use_texts().path(&format!("/gestion/{slug}"))>{d.texts.get(T::ManageRegie).replace("{regie}", name)}</a></li>
                }).collect_view()}
                {me.network.then(|| view! { <li><a href=use_texts().path("/reseau")>{d.texts.get(T::NetworkAdmin)}</a></li> })}
                {match (&me.proposed, me.network) {
                    (Some(name), _) => Some(view! { <li>{d.texts.get(T::ProposalWaiting).replace("{regie}", name)}</li> }.into_any()),
                    (None, false) => Some(view! { <li><a href=use_texts().path("/compte/nouvelle-regie")>{d.texts.get(T::ProposeRegie)}</a></li> }.into_any()),
                    (None, true) => None,
                }}
            </ul>
        </section>
        {team_sections(d)}
        <section class="account-section" aria-labelledby="changer-pseudonyme">
            <h2 id="changer-pseudonyme">{d.texts.get(T::PseudonymTitle)}</h2>
            <form class="account-form" method="post" action=CHANGE_PSEUDONYM_URL>
                {language_field()}
                {pseudonym.view()}
                <button type="submit" class="button">{d.texts.get(T::PseudonymSubmit)}</button>
            </form>
        </section>
        <section class="account-section" aria-labelledby="changer-adresse">
            <h2 id="changer-adresse">{d.texts.get(T::EmailTitle)}</h2>
            <form class="account-form" method="post" action=CHANGE_EMAIL_URL>
                {language_field()}
                {new_email.view()}
                <button type="submit" class="button">{d.texts.get(T::EmailSubmit)}</button>
            </form>
        </section>
        <section class="account-section" aria-labelledby="changer-mot-de-passe">
            <h2 id="changer-mot-de-passe">{d.texts.get(T::PasswordTitle)}</h2>
            {if me.has_password {
                view! {
                    <form class="account-form" method="post" action=CHANGE_PASSWORD_URL>
                        {language_field()}
                        {password("compte-actuel", "actuel", T::CurrentPassword, false).view()}
                        {password("compte-nouveau", "nouveau", T::NewPassword, true).view()}
                        <p class="help">{d.texts.get(T::ChooseAfter)}</p>
                        <button type="submit" class="button">{d.texts.get(T::PasswordSubmit)}</button>
                    </form>
                }
                .into_any()
            } else {
                view! { <p><a href=t.path("/compte/mot-de-passe-oublie")>{d.texts.get(T::ChooseTitle)}</a></p> }.into_any()
            }}
        </section>
        <section class="account-section" aria-labelledby="mes-appareils">
            <h2 id="mes-appareils">{d.texts.get(T::DevicesTitle)}</h2>
            <p>{sessions}</p>
            <form method="post" action=SIGN_OUT_EVERYWHERE_URL>
                {language_field()}
                <button type="submit" class="button secondary">{d.texts.get(T::SignOutEverywhere)}</button>
            </form>
        </section>
        <section class="account-section" aria-labelledby="mes-donnees">
            <h2 id="mes-donnees">{d.texts.get(T::DataTitle)}</h2>
            <p>{d.texts.get(T::DataIntro)}</p>
            <p><a class="button secondary" href="/compte/mes-donnees.json" download="mes-donnees-atlas-des-regies.json" rel="external">
                {d.texts.get(T::DataDownload)}
            </a></p>
            <p><a href=t.path("/confidentialite")>{d.texts.get(T::PrivacyLink)}</a></p>
        </section>
        <section class="account-section danger" aria-labelledby="supprimer">
            <h2 id="supprimer">{d.texts.get(T::DeleteTitle)}</h2>
            <p>{d.texts.get(T::DeleteText)}</p>
            <form class="account-form" method="post" action=DELETE_URL>
                {language_field()}
                <label class="check">
                    <input type="checkbox" name="confirmer" value="oui" required />
                    " "{d.texts.get(T::DeleteConfirm)}
                </label>
                <button type="submit" class="button danger">{d.texts.get(T::DeleteSubmit)}</button>
            </form>
        </section>
    }
}
