//! The key results of the handbook by id (unique across all objectives),
//! and the lookups of projects' `key_results` in it. Key results are not
//! pages of their own, so they have a table of their own beside `names`.

use rustc_hash::FxHashMap;

use super::names::valid_id;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::model::{Handbook, KrId, KrRef};
use crate::source::SourceFile;

pub(super) struct KeyResults {
    map: FxHashMap<String, KrId>,
    /// Each objective's id with its key results' ids, for hints.
    objectives: FxHashMap<String, Vec<String>>,
}

impl KeyResults {
    /// Every key result, reporting bad and duplicate ids.
    pub(super) fn build(hb: &Handbook, diags: &mut Diagnostics) -> KeyResults {
        let mut out = KeyResults { map: FxHashMap::default(), objectives: FxHashMap::default() };
        for (g, goal) in hb.goals.iter().enumerate() {
            let file = hb.file(goal.doc.file);
            let ids = goal.key_results.iter().map(|k| k.id.value.clone()).collect();
            out.objectives.insert(goal.doc.id.clone(), ids);
            for (k, kr) in goal.key_results.iter().enumerate() {
                let id = &kr.id;
                if !valid_id(&id.value, false) {
                    diags
                        .report(
                            Code::InvalidId,
                            file,
                            id.span(),
                            format!("key result id {:?} has characters that do not belong in a URL", id.value),
                        )
                        .hint("use letters, digits, `-` and `_`");
                }
                match out.map.get(&id.value) {
                    Some(first) => {
                        let other = &hb.goals[first.goal];
                        let at = &other.key_results[first.kr].id;
                        let (line, col) = hb.file(other.doc.file).line_col(at.pos);
                        diags
                            .report(Code::DuplicateId, file, id.span(), format!("duplicate key result id {:?}", id.value))
                            .hint(format!(
                                "also defined at {}:{line}:{col}; key result ids are unique in the handbook, as projects name them",
                                hb.file(other.doc.file).rel
                            ));
                    }
                    None => {
                        out.map.insert(id.value.clone(), KrId { goal: g, kr: k });
                    }
                }
            }
        }
        out
    }

    /// Looks up a key result a project names.
    pub(super) fn field(&self, file: &SourceFile, r: &mut KrRef, diags: &mut Diagnostics) {
        let id = r.id.value.trim();
        if let Some(&kr) = self.map.get(id) {
            r.to = Some(kr);
            return;
        }
        let hint = match self.objectives.get(id) {
            Some(krs) if !krs.is_empty() => {
                format!("\"{id}\" is an objective: name its key results instead ({})", quoted(krs))
            }
            Some(_) => format!("\"{id}\" is an objective with no key result yet: add one in goals/{id}.md"),
            None => did_you_mean(id, self.map.keys().map(String::as_str)).unwrap_or_else(|| {
                "key results are the `[[key_result]]` tables of goals/*.md, each with its `id`".to_string()
            }),
        };
        diags
            .report(Code::UnknownKeyResult, file, r.id.span(), format!("unknown key result {:?}", r.id.value))
            .hint(hint);
    }
}

fn quoted(ids: &[String]) -> String {
    ids.iter().map(|i| format!("\"{i}\"")).collect::<Vec<_>>().join(", ")
}
