//! Emits model types: structs, string enums, tagged unions and aliases (unions by JSON kind
//! in `kind_unions`).

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{deprecated, docs, ident, ty};
use super::validate;
use crate::ir::{Alias, Enum, Field, Item, Meta, Module, Presence, Struct, Union};

pub fn module(module: &Module) -> TokenStream {
    let imports = (!module.imports.is_empty()).then(|| {
        let names = module.imports.iter().map(|n| ident(n));
        quote! { use super::{#(#names),*}; }
    });
    let deprecated_imports = (!module.deprecated_imports.is_empty()).then(|| {
        let names = module.deprecated_imports.iter().map(|n| ident(n));
        quote! {
            #[allow(deprecated)]
            use super::{#(#names),*};
        }
    });
    let items = module.items.iter().map(|item| match item {
        Item::Struct(s) => {
            let (item, validate) = (structure(s), validate::struct_impl(s));
            quote! { #item #validate }
        }
        Item::Enum(e) => enumeration(e),
        Item::Union(u) => {
            let (item, validate) = (union(u), validate::union_impl(u));
            quote! { #item #validate }
        }
        Item::KindUnion(u) => {
            let (item, validate) = (super::kind_unions::kind_union(u, head(&u.meta)), validate::kind_union_impl(u));
            quote! { #item #validate }
        }
        Item::Alias(a) => alias(a),
    });
    quote! {
        #imports
        #deprecated_imports
        #(#items)*
    }
}

/// Docs, `#[deprecated]`, and the local `allow(deprecated)` the item's own code needs.
pub(super) fn head(meta: &Meta) -> (TokenStream, TokenStream) {
    let docs = docs(&meta.docs);
    let deprecated = deprecated(&meta.deprecated);
    let allow = if meta.allow_deprecated {
        quote! { #[allow(deprecated)] }
    } else {
        quote! {}
    };
    (quote! { #docs #deprecated }, allow)
}

fn structure(s: &Struct) -> TokenStream {
    let (head, allow) = head(&s.meta);
    let name = ident(&s.meta.name);
    let generics = s.generics.iter().map(|g| ident(g));
    let generics = if s.generics.is_empty() {
        quote! {}
    } else {
        quote! { <#(#generics),*> }
    };
    // serde infers no bound for a parameter used only under `deserialize_with` (nullable
    // fields), so every generic struct states both bounds for all its parameters.
    let bounds = (!s.generics.is_empty()).then(|| {
        let de = s.generics.iter().map(|g| format!("{g}: serde::Deserialize<'de>")).collect::<Vec<_>>().join(", ");
        let ser = s.generics.iter().map(|g| format!("{g}: serde::Serialize")).collect::<Vec<_>>().join(", ");
        quote! { #[serde(bound(serialize = #ser, deserialize = #de))] }
    });
    let derived = s.derive_deserialize;
    let fields = s.fields.iter().map(|f| field(f, derived));
    // `flatten`: serde hands the struct every entry no field above takes, in order.
    let unknown_fields = s.unknown_fields.as_ref().map(|lines| {
        let docs = docs(lines);
        quote! {
            #docs
            #[serde(flatten)]
            pub unknown_fields: typed_api_runtime::UnknownFields,
        }
    });
    let (derive, decode) = if derived {
        (quote! { #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)] }, None)
    } else {
        (quote! { #[derive(Debug, Clone, PartialEq, serde::Serialize)] }, Some(super::decode::struct_impl(s)))
    };
    quote! {
        #head
        #allow
        #derive
        #bounds
        pub struct #name #generics {
            #(#fields)*
            #unknown_fields
        }
        #decode
    }
}

/// A field with its serde attributes; `derived`: for a derived `Deserialize` too, else for
/// `Serialize` only.
fn field(f: &Field, derived: bool) -> TokenStream {
    let docs = docs(&f.docs);
    let deprecated = deprecated(&f.deprecated);
    let name = ident(&f.name.rust);
    let inner = ty(&f.ty);
    let rename = f.rename.then(|| {
        let wire = &f.name.wire;
        quote! { #[serde(rename = #wire)] }
    });
    let (ty, serde) = match f.presence {
        Presence::Required => (inner, quote! {}),
        Presence::Nullable { .. } if !derived => (quote! { Option<#inner> }, quote! {}),
        Presence::Optional | Presence::OptionalNullable if !derived => {
            let ty = if f.presence == Presence::Optional {
                quote! { Option<#inner> }
            } else {
                quote! { Option<Option<#inner>> }
            };
            (ty, quote! { #[serde(skip_serializing_if = "Option::is_none")] })
        }
        // `deserialize_with` turns off serde's "missing Option means None", so absence
        // is an error naming the field, while `null` still decodes as `None`.
        Presence::Nullable { missing_as_null: false } => (
            quote! { Option<#inner> },
            quote! { #[serde(deserialize_with = "typed_api_runtime::__private::nullable")] },
        ),
        Presence::Nullable { missing_as_null: true } => (quote! { Option<#inner> }, quote! { #[serde(default)] }),
        Presence::Optional => {
            (quote! { Option<#inner> }, quote! { #[serde(default, skip_serializing_if = "Option::is_none")] })
        }
        // `default` makes absence `None`; the function keeps `null` apart as `Some(None)`.
        Presence::OptionalNullable => (
            quote! { Option<Option<#inner>> },
            quote! {
                #[serde(
                    default,
                    skip_serializing_if = "Option::is_none",
                    deserialize_with = "typed_api_runtime::__private::optional_nullable"
                )]
            },
        ),
    };
    quote! {
        #docs
        #deprecated
        #rename
        #serde
        pub #name: #ty,
    }
}

fn enumeration(e: &Enum) -> TokenStream {
    let (head, allow) = head(&e.meta);
    let name = ident(&e.meta.name);
    let fallback = ident(&e.fallback.name.rust);
    let fallback_docs = docs(&e.fallback.docs);
    let as_str_docs = docs(&e.as_str_docs);
    let variants = e.variants.iter().enumerate().map(|(i, v)| {
        let docs = docs(&v.docs);
        let deprecated = deprecated(&v.deprecated);
        let name = ident(&v.name.rust);
        let default = (e.default == Some(i)).then(|| quote! { #[default] });
        quote! { #docs #deprecated #default #name, }
    });
    let derive_default = e.default.is_some().then(|| quote! { Default, });
    let as_str = e.variants.iter().map(|v| {
        let (variant, wire) = (ident(&v.name.rust), &v.name.wire);
        quote! { Self::#variant => #wire, }
    });
    let from = e.variants.iter().map(|v| {
        let (variant, wire) = (ident(&v.name.rust), &v.name.wire);
        quote! { #wire => Self::#variant, }
    });
    quote! {
        #head
        #[derive(Debug, Clone, PartialEq, Eq, Hash, #derive_default)]
        pub enum #name {
            #(#variants)*
            #fallback_docs
            #fallback(String),
        }
        #allow
        impl #name {
            #as_str_docs
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#fallback(value) => value,
                }
            }
        }
        #allow
        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from)*
                    other => Self::#fallback(other.to_owned()),
                }
            }
        }
        #allow
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #allow
        impl serde::Serialize for #name {
            fn serialize<__S: serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        #allow
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                typed_api_runtime::__private::string_enum(deserializer)
            }
        }
    }
}

fn union(u: &Union) -> TokenStream {
    let (head, allow) = head(&u.meta);
    let name = ident(&u.meta.name);
    let tag = &u.tag;
    let fallback = ident(&u.fallback.name.rust);
    let fallback_docs = docs(&u.fallback.docs);
    let tag_docs = docs(&u.tag_docs);
    let variants = u.variants.iter().map(|v| {
        let docs = docs(&v.variant.docs);
        let deprecated = deprecated(&v.variant.deprecated);
        let (variant, member) = (ident(&v.variant.name.rust), ident(&v.member));
        let held = if v.boxed {
            quote! { Box<#member> }
        } else {
            quote! { #member }
        };
        quote! { #docs #deprecated #variant(#held), }
    });
    let tags = u.variants.iter().map(|v| {
        let (variant, wire) = (ident(&v.variant.name.rust), &v.variant.name.wire);
        match &v.tag_field {
            Some(field) => {
                let field = ident(field);
                quote! { Self::#variant(member) => Some(member.#field.as_str()), }
            }
            None => quote! { Self::#variant(_) => Some(#wire), },
        }
    });
    let serde = union_serde(u, &allow);
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
        impl #name {
            #tag_docs
            pub fn tag(&self) -> Option<&str> {
                match self {
                    #(#tags)*
                    Self::#fallback(raw) => raw.get(#tag).and_then(serde_json::Value::as_str),
                }
            }
        }
        #serde
    }
}

/// A union's serde impls: encoding writes the tag first, decoding dispatches on it.
fn union_serde(u: &Union, allow: &TokenStream) -> TokenStream {
    let name = ident(&u.meta.name);
    let tag = &u.tag;
    let fallback = ident(&u.fallback.name.rust);
    let tagged: Vec<TokenStream> = u
        .variants
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.carries_tag)
        .map(|(i, v)| {
            let (variant, member, wire) = (helper_variant(i), ident(&v.member), &v.variant.name.wire);
            quote! { #[serde(rename = #wire)] #variant(&'a #member), }
        })
        .collect();
    // A member that carries its tag writes it itself; for the others, serde writes the tag
    // first, then the member's fields, without buffering.
    let tagged = (!tagged.is_empty()).then(|| {
        quote! {
            // Local names start with `__` so no member type name can collide with them.
            #[derive(serde::Serialize)]
            #[serde(tag = #tag)]
            enum __Tagged<'a> {
                #(#tagged)*
            }
        }
    });
    let serialize = u.variants.iter().enumerate().map(|(i, v)| {
        let variant = ident(&v.variant.name.rust);
        if v.carries_tag {
            quote! { Self::#variant(member) => serde::Serialize::serialize(member, serializer), }
        } else {
            // A boxed member derefs to the helper's `&Member` on its own.
            let helper = helper_variant(i);
            quote! { Self::#variant(member) => serde::Serialize::serialize(&__Tagged::#helper(member), serializer), }
        }
    });
    let decoding = union_decoding(u);
    quote! {
        #allow
        impl serde::Serialize for #name {
            fn serialize<__S: serde::Serializer>(&self, serializer: __S) -> Result<__S::Ok, __S::Error> {
                #tagged
                match self {
                    #(#serialize)*
                    Self::#fallback(raw) => serde::Serialize::serialize(raw, serializer),
                }
            }
        }
        #allow
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<__D: serde::Deserializer<'de>>(deserializer: __D) -> Result<Self, __D::Error> {
                typed_api_runtime::__private::union(deserializer)
            }
        }
        #allow
        #decoding
    }
}

/// The union's `Union` impl: which member each tag value decodes as, and (when the union has
/// one) the member for objects without the tag.
fn union_decoding(u: &Union) -> TokenStream {
    let name = ident(&u.meta.name);
    let tag = &u.tag;
    let fallback = ident(&u.fallback.name.rust);
    let members = u.variants.iter().enumerate().filter_map(|(i, v)| {
        let variant = ident(&v.variant.name.rust);
        let (wire, others) = (&v.variant.name.wire, &v.other_tags);
        if v.shared.is_some() {
            // One arm for all the members sharing the value, at the first of them.
            let first = u.variants.iter().position(|w| w.shared.is_some() && w.variant.name.wire == *wire);
            return (first == Some(i)).then(|| shared_arm(u, wire));
        }
        let wire = quote! { #wire #(| #others)* };
        let decode = if v.carries_tag {
            quote! { decode_tagged }
        } else {
            quote! { decode }
        };
        let construct = construct(&variant, v.boxed);
        Some(quote! { #wire => rest.#decode().map(#construct), })
    });
    let untagged = u.untagged.as_ref().and_then(|rust| u.variants.iter().find(|v| v.variant.name.rust == *rust));
    let untagged = untagged.map(|v| {
        let construct = construct(&ident(&v.variant.name.rust), v.boxed);
        quote! {
            // An object without the tag (all of it read already).
            fn untagged<__E: serde::de::Error>(whole: typed_api_runtime::__private::Whole<'de, __E>) -> Result<Self, __E> {
                whole.decode().map(#construct)
            }
        }
    });
    quote! {
        impl<'de> typed_api_runtime::__private::Union<'de> for #name {
            const TAG: &'static str = #tag;
            // Only the entries before the tag have been read (see the runtime's `__private::union`).
            fn member<__A: serde::de::MapAccess<'de>>(rest: typed_api_runtime::__private::Rest<'de, __A>) -> Result<Self, __A::Error> {
                match rest.tag() {
                    #(#members)*
                    _ => rest.unknown().map(Self::#fallback),
                }
            }
            #untagged
        }
    }
}

/// What turns a decoded member into the variant (clippy wants the bare path when not boxed).
fn construct(variant: &proc_macro2::Ident, boxed: bool) -> TokenStream {
    if boxed {
        quote! { |member| Self::#variant(Box::new(member)) }
    } else {
        quote! { Self::#variant }
    }
}

/// The member held by a variant: boxed or not.
fn wrap(boxed: bool) -> TokenStream {
    if boxed {
        quote! { Box::new(member) }
    } else {
        quote! { member }
    }
}

/// The decoding arm of a tag value several members share: the object is held, and each
/// member its `by` field selects is tried in the spec's order; none selected is `Unknown`.
fn shared_arm(u: &Union, wire: &str) -> TokenStream {
    let fallback = ident(&u.fallback.name.rust);
    let attempts = u.variants.iter().filter(|v| v.variant.name.wire == wire).filter_map(|v| {
        let (by, values) = v.shared.as_ref()?;
        let variant = ident(&v.variant.name.rust);
        let (carries, wrap) = (v.carries_tag, wrap(v.boxed));
        Some(quote! {
            if let Some(member) = whole.attempt(#by, &[#(#values),*], #carries) {
                return Ok(Self::#variant(#wrap));
            }
        })
    });
    quote! {
        #wire => {
            let mut whole = rest.hold()?;
            #(#attempts)*
            whole.finish().map(Self::#fallback)
        }
    }
}

fn alias(a: &Alias) -> TokenStream {
    let (head, allow) = head(&a.meta);
    let name = ident(&a.meta.name);
    let target = ty(&a.target);
    let generics = (!a.generics.is_empty()).then(|| {
        let params = a.generics.iter().map(|g| ident(g));
        quote! { <#(#params),*> }
    });
    quote! {
        #head
        #allow
        pub type #name #generics = #target;
    }
}

/// The local serializer's variant for the union's `i`th: numbered, not named after the
/// union's variants, so that names sharing a word (`McpProtocolError`, `HttpError`) do not
/// make clippy's `enum_variant_names` fire on a helper nobody sees.
fn helper_variant(i: usize) -> proc_macro2::Ident {
    quote::format_ident!("V{i}")
}
