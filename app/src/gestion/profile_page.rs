//! `/gestion/<slug>`: the profile form. Each field shows its own refusal under it (named by the
//! field's `aria-describedby`), all of them are listed at the top for screen readers, and a
//! form that came back holds what was typed (`saisie=1` in its URL). A conflict (409) shows the
//! versions saved in between, with their changes, above the person's own unsaved version.

use leptos::prelude::*;

use super::data::GestionData;
use super::texts::T;
use super::{frame, param, sign_in_first, version_list, PROFILE_URL, VERIFY_URL};
use crate::i18n::use_texts;

/// The refusals the form came back with: (input name or "", message).
pub(super) struct Refusals(pub(super) Vec<(String, String)>);

impl Refusals {
    pub(super) fn of(d: &GestionData) -> Self {
        let mut codes: Vec<String> = param("erreurs").split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
        let single = param("erreur");
        if !single.is_empty() && single != "conflit" {
            codes.push(single);
        }
        Self(
            codes
                .iter()
                .filter_map(|code| {
                    let field = d.problem_fields.iter().find(|(c, _)| c == code).map(|(_, f)| f.clone()).unwrap_or_default();
                    Some((field, d.message(code)?))
                })
                .collect(),
        )
    }

    /// Every refusal at the top of the form, after `heading` (« La fiche n'a pas été enregistrée : »).
    pub(super) fn summary(&self, heading: String) -> Option<impl IntoView> {
        (!self.0.is_empty()).then(|| {
            view! {
                <div class="alert" role="alert">
                    <p>{heading}</p>
                    <ul>{self.0.iter().map(|(_, m)| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }

    /// The refusals of every other input (the logo's form shows its own).
    pub(super) fn without(self, name: &str) -> Self {
        Self(self.0.into_iter().filter(|(f, _)| f != name).collect())
    }

    pub(super) fn on(&self, name: &str) -> Option<String> {
        let said: Vec<&str> = self.0.iter().filter(|(f, _)| f == name).map(|(_, m)| m.as_str()).collect();
        (!said.is_empty()).then(|| said.join(" "))
    }
}

/// One labelled input (`kind`: `text`, `tel`, `email`, `url`, or `textarea`), with its hint and
/// its refusal under it.
pub(super) fn field(
    name: &str,
    label: String,
    kind: &'static str,
    value: String,
    hint: Option<String>,
    refused: Option<String>,
    extra: (&'static str, &'static str),
) -> impl IntoView {
    field_with_id(format!("fiche-{name}"), name, label, kind, value, hint, refused, extra)
}

/// `field` with its own id: a page with the same form several times (a contract's, per partner)
/// names each input once.
#[allow(clippy::too_many_arguments)]
pub(super) fn field_with_id(
    id: String,
    name: &str,
    label: String,
    kind: &'static str,
    value: String,
    hint: Option<String>,
    refused: Option<String>,
    extra: (&'static str, &'static str),
) -> impl IntoView {
    let hint_id = format!("{id}-aide");
    let error_id = format!("{id}-erreur");
    let described = [hint.as_ref().map(|_| hint_id.clone()), refused.as_ref().map(|_| error_id.clone())].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = refused.is_some().then_some("true");
    let (autocomplete, inputmode) = extra;
    let input = if kind == "textarea" {
        view! { <textarea id=id.clone() name=name.to_owned() rows="6" maxlength="2000" aria-describedby=described aria-invalid=invalid>{crate::textarea::initial(value)}</textarea> }
            .into_any()
    } else {
        view! {
            <input id=id.clone() name=name.to_owned() type=kind value=value autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                inputmode=(!inputmode.is_empty()).then_some(inputmode) aria-describedby=described aria-invalid=invalid />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="help" id=hint_id>{h}</p> })}
            {input}
            {refused.map(|m| view! { <p class="field-error" id=error_id>{m}</p> })}
        </div>
    }
}

/// Where JavaScript runs (`/js/position.js`): the map where a tap or a dragged pin fills the
/// latitude and longitude above; hidden until then, the fields being the keyboard's way.
fn pin_map(d: &GestionData) -> impl IntoView {
    view! {
        <leptos_meta::Link rel="stylesheet" href="/vendor/leaflet/leaflet.css" />
        <div class="map-wrap pin-map" hidden>
            <div id="fiche-carte" role="region" aria-label=d.texts.get(T::PinMap) aria-describedby="epingle-aide" data-tiles=d.tiles.tiles.clone()
                data-attribution=d.tiles.attribution.clone() data-label-zoom-in=d.texts.get(T::ZoomIn) data-label-zoom-out=d.texts.get(T::ZoomOut)
                data-label-pin=d.texts.get(T::PinAlt) data-label-moved=d.texts.get(T::PinMoved)>
            </div>
            <p class="help" id="epingle-aide">{d.texts.get(T::PinHelp)}</p>
            <p id="epingle-etat" role="status"></p>
        </div>
        <script src="/js/position.js" defer></script>
    }
}

/// Where JavaScript runs (`/js/position.js`): the QPVs of its département on a map, a tap on
/// one choosing it in the list above (or, for one it covers, going to its status); hidden until
/// then, the list being the keyboard's way.
fn coverage_map(d: &GestionData) -> impl IntoView {
    view! {
        <div class="map-wrap coverage-map" hidden>
            <div id="couverture-carte" role="region" aria-label=d.texts.get(T::CoverageMap) aria-describedby="couverture-aide" data-tiles=d.tiles.tiles.clone()
                data-attribution=d.tiles.attribution.clone() data-label-zoom-in=d.texts.get(T::ZoomIn) data-label-zoom-out=d.texts.get(T::ZoomOut)
                data-label-chosen=d.texts.get(T::CoverageChosen) data-label-covered=d.texts.get(T::CoverageAlready)>
            </div>
            <p class="help" id="couverture-aide">{d.texts.get(T::CoverageMapHelp)}</p>
            <p id="couverture-etat" role="status"></p>
        </div>
    }
}

/// A conflict (409): the versions saved since the one the form started from, with their changes.
pub(super) fn conflict_notice(d: &GestionData) -> Option<impl IntoView> {
    (param("erreur") == "conflit").then(|| {
        view! {
            <section class="alert conflict" role="alert" aria-labelledby="conflit-titre">
                <h2 id="conflit-titre">{d.texts.get(T::ConflictHeading)}</h2>
                <p>{d.texts.get(T::ConflictBody).replace("{from}", &param("depuis")).replace("{now}", &d.version.to_string())}</p>
                {version_list(d, &d.versions, false)}
            </section>
        }
    })
}

pub fn profile_body(d: GestionData) -> AnyView {
    let t = use_texts();
    if !d.signed_in {
        return frame(d.texts.get(T::Title), sign_in_first(&d));
    }
    if let Some(waiting) = d.claim {
        return frame(d.name.clone(), super::network_page::claim_body(&d, waiting));
    }
    let refusals = Refusals::of(&d);
    let typed = param("saisie") == "1";
    // What the form shows: what was typed when it came back, else the stored profile.
    let value = |name: &str| {
        if typed {
            param(name)
        } else {
            d.fields.iter().find(|f| f.name == name).map(|f| f.value.clone()).unwrap_or_default()
        }
    };
    let label = |name: &str| d.fields.iter().find(|f| f.name == name).map(|f| f.label.clone()).unwrap_or_default();
    let chosen: Vec<String> = if typed {
        leptos_router::hooks::use_query_map().with_untracked(|q| q.get_all("activite")).unwrap_or_default()
    } else {
        d.activities.iter().filter(|(_, _, on)| *on).map(|(c, _, _)| c.clone()).collect()
    };
    // The version the form is sent with: the one it came back with, else the stored one.
    let version = param("version").parse::<i64>().unwrap_or(d.version);
    let notice = match param("fait").as_str() {
        "enregistre" => Some(d.texts.get(T::Saved).replace("{n}", &param("numero"))),
        "verifiee" => Some(d.texts.get(T::Verified).replace("{n}", &param("numero"))),
        "creee" => Some(d.texts.get(T::CreatedNotice)),
        "inchange" => Some(d.texts.get(T::Unchanged)),
        "logo" => Some(d.texts.get(T::LogoSaved)),
        "logo-retire" => Some(d.texts.get(T::LogoRemoved)),
        _ => None,
    }
    .map(|m| view! { <p class="notice ok" role="status">{m}</p> });
    let conflict = conflict_notice(&d);
    let logo_error = refusals.on("logo");
    let refusals = refusals.without("logo");
    let summary = refusals.summary(d.texts.get(T::FormErrors));
    let text = |name: &'static str, kind: &'static str, hint: Option<T>, extra: (&'static str, &'static str)| {
        field(name, label(name), kind, value(name), hint.map(|h| d.texts.get(h)), refusals.on(name), extra)
    };
    let position_error = refusals.on("lat");
    let activities_error = refusals.on("activite");
    let activities_described = activities_error.as_ref().map(|_| "fiche-activite-erreur");
    let public = t.locale.path(&format!("/regies/{}", d.slug));
    let history = t.locale.path(&format!("/gestion/{}/historique", d.slug));
    let figures = t.locale.path(&format!("/gestion/{}/chiffres", d.slug));
    let partners = t.locale.path(&format!("/gestion/{}/partenaires", d.slug));
    let news = t.locale.path(&format!("/gestion/{}/actualites", d.slug));
    let version_line = if d.version == 0 { d.texts.get(T::NeverEdited) } else { d.texts.get(T::VersionNow).replace("{n}", &d.version.to_string()) };
    let body = view! {
        {notice}
        {conflict}
        <p>{d.texts.get(T::Intro)}</p>
        <p class="gestion-links">{version_line} " · " <a href=history>{d.texts.get(T::History)}</a> " · " <a href=figures>{d.texts.get(T::FiguresLink)}</a> " · "
            <a href=partners>{d.texts.get(T::PartnersLink)}</a> " · " <a href=news>{d.texts.get(T::NewsLink)}</a> " · " <a href=public>{d.texts.get(T::PublicPage)}</a></p>
        {super::daily_work::daily_work(&d, t)}
        <form id="profil" class="profile-form" method="post" action=PROFILE_URL novalidate>
            {summary}
            <input type="hidden" name="regie" value=d.slug.clone() />
            <input type="hidden" name="version" value=version.to_string() />
            <input type="hidden" name="langue" value=t.locale.lang() />
            <fieldset>
                <legend>{d.texts.get(T::Identity)}</legend>
                {text("nom", "text", None, ("organization", ""))}
                {text("siret", "text", Some(T::SiretHint), ("", "numeric"))}
                {text("date_creation", "text", Some(T::DateHint), ("", ""))}
                {text("date_adhesion", "text", Some(T::DateHint), ("", ""))}
            </fieldset>
            <fieldset>
                <legend>{d.texts.get(T::Contact)}</legend>
                {text("telephone", "tel", Some(T::PhoneHint), ("tel", "tel"))}
                {text("courriel", "email", None, ("email", "email"))}
                {text("site_web", "url", Some(T::WebsiteHint), ("url", "url"))}
            </fieldset>
            <fieldset>
                <legend>{d.texts.get(T::Place)}</legend>
                {text("adresse", "text", None, ("street-address", ""))}
                <p class="help" id="fiche-position-aide">{d.texts.get(T::PlaceHint)}</p>
                <div class="position">
                    {field("lat", d.texts.get(T::Latitude), "text", value("lat"), None, position_error, ("", "decimal"))}
                    {field("lon", d.texts.get(T::Longitude), "text", value("lon"), None, None, ("", "decimal"))}
                </div>
                {pin_map(&d)}
            </fieldset>
            <fieldset aria-describedby=activities_described>
                <legend>{d.texts.get(T::Activities)}</legend>
                <ul class="checkboxes">
                    {d.activities.iter().map(|(code, name, _)| {
                        let id = format!("fiche-activite-{code}");
                        view! {
                            <li>
                                <input type="checkbox" id=id.clone() name="activite" value=code.clone() checked=chosen.contains(code) />
                                <label for=id>{name.clone()}</label>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {activities_error.map(|m| view! { <p class="field-error" id="fiche-activite-erreur">{m}</p> })}
            </fieldset>
            {field("description", label("description"), "textarea", value("description"), Some(d.texts.get(T::DescriptionHint)), refusals.on("description"), ("", ""))}
            {coverage_fieldset(&d, typed, refusals.on("couverture"))}
            <button type="submit">{d.texts.get(T::Save)}</button>
        </form>
        {super::logo_form::logo_section(&d, logo_error)}
        {d.network.then(|| view! {
            <section class="account-section" aria-labelledby="verification">
                <h2 id="verification">{d.texts.get(T::VerifyHeading)}</h2>
                <form method="post" action=VERIFY_URL>
                    <input type="hidden" name="regie" value=d.slug.clone() />
                    <input type="hidden" name="langue" value=t.locale.lang() />
                    <button type="submit" class="button secondary">{d.texts.get(T::VerifyButton)}</button>
                </form>
            </section>
        })}
    }
    .into_any();
    frame(format!("{} · {}", d.texts.get(T::ProfileHeading), d.name), body)
}

/// The QPVs it covers, each with its status (or « ne couvre pas ») and a note; then one more to
/// add from its département. Names: `statut_<code>`, `note_<code>`, `ajout_qpv`, `ajout_statut`.
fn coverage_fieldset(d: &GestionData, typed: bool, refused: Option<String>) -> impl IntoView {
    let invalid = refused.is_some().then_some("true");
    let described = refused.as_ref().map(|_| "fiche-couverture-erreur");
    let options = |current: &str| {
        let mut list: Vec<(String, String)> =
            d.statuses.iter().filter(|(code, _)| d.network || code != "confirmee" || current == "confirmee").cloned().collect();
        list.push((atlas_core::regie::profile::REMOVE.to_owned(), d.texts.get(T::Remove)));
        list.into_iter().map(|(code, label)| view! { <option value=code.clone() selected=code == current>{label}</option> }).collect_view()
    };
    let kept = |name: String, stored: &str| {
        if typed {
            param(&name)
        } else {
            stored.to_owned()
        }
    };
    view! {
        <fieldset id="couverture" aria-describedby=described>
            <legend>{d.texts.get(T::Coverage)}</legend>
            <p class="help">{d.texts.get(T::CoverageHint)}</p>
            {d.coverage.is_empty().then(|| view! { <p>{d.texts.get(T::CoverageNone)}</p> })}
            <ul class="coverage-rows">
                {d.coverage.iter().map(|(code, name, statut, note)| {
                    let current = kept(format!("statut_{code}"), statut);
                    view! {
                        <li>
                            <p class="qpv-name">{name.clone()} " " <span class="code">{code.clone()}</span></p>
                            <label for=format!("statut-{code}")>{d.texts.get(T::Status)}</label>
                            <select id=format!("statut-{code}") name=format!("statut_{code}") aria-invalid=invalid>{options(&current)}</select>
                            <label for=format!("note-{code}")>{d.texts.get(T::Note)}</label>
                            <input id=format!("note-{code}") name=format!("note_{code}") type="text" maxlength="300" value=kept(format!("note_{code}"), note) />
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(!d.candidates.is_empty()).then(|| {
                let chosen = if typed { param("ajout_qpv") } else { String::new() };
                view! {
                    <label for="ajout-qpv">{d.texts.get(T::AddQpv)}</label>
                    <select id="ajout-qpv" name="ajout_qpv" aria-invalid=invalid>
                        <option value="">{d.texts.get(T::AddNone)}</option>
                        {d.candidates.iter().map(|(code, name)| view! { <option value=code.clone() selected=*code == chosen>{format!("{name} ({code})")}</option> }).collect_view()}
                    </select>
                    <input type="hidden" name="ajout_statut" value="declaree" />
                    {coverage_map(d)}
                }
            })}
            {refused.map(|m| view! { <p class="field-error" id="fiche-couverture-erreur">{m}</p> })}
        </fieldset>
    }
}
