//! The authorization matrix at the use-case layer: every use case that writes or reads private
//! data, called as every actor. An anonymous visitor is refused (401) before anything is read or
//! written; the operator at the command line may.

mod common;

use atlas_core::correction::CorrectionOutcome;
use atlas_service::import::{self, ImportOptions, Request};
use atlas_service::{backup, correction, Actor};
use common::{backends, count, count_corrections, fresh, reference_dir};

#[tokio::test(flavor = "multi_thread")]
async fn every_use_case_checks_the_actor() {
    for backend in backends() {
        let db = fresh(backend).await;
        let anonymous = Actor::Anonymous;
        let status = |e: &dyn std::fmt::Debug, s: u16| {
            let text = format!("{e:?}");
            assert!(text.contains(&format!("{s}")) || text.contains("NotSignedIn"), "{backend}: {text}");
        };
        // Imports: nothing loaded for an anonymous actor.
        let refused = import::run(&db, &anonymous, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap_err();
        status(&refused, 401);
        assert_eq!(count(&db, "communes").await, 0, "{backend}");
        let refused = import::load_demo(&db, &anonymous, &common::repo_root().join("data/demo/partenariats.csv")).await.unwrap_err();
        status(&refused, 401);
        status(&import::remove_demo(&db, &anonymous).await.unwrap_err(), 401);
        // Readers' corrections carry contact addresses: not for anonymous eyes.
        assert_eq!(correction::export_csv(&db, &anonymous, true).await.unwrap_err().status(), 401, "{backend}");
        assert_eq!(correction::mark_handled(&db, &anonymous, &[1]).await.unwrap_err().status(), 401, "{backend}");
        // Backups.
        let file = std::env::temp_dir().join(format!("atlas-authz-{}-{backend}.db", std::process::id()));
        status(&backup::backup(&db, &anonymous, &file).await.unwrap_err(), 401);
        assert!(!file.exists(), "{backend}: no backup written");
        status(&backup::restore("sqlite://nowhere.db", &anonymous, &file).await.unwrap_err(), 401);

        // The operator may, and an anonymous reader may report a correction.
        let reports = import::run(&db, &Actor::Cli, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        assert!(reports.iter().all(|r| !r.rolled_back), "{backend}");
        assert_eq!(count(&db, "qpv").await, 1584, "{backend}");
        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let slug: String = sqlx::query_scalar("SELECT slug FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let outcome = correction::report(&atlas, &anonymous, &slug, "autre", "Le numéro de téléphone a changé.", "").await.unwrap();
        assert!(matches!(outcome, CorrectionOutcome::Recorded { .. }), "{backend}: {outcome:?}");
        assert_eq!(count_corrections(&db).await, 1, "{backend}");
        assert!(correction::export_csv(&db, &Actor::Cli, true).await.unwrap().contains("téléphone"), "{backend}");
        assert_eq!(correction::mark_handled(&db, &Actor::Cli, &[1]).await.unwrap(), 1, "{backend}");
    }
}
