//! Hostile input against every participation, notification, `/gestion` and import form, as in `hostile_accounts.rs`: 300 generated
//! bodies each (the photo form as multipart), well-formed enough to reach validation, signed in
//! as a member of the covering Régie's staff who is also a network administrator (so that the
//! answer and moderation forms reach their rules; its 30 comments an hour run out, then 429),
//! with values that are empty, oversized,
//! control characters, markup and script, SQL-looking, invalid UTF-8, half of them naming the
//! real item, comment and Régie. Never a 5xx; nothing written half; nothing shown back as
//! markup. On SQLite and PostgreSQL.

mod common;

use std::num::NonZeroU32;

use atlas_core::account::Role;
use atlas_core::participation::{Outcome, Status};
use atlas_core::text::percent_encode;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::import::{self, ImportOptions, Request as ImportRequest};
use atlas_service::participation::{self as participation, PostForm};
use atlas_service::{Actor, Atlas};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{backends, fresh, reference_dir, Rng};
use leptos::prelude::LeptosOptions;
use tower::ServiceExt;

const PAYLOADS: usize = 300;
const MARKUP: &str = "<script>alert(1)</script>";

/// One raw field value (encoded by the caller for its body's format).
fn value(rng: &mut Rng) -> Vec<u8> {
    match rng.below(12) {
        0 => Vec::new(),
        1 => "é".repeat(rng.below(5_000) + 100).into_bytes(),
        2 => "\u{0}\u{1}\r\n\t\u{7f}\u{202e}zoe".as_bytes().to_vec(),
        3 => MARKUP.as_bytes().to_vec(),
        4 => b"\"><img src=x onerror=alert(1)>".to_vec(),
        5 => b"'; DROP TABLE participation_items; --".to_vec(),
        6 => vec![0xFF, 0xFE, 0xC3, 0x28],
        7 => b"-1".to_vec(),
        8 => b"99999999999999999999".to_vec(),
        9 => b"Un texte tout a fait raisonnable.".to_vec(),
        10 => format!("{}", rng.below(100)).into_bytes(),
        _ => b"%00%2e%2e%2f".to_vec(),
    }
}

fn encode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => percent_encode(s),
        Err(_) => bytes.iter().map(|b| format!("%{b:02X}")).collect(),
    }
}

