//! `oneOf` and `anyOf`. After the nullable wrapper is taken off (`[X, {type: null}]` is `X`,
//! nullable), the members are grouped by JSON kind:
//! - one kind only: `anyOf [string, enum]` (OpenAI's "known values, or any other") is the
//!   enum, which is open already; objects tagged by a property with values of their own
//!   (`type`, or the `discriminator`'s: a `const`, or an enum whose member is then listed
//!   under each value) are a union tagged by it, nested unions on the same tag flattened;
//! - several kinds, one member each: a union by kind;
//! - `anyOf`/`oneOf` members that only list `required` fields ("one of these field sets")
//!   are the object's `requires`, checked before sending.
//!
//! Anything else (objects without a common tag, two tags of the same value) is `json`,
//! noted.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value as Yaml};

use super::super::doc::{Pointer, Value};
use super::Importer;
use super::schema::{Shape, Ty, is_null_schema};
use crate::naming;

/// The JSON kind a schema's values have, as a union by kind names them.
fn kind_of(s: &Value) -> Option<&'static str> {
    if s.get("enum").is_some() || s.get("const").is_some_and(|c| c.as_str().is_some()) {
        return Some("string").filter(|_| s.str_at("type").is_none_or(|t| t == "string"));
    }
    match s.str_at("type") {
        Some("string") => Some("string"),
        Some("integer") => Some("integer"),
        Some("number") => Some("number"),
        Some("boolean") => Some("boolean"),
        Some("array") => Some("array"),
        Some("object") => Some("object"),
        _ if s.get("properties").is_some() || s.get("allOf").is_some() => Some("object"),
        _ => None,
    }
}

impl<'a> Importer<'a> {
    pub(super) fn one_of(&mut self, s: &Value, members: &[Value], p: &Pointer, name: &str, component: bool) -> Ty {
        if s.get("properties").is_some() && members.iter().all(only_requires) {
            let mut bare = s.clone();
            if let Value::Object(o) = &mut bare {
                o.remove("oneOf");
                o.remove("anyOf");
            }
            let ty = self.object_or_map(&bare, &p.parent(), name, component);
            let exactly_one = s.get("oneOf").is_some();
            self.require_field_sets(&ty, members, exactly_one, p);
            return ty;
        }
        let rest: Vec<(usize, &Value)> = members.iter().enumerate().filter(|(_, m)| !is_null_schema(m)).collect();
        let nullable = rest.len() < members.len();
        let mut ty = match rest.as_slice() {
            [] => Ty::json(),
            [(i, only)] => self.convert(only, &p.push(i), name, component),
            _ => self.union(&rest, p, name),
        };
        ty.nullable |= nullable;
        ty
    }

    /// `anyOf`/`oneOf` of `required` lists on an object: its `requires`, when every set
    /// names optional fields of it (else noted, and not checked).
    fn require_field_sets(&mut self, ty: &Ty, members: &[Value], exactly_one: bool, p: &Pointer) {
        let sets: Vec<Vec<String>> = members
            .iter()
            .map(|m| {
                let names = m.get("required").and_then(Value::as_array).unwrap_or_default();
                names.iter().filter_map(Value::as_str).map(str::to_owned).collect()
            })
            .collect();
        let defined = ty.expr_text().filter(|_| !ty.nullable).and_then(|name| self.types.get_mut(name));
        let Some(Yaml::Mapping(def)) = defined.map(|d| &mut d.def) else {
            self.note(p, "\"one of these field sets is required\" is not checked before sending (not a plain object)");
            return;
        };
        let fields = def.get("fields").and_then(Yaml::as_mapping);
        let optional = |field: &String| {
            fields.and_then(|f| f.get(field.as_str())).and_then(|f| f.get("optional")).and_then(Yaml::as_bool)
                == Some(true)
        };
        let mut distinct: Vec<Vec<String>> = Vec::new();
        for set in sets {
            if !distinct.contains(&set) {
                distinct.push(set);
            }
        }
        let sets = distinct;
        let why = if sets.len() < 2 {
            Some("fewer than two distinct sets")
        } else if sets.iter().any(|set| set.is_empty() || !set.iter().all(optional)) {
            Some("a set names a field that is not an optional property")
        } else {
            None
        };
        if let Some(why) = why {
            self.note(p, format!("\"one of these field sets is required\" is not checked before sending ({why})"));
            return;
        }
        let list: Vec<Yaml> = sets
            .into_iter()
            .map(|set| match set.as_slice() {
                [one] => Yaml::from(one.as_str()),
                _ => Yaml::Sequence(set.into_iter().map(Yaml::from).collect()),
            })
            .collect();
        let mut requires = Mapping::new();
        requires.insert((if exactly_one { "one_of" } else { "any_of" }).into(), Yaml::Sequence(list));
        def.insert("requires".into(), Yaml::Mapping(requires));
    }

