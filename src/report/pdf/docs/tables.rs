//! The branch-wide tables: 党员对照检查清单, 学时登记表, 学习签到表,
//! 民主评议党员测评表 and 群众满意度测评表.

use std::collections::{HashMap, HashSet};

use super::super::compose::{Composer, LEADING};
use super::super::table::{Align, Cell, Col, Row, Table};
use super::super::{PrintError, Request, show_date};
use super::{members, or_dash};
use crate::model::Ledger;
use crate::model::Settings;
use crate::model::appraisal::Grade;
use crate::model::rectification::{INVALID_BALLOT, SurveyAnswer, SurveyCounts};
use crate::model::study::Attendance;
use crate::model::study_rules::show_hours;
use crate::progress::{checklist as member_checklist, hours_of_all};

/// 党员对照检查清单: one row per member, one column per requirement of the
/// campaign so far (tick box and figure), and a totals row. Blank: the
/// members' names and empty cells, to tick by hand.
pub fn checklist(c: &mut Composer, ledger: &Ledger, request: &Request) {
    let mut list = member_checklist(ledger);
    // Only the chosen members, and the totals over them.
    let chosen: HashSet<_> = members(ledger, request).iter().map(|m| m.id).collect();
    list.rows.retain(|r| chosen.contains(&r.member));
    c.title("党员对照检查清单", 16.0);
    if request.blank {
        let mut cols = vec![
            Col::new("序号", 0.55, Align::Center),
            Col::new("姓名", 1.1, Align::Left),
        ];
        cols.extend(
            list.columns
                .iter()
                .map(|column| Col::new(column.title(), 1.35, Align::Left)),
        );
        cols.push(Col::new("全部完成", 0.8, Align::Center));
        let rows = name_rows(list.rows.iter().map(|r| r.name.as_str()), cols.len(), 22.0);
        Table { cols, rows, size: 8.5 }.place(c);
        c.signatures(&["支部书记", "填表日期"], 10.0);
        return;
    }
    c.paragraph(
        &format!(
            "当前阶段：{}　列入 {} 人　已全部完成 {} 人",
            ledger.campaign.stage.title(),
            list.rows.len(),
            list.rows.iter().filter(|r| r.complete()).count()
        ),
        9.5,
        false,
    );
    c.space(4.0);
    let mut cols = vec![
        Col::new("序号", 0.55, Align::Center),
        Col::new("姓名", 1.1, Align::Left),
    ];
    for column in &list.columns {
        cols.push(Col::new(column.title(), 1.35, Align::Left));
    }
    cols.push(Col::new("全部完成", 0.8, Align::Center));
    let mut rows = Vec::new();
    for (i, row) in list.rows.iter().enumerate() {
        let mut cells = vec![Cell::Text((i + 1).to_string()), Cell::Text(row.name.clone())];
        cells.extend(row.cells.iter().map(|cell| Cell::Check(cell.done, cell.text.clone())));
        cells.push(Cell::Check(Some(row.complete()), String::new()));
        rows.push(Row::new(cells));
    }
    let mut totals = vec![Cell::Text(String::new()), Cell::Text("合计".to_owned())];
    for (met, all) in list.totals() {
        totals.push(Cell::Text(format!("{met}/{all}")));
    }
    totals.push(Cell::Text(format!(
        "{}/{}",
        list.rows.iter().filter(|r| r.complete()).count(),
        list.rows.len()
    )));
    rows.push(Row {
        cells: totals,
        shaded: true,
        min_height: 0.0,
    });
    Table { cols, rows, size: 8.5 }.place(c);
    c.signatures(&["支部书记", "填表日期"], 10.0);
}

/// The weights of a part of the 学时登记表 with twelve sessions and no
/// totals: 序号, 姓名 and the sessions.
const FULL_PART_WEIGHT: f32 = 0.6 + 1.2 + 12.0 * 0.8;

