//! Each member's class hours (学时), the arithmetic of the 40-hour rule.
//!
//! A member's hours are the hours of the sessions they attended plus the
//! hours credited by make-up study (补学). The rules, decided once here:
//!
//! - Only sessions held while the person was a member count, either way: a
//!   member who joined late owes nothing for the sessions before, and their
//!   requirement shrinks by those hours; a member who transferred out stops
//!   counting on the day they left.
//! - A make-up that names the missed sessions it covers is credited at most
//!   the hours of those sessions, and a session already covered by an
//!   earlier make-up adds nothing: the same missed session never counts
//!   twice. A make-up that names no session (extra study, materials mailed
//!   to a member away from home) is credited in full.
//! - A session with no attendance recorded for an active member counts as
//!   neither attended nor missed; the screens list it as 未登记.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError, Weak};

use crate::model::study::{Exemption, MakeUp, Session};
use crate::model::{Date, Ledger, MakeUpId, Member, MemberId, SessionId};
use crate::progress::roll::Roll;

/// One member's hours and what stands behind them.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberHours {
    pub member: MemberId,
    /// Hours of the sessions attended.
    pub attended: f64,
    /// Hours credited by make-up study.
    pub made_up: f64,
    /// Hours of the sessions missed (on leave or absent).
    pub missed: f64,
    /// Missed sessions no make-up covers yet, oldest first.
    pub owed: Vec<SessionId>,
    /// Sessions held while a member with no attendance recorded.
    pub unrecorded: Vec<SessionId>,
    /// Hours of sessions held while the person was not a member.
    pub not_member: f64,
    /// The hours this member needs.
    pub required: f64,
    /// Excused from study (免学), with the reason on record.
    pub exempt: bool,
    /// What each of the member's make-ups was credited.
    pub credits: Vec<(MakeUpId, f64)>,
}

impl MemberHours {
    /// Attended plus made up.
    pub fn total(&self) -> f64 {
        self.attended + self.made_up
    }

    /// Hours still missing; none for an exempt member.
    pub fn shortfall(&self) -> f64 {
        if self.exempt {
            0.0
        } else {
            (self.required - self.total()).max(0.0)
        }
    }

    /// Whether the requirement is met (or the member is excused).
    pub fn met(&self) -> bool {
        self.shortfall() == 0.0
    }
}

/// The hours of every member on the roster (including those who left), in
/// roster order.
///
/// After an edit the window asks for these three times (the checklist,
/// the 学习动员 gate, 学时统计), and most edits touch neither the roster nor
/// the study records; so the last answer is kept with what it was worked
/// out from ([`Memo`]) and handed out again while that is unchanged. After
/// an attendance mark only the members whose standing at a session changed
/// are worked out again.
pub fn hours_of_all(ledger: &Ledger) -> Vec<MemberHours> {
    // A panic elsewhere while the lock was held leaves a whole memo or
    // none: still sound.
    let lock = || LAST.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(memo) = lock().as_ref()
        && memo.answers(ledger)
    {
        return memo.hours.clone();
    }
    // The memo is taken out while it is worked on, so that another thread
    // meanwhile works its own out rather than wait.
    let last = lock().take();
    let memo = match last {
        Some(memo) if memo.same_but_sessions(ledger) => memo.after_sessions_changed(ledger),
        _ => Memo::work_out(ledger, &HashMap::new()),
    };
    let hours = memo.hours.clone();
    *lock() = Some(memo);
    hours
}

/// Where a member stood at one session: a session's column of these, one
/// per member in roster order, is what the walk reads of its marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Not a member on the session's day.
    NotMember,
    Unrecorded,
    Missed,
    Attended,
}

/// What of a session its hours depend on besides its marks.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SessionKey {
    id: SessionId,
    date: Date,
    hours: f64,
}

impl SessionKey {
    fn of(session: &Session) -> Self {
        Self {
            id: session.id,
            date: session.date,
            hours: session.hours,
        }
    }
}

