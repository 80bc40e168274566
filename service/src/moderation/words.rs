//! The word lists that hold a post for review: the network's (its moderators keep it) and each
//! Régie's (its staff keep it, for the QPVs it covers). Words are kept folded.

use atlas_core::moderation::{word_of, WordList, WORDS_MAX};
use atlas_core::participation::{Outcome, Problem};

use super::store;
use crate::account::store::now_ms;
use crate::db::Database;
use crate::{store_error, Action, Actor, Code, Error};

/// The Régie of a list by its slug (`""`: the network's), once the actor may keep that list.
async fn list_of(conn: &mut sqlx::AnyConnection, actor: &Actor, slug: &str) -> Result<Option<i64>, Error> {
    let slug = slug.trim();
    if slug.is_empty() {
        actor.authorize(Action::ModerateParticipation { regie: -1 })?;
        return Ok(None);
    }
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM regies WHERE slug = $1").bind(slug).fetch_optional(&mut *conn).await.map_err(store_error)?;
    actor.authorize(Action::ModerateParticipation { regie: id.unwrap_or(-1) })?;
    id.map(Some).ok_or_else(|| Error::new(Code::UnknownRegie))
}

/// Adds a word to a list (twice is once).
pub async fn add_word(db: &Database, actor: &Actor, regie_slug: &str, typed: &str) -> Result<Outcome<()>, Error> {
    actor.authorize(Action::Participate)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let regie = list_of(&mut tx, actor, regie_slug).await?;
    let Some(word) = word_of(typed) else { return Ok(Outcome::Refused(vec![Problem::WordInvalid])) };
    let words = store::words(&mut tx, regie).await.map_err(store_error)?;
    if !words.iter().any(|(_, w)| *w == word) {
        if words.len() >= WORDS_MAX {
            return Err(Error::said(Code::Conflict, format!("une liste compte au plus {WORDS_MAX} mots"), format!("a list holds {WORDS_MAX} words at most")));
        }
        store::add_word(&mut tx, regie, &word, now_ms()).await.map_err(store_error)?;
    }
    tx.commit().await.map_err(store_error)?;
    Ok(Outcome::Done(()))
}

/// Removes a word from its list (by whoever may keep that list).
pub async fn remove_word(db: &Database, actor: &Actor, id: i64) -> Result<(), Error> {
    actor.authorize(Action::Participate)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let list = store::word_list(&mut tx, id).await.map_err(store_error)?.ok_or_else(|| Error::with(Code::NotFound, "mot"))?;
    actor.authorize(Action::ModerateParticipation { regie: list.unwrap_or(-1) })?;
    store::remove_word(&mut tx, id).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)
}

/// The lists the actor keeps: the network's for its moderators, then each Régie's they work for.
pub async fn word_lists(db: &Database, actor: &Actor) -> Result<Vec<WordList>, Error> {
    actor.authorize(Action::Participate)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let mut lists = Vec::new();
    if actor.may(Action::ModerateParticipation { regie: -1 }) {
        lists.push(WordList { regie: None, words: store::words(&mut conn, None).await.map_err(store_error)? });
    }
    for regie in actor.staff_regies() {
        let named: Option<(String, String)> = sqlx::query_as("SELECT slug, nom FROM regies WHERE id = $1").bind(regie).fetch_optional(&mut *conn).await.map_err(store_error)?;
        if let Some(named) = named {
            lists.push(WordList { regie: Some(named), words: store::words(&mut conn, Some(regie)).await.map_err(store_error)? });
        }
    }
    Ok(lists)
}
