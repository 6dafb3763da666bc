//! Checks on types: references resolve, names are valid and distinct, unions match
//! their members' tags, constraints fit their types, and no type contains itself.

use std::collections::BTreeMap;

use super::symbols::{BUILTIN_GENERICS, SCALARS, SymbolKind, Symbols};
use crate::ast::{Field, FieldType, TypeBody, TypeDef, TypeExpr, TypeRef};
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};
use crate::naming::{self, FALLBACK_VARIANT};
use crate::node_path::{NodePath, Seg};
use crate::values::{Constraints, Presence};

/// Where each named type is referenced from, for the union-member rule.
pub type References = BTreeMap<String, Vec<NodePath>>;

/// Which types unions own, and where every named type is used: checked together once
/// operations have added their uses too.
#[derive(Debug, Default)]
pub struct Uses {
    pub refs: References,
    /// Member type → (its union, where the union lists it).
    pub members: BTreeMap<String, (String, NodePath)>,
}

pub fn check(symbols: &Symbols<'_>, d: &mut Diagnostics) -> Uses {
    let mut uses = Uses::default();
    // In definition order, so that "first"/"already" in messages follow the file.
    let mut ordered: Vec<_> = symbols.types.iter().collect();
    ordered.sort_by_key(|(_, symbol)| symbol.order);
    for (name, symbol) in ordered {
        match symbol.kind {
            SymbolKind::Def(def) => {
                if def.description.is_none() && symbol.fallback_description.is_none() {
                    let what = if symbol.path.segments().len() == 2 {
                        format!("type `{name}` has no description")
                    } else {
                        format!("this inline type (`{name}` in Rust) has no description")
                    };
                    d.error(&def.path, what, Some("add `description:`; it becomes the type's doc comment".into()));
                }
                check_params(def, symbols, d);
                check_body(name, def, symbols, d, &mut uses);
            }
            SymbolKind::Const { field, value } => check_const(field, value, d),
        }
    }
    uses
}

/// A const becomes a one-value enum, so its value must make a variant name.
fn check_const(field: &Field, value: &str, d: &mut Diagnostics) {
    let at = field.path.key("const");
    // A const's variant cannot be renamed, so the way out is a plain string field.
    let instead = "use `type: string` for this field instead, and give the value in its description";
    match naming::camel(value) {
        _ if value.is_empty() => d.error(
            &at,
            "a `const` value cannot be empty",
            Some("write the value the API always sends, e.g. `const: thread.run.step`".into()),
        ),
        Ok(rust) if rust == FALLBACK_VARIANT => d.error(
            &at,
            format!("the const `{value}` would be the variant `{FALLBACK_VARIANT}`, which keeps unknown values"),
            Some(instead.into()),
        ),
        Ok(_) => {}
        Err(problem) => d.error(&at, format!("invalid const value: {problem}"), Some(instead.into())),
    }
}

/// A union member may be used nowhere but in its union (the union owns its tag field).
pub fn check_member_uses(uses: &Uses, d: &mut Diagnostics) {
    for (member, (union, path)) in &uses.members {
        for used in uses.refs.get(member).into_iter().flatten() {
            d.error(
                used,
                format!("`{member}` is a member of union `{union}` and cannot also be used on its own"),
                Some(format!(
                    "the union owns the member's tag field; use `{union}` here, or define a separate type (member listed at {path})"
                )),
            );
        }
    }
}

fn check_params(def: &TypeDef, symbols: &Symbols<'_>, d: &mut Diagnostics) {
    for (i, param) in def.params.iter().enumerate() {
        let name = &param.value;
        if naming::camel(name).ok().as_deref() != Some(name.as_str()) || naming::check_rust_name(name).is_err() {
            d.error(
                &param.path,
                format!("`{name}` is not a valid type parameter"),
                Some("use an UpperCamelCase name such as `T`".into()),
            );
        } else if symbols.types.contains_key(name)
            || SCALARS.contains(&name.as_str())
            || naming::RESERVED_TYPE_NAMES.contains(&name.as_str())
        {
            d.error(
                &param.path,
                format!("type parameter `{name}` has the name of a type"),
                Some("rename the parameter, e.g. to `T`".into()),
            );
        } else if def.params[..i].iter().any(|p| &p.value == name) {
            d.error(
                &param.path,
                format!("type parameter `{name}` is listed twice"),
                Some("give each parameter its own name, e.g. `params: [K, V]`".into()),
            );
        } else if !uses_param(def, name) {
            // Rust rejects a struct parameter no field uses (E0392).
            d.error(
                &param.path,
                format!("type parameter `{name}` is not used by any field"),
                Some(format!("use it in a field, e.g. `data: {{ type: array<{name}>, ... }}`, or remove it")),
            );
        }
    }
}

