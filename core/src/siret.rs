//! SIRET and SIREN numbers: the identifiers of French legal units and their establishments.

use crate::line_problem::LineProblem;

/// Digits of a SIRET as people write it ("352 847 370 00033"), or why it is not one.
pub fn parse_siret(raw: &str) -> Result<String, LineProblem> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if digits.len() != 14 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(LineProblem::SiretDigits { value: raw.to_owned() });
    }
    // La Poste's establishments (SIREN 356000000) are numbered outside the Luhn rule.
    if !digits.starts_with("356000000") && !luhn_ok(&digits) {
        return Err(LineProblem::SiretKey { value: raw.to_owned() });
    }
    Ok(digits)
}

/// The SIREN of a legal unit as people write it ("352 847 370"), or of one of its SIRETs (its
/// first nine digits); `None` when it is neither or its check digit does not match.
pub fn parse_siren(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    let siren = match digits.len() {
        9 => digits,
        14 => parse_siret(&digits).ok()?[..9].to_owned(),
        _ => return None,
    };
    (siren.bytes().all(|b| b.is_ascii_digit()) && (siren == "356000000" || luhn_ok(&siren))).then_some(siren)
}

/// The SIREN (legal unit) is the first nine digits of a SIRET.
pub fn siren_of(siret: &str) -> &str {
    &siret[..9.min(siret.len())]
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let dd = d * 2;
                if dd > 9 { dd - 9 } else { dd }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_siret_with_spaces() {
        assert_eq!(parse_siret("352 847 370 00033").unwrap(), "35284737000033");
        assert_eq!(siren_of("35284737000033"), "352847370");
    }

    #[test]
    fn reads_a_siren_or_the_siren_of_a_siret() {
        assert_eq!(parse_siren("352 847 370").as_deref(), Some("352847370"));
        assert_eq!(parse_siren("352 847 370 00033").as_deref(), Some("352847370"));
        assert_eq!(parse_siren("352847371"), None);
        assert_eq!(parse_siren("35284737"), None);
        assert_eq!(parse_siren("35284737a"), None);
    }

    #[test]
    fn rejects_wrong_length_and_checksum() {
        assert!(parse_siret("3528473700003").unwrap_err().to_string().contains("14 chiffres"));
        assert!(parse_siret("35284737000034").unwrap_err().to_string().contains("clé de contrôle"));
    }
}
