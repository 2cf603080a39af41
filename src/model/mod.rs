//! The typed handbook: every entity of every kind, with references resolved
//! and back-links computed once by `resolve`, so rendering never searches.

pub mod area;
mod ceremony;
mod decision;
mod duty;
mod goal;
pub mod one_on_one;
mod page;
mod pairs;
mod period;
mod person;
mod project;
pub mod review;
mod role;
mod rota;
mod schedule;
pub mod tag;
pub mod team;
mod update;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

pub use area::{Area, Change, FILE_NAME as OWNERSHIP_FILE};
pub use ceremony::{AgendaItem, Ceremony, Occurrence, UPCOMING};
pub use decision::{Daci, Decision, Verdict};
pub use duty::{DEFAULT_HANDOFF, Duty, Override};
pub use goal::{CheckIn, Goal, KeyResult, KrId, KrRef, Parent};
pub use one_on_one::{FILE_NAME as ONE_ON_ONES_FILE, OneOnOnes};
pub use page::{FOLDER_PAGE_NAMES, HOME_ID, Nest, Page, folder_page, folder_page_rank, humanize};
pub use pairs::{Pair, Why};
pub use period::Period;
pub use person::{ManagerChange, Person};
pub use project::{Impact, Project, StageChange, StageMoves, TargetMove, in_flight};
pub use role::Role;
pub use rota::{CALENDAR_PAST_DAYS, Member, QUARTER_DAYS, Rota, Shift, members};
pub use update::{Status, Update};

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostics};
use crate::fields::{At, Field, Schema, Table, Ty};
use crate::front_matter;
use crate::markdown::Body;
use crate::source::{FileId, SourceFile};
use crate::syntax::{self, Format};

/// Anything a link or a field can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entity {
    Role(usize),
    Person(usize),
    Area(usize),
    Ceremony(usize),
    Project(usize),
    Goal(usize),
    Update(usize),
    Page(usize),
    Decision(usize),
    Duty(usize),
    Index(Index),
    /// The onboarding page of a role.
    StartHere(usize),
}

/// The generated index pages, linkable as `[[roles]]`, `[[ownership]]`, ...
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Index {
    Roles,
    People,
    Ownership,
    Ceremonies,
    Projects,
    Goals,
    Updates,
    /// Every free page, by section: where the navigation leads for the
    /// pages it has no room for.
    Pages,
    Decisions,
    /// "Working with us": the team card, when teambook.toml has one.
    Team,
    Duties,
    /// The 1:1 map, when there is a `one_on_ones.toml`.
    OneOnOnes,
    /// Every tag of the free pages, when any page has one.
    Tags,
}

impl Index {
    pub const ALL: [Index; 13] = [
        Index::Team,
        Index::Roles,
        Index::People,
        Index::Ownership,
        Index::Decisions,
        Index::Ceremonies,
        Index::OneOnOnes,
        Index::Duties,
        Index::Projects,
        Index::Goals,
        Index::Updates,
        Index::Tags,
        Index::Pages,
    ];

    /// How the page is titled: "Ownership".
    pub fn title(self) -> &'static str {
        match self {
            Index::Roles => "Roles",
            Index::People => "People",
            Index::Ownership => "Ownership",
            Index::Ceremonies => "Ceremonies",
            Index::Projects => "Projects",
            Index::Goals => "Goals",
            Index::Updates => "Updates",
            Index::Pages => "All pages",
            Index::Decisions => "Decisions",
            Index::Team => "Working with us",
            Index::Duties => "Duties",
            Index::OneOnOnes => "1:1s",
            Index::Tags => "Tags",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Index::Roles => "roles",
            Index::People => "people",
            Index::Ownership => "ownership",
            Index::Ceremonies => "ceremonies",
            Index::Projects => "projects",
            Index::Goals => "goals",
            Index::Updates => "updates",
            Index::Pages => "pages",
            Index::Decisions => "decisions",
            Index::Team => "team",
            Index::Duties => "duties",
            Index::OneOnOnes => "one-on-ones",
            Index::Tags => "tags",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Role,
    Person,
    Area,
    Ceremony,
    Project,
    Goal,
    Update,
    Page,
    Decision,
    Duty,
    Index,
    StartHere,
}

impl Kind {
    /// The folder that qualifies an id of this kind: `[[people/mitra]]`.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Role => "roles",
            Kind::Person => "people",
            Kind::Area => "areas",
            Kind::Ceremony => "ceremonies",
            Kind::Project => "projects",
            Kind::Goal => "goals",
            Kind::Update => "updates",
            Kind::Page => "pages",
            Kind::Decision => "decisions",
            Kind::Duty => "duties",
            Kind::Index => "",
            Kind::StartHere => "start-here",
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Person => "person",
            Kind::Area => "area",
            Kind::Ceremony => "ceremony",
            Kind::Project => "project",
            Kind::Goal => "objective",
            Kind::Update => "update",
            Kind::Page => "page",
            Kind::Decision => "decision",
            Kind::Duty => "duty",
            Kind::Index => "index page",
            Kind::StartHere => "start-here page",
        }
    }
}