/// Whether some field's type expression mentions `param`, at any depth.
fn uses_param(def: &TypeDef, param: &str) -> bool {
    fn in_expr(expr: &TypeExpr, param: &str) -> bool {
        expr.name == param || expr.args.iter().any(|a| in_expr(a, param))
    }
    fn in_ref(ty: &TypeRef, param: &str) -> bool {
        match ty {
            TypeRef::Expr(expr) => in_expr(&expr.value, param),
            TypeRef::Array(item) => in_ref(item, param),
            TypeRef::Inline(_) => false,
        }
    }
    match &def.body {
        TypeBody::Object { fields } => fields.iter().any(|f| matches!(&f.ty, FieldType::Ref(ty) if in_ref(ty, param))),
        TypeBody::Map { value, .. } => in_ref(value, param),
        TypeBody::Enum { .. } | TypeBody::Union { .. } => false,
    }
}

fn check_body(name: &str, def: &TypeDef, symbols: &Symbols<'_>, d: &mut Diagnostics, uses: &mut Uses) {
    let Uses { refs, members } = uses;
    let scope: Vec<&str> = def.params.iter().map(|p| p.value.as_str()).collect();
    match &def.body {
        TypeBody::Object { fields } => {
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            for field in fields {
                if let Some(rust) = field_rust_name(field, d) {
                    if let Some(first) = seen.insert(naming::unraw(&rust).to_owned(), &field.wire) {
                        d.error(
                            &field.path,
                            format!("fields `{first}` and `{}` both become `{rust}` in Rust", field.wire),
                            Some("set `rust_name` on one of them".into()),
                        );
                    }
                }
                if field.description.is_none() {
                    d.error(
                        &field.path,
                        format!("field `{}` has no description", field.wire),
                        Some("add `description:`; it becomes the field's doc comment".into()),
                    );
                }
                if let FieldType::Ref(ty) = &field.ty {
                    check_ref(ty, &scope, symbols, d, refs);
                    check_constraints(&field.constraints, ty, &field.path, d);
                } else if field.constraints != Constraints::default() {
                    d.error(
                        &field.path,
                        "a `const` field takes no constraints",
                        Some("remove them: a const has only one value".into()),
                    );
                }
            }
        }
        TypeBody::Enum { values } => check_enum(name, def, values, d),
        TypeBody::Union { tag, variants } => {
            if variants.is_empty() {
                d.error(
                    &def.path.key("union").key("variants"),
                    format!("union `{name}` has no variants"),
                    Some("add a member per tag value, e.g. `variants: { text: TextContent }`".into()),
                );
            }
            // Variants cannot be renamed (yet), but a member left out still decodes, into
            // `Unknown`: that is the way out when a tag value makes no usable variant name.
            let leave_out = "leave this member out of the union; its values then decode as `Unknown`";
            let mut seen: BTreeMap<String, &str> = BTreeMap::new();
            for variant in variants {
                match naming::camel(&variant.tag_value) {
                    Ok(rust) if rust == FALLBACK_VARIANT => d.error(
                        &variant.path,
                        format!(
                            "the tag value `{}` would be named `{FALLBACK_VARIANT}`, which keeps unknown members",
                            variant.tag_value
                        ),
                        Some(leave_out.into()),
                    ),
                    Ok(rust) => {
                        if let Some(first) = seen.insert(rust.clone(), &variant.tag_value) {
                            d.error(
                                &variant.path,
                                format!(
                                    "tag values `{first}` and `{}` both become the variant `{rust}`",
                                    variant.tag_value
                                ),
                                Some("keep one of the two; the other's values then decode as `Unknown`".into()),
                            );
                        }
                    }
                    Err(problem) => {
                        d.error(&variant.path, format!("invalid tag value: {problem}"), Some(leave_out.into()))
                    }
                }
                let member = match &variant.member {
                    TypeRef::Expr(expr) => {
                        let e = &expr.value;
                        check_expr(e, &expr.path, &[], symbols, d, &mut References::new());
                        let known = symbols.types.contains_key(&e.name)
                            || SCALARS.contains(&e.name.as_str())
                            || BUILTIN_GENERICS.contains(&e.name.as_str());
                        match symbols.def(&e.name) {
                            Some(def) if e.args.is_empty() => Some((e.name.clone(), def)),
                            // Unknown names were reported by `check_expr` already.
                            _ if !known => None,
                            _ => {
                                d.error(
                                    &expr.path,
                                    format!("a union member must be a named object type, not `{}`", e),
                                    Some("define an object type (with `fields`) and name it here".into()),
                                );
                                None
                            }
                        }
                    }
                    // A missing description is reported with the inline type's symbol.
                    TypeRef::Inline(def) => symbols.by_path.get(&def.path).map(|n| (n.clone(), def.as_ref())),
                    TypeRef::Array(_) => {
                        d.error(
                            &variant.path,
                            "a union member must be an object, not an array",
                            Some("name an object type here, or define one in place with `fields`".into()),
                        );
                        None
                    }
                };
                let Some((member_name, member)) = member else {
                    continue;
                };
                check_member(&tag.value, &variant.tag_value, &member_name, member, &variant.path, d);
                if let Some((other, _)) = members.get(&member_name) {
                    d.error(
                        &variant.path,
                        format!("`{member_name}` is already a member of union `{other}`"),
                        Some("a member belongs to one union only".into()),
                    );
                } else {
                    members.insert(member_name, (name.to_owned(), variant.path.clone()));
                }
            }
        }
        TypeBody::Map { value, .. } => check_ref(value, &scope, symbols, d, refs),
    }
}

