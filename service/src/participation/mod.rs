//! The participatory space of each QPV: habitants post signalements and propositions, support
//! them (« Moi aussi », which also follows), comment; the staff of the Régies covering the QPV
//! answer with a status and moderate. One transaction per use case; each bumps the participation
//! revision (every instance's page cache follows) and mails go out with the transaction.

pub mod demo;
pub mod drafts;
pub mod export;
pub mod permanence;
pub mod photo;
pub mod public;
pub mod read;
pub mod store;
mod write;

pub use write::{comment, delete_comment, edit_comment, hide_comment, hide_item, reopen, set_status, support};

use atlas_core::participation::clock::AnswerClock;
use atlas_core::participation::threads::{page_of_threads, CommentsAt};
use atlas_core::participation::similar::{close_titles, distance_m, NEARBY_M};
use atlas_core::participation::view::{Filter, ItemDetail, ItemSummary, ListPage, Viewer};
use atlas_core::participation::{reopenable, Category, Draft, Outcome, Problem};

use crate::account::{public_url, store as accounts};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Atlas, Code, Error};

/// Flood limits per account, over an hour, holding across instances (counted in the database).
pub const ITEMS_PER_HOUR: i64 = 5;
pub const COMMENTS_PER_HOUR: i64 = 30;
const HOUR_MS: i64 = 3_600_000;

/// What a person submits on the form's two screens.
#[derive(Clone, Debug, Default)]
pub struct PostForm {
    pub kind: String,
    pub category: String,
    /// The QPV the form was started from (a QPV page, a Régie page's list).
    pub qpv: String,
    /// A point (the phone's position, a tap on the map): it decides the QPV.
    pub point: Option<(f64, f64)>,
    pub title: String,
    pub body: String,
    /// The uploaded files, as they came (checked and re-encoded here).
    pub photos: Vec<Vec<u8>>,
}

/// Too many writes of one kind in the last hour: 429 with the minutes to wait.
fn flood(count: i64, limit: i64) -> Result<(), Error> {
    if count >= limit {
        Err(Error::with(Code::TooManyRequests, "3600"))
    } else {
        Ok(())
    }
}

/// The QPV of a post: the one containing the point, else the one the form names.
pub(crate) fn qpv_of(atlas: &Atlas, form: &PostForm) -> Result<String, Problem> {
    if let Some((lat, lon)) = form.point {
        return atlas.places().locate.qpv_at(lat, lon).map(|q| q.code.clone()).ok_or(Problem::PlaceOutside);
    }
    let code = form.qpv.trim().to_uppercase();
    if code.is_empty() {
        Err(Problem::PlaceNeeded)
    } else {
        Ok(code)
    }
}

/// Posts a signalement or a proposition; answers its number. The staff of the Régies covering
/// the QPV hear of it by mail, sent with the transaction.
pub async fn post(atlas: &Atlas, actor: &Actor, form: &PostForm) -> Result<Outcome<i64>, Error> {
    post_as(atlas, actor, form, None, false).await
}

