use super::*;

fn commune(insee: &str, dep: &str, epci: Option<&str>, pop: i64) -> (String, CommuneInfo) {
    (
        insee.to_owned(),
        CommuneInfo {
            insee: insee.into(),
            nom: format!("Commune {insee}"),
            departement: dep.into(),
            region: if dep == "93" { "11".into() } else { "44".into() },
            epci: epci.map(Into::into),
            population: Some(pop),
        },
    )
}

fn qpv(code: &str, communes: &[&str]) -> QpvInfo {
    QpvInfo { code: code.into(), nom: format!("Quartier {code}"), communes: communes.iter().map(|c| c.to_string()).collect(), population: None }
}

fn data() -> TerritoryData {
    TerritoryData {
        regions: [("11".into(), "Île-de-France".into()), ("44".into(), "Grand Est".into())].into(),
        departements: [("93".into(), ("Seine-Saint-Denis".into(), "11".into())), ("10".into(), ("Aube".into(), "44".into()))].into(),
        epcis: [("200054781".into(), "Métropole du Grand Paris".into()), ("200069250".into(), "Troyes Champagne Métropole".into())].into(),
        communes: [
            commune("93066", "93", Some("200054781"), 100_000),
            commune("93001", "93", Some("200054781"), 50_000),
            commune("10387", "10", Some("200069250"), 60_000),
        ]
        .into(),
        qpvs: vec![qpv("A", &["93066"]), qpv("B", &["93066", "93001"]), qpv("C", &["10387"]), qpv("P", &[])],
        regies: vec![
            RegieInfo {
                id: 1,
                slug: "rq-sd".into(),
                nom: "RQ Saint-Denis".into(),
                commune_insee: "93066".into(),
                chiffres: Some(ChiffresCles { annee: 2023, salaries: Some(40), chiffre_affaires_euros: Some(1_000_000), ..Default::default() }),
            },
            RegieInfo {
                id: 2,
                slug: "rq-troyes".into(),
                nom: "RQ Troyes".into(),
                commune_insee: "10387".into(),
                chiffres: Some(ChiffresCles { annee: 2022, salaries: Some(10), ..Default::default() }),
            },
        ],
        couvertures: vec![(1, "A".into(), CoverageStatus::Confirmee), (1, "B".into(), CoverageStatus::Estimee), (2, "B".into(), CoverageStatus::Declaree)],
        partenaires: vec![PartnerLink {
            regie_id: 1,
            partenaire_id: 7,
            nom: "Bailleur".into(),
            nature: PartnerKind::BailleurSocial,
            demo: true,
            contrats: 2,
            montant_euros: 300_000,
        }],
    }
}

#[test]
fn france_counts_every_qpv_and_sums_latest_figures() {
    let r = report(&data(), &Scope::france()).unwrap();
    assert_eq!(r.couverture, CoverageCounts { total: 4, confirmee: 1, declaree: 1, estimee: 0, sans: 2 });
    assert_eq!(r.hors_decoupage, 1, "P has no commune");
    let salaries = r.chiffres.sums.iter().find(|s| s.figure == KeyFigure::Salaries).unwrap();
    assert_eq!((salaries.total, salaries.regies), (50, 2));
    assert_eq!(r.chiffres.annees, Some((2022, 2023)));
    assert_eq!(r.population_communes, 210_000);
    assert_eq!(r.decoupage.iter().map(|a| (a.code.as_str(), a.qpv, a.avec_regie)).collect::<Vec<_>>(), [("10", 1, 0), ("93", 2, 2)]);
}

#[test]
fn departement_has_its_qpvs_regies_from_elsewhere_and_partners() {
    let r = report(&data(), &Scope::parse("departement", "93").unwrap()).unwrap();
    assert_eq!(r.nom, "Seine-Saint-Denis");
    assert_eq!(r.parents.iter().map(|p| p.nom.as_str()).collect::<Vec<_>>(), ["France", "Île-de-France"]);
    assert_eq!(r.couverture.total, 2);
    assert_eq!(r.couverture.sans, 0);
    // Troyes covers B, which is in 93: it is present here, with 1 QPV.
    assert_eq!(r.regies.iter().map(|g| (g.slug.as_str(), g.qpv_ici)).collect::<Vec<_>>(), [("rq-sd", 2), ("rq-troyes", 1)]);
    assert_eq!(r.partenaires.len(), 1);
    assert!(r.partenaires[0].demo);
    assert_eq!(r.decoupage.len(), 1);
    assert_eq!(r.decoupage[0].nom, "Métropole du Grand Paris");
    assert_eq!(r.national.total, 4);
}

#[test]
fn commune_level_and_unknown_territories() {
    let r = report(&data(), &Scope::parse("commune", "93001").unwrap()).unwrap();
    assert_eq!(r.qpvs.iter().map(|q| q.code.as_str()).collect::<Vec<_>>(), ["B"]);
    assert_eq!(r.parents.last().unwrap().niveau, Niveau::Epci);
    assert!(report(&data(), &Scope::parse("departement", "99").unwrap()).is_none());
    assert!(Scope::parse("canton", "1").is_none());
    assert!(Scope::parse("departement", "9/3").is_none());
    assert_eq!(Scope::parse("departement", "2a").unwrap().code, "2A");
}

#[test]
fn share_classes() {
    assert_eq!(share_class(0, 0), None);
    assert_eq!(share_class(10, 0), Some(0));
    assert_eq!(share_class(10, 1), Some(1));
    assert_eq!(share_class(4, 1), Some(2));
    assert_eq!(share_class(4, 3), Some(4));
}
