//! The symbol table: every type the spec defines, named or in place, under its Rust name,
//! with its module and its place in the spec. Built first, so that every check can resolve
//! a type name, and so that the names of types defined in place are made once.

use std::collections::BTreeMap;

use crate::ast::{Field, FieldType, Spanned, Spec, TypeBody, TypeDef, TypeRef};
use crate::diagnostics::Diagnostics;
use crate::naming;
use crate::node_path::NodePath;
use crate::values::Scalar;

/// Built-in generic names: `array<T>`, `map<T>`.
pub(super) const ARRAY: &str = "array";
pub(super) const MAP: &str = "map";
pub(super) const BUILTIN_GENERICS: [&str; 2] = [ARRAY, MAP];

/// For a named or inline type whose name is not a Rust type name.
const TYPE_NAME_HINT: &str = "type names are Rust identifiers in UpperCamelCase, such as `MessageCreation`";

#[derive(Debug)]
pub(super) struct Symbols<'a> {
    /// Every type by Rust name: named ones, inline ones and the enums behind `const` fields.
    pub types: BTreeMap<String, Symbol<'a>>,
    /// The Rust name of each inline type and const enum, by the path that defines it.
    pub by_path: BTreeMap<NodePath, String>,
}

#[derive(Debug)]
pub(super) struct Symbol<'a> {
    pub kind: SymbolKind<'a>,
    /// The module (file) the type is written to: its top-level owner's.
    pub module: String,
    /// Definition order within the spec, so output follows the spec's reading order.
    pub order: usize,
    pub path: NodePath,
    /// For inline types: the description of the field or variant that holds them.
    pub fallback_description: Option<&'a str>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum SymbolKind<'a> {
    Def(&'a TypeDef),
    /// The one-value enum behind a `const` field.
    Const {
        field: &'a Field,
        value: &'a str,
    },
}

impl<'a> Symbols<'a> {
    pub(super) fn def(&self, name: &str) -> Option<&'a TypeDef> {
        match self.types.get(name)?.kind {
            SymbolKind::Def(def) => Some(def),
            SymbolKind::Const { .. } => None,
        }
    }
}

struct Collector<'a, 'd> {
    symbols: Symbols<'a>,
    d: &'d mut Diagnostics,
}

pub(super) fn collect<'a>(spec: &'a Spec, d: &mut Diagnostics) -> Symbols<'a> {
    let mut c = Collector { symbols: Symbols { types: BTreeMap::new(), by_path: BTreeMap::new() }, d };
    for def in &spec.types {
        let Some(name) = &def.name else { continue };
        // Checked before the case rule, whose suggestion for `string` (`String`) is taken too.
        if Scalar::from_name(&name.value).is_some() || BUILTIN_GENERICS.contains(&name.value.as_str()) {
            c.d.error(
                &name.path,
                format!("`{}` is a built-in type name", name.value),
                Some(format!("choose another name, such as `{}Value`", naming::camel(&name.value).unwrap_or_default())),
            );
            continue;
        }
        if let Err(problem) = check_type_name(&name.value) {
            c.d.error(&name.path, format!("invalid type name: {problem}"), Some(TYPE_NAME_HINT.into()));
            continue;
        }
        let module = naming::module(&name.value);
        c.add(name.value.clone(), SymbolKind::Def(def), &module, &name.path, None);
        c.walk_def(def, &name.value, &module);
    }
    for op in &spec.operations {
        let Ok(op_name) = naming::camel(&op.id) else {
            continue;
        };
        let module = naming::module(&op_name);
        if let (Some(response), Ok(name)) = (&op.response, naming::inline_type(&op_name, "response")) {
            c.walk_ref(response, Some(&name), &module, op.description.as_deref());
        }
        if let (Some(body), Ok(name)) = (&op.body, naming::inline_type(&op_name, "body")) {
            c.walk_ref(body, Some(&name), &module, op.description.as_deref());
        }
        for param in &op.query {
            let name = inline_name(&op_name, &param.wire, param.rust_name.as_ref());
            // Without a `rust_name`, a name that makes no identifier is the operation checks' error.
            if name.is_some() || param.rust_name.is_some() {
                c.walk_ref(&param.ty, name.as_deref(), &module, param.description.as_deref());
            }
        }
    }
    c.symbols
}

