//! The moderation pages' data, put into words on the server (the bundle carries none of the
//! acts' and reasons' sentences): the public log of a QPV, a moderator's queue and word lists.

use atlas_core::moderation::{Act, FlagReason, Hidden};
use atlas_service::{Actor, Atlas};
use leptos::prelude::ServerFnError;

use super::data::{JournalLine, ParticipationData, QueueLine};
use super::texts::T;
use crate::error::fail;
use crate::i18n::Locale;

/// The public log of the QPV (a 404 page when no QPV has this code).
pub async fn journal(data: &mut ParticipationData, atlas: &Atlas, actor: &Actor, qpv: &str, locale: Locale) -> Result<(), ServerFnError> {
    if data.qpv.is_none() {
        crate::error::set_not_found();
        return Ok(());
    }
    let entries = atlas_service::moderation::read::log(&atlas.db, actor, qpv).await.map_err(fail)?;
    data.may_moderate = atlas_service::moderation::read::moderates(&atlas.db, actor, qpv).await.map_err(fail)?;
    data.journal = entries
        .into_iter()
        .map(|e| {
            let why = match e.act {
                Act::HideByFlags => FlagReason::parse(&e.reason).map_or(e.reason.clone(), |r| r.label(locale).to_owned()),
                _ => e.reason.clone(),
            };
            JournalLine {
                id: e.id,
                at: e.at,
                who: e.by.label(locale),
                what: e.act.label(e.target, locale),
                why,
                item: e.item_id.map(|id| (id, e.item_title.clone().unwrap_or_default())),
                undone: e.undone,
                undoes: e.undoes.is_some(),
            }
        })
        .collect();
    Ok(())
}

/// The moderator's queue and word lists; for anyone else, the page says who it is for (403).
pub async fn queue(data: &mut ParticipationData, atlas: &Atlas, actor: &Actor, locale: Locale) -> Result<(), ServerFnError> {
    let entries = match atlas_service::moderation::read::queue(&atlas.db, actor).await {
        Ok(entries) => entries,
        Err(e) if e.status() < 500 => {
            crate::error::set_status(e.status());
            return Ok(());
        }
        Err(e) => return Err(fail(e)),
    };
    data.may_moderate = true;
    data.word_lists = atlas_service::moderation::word_lists(&atlas.db, actor).await.map_err(fail)?;
    let x = &data.texts;
    data.queue = entries
        .into_iter()
        .map(|e| {
            let comment = e.target == atlas_core::moderation::Target::Comment;
            let heading = if comment { x.get(T::QueueComment).replace("{title}", &e.item_title) } else { x.get(T::QueueItem).replace("{n}", &e.item_id.to_string()).replace("{title}", &e.item_title) };
            let reasons: Vec<&str> = e.flags.iter().map(|r| r.label(locale)).collect();
            QueueLine {
                target: e.target.code().to_owned(),
                id: e.id,
                item_id: e.item_id,
                heading,
                qpv_name: e.qpv_name,
                text: e.text,
                state: e.hidden.as_ref().map_or_else(|| x.get(T::QueueShown), |h: &Hidden| h.sentence(locale)),
                hidden: e.hidden.is_some(),
                flags: if reasons.is_empty() { String::new() } else { x.get(T::QueueFlags).replace("{reasons}", &reasons.join(", ")) },
            }
        })
        .collect();
    Ok(())
}
