//! `/gestion/<slug>/actualites`: a Régie's short news posts. The form publishes one (a title and
//! a few lines); the posts are listed the newest first, each with a button that takes it out.
//! The public page shows the newest three. Works without JavaScript; a refusal comes back with
//! each message under its input and what was typed kept.

use leptos::prelude::*;

use super::data::GestionData;
use super::profile_page::{field, Refusals};
use super::texts::T;
use super::{frame, param, sign_in_first, NEWS_URL};
use crate::i18n::use_texts;

pub fn news_body(d: GestionData) -> AnyView {
    let t = use_texts();
    if !d.signed_in {
        return frame(d.texts.get(T::NewsHeading), sign_in_first(&d));
    }
    let refusals = Refusals::of(&d);
    let notice = match param("fait").as_str() {
        "publiee" => Some(d.texts.get(T::NewsPublished)),
        "retiree" => Some(d.texts.get(T::NewsRemoved)),
        _ => None,
    }
    .map(|m| view! { <p class="notice ok" role="status">{m}</p> });
    let posts = if d.news.is_empty() {
        view! { <p>{d.texts.get(T::NewsNone)}</p> }.into_any()
    } else {
        view! {
            <ul class="plain news-posts">
                {d.news.iter().map(|(id, title, text, date)| view! {
                    <li class="card">
                        <h3>{title.clone()}</h3>
                        <p class="help">{date.clone()}</p>
                        {text.split('\n').filter(|l| !l.is_empty()).map(|l| view! { <p>{l.to_owned()}</p> }).collect_view()}
                        <form method="post" action=NEWS_URL>
                            <input type="hidden" name="regie" value=d.slug.clone() />
                            <input type="hidden" name="action" value="retirer" />
                            <input type="hidden" name="actualite" value=id.to_string() />
                            <input type="hidden" name="langue" value=t.locale.lang() />
                            <button type="submit" class="secondary">{d.texts.get(T::NewsRemove).replace("{title}", title)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let body = view! {
        {notice}
        <p>{d.texts.get(T::NewsIntro)}</p>
        <p class="gestion-links">
            <a href=t.locale.path(&format!("/gestion/{}", d.slug))>{d.texts.get(T::BackToForm)}</a> " · "
            <a href=t.locale.path(&format!("/regies/{}", d.slug))>{d.texts.get(T::PublicPage)}</a>
        </p>
        <form id="nouvelle" class="profile-form" method="post" action=NEWS_URL novalidate>
            {refusals.summary(d.texts.get(T::NewsErrors))}
            <input type="hidden" name="regie" value=d.slug.clone() />
            <input type="hidden" name="action" value="publier" />
            <input type="hidden" name="langue" value=t.locale.lang() />
            <fieldset>
                <legend>{d.texts.get(T::NewsFormHeading)}</legend>
                {field("titre", d.texts.get(T::NewsTitle), "text", param("titre"), None, refusals.on("titre"), ("off", ""))}
                {field("texte", d.texts.get(T::NewsText), "textarea", param("texte"), Some(d.texts.get(T::NewsTextHint)), refusals.on("texte"), ("", ""))}
            </fieldset>
            <button type="submit">{d.texts.get(T::NewsPublish)}</button>
        </form>
        <h2>{d.texts.get(T::NewsPublishedHeading)}</h2>
        {posts}
    }
    .into_any();
    frame(format!("{} · {}", d.texts.get(T::NewsHeading), d.name), body)
}
