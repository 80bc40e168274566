//! Migrations, imports and page queries, on SQLite and PostgreSQL from the same code.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use atlas_service::import::{qpv, regies, ImportError, ImportOptions};
use atlas_service::import::reference;
use common::{backends, count, fixture, fresh, reference_dir};

const STRICT: ImportOptions = ImportOptions { skip_invalid: false };
const SKIP: ImportOptions = ImportOptions { skip_invalid: true };

/// Régie rows of the shipped reference file (CSV records, header excluded).
fn reference_regie_count() -> i64 {
    let mut r = csv::Reader::from_path(reference_dir().join(reference::REGIES_FILE)).unwrap();
    r.records().count() as i64
}

#[tokio::test]
async fn reference_data_loads_queries_answer_and_reimport_changes_nothing() {
    for backend in backends() {
        let db = fresh(backend).await;
        let started = Instant::now();
        let reports = reference::load(&db, &reference_dir()).await.expect("reference load");
        eprintln!("[{backend}] reference data loaded in {:.1} s", started.elapsed().as_secs_f64());
        assert!(reports.iter().all(|r| !r.rolled_back && r.rejected.is_empty()), "{reports:?}");

        assert_eq!(count(&db, "regions").await, 18, "{backend}: 13 métropole + 5 outre-mer");
        assert_eq!(count(&db, "departements").await, 101, "{backend}");
        assert!(count(&db, "communes").await > 34_000, "{backend}");
        assert!(count(&db, "epci").await > 1_200, "{backend}");
        assert_eq!(count(&db, "qpv").await, 1_584, "{backend}: QPV 2024");
        let n_regies = reference_regie_count();
        assert_eq!(count(&db, "regies").await, n_regies, "{backend}");

        // Home figures: checked against counts written differently from the app's query.
        let f = atlas_service::territory::store::national_figures(&db.pool).await.unwrap();
        assert_eq!(f.qpv, 1_584);
        assert_eq!(f.regies, n_regies);
        assert_eq!(f.regies_a_verifier, n_regies, "every R1 candidate is à vérifier");
        let covered: Vec<(String,)> = sqlx::query_as("SELECT qpv_code FROM couvertures").fetch_all(&db.pool).await.unwrap();
        let distinct: std::collections::BTreeSet<String> = covered.into_iter().map(|(c,)| c).collect();
        assert_eq!(f.qpv_avec_regie, distinct.len() as i64, "{backend}");
        assert!(f.qpv_avec_regie > 50 && f.qpv_avec_regie < 1_584, "{backend}: {}", f.qpv_avec_regie);

        // Estimated coverage = the QPVs of the Régie's commune, for every Régie.
        let pairs: Vec<(i64, String, String)> = sqlx::query_as(
            "SELECT r.id, r.commune_insee, qc.qpv_code FROM regies r JOIN qpv_communes qc ON qc.commune_insee = r.commune_insee",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap();
        let covs: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT regie_id, qpv_code, statut FROM couvertures").fetch_all(&db.pool).await.unwrap();
        assert_eq!(pairs.len(), covs.len(), "{backend}");
        assert!(covs.iter().all(|c| c.2 == "estimee"));

        // Directory and Régie page queries.
        let list = atlas_service::regie::store::list(&db.pool).await.unwrap();
        assert_eq!(list.len() as i64, n_regies);
        let with_qpv = list.iter().find(|r| r.nb_qpv > 0).expect("a Régie with QPVs");
        let detail = atlas_service::regie::store::detail(&db.pool, &with_qpv.slug).await.unwrap().expect("detail");
        assert_eq!(detail.nom, with_qpv.nom);
        assert_eq!(detail.qpvs.len() as i64, with_qpv.nb_qpv);
        assert!(detail.qpvs.iter().all(|q| q.code.starts_with("QN")));
        assert!(atlas_service::regie::store::detail(&db.pool, "pas-une-regie").await.unwrap().is_none());

        // Re-importing the shipped files changes nothing.
        let again = qpv::import_file(&db, &reference_dir().join(reference::QPV_FILE), STRICT).await.unwrap();
        assert_eq!((again.read, again.inserted, again.updated, again.unchanged), (1_584, 0, 0, 1_584), "{backend}");
        assert!(!again.changed());
        let again = regies::import_file(&db, &reference_dir().join(reference::REGIES_FILE), STRICT).await.unwrap();
        assert_eq!((again.inserted, again.updated, again.unchanged as i64), (0, 0, n_regies), "{backend}");

        regies_files(&db, backend, n_regies).await;
    }
}

/// Régies files as people export them, against a database holding the communes.
async fn regies_files(db: &atlas_service::db::Database, backend: &str, before: i64) {
    // Windows-1252, `;`, CRLF, decimal commas, "Nom de la structure" / "Ville" headers.
    let r = regies::import_file(db, &fixture("regies_cp1252.csv"), STRICT).await.unwrap();
    assert!(r.rejected.is_empty(), "{backend}: {:?}", r.rejected);
    assert_eq!(r.read, 2);
    // Same SIRETs as two reference candidates: updated, not duplicated.
    assert_eq!(r.inserted + r.updated, 2, "{backend}: {r:?}");
    assert_eq!(count(db, "regies").await, before + r.inserted as i64);
    let (nom, lat): (String, f64) = sqlx::query_as("SELECT nom, lat FROM regies WHERE siret = '35284737000033'")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    assert_eq!(nom, "Régie de quartiers de Laon (fixture)", "{backend}: decoded from Windows-1252");
    assert!((lat - 49.56618).abs() < 1e-9, "{backend}: decimal comma read");
    let again = regies::import_file(db, &fixture("regies_cp1252.csv"), STRICT).await.unwrap();
    assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 2), "{backend}");

    // Strict: any rejected row writes nothing, and each rejection names its line.
    let total = count(db, "regies").await;
    let bad = regies::import_file(db, &fixture("regies_invalid.csv"), STRICT).await.unwrap();
    assert!(bad.rolled_back, "{backend}");
    let lines: Vec<usize> = bad.rejected.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![3, 4, 5], "{backend}: {:?}", bad.rejected);
    assert!(bad.rejected[0].problem.to_string().contains("nom"), "{:?}", bad.rejected[0]);
    assert!(bad.rejected[1].problem.to_string().contains("code postal invalide"), "{:?}", bad.rejected[1]);
    assert!(bad.rejected[2].problem.to_string().contains("coordonnées invalides"), "{:?}", bad.rejected[2]);
    assert_eq!(count(db, "regies").await, total, "{backend}: nothing written");
    // --skip-invalid writes the valid row only.
    let skip = regies::import_file(db, &fixture("regies_invalid.csv"), SKIP).await.unwrap();
    assert_eq!((skip.inserted, skip.rejected.len(), skip.rolled_back), (1, 3, false), "{backend}");
    assert_eq!(count(db, "regies").await, total + 1);

    // A missing required column fails the whole file and names the column.
    match regies::import_file(db, &fixture("regies_missing_column.csv"), STRICT).await {
        Err(ImportError::File { source, .. }) => assert!(source.to_string().contains("Code postal"), "{source}"),
        other => panic!("{backend}: expected a missing-column error, got {other:?}"),
    }
}

