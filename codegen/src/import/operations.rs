//! Operations → native operations. An operation the spec language cannot take yet (a
//! multipart or binary body, a response that is not JSON, a query parameter of object type)
//! is not an error: it is left out with the reason and the JSON pointer of what stops it,
//! for the coverage report.

use heck::ToUpperCamelCase;
use serde_yaml::{Mapping, Value as Yaml};

use super::convert::objects::write_type;
use super::convert::schema::{DEPRECATED, undescribed};
use super::convert::{Importer, Ty};
use super::doc::{Pointer, Value};

/// One operation of the document, and what the import made of it.
#[derive(Debug, Clone)]
pub struct OperationReport {
    pub id: String,
    pub method: String,
    pub path: String,
    pub tags: Vec<String>,
    pub outcome: Outcome,
}

#[derive(Debug, Clone)]
pub enum Outcome {
    Generated,
    /// Not selected by the overlay.
    NotSelected,
    /// Selected, but a construct stops it: where, and what.
    Stopped {
        pointer: Pointer,
        reason: String,
    },
}

impl<'a> Importer<'a> {
    /// Converts one operation; `Err` says what stops it.
    pub fn operation(
        &mut self,
        p: &Pointer,
        path: &str,
        method: &str,
        op: &'a Value,
    ) -> Result<(String, Mapping), (Pointer, String)> {
        let id =
            op.str_at("operationId").ok_or_else(|| (p.clone(), "the operation has no `operationId`".to_owned()))?;
        media_types(op, p)?;
        if let Some((_, query)) = path.split_once('?') {
            // Stainless's way to give a variant of an operation a path of its own; the SDKs
            // send it to the path without the query.
            let reason = format!(
                "the path carries a query string (`?{query}`): a documentation variant of the operation at the same path"
            );
            return Err((p.clone(), reason));
        }
        let type_prefix = id.to_upper_camel_case();
        let mut out = Mapping::new();
        out.insert("description".into(), operation_description(op, id).into());
        if op.get("deprecated").and_then(Value::as_bool) == Some(true) {
            out.insert("deprecated".into(), DEPRECATED.into());
        }
        out.insert("method".into(), method.to_uppercase().into());
        out.insert("path".into(), path.into());
        if let Some(group) = group(op) {
            out.insert("group".into(), group.into());
        }
        let doc: &'a Value = self.doc;
        let item = doc.pointee(&p.parent()).unwrap_or(&Value::Null);
        let params = self.parameters(item, op, p)?;
        let (mut path_params, mut query, mut headers) = (Mapping::new(), Mapping::new(), Mapping::new());
        for (at, param) in params {
            let wire = param.str_at("name").unwrap_or_default().to_owned();
            match param.str_at("in") {
                Some("path") => {
                    let mut entry = Mapping::new();
                    entry.insert("description".into(), param_description(param, &wire).into());
                    path_params.insert(wire.into(), Yaml::Mapping(entry));
                }
                Some("query") => {
                    let entry = self.query_param(&at, param, &wire, &type_prefix)?;
                    query.insert(wire.into(), Yaml::Mapping(entry));
                }
                Some("header") => {
                    let value = param.get("schema").and_then(one_value);
                    match value {
                        Some(value) => {
                            headers.insert(wire.into(), value.into());
                        }
                        None => return Err((at, format!("header parameter `{wire}` with values of its own"))),
                    }
                }
                other => return Err((at.push("in"), format!("a parameter `in: {}`", other.unwrap_or("?")))),
            }
        }
        if let Err((at, message)) = self.check_template(path, &path_params, p) {
            // A document that contradicts itself is broken, not merely beyond the spec
            // language: an error, not a line in the coverage report.
            self.problem(&at, message.clone());
            return Err((at, message));
        }
        if !path_params.is_empty() {
            out.insert("path_params".into(), Yaml::Mapping(path_params));
        }
        if !query.is_empty() {
            out.insert("query".into(), Yaml::Mapping(query));
        }
        if let Some(body) = op.get("requestBody") {
            let body = self.request_body(body, &p.push("requestBody"), &type_prefix)?;
            out.insert("body".into(), body.into());
        }
        let response = self.response_or_binary(op, &p.push("responses"), &type_prefix, &mut headers)?;
        out.insert("response".into(), response.into());
        if !headers.is_empty() {
            out.insert("headers".into(), Yaml::Mapping(headers));
        }
        Ok((id.to_owned(), out))
    }

