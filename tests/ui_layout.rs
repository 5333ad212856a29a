//! Small screens and large text: the screens measured at the sizes a
//! secretary's laptop gives them — 1366×768 at scale 1.5 (a 911×512-point
//! window) and 1024×600 at scale 1.0 — through the rects of the
//! accessibility tree.

mod common;

use common::{Sandbox, TODAY, click};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use zhibu::model::Ledger;
use zhibu::ui::ZhibuApp;

/// The whole app on `ledger` in a window of `size` points at `scale`.
fn app_at(sandbox: &Sandbox, ledger: &Ledger, size: [f32; 2], scale: f32) -> Harness<'static, ZhibuApp> {
    let path = sandbox.write_ledger("支部.ron", ledger);
    let mut harness = Harness::builder()
        .with_size(size)
        .with_pixels_per_point(scale)
        .with_step_dt(0.25)
        .with_max_steps(400)
        .with_context_setup(zhibu::ui::fonts::install)
        .build_ui_state(|ui, app: &mut ZhibuApp| app.frame_ui(ui), sandbox.app(Some(&path)));
    harness.run_steps(3);
    harness
}

fn demo() -> Ledger {
    zhibu::demo::demo_ledger(30, TODAY)
}

/// How many members' rows of the 概览 table are wholly inside the window.
fn member_rows_in_view(harness: &Harness<'static, ZhibuApp>, ledger: &Ledger, height: f32) -> usize {
    ledger
        .members
        .iter()
        .filter(|m| {
            harness
                .query_all_by_label(&m.name)
                // The central panel's margin clips the table above the window's edge.
                .any(|node| node.rect().min.y >= 0.0 && node.rect().max.y <= height - 8.0)
        })
        .count()
}

#[test]
fn the_overview_shows_ten_member_rows_at_1366x768_scale_one_and_a_half() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let harness = app_at(&sandbox, &ledger, [911.0, 512.0], 1.5);
    harness.get_by_label("党员对照检查清单");
    let rows = member_rows_in_view(&harness, &ledger, 512.0);
    assert!(rows >= 10, "{rows} member rows in view");
}

#[test]
fn the_overview_shows_ten_member_rows_at_1024x600() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let harness = app_at(&sandbox, &ledger, [1024.0, 600.0], 1.0);
    let rows = member_rows_in_view(&harness, &ledger, 600.0);
    assert!(rows >= 10, "{rows} member rows in view");
}

#[test]
fn the_compact_overview_keeps_each_stage_link_and_its_details_on_hover() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = app_at(&sandbox, &ledger, [911.0, 512.0], 1.5);
    let links = harness
        .query_all_by_role(egui::accesskit::Role::Link)
        .filter(|node| node.accesskit_node().label().is_some_and(|l| l.starts_with("查看")))
        .count();
    assert_eq!(links, 4, "each stage's 查看");
    let card = harness
        .query_all_by_label("学习动员")
        .find(|node| node.rect().min.x > 140.0)
        .expect("the stage card's title, right of the navigation");
    card.hover();
    harness.run_steps(8);

    assert!(common::label_with(&harness, "检查项"), "the stage's checks on hover");
}

/// The roster's headings left to right, as drawn (序号 sorted, so with ▲).
const ROSTER_HEADINGS: [&str; 9] = [
    "序号 ▲",
    "姓名",
    "性别",
    "出生日期",
    "入党时间",
    "党员类别",
    "党籍状态",
    "工作单位及职务",
    "联系电话",
];

