//! Which row of the sheet is which member already in the ledger.
//!
//! A secretary imports the roster, fixes the sheet, and imports it again;
//! so a row is first looked up among the ledger's members: by 身份证号, then
//! by name and birth date (when the ID numbers do not contradict it). A
//! matched member keeps its id — and with it its attendance, talks and
//! every other record — and only the fields the row fills are taken over.
//! A row that shares only a name with a member is a possible duplicate for
//! the secretary to decide, never added silently.

use std::collections::{HashMap, HashSet};

use super::header::ImportField;
use crate::model::dates::show_opt;
use crate::model::{Date, Member, MemberId};

/// How a readable row relates to the members already in the ledger.
#[derive(Debug, Clone, PartialEq)]
pub enum Match {
    /// Not in the ledger yet: added with a fresh id.
    New,
    /// Already in the ledger, and the row changes some fields.
    Update {
        /// The ledger's member with the row's values taken over (its id
        /// kept); boxed, as most rows are not updates.
        member: Box<Member>,
        /// What changes, in the order of the member form.
        changes: Vec<Change>,
        /// How the member was recognised.
        by: MatchedBy,
    },
    /// Already in the ledger with everything the row says.
    Same { id: MemberId, by: MatchedBy },
    /// Shares a name with these members, but neither a 身份证号 nor a birth
    /// date shows it is the same person.
    PossibleDuplicate { ids: Vec<MemberId> },
}

/// What recognised a row as a member already in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    IdNumber,
    NameAndBirth,
}

impl MatchedBy {
    pub fn label(self) -> &'static str {
        match self {
            MatchedBy::IdNumber => "按身份证号",
            MatchedBy::NameAndBirth => "按姓名和出生日期",
        }
    }
}

/// One field a re-import changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: ImportField,
    /// As the ledger has it ("" when empty).
    pub before: String,
    /// As the sheet has it.
    pub after: String,
}

impl std::fmt::Display for Change {
    /// `联系电话 13800001111 → 13900002222`; an empty side shows as （空）.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = |s: &str| {
            if s.is_empty() {
                "（空）".to_owned()
            } else {
                s.to_owned()
            }
        };
        write!(
            f,
            "{} {} → {}",
            self.field.label(),
            shown(&self.before),
            shown(&self.after)
        )
    }
}

/// The ledger's members indexed once for a whole sheet: by 身份证号, by
/// name, and by name and birth date, each bucket in roster order. Looking
/// a row up then costs the size of its bucket, not of the roster, so that a
/// sheet of many rows next to a large ledger stays linear.
pub struct Existing<'a> {
    members: &'a [Member],
    by_id_number: HashMap<&'a str, Vec<usize>>,
    by_name: HashMap<&'a str, Vec<usize>>,
    by_name_birth: HashMap<(&'a str, Date), Vec<usize>>,
    /// Members an earlier row of the sheet already matched.
    taken: HashSet<MemberId>,
}

impl<'a> Existing<'a> {
    /// Indexes `members` (one pass).
    pub fn new(members: &'a [Member]) -> Self {
        let mut index = Self {
            members,
            by_id_number: HashMap::new(),
            by_name: HashMap::new(),
            by_name_birth: HashMap::new(),
            taken: HashSet::new(),
        };
        for (i, m) in members.iter().enumerate() {
            let id_number = m.id_number.trim();
            if !id_number.is_empty() {
                index.by_id_number.entry(id_number).or_default().push(i);
            }
            let name = m.name.trim();
            index.by_name.entry(name).or_default().push(i);
            if let Some(birth) = m.birth {
                index.by_name_birth.entry((name, birth)).or_default().push(i);
            }
        }
        index
    }

