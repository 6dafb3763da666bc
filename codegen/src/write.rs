//! Stage 6, write: puts rendered files on disk, or (check mode) compares them with disk.
//!
//! One function serves both, so the drift check can never disagree with what
//! `cargo xtask codegen` writes. Only files whose content changed are touched; files
//! carrying the generator's header that no longer have a source are orphans: removed
//! when writing, reported when checking. Files without the header are never touched.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::output::{MARKER, OutputFile};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// What differs between the generated files and the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// On disk with other content; the diff is short and bounded.
    Stale {
        path: PathBuf,
        diff: String,
    },
    Missing {
        path: PathBuf,
    },
    /// Generated earlier, but the spec no longer produces it.
    Orphaned {
        path: PathBuf,
    },
}

impl Drift {
    pub fn path(&self) -> &Path {
        match self {
            Drift::Stale { path, .. } | Drift::Missing { path } | Drift::Orphaned { path } => path,
        }
    }
}

/// The result of one sync: in write mode, what was changed; in check mode, what would be.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub drift: Vec<Drift>,
    pub unchanged: usize,
}

/// Syncs `files` (paths relative to `dir`) with the disk under `dir`.
pub fn sync(dir: &Path, files: &[OutputFile], mode: Mode) -> io::Result<Outcome> {
    let mut outcome = Outcome::default();
    let mut expected = BTreeSet::new();
    for file in files {
        let path = dir.join(&file.path);
        expected.insert(path.clone());
        let drift = match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {
                outcome.unchanged += 1;
                continue;
            }
            Ok(current) => Drift::Stale { diff: short_diff(&current, &file.contents, &path), path },
            Err(e) if e.kind() == io::ErrorKind::NotFound => Drift::Missing { path },
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        };
        if mode == Mode::Write {
            if let Some(parent) = drift.path().parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(drift.path(), &file.contents)?;
        }
        outcome.drift.push(drift);
    }
    for path in generated_files(dir)? {
        if !expected.contains(&path) {
            if mode == Mode::Write {
                fs::remove_file(&path)?;
            }
            outcome.drift.push(Drift::Orphaned { path });
        }
    }
    Ok(outcome)
}

/// Every `.rs` file under `dir` that starts with the generator's header, sorted.
fn generated_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && fs::read_to_string(&path).is_ok_and(|text| text.starts_with(MARKER))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// At most this many diff lines per file: enough to see what changed, short enough for CI logs.
const MAX_DIFF_LINES: usize = 40;

fn short_diff(old: &str, new: &str, path: &Path) -> String {
    let name = path.display().to_string();
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(2)
        .header(&format!("{name} (on disk)"), &format!("{name} (from the spec)"))
        .to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for line in lines.iter().take(MAX_DIFF_LINES) {
        let _ = writeln!(out, "{line}");
    }
    if lines.len() > MAX_DIFF_LINES {
        let _ = writeln!(out, "... {} more diff lines", lines.len() - MAX_DIFF_LINES);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile { path: path.to_owned(), contents: contents.to_owned() }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_only_changes_and_removes_orphans() -> io::Result<()> {
        let dir = scratch("sync");
        let gen_a = format!("{MARKER} x\nA\n");
        let gen_b = format!("{MARKER} x\nB\n");
        sync(&dir, &[file("a.rs", &gen_a), file("m/b.rs", &gen_b)], Mode::Write)?;
        fs::write(dir.join("hand.rs"), "// hand-written\n")?;

        // Check mode reports without touching anything.
        let outcome = sync(&dir, &[file("a.rs", &gen_b)], Mode::Check)?;
        assert_eq!(outcome.unchanged, 0);
        assert!(matches!(&outcome.drift[0], Drift::Stale { diff, .. } if diff.contains("-A") && diff.contains("+B")));
        assert_eq!(outcome.drift[1], Drift::Orphaned { path: dir.join("m/b.rs") });
        assert_eq!(fs::read_to_string(dir.join("a.rs"))?, gen_a);

        // Write mode applies it; hand-written files are left alone.
        let outcome = sync(&dir, &[file("a.rs", &gen_b)], Mode::Write)?;
        assert_eq!(outcome.drift.len(), 2);
        assert_eq!(fs::read_to_string(dir.join("a.rs"))?, gen_b);
        assert!(!dir.join("m/b.rs").exists());
        assert!(dir.join("hand.rs").exists());

        // In sync: nothing to do, nothing rewritten.
        let outcome = sync(&dir, &[file("a.rs", &gen_b)], Mode::Check)?;
        assert_eq!(outcome, Outcome { drift: Vec::new(), unchanged: 1 });
        fs::remove_dir_all(&dir)
    }

    #[test]
    fn missing_files_are_reported() -> io::Result<()> {
        let dir = scratch("missing");
        let outcome = sync(&dir, &[file("a.rs", "x")], Mode::Check)?;
        assert_eq!(outcome.drift, vec![Drift::Missing { path: dir.join("a.rs") }]);
        assert!(!dir.exists());
        Ok(())
    }

    #[test]
    fn long_diffs_are_cut() {
        let old: String = (0..200).map(|i| format!("{i}\n")).collect();
        let diff = short_diff(&old, "", Path::new("f.rs"));
        assert_eq!(diff.lines().count(), MAX_DIFF_LINES + 1);
        assert!(diff.ends_with("more diff lines\n"));
    }
}
