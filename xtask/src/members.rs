//! The workspace's `members` list, in the root `Cargo.toml`: a generated crate must be in it
//! for `cargo test --workspace`, clippy and rustdoc to cover it. `cargo xtask codegen` adds a
//! new target's folder there once its manifest is written (never before: cargo refuses a
//! member without one), so adding an API stays one step.

/// The folders among `dirs` that the manifest's `members` list does not name.
pub fn missing<'a>(manifest: &str, dirs: &[&'a str]) -> Result<Vec<&'a str>, String> {
    let (start, end) = members_array(manifest)?;
    let listed: Vec<&str> = manifest[start..end].split('"').skip(1).step_by(2).collect();
    Ok(dirs.iter().copied().filter(|dir| !listed.contains(dir)).collect())
}

/// The manifest with `dirs` appended to its `members` list, in the list's own layout.
pub fn add(manifest: &str, dirs: &[&str]) -> Result<String, String> {
    let (start, end) = members_array(manifest)?;
    let current = &manifest[start..end];
    let mut inserted = String::new();
    for dir in dirs {
        if current.contains('\n') {
            inserted.push_str(&format!("    \"{dir}\",\n"));
        } else {
            let separator = if current.trim().is_empty() || current.trim_end().ends_with(',') { "" } else { ", " };
            inserted.push_str(&format!("{separator}\"{dir}\""));
        }
    }
    // A list laid out one entry a line gets the new ones before its closing line.
    let at = if current.contains('\n') { start + current.rfind('\n').map_or(0, |i| i + 1) } else { end };
    Ok(format!("{}{inserted}{}", &manifest[..at], &manifest[at..]))
}

/// The byte range of what stands between the brackets of `members = [...]`.
fn members_array(manifest: &str) -> Result<(usize, usize), String> {
    let not_found = || "the root Cargo.toml has no `members = [...]` list under `[workspace]`".to_owned();
    let key = manifest.lines().scan(0, |offset, line| {
        let at = *offset;
        *offset += line.len() + 1;
        Some((at, line))
    });
    let (line_start, line) =
        key.into_iter().find(|(_, line)| line.trim_start().starts_with("members")).ok_or_else(not_found)?;
    let open = line.find('[').map(|i| line_start + i + 1).ok_or_else(not_found)?;
    let close = manifest[open..].find(']').map(|i| open + i).ok_or_else(not_found)?;
    Ok((open, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE_LINE: &str = "[workspace]\nresolver = \"3\"\nmembers = [\"codegen\", \"xtask\"]\nexclude = [\"fuzz\"]\n";

    #[test]
    fn a_one_line_list_gets_the_new_folder_at_its_end() -> Result<(), String> {
        assert_eq!(missing(ONE_LINE, &["xtask", "apis/pets"])?, ["apis/pets"]);
        let added = add(ONE_LINE, &["apis/pets"])?;
        assert!(added.contains("members = [\"codegen\", \"xtask\", \"apis/pets\"]\nexclude"), "{added}");
        assert!(missing(&added, &["apis/pets"])?.is_empty());
        Ok(())
    }

    #[test]
    fn a_list_of_lines_gets_a_line_more() -> Result<(), String> {
        let manifest = "[workspace]\nmembers = [\n    \"codegen\",\n    \"xtask\",\n]\n";
        let added = add(manifest, &["apis/pets", "apis/shop"])?;
        assert_eq!(
            added,
            "[workspace]\nmembers = [\n    \"codegen\",\n    \"xtask\",\n    \"apis/pets\",\n    \"apis/shop\",\n]\n"
        );
        Ok(())
    }

    #[test]
    fn a_manifest_without_members_is_an_error() {
        assert!(missing("[package]\nname = \"x\"\n", &["a"]).is_err());
    }
}
