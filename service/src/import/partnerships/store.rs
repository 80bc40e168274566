//! Partnerships import, the SQL: the Régies by key, the upsert of partners, relations and
//! contracts in one transaction, and the removal of the demonstration rows.

use std::collections::{BTreeSet, HashMap};

use atlas_core::partner::import::PartnershipInput;
use atlas_core::regie::profile::Profile;
use atlas_core::report::ImportReport;

use super::partner_key;
use crate::account::store::now_ms;
use crate::db::{now, Database};
use crate::regie::versions;
use crate::import::ImportError;
use indicatif::ProgressBar;
use sqlx::{Any, Transaction};

/// Régies by SIRET and by Atlas identifier (slug).
pub(super) async fn regies_by_key(db: &Database) -> Result<HashMap<String, i64>, sqlx::Error> {
    let mut regies = HashMap::new();
    for (id, slug, siret) in sqlx::query_as::<_, (i64, String, Option<String>)>("SELECT id, slug, siret FROM regies").fetch_all(&db.pool).await? {
        regies.insert(slug, id);
        if let Some(s) = siret {
            regies.insert(s, id);
        }
    }
    Ok(regies)
}

type PartnerRow = (i64, String, String, Option<String>, Option<String>, Option<String>);

/// Upserts partners (by SIREN, else by name and kind), relations (by Régie, partner and kind)
/// and contracts (by relation, object and start), in one transaction returned open: the caller
/// commits or rolls back. Each Régie whose relations or contracts changed gets a version of kind
/// `import` naming `author` (`None`: the command line).
pub async fn write(
    db: &Database,
    rows: &[(i64, PartnershipInput)],
    demo: bool,
    report: &mut ImportReport,
    bar: &ProgressBar,
    author: Option<i64>,
) -> Result<Transaction<'static, Any>, ImportError> {
    let ts = now();
    let demo = i64::from(demo);
    let mut tx = db.begin_write().await?;
    // The partners' revision row first, as every transaction that writes relations takes it: a
    // team's edit of its partners waits for the import (or the import for it), never both at once.
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Partenaires).await?;
    let mut partners: HashMap<String, PartnerRow> = HashMap::new();
    for p in sqlx::query_as::<_, PartnerRow>("SELECT id, nom, nature, siren, territoire, site_web FROM partenaires").fetch_all(&mut *tx).await? {
        partners.insert(partner_key(p.3.as_deref(), &p.1, &p.2), p);
    }
    type RelationRow = (i64, Option<String>, Option<String>, Option<String>);
    let mut relations: HashMap<(i64, i64, String), RelationRow> = HashMap::new();
    for (id, regie, partner, nature, college, depuis, jusqu_a) in sqlx::query_as::<_, (i64, i64, i64, String, Option<String>, Option<String>, Option<String>)>(
        "SELECT id, regie_id, partenaire_id, nature, college, depuis, jusqu_a FROM relations",
    )
    .fetch_all(&mut *tx)
    .await?
    {
        relations.insert((regie, partner, nature), (id, college, depuis, jusqu_a));
    }
    type ContractRow = (i64, Option<i64>, Option<String>, String, Option<String>);
    let mut contracts: HashMap<(i64, String, Option<String>), ContractRow> = HashMap::new();
    for (id, relation, objet, montant, debut, fin, procedure, activite) in
        sqlx::query_as::<_, (i64, i64, String, Option<i64>, Option<String>, Option<String>, String, Option<String>)>(
            "SELECT id, relation_id, objet, montant_euros, debut, fin, procedure, activite FROM contrats",
        )
        .fetch_all(&mut *tx)
        .await?
    {
        contracts.insert((relation, objet, debut), (id, montant, fin, procedure, activite));
    }
    // Each Régie of the file as it stands, to version those the file changes.
    let mut before: HashMap<i64, (Profile, i64)> = HashMap::new();
    for (regie_id, _) in rows {
        if !before.contains_key(regie_id) {
            if let Some(state) = versions::current(&mut tx, *regie_id).await? {
                before.insert(*regie_id, state);
            }
        }
    }
    let mut changed: BTreeSet<i64> = BTreeSet::new();

    for (regie_id, row) in rows {
        let (mut inserted, mut updated) = (false, false);
        let p = &row.partenaire;
        let key = partner_key(p.siren.as_deref(), &p.nom, p.nature.code());
        let partner_id = match partners.get(&key) {
            Some(existing) => {
                let wanted = (p.nom.clone(), p.nature.code().to_owned(), p.siren.clone().or(existing.3.clone()),
                    p.territoire.clone().or(existing.4.clone()), p.site_web.clone().or(existing.5.clone()));
                if (existing.1.clone(), existing.2.clone(), existing.3.clone(), existing.4.clone(), existing.5.clone()) != wanted {
                    sqlx::query("UPDATE partenaires SET nom = $2, nature = $3, siren = $4, territoire = $5, site_web = $6, updated_at = $7 WHERE id = $1")
                        .bind(existing.0).bind(&wanted.0).bind(&wanted.1).bind(&wanted.2).bind(&wanted.3).bind(&wanted.4).bind(&ts)
                        .execute(&mut *tx).await?;
                    updated = true;
                    let id = existing.0;
                    partners.insert(key.clone(), (id, wanted.0, wanted.1, wanted.2, wanted.3, wanted.4));
                }
                partners[&key].0
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO partenaires (nom, nature, siren, territoire, site_web, demo, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(&p.nom).bind(p.nature.code()).bind(&p.siren).bind(&p.territoire).bind(&p.site_web).bind(demo).bind(&ts)
                .fetch_one(&mut *tx)
                .await?;
                inserted = true;
                partners.insert(key, (id, p.nom.clone(), p.nature.code().to_owned(), p.siren.clone(), p.territoire.clone(), p.site_web.clone()));
                id
            }
        };
        let college = row.college.map(|c| c.code().to_owned());
        let rkey = (*regie_id, partner_id, row.relation.code().to_owned());
        let relation_id = match relations.get(&rkey) {
            Some((id, c, d, j)) => {
                let id = *id;
                if (c, d, j) != (&college, &row.depuis, &row.jusqu_a) {
                    sqlx::query("UPDATE relations SET college = $2, depuis = $3, jusqu_a = $4, updated_at = $5 WHERE id = $1")
                        .bind(id).bind(&college).bind(&row.depuis).bind(&row.jusqu_a).bind(&ts)
                        .execute(&mut *tx).await?;
                    updated = true;
                    relations.insert(rkey, (id, college, row.depuis.clone(), row.jusqu_a.clone()));
                }
                id
            }
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO relations (regie_id, partenaire_id, nature, college, depuis, jusqu_a, demo, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                )
                .bind(regie_id).bind(partner_id).bind(row.relation.code()).bind(&college).bind(&row.depuis).bind(&row.jusqu_a).bind(demo).bind(&ts)
                .fetch_one(&mut *tx)
                .await?;
                inserted = true;
                relations.insert(rkey, (id, college, row.depuis.clone(), row.jusqu_a.clone()));
                id
            }
        };
        if let Some(c) = &row.contrat {
            let ckey = (relation_id, c.objet.clone(), c.debut.clone());
            let wanted = (c.montant_euros, c.fin.clone(), c.procedure.code().to_owned(), c.activite.clone());
            match contracts.get(&ckey) {
                Some((id, m, f, p, a)) => {
                    let id = *id;
                    if (*m, f.clone(), p.clone(), a.clone()) != wanted {
                        sqlx::query("UPDATE contrats SET montant_euros = $2, fin = $3, procedure = $4, activite = $5, updated_at = $6 WHERE id = $1")
                            .bind(id).bind(wanted.0).bind(&wanted.1).bind(&wanted.2).bind(&wanted.3).bind(&ts)
                            .execute(&mut *tx).await?;
                        updated = true;
                        contracts.insert(ckey, (id, wanted.0, wanted.1, wanted.2, wanted.3));
                    }
                }
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO contrats (relation_id, objet, montant_euros, debut, fin, procedure, activite, demo, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
                    )
                    .bind(relation_id).bind(&c.objet).bind(c.montant_euros).bind(&c.debut).bind(&c.fin).bind(c.procedure.code()).bind(&c.activite).bind(demo).bind(&ts)
                    .fetch_one(&mut *tx)
                    .await?;
                    inserted = true;
                    contracts.insert(ckey, (id, wanted.0, wanted.1, wanted.2, wanted.3));
                }
            }
        }
        if inserted || updated {
            changed.insert(*regie_id);
        }
        if inserted {
            report.inserted += 1;
        } else if updated {
            report.updated += 1;
        } else {
            report.unchanged += 1;
        }
    }
    bar.finish_and_clear();
    let at = now_ms();
    for id in changed {
        if let Some((state, version)) = before.remove(&id) {
            versions::record_import(&mut tx, id, state, version, author, at).await?;
        }
    }
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Partenaires).await?;
    Ok(tx)
}

