//! Server functions of the Régies pages.

use atlas_core::regie::directory::{DirectoryPage, DirectoryQuery};
use atlas_core::regie::RegieDetail;
use leptos::prelude::*;

/// `None` when no Régie has this slug: the page answers 404.
#[server]
pub async fn get_regie(slug: String) -> Result<Option<RegieDetail>, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    let (atlas, actor) = (atlas()?, actor());
    let Some(mut regie) = atlas_service::regie::page(&atlas, &actor, &slug).await.map_err(fail)? else { return Ok(None) };
    // Made here, in words: the page carries no participation texts in the main bundle.
    let clock = atlas_service::participation::answer_clock(&atlas.db, &actor, &regie.slug).await.map_err(fail)?;
    let locale = crate::i18n::request_locale();
    regie.answer_clock = Some(crate::participation::clock_sentence(&crate::participation::texts::ParticipationTexts::of(locale), locale, &clock));
    // How fresh the page is, and the way in for its team (`/gestion`), in words.
    use crate::gestion::texts::{GestionTexts, T};
    let g = GestionTexts::of(locale);
    let dates = atlas_service::regie::edit::dates(&atlas.db, &actor, &regie.slug).await.map_err(fail)?;
    let day = |ms: i64| locale.date(&atlas_service::account::profile::iso_date(ms));
    let mut said: Vec<String> = dates.verified.map(|at| g.get(T::VerifiedOn).replace("{date}", &day(at))).into_iter().collect();
    said.push(match dates.updated {
        Some(at) => g.get(T::UpdatedOn).replace("{date}", &day(at)),
        None => g.get(T::NeverUpdated),
    });
    // In the source's line: no field more for the main bundle to read.
    said.insert(0, regie.source.take().map(|s| if s.ends_with('.') { s } else { format!("{s}.") }).unwrap_or_default());
    regie.source = Some(said.join(" ").trim().to_owned());
    // What its team wrote, as markup made here (see `presentation`).
    let logo = atlas_service::regie::logo::public(&atlas.db, &actor, &regie.slug).await.map_err(fail)?;
    regie.logo_html = logo.as_ref().map(super::presentation::logo);
    let news = atlas_service::regie::news::latest(&atlas.db, &actor, &regie.slug).await.map_err(fail)?;
    regie.news_html = (!news.is_empty()).then(|| super::presentation::news(&g.get(T::NewsHeading), &news, locale));
    let t = crate::i18n::texts(locale);
    regie.figures_html = Some(super::figures::key_figures(t, &regie.chiffres));
    regie.partners_html = Some(super::network::partners(t, &regie.nom, &regie.partenaires));
    Ok(Some(regie))
}

/// One page of the directory for the filters, sort and page of the URL.
#[server]
pub async fn directory(query: DirectoryQuery) -> Result<DirectoryPage, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    atlas_service::regie::directory(&atlas()?, &actor(), &query).await.map_err(fail)
}
