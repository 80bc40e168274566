//! The network's audit log (`/reseau/journal`): who changed what in the Régies' public data,
//! before and after, when. Every version of a profile (an edit, a restore, a verification, an
//! import) compared with the one before it, and the network's answers to the requests to keep a
//! Régie's page; filtered by Régie, person and kind; as CSV for a spreadsheet.

use atlas_core::csv_fr::{inert, CsvFr};
use atlas_core::locale::Locale;
use atlas_core::regie::audit::AuditKind;
use atlas_core::regie::profile::Profile;

use crate::db::Database;
use crate::{store_error, Action, Actor, Error};

/// What to show: each empty field is no filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// A Régie's slug.
    pub regie: String,
    /// An author's pseudonym.
    pub person: String,
    /// An `AuditKind` code.
    pub kind: String,
}

/// One change, its fields in `locale`'s words.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub at: i64,
    pub regie_slug: String,
    pub regie_name: String,
    /// `None`: the command line, or an account deleted since.
    pub author: Option<String>,
    pub kind: AuditKind,
    /// (field, before, after) of each field changed (a version), or what was decided (a request).
    pub changes: Vec<(String, String, String)>,
}

/// The log, the newest first, and what its filters may choose: (slug, name) of the Régies and
/// the people that appear in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditLog {
    pub entries: Vec<Entry>,
    pub regies: Vec<(String, String)>,
    pub people: Vec<String>,
}

type VersionRow = (i64, String, String, i64, String, i64, Option<String>, String);
type ClaimRow = (String, String, i64, Option<String>, String, Option<String>, String);

pub async fn log(db: &Database, actor: &Actor, filter: &Filter, locale: Locale) -> Result<AuditLog, Error> {
    actor.authorize(Action::VerifyRegies)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let versions: Vec<VersionRow> = sqlx::query_as(
        "SELECT v.regie_id, r.slug, r.nom, v.version, v.kind, v.at, a.pseudonym, v.profile
         FROM regie_versions v JOIN regies r ON r.id = v.regie_id LEFT JOIN accounts a ON a.id = v.author_id
         WHERE $1 = '' OR r.slug = $1 ORDER BY v.regie_id, v.version",
    )
    .bind(&filter.regie)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    let mut entries = Vec::new();
    // Each version compared with the one before it (the rows come by Régie, then version).
    let mut previous: Option<(i64, Profile)> = None;
    for (regie, slug, name, _, kind, at, author, json) in versions {
        let Ok(profile) = serde_json::from_str::<Profile>(&json) else { continue };
        let before = previous.take().filter(|(id, _)| *id == regie).map(|(_, p)| p);
        if let Some(kind) = AuditKind::of_version(&kind) {
            let changes = before
                .as_ref()
                .map(|b| b.changes(&profile, locale).into_iter().map(|c| (c.field.label(locale).to_owned(), c.before, c.after)).collect())
                .unwrap_or_default();
            entries.push(Entry { at, regie_slug: slug, regie_name: name, author, kind, changes });
        }
        previous = Some((regie, profile));
    }
    let claims: Vec<ClaimRow> = sqlx::query_as(
        "SELECT r.slug, r.nom, c.decided_at, d.pseudonym, c.decision, p.pseudonym, c.role
         FROM regie_claims c JOIN regies r ON r.id = c.regie_id LEFT JOIN accounts d ON d.id = c.decided_by LEFT JOIN accounts p ON p.id = c.account_id
         WHERE c.decision IS NOT NULL AND ($1 = '' OR r.slug = $1)",
    )
    .bind(&filter.regie)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    for (slug, name, at, author, decision, asker, role) in claims {
        let kind = if decision == "acceptee" { AuditKind::ClaimAccepted } else { AuditKind::ClaimRefused };
        let role = role_label(crate::account::team::TeamRole::parse(&role), locale);
        let asked = (role_word(locale).to_owned(), String::new(), format!("{} : {role}", asker.unwrap_or_default()));
        entries.push(Entry { at, regie_slug: slug, regie_name: name, author, kind, changes: vec![asked] });
    }
    let mut people: Vec<String> = entries.iter().filter_map(|e| e.author.clone()).collect();
    people.sort();
    people.dedup();
    entries.retain(|e| (filter.person.is_empty() || e.author.as_deref() == Some(filter.person.as_str())) && (filter.kind.is_empty() || e.kind.code() == filter.kind));
    entries.sort_by(|a, b| b.at.cmp(&a.at));
    let regies: Vec<(String, String)> = sqlx::query_as(
        "SELECT r.slug, r.nom FROM regies r
         WHERE EXISTS (SELECT 1 FROM regie_versions v WHERE v.regie_id = r.id AND v.kind <> 'origine')
            OR EXISTS (SELECT 1 FROM regie_claims c WHERE c.regie_id = r.id AND c.decision IS NOT NULL)
         ORDER BY r.nom",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok(AuditLog { entries, regies, people })
}

fn role_label(role: Option<crate::account::team::TeamRole>, locale: Locale) -> &'static str {
    use crate::account::team::TeamRole::Admin;
    match (role, locale) {
        (Some(Admin), Locale::Fr) => "administrateur",
        (Some(Admin), Locale::En) => "administrator",
        (_, Locale::Fr) => "éditeur",
        (_, Locale::En) => "editor",
    }
}

fn role_word(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "rôle demandé",
        Locale::En => "role asked",
    }
}

/// The filtered log as CSV, one line per field changed (a verification has one line, no field).
pub async fn csv(db: &Database, actor: &Actor, filter: &Filter, locale: Locale) -> Result<String, Error> {
    let log = log(db, actor, filter, locale).await?;
    let header: [&str; 7] = match locale {
        Locale::Fr => ["date", "regie", "auteur", "type", "champ", "avant", "apres"],
        Locale::En => ["date", "regie", "author", "kind", "field", "before", "after"],
    };
    let mut out = CsvFr::new(&header);
    for e in &log.entries {
        let when = crate::account::profile::iso_date(e.at);
        let author = e.author.as_deref().map(inert).unwrap_or_default();
        let lines = if e.changes.is_empty() { vec![(String::new(), String::new(), String::new())] } else { e.changes.clone() };
        for (field, before, after) in lines {
            out.row([when.as_str(), inert(&e.regie_name).as_ref(), author.as_ref(), e.kind.label(locale), field.as_str(), inert(&before).as_ref(), inert(&after).as_ref()]);
        }
    }
    Ok(out.finish())
}
