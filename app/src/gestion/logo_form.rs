//! The logo or photo of a Régie, on its profile page: the image it has (if any), a form that
//! sends a new one (multipart: JPEG, PNG or WebP, shrunk and stripped of its metadata by the
//! server) and one that takes it out. Its refusal shows under its input.

use leptos::prelude::*;

use super::data::GestionData;
use super::texts::T;
use super::LOGO_URL;
use crate::i18n::use_texts;

pub fn logo_section(d: &GestionData, refused: Option<String>) -> impl IntoView {
    let t = use_texts();
    let invalid = refused.is_some().then_some("true");
    let described = if refused.is_some() { "logo-aide logo-erreur" } else { "logo-aide" };
    let current = d.logo.clone().map(|(src, width, height)| {
        view! {
            <img class="regie-logo" src=src width=width height=height alt=d.texts.get(T::LogoCurrent) />
            <form method="post" action=LOGO_URL enctype="multipart/form-data">
                <input type="hidden" name="regie" value=d.slug.clone() />
                <input type="hidden" name="action" value="retirer" />
                <input type="hidden" name="langue" value=t.locale.lang() />
                <button type="submit" class="secondary">{d.texts.get(T::LogoRemove)}</button>
            </form>
        }
    });
    view! {
        <section class="account-section" id="logo" aria-labelledby="logo-titre">
            <h2 id="logo-titre">{d.texts.get(T::LogoHeading)}</h2>
            {current}
            <form method="post" action=LOGO_URL enctype="multipart/form-data">
                <input type="hidden" name="regie" value=d.slug.clone() />
                <input type="hidden" name="action" value="envoyer" />
                <input type="hidden" name="langue" value=t.locale.lang() />
                <div class="field">
                    <label for="logo-fichier">{d.texts.get(T::LogoFile)}</label>
                    <p class="help" id="logo-aide">{d.texts.get(T::LogoHint)}</p>
                    <input id="logo-fichier" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby=described aria-invalid=invalid />
                    {refused.map(|m| view! { <p class="field-error" id="logo-erreur">{m}</p> })}
                </div>
                <button type="submit">{d.texts.get(T::LogoSend)}</button>
            </form>
        </section>
    }
}
