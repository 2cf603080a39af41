//! Every link written in Markdown, resolved and checked: wiki links by id,
//! relative links by the file (or folder) they point at, images and other
//! files by where they are published. A link that leads nowhere is one
//! error at its place, with the nearest thing it may have meant; a link
//! written for another generator (`{% page "/about/" %}`, `/about/`) is
//! answered with the relative link that works here, when the page exists.

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::names::{Miss, Names};
use super::vault::{Found, Vault};
use super::{ANY, bodies, body_mut, tidy};
use crate::diagnostics::{Code, Diagnostics, closest, normalisation_hint, same_but_normalisation};
use crate::markdown::{Link, LinkKind, Target, TeamLink};
use crate::model::{Entity, Handbook, Index};
use crate::source::SourceFile;
use crate::urls;

/// "Did you mean" compares a broken name with every candidate: a body of
/// thousands of distinct broken links into a long list (a page's headings,
/// the handbook's files) would be quadratic. Each body may spend this many
/// comparisons; past them, its hints say what to check without naming the
/// nearest candidate.
pub(super) struct Budget(usize);

impl Default for Budget {
    fn default() -> Budget {
        Budget(1_000_000)
    }
}

impl Budget {
    /// The candidate nearest to `name`, if the budget allows comparing with them all.
    fn nearest<'a, I: Iterator<Item = &'a str>>(&mut self, name: &str, candidates: impl Fn() -> I) -> Option<&'a str> {
        let (low, high) = candidates().size_hint();
        self.0 = self.0.checked_sub(high.unwrap_or(low))?;
        // The same name in another Unicode form looks identical: it is the answer.
        let same = if name.is_ascii() { None } else { candidates().filter(|c| same_but_normalisation(name, c)).min() };
        same.or_else(|| closest(name, candidates()))
    }
}

pub(super) struct LinkContext<'a> {
    hb: &'a Handbook,
    names: &'a Names,
    by_path: &'a HashMap<String, Entity>,
    /// Files published as they are, by where they are in the handbook → where they land.
    statics: HashMap<&'a str, &'a str>,
    /// Folders (`pages/tools`) → their page.
    folders: HashMap<String, Entity>,
    /// Pages named as people write names, by the slug of their path
    /// (`pages/team-life/board-games.md` for `pages/Team Life/Board games.md`).
    slugs: HashMap<String, Entity>,
    /// Files under `pages/` by name, as Obsidian finds them.
    vault: Vault,
    /// Site paths (`tools/software.html`, an alias `software/index.html`) →
    /// the page there, made only when a link from another generator asks.
    site: OnceLock<HashMap<String, Entity>>,
}

impl<'a> LinkContext<'a> {
    pub(super) fn new(hb: &'a Handbook, names: &'a Names, by_path: &'a HashMap<String, Entity>) -> Self {
        // A folder with no page of its own whose address an alias claims
        // leads to the alias's page.
        let mut folders: HashMap<String, Entity> = urls::alias_files(hb)
            .into_iter()
            .filter_map(|(file, e)| Some((format!("pages/{}", file.strip_suffix("/index.html")?), e)))
            .collect();
        folders.extend(hb.pages.iter().enumerate().filter(|(_, p)| p.is_section_index).map(|(i, p)| {
            let folder = if p.is_home() { "pages".to_string() } else { format!("pages/{}", p.path) };
            (folder, Entity::Page(i))
        }));
        // A folder that shares its address with another (`categories/` beside
        // `Categories/`) is listed by that one's page: found by its slug.
        let by_slug: Vec<(String, Entity)> = folders
            .iter()
            .filter_map(|(f, &e)| {
                let slugged = format!("pages/{}", urls::slug_path(f.strip_prefix("pages/")?));
                (slugged != *f).then_some((slugged, e))
            })
            .collect();
        for (f, e) in by_slug {
            folders.entry(f).or_insert(e);
        }
        let slugs = by_path
            .iter()
            .filter_map(|(rel, &e)| {
                let stem = rel.strip_prefix("pages/")?.strip_suffix(".md")?;
                let slugged = format!("pages/{}.md", urls::slug_path(stem));
                (slugged != *rel).then_some((slugged, e))
            })
            .collect();
        LinkContext {
            hb,
            names,
            by_path,
            slugs,
            vault: Vault::new(hb, by_path),
            statics: hb.statics.iter().map(|s| (s.source.as_str(), s.path.as_str())).collect(),
            folders,
            site: OnceLock::new(),
        }
    }

