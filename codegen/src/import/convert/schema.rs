//! One schema → one [`Ty`]: the classification every other conversion builds on. Nullability
//! in both of the document's styles (`anyOf [X, {type: null}]`, 3.0's `nullable: true`, and
//! 3.1's `type: [X, "null"]`) becomes `nullable`; one-value enums and `const` become
//! constants; formats and bounds the spec language has are carried, the others noted.

use serde_yaml::{Mapping, Value as Yaml};

use super::super::doc::{Pointer, Value};
use super::Importer;
use crate::naming;

/// What a schema imports as, where it is used (a field, an item, a parameter).
#[derive(Debug, Clone, PartialEq)]
pub struct Ty {
    pub shape: Shape,
    pub nullable: bool,
    /// `format` and constraints, as spec keys, in a fixed order.
    pub extra: Vec<(&'static str, Yaml)>,
    /// The schema's own description (for a field or parameter that has none).
    pub description: Option<String>,
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// A type expression: `string`, `array<RunStep>`, `map<json>`, `Metadata`.
    Expr(String),
    /// A one-value string enum.
    Const(String),
}

impl Ty {
    pub fn expr(expr: impl Into<String>) -> Ty {
        Ty { shape: Shape::Expr(expr.into()), nullable: false, extra: Vec::new(), description: None, deprecated: false }
    }

    pub fn named(name: impl Into<String>) -> Ty {
        Ty::expr(name)
    }

    /// Any JSON value: what the spec language cannot say more precisely.
    pub fn json() -> Ty {
        Ty::expr("json")
    }

    pub fn expr_text(&self) -> Option<&str> {
        match &self.shape {
            Shape::Expr(e) => Some(e),
            Shape::Const(_) => None,
        }
    }

    /// The type without its nullability, bounds or format, as an array's or map's element.
    fn element(&self) -> String {
        match &self.shape {
            Shape::Expr(e) => e.clone(),
            Shape::Const(_) => "string".to_owned(),
        }
    }
}

/// The `deprecated:` message of whatever the document marks `deprecated: true` (it gives none).
pub const DEPRECATED: &str = "Deprecated in the OpenAPI document.";

/// The description of something the document leaves undescribed (the spec requires one).
pub fn undescribed(name: &str) -> String {
    format!("`{name}` (the OpenAPI document does not describe it).")
}

/// A description as the spec keeps it: trimmed (folded YAML leaves a trailing newline).
pub fn clean(text: &str) -> String {
    text.trim().to_owned()
}

/// Whether a schema only says "null" (a nullable wrapper's other member).
pub fn is_null_schema(s: &Value) -> bool {
    s.str_at("type") == Some("null")
        || s.get("enum").and_then(Value::as_array).is_some_and(|v| v.len() == 1 && v[0] == Value::Null)
}

impl Importer<'_> {
    /// Converts the schema at `pointer`. `name` is the name a type defined here takes
    /// (the component's, or an inline one's); `component` says the schema is a component,
    /// which is always a named type when it is one of the defining kinds.
    pub fn convert(&mut self, s: &Value, pointer: &Pointer, name: &str, component: bool) -> Ty {
        let own_description = s.str_at("description").map(clean);
        let mut ty = match self.overlay.replace.get(pointer.as_str()) {
            Some(expr) => {
                self.used_overlay.insert(pointer.as_str().to_owned());
                Ty::expr(expr.clone())
            }
            None => self.shape(s, pointer, name, component),
        };
        if own_description.is_some() {
            ty.description = own_description;
        }
        ty.nullable |= s.get("nullable").and_then(Value::as_bool) == Some(true);
        ty.deprecated |= s.get("deprecated").and_then(Value::as_bool) == Some(true);
        ty
    }

    /// An inline schema at `pointer`, one level deeper; `name` as for [`Self::convert`].
    pub fn inline(&mut self, s: &Value, pointer: &Pointer, name: &str) -> Ty {
        let name = self.name_at(pointer, name.to_owned());
        self.deeper(pointer, |me| me.convert(s, pointer, &name, false))
    }

