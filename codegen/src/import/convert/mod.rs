//! Schemas → native types. The [`Importer`] walks from the selected operations to every
//! schema they reach, and makes each a type expression (`string`, `array<RunStep>`) or a
//! named native type (object, enum, union, map), hoisting inline ones under deterministic
//! names (the overlay's `names` may choose them).
//!
//! Nothing here stops on a problem: a `$ref` that leads nowhere, a cycle of `$ref`s or a
//! name clash is recorded with its JSON pointer and the walk goes on, so one run reports
//! every problem. What the spec language cannot say precisely is made `json` (any JSON
//! value) and recorded as a note for the coverage report.

mod dedupe;
pub mod objects;
pub mod schema;
mod unions;
mod unions_fixups;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use heck::ToUpperCamelCase;
use serde_yaml::{Mapping, Value as Yaml};

use super::doc::{Pointer, Value};
use super::overlay::Overlay;

pub use schema::Ty;

/// How deep conversions may nest (a chain of `$ref`s through types, or nested inline
/// schemas): far beyond any real document (OpenAI's goes about 20 deep), and well within the
/// stack the import runs on (`super::STACK`).
pub const MAX_DEPTH: usize = 1000;

/// A problem that stops the import, at its place in the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// In the overlay (a pointer into it) rather than the document.
    pub in_overlay: bool,
    pub pointer: Pointer,
    pub message: String,
}

/// Something imported less precisely than the document says, at its place.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    pub pointer: Pointer,
    pub message: String,
}

/// A named type made by the import, and where in the document it comes from.
#[derive(Debug, Clone)]
pub struct Defined {
    pub pointer: Pointer,
    pub def: Yaml,
}

/// The state of one component schema's conversion.
#[derive(Debug, Clone)]
enum RefState {
    /// Being converted, from inside this many definitions (objects, unions). A `$ref` back
    /// to it from inside more of them is recursion through a type, which is fine; from
    /// inside no more, it is a `$ref` cycle with nothing in between.
    Converting(usize),
    Done(Ty),
}

pub struct Importer<'a> {
    pub doc: &'a Value,
    pub overlay: &'a Overlay,
    schemas: HashMap<&'a str, &'a Value>,
    refs: HashMap<String, RefState>,
    pub types: BTreeMap<String, Defined>,
    pub problems: Vec<Problem>,
    pub notes: Vec<Note>,
    /// Overlay pointers that met something (`names`, `replace`), to report the others.
    pub used_overlay: BTreeSet<String>,
    depth: usize,
    /// How many definitions (objects, unions) the walk is inside.
    defining: usize,
    /// The request builders' names (an operation id in UpperCamelCase): no type may take one.
    builders: std::collections::HashSet<String>,
}

