//! `/participation/journal?qpv=`: a QPV's public moderation log (each act undoable by its
//! moderators); `/participation/moderation`: a moderator's queue and word lists.

use leptos::prelude::*;
use leptos_meta::Title;

use super::data::{JournalLine, ParticipationData, QueueLine};
use super::moderation_forms::*;
use super::texts::{ParticipationTexts, T};
use super::{date, language_field, param, Refusals};
use crate::i18n::use_texts;

pub fn journal_view(d: ParticipationData) -> AnyView {
    let t = use_texts();
    let x = d.texts.clone();
    let Some((code, name)) = d.qpv.clone() else {
        return view! { <Title text=x.get(T::NotFound) /><h1>{x.get(T::NotFound)}</h1> }.into_any();
    };
    let r = Refusals::of(&d);
    let title = x.get(T::JournalTitle).replace("{qpv}", &name);
    view! {
        <Title text=title.clone() />
        <div class="participation-form">
        <h1>{title}</h1>
        {(param("modere") == "1").then(|| view! { <p class="notice ok" role="status">{x.get(T::ModerateDone)}</p> })}
        {r.alert(&d)}
        <p>{x.get(T::JournalIntro)}" "<a href=t.path("/participation/charte")>{x.get(T::Charter)}</a></p>
        <p><a href=t.path(&format!("/participation?qpv={code}"))>{x.get(T::ItemsHere)}</a></p>
        {if d.journal.is_empty() {
            view! { <p>{x.get(T::JournalEmpty)}</p> }.into_any()
        } else {
            view! { <ol class="plain history" id="journal">{d.journal.iter().map(|line| journal_line(&x, line, &code, d.may_moderate)).collect_view()}</ol> }.into_any()
        }}
        </div>
    }
    .into_any()
}

fn journal_line(x: &ParticipationTexts, line: &JournalLine, qpv: &str, may_undo: bool) -> impl IntoView {
    let t = use_texts();
    let field = format!("annuler-{}", line.id);
    view! {
        <li id=format!("acte-{}", line.id) class="card">
            <p><strong>{line.what.clone()}</strong>" · "{date(line.at)}" · "{line.who.clone()}
                {line.undoes.then(|| view! { " · "{x.get(T::JournalUndoes)} })}
                {line.undone.then(|| view! { " · "<span class="badge">{x.get(T::JournalUndone)}</span> })}
            </p>
            {(!line.why.is_empty()).then(|| view! { <p>{x.get(T::JournalWhy).replace("{reason}", &line.why)}</p> })}
            {line.item.as_ref().map(|(id, title)| {
                let label = if title.is_empty() { x.get(T::JournalHiddenItem) } else { title.clone() };
                view! { <p class="help">{x.get(T::JournalAbout)}<a href=t.path(&format!("/participation/{id}"))>{label}</a></p> }
            })}
            {(may_undo && !line.undone).then(|| view! {
                <details class="moderation">
                    <summary>{x.get(T::Undo)}</summary>
                    <form method="post" action=UNDO_URL>
                        <input type="hidden" name="acte" value=line.id />
                        <input type="hidden" name="qpv" value=qpv.to_owned() />
                        {language_field()}
                        <label for=field.clone()>{x.get(T::UndoReason)}</label>
                        <input id=field name="motif" required minlength="5" maxlength="1000" />
                        <button type="submit" class="button secondary">{x.get(T::UndoSubmit)}</button>
                    </form>
                </details>
            })}
        </li>
    }
}

