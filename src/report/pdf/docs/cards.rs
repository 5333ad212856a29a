//! Per-member and per-talk pages: the checklist card each member signs, and
//! the 谈心谈话记录卡.

use std::collections::{HashMap, HashSet};

use super::super::compose::{Composer, LEADING};
use super::super::table::{Align, Cell, Col, Row, Table};
use super::super::{PrintError, Request, show_date};
use super::{members, or_dash};
use crate::model::ledger::MemberNames;
use crate::model::opinion::Target;
use crate::model::study::Attendance;
use crate::model::talk::TalkCard;
use crate::model::{Date, Ledger, MemberId};
use crate::progress::{Column, checklist};

/// One page per member: every requirement so far, its status and the date
/// it was met, and lines for the member's and the secretary's signatures.
/// Blank: the same card with the status left to fill by hand.
pub fn member_cards(c: &mut Composer, ledger: &Ledger, request: &Request, progress: &dyn Fn(f32)) {
    let list = checklist(ledger);
    // The first row of a member, as a scan would find it.
    let mut by_member: HashMap<MemberId, &checklist::Row> = HashMap::with_capacity(list.rows.len());
    for r in &list.rows {
        by_member.entry(r.member).or_insert(r);
    }
    let dates = MetDates::of(ledger);
    let people = members(ledger, request);
    for (n, m) in people.iter().enumerate() {
        progress(n as f32 / people.len().max(1) as f32);
        c.page_break();
        c.title("党员对照检查卡", 16.0);
        c.fields(
            &[
                ("姓名", m.name.clone()),
                ("类别", m.category.map_or("—".to_owned(), |k| k.label().to_owned())),
                ("入党时间", m.joined.map_or("—".to_owned(), show_date)),
            ],
            10.5,
        );
        let row = by_member.get(&m.id).copied();
        let cols = vec![
            Col::new("序号", 0.5, Align::Center),
            Col::new("检查项目", 1.4, Align::Left),
            Col::new("完成情况", 2.4, Align::Left),
            Col::new("完成日期", 1.3, Align::Center),
        ];
        let rows = list
            .columns
            .iter()
            .enumerate()
            .map(|(i, column)| {
                let (status, date) = match row.and_then(|r| r.cells.get(i)) {
                    // Only a requirement met has a date: an item not yet
                    // done (未评定, 学时 30/40) is dated when it is done.
                    Some(cell) if !request.blank => (
                        Cell::Check(cell.done, cell.text.clone()),
                        match cell.done {
                            Some(true) => dates.of_member(*column, m.id).map_or(String::new(), show_date),
                            _ => String::new(),
                        },
                    ),
                    _ => (Cell::Check(Some(false), String::new()), String::new()),
                };
                Row {
                    cells: vec![
                        Cell::Text((i + 1).to_string()),
                        Cell::Text(column.title().to_owned()),
                        status,
                        Cell::Text(date),
                    ],
                    shaded: false,
                    min_height: 26.0,
                }
            })
            .collect();
        c.space(4.0);
        Table { cols, rows, size: 10.0 }.place(c);
        c.space(4.0);
        c.paragraph("本人已核对以上情况，确认无误。", 10.5, true);
        c.signatures(&["党员签名", "日期"], 10.5);
        c.signatures(&["支部书记签名", "日期"], 10.5);
    }
}

/// The latest date on record of each dated requirement, by member: built
/// in one pass over the records, so that the cards of every member take
/// time in proportion to the records, not to members × records.
#[derive(Default)]
struct MetDates {
    hours: HashMap<MemberId, Date>,
    reflections: HashMap<MemberId, Date>,
    feedback: HashMap<MemberId, Date>,
    talks: HashMap<MemberId, Date>,
    analysis: HashMap<MemberId, Date>,
    appraisal: HashMap<MemberId, Date>,
    rectification: HashMap<MemberId, Date>,
}

/// Keeps the later of the date on record and `date`.
fn later(dates: &mut HashMap<MemberId, Date>, member: MemberId, date: Date) {
    dates.entry(member).and_modify(|d| *d = (*d).max(date)).or_insert(date);
}

impl MetDates {
    fn of(ledger: &Ledger) -> Self {
        let mut dates = Self::default();
        for s in &ledger.study.sessions {
            for (member, attendance) in &s.attendance {
                if matches!(attendance, Attendance::Present) {
                    later(&mut dates.hours, *member, s.date);
                }
            }
        }
        for m in &ledger.study.make_ups {
            later(&mut dates.hours, m.member, m.date);
        }
        for r in ledger.study.reflections.iter().filter(|r| r.received) {
            later(&mut dates.reflections, r.member, r.date);
        }
        for i in &ledger.opinions.issues {
            if let (Target::Member(member), Some(signed)) = (i.about, i.signed) {
                later(&mut dates.feedback, member, signed);
            }
        }
        for t in &ledger.talks {
            for member in &t.members {
                later(&mut dates.talks, *member, t.date);
            }
        }
        for a in &ledger.analyses {
            if let Some(r) = a.revisions.last() {
                later(&mut dates.analysis, a.member, r.date);
            }
        }
        for r in &ledger.appraisal.rounds {
            for t in &r.tallies {
                later(&mut dates.appraisal, t.member, r.date);
            }
        }
        for c in &ledger.rectification.commitments {
            if let Some(done) = c.completed {
                later(&mut dates.rectification, c.member, done);
            }
        }
        dates
    }

