use super::*;

const COMMON: [&str; 4] = ["azerty", "motdepasse", "azertyuiop123", "123456789012"];

fn common(s: &str) -> bool {
    COMMON.contains(&s)
}

#[test]
fn emails_are_trimmed_lower_cased_and_checked() {
    assert_eq!(Email::parse("  Zoe.B@Exemple.FR ").unwrap().as_str(), "zoe.b@exemple.fr");
    for bad in ["", "zoe", "zoe@", "@exemple.fr", "zoe@exemple", "zoe@@exemple.fr", "zo e@exemple.fr", "zoe@exemple..fr", "<zoe@exemple.fr>"] {
        assert_eq!(Email::parse(bad), Err(Problem::EmailInvalid), "{bad}");
    }
    let long = format!("{}@exemple.fr", "a".repeat(250));
    assert_eq!(Email::parse(&long), Err(Problem::EmailInvalid));
}

#[test]
fn pseudonyms_compare_without_case_accents_or_punctuation() {
    let a = Pseudonym::parse("  Zoé-B  ").unwrap();
    let b = Pseudonym::parse("zoe b").unwrap();
    assert_eq!(a.shown, "Zoé-B");
    assert_eq!(a.key, b.key);
    assert_eq!(Pseudonym::parse("Jean   Paul").unwrap().shown, "Jean Paul");
}

#[test]
fn pseudonyms_that_imitate_institutions_are_refused() {
    for name in ["Régie de Quartier", "REGIE93", "La Mairie", "Modération", "Mouvement des Régies", "moderateur_2", "CNLRQ officiel"] {
        assert_eq!(Pseudonym::parse(name), Err(Problem::PseudonymInstitutional), "{name}");
    }
    assert_eq!(Pseudonym::parse("ab"), Err(Problem::PseudonymLength));
    assert_eq!(Pseudonym::parse(&"a".repeat(31)), Err(Problem::PseudonymLength));
    assert_eq!(Pseudonym::parse("<script>"), Err(Problem::PseudonymCharacters));
    assert_eq!(Pseudonym::parse("---"), Err(Problem::PseudonymCharacters));
    assert!(Pseudonym::parse("Habitante du 93").is_ok());
}

#[test]
fn passwords_short_common_or_with_the_identity_are_refused() {
    let email = Email::parse("zoe.b@exemple.fr").unwrap();
    let check = |p: &str| password_problems(p, Some(&email), Some("Lulu93"), common);
    assert!(check("une phrase de passe solide").is_empty());
    assert_eq!(check("court"), vec![Problem::PasswordTooShort]);
    assert_eq!(check("MotDePasse2024!!"), vec![Problem::PasswordCommon], "the stem without digits is common");
    assert_eq!(check("azertyuiop123"), vec![Problem::PasswordCommon]);
    assert_eq!(check("mon-zoe.b@exemple.fr"), vec![Problem::PasswordContainsIdentity]);
    assert_eq!(check("jesuislulu93chezmoi"), vec![Problem::PasswordContainsIdentity]);
    assert_eq!(check("Zoe-B et ses amis"), vec![Problem::PasswordContainsIdentity], "the e-mail's local part, folded");
    assert_eq!(check(&"x".repeat(300)), vec![Problem::PasswordTooLong]);
    assert_eq!(check("azerty"), vec![Problem::PasswordTooShort, Problem::PasswordCommon]);
}

#[test]
fn every_problem_has_a_field_and_two_distinct_messages() {
    use Problem::*;
    let all = Problem::ALL;
    let codes: std::collections::BTreeSet<_> = all.iter().map(|p| p.code()).collect();
    assert_eq!(codes.len(), all.len());
    for p in all {
        assert_eq!(Problem::parse(p.code()), Some(p), "a code read back from a URL");
        let (fr, en) = (p.message(Locale::Fr), p.message(Locale::En));
        assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{p:?}");
    }
    assert_eq!(Problem::parse("inconnu"), None);
    assert_eq!(PseudonymTaken.field(), Field::Pseudonym);
    assert_eq!(PasswordCommon.field(), Field::Password);
}