/// The last hours worked out, and the parts of the ledger they came from:
/// the roster, each session, the make-ups (by their allocation, as
/// `progress::lengths` keeps draft lengths), the exemptions and the
/// requirement (by value). A [`Weak`] to each allocation keeps the memo
/// from answering for a changed part: while it lives, [`Arc::make_mut`]
/// (the only way a [`crate::model::Shared`] hands out `&mut`) copies or
/// moves the value to a new allocation rather than change it in place,
/// and the old address is not reused.
struct Memo {
    members: Weak<Vec<Member>>,
    sessions: Vec<Weak<Session>>,
    /// Each session's id, date and hours, in the order of `sessions`.
    keys: Vec<SessionKey>,
    make_ups: Weak<Vec<MakeUp>>,
    exemptions: Vec<Exemption>,
    required: u64,
    hours: Vec<MemberHours>,
    /// Each session's column, in the order of `sessions`.
    columns: Vec<Arc<[Standing]>>,
}

static LAST: Mutex<Option<Memo>> = Mutex::new(None);

impl Memo {
    fn of(ledger: &Ledger, hours: Vec<MemberHours>, columns: Vec<Arc<[Standing]>>) -> Self {
        let study = &ledger.study;
        Self {
            members: Arc::downgrade(ledger.members.arc()),
            sessions: study.sessions.iter().map(|s| Arc::downgrade(s.arc())).collect(),
            keys: study.sessions.iter().map(|s| SessionKey::of(s)).collect(),
            make_ups: Arc::downgrade(study.make_ups.arc()),
            exemptions: study.exemptions.clone(),
            required: ledger.campaign.settings.required_hours.to_bits(),
            hours,
            columns,
        }
    }

    /// The hours worked out, taking the columns of the sessions found in
    /// `reuse` from there and reading the others' marks ([`column_of`]).
    fn work_out(ledger: &Ledger, reuse: &HashMap<*const Session, Arc<[Standing]>>) -> Self {
        let columns = columns(ledger, reuse);
        let hours = Walk::new(ledger, &columns).all();
        Self::of(ledger, hours, columns)
    }

    /// Whether everything but the sessions is what these hours came from,
    /// so that the columns of the sessions still there can be kept.
    fn same_but_sessions(&self, ledger: &Ledger) -> bool {
        std::ptr::eq(self.members.as_ptr(), Arc::as_ptr(ledger.members.arc()))
            && std::ptr::eq(self.make_ups.as_ptr(), Arc::as_ptr(ledger.study.make_ups.arc()))
            && self.required == ledger.campaign.settings.required_hours.to_bits()
            && self.exemptions == ledger.study.exemptions
    }

    /// The hours of `ledger`, whose sessions alone differ from this memo's
    /// ([`Self::same_but_sessions`]). The columns of unchanged sessions
    /// are kept; when the sessions are the same ones on the same days with
    /// the same hours (only marks changed), so are the hours of every
    /// member whose standing at no session changed. At 500 members × 100
    /// sessions, after one mark: see `cargo bench --bench frames -- "hours
    /// of all"`.
    fn after_sessions_changed(self, ledger: &Ledger) -> Self {
        let kept: HashMap<*const Session, Arc<[Standing]>> = self
            .sessions
            .iter()
            .zip(&self.columns)
            .map(|(w, c)| (w.as_ptr(), Arc::clone(c)))
            .collect();
        let columns = columns(ledger, &kept);
        let sessions = &ledger.study.sessions;
        let same_sessions = self.keys.len() == sessions.len()
            && self
                .keys
                .iter()
                .zip(sessions.iter())
                .all(|(k, s)| *k == SessionKey::of(s));
        if !same_sessions {
            let hours = Walk::new(ledger, &columns).all();
            return Self::of(ledger, hours, columns);
        }
        let mut changed = vec![false; ledger.members.len()];
        for (new, old) in columns.iter().zip(&self.columns) {
            if !Arc::ptr_eq(new, old) {
                for (i, (a, b)) in new.iter().zip(old.iter()).enumerate() {
                    changed[i] |= a != b;
                }
            }
        }
        let mut hours = self.hours;
        let walk = Walk::new(ledger, &columns);
        for (i, _) in changed.iter().enumerate().filter(|(_, c)| **c) {
            hours[i] = walk.member(i);
        }
        Self::of(ledger, hours, columns)
    }

