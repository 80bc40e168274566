//! Moderation at the use-case layer, on SQLite and PostgreSQL: three flags hide a comment and its
//! author is told why; a moderator restores it; the public log names roles, never people, and
//! every act can be undone once; word lists hold posts for review; a suspended person cannot
//! take part in that space; duplicates merge with their supporters; a single photo is hidden.

mod common;

use atlas_core::account::Role;
use atlas_core::locale::Locale;
use atlas_core::moderation::{Act, ByRole, FlagReason, Hidden, Target};
use atlas_core::participation::threads::CommentsAt;
use atlas_core::participation::{Outcome, Problem};
use atlas_service::account::{self, operator};
use atlas_service::db::{self, Database};
use atlas_service::moderation::{self, read, ActForm};
use atlas_service::participation::{self, PostForm};
use atlas_service::{notification, Actor, Atlas, Code};
use common::{backends, fresh_url};

const PASSWORD: &str = "une phrase de passe solide";
const QPV: &str = "QN9999999Z";

async fn person(db: &Database, email: &str, pseudonym: &str, role: Option<Role>) -> Actor {
    operator::add(db, &Actor::Cli, email, role, Some(pseudonym), Some(PASSWORD)).await.unwrap();
    let s = account::sign_in(db, &Actor::Anonymous, email, PASSWORD, None).await.unwrap();
    account::session(db, &s.token).await.unwrap().unwrap().actor()
}

async fn setup(backend: &str) -> (Database, Atlas) {
    let db = db::connect(&fresh_url(backend).await).await.unwrap();
    db.migrate().await.unwrap();
    common::load_regies(&db).await;
    common::qpv_covered_by_regie_1(&db).await;
    let atlas = Atlas::open(db.clone()).await.unwrap();
    (db, atlas)
}

fn form(title: &str) -> PostForm {
    PostForm { kind: "signalement".into(), category: "proprete".into(), qpv: QPV.into(), title: title.into(), body: "Des sacs depuis une semaine au pied de l'immeuble.".into(), ..Default::default() }
}

async fn post(atlas: &Atlas, who: &Actor, title: &str) -> i64 {
    let Outcome::Done(id) = participation::post(atlas, who, &form(title)).await.unwrap() else { panic!("posted") };
    id
}

async fn comment(db: &Database, who: &Actor, item: i64, text: &str) -> i64 {
    let Outcome::Done(id) = participation::comment(db, who, item, None, text).await.unwrap() else { panic!("commented") };
    id
}

fn act(act: &str, target: &str, id: i64, reason: &str) -> ActForm {
    ActForm { act: act.into(), target: target.into(), id, reason: reason.into(), into: None }
}

