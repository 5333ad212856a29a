//! Pages filled from a member's own records: the opinions to sign for
//! (征求意见反馈清单), the party-spirit analysis (党性分析材料), and the
//! rectification commitments (整改承诺书) with the branch's 整改台账.

use std::collections::HashMap;

use super::super::compose::Composer;
use super::super::table::{Align, Cell, Col, Row, Table};
use super::super::{PrintError, Request, show_date};
use super::{comparison, members, or_dash};
use crate::model::analysis::Analysis;
use crate::model::analysis::{AnalysisStatus, DraftParts, PROBLEM_ASPECTS, chinese_number};
use crate::model::opinion::{Issue, Target};
use crate::model::rectification::Commitment;
use crate::model::{Ledger, Member, MemberId};

fn blank_rows(count: usize, cols: usize, height: f32) -> Vec<Row> {
    (1..=count)
        .map(|n| {
            let mut cells = vec![Cell::Text(n.to_string())];
            cells.extend((1..cols).map(|_| Cell::Text(String::new())));
            Row {
                cells,
                shaded: false,
                min_height: height,
            }
        })
        .collect()
}

/// The members a per-member blank form is printed for: those chosen, or
/// one form without a name.
fn blank_people<'a>(ledger: &'a Ledger, request: &Request) -> Vec<Option<&'a Member>> {
    if request.members.is_empty() {
        vec![None]
    } else {
        members(ledger, request).into_iter().map(Some).collect()
    }
}

/// 征求意见反馈清单: per member, the distinct opinions about them with the
/// dates fed back and signed, and a line to sign for them.
pub fn opinions(
    c: &mut Composer,
    ledger: &Ledger,
    request: &Request,
    progress: &dyn Fn(f32),
) -> Result<(), PrintError> {
    let cols = vec![
        Col::new("序号", 0.5, Align::Center),
        Col::new("意见内容", 4.0, Align::Left),
        Col::new("方面", 1.0, Align::Center),
        Col::new("反馈日期", 1.3, Align::Center),
        Col::new("签收日期", 1.3, Align::Center),
    ];
    let page = |c: &mut Composer, name: &str, rows: Vec<Row>| {
        c.page_break();
        c.title("征求意见反馈清单", 16.0);
        c.fields(&[("党员姓名", name.to_owned())], 10.5);
        Table {
            cols: cols.clone(),
            rows,
            size: 10.0,
        }
        .place(c);
        c.space(6.0);
        c.paragraph(
            "以上意见已反馈本人。本人已收到并认真对照检查，将在党性分析和整改中逐条回应。",
            10.5,
            true,
        );
        c.signatures(&["本人签收", "签收日期"], 10.5);
    };
    if request.blank {
        for m in blank_people(ledger, request) {
            page(c, m.map_or("", |m| &m.name), blank_rows(8, 5, 40.0));
        }
        return Ok(());
    }
    let people = members(ledger, request);
    let mut about: HashMap<MemberId, Vec<&Issue>> = HashMap::new();
    for issue in &ledger.opinions.issues {
        if let Target::Member(member) = issue.about {
            about.entry(member).or_default().push(issue);
        }
    }
    let mut printed = 0;
    for (n, m) in people.iter().enumerate() {
        progress(n as f32 / people.len().max(1) as f32);
        let Some(issues) = about.get(&m.id) else {
            continue;
        };
        let rows = issues
            .iter()
            .enumerate()
            .map(|(i, issue)| {
                Row::new(vec![
                    Cell::Text((i + 1).to_string()),
                    Cell::Text(issue.content.clone()),
                    Cell::Text(issue.aspect.label().to_owned()),
                    Cell::Text(issue.fed_back.map_or(String::new(), show_date)),
                    Cell::Text(issue.signed.map_or(String::new(), show_date)),
                ])
            })
            .collect();
        page(c, &m.name, rows);
        printed += 1;
    }
    if printed == 0 {
        return Err(PrintError::Nothing("所选党员没有收到意见；可以打印空白清单".to_owned()));
    }
    Ok(())
}

