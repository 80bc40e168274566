//! An item's comments: one page of threads (a top-level comment and its replies), each with
//! what its author, the signed-in people and the moderators may do, and the comment form.

use atlas_core::participation::view::{CommentView, ItemDetail};
use atlas_core::participation::Field;
use leptos::prelude::*;

use super::forms::*;
use super::item_moderation::{charter_link, flag_form, hidden_text, moderator_tools};
use super::texts::{ParticipationTexts, T};
use super::{date, language_field, Refusals};
use crate::i18n::use_texts;

fn comment_view(x: &ParticipationTexts, item: &ItemDetail, c: &CommentView, reasons: &[(String, String)]) -> impl IntoView {
    let id = item.summary.id;
    let who = c.author.clone().unwrap_or_else(|| x.get(T::DeletedAccount));
    let text = match (&c.body, &c.hidden) {
        (_, Some(hidden)) => view! { <p class="help">{hidden_text(x, reasons, hidden)}</p> }.into_any(),
        (Some(body), None) => view! { <p>{body.clone()}</p> }.into_any(),
        (None, None) => view! { <p class="help">{x.get(T::CommentDeleted)}</p> }.into_any(),
    };
    let reply = (c.parent_id.is_none() && item.viewer.signed_in && item.hidden.is_none()).then(|| {
        let field = format!("reponse-{}", c.id);
        view! {
            <details class="reply">
                <summary>{x.get(T::ReplySubmit)}</summary>
                <form method="post" action=COMMENT_URL>
                    <input type="hidden" name="element" value=id />
                    <input type="hidden" name="parent" value=c.id />
                    {language_field()}
                    <label for=field.clone()>{x.get(T::ReplyLabel)}</label>
                    <textarea id=field name="texte" rows="2" required minlength="2" maxlength="2000"></textarea>
                    <button type="submit" class="button">{x.get(T::ReplySubmit)}</button>
                </form>
            </details>
        }
    });
    let own = (c.mine && c.body.is_some()).then(|| {
        let field = format!("modifier-{}", c.id);
        view! {
            {c.editable.then(|| view! {
                <details>
                    <summary>{x.get(T::Edit)}</summary>
                    <form method="post" action=EDIT_COMMENT_URL>
                        <input type="hidden" name="element" value=id />
                        <input type="hidden" name="commentaire" value=c.id />
                        {language_field()}
                        <label for=field.clone()>{x.get(T::CommentLabel)}</label>
                        <textarea id=field name="texte" rows="2" required minlength="2" maxlength="2000">{crate::textarea::initial(c.body.clone().unwrap_or_default())}</textarea>
                        <button type="submit" class="button">{x.get(T::EditSubmit)}</button>
                    </form>
                </details>
            })}
            <form method="post" action=DELETE_COMMENT_URL>
                <input type="hidden" name="element" value=id />
                <input type="hidden" name="commentaire" value=c.id />
                {language_field()}
                <button type="submit" class="link-button">{x.get(T::Delete)}</button>
            </form>
        }
    });
    let gone = c.body.is_none() && c.hidden.is_none();
    let moderate = (item.viewer.may_moderate && !gone).then(|| moderator_tools(x, id, "commentaire", c.id, c.hidden.is_some(), c.author.is_some() && !c.mine));
    let flag = (item.viewer.may_flag_comments && !c.mine && c.body.is_some()).then(|| flag_form(x, reasons, id, "commentaire", c.id));
    view! {
        <li class=if c.parent_id.is_some() { "comment reply-comment" } else { "comment" } id=format!("commentaire-{}", c.id)>
            <p class="help">
                <strong>{who}</strong>
                {c.regie.as_ref().map(|regie| view! { " "<span class="badge staff">{x.get(T::StaffMark).replace("{regie}", regie)}</span> })}
                " · "{date(c.created_at)}
                {c.edited.then(|| view! { " · "{x.get(T::Edited)} })}
            </p>
            {text}
            {own}
            {reply}
            {flag}
            {moderate}
        </li>
    }
}

pub fn comments_block(x: &ParticipationTexts, r: &Refusals, item: &ItemDetail, reasons: &[(String, String)]) -> impl IntoView {
    let id = item.summary.id;
    view! {
        <section id="commentaires" aria-labelledby="commentaires-titre">
            <h2 id="commentaires-titre">{x.get(T::Comments)}</h2>
            // The thread as a whole: what /js/direct.js replaces when comments arrive (the form
            // below, where one types, is never part of it).
            <div id="fil">
                {comment_pages(x, item)}
                {if item.comments.is_empty() {
                    view! { <p>{x.get(T::NoComment)}</p> }.into_any()
                } else {
                    view! { <ul class="plain comments">{item.comments.iter().map(|c| comment_view(x, item, c, reasons)).collect_view()}</ul> }.into_any()
                }}
            </div>
            {item.viewer.signed_in.then(|| view! {
                <form method="post" action=COMMENT_URL>
                    <input type="hidden" name="element" value=id />
                    {language_field()}
                    <label for="commentaire-texte">{x.get(T::CommentLabel)}</label>
                    <textarea id="commentaire-texte" name="texte" rows="3" required minlength="2" maxlength="2000" aria-invalid=r.on(Field::Comment)
                        aria-describedby=r.on(Field::Comment).map(|_| "commentaire-erreur")></textarea>
                    {r.next_to(Field::Comment, "commentaire-erreur")}
                    <button type="submit" class="button">{x.get(T::CommentSubmit)}</button>
                </form>
                {charter_link(x)}
            })}
        </section>
    }
}

/// Where this page of threads stands, and the links to the older and newer ones (the newest
/// come first to the eye: the conversation goes on next to the form).
fn comment_pages(x: &ParticipationTexts, item: &ItemDetail) -> impl IntoView {
    let t = use_texts();
    let p = item.comment_paging;
    let href = |n: usize| t.path(&format!("/participation/{}?commentaires={n}#commentaires", item.summary.id));
    (p.pages > 1).then(|| view! {
        <p class="help">{x.get(T::CommentsCount).replace("{n}", &p.total.to_string()).replace("{page}", &p.page.to_string()).replace("{pages}", &p.pages.to_string())}</p>
        <nav class="pagination" aria-label=x.get(T::CommentsPages)>
            {(p.page > 1).then(|| view! { <a class="button secondary" rel="prev" href=href(p.page - 1)>{x.get(T::CommentsOlder)}</a> })}
            " "
            {(p.page < p.pages).then(|| view! { <a class="button secondary" rel="next" href=href(p.page + 1)>{x.get(T::CommentsNewer)}</a> })}
        </nav>
    })
}