/// The Rust name of a field, reporting why there is none.
pub fn field_rust_name(field: &Field, d: &mut Diagnostics) -> Option<String> {
    match &field.rust_name {
        Some(name) => match naming::check_snake_rust_name(&name.value) {
            Ok(()) => Some(name.value.clone()),
            Err(problem) => {
                d.error(&name.path, format!("invalid `rust_name`: {problem}"), Some(rust_name_hint(&name.value, true)));
                None
            }
        },
        None => match naming::snake(&field.wire) {
            Ok(name) => Some(name),
            Err(problem) => {
                d.error(
                    &field.path,
                    format!("invalid field name: {problem}"),
                    Some("set `rust_name` to choose the Rust name".into()),
                );
                None
            }
        },
    }
}

fn check_enum(name: &str, def: &TypeDef, values: &[crate::ast::EnumValue], d: &mut Diagnostics) {
    if values.is_empty() {
        d.error(
            &def.path.key("enum"),
            format!("enum `{name}` has no values"),
            Some("list at least one value: `enum: [open, closed]`".into()),
        );
    }
    let mut wire_seen: BTreeMap<&str, ()> = BTreeMap::new();
    let mut rust_seen: BTreeMap<String, &str> = BTreeMap::new();
    for value in values {
        if wire_seen.insert(&value.value, ()).is_some() {
            d.error(
                &value.path,
                format!("the value `{}` is listed twice", value.value),
                Some("remove this one".into()),
            );
            continue;
        }
        let rust = match &value.rust_name {
            Some(rn) => match naming::check_camel_rust_name(&rn.value) {
                Ok(()) => rn.value.clone(),
                Err(problem) => {
                    d.error(
                        &rn.path,
                        format!("invalid `rust_name`: {problem}"),
                        Some(rust_name_hint(&rn.value, false)),
                    );
                    continue;
                }
            },
            None => match naming::camel(&value.value) {
                Ok(rust) => rust,
                Err(problem) => {
                    d.error(
                        &value.path,
                        format!("invalid enum value name: {problem}"),
                        Some("set `rust_name` to choose the Rust name".into()),
                    );
                    continue;
                }
            },
        };
        if rust == FALLBACK_VARIANT {
            d.error(
                &value.path,
                format!("`{}` would be the variant `{FALLBACK_VARIANT}`, which keeps unknown values", value.value),
                Some("set `rust_name` to another name".into()),
            );
        } else if let Some(first) = rust_seen.insert(rust.clone(), &value.value) {
            d.error(
                &value.path,
                format!("values `{first}` and `{}` both become the variant `{rust}`", value.value),
                Some("set `rust_name` on one of them".into()),
            );
        }
    }
}

