//! What a `/gestion` page needs from the server, already in the page's language: its texts, the
//! refusal messages its form may come back with, the profile to edit and its versions.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::texts::GestionTexts;

/// A profile field as the form shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldView {
    /// The input's name (`nom`, `courriel`…).
    pub name: String,
    pub label: String,
    pub value: String,
}

/// One version of the history: who, when, what changed (field, before, after).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionView {
    pub number: i64,
    pub title: String,
    pub byline: String,
    pub changes: Vec<(String, String, String)>,
}

/// One year of key figures: its values as typed back into the form, as read, and its source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FiguresView {
    pub annee: i64,
    /// Each figure in `KeyFigure::ALL` order: (as the form holds it, as a reader reads it; both empty when unknown).
    pub values: Vec<(String, String)>,
    pub source: String,
}

/// A reader's correction waiting for the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CorrectionView {
    pub id: i64,
    pub regie_slug: String,
    pub regie_name: String,
    /// Its topic and date in words.
    pub about: String,
    pub message: String,
    pub contact: Option<String>,
}

/// A Régie proposed by someone who works there, waiting for the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub id: i64,
    pub name: String,
    /// Its SIRET, address and postcode as typed, in one line.
    pub entry: String,
    /// Who proposed it and when, in words.
    pub from: String,
    pub message: String,
    /// (slug, name, why) of the Régies of the Atlas it may be.
    pub maybe: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GestionData {
    pub texts: GestionTexts,
    /// (code, message) of every refusal the forms may come back with.
    pub messages: Vec<(String, String)>,
    /// (code, input name) of the input problems: where each is shown.
    pub problem_fields: Vec<(String, String)>,
    pub signed_in: bool,
    pub network: bool,
    pub slug: String,
    pub name: String,
    pub version: i64,
    /// The form's fields as stored now (the activities apart).
    pub fields: Vec<FieldView>,
    /// The base tiles of the profile's pin map (configuration; none: QPV outlines only).
    pub tiles: crate::carte::MapTiles,
    /// (code, label, chosen) of every activity of the vocabulary.
    pub activities: Vec<(String, String, bool)>,
    /// (QPV code, name, status code, note) of the QPVs it covers.
    pub coverage: Vec<(String, String, String, String)>,
    /// (code, label) of the statuses, in the order of certainty (« confirmée »: given by the
    /// network only, kept by a team that has it).
    pub statuses: Vec<(String, String)>,
    /// (code, name) of the QPVs of its département it does not cover.
    pub candidates: Vec<(String, String)>,
    /// `chiffres`: the years reported, the newest first, and (code, label) of every figure.
    pub figures: Vec<FiguresView>,
    pub figure_labels: Vec<(String, String)>,
    /// The newest first; on a conflict, only those saved since the version the form started from.
    pub versions: Vec<VersionView>,
    /// A signed-in person without a role in the Régie may ask to keep it: `Some(waiting)`.
    pub claim: Option<bool>,
    /// `/reseau`: the requests waiting, (id, Régie slug, Régie name, who and what, message).
    pub claims: Vec<(i64, String, String, String, String)>,
    /// `/reseau`: the Régies proposed by their teams, the oldest first.
    pub proposals: Vec<ProposalView>,
    /// `/reseau`: (slug, name, last change in words) of the entries a year old or more.
    pub stale: Vec<(String, String, String)>,
    /// `/reseau`: (Régie slug, Régie name, QPV code, QPV name, note) of the declared coverage to confirm.
    pub declared: Vec<(String, String, String, String, String)>,
    /// `/reseau`: the readers' corrections waiting, the oldest first.
    pub corrections: Vec<CorrectionView>,
    /// `partenaires`: the Régie's relations, the partners found for `q` (`None`: no search),
    /// (id, name, kind and SIREN) each, and the forms' lists.
    pub partners: Vec<super::partners_data::PartnerView>,
    pub found: Option<Vec<(i64, String, String)>>,
    pub partner_lists: super::partners_data::PartnerLists,
    /// `actualites`: (id, title, text, date in words) of its posts, the newest first.
    pub news: Vec<(i64, String, String, String)>,
    /// `fiche`: the thumbnail of its logo or photo (address, width, height), if it has one.
    pub logo: Option<(String, u32, u32)>,
    /// `fiche`: the inhabitants' items in its QPVs waiting for an answer (new or reopened), and
    /// what awaits moderation in its space.
    pub to_answer: super::daily_work::Waiting,
    pub to_moderate: super::daily_work::Waiting,
    /// `fiche`: the person may manage its team (its administrators and the network).
    pub team_admin: bool,
}