/// 学时登记表: members × sessions (hours attended), make-up and totals;
/// wide campaigns are split into several tables of at most 12 sessions.
/// Blank: the members' names and twelve session columns whose date and
/// hours are written in by hand.
pub fn hours(c: &mut Composer, ledger: &Ledger, request: &Request) {
    if request.blank {
        return blank_hours(c, ledger, request);
    }
    let mut sessions: Vec<_> = ledger.study.sessions.iter().collect();
    sessions.sort_by_key(|s| s.date);
    let people = members(ledger, request);
    // A member's first row, as a scan would find it.
    let mut totals = HashMap::new();
    for h in hours_of_all(ledger) {
        totals.entry(h.member).or_insert(h);
    }
    c.title("学时登记表", 16.0);
    let chunks: Vec<_> = sessions.chunks(12).collect();
    let parts = chunks.len().max(1);
    for part in 0..parts {
        let chunk = chunks.get(part).copied().unwrap_or(&[]);
        let last = part + 1 == parts;
        let mut cols = vec![Col::new("序号", 0.6, Align::Center), Col::new("姓名", 1.2, Align::Left)];
        for s in chunk {
            cols.push(Col::new(
                format!("{}月{}日\n{}学时", s.date.month(), s.date.day(), show_hours(s.hours)),
                0.8,
                Align::Center,
            ));
        }
        if last {
            cols.push(Col::new("补学", 0.8, Align::Center));
            cols.push(Col::new("合计", 0.8, Align::Center));
            cols.push(Col::new("要求", 0.8, Align::Center));
        }
        let mut rows = Vec::new();
        for (i, m) in people.iter().enumerate() {
            let mut cells = vec![Cell::Text((i + 1).to_string()), Cell::Text(m.name.clone())];
            for s in chunk {
                // Hours for present, the mark (假, 缺) for a missed session.
                cells.push(Cell::Text(match s.attendance.get(&m.id) {
                    Some(a) => a.mark().map_or_else(|| show_hours(s.hours), str::to_owned),
                    None => String::new(),
                }));
            }
            if last {
                let h = totals.get(&m.id);
                cells.push(Cell::Text(h.map_or(String::new(), |h| show_hours(h.made_up))));
                match h {
                    Some(h) if h.exempt => {
                        cells.push(Cell::Check(None, show_hours(h.total())));
                        cells.push(Cell::Text("免学".to_owned()));
                    }
                    Some(h) => {
                        cells.push(Cell::Check(Some(h.met()), show_hours(h.total())));
                        cells.push(Cell::Text(show_hours(h.required)));
                    }
                    None => {
                        cells.push(Cell::Text(String::new()));
                        cells.push(Cell::Text(String::new()));
                    }
                }
            }
            rows.push(Row::new(cells));
        }
        // A part of fewer sessions keeps the column widths of a full part
        // rather than spreading its few columns across the page.
        let weight: f32 = cols.iter().map(|col| col.weight).sum();
        let width = match parts {
            1 => c.width(),
            _ => c.width() * weight / FULL_PART_WEIGHT,
        };
        let table = Table { cols, rows, size: 8.5 };
        if parts > 1 {
            // The part's heading never ends a page: it goes over with the
            // start of its table.
            const HEADING: f32 = 10.0;
            c.ensure(HEADING * LEADING + table.start_height_within(c, width));
            c.paragraph(
                &format!(
                    "（{}）第 {}–{} 次学习",
                    part + 1,
                    part * 12 + 1,
                    part * 12 + chunk.len()
                ),
                HEADING,
                false,
            );
        }
        table.place_within(c, width);
        c.space(2.0);
    }
    let (leave, absent) = (Attendance::Leave(String::new()), Attendance::Absent);
    c.paragraph(
        &format!(
            "说明：“{}”为{}，“{}”为{}，须补学；合计含补学学时。",
            leave.mark().unwrap_or_default(),
            leave.label(),
            absent.mark().unwrap_or_default(),
            absent.label()
        ),
        9.0,
        false,
    );
}