    /// Whether `ledger` has the very parts these hours came from.
    fn answers(&self, ledger: &Ledger) -> bool {
        fn same<T>(weak: &Weak<T>, arc: &Arc<T>) -> bool {
            std::ptr::eq(weak.as_ptr(), Arc::as_ptr(arc))
        }
        let study = &ledger.study;
        same(&self.members, ledger.members.arc())
            && same(&self.make_ups, study.make_ups.arc())
            && self.sessions.len() == study.sessions.len()
            && self.sessions.iter().zip(&study.sessions).all(|(w, s)| same(w, s.arc()))
            && self.required == ledger.campaign.settings.required_hours.to_bits()
            && self.exemptions == study.exemptions
    }
}

/// [`hours_of_all`] worked out afresh (the tests' reference).
#[cfg(test)]
fn work_out_hours_of_all(ledger: &Ledger) -> Vec<MemberHours> {
    Memo::work_out(ledger, &HashMap::new()).hours
}

/// Every session's column, in the ledger's order: those found in `reuse`
/// (by the session's allocation) taken from there, the others read from
/// the marks.
fn columns(ledger: &Ledger, reuse: &HashMap<*const Session, Arc<[Standing]>>) -> Vec<Arc<[Standing]>> {
    let mut by_id: Vec<usize> = (0..ledger.members.len()).collect();
    by_id.sort_by_key(|&i| ledger.members[i].id);
    ledger
        .study
        .sessions
        .iter()
        .map(|session| match reuse.get(&Arc::as_ptr(session.arc())) {
            Some(column) if column.len() == ledger.members.len() => Arc::clone(column),
            _ => column_of(ledger, session, &by_id),
        })
        .collect()
}

/// What one member's hours are worked out from: the sessions in the order
/// they were held, their columns, and the make-ups and exemptions by
/// member.
struct Walk<'a> {
    ledger: &'a Ledger,
    columns: &'a [Arc<[Standing]>],
    /// Indices of the sessions, oldest first (by date, then id).
    order: Vec<usize>,
    /// Each member's make-ups, oldest first.
    make_ups: HashMap<MemberId, Vec<&'a MakeUp>>,
    exempt: HashSet<MemberId>,
}

impl<'a> Walk<'a> {
    fn new(ledger: &'a Ledger, columns: &'a [Arc<[Standing]>]) -> Self {
        let sessions = &ledger.study.sessions;
        let mut order: Vec<usize> = (0..sessions.len()).collect();
        order.sort_by_key(|&k| (sessions[k].date, sessions[k].id));
        let mut make_ups: HashMap<MemberId, Vec<&MakeUp>> = HashMap::new();
        for make_up in ledger.study.make_ups.iter() {
            make_ups.entry(make_up.member).or_default().push(make_up);
        }
        for list in make_ups.values_mut() {
            list.sort_by_key(|m| (m.date, m.id));
        }
        Self {
            ledger,
            columns,
            order,
            make_ups,
            exempt: ledger.study.exemptions.iter().map(|e| e.member).collect(),
        }
    }

    /// Every member's hours, in roster order.
    fn all(&self) -> Vec<MemberHours> {
        (0..self.ledger.members.len()).map(|i| self.member(i)).collect()
    }

