//! The forms of `/gestion/<slug>`: a Régie's profile and the restore of one of its versions.
//! Plain url-encoded forms (the activities are a repeated field, which server functions do not
//! read), under the write prefix: same-origin-checked and rate-limited like every write.
//! A browser is sent back to the page (the outcome in its URL, what was typed kept); other
//! clients get the status and JSON: 200 `{"version"}`, 422 with the problems, 409 on a conflict.
//! The network's « vérifiée », a person's request to keep a Régie's page and the network's answer
//! to it, and its filing of readers' corrections, are forms of their own.

use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form, Json};

use atlas_core::error::{Code, Error};
use atlas_core::locale::Locale;
use atlas_core::regie::figures_form::FiguresForm;
use atlas_core::regie::profile::ProfileForm;
use atlas_core::territoire::report::KeyFigure;
use atlas_core::text::percent_encode;
use atlas_service::account::SignedIn;
use atlas_service::account::team::TeamRole;
use atlas_service::regie::claim;
use atlas_service::regie::edit::{self, Saved};
use atlas_service::Actor;

use crate::error::{from_browser, locale, redirect, respond};
use crate::state::AppState;

pub const PROFILE_PATH: &str = "/api/ecriture/gestion/profil";
pub const FIGURES_PATH: &str = "/api/ecriture/gestion/chiffres";
pub const RESTORE_PATH: &str = "/api/ecriture/gestion/restaurer";
pub const VERIFY_PATH: &str = "/api/ecriture/gestion/verifier";
pub const CLAIM_PATH: &str = "/api/ecriture/gestion/demander";
pub const DECIDE_PATH: &str = "/api/ecriture/reseau/decider";
pub const CORRECTION_PATH: &str = "/api/ecriture/reseau/corrections";
pub const CONFIRM_PATH: &str = "/api/ecriture/reseau/couvertures";

/// The profile's fields, in the form's names (`activite` repeated).
pub(crate) struct Fields(Vec<(String, String)>);

