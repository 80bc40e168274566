//! A Régie's team: its administrators (and the network) invite people by e-mail as éditeur or
//! administrateur, see the team with its pending invitations, and take people out. The mailed
//! link gives the role to the account of the invited address, made on the spot when there is
//! none (following the link proves the address). Roles are read at every request: a member
//! taken out, or a suspended account, can write nothing from the next request on.

pub mod store;

use atlas_core::account::{password_problems, Email, Problem, Pseudonym};
use atlas_core::locale::Locale;

use super::{open_session_in, password, public_url, store as accounts, token, FormOutcome, Opening, Session, DAY_MS};
use crate::db::Database;
use crate::mail::{enqueue, texts};
use crate::{store_error, Action, Actor, Code, Error};

/// An invitation's link lives a week.
pub const INVITATION_TTL_MS: i64 = 7 * DAY_MS;

/// The two places in a Régie's team.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TeamRole {
    Editor,
    Admin,
}

impl TeamRole {
    /// The stored role (`account_roles.role`).
    pub fn kind(self) -> &'static str {
        match self {
            Self::Editor => "regie-editor",
            Self::Admin => "regie-admin",
        }
    }

    /// The form's value (`editeur`, `administrateur`) or the stored kind.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "editeur" | "regie-editor" => Some(Self::Editor),
            "administrateur" | "regie-admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// Authorizes `actor` on the Régie of `slug` and answers its id. An unknown Régie is named only
/// to those who may manage some team (the network, the operator); others are refused first.
async fn managed_regie(db: &Database, actor: &Actor, slug: &str) -> Result<i64, Error> {
    let found = accounts::regie_id(db, slug).await.map_err(store_error)?;
    actor.authorize(Action::ManageTeam { regie: found.unwrap_or(-1) })?;
    found.ok_or_else(|| Error::new(Code::UnknownRegie))
}

/// Invites `email` to the team of the Régie `slug`; the mail goes out with the transaction.
pub async fn invite(db: &Database, actor: &Actor, slug: &str, email: &str, role: TeamRole, locale: Locale) -> Result<FormOutcome<()>, Error> {
    let regie = managed_regie(db, actor, slug).await?;
    let email = match Email::parse(email) {
        Ok(e) => e,
        Err(p) => return Ok(FormOutcome::Refused(vec![p])),
    };
    let now = accounts::now_ms();
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let regie_name = accounts::regie_name(&mut tx, regie).await.map_err(store_error)?.unwrap_or_default();
    let (invited_by, inviter) = match actor {
        Actor::Account { id, .. } => (Some(*id), accounts::by_id(&mut tx, *id).await.map_err(store_error)?.map(|a| a.pseudonym).unwrap_or_default()),
        _ => (None, "L'équipe de l'Atlas des Régies".to_owned()),
    };
    let (link_token, hash) = token::new()?;
    let new = store::NewInvitation { token_hash: &hash, email: email.as_str(), regie, role: role.kind(), invited_by };
    store::insert(&mut tx, &new, now, INVITATION_TTL_MS).await.map_err(store_error)?;
    let link = format!("{}{}?jeton={link_token}", public_url(), locale.path("/compte/invitation"));
    let mail = texts::invitation(locale, email.as_str(), &inviter, &regie_name, role == TeamRole::Admin, &link, INVITATION_TTL_MS / DAY_MS);
    enqueue(&mut tx, &mail, now).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, by = ?invited_by, role = role.kind(), "invitation sent");
    Ok(FormOutcome::Done(()))
}

/// What the invitation page says before one accepts.
#[derive(Clone, Debug, PartialEq)]
pub struct Invitation {
    pub regie_name: String,
    pub role: TeamRole,
    pub email: String,
    /// The address has an account: accepting signs it in; otherwise a pseudonym is asked.
    pub has_account: bool,
}

/// The pending invitation of a link (`None`: expired, used, or never sent). Nothing is spent.
pub async fn invitation(db: &Database, link_token: &str) -> Result<Option<Invitation>, Error> {
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let Some(row) = store::alive(&mut conn, &token::digest(link_token), accounts::now_ms()).await.map_err(store_error)? else { return Ok(None) };
    let regie_name = accounts::regie_name(&mut conn, row.regie_id).await.map_err(store_error)?.unwrap_or_default();
    let has_account = accounts::by_email(&mut conn, &row.email).await.map_err(store_error)?.is_some();
    let role = TeamRole::parse(&row.role).unwrap_or(TeamRole::Editor);
    Ok(Some(Invitation { regie_name, role, email: row.email, has_account }))
}