    /// The hours of the `i`th member of the roster.
    fn member(&self, i: usize) -> MemberHours {
        let sessions = &self.ledger.study.sessions;
        let id = self.ledger.members[i].id;
        let required = self.ledger.campaign.settings.required_hours;
        let mut row = MemberHours {
            member: id,
            attended: 0.0,
            made_up: 0.0,
            missed: 0.0,
            owed: Vec::new(),
            unrecorded: Vec::new(),
            not_member: 0.0,
            required,
            exempt: self.exempt.contains(&id),
            credits: Vec::new(),
        };
        // Missed sessions, oldest first, with their hours.
        let mut missed: Vec<(SessionId, f64)> = Vec::new();
        for &k in &self.order {
            let session = &sessions[k];
            match self.columns[k][i] {
                Standing::NotMember => row.not_member += session.hours,
                Standing::Unrecorded => row.unrecorded.push(session.id),
                Standing::Missed => {
                    row.missed += session.hours;
                    missed.push((session.id, session.hours));
                }
                Standing::Attended => row.attended += session.hours,
            }
        }
        let mut covered: Vec<SessionId> = Vec::new();
        for make_up in self.make_ups.get(&id).into_iter().flatten() {
            let credit = if make_up.covers.is_empty() {
                make_up.hours
            } else {
                let mut open = 0.0;
                for id in &make_up.covers {
                    if let Some((_, hours)) = missed.iter().find(|(s, _)| s == id)
                        && !covered.contains(id)
                    {
                        covered.push(*id);
                        open += hours;
                    }
                }
                make_up.hours.min(open)
            };
            row.made_up += credit;
            row.credits.push((make_up.id, credit));
        }
        row.required = (required - row.not_member).max(0.0);
        row.owed = missed
            .iter()
            .map(|(id, _)| *id)
            .filter(|id| !covered.contains(id))
            .collect();
        row
    }
}

/// Where each member (in roster order) stood at `session`: its attendance
/// map walked once beside the members sorted by id (`by_id`; both are in
/// id order), with no hashing.
fn column_of(ledger: &Ledger, session: &Session, by_id: &[usize]) -> Arc<[Standing]> {
    let mut column = vec![Standing::NotMember; ledger.members.len()];
    let mut marks = session.attendance.iter().peekable();
    for &i in by_id {
        let member = &ledger.members[i];
        while marks.next_if(|(id, _)| **id < member.id).is_some() {}
        let mark = marks.next_if(|(id, _)| **id == member.id).map(|(_, a)| a);
        column[i] = if !member.active_on(session.date) {
            Standing::NotMember
        } else {
            match mark {
                None => Standing::Unrecorded,
                Some(a) if a.missed() => Standing::Missed,
                Some(_) => Standing::Attended,
            }
        };
    }
    column.into()
}

/// One member's hours.
pub fn hours_of(ledger: &Ledger, member: MemberId) -> Option<MemberHours> {
    hours_of_all(ledger).into_iter().find(|h| h.member == member)
}

/// The branch's class-hour figures, of the members on the roll (see
/// [`roll`](super::roll)): what 学时统计 shows above its table, what the
/// summary draft states and what the export carries.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursTally {
    /// Members on the roll.
    pub members: usize,
    /// Of those: requirement met, the excused included (达标).
    pub met: usize,
    /// Of those: excused from study (免学).
    pub exempt: usize,
    /// Average hours of the members who study (not excused); `None` when
    /// nobody does.
    pub average: Option<f64>,
    /// Members who attended a session or made up (参学).
    pub participants: usize,
    /// Members credited with make-up study (补学).
    pub made_up_members: usize,
    /// Make-up hours credited in all.
    pub made_up_hours: f64,
}

