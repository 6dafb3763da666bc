//! Lowering types: objects to structs (without the tag field a union owns), enums and the
//! one-value enums behind `const` fields, unions, and named maps to aliases; each with its
//! doc lines.

use super::cx::Cx;
use super::prose::{constraint_docs, limit_docs};
use super::rust_type::ty;
use crate::doctext::{code, push_paragraph};
use crate::ir::{self, Item, Meta, Name, Type};
use crate::naming::{self, FALLBACK_VARIANT};
use crate::resolved::{Body, EnumValue, Field, FieldSets, FieldType, KindUnion, Object, Ty, TypeDef, Union};
use crate::values::JsonKind;
use crate::values::{MapLimits, Presence};

impl Cx {
    pub(super) fn item(&self, ty: &TypeDef) -> Item {
        let meta = Meta {
            name: ty.name.clone(),
            docs: self.text.lines(ty.description.as_deref().unwrap_or_default()),
            deprecated: ty.deprecated.clone(),
            allow_deprecated: ty.deprecated.is_some(),
        };
        match &ty.body {
            Body::Object(object) => Item::Struct(self.object(meta, &ty.module, object)),
            Body::Enum(values) => Item::Enum(self.enumeration(meta, values)),
            Body::Union(union) => Item::Union(self.union(meta, union)),
            Body::KindUnion(union) => Item::KindUnion(self.kind_union(meta, union)),
            Body::Map { params, value, limits } => Item::Alias(self.alias(meta, params, value, limits)),
            Body::Const { value, variant } => Item::Enum(const_enum(meta, value, variant)),
        }
    }

    fn object(&self, mut meta: Meta, module: &str, object: &Object) -> ir::Struct {
        let mut membership = Vec::new();
        for member in &object.member_of {
            let link = link(&member.union, &member.union_module, module);
            let values: Vec<String> = member.tag_values.iter().map(|v| format!("`{}`", code(v))).collect();
            let (value, tag) = (values.join(" or "), code(&member.tag));
            membership.push(if member.carries_tag {
                format!("The {value} member of {link}, which its `{tag}` field selects.")
            } else {
                format!("The {value} member of {link}, which reads and writes the `{tag}` field.")
            });
        }
        push_paragraph(&mut meta.docs, membership);
        if !object.extends.is_empty() {
            let links: Vec<String> = object.extends.iter().map(|b| link(&b.name, &b.module, module)).collect();
            push_paragraph(
                &mut meta.docs,
                [format!("Extends {}, whose fields come first, then its own.", links.join(" and "))],
            );
        }
        let fields: Vec<ir::Field> = object.fields.iter().filter_map(|f| self.field(f)).collect();
        meta.allow_deprecated |= fields.iter().any(|f| f.deprecated.is_some() || self.uses_deprecated(&f.ty));
        let validated = self.rules.validated(&meta.name);
        let validation = if validated { self.rules.fields(&object.fields) } else { None };
        let field_sets: Vec<ir::FieldSets> =
            object.requires.iter().map(|sets| field_sets(sets, &object.fields)).collect();
        push_paragraph(&mut meta.docs, field_sets.iter().map(|sets| field_sets_docs(sets, validated)));
        let field_sets = if validated { field_sets } else { Vec::new() };
        let unknown_fields = object.keep_unknown_fields.then(|| {
            vec![
                "The fields this version of the spec does not know, in the order they were sent; they".to_owned(),
                "encode back after the fields above, so the object passes through unchanged.".to_owned(),
            ]
        });
        let derive_deserialize = unknown_fields.is_some();
        ir::Struct {
            meta,
            generics: object.params.clone(),
            fields,
            validation,
            field_sets,
            unknown_fields,
            derive_deserialize,
        }
    }

    /// A struct field; none for a union member's tag, which its union reads and writes.
    fn field(&self, field: &Field) -> Option<ir::Field> {
        let ty = match &field.ty {
            FieldType::Value(value) => ty(value),
            FieldType::Const { type_name, .. } => Type::Named { name: type_name.clone(), args: Vec::new() },
            FieldType::Tag { .. } => return None,
        };
        let mut docs = self.text.lines(field.description.as_deref().unwrap_or_default());
        push_paragraph(&mut docs, constraint_docs(&field.constraints));
        if field.presence == (Presence::Nullable { missing_as_null: true }) {
            push_paragraph(
                &mut docs,
                ["The API may leave this field out although it is required: absent decodes as `None`.".to_owned()],
            );
        }
        if field.presence == Presence::OptionalNullable {
            push_paragraph(
                &mut docs,
                ["Three states, as on the wire: `None` is absent, `Some(None)` is `null`, `Some(Some(_))` a value."
                    .to_owned()],
            );
        }
        push_paragraph(&mut docs, limit_docs(&field.limits));
        Some(ir::Field {
            name: Name { rust: field.rust.clone(), wire: field.wire.clone() },
            // serde strips `r#` itself; rename only when the names really differ.
            rename: naming::unraw(&field.rust) != field.wire,
            docs,
            deprecated: field.deprecated.clone(),
            ty,
            presence: field.presence,
            constraints: field.constraints.clone(),
            limits: field.limits.clone(),
        })
    }

