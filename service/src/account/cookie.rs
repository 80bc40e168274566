//! The session cookie: its name, how a request's `Cookie` header carries it, and the
//! `Set-Cookie` values that open and end it. `HttpOnly` (no script reads it), `SameSite=Lax`
//! (not sent with cross-site writes), `Secure` when the public address is https.

use super::{public_url, SESSION_ABSOLUTE_MS};

pub const NAME: &str = "atlas_session";

/// The session token in a `Cookie` header, if any.
pub fn read(cookie_header: &str) -> Option<&str> {
    cookie_header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == NAME)
        .map(|(_, value)| value.trim())
        .filter(|v| !v.is_empty())
}

fn attributes() -> &'static str {
    if public_url().starts_with("https://") { "; HttpOnly; SameSite=Lax; Path=/; Secure" } else { "; HttpOnly; SameSite=Lax; Path=/" }
}

pub fn open(token: &str) -> String {
    format!("{NAME}={token}; Max-Age={}{}", SESSION_ABSOLUTE_MS / 1000, attributes())
}

pub fn end() -> String {
    format!("{NAME}=; Max-Age=0{}", attributes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_token_is_found_among_other_cookies() {
        assert_eq!(super::read("a=1; atlas_session=abc ; b=2"), Some("abc"));
        assert_eq!(super::read("atlas_sessionx=abc"), None);
        assert_eq!(super::read("atlas_session="), None);
        let set = super::open("tok");
        assert!(set.starts_with("atlas_session=tok; Max-Age=2592000; HttpOnly; SameSite=Lax; Path=/"), "{set}");
    }
}