#[tokio::test]
async fn strict_qpv_import_writes_nothing_and_skip_invalid_writes_valid_rows() {
    for backend in backends() {
        let db = fresh(backend).await;
        let bad = qpv::import_file(&db, &fixture("qpv_anct_invalid.csv"), STRICT).await.unwrap();
        assert!(bad.rolled_back, "{backend}");
        assert_eq!(bad.read, 4);
        let lines: Vec<usize> = bad.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4], "{backend}: {:?}", bad.rejected);
        assert!(bad.rejected[0].problem.to_string().contains("QN00101M"), "{:?}", bad.rejected[0]);
        assert_eq!(count(&db, "qpv").await, 0, "{backend}: nothing written");

        let ok = qpv::import_file(&db, &fixture("qpv_anct_invalid.csv"), SKIP).await.unwrap();
        assert_eq!((ok.inserted, ok.rejected.len()), (2, 2), "{backend}");
        assert_eq!(count(&db, "qpv").await, 2);
        assert_eq!(count(&db, "qpv_communes").await, 2);
        let again = qpv::import_file(&db, &fixture("qpv_anct_invalid.csv"), SKIP).await.unwrap();
        assert_eq!((again.inserted, again.updated, again.unchanged), (0, 0, 2), "{backend}");
    }
}

