//! Type references: each resolves to a [`Ty`] when every name in it is known and takes as
//! many type arguments as it is given. Where named types are used is recorded on the way,
//! for the rule that a union member is used nowhere else.

use super::cx::{Cx, all_of};
use super::symbols::{ARRAY, BUILTIN_GENERICS, MAP, SymbolKind};
use crate::ast::{TypeBody, TypeExpr, TypeRef};
use crate::diagnostics::{Diagnostic, suggest};
use crate::node_path::{NodePath, Seg};
use crate::resolved::Ty;
use crate::values::Scalar;

/// What the name at the head of a type expression is.
enum Head {
    Scalar(Scalar),
    Param,
    Array,
    Map,
    Named,
}

impl Cx<'_, '_> {
    /// Resolves a type reference within `scope`, the parameters of the type it is written in.
    pub(super) fn ty(&mut self, ty: &TypeRef, scope: &[&str]) -> Option<Ty> {
        match ty {
            TypeRef::Expr(expr) => self.expr(&expr.value, &expr.path, scope, true),
            TypeRef::Array(item) => self.ty(item, scope).map(|item| Ty::Array(Box::new(item))),
            // Inline types are symbols of their own and checked as such; an inline map is
            // just a map, with no name.
            TypeRef::Inline(def) => match &def.body {
                TypeBody::Map { value, .. } => self.ty(value, scope).map(|value| Ty::Map(Box::new(value))),
                _ => self.symbols.by_path.get(&def.path).map(|name| Ty::Named { name: name.clone(), args: Vec::new() }),
            },
        }
    }

    /// Checks a union member's expression: being listed in its union is no use of a member.
    pub(super) fn check_member_expr(&mut self, expr: &TypeExpr, path: &NodePath) {
        self.expr(expr, path, &[], false);
    }

    fn expr(&mut self, expr: &TypeExpr, path: &NodePath, scope: &[&str], record: bool) -> Option<Ty> {
        let head = self.head(expr, path, scope, record);
        let args = all_of(expr.args.iter().map(|arg| self.expr(arg, path, scope, record)));
        let mut args = args?.into_iter();
        Some(match head? {
            Head::Scalar(scalar) => Ty::Scalar(scalar),
            Head::Param => Ty::Param(expr.name.clone()),
            Head::Array => Ty::Array(Box::new(args.next()?)),
            Head::Map => Ty::Map(Box::new(args.next()?)),
            Head::Named => Ty::Named { name: expr.name.clone(), args: args.collect() },
        })
    }

    /// The expression's head, when it is known and given as many arguments as it takes.
    fn head(&mut self, expr: &TypeExpr, path: &NodePath, scope: &[&str], record: bool) -> Option<Head> {
        let name = expr.name.as_str();
        let (head, arity) = if let Some(scalar) = Scalar::from_name(name) {
            (Head::Scalar(scalar), 0)
        } else if scope.contains(&name) {
            (Head::Param, 0)
        } else if name == ARRAY {
            (Head::Array, 1)
        } else if name == MAP {
            (Head::Map, 1)
        } else if let Some(symbol) = self.symbols.types.get(name) {
            if record {
                self.refs.entry(name.to_owned()).or_default().push(path.clone());
            }
            let arity = match symbol.kind {
                SymbolKind::Def(def) => def.params.len(),
                SymbolKind::Const { .. } => 0,
            };
            (Head::Named, arity)
        } else {
            self.unknown_type(expr, path, scope);
            return None;
        };
        if arity != expr.args.len() {
            self.wrong_arity(expr, path, arity);
            return None;
        }
        Some(head)
    }

    fn unknown_type(&mut self, expr: &TypeExpr, path: &NodePath, scope: &[&str]) {
        let name = expr.name.as_str();
        // Suggest what a user can write: not the names generated for inline types.
        let written = self.symbols.types.iter().filter(|(_, s)| s.path.segments().len() == 2).map(|(n, _)| n.as_str());
        let scalars = Scalar::ALL.map(Scalar::name);
        let known: Vec<&str> =
            scalars.iter().chain(&BUILTIN_GENERICS).copied().chain(scope.iter().copied()).chain(written).collect();
        // `types.Page.fields.first.type.fields.x.type` names `Page` as the owner.
        let owner = match path.segments() {
            [Seg::Key(types), Seg::Key(owner), ..] if types == "types" => {
                self.symbols.def(owner).map(|def| (owner, def))
            }
            _ => None,
        };
        let diagnostic = match owner {
            Some((owner, def)) if def.params.iter().any(|p| p.value == name) => Diagnostic::new(
                path,
                format!("`{name}` is a type parameter of `{owner}`, which inline types inside it cannot use"),
            )
            .with_hint(format!("define the inline type as a named generic type and use it as `Name<{name}>`")),
            _ => Diagnostic::new(path, format!("unknown type `{name}`")).with_hint(suggest(name, &known)),
        };
        self.d.push(diagnostic.at_value(expr.offset));
    }

    fn wrong_arity(&mut self, expr: &TypeExpr, path: &NodePath, arity: usize) {
        let name = expr.name.as_str();
        let want = if arity == 0 {
            "no type arguments".to_owned()
        } else {
            format!("{arity} type argument{}", if arity == 1 { "" } else { "s" })
        };
        let given = expr.args.len();
        let message = format!("`{name}` takes {want}, but {given} {} given", if given == 1 { "is" } else { "are" });
        let params: Vec<&str> = match self.symbols.def(name) {
            Some(def) => def.params.iter().map(|p| p.value.as_str()).collect(),
            None => vec!["T"; arity],
        };
        let hint = if arity == 0 {
            format!("`{name}` is not generic: write `{name}` alone")
        } else {
            format!("`{name}` is declared as `{name}<{}>`: give one type for each parameter", params.join(", "))
        };
        self.d.push(Diagnostic::new(path, message).with_hint(hint).at_value(expr.offset));
    }
}

/// Whether a reference is an array: `array<T>` or an `array:` defined in place.
pub(super) fn is_array(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Expr(expr) => expr.value.name == super::symbols::ARRAY,
        TypeRef::Array(_) => true,
        TypeRef::Inline(_) => false,
    }
}

/// The scalar a reference names, if it names one alone.
pub(super) fn scalar(ty: &TypeRef) -> Option<Scalar> {
    match ty {
        TypeRef::Expr(expr) if expr.value.args.is_empty() => Scalar::from_name(&expr.value.name),
        _ => None,
    }
}
