//! A Régie's team keeps its partners (`/gestion/<slug>/partenaires`): finds a partner by SIREN
//! or name, adds a relation with it (the partner too when the Atlas does not have it, never a
//! second one with the same SIREN or name), adds and takes out contracts. Each change is a
//! version of the Régie, written by the profile's one transaction (`edit::write`), with its
//! conflict check: the page names the version it showed.

use atlas_core::regie::partners_form::{ContractForm, NewPartner, NewPartnerForm, PartnerEdit, Partnership, RelationForm};
use atlas_core::regie::profile::{Problem, Profile};
use atlas_core::text::fold;

use super::edit::{editable_regie, write, Edit, Saved};
use super::partner_rows::{self, Found};
use crate::db::Database;
use crate::{store_error, Actor, Code, Error};

/// Most partners a search lists.
const FOUND_MAX: usize = 20;

/// The partner of a new relation: one the Atlas has, or one to add.
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    Known(i64),
    New(NewPartnerForm),
}

/// Partners whose SIREN (or SIRET) is `q`, or whose name holds every word of it, by name.
pub async fn search(db: &Database, actor: &Actor, slug: &str, q: &str) -> Result<Vec<Found>, Error> {
    editable_regie(db, actor, slug).await?;
    let q = q.trim();
    if q.chars().count() > super::QUERY_MAX_CHARS {
        return Err(Error::new(Code::QueryTooLong));
    }
    let digits: String = q.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    // Nine digits (or a SIRET's fourteen) are a SIREN; fewer are part of a name (« 13 Habitat »).
    let siren = (matches!(digits.len(), 9 | 14) && digits.chars().all(|c| c.is_ascii_digit())).then(|| digits.chars().take(9).collect::<String>());
    let words: Vec<String> = fold(q).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let all = partner_rows::all(&mut conn).await.map_err(store_error)?;
    Ok(all
        .into_iter()
        .filter(|f| match &siren {
            Some(siren) => f.siren.as_deref() == Some(siren.as_str()),
            None => {
                let name = fold(&f.nom);
                words.iter().all(|w| name.contains(w.as_str()))
            }
        })
        .take(FOUND_MAX)
        .collect())
}

/// Adds a relation with a partner as the next version of the Régie.
pub async fn add(db: &Database, actor: &Actor, slug: &str, choice: &Choice, terms: &RelationForm, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let (partner, mut problems) = match choice {
        Choice::Known(_) => (None, Vec::new()),
        Choice::New(form) => match form.validate() {
            Ok(p) => (Some(p), Vec::new()),
            Err(problems) => (None, problems),
        },
    };
    let terms = match terms.validate() {
        Ok(t) => Some(t),
        Err(more) => {
            problems.extend(more);
            None
        }
    };
    let Some(terms) = terms.filter(|_| problems.is_empty()) else { return Ok(Saved::Refused(problems)) };
    let relation = Partnership {
        partenaire: match choice {
            Choice::Known(id) => *id,
            Choice::New(_) => 0,
        },
        nom: String::new(),
        nature: atlas_core::partner::PartnerKind::Association,
        relation: terms.relation,
        college: terms.college,
        depuis: terms.depuis,
        jusqu_a: terms.jusqu_a,
        contrats: Vec::new(),
        demo: false,
    };
    write(db, actor, regie, Edit::Partners(PartnerEdit::Add(relation), partner), expected).await
}

/// Takes a relation out (its contracts with it).
pub async fn remove(db: &Database, actor: &Actor, slug: &str, partner: i64, relation: &str, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let relation = relation_kind(relation)?;
    write(db, actor, regie, Edit::Partners(PartnerEdit::Remove(partner, relation), None), expected).await
}

/// Adds a contract under a relation.
pub async fn add_contract(db: &Database, actor: &Actor, slug: &str, partner: i64, relation: &str, form: &ContractForm, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let relation = relation_kind(relation)?;
    match form.validate() {
        Ok(contract) => write(db, actor, regie, Edit::Partners(PartnerEdit::AddContract(partner, relation, contract), None), expected).await,
        Err(problems) => Ok(Saved::Refused(problems)),
    }
}

/// Takes out the contract at `index` of a relation's list (as the page of version `expected` showed it).
pub async fn remove_contract(db: &Database, actor: &Actor, slug: &str, partner: i64, relation: &str, index: usize, expected: i64) -> Result<Saved, Error> {
    let regie = editable_regie(db, actor, slug).await?;
    let relation = relation_kind(relation)?;
    write(db, actor, regie, Edit::Partners(PartnerEdit::RemoveContract(partner, relation, index), None), expected).await
}

fn relation_kind(code: &str) -> Result<atlas_core::partner::RelationKind, Error> {
    atlas_core::partner::RelationKind::from_code(code.trim()).ok_or_else(|| Error::with(Code::InvalidParameter, "relation"))
}

/// The relations once `change` is made, inside the edit's transaction: the new partner added
/// (or refused as a duplicate), the partner named and typed as the Atlas has it.
pub(super) async fn changed(
    conn: &mut sqlx::AnyConnection,
    current: &Profile,
    change: PartnerEdit,
    new: Option<NewPartner>,
) -> Result<Result<Vec<Partnership>, Problem>, Error> {
    let change = match change {
        PartnerEdit::Add(mut relation) => {
            if let Some(new) = new {
                // `edit::write` took the partners' revision row first: on PostgreSQL a second team
                // adding the same partner waits here until this one commits, then sees it.
                match partner_rows::insert_new(&mut *conn, &new, &crate::db::now()).await.map_err(store_error)? {
                    Ok(id) => relation.partenaire = id,
                    Err(problem) => return Ok(Err(problem)),
                }
            }
            let Some((nom, nature)) = partner_rows::named(&mut *conn, relation.partenaire).await.map_err(store_error)? else {
                return Ok(Err(Problem::PartnerUnknown));
            };
            (relation.nom, relation.nature) = (nom, nature);
            PartnerEdit::Add(relation)
        }
        other => other,
    };
    match change.apply(current.partenaires.as_deref().unwrap_or_default()) {
        Ok(partners) => Ok(Ok(partners)),
        Err(Some(problem)) => Ok(Err(problem)),
        Err(None) => Err(Error::new(Code::NotFound)),
    }
}
