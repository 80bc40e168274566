//! The words of `/reseau/journal`, in French and English (sent with the page's data).

crate::i18n::page_texts::page_texts! {
    AuditTexts;
    Title => "Journal des modifications", "Change log";
    Intro => "Qui a changé quoi dans les fiches des Régies, avant et après, et quand : modifications des équipes, restaurations, vérifications et imports du réseau, réponses aux demandes de gestion.",
        "Who changed what in the Régies' entries, before and after, and when: teams' edits, restores, the network's verifications and imports, answers to requests to keep an entry.";
    Regie => "Régie", "Régie";
    Person => "Personne", "Person";
    Kind => "Type de modification", "Kind of change";
    All => "Toutes", "All";
    Filter => "Filtrer", "Filter";
    Csv => "Télécharger ce journal en CSV", "Download this log as CSV";
    Count => "{n} modifications", "{n} changes";
    Shown => "Les {n} plus récentes sont affichées ; le CSV les contient toutes.", "The {n} most recent are shown; the CSV holds them all.";
    None => "Aucune modification pour ces filtres.", "No change for these filters.";
    Nobody => "la ligne de commande ou un compte supprimé", "the command line or a deleted account";
    ByOn => "{who}, le {date}", "{who}, on {date}";
    Field => "Champ", "Field";
    Before => "Avant", "Before";
    After => "Après", "After";
    Empty => "(vide)", "(empty)";
    NetworkAdmin => "Administration du réseau", "Network administration";
    SignInFirst => "Connectez-vous avec un compte du réseau pour lire le journal.", "Sign in with a network account to read the log.";
    SignIn => "Se connecter", "Sign in";
    NetworkOnly => "Cette page est celle du réseau : votre compte n'y a pas accès.", "This page is the network's: your account has no access to it.";
}
