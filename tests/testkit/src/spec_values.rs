//! Strategies for the JSON a spec allows, derived from the spec through the generator's own
//! intermediate model (`codegen::ir`): every generated type with its wire names, field
//! presence and constraints, map limits, enum values and union members.
//!
//! A [`Sample`] pairs an input with its canonical form, the JSON the model must encode back:
//! inputs use the leniencies the spec grants (unknown fields, `null` for an optional field, an
//! absent `missing_as_null` field, a whole number for a `number`), the canonical form does not.

use std::collections::BTreeMap;
use std::path::Path;

use codegen::ir::{self, Constraints, Item, JsonKind, MapLimits, Presence, Type};
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::Union;
use serde_json::{Map, Number, Value};

/// Below this depth collections may have elements; at it they are empty, which ends any
/// recursion through an array or a map (the only recursion a spec may have).
const MAX_DEPTH: usize = 8;

/// A JSON input the spec allows, and the JSON its model must encode to.
#[derive(Debug, Clone)]
pub struct Sample {
    pub input: Value,
    pub canonical: Value,
}

impl Sample {
    fn same(value: Value) -> Self {
        Sample { input: value.clone(), canonical: value }
    }
}

/// One spec, as the generator understands it.
pub struct Schema {
    pub spec: &'static str,
    /// Every generated type, by Rust name.
    pub items: BTreeMap<String, Item>,
    pub operations: Vec<ir::Operation>,
}

impl Schema {
    /// Reads, validates and lowers `spec` (a path relative to the workspace root).
    pub fn load(spec: &'static str) -> Schema {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let source = std::fs::read_to_string(root.join(spec)).unwrap_or_else(|e| panic!("read {spec}: {e}"));
        let model = codegen::model(spec, &source).unwrap_or_else(|e| panic!("{spec} lowers: {e}"));
        let items: BTreeMap<String, Item> =
            model.modules.into_iter().flat_map(|m| m.items).map(|item| (item_name(&item).to_owned(), item)).collect();
        Schema { spec, items, operations: model.operations }
    }

    /// Values of `ty` the spec allows, with their canonical forms.
    pub fn samples(&self, ty: &Type) -> BoxedStrategy<Sample> {
        self.ty(ty, &Constraints::default(), None, 0)
    }

    fn ty(&self, ty: &Type, c: &Constraints, limits: Option<&MapLimits>, depth: usize) -> BoxedStrategy<Sample> {
        match ty {
            Type::String => string(c.min_length, c.max_length).prop_map(|s| Sample::same(Value::String(s))).boxed(),
            Type::I64 | Type::UnixTime => integer(c).prop_map(|n| Sample::same(Value::from(n))).boxed(),
            Type::I32 => {
                let c = Constraints {
                    minimum: Some(c.minimum.map_or(f64::from(i32::MIN), |m| m.max(f64::from(i32::MIN)))),
                    maximum: Some(c.maximum.map_or(f64::from(i32::MAX), |m| m.min(f64::from(i32::MAX)))),
                    ..c.clone()
                };
                integer(&c).prop_map(|n| Sample::same(Value::from(n))).boxed()
            }
            Type::DateTime => date_time().prop_map(|s| Sample::same(Value::String(s))).boxed(),
            Type::F64 => number(c),
            Type::Bool => any::<bool>().prop_map(|b| Sample::same(Value::Bool(b))).boxed(),
            // Any value, kept as it is: `null`, booleans, integers of `i64` and `u64`, finite
            // floats, strings (half the time, which `json(2)` alone seldom gives at the top),
            // and arrays and objects of those, nested.
            Type::Json => prop_oneof![json(0), json(2)].prop_map(Sample::same).boxed(),
            Type::Vec(inner) => {
                // A length constraint on an array applies to each of its strings.
                let items = vec(self.ty(inner, c, None, depth + 1), sizes(depth, None));
                items.prop_map(|items| join(items, Value::Array)).boxed()
            }
            Type::Map(inner) => {
                let limits = limits.cloned().unwrap_or_default();
                let value_limits = Constraints { max_length: limits.max_value_length, ..Constraints::default() };
                let values = self.ty(inner, &value_limits, None, depth + 1);
                let keys = string(None, limits.max_key_length);
                btree_map(keys, values, sizes(depth, limits.max_entries))
                    .prop_map(|entries| {
                        let (input, canonical) =
                            entries.into_iter().map(|(k, s)| ((k.clone(), s.input), (k, s.canonical))).unzip();
                        Sample { input: Value::Object(input), canonical: Value::Object(canonical) }
                    })
                    .boxed()
            }
            Type::Param(name) => panic!("generic parameter `{name}` left unsubstituted"),
            Type::Named { name, args } => match self.items.get(name) {
                Some(Item::Struct(s)) => self.object(s, args, depth).boxed(),
                Some(Item::Enum(e)) => enum_value(e),
                Some(Item::Union(u)) => self.union(u, depth),
                Some(Item::KindUnion(u)) => self.kind_union(u, depth),
                Some(Item::Alias(a)) => {
                    let bindings: BTreeMap<&str, &Type> = a.generics.iter().map(String::as_str).zip(args).collect();
                    self.ty(&bind(&a.target, &bindings), c, Some(&a.limits), depth + 1)
                }
                None => panic!("{}: no generated type `{name}`", self.spec),
            },
        }
    }