    /// The latest date on record for a requirement of a member, if any.
    fn of_member(&self, column: Column, member: MemberId) -> Option<Date> {
        let dates = match column {
            Column::Hours => &self.hours,
            Column::Reflections => &self.reflections,
            Column::Feedback => &self.feedback,
            Column::Talks => &self.talks,
            Column::Analysis => &self.analysis,
            Column::Appraisal => &self.appraisal,
            Column::Rectification => &self.rectification,
            Column::Category | Column::BasicFacts | Column::FourClears => return None,
        };
        dates.get(&member).copied()
    }
}

/// 谈心谈话记录卡: one card per talk of the chosen members (all talks when
/// none is chosen), two to a page where they fit; blank: two empty cards.
pub fn talk_cards(
    c: &mut Composer,
    ledger: &Ledger,
    request: &Request,
    progress: &dyn Fn(f32),
) -> Result<(), PrintError> {
    let names = ledger.member_names();
    if request.blank {
        for _ in 0..2 {
            card(c, None, &names);
        }
        return Ok(());
    }
    let chosen: HashSet<MemberId> = request.members.iter().copied().collect();
    let mut talks: Vec<&TalkCard> = ledger
        .talks
        .iter()
        .map(|t| &**t)
        .filter(|t| chosen.is_empty() || t.members.iter().any(|m| chosen.contains(m)))
        .collect();
    talks.sort_by_key(|t| t.date);
    if talks.is_empty() {
        return Err(PrintError::Nothing(
            "所选党员没有谈心谈话记录；可以打印空白谈心卡".to_owned(),
        ));
    }
    for (n, talk) in talks.iter().enumerate() {
        progress(n as f32 / talks.len() as f32);
        card(c, Some(talk), &names);
    }
    Ok(())
}

fn card(c: &mut Composer, talk: Option<&TalkCard>, names: &MemberNames) {
    let text = |f: &dyn Fn(&TalkCard) -> String| talk.map_or(String::new(), f);
    let people = text(&|t| {
        let mut people: Vec<String> = t.members.iter().map(|m| names.name(*m).to_owned()).collect();
        people.extend(t.others.iter().map(|o| {
            if o.role.trim().is_empty() {
                o.name.clone()
            } else {
                format!("{}（{}）", o.name, o.role)
            }
        }));
        people.join("、")
    });
    let review = text(&|t| {
        t.review.as_ref().map_or(String::new(), |r| {
            // The reviewer often has a role in brackets (周建国（督导组）):
            // set apart by spaces, not in brackets of its own.
            format!("{}　{}　{}", r.comment.trim(), r.by, show_date(r.date))
        })
    });
    let fields: Vec<(&str, String, f32)> = vec![
        ("谈话时间", text(&|t| show_date(t.date)), 22.0),
        ("谈话地点", text(&|t| or_dash(&t.place)), 22.0),
        ("谈话类型", text(&|t| t.kind.label().to_owned()), 22.0),
        ("谈话双方", people, 22.0),
        ("谈话主题", text(&|t| or_dash(&t.topic)), 22.0),
        ("谈话内容", text(&|t| or_dash(&t.content)), 64.0),
        ("反映的问题", text(&|t| or_dash(&t.problems)), 44.0),
        ("达成的共识\n和改进措施", text(&|t| or_dash(&t.outcome)), 44.0),
        ("审阅意见", review, 30.0),
    ];
    let cols = vec![Col::new("", 1.0, Align::Center), Col::new("", 4.6, Align::Left)];
    let rows = fields
        .into_iter()
        .map(|(label, value, h)| Row {
            cells: vec![Cell::Text(label.to_owned()), Cell::Text(value)],
            shaded: false,
            min_height: h,
        })
        .collect();
    let table = Table { cols, rows, size: 10.0 };
    // A card is never split: its title, its rows and its signatures.
    const TITLE: f32 = 14.0;
    const SIGNATURES: f32 = 10.0 + 10.0 * LEADING + 4.0;
    c.ensure(TITLE * LEADING + table.body_height(c) + SIGNATURES);
    c.title("谈心谈话记录卡", TITLE);
    table.place_plain(c);
    c.signatures(&["谈话人签名", "被谈话人签名"], 10.0);
    c.space(14.0);
}
