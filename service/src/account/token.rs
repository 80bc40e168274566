//! Random tokens (session cookies, e-mailed links): 32 bytes from the OS, URL-safe; only their
//! SHA-256 is stored, so a copy of the database opens no session and follows no link.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::{Code, Error};

/// A new token and the hash to store.
pub fn new() -> Result<(String, String), Error> {
    let token = random::<32>()?;
    let hash = digest(&token);
    Ok((token, hash))
}

/// `N` random bytes from the OS, URL-safe text (also a page's CSP nonce, a Message-ID).
pub fn random<const N: usize>() -> Result<String, Error> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|_| Error::new(Code::Unavailable))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

/// The stored form of a token (hex SHA-256).
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_are_long_random_and_stored_hashed() {
        let (a, ha) = super::new().unwrap();
        let (b, _) = super::new().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(ha, super::digest(&a));
        assert_eq!(ha.len(), 64);
        assert!(!ha.contains(&a));
    }
}
