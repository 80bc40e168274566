//! A Régie's logo or photo, on SQLite and PostgreSQL, through the real router as a browser sends
//! it: a phone photo with GPS and orientation is stored upright, at most 1,600 px with a 400 px
//! thumbnail, without metadata, and shown on the public page beside the name (a new one at a new
//! address); a PDF, a bomb and an empty form are refused under the input and change nothing;
//! another Régie's staff may not send one; taken out, the page shows none.

mod common;

use atlas_service::db::Database;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::backends;
use common::images::{bomb, jpeg, phone_photo};
use common::teams::{two_teams, TwoTeams};
use tower::ServiceExt;
const LOGO: &str = "/api/ecriture/gestion/logo";

async fn stored(db: &Database, regie: i64) -> Option<(i64, i64)> {
    sqlx::query_as("SELECT width, height FROM regie_logos WHERE regie_id = $1").bind(regie).fetch_optional(&db.pool).await.unwrap()
}

/// The address of the thumbnail the public page shows, if any.
fn thumb_src(page: &str) -> Option<String> {
    let tag = page.split("<img ").skip(1).map(|t| t.split('>').next().unwrap_or_default()).find(|t| t.contains("class=\"regie-logo\""))?;
    Some(tag.split("src=\"").nth(1)?.split('"').next()?.to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_sends_its_logo_and_the_public_page_shows_it() {
    for backend in backends() {
        let TwoTeams { db, app, a: (a_id, a), b: (_, b), mut editor, mut other, mut anonymous } = two_teams(backend).await;
        let form = editor.get(&format!("/gestion/{a}")).await.body;
        assert!(form.contains("action=\"/api/ecriture/gestion/logo\" enctype=\"multipart/form-data\"") && form.contains("<label for=\"logo-fichier\">Une nouvelle image</label>"), "{backend}");
        assert!(thumb_src(&anonymous.get(&format!("/regies/{a}")).await.body).is_none(), "{backend}: no image yet");

        // Refused: a PDF, a bomb, nothing chosen; each reason under the input, the entry's form untouched, nothing stored.
        let send = [("regie", a.as_str()), ("action", "envoyer"), ("langue", "fr")];
        for (file, code, says) in [
            (b"%PDF-1.7 pas une image".to_vec(), "logo_format", "l'image doit être au format JPEG, PNG ou WebP"),
            (bomb(), "logo_illisible", "cette image n'a pas pu être lue"),
            (Vec::new(), "logo_manquant", "choisissez une image"),
        ] {
            let files: Vec<Vec<u8>> = if file.is_empty() { Vec::new() } else { vec![file] };
            let back = editor.post_multipart(LOGO, &send, &files).await;
            assert_eq!(back, format!("/gestion/{a}?erreurs={code}#logo"), "{backend}");
            let page = editor.get(&back).await.body;
            assert!(page.contains(&format!("id=\"logo-erreur\" class=\"field-error\">{says}")), "{backend}: {code}");
            // (The page's texts also travel in its data: only its markup is looked at.)
            let markup = &page[..page.find("__RESOLVED_RESOURCES").unwrap_or(page.len())];
            assert!(!markup.contains("La fiche n'a pas été enregistrée"), "{backend}: the entry's form is not the one refused");
        }
        assert_eq!(stored(&db, a_id).await, None, "{backend}");

        // A phone photo (300 × 200 turned a quarter, GPS in its EXIF): stored upright, without metadata, on the public page.
        let done = editor.post_multipart(LOGO, &send, &[phone_photo(300, 200)]).await;
        assert_eq!(done, format!("/gestion/{a}?fait=logo#logo"), "{backend}");
        assert!(editor.get(&done).await.body.contains("L'image est enregistrée"), "{backend}");
        assert_eq!(stored(&db, a_id).await, Some((200, 300)), "{backend}");
        let data: serde_json::Value = serde_json::from_str(&editor.get("/compte/mes-donnees.json").await.body).unwrap();
        assert_eq!(data["regie_logos"][0]["image"], format!("/logos/{a}/image.jpg"), "{backend}: the éditrice's data export lists it");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        let first = thumb_src(&public).expect("the thumbnail on the public page");
        assert!(public.contains("width=\"200\" height=\"300\" alt=\"\""), "{backend}: its room kept, decorative beside the name");
        for path in [first.clone(), first.replace("vignette.jpg", "image.jpg")] {
            let response = app.clone().oneshot(Request::get(path.as_str()).body(Body::empty()).unwrap()).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{backend}: {path}");
            assert_eq!(response.headers()[header::CONTENT_TYPE], "image/jpeg", "{backend}");
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
            assert!(!bytes.windows(4).any(|w| w == b"Exif"), "{backend}: no EXIF block left");
            let served = image::load_from_memory(&bytes).unwrap();
            assert_eq!((served.width(), served.height()), (200, 300), "{backend}: turned upright");
        }

        // A 12 MP photo replaces it: 1,600 px, a 400 px thumbnail, at a new address.
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        editor.post_multipart(LOGO, &send, &[jpeg(4000, 3000)]).await;
        assert_eq!(stored(&db, a_id).await, Some((1600, 1200)), "{backend}");
        let second = thumb_src(&anonymous.get(&format!("/regies/{a}")).await.body).unwrap();
        assert_ne!(first, second, "{backend}: a new image, a new address");
        let thumb = app.clone().oneshot(Request::get(second.as_str()).body(Body::empty()).unwrap()).await.unwrap();
        let thumb = image::load_from_memory(&axum::body::to_bytes(thumb.into_body(), usize::MAX).await.unwrap()).unwrap();
        assert_eq!((thumb.width(), thumb.height()), (400, 300), "{backend}");

        // Another Régie's administrator: 403, nothing changes; an unknown file name: 404.
        let refused = other.post_multipart(LOGO, &[("regie", a.as_str()), ("action", "retirer")], &[]).await;
        assert!(refused.starts_with(&format!("/gestion/{a}?erreur=interdit")), "{backend}: {refused}");
        assert_eq!(stored(&db, a_id).await, Some((1600, 1200)), "{backend}");
        let nothing = app.clone().oneshot(Request::get(format!("/logos/{b}/vignette.jpg")).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(nothing.status(), StatusCode::NOT_FOUND, "{backend}: B has no image");
        let odd = app.clone().oneshot(Request::get(format!("/logos/{a}/autre.png")).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(odd.status(), StatusCode::NOT_FOUND, "{backend}");

        // Taken out: the page shows none, the file is gone; twice is 404.
        let done = editor.post_multipart(LOGO, &[("regie", a.as_str()), ("action", "retirer")], &[]).await;
        assert_eq!(done, format!("/gestion/{a}?fait=logo-retire#logo"), "{backend}");
        assert!(thumb_src(&anonymous.get(&format!("/regies/{a}")).await.body).is_none(), "{backend}");
        assert!(editor.post_multipart(LOGO, &[("regie", a.as_str()), ("action", "retirer")], &[]).await.starts_with(&format!("/gestion/{a}?erreur=introuvable")), "{backend}");
        let gone = app.clone().oneshot(Request::get(second.as_str()).body(Body::empty()).unwrap()).await.unwrap();
        assert_eq!(gone.status(), StatusCode::NOT_FOUND, "{backend}");

        // In English.
        let page = editor.get(&format!("/en/gestion/{a}?erreurs=logo_format")).await.body;
        assert!(page.contains("id=\"logo-erreur\" class=\"field-error\">the image must be a JPEG, PNG or WebP file") && page.contains(">Send the image</button>"), "{backend}");
    }
}
