//! Browser entry point: takes over the server-rendered page (hydration).

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are lazy routes (separate wasm chunks): hydration waits for the current page's chunk.
    wasm_bindgen_futures::spawn_local(async {
        let owner = leptos::mount::hydrate_from_async(leptos::prelude::document().body().expect("<body>"), app::App).await;
        owner.forget();
        // A marker for browser tests and CSS: the page is interactive from here on.
        if let Some(root) = leptos::prelude::document().document_element() {
            let _ = root.set_attribute("data-hydrated", "true");
        }
    });
}
