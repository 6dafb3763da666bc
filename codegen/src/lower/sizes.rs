//! Which union members are boxed: a member much larger than the union's other variants
//! makes every value of the union that large (clippy's `large_enum_variant`). The sizes are
//! estimated from the spec (64-bit layouts: `String`, `Vec` and maps 24 bytes, `i64` 8, a
//! struct the sum of its fields, an enum its largest variant and 8), near enough to decide,
//! before anything is emitted, which members go behind a `Box`.

use std::collections::HashMap;
use std::collections::HashSet;

use crate::resolved::{Body, FieldType, Model, Ty};
use crate::values::{Format, Presence, Scalar};

/// Box the largest variant while it outweighs the next by more than this. Clippy's limit is
/// 200 bytes; the margin absorbs the estimate's error (padding, niches).
const MARGIN: usize = 128;

/// A `Box`, a `String`'s own size, and the `Unknown(serde_json::Value)` every union has.
const POINTER: usize = 8;
const STRING: usize = 24;
const JSON_VALUE: usize = 32;

pub struct Sizes<'m> {
    model: &'m Model,
    known: std::cell::RefCell<HashMap<String, usize>>,
}

impl<'m> Sizes<'m> {
    pub fn new(model: &'m Model) -> Sizes<'m> {
        Sizes { model, known: Default::default() }
    }

    /// The members (by index) of a union whose variants are `members` that go in a `Box`.
    pub fn boxed(&self, members: &[&str]) -> Vec<bool> {
        let sizes: Vec<usize> = members.iter().map(|m| self.named(m, &mut HashSet::new())).collect();
        let mut boxed = vec![false; members.len()];
        loop {
            let mut order: Vec<(usize, usize)> =
                sizes.iter().enumerate().map(|(i, s)| (if boxed[i] { POINTER } else { *s }, i)).collect();
            order.push((JSON_VALUE, usize::MAX));
            order.sort_unstable_by(|a, b| b.cmp(a));
            let ((largest, at), (second, _)) = (order[0], order[1]);
            if largest <= second + MARGIN || at == usize::MAX {
                return boxed;
            }
            boxed[at] = true;
        }
    }

    fn named(&self, name: &str, seen: &mut HashSet<String>) -> usize {
        if let Some(size) = self.known.borrow().get(name) {
            return *size;
        }
        // A type met again on its own path is behind a `Vec` or `Box` already.
        if !seen.insert(name.to_owned()) {
            return POINTER;
        }
        let size = match self.model.types.iter().find(|t| t.name == name).map(|t| &t.body) {
            Some(Body::Object(object)) => {
                let fields: usize = object.fields.iter().map(|f| self.field(&f.ty, f.presence, seen)).sum();
                fields + if object.keep_unknown_fields { STRING } else { 0 }
            }
            Some(Body::Enum(_) | Body::Const { .. }) => STRING + POINTER,
            Some(Body::Union(union)) => {
                let members: Vec<&str> = union.variants.iter().map(|v| v.member.as_str()).collect();
                let boxed = self.boxed(&members);
                let largest =
                    members.iter().zip(boxed).map(|(m, b)| if b { POINTER } else { self.named(m, seen) }).max();
                largest.unwrap_or(0).max(JSON_VALUE) + POINTER
            }
            Some(Body::KindUnion(union)) => {
                union.variants.iter().map(|v| self.ty(&v.ty, seen)).max().unwrap_or(0).max(JSON_VALUE) + POINTER
            }
            Some(Body::Map { .. }) => STRING,
            None => STRING,
        };
        seen.remove(name);
        self.known.borrow_mut().insert(name.to_owned(), size);
        size
    }

    fn field(&self, ty: &FieldType, presence: Presence, seen: &mut HashSet<String>) -> usize {
        let inner = match ty {
            FieldType::Value(ty) => self.ty(ty, seen),
            FieldType::Const { .. } => STRING + POINTER,
            FieldType::Tag { .. } => 0,
        };
        match presence {
            Presence::Required => inner,
            // An `Option` of a pointer-like type takes no more room; of a scalar, a word.
            _ if inner >= STRING => inner,
            _ => inner + POINTER,
        }
    }

    fn ty(&self, ty: &Ty, seen: &mut HashSet<String>) -> usize {
        match ty {
            Ty::Scalar(Scalar::Json) => JSON_VALUE,
            Ty::Scalar(Scalar::String) | Ty::Formatted(Format::DateTime) => STRING,
            Ty::Scalar(Scalar::Boolean) => 1,
            Ty::Scalar(_) | Ty::Formatted(_) => 8,
            Ty::Array(_) | Ty::Map(_) => STRING,
            Ty::Named { name, .. } => self.named(name, seen),
            Ty::Param(_) => STRING,
        }
    }
}