impl Fields {
    pub(crate) fn get(&self, name: &str) -> String {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The network's answer: (what it answers, by its number in `field`; accepted or refused).
    pub(crate) fn decision(&self, field: &str) -> Result<(i64, bool), Error> {
        let accept = match self.get("decision").as_str() {
            "accepter" => true,
            "refuser" => false,
            _ => return Err(Error::with(Code::InvalidParameter, "decision")),
        };
        let id = self.get(field).trim().parse::<i64>().map_err(|_| Error::with(Code::MissingParameter, field))?;
        Ok((id, accept))
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }

    pub(crate) fn version(&self) -> Option<i64> {
        self.get("version").trim().parse().ok()
    }

    fn form(&self) -> ProfileForm {
        ProfileForm {
            nom: self.get("nom"),
            siret: self.get("siret"),
            adresse: self.get("adresse"),
            lat: self.get("lat"),
            lon: self.get("lon"),
            telephone: self.get("telephone"),
            email: self.get("courriel"),
            site_web: self.get("site_web"),
            date_creation: self.get("date_creation"),
            date_adhesion: self.get("date_adhesion"),
            description: self.get("description"),
            activites: self.all("activite"),
            couverture: self.coverage(),
        }
    }

    /// (QPV, status, note) of each `statut_<code>` (its note in `note_<code>`), then the added
    /// one (`ajout_qpv`, `ajout_statut`).
    fn coverage(&self) -> Vec<(String, String, String)> {
        let mut lines: Vec<(String, String, String)> = self
            .0
            .iter()
            .filter_map(|(name, statut)| Some((name.strip_prefix("statut_")?.to_owned(), statut.clone())))
            .map(|(code, statut)| {
                let note = self.get(&format!("note_{code}"));
                (code, statut, note)
            })
            .collect();
        let added = self.get("ajout_qpv");
        if !added.trim().is_empty() {
            let statut = self.get("ajout_statut");
            lines.push((added, if statut.is_empty() { "declaree".into() } else { statut }, String::new()));
        }
        lines
    }
}

/// What was typed, to come back in the form's URL (the description capped: it travels there).
fn kept(form: &ProfileForm) -> String {
    let mut query = String::from("saisie=1");
    for (name, value) in [
        ("nom", &form.nom),
        ("siret", &form.siret),
        ("adresse", &form.adresse),
        ("lat", &form.lat),
        ("lon", &form.lon),
        ("telephone", &form.telephone),
        ("courriel", &form.email),
        ("site_web", &form.site_web),
        ("date_creation", &form.date_creation),
        ("date_adhesion", &form.date_adhesion),
        ("description", &form.description),
    ] {
        let cap = if name == "description" { 1500 } else { 300 };
        let value: String = value.chars().take(cap).collect();
        query.push_str(&format!("&{name}={}", percent_encode(&value)));
    }
    for a in form.activites.iter().take(20) {
        query.push_str(&format!("&activite={}", percent_encode(a)));
    }
    for (code, statut, note) in form.couverture.iter().take(60) {
        let (code, note): (String, String) = (code.chars().take(12).collect(), note.chars().take(300).collect());
        if statut.is_empty() {
            continue;
        }
        query.push_str(&format!("&statut_{}={}&note_{}={}", percent_encode(&code), percent_encode(statut), percent_encode(&code), percent_encode(&note)));
    }
    query
}

/// A url-encoded form as posted (or why it could not be read).
pub(crate) type Posted = Result<Form<Vec<(String, String)>>, FormRejection>;

/// The form's fields and the language of the page it came from; an unreadable form is a 400.
pub(crate) fn read(headers: &HeaderMap, form: Posted) -> Result<(Fields, Locale), Response> {
    let Ok(Form(fields)) = form else { return Err(respond(locale(headers), &Error::new(Code::MalformedRequest))) };
    let fields = Fields(fields);
    let page_locale = Locale::from_lang(&fields.get("langue")).unwrap_or_default();
    Ok((fields, page_locale))
}

pub(crate) fn actor_of(signed_in: Option<Extension<SignedIn>>) -> Actor {
    signed_in.map_or(Actor::Anonymous, |Extension(who)| who.actor())
}

/// `POST /api/ecriture/gestion/profil`: `regie` (its slug), `version` (the one the form started
/// from), `nom`, `siret`, `adresse`, `lat`, `lon`, `telephone`, `courriel`, `site_web`,
/// `date_creation`, `date_adhesion`, `description`, `activite` (repeated), `langue`.
pub async fn save_profile(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    form: Posted,
) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let actor = actor_of(signed_in);
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}", percent_encode(&slug)));
    let form = fields.form();
    let added: String = fields.get("ajout_qpv").chars().take(12).collect();
    let typed = |form: &ProfileForm| format!("{}&ajout_qpv={}", kept(form), percent_encode(&added));
    let Some(expected) = fields.version() else {
        return refused(&headers, &page, Error::with(Code::MissingParameter, "version"), &typed(&form));
    };
    match edit::save(&state.atlas.db, &actor, &slug, &form, expected).await {
        Ok(saved) => answer(&headers, &page, saved, &format!("version={expected}&{}", typed(&form)), "#profil"),
        // The form comes back with what was typed and the version it now overwrites knowingly.
        Err(e) if e.code == Code::Conflict => {
            let current = e.detail.as_deref().and_then(|d| d.strip_prefix("version ")).unwrap_or_default().to_owned();
            refused(&headers, &page, e, &format!("depuis={expected}&version={current}&{}", typed(&form)))
        }
        Err(e) => refused(&headers, &page, e, &format!("version={expected}&{}", typed(&form))),
    }
}