    /// The path item's parameters and the operation's (which win by name and place), `$ref`s
    /// to `#/components/parameters/...` followed.
    fn parameters(
        &self,
        item: &'a Value,
        op: &'a Value,
        p: &Pointer,
    ) -> Result<Vec<(Pointer, &'a Value)>, (Pointer, String)> {
        let mut out: Vec<(Pointer, &'a Value)> = Vec::new();
        let lists =
            [(item.get("parameters"), p.parent().push("parameters")), (op.get("parameters"), p.push("parameters"))];
        for (list, at) in lists {
            for (i, param) in list.and_then(Value::as_array).unwrap_or_default().iter().enumerate() {
                let at = at.push(i);
                let param = match param.str_at("$ref") {
                    Some(r) => self
                        .component(r, "parameters")
                        .ok_or_else(|| (at.push("$ref"), format!("`$ref: {r}` names no parameter of this document")))?,
                    None => param,
                };
                let key = (param.str_at("name"), param.str_at("in"));
                if key.0.is_none() {
                    return Err((at, "a parameter without a `name`".to_owned()));
                }
                out.retain(|(_, q)| (q.str_at("name"), q.str_at("in")) != key);
                out.push((at, param));
            }
        }
        Ok(out)
    }

    /// A `#/components/<section>/<name>` the document holds.
    fn component(&self, reference: &str, section: &str) -> Option<&'a Value> {
        let doc: &'a Value = self.doc;
        let pointer = Pointer::from_fragment(reference)?;
        let mut tokens = pointer.tokens();
        (tokens.next()? == "components" && tokens.next()? == section).then_some(())?;
        doc.pointee(&pointer)
    }

    fn query_param(
        &mut self,
        at: &Pointer,
        param: &Value,
        wire: &str,
        prefix: &str,
    ) -> Result<Mapping, (Pointer, String)> {
        let schema = param.get("schema").unwrap_or(&Value::Null);
        let hint = format!("{prefix}{}", wire.to_upper_camel_case());
        let ty = self.inline(schema, &at.push("schema"), &hint);
        let hint = self.name_at(&at.push("schema"), hint);
        let ty = self.const_as_enum(ty, &at.push("schema"), &hint);
        let expr = ty.expr_text().unwrap_or("string");
        if !self.query_type(expr) {
            let reason = format!("query parameter `{wire}` of a type a query cannot send (deepObject of non-scalars)");
            return Err((at.push("schema"), reason));
        }
        let mut entry = Mapping::new();
        let natural = crate::naming::snake(wire.trim_end_matches("[]")).unwrap_or_default();
        if crate::naming::RESERVED_PARAM_NAMES.contains(&natural.as_str()) {
            self.note(at, format!("query parameter `{wire}` is named `{natural}_param` in Rust: `{natural}` is a request builder's method"));
            entry.insert("rust_name".into(), format!("{natural}_param").into());
        } else if wire.ends_with("[]") {
            entry.insert("rust_name".into(), natural.into());
        }
        write_type(&mut entry, &Ty { nullable: false, ..ty.clone() });
        if param.get("required").and_then(Value::as_bool) == Some(true) {
            entry.insert("required".into(), true.into());
        }
        if let Some(default) = schema.get("default").and_then(scalar_literal) {
            entry.insert("default".into(), default);
        }
        for (key, value) in &ty.extra {
            entry.insert((*key).into(), value.clone());
        }
        entry.insert("description".into(), param_description(param, wire).into());
        if param.get("deprecated").and_then(Value::as_bool) == Some(true) {
            entry.insert("deprecated".into(), DEPRECATED.into());
        }
        Ok(entry)
    }

    /// Whether a query can send the type: a scalar, an enum, an array of those, or (as
    /// OpenAPI's deepObject, `name[key]=value`) a map or an object of those, the object's
    /// fields neither nullable nor constant.
    fn query_type(&self, expr: &str) -> bool {
        let simple = |expr: &str| {
            ["string", "integer", "number", "boolean"].contains(&expr)
                || self.types.get(expr).is_some_and(|d| d.def.get("enum").is_some())
        };
        let inner = |wrapper: &str| expr.strip_prefix(wrapper).and_then(|e| e.strip_suffix('>'));
        if let Some(item) = inner("array<").or_else(|| inner("map<")) {
            return simple(item);
        }
        if simple(expr) {
            return true;
        }
        let Some(def) = self.types.get(expr).map(|d| &d.def) else { return false };
        if let Some(value) = def.get("map") {
            return value.as_str().is_some_and(simple);
        }
        let Some(fields) = def.get("fields").and_then(Yaml::as_mapping) else { return false };
        def.get("extends").is_none()
            && fields.values().all(|f| {
                f.get("nullable").is_none()
                    && f.get("const").is_none()
                    && f.get("type").and_then(Yaml::as_str).is_some_and(simple)
            })
    }

