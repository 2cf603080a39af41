//! The weekly updates: the archive and each update's page.

pub mod archive;
pub mod update;