/// `POST /api/ecriture/gestion/chiffres`: `regie`, `version`, `annee`, each figure by its code
/// (`salaries`, `salaries_insertion`, `benevoles`, `personnes_accompagnees`, `sorties_positives`,
/// `chiffre_affaires_euros`, `marches_publics`), `source`, `langue`; or `retirer` (a year) to take
/// that year out.
pub async fn save_figures(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let actor = actor_of(signed_in);
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}/chiffres", percent_encode(&slug)));
    let form = FiguresForm {
        annee: fields.get("annee"),
        values: KeyFigure::ALL.iter().map(|f| fields.get(f.code())).collect(),
        source: fields.get("source"),
    };
    let mut typed = format!("saisie=1&annee={}&source={}", percent_encode(&cap(&form.annee, 8)), percent_encode(&cap(&form.source, 300)));
    for (figure, value) in KeyFigure::ALL.iter().zip(&form.values) {
        typed.push_str(&format!("&{}={}", figure.code(), percent_encode(&cap(value, 30))));
    }
    let Some(expected) = fields.version() else {
        return refused(&headers, &page, Error::with(Code::MissingParameter, "version"), &typed);
    };
    let removed = fields.get("retirer");
    let outcome = if removed.is_empty() {
        edit::save_figures(&state.atlas.db, &actor, &slug, &form, expected).await
    } else {
        let Ok(annee) = removed.trim().parse::<i64>() else {
            return refused(&headers, &page, Error::with(Code::InvalidParameter, "retirer"), "");
        };
        edit::remove_figures(&state.atlas.db, &actor, &slug, annee, expected).await
    };
    match outcome {
        Ok(saved) => answer(&headers, &page, saved, &format!("version={expected}&{typed}"), "#chiffres"),
        Err(e) if e.code == Code::Conflict => {
            let current = e.detail.as_deref().and_then(|d| d.strip_prefix("version ")).unwrap_or_default().to_owned();
            refused(&headers, &page, e, &format!("depuis={expected}&version={current}&{typed}"))
        }
        Err(e) => refused(&headers, &page, e, &format!("version={expected}&{typed}")),
    }
}

/// At most `n` characters of what was typed, to travel back in the form's URL.
pub(crate) fn cap(value: &str, n: usize) -> String {
    value.chars().take(n).collect()
}

/// `POST /api/ecriture/gestion/restaurer`: `regie`, `numero` (the version to bring back),
/// `version` (the current one the page showed), `langue`.
pub async fn restore(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    form: Posted,
) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let actor = actor_of(signed_in);
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}/historique", percent_encode(&slug)));
    let (Some(number), Some(expected)) = (fields.get("numero").trim().parse::<i64>().ok(), fields.version()) else {
        return refused(&headers, &page, Error::with(Code::MissingParameter, "numero"), "");
    };
    match edit::restore(&state.atlas.db, &actor, &slug, number, expected).await {
        Ok(saved) => answer(&headers, &page, saved, "", "#profil"),
        Err(e) => refused(&headers, &page, e, &format!("depuis={expected}")),
    }
}

/// `POST /api/ecriture/gestion/verifier`: `regie`, `langue`. The network marks it « vérifiée ».
pub async fn verify(
    State(state): State<AppState>,
    signed_in: Option<Extension<SignedIn>>,
    headers: HeaderMap,
    form: Posted,
) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}", percent_encode(&slug)));
    match edit::verify(&state.atlas.db, &actor_of(signed_in), &slug).await {
        Ok(n) if from_browser(&headers) => redirect(format!("{page}?fait=verifiee&numero={n}")),
        Ok(n) => (StatusCode::OK, Json(serde_json::json!({ "version": n }))).into_response(),
        Err(e) => refused(&headers, &page, e, ""),
    }
}

/// `POST /api/ecriture/gestion/demander`: `regie`, `role` (`editeur` or `administrateur`),
/// `message`, `langue`. « Vous travaillez dans cette Régie ? »
pub async fn claim(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let slug = fields.get("regie");
    let page = page_locale.path(&format!("/gestion/{}", percent_encode(&slug)));
    let Some(role) = TeamRole::parse(&fields.get("role")) else {
        return refused(&headers, &page, Error::with(Code::InvalidParameter, "role"), "");
    };
    match claim::ask(&state.atlas.db, &actor_of(signed_in), &slug, role, &fields.get("message")).await {
        Ok(_) if from_browser(&headers) => redirect(format!("{page}?fait=demande")),
        Ok(id) => (StatusCode::CREATED, Json(serde_json::json!({ "demande": id }))).into_response(),
        Err(e) => refused(&headers, &page, e, ""),
    }
}