    /// Resolves one link of a body; `budget` is what is left of the body's
    /// "did you mean" comparisons (see `Budget`).
    pub(super) fn resolve(
        &self,
        source: Entity,
        file: &SourceFile,
        link: &Link,
        budget: &mut Budget,
        diags: &mut Diagnostics,
    ) -> Option<Target> {
        if matches!(link.kind, LinkKind::Wiki | LinkKind::Embed) {
            if link.dest.is_empty() {
                diags.report(Code::BrokenLink, file, link.pos, "empty wiki link").hint("write [[id]] or [[id|text]]");
                return None;
            }
            let written =
                if link.kind == LinkKind::Embed { format!("![[{}]]", link.dest) } else { format!("[[{}]]", link.dest) };
            let miss = match self.names.lookup(&link.dest, ANY) {
                Ok(e) => {
                    self.check_anchor(e, link, file, budget, diags);
                    return Some(Target::Entity(e));
                }
                Err(miss @ Miss::Unknown { .. }) => miss,
                Err(miss) => {
                    self.names.report(file, link.pos, &format!("link {written}"), miss, diags);
                    return None;
                }
            };
            // Not an id: a file's name, as Obsidian finds it.
            match self.vault.find(&link.dest) {
                Found::One(target) => {
                    if let Target::Entity(e) = target {
                        self.check_anchor(e, link, file, budget, diags);
                    }
                    return Some(target);
                }
                Found::Several(files) => {
                    diags
                        .report(
                            Code::AmbiguousId,
                            file,
                            link.pos,
                            format!("ambiguous link {written}: several files have that name"),
                        )
                        .hint(format!("it could be {}; write the folder too, as [[folder/name]]", files.join(" or ")));
                }
                Found::None if TeamLink::parse(&link.dest).is_some() => return self.team_link(file, link, diags),
                Found::None if self.hb.config.unwritten_as_text => {
                    diags
                        .report(
                            Code::UnwrittenNote,
                            file,
                            link.pos,
                            format!("{written} names a note never written: shown as plain text"),
                        )
                        .hint("write the note in pages/, or link to one that exists");
                }
                Found::None => self.names.report(file, link.pos, &format!("link {written}"), miss, diags),
            }
            return None;
        }
        let noun = if link.kind == LinkKind::Image { "image" } else { "link" };
        if link.dest.is_empty() {
            self.check_anchor(source, link, file, budget, diags);
            return Some(Target::SamePage);
        }
        if let Some(tag) = template_tag(&link.dest) {
            let hint = match self.site_page(tag.path) {
                Some(e) => format!("it points at {}: write [..]({}) instead", tag.path, self.relative_to(file, e)),
                None => "write the link relative to this file, e.g. ../tools/index.md, or as a wiki link [[id]]".into(),
            };
            diags
                .report(
                    Code::BrokenLink,
                    file,
                    link.pos,
                    format!("{noun} to {:?} uses a template tag of another site generator", tag.written),
                )
                .hint(format!("teambook does not run template tags; {hint}"));
            return None;
        }
        if let Some(from_root) = link.dest.strip_prefix('/') {
            // As GitHub and GitBook read it: from the top of the pages (then
            // of the handbook); written out relative, so it works under a sub-path.
            let at = |base: &str| urls::join_segments(base.split('/').filter(|p| !p.is_empty()).collect(), from_root);
            for path in [at("pages"), at("")].into_iter().flatten() {
                if let Some(target) = self.find(&path) {
                    if let Target::Entity(e) = target {
                        self.check_anchor(e, link, file, budget, diags);
                    }
                    return Some(target);
                }
            }
            if let Some(e) = self.site_page(from_root) {
                diags
                    .report(Code::AbsoluteLink, file, link.pos, format!("{noun} to {:?} is absolute from the site root and breaks when the handbook is published under a sub-path", link.dest))
                    .hint(format!("write it relative to this file: {}", self.relative_to(file, e)));
                return None;
            }
            let wanted = at("pages").unwrap_or_default();
            let known = || {
                self.by_path.keys().map(String::as_str).chain(self.statics.keys().copied()).filter(|k| *k != file.rel)
            };
            let hint = match budget.nearest(&wanted, known) {
                Some(c) => format!("did you mean {}? (from this file: {})", c, self.relative_path(file, c)),
                None => "a link from the root is read from pages/; check the path".into(),
            };
            diags
                .report(Code::BrokenLink, file, link.pos, format!("broken {noun}: {wanted} does not exist"))
                .hint(hint);
            return None;
        }
        let Some(path) = join(&file.rel, &link.dest) else {
            diags
                .report(Code::BrokenLink, file, link.pos, format!("{noun} {:?} leads outside the handbook", link.dest))
                .hint("link only to files inside the handbook; put shared files under static/");
            return None;
        };
        if let Some(published) = self.statics.get(path.as_str()) {
            return Some(Target::Static(published.to_string()));
        }
        if link.kind == LinkKind::Image {
            let hint = match budget.nearest(&path, || self.statics.keys().copied()) {
                Some(c) if same_but_normalisation(&path, c) => normalisation_hint("the file", c, &path),
                Some(c) => format!("did you mean {c}?"),
                None => "add the image beside the page or under static/, or fix the path".into(),
            };
            diags.report(Code::BrokenLink, file, link.pos, format!("broken image: {path} does not exist")).hint(hint);
            return None;
        }
        if let Some(target) = self
            .by_path
            .get(&path)
            .map(|&e| Target::Entity(e))
            .or_else(|| self.folder(&path))
            .or_else(|| self.by_slug(&path))
        {
            if let Target::Entity(e) = target {
                self.check_anchor(e, link, file, budget, diags);
            }
            return Some(target);
        }
        if path.strip_prefix("pages/").and_then(|p| p.strip_suffix(".md")).is_some_and(|p| self.names.is_draft(p)) {
            self.names.report(file, link.pos, &format!("link to {path}"), Miss::Draft, diags);
            return None;
        }
        let known = || self.by_path.keys().map(String::as_str).chain(self.statics.keys().copied());
        let hint = match self.read_as_folder_address(file, &link.dest) {
            // Written for a site where this page's address is a folder (`/x/y/`).
            Some(e) => format!(
                "links here are relative to the file, not to the page's address on the old site: write {}",
                self.relative_to(file, e)
            ),
            None => match budget.nearest(&path, known) {
                Some(c) if same_but_normalisation(&path, c) => normalisation_hint("the file", c, &path),
                Some(c) => format!("did you mean {c}?"),
                None => "links are relative to this file; check the path, or use a wiki link [[id]]".into(),
            },
        };
        diags.report(Code::BrokenLink, file, link.pos, format!("broken link: {path} does not exist")).hint(hint);
        None
    }