/// 党员名册 at `size` and `scale` with the first member's form open: the harness and
/// the rects of the headings shown (those of `headings` that did not fold
/// away), each checked to show its title whole, in order, and left of the
/// form.
fn roster_beside_the_form(
    sandbox: &Sandbox,
    ledger: &Ledger,
    (size, scale): ([f32; 2], f32),
) -> (Harness<'static, ZhibuApp>, Vec<(&'static str, egui::Rect)>) {
    let mut harness = app_at(sandbox, ledger, size, scale);
    click(&mut harness, "党员名册");
    harness.get_by_label(&ledger.members[0].name).click();
    harness.run_steps(3);
    let form_left = harness.get_by_label("党员信息").rect().min.x;
    let shown: Vec<(&str, egui::Rect)> = ROSTER_HEADINGS
        .iter()
        .filter_map(|title| {
            let node = harness.query_by_role_and_label(egui::accesskit::Role::Button, title)?;
            Some((*title, node.rect()))
        })
        .collect();
    for (title, rect) in &shown {
        // The heading's frameless button is as wide as its text.
        let whole = text_width(&harness, title);
        assert!(
            rect.width() >= whole - 0.5,
            "at {size:?} {title} is cut: {} of {whole}",
            rect.width()
        );
    }
    for pair in shown.windows(2) {
        assert!(
            pair[0].1.max.x < pair[1].1.min.x,
            "at {size:?} {} runs into {}",
            pair[0].0,
            pair[1].0
        );
    }
    let (last, rect) = shown[shown.len() - 1];
    assert!(
        rect.max.x < form_left,
        "at {size:?} {last} ends at {} under the form at {form_left}",
        rect.max.x
    );
    (harness, shown)
}

#[test]
fn the_roster_shows_every_column_beside_the_member_form_at_1366x768() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let (harness, shown) = roster_beside_the_form(&sandbox, &ledger, ([1366.0, 768.0], 1.0));
    assert_eq!(shown.len(), ROSTER_HEADINGS.len(), "{shown:?}");
    // The longest entry of 工作单位及职务 in the demo fits its column.
    let position = harness.get_by_label("红星村村委会主任、支部副书记").rect();
    assert!(position.max.x < shown[8].1.min.x, "工作单位 cut at {position:?}");
}

#[test]
fn the_roster_beside_the_member_form_at_1100_and_1024_wide_folds_columns_rather_than_cut_them() {
    for size in [[1100.0, 640.0], [1024.0, 600.0]] {
        let sandbox = Sandbox::new();
        let ledger = demo();
        let (_, shown) = roster_beside_the_form(&sandbox, &ledger, (size, 1.0));
        let titles: Vec<&str> = shown.iter().map(|(title, _)| *title).collect();
        for kept in ["序号 ▲", "姓名", "党员类别", "工作单位及职务", "联系电话"] {
            assert!(titles.contains(&kept), "at {size:?} {kept} folded: {titles:?}");
        }
    }
}

#[test]
fn names_move_to_the_next_line_whole_in_the_commitments_list() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = app_at(&sandbox, &ledger, [1366.0, 768.0], 1.0);
    click(&mut harness, "整改提高 !5");
    harness.get_by_label("整改承诺").click();
    harness.run_steps(3);
    let line = harness.get_by_label("尚未承诺：").rect().height();
    let links: Vec<_> = harness.query_all_by_role(egui::accesskit::Role::Link).collect();
    assert!(links.len() > 20, "the members without a commitment are listed");
    for link in links {
        assert!(
            link.rect().height() <= line + 1.0,
            "{:?} broken over lines: {:?}",
            link.accesskit_node().label(),
            link.rect()
        );
    }
}

/// The width of `text` in the font of text fields.
fn text_width<S>(harness: &Harness<'static, S>, text: &str) -> f32 {
    let font = harness.ctx.global_style().text_styles[&egui::TextStyle::Body].clone();
    harness
        .ctx
        .fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE))
        .size()
        .x
}

#[test]
fn date_boxes_show_the_longest_date_whole() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = app_at(&sandbox, &ledger, [911.0, 512.0], 1.5);
    // TextEdit's margins, 4 points a side.
    let needed = text_width(&harness, "2026年12月31日") + 8.0;
    click(&mut harness, "党员名册");
    click(&mut harness, "新增党员");
    let birth = common::field(&harness, "出生日期").rect();
    assert!(
        birth.width() >= needed,
        "出生日期 {} wide, the date {needed}",
        birth.width()
    );
    click(&mut harness, "关闭");
    click(&mut harness, "整改提高 !5");
    harness.get_by_label("整改承诺").click();
    harness.run_steps(3);
    let public = common::field(&harness, "公开承诺日期").rect();
    assert!(
        public.width() >= needed,
        "公开承诺日期 {} wide, the date {needed}",
        public.width()
    );
}

