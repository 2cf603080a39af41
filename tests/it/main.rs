//! One integration-test binary: the real `teambook` binary on real
//! directories, and the library's model of example-team.

mod check;
mod model;
mod robustness;
mod support;
