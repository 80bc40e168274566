//! `/compte/notifications` (the news of what the person follows, their mail choice per kind,
//! the QPVs and Régies they follow) and `/compte/desabonnement` (the page a mail's « ne plus
//! recevoir » link opens: one button; opening it changes nothing).

use leptos::prelude::*;

use super::data::{AccountPageData, NotificationsSummary};
use super::notification_forms::{FOLLOW_URL, READ_URL, SETTINGS_URL, UNSUBSCRIBE_URL};
use super::texts::T;
use super::{account_frame, account_view, language_field, notice_if, param, Refusals};
use crate::i18n::use_texts;

#[component]
pub fn NotificationsPage() -> impl IntoView {
    account_view("notifications", |d| {
        let t = use_texts();
        let title = d.texts.get(T::NotifTitle);
        let body = match d.notifications.clone() {
            None => view! {
                <p class="notice">{d.texts.get(T::SignInFirst)}</p>
                <p><a class="button" href=format!("{}?suite={}", t.path("/compte/connexion"), atlas_core::text::percent_encode(&t.path("/compte/notifications")))>{d.texts.get(T::SignInTitle)}</a></p>
            }
            .into_any(),
            Some(n) => notifications_body(&d, n).into_any(),
        };
        account_frame(title, body)
    })
}

fn notifications_body(d: &AccountPageData, n: NotificationsSummary) -> impl IntoView {
    let t = use_texts();
    let x = &d.texts;
    let r = Refusals::of(d);
    let latest = if n.latest.is_empty() {
        view! { <p>{x.get(T::NotifNone)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain notifications" id="notifications">
                {n.latest.iter().map(|(sentence, item, date, unread)| view! {
                    <li class=if *unread { "notification unread" } else { "notification" }>
                        {unread.then(|| view! { <span class="badge">{x.get(T::NotifUnread)}</span>" " })}
                        <a href=t.path(&format!("/participation/{item}"))>{sentence.clone()}</a>
                        " "<span class="help">{date.clone()}</span>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        {r.alert(d)}
        {notice_if("fait", "suivi", x.get(T::FollowsAdded))}
        {notice_if("fait", "plus-suivi", x.get(T::FollowsRemoved))}
        {notice_if("fait", "choix", x.get(T::NotifSaved))}
        {notice_if("fait", "lu", x.get(T::NotifMarked))}
        <p>{x.get(T::NotifIntro)}</p>
        <p id="non-lues">{x.get(T::NotifUnreadCount).replace("{n}", &n.unread.to_string())}</p>
        {latest}
        {(n.unread > 0).then(|| view! {
            <form method="post" action=READ_URL>
                {language_field()}
                <button type="submit" class="button secondary">{x.get(T::NotifMarkAll)}</button>
            </form>
        })}
        <section class="account-section" aria-labelledby="courriels-titre">
            <h2 id="courriels-titre">{x.get(T::NotifMailTitle)}</h2>
            <p>{x.get(T::NotifMailIntro)}</p>
            <form class="account-form" method="post" action=SETTINGS_URL id="choix-courriels">
                {language_field()}
                {n.settings.iter().map(|(kind, label, chosen)| {
                    // The form's field names: `nouveaux` for new items.
                    let name = if kind == "nouvel-element" { "nouveaux".to_owned() } else { kind.clone() };
                    view! {
                        <fieldset>
                            <legend>{label.clone()}</legend>
                            {n.modes.iter().map(|(mode, mode_label)| view! {
                                <label class="choice"><input type="radio" name=name.clone() value=mode.clone() checked=mode == chosen />" "{mode_label.clone()}</label>
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <button type="submit" class="button">{x.get(T::NotifSave)}</button>
            </form>
        </section>
        <section class="account-section" aria-labelledby="suivis-titre">
            <h2 id="suivis-titre">{x.get(T::FollowsTitle)}</h2>
            {if n.follows.is_empty() {
                view! { <p>{x.get(T::FollowsNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain" id="suivis">
                        {n.follows.iter().map(|(kind, target, name)| {
                            let href = if kind == "qpv" { t.path(&format!("/qpv/{target}")) } else { t.path(&format!("/regies/{target}")) };
                            view! {
                                <li>
                                    <a href=href>{name.clone()}</a>" "
                                    <form class="inline" method="post" action=FOLLOW_URL>
                                        {language_field()}
                                        <input type="hidden" name="quoi" value=kind.clone() />
                                        <input type="hidden" name="cible" value=target.clone() />
                                        <input type="hidden" name="actif" value="0" />
                                        <button type="submit" class="button secondary small">{x.get(T::Unfollow)}<span class="visually-hidden">" : "{name.clone()}</span></button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
pub fn UnsubscribePage() -> impl IntoView {
    account_view("desabonnement", |d| {
        let t = use_texts();
        let x = &d.texts;
        let manage = view! { <p><a href=t.path("/compte/notifications")>{x.get(T::UnsubManage)}</a></p> };
        let body = if param("fait") == "1" {
            view! { <p class="notice ok" role="status" id="desabonne">{x.get(T::UnsubDone)}</p>{manage} }.into_any()
        } else {
            match d.unsubscribe.clone() {
                None => view! { <p class="alert" role="alert">{x.get(T::UnsubDead)}</p>{manage} }.into_any(),
                Some(what) => view! {
                    <p>{what}</p>
                    <form method="post" action=format!("{UNSUBSCRIBE_URL}?jeton={}&langue={}", atlas_core::text::percent_encode(&param("jeton")), t.locale.lang())>
                        <button type="submit" class="button" id="me-desabonner">{x.get(T::UnsubButton)}</button>
                    </form>
                    {manage}
                }
                .into_any(),
            }
        };
        account_frame(x.get(T::UnsubTitle), body)
    })
}
