//! The theme: the built-in default (templates and assets embedded in the
//! binary), an optional theme under the site's `themes/`, and the site's own
//! `templates/`, each overriding the one before by file name. Every built-in
//! template is also available as `teambook/<name>`, so an override can extend
//! it and replace only a block.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use tera::{ErrorKind, Tera};

use crate::i18n::Shared;

use crate::diagnostics::{Code, Diagnostics};
use crate::load::is_ignored;
use crate::model::Handbook;
use crate::source::SourceFile;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The built-in templates.
pub const TEMPLATES: [(&str, &str); 42] = embed!(
    "404.html",
    "base.html",
    "macros.html",
    "pictures.html",
    "reporting.html",
    "team_card.html",
    "duty_parts.html",
    "one_on_one_parts.html",
    "home.html",
    "role.html",
    "start_here.html",
    "person.html",
    "area.html",
    "ceremony.html",
    "project.html",
    "update.html",
    "page.html",
    "roles.html",
    "people.html",
    "ownership.html",
    "changes.html",
    "due.html",
    "decisions.html",
    "decision.html",
    "duties.html",
    "duty.html",
    "one_on_ones.html",
    "ceremonies.html",
    "projects.html",
    "goals.html",
    "goals_period.html",
    "goal.html",
    "updates.html",
    "updates_year.html",
    "updates_list.html",
    "list.html",
    "pages.html",
    "tags.html",
    "tag.html",
    "department.html",
    "department_list.html",
    "team.html",
);

/// The templates that define the shared components: `item_list`, ... in
/// macros.html; the pictures (`progress_bar`, ...) in pictures.html; the
/// objectives, key results and the week's digest in reporting.html; the
/// team card's parts in team_card.html; a duty's in duty_parts.html; 1:1s' in one_on_one_parts.html.
const COMPONENTS: [&str; 6] =
    ["macros.html", "pictures.html", "reporting.html", "team_card.html", "duty_parts.html", "one_on_one_parts.html"];

/// What to do about a broken template, whichever it is.
const TEMPLATE_HINT: &str = "fix the template at this line (the built-in ones, in themes/default/templates/, show the variables each page gets)";

/// The built-in assets, by their path in the output.
pub const ASSETS: [(&str, &[u8]); 4] = [
    ("assets/style.css", include_bytes!("../../themes/default/static/style.css")),
    ("assets/search.js", include_bytes!("../../themes/default/static/search.js")),
    ("assets/site.js", include_bytes!("../../themes/default/static/site.js")),
    ("assets/favicon.svg", include_bytes!("../../themes/default/static/favicon.svg")),
];

const STYLESHEET: &str = "assets/style.css";

pub struct Theme {
    pub tera: Tera,
    /// Every template's text and the file it was read from (relative to the
    /// root, or "built-in theme NAME"), by template name.
    templates: BTreeMap<String, (String, String)>,
    /// Assets of the chosen theme folder, by output path (override built-ins).
    pub assets: BTreeMap<String, Vec<u8>>,
}

/// The built-in templates, under their own name and as `teambook/NAME`.
fn builtins() -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for (name, text) in TEMPLATES {
        let origin = format!("built-in theme {name}");
        // Components are global in Tera: the file defining them is loaded once.
        if !COMPONENTS.contains(&name) {
            out.insert(format!("teambook/{name}"), (text.to_string(), origin.clone()));
        }
        out.insert(name.to_string(), (text.to_string(), origin));
    }
    out
}

fn texts(set: &BTreeMap<String, (String, String)>) -> impl Iterator<Item = (&String, &String)> {
    set.iter().map(|(name, (text, _))| (name, text))
}

impl Theme {
    pub fn load(hb: &Handbook, diags: &mut Diagnostics) -> Option<Theme> {
        let strings = hb.strings.clone();
        let mut templates = builtins();
        let mut assets = BTreeMap::new();
        let theme = &hb.config.theme;
        if theme != "default" || hb.root.join("themes/default").is_dir() {
            let folder = format!("themes/{theme}");
            if !hb.root.join(&folder).is_dir() {
                diags
                    .report_path(
                        Code::ThemeNotFound,
                        crate::config::FILE_NAME,
                        format!("theme {theme:?} not found: there is no {folder}/ folder"),
                    )
                    .hint("remove `theme` to use the built-in theme, or create the folder");
                return None;
            }
            read_templates(&hb.root, &format!("{folder}/templates"), &mut templates, diags);
            let static_dir = format!("{folder}/static/");
            for (rel, bytes) in read_files(&hb.root, &static_dir, diags) {
                assets.insert(format!("assets/{}", &rel[static_dir.len()..]), bytes);
            }
        }
        read_templates(&hb.root, "templates", &mut templates, diags);

        let mut tera = tera_with(&strings);
        if let Err(e) = tera.add_raw_templates(texts(&templates)) {
            // Tera stops at the first broken template: try each of the site's
            // alone beside the built-ins, so that every broken file is reported.
            let mut reported = false;
            for (name, (text, origin)) in templates.iter().filter(|(_, (_, o))| !o.starts_with("built-in")) {
                let mut alone = builtins();
                alone.insert(name.clone(), (text.clone(), origin.clone()));
                if let Err(e) = tera_with(&strings).add_raw_templates(texts(&alone)) {
                    report(&alone, &e, None, diags);
                    reported = true;
                }
            }
            if !reported {
                report(&templates, &e, None, diags);
            }
            return None;
        }
        Some(Theme { tera, templates, assets })
    }

