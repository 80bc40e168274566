//! The Atlas des Régies server: configuration, database, importers and the HTTP application.

pub mod api;
pub mod backup;
pub mod cache;
pub mod config;
pub mod corrections;
pub mod db;
pub mod exports;
pub mod http;
pub mod import;
pub mod limits;
pub mod map;
pub mod reference;
