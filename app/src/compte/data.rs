//! What an account page needs from the server: its texts, the messages its form outcomes name
//! by code, and the signed-in person's account (on `/compte`). One read per page.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::texts::AccountTexts;

/// The signed-in person as `/compte` shows them (roles already in words).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub email: String,
    pub pseudonym: String,
    pub since: String,
    pub roles: Vec<String>,
    pub sessions: usize,
    pub has_password: bool,
    /// (slug, name) of the Régies whose entry the person keeps (`/gestion/<slug>`).
    pub keeps: Vec<(String, String)>,
    /// The network's administration (`/reseau`) is theirs.
    pub network: bool,
    /// The name of the Régie they proposed, while the network has not answered.
    pub proposed: Option<String>,
}

/// A team the signed-in person administers, as `/compte` shows it (roles and dates in words).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub slug: String,
    pub regie_name: String,
    /// (pseudonym, e-mail, role, is administrator)
    pub members: Vec<(String, String, String, bool)>,
    /// (e-mail, role, valid until)
    pub pending: Vec<(String, String, String)>,
}

/// A pending invitation, as its link's page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationSummary {
    pub regie_name: String,
    pub role: String,
    pub email: String,
    pub has_account: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountPageData {
    pub texts: AccountTexts,
    /// (code, message) of every refusal a form may come back with: input problems and errors.
    pub messages: Vec<(String, String)>,
    pub account: Option<AccountSummary>,
    /// For pages opened from a mailed link: is the link still usable?
    pub link_alive: Option<bool>,
    /// `/compte`: the teams the person administers.
    pub teams: Vec<TeamSummary>,
    /// `/compte/invitation`: the invitation of the link (`None`: spent or expired).
    pub invitation: Option<InvitationSummary>,
    /// `/dev/courriels`: the latest mails, when the development mailbox is on (else `None`).
    pub mails: Option<Vec<DevMail>>,
    /// `/compte/notifications`: the person's news, mail choices (labels in words) and follows.
    pub notifications: Option<NotificationsSummary>,
    /// `/compte/desabonnement`: what the link of `jeton` stops, in words (`None`: unknown link).
    pub unsubscribe: Option<String>,
}

/// `/compte/notifications` as shown: every label already in the page's language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NotificationsSummary {
    pub unread: i64,
    /// (sentence, item id, date, unread)
    pub latest: Vec<(String, i64, String, bool)>,
    /// (kind code, its label, the chosen mode's code)
    pub settings: Vec<(String, String, String)>,
    /// (mode code, its label), in the form's order.
    pub modes: Vec<(String, String)>,
    /// (kind code `qpv`/`regie`, target, name)
    pub follows: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DevMail {
    pub to: String,
    pub subject: String,
    pub text: String,
}

impl AccountPageData {
    /// The message for a refusal's code, its `{}` filled with `detail` (a wait in minutes).
    pub fn message(&self, code: &str, detail: &str) -> Option<String> {
        self.messages.iter().find(|(c, _)| c == code).map(|(_, m)| m.replace("{}", detail))
    }
}

/// `what`: `compte` (the signed-in account and its teams), `lien-mot-de-passe` (is `jeton` a
/// live password link?), `invitation` (the invitation of `jeton`), `courriels` (the development
/// mailbox), anything else: texts only.
#[server(endpoint = "compte/page")]
pub async fn account_page(what: String, #[server(default)] jeton: String) -> Result<AccountPageData, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    use atlas_core::account::Problem;
    use atlas_service::{account, Code, Error};
    let locale = crate::i18n::request_locale();
    let db = atlas()?.db;
    let mut messages: Vec<(String, String)> = Problem::ALL.iter().map(|p| (p.code().to_owned(), p.message(locale))).collect();
    for code in [Code::WrongCredentials, Code::WrongCode, Code::LinkExpired, Code::TooManyAttempts, Code::MissingParameter, Code::NotSignedIn, Code::Forbidden, Code::UnknownRegie, Code::NotFound, Code::InvalidParameter] {
        let e = Error::with(code, "{}");
        messages.push((code.name().to_owned(), e.message(locale)));
    }
    // The one conflict these pages meet: the team's last administrator stepping down or leaving.
    messages.push((Code::Conflict.name().to_owned(), AccountTexts::of(locale).get(super::texts::T::TeamLastAdmin)));
    let actor = actor();
    let account = match (what.as_str(), &actor) {
        ("compte", atlas_service::Actor::Account { .. }) => {
            let p = account::profile::profile(&db, &actor).await.map_err(fail)?;
            let mut summary = summarize(p, locale);
            summary.keeps = atlas_service::regie::edit::mine(&db, &actor).await.map_err(fail)?;
            summary.proposed = atlas_service::regie::proposal::waiting_of(&db, &actor).await.map_err(fail)?;
            Some(summary)
        }
        _ => None,
    };
    let teams = match (what.as_str(), &actor) {
        ("compte", atlas_service::Actor::Account { .. }) => {
            account::team::my_teams(&db, &actor).await.map_err(fail)?.into_iter().map(|(slug, team)| team_summary(slug, team, locale)).collect()
        }
        _ => Vec::new(),
    };
    let invitation = match what.as_str() {
        "invitation" => account::team::invitation(&db, &jeton).await.map_err(fail)?.map(|i| InvitationSummary {
            regie_name: i.regie_name,
            role: role_name(i.role, locale),
            email: i.email,
            has_account: i.has_account,
        }),
        _ => None,
    };
    let link_alive = match what.as_str() {
        "lien-mot-de-passe" => Some(account::link::password_link_alive(&db, &jeton).await.map_err(fail)?),
        _ => None,
    };
    let mails = match what.as_str() {
        "courriels" => atlas_service::mail::dev_mailbox(&db)
            .await
            .map_err(fail)?
            .map(|list| list.into_iter().map(|m| DevMail { to: m.recipient, subject: m.subject, text: m.body_text }).collect()),
        _ => None,
    };
    let notifications = match (what.as_str(), &actor) {
        ("notifications", atlas_service::Actor::Account { .. }) => Some(notifications_summary(&db, &actor, locale).await.map_err(fail)?),
        _ => None,
    };
    let unsubscribe = match what.as_str() {
        "desabonnement" => match atlas_service::notification::unsubscribe_preview(&db, &actor, &jeton).await {
            Ok(Some(kind)) => Some(AccountTexts::of(locale).get(super::texts::T::UnsubOne).replace("{kind}", kind.label(locale))),
            Ok(None) => Some(AccountTexts::of(locale).get(super::texts::T::UnsubAll)),
            Err(e) if e.status() == 404 => None,
            Err(e) => return Err(fail(e)),
        },
        _ => None,
    };
    Ok(AccountPageData { texts: AccountTexts::of(locale), messages, account, teams, invitation, link_alive, mails, notifications, unsubscribe })
}

