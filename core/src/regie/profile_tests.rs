use super::*;

fn good() -> ProfileForm {
    ProfileForm {
        nom: "  Régie de Quartiers   de Laon ".into(),
        siret: "352 847 370 00033".into(),
        adresse: "11 rue Édouard Branly".into(),
        lat: "49,56618".into(),
        lon: "3.647503".into(),
        telephone: "03.23.23.45.67".into(),
        email: "Contact@Regie-Laon.fr".into(),
        site_web: "www.regie-laon.fr".into(),
        date_creation: "01/03/1994".into(),
        date_adhesion: "1995".into(),
        description: "Une régie.".into(),
        activites: vec!["proprete".into(), "espaces-verts".into(), "proprete".into()],
        couverture: vec![
            ("QN00201M".into(), "declaree".into(), "  Résidences  des Fleurs ".into()),
            ("qn00202m".into(), "estimee".into(), String::new()),
            ("QN00203M".into(), REMOVE.into(), String::new()),
            (String::new(), "declaree".into(), String::new()),
        ],
    }
}

#[test]
fn a_good_form_is_read_as_people_wrote_it() {
    let p = good().validate().unwrap();
    assert_eq!(p.nom, "Régie de Quartiers de Laon");
    assert_eq!(p.siret.as_deref(), Some("35284737000033"));
    assert_eq!((p.lat, p.lon), (49.56618, 3.647503));
    assert_eq!(p.telephone.as_deref(), Some("03 23 23 45 67"));
    assert_eq!(p.email.as_deref(), Some("contact@regie-laon.fr"));
    assert_eq!(p.site_web.as_deref(), Some("https://www.regie-laon.fr"));
    assert_eq!(p.date_creation.as_deref(), Some("1994-03-01"));
    assert_eq!(p.date_adhesion.as_deref(), Some("1995"));
    assert_eq!(p.activites, vec![Activite::EspacesVerts, Activite::Proprete]);
    // A QPV taken out, or the empty « add » line, is not covered; codes are read in capitals.
    let covered: Vec<(&str, CoverageStatus, Option<&str>)> = p.couverture.iter().map(|c| (c.qpv.as_str(), c.statut, c.note.as_deref())).collect();
    assert_eq!(covered, vec![("QN00201M", CoverageStatus::Declaree, Some("Résidences des Fleurs")), ("QN00202M", CoverageStatus::Estimee, None)]);
    // The form shown again reads back to the same profile.
    assert_eq!(p.form().validate().unwrap(), p);
}

#[test]
fn empty_optional_fields_are_nothing() {
    let form = ProfileForm { nom: "Régie d'essai".into(), lat: "48.85".into(), lon: "2.35".into(), ..Default::default() };
    let p = form.validate().unwrap();
    assert_eq!((p.siret, p.telephone, p.email, p.site_web, p.description), (None, None, None, None, None));
}

#[test]
fn every_bad_field_is_named_at_once() {
    let form = ProfileForm {
        nom: "R".into(),
        siret: "35284737000034".into(),
        adresse: "x".repeat(ADDRESS_MAX_CHARS + 1),
        lat: "2.35".into(),
        lon: "48.85".into(),
        telephone: "12 34".into(),
        email: "contact@".into(),
        site_web: "javascript:alert(1)".into(),
        date_creation: "31/02/20".into(),
        date_adhesion: "demain".into(),
        description: "é".repeat(DESCRIPTION_MAX_CHARS + 1),
        activites: vec!["boulangerie".into()],
        couverture: vec![("QN<script>".into(), "declaree".into(), "n".repeat(NOTE_MAX_CHARS + 1))],
    };
    // The figures' problems belong to their own form.
    let all_but_taken: Vec<Problem> =
        Problem::ALL
            .into_iter()
            .filter(|p| *p != Problem::SiretTaken && !matches!(p.field(), ProfileField::Chiffres | ProfileField::Partenaires) && !matches!(p, Problem::PostcodeUnknown | Problem::CommuneChoice))
            // News posts and the logo have forms of their own.
            .filter(|p| !matches!(p.input(), "titre" | "texte" | "logo"))
            .collect();
    assert_eq!(form.validate().unwrap_err(), all_but_taken);
}

