//! `/reseau/nouvelle-regie`: the network adds a Régie the Atlas does not list yet. A plain form
//! (works without JavaScript): name, SIRET, address, postcode (then the commune when the postcode
//! has several), position (the commune's centre when left empty). When the form comes back, its
//! refusals sit next to their inputs, and the likely duplicates are listed with a link each; a
//! similar name nearby is written only once « ce n'est aucune de ces Régies » is ticked.
//! Anyone else signed in gets the same form at `/compte/nouvelle-regie` to propose the Régie they
//! work for, with a message: the network accepts or refuses it (`/reseau`).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::profile_page::{field, Refusals};
use super::{frame, param};
use crate::i18n::use_texts;

pub const CREATE_URL: &str = "/api/ecriture/reseau/regies";
/// The form's inputs, in its order (the commune apart: a choice among the postcode's).
const INPUTS: [&str; 6] = ["nom", "siret", "adresse", "code_postal", "lat", "lon"];

crate::i18n::page_texts::page_texts! {
    CreateTexts;
    Title => "Ajouter une Régie", "Add a Régie";
    Intro => "Pour une Régie que l'Atlas ne connaît pas encore. Elle apparaît aussitôt sur la carte, dans l'annuaire et la recherche, « à vérifier » ; sa fiche se complète ensuite dans sa page de gestion, et son équipe peut demander à la tenir.",
        "For a Régie the Atlas does not know yet. It shows at once on the map, in the directory and the search, « to be verified »; its entry is then completed on its management page, and its team may ask to keep it.";
    Name => "Nom", "Name";
    Siret => "SIRET (facultatif)", "SIRET (optional)";
    SiretHint => "14 chiffres : deux fiches ne peuvent pas avoir le même.", "14 digits: two entries may not have the same.";
    Address => "Adresse (facultative)", "Address (optional)";
    Postcode => "Code postal", "Postcode";
    Commune => "Commune", "Commune";
    Latitude => "Latitude (facultative)", "Latitude (optional)";
    Longitude => "Longitude (facultative)", "Longitude (optional)";
    PositionHint => "Laissée vide, l'épingle se place au centre de la commune ; elle se corrige ensuite sur la fiche.", "Left empty, the pin goes to the commune's centre; it can be corrected on the entry afterwards.";
    Create => "Ajouter la Régie", "Add the Régie";
    Errors => "La Régie n'a pas été ajoutée :", "The Régie was not added:";
    DuplicatesHeading => "Cette Régie est peut-être déjà dans l'Atlas", "This Régie may already be in the Atlas";
    DuplicatesIntro => "Regardez ces fiches avant d'en ajouter une autre : mieux vaut compléter la bonne que d'en avoir deux.", "Look at these entries before adding another: better complete the right one than have two.";
    SameSiret => "même SIRET", "same SIRET";
    Near => "nom proche, à {d}", "similar name, {d} away";
    Confirm => "Ce n'est aucune de ces Régies : l'ajouter quand même", "It is none of these Régies: add it anyway";
    NetworkAdmin => "Administration du réseau", "Network administration";
    SignInFirst => "Connectez-vous avec un compte du réseau.", "Sign in with a network account.";
    SignIn => "Se connecter", "Sign in";
    NetworkOnly => "Cette page est celle du réseau : votre compte n'y a pas accès.", "This page is the network's: your account has no access to it.";
    ProposeTitle => "Proposer une Régie", "Propose a Régie";
    ProposeIntro => "Votre Régie n'est pas dans l'Atlas ? Proposez-la : le réseau vérifie chaque proposition. Acceptée, elle apparaît sur la carte « à vérifier » et vous devenez administrateur ou administratrice de sa fiche. Vous recevez un courriel dans les deux cas.",
        "Your Régie is not in the Atlas? Propose it: the network checks every proposal. Accepted, it shows on the map « to be verified » and you become the administrator of its entry. You get an e-mail either way.";
    Message => "Votre message au réseau (facultatif)", "Your message to the network (optional)";
    MessageHint => "Votre rôle dans la Régie, ce qui aide à la reconnaître.", "Your role in the Régie, what helps to recognise it.";
    Propose => "Proposer la Régie", "Propose the Régie";
    ProposeErrors => "La proposition n'a pas été envoyée :", "The proposal was not sent:";
    ConfirmProposal => "Ce n'est aucune de ces Régies : la proposer quand même", "It is none of these Régies: propose it anyway";
    Proposed => "Merci : votre proposition est transmise au réseau. Vous recevrez un courriel quand il l'aura examinée.",
        "Thank you: your proposal went to the network. You will get an e-mail once it has looked at it.";
    AlreadyWaiting => "Votre proposition précédente attend encore le réseau : vous recevrez un courriel quand il l'aura examinée.",
        "Your previous proposal still waits for the network: you will get an e-mail once it has looked at it.";
    MyAccount => "Mon compte", "My account";
    SignInToPropose => "Connectez-vous pour proposer la Régie où vous travaillez.", "Sign in to propose the Régie you work for.";
    AtTheSameMoment => "Quelqu'un vient d'ajouter la même Régie au même moment : regardez les fiches ci-dessous avant de réessayer.",
        "Someone added the same Régie at the same moment: look at the entries below before trying again.";
}

