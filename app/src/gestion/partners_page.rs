//! `/gestion/<slug>/partenaires`: the Régie's partners and contracts. Each relation is a card
//! (a phone reads it without scrolling sideways) with its contracts, a form that adds one and
//! buttons that take them out. A partner is first searched by name or SIREN (a plain GET form):
//! one the Atlas has is chosen, and only when none matches does the form take a new one. Like
//! the other forms: no JavaScript needed, each refusal under its input, what was typed kept, a
//! conflict (409) shows what was saved in between.

use leptos::prelude::*;

use super::data::GestionData;
use super::partners_data::PartnerView;
use super::profile_page::{conflict_notice, field, field_with_id, Refusals};
use super::texts::T;
use super::{frame, param, sign_in_first, PARTNERS_URL};
use crate::i18n::use_texts;

/// The hidden inputs every form of the page sends.
fn hidden(d: &GestionData, version: i64, action: &'static str) -> impl IntoView {
    let t = use_texts();
    view! {
        <input type="hidden" name="regie" value=d.slug.clone() />
        <input type="hidden" name="version" value=version.to_string() />
        <input type="hidden" name="langue" value=t.locale.lang() />
        <input type="hidden" name="action" value=action />
    }
}

/// A list to choose from, its refusal under it; `blank`: a first empty choice; `id`: unique on the page.
fn select(id: String, name: &'static str, label: String, options: &[(String, String)], chosen: String, blank: Option<String>, refused: Option<String>) -> impl IntoView {
    let error_id = format!("{id}-erreur");
    let described = refused.as_ref().map(|_| error_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=described aria-invalid=refused.is_some().then_some("true")>
                {blank.map(|b| view! { <option value="">{b}</option> })}
                {options.iter().map(|(code, label)| view! { <option value=code.clone() selected=*code == chosen>{label.clone()}</option> }).collect_view()}
            </select>
            {refused.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}

pub fn partners_body(d: GestionData) -> AnyView {
    let t = use_texts();
    if !d.signed_in {
        return frame(d.texts.get(T::PartnersHeading), sign_in_first(&d));
    }
    let refusals = Refusals::of(&d);
    let version = param("version").parse::<i64>().unwrap_or(d.version);
    let notice = match param("fait").as_str() {
        "enregistre" => Some(d.texts.get(T::PartnersSaved).replace("{n}", &param("numero"))),
        "inchange" => Some(d.texts.get(T::Unchanged)),
        _ => None,
    }
    .map(|m| view! { <p class="notice ok" role="status">{m}</p> });
    // The refusals go to the form they came from: a contract's, or the one that adds a partner.
    let action = param("saisie");
    let contract_key = (action == "contrat").then(|| (param("partenaire"), param("relation")));
    let add_summary = (action != "contrat").then(|| refusals.summary(d.texts.get(T::PartnersErrors))).flatten();
    // A contract refused for a relation no card shows (taken out since): its reason at the top.
    let unmatched = contract_key.as_ref().is_some_and(|(id, rel)| !d.partners.iter().any(|p| p.partenaire.to_string() == *id && p.relation == *rel));
    let lost = unmatched.then(|| refusals.summary(d.texts.get(T::PartnersErrors))).flatten();
    let cards = if d.partners.is_empty() {
        view! { <p>{d.texts.get(T::PartnersNone)}</p> }.into_any()
    } else {
        view! {
            <ul class="partner-cards">
                {d.partners.iter().map(|p| card(&d, p, version, &refusals, contract_key.as_ref())).collect_view()}
            </ul>
        }
        .into_any()
    };
    let body = view! {
        {notice}
        {conflict_notice(&d)}
        {lost}
        <p>{d.texts.get(T::PartnersIntro)}</p>
        <p class="gestion-links">
            <a href=t.locale.path(&format!("/gestion/{}", d.slug))>{d.texts.get(T::BackToForm)}</a> " · "
            <a href=t.locale.path(&format!("/gestion/{}/historique", d.slug))>{d.texts.get(T::History)}</a> " · "
            <a href=t.locale.path(&format!("/regies/{}", d.slug))>{d.texts.get(T::PublicPage)}</a>
        </p>
        <h2>{d.texts.get(T::PartnersCurrent)}</h2>
        {cards}
        <h2 id="ajout">{d.texts.get(T::PartnerAdd)}</h2>
        {search(&d)}
        {add_summary}
        {add_form(&d, version, &refusals, action == "ajouter")}
    }
    .into_any();
    frame(format!("{} · {}", d.texts.get(T::PartnersHeading), d.name), body)
}

/// One relation: the partner (a link to its page), how they work together, its contracts.
fn card(d: &GestionData, p: &PartnerView, version: i64, refusals: &Refusals, refused_here: Option<&(String, String)>) -> impl IntoView {
    let t = use_texts();
    let key = format!("{}-{}", p.partenaire, p.relation);
    let here = refused_here.is_some_and(|(id, rel)| *id == p.partenaire.to_string() && *rel == p.relation);
    let typed = |name: &str| if here { param(name) } else { String::new() };
    let on = |name: &str| if here { refusals.on(name) } else { None };
    let partner_id = p.partenaire.to_string();
    // Each card has its contract form: its inputs are named after the card (`contrat-<id>-<relation>-objet`).
    let key = format!("contrat-{key}");
    let input = |name: &'static str, label: T, hint: Option<String>, extra| {
        field_with_id(format!("{key}-{name}"), name, d.texts.get(label), "text", typed(name), hint, on(name), extra)
    };
    let heading_id = format!("partenaire-{key}");
    view! {
        <li class="partner-card" id=format!("relation-{}-{}", p.partenaire, p.relation)>
            <h3 id=heading_id>
                <a href=t.locale.path(&format!("/partenaires/{}", p.partenaire))>{p.nom.clone()}</a>
                {p.demo.then(|| view! { " " <span class="badge demo">{d.texts.get(T::DemoLabel)}</span> })}
            </h3>
            <p>{p.about.clone()}</p>
            {(!p.contracts.is_empty()).then(|| view! {
                <ul class="contracts">
                    {p.contracts.iter().enumerate().map(|(i, c)| view! {
                        <li>
                            <span>{c.clone()}</span>
                            <form method="post" action=PARTNERS_URL>
                                {hidden(d, version, "retirer_contrat")}
                                <input type="hidden" name="partenaire" value=partner_id.clone() />
                                <input type="hidden" name="relation" value=p.relation.clone() />
                                <input type="hidden" name="contrat" value=i.to_string() />
                                <button type="submit" class="secondary" aria-label=format!("{} : {c}", d.texts.get(T::ContractRemove))>{d.texts.get(T::ContractRemove)}</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <details id=key.clone() open=here>
                <summary>{d.texts.get(T::ContractAdd)}</summary>
                <form class="profile-form" method="post" action=PARTNERS_URL novalidate>
                    {here.then(|| refusals.summary(d.texts.get(T::PartnersErrors))).flatten()}
                    {hidden(d, version, "contrat")}
                    <input type="hidden" name="partenaire" value=partner_id.clone() />
                    <input type="hidden" name="relation" value=p.relation.clone() />
                    {input("objet", T::ContractObject, None, ("off", ""))}
                    {input("montant", T::ContractAmount, None, ("off", "numeric"))}
                    {input("debut", T::ContractStart, Some(d.texts.get(T::DateHint)), ("off", ""))}
                    {input("fin", T::ContractEnd, None, ("off", ""))}
                    {select(format!("{key}-procedure"), "procedure", d.texts.get(T::ContractProcedure), &d.partner_lists.procedures, typed("procedure"), None, on("procedure"))}
                    {select(format!("{key}-activite"), "activite", d.texts.get(T::ContractActivity), &d.activities.iter().map(|(c, l, _)| (c.clone(), l.clone())).collect::<Vec<_>>(),
                        typed("activite"), Some(d.texts.get(T::NoneOption)), on("activite"))}
                    <button type="submit">{d.texts.get(T::ContractSave)}</button>
                </form>
            </details>
            <form method="post" action=PARTNERS_URL>
                {hidden(d, version, "retirer")}
                <input type="hidden" name="partenaire" value=partner_id />
                <input type="hidden" name="relation" value=p.relation.clone() />
                <button type="submit" class="secondary" aria-label=format!("{} : {}", d.texts.get(T::PartnerRemove), p.nom)>{d.texts.get(T::PartnerRemove)}</button>
            </form>
        </li>
    }
}

/// The search (a GET form on this page) and what it found, each partner to choose.
fn search(d: &GestionData) -> impl IntoView {
    let t = use_texts();
    let here = t.locale.path(&format!("/gestion/{}/partenaires", d.slug));
    let q = param("q");
    let found = d.found.as_ref().map(|found| {
        if found.is_empty() {
            return view! { <p role="status">{d.texts.get(T::PartnerNoneFound)}</p> }.into_any();
        }
        view! {
            <h3>{d.texts.get(T::PartnerFound)}</h3>
            <ul class="found-partners">
                {found.iter().map(|(id, name, about)| {
                    let href = format!("{here}?q={}&choisi={id}#ajout", atlas_core::text::percent_encode(&q));
                    view! {
                        <li><a href=href>{d.texts.get(T::PartnerChoose).replace("{name}", name)}</a> <span class="help">{about.clone()}</span></li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    });
    view! {
        <form class="search-partner" method="get" action=here role="search">
            <label for="recherche-partenaire">{d.texts.get(T::PartnerSearch)}</label>
            <p class="help" id="recherche-aide">{d.texts.get(T::PartnerSearchHint)}</p>
            <div class="search-row">
                <input id="recherche-partenaire" name="q" type="search" value=q maxlength="100" aria-describedby="recherche-aide" />
                <button type="submit">{d.texts.get(T::PartnerSearchButton)}</button>
            </div>
        </form>
        {found}
    }
}

/// The relation to add: the partner chosen in the search, or a new one; then the relation's terms.
fn add_form(d: &GestionData, version: i64, refusals: &Refusals, came_back: bool) -> impl IntoView {
    let t = use_texts();
    let typed = |name: &str| if came_back { param(name) } else { String::new() };
    let chosen_id = if came_back { param("partenaire") } else { param("choisi") };
    let chosen = d.found.iter().flatten().find(|(id, ..)| id.to_string() == chosen_id).map(|(id, name, _)| (*id, name.clone()));
    let partner = match chosen {
        Some((id, name)) => view! {
            <p class="chosen-partner"><strong>{d.texts.get(T::PartnerChosen).replace("{name}", &name)}</strong> " "
                <a href=format!("{}?q={}#ajout", t.locale.path(&format!("/gestion/{}/partenaires", d.slug)), atlas_core::text::percent_encode(&param("q")))>{d.texts.get(T::PartnerOther)}</a></p>
            <input type="hidden" name="partenaire" value=id.to_string() />
            <input type="hidden" name="q" value=param("q") />
        }
        .into_any(),
        None => view! {
            <fieldset>
                <legend>{d.texts.get(T::PartnerNew)}</legend>
                {field("partenaire_nom", d.texts.get(T::PartnerName), "text", if came_back { param("partenaire_nom") } else { param("q") },
                    None, refusals.on("partenaire_nom").or_else(|| refusals.on("recherche")), ("organization", ""))}
                {select("fiche-partenaire_nature".into(), "partenaire_nature", d.texts.get(T::PartnerKind), &d.partner_lists.kinds, typed("partenaire_nature"), Some(d.texts.get(T::NoneOption)), refusals.on("partenaire_nature"))}
                {field("siren", d.texts.get(T::PartnerSiren), "text", typed("siren"), Some(d.texts.get(T::PartnerSirenHint)), refusals.on("siren"), ("off", "numeric"))}
                {field("territoire", d.texts.get(T::PartnerTerritory), "text", typed("territoire"), None, refusals.on("territoire"), ("off", ""))}
                {field("partenaire_site", d.texts.get(T::PartnerSite), "url", typed("partenaire_site"), None, refusals.on("partenaire_site"), ("url", ""))}
            </fieldset>
        }
        .into_any(),
    };
    view! {
        <form id="ajout-partenaire" class="profile-form" method="post" action=PARTNERS_URL novalidate>
            {hidden(d, version, "ajouter")}
            {partner}
            <fieldset>
                <legend>{d.texts.get(T::RelationHeading)}</legend>
                {select("fiche-relation".into(), "relation", d.texts.get(T::RelationKind), &d.partner_lists.relations, typed("relation"), None, refusals.on("relation"))}
                {select("fiche-college".into(), "college", d.texts.get(T::RelationCollege), &d.partner_lists.colleges, typed("college"), Some(d.texts.get(T::NoneOption)), refusals.on("college"))}
                {field("depuis", d.texts.get(T::RelationSince), "text", typed("depuis"), Some(d.texts.get(T::DateHint)), refusals.on("depuis"), ("off", ""))}
                {field("jusqu_a", d.texts.get(T::RelationUntil), "text", typed("jusqu_a"), None, None, ("off", ""))}
            </fieldset>
            <button type="submit">{d.texts.get(T::PartnerSave)}</button>
        </form>
    }
}
