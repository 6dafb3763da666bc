//! Credentials kept out of errors, even when the server sends them back.
//!
//! A server may echo what it received: a proxy's debug page, an error message quoting the
//! key ("Incorrect API key provided: sk-..."), a reflected header. Errors are made to be
//! logged, so every text an error keeps from a response (body, parsed message, snippet,
//! JSON path, header values) has each credential the client sends overwritten by as many
//! `*`: the same length, so positions in the body stay true.

use std::borrow::Cow;

use http::HeaderMap;

/// Shorter values are not masked: no real credential is that short, and masking every
/// occurrence of a short word (a header value such as `v1`) would garble error text.
const MIN_SECRET: usize = 8;

/// The credentials the client sends: the API key and the values of credential headers.
#[derive(Clone, Default)]
pub(crate) struct Secrets(Vec<Vec<u8>>);

impl Secrets {
    /// Adds a header value; for `Scheme token` values, the token alone as well.
    pub(crate) fn add(&mut self, value: &[u8]) {
        let value = value.trim_ascii();
        if let Some(space) = value.iter().rposition(|&b| b == b' ') {
            self.push(&value[space + 1..]);
        }
        self.push(value);
    }

    fn push(&mut self, secret: &[u8]) {
        if secret.len() >= MIN_SECRET && !self.0.iter().any(|known| known == secret) {
            self.0.push(secret.to_vec());
        }
    }

    /// The length of the longest secret: how far a cut through the text may reach into one.
    pub(crate) fn longest(&self) -> usize {
        self.0.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// `bytes` with every occurrence of every secret overwritten by `*`.
    pub(crate) fn mask<'a>(&self, bytes: &'a [u8]) -> Cow<'a, [u8]> {
        let mut out = Cow::Borrowed(bytes);
        for secret in &self.0 {
            let Some(first) = find(&out, secret, 0) else { continue };
            let masked = out.to_mut();
            let mut at = Some(first);
            while let Some(start) = at {
                masked[start..start + secret.len()].fill(b'*');
                at = find(masked, secret, start + secret.len());
            }
        }
        out
    }

    /// `text` with every secret overwritten by `*`.
    pub(crate) fn mask_str(&self, text: &str) -> String {
        // A secret is whole UTF-8 characters, and a match in valid UTF-8 starts and ends on
        // character boundaries: the masked bytes are valid UTF-8 too.
        String::from_utf8_lossy(&self.mask(text.as_bytes())).into_owned()
    }

    /// Masks the secrets in every header value.
    pub(crate) fn mask_headers(&self, headers: &mut HeaderMap) {
        for value in headers.values_mut() {
            if let Cow::Owned(masked) = self.mask(value.as_bytes()) {
                // `*` is a valid header byte, so this always succeeds; if not, the value goes.
                *value = http::HeaderValue::from_bytes(&masked).unwrap_or(http::HeaderValue::from_static("*"));
            }
        }
    }
}

/// The first position at or after `from` where `needle` occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut at = from;
    while at + needle.len() <= haystack.len() {
        let next = haystack[at..=haystack.len() - needle.len()].iter().position(|&b| b == first)?;
        at += next;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secrets(values: &[&str]) -> Secrets {
        let mut secrets = Secrets::default();
        for value in values {
            secrets.add(value.as_bytes());
        }
        secrets
    }

    #[test]
    fn every_occurrence_is_masked_in_place() {
        let secrets = secrets(&["Bearer sk-abcdefgh12"]);
        let text = "key sk-abcdefgh12, again sk-abcdefgh12sk-abcdefgh12; header Bearer sk-abcdefgh12";
        let masked = secrets.mask_str(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, format!("key {0}, again {0}{0}; header Bearer {0}", "*".repeat(13)));
        assert_eq!(secrets.longest(), "Bearer sk-abcdefgh12".len());
    }

    #[test]
    fn text_without_secrets_is_not_copied() {
        let secrets = secrets(&["sk-abcdefgh12"]);
        assert!(matches!(secrets.mask(b"sk-abcdefgh1 is not it"), Cow::Borrowed(_)));
        assert!(matches!(Secrets::default().mask(b"anything"), Cow::Borrowed(_)));
    }

    #[test]
    fn short_values_are_not_secrets() {
        let secrets = secrets(&["v1", "Token abc", "x-y"]);
        assert_eq!(secrets.mask_str("v1 abc x-y Token abc"), "v1 abc x-y *********");
    }

    #[test]
    fn non_ascii_secrets_leave_valid_text() {
        let secrets = secrets(&["clé-secrète-1"]);
        assert_eq!(secrets.mask_str("« clé-secrète-1 »"), format!("« {} »", "*".repeat("clé-secrète-1".len())));
    }

    #[test]
    fn header_values_are_masked() {
        let secrets = secrets(&["sk-abcdefgh12"]);
        let mut headers = HeaderMap::new();
        headers.insert("x-echo", http::HeaderValue::from_static("Bearer sk-abcdefgh12"));
        headers.insert("x-other", http::HeaderValue::from_static("fine"));
        secrets.mask_headers(&mut headers);
        assert_eq!(headers.get("x-echo").map(|v| v.as_bytes()), Some(&b"Bearer *************"[..]));
        assert_eq!(headers.get("x-other").map(|v| v.as_bytes()), Some(&b"fine"[..]));
    }
}
