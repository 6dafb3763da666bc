//! The generated crate's manifest, from the spec and the target: its package name (the
//! spec's `rust_crate`, else the crate's folder), description, examples and benchmarks.

use crate::doctext::one_line;
use crate::ir;
use crate::resolved::{self, Body, FieldType, Ty};
use crate::target::{Target, check_package_name};
use crate::values::Format;

/// The manifest's content, or why the target makes no valid package.
pub fn package(model: &resolved::Model, target: &Target<'_>) -> Result<ir::Package, String> {
    let api = &model.api;
    let name = match &api.rust_crate {
        Some(krate) => krate.replace('_', "-"),
        None => target.dir_name().to_owned(),
    };
    check_package_name(&name).map_err(|problem| {
        format!(
            "the crate generated into `{}` has no valid package name: {problem}; \
             give the spec an `api.rust_crate`, or the crate another folder",
            target.crate_dir
        )
    })?;
    let title = one_line(&api.title);
    Ok(ir::Package {
        name,
        version: "0.1.0".to_owned(),
        description: format!(
            "{title}: typed models, request builders and an async client, generated from {}.",
            target.spec
        ),
        spec: target.spec.to_owned(),
        examples: target.examples.iter().map(|e| (*e).to_owned()).collect(),
        benches: target.benches.iter().map(|b| (*b).to_owned()).collect(),
        property_tests: target.property_tests.then(property_tests),
        groups: super::features::groups(model),
        time_formats: uses_time_formats(model),
    })
}

/// Whether any type or parameter is a `date-time` or `unixtime`: only then does the crate
/// turn on the runtime's `formats` feature, and with it the date/time crate behind them (a
/// quarter of a models-only build's dependencies).
fn uses_time_formats(model: &resolved::Model) -> bool {
    fn timed(ty: &Ty) -> bool {
        match ty {
            Ty::Formatted(format) => matches!(format, Format::DateTime | Format::UnixTime),
            Ty::Array(inner) | Ty::Map(inner) => timed(inner),
            Ty::Named { args, .. } => args.iter().any(timed),
            Ty::Scalar(_) | Ty::Param(_) => false,
        }
    }
    let in_types = model.types.iter().any(|t| match &t.body {
        Body::Object(object) => object.fields.iter().any(|f| matches!(&f.ty, FieldType::Value(ty) if timed(ty))),
        Body::Map { value, .. } => timed(value),
        Body::KindUnion(union) => union.variants.iter().any(|v| timed(&v.ty)),
        Body::Enum(_) | Body::Union(_) | Body::Const { .. } => false,
    });
    let in_operations = model.operations.iter().any(|op| {
        op.query.iter().any(|q| timed(&q.ty))
            || op.body.iter().chain(&op.response).any(timed)
            || op.pagination.as_ref().is_some_and(|p| timed(&p.item))
    });
    in_types || in_operations
}

fn property_tests() -> ir::PropertyTests {
    let docs = [
        "Property tests of this crate's models, run by `cargo test`: every model decodes every value",
        "its spec allows (keys in any order), encodes it to the canonical JSON and round-trips; values",
        "the spec allows, then edited, arbitrary JSON and arbitrary bytes never make a decoder panic.",
        "The values are derived from the spec through the generator's own model (the workspace's",
        "`typed-api-testkit`); `PROPTEST_CASES=N` runs more cases.",
    ];
    ir::PropertyTests { docs: docs.iter().map(|l| (*l).to_owned()).collect() }
}
