//! The steps every add / update / remove command shares: a record with an
//! id ([`Record`]), found in its list or refused with the message of its
//! kind ("…已不存在"), given a fresh id when added, replaced in place,
//! removed. The commands of each stage call these, so that "not there any
//! more" is said the same way for every record, and a list of
//! [`Shared`] records is handled like a plain one.
//!
//! A fresh id is asked of the ledger ([`Ledger::next_id`]) only after the
//! record passed its checks ([`add_checked`] does both, in that order): a
//! refused command leaves even the id counter as it was.

use crate::model::analysis::Analysis;
use crate::model::appraisal::AppraisalRound;
use crate::model::meeting::Meeting;
use crate::model::opinion::{Issue, Opinion};
use crate::model::rectification::{BranchItem, Commitment, Rule, Survey};
use crate::model::study::{MakeUp, Reflection, Session};
use crate::model::talk::TalkCard;
use crate::model::{
    AnalysisId, AppraisalId, BranchItemId, CommitmentId, IssueId, Ledger, MakeUpId, MeetingId, Member, MemberId,
    OpinionId, ReflectionId, RuleId, SessionId, Shared, SurveyId, TalkId,
};

/// A record that carries its own stable id.
pub(super) trait Record {
    /// The record's typed id.
    type Id: Copy + PartialEq;
    /// The record's id.
    fn id(&self) -> Self::Id;
    /// Gives the record the id `raw` (a number from the ledger's counter).
    fn set_id(&mut self, raw: u64);
}

/// `Record` for model types whose id is the field `id`.
macro_rules! record {
    ($($record:ty => $id:ident),* $(,)?) => {$(
        impl Record for $record {
            type Id = $id;
            fn id(&self) -> $id {
                self.id
            }
            fn set_id(&mut self, raw: u64) {
                self.id = $id(raw);
            }
        }
    )*};
}

record!(
    Member => MemberId,
    Session => SessionId,
    MakeUp => MakeUpId,
    Reflection => ReflectionId,
    Opinion => OpinionId,
    Issue => IssueId,
    TalkCard => TalkId,
    Analysis => AnalysisId,
    Meeting => MeetingId,
    AppraisalRound => AppraisalId,
    Commitment => CommitmentId,
    BranchItem => BranchItemId,
    Rule => RuleId,
    Survey => SurveyId,
);

/// A record kept one by one in [`Shared`] (sessions, talk cards): its id
/// is the record's.
impl<R: Record + Clone> Record for Shared<R> {
    type Id = R::Id;
    fn id(&self) -> R::Id {
        (**self).id()
    }
    fn set_id(&mut self, raw: u64) {
        (**self).set_id(raw);
    }
}

/// The list of one kind of record in the ledger.
pub(super) type List<R> = fn(&mut Ledger) -> &mut Vec<R>;
/// A model rule that a record of kind `T` must keep.
pub(super) type Check<T> = fn(&T, &Ledger) -> Result<(), String>;

/// Checks `record`, then gives it a fresh id and appends it to `list`
/// (as it is kept there: a [`Shared`] list takes the record in its
/// `Shared`).
pub(super) fn add_checked<T, R: Record + From<T>>(
    ledger: &mut Ledger,
    record: T,
    check: Check<T>,
    list: List<R>,
) -> Result<(), String> {
    check(&record, ledger)?;
    let fresh = ledger.next_id();
    add(list(ledger), record.into(), fresh);
    Ok(())
}

/// Checks `record`, then puts it in the place of the record with its id
/// in `list`, or refuses with `gone`.
pub(super) fn replace_checked<T, R: Record + From<T>>(
    ledger: &mut Ledger,
    record: T,
    check: Check<T>,
    list: List<R>,
    gone: &str,
) -> Result<(), String> {
    check(&record, ledger)?;
    replace(list(ledger), record.into(), gone)
}

/// Gives `record` the id `fresh` and appends it; returns the id.
pub(super) fn add<R: Record>(list: &mut Vec<R>, mut record: R, fresh: u64) -> R::Id {
    record.set_id(fresh);
    let id = record.id();
    list.push(record);
    id
}

/// Where the record with `id` is, or `gone` as the refusal.
pub(super) fn position<R: Record>(list: &[R], id: R::Id, gone: &str) -> Result<usize, String> {
    list.iter().position(|r| r.id() == id).ok_or_else(|| gone.to_owned())
}

/// The record with `id`, to change, or `gone` as the refusal.
pub(super) fn find_mut<'a, R: Record>(list: &'a mut [R], id: R::Id, gone: &str) -> Result<&'a mut R, String> {
    list.iter_mut().find(|r| r.id() == id).ok_or_else(|| gone.to_owned())
}

/// Puts `record` in the place of the record with its id, or refuses with
/// `gone`.
pub(super) fn replace<R: Record>(list: &mut [R], record: R, gone: &str) -> Result<(), String> {
    let id = record.id();
    *find_mut(list, id, gone)? = record;
    Ok(())
}

/// Removes the record with `id`, or refuses with `gone`.
pub(super) fn remove<R: Record>(list: &mut Vec<R>, id: R::Id, gone: &str) -> Result<(), String> {
    let index = position(list, id, gone)?;
    list.remove(index);
    Ok(())
}

/// Puts `record` in the place of the one `same` finds (one per member:
/// results, commendations), or appends it.
pub(super) fn put<T>(list: &mut Vec<T>, record: T, same: impl Fn(&T) -> bool) {
    match list.iter_mut().find(|r| same(r)) {
        Some(slot) => *slot = record,
        None => list.push(record),
    }
}
