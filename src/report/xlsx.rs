//! The branch's export workbook (导出工作簿): 汇总 (the figures by stage),
//! 党员情况 (one row per member: the roster's fields, then every checklist
//! item), 学习考勤, 征求意见, 谈心谈话, 民主评议 and 整改台账.
//!
//! The per-member sheets list the members on the roll, as the figures count
//! them ([`roll`](crate::progress::roll)); the record sheets (征求意见,
//! 谈心谈话, 整改台账) keep every record, those of a member who left included.
//!
//! Phone numbers, 身份证号 and a mobile member's contact (most often a
//! phone number) appear only when the user ticks them
//! ([`ExportOptions::include_personal`]); otherwise their columns are left
//! out altogether, and every text cell — a 备注, a talk's topic, an
//! opinion — has the numbers in it masked ([`super::privacy`]). The
//! columns are left out rather than left empty: an empty 联系电话 column
//! would read, to the county and to 导入名册表格, as numbers never
//! recorded.
//!
//! A text too long for a cell is cut with a note in the cell (see
//! [`super::sheet`]); [`Book::cuts`] says which records, so that the
//! export goes on and the user is told.

use std::collections::HashMap;

use rust_xlsxwriter::{Workbook, XlsxError};

use super::ExportOptions;
use super::privacy::Masked;
use super::sheet::{Cut, Table, Value, column_letter, write_table};
use super::summary::lines;
use crate::model::member::MobileInfo;
use crate::model::{Date, Ledger, MemberId};
use crate::progress::appraisal::appraisal_of_all;
use crate::progress::figures::Figures;
use crate::progress::roll::Roll;
use crate::progress::{checklist, hours_of_all};

/// The sheet names, in order.
pub const SHEETS: [&str; 7] = [
    "汇总",
    "党员情况",
    "学习考勤",
    "征求意见",
    "谈心谈话",
    "民主评议",
    "整改台账",
];

/// Where 学习考勤 is in [`SHEETS`].
const STUDY: usize = 2;

/// A workbook made.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// The .xlsx file's bytes.
    pub bytes: Vec<u8>,
    /// The texts cut to fit their cells, sheet by sheet.
    pub cuts: Vec<Cut>,
    /// The numbers masked in its texts ([`super::privacy`]).
    pub masked: Masked,
}

/// The export workbook (.xlsx): [`tables`], with the numbers in their
/// texts masked unless the user asked for them.
pub fn workbook(ledger: &Ledger, figures: &Figures, options: ExportOptions) -> Result<Book, XlsxError> {
    workbook_with(ledger, figures, options, LARGE_SHEET_CELLS)
}

/// [`workbook`], with sheets of `large` cells or more written as large
/// ones ([`add_sheet_for`]).
///
/// 学习考勤 (a cell for every member at every session: at 100,000 members
/// as many cells as all the other sheets together) is made and written on
/// a thread of its own while this one makes and writes the others; the
/// sheets share the workbook's strings and formats.
fn workbook_with(ledger: &Ledger, figures: &Figures, options: ExportOptions, large: usize) -> Result<Book, XlsxError> {
    let mut book = Workbook::new();
    // Excel's own level: a quarter faster to save than the default 6, for
    // files about 5 % larger (rust_xlsxwriter's performance notes).
    book.set_zip_compression_level(3);
    let mut tables = std::thread::scope(|scope| {
        let study = scope.spawn(|| study_table(ledger));
        let mut tables = tables_but_study(ledger, figures, options);
        tables[STUDY] = join(study);
        tables
    });
    let mut masked = Masked::default();
    if !options.include_personal {
        for table in &mut tables {
            masked += table.mask_numbers();
        }
    }
    for table in &tables {
        add_sheet_for(&mut book, table, large);
    }
    let (before, rest) = book.worksheets_mut().split_at_mut(STUDY);
    let Some((study_sheet, after)) = rest.split_first_mut() else {
        return Err(XlsxError::ParameterError("学习考勤 sheet missing".into()));
    };
    let (study_cuts, mut cuts) = std::thread::scope(|scope| {
        let study = scope.spawn(|| write_table(study_sheet, SHEETS[STUDY], &tables[STUDY]));
        let mut cuts = Vec::new();
        for (i, sheet) in before.iter_mut().chain(after.iter_mut()).enumerate() {
            let i = if i < STUDY { i } else { i + 1 };
            cuts.push(write_table(sheet, SHEETS[i], &tables[i]));
        }
        (join(study), cuts)
    });
    cuts.insert(STUDY, study_cuts);
    let cuts = cuts.into_iter().collect::<Result<Vec<_>, _>>()?.concat();
    Ok(Book {
        bytes: book.save_to_buffer()?,
        cuts,
        masked,
    })
}

