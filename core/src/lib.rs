//! Pure domain of the Atlas des Régies: what a Régie, a QPV and a territory are, the rules that
//! validate them and the parsers that read the official files. No web, no database, no I/O.

pub mod account;
pub mod activite;
pub mod correction;
pub mod coverage;
pub mod csv_fr;
pub mod dates;
pub mod error;
pub mod gap;
pub mod line_problem;
pub mod import_job;
pub mod locale;
pub mod moderation;
pub mod notification;
pub mod participation;
pub mod partner;
pub mod place;
pub mod qpv;
pub mod regie;
pub mod rights;
pub mod siret;
pub mod territoire;
pub mod text;

#[cfg(feature = "import")]
pub mod csv_input;
#[cfg(feature = "import")]
pub mod report;
#[cfg(feature = "geometry")]
pub mod geometry;
#[cfg(feature = "geometry")]
pub mod locate;
#[cfg(feature = "search")]
pub mod search;
#[cfg(feature = "geometry")]
pub mod map;
