//! The SQL of a Régie's relations with partners and their contracts (`relations`, `contrats`),
//! and of the partners the teams choose or add (`partenaires`).

use atlas_core::partner::{College, PartnerKind, Procedure, RelationKind};
use atlas_core::regie::partners_form::{same_name, ContractLine, NewPartner, Partnership};
use atlas_core::regie::profile::Problem;
use sqlx::AnyConnection;

type RelationRow = (i64, i64, String, String, String, Option<String>, Option<String>, Option<String>, i64);
type ContractRow = (i64, String, Option<i64>, Option<String>, Option<String>, String, Option<String>, i64);

/// The Régie's relations in the order they were made, each with its contracts.
pub async fn of(conn: &mut AnyConnection, regie: i64) -> Result<Vec<Partnership>, sqlx::Error> {
    let relations: Vec<RelationRow> = sqlx::query_as(
        "SELECT r.id, p.id, p.nom, p.nature, r.nature, r.college, r.depuis, r.jusqu_a, r.demo
         FROM relations r JOIN partenaires p ON p.id = r.partenaire_id WHERE r.regie_id = $1 ORDER BY r.id",
    )
    .bind(regie)
    .fetch_all(&mut *conn)
    .await?;
    let contracts: Vec<ContractRow> = sqlx::query_as(
        "SELECT c.relation_id, c.objet, c.montant_euros, c.debut, c.fin, c.procedure, c.activite, c.demo
         FROM contrats c JOIN relations r ON r.id = c.relation_id WHERE r.regie_id = $1 ORDER BY c.id",
    )
    .bind(regie)
    .fetch_all(&mut *conn)
    .await?;
    Ok(relations
        .into_iter()
        .filter_map(|(id, partenaire, nom, nature, relation, college, depuis, jusqu_a, demo)| {
            let contrats = contracts
                .iter()
                .filter(|c| c.0 == id)
                .filter_map(|(_, objet, montant_euros, debut, fin, procedure, activite, demo)| {
                    Some(ContractLine {
                        objet: objet.clone(),
                        montant_euros: *montant_euros,
                        debut: debut.clone(),
                        fin: fin.clone(),
                        procedure: Procedure::from_code(procedure)?,
                        activite: activite.clone(),
                        demo: *demo != 0,
                    })
                })
                .collect();
            Some(Partnership {
                partenaire,
                nom,
                nature: PartnerKind::from_code(&nature)?,
                relation: RelationKind::from_code(&relation)?,
                college: college.as_deref().and_then(College::from_code),
                depuis,
                jusqu_a,
                contrats,
                demo: demo != 0,
            })
        })
        .collect())
}

/// Writes the Régie's relations as `partners` says (those it leaves out are taken out, with
/// their contracts).
pub async fn write(conn: &mut AnyConnection, regie: i64, partners: &[Partnership], updated_at: &str) -> Result<(), sqlx::Error> {
    // Unchanged (a profile or figures edit): the rows, their ids and dates, stay as they are.
    if of(&mut *conn, regie).await? == partners {
        return Ok(());
    }
    sqlx::query("DELETE FROM contrats WHERE relation_id IN (SELECT id FROM relations WHERE regie_id = $1)").bind(regie).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM relations WHERE regie_id = $1").bind(regie).execute(&mut *conn).await?;
    for p in partners {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO relations (regie_id, partenaire_id, nature, college, depuis, jusqu_a, demo, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(regie)
        .bind(p.partenaire)
        .bind(p.relation.code())
        .bind(p.college.map(College::code))
        .bind(&p.depuis)
        .bind(&p.jusqu_a)
        .bind(i64::from(p.demo))
        .bind(updated_at)
        .fetch_one(&mut *conn)
        .await?;
        for c in &p.contrats {
            sqlx::query(
                "INSERT INTO contrats (relation_id, objet, montant_euros, debut, fin, procedure, activite, demo, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
            )
            .bind(id)
            .bind(&c.objet)
            .bind(c.montant_euros)
            .bind(&c.debut)
            .bind(&c.fin)
            .bind(c.procedure.code())
            .bind(&c.activite)
            .bind(i64::from(c.demo))
            .bind(updated_at)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The partner's name and kind, if the Atlas has it.
pub async fn named(conn: &mut AnyConnection, id: i64) -> Result<Option<(String, PartnerKind)>, sqlx::Error> {
    let row: Option<(String, String)> = sqlx::query_as("SELECT nom, nature FROM partenaires WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
    Ok(row.and_then(|(nom, nature)| Some((nom, PartnerKind::from_code(&nature)?))))
}

/// A partner as the search lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub id: i64,
    pub nom: String,
    pub nature: PartnerKind,
    pub siren: Option<String>,
    pub territoire: Option<String>,
}

/// Every partner, by name.
pub async fn all(conn: &mut AnyConnection) -> Result<Vec<Found>, sqlx::Error> {
    let rows: Vec<(i64, String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT id, nom, nature, siren, territoire FROM partenaires ORDER BY nom").fetch_all(&mut *conn).await?;
    Ok(rows.into_iter().filter_map(|(id, nom, nature, siren, territoire)| Some(Found { id, nom, nature: PartnerKind::from_code(&nature)?, siren, territoire })).collect())
}

/// Adds the partner, unless the Atlas has one with its SIREN or its name (`Err`: refused).
/// The caller took the partners' revision row first in this transaction: on PostgreSQL that row
/// lock makes a second team adding the same partner wait, then see it.
pub async fn insert_new(conn: &mut AnyConnection, new: &NewPartner, at: &str) -> Result<Result<i64, Problem>, sqlx::Error> {
    let known = all(&mut *conn).await?;
    let same = |f: &Found| same_name(&f.nom, &new.nom) || (new.siren.is_some() && f.siren == new.siren);
    if known.iter().any(same) {
        return Ok(Err(Problem::PartnerExists));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO partenaires (nom, nature, siren, territoire, site_web, demo, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 0, $6, $6) RETURNING id",
    )
    .bind(&new.nom)
    .bind(new.nature.code())
    .bind(&new.siren)
    .bind(&new.territoire)
    .bind(&new.site_web)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(Ok(id))
}

/// The partners of `ids` the Atlas no longer has (a restore may name one removed since).
pub async fn missing(conn: &mut AnyConnection, ids: &[i64]) -> Result<bool, sqlx::Error> {
    for id in ids {
        if named(&mut *conn, *id).await?.is_none() {
            return Ok(true);
        }
    }
    Ok(false)
}
