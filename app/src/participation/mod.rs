//! The participatory space in the browser: `/participation` (lists with filters and sorts),
//! `/participation/nouveau` (two short screens), `/participation/{id}` (an item, its history,
//! « Moi aussi », comments, the Régie's answer), and moderation: `/participation/charte`,
//! `/participation/journal?qpv=` (the public log), `/participation/moderation` (the queue).
//! Lazy routes with plain HTML forms (`forms`):
//! everything works without JavaScript, and the main bundle carries none of it.

pub mod charter;
pub mod data;
pub mod forms;
pub mod item_comments;
pub mod item_moderation;
pub mod item_page;
pub mod list_page;
pub mod map;
#[cfg(feature = "ssr")]
pub mod moderation_data;
pub mod moderation_forms;
pub mod moderation_pages;
pub mod new_page;
pub mod texts;

use atlas_core::participation::view::ItemSummary;
use atlas_core::participation::{iso_day, Category, Field, Kind, Problem, Status};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::use_texts;
use data::ParticipationData;
use texts::{ParticipationTexts, T};

pub fn kind_label(t: &ParticipationTexts, kind: Kind) -> String {
    t.get(match kind {
        Kind::Signalement => T::KindSignalement,
        Kind::Proposition => T::KindProposition,
    })
}

pub fn category_label(t: &ParticipationTexts, category: Category) -> String {
    t.get(match category {
        Category::Proprete => T::CatProprete,
        Category::Encombrants => T::CatEncombrants,
        Category::EspacesVerts => T::CatEspacesVerts,
        Category::Eclairage => T::CatEclairage,
        Category::Degradation => T::CatDegradation,
        Category::CadreDeVie => T::CatCadreDeVie,
        Category::LienSocial => T::CatLienSocial,
        Category::Emploi => T::CatEmploi,
        Category::Jardin => T::CatJardin,
        Category::FeteDeQuartier => T::CatFete,
        Category::Amenagement => T::CatAmenagement,
        Category::Autre => T::CatAutre,
    })
}

pub fn status_label(t: &ParticipationTexts, status: Status) -> String {
    t.get(match status {
        Status::Nouveau => T::StNouveau,
        Status::Recu => T::StRecu,
        Status::AEtude => T::StAEtude,
        Status::EnCours => T::StEnCours,
        Status::Realise => T::StRealise,
        Status::NonRetenu => T::StNonRetenu,
        Status::Transmis => T::StTransmis,
        Status::Rouvert => T::StRouvert,
    })
}

/// A Régie's answer clock in a sentence: the share answered within 7 days, the median first
/// answer, the number of items and the period (the list of its QPVs, and its own page).
pub fn clock_sentence(x: &ParticipationTexts, locale: crate::i18n::Locale, clock: &atlas_core::participation::clock::AnswerClock) -> String {
    let since = locale.date(&iso_day(clock.since));
    match (clock.share_percent(), clock.median_first_answer_ms) {
        (Some(share), Some(median)) => {
            let hours = median / 3_600_000;
            let median = if hours < 48 { x.get(T::Hours).replace("{n}", &hours.max(1).to_string()) } else { x.get(T::Days).replace("{n}", &(hours / 24).to_string()) };
            x.get(T::ClockLine)
                .replace("{share}", &share.to_string())
                .replace("{n}", &clock.judged.to_string())
                .replace("{median}", &median)
                .replace("{since}", &since)
                .replace("{items}", &clock.items.to_string())
        }
        _ => x.get(T::ClockNone).replace("{items}", &clock.items.to_string()).replace("{since}", &since),
    }
}

/// A date as the page's language writes it.
pub fn date(ms: i64) -> String {
    use_texts().locale.date(&iso_day(ms))
}

/// A query parameter of the page's URL.
pub fn param(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name)).unwrap_or_default()
}

/// The refusals a form came back with (`erreurs=a,b` or `erreur=c`), in words, each with the
/// field it is shown next to (none: said only at the top of the form).
pub struct Refusals {
    pub said: Vec<(Option<Field>, String)>,
}

impl Refusals {
    pub fn of(d: &ParticipationData) -> Self {
        let mut codes: Vec<String> = param("erreurs").split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
        let single = param("erreur");
        if !single.is_empty() {
            codes.push(single);
        }
        let said = codes.iter().filter_map(|c| Some((Problem::parse(c).map(Problem::field), d.message(c)?))).collect();
        Self { said }
    }

