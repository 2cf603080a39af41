//! The weekly updates: the archive, each update's page, and the digest of
//! the week that update pages and the home page show.

pub mod archive;
pub mod digest;
mod empty_sections;
pub mod update;
