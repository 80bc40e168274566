//! Partners of the Régies: the national list, the page of one partner, the partnerships export.

pub mod store;

use atlas_core::geometry::{svg_figure, Shape};
use atlas_core::partner::{PartnerDetail, PartnerKind, PartnerRegie, PartnerSummary};
use atlas_core::place::SvgFigure;
use atlas_core::territoire::report::Niveau;

use crate::snapshot::Places;
use crate::{store_error, Action, Actor, Atlas, Error};

/// Every partner (of one kind when asked), most connected first.
pub async fn list(atlas: &Atlas, actor: &Actor, nature: Option<PartnerKind>) -> Result<Vec<PartnerSummary>, Error> {
    actor.authorize(Action::ReadPublic)?;
    store::list(&atlas.db.pool, nature).await.map_err(store_error)
}

/// One partner with its Régies drawn over their départements; `None` when unknown.
pub async fn page(atlas: &Atlas, actor: &Actor, id: i64) -> Result<Option<PartnerDetail>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut detail = store::detail(&atlas.db.pool, id).await.map_err(store_error)?;
    if let Some(d) = detail.as_mut() {
        d.figure = figure(&atlas.places(), &d.regies);
    }
    Ok(detail)
}

/// Every relation, one row per contract, in the import format (a spreadsheet round trip).
pub async fn export_rows(atlas: &Atlas, actor: &Actor) -> Result<Vec<[String; 16]>, Error> {
    actor.authorize(Action::ReadPublic)?;
    store::export_rows(&atlas.db.pool).await.map_err(store_error)
}

/// The départements of the partner's Régies, with a dot at each Régie.
fn figure(places: &Places, regies: &[PartnerRegie]) -> Option<SvgFigure> {
    let mut deps: Vec<&str> = regies.iter().map(|r| r.departement.as_str()).collect();
    deps.sort_unstable();
    deps.dedup();
    let layers: Vec<(&str, &str, &Shape<f64>)> =
        deps.iter().filter_map(|d| Some(("commune", *d, places.outline(Niveau::Departement, d)?))).collect();
    let points: Vec<(&str, &str, f64, f64)> = regies.iter().map(|r| ("regie-point", r.nom.as_str(), r.lon, r.lat)).collect();
    svg_figure(&layers, &points)
}