    /// All of them at the top of the form, for the screen reader to announce.
    pub fn alert(&self, d: &ParticipationData) -> impl IntoView {
        (!self.said.is_empty()).then(|| {
            view! {
                <div class="alert" role="alert">
                    <p>{d.texts.get(T::FormErrors)}</p>
                    <ul>{self.said.iter().map(|(_, m)| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }

    pub fn on(&self, field: Field) -> Option<&'static str> {
        self.said.iter().any(|(f, _)| *f == Some(field)).then_some("true")
    }

    /// The field's own message, next to it (`id`, which the field's `aria-describedby` names).
    pub fn next_to(&self, field: Field, id: impl Into<String>) -> impl IntoView {
        let id = id.into();
        let messages: Vec<String> = self.said.iter().filter(|(f, _)| *f == Some(field)).map(|(_, m)| m.clone()).collect();
        (!messages.is_empty()).then(|| view! { <p class="field-error" id=id>{messages.join(" ")}</p> })
    }

    /// `aria-describedby` of a field: its help, and its message when it has one.
    pub fn described(&self, field: Field, help: &str, error: &str) -> String {
        if self.on(field).is_some() { format!("{help} {error}") } else { help.to_owned() }
    }
}

/// The hidden field that brings the browser back to a page in the form's language.
pub fn language_field() -> impl IntoView {
    view! { <input type="hidden" name="langue" value=use_texts().locale.lang() /> }
}

/// One item as a card of a list.
pub fn item_card(d: &ParticipationData, item: &ItemSummary) -> impl IntoView {
    let t = use_texts();
    let x = &d.texts;
    let point = item.point.map(|(lat, lon)| format!("{lat:.6},{lon:.6}"));
    view! {
        <li class="card participation-card" data-point=point data-id=item.id data-status=status_label(x, item.status)>
            <p class="badges">
                <span class=format!("badge kind-{}", item.kind.code())>{kind_label(x, item.kind)}</span>" "
                <span class="badge">{category_label(x, item.category)}</span>" "
                <span class=format!("badge status-{}", item.status.code())>{status_label(x, item.status)}</span>
                {item.demo.then(|| view! { " "<span class="badge badge-warn">{x.get(T::Demo)}</span> })}
            </p>
            <h3><a class="item-link" href=t.path(&format!("/participation/{}", item.id))>{item.title.clone()}</a></h3>
            <p class="help">
                <a href=t.path(&format!("/qpv/{}", item.qpv_code))>{item.qpv_name.clone()}</a>" · "{date(item.created_at)}" · "
                {x.get(T::Supporters).replace("{n}", &item.supporters.to_string())}" · "
                {x.get(T::CommentCount).replace("{n}", &item.comments.to_string())}
            </p>
        </li>
    }
}

/// A participation page: loads its data then renders `body` (or the error).
pub fn page_view<F>(data: Resource<Result<ParticipationData, ServerFnError>>, body: F) -> impl IntoView
where
    F: Fn(ParticipationData) -> AnyView + Send + Sync + Copy + 'static,
{
    let t = use_texts();
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => body(d),
                    Err(e) => view! { <crate::error::ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A territory page's participation section, in words (made on the server: the territory pages
/// carry no participation texts in the bundle).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TerritorySummary {
    pub heading: String,
    pub lines: Vec<String>,
    pub link: Option<(String, String)>,
}

#[cfg(feature = "ssr")]
pub fn territory_summary(p: &atlas_core::participation::view::TerritoryParticipation, locale: crate::i18n::Locale, list: Option<String>) -> TerritorySummary {
    let x = ParticipationTexts::of(locale);
    let since = locale.date(&iso_day(p.clock.since));
    let mut lines = vec![x.get(T::TerritoryItems).replace("{n}", &p.items.to_string()).replace("{since}", &since)];
    if !p.by_status.is_empty() {
        let parts: Vec<String> = p.by_status.iter().map(|(s, n)| format!("{} : {n}", status_label(&x, *s))).collect();
        lines.push(format!("{} — {}", x.get(T::ByStatus), parts.join(", ")));
    }
    if !p.top_categories.is_empty() {
        let parts: Vec<String> = p.top_categories.iter().map(|(c, n)| format!("{} ({n})", category_label(&x, *c))).collect();
        lines.push(format!("{} — {}", x.get(T::TopCategories), parts.join(", ")));
    }
    if let Some(share) = p.clock.share_percent() {
        lines.push(x.get(T::TerritoryClock).replace("{share}", &share.to_string()).replace("{n}", &p.clock.judged.to_string()));
    }
    TerritorySummary { heading: x.get(T::TerritoryHeading), lines, link: list.map(|href| (href, x.get(T::TerritoryLink))) }
}