pub fn queue_view(d: ParticipationData) -> AnyView {
    let x = d.texts.clone();
    let title = x.get(T::QueueTitle);
    if !d.may_moderate {
        return view! { <Title text=title.clone() /><h1>{title}</h1><p class="alert">{x.get(T::NotModerator)}</p> }.into_any();
    }
    let r = Refusals::of(&d);
    let saved = param("modere") == "1" || param("enregistre") == "1";
    view! {
        <Title text=title.clone() />
        <div class="participation-form">
        <h1>{title}</h1>
        {saved.then(|| view! { <p class="notice ok" role="status">{x.get(T::ModerateDone)}</p> })}
        {r.alert(&d)}
        <p>{x.get(T::QueueIntro)}</p>
        {if d.queue.is_empty() {
            view! { <p>{x.get(T::QueueEmpty)}</p> }.into_any()
        } else {
            view! { <ul class="plain" id="file">{d.queue.iter().map(|q| queue_line(&x, q)).collect_view()}</ul> }.into_any()
        }}
        <section id="mots" aria-labelledby="mots-titre">
            <h2 id="mots-titre">{x.get(T::Words)}</h2>
            <p class="help">{x.get(T::WordsHelp)}</p>
            {d.word_lists.iter().enumerate().map(|(n, list)| {
                let heading = match &list.regie {
                    Some((_, name)) => x.get(T::WordsOf).replace("{regie}", name),
                    None => x.get(T::WordsNetwork),
                };
                let field = format!("mot-{n}");
                view! {
                    <h3>{heading}</h3>
                    {if list.words.is_empty() {
                        view! { <p>{x.get(T::WordsNone)}</p> }.into_any()
                    } else {
                        view! { <ul class="plain">{list.words.iter().map(|(id, word)| view! {
                            <li>
                                <form method="post" action=REMOVE_WORD_URL>
                                    <input type="hidden" name="id" value=*id />
                                    {language_field()}
                                    {word.clone()}" "
                                    <button type="submit" class="link-button">{x.get(T::WordRemove).replace("{word}", word)}</button>
                                </form>
                            </li>
                        }).collect_view()}</ul> }.into_any()
                    }}
                    <form method="post" action=ADD_WORD_URL>
                        <input type="hidden" name="regie" value=list.regie.as_ref().map(|(slug, _)| slug.clone()).unwrap_or_default() />
                        {language_field()}
                        <label for=field.clone()>{x.get(T::WordAdd)}</label>
                        <input id=field name="mot" required minlength="2" maxlength="60" />
                        <button type="submit" class="button secondary">{x.get(T::WordAddSubmit)}</button>
                    </form>
                }
            }).collect_view()}
        </section>
        </div>
    }
    .into_any()
}

fn queue_line(x: &ParticipationTexts, q: &QueueLine) -> impl IntoView {
    let t = use_texts();
    let key = format!("{}-{}", q.target, q.id);
    let act_form = |act: &'static str, label: T, submit: T| {
        let field = format!("motif-{act}-{key}");
        view! {
            <details class="moderation">
                <summary>{x.get(label)}</summary>
                <form method="post" action=MODERATE_URL>
                    <input type="hidden" name="element" value=q.item_id />
                    <input type="hidden" name="acte" value=act />
                    <input type="hidden" name="cible" value=q.target.clone() />
                    <input type="hidden" name="id" value=q.id />
                    <input type="hidden" name="retour" value="moderation" />
                    {language_field()}
                    <label for=field.clone()>{x.get(T::ModerateReason)}</label>
                    <input id=field name="motif" required minlength="5" maxlength="1000" />
                    <button type="submit" class="button secondary">{x.get(submit)}</button>
                </form>
            </details>
        }
    };
    view! {
        <li class="card" id=format!("file-{key}")>
            <h2><a href=t.path(&format!("/participation/{}", q.item_id))>{q.heading.clone()}</a></h2>
            <p class="help">{q.qpv_name.clone()}</p>
            <blockquote>{q.text.clone()}</blockquote>
            <p><strong>{q.state.clone()}</strong></p>
            {(!q.flags.is_empty()).then(|| view! { <p>{q.flags.clone()}</p> })}
            {if q.hidden {
                act_form("retabli", T::ModerateRestoreTitle, T::ModerateRestore).into_any()
            } else {
                act_form("garde", T::QueueKeepShown, T::QueueKeepSubmit).into_any()
            }}
            {act_form("masque", T::QueueKeepHidden, T::ModerateSubmit)}
        </li>
    }
}