#[test]
fn each_problem_sits_next_to_its_own_field() {
    let expected = [
        (Problem::NameLength, ProfileField::Nom),
        (Problem::SiretInvalid, ProfileField::Siret),
        (Problem::SiretTaken, ProfileField::Siret),
        (Problem::AddressLength, ProfileField::Adresse),
        (Problem::PositionInvalid, ProfileField::Position),
        (Problem::PhoneInvalid, ProfileField::Telephone),
        (Problem::EmailInvalid, ProfileField::Email),
        (Problem::WebsiteInvalid, ProfileField::SiteWeb),
        (Problem::CreationDateInvalid, ProfileField::DateCreation),
        (Problem::MembershipDateInvalid, ProfileField::DateAdhesion),
        (Problem::DescriptionLength, ProfileField::Description),
        (Problem::ActivityUnknown, ProfileField::Activites),
        (Problem::CoverageInvalid, ProfileField::Couverture),
        (Problem::NoteLength, ProfileField::Couverture),
        (Problem::FigureYear, ProfileField::Chiffres),
        (Problem::FigureNumber, ProfileField::Chiffres),
        (Problem::FigureSourceMissing, ProfileField::Chiffres),
        (Problem::FigureSourceLength, ProfileField::Chiffres),
        (Problem::FiguresEmpty, ProfileField::Chiffres),
        (Problem::PostcodeUnknown, ProfileField::Adresse),
        (Problem::CommuneChoice, ProfileField::Adresse),
        (Problem::PartnerNameLength, ProfileField::Partenaires),
        (Problem::PartnerKindUnknown, ProfileField::Partenaires),
        (Problem::SirenInvalid, ProfileField::Partenaires),
        (Problem::TerritoryLength, ProfileField::Partenaires),
        (Problem::PartnerWebsiteInvalid, ProfileField::Partenaires),
        (Problem::PartnerExists, ProfileField::Partenaires),
        (Problem::PartnerUnknown, ProfileField::Partenaires),
        (Problem::RelationUnknown, ProfileField::Partenaires),
        (Problem::CollegeInvalid, ProfileField::Partenaires),
        (Problem::RelationDates, ProfileField::Partenaires),
        (Problem::RelationExists, ProfileField::Partenaires),
        (Problem::ContractObject, ProfileField::Partenaires),
        (Problem::ContractAmount, ProfileField::Partenaires),
        (Problem::ContractDates, ProfileField::Partenaires),
        (Problem::ProcedureUnknown, ProfileField::Partenaires),
        (Problem::NewsTitleLength, ProfileField::Description),
        (Problem::NewsTextLength, ProfileField::Description),
        (Problem::LogoMissing, ProfileField::Description),
        (Problem::LogoType, ProfileField::Description),
        (Problem::LogoTooLarge, ProfileField::Description),
        (Problem::LogoUnreadable, ProfileField::Description),
    ];
    assert_eq!(expected.len(), Problem::ALL.len());
    assert_eq!((Problem::FigureYear.input(), Problem::FigureSourceMissing.input(), Problem::FigureNumber.input()), ("annee", "source", "chiffres"));
    for (problem, field) in expected {
        assert_eq!(problem.field(), field);
        assert_eq!(Problem::parse(problem.code()), Some(problem));
        assert_ne!(problem.message(Locale::Fr), problem.message(Locale::En), "{problem:?} is translated");
    }
}

#[test]
fn phones_french_and_international() {
    assert_eq!(phone("+33 1 23 45 67 89").as_deref(), Some("01 23 45 67 89"));
    assert_eq!(phone("(01) 23-45-67-89").as_deref(), Some("01 23 45 67 89"));
    assert_eq!(phone("+262 262 12 34 56").as_deref(), Some("+262262123456"));
    assert_eq!(phone("0123"), None);
    assert_eq!(phone("01 23 45 67 8x"), None);
    assert_eq!(phone("1234567890"), None);
}

#[test]
fn websites_need_a_host_and_nothing_that_breaks_out() {
    assert_eq!(website("http://regie.fr/a?b=1").as_deref(), Some("http://regie.fr/a?b=1"));
    assert_eq!(website("regie"), None);
    assert_eq!(website("https://regie.fr/\"onmouseover=x"), None);
    assert_eq!(website("https://user@evil.fr"), None);
    assert_eq!(website("https://a..fr"), None);
}

#[test]
fn changes_name_each_field_with_both_values() {
    let before = good().validate().unwrap();
    let after = ProfileForm { telephone: "01 40 00 00 00".into(), site_web: "https://neuf.fr".into(), ..good() }.validate().unwrap();
    let changes = before.changes(&after, Locale::Fr);
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0], Change { field: ProfileField::Telephone, before: "03 23 23 45 67".into(), after: "01 40 00 00 00".into() });
    assert_eq!(changes[1].field, ProfileField::SiteWeb);
    assert_eq!(changes[1].before, "https://www.regie-laon.fr");
    assert!(before.changes(&before, Locale::Fr).is_empty());
    let en = ProfileForm { activites: vec!["mobilite".into()], ..good() }.validate().unwrap();
    assert_eq!(before.changes(&en, Locale::En)[0].after, "Mobility");
    let mut declared = before.clone();
    declared.couverture[1].statut = CoverageStatus::Declaree;
    declared.couverture[1].nom = "Les Tilleuls".into();
    let change = &before.changes(&declared, Locale::Fr)[0];
    assert_eq!(change.field, ProfileField::Couverture);
    assert_eq!(change.after, "QN00201M (déclarée) : Résidences des Fleurs ; Les Tilleuls (déclarée)");
}