/// What to write instead of an invalid `rust_name` (`snake`: of a field or parameter, else
/// of a variant): the name in the right case (`Include` → `include`, `type` → `r#type`),
/// or, where that only appends `_` (`Self` → `Self_`), a name with a word added.
pub fn rust_name_hint(name: &str, snake: bool) -> String {
    let case = |n: &str| if snake { naming::snake(n) } else { naming::camel(n) };
    let valid = |n: &String| {
        if snake { naming::check_snake_rust_name(n).is_ok() } else { naming::check_camel_rust_name(n).is_ok() }
    };
    let base = naming::unraw(name);
    match case(base).ok().filter(valid) {
        Some(fixed) if fixed != name && !fixed.ends_with('_') => format!("write `rust_name: {fixed}`"),
        _ => match case(&format!("{base} value")).ok().filter(valid) {
            Some(other) => format!("choose another name, such as `rust_name: {other}`"),
            None => "choose a name made of letters, digits and `_`".to_owned(),
        },
    }
}

/// A union member must be a plain object whose tag field is a `const` of the variant's key.
fn check_member(tag: &str, tag_value: &str, member_name: &str, member: &TypeDef, at: &NodePath, d: &mut Diagnostics) {
    let TypeBody::Object { fields } = &member.body else {
        d.error(
            at,
            format!("union member `{member_name}` must be an object (with `fields`)"),
            Some(format!(
                "list an object type here whose fields include `{tag}: {{ const: {tag_value}, description: ... }}`"
            )),
        );
        return;
    };
    if !member.params.is_empty() {
        d.error(
            at,
            format!("union member `{member_name}` cannot be generic"),
            Some("list an object type without `params` here".into()),
        );
    }
    match fields.iter().find(|f| f.wire == tag) {
        None => d.error(
            at,
            format!("union member `{member_name}` has no `{tag}` field to carry the tag"),
            Some(format!("add `{tag}: {{ const: {tag_value}, description: ... }}` to its fields")),
        ),
        Some(Field { ty: FieldType::Const(value), .. }) if value.value == tag_value => {}
        Some(Field { ty: FieldType::Const(value), .. }) => d.error(
            &value.path,
            format!(
                "union member `{member_name}` has `{tag}: {}`, but the union maps the tag value `{tag_value}` to it",
                value.value
            ),
            Some(format!("make the union's key `{}`, or the member's const `{tag_value}`", value.value)),
        ),
        Some(field) => d.error(
            &field.path,
            format!("the tag field `{tag}` of union member `{member_name}` must be a `const`"),
            Some(format!("write `const: {tag_value}`")),
        ),
    }
    if let Some(field) = fields.iter().find(|f| f.wire == tag && f.presence != Presence::Required) {
        d.error(
            &field.path,
            format!("the tag field `{tag}` must be required"),
            Some("remove `nullable`/`optional` from it: every member carries its tag".into()),
        );
    }
}

pub fn check_ref(ty: &TypeRef, scope: &[&str], symbols: &Symbols<'_>, d: &mut Diagnostics, refs: &mut References) {
    match ty {
        TypeRef::Expr(expr) => check_expr(&expr.value, &expr.path, scope, symbols, d, refs),
        TypeRef::Array(item) => check_ref(item, scope, symbols, d, refs),
        // Inline types are symbols of their own and checked as such.
        TypeRef::Inline(def) => {
            if let TypeBody::Map { value, .. } = &def.body {
                check_ref(value, scope, symbols, d, refs);
            }
        }
    }
}

