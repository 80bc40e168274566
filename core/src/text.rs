//! Text folding shared by header matching, search and slugs.

/// Lower-case ASCII form without accents or punctuation runs: "Évry-Courcouronnes" → "evry courcouronnes".
/// Used to compare what people type with what files contain.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c);
        } else {
            pending_space = true;
        }
    }
    out
}

/// URL-safe identifier: "Régie de Quartier de Laon" → "regie-de-quartier-de-laon".
pub fn slugify(s: &str) -> String {
    fold(s).replace(' ', "-")
}

/// Title case for the upper-case names of administrative files: "REGIE DE QUARTIERS" → "Régie de Quartiers"
/// is out of reach without a dictionary, so this only lowers what follows each word's first letter
/// and keeps short French particles lower-case.
pub fn title_case(s: &str) -> String {
    const SMALL: [&str; 12] = ["de", "du", "des", "la", "le", "les", "et", "d", "l", "en", "sur", "a"];
    let mut out = String::with_capacity(s.len());
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if i > 0 && SMALL.contains(&lower.as_str()) {
            out.push_str(&lower);
            continue;
        }
        let mut chars = lower.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_case_and_punctuation() {
        assert_eq!(fold("  Évry-Courcouronnes "), "evry courcouronnes");
        assert_eq!(fold("Nom de la structure"), "nom de la structure");
        assert_eq!(fold("Téléphone"), "telephone");
        assert_eq!(fold("Cœur de Ville"), "coeur de ville");
    }

    #[test]
    fn slug_is_url_safe() {
        assert_eq!(slugify("Régie de Quartier — Laon (02)"), "regie-de-quartier-laon-02");
    }

    #[test]
    fn title_case_keeps_particles_lower() {
        assert_eq!(title_case("REGIE DE QUARTIERS"), "Regie de Quartiers");
        assert_eq!(title_case("ASSOC LA REGIE DE NOS QUARTIERS"), "Assoc la Regie de Nos Quartiers");
    }
}
