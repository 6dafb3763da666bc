//! When to retry and how long to wait, as the official OpenAI SDKs do it.
//!
//! Retried: connection errors, timeouts, and the statuses 408, 409, 429 and 5xx, unless
//! the server says otherwise with `x-should-retry: true|false`. The wait is the server's
//! `retry-after-ms` or `retry-after` (seconds, or an HTTP date) when that is more than 0
//! and at most [`RetryPolicy::max_retry_after`]; otherwise exponential backoff from
//! [`RetryPolicy::initial_delay`], doubling up to [`RetryPolicy::max_delay`], less up to
//! 25% random jitter.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

/// How many times, and how long apart, failed requests are tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt. Default: 2.
    pub max_retries: u32,
    /// The first backoff. Default: 0.5 s.
    pub initial_delay: Duration,
    /// The longest backoff. Default: 8 s.
    pub max_delay: Duration,
    /// The longest server-requested wait honoured; a longer one falls back to backoff. Default: 60 s.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Whether a response with this status and these headers is worth another attempt.
pub(crate) fn should_retry(status: StatusCode, headers: &HeaderMap) -> bool {
    match headers.get("x-should-retry").map(http::HeaderValue::as_bytes) {
        Some(b"true") => return true,
        Some(b"false") => return false,
        _ => {}
    }
    matches!(status.as_u16(), 408 | 409 | 429) || status.is_server_error()
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0 for the first retry).
    pub(crate) fn delay(&self, retry: u32, headers: Option<&HeaderMap>) -> Duration {
        let requested = headers.and_then(retry_after).filter(|w| !w.is_zero() && *w <= self.max_retry_after);
        if let Some(wait) = requested {
            return wait;
        }
        let factor = 2u32.saturating_pow(retry.min(30));
        // Capped at a day as well: `mul_f64` panics on a result beyond `Duration::MAX`.
        let backoff = self.initial_delay.saturating_mul(factor).min(self.max_delay).min(Duration::from_secs(86_400));
        // Jitter spreads out clients that failed together, so they do not retry in step.
        backoff.mul_f64(1.0 - 0.25 * fastrand::f64())
    }
}

/// The server's requested wait: `retry-after-ms`, else `retry-after` in seconds or as a date.
/// Negative, non-finite or unparsable values are ignored.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let seconds = |value: f64| Duration::try_from_secs_f64(value).ok();
    if let Some(wait) = text("retry-after-ms").and_then(|v| v.parse::<f64>().ok()).and_then(|ms| seconds(ms / 1000.0)) {
        return Some(wait);
    }
    let value = text("retry-after")?;
    if let Ok(secs) = value.parse::<f64>() {
        return seconds(secs);
    }
    let date = httpdate::parse_http_date(value).ok()?;
    // A date in the past means "now": zero, which falls back to backoff.
    Some(date.duration_since(SystemTime::now()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            if let Ok(value) = http::HeaderValue::from_str(value) {
                map.insert(*name, value);
            }
        }
        map
    }

    #[test]
    fn server_waits_are_honoured_within_the_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0, Some(&headers(&[("retry-after-ms", "250")]))), Duration::from_millis(250));
        assert_eq!(policy.delay(0, Some(&headers(&[("retry-after", "3")]))), Duration::from_secs(3));
        let later = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(30));
        let wait = policy.delay(0, Some(&headers(&[("retry-after", &later)])));
        assert!(wait > Duration::from_secs(25) && wait <= Duration::from_secs(30), "{wait:?}");
    }

    #[test]
    fn an_unusable_retry_after_ms_leaves_retry_after_in_charge() {
        let policy = RetryPolicy::default();
        let both = headers(&[("retry-after-ms", "-1"), ("retry-after", "2")]);
        assert_eq!(policy.delay(0, Some(&both)), Duration::from_secs(2));
    }

    #[test]
    fn an_enormous_policy_does_not_panic() {
        let policy = RetryPolicy { initial_delay: Duration::MAX, max_delay: Duration::MAX, ..RetryPolicy::default() };
        assert!(policy.delay(40, None) <= Duration::from_secs(86_400));
    }

    #[test]
    fn bad_or_excessive_waits_fall_back_to_backoff() {
        let policy = RetryPolicy::default();
        for value in ["-1", "0", "1e9", "NaN", "soon", "3600"] {
            let wait = policy.delay(1, Some(&headers(&[("retry-after", value)])));
            assert!(wait > Duration::from_millis(749) && wait <= Duration::from_secs(1), "{value}: {wait:?}");
        }
    }

    #[test]
    fn hostile_values_neither_panic_nor_wait() {
        // `Duration::from_secs_f64` panics on negative, non-finite and overflowing values:
        // each of these must be ignored (no wait from the server) rather than reach it.
        let hostile = [
            "-5",
            "-0",
            "-1e309",
            "99999999999999999999",
            "18446744073709551616",
            "1e309",
            "inf",
            "-inf",
            "NaN",
            "",
            "0x10",
            "5 s",
            "Wed, 21 Oct 2015 07:28:00 GMT",
            "Mon, 99 Foo 2024 99:99:99 GMT",
        ];
        let policy = RetryPolicy::default();
        let far = "Fri, 31 Dec 9999 23:59:59 GMT";
        for value in hostile.into_iter().chain([far]) {
            for name in ["retry-after", "retry-after-ms"] {
                // The first backoff, 0.5 s less up to 25% jitter: no wait came from the header.
                let wait = policy.delay(0, Some(&headers(&[(name, value)])));
                assert!(
                    wait >= Duration::from_millis(375) && wait <= Duration::from_millis(500),
                    "{name}: {value}: {wait:?}"
                );
            }
        }
        // A date far ahead is read as a wait, and then refused as beyond the cap.
        let requested = retry_after(&headers(&[("retry-after", far)]));
        assert!(requested.is_some_and(|wait| wait > Duration::from_secs(86_400 * 365)), "{requested:?}");
    }

    #[test]
    fn backoff_doubles_from_half_a_second_to_eight_with_jitter() {
        let policy = RetryPolicy::default();
        for (retry, full) in [(0, 500), (1, 1000), (2, 2000), (3, 4000), (4, 8000), (10, 8000), (u32::MAX, 8000)] {
            let wait = policy.delay(retry, None);
            let full = Duration::from_millis(full);
            assert!(wait <= full && wait >= full.mul_f64(0.75), "retry {retry}: {wait:?}");
        }
    }

    #[test]
    fn retryable_statuses_and_the_servers_override() {
        let none = HeaderMap::new();
        for status in [408, 409, 429, 500, 502, 503, 504] {
            assert!(should_retry(StatusCode::from_u16(status).unwrap_or_default(), &none), "{status}");
        }
        for status in [400, 401, 403, 404, 422] {
            assert!(!should_retry(StatusCode::from_u16(status).unwrap_or_default(), &none), "{status}");
        }
        assert!(!should_retry(StatusCode::TOO_MANY_REQUESTS, &headers(&[("x-should-retry", "false")])));
        assert!(should_retry(StatusCode::BAD_REQUEST, &headers(&[("x-should-retry", "true")])));
    }
}