/// Accepts the invitation of a link: the role goes to the account of the invited address (made
/// now, confirmed, with `pseudonym` and an optional `password`, when there is none) and that
/// account is signed in (its second factor, if any, still asked). One transaction; the link
/// serves once.
pub async fn accept(db: &Database, actor: &Actor, link_token: &str, pseudonym: &str, password_text: &str, locale: Locale) -> Result<FormOutcome<Session>, Error> {
    actor.authorize(Action::UseAccount)?;
    let hash = token::digest(link_token);
    let now = accounts::now_ms();
    let found = {
        let mut conn = db.pool.acquire().await.map_err(store_error)?;
        store::alive(&mut conn, &hash, now).await.map_err(store_error)?
    };
    let Some(row) = found else { return Err(Error::new(Code::LinkExpired)) };
    let role = TeamRole::parse(&row.role).ok_or_else(|| Error::new(Code::LinkExpired))?;
    let existing = {
        let mut conn = db.pool.acquire().await.map_err(store_error)?;
        accounts::by_email(&mut conn, &row.email).await.map_err(store_error)?
    };
    // A new account: its pseudonym and password checked (and hashed) before the transaction.
    let new_account = match &existing {
        Some(_) => None,
        None => {
            let shown = Pseudonym::parse_for_staff(pseudonym);
            let email = Email::parse(&row.email).map_err(|_| Error::new(Code::LinkExpired))?;
            let mut problems: Vec<Problem> = shown.as_ref().err().copied().into_iter().collect();
            if !password_text.is_empty() {
                problems.extend(password_problems(password_text, Some(&email), Some(pseudonym), password::is_common));
            }
            let Ok(shown) = shown else { return Ok(FormOutcome::Refused(problems)) };
            if !problems.is_empty() {
                return Ok(FormOutcome::Refused(problems));
            }
            let hash = if password_text.is_empty() { None } else { Some(password::hash(password_text).await?) };
            Some((shown, hash))
        }
    };
    let mut tx = db.begin_write().await.map_err(store_error)?;
    if !store::accept(&mut tx, &hash, now).await.map_err(store_error)? {
        return Err(Error::new(Code::LinkExpired));
    }
    let id = match (existing, new_account) {
        (Some(account), _) => {
            if account.suspended_at.is_some() {
                return Err(Error::new(Code::Forbidden));
            }
            if account.confirmed_at.is_none() {
                accounts::set_confirmed(&mut tx, account.id, now).await.map_err(store_error)?;
            }
            account.id
        }
        (None, Some((shown, password_hash))) => {
            if accounts::pseudonym_taken(&mut tx, &shown.key, None).await.map_err(store_error)? {
                return Ok(FormOutcome::Refused(vec![Problem::PseudonymTaken]));
            }
            let new = accounts::NewAccount {
                email: &row.email,
                pseudonym: &shown.shown,
                pseudonym_key: &shown.key,
                password_hash: password_hash.as_deref(),
                locale: locale.lang(),
                confirmed: true,
            };
            match accounts::insert(&mut tx, &new, now).await {
                Ok(id) => id,
                Err(sqlx::Error::Database(d)) if d.is_unique_violation() => return Ok(FormOutcome::Refused(vec![Problem::PseudonymTaken])),
                Err(e) => return Err(store_error(e)),
            }
        }
        (None, None) => return Err(Error::new(Code::LinkExpired)),
    };
    store::set_member(&mut tx, id, row.regie_id, role.kind(), now).await.map_err(store_error)?;
    let session = open_session_in(&mut tx, id, now, Opening::SignIn).await?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(id, regie = row.regie_id, role = role.kind(), "invitation accepted");
    Ok(FormOutcome::Done(session))
}

/// A member of the team as its administrators see them.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub email: String,
    pub pseudonym: String,
    pub role: TeamRole,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Team {
    pub regie_name: String,
    pub members: Vec<Member>,
    /// Pending invitations: (address, role, expiry in Unix ms).
    pub pending: Vec<(String, TeamRole, i64)>,
}

pub async fn team(db: &Database, actor: &Actor, slug: &str) -> Result<Team, Error> {
    let regie = managed_regie(db, actor, slug).await?;
    let mut conn = db.pool.acquire().await.map_err(store_error)?;
    let regie_name = accounts::regie_name(&mut conn, regie).await.map_err(store_error)?.unwrap_or_default();
    let members = store::members(&mut conn, regie).await.map_err(store_error)?;
    let pending = store::pending(&mut conn, regie, accounts::now_ms()).await.map_err(store_error)?;
    Ok(Team {
        regie_name,
        members: members
            .into_iter()
            .filter_map(|m| TeamRole::parse(&m.role).map(|role| Member { email: m.email, pseudonym: m.pseudonym, role }))
            .collect(),
        pending: pending.into_iter().filter_map(|i| TeamRole::parse(&i.role).map(|r| (i.email, r, i.expires_at))).collect(),
    })
}