const FORMS: &[(&str, &[&str])] = &[
    ("/api/ecriture/participation/deposer", &["nature", "categorie", "qpv", "lat", "lon", "titre", "texte", "langue", "pour_habitant", "accord"]),
    ("/api/ecriture/participation/soutenir", &["element", "soutien", "langue"]),
    ("/api/ecriture/participation/commenter", &["element", "parent", "texte", "langue"]),
    ("/api/ecriture/participation/modifier-commentaire", &["element", "commentaire", "texte", "langue"]),
    ("/api/ecriture/participation/supprimer-commentaire", &["element", "commentaire", "langue"]),
    ("/api/ecriture/participation/statut", &["element", "regie", "statut", "message", "partenaire", "modele", "langue"]),
    ("/api/ecriture/participation/rouvrir", &["element", "texte", "langue"]),
    ("/api/ecriture/participation/masquer", &["element", "commentaire", "motif", "langue"]),
    ("/api/ecriture/participation/modele", &["element", "regie", "titre", "texte", "langue"]),
    ("/api/ecriture/participation/reclamer", &["code", "langue"]),
    ("/api/ecriture/participation/retirer", &["code", "langue"]),
    ("/api/ecriture/participation/brouillon", &["nature", "categorie", "qpv", "lat", "lon", "titre", "texte", "langue"]),
    // Notifications: follow a QPV or a Régie, the mail choices, everything read.
    ("/api/ecriture/suivre", &["quoi", "cible", "actif", "retour", "langue"]),
    ("/api/ecriture/notifications/choix", &["statut", "commentaire", "nouveaux", "langue"]),
    ("/api/ecriture/notifications/lues", &["langue"]),
    ("/api/ecriture/participation/signaler", &["element", "cible", "id", "motif", "langue"]),
    ("/api/ecriture/participation/moderer", &["element", "acte", "cible", "id", "motif", "vers", "retour", "langue"]),
    ("/api/ecriture/participation/annuler", &["acte", "qpv", "motif", "langue"]),
    ("/api/ecriture/participation/mots/ajouter", &["regie", "mot", "langue"]),
    ("/api/ecriture/participation/mots/retirer", &["id", "langue"]),
    // A Régie's profile (`statut_QPV` names the covered QPV), its versions, its verification.
    (
        "/api/ecriture/gestion/profil",
        &["regie", "version", "nom", "siret", "adresse", "lat", "lon", "telephone", "courriel", "site_web", "date_creation", "date_adhesion", "description", "activite", "statut_QPV", "note_QPV", "ajout_qpv", "langue"],
    ),
    ("/api/ecriture/gestion/restaurer", &["regie", "numero", "version", "langue"]),
    ("/api/ecriture/gestion/verifier", &["regie", "langue"]),
    // A year of key figures (or one taken out), a new Régie, a declared QPV confirmed.
    (
        "/api/ecriture/gestion/chiffres",
        &["regie", "version", "annee", "salaries", "salaries_insertion", "benevoles", "personnes_accompagnees", "sorties_positives", "chiffre_affaires_euros", "marches_publics", "source", "retirer", "langue"],
    ),
    // A partner chosen or new with its relation, a relation or a contract taken out, a contract added.
    (
        "/api/ecriture/gestion/partenaires",
        &["regie", "version", "action", "partenaire", "partenaire_nom", "partenaire_nature", "siren", "territoire", "partenaire_site", "relation", "college", "depuis", "jusqu_a", "objet", "montant", "debut", "fin", "procedure", "activite", "contrat", "q", "langue"],
    ),
    // A Régie's logo sent (multipart, `photo` as the file) or taken out.
    ("/api/ecriture/gestion/logo", &["regie", "action", "langue"]),
    // A news post published or taken out.
    ("/api/ecriture/gestion/actualites", &["regie", "action", "titre", "texte", "actualite", "langue"]),
    ("/api/ecriture/reseau/regies", &["nom", "siret", "adresse", "code_postal", "commune", "lat", "lon", "confirmer", "message", "langue"]),
    ("/api/ecriture/reseau/propositions", &["proposition", "decision", "langue"]),
    ("/api/ecriture/reseau/couvertures", &["regie", "qpv", "langue"]),
    // The network's imports: a file (multipart, `fichier` as the file's bytes), then its start or abandon.
    ("/api/ecriture/reseau/imports", &["type", "fichier", "langue"]),
    ("/api/ecriture/reseau/imports/lancer", &["lot", "langue"]),
    ("/api/ecriture/reseau/imports/abandonner", &["lot", "langue"]),
];

