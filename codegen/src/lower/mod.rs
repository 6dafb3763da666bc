//! Stage 3, intermediate model: lowers a validated spec to [`ir::Crate`].
//!
//! Every decision about the output is made here: Rust names, doc lines (with the
//! constraints the spec states), which struct fields the unions own, what allows the
//! `deprecated` lint. The validate stage has checked the spec, so a lookup that fails
//! here is a bug in this crate, reported as an internal error rather than a panic.

mod operations;

pub(crate) use crate::doctext::code;

use std::collections::{BTreeMap, BTreeSet};

use crate::ast::{self, FieldType, Spec, TypeBody, TypeDef, TypeExpr, TypeRef};
use crate::doctext as docs;
use crate::ir::{self, Item, Meta, Name, Type};
use crate::naming;
use crate::node_path::NodePath;
use crate::validate::{Symbol, SymbolKind, Symbols};

/// A lookup the validate stage should have made impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalError(pub String);

pub fn lower(spec: &Spec, symbols: &Symbols<'_>) -> Result<ir::Crate, InternalError> {
    let text = docs::DocText { base: spec.api.docs_url.as_ref().map(|u| u.trim_end_matches('/').to_owned()) };
    let cx = Cx::new(symbols, text.clone());
    let mut modules: BTreeMap<&str, Vec<(usize, Item)>> = BTreeMap::new();
    for (name, symbol) in &symbols.types {
        if cx.owned_tags.contains(&symbol.path) {
            continue;
        }
        let item = cx.item(name, symbol)?;
        modules.entry(&symbol.module).or_default().push((symbol.order, item));
    }
    let modules = modules
        .into_iter()
        .map(|(name, mut items)| {
            items.sort_by_key(|(order, _)| *order);
            let items: Vec<Item> = items.into_iter().map(|(_, item)| item).collect();
            let (deprecated_imports, imports) = imports(&items).into_iter().partition(|n| cx.deprecated.contains(n));
            ir::Module { name: name.to_owned(), imports, deprecated_imports, items }
        })
        .collect();
    let operations = spec.operations.iter().map(|op| cx.operation(op)).collect::<Result<Vec<_>, _>>()?;
    Ok(ir::Crate { api: api(spec, &text, &operations), modules, operations })
}

fn api(spec: &Spec, text: &docs::DocText, operations: &[ir::Operation]) -> ir::ApiInfo {
    let api = &spec.api;
    // Title and version are one-line facts; a multi-line YAML value is joined into one.
    let mut doc = vec![format!("# {}", docs::one_line(&api.title))];
    docs::push_paragraph(&mut doc, text.lines(&api.description));
    let mut facts = vec![format!("Base URL: <{}>", api.base_url.value)];
    if let Some(version) = &api.version {
        facts.push(format!(
            "API version described: `{}`",
            docs::code(&version.split_whitespace().collect::<Vec<_>>().join(" "))
        ));
    }
    docs::push_paragraph(&mut doc, facts.into_iter().map(|f| format!("- {f}")));
    docs::push_paragraph(&mut doc, operations::summary(operations));
    if let Some(krate) = &api.rust_crate {
        docs::push_paragraph(&mut doc, operations::example(&krate.value, api.base_url_env.as_deref(), operations));
    }
    ir::ApiInfo {
        docs: doc,
        base_url: api.base_url.value.clone(),
        base_url_env: api.base_url_env.clone(),
        bearer_auth: api.auth.is_some(),
        api_key_env: api.auth.as_ref().and_then(|a| a.env.clone()),
        version: api.version.clone(),
        headers: api.headers.iter().map(|(name, value)| (name.value.clone(), value.clone())).collect(),
        client_headers: api
            .client_headers
            .iter()
            .map(|h| {
                let mut docs = text.lines(h.description.as_deref().unwrap_or_default());
                let mut facts = vec![format!("Sent as the `{}` header.", docs::code(&h.header.value))];
                if let Some(env) = &h.env {
                    let env = docs::code(env);
                    facts.push(format!("Without a call to this method, the value of `{env}` is sent, if it is set."));
                }
                docs::push_paragraph(&mut docs, [facts.join(" ")]);
                ir::ClientHeader { setter: h.setter.clone(), header: h.header.value.clone(), env: h.env.clone(), docs }
            })
            .collect(),
    }
}

struct Cx<'s, 'a> {
    symbols: &'s Symbols<'a>,
    /// Union members: member name → (union name, tag field, tag value).
    members: BTreeMap<String, (String, String, String)>,
    /// Paths of the `const` tag fields that unions own: neither a struct field nor a type.
    owned_tags: BTreeSet<NodePath>,
    deprecated: BTreeSet<String>,
    text: docs::DocText,
}

