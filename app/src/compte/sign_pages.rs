//! The pages before one is signed in: sign-up, sign-in (with the mailed-link option), the
//! forgotten password, and the pages mailed links open. A mailed link opens a page with one
//! button that posts: mail scanners that follow links spend nothing.

use atlas_core::account::Field;
use leptos::prelude::*;
use leptos_meta::Title;

use super::data::AccountPageData;
use super::forms::*;
use super::texts::T;
use super::{account_view, language_field, notice_if, param, pseudonym_input, Input, Refusals};
use crate::i18n::use_texts;

fn email_input(d: &AccountPageData, r: &Refusals, id: &'static str, hint: bool) -> impl IntoView {
    Input {
        id,
        name: "email",
        kind: "email",
        autocomplete: "email",
        label: d.texts.get(T::Email),
        hint: hint.then(|| d.texts.get(T::EmailHint)),
        value: String::new(),
        invalid: r.on(Field::Email),
        minlength: None,
        maxlength: 254,
    }
    .view()
}

fn password_input(d: &AccountPageData, r: &Refusals, id: &'static str, label: T, new: bool) -> impl IntoView {
    Input {
        id,
        name: "mot_de_passe",
        kind: "password",
        autocomplete: if new { "new-password" } else { "current-password" },
        label: d.texts.get(label),
        hint: new.then(|| d.texts.get(T::PasswordHint)),
        value: String::new(),
        invalid: r.on(Field::Password),
        minlength: new.then_some(12),
        maxlength: 256,
    }
    .view()
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    account_view("", |d| {
        let t = use_texts();
        let r = Refusals::of(&d);
        let sent = notice_if("envoye", "1", d.texts.get(T::SignUpSent));
        let pseudonym = pseudonym_input(&d, &r, "inscription-pseudonyme");
        view! {
            <Title text=d.texts.get(T::SignUpTitle) />
            <div class="account-page">
                <h1>{d.texts.get(T::SignUpTitle)}</h1>
                {sent}
                <p class="lead">{d.texts.get(T::SignUpIntro)}</p>
                {r.alert(&d)}
                <form class="account-form" method="post" action=SIGN_UP_URL>
                    {language_field()}
                    {email_input(&d, &r, "inscription-email", true)}
                    {pseudonym.view()}
                    {password_input(&d, &r, "inscription-mot-de-passe", T::Password, true)}
                    <button type="submit" class="button">{d.texts.get(T::SignUpSubmit)}</button>
                </form>
                <p>{d.texts.get(T::HaveAccount)}" "<a href=t.path("/compte/connexion")>{d.texts.get(T::SignInTitle)}</a></p>
                <p><a href=t.path("/confidentialite")>{d.texts.get(T::PrivacyLink)}</a></p>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn SignInPage() -> impl IntoView {
    account_view("", |d| {
        let t = use_texts();
        let r = Refusals::of(&d);
        view! {
            <Title text=d.texts.get(T::SignInTitle) />
            <div class="account-page">
                <h1>{d.texts.get(T::SignInTitle)}</h1>
                {notice_if("deconnecte", "partout", d.texts.get(T::SignedOutEverywhere))}
                {notice_if("envoye", "1", d.texts.get(T::LinkSent))}
                {r.alert(&d)}
                <form class="account-form" method="post" action=SIGN_IN_URL>
                    {language_field()}
                    <input type="hidden" name="suite" value=param("suite") />
                    {email_input(&d, &r, "connexion-email", false)}
                    {password_input(&d, &r, "connexion-mot-de-passe", T::Password, false)}
                    <button type="submit" class="button">{d.texts.get(T::SignInSubmit)}</button>
                </form>
                <p><a href=t.path("/compte/mot-de-passe-oublie")>{d.texts.get(T::Forgot)}</a></p>
                <section class="account-section" aria-labelledby="sans-mot-de-passe">
                    <h2 id="sans-mot-de-passe">{d.texts.get(T::LinkTitle)}</h2>
                    <p>{d.texts.get(T::LinkIntro)}</p>
                    <form class="account-form" method="post" action=REQUEST_LINK_URL>
                        {language_field()}
                        <input type="hidden" name="pour" value="connexion" />
                        {email_input(&d, &Refusals { messages: vec![], fields: vec![] }, "lien-email", false)}
                        <button type="submit" class="button secondary">{d.texts.get(T::LinkSubmit)}</button>
                    </form>
                </section>
                <p>{d.texts.get(T::NoAccount)}" "<a href=t.path("/compte/inscription")>{d.texts.get(T::SignUpTitle)}</a></p>
            </div>
        }
        .into_any()
    })
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    account_view("", |d| {
        let r = Refusals::of(&d);
        view! {
            <Title text=d.texts.get(T::ForgotTitle) />
            <div class="account-page">
                <h1>{d.texts.get(T::ForgotTitle)}</h1>
                {notice_if("envoye", "1", d.texts.get(T::ForgotSent))}
                <p>{d.texts.get(T::ForgotIntro)}</p>
                {r.alert(&d)}
                <form class="account-form" method="post" action=REQUEST_LINK_URL>
                    {language_field()}
                    <input type="hidden" name="pour" value="mot-de-passe" />
                    {email_input(&d, &r, "oubli-email", false)}
                    <button type="submit" class="button">{d.texts.get(T::ForgotSubmit)}</button>
                </form>
            </div>
        }
        .into_any()
    })
}

/// A page opened from a mailed link: one button posting the link's token, or, when the form
/// came back refused (the link expired), the way to ask for another.
fn link_page(d: AccountPageData, title: T, text: T, submit: T, action: &'static str) -> AnyView {
    let t = use_texts();
    let r = Refusals::of(&d);
    let dead = !r.messages.is_empty() || param("jeton").is_empty();
    view! {
        <Title text=d.texts.get(title) />
        <div class="account-page">
            <h1>{d.texts.get(title)}</h1>
            {if dead {
                view! {
                    <p class="alert" role="alert">{d.texts.get(T::LinkDead)}</p>
                    <p><a class="button" href=t.path("/compte/connexion")>{d.texts.get(T::AskAgain)}</a></p>
                }
                .into_any()
            } else {
                view! {
                    <p>{d.texts.get(text)}</p>
                    <form class="account-form" method="post" action=action>
                        {language_field()}
                        <input type="hidden" name="jeton" value=param("jeton") />
                        <button type="submit" class="button">{d.texts.get(submit)}</button>
                    </form>
                }
                .into_any()
            }}
        </div>
    }
    .into_any()
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    account_view("", |d| link_page(d, T::ConfirmTitle, T::ConfirmText, T::ConfirmSubmit, CONFIRM_URL))
}

#[component]
pub fn LinkSignInPage() -> impl IntoView {
    account_view("", |d| link_page(d, T::LinkFollowTitle, T::LinkFollowText, T::SignInSubmit, FOLLOW_LINK_URL))
}

#[component]
pub fn EmailConfirmPage() -> impl IntoView {
    account_view("", |d| link_page(d, T::EmailConfirmTitle, T::EmailConfirmText, T::EmailConfirmSubmit, CONFIRM_EMAIL_URL))
}

#[component]
pub fn ChoosePasswordPage() -> impl IntoView {
    account_view("lien-mot-de-passe", |d| {
        let t = use_texts();
        let r = Refusals::of(&d);
        let alive = d.link_alive == Some(true);
        view! {
            <Title text=d.texts.get(T::ChooseTitle) />
            <div class="account-page">
                <h1>{d.texts.get(T::ChooseTitle)}</h1>
                {if alive {
                    view! {
                        {r.alert(&d)}
                        <form class="account-form" method="post" action=CHOOSE_PASSWORD_URL>
                            {language_field()}
                            <input type="hidden" name="jeton" value=param("jeton") />
                            {password_input(&d, &r, "nouveau-mot-de-passe", T::NewPassword, true)}
                            <p class="help">{d.texts.get(T::ChooseAfter)}</p>
                            <button type="submit" class="button">{d.texts.get(T::ChooseSubmit)}</button>
                        </form>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="alert" role="alert">{d.texts.get(T::LinkDead)}</p>
                        <p><a class="button" href=t.path("/compte/mot-de-passe-oublie")>{d.texts.get(T::AskAgain)}</a></p>
                    }
                    .into_any()
                }}
            </div>
        }
        .into_any()
    })
}

/// After the password or the mailed link, for an account with a second factor: the code.
#[component]
pub fn CodePage() -> impl IntoView {
    account_view("", |d| {
        let r = Refusals::of(&d);
        let invalid = !r.messages.is_empty();
        view! {
            <Title text=d.texts.get(T::CodeTitle) />
            <div class="account-page">
                <h1>{d.texts.get(T::CodeTitle)}</h1>
                <p id="code-aide">{d.texts.get(T::CodeIntro)}</p>
                {r.alert(&d)}
                <form class="account-form" method="post" action=CODE_URL>
                    {language_field()}
                    <input type="hidden" name="suite" value=param("suite") />
                    <label for="code">{d.texts.get(T::CodeLabel)}</label>
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required
                        pattern="[0-9 ]{6,7}" maxlength="7" aria-describedby="code-aide" aria-invalid=invalid.then_some("true") />
                    <button type="submit" class="button">{d.texts.get(T::CodeSubmit)}</button>
                </form>
            </div>
        }
        .into_any()
    })
}
