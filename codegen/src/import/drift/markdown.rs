//! The drift report as Markdown: a summary table, then one section per view. The same
//! drift gives the same bytes (every list in [`Drift`] is sorted).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Drift, ListChange, Operation, totals};

/// How many operations a change must be made to for the report to say it once for all.
const SHARED: usize = 10;

impl Drift {
    /// The report, naming the documents `old_name` and `new_name`. Ends with one newline.
    pub fn to_markdown(&self, old_name: &str, new_name: &str) -> String {
        let mut out = String::new();
        self.summary(&mut out, old_name, new_name);
        self.operations(&mut out);
        self.schemas(&mut out);
        lists(&mut out, "Enum values", "places", &self.enum_values);
        lists(&mut out, "Union members", "unions", &self.union_members);
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    fn summary(&self, out: &mut String, old_name: &str, new_name: &str) {
        let _ = writeln!(out, "# Upstream drift: `{old_name}` → `{new_name}`\n");
        let _ = writeln!(out, "| | old | new | added | removed | changed | changed in text only |");
        let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|");
        let (old, new) = self.operation_counts;
        let _ = writeln!(
            out,
            "| operations | {old} | {new} | {} | {} | {} | {} |",
            self.operations_added.len(),
            self.operations_removed.len(),
            self.operations_changed.len(),
            self.operations_reworded.len()
        );
        let (old, new) = self.schema_counts;
        let reworded = self.schemas_changed.iter().filter(|s| s.facts.is_empty()).count();
        let _ = writeln!(
            out,
            "| component schemas | {old} | {new} | {} | {} | {} | {reworded} |",
            self.schemas_added.len(),
            self.schemas_removed.len(),
            self.schemas_changed.len() - reworded,
        );
        let _ = writeln!(out, "\n| lists | added | removed |\n|---|---:|---:|");
        let _ = writeln!(out, "| enum values | {} |", counts(&self.enum_values, "places"));
        let _ = writeln!(out, "| union members | {} |\n", counts(&self.union_members, "unions"));
        out.push_str(
            "Operations are those under `paths`, by `operationId`. Enum values and union members are \
             compared wherever the schema holding the list exists in both documents, in component \
             schemas and in the schemas operations write inline; lists inside a new schema or property \
             are counted with it, not here. A nullable wrapper (`anyOf: [X, {type: 'null'}]`) is no \
             union. Places name a component schema (or `operation <operationId>`) and the path inside \
             it; union members are named by their `$ref` target, or, inline, by title, tag, type or \
             position.\n\n",
        );
    }

    fn operations(&self, out: &mut String) {
        out.push_str("## Operations\n\n");
        operation_list(out, "Added", &self.operations_added);
        operation_list(out, "Removed", &self.operations_removed);
        let _ = writeln!(out, "### Changed ({})\n", self.operations_changed.len());
        // A change made to many operations at once (a response every operation gained) is
        // said once, with the operations, rather than under each of them.
        let mut shared: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for change in &self.operations_changed {
            for fact in &change.facts {
                shared.entry(fact).or_default().push(&change.operation.id);
            }
        }
        shared.retain(|_, ids| ids.len() >= SHARED);
        if !shared.is_empty() {
            let _ = writeln!(out, "Made to {SHARED} operations or more:\n");
            for (fact, ids) in &shared {
                let _ = writeln!(out, "- {fact}: {} operations: {}", ids.len(), quoted(ids));
            }
            out.push_str("\nEach operation's other changes:\n\n");
        }
        let mut listed = 0;
        for change in &self.operations_changed {
            let own: Vec<&String> = change.facts.iter().filter(|f| !shared.contains_key(f.as_str())).collect();
            if own.is_empty() {
                continue;
            }
            listed += 1;
            let _ = writeln!(out, "- {}", operation(&change.operation));
            for fact in own {
                let _ = writeln!(out, "  - {fact}");
            }
        }
        none_if_empty(out, listed == 0);
        out.push('\n');
        let _ = writeln!(out, "### Changed in text only ({})\n", self.operations_reworded.len());
        let ids: Vec<String> = self.operations_reworded.iter().map(|o| format!("`{}`", o.id)).collect();
        paragraph(out, &ids);
    }

    fn schemas(&self, out: &mut String) {
        out.push_str("## Component schemas\n\n");
        name_list(out, "Added", &self.schemas_added);
        name_list(out, "Removed", &self.schemas_removed);
        let (shaped, reworded): (Vec<_>, Vec<_>) = self.schemas_changed.iter().partition(|s| !s.facts.is_empty());
        let _ = writeln!(out, "### Changed ({})\n", shaped.len());
        for change in &shaped {
            let _ = writeln!(out, "- `{}`", change.name);
            for fact in &change.facts {
                let _ = writeln!(out, "  - {fact}");
            }
            if change.reworded {
                let _ = writeln!(out, "  - and text (descriptions, examples, `x-` extensions)");
            }
        }
        none_if_empty(out, shaped.is_empty());
        out.push('\n');
        let _ = writeln!(out, "### Changed in text only ({})\n", reworded.len());
        let names: Vec<String> = reworded.iter().map(|s| format!("`{}`", s.name)).collect();
        paragraph(out, &names);
    }
}

/// `34 at 16 places | 0`: the added and removed cells of the lists table.
fn counts(changes: &[ListChange], places: &str) -> String {
    let (added, removed) = totals(changes);
    format!("{} | {}", count(added, places), count(removed, places))
}

/// `34 at 16 places`, `1 at 1 place`, or `0`.
fn count((items, at): (usize, usize), places: &str) -> String {
    match (items, at) {
        (0, _) => "0".to_owned(),
        (_, 1) => format!("{items} at 1 {}", places.trim_end_matches('s')),
        _ => format!("{items} at {at} {places}"),
    }
}

fn lists(out: &mut String, title: &str, places: &str, changes: &[ListChange]) {
    let (added, removed) = totals(changes);
    let _ = writeln!(out, "## {title} ({} added, {} removed)\n", count(added, places), count(removed, places));
    for change in changes {
        let mut parts = Vec::new();
        if !change.added.is_empty() {
            parts.push(format!("added {}", quoted(&change.added)));
        }
        if !change.removed.is_empty() {
            parts.push(format!("removed {}", quoted(&change.removed)));
        }
        let _ = writeln!(out, "- `{}`: {}", change.place, parts.join("; "));
    }
    none_if_empty(out, changes.is_empty());
    out.push('\n');
}

fn quoted(items: &[impl AsRef<str>]) -> String {
    items.iter().map(|i| format!("`{}`", i.as_ref())).collect::<Vec<_>>().join(", ")
}

fn operation(op: &Operation) -> String {
    format!("`{}` — `{} {}`", op.id, op.method, op.path)
}

fn operation_list(out: &mut String, title: &str, operations: &[Operation]) {
    let _ = writeln!(out, "### {title} ({})\n", operations.len());
    for op in operations {
        let _ = writeln!(out, "- {}", operation(op));
    }
    none_if_empty(out, operations.is_empty());
    out.push('\n');
}

fn name_list(out: &mut String, title: &str, names: &[String]) {
    let _ = writeln!(out, "### {title} ({})\n", names.len());
    for name in names {
        let _ = writeln!(out, "- `{name}`");
    }
    none_if_empty(out, names.is_empty());
    out.push('\n');
}

/// Names as one paragraph (they are many and need no line each).
fn paragraph(out: &mut String, names: &[String]) {
    if names.is_empty() {
        out.push_str("None.\n\n");
    } else {
        let _ = writeln!(out, "{}\n", names.join(", "));
    }
}

fn none_if_empty(out: &mut String, empty: bool) {
    if empty {
        out.push_str("None.\n");
    }
}
