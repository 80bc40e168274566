//! Two Régies' teams on the real router, as the `/gestion` tests start: an éditrice of the first
//! Régie (by slug), an administrator of the second, both signed in, and an anonymous visitor.

use atlas_core::account::Role;
use atlas_service::account::operator;
use atlas_service::db::Database;
use atlas_service::Actor;

use super::browser::Browser;

pub const PASSWORD: &str = "une phrase de passe solide";

pub struct TwoTeams {
    pub db: Database,
    pub app: axum::Router,
    /// (id, slug) of the éditrice's Régie and of the other one.
    pub a: (i64, String),
    pub b: (i64, String),
    pub editor: Browser,
    pub other: Browser,
    pub anonymous: Browser,
}

pub async fn two_teams(backend: &str) -> TwoTeams {
    let db = super::fresh(backend).await;
    super::load_regies(&db).await;
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM regies ORDER BY slug LIMIT 2").fetch_all(&db.pool).await.unwrap();
    let (a, b) = (rows[0].clone(), rows[1].clone());
    operator::add(&db, &Actor::Cli, "editrice@regie-a.example", Some(Role::RegieEditor { regie: a.0 }), Some("Awa éditrice"), Some(PASSWORD)).await.unwrap();
    operator::add(&db, &Actor::Cli, "admin@regie-b.example", Some(Role::RegieAdmin { regie: b.0 }), Some("Admin B"), Some(PASSWORD)).await.unwrap();
    let app = super::browser::app(&db).await;
    let mut editor = Browser { app: app.clone(), cookie: None };
    let mut other = Browser { app: app.clone(), cookie: None };
    let anonymous = Browser { app: app.clone(), cookie: None };
    for (who, email) in [(&mut editor, "editrice@regie-a.example"), (&mut other, "admin@regie-b.example")] {
        assert_eq!(who.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
    }
    TwoTeams { db, app, a, b, editor, other, anonymous }
}
