//! `/participation`: the national list, or a QPV's (`?qpv=`), a commune's (`?commune=`) or a
//! Régie's (`?regie=`, with its answer clock), with filters and sorts in a plain GET form.

use atlas_core::participation::clock::AnswerClock;
use atlas_core::participation::view::Sort;
use atlas_core::participation::{Category, Kind, Status};
use leptos::prelude::*;
use leptos_meta::Title;

use super::data::{participation_page, ParticipationData, Query};
use super::texts::{ParticipationTexts, T};
use super::map::{participation_map, MapMode};
use super::{category_label, item_card, kind_label, page_view, param, status_label};
use crate::i18n::use_texts;

fn query_of_url() -> Query {
    Query {
        nature: param("nature"),
        categorie: param("categorie"),
        statut: param("statut"),
        qpv: param("qpv"),
        commune: param("commune"),
        regie: param("regie"),
        tri: param("tri"),
        page: param("page"),
        ..Query::default()
    }
}

#[component]
pub fn ParticipationListPage() -> impl IntoView {
    let q = query_of_url();
    let data = Resource::new(move || q.clone(), |q| participation_page("liste".into(), 0, q));
    page_view(data, |d| list_view(d).into_any())
}

fn sort_label(x: &ParticipationTexts, sort: Sort) -> String {
    x.get(match sort {
        Sort::Recent => T::SortRecent,
        Sort::MostSupported => T::SortSupported,
        Sort::Unanswered => T::SortUnanswered,
    })
}

fn clock_view(x: &ParticipationTexts, clock: &AnswerClock) -> impl IntoView {
    view! {
        <section class="answer-clock" aria-labelledby="delai">
            <h2 id="delai">{x.get(T::ClockTitle)}</h2>
            <p id="delai-texte">{super::clock_sentence(x, use_texts().locale, clock)}</p>
        </section>
    }
}