/// The tally of `hours` (any member's, in any order: those not on the
/// roll are left out).
pub fn hours_tally(roll: &Roll, hours: &[MemberHours]) -> HoursTally {
    let counted: Vec<&MemberHours> = hours.iter().filter(|h| roll.counts(h.member)).collect();
    let studying: Vec<f64> = counted.iter().filter(|h| !h.exempt).map(|h| h.total()).collect();
    HoursTally {
        members: counted.len(),
        met: counted.iter().filter(|h| h.met()).count(),
        exempt: counted.iter().filter(|h| h.exempt).count(),
        average: (!studying.is_empty()).then(|| studying.iter().sum::<f64>() / studying.len() as f64),
        participants: counted.iter().filter(|h| h.attended > 0.0 || h.made_up > 0.0).count(),
        made_up_members: counted.iter().filter(|h| h.made_up > 0.0).count(),
        made_up_hours: counted.iter().map(|h| h.made_up).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::member::Transfer;
    use crate::model::study::Attendance;
    use crate::model::{Date, MemberId, SessionId};

    #[test]
    fn the_kept_hours_answer_only_while_the_roster_and_study_records_are_unchanged() {
        let mut ledger = ledger();
        let fresh = |l: &Ledger| format!("{:?}", work_out_hours_of_all(l));
        let kept = |l: &Ledger| format!("{:?}", hours_of_all(l));
        assert_eq!(kept(&ledger), fresh(&ledger));
        // A sole copy of a session changed where it lies, were it not for
        // the memo: a mark, then the hours.
        ledger.study.sessions[1]
            .attendance
            .insert(MemberId(2), Attendance::Absent);
        assert_eq!(kept(&ledger), fresh(&ledger));
        assert_eq!(hours_of_all(&ledger)[1].attended, 30.0);
        ledger.study.sessions[2].hours = 4.0;
        assert_eq!(hours_of_all(&ledger)[1].attended, 24.0);
        assert_eq!(kept(&ledger), fresh(&ledger));
        // An undo step's copy and the edited ledger each get their own.
        let before = ledger.clone();
        ledger.members[0].transfer_out = Some(Transfer {
            date: d(12, 5),
            ..Transfer::default()
        });
        assert_eq!(kept(&ledger), fresh(&ledger));
        assert_eq!(kept(&before), fresh(&before));
        assert_ne!(fresh(&ledger), fresh(&before));
        ledger.study.make_ups.push(MakeUp {
            member: MemberId(2),
            hours: 6.0,
            ..MakeUp::default()
        });
        assert_eq!(hours_of_all(&ledger)[1].made_up, 6.0);
        ledger.study.exemptions.push(Exemption {
            member: MemberId(2),
            ..Exemption::default()
        });
        assert!(hours_of_all(&ledger)[1].exempt);
        ledger.campaign.settings.required_hours = 12.0;
        assert_eq!(kept(&ledger), fresh(&ledger));
        // A session taken away, then a new one in its place.
        let last = ledger.study.sessions.pop().expect("a session");
        assert_eq!(kept(&ledger), fresh(&ledger));
        ledger.study.sessions.push(
            Session {
                id: SessionId(99),
                ..(*last).clone()
            }
            .into(),
        );
        assert_eq!(kept(&ledger), fresh(&ledger));
        // Only sessions changed, so the others' columns are kept: a date
        // moved past the day member 1 left, and a mark of someone else.
        ledger.study.sessions[0].date = d(12, 8);
        assert_eq!(kept(&ledger), fresh(&ledger));
        assert_eq!(hours_of_all(&ledger)[0].not_member, 24.0);
        ledger.study.sessions[2]
            .attendance
            .insert(MemberId(2), Attendance::Leave("家中有事".into()));
        assert_eq!(kept(&ledger), fresh(&ledger));
    }

    #[test]
    fn after_marks_alone_the_hours_are_those_worked_out_afresh() {
        let mut ledger = ledger();
        // Member 2's make-up covers session 11: credited only while that
        // session is missed.
        make_up(&mut ledger, 1, 2, 10.0, &[11]);
        let mut memo = Memo::work_out(&ledger, &HashMap::new());
        // One change of marks, then the hours from the memo of before.
        fn step(memo: Memo, ledger: &mut Ledger, change: impl FnOnce(&mut Ledger)) -> Memo {
            change(ledger);
            assert!(memo.same_but_sessions(ledger));
            let memo = memo.after_sessions_changed(ledger);
            assert_eq!(
                format!("{:?}", memo.hours),
                format!("{:?}", work_out_hours_of_all(ledger))
            );
            memo
        }
        memo = step(memo, &mut ledger, |l| mark(l, 11, 2, Attendance::Absent));
        assert_eq!(memo.hours[1].made_up, 10.0);
        memo = step(memo, &mut ledger, |l| mark(l, 11, 2, Attendance::Present));
        assert_eq!(memo.hours[1].made_up, 0.0);
        // Two members at two sessions at once, one mark taken away.
        memo = step(memo, &mut ledger, |l| {
            mark(l, 12, 1, Attendance::Leave("出差".into()));
            mark(l, 10, 2, Attendance::Absent);
            l.study.sessions[3].attendance.remove(&MemberId(1));
        });
        assert_eq!(memo.hours[0].owed, [SessionId(12)]);
        assert_eq!(memo.hours[0].unrecorded, [SessionId(13)]);
        // A session's hours changed beside a mark: everyone again.
        memo = step(memo, &mut ledger, |l| {
            l.study.sessions[0].hours = 2.0;
            mark(l, 11, 1, Attendance::Absent);
        });
        assert_eq!(memo.hours[1].attended, 30.0);
    }

    fn d(month: i8, day: i8) -> Date {
        if month >= 11 {
            Date::constant(2005, month, day)
        } else {
            Date::constant(2006, month, day)
        }
    }

    /// Two members and four sessions of 10 hours, everyone present.
    fn ledger() -> Ledger {
        let mut ledger = Ledger::default();
        for (id, name) in [(1, "王建国"), (2, "李秀英")] {
            ledger.members.push(Member {
                id: MemberId(id),
                name: name.into(),
                ..Member::default()
            });
        }
        for (i, date) in [d(11, 20), d(12, 1), d(12, 10), d(12, 20)].into_iter().enumerate() {
            let id = SessionId(10 + i as u64);
            ledger.study.sessions.push(
                Session {
                    id,
                    date,
                    hours: 10.0,
                    topic: format!("第{}次学习", i + 1),
                    attendance: [(MemberId(1), Attendance::Present), (MemberId(2), Attendance::Present)].into(),
                    ..Session::default()
                }
                .into(),
            );
        }
        ledger
    }

    fn mark(ledger: &mut Ledger, session: u64, member: u64, attendance: Attendance) {
        let s = ledger
            .study
            .sessions
            .iter_mut()
            .find(|s| s.id == SessionId(session))
            .expect("session");
        s.attendance.insert(MemberId(member), attendance);
    }

    fn make_up(ledger: &mut Ledger, id: u64, member: u64, hours: f64, covers: &[u64]) {
        ledger.study.make_ups.push(MakeUp {
            id: MakeUpId(id),
            member: MemberId(member),
            date: d(12, 25),
            hours,
            covers: covers.iter().map(|&s| SessionId(s)).collect(),
            ..MakeUp::default()
        });
    }

    fn of(ledger: &Ledger, member: u64) -> MemberHours {
        hours_of(ledger, MemberId(member)).expect("member")
    }

    #[test]
    fn everyone_present_reaches_forty() {
        let ledger = ledger();
        let h = of(&ledger, 1);
        assert_eq!((h.attended, h.made_up, h.total(), h.required), (40.0, 0.0, 40.0, 40.0));
        assert!(h.met());
    }

    #[test]
    fn leave_then_make_up_restores_the_hours() {
        let mut ledger = ledger();
        mark(&mut ledger, 11, 2, Attendance::Leave("住院".into()));
        let h = of(&ledger, 2);
        assert_eq!((h.total(), h.missed, h.shortfall()), (30.0, 10.0, 10.0));
        assert_eq!(h.owed, vec![SessionId(11)]);
        make_up(&mut ledger, 50, 2, 10.0, &[11]);
        let h = of(&ledger, 2);
        assert_eq!((h.attended, h.made_up, h.total()), (30.0, 10.0, 40.0));
        assert!(h.owed.is_empty() && h.met());
    }

    #[test]
    fn one_make_up_covers_two_absences() {
        let mut ledger = ledger();
        mark(&mut ledger, 10, 1, Attendance::Absent);
        mark(&mut ledger, 12, 1, Attendance::Absent);
        assert_eq!(of(&ledger, 1).owed, vec![SessionId(10), SessionId(12)]);
        make_up(&mut ledger, 50, 1, 20.0, &[10, 12]);
        let h = of(&ledger, 1);
        assert_eq!((h.made_up, h.total()), (20.0, 40.0));
        assert!(h.owed.is_empty());
    }

    #[test]
    fn make_up_is_capped_at_the_hours_it_covers() {
        let mut ledger = ledger();
        mark(&mut ledger, 10, 1, Attendance::Absent);
        make_up(&mut ledger, 50, 1, 12.0, &[10]);
        let h = of(&ledger, 1);
        assert_eq!(h.made_up, 10.0);
        assert_eq!(h.credits, vec![(MakeUpId(50), 10.0)]);
    }

    #[test]
    fn a_session_covered_twice_counts_once() {
        let mut ledger = ledger();
        mark(&mut ledger, 10, 1, Attendance::Absent);
        make_up(&mut ledger, 50, 1, 10.0, &[10]);
        make_up(&mut ledger, 51, 1, 10.0, &[10]);
        let h = of(&ledger, 1);
        assert_eq!((h.made_up, h.total()), (10.0, 40.0));
        assert_eq!(h.credits, vec![(MakeUpId(50), 10.0), (MakeUpId(51), 0.0)]);
    }

    #[test]
    fn make_up_naming_no_session_counts_in_full() {
        let mut ledger = ledger();
        mark(&mut ledger, 10, 1, Attendance::Absent);
        make_up(&mut ledger, 50, 1, 6.0, &[]);
        let h = of(&ledger, 1);
        assert_eq!((h.made_up, h.total(), h.shortfall()), (6.0, 36.0, 4.0));
        assert_eq!(h.owed, vec![SessionId(10)]);
    }

    #[test]
    fn member_who_joined_late_owes_only_what_followed() {
        let mut ledger = ledger();
        ledger.members[1].transfer_in = Some(Transfer {
            date: d(12, 5),
            other_branch: "东风村党支部".into(),
        });
        // The attendance map still names them for the early sessions (as if
        // the transfer date was corrected later): those do not count.
        let h = of(&ledger, 2);
        assert_eq!((h.attended, h.not_member, h.required), (20.0, 20.0, 20.0));
        assert!(h.met());
    }

    #[test]
    fn member_transferred_out_stops_counting_on_the_day() {
        let mut ledger = ledger();
        ledger.members[0].transfer_out = Some(Transfer {
            date: d(12, 10),
            other_branch: String::new(),
        });
        let h = of(&ledger, 1);
        assert_eq!((h.attended, h.not_member), (20.0, 20.0));
    }

    #[test]
    fn unrecorded_sessions_are_neither_attended_nor_missed() {
        let mut ledger = ledger();
        ledger.study.sessions[3].attendance.remove(&MemberId(2));
        let h = of(&ledger, 2);
        assert_eq!((h.attended, h.missed), (30.0, 0.0));
        assert_eq!(h.unrecorded, vec![SessionId(13)]);
    }

    #[test]
    fn the_tally_counts_the_roll_and_averages_those_who_study() {
        let mut ledger = ledger();
        ledger.members.push(Member {
            id: MemberId(3),
            name: "赵强".into(),
            ..Member::default()
        });
        mark(&mut ledger, 10, 1, Attendance::Absent);
        ledger.members[1].transfer_out = Some(Transfer {
            date: d(12, 15),
            other_branch: String::new(),
        });
        ledger.study.exemptions.push(Exemption {
            member: MemberId(3),
            reason: "重病卧床".into(),
            ..Exemption::default()
        });
        let tally = hours_tally(&Roll::of(&ledger), &hours_of_all(&ledger));
        // 王建国 30/40; 李秀英 left; 赵强 excused with no hours.
        assert_eq!((tally.members, tally.met, tally.exempt), (2, 1, 1));
        assert_eq!(tally.average, Some(30.0));
        assert_eq!(tally.participants, 1);
    }

    #[test]
    fn exempt_member_meets_the_requirement_with_no_hours() {
        let mut ledger = ledger();
        for s in &mut ledger.study.sessions {
            s.attendance.insert(MemberId(2), Attendance::Absent);
        }
        ledger.study.exemptions.push(Exemption {
            member: MemberId(2),
            reason: "重病卧床".into(),
            ..Exemption::default()
        });
        let h = of(&ledger, 2);
        assert_eq!(h.total(), 0.0);
        assert!(h.exempt && h.met());
    }
}
