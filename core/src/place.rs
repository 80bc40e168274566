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

impl SvgFigure {
    /// Width and height of the view box, for an `<img>` that reserves its space.
    pub fn size(&self) -> (u32, u32) {
        let mut it = self.view_box.split(' ').skip(2).filter_map(|v| v.parse::<f64>().ok());
        (it.next().unwrap_or(0.0).round() as u32, it.next().unwrap_or(0.0).round() as u32)
    }

    /// A standalone SVG file: large maps are served this way (an `<img>` of its own, cached
    /// apart) rather than inlined twice in the page and its hydration data. `style` is the CSS
    /// of its classes, since the page's stylesheet does not reach into an image.
    pub fn to_document(&self, title: &str, style: &str) -> String {
        let (w, h) = self.size();
        let mut out = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{}" width="{w}" height="{h}" role="img"><title>{}</title><style>{style}</style>"#,
            self.view_box,
            xml_escape(title)
        );
        for p in &self.paths {
            out.push_str(&format!(r#"<path class="{}" d="{}"><title>{}</title></path>"#, xml_escape(&p.class), p.d, xml_escape(&p.title)));
        }
        out.push_str("</svg>");
        out
    }
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SvgPath {
    pub class: String,
    pub d: String,
    /// Accessible name (e.g. the QPV's name), shown as a tooltip too.
    pub title: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standalone_svg_escapes_titles_and_knows_its_size() {
        let f = SvgFigure {
            view_box: "-5 -5 1010 720".into(),
            paths: vec![SvgPath { class: "ch ch-1".into(), d: "M0 0L1 1Z".into(), title: "Seine & <Marne>".into() }],
        };
        assert_eq!(f.size(), (1010, 720));
        let doc = f.to_document("Carte \"A\"", "path{fill:red}");
        assert!(doc.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(doc.contains("<title>Carte &quot;A&quot;</title>"));
        assert!(doc.contains("<title>Seine &amp; &lt;Marne&gt;</title>"));
    }
}