/// The 党性分析 tab at `size`, open at the first member.
fn analysis_at(sandbox: &Sandbox, ledger: &Ledger, size: [f32; 2]) -> Harness<'static, ZhibuApp> {
    let mut harness = app_at(sandbox, ledger, size, 1.0);
    click(&mut harness, "分析评议");
    harness.get_by_label("党性分析").click();
    harness.run_steps(2);
    let name = &ledger.members[0].name;
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, name)
        .click();
    harness.run_steps(3);
    harness.get_by_label(&format!("{name}的党性分析材料"));
    harness
}

#[test]
fn the_analysis_editor_keeps_half_the_window_at_1024x600() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = analysis_at(&sandbox, &ledger, [1024.0, 600.0]);
    let editor = common::field(&harness, "一、基本情况和学习收获").rect();
    assert!(editor.width() >= 512.0, "the editor is {} wide", editor.width());
    // The reviews and drafts are one click away, in the editor's place.
    assert!(harness.query_by_label("审阅人").is_none());
    harness.get_by_label("审阅与稿次").click();
    harness.run_steps(2);
    common::field(&harness, "审阅人");
    harness.get_by_label("材料").click();
    harness.run_steps(2);
    common::field(&harness, "一、基本情况和学习收获");
}

#[test]
fn the_analysis_editor_keeps_half_the_window_beside_the_side_column_at_1366x768() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let harness = analysis_at(&sandbox, &ledger, [1366.0, 768.0]);
    let editor = common::field(&harness, "一、基本情况和学习收获").rect();
    assert!(editor.width() >= 683.0, "the editor is {} wide", editor.width());
    assert!(
        editor.max.x < common::field(&harness, "审阅人").rect().min.x,
        "the side column beside it"
    );
}

/// The text painted in the last frame within a clip rect wider than
/// `min_width` (the chart's, not a table cell's), lines trimmed.
fn painted_texts<S>(harness: &Harness<'static, S>, min_width: f32) -> Vec<String> {
    fn walk(shape: &egui::Shape, out: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) => out.push(text.galley.text().trim().to_owned()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in harness
        .output()
        .shapes
        .iter()
        .filter(|c| c.clip_rect.width() > min_width)
    {
        walk(&clipped.shape, &mut out);
    }
    out
}

#[test]
fn the_hours_chart_names_every_bar() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = app_at(&sandbox, &ledger, [1366.0, 768.0], 1.0);
    click(&mut harness, "学习动员");
    harness.get_by_label("学时统计").click();
    harness.run_steps(3);
    // The chart spans the screen; the table's cells are narrow.
    let painted = painted_texts(&harness, 600.0);
    for member in ledger.members.iter().filter(|m| m.is_current()) {
        assert!(
            painted.contains(&member.name),
            "{} has no name under its bar",
            member.name
        );
    }
}

/// 党员名册 with an empty new-member form open, at `size`.
fn new_member_form_at(sandbox: &Sandbox, ledger: &Ledger, size: [f32; 2]) -> Harness<'static, ZhibuApp> {
    let mut harness = app_at(sandbox, ledger, size, 1.0);
    click(&mut harness, "党员名册");
    click(&mut harness, "新增党员");
    common::field(&harness, "姓名 *");
    harness
}