    /// The built-in theme alone, for pages of no handbook (a department's own).
    pub fn builtin(strings: &Shared, diags: &mut Diagnostics) -> Option<Theme> {
        let templates = builtins();
        let mut tera = tera_with(strings);
        if let Err(e) = tera.add_raw_templates(texts(&templates)) {
            report(&templates, &e, None, diags);
            return None;
        }
        Some(Theme { tera, templates, assets: BTreeMap::new() })
    }

    /// The stylesheet the pages use (the theme's, else the built-in one),
    /// for a page that must carry it inline (404.html, served at any depth).
    pub fn stylesheet(&self) -> String {
        let css = self
            .assets
            .get(STYLESHEET)
            .map_or_else(|| ASSETS.iter().find(|(p, _)| *p == STYLESHEET).map_or(&[][..], |(_, b)| *b), Vec::as_slice);
        String::from_utf8_lossy(css).into_owned()
    }

    /// Reports a rendering error, naming the template file and the page.
    pub fn report(&self, error: &tera::Error, page: &str, diags: &mut Diagnostics) {
        report(&self.templates, error, Some(page), diags);
    }
}

/// A Tera with the function `t`, which writes a string of the team's
/// language: `{{ t(key="base.skip") }}`; `{name}` placeholders are filled
/// from the other arguments (escaped unless they are safe, such as a `set`
/// block), and a `count` chooses the plural form. The tables' texts are
/// HTML as a template's own text is.
fn tera_with(strings: &Shared) -> Tera {
    let mut tera = Tera::new();
    let strings = strings.clone();
    tera.register_function("t", Translate(strings));
    tera
}

struct Translate(Shared);

impl tera::Function<tera::TeraResult<String>> for Translate {
    fn call(&self, kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<String> {
        let key: &str = kwargs.must_get("key")?;
        let Some(entry) = self.0.entry(key) else {
            let near = crate::diagnostics::closest(key, self.0.keys());
            let hint = near.map_or(String::new(), |n| format!(" (did you mean \"{n}\"?)"));
            return Err(tera::Error::message(format!(
                "no string \"{key}\" in the {} table, nor in English{hint}: add it to i18n/{}.toml",
                self.0.language, self.0.language
            )));
        };
        let mut args: Vec<(String, String)> = Vec::new();
        let mut count = None;
        for (name, value) in kwargs.iter() {
            let name = name.to_string();
            if name == "key" {
                continue;
            }
            let text = match value.as_str() {
                Some(s) if value.is_safe() => s.to_string(),
                Some(s) => state.escape(s)?,
                None => value.to_string(),
            };
            if name == "count" {
                count = value.as_i64();
            }
            args.push((name, text));
        }
        let text = match count {
            Some(n) => entry.text(self.0.category(n)),
            None => self.0.get(key),
        };
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        Ok(crate::i18n::fill(text, &args))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// Turns a Tera error into a diagnostic at the template's file, line and column.
fn report(
    templates: &BTreeMap<String, (String, String)>,
    error: &tera::Error,
    page: Option<&str>,
    diags: &mut Diagnostics,
) {
    let during = page.map_or(String::new(), |p| format!(" (while rendering {p})"));
    match error.kind() {
        ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => {
            let (text, origin) =
                templates.get(r.filename()).cloned().unwrap_or_else(|| (String::new(), r.filename().to_string()));
            let source = SourceFile::new(origin, text);
            let span = r.span();
            let offset = line_offset(&source.text, span.start_line.max(1), span.start_col);
            diags
                .report(Code::Template, &source, offset, format!("template error: {}{during}", r.message()))
                .hint(TEMPLATE_HINT);
        }
        other => {
            diags
                .report_path(Code::Template, "templates", format!("template error: {other}{during}"))
                .hint(TEMPLATE_HINT);
        }
    }
}

/// The byte offset of a 1-based line and 0-based character column.
fn line_offset(text: &str, line: usize, col: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    let rest = text.get(start..).unwrap_or("");
    start + rest.char_indices().nth(col).map_or(rest.len(), |(i, _)| i)
}

/// Reads the `.html` templates of a folder into the set, overriding by name.
fn read_templates(
    root: &Path,
    folder: &str,
    templates: &mut BTreeMap<String, (String, String)>,
    diags: &mut Diagnostics,
) {
    let prefix = format!("{folder}/");
    for (rel, bytes) in read_files(root, &prefix, diags) {
        let name = rel[prefix.len()..].to_string();
        match String::from_utf8(bytes) {
            Ok(text) => {
                templates.insert(name, (text, rel));
            }
            Err(_) => {
                diags.report_path(Code::NotUtf8, &rel, "template is not valid UTF-8").hint("save it as UTF-8");
            }
        }
    }
}

/// Every file under `root/prefix`, by path relative to root (`prefix` ends with `/`).
fn read_files(root: &Path, prefix: &str, diags: &mut Diagnostics) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(root.join(prefix)).sort_by_file_name().min_depth(1);
    for entry in walker.into_iter().filter_entry(|e| !is_ignored(&e.file_name().to_string_lossy())).flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        match fs::read(entry.path()) {
            Ok(bytes) => out.push((rel, bytes)),
            Err(e) => {
                diags
                    .report_path(Code::Unreadable, &rel, format!("cannot read file: {}", e.kind()))
                    .hint("check the file's permissions");
            }
        }
    }
    out
}
