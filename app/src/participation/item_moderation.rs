//! Moderation on an item's page: why a content is not shown, the flag form for signed-in
//! people, and the moderators' acts (hide, restore, suspend the author, merge, hide a photo).

use atlas_core::moderation::Hidden;
use leptos::prelude::*;

use super::forms::HIDE_URL;
use super::moderation_forms::{FLAG_URL, MODERATE_URL};
use super::texts::{ParticipationTexts, T};
use super::language_field;
use crate::i18n::use_texts;

/// What is shown in place of a hidden content, in the page's language.
pub fn hidden_text(x: &ParticipationTexts, flag_reasons: &[(String, String)], hidden: &Hidden) -> String {
    match hidden {
        Hidden::ByModerator(reason) => x.get(T::HiddenBecause).replace("{reason}", reason),
        Hidden::ByFlags(r) => {
            let label = flag_reasons.iter().find(|(code, _)| code == r.code()).map(|(_, l)| l.clone()).unwrap_or_default();
            x.get(T::HiddenByFlags).replace("{n}", "3").replace("{reason}", &label)
        }
        Hidden::Held => x.get(T::HeldForReview),
    }
}

/// « Charte de participation », linked from every form.
pub fn charter_link(x: &ParticipationTexts) -> impl IntoView {
    let t = use_texts();
    view! { <p class="help"><a href=t.path("/participation/charte")>{x.get(T::CharterLink)}</a></p> }
}

/// The flag form of the item (`target` « element ») or of a comment.
pub fn flag_form(x: &ParticipationTexts, reasons: &[(String, String)], element: i64, target: &'static str, id: i64) -> impl IntoView {
    view! {
        <details class="moderation">
            <summary>{x.get(if target == "element" { T::FlagItem } else { T::FlagComment })}</summary>
            <form method="post" action=FLAG_URL>
                <input type="hidden" name="element" value=element />
                <input type="hidden" name="cible" value=target />
                <input type="hidden" name="id" value=id />
                {language_field()}
                <fieldset>
                    <legend>{x.get(T::FlagWhy)}</legend>
                    {reasons.iter().map(|(code, label)| view! {
                        <label class="choice"><input type="radio" name="motif" value=code.clone() required />" "{label.clone()}</label>
                    }).collect_view()}
                </fieldset>
                <p class="help">{x.get(T::FlagHelp).replace("{n}", "3")}</p>
                <button type="submit" class="button secondary">{x.get(T::FlagSubmit)}</button>
            </form>
            {charter_link(x)}
        </details>
    }
}

/// What a moderator's form acts on: the content (`target`, `id`) shown on item `element`'s page.
#[derive(Clone, Copy)]
struct On {
    element: i64,
    target: &'static str,
    id: i64,
}

/// One moderator's act as a small form with its public reason.
fn act_form(x: &ParticipationTexts, On { element, target, id }: On, act: &'static str, title: T, submit: T, merge: bool) -> impl IntoView {
    let field = format!("motif-{act}-{target}-{id}");
    let into = format!("vers-{target}-{id}");
    view! {
        <details class="moderation">
            <summary>{x.get(title)}</summary>
            <form method="post" action=MODERATE_URL>
                <input type="hidden" name="element" value=element />
                <input type="hidden" name="acte" value=act />
                <input type="hidden" name="cible" value=target />
                <input type="hidden" name="id" value=id />
                {language_field()}
                {merge.then(|| view! {
                    <label for=into.clone()>{x.get(T::ModerateMergeInto)}</label>
                    <input id=into name="vers" required inputmode="numeric" pattern="#?[0-9]+" maxlength="20" />
                })}
                <label for=field.clone()>{x.get(T::ModerateReason)}</label>
                <input id=field name="motif" required minlength="5" maxlength="1000" />
                <button type="submit" class="button secondary">{x.get(submit)}</button>
            </form>
        </details>
    }
}

/// The moderators' acts on the item or a comment: hide or restore, suspend its author (not
/// oneself: `may_suspend`), and for the item, merge it into a duplicate.
pub fn moderator_tools(x: &ParticipationTexts, element: i64, target: &'static str, id: i64, hidden: bool, may_suspend: bool) -> impl IntoView {
    let item = target == "element";
    let on = On { element, target, id };
    view! {
        {if hidden {
            act_form(x, on, "retabli", T::ModerateRestoreTitle, T::ModerateRestore, false).into_any()
        } else {
            hide_form(x, element, (!item).then_some(id), x.get(if item { T::ModerateItem } else { T::ModerateComment })).into_any()
        }}
        {may_suspend.then(|| act_form(x, on, "suspendu", T::ModerateSuspend, T::ModerateSuspendSubmit, false))}
        {(item && !hidden).then(|| act_form(x, on, "fusionne", T::ModerateMerge, T::ModerateMergeSubmit, true))}
    }
}

/// Hiding a single photo (a face, a number plate), the item still shown.
pub fn photo_tool(x: &ParticipationTexts, element: i64, photo: i64) -> impl IntoView {
    act_form(x, On { element, target: "photo", id: photo }, "masque", T::ModeratePhoto, T::ModerateSubmit, false)
}

pub fn hide_form(x: &ParticipationTexts, id: i64, comment: Option<i64>, title: String) -> impl IntoView {
    let field = format!("motif-{}", comment.map_or("element".to_owned(), |c| c.to_string()));
    view! {
        <details class="moderation">
            <summary>{title}</summary>
            <form method="post" action=HIDE_URL>
                <input type="hidden" name="element" value=id />
                {comment.map(|c| view! { <input type="hidden" name="commentaire" value=c /> })}
                {language_field()}
                <label for=field.clone()>{x.get(T::ModerateReason)}</label>
                <input id=field name="motif" required minlength="5" maxlength="1000" />
                <button type="submit" class="button secondary">{x.get(T::ModerateSubmit)}</button>
            </form>
        </details>
    }
}