#[test]
fn a_message_under_one_member_field_moves_none_below_it() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = new_member_form_at(&sandbox, &ledger, [1366.0, 768.0]);
    let below = ["入党时间", "联系电话", "身份证号"];
    let before: Vec<egui::Rect> = below.iter().map(|l| common::field(&harness, l).rect()).collect();
    // A year alone is no date: its message comes up under 出生日期 …
    common::type_into(&mut harness, "出生日期", "1975");
    harness.get_by_label("只有年份，请写完整日期，如 1975-03-01");
    // … and one under 姓名, left empty.
    click(&mut harness, "保存");
    harness.get_by_label("请填写姓名");
    let after: Vec<egui::Rect> = below.iter().map(|l| common::field(&harness, l).rect()).collect();
    assert_eq!(before, after, "{below:?} moved");
}

#[test]
fn a_new_member_form_asks_for_the_name_only_once_the_field_was_left_or_saving_tried() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = new_member_form_at(&sandbox, &ledger, [1366.0, 768.0]);
    assert!(
        harness.query_by_label("请填写姓名").is_none(),
        "said before anything was typed"
    );
    common::field(&harness, "姓名 *").focus();
    harness.run_steps(1);
    assert!(
        harness.query_by_label("请填写姓名").is_none(),
        "said while the field is being filled"
    );
    harness.key_press(egui::Key::Tab);
    harness.run_steps(2);
    harness.get_by_label("请填写姓名");

    click(&mut harness, "关闭");
    click(&mut harness, "新增党员");
    assert!(
        harness.query_by_label("请填写姓名").is_none(),
        "a new form starts afresh"
    );
    click(&mut harness, "保存");
    harness.get_by_label("请填写姓名");
}

#[test]
fn the_survey_counts_keep_one_row_at_1366x768_and_1024x600() {
    for size in [[1366.0, 768.0], [1024.0, 600.0]] {
        let sandbox = Sandbox::new();
        let ledger = demo();
        let mut harness = app_at(&sandbox, &ledger, size, 1.0);
        click(&mut harness, "整改提高 !5");
        harness.get_by_label("满意度测评").click();
        harness.run_steps(3);
        click(&mut harness, "新增测评");
        let boxes: Vec<egui::Rect> = ["满意", "比较满意", "基本满意", "不满意", "无效"]
            .iter()
            .map(|answer| common::field(&harness, answer).rect())
            .collect();
        for (k, rect) in boxes.iter().enumerate().skip(1) {
            assert_eq!(rect.top(), boxes[0].top(), "at {size:?} box {k} wrapped: {boxes:?}");
            assert!(rect.left() > boxes[k - 1].right(), "at {size:?} boxes out of order");
        }
        assert!(
            boxes[4].right() <= size[0],
            "at {size:?} 无效 is out of the window: {boxes:?}"
        );
    }
}

#[test]
fn the_roster_beside_the_member_form_at_1366x768_scale_one_and_a_half_fits_without_scrolling_sideways() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    // 1366×768 at scale 1.5: a 911×512-point window.
    let (mut harness, shown) = roster_beside_the_form(&sandbox, &ledger, ([911.0, 512.0], 1.5));
    let titles: Vec<&str> = shown.iter().map(|(title, _)| *title).collect();
    for kept in ["序号 ▲", "姓名", "党员类别"] {
        assert!(titles.contains(&kept), "{kept} folded: {titles:?}");
    }
    // A sideways scroll over the list moves nothing: there is nothing hidden to scroll to.
    let first = harness.get_by_label(&ledger.members[1].name).rect();
    harness.hover_at(first.center());
    harness.run_steps(1);
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-300.0, 0.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    harness.run_steps(4);
    let order = harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "序号 ▲")
        .rect();
    assert_eq!(order, shown[0].1, "the list scrolled sideways");
}

/// The vertical centre of the text field `field` and of the label `label`.
fn centres<S>(harness: &Harness<'static, S>, field: &str, label: &str) -> (f32, f32) {
    let field_rect = common::field(harness, field).rect();
    let label_rect = harness
        .query_all_by_role_and_label(egui::accesskit::Role::Label, label)
        .map(|node| node.rect())
        .find(|rect| rect.right() <= field_rect.left())
        .unwrap_or_else(|| panic!("no label {label} left of its field"));
    (field_rect.center().y, label_rect.center().y)
}