    /// An object with the struct's fields (generic parameters bound to `args`), each present
    /// as its presence allows, plus fields the spec does not know (which decode, and are
    /// dropped unless the struct keeps them).
    fn object(&self, s: &ir::Struct, args: &[Type], depth: usize) -> impl Strategy<Value = Sample> + use<> {
        let bindings: BTreeMap<&str, &Type> = s.generics.iter().map(String::as_str).zip(args).collect();
        let fields: Vec<BoxedStrategy<FieldSample>> = s
            .fields
            .iter()
            .map(|field| {
                let ty = bind(&field.ty, &bindings);
                let value = self.ty(&ty, &field.constraints, Some(&field.limits), depth + 1);
                presence(field.name.wire.clone(), field.presence, value)
            })
            .collect();
        let known: Vec<String> = s.fields.iter().map(|f| f.name.wire.clone()).collect();
        let keep = s.unknown_fields.is_some();
        (fields, unknown_fields(known)).prop_map(move |(fields, extra)| {
            // With `keep_unknown_fields` the object encodes them back; else it drops them.
            let canonical = if keep { extra.clone() } else { Map::new() };
            let (mut input, mut canonical) = (extra, canonical);
            for field in fields {
                if let Some((key, value)) = field.input {
                    input.insert(key, value);
                }
                if let Some((key, value)) = field.canonical {
                    canonical.insert(key, value);
                }
            }
            Sample { input: Value::Object(input), canonical: Value::Object(canonical) }
        })
    }

