//! Text folding shared by header matching, search and slugs; percent-encoding for URLs.

/// Lower-case ASCII form without accents or punctuation runs: "Évry-Courcouronnes" → "evry courcouronnes".
/// Used to compare what people type with what files contain.
/// Runs in the browser too, so it maps the Latin letters of French by hand instead of pulling
/// a full transliteration table into the wasm bundle.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars().flat_map(char::to_lowercase) {
        let mapped: &str = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'ç' => "c",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ÿ' | 'ý' => "y",
            'ñ' => "n",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_ascii_alphanumeric() => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
                continue;
            }
            _ => {
                pending_space = true;
                continue;
            }
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push_str(mapped);
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

/// Percent-encoding of a URL path segment or query value: unreserved characters (RFC 3986) as
/// they are, every other byte as `%XX`.
pub fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A number written the French way ("48,8566") or the English way ("48.8566").
pub fn parse_decimal(raw: &str) -> Option<f64> {
    let cleaned: String = raw.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if cleaned.is_empty() {
        return None;
    }
    cleaned.replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
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

/// Folded place name with the usual abbreviations expanded: "ST DENIS" and "Saint-Denis" both
/// become "saint denis", so addresses from administrative files match the official names.
pub fn fold_place(s: &str) -> String {
    fold(s)
        .split(' ')
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            "sts" => "saints",
            "stes" => "saintes",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod place_tests {
    #[test]
    fn abbreviations_expand() {
        assert_eq!(super::fold_place("ST DENIS"), "saint denis");
        assert_eq!(super::fold_place("Sainte-Geneviève-des-Bois"), "sainte genevieve des bois");
        assert_eq!(super::fold_place("Ste Marie"), "sainte marie");
    }
}

#[cfg(test)]
mod percent_tests {
    #[test]
    fn percent_encode_keeps_unreserved_and_escapes_the_rest() {
        assert_eq!(super::percent_encode("Régie 93 & co/~x"), "R%C3%A9gie%2093%20%26%20co%2F~x");
    }
}
