//! "Signaler une correction": the form on a Régie's page and the server function that records it.

use atlas_core::correction::{CorrectionError, CorrectionTopic};
use leptos::form::ActionForm;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::i18n::{use_texts, Texts};

/// What the server answers to a well-formed request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CorrectionOutcome {
    /// Recorded under this number (acknowledged only once committed).
    Recorded { id: i64 },
    /// Not recorded; every problem of the form, in form order (HTTP 422).
    Refused(Vec<CorrectionError>),
}

/// `POST /api/signaler-correction` (form-encoded: `regie`, `sujet`, `message`, `contact`).
/// Rate-limited and same-origin-checked by the server's middleware, like every write.
#[server(endpoint = "signaler-correction")]
pub async fn report_correction(
    regie: String,
    sujet: String,
    message: String,
    #[server(default)] contact: String,
) -> Result<CorrectionOutcome, ServerFnError> {
    use crate::error::{db_error, pool, set_status};
    use atlas_core::correction::Correction;
    let correction = match Correction::validate(&sujet, &message, &contact) {
        Ok(c) => c,
        Err(errors) => {
            set_status(http::StatusCode::UNPROCESSABLE_ENTITY);
            return Ok(CorrectionOutcome::Refused(errors));
        }
    };
    let pool = pool()?;
    match super::queries::insert_correction(&pool, &regie, &correction).await.map_err(db_error)? {
        Some(id) => {
            tracing::info!(id, regie = %regie, sujet = correction.topic.code(), "correction recorded");
            Ok(CorrectionOutcome::Recorded { id })
        }
        None => {
            crate::error::set_not_found();
            Err(ServerFnError::new("aucune Régie ne correspond à cette fiche"))
        }
    }
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

/// The form, folded under its title so the page stays short on a phone. Works with and without
/// the wasm (a plain form POST); the outcome is announced to screen readers.
#[component]
pub fn CorrectionForm(slug: String, pending: i64) -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<ReportCorrection>::new();
    let outcome = action.value();
    let pending_now = move || pending + i64::from(matches!(outcome.get(), Some(Ok(CorrectionOutcome::Recorded { .. }))));
    view! {
        <details class="correction" id="corriger">
            <summary>{t.correction_title}</summary>
            <p>{t.correction_intro}</p>
            <ActionForm action=action>
                <input type="hidden" name="regie" value=slug />
                <label for="correction-sujet">{t.correction_topic}</label>
                <select id="correction-sujet" name="sujet" required>
                    <option value="">{t.correction_topic_choose}</option>
                    {CorrectionTopic::ALL.into_iter().map(|topic| view! {
                        <option value=topic.code()>{topic_label(t, topic)}</option>
                    }).collect_view()}
                </select>
                <label for="correction-message">{t.correction_message}</label>
                <textarea id="correction-message" name="message" rows="4" required
                    minlength="10" maxlength="2000" aria-describedby="correction-message-aide"></textarea>
                <p class="help" id="correction-message-aide">{t.correction_message_hint}</p>
                <label for="correction-contact">{t.correction_contact}</label>
                <input id="correction-contact" name="contact" type="email" autocomplete="email" maxlength="254" />
                <p class="help">{t.correction_privacy}</p>
                <button type="submit" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.correction_sending } else { t.correction_submit }}
                </button>
            </ActionForm>
            <div role="status" class="correction-outcome">
                {move || match outcome.get() {
                    Some(Ok(CorrectionOutcome::Recorded { id })) => view! {
                        <p class="notice ok">{t.correction_thanks.replace("{id}", &id.to_string())}</p>
                    }.into_any(),
                    Some(Ok(CorrectionOutcome::Refused(errors))) => view! {
                        <div class="alert">
                            <p>{t.correction_errors}</p>
                            <ul>{errors.into_iter().map(|e| view! { <li>{error_text(t, e)}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any(),
                    Some(Err(e)) => view! { <crate::error::ErrorNotice error=e /> }.into_any(),
                    None => ().into_any(),
                }}
            </div>
        </details>
        {move || (pending_now() > 0).then(|| view! {
            <p class="help">{t.correction_pending.replace("{n}", &pending_now().to_string())}</p>
        })}
    }
}
