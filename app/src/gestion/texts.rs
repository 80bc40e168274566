//! The words of `/gestion`, in French and English: sent with the page's data (server only), so
//! the browser bundle carries none of them.

crate::i18n::page_texts::page_texts! {
    GestionTexts;
    Title => "Gérer ma Régie", "Manage my Régie";
    Intro => "Votre Régie tient sa fiche à jour : coordonnées, position sur la carte, activités. Chaque enregistrement est une version, avec son auteur et sa date ; on peut revenir à n'importe laquelle.",
        "Your Régie keeps its entry up to date: contact details, position on the map, activities. Every save is a version, with its author and date; any of them can be brought back.";
    SignInFirst => "Connectez-vous pour gérer la fiche de votre Régie.", "Sign in to manage your Régie's entry.";
    SignIn => "Se connecter", "Sign in";
    EditProfile => "Modifier la fiche", "Edit the entry";
    ProfileHeading => "Fiche de la Régie", "The Régie's entry";
    VersionNow => "Version en cours : {n}", "Current version: {n}";
    NeverEdited => "Fiche jamais modifiée depuis son import.", "Entry never edited since it was imported.";
    PublicPage => "Voir la page publique", "See the public page";
    History => "Historique des versions", "Version history";
    Contact => "Coordonnées", "Contact details";
    Place => "Adresse et position sur la carte", "Address and position on the map";
    PlaceHint => "La position place l'épingle de la Régie sur la carte : latitude et longitude en degrés décimaux (par exemple 48,8566 et 2,3522). Un service de cartographie donne ces chiffres d'un clic droit sur l'adresse.",
        "The position places the Régie's pin on the map: latitude and longitude in decimal degrees (for example 48.8566 and 2.3522). A mapping service gives these figures with a right click on the address.";
    Latitude => "Latitude", "Latitude";
    Longitude => "Longitude", "Longitude";
    Identity => "Identité", "Identity";
    SiretHint => "14 chiffres, sur l'avis de situation INSEE (le SIREN en est les 9 premiers).", "14 digits, on the INSEE notice (the SIREN is its first 9).";
    DateHint => "JJ/MM/AAAA, ou l'année seule.", "DD/MM/YYYY, or the year alone.";
    PhoneHint => "Le numéro que les habitants peuvent appeler.", "The number inhabitants can call.";
    WebsiteHint => "Par exemple https://www.regie.fr", "For example https://www.regie.fr";
    DescriptionHint => "Ce que fait la Régie, pour les habitants et les partenaires (2 000 caractères au plus).", "What the Régie does, for inhabitants and partners (2,000 characters at most).";
    Activities => "Activités", "Activities";
    Save => "Enregistrer la fiche", "Save the entry";
    Saved => "Fiche enregistrée : version {n}. La page publique, la carte et la recherche la montrent déjà.", "Entry saved: version {n}. The public page, the map and the search already show it.";
    Unchanged => "Rien n'a changé : aucune version n'a été créée.", "Nothing changed: no version was made.";
    Restored => "Version restaurée : elle est devenue la version {n}.", "Version restored: it became version {n}.";
    FormErrors => "La fiche n'a pas été enregistrée :", "The entry was not saved:";
    ConflictHeading => "Quelqu'un a modifié la fiche pendant que vous la modifiiez", "Someone changed the entry while you were editing it";
    ConflictBody => "Votre version, ci-dessous, partait de la version {from} et n'a pas été enregistrée. Voici ce qui a été enregistré depuis. Relisez, puis enregistrez pour remplacer la version {now} par la vôtre.",
        "Your version, below, started from version {from} and was not saved. Here is what was saved since. Read it, then save to replace version {now} with yours.";
    VersionTitle => "Version {n}", "Version {n}";
    OriginTitle => "Version 0 : la fiche telle qu'importée", "Version 0: the entry as imported";
    RestoreOf => "restauration de la version {n}", "restore of version {n}";
    By => "par {who}, le {when}", "by {who}, on {when}";
    Nobody => "l'opérateur ou un compte supprimé", "the operator or a deleted account";
    Field => "Champ", "Field";
    Before => "Avant", "Before";
    After => "Après", "After";
    Empty => "(vide)", "(empty)";
    Current => "version en cours", "current version";
    Restore => "Revenir à cette version", "Go back to this version";
    NoHistory => "Aucune version encore : la première modification gardera aussi l'état d'origine.", "No version yet: the first change will also keep the original state.";
    BackToForm => "Retour à la fiche", "Back to the entry";
    Coverage => "Quartiers prioritaires couverts", "Priority neighbourhoods covered";
    CoverageHint => "« Estimé » : déduit de l'adresse de la Régie. « Déclaré » : la Régie y travaille. Seul le réseau confirme.", "“Estimated”: deduced from the Régie's address. “Declared”: the Régie works there. Only the network confirms.";
    CoverageNone => "Aucun quartier couvert pour l'instant.", "No neighbourhood covered yet.";
    Status => "Statut", "Status";
    Remove => "Ne couvre pas", "Not covered";
    Note => "Note (facultative)", "Note (optional)";
    AddQpv => "Ajouter un quartier du département", "Add a neighbourhood of the département";
    AddNone => "— aucun —", "— none —";
    VerifyHeading => "Vérification par le réseau", "Verification by the network";
    VerifyButton => "Marquer la Régie comme vérifiée", "Mark the Régie as verified";
    Verified => "Régie marquée comme vérifiée (version {n}).", "Régie marked as verified (version {n}).";
    ClaimHeading => "Vous travaillez dans cette Régie ?", "Do you work for this Régie?";
    ClaimIntro => "Votre compte n'a pas de rôle dans {regie}. Demandez à gérer sa fiche : le réseau vérifie et vous répond par courriel. La première personne acceptée devient administratrice de la fiche.",
        "Your account has no role in {regie}. Ask to keep its entry: the network checks and answers by e-mail. The first person accepted becomes the entry's administrator.";
    ClaimRole => "Votre rôle souhaité", "The role you wish";
    RoleEditor => "Éditeur ou éditrice : tenir la fiche à jour, répondre aux habitants", "Editor: keep the entry true, answer the inhabitants";
    RoleAdmin => "Administrateur ou administratrice : la fiche et son équipe", "Administrator: the entry and its team";
    ClaimMessage => "Message pour le réseau (votre fonction, comment vous joindre à la Régie)", "Message for the network (your position, how to reach you at the Régie)";
    ClaimSend => "Envoyer la demande", "Send the request";
    ClaimSent => "Demande envoyée : le réseau vous répondra par courriel.", "Request sent: the network will answer by e-mail.";
    ClaimWaiting => "Votre demande attend la réponse du réseau.", "Your request is waiting for the network's answer.";
    NetworkTitle => "Administration du réseau", "Network administration";
    NetworkOnly => "Cette page est celle du réseau : votre compte n'y a pas accès.", "This page is the network's: your account has no access to it.";
    ClaimsHeading => "Demandes de gestion", "Requests to keep an entry";
    ClaimsNone => "Aucune demande en attente.", "No request waiting.";
    ClaimFrom => "{who}, le {date}, souhaite être : {role}", "{who}, on {date}, wishes to be: {role}";
    Accept => "Accepter", "Accept";
    Refuse => "Refuser", "Refuse";
    Accepted => "Demande acceptée : la personne a reçu un courriel.", "Request accepted: the person got an e-mail.";
    RefusedNotice => "Demande refusée : la personne a reçu un courriel.", "Request refused: the person got an e-mail.";
    StaleHeading => "Fiches à rafraîchir", "Entries to refresh";
    StaleIntro => "Ni modifiées ni vérifiées depuis 12 mois : à vérifier avec leur équipe.", "Neither changed nor verified for 12 months: to check with their team.";
    StaleNever => "jamais depuis l'import", "never since the import";
    StaleSince => "dernière modification le {date}", "last changed on {date}";
    VerificationTitle => "vérification par le réseau", "verification by the network";
    ImportVersion => "import d'un fichier par le réseau", "file import by the network";
    ImportsLink => "Importer des fichiers (Régies, partenariats)", "Import files (Régies, partnerships)";
    AuditLink => "Journal des modifications", "Change log";
    PeopleLink => "Personnes et rôles", "People and roles";
    VerifiedOn => "Vérifiée par le réseau le {date}.", "Verified by the network on {date}.";
    UpdatedOn => "Fiche mise à jour le {date}.", "Entry updated on {date}.";
    NeverUpdated => "Fiche issue d'une liste publique, pas encore mise à jour par la Régie.", "Entry from a public list, not yet updated by the Régie.";
}