#[tokio::test(flavor = "multi_thread")]
async fn hostile_payloads_on_every_participation_form() {
    for backend in backends() {
        let db = fresh(backend).await;
        import::run(&db, &Actor::Cli, ImportRequest::Reference(reference_dir()), ImportOptions::default()).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let (regie, slug, qpv): (i64, String, String) =
            sqlx::query_as("SELECT r.id, r.slug, c.qpv_code FROM couvertures c JOIN regies r ON r.id = c.regie_id ORDER BY c.qpv_code LIMIT 1").fetch_one(&db.pool).await.unwrap();
        let owner = operator::add(&db, &Actor::Cli, "cible@exemple.fr", Some(Role::RegieEditor { regie }), Some("Cible"), Some("une phrase de passe solide")).await.unwrap();
        operator::add(&db, &Actor::Cli, "cible@exemple.fr", Some(Role::NetworkAdmin), None, None).await.unwrap();
        let target = Actor::Account { id: owner.id, roles: vec![Role::RegieEditor { regie }, Role::NetworkAdmin] };
        let form = PostForm { kind: "signalement".into(), category: "proprete".into(), qpv: qpv.clone(), point: None, title: "Un élément réel".into(), body: "Pour que les formulaires visent quelque chose.".into(), photos: Vec::new() };
        let Outcome::Done(item) = participation::post(&atlas, &target, &form).await.unwrap() else { panic!() };
        let Outcome::Done(comment) = participation::comment(&db, &target, item, None, "Un commentaire réel").await.unwrap() else { panic!() };
        // A partner the form may choose.
        let partner: i64 = sqlx::query_scalar(
            "INSERT INTO partenaires (nom, nature, siren, demo, created_at, updated_at) VALUES ('Bailleur réel', 'bailleur_social', '352847370', 0, '2026-01-01', '2026-01-01') RETURNING id",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        // …and a relation with it, for the forms that take one out or add a contract to reach their rules.
        let terms = atlas_core::regie::partners_form::RelationForm { relation: "financeur".into(), ..Default::default() };
        let added = atlas_service::regie::partners::add(&db, &target, &slug, &atlas_service::regie::partners::Choice::Known(partner), &terms, 0).await.unwrap();
        assert_eq!(added, atlas_service::regie::edit::Saved::Version(1), "{backend}");
        let (token, hash) = atlas_service::account::token::new().unwrap();
        {
            let mut conn = db.pool.acquire().await.unwrap();
            let now = atlas_service::account::store::now_ms();
            atlas_service::account::store::insert_session(&mut conn, &hash, owner.id, now, 3_600_000, false).await.unwrap();
        }
        let options = LeptosOptions::builder().output_name("atlas").site_root(common::repo_root().join("public").to_string_lossy().to_string()).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(NonZeroU32::new(1_000_000).unwrap(), true));
        let mut rng = Rng(0x9a27_0000 + backend.len() as u64);
        let (mut sent, mut shown, mut limited) = (0usize, 0usize, 0usize);
        for (path, fields) in FORMS {
            let multipart = path.ends_with("/deposer") || path.ends_with("/reseau/imports") || path.ends_with("/gestion/logo");
            for n in 0..PAYLOADS {
                // The figures' and partners' forms reach their rules only at the entry's current version.
                let at_version = path.ends_with("/chiffres") || path.ends_with("/partenaires");
                let version: i64 = if at_version {
                    sqlx::query_scalar("SELECT version FROM regies WHERE slug = $1").bind(&slug).fetch_one(&db.pool).await.unwrap()
                } else {
                    0
                };
                let pairs: Vec<(String, Vec<u8>)> = fields
                    .iter()
                    .map(|f| {
                        let v = value(&mut rng);
                        // Half the values name what exists, so that the rules behind are reached.
                        let real = rng.below(2) == 0;
                        let v = match *f {
                            "element" | "id" if real => item.to_string().into_bytes(),
                            "commentaire" | "nouveaux" if real && path.ends_with("/choix") => b"quotidien".to_vec(),
                            "commentaire" | "parent" if real => comment.to_string().into_bytes(),
                            "regie" | "pour_habitant" if real => slug.clone().into_bytes(),
                            "qpv" | "cible" if real => qpv.clone().into_bytes(),
                            "quoi" if real => b"qpv".to_vec(),
                            "statut" if real => Status::SET_BY_STAFF[rng.below(6)].code().as_bytes().to_vec(),
                            "nature" if real => b"proposition".to_vec(),
                            "categorie" if real => b"jardin".to_vec(),
                            // Never hide the target for good: the other forms must still reach it.
                            "motif" if real => Vec::new(),
                            "lat" if real => b"48,85".to_vec(),
                            "lon" if real => b"2.35".to_vec(),
                            "ajout_qpv" if real => qpv.clone().into_bytes(),
                            "type" if real => b"regies".to_vec(),
                            "version" if real && at_version => version.to_string().into_bytes(),
                            "action" if real && path.ends_with("/actualites") => ["publier", "retirer"][rng.below(2)].as_bytes().to_vec(),
                            "action" if real && path.ends_with("/logo") => ["envoyer", "retirer"][rng.below(2)].as_bytes().to_vec(),
                            "action" if real => ["ajouter", "retirer", "contrat", "retirer_contrat"][rng.below(4)].as_bytes().to_vec(),
                            "partenaire" if real => partner.to_string().into_bytes(),
                            "partenaire_nature" if real => b"association".to_vec(),
                            "relation" if real => ["financeur", "gouvernance"][rng.below(2)].as_bytes().to_vec(),
                            "procedure" if real => b"convention".to_vec(),
                            "contrat" if real => b"0".to_vec(),
                            "college" | "jusqu_a" | "fin" | "siren" if real => Vec::new(),
                            "depuis" | "debut" if real => b"2024".to_vec(),
                            "objet" if real => b"Entretien des halls".to_vec(),
                            "montant" if real => b"12 500".to_vec(),
                            "annee" if real => b"2024".to_vec(),
                            "code_postal" if real => b"15140".to_vec(),
                            // A header the importer reads, then hostile rows.
                            "fichier" if real => [b"Nom;Code postal;Commune\n".to_vec(), v, b";15140;Salers\n".to_vec()].concat(),
                            _ => v,
                        };
                        (f.replace("QPV", &qpv), v)
                    })
                    .collect();
                let (content_type, body) = if multipart {
                    let mut body = Vec::new();
                    for (k, v) in &pairs {
                        body.extend_from_slice(format!("--b0undary\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n").as_bytes());
                        body.extend_from_slice(v);
                        body.extend_from_slice(b"\r\n");
                    }
                    if rng.below(3) == 0 {
                        body.extend_from_slice(b"--b0undary\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"x.jpg\"\r\n\r\n");
                        body.extend_from_slice(&value(&mut rng));
                        body.extend_from_slice(b"\r\n");
                    }
                    body.extend_from_slice(b"--b0undary--\r\n");
                    ("multipart/form-data; boundary=b0undary", body)
                } else {
                    let text: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
                    ("application/x-www-form-urlencoded", text.join("&").into_bytes())
                };
                let request = Request::post(*path)
                    .header(header::CONTENT_TYPE, content_type)
                    .header(header::ACCEPT, "text/html")
                    .header(header::HOST, "atlas.example")
                    .header(header::ORIGIN, "http://atlas.example")
                    .header(header::COOKIE, format!("atlas_session={token}"))
                    .header("x-forwarded-for", format!("10.{}.{}.{}", n / 65_536 % 256, n / 256 % 256, n % 256))
                    .body(Body::from(body.clone()))
                    .unwrap();
                let response = app.clone().oneshot(request).await.unwrap();
                let status = response.status();
                let location = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned);
                let text = String::from_utf8_lossy(&axum::body::to_bytes(response.into_body(), 1 << 20).await.unwrap()).into_owned();
                assert!(status.as_u16() < 500, "{backend}: {path} {:?} → {status} {text}", String::from_utf8_lossy(&body[..body.len().min(300)]));
                // The per-client write limit is raised; the per-account flood limits (30 comments an
                // hour) still answer, as they should.
                if status == StatusCode::TOO_MANY_REQUESTS {
                    limited += 1;
                }
                // Every tenth outcome page is opened: what came back is text, never markup.
                if let (Some(location), 0) = (location, n % 10) {
                    let page = app.clone().oneshot(Request::get(location.as_str()).header(header::COOKIE, format!("atlas_session={token}")).body(Body::empty()).unwrap()).await.unwrap();
                    assert!(page.status().as_u16() < 500, "{backend}: {location}");
                    let html = String::from_utf8_lossy(&axum::body::to_bytes(page.into_body(), 1 << 22).await.unwrap()).into_owned();
                    let at = html.find(MARKUP).or_else(|| html.find("<img src=x")).map(|i| html[i.saturating_sub(200)..(i + 60).min(html.len())].to_owned());
                    assert!(at.is_none(), "{backend}: {location} shows markup: {at:?}");
                    shown += 1;
                }
                sent += 1;
            }
        }
        assert_eq!(sent, FORMS.len() * PAYLOADS);
        // A checked file a hostile `lot` happened to start runs on in the background: let it end.
        for _ in 0..300 {
            let running: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM import_jobs WHERE status = 'en_cours'").fetch_one(&db.pool).await.unwrap();
            if running == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        // Nothing half-written: every item, comment, history line and template is whole.
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_items WHERE title = '' OR body = '' OR qpv_code = '' OR kind NOT IN ('signalement', 'proposition')")
            .fetch_one(&db.pool)
            .await
            .unwrap();
        assert_eq!(broken, 0, "{backend}: items");
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_comments WHERE body = '' AND deleted_at IS NULL").fetch_one(&db.pool).await.unwrap();
        assert_eq!(broken, 0, "{backend}: comments");
        let statuses: Vec<String> = sqlx::query_scalar("SELECT status FROM participation_history").fetch_all(&db.pool).await.unwrap();
        assert!(statuses.iter().all(|s| Status::parse(s).is_some()), "{backend}: {statuses:?}");
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM participation_templates WHERE title = '' OR body = ''").fetch_one(&db.pool).await.unwrap();
        assert_eq!(broken, 0, "{backend}: templates");
        // News posts: each one whole, within its lengths, without control characters but its line breaks.
        let posts: Vec<(String, String)> = sqlx::query_as("SELECT title, body FROM regie_news").fetch_all(&db.pool).await.unwrap();
        assert!(!posts.is_empty(), "{backend}: some hostile posts were fair enough to publish");
        for (title, body) in &posts {
            assert!((3..=120).contains(&title.chars().count()) && (10..=1500).contains(&body.chars().count()), "{backend}: {title:?} {body:?}");
            assert!(!title.chars().any(char::is_control) && !body.chars().any(|c| c.is_control() && c != '\n'), "{backend}: {title:?} {body:?}");
        }
        let broken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM participation_drafts WHERE LENGTH(title) > 120 OR LENGTH(body) > 4000 OR kind NOT IN ('', 'signalement', 'proposition') OR (title = '' AND body = '')",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(broken, 0, "{backend}: drafts");
        let broken: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM moderation_words WHERE word = '' OR LENGTH(word) > 60)
                  + (SELECT COUNT(*) FROM moderation_log WHERE by_role IN ('regie', 'reseau') AND LENGTH(reason) < 5)
                  + (SELECT COUNT(*) FROM moderation_flags WHERE reason NOT IN ('propos-blessants', 'donnees-personnelles', 'hors-sujet', 'trompeur'))",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(broken, 0, "{backend}: moderation");
        let broken: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM notification_settings WHERE mail NOT IN ('immediat', 'quotidien', 'jamais') OR kind NOT IN ('statut', 'commentaire', 'nouvel-element'))
                  + (SELECT COUNT(*) FROM follows WHERE target_kind NOT IN ('qpv', 'regie') OR target = '')",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(broken, 0, "{backend}: notification settings and follows");
        // Every Régie profile whole, at the version its history last recorded.
        let broken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM regies r WHERE LENGTH(r.nom) < 3 OR LENGTH(r.nom) > 150 OR r.telephone = '' OR r.site_web = ''
                OR (r.version > 0 AND r.version <> (SELECT MAX(v.version) FROM regie_versions v WHERE v.regie_id = r.id))",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(broken, 0, "{backend}: Régie profiles and their versions");
        // Every year of key figures whole: a year one may report, its source said, no figure below 0.
        let broken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM chiffres_cles WHERE annee < 1980 OR annee > 2100 OR source IS NULL OR source = '' OR LENGTH(source) > 200
                OR salaries < 0 OR benevoles < 0 OR chiffre_affaires_euros < 0",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(broken, 0, "{backend}: key figures");
        // Every partner, relation and contract whole: one partner per name and SIREN, a college in the governance only, dates in order.
        let broken: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM partenaires WHERE LENGTH(nom) < 2 OR LENGTH(nom) > 150 OR (siren IS NOT NULL AND LENGTH(siren) <> 9))
                  + (SELECT COUNT(*) FROM relations WHERE (college IS NOT NULL AND nature <> 'gouvernance') OR jusqu_a < depuis)
                  + (SELECT COUNT(*) FROM contrats WHERE LENGTH(objet) < 3 OR LENGTH(objet) > 200 OR montant_euros < 0 OR fin < debut)
                  + (SELECT COUNT(*) FROM partenaires a JOIN partenaires b ON a.id < b.id AND LOWER(a.nom) = LOWER(b.nom))",
        )
        .fetch_one(&db.pool)
        .await
        .unwrap();
        assert_eq!(broken, 0, "{backend}: partners, relations and contracts");
        // Every import checked is whole: a known state, its report readable, its file kept only while it may start.
        let jobs: Vec<(String, String, Option<Vec<u8>>)> = sqlx::query_as("SELECT status, report, content FROM import_jobs").fetch_all(&db.pool).await.unwrap();
        assert!(!jobs.is_empty(), "{backend}: the import form was reached");
        for (status, report, content) in &jobs {
            let status = atlas_core::import_job::ImportStatus::parse(status).unwrap_or_else(|| panic!("{backend}: {status}"));
            assert!(serde_json::from_str::<atlas_core::report::ImportReport>(report).is_ok(), "{backend}: {report}");
            assert_eq!(content.is_some(), status.may_start(), "{backend}: {status:?}");
        }
        println!("{backend}: {sent} hostile participation payloads, {limited} answered 429 (flood limits), {shown} outcome pages checked, no 5xx");
    }
}
