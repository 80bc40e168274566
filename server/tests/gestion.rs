//! `/gestion`, on SQLite and PostgreSQL, through the real router as a browser uses it: an éditeur
//! corrects the phone and the website of their Régie, refused fields come back next to their
//! field with what was typed, the public page follows, the history shows the diff, a restore
//! brings the old values back as a new version, two people editing at once get a conflict (409)
//! naming both versions, and nobody else may write.

mod common;

use atlas_core::account::Role;
use atlas_server::http;
use atlas_server::limits::WriteLimits;
use atlas_service::account::operator;
use atlas_service::db::Database;
use atlas_service::{Actor, Atlas};
use axum::http::StatusCode;
use common::browser::{api_post, Browser};
use common::{backends, fresh};
use leptos::prelude::LeptosOptions;

const PASSWORD: &str = "une phrase de passe solide";

/// (phone, website, version) of a Régie as stored.
async fn stored(db: &Database, slug: &str) -> (Option<String>, Option<String>, i64) {
    sqlx::query_as("SELECT telephone, site_web, version FROM regies WHERE slug = $1").bind(slug).fetch_one(&db.pool).await.unwrap()
}

async fn versions(db: &Database, slug: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM regie_versions v JOIN regies r ON r.id = v.regie_id WHERE r.slug = $1")
        .bind(slug)
        .fetch_one(&db.pool)
        .await
        .unwrap()
}