    fn union(&mut self, members: &[(usize, &Value)], p: &Pointer, name: &str) -> Ty {
        let mut by_kind: BTreeMap<&'static str, Vec<(usize, &Value)>> = BTreeMap::new();
        for (i, member) in members {
            let Some(kind) = self.deref(member).and_then(kind_of) else {
                return self.loosely(&p.push(i), "a union member whose JSON kind is not stated");
            };
            by_kind.entry(kind).or_default().push((*i, member));
        }
        let single = by_kind.len() == 1;
        self.enter_definition();
        let kinds = self.kind_members(&by_kind, p, name);
        self.leave_definition();
        let kinds = match kinds {
            Ok(kinds) => kinds,
            Err(ty) => return ty,
        };
        if single {
            if let Some((_, ty)) = kinds.into_iter().next() {
                return ty;
            }
            return Ty::json();
        }
        let mut expressions = Vec::new();
        for (kind, ty) in kinds {
            match ty.shape {
                Shape::Expr(e) if e != "json" && !ty.nullable => expressions.push((kind, e)),
                _ => return self.loosely(p, &format!("a union whose `{kind}` member has no type of its own")),
            }
        }
        let mut by = Mapping::new();
        for (kind, expr) in expressions {
            by.insert(kind.into(), expr.into());
        }
        let mut union = Mapping::new();
        union.insert("kinds".into(), Yaml::Mapping(by));
        let mut def = Mapping::new();
        def.insert("description".into(), self.described_at(p, name).into());
        def.insert("union".into(), Yaml::Mapping(union));
        self.define(name, p, def);
        Ty::named(name)
    }

    /// The type of each kind's members; `Err` when the union as a whole is `json`.
    fn kind_members(
        &mut self,
        by_kind: &BTreeMap<&'static str, Vec<(usize, &Value)>>,
        p: &Pointer,
        name: &str,
    ) -> Result<Vec<(&'static str, Ty)>, Ty> {
        let single = by_kind.len() == 1;
        let mut out = Vec::new();
        for (kind, group) in by_kind {
            let member_name =
                if single { name.to_owned() } else { naming::inline_type(name, kind).unwrap_or_default() };
            let ty = match (*kind, group.as_slice()) {
                (_, [(i, only)]) => self.inline(only, &p.push(i), &member_name),
                ("string", group) => self.open_enum(group, p, &member_name),
                ("object", group) => self.tagged(group, p, &member_name),
                (kind, _) => return Err(self.loosely(p, &format!("a union with several members of kind `{kind}`"))),
            };
            // A one-value string member (`"auto"` beside an integer) is an enum of one value.
            let ty = if single { ty } else { self.const_as_enum(ty, p, &member_name) };
            out.push((*kind, ty));
        }
        Ok(out)
    }

