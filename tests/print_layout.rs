//! The printed forms' typesetting (issue 22), checked on the laid-out
//! lines of every form, filled and blank: a table cell never breaks inside
//! a figure, a date, a name or a short word (序/号, 2006年5月 / 31日,
//! 全部完 / 成); no paragraph ends on a lone character ("个。", "督：");
//! nothing is set against a table's bottom rule; a part heading of the
//! 学时登记表 never ends a page; a requirement not yet met is not dated.
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

use zhibu::demo::{demo_ledger, demo_ledger_finished, demo_ledger_with_sessions};
use zhibu::model::{Date, Ledger};
use zhibu::report::pdf::compose::LEADING;
use zhibu::report::pdf::layout::MARGIN;
use zhibu::report::pdf::{self, Doc, Item, Layout, Page, Request};

const TODAY: Date = Date::constant(2026, 11, 24);

/// One line of body text as laid out.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    x: f32,
    y: f32,
    size: f32,
    width: f32,
    text: String,
}

/// The body text of a page (not the grey header and footer).
fn lines(page: &Page) -> Vec<Line> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text {
                x,
                y,
                size,
                text,
                width,
                grey: false,
            } => Some(Line {
                x: *x,
                y: *y,
                size: *size,
                width: *width,
                text: text.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// Whether a line sits inside a table: a cell's vertical rule spans it.
fn in_table(page: &Page, line: &Line) -> bool {
    page.items.iter().any(|item| match item {
        Item::Line { x1, y1, x2, y2, .. } if (x1 - x2).abs() < 0.01 => {
            y1.min(*y2) <= line.y + 0.01 && y1.max(*y2) >= line.y + line.size
        }
        _ => false,
    })
}

/// The line that continues `line` in the same cell or paragraph: the next
/// line down, flush with it (left) or centred with it, or back at the
/// margin after an indented first line.
fn next<'a>(line: &Line, all: &'a [Line], paragraph: bool) -> Option<&'a Line> {
    all.iter().find(|o| {
        let below = (o.y - line.y - line.size * LEADING).abs() < 0.01 && o.size == line.size;
        let flush = (o.x - line.x).abs() < 0.01;
        let centred = ((o.x + o.width / 2.0) - (line.x + line.width / 2.0)).abs() < 0.01;
        let unindented = paragraph && (o.x - MARGIN).abs() < 0.01 && (line.x - MARGIN - 2.0 * line.size).abs() < 0.01;
        below && (flush || centred || unindented)
    })
}

/// The runs of lines that make one cell (in tables) or one paragraph
/// (outside them), in order.
fn runs(page: &Page, tables: bool) -> Vec<Vec<Line>> {
    let all: Vec<Line> = lines(page)
        .into_iter()
        .filter(|l| in_table(page, l) == tables)
        .collect();
    let continued: Vec<&Line> = all.iter().filter_map(|l| next(l, &all, !tables)).collect();
    all.iter()
        .filter(|l| !continued.contains(l))
        .map(|first| {
            let mut run = vec![first.clone()];
            while let Some(n) = next(run.last().unwrap(), &all, !tables) {
                run.push(n.clone());
            }
            run
        })
        .collect()
}

fn datelike(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '年' | '月' | '日' | '-' | '/')
}

fn letters(text: &str) -> usize {
    text.chars()
        .filter(|c| !c.is_whitespace() && !"，。、；：？！）（“”".contains(*c))
        .count()
}

/// Every form of `ledger`, filled and blank, that can be made.
fn forms(ledger: &Ledger) -> Vec<(String, Layout)> {
    let mut out = Vec::new();
    for doc in Doc::ALL {
        for blank in [false, true] {
            let mut request = Request::new(doc, TODAY);
            request.blank = blank;
            if let Ok(layout) = pdf::layout(ledger, &request, &|_| {}) {
                out.push((format!("{doc:?} blank={blank}"), layout));
            }
        }
    }
    out
}

fn ledgers() -> Vec<Ledger> {
    vec![demo_ledger(36, TODAY), demo_ledger_finished(36, TODAY)]
}

