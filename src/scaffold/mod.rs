//! `teambook init` and `teambook new update`: files written for the user,
//! never over anything that exists.

pub mod editor;
pub mod em_pm;
pub mod update;
pub mod workflow;

use std::fs;
use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::digest::week_of;

/// One file to create, at `path`.
pub struct NewFile {
    pub path: PathBuf,
    pub text: String,
}

/// Writes every file, or none: if any already exists, nothing is written.
pub fn create(files: &[NewFile]) -> Result<Vec<PathBuf>, String> {
    let existing: Vec<String> =
        files.iter().filter(|f| f.path.exists()).map(|f| f.path.display().to_string()).collect();
    if !existing.is_empty() {
        return Err(format!(
            "{} already {}; teambook never overwrites files (nothing was written)",
            existing.join(", "),
            if existing.len() == 1 { "exists" } else { "exist" }
        ));
    }
    let mut written = Vec::new();
    for f in files {
        let path = f.path.clone();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        // create_new: a file that appeared meanwhile is still not overwritten.
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, f.text.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// A starting breakdown `init` can write instead of the small example.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    /// What an EM/PM-led team usually owns (see `em_pm`).
    #[default]
    EmPm,
}

impl Preset {
    pub const NAMES: [&str; 1] = ["em-pm"];

    pub fn parse(name: &str) -> Option<Preset> {
        (name == "em-pm").then_some(Preset::EmPm)
    }

    /// The handbook `handbook` writes, with this preset's files in place of
    /// the ones it replaces.
    pub fn apply(self, mut files: Vec<NewFile>, root: &Path, today: Date) -> Vec<NewFile> {
        let preset = match self {
            Preset::EmPm => em_pm::files(root, today),
        };
        files.retain(|f| !preset.iter().any(|p| p.path == f.path));
        files.extend(preset);
        files
    }
}

/// Whether `root/pages/` already holds Markdown (a handbook copied in before `init`).
pub fn has_pages(root: &Path) -> bool {
    walkdir::WalkDir::new(root.join("pages"))
        .into_iter()
        .filter_map(Result::ok)
        .any(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
}

/// The runbook page the scaffold's team card names.
pub const RUNBOOK: &str = "pages/runbooks/our-service.md";

/// A small, valid handbook with every kind of content, at `root` (the
/// workflow that publishes it is `workflow::Placement::workflow`).
pub fn handbook(root: &Path, title: &str, today: Date) -> Vec<NewFile> {
    let monday = week_of(today);
    let file = |path: &str, text: String| NewFile { path: root.join(path), text };
    vec![
        file(
            "teambook.toml",
            format!(
                "title = \"{title}\"\ndescription = \"How our team works\"\n# base_url = \"https://your-org.github.io/your-repo/\"\ntimezone = \"UTC\"  # an IANA name, e.g. \"America/New_York\"\n\n# [repo]\n# url = \"https://github.com/your-org/your-repo\"\n# branch = \"main\"\n{}",
                team_card(today)
            ),
        ),
        file(
            "roles/engineering-manager.md",
            "+++\ntitle = \"Engineering Manager\"\nshort = \"EM\"\nsummary = \"Manages and grows engineers; delivers toward technical goals.\"\ncounterpart = \"product-manager\"\n+++\nWhat the role is for, what it is not, and how it works with the [[product-manager]].\n".into(),
        ),
        file(
            "roles/product-manager.md",
            "+++\ntitle = \"Product Manager\"\nshort = \"PM\"\nsummary = \"Owns the problem and the outcome: what we build, for whom, and why.\"\ncounterpart = \"engineering-manager\"\n+++\nWhat the role is for, what it is not, and how it works with the [[engineering-manager]].\n".into(),
        ),
        file(
            "roles/engineer.md",
            "+++\ntitle = \"Software Engineer\"\nshort = \"SWE\"\nsummary = \"Designs, builds, ships and runs our services.\"\n+++\n".into(),
        ),
        file("people/alex.md", "+++\nname = \"Alex Example\"\nroles = [\"engineering-manager\"]\n+++\nA short bio.\n".into()),
        file("people/sam.md", "+++\nname = \"Sam Example\"\nroles = [\"product-manager\"]\n+++\nA short bio.\n".into()),
        file("people/jo.md", "+++\nname = \"Jo Example\"\nroles = [\"engineer\"]\nmanager = \"alex\"\n+++\nA short bio.\n".into()),
        file(
            "ownership.toml",
            "# Everything the team owns, line by line, with its owner (role or person ids).\n\n[[area]]\nname = \"Roadmap\"\ngroup = \"Product\"\nowners = [\"product-manager\"]\nconsulted = [\"engineering-manager\"]\n\n[[area]]\nname = \"Sprint planning\"\ngroup = \"Planning\"\nowners = [\"product-manager\", \"engineering-manager\"]\ndecision = \"PM proposes scope; EM confirms capacity; if we disagree, scope shrinks.\"\ninformed = [\"engineer\"]\nceremony = \"weekly-sync\"\n\n[[area]]\nname = \"On-call\"\ngroup = \"Delivery\"\nowners = [\"engineering-manager\"]\ninformed = [\"engineer\"]\n".into(),
        ),
        file(
            "ceremonies/weekly-sync.md",
            format!(
                "+++\ntitle = \"EM / PM weekly sync\"\ncadence = \"weekly\"\ndays = [\"mon\"]\ntime = \"10:00\"\nduration = \"30m\"\nstart = {monday}\nfacilitators = [\"product-manager\", \"engineering-manager\"]\nattendees = [\"engineering-manager\", \"product-manager\"]\nagenda = [{{ item = \"Carry-over\", minutes = 10 }}, {{ item = \"Decisions\", minutes = 20 }}]\n+++\nThe co-leads' weekly sync. The facilitator alternates.\n"
            ),
        ),
        file(
            "ceremonies/standup.md",
            format!(
                "+++\ntitle = \"Daily stand-up\"\ncadence = \"daily\"\ntime = \"09:30\"\nduration = \"15m\"\nstart = {monday}\nfacilitators = [\"engineering-manager\"]\nattendees = [\"engineer\", \"engineering-manager\"]\n+++\n"
            ),
        ),
        file(
            "projects/first-project.md",
            "+++\ntitle = \"Our first project\"\nstage = \"Design\"\nowners = [\"product-manager\", \"jo\"]\nkind = \"feature\"\n\n[impact]\nsummary = \"What changes for our users, in one sentence.\"\nhours_saved_per_month = 10\n+++\nWhy we build it and how we will know it worked.\n".into(),
        ),
        update::update(root, monday, "alex", &update::Prefill::default()),
        file(
            RUNBOOK,
            "+++\ntitle = \"Our service: runbook\"\nowner = \"engineering-manager\"\n+++\nWhat whoever is paged does first: where the dashboards are, how to roll back, whom to call.\n".into(),
        ),
        file(
            "pages/onboarding.md",
            "+++\ntitle = \"Onboarding\"\nweight = 1\nowner = \"engineering-manager\"\n+++\nWelcome! Start with your role's page: [[start-here/engineer]], [[start-here/product-manager]] or [[start-here/engineering-manager]]. Then read the [[ownership]] matrix.\n".into(),
        ),
    ]
}

/// The team card `init` writes into teambook.toml: filled in with the
/// scaffold's own areas and people, to be rewritten in the team's words.
fn team_card(today: Date) -> String {
    format!(
        "
# The team card: what other teams read first, on the \"Working with us\" page.
# Intakes and services name areas (or roles): the page shows who holds them today.
[team]
name = \"Our team\"
mission = \"What the team is for, in one sentence.\"
type = \"stream-aligned\"  # stream-aligned | platform | enabling | complicated-subsystem
customers = [\"Who we serve\"]
hours = {{ timezone = \"UTC\", core = \"10:00-16:00\", response = \"4h\" }}
review_every = \"quarter\"
reviewed = {today}
reviewed_by = [\"alex\", \"sam\"]

[[team.channel]]
name = \"#our-team\"
purpose = \"Questions and requests\"
# url = \"https://chat.example.com/our-team\"

[[team.intake]]
for = \"Something new on our roadmap\"
how = \"Ask in #our-team\"
area = \"roadmap\"

[[team.intake]]
for = \"Something is broken\"
how = \"Post in #our-team: whoever owns on-call answers\"
area = \"on-call\"

[[team.service]]
name = \"Our service\"
area = \"on-call\"
runbook = \"pages/runbooks/our-service\"  # a page id or a URL
# repo = \"https://github.com/your-org/our-service\"
# dashboard = \"https://grafana.example.com/d/our-service\"

# [[team.interaction]]
# team = \"platform\"
# mode = \"x-as-a-service\"  # collaboration | x-as-a-service | facilitating
# purpose = \"What we get from them\"
# since = {today}
"
    )
}
