//! The two languages of the Atlas: French first (the default and the fallback), English.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

    /// The BCP 47 tag of `<html lang>` and `hreflang`.
    pub fn lang(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
        }
    }

    /// The language of a BCP 47 tag as `lang` writes it (`"fr"`, `"en"`).
    pub fn from_lang(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.lang() == tag)
    }

    /// Open Graph's `og:locale`.
    pub fn og(self) -> &'static str {
        match self {
            Self::Fr => "fr_FR",
            Self::En => "en_GB",
        }
    }

    /// The language a page path asks for: English under `/en` or `/en/…`, French elsewhere.
    pub fn of_path(path: &str) -> Self {
        if path == "/en" || path.starts_with("/en/") {
            Self::En
        } else {
            Self::Fr
        }
    }

    /// The first of our languages named in an `Accept-Language` header, by quality; French when
    /// none is (or when the header is missing or unreadable).
    pub fn from_accept_language(header: &str) -> Self {
        let mut best: Option<(f32, Self)> = None;
        for part in header.split(',') {
            let mut fields = part.trim().split(';');
            let tag = fields.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = fields
                .find_map(|f| f.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok()))
                .unwrap_or(1.0);
            let locale = match tag.split('-').next() {
                Some("fr") => Self::Fr,
                Some("en") => Self::En,
                _ => continue,
            };
            if quality > 0.0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, locale));
            }
        }
        best.map_or(Self::Fr, |(_, l)| l)
    }

    /// `path` (a French path, `/regies/…`) as this language writes it (`/en/regies/…`).
    pub fn path(self, path: &str) -> String {
        match self {
            Self::Fr => path.to_owned(),
            Self::En if path == "/" => "/en".to_owned(),
            Self::En => format!("/en{path}"),
        }
    }

    /// The French path of a page path (`/en/regies` → `/regies`, `/en` → `/`).
    pub fn strip(path: &str) -> &str {
        match path.strip_prefix("/en") {
            Some("") => "/",
            Some(rest) if rest.starts_with('/') => rest,
            _ => path,
        }
    }

    /// An integer with this language's grouping: « 1 584 » (narrow no-break space), "1,584".
    pub fn int(self, n: i64) -> String {
        let sep = match self {
            Self::Fr => '\u{202f}',
            Self::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + 4);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A number with one decimal: « 12,3 », "12.3".
    pub fn decimal1(self, x: f64) -> String {
        let s = format!("{x:.1}");
        match self {
            Self::Fr => s.replace('.', ","),
            Self::En => s,
        }
    }

    /// A distance: « 850 m », « 12,3 km »; "850 m", "12.3 km".
    pub fn distance(self, metres: u32) -> String {
        if metres < 1000 {
            format!("{metres} m")
        } else {
            format!("{} km", self.decimal1(f64::from(metres) / 1000.0))
        }
    }

    /// An ISO date (`2024-03-05`, or a timestamp starting with one) as readers write it:
    /// « 05/03/2024 », "5 March 2024". Anything else is returned as it is.
    pub fn date(self, iso: &str) -> String {
        let day = iso.get(..10).unwrap_or(iso);
        let parts: Vec<&str> = day.split('-').collect();
        let [y, m, d] = parts.as_slice() else { return iso.to_owned() };
        let (Ok(month), Ok(dd)) = (m.parse::<usize>(), d.parse::<u32>()) else { return iso.to_owned() };
        if !(1..=12).contains(&month) || y.len() != 4 {
            return iso.to_owned();
        }
        match self {
            Self::Fr => format!("{d}/{m}/{y}"),
            Self::En => {
                const MONTHS: [&str; 12] = [
                    "January", "February", "March", "April", "May", "June", "July", "August", "September",
                    "October", "November", "December",
                ];
                format!("{dd} {} {y}", MONTHS[month - 1])
            }
        }
    }

    /// A count with its noun, singular or plural by this language's rule: French uses the
    /// singular for 0 and 1 (« 0 quartier », « 1 quartier »), English only for 1.
    pub fn count(self, n: i64, singular: &str, plural: &str) -> String {
        let one = match self {
            Self::Fr => n.abs() < 2,
            Self::En => n.abs() == 1,
        };
        format!("{} {}", self.int(n), if one { singular } else { plural })
    }
}

#[cfg(test)]
mod tests {
    use super::Locale::{self, En, Fr};

    #[test]
    fn numbers_dates_distances_and_plurals_per_language() {
        assert_eq!(Fr.int(1584), "1\u{202f}584");
        assert_eq!(En.int(1584), "1,584");
        assert_eq!(Fr.int(-1_000_000), "-1\u{202f}000\u{202f}000");
        assert_eq!(En.int(84), "84");
        assert_eq!(Fr.count(1584, "quartier", "quartiers"), "1\u{202f}584 quartiers");
        assert_eq!(En.count(1584, "neighbourhood", "neighbourhoods"), "1,584 neighbourhoods");
        assert_eq!(Fr.count(1, "quartier", "quartiers"), "1 quartier");
        assert_eq!(Fr.count(0, "quartier", "quartiers"), "0 quartier");
        assert_eq!(En.count(0, "neighbourhood", "neighbourhoods"), "0 neighbourhoods");
        assert_eq!(Fr.distance(850), "850 m");
        assert_eq!(Fr.distance(12_345), "12,3 km");
        assert_eq!(En.distance(12_345), "12.3 km");
        assert_eq!(Fr.date("2024-03-05T10:00:00Z"), "05/03/2024");
        assert_eq!(En.date("2024-03-05"), "5 March 2024");
        assert_eq!(En.date("pas une date"), "pas une date");
    }

    #[test]
    fn paths_and_headers_choose_the_language() {
        assert_eq!(Locale::of_path("/en/regies/x"), En);
        assert_eq!(Locale::of_path("/en"), En);
        assert_eq!(Locale::of_path("/entreprises"), Fr);
        assert_eq!(Locale::of_path("/regies"), Fr);
        assert_eq!(En.path("/regies/x"), "/en/regies/x");
        assert_eq!(En.path("/"), "/en");
        assert_eq!(Fr.path("/regies"), "/regies");
        assert_eq!(Locale::strip("/en/regies"), "/regies");
        assert_eq!(Locale::strip("/en"), "/");
        assert_eq!(Locale::strip("/entreprises"), "/entreprises");
        assert_eq!(Locale::from_accept_language("en-GB,en;q=0.9,fr;q=0.8"), En);
        assert_eq!(Locale::from_accept_language("fr-FR,fr;q=0.9,en;q=0.8"), Fr);
        assert_eq!(Locale::from_accept_language("de-DE,en;q=0.5"), En);
        assert_eq!(Locale::from_accept_language("de-DE"), Fr);
        assert_eq!(Locale::from_accept_language("\u{0}garbage;q=x"), Fr);
    }
}
