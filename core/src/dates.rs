//! Dates as people write them in forms and files, read into ISO form, or the problem to show.

use crate::line_problem::LineProblem;

/// A date of a Régie's life (its creation, its membership): "2004-03-01", "01/03/2004" or a bare
/// year "2004", as ISO ("2004-03-01", "2004").
pub fn parse_date(raw: &str) -> Result<String, LineProblem> {
    let raw = raw.trim();
    let bad = || LineProblem::DateInvalid { value: raw.to_owned() };
    let parts: Vec<&str> = raw.split(['-', '/']).collect();
    let (y, m, d) = match parts.as_slice() {
        [y] if y.len() == 4 => return y.parse::<u16>().ok().filter(|y| (1850..=2100).contains(y)).map(|_| (*y).to_owned()).ok_or_else(bad),
        [y, m, d] if y.len() == 4 => (*y, *m, *d),
        [d, m, y] if y.len() == 4 => (*y, *m, *d),
        _ => return Err(bad()),
    };
    let (y, m, d): (u16, u8, u8) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1850..=2100).contains(&y) {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

/// A day, as files write it: "2024-03-01" or "01/03/2024" → "2024-03-01".
pub fn parse_day(raw: &str) -> Result<String, LineProblem> {
    let raw = raw.trim();
    let (y, m, d) = if let [d, m, y] = raw.split('/').collect::<Vec<_>>()[..] {
        (y, m, d)
    } else if let [y, m, d] = raw.split('-').collect::<Vec<_>>()[..] {
        (y, m, d)
    } else {
        return Err(LineProblem::DayInvalid { value: raw.to_owned() });
    };
    let num = |s: &str, len: usize| (s.len() == len || (len == 2 && s.len() == 1)).then(|| s.parse::<u32>().ok()).flatten();
    match (num(y, 4), num(m, 2), num(d, 2)) {
        (Some(y), Some(m @ 1..=12), Some(d @ 1..=31)) => Ok(format!("{y:04}-{m:02}-{d:02}")),
        _ => Err(LineProblem::DayInvalid { value: raw.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_of_a_regie_s_life_in_french_and_iso_forms_or_a_year() {
        assert_eq!(parse_date("01/03/2004").unwrap(), "2004-03-01");
        assert_eq!(parse_date("2004-03-01").unwrap(), "2004-03-01");
        assert_eq!(parse_date("1998").unwrap(), "1998");
        assert_eq!(parse_date("32/01/2004"), Err(LineProblem::DateInvalid { value: "32/01/2004".into() }));
    }

    #[test]
    fn a_day_in_french_and_iso_forms() {
        assert_eq!(parse_day("1/2/2024").unwrap(), "2024-02-01");
        assert_eq!(parse_day(" 2024-13-01 "), Err(LineProblem::DayInvalid { value: "2024-13-01".into() }));
        assert!(parse_day("hier").is_err());
        assert!(parse_day("2024").is_err(), "a year alone is no day");
    }
}
