//! Who acts, and what each may do: the one authorization rule every use case asks before it
//! reads or writes. A signed-in person acts with the roles of their account.

use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::error::{Code, Error};

/// The party behind a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A visitor of the site or a client of the public API, not signed in.
    Anonymous,
    /// The operator at the server's command line (imports, exports, backups).
    Cli,
    /// A signed-in person (an habitant when `roles` is empty). A suspended account never
    /// becomes an actor: its sessions stop resolving.
    Account { id: i64, roles: Vec<Role> },
}

/// Every use case, named as the actor would say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Pages, search, maps, exports: what the Atlas publishes.
    ReadPublic,
    /// « Signaler une correction » on a Régie's page.
    ReportCorrection,
    /// The readers' corrections with their contact addresses.
    ReadCorrections,
    /// Mark corrections as handled.
    HandleCorrections,
    /// Load official files and Régie or partnership files (the command line), Régie and
    /// partnership files from the network's pages.
    Import,
    /// Load or remove the demonstration partnerships.
    ManageDemo,
    /// Copy or restore the whole database.
    Backup,
    /// Open an account, confirm it, sign in with it (anyone: that is how one stops being anonymous).
    UseAccount,
    /// Create, list, suspend and remove accounts and their roles.
    ManageAccounts,
    /// Change one's own pseudonym, address or password, download or delete one's data.
    ManageOwnAccount,
    /// Invite people to a Régie's team, see it, remove members: its administrators and the network.
    ManageTeam { regie: i64 },
    /// Post a signalement or a proposition, support one (« Moi aussi »), comment, say « toujours
    /// d'actualité »: a person with an account. What one wrote stays one's own to edit.
    Participate,
    /// Answer the items of a QPV the Régie covers: set their status, write its answer templates.
    AnswerParticipation { regie: i64 },
    /// Hide an item or a comment in the Régie's space, with a reason: its staff and the network.
    ModerateParticipation { regie: i64 },
    /// Change what a Régie's page says (profile, covered QPVs), see its versions and restore
    /// one: its staff (éditeurs and administrateurs) and the network.
    EditRegie { regie: i64 },
    /// Verify Régies and confirm the QPVs they declare: the network.
    VerifyRegies,
    /// Add a Régie the Atlas does not list yet: the network.
    CreateRegie,
}

impl Action {
    pub const ALL: [Action; 17] = [
        Action::ReadPublic,
        Action::ReportCorrection,
        Action::ReadCorrections,
        Action::HandleCorrections,
        Action::Import,
        Action::ManageDemo,
        Action::Backup,
        Action::UseAccount,
        Action::ManageAccounts,
        Action::ManageOwnAccount,
        Action::ManageTeam { regie: 1 },
        Action::Participate,
        Action::AnswerParticipation { regie: 1 },
        Action::ModerateParticipation { regie: 1 },
        Action::EditRegie { regie: 1 },
        Action::VerifyRegies,
        Action::CreateRegie,
    ];
}

impl Actor {
    /// One actor of every kind and role, for the authorization matrices.
    pub fn examples() -> Vec<Actor> {
        let account = |roles| Actor::Account { id: 1, roles };
        vec![
            Actor::Anonymous,
            Actor::Cli,
            account(vec![]),
            account(vec![Role::RegieEditor { regie: 1 }]),
            account(vec![Role::RegieAdmin { regie: 1 }]),
            account(vec![Role::NetworkAdmin]),
            account(vec![Role::Observer { territory: "departement:93".into() }]),
            // Staff of another Régie: administrator of Régie 2, nothing on Régie 1.
            account(vec![Role::RegieAdmin { regie: 2 }]),
        ]
    }

    pub fn has(&self, role: &Role) -> bool {
        matches!(self, Actor::Account { roles, .. } if roles.contains(role))
    }

    /// Éditeur or administrateur of this Régie.
    pub fn is_staff_of(&self, regie: i64) -> bool {
        self.has(&Role::RegieEditor { regie }) || self.has(&Role::RegieAdmin { regie })
    }

    /// The Régies this actor works for (to find which may answer in a QPV).
    pub fn staff_regies(&self) -> Vec<i64> {
        let Actor::Account { roles, .. } = self else { return Vec::new() };
        roles
            .iter()
            .filter_map(|r| match r {
                Role::RegieEditor { regie } | Role::RegieAdmin { regie } => Some(*regie),
                _ => None,
            })
            .collect()
    }

