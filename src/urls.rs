//! Where every entity ends up in the built site. One place, so that checks
//! (duplicate output paths) and rendering can never disagree.

use crate::model::{Entity, Handbook, Index};

/// Files and folders the site generator writes itself; user files must not collide.
pub const RESERVED: [&str; 9] = [
    "index.html",
    "404.html",
    "feed.xml",
    "calendar.ics",
    "sitemap.xml",
    "handbook.json",
    "search-index.json",
    ".nojekyll",
    "assets/",
];

/// The folder of an entity's page, relative to the site root, ending in `/`.
pub fn page_dir(hb: &Handbook, e: Entity) -> String {
    match e {
        Entity::Role(i) => format!("roles/{}/", hb.roles[i].doc.id),
        Entity::Person(i) => format!("people/{}/", hb.people[i].doc.id),
        Entity::Area(i) => format!("areas/{}/", hb.areas[i].id),
        Entity::Ceremony(i) => format!("ceremonies/{}/", hb.ceremonies[i].doc.id),
        Entity::Project(i) => format!("projects/{}/", hb.projects[i].doc.id),
        Entity::Update(i) => format!("updates/{}/", hb.updates[i].doc.id),
        Entity::Page(i) => format!("{}/", hb.pages[i].doc.id),
        Entity::Index(ix) => format!("{}/", ix.name()),
        Entity::StartHere(i) => format!("start-here/{}/", hb.roles[i].doc.id),
    }
}

/// The HTML file of an entity's page.
pub fn page_file(hb: &Handbook, e: Entity) -> String {
    format!("{}index.html", page_dir(hb, e))
}

/// Every entity that gets a page of its own.
pub fn all_pages(hb: &Handbook) -> Vec<Entity> {
    let mut out = Vec::new();
    out.extend((0..hb.roles.len()).map(Entity::Role));
    out.extend((0..hb.roles.len()).map(Entity::StartHere));
    out.extend((0..hb.people.len()).map(Entity::Person));
    out.extend((0..hb.areas.len()).map(Entity::Area));
    out.extend((0..hb.ceremonies.len()).map(Entity::Ceremony));
    out.extend((0..hb.projects.len()).map(Entity::Project));
    out.extend((0..hb.updates.len()).map(Entity::Update));
    out.extend((0..hb.pages.len()).map(Entity::Page));
    out.extend(Index::ALL.map(Entity::Index));
    out
}
