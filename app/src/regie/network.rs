//! A Régie's partners, made into markup on the server (see `presentation`): a tree (the Régie on
//! top, one branch per partner, coloured by the kind of relation), drawn 1:1 for a phone's width
//! so labels stay readable, each partner a link reachable with the keyboard; and the list under
//! it, which is the text version.

use atlas_core::partner::RegiePartner;

use super::presentation::{attribute, text};
use crate::i18n::{relation_sentence, Texts};

/// The section's heading, then the tree and the list, or the sentence saying there are none.
pub fn partners(t: &Texts, nom: &str, partners: &[RegiePartner]) -> String {
    let mut out = format!("<section aria-labelledby=\"partenaires\"><h2 id=\"partenaires\">{}</h2>", text(t.partners_title));
    if partners.is_empty() {
        out.push_str(&format!("<p>{}</p>", text(t.no_partner)));
        out.push_str("</section>");
        return out;
    }
    out.push_str(&graph(t, nom, partners));
    out.push_str("<ul class=\"plain partner-list\" id=\"liste-partenaires\">");
    for p in partners {
        let detail = format!("{} · {}", p.nature.label(t.locale), relation_sentence(t, p.relation, p.college, p.depuis.as_deref(), p.jusqu_a.as_deref()));
        let demo = if p.demo { format!(" <span class=\"badge badge-warn\">{}</span>", text(t.demo_label)) } else { String::new() };
        out.push_str(&format!(
            "<li><a href=\"{}\"><strong>{}</strong></a> <span class=\"help\">{}</span>{demo}</li>",
            attribute(&t.path(&format!("/partenaires/{}", p.id))),
            text(&p.nom),
            text(&detail)
        ));
    }
    out.push_str("</ul></section>");
    out
}

/// Cut to `n` characters, an ellipsis marking the cut.
fn short(s: &str, n: usize) -> String {
    if s.chars().count() > n {
        format!("{}…", s.chars().take(n - 1).collect::<String>())
    } else {
        s.to_owned()
    }
}

fn graph(t: &Texts, nom: &str, partners: &[RegiePartner]) -> String {
    // One node per partner, with its first (current) relation.
    let mut nodes: Vec<&RegiePartner> = Vec::new();
    for p in partners {
        if !nodes.iter().any(|n| n.id == p.id) {
            nodes.push(p);
        }
    }
    let (row, top) = (52.0, 70.0);
    let last_y = top + row * nodes.len().saturating_sub(1) as f64;
    let label = attribute(&t.network_label.replace("{nom}", nom));
    let mut out = format!(
        "<figure class=\"network\"><svg viewBox=\"0 0 380 {:.0}\" role=\"group\" aria-label=\"{label}\"><title>{label}</title>\
         <line class=\"edge trunk\" x1=\"22\" y1=\"22\" x2=\"22\" y2=\"{last_y:.0}\"></line>",
        last_y + 30.0
    );
    for (i, p) in nodes.iter().enumerate() {
        let y = top + row * i as f64;
        out.push_str(&format!(
            "<line class=\"edge rel-{}\" x1=\"22\" y1=\"{y:.0}\" x2=\"52\" y2=\"{y:.0}\"></line>\
             <a href=\"{}\" class=\"node\" data-nom=\"{}\"><circle class=\"node-dot kind-{}\" cx=\"62\" cy=\"{y:.0}\" r=\"9\"></circle>\
             <text x=\"80\" y=\"{:.0}\">{}</text><text class=\"node-detail\" x=\"80\" y=\"{:.0}\">{}</text></a>",
            p.relation.code(),
            attribute(&t.path(&format!("/partenaires/{}", p.id))),
            attribute(&p.nom),
            p.nature.code(),
            y - 2.0,
            text(&short(&p.nom, 34)),
            y + 15.0,
            text(&format!("{} · {}", p.nature.label(t.locale), p.relation.label(t.locale)))
        ));
    }
    out.push_str(&format!(
        "<circle class=\"node-regie\" cx=\"22\" cy=\"22\" r=\"13\"></circle><text class=\"node-regie-label\" x=\"44\" y=\"28\">{}</text></svg></figure>",
        text(&short(nom, 36))
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{texts, Locale};
    use atlas_core::partner::{PartnerKind, RelationKind};

    fn partner(id: i64, nom: &str, relation: RelationKind) -> RegiePartner {
        RegiePartner { id, nom: nom.into(), nature: PartnerKind::ALL[0], relation, college: None, depuis: Some("2019".into()), jusqu_a: None, demo: id == 2 }
    }

    #[test]
    fn the_tree_has_one_node_per_partner_and_the_list_one_line_per_relation() {
        let list = [
            partner(1, "Habitat & Cie <SA>", RelationKind::ALL[0]),
            partner(1, "Habitat & Cie <SA>", RelationKind::ALL[1]),
            partner(2, "Un partenaire au nom vraiment beaucoup trop long pour une ligne", RelationKind::ALL[0]),
        ];
        let fr = partners(texts(Locale::Fr), "Régie \"Nord\"", &list);
        assert_eq!(fr.matches("<a href=\"/partenaires/1\" class=\"node\"").count(), 1, "{fr}");
        assert_eq!(fr.matches("<li><a href=\"/partenaires/1\">").count(), 2, "{fr}");
        assert!(fr.contains("data-nom=\"Habitat &amp; Cie &lt;SA&gt;\""), "{fr}");
        assert!(fr.contains("<strong>Habitat &amp; Cie &lt;SA&gt;</strong>"), "{fr}");
        assert!(fr.contains(">Un partenaire au nom vraiment bea…</text>"), "{fr}");
        assert!(fr.contains("aria-label=\"") && fr.contains("Régie &quot;Nord&quot;"), "{fr}");
        // Two nodes: the tree is as tall as its last branch plus the room under it.
        assert!(fr.contains("viewBox=\"0 0 380 152\""), "{fr}");
        assert_eq!(fr.matches("badge-warn").count(), 1, "only the demonstration partnership is labelled");
        let en = partners(texts(Locale::En), "Régie", &list[..1]);
        assert!(en.contains("<a href=\"/en/partenaires/1\">"), "{en}");
        assert!(partners(texts(Locale::Fr), "Régie", &[]).ends_with(&format!("<p>{}</p></section>", texts(Locale::Fr).no_partner)));
    }
}
