//! Quartiers prioritaires de la politique de la ville (QPV), 2024 generation.

#[cfg(all(feature = "import", feature = "geometry"))]
pub mod import;

use serde::{Deserialize, Serialize};

/// A QPV code: "QN" + 3-character département + 2 digits + a letter, e.g. "QN00101M", "QN02A01M".
pub fn is_qpv_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 8
        && code.starts_with("QN")
        && b[2..5].iter().all(|c| c.is_ascii_alphanumeric())
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7].is_ascii_uppercase()
}

/// A QPV as read from an ANCT file, ready to be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct QpvRecord {
    pub code: String,
    pub nom: String,
    /// INSEE codes of the commune(s) it lies in.
    pub communes: Vec<String>,
    /// GeoJSON MultiPolygon, when the file has geometry.
    pub contour: Option<String>,
    /// (lon, lat) centroid.
    pub centroid: Option<(f64, f64)>,
    /// (min lon, min lat, max lon, max lat).
    pub bbox: Option<(f64, f64, f64, f64)>,
}

/// A QPV as a page links to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QpvRef {
    pub code: String,
    pub nom: String,
}

/// A Régie working in a QPV, with how sure we are.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegieServing {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    pub statut: crate::coverage::CoverageStatus,
}

/// A commune as a page links to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommuneRef {
    pub insee: String,
    pub nom: String,
    pub departement: String,
}

/// Everything the page of one QPV shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QpvDetail {
    pub code: String,
    pub nom: String,
    pub communes: Vec<CommuneRef>,
    pub regies: Vec<RegieServing>,
    /// Other QPVs of the same commune(s).
    pub voisins: Vec<QpvRef>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// schema.org JSON-LD of the page, built on the server.
    pub json_ld: String,
    /// The QPV among its commune(s) and neighbours, drawn on the server.
    pub figure: Option<crate::place::SvgFigure>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qpv_codes() {
        assert!(is_qpv_code("QN00101M"));
        assert!(is_qpv_code("QN02A01M"));
        assert!(is_qpv_code("QN97654C"));
        assert!(!is_qpv_code("QP00101M"));
        assert!(!is_qpv_code("QN0010M"));
        assert!(!is_qpv_code("QN001011"));
    }
}
