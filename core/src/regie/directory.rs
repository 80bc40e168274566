//! The directory's query: filters, sort and page, read from and written to the URL so a view
//! can be shared and the back button works. Pure: the server applies it to the loaded Régies.

use serde::{Deserialize, Serialize};

use super::{RegieSummary, Verification};
use crate::activite::Activite;
use crate::text::fold;

pub const PAGE_SIZE: usize = 20;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    /// By département, then commune (the default: neighbours together).
    #[default]
    Territoire,
    Nom,
    /// Most QPVs first.
    Qpv,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Territoire, Sort::Nom, Sort::Qpv];

    pub fn code(self) -> &'static str {
        match self {
            Sort::Territoire => "territoire",
            Sort::Nom => "nom",
            Sort::Qpv => "qpv",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectoryQuery {
    pub q: String,
    pub region: Option<String>,
    pub departement: Option<String>,
    pub statut: Option<Verification>,
    pub activite: Option<Activite>,
    pub tri: Sort,
    /// 1-based.
    pub page: usize,
}

/// One page of the directory, with the choices the filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DirectoryPage {
    pub items: Vec<RegieSummary>,
    /// Matching Régies over all pages.
    pub matching: usize,
    /// All Régies in the Atlas.
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    /// (code, name) of the régions and départements that have Régies.
    pub regions: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
}

impl Default for DirectoryQuery {
    fn default() -> Self {
        Self { q: String::new(), region: None, departement: None, statut: None, activite: None, tri: Sort::default(), page: 1 }
    }
}

impl DirectoryQuery {
    /// From URL parameters; unknown values are ignored rather than refused (a shared link
    /// with an old value still opens).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let non_empty = |k: &str| get(k).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        Self {
            q: non_empty("q").unwrap_or_default(),
            region: non_empty("region"),
            departement: non_empty("dep"),
            statut: non_empty("statut").and_then(|s| Verification::from_code(&s)),
            activite: non_empty("activite").and_then(|s| Activite::from_code(&s)),
            tri: non_empty("tri").and_then(|s| Sort::from_code(&s)).unwrap_or_default(),
            page: non_empty("page").and_then(|p| p.parse().ok()).filter(|p| *p >= 1).unwrap_or(1),
        }
    }

    /// The URL query string of this view ("" for the default view), page included unless 1.
    pub fn to_query_string(&self) -> String {
        let mut parts: Vec<(&str, String)> = Vec::new();
        if !self.q.is_empty() {
            parts.push(("q", self.q.clone()));
        }
        if let Some(r) = &self.region {
            parts.push(("region", r.clone()));
        }
        if let Some(d) = &self.departement {
            parts.push(("dep", d.clone()));
        }
        if let Some(s) = self.statut {
            parts.push(("statut", s.code().to_owned()));
        }
        if let Some(a) = self.activite {
            parts.push(("activite", a.code().to_owned()));
        }
        if self.tri != Sort::default() {
            parts.push(("tri", self.tri.code().to_owned()));
        }
        if self.page > 1 {
            parts.push(("page", self.page.to_string()));
        }
        if parts.is_empty() {
            return String::new();
        }
        let encoded: Vec<String> = parts.into_iter().map(|(k, v)| format!("{k}={}", encode(&v))).collect();
        format!("?{}", encoded.join("&"))
    }

    pub fn with_page(&self, page: usize) -> Self {
        Self { page, ..self.clone() }
    }

    fn matches(&self, r: &RegieSummary, folded_q: &str) -> bool {
        (folded_q.is_empty()
            || fold(&format!("{} {} {} {}", r.nom, r.commune, r.departement_nom, r.code_postal)).contains(folded_q))
            && self.region.as_ref().is_none_or(|x| *x == r.region)
            && self.departement.as_ref().is_none_or(|x| *x == r.departement)
            && self.statut.is_none_or(|s| s == r.verification)
            && self.activite.is_none_or(|a| r.activites.contains(&a))
    }

    /// Filters, sorts and cuts one page out of all Régies.
    pub fn apply(&self, all: &[RegieSummary], names: &TerritoryNames) -> DirectoryPage {
        let folded = fold(&self.q);
        let mut found: Vec<&RegieSummary> = all.iter().filter(|r| self.matches(r, &folded)).collect();
        match self.tri {
            Sort::Territoire => found.sort_by(|a, b| (&a.departement, &a.commune, &a.nom).cmp(&(&b.departement, &b.commune, &b.nom))),
            Sort::Nom => found.sort_by_key(|r| fold(&r.nom)),
            Sort::Qpv => found.sort_by(|a, b| b.nb_qpv.cmp(&a.nb_qpv).then_with(|| a.nom.cmp(&b.nom))),
        }
        let matching = found.len();
        let pages = matching.div_ceil(PAGE_SIZE).max(1);
        let page = self.page.clamp(1, pages);
        let items = found.into_iter().skip((page - 1) * PAGE_SIZE).take(PAGE_SIZE).cloned().collect();
        let present = |f: fn(&RegieSummary) -> &String, names: &[(String, String)]| {
            names.iter().filter(|(code, _)| all.iter().any(|r| f(r) == code)).cloned().collect::<Vec<_>>()
        };
        DirectoryPage {
            items,
            matching,
            total: all.len(),
            page,
            pages,
            regions: present(|r| &r.region, &names.regions),
            departements: present(|r| &r.departement, &names.departements),
        }
    }
}