impl Entity {
    pub fn kind(self) -> Kind {
        match self {
            Entity::Role(_) => Kind::Role,
            Entity::Person(_) => Kind::Person,
            Entity::Area(_) => Kind::Area,
            Entity::Ceremony(_) => Kind::Ceremony,
            Entity::Project(_) => Kind::Project,
            Entity::Goal(_) => Kind::Goal,
            Entity::Update(_) => Kind::Update,
            Entity::Page(_) => Kind::Page,
            Entity::Decision(_) => Kind::Decision,
            Entity::Duty(_) => Kind::Duty,
            Entity::Index(_) => Kind::Index,
            Entity::StartHere(_) => Kind::StartHere,
        }
    }
}

/// An id written in a field, and what it resolved to.
#[derive(Clone, Debug, PartialEq)]
pub struct Ref {
    pub id: String,
    pub pos: usize,
    /// Where the written id ends.
    pub end: usize,
    pub to: Option<Entity>,
}

impl From<At<String>> for Ref {
    fn from(at: At<String>) -> Ref {
        Ref { id: at.value, pos: at.pos, end: at.end, to: None }
    }
}

impl Ref {
    pub fn span(&self) -> std::ops::Range<usize> {
        self.pos..self.end
    }
}

/// Resolved references of a list field.
pub fn targets(refs: &[Ref]) -> impl Iterator<Item = Entity> + '_ {
    refs.iter().filter_map(|r| r.to)
}

/// The file id of an entity not yet placed in a handbook (see `load`).
pub const UNPLACED: FileId = usize::MAX;

/// What every entity read from its own Markdown file has.
#[derive(Debug, Clone)]
pub struct Doc {
    pub file: FileId,
    pub id: String,
    /// Where the id is defined: the `id` field, else the start of the file.
    pub pos: usize,
    /// Old addresses of its page (`aliases`, and Jekyll's `redirect_from`),
    /// each to become a redirect.
    pub aliases: Vec<At<String>>,
    pub body: Body,
}

/// The front matter of each kind of Markdown file, by the name its JSON
/// Schema is written under (`role.schema.json`), and the folder it is for.
pub const FRONT_MATTER: &[(&str, &str, &Schema)] = &[
    ("role", "roles", &role::SCHEMA),
    ("person", "people", &person::SCHEMA),
    ("ceremony", "ceremonies", &ceremony::SCHEMA),
    ("project", "projects", &project::SCHEMA),
    ("goal", "goals", &goal::SCHEMA),
    ("update", "updates", &update::SCHEMA),
    ("page", "pages", &page::SCHEMA),
    ("decision", "decisions", &decision::SCHEMA),
    ("duty", "duties", &duty::SCHEMA),
];

/// The keys every Markdown file may have, whatever its kind.
pub const DOC_FIELDS: &[Field] = &[
    Field::new("id", Ty::Text, "the id, when it is not the file's name without `.md`"),
    Field::new(
        "aliases",
        Ty::Texts,
        "old addresses of this page (`/old/path/`, `old-name.html`), each made a redirect to it",
    ),
    Field::new("redirect_from", Ty::Texts, "Jekyll's name for `aliases`, read the same way"),
    Field::new(
        "permalink",
        Ty::Text,
        "the page's address on the site it comes from (Jekyll, Eleventy): read as an alias",
    ),
];

