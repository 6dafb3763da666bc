//! Checks before sending: one runtime `check::*` call per rule, for parameters (named by
//! their wire name) and for values in a body (named by their JSON path), and the models'
//! `Validate` impls that walk a body.

use proc_macro2::{Literal as Lit, TokenStream};
use quote::quote;

use super::tokens::ident;
use crate::ir::{Check, FieldRules, FieldSets, KindUnion, Literal, Meta, Presence, Struct, Union, ValueRule};

/// The call that checks `check`, reporting at `at`; `text` is the value by reference
/// (strings, arrays, maps), `number` by value.
pub(super) fn check_call(check: &Check, at: &TokenStream, text: &TokenStream, number: &TokenStream) -> TokenStream {
    let count = |n: &u64| {
        let n = Lit::u64_unsuffixed(*n);
        quote! { #n }
    };
    // The runtime function, the value as it takes it, and the spec's bound if the rule has one.
    let (function, value, bound) = match check {
        Check::PathSegment => ("path_segment", text, None),
        Check::Finite => ("finite", number, None),
        Check::Minimum(bound) => ("minimum", number, Some(literal(bound))),
        Check::Maximum(bound) => ("maximum", number, Some(literal(bound))),
        Check::MinLength(n) => ("min_length", text, Some(count(n))),
        Check::MaxLength(n) => ("max_length", text, Some(count(n))),
        Check::MinItems(n) => ("min_items", text, Some(count(n))),
        Check::MaxItems(n) => ("max_items", text, Some(count(n))),
        Check::MaxEntries(n) => ("max_entries", text, Some(count(n))),
    };
    let function = ident(function);
    let bound = bound.map(|bound| quote! { , #bound });
    quote! { crate::request::check::#function(#at, #value #bound)?; }
}

pub(super) fn literal(value: &Literal) -> TokenStream {
    match value {
        Literal::Int(i) => {
            let lit = Lit::i64_unsuffixed(*i);
            quote! { #lit }
        }
        Literal::Float(f) => {
            let lit = Lit::f64_unsuffixed(*f);
            quote! { #lit }
        }
        Literal::Bool(b) => quote! { #b },
        Literal::Str(s) => quote! { #s },
    }
}

/// `impl Validate` for a struct with rules: each field's, when it is set, then its field sets.
pub(super) fn struct_impl(s: &Struct) -> TokenStream {
    if s.validation.is_none() && s.field_sets.is_empty() {
        return quote! {};
    }
    let fields = s.validation.iter().flatten().map(field);
    let sets = s.field_sets.iter().map(field_sets);
    validate_impl(&s.meta, &s.generics, quote! { #(#fields)* #(#sets)* Ok(()) })
}

/// The runtime's `field_sets` check: each set's wire names, and whether all its fields are set.
fn field_sets(sets: &FieldSets) -> TokenStream {
    let exactly_one = sets.exactly_one;
    let sets = sets.sets.iter().map(|set| {
        let wires = set.iter().map(|n| &n.wire);
        let set_fields = set.iter().map(|n| {
            let name = ident(&n.rust);
            quote! { self.#name.is_some() }
        });
        quote! { (&[#(#wires),*][..], #(#set_fields)&&*) }
    });
    quote! { crate::request::check::field_sets(*at, &[#(#sets),*], #exactly_one)?; }
}

/// `impl Validate for Name<T..>` whose `validate_at` is `body`; the impl allows the
/// deprecation lint where the item's own code uses something deprecated.
fn validate_impl(meta: &Meta, generics: &[String], body: TokenStream) -> TokenStream {
    let name = ident(&meta.name);
    let generics: Vec<_> = generics.iter().map(|g| ident(g)).collect();
    let generics = if generics.is_empty() {
        quote! {}
    } else {
        quote! { <#(#generics),*> }
    };
    let allow = meta.allow_deprecated.then(|| quote! { #[allow(deprecated)] });
    quote! {
        #allow
        impl #generics crate::request::Validate for #name #generics {
            fn validate_at(
                &self,
                at: &crate::request::JsonPath<'_>,
            ) -> Result<(), crate::request::ValidationError> {
                #body
            }
        }
    }
}

/// `impl Validate` for a union with members that have rules: the member's, at the same place.
pub(super) fn union_impl(u: &Union) -> TokenStream {
    let Some(variants) = &u.validated_variants else {
        return quote! {};
    };
    let arms = variants.iter().map(|name| {
        let boxed = u.variants.iter().any(|v| &v.variant.name.rust == name && v.boxed);
        let (v, member) = (
            ident(name),
            if boxed {
                quote! { &**member }
            } else {
                quote! { member }
            },
        );
        quote! { Self::#v(member) => crate::request::Validate::validate_at(#member, at), }
    });
    validate_impl(&u.meta, &[], quote! { match self { #(#arms)* _ => Ok(()), } })
}

/// `impl Validate` for a union by kind with members that have rules: the member's value,
/// at the same place.
pub(super) fn kind_union_impl(u: &KindUnion) -> TokenStream {
    let Some(variants) = &u.validation else {
        return quote! {};
    };
    let arms = variants.iter().map(|(variant, value_rules)| {
        let variant = ident(variant);
        let rules = rules(value_rules);
        (quote! { Self::#variant(value) }, quote! { { let at = *at; #rules } })
    });
    let arms: Vec<(TokenStream, TokenStream)> = arms.collect();
    // One arm is an `if let` (clippy's `single_match`).
    let dispatch = match arms.as_slice() {
        [(pattern, body)] => quote! { if let #pattern = self #body },
        _ => {
            let arms = arms.iter().map(|(pattern, body)| quote! { #pattern => #body });
            quote! {
                match self {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    };
    validate_impl(&u.meta, &[], quote! { #dispatch Ok(()) })
}

fn field(f: &FieldRules) -> TokenStream {
    let name = ident(&f.field.rust);
    let wire = &f.field.wire;
    let rules = rules(&f.rules);
    let body = quote! {
        let at = at.field(#wire);
        #rules
    };
    match f.presence {
        Presence::Required => quote! {
            {
                let value = &self.#name;
                #body
            }
        },
        Presence::Nullable { .. } | Presence::Optional => quote! {
            if let Some(value) = &self.#name {
                #body
            }
        },
        Presence::OptionalNullable => quote! {
            if let Some(Some(value)) = &self.#name {
                #body
            }
        },
    }
}

/// The rules on `value` (a reference) at `at`.
fn rules(rules: &[ValueRule]) -> TokenStream {
    let (at, text, number) = (quote! { at }, quote! { value }, quote! { *value });
    let calls = rules.iter().map(|rule| match rule {
        ValueRule::Check(check) => check_call(check, &at, &text, &number),
        ValueRule::MaxKeyLength(n) => {
            let n = Lit::u64_unsuffixed(*n);
            quote! { crate::request::check::max_key_length(&at, value, #n)?; }
        }
        ValueRule::Items(inner) => {
            let inner = self::rules(inner);
            quote! {
                for (index, value) in value.iter().enumerate() {
                    let at = at.index(index);
                    #inner
                }
            }
        }
        ValueRule::Values(inner) => {
            let inner = self::rules(inner);
            quote! {
                for (key, value) in value {
                    let at = at.key(key);
                    #inner
                }
            }
        }
        ValueRule::Nested => quote! { crate::request::Validate::validate_at(value, &at)?; },
    });
    quote! { #(#calls)* }
}
