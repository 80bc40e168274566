//! Who acts, and what each may do: the one authorization rule every use case asks before it
//! reads or writes. Accounts and roles (habitant, Régie team, network) come as new `Actor`s.

use serde::{Deserialize, Serialize};

use crate::error::{Code, Error};

/// The party behind a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Actor {
    /// A visitor of the site or a client of the public API, not signed in.
    Anonymous,
    /// The operator at the server's command line (imports, exports, backups).
    Cli,
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
    /// Load official files and Régie or partnership files.
    Import,
    /// Load or remove the demonstration partnerships.
    ManageDemo,
    /// Copy or restore the whole database.
    Backup,
    /// Open an account, confirm it, sign in with it (anyone: that is how one stops being anonymous).
    UseAccount,
    /// Create, list, suspend and remove accounts and their roles.
    ManageAccounts,
}

impl Action {
    pub const ALL: [Action; 9] = [
        Action::ReadPublic,
        Action::ReportCorrection,
        Action::ReadCorrections,
        Action::HandleCorrections,
        Action::Import,
        Action::ManageDemo,
        Action::Backup,
        Action::UseAccount,
        Action::ManageAccounts,
    ];
}

impl Actor {
    pub const ALL: [Actor; 2] = [Actor::Anonymous, Actor::Cli];

    /// The rule. Reading what is published and reporting a correction are open to everyone;
    /// what touches the reference data or readers' contact addresses is the operator's.
    pub fn may(&self, action: Action) -> bool {
        match (self, action) {
            (_, Action::ReadPublic | Action::ReportCorrection | Action::UseAccount) => true,
            (Actor::Cli, _) => true,
            (Actor::Anonymous, _) => false,
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
        let expected: &[(Actor, &[Action])] = &[
            (Actor::Anonymous, &[Action::ReadPublic, Action::ReportCorrection, Action::UseAccount]),
            (Actor::Cli, &Action::ALL),
        ];
        for (actor, allowed) in expected {
            for action in Action::ALL {
                assert_eq!(actor.may(action), allowed.contains(&action), "{actor:?} × {action:?}");
                let result = actor.authorize(action);
                if allowed.contains(&action) {
                    assert!(result.is_ok());
                } else {
                    assert_eq!(result.unwrap_err().status(), 401);
                }
            }
        }
        assert_eq!(expected.len(), Actor::ALL.len());
    }
}
