//! Freshness reminders, on SQLite and PostgreSQL: the team of a Régie whose entry nobody changed
//! or verified for a year gets one mail each, once across two instances running the reminders at
//! the same moment; nothing for a Régie edited this year or without a team; again a quarter later.

mod common;

use atlas_core::account::Role;
use atlas_core::regie::profile::ProfileForm;
use atlas_service::account::operator;
use atlas_service::regie::{edit, freshness};
use atlas_service::Actor;
use common::{backends, fresh_url};

const PASSWORD: &str = "une phrase de passe solide";
const DAY_MS: i64 = 86_400_000;

async fn mails(db: &atlas_service::db::Database) -> Vec<(String, String)> {
    sqlx::query_as("SELECT recipient, subject FROM outbox ORDER BY recipient").fetch_all(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_is_reminded_once_across_instances_when_its_entry_is_a_year_old() {
    for backend in backends() {
        let url = fresh_url(backend).await;
        let db = atlas_service::db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        common::load_regies(&db).await;
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, slug, nom FROM regies ORDER BY slug LIMIT 2").fetch_all(&db.pool).await.unwrap();
        let [(a, _, a_name), (b, b_slug, _)] = [rows[0].clone(), rows[1].clone()];
        operator::add(&db, &Actor::Cli, "awa@regie-a.example", Some(Role::RegieAdmin { regie: a }), Some("Awa"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "theo@regie-a.example", Some(Role::RegieEditor { regie: a }), Some("Théo"), Some(PASSWORD)).await.unwrap();
        let bea = operator::add(&db, &Actor::Cli, "bea@regie-b.example", Some(Role::RegieEditor { regie: b }), Some("Béa"), Some(PASSWORD)).await.unwrap();
        // B's team edited its entry today: not due.
        let as_bea = Actor::Account { id: bea.id, roles: vec![Role::RegieEditor { regie: b }] };
        let open = edit::open(&db, &as_bea, &b_slug).await.unwrap();
        let form = ProfileForm { telephone: "01 23 45 67 89".into(), ..open.profile.form() };
        edit::save(&db, &as_bea, &b_slug, &form, open.version).await.unwrap();
        let before = mails(&db).await.len();

        // Two instances at the same moment.
        let other = atlas_service::db::connect(&url).await.unwrap();
        let now = atlas_service::account::store::now_ms();
        let (one, two) = tokio::join!(freshness::remind(&db, now), freshness::remind(&other, now));
        assert_eq!(one.unwrap() + two.unwrap(), 1, "{backend}: one Régie, reminded once");
        let sent: Vec<(String, String)> = mails(&db).await.into_iter().skip(before).collect();
        let subject = format!("La fiche de {a_name} est-elle encore à jour ? — Atlas des Régies");
        let to_a: Vec<&str> = mails(&db).await.iter().filter(|(_, s)| *s == subject).map(|_| "a").collect::<Vec<_>>();
        assert_eq!(to_a.len(), 2, "{backend}: each of A's team once: {sent:?}");
        assert!(!mails(&db).await.iter().any(|(to, s)| to == "bea@regie-b.example" && s.contains("encore à jour")), "{backend}: B is fresh");

        // Not again this quarter, on either instance; again after it.
        assert_eq!(freshness::remind(&other, now + DAY_MS).await.unwrap(), 0, "{backend}");
        assert_eq!(freshness::remind(&db, now + freshness::EVERY_MS + DAY_MS).await.unwrap(), 1, "{backend}");
        assert_eq!(mails(&db).await.iter().filter(|(_, s)| *s == subject).count(), 4, "{backend}");
        other.pool.close().await;
    }
}
