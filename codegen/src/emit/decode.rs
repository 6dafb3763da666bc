//! A struct's `Deserialize` impl, written out instead of serde's derive: a map visitor that
//! matches each key against the wire names and decodes its value into a slot, then checks
//! what must be present. The crate compiles in about two thirds of the time (no sequence
//! form, no wrapper type per `deserialize_with` field); the errors are serde's own words
//! (`missing field`, `duplicate field`, `expected struct Name`). Structs that keep unknown
//! fields still derive it, for serde's `flatten`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::tokens::{ident, ty};
use crate::ir::{Field, Presence, Struct};
use crate::naming;

pub(super) fn struct_impl(s: &Struct) -> TokenStream {
    let name = ident(&s.meta.name);
    let params: Vec<_> = s.generics.iter().map(|g| ident(g)).collect();
    let (ty_args, visitor_ty, visitor_value) = if params.is_empty() {
        (quote! {}, quote! { struct __Visitor; }, quote! { __Visitor })
    } else {
        (
            quote! { <#(#params),*> },
            quote! { struct __Visitor<#(#params),*>(std::marker::PhantomData<fn() -> (#(#params,)*)>); },
            quote! { __Visitor(std::marker::PhantomData) },
        )
    };
    let bounds = quote! { #(#params: serde::Deserialize<'de>),* };
    let slots = slots(s);
    let wires: Vec<&str> = s.fields.iter().map(|f| f.name.wire.as_str()).collect();
    let declarations = s.fields.iter().zip(&slots).map(|(f, slot)| declaration(f, slot));
    let values = s.fields.iter().zip(&slots).map(|(f, slot)| value(f, slot));
    let entries = if s.fields.is_empty() {
        quote! {
            while __map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                __rt::skip(&mut __map)?;
            }
        }
    } else {
        quote! {
            while let Some(__key) = __map.next_key::<__rt::Key<'de>>()? {
                match __key.as_str() {
                    #(#wires => __rt::field(&mut __map, &mut #slots, #wires),)*
                    _ => __rt::skip(&mut __map),
                }?;
            }
        }
    };
    // Building a deprecated struct, or one with deprecated fields, is what the lint is for.
    let allow =
        (s.meta.deprecated.is_some() || s.meta.allow_deprecated || s.fields.iter().any(|f| f.deprecated.is_some()))
            .then(|| quote! { #[allow(deprecated)] });
    let (type_name, expecting) = (&s.meta.name, format!("struct {}", s.meta.name));
    quote! {
        #allow
        impl<'de, #bounds> serde::Deserialize<'de> for #name #ty_args {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                use typed_api_runtime::__private as __rt;
                #visitor_ty
                #allow
                impl<'de, #bounds> serde::de::Visitor<'de> for __Visitor #ty_args {
                    type Value = #name #ty_args;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<__A: serde::de::MapAccess<'de>>(self, mut __map: __A) -> Result<Self::Value, __A::Error> {
                        #(#declarations)*
                        #entries
                        Ok(#name { #(#values),* })
                    }
                }
                deserializer.deserialize_struct(#type_name, &[#(#wires),*], #visitor_value)
            }
        }
    }
}

/// `__f_id` for the field `id`: a slot per field, apart from the names the code uses (and,
/// should two fields differ only in leading underscores, apart from each other).
fn slots(s: &Struct) -> Vec<Ident> {
    let mut slots: Vec<Ident> = Vec::new();
    for (i, f) in s.fields.iter().enumerate() {
        let base = naming::unraw(&f.name.rust).trim_start_matches('_');
        let slot = format_ident!("__f_{base}");
        slots.push(if slots.contains(&slot) { format_ident!("__f{i}_{base}") } else { slot });
    }
    slots
}

/// The slot: the value once decoded; for a field that may be `null`, the decoded `Option`.
fn declaration(f: &Field, slot: &Ident) -> TokenStream {
    let inner = ty(&f.ty);
    match f.presence {
        Presence::Required => quote! { let mut #slot: Option<#inner> = None; },
        _ => quote! { let mut #slot: Option<Option<#inner>> = None; },
    }
}

/// The field's value from its slot: absent is an error, `None`, or (optional and nullable)
/// kept apart from `null`.
fn value(f: &Field, slot: &Ident) -> TokenStream {
    let (field, wire) = (ident(&f.name.rust), &f.name.wire);
    let value = match f.presence {
        Presence::Required | Presence::Nullable { missing_as_null: false } => {
            quote! { __rt::required(#slot, #wire)? }
        }
        Presence::Nullable { missing_as_null: true } | Presence::Optional => quote! { #slot.flatten() },
        Presence::OptionalNullable => quote! { #slot },
    };
    quote! { #field: #value }
}