/// A Régie of the Atlas the new one may be.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LikelyView {
    pub slug: String,
    pub name: String,
    /// Its commune and why it is listed, in words.
    pub why: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateData {
    pub texts: CreateTexts,
    pub signed_in: bool,
    pub network: bool,
    /// Signed in without the network's role: the form proposes the Régie to the network.
    pub proposal: bool,
    /// (code, input name, message) of every refusal the form may come back with.
    pub problems: Vec<(String, String, String)>,
    /// (INSEE code, name) of the typed postcode's communes.
    pub communes: Vec<(String, String)>,
    pub duplicates: Vec<LikelyView>,
}

/// The typed form's preview when it came back (`saisie`), with the communes of its postcode and
/// its likely duplicates.
#[server(endpoint = "reseau/nouvelle-regie")]
pub async fn create_page(#[server(default)] saisie: Option<atlas_core::regie::creation::NewRegieForm>, #[server(default)] langue: String) -> Result<CreateData, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    use atlas_core::account::Role;
    use atlas_core::regie::profile::Problem;
    use atlas_service::Actor;

    let locale = crate::i18n::Locale::from_lang(&langue).unwrap_or_else(crate::i18n::request_locale);
    let actor = actor();
    let mut data = CreateData { texts: CreateTexts::of(locale), ..Default::default() };
    data.signed_in = matches!(actor, Actor::Account { .. });
    data.network = actor.has(&Role::NetworkAdmin);
    data.proposal = data.signed_in && !data.network;
    if !data.signed_in {
        crate::error::set_status(401);
        return Ok(data);
    }
    data.problems = Problem::ALL.iter().map(|p| (p.code().to_owned(), p.input().to_owned(), p.message(locale))).collect();
    let Some(form) = saisie else { return Ok(data) };
    let db = &atlas()?.db;
    let preview = if data.proposal {
        atlas_service::regie::proposal::preview(db, &actor, &form).await
    } else {
        atlas_service::regie::create::preview(db, &actor, &form).await
    }
    .map_err(fail)?;
    data.communes = preview.communes;
    let t = &data.texts;
    data.duplicates = preview
        .duplicates
        .into_iter()
        .map(|l| {
            let why = match l.metres {
                None => t.get(T::SameSiret),
                Some(m) => t.get(T::Near).replace("{d}", &locale.distance(m.round() as u32)),
            };
            LikelyView { slug: l.slug, name: l.nom, why: format!("{} · {why}", l.commune) }
        })
        .collect();
    Ok(data)
}

pub fn create_view() -> AnyView {
    let t = use_texts();
    let typed = (param("saisie") == "1").then(|| atlas_core::regie::creation::NewRegieForm {
        nom: param("nom"),
        siret: param("siret"),
        adresse: param("adresse"),
        code_postal: param("code_postal"),
        commune: param("commune"),
        lat: param("lat"),
        lon: param("lon"),
    });
    let langue = t.locale.lang().to_owned();
    let data = Resource::new(move || typed.clone(), move |typed| create_page(typed, langue.clone()));
    super::rendered(data, body)
}

