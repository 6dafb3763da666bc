//! Node paths: where a node sits in the spec (`types.RunStep.fields.status.type`).
//!
//! Every stage records positions as node paths; [`locate`](crate::locate) turns one into a
//! line and column only when an error is rendered. A module of its own, below both, so
//! that the diagnostics and the locator do not need each other for it.

use std::fmt;

/// One step of a node path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Where a node sits in the spec, e.g. `types.RunStep.fields.status.type`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodePath(Vec<Seg>);

impl NodePath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: &str) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Key(key.to_owned()));
        Self(segs)
    }

    /// This path extended by a sequence index.
    pub fn index(&self, index: usize) -> Self {
        let mut segs = self.0.clone();
        segs.push(Seg::Index(index));
        Self(segs)
    }

    pub fn segments(&self) -> &[Seg] {
        &self.0
    }
}

impl fmt::Display for NodePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(key) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Seg::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_render_with_dots_and_indices() {
        let p = NodePath::root().key("types").key("RunStepStatus").key("enum").index(2);
        assert_eq!(p.to_string(), "types.RunStepStatus.enum[2]");
        assert_eq!(NodePath::root().to_string(), "(document)");
    }
}
