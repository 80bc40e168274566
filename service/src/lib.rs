//! The use-case layer of the Atlas des Régies, server side only.
//!
//! Every read and write that pages, server functions, the JSON API and the command line share
//! is a use case here, in the module of its domain concept (`regie`, `qpv`, `commune`,
//! `territory`, `partner`, `place`, `correction`, `import`). A use case receives the acting
//! party (`Actor`), asks `Actor::authorize`, validates with `atlas_core`, runs one transaction
//! in its concept's `store` (the only SQL), bumps the data revision of what it changed, and
//! answers `Result<_, atlas_core::error::Error>`. Adapters (the `app` crate's server functions,
//! the `server` crate's JSON handlers and CLI) only translate requests into calls.
//!
//! The `snapshot` is what the server holds in memory; `watch` keeps it at the database's
//! revisions on every instance.

pub mod account;
pub mod atlas;
pub mod backup;
pub mod commune;
pub mod correction;
pub mod db;
pub mod import;
pub mod lease;
pub mod live;
pub mod mail;
pub mod moderation;
pub mod notification;
pub mod participation;
pub mod partner;
pub mod place;
pub mod qpv;
pub mod regie;
pub mod revision;
pub mod snapshot;
pub mod startup;
pub mod territory;
pub mod watch;

pub use atlas::Atlas;
pub use atlas_core::error::{Code, Error};
pub use atlas_core::rights::{Action, Actor};

/// A store failure as users see it. Text PostgreSQL cannot hold (a NUL byte) is the request's
/// fault: 400. Anything else is logged with what failed and answered as a 503 that reveals
/// nothing internal (the database is down or overloaded: the client may retry).
pub fn store_error(e: sqlx::Error) -> Error {
    if let sqlx::Error::Database(d) = &e {
        // 22021 character_not_in_repertoire, 22P05 untranslatable_character.
        if matches!(d.code().as_deref(), Some("22021" | "22P05")) {
            return Error::new(Code::MalformedRequest);
        }
    }
    tracing::error!(error = %e, "database query failed");
    Error::new(Code::Unavailable)
}

/// A schema.org JSON-LD object as text, with `<` escaped so it can never close its script element.
pub fn json_ld(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c")
}
