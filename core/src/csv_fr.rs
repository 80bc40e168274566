//! CSV as French spreadsheet software opens it: UTF-8 with a BOM (so accents survive a double
//! click), `;` separator, decimal commas, CRLF line ends, fields quoted when they hold a
//! separator, a quote or a line break.

pub struct CsvFr {
    out: String,
}

impl CsvFr {
    pub fn new(header: &[&str]) -> Self {
        let mut csv = Self { out: String::from('\u{feff}') };
        csv.row(header.iter().copied());
        csv
    }

    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = &'a str>) {
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(';');
            }
            if f.contains([';', '"', '\n', '\r']) {
                self.out.push('"');
                self.out.push_str(&f.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(f);
            }
        }
        self.out.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// `12.345` with `decimals` → "12,3" (French decimal comma).
pub fn decimal(v: f64, decimals: usize) -> String {
    format!("{v:.decimals$}").replace('.', ",")
}

/// An optional integer as a cell: empty when unknown.
pub fn opt_int(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        let mut csv = CsvFr::new(&["a", "b"]);
        csv.row(["x;y", "dit \"oui\""]);
        csv.row(["simple", ""]);
        assert_eq!(csv.finish(), "\u{feff}a;b\r\n\"x;y\";\"dit \"\"oui\"\"\"\r\nsimple;\r\n");
        assert_eq!(decimal(12.345, 1), "12,3");
        assert_eq!(opt_int(None), "");
    }
}

/// Text typed by the public, made inert for spreadsheets: a cell starting with `=`, `+`, `-`, `@`
/// or a tab would be read as a formula (CSV injection), so it gets a leading apostrophe.
pub fn inert(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod inert_tests {
    #[test]
    fn formulas_are_neutralised_and_text_kept() {
        assert_eq!(super::inert("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(super::inert("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(super::inert("Le numéro a changé"), "Le numéro a changé");
    }
}