    fn shape(&mut self, s: &Value, p: &Pointer, name: &str, component: bool) -> Ty {
        if let Some(reference) = s.str_at("$ref") {
            let mut ty = self.schema_ref(reference, &p.push("$ref"));
            // A `$ref`'s siblings (3.1) describe this use; the referenced type's own text is
            // the fallback.
            ty.deprecated = false;
            return ty;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(members) = s.get(key).and_then(Value::as_array) {
                return self.one_of(s, members, &p.push(key), name, component);
            }
        }
        if let Some(members) = s.get("allOf").and_then(Value::as_array) {
            return self.all_of(s, members, p, name, component);
        }
        if let Some(value) = s.get("const") {
            return match value {
                Value::String(v) => Ty { shape: Shape::Const(v.clone()), ..Ty::expr("") },
                _ => self.loosely(p, "a `const` that is not a string"),
            };
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            return self.enumeration(s, values, p, name, component);
        }
        let (kind, nullable) = match s.get("type") {
            Some(Value::String(t)) => (Some(t.as_str()), false),
            Some(Value::Array(types)) => {
                let named: Vec<&str> = types.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect();
                let nullable = types.iter().any(|t| t.as_str() == Some("null"));
                match named.as_slice() {
                    [one] => (Some(*one), nullable),
                    [] => (None, nullable),
                    _ => return self.loosely(p, "a `type` list of several kinds"),
                }
            }
            _ => (None, false),
        };
        let mut ty = match kind {
            Some("string") => self.scalar("string", s, p),
            Some("integer") => self.scalar("integer", s, p),
            Some("number") => self.scalar("number", s, p),
            Some("boolean") => Ty::expr("boolean"),
            Some("array") => self.array(s, p, name),
            Some("object") => self.object_or_map(s, p, name, component),
            Some("null") => Ty { nullable: true, ..Ty::json() },
            Some(other) => self.loosely(p, &format!("an unknown `type: {other}`")),
            None if s.get("properties").is_some() || s.get("additionalProperties").is_some() => {
                self.object_or_map(s, p, name, component)
            }
            None => Ty::json(),
        };
        ty.nullable |= nullable;
        ty
    }

    /// Records that the schema at `p` is imported as any JSON value, and why.
    pub fn loosely(&mut self, p: &Pointer, why: &str) -> Ty {
        self.note(p, format!("imported as `json` (any JSON value): {why}"));
        Ty::json()
    }

