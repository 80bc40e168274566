//! The mails' words, in the recipient's language. Links are built from the public address.

use atlas_core::locale::Locale;

use super::Mail;

/// Text put into a mail's HTML part.
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A mail with one paragraph, one link and a closing line, in text and HTML.
fn with_link(to: &str, subject: String, lead: String, link: &str, after: String) -> Mail {
    let text = format!("{lead}\n\n{link}\n\n{after}\n\n-- \nAtlas des Régies\n");
    let html = format!(
        "<!doctype html><html><body><p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p><p>— Atlas des Régies</p></body></html>",
        escape(&lead),
        escape(link),
        escape(link),
        escape(&after)
    );
    Mail { to: to.to_owned(), subject, text, html }
}

pub fn confirm(locale: Locale, to: &str, pseudonym: &str, link: &str) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            "Confirmez votre adresse e-mail — Atlas des Régies".into(),
            format!("Bonjour {pseudonym}, pour ouvrir votre compte sur l'Atlas des Régies, confirmez votre adresse en suivant ce lien (valable 24 heures) :"),
            link,
            "Si vous n'avez rien demandé, ignorez ce message : le compte sera effacé dans 7 jours.".into(),
        ),
        Locale::En => with_link(
            to,
            "Confirm your e-mail address — Atlas des Régies".into(),
            format!("Hello {pseudonym}, to open your account on the Atlas des Régies, confirm your address with this link (valid for 24 hours):"),
            link,
            "If you did not ask for this, ignore this message: the account will be deleted in 7 days.".into(),
        ),
    }
}

/// Sent instead of a confirmation when the address already has an account: the page answers
/// the same either way, the mail tells the owner.
pub fn already_registered(locale: Locale, to: &str, link: &str) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            "Votre compte sur l'Atlas des Régies".into(),
            "Quelqu'un (vous, sans doute) a voulu créer un compte avec cette adresse, qui en a déjà un. Pour vous connecter :".into(),
            link,
            "Mot de passe oublié ? La page de connexion permet d'en choisir un nouveau. Si ce n'était pas vous, ignorez ce message.".into(),
        ),
        Locale::En => with_link(
            to,
            "Your account on the Atlas des Régies".into(),
            "Someone (probably you) tried to open an account with this address, which already has one. To sign in:".into(),
            link,
            "Forgot your password? The sign-in page lets you choose a new one. If it was not you, ignore this message.".into(),
        ),
    }
}

/// A link to choose a password: a reset, or the first one of an account made by the operator.
pub fn choose_password(locale: Locale, to: &str, link: &str, hours: i64) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            "Choisissez votre mot de passe — Atlas des Régies".into(),
            format!("Pour choisir le mot de passe de votre compte sur l'Atlas des Régies, suivez ce lien (valable {hours} heures, une seule fois) :"),
            link,
            "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.".into(),
        ),
        Locale::En => with_link(
            to,
            "Choose your password — Atlas des Régies".into(),
            format!("To choose the password of your account on the Atlas des Régies, follow this link (valid for {hours} hours, once):"),
            link,
            "If you did not ask for this, ignore this message: your current password stays valid.".into(),
        ),
    }
}

/// A one-time sign-in link, for those who keep no password.
pub fn sign_in_link(locale: Locale, to: &str, link: &str, minutes: i64) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            "Votre lien de connexion — Atlas des Régies".into(),
            format!("Pour vous connecter à l'Atlas des Régies, suivez ce lien (valable {minutes} minutes, une seule fois) :"),
            link,
            "Si vous n'avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.".into(),
        ),
        Locale::En => with_link(
            to,
            "Your sign-in link — Atlas des Régies".into(),
            format!("To sign in to the Atlas des Régies, follow this link (valid for {minutes} minutes, once):"),
            link,
            "If you did not ask for this, ignore this message: nobody can sign in without this link.".into(),
        ),
    }
}