impl<'s, 'a> Cx<'s, 'a> {
    fn new(symbols: &'s Symbols<'a>, text: docs::DocText) -> Self {
        let mut members = BTreeMap::new();
        let mut owned_tags = BTreeSet::new();
        let mut deprecated = BTreeSet::new();
        for (name, symbol) in &symbols.types {
            let SymbolKind::Def(def) = symbol.kind else {
                continue;
            };
            if def.deprecated.is_some() {
                deprecated.insert(name.clone());
            }
            let TypeBody::Union { tag, variants } = &def.body else {
                continue;
            };
            for variant in variants {
                let Some(member) = member_name(&variant.member, symbols) else {
                    continue;
                };
                if let Some(TypeDef { body: TypeBody::Object { fields }, .. }) = symbols.def(&member) {
                    owned_tags.extend(fields.iter().filter(|f| f.wire == tag.value).map(|f| f.path.clone()));
                }
                members.insert(member, (name.clone(), tag.value.clone(), variant.tag_value.clone()));
            }
        }
        Self { symbols, members, owned_tags, deprecated, text }
    }

    fn item(&self, name: &str, symbol: &Symbol<'a>) -> Result<Item, InternalError> {
        match symbol.kind {
            SymbolKind::Const { field, value } => self.const_enum(name, field, value).map(Item::Enum),
            SymbolKind::Def(def) => {
                let mut meta = Meta {
                    name: name.to_owned(),
                    docs: self
                        .text
                        .lines(def.description.as_deref().or(symbol.fallback_description).unwrap_or_default()),
                    deprecated: def.deprecated.clone(),
                    allow_deprecated: def.deprecated.is_some(),
                };
                match &def.body {
                    TypeBody::Object { fields } => self.object(meta, def, fields).map(Item::Struct),
                    TypeBody::Enum { values } => self.enumeration(meta, values).map(Item::Enum),
                    TypeBody::Union { tag, variants } => self.union(meta, &tag.value, variants).map(Item::Union),
                    TypeBody::Map { value, limits } => {
                        docs::push_paragraph(&mut meta.docs, limit_docs(limits));
                        let target = Type::Map(Box::new(self.ty(value, &[])?));
                        meta.allow_deprecated |= self.uses_deprecated(&target);
                        Ok(Item::Alias(ir::Alias { meta, target }))
                    }
                }
            }
        }
    }

    fn object(&self, mut meta: Meta, def: &TypeDef, fields: &[ast::Field]) -> Result<ir::Struct, InternalError> {
        let generics: Vec<String> = def.params.iter().map(|p| p.value.clone()).collect();
        if let Some((union, tag, value)) = self.members.get(&meta.name) {
            // A link by name resolves only where the union is in scope, and rustdoc
            // rejects an explicit target that repeats what the name already resolves to.
            let module = |name: &str| self.symbols.types.get(name).map(|s| s.module.as_str());
            let link = if module(union) == module(&meta.name) {
                format!("[`{union}`]")
            } else {
                format!("[`{union}`](crate::{union})")
            };
            let (value, tag) = (docs::code(value), docs::code(tag));
            docs::push_paragraph(
                &mut meta.docs,
                [format!("The `{value}` member of {link}, which reads and writes the `{tag}` field.")],
            );
        }
        let mut out = Vec::new();
        for field in fields.iter().filter(|f| !self.owned_tags.contains(&f.path)) {
            let ty = match &field.ty {
                FieldType::Ref(ty) => self.ty(ty, &generics)?,
                FieldType::Const(_) => Type::Named { name: self.by_path(&field.path)?, args: Vec::new() },
            };
            let rust = match &field.rust_name {
                Some(name) => name.value.clone(),
                None => naming::snake(&field.wire).map_err(InternalError)?,
            };
            let mut doc = self.text.lines(field.description.as_deref().unwrap_or_default());
            docs::push_paragraph(&mut doc, constraint_docs(&field.constraints));
            if field.presence == (ir::Presence::Nullable { missing_as_null: true }) {
                docs::push_paragraph(
                    &mut doc,
                    ["The API may leave this field out although it is required: absent decodes as `None`.".to_owned()],
                );
            }
            // An inline map has no type of its own to carry its limits: the field does.
            if let FieldType::Ref(TypeRef::Inline(inline)) = &field.ty {
                if let TypeBody::Map { limits, .. } = &inline.body {
                    docs::push_paragraph(&mut doc, limit_docs(limits));
                }
            }
            meta.allow_deprecated |= field.deprecated.is_some() || self.uses_deprecated(&ty);
            out.push(ir::Field {
                name: Name { rust, wire: field.wire.clone() },
                docs: doc,
                deprecated: field.deprecated.clone(),
                ty,
                presence: field.presence,
            });
        }
        Ok(ir::Struct { meta, generics, fields: out })
    }

