//! « C'est le même ? »: which open items look like the one being written: same category within
//! a short walk, or a close title in the same QPV. Titles are compared folded (case, accents,
//! punctuation ignored) word by word, one typo allowed in words of five letters or more.

use crate::text::fold;

/// Items of the same category closer than this are shown as possibly the same.
pub const NEARBY_M: f64 = 150.0;

/// Metres between two points (haversine; exact enough at a neighbourhood's scale).
pub fn distance_m((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    const EARTH_M: f64 = 6_371_000.0;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_M * a.sqrt().asin()
}

/// Words that say nothing of the subject.
const STOP_WORDS: [&str; 24] = [
    "le", "la", "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "a", "et", "en", "sur", "dans", "pour", "par", "the",
    "of", "on", "in", "est",
];

fn words(title: &str) -> Vec<String> {
    fold(title).split(' ').filter(|w| w.len() > 1 && !STOP_WORDS.contains(w)).map(str::to_owned).collect()
}

/// At most one letter changed, added or removed.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..].iter().skip(1).eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

fn same_word(a: &str, b: &str) -> bool {
    a == b || (a.len() >= 5 && b.len() >= 5 && one_edit(a, b))
}

/// Do these titles speak of the same thing? More than half of the shorter title's meaningful
/// words are found in the other (a shared street name alone is not enough).
pub fn close_titles(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if short.is_empty() {
        return false;
    }
    let shared = short.iter().filter(|w| long.iter().any(|v| same_word(w, v))).count();
    shared * 2 > short.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_of_a_known_pair() {
        // Two points 0.001° of latitude apart: about 111 m.
        let d = distance_m((48.9, 2.35), (48.901, 2.35));
        assert!((d - 111.2).abs() < 0.5, "{d}");
        assert!(distance_m((48.9, 2.35), (48.9, 2.35)) < 1e-6);
    }

    #[test]
    fn titles_with_the_same_words_are_close_whatever_the_accents_and_typos() {
        assert!(close_titles("Éclairage en panne rue Lénine", "eclairage en pane, rue Lenine"));
        assert!(close_titles("Dépôt sauvage d'encombrants", "encombrants : dépôt sauvage devant le 12"));
        assert!(close_titles("Lampadaire cassé", "Le lampadaire est cassé depuis lundi"));
    }

    #[test]
    fn titles_on_other_subjects_are_not() {
        assert!(!close_titles("Éclairage en panne rue Lénine", "Jardin partagé rue Lénine"));
        assert!(!close_titles("Fête de quartier", "Ménage des halls"));
        assert!(!close_titles("", "Ménage des halls"));
        assert!(!close_titles("le la les", "le la les"));
    }

    #[test]
    fn one_edit_is_one_letter() {
        assert!(one_edit("panne", "pane"));
        assert!(one_edit("panne", "panne"));
        assert!(one_edit("panne", "pinne"));
        assert!(!one_edit("panne", "pomme"));
        assert!(!one_edit("panne", "pa"));
    }
}