/// Sent to a new address before it replaces the old one.
pub fn confirm_new_email(locale: Locale, to: &str, pseudonym: &str, link: &str) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            "Confirmez votre nouvelle adresse — Atlas des Régies".into(),
            format!("Bonjour {pseudonym}, pour que cette adresse devienne celle de votre compte sur l'Atlas des Régies, suivez ce lien (valable 24 heures) :"),
            link,
            "Si vous n'avez rien demandé, ignorez ce message : rien ne change.".into(),
        ),
        Locale::En => with_link(
            to,
            "Confirm your new address — Atlas des Régies".into(),
            format!("Hello {pseudonym}, to make this address your account's on the Atlas des Régies, follow this link (valid for 24 hours):"),
            link,
            "If you did not ask for this, ignore this message: nothing changes.".into(),
        ),
    }
}

/// An invitation to a Régie's team. `inviter`: the pseudonym of who sent it (or the network).
pub fn invitation(locale: Locale, to: &str, inviter: &str, regie: &str, admin: bool, link: &str, days: i64) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            format!("Invitation à l'équipe de {regie} — Atlas des Régies"),
            format!(
                "Bonjour, {inviter} vous invite à rejoindre l'équipe de {regie} sur l'Atlas des Régies, comme {}. Pour accepter, suivez ce lien (valable {days} jours) :",
                if admin { "administrateur ou administratrice (gérer la fiche et l'équipe)" } else { "éditeur ou éditrice (tenir la fiche à jour, répondre aux habitants)" }
            ),
            link,
            "Si vous n'attendiez pas cette invitation, ignorez ce message : rien ne se passera.".into(),
        ),
        Locale::En => with_link(
            to,
            format!("Invitation to the team of {regie} — Atlas des Régies"),
            format!(
                "Hello, {inviter} invites you to join the team of {regie} on the Atlas des Régies, as {}. To accept, follow this link (valid for {days} days):",
                if admin { "an administrator (the Régie's page and its team)" } else { "an editor (keep the page true, answer the inhabitants)" }
            ),
            link,
            "If you did not expect this invitation, ignore this message: nothing will happen.".into(),
        ),
    }
}

/// To a Régie's staff: a new signalement (`signalement`) or proposition in one of its QPVs.
pub fn new_item(locale: Locale, to: &str, title: &str, qpv: &str, signalement: bool, link: &str) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            format!("{} à {qpv} : {title}", if signalement { "Nouveau signalement" } else { "Nouvelle proposition" }),
            format!(
                "Bonjour, {} vient d'être déposé{} dans le quartier {qpv}, que votre Régie couvre : « {title} ». Pour le lire et y répondre :",
                if signalement { "un signalement" } else { "une proposition" },
                if signalement { "" } else { "e" }
            ),
            link,
            "Les habitants voient le délai de réponse de la Régie sur sa fiche : un statut autre que « reçu » compte comme réponse.".into(),
        ),
        Locale::En => with_link(
            to,
            format!("New {} in {qpv}: {title}", if signalement { "report" } else { "proposal" }),
            format!(
                "Hello, a new {} was just posted in the {qpv} neighbourhood, which your Régie covers: “{title}”. To read and answer it:",
                if signalement { "report" } else { "proposal" }
            ),
            link,
            "Inhabitants see the Régie's answer time on its page: any status other than “received” counts as an answer.".into(),
        ),
    }
}

/// To a person who asked to keep a Régie's page: the network's answer.
pub fn claim_decided(locale: Locale, to: &str, regie: &str, accepted: bool, admin: bool, link: &str) -> Mail {
    match (locale, accepted) {
        (Locale::Fr, true) => with_link(
            to,
            format!("Demande acceptée : {regie} — Atlas des Régies"),
            format!(
                "Bonjour, le réseau a accepté votre demande : vous gérez désormais la fiche de {regie} sur l'Atlas des Régies, comme {}. La voici :",
                if admin { "administrateur ou administratrice (la fiche et l'équipe)" } else { "éditeur ou éditrice" }
            ),
            link,
            "Chaque modification est enregistrée comme une version, avec son auteur et sa date.".into(),
        ),
        (Locale::En, true) => with_link(
            to,
            format!("Request accepted: {regie} — Atlas des Régies"),
            format!(
                "Hello, the network accepted your request: you now keep the entry of {regie} on the Atlas des Régies, as {}. Here it is:",
                if admin { "an administrator (the entry and the team)" } else { "an editor" }
            ),
            link,
            "Every change is kept as a version, with its author and date.".into(),
        ),
        (Locale::Fr, false) => with_link(
            to,
            format!("Demande non retenue : {regie} — Atlas des Régies"),
            format!("Bonjour, le réseau n'a pas retenu votre demande de gérer la fiche de {regie}. Si vous travaillez dans cette Régie, demandez à son équipe de vous inviter, ou écrivez au réseau. La fiche :"),
            link,
            "Vous pouvez toujours proposer une correction depuis la page de la Régie.".into(),
        ),
        (Locale::En, false) => with_link(
            to,
            format!("Request not accepted: {regie} — Atlas des Régies"),
            format!("Hello, the network did not accept your request to keep the entry of {regie}. If you work for this Régie, ask its team to invite you, or write to the network. The entry:"),
            link,
            "You can still suggest a correction from the Régie's page.".into(),
        ),
    }
}

