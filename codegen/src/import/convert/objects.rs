//! Objects, maps and `allOf`: an object schema becomes a named object type with a field per
//! property (required → plain, absent from `required` → `optional`); `allOf` of `$ref`s and
//! properties becomes `extends` when the parts do not overlap, and one flat object when they
//! do (a property narrowed again, `required` naming a base's field); a free-form object is
//! `map<...>`.

use heck::ToUpperCamelCase;
use serde_yaml::{Mapping, Value as Yaml};

use super::super::doc::{Pointer, Value};
use super::Importer;
use super::schema::{DEPRECATED, Shape, Ty, undescribed};
use crate::naming;

/// One property of an object, with where it is and whether it is required.
struct Property<'s> {
    wire: String,
    schema: &'s Value,
    pointer: Pointer,
    required: bool,
}

impl<'a> Importer<'a> {
    pub(super) fn object_or_map(&mut self, s: &Value, p: &Pointer, name: &str, component: bool) -> Ty {
        let has_properties = s.get("properties").and_then(Value::as_object).is_some_and(|o| !o.is_empty());
        if has_properties {
            let properties = own_properties(s, p);
            return self.object(s, p, name, Vec::new(), properties);
        }
        let value = match s.get("additionalProperties") {
            Some(v @ Value::Object(_)) => {
                let value_name = naming::inline_type(name, "value").unwrap_or_else(|_| format!("{name}Value"));
                let ty = self.inline(v, &p.push("additionalProperties"), &value_name);
                if ty.nullable || !matches!(ty.shape, Shape::Expr(_)) {
                    "json".to_owned()
                } else {
                    ty.expr_text().unwrap_or("json").to_owned()
                }
            }
            _ => "json".to_owned(),
        };
        if !component {
            return Ty::expr(format!("map<{value}>"));
        }
        let mut def = Mapping::new();
        def.insert("description".into(), self.description_or(s, name).into());
        def.insert("map".into(), value.into());
        if let Some(Value::Int(n)) = s.get("maxProperties") {
            def.insert("max_entries".into(), Yaml::from(i64::try_from(*n).unwrap_or(i64::MAX)));
        }
        self.define(name, p, def);
        Ty::named(name)
    }

    /// `allOf`: one member is that member; `$ref`s to objects plus properties are an object
    /// extending them; anything else is `json`.
    pub(super) fn all_of(&mut self, s: &Value, members: &[Value], at: &Pointer, name: &str, component: bool) -> Ty {
        let p = &at.push("allOf");
        // Members that only annotate (a description, `nullable`, a default) add no shape.
        let shaped: Vec<(usize, &Value)> = members.iter().enumerate().filter(|(_, m)| !annotation_only(m)).collect();
        if let [(i, only)] = shaped.as_slice() {
            if s.get("properties").is_none() {
                let mut ty = self.convert(only, &p.push(i), name, component);
                ty.nullable |= members.iter().any(|m| {
                    m.get("nullable").and_then(Value::as_bool) == Some(true) || super::schema::is_null_schema(m)
                });
                return ty;
            }
        }
        let members: Vec<&Value> = shaped.iter().map(|(_, m)| *m).collect();
        let members = members.as_slice();
        let mut bases = Vec::new();
        let mut own: Vec<Property<'_>> = Vec::new();
        let mut base_properties = Vec::new();
        for (i, member) in members.iter().copied().enumerate() {
            let at = p.push(shaped[i].0);
            if let Some(reference) = member.str_at("$ref") {
                let Some(target) = self.deref(member) else {
                    self.problem(&at.push("$ref"), format!("`$ref: {reference}` names no schema of this document"));
                    return Ty::json();
                };
                if !is_plain_object(target) {
                    return self.loosely(&at, "`allOf` over a schema that is not an object");
                }
                base_properties.extend(self.all_properties(target, &at).into_iter().map(|p| p.wire));
                bases.push((reference.to_owned(), at));
            } else if is_plain_object(member) {
                own.extend(own_properties(member, &at));
            } else {
                return self.loosely(&at, "`allOf` with a member that is neither a `$ref` nor an object");
            }
        }
        own.extend(own_properties(s, at));
        let required_elsewhere =
            members.iter().copied().chain([s]).any(|m| {
                required_list(m).iter().any(|r| base_properties.contains(r) && !own.iter().any(|o| &o.wire == r))
            });
        let overlap = own.iter().any(|o| base_properties.contains(&o.wire));
        if overlap || required_elsewhere {
            // Flatten: the bases' properties, then the own ones replacing any of the same name.
            let mut all = Vec::new();
            for (i, member) in members.iter().copied().enumerate() {
                if let Some(target) = self.deref(member) {
                    let props = self.all_properties(target, &p.push(shaped[i].0));
                    all.retain(|a: &Property<'_>| !props.iter().any(|b| b.wire == a.wire));
                    all.extend(props);
                }
            }
            let all_required: Vec<String> = members.iter().copied().chain([s]).flat_map(required_list).collect();
            for prop in &mut all {
                prop.required |= all_required.contains(&prop.wire);
            }
            self.note(p, "`allOf` whose parts overlap is imported as one flat object");
            return self.object(s, p, name, Vec::new(), all);
        }
        let mut names = Vec::new();
        for (reference, at) in bases {
            let ty = self.schema_ref(&reference, &at.push("$ref"));
            match ty.expr_text() {
                Some(base) if !ty.nullable && self.is_defined(base) => names.push(base.to_owned()),
                _ => return self.loosely(&at, "`allOf` over a schema that is not a named object"),
            }
        }
        self.object(s, p, name, names, own)
    }

    /// Every property of an object schema, its `allOf` parts' included (through `$ref`s).
    fn all_properties<'s>(&self, s: &'s Value, p: &Pointer) -> Vec<Property<'s>>
    where
        'a: 's,
    {
        let mut out: Vec<Property<'s>> = Vec::new();
        if let Some(members) = s.get("allOf").and_then(Value::as_array) {
            for (i, member) in members.iter().enumerate() {
                if let Some(target) = self.deref(member) {
                    for prop in self.all_properties(target, &p.push("allOf").push(i)) {
                        out.retain(|o| o.wire != prop.wire);
                        out.push(prop);
                    }
                }
            }
        }
        for prop in own_properties(s, p) {
            out.retain(|o| o.wire != prop.wire);
            out.push(prop);
        }
        out
    }