impl GestionData {
    pub fn message(&self, code: &str) -> Option<String> {
        self.messages.iter().find(|(c, _)| c == code).map(|(_, m)| m.clone())
    }
}

/// `what`: `reseau` (the network's administration), `fiche` (the profile of `slug`, and with `depuis` the
/// versions saved since that one), `chiffres` (its key figures, the same way), `partenaires` (its
/// partners, and those found for `q`), `actualites` (its news posts), `historique` (every version of `slug`).
#[server(endpoint = "gestion/page")]
pub async fn gestion_page(
    what: String,
    #[server(default)] slug: String,
    #[server(default)] depuis: Option<i64>,
    #[server(default)] langue: String,
    #[server(default)] q: String,
) -> Result<GestionData, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    use atlas_core::account::Role;
    use atlas_core::activite::Activite;
    use atlas_core::coverage::CoverageStatus;
    use atlas_core::regie::profile::{Problem, ProfileField};
    use atlas_service::regie::edit;
    use atlas_service::{Actor, Code, Error};
    let locale = crate::i18n::Locale::from_lang(&langue).unwrap_or_else(crate::i18n::request_locale);
    let db = atlas()?.db;
    let actor = actor();
    let mut data = GestionData { texts: GestionTexts::of(locale), ..Default::default() };
    data.messages = Problem::ALL.iter().map(|p| (p.code().to_owned(), p.message(locale))).collect();
    data.problem_fields = Problem::ALL.iter().map(|p| (p.code().to_owned(), p.input().to_owned())).collect();
    for code in [
        Code::Conflict,
        Code::Forbidden,
        Code::NotSignedIn,
        Code::UnknownRegie,
        Code::NotFound,
        Code::MissingParameter,
        Code::MalformedRequest,
        Code::TooManyRequests,
    ] {
        data.messages.push((code.name().to_owned(), Error::with(code, "").message(locale).trim_end_matches([' ', ':']).to_owned()));
    }
    data.signed_in = matches!(actor, Actor::Account { .. });
    data.network = actor.has(&Role::NetworkAdmin);
    if !data.signed_in {
        // The page invites to sign in, with the status that says so.
        crate::error::set_status(401);
        return Ok(data);
    }
    if what == "reseau" {
        return network_page(data, &db, &actor, locale).await;
    }
    // The page answers with the refusal's status (403 for another Régie's staff), not 200.
    let editable = match edit::open(&db, &actor, &slug).await {
        Ok(e) => e,
        Err(e) => {
            // Someone without a role in it may ask to keep it: that page is theirs (200).
            if e.code == Code::Forbidden && what == "fiche" {
                if let Some((name, waiting)) = atlas_service::regie::claim::target(&db, &actor, &slug).await.map_err(fail)? {
                    (data.slug, data.name, data.claim) = (slug, name, Some(waiting));
                    return Ok(data);
                }
            }
            if e.status() < 500 {
                crate::error::set_status(e.status());
            }
            return Err(fail(e));
        }
    };
    data.slug = editable.slug;
    data.name = editable.profile.nom.clone();
    data.version = editable.version;
    let form = editable.profile.form();
    let value = |field: ProfileField| match field {
        ProfileField::Nom => form.nom.clone(),
        ProfileField::Siret => form.siret.clone(),
        ProfileField::Adresse => form.adresse.clone(),
        ProfileField::Position => form.lat.clone(),
        ProfileField::Telephone => form.telephone.clone(),
        ProfileField::Email => form.email.clone(),
        ProfileField::SiteWeb => form.site_web.clone(),
        ProfileField::DateCreation => form.date_creation.clone(),
        ProfileField::DateAdhesion => form.date_adhesion.clone(),
        ProfileField::Description => form.description.clone(),
        ProfileField::Activites | ProfileField::Couverture | ProfileField::Chiffres | ProfileField::Partenaires => String::new(),
    };
    data.fields = ProfileField::ALL.iter().map(|f| FieldView { name: f.name().to_owned(), label: f.label(locale).to_owned(), value: value(*f) }).collect();
    data.fields.push(FieldView { name: "lon".into(), label: String::new(), value: form.lon.clone() });
    data.activities = Activite::ALL.iter().map(|a| (a.code().to_owned(), a.label(locale).to_owned(), editable.profile.activites.contains(a))).collect();
    data.coverage =
        editable.profile.couverture.iter().map(|c| (c.qpv.clone(), c.nom.clone(), c.statut.code().to_owned(), c.note.clone().unwrap_or_default())).collect();
    data.statuses = [CoverageStatus::Estimee, CoverageStatus::Declaree, CoverageStatus::Confirmee]
        .iter()
        .map(|s| (s.code().to_owned(), s.label(locale).to_owned()))
        .collect();
    if what == "chiffres" {
        use atlas_core::territoire::report::KeyFigure;
        data.figure_labels = KeyFigure::ALL.iter().map(|f| (f.code().to_owned(), f.label(locale).to_owned())).collect();
        data.figures = editable
            .profile
            .chiffres
            .iter()
            .rev()
            .map(|c| FiguresView {
                annee: c.annee,
                values: KeyFigure::ALL.iter().map(|f| f.of(c).map(|v| (v.to_string(), locale.int(v))).unwrap_or_default()).collect(),
                source: c.source.clone().unwrap_or_default(),
            })
            .collect();
    }
    if what == "partenaires" {
        data.activities = Activite::ALL.iter().map(|a| (a.code().to_owned(), a.label(locale).to_owned(), false)).collect();
        super::partners_data::fill(&mut data, &db, &actor, &editable.profile, &q, locale).await?;
    }
    if what == "actualites" {
        let posts = atlas_service::regie::news::all(&db, &actor, &data.slug).await.map_err(fail)?;
        data.news = posts.into_iter().map(|p| (p.id, p.titre, p.texte, locale.date(&p.date))).collect();
    }
    if what == "fiche" {
        data.tiles = crate::carte::tiles_from_env();
        data.candidates = edit::candidates(&db, &actor, &data.slug).await.map_err(fail)?;
        data.logo = atlas_service::regie::logo::current(&db, &actor, &data.slug).await.map_err(fail)?.map(|l| (l.thumb, l.width, l.height));
        let regie = atlas_service::account::store::regie_id(&db, &data.slug).await.map_err(|e| fail(atlas_service::store_error(e)))?;
        if let Some(regie) = regie {
            // The daily work, where the team starts from.
            (data.to_answer, data.to_moderate) = super::daily_work::load(&db, &actor, &data.slug, regie, locale).await.map_err(fail)?;
            data.team_admin = actor.may(atlas_service::Action::ManageTeam { regie });
        }
    }
    let since = match (what.as_str(), depuis) {
        ("historique", _) => Some(-1),
        ("fiche" | "chiffres" | "partenaires", Some(from)) => Some(from),
        _ => None,
    };
    if let Some(since) = since {
        let all = edit::history(&db, &actor, &data.slug).await.map_err(fail)?;
        data.versions = versions(&all, since, &data.texts, locale);
    }
    Ok(data)
}