fn body(d: CreateData) -> AnyView {
    let t = use_texts();
    let proposal = d.proposal || (!d.signed_in && leptos_router::hooks::use_location().pathname.get_untracked().ends_with("/compte/nouvelle-regie"));
    let pick = |network: T, proposing: T| d.texts.get(if proposal { proposing } else { network });
    let title = pick(T::Title, T::ProposeTitle);
    let here = if proposal { "/compte/nouvelle-regie" } else { "/reseau/nouvelle-regie" };
    let words = [pick(T::SignInFirst, T::SignInToPropose), d.texts.get(T::SignIn), d.texts.get(T::NetworkOnly)];
    if let Some(refused) = super::network_only(d.signed_in, d.network || d.proposal, &title, words, here) {
        return refused;
    }
    let codes: Vec<String> = param("erreurs").split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
    let refused = Refusals(
        codes.iter().filter_map(|c| d.problems.iter().find(|(code, _, _)| code == c)).map(|(_, input, message)| (input.clone(), message.clone())).collect(),
    );
    let on = |input: &str| refused.on(input);
    let summary = refused.summary(pick(T::Errors, T::ProposeErrors));
    let duplicates = (!d.duplicates.is_empty()).then(|| {
        view! {
            <section id="doublons" class="alert conflict" role="alert" aria-labelledby="doublons-titre">
                <h2 id="doublons-titre">{d.texts.get(T::DuplicatesHeading)}</h2>
                <p>{d.texts.get(T::DuplicatesIntro)}</p>
                <ul>
                    {d.duplicates.iter().map(|l| view! {
                        <li><a href=t.locale.path(&format!("/regies/{}", l.slug))>{l.name.clone()}</a> " · " {l.why.clone()}</li>
                    }).collect_view()}
                </ul>
            </section>
        }
    });
    let label = |name: &str| match name {
        "nom" => T::Name,
        "siret" => T::Siret,
        "adresse" => T::Address,
        "code_postal" => T::Postcode,
        "lat" => T::Latitude,
        _ => T::Longitude,
    };
    let hint = |name: &str| match name {
        "siret" => Some(d.texts.get(T::SiretHint)),
        "lat" => Some(d.texts.get(T::PositionHint)),
        _ => None,
    };
    let mode = |name: &str| match name {
        "siret" | "code_postal" => ("off", "numeric"),
        "lat" | "lon" => ("off", "decimal"),
        "adresse" => ("street-address", ""),
        _ => ("organization", ""),
    };
    let inputs = INPUTS.iter().map(|name| field(name, d.texts.get(label(name)), "text", param(name), hint(name), on(name), mode(name))).collect_view();
    let commune_error = on("commune");
    let chosen = param("commune");
    let communes = (d.communes.len() > 1).then(|| {
        view! {
            <div class="field">
                <label for="fiche-commune">{d.texts.get(T::Commune)}</label>
                <select id="fiche-commune" name="commune" aria-invalid=commune_error.is_some().then_some("true")
                    aria-describedby=commune_error.is_some().then_some("fiche-commune-erreur")>
                    {d.communes.iter().map(|(insee, name)| view! { <option value=insee.clone() selected=*insee == chosen>{format!("{name} ({insee})")}</option> }).collect_view()}
                </select>
                {commune_error.clone().map(|m| view! { <p class="field-error" id="fiche-commune-erreur">{m}</p> })}
            </div>
        }
    });
    let confirm = (!d.duplicates.is_empty()).then(|| {
        view! {
            <p class="checkbox">
                <input type="checkbox" id="confirmer" name="confirmer" value="1" />
                <label for="confirmer">{pick(T::Confirm, T::ConfirmProposal)}</label>
            </p>
        }
    });
    let message = proposal.then(|| {
        view! {
            <div class="field">
                <label for="fiche-message">{d.texts.get(T::Message)}</label>
                <p class="help" id="fiche-message-aide">{d.texts.get(T::MessageHint)}</p>
                <textarea id="fiche-message" name="message" rows="4" maxlength="1000" aria-describedby="fiche-message-aide">{crate::textarea::initial(param("message"))}</textarea>
            </div>
        }
    });
    let (back, back_label) = if proposal { ("/compte", T::MyAccount) } else { ("/reseau", T::NetworkAdmin) };
    let conflict = pick(T::AtTheSameMoment, T::AlreadyWaiting);
    let body = view! {
        <p class="breadcrumb"><a href=t.locale.path(back)>{d.texts.get(back_label)}</a></p>
        {(param("fait") == "proposee").then(|| view! { <p class="notice ok" role="status">{d.texts.get(T::Proposed)}</p> })}
        <p>{pick(T::Intro, T::ProposeIntro)}</p>
        {duplicates}
        <form id="nouvelle" class="profile-form" method="post" action=CREATE_URL novalidate>
            {summary}
            {(param("erreur") == "conflit").then(|| view! { <div class="alert" role="alert"><p>{conflict}</p></div> })}
            <input type="hidden" name="langue" value=t.locale.lang() />
            {inputs}
            {communes}
            {message}
            {confirm}
            <button type="submit">{pick(T::Create, T::Propose)}</button>
        </form>
    }
    .into_any();
    frame(title, body)
}
