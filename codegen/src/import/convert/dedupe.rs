//! One enum for the same values: inline enums that repeat another type's values exactly are
//! merged into one type, so that every list operation takes the same `Order`, not 32
//! look-alikes (`ListAssistantsOrder`, `ListFilesOrder`, ...) that users cannot pass to one
//! another.
//!
//! A group of identical inline enums becomes the component schema with those values, if
//! there is one, else one type named by the words their names start and end with
//! (`ListFilesOrder`, `GetRunsOrder` → `Order`; `UsageImagesBucketWidth`, `UsageCostsBucketWidth`
//! → `UsageBucketWidth`). Nothing merges when that name is taken, too
//! generic (`Item`, `Type`), or when the overlay names or patches one of them: the overlay
//! stays the last word.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value as Yaml};

use super::Importer;

/// Names too generic to stand alone as a shared type.
const TOO_GENERIC: [&str; 9] = ["Item", "Type", "Value", "String", "Enum", "Kind", "Status", "Mode", "Object"];

/// The keys whose values are type expressions (or a list of them, `extends`), where a
/// merged name is replaced.
const TYPE_KEYS: [&str; 5] = ["type", "body", "response", "map", "extends"];

impl Importer<'_> {
    /// Merges identical inline enums (see the module docs); `operations` are renamed too.
    pub fn merge_identical_enums(&mut self, operations: &mut [(String, Mapping)]) {
        let renames = self.enum_renames();
        if renames.is_empty() {
            return;
        }
        for (old, new) in &renames {
            if let Some(mut defined) = self.types.remove(old)
                && !self.types.contains_key(new)
            {
                // A description that names the type (the undescribed sentence) names the new one.
                if let Some(Yaml::String(text)) = defined.def.get_mut("description") {
                    *text = text.replace(&format!("`{old}`"), &format!("`{new}`"));
                }
                self.types.insert(new.clone(), defined);
            }
        }
        for defined in self.types.values_mut() {
            rename_in(&mut defined.def, &renames);
        }
        for (_, op) in operations.iter_mut() {
            let mut whole = Yaml::Mapping(std::mem::take(op));
            rename_in(&mut whole, &renames);
            if let Yaml::Mapping(renamed) = whole {
                *op = renamed;
            }
        }
    }

    /// Old name → shared name, for every inline enum that merges.
    fn enum_renames(&self) -> BTreeMap<String, String> {
        let patched: Vec<&str> = self
            .overlay
            .merge
            .as_ref()
            .and_then(|m| m.get("types"))
            .and_then(Yaml::as_mapping)
            .map(|m| m.keys().filter_map(Yaml::as_str).collect())
            .unwrap_or_default();
        // Enums by their values (as YAML text): (components, inline ones that may merge).
        let mut groups: BTreeMap<String, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
        for (name, defined) in &self.types {
            let Some(values) = defined.def.get("enum") else { continue };
            let key = serde_yaml::to_string(values).unwrap_or_default();
            let group = groups.entry(key).or_default();
            let pointer = defined.pointer.as_str();
            if is_component(name, pointer) {
                group.0.push(name);
            } else if !self.overlay.names.contains_key(pointer) && !patched.contains(&name.as_str()) {
                group.1.push(name);
            }
        }
        let mut renames = BTreeMap::new();
        for (components, inline) in groups.values() {
            let target = match components.first() {
                Some(component) if !inline.is_empty() => (*component).to_owned(),
                _ if inline.len() < 2 => continue,
                _ => match shared_suffix(inline) {
                    Some(name) if !self.types.contains_key(&name) && !self.builders.contains(&name) => name,
                    _ => continue,
                },
            };
            for name in inline {
                renames.insert((*name).to_owned(), target.clone());
            }
        }
        renames
    }
}

/// A type named after the component schema it comes from (`Verbosity`, even when its enum
/// sits inside the schema's `anyOf`): a name users look for, which is never merged away.
fn is_component(name: &str, pointer: &str) -> bool {
    let Some(rest) = pointer.strip_prefix("/components/schemas/") else { return false };
    let schema = rest.split('/').next().unwrap_or_default().replace("~1", "/").replace("~0", "~");
    Importer::schema_rust_name(&schema) == name
}

