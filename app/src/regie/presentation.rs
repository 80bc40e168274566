//! The parts of a Régie's page that only show (its logo or photo, its news posts here; its key
//! figures in `figures`, its partners in `network`) made into markup on the server, with every
//! text escaped. The page sets them as they are: the browser bundle, which every visitor loads,
//! carries neither their views nor their data's shapes (`RegieDetail` sends only these strings).

use atlas_core::locale::Locale;
use atlas_core::regie::news::NewsPost;
use atlas_core::regie::RegieLogo;

/// Text as element content: `<`, `>` and `&` cannot start markup.
pub(super) fn text(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Text as a quoted attribute's value.
pub(super) fn attribute(s: &str) -> String {
    text(s).replace('"', "&quot;").replace('\'', "&#x27;")
}

/// The thumbnail beside the name: decorative (the name is the heading), its room kept.
pub fn logo(logo: &RegieLogo) -> String {
    format!("<img class=\"regie-logo\" src=\"{}\" width=\"{}\" height=\"{}\" alt=\"\">", attribute(&logo.thumb), logo.width, logo.height)
}

/// The section's heading and each post: its title, its date, one paragraph per line.
pub fn news(heading: &str, posts: &[NewsPost], locale: Locale) -> String {
    let mut out = format!("<h2 id=\"actualites\">{}</h2>", text(heading));
    for post in posts {
        out.push_str(&format!(
            "<article><h3>{}</h3><p class=\"help\"><time datetime=\"{}\">{}</time></p>",
            text(&post.titre),
            attribute(&post.date),
            text(&locale.date(&post.date))
        ));
        for line in post.texte.split('\n').filter(|l| !l.is_empty()) {
            out.push_str(&format!("<p>{}</p>", text(line)));
        }
        out.push_str("</article>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_team_wrote_is_shown_as_text() {
        let post = NewsPost { id: 1, titre: "<script>alert(1)</script> & co".into(), texte: "Ligne 1\n\n<b>Ligne 2</b>".into(), date: "2026-12-07".into() };
        assert_eq!(
            news("Actualités", &[post], Locale::Fr),
            "<h2 id=\"actualites\">Actualités</h2><article><h3>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h3>\
             <p class=\"help\"><time datetime=\"2026-12-07\">07/12/2026</time></p><p>Ligne 1</p><p>&lt;b&gt;Ligne 2&lt;/b&gt;</p></article>"
        );
        let shown = logo(&RegieLogo { thumb: "/logos/a\"b/vignette.jpg?v=1".into(), full: String::new(), width: 400, height: 300 });
        assert_eq!(shown, "<img class=\"regie-logo\" src=\"/logos/a&quot;b/vignette.jpg?v=1\" width=\"400\" height=\"300\" alt=\"\">");
    }
}
