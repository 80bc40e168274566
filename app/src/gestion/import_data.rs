//! What `/reseau/imports` needs from the server, already in the page's language: the imports,
//! or one of them with its report and, while it runs, its progress.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::import_texts::ImportTexts;

/// One import as the page shows it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JobView {
    pub id: i64,
    pub kind: String,
    pub file_name: String,
    /// `atlas_core::import_job::ImportStatus` code (`analyse`, `en_cours`…) and its words.
    pub status: String,
    pub status_label: String,
    pub byline: String,
    pub read: usize,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// (line, reason) of each refused line, in file order.
    pub rejected: Vec<(usize, String)>,
    pub done: u64,
    pub total: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportsData {
    pub texts: ImportTexts,
    /// (code, message) of the refusals the forms may come back with.
    pub messages: Vec<(String, String)>,
    pub signed_in: bool,
    pub network: bool,
    /// (code, label) of the kinds of file.
    pub kinds: Vec<(String, String)>,
    /// The latest imports (the list), or the one asked (`job`).
    pub jobs: Vec<JobView>,
    pub job: Option<JobView>,
}

impl ImportsData {
    pub fn message(&self, code: &str) -> Option<String> {
        self.messages.iter().find(|(c, _)| c == code).map(|(_, m)| m.clone())
    }
}

/// `lot`: one import (its report, its progress while it runs); without it, the latest imports.
#[server(endpoint = "reseau/imports")]
pub async fn imports_page(#[server(default)] lot: Option<i64>, #[server(default)] langue: String) -> Result<ImportsData, ServerFnError> {
    use crate::error::{actor, atlas, fail};
    use atlas_core::account::Role;
    use atlas_core::import_job::ImportKind;
    use atlas_service::import::jobs;
    use atlas_service::{Actor, Code, Error};
    use super::import_texts::T;

    let locale = crate::i18n::Locale::from_lang(&langue).unwrap_or_else(crate::i18n::request_locale);
    let atlas = atlas()?;
    let actor = actor();
    let mut data = ImportsData { texts: ImportTexts::of(locale), ..Default::default() };
    for code in [Code::TooLarge, Code::InvalidParameter, Code::MissingParameter, Code::Conflict, Code::NotFound, Code::Forbidden, Code::MalformedRequest, Code::TooManyRequests] {
        data.messages.push((code.name().to_owned(), Error::with(code, "").message(locale).trim_end_matches([' ', ':']).to_owned()));
    }
    data.signed_in = matches!(actor, Actor::Account { .. });
    data.network = actor.has(&Role::NetworkAdmin);
    if !data.signed_in || !data.network {
        crate::error::set_status(if data.signed_in { 403 } else { 401 });
        return Ok(data);
    }
    data.kinds = ImportKind::ALL.iter().map(|k| (k.code().to_owned(), k.label(locale).to_owned())).collect();
    let texts = data.texts.clone();
    let view = |j: jobs::Job| {
        let who = j.author.map(|a| format!("« {a} »")).unwrap_or_else(|| texts.get(T::Someone));
        let when = locale.date(&atlas_service::account::profile::iso_date(j.created_at));
        JobView {
            id: j.id,
            kind: j.kind.label(locale).to_owned(),
            file_name: j.file_name,
            status: j.status.code().to_owned(),
            status_label: j.status.label(locale).to_owned(),
            byline: texts.get(T::ByOn).replace("{who}", &who).replace("{date}", &when),
            read: j.report.read,
            inserted: j.report.inserted,
            updated: j.report.updated,
            unchanged: j.report.unchanged,
            rejected: j.report.rejected.into_iter().map(|r| (r.line, r.problem.text(locale))).collect(),
            done: j.done,
            total: j.total,
        }
    };
    match lot {
        Some(id) => match jobs::job(&atlas, &actor, id).await {
            Ok(j) => data.job = Some(view(j)),
            Err(e) => {
                crate::error::set_status(e.status());
                return Err(fail(e));
            }
        },
        None => data.jobs = jobs::list(&atlas, &actor).await.map_err(fail)?.into_iter().map(view).collect(),
    }
    Ok(data)
}