/// What a scoped thread returned, its panic carried on as this thread's.
fn join<T>(job: std::thread::ScopedJoinHandle<'_, T>) -> T {
    job.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// How many cells make a sheet large: from there on its rows go to a
/// temporary file as they are written instead of into a table of cells
/// in memory. At 100,000 members 学习考勤 is 10 million cells, and the
/// table of them took a third of the export's time (mostly fresh pages
/// of memory) and gigabytes; a branch's sheets stay far below this.
const LARGE_SHEET_CELLS: usize = 200_000;

/// Adds a sheet to `book` for `table`: a large one (of `large` cells or
/// more) in rust_xlsxwriter's "low memory" mode (rows written out in
/// order, strings still shared), or a plain one if that mode's temporary
/// file cannot be made.
/// [`write_table`] writes rows in order, as that mode needs.
fn add_sheet_for(book: &mut Workbook, table: &Table, large: usize) {
    let cells = table.rows.len().saturating_mul(table.header.len());
    if cells < large || book.add_worksheet_with_low_memory().is_err() {
        book.add_worksheet();
    }
}

/// The workbook's sheets as tables, in the order of [`SHEETS`], their
/// texts as the records have them.
pub fn tables(ledger: &Ledger, figures: &Figures, options: ExportOptions) -> [Table; 7] {
    let mut tables = tables_but_study(ledger, figures, options);
    tables[STUDY] = study_table(ledger);
    tables
}

/// [`tables`] with 学习考勤 left empty.
fn tables_but_study(ledger: &Ledger, figures: &Figures, options: ExportOptions) -> [Table; 7] {
    [
        summary_table(figures),
        members_table(ledger, options),
        Table::default(),
        opinions_table(ledger),
        talks_table(ledger),
        appraisal_table(ledger),
        rectification_table(ledger, figures.date),
    ]
}

fn summary_table(figures: &Figures) -> Table {
    let mut table = Table::new(&["阶段", "项目", "数值"]);
    for line in lines(figures) {
        table.push_record(
            format!("{}·{}", line.section, line.label),
            vec![line.section.into(), line.label.into(), line.value],
        );
    }
    table
}

/// 党员情况: each member on the roll as the roster (花名册) has them, every
/// field the import reads back (see `import::header`), then their
/// checklist up to 全部完成. Members who left are not on the roll and not
/// in this sheet, so their 转出 is not in it either; a member who arrived
/// has 转入日期 and 转自.
fn members_table(ledger: &Ledger, options: ExportOptions) -> Table {
    let list = checklist(ledger);
    let personal = options.include_personal;
    let mut header = vec![
        "姓名",
        "性别",
        "民族",
        "出生日期",
        "入党时间",
        "党员身份",
        "预备期满日期",
        "学历",
        "工作单位及职务",
    ];
    if personal {
        header.extend(["联系电话", "身份证号"]);
    }
    header.extend(["党员类别", "领导干部", "支委", "困难党员", "流动方向", "流动去向"]);
    // Most often a phone number: personal, like the phone itself.
    if personal {
        header.push("流动党员联系方式");
    }
    header.extend(["转入日期", "转自", "备注"]);
    header.extend(list.columns.iter().map(|c| c.sheet_title()));
    header.push("全部完成");
    let mut table = Table::new(&header);
    table.frozen_columns = 1;
    let names = ledger.member_names();
    for row in &list.rows {
        let Some(m) = names.member(row.member) else { continue };
        // The direction only where there is something mobile to tell.
        let mobile = m.is_mobile() || m.mobile != MobileInfo::default();
        let direction = if mobile { m.mobile.direction.label() } else { "" };
        let mut cells: Vec<Value> = vec![
            m.name.as_str().into(),
            m.gender.label().into(),
            m.ethnicity.as_str().into(),
            m.birth.into(),
            m.joined.into(),
            m.status.label().into(),
            m.probation_due.into(),
            m.education.as_str().into(),
            m.position.as_str().into(),
        ];
        if personal {
            cells.push(m.phone.as_str().into());
            cells.push(m.id_number.as_str().into());
        }
        cells.extend([
            m.category.map_or("", |c| c.label()).into(),
            m.leading_cadre.into(),
            m.committee.into(),
            m.hardship.into(),
            direction.into(),
            m.mobile.whereabouts.as_str().into(),
        ]);
        if personal {
            cells.push(m.mobile.contact.as_str().into());
        }
        let arrived = m.transfer_in.as_ref();
        cells.extend([
            arrived.map(|t| t.date).into(),
            arrived.map_or("", |t| t.other_branch.as_str()).into(),
            m.notes.as_str().into(),
        ]);
        cells.extend(row.cells.iter().map(|c| Value::from(c.text.clone())));
        cells.push(row.complete().into());
        if !row.complete() {
            table.highlighted.push(table.rows.len());
        }
        table.push_record(m.name.as_str(), cells);
    }
    table
}

/// One row per member: hours attended, made up, and their sum as a
/// formula (result stored), then one column per session.
fn study_table(ledger: &Ledger) -> Table {
    let mut sessions: Vec<_> = ledger.study.sessions.iter().collect();
    sessions.sort_by_key(|s| (s.date, s.id));
    // A session's column is headed by its date and hours (a second one on
    // the same day by 第2场 …); its topic is the heading's note, so that a
    // column is as wide as the 出席 / 请假 it holds, not as its topic.
    let mut on_day: HashMap<Date, usize> = HashMap::new();
    let titles: Vec<String> = sessions
        .iter()
        .map(|s| {
            let nth = on_day.entry(s.date).or_default();
            *nth += 1;
            let day = crate::model::dates::show(s.date);
            match *nth {
                1 => format!("{day}（{}学时）", s.hours),
                n => format!("{day} 第{n}场（{}学时）", s.hours),
            }
        })
        .collect();
    let mut header = vec!["姓名", "应学学时", "出席学时", "补学学时", "合计学时", "达标", "免学"];
    let first_session = header.len();
    header.extend(titles.iter().map(String::as_str));
    let mut table = Table::new(&header);
    table.header_notes = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (first_session + i, format!("{}（{} 学时）", s.topic, s.hours)))
        .collect();
    let hours: HashMap<MemberId, _> = hours_of_all(ledger).into_iter().map(|h| (h.member, h)).collect();
    let (c_attended, c_made_up) = (column_letter(2), column_letter(3));
    let roll = Roll::of(ledger);
    for member in ledger.members.iter().filter(|m| roll.counts(m.id)) {
        let Some(h) = hours.get(&member.id) else { continue };
        let r = table.rows.len() + 2;
        let mut cells = vec![
            member.name.as_str().into(),
            h.required.into(),
            h.attended.into(),
            h.made_up.into(),
            Value::Formula(format!("={c_attended}{r}+{c_made_up}{r}"), h.total()),
            h.met().into(),
            h.exempt.into(),
        ];
        cells.extend(sessions.iter().map(|s| match s.attendance.get(&member.id) {
            Some(a) => Value::label(a.label()),
            None if member.active_on(s.date) => Value::label("未登记"),
            None => Value::Empty,
        }));
        if !h.met() {
            table.highlighted.push(table.rows.len());
        }
        table.push_record(member.name.as_str(), cells);
    }
    table
}

