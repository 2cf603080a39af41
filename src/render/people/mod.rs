//! The people: the directory with the org chart, and each person's page.

pub mod directory;
pub mod person;
