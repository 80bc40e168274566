//! Territories: the coverage report of France, a région, a département, an EPCI or a commune,
//! the national figures, and the QPVs no Régie covers.

pub mod maps;
pub mod store;

use atlas_core::gap::{GapSort, QpvGap};
use atlas_core::territoire::report::{report as compute, Niveau, Scope, TerritoryReport};
use atlas_core::territoire::NationalFigures;

use crate::{store_error, Action, Actor, Atlas, Error};

/// The report of a territory from the snapshot's rows; `None` when it does not exist.
pub async fn report(atlas: &Atlas, actor: &Actor, scope: &Scope) -> Result<Option<TerritoryReport>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let snapshot = atlas.current();
    // A commune with neither QPV nor Régie is not among the snapshot's rows: read it with them.
    if scope.niveau == Niveau::Commune && !snapshot.territory.communes.contains_key(&scope.code) {
        let data = store::load(&atlas.db.pool, &scope.code).await.map_err(store_error)?;
        return Ok(compute(&data, scope));
    }
    Ok(compute(&snapshot.territory, scope))
}

/// Every figure of the home page.
pub async fn national_figures(atlas: &Atlas, actor: &Actor) -> Result<NationalFigures, Error> {
    actor.authorize(Action::ReadPublic)?;
    Ok(atlas.current().lists.national.clone())
}

/// Every uncovered QPV of the scope, sorted, and the number of QPVs in the scope.
pub async fn gaps(atlas: &Atlas, actor: &Actor, sort: GapSort, departement: Option<&str>) -> Result<(Vec<QpvGap>, usize), Error> {
    actor.authorize(Action::ReadPublic)?;
    let snapshot = atlas.current();
    let rows = &snapshot.lists.gap_rows;
    let places = &snapshot.places;
    let in_scope = |dep: &Option<String>| departement.is_none_or(|d| dep.as_deref() == Some(d));
    let total = rows.iter().filter(|r| in_scope(&r.6)).count();
    let mut gaps: Vec<QpvGap> = rows
        .iter()
        .filter(|r| r.8 == 0 && in_scope(&r.6))
        .map(|(code, nom, lat, lon, insee, commune, dep, population, _)| {
            let nearest = lat.zip(*lon).and_then(|(lat, lon)| places.locate.nearest_regie(lat, lon));
            QpvGap {
                code: code.clone(),
                nom: nom.clone(),
                commune: commune.clone().unwrap_or_default(),
                commune_insee: insee.clone().unwrap_or_default(),
                departement: dep.clone().unwrap_or_default(),
                population_commune: *population,
                regie_proche: nearest.map(|(r, _)| r.nom.clone()),
                regie_proche_slug: nearest.map(|(r, _)| r.slug.clone()),
                distance_m: nearest.map(|(_, d)| d),
            }
        })
        .collect();
    atlas_core::gap::sort(&mut gaps, sort);
    Ok((gaps, total))
}

/// Code and name of every département (filters).
pub async fn departements(atlas: &Atlas, actor: &Actor) -> Result<Vec<(String, String)>, Error> {
    actor.authorize(Action::ReadPublic)?;
    Ok(atlas.current().lists.names.departements.clone())
}