/// The UpperCamelCase words every name starts with, then those every name ends with
/// (`RealtimeSessionCreateRequestGaModel` and `...ResponseGaModel` →
/// `RealtimeSessionCreateGaModel`; `ListFilesOrder` and `GetEvalRunsOrder` → `Order`), if
/// they end the same and make a name that is not generic.
fn shared_suffix(names: &[&str]) -> Option<String> {
    let words: Vec<Vec<&str>> = names.iter().map(|n| camel_words(n)).collect();
    let first = words.first()?;
    let shortest = words.iter().map(Vec::len).min()?;
    let at_end = |i: usize| words.iter().all(|w| w[w.len() - 1 - i] == first[first.len() - 1 - i]);
    let suffix = (0..shortest).take_while(|&i| at_end(i)).count();
    let prefix = (0..shortest - suffix).take_while(|&i| words.iter().all(|w| w[i] == first[i])).count();
    let name: String = first[..prefix].iter().chain(&first[first.len() - suffix..]).copied().collect();
    (suffix > 0 && !TOO_GENERIC.contains(&name.as_str())).then_some(name)
}

/// `ListFilesOrder` → `["List", "Files", "Order"]`; digits stay with the word before them.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

/// Renames in a type definition or operation: the type expressions under [`TYPE_KEYS`] and
/// the members under `variants` and `kinds`, at any depth (fields, parameters, inline
/// definitions); never descriptions.
fn rename_in(value: &mut Yaml, renames: &BTreeMap<String, String>) {
    match value {
        Yaml::Mapping(map) => {
            for (key, value) in map.iter_mut() {
                match key.as_str() {
                    Some("variants" | "kinds") => match value {
                        Yaml::Mapping(members) => members.values_mut().for_each(|m| rename_type(m, renames)),
                        other => rename_in(other, renames),
                    },
                    Some(k) if TYPE_KEYS.contains(&k) => rename_type(value, renames),
                    _ => rename_in(value, renames),
                }
            }
        }
        Yaml::Sequence(items) => items.iter_mut().for_each(|v| rename_in(v, renames)),
        _ => {}
    }
}

/// A type expression, a list of them (`extends`), or an inline definition, walked on.
fn rename_type(value: &mut Yaml, renames: &BTreeMap<String, String>) {
    match value {
        Yaml::String(expr) => *expr = rename_expr(expr, renames),
        Yaml::Sequence(items) => items.iter_mut().for_each(|v| rename_type(v, renames)),
        other => rename_in(other, renames),
    }
}

/// `array<ListFilesOrder>` → `array<Order>`: each identifier renamed on its own.
fn rename_expr(expr: &str, renames: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(renames.get(word.as_str()).map_or(word.as_str(), String::as_str));
        word.clear();
    };
    for c in expr.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shared_suffix_names_the_merged_enum() {
        assert_eq!(shared_suffix(&["ListFilesOrder", "GetEvalRunsOrder"]).as_deref(), Some("Order"));
        assert_eq!(shared_suffix(&["ListFilesOrder", "ListBatchesOrder"]).as_deref(), Some("ListOrder"));
        assert_eq!(
            shared_suffix(&["UsageImagesBucketWidth", "UsageCostsBucketWidth"]).as_deref(),
            Some("UsageBucketWidth")
        );
        assert_eq!(
            shared_suffix(&["RealtimeSessionCreateRequestGaModel", "RealtimeSessionCreateResponseGaModel"]).as_deref(),
            Some("RealtimeSessionCreateGaModel")
        );
        assert_eq!(shared_suffix(&["AItem", "BItem"]), None);
        assert_eq!(shared_suffix(&["Alpha", "Beta"]), None);
    }

    #[test]
    fn expressions_are_renamed_word_by_word() {
        let renames = BTreeMap::from([("ListFilesOrder".to_owned(), "Order".to_owned())]);
        assert_eq!(rename_expr("array<ListFilesOrder>", &renames), "array<Order>");
        assert_eq!(rename_expr("ListFilesOrderX", &renames), "ListFilesOrderX");
        assert_eq!(rename_expr("map<ListFilesOrder>", &renames), "map<Order>");
    }
}
