//! Lowering a request body: the builder holds the body's object whole; each of its fields
//! becomes a constructor argument (required, or required but nullable) or a setter
//! (optional; optional and nullable fields get a second setter that sends `null`).

use super::cx::Cx;
use super::prose::constraint_docs;
use super::rust_type::ty;
use crate::doctext::{code, push_paragraph};
use crate::ir::{self, Name, Type};
use crate::naming;
use crate::resolved::{Field, FieldType, Object, Ty};
use crate::values::Presence;

/// The most arguments a constructor takes from the body's fields and the parameters: the
/// client method has `&self` too, and clippy's `too_many_arguments` allows 7 in all. A body
/// with more required fields is taken whole.
const MAX_ARGUMENTS: usize = 6;

impl Cx {
    /// The body of the request builder `builder`, of type `body` (a named object).
    /// `params`: how many path or query parameters the builder's constructor also takes.
    pub(super) fn body(&self, body: &Ty, object: &Object, builder: &str, params: usize) -> ir::RequestBody {
        let mut fields = Vec::new();
        let mut fixed = Vec::new();
        for field in &object.fields {
            match &field.ty {
                FieldType::Value(value) => fields.push(self.body_field(field, ty(value), builder)),
                FieldType::Const { .. } => fixed.push(field.rust.clone()),
                // Not a field of the struct: its union writes it.
                FieldType::Tag { .. } => {}
            }
        }
        if object.keep_unknown_fields {
            // Empty: a request built here has no fields the spec does not know.
            fixed.push(naming::UNKNOWN_FIELDS.to_owned());
        }
        let body = ty(body);
        let validated = matches!(&body, Type::Named { name, .. } if self.rules.validated(name));
        let mut from_body_docs =
            vec![format!("A request sending `body` (a [`{body}`]) as it is, e.g. one decoded from a response.")];
        if params > 0 {
            from_body_docs.push("The other arguments are the constructor's required parameters.".to_owned());
        }
        let required = fields.iter().filter(|f| f.param.required).count();
        let whole = params + required > MAX_ARGUMENTS;
        let field_sets_docs = object
            .requires
            .iter()
            .map(|sets| super::models::field_sets_docs(&super::models::field_sets(sets, &object.fields), validated))
            .collect();
        ir::RequestBody { ty: body, fields, fixed, validated, whole, from_body_docs, field_sets_docs }
    }

    fn body_field(&self, field: &Field, ty: Type, builder: &str) -> ir::BodyField {
        let mut docs = self.text.lines(field.description.as_deref().unwrap_or_default());
        push_paragraph(&mut docs, constraint_docs(&field.constraints));
        let wire = code(&field.wire);
        let method = naming::unraw(&field.rust);
        let null_setter = (field.presence == Presence::OptionalNullable).then(|| {
            let name = format!("{method}_null");
            push_paragraph(&mut docs, [format!("Unset, it is not sent; [`{name}`](Self::{name}) sends `null`.")]);
            ir::NullSetter {
                docs: vec![format!("Sends `{wire}` as `null`: see [`{builder}::{method}`].")],
                call_docs: vec![format!("Sends `{wire}` as `null`: see [`{builder}::{name}`].")],
                name,
            }
        });
        let required = matches!(field.presence, Presence::Required | Presence::Nullable { .. });
        if matches!(field.presence, Presence::Nullable { .. }) {
            push_paragraph(&mut docs, [format!("`None` sends `{wire}` as `null`.")]);
        }
        let arg = match (&field.presence, &ty) {
            (Presence::Nullable { .. }, _) => ir::Arg::Nullable,
            (_, Type::String) => ir::Arg::IntoString,
            (_, Type::DateTime | Type::UnixTime | Type::Json) => ir::Arg::Into,
            (_, Type::Vec(_)) => ir::Arg::Iter,
            _ => ir::Arg::Plain,
        };
        let param = ir::Param {
            name: Name { rust: field.rust.clone(), wire: field.wire.clone() },
            docs,
            call_docs: vec![format!("Sets `{wire}`: see [`{builder}::{method}`].")],
            deprecated: field.deprecated.clone(),
            ty,
            required,
            default: None,
            constraints: field.constraints.clone(),
            // The body's `Validate` impl checks it, with the rest of the body.
            checks: Vec::new(),
            arg,
            encoding: ir::Encoding::Single,
        };
        ir::BodyField { param, presence: field.presence, null_setter }
    }
}
