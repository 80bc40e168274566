//! `/reseau`: the network's administration. The requests to keep a Régie's entry, each with
//! « Accepter » and « Refuser » (the person is mailed either way); the Régies proposed by their
//! teams, each with the entries it may duplicate, « Accepter » or « Refuser »; then the entries nobody
//! changed or verified for a year, each linked to its `/gestion` form; the readers' corrections,
//! each marked « Appliquée » or « Rejetée »; the QPVs Régies declare, each « Confirmer »; links
//! to the imports, the change log, the people, the form to add a Régie.

use leptos::prelude::*;

use super::data::GestionData;
use super::texts::T;
use super::{frame, param, sign_in_first, CLAIM_URL, CONFIRM_URL, CORRECTION_URL, DECIDE_URL, PROPOSALS_URL};
use crate::i18n::use_texts;

pub fn network_body(d: GestionData) -> AnyView {
    let t = use_texts();
    if !d.signed_in {
        return frame(d.texts.get(T::NetworkTitle), sign_in_first(&d));
    }
    if !d.network {
        return frame(d.texts.get(T::NetworkTitle), view! { <p class="alert" role="alert">{d.texts.get(T::NetworkOnly)}</p> }.into_any());
    }
    let notice = match param("fait").as_str() {
        "acceptee" => Some(d.texts.get(T::Accepted)),
        "refusee" => Some(d.texts.get(T::RefusedNotice)),
        "correction" => Some(d.texts.get(T::CorrectionDone)),
        "confirmee" => Some(d.texts.get(T::CoverageConfirmed)),
        "proposition-acceptee" => Some(d.texts.get(T::ProposalAccepted)),
        "proposition-refusee" => Some(d.texts.get(T::ProposalRefused)),
        _ => None,
    }
    .map(|m| {
        let added = Some(param("regie")).filter(|s| !s.is_empty()).map(|slug| {
            view! { " " <a href=t.locale.path(&format!("/gestion/{slug}"))>{d.texts.get(T::ProposalOpen)}</a> }
        });
        view! { <p class="notice ok" role="status">{m}{added}</p> }
    });
    let error = d.message(&param("erreur")).map(|m| view! { <div class="alert" role="alert"><p>{m}</p></div> });
    let body = view! {
        {notice}
        {error}
        <p class="network-links">
            <a class="button secondary" href=t.locale.path("/reseau/imports")>{d.texts.get(T::ImportsLink)}</a>
            " "
            <a class="button secondary" href=t.locale.path("/reseau/journal")>{d.texts.get(T::AuditLink)}</a>
            " "
            <a class="button secondary" href=t.locale.path("/reseau/personnes")>{d.texts.get(T::PeopleLink)}</a>
            " "
            <a class="button secondary" href=t.locale.path("/reseau/nouvelle-regie")>{d.texts.get(T::CreateLink)}</a>
        </p>
        <section class="account-section" aria-labelledby="demandes">
            <h2 id="demandes">{d.texts.get(T::ClaimsHeading)}</h2>
            {d.claims.is_empty().then(|| view! { <p>{d.texts.get(T::ClaimsNone)}</p> })}
            <ul class="claims">
                {d.claims.iter().map(|(id, slug, name, who, message)| view! {
                    <li class="claim">
                        <h3><a href=t.locale.path(&format!("/regies/{slug}"))>{name.clone()}</a></h3>
                        <p>{who.clone()}</p>
                        {(!message.is_empty()).then(|| view! { <blockquote>{message.clone()}</blockquote> })}
                        {decide_form(&d, DECIDE_URL, "demande", *id)}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="account-section" aria-labelledby="propositions">
            <h2 id="propositions">{d.texts.get(T::ProposalsHeading)}</h2>
            {d.proposals.is_empty().then(|| view! { <p>{d.texts.get(T::ProposalsNone)}</p> })}
            <ul class="claims">
                {d.proposals.iter().map(|p| view! {
                    <li class="claim">
                        <h3>{p.name.clone()}</h3>
                        <p>{p.entry.clone()}</p>
                        <p>{p.from.clone()}</p>
                        {(!p.message.is_empty()).then(|| view! { <blockquote>{p.message.clone()}</blockquote> })}
                        {(!p.maybe.is_empty()).then(|| view! {
                            <p>{d.texts.get(T::ProposalMaybe)}</p>
                            <ul>
                                {p.maybe.iter().map(|(slug, name, why)| view! {
                                    <li><a href=t.locale.path(&format!("/regies/{slug}"))>{name.clone()}</a> " · " {why.clone()}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {decide_form(&d, PROPOSALS_URL, "proposition", p.id)}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="account-section" aria-labelledby="corrections">
            <h2 id="corrections">{d.texts.get(T::CorrectionsHeading)} " (" {d.corrections.len()} ")"</h2>
            {d.corrections.is_empty().then(|| view! { <p>{d.texts.get(T::CorrectionsNone)}</p> })}
            <ul class="claims">
                {d.corrections.iter().map(|c| view! {
                    <li class="claim">
                        <h3><a href=t.locale.path(&format!("/regies/{}", c.regie_slug))>{c.regie_name.clone()}</a></h3>
                        <p>{c.about.clone()}</p>
                        <blockquote>{c.message.clone()}</blockquote>
                        {c.contact.clone().map(|m| view! { <p>{d.texts.get(T::CorrectionContact)} " " <a href=format!("mailto:{m}")>{m.clone()}</a></p> })}
                        <p><a href=t.locale.path(&format!("/gestion/{}", c.regie_slug))>{d.texts.get(T::CorrectionEdit)}</a></p>
                        <form method="post" action=CORRECTION_URL class="decide">
                            <input type="hidden" name="correction" value=c.id.to_string() />
                            <input type="hidden" name="langue" value=t.locale.lang() />
                            <button type="submit" name="decision" value="appliquee">{d.texts.get(T::CorrectionApplied)}</button>
                            <button type="submit" name="decision" value="rejetee" class="button secondary">{d.texts.get(T::CorrectionRejected)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="account-section" aria-labelledby="couvertures">
            <h2 id="couvertures">{d.texts.get(T::DeclaredHeading)} " (" {d.declared.len()} ")"</h2>
            <p class="help">{d.texts.get(T::DeclaredIntro)}</p>
            {d.declared.is_empty().then(|| view! { <p>{d.texts.get(T::DeclaredNone)}</p> })}
            <ul class="claims">
                {d.declared.iter().map(|(slug, regie, code, qpv, note)| view! {
                    <li class="claim">
                        <h3><a href=t.locale.path(&format!("/regies/{slug}"))>{regie.clone()}</a></h3>
                        <p><a href=t.locale.path(&format!("/qpv/{code}"))>{qpv.clone()}</a> " " <span class="code">{code.clone()}</span></p>
                        {(!note.is_empty()).then(|| view! { <blockquote>{note.clone()}</blockquote> })}
                        <form method="post" action=CONFIRM_URL class="decide">
                            <input type="hidden" name="regie" value=slug.clone() />
                            <input type="hidden" name="qpv" value=code.clone() />
                            <input type="hidden" name="langue" value=t.locale.lang() />
                            <button type="submit">{d.texts.get(T::ConfirmCoverage)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="account-section" aria-labelledby="a-rafraichir">
            <h2 id="a-rafraichir">{d.texts.get(T::StaleHeading)} " (" {d.stale.len()} ")"</h2>
            <p class="help">{d.texts.get(T::StaleIntro)}</p>
            <ul class="stale">
                {d.stale.iter().map(|(slug, name, last)| view! {
                    <li><a href=t.locale.path(&format!("/gestion/{slug}"))>{name.clone()}</a> " · " {last.clone()}</li>
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any();
    frame(d.texts.get(T::NetworkTitle), body)
}

/// « Accepter » and « Refuser » for what waits for the network, by its number in `field`.
fn decide_form(d: &GestionData, url: &'static str, field: &'static str, id: i64) -> impl IntoView {
    view! {
        <form method="post" action=url class="decide">
            <input type="hidden" name=field value=id.to_string() />
            <input type="hidden" name="langue" value=use_texts().locale.lang() />
            <button type="submit" name="decision" value="accepter">{d.texts.get(T::Accept)}</button>
            <button type="submit" name="decision" value="refuser" class="button secondary">{d.texts.get(T::Refuse)}</button>
        </form>
    }
}

/// On `/gestion/<slug>` for a signed-in person without a role there: « Vous travaillez dans
/// cette Régie ? », or that their request waits.
pub fn claim_body(d: &GestionData, waiting: bool) -> AnyView {
    let t = use_texts();
    let sent = param("fait") == "demande";
    let error = d.message(&param("erreur")).filter(|_| param("erreur") != "interdit").map(|m| view! { <div class="alert" role="alert"><p>{m}</p></div> });
    let form = (!waiting).then(|| {
        view! {
            <form method="post" action=CLAIM_URL class="profile-form">
                <input type="hidden" name="regie" value=d.slug.clone() />
                <input type="hidden" name="langue" value=t.locale.lang() />
                <fieldset>
                    <legend>{d.texts.get(T::ClaimRole)}</legend>
                    <ul class="checkboxes">
                        <li><input type="radio" id="role-editeur" name="role" value="editeur" checked=true /><label for="role-editeur">{d.texts.get(T::RoleEditor)}</label></li>
                        <li><input type="radio" id="role-admin" name="role" value="administrateur" /><label for="role-admin">{d.texts.get(T::RoleAdmin)}</label></li>
                    </ul>
                </fieldset>
                <div class="field">
                    <label for="demande-message">{d.texts.get(T::ClaimMessage)}</label>
                    <textarea id="demande-message" name="message" rows="4" maxlength="1000"></textarea>
                </div>
                <button type="submit">{d.texts.get(T::ClaimSend)}</button>
            </form>
        }
    });
    view! {
        <section aria-labelledby="demander">
            <h2 id="demander">{d.texts.get(T::ClaimHeading)}</h2>
            {sent.then(|| view! { <p class="notice ok" role="status">{d.texts.get(T::ClaimSent)}</p> })}
            {error}
            {if waiting {
                view! { <p>{d.texts.get(T::ClaimWaiting)}</p> }.into_any()
            } else {
                view! { <p>{d.texts.get(T::ClaimIntro).replace("{regie}", &d.name)}</p> }.into_any()
            }}
            {form}
        </section>
    }
    .into_any()
}
