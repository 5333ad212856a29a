//! Memory held by undo: 100 edits through the window's own `Document`
//! (by turns: an attendance mark, a member's phone number, a new draft of a
//! member's analysis), at 60 and 600 members. Every undo step keeps the
//! records as they were; with shared parts a step keeps only the parts its
//! edit changed. Prints the heap memory the 100 steps hold (counted by a
//! counting allocator: bytes allocated and not freed), against what one
//! whole copy of the records takes (what each step cost before the records
//! were shared).
//!
//!     cargo bench --bench undo

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use zhibu::edit::{AppraisalCommand, Command, Document, StudyCommand};
use zhibu::model::Date;
use zhibu::model::analysis::Revision;
use zhibu::model::study::Attendance;

const EDITS: usize = 100;

/// The system allocator, counting the bytes in use.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; only
// a counter is kept beside it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's layout, as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        IN_USE.fetch_add(new_size, Ordering::Relaxed);
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `dealloc`, and the caller's new size.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap bytes in use, in MB.
fn in_use_mb() -> f64 {
    IN_USE.load(Ordering::Relaxed) as f64 / 1e6
}

fn edit(doc: &Document, round: usize) -> Command {
    let ledger = &doc.ledger;
    let n = round / 3;
    match round % 3 {
        0 => {
            let session = &ledger.study.sessions[n % ledger.study.sessions.len()];
            let member = ledger.members[n % ledger.members.len()].id;
            let attendance = match session.attendance.get(&member) {
                Some(Attendance::Present) => Attendance::Absent,
                _ => Attendance::Present,
            };
            StudyCommand::SetAttendance {
                session: session.id,
                member,
                attendance,
            }
            .into()
        }
        1 => {
            let mut member = ledger.members[n % ledger.members.len()].clone();
            member.phone = format!("1390000{round:04}");
            Command::UpdateMember(member)
        }
        _ => {
            let analysis = ledger
                .analyses
                .iter()
                .cycle()
                .skip(n)
                .find(|a| !a.revisions.is_empty())
                .expect("the demo has drafts");
            let mut revision: Revision = analysis.revisions.last().cloned().unwrap_or_default();
            revision.text.push_str("修改：补充了联系群众方面的问题和整改措施。");
            Command::Appraisal(AppraisalCommand::SaveRevision {
                member: analysis.member,
                revision,
            })
        }
    }
}

fn main() {
    let today = Date::constant(2026, 11, 24);
    for members in [60usize, 600] {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("支部台账.ron");
        let ledger = zhibu::demo::demo_ledger(members, today);
        let text = zhibu::store::to_text(&ledger, 1).expect("text");
        let mut doc = Document::create(&path, ledger).expect("create");
        let start = in_use_mb();
        let mut refused = 0;
        for round in 0..EDITS {
            let command = edit(&doc, round);
            if doc.apply(command, round as f64).is_err() {
                refused += 1;
            }
        }
        // Autosaves are not run here (no tick), so nothing else holds memory.
        let after_edits = in_use_mb();
        // One whole copy, as every step was before: the records read back
        // from their own text share nothing with the open ones.
        let copy = zhibu::store::from_text(&text, &path).expect("parse").ledger;
        let after_copy = in_use_mb();
        drop(copy);
        let steps = EDITS - refused;
        println!(
            "undo, {members} members: {steps} edits kept for undo hold {:.2} MB ({:.3} MB a step); \
             one whole copy of the records is {:.1} MB, so {steps} whole copies would be about {:.0} MB",
            after_edits - start,
            (after_edits - start) / steps.max(1) as f64,
            after_copy - after_edits,
            (after_copy - after_edits) * steps as f64
        );
        if refused > 0 {
            println!("  ({refused} of the edits were refused by the rules and kept nothing)");
        }
        drop(doc);
    }
}