/// The teams the signed-in person administers, with each Régie's slug (for `/compte`).
pub async fn my_teams(db: &Database, actor: &Actor) -> Result<Vec<(String, Team)>, Error> {
    actor.authorize(Action::ManageOwnAccount)?;
    let Actor::Account { roles, .. } = actor else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for role in roles {
        if let atlas_core::account::Role::RegieAdmin { regie } = role {
            let slug = {
                let mut conn = db.pool.acquire().await.map_err(store_error)?;
                store::regie_slug(&mut conn, *regie).await.map_err(store_error)?
            };
            if let Some(slug) = slug {
                let team = team(db, actor, &slug).await?;
                out.push((slug, team));
            }
        }
    }
    Ok(out)
}

/// Takes `email` out of the team (its role in this Régie) and withdraws its pending invitations.
/// 404 when the address is neither a member nor invited; 409 when it would leave the Régie
/// without an administrator and the actor is not the network (`keeps_an_administrator`).
pub async fn remove(db: &Database, actor: &Actor, slug: &str, email: &str) -> Result<(), Error> {
    let regie = managed_regie(db, actor, slug).await?;
    let email = Email::parse(email).map_err(|p| Error::said(Code::InvalidParameter, p.message(Locale::Fr), p.message(Locale::En)))?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let mut removed = store::withdraw(&mut tx, email.as_str(), regie).await.map_err(store_error)?;
    if let Some(account) = accounts::by_email(&mut tx, email.as_str()).await.map_err(store_error)? {
        keeps_an_administrator(&mut tx, actor, account.id, regie).await?;
        removed += store::remove_member(&mut tx, account.id, regie).await.map_err(store_error)?;
    }
    if removed == 0 {
        return Err(Error::said(Code::NotFound, "membre de l'équipe", "team member"));
    }
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, "team member removed");
    Ok(())
}

/// Makes the member `email` éditeur or administrateur of the Régie `slug` (their one role there).
/// 404 when the address is not in the team; nothing written when the role is already theirs;
/// 409 when the last administrator would become éditeur and the actor is not the network.
pub async fn change_role(db: &Database, actor: &Actor, slug: &str, email: &str, role: TeamRole) -> Result<(), Error> {
    let regie = managed_regie(db, actor, slug).await?;
    let email = Email::parse(email).map_err(|p| Error::said(Code::InvalidParameter, p.message(Locale::Fr), p.message(Locale::En)))?;
    let mut tx = db.begin_write().await.map_err(store_error)?;
    let not_member = || Error::said(Code::NotFound, "membre de l'équipe", "team member");
    let account = accounts::by_email(&mut tx, email.as_str()).await.map_err(store_error)?.ok_or_else(not_member)?;
    let current = store::member_role(&mut tx, account.id, regie).await.map_err(store_error)?.and_then(|r| TeamRole::parse(&r)).ok_or_else(not_member)?;
    if current == role {
        return Ok(());
    }
    if role == TeamRole::Editor {
        keeps_an_administrator(&mut tx, actor, account.id, regie).await?;
    }
    store::set_member(&mut tx, account.id, regie, role.kind(), accounts::now_ms()).await.map_err(store_error)?;
    tx.commit().await.map_err(store_error)?;
    tracing::info!(regie, account = account.id, role = role.kind(), "team role changed");
    Ok(())
}

/// A Régie's team keeps at least one administrator: its last one can neither leave nor become
/// éditeur by the team's hand (the network, which can invite a new one, may). Takes the Régie's
/// row lock first (PostgreSQL; SQLite's writer lock already holds), so two administrators who
/// demote each other at once on two instances cannot both succeed.
async fn keeps_an_administrator(tx: &mut sqlx::AnyConnection, actor: &Actor, account: i64, regie: i64) -> Result<(), Error> {
    if actor.may(Action::VerifyRegies) {
        return Ok(());
    }
    store::lock_regie(tx, regie).await.map_err(store_error)?;
    let is_admin = store::member_role(tx, account, regie).await.map_err(store_error)?.as_deref() == Some(TeamRole::Admin.kind());
    if is_admin && store::admin_count(tx, regie).await.map_err(store_error)? <= 1 {
        return Err(Error::said(Code::Conflict, "la Régie doit garder au moins un administrateur", "the Régie must keep at least one administrator"));
    }
    Ok(())
}
