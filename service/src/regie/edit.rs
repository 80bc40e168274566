//! A Régie's team keeps its page true (`/gestion`): the profile form, its versions, and the
//! restore of any of them. Every change is a version with its author and time, written in one
//! transaction with the profile; an edit names the version it started from, so that two people
//! editing at once never overwrite each other silently (the second gets 409 and both versions).

use atlas_core::coverage::CoverageStatus;
use atlas_core::regie::figures_form::{self, FiguresForm};
use atlas_core::regie::profile::{Problem, Profile, ProfileForm};

use super::versions::{self, Version};
use crate::account::store::now_ms;
use crate::db::Database;
use crate::revision::{bump, Concept};
use crate::{store_error, Action, Actor, Code, Error};

/// A profile open for editing.
#[derive(Clone, Debug, PartialEq)]
pub struct Editable {
    pub slug: String,
    pub profile: Profile,
    /// The version the form starts from (sent back with it).
    pub version: i64,
}

/// The answer to a profile form.
#[derive(Clone, Debug, PartialEq)]
pub enum Saved {
    /// Written as this version.
    Version(i64),
    /// The form changed nothing: no version is made.
    Unchanged(i64),
    /// Refused with every problem of the form (422).
    Refused(Vec<Problem>),
}

/// Authorizes `actor` to edit the Régie of `slug` and answers its id. An unknown Régie is named
/// only to those who may edit some Régie by its address (the network, the operator).
pub(super) async fn editable_regie(db: &Database, actor: &Actor, slug: &str) -> Result<i64, Error> {
    let found = if slug.len() > 200 { None } else { crate::account::store::regie_id(db, slug).await.map_err(store_error)? };
    actor.authorize(Action::EditRegie { regie: found.unwrap_or(-1) })?;
    found.ok_or_else(|| Error::new(Code::UnknownRegie))
}

/// The Régie's profile as it stands, to fill the form.
pub async fn open(db: &Database, actor: &Actor, slug: &str) -> Result<Editable, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let (profile, version) = versions::current(&mut conn, regie).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    Ok(Editable { slug: slug.to_owned(), profile, version })
}

/// The Régies whose pages the actor keeps: (slug, name), by name.
pub async fn mine(db: &Database, actor: &Actor) -> Result<Vec<(String, String)>, Error> {
    actor.authorize(Action::ManageOwnAccount)?;
    let mut out = Vec::new();
    for regie in actor.staff_regies() {
        let row: Option<(String, String)> =
            sqlx::query_as("SELECT slug, nom FROM regies WHERE id = $1").bind(regie).fetch_optional(&db.pool).await.map_err(store_error)?;
        out.extend(row);
    }
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out.dedup();
    Ok(out)
}

/// Saves the form as the next version, if the profile is still at `expected`.
pub async fn save(db: &Database, actor: &Actor, slug: &str, form: &ProfileForm, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let profile = match form.validate() {
        Ok(p) => p,
        Err(problems) => return Ok(Saved::Refused(problems)),
    };
    write(db, actor, regie, Edit::Profile(profile), expected).await
}

/// Saves one year's key figures (that year replaced) as the next version.
pub async fn save_figures(db: &Database, actor: &Actor, slug: &str, form: &FiguresForm, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let this_year: i64 = crate::db::now().get(..4).and_then(|y| y.parse().ok()).unwrap_or(2026);
    match form.validate(this_year) {
        Ok(year) => write(db, actor, regie, Edit::Year(year), expected).await,
        Err(problems) => Ok(Saved::Refused(problems)),
    }
}

/// Takes one year's key figures out, as the next version (`Unchanged` if it had none).
pub async fn remove_figures(db: &Database, actor: &Actor, slug: &str, annee: i64, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    write(db, actor, regie, Edit::RemoveYear(annee), expected).await
}

/// Makes version `number` the current profile again, as a new version (nothing is erased).
pub async fn restore(db: &Database, actor: &Actor, slug: &str, number: i64, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let old = versions::one(&mut conn, regie, number).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::NotFound))?;
    drop(conn);
    write(db, actor, regie, Edit::Restore(number, old.profile), expected).await
}

/// The QPVs of its département the Régie does not cover yet, to add: (code, name).
pub async fn candidates(db: &Database, actor: &Actor, slug: &str) -> Result<Vec<(String, String)>, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    versions::candidates(&mut conn, regie).await.map_err(store_error)
}

/// Every version of the Régie's profile, the newest first (empty: never edited since its import).
pub async fn history(db: &Database, actor: &Actor, slug: &str) -> Result<Vec<Version>, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    versions::list(&mut conn, regie).await.map_err(store_error)
}

