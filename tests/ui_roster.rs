//! The roster screen: add, edit, validate, delete and undo, import.

mod common;

use common::{click, type_into};

use common::{Sandbox, harness, on_disk, small_ledger};
use egui_kittest::kittest::Queryable;
use zhibu::ui::Screen;

fn open_roster(
    sandbox: &Sandbox,
    members: usize,
) -> (egui_kittest::Harness<'static, zhibu::ui::ZhibuApp>, std::path::PathBuf) {
    let path = sandbox.write_ledger("支部.ron", &small_ledger(members));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "党员名册");
    assert_eq!(harness.state().screen, Screen::Roster);
    (harness, path)
}

/// Steps the window until the import's background read has ended.
fn until_read(harness: &mut egui_kittest::Harness<'static, zhibu::ui::ZhibuApp>) {
    for _ in 0..400 {
        harness.step();
        if !harness.state().roster.import.as_ref().is_some_and(|i| i.busy()) {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the sheet was never read");
}

fn names(harness: &egui_kittest::Harness<'static, zhibu::ui::ZhibuApp>) -> Vec<String> {
    let doc = harness.state().doc.as_ref().expect("open");
    doc.ledger.members.iter().map(|m| m.name.clone()).collect()
}

#[test]
fn add_edit_delete_a_member_and_undo() {
    let sandbox = Sandbox::new();
    let (mut harness, path) = open_roster(&sandbox, 3);

    click(&mut harness, "新增党员");
    type_into(&mut harness, "姓名 *", "周镕");
    type_into(&mut harness, "出生日期", "1975年3月8日");
    type_into(&mut harness, "入党时间", "1998.07");
    click(&mut harness, "保存");
    let doc = harness.state().doc.as_ref().expect("open");
    let added = doc.ledger.members.last().expect("added");
    assert_eq!(added.name, "周镕");
    assert_eq!(added.birth, Some(zhibu::model::Date::constant(1975, 3, 8)));
    assert_eq!(added.joined, Some(zhibu::model::Date::constant(1998, 7, 1)));

    // Edit: click the row, change the phone.
    harness.get_by_label("周镕").click();
    harness.run_steps(2);
    type_into(&mut harness, "联系电话", "13800001111");
    click(&mut harness, "保存");
    let doc = harness.state().doc.as_ref().expect("open");
    assert_eq!(doc.ledger.members.last().map(|m| m.phone.as_str()), Some("13800001111"));

    // Delete, then undo.
    harness.get_by_label("周镕").click();
    harness.run_steps(2);
    click(&mut harness, "删除党员");
    click(&mut harness, "确认删除");
    assert_eq!(names(&harness), ["王建国", "李秀英", "张伟"]);
    click(&mut harness, "撤销");
    assert_eq!(names(&harness), ["王建国", "李秀英", "张伟", "周镕"]);
    click(&mut harness, "重做");
    assert_eq!(names(&harness), ["王建国", "李秀英", "张伟"]);

    // Autosave about two seconds after the last change.
    common::let_autosave_run(&mut harness);
    assert_eq!(on_disk(&path).members.len(), 3);
}

#[test]
fn a_wrong_id_number_and_a_future_joining_date_are_refused_next_to_the_field() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    click(&mut harness, "新增党员");
    type_into(&mut harness, "姓名 *", "钱珺");
    type_into(&mut harness, "身份证号", "110105194912310021");
    harness.get_by_label("身份证号校验位不对，请核对");
    type_into(&mut harness, "入党时间", "2030-01-01");
    harness.get_by_label("入党时间不能晚于今天");
    assert!(
        harness.query_by_label("请先改正红色提示的内容").is_none(),
        "a new form says why it cannot be saved once 保存 is pressed"
    );
    click(&mut harness, "保存");
    harness.get_by_label("请先改正红色提示的内容");
    assert_eq!(names(&harness).len(), 3, "nothing is saved while a field is wrong");
    assert!(
        harness.state().roster.form.is_some(),
        "the form stays open with the typing"
    );
}

#[test]
fn the_delete_question_names_the_member_and_what_goes_with_them() {
    let sandbox = Sandbox::new();
    let ledger = common::learning_with_a_session("出差");
    let records = ledger.records_of(common::id_of(&ledger, "李秀英"));
    assert!(records > 0, "the fixture has 李秀英's attendance");
    let path = sandbox.write_ledger("支部.ron", &ledger);
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "党员名册");
    harness.get_by_label("李秀英").click();
    harness.run_steps(2);
    click(&mut harness, "删除党员");
    harness.get_by_label("删除党员“李秀英”？");
    harness.get_by_label_contains(&format!("此人在台账中还有 {records} 条相关记录"));
    harness.get_by_label_contains("若党员是调离本支部，请不要删除");
    click(&mut harness, "取消");
    assert_eq!(names(&harness).len(), 4, "取消 deletes nothing");
    assert!(harness.query_by_label("删除党员“李秀英”？").is_none());
}