    /// Finds the row's member, skipping those an earlier row already
    /// matched, and marks a found member as taken. `given` are the fields
    /// the row fills (see `row::RowResult::given`).
    pub fn find(&mut self, imported: &Member, given: &[ImportField]) -> Match {
        let found = find_among(self, imported);
        self.taken.extend(found.map(|(i, _)| self.members[i].id));
        if let Some((i, by)) = found {
            let before = &self.members[i];
            let (member, changes) = merge(before, imported, given);
            return if changes.is_empty() {
                Match::Same { id: before.id, by }
            } else {
                Match::Update {
                    member: Box::new(member),
                    changes,
                    by,
                }
            };
        }
        let ids: Vec<MemberId> = self
            .by_name
            .get(imported.name.as_str())
            .map(|same| same.iter().map(|&i| self.members[i].id).collect())
            .unwrap_or_default();
        if ids.is_empty() {
            Match::New
        } else {
            Match::PossibleDuplicate { ids }
        }
    }
}

/// The first free member (in roster order) with the row's 身份证号, else
/// the first with its name and birth date whose ID number does not
/// contradict the row's.
fn find_among(index: &Existing<'_>, imported: &Member) -> Option<(usize, MatchedBy)> {
    let free = |i: &&usize| !index.taken.contains(&index.members[**i].id);
    let id_number = imported.id_number.trim();
    let by_id = (!id_number.is_empty())
        .then(|| index.by_id_number.get(id_number))
        .flatten()
        .and_then(|same| same.iter().find(free));
    if let Some(&i) = by_id {
        return Some((i, MatchedBy::IdNumber));
    }
    let birth = imported.birth?;
    let same = index.by_name_birth.get(&(imported.name.as_str(), birth))?;
    same.iter()
        .filter(free)
        .find(|&&i| id_number.is_empty() || index.members[i].id_number.trim().is_empty())
        .map(|&i| (i, MatchedBy::NameAndBirth))
}

/// Finds the row's member among `existing`, skipping those an earlier row
/// of the sheet already matched (`taken`), by scanning the roster: the
/// definition [`Existing::find`] is checked against in the tests.
#[cfg(test)]
pub fn find(imported: &Member, given: &[ImportField], existing: &[Member], taken: &[MemberId]) -> Match {
    let free = || existing.iter().filter(|e| !taken.contains(&e.id));
    let id_number = imported.id_number.trim();
    let by_id = free().find(|e| !id_number.is_empty() && e.id_number.trim() == id_number);
    let by_birth = || {
        free().find(|e| {
            let ids_agree = id_number.is_empty() || e.id_number.trim().is_empty();
            ids_agree && e.name.trim() == imported.name && e.birth.is_some() && e.birth == imported.birth
        })
    };
    let found = by_id
        .map(|e| (e, MatchedBy::IdNumber))
        .or_else(|| by_birth().map(|e| (e, MatchedBy::NameAndBirth)));
    if let Some((before, by)) = found {
        let (member, changes) = merge(before, imported, given);
        return if changes.is_empty() {
            Match::Same { id: before.id, by }
        } else {
            Match::Update {
                member: Box::new(member),
                changes,
                by,
            }
        };
    }
    let ids: Vec<MemberId> = existing
        .iter()
        .filter(|e| e.name.trim() == imported.name)
        .map(|e| e.id)
        .collect();
    if ids.is_empty() {
        Match::New
    } else {
        Match::PossibleDuplicate { ids }
    }
}

/// The ledger's member with the fields the row fills taken over, and what
/// changed. Fields the row leaves empty keep the ledger's value: a sheet
/// without a 电话 column does not wipe the phones typed in since.
fn merge(before: &Member, imported: &Member, given: &[ImportField]) -> (Member, Vec<Change>) {
    let mut after = before.clone();
    let mut changes = Vec::new();
    for field in ORDER {
        if !given.contains(&field) {
            continue;
        }
        let (old, new) = (text_of(before, field), text_of(imported, field));
        if old == new {
            continue;
        }
        take(&mut after, imported, field);
        changes.push(Change {
            field,
            before: old,
            after: new,
        });
    }
    (after, changes)
}

