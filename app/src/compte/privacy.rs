//! `/confidentialite`: what is stored about people, why, who sees it and for how long (the
//! periods the hourly purge applies). `/dev/courriels`: the development mailbox.

use leptos::prelude::*;
use leptos_meta::Title;

use super::account_view;
use super::texts::T;
use crate::error::set_not_found;
use crate::i18n::use_texts;

#[component]
pub fn PrivacyPage() -> impl IntoView {
    account_view("", |d| {
        let t = use_texts();
        let text = |k| d.texts.get(k);
        view! {
            <Title text=text(T::PrivacyTitle) />
            <div class="account-page prose">
                <h1>{text(T::PrivacyTitle)}</h1>
                <p class="lead">{text(T::PrivacyIntro)}</p>
                <h2>{text(T::PrivacyWhatTitle)}</h2>
                <ul>
                    <li>{text(T::PrivacyAccount)}</li>
                    <li>{text(T::PrivacyUnconfirmed)}</li>
                    <li>{text(T::PrivacySessions)}</li>
                    <li>{text(T::PrivacyTraces)}</li>
                    <li>{text(T::PrivacyLinks)}</li>
                    <li>{text(T::PrivacyTeams)}</li>
                    <li>{text(T::PrivacyParticipation)}</li>
                </ul>
                <h2>{text(T::PrivacyWhoTitle)}</h2>
                <p>{text(T::PrivacyWho)}</p>
                <h2>{text(T::PrivacyRightsTitle)}</h2>
                <p>{text(T::PrivacyRights)}</p>
                <p><a href=t.path("/compte")>{text(T::AccountTitle)}</a></p>
            </div>
        }
        .into_any()
    })
}

/// The latest mails of the outbox with their links, on a development install only (404 elsewhere).
#[component]
pub fn DevMailPage() -> impl IntoView {
    account_view("courriels", |d| {
        let Some(mails) = d.mails.clone() else {
            set_not_found();
            let t = use_texts();
            return view! {
                <Title text=t.not_found_title />
                <h1>{t.not_found_title}</h1>
                <p>{t.not_found_text}</p>
            }
            .into_any();
        };
        view! {
            <Title text=d.texts.get(T::MailsTitle) />
            <div class="account-page">
                <h1>{d.texts.get(T::MailsTitle)}</h1>
                <p class="notice">{d.texts.get(T::MailsIntro)}</p>
                {mails.is_empty().then(|| view! { <p>{d.texts.get(T::MailsNone)}</p> })}
                {mails.into_iter().map(|m| {
                    let links: Vec<String> =
                        m.text.split_whitespace().filter(|w| w.starts_with("http://") || w.starts_with("https://")).map(str::to_owned).collect();
                    view! {
                        <article class="dev-mail">
                            <h2>{m.subject}</h2>
                            <p>{d.texts.get(T::MailsTo)}" : "{m.to}</p>
                            <pre>{m.text}</pre>
                            <ul>{links.into_iter().map(|l| view! { <li><a href=l.clone() rel="external">{l.clone()}</a></li> }).collect_view()}</ul>
                        </article>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    })
}