async fn latest_sentence(db: &Database, who: &Actor, locale: Locale) -> String {
    notification::page(db, who, locale).await.unwrap().latest[0].sentence.clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn three_flags_hide_a_comment_the_author_is_told_a_moderator_restores_and_the_log_shows_both() {
    for backend in backends() {
        let (db, atlas) = setup(backend).await;
        let amina = person(&db, "amina@exemple.fr", "Amina", None).await;
        let flaggers = [
            person(&db, "b@exemple.fr", "Bruno", None).await,
            person(&db, "c@exemple.fr", "Chloé", None).await,
            person(&db, "d@exemple.fr", "Dora", None).await,
        ];
        let staff = person(&db, "equipe@regie.example", "Équipe", Some(Role::RegieEditor { regie: 1 })).await;
        let other_staff = person(&db, "autre@regie.example", "Autre", Some(Role::RegieAdmin { regie: 2 })).await;
        let item = post(&atlas, &flaggers[0], "Dépôt sauvage rue des Lilas").await;
        let c = comment(&db, &amina, item, "Les voisins du 3e jettent tout par la fenêtre, c'est eux.").await;

        // Refusals first: nobody anonymous, no unknown reason, not one's own comment.
        assert_eq!(moderation::flag(&db, &Actor::Anonymous, "commentaire", c, "hors-sujet").await.unwrap_err().code, Code::NotSignedIn, "{backend}");
        assert_eq!(moderation::flag(&db, &flaggers[0], "commentaire", c, "pas-beau").await.unwrap(), Outcome::Refused(vec![Problem::FlagReasonUnknown]), "{backend}");
        assert_eq!(moderation::flag(&db, &amina, "commentaire", c, "hors-sujet").await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(moderation::flag(&db, &flaggers[0], "commentaire", 999_999, "hors-sujet").await.unwrap_err().status(), 404, "{backend}");
        assert_eq!(moderation::flag(&db, &flaggers[0], "photo", c, "hors-sujet").await.unwrap_err().status(), 400, "{backend}");

        // Two flags (one given twice): still shown.
        for who in &flaggers[..2] {
            assert_eq!(moderation::flag(&db, who, "commentaire", c, "propos-blessants").await.unwrap(), Outcome::Done(item), "{backend}");
        }
        moderation::flag(&db, &flaggers[1], "commentaire", c, "propos-blessants").await.unwrap();
        let shown = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert!(shown.comments[0].body.is_some() && shown.summary.comments == 1, "{backend}: two accounts do not hide");
        let queue = read::queue(&db, &staff).await.unwrap();
        assert_eq!((queue.len(), queue[0].flags.len(), queue[0].hidden.clone()), (1, 2, None), "{backend}: the moderator sees it flagged, still shown");
        assert_eq!(read::queue(&db, &amina).await.unwrap_err().status(), 403, "{backend}");

        // The third account hides it until review; the author is told why, in their language.
        moderation::flag(&db, &flaggers[2], "commentaire", c, "donnees-personnelles").await.unwrap();
        let hidden = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert_eq!(hidden.comments[0].body, None, "{backend}");
        assert_eq!(hidden.comments[0].hidden, Some(Hidden::ByFlags(FlagReason::Abuse)), "{backend}: the reason most flags gave");
        assert_eq!(hidden.summary.comments, 0, "{backend}");
        assert_eq!(
            latest_sentence(&db, &amina, Locale::Fr).await,
            "Votre commentaire sur « Dépôt sauvage rue des Lilas » a été masqué après 3 signalements (propos blessants, menaces ou discrimination), en attendant la relecture d'un modérateur.",
            "{backend}"
        );
        assert!(latest_sentence(&db, &amina, Locale::En).await.starts_with("Your comment on “Dépôt sauvage rue des Lilas” was hidden after 3 flags"), "{backend}");

        // Another Régie's staff may not restore it; this QPV's may, with a reason.
        assert_eq!(moderation::moderate(&db, &other_staff, &act("retabli", "commentaire", c, "Propos acceptables.")).await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(moderation::moderate(&db, &staff, &act("retabli", "commentaire", c, "ok")).await.unwrap(), Outcome::Refused(vec![Problem::HideReasonNeeded]), "{backend}");
        let restored = moderation::moderate(&db, &staff, &act("retabli", "commentaire", c, "Aucun nom n'est cité : le commentaire reste.")).await.unwrap();
        assert_eq!(restored, Outcome::Done(item), "{backend}");
        let back = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert!(back.comments[0].body.is_some() && back.comments[0].hidden.is_none() && back.summary.comments == 1, "{backend}");
        assert!(latest_sentence(&db, &amina, Locale::Fr).await.ends_with("est de nouveau visible : Aucun nom n'est cité : le commentaire reste."), "{backend}");
        assert!(read::queue(&db, &staff).await.unwrap().is_empty(), "{backend}: the flags were reviewed");
        // Flags a review dealt with do not count again.
        moderation::flag(&db, &flaggers[0], "commentaire", c, "hors-sujet").await.unwrap();
        assert!(participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap().comments[0].body.is_some(), "{backend}");

        // The public log: both acts, newest first, a role and never a person's name.
        let log = read::log(&db, &Actor::Anonymous, QPV).await.unwrap();
        let acts: Vec<(Act, ByRole)> = log.iter().map(|e| (e.act, e.by.clone())).collect();
        let regie_1: String = sqlx::query_scalar("SELECT nom FROM regies WHERE id = 1").fetch_one(&db.pool).await.unwrap();
        assert_eq!(acts, vec![(Act::Restore, ByRole::Regie(regie_1.clone())), (Act::HideByFlags, ByRole::Flags)], "{backend}");
        assert_eq!(log[0].reason, "Aucun nom n'est cité : le commentaire reste.", "{backend}");
        assert_eq!(log[1].reason, "propos-blessants", "{backend}");
        assert!(!format!("{log:?}").contains("Équipe"), "{backend}: no moderator's name");

        // Undone once: hidden again (logged, the restore marked undone); a second undo is a conflict.
        assert_eq!(moderation::undo(&db, &flaggers[0], log[0].id, "Je ne suis pas d'accord.").await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(moderation::undo(&db, &staff, log[0].id, "Finalement, un voisin est reconnaissable.").await.unwrap(), Outcome::Done(item), "{backend}");
        assert_eq!(moderation::undo(&db, &staff, log[0].id, "Encore une fois.").await.unwrap_err().code, Code::Conflict, "{backend}");
        let again = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert_eq!(again.comments[0].hidden, Some(Hidden::ByModerator("Finalement, un voisin est reconnaissable.".into())), "{backend}");
        let log = read::log(&db, &Actor::Anonymous, QPV).await.unwrap();
        assert_eq!((log[0].act, log[0].undoes, log[1].undone), (Act::Hide, Some(log[1].id), true), "{backend}");

        // Flagged but fine: kept shown, its flags reviewed, out of the queue, and its author not bothered.
        let fine = comment(&db, &amina, item, "Le nettoyage est prévu jeudi, d'après le gardien.").await;
        moderation::flag(&db, &flaggers[1], "commentaire", fine, "trompeur").await.unwrap();
        assert_eq!(read::queue(&db, &staff).await.unwrap().len(), 1, "{backend}");
        let told = notification::unread(&db, &amina).await.unwrap();
        assert_eq!(moderation::moderate(&db, &staff, &act("garde", "commentaire", c, "Déjà masqué.")).await.unwrap_err().code, Code::Conflict, "{backend}");
        moderation::moderate(&db, &staff, &act("garde", "commentaire", fine, "Information vérifiée auprès du gardien.")).await.unwrap();
        assert!(read::queue(&db, &staff).await.unwrap().is_empty(), "{backend}");
        assert_eq!(notification::unread(&db, &amina).await.unwrap(), told, "{backend}");
        assert_eq!(read::log(&db, &Actor::Anonymous, QPV).await.unwrap()[0].act, Act::Keep, "{backend}");

        // The Régie's own queue, on its /gestion page: the whole count, only the first lines read,
        // each with its flags; another Régie's team may not read it.
        moderation::flag(&db, &flaggers[1], "element", item, "hors-sujet").await.unwrap();
        let late = comment(&db, &amina, item, "Encore des sacs devant le local vélos ce matin.").await;
        moderation::flag(&db, &flaggers[2], "commentaire", late, "trompeur").await.unwrap();
        let (total, first) = read::queue_of(&db, &staff, 1, 1).await.unwrap();
        assert_eq!((total, first.len()), (2, 1), "{backend}");
        assert_eq!((first[0].target, first[0].item_id, first[0].flags.clone()), (Target::Item, item, vec![FlagReason::OffTopic]), "{backend}: the oldest first");
        let (_, both) = read::queue_of(&db, &staff, 1, 5).await.unwrap();
        assert_eq!(both.iter().map(|e| (e.target, e.flags.clone())).collect::<Vec<_>>(), vec![(Target::Item, vec![FlagReason::OffTopic]), (Target::Comment, vec![FlagReason::Misleading])], "{backend}");
        assert_eq!(read::queue_of(&db, &other_staff, 1, 5).await.unwrap_err().status(), 403, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn listed_words_hold_posts_for_review_and_followers_hear_once_restored() {
    for backend in backends() {
        let (db, atlas) = setup(backend).await;
        let network = person(&db, "reseau@exemple.fr", "Réseau", Some(Role::NetworkAdmin)).await;
        let staff = person(&db, "equipe@regie.example", "Équipe", Some(Role::RegieAdmin { regie: 1 })).await;
        let amina = person(&db, "amina@exemple.fr", "Amina", None).await;
        let bruno = person(&db, "bruno@exemple.fr", "Bruno", None).await;
        let regie_1: String = sqlx::query_scalar("SELECT slug FROM regies WHERE id = 1").fetch_one(&db.pool).await.unwrap();

        // Who keeps which list.
        assert_eq!(moderation::add_word(&db, &amina, "", "Crétin").await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(moderation::add_word(&db, &staff, "", "Crétin").await.unwrap_err().code, Code::Forbidden, "{backend}: the network's list is the network's");
        assert_eq!(moderation::add_word(&db, &network, "", "x").await.unwrap(), Outcome::Refused(vec![Problem::WordInvalid]), "{backend}");
        assert_eq!(moderation::add_word(&db, &network, "", "Crétin").await.unwrap(), Outcome::Done(()), "{backend}");
        moderation::add_word(&db, &network, "", "CRETIN").await.unwrap();
        assert_eq!(moderation::add_word(&db, &staff, &regie_1, "arnaque").await.unwrap(), Outcome::Done(()), "{backend}");
        let lists = moderation::word_lists(&db, &network).await.unwrap();
        assert_eq!(lists[0].words.iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>(), ["cretin"], "{backend}: folded, once");
        let staff_lists = moderation::word_lists(&db, &staff).await.unwrap();
        assert_eq!((staff_lists.len(), staff_lists[0].words.len()), (1, 1), "{backend}: the staff keep their Régie's list only");

        let item = post(&atlas, &amina, "Banc cassé au square").await;
        notification::follow(&db, &bruno, "qpv", QPV, true).await.unwrap();
        let before = notification::unread(&db, &bruno).await.unwrap();
        // A comment holding a Régie's word, and an item holding the network's: both held.
        let held = comment(&db, &bruno, item, "C'est une ARNAQUE ce banc !").await;
        let view = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert_eq!((view.comments[0].body.clone(), view.comments[0].hidden.clone()), (None, Some(Hidden::Held)), "{backend}");
        assert_eq!(latest_sentence(&db, &bruno, Locale::Fr).await, "Votre commentaire sur « Banc cassé au square » attend une relecture avant publication : il contient « arnaque », un mot de la liste de modération.", "{backend}");
        let held_item = post(&atlas, &amina, "Le gardien est un crétin").await;
        assert_eq!(notification::unread(&db, &bruno).await.unwrap(), before + 1, "{backend}: the held item reached no follower (the count is Bruno's own news)");
        let seen = participation::item(&db, &Actor::Anonymous, held_item).await.unwrap().unwrap();
        assert_eq!((seen.summary.title.as_str(), seen.hidden.clone()), ("", Some(Hidden::Held)), "{backend}: no title until reviewed");
        let own = participation::item(&db, &amina, held_item).await.unwrap().unwrap();
        assert_eq!(own.summary.title, "Le gardien est un crétin", "{backend}: its author sees it");
        let list = participation::list(&db, &Actor::Anonymous, &Default::default()).await.unwrap();
        assert_eq!(list.items.iter().map(|i| i.id).collect::<Vec<_>>(), [item], "{backend}: held items stay out of lists");
        // The public log says something was held, not the word.
        let log = read::log(&db, &Actor::Anonymous, QPV).await.unwrap();
        assert!(log.iter().all(|e| e.act == Act::Hold && e.by == ByRole::WordList && e.reason.is_empty()), "{backend}: {log:?}");
        // The queue shows the held texts to the moderator, who restores the item: the QPV's followers hear of it now.
        let queue = read::queue(&db, &staff).await.unwrap();
        assert_eq!(queue.iter().map(|q| q.text.as_str()).collect::<Vec<_>>().len(), 2, "{backend}");
        assert!(queue.iter().any(|q| q.text == "C'est une ARNAQUE ce banc !" && q.hidden == Some(Hidden::Held)), "{backend}");
        moderation::moderate(&db, &staff, &act("retabli", "element", held_item, "Critique du service, pas une insulte ciblée.")).await.unwrap();
        assert_eq!(notification::unread(&db, &bruno).await.unwrap(), before + 2, "{backend}: the follower hears of the restored item");
        // The Régie's own staff are not held.
        let Outcome::Done(_) = participation::comment(&db, &staff, item, None, "Ce n'est pas une arnaque : le banc sera changé.").await.unwrap() else { panic!() };
        let view = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert!(view.comments.iter().any(|c| c.body.as_deref() == Some("Ce n'est pas une arnaque : le banc sera changé.")), "{backend}");
        // Removing a word: only by whoever keeps its list.
        let (word_id, _) = moderation::word_lists(&db, &staff).await.unwrap()[0].words[0].clone();
        assert_eq!(moderation::remove_word(&db, &amina, word_id).await.unwrap_err().code, Code::Forbidden, "{backend}");
        moderation::remove_word(&db, &staff, word_id).await.unwrap();
        assert!(moderation::word_lists(&db, &staff).await.unwrap()[0].words.is_empty(), "{backend}");
        let _ = held;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_suspended_person_cannot_take_part_until_the_suspension_is_undone() {
    for backend in backends() {
        let (db, atlas) = setup(backend).await;
        let staff = person(&db, "equipe@regie.example", "Équipe", Some(Role::RegieEditor { regie: 1 })).await;
        let network = person(&db, "reseau@exemple.fr", "Réseau", Some(Role::NetworkAdmin)).await;
        let troll = person(&db, "troll@exemple.fr", "Troll", None).await;
        let item = post(&atlas, &staff, "Fête de quartier en juin").await;
        let c = comment(&db, &troll, item, "Encore un message pour rien dire.").await;
        assert_eq!(moderation::moderate(&db, &troll, &act("suspendu", "commentaire", c, "Je me suspends.")).await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(moderation::moderate(&db, &staff, &act("suspendu", "commentaire", c, "Messages répétés sans rapport.")).await.unwrap(), Outcome::Done(item), "{backend}");
        assert_eq!(moderation::moderate(&db, &staff, &act("suspendu", "commentaire", c, "Encore une fois.")).await.unwrap_err().code, Code::Conflict, "{backend}");
        assert!(latest_sentence(&db, &troll, Locale::Fr).await.starts_with("Votre participation est suspendue dans ce quartier : Messages répétés"), "{backend}");
        assert_eq!(participation::comment(&db, &troll, item, None, "Et maintenant ?").await.unwrap_err().code, Code::Suspended, "{backend}");
        assert_eq!(participation::support(&db, &troll, item, true).await.unwrap_err().code, Code::Suspended, "{backend}");
        assert_eq!(participation::post(&atlas, &troll, &form("Un autre message")).await.unwrap_err().status(), 403, "{backend}");
        assert_eq!(moderation::flag(&db, &troll, "element", item, "hors-sujet").await.unwrap_err().code, Code::Suspended, "{backend}");
        let seen = participation::item(&db, &troll, item).await.unwrap().unwrap();
        assert!(!seen.viewer.may_flag && !seen.viewer.may_flag_comments, "{backend}: no flag form for a suspended person");
        // The log names the act on « a participant »; the network's undo lets them back.
        let log = read::log(&db, &Actor::Anonymous, QPV).await.unwrap();
        assert_eq!(log[0].act, Act::Suspend, "{backend}");
        assert_eq!(log[0].act.label(log[0].target, Locale::Fr), "Suspend un participant", "{backend}");
        moderation::undo(&db, &network, log[0].id, "Suspension levée après échange.").await.unwrap();
        assert!(matches!(participation::comment(&db, &troll, item, None, "Merci, je ferai attention.").await.unwrap(), Outcome::Done(_)), "{backend}");
        assert_eq!(read::log(&db, &Actor::Anonymous, QPV).await.unwrap()[0].act, Act::Lift, "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn duplicates_merge_with_their_supporters_and_a_single_photo_is_hidden() {
    for backend in backends() {
        let (db, atlas) = setup(backend).await;
        let staff = person(&db, "equipe@regie.example", "Équipe", Some(Role::RegieEditor { regie: 1 })).await;
        let amina = person(&db, "amina@exemple.fr", "Amina", None).await;
        let bruno = person(&db, "bruno@exemple.fr", "Bruno", None).await;
        let chloe = person(&db, "chloe@exemple.fr", "Chloé", None).await;
        let kept = post(&atlas, &amina, "Lampadaire éteint rue Haute").await;
        let duplicate = post(&atlas, &bruno, "Plus de lumière rue Haute").await;
        participation::support(&db, &chloe, duplicate, true).await.unwrap();
        participation::support(&db, &amina, duplicate, true).await.unwrap();
        let into = |n: i64| ActForm { into: Some(n), ..act("fusionne", "element", duplicate, "Même lampadaire que l'élément gardé.") };
        assert_eq!(moderation::moderate(&db, &staff, &into(duplicate)).await.unwrap(), Outcome::Refused(vec![Problem::MergeTargetInvalid]), "{backend}");
        assert_eq!(moderation::moderate(&db, &staff, &into(999_999)).await.unwrap(), Outcome::Refused(vec![Problem::MergeTargetInvalid]), "{backend}");
        assert_eq!(moderation::moderate(&db, &amina, &into(kept)).await.unwrap_err().code, Code::Forbidden, "{backend}");
        assert_eq!(moderation::moderate(&db, &staff, &into(kept)).await.unwrap(), Outcome::Done(kept), "{backend}");
        let k = participation::item(&db, &chloe, kept).await.unwrap().unwrap();
        // Amina (author, supporter of both), Chloé, and Bruno, the duplicate's author: each once.
        assert_eq!((k.summary.supporters, k.viewer.supports), (3, true), "{backend}");
        let d = participation::item(&db, &Actor::Anonymous, duplicate).await.unwrap().unwrap();
        assert_eq!(d.merged_into, Some((kept, "Lampadaire éteint rue Haute".into())), "{backend}");
        assert!(d.hidden.is_some(), "{backend}");
        participation::set_status(&db, &staff, kept, &sqlx::query_scalar::<_, String>("SELECT slug FROM regies WHERE id = 1").fetch_one(&db.pool).await.unwrap(), "en-cours", "", "").await.unwrap();
        assert!(latest_sentence(&db, &bruno, Locale::Fr).await.contains("« Lampadaire éteint rue Haute » est passé à « en cours »"), "{backend}: followers carried over");
        let log = read::log(&db, &Actor::Anonymous, QPV).await.unwrap();
        assert_eq!(log[0].act, Act::Merge, "{backend}");
        moderation::undo(&db, &staff, log[0].id, "Deux lampadaires différents en fait.").await.unwrap();
        let d = participation::item(&db, &Actor::Anonymous, duplicate).await.unwrap().unwrap();
        assert!(d.hidden.is_none() && d.merged_into.is_none(), "{backend}: unmerged");

        // A photo: hidden alone, its file no longer served, the item still shown.
        sqlx::query("INSERT INTO participation_photos (item_id, position, width, height, image, thumb, created_at) VALUES ($1, 0, 10, 10, $2, $2, 0)")
            .bind(kept)
            .bind(vec![1u8, 2, 3])
            .execute(&db.pool)
            .await
            .unwrap();
        let photo: i64 = sqlx::query_scalar("SELECT id FROM participation_photos WHERE item_id = $1").bind(kept).fetch_one(&db.pool).await.unwrap();
        assert!(participation::photo_file(&db, &Actor::Anonymous, photo, false).await.unwrap().is_some(), "{backend}");
        moderation::moderate(&db, &staff, &act("masque", "photo", photo, "On reconnaît une plaque d'immatriculation.")).await.unwrap();
        assert!(participation::photo_file(&db, &Actor::Anonymous, photo, false).await.unwrap().is_none(), "{backend}");
        assert!(participation::photo_file(&db, &Actor::Anonymous, photo, true).await.unwrap().is_none(), "{backend}: nor its thumbnail");
        let k = participation::item_at(&db, &Actor::Anonymous, kept, CommentsAt::Latest).await.unwrap().unwrap();
        assert_eq!(k.photos[0].hidden.as_deref(), Some("On reconnaît une plaque d'immatriculation."), "{backend}");
        assert!(k.hidden.is_none() && k.body.is_some(), "{backend}: the item stays");
    }
}

/// Three accounts flag at the same moment: the content is hidden once, by the third flag,
/// whichever commits last (the content's row is locked first).
#[tokio::test(flavor = "multi_thread")]
async fn three_flags_at_once_hide_exactly_once() {
    for backend in backends() {
        let (db, atlas) = setup(backend).await;
        let author = person(&db, "auteur@exemple.fr", "Auteur", None).await;
        let mut flaggers = Vec::new();
        for n in 0..3 {
            flaggers.push(person(&db, &format!("f{n}@exemple.fr"), &format!("Voisin {n}"), None).await);
        }
        let item = post(&atlas, &author, "Pub pour un garage").await;
        let tasks: Vec<_> = flaggers
            .into_iter()
            .map(|who| {
                let db = db.clone();
                tokio::spawn(async move { moderation::flag(&db, &who, "element", item, "hors-sujet").await })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap().unwrap(), Outcome::Done(item), "{backend}");
        }
        let hidden = participation::item(&db, &Actor::Anonymous, item).await.unwrap().unwrap();
        assert_eq!(hidden.hidden, Some(Hidden::ByFlags(FlagReason::OffTopic)), "{backend}");
        let acts = read::log(&db, &Actor::Anonymous, QPV).await.unwrap();
        assert_eq!(acts.len(), 1, "{backend}: hidden once");
    }
}