#[test]
fn no_table_cell_breaks_inside_a_figure_a_date_a_name_or_a_short_word() {
    let mut cells = 0;
    for ledger in ledgers() {
        for (form, layout) in forms(&ledger) {
            for (p, page) in layout.pages.iter().enumerate() {
                for run in runs(page, true) {
                    cells += 1;
                    let texts: Vec<&str> = run.iter().map(|l| l.text.as_str()).collect();
                    let whole = texts.concat();
                    // A line opening with an ideographic space is a blank
                    // to fill by hand set on its own line (　月　日 / 　学时).
                    let by_design = texts.iter().skip(1).all(|t| t.starts_with('　'));
                    assert!(
                        run.len() == 1 || by_design || letters(&whole) > 5,
                        "{form} page {}: a short cell broken: {texts:?}",
                        p + 1
                    );
                    // A cell of figures and dates (2006年5月31日, 38/40)
                    // breaks only between two of them.
                    let figures = whole.chars().all(|c| datelike(c) || c.is_whitespace());
                    for pair in texts.windows(2) {
                        let (a, b) = (pair[0].chars().last(), pair[1].chars().next());
                        let split = figures
                            && matches!((a, b), (Some(a), Some(b)) if datelike(a) && datelike(b) && !(a == '日' && b.is_ascii_digit()));
                        assert!(!split, "{form} page {}: a figure or date broken: {texts:?}", p + 1);
                    }
                }
            }
        }
    }
    assert!(cells > 1000, "the check saw the tables' cells: {cells}");
}

#[test]
fn the_columns_of_numbers_dates_statuses_and_names_keep_them_whole() {
    // The words the issue saw broken, each on one line of its form.
    let ledger = demo_ledger_finished(36, TODAY);
    let wanted: [(Doc, &[&str]); 3] = [
        (Doc::Commitments, &["序号", "完成时限", "责任人"]),
        (Doc::Checklist, &["序号", "全部完成"]),
        (Doc::Hours, &["序号", "姓名"]),
    ];
    for (doc, words) in wanted {
        let layout = pdf::layout(&ledger, &Request::new(doc, TODAY), &|_| {}).unwrap();
        let all: Vec<String> = layout.pages.iter().flat_map(lines).map(|l| l.text).collect();
        for word in words {
            assert!(all.iter().any(|t| t == word), "{doc:?}: {word} not on one line");
        }
        for name in ledger.current_members().map(|m| m.name.as_str()) {
            if doc != Doc::Commitments {
                assert!(all.iter().any(|t| t == name), "{doc:?}: {name} broken");
            }
        }
    }
    // The branch's 整改台账 has every deadline whole.
    let layout = pdf::layout(&ledger, &Request::new(Doc::Commitments, TODAY), &|_| {}).unwrap();
    let all: Vec<String> = layout.pages.iter().flat_map(lines).map(|l| l.text).collect();
    for item in &ledger.rectification.branch_items {
        if let Some(d) = item.deadline {
            let date = pdf::show_date(d);
            assert!(all.iter().any(|t| t.contains(&date)), "{date} broken");
        }
    }
}

#[test]
fn no_paragraph_ends_on_a_lone_character() {
    let mut paragraphs = 0;
    for ledger in ledgers() {
        for (form, layout) in forms(&ledger) {
            for (p, page) in layout.pages.iter().enumerate() {
                for run in runs(page, false) {
                    if run.len() < 2 {
                        continue;
                    }
                    paragraphs += 1;
                    let last = &run.last().unwrap().text;
                    assert!(
                        letters(last) >= 2,
                        "{form} page {}: the last line is {last:?} after {:?}",
                        p + 1,
                        run[run.len() - 2].text
                    );
                }
            }
        }
    }
    assert!(paragraphs > 20, "the check saw wrapped paragraphs: {paragraphs}");
}

#[test]
fn the_blank_survey_and_the_commitment_keep_their_last_words_together() {
    // "个。" and "督：" stood alone on the last line of these two.
    let ledger = demo_ledger_finished(36, TODAY);
    for (doc, end) in [(Doc::SurveyBallot, "个。"), (Doc::Commitments, "督：")] {
        let mut request = Request::new(doc, TODAY);
        request.blank = true;
        let layout = pdf::layout(&ledger, &request, &|_| {}).unwrap();
        let line = layout
            .pages
            .iter()
            .flat_map(lines)
            .find(|l| l.text.ends_with(end))
            .unwrap_or_else(|| panic!("{doc:?}: no line ends with {end}"));
        assert!(letters(&line.text) >= 2, "{doc:?}: {:?}", line.text);
    }
}