    /// The account behind the actor, if any.
    pub fn account_id(&self) -> Option<i64> {
        match self {
            Actor::Account { id, .. } => Some(*id),
            _ => None,
        }
    }

    /// The rule. Reading what is published and reporting a correction are open to everyone; one's
    /// own account is one's own; a Régie's team is its administrators'; readers' contact addresses
    /// and accounts are the network's and the operator's; what reads files on the server (imports,
    /// demo, backups) is the operator's alone. Participation is people's: the command line has
    /// no voice in it; a Régie answers in its own QPVs only (the use case checks the coverage).
    pub fn may(&self, action: Action) -> bool {
        use Action::*;
        match (self, action) {
            (_, ReadPublic | ReportCorrection | UseAccount) => true,
            (Actor::Anonymous, _) => false,
            (Actor::Cli, ManageOwnAccount | Participate | AnswerParticipation { .. } | ModerateParticipation { .. }) => false,
            (Actor::Cli, _) => true,
            (Actor::Account { .. }, ManageOwnAccount | Participate) => true,
            (Actor::Account { .. }, AnswerParticipation { regie }) => self.is_staff_of(regie),
            (Actor::Account { .. }, ModerateParticipation { regie } | EditRegie { regie }) => self.is_staff_of(regie) || self.has(&Role::NetworkAdmin),
            (Actor::Account { .. }, ManageTeam { regie }) => self.has(&Role::RegieAdmin { regie }) || self.has(&Role::NetworkAdmin),
            (Actor::Account { .. }, ReadCorrections | HandleCorrections | ManageAccounts | VerifyRegies | Import | CreateRegie) => self.has(&Role::NetworkAdmin),
            (Actor::Account { .. }, ManageDemo | Backup) => false,
        }
    }

    /// `Ok` when the actor may, else the error the use case answers with (401 for an anonymous
    /// visitor: signing in may help; 403 otherwise).
    pub fn authorize(&self, action: Action) -> Result<(), Error> {
        if self.may(action) {
            Ok(())
        } else if *self == Actor::Anonymous {
            Err(Error::new(Code::NotSignedIn))
        } else {
            Err(Error::new(Code::Forbidden))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole matrix, written out: a change of rule must change this table.
    #[test]
    fn authorization_matrix() {
        use Action::*;
        const OPEN: [Action; 3] = [ReadPublic, ReportCorrection, UseAccount];
        let person = [ReadPublic, ReportCorrection, UseAccount, ManageOwnAccount, Participate];
        let team = ManageTeam { regie: 1 };
        let (answer, moderate, edit) = (AnswerParticipation { regie: 1 }, ModerateParticipation { regie: 1 }, EditRegie { regie: 1 });
        let editor = [ReadPublic, ReportCorrection, UseAccount, ManageOwnAccount, Participate, answer, moderate, edit];
        let admin = [ReadPublic, ReportCorrection, UseAccount, ManageOwnAccount, Participate, answer, moderate, team, edit];
        let network =
            [ReadPublic, ReportCorrection, UseAccount, ManageOwnAccount, Participate, moderate, ReadCorrections, HandleCorrections, ManageAccounts, team, edit, VerifyRegies, Import, CreateRegie];
        let cli = [ReadPublic, ReportCorrection, UseAccount, ReadCorrections, HandleCorrections, Import, ManageDemo, Backup, ManageAccounts, team, edit, VerifyRegies, CreateRegie];
        let examples = Actor::examples();
        let expected: Vec<(&Actor, &[Action])> = vec![
            (&examples[0], &OPEN),
            (&examples[1], &cli),
            (&examples[2], &person),
            (&examples[3], &editor),
            (&examples[4], &admin),
            (&examples[5], &network),
            (&examples[6], &person),
            (&examples[7], &person),
        ];
        assert_eq!(expected.len(), examples.len());
        for (actor, allowed) in expected {
            for action in Action::ALL {
                assert_eq!(actor.may(action), allowed.contains(&action), "{actor:?} × {action:?}");
                let result = actor.authorize(action);
                if allowed.contains(&action) {
                    assert!(result.is_ok());
                } else {
                    let expected_status = if *actor == Actor::Anonymous { 401 } else { 403 };
                    assert_eq!(result.unwrap_err().status(), expected_status, "{actor:?} × {action:?}");
                }
            }
        }
    }
}
