use super::*;
use crate::locale::Locale;

#[test]
fn a_new_partner_is_read_as_typed_its_siren_checked() {
    let form = NewPartnerForm {
        nom: "  Office  public de l'habitat ".into(),
        nature: "Bailleur social".into(),
        siren: "352 847 370 00033".into(),
        territoire: "Aube".into(),
        site_web: "www.oph.fr".into(),
    };
    let partner = form.validate().unwrap();
    assert_eq!(partner.nom, "Office public de l'habitat");
    assert_eq!((partner.nature, partner.siren.as_deref()), (PartnerKind::BailleurSocial, Some("352847370")));
    assert_eq!(partner.site_web.as_deref(), Some("https://www.oph.fr"));
    let bad = NewPartnerForm { nom: "x".into(), nature: "banque".into(), siren: "352847371".into(), territoire: "t".repeat(101), site_web: "a b".into() };
    assert_eq!(
        bad.validate().unwrap_err(),
        [Problem::PartnerNameLength, Problem::PartnerKindUnknown, Problem::SirenInvalid, Problem::TerritoryLength, Problem::PartnerWebsiteInvalid]
    );
}

#[test]
fn a_college_belongs_to_the_governance_and_dates_run_forward() {
    let ok = RelationForm { relation: "gouvernance".into(), college: "elus".into(), depuis: "01/02/2019".into(), jusqu_a: "".into() }.validate().unwrap();
    assert_eq!((ok.relation, ok.college, ok.depuis.as_deref()), (RelationKind::Gouvernance, Some(College::Elus), Some("2019-02-01")));
    let client = RelationForm { relation: "donneur_ordre".into(), college: "elus".into(), ..Default::default() };
    assert_eq!(client.validate().unwrap_err(), [Problem::CollegeInvalid]);
    let crossed = RelationForm { relation: "financeur".into(), depuis: "2022".into(), jusqu_a: "2020-01-01".into(), ..Default::default() };
    assert_eq!(crossed.validate().unwrap_err(), [Problem::RelationDates]);
    assert_eq!(RelationForm { relation: "amitié".into(), ..Default::default() }.validate().unwrap_err(), [Problem::RelationUnknown]);
}

#[test]
fn a_contract_has_a_subject_a_procedure_and_whole_euros() {
    let form = ContractForm {
        objet: "Entretien des halls".into(),
        montant: "12 500 €".into(),
        debut: "2024".into(),
        fin: "31/12/2026".into(),
        procedure: "marche_public".into(),
        activite: "".into(),
    };
    let c = form.validate().unwrap();
    assert_eq!((c.montant_euros, c.procedure, c.fin.as_deref()), (Some(12_500), Procedure::MarchePublic, Some("2026-12-31")));
    let bad = ContractForm { objet: "ab".into(), montant: "12,5".into(), debut: "2025".into(), fin: "2024".into(), procedure: "gré à gré".into(), activite: "boulangerie".into() };
    assert_eq!(
        bad.validate().unwrap_err(),
        [Problem::ContractObject, Problem::ContractAmount, Problem::ContractDates, Problem::ProcedureUnknown, Problem::ActivityUnknown]
    );
}

fn relation(partner: i64, relation: RelationKind) -> Partnership {
    Partnership { partenaire: partner, nom: format!("P{partner}"), nature: PartnerKind::Association, relation, college: None, depuis: None, jusqu_a: None, contrats: vec![], demo: false }
}

#[test]
fn edits_add_and_remove_by_partner_and_role() {
    let contract = ContractForm { objet: "Entretien".into(), procedure: "convention".into(), ..Default::default() }.validate().unwrap();
    let one = PartnerEdit::Add(relation(1, RelationKind::Financeur)).apply(&[]).unwrap();
    // The same partner in another role is another relation; in the same role it is refused.
    let two = PartnerEdit::Add(relation(1, RelationKind::Social)).apply(&one).unwrap();
    assert_eq!(two.len(), 2);
    assert_eq!(PartnerEdit::Add(relation(1, RelationKind::Social)).apply(&two), Err(Some(Problem::RelationExists)));
    let with = PartnerEdit::AddContract(1, RelationKind::Social, contract.clone()).apply(&two).unwrap();
    assert_eq!(with[1].contrats, [contract]);
    assert_eq!(PartnerEdit::RemoveContract(1, RelationKind::Social, 1).apply(&with), Err(None));
    assert!(PartnerEdit::RemoveContract(1, RelationKind::Social, 0).apply(&with).unwrap()[1].contrats.is_empty());
    assert_eq!(PartnerEdit::Remove(1, RelationKind::Financeur).apply(&with).unwrap()[0].relation, RelationKind::Social);
    assert_eq!(PartnerEdit::Remove(2, RelationKind::Financeur).apply(&with), Err(None));
}

#[test]
fn the_history_reads_each_relation_with_its_contracts() {
    let p = Partnership {
        partenaire: 3,
        nom: "Troyes Habitat".into(),
        nature: PartnerKind::BailleurSocial,
        relation: RelationKind::DonneurOrdre,
        college: None,
        depuis: Some("2019".into()),
        jusqu_a: None,
        contrats: vec![ContractLine {
            objet: "Entretien".into(),
            montant_euros: Some(12_500),
            debut: None,
            fin: None,
            procedure: Procedure::Convention,
            activite: None,
            demo: false,
        }],
        demo: false,
    };
    let fr = shown(std::slice::from_ref(&p), Locale::Fr);
    assert!(fr.starts_with("Troyes Habitat (bailleur social) : donneur d'ordre, depuis 2019 [Entretien (convention, 12"), "{fr}");
    assert!(shown(&[p], Locale::En).contains("client, since 2019 [Entretien (agreement"));
    assert!(same_name("Troyes  HABITAT", "troyes habitat") && !same_name("Troyes Habitat", "Troyes Habitat 2"));
}
