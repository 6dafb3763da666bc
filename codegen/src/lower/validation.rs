//! Which values get checked before a request is sent, and how: the rules of each field of a
//! model (its constraints, its map's limits, its numbers' finiteness, and the rules of the
//! types it holds), and so which models implement `Validate`.
//!
//! Only models a request body can hold are checked (the others are only ever decoded, and
//! need no code for it). Such a model implements `Validate` exactly when one of its fields
//! has a rule; a field whose type is such a model has the rule "check it"
//! ([`ir::ValueRule::Nested`]). Recursive types make that a fixed point, found by growing
//! the set until it stops changing.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{self, Check, Literal, Type, ValueRule};
use crate::resolved::{Body, Field, FieldType, KindUnion, Ty, TypeDef};
use crate::values::{Constraints, MapLimits};

/// The rules of every type of a spec.
pub(super) struct Rules {
    /// Objects and unions that implement `Validate`.
    validated: BTreeSet<String>,
    /// Named maps, whose limits apply where they are used (an alias cannot implement a trait).
    maps: BTreeMap<String, (Ty, MapLimits)>,
}

impl Rules {
    /// The rules of `types`, checked where `bodies` (the request bodies' types) reach.
    pub(super) fn new(types: &[TypeDef], bodies: &[&Ty]) -> Self {
        let reachable = reachable(types, bodies);
        let types: Vec<&TypeDef> = types.iter().filter(|t| reachable.contains(&t.name)).collect();
        let maps = types
            .iter()
            .filter_map(|t| match &t.body {
                // A generic map's value is a parameter: nothing to check in it.
                Body::Map { params, value, limits } if params.is_empty() => {
                    Some((t.name.clone(), (value.clone(), limits.clone())))
                }
                _ => None,
            })
            .collect();
        let mut rules = Rules { validated: BTreeSet::new(), maps };
        loop {
            let grown: BTreeSet<String> =
                types.iter().filter(|t| rules.has_rules(&t.body)).map(|t| t.name.clone()).collect();
            if grown == rules.validated {
                return rules;
            }
            rules.validated = grown;
        }
    }

    fn has_rules(&self, body: &Body) -> bool {
        match body {
            Body::Object(object) => {
                !object.requires.is_empty() || object.fields.iter().any(|f| !self.field(f).is_empty())
            }
            Body::Union(union) => union.variants.iter().any(|v| self.validated.contains(&v.member)),
            Body::KindUnion(union) => self.kind_variants(union).is_some(),
            Body::Enum(_) | Body::Map { .. } | Body::Const { .. } => false,
        }
    }

    /// Whether the object or union `name` implements `Validate`.
    pub(super) fn validated(&self, name: &str) -> bool {
        self.validated.contains(name)
    }

    /// The rules of a field's value, when it is set.
    pub(super) fn field(&self, field: &Field) -> Vec<ValueRule> {
        match &field.ty {
            FieldType::Value(ty) => self.value(ty, &field.constraints, &field.limits),
            FieldType::Const { .. } | FieldType::Tag { .. } => Vec::new(),
        }
    }

    /// A union by kind's rules by variant, for its `Validate` impl; `None` when it has none.
    pub(super) fn kind_variants(&self, union: &KindUnion) -> Option<Vec<(String, Vec<ValueRule>)>> {
        let rules: Vec<(String, Vec<ValueRule>)> = union
            .variants
            .iter()
            .map(|v| (v.rust.clone(), self.value(&v.ty, &Constraints::default(), &MapLimits::default())))
            .filter(|(_, rules)| !rules.is_empty())
            .collect();
        (!rules.is_empty()).then_some(rules)
    }

    /// The model's rules by field, for its `Validate` impl; `None` when it has none.
    pub(super) fn fields(&self, fields: &[Field]) -> Option<Vec<ir::FieldRules>> {
        let rules: Vec<ir::FieldRules> = fields
            .iter()
            .filter_map(|f| {
                let rules = self.field(f);
                let field = ir::Name { rust: f.rust.clone(), wire: f.wire.clone() };
                (!rules.is_empty()).then_some(ir::FieldRules { field, presence: f.presence, rules })
            })
            .collect();
        (!rules.is_empty()).then_some(rules)
    }

    fn value(&self, ty: &Ty, constraints: &Constraints, limits: &MapLimits) -> Vec<ValueRule> {
        let mut rules: Vec<ValueRule> =
            checks(constraints, &super::rust_type::ty(ty)).into_iter().map(ValueRule::Check).collect();
        match ty {
            Ty::Array(item) => {
                let inner = self.value(item, &Constraints::default(), &MapLimits::default());
                if !inner.is_empty() {
                    rules.push(ValueRule::Items(inner));
                }
            }
            Ty::Map(value) => rules.extend(self.map(value, limits)),
            Ty::Named { name, .. } if self.validated.contains(name) => rules.push(ValueRule::Nested),
            Ty::Named { name, .. } => {
                if let Some((value, limits)) = self.maps.get(name) {
                    rules.extend(self.map(value, limits));
                }
            }
            Ty::Scalar(_) | Ty::Formatted(_) | Ty::Param(_) => {}
        }
        rules
    }

