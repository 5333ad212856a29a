//! P2b (issue 23), the writer half: the demo branch saved as a ledger and
//! the same records written as a workbook, for `benches/p2b_libreoffice.sh`
//! to time `zhibu load` of the one against LibreOffice opening and
//! converting the other.
//!
//! The workbook holds what the ledger holds, record by record: every
//! member's roster fields, every study session, every attendance mark (a
//! member × session grid), every make-up, every party-spirit analysis
//! draft with all its parts and its whole text, every talk card, every
//! opinion, every commitment. It is not the export workbook (that one is
//! the tables for the county, without the drafts' texts); it is what a
//! branch keeping its ledger in a spreadsheet would have to open.
//!
//!     cargo bench --bench p2b_workbook -- MEMBERS OUT_DIR
//!
//! writes `OUT_DIR/支部台账.ron` and `OUT_DIR/支部台账.xlsx` and prints
//! their sizes.

use std::path::Path;

use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use zhibu::model::{Date, Ledger, dates};

const TODAY: Date = Date::constant(2026, 11, 24);

fn main() {
    // `cargo bench` hands a harness-less bench `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let (Some(members), Some(out)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: p2b_workbook MEMBERS OUT_DIR");
        std::process::exit(2);
    };
    let out = Path::new(out);
    let ledger = zhibu::demo::demo_ledger(members, TODAY);
    let ron = out.join("支部台账.ron");
    if let Err(e) = zhibu::store::save(&ron, &ledger, None) {
        eprintln!("{e}");
        std::process::exit(1);
    }
    let xlsx = out.join("支部台账.xlsx");
    if let Err(e) = workbook(&ledger).and_then(|mut book| book.save(&xlsx)) {
        eprintln!("workbook: {e}");
        std::process::exit(1);
    }
    let size = |p: &Path| p.metadata().map_or(0, |m| m.len()) as f64 / 1_048_576.0;
    println!(
        "{members} members: ledger {:.1} MB, workbook of the same records {:.1} MB",
        size(&ron),
        size(&xlsx)
    );
}

/// One row of cells, texts and numbers.
enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Number(f64),
}

fn date(d: Option<Date>) -> Cell<'static> {
    Cell::Owned(d.map(dates::show).unwrap_or_default())
}

fn write_row(sheet: &mut Worksheet, row: u32, cells: &[Cell]) -> Result<(), XlsxError> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Text(t) => sheet.write_string(row, col, *t)?,
            Cell::Owned(t) => sheet.write_string(row, col, t)?,
            Cell::Number(n) => sheet.write_number(row, col, *n)?,
        };
    }
    Ok(())
}

fn sheet<'b>(book: &'b mut Workbook, name: &str, header: &[&str]) -> Result<&'b mut Worksheet, XlsxError> {
    let sheet = book.add_worksheet().set_name(name)?;
    for (col, title) in header.iter().enumerate() {
        sheet.write_string(0, col as u16, *title)?;
    }
    Ok(sheet)
}

fn workbook(ledger: &Ledger) -> Result<Workbook, XlsxError> {
    use Cell::Text;
    let mut book = Workbook::new();

    let s = sheet(
        &mut book,
        "党员",
        &[
            "姓名",
            "性别",
            "民族",
            "出生日期",
            "入党时间",
            "学历",
            "工作单位及职务",
            "联系电话",
            "身份证号",
            "备注",
        ],
    )?;
    for (i, m) in ledger.members.iter().enumerate() {
        let row = [
            Text(&m.name),
            Text(m.gender.label()),
            Text(&m.ethnicity),
            date(m.birth),
            date(m.joined),
            Text(&m.education),
            Text(&m.position),
            Text(&m.phone),
            Text(&m.id_number),
            Text(&m.notes),
        ];
        write_row(s, i as u32 + 1, &row)?;
    }

    study_sheets(&mut book, ledger)?;
    record_sheets(&mut book, ledger)?;
    Ok(book)
}

