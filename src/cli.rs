//! The command line, as clap definitions. Usage errors exit with status 2.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
use clap::{Args, Parser, Subcommand};
use teambook::diagnostics::format::Format;

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
    /// Serve the handbook locally, rebuilding and reloading on every save
    Serve(ServeArgs),
    /// Start a new handbook (and a GitHub Pages workflow) in DIR
    Init(InitArgs),
    /// Create a new file from a template
    #[command(subcommand)]
    New(NewCommand),
    /// Write the JSON Schemas of teambook's files, for editors' completion and checks
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The handbook's root (default: the nearest directory upward holding teambook.toml)
    pub dir: Option<PathBuf>,
    /// Where to write them (default: DIR/.teambook/schemas); existing schemas there are replaced
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The handbook's root (default: the nearest directory upward holding teambook.toml)
    pub dir: Option<PathBuf>,
    /// The port to listen on (0: any free port)
    #[arg(short, long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; 0.0.0.0 shares the handbook with the network
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the handbook in the default browser
    #[arg(long)]
    pub open: bool,
    /// Poll for changes instead of using file-system events (network drives, some containers)
    #[arg(long)]
    pub poll: bool,
    /// Include pages marked `draft = true`
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to create the handbook (default: the current directory)
    pub dir: Option<PathBuf>,
    /// The handbook's title (default: from the folder's name)
    #[arg(long)]
    pub title: Option<String>,
    /// Start from a fuller breakdown: em-pm writes the 29 areas an EM/PM-led team
    /// usually owns, with owners, decision rules and expectations per role
    #[arg(long, value_name = "PRESET", value_parser = clap::builder::PossibleValuesParser::new(teambook::scaffold::Preset::NAMES).map(|s| teambook::scaffold::Preset::parse(&s).unwrap_or_default()))]
    pub preset: Option<teambook::scaffold::Preset>,
}

#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// This week's update, dated its Monday, with the standard sections
    Update(NewUpdateArgs),
}

#[derive(Debug, Args)]
pub struct NewUpdateArgs {
    /// The handbook's root (default: the nearest directory upward holding teambook.toml)
    pub dir: Option<PathBuf>,
    /// Who writes it: a person id
    #[arg(long, value_name = "PERSON")]
    pub author: String,
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
    /// Treat warnings as errors: write nothing if there are any
    #[arg(long)]
    pub strict: bool,
    /// How to print problems: text (for people), json (one object per line, on stdout)
    /// or github (workflow annotations, on stdout)
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = clap::builder::PossibleValuesParser::new(Format::NAMES).map(|s| Format::parse(&s).unwrap_or_default()))]
    pub format: Format,
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
    /// How to print problems: text (for people), json (one object per line, on stdout)
    /// or github (workflow annotations, on stdout)
    #[arg(long, value_name = "FORMAT", default_value = "text", value_parser = clap::builder::PossibleValuesParser::new(Format::NAMES).map(|s| Format::parse(&s).unwrap_or_default()))]
    pub format: Format,
}
