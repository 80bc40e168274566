//! A Régie's short news posts (« actualités »): a title and a few lines its team publishes on
//! its public page — a new worksite, an open day, a job offer. The newest few are shown there.

use serde::{Deserialize, Serialize};

use super::profile::Problem;

pub const TITLE_MAX_CHARS: usize = 120;
pub const TEXT_MAX_CHARS: usize = 1500;
/// How many the Régie's public page shows, the newest first.
pub const SHOWN_ON_PAGE: usize = 3;

/// The form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsForm {
    pub titre: String,
    pub texte: String,
}

/// A news post that passed the rules: one line of title, its text without control characters
/// (line breaks kept, at most one empty line in a row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct News {
    pub titre: String,
    pub texte: String,
}

/// A published post, as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewsPost {
    pub id: i64,
    pub titre: String,
    pub texte: String,
    /// `AAAA-MM-JJ`, the day it was published.
    pub date: String,
}

impl NewsForm {
    /// The post, or every problem of the form.
    pub fn parse(&self) -> Result<News, Vec<Problem>> {
        let titre: String = self.titre.split_whitespace().collect::<Vec<_>>().join(" ").chars().filter(|c| !c.is_control()).collect();
        let texte = text(&self.texte);
        let mut problems = Vec::new();
        if !(3..=TITLE_MAX_CHARS).contains(&titre.chars().count()) {
            problems.push(Problem::NewsTitleLength);
        }
        if !(10..=TEXT_MAX_CHARS).contains(&texte.chars().count()) {
            problems.push(Problem::NewsTextLength);
        }
        if problems.is_empty() {
            Ok(News { titre, texte })
        } else {
            Err(problems)
        }
    }
}

/// The text's paragraphs: lines trimmed, control characters out, runs of empty lines made one.
fn text(raw: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in raw.replace("\r\n", "\n").replace('\r', "\n").split('\n') {
        let line: String = line.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned();
        if line.is_empty() && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(line);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(titre: &str, texte: &str) -> NewsForm {
        NewsForm { titre: titre.into(), texte: texte.into() }
    }

    #[test]
    fn a_post_keeps_its_paragraphs_and_loses_what_cannot_be_shown() {
        let news = form("  Portes   ouvertes\tsamedi ", "\r\nVenez visiter l'atelier.\r\n\r\n\r\n\u{7}Café offert.  \n\n").parse().unwrap();
        assert_eq!(news.titre, "Portes ouvertes samedi");
        assert_eq!(news.texte, "Venez visiter l'atelier.\n\nCafé offert.");
    }

    #[test]
    fn a_title_and_a_text_too_short_or_too_long_are_refused_together() {
        assert_eq!(form("Ok", "court").parse(), Err(vec![Problem::NewsTitleLength, Problem::NewsTextLength]));
        let long = "a".repeat(TITLE_MAX_CHARS + 1);
        assert_eq!(form(&long, "Un texte assez long.").parse(), Err(vec![Problem::NewsTitleLength]));
        assert_eq!(form("Chantier", &"é".repeat(TEXT_MAX_CHARS + 1)).parse(), Err(vec![Problem::NewsTextLength]));
        assert!(form(&"b".repeat(TITLE_MAX_CHARS), &"é".repeat(TEXT_MAX_CHARS)).parse().is_ok());
        // Blank lines only are no text.
        assert_eq!(form("Chantier", "\n \n\t\n").parse(), Err(vec![Problem::NewsTextLength]));
    }
}
