//! Participation as the pages show it: the rows of a list, an item's page with its history and
//! comments, and what the person looking may do there. Computed by the service, shown by the app.

use serde::{Deserialize, Serialize};

use super::clock::AnswerClock;
use super::{Category, Kind, Problem, Status};

/// A form's outcome: done (with what was made), or refused with every problem (HTTP 422).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Outcome<T> {
    Done(T),
    Refused(Vec<Problem>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemSummary {
    pub id: i64,
    pub kind: Kind,
    pub category: Category,
    pub status: Status,
    pub title: String,
    pub qpv_code: String,
    pub qpv_name: String,
    /// Unix ms.
    pub created_at: i64,
    pub supporters: i64,
    pub comments: i64,
    /// Demonstration content, labelled as such.
    pub demo: bool,
    /// (lat, lon), when the item was placed at a point: the list's map.
    pub point: Option<(f64, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub status: Status,
    /// The Régie that set it (`None`: a supporter reopened it).
    pub regie: Option<String>,
    pub message: String,
    pub partner: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// `None`: the account was deleted.
    pub author: Option<String>,
    /// Written as the staff of this Régie.
    pub regie: Option<String>,
    /// `None` when deleted by its author or hidden (then `hidden`).
    pub body: Option<String>,
    pub hidden: Option<crate::moderation::Hidden>,
    pub created_at: i64,
    pub edited: bool,
    /// The viewer wrote it, and may still edit it (15 minutes).
    pub mine: bool,
    pub editable: bool,
}

/// A Régie as an item's page names it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegieRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemDetail {
    pub summary: ItemSummary,
    /// `None` when hidden (then `hidden`).
    pub body: Option<String>,
    pub hidden: Option<crate::moderation::Hidden>,
    /// A duplicate merged into this item (its number and title).
    pub merged_into: Option<(i64, String)>,
    pub point: Option<(f64, f64)>,
    /// `None`: the author's account was deleted (or the item was filed for an inhabitant).
    pub author: Option<String>,
    /// « Déposé par la Régie pour un habitant »: that Régie's name.
    pub filed_by: Option<String>,
    pub history: Vec<HistoryEntry>,
    /// One page of threads (`comment_paging` says which).
    pub comments: Vec<CommentView>,
    pub comment_paging: super::threads::CommentPaging,
    /// The Régies that cover the QPV (each may answer).
    pub regies: Vec<RegieRef>,
    pub photos: Vec<PhotoRef>,
    pub viewer: Viewer,
}

/// A stored photo: `/participation/photos/{id}.jpg`, its thumbnail `{id}-vignette.jpg`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoRef {
    pub id: i64,
    pub width: u32,
    pub height: u32,
    /// Hidden by moderation (a face, a number plate): the reason, shown in its place.
    pub hidden: Option<String>,
}

/// What the person looking at an item may do there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub signed_in: bool,
    pub supports: bool,
    pub is_author: bool,
    /// The viewer's Régies that may answer it (staff of a Régie covering the QPV).
    pub answers_for: Vec<RegieRef>,
    pub may_moderate: bool,
    /// Signed in, not its author, not suspended here: may flag the item.
    pub may_flag: bool,
    /// Signed in, not suspended here: may flag the comments of others.
    pub may_flag_comments: bool,
    pub may_reopen: bool,
    /// The answer templates of the Régies the viewer answers for: (Régie slug, title, text).
    pub templates: Vec<(String, String, String)>,
}

/// What a list shows, and how.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub kind: Option<Kind>,
    pub category: Option<Category>,
    pub status: Option<Status>,
    pub qpv: Option<String>,
    pub commune: Option<String>,
    /// The QPVs of this Régie's coverage.
    pub regie: Option<String>,
    pub sort: Sort,
    /// The page of the list, from 1 (`PAGE_SIZE` items a page).
    pub page: usize,
}

/// One page of a list, with what the whole list holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ListPage {
    pub items: Vec<ItemSummary>,
    /// Every item matching the filter, all pages.
    pub total: usize,
    pub by_status: Vec<(Status, usize)>,
    pub page: usize,
    pub pages: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Recent,
    MostSupported,
    Unanswered,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Recent, Sort::MostSupported, Sort::Unanswered];

    pub fn code(self) -> &'static str {
        match self {
            Self::Recent => "recents",
            Self::MostSupported => "soutenus",
            Self::Unanswered => "sans-reponse",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A territory's participation over the last year, as élus read it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TerritoryParticipation {
    pub items: usize,
    pub by_status: Vec<(Status, usize)>,
    /// The most frequent categories, most frequent first (at most 3).
    pub top_categories: Vec<(Category, usize)>,
    /// Over the territory's items: the share answered within 7 days, the median first answer.
    pub clock: AnswerClock,
}