    fn scalar(&mut self, kind: &str, s: &Value, p: &Pointer) -> Ty {
        let mut ty = Ty::expr(kind);
        if let Some(format) = s.str_at("format") {
            let carried = matches!(
                (kind, format),
                ("string", "date-time") | ("integer", "int32" | "int64" | "unixtime") | ("number", "float" | "double")
            );
            if carried && !self.overlay.ignore_formats.iter().any(|f| f == format) {
                ty.extra.push(("format", format.into()));
            }
        }
        let bounds: &[(&str, &'static str)] = match kind {
            "string" => &[("minLength", "min_length"), ("maxLength", "max_length")],
            _ => &[("minimum", "minimum"), ("maximum", "maximum")],
        };
        let is_unixtime = ty.extra.iter().any(|(k, v)| *k == "format" && v.as_str() == Some("unixtime"));
        for (from, to) in bounds {
            match s.get(from) {
                Some(Value::Int(i)) if kind == "integer" || kind == "string" => {
                    // A bound beyond i64 holds for every i64: there is nothing to check.
                    if let Ok(i) = i64::try_from(*i) {
                        if !is_unixtime {
                            ty.extra.push((to, i.into()));
                        }
                    }
                }
                Some(Value::Int(i)) => ty.extra.push((to, Yaml::from(*i as f64))),
                Some(Value::Float(f)) if kind == "number" => ty.extra.push((to, (*f).into())),
                Some(_) => self.note(&p.push(from), format!("`{from}` not carried: it is not a whole number")),
                None => {}
            }
        }
        ty
    }

    fn array(&mut self, s: &Value, p: &Pointer, name: &str) -> Ty {
        let item = match s.get("items") {
            Some(items) => {
                let items_name = naming::inline_type(name, "item").unwrap_or_else(|_| format!("{name}Item"));
                let item = self.inline(items, &p.push("items"), &items_name);
                let items_name = self.name_at(&p.push("items"), items_name);
                self.const_as_enum(item, &p.push("items"), &items_name)
            }
            None => Ty::json(),
        };
        let mut ty = if item.nullable {
            self.note(&p.push("items"), "elements that may be `null` are imported as `json` (any JSON value)");
            Ty::expr("array<json>")
        } else {
            Ty::expr(format!("array<{}>", item.element()))
        };
        // A format applies to the elements; their bounds have no place in the spec language.
        ty.extra.extend(item.extra.iter().filter(|(k, _)| *k == "format").cloned());
        if item.extra.iter().any(|(k, _)| *k != "format") {
            self.note(&p.push("items"), "bounds on an array's elements are not carried");
        }
        for (from, to) in [("minItems", "min_items"), ("maxItems", "max_items")] {
            if let Some(Value::Int(i)) = s.get(from) {
                if let Ok(i) = i64::try_from(*i) {
                    ty.extra.push((to, i.into()));
                }
            }
        }
        ty
    }

    fn enumeration(&mut self, s: &Value, values: &[Value], p: &Pointer, name: &str, component: bool) -> Ty {
        let nullable = values.contains(&Value::Null);
        let strings: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        if strings.len() + usize::from(nullable) != values.len() || strings.is_empty() {
            let kind = s.str_at("type").unwrap_or("json");
            self.note(p, "an enum of values that are not all strings: imported as its plain type");
            let mut ty = match kind {
                "integer" | "number" | "boolean" | "string" => Ty::expr(kind),
                _ => Ty::json(),
            };
            ty.nullable = nullable;
            return ty;
        }
        if strings.len() == 1 && !component {
            return Ty { shape: Shape::Const(strings[0].to_owned()), nullable, ..Ty::expr("") };
        }
        let mut def = Mapping::new();
        def.insert("description".into(), self.description_or(s, name).into());
        def.insert("enum".into(), Yaml::Sequence(self.enum_values(&strings, p)));
        self.define(name, p, def);
        Ty { nullable, ..Ty::named(name) }
    }

    /// A one-value string where no field can hold it as a `const` (an array's element, a
    /// parameter, a union's member): an enum of that one value, named `name`.
    pub fn const_as_enum(&mut self, ty: Ty, p: &Pointer, name: &str) -> Ty {
        let Shape::Const(value) = &ty.shape else { return ty };
        let description = ty.description.clone().unwrap_or_else(|| format!("The value `{value}`."));
        let mut def = Mapping::new();
        def.insert("description".into(), description.into());
        def.insert("enum".into(), Yaml::Sequence(self.enum_values(&[value.as_str()], p)));
        self.define(name, p, def);
        Ty { shape: Shape::Expr(name.to_owned()), ..ty }
    }

    /// An enum's values, each with a `rust_name` where the spec's own naming would clash
    /// (`gpt-4o` and `gpt_4o`) or find nothing to name (`""`).
    pub fn enum_values(&mut self, values: &[&str], p: &Pointer) -> Vec<Yaml> {
        let mut taken = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for (i, value) in values.iter().enumerate() {
            // `Unknown` is every enum's catch-all variant: a value of that name needs another.
            let natural = naming::camel(value).ok().filter(|n| n != "Unknown");
            let clash = natural.as_ref().is_none_or(|n| taken.contains(n));
            if !clash {
                taken.insert(natural.clone().unwrap_or_default());
                out.push(Yaml::from(*value));
                continue;
            }
            let base = natural.or_else(|| naming::camel(value).ok()).unwrap_or_else(|| "Value".to_owned());
            let mut n = i + 1;
            let mut chosen = format!("{base}{n}");
            while taken.contains(&chosen) {
                n += 1;
                chosen = format!("{base}{n}");
            }
            taken.insert(chosen.clone());
            self.note(&p.push("enum").push(i), format!("enum value `{value}` is named `{chosen}` in Rust"));
            let mut entry = Mapping::new();
            entry.insert("value".into(), (*value).into());
            entry.insert("rust_name".into(), chosen.into());
            out.push(Yaml::Mapping(entry));
        }
        out
    }

    /// A type's description: the schema's, else its title, else a sentence saying there is none.
    pub fn description_or(&self, s: &Value, name: &str) -> String {
        s.str_at("description")
            .or_else(|| s.str_at("title"))
            .map(clean)
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| undescribed(name))
    }
}
