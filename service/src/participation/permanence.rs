//! What a Régie's staff do at a permanence: file an item for an inhabitant who agreed (shown as
//! « déposé par la Régie pour un habitant »), and give them a code with which they later claim
//! it with their own account, or have it withdrawn without one. Only the code's SHA-256 is kept.
//! Also the Régie's answer templates, written by its staff.

use atlas_core::participation::{clean, Outcome, Problem, BODY_MAX_CHARS, TITLE_MAX_CHARS};

use super::{qpv_of, store, PostForm};
use crate::account::{store as accounts, token};
use crate::db::Database;
use crate::{store_error, Action, Actor, Atlas, Code, Error};

/// Letters and digits that cannot be mistaken for one another, read aloud or handwritten.
const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// A new claim code, `XXXXX-XXXXX` (about 50 bits: guessing is out of reach of the write limits).
fn new_code() -> Result<String, Error> {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|_| Error::new(Code::Unavailable))?;
    let letters: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    Ok(format!("{}-{}", &letters[..5], &letters[5..]))
}

/// The code as typed: case, spaces and dashes do not matter.
pub fn normalize(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// Files `form` for an inhabitant, as the staff of the Régie `regie_slug` (which must cover the
/// QPV), once `consent` says the person agreed. Answers the item's number and the code to give.
pub async fn file_for_inhabitant(atlas: &Atlas, actor: &Actor, regie_slug: &str, form: &PostForm, consent: bool) -> Result<Outcome<(i64, String)>, Error> {
    actor.authorize(Action::Participate)?;
    let by = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let db = &atlas.db;
    let regie = {
        let mut conn = db.pool.acquire().await.map_err(store_error)?;
        match qpv_of(atlas, form) {
            Ok(qpv) => store::regies_of_qpv(&mut conn, &qpv).await.map_err(store_error)?.into_iter().find(|r| r.slug == regie_slug),
            Err(_) => None,
        }
    };
    actor.authorize(Action::AnswerParticipation { regie: regie.as_ref().map_or(-1, |r| r.id) })?;
    let Some(regie) = regie else { return Err(Error::new(Code::Forbidden)) };
    let code = new_code()?;
    let filed = store::Filed { regie: regie.id, account: by, claim_hash: token::digest(&normalize(&code)) };
    let outcome = super::post_as(atlas, actor, form, Some(filed), consent).await?;
    Ok(match outcome {
        Outcome::Done(id) => Outcome::Done((id, code)),
        Outcome::Refused(problems) => Outcome::Refused(problems),
    })
}

/// The item a code was given for, still unclaimed.
async fn filed_item(db: &Database, code: &str) -> Result<i64, Error> {
    let hash = token::digest(&normalize(code));
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    store::by_claim(&mut conn, &hash).await.map_err(store_error)?.ok_or_else(|| Error::said(Code::NotFound, "code de dépôt", "filing code"))
}

/// The inhabitant claims the item with the code: it becomes theirs (they follow it, may comment
/// as its author); the code serves once.
pub async fn claim(db: &Database, actor: &Actor, code: &str) -> Result<i64, Error> {
    actor.authorize(Action::Participate)?;
    let me = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let item = filed_item(db, code).await?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    if !store::claim(&mut tx, item, me).await.map_err(store_error)? {
        return Err(Error::said(Code::NotFound, "code de dépôt", "filing code"));
    }
    store::follow(&mut tx, item, me, accounts::now_ms()).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(item, "filed item claimed by its inhabitant");
    Ok(item)
}

/// The inhabitant has the item withdrawn with the code, account or not: it is hidden, saying so.
pub async fn withdraw(db: &Database, actor: &Actor, code: &str) -> Result<i64, Error> {
    actor.authorize(Action::ReportCorrection)?;
    let item = filed_item(db, code).await?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    store::withdraw_filed(&mut tx, item, accounts::now_ms()).await.map_err(store_error)?;
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(item, "filed item withdrawn by its inhabitant");
    Ok(item)
}

/// An answer template of a Régie: (id, title, text).
pub type Template = (i64, String, String);

/// The Régie's templates, for its staff only.
pub async fn templates(db: &Database, actor: &Actor, regie: i64) -> Result<Vec<Template>, Error> {
    actor.authorize(Action::AnswerParticipation { regie })?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    store::templates(&mut conn, regie).await.map_err(store_error)
}

/// Its staff add a template to the Régie `regie_slug`.
pub async fn add_template(db: &Database, actor: &Actor, regie_slug: &str, title: &str, text: &str) -> Result<Outcome<()>, Error> {
    let regie = accounts::regie_id(db, regie_slug).await.map_err(store_error)?;
    actor.authorize(Action::AnswerParticipation { regie: regie.unwrap_or(-1) })?;
    let regie = regie.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    let (title, text) = (clean(title).replace('\n', " "), clean(text));
    let mut problems = Vec::new();
    if !(3..=TITLE_MAX_CHARS).contains(&title.chars().count()) {
        problems.push(Problem::TitleLength);
    }
    if !(10..=BODY_MAX_CHARS).contains(&text.chars().count()) {
        problems.push(Problem::BodyLength);
    }
    if !problems.is_empty() {
        return Ok(Outcome::Refused(problems));
    }
    let mut tx = db.begin_write().await.map_err(store_error)?;
    store::insert_template(&mut tx, regie, &title, &text, accounts::now_ms()).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_short_unambiguous_and_typed_any_way() {
        let code = super::new_code().unwrap();
        assert_eq!(code.len(), 11);
        assert!(code.chars().all(|c| c == '-' || super::ALPHABET.contains(&(c as u8))));
        assert_eq!(super::normalize(" abcde-fghjk "), "ABCDEFGHJK");
        assert_ne!(super::new_code().unwrap(), code);
    }
}
