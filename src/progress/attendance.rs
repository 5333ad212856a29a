//! How one session's attendance adds up: present, on leave, absent, and —
//! for the members on the roster that day — not yet recorded. The session
//! page's 考勤 line, the session list and the attendance matrix's header
//! count the same way from here.

use crate::model::Ledger;
use crate::model::study::{Attendance, Session};

/// One session's attendance, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub present: usize,
    pub leave: usize,
    pub absent: usize,
    /// Members on the roster that day with nothing recorded (always 0 for
    /// [`recorded`], which counts only what is recorded).
    pub unrecorded: usize,
}

impl Tally {
    /// Everyone counted: the members expected (应到).
    pub fn expected(&self) -> usize {
        self.present + self.leave + self.absent + self.unrecorded
    }

    fn add(&mut self, attendance: Option<&Attendance>) {
        match attendance {
            Some(Attendance::Present) => self.present += 1,
            Some(Attendance::Leave(_)) => self.leave += 1,
            Some(Attendance::Absent) => self.absent += 1,
            None => self.unrecorded += 1,
        }
    }
}

/// The attendance of everyone on the roster on the session's day, those
/// with nothing recorded included.
pub fn tally(ledger: &Ledger, session: &Session) -> Tally {
    let mut tally = Tally::default();
    for member in ledger.members.iter().filter(|m| m.active_on(session.date)) {
        tally.add(session.attendance.get(&member.id));
    }
    tally
}

/// The attendance recorded for the session, whoever it names.
pub fn recorded(session: &Session) -> Tally {
    let mut tally = Tally::default();
    for attendance in session.attendance.values() {
        tally.add(Some(attendance));
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::member::{Member, Transfer};
    use crate::model::{Date, MemberId};

    /// Four members — one transferred out before the session — and a
    /// session recording three of them.
    fn ledger_and_session() -> (Ledger, Session) {
        let day = Date::constant(2005, 12, 1);
        let mut ledger = Ledger::default();
        for id in 1..=4 {
            ledger.members.push(Member {
                id: MemberId(id),
                name: format!("党员{id}"),
                ..Member::default()
            });
        }
        ledger.members[3].transfer_out = Some(Transfer {
            date: Date::constant(2005, 11, 20),
            other_branch: String::new(),
        });
        let session = Session {
            date: day,
            attendance: [
                (MemberId(1), Attendance::Present),
                (MemberId(2), Attendance::Leave("住院".into())),
                (MemberId(4), Attendance::Absent),
            ]
            .into(),
            ..Session::default()
        };
        (ledger, session)
    }

    #[test]
    fn the_roster_tally_counts_members_of_that_day_and_who_is_not_recorded() {
        let (ledger, session) = ledger_and_session();
        let t = tally(&ledger, &session);
        assert_eq!(
            t,
            Tally {
                present: 1,
                leave: 1,
                absent: 0,
                unrecorded: 1
            },
            "member 4 had left; member 3 has nothing recorded"
        );
        assert_eq!(t.expected(), 3);
    }

    #[test]
    fn the_recorded_tally_counts_every_mark_and_nothing_unrecorded() {
        let (_, session) = ledger_and_session();
        let t = recorded(&session);
        assert_eq!(
            t,
            Tally {
                present: 1,
                leave: 1,
                absent: 1,
                unrecorded: 0
            }
        );
        assert_eq!(t.expected(), 3);
    }
}