/// Rows of a blank table to fill by hand: 序号, the name, then `width` − 2
/// empty cells, each row `height` tall.
fn name_rows<'a>(names: impl Iterator<Item = &'a str>, width: usize, height: f32) -> Vec<Row> {
    names
        .enumerate()
        .map(|(i, name)| {
            let mut cells = vec![Cell::Text((i + 1).to_string()), Cell::Text(name.to_owned())];
            cells.resize(width, Cell::Text(String::new()));
            Row {
                cells,
                shaded: false,
                min_height: height,
            }
        })
        .collect()
}

/// A blank 学时登记表: 序号, 姓名, twelve sessions headed by blanks for
/// the date and hours, 补学 and 合计.
fn blank_hours(c: &mut Composer, ledger: &Ledger, request: &Request) {
    const SESSIONS: usize = 12;
    c.title("学时登记表", 16.0);
    let mut cols = vec![Col::new("序号", 0.6, Align::Center), Col::new("姓名", 1.2, Align::Left)];
    cols.extend((0..SESSIONS).map(|_| Col::new("　月　日\n　学时", 0.8, Align::Center)));
    cols.push(Col::new("补学", 0.8, Align::Center));
    cols.push(Col::new("合计", 0.8, Align::Center));
    let people = members(ledger, request);
    let rows = name_rows(people.iter().map(|m| m.name.as_str()), cols.len(), 20.0);
    Table { cols, rows, size: 8.5 }.place(c);
    c.space(2.0);
    c.paragraph(
        "说明：出席的填学时数，请假的填“假”，缺席的填“缺”，须补学；合计含补学学时。",
        9.0,
        false,
    );
    c.signatures(&["支部书记", "填表日期"], 10.0);
}

/// Rows of a blank 学习签到表: as many as fit on one page with the
/// facts above and the counts and signatures below.
const BLANK_SIGN_IN_ROWS: usize = 20;

/// 学习签到表 of one session: its facts, then names with a blank column to
/// sign in. Blank: the facts and names left for hand.
pub fn sign_in(c: &mut Composer, ledger: &Ledger, request: &Request) -> Result<(), PrintError> {
    c.title("学习签到表", 16.0);
    let session = match request.session {
        Some(id) => ledger.study.sessions.iter().find(|s| s.id == id),
        None => ledger.study.sessions.iter().max_by_key(|s| s.date),
    };
    let cols = vec![
        Col::new("序号", 0.5, Align::Center),
        Col::new("姓名", 1.2, Align::Left),
        Col::new("本人签名", 1.6, Align::Left),
        Col::new("备注", 1.4, Align::Left),
    ];
    let blank_row = |n: usize| Row {
        cells: vec![
            Cell::Text(n.to_string()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
            Cell::Text(String::new()),
        ],
        shaded: false,
        min_height: 26.0,
    };
    let rows: Vec<Row> = if request.blank {
        c.fields(
            &[("学习时间", "　　年　　月　　日".to_owned()), ("学时", String::new())],
            10.5,
        );
        c.fields(&[("学习内容", String::new())], 10.5);
        c.fields(
            &[
                ("学习形式", String::new()),
                ("地点", String::new()),
                ("主持人", String::new()),
            ],
            10.5,
        );
        (1..=BLANK_SIGN_IN_ROWS).map(blank_row).collect()
    } else {
        let Some(s) = session else {
            return Err(PrintError::Nothing(
                "还没有学习记录，无法打印签到表；可以打印空白签到表".to_owned(),
            ));
        };
        c.fields(&[("学习时间", show_date(s.date)), ("学时", show_hours(s.hours))], 10.5);
        c.fields(&[("学习内容", or_dash(&s.topic))], 10.5);
        c.fields(
            &[
                ("学习形式", s.form.label().to_owned()),
                ("地点", or_dash(&s.place)),
                ("主持人", or_dash(&s.host)),
            ],
            10.5,
        );
        let people: Vec<_> = if request.members.is_empty() {
            ledger.current_members().filter(|m| m.active_on(s.date)).collect()
        } else {
            members(ledger, request)
        };
        people
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let note = match s.attendance.get(&m.id) {
                    Some(Attendance::Leave(reason)) => format!("请假：{reason}"),
                    _ => String::new(),
                };
                Row {
                    cells: vec![
                        Cell::Text((i + 1).to_string()),
                        Cell::Text(m.name.clone()),
                        Cell::Text(String::new()),
                        Cell::Text(note),
                    ],
                    shaded: false,
                    min_height: 26.0,
                }
            })
            .collect()
    };
    // Who is expected is known when the sheet is printed; who came is not.
    let expected = if request.blank {
        "　　".to_owned()
    } else {
        format!(" {} ", rows.len())
    };
    c.space(4.0);
    Table { cols, rows, size: 10.0 }.place(c);
    c.paragraph(
        &format!("应到{expected}人，实到　　人，请假　　人，缺席　　人。"),
        10.0,
        false,
    );
    c.signatures(&["记录人", "主持人"], 10.0);
    Ok(())
}