#[test]
fn closing_a_member_form_with_typing_asks_first() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    harness.get_by_label("张伟").click();
    harness.run_steps(2);
    type_into(&mut harness, "联系电话", "13700001234");
    click(&mut harness, "关闭");
    harness.get_by_label_contains("有未保存的修改");
    click(&mut harness, "继续编辑");
    let form = harness.state().roster.form.as_ref().expect("still open");
    assert_eq!(form.input.member.phone, "13700001234");
    click(&mut harness, "关闭");
    click(&mut harness, "放弃修改并关闭");
    assert!(harness.state().roster.form.is_none());
    let doc = harness.state().doc.as_ref().expect("open");
    assert!(doc.ledger.members.iter().all(|m| m.phone != "13700001234"));
}

#[test]
fn duplicate_names_are_allowed_but_flagged() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    click(&mut harness, "新增党员");
    type_into(&mut harness, "姓名 *", "张伟");
    harness.get_by_label("名册中已有同名党员，请核对是否重复录入");
    click(&mut harness, "保存");
    assert_eq!(names(&harness).iter().filter(|n| *n == "张伟").count(), 2);
}

#[test]
fn sorting_and_searching_the_roster() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 6);
    harness.get_by_label("姓名").click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().roster.sort.column,
        1,
        "sorted by 姓名, the second heading"
    );
    let doc = harness.state().doc.as_ref().expect("open");
    let rows = zhibu::ui::screens::roster::visible_rows(&doc.ledger, &harness.state().roster);
    let sorted: Vec<&str> = rows.iter().map(|&i| doc.ledger.members[i].name.as_str()).collect();
    let mut expected = sorted.clone();
    expected.sort();
    assert_eq!(sorted, expected);

    type_into(&mut harness, "查找", "刘");
    let doc = harness.state().doc.as_ref().expect("open");
    let rows = zhibu::ui::screens::roster::visible_rows(&doc.ledger, &harness.state().roster);
    assert_eq!(rows.len(), 1);
    assert!(harness.query_by_label("王建国").is_none());
}

#[test]
fn import_a_roster_sheet_after_the_preview() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.xlsx");
    click(&mut harness, "导入名册表格…");
    type_into(&mut harness, "文件", &sheet.display().to_string());
    click(&mut harness, "读取");
    until_read(&mut harness);
    // The preview shows the groups, and imports nothing yet.
    harness.get_by_label_contains("新增 12 人，更新 0 人，相同 0 人，可能重复 1 人；不是党员的行 0 行，无法读取 0 行");
    harness.get_by_label("第 4 行 王建国：名册中已有同名党员：王建国（1960-01-01 出生），请核对是否同一人");
    assert_eq!(names(&harness).len(), 3);
    // The possible duplicate is left out unless the secretary says otherwise.
    harness.get_by_label("确认导入 12 名党员");
    let add_them = "已核对，这些不是名册中的同名党员：也作为新党员导入";
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, add_them)
        .scroll_to_me();
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, add_them)
        .click();
    harness.run_steps(2);
    click(&mut harness, "确认导入 13 名党员");
    assert_eq!(names(&harness).len(), 3 + 13);
}

