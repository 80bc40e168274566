//! Demonstration participation (`server demo load`, never by default): a few items in QPVs
//! covered by the first Régies of the directory, marked `demo` and labelled as such on every
//! page, some already answered, so that a demo shows the space alive. `server demo remove`
//! deletes them.

use atlas_core::participation::{Category, Draft, Kind, StatusChange, Status};

use super::store;
use crate::account::store as accounts;
use crate::db::Database;
use crate::{store_error, Action, Actor, Error};

/// (kind, category, title, text, status set by the Régie, its message).
const ITEMS: [(Kind, Category, &str, &str, Option<Status>, &str); 3] = [
    (Kind::Signalement, Category::Encombrants, "Encombrants au pied de l'immeuble (démonstration)", "Exemple de démonstration : des meubles déposés depuis plusieurs jours devant l'entrée.", Some(Status::EnCours), "Exemple : notre équipe d'enlèvement passe jeudi."),
    (Kind::Signalement, Category::Eclairage, "Éclairage du passage en panne (démonstration)", "Exemple de démonstration : le passage entre les deux bâtiments n'est plus éclairé le soir.", Some(Status::Transmis), "Exemple : transmis au bailleur, responsable de l'éclairage."),
    (Kind::Proposition, Category::Jardin, "Un jardin partagé sur la pelouse (démonstration)", "Exemple de démonstration : cultiver ensemble la pelouse derrière le centre social.", None, ""),
];

/// Loads the demonstration items once (nothing when some are there); answers how many.
pub async fn load(db: &Database, actor: &Actor) -> Result<usize, Error> {
    actor.authorize(Action::ManageDemo)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let present: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_items WHERE demo = 1").fetch_one(&mut *tx).await.map_err(store_error)?;
    if present > 0 {
        return Ok(0);
    }
    let covered: Vec<(i64, String)> = sqlx::query_as("SELECT regie_id, MIN(qpv_code) FROM couvertures GROUP BY regie_id ORDER BY regie_id LIMIT 2")
        .fetch_all(&mut *tx)
        .await
        .map_err(store_error)?;
    let now = accounts::now_ms();
    let mut made = 0;
    for (regie, qpv) in &covered {
        for (n, (kind, category, title, text, status, message)) in ITEMS.iter().enumerate() {
            let draft = Draft { kind: *kind, category: *category, title: (*title).to_owned(), body: (*text).to_owned(), point: None };
            let at = now - (n as i64 + 2) * 86_400_000;
            let id = store::insert_demo_item(&mut tx, qpv, &draft, at).await.map_err(store_error)?;
            if let Some(status) = status {
                let change = StatusChange { status: *status, message: (*message).to_owned(), partner: (*status == Status::Transmis).then(|| "Bailleur (démonstration)".to_owned()) };
                store::set_status_by(&mut tx, id, &change, Some(*regie), None, at + 86_400_000).await.map_err(store_error)?;
            }
            made += 1;
        }
    }
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(made)
}

/// Deletes every demonstration item (with its history, comments, supports).
pub async fn remove(db: &Database, actor: &Actor) -> Result<u64, Error> {
    actor.authorize(Action::ManageDemo)?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let n = sqlx::query("DELETE FROM participation_items WHERE demo = 1").execute(&mut *tx).await.map_err(store_error)?.rows_affected();
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    Ok(n)
}