    fn enumeration(&self, mut meta: Meta, values: &[ast::EnumValue]) -> Result<ir::Enum, InternalError> {
        let mut variants = Vec::new();
        for v in values {
            let rust = match &v.rust_name {
                Some(name) => name.value.clone(),
                None => naming::camel(&v.value).map_err(InternalError)?,
            };
            variants.push(ir::Variant {
                name: Name { rust, wire: v.value.clone() },
                docs: match &v.description {
                    Some(text) => self.text.lines(text),
                    None => vec![format!("The value `{}`.", docs::code(&v.value))],
                },
                deprecated: v.deprecated.clone(),
            });
        }
        meta.allow_deprecated |= variants.iter().any(|v| v.deprecated.is_some());
        Ok(ir::Enum { meta, variants, fallback: enum_fallback(), default: None })
    }

    /// A `const` field's type: a one-value enum whose `Default` is that value.
    fn const_enum(&self, name: &str, field: &ast::Field, value: &str) -> Result<ir::Enum, InternalError> {
        let mut doc = self.text.lines(field.description.as_deref().unwrap_or_default());
        let shown = docs::code(value);
        docs::push_paragraph(&mut doc, [format!("Always `{shown}` so far; the `Default` is that value.")]);
        let variant = ir::Variant {
            name: Name { rust: naming::camel(value).map_err(InternalError)?, wire: value.to_owned() },
            docs: vec![format!("The value `{shown}`.")],
            deprecated: None,
        };
        let meta = Meta { name: name.to_owned(), docs: doc, deprecated: None, allow_deprecated: false };
        Ok(ir::Enum { meta, variants: vec![variant], fallback: enum_fallback(), default: Some(0) })
    }

    fn union(&self, mut meta: Meta, tag: &str, variants: &[ast::Variant]) -> Result<ir::Union, InternalError> {
        let mut out = Vec::new();
        for variant in variants {
            let member =
                member_name(&variant.member, self.symbols).ok_or_else(|| internal("union member", &variant.path))?;
            let member_def = self.symbols.def(&member).ok_or_else(|| internal("union member type", &variant.path))?;
            meta.allow_deprecated |= member_def.deprecated.is_some();
            let mut doc = self.text.lines(member_def.description.as_deref().unwrap_or_default());
            if doc.is_empty() {
                doc.push(format!("A `{}` member.", docs::code(&variant.tag_value)));
            }
            out.push(ir::UnionVariant {
                variant: ir::Variant {
                    name: Name {
                        rust: naming::camel(&variant.tag_value).map_err(InternalError)?,
                        wire: variant.tag_value.clone(),
                    },
                    docs: doc,
                    deprecated: member_def.deprecated.clone(),
                },
                member,
            });
        }
        let shown = docs::code(tag);
        let fallback = ir::Variant {
            name: Name { rust: naming::FALLBACK_VARIANT.to_owned(), wire: String::new() },
            docs: vec![
                format!("A member this version of the spec does not know (its `{shown}` is none of the above),"),
                "kept as the raw JSON object so that it encodes back unchanged.".to_owned(),
                String::new(),
                format!("An object here whose `{shown}` is one of the above decodes back as that variant."),
            ],
            deprecated: None,
        };
        Ok(ir::Union { meta, tag: tag.to_owned(), variants: out, fallback })
    }

    fn ty(&self, ty: &TypeRef, generics: &[String]) -> Result<Type, InternalError> {
        match ty {
            TypeRef::Expr(expr) => self.expr(&expr.value, generics, &expr.path),
            TypeRef::Array(item) => Ok(Type::Vec(Box::new(self.ty(item, generics)?))),
            TypeRef::Inline(def) => match &def.body {
                TypeBody::Map { value, .. } => Ok(Type::Map(Box::new(self.ty(value, generics)?))),
                _ => Ok(Type::Named { name: self.by_path(&def.path)?, args: Vec::new() }),
            },
        }
    }

