//! Configuration from the environment, with the defaults the README documents.

/// `DATABASE_URL`, default `sqlite://data/atlas.db` (created on first run).
pub fn database_url() -> String {
    std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite://data/atlas.db".to_owned())
}

/// Folder of the derived reference files loaded into an empty database: `ATLAS_REFERENCE_DIR`,
/// default `data/reference`.
pub fn reference_dir() -> std::path::PathBuf {
    std::env::var("ATLAS_REFERENCE_DIR").unwrap_or_else(|_| "data/reference".to_owned()).into()
}

/// The demonstration partnerships file: `ATLAS_DEMO_FILE`, default `data/demo/partenariats.csv`.
pub fn demo_file() -> std::path::PathBuf {
    std::env::var("ATLAS_DEMO_FILE").unwrap_or_else(|_| "data/demo/partenariats.csv".to_owned()).into()
}