    /// Every member with its tag (each of its tag values), and members with tags this crate
    /// does not know.
    fn union(&self, u: &ir::Union, depth: usize) -> BoxedStrategy<Sample> {
        let tags = |v: &ir::UnionVariant| -> Vec<String> {
            std::iter::once(v.variant.name.wire.clone()).chain(v.other_tags.iter().cloned()).collect()
        };
        let known: Vec<String> = u.variants.iter().flat_map(tags).collect();
        let mut members: Vec<BoxedStrategy<Sample>> = Vec::new();
        for variant in &u.variants {
            let Some(Item::Struct(member)) = self.items.get(&variant.member) else {
                panic!("{}: union member `{}` is not a struct", self.spec, variant.member);
            };
            let tag = u.tag.clone();
            // A member sharing its tag value gets one of its own values of the field that
            // chooses it (an unknown one would make the object `Unknown`, kept whole).
            let (by, by_values) = match &variant.shared {
                Some((by, values)) => (Some(by.clone()), values.clone()),
                None => (None, vec![String::new()]),
            };
            let tagged = (self.object(member, &[], depth + 1), select(tags(variant)), select(by_values)).prop_map(
                move |(mut sample, value, by_value)| {
                    for object in [&mut sample.input, &mut sample.canonical] {
                        if let Value::Object(map) = object {
                            map.insert(tag.clone(), Value::String(value.clone()));
                            if let Some(by) = &by {
                                map.insert(by.clone(), Value::String(by_value.clone()));
                            }
                        }
                    }
                    sample
                },
            );
            members.push(tagged.boxed());
            // The member for objects without the tag: sent without it too.
            if u.untagged.as_ref() == Some(&variant.variant.name.rust) {
                let tag = u.tag.clone();
                let untagged = self.object(member, &[], depth + 1).prop_map(move |mut sample| {
                    for object in [&mut sample.input, &mut sample.canonical] {
                        if let Value::Object(map) = object {
                            map.remove(&tag);
                        }
                    }
                    sample
                });
                members.push(untagged.boxed());
            }
        }
        let tag = u.tag.clone();
        let unknown =
            (unknown_string(known), vec((string(None, None), json(2)), 0..4)).prop_map(move |(value, rest)| {
                let mut object: Map<String, Value> = rest.into_iter().collect();
                object.insert(tag.clone(), Value::String(value));
                Sample::same(Value::Object(object))
            });
        members.push(unknown.boxed());
        Union::new(members).boxed()
    }
}

impl Schema {
    /// A value of each member's kind, and values of the kinds no member takes (`null`
    /// among them), which are kept as they are.
    fn kind_union(&self, u: &ir::KindUnion, depth: usize) -> BoxedStrategy<Sample> {
        let mut members: Vec<BoxedStrategy<Sample>> = Vec::new();
        for v in &u.variants {
            let values = self.ty(&v.ty, &Constraints::default(), None, depth + 1);
            // Where another member takes integers, a number sent as `1` would be that member's.
            let whole_is_other = !v.kinds.contains(&JsonKind::Integer);
            let values = values.prop_filter("an integer another member takes", move |s| {
                !(whole_is_other && kind(&s.input) == Some(JsonKind::Integer))
            });
            members.push(values.boxed());
        }
        let taken: Vec<JsonKind> = u.variants.iter().flat_map(|v| v.kinds.iter().copied()).collect();
        let unknown =
            json(2).prop_filter("a kind a member takes", move |v| !kind(v).is_some_and(|k| taken.contains(&k)));
        members.push(unknown.prop_map(Sample::same).boxed());
        Union::new(members).boxed()
    }
}

/// The kind of a JSON value, as a union by kind sees it; `None` for `null`.
fn kind(value: &Value) -> Option<JsonKind> {
    Some(match value {
        Value::Null => return None,
        Value::Bool(_) => JsonKind::Boolean,
        Value::Number(n) if n.is_f64() => JsonKind::Number,
        Value::Number(_) => JsonKind::Integer,
        Value::String(_) => JsonKind::String,
        Value::Array(_) => JsonKind::Array,
        Value::Object(_) => JsonKind::Object,
    })
}

/// The type's name, as the generated crate names it.
pub fn item_name(item: &Item) -> &str {
    match item {
        Item::Struct(s) => &s.meta.name,
        Item::Enum(e) => &e.meta.name,
        Item::Union(u) => &u.meta.name,
        Item::KindUnion(u) => &u.meta.name,
        Item::Alias(a) => &a.meta.name,
    }
}

/// A field's entry in the input and in the canonical form; `None` where it is absent.
#[derive(Debug, Clone)]
struct FieldSample {
    input: Option<(String, Value)>,
    canonical: Option<(String, Value)>,
}

