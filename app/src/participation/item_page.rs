//! `/participation/{id}`: an item, its public history, « Moi aussi » (within thumb reach on a
//! phone), comments with one level of replies, and, for the staff of a Régie covering the QPV,
//! the answer form and moderation.

use atlas_core::participation::view::ItemDetail;
use atlas_core::participation::{Field, Status};
use leptos::prelude::*;
use leptos_meta::Title;

use super::data::ParticipationData;
use super::forms::*;
use super::texts::{ParticipationTexts, T};
use super::map::{participation_map, MapMode};
use super::item_comments::comments_block;
use super::item_moderation::{charter_link, flag_form, hidden_text, moderator_tools, photo_tool};
use super::{category_label, date, kind_label, language_field, param, status_label, Refusals};
use crate::i18n::use_texts;

pub fn item_view(d: ParticipationData) -> AnyView {
    let t = use_texts();
    let Some(item) = d.item.clone() else {
        return view! { <Title text=d.texts.get(T::NotFound) /><h1>{d.texts.get(T::NotFound)}</h1> }.into_any();
    };
    let x = d.texts.clone();
    let r = Refusals::of(&d);
    let s = &item.summary;
    let posted = match (&item.filed_by, &item.author) {
        (Some(regie), None) => x.get(T::FiledBy).replace("{regie}", regie).replace("{date}", &date(s.created_at)),
        (_, author) => {
            let who = author.clone().unwrap_or_else(|| x.get(if s.demo { T::DemoAuthor } else { T::DeletedAccount }));
            x.get(T::PostedBy).replace("{who}", &who).replace("{date}", &date(s.created_at))
        }
    };
    let code = param("code");
    let notice = if param("depose") == "1" {
        Some(x.get(T::PostedNotice))
    } else if param("reclame") == "1" {
        Some(x.get(T::ClaimedNotice))
    } else if param("retire") == "1" {
        Some(x.get(T::WithdrawnNotice))
    } else if param("signale") == "1" {
        Some(x.get(T::FlaggedNotice))
    } else if param("modere") == "1" {
        Some(x.get(T::ModerateDone))
    } else if param("enregistre") == "1" || !param("commentaire").is_empty() {
        Some(x.get(T::SavedNotice))
    } else {
        None
    };
    view! {
        <Title text=s.title.clone() />
        // `data-direct`: /js/direct.js follows this item live (server-sent events).
        <article class="participation-item" data-direct=s.id>
            <p class="badges">
                <span class=format!("badge kind-{}", s.kind.code())>{kind_label(&x, s.kind)}</span>" "
                <span class="badge">{category_label(&x, s.category)}</span>" "
                <span class=format!("badge status-{}", s.status.code()) id="statut">{status_label(&x, s.status)}</span>
                {s.demo.then(|| view! { " "<span class="badge badge-warn">{x.get(T::Demo)}</span> })}
            </p>
            <h1>{if s.title.is_empty() { x.get(T::HeldTitle) } else { s.title.clone() }}</h1>
            {notice.map(|n| view! { <p class="notice ok" role="status">{n}</p> })}
            // Just posted: the script forgets the draft this device kept.
            {(param("depose") == "1").then(|| view! { <script src="/js/participation.js" defer></script> })}
            {(!code.is_empty()).then(|| view! { <p class="notice" id="code-habitant">{x.get(T::CodeToGive).replace("{code}", &code)}</p> })}
            {r.alert(&d)}
            <p class="help">{posted}" · "{x.get(T::InQpv)}" : "<a href=t.path(&format!("/qpv/{}", s.qpv_code))>{s.qpv_name.clone()}</a></p>
            {item.merged_into.as_ref().map(|(id, title)| view! {
                <p class="notice"><a href=t.path(&format!("/participation/{id}"))>{x.get(T::MergedInto).replace("{title}", title)}</a></p>
            })}
            {match (&item.body, &item.hidden) {
                (_, Some(atlas_core::moderation::Hidden::ByModerator(reason))) => view! { <p class="alert">{x.get(T::HiddenItem).replace("{reason}", reason)}</p> }.into_any(),
                (_, Some(hidden)) => view! { <p class="alert">{hidden_text(&x, &d.flag_reasons, hidden)}</p> }.into_any(),
                (Some(body), None) => view! { <div class="item-body">{body.split('\n').map(|line| view! { <p>{line.to_owned()}</p> }).collect_view()}</div> }.into_any(),
                _ => ().into_any(),
            }}
            {(!item.photos.is_empty()).then(|| view! {
                <ul class="plain photos">
                    {item.photos.iter().enumerate().map(|(n, p)| match &p.hidden {
                        Some(reason) => view! { <li><p class="help">{x.get(T::PhotoHidden).replace("{reason}", reason)}</p></li> }.into_any(),
                        None => view! {
                            <li><a href=format!("/participation/photos/{}.jpg", p.id)>
                                <img src=format!("/participation/photos/{}-vignette.jpg", p.id) loading="lazy"
                                    alt=x.get(T::PhotoAlt).replace("{n}", &(n + 1).to_string())
                                    width=thumb_side(p.width, p.height).0 height=thumb_side(p.width, p.height).1 />
                            </a>
                            {item.viewer.may_moderate.then(|| photo_tool(&x, item.summary.id, p.id))}</li>
                        }.into_any(),
                    }).collect_view()}
                </ul>
            })}
            {item.point.filter(|_| item.hidden.is_none()).map(|p| participation_map(&d, MapMode::Item(p)))}
            {support_block(&x, &item)}
            {history_block(&x, &item)}
            {item.viewer.answers_for.iter().map(|regie| answer_form(&x, &r, &item, &regie.slug, &regie.name)).collect_view()}
            {item.viewer.may_reopen.then(|| reopen_form(&x, item.summary.id))}
            {item.hidden.is_none().then(|| comments_block(&x, &r, &item, &d.flag_reasons))}
            <p class="help" id="direct-etat" aria-live="polite" data-updated=x.get(T::LiveUpdated) data-held=x.get(T::LiveHeld)></p>
            <script src="/js/direct.js" defer></script>
            {item.viewer.may_flag.then(|| flag_form(&x, &d.flag_reasons, item.summary.id, "element", item.summary.id))}
            {item.viewer.may_moderate.then(|| view! {
                <section class="moderation-tools" aria-labelledby="moderation-titre">
                    <h2 id="moderation-titre">{x.get(T::ModerateTools)}</h2>
                    {moderator_tools(&x, item.summary.id, "element", item.summary.id, item.hidden.is_some(), item.author.is_some() && !item.viewer.is_author)}
                </section>
            })}
            <p class="help"><a href=t.path(&format!("/participation/journal?qpv={}", s.qpv_code))>{x.get(T::Journal)}</a>" · "<a href=t.path("/participation/charte")>{x.get(T::Charter)}</a></p>
            <section aria-labelledby="regies-ici">
                <h2 id="regies-ici">{x.get(T::Regies)}</h2>
                {if item.regies.is_empty() {
                    view! { <p>{x.get(T::NoRegie)}</p> }.into_any()
                } else {
                    view! { <ul class="plain">{item.regies.iter().map(|r| view! { <li><a href=t.path(&format!("/regies/{}", r.slug))>{r.name.clone()}</a></li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        </article>
    }
    .into_any()
}

/// The thumbnail's size: the photo's, scaled to fit 400 px each way (as the server made it).
fn thumb_side(w: u32, h: u32) -> (u32, u32) {
    let scale = (400.0 / f64::from(w.max(1))).min(400.0 / f64::from(h.max(1))).min(1.0);
    ((f64::from(w) * scale).round() as u32, (f64::from(h) * scale).round() as u32)
}

fn support_block(x: &ParticipationTexts, item: &ItemDetail) -> impl IntoView {
    let t = use_texts();
    let id = item.summary.id;
    let count = x.get(T::Supporters).replace("{n}", &item.summary.supporters.to_string());
    let next = t.path(&format!("/participation/{id}"));
    view! {
        <section class="support-bar" id="soutien" aria-label=x.get(T::SupportButton)>
            <p id="soutiens"><strong>{count}</strong></p>
            {if !item.viewer.signed_in {
                view! { <p><a class="button" href=format!("{}?suite={}", t.path("/compte/connexion"), atlas_core::text::percent_encode(&next))>{x.get(T::SignIn)}</a>" "{x.get(T::SignInToAct)}</p> }.into_any()
            } else if item.hidden.is_some() {
                ().into_any()
            } else if item.viewer.is_author {
                view! { <p class="help">{x.get(T::AuthorFollows)}</p> }.into_any()
            } else {
                let on = !item.viewer.supports;
                view! {
                    <form method="post" action=SUPPORT_URL>
                        <input type="hidden" name="element" value=id />
                        <input type="hidden" name="soutien" value=if on { "1" } else { "0" } />
                        {language_field()}
                        <button type="submit" class=if on { "button support" } else { "button secondary" }>{x.get(if on { T::SupportButton } else { T::SupportWithdraw })}</button>
                    </form>
                    <p class="help">{x.get(if on { T::SupportPromise } else { T::Supported })}</p>
                }.into_any()
            }}
        </section>
    }
}

fn history_block(x: &ParticipationTexts, item: &ItemDetail) -> impl IntoView {
    view! {
        <section aria-labelledby="historique">
            <h2 id="historique">{x.get(T::History)}</h2>
            <ol class="history" id="historique-liste">
                <li><strong>{x.get(T::HistoryPosted)}</strong>" · "{date(item.summary.created_at)}</li>
                {item.history.iter().map(|h| {
                    let by = match &h.regie {
                        Some(regie) => x.get(T::HistoryBy).replace("{regie}", regie),
                        None => x.get(T::HistoryReopened),
                    };
                    view! {
                        <li>
                            <strong>{status_label(x, h.status)}</strong>" · "{date(h.at)}" · "{by}
                            {h.partner.as_ref().map(|p| view! { " · "{x.get(T::PartnerTo).replace("{partner}", p)} })}
                            {(!h.message.is_empty()).then(|| view! { <p>{h.message.clone()}</p> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
}

fn answer_form(x: &ParticipationTexts, r: &Refusals, item: &ItemDetail, slug: &str, name: &str) -> impl IntoView {
    let id = item.summary.id;
    let field = format!("statut-{slug}");
    let message = format!("message-{slug}");
    let partner = format!("partenaire-{slug}");
    let template = format!("modele-{slug}");
    let templates: Vec<(String, String)> = item.viewer.templates.iter().filter(|(s, _, _)| s == slug).map(|(_, t, b)| (t.clone(), b.clone())).collect();
    view! {
        <section class="answer" id="repondre" aria-labelledby=format!("repondre-{slug}")>
            <h2 id=format!("repondre-{slug}")>{x.get(T::AnswerAs).replace("{regie}", name)}</h2>
            <form method="post" action=STATUS_URL>
                <input type="hidden" name="element" value=id />
                <input type="hidden" name="regie" value=slug.to_owned() />
                {language_field()}
                <label for=field.clone()>{x.get(T::AnswerStatus)}</label>
                <select id=field.clone() name="statut" required aria-invalid=r.on(Field::Status) aria-describedby=r.on(Field::Status).map(|_| format!("{field}-erreur"))>
                    {Status::SET_BY_STAFF.iter().map(|s| view! { <option value=s.code()>{status_label(x, *s)}</option> }).collect_view()}
                </select>
                {r.next_to(Field::Status, format!("{field}-erreur"))}
                <label for=message.clone()>{x.get(T::AnswerMessage)}</label>
                <textarea id=message.clone() name="message" rows="3" maxlength="1000" aria-invalid=r.on(Field::Message) aria-describedby=r.on(Field::Message).map(|_| format!("{message}-erreur"))></textarea>
                {r.next_to(Field::Message, format!("{message}-erreur"))}
                {(!templates.is_empty()).then(|| view! {
                    <label for=template.clone()>{x.get(T::TemplateLabel)}</label>
                    <select id=template name="modele">
                        <option value="">{x.get(T::TemplateNone)}</option>
                        {templates.iter().map(|(title, text)| view! { <option value=text.clone()>{title.clone()}</option> }).collect_view()}
                    </select>
                })}
                <label for=partner.clone()>{x.get(T::AnswerPartner)}</label>
                <input id=partner.clone() name="partenaire" maxlength="200" aria-invalid=r.on(Field::Partner) aria-describedby=r.on(Field::Partner).map(|_| format!("{partner}-erreur")) />
                {r.next_to(Field::Partner, format!("{partner}-erreur"))}
                <button type="submit" class="button">{x.get(T::AnswerSubmit)}</button>
            </form>
            <details>
                <summary>{x.get(T::TemplateAdd)}</summary>
                <form method="post" action=TEMPLATE_URL>
                    <input type="hidden" name="element" value=id />
                    <input type="hidden" name="regie" value=slug.to_owned() />
                    {language_field()}
                    <label for=format!("modele-titre-{slug}")>{x.get(T::TemplateTitle)}</label>
                    <input id=format!("modele-titre-{slug}") name="titre" required minlength="3" maxlength="120" />
                    <label for=format!("modele-texte-{slug}")>{x.get(T::TemplateText)}</label>
                    <textarea id=format!("modele-texte-{slug}") name="texte" rows="3" required minlength="10" maxlength="4000"></textarea>
                    <button type="submit" class="button secondary">{x.get(T::TemplateSubmit)}</button>
                </form>
            </details>
        </section>
    }
}

fn reopen_form(x: &ParticipationTexts, id: i64) -> impl IntoView {
    view! {
        <section id="rouvrir" aria-labelledby="rouvrir-titre">
            <h2 id="rouvrir-titre">{x.get(T::Reopen)}</h2>
            <p class="help">{x.get(T::ReopenHelp)}</p>
            <form method="post" action=REOPEN_URL>
                <input type="hidden" name="element" value=id />
                {language_field()}
                <label for="rouvrir-texte">{x.get(T::CommentLabel)}</label>
                <textarea id="rouvrir-texte" name="texte" rows="3" required minlength="2" maxlength="2000"></textarea>
                <button type="submit" class="button">{x.get(T::ReopenSubmit)}</button>
            </form>
            {charter_link(x)}
        </section>
    }
}
