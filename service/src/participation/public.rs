//! What participation publishes beyond its pages: an Atom feed per QPV (its latest items and
//! their statuses, for feed readers and partners' sites), and the public aggregates of a
//! territory for élus (items by status, the main categories, the answer clock).

use atlas_core::locale::Locale;
use atlas_core::participation::clock::{AnswerClock, PERIOD_MS};
use atlas_core::participation::view::{Filter, Sort, TerritoryParticipation};
use atlas_core::participation::{Category, Status};

use super::{read, store};
use crate::account::{public_url, store as accounts};
use crate::db::Database;
use crate::{store_error, Action, Actor, Error};

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn rfc3339(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms).map(|t| t.to_string()).unwrap_or_default()
}

/// The Atom feed of a QPV's latest 50 items, in `locale`; `None` when no QPV has this code.
pub async fn atom(db: &Database, actor: &Actor, qpv: &str, locale: Locale) -> Result<Option<String>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let code = qpv.trim().to_uppercase();
    let Some(name) = store::qpv_name(&mut conn, &code).await.map_err(store_error)? else { return Ok(None) };
    let items = read::list(&mut conn, &Filter { qpv: Some(code.clone()), sort: Sort::Recent, ..Filter::default() }).await.map_err(store_error)?.items;
    let base = public_url();
    let page = format!("{base}{}", locale.path(&format!("/participation?qpv={code}")));
    let title = match locale {
        Locale::Fr => format!("Participation : {name} — Atlas des Régies"),
        Locale::En => format!("Participation: {name} — Atlas des Régies"),
    };
    let updated = items.iter().map(|i| i.created_at).max().unwrap_or(0);
    let mut out = String::with_capacity(4096);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    out.push_str(&format!("<id>{}</id>\n<title>{}</title>\n<updated>{}</updated>\n", xml(&page), xml(&title), rfc3339(updated)));
    out.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", xml(&page)));
    out.push_str(&format!("<link rel=\"self\" href=\"{}/participation/flux/{code}.atom\"/>\n", xml(&base)));
    for item in items.iter().take(50) {
        let link = format!("{base}{}", locale.path(&format!("/participation/{}", item.id)));
        out.push_str(&format!(
            "<entry>\n<id>{link}</id>\n<title>{}</title>\n<updated>{}</updated>\n<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n<category term=\"{}\"/>\n<summary>{}</summary>\n<author><name>Atlas des Régies</name></author>\n</entry>\n",
            xml(&item.title),
            rfc3339(item.created_at),
            item.category.code(),
            xml(&format!("{} · {} · {} · {}", item.kind.code(), item.category.code(), item.status.code(), item.supporters)),
        ));
    }
    out.push_str("</feed>\n");
    Ok(Some(out))
}

/// `level`: `france`, `region`, `departement`, `epci` or `commune`; `code` its code.
pub async fn territory(db: &Database, actor: &Actor, level: &str, code: &str) -> Result<TerritoryParticipation, Error> {
    actor.authorize(Action::ReadPublic)?;
    let scope = match level {
        "region" => "SELECT qc.qpv_code FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee JOIN departements d ON d.code = c.departement_code WHERE d.region_code = $1",
        "departement" => "SELECT qc.qpv_code FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee WHERE c.departement_code = $1",
        "epci" => "SELECT qc.qpv_code FROM qpv_communes qc JOIN communes c ON c.insee = qc.commune_insee WHERE c.epci_siren = $1",
        "commune" => "SELECT qc.qpv_code FROM qpv_communes qc WHERE qc.commune_insee = $1",
        _ => "SELECT code FROM qpv WHERE code <> $1",
    };
    let now = accounts::now_ms();
    let sql = format!(
        "SELECT status, category, created_at, first_answer_at FROM participation_items WHERE hidden_at IS NULL AND created_at >= $2 AND qpv_code IN ({scope})"
    );
    let rows: Vec<(String, String, i64, Option<i64>)> =
        sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(code).bind(now - PERIOD_MS).fetch_all(&db.pool).await.map_err(store_error)?;
    let count = |f: &dyn Fn(&(String, String, i64, Option<i64>)) -> bool| rows.iter().filter(|r| f(r)).count();
    let by_status = Status::ALL.into_iter().map(|s| (s, count(&|r| r.0 == s.code()))).filter(|(_, n)| *n > 0).collect();
    let mut top_categories: Vec<(Category, usize)> = Category::ALL.into_iter().map(|c| (c, count(&|r| r.1 == c.code()))).filter(|(_, n)| *n > 0).collect();
    top_categories.sort_by(|a, b| b.1.cmp(&a.1));
    top_categories.truncate(3);
    let times: Vec<(i64, Option<i64>)> = rows.iter().map(|r| (r.2, r.3)).collect();
    Ok(TerritoryParticipation { items: rows.len(), by_status, top_categories, clock: AnswerClock::of(&times, now) })
}