fn presence(wire: String, presence: Presence, value: BoxedStrategy<Sample>) -> BoxedStrategy<FieldSample> {
    let entry = |wire: &String, value: Value| Some((wire.clone(), value));
    // Behind an `Option`, `null` is the field's own state, never a value of its type (a
    // union by kind keeps a `null` it is given whole, but only where nothing wraps it).
    let value = if presence == Presence::Required {
        value
    } else {
        value.prop_filter("`null` is an Option's", |s| !s.input.is_null()).boxed()
    };
    let present = {
        let wire = wire.clone();
        value.prop_map(move |s| FieldSample { input: entry(&wire, s.input), canonical: entry(&wire, s.canonical) })
    };
    let null = FieldSample { input: entry(&wire, Value::Null), canonical: entry(&wire, Value::Null) };
    match presence {
        Presence::Required => present.boxed(),
        Presence::Nullable { missing_as_null: false } => prop_oneof![3 => present, 1 => Just(null)].boxed(),
        // Absent decodes as `None`, which encodes as `null`.
        Presence::Nullable { missing_as_null: true } => {
            let absent = FieldSample { input: None, canonical: entry(&wire, Value::Null) };
            prop_oneof![2 => present, 1 => Just(null), 1 => Just(absent)].boxed()
        }
        // Absent or `null` decode as `None`, which is omitted.
        Presence::Optional => {
            let absent = FieldSample { input: None, canonical: None };
            let sent_null = FieldSample { input: entry(&wire, Value::Null), canonical: None };
            prop_oneof![2 => present, 1 => Just(absent), 1 => Just(sent_null)].boxed()
        }
        // Three states, each kept: absent stays absent, `null` stays `null`.
        Presence::OptionalNullable => {
            let absent = FieldSample { input: None, canonical: None };
            prop_oneof![2 => present, 1 => Just(absent), 1 => Just(null)].boxed()
        }
    }
}

/// Up to two fields whose names are none of `known`, with any JSON value.
fn unknown_fields(known: Vec<String>) -> impl Strategy<Value = Map<String, Value>> {
    let entry = (string(None, None), json(2));
    prop_oneof![3 => Just(Vec::new()), 1 => vec(entry, 1..3)]
        .prop_map(move |entries| entries.into_iter().filter(|(key, _)| !known.contains(key)).collect())
}

/// A known value of the enum, or a value it does not know (kept by `Unknown`).
fn enum_value(e: &ir::Enum) -> BoxedStrategy<Sample> {
    let known: Vec<String> = e.variants.iter().map(|v| v.name.wire.clone()).collect();
    let value = prop_oneof![3 => select(known.clone()), 1 => unknown_string(known)];
    value.prop_map(|s| Sample::same(Value::String(s))).boxed()
}

/// A string that is none of `known`.
fn unknown_string(known: Vec<String>) -> impl Strategy<Value = String> {
    string(None, None).prop_filter("a value the spec knows", move |s| !known.contains(s))
}

/// Strings of any characters (biased towards ASCII, escapes and edge cases), their length in
/// characters within the bounds; unbounded ones are kept short.
pub fn string(min: Option<u64>, max: Option<u64>) -> impl Strategy<Value = String> {
    let min = usize::try_from(min.unwrap_or(0)).unwrap_or(usize::MAX);
    let max = max.and_then(|m| usize::try_from(m).ok()).unwrap_or(usize::MAX).min(min.saturating_add(16));
    let chars =
        prop_oneof![2 => proptest::char::range('a', 'z'), 1 => proptest::char::range(' ', '~'), 1 => any::<char>()];
    vec(chars, min..=max.max(min)).prop_map(String::from_iter)
}

/// RFC 3339 date-times, with the liberties the RFC allows and a date/time crate would not
/// write back (lowercase `t`/`z`, trailing zeros, `-00:00`, a leap second); and now and then
/// text that is no date-time, which a `DateTime` keeps as well.
pub fn date_time() -> impl Strategy<Value = String> {
    let date = (0u32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    let time = (0u32..=23, 0u32..=59, 0u32..=60).prop_map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}"));
    let digits = vec(proptest::char::range('0', '9'), 1..=9).prop_map(|ds| format!(".{}", String::from_iter(ds)));
    let fraction = prop_oneof![Just(String::new()), digits];
    let offset = prop_oneof![
        Just("Z".to_owned()),
        Just("z".to_owned()),
        Just("-00:00".to_owned()),
        (prop_oneof![Just('+'), Just('-')], 0u32..=23, 0u32..=59).prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
    ];
    let valid = (date, prop_oneof![Just('T'), Just('t')], time, fraction, offset)
        .prop_map(|(date, t, time, fraction, offset)| format!("{date}{t}{time}{fraction}{offset}"));
    prop_oneof![4 => valid, 1 => string(None, None)]
}