/// The versions after `since`, each with what it changed from the one before, in words.
#[cfg(feature = "ssr")]
fn versions(all: &[atlas_service::regie::versions::Version], since: i64, t: &GestionTexts, locale: crate::i18n::Locale) -> Vec<VersionView> {
    use super::texts::T;
    let empty = t.get(T::Empty);
    let or_empty = |s: String| if s.is_empty() { empty.clone() } else { s };
    // `all` is the newest first: each version's predecessor is the next one in the list.
    all.iter()
        .enumerate()
        .filter(|(_, v)| v.number > since)
        .map(|(i, v)| {
            let title = match (v.kind.as_str(), v.restored_from) {
                ("origine", _) => t.get(T::OriginTitle),
                ("verification", _) => format!("{} ({})", t.get(T::VersionTitle).replace("{n}", &v.number.to_string()), t.get(T::VerificationTitle)),
                ("import", _) => format!("{} ({})", t.get(T::VersionTitle).replace("{n}", &v.number.to_string()), t.get(T::ImportVersion)),
                (_, Some(from)) => {
                    format!("{} ({})", t.get(T::VersionTitle).replace("{n}", &v.number.to_string()), t.get(T::RestoreOf).replace("{n}", &from.to_string()))
                }
                _ => t.get(T::VersionTitle).replace("{n}", &v.number.to_string()),
            };
            let who = v.author.clone().map(|a| format!("« {a} »")).unwrap_or_else(|| t.get(T::Nobody));
            let when = locale.date(&atlas_service::account::profile::iso_date(v.at));
            let changes = match all.get(i + 1) {
                Some(before) => before
                    .profile
                    .changes(&v.profile, locale)
                    .into_iter()
                    .map(|c| (c.field.label(locale).to_owned(), or_empty(c.before), or_empty(c.after)))
                    .collect(),
                None => Vec::new(),
            };
            VersionView { number: v.number, title, byline: t.get(T::By).replace("{who}", &who).replace("{when}", &when), changes }
        })
        .collect()
}

