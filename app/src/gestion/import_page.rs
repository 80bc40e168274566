//! `/reseau/imports`: the network uploads a file, reads its check (every refused line with its
//! number), confirms, and follows the import's progress bar. Plain HTML forms: without
//! JavaScript, the progress shows on each refresh (a link says so); with it, the page follows
//! the import by itself.

use leptos::prelude::*;

use super::import_data::{imports_page, ImportsData, JobView};
use super::import_texts::T;
use super::{frame, param, IMPORT_ABANDON_URL, IMPORT_START_URL, IMPORT_URL};
use crate::error::ErrorNotice;
use crate::i18n::use_texts;

pub fn imports_view() -> AnyView {
    let t = use_texts();
    let lot = param("lot").parse::<i64>().ok();
    let langue = t.locale.lang().to_owned();
    let data = Resource::new(move || lot, move |lot| imports_page(lot, langue.clone()));
    view! {
        // A Transition keeps the page while the progress is fetched again.
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => {
                        follow(&d, data);
                        body(d)
                    }
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Transition>
    }
    .into_any()
}

/// While the import runs, its state is fetched again every half second (in the browser).
fn follow(d: &ImportsData, data: Resource<Result<ImportsData, ServerFnError>>) {
    let running = d.job.as_ref().is_some_and(|j| j.status == "en_cours");
    #[cfg(feature = "hydrate")]
    if running {
        set_timeout(move || data.refetch(), std::time::Duration::from_millis(500));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (running, data);
}

fn body(d: ImportsData) -> AnyView {
    let t = use_texts();
    let title = d.texts.get(T::Title);
    if let Some(refused) = super::network_only(d.signed_in, d.network, &title, [d.texts.get(T::SignInFirst), d.texts.get(T::SignIn), d.texts.get(T::NetworkOnly)], "/reseau/imports") {
        return refused;
    }
    let error = d.message(&param("erreur")).map(|m| view! { <div class="alert" role="alert"><p>{m}</p></div> });
    let content = match d.job.clone() {
        Some(job) => job_body(&d, job),
        None => list_body(&d),
    };
    let back = view! {
        <p class="breadcrumb"><a href=t.locale.path("/reseau")>{d.texts.get(T::NetworkAdmin)}</a></p>
    };
    frame(title, view! { {back} {error} {content} }.into_any())
}

fn list_body(d: &ImportsData) -> AnyView {
    let t = use_texts();
    let lot = |id: i64| format!("{}?lot={id}", t.locale.path("/reseau/imports"));
    view! {
        <p>{d.texts.get(T::Intro)}</p>
        <form method="post" action=IMPORT_URL enctype="multipart/form-data" class="profile-form">
            <input type="hidden" name="langue" value=t.locale.lang() />
            <fieldset>
                <legend>{d.texts.get(T::Kind)}</legend>
                <ul class="checkboxes">
                    {d.kinds.iter().enumerate().map(|(i, (code, label))| {
                        let id = format!("type-{code}");
                        view! { <li><input type="radio" id=id.clone() name="type" value=code.clone() checked={i == 0} /><label for=id>{label.clone()}</label></li> }
                    }).collect_view()}
                </ul>
            </fieldset>
            <div class="field">
                <label for="fichier">{d.texts.get(T::File)}</label>
                <p class="help" id="fichier-aide">{d.texts.get(T::FileHint)}</p>
                <input type="file" id="fichier" name="fichier" accept=".csv,text/csv" required=true aria-describedby="fichier-aide" />
            </div>
            <button type="submit">{d.texts.get(T::Check)}</button>
        </form>
        <section class="account-section" aria-labelledby="derniers-imports">
            <h2 id="derniers-imports">{d.texts.get(T::Latest)}</h2>
            {d.jobs.is_empty().then(|| view! { <p>{d.texts.get(T::None)}</p> })}
            <ul class="imports">
                {d.jobs.iter().map(|j| view! {
                    <li class=format!("import status-{}", j.status)>
                        <a href=lot(j.id)>{j.file_name.clone()}</a>
                        " · " {j.kind.clone()} " · " <strong>{j.status_label.clone()}</strong>
                        <br /><span class="byline">{j.byline.clone()}</span>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

fn job_body(d: &ImportsData, j: JobView) -> AnyView {
    let t = use_texts();
    let status = j.status.as_str();
    let intro = match status {
        "analyse" => Some((d.texts.get(T::CheckedIntro), "notice")),
        "refuse" => Some((d.texts.get(T::RejectedIntro), "alert")),
        "importe" => Some((d.texts.get(T::Done), "notice ok")),
        "interrompu" => Some((d.texts.get(T::InterruptedIntro), "alert")),
        "echec" => Some((d.texts.get(T::FailedIntro), "alert")),
        "abandonne" => Some((d.texts.get(T::Abandoned), "notice")),
        _ => None,
    }
    .map(|(text, class)| view! { <p class=class>{text}</p> });
    // Full once imported: the bar that moved says where it ended.
    let progress = matches!(status, "en_cours" | "importe").then(|| {
        let rows = d.texts.get(T::Rows).replace("{done}", &j.done.to_string()).replace("{total}", &j.total.to_string());
        let here = format!("{}?lot={}", t.locale.path("/reseau/imports"), j.id);
        view! {
            <div class="import-progress">
                <label for="progression">{d.texts.get(T::Progress)}</label>
                <progress id="progression" max=j.total.max(1).to_string() value=j.done.to_string()>{rows.clone()}</progress>
                <p aria-live="polite">{rows}</p>
                {(status == "en_cours").then(|| view! { <p><a href=here>{d.texts.get(T::Refresh)}</a></p> })}
            </div>
        }
    });
    let actions = matches!(status, "analyse" | "interrompu").then(|| {
        let start = d.texts.get(if status == "analyse" { T::Start } else { T::Restart });
        view! {
            <div class="import-actions">
                <form method="post" action=IMPORT_START_URL>
                    <input type="hidden" name="lot" value=j.id.to_string() />
                    <input type="hidden" name="langue" value=t.locale.lang() />
                    <button type="submit">{start}</button>
                </form>
                <form method="post" action=IMPORT_ABANDON_URL>
                    <input type="hidden" name="lot" value=j.id.to_string() />
                    <input type="hidden" name="langue" value=t.locale.lang() />
                    <button type="submit" class="secondary">{d.texts.get(T::Abandon)}</button>
                </form>
            </div>
        }
    });
    let (added, updated) = if status == "analyse" { (T::WouldAdd, T::WouldUpdate) } else { (T::Added, T::Updated) };
    let counts = [(T::Read, j.read), (added, j.inserted), (updated, j.updated), (T::Unchanged, j.unchanged), (T::Rejected, j.rejected.len())];
    view! {
        <section aria-labelledby="import-titre">
            <h2 id="import-titre">{j.file_name.clone()} " · " {j.kind.clone()}</h2>
            <p class="byline">{j.byline.clone()}</p>
            <p class=format!("import-status status-{status}") role="status"><strong>{j.status_label.clone()}</strong></p>
            {intro}
            {progress}
            {actions}
            <h3>{d.texts.get(T::Report)}</h3>
            <dl class="import-counts">
                {counts.into_iter().map(|(label, n)| view! { <div><dt>{d.texts.get(label)}</dt><dd>{n}</dd></div> }).collect_view()}
            </dl>
            {(!j.rejected.is_empty()).then(|| view! {
                <table class="rejected">
                    <caption>{d.texts.get(T::Rejected)}</caption>
                    <thead><tr><th scope="col">{d.texts.get(T::Line)}</th><th scope="col">{d.texts.get(T::Reason)}</th></tr></thead>
                    <tbody>
                        {j.rejected.iter().map(|(line, reason)| view! { <tr><th scope="row">{*line}</th><td>{reason.clone()}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            })}
            <p><a href=t.locale.path("/reseau/imports")>{d.texts.get(T::Back)}</a></p>
        </section>
    }
    .into_any()
}