    /// `[[ledger:people/ana]]`: a page of another team. Opened alone, a
    /// team cannot see the other's pages: the link goes where that page
    /// would be published (beside this team's site when it has a
    /// `base_url`, as a department publishes its teams), with a warning. A
    /// department drops the warning and checks the link itself.
    fn team_link(&self, file: &SourceFile, link: &Link, diags: &mut Diagnostics) -> Option<Target> {
        let (team, id) = TeamLink::parse(&link.dest)?;
        let url = guessed_url(id);
        let absolute = self.hb.config.base_url.as_deref().map(|base| {
            let parent = base.trim_end_matches('/').rsplit_once('/').map_or(base, |(p, _)| p);
            format!("{parent}/{team}/{url}")
        });
        let lands = absolute.clone().unwrap_or_else(|| format!("../{team}/{url}, beside this site"));
        diags
            .report(
                Code::TeamLink,
                file,
                link.pos,
                format!("[[{}]] names a page of team {team:?}, which this handbook alone cannot check", link.dest),
            )
            .hint(format!("it links to {lands}; build the department to check it"));
        Some(Target::Team(Box::new(TeamLink {
            team: team.to_string(),
            id: id.to_string(),
            url,
            absolute,
            title: None,
        })))
    }

    /// What a path of the handbook (`pages/tools/x.md`) is published as.
    fn find(&self, path: &str) -> Option<Target> {
        if let Some(published) = self.statics.get(path) {
            return Some(Target::Static(published.to_string()));
        }
        self.by_path.get(path).map(|&e| Target::Entity(e)).or_else(|| self.folder(path)).or_else(|| self.by_slug(path))
    }

    /// A page linked by its slug (`board-games.md` for `Board games.md`), or
    /// by its name in another Unicode form or case.
    fn by_slug(&self, path: &str) -> Option<Target> {
        let stem = path.strip_prefix("pages/")?.strip_suffix(".md")?;
        self.slugs.get(&format!("pages/{}.md", urls::slug_path(stem))).map(|&e| Target::Entity(e))
    }

