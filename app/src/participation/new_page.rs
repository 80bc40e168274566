//! `/participation/nouveau`: « Signaler ou proposer » in two short screens, each a plain form.
//! (1) what and where: the kind, the category, the QPV (carried from the page it was started
//! from); (2) the title and the text, with the open items that look the same shown first.

use atlas_core::participation::{Category, Field, Kind};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::data::{participation_page, ParticipationData, Query};
use super::forms::{CLAIM_URL, POST_URL, SUPPORT_URL, WITHDRAW_URL};
use super::item_page::item_view;
use super::list_page::ParticipationListPage;
use super::texts::{ParticipationTexts, T};
use super::{category_label, item_card, language_field, page_view, param, Refusals};
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
        Some("reclamer") => {
            let data = Resource::new(|| (), |_| participation_page("reclamer".into(), 0, Query::default()));
            page_view(data, |d| claim_view(d).into_any()).into_any()
        }
        Some("nouveau") => {
            let q = Query { qpv: param("qpv"), categorie: param("categorie"), titre: param("titre"), lat: param("lat"), lon: param("lon"), ..Query::default() };
            let data = Resource::new(move || q.clone(), |q| participation_page("nouveau".into(), 0, q));
            page_view(data, |d| new_view(d).into_any()).into_any()
        }
        Some(id) => match id.parse::<i64>() {
            Ok(id) => {
                let data = Resource::new(move || id, |id| participation_page("element".into(), id, Query::default()));
                page_view(data, item_view).into_any()
            }
            Err(_) => view! { <NotFound /> }.into_any(),
        },
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
            <p><strong>{x.get(T::PlaceChosen).replace("{qpv}", name)}</strong>" "<span class="code">{code.clone()}</span></p>
            <input type="hidden" name="qpv" value=code.clone() />
        }.into_any(),
        None => view! {
            <p class="notice" aria-invalid=r.on(Field::Place)>{x.get(T::PlaceNone)}" "<a href=t.path("/autour-de-moi")>{x.get(T::PlaceFind)}</a></p>
        }.into_any(),
    };
    let kind = param("nature");
    let chosen_kind = if kind.is_empty() { "signalement".to_owned() } else { kind.clone() };
    view! {
        <Title text=x.get(T::NewTitle) />
        <div class="participation-form" id="formulaire">
            <h1>{x.get(T::NewTitle)}</h1>
            {sign_in}
            {r.alert(&d)}
            {if !second {
                view! {
                    <h2>{x.get(T::Step1)}</h2>
                    <form method="get" action=t.path("/participation/nouveau")>
                        <input type="hidden" name="etape" value="2" />
                        {(!param("lat").is_empty()).then(|| view! {
                            <input type="hidden" name="lat" value=param("lat") />
                            <input type="hidden" name="lon" value=param("lon") />
                        })}
                        <fieldset aria-invalid=r.on(Field::Kind)>
                            <legend>{x.get(T::KindQuestion)}</legend>
                            <label class="choice"><input type="radio" name="nature" value="signalement" checked=chosen_kind == "signalement" />" "{x.get(T::KindSignalementLong)}</label>
                            <label class="choice"><input type="radio" name="nature" value="proposition" checked=chosen_kind == "proposition" />" "{x.get(T::KindPropositionLong)}</label>
                        </fieldset>
                        <label for="nouveau-categorie">{x.get(T::CategoryLabel)}</label>
                        <select id="nouveau-categorie" name="categorie" required aria-invalid=r.on(Field::Category)>{category_options(&x, &param("categorie"))}</select>
                        {place}
                        <button type="submit" class="button" disabled=d.qpv.is_none()>{x.get(T::Next)}</button>
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
        <form method="post" action=POST_URL enctype="multipart/form-data">
            <input type="hidden" name="nature" value=param("nature") />
            <input type="hidden" name="categorie" value=param("categorie") />
            <input type="hidden" name="qpv" value=code />
            <input type="hidden" name="lat" value=param("lat") />
            <input type="hidden" name="lon" value=param("lon") />
            {language_field()}
            <label for="nouveau-titre">{x.get(T::TitleLabel)}</label>
            <input id="nouveau-titre" name="titre" required minlength="5" maxlength="120" value=param("titre")
                aria-describedby="nouveau-titre-aide" aria-invalid=r.on(Field::Title) />
            <p class="help" id="nouveau-titre-aide">{x.get(T::TitleHint)}</p>
            <label for="nouveau-texte">{x.get(T::BodyLabel)}</label>
            <textarea id="nouveau-texte" name="texte" rows="6" required minlength="10" maxlength="4000"
                aria-describedby="nouveau-texte-aide" aria-invalid=r.on(Field::Body)>{crate::textarea::initial(param("texte"))}</textarea>
            <p class="help" id="nouveau-texte-aide">{x.get(T::BodyHint)}</p>
            <fieldset aria-describedby="nouveau-photos-aide" aria-invalid=r.on(Field::Photo)>
                <legend>{x.get(T::PhotosLabel)}</legend>
                <p class="help" id="nouveau-photos-aide">{x.get(T::PhotosHint)}</p>
                {(1..=3).map(|n| view! {
                    <label for=format!("nouveau-photo-{n}")>{x.get(T::PhotoN).replace("{n}", &n.to_string())}</label>
                    <input id=format!("nouveau-photo-{n}") name="photo" type="file" accept="image/jpeg,image/png,image/webp" />
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
                </fieldset>
            })}
            <button type="submit" class="button" disabled=!d.signed_in>{x.get(T::Submit)}</button>
        </form>
    }
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