#[cfg(feature = "ssr")]
fn summarize(p: atlas_service::account::profile::Profile, locale: crate::i18n::Locale) -> AccountSummary {
    use super::texts::T;
    use atlas_core::account::Role;
    let t = AccountTexts::of(locale);
    let mut roles: Vec<String> = p
        .roles
        .iter()
        .map(|(role, about)| match role {
            Role::RegieEditor { .. } => format!("{} {about}", t.get(T::RoleEditor)),
            Role::RegieAdmin { .. } => format!("{} {about}", t.get(T::RoleAdmin)),
            Role::NetworkAdmin => t.get(T::RoleNetwork),
            Role::Observer { .. } => format!("{} {about}", t.get(T::RoleObserver)),
        })
        .collect();
    if roles.is_empty() {
        roles.push(t.get(T::RoleHabitant));
    }
    let since = locale.date(&atlas_service::account::profile::iso_date(p.created_at));
    let network = p.roles.iter().any(|(role, _)| *role == Role::NetworkAdmin);
    AccountSummary { email: p.email, pseudonym: p.pseudonym, since, roles, sessions: p.sessions, has_password: p.has_password, keeps: Vec::new(), network, proposed: None }
}

#[cfg(feature = "ssr")]
fn role_name(role: atlas_service::account::team::TeamRole, locale: crate::i18n::Locale) -> String {
    use super::texts::T;
    use atlas_service::account::team::TeamRole;
    AccountTexts::of(locale).get(match role {
        TeamRole::Editor => T::TeamEditor,
        TeamRole::Admin => T::TeamAdmin,
    })
}

#[cfg(feature = "ssr")]
fn team_summary(slug: String, team: atlas_service::account::team::Team, locale: crate::i18n::Locale) -> TeamSummary {
    let date = |ms: i64| locale.date(&atlas_service::account::profile::iso_date(ms));
    TeamSummary {
        slug,
        regie_name: team.regie_name,
        members: team.members.into_iter().map(|m| (m.pseudonym, m.email, role_name(m.role, locale), m.role == atlas_service::account::team::TeamRole::Admin)).collect(),
        pending: team.pending.into_iter().map(|(email, role, until)| (email, role_name(role, locale), date(until))).collect(),
    }
}

#[cfg(feature = "ssr")]
async fn notifications_summary(db: &atlas_service::db::Database, actor: &atlas_service::Actor, locale: crate::i18n::Locale) -> Result<NotificationsSummary, atlas_service::Error> {
    use atlas_core::notification::MailMode;
    let n = atlas_service::notification::page(db, actor, locale).await?;
    let date = |ms: i64| locale.date(&atlas_service::account::profile::iso_date(ms));
    Ok(NotificationsSummary {
        unread: n.unread,
        latest: n.latest.into_iter().map(|v| (v.sentence, v.item_id, date(v.created_at), v.unread)).collect(),
        settings: n.settings.into_iter().map(|(k, m)| (k.code().to_owned(), k.label(locale).to_owned(), m.code().to_owned())).collect(),
        modes: MailMode::ALL.iter().map(|m| (m.code().to_owned(), m.label(locale).to_owned())).collect(),
        follows: n.follows.into_iter().map(|(k, target, name)| (k.code().to_owned(), target, name)).collect(),
    })
}
