//! What waits for a Régie's team, on its `/gestion` page: the inhabitants' reports and proposals
//! to answer (reopened first, then the oldest new ones) and what awaits moderation in its space.
//! A few of each are listed, with the way to the whole inbox and queue. Each line opens the item,
//! where its status, the answer templates and the moderation acts are.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::data::GestionData;
use super::texts::T;
use crate::i18n::Texts;

/// How many lines of each list the page shows.
pub const SHOWN: usize = 5;

/// One list of what waits: how many in all, and the first few.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    pub total: usize,
    /// (item id, title, « QPV · date »).
    pub lines: Vec<(i64, String, String)>,
}

/// The items of the Régie's QPVs waiting for an answer, and its moderation queue.
#[cfg(feature = "ssr")]
pub async fn load(
    db: &atlas_service::db::Database,
    actor: &atlas_service::Actor,
    slug: &str,
    regie: i64,
    locale: atlas_core::locale::Locale,
) -> Result<(Waiting, Waiting), atlas_core::error::Error> {
    use atlas_core::participation::view::{Filter, Sort};
    use atlas_core::participation::Status;
    let day = |ms: i64| locale.date(&atlas_service::account::profile::iso_date(ms));
    let mut to_answer = Waiting::default();
    // Reopened first (someone came back), then the new ones waiting longest.
    for (status, sort) in [(Status::Rouvert, Sort::Recent), (Status::Nouveau, Sort::Unanswered)] {
        let filter = Filter { regie: Some(slug.to_owned()), status: Some(status), sort, page: 1, ..Default::default() };
        let page = atlas_service::participation::list(db, actor, &filter).await?;
        to_answer.total += page.total;
        let room = SHOWN.saturating_sub(to_answer.lines.len());
        to_answer.lines.extend(page.items.into_iter().take(room).map(|i| (i.id, i.title, format!("{} · {}", i.qpv_name, day(i.created_at)))));
    }
    let (total, queue) = atlas_service::moderation::read::queue_of(db, actor, regie, SHOWN as i64).await?;
    let to_moderate = Waiting {
        total,
        lines: queue.into_iter().map(|e| (e.item_id, e.item_title, format!("{} · {}", e.qpv_name, day(e.at)))).collect(),
    };
    Ok((to_answer, to_moderate))
}

/// The section: two lists, each with its count and the way to all of it, then the team's link.
pub fn daily_work(d: &GestionData, t: &Texts) -> impl IntoView {
    let list = |id: &'static str, heading: T, count: T, none: T, all: T, all_href: String, waiting: &Waiting| {
        let title = match waiting.total {
            0 => d.texts.get(heading),
            n => format!("{} ({})", d.texts.get(heading), d.texts.get(count).replace("{n}", &n.to_string())),
        };
        let lines = waiting
            .lines
            .iter()
            .map(|(item, title, about)| {
                view! { <li><a href=t.locale.path(&format!("/participation/{item}"))>{title.clone()}</a> <span class="meta">{about.clone()}</span></li> }
            })
            .collect_view();
        view! {
            <div class="waiting">
                <h3 id=id>{title}</h3>
                {(waiting.total == 0).then(|| view! { <p>{d.texts.get(none)}</p> })}
                <ul class="waiting-list">{lines}</ul>
                <p><a href=all_href>{d.texts.get(all)}</a></p>
            </div>
        }
    };
    view! {
        <section class="account-section daily-work" aria-labelledby="quotidien">
            <h2 id="quotidien">{d.texts.get(T::DailyWork)}</h2>
            {list("a-repondre", T::InboxLink, T::ToAnswer, T::NothingToAnswer, T::WholeInbox,
                t.locale.path(&format!("/participation?regie={}", d.slug)), &d.to_answer)}
            {list("a-moderer", T::ModerationLink, T::ToModerate, T::NothingToModerate, T::WholeQueue,
                t.locale.path("/participation/moderation"), &d.to_moderate)}
            {d.team_admin.then(|| view! {
                <p><a class="button secondary" href=format!("{}#equipe-{}", t.locale.path("/compte"), d.slug)>{d.texts.get(T::TeamLink)}</a></p>
            })}
        </section>
    }
}