    /// Links to folders and to ownership.toml stand for the pages made of
    /// them; the handbook's root and `pages/` for the home page.
    fn folder(&self, path: &str) -> Option<Target> {
        let path = path.trim_end_matches('/');
        if path == crate::model::OWNERSHIP_FILE {
            return Some(Target::Entity(Entity::Index(Index::Ownership)));
        }
        // (By name first: whether the handbook has the index costs more.)
        if let Some(ix) =
            Index::ALL.into_iter().find(|ix| ix.name() == path).filter(|&ix| self.hb.indexes().any(|i| i == ix))
        {
            return Some(Target::Entity(Entity::Index(ix)));
        }
        if let Some(&e) = self.folders.get(path) {
            return Some(Target::Entity(e));
        }
        let slugged = path.strip_prefix("pages/").map(|rest| format!("pages/{}", urls::slug_path(rest)));
        if let Some(&e) = slugged.and_then(|s| self.folders.get(&s)) {
            return Some(Target::Entity(e));
        }
        (path.is_empty() || path == "pages").then_some(Target::Home)
    }

    fn check_anchor(
        &self,
        target: Entity,
        link: &Link,
        file: &SourceFile,
        budget: &mut Budget,
        diags: &mut Diagnostics,
    ) {
        let (Some(anchor), Some(body)) = (&link.anchor, super::anchor_body(self.hb, target)) else {
            return;
        };
        if !body.has_anchor(anchor) {
            let ids = || body.headings.iter().map(|h| h.id.as_str());
            let hint = match budget.nearest(anchor, ids) {
                Some(c) if same_but_normalisation(anchor, c) => {
                    normalisation_hint("the heading", &format!("#{c}"), &format!("#{anchor}"))
                }
                Some(c) => format!("did you mean #{c}?"),
                None if body.headings.is_empty() => "that page has no headings".to_string(),
                None => format!("its headings are #{}", ids().take(8).collect::<Vec<_>>().join(", #")),
            };
            let page = self.hb.origin(target).map_or_else(String::new, |(f, _)| self.hb.file(f).rel.clone());
            diags.report(Code::BrokenAnchor, file, link.pos, format!("no heading #{anchor} in {page}")).hint(hint);
        }
    }

    /// What a link means when read from the page's address on a site that
    /// gives every page a folder (`pages/a/b.md` at `/a/b/`), as Jekyll,
    /// Hugo and Eleventy do: `../c/` from there is `pages/a/c`.
    fn read_as_folder_address(&self, file: &SourceFile, dest: &str) -> Option<Entity> {
        let stem = file.rel.strip_suffix(".md")?;
        let path = join(&format!("{stem}/index"), dest)?;
        let path = path.trim_end_matches('/');
        self.by_path.get(&format!("{path}.md")).copied().or_else(|| match self.folder(path)? {
            Target::Entity(e) => Some(e),
            _ => None,
        })
    }

    /// The page at a path of the site as another generator wrote it
    /// (`/tools/software/`, `tools/software.html`), or at one of its aliases.
    fn site_page(&self, path: &str) -> Option<Entity> {
        let site = self.site.get_or_init(|| {
            let mut site = HashMap::new();
            for e in urls::all_pages(self.hb) {
                site.insert(urls::page(self.hb, e), e);
                for alias in self.hb.aliases(e) {
                    site.extend(urls::alias_file(self.hb, e, &alias.value).map(|file| (file, e)));
                }
            }
            site
        });
        let path = path.split(['#', '?']).next().unwrap_or(path).trim_matches('/');
        let candidates = [
            format!("{path}.html"),
            format!("{path}/index.html"),
            path.strip_suffix(".html").map_or_else(String::new, |p| format!("{p}.html")),
        ];
        let home = path.is_empty().then_some(urls::HOME.to_string());
        candidates.iter().chain(home.iter()).find_map(|c| site.get(c).copied())
    }

    /// How `file` links to the file behind `e`, relative to it (what works
    /// on GitHub too); the page's address when it has no file.
    fn relative_to(&self, file: &SourceFile, e: Entity) -> String {
        let target = match (self.hb.origin(e), e) {
            (Some((f, _)), _) => self.hb.file(f).rel.clone(),
            // A folder's page that teambook made: link to the folder.
            (None, Entity::Page(i)) => format!("pages/{}/", self.hb.pages[i].path),
            (None, _) => return urls::page(self.hb, e),
        };
        self.relative_path(file, &target)
    }