/// 党性分析材料: each chosen member's latest draft, set as a document —
/// title, name and date, body paragraphs, review opinions — and, when
/// asked for, the 审阅对照 of the last two drafts after it. Blank: the
/// parts' headings with ruled lines to write on, for each chosen member
/// (or one without a name) — never anyone's text.
pub fn analyses(
    c: &mut Composer,
    ledger: &Ledger,
    request: &Request,
    progress: &dyn Fn(f32),
) -> Result<(), PrintError> {
    if request.blank {
        for m in blank_people(ledger, request) {
            blank_analysis(c, m.map_or("", |m| &m.name));
        }
        return Ok(());
    }
    let people = members(ledger, request);
    // A member's first analysis, as a scan would find it.
    let mut of_member: HashMap<MemberId, &Analysis> = HashMap::with_capacity(ledger.analyses.len());
    for a in &ledger.analyses {
        of_member.entry(a.member).or_insert(&**a);
    }
    let mut printed = 0;
    for (n, m) in people.iter().enumerate() {
        progress(n as f32 / people.len().max(1) as f32);
        let Some(&analysis) = of_member.get(&m.id) else {
            continue;
        };
        let Some(revision) = analysis.revisions.last() else {
            continue;
        };
        c.page_break();
        c.space(10.0);
        c.title("党性分析材料", 20.0);
        c.title(&format!("{}　　{}", m.name, show_date(revision.date)), 11.0);
        if analysis.status != AnalysisStatus::Final {
            c.title(&format!("（{}）", analysis.status.label()), 10.0);
        }
        if let Some(flex) = &analysis.flexible {
            c.title(
                &format!("（灵活方式：{}，{}代笔）", or_dash(&flex.how), or_dash(&flex.scribe)),
                9.5,
            );
        }
        c.space(10.0);
        let text = revision.full_text();
        if text.trim().is_empty() {
            c.paragraph(&format!("（书面材料另附，共 {} 字）", revision.chars()), 11.0, true);
        }
        for para in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let heading = para.chars().count() < 30 && !para.ends_with('。');
            c.paragraph(para, if heading { 11.5 } else { 11.0 }, !heading);
        }
        if !analysis.reviews.is_empty() {
            c.space(8.0);
            c.paragraph("审阅意见：", 11.0, false);
            for r in &analysis.reviews {
                c.paragraph(
                    // The reviewer's name often carries their post in
                    // brackets already: no second pair around it.
                    &format!("{}　{}　{}", r.comment.trim(), r.by, show_date(r.date)),
                    10.5,
                    true,
                );
            }
        }
        c.signatures(&["本人签名", "日期"], 11.0);
        if request.with_comparison {
            comparison::comparison(c, m, analysis);
        }
        printed += 1;
    }
    if printed == 0 {
        return Err(PrintError::Nothing("所选党员还没有党性分析材料".to_owned()));
    }
    Ok(())
}

/// One blank 党性分析材料: name and date to fill in, then each part's
/// heading (the five aspects of 存在的问题 under theirs) with ruled lines;
/// a heading never ends a page without lines under it.
fn blank_analysis(c: &mut Composer, name: &str) {
    const GAP: f32 = 24.0;
    c.page_break();
    c.space(6.0);
    c.title("党性分析材料", 20.0);
    c.fields(
        &[("姓名", name.to_owned()), ("日期", "　　年　　月　　日".to_owned())],
        11.0,
    );
    c.space(4.0);
    let section = |c: &mut Composer, heading: &str, size: f32, lines: usize| {
        c.ensure(size * 2.0 + GAP * 3.0);
        c.paragraph(heading, size, false);
        c.ruled_lines(lines, GAP);
    };
    section(c, DraftParts::OPENING, 11.5, 5);
    section(c, DraftParts::PROBLEMS, 11.5, 0);
    for (i, aspect) in PROBLEM_ASPECTS.iter().enumerate() {
        section(
            c,
            &format!("（{}）{}方面", chinese_number(i + 1), aspect.label()),
            11.0,
            4,
        );
    }
    section(c, DraftParts::CAUSES, 11.5, 5);
    section(c, DraftParts::DIRECTION, 11.5, 5);
    // The review lines and the signature stay together.
    c.ensure(11.0 * 2.0 + GAP * 3.0 + 40.0);
    section(c, "审阅意见：", 11.0, 3);
    c.signatures(&["本人签名", "日期"], 11.0);
}

