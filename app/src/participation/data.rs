//! What a participation page needs from the server, in one read: its texts, the messages its
//! forms' refusals name by code, and the list, the item, or the form's similar items.

use atlas_core::participation::clock::AnswerClock;
use atlas_core::participation::saved::SavedDraft;
use atlas_core::participation::view::{ItemDetail, ItemSummary};
use atlas_core::participation::Status;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::texts::ParticipationTexts;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParticipationData {
    /// The page it was read for (`what`).
    pub what: String,
    pub texts: ParticipationTexts,
    /// (code, message) of every refusal a form may come back with.
    pub messages: Vec<(String, String)>,
    /// A list's page of items, or the form's similar items.
    pub items: Vec<ItemSummary>,
    /// A list: every matching item, by status, and the page among `pages`.
    pub total: usize,
    pub by_status: Vec<(Status, usize)>,
    pub page: usize,
    pub pages: usize,
    pub item: Option<ItemDetail>,
    /// The QPV of a list or of the form: (code, name).
    pub qpv: Option<(String, String)>,
    /// The QPV's centre, the map's first view.
    pub qpv_center: Option<(f64, f64)>,
    /// The Régie of a list: (slug, name), with its answer clock.
    pub regie: Option<(String, String)>,
    pub clock: Option<AnswerClock>,
    pub signed_in: bool,
    /// On the form: the viewer's Régies covering the QPV, which may file for an inhabitant.
    pub staff_regies: Vec<(String, String)>,
    /// On the form: the viewer's draft kept on the server, put back when the URL brings none.
    pub draft: Option<SavedDraft>,
    /// On the form without a QPV: the commune typed (« Commune ou code postal ») and its QPVs.
    pub commune_choice: Option<CommuneChoice>,
    /// The maps' base tiles (configuration; none: outlines only).
    pub tiles: crate::carte::MapTiles,
    /// On an item's page: the flag form's reasons, (code, label).
    pub flag_reasons: Vec<(String, String)>,
    /// `/participation/charte`: its texts.
    pub charter: Option<super::charter::CharterTexts>,
    /// `/participation/journal?qpv=`: the QPV's public moderation log, and whether the viewer
    /// moderates there (then each act has its « Annuler »).
    pub journal: Vec<JournalLine>,
    pub may_moderate: bool,
    /// `/participation/moderation`: what awaits the moderator, and the word lists they keep.
    pub queue: Vec<QueueLine>,
    pub word_lists: Vec<atlas_core::moderation::WordList>,
}

/// One act of the public log, in the page's language (written on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JournalLine {
    pub id: i64,
    pub at: i64,
    pub who: String,
    pub what: String,
    pub why: String,
    /// The item concerned: its number and title (empty when it is hidden).
    pub item: Option<(i64, String)>,
    pub undone: bool,
    pub undoes: bool,
}

/// One content of the moderation queue, in the page's language.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QueueLine {
    /// `element` or `commentaire`.
    pub target: String,
    pub id: i64,
    pub item_id: i64,
    pub heading: String,
    pub qpv_name: String,
    pub text: String,
    /// Why it is not shown, or that it still is.
    pub state: String,
    pub hidden: bool,
    pub flags: String,
}

impl ParticipationData {
    pub fn message(&self, code: &str) -> Option<String> {
        self.messages.iter().find(|(c, _)| c == code).map(|(_, m)| m.clone())
    }
}

/// The commune found for the form's place field, and its QPVs (code, name); or why none.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommuneChoice {
    pub commune: String,
    pub qpvs: Vec<(String, String)>,
    /// The message when no commune matches, or the text is too long.
    pub refusal: Option<String>,
}

/// The list's filters and the form's fields, as the page's URL carries them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Query {
    pub nature: String,
    pub categorie: String,
    pub statut: String,
    pub qpv: String,
    pub commune: String,
    pub regie: String,
    pub tri: String,
    pub titre: String,
    /// The point of the report (from « Autour de moi »): similar items within 150 m of it.
    pub lat: String,
    pub lon: String,
    /// The form's place without JavaScript: a commune's name or postcode.
    pub ou: String,
    /// The list's page, from 1; on an item's page, the page of its comment threads.
    pub page: String,
    /// On an item's page: the comment to show (its thread's page).
    pub commentaire: String,
}

