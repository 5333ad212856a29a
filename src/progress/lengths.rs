//! The length of each member's current analysis draft, counted once per
//! version of the material instead of after every edit to anything.
//!
//! Counting 500 drafts of 3,000–5,000 characters was most of what the
//! checklist and the 分析评议 gate cost after an edit (16 ms at 500
//! members), though one edit changes at most one draft. A material is a
//! [`Shared`] part of the ledger, so its count is remembered by its
//! allocation, the way the store remembers the text of each part
//! (`store::render`). The memo cannot answer with a stale count:
//!
//! - it holds a [`Weak`] to every allocation it counted. While a weak
//!   reference exists, [`Arc::make_mut`] — the only way a [`Shared`] hands
//!   out `&mut` — never changes the value where it lies: with other strong
//!   references it copies it, with only weak ones it moves it to a new
//!   allocation. A changed material therefore has a new address and is
//!   counted afresh;
//! - an address is not reused while a weak reference to its allocation
//!   lives, so an entry never answers for another material.
//!
//! Entries whose material no copy of the ledger holds any more (undo steps
//! dropped, a ledger closed) are swept out as the memo grows. The memo is
//! one for the process: every copy of a ledger (undo steps, the autosave's,
//! the window's and the command line's) shares the counts of the
//! materials they share.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex, PoisonError, Weak};

use crate::model::Shared;
use crate::model::analysis::Analysis;

/// Counts by the address of the material's allocation.
type Memo = HashMap<usize, (Weak<Analysis>, u32)>;

/// The memo, and the entries it had after its last sweep.
static MEMO: LazyLock<Mutex<(Memo, usize)>> = LazyLock::new(|| Mutex::new((Memo::new(), 0)));

/// A sweep runs when the memo holds this many entries more than after the
/// last one, so that sweeping stays a small part of the counting.
const SWEEP_AFTER: usize = 1024;

/// Characters of the material's current draft, as [`Analysis::chars`]
/// counts them; counted once for each version of the material.
pub fn analysis_chars(analysis: &Shared<Analysis>) -> u32 {
    let arc = analysis.arc();
    let address = Arc::as_ptr(arc) as usize;
    // A panic elsewhere while the lock was held leaves whole entries only
    // (an insert or a sweep either happened or did not): still sound.
    if let Some(&(_, chars)) = lock().0.get(&address) {
        return chars;
    }
    // Counted without the lock, so that threads counting other ledgers'
    // materials do not wait for each other.
    let chars = analysis.chars();
    let mut memo = lock();
    let (entries, after_sweep) = &mut *memo;
    entries.insert(address, (Arc::downgrade(arc), chars));
    if entries.len() >= *after_sweep + SWEEP_AFTER {
        entries.retain(|_, (weak, _)| weak.strong_count() > 0);
        *after_sweep = entries.len();
    }
    chars
}

fn lock() -> std::sync::MutexGuard<'static, (Memo, usize)> {
    MEMO.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::analysis::Revision;
    use crate::model::{AnalysisId, MemberId};

    fn material(opening: &str) -> Shared<Analysis> {
        let mut revision = Revision::default();
        revision.parts.opening = opening.to_owned();
        Analysis {
            id: AnalysisId(1),
            member: MemberId(1),
            revisions: vec![revision],
            ..Analysis::default()
        }
        .into()
    }

    #[test]
    fn a_draft_changed_in_place_is_counted_again() {
        // The only copy of the material: `make_mut` would change it where
        // it lies, were it not for the memo's weak reference.
        let mut analysis = material("对照党章找差距");
        assert_eq!(analysis_chars(&analysis), 7);
        let before = Arc::as_ptr(analysis.arc());
        analysis.revisions[0].parts.opening.push_str("，查摆问题");
        assert_ne!(Arc::as_ptr(analysis.arc()), before, "moved, not changed in place");
        assert_eq!(analysis_chars(&analysis), analysis.chars());
        assert_eq!(analysis_chars(&analysis), 12);
        // The same bytes' length, the same buffer, one character fewer
        // counted: what a check of the text's address or length would miss.
        let opening = &mut analysis.revisions[0].parts.opening;
        let comma = opening.find('，').expect("the comma typed above");
        opening.replace_range(comma..comma + '，'.len_utf8(), "\u{3000}");
        assert_eq!(analysis_chars(&analysis), 11);
        assert_eq!(analysis_chars(&analysis), analysis.chars());
    }

    #[test]
    fn a_copy_shares_the_count_until_either_changes() {
        let first = material("学习党章");
        let mut copy = first.clone();
        assert_eq!(analysis_chars(&first), 4);
        assert_eq!(analysis_chars(&copy), 4);
        copy.revisions.push(Revision::default());
        copy.revisions[1].text = "新的一稿，写得更长一些".to_owned();
        assert_eq!(analysis_chars(&copy), copy.chars());
        assert_eq!(analysis_chars(&copy), 11);
        assert_eq!(analysis_chars(&first), 4, "the undo step's copy kept its own count");
    }

    #[test]
    fn counts_stay_right_through_many_edits_and_sweeps() {
        let mut analysis = material("");
        let mut kept = Vec::new();
        for i in 0..(2 * SWEEP_AFTER + 1) {
            analysis.revisions[0].parts.opening.push('字');
            if i % 7 == 0 {
                analysis.revisions[0].parts.opening.push(' ');
            }
            if i % 100 == 0 {
                kept.push(analysis.clone());
            }
            assert_eq!(analysis_chars(&analysis), analysis.chars());
        }
        for old in &kept {
            assert_eq!(analysis_chars(old), old.chars(), "a kept copy survives the sweeps");
        }
    }
}