    fn map(&self, value: &Ty, limits: &MapLimits) -> Vec<ValueRule> {
        let mut rules = Vec::new();
        rules.extend(limits.max_entries.map(|n| ValueRule::Check(Check::MaxEntries(n))));
        rules.extend(limits.max_key_length.map(ValueRule::MaxKeyLength));
        let value_constraints = Constraints { max_length: limits.max_value_length, ..Constraints::default() };
        let inner = self.value(value, &value_constraints, &MapLimits::default());
        if !inner.is_empty() {
            rules.push(ValueRule::Values(inner));
        }
        rules
    }
}

/// The names of the types that values of `roots` can hold, the roots' own included.
fn reachable(types: &[TypeDef], roots: &[&Ty]) -> BTreeSet<String> {
    fn names(ty: &Ty, out: &mut Vec<String>) {
        match ty {
            Ty::Array(inner) | Ty::Map(inner) => names(inner, out),
            Ty::Named { name, args } => {
                out.push(name.clone());
                args.iter().for_each(|a| names(a, out));
            }
            Ty::Scalar(_) | Ty::Formatted(_) | Ty::Param(_) => {}
        }
    }
    let by_name: BTreeMap<&str, &TypeDef> = types.iter().map(|t| (t.name.as_str(), t)).collect();
    let mut pending = Vec::new();
    roots.iter().for_each(|root| names(root, &mut pending));
    let mut seen = BTreeSet::new();
    while let Some(name) = pending.pop() {
        let Some(def) = by_name.get(name.as_str()) else { continue };
        if !seen.insert(name) {
            continue;
        }
        match &def.body {
            Body::Object(object) => object.fields.iter().for_each(|f| {
                if let FieldType::Value(ty) = &f.ty {
                    names(ty, &mut pending);
                }
            }),
            Body::Union(union) => pending.extend(union.variants.iter().map(|v| v.member.clone())),
            Body::Map { value, .. } => names(value, &mut pending),
            Body::KindUnion(union) => union.variants.iter().for_each(|v| names(&v.ty, &mut pending)),
            Body::Enum(_) | Body::Const { .. } => {}
        }
    }
    seen
}

/// The checks a value of type `ty` gets before sending: numbers must be finite (`NaN` would
/// go out as the text `NaN` in a query, as `null` in JSON), and within the spec's bounds.
/// Integer bounds are rounded inwards, so `minimum: 0.5` on an integer accepts 1 and up,
/// exactly as the spec's rule does.
pub(super) fn checks(c: &Constraints, ty: &Type) -> Vec<Check> {
    let bound = |value: f64, round: fn(f64) -> f64| match ty {
        // `as` saturates: a bound beyond i64 cannot be crossed by an i64 anyway.
        Type::I64 => Literal::Int(round(value) as i64),
        // Nor a bound beyond i32 by an i32; clamped, the bound is a literal an i32 can be.
        Type::I32 => Literal::Int((round(value) as i64).clamp(i32::MIN.into(), i32::MAX.into())),
        _ => Literal::Float(value),
    };
    let mut out = Vec::new();
    if *ty == Type::F64 {
        out.push(Check::Finite);
    }
    out.extend(c.minimum.map(|m| Check::Minimum(bound(m, f64::ceil))));
    out.extend(c.maximum.map(|m| Check::Maximum(bound(m, f64::floor))));
    out.extend(c.min_length.map(Check::MinLength));
    out.extend(c.max_length.map(Check::MaxLength));
    out.extend(c.min_items.map(Check::MinItems));
    out.extend(c.max_items.map(Check::MaxItems));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_must_be_finite_and_integer_bounds_round_inwards() {
        let c = Constraints { minimum: Some(0.5), maximum: Some(9.5), max_items: Some(3), ..Constraints::default() };
        assert_eq!(checks(&c, &Type::I64)[..2], [Check::Minimum(Literal::Int(1)), Check::Maximum(Literal::Int(9))]);
        assert_eq!(checks(&Constraints::default(), &Type::F64), [Check::Finite]);
        assert!(checks(&Constraints::default(), &Type::String).is_empty());
        assert_eq!(checks(&c, &Type::Vec(Box::new(Type::String))).last(), Some(&Check::MaxItems(3)));
    }
}