    fn check_template(&self, path: &str, params: &Mapping, p: &Pointer) -> Result<(), (Pointer, String)> {
        let named: Vec<&str> = path.split('{').skip(1).filter_map(|s| s.split('}').next()).collect();
        for name in &named {
            if !params.contains_key(*name) {
                return Err((
                    p.clone(),
                    format!("the path names `{{{name}}}`, but no path parameter `{name}` is declared"),
                ));
            }
        }
        for key in params.keys().filter_map(Yaml::as_str) {
            if !named.contains(&key) {
                return Err((p.clone(), format!("path parameter `{key}` is not in the path `{path}`")));
            }
        }
        Ok(())
    }

    fn request_body(&mut self, body: &'a Value, p: &Pointer, prefix: &str) -> Result<String, (Pointer, String)> {
        let body = match body.str_at("$ref") {
            Some(r) => self
                .component(r, "requestBodies")
                .ok_or_else(|| (p.push("$ref"), format!("`$ref: {r}` names no request body")))?,
            None => body,
        };
        let content = body.get("content").and_then(Value::as_object);
        let Some(schema) = content.and_then(|c| c.get("application/json")).and_then(|m| m.get("schema")) else {
            let types: Vec<&str> = content.map(|c| c.keys().collect()).unwrap_or_default();
            return Err((p.push("content"), format!("a request body of {} (not JSON)", types.join(", "))));
        };
        let at = p.push("content").push("application/json").push("schema");
        let ty = self.inline(schema, &at, &format!("{prefix}Body"));
        match ty.expr_text() {
            Some(e) if !ty.nullable && self.types.get(e).is_some_and(|d| d.def.get("fields").is_some()) => {
                self.rename_reserved_fields(e);
                Ok(e.to_owned())
            }
            _ => Err((at, "a request body that is not an object (a union, an array or a free-form value)".to_owned())),
        }
    }

    /// `binary` for bytes, asked for as the document lists them (an overlay may say what the
    /// official SDK sends instead) unless a header parameter fixed `Accept` already; else the
    /// JSON response's type, or `none`.
    fn response_or_binary(
        &mut self,
        op: &'a Value,
        p: &Pointer,
        prefix: &str,
        headers: &mut Mapping,
    ) -> Result<String, (Pointer, String)> {
        let Some(media) = binary_media(op) else { return self.response(op, p, prefix) };
        if !headers.keys().any(|k| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case("accept"))) {
            headers.insert("Accept".into(), media.join(", ").into());
        }
        Ok("binary".to_owned())
    }

    fn response(&mut self, op: &'a Value, p: &Pointer, prefix: &str) -> Result<String, (Pointer, String)> {
        let responses = op.get("responses").and_then(Value::as_object);
        let Some((code, response)) = responses.and_then(|r| r.iter().find(|(code, _)| code.starts_with('2'))) else {
            return Err((p.clone(), "no 2xx response".to_owned()));
        };
        let at = p.push(code);
        let response = match response.str_at("$ref") {
            Some(r) => self
                .component(r, "responses")
                .ok_or_else(|| (at.push("$ref"), format!("`$ref: {r}` names no response")))?,
            None => response,
        };
        let content = response.get("content").and_then(Value::as_object);
        if content.is_none_or(|c| c.is_empty()) {
            return Ok("none".to_owned());
        }
        let Some(schema) = content.and_then(|c| c.get("application/json")).and_then(|m| m.get("schema")) else {
            let types: Vec<&str> = content.map(|c| c.keys().collect()).unwrap_or_default();
            return Err((at, format!("a response of {} (not JSON)", types.join(", "))));
        };
        let at = at.push("content").push("application/json").push("schema");
        let ty = self.inline(schema, &at, &format!("{prefix}Response"));
        match ty.expr_text() {
            Some(e) if !ty.nullable => Ok(e.to_owned()),
            _ => Err((at, "a response that is a single constant or may be `null`".to_owned())),
        }
    }
}

impl Importer<'_> {
    /// A body's fields become setters beside the builder's own methods (`items`, `send`,
    /// ...): a field with such a name gets the Rust name `<name>_field`, noted.
    fn rename_reserved_fields(&mut self, body: &str) {
        let Some(defined) = self.types.get_mut(body) else { return };
        let pointer = defined.pointer.clone();
        let Some(fields) = defined.def.get_mut("fields").and_then(Yaml::as_mapping_mut) else { return };
        let mut renamed = Vec::new();
        for (wire, field) in fields.iter_mut() {
            let (Some(wire), Some(field)) = (wire.as_str(), field.as_mapping_mut()) else { continue };
            let natural = crate::naming::snake(wire).unwrap_or_default();
            if field.contains_key("rust_name") || !crate::naming::RESERVED_PARAM_NAMES.contains(&natural.as_str()) {
                continue;
            }
            field.insert("rust_name".into(), format!("{natural}_field").into());
            renamed.push((wire.to_owned(), natural));
        }
        for (wire, natural) in renamed {
            let message = format!(
                "body field `{wire}` is named `{natural}_field` in Rust: `{natural}` is a request builder's method"
            );
            self.note(&pointer.push("properties").push(&wire), message);
        }
    }
}

