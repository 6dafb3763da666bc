//! The manifest of a scratch workspace that builds generated crates outside this one: shared
//! by the compile test and xtask's "adding an API" test, which must build against the same
//! manifest so that one leaves in the shared target folder what the other reuses.

use std::path::Path;

/// A workspace of `members` that inherits `workspace`'s `[workspace.package]` and
/// `[workspace.dependencies]` (its paths, the runtime's and the testkit's, made absolute), so
/// that generated crates get the same versions and the same runtime as the real ones.
pub fn workspace_manifest(workspace: &Path, members: &[String]) -> String {
    let manifest = std::fs::read_to_string(workspace.join("Cargo.toml")).expect("read Cargo.toml");
    let start = manifest.find("[workspace.package]").expect("Cargo.toml has [workspace.package]");
    let end = manifest[start..].find("\n[profile").map_or(manifest.len(), |i| start + i);
    let absolute = workspace.to_string_lossy().replace('\\', "/");
    let inherited = manifest[start..end].replace("path = \"", &format!("path = \"{absolute}/"));
    assert!(inherited.contains(&format!("{absolute}/runtime")), "the runtime is a workspace dependency");
    let members: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n{inherited}", members.join(", "))
}