/// `post`, or (`filed`) the staff's filing for an inhabitant, which needs their `consent`.
async fn post_as(atlas: &Atlas, actor: &Actor, form: &PostForm, filed: Option<store::Filed>, consent: bool) -> Result<Outcome<i64>, Error> {
    actor.authorize(Action::Participate)?;
    let author = actor.account_id().ok_or_else(|| Error::new(Code::Forbidden))?;
    let mut problems = Vec::new();
    let draft = Draft::validate(&form.kind, &form.category, &form.title, &form.body, form.point);
    let qpv = qpv_of(atlas, form);
    if let Err(p) = &qpv {
        problems.push(*p);
    }
    if let Err(list) = &draft {
        problems.extend(list.iter().filter(|p| **p != Problem::PointInvalid || form.point.is_some()));
    }
    if filed.is_some() && !consent {
        problems.push(Problem::ConsentNeeded);
    }
    let now = accounts::now_ms();
    let db = &atlas.db;
    // Refused early when over the limit: a flood costs no photo decoding.
    {
        let mut conn = db.pool.acquire().await.map_err(store_error)?;
        flood(store::posted_since(&mut conn, author, now - HOUR_MS).await.map_err(store_error)?, ITEMS_PER_HOUR)?;
    }
    let photos = match photo::prepare(form.photos.clone()).await {
        Ok(photos) => photos,
        Err(list) => {
            problems.extend(list);
            Vec::new()
        }
    };
    let (Ok(draft), Ok(qpv), true) = (draft, qpv, problems.is_empty()) else {
        problems.sort_by_key(|p| p.field() as u8);
        problems.dedup();
        return Ok(Outcome::Refused(problems));
    };
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let Some(qpv_name) = store::qpv_name(&mut tx, &qpv).await.map_err(store_error)? else {
        return Ok(Outcome::Refused(vec![Problem::PlaceOutside]));
    };
    flood(store::posted_since(&mut tx, author, now - HOUR_MS).await.map_err(store_error)?, ITEMS_PER_HOUR)?;
    crate::moderation::refuse_if_suspended(&mut tx, author, &qpv).await?;
    let id = store::insert_item(&mut tx, &qpv, &draft, author, filed.as_ref(), now).await.map_err(store_error)?;
    store::insert_photos(&mut tx, id, &photos, now).await.map_err(store_error)?;
    // Posted: the draft it was typed from is done with.
    drafts::delete(&mut tx, author).await.map_err(store_error)?;
    let regies = store::regies_of_qpv(&mut tx, &qpv).await.map_err(store_error)?;
    let ids: Vec<i64> = regies.iter().map(|r| r.id).collect();
    for (email, lang) in store::staff_addresses(&mut tx, &ids).await.map_err(store_error)? {
        let locale = atlas_core::locale::Locale::from_lang(&lang).unwrap_or_default();
        let link = format!("{}{}", public_url(), locale.path(&format!("/participation/{id}")));
        let mail = texts::new_item(locale, &email, &draft.title, &qpv_name, draft.kind == atlas_core::participation::Kind::Signalement, &link);
        enqueue(&mut tx, &mail, now).await.map_err(store_error)?;
    }
    // A post holding a listed word waits for review (the staff, mailed above, review it); the
    // staff's own filing is not held. Else those who follow the QPV, or a Régie covering it, hear of it.
    let word = if filed.is_some() { None } else { crate::moderation::held_word(&mut tx, &qpv, &[&draft.title, &draft.body]).await.map_err(store_error)? };
    if let Some(word) = word {
        crate::moderation::hold(&mut tx, atlas_core::moderation::Target::Item, id, &word, now).await.map_err(store_error)?;
    } else {
        let news = crate::notification::fanout::News { kind: atlas_core::notification::NewsKind::NewItem, item: id, detail: &qpv_name, by: Some(author) };
        crate::notification::fanout::publish(&mut tx, news, now).await.map_err(store_error)?;
    }
    store::changed(&mut tx, db.backend).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(id, qpv = %qpv, kind = draft.kind.code(), "participation item posted");
    Ok(Outcome::Done(id))
}

/// « C'est le même ? »: open items of the QPV in the same category within `NEARBY_M` (anywhere
/// in the QPV when the new item has no point, as on the form without JavaScript), or with a
/// close title; the closest first, at most 5.
pub async fn similar(db: &Database, actor: &Actor, qpv: &str, category: &str, point: Option<(f64, f64)>, title: &str) -> Result<Vec<ItemSummary>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let category = Category::parse(category);
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let open = read::open_in_qpv(&mut conn, &qpv.trim().to_uppercase()).await.map_err(store_error)?;
    let mut found: Vec<(f64, ItemSummary)> = open
        .into_iter()
        .filter_map(|item| {
            let distance = point.zip(item.point).map(|(a, b)| distance_m(a, b));
            let near = Some(item.category) == category && (point.is_none() || distance.is_some_and(|d| d <= NEARBY_M));
            let titled = !title.trim().is_empty() && close_titles(title, &item.title);
            (near || titled).then(|| (distance.unwrap_or(f64::MAX), item))
        })
        .collect();
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(found.into_iter().take(5).map(|(_, item)| item).collect())
}

