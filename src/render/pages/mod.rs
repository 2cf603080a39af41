//! The free pages written under `pages/`.

pub mod page;
