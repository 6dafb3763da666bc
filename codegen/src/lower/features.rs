//! Cargo features per operation group: the feature each operation needs, and the features
//! each model module is built with, which are those of the groups whose operations reach it.
//!
//! A user who needs one group compiles its operations and the types they reach, not the
//! whole API. The unit is the module (one file, one `mod` line): a module is built when any
//! of its items is needed, so reach is computed over modules and what they import, and every
//! module a built module imports is built too.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{self, Type};
use crate::resolved::{Body, Model};

/// The feature that turns on every group; also the one a type no operation uses needs.
pub const FULL: &str = "full";

/// The operation groups of `model` that become features, sorted by feature: none when the
/// spec names fewer than two, since a feature every user needs only adds a step.
pub fn groups(model: &Model) -> Vec<ir::FeatureGroup> {
    let mut groups: BTreeMap<&str, ir::FeatureGroup> = BTreeMap::new();
    for op in &model.operations {
        let Some(feature) = &op.feature else { continue };
        let group = groups.entry(feature).or_insert_with(|| ir::FeatureGroup {
            feature: feature.clone(),
            group: op.group.clone().unwrap_or_default(),
            operations: 0,
        });
        group.operations += 1;
    }
    if groups.len() < 2 {
        return Vec::new();
    }
    groups.into_values().collect()
}

/// The error of a build with no group on, when there are groups.
pub fn no_group_error(groups: &[ir::FeatureGroup]) -> Option<String> {
    let example = &groups.first()?.feature;
    Some(format!(
        "no group of operations is on: turn on the features of the groups you use (e.g. `{example}`), \
         or `{FULL}` for all of them; the crate docs list the groups"
    ))
}

/// Sets the features of every operation and module, and notes them in their docs. The
/// spec's error type is always built: the client decodes every error response into it.
pub fn gate(model: &Model, groups: &[ir::FeatureGroup], modules: &mut [ir::Module], operations: &mut [ir::Operation]) {
    if groups.is_empty() {
        return;
    }
    let features: Vec<_> = model.operations.iter().map(|op| op.feature.clone()).collect();
    let error_type = model.api.error.as_ref().map(|e| e.type_name.as_str());
    let graph = Graph::new(modules, &doc_links(model));
    let mut always = graph.roots(error_type.into_iter());
    let mut reach: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); modules.len()];
    for (op, feature) in operations.iter().zip(&features) {
        let roots = graph.roots(used_types(op).into_iter());
        match feature {
            Some(feature) => graph.closure(roots).into_iter().for_each(|m| {
                reach[m].insert(feature);
            }),
            None => always.extend(roots),
        }
    }
    let always = graph.closure(always);
    for (i, module) in modules.iter_mut().enumerate() {
        module.features = if always.contains(&i) || reach[i].len() == groups.len() {
            Vec::new()
        } else if reach[i].is_empty() {
            vec![FULL.to_owned()]
        } else {
            reach[i].iter().map(|f| (*f).to_owned()).collect()
        };
        let line = module_line(&module.features);
        for item in &mut module.items {
            push_line(&mut item.meta_mut().docs, &line);
        }
    }
    for (op, feature) in operations.iter_mut().zip(&features) {
        if let Some(feature) = feature {
            op.features = vec![feature.clone()];
            let line = format!("Needs the crate feature `{feature}` (or `{FULL}`).");
            push_line(&mut op.docs, &line);
            push_line(&mut op.client_docs, &line);
        }
    }
}

/// The modules as nodes, each pointing at the modules it imports from.
struct Graph {
    module_of: BTreeMap<String, usize>,
    edges: Vec<Vec<usize>>,
}

impl Graph {
    /// Edges from what each module imports, and from the types its items' docs link to.
    fn new(modules: &[ir::Module], links: &BTreeMap<&str, Vec<&str>>) -> Self {
        let mut module_of = BTreeMap::new();
        for (i, module) in modules.iter().enumerate() {
            for item in &module.items {
                module_of.insert(item.meta().name.clone(), i);
            }
        }
        let edges = modules
            .iter()
            .map(|m| {
                let linked = m.items.iter().flat_map(|i| links.get(i.meta().name.as_str())).flatten().copied();
                let imported = m.imports.iter().chain(&m.deprecated_imports).map(String::as_str);
                imported.chain(linked).filter_map(|n| module_of.get(n).copied()).collect()
            })
            .collect();
        Graph { module_of, edges }
    }

    fn roots<'a>(&self, names: impl Iterator<Item = &'a str>) -> Vec<usize> {
        names.filter_map(|n| self.module_of.get(n).copied()).collect()
    }

    /// `roots` and every module they import, directly or not.
    fn closure(&self, roots: Vec<usize>) -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack = roots;
        while let Some(m) = stack.pop() {
            if seen.insert(m) {
                stack.extend(&self.edges[m]);
            }
        }
        seen
    }
}

/// The types each object's docs link to: its bases (`extends`, whose fields it copies) and
/// the unions it is a member of. Built with it, they keep its docs' links whole in any
/// choice of features, and a base is where users look for what a type shares.
fn doc_links(model: &Model) -> BTreeMap<&str, Vec<&str>> {
    model
        .types
        .iter()
        .filter_map(|t| match &t.body {
            Body::Object(object) => {
                let bases = object.extends.iter().map(|b| b.name.as_str());
                let unions = object.member_of.iter().map(|m| m.union.as_str());
                Some((t.name.as_str(), bases.chain(unions).collect()))
            }
            _ => None,
        })
        .collect()
}

/// The named types an operation's code uses: its response, page items, query, and body.
fn used_types(op: &ir::Operation) -> BTreeSet<&str> {
    fn walk<'a>(ty: &'a Type, out: &mut BTreeSet<&'a str>) {
        match ty {
            Type::Named { name, args } => {
                out.insert(name);
                args.iter().for_each(|a| walk(a, out));
            }
            Type::Vec(inner) | Type::Map(inner) => walk(inner, out),
            Type::String | Type::I64 | Type::F64 | Type::Bool | Type::Param(_) => {}
            Type::I32 | Type::DateTime | Type::UnixTime | Type::Json => {}
        }
    }
    let mut out = BTreeSet::new();
    op.response.iter().for_each(|r| walk(r, &mut out));
    op.pagination.iter().for_each(|p| walk(&p.item, &mut out));
    op.query.iter().chain(&op.path_params).for_each(|p| walk(&p.ty, &mut out));
    if let Some(body) = &op.body {
        walk(&body.ty, &mut out);
        body.fields.iter().for_each(|f| walk(&f.param.ty, &mut out));
    }
    out
}

/// The docs line saying which features build a module's items; none for an ungated one.
fn module_line(features: &[String]) -> String {
    match features {
        [] => String::new(),
        [only] if only == FULL => {
            format!("Built with the crate feature `{FULL}` only: no operation of the spec uses this type.")
        }
        [only] => format!("Needs the crate feature `{only}` (or `{FULL}`)."),
        several => {
            let list: Vec<String> = several.iter().map(|f| format!("`{f}`")).collect();
            format!("Needs one of the crate features {} (or `{FULL}`).", list.join(", "))
        }
    }
}

/// Appends `line` to `docs` as a paragraph of its own; nothing for an empty line.
fn push_line(docs: &mut Vec<String>, line: &str) {
    if line.is_empty() {
        return;
    }
    if !docs.is_empty() {
        docs.push(String::new());
    }
    docs.push(line.to_owned());
}