/// What a version changes: the profile form (its figures kept), one year of figures, or
/// everything back as an older version had it.
pub(super) enum Edit {
    Profile(Profile),
    Year(atlas_core::regie::ChiffresCles),
    RemoveYear(i64),
    Restore(i64, Profile),
    /// The network confirms a QPV the Régie declared.
    Confirm(String),
    /// A relation with a partner or one of its contracts, added or taken out; a partner new to
    /// the Atlas is added with it, in the same transaction.
    Partners(atlas_core::regie::partners_form::PartnerEdit, Option<atlas_core::regie::partners_form::NewPartner>),
}

/// The one transaction of an edit or a restore: the profile, its activities, coverage and
/// figures, the version (and the imported state as version 0 on the first edit), the revision
/// every instance follows.
pub(super) async fn write(db: &Database, actor: &Actor, regie: i64, edit: Edit, expected: i64) -> Result<Saved, Error> {
    let mut tx = db.begin_write().await.map_err(store_error)?;
    // An edit that may change the partners takes the partners' revision row before anything else
    // (as the partnerships' import does), then the Régie's row, then the Régies' revision row: one
    // order for every transaction, so that two of them on PostgreSQL never wait on each other.
    if matches!(edit, Edit::Partners(..) | Edit::Restore(..)) {
        bump(&mut tx, db.backend, Concept::Partenaires).await.map_err(store_error)?;
    }
    let (current, version) = versions::current(&mut tx, regie).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    if version != expected {
        return Err(conflict(version));
    }
    let (mut profile, restored_from) = match edit {
        Edit::Profile(profile) => (Profile { chiffres: current.chiffres.clone(), partenaires: current.partenaires.clone(), ..profile }, None),
        Edit::Year(year) => (Profile { chiffres: figures_form::with_year(&current.chiffres, year), ..current.clone() }, None),
        Edit::RemoveYear(annee) => (Profile { chiffres: current.chiffres.iter().filter(|c| c.annee != annee).cloned().collect(), ..current.clone() }, None),
        // A version from before the partners were versioned leaves them as they are.
        Edit::Restore(number, profile) => (Profile { partenaires: profile.partenaires.or_else(|| current.partenaires.clone()), ..profile }, Some(number)),
        Edit::Partners(change, new) => match super::partners::changed(&mut tx, &current, change, new).await? {
            Ok(partners) => (Profile { partenaires: Some(partners), ..current.clone() }, None),
            Err(problem) => return Ok(Saved::Refused(vec![problem])),
        },
        Edit::Confirm(qpv) => {
            let mut profile = current.clone();
            let covered = profile.couverture.iter_mut().find(|c| c.qpv == qpv && c.statut == CoverageStatus::Declaree).ok_or_else(|| Error::new(Code::NotFound))?;
            covered.statut = CoverageStatus::Confirmee;
            (profile, None)
        }
    };
    if !settle_coverage(&mut tx, actor, &current, &mut profile).await.map_err(store_error)? {
        return Ok(Saved::Refused(vec![Problem::CoverageInvalid]));
    }
    if current == profile {
        return Ok(Saved::Unchanged(version));
    }
    let ids: Vec<i64> = profile.partenaires.iter().flatten().map(|p| p.partenaire).collect();
    if super::partner_rows::missing(&mut tx, &ids).await.map_err(store_error)? {
        return Ok(Saved::Refused(vec![Problem::PartnerUnknown]));
    }
    if let Some(siret) = &profile.siret {
        if versions::siret_elsewhere(&mut tx, regie, siret).await.map_err(store_error)? {
            return Ok(Saved::Refused(vec![Problem::SiretTaken]));
        }
    }
    let at = now_ms();
    if version == 0 {
        versions::record(&mut tx, regie, 0, "origine", None, None, at, &current).await.map_err(store_error)?;
    }
    // Checked again by the UPDATE itself: on PostgreSQL a concurrent edit that committed since
    // the read above leaves no row at `expected`.
    if !versions::write(&mut tx, regie, expected, &profile, &crate::db::now()).await.map_err(store_error)? {
        return Err(conflict(expected + 1));
    }
    let kind = if restored_from.is_some() { "restauration" } else { "profil" };
    versions::record(&mut tx, regie, version + 1, kind, restored_from, actor.account_id(), at, &profile).await.map_err(store_error)?;
    bump(&mut tx, db.backend, Concept::Regies).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, version = version + 1, kind, "regie profile saved");
    Ok(Saved::Version(version + 1))
}

