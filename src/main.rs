//! The `teambook` binary: parses arguments, calls the library, and maps the
//! outcome to an exit status (0 clean, 1 content errors, 2 usage).

mod cli;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

use cli::{BuildArgs, CheckArgs, Cli, Command, InitArgs, NewCommand, NewUpdateArgs, SchemaArgs};
use teambook::diagnostics::format::{self, Format};
use teambook::diagnostics::{Diagnostic, Diagnostics};
use teambook::{config, department, diagnostics, load, output, render, scaffold, serve};

const CONTENT_ERRORS: u8 = 1;
const USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(USAGE)
        }
    }
}

/// `Err` is a usage problem (no handbook found, bad environment).
fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::Serve(args) => {
            let root = root(args.dir.as_deref())?;
            if department::is_department(&root) {
                return Err(format!(
                    "serve does not serve a whole department yet: serve one team's folder (teambook serve {}), or build the department",
                    root.join("<team>").display()
                ));
            }
            let options = serve::Options {
                root,
                port: args.port,
                bind: args.bind,
                open: args.open,
                poll: args.poll,
                drafts: args.drafts,
            };
            serve::run(options)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => init(&args),
        Command::New(NewCommand::Update(args)) => new_update(&args),
        Command::Schema(args) => schema(&args),
    }
}

