//! The free pages written under `pages/`, and the index of all of them.

pub mod index;
pub mod page;