/// The profile form as the page holds it (name → value), read from its HTML.
fn form_values(page: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for chunk in page.split("<input").skip(1) {
        let tag = chunk.split('>').next().unwrap_or_default();
        let attr =
            |name: &str| tag.split(&format!(" {name}=\"")).nth(1).and_then(|s| s.split('"').next()).map(|s| s.replace("&amp;", "&").replace("&quot;", "\""));
        let (Some(name), kind) = (attr("name"), attr("type").unwrap_or_default()) else {
            continue;
        };
        if kind == "checkbox" {
            if tag.contains(" checked") {
                out.push((name, attr("value").unwrap_or_default()));
            }
        } else {
            out.push((name, attr("value").unwrap_or_default()));
        }
    }
    let description = page
        .split("<textarea id=\"fiche-description\"")
        .nth(1)
        .and_then(|s| s.split_once('>'))
        .map(|(_, rest)| rest.split("</textarea>").next().unwrap_or_default().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
    out.push(("description".into(), description.unwrap_or_default()));
    out
}

/// The form with some fields changed.
fn with(form: &[(String, String)], changes: &[(&str, &str)]) -> Vec<(String, String)> {
    form.iter().map(|(n, v)| (n.clone(), changes.iter().find(|(c, _)| c == n).map_or(v.clone(), |(_, nv)| (*nv).to_owned()))).collect()
}

fn pairs(form: &[(String, String)]) -> Vec<(&str, &str)> {
    form.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_team_keeps_its_page_true_and_every_change_is_a_version() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, slug, nom FROM regies ORDER BY slug LIMIT 2").fetch_all(&db.pool).await.unwrap();
        let [(a_id, a, a_name), (b_id, b, _)] = [rows[0].clone(), rows[1].clone()];
        operator::add(&db, &Actor::Cli, "editrice@regie-a.example", Some(Role::RegieEditor { regie: a_id }), Some("Awa éditrice"), Some(PASSWORD))
            .await
            .unwrap();
        operator::add(&db, &Actor::Cli, "admin@regie-b.example", Some(Role::RegieAdmin { regie: b_id }), Some("Admin B"), Some(PASSWORD)).await.unwrap();
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let mut editor = Browser { app: app.clone(), cookie: None };
        let mut network = Browser { app: app.clone(), cookie: None };
        let mut other = Browser { app: app.clone(), cookie: None };
        let mut anonymous = Browser { app: app.clone(), cookie: None };
        for (b, email) in [(&mut editor, "editrice@regie-a.example"), (&mut network, "reseau@exemple.fr"), (&mut other, "admin@regie-b.example")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }
        let (old_phone, old_site, version) = stored(&db, &a).await;
        assert_eq!(version, 0, "{backend}");

        // Her Régies, then its form, filled with what the page says today.
        let list = editor.get("/compte").await;
        assert_eq!(list.status, StatusCode::OK, "{backend}");
        assert!(list.body.contains(&format!("href=\"/gestion/{a}\">Mettre à jour la fiche de {a_name}</a>")), "{backend}");
        assert!(network.get("/compte").await.body.contains("href=\"/reseau\""), "{backend}");
        let page = editor.get(&format!("/gestion/{a}")).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("Fiche jamais modifiée depuis son import.") && page.body.contains("action=\"/api/ecriture/gestion/profil\""), "{backend}");
        let form = form_values(&page.body);
        assert!(form.contains(&("version".into(), "0".into())) && form.contains(&("regie".into(), a.clone())), "{backend}: {form:?}");

        // Refused: each reason next to its field, what was typed kept, nothing written.
        let bad = with(&form, &[("telephone", "12 34"), ("site_web", "javascript:alert(1)"), ("nom", "Régie gardée")]);
        let back = editor.post("/api/ecriture/gestion/profil", &pairs(&bad)).await;
        assert!(back.starts_with(&format!("/gestion/{a}?erreurs=telephone_invalide,site_invalide&")), "{backend}: {back}");
        let page = editor.get(&back).await.body;
        assert!(page.contains("id=\"fiche-telephone-erreur\" class=\"field-error\">un numéro de téléphone compte 10 chiffres"), "{backend}");
        assert!(page.contains("aria-describedby=\"fiche-telephone-aide fiche-telephone-erreur\" aria-invalid=\"true\""), "{backend}");
        assert!(page.contains("value=\"Régie gardée\"") && page.contains("value=\"12 34\""), "{backend}: what was typed comes back");
        assert_eq!(stored(&db, &a).await, (old_phone.clone(), old_site.clone(), 0), "{backend}: nothing written");
        assert_eq!(versions(&db, &a).await, 0, "{backend}");

        // Saved: the public page follows at once.
        let good = with(&form, &[("telephone", "+33 1 40 00 00 01"), ("site_web", "www.regie-a-neuf.fr")]);
        let done = editor.post("/api/ecriture/gestion/profil", &pairs(&good)).await;
        assert_eq!(done, format!("/gestion/{a}?fait=enregistre&numero=1"), "{backend}");
        assert!(editor.get(&done).await.body.contains("Fiche enregistrée : version 1."), "{backend}");
        assert_eq!(stored(&db, &a).await, (Some("01 40 00 00 01".into()), Some("https://www.regie-a-neuf.fr".into()), 1), "{backend}");
        assert_eq!(versions(&db, &a).await, 2, "{backend}: the imported state (0) and the edit (1)");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        assert!(public.contains("01 40 00 00 01") && public.contains("https://www.regie-a-neuf.fr"), "{backend}");
        assert!(public.contains("Fiche mise à jour le"), "{backend}");
        let unchanged =
            editor.post("/api/ecriture/gestion/profil", &pairs(&with(&good, &[("version", "1"), ("site_web", "https://www.regie-a-neuf.fr")]))).await;
        assert_eq!(unchanged, format!("/gestion/{a}?fait=inchange"), "{backend}: no empty version");

        // The history: who, and what changed, before and after.
        let history = editor.get(&format!("/gestion/{a}/historique")).await.body;
        assert!(history.contains("Version 1") && history.contains("par « Awa éditrice »"), "{backend}");
        assert!(history.contains("<th scope=\"row\">Téléphone</th>") && history.contains("<ins>01 40 00 00 01</ins>"), "{backend}");
        assert!(history.contains("<ins>https://www.regie-a-neuf.fr</ins>"), "{backend}");

        // A restore of the imported state is a version of its own.
        let restored = editor.post("/api/ecriture/gestion/restaurer", &[("regie", &a), ("numero", "0"), ("version", "1")]).await;
        assert_eq!(restored, format!("/gestion/{a}/historique?fait=enregistre&numero=2"), "{backend}");
        assert_eq!(stored(&db, &a).await, (old_phone.clone(), old_site.clone(), 2), "{backend}");
        let history = editor.get(&restored).await.body;
        assert!(history.contains("Version 2 (restauration de la version 0)"), "{backend}");

        // Two people at once: the network saves first; the éditrice's form, from version 2, gets a
        // conflict naming the network's version and her own, which is kept to be saved knowingly.
        let mine = form_values(&editor.get(&format!("/gestion/{a}")).await.body);
        let theirs = form_values(&network.get(&format!("/gestion/{a}")).await.body);
        let first = network.post("/api/ecriture/gestion/profil", &pairs(&with(&theirs, &[("telephone", "01 40 00 00 02")]))).await;
        assert_eq!(first, format!("/gestion/{a}?fait=enregistre&numero=3"), "{backend}");
        let second = editor.post("/api/ecriture/gestion/profil", &pairs(&with(&mine, &[("telephone", "01 40 00 00 03")]))).await;
        assert!(second.starts_with(&format!("/gestion/{a}?erreur=conflit&depuis=2&version=3&saisie=1")), "{backend}: {second}");
        let page = editor.get(&second).await.body;
        assert!(page.contains("Quelqu'un a modifié la fiche pendant que vous la modifiiez"), "{backend}");
        assert!(page.contains("partait de la version 2") && page.contains("remplacer la version 3"), "{backend}");
        assert!(page.contains("Version 3") && page.contains("par « Réseau national »") && page.contains("<ins>01 40 00 00 02</ins>"), "{backend}");
        assert!(page.contains("value=\"01 40 00 00 03\""), "{backend}: her version is kept");
        assert_eq!(stored(&db, &a).await.0.as_deref(), Some("01 40 00 00 02"), "{backend}: never overwritten silently");
        // A client that is not a browser reads the status: 409, naming the version saved since.
        let app = editor.app.clone();
        let request = |cookie: Option<&str>, body: String| api_post("/api/ecriture/gestion/profil", cookie, body);
        use tower::ServiceExt;
        let answer = app.clone().oneshot(request(editor.cookie.as_deref(), format!("regie={a}&version=2&nom=R%C3%A9gie+A&lat=48.85&lon=2.35"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::CONFLICT, "{backend}");
        let body = String::from_utf8(axum::body::to_bytes(answer.into_body(), usize::MAX).await.unwrap().to_vec()).unwrap();
        assert!(body.contains("version 3"), "{backend}: {body}");

        // Another Régie's staff and anonymous visitors may not write, nor open the form.
        let answer = app.clone().oneshot(request(other.cookie.as_deref(), format!("regie={a}&version=3&nom=Pris&lat=48.85&lon=2.35"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{backend}");
        let answer = app.clone().oneshot(request(None, format!("regie={a}&version=3&nom=Pris&lat=48.85&lon=2.35"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{backend}");
        let answer = app.clone().oneshot(request(editor.cookie.as_deref(), format!("regie={b}&version=0&nom=Pris&lat=48.85&lon=2.35"))).await.unwrap();
        assert_eq!(answer.status(), StatusCode::FORBIDDEN, "{backend}: her role is in Régie A only");
        let page = other.get(&format!("/gestion/{a}")).await;
        assert!(page.body.contains("Vous travaillez dans cette Régie ?") && !page.body.contains("/api/ecriture/gestion/profil"), "{backend}: only the way to ask");
        assert_eq!(other.get(&format!("/gestion/{a}/historique")).await.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(stored(&db, &a).await.0.as_deref(), Some("01 40 00 00 02"), "{backend}");
        assert_eq!(stored(&db, &b).await.2, 0, "{backend}");

        // In English.
        let page = editor.get(&format!("/en/gestion/{a}")).await.body;
        assert!(page.contains("Save the entry") && page.contains("Current version: 3"), "{backend}");

        // A QPV of its département, declared with a note: on the public page, in the history.
        let insee: String = sqlx::query_scalar("SELECT commune_insee FROM regies WHERE slug = $1").bind(&a).fetch_one(&db.pool).await.unwrap();
        let ts = "2026-01-01T00:00:00Z";
        sqlx::query("INSERT INTO qpv (code, nom, created_at, updated_at) VALUES ('QN9999998Z', 'Quartier des Essais', $1, $1)")
            .bind(ts)
            .execute(&db.pool)
            .await
            .unwrap();
        sqlx::query("INSERT INTO qpv_communes (qpv_code, commune_insee) VALUES ('QN9999998Z', $1)").bind(&insee).execute(&db.pool).await.unwrap();
        let page = editor.get(&format!("/gestion/{a}")).await.body;
        assert!(page.contains("<option value=\"QN9999998Z\">Quartier des Essais (QN9999998Z)</option>"), "{backend}: the QPVs of its département to add");
        assert!(!page.contains("<option value=\"confirmee\""), "{backend}: only the network confirms");
        let form = form_values(&page);
        let mut added = with(&form, &[]);
        added.push(("ajout_qpv".into(), "QN9999998Z".into()));
        added.push(("ajout_statut".into(), "declaree".into()));
        assert_eq!(editor.post("/api/ecriture/gestion/profil", &pairs(&added)).await, format!("/gestion/{a}?fait=enregistre&numero=4"), "{backend}");
        let noted = with(&form_values(&editor.get(&format!("/gestion/{a}")).await.body), &[("note_QN9999998Z", "Résidences Les Essais, bâtiments A à D")]);
        // (A select: the form reader sees inputs only.)
        let mut noted = noted;
        noted.push(("statut_QN9999998Z".into(), "declaree".into()));
        assert_eq!(editor.post("/api/ecriture/gestion/profil", &pairs(&noted)).await, format!("/gestion/{a}?fait=enregistre&numero=5"), "{backend}");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        assert!(public.contains("Quartier des Essais"), "{backend}: the public page lists the QPV");
        let history = editor.get(&format!("/gestion/{a}/historique")).await.body;
        assert!(history.contains("<ins>Quartier des Essais (déclarée) : Résidences Les Essais, bâtiments A à D</ins>"), "{backend}");
        let bad = editor.post("/api/ecriture/gestion/profil", &pairs(&with(&noted, &[("version", "5"), ("statut_QN9999998Z", "confirmee")]))).await;
        assert_eq!(bad, format!("/gestion/{a}?fait=inchange"), "{backend}: a team's « confirmée » stays « déclarée »");
        let mut unknown = with(&noted, &[("version", "5")]);
        unknown.push(("ajout_qpv".into(), "QN0000000X".into()));
        let bad = editor.post("/api/ecriture/gestion/profil", &pairs(&unknown)).await;
        assert!(bad.starts_with(&format!("/gestion/{a}?erreurs=couverture_invalide")), "{backend}: {bad}");

        // The network verifies it: the public page says when.
        assert_eq!(editor.post("/api/ecriture/gestion/verifier", &[("regie", &a)]).await, format!("/gestion/{a}?erreur=interdit"), "{backend}");
        assert_eq!(network.post("/api/ecriture/gestion/verifier", &[("regie", &a)]).await, format!("/gestion/{a}?fait=verifiee&numero=6"), "{backend}");
        let public = anonymous.get(&format!("/regies/{a}")).await.body;
        assert!(public.contains("Vérifiée par le réseau le") && public.contains("Fiche mise à jour le"), "{backend}");
        let verification: String = sqlx::query_scalar("SELECT verification FROM regies WHERE slug = $1").bind(&a).fetch_one(&db.pool).await.unwrap();
        assert_eq!(verification, "verifiee", "{backend}");
    }
}

/// « Vous travaillez dans cette Régie ? »: a person asks, the network accepts (she becomes the
/// administrator, the first accepted) or refuses (another one), each mailed; she can then edit.
#[tokio::test(flavor = "multi_thread")]
async fn a_request_to_keep_an_entry_is_answered_by_the_network() {
    for backend in backends() {
        let db = fresh(backend).await;
        common::load_regies(&db).await;
        let (a, a_name): (String, String) = sqlx::query_as("SELECT slug, nom FROM regies ORDER BY slug LIMIT 1").fetch_one(&db.pool).await.unwrap();
        for (email, pseudonym) in [("lea@exemple.fr", "Léa"), ("marc@exemple.fr", "Marc")] {
            operator::add(&db, &Actor::Cli, email, None, Some(pseudonym), Some(PASSWORD)).await.unwrap();
        }
        operator::add(&db, &Actor::Cli, "reseau@exemple.fr", Some(Role::NetworkAdmin), Some("Réseau national"), Some(PASSWORD)).await.unwrap();
        let atlas = Atlas::open(db.clone()).await.unwrap();
        let site = common::repo_root().join("public").to_string_lossy().to_string();
        let options = LeptosOptions::builder().output_name("atlas").site_root(site).build();
        let app = http::router_with_limits(options, atlas, WriteLimits::new(std::num::NonZeroU32::new(1000).unwrap(), false));
        let [mut lea, mut marc, mut network] = [(); 3].map(|_| Browser { app: app.clone(), cookie: None });
        for (b, email) in [(&mut lea, "lea@exemple.fr"), (&mut marc, "marc@exemple.fr"), (&mut network, "reseau@exemple.fr")] {
            assert_eq!(b.post("/api/ecriture/compte/connexion", &[("email", email), ("mot_de_passe", PASSWORD)]).await, "/compte", "{backend}");
        }

        // Without a role: the page offers to ask, and nothing else.
        let page = lea.get(&format!("/gestion/{a}")).await;
        assert!(!page.body.contains("action=\"/api/ecriture/gestion/profil\""), "{backend}");
        assert!(page.body.contains("Vous travaillez dans cette Régie ?") && page.body.contains("action=\"/api/ecriture/gestion/demander\""), "{backend}");
        let asked = [("regie", a.as_str()), ("role", "editeur"), ("message", "Coordinatrice des chantiers, joignable au 01 23 45 67 89.")];
        assert_eq!(lea.post("/api/ecriture/gestion/demander", &asked).await, format!("/gestion/{a}?fait=demande"), "{backend}");
        assert!(lea.get(&format!("/gestion/{a}?fait=demande")).await.body.contains("Votre demande attend la réponse du réseau."), "{backend}");
        assert!(lea.post("/api/ecriture/gestion/demander", &asked).await.contains("erreur=conflit"), "{backend}: one request at a time");
        let marc_asked = [("regie", a.as_str()), ("role", "administrateur"), ("message", "")];
        assert_eq!(marc.post("/api/ecriture/gestion/demander", &marc_asked).await, format!("/gestion/{a}?fait=demande"), "{backend}");

        // The network's queue; only the network sees it.
        assert_eq!(lea.get("/reseau").await.status, StatusCode::FORBIDDEN, "{backend}");
        let queue = network.get("/reseau").await.body;
        assert!(queue.contains(&a_name) && queue.contains("Léa &lt;lea@exemple.fr&gt;") && queue.contains("Coordinatrice des chantiers"), "{backend}");
        assert!(queue.contains("Fiches à rafraîchir"), "{backend}");
        let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM regie_claims ORDER BY id").fetch_all(&db.pool).await.unwrap();
        let (lea_claim, marc_claim) = (ids[0].to_string(), ids[1].to_string());

        // Léa, accepted first, becomes the administrator though she asked to be an éditrice.
        assert_eq!(network.post("/api/ecriture/reseau/decider", &[("demande", &lea_claim), ("decision", "accepter")]).await, "/reseau?fait=acceptee", "{backend}");
        assert!(network.post("/api/ecriture/reseau/decider", &[("demande", &lea_claim), ("decision", "refuser")]).await.contains("erreur=introuvable"), "{backend}: decided once");
        assert_eq!(network.post("/api/ecriture/reseau/decider", &[("demande", &marc_claim), ("decision", "refuser")]).await, "/reseau?fait=refusee", "{backend}");
        let mails = atlas_service::mail::latest(&db, 10).await.unwrap();
        let to_lea = mails.iter().find(|m| m.recipient == "lea@exemple.fr").expect("a mail to Léa");
        assert!(to_lea.subject.starts_with("Demande acceptée") && to_lea.body_text.contains("administrateur ou administratrice"), "{backend}: {}", to_lea.body_text);
        assert!(to_lea.body_text.contains(&format!("/gestion/{a}")), "{backend}");
        let to_marc = mails.iter().find(|m| m.recipient == "marc@exemple.fr").expect("a mail to Marc");
        assert!(to_marc.subject.starts_with("Demande non retenue"), "{backend}");
        let roles: Vec<(String, String)> = sqlx::query_as("SELECT a.email, r.role FROM account_roles r JOIN accounts a ON a.id = r.account_id WHERE r.role LIKE 'regie-%'")
            .fetch_all(&db.pool)
            .await
            .unwrap();
        assert_eq!(roles, vec![("lea@exemple.fr".to_owned(), "regie-admin".to_owned())], "{backend}");

        // Her next page: the form, hers to keep; Marc still may not.
        let page = lea.get(&format!("/gestion/{a}")).await;
        assert_eq!(page.status, StatusCode::OK, "{backend}");
        assert!(page.body.contains("action=\"/api/ecriture/gestion/profil\""), "{backend}");
        assert!(!marc.get(&format!("/gestion/{a}")).await.body.contains("action=\"/api/ecriture/gestion/profil\""), "{backend}");
    }
}
