//! `/gestion/<slug>/chiffres`: a Régie's yearly key figures. The years reported are cards (a
//! phone reads them without scrolling sideways), each with its source, a link that fills the
//! form with it and a button that takes it out; the form takes one year at a time. It works
//! without JavaScript, shows each refusal next to its input, keeps what was typed, and a
//! conflict (409) shows what was saved in between, like the profile's form.

use leptos::prelude::*;

use super::data::GestionData;
use super::profile_page::{conflict_notice, field, Refusals};
use super::texts::T;
use super::{frame, param, sign_in_first, FIGURES_URL};
use crate::i18n::use_texts;

pub fn figures_body(d: GestionData) -> AnyView {
    let t = use_texts();
    if !d.signed_in {
        return frame(d.texts.get(T::FiguresHeading), sign_in_first(&d));
    }
    let refusals = Refusals::of(&d);
    let typed = param("saisie") == "1";
    let version = param("version").parse::<i64>().unwrap_or(d.version);
    // The form holds what was typed when it came back, else the year asked for (« Corriger 2024 »).
    let asked = d.figures.iter().find(|f| f.annee.to_string() == param("annee"));
    let value = |name: &str, i: Option<usize>| -> String {
        if typed {
            return param(name);
        }
        match (asked, i, name) {
            (Some(year), Some(i), _) => year.values.get(i).map(|v| v.0.clone()).unwrap_or_default(),
            (Some(year), None, "annee") => year.annee.to_string(),
            (Some(year), None, _) => year.source.clone(),
            (None, ..) => String::new(),
        }
    };
    let notice = match param("fait").as_str() {
        "enregistre" => Some(d.texts.get(T::FiguresSaved).replace("{n}", &param("numero"))),
        "inchange" => Some(d.texts.get(T::Unchanged)),
        _ => None,
    }
    .map(|m| view! { <p class="notice ok" role="status">{m}</p> });
    let summary = refusals.summary(d.texts.get(T::FiguresErrors));
    let numbers_error = refusals.on("chiffres");
    // The message goes under each input that could not be read, or under them all (none typed).
    let values: Vec<String> = d.figure_labels.iter().enumerate().map(|(i, (code, _))| value(code, Some(i))).collect();
    let unreadable: Vec<bool> = values.iter().map(|v| numbers_error.is_some() && atlas_core::regie::figures_form::count(v).is_err()).collect();
    let shared_error = numbers_error.clone().filter(|_| !unreadable.contains(&true));
    let inputs = d
        .figure_labels
        .iter()
        .zip(values)
        .zip(unreadable)
        .map(|(((code, label), typed_value), unreadable)| {
            let mark = numbers_error.clone().filter(|_| unreadable);
            field(code, label.clone(), "text", typed_value, None, mark, ("off", "numeric"))
        })
        .collect_view();
    let body = view! {
        {notice}
        {conflict_notice(&d)}
        <p>{d.texts.get(T::FiguresIntro)}</p>
        <p class="gestion-links">
            <a href=t.locale.path(&format!("/gestion/{}", d.slug))>{d.texts.get(T::BackToForm)}</a> " · "
            <a href=t.locale.path(&format!("/gestion/{}/historique", d.slug))>{d.texts.get(T::History)}</a> " · "
            <a href=t.locale.path(&format!("/regies/{}", d.slug))>{d.texts.get(T::PublicPage)}</a>
        </p>
        <h2>{d.texts.get(T::FiguresYears)}</h2>
        {years(&d, version)}
        <form id="chiffres" class="profile-form" method="post" action=FIGURES_URL novalidate>
            {summary}
            <input type="hidden" name="regie" value=d.slug.clone() />
            <input type="hidden" name="version" value=version.to_string() />
            <input type="hidden" name="langue" value=t.locale.lang() />
            <fieldset>
                <legend>{d.texts.get(T::FiguresFormHeading)}</legend>
                {field("annee", d.texts.get(T::FiguresYear), "text", value("annee", None), None, refusals.on("annee"), ("off", "numeric"))}
                <p class="help">{d.texts.get(T::FiguresHint)}</p>
                <div class="figures-inputs">{inputs}</div>
                {shared_error.map(|m| view! { <p class="field-error" id="fiche-chiffres-erreur">{m}</p> })}
                {field("source", d.texts.get(T::FiguresSource), "text", value("source", None), Some(d.texts.get(T::FiguresSourceHint)), refusals.on("source"), ("off", ""))}
            </fieldset>
            <button type="submit">{d.texts.get(T::FiguresSave)}</button>
        </form>
    }
    .into_any();
    frame(format!("{} · {}", d.texts.get(T::FiguresHeading), d.name), body)
}

/// The years reported, the newest first: each figure known, its source, « Corriger » and « Retirer ».
fn years(d: &GestionData, version: i64) -> AnyView {
    let t = use_texts();
    if d.figures.is_empty() {
        return view! { <p>{d.texts.get(T::FiguresNone)}</p> }.into_any();
    }
    view! {
        <ul class="figures-years">
            {d.figures.iter().map(|year| {
                let annee = year.annee.to_string();
                let known = d.figure_labels.iter().zip(&year.values).filter(|(_, v)| !v.1.is_empty());
                let edit = format!("{}?annee={annee}#chiffres", t.locale.path(&format!("/gestion/{}/chiffres", d.slug)));
                view! {
                    <li class="figures-year">
                        <h3>{annee.clone()}</h3>
                        <dl>
                            {known.map(|((_, label), v)| view! { <div><dt>{label.clone()}</dt><dd>{v.1.clone()}</dd></div> }).collect_view()}
                            <div><dt>{d.texts.get(T::FiguresSource)}</dt><dd>{year.source.clone()}</dd></div>
                        </dl>
                        <p class="figures-actions">
                            <a href=edit>{d.texts.get(T::FiguresEdit).replace("{year}", &annee)}</a>
                        </p>
                        <form method="post" action=FIGURES_URL>
                            <input type="hidden" name="regie" value=d.slug.clone() />
                            <input type="hidden" name="version" value=version.to_string() />
                            <input type="hidden" name="retirer" value=annee.clone() />
                            <input type="hidden" name="langue" value=t.locale.lang() />
                            <button type="submit" class="secondary">{d.texts.get(T::FiguresRemove).replace("{year}", &annee)}</button>
                        </form>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