fn opinions_table(ledger: &Ledger) -> Table {
    let records = &ledger.opinions;
    let mut table = Table::new(&[
        "日期",
        "渠道",
        "来源",
        "针对",
        "方面",
        "意见内容",
        "梳理为",
        "反馈日期",
        "签收日期",
    ]);
    let (issues, names) = (records.issues_by_id(), ledger.member_names());
    for o in &records.opinions {
        let issue = o.issue.and_then(|i| issues.get(&i).copied());
        let about = o.about.label_in(&names);
        let record = format!(
            "{} {}对{about}的意见",
            crate::model::dates::show(o.date),
            o.source.label()
        );
        let row = vec![
            Value::Date(o.date),
            o.channel.label().into(),
            o.source.label().into(),
            about.into(),
            o.aspect.label().into(),
            o.content.as_str().into(),
            issue.map_or("（未梳理）", |i| i.content.as_str()).into(),
            issue.and_then(|i| i.fed_back).into(),
            issue.and_then(|i| i.signed).into(),
        ];
        table.push_record(record, row);
    }
    table
}

fn talks_table(ledger: &Ledger) -> Table {
    let mut table = Table::new(&[
        "日期",
        "类型",
        "参加党员",
        "其他人员",
        "主题",
        "提出的问题",
        "达成的共识",
        "审阅人",
        "审阅日期",
    ]);
    let names = ledger.member_names();
    for t in &ledger.talks {
        let members: Vec<&str> = t.members.iter().map(|m| names.name(*m)).collect();
        let others: Vec<String> = t.others.iter().map(|o| format!("{}（{}）", o.name, o.role)).collect();
        let record = format!(
            "{} {}：{}",
            crate::model::dates::show(t.date),
            t.kind.label(),
            short(&members.join("、"))
        );
        let row = vec![
            Value::Date(t.date),
            t.kind.label().into(),
            members.join("、").into(),
            others.join("、").into(),
            t.topic.as_str().into(),
            t.problems.as_str().into(),
            t.outcome.as_str().into(),
            t.review.as_ref().map_or("", |r| r.by.as_str()).into(),
            t.review.as_ref().map(|r| r.date).into(),
        ];
        table.push_record(record, row);
    }
    table
}

