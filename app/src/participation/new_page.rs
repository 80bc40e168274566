//! `/participation/nouveau`: « Signaler ou proposer » in two short screens, each a plain form.
//! (1) what and where: the kind, the category, the QPV (carried from the page it was started
//! from); (2) the title and the text, with the open items that look the same shown first.

use atlas_core::participation::{Category, Field, Kind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{participation_page, ParticipationData, Query};
use super::forms::{CLAIM_URL, DRAFT_URL, POST_URL, SUPPORT_URL, WITHDRAW_URL};
use super::map::{participation_map, MapMode};
use super::item_page::item_view;
use super::list_page::ParticipationListPage;
use super::texts::{ParticipationTexts, T};
use super::{category_label, date, item_card, language_field, page_view, param, Refusals};
use crate::i18n::use_texts;
use crate::layout::NotFound;

/// `/participation` (the lists) and `/participation/:page`: `nouveau`, or an item's number.
#[component]
pub fn ParticipationPages() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    move || {
        // The query decides the page too (the form's step, a list's filters): a link that only
        // changes it must render the page again.
        query.track();
        pages(params.read().get("page").as_deref())
    }
}

fn pages(page: Option<&str>) -> AnyView {
    match page {
        None => view! { <ParticipationListPage /> }.into_any(),
        // The named pages share one resource and one view (each would otherwise cost the lazy
        // bundle its own copy of the loading machinery).
        Some(what @ ("nouveau" | "reclamer" | "charte" | "moderation" | "journal")) => {
            let q = Query { qpv: param("qpv"), categorie: param("categorie"), titre: param("titre"), lat: param("lat"), lon: param("lon"), ou: param("ou"), ..Query::default() };
            let what = what.to_owned();
            let data = Resource::new(move || (what.clone(), q.clone()), |(what, q)| participation_page(what, 0, q));
            page_view(data, named_page).into_any()
        }
        Some(id) => match id.parse::<i64>() {
            Ok(id) => {
                let q = Query { page: param("commentaires"), commentaire: param("commentaire"), ..Query::default() };
                let data = Resource::new(move || (id, q.clone()), |(id, q)| participation_page("element".into(), id, q));
                page_view(data, item_view).into_any()
            }
            Err(_) => view! { <NotFound /> }.into_any(),
        },
    }
}

/// The page the data was read for.
fn named_page(d: ParticipationData) -> AnyView {
    match d.what.as_str() {
        "reclamer" => claim_view(d).into_any(),
        "charte" => super::charter::charter_view(d),
        "moderation" => super::moderation_pages::queue_view(d),
        "journal" => super::moderation_pages::journal_view(d),
        _ => new_view(d).into_any(),
    }
}

fn category_options(x: &ParticipationTexts, chosen: &str) -> impl IntoView {
    let group = |label: String, kind: Kind| {
        view! {
            <optgroup label=label>
                {Category::of(kind).filter(|c| *c != Category::Autre).map(|c| view! { <option value=c.code() selected=chosen == c.code()>{category_label(x, c)}</option> }).collect_view()}
            </optgroup>
        }
    };
    view! {
        <option value="">{x.get(T::CategoryChoose)}</option>
        {group(x.get(T::CategoryProblems), Kind::Signalement)}
        {group(x.get(T::CategoryIdeas), Kind::Proposition)}
        <option value=Category::Autre.code() selected=chosen == Category::Autre.code()>{category_label(x, Category::Autre)}</option>
    }
}