impl<'a> Importer<'a> {
    pub fn new(doc: &'a Value, overlay: &'a Overlay) -> Importer<'a> {
        let schemas = doc
            .get("components")
            .and_then(|c| c.get("schemas"))
            .and_then(Value::as_object)
            .map(|o| o.iter().collect())
            .unwrap_or_default();
        Importer {
            doc,
            overlay,
            schemas,
            refs: HashMap::new(),
            types: BTreeMap::new(),
            problems: Vec::new(),
            notes: Vec::new(),
            used_overlay: BTreeSet::new(),
            depth: 0,
            defining: 0,
            builders: super::paths::operations(doc)
                .into_iter()
                .filter_map(|(_, _, _, op)| op.str_at("operationId"))
                .filter_map(|id| crate::naming::camel(id).ok())
                .collect(),
        }
    }

    pub fn problem(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.problems.push(Problem { in_overlay: false, pointer: pointer.clone(), message: message.into() });
    }

    pub fn note(&mut self, pointer: &Pointer, message: impl Into<String>) {
        self.notes.push(Note { pointer: pointer.clone(), message: message.into() });
    }

    /// The overlay's name for the type made at `pointer`, else `default` — followed by
    /// `Schema` when a request builder has that name (`createResponse` and the schema
    /// `CreateResponse`).
    pub fn name_at(&mut self, pointer: &Pointer, default: String) -> String {
        match self.overlay.names.get(pointer.as_str()) {
            Some(name) => {
                self.used_overlay.insert(pointer.as_str().to_owned());
                name.clone()
            }
            None if self.builders.contains(&default) => {
                self.note(pointer, format!("named `{default}Schema` in Rust: `{default}` is a request builder's name"));
                format!("{default}Schema")
            }
            None => default,
        }
    }

    /// The Rust name of a component schema (before the overlay's say).
    pub fn schema_rust_name(name: &str) -> String {
        let camel = name.to_upper_camel_case();
        if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("T{camel}") } else { camel }
    }

    /// Adds a named type. The same name from another place is a clash, unless both places
    /// made the very same type (one inline enum repeated across operations, named once by
    /// the overlay).
    pub fn define(&mut self, name: &str, pointer: &Pointer, def: Mapping) {
        let def = Yaml::Mapping(def);
        if let Some(existing) = self.types.get(name) {
            // `requires` is added once the object is made (`require_field_sets`): a second
            // place making the same object has not had it added yet.
            let same_but_requires = || {
                let mut bare = existing.def.clone();
                if let Yaml::Mapping(m) = &mut bare {
                    m.remove("requires");
                }
                bare == def
            };
            if existing.pointer != *pointer && existing.def != def && !same_but_requires() {
                let first = existing.pointer.clone();
                self.problem(
                    pointer,
                    format!(
                        "two different types are named `{name}`: this one and the one at {first}; \
                         give one another name under `names:` in the overlay"
                    ),
                );
            }
            return;
        }
        self.types.insert(name.to_owned(), Defined { pointer: pointer.clone(), def });
    }

    /// Whether a name is taken by a type made so far.
    pub fn is_defined(&self, name: &str) -> bool {
        self.types.contains_key(name)
    }

    /// Follows `$ref`s from `schema` to what they name (at most a few steps); `None` for a
    /// `$ref` that leads nowhere. Only `#/components/schemas/...` is resolved.
    pub fn deref<'s>(&self, schema: &'s Value) -> Option<&'s Value>
    where
        'a: 's,
    {
        let mut here = schema;
        for _ in 0..MAX_DEPTH {
            match here.str_at("$ref") {
                Some(reference) => here = self.schema_named(reference)?.1,
                None => return Some(here),
            }
        }
        None
    }

    /// The component schema a `$ref` names: its name and schema.
    pub fn schema_named(&self, reference: &str) -> Option<(&'a str, &'a Value)> {
        let name = reference.strip_prefix("#/components/schemas/")?;
        let name = name.replace("~1", "/").replace("~0", "~");
        self.schemas.get_key_value(name.as_str()).map(|(k, v)| (*k, *v))
    }

    /// Runs `f` one level deeper, refusing to go past [`MAX_DEPTH`] (a hostile chain of
    /// `$ref`s or nesting must give an error, not a stack overflow).
    fn deeper(&mut self, pointer: &Pointer, f: impl FnOnce(&mut Self) -> Ty) -> Ty {
        if self.depth >= MAX_DEPTH {
            self.problem(pointer, format!("schemas nest deeper than {MAX_DEPTH} levels here"));
            return Ty::json();
        }
        self.depth += 1;
        let ty = f(self);
        self.depth -= 1;
        ty
    }

    /// The type a `$ref` to a component schema stands for, converting the schema the first
    /// time it is met.
    pub fn schema_ref(&mut self, reference: &str, at: &Pointer) -> Ty {
        let Some((name, schema)) = self.schema_named(reference) else {
            self.problem(at, format!("`$ref: {reference}` names no schema of this document (only `#/components/schemas/...` refs are read)"));
            return Ty::json();
        };
        match self.refs.get(name) {
            Some(RefState::Done(ty)) => return ty.clone(),
            Some(RefState::Converting(outer)) if self.defining > *outer => return Ty::named(self.component_name(name)),
            Some(RefState::Converting(_)) => {
                self.problem(at, format!("`$ref` cycle: `{name}` refers back to itself without any type in between"));
                return Ty::json();
            }
            None => {}
        }
        self.refs.insert(name.to_owned(), RefState::Converting(self.defining));
        let pointer = Pointer::root().push("components").push("schemas").push(name);
        let rust = self.component_name(name);
        let ty = self.deeper(&pointer, |me| me.convert(schema, &pointer, &rust, true));
        self.refs.insert(name.to_owned(), RefState::Done(ty.clone()));
        ty
    }

    /// Enters a definition (an object's fields, a union's members): `$ref`s back to a schema
    /// being converted are recursion from here on.
    pub fn enter_definition(&mut self) {
        self.defining += 1;
    }

    pub fn leave_definition(&mut self) {
        self.defining -= 1;
    }

    fn component_name(&mut self, name: &str) -> String {
        let pointer = Pointer::root().push("components").push("schemas").push(name);
        self.name_at(&pointer, Self::schema_rust_name(name))
    }
}
