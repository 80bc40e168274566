//! Régies: the directory and the page of each Régie.

mod api;
mod correction;
mod detail;
#[cfg(feature = "ssr")]
mod figures;
mod list;
#[cfg(feature = "ssr")]
mod network;
#[cfg(feature = "ssr")]
mod presentation;

pub use api::{directory, get_regie};
pub use correction::{report_correction, CorrectionOutcome, ReportCorrection, CORRECTION_URL};
pub use detail::RegiePage;
pub use list::RegieListPage;

use atlas_core::regie::Verification;
use leptos::prelude::*;

use crate::i18n::use_texts;

/// The "à vérifier / vérifiée" badge, identical in the list and on the page.
#[component]
pub fn VerificationBadge(v: Verification) -> impl IntoView {
    let t = use_texts();
    let (class, label) = match v {
        Verification::AVerifier => ("badge badge-warn", t.status_unverified),
        Verification::Verifiee => ("badge badge-ok", t.status_verified),
    };
    view! { <span class=class>{label}</span> }
}
