//! The overlay: what an OpenAPI document does not say, or says wrongly, kept by hand beside
//! the spec it feeds (as OpenAI's own SDKs keep a configuration beside the document).
//!
//! ```yaml
//! document: upstream/openai/openapi-f85dbe2-2026-08-21.yaml   # the document, from the root
//! select:                              # which operations to take (all keys optional)
//!   all: false                         #   every operation of the document
//!   tags: [Assistants]                 #   every operation with one of these tags
//!   operations: [listRunSteps]         #   and these, by operation id
//! skip: [createRun]                    # never these, whatever selects them
//! ignore_formats: [unixtime]           # formats taken as their plain JSON type
//! names:                               # Rust names of the types made from these schemas
//!   /components/schemas/RunStepObject: RunStep
//! replace:                             # these schemas become this type expression instead
//!   /components/schemas/ListRunStepsResponse: CursorPage<RunStep>
//! merge:                               # a JSON Merge Patch (RFC 7396) on the written spec:
//!   api: { rust_crate: openai }        #   keys set or replaced, `null` removes one, and
//!   operations:                        #   types and operations the import does not make
//!     listRunSteps: { deprecated: Use the Responses API. }   # are added whole
//! ```
//!
//! Every pointer in `names` and `replace`, and every operation or type `merge` patches
//! (rather than adds), must meet something the import makes: an overlay entry that upstream
//! has made stale is an error, not silently ignored.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use serde_yaml::Value as Yaml;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    /// The OpenAPI document, relative to the workspace root.
    pub document: String,
    #[serde(default)]
    pub select: Select,
    #[serde(default)]
    pub skip: Vec<String>,
    #[serde(default)]
    pub ignore_formats: Vec<String>,
    #[serde(default)]
    pub names: BTreeMap<String, String>,
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
    #[serde(default)]
    pub merge: Option<Yaml>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Select {
    /// Every operation of the document.
    #[serde(default)]
    pub all: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub operations: Vec<String>,
}

impl Overlay {
    /// Reads an overlay; `shown` is the path errors name (serde_yaml adds line and column).
    pub fn read(shown: &Path, text: &str) -> Result<Overlay, String> {
        serde_yaml::from_str(text).map_err(|e| format!("error: {}: {e}", shown.display()))
    }

    /// Whether an operation is taken: selected by id or by one of its tags, and not skipped.
    pub fn selects(&self, id: &str, tags: &[&str]) -> bool {
        let chosen = self.select.all
            || self.select.operations.iter().any(|o| o == id)
            || tags.iter().any(|t| self.select.tags.iter().any(|s| s == t));
        chosen && !self.skip.iter().any(|s| s == id)
    }
}

/// Applies a JSON Merge Patch (RFC 7396) to `target`: mappings merge key by key, `null`
/// removes a key, anything else replaces. New keys go after the existing ones.
pub fn merge_patch(target: &mut Yaml, patch: &Yaml) {
    let Yaml::Mapping(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_mapping() {
        *target = Yaml::Mapping(serde_yaml::Mapping::new());
    }
    let Yaml::Mapping(map) = target else { return };
    for (key, value) in patch {
        if value.is_null() {
            map.remove(key);
        } else if let Some(existing) = map.get_mut(key) {
            merge_patch(existing, value);
        } else {
            let mut fresh = Yaml::Null;
            merge_patch(&mut fresh, value);
            map.insert(key.clone(), fresh);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Yaml {
        serde_yaml::from_str(text).unwrap_or(Yaml::Null)
    }

    #[test]
    fn a_merge_patch_sets_replaces_removes_and_adds_in_order() {
        let mut spec = yaml("a: { x: 1, y: 2 }\nb: [1, 2]\nc: 3\n");
        merge_patch(&mut spec, &yaml("a: { y: 5, z: 6 }\nb: [9]\nc: null\nd: { e: null, f: 1 }\n"));
        assert_eq!(spec, yaml("a: { x: 1, y: 5, z: 6 }\nb: [9]\nd: { f: 1 }\n"));
    }

    #[test]
    fn an_unknown_overlay_key_is_an_error_naming_the_file_and_line() {
        let error = Overlay::read(Path::new("spec/x.overlay.yaml"), "document: d.yaml\nnmaes: {}\n").map(|_| ());
        let message = error.err().unwrap_or_default();
        assert!(message.contains("spec/x.overlay.yaml") && message.contains("nmaes") && message.contains("line 2"));
    }

    #[test]
    fn skip_wins_over_select() {
        let overlay = Overlay {
            select: Select { all: false, tags: vec!["Files".into()], operations: vec!["a".into()] },
            skip: vec!["b".into()],
            ..Overlay::default()
        };
        assert!(overlay.selects("a", &[]) && overlay.selects("c", &["Files"]));
        assert!(!overlay.selects("b", &["Files"]) && !overlay.selects("d", &["Other"]));
    }
}
