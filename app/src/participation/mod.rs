//! The participatory space in the browser: `/participation` (lists with filters and sorts),
//! `/participation/nouveau` (two short screens), `/participation/{id}` (an item, its history,
//! « Moi aussi », comments, the Régie's answer). Lazy routes with plain HTML forms (`forms`):
//! everything works without JavaScript, and the main bundle carries none of it.

pub mod data;
pub mod forms;
pub mod item_page;
pub mod list_page;
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

/// A date as the page's language writes it.
pub fn date(ms: i64) -> String {
    use_texts().locale.date(&iso_day(ms))
}

/// A query parameter of the page's URL.
pub fn param(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name)).unwrap_or_default()
}

/// The refusals a form came back with (`erreurs=a,b` or `erreur=c`), in words, with their fields.
pub struct Refusals {
    pub messages: Vec<String>,
    pub fields: Vec<Field>,
}

impl Refusals {
    pub fn of(d: &ParticipationData) -> Self {
        let mut codes: Vec<String> = param("erreurs").split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
        let single = param("erreur");
        if !single.is_empty() {
            codes.push(single);
        }
        let messages = codes.iter().filter_map(|c| d.message(c)).collect();
        let fields = codes.iter().filter_map(|c| Problem::parse(c)).map(Problem::field).collect();
        Self { messages, fields }
    }

    pub fn alert(&self, d: &ParticipationData) -> impl IntoView {
        (!self.messages.is_empty()).then(|| {
            view! {
                <div class="alert" role="alert">
                    <p>{d.texts.get(T::FormErrors)}</p>
                    <ul>{self.messages.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }

    pub fn on(&self, field: Field) -> Option<&'static str> {
        self.fields.contains(&field).then_some("true")
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
    view! {
        <li class="card participation-card">
            <p class="badges">
                <span class=format!("badge kind-{}", item.kind.code())>{kind_label(x, item.kind)}</span>" "
                <span class="badge">{category_label(x, item.category)}</span>" "
                <span class=format!("badge status-{}", item.status.code())>{status_label(x, item.status)}</span>
                {item.demo.then(|| view! { " "<span class="badge badge-warn">{x.get(T::Demo)}</span> })}
            </p>
            <h3><a href=t.path(&format!("/participation/{}", item.id))>{item.title.clone()}</a></h3>
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
