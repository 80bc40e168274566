//! What finding a place answers, shared by the server and the browser: search hits and
//! "which QPV is here, which Régies are near".

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum HitKind {
    Regie,
    Commune,
    Qpv,
}

/// One suggestion, ready to show: a label, a detail line and the page it opens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub kind: HitKind,
    pub label: String,
    pub detail: String,
    pub url: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QpvHere {
    pub code: String,
    pub nom: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyRegie {
    pub slug: String,
    pub nom: String,
    pub commune: String,
    pub distance_m: u32,
    pub couvre_ce_qpv: bool,
}

/// The answer of `/api/v1/locate` and of the "autour de moi" page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Located {
    pub qpv: Option<QpvHere>,
    pub regies: Vec<NearbyRegie>,
}


/// A small map drawn as SVG on the server (readable without JavaScript or map tiles):
/// paths in a shared view box, each with a CSS class saying what it is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SvgFigure {
    pub view_box: String,
    pub paths: Vec<SvgPath>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SvgPath {
    pub class: String,
    pub d: String,
    /// Accessible name (e.g. the QPV's name), shown as a tooltip too.
    pub title: String,
}
