//! The Atlas des Régies server: the HTTP adapters (pages and server functions through Leptos,
//! the JSON API, exports, map data) around the use cases of `atlas_service`, and their guards.

pub mod api;
pub mod audit;
pub mod cache;
pub mod config;
pub mod error;
pub mod exports;
pub mod creation;
pub mod gestion;
pub mod gestion_logo;
pub mod gestion_news;
pub mod gestion_partners;
pub mod http;
pub mod imports;
pub mod limits;
pub mod live;
pub mod map;
pub mod page_cache;
pub mod participation;
pub mod people;
pub mod security;
pub mod session;
pub mod state;
pub mod unsubscribe;
pub mod users_cli;