fn new_view(d: ParticipationData) -> impl IntoView {
    let t = use_texts();
    let x = d.texts.clone();
    let r = Refusals::of(&d);
    let second = param("etape") == "2" && d.qpv.is_some();
    let here = format!("{}?{}", t.path("/participation/nouveau"), leptos_router::hooks::use_location().search.get_untracked());
    let sign_in = (!d.signed_in).then(|| view! {
        <p class="notice">
            {x.get(T::SignInToPost)}" "
            <a class="button" href=format!("{}?suite={}", t.path("/compte/connexion"), atlas_core::text::percent_encode(&here))>{x.get(T::SignIn)}</a>
        </p>
    });
    let place = match &d.qpv {
        Some((code, name)) => view! {
            <p id="lieu"><strong>{x.get(T::PlaceChosen).replace("{qpv}", name)}</strong>" "<span class="code">{code.clone()}</span></p>
        }.into_any(),
        None => view! {
            <p class="notice" id="lieu" aria-invalid=r.on(Field::Place)>{x.get(T::PlaceNone)}" "<a href=t.path("/autour-de-moi")>{x.get(T::PlaceFind)}</a></p>
            {commune_field(&d)}
        }.into_any(),
    };
    let choosing = d.commune_choice.as_ref().is_some_and(|c| !c.qpvs.is_empty());
    let qpv_code = d.qpv.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
    let kind = param("nature");
    let chosen_kind = if kind.is_empty() { "signalement".to_owned() } else { kind.clone() };
    view! {
        <Title text=x.get(T::NewTitle) />
        <div class="participation-form" id="formulaire">
            <h1>{x.get(T::NewTitle)}</h1>
            {sign_in}
            {r.alert(&d)}
            {draft_notice(&d, second)}
            {if !second {
                view! {
                    <h2>{x.get(T::Step1)}</h2>
                    <form method="get" action=t.path("/participation/nouveau")>
                        <input type="hidden" id="point-lat" name="lat" value=param("lat") />
                        <input type="hidden" id="point-lon" name="lon" value=param("lon") />
                        // While the commune's QPVs are offered, their radios carry `qpv` (a map's
                        // point still decides, from `lat`/`lon`).
                        <input type="hidden" id="point-qpv" name=(!choosing).then_some("qpv") value=qpv_code />
                        <fieldset aria-invalid=r.on(Field::Kind) aria-describedby=r.on(Field::Kind).map(|_| "nature-erreur")>
                            <legend>{x.get(T::KindQuestion)}</legend>
                            <label class="choice"><input type="radio" name="nature" value="signalement" checked=chosen_kind == "signalement" />" "{x.get(T::KindSignalementLong)}</label>
                            <label class="choice"><input type="radio" name="nature" value="proposition" checked=chosen_kind == "proposition" />" "{x.get(T::KindPropositionLong)}</label>
                            {r.next_to(Field::Kind, "nature-erreur")}
                        </fieldset>
                        <label for="nouveau-categorie">{x.get(T::CategoryLabel)}</label>
                        <select id="nouveau-categorie" name="categorie" required aria-invalid=r.on(Field::Category)
                            aria-describedby=r.on(Field::Category).map(|_| "categorie-erreur")>{category_options(&x, &param("categorie"))}</select>
                        {r.next_to(Field::Category, "categorie-erreur")}
                        {place}
                        {r.next_to(Field::Place, "lieu-erreur")}
                        {participation_map(&d, MapMode::Choose)}
                        <button type="submit" class="button" id="etape-suivante" name="etape" value="2" disabled=d.qpv.is_none() && !choosing>{x.get(T::Next)}</button>
                    </form>
                }.into_any()
            } else {
                second_screen(&d, &r).into_any()
            }}
        </div>
    }
}