    /// How `file` links to the handbook's file at `target`, relative to it.
    fn relative_path(&self, file: &SourceFile, target: &str) -> String {
        let from: Vec<&str> = file.rel.split('/').collect();
        let to: Vec<&str> = target.split('/').collect();
        let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
        let ups = from.len().saturating_sub(common + 1);
        let mut parts: Vec<&str> = vec![".."; ups];
        parts.extend(&to[common..]);
        parts.join("/")
    }
}

/// A template tag written as a link: `{% page "/about/" %}`, `{{< ref "x" >}}`,
/// `{{ site.baseurl }}/x`.
struct Tag<'a> {
    written: &'a str,
    /// The path it names, from the site's root, if it names one.
    path: &'a str,
}

fn template_tag(dest: &str) -> Option<Tag<'_>> {
    if !(dest.contains("{%") || dest.contains("{{")) {
        return None;
    }
    let quoted = dest.split(['"', '\'']).nth(1);
    let after_tag = dest.rsplit(['}']).next().filter(|rest| !rest.is_empty());
    let path = quoted.or(after_tag).unwrap_or("").trim_start_matches('/');
    Some(Tag { written: dest, path })
}

/// Resolves the links of every body, each with its own problems, merged in order.
pub(super) fn resolve_links(
    hb: &mut Handbook,
    names: &Names,
    by_path: &HashMap<String, Entity>,
    diags: &mut Diagnostics,
) {
    let resolved: Vec<(Entity, usize, Target)> = {
        let cx = LinkContext::new(hb, names, by_path);
        let all = bodies(hb);
        let per_body: Vec<(Vec<_>, Vec<_>)> = all
            .par_iter()
            .map(|&(source, file, body)| {
                let mut found = Diagnostics::default();
                let mut budget = Budget::default();
                let targets = body
                    .links
                    .iter()
                    .enumerate()
                    .filter_map(|(i, link)| {
                        Some((source, i, cx.resolve(source, hb.file(file), link, &mut budget, &mut found)?))
                    })
                    .collect();
                (targets, found.take())
            })
            .collect();
        let mut out = Vec::new();
        for (targets, found) in per_body {
            out.extend(targets);
            diags.extend(found);
        }
        out
    };
    for (source, i, target) in resolved {
        if let Target::Entity(e) = target
            && e != source
        {
            hb.linked_from.entry(e).or_default().push(source);
        }
        if let Some(body) = body_mut(hb, source) {
            body.links[i].to = Some(target);
        }
    }
    hb.linked_from.values_mut().for_each(tidy);
}

/// Joins a link to the folder of the file it is written in; `None` if it leaves the root.
fn join(from_file: &str, dest: &str) -> Option<String> {
    let mut folder: Vec<&str> = from_file.split('/').collect();
    folder.pop();
    crate::urls::join_segments(folder, dest)
}

/// Where another team publishes the page of `id` (`people/ana` →
/// `people/ana.html`, `pages/Fraud playbook` → `fraud-playbook.html`), as
/// far as the id alone tells; a bare id could be of any kind: its team's home.
fn guessed_url(id: &str) -> String {
    match id.split_once('/') {
        Some(("pages", rest)) => urls::published_file(&urls::slug_path(rest)),
        Some((folder, rest)) if ANY.iter().any(|k| k.folder() == folder) => format!("{folder}/{rest}.html"),
        _ => urls::HOME.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{join, template_tag};

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("pages/guides/a.md", "../../people/mitra.md").as_deref(), Some("people/mitra.md"));
        assert_eq!(join("pages/a.md", "./b.md").as_deref(), Some("pages/b.md"));
        assert_eq!(join("pages/a.md", "../../x.md"), None);
    }

    #[test]
    fn finds_the_path_a_template_tag_names() {
        assert_eq!(template_tag("{% page \"/travel/leave/\" %}").map(|t| t.path), Some("travel/leave/"));
        assert_eq!(template_tag("{{ site.baseurl }}/tools/").map(|t| t.path), Some("tools/"));
        assert_eq!(template_tag("{{< ref \"about.md\" >}}").map(|t| t.path), Some("about.md"));
        assert!(template_tag("../about.md").is_none());
    }
}