fn init(args: &InitArgs) -> Result<ExitCode, String> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let absolute = std::path::absolute(&dir).map_err(|e| format!("cannot resolve {}: {e}", dir.display()))?;
    let title = args.title.clone().unwrap_or_else(|| {
        let name = absolute
            .file_name()
            .map_or_else(|| "Our team".to_string(), |n| n.to_string_lossy().replace(['-', '_'], " "));
        format!("{} handbook", name.trim())
    });
    let today = teambook::now()?.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let placement = scaffold::workflow::Placement::of(&dir)?;
    let mut files = scaffold::handbook(&dir, &title.replace('"', "'"), today);
    if let Some(preset) = args.preset {
        files = preset.apply(files, &dir, today);
    }
    // Over imported pages, the example page would stand beside them (and
    // `pages/onboarding.md` meet an imported `onboarding/`): it is left out,
    // but for the runbook the team card links to, in a folder of its own.
    if scaffold::has_pages(&dir) {
        files.retain(|f| !f.path.starts_with(dir.join("pages")) || f.path == dir.join(scaffold::RUNBOOK));
    }
    let editor = scaffold::editor::support(&dir, &mut files);
    files.extend(editor);
    files.push(placement.workflow());
    let written = scaffold::create(&files)?;
    for path in &written {
        eprintln!("created {}", path.display());
    }
    eprintln!("\nNext: edit the files, run `teambook check {0}`, then `teambook build {0}`.", dir.display());
    if !placement.in_git {
        eprintln!(
            "{0} is not in a git repository, so its workflow assumes {0} will be a repository's root \
             (for a handbook in a folder of a repository, run `teambook init` in that folder of a clone).",
            dir.display()
        );
    }
    eprintln!(
        "On GitHub, {} checks pull requests and publishes main: set Settings → Pages → Source to \"GitHub Actions\".",
        scaffold::workflow::FILE
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the schemas for the handbook's own stages and foreign keys.
fn schema(args: &SchemaArgs) -> Result<ExitCode, String> {
    let root = root(args.dir.as_deref())?;
    let path = root.join(config::FILE_NAME);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let config =
        config::Config::read(&teambook::source::SourceFile::new(config::FILE_NAME, text), &mut Diagnostics::default());
    let out = args.out.clone().unwrap_or_else(|| root.join(teambook::schemas::FOLDER));
    std::fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    for (name, json) in teambook::schemas::files(&config) {
        let file = out.join(name);
        std::fs::write(&file, json).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
        println!("{}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn new_update(args: &NewUpdateArgs) -> Result<ExitCode, String> {
    let root = root(args.dir.as_deref())?;
    let options = load::Options { drafts: true, now: teambook::now()? };
    let (handbook, _) = teambook::open(&root, &options);
    let hb = handbook.ok_or_else(|| format!("cannot read {}", root.join(config::FILE_NAME).display()))?;
    if !hb.people.iter().any(|p| p.doc.id == args.author) {
        let ids = hb.people.iter().map(|p| p.doc.id.as_str());
        let hint =
            diagnostics::did_you_mean(&args.author, ids).unwrap_or_else(|| "use the id of a file under people/".into());
        return Err(format!("--author {:?} is not a person of this handbook ({hint})", args.author));
    }
    let monday = teambook::digest::week_of(hb.today);
    let prefill = scaffold::update::Prefill::of(&hb, monday);
    let file = scaffold::update::update(&root, monday, &args.author, &prefill);
    let written = scaffold::create(std::slice::from_ref(&file))?;
    for path in written {
        println!("{}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn build(args: &BuildArgs) -> Result<ExitCode, String> {
    let started = Instant::now();
    let root = root(args.dir.as_deref())?;
    let out = args.output.clone().unwrap_or_else(|| root.join("public"));
    let target = output::check_target(&root, &out).map_err(|e| e.to_string())?;
    let base_url = match &args.base_url {
        Some(url) => {
            Some(config::normal_base_url(url).map_err(|(message, hint)| format!("--base-url {message} ({hint})"))?)
        }
        None => None,
    };
    let options = load::Options { drafts: args.drafts, now: teambook::now()? };
    if department::is_department(&root) {
        return build_department(args, &root, &target, base_url, &options, started);
    }
    // The output folder is surveyed (and the staging folder made) while the
    // handbook is read; a failed build drops the staging folder unused.
    let ((handbook, mut diags), staging) =
        rayon::join(|| teambook::open(&root, &options), || output::Staging::begin(&target));
    let failed = |diags: &Diagnostics| diags.has_errors() || (args.strict && diags.iter().next().is_some());
    let site = match handbook {
        Some(mut hb) if !failed(&diags) => {
            if base_url.is_some() {
                hb.config.base_url = base_url;
            }
            // Pages are written out as they are rendered, into the staging
            // folder that is swapped in at the end (or removed if the build fails).
            let staging = match staging {
                Ok(staging) => staging,
                Err(e) => {
                    report(&diags, args.format, &root);
                    return Err(e.to_string());
                }
            };
            let rendered = render::render_to(&hb, &mut diags, Some(&|path, bytes| staging.put(path, bytes)));
            // The process ends right after the build: freeing every entity one
            // by one first would only delay it (13 ms at 10,000 pages).
            std::mem::forget(hb);
            rendered.map(|site| (site, staging))
        }
        _ => None,
    };
    conclude(args, &root, &out, &diags, site, started)
}

/// Builds a department: every team under its folder and the department's
/// own pages, or nothing when any team has an error.
fn build_department(
    args: &BuildArgs,
    root: &Path,
    target: &Path,
    base_url: Option<String>,
    options: &load::Options,
    started: Instant,
) -> Result<ExitCode, String> {
    let out = args.output.clone().unwrap_or_else(|| root.join("public"));
    let ((dept, mut diags), staging) =
        rayon::join(|| department::open(root, options), || output::Staging::begin(target));
    let failed = |diags: &Diagnostics| diags.has_errors() || (args.strict && diags.iter().next().is_some());
    let site = match dept {
        Some(mut dept) if !failed(&diags) => {
            if base_url.is_some() {
                dept.config.base_url = base_url;
            }
            let staging = match staging {
                Ok(staging) => staging,
                Err(e) => {
                    report(&diags, args.format, root);
                    return Err(e.to_string());
                }
            };
            let rendered =
                render::department::render(&mut dept, &mut diags, Some(&|path, bytes| staging.put(path, bytes)));
            std::mem::forget(dept);
            rendered.map(|site| (site, staging))
        }
        _ => None,
    };
    conclude(args, root, &out, &diags, site, started)
}

/// Reports the build's problems, then swaps the staged site in, or says
/// the build failed and leaves the previous output as it was.
fn conclude(
    args: &BuildArgs,
    root: &Path,
    out: &Path,
    diags: &Diagnostics,
    site: Option<(render::Site, output::Staging)>,
    started: Instant,
) -> Result<ExitCode, String> {
    let shown = report(diags, args.format, root);
    let failed = diags.has_errors() || (args.strict && !shown.is_empty());
    let Some((site, staging)) = site.filter(|_| !failed) else {
        eprintln!("build failed: {}; the previous output is untouched", diagnostics::summary(&shown));
        return Ok(ExitCode::from(CONTENT_ERRORS));
    };
    let files = staging.finish(&site).map_err(|e| e.to_string())?;
    eprintln!("built {files} files into {} in {} ms", out.display(), started.elapsed().as_millis());
    Ok(ExitCode::SUCCESS)
}

/// Prints the diagnostics, sorted, and returns what was shown: for people
/// on stderr, for machines (json, github) on stdout.
fn report(diags: &Diagnostics, format: Format, root: &Path) -> Vec<Diagnostic> {
    let shown = diags.sorted();
    let prefix = if format == Format::Github { format::repository_prefix(root) } else { String::new() };
    let mut out: Box<dyn Write> =
        if format == Format::Text { Box::new(std::io::stderr().lock()) } else { Box::new(std::io::stdout().lock()) };
    for d in &shown {
        let _ = writeln!(out, "{}", format::line(d, format, &prefix));
    }
    shown
}

fn check(args: &CheckArgs) -> Result<ExitCode, String> {
    let root = root(args.dir.as_deref())?;
    let options = load::Options { drafts: args.drafts, now: teambook::now()? };
    let diags = if department::is_department(&root) {
        department::open(&root, &options).1
    } else {
        teambook::open(&root, &options).1
    };
    let shown = report(&diags, args.format, &root);
    let failed = diags.has_errors() || (args.strict && !shown.is_empty());
    let verdict = if failed { "check failed" } else { "check passed" };
    eprintln!("{verdict}: {}", diagnostics::summary(&shown));
    Ok(if failed { ExitCode::from(CONTENT_ERRORS) } else { ExitCode::SUCCESS })
}

/// The handbook root: DIR if given (it must hold teambook.toml), else the
/// nearest directory from the current one upward that does.
fn root(dir: Option<&Path>) -> Result<PathBuf, String> {
    match dir {
        Some(dir) if dir.join(config::FILE_NAME).is_file() => Ok(dir.to_path_buf()),
        Some(dir) if !dir.is_dir() => Err(format!("{} is not a directory", dir.display())),
        Some(dir) => Err(format!(
            "{} has no {} (run `teambook init {}` to start a handbook there)",
            dir.display(),
            config::FILE_NAME,
            dir.display()
        )),
        None => {
            let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
            load::find_root(&cwd).ok_or_else(|| {
                format!(
                    "no {} in {} or any parent directory (pass the handbook's directory)",
                    config::FILE_NAME,
                    cwd.display()
                )
            })
        }
    }
}

/// glibc's malloc spent a fifth of a large build in allocation and freeing
/// across threads; mimalloc does the same work in well under half the time.
/// (`--features system-alloc` keeps the system's, which heap profilers such
/// as valgrind's massif can see into.)
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