/// A file published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Where it is, relative to the handbook's root: `pages/tools/diagram.png`.
    pub source: String,
    /// Where it lands in the site: `static/x` at `x`, `pages/x` at `x` (its
    /// folders made slugs, as pages' are),
    /// `updates/x` at `updates/x` (beside the pages around it).
    pub path: String,
}

impl StaticFile {
    /// The file at `source`, if it is one that is published as it is.
    pub fn at(source: &str) -> Option<StaticFile> {
        let path = match source.split_once('/')? {
            // Beside pages, in the folder their addresses are in (`Team Life/` at `team-life/`).
            ("pages", rest) => match rest.rsplit_once('/') {
                Some((dir, name)) => {
                    format!("{}/{name}", crate::urls::published_folder(&crate::urls::slug_path(dir)))
                }
                None => rest.to_string(),
            },
            ("static", rest) => rest.to_string(),
            ("updates", _) => source.to_string(),
            _ => return None,
        };
        Some(StaticFile { source: source.to_string(), path })
    }
}

/// An owner, consulted or informed mark in the ownership matrix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Raci {
    Owner,
    Consulted,
    Informed,
}

/// How someone takes part in a ceremony.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Part {
    Facilitates,
    Attends,
}

/// A back-link to a person, possibly through one of their roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Via<T> {
    pub item: T,
    /// The role through which the link holds; `None` when named directly.
    pub role: Option<usize>,
}

pub struct Handbook {
    pub root: PathBuf,
    /// Every source file, shared with the loader's cache between rebuilds.
    pub files: Vec<Arc<SourceFile>>,
    pub config: Config,
    /// The strings of the handbook's language (`i18n`).
    pub strings: crate::i18n::Shared,
    /// The moment of this run (`SOURCE_DATE_EPOCH` or the clock).
    pub now: jiff::Timestamp,
    /// The date checks and "this week" are computed against: `now` in the team's zone.
    pub today: Date,
    pub ownership_file: Option<FileId>,
    pub roles: Vec<Role>,
    pub people: Vec<Person>,
    pub areas: Vec<Area>,
    pub ceremonies: Vec<Ceremony>,
    pub projects: Vec<Project>,
    pub goals: Vec<Goal>,
    pub updates: Vec<Update>,
    pub pages: Vec<Page>,
    pub decisions: Vec<Decision>,
    pub duties: Vec<Duty>,
    /// `one_on_ones.toml`, when there is one: the 1:1 policy and pairs.
    pub one_on_ones: Option<OneOnOnes>,
    /// Files published as they are: from `static/`, and beside pages and updates.
    pub statics: Vec<StaticFile>,
    /// The qualified ids (`people/ana`) of content files that could not be
    /// read: reported once as such, and known, so that what names them (or
    /// what they would have said) is not reported again.
    pub unreadable: Vec<String>,
    /// For every entity, the entities whose text links to it.
    pub linked_from: HashMap<Entity, Vec<Entity>>,
}

impl Handbook {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    /// The Markdown text of a body.
    pub fn text<'a>(&'a self, file: FileId, body: &'a Body) -> &'a str {
        body.inline.as_deref().unwrap_or(&self.files[file].text[body.range.clone()])
    }

    /// The display name of an entity, for messages and link texts.
    pub fn title(&self, e: Entity) -> String {
        match e {
            Entity::Role(i) => self.roles[i].title.clone(),
            Entity::Person(i) => self.people[i].name.clone(),
            Entity::Area(i) => self.areas[i].name.clone(),
            Entity::Ceremony(i) => self.ceremonies[i].title.clone(),
            Entity::Project(i) => self.projects[i].title.clone(),
            Entity::Goal(i) => self.goals[i].title.clone(),
            Entity::Update(i) => self.update_title(i),
            Entity::Page(i) => self.pages[i].title.clone(),
            Entity::Decision(i) => self.decisions[i].title.clone(),
            Entity::Duty(i) => self.duties[i].title.clone(),
            Entity::Index(ix) => self.strings.get(&format!("index.{}", ix.name())).to_string(),
            Entity::StartHere(i) => self.strings.fill("start_here.title", &[("role", &self.roles[i].title)]),
        }
    }