/// 民主评议党员测评表: the anonymous ballot, one row per member, boxes for
/// each aspect (好 一般 差) and for the overall grade. Always blank.
pub fn appraisal_ballot(c: &mut Composer, ledger: &Ledger, request: &Request) {
    c.title("民主评议党员测评表", 16.0);
    c.paragraph(&appraisal_ballot_note(&ledger.campaign.settings), 9.5, false);
    c.space(4.0);
    let aspects = &ledger.appraisal.ballot_aspects;
    let mut cols = vec![
        Col::new("序号", 0.45, Align::Center),
        Col::new("姓名", 1.0, Align::Left),
    ];
    for a in aspects {
        cols.push(Col::new(a.clone(), 2.0, Align::Center));
    }
    cols.push(Col::new("总体评价", 3.2, Align::Center));
    let levels: Vec<String> = ["好", "一般", "差"].iter().map(|s| (*s).to_owned()).collect();
    let grades: Vec<String> = Grade::ALL.iter().map(|g| g.label().to_owned()).collect();
    let rows = members(ledger, request)
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut cells = vec![Cell::Text((i + 1).to_string()), Cell::Text(m.name.clone())];
            cells.extend(aspects.iter().map(|_| Cell::Boxes(levels.clone())));
            cells.push(Cell::Boxes(grades.clone()));
            Row {
                cells,
                shaded: false,
                min_height: 20.0,
            }
        })
        .collect();
    Table { cols, rows, size: 8.5 }.place(c);
    c.paragraph("测评日期：　　　年　　月　　日", 10.0, false);
}

/// The note above the appraisal ballot; the cap on 优秀 is the campaign's
/// own (none when it sets none).
fn appraisal_ballot_note(settings: &Settings) -> String {
    let cap = match settings.excellent_cap {
        Some(cap) => format!(
            "；“{}”人数一般不超过参评党员的{}",
            Grade::Excellent.label(),
            cap.in_words()
        ),
        None => String::new(),
    };
    format!("说明：本表不记名。请在每名党员每一方面相应等次的方框内打勾，每项只选一个{cap}。")
}