/// 学习, 考勤 and 补学: every session, every mark, every make-up.
fn study_sheets(book: &mut Workbook, ledger: &Ledger) -> Result<(), XlsxError> {
    use Cell::{Number, Text};
    let names = ledger.member_names();
    let s = sheet(
        book,
        "学习",
        &["日期", "学时", "主题", "学习材料", "地点", "主持人", "备注"],
    )?;
    for (i, session) in ledger.study.sessions.iter().enumerate() {
        let row = [
            date(Some(session.date)),
            Number(session.hours),
            Text(&session.topic),
            Text(&session.material),
            Text(&session.place),
            Text(&session.host),
            Text(&session.notes),
        ];
        write_row(s, i as u32 + 1, &row)?;
    }

    // Every attendance mark: a member per row, a session per column.
    let titles: Vec<String> = ledger.study.sessions.iter().map(|s| dates::show(s.date)).collect();
    let mut header = vec!["姓名"];
    header.extend(titles.iter().map(String::as_str));
    let s = sheet(book, "考勤", &header)?;
    for (i, m) in ledger.members.iter().enumerate() {
        let mut row = vec![Text(&m.name)];
        row.extend(
            ledger
                .study
                .sessions
                .iter()
                .map(|session| Text(session.attendance.get(&m.id).map_or("", |a| a.label()))),
        );
        write_row(s, i as u32 + 1, &row)?;
    }

    let s = sheet(book, "补学", &["党员", "日期", "学时", "送学人", "备注"])?;
    for (i, u) in ledger.study.make_ups.iter().enumerate() {
        let row = [
            Text(names.name(u.member)),
            date(Some(u.date)),
            Number(u.hours),
            Text(&u.delivered_by),
            Text(&u.notes),
        ];
        write_row(s, i as u32 + 1, &row)?;
    }

    Ok(())
}

/// 党性分析, 谈心谈话, 征求意见 and 整改承诺: every draft, card, opinion and
/// commitment.
fn record_sheets(book: &mut Workbook, ledger: &Ledger) -> Result<(), XlsxError> {
    use Cell::{Owned, Text};
    let names = ledger.member_names();
    // Every draft of every party-spirit analysis, each part in its cell.
    let s = sheet(
        book,
        "党性分析",
        &[
            "党员",
            "日期",
            "基本情况",
            "问题一",
            "问题二",
            "问题三",
            "问题四",
            "问题五",
            "根源",
            "努力方向",
            "全文",
            "说明",
        ],
    )?;
    let mut r = 1;
    for analysis in &ledger.analyses {
        for revision in &analysis.revisions {
            let p = &revision.parts;
            let mut row = vec![
                Text(names.name(analysis.member)),
                date(Some(revision.date)),
                Text(&p.opening),
            ];
            row.extend(p.problems.iter().map(|t| Text(t)));
            row.extend([
                Text(&p.causes),
                Text(&p.direction),
                Text(&revision.text),
                Text(&revision.note),
            ]);
            write_row(s, r, &row)?;
            r += 1;
        }
    }

    let s = sheet(
        book,
        "谈心谈话",
        &[
            "日期",
            "地点",
            "参加党员",
            "主题",
            "谈话内容",
            "提出的问题",
            "达成的共识",
        ],
    )?;
    for (i, t) in ledger.talks.iter().enumerate() {
        let members: Vec<&str> = t.members.iter().map(|m| names.name(*m)).collect();
        let row = [
            date(Some(t.date)),
            Text(&t.place),
            Owned(members.join("、")),
            Text(&t.topic),
            Text(&t.content),
            Text(&t.problems),
            Text(&t.outcome),
        ];
        write_row(s, i as u32 + 1, &row)?;
    }

    let s = sheet(book, "征求意见", &["日期", "来源", "意见内容"])?;
    for (i, o) in ledger.opinions.opinions.iter().enumerate() {
        let row = [date(Some(o.date)), Text(&o.source_name), Text(&o.content)];
        write_row(s, i as u32 + 1, &row)?;
    }

    let s = sheet(
        book,
        "整改承诺",
        &["党员", "问题", "整改措施", "完成时限", "完成日期", "佐证", "备注"],
    )?;
    for (i, c) in ledger.rectification.commitments.iter().enumerate() {
        let row = [
            Text(names.name(c.member)),
            Text(&c.problem),
            Text(&c.measure),
            date(c.deadline),
            date(c.completed),
            Text(&c.evidence),
            Text(&c.note),
        ];
        write_row(s, i as u32 + 1, &row)?;
    }
    Ok(())
}