fn second_screen(d: &ParticipationData, r: &Refusals) -> impl IntoView {
    let t = use_texts();
    let x = d.texts.clone();
    let (code, name) = d.qpv.clone().unwrap_or_default();
    let back = format!("{}?qpv={code}&nature={}&categorie={}", t.path("/participation/nouveau"), param("nature"), param("categorie"));
    // The URL's text (a refused post) first, else the draft kept on the server for this QPV.
    let kept = d.draft.as_ref().filter(|k| k.qpv.as_deref() == Some(code.as_str()) && param("titre").is_empty() && param("texte").is_empty());
    let (title, body) = match kept {
        Some(k) => (k.title.clone(), k.body.clone()),
        None => (param("titre"), param("texte")),
    };
    view! {
        <h2>{x.get(T::Step2)}</h2>
        <p>{x.get(T::PlaceChosen).replace("{qpv}", &name)}" · "<a href=back>{x.get(T::Back)}</a></p>
        {(!d.items.is_empty()).then(|| view! {
            <section class="similar" aria-labelledby="meme">
                <h3 id="meme">{x.get(T::SimilarTitle)}</h3>
                <p>{x.get(T::SimilarIntro)}</p>
                <div class="cards" id="similaires">
                    {d.items.iter().map(|i| view! {
                        <ul class="plain">{item_card(d, i)}</ul>
                        {d.signed_in.then(|| view! {
                            <form method="post" action=SUPPORT_URL>
                                <input type="hidden" name="element" value=i.id />
                                <input type="hidden" name="soutien" value="1" />
                                {language_field()}
                                <button type="submit" class="button support">{format!("{} — {}", x.get(T::SupportButton), i.title)}</button>
                            </form>
                        })}
                    }).collect_view()}
                </div>
            </section>
        })}
        {kept.filter(|_| param("brouillon") != "garde").map(|k| view! { <p class="notice ok" role="status" id="brouillon-repris">{x.get(T::DraftRestored).replace("{date}", &date(k.saved_at))}</p> })}
        {(param("brouillon") == "garde").then(|| view! { <p class="notice ok" role="status" id="brouillon-garde">{x.get(T::DraftSaved)}</p> })}
        <p class="notice ok" id="brouillon-appareil" role="status" hidden></p>
        <form method="post" action=POST_URL enctype="multipart/form-data" id="depot" data-qpv=code.clone() data-signed-in=d.signed_in.then_some("1")
            data-draft-url=DRAFT_URL data-label-device=x.get(T::DraftOnDevice) data-label-forget=x.get(T::DraftForget) data-label-shrunk=x.get(T::PhotoShrunk)>
            <input type="hidden" name="nature" value=param("nature") />
            <input type="hidden" name="categorie" value=param("categorie") />
            <input type="hidden" name="qpv" value=code.clone() />
            <input type="hidden" name="lat" value=param("lat") />
            <input type="hidden" name="lon" value=param("lon") />
            {language_field()}
            <label for="nouveau-titre">{x.get(T::TitleLabel)}</label>
            <input id="nouveau-titre" name="titre" required minlength="5" maxlength="120" value=title
                aria-describedby=r.described(Field::Title, "nouveau-titre-aide", "nouveau-titre-erreur") aria-invalid=r.on(Field::Title) />
            <p class="help" id="nouveau-titre-aide">{x.get(T::TitleHint)}</p>
            {r.next_to(Field::Title, "nouveau-titre-erreur")}
            <label for="nouveau-texte">{x.get(T::BodyLabel)}</label>
            <textarea id="nouveau-texte" name="texte" rows="6" required minlength="10" maxlength="4000"
                aria-describedby=r.described(Field::Body, "nouveau-texte-aide", "nouveau-texte-erreur") aria-invalid=r.on(Field::Body)>{crate::textarea::initial(body)}</textarea>
            <p class="help" id="nouveau-texte-aide">{x.get(T::BodyHint)}</p>
            {r.next_to(Field::Body, "nouveau-texte-erreur")}
            <fieldset aria-describedby=r.described(Field::Photo, "nouveau-photos-aide", "nouveau-photos-erreur") aria-invalid=r.on(Field::Photo)>
                <legend>{x.get(T::PhotosLabel)}</legend>
                <p class="help" id="nouveau-photos-aide">{x.get(T::PhotosHint)}</p>
                {r.next_to(Field::Photo, "nouveau-photos-erreur")}
                // One name each: the draft button sends the form urlencoded, where a repeated key is refused.
                {(1..=3).map(|n| view! {
                    <label for=format!("nouveau-photo-{n}")>{x.get(T::PhotoN).replace("{n}", &n.to_string())}</label>
                    <input id=format!("nouveau-photo-{n}") name=format!("photo{n}") type="file" accept="image/jpeg,image/png,image/webp" />
                    <p class="help photo-shrunk" id=format!("nouveau-photo-{n}-reduite") aria-live="polite"></p>
                }).collect_view()}
            </fieldset>
            <p class="help">{x.get(T::Privacy)}</p>
            {(!d.staff_regies.is_empty()).then(|| view! {
                <fieldset class="for-inhabitant">
                    <legend>{x.get(T::ForInhabitant)}</legend>
                    <p class="help">{x.get(T::ForInhabitantHelp)}</p>
                    <label class="choice"><input type="radio" name="pour_habitant" value="" checked />" "{x.get(T::ForInhabitantNo)}</label>
                    {d.staff_regies.iter().map(|(slug, name)| view! {
                        <label class="choice"><input type="radio" name="pour_habitant" value=slug.clone() />" "{x.get(T::ForInhabitantAs).replace("{regie}", name)}</label>
                    }).collect_view()}
                    <label class="choice"><input type="checkbox" name="accord" value="1" aria-invalid=r.on(Field::Consent) />" "{x.get(T::Consent)}</label>
                    {r.next_to(Field::Consent, "accord-erreur")}
                </fieldset>
            })}
            <button type="submit" class="button" disabled=!d.signed_in>{x.get(T::Submit)}</button>
            {d.signed_in.then(|| view! {
                " "<button type="submit" class="button secondary" id="garder-brouillon" formaction=DRAFT_URL formenctype="application/x-www-form-urlencoded" formnovalidate>{x.get(T::DraftSave)}</button>
            })}
        </form>
        {super::item_moderation::charter_link(&x)}
        // The draft kept on the device and the server, the photos shrunk before sending.
        <script src="/js/participation.js" defer></script>
    }
}