    /// An update's title: its own, or "Week of 16 Nov 2026" in the team's language.
    pub fn update_title(&self, i: usize) -> String {
        let u = &self.updates[i];
        match u.titled {
            true => u.title.clone(),
            false => self.strings.fill("update.default_title", &[("date", &crate::words::date(&self.strings, u.date))]),
        }
    }

    /// The id of an entity, qualified by its kind's folder: `people/mitra`.
    pub fn qualified_id(&self, e: Entity) -> String {
        let id = match e {
            Entity::Role(i) => &self.roles[i].doc.id,
            Entity::Person(i) => &self.people[i].doc.id,
            Entity::Area(i) => &self.areas[i].id,
            Entity::Ceremony(i) => &self.ceremonies[i].doc.id,
            Entity::Project(i) => &self.projects[i].doc.id,
            Entity::Goal(i) => &self.goals[i].doc.id,
            Entity::Update(i) => &self.updates[i].doc.id,
            Entity::Page(i) => &self.pages[i].doc.id,
            Entity::Decision(i) => &self.decisions[i].doc.id,
            Entity::Duty(i) => &self.duties[i].doc.id,
            Entity::Index(ix) => return ix.name().to_string(),
            Entity::StartHere(i) => &self.roles[i].doc.id,
        };
        format!("{}/{id}", e.kind().folder())
    }

    /// Where an entity is defined: its file and offset there.
    pub fn origin(&self, e: Entity) -> Option<(FileId, usize)> {
        match e {
            Entity::Role(i) => Some((self.roles[i].doc.file, self.roles[i].doc.pos)),
            Entity::Person(i) => Some((self.people[i].doc.file, self.people[i].doc.pos)),
            Entity::Area(i) => Some((self.areas[i].file, self.areas[i].pos)),
            Entity::Ceremony(i) => Some((self.ceremonies[i].doc.file, self.ceremonies[i].doc.pos)),
            Entity::Project(i) => Some((self.projects[i].doc.file, self.projects[i].doc.pos)),
            Entity::Goal(i) => Some((self.goals[i].doc.file, self.goals[i].doc.pos)),
            Entity::Update(i) => Some((self.updates[i].doc.file, self.updates[i].doc.pos)),
            // A folder's page made by teambook has no file to point at.
            Entity::Page(i) if self.pages[i].generated => None,
            Entity::Page(i) => Some((self.pages[i].doc.file, self.pages[i].doc.pos)),
            Entity::Decision(i) => Some((self.decisions[i].doc.file, self.decisions[i].doc.pos)),
            Entity::Duty(i) => Some((self.duties[i].doc.file, self.duties[i].doc.pos)),
            Entity::Index(_) | Entity::StartHere(_) => None,
        }
    }

    /// What every entity read from its own Markdown file has.
    pub fn doc(&self, e: Entity) -> Option<&Doc> {
        Some(match e {
            Entity::Role(i) => &self.roles[i].doc,
            Entity::Person(i) => &self.people[i].doc,
            Entity::Ceremony(i) => &self.ceremonies[i].doc,
            Entity::Project(i) => &self.projects[i].doc,
            Entity::Goal(i) => &self.goals[i].doc,
            Entity::Update(i) => &self.updates[i].doc,
            Entity::Page(i) => &self.pages[i].doc,
            Entity::Decision(i) => &self.decisions[i].doc,
            Entity::Duty(i) => &self.duties[i].doc,
            Entity::Area(_) | Entity::Index(_) | Entity::StartHere(_) => return None,
        })
    }

    /// The old addresses of an entity's page (`aliases`, `redirect_from`).
    pub fn aliases(&self, e: Entity) -> &[At<String>] {
        self.doc(e).map_or(&[], |d| d.aliases.as_slice())
    }

    pub fn linked_from(&self, e: Entity) -> &[Entity] {
        self.linked_from.get(&e).map_or(&[], Vec::as_slice)
    }

