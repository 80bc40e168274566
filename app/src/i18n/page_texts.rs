//! Words that travel with a page's data instead of living in the browser bundle: static strings
//! are data segments, which the wasm splitter keeps in the main bundle, and the pages that use
//! these are lazy routes. The server renders them; hydration reads them from the serialized page
//! data. Each text is a variant of `T`: a typo is a compile error, and the macro makes a missing
//! translation one too.

/// `page_texts!(Struct; Key => "français", "English"; …)` defines `T`, `T::ALL`, and `Struct`
/// (the texts in one language, `Struct::of(locale)` on the server, `get(T::Key)` anywhere).
macro_rules! page_texts {
    ($texts:ident; $($key:ident => $fr:literal, $en:literal;)+) => {
        /// One text of these pages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),+ }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),+];
        }

        #[cfg(feature = "ssr")]
        fn text(key: T, locale: crate::i18n::Locale) -> &'static str {
            match (key, locale) {
                $((T::$key, crate::i18n::Locale::Fr) => $fr, (T::$key, crate::i18n::Locale::En) => $en,)+
            }
        }

        /// The texts in one language, in the order of `T`.
        #[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
        pub struct $texts(Vec<String>);

        impl $texts {
            #[cfg(feature = "ssr")]
            pub fn of(locale: crate::i18n::Locale) -> Self {
                Self(T::ALL.iter().map(|key| text(*key, locale).to_owned()).collect())
            }

            pub fn get(&self, key: T) -> String {
                self.0.get(key as usize).cloned().unwrap_or_default()
            }
        }
    };
}

pub(crate) use page_texts;
