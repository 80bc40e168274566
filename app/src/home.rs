//! The home page: national figures computed from the database.

use atlas_core::territoire::NationalFigures;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::error::ErrorNotice;
use crate::i18n::{fill, use_texts};

#[server]
pub async fn get_national_figures() -> Result<NationalFigures, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    atlas_service::territory::national_figures(&atlas()?, &actor()).await.map_err(fail)
}

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let figures = Resource::new(|| (), |_| get_national_figures());
    view! {
        <Title text="" />
        <Meta property="og:title" content="Atlas des Régies" />
        <Meta property="og:description" content=t.home_intro />
        <Meta property="og:type" content="website" />
        <Meta property="og:locale" content=t.locale.og() />
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
        </section>
        <section aria-labelledby="chiffres">
            <h2 id="chiffres">{t.figures_heading}</h2>
            <Suspense fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match figures.await {
                        Ok(f) => view! { <Figures f /> }.into_any(),
                        Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="notice" role="note">{t.data_warning}</p>
            <p><a class="button" href=t.path("/regies")>{t.see_directory}</a></p>
            <ul class="plain home-links">
                <li><a href=t.path("/territoires")>{t.home_link_territories}</a></li>
                <li><a href=t.path("/territoires/quartiers-sans-regie")>{t.gaps_title}</a></li>
                <li><a href=t.path("/partenaires")>{t.partners_page_title}</a></li>
            </ul>
        </section>
    }
}

#[component]
fn Figures(f: NationalFigures) -> impl IntoView {
    let t = use_texts();
    let cards = [
        ("fig-regies", f.regies, t.fig_regies, fill(t.fig_regies_note, t.locale.int(f.regies_a_verifier), "")),
        ("fig-qpv", f.qpv, t.fig_qpv, t.fig_qpv_note.to_owned()),
        ("fig-qpv-couverts", f.qpv_avec_regie, t.fig_qpv_covered, t.fig_qpv_covered_note.to_owned()),
        ("fig-communes", f.communes_concernees, t.fig_communes, fill(t.fig_communes_note, t.locale.int(f.communes_avec_qpv), "")),
    ];
    view! {
        <ul class="figures">
            {cards
                .into_iter()
                .map(|(id, value, label, note)| {
                    view! {
                        <li class="figure" id=id>
                            <span class="figure-value">{t.locale.int(value)}</span>
                            <span class="figure-label">{label}</span>
                            <span class="figure-note">{note}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
