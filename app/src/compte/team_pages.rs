//! A Régie's team on `/compte` (for its administrators: the members, the pending invitations,
//! the form to invite) and `/compte/invitation`, the page the invitation's mail opens.

use atlas_core::account::Field;
use leptos::prelude::*;

use super::data::{AccountPageData, TeamSummary};
use super::team_forms::*;
use super::texts::T;
use super::{account_frame, account_view, language_field, param, pseudonym_input, Input, Refusals};
use crate::i18n::use_texts;

/// One section per team the signed-in person administers.
pub fn team_sections(d: &AccountPageData) -> impl IntoView {
    d.teams.iter().map(|team| team_section(d, team)).collect_view()
}

/// A button posting (regie, email, and the role when there is one) to `action`, named with the
/// person it concerns.
fn person_button(action: &'static str, slug: &str, email: &str, role: Option<&'static str>, label: String, who: &str) -> impl IntoView {
    view! {
        <form class="inline" method="post" action=action>
            {language_field()}
            <input type="hidden" name="regie" value=slug.to_owned() />
            <input type="hidden" name="email" value=email.to_owned() />
            {role.map(|role| view! { <input type="hidden" name="role" value=role /> })}
            <button type="submit" class="button secondary small">{label}<span class="visually-hidden">" : "{who.to_owned()}</span></button>
        </form>
    }
}

fn team_section(d: &AccountPageData, team: &TeamSummary) -> impl IntoView {
    let heading = format!("equipe-{}", team.slug);
    let email_id = format!("inviter-{}", team.slug);
    let role_id = format!("role-{}", team.slug);
    let hint_id = format!("inviter-{}-aide", team.slug);
    let members = team
        .members
        .iter()
        .map(|(pseudonym, email, role, is_admin)| {
            let (other, other_label) = if *is_admin { ("editeur", T::TeamMakeEditor) } else { ("administrateur", T::TeamMakeAdmin) };
            view! {
                <li>
                    <strong>{pseudonym.clone()}</strong>" · "{role.clone()}" · "{email.clone()}
                    {person_button(ROLE_URL, &team.slug, email, Some(other), d.texts.get(other_label), pseudonym)}
                    {person_button(REMOVE_URL, &team.slug, email, None, d.texts.get(T::TeamRemove), pseudonym)}
                </li>
            }
        })
        .collect_view();
    let pending = (!team.pending.is_empty()).then(|| {
        let items = team
            .pending
            .iter()
            .map(|(email, role, until)| {
                view! {
                    <li>
                        {email.clone()}" · "{role.clone()}" · "{d.texts.get(T::TeamUntil)}" "{until.clone()}
                        {person_button(REMOVE_URL, &team.slug, email, None, d.texts.get(T::TeamWithdraw), email)}
                    </li>
                }
            })
            .collect_view();
        view! {
            <h3>{d.texts.get(T::TeamPending)}</h3>
            <ul class="team">{items}</ul>
        }
    });
    view! {
        <section class="account-section" id=heading.clone() aria-labelledby=format!("{heading}-titre")>
            <h2 id=format!("{heading}-titre")>{d.texts.get(T::TeamTitle).replace("{regie}", &team.regie_name)}</h2>
            <p>{d.texts.get(T::TeamIntro)}</p>
            <ul class="team">{members}</ul>
            {pending}
            <h3>{d.texts.get(T::TeamInviteTitle)}</h3>
            <form class="account-form" method="post" action=INVITE_URL>
                {language_field()}
                <input type="hidden" name="regie" value=team.slug.clone() />
                <label for=email_id.clone()>{d.texts.get(T::Email)}</label>
                <input id=email_id name="email" type="email" autocomplete="off" required maxlength="254" aria-describedby=hint_id.clone() />
                <p class="help" id=hint_id>{d.texts.get(T::TeamInviteHint)}</p>
                <label for=role_id.clone()>{d.texts.get(T::TeamRole)}</label>
                <select id=role_id name="role">
                    <option value="editeur">{d.texts.get(T::TeamEditor)}</option>
                    <option value="administrateur">{d.texts.get(T::TeamAdmin)}</option>
                </select>
                <button type="submit" class="button">{d.texts.get(T::TeamInviteSubmit)}</button>
            </form>
        </section>
    }
}

/// `/compte/invitation?jeton=…`: what the invitation gives, and one button to accept (with a
/// pseudonym and an optional password when the address has no account yet).
#[component]
pub fn InvitationPage() -> impl IntoView {
    account_view("invitation", |d| {
        let t = use_texts();
        let r = Refusals::of(&d);
        let title = d.texts.get(T::InvitationTitle);
        let body = match d.invitation.clone() {
            None => view! {
                <p class="alert" role="alert">{d.texts.get(T::LinkDead)}</p>
                <p><a class="button" href=t.path("/compte")>{d.texts.get(T::AccountTitle)}</a></p>
            }
            .into_any(),
            Some(i) => {
                let text = d.texts.get(T::InvitationText).replace("{regie}", &i.regie_name).replace("{role}", &i.role).replace("{email}", &i.email);
                let new_account = (!i.has_account).then(|| {
                    let pseudonym = pseudonym_input(&d, &r, "invitation-pseudonyme");
                    let password = Input {
                        id: "invitation-mot-de-passe",
                        name: "mot_de_passe",
                        kind: "password",
                        autocomplete: "new-password",
                        label: d.texts.get(T::PasswordOptional),
                        hint: Some(d.texts.get(T::PasswordHint)),
                        value: String::new(),
                        invalid: r.on(Field::Password),
                        minlength: Some(12),
                        maxlength: 256,
                    };
                    view! {
                        <p>{d.texts.get(T::InvitationNewAccount)}</p>
                        {pseudonym.view()}
                        {password.optional()}
                    }
                });
                view! {
                    <p>{text}</p>
                    {r.alert(&d)}
                    <form class="account-form" method="post" action=ACCEPT_URL>
                        {language_field()}
                        <input type="hidden" name="jeton" value=param("jeton") />
                        {new_account}
                        <button type="submit" class="button">{d.texts.get(T::InvitationSubmit)}</button>
                    </form>
                }
                .into_any()
            }
        };
        account_frame(title, body)
    })
}