    /// Several string members: `string` or enums, all one open enum (or plain `string`).
    fn open_enum(&mut self, group: &[(usize, &Value)], p: &Pointer, name: &str) -> Ty {
        let mut values: Vec<String> = Vec::new();
        let mut named = None;
        for (i, member) in group {
            let Some(target) = self.deref(member) else { continue };
            let listed: Vec<String> = match (target.get("enum"), target.get("const")) {
                (Some(Value::Array(v)), _) => v.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                (_, Some(Value::String(c))) => vec![c.clone()],
                _ => continue,
            };
            if member.get("$ref").is_some() && named.is_none() {
                named = Some((*i, *member));
            }
            for v in listed {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        if values.is_empty() {
            return Ty::expr("string");
        }
        if let Some((i, member)) = named {
            let ty = self.inline(member, &p.push(i), name);
            let own = self
                .types
                .get(ty.expr_text().unwrap_or_default())
                .and_then(|d| d.def.get("enum"))
                .map(|e| e.as_sequence().map_or(0, Vec::len));
            if own == Some(values.len()) {
                return ty;
            }
        }
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let mut def = Mapping::new();
        def.insert("description".into(), self.described_at(p, name).into());
        def.insert("enum".into(), Yaml::Sequence(self.enum_values(&values, p)));
        self.define(name, p, def);
        Ty::named(name)
    }

    /// Several object members: a union tagged by the property each sets to its own one
    /// value; members that are unions on the same tag give their own members.
    fn tagged(&mut self, group: &[(usize, &Value)], p: &Pointer, name: &str) -> Ty {
        let mut flat = Vec::new();
        for (i, member) in group {
            self.flatten_members(member, &p.push(i), &mut flat, 0);
        }
        let plan = match self.find_tag(&flat) {
            Some(tag) => Plan { tag, by: BTreeMap::new(), covered: BTreeMap::new() },
            None => match self.find_shared_tag(&flat) {
                Some(plan) => plan,
                None => {
                    let why = "a union of objects with no tag field (a property with values of its own in each, \
                               or values shared by members a second property tells apart)";
                    return self.loosely(p, why);
                }
            },
        };
        let tag = plan.tag.clone();
        let mut variants = Mapping::new();
        // Members sharing a value: (member, how many values of `by` it has), in document order.
        let mut shared: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
        let mut untagged = None;
        self.enter_definition();
        for (i, (at, member)) in flat.iter().enumerate() {
            if let Some((_, (_, by))) = plan.covered.get(&i).and_then(|j| Some((j, flat.get(*j)?))) {
                let by = by
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(|r| r.rsplit('/').next())
                    .unwrap_or("another member");
                self.note(at, format!("left out of the union: decoded as `{by}`, which takes the same tag and every value of the field that tells them apart"));
                continue;
            }
            let Some(target) = self.deref(member) else { continue };
            let Some(values) = tag_values(self, target, &tag) else { continue };
            let first = values.first().map_or("", String::as_str);
            let member_name = naming::inline_type(name, first).unwrap_or_else(|_| format!("{name}Member"));
            let ty = self.inline(member, at, &member_name);
            let Some(e) = ty.expr_text().filter(|e| self.is_defined(e) && !ty.nullable).map(str::to_owned) else {
                self.leave_definition();
                return self.loosely(at, "a union member that is not a named object");
            };
            // A member the document does not require the tag of stands for objects without it
            // (the first such: OpenAI's `{"role": "user", "content": ...}` message).
            if plan.is_shared() && untagged.is_none() && !self.requires(target, &tag, 0) {
                untagged = Some(e.clone());
            }
            // A member tagged by an enum is listed under each of its values.
            for value in values {
                match plan.by.get(&value) {
                    Some(by) => {
                        let count = tag_values(self, target, by).map_or(0, |v| v.len());
                        shared.entry(value.clone()).or_default().push((e.clone(), count));
                        // Its place in the list, filled below.
                        variants.insert(value.into(), Yaml::Null);
                    }
                    None => {
                        variants.insert(value.into(), e.clone().into());
                    }
                }
            }
        }
        self.leave_definition();
        shared_groups(&plan, shared, &mut variants);
        let mut union = Mapping::new();
        union.insert("tag".into(), tag.into());
        if let Some(untagged) = untagged {
            union.insert("untagged".into(), untagged.into());
        }
        union.insert("variants".into(), Yaml::Mapping(variants));
        let mut def = Mapping::new();
        def.insert("description".into(), self.described_at(p, name).into());
        def.insert("union".into(), Yaml::Mapping(union));
        self.define(name, p, def);
        Ty::named(name)
    }

    /// The members of a union, with the members of member unions in their place.
    fn flatten_members(&self, member: &'a Value, at: &Pointer, out: &mut Vec<(Pointer, &'a Value)>, depth: usize) {
        let target = self.deref(member);
        let inner = target.and_then(|t| t.get("oneOf").or_else(|| t.get("anyOf"))).and_then(Value::as_array);
        match inner {
            Some(members) if depth < 8 && target.is_some_and(|t| t.get("properties").is_none()) => {
                for (i, m) in members.iter().enumerate().filter(|(_, m)| !is_null_schema(m)) {
                    self.flatten_members(m, &at.push("oneOf").push(i), out, depth + 1);
                }
            }
            _ => out.push((at.clone(), member)),
        }
    }

    /// The property every member sets to values of its own, no two members sharing one: the
    /// `discriminator`'s when stated, else the first such property of the first member. A
    /// property with one value in each member is preferred; failing one, a property every
    /// member requires and gives a `const` or an enum (the member then listed under each value).
    fn find_tag(&self, members: &[(Pointer, &Value)]) -> Option<String> {
        let first = self.deref(members.first()?.1)?;
        let mut candidates: Vec<String> = Vec::new();
        if let Some(stated) = first.get("discriminator").and_then(|d| d.str_at("propertyName")) {
            candidates.push(stated.to_owned());
        }
        candidates.extend(self.property_names(first, 0));
        let tags = |tag: &String, several: bool| {
            let mut seen: Vec<String> = Vec::new();
            members.iter().all(|(_, m)| {
                let Some(m) = self.deref(m) else { return false };
                match tag_values(self, m, tag) {
                    Some(values) if values.len() > 1 && !(several && self.requires(m, tag, 0)) => false,
                    Some(values) if !values.iter().any(|v| seen.contains(v)) => {
                        seen.extend(values);
                        true
                    }
                    _ => false,
                }
            })
        };
        candidates
            .iter()
            .find(|tag| tags(tag, false))
            .or_else(|| candidates.iter().find(|tag| tags(tag, true)))
            .cloned()
    }

    /// A tag every member gives values, some of them shared by several members: each shared
    /// value's members must have no other value, and a property (`by`) that each requires and
    /// gives a `const` or an enum (OpenAI's input items: all `type: message`, told apart by
    /// `role`). The `discriminator`'s property is tried first, then the first member's.
    fn find_shared_tag(&self, members: &[(Pointer, &Value)]) -> Option<Plan> {
        let first = self.deref(members.first()?.1)?;
        let mut candidates: Vec<String> = Vec::new();
        if let Some(stated) = first.get("discriminator").and_then(|d| d.str_at("propertyName")) {
            candidates.push(stated.to_owned());
        }
        candidates.extend(self.property_names(first, 0));
        candidates.into_iter().find_map(|tag| {
            let values: Option<Vec<Vec<String>>> =
                members.iter().map(|(_, m)| self.deref(m).and_then(|m| tag_values(self, m, &tag))).collect();
            let values = values?;
            let mut sharing: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, listed) in values.iter().enumerate() {
                for value in listed {
                    sharing.entry(value).or_default().push(i);
                }
            }
            let mut plan = Plan { tag: tag.clone(), by: BTreeMap::new(), covered: BTreeMap::new() };
            for (value, which) in sharing.into_iter().filter(|(_, which)| which.len() > 1) {
                if which.iter().any(|&i| values[i].len() > 1) {
                    return None;
                }
                let by = self.find_by(members, &which, &tag)?;
                let kept = self.cover(members, &which, &by, &mut plan.covered)?;
                if kept > 1 {
                    plan.by.insert(value.to_owned(), by);
                }
            }
            (!plan.by.is_empty() || !plan.covered.is_empty()).then_some(plan)
        })
    }