impl<'a> Collector<'a, '_> {
    fn add(&mut self, name: String, kind: SymbolKind<'a>, module: &str, path: &NodePath, fallback: Option<&'a str>) {
        if naming::RESERVED_TYPE_NAMES.contains(&name.as_str()) {
            self.d.error(
                path,
                format!("the type name `{name}` would hide Rust's own `{name}` in the generated code"),
                Some(format!("choose another name, such as `{name}Value` (`name:` for inline types)")),
            );
            return;
        }
        if let Some(first) = self.symbols.types.get(&name) {
            self.d.error(
                path,
                format!("the type name `{name}` is defined twice"),
                Some(format!(
                    "the first definition is at {}; give one of them another name (`name:` for inline types)",
                    first.path
                )),
            );
            return;
        }
        let order = self.symbols.types.len();
        let symbol =
            Symbol { kind, module: module.to_owned(), order, path: path.clone(), fallback_description: fallback };
        self.symbols.types.insert(name, symbol);
    }

    /// Registers the inline types and const enums inside `def`, named after `owner`.
    fn walk_def(&mut self, def: &'a TypeDef, owner: &str, module: &str) {
        match &def.body {
            TypeBody::Object { fields } => {
                for field in fields {
                    let name = inline_name(owner, &field.wire, field.rust_name.as_ref());
                    // Without a `rust_name`, a name that makes no identifier is the field checks' error.
                    if name.is_none() && field.rust_name.is_none() {
                        continue;
                    }
                    match (&field.ty, name) {
                        (FieldType::Const(value), Some(name)) => {
                            let kind = SymbolKind::Const { field, value: &value.value };
                            self.symbols.by_path.insert(field.path.clone(), name.clone());
                            self.add(name, kind, module, &field.path, field.description.as_deref());
                        }
                        (FieldType::Const(_), None) => self.d.error(
                            &field.path,
                            "a `const` field's type is named after the field, and this one's names make none",
                            Some("give the field a `rust_name` with letters or digits".into()),
                        ),
                        (FieldType::Ref(ty), name) => {
                            self.walk_ref(ty, name.as_deref(), module, field.description.as_deref())
                        }
                    }
                }
            }
            TypeBody::Union { variants, .. } => {
                for variant in variants {
                    // A tag value that makes no name is the union checks' error.
                    let Ok(name) = naming::inline_type(owner, &variant.tag_value) else {
                        continue;
                    };
                    self.walk_ref(&variant.member, Some(&name), module, None);
                }
            }
            TypeBody::KindUnion { kinds } => {
                for member in kinds {
                    // A kind that makes no name is no JSON kind: the kind checks' error.
                    let Ok(name) = naming::inline_type(owner, &member.kind) else {
                        continue;
                    };
                    self.walk_ref(&member.member, Some(&name), module, def.description.as_deref());
                }
            }
            TypeBody::Map { value, .. } => {
                let name = naming::inline_type(owner, "value").ok();
                self.walk_ref(value, name.as_deref(), module, def.description.as_deref());
            }
            TypeBody::Enum { .. } => {}
        }
    }

    /// Registers the types defined in place in `ty`; one without a `name:` is named
    /// `default_name`, and needs one where there is none.
    fn walk_ref(&mut self, ty: &'a TypeRef, default_name: Option<&str>, module: &str, fallback: Option<&'a str>) {
        let derived = |suffix: &str| default_name.and_then(|name| naming::inline_type(name, suffix).ok());
        match ty {
            TypeRef::Expr(_) => {}
            TypeRef::Array(item) => self.walk_ref(item, derived("item").as_deref(), module, fallback),
            TypeRef::Inline(def) => {
                // An inline map is just `BTreeMap<String, V>`: it needs no name of its own.
                if let TypeBody::Map { value, .. } = &def.body {
                    self.walk_ref(value, derived("value").as_deref(), module, fallback);
                    return;
                }
                let name = match &def.name {
                    Some(name) => match check_type_name(&name.value) {
                        Ok(()) => name.value.clone(),
                        Err(problem) => {
                            self.d.error(
                                &name.path,
                                format!("invalid type name: {problem}"),
                                Some(TYPE_NAME_HINT.into()),
                            );
                            return;
                        }
                    },
                    None => match default_name {
                        Some(name) => name.to_owned(),
                        None => {
                            self.d.error(
                                &def.path,
                                "this inline type needs a `name:`: it is named after its field or \
                                 parameter, whose names make none",
                                Some("add `name:` with an UpperCamelCase type name".into()),
                            );
                            return;
                        }
                    },
                };
                self.symbols.by_path.insert(def.path.clone(), name.clone());
                self.add(name.clone(), SymbolKind::Def(def), module, &def.path, fallback);
                self.walk_def(def, &name, module);
            }
        }
    }
}

/// The default name of a type defined in place under a field or a query parameter: its
/// owner's name followed by the wire name or, where that makes no name, the `rust_name`.
fn inline_name(owner: &str, wire: &str, rust_name: Option<&Spanned<String>>) -> Option<String> {
    naming::inline_type(owner, wire)
        .ok()
        .or_else(|| rust_name.and_then(|r| naming::inline_type(owner, naming::unraw(&r.value)).ok()))
}

/// Type names are written as the Rust name, in UpperCamelCase, so that two names never
/// meet in one module file after case conversion (`RunStep` and `Run_step` would).
fn check_type_name(name: &str) -> Result<(), String> {
    naming::check_rust_name(name)?;
    match naming::camel(name) {
        Ok(camel) if camel == name => Ok(()),
        Ok(camel) => Err(format!("`{name}` is not UpperCamelCase (write `{camel}`)")),
        Err(problem) => Err(problem),
    }
}