    fn enumeration(&self, mut meta: Meta, values: &[EnumValue]) -> ir::Enum {
        let variants: Vec<ir::Variant> = values
            .iter()
            .map(|v| ir::Variant {
                name: Name { rust: v.rust.clone(), wire: v.wire.clone() },
                docs: match &v.description {
                    Some(text) => self.text.lines(text),
                    None => vec![format!("The value `{}`.", code(&v.wire))],
                },
                deprecated: v.deprecated.clone(),
            })
            .collect();
        meta.allow_deprecated |= variants.iter().any(|v| v.deprecated.is_some());
        ir::Enum { meta, variants, fallback: enum_fallback(), default: None, as_str_docs: as_str_docs() }
    }

    fn union(&self, mut meta: Meta, union: &Union) -> ir::Union {
        let mut variants = Vec::new();
        let boxed = self.boxed.get(&meta.name).cloned().unwrap_or_default();
        for (i, variant) in union.variants.iter().enumerate() {
            meta.allow_deprecated |= variant.member_deprecated.is_some();
            let (first, others) = variant.tag_values.split_first().map_or(("", &[][..]), |(f, o)| (f.as_str(), o));
            let mut docs = self.text.lines(variant.member_description.as_deref().unwrap_or_default());
            if docs.is_empty() {
                docs.push(format!("A `{}` member.", code(first)));
            }
            if !others.is_empty() {
                let all: Vec<String> = variant.tag_values.iter().map(|v| format!("`{}`", code(v))).collect();
                push_paragraph(
                    &mut docs,
                    [format!("Selected by the tag values {}; the member's own tag field says which.", all.join(", "))],
                );
            }
            if let Some(shared) = &variant.shared {
                push_paragraph(&mut docs, [shared_doc(first, shared)]);
            }
            if union.untagged.as_ref() == Some(&variant.member) {
                push_paragraph(
                    &mut docs,
                    [format!("An object without `{}` decodes as this member.", code(&union.tag))],
                );
            }
            let name = Name { rust: variant.rust.clone(), wire: first.to_owned() };
            // `tag()` reads the field: a deprecated one needs the lint allowed.
            let tag_field = self.enum_tag_field(&variant.member, &union.tag);
            meta.allow_deprecated |= tag_field.is_some_and(|f| f.deprecated.is_some());
            let deprecated = variant.member_deprecated.clone();
            variants.push(ir::UnionVariant {
                variant: ir::Variant { name, docs, deprecated },
                other_tags: others.to_vec(),
                tag_field: tag_field.map(|f| f.rust.clone()),
                member: variant.member.clone(),
                carries_tag: variant.carries_tag,
                boxed: boxed.get(i).copied().unwrap_or(false),
                shared: variant.shared.as_ref().map(|s| (s.by.clone(), s.values.clone())),
            });
        }
        let shown = code(&union.tag);
        let fallback = ir::Variant {
            name: Name { rust: FALLBACK_VARIANT.to_owned(), wire: String::new() },
            docs: vec![
                format!("A member this version of the spec does not know (its `{shown}` is none of the above),"),
                "kept as the raw JSON object so that it encodes back unchanged.".to_owned(),
                String::new(),
                format!("An object here whose `{shown}` is one of the above decodes back as that variant."),
            ],
            deprecated: None,
        };
        let tag_docs =
            vec![format!("The value of the `{shown}` tag: the variant's own, or the one an unknown member sent.")];
        let validated: Vec<String> =
            union.variants.iter().filter(|v| self.rules.validated(&v.member)).map(|v| v.rust.clone()).collect();
        let validated_variants = (!validated.is_empty()).then_some(validated);
        let untagged = union.untagged.as_ref().and_then(|m| union.variants.iter().find(|v| &v.member == m));
        let untagged = untagged.map(|v| v.rust.clone());
        ir::Union { meta, tag: union.tag.clone(), tag_docs, variants, fallback, validated_variants, untagged }
    }

    /// The Rust name of `member`'s tag field when it is typed (an enum), not a `const`.
    fn enum_tag_field(&self, member: &str, tag: &str) -> Option<&Field> {
        let field = self.objects.get(member)?.fields.iter().find(|f| f.wire == tag)?;
        matches!(field.ty, FieldType::Value(_)).then_some(field)
    }