/// Integers within the constraints, their bounds, the extremes of `i64` and small ones favoured.
fn integer(c: &Constraints) -> BoxedStrategy<i64> {
    // A bound of a whole-number field is whole; `as` saturates, which is what a bound needs.
    let lo = c.minimum.map_or(i64::MIN, |m| m.ceil() as i64);
    let hi = c.maximum.map_or(i64::MAX, |m| m.floor() as i64);
    prop_oneof![Just(lo), Just(hi), lo..=hi, (-10i64..=10).prop_map(move |n| n.clamp(lo, hi))].boxed()
}

/// Finite numbers within the constraints. A whole one may be sent as an integer (`1`); its
/// canonical form is the float (`1.0`), as the model encodes an `f64`.
fn number(c: &Constraints) -> BoxedStrategy<Sample> {
    let floats: BoxedStrategy<f64> = match (c.minimum, c.maximum) {
        (Some(lo), Some(hi)) => prop_oneof![Just(lo), Just(hi), lo..=hi].boxed(),
        // Half-bounded: the distance from the bound is any finite number (the bound if that
        // overflows), so no case is rejected.
        (Some(lo), None) => prop_oneof![Just(lo), finite().prop_map(move |x| or(lo + x.abs(), lo))].boxed(),
        (None, Some(hi)) => prop_oneof![Just(hi), finite().prop_map(move |x| or(hi - x.abs(), hi))].boxed(),
        (None, None) => finite().boxed(),
    };
    let float = |x: f64| Value::Number(Number::from_f64(x).expect("a finite number"));
    let as_float = floats.prop_map(move |x| Sample::same(float(x)));
    // The whole numbers in range, if there are any near zero.
    let lo = c.minimum.map_or(-1000.0, |m| m.max(-1000.0).ceil());
    let hi = c.maximum.map_or(1000.0, |m| m.min(1000.0).floor());
    if lo > hi {
        return as_float.boxed();
    }
    let whole = (lo as i64..=hi as i64).prop_map(move |n| Sample { input: Value::from(n), canonical: float(n as f64) });
    prop_oneof![3 => as_float, 1 => whole].boxed()
}

fn or(x: f64, fallback: f64) -> f64 {
    if x.is_finite() { x } else { fallback }
}

/// Any finite `f64`: normal, subnormal and zero, of either sign.
fn finite() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
}

/// Any JSON value (finite numbers, any strings), nested at most `depth` levels.
pub fn json(depth: u32) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        finite().prop_map(|x| Number::from_f64(x).map_or(Value::Null, Value::Number)),
        string(None, None).prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            btree_map(string(None, None), inner, 0..4).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// How many elements a collection at `depth` may have: none at the depth limit, so that
/// recursion through arrays and maps ends.
fn sizes(depth: usize, max_entries: Option<u64>) -> std::ops::RangeInclusive<usize> {
    let most = if depth >= MAX_DEPTH { 0 } else { 3 };
    let most = max_entries.and_then(|m| usize::try_from(m).ok()).map_or(most, |m| most.min(m));
    0..=most
}

fn join(items: Vec<Sample>, wrap: fn(Vec<Value>) -> Value) -> Sample {
    let (input, canonical) = items.into_iter().map(|s| (s.input, s.canonical)).unzip();
    Sample { input: wrap(input), canonical: wrap(canonical) }
}

