//! What the directory, the home page and the list of QPVs without a Régie show, read once per
//! snapshot instead of on every request: a few hundred Régies, the names of régions and
//! départements, the national figures, one row per QPV.

use atlas_core::regie::directory::TerritoryNames;
use atlas_core::regie::RegieSummary;
use atlas_core::territoire::NationalFigures;
use sqlx::AnyPool;

use crate::territory::store::GapRow;

pub struct Lists {
    /// Every Régie as the directory lists it.
    pub regies: Vec<RegieSummary>,
    /// Régions by name, départements by code (the filters, the département list).
    pub names: TerritoryNames,
    pub national: NationalFigures,
    /// Every QPV with what the list of QPVs without a Régie needs.
    pub gap_rows: Vec<GapRow>,
}

pub async fn load(pool: &AnyPool) -> Result<Lists, sqlx::Error> {
    Ok(Lists {
        regies: crate::regie::store::list(pool).await?,
        names: crate::regie::store::territory_names(pool).await?,
        national: crate::territory::store::national_figures(pool).await?,
        gap_rows: crate::territory::store::gap_rows(pool).await?,
    })
}
