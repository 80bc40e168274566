//! The network adds a Régie the Atlas does not list yet (`/reseau/nouvelle-regie`). Its commune
//! comes from the postcode (the one chosen when the postcode has several), its position from the
//! form or the commune's centre. Likely duplicates are named before anything is written: the
//! same SIRET refuses it (a Régie has one entry); a similar name within a kilometre asks for a
//! confirmation. The Régie, its estimated coverage and its first version (with its author) are
//! written in one transaction, and every instance follows at once (the revision).

use atlas_core::regie::creation::{near_and_alike, NewRegie, NewRegieForm};
use atlas_core::regie::profile::Problem;
use atlas_core::text::slugify;

use super::versions;
use crate::account::store::now_ms;
use crate::db::{Backend, Database};
use crate::revision::{bump, Concept};
use crate::{store_error, Action, Actor, Code, Error};

/// A Régie of the Atlas the new one may be.
#[derive(Clone, Debug, PartialEq)]
pub struct Likely {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    /// How far it is; `None`: it has the same SIRET.
    pub metres: Option<f64>,
}

/// What the form would do now: the communes of its postcode (to choose from) and the likely
/// duplicates (to look at first).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Preview {
    /// (INSEE code, name) of each commune of the postcode, by name.
    pub communes: Vec<(String, String)>,
    pub duplicates: Vec<Likely>,
}

/// The answer to the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Created {
    /// Written: its slug.
    Regie(String),
    /// Refused with every problem of the form (422).
    Refused(Vec<Problem>),
    /// A similar name nearby: nothing written until the form is sent again with `confirmed` (409).
    Duplicates(Vec<Likely>),
    /// Proposed by someone who works there (`proposal`): waiting for the network, its number.
    Proposed(i64),
}

/// (INSEE, name, lat, lon) of a commune.
type Commune = (String, String, f64, f64);

async fn communes_of(conn: &mut sqlx::AnyConnection, postcode: &str) -> Result<Vec<Commune>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.insee, c.nom, c.lat, c.lon FROM codes_postaux cp JOIN communes c ON c.insee = cp.commune_insee WHERE cp.code = $1 ORDER BY c.nom, c.insee",
    )
    .bind(postcode)
    .fetch_all(&mut *conn)
    .await
}

/// The commune of the form: the one chosen among the postcode's, or its only one.
fn commune_of(new: &NewRegie, communes: &[Commune]) -> Result<Commune, Problem> {
    match (communes, &new.commune) {
        ([], _) => Err(Problem::PostcodeUnknown),
        (_, Some(chosen)) if communes.iter().any(|c| &c.0 == chosen) => {
            Ok(communes.iter().find(|c| &c.0 == chosen).cloned().unwrap_or_else(|| communes[0].clone()))
        }
        ([only], _) => Ok(only.clone()),
        _ => Err(Problem::CommuneChoice),
    }
}

/// The Régies that may be the new one: the same SIRET, or a similar name within a kilometre.
pub(super) async fn duplicates(conn: &mut sqlx::AnyConnection, new: &NewRegie, position: Option<(f64, f64)>) -> Result<Vec<Likely>, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>, f64, f64, String)> =
        sqlx::query_as("SELECT r.slug, r.nom, r.siret, r.lat, r.lon, c.nom FROM regies r JOIN communes c ON c.insee = r.commune_insee ORDER BY r.nom")
            .fetch_all(&mut *conn)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(slug, nom, siret, lat, lon, commune)| {
            let same_siret = new.siret.is_some() && siret == new.siret;
            let near = position.and_then(|at| near_and_alike((&new.nom, at), (&nom, (lat, lon))));
            (same_siret || near.is_some()).then(|| Likely { slug, nom, commune, metres: if same_siret { None } else { near } })
        })
        .collect())
}

/// The PostgreSQL advisory lock that serializes additions of Régies (any number, the same everywhere).
const CREATION_LOCK: i64 = 0x5245_4749_4531;

/// The communes of the typed postcode and the likely duplicates, for the form to show.
pub async fn preview(db: &Database, actor: &Actor, form: &NewRegieForm) -> Result<Preview, Error> {
    actor.authorize(Action::CreateRegie)?;
    look(db, form).await
}

/// What `preview` shows, whoever asks (the network, or a person proposing a Régie).
pub(super) async fn look(db: &Database, form: &NewRegieForm) -> Result<Preview, Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let Ok(new) = form.validate() else { return Ok(Preview::default()) };
    let communes = communes_of(&mut conn, &new.code_postal).await.map_err(store_error)?;
    let position = new.position.or_else(|| commune_of(&new, &communes).ok().map(|c| (c.2, c.3)));
    let duplicates = duplicates(&mut conn, &new, position).await.map_err(store_error)?;
    Ok(Preview { communes: communes.into_iter().map(|c| (c.0, c.1)).collect(), duplicates })
}

/// Where a checked form puts the new Régie: its commune and position.
pub(super) struct Placed {
    pub new: NewRegie,
    pub insee: String,
    pub commune: String,
    pub lat: f64,
    pub lon: f64,
}