/// To the person who proposed a Régie the Atlas did not list, once the network decided.
pub fn proposal_decided(locale: Locale, to: &str, regie: &str, accepted: bool, link: &str) -> Mail {
    match (locale, accepted) {
        (Locale::Fr, true) => with_link(
            to,
            format!("Proposition acceptée : {regie} — Atlas des Régies"),
            format!("Bonjour, le réseau a accepté votre proposition : {regie} est dans l'Atlas des Régies, « à vérifier », et vous en êtes administrateur ou administratrice (la fiche et l'équipe). Complétez sa fiche ici :"),
            link,
            "Chaque modification est enregistrée comme une version, avec son auteur et sa date.".into(),
        ),
        (Locale::En, true) => with_link(
            to,
            format!("Proposal accepted: {regie} — Atlas des Régies"),
            format!("Hello, the network accepted your proposal: {regie} is in the Atlas des Régies, « to be verified », and you are its administrator (the entry and the team). Complete its entry here:"),
            link,
            "Every change is kept as a version, with its author and date.".into(),
        ),
        (Locale::Fr, false) => with_link(
            to,
            format!("Proposition non retenue : {regie} — Atlas des Régies"),
            format!("Bonjour, le réseau n'a pas retenu votre proposition d'ajouter {regie} à l'Atlas des Régies. Elle y est peut-être déjà sous un autre nom : cherchez-la dans l'annuaire, et demandez à tenir sa fiche depuis sa page."),
            link,
            "Pour toute question, écrivez au réseau.".into(),
        ),
        (Locale::En, false) => with_link(
            to,
            format!("Proposal not accepted: {regie} — Atlas des Régies"),
            format!("Hello, the network did not accept your proposal to add {regie} to the Atlas des Régies. It may already be there under another name: look for it in the directory, and ask to keep its entry from its page."),
            link,
            "For any question, write to the network.".into(),
        ),
    }
}

/// To a Régie's team, when its entry has not changed nor been verified for a year.
pub fn freshness_reminder(locale: Locale, to: &str, regie: &str, link: &str) -> Mail {
    match locale {
        Locale::Fr => with_link(
            to,
            format!("La fiche de {regie} est-elle encore à jour ? — Atlas des Régies"),
            format!("Bonjour, la fiche de {regie} sur l'Atlas des Régies n'a pas été modifiée ni vérifiée depuis plus d'un an. Habitants, élus et partenaires s'y fient : prenez deux minutes pour la relire (coordonnées, activités, quartiers couverts) :"),
            link,
            "Enregistrer la fiche, même sans changement, suffit à la dater. Ce rappel revient au plus une fois par trimestre.".into(),
        ),
        Locale::En => with_link(
            to,
            format!("Is the entry of {regie} still up to date? — Atlas des Régies"),
            format!("Hello, the entry of {regie} on the Atlas des Régies has been neither changed nor verified for more than a year. Inhabitants, elected officials and partners rely on it: take two minutes to read it again (contact details, activities, neighbourhoods covered):"),
            link,
            "Saving the entry, even unchanged, is enough to date it. This reminder comes at most once a quarter.".into(),
        ),
    }
}
