#[path = "/work/main/benches/corpus/mod.rs"]
mod corpus;
fn main() { let n: usize = std::env::args().nth(1).unwrap().parse().unwrap(); corpus::teambook(std::path::Path::new(&std::env::args().nth(2).unwrap()), n); }
