//! `/reseau/journal`: the network's audit log, filtered by Régie, person and kind of change
//! (a plain GET form: works without JavaScript), each change with its author, date and a
//! before/after table; the same selection as CSV.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::audit_texts::{AuditTexts, T};
use super::{frame, param};
use crate::i18n::use_texts;

/// The most recent changes shown on the page (the CSV has them all).
pub const SHOWN: usize = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntryView {
    pub regie_slug: String,
    pub regie_name: String,
    pub kind: String,
    pub byline: String,
    pub changes: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditData {
    pub texts: AuditTexts,
    pub signed_in: bool,
    pub network: bool,
    pub total: usize,
    pub entries: Vec<EntryView>,
    /// (value, label) of each filter's choices.
    pub regies: Vec<(String, String)>,
    pub people: Vec<String>,
    pub kinds: Vec<(String, String)>,
}

#[server(endpoint = "reseau/journal")]
pub async fn audit_page(
    #[server(default)] regie: String,
    #[server(default)] personne: String,
    #[server(default)] kind: String,
    #[server(default)] langue: String,
) -> Result<AuditData, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    use atlas_core::account::Role;
    use atlas_core::regie::audit::AuditKind;
    use atlas_service::regie::audit::{log, Filter};
    use atlas_service::Actor;

    let locale = crate::i18n::Locale::from_lang(&langue).unwrap_or_else(crate::i18n::request_locale);
    let actor = actor();
    let mut data = AuditData { texts: AuditTexts::of(locale), ..Default::default() };
    data.signed_in = matches!(actor, Actor::Account { .. });
    data.network = actor.has(&Role::NetworkAdmin);
    if !data.signed_in || !data.network {
        crate::error::set_status(if data.signed_in { 403 } else { 401 });
        return Ok(data);
    }
    let filter = Filter { regie, person: personne, kind };
    let found = log(&atlas()?.db, &actor, &filter, locale).await.map_err(fail)?;
    let t = &data.texts;
    let or_empty = |s: String| if s.is_empty() { t.get(T::Empty) } else { s };
    data.total = found.entries.len();
    data.entries = found
        .entries
        .into_iter()
        .take(SHOWN)
        .map(|e| {
            let who = e.author.map(|a| format!("« {a} »")).unwrap_or_else(|| t.get(T::Nobody));
            let when = locale.date(&atlas_service::account::profile::iso_date(e.at));
            EntryView {
                regie_slug: e.regie_slug,
                regie_name: e.regie_name,
                kind: e.kind.label(locale).to_owned(),
                byline: t.get(T::ByOn).replace("{who}", &who).replace("{date}", &when),
                changes: e.changes.into_iter().map(|(f, b, a)| (f, or_empty(b), or_empty(a))).collect(),
            }
        })
        .collect();
    data.regies = found.regies;
    data.people = found.people;
    data.kinds = AuditKind::ALL.iter().map(|k| (k.code().to_owned(), k.label(locale).to_owned())).collect();
    Ok(data)
}

pub fn audit_view() -> AnyView {
    let t = use_texts();
    let (regie, personne, kind) = (param("regie"), param("personne"), param("type"));
    let langue = t.locale.lang().to_owned();
    let data = Resource::new(
        move || (regie.clone(), personne.clone(), kind.clone()),
        move |(regie, personne, kind)| audit_page(regie, personne, kind, langue.clone()),
    );
    super::rendered(data, body)
}

/// A filter's `<select>`: « Toutes » first, the current choice selected.
fn select(id: &'static str, label: String, all: String, choices: Vec<(String, String)>, current: String) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id name=id>
                <option value="">{all}</option>
                {choices.into_iter().map(|(value, text)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

fn body(d: AuditData) -> AnyView {
    let t = use_texts();
    let title = d.texts.get(T::Title);
    if let Some(refused) = super::network_only(d.signed_in, d.network, &title, [d.texts.get(T::SignInFirst), d.texts.get(T::SignIn), d.texts.get(T::NetworkOnly)], "/reseau/journal") {
        return refused;
    }
    let (regie, personne, kind) = (param("regie"), param("personne"), param("type"));
    let enc = atlas_core::text::percent_encode;
    let csv = format!("/reseau/journal.csv?regie={}&personne={}&type={}&langue={}", enc(&regie), enc(&personne), enc(&kind), t.locale.lang());
    let people: Vec<(String, String)> = d.people.iter().map(|p| (p.clone(), p.clone())).collect();
    let count = d.texts.get(T::Count).replace("{n}", &d.total.to_string());
    let body = view! {
        <p class="breadcrumb"><a href=t.locale.path("/reseau")>{d.texts.get(T::NetworkAdmin)}</a></p>
        <p>{d.texts.get(T::Intro)}</p>
        <form method="get" action=t.locale.path("/reseau/journal") class="profile-form audit-filters">
            {select("regie", d.texts.get(T::Regie), d.texts.get(T::All), d.regies.clone(), regie)}
            {select("personne", d.texts.get(T::Person), d.texts.get(T::All), people, personne)}
            {select("type", d.texts.get(T::Kind), d.texts.get(T::All), d.kinds.clone(), kind)}
            <button type="submit">{d.texts.get(T::Filter)}</button>
        </form>
        <p><a class="button secondary" href=csv download="journal-des-regies.csv">{d.texts.get(T::Csv)}</a></p>
        <p role="status">{count} {(d.total > SHOWN).then(|| format!(" · {}", d.texts.get(T::Shown).replace("{n}", &SHOWN.to_string())))}</p>
        {d.entries.is_empty().then(|| view! { <p>{d.texts.get(T::None)}</p> })}
        <ol class="versions audit">
            {d.entries.iter().map(|e| view! {
                <li class="version">
                    <h2><a href=t.locale.path(&format!("/regies/{}", e.regie_slug))>{e.regie_name.clone()}</a> " · " {e.kind.clone()}</h2>
                    <p class="byline">{e.byline.clone()}</p>
                    {(!e.changes.is_empty()).then(|| view! {
                        <table class="diff">
                            <thead><tr><th scope="col">{d.texts.get(T::Field)}</th><th scope="col">{d.texts.get(T::Before)}</th><th scope="col">{d.texts.get(T::After)}</th></tr></thead>
                            <tbody>
                                {e.changes.iter().map(|(field, before, after)| view! {
                                    <tr><th scope="row">{field.clone()}</th><td><del>{before.clone()}</del></td><td><ins>{after.clone()}</ins></td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any();
    frame(title, body)
}