/// `ty` with the generic parameters replaced by their arguments.
fn bind(ty: &Type, bindings: &BTreeMap<&str, &Type>) -> Type {
    match ty {
        Type::Param(name) => bindings.get(name.as_str()).map_or_else(|| ty.clone(), |arg| (*arg).clone()),
        Type::Vec(inner) => Type::Vec(Box::new(bind(inner, bindings))),
        Type::Map(inner) => Type::Map(Box::new(bind(inner, bindings))),
        Type::Named { name, args } => {
            Type::Named { name: name.clone(), args: args.iter().map(|a| bind(a, bindings)).collect() }
        }
        Type::String | Type::I64 | Type::F64 | Type::Bool => ty.clone(),
        Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => ty.clone(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    use super::*;

    fn named(name: &str, args: Vec<Type>) -> Type {
        Type::Named { name: name.to_owned(), args }
    }

    /// A generic named map (`Dict<T>`, a generic alias) gives values of its argument, within
    /// its limits: `Dict<Item>` is an object of `Item` objects.
    #[test]
    fn a_generic_map_gives_values_of_its_argument() {
        let schema = Schema::load("codegen/tests/fixtures/good/generic_maps.yaml");
        let strategy = schema.samples(&named("Dict", vec![named("Item", Vec::new())]));
        let mut runner = TestRunner::deterministic();
        for _ in 0..64 {
            let sample = strategy.new_tree(&mut runner).map(|tree| tree.current()).unwrap_or_else(|e| panic!("{e}"));
            let Value::Object(entries) = &sample.canonical else { panic!("not an object: {}", sample.canonical) };
            assert!(entries.len() <= 16, "more entries than `max_entries`: {}", sample.canonical);
            for (key, item) in entries {
                assert!(key.chars().count() <= 64, "a key longer than `max_key_length`: {key:?}");
                assert!(item.get("id").is_some_and(Value::is_string), "not an `Item`: {item}");
            }
        }
    }

    /// A union by kind gives values of each member's kind and of kinds no member takes, which
    /// are their own canonical form.
    #[test]
    fn a_union_by_kind_gives_every_kind() {
        let schema = Schema::load("codegen/tests/fixtures/good/kind_unions.yaml");
        let mut runner = TestRunner::deterministic();
        for (union, members) in
            [("Stop", vec![JsonKind::String, JsonKind::Array]), ("NEpochs", vec![JsonKind::Integer, JsonKind::String])]
        {
            let strategy = schema.samples(&named(union, Vec::new()));
            let mut seen = std::collections::BTreeSet::new();
            for _ in 0..256 {
                let sample =
                    strategy.new_tree(&mut runner).map(|tree| tree.current()).unwrap_or_else(|e| panic!("{e}"));
                match kind(&sample.input) {
                    Some(k) if members.contains(&k) => {
                        seen.insert(k.name());
                    }
                    _ => {
                        assert_eq!(sample.input, sample.canonical, "{union}: an unknown kind is kept as sent");
                        seen.insert("unknown");
                    }
                }
            }
            assert_eq!(seen.len(), members.len() + 1, "{union}: {seen:?}");
        }
    }

    /// A `json` field takes every kind of JSON value, nested ones too, each its own canonical
    /// form; behind an `Option`, `null` is the field's own state, never a value.
    #[test]
    fn a_json_value_is_any_value_kept_as_it_is() {
        let schema = Schema::load("codegen/tests/fixtures/good/json_values.yaml");
        let strategy = schema.samples(&named("Record", Vec::new()));
        let mut runner = TestRunner::deterministic();
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..256 {
            let sample = strategy.new_tree(&mut runner).map(|tree| tree.current()).unwrap_or_else(|e| panic!("{e}"));
            let payload = &sample.input["payload"];
            assert_eq!(payload, &sample.canonical["payload"], "a `json` value is its own canonical form");
            seen.insert(match payload {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(n) if n.is_f64() => "float",
                Value::Number(_) => "integer",
                Value::String(_) => "string",
                Value::Array(items) if items.iter().any(|i| i.is_array() || i.is_object()) => "nested array",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
            });
            if let Some(metadata) = sample.canonical.get("metadata") {
                assert!(!metadata.is_null(), "an optional `json` field's `null` is omitted: {}", sample.canonical);
            }
        }
        for kind in ["null", "boolean", "float", "integer", "string", "array", "nested array", "object"] {
            assert!(seen.contains(kind), "no `{kind}` among {seen:?}");
        }
    }
}