/// Names each covered QPV (`false`: a code is no QPV), and keeps « confirmée » the network's
/// word: a team keeps a confirmation it had, and declares what it adds.
async fn settle_coverage(conn: &mut sqlx::AnyConnection, actor: &Actor, current: &Profile, profile: &mut Profile) -> Result<bool, sqlx::Error> {
    let codes: Vec<String> = profile.couverture.iter().map(|c| c.qpv.clone()).collect();
    let names = versions::qpv_names(conn, &codes).await?;
    let network = actor.may(Action::VerifyRegies);
    for (covered, name) in profile.couverture.iter_mut().zip(names) {
        let Some(name) = name else { return Ok(false) };
        covered.nom = name;
        let was_confirmed = current.couverture.iter().any(|c| c.qpv == covered.qpv && c.statut == CoverageStatus::Confirmee);
        if covered.statut == CoverageStatus::Confirmee && !was_confirmed && !network {
            covered.statut = CoverageStatus::Declaree;
        }
    }
    Ok(true)
}

/// The network confirms that the Régie works in a QPV it declared, as the Régie's next version
/// (404 when the QPV is not declared by it, or no longer).
pub async fn confirm_coverage(db: &Database, actor: &Actor, slug: &str, qpv: &str) -> Result<i64, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    actor.authorize(Action::VerifyRegies)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let (_, version) = versions::current(&mut conn, regie).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    drop(conn);
    match write(db, actor, regie, Edit::Confirm(qpv.to_owned()), version).await? {
        Saved::Version(n) | Saved::Unchanged(n) => Ok(n),
        Saved::Refused(_) => Err(Error::new(Code::NotFound)),
    }
}

/// A QPV a Régie declares it works in, waiting for the network to confirm it.
#[derive(Clone, Debug, PartialEq)]
pub struct Declared {
    pub regie_slug: String,
    pub regie_name: String,
    pub qpv: String,
    pub qpv_name: String,
    pub note: Option<String>,
}

/// Every declared coverage, by Régie then QPV, for the network to confirm.
pub async fn declared(db: &Database, actor: &Actor) -> Result<Vec<Declared>, Error> {
    actor.authorize(Action::VerifyRegies)?;
    let rows: Vec<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT r.slug, r.nom, q.code, q.nom, cv.note FROM couvertures cv JOIN regies r ON r.id = cv.regie_id JOIN qpv q ON q.code = cv.qpv_code
         WHERE cv.statut = 'declaree' ORDER BY r.nom, q.nom",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(store_error)?;
    Ok(rows.into_iter().map(|(regie_slug, regie_name, qpv, qpv_name, note)| Declared { regie_slug, regie_name, qpv, qpv_name, note }).collect())
}

/// The network checked the Régie: it becomes « vérifiée », as a version of its own (who, when).
pub async fn verify(db: &Database, actor: &Actor, slug: &str) -> Result<i64, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    actor.authorize(Action::VerifyRegies)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let (current, version) = versions::current(&mut tx, regie).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    let at = now_ms();
    if version == 0 {
        versions::record(&mut tx, regie, 0, "origine", None, None, at, &current).await.map_err(store_error)?;
    }
    if !versions::verify(&mut tx, regie, version, &crate::db::now()).await.map_err(store_error)? {
        return Err(conflict(version + 1));
    }
    versions::record(&mut tx, regie, version + 1, "verification", None, actor.account_id(), at, &current).await.map_err(store_error)?;
    bump(&mut tx, db.backend, Concept::Regies).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, version = version + 1, "regie verified");
    Ok(version + 1)
}

/// When the network last verified the Régie, and its team last changed it (Unix ms), for its
/// public page.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Dates {
    pub verified: Option<i64>,
    pub updated: Option<i64>,
}

pub async fn dates(db: &Database, actor: &Actor, slug: &str) -> Result<Dates, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    versions::dates(&mut conn, slug).await.map_err(store_error)
}

/// Régies whose page nobody changed or verified for a year (or ever since their import), the
/// longest forgotten first: (slug, name, last change in Unix ms).
pub async fn stale(db: &Database, actor: &Actor) -> Result<Vec<(String, String, Option<i64>)>, Error> {
    actor.authorize(Action::VerifyRegies)?;
    let rows: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT r.slug, r.nom, (SELECT MAX(v.at) FROM regie_versions v WHERE v.regie_id = r.id AND v.kind <> 'origine') FROM regies r ORDER BY r.nom",
    )
    .fetch_all(&db.pool)
    .await
    .map_err(store_error)?;
    let year_ago = now_ms() - 365 * crate::account::DAY_MS;
    let mut rows: Vec<_> = rows.into_iter().filter(|(_, _, last)| last.is_none_or(|at| at < year_ago)).collect();
    rows.sort_by_key(|(_, _, last)| last.unwrap_or(0));
    Ok(rows)
}

/// 409, naming the version saved in between (the page shows who and what).
fn conflict(current: i64) -> Error {
    Error::with(Code::Conflict, &format!("version {current}"))
}
