//! Every kind of problem has a stable code (`broken-link`), so that CI
//! annotations, editors and scripts can tell problems apart without parsing
//! messages. The table here is the one the README documents; a test keeps
//! them equal. A code's severity is part of it: a warning is always a
//! warning (an error under `--strict`).

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $summary:literal;)*) => {
        /// What kind of problem a diagnostic is.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            /// The stable name: `broken-link`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            pub fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// One line on what the code means, for the README's table.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    // Files and syntax
    Syntax = "syntax", Error, "TOML, YAML or JSON that cannot be parsed";
    FrontMatter = "front-matter", Error, "front matter that is never closed, does not start on the first line, or is in a format teambook does not read";
    NotUtf8 = "not-utf8", Error, "a file that is not UTF-8";
    Unreadable = "unreadable", Error, "a file or folder that cannot be read";
    Symlink = "symlink", Error, "a symlink that leads outside the handbook or loops";
    MisplacedFile = "misplaced-file", Error, "a file where teambook cannot use it, such as two index pages in one folder";
    InvalidFileName = "invalid-file-name", Error, "a file or folder whose name holds a control character (a newline, a tab) or a `:`";
    IgnoredFile = "ignored-file", Warning, "a file or folder teambook does not read";
    DepartmentTeam = "department-team", Error, "a department's team that is missing, listed twice, not a handbook, or itself a department";
    // Fields
    MissingField = "missing-field", Error, "a required field that is missing or empty";
    WrongType = "wrong-type", Error, "a field of the wrong type";
    UnknownKey = "unknown-key", Warning, "a key teambook does not know (a typo, or a foreign key to list in `extra_keys`)";
    InvalidDate = "invalid-date", Error, "a date that is not a day on the calendar, has a time, or lies outside 1900-2200";
    InvalidTime = "invalid-time", Error, "a time of day that is not HH:MM on a 24-hour clock";
    InvalidDuration = "invalid-duration", Error, "a duration that cannot be read or is not positive";
    UnknownTimeZone = "unknown-time-zone", Error, "a time zone that is not an IANA name";
    InvalidValue = "invalid-value", Error, "a value outside the ones a field accepts (a status, a number out of range, an empty name)";
    InvalidBaseUrl = "invalid-base-url", Error, "a `base_url` that is not an absolute http(s) address";
    InvalidUrl = "invalid-url", Error, "an address the site links to (`[repo] url`, `agenda_doc`, a person's `links`, a goal's `parent`, ...) that is not an absolute http(s) address, or an email address that is not one";
    InvalidStages = "invalid-stages", Error, "a board stage that is empty or listed twice";
    UnknownStage = "unknown-stage", Error, "a project stage that is not one of the board's stages";
    InvalidSchedule = "invalid-schedule", Error, "a cadence, weekday or date range that cannot make a schedule";
    InvalidRrule = "invalid-rrule", Error, "an RFC 5545 recurrence rule that cannot be read";
    // Ids and links
    InvalidId = "invalid-id", Error, "an id with characters that do not belong in a URL, or an empty one";
    DuplicateId = "duplicate-id", Error, "two things of one kind with the same id";
    UnknownId = "unknown-id", Error, "an id that names nothing, or nothing of the kind the field accepts";
    AmbiguousId = "ambiguous-id", Error, "an id that names several things";
    LinkToDraft = "link-to-draft", Error, "a link to a draft page, which is left out of the build";
    TeamLink = "team-link", Warning, "a link to another team's page (`[[ledger:people/ana]]`) in a team built alone, which cannot check it";
    BrokenLink = "broken-link", Error, "a wiki link, relative link or image that leads nowhere";
    BrokenAnchor = "broken-anchor", Error, "a link to a heading that does not exist";
    ScriptLink = "script-link", Error, "a Markdown link or image whose address runs code (`javascript:`, `vbscript:`, `data:` but for an image)";
    AbsoluteLink = "absolute-link", Warning, "a link from the site root, which breaks under a sub-path";
    UnwrittenNote = "unwritten-note", Warning, "a wiki link to a note never written, shown as plain text (`unwritten_notes = \"text\"`)";
    TemplateTag = "template-tag", Warning, "a template tag of another generator in a page's text (`{% hint %}`), which teambook does not run";
    OutputCollision = "output-collision", Error, "two things written to the same output path";
    FolderMoved = "folder-moved", Warning, "a top folder of `pages/` named like one of teambook's own sections (`Projects/`), published under `pages/` instead";
    OutputNameTooLong = "output-name-too-long", Error, "an output file name over 255 bytes, which file systems refuse";
    ManagerLoop = "manager-loop", Error, "a `manager` chain that comes back to where it started";
    SupersedesLoop = "supersedes-loop", Error, "a decision that supersedes itself, directly or through others";
    SupersedesInconsistent = "supersedes-inconsistent", Error, "a decision replaced by an accepted one but not `superseded`, or `superseded` with nothing accepted replacing it";
    ReviewInFuture = "review-in-future", Error, "an area or the team card `reviewed` on a day after today";
    // Duties
    DutyMemberLeft = "duty-member-left", Error, "someone in a duty's pool who has left, or who leaves during a turn the schedule gives them";
    OverrideOutsideTurn = "override-outside-turn", Error, "a duty's override that is not within a turn of its `instead_of`";
    OverridesOverlap = "overrides-overlap", Error, "two overrides of a duty that cover the same time";
    DutiesOverlap = "duties-overlap", Warning, "someone on two duties at once in the next quarter";
    FirstTurnTooSoon = "first-turn-too-soon", Warning, "a turn on duty before `onboard_after` has passed since the person joined";
    UnfairShare = "unfair-share", Warning, "someone on a duty for over 1.5 times the pool's mean share of the next quarter";
    // 1:1s
    NoOneOnOne = "no-one-on-one", Warning, "a report without a 1:1 with their manager in `one_on_ones.toml`";
    OneOnOneTooRare = "one-on-one-too-rare", Warning, "a 1:1 with a manager or co-lead less often than the policy's `minimum`";
    NewJoinerOneOnOnes = "new-joiner-one-on-ones", Warning, "a new joiner meeting their manager less often than `new_joiners` asks in their first days";
    CoLeadsNeverMeet = "co-leads-never-meet", Warning, "co-leads with neither a 1:1 nor a ceremony they both attend";
    PairWithAlumnus = "pair-with-alumnus", Warning, "a written 1:1 pair with someone who has left";
    DuplicatePair = "duplicate-pair", Error, "the same 1:1 pair written twice in `one_on_ones.toml`";
    OneOnOneClash = "one-on-one-clash", Warning, "a 1:1 at the same time as a ceremony one of the two attends";
    // The handbook as a whole
    NoOwner = "no-owner", Warning, "an area with no owner";
    NoDecisionRule = "no-decision-rule", Warning, "an area with several owners and no decision rule";
    UnheldRole = "unheld-role", Warning, "a role nobody on the team holds";
    NoFacilitator = "no-facilitator", Warning, "a ceremony with no facilitator";
    AgendaTooLong = "agenda-too-long", Warning, "an agenda longer than its ceremony";
    NotInCalendar = "not-in-calendar", Warning, "a ceremony with a `time` that cannot be placed in calendars";
    NeverMeets = "never-meets", Warning, "a schedule that gives no meeting: a rule no day matches, an end before the first meeting, every meeting skipped";
    SkipNotAMeeting = "skip-not-a-meeting", Warning, "a `skip` date that is not a meeting of its ceremony";
    MeetingsOverlap = "meetings-overlap", Warning, "a meeting longer than the time from one meeting to the next";
    ZoneAbbreviation = "zone-abbreviation", Warning, "a time zone written as an abbreviation (`EST`, `CET`) rather than a place";
    AlumnusInvolved = "alumnus-involved", Warning, "someone who left and still owns, facilitates or attends something";
    ReviewOverdue = "review-overdue", Warning, "a page past its `review_by` date";
    OwnershipReviewDue = "ownership-review-due", Warning, "an area whose ownership was never reviewed, or not within `review_every`";
    ApproverNotOwner = "approver-not-owner", Warning, "a decision's approver who owned none of its areas, on its date or now";
    DecisionReviewOverdue = "decision-review-overdue", Warning, "a proposed decision past its `review_by` date";
    NoImpact = "no-impact", Warning, "a project that states no impact";
    TargetNotInHistory = "target-not-in-history", Warning, "a project's `target` that differs from the last target its `[[history]]` set";
    MissingAltText = "missing-alt-text", Warning, "an image without alt text";
    // Goals and the weekly cadence
    UnknownKeyResult = "unknown-key-result", Error, "a project's `key_results` naming no key result";
    CheckInOutsidePeriod = "check-in-outside-period", Error, "a key-result check-in dated outside its objective's period";
    CheckInInFuture = "check-in-in-future", Warning, "a key-result check-in dated after today";
    CheckInOutOfOrder = "check-in-out-of-order", Error, "key-result check-ins not listed oldest first";
    NoKeyResults = "no-key-results", Warning, "an objective with no key result";
    UnlinkedKeyResult = "unlinked-key-result", Warning, "a key result of the current period that no project serves";
    StaleCheckIn = "stale-check-in", Warning, "a key result of the current period not checked in for four weeks";
    MissingUpdate = "missing-update", Warning, "a week with no update, between the first update and the last";
    UnmentionedProject = "unmentioned-project", Warning, "a project in flight that no update has mentioned for three weeks";
    // The team card
    NoRunbook = "no-runbook", Warning, "a service of the team card with no runbook";
    InteractionEnded = "interaction-ended", Warning, "an interaction with another team past its `until`: renew it or end it";
    TeamCardReviewDue = "team-card-review-due", Warning, "a team card never reviewed, or not within its `review_every`";
    // Themes
    ThemeNotFound = "theme-not-found", Error, "a `theme` with no folder under themes/";
    Template = "template", Error, "a template that cannot be parsed or fails to render";
    MissingString = "missing-string", Warning, "strings of the theme that the handbook's language has no text for (they show in English)";
}

#[cfg(test)]
mod tests {
    use super::Code;

    /// The README's table of codes is this table: same codes, severities and words.
    #[test]
    fn the_readme_documents_every_code() {
        let readme = include_str!("../../README.md");
        for code in Code::ALL {
            let row = format!("| `{}` | {} | {} |", code.name(), code.severity().name(), code.summary());
            assert!(readme.contains(&row), "README lacks the row {row}");
        }
        let rows = readme
            .lines()
            .filter(|l| l.starts_with("| `") && (l.contains(" | error | ") || l.contains(" | warning | ")))
            .count();
        assert_eq!(rows, Code::ALL.len(), "the README's table has codes that no longer exist");
    }
}
