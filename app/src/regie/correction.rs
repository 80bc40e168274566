//! "Signaler une correction": the form on a Régie's page and the server function that records it.
//!
//! The form is plain HTML posting to the server function: no wasm is involved (the bundle stays
//! smaller, and the form works the same without JavaScript). The server answers a browser with a
//! redirect to the page, the outcome in the URL; other clients get JSON and a status.

pub use atlas_core::correction::CorrectionOutcome;
use atlas_core::correction::{CorrectionError, CorrectionTopic};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::{use_texts, Texts};

/// Where the form posts: the server function's own path (under `WRITE_PREFIX`, hence rate-limited).
pub const CORRECTION_URL: &str = <ReportCorrection as leptos::server_fn::ServerFn>::PATH;

/// `POST /api/ecriture/signaler-correction` (form-encoded: `regie`, `sujet`, `message`, `contact`, `langue`).
/// Rate-limited and same-origin-checked by the server's middleware, like every write.
#[server(endpoint = "ecriture/signaler-correction")]
pub async fn report_correction(
    regie: String,
    sujet: String,
    message: String,
    #[server(default)] contact: String,
    // The language of the page the form was on: the browser is sent back to that page.
    #[server(default)] langue: String,
) -> Result<CorrectionOutcome, ServerFnError> {
    use crate::error::{actor, atlas, fail, set_status};
    use atlas_core::text::percent_encode as encode;
    let locale = if langue == crate::i18n::Locale::En.lang() { crate::i18n::Locale::En } else { crate::i18n::Locale::Fr };
    let page = locale.path(&format!("/regies/{}", encode(&regie)));
    let outcome =
        atlas_service::correction::report(&atlas()?, &actor(), &regie, &sujet, &message, &contact).await.map_err(fail)?;
    match &outcome {
        CorrectionOutcome::Recorded { id } => leptos_axum::redirect(&format!("{page}?correction={id}#corriger")),
        CorrectionOutcome::Refused(errors) => {
            set_status(422);
            // The message comes back to be corrected; the contact address stays out of URLs (logs).
            let codes: Vec<&str> = errors.iter().map(|e| e.code()).collect();
            let keep: String = message.chars().take(atlas_core::correction::MESSAGE_MAX_CHARS).collect();
            leptos_axum::redirect(&format!(
                "{page}?correction=refusee&erreurs={}&sujet={}&message={}#corriger",
                codes.join(","),
                encode(&sujet),
                encode(&keep)
            ));
        }
    }
    Ok(outcome)
}

fn topic_label(t: &Texts, topic: CorrectionTopic) -> &'static str {
    match topic {
        CorrectionTopic::Coordonnees => t.correction_topic_coordonnees,
        CorrectionTopic::Activites => t.correction_topic_activites,
        CorrectionTopic::Quartiers => t.correction_topic_quartiers,
        CorrectionTopic::Fermeture => t.correction_topic_fermeture,
        CorrectionTopic::Autre => t.correction_topic_autre,
    }
}

fn error_text(t: &Texts, e: CorrectionError) -> &'static str {
    match e {
        CorrectionError::UnknownTopic => t.correction_err_topic,
        CorrectionError::MessageTooShort => t.correction_err_short,
        CorrectionError::MessageTooLong => t.correction_err_long,
        CorrectionError::ContactInvalid => t.correction_err_contact,
    }
}

/// The form, folded under its title so the page stays short on a phone, open when the URL
/// carries the outcome of a post (then announced to screen readers).
#[component]
pub fn CorrectionForm(slug: String, pending: i64) -> impl IntoView {
    let t = use_texts();
    let query = use_query_map().get_untracked();
    let recorded = query.get("correction").and_then(|v| v.parse::<i64>().ok());
    let errors: Vec<CorrectionError> = query
        .get("erreurs")
        .map(|codes| codes.split(',').filter_map(CorrectionError::parse).collect())
        .unwrap_or_default();
    let chosen = query.get("sujet").unwrap_or_default();
    let message = query.get("message").unwrap_or_default();
    let open = recorded.is_some() || !errors.is_empty();
    view! {
        <details class="correction" id="corriger" open=open>
            <summary>{t.correction_title}</summary>
            {recorded.map(|id| view! {
                <p class="notice ok" role="status">{t.correction_thanks.replace("{id}", &id.to_string())}</p>
            })}
            {(!errors.is_empty()).then(|| view! {
                <div class="alert" role="alert">
                    <p>{t.correction_errors}</p>
                    <ul>{errors.iter().map(|e| view! { <li>{error_text(t, *e)}</li> }).collect_view()}</ul>
                </div>
            })}
            <p>{t.correction_intro}</p>
            <form method="post" action=CORRECTION_URL>
                <input type="hidden" name="regie" value=slug />
                <input type="hidden" name="langue" value=t.locale.lang() />
                <label for="correction-sujet">{t.correction_topic}</label>
                <select id="correction-sujet" name="sujet" required>
                    <option value="">{t.correction_topic_choose}</option>
                    {CorrectionTopic::ALL.into_iter().map(|topic| view! {
                        <option value=topic.code() selected=chosen == topic.code()>{topic_label(t, topic)}</option>
                    }).collect_view()}
                </select>
                <label for="correction-message">{t.correction_message}</label>
                <textarea id="correction-message" name="message" rows="4" required
                    minlength="10" maxlength="2000" aria-describedby="correction-message-aide">{crate::textarea::initial(message)}</textarea>
                <p class="help" id="correction-message-aide">{t.correction_message_hint}</p>
                <label for="correction-contact">{t.correction_contact}</label>
                <input id="correction-contact" name="contact" type="email" autocomplete="email" maxlength="254" />
                <p class="help">{t.correction_privacy}</p>
                <button type="submit" class="button">{t.correction_submit}</button>
            </form>
        </details>
        {(pending > 0).then(|| view! {
            <p class="help">{t.correction_pending.replace("{n}", &pending.to_string())}</p>
        })}
    }
}