pub async fn list(db: &Database, actor: &Actor, filter: &Filter) -> Result<ListPage, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    read::list(&mut conn, filter).await.map_err(store_error)
}

/// An item's page as `actor` sees it, with its newest comments; `None` when no item has this number.
pub async fn item(db: &Database, actor: &Actor, id: i64) -> Result<Option<ItemDetail>, Error> {
    item_at(db, actor, id, CommentsAt::Latest).await
}

/// `item`, with the page of comment threads `at` asks for.
pub async fn item_at(db: &Database, actor: &Actor, id: i64, at: CommentsAt) -> Result<Option<ItemDetail>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let Some(row) = read::item(&mut conn, id).await.map_err(store_error)? else { return Ok(None) };
    let now = accounts::now_ms();
    let viewer_id = actor.account_id();
    let regies = store::regies_of_qpv(&mut conn, &row.summary.qpv_code).await.map_err(store_error)?;
    let supports = match viewer_id {
        Some(v) => store::supports(&mut conn, id, v).await.map_err(store_error)?,
        None => false,
    };
    let hidden = row.hidden.is_some();
    let suspended = match viewer_id {
        Some(v) => crate::moderation::store::suspended(&mut conn, v, &row.summary.qpv_code).await.map_err(store_error)?,
        None => false,
    };
    let viewer = Viewer {
        signed_in: viewer_id.is_some(),
        supports,
        is_author: viewer_id.is_some() && viewer_id == row.author_id,
        answers_for: regies.iter().filter(|r| actor.may(Action::AnswerParticipation { regie: r.id })).cloned().collect(),
        may_moderate: regies.iter().any(|r| actor.may(Action::ModerateParticipation { regie: r.id })) || actor.may(Action::ModerateParticipation { regie: -1 }),
        may_flag: viewer_id.is_some() && viewer_id != row.author_id && !suspended && !hidden,
        may_flag_comments: viewer_id.is_some() && !suspended && !hidden,
        may_reopen: supports && reopenable(row.summary.status, row.status_at, now),
        templates: Vec::new(),
    };
    let mut viewer = viewer;
    for regie in &viewer.answers_for {
        for (_, title, text) in store::templates(&mut conn, regie.id).await.map_err(store_error)? {
            viewer.templates.push((regie.slug.clone(), title, text));
        }
    }
    let all_comments = if hidden { Vec::new() } else { read::comments(&mut conn, id, viewer_id, now).await.map_err(store_error)? };
    let (comments, comment_paging) = page_of_threads(all_comments, at);
    let merged_into = match row.merged_into {
        Some(into) => read::item(&mut conn, into).await.map_err(store_error)?.map(|r| (into, r.summary.title)),
        None => None,
    };
    let mut summary = row.summary;
    // A post held for its words shows no title but to its author and the moderators.
    if row.hidden == Some(atlas_core::moderation::Hidden::Held) && !viewer.is_author && !viewer.may_moderate {
        summary.title = String::new();
    }
    Ok(Some(ItemDetail {
        history: read::history(&mut conn, id).await.map_err(store_error)?,
        comments,
        comment_paging,
        body: (!hidden).then_some(row.body),
        point: if hidden { None } else { row.point },
        author: row.author,
        hidden: row.hidden,
        merged_into,
        filed_by: row.filed_by,
        photos: if hidden { Vec::new() } else { read::photos(&mut conn, id).await.map_err(store_error)? },
        regies,
        viewer,
        summary,
    }))
}