    /// Among members sharing a tag value, those whose values of `by` another's cover (all of
    /// them, the earlier member kept when equal) are left out, into `covered` (member index →
    /// the one that covers it): the others must have no value in common, so that `by` alone
    /// chooses, and a member decodes back as itself. How many are kept; `None` if two overlap.
    fn cover(
        &self,
        members: &[(Pointer, &Value)],
        which: &[usize],
        by: &str,
        covered: &mut BTreeMap<usize, usize>,
    ) -> Option<usize> {
        let values = |i: usize| -> Vec<String> {
            members.get(i).and_then(|(_, m)| self.deref(m)).and_then(|m| tag_values(self, m, by)).unwrap_or_default()
        };
        let mut kept: Vec<usize> = Vec::new();
        for &i in which {
            let mine = values(i);
            let covering = which.iter().copied().find(|&j| {
                let theirs = values(j);
                j != i && mine.iter().all(|v| theirs.contains(v)) && (theirs.len() > mine.len() || j < i)
            });
            match covering {
                Some(j) => {
                    covered.insert(i, j);
                }
                None => kept.push(i),
            }
        }
        let disjoint = kept.iter().enumerate().all(|(n, &i)| {
            let mine = values(i);
            kept[n + 1..].iter().all(|&j| values(j).iter().all(|v| !mine.contains(v)))
        });
        disjoint.then_some(kept.len())
    }

    /// The property, other than the tag, that each of `which` requires and gives values.
    fn find_by(&self, members: &[(Pointer, &Value)], which: &[usize], tag: &str) -> Option<String> {
        let member = |i: usize| members.get(i).and_then(|(_, m)| self.deref(m));
        let first = member(*which.first()?)?;
        self.property_names(first, 0).into_iter().filter(|p| p != tag).find(|p| {
            which.iter().all(|&i| member(i).is_some_and(|m| tag_values(self, m, p).is_some() && self.requires(m, p, 0)))
        })
    }

