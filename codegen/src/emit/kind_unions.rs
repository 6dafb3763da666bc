//! Emits unions decided by JSON kind: an enum with a variant per kind and `Unknown`, encoded
//! as the member alone, decoded by the runtime's `kinds`, which looks at the value's kind once.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{deprecated, docs, ident, ty};
use crate::ir::{JsonKind, KindUnion};

pub(super) fn kind_union(u: &KindUnion, (head, allow): (TokenStream, TokenStream)) -> TokenStream {
    let name = ident(&u.meta.name);
    let fallback = ident(&u.fallback.name.rust);
    let fallback_docs = docs(&u.fallback.docs);
    let variants = u.variants.iter().map(|v| {
        let docs = docs(&v.variant.docs);
        let deprecated = deprecated(&v.variant.deprecated);
        let (variant, member) = (ident(&v.variant.name.rust), ty(&v.ty));
        quote! { #docs #deprecated #variant(#member), }
    });
    let serialize = u.variants.iter().map(|v| {
        let variant = ident(&v.variant.name.rust);
        quote! { Self::#variant(member) => serde::Serialize::serialize(member, serializer), }
    });
    let members = u.variants.iter().map(|v| {
        let variant = ident(&v.variant.name.rust);
        let kinds = v.kinds.iter().map(|k| kind(*k));
        quote! { #(typed_api_runtime::__private::Kind::#kinds)|* => serde::Deserialize::deserialize(input).map(Self::#variant), }
    });
    quote! {
        #head
        #allow
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
            #fallback_docs
            #fallback(serde_json::Value),
        }
        #allow
        impl serde::Serialize for #name {
            fn serialize<__S: serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                match self {
                    #(#serialize)*
                    Self::#fallback(raw) => serde::Serialize::serialize(raw, serializer),
                }
            }
        }
        #allow
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                typed_api_runtime::__private::kinds(deserializer)
            }
        }
        #allow
        impl<'de> typed_api_runtime::__private::KindUnion<'de> for #name {
            fn member<__D: serde::Deserializer<'de>>(kind: typed_api_runtime::__private::Kind, input: __D) -> Result<Self, __D::Error> {
                match kind {
                    #(#members)*
                    _ => serde::Deserialize::deserialize(input).map(Self::#fallback),
                }
            }
        }
    }
}

/// The runtime's `Kind` variant for a JSON kind.
fn kind(kind: JsonKind) -> proc_macro2::Ident {
    let name = match kind {
        JsonKind::String => "String",
        JsonKind::Integer => "Integer",
        JsonKind::Number => "Number",
        JsonKind::Boolean => "Boolean",
        JsonKind::Array => "Array",
        JsonKind::Object => "Object",
    };
    ident(name)
}
