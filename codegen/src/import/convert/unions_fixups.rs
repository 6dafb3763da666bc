//! What the spec language asks of tagged unions that a document does not always promise,
//! settled once every type is made (only then is it known which objects are members):
//! - a member's tag field is required (a union decides by it): an optional one is made
//!   required, noted — OpenAI's responses always send it, and requests built here always do;
//!   except the union's `untagged` member's, which stays optional (and not nullable);
//! - an object extending a member would carry the member's tag into another type: it gets
//!   the bases' fields copied in instead (one flat object, noted), as if written out.

use std::collections::BTreeSet;

use serde_yaml::{Mapping, Value as Yaml};

use super::Importer;

impl Importer<'_> {
    pub fn settle_unions(&mut self) {
        let mut members = BTreeSet::new();
        let mut tags = Vec::new();
        for defined in self.types.values() {
            let Some(union) = defined.def.get("union") else { continue };
            let (Some(tag), Some(variants)) =
                (union.get("tag").and_then(Yaml::as_str), union.get("variants").and_then(Yaml::as_mapping))
            else {
                continue;
            };
            let untagged = union.get("untagged").and_then(Yaml::as_str);
            // A member, or the members sharing a value (`{ by, members: [...] }`).
            let listed = variants.values().flat_map(|v| match v.get("members").and_then(Yaml::as_sequence) {
                Some(shared) => shared.iter().filter_map(Yaml::as_str).collect(),
                None => v.as_str().into_iter().collect::<Vec<_>>(),
            });
            for member in listed {
                members.insert(member.to_owned());
                tags.push((member.to_owned(), tag.to_owned(), untagged == Some(member)));
            }
        }
        // A member another union needs tagged cannot stand for objects without the tag.
        let tagged_somewhere: BTreeSet<String> =
            tags.iter().filter(|(_, _, untagged)| !untagged).map(|(m, _, _)| m.clone()).collect();
        for (member, _, untagged) in &mut tags {
            if *untagged && tagged_somewhere.contains(member.as_str()) {
                *untagged = false;
                self.drop_untagged(member);
            }
        }
        for (member, tag, untagged) in tags {
            if untagged {
                self.optional_tag(&member, &tag);
            } else {
                self.require_tag(&member, &tag);
            }
        }
        let names: Vec<String> = self.types.keys().cloned().collect();
        for name in names {
            let extends = self.types[&name].def.get("extends").and_then(Yaml::as_sequence).cloned().unwrap_or_default();
            if extends.iter().any(|b| b.as_str().is_some_and(|b| members.contains(b))) {
                self.flatten(&name);
            }
        }
    }

    fn require_tag(&mut self, member: &str, tag: &str) {
        let Some(defined) = self.types.get_mut(member) else { return };
        let pointer = defined.pointer.clone();
        let field = defined.def.get_mut("fields").and_then(|f| f.get_mut(tag)).and_then(Yaml::as_mapping_mut);
        if let Some(field) = field.filter(|f| f.contains_key("optional") || f.contains_key("nullable")) {
            field.remove("optional");
            field.remove("nullable");
            self.note(&pointer, format!("tag field `{tag}` made required: a union decides by it"));
        }
    }

    /// Takes `untagged: member` off the unions that name it (another union needs its tag).
    fn drop_untagged(&mut self, member: &str) {
        for defined in self.types.values_mut() {
            let Some(Yaml::Mapping(union)) = defined.def.get_mut("union") else { continue };
            if union.get("untagged").and_then(Yaml::as_str) == Some(member) {
                union.remove("untagged");
            }
        }
    }

    /// The union's member for objects without the tag keeps it optional, never `null`.
    fn optional_tag(&mut self, member: &str, tag: &str) {
        let Some(defined) = self.types.get_mut(member) else { return };
        let pointer = defined.pointer.clone();
        let field = defined.def.get_mut("fields").and_then(|f| f.get_mut(tag)).and_then(Yaml::as_mapping_mut);
        let Some(field) = field else { return };
        field.insert("optional".into(), true.into());
        if field.remove("nullable").is_some() {
            self.note(
                &pointer,
                format!("tag field `{tag}` is optional, not nullable: objects without it are this member"),
            );
        }
    }

    /// Replaces `extends` by the bases' fields (theirs recursively first), then the own ones;
    /// a base's `requires` comes along when the object has none (`extends` would inherit it).
    fn flatten(&mut self, name: &str) {
        let fields = self.all_fields(name, 0);
        let requires = self.base_requires(name, 0);
        let Some(defined) = self.types.get_mut(name) else { return };
        let pointer = defined.pointer.clone();
        if let Yaml::Mapping(def) = &mut defined.def {
            def.remove("extends");
            def.insert("fields".into(), Yaml::Mapping(fields));
            if let (false, Some(requires)) = (def.contains_key("requires"), requires) {
                def.insert("requires".into(), requires);
            }
        }
        self.note(
            &pointer,
            "`allOf` over a union member is imported as one flat object (the member's tag stays with the union)",
        );
    }

    /// The first `requires` of `name`'s bases, nearest first.
    fn base_requires(&self, name: &str, depth: usize) -> Option<Yaml> {
        let defined = self.types.get(name).filter(|_| depth < 16)?;
        let bases = defined.def.get("extends").and_then(Yaml::as_sequence)?;
        let bases: Vec<&str> = bases.iter().filter_map(Yaml::as_str).collect();
        let own = bases.iter().find_map(|b| self.types.get(*b)?.def.get("requires").cloned());
        own.or_else(|| bases.iter().find_map(|b| self.base_requires(b, depth + 1)))
    }

    fn all_fields(&self, name: &str, depth: usize) -> Mapping {
        let mut out = Mapping::new();
        let Some(defined) = self.types.get(name).filter(|_| depth < 16) else { return out };
        for base in
            defined.def.get("extends").and_then(Yaml::as_sequence).into_iter().flatten().filter_map(Yaml::as_str)
        {
            out.extend(self.all_fields(base, depth + 1));
        }
        if let Some(own) = defined.def.get("fields").and_then(Yaml::as_mapping) {
            for (key, value) in own {
                out.insert(key.clone(), value.clone());
            }
        }
        out
    }
}