/// `/reseau`: the requests to keep an entry, and the entries nobody touched for a year.
#[cfg(feature = "ssr")]
async fn network_page(mut data: GestionData, db: &atlas_service::db::Database, actor: &atlas_service::Actor, locale: crate::i18n::Locale) -> Result<GestionData, ServerFnError> {
    use super::texts::T;
    use atlas_service::account::team::TeamRole;
    if !data.network {
        crate::error::set_status(403);
        return Ok(data);
    }
    let day = |ms: i64| locale.date(&atlas_service::account::profile::iso_date(ms));
    let t = &data.texts;
    let claims = atlas_service::regie::claim::queue(db, actor).await.map_err(crate::error::fail)?;
    data.claims = claims
        .into_iter()
        .map(|c| {
            let role = t.get(if c.role == TeamRole::Admin { T::RoleAdmin } else { T::RoleEditor });
            let who = t.get(T::ClaimFrom).replace("{who}", &format!("{} <{}>", c.pseudonym, c.email)).replace("{date}", &day(c.created_at)).replace("{role}", &role);
            (c.id, c.regie_slug, c.regie_name, who, c.message)
        })
        .collect();
    let create = super::create_page::CreateTexts::of(locale);
    data.proposals = atlas_service::regie::proposal::queue(db, actor)
        .await
        .map_err(crate::error::fail)?
        .into_iter()
        .map(|p| {
            let f = &p.form;
            let place = format!("{} {}", f.code_postal.trim(), p.commune);
            let entry = [f.siret.trim(), f.adresse.trim(), place.trim()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ");
            let maybe = p
                .duplicates
                .into_iter()
                .map(|l| {
                    use super::create_page::T as C;
                    let why = l.metres.map_or_else(|| create.get(C::SameSiret), |m| create.get(C::Near).replace("{d}", &locale.distance(m.round() as u32)));
                    (l.slug, l.nom, format!("{} · {why}", l.commune))
                })
                .collect();
            let from = t.get(T::ProposalFrom).replace("{who}", &format!("{} <{}>", p.pseudonym, p.email)).replace("{date}", &day(p.created_at));
            ProposalView { id: p.id, name: f.nom.clone(), entry, from, message: p.message, maybe }
        })
        .collect();
    data.corrections = atlas_service::correction::queue(db, actor)
        .await
        .map_err(crate::error::fail)?
        .into_iter()
        .map(|c| {
            let topic = c.topic.map_or("?", |t| t.label(locale));
            let date = locale.date(c.created_at.get(..10).unwrap_or(&c.created_at));
            let about = t.get(T::CorrectionAbout).replace("{topic}", topic).replace("{date}", &date);
            CorrectionView { id: c.id, regie_slug: c.regie_slug, regie_name: c.regie_name, about, message: c.message, contact: c.contact }
        })
        .collect();
    data.declared = atlas_service::regie::edit::declared(db, actor)
        .await
        .map_err(crate::error::fail)?
        .into_iter()
        .map(|c| (c.regie_slug, c.regie_name, c.qpv, c.qpv_name, c.note.unwrap_or_default()))
        .collect();
    let stale = atlas_service::regie::edit::stale(db, actor).await.map_err(crate::error::fail)?;
    data.stale = stale
        .into_iter()
        .map(|(slug, name, last)| (slug, name, last.map_or_else(|| t.get(T::StaleNever), |at| t.get(T::StaleSince).replace("{date}", &day(at)))))
        .collect();
    Ok(data)
}