#[test]
fn each_member_form_label_is_level_with_its_field() {
    for (size, scale) in [([1366.0, 768.0], 1.0), ([911.0, 512.0], 1.5)] {
        let sandbox = Sandbox::new();
        let ledger = demo();
        let mut harness = app_at(&sandbox, &ledger, size, scale);
        click(&mut harness, "党员名册");
        click(&mut harness, "新增党员");
        for label in ["姓名 *", "民族", "出生日期", "入党时间", "联系电话", "身份证号"] {
            let (field, label_at) = centres(&harness, label, label);
            assert!(
                (field - label_at).abs() <= 1.0,
                "at scale {scale} {label} is {:.1} points off its field",
                label_at - field
            );
        }
    }
}

#[test]
fn a_wrong_date_in_the_commitment_form_moves_no_field_or_button() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = app_at(&sandbox, &ledger, [1366.0, 768.0], 1.0);
    click(&mut harness, "整改提高 !5");
    harness.get_by_label("整改承诺").click();
    harness.run_steps(3);
    click(&mut harness, "新增承诺");
    let rects = |harness: &Harness<'static, ZhibuApp>| {
        use egui::accesskit::Role;
        [
            common::field(harness, "责任人").rect(),
            harness.get_by_role_and_label(Role::RadioButton, "已完成").rect(),
            harness.get_by_role_and_label(Role::Button, "保存承诺").rect(),
        ]
    };
    let before = rects(&harness);
    common::type_into(&mut harness, "完成时限", "1975");
    harness.get_by_label("只有年份，请写完整日期，如 1975-03-01");
    assert_eq!(rects(&harness), before, "责任人, 已完成 or 保存承诺 moved");
}

#[test]
fn a_wrong_review_date_moves_neither_the_review_buttons_nor_its_label() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = analysis_at(&sandbox, &ledger, [1366.0, 768.0]);
    let buttons = |harness: &Harness<'static, ZhibuApp>| {
        ["登记审阅意见", "定稿"].map(|b| harness.get_by_role_and_label(egui::accesskit::Role::Button, b).rect())
    };
    let before = buttons(&harness);
    common::retype(&mut harness, "审阅日期", "2026-13-45");
    harness.get_by_label("日期“2026-13-45”不存在");
    assert_eq!(buttons(&harness), before, "the buttons under 审阅日期 moved");
    let (field, label) = centres(&harness, "审阅日期", "审阅日期");
    assert!(
        (field - label).abs() <= 1.0,
        "审阅日期 is {:.1} off its field",
        label - field
    );
}

/// How far apart two headings of a list start: the first one's column
/// and the gap after it.
fn column_width(harness: &Harness<'static, ZhibuApp>, heading: &str, next: &str) -> f32 {
    let left = |label: &str| {
        harness
            .query_all_by_label(label)
            .map(|n| n.rect().min.x)
            .reduce(f32::min)
            .unwrap_or_else(|| panic!("no heading {label}"))
    };
    left(next) - left(heading)
}

#[test]
fn the_long_text_columns_take_the_room_a_laptop_screen_has() {
    let sandbox = Sandbox::new();
    let ledger = demo();
    let mut harness = app_at(&sandbox, &ledger, [1366.0, 768.0], 1.0);
    click(&mut harness, "学习动员");
    harness.get_by_label("学习记录").click();
    harness.run_steps(3);
    let topic = column_width(&harness, "学习内容", "学时");
    assert!(topic > 400.0, "学习内容 is {topic} wide at 1366");

    click(&mut harness, "整改提高 !5");
    harness.get_by_label("整改承诺").click();
    harness.run_steps(3);
    let problem = column_width(&harness, "问题", "整改措施");
    let measure = column_width(&harness, "整改措施", "完成时限");
    assert!(
        problem > 300.0 && measure > 300.0,
        "问题 {problem}, 整改措施 {measure} at 1366"
    );
}