/// Without a QPV yet: « Commune ou code postal » (works without JavaScript and without the map),
/// then the commune's QPVs to pick from, inside the step's form.
fn commune_field(d: &ParticipationData) -> impl IntoView {
    let x = &d.texts;
    let choice = d.commune_choice.clone();
    let refusal = choice.as_ref().and_then(|c| c.refusal.clone());
    let described = if refusal.is_some() { "ou-aide ou-erreur" } else { "ou-aide" };
    view! {
        <div class="place-by-commune">
            <label for="nouveau-ou">{x.get(T::PlaceWhereLabel)}</label>
            <p class="help" id="ou-aide">{x.get(T::PlaceWhereHelp)}</p>
            <input id="nouveau-ou" name="ou" value=param("ou") maxlength="100" autocomplete="address-level2"
                aria-describedby=described aria-invalid=refusal.is_some().then_some("true") />
            {refusal.map(|m| view! { <p class="field-error" id="ou-erreur">{m}</p> })}
            // The first submit button of the form: Enter in the field searches.
            <button type="submit" class="button secondary" name="etape" value="1" id="chercher-quartiers">{x.get(T::PlaceSearch)}</button>
            {choice.filter(|c| c.refusal.is_none()).map(|c| if c.qpvs.is_empty() {
                view! { <p class="notice" id="quartiers-commune">{x.get(T::PlaceNoQpv).replace("{commune}", &c.commune)}</p> }.into_any()
            } else {
                view! {
                    <fieldset id="quartiers-commune">
                        <legend>{x.get(T::PlaceChoices).replace("{commune}", &c.commune)}</legend>
                        {c.qpvs.iter().map(|(code, name)| view! {
                            <label class="choice"><input type="radio" name="qpv" value=code.clone() />" "{name.clone()}</label>
                        }).collect_view()}
                    </fieldset>
                }.into_any()
            })}
        </div>
    }
}

/// A draft kept on the server that this screen does not show: where it is, and a link back to it.
fn draft_notice(d: &ParticipationData, second: bool) -> Option<impl IntoView> {
    let t = use_texts();
    let draft = d.draft.as_ref()?;
    let here = d.qpv.as_ref().map(|(c, _)| c.as_str());
    if second && draft.qpv.as_deref() == here {
        return None;
    }
    let qpv = draft.qpv.clone()?;
    let title = if draft.title.is_empty() { draft.body.chars().take(60).collect() } else { draft.title.clone() };
    let mut href = format!("{}?etape=2&qpv={qpv}", t.path("/participation/nouveau"));
    if let Some(k) = draft.kind {
        href.push_str(&format!("&nature={}", k.code()));
    }
    if let Some(c) = draft.category {
        href.push_str(&format!("&categorie={}", c.code()));
    }
    if let Some((lat, lon)) = draft.point {
        href.push_str(&format!("&lat={lat}&lon={lon}"));
    }
    Some(view! {
        <p class="notice" id="brouillon-ailleurs">{d.texts.get(T::DraftElsewhere).replace("{title}", &title)}" "<a href=href rel="external">{d.texts.get(T::DraftResume)}</a></p>
    })
}

/// `/participation/reclamer`: the inhabitant's code, to claim the item or have it withdrawn.
fn claim_view(d: ParticipationData) -> impl IntoView {
    let t = use_texts();
    let x = d.texts.clone();
    let r = Refusals::of(&d);
    view! {
        <Title text=x.get(T::ClaimTitle) />
        <div class="participation-form">
            <h1>{x.get(T::ClaimTitle)}</h1>
            {r.alert(&d)}
            <p>{x.get(T::ClaimIntro)}</p>
            {(!d.signed_in).then(|| view! {
                <p><a class="button secondary" href=format!("{}?suite={}", t.path("/compte/connexion"), atlas_core::text::percent_encode(&t.path("/participation/reclamer")))>{x.get(T::SignIn)}</a></p>
            })}
            <form method="post" action=CLAIM_URL>
                {language_field()}
                <label for="reclamer-code">{x.get(T::ClaimCode)}</label>
                <input id="reclamer-code" name="code" required maxlength="20" autocomplete="off" autocapitalize="characters" />
                <button type="submit" class="button" disabled=!d.signed_in>{x.get(T::ClaimSubmit)}</button>
                " "<button type="submit" class="button secondary" formaction=WITHDRAW_URL>{x.get(T::WithdrawSubmit)}</button>
            </form>
        </div>
    }
}