/// A Régie's answer clock (public).
pub async fn answer_clock(db: &Database, actor: &Actor, regie_slug: &str) -> Result<AnswerClock, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let regie = accounts::regie_id(db, regie_slug).await.map_err(store_error)?.ok_or_else(|| Error::new(Code::UnknownRegie))?;
    read::clock(&mut conn, regie, accounts::now_ms()).await.map_err(store_error)
}

/// The name of the QPV with this code and its centre, for a participation page (its title, the
/// map's first view).
pub async fn qpv_place(db: &Database, actor: &Actor, code: &str) -> Result<Option<(String, Option<(f64, f64)>)>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let row: Option<(String, Option<f64>, Option<f64>)> =
        sqlx::query_as("SELECT nom, lat, lon FROM qpv WHERE code = $1").bind(code).fetch_optional(&db.pool).await.map_err(store_error)?;
    Ok(row.map(|(name, lat, lon)| (name, lat.zip(lon))))
}

/// The QPV whose outline contains the point (a tap on the map, the phone's position).
pub fn qpv_at(atlas: &Atlas, actor: &Actor, lat: f64, lon: f64) -> Result<Option<String>, Error> {
    actor.authorize(Action::ReadPublic)?;
    Ok(atlas.places().locate.qpv_at(lat, lon).map(|q| q.code.clone()))
}

/// The form's place without JavaScript: the commune best matching a name or postcode, and its
/// QPVs by name (the person picks theirs). `UnknownCommune` (404) when none matches.
pub async fn qpvs_of_commune(atlas: &Atlas, actor: &Actor, q: &str) -> Result<(String, Vec<(String, String)>), Error> {
    actor.authorize(Action::ReadPublic)?;
    if q.chars().count() > crate::regie::QUERY_MAX_CHARS {
        return Err(Error::new(Code::QueryTooLong));
    }
    let not_found = || Error::with(Code::UnknownCommune, q.trim());
    let insee = atlas.places().best_commune(q).ok_or_else(not_found)?;
    let mut conn = atlas.db.pool.acquire().await.map_err(store_error)?;
    let name: String = sqlx::query_scalar("SELECT nom FROM communes WHERE insee = $1").bind(&insee).fetch_optional(&mut *conn).await.map_err(store_error)?.ok_or_else(not_found)?;
    let qpvs: Vec<(String, String)> = sqlx::query_as(
        "SELECT q.code, q.nom FROM qpv_communes qc JOIN qpv q ON q.code = qc.qpv_code WHERE qc.commune_insee = $1 ORDER BY q.nom, q.code",
    )
    .bind(&insee)
    .fetch_all(&mut *conn)
    .await
    .map_err(store_error)?;
    Ok((name, qpvs))
}

/// The name of the Régie with this slug, for a participation page's title.
pub async fn regie_name(db: &Database, actor: &Actor, slug: &str) -> Result<Option<String>, Error> {
    actor.authorize(Action::ReadPublic)?;
    sqlx::query_scalar("SELECT nom FROM regies WHERE slug = $1").bind(slug).fetch_optional(&db.pool).await.map_err(store_error)
}

/// A photo's JPEG, or its thumbnail; `None` when there is none (or its item is hidden).
pub async fn photo_file(db: &Database, actor: &Actor, id: i64, thumb: bool) -> Result<Option<Vec<u8>>, Error> {
    actor.authorize(Action::ReadPublic)?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    read::photo_bytes(&mut conn, id, thumb).await.map_err(store_error)
}

/// The Régies covering this QPV for which the actor may answer (and file for an inhabitant).
pub async fn answering_regies(db: &Database, actor: &Actor, qpv: &str) -> Result<Vec<atlas_core::participation::view::RegieRef>, Error> {
    actor.authorize(Action::ReadPublic)?;
    if actor.staff_regies().is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let regies = store::regies_of_qpv(&mut conn, qpv).await.map_err(store_error)?;
    Ok(regies.into_iter().filter(|r| actor.may(Action::AnswerParticipation { regie: r.id })).collect())
}