fn check_expr(
    expr: &TypeExpr,
    path: &NodePath,
    scope: &[&str],
    symbols: &Symbols<'_>,
    d: &mut Diagnostics,
    refs: &mut References,
) {
    let name = expr.name.as_str();
    let arity = if SCALARS.contains(&name) || scope.contains(&name) {
        Some(0)
    } else if BUILTIN_GENERICS.contains(&name) {
        Some(1)
    } else if let Some(symbol) = symbols.types.get(name) {
        refs.entry(name.to_owned()).or_default().push(path.clone());
        Some(match symbol.kind {
            SymbolKind::Def(def) => def.params.len(),
            SymbolKind::Const { .. } => 0,
        })
    } else {
        None
    };
    match arity {
        None => {
            // Suggest what a user can write: not the names generated for inline types.
            let written = symbols.types.iter().filter(|(_, s)| s.path.segments().len() == 2).map(|(n, _)| n.as_str());
            let known: Vec<&str> =
                SCALARS.iter().chain(&BUILTIN_GENERICS).copied().chain(scope.iter().copied()).chain(written).collect();
            // `types.Page.fields.first.type.fields.x.type` names `Page` as the owner.
            let owner = match path.segments() {
                [Seg::Key(types), Seg::Key(owner), ..] if types == "types" => {
                    symbols.def(owner).map(|def| (owner, def))
                }
                _ => None,
            };
            let diagnostic = match owner {
                Some((owner, def)) if def.params.iter().any(|p| p.value == name) => Diagnostic::new(
                    path,
                    format!("`{name}` is a type parameter of `{owner}`, which inline types inside it cannot use"),
                )
                .with_hint(format!("define the inline type as a named generic type and use it as `Name<{name}>`")),
                _ => Diagnostic::new(path, format!("unknown type `{name}`")).with_hint(suggest(name, &known)),
            };
            d.push(diagnostic.at_value(expr.offset));
        }
        Some(n) if n != expr.args.len() => {
            let want = if n == 0 {
                "no type arguments".to_owned()
            } else {
                format!("{n} type argument{}", if n == 1 { "" } else { "s" })
            };
            let given = expr.args.len();
            let message = format!("`{name}` takes {want}, but {given} {} given", if given == 1 { "is" } else { "are" });
            let params: Vec<&str> = match symbols.def(name) {
                Some(def) => def.params.iter().map(|p| p.value.as_str()).collect(),
                None => vec!["T"; n],
            };
            let hint = if n == 0 {
                format!("`{name}` is not generic: write `{name}` alone")
            } else {
                format!("`{name}` is declared as `{name}<{}>`: give one type for each parameter", params.join(", "))
            };
            d.push(Diagnostic::new(path, message).with_hint(hint).at_value(expr.offset));
        }
        Some(_) => {}
    }
    for arg in &expr.args {
        check_expr(arg, path, scope, symbols, d, refs);
    }
}

/// Constraints must fit the type they constrain and not contradict each other.
pub fn check_constraints(c: &Constraints, ty: &TypeRef, path: &NodePath, d: &mut Diagnostics) {
    let scalar = match ty {
        TypeRef::Expr(expr) if expr.value.args.is_empty() => Some(expr.value.name.as_str()),
        _ => None,
    };
    let numeric = matches!(scalar, Some("integer" | "number"));
    let elsewhere = "remove them, and state the limit in the description";
    if (c.minimum.is_some() || c.maximum.is_some()) && !numeric {
        let hint =
            if scalar == Some("string") { "for a string's length use `min_length`/`max_length`" } else { elsewhere };
        d.error(path, "`minimum`/`maximum` apply to `integer` and `number` only", Some(hint.into()));
    }
    if (c.min_length.is_some() || c.max_length.is_some()) && scalar != Some("string") {
        let hint = if numeric { "for a number's range use `minimum`/`maximum`" } else { elsewhere };
        d.error(path, "`min_length`/`max_length` apply to `string` only", Some(hint.into()));
    }
    for (key, bound) in [("minimum", c.minimum), ("maximum", c.maximum)] {
        if bound.is_some_and(|b| !b.is_finite()) {
            d.error(
                &path.key(key),
                format!("`{key}` must be a finite number"),
                Some("remove it for no limit, or write a number".into()),
            );
        }
    }
    if let (Some("integer"), Some(min), Some(max)) = (scalar, c.minimum, c.maximum) {
        // Both finite and in order, yet no whole number between them: nothing would pass.
        if min.is_finite() && max.is_finite() && min <= max && min.ceil() > max.floor() {
            d.error(
                &path.key("minimum"),
                format!("no integer lies between `minimum` ({min}) and `maximum` ({max})"),
                Some("widen the range to include a whole number".into()),
            );
        }
    }
    let swap = || Some("swap them, or fix the one that is wrong".to_owned());
    if let (Some(min), Some(max)) = (c.minimum, c.maximum) {
        if min > max {
            d.error(&path.key("minimum"), format!("`minimum` ({min}) is greater than `maximum` ({max})"), swap());
        }
    }
    if let (Some(min), Some(max)) = (c.min_length, c.max_length) {
        if min > max {
            d.error(
                &path.key("min_length"),
                format!("`min_length` ({min}) is greater than `max_length` ({max})"),
                swap(),
            );
        }
    }
}
