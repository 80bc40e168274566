//! The text a `<textarea>` starts with. Leptos 0.8 writes a textarea's children into the
//! server's HTML without escaping them (found by the hostile-input tests: a message of
//! `</textarea><b>…` closed the field and added markup). The browser decodes character
//! references inside a textarea, so the server sends the text escaped; in the browser Leptos
//! sets the text itself, which needs no escaping.

/// What to put between `<textarea>` and `</textarea>` for the field to show `text`.
pub fn initial(text: String) -> String {
    #[cfg(feature = "ssr")]
    return text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    #[cfg(not(feature = "ssr"))]
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn markup_cannot_close_the_field() {
        assert_eq!(super::initial("</textarea><b>x</b> & co".into()), "&lt;/textarea&gt;&lt;b&gt;x&lt;/b&gt; &amp; co");
    }
}