fn list_view(d: ParticipationData) -> impl IntoView {
    let t = use_texts();
    let x = d.texts.clone();
    let heading = match (&d.qpv, &d.regie) {
        (Some((_, name)), _) => x.get(T::QpvListTitle).replace("{qpv}", name),
        (None, Some((_, name))) => x.get(T::RegieListTitle).replace("{regie}", name),
        _ => x.get(T::ListTitle),
    };
    let new_link = match &d.qpv {
        Some((code, _)) => t.path(&format!("/participation/nouveau?qpv={code}")),
        None => t.path("/participation/nouveau"),
    };
    let chosen = |name: &str, code: &str| param(name) == code;
    let select = |id: &'static str, label: String, options: Vec<(String, String)>| {
        let current = param(id);
        view! {
            <div class="field">
                <label for=format!("filtre-{id}")>{label}</label>
                <select id=format!("filtre-{id}") name=id>
                    <option value="">{x.get(T::Any)}</option>
                    {options.into_iter().map(|(code, text)| view! { <option value=code.clone() selected=current == code>{text}</option> }).collect_view()}
                </select>
            </div>
        }
    };
    let kinds = Kind::ALL.iter().map(|k| (k.code().to_owned(), kind_label(&x, *k))).collect();
    let categories = Category::ALL.iter().map(|c| (c.code().to_owned(), category_label(&x, *c))).collect();
    let statuses = Status::ALL.iter().map(|s| (s.code().to_owned(), status_label(&x, *s))).collect();
    view! {
        <Title text=heading.clone() />
        <h1>{heading}</h1>
        <p class="lead">{x.get(T::ListIntro)}</p>
        <p><a class="button" href=new_link>{x.get(T::NewLink)}</a></p>
        {d.qpv.as_ref().map(|(code, _)| {
            let feed = format!("/participation/flux/{code}.atom{}", if t.locale == crate::i18n::Locale::En { "?langue=en" } else { "" });
            view! {
                <leptos_meta::Link rel="alternate" type_="application/atom+xml" href=feed.clone() />
                <p class="help"><a href=feed>{x.get(T::Feed)}</a></p>
            }
        })}
        {d.clock.as_ref().map(|c| clock_view(&x, c))}
        <details class="filters" open=!param("nature").is_empty() || !param("categorie").is_empty() || !param("statut").is_empty()>
            <summary>{x.get(T::Filters)}</summary>
            <form method="get" action=t.path("/participation")>
                {select("nature", x.get(T::FilterKind), kinds)}
                {select("categorie", x.get(T::FilterCategory), categories)}
                {select("statut", x.get(T::FilterStatus), statuses)}
                <div class="field">
                    <label for="filtre-tri">{x.get(T::FilterSort)}</label>
                    <select id="filtre-tri" name="tri">
                        {Sort::ALL.iter().map(|s| view! { <option value=s.code() selected=chosen("tri", s.code())>{sort_label(&x, *s)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="filtre-qpv">{x.get(T::FilterQpv)}</label>
                    <input id="filtre-qpv" name="qpv" value=param("qpv") maxlength="12" autocomplete="off" />
                </div>
                <div class="field">
                    <label for="filtre-commune">{x.get(T::FilterCommune)}</label>
                    <input id="filtre-commune" name="commune" value=param("commune") maxlength="5" inputmode="numeric" autocomplete="off" />
                </div>
                {(!param("regie").is_empty()).then(|| view! { <input type="hidden" name="regie" value=param("regie") /> })}
                <button type="submit" class="button">{x.get(T::Apply)}</button>
            </form>
        </details>
        {(!d.by_status.is_empty()).then(|| view! {
            <p class="help" aria-label=x.get(T::ByStatus)>
                {d.by_status.iter().map(|(s, n)| view! { <span class=format!("badge status-{}", s.code())>{format!("{} : {n}", status_label(&x, *s))}</span>" " }).collect_view()}
            </p>
        })}
        <p id="nombre" role="status">
            {x.get(T::CountAll).replace("{n}", &d.total.to_string())}
            {(d.pages > 1).then(|| format!(" · {}", x.get(T::PageOf).replace("{page}", &d.page.to_string()).replace("{pages}", &d.pages.to_string())))}
        </p>
        {d.items.iter().any(|i| i.point.is_some()).then(|| participation_map(&d, MapMode::Items))}
        {if d.items.is_empty() {
            view! { <p>{x.get(T::NoItem)}</p> }.into_any()
        } else {
            view! { <ul class="plain cards" id="elements">{d.items.iter().map(|i| item_card(&d, i)).collect_view()}</ul> }.into_any()
        }}
        {pagination(&x, d.page, d.pages)}
    }
}

/// « Page précédente · Page suivante »: the same URL with another `page`.
fn pagination(x: &ParticipationTexts, page: usize, pages: usize) -> impl IntoView {
    let t = use_texts();
    let href = move |n: usize| {
        let mut query: Vec<(String, String)> = leptos_router::hooks::use_query_map()
            .with_untracked(|q| q.clone().into_iter().filter(|(k, v)| k != "page" && !v.is_empty()).map(|(k, v)| (k.to_string(), v)).collect());
        if n > 1 {
            query.push(("page".into(), n.to_string()));
        }
        let query: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", atlas_core::text::percent_encode(v))).collect();
        let path = t.path("/participation");
        if query.is_empty() { path } else { format!("{path}?{}", query.join("&")) }
    };
    (pages > 1).then(|| view! {
        <nav class="pagination" aria-label=x.get(T::Pagination)>
            {(page > 1).then(|| view! { <a class="button secondary" rel="prev" href=href(page.min(pages + 1) - 1)>{x.get(T::PagePrevious)}</a> })}
            " "
            {(page < pages).then(|| view! { <a class="button secondary" rel="next" href=href(page + 1)>{x.get(T::PageNext)}</a> })}
        </nav>
    })
}
