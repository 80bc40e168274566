//! Passwords: argon2id hashes computed off the async threads, a bound on how many run at once
//! (a burst of sign-ins must not starve the pages), and the list of common passwords.

use std::collections::HashSet;
use std::io::Read;
use std::sync::LazyLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::{Code, Error};

/// data/passwords/common.txt.gz (see its PROVENANCE.md), compiled in: nothing to find at run time.
static COMMON_GZ: &[u8] = include_bytes!("../../../data/passwords/common.txt.gz");

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut text = String::new();
    if let Err(e) = flate2::read::GzDecoder::new(COMMON_GZ).read_to_string(&mut text) {
        tracing::error!(error = %e, "common password list unreadable");
    }
    text.lines().map(str::to_owned).collect()
});

/// How many hashes may run at once: one per core leaves the others to the pages.
static HASHING: LazyLock<Semaphore> =
    LazyLock::new(|| Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get()).max(1)));

/// OWASP's second argon2id setting (19 MiB, 2 passes, 1 lane): ~25 ms a hash on this machine.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Whether the list holds this (lower-cased) candidate.
pub fn is_common(candidate: &str) -> bool {
    COMMON.contains(candidate)
}

/// How many entries the list has (the README and the tests say it).
pub fn common_count() -> usize {
    COMMON.len()
}

/// The PHC string of an argon2id hash with a fresh random salt.
pub async fn hash(password: &str) -> Result<String, Error> {
    let password = password.to_owned();
    let _permit = HASHING.acquire().await.map_err(|_| Error::new(Code::Unavailable))?;
    tokio::task::spawn_blocking(move || {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes).map_err(|_| Error::new(Code::Unavailable))?;
        let salt = SaltString::encode_b64(&bytes).map_err(|_| Error::new(Code::Unavailable))?;
        hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| Error::new(Code::Unavailable))
    })
    .await
    .map_err(|_| Error::new(Code::Unavailable))?
}

/// A hash nobody's password matches, verified when the account is unknown or has no password
/// so that the answer takes as long either way (no account enumeration by timing).
static DECOY: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::encode_b64(b"atlas-decoy-salt").expect("valid salt");
    hasher().hash_password(b"no password is this one", &salt).map(|h| h.to_string()).unwrap_or_default()
});

/// Whether `password` matches `stored` (a PHC string); `None` verifies against the decoy.
pub async fn verify(stored: Option<String>, password: &str) -> Result<bool, Error> {
    let password = password.to_owned();
    let _permit = HASHING.acquire().await.map_err(|_| Error::new(Code::Unavailable))?;
    tokio::task::spawn_blocking(move || {
        let real = stored.is_some();
        let phc = stored.unwrap_or_else(|| DECOY.clone());
        let Ok(parsed) = PasswordHash::new(&phc) else { return false };
        hasher().verify_password(password.as_bytes(), &parsed).is_ok() && real
    })
    .await
    .map_err(|_| Error::new(Code::Unavailable))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_french_and_international_entries() {
        assert!(common_count() >= 10_000, "{}", common_count());
        for p in ["azerty", "motdepasse", "123456", "password", "soleil"] {
            assert!(is_common(p), "{p}");
        }
        assert!(!is_common("une phrase de passe solide"));
    }

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verified() {
        let a = hash("une phrase de passe solide").await.unwrap();
        let b = hash("une phrase de passe solide").await.unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "a fresh salt each time");
        assert!(verify(Some(a.clone()), "une phrase de passe solide").await.unwrap());
        assert!(!verify(Some(a), "une phrase de passe solidE").await.unwrap());
        assert!(!verify(None, "no password is this one").await.unwrap(), "the decoy never signs anyone in");
    }
}
