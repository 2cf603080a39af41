//! The command line, as clap definitions. Usage errors exit with status 2.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "teambook", version, about = "A static-site generator for team handbooks")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the handbook into a static site
    Build(BuildArgs),
    /// Check the handbook and report every problem at once
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The handbook's root (default: the nearest directory upward holding teambook.toml)
    pub dir: Option<PathBuf>,
    /// Where to write the site (default: DIR/public)
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// The address the site is published at, for absolute URLs (overrides base_url)
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include pages marked `draft = true`
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The handbook's root (default: the nearest directory upward holding teambook.toml)
    pub dir: Option<PathBuf>,
    /// Treat warnings as errors
    #[arg(long)]
    pub strict: bool,
    /// Include pages marked `draft = true`
    #[arg(long)]
    pub drafts: bool,
}