/// 群众满意度测评表: blank, a ballot with the items and four boxes each;
/// filled, the counted results and the satisfaction rate.
pub fn survey_ballot(c: &mut Composer, ledger: &Ledger, request: &Request) {
    let latest = ledger.rectification.surveys.iter().max_by_key(|s| s.date);
    let mut items: Vec<String> = latest
        .map(|s| s.items.iter().map(|i| i.name.clone()).collect())
        .unwrap_or_default();
    if items.is_empty() {
        items = ["党支部整改工作", "党员发挥先锋模范作用", "为群众办实事、解难题"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
    }
    c.title("群众满意度测评表", 16.0);
    let answers = SurveyAnswer::ALL.map(SurveyAnswer::label);
    match latest {
        Some(survey) if !request.blank => {
            let which = &ledger.campaign.settings.satisfied_counts;
            c.fields(
                &[
                    ("测评日期", show_date(survey.date)),
                    ("发出", format!("{} 份", survey.issued)),
                    ("收回", format!("{} 份", survey.counts.total())),
                ],
                10.5,
            );
            c.fields(&[("测评对象", or_dash(&survey.respondents))], 10.5);
            let mut cols = vec![Col::new("测评项目", 2.6, Align::Left)];
            for a in answers {
                cols.push(Col::new(a, 0.9, Align::Center));
            }
            cols.push(Col::new(INVALID_BALLOT, 0.7, Align::Center));
            cols.push(Col::new("满意率", 0.9, Align::Center));
            let row = |name: &str, k: &SurveyCounts| {
                let mut cells = vec![Cell::Text(name.to_owned())];
                cells.extend(SurveyAnswer::ALL.map(|a| Cell::Text(k.of(a).to_string())));
                cells.push(Cell::Text(k.invalid.to_string()));
                cells.push(Cell::Text(k.rate(which).map_or("—".to_owned(), |r| format!("{r:.1}%"))));
                Row::new(cells)
            };
            let mut rows = vec![row("总体评价", &survey.counts)];
            rows.extend(survey.items.iter().map(|i| row(&i.name, &i.counts)));
            Table { cols, rows, size: 10.0 }.place(c);
            let counted: Vec<String> = which.answers().map(|a| format!("“{}”", a.label())).collect();
            c.paragraph(&format!("满意率按有效票计算，计入{}。", counted.join("、")), 9.0, false);
        }
        _ => {
            c.paragraph(
                "说明：本表不记名。请您对党支部和党员在先进性教育活动中的整改情况作出评价，在相应方框内打勾，每项只选一个。",
                10.0,
                false,
            );
            c.space(4.0);
            let cols = vec![
                Col::new("序号", 0.5, Align::Center),
                Col::new("测评项目", 2.4, Align::Left),
                Col::new("评价", 3.6, Align::Center),
            ];
            let labels: Vec<String> = answers.iter().map(|s| (*s).to_owned()).collect();
            let mut rows = vec![Row {
                cells: vec![
                    Cell::Text("1".to_owned()),
                    Cell::Text("总体评价".to_owned()),
                    Cell::Boxes(labels.clone()),
                ],
                shaded: false,
                min_height: 26.0,
            }];
            for (i, item) in items.iter().enumerate() {
                rows.push(Row {
                    cells: vec![
                        Cell::Text((i + 2).to_string()),
                        Cell::Text(item.clone()),
                        Cell::Boxes(labels.clone()),
                    ],
                    shaded: false,
                    min_height: 26.0,
                });
            }
            Table { cols, rows, size: 10.0 }.place(c);
            c.space(2.0);
            c.paragraph("您对党支部和党员还有哪些意见和建议：", 10.0, false);
            c.ruled_lines(5, 22.0);
            c.paragraph("测评日期：　　　年　　月　　日", 10.0, false);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::campaign::Fraction;

    #[test]
    fn the_appraisal_ballot_quotes_the_cap_the_settings_set() {
        let mut settings = Settings::default();
        assert_eq!(
            appraisal_ballot_note(&settings),
            "说明：本表不记名。请在每名党员每一方面相应等次的方框内打勾，每项只选一个；“优秀”人数一般不超过参评党员的三分之一。"
        );
        settings.excellent_cap = Some(Fraction {
            numerator: 1,
            denominator: 4,
        });
        assert!(appraisal_ballot_note(&settings).ends_with("不超过参评党员的四分之一。"));
        settings.excellent_cap = None;
        assert!(!appraisal_ballot_note(&settings).contains("不超过"));
    }
}
