//! The spec an import writes: `api` from the document's `info`, `servers` and security
//! scheme, the types made (sorted by name), the operations (in document order), then the
//! overlay's merge patch; as YAML text under a header naming its sources.

use serde_yaml::{Mapping, Value as Yaml};

use super::Sources;
use super::convert::{Importer, Problem};
use super::doc::{Pointer, Value};
use super::overlay::merge_patch;

pub(super) fn assemble(
    importer: &mut Importer<'_>,
    operations: Vec<(String, Mapping)>,
    sources: Sources<'_>,
) -> Result<String, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut spec = Mapping::new();
    spec.insert("api".into(), Yaml::Mapping(api(importer.doc)));
    let types: Mapping = importer.types.iter().map(|(name, d)| (Yaml::from(name.clone()), d.def.clone())).collect();
    let made_types: Vec<String> = importer.types.keys().cloned().collect();
    spec.insert("types".into(), Yaml::Mapping(types));
    let made_operations: Vec<String> = operations.iter().map(|(id, _)| id.clone()).collect();
    let ops: Mapping = operations.into_iter().map(|(id, op)| (Yaml::from(id), Yaml::Mapping(op))).collect();
    spec.insert("operations".into(), Yaml::Mapping(ops));
    let overlay_at = |key: &str| Pointer::root().push(key);
    if let Some(patch) = &importer.overlay.merge {
        for (id, _) in section(patch, "operations") {
            if !made_operations.contains(&id) {
                problems.push(Problem {
                    in_overlay: true,
                    pointer: overlay_at("merge").push("operations").push(&id),
                    message: format!("the overlay patches operation `{id}`, which this import does not make (not selected, stopped, or gone upstream)"),
                });
            }
        }
        for (name, patch) in section(patch, "types") {
            let complete = patch.get("description").is_some();
            if !made_types.contains(&name) && !complete {
                problems.push(Problem {
                    in_overlay: true,
                    pointer: overlay_at("merge").push("types").push(&name),
                    message: format!("the overlay patches type `{name}`, which this import does not make (a type it adds needs a `description`)"),
                });
            }
        }
        let mut whole = Yaml::Mapping(spec);
        merge_patch(&mut whole, patch);
        spec = match whole {
            Yaml::Mapping(m) => m,
            _ => Mapping::new(),
        };
        sort_types(&mut spec);
    }
    for (key, what) in [(&importer.overlay.names, "names"), (&importer.overlay.replace, "replace")] {
        for pointer in key.keys().filter(|p| !importer.used_overlay.contains(*p)) {
            problems.push(Problem {
                in_overlay: true,
                pointer: overlay_at(what).push(pointer),
                message: format!("the overlay's `{what}` entry `{pointer}` meets no schema this import converts"),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let body = serde_yaml::to_string(&spec).map_err(|e| {
        vec![Problem { in_overlay: false, pointer: Pointer::root(), message: format!("writing the spec: {e}") }]
    })?;
    Ok(format!("{}{body}", header(sources)))
}

/// The entries of `patch.<key>`, by name.
fn section(patch: &Yaml, key: &str) -> Vec<(String, Yaml)> {
    patch
        .get(key)
        .and_then(Yaml::as_mapping)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.as_str()?.to_owned(), v.clone()))).collect())
        .unwrap_or_default()
}

/// Types the overlay adds go in name order with the others.
fn sort_types(spec: &mut Mapping) {
    if let Some(Yaml::Mapping(types)) = spec.get_mut("types") {
        let mut entries: Vec<(Yaml, Yaml)> = std::mem::take(types).into_iter().collect();
        entries.sort_by(|a, b| a.0.as_str().cmp(&b.0.as_str()));
        types.extend(entries);
    }
}

/// `api` as the document says it: title, description, version, base URL, auth.
fn api(doc: &Value) -> Mapping {
    let info = doc.get("info").unwrap_or(&Value::Null);
    let mut api = Mapping::new();
    api.insert("title".into(), info.str_at("title").unwrap_or("API").into());
    let description = info.str_at("description").map(str::trim).filter(|d| !d.is_empty()).unwrap_or("An HTTP API.");
    api.insert("description".into(), description.into());
    if let Some(version) = info.str_at("version") {
        api.insert("version".into(), version.into());
    }
    let server = doc.get("servers").and_then(Value::as_array).and_then(|s| s.first()).and_then(|s| s.str_at("url"));
    api.insert("base_url".into(), server.unwrap_or("http://localhost").into());
    if let Some(auth) = auth(doc) {
        api.insert("auth".into(), Yaml::Mapping(auth));
    }
    api
}

/// The auth scheme of the document's first global security requirement: HTTP bearer, or an
/// API key in a header. Others are left to the overlay.
fn auth(doc: &Value) -> Option<Mapping> {
    let requirement = doc.get("security")?.as_array()?.first()?.as_object()?;
    let name = requirement.keys().next()?;
    let scheme = doc.get("components")?.get("securitySchemes")?.get(name)?;
    let mut auth = Mapping::new();
    match (scheme.str_at("type"), scheme.str_at("scheme"), scheme.str_at("in")) {
        (Some("http"), Some(s), _) if s.eq_ignore_ascii_case("bearer") => {
            auth.insert("scheme".into(), "bearer".into());
        }
        (Some("apiKey"), _, Some("header")) => {
            auth.insert("scheme".into(), "api_key".into());
            auth.insert("header".into(), scheme.str_at("name")?.into());
        }
        _ => return None,
    }
    Some(auth)
}

fn header(sources: Sources<'_>) -> String {
    format!(
        "# Written by `cargo xtask import` from {} and the overlay {}.\n\
         # Do not edit: change the overlay and run `cargo xtask import` again.\n",
        sources.document, sources.overlay
    )
}
