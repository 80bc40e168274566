//! Territory pages for elected officials: the figures of the France, région, département, EPCI
//! and commune pages against counts written independently in SQL (not the report's code path),
//! and the CSV and GeoJSON exports parsed back with real parsers, on SQLite and PostgreSQL.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use atlas_server::http;
use atlas_service::import::reference;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{backends, fresh, reference_dir};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String) {
    let response = app.clone().oneshot(Request::get(uri).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap().replace("<!>", ""))
}

/// 1234567 → "1 234 567" with narrow no-break spaces, as the pages write numbers.
fn fr(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

fn figure(html: &str, name: &str) -> String {
    let start = html.find(&format!("data-figure=\"{name}\">")).unwrap_or_else(|| panic!("figure {name} missing")) + name.len() + 15;
    html[start..].split('<').next().unwrap().to_owned()
}

fn csv_rows(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let body = text.strip_prefix('\u{feff}').expect("UTF-8 BOM for spreadsheet software");
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    (headers, reader.records().map(Result::unwrap).collect())
}

#[tokio::test]
async fn territory_pages_and_exports_match_an_independent_count() {
    for backend in backends() {
        let db = fresh(backend).await;
        reference::load(&db, &reference_dir()).await.expect("reference load");
        let pool = &db.pool;
        let ts = "2026-11-25T00:00:00Z";

        // Key figures for two Régies of Seine-Saint-Denis (the first with two years: only the
        // latest counts) and a demonstration partner with two contracts.
        let ids: Vec<(i64,)> = sqlx::query_as(
            "SELECT r.id FROM regies r JOIN communes c ON c.insee = r.commune_insee WHERE c.departement_code = '93' ORDER BY r.id LIMIT 2",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(ids.len(), 2, "{backend}: the shipped data has Régies in 93");
        for (id, annee, salaries) in [(ids[0].0, 2022_i64, 10_i64), (ids[0].0, 2023, 41), (ids[1].0, 2023, 17)] {
            sqlx::query("INSERT INTO chiffres_cles (regie_id, annee, salaries, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)")
                .bind(id).bind(annee).bind(salaries).bind(ts)
                .execute(pool).await.unwrap();
        }
        let partner: i64 = sqlx::query_scalar(
            "INSERT INTO partenaires (nom, nature, demo, created_at, updated_at) VALUES ('Bailleur de démonstration', 'bailleur_social', 1, $1, $1) RETURNING id",
        )
        .bind(ts).fetch_one(pool).await.unwrap();
        let relation: i64 = sqlx::query_scalar(
            "INSERT INTO relations (regie_id, partenaire_id, nature, demo, created_at, updated_at) VALUES ($1, $2, 'donneur_ordre', 1, $3, $3) RETURNING id",
        )
        .bind(ids[0].0).bind(partner).bind(ts).fetch_one(pool).await.unwrap();
        for montant in [120_000_i64, 30_000] {
            sqlx::query(
                "INSERT INTO contrats (relation_id, objet, montant_euros, procedure, demo, created_at, updated_at) VALUES ($1, 'Entretien', $2, 'marche_public', 1, $3, $3)",
            )
            .bind(relation).bind(montant).bind(ts).execute(pool).await.unwrap();
        }

        // Independent counts, written directly in SQL.
        let qpv_93: Vec<(String,)> = sqlx::query_as(
            "SELECT DISTINCT qc.qpv_code FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee WHERE c.departement_code = '93'",
        )
        .fetch_all(pool).await.unwrap();
        let qpv_93: BTreeSet<String> = qpv_93.into_iter().map(|(c,)| c).collect();
        let covered: Vec<(String, String)> = sqlx::query_as("SELECT qpv_code, statut FROM couvertures").fetch_all(pool).await.unwrap();
        let mut best: BTreeMap<String, String> = BTreeMap::new();
        for (code, statut) in covered {
            let rank = |s: &str| ["estimee", "declaree", "confirmee"].iter().position(|x| *x == s);
            let e = best.entry(code).or_insert_with(|| statut.clone());
            if rank(&statut) > rank(e) {
                *e = statut;
            }
        }
        let with_93 = qpv_93.iter().filter(|c| best.contains_key(*c)).count();
        let population_93: i64 = sqlx::query_scalar(
            "SELECT CAST(SUM(population) AS BIGINT) FROM communes WHERE departement_code = '93' AND insee IN (SELECT commune_insee FROM qpv_communes)",
        )
        .fetch_one(pool).await.unwrap();
        let regies_93: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM regies r WHERE r.commune_insee IN (SELECT insee FROM communes WHERE departement_code = '93')
                OR r.id IN (SELECT cv.regie_id FROM couvertures cv JOIN qpv_communes qc ON qc.qpv_code = cv.qpv_code
                            JOIN communes c ON c.insee = qc.commune_insee WHERE c.departement_code = '93')",
        )
        .fetch_one(pool).await.unwrap();
        let (total_fr, covered_fr): (i64, i64) =
            sqlx::query_as("SELECT (SELECT COUNT(*) FROM qpv), (SELECT COUNT(DISTINCT qpv_code) FROM couvertures)").fetch_one(pool).await.unwrap();

        let atlas = atlas_service::Atlas::open(db.clone()).await.unwrap();
        let router = http::router(LeptosOptions::builder().output_name("atlas").build(), atlas.clone());

        // Département page.
        let (status, html) = get(&router, "/territoires/departement/93").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert_eq!(figure(&html, "qpv"), fr(qpv_93.len() as i64), "{backend}");
        assert_eq!(figure(&html, "qpv-avec-regie"), fr(with_93 as i64), "{backend}");
        assert_eq!(figure(&html, "qpv-sans-regie"), fr((qpv_93.len() - with_93) as i64), "{backend}");
        assert_eq!(figure(&html, "population"), fr(population_93), "{backend}");
        assert_eq!(figure(&html, "regies"), fr(regies_93), "{backend}");
        // Key figures: latest year of each Régie (41 + 17, not 10), and who reported.
        assert!(html.contains(&format!("2 Régies sur {regies_93} ont déclaré des chiffres clés (2023)")), "{backend}");
        assert!(html.contains("<tr data-figure=\"salaries\"><th scope=\"row\">Salariés</th><td class=\"num\">58</td><td class=\"num\">2</td></tr>"), "{backend}");
        // The partner, labelled as demonstration data, with its contracts summed.
        assert!(html.contains("Bailleur de démonstration"), "{backend}");
        assert!(html.contains("2 contrat(s), 150\u{202f}000 €"), "{backend}");
        assert!(html.contains("donnée de démonstration"), "{backend}");
        // Choropleth by EPCI and the QPV map, each with its text alternative.
        assert!(html.contains("<img src=\"/territoires/departement/93/carte-couverture.svg\""), "{backend}: coverage map");
        assert!(html.contains("id=\"table-decoupage\""), "{backend}");
        let (status, svg) = get(&router, "/territoires/departement/93/carte-couverture.svg").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.contains("class=\"ch ch-"), "{backend}");
        assert!(svg.contains("QPV sur") && svg.contains("avec une Régie") && svg.contains("Carte de Seine-Saint-Denis"), "{backend}: French titles");
        // The English page asks for the same map titled in English.
        let (_, english) = get(&router, "/en/territoires/departement/93").await;
        assert!(english.contains("<img src=\"/territoires/departement/93/carte-couverture.svg?langue=en\""), "{backend}");
        let (status, svg) = get(&router, "/territoires/departement/93/carte-couverture.svg?langue=en").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(svg.contains(" QPVs with a Régie") && svg.contains("Map of Seine-Saint-Denis") && !svg.contains("QPV sur"), "{backend}: English titles");
        assert!(html.contains("<img src=\"/territoires/departement/93/carte-quartiers.svg\""), "{backend}: QPV map");
        let (_, svg) = get(&router, "/territoires/departement/93/carte-quartiers.svg").await;
        assert_eq!(svg.matches("class=\"qpv cov-").count(), qpv_93.len(), "{backend}: every QPV on the map");
        assert!(html.contains("<a href=\"/territoires/region/11\">Île-de-France</a>"), "{backend}: breadcrumb");

        // QPV export: the same QPVs, each with its coverage status.
        let (status, text) = get(&router, "/territoires/departement/93/quartiers.csv").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let (headers, rows) = csv_rows(&text);
        assert_eq!(&headers[0], "code_qp");
        assert_eq!(rows.iter().map(|r| r[0].to_owned()).collect::<BTreeSet<_>>(), qpv_93, "{backend}");
        assert_eq!(rows.len(), qpv_93.len(), "{backend}: no duplicates");
        // Cached like every data response: ETag + 5 minutes; a client that has it gets a 304.
        let response = router.clone().oneshot(Request::get("/territoires/departement/93/quartiers.csv").body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.headers()["cache-control"], "public, max-age=300", "{backend}");
        assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"departement-93-quartiers.csv\"", "{backend}");
        let etag = response.headers()["etag"].to_str().unwrap().to_owned();
        let again = Request::get("/territoires/departement/93/quartiers.csv").header("if-none-match", &etag).body(Body::empty()).unwrap();
        let response = router.clone().oneshot(again).await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED, "{backend}");
        assert!(axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().is_empty(), "{backend}");
        for r in &rows {
            let expected = best.get(&r[0]).map_or("aucune", String::as_str);
            assert_eq!(&r[5], expected, "{backend}: status of {}", &r[0]);
            assert!(html.contains(&format!("/qpv/{}", &r[0])), "{backend}: {} listed on the page", &r[0]);
        }
        // Breakdown export: EPCI rows whose QPVs add up to at least the département's.
        let (_, text) = get(&router, "/territoires/departement/93/decoupage.csv").await;
        let (_, rows) = csv_rows(&text);
        assert!(!rows.is_empty(), "{backend}");
        assert!(rows.iter().all(|r| &r[0] == "epci"), "{backend}");
        let sum: usize = rows.iter().map(|r| r[3].parse::<usize>().unwrap()).sum();
        assert!(sum >= qpv_93.len(), "{backend}");
        assert!(rows.iter().all(|r| !r[5].contains('.')), "{backend}: decimal commas");
        // GeoJSON exports parse as GeoJSON and say the same.
        let (status, text) = get(&router, "/territoires/departement/93/quartiers.geojson").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let fc: geojson::FeatureCollection = text.parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
        assert_eq!(fc.features.len(), qpv_93.len(), "{backend}");
        for f in &fc.features {
            let code = f.property("code").and_then(|v| v.as_str()).unwrap();
            assert!(qpv_93.contains(code), "{backend}");
            assert_eq!(f.property("couverture").and_then(|v| v.as_str()).unwrap(), best.get(code).map_or("aucune", String::as_str));
            assert!(matches!(f.geometry.as_ref().map(|g| &g.value), Some(geojson::Value::MultiPolygon(_))), "{backend}: {code} has its contour");
        }
        let (_, text) = get(&router, "/territoires/departement/93/decoupage.geojson").await;
        let fc: geojson::FeatureCollection = text.parse::<geojson::GeoJson>().unwrap().try_into().unwrap();
        assert!(fc.features.iter().all(|f| f.geometry.is_some()), "{backend}: every EPCI has an outline");

        // France: every QPV, the national figures with their sources.
        let (status, html) = get(&router, "/territoires").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert_eq!(figure(&html, "qpv"), fr(total_fr), "{backend}");
        assert_eq!(figure(&html, "qpv-avec-regie"), fr(covered_fr), "{backend}");
        assert!(html.contains("Les Régies en quelques chiffres"), "{backend}");
        assert!(html.contains("Source : ANCT, quartiers prioritaires 2024."), "{backend}");
        assert!(html.contains("données chargées le "), "{backend}");
        let (_, svg) = get(&router, "/territoires/carte-couverture.svg").await;
        assert_eq!(svg.matches("class=\"ch ch-").count(), 101, "{backend}: every département on the map");
        assert!(html.len() < 100_000, "{backend}: France page is {} bytes, over the 100 KB budget", html.len());
        let (_, text) = get(&router, "/territoires/quartiers.csv").await;
        assert_eq!(csv_rows(&text).1.len() as i64, total_fr, "{backend}: the France export has every QPV");

        // Région, EPCI and commune pages; unknown territories and exports answer 404.
        let (status, html) = get(&router, "/territoires/region/11").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        let qpv_11: i64 = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT qc.qpv_code) FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee
             JOIN departements d ON d.code = c.departement_code WHERE d.region_code = '11'",
        )
        .fetch_one(pool).await.unwrap();
        assert_eq!(figure(&html, "qpv"), fr(qpv_11), "{backend}");
        let (epci, qpv_epci): (String, i64) = sqlx::query_as(
            "SELECT c.epci_siren, COUNT(DISTINCT qc.qpv_code) FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee
             WHERE c.epci_siren IS NOT NULL GROUP BY c.epci_siren ORDER BY COUNT(DISTINCT qc.qpv_code) DESC, c.epci_siren LIMIT 1",
        )
        .fetch_one(pool).await.unwrap();
        let (status, html) = get(&router, &format!("/territoires/epci/{epci}")).await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert_eq!(figure(&html, "qpv"), fr(qpv_epci), "{backend}");
        let (status, html) = get(&router, "/territoires/commune/10387").await;
        assert_eq!(status, StatusCode::OK, "{backend}");
        assert!(html.contains("<h1>Troyes · Commune</h1>"), "{backend}");
        for uri in ["/territoires/departement/99", "/territoires/canton/1", "/territoires/departement/93/tout.csv", "/territoires/region/99/quartiers.csv"] {
            assert_eq!(get(&router, uri).await.0, StatusCode::NOT_FOUND, "{backend}: {uri}");
        }
    }
}