#[test]
fn nothing_is_set_against_a_tables_bottom_rule() {
    for ledger in ledgers() {
        for (form, layout) in forms(&ledger) {
            for (p, page) in layout.pages.iter().enumerate() {
                let rules: Vec<f32> = page
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        Item::Line { y1, y2, width, .. } if (y1 - y2).abs() < 0.01 && *width == 0.5 => Some(*y1),
                        _ => None,
                    })
                    .collect();
                for line in lines(page) {
                    for rule in &rules {
                        let gap = line.y - rule;
                        assert!(
                            !(-0.01..3.0).contains(&gap),
                            "{form} page {}: {:?} {gap:.1} pt under a rule",
                            p + 1,
                            line.text
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_part_heading_of_the_hours_register_never_ends_a_page() {
    // 30 sessions make three parts; the member counts move the headings
    // over every place on the page.
    let mut parts_seen = 0;
    for members in 8..=60 {
        let ledger = demo_ledger_with_sessions(members, 30, TODAY);
        let layout = pdf::layout(&ledger, &Request::new(Doc::Hours, TODAY), &|_| {}).unwrap();
        for (p, page) in layout.pages.iter().enumerate() {
            let body = lines(page);
            parts_seen += body.iter().filter(|l| l.text.contains("次学习")).count();
            let Some(last) = body.iter().max_by(|a, b| a.y.total_cmp(&b.y)) else {
                continue;
            };
            assert!(
                !last.text.contains("次学习"),
                "{members} members, page {}: ends with the heading {:?}",
                p + 1,
                last.text
            );
        }
    }
    assert!(parts_seen > 100, "{parts_seen}");
}

#[test]
fn a_requirement_not_yet_met_has_no_date_on_the_member_card() {
    let mut ledger = demo_ledger(36, TODAY);
    // Balloted but not graded: 评议 reads 未评定.
    for result in ledger.appraisal.results.iter_mut() {
        result.grade = None;
    }
    let layout = pdf::layout(&ledger, &Request::new(Doc::MemberCards, TODAY), &|_| {}).unwrap();
    let mut seen = 0;
    for page in &layout.pages {
        let body = lines(page);
        for open in body.iter().filter(|l| l.text.starts_with("未")) {
            seen += 1;
            let dated: Vec<&str> = body
                .iter()
                .filter(|l| (l.y - open.y).abs() < 0.01 && l.text.contains('年') && l.text.ends_with('日'))
                .map(|l| l.text.as_str())
                .collect();
            assert!(dated.is_empty(), "{:?} dated {dated:?}", open.text);
        }
    }
    assert!(seen > 0, "the demo has members not yet graded");
}

#[test]
fn two_talk_cards_share_a_page_and_none_is_split() {
    let ledger = demo_ledger(36, TODAY);
    let mut blank = Request::new(Doc::TalkCards, TODAY);
    blank.blank = true;
    let layout = pdf::layout(&ledger, &blank, &|_| {}).unwrap();
    assert_eq!(layout.pages.len(), 1, "two blank cards on one page");
    let layout = pdf::layout(&ledger, &Request::new(Doc::TalkCards, TODAY), &|_| {}).unwrap();
    let mut two = 0;
    for (p, page) in layout.pages.iter().enumerate() {
        let body = lines(page);
        let titles = body.iter().filter(|l| l.text == "谈心谈话记录卡").count();
        let signed = body.iter().filter(|l| l.text == "被谈话人签名：").count();
        assert_eq!(titles, signed, "page {}: a card split", p + 1);
        two += usize::from(titles == 2);
    }
    assert!(
        two * 2 > layout.pages.len(),
        "most pages hold two cards: {two} of {}",
        layout.pages.len()
    );
}

#[test]
fn a_filled_sign_in_sheet_says_how_many_are_expected() {
    let ledger = demo_ledger(36, TODAY);
    let layout = pdf::layout(&ledger, &Request::new(Doc::SignIn, TODAY), &|_| {}).unwrap();
    let last = layout.pages.len() - 1;
    let text = layout.page_text(last);
    let latest = ledger.study.sessions.iter().max_by_key(|s| s.date).unwrap();
    let expected = ledger.current_members().filter(|m| m.active_on(latest.date)).count();
    assert!(text.contains(&format!("应到 {expected} 人，实到　　人")), "{text}");
}

#[test]
fn a_blank_sign_in_sheet_is_one_page() {
    let mut request = Request::new(Doc::SignIn, TODAY);
    request.blank = true;
    let layout = pdf::layout(&demo_ledger(36, TODAY), &request, &|_| {}).unwrap();
    assert_eq!(layout.pages.len(), 1);
    assert!(layout.page_text(0).contains("主持人："));
}

/// A review's reviewer, who often carries a post in brackets
/// (刘振华（镇党委副书记）), is not put inside a second pair of brackets,
/// on the analysis material as on the talk card.
#[test]
fn no_review_line_nests_brackets() {
    let ledger = demo_ledger(36, TODAY);
    for doc in [Doc::Analysis, Doc::TalkCards] {
        let layout = pdf::layout(&ledger, &Request::new(doc, TODAY), &|_| {}).unwrap();
        let mut reviews = 0;
        for page in &layout.pages {
            // A paragraph's lines joined, so brackets opened on one line
            // and closed on the next are seen.
            let text: String = lines(page).into_iter().map(|l| l.text).collect();
            let mut depth = 0i32;
            for c in text.chars() {
                depth += match c {
                    '（' => 1,
                    '）' => -1,
                    _ => 0,
                };
                assert!(depth <= 1, "{doc:?}: nested brackets in {text:?}");
            }
            reviews += text.matches("（镇党委副书记）").count() + text.matches("（督导组）").count();
        }
        assert!(reviews > 0, "{doc:?}: the demo's reviewers are printed");
    }
}

#[test]
fn a_short_last_part_of_the_hours_register_keeps_the_full_parts_column_widths() {
    // 28 sessions: parts of 12, 12 and 4 sessions. The third part's four
    // session columns were spread across the page, each twice as wide as
    // in the parts above it.
    let ledger = demo_ledger_with_sessions(6, 28, TODAY);
    let layout = pdf::layout(&ledger, &Request::new(Doc::Hours, TODAY), &|_| {}).unwrap();
    // The x of every vertical rule of the table under the heading of
    // `part`, left to right.
    let rules = |part: &str| -> Vec<f32> {
        for page in &layout.pages {
            let body = lines(page);
            let Some(heading) = body.iter().find(|l| l.text.contains(part)) else {
                continue;
            };
            let below = heading.y + heading.size * LEADING;
            let end = body
                .iter()
                .filter(|l| l.y > below && l.text.contains("次学习"))
                .map(|l| l.y)
                .fold(f32::INFINITY, f32::min);
            let mut xs: Vec<f32> = page
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Line { x1, y1, x2, .. } if (x1 - x2).abs() < 0.01 && *y1 > below && *y1 < end => Some(*x1),
                    _ => None,
                })
                .collect();
            xs.sort_by(f32::total_cmp);
            xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
            return xs;
        }
        panic!("no heading {part}");
    };
    let (first, third) = (rules("（1）第 1–12 次学习"), rules("（3）第 25–28 次学习"));
    // 序号, 姓名 and twelve sessions; 序号, 姓名, four sessions, 补学, 合计, 要求.
    assert_eq!((first.len(), third.len()), (15, 10), "{first:?} {third:?}");
    let column = |xs: &[f32], i: usize| xs[i + 1] - xs[i];
    for i in 0..6 {
        assert!(
            (column(&first, i) - column(&third, i)).abs() < 2.0,
            "column {i}: {} in the first part, {} in the third",
            column(&first, i),
            column(&third, i)
        );
    }
    let page_width = first[14] - first[0];
    assert!(third[9] - third[0] < 0.75 * page_width, "{third:?}");
}
