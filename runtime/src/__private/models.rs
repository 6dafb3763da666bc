//! How a generated crate lists its model types: its hidden `__models` function hands each one
//! to a visitor, so that property tests and fuzz targets reach every type of every crate
//! without a list kept by hand.

use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Receives a crate's model types, one call per type.
pub trait ModelVisitor {
    /// The type `T`, named as Rust writes it (`CursorPage<RunStep>`).
    fn visit<T>(&mut self, name: &'static str)
    where
        T: Serialize + DeserializeOwned + PartialEq + Debug + 'static;
}