/// The first tag is the operation's group: the Cargo feature that builds it. The OpenAI
/// document gives every operation one tag; later ones would be cross-references.
fn group(op: &Value) -> Option<&str> {
    op.get("tags").and_then(Value::as_array).and_then(|t| t.first()).and_then(Value::as_str)
}

/// Stops an operation whose request body or response is not JSON before anything of it is
/// converted (so that no type is made for an operation left out).
fn media_types(op: &Value, p: &Pointer) -> Result<(), (Pointer, String)> {
    let json_or_stop = |content: Option<&Value>, at: Pointer, what: &str| {
        let Some(content) = content.and_then(Value::as_object) else { return Ok(()) };
        if content.get("application/json").is_some() {
            return Ok(());
        }
        let types: Vec<&str> = content.keys().collect();
        Err((at, format!("{what} of {} (not JSON)", types.join(", "))))
    };
    json_or_stop(
        op.get("requestBody").and_then(|b| b.get("content")),
        p.push("requestBody").push("content"),
        "a request body",
    )?;
    let ok =
        op.get("responses").and_then(Value::as_object).and_then(|r| r.iter().find(|(code, _)| code.starts_with('2')));
    if let Some((code, response)) = ok {
        let at = p.push("responses").push(code).push("content");
        // Bytes (`response: binary`), or JSON; an event stream without JSON beside it (OpenAI's
        // speech, bytes or events) waits for SSE support.
        if binary_media(op).is_none() {
            json_or_stop(response.get("content"), at, "a response")?;
        }
    }
    Ok(())
}

/// The media types of a 2xx response that comes as bytes (`response: binary`): every one
/// when none is JSON (`application/octet-stream`, `audio/mpeg`, ...), or those whose schema
/// says `format: binary` even when JSON is listed beside them (OpenAI's video and skill
/// content list `application/json: string` too; decoding the bytes as JSON would fail).
/// `None` for a JSON response, one without content, or one that may be an event stream
/// (beside JSON, the JSON is taken; alone or beside bytes, the operation waits for SSE).
fn binary_media(op: &Value) -> Option<Vec<String>> {
    let responses = op.get("responses").and_then(Value::as_object)?;
    let (_, response) = responses.iter().find(|(code, _)| code.starts_with('2'))?;
    let content = response.get("content").and_then(Value::as_object).filter(|c| !c.is_empty())?;
    if content.keys().any(|m| m == "text/event-stream") {
        return None;
    }
    let formatted = |m: &Value| m.get("schema").and_then(|s| s.str_at("format")) == Some("binary");
    let json = content.keys().any(|m| m == "application/json");
    let media: Vec<String> = content
        .iter()
        .filter(|(media, m)| *media != "application/json" && (!json || formatted(m)))
        .map(|(media, _)| media.to_owned())
        .collect();
    (!media.is_empty()).then_some(media)
}

/// An operation's description: its summary, then its description when that says more.
fn operation_description(op: &Value, id: &str) -> String {
    let summary = op.str_at("summary").map(str::trim).filter(|s| !s.is_empty());
    let description = op.str_at("description").map(str::trim).filter(|s| !s.is_empty());
    match (summary, description) {
        (Some(s), Some(d)) if d != s && !d.starts_with(s) => format!("{s}\n\n{d}"),
        (_, Some(d)) => d.to_owned(),
        (Some(s), None) => s.to_owned(),
        (None, None) => undescribed(id),
    }
}

fn param_description(param: &Value, wire: &str) -> String {
    param
        .str_at("description")
        .or_else(|| param.get("schema").and_then(|s| s.str_at("description")))
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map_or_else(|| undescribed(wire), str::to_owned)
}

/// The one value a header parameter's schema allows (a one-value enum or a `const`).
fn one_value(schema: &Value) -> Option<String> {
    match (schema.get("enum").and_then(Value::as_array), schema.get("const")) {
        (Some([Value::String(v)]), _) => Some(v.clone()),
        (_, Some(Value::String(v))) => Some(v.clone()),
        _ => None,
    }
}

/// A `default` as a spec literal (strings, numbers and booleans only).
fn scalar_literal(value: &Value) -> Option<Yaml> {
    match value {
        Value::String(s) => Some(s.clone().into()),
        Value::Bool(b) => Some((*b).into()),
        Value::Int(i) => i64::try_from(*i).ok().map(Yaml::from),
        Value::Float(f) => Some((*f).into()),
        _ => None,
    }
}