    /// The generated index pages this handbook has: every one, but the
    /// team card's page only when there is a card, and the 1:1 map only
    /// with a `one_on_ones.toml`.
    pub fn indexes(&self) -> impl Iterator<Item = Index> + '_ {
        Index::ALL.into_iter().filter(move |&ix| match ix {
            Index::Team => self.config.team.is_some(),
            Index::OneOnOnes => self.one_on_ones.is_some(),
            Index::Tags => tag::any(self),
            _ => true,
        })
    }

    /// The periods objectives are set for, in order (each has a page).
    pub fn periods(&self) -> Vec<Period> {
        let set: std::collections::BTreeSet<Period> = self.goals.iter().filter_map(|g| g.period).collect();
        set.into_iter().collect()
    }
}

/// Reads one Markdown content file: the `id` and the kind's own fields from
/// the front matter (TOML, YAML or JSON, by `schema`), then the body. `read`
/// reads the fields and returns how to build the entity once its `Doc` is known.
pub(crate) fn read_doc<T, B: FnOnce(Doc) -> T>(
    source: &SourceFile,
    default_id: &str,
    schema: &'static Schema,
    config: &Config,
    diags: &mut Diagnostics,
    read: impl FnOnce(&mut Table<'_>, &mut Diagnostics) -> B,
) -> T {
    let split = front_matter::split(source, diags);
    let parsed = split.front.clone().map(|(format, range)| {
        let (tree, clean) = match format {
            Format::Toml => syntax::toml::parse(source, range.clone(), diags),
            Format::Yaml | Format::Json => syntax::yaml::parse(source, range.clone(), format, diags),
        };
        (format, range, tree, clean)
    });
    let clean = parsed.as_ref().is_none_or(|(_, _, _, clean)| *clean) && !split.broken;
    let format = parsed.as_ref().map_or(Format::Toml, |(f, ..)| *f);
    let mut table =
        Table::root(source, parsed.as_ref().map(|(_, _, t, _)| t), schema, format, &config.extra_keys, clean)
            .at_start(parsed.as_ref().map_or(0, |(_, r, ..)| r.start));
    let id = table.string(diags, "id");
    let mut aliases = table.strings(diags, "aliases");
    aliases.extend(table.strings(diags, "redirect_from"));
    aliases.extend(table.string(diags, "permalink"));
    let build = read(&mut table, diags);
    table.finish(diags);
    let body = Body::analyze(&source.text[split.body.clone()], split.body.start, None);
    template_tags(source, split.body.clone(), diags);
    let (id, pos) = match id {
        Some(at) => (at.value, at.pos),
        None => (default_id.to_string(), 0),
    };
    build(Doc { file: UNPLACED, id, pos, aliases, body })
}

/// A warning at each template tag of another generator standing on a line
/// of its own (`{% hint %}`, `{% include %}`): teambook does not run them.
/// A closing tag (`{% endhint %}`) goes with its opening: one warning.
fn template_tags(source: &SourceFile, body: std::ops::Range<usize>, diags: &mut Diagnostics) {
    for tag in crate::markdown::tags::find(&source.text[body.clone()]) {
        if tag.name.starts_with("end") {
            continue;
        }
        let hint = match (tag.name.as_str(), tag.alert) {
            ("hint", alert) => format!(
                "it is shown as a GitHub alert; write `> [!{}]` and the text, each line after `> `",
                alert.unwrap_or("note").to_uppercase()
            ),
            ("embed", _) => "it is shown as a link to its address; write [text](address)".to_string(),
            _ => "it is shown as written; write in Markdown what it stands for".to_string(),
        };
        diags
            .report(
                Code::TemplateTag,
                source,
                body.start + tag.at,
                format!("template tag {{% {} %}} of another site generator is not run", tag.name),
            )
            .hint(hint);
    }
}

/// A list field of ids.
pub(crate) fn refs(t: &mut Table<'_>, d: &mut Diagnostics, key: &'static str) -> Vec<Ref> {
    t.strings(d, key).into_iter().map(Ref::from).collect()
}

pub(crate) fn one_ref(t: &mut Table<'_>, d: &mut Diagnostics, key: &'static str) -> Option<Ref> {
    t.string(d, key).map(Ref::from)
}
