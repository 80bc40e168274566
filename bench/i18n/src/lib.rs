use leptos::prelude::*;
#[cfg(not(feature = "with-i18n"))]
mod baseline;
#[cfg(not(feature = "with-i18n"))]
use baseline::All;
#[cfg(feature = "with-i18n")]
mod with_i18n;
#[cfg(feature = "with-i18n")]
use with_i18n::All;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    #[cfg(feature = "with-i18n")]
    leptos::mount::hydrate_body(|| view! { <with_i18n::i18n::I18nContextProvider><All /></with_i18n::i18n::I18nContextProvider> });
    #[cfg(not(feature = "with-i18n"))]
    leptos::mount::hydrate_body(|| view! { <All /> });
}