    fn object(&mut self, s: &Value, p: &Pointer, name: &str, extends: Vec<String>, props: Vec<Property<'_>>) -> Ty {
        self.enter_definition();
        let mut fields = Mapping::new();
        let mut taken = std::collections::BTreeSet::new();
        for prop in props {
            let field = self.field(name, &prop, &mut taken);
            fields.insert(prop.wire.clone().into(), Yaml::Mapping(field));
        }
        self.leave_definition();
        let mut def = Mapping::new();
        def.insert("description".into(), self.description_or(s, name).into());
        if s.get("deprecated").and_then(Value::as_bool) == Some(true) {
            def.insert("deprecated".into(), DEPRECATED.into());
        }
        if !extends.is_empty() {
            def.insert("extends".into(), Yaml::Sequence(extends.into_iter().map(Yaml::from).collect()));
        }
        def.insert("fields".into(), Yaml::Mapping(fields));
        self.define(name, p, def);
        Ty::named(name)
    }

    fn field(&mut self, owner: &str, prop: &Property<'_>, taken: &mut std::collections::BTreeSet<String>) -> Mapping {
        let hint = naming::inline_type(owner, &prop.wire)
            .unwrap_or_else(|_| format!("{owner}{}", prop.wire.to_upper_camel_case()));
        let ty = self.inline(prop.schema, &prop.pointer, &hint);
        let mut field = Mapping::new();
        let rust = naming::snake(&prop.wire).ok().filter(|n| !taken.contains(n));
        match rust {
            Some(rust) => {
                taken.insert(rust);
            }
            None => {
                let mut n = 2;
                let base = naming::snake(&prop.wire).unwrap_or_else(|_| "field".to_owned());
                while taken.contains(&format!("{base}_{n}")) {
                    n += 1;
                }
                let chosen = format!("{base}_{n}");
                self.note(&prop.pointer, format!("field `{}` is named `{chosen}` in Rust", prop.wire));
                taken.insert(chosen.clone());
                field.insert("rust_name".into(), chosen.into());
            }
        }
        write_type(&mut field, &ty);
        if !prop.required {
            field.insert("optional".into(), true.into());
        }
        if ty.nullable {
            field.insert("nullable".into(), true.into());
        }
        for (key, value) in &ty.extra {
            field.insert((*key).into(), value.clone());
        }
        let description = ty.description.clone().filter(|d| !d.is_empty()).unwrap_or_else(|| undescribed(&prop.wire));
        field.insert("description".into(), description.into());
        if ty.deprecated {
            field.insert("deprecated".into(), DEPRECATED.into());
        }
        field
    }
}

/// `type:` or `const:` for a type.
pub fn write_type(out: &mut Mapping, ty: &Ty) {
    match &ty.shape {
        Shape::Expr(e) => out.insert("type".into(), e.clone().into()),
        Shape::Const(c) => out.insert("const".into(), c.clone().into()),
    };
}

/// Whether an `allOf` member only annotates: no `$ref`, type, properties, union or values.
fn annotation_only(s: &Value) -> bool {
    s.as_object().is_some_and(|o| {
        o.keys().all(|k| {
            matches!(k, "description" | "title" | "nullable" | "default" | "deprecated" | "example" | "examples")
        })
    }) || super::schema::is_null_schema(s)
}

/// Whether a schema is an object with properties (directly or through `allOf`), and not a union.
fn is_plain_object(s: &Value) -> bool {
    s.get("oneOf").is_none()
        && s.get("anyOf").is_none()
        && (s.get("properties").is_some() || s.get("allOf").is_some() || s.str_at("type") == Some("object"))
}

fn required_list(s: &Value) -> Vec<String> {
    s.get("required")
        .and_then(Value::as_array)
        .map_or(Vec::new(), |r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
}

/// A schema's own `properties`, in order, with `required` applied.
fn own_properties<'s>(s: &'s Value, p: &Pointer) -> Vec<Property<'s>> {
    let required = required_list(s);
    let Some(props) = s.get("properties").and_then(Value::as_object) else { return Vec::new() };
    props
        .iter()
        .map(|(wire, schema)| Property {
            wire: wire.to_owned(),
            schema,
            pointer: p.push("properties").push(wire),
            required: required.iter().any(|r| r == wire),
        })
        .collect()
}
