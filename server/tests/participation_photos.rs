//! Photos of a signalement, through the real router on SQLite and PostgreSQL: a phone photo with
//! GPS and orientation in its EXIF is stored upright, at most 1,600 px, without any metadata, and
//! served with a short cache (moderation may hide them); a 12 MP photo is accepted; a renamed
//! PDF, a 20 MB file and a decompression bomb get their 4xx and store nothing.

mod common;


use atlas_core::account::Role;
use atlas_service::account::operator;
use atlas_service::import::{self, ImportOptions, Request};
use atlas_service::{Actor, Atlas};
use axum::body::Body;
use axum::http::{header, StatusCode};
use common::browser::Browser;
use common::images::{bomb, jpeg, phone_photo};
use common::{backends, fresh, reference_dir};
use tower::ServiceExt;

const PASSWORD: &str = "une phrase de passe solide";

async fn count(db: &atlas_service::db::Database, table: &str) -> i64 {
    let sql = match table {
        "items" => "SELECT COUNT(*) FROM participation_items",
        _ => "SELECT COUNT(*) FROM participation_photos",
    };
    sqlx::query_scalar(sql).fetch_one(&db.pool).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn photos_are_stored_upright_small_and_without_metadata() {
    use atlas_server::http;
    use atlas_server::limits::WriteLimits;
    use leptos::prelude::LeptosOptions;
    for backend in backends() {
        let db = fresh(backend).await;
        import::run(&db, &Actor::Cli, Request::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let qpv: String = sqlx::query_scalar("SELECT qpv_code FROM couvertures ORDER BY qpv_code LIMIT 1").fetch_one(&db.pool).await.unwrap();
        operator::add(&db, &Actor::Cli, "a@exemple.fr", None::<Role>, Some("Amina"), Some(PASSWORD)).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut a = Browser { app: app.clone(), cookie: None };
        assert_eq!(a.post("/api/ecriture/compte/connexion", &[("email", "a@exemple.fr"), ("mot_de_passe", PASSWORD)]).await, "/compte");
        let fields = [("nature", "signalement"), ("categorie", "degradation"), ("qpv", qpv.as_str()), ("titre", "Banc cassé square Jean-Moulin"), ("texte", "Le banc près de l'aire de jeux est cassé.")];

        // A phone photo: upright (300 × 200 turned a quarter: 200 × 300), no EXIF; cached 10
        // minutes only, since moderation may hide it.
        let at = a.post_multipart("/api/ecriture/participation/deposer", &fields, &[phone_photo(300, 200), jpeg(4000, 3000)]).await;
        assert!(at.contains("?depose=1"), "{backend}: {at}");
        let page = a.get(&at).await.body;
        let src = page.split("src=\"/participation/photos/").nth(1).expect("a thumbnail on the item's page").split('"').next().unwrap().to_owned();
        assert!(src.ends_with("-vignette.jpg"), "{backend}: {src}");
        let first = src.trim_end_matches("-vignette.jpg").parse::<i64>().unwrap();
        let response = app.clone().oneshot(axum::http::Request::get(format!("/participation/photos/{first}.jpg")).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{backend}");
        assert_eq!(response.headers()[header::CONTENT_TYPE], "image/jpeg", "{backend}");
        assert_eq!(response.headers()[header::CACHE_CONTROL], "public, max-age=600", "{backend}");
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{backend}: no EXIF block left");
        let served = image::load_from_memory(&bytes).unwrap();
        assert_eq!((served.width(), served.height()), (200, 300), "{backend}: turned upright");
        // The 12 MP photo: accepted, stored at 1,600 px.
        let big = app.clone().oneshot(axum::http::Request::get(format!("/participation/photos/{}.jpg", first + 1)).body(Body::empty()).unwrap()).await.unwrap();
        let big = image::load_from_memory(&axum::body::to_bytes(big.into_body(), usize::MAX).await.unwrap()).unwrap();
        assert_eq!((big.width(), big.height()), (1600, 1200), "{backend}");
        assert_eq!(count(&db, "photos").await, 2, "{backend}");
        let items = count(&db, "items").await;

        // Refusals, as a client that is not a browser sees them, and as the form shows them.
        let json_post = |files: Vec<Vec<u8>>| {
            let mut b = Browser { app: app.clone(), cookie: a.cookie.clone() };
            async move {
                let boundary = "xyzzy";
                let mut body = Vec::new();
                for (k, v) in fields {
                    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n").as_bytes());
                }
                for f in &files {
                    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
                    body.extend_from_slice(f);
                    body.extend_from_slice(b"\r\n");
                }
                body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
                let request = axum::http::Request::post("/api/ecriture/participation/deposer")
                    .header(header::HOST, "atlas.example")
                    .header(header::ORIGIN, "http://atlas.example")
                    .header(header::ACCEPT, "application/json")
                    .header(header::COOKIE, format!("atlas_session={}", b.cookie.take().unwrap()))
                    .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                    .body(Body::from(body))
                    .unwrap();
                let response = b.app.oneshot(request).await.unwrap();
                let status = response.status();
                (status, String::from_utf8_lossy(&axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap()).to_string())
            }
        };
        let (status, body) = json_post(vec![b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n".to_vec()]).await;
        assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{backend}: {body}");
        assert!(body.contains("photo_format") && body.contains("JPEG, PNG ou WebP"), "{backend}: {body}");
        let (status, body) = json_post(vec![vec![0xFF; 20 * 1_048_576]]).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{backend}: {body}");
        assert!(body.contains("photo_lourde"), "{backend}: {body}");
        let (status, body) = json_post(vec![bomb()]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: {body}");
        assert!(body.contains("photo_illisible"), "{backend}: {body}");
        let (status, _) = json_post(vec![jpeg(8, 8), jpeg(8, 8), jpeg(8, 8), jpeg(8, 8)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{backend}: four photos");
        let back = a.post_multipart("/api/ecriture/participation/deposer", &fields, &[b"%PDF-1.7 not a photo".to_vec()]).await;
        assert!(back.starts_with("/participation/nouveau?erreurs=photo_format"), "{backend}: {back}");
        assert!(a.get(&back).await.body.contains("une photo doit être au format JPEG, PNG ou WebP"), "{backend}");
        assert_eq!((count(&db, "items").await, count(&db, "photos").await), (items, 2), "{backend}: nothing stored");
    }
}