#[test]
fn a_corrected_sheet_imported_again_updates_in_one_undo_step() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    let sheet = sandbox.path("改正后.csv");
    // 王建国 and 李秀英 are in the ledger, born 1960-01-01 and 1960-01-02.
    let text = "姓名,性别,出生日期,联系电话\n王建国,男,1960-01-01,13800001111\n李秀英,,1960-01-02,\n周镕,男,1975-03-08,\n张伟,男,1970-05-05,\n";
    std::fs::write(&sheet, text).expect("write");
    let before = common::ledger_of(&harness);
    let wang = common::id_of(&before, "王建国");
    click(&mut harness, "导入名册表格…");
    type_into(&mut harness, "文件", &sheet.display().to_string());
    click(&mut harness, "读取");
    until_read(&mut harness);
    harness.get_by_label_contains("新增 1 人，更新 1 人，相同 1 人，可能重复 1 人；不是党员的行 0 行，无法读取 0 行");
    harness.get_by_label("第 2 行 王建国（按姓名和出生日期）：联系电话 （空） → 13800001111");
    harness.get_by_label("第 5 行 张伟：名册中已有同名党员：张伟（1960-01-03 出生），请核对是否同一人");
    click(&mut harness, "确认导入：新增 1 名，更新 1 名党员");
    let after = common::ledger_of(&harness);
    assert_eq!(names(&harness), ["王建国", "李秀英", "张伟", "周镕"]);
    let updated = after.member(wang).expect("kept its id");
    assert_eq!(
        (updated.name.as_str(), updated.phone.as_str()),
        ("王建国", "13800001111")
    );
    // One step to undo, as one import.
    click(&mut harness, "撤销");
    assert_eq!(common::ledger_of(&harness).members, before.members);
}

#[test]
fn a_sheet_with_a_header_over_two_rows_previews_every_column_and_imports_the_women_as_women() {
    use rust_xlsxwriter::{Format, Workbook};
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    // As township templates have it: a title, 姓名 and 性别 merged over rows
    // 3–4, the dates under a 基本情况 heading.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 5, "红星村党支部党员花名册", &plain)
        .expect("title");
    for (col, title) in [(0u16, "序号"), (1, "姓名"), (2, "性别")] {
        sheet.merge_range(2, col, 3, col, title, &plain).expect("merged");
    }
    sheet.merge_range(2, 3, 2, 5, "基本情况", &plain).expect("group");
    for (col, title) in [(3u16, "出生年月"), (4, "入党时间"), (5, "身份证号码")] {
        sheet.write_string(3, col, title).expect("name");
    }
    for (row, cells) in [
        ["1", "王秀英", "女", "1965.03", "1990-07-01", "110105196503150028"],
        ["2", "赵刚", "男", "1970-05-02", "1995-07-01", ""],
    ]
    .iter()
    .enumerate()
    {
        for (col, cell) in cells.iter().enumerate() {
            sheet.write_string(4 + row as u32, col as u16, *cell).expect("cell");
        }
    }
    let path = sandbox.path("两行表头.xlsx");
    book.save(&path).expect("save");

    click(&mut harness, "导入名册表格…");
    type_into(&mut harness, "文件", &path.display().to_string());
    click(&mut harness, "读取");
    until_read(&mut harness);
    harness.get_by_label_contains("表头在第 3–4 行");
    harness.get_by_label_contains("新增 2 人");
    click(&mut harness, "确认导入 2 名党员");
    let ledger = common::ledger_of(&harness);
    let wang = ledger.members.iter().find(|m| m.name == "王秀英").expect("imported");
    assert_eq!(wang.gender, zhibu::model::member::Gender::Female);
    assert_eq!(
        wang.birth,
        Some(zhibu::model::Date::constant(1965, 3, 15)),
        "day from the ID"
    );
    assert_eq!(wang.joined, Some(zhibu::model::Date::constant(1990, 7, 1)));
    assert_eq!(wang.id_number, "110105196503150028");
}

