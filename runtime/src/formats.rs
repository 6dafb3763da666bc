//! The types behind a spec's `format`s: [`DateTime`] (`format: date-time`, RFC 3339 text) and
//! [`UnixTime`] (`format: unixtime`, whole seconds since 1970), with typed access through
//! [`jiff`].
//!
//! Both encode exactly what they decoded. A [`DateTime`] keeps the text it was sent:
//! `2024-01-01T00:00:00.000Z` and `2024-01-01t00:00:00z` are valid RFC 3339 that a date/time
//! crate would write back as `2024-01-01T00:00:00Z`, and a proxy or a cache must not change
//! them. Its text is parsed only when asked ([`DateTime::timestamp`]), so a date-time the
//! crate cannot read never makes a whole response fail to decode: the accessor reports it.

use std::fmt;
use std::str::FromStr;

pub use jiff::Timestamp;

/// A `format: date-time` string: an RFC 3339 date and time with an offset
/// (`2024-05-01T12:30:00Z`), kept as the text that was sent.
///
/// Decoding accepts any string and keeps it; [`DateTime::timestamp`] parses it. Values made
/// in code ([`DateTime::parse`], `From<Timestamp>`) are valid. Equality compares the text:
/// `…00Z` and `…00+00:00` are the same instant but not equal `DateTime`s; compare their
/// [`timestamp`](DateTime::timestamp)s for instants.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime(String);

impl DateTime {
    /// Checks that `text` is a date-time this crate can read, and keeps it as written.
    pub fn parse(text: impl Into<String>) -> Result<Self, DateTimeError> {
        let text = text.into();
        parse_timestamp(&text)?;
        Ok(DateTime(text))
    }

    /// The text as sent or given, unchanged.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, unchanged.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The instant the text names, or why it names none. A leap second (`23:59:60`) reads
    /// as the second before it, as [`jiff`] reads it.
    pub fn timestamp(&self) -> Result<Timestamp, DateTimeError> {
        parse_timestamp(&self.0)
    }
}

fn parse_timestamp(text: &str) -> Result<Timestamp, DateTimeError> {
    Timestamp::from_str(text).map_err(|error| DateTimeError { text: text.to_owned(), reason: error.to_string() })
}

/// Written as RFC 3339 in UTC, e.g. `2024-05-01T12:30:00Z` (fractional seconds only when
/// there are some).
impl From<Timestamp> for DateTime {
    fn from(timestamp: Timestamp) -> Self {
        DateTime(timestamp.to_string())
    }
}

impl FromStr for DateTime {
    type Err = DateTimeError;

    fn from_str(text: &str) -> Result<Self, DateTimeError> {
        DateTime::parse(text)
    }
}

/// The text, as it goes in a query string.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl serde::Serialize for DateTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

/// Any string: an unreadable one is kept, and reported by [`DateTime::timestamp`].
impl<'de> serde::Deserialize<'de> for DateTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(DateTime)
    }
}

/// A `format: unixtime` integer: whole seconds since 1970-01-01T00:00:00Z, as OpenAI sends
/// `created_at`. It encodes as the integer it decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct UnixTime(i64);

impl UnixTime {
    /// The time `seconds` after (or before, if negative) 1970-01-01T00:00:00Z.
    pub const fn from_seconds(seconds: i64) -> Self {
        UnixTime(seconds)
    }

    /// The seconds since 1970-01-01T00:00:00Z, as sent.
    pub const fn seconds(self) -> i64 {
        self.0
    }

    /// The instant, or an error for seconds beyond the years -9999 to 9999 that [`jiff`]
    /// represents.
    pub fn timestamp(self) -> Result<Timestamp, DateTimeError> {
        Timestamp::from_second(self.0)
            .map_err(|error| DateTimeError { text: self.0.to_string(), reason: error.to_string() })
    }
}

impl From<i64> for UnixTime {
    fn from(seconds: i64) -> Self {
        UnixTime(seconds)
    }
}

impl From<UnixTime> for i64 {
    fn from(time: UnixTime) -> Self {
        time.0
    }
}

/// The whole seconds of `timestamp`; a fraction of a second is dropped (towards the past
/// for instants after 1970, as [`Timestamp::as_second`] does).
impl From<Timestamp> for UnixTime {
    fn from(timestamp: Timestamp) -> Self {
        UnixTime(timestamp.as_second())
    }
}

/// The integer, as it goes in a query string.
impl fmt::Display for UnixTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A date-time or a Unix time that names no instant this crate can represent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateTimeError {
    text: String,
    reason: String,
}

impl DateTimeError {
    /// The text (or the seconds) that could not be read.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for DateTimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not an RFC 3339 date-time this crate can read: {}", self.text, self.reason)
    }
}

impl std::error::Error for DateTimeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_keep_their_text_and_read_as_instants() {
        for text in [
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00.000Z",
            "2024-01-01t00:00:00z",
            "2024-01-01T01:00:00+01:00",
            "2023-12-31T19:00:00.000000000-05:00",
        ] {
            let decoded: DateTime = serde_json::from_str(&format!("\"{text}\"")).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(serde_json::to_string(&decoded).ok(), Some(format!("\"{text}\"")));
            assert_eq!(decoded.timestamp().map(|t| t.as_second()), Ok(1_704_067_200), "{text}");
        }
    }

    #[test]
    fn an_unreadable_date_time_decodes_and_reports_on_access() {
        let decoded: Result<DateTime, _> = serde_json::from_str("\"next tuesday\"");
        let decoded = decoded.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded.as_str(), "next tuesday");
        let error = decoded.timestamp().err().map(|e| e.to_string()).unwrap_or_default();
        assert!(error.starts_with("`next tuesday` is not an RFC 3339 date-time"), "{error}");
        assert!(DateTime::parse("2024-13-01T00:00:00Z").is_err());
    }

    #[test]
    fn values_made_in_code_are_written_as_rfc_3339() {
        let instant = Timestamp::from_second(1_704_067_200).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(DateTime::from(instant).as_str(), "2024-01-01T00:00:00Z");
        assert_eq!(UnixTime::from(instant), UnixTime::from_seconds(1_704_067_200));
        assert_eq!(UnixTime::from_seconds(1_704_067_200).to_string(), "1704067200");
        assert!(UnixTime::from_seconds(i64::MAX).timestamp().is_err());
    }
}
