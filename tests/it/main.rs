//! One integration-test binary: the real `teambook` binary on real
//! directories, and the library's model of example-team.

mod bounded;
mod browser;
mod build;
mod calendar;
mod cdp;
mod check;
mod conformance;
mod decisions;
mod department;
mod digest;
mod drop_in;
mod duties;
mod formats;
mod front_matter;
mod hostile;
mod hostile_input;
mod html;
mod incremental;
mod install;
mod load;
mod model;
mod publish;
mod real_handbook;
mod robustness;
mod safety;
mod scaffold;
mod schemas;
mod serve;
mod static_files;
mod support;
mod team;
mod vaults;
mod views;
mod views_check;
mod workflows;
