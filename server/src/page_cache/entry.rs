//! One stored response: its headers, its body compressed once (brotli and gzip kept beside the
//! plain bytes), its ETag, the revisions of the data it was made from, and the hashes of its
//! inline scripts. A stored page carries no nonce: the policy it is served under names the
//! hashes of its own scripts, which stay true for every visitor (see `security`).

use std::io::Write;

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};

use atlas_service::revision::Revisions;

/// Bodies shorter than this are sent as they are: compression would not pay for its headers.
const COMPRESS_FROM: usize = 512;
/// Brotli quality and window: a page is compressed once per data revision, so spend more than
/// on-the-fly compression does, but not the seconds quality 11 takes on a large map layer.
const BROTLI_QUALITY: u32 = 7;
const BROTLI_WINDOW: u32 = 22;

/// What a browser or proxy may do with a stored page: keep it, but ask again (a 304 when
/// nothing changed); a shared cache may serve it for a minute without asking.
pub const PAGE_CACHE_CONTROL: &str = "public, max-age=0, must-revalidate, s-maxage=60";

pub struct Entry {
    /// The revisions of the snapshot the response was made from: it is valid while they hold.
    pub revisions: Revisions,
    headers: HeaderMap,
    plain: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    etag: String,
    /// The Content-Security-Policy of this response (its inline scripts by hash).
    policy: Option<HeaderValue>,
}

/// The encodings a request accepts, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best encoding of `Accept-Encoding` we keep: brotli, then gzip, else none.
    pub fn negotiate(accept: Option<&HeaderValue>) -> Self {
        let Some(value) = accept.and_then(|v| v.to_str().ok()) else { return Self::Identity };
        let accepts = |name: &str| {
            value.split(',').any(|part| {
                let mut fields = part.trim().split(';');
                let coding = fields.next().unwrap_or("").trim();
                let quality = fields.find_map(|f| f.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok());
                coding.eq_ignore_ascii_case(name) && quality.is_none_or(|q| q > 0.0)
            })
        };
        if accepts("br") {
            Self::Brotli
        } else if accepts("gzip") {
            Self::Gzip
        } else {
            Self::Identity
        }
    }
}

impl Entry {
    /// Stores a response's parts. `nonce` is the one Leptos stamped on the page: it is taken
    /// out, and the inline scripts are named by hash instead. Compression runs here: call it
    /// off the async threads.
    pub fn new(revisions: Revisions, mut headers: HeaderMap, body: &[u8], nonce: Option<&str>) -> Self {
        for name in [header::CONTENT_LENGTH, header::TRANSFER_ENCODING, header::CONTENT_ENCODING, header::CONTENT_SECURITY_POLICY] {
            headers.remove(name);
        }
        let is_html = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
        let plain: Bytes = match (is_html, nonce) {
            (true, Some(n)) if !n.is_empty() => Bytes::from(strip_nonce(body, n)),
            _ => Bytes::copy_from_slice(body),
        };
        let policy = is_html.then(|| HeaderValue::from_str(&crate::security::policy_with_hashes(&inline_script_hashes(&plain))).ok()).flatten();
        let etag = match headers.get(header::ETAG).and_then(|v| v.to_str().ok()) {
            Some(tag) => tag.to_owned(),
            None => format!("\"{}\"", &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(&plain))[..22]),
        };
        headers.remove(header::ETAG);
        let compress = plain.len() >= COMPRESS_FROM;
        Self {
            revisions,
            brotli: compress.then(|| brotli(&plain)),
            gzip: compress.then(|| gzip(&plain)),
            plain,
            headers,
            etag,
            policy,
        }
    }

    /// Bytes held, for the cache's budget.
    pub fn size(&self) -> usize {
        self.plain.len() + self.brotli.as_ref().map_or(0, Bytes::len) + self.gzip.as_ref().map_or(0, Bytes::len) + 512
    }

    /// The response for a request accepting `encoding`: 304 when `if_none_match` names our tag.
    pub fn respond(&self, encoding: Encoding, if_none_match: Option<&HeaderValue>, vary: &'static str, status_note: &'static str) -> Response {
        let not_modified = crate::cache::etag_matches(if_none_match, &self.etag);
        let (body, coding) = match encoding {
            Encoding::Brotli if self.brotli.is_some() => (self.brotli.clone(), Some("br")),
            Encoding::Gzip | Encoding::Brotli if self.gzip.is_some() => (self.gzip.clone(), Some("gzip")),
            _ => (Some(self.plain.clone()), None),
        };
        let mut response = if not_modified {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            r
        } else {
            let bytes = body.unwrap_or_default();
            let mut r = Response::new(Body::from(bytes.clone()));
            r.headers_mut().extend(self.headers.clone());
            r.headers_mut().insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            if let Some(coding) = coding {
                r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            r
        };
        let h = response.headers_mut();
        // On a 304 too: the browser updates the headers of the page it keeps with these, and a
        // policy with a nonce the page does not carry would block its scripts.
        if let Some(policy) = &self.policy {
            h.insert(header::CONTENT_SECURITY_POLICY, policy.clone());
        }
        if let Ok(tag) = HeaderValue::from_str(&self.etag) {
            h.insert(header::ETAG, tag);
        }
        if !h.contains_key(header::CACHE_CONTROL) {
            let control = self.headers.get(header::CACHE_CONTROL).cloned().unwrap_or(HeaderValue::from_static(PAGE_CACHE_CONTROL));
            h.insert(header::CACHE_CONTROL, control);
        }
        h.insert(header::VARY, HeaderValue::from_static(vary));
        h.insert(super::CACHE_STATUS, HeaderValue::from_static(status_note));
        response
    }
}