#[tokio::test]
async fn unknown_file_format_is_a_french_error() {
    let db = fresh("sqlite").await;
    let err = qpv::import_file(&db, &fixture("regies_missing_column.csv.txt"), STRICT).await.unwrap_err();
    assert!(err.to_string().contains("impossible de lire"), "{err}");
    let path = std::env::temp_dir().join("atlas-tests-qpv.xlsx");
    std::fs::write(&path, b"PK").unwrap();
    let err = qpv::import_file(&db, &path, STRICT).await.unwrap_err();
    assert!(err.to_string().contains("format non reconnu"), "{err}");
}

/// Tables and columns (name and nullability) of a migrated database.
async fn schema_of(db: &atlas_service::db::Database, backend: &str) -> BTreeMap<String, Vec<(String, bool)>> {
    let rows: Vec<(String, String, i64)> = match backend {
        "sqlite" => sqlx::query_as(
            "SELECT m.name, p.name, p.\"notnull\" + p.pk FROM sqlite_master m, pragma_table_info(m.name) p
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap(),
        _ => sqlx::query_as(
            "SELECT table_name::text, column_name::text, CASE WHEN is_nullable = 'NO' THEN 1::bigint ELSE 0::bigint END
             FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
        )
        .fetch_all(&db.pool)
        .await
        .unwrap(),
    };
    let mut schema: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    for (table, column, not_null) in rows {
        schema.entry(table).or_default().push((column, not_null > 0));
    }
    for cols in schema.values_mut() {
        cols.sort();
    }
    schema
}

#[tokio::test]
async fn both_backends_have_the_same_schema() {
    let backends = backends();
    if backends.len() < 2 {
        return;
    }
    let sqlite = schema_of(&fresh("sqlite").await, "sqlite").await;
    let postgres = schema_of(&fresh("postgres").await, "postgres").await;
    assert!(sqlite.len() >= 14, "{:?}", sqlite.keys());
    assert_eq!(sqlite, postgres);
}

/// The QPV 2024 list files three QPVs under Pierrefitte-sur-Seine (93059), part of Saint-Denis
/// (93066) since 2025: they must land in Saint-Denis whichever file is loaded first.
#[tokio::test]
async fn qpv_of_a_merged_commune_is_filed_under_todays_commune_in_either_load_order() {
    let communes_of = |db: atlas_service::db::Database| async move {
        let rows: Vec<(String,)> = sqlx::query_as("SELECT commune_insee FROM qpv_communes WHERE qpv_code = 'QN09336I'")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        rows.into_iter().map(|(c,)| c).collect::<Vec<_>>()
    };
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.unwrap();
        assert_eq!(communes_of(db.clone()).await, ["93066"], "{backend}: communes first");

        let db = fresh(backend).await;
        qpv::import_file(&db, &reference_dir().join(reference::QPV_FILE), STRICT).await.unwrap();
        assert_eq!(communes_of(db.clone()).await, ["93059"], "{backend}: as the file says");
        let territories = atlas_service::import::communes::read_dir(&reference_dir()).unwrap();
        atlas_service::import::communes::write(&db, &territories, STRICT).await.unwrap();
        assert_eq!(communes_of(db.clone()).await, ["93066"], "{backend}: moved when the communes arrive");
        let orphans: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM qpv_communes WHERE commune_insee NOT IN (SELECT insee FROM communes)
             AND commune_insee NOT LIKE '987%' AND commune_insee NOT LIKE '978%'",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(orphans, 0, "{backend}: every QPV of a commune of the data is placed");
    }
}