/// `what`: `liste` (with the filters of `q`), `element` (item `id`), `nouveau` (the form: its
/// QPV, the viewer's Régies there, and on the second screen the similar open items),
/// `reclamer` (texts only), `charte`, `journal` (of `q.qpv`), `moderation` (the queue).
#[server(endpoint = "participation/page")]
pub async fn participation_page(what: String, #[server(default)] id: i64, #[server(default)] q: Query) -> Result<ParticipationData, ServerFnError> {
    use crate::error::{actor, atlas, fail, set_not_found};
    use atlas_core::participation::view::{Filter, Sort};
    use atlas_core::participation::{Category, Kind, Problem};
    use atlas_service::{participation, Code, Error};
    let locale = crate::i18n::request_locale();
    let atlas = atlas()?;
    let actor = actor();
    let mut messages: Vec<(String, String)> = Problem::ALL.iter().map(|p| (p.code().to_owned(), p.message(locale))).collect();
    for code in [Code::NotSignedIn, Code::Forbidden, Code::NotFound, Code::Conflict, Code::InvalidParameter, Code::TooManyRequests] {
        let detail = if code == Code::TooManyRequests { "3600" } else { "" };
        messages.push((code.name().to_owned(), Error::with(code, detail).message(locale)));
    }
    let mut data = ParticipationData {
        what: what.clone(),
        texts: ParticipationTexts::of(locale),
        messages,
        signed_in: matches!(actor, atlas_service::Actor::Account { .. }),
        tiles: crate::carte::tiles_from_env(),
        ..Default::default()
    };
    let point = q.lat.trim().parse::<f64>().ok().zip(q.lon.trim().parse::<f64>().ok());
    // On the form, a point (a tap on the map, the phone's position) decides the QPV, as the post does.
    let at_point = match point {
        Some((lat, lon)) if what == "nouveau" => participation::qpv_at(&atlas, &actor, lat, lon).map_err(fail)?,
        _ => None,
    };
    let qpv_code = at_point.unwrap_or_else(|| q.qpv.trim().to_uppercase());
    if !qpv_code.is_empty() {
        if let Some((name, center)) = participation::qpv_place(&atlas.db, &actor, &qpv_code).await.map_err(fail)? {
            data.qpv = Some((qpv_code.clone(), name));
            data.qpv_center = center;
        }
    }
    match what.as_str() {
        "element" => {
            use atlas_core::participation::threads::CommentsAt;
            let at = match (q.commentaire.trim().parse::<i64>(), q.page.trim().parse::<usize>()) {
                (Ok(comment), _) => CommentsAt::Showing(comment),
                (_, Ok(page)) => CommentsAt::Page(page),
                _ => CommentsAt::Latest,
            };
            data.item = participation::item_at(&atlas.db, &actor, id, at).await.map_err(fail)?;
            data.flag_reasons = atlas_core::moderation::FlagReason::ALL.iter().map(|r| (r.code().to_owned(), r.label(locale).to_owned())).collect();
            if data.item.is_none() {
                set_not_found();
            } else if data.signed_in {
                // Opening the item is reading its news.
                atlas_service::notification::mark_read(&atlas.db, &actor, Some(id)).await.map_err(fail)?;
            }
        }
        "reclamer" => {}
        "charte" => data.charter = Some(super::charter::CharterTexts::of(locale)),
        "journal" => super::moderation_data::journal(&mut data, &atlas, &actor, &qpv_code, locale).await?,
        "moderation" => super::moderation_data::queue(&mut data, &atlas, &actor, locale).await?,
        "nouveau" => {
            if data.qpv.is_some() {
                data.staff_regies = participation::answering_regies(&atlas.db, &actor, &qpv_code).await.map_err(fail)?.into_iter().map(|r| (r.slug, r.name)).collect();
            }
            if data.qpv.is_some() && !q.categorie.is_empty() {
                data.items = participation::similar(&atlas.db, &actor, &qpv_code, &q.categorie, point, &q.titre).await.map_err(fail)?;
            }
            if data.qpv.is_none() && !q.ou.trim().is_empty() {
                data.commune_choice = Some(match participation::qpvs_of_commune(&atlas, &actor, &q.ou).await {
                    Ok((commune, qpvs)) => CommuneChoice { commune, qpvs, refusal: None },
                    Err(e) if e.status() < 500 => CommuneChoice { refusal: Some(e.message(locale)), ..Default::default() },
                    Err(e) => return Err(fail(e)),
                });
            }
            data.draft = participation::drafts::mine(&atlas.db, &actor).await.map_err(fail)?;
        }
        _ => {
            let filter = Filter {
                kind: Kind::parse(&q.nature),
                category: Category::parse(&q.categorie),
                status: Status::parse(&q.statut),
                qpv: data.qpv.as_ref().map(|(c, _)| c.clone()).or_else(|| (!qpv_code.is_empty()).then(|| qpv_code.clone())),
                commune: Some(q.commune.trim().to_owned()).filter(|c| !c.is_empty()),
                regie: Some(q.regie.trim().to_owned()).filter(|r| !r.is_empty()),
                sort: Sort::parse(&q.tri).unwrap_or_default(),
                page: q.page.trim().parse().unwrap_or(1),
            };
            let list = participation::list(&atlas.db, &actor, &filter).await.map_err(fail)?;
            (data.items, data.total, data.by_status, data.page, data.pages) = (list.items, list.total, list.by_status, list.page, list.pages);
            if let Some(slug) = &filter.regie {
                let name = participation::regie_name(&atlas.db, &actor, slug).await.map_err(fail)?;
                if let Some(name) = name {
                    data.clock = Some(participation::answer_clock(&atlas.db, &actor, slug).await.map_err(fail)?);
                    data.regie = Some((slug.clone(), name));
                }
            }
        }
    }
    Ok(data)
}