/// 整改承诺书 for each chosen member with commitments, then the branch's
/// 整改台账. Blank: a commitment form to fill by hand.
pub fn commitments(c: &mut Composer, ledger: &Ledger, request: &Request, progress: &dyn Fn(f32)) {
    let cols = vec![
        Col::new("序号", 0.5, Align::Center),
        Col::new("存在的问题", 2.6, Align::Left),
        Col::new("整改措施", 3.0, Align::Left),
        Col::new("完成时限", 1.3, Align::Center),
        Col::new("完成情况", 1.1, Align::Center),
    ];
    let page = |c: &mut Composer, name: &str, rows: Vec<Row>| {
        c.page_break();
        c.title("整改承诺书", 18.0);
        c.fields(&[("党员姓名", name.to_owned())], 10.5);
        c.paragraph(
            "根据征求意见、党性分析和民主评议中查找出的问题，本人作出如下整改承诺，公开接受党组织和群众监督：",
            10.5,
            true,
        );
        c.space(4.0);
        Table {
            cols: cols.clone(),
            rows,
            size: 10.0,
        }
        .place(c);
        c.signatures(&["承诺人", "日期"], 10.5);
    };
    if request.blank {
        for m in blank_people(ledger, request) {
            page(c, m.map_or("", |m| &m.name), blank_rows(6, 5, 48.0));
        }
        return;
    }
    let people = members(ledger, request);
    let mut of_member: HashMap<MemberId, Vec<&Commitment>> = HashMap::new();
    for k in &ledger.rectification.commitments {
        of_member.entry(k.member).or_default().push(k);
    }
    for (n, m) in people.iter().enumerate() {
        progress(n as f32 / people.len().max(1) as f32 * 0.9);
        let rows: Vec<Row> = of_member
            .get(&m.id)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .enumerate()
            .map(|(i, k)| {
                Row::new(vec![
                    Cell::Text((i + 1).to_string()),
                    Cell::Text(k.problem.clone()),
                    Cell::Text(k.measure.clone()),
                    Cell::Text(k.deadline.map_or("—".to_owned(), show_date)),
                    Cell::Check(Some(k.completed.is_some()), k.status.label().to_owned()),
                ])
            })
            .collect();
        if !rows.is_empty() {
            page(c, &m.name, rows);
        }
    }
    c.page_break();
    c.title("支部整改台账", 18.0);
    let cols = vec![
        Col::new("序号", 0.5, Align::Center),
        Col::new("问题", 2.4, Align::Left),
        Col::new("整改措施", 2.8, Align::Left),
        Col::new("责任人", 0.9, Align::Center),
        Col::new("完成时限", 1.3, Align::Center),
        Col::new("状态", 1.0, Align::Center),
        Col::new("整改结果", 2.0, Align::Left),
    ];
    let mut rows: Vec<Row> = ledger
        .rectification
        .branch_items
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut problem = b.problem.clone();
            if b.hot {
                problem.push_str("（群众热盼）");
            }
            if b.immediate {
                problem.push_str("（立说立行）");
            }
            Row::new(vec![
                Cell::Text((i + 1).to_string()),
                Cell::Text(problem),
                Cell::Text(b.measure.clone()),
                Cell::Text(or_dash(&b.responsible)),
                Cell::Text(b.deadline.map_or("—".to_owned(), show_date)),
                Cell::Check(Some(b.completed.is_some()), b.status.label().to_owned()),
                Cell::Text(b.result.clone()),
            ])
        })
        .collect();
    if rows.is_empty() {
        rows = blank_rows(6, 7, 40.0);
    }
    Table { cols, rows, size: 9.5 }.place(c);
    c.signatures(&["支部书记", "日期"], 10.5);
}