/// Reads the form in the write transaction `tx`, after taking the lock that serializes additions:
/// the Régie placed, or the answer to give instead (the form refused, the same SIRET, or a
/// similar name nearby not `confirmed`).
pub(super) async fn place(tx: &mut sqlx::AnyConnection, backend: Backend, form: &NewRegieForm, confirmed: bool) -> Result<Result<Placed, Created>, Error> {
    let new = match form.validate() {
        Ok(new) => new,
        Err(problems) => return Ok(Err(Created::Refused(problems))),
    };
    // Two additions at once on two instances (PostgreSQL; SQLite's writer lock already holds):
    // the second waits for the first to commit, so its check for duplicates sees it. A lock of
    // its own, held to the end of the transaction, that nothing else takes.
    if backend == Backend::Postgres {
        sqlx::query("SELECT 1 FROM (SELECT pg_advisory_xact_lock($1)) AS creation_lock").bind(CREATION_LOCK).execute(&mut *tx).await.map_err(store_error)?;
    }
    let communes = communes_of(&mut *tx, &new.code_postal).await.map_err(store_error)?;
    let (insee, commune, lat, lon) = match commune_of(&new, &communes) {
        Ok(c) => c,
        Err(problem) => return Ok(Err(Created::Refused(vec![problem]))),
    };
    let (lat, lon) = new.position.unwrap_or((lat, lon));
    let likely = duplicates(&mut *tx, &new, Some((lat, lon))).await.map_err(store_error)?;
    if likely.iter().any(|l| l.metres.is_none()) {
        return Ok(Err(Created::Refused(vec![Problem::SiretTaken])));
    }
    if !likely.is_empty() && !confirmed {
        return Ok(Err(Created::Duplicates(likely)));
    }
    Ok(Ok(Placed { new, insee, commune, lat, lon }))
}

/// Adds the Régie, unless the form is refused or a likely duplicate waits for `confirmed`.
pub async fn create(db: &Database, actor: &Actor, form: &NewRegieForm, confirmed: bool) -> Result<Created, Error> {
    actor.authorize(Action::CreateRegie)?;
    if let Err(problems) = form.validate() {
        return Ok(Created::Refused(problems));
    }
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let placed = match place(&mut *tx, db.backend, form, confirmed).await? {
        Ok(placed) => placed,
        Err(answer) => return Ok(answer),
    };
    let ts = crate::db::now();
    let source = format!("Fiche ajoutée par le réseau le {}", ts.get(..10).unwrap_or(&ts));
    let (_, slug) = insert(&mut *tx, db.backend, &placed, &source, actor.account_id()).await?;
    tx.commit().await.map_err(store_error)?;
    Ok(Created::Regie(slug))
}

/// Writes the placed Régie « à vérifier », its estimated coverage and its first version (by
/// `author`), and bumps the Régies' revision: (its id, its slug).
pub(super) async fn insert(tx: &mut sqlx::AnyConnection, backend: Backend, placed: &Placed, source: &str, author: Option<i64>) -> Result<(i64, String), Error> {
    let Placed { new, insee, commune, lat, lon } = placed;
    let slug = free_slug(&mut *tx, &slugify(&format!("{} {commune}", new.nom))).await.map_err(store_error)?;
    let ts = crate::db::now();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO regies (slug, nom, siret, siren, adresse, code_postal, commune_insee, lon, lat, verification, source, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'a_verifier', $10, 1, $11, $11) RETURNING id",
    )
    .bind(&slug)
    .bind(&new.nom)
    .bind(&new.siret)
    .bind(new.siret.as_deref().map(atlas_core::siret::siren_of))
    .bind(&new.adresse)
    .bind(&new.code_postal)
    .bind(insee)
    .bind(lon)
    .bind(lat)
    .bind(source)
    .bind(&ts)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match &e {
        // On PostgreSQL another instance added the same Régie (its slug or SIRET) since the check
        // above: that is a conflict to answer (409), the form's second try names the duplicate.
        sqlx::Error::Database(d) if d.is_unique_violation() => Error::with(Code::Conflict, "regie"),
        _ => store_error(e),
    })?;
    crate::import::coverage::refresh_estimated(&mut *tx, &ts).await.map_err(store_error)?;
    let (profile, _) = versions::current(&mut *tx, id).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    versions::record(&mut *tx, id, 1, "profil", None, author, now_ms(), &profile).await.map_err(store_error)?;
    bump(&mut *tx, backend, Concept::Regies).await.map_err(store_error)?;
    tracing::info!(regie = id, %slug, "regie created");
    Ok((id, slug))
}

/// `base`, or `base-2`, `base-3`… the first no Régie has.
async fn free_slug(conn: &mut sqlx::AnyConnection, base: &str) -> Result<String, sqlx::Error> {
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM regies WHERE slug = $1 OR slug LIKE $2").bind(base).bind(format!("{base}-%")).fetch_all(&mut *conn).await?;
    let mut slug = base.to_owned();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}