/// The page without the nonce of the response it was made for: the ` nonce="…"` attributes
/// Leptos wrote on its scripts go, and so does the value Leptos 0.8 also writes into the
/// preloads' `crossorigin` (an empty `crossorigin` means the same to a browser: anonymous).
fn strip_nonce(body: &[u8], nonce: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    text.replace(&format!(" nonce=\"{nonce}\""), "").replace(&format!("=\"{nonce}\""), "=\"\"").into_bytes()
}

/// `'sha256-…'` of every inline script of a page (not of `src=` scripts, which `'self'` covers,
/// nor of JSON data blocks, which never run), each once.
pub fn inline_script_hashes(page: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(page);
    let mut hashes: Vec<String> = Vec::new();
    let mut rest: &str = &text;
    while let Some(start) = rest.find("<script") {
        rest = &rest[start + "<script".len()..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let Some(close) = rest[tag_end + 1..].find("</script>") else { break };
        let content = &rest[tag_end + 1..tag_end + 1 + close];
        rest = &rest[tag_end + 1 + close..];
        if tag.contains(" src=") || tag.contains("application/ld+json") || tag.contains("application/json") {
            continue;
        }
        let hash = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(content.as_bytes())));
        if !hashes.contains(&hash) {
            hashes.push(hash);
        }
    }
    hashes
}

fn brotli(plain: &[u8]) -> Bytes {
    let mut out = Vec::with_capacity(plain.len() / 4);
    let params = brotli::enc::BrotliEncoderParams { quality: BROTLI_QUALITY as i32, lgwin: BROTLI_WINDOW as i32, ..Default::default() };
    let mut input = plain;
    // Writing into a Vec cannot fail.
    let _ = brotli::BrotliCompress(&mut input, &mut out, &params);
    Bytes::from(out)
}

fn gzip(plain: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::with_capacity(plain.len() / 3), flate2::Compression::default());
    let _ = encoder.write_all(plain);
    Bytes::from(encoder.finish().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_by_preference_and_refusal() {
        let n = |s: &'static str| Encoding::negotiate(Some(&HeaderValue::from_static(s)));
        assert_eq!(n("gzip, deflate, br, zstd"), Encoding::Brotli);
        assert_eq!(n("gzip"), Encoding::Gzip);
        assert_eq!(n("br;q=0, gzip;q=0.5"), Encoding::Gzip);
        assert_eq!(n("identity"), Encoding::Identity);
        assert_eq!(Encoding::negotiate(None), Encoding::Identity);
    }

    #[test]
    fn a_stored_page_has_no_nonce_and_its_scripts_by_hash() {
        let page = b"<!DOCTYPE html><html><head><link rel=\"modulepreload\" nonce=\"N0NCE\" href=\"/pkg/a.js\" crossorigin=\"N0NCE\"><script type=\"module\" nonce=\"N0NCE\">import('/pkg/a.js')</script><script type=\"application/ld+json\">{}</script><script src=\"/js/x.js\"></script></head><body>x<script nonce=\"N0NCE\">window.a=1</script></body></html>";
        let mut headers = HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        let entry = Entry::new(Revisions::new(), headers, page, Some("N0NCE"));
        let stored = String::from_utf8_lossy(&entry.plain).into_owned();
        assert!(!stored.contains("nonce") && !stored.contains("N0NCE"), "{stored}");
        assert!(stored.contains("href=\"/pkg/a.js\" crossorigin=\"\">"), "{stored}");
        let policy = entry.policy.as_ref().unwrap().to_str().unwrap().to_owned();
        let expected = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import('/pkg/a.js')")));
        assert!(policy.contains(&expected), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        assert!(!policy.contains("nonce"), "{policy}");
    }

    #[test]
    fn the_compressed_bodies_decode_to_the_page() {
        let page = "<p>Régie de quartier</p>".repeat(100);
        let entry = Entry::new(Revisions::new(), HeaderMap::new(), page.as_bytes(), None);
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut entry.brotli.as_ref().unwrap().as_ref(), &mut decoded).unwrap();
        assert_eq!(decoded, page.as_bytes());
        let mut gunzip = flate2::read::GzDecoder::new(entry.gzip.as_ref().unwrap().as_ref());
        let mut text = String::new();
        std::io::Read::read_to_string(&mut gunzip, &mut text).unwrap();
        assert_eq!(text, page);
        assert!(entry.brotli.as_ref().unwrap().len() < page.len() / 10);
    }
}
