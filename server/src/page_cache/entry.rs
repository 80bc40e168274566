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
    plain: Bytes,
    brotli: Option<Bytes>,
    gzip: Option<Bytes>,
    /// The whole headers of each answer, made once: a hit clones one map and writes one header.
    plain_headers: HeaderMap,
    brotli_headers: HeaderMap,
    gzip_headers: HeaderMap,
    not_modified_headers: HeaderMap,
    etag: String,
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
    /// out, and the inline scripts are named by hash instead. `vary` is what a shared cache must
    /// key on besides the address. Compression runs here: call it off the async threads.
    pub fn new(revisions: Revisions, mut headers: HeaderMap, body: &[u8], nonce: Option<&str>, vary: &'static str) -> Self {
        for name in [header::CONTENT_LENGTH, header::TRANSFER_ENCODING, header::CONTENT_ENCODING, header::CONTENT_SECURITY_POLICY, header::VARY] {
            headers.remove(name);
        }
        let is_html = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
        let plain: Bytes = match (is_html, nonce) {
            (true, Some(n)) if !n.is_empty() => Bytes::from(strip_nonce(body, n)),
            _ => Bytes::copy_from_slice(body),
        };
        // A page's inline scripts by hash; data runs no script at all.
        let hashes = if is_html { inline_script_hashes(&plain) } else { Vec::new() };
        let etag = match headers.remove(header::ETAG).as_ref().and_then(|v| v.to_str().ok()) {
            Some(tag) => tag.to_owned(),
            None => format!("\"{}\"", &base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(&plain))[..22]),
        };
        // Both a 200 and a 304 carry these. On a 304 too: the browser updates the headers of the
        // page it keeps with them, and a policy with a nonce the page does not carry would block
        // its scripts.
        let mut common = HeaderMap::new();
        if let Ok(policy) = HeaderValue::from_str(&crate::security::policy_with_hashes(&hashes)) {
            common.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
        if let Ok(tag) = HeaderValue::from_str(&etag) {
            common.insert(header::ETAG, tag);
        }
        let control = headers.remove(header::CACHE_CONTROL).unwrap_or(HeaderValue::from_static(PAGE_CACHE_CONTROL));
        common.insert(header::CACHE_CONTROL, control);
        common.insert(header::VARY, HeaderValue::from_static(vary));
        let mut not_modified_headers = headers.clone();
        not_modified_headers.remove(header::CONTENT_TYPE);
        not_modified_headers.extend(common.clone());
        let answer = |bytes: &Bytes, coding: Option<&'static str>| {
            let mut h = headers.clone();
            h.extend(common.clone());
            h.insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            if let Some(coding) = coding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
            }
            h
        };
        let compress = plain.len() >= COMPRESS_FROM;
        let brotli = compress.then(|| brotli(&plain));
        let gzip = compress.then(|| gzip(&plain));
        Self {
            revisions,
            plain_headers: answer(&plain, None),
            brotli_headers: brotli.as_ref().map(|b| answer(b, Some("br"))).unwrap_or_default(),
            gzip_headers: gzip.as_ref().map(|b| answer(b, Some("gzip"))).unwrap_or_default(),
            not_modified_headers,
            brotli,
            gzip,
            plain,
            etag,
        }
    }

    /// Bytes held, for the cache's budget.
    pub fn size(&self) -> usize {
        self.plain.len() + self.brotli.as_ref().map_or(0, Bytes::len) + self.gzip.as_ref().map_or(0, Bytes::len) + 1024
    }

    /// The response for a request accepting `encoding`: 304 when `if_none_match` names our tag.
    pub fn respond(&self, encoding: Encoding, if_none_match: Option<&HeaderValue>, status_note: &'static str) -> Response {
        let (status, body, headers) = if crate::cache::etag_matches(if_none_match, &self.etag) {
            (StatusCode::NOT_MODIFIED, Body::empty(), &self.not_modified_headers)
        } else {
            match (encoding, &self.brotli, &self.gzip) {
                (Encoding::Brotli, Some(b), _) => (StatusCode::OK, Body::from(b.clone()), &self.brotli_headers),
                (Encoding::Brotli | Encoding::Gzip, _, Some(g)) => (StatusCode::OK, Body::from(g.clone()), &self.gzip_headers),
                _ => (StatusCode::OK, Body::from(self.plain.clone()), &self.plain_headers),
            }
        };
        let mut response = Response::new(body);
        *response.status_mut() = status;
        *response.headers_mut() = headers.clone();
        response.headers_mut().insert(super::CACHE_STATUS, HeaderValue::from_static(status_note));
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
        let entry = Entry::new(Revisions::new(), headers, page, Some("N0NCE"), "Accept-Encoding");
        let stored = String::from_utf8_lossy(&entry.plain).into_owned();
        assert!(!stored.contains("nonce") && !stored.contains("N0NCE"), "{stored}");
        assert!(stored.contains("href=\"/pkg/a.js\" crossorigin=\"\">"), "{stored}");
        let policy = entry.plain_headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_owned();
        assert_eq!(entry.not_modified_headers[header::CONTENT_SECURITY_POLICY], entry.plain_headers[header::CONTENT_SECURITY_POLICY]);
        let expected = format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"import('/pkg/a.js')")));
        assert!(policy.contains(&expected), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        assert!(!policy.contains("nonce"), "{policy}");
    }

    #[test]
    fn the_compressed_bodies_decode_to_the_page() {
        let page = "<p>Régie de quartier</p>".repeat(100);
        let entry = Entry::new(Revisions::new(), HeaderMap::new(), page.as_bytes(), None, "Accept-Encoding");
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