#[test]
fn a_workbook_opening_with_a_cover_previews_the_roster_on_its_second_sheet_and_names_the_others() {
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 3);
    let path = common::sheets::cover_then_roster(sandbox.dir.path());
    click(&mut harness, "导入名册表格…");
    type_into(&mut harness, "文件", &path.display().to_string());
    click(&mut harness, "读取");
    until_read(&mut harness);
    // Which sheet was read, why not the first, and which others there are.
    harness.get_by_label("读取工作表“党员名册”（“填表说明”中没有“姓名”表头）；其他工作表：填表说明、汇总");
    harness.get_by_label_contains("表头在第 1 行；新增 1 人，更新 0 人，相同 0 人，可能重复 0 人");
    harness.get_by_label("王秀英");
    assert_eq!(names(&harness).len(), 3, "nothing imported before the confirmation");

    // The cover, picked on purpose, says it has no header; back to the roster.
    click(&mut harness, "填表说明");
    until_read(&mut harness);
    harness.get_by_label_contains("工作表“填表说明”的前 10 行里没有找到“姓名”列");
    assert!(harness.query_by_label("王秀英").is_none(), "no rows from the cover");
    // Without the preview the window shrinks and moves over a few frames.
    harness.run_steps(4);
    // The navigation has a 党员名册 too; the sheet picker's is drawn after it.
    harness
        .query_all_by_role_and_label(egui::accesskit::Role::Button, "党员名册")
        .last()
        .expect("the sheet picker's 党员名册")
        .click();
    harness.run_steps(2);
    until_read(&mut harness);
    harness.get_by_label("王秀英");

    click(&mut harness, "确认导入 1 名党员");
    let ledger = common::ledger_of(&harness);
    assert_eq!(names(&harness), ["王建国", "李秀英", "张伟", "王秀英"]);
    let wang = ledger.members.iter().find(|m| m.name == "王秀英").expect("imported");
    assert_eq!(wang.gender, zhibu::model::member::Gender::Female);
    assert_eq!(
        (wang.birth, wang.joined),
        (
            Some(zhibu::model::Date::constant(1965, 3, 1)),
            Some(zhibu::model::Date::constant(1990, 7, 1))
        )
    );
}

/// The row's Tab stop focused now: its name, as a screen reader reads it.
fn focused_row(harness: &egui_kittest::Harness<'static, zhibu::ui::ZhibuApp>) -> Option<String> {
    use egui_kittest::kittest::NodeT;
    harness
        .root()
        .children_recursive()
        .map(|n| n.accesskit_node())
        .find(|n| n.is_focused())
        .and_then(|n| n.label())
}

#[test]
fn tab_past_the_rows_drawn_scrolls_on_to_the_next_member_and_shift_tab_back() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let sandbox = Sandbox::new();
    let (mut harness, _) = open_roster(&sandbox, 200);
    // Only the rows in view are laid out: the last of them is the edge.
    let stops: Vec<String> = harness
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.split('，').next().is_some_and(|n| n.parse::<usize>().is_ok()))
        .collect();
    assert!(stops.len() > 5 && stops.len() < 100, "{} rows drawn", stops.len());
    let last = stops.len();
    harness.get_by_role_and_label(Role::Button, &stops[last - 1]).focus();
    // Each Tab pressed in the frame after the last: before the list has
    // scrolled the focused row into view and laid out the one below it.
    harness.run_steps(1);
    for _ in 0..3 {
        harness.key_press(egui::Key::Tab);
        harness.run_steps(1);
    }
    harness.run_steps(3);
    let focused = focused_row(&harness).unwrap_or_default();
    assert!(
        focused.starts_with(&format!("{}，", last + 3)),
        "three Tabs from row {last} reached {focused:?}"
    );
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run_steps(3);
    let focused = focused_row(&harness).unwrap_or_default();
    assert!(
        focused.starts_with(&format!("{}，", last + 2)),
        "Shift+Tab reached {focused:?}"
    );
}