    fn kind_union(&self, mut meta: Meta, union: &KindUnion) -> ir::KindUnion {
        let has_integer = union.variants.iter().any(|v| v.kind == JsonKind::Integer);
        let mut variants = Vec::new();
        for variant in &union.variants {
            let ty = ty(&variant.ty);
            meta.allow_deprecated |= variant.member_deprecated.is_some() || self.uses_deprecated(&ty);
            let mut docs = vec![format!("The value when it is {}.", kind_phrase(variant.kind))];
            push_paragraph(&mut docs, self.text.lines(variant.member_description.as_deref().unwrap_or_default()));
            // Without an integer member, a whole number is a number.
            let mut kinds = vec![variant.kind];
            if variant.kind == JsonKind::Number && !has_integer {
                kinds.push(JsonKind::Integer);
            }
            let name = Name { rust: variant.rust.clone(), wire: variant.kind.name().to_owned() };
            let variant = ir::Variant { name, docs, deprecated: variant.member_deprecated.clone() };
            variants.push(ir::KindVariant { variant, kinds, ty });
        }
        let fallback = ir::Variant {
            name: Name { rust: FALLBACK_VARIANT.to_owned(), wire: String::new() },
            docs: vec![
                "A value of a kind none of the above takes (`null`, or a kind the API added later),".to_owned(),
                "kept as the raw JSON so that it encodes back unchanged.".to_owned(),
                String::new(),
                "A value here of a kind one of the above takes decodes back as that variant.".to_owned(),
            ],
            deprecated: None,
        };
        let validation = if self.rules.validated(&meta.name) { self.rules.kind_variants(union) } else { None };
        ir::KindUnion { meta, variants, fallback, validation }
    }

    /// A named map, generic when it has parameters: `pub type Dict<T> = BTreeMap<String, T>`.
    fn alias(&self, mut meta: Meta, params: &[String], value: &Ty, limits: &MapLimits) -> ir::Alias {
        push_paragraph(&mut meta.docs, limit_docs(limits));
        let target = Type::Map(Box::new(ty(value)));
        meta.allow_deprecated |= self.uses_deprecated(&target);
        ir::Alias { meta, generics: params.to_vec(), target, limits: limits.clone() }
    }
}

/// A link to a type from the docs of an item in `module`.
fn link(name: &str, target_module: &str, module: &str) -> String {
    // A link by name resolves only where the type is in scope, and rustdoc rejects an
    // explicit target that repeats what the name already resolves to.
    if target_module == module { format!("[`{name}`]") } else { format!("[`{name}`](crate::{name})") }
}

/// The kind of a JSON value, in a sentence.
fn kind_phrase(kind: JsonKind) -> &'static str {
    match kind {
        JsonKind::String => "a string",
        JsonKind::Integer => "an integer",
        JsonKind::Number => "a number",
        JsonKind::Boolean => "`true` or `false`",
        JsonKind::Array => "an array",
        JsonKind::Object => "an object",
    }
}

/// A `const` field's type: a one-value enum whose `Default` is that value.
fn const_enum(mut meta: Meta, value: &str, variant: &str) -> ir::Enum {
    let shown = code(value);
    push_paragraph(&mut meta.docs, [format!("Always `{shown}` so far; the `Default` is that value.")]);
    let variant = ir::Variant {
        name: Name { rust: variant.to_owned(), wire: value.to_owned() },
        docs: vec![format!("The value `{shown}`.")],
        deprecated: None,
    };
    ir::Enum { meta, variants: vec![variant], fallback: enum_fallback(), default: Some(0), as_str_docs: as_str_docs() }
}

fn enum_fallback() -> ir::Variant {
    ir::Variant {
        name: Name { rust: FALLBACK_VARIANT.to_owned(), wire: String::new() },
        docs: vec![
            "A value this version of the spec does not know, kept as sent so that it".to_owned(),
            "encodes back unchanged.".to_owned(),
            String::new(),
            "A known value wrapped here encodes the same, but decodes back as its own variant.".to_owned(),
        ],
        deprecated: None,
    }
}

/// Every string enum's `as_str`.
fn as_str_docs() -> Vec<String> {
    vec!["The value as sent on the wire.".to_owned()]
}

/// The field sets by Rust and wire name (validated: every name is a field's).
pub(super) fn field_sets(sets: &FieldSets, fields: &[Field]) -> ir::FieldSets {
    let name = |wire: &String| {
        let rust = fields.iter().find(|f| &f.wire == wire).map_or_else(|| wire.clone(), |f| f.rust.clone());
        Name { rust, wire: wire.clone() }
    };
    ir::FieldSets {
        exactly_one: sets.exactly_one,
        sets: sets.sets.iter().map(|set| set.iter().map(name).collect()).collect(),
    }
}

/// "At least one of these must be set: `image_url`, or `file_id`." and whether it is checked.
pub(super) fn field_sets_docs(sets: &ir::FieldSets, checked: bool) -> String {
    let each: Vec<String> = sets
        .sets
        .iter()
        .map(|set| set.iter().map(|n| format!("`{}`", code(&n.wire))).collect::<Vec<_>>().join(" with "))
        .collect();
    let how = if sets.exactly_one { "Exactly one" } else { "At least one" };
    let when = if checked { " A request is checked for it before it is sent." } else { "" };
    format!("{how} of these must be set: {}.{when}", each.join(", or "))
}

/// How a member sharing its tag value is chosen, for its variant's docs.
fn shared_doc(value: &str, shared: &crate::resolved::Shared) -> String {
    let values: Vec<String> = shared.values.iter().map(|v| format!("`{}`", code(v))).collect();
    format!(
        "Shares the tag value `{}` with other members: chosen when `{}` is {}, if it decodes \
         (the members sharing the value are tried in the spec's order).",
        code(value),
        code(&shared.by),
        values.join(" or ")
    )
}
