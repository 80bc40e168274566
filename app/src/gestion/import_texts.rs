//! The words of `/reseau/imports`, in French and English (sent with the page's data).

crate::i18n::page_texts::page_texts! {
    ImportTexts;
    Title => "Imports de fichiers", "File imports";
    Intro => "Déposez un fichier CSV : il est d'abord vérifié sans rien écrire, ligne par ligne, comme en ligne de commande. Vous lisez le rapport, puis vous confirmez l'import. Un fichier dont une ligne est refusée n'écrit rien.",
        "Upload a CSV file: it is first checked without writing anything, line by line, as on the command line. You read the report, then confirm the import. A file with a refused line writes nothing.";
    Kind => "Type de fichier", "Kind of file";
    File => "Fichier CSV", "CSV file";
    FileHint => "Séparateur point-virgule ou virgule, UTF-8 ou Windows-1252, 8 Mo au plus. Les colonnes sont celles de l'import en ligne de commande (README).",
        "Semicolon or comma separated, UTF-8 or Windows-1252, 8 MB at most. The columns are those of the command-line import (README).";
    Check => "Vérifier le fichier", "Check the file";
    Latest => "Derniers imports", "Latest imports";
    None => "Aucun import depuis les pages du réseau.", "No import from the network's pages yet.";
    ByOn => "Déposé par {who} le {date}", "Uploaded by {who} on {date}";
    Someone => "un compte supprimé", "a deleted account";
    Report => "Rapport", "Report";
    Read => "Lignes lues", "Lines read";
    Added => "Ajoutées", "Added";
    Updated => "Mises à jour", "Updated";
    Unchanged => "Inchangées", "Unchanged";
    Rejected => "Refusées", "Refused";
    WouldAdd => "À ajouter", "To add";
    WouldUpdate => "À mettre à jour", "To update";
    Line => "Ligne", "Line";
    Reason => "Raison", "Reason";
    RejectedIntro => "Rien n'a été écrit. Corrigez ces lignes dans le fichier, puis déposez-le à nouveau.", "Nothing was written. Correct these lines in the file, then upload it again.";
    CheckedIntro => "Le fichier est valide. Rien n'est encore écrit : confirmez pour l'importer.", "The file is valid. Nothing is written yet: confirm to import it.";
    Start => "Importer ce fichier", "Import this file";
    Restart => "Relancer l'import", "Run the import again";
    Abandon => "Abandonner ce fichier", "Give up this file";
    Progress => "Progression de l'import", "Import progress";
    Rows => "{done} lignes sur {total}", "{done} rows of {total}";
    Refresh => "Actualiser", "Refresh";
    Done => "Import terminé : les pages publiques, la carte et la recherche le montrent déjà.", "Import done: the public pages, the map and the search already show it.";
    InterruptedIntro => "Le serveur qui faisait cet import s'est arrêté avant la fin. Son écriture était d'un seul tenant : rien n'a été écrit. Le fichier est gardé : vous pouvez relancer l'import.",
        "The server running this import stopped before the end. Its write was all of a piece: nothing was written. The file is kept: you may run the import again.";
    FailedIntro => "La base de données a refusé l'import : rien n'a été écrit. Réessayez plus tard.", "The database refused the import: nothing was written. Try again later.";
    Back => "Tous les imports", "All imports";
    Abandoned => "Fichier abandonné : il a été effacé.", "File given up: it was deleted.";
    NetworkAdmin => "Administration du réseau", "Network administration";
    SignInFirst => "Connectez-vous avec un compte du réseau pour importer des fichiers.", "Sign in with a network account to import files.";
    SignIn => "Se connecter", "Sign in";
    NetworkOnly => "Cette page est celle du réseau : votre compte n'y a pas accès.", "This page is the network's: your account has no access to it.";
}
