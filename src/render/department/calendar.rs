//! The department's calendar: every team's ceremonies in one feed. Each
//! team's `calendar.ics`, as the team's site already holds it, has its
//! events copied in, their UIDs prefixed with the team (two teams may both have a
//! `daily-standup`), and each time zone is defined once.

use crate::department::Department;
use crate::render::calendar::Ics;
use crate::render::{Content, Site};
use crate::urls;

/// Merges the teams' calendars found in `site` (each at `<team>/calendar.ics`).
pub fn merged(dept: &Department, site: &Site) -> Vec<u8> {
    let name = format!("{} ceremonies", dept.config.title);
    let mut zones: Vec<(String, Vec<String>)> = Vec::new();
    let mut events: Vec<Vec<String>> = Vec::new();
    for team in &dept.teams {
        let Some(Content::Bytes(ics)) = site.files.get(&format!("{}/{}", team.id, urls::CALENDAR)) else { continue };
        let text = String::from_utf8_lossy(ics);
        // Blocks of lines, as the team's calendar writes them (CRLF, folded lines kept).
        let mut block: Option<(&str, Vec<String>)> = None;
        for line in text.split("\r\n") {
            match &mut block {
                None if line == "BEGIN:VTIMEZONE" => block = Some(("VTIMEZONE", vec![line.to_string()])),
                None if line == "BEGIN:VEVENT" => block = Some(("VEVENT", vec![line.to_string()])),
                None => {}
                Some((kind, lines)) => {
                    let end = line.strip_prefix("END:") == Some(*kind);
                    match line.strip_prefix("UID:") {
                        Some(uid) if *kind == "VEVENT" => {
                            // Folded again: the prefix may take it past 75 octets.
                            let mut folded = Ics::default();
                            folded.line(&format!("UID:{}.{uid}", team.id));
                            lines.push(folded.out.trim_end_matches("\r\n").to_string());
                        }
                        _ => lines.push(line.to_string()),
                    }
                    if end {
                        let (kind, lines) = block.take().unwrap_or_default();
                        if kind == "VTIMEZONE" {
                            let tzid = lines.iter().find(|l| l.starts_with("TZID:")).cloned().unwrap_or_default();
                            if !zones.iter().any(|(z, _)| *z == tzid) {
                                zones.push((tzid, lines));
                            }
                        } else {
                            events.push(lines);
                        }
                    }
                }
            }
        }
    }
    let mut ics = Ics::open(&name, None);
    for block in zones.into_iter().map(|(_, lines)| lines).chain(events) {
        // Copied as written: already folded, so not folded again.
        for line in block {
            ics.out.push_str(&line);
            ics.out.push_str("\r\n");
        }
    }
    ics.line("END:VCALENDAR");
    ics.out.into_bytes()
}
