//! /autour-de-moi: "Suis-je dans un quartier prioritaire ?" and the nearest Régies, from the
//! browser's position (button, once hydrated) or from a commune or postcode (plain GET form).
//! The URL holds the question (?lat=…&lon=… or ?q=…), so an answer can be shared and reloaded.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::{locate, LocateAnswer};
use crate::error::ErrorNotice;
use crate::figure::PageMeta;
use crate::i18n::{use_texts, Texts};

#[component]
pub fn LocatePage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let params = move || {
        let q = query.read();
        let num = |k: &str| q.get(k).and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok());
        (num("lat"), num("lon"), q.get("q"))
    };
    let answer = Resource::new(params, |(lat, lon, q)| async move {
        if lat.is_none() && q.as_deref().is_none_or(|s| s.trim().is_empty()) {
            None
        } else {
            Some(locate(lat, lon, q).await)
        }
    });
    view! {
        <PageMeta title=t.locate_title.to_owned() description=t.locate_intro.to_owned() />
        <h1>{t.locate_title}</h1>
        <p class="lead">{t.locate_intro}</p>
        <GeolocateButton />
        <form class="filter" method="get" action=t.path("/autour-de-moi")>
            <label for="lieu">{t.locate_place_label}</label>
            <input id="lieu" name="q" type="search" autocomplete="off" placeholder=t.search_placeholder
                prop:value=move || query.read().get("q").unwrap_or_default() />
            <button type="submit" class="button">{t.locate_submit}</button>
        </form>
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match answer.await {
                    None => ().into_any(),
                    Some(Ok(a)) => view! { <Answer a /> }.into_any(),
                    Some(Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Shown only once the page is interactive: without JavaScript there is no geolocation.
#[component]
fn GeolocateButton() -> impl IntoView {
    let t = use_texts();
    let (ready, set_ready) = signal(false);
    let (status, set_status) = signal(String::new());
    Effect::new(move |_| set_ready.set(true));
    let navigate = use_navigate();
    let on_click = move |_| {
        set_status.set(t.locate_in_progress.to_owned());
        let navigate = navigate.clone();
        geolocate(
            move |lat, lon| navigate(&t.path(&format!("/autour-de-moi?lat={lat:.6}&lon={lon:.6}")), Default::default()),
            move || set_status.set(t.locate_denied.to_owned()),
        );
    };
    view! {
        <Show when=move || ready.get()>
            <p>
                <button type="button" class="button" id="me-localiser" on:click=on_click.clone()>{t.locate_me}</button>
            </p>
        </Show>
        <p role="status" aria-live="polite" class="help">{move || status.get()}</p>
    }
}

#[cfg(feature = "hydrate")]
fn geolocate(found: impl Fn(f64, f64) + 'static, failed: impl Fn() + 'static) {
    use wasm_bindgen::prelude::*;
    let Some(geo) = window().navigator().geolocation().ok() else {
        failed();
        return;
    };
    let ok = Closure::once_into_js(move |pos: web_sys::Position| {
        let c = pos.coords();
        found(c.latitude(), c.longitude());
    });
    let err = Closure::once_into_js(move |_e: JsValue| failed());
    if geo.get_current_position_with_error_callback(ok.unchecked_ref(), Some(err.unchecked_ref())).is_err() {
        // The error closure was moved into JS; a synchronous failure is reported by the browser.
    }
}

#[cfg(not(feature = "hydrate"))]
fn geolocate(_found: impl Fn(f64, f64) + 'static, _failed: impl Fn() + 'static) {}

fn coverage_sentence(t: &Texts, a: &LocateAnswer) -> Option<&'static str> {
    a.located.qpv.as_ref()?;
    Some(if a.located.regies.iter().any(|r| r.couvre_ce_qpv) { t.locate_covered } else { t.locate_not_covered })
}

#[component]
fn Answer(a: LocateAnswer) -> impl IntoView {
    let t = use_texts();
    let origin = match &a.place {
        Some(p) => t.locate_from_place.replace("{place}", p),
        None => t.locate_from_point.replace("{lat}", &format!("{:.5}", a.lat)).replace("{lon}", &format!("{:.5}", a.lon)),
    };
    let coverage = coverage_sentence(t, &a);
    view! {
        <section aria-labelledby="reponse" class="card answer">
            <h2 id="reponse">{origin}</h2>
            {match a.located.qpv.clone() {
                Some(q) => view! {
                    <p id="qpv-ici" class="big">
                        {t.locate_in_qpv}" "
                        <a href=t.path(&format!("/qpv/{}", q.code))>{q.nom.clone()}</a>
                        " "<span class="code">{q.code.clone()}</span>
                    </p>
                    // Located by the phone: the point goes with the report (the QPV is found from it).
                    <p><a class="button" href=t.path(&match a.place {
                        Some(_) => format!("/participation/nouveau?qpv={}", q.code),
                        None => format!("/participation/nouveau?qpv={}&lat={:.6}&lon={:.6}", q.code, a.lat, a.lon),
                    })>{t.qpv_participate}</a></p>
                }.into_any(),
                None => view! { <p id="qpv-ici" class="big">{t.locate_no_qpv}</p> }.into_any(),
            }}
            {coverage.map(|c| view! { <p>{c}</p> })}
        </section>
        <section aria-labelledby="proches">
            <h2 id="proches">{t.locate_nearest}</h2>
            <ol class="plain nearest">
                {a.located.regies.iter().map(|r| view! {
                    <li>
                        <a href=t.path(&format!("/regies/{}", r.slug))>{r.nom.clone()}</a>
                        " "<span class="help">{format!("{} · {}", r.commune, t.locale.distance(r.distance_m))}</span>
                        {r.couvre_ce_qpv.then(|| view! { " "<span class="badge badge-ok">{t.locate_serves_here}</span> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
