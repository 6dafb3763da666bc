//! The symbol table: every type the spec defines, named or in place, under its Rust name.

use std::collections::BTreeMap;

use crate::ast::{Field, FieldType, Spec, TypeBody, TypeDef, TypeRef};
use crate::diagnostics::{Diagnostics, NodePath};
use crate::naming;

/// Scalar type names, reserved in type expressions.
pub const SCALARS: [&str; 4] = ["string", "integer", "number", "boolean"];
/// Built-in generic names: `array<T>`, `map<T>`.
pub const BUILTIN_GENERICS: [&str; 2] = ["array", "map"];

/// For a named or inline type whose name is not a Rust type name.
const TYPE_NAME_HINT: &str = "type names are Rust identifiers in UpperCamelCase, such as `MessageCreation`";

#[derive(Debug)]
pub struct Symbols<'a> {
    /// Every type by Rust name: named ones, inline ones and the enums behind `const` fields.
    pub types: BTreeMap<String, Symbol<'a>>,
    /// The Rust name of each inline type and const enum, by the path that defines it.
    pub by_path: BTreeMap<NodePath, String>,
}

#[derive(Debug)]
pub struct Symbol<'a> {
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
pub enum SymbolKind<'a> {
    Def(&'a TypeDef),
    /// The one-value enum behind a `const` field.
    Const {
        field: &'a Field,
        value: &'a str,
    },
}

impl<'a> Symbols<'a> {
    pub fn def(&self, name: &str) -> Option<&'a TypeDef> {
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

pub fn collect<'a>(spec: &'a Spec, d: &mut Diagnostics) -> Symbols<'a> {
    let mut c = Collector { symbols: Symbols { types: BTreeMap::new(), by_path: BTreeMap::new() }, d };
    for def in &spec.types {
        let Some(name) = &def.name else { continue };
        // Checked before the case rule, whose suggestion for `string` (`String`) is taken too.
        if SCALARS.contains(&name.value.as_str()) || BUILTIN_GENERICS.contains(&name.value.as_str()) {
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
        if let Ok(name) = naming::inline_type(&op_name, "response") {
            c.walk_ref(&op.response, &name, &module, op.description.as_deref());
        }
        for param in &op.query {
            // A name that makes no identifier is reported by the operation checks.
            if let Ok(name) = naming::inline_type(&op_name, &param.wire) {
                c.walk_ref(&param.ty, &name, &module, param.description.as_deref());
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
                    let Ok(name) = naming::inline_type(owner, &field.wire) else {
                        continue;
                    };
                    match &field.ty {
                        FieldType::Const(value) => {
                            let kind = SymbolKind::Const { field, value: &value.value };
                            self.symbols.by_path.insert(field.path.clone(), name.clone());
                            self.add(name, kind, module, &field.path, field.description.as_deref());
                        }
                        FieldType::Ref(ty) => self.walk_ref(ty, &name, module, field.description.as_deref()),
                    }
                }
            }
            TypeBody::Union { variants, .. } => {
                for variant in variants {
                    let Ok(name) = naming::inline_type(owner, &variant.tag_value) else {
                        continue;
                    };
                    self.walk_ref(&variant.member, &name, module, None);
                }
            }
            TypeBody::Map { value, .. } => {
                if let Ok(name) = naming::inline_type(owner, "value") {
                    self.walk_ref(value, &name, module, def.description.as_deref());
                }
            }
            TypeBody::Enum { .. } => {}
        }
    }

    fn walk_ref(&mut self, ty: &'a TypeRef, default_name: &str, module: &str, fallback: Option<&'a str>) {
        match ty {
            TypeRef::Expr(_) => {}
            TypeRef::Array(item) => {
                if let Ok(name) = naming::inline_type(default_name, "item") {
                    self.walk_ref(item, &name, module, fallback);
                }
            }
            TypeRef::Inline(def) => {
                // An inline map is just `BTreeMap<String, V>`: it needs no name of its own.
                if let TypeBody::Map { value, .. } = &def.body {
                    if let Ok(name) = naming::inline_type(default_name, "value") {
                        self.walk_ref(value, &name, module, fallback);
                    }
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
                    None => default_name.to_owned(),
                };
                self.symbols.by_path.insert(def.path.clone(), name.clone());
                self.add(name.clone(), SymbolKind::Def(def), module, &def.path, fallback);
                self.walk_def(def, &name, module);
            }
        }
    }
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