fn appraisal_table(ledger: &Ledger) -> Table {
    let mut table = Table::new(&[
        "姓名",
        "谈心次数",
        "应谈次数",
        "意见条数",
        "已签收",
        "党性分析",
        "字数",
        "灵活方式",
        "组织生活会",
        "评定等次",
        "处置",
        "评议意见",
    ]);
    let roll = Roll::of(ledger);
    let (names, results) = (ledger.member_names(), ledger.appraisal.results_by_member());
    for a in appraisal_of_all(ledger, None) {
        let Some(m) = names.member(a.member).filter(|m| roll.counts(m.id)) else {
            continue;
        };
        let result = results.get(&a.member).copied();
        let row = vec![
            m.name.as_str().into(),
            a.talks.into(),
            a.talks_required.into(),
            a.issues.into(),
            a.signed.into(),
            a.analysis.map_or("未写", |s| s.label()).into(),
            a.analysis_chars.into(),
            a.flexible.into(),
            a.meeting.label().into(),
            a.grade.map_or("", |g| g.label()).into(),
            result.and_then(|r| r.disposition).map_or("", |d| d.label()).into(),
            result.map_or("", |r| r.branch_opinion.as_str()).into(),
        ];
        table.push_record(m.name.as_str(), row);
    }
    table
}

fn rectification_table(ledger: &Ledger, today: Date) -> Table {
    let records = &ledger.rectification;
    let mut table = Table::new(&[
        "类别",
        "责任人",
        "问题",
        "整改措施",
        "完成时限",
        "状态",
        "逾期",
        "完成日期",
    ]);
    let names = ledger.member_names();
    for c in &records.commitments {
        let overdue = c.is_overdue(today);
        if overdue {
            table.highlighted.push(table.rows.len());
        }
        let record = format!("{}的个人承诺：{}", names.name(c.member), short(&c.problem));
        let row = vec![
            "个人承诺".into(),
            names.name(c.member).into(),
            c.problem.as_str().into(),
            c.measure.as_str().into(),
            c.deadline.into(),
            c.status.label().into(),
            overdue.into(),
            c.completed.into(),
        ];
        table.push_record(record, row);
    }
    for item in &records.branch_items {
        let overdue = item.is_overdue(today);
        if overdue {
            table.highlighted.push(table.rows.len());
        }
        let kind = match (item.hot, item.immediate) {
            (true, _) => "群众热盼",
            (false, true) => "立说立行",
            (false, false) => "支部整改",
        };
        let record = format!("{kind}（{}）：{}", item.responsible, short(&item.problem));
        let row = vec![
            kind.into(),
            item.responsible.as_str().into(),
            item.problem.as_str().into(),
            item.measure.as_str().into(),
            item.deadline.into(),
            item.status.label().into(),
            overdue.into(),
            item.completed.into(),
        ];
        table.push_record(record, row);
    }
    table
}

/// The beginning of a text that names a record ("村道硬化……"), short
/// enough for a message.
fn short(text: &str) -> String {
    const SHOWN: usize = 20;
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(SHOWN).collect();
    if chars.next().is_some() {
        format!("{head}……")
    } else {
        head
    }
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::model::Date;

    /// Every sheet of a workbook as calamine reads it back.
    fn read(bytes: &[u8]) -> Vec<Vec<Vec<Data>>> {
        let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("workbook opens");
        SHEETS
            .iter()
            .map(|name| {
                let range = book.worksheet_range(name).expect("sheet exists");
                range.rows().map(<[Data]>::to_vec).collect()
            })
            .collect()
    }

    #[test]
    fn large_sheets_written_row_by_row_read_back_as_the_plain_ones() {
        let today = Date::constant(2006, 5, 31);
        let ledger = crate::demo::demo_ledger_finished(40, today);
        let figures = crate::progress::figures(&ledger, today);
        let options = ExportOptions::default();
        let plain = workbook_with(&ledger, &figures, options, usize::MAX).expect("plain workbook");
        // Every sheet large, as at 100,000 members.
        let streamed = workbook_with(&ledger, &figures, options, 0).expect("streamed workbook");
        let (plain_sheets, streamed_sheets) = (read(&plain.bytes), read(&streamed.bytes));
        assert_eq!(plain_sheets, streamed_sheets);
        let study = &streamed_sheets[2];
        // The heading, then every member on the roll.
        assert_eq!(study.len(), Roll::of(&ledger).members() + 1);
        assert!(study.len() > 30, "{}", study.len());
        assert!(study.iter().flatten().any(|c| *c == Data::String("出席".into())));
        assert_eq!((plain.cuts, plain.masked), (streamed.cuts, streamed.masked));
    }
}