    /// Whether `s` (or one of its `allOf` parts, at most 16 levels: a document may loop)
    /// lists `field` as required.
    fn requires(&self, s: &Value, field: &str, depth: usize) -> bool {
        let listed =
            s.get("required").and_then(Value::as_array).is_some_and(|r| r.iter().any(|v| v.as_str() == Some(field)));
        let parts = s.get("allOf").and_then(Value::as_array).filter(|_| depth < 16);
        listed
            || parts.is_some_and(|parts| {
                parts.iter().filter_map(|m| self.deref(m)).any(|m| self.requires(m, field, depth + 1))
            })
    }

    /// The properties of `s` and its `allOf` parts (at most 16 levels: a document may loop).
    fn property_names(&self, s: &Value, depth: usize) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        if let Some(parts) = s.get("allOf").and_then(Value::as_array).filter(|_| depth < 16) {
            for part in parts.iter().filter_map(|m| self.deref(m)) {
                names.extend(self.property_names(part, depth + 1));
            }
        }
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            names.extend(props.keys().map(str::to_owned));
        }
        names
    }

    /// A description for a definition made at a `oneOf`/`anyOf`: the enclosing schema's.
    fn described_at(&self, p: &Pointer, name: &str) -> String {
        let parent = self.doc.pointee(&p.parent()).unwrap_or(&Value::Null);
        self.description_or(parent, name)
    }
}

/// Each tag value several members share, in its place among the variants: `{ by, members }`.
fn shared_groups(plan: &Plan, shared: BTreeMap<String, Vec<(String, usize)>>, variants: &mut Mapping) {
    for (value, mut members) in shared {
        // The most specific first (fewest values of `by`), else in document order.
        members.sort_by_key(|(_, count)| *count);
        let mut group = Mapping::new();
        group.insert("by".into(), plan.by.get(&value).cloned().unwrap_or_default().into());
        group.insert("members".into(), Yaml::Sequence(members.into_iter().map(|(m, _)| m.into()).collect()));
        variants.insert(value.into(), Yaml::Mapping(group));
    }
}

/// How a union of objects is told apart: its tag, and for each tag value several members
/// share, the property that tells them apart.
struct Plan {
    tag: String,
    by: BTreeMap<String, String>,
    /// Members left out (by index), each with the member whose values cover its own.
    covered: BTreeMap<usize, usize>,
}

impl Plan {
    /// Whether members share tag values (told apart, or some left out).
    fn is_shared(&self) -> bool {
        !self.by.is_empty() || !self.covered.is_empty()
    }
}

/// The values a member allows its tag property (through `allOf` parts): its `const`, or its
/// enum's values (all strings, distinct), if it has either.
fn tag_values(importer: &Importer<'_>, s: &Value, tag: &str) -> Option<Vec<String>> {
    tag_values_within(importer, s, tag, 0)
}

/// [`tag_values`], through at most 16 levels of `allOf` (a hostile document may loop).
fn tag_values_within(importer: &Importer<'_>, s: &Value, tag: &str, depth: usize) -> Option<Vec<String>> {
    if let Some(prop) = s.get("properties").and_then(|p| p.get(tag)) {
        let prop = importer.deref(prop)?;
        // `anyOf: [X, {type: null}]`: X's values (a union never reads a `null` tag).
        let prop = match prop.get("anyOf").or_else(|| prop.get("oneOf")).and_then(Value::as_array) {
            Some(members) => match members.iter().filter(|m| !is_null_schema(m)).collect::<Vec<_>>().as_slice() {
                [only] => importer.deref(only)?,
                _ => return None,
            },
            None => prop,
        };
        return match (prop.get("enum").and_then(Value::as_array), prop.get("const")) {
            (Some(values), _) if !values.is_empty() => {
                let values: Option<Vec<String>> = values.iter().map(|v| v.as_str().map(str::to_owned)).collect();
                values.filter(|v| (1..v.len()).all(|i| !v[..i].contains(&v[i])))
            }
            (_, Some(Value::String(c))) => Some(vec![c.clone()]),
            _ => None,
        };
    }
    let parts = s.get("allOf")?.as_array().filter(|_| depth < 16)?;
    parts.iter().filter_map(|m| importer.deref(m)).find_map(|m| tag_values_within(importer, m, tag, depth + 1))
}

/// A member that only lists `required` fields (and maybe a description): a field-set check.
fn only_requires(member: &Value) -> bool {
    member.as_object().is_some_and(|o| o.keys().all(|k| matches!(k, "required" | "description" | "title")))
        && member.get("required").is_some()
}
