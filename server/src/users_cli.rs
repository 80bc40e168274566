//! `server users …`: accounts made, listed, suspended and removed by the operator (the first
//! network administrator of a fresh install; Régie teams until the back-office invites them).

use std::io::Read;

use atlas_core::account::Role;
use atlas_service::account::{operator, second_factor};
use atlas_service::db::Database;
use atlas_service::Actor;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum UsersWhat {
    /// Crée le compte (ou le retrouve) et lui donne le rôle. Sans --password-stdin, un lien pour
    /// choisir le mot de passe est envoyé par e-mail (et affiché).
    Add {
        email: String,
        /// network-admin, observer, regie-admin, regie-editor ; sans rôle : un compte d'habitant.
        #[arg(long)]
        role: Option<String>,
        /// La Régie (identifiant de sa page, /regies/IDENTIFIANT) des rôles regie-admin et regie-editor.
        #[arg(long)]
        regie: Option<String>,
        /// Le territoire d'un observateur : departement:93, region:11, epci:200054781, commune:93066.
        #[arg(long)]
        territoire: Option<String>,
        /// Pseudonyme public (par défaut : la partie de l'adresse avant @).
        #[arg(long)]
        pseudonym: Option<String>,
        /// Lit le mot de passe sur l'entrée standard (une ligne).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Liste les comptes : adresse, pseudonyme, état, rôles.
    List,
    /// Suspend le compte : ses sessions se terminent, toute écriture est refusée.
    Suspend { email: String },
    /// Supprime le compte, ses rôles et ses sessions.
    Remove { email: String },
    /// Active le second facteur (code TOTP d'une application d'authentification) d'un
    /// administrateur du réseau : affiche la clé à saisir dans l'application. --off le retire.
    Totp {
        email: String,
        #[arg(long)]
        off: bool,
    },
}

async fn role(db: &Database, kind: Option<&str>, regie: Option<&str>, territory: Option<&str>) -> Result<Option<Role>, String> {
    let need_regie = || regie.ok_or_else(|| "--regie IDENTIFIANT est requis pour ce rôle".to_owned());
    Ok(Some(match kind {
        None => return Ok(None),
        Some("network-admin") => Role::NetworkAdmin,
        Some("observer") => {
            let t = territory.ok_or("--territoire est requis pour un observateur (ex. departement:93)")?;
            let Some((level, code)) = t.split_once(':') else { return Err(format!("territoire « {t} » : attendu niveau:code, ex. departement:93")) };
            let level = level.to_ascii_lowercase();
            if !matches!(level.as_str(), "region" | "departement" | "epci" | "commune") || code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
                return Err(format!("territoire « {t} » : attendu niveau:code, ex. departement:93"));
            }
            Role::Observer { territory: format!("{level}:{}", code.to_ascii_uppercase()) }
        }
        Some("regie-admin") => Role::RegieAdmin { regie: operator::regie_id(db, need_regie()?).await.map_err(|e| e.message(atlas_core::locale::Locale::Fr))? },
        Some("regie-editor") => Role::RegieEditor { regie: operator::regie_id(db, need_regie()?).await.map_err(|e| e.message(atlas_core::locale::Locale::Fr))? },
        Some(other) => return Err(format!("rôle « {other} » inconnu : network-admin, observer, regie-admin ou regie-editor")),
    }))
}

/// Runs the command as the operator; the text to print, or the error in French.
pub async fn run(db: &Database, what: UsersWhat) -> Result<String, String> {
    let cli = Actor::Cli;
    let fr = |e: atlas_service::Error| e.message(atlas_core::locale::Locale::Fr);
    match what {
        UsersWhat::Add { email, role: kind, regie, territoire, pseudonym, password_stdin } => {
            let role = role(db, kind.as_deref(), regie.as_deref(), territoire.as_deref()).await?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin().read_to_string(&mut line).map_err(|e| format!("entrée standard : {e}"))?;
                Some(line.trim_end_matches(['\n', '\r']).to_owned())
            } else {
                None
            };
            let added = operator::add(db, &cli, &email, role.clone(), pseudonym.as_deref(), password.as_deref()).await.map_err(fr)?;
            let mut out = format!("Compte {} ({}){}.\n", email.trim(), if added.created { "créé" } else { "existant" }, role.map(|r| format!(", rôle {}", r.kind())).unwrap_or_default());
            if let Some(link) = added.password_link {
                out.push_str(&format!("Lien pour choisir le mot de passe (valable 7 jours, aussi envoyé par e-mail) :\n{link}\n"));
            }
            Ok(out)
        }
        UsersWhat::List => Ok(operator::list(db, &cli).await.map_err(fr)?.iter().map(|l| format!("{l}\n")).collect()),
        UsersWhat::Suspend { email } => operator::suspend(db, &cli, &email).await.map(|()| format!("Compte {email} suspendu.\n")).map_err(fr),
        UsersWhat::Totp { email, off: true } => second_factor::disable(db, &cli, &email).await.map(|()| format!("Second facteur retiré du compte {email}.\n")).map_err(fr),
        UsersWhat::Totp { email, off: false } => {
            let e = second_factor::enable(db, &cli, &email).await.map_err(fr)?;
            Ok(format!(
                "Second facteur activé pour {email} ; ses sessions sont terminées.\n\
                 Clé à saisir dans l'application d'authentification (TOTP, 6 chiffres, 30 s) :\n{}\n\
                 Ou ce lien, à ouvrir sur le téléphone :\n{}\n",
                e.secret, e.url
            ))
        }
        UsersWhat::Remove { email } => operator::remove(db, &cli, &email).await.map(|()| format!("Compte {email} supprimé.\n")).map_err(fr),
    }
}