/// Names of régions and départements, in display order.
#[derive(Clone, Debug, Default)]
pub struct TerritoryNames {
    pub regions: Vec<(String, String)>,
    pub departements: Vec<(String, String)>,
}

/// Percent-encoding of a query value (RFC 3986 unreserved characters kept).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn regie(nom: &str, commune: &str, dep: &str, region: &str, nb_qpv: i64, activites: Vec<Activite>) -> RegieSummary {
        RegieSummary {
            slug: crate::text::slugify(nom),
            nom: nom.into(),
            commune: commune.into(),
            code_postal: format!("{dep}000"),
            departement: dep.into(),
            departement_nom: format!("Dép {dep}"),
            region: region.into(),
            verification: Verification::AVerifier,
            nb_qpv,
            activites,
        }
    }

    fn all() -> Vec<RegieSummary> {
        let mut v: Vec<RegieSummary> = (0..45).map(|i| regie(&format!("Régie {i:02}"), "Lille", "59", "32", i % 5, vec![])).collect();
        v.push(regie("Régie de Troyes", "Troyes", "10", "44", 7, vec![Activite::EspacesVerts]));
        v
    }

    fn names() -> TerritoryNames {
        TerritoryNames {
            regions: vec![("11".into(), "Île-de-France".into()), ("32".into(), "Hauts-de-France".into()), ("44".into(), "Grand Est".into())],
            departements: vec![("10".into(), "Aube".into()), ("59".into(), "Nord".into()), ("75".into(), "Paris".into())],
        }
    }

    #[test]
    fn url_round_trip_and_defaults() {
        let params: HashMap<&str, &str> = [("q", "saint denis"), ("dep", "93"), ("tri", "qpv"), ("page", "2"), ("statut", "nope")].into();
        let q = DirectoryQuery::from_params(|k| params.get(k).map(|v| v.to_string()));
        assert_eq!(q.departement.as_deref(), Some("93"));
        assert_eq!(q.statut, None, "unknown values are ignored");
        assert_eq!(q.to_query_string(), "?q=saint+denis&dep=93&tri=qpv&page=2");
        assert_eq!(DirectoryQuery::from_params(|_| None).to_query_string(), "");
        assert_eq!(DirectoryQuery::from_params(|k| (k == "page").then(|| "0".into())).page, 1);
    }

    #[test]
    fn filters_sorts_and_pages() {
        let all = all();
        let page1 = DirectoryQuery::default().apply(&all, &names());
        assert_eq!((page1.matching, page1.pages, page1.items.len()), (46, 3, 20));
        assert_eq!(page1.items[0].nom, "Régie de Troyes", "département 10 before 59");
        let last = DirectoryQuery { page: 9, ..Default::default() }.apply(&all, &names());
        assert_eq!((last.page, last.items.len()), (3, 6), "a page past the end shows the last one");

        let by_qpv = DirectoryQuery { tri: Sort::Qpv, ..Default::default() }.apply(&all, &names());
        assert_eq!(by_qpv.items[0].nb_qpv, 7);

        let green = DirectoryQuery { activite: Some(Activite::EspacesVerts), ..Default::default() }.apply(&all, &names());
        assert_eq!(green.matching, 1);
        let nord = DirectoryQuery { departement: Some("59".into()), q: "regie 4".into(), ..Default::default() }.apply(&all, &names());
        assert_eq!(nord.matching, 5, "Régie 40 to 44, not Régie 04");
        assert_eq!(page1.regions.len(), 2, "only régions that have Régies are offered");
        assert_eq!(page1.departements, vec![("10".to_owned(), "Aube".to_owned()), ("59".to_owned(), "Nord".to_owned())]);
    }
}
