//! A person's participation in their data export (RGPD art. 15 and 20): the items they posted,
//! filed or hid, their supports and follows, their comments, the statuses they set, their draft,
//! their flags, moderation acts and suspensions. Every
//! column, as stored; the claim code's hash is not copied.

use serde_json::{json, Map, Value};
use sqlx::{AnyConnection, Row};

fn rows(list: Vec<sqlx::any::AnyRow>, columns: &[(&str, Kind)]) -> Value {
    Value::Array(
        list.iter()
            .map(|row| {
                let mut object = Map::new();
                for (name, kind) in columns {
                    let value = match kind {
                        Kind::Int => row.try_get::<Option<i64>, _>(*name).ok().flatten().map_or(Value::Null, Value::from),
                        Kind::Float => row.try_get::<Option<f64>, _>(*name).ok().flatten().map_or(Value::Null, Value::from),
                        Kind::Text => row.try_get::<Option<String>, _>(*name).ok().flatten().map_or(Value::Null, Value::from),
                        Kind::Secret => json!("non recopié"),
                    };
                    object.insert((*name).to_owned(), value);
                }
                Value::Object(object)
            })
            .collect(),
    )
}

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Float,
    Text,
    Secret,
}

use Kind::{Float, Int, Secret, Text};

const ITEM: &[(&str, Kind)] = &[
    ("id", Int), ("qpv_code", Text), ("kind", Text), ("category", Text), ("title", Text), ("title_key", Text), ("body", Text),
    ("lat", Float), ("lon", Float), ("author_id", Int), ("status", Text), ("status_at", Int), ("first_answer_at", Int),
    ("supporters", Int), ("comments", Int), ("hidden_at", Int), ("hidden_reason", Text), ("hidden_by", Int),
    ("filed_by_regie", Int), ("filed_by_account", Int), ("consent_at", Int), ("claim_hash", Secret), ("demo", Int), ("created_at", Int),
    ("review", Text), ("merged_into", Int),
];
const COMMENT: &[(&str, Kind)] = &[
    ("id", Int), ("item_id", Int), ("parent_id", Int), ("author_id", Int), ("regie_id", Int), ("body", Text), ("created_at", Int),
    ("edited_at", Int), ("deleted_at", Int), ("hidden_at", Int), ("hidden_reason", Text), ("hidden_by", Int), ("review", Text),
];
const FLAG: &[(&str, Kind)] = &[("id", Int), ("target", Text), ("target_id", Int), ("reason", Text), ("created_at", Int), ("reviewed_at", Int)];
/// The acts the person took as a moderator (the public log names their role, this names them).
const ACT: &[(&str, Kind)] = &[
    ("id", Int), ("qpv_code", Text), ("item_id", Int), ("target", Text), ("target_id", Int), ("act", Text), ("by_role", Text),
    ("regie_id", Int), ("reason", Text), ("other_item", Int), ("undoes", Int), ("undone_at", Int), ("at", Int),
];
const SUSPENSION: &[(&str, Kind)] = &[("id", Int), ("regie_id", Int), ("created_at", Int), ("lifted_at", Int)];
const MARK: &[(&str, Kind)] = &[("item_id", Int), ("created_at", Int)];
const DRAFT: &[(&str, Kind)] = &[
    ("kind", Text), ("category", Text), ("qpv_code", Text), ("lat", Float), ("lon", Float), ("title", Text), ("body", Text), ("saved_at", Int),
];
const HISTORY: &[(&str, Kind)] = &[("id", Int), ("item_id", Int), ("status", Text), ("regie_id", Int), ("message", Text), ("partner", Text), ("at", Int)];

/// The participation tables of the export, by table name.
pub async fn of(conn: &mut AnyConnection, account: i64) -> Result<Map<String, Value>, sqlx::Error> {
    let mut out = Map::new();
    let items = sqlx::query("SELECT * FROM participation_items WHERE author_id = $1 OR filed_by_account = $1 OR hidden_by = $1 ORDER BY id")
        .bind(account)
        .fetch_all(&mut *conn)
        .await?;
    out.insert("participation_items".into(), rows(items, ITEM));
    let comments = sqlx::query("SELECT * FROM participation_comments WHERE author_id = $1 OR hidden_by = $1 ORDER BY id").bind(account).fetch_all(&mut *conn).await?;
    out.insert("participation_comments".into(), rows(comments, COMMENT));
    for table in ["participation_supports", "participation_follows"] {
        let sql = format!("SELECT item_id, created_at FROM {table} WHERE account_id = $1 ORDER BY item_id");
        let list = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(account).fetch_all(&mut *conn).await?;
        out.insert(table.into(), rows(list, MARK));
    }
    let history = sqlx::query("SELECT id, item_id, status, regie_id, message, partner, at FROM participation_history WHERE account_id = $1 ORDER BY id")
        .bind(account)
        .fetch_all(&mut *conn)
        .await?;
    out.insert("participation_history".into(), rows(history, HISTORY));
    let draft = sqlx::query("SELECT * FROM participation_drafts WHERE account_id = $1").bind(account).fetch_all(&mut *conn).await?;
    out.insert("participation_drafts".into(), rows(draft, DRAFT));
    let flags = sqlx::query("SELECT * FROM moderation_flags WHERE account_id = $1 ORDER BY id").bind(account).fetch_all(&mut *conn).await?;
    out.insert("moderation_flags".into(), rows(flags, FLAG));
    let acts = sqlx::query("SELECT * FROM moderation_log WHERE account_id = $1 ORDER BY id").bind(account).fetch_all(&mut *conn).await?;
    out.insert("moderation_log".into(), rows(acts, ACT));
    let suspensions = sqlx::query("SELECT * FROM participation_suspensions WHERE account_id = $1 ORDER BY id").bind(account).fetch_all(&mut *conn).await?;
    out.insert("participation_suspensions".into(), rows(suspensions, SUSPENSION));
    Ok(out)
}