    fn expr(&self, expr: &TypeExpr, generics: &[String], at: &NodePath) -> Result<Type, InternalError> {
        let arg = |i: usize| -> Result<Type, InternalError> {
            let arg = expr.args.get(i).ok_or_else(|| internal("type argument", at))?;
            self.expr(arg, generics, at)
        };
        Ok(match expr.name.as_str() {
            "string" => Type::String,
            "integer" => Type::I64,
            "number" => Type::F64,
            "boolean" => Type::Bool,
            "array" => Type::Vec(Box::new(arg(0)?)),
            "map" => Type::Map(Box::new(arg(0)?)),
            param if generics.iter().any(|g| g == param) => Type::Param(param.to_owned()),
            name => {
                let args = (0..expr.args.len()).map(arg).collect::<Result<_, _>>()?;
                Type::Named { name: name.to_owned(), args }
            }
        })
    }

    fn by_path(&self, path: &NodePath) -> Result<String, InternalError> {
        self.symbols.by_path.get(path).cloned().ok_or_else(|| internal("inline type name", path))
    }

    fn uses_deprecated(&self, ty: &Type) -> bool {
        match ty {
            Type::Vec(inner) | Type::Map(inner) => self.uses_deprecated(inner),
            Type::Named { name, args } => {
                self.deprecated.contains(name) || args.iter().any(|a| self.uses_deprecated(a))
            }
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => false,
        }
    }
}

/// The named types `items` use that they do not define themselves.
fn imports(items: &[Item]) -> Vec<String> {
    fn walk(ty: &Type, out: &mut BTreeSet<String>) {
        match ty {
            Type::Vec(inner) | Type::Map(inner) => walk(inner, out),
            Type::Named { name, args } => {
                out.insert(name.clone());
                args.iter().for_each(|a| walk(a, out));
            }
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => {}
        }
    }
    let mut used = BTreeSet::new();
    let mut defined = BTreeSet::new();
    for item in items {
        match item {
            Item::Struct(s) => {
                defined.insert(s.meta.name.clone());
                s.fields.iter().for_each(|f| walk(&f.ty, &mut used));
            }
            Item::Enum(e) => {
                defined.insert(e.meta.name.clone());
            }
            Item::Union(u) => {
                defined.insert(u.meta.name.clone());
                used.extend(u.variants.iter().map(|v| v.member.clone()));
            }
            Item::Alias(a) => {
                defined.insert(a.meta.name.clone());
                walk(&a.target, &mut used);
            }
        }
    }
    used.difference(&defined).cloned().collect()
}

fn member_name(member: &TypeRef, symbols: &Symbols<'_>) -> Option<String> {
    match member {
        TypeRef::Expr(expr) => Some(expr.value.name.clone()),
        TypeRef::Inline(def) => symbols.by_path.get(&def.path).cloned(),
        TypeRef::Array(_) => None,
    }
}

fn enum_fallback() -> ir::Variant {
    ir::Variant {
        name: Name { rust: naming::FALLBACK_VARIANT.to_owned(), wire: String::new() },
        docs: vec![
            "A value this version of the spec does not know, kept as sent so that it".to_owned(),
            "encodes back unchanged.".to_owned(),
            String::new(),
            "A known value wrapped here encodes the same, but decodes back as its own variant.".to_owned(),
        ],
        deprecated: None,
    }
}

fn internal(what: &str, at: &NodePath) -> InternalError {
    InternalError(format!("no {what} for {at} after validation (a bug in codegen)"))
}

fn number(n: f64) -> String {
    // Whole numbers print without a fraction: `1`, not `1.0`.
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { n.to_string() }
}

fn constraint_docs(c: &ir::Constraints) -> Vec<String> {
    let mut parts = Vec::new();
    match (c.minimum, c.maximum) {
        (Some(min), Some(max)) => parts.push(format!("from {} to {} inclusive", number(min), number(max))),
        (Some(min), None) => parts.push(format!("at least {}", number(min))),
        (None, Some(max)) => parts.push(format!("at most {}", number(max))),
        (None, None) => {}
    }
    match (c.min_length, c.max_length) {
        (Some(min), Some(max)) => parts.push(format!("{min} to {max} characters")),
        (Some(min), None) => parts.push(format!("at least {min} characters")),
        (None, Some(max)) => parts.push(format!("at most {max} characters")),
        (None, None) => {}
    }
    if parts.is_empty() { Vec::new() } else { vec![format!("Constraint: {}.", parts.join("; "))] }
}

fn limit_docs(limits: &ir::MapLimits) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(n) = limits.max_entries {
        parts.push(format!("at most {n} entries"));
    }
    if let Some(n) = limits.max_key_length {
        parts.push(format!("keys at most {n} characters"));
    }
    if let Some(n) = limits.max_value_length {
        parts.push(format!("values at most {n} characters"));
    }
    if parts.is_empty() { Vec::new() } else { vec![format!("Limits: {}.", parts.join("; "))] }
}
