use super::*;

#[test]
fn a_good_draft_is_kept_trimmed() {
    let d = Draft::validate("signalement", "eclairage", "  Lampadaire éteint\n", " Depuis lundi soir, devant le 12. ", Some((48.9, 2.4))).unwrap();
    assert_eq!(d.kind, Kind::Signalement);
    assert_eq!(d.category, Category::Eclairage);
    assert_eq!(d.title, "Lampadaire éteint");
    assert_eq!(d.body, "Depuis lundi soir, devant le 12.");
    assert_eq!(d.point, Some((48.9, 2.4)));
}

#[test]
fn every_problem_of_a_draft_is_said_at_once_in_form_order() {
    let problems = Draft::validate("autre-chose", "inconnue", "abc", "court", Some((f64::NAN, 2.0))).unwrap_err();
    assert_eq!(problems, vec![Problem::KindUnknown, Problem::CategoryUnknown, Problem::PointInvalid, Problem::TitleLength, Problem::BodyLength]);
}

#[test]
fn a_category_belongs_to_its_kind() {
    assert_eq!(
        Draft::validate("signalement", "jardin", "Un jardin partagé", "Sur la friche derrière l'école", None).unwrap_err(),
        vec![Problem::CategoryUnknown]
    );
    assert!(Draft::validate("proposition", "jardin", "Un jardin partagé", "Sur la friche derrière l'école", None).is_ok());
    assert!(Category::Autre.fits(Kind::Signalement) && Category::Autre.fits(Kind::Proposition));
    let offered: usize = Kind::ALL.iter().map(|k| Category::of(*k).count()).sum();
    assert_eq!(offered, Category::ALL.len() + 1, "every category is offered, « autre » to both kinds");
}

#[test]
fn control_characters_are_dropped_and_lengths_count_characters() {
    let title = "é".repeat(TITLE_MAX_CHARS);
    let d = Draft::validate("proposition", "autre", &format!("{title}\u{0}"), "Dix lettres.", None).unwrap();
    assert_eq!(d.title.chars().count(), TITLE_MAX_CHARS);
    let long = "é".repeat(TITLE_MAX_CHARS + 1);
    assert_eq!(Draft::validate("proposition", "autre", &long, "Dix lettres.", None).unwrap_err(), vec![Problem::TitleLength]);
}

#[test]
fn codes_parse_back() {
    for k in Kind::ALL {
        assert_eq!(Kind::parse(k.code()), Some(k));
    }
    for c in Category::ALL {
        assert_eq!(Category::parse(c.code()), Some(c));
    }
    for s in Status::ALL {
        assert_eq!(Status::parse(s.code()), Some(s));
    }
}

#[test]
fn not_taken_up_needs_a_reason_and_passed_on_a_partner() {
    assert_eq!(StatusChange::validate("non-retenu", "", "").unwrap_err(), vec![Problem::ReasonNeeded]);
    assert!(StatusChange::validate("non-retenu", "Hors du périmètre de la Régie.", "").is_ok());
    assert_eq!(StatusChange::validate("transmis", "", " ").unwrap_err(), vec![Problem::PartnerNeeded]);
    let c = StatusChange::validate("transmis", "", "Bailleur Seine-Saint-Denis Habitat").unwrap();
    assert_eq!(c.partner.as_deref(), Some("Bailleur Seine-Saint-Denis Habitat"));
    // A partner given with another status is not kept.
    assert_eq!(StatusChange::validate("en-cours", "On s'en occupe.", "Mairie").unwrap().partner, None);
    // Staff cannot set « nouveau » or « rouvert ».
    assert_eq!(StatusChange::validate("nouveau", "", "").unwrap_err(), vec![Problem::StatusUnknown]);
    assert_eq!(StatusChange::validate("rouvert", "", "").unwrap_err(), vec![Problem::StatusUnknown]);
    assert_eq!(StatusChange::validate("en-cours", &"x".repeat(REASON_MAX_CHARS + 1), "").unwrap_err(), vec![Problem::MessageTooLong]);
}

#[test]
fn received_alone_is_not_an_answer() {
    assert!(!Status::Recu.is_answer());
    assert!(!Status::Nouveau.is_answer());
    assert!(Status::AEtude.is_answer() && Status::EnCours.is_answer() && Status::NonRetenu.is_answer());
}

#[test]
fn windows_for_editing_and_reopening() {
    assert!(comment_editable(0, COMMENT_EDIT_MS));
    assert!(!comment_editable(0, COMMENT_EDIT_MS + 1));
    assert!(reopenable(Status::Realise, 0, REOPEN_MS));
    assert!(!reopenable(Status::Realise, 0, REOPEN_MS + 1));
    assert!(!reopenable(Status::EnCours, 0, 1));
}

#[test]
fn comments_have_bounds() {
    assert_eq!(comment_text(" ok ").unwrap(), "ok");
    assert_eq!(comment_text("x"), Err(Problem::CommentLength));
    assert_eq!(comment_text(&"x".repeat(COMMENT_MAX_CHARS + 1)), Err(Problem::CommentLength));
}

#[test]
fn days_of_instants() {
    assert_eq!(iso_day(0), "1970-01-01");
    assert_eq!(iso_day(1_767_225_600_000), "2026-01-01");
    assert_eq!(iso_day(1_767_225_599_999), "2025-12-31");
    assert_eq!(iso_day(951_782_400_000), "2000-02-29");
}
