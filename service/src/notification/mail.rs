//! The news mails' words, in the recipient's language: one piece of news, or the day's digest.
//! Each says why it came and ends with how to stop it (a page with one button, and the mail
//! client's own « se désabonner », RFC 8058).

use atlas_core::locale::Locale;

use crate::account::public_url;
use crate::mail::texts::escape;
use crate::mail::Mail;

/// The links of a news mail.
pub struct Links {
    /// The item's page (none for the digest: each line has its own).
    pub item: String,
    /// The person's notification settings.
    pub settings: String,
    /// The page that stops these mails with one button (a GET changes nothing).
    pub unsubscribe_page: String,
    /// RFC 8058's address, which a mail client POSTs to.
    pub one_click: String,
}

impl Links {
    pub fn new(locale: Locale, link_token: &str, item: i64) -> Self {
        let base = public_url();
        Self {
            item: format!("{base}{}", locale.path(&format!("/participation/{item}"))),
            settings: format!("{base}{}", locale.path("/compte/notifications")),
            unsubscribe_page: format!("{base}{}?jeton={link_token}", locale.path("/compte/desabonnement")),
            one_click: super::fanout::one_click_url(link_token),
        }
    }
}

fn footer(locale: Locale, links: &Links) -> (String, String) {
    let (why, stop, settings) = match locale {
        Locale::Fr => ("Vous recevez ce courriel parce que vous suivez cet élément, ce quartier ou cette Régie sur l'Atlas des Régies.", "Ne plus recevoir ces courriels", "Choisir mes notifications"),
        Locale::En => ("You get this e-mail because you follow this item, neighbourhood or Régie on the Atlas des Régies.", "Stop these e-mails", "Choose my notifications"),
    };
    let text = format!("-- \n{why}\n{stop} : {}\n{settings} : {}\n", links.unsubscribe_page, links.settings);
    let html = format!(
        "<hr><p style=\"font-size:small\">{}<br><a href=\"{}\">{}</a> · <a href=\"{}\">{}</a></p>",
        escape(why),
        escape(&links.unsubscribe_page),
        escape(stop),
        escape(&links.settings),
        escape(settings)
    );
    (text, html)
}

/// One piece of news of an item.
pub fn news(locale: Locale, to: &str, title: &str, said: &str, links: &Links) -> Mail {
    let (subject, see) = match locale {
        Locale::Fr => (format!("Du nouveau : « {title} »"), "Voir l'élément"),
        Locale::En => (format!("News: “{title}”"), "See the item"),
    };
    let (foot_text, foot_html) = footer(locale, links);
    Mail {
        to: to.to_owned(),
        subject,
        text: format!("{said}\n\n{see} : {}\n\n{foot_text}", links.item),
        html: format!(
            "<!doctype html><html><body><p>{}</p><p><a href=\"{}\">{}</a></p>{foot_html}</body></html>",
            escape(said),
            escape(&links.item),
            escape(see)
        ),
    }
}

/// The day's news in one mail: (sentence, item link) each.
pub fn digest(locale: Locale, to: &str, lines: &[(String, String)], links: &Links) -> Mail {
    let (subject, lead) = match locale {
        Locale::Fr => (format!("Votre résumé du jour : {} nouvelle(s) — Atlas des Régies", lines.len()), "Depuis le dernier résumé :"),
        Locale::En => (format!("Your daily digest: {} piece(s) of news — Atlas des Régies", lines.len()), "Since the last digest:"),
    };
    let (foot_text, foot_html) = footer(locale, links);
    let text_lines: String = lines.iter().map(|(said, link)| format!("- {said}\n  {link}\n")).collect();
    let html_lines: String = lines.iter().map(|(said, link)| format!("<li><a href=\"{}\">{}</a></li>", escape(link), escape(said))).collect();
    Mail {
        to: to.to_owned(),
        subject,
        text: format!("{lead}\n\n{text_lines}\n{foot_text}"),
        html: format!("<!doctype html><html><body><p>{}</p><ul>{html_lines}</ul>{foot_html}</body></html>", escape(lead)),
    }
}
