//! Diagnostics shared by every stage: a located error with a hint, an accumulator that
//! lets a stage report every problem before stopping, and the rendering users read.
//!
//! Stages only record *where* (a node path) and *what*; line and column are resolved
//! once, when the errors are rendered against the spec's source text.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::locate::{self, Location};
use crate::node_path::NodePath;

/// A problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub path: NodePath,
    pub message: String,
    pub hint: Option<String>,
    /// Set when the stage knows better than the path (YAML syntax errors, offsets in a
    /// type expression); otherwise resolved from the path when rendering.
    pub location: Option<Location>,
    /// A character offset into the node's scalar value (a name inside a type expression,
    /// a brace in a path), so the caret points at the culprit rather than at the key.
    pub value_offset: Option<usize>,
}

impl Diagnostic {
    pub fn new(path: &NodePath, message: impl Into<String>) -> Self {
        Self { path: path.clone(), message: message.into(), hint: None, location: None, value_offset: None }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn at_value(mut self, offset: usize) -> Self {
        self.value_offset = Some(offset);
        self
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

/// Collects diagnostics within a stage, so one run reports every problem.
#[derive(Debug, Default)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Shorthand for the common case: a message at a path, with an optional hint.
    pub fn error(&mut self, path: &NodePath, message: impl Into<String>, hint: Option<String>) {
        let mut diagnostic = Diagnostic::new(path, message);
        diagnostic.hint = hint;
        self.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Ok when nothing was reported; the collected diagnostics otherwise.
    pub fn finish(self) -> Result<(), Vec<Diagnostic>> {
        if self.0.is_empty() { Ok(()) } else { Err(self.0) }
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.0
    }
}

/// Every error of one spec file, ready to print: each names the file, the line and
/// column where known, the node path, and a hint. Sorted by position, so the text is
/// stable and reads top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    pub file: PathBuf,
    pub errors: Vec<Located>,
}

/// A diagnostic with its position resolved and the offending source line attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub diagnostic: Diagnostic,
    pub location: Option<Location>,
    pub source_line: Option<String>,
}

impl SpecError {
    pub fn new(file: &Path, source: &str, diagnostics: Vec<Diagnostic>) -> Self {
        let mut errors: Vec<Located> = diagnostics
            .into_iter()
            .map(|diagnostic| {
                let location = diagnostic.location.or_else(|| {
                    // A spec with a single problem at its root (an empty file, a missing
                    // `api`) still gets a place to look: its first line.
                    let found = locate::locate(source, diagnostic.path.segments())
                        .or_else(|| diagnostic.path.segments().is_empty().then_some(Location { line: 1, column: 1 }))?;
                    Some(match diagnostic.value_offset {
                        Some(offset) => locate::in_value(source, found, offset).unwrap_or(found),
                        None => found,
                    })
                });
                let source_line =
                    location.and_then(|loc| source.lines().nth(loc.line.saturating_sub(1))).map(str::to_owned);
                Located { diagnostic, location, source_line }
            })
            .collect();
        errors.sort_by(|a, b| {
            let key = |l: &Located| l.location.map_or((usize::MAX, usize::MAX), |x| (x.line, x.column));
            key(a)
                .cmp(&key(b))
                .then_with(|| a.diagnostic.path.cmp(&b.diagnostic.path))
                .then_with(|| a.diagnostic.message.cmp(&b.diagnostic.message))
        });
        errors.dedup();
        Self { file: file.to_owned(), errors }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        for (i, located) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            let d = &located.diagnostic;
            writeln!(f, "error: {}", d.message)?;
            // Aligned as rustc does: the gutter is as wide as the line number.
            let pad = " ".repeat(located.location.map_or(1, |loc| loc.line.to_string().len()));
            match located.location {
                Some(loc) => writeln!(f, "{pad}--> {file}:{}:{} (at {})", loc.line, loc.column, d.path)?,
                None => writeln!(f, "{pad}--> {file} (at {})", d.path)?,
            }
            if let (Some(loc), Some(line)) = (located.location, &located.source_line) {
                writeln!(f, "{pad} |")?;
                writeln!(f, "{} | {line}", loc.line)?;
                // Columns count characters, so the caret lines up under non-ASCII text too.
                let indent: String = line
                    .chars()
                    .take(loc.column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{pad} | {indent}^")?;
            }
            if let Some(hint) = &d.hint {
                writeln!(f, "{pad} = hint: {hint}")?;
            }
        }
        let n = self.errors.len();
        write!(f, "{n} error{} in {file}; nothing was written", if n == 1 { "" } else { "s" })
    }
}

impl std::error::Error for SpecError {}

/// The known name closest to `unknown`, when one is close enough to be a likely typo.
pub fn nearest<'a>(unknown: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = unknown.to_ascii_lowercase();
    known
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&lower, &candidate.to_ascii_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" when a near name exists, else a list of what is allowed.
pub fn suggest(unknown: &str, known: &[&str]) -> String {
    match nearest(unknown, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None if known.is_empty() => "nothing is allowed here".to_owned(),
        None if known.len() <= 12 => {
            format!("expected one of {}", known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "))
        }
        None => format!("{} names are defined; check the spelling", known.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_ignores_strangers() {
        let known = ["nullable", "optional", "description", "type"];
        assert_eq!(nearest("nulable", known), Some("nullable"));
        assert_eq!(nearest("Optional", known), Some("optional"));
        assert_eq!(nearest("zzz", known), None);
    }

    #[test]
    fn suggest_lists_choices_when_nothing_is_near() {
        assert_eq!(suggest("zzz", &["a", "b"]), "expected one of `a`, `b`");
        assert_eq!(suggest("nulable", &["nullable"]), "did you mean `nullable`?");
    }
}