/// The fields in the order of the member form.
const ORDER: [ImportField; 21] = [
    ImportField::Name,
    ImportField::Gender,
    ImportField::Ethnicity,
    ImportField::Birth,
    ImportField::Joined,
    ImportField::Status,
    ImportField::ProbationDue,
    ImportField::Education,
    ImportField::Position,
    ImportField::Phone,
    ImportField::IdNumber,
    ImportField::LeadingCadre,
    ImportField::Committee,
    ImportField::Category,
    ImportField::FlowDirection,
    ImportField::Whereabouts,
    ImportField::MobileContact,
    ImportField::Hardship,
    ImportField::TransferInDate,
    ImportField::TransferFrom,
    ImportField::Notes,
];

/// A field's value as the preview shows it.
fn text_of(m: &Member, field: ImportField) -> String {
    let yes_no = |b: bool| if b { "是" } else { "否" }.to_owned();
    match field {
        ImportField::Name => m.name.clone(),
        ImportField::Gender => m.gender.label().to_owned(),
        ImportField::Ethnicity => m.ethnicity.clone(),
        ImportField::Birth => show_opt(m.birth),
        ImportField::Joined => show_opt(m.joined),
        ImportField::Status => m.status.label().to_owned(),
        ImportField::ProbationDue => show_opt(m.probation_due),
        ImportField::Education => m.education.clone(),
        ImportField::Position => m.position.clone(),
        ImportField::Phone => m.phone.clone(),
        ImportField::IdNumber => m.id_number.clone(),
        ImportField::LeadingCadre => yes_no(m.leading_cadre),
        ImportField::Committee => yes_no(m.committee),
        ImportField::Category => m.category.map_or("", |c| c.label()).to_owned(),
        ImportField::FlowDirection => m.mobile.direction.label().to_owned(),
        ImportField::Whereabouts => m.mobile.whereabouts.clone(),
        ImportField::MobileContact => m.mobile.contact.clone(),
        ImportField::Hardship => yes_no(m.hardship),
        ImportField::TransferInDate => show_opt(m.transfer_in.as_ref().map(|t| t.date)),
        ImportField::TransferFrom => m
            .transfer_in
            .as_ref()
            .map_or("", |t| t.other_branch.as_str())
            .to_owned(),
        ImportField::Notes => m.notes.clone(),
    }
}

/// Copies one field from the row's member.
fn take(to: &mut Member, from: &Member, field: ImportField) {
    match field {
        ImportField::Name => to.name.clone_from(&from.name),
        ImportField::Gender => to.gender = from.gender,
        ImportField::Ethnicity => to.ethnicity.clone_from(&from.ethnicity),
        ImportField::Birth => to.birth = from.birth,
        ImportField::Joined => to.joined = from.joined,
        ImportField::Status => to.status = from.status,
        ImportField::ProbationDue => to.probation_due = from.probation_due,
        ImportField::Education => to.education.clone_from(&from.education),
        ImportField::Position => to.position.clone_from(&from.position),
        ImportField::Phone => to.phone.clone_from(&from.phone),
        ImportField::IdNumber => to.id_number.clone_from(&from.id_number),
        ImportField::LeadingCadre => to.leading_cadre = from.leading_cadre,
        ImportField::Committee => to.committee = from.committee,
        ImportField::Category => to.category = from.category,
        ImportField::Whereabouts => {
            to.mobile.whereabouts.clone_from(&from.mobile.whereabouts);
            to.mobile.direction = from.mobile.direction;
        }
        ImportField::FlowDirection => to.mobile.direction = from.mobile.direction,
        ImportField::MobileContact => to.mobile.contact.clone_from(&from.mobile.contact),
        ImportField::Hardship => to.hardship = from.hardship,
        // The row gives a date whenever it gives a transfer (see
        // `row::RowReader::transfer_in`): the branch comes with it.
        ImportField::TransferInDate => to.transfer_in.clone_from(&from.transfer_in),
        ImportField::TransferFrom => {
            if let (Some(to), Some(from)) = (&mut to.transfer_in, &from.transfer_in) {
                to.other_branch.clone_from(&from.other_branch);
            }
        }
        ImportField::Notes => to.notes.clone_from(&from.notes),
    }
}
