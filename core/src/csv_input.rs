//! Reading the CSV files people actually produce: `;` or `,`, CRLF or LF, UTF-8 with or without BOM,
//! or Windows-1252 as French spreadsheet software exports it.

use crate::line_problem::LineProblem;
use crate::text::fold;

/// A decoded table: folded headers and rows tagged with their line number in the file.
#[derive(Debug)]
pub struct Table {
    pub headers: Vec<String>,
    /// Headers as written in the file, for messages.
    pub raw_headers: Vec<String>,
    pub rows: Vec<Row>,
    pub delimiter: u8,
}

#[derive(Debug)]
pub struct Row {
    /// 1-based line number in the file, as a spreadsheet shows it.
    pub line: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FileError {
    #[error("le fichier est vide")]
    Empty,
    /// `message` is the CSV reader's own (English) words.
    #[error("ligne {line} : ligne illisible ({message})")]
    Malformed { line: usize, message: String },
    #[error("colonne obligatoire absente : « {wanted} » (colonnes trouvées : {found})")]
    MissingColumn { wanted: String, found: String },
    #[error("{0}")]
    Invalid(String),
}

impl FileError {
    /// The problem as a report shows it, at the line the reader names (1: the header).
    pub fn problem(&self) -> (usize, LineProblem) {
        match self {
            Self::Empty => (1, LineProblem::FileEmpty),
            Self::Malformed { line, message } => (*line, LineProblem::Unreadable { detail: message.clone() }),
            Self::MissingColumn { wanted, found } => (1, LineProblem::ColumnMissing { wanted: wanted.clone(), found: found.clone() }),
            Self::Invalid(detail) => (1, LineProblem::Unreadable { detail: detail.clone() }),
        }
    }
}

/// Text of a file: UTF-8 (BOM removed) when valid, otherwise Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and tab.
fn guess_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b';', b',', b'\t']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b';')
}

pub fn read_table(bytes: &[u8]) -> Result<Table, FileError> {
    // The csv crate miscounts lines on CRLF; line numbers in reports must match the spreadsheet.
    let text = decode(bytes).replace("\r\n", "\n");
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let delimiter = guess_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let raw_headers: Vec<String> = reader
        .headers()
        .map_err(|e| FileError::Malformed { line: 1, message: e.to_string() })?
        .iter()
        .map(|h| h.trim().to_owned())
        .collect();
    let headers = raw_headers.iter().map(|h| fold(h)).collect();
    let mut rows = Vec::new();
    // Line numbers come from byte offsets: the csv crate skips blank lines without counting them.
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    for record in reader.records() {
        let record = record.map_err(|e| FileError::Malformed {
            line: e.position().map(|p| p.line() as usize).unwrap_or(0),
            message: e.to_string(),
        })?;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut start = record.position().map(|p| p.byte() as usize).unwrap_or(counted_to);
        // A record's position can point at the blank lines skipped before it.
        while text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        line_at += text.as_bytes()[counted_to..start].iter().filter(|b| **b == b'\n').count();
        counted_to = start;
        let line = line_at;
        rows.push(Row { line, cells: record.iter().map(|c| c.trim().to_owned()).collect() });
    }
    Ok(Table { headers, raw_headers, rows, delimiter })
}

impl Table {
    /// Index of the first column whose folded header is one of `aliases` (already folded).
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        aliases.iter().find_map(|a| self.headers.iter().position(|h| h == a))
    }

    /// Like [`Table::find`], but a missing column is an error naming the column wanted.
    pub fn require(&self, label: &str, aliases: &[&str]) -> Result<usize, FileError> {
        self.find(aliases).ok_or_else(|| FileError::MissingColumn {
            wanted: label.to_owned(),
            found: self.raw_headers.join(", "),
        })
    }
}

impl Row {
    pub fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.cells.get(c)).map(String::as_str).unwrap_or("")
    }
}

pub use crate::text::parse_decimal;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolon_crlf_with_bom() {
        let t = read_table(b"\xEF\xBB\xBFNom;Code postal\r\nR\xC3\xA9gie A;02000\r\n\r\nB;10000\r\n").unwrap();
        assert_eq!(t.headers, vec!["nom", "code postal"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[0], "Régie A");
        assert_eq!(t.rows[0].line, 2);
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn reads_windows_1252_and_commas() {
        // "Téléphone" and "Régie" in Windows-1252.
        let t = read_table(b"Nom,T\xE9l\xE9phone\nR\xE9gie,0102030405\n").unwrap();
        assert_eq!(t.delimiter, b',');
        assert_eq!(t.headers[1], "telephone");
        assert_eq!(t.rows[0].cells[0], "Régie");
    }

    #[test]
    fn missing_column_is_named() {
        let t = read_table(b"Nom;Ville\nA;B\n").unwrap();
        let err = t.require("Code postal", &["code postal", "cp"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "colonne obligatoire absente : « Code postal » (colonnes trouvées : Nom, Ville)"
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        assert_eq!(read_table(b"  \n").unwrap_err(), FileError::Empty);
    }

    #[test]
    fn decimals_with_comma_or_point() {
        assert_eq!(parse_decimal("48,8566"), Some(48.8566));
        assert_eq!(parse_decimal(" 2.35 "), Some(2.35));
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal(""), None);
    }
}
