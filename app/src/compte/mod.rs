//! Accounts in the browser: sign-up, sign-in (password or mailed link), the forgotten password,
//! `/compte` (pseudonym, address, password, devices, data, deletion), `/confidentialite` and the
//! development mailbox. Every page is a lazy route with plain HTML forms (`forms`): the main
//! bundle carries only the header's account link.

pub mod account_page;
pub mod data;
pub mod forms;
pub mod notification_forms;
pub mod notification_pages;
pub mod pages;
pub mod privacy;
pub mod sign_pages;
pub mod team_forms;
pub mod team_pages;
pub mod texts;

use atlas_core::account::{Field, Problem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::error::ErrorNotice;
use crate::i18n::use_texts;
use data::{account_page, AccountPageData};
use texts::T;

/// The signed-in person's pseudonym and unread notifications for the header, decided on the
/// server for the page and read back by hydration (empty: nobody is signed in). Pages are
/// reloaded at sign-in and sign-out. The count stays text (« 0 » … « 99+ »): parsing and printing
/// numbers would cost the main bundle ~3 KB for a number the server already wrote.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub pseudonym: String,
    pub unread: String,
}

pub fn provide_viewer() {
    // One string (« count pseudonym »): a string travels to hydration without serde's machinery
    // for a structure, which the main bundle's budget has no room for.
    let seen = leptos::server::SharedValue::new_str(|| {
        #[cfg(feature = "ssr")]
        return crate::error::signed_in()
            .map(|who| format!("{} {}", if who.unread > 99 { "99+".to_owned() } else { who.unread.to_string() }, who.pseudonym))
            .unwrap_or_default();
        #[cfg(not(feature = "ssr"))]
        String::new()
    });
    let seen = seen.into_inner();
    let (unread, pseudonym) = seen.split_once(' ').unwrap_or(("0", ""));
    provide_context(Viewer { pseudonym: pseudonym.to_owned(), unread: unread.to_owned() });
}

/// A query parameter of the page's URL (the outcome of a form it posted).
pub fn param(name: &str) -> String {
    use_query_map().with_untracked(|q| q.get(name)).unwrap_or_default()
}

/// An account page: loads its data (`what`, see `account_page`) then renders `body`.
pub fn account_view(what: &'static str, body: fn(AccountPageData) -> AnyView) -> impl IntoView {
    let t = use_texts();
    let jeton = param("jeton");
    let data = Resource::new(move || jeton.clone(), move |jeton| account_page(what.to_owned(), jeton));
    view! {
        <Suspense fallback=move || view! { <p>{t.loading}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(d) => body(d),
                    Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The refusals a form came back with (`erreurs=a,b` or `erreur=c&attente=n`), in words.
pub struct Refusals {
    pub messages: Vec<String>,
    pub fields: Vec<Field>,
}

impl Refusals {
    pub fn of(d: &AccountPageData) -> Self {
        let wait = param("attente");
        let mut codes: Vec<String> = param("erreurs").split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect();
        let single = param("erreur");
        if !single.is_empty() {
            codes.push(single);
        }
        let messages = codes.iter().filter_map(|c| d.message(c, &wait)).collect();
        let fields = codes.iter().filter_map(|c| Problem::parse(c)).map(Problem::field).collect();
        Self { messages, fields }
    }

    pub fn alert(&self, d: &AccountPageData) -> impl IntoView {
        (!self.messages.is_empty()).then(|| {
            view! {
                <div class="alert" role="alert">
                    <p>{d.texts.get(T::FormErrors)}</p>
                    <ul>{self.messages.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                </div>
            }
        })
    }

    pub fn on(&self, field: Field) -> bool {
        self.fields.contains(&field)
    }
}

/// A labelled input with its hint, marked invalid when the form came back for it.
pub struct Input {
    pub id: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub autocomplete: &'static str,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub invalid: bool,
    pub minlength: Option<u32>,
    pub maxlength: u32,
}

impl Input {
    pub fn view(self) -> impl IntoView {
        self.render(true)
    }

    /// A field one may leave empty (the browser does not ask for it).
    pub fn optional(self) -> impl IntoView {
        self.render(false)
    }

    fn render(self, required: bool) -> impl IntoView {
        let hint_id = format!("{}-aide", self.id);
        let described = self.hint.as_ref().map(|_| hint_id.clone());
        view! {
            <label for=self.id>{self.label}</label>
            <input id=self.id name=self.name type=self.kind autocomplete=self.autocomplete required=required
                value=self.value maxlength=self.maxlength minlength=self.minlength
                aria-describedby=described aria-invalid=self.invalid.then_some("true") />
            {self.hint.map(|h| view! { <p class="help" id=hint_id>{h}</p> })}
        }
    }
}

/// The pseudonym field of a form that makes an account (`value`: what came back to be corrected).
pub fn pseudonym_input(d: &AccountPageData, r: &Refusals, id: &'static str) -> Input {
    Input {
        id,
        name: "pseudonyme",
        kind: "text",
        autocomplete: "nickname",
        label: d.texts.get(T::Pseudonym),
        hint: Some(d.texts.get(T::PseudonymHint)),
        value: param("pseudonyme"),
        invalid: r.on(Field::Pseudonym),
        minlength: Some(3),
        maxlength: 30,
    }
}

/// An account page's frame: its title (the tab's and the heading) and its body.
pub fn account_frame(title: String, body: AnyView) -> AnyView {
    view! {
        <Title text=title.clone() />
        <div class="account-page">
            <h1>{title}</h1>
            {body}
        </div>
    }
    .into_any()
}

/// The hidden field that brings the browser back to a page in the form's language.
pub fn language_field() -> impl IntoView {
    view! { <input type="hidden" name="langue" value=use_texts().locale.lang() /> }
}

/// A notice when the URL says a form succeeded (`name=value`).
pub fn notice_if(name: &str, value: &str, text: String) -> Option<impl IntoView> {
    (param(name) == value).then(|| view! { <p class="notice ok" role="status">{text}</p> })
}
