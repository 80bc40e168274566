//! The words of the participation pages, French and English; they travel with the page's data
//! (`i18n::page_texts`). Holes: `{n}`, `{qpv}`, `{regie}`, `{who}`, `{date}`, `{reason}`…

crate::i18n::page_texts::page_texts! {
    ParticipationTexts;
    ListTitle => "Participation", "Participation";
    ListIntro => "Les signalements et propositions des habitants des quartiers prioritaires, et les réponses des Régies qui y travaillent.",
        "What inhabitants of priority neighbourhoods report and suggest, and the answers of the Régies working there.";
    QpvListTitle => "Participation : {qpv}", "Participation: {qpv}";
    RegieListTitle => "Participation dans les quartiers de {regie}", "Participation in the neighbourhoods of {regie}";
    NewLink => "Signaler ou proposer", "Report or suggest";
    Filters => "Filtrer la liste", "Filter the list";
    FilterKind => "Nature", "Kind";
    FilterCategory => "Catégorie", "Category";
    FilterStatus => "Statut", "Status";
    FilterQpv => "Code du quartier (QPV)", "Neighbourhood code (QPV)";
    FilterCommune => "Code INSEE de la commune", "INSEE code of the town";
    FilterSort => "Trier par", "Sort by";
    Any => "Tous", "All";
    SortRecent => "Les plus récents", "Most recent";
    SortSupported => "Les plus soutenus", "Most supported";
    SortUnanswered => "Sans réponse, les plus anciens d'abord", "Unanswered, oldest first";
    Apply => "Afficher", "Show";
    Count => "{n} élément(s)", "{n} item(s)";
    NoItem => "Aucun élément pour l'instant.", "No item yet.";
    Supporters => "{n} soutien(s)", "{n} supporter(s)";
    CommentCount => "{n} commentaire(s)", "{n} comment(s)";
    KindSignalement => "Signalement", "Report";
    KindProposition => "Proposition", "Proposal";
    CatProprete => "Propreté", "Cleanliness";
    CatEncombrants => "Encombrants", "Bulky waste";
    CatEspacesVerts => "Espaces verts", "Green spaces";
    CatEclairage => "Éclairage", "Lighting";
    CatDegradation => "Dégradation", "Damage";
    CatCadreDeVie => "Cadre de vie", "Living environment";
    CatLienSocial => "Lien social", "Community life";
    CatEmploi => "Emploi", "Jobs";
    CatJardin => "Jardin", "Garden";
    CatFete => "Fête de quartier", "Neighbourhood party";
    CatAmenagement => "Aménagement", "Public space";
    CatAutre => "Autre", "Other";
    StNouveau => "En attente de réponse", "Awaiting an answer";
    StRecu => "Reçu", "Received";
    StAEtude => "À l'étude", "Under study";
    StEnCours => "En cours", "In progress";
    StRealise => "Réalisé", "Done";
    StNonRetenu => "Non retenu", "Not taken up";
    StTransmis => "Transmis", "Passed on";
    StRouvert => "Toujours d'actualité", "Still an issue";
    ClockTitle => "Délai de réponse de la Régie", "The Régie's answer time";
    ClockLine => "{share} % des {n} élément(s) évaluables ont reçu une réponse en 7 jours au plus ; première réponse en {median} (médiane). Période : depuis le {since}, {items} élément(s) déposé(s). « Reçu » seul ne compte pas comme réponse.",
        "{share}% of the {n} item(s) that can be judged were answered within 7 days; first answer in {median} (median). Period: since {since}, {items} item(s) posted. “Received” alone does not count as an answer.";
    ClockNone => "Pas encore d'élément à évaluer : {items} élément(s) déposé(s) depuis le {since}.", "Nothing to judge yet: {items} item(s) posted since {since}.";
    Days => "{n} jour(s)", "{n} day(s)";
    Hours => "{n} heure(s)", "{n} hour(s)";
    ByStatus => "Par statut", "By status";
    PostedBy => "Déposé par {who} le {date}", "Posted by {who} on {date}";
    DeletedAccount => "un compte supprimé", "a deleted account";
    InQpv => "Quartier", "Neighbourhood";
    Regies => "Régies qui peuvent répondre", "Régies that may answer";
    NoRegie => "Aucune Régie ne couvre ce quartier pour l'instant.", "No Régie covers this neighbourhood yet.";
    SupportButton => "Moi aussi", "Me too";
    SupportWithdraw => "Retirer mon soutien", "Withdraw my support";
    SupportPromise => "« Moi aussi » soutient cet élément et vous abonne : vous serez prévenu·e de chaque changement de statut.",
        "“Me too” supports this item and follows it: you will hear of every change of status.";
    AuthorFollows => "Vous avez déposé cet élément : vous serez prévenu·e de chaque changement de statut.", "You posted this item: you will hear of every change of status.";
    Supported => "Vous soutenez cet élément.", "You support this item.";
    SignInToAct => "Connectez-vous pour soutenir, commenter ou déposer.", "Sign in to support, comment or post.";
    SignIn => "Se connecter", "Sign in";
    History => "Historique", "History";
    HistoryPosted => "Déposé", "Posted";
    HistoryBy => "par {regie}", "by {regie}";
    HistoryReopened => "par un habitant qui le soutient", "by an inhabitant who supports it";
    PartnerTo => "transmis à {partner}", "passed on to {partner}";
    AnswerAs => "Répondre au nom de {regie}", "Answer for {regie}";
    AnswerStatus => "Nouveau statut", "New status";
    AnswerMessage => "Message aux habitants (obligatoire pour « non retenu »)", "Message to the inhabitants (required for “not taken up”)";
    AnswerPartner => "Partenaire (pour « transmis ») : bailleur, mairie…", "Partner (for “passed on”): social landlord, town hall…";
    AnswerSubmit => "Enregistrer le statut", "Save the status";
    Comments => "Commentaires", "Comments";
    NoComment => "Pas encore de commentaire.", "No comment yet.";
    CommentsCount => "{n} commentaire(s) · page {page} sur {pages}", "{n} comment(s) · page {page} of {pages}";
    CommentsOlder => "Commentaires plus anciens", "Older comments";
    CommentsNewer => "Commentaires plus récents", "Newer comments";
    LiveUpdated => "Mis à jour à l'instant.", "Updated just now.";
    LiveHeld => "Du nouveau est arrivé : il s'affichera quand vous aurez fini votre réponse.", "News arrived: it will show once you have finished your reply.";
    CommentsPages => "Pages des commentaires", "Pages of the comments";
    CommentLabel => "Votre commentaire", "Your comment";
    CommentSubmit => "Publier le commentaire", "Post the comment";
    ReplyLabel => "Votre réponse", "Your reply";
    ReplySubmit => "Répondre", "Reply";
    StaffMark => "Équipe de {regie}", "Team of {regie}";
    Edited => "modifié", "edited";
    CommentDeleted => "Commentaire supprimé par son auteur.", "Comment deleted by its author.";
    HiddenBecause => "Masqué par la modération : {reason}", "Hidden by moderation: {reason}";
    Delete => "Supprimer mon commentaire", "Delete my comment";
    Edit => "Modifier (15 minutes)", "Edit (15 minutes)";
    EditSubmit => "Enregistrer", "Save";
    Reopen => "Toujours d'actualité ?", "Still an issue?";
    ReopenHelp => "Réalisé depuis moins de 30 jours : dites ce qui ne va pas encore, l'élément sera rouvert.",
        "Done less than 30 days ago: say what is still wrong, and the item is reopened.";
    ReopenSubmit => "Rouvrir", "Reopen";
    ModerateItem => "Masquer cet élément", "Hide this item";
    ModerateComment => "Masquer ce commentaire", "Hide this comment";
    ModerateReason => "Raison, affichée à sa place", "Reason, shown in its place";
    ModerateSubmit => "Masquer", "Hide";
    HiddenItem => "Cet élément a été masqué : {reason}", "This item was hidden: {reason}";
    NotFound => "Aucun élément n'a ce numéro.", "No item has this number.";
    PostedNotice => "Merci : c'est publié. Les Régies du quartier sont prévenues.", "Thank you: it is published. The neighbourhood's Régies have been told.";
    SavedNotice => "C'est enregistré.", "Saved.";
    FormErrors => "Le formulaire n'a pas pu être envoyé :", "The form could not be sent:";
    NewTitle => "Signaler ou proposer", "Report or suggest";
    Step1 => "Étape 1 sur 2 : quoi et où", "Step 1 of 2: what and where";
    Step2 => "Étape 2 sur 2 : décrire", "Step 2 of 2: describe";
    KindQuestion => "Vous voulez…", "You want to…";
    KindSignalementLong => "Signaler un problème à régler", "Report a problem to fix";
    KindPropositionLong => "Proposer une idée pour le quartier", "Suggest an idea for the neighbourhood";
    CategoryLabel => "Catégorie", "Category";
    CategoryChoose => "Choisissez une catégorie", "Choose a category";
    CategoryProblems => "Problèmes à régler", "Problems to fix";
    CategoryIdeas => "Idées", "Ideas";
    PlaceChosen => "Quartier : {qpv}", "Neighbourhood: {qpv}";
    PlaceNone => "Choisissez votre quartier : indiquez votre commune ci-dessous, touchez la carte, ou passez par « Autour de moi ».",
        "Choose your neighbourhood: give your town below, tap the map, or use “Around me”.";
    PlaceWhereLabel => "Commune ou code postal", "Town or postcode";
    PlaceWhereHelp => "Puis choisissez votre quartier dans la liste (sans carte).", "Then choose your neighbourhood from the list (no map needed).";
    PlaceSearch => "Chercher les quartiers", "Find the neighbourhoods";
    PlaceChoices => "Quartiers prioritaires de {commune}", "Priority neighbourhoods of {commune}";
    PlaceNoQpv => "{commune} n'a pas de quartier prioritaire : la participation se fait dans les QPV.", "{commune} has no priority neighbourhood: participation happens in the QPVs.";
    PlaceFind => "Trouver mon quartier", "Find my neighbourhood";
    Next => "Continuer", "Continue";
    Back => "Revenir à l'étape 1", "Back to step 1";
    SimilarTitle => "C'est le même ?", "Is it the same?";
    SimilarIntro => "Ces éléments ouverts du quartier ressemblent au vôtre. Si c'est le même, soutenez-le plutôt : la Régie verra que vous êtes plusieurs.",
        "These open items of the neighbourhood look like yours. If it is the same, support it instead: the Régie will see there are several of you.";
    TitleLabel => "Titre", "Title";
    TitleHint => "De 5 à 120 caractères : ce qu'on lit en premier.", "5 to 120 characters: what people read first.";
    BodyLabel => "Description", "Description";
    BodyHint => "Ce qui se passe, où exactement, depuis quand. De 10 à 4 000 caractères.", "What is happening, where exactly, since when. 10 to 4,000 characters.";
    PhotosLabel => "Photos (facultatif)", "Photos (optional)";
    PhotosHint => "Jusqu'à 3 photos JPEG, PNG ou WebP de 10 Mo au plus. Elles sont redimensionnées et publiées sans leurs métadonnées (position GPS, appareil).",
        "Up to 3 JPEG, PNG or WebP photos of 10 MB at most. They are resized and published without their metadata (GPS position, camera).";
    PhotoN => "Photo {n}", "Photo {n}";
    PhotoAlt => "Photo {n} jointe à l'élément", "Photo {n} attached to the item";
    Privacy => "Qui voit quoi : votre pseudonyme, le titre, le texte et le quartier sont publics. Votre adresse e-mail n'est montrée à personne, pas même à la Régie.",
        "Who sees what: your pseudonym, the title, the text and the neighbourhood are public. Your e-mail address is shown to nobody, not even the Régie.";
    Submit => "Publier", "Publish";
    SignInToPost => "Pour publier, connectez-vous ou créez un compte (une minute, sans nom ni adresse postale).",
        "To publish, sign in or create an account (a minute, no name nor postal address).";
    FiledBy => "Déposé par {regie} pour un habitant, qui a donné son accord, le {date}", "Filed by {regie} for an inhabitant, who agreed, on {date}";
    CodeToGive => "Code à remettre à l'habitant (il ne sera plus affiché) : {code}. Avec lui, la personne pourra faire sien ce dépôt sur /participation/reclamer, ou le faire retirer.",
        "Code to give to the inhabitant (it will not be shown again): {code}. With it, the person can make this item theirs at /participation/reclamer, or have it withdrawn.";
    ForInhabitant => "Déposer pour un habitant (permanence)", "File for an inhabitant (drop-in session)";
    ForInhabitantHelp => "Pour une personne rencontrée à une permanence : l'élément est affiché « déposé par la Régie pour un habitant ». Un code vous est donné pour elle.",
        "For someone met at a drop-in session: the item is shown as “filed by the Régie for an inhabitant”. You get a code to give them.";
    ForInhabitantAs => "Déposer au nom de {regie}", "File as {regie}";
    ForInhabitantNo => "Non, je dépose pour moi", "No, I am filing for myself";
    Consent => "La personne a donné son accord pour ce dépôt", "The person agreed to this filing";
    ClaimTitle => "Un dépôt fait pour vous", "An item filed for you";
    ClaimIntro => "La Régie a déposé un signalement ou une proposition pour vous et vous a remis un code. Avec lui, faites-le vôtre (connectez-vous d'abord) ou faites-le retirer.",
        "The Régie filed a report or proposal for you and gave you a code. With it, make it yours (sign in first) or have it withdrawn.";
    ClaimCode => "Code remis à la permanence", "Code given at the drop-in session";
    ClaimSubmit => "C'est le mien : le rattacher à mon compte", "It is mine: attach it to my account";
    WithdrawSubmit => "Le faire retirer", "Have it withdrawn";
    ClaimedNotice => "C'est fait : cet élément est maintenant le vôtre.", "Done: this item is now yours.";
    WithdrawnNotice => "C'est fait : l'élément est retiré.", "Done: the item is withdrawn.";
    TemplateLabel => "Ou un modèle de réponse de la Régie", "Or one of the Régie's answer templates";
    TemplateNone => "Aucun modèle", "No template";
    TemplateAdd => "Ajouter un modèle de réponse", "Add an answer template";
    TemplateTitle => "Nom du modèle", "Template name";
    TemplateText => "Texte du modèle", "Template text";
    TemplateSubmit => "Enregistrer le modèle", "Save the template";
    TerritoryHeading => "Participation des habitants", "Inhabitants' participation";
    TerritoryItems => "{n} signalement(s) et proposition(s) dans les QPV du territoire depuis le {since}.", "{n} report(s) and proposal(s) in the territory's QPVs since {since}.";
    TopCategories => "Catégories les plus fréquentes", "Most frequent categories";
    TerritoryClock => "{share} % des {n} élément(s) évaluables ont reçu une réponse d'une Régie en 7 jours au plus.", "{share}% of the {n} item(s) that can be judged were answered by a Régie within 7 days.";
    TerritoryLink => "Voir les signalements et propositions", "See the reports and proposals";
    Feed => "Suivre ce quartier dans un lecteur de flux (Atom)", "Follow this neighbourhood in a feed reader (Atom)";
    Demo => "Démonstration", "Demonstration";
    DemoAuthor => "un exemple de démonstration", "a demonstration example";
    ItemsHere => "Voir la participation du quartier", "See the neighbourhood's participation";
    CountAll => "{n} élément(s) en tout", "{n} item(s) in all";
    PageOf => "Page {page} sur {pages}", "Page {page} of {pages}";
    PagePrevious => "Page précédente", "Previous page";
    PageNext => "Page suivante", "Next page";
    Pagination => "Pages de la liste", "Pages of the list";
    MapItems => "Carte des éléments de cette page", "Map of the items on this page";
    MapItem => "Carte : où se trouve ce signalement ou cette proposition", "Map: where this report or proposal is";
    MapChoose => "Carte : touchez le lieu exact", "Map: tap the exact place";
    MapChooseHelp => "Facultatif : touchez la carte au lieu exact (ou centrez-la dessus et utilisez le bouton). Le quartier est trouvé à partir du point.",
        "Optional: tap the map at the exact place (or centre it there and use the button). The neighbourhood is found from the point.";
    MapZoomIn => "Zoomer", "Zoom in";
    MapZoomOut => "Dézoomer", "Zoom out";
    MapCentre => "Placer le point au centre de la carte", "Put the point at the centre of the map";
    MapHere => "Ma position", "My position";
    MapNoTiles => "Fond de carte indisponible : les contours des quartiers restent affichés.", "Base map unavailable: the neighbourhoods' outlines remain.";
    PointIn => "Point placé dans le quartier {qpv}.", "Point placed in the neighbourhood {qpv}.";
    PointOutside => "Ce point n'est dans aucun quartier prioritaire : choisissez un point dans un QPV.", "This point is in no priority neighbourhood: choose a point inside a QPV.";
    PointNoPosition => "Position introuvable : touchez la carte à la place.", "Position not found: tap the map instead.";
    SeeItem => "Voir", "See";
    DraftSave => "Garder le brouillon", "Keep the draft";
    DraftSaved => "Brouillon gardé : vous le retrouverez ici, sur cet appareil ou un autre, une fois connecté.", "Draft kept: you will find it here, on this device or another, once signed in.";
    DraftRestored => "Brouillon repris (enregistré le {date}).", "Draft restored (saved on {date}).";
    DraftOnDevice => "Brouillon repris de cet appareil.", "Draft restored from this device.";
    DraftForget => "Effacer le brouillon", "Clear the draft";
    DraftElsewhere => "Vous avez un brouillon : « {title} ».", "You have a draft: “{title}”.";
    DraftResume => "Le reprendre", "Resume it";
    PhotoShrunk => "Photo réduite avant l'envoi : {w} × {h} px, {kb} Ko.", "Photo shrunk before sending: {w} × {h} px, {kb} KB.";
    Flag => "Signaler", "Flag";
    FlagItem => "Signaler cet élément à la modération", "Flag this item to moderation";
    FlagComment => "Signaler ce commentaire", "Flag this comment";
    FlagWhy => "Pourquoi ?", "Why?";
    FlagHelp => "Après {n} signalements de personnes différentes, le contenu est masqué jusqu'à la relecture d'un modérateur.", "After {n} flags from different people, the content is hidden until a moderator reviews it.";
    FlagSubmit => "Envoyer le signalement", "Send the flag";
    FlaggedNotice => "Merci : votre signalement est enregistré. La modération le relira.", "Thank you: your flag is recorded. Moderation will review it.";
    HiddenByFlags => "Masqué après {n} signalements ({reason}), en attente de relecture.", "Hidden after {n} flags ({reason}), awaiting review.";
    HeldForReview => "En attente de relecture par la modération avant publication.", "Awaiting review by moderation before publication.";
    HeldTitle => "Élément en attente de relecture", "Item awaiting review";
    MergedInto => "Cet élément a été fusionné avec un élément semblable : {title}.", "This item was merged with a similar one: {title}.";
    PhotoHidden => "Photo masquée par la modération : {reason}", "Photo hidden by moderation: {reason}";
    ModerateTools => "Modération", "Moderation";
    ModerateRestore => "Rétablir", "Restore";
    ModerateRestoreTitle => "Rétablir ce contenu", "Restore this content";
    ModerateSuspend => "Suspendre l'auteur dans ce quartier", "Suspend the author in this neighbourhood";
    ModerateSuspendSubmit => "Suspendre", "Suspend";
    ModerateMerge => "Fusionner avec un doublon", "Merge into a duplicate";
    ModerateMergeInto => "Numéro de l'élément à garder (même quartier)", "Number of the item to keep (same neighbourhood)";
    ModerateMergeSubmit => "Fusionner", "Merge";
    ModeratePhoto => "Masquer cette photo", "Hide this photo";
    ModerateDone => "Acte de modération enregistré ; il figure au journal public du quartier.", "Moderation act recorded; it is in the neighbourhood's public log.";
    Charter => "Charte de participation", "Participation charter";
    CharterLink => "Ce qui est permis, et comment se passe la modération : la charte de participation", "What is allowed, and how moderation works: the participation charter";
    Journal => "Journal de modération", "Moderation log";
    JournalTitle => "Journal de modération : {qpv}", "Moderation log: {qpv}";
    JournalIntro => "Chaque acte de modération de ce quartier : qui l'a fait (un rôle, jamais un nom), quoi, et pourquoi. Tout acte peut être annulé, et l'annulation figure ici aussi.",
        "Every moderation act in this neighbourhood: who did it (a role, never a name), what, and why. Any act can be undone, and the undoing is listed here too.";
    JournalEmpty => "Aucun acte de modération dans ce quartier.", "No moderation act in this neighbourhood.";
    JournalUndone => "annulé depuis", "undone since";
    JournalUndoes => "annule un acte précédent", "undoes an earlier act";
    JournalWhy => "Pourquoi : {reason}", "Why: {reason}";
    JournalAbout => "À propos de : ", "About: ";
    JournalHiddenItem => "un élément masqué", "a hidden item";
    Undo => "Annuler cet acte", "Undo this act";
    UndoReason => "Pourquoi l'annuler (public)", "Why undo it (public)";
    UndoSubmit => "Annuler l'acte", "Undo the act";
    QueueTitle => "File de modération", "Moderation queue";
    QueueIntro => "Ce qui attend votre relecture dans les quartiers où vous modérez : les contenus retenus par la liste de mots, masqués ou signalés.",
        "What awaits your review in the neighbourhoods you moderate: content held by the word list, hidden or flagged.";
    QueueEmpty => "Rien à relire.", "Nothing to review.";
    QueueFlags => "Signalements : {reasons}", "Flags: {reasons}";
    QueueShown => "Encore visible.", "Still shown.";
    QueueKeepHidden => "Masquer (confirmer)", "Hide (confirm)";
    QueueKeepShown => "Garder visible (les signalements sont examinés)", "Keep it shown (the flags are reviewed)";
    QueueKeepSubmit => "Garder visible", "Keep shown";
    QueueOpen => "Ouvrir l'élément", "Open the item";
    QueueItem => "Élément n° {n} : « {title} »", "Item #{n}: “{title}”";
    QueueComment => "Commentaire sur « {title} »", "Comment on “{title}”";
    Words => "Mots à relire", "Words to review";
    WordsHelp => "Un message contenant l'un de ces mots (mot entier, sans tenir compte des accents ni des majuscules) attend une relecture avant publication.",
        "A post holding one of these words (a whole word, accents and case ignored) waits for review before publication.";
    WordsNetwork => "Liste du réseau (tous les quartiers)", "The network's list (every neighbourhood)";
    WordsOf => "Liste de {regie} (ses quartiers)", "List of {regie} (its neighbourhoods)";
    WordsNone => "Aucun mot.", "No word.";
    WordAdd => "Ajouter un mot", "Add a word";
    WordAddSubmit => "Ajouter", "Add";
    WordRemove => "Retirer « {word} »", "Remove “{word}”";
    NotModerator => "Cette page est réservée aux modérateurs : l'équipe d'une Régie dans ses quartiers, et le réseau.", "This page is for moderators: a Régie's team in its neighbourhoods, and the network.";
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn every_text_is_written_in_both_languages_and_they_differ() {
        let (fr, en) = (ParticipationTexts::of(Locale::Fr), ParticipationTexts::of(Locale::En));
        let same: Vec<_> = T::ALL.iter().filter(|k| fr.get(**k).is_empty() || fr.get(**k) == en.get(**k)).collect();
        // « Participation », « Description », « Photo » are the same words in both languages.
        assert_eq!(same, vec![&T::ListTitle, &T::BodyLabel, &T::PhotoN], "untranslated");
    }
}