/// `POST /api/ecriture/reseau/decider`: `demande` (its number), `decision` (`accepter` or
/// `refuser`), `langue`. The network's answer to a request.
pub async fn decide(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let page = page_locale.path("/reseau");
    let (id, accept) = match fields.decision("demande") {
        Ok(decision) => decision,
        Err(e) => return refused(&headers, &page, e, ""),
    };
    match claim::decide(&state.atlas.db, &actor_of(signed_in), id, accept).await {
        Ok(()) if from_browser(&headers) => redirect(format!("{page}?fait={}", if accept { "acceptee" } else { "refusee" })),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refused(&headers, &page, e, ""),
    }
}

/// `POST /api/ecriture/reseau/corrections`: `correction` (its number), `decision` (`appliquee`
/// or `rejetee`), `langue`. The network files a reader's correction.
pub async fn correction(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let page = page_locale.path("/reseau");
    let applied = match fields.get("decision").as_str() {
        "appliquee" => true,
        "rejetee" => false,
        _ => return refused(&headers, &page, Error::with(Code::InvalidParameter, "decision"), ""),
    };
    let Ok(id) = fields.get("correction").trim().parse::<i64>() else {
        return refused(&headers, &page, Error::with(Code::MissingParameter, "correction"), "");
    };
    match atlas_service::correction::decide(&state.atlas.db, &actor_of(signed_in), id, applied).await {
        Ok(()) if from_browser(&headers) => redirect(format!("{page}?fait=correction#corrections")),
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => refused(&headers, &page, e, ""),
    }
}

/// `POST /api/ecriture/reseau/couvertures`: `regie`, `qpv`, `langue`. The network confirms a QPV
/// the Régie declared (a version of the Régie).
pub async fn confirm(State(state): State<AppState>, signed_in: Option<Extension<SignedIn>>, headers: HeaderMap, form: Posted) -> Response {
    let (fields, page_locale) = match read(&headers, form) {
        Ok(read) => read,
        Err(response) => return response,
    };
    let page = page_locale.path("/reseau");
    match edit::confirm_coverage(&state.atlas.db, &actor_of(signed_in), &fields.get("regie"), fields.get("qpv").trim()).await {
        Ok(_) if from_browser(&headers) => redirect(format!("{page}?fait=confirmee#couvertures")),
        Ok(n) => (StatusCode::OK, Json(serde_json::json!({ "version": n }))).into_response(),
        Err(e) => refused(&headers, &page, e, ""),
    }
}

/// `anchor`: the form a refused browser comes back to (`#profil`, `#chiffres`).
pub(crate) fn answer(headers: &HeaderMap, page: &str, saved: Saved, keep: &str, anchor: &str) -> Response {
    let browser = from_browser(headers);
    match saved {
        Saved::Version(n) if browser => redirect(format!("{page}?fait=enregistre&numero={n}")),
        Saved::Unchanged(_) if browser => redirect(format!("{page}?fait=inchange")),
        Saved::Version(n) | Saved::Unchanged(n) => (StatusCode::OK, Json(serde_json::json!({ "version": n }))).into_response(),
        Saved::Refused(problems) if browser => {
            let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
            redirect(format!("{page}?erreurs={}&{keep}{anchor}", codes.join(",")))
        }
        Saved::Refused(problems) => problems_json(headers, StatusCode::UNPROCESSABLE_ENTITY, &problems),
    }
}

/// A form's problems for a client that is not a browser: `status`, and `{"code","erreur","problemes"}`
/// in the language it asked for.
pub(crate) fn problems_json(headers: &HeaderMap, status: StatusCode, problems: &[atlas_core::regie::profile::Problem]) -> Response {
    let lang = locale(headers);
    let messages: Vec<String> = problems.iter().map(|p| p.message(lang)).collect();
    let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
    (status, Json(serde_json::json!({ "code": Code::Invalid.name(), "erreur": messages.join(" ; "), "problemes": codes }))).into_response()
}

/// A refusal: a browser goes back to the page with its code (a 5xx stays an error page).
pub(crate) fn refused(headers: &HeaderMap, page: &str, e: Error, keep: &str) -> Response {
    if from_browser(headers) && e.status() < 500 {
        let keep = if keep.is_empty() { String::new() } else { format!("&{keep}") };
        return redirect(format!("{page}?erreur={}{keep}", e.code.name()));
    }
    respond(locale(headers), &e)
}