/// Deletes every demonstration row (contracts, relations, then partners left without relation);
/// each Régie that had some gets a version of kind `import`. Returns (contracts, relations,
/// partners) deleted.
pub async fn remove_demo(db: &Database) -> Result<(u64, u64, u64), sqlx::Error> {
    let mut tx = db.begin_write().await?;
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Partenaires).await?;
    let touched: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT regie_id FROM relations WHERE demo = 1 OR id IN (SELECT relation_id FROM contrats WHERE demo = 1) ORDER BY regie_id")
            .fetch_all(&mut *tx)
            .await?;
    let mut before = Vec::with_capacity(touched.len());
    for id in touched {
        if let Some(state) = versions::current(&mut tx, id).await? {
            before.push((id, state));
        }
    }
    let c = sqlx::query("DELETE FROM contrats WHERE demo = 1 OR relation_id IN (SELECT id FROM relations WHERE demo = 1)")
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let r = sqlx::query("DELETE FROM relations WHERE demo = 1").execute(&mut *tx).await?.rows_affected();
    let p = sqlx::query("DELETE FROM partenaires WHERE demo = 1 AND id NOT IN (SELECT partenaire_id FROM relations)")
        .execute(&mut *tx)
        .await?
        .rows_affected();
    let at = now_ms();
    for (id, (state, version)) in before {
        versions::record_import(&mut tx, id, state, version, None, at).await?;
    }
    crate::revision::bump(&mut *tx, db.backend, crate::revision::Concept::Partenaires).await?;
    tx.commit().await?;
    Ok((c, r, p))
}

/// Whether demonstration relations are loaded.
pub async fn has_demo(db: &Database) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM relations WHERE demo = 1").fetch_one(&db.pool).await?;
    Ok(n > 0)
}
