//! What a spec states about values, carried unchanged from the spec tree through the
//! resolved model to the intermediate model: literals (defaults), constraints, map limits,
//! field presence, and the scalar types.
//!
//! A module at the bottom, so that every stage shares one definition of each instead of
//! converting between twins.

/// What a successful response's body is: `response: Type` (JSON), `none` or `binary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseBody {
    Json,
    None,
    /// The bytes as they come (`typed_api_runtime::Bytes`).
    Binary,
}

/// A literal written in the spec (a default value).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
}

/// Numeric, length and item-count constraints stated by the API.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    /// Of an array: how many items it must at least have.
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

/// The limits a map type states for its entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapLimits {
    pub max_entries: Option<u64>,
    pub max_key_length: Option<u64>,
    pub max_value_length: Option<u64>,
}

/// Whether a field may be absent or `null`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// `T`; absent is an error.
    Required,
    /// `Option<T>`; absent is an error unless `missing_as_null`, `None` encodes as `null`.
    Nullable { missing_as_null: bool },
    /// `Option<T>`; absent decodes as `None`, `None` is omitted.
    Optional,
    /// `Option<Option<T>>`, three wire states: absent is `None` (omitted when encoding),
    /// `null` is `Some(None)`, a value is `Some(Some(value))`.
    OptionalNullable,
}

/// The built-in types of the spec language that take no type arguments, whose names are
/// reserved in type expressions: JSON's scalars, and `json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    String,
    Integer,
    Number,
    Boolean,
    /// Any JSON value (`serde_json::Value`), kept as it is: the escape hatch for values the
    /// API gives no shape. Not a scalar of JSON, but a leaf of the spec language like them:
    /// it takes no constraint, no format, and has no single kind (so no query parameter or
    /// union-by-kind member may be one).
    Json,
}

impl Scalar {
    /// In the order error messages list them.
    pub const ALL: [Scalar; 5] = [Scalar::String, Scalar::Integer, Scalar::Number, Scalar::Boolean, Scalar::Json];

    /// The name a spec writes.
    pub fn name(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::Integer => "integer",
            Scalar::Number => "number",
            Scalar::Boolean => "boolean",
            Scalar::Json => "json",
        }
    }

    pub fn from_name(name: &str) -> Option<Scalar> {
        Scalar::ALL.into_iter().find(|scalar| scalar.name() == name)
    }
}

/// A kind of JSON value, as a union by kind tells its members apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonKind {
    String,
    Integer,
    Number,
    Boolean,
    Array,
    Object,
}

impl JsonKind {
    pub const ALL: [JsonKind; 6] =
        [JsonKind::String, JsonKind::Integer, JsonKind::Number, JsonKind::Boolean, JsonKind::Array, JsonKind::Object];

    /// The name the spec writes under `kinds`.
    pub fn name(self) -> &'static str {
        match self {
            JsonKind::String => "string",
            JsonKind::Integer => "integer",
            JsonKind::Number => "number",
            JsonKind::Boolean => "boolean",
            JsonKind::Array => "array",
            JsonKind::Object => "object",
        }
    }

    pub fn from_name(name: &str) -> Option<JsonKind> {
        JsonKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A `format` a field or query parameter states for its scalar: a Rust type of its own for
/// the same JSON, which encodes exactly what it decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An RFC 3339 string: the runtime's `DateTime`, which keeps the text.
    DateTime,
    /// Whole seconds since 1970: the runtime's `UnixTime`.
    UnixTime,
    /// `i32`: a value beyond it is a decode error naming the field.
    Int32,
    /// `i64`, as `integer` already is.
    Int64,
    /// `f64`: an `f32` would change the digits of a value sent with more of them.
    Float,
    /// `f64`, as `number` already is.
    Double,
}

impl Format {
    /// In the order error messages list them.
    pub const ALL: [Format; 6] =
        [Format::DateTime, Format::UnixTime, Format::Int32, Format::Int64, Format::Float, Format::Double];

    /// The name a spec writes (OpenAPI's, and OpenAI's `unixtime`).
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::UnixTime => "unixtime",
            Format::Int32 => "int32",
            Format::Int64 => "int64",
            Format::Float => "float",
            Format::Double => "double",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }

    /// The scalar the format applies to.
    pub fn scalar(self) -> Scalar {
        match self {
            Format::DateTime => Scalar::String,
            Format::UnixTime | Format::Int32 | Format::Int64 => Scalar::Integer,
            Format::Float | Format::Double => Scalar::Number,
        }
    }
}
