//! The words of the account pages and of `/confidentialite`, French and English.
//!
//! They travel with the page's data (`i18n::page_texts`): these pages are visited rarely.

crate::i18n::page_texts::page_texts! {
    AccountTexts;
    SignUpTitle => "Créer un compte", "Create an account";
    SignUpIntro => "Un compte permet de participer à la vie de votre quartier sur l'Atlas. Nous ne demandons ni votre nom ni votre adresse postale.",
        "An account lets you take part in your neighbourhood's life on the Atlas. We ask neither your name nor your postal address.";
    NotifTitle => "Mes notifications", "My notifications";
    NotifIntro => "Ce qui a bougé dans les éléments, les quartiers et les Régies que vous suivez. Vous suivez un élément en le déposant, en le commentant ou avec « Moi aussi ».",
        "What moved in the items, neighbourhoods and Régies you follow. You follow an item by posting it, commenting on it or with “Me too”.";
    SignInFirst => "Connectez-vous pour voir vos notifications.", "Sign in to see your notifications.";
    NotifNone => "Rien de nouveau pour l'instant.", "Nothing new for now.";
    NotifUnread => "Non lu", "Unread";
    NotifUnreadCount => "{n} non lue(s)", "{n} unread";
    NotifMarkAll => "Tout marquer comme lu", "Mark all as read";
    NotifMarked => "Tout est marqué comme lu.", "Everything is marked as read.";
    NotifMailTitle => "Courriels", "E-mails";
    NotifMailIntro => "Pour chaque sorte de nouvelle, choisissez si un courriel vous est envoyé. Chaque courriel se désabonne d'un clic, sans vous connecter.",
        "For each kind of news, choose whether an e-mail is sent to you. Each e-mail unsubscribes in one click, without signing in.";
    NotifSave => "Enregistrer mes choix", "Save my choices";
    NotifSaved => "Vos choix sont enregistrés.", "Your choices are saved.";
    FollowsTitle => "Quartiers et Régies que je suis", "Neighbourhoods and Régies I follow";
    FollowsNone => "Vous ne suivez aucun quartier ni aucune Régie : le bouton « Suivre » est sur leur page.",
        "You follow no neighbourhood and no Régie: the “Follow” button is on their page.";
    FollowsAdded => "C'est suivi : les nouveaux signalements et propositions arriveront ici.", "Followed: new reports and proposals will arrive here.";
    FollowsRemoved => "Vous ne le suivez plus.", "You no longer follow it.";
    Unfollow => "Ne plus suivre", "Unfollow";
    UnsubTitle => "Ne plus recevoir ces courriels", "Stop these e-mails";
    UnsubOne => "Ce lien arrête les courriels de cette sorte : {kind}.", "This link stops the e-mails of this kind: {kind}.";
    UnsubAll => "Ce lien arrête tous les courriels de nouvelles de l'Atlas (résumés compris).", "This link stops every news e-mail of the Atlas (digests included).";
    UnsubButton => "Me désabonner", "Unsubscribe";
    UnsubDone => "C'est fait : vous ne recevrez plus ces courriels. Les nouvelles restent visibles dans l'Atlas, sous « Mes notifications ».",
        "Done: you will no longer get these e-mails. The news stays visible in the Atlas, under “My notifications”.";
    UnsubDead => "Ce lien de désabonnement est inconnu : ouvrez « Mes notifications » pour choisir vos courriels.",
        "This unsubscribe link is unknown: open “My notifications” to choose your e-mails.";
    UnsubManage => "Choisir toutes mes notifications", "Choose all my notifications";
    Email => "Adresse e-mail", "E-mail address";
    EmailHint => "Elle n'est jamais affichée. Elle sert à confirmer le compte et à retrouver l'accès.",
        "It is never shown. It confirms the account and lets you get back in.";
    Pseudonym => "Pseudonyme", "Pseudonym";
    PseudonymHint => "Le nom affiché à côté de vos contributions, de 3 à 30 caractères. Pas votre vrai nom, si vous préférez.",
        "The name shown beside your contributions, 3 to 30 characters. Not your real name, if you prefer.";
    Password => "Mot de passe", "Password";
    PasswordHint => "Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.",
        "At least 12 characters. A phrase of several words is easy to remember and hard to guess.";
    SignUpSubmit => "Créer mon compte", "Create my account";
    SignUpSent => "C'est presque fini : un lien de confirmation vient de partir vers votre adresse (valable 24 heures). Si l'adresse a déjà un compte, le message le dit.",
        "Almost done: a confirmation link is on its way to your address (valid for 24 hours). If the address already has an account, the message says so.";
    HaveAccount => "Vous avez déjà un compte ?", "Already have an account?";
    NoAccount => "Pas encore de compte ?", "No account yet?";
    FormErrors => "Le formulaire n'a pas pu être envoyé :", "The form could not be sent:";
    SignInTitle => "Se connecter", "Sign in";
    SignInSubmit => "Me connecter", "Sign me in";
    Forgot => "Mot de passe oublié ?", "Forgot your password?";
    LinkTitle => "Sans mot de passe", "Without a password";
    LinkIntro => "Recevez un lien de connexion par e-mail, valable 15 minutes et une seule fois.",
        "Get a sign-in link by e-mail, valid for 15 minutes and once only.";
    LinkSubmit => "Recevoir un lien de connexion", "Send me a sign-in link";
    LinkSent => "Si cette adresse a un compte, un lien de connexion vient de lui être envoyé (valable 15 minutes).",
        "If this address has an account, a sign-in link has just been sent to it (valid for 15 minutes).";
    LinkFollowTitle => "Connexion par lien", "Sign in by link";
    LinkFollowText => "Ce bouton vous connecte sur cet appareil. Le lien ne servira qu'une fois.",
        "This button signs you in on this device. The link works once only.";
    SignedOutEverywhere => "Vous êtes déconnecté de tous vos appareils.", "You are signed out of all your devices.";
    ConfirmTitle => "Confirmer mon adresse", "Confirm my address";
    ConfirmText => "Un dernier geste : ce bouton confirme votre adresse et vous connecte.",
        "One last step: this button confirms your address and signs you in.";
    ConfirmSubmit => "Confirmer et me connecter", "Confirm and sign me in";
    CodeTitle => "Code de vérification", "Verification code";
    CodeIntro => "Votre compte est protégé par un second facteur. Saisissez le code à 6 chiffres que montre votre application d'authentification. Chaque code ne sert qu'une fois.",
        "Your account is protected by a second factor. Enter the 6-digit code your authenticator app shows. Each code works once only.";
    CodeLabel => "Code à 6 chiffres", "6-digit code";
    CodeSubmit => "Valider le code", "Check the code";
    ForgotTitle => "Mot de passe oublié", "Forgotten password";
    ForgotIntro => "Indiquez l'adresse de votre compte : nous y envoyons un lien pour choisir un nouveau mot de passe (valable 2 heures).",
        "Give your account's address: we send it a link to choose a new password (valid for 2 hours).";
    ForgotSubmit => "Recevoir le lien", "Send me the link";
    ForgotSent => "Si cette adresse a un compte, un lien vient de lui être envoyé (valable 2 heures). Pensez à regarder dans les indésirables.",
        "If this address has an account, a link has just been sent to it (valid for 2 hours). Check your spam folder too.";
    ChooseTitle => "Choisir un mot de passe", "Choose a password";
    NewPassword => "Nouveau mot de passe", "New password";
    ChooseSubmit => "Enregistrer le mot de passe", "Save the password";
    ChooseAfter => "Vos autres appareils seront déconnectés.", "Your other devices will be signed out.";
    LinkDead => "Ce lien a expiré ou a déjà servi. Vous pouvez en demander un nouveau.", "This link has expired or was already used. You can ask for a new one.";
    AskAgain => "Demander un nouveau lien", "Ask for a new link";
    AccountTitle => "Mon compte", "My account";
    Welcome => "Bienvenue ! Votre adresse est confirmée et vous êtes connecté.", "Welcome! Your address is confirmed and you are signed in.";
    SignedInAs => "Connecté en tant que", "Signed in as";
    MemberSince => "Compte ouvert le", "Account opened on";
    RolesTitle => "Mes rôles", "My roles";
    ManageRegie => "Mettre à jour la fiche de {regie}", "Update the entry of {regie}";
    NetworkAdmin => "Administration du réseau : demandes, fiches à rafraîchir", "Network administration: requests, entries to refresh";
    ProposeRegie => "Votre Régie n'est pas dans l'Atlas ? Proposez-la au réseau", "Your Régie is not in the Atlas? Propose it to the network";
    ProposalWaiting => "Votre proposition « {regie} » attend la réponse du réseau : vous recevrez un courriel.", "Your proposal « {regie} » waits for the network's answer: you will get an e-mail.";
    TeamTitle => "Équipe de {regie}", "Team of {regie}";
    TeamIntro => "Les personnes qui tiennent la fiche de la Régie à jour. Un éditeur modifie la fiche et répond aux habitants ; un administrateur gère aussi l'équipe.",
        "The people who keep the Régie's page true. An editor changes the page and answers the inhabitants; an administrator also manages the team.";
    TeamPending => "Invitations en attente", "Pending invitations";
    TeamUntil => "valable jusqu'au", "valid until";
    TeamRemove => "Retirer de l'équipe", "Remove from the team";
    TeamWithdraw => "Annuler l'invitation", "Withdraw the invitation";
    TeamMakeAdmin => "Rendre administrateur ou administratrice", "Make administrator";
    TeamMakeEditor => "Rendre éditeur ou éditrice", "Make editor";
    TeamLastAdmin => "La Régie doit garder au moins un administrateur : nommez-en un autre d'abord.", "The Régie must keep at least one administrator: make someone else one first.";
    TeamRoleChanged => "C'est fait : son rôle a changé ; il compte dès sa prochaine page.", "Done: their role changed; it counts from their next page.";
    TeamInviteTitle => "Inviter une personne", "Invite someone";
    TeamInviteHint => "Elle reçoit un lien valable 7 jours. Sans compte, elle en crée un en acceptant.",
        "They get a link valid for 7 days. Without an account, they make one as they accept.";
    TeamRole => "Rôle", "Role";
    TeamEditor => "Éditeur ou éditrice", "Editor";
    TeamAdmin => "Administrateur ou administratrice", "Administrator";
    TeamInviteSubmit => "Envoyer l'invitation", "Send the invitation";
    TeamInvited => "L'invitation est partie (valable 7 jours).", "The invitation is on its way (valid for 7 days).";
    TeamRemoved => "C'est fait : la personne ne fait plus partie de l'équipe, ou son invitation est annulée.",
        "Done: the person is no longer in the team, or their invitation is withdrawn.";
    InvitationTitle => "Invitation à une équipe", "Invitation to a team";
    InvitationText => "Vous êtes invité à rejoindre l'équipe de {regie} comme {role}. En acceptant, ce rôle est donné au compte de l'adresse {email}.",
        "You are invited to join the team of {regie} as {role}. Accepting gives this role to the account of {email}.";
    InvitationNewAccount => "Cette adresse n'a pas encore de compte : choisissez un pseudonyme. Le mot de passe est facultatif : sans lui, vous vous connecterez par un lien envoyé par e-mail.",
        "This address has no account yet: choose a pseudonym. The password is optional: without one, you sign in with a link sent by e-mail.";
    PasswordOptional => "Mot de passe (facultatif)", "Password (optional)";
    InvitationSubmit => "Accepter l'invitation", "Accept the invitation";
    InvitationWelcome => "Bienvenue dans l'équipe ! Votre rôle apparaît ci-dessous.", "Welcome to the team! Your role shows below.";
    RoleHabitant => "Habitant : vous pouvez participer dans tous les quartiers.", "Habitant: you can take part in every neighbourhood.";
    RoleEditor => "Éditeur ou éditrice :", "Editor:";
    RoleAdmin => "Administrateur ou administratrice :", "Administrator:";
    RoleNetwork => "Administrateur du réseau (Mouvement des Régies)", "Network administrator (Mouvement des Régies)";
    RoleObserver => "Observateur du territoire", "Observer of the territory";
    PseudonymTitle => "Changer de pseudonyme", "Change my pseudonym";
    PseudonymSubmit => "Enregistrer le pseudonyme", "Save the pseudonym";
    EmailTitle => "Changer d'adresse e-mail", "Change my e-mail address";
    EmailIntro => "Un lien de confirmation part vers la nouvelle adresse ; l'ancienne reste celle du compte tant qu'il n'est pas suivi.",
        "A confirmation link goes to the new address; the old one stays the account's until it is followed.";
    NewEmail => "Nouvelle adresse e-mail", "New e-mail address";
    EmailSubmit => "Envoyer le lien de confirmation", "Send the confirmation link";
    EmailSent => "Un lien de confirmation est parti vers la nouvelle adresse (valable 24 heures).", "A confirmation link went to the new address (valid for 24 hours).";
    EmailConfirmTitle => "Confirmer ma nouvelle adresse", "Confirm my new address";
    EmailConfirmText => "Ce bouton fait de cette adresse celle de votre compte.", "This button makes this address your account's.";
    EmailConfirmSubmit => "Confirmer la nouvelle adresse", "Confirm the new address";
    EmailChanged => "Votre nouvelle adresse est enregistrée.", "Your new address is saved.";
    PasswordTitle => "Changer de mot de passe", "Change my password";
    CurrentPassword => "Mot de passe actuel", "Current password";
    PasswordSubmit => "Changer le mot de passe", "Change the password";
    PasswordChanged => "Mot de passe changé. Vos autres appareils sont déconnectés.", "Password changed. Your other devices are signed out.";
    PseudonymChanged => "Pseudonyme enregistré.", "Pseudonym saved.";
    DevicesTitle => "Mes appareils", "My devices";
    DevicesCount => "Sessions ouvertes : {n}.", "Open sessions: {n}.";
    SignOut => "Me déconnecter", "Sign out";
    SignOutEverywhere => "Me déconnecter de tous mes appareils", "Sign out of all my devices";
    DataTitle => "Mes données", "My data";
    DataIntro => "Téléchargez tout ce que l'Atlas garde sur vous, dans un fichier JSON (RGPD, articles 15 et 20).",
        "Download everything the Atlas keeps about you, as a JSON file (GDPR, articles 15 and 20).";
    DataDownload => "Télécharger mes données", "Download my data";
    DeleteTitle => "Supprimer mon compte", "Delete my account";
    DeleteText => "Votre adresse, votre pseudonyme, vos rôles, vos sessions et les messages qui vous étaient destinés sont effacés tout de suite et pour de bon. Vos contributions publiques restent visibles, signées « compte supprimé » ; vos soutiens sont retirés. Rien ne peut être annulé.",
        "Your address, pseudonym, roles, sessions and the messages meant for you are erased at once and for good. Your public contributions stay visible, signed « deleted account »; your supports are withdrawn. Nothing can be undone.";
    DeleteConfirm => "Je veux supprimer mon compte", "I want to delete my account";
    DeleteSubmit => "Supprimer mon compte", "Delete my account";
    Deleted => "Votre compte est supprimé. Merci d'avoir participé.", "Your account is deleted. Thank you for taking part.";
    NeedSignIn => "Connectez-vous pour voir votre compte.", "Sign in to see your account.";
    PrivacyLink => "Ce que nous gardons et pourquoi", "What we keep and why";
    PrivacyTitle => "Vos données personnelles", "Your personal data";
    PrivacyIntro => "L'Atlas des Régies garde le moins possible de données sur les personnes, et seulement pour faire fonctionner les comptes. Rien n'est vendu ni confié à un tiers, aucun traceur publicitaire n'est utilisé.",
        "The Atlas des Régies keeps as little personal data as it can, only to run the accounts. Nothing is sold or handed to a third party; no advertising tracker is used.";
    PrivacyWhatTitle => "Ce qui est gardé, et combien de temps", "What is kept, and for how long";
    PrivacyAccount => "Votre compte : l'adresse e-mail (jamais affichée), le pseudonyme (affiché à côté de vos contributions), une empreinte du mot de passe (argon2id : le mot de passe lui-même n'est pas gardé), la langue de vos messages, les dates d'ouverture et de confirmation. Gardé tant que le compte existe.",
        "Your account: the e-mail address (never shown), the pseudonym (shown beside your contributions), a fingerprint of the password (argon2id: the password itself is not kept), the language of your messages, the dates of opening and confirmation. Kept as long as the account exists.";
    PrivacyUnconfirmed => "Un compte dont l'adresse n'est pas confirmée est effacé au bout de 7 jours.", "An account whose address is not confirmed is erased after 7 days.";
    PrivacySessions => "Sessions : un témoin de connexion (cookie « atlas_session », indispensable, sans publicité) ; la session finit après 7 jours sans visite, 30 jours au plus, ou quand vous vous déconnectez.",
        "Sessions: a sign-in cookie (« atlas_session », necessary, no advertising); a session ends after 7 days without a visit, 30 days at most, or when you sign out.";
    PrivacyTraces => "Traces de connexion : les essais de mot de passe manqués, comptés par adresse et par adresse IP pour arrêter qui devine, et le nombre d'envois de formulaires par adresse IP et par minute, contre les envois en masse ; effacés au bout d'un jour.",
        "Sign-in traces: failed password attempts, counted per address and per IP address to stop guessing, and the number of forms sent per IP address and minute, against floods; erased after a day.";
    PrivacyLinks => "Liens envoyés par e-mail (confirmation, connexion, mot de passe) : valables de 15 minutes à 7 jours, effacés un jour après usage ou expiration ; les messages envoyés sont effacés au bout de 30 jours.",
        "Links sent by e-mail (confirmation, sign-in, password): valid from 15 minutes to 7 days, erased a day after use or expiry; sent messages are erased after 30 days.";
    PrivacyTeams => "Invitations à l'équipe d'une Régie : l'adresse invitée, la Régie, le rôle et qui a invité ; effacées à leur expiration (7 jours) si personne n'accepte, 30 jours après avoir été acceptées. Les actualités, le logo et les versions de la fiche d'une Régie gardent le compte qui les a publiés (l'historique de la fiche le nomme, par son pseudonyme, à l'équipe de la Régie et au réseau) ; un compte supprimé les laisse sans signature. Une demande pour tenir la fiche d'une Régie, ou la proposition d'une Régie que l'Atlas ne connaît pas (le formulaire et le message), garde son compte pour le réseau, qui la lit avec l'adresse du compte ; un compte supprimé les efface. Les administrateurs du réseau peuvent protéger leur compte par un second facteur : une clé secrète (jamais exportée) et le dernier code utilisé.",
        "Invitations to a Régie's team: the invited address, the Régie, the role and who invited; erased when they expire (7 days) if nobody accepts, 30 days after being accepted. A Régie's news posts, logo and entry versions keep the account that published them (the entry's history names it, by its pseudonym, to the Régie's team and the network); a deleted account leaves them unsigned. A request to keep a Régie's entry, or the proposal of a Régie the Atlas does not know (the form and the message), keeps its account for the network, which reads it with the account's address; a deleted account erases them. Network administrators may protect their account with a second factor: a secret key (never exported) and the last code used.";
    PrivacyParticipation => "Participation : ce que vous publiez (signalements, propositions, commentaires, photos sans leurs métadonnées : ni position GPS ni appareil), vos soutiens et les éléments que vous suivez. Publié sous votre pseudonyme, gardé tant que l'élément existe ; si vous supprimez votre compte, vos soutiens et suivis sont effacés, et ce que vous avez publié reste, signé « un compte supprimé ». Une personne pour qui une Régie a déposé à une permanence garde la main sur ce dépôt avec le code remis.",
        "Participation: what you publish (reports, proposals, comments, photos without their metadata: no GPS position, no camera), your supports and the items you follow. Published under your pseudonym, kept as long as the item exists; if you delete your account, your supports and follows are erased, and what you published stays, signed “a deleted account”. Someone for whom a Régie filed at a drop-in session keeps control of it with the code they were given.";
    PrivacyWhoTitle => "Qui voit quoi", "Who sees what";
    PrivacyWho => "Tout le monde voit votre pseudonyme à côté de ce que vous publiez. Votre adresse e-mail n'est vue que par l'équipe qui administre l'Atlas (le Mouvement des Régies), pour répondre à une demande ou faire respecter la charte. Les équipes des Régies voient les pseudonymes des habitants, pas leurs adresses ; l'administrateur d'une Régie voit l'adresse des membres de son équipe, qu'il a invités par cette adresse.",
        "Everyone sees your pseudonym beside what you publish. Your e-mail address is seen only by the team running the Atlas (le Mouvement des Régies), to answer a request or uphold the charter. Régie teams see the inhabitants' pseudonyms, not their addresses; a Régie's administrator sees the addresses of their team's members, whom they invited at those addresses.";
    PrivacyRightsTitle => "Vos droits", "Your rights";
    PrivacyRights => "Depuis « Mon compte », vous pouvez à tout moment corriger votre pseudonyme et votre adresse, télécharger toutes vos données (articles 15 et 20 du RGPD) et supprimer votre compte (article 17). Vous pouvez aussi saisir la CNIL.",
        "From « My account » you can at any time correct your pseudonym and address, download all your data (GDPR articles 15 and 20) and delete your account (article 17). You may also complain to the CNIL.";
    MailsTitle => "Messages envoyés (développement)", "Sent messages (development)";
    MailsIntro => "Cette page n'existe que sur une installation de développement (ATLAS_DEV_MAIL=1) : elle montre les derniers messages de la file d'envoi, pour suivre les liens sans serveur de courrier.",
        "This page exists only on a development install (ATLAS_DEV_MAIL=1): it shows the latest messages of the outbox, to follow links without a mail server.";
    MailsNone => "Aucun message.", "No message.";
    MailsTo => "À", "To";
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_text_is_written_in_both_languages_and_they_differ() {
        let (fr, en) = (AccountTexts::of(Locale::Fr), AccountTexts::of(Locale::En));
        for key in T::ALL {
            assert!(!fr.get(*key).is_empty() && !en.get(*key).is_empty(), "{key:?}");
        }
        let same: Vec<_> = T::ALL.iter().filter(|k| fr.get(**k) == en.get(**k)).collect();
        assert!(same.is_empty(), "untranslated: {same:?}");
        assert_eq!(fr.get(T::Email), "Adresse e-mail");
        assert_eq!(fr.get(T::Pseudonym), "Pseudonyme");
        assert_eq!(fr.get(T::Password), "Mot de passe");
    }
}
