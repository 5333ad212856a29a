//! 导入名册: read the branch's existing roster sheet, show how its columns
//! were understood and each row in its group — 新增, 更新 (with the fields
//! that change), 相同, 可能重复, 不是党员的行, 无法读取 — and change nothing
//! until the secretary confirms. The confirmation is one
//! `Command::ImportMembers`, one step to undo.

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::Command;
use crate::import::{self, Match, Preview, Table};
use crate::model::dates::show_opt;
use crate::model::{Date, Ledger, Member};
use crate::ui::app::Action;
use crate::ui::strings as s;
use crate::ui::widgets::editable;

/// The import dialog's state.
#[derive(Debug, Clone, Default)]
pub struct ImportState {
    /// The file path, typed or picked.
    pub path: String,
    pub table: Option<Table>,
    pub preview: Option<Preview>,
    pub error: Option<String>,
    /// Put the cursor in the path field on the next frame.
    pub focus_path: bool,
    /// Add the possible duplicates as new members too (the secretary
    /// checked they are other people).
    pub with_duplicates: bool,
}

const NOT_MEMBERS: &str = "不是党员的行（不导入）：";
const UPDATES: &str = "更新：名册中已有的党员，表中以下各项不同，确认后按表格更新（党员的学习、谈心等记录不变）：";
const DUPLICATES: &str = "可能重复：名册中已有同名党员，但身份证号或出生日期无法确认是同一人：";
const ADD_DUPLICATES: &str = "已核对，这些不是名册中的同名党员：也作为新党员导入";
const COL_GROUP: &str = "导入方式";

impl ImportState {
    /// A freshly opened dialog, cursor in the path field.
    pub fn opened() -> Self {
        Self {
            focus_path: true,
            ..Self::default()
        }
    }

    /// Reads `sheet` (or the first one) of the file at `path`.
    pub fn read(&mut self, sheet: Option<&str>, ledger: &Ledger, today: Date) {
        self.table = None;
        self.preview = None;
        self.error = None;
        self.with_duplicates = false;
        let path = std::path::PathBuf::from(self.path.trim());
        let result = import::read_sheet(&path, sheet).and_then(|table| {
            let preview = import::preview(&table, &ledger.members, today);
            self.table = Some(table);
            preview
        });
        match result {
            Ok(preview) => self.preview = Some(preview),
            Err(err) => self.error = Some(err.to_string()),
        }
    }
}

/// The import window. Returns false when it is closed.
pub fn import_ui(
    ctx: &egui::Context,
    state: &mut ImportState,
    ledger: &Ledger,
    today: Date,
    actions: &mut Vec<Action>,
) -> bool {
    let mut open = true;
    let mut close = false;
    let screen = ctx.content_rect();
    egui::Window::new(s::IMPORT_TITLE)
        .open(&mut open)
        .collapsible(false)
        .default_size([screen.width().min(1100.0) - 60.0, screen.height() - 120.0])
        .max_height(screen.height() - 60.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(s::IMPORT_EXPLAINED);
            ui.horizontal(|ui| {
                let label = ui.label(s::FILE);
                let path_field = ui
                    .add(
                        egui::TextEdit::singleline(&mut state.path)
                            .id_salt("import_path")
                            .hint_text(s::IMPORT_PATH_HINT)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                // Not during the window's first, invisible sizing pass: focus
                // asked for then is lost.
                if state.focus_path && !ui.is_sizing_pass() {
                    state.focus_path = false;
                    path_field.request_focus();
                }
                let entered = path_field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button(s::BROWSE).clicked() {
                    let picked = rfd::FileDialog::new()
                        .add_filter(s::SHEET_FILES, &["xlsx", "xlsm", "xls", "ods", "csv"])
                        .pick_file();
                    if let Some(path) = picked {
                        state.path = path.display().to_string();
                        state.read(None, ledger, today);
                    }
                }
                if ui
                    .add_enabled(!state.path.trim().is_empty(), egui::Button::new(s::READ_FILE))
                    .clicked()
                    || (entered && !state.path.trim().is_empty())
                {
                    state.read(None, ledger, today);
                }
            });
            if let Some(error) = &state.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            sheet_picker_ui(ui, state, ledger, today);
            if let Some(preview) = &state.preview {
                ui.separator();
                preview_ui(ui, preview, &ledger.members, &mut state.with_duplicates);
                ui.separator();
                ui.horizontal(|ui| {
                    let added = preview.to_add(state.with_duplicates);
                    let updated = preview.to_update();
                    let (n, u) = (added.len(), updated.len());
                    let what = if u == 0 {
                        format!(" {n} {}", s::MEMBERS_UNIT)
                    } else {
                        format!("：新增 {n} 名，更新 {u} {}", s::MEMBERS_UNIT)
                    };
                    let confirm = ui.add_enabled(
                        n + u > 0 && editable(ui),
                        egui::Button::new(egui::RichText::new(format!("{}{what}", s::CONFIRM_IMPORT)).strong()),
                    );
                    if confirm.clicked() {
                        actions.push(Action::Edit(Command::ImportMembers { added, updated }));
                        actions.push(Action::Notice(format!("{}{what}", s::IMPORTED)));
                        close = true;
                    }
                    if ui.button(s::CANCEL).clicked() {
                        close = true;
                    }
                });
            }
        });
    open && !close
}

fn sheet_picker_ui(ui: &mut egui::Ui, state: &mut ImportState, ledger: &Ledger, today: Date) {
    let Some(table) = &state.table else { return };
    let Some(note) = table.sheet_note() else { return };
    ui.label(note);
    let mut chosen = None;
    ui.horizontal(|ui| {
        ui.label(s::SHEET);
        for name in &table.sheet_names {
            if ui.selectable_label(*name == table.sheet, name).clicked() && *name != table.sheet {
                chosen = Some(name.clone());
            }
        }
    });
    if let Some(name) = chosen {
        state.read(Some(&name), ledger, today);
    }
}

fn preview_ui(ui: &mut egui::Ui, preview: &Preview, existing: &[Member], with_duplicates: &mut bool) {
    ui.label(format!("表头在{}；{}。", preview.header_lines(), preview.summary()));
    ui.horizontal_wrapped(|ui| {
        ui.label(s::COLUMNS_UNDERSTOOD);
        for c in &preview.columns {
            match c.field {
                Some(field) => {
                    ui.label(format!("{}列“{}”→{}", c.letter(), c.header, field.label()));
                }
                None if c.is_serial() => {}
                None => {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{}列“{}”{}", c.letter(), c.header, s::NOT_IMPORTED),
                    );
                }
            }
        }
    });
    if !preview.skipped.is_empty() {
        let lines: Vec<String> = preview.skipped.iter().map(|r| r.reason.clone()).collect();
        let title = egui::RichText::new(s::SKIPPED_ROWS)
            .strong()
            .color(ui.visuals().error_fg_color);
        lines_ui(ui, "skipped_rows", title, &lines);
    }
    if !preview.not_members.is_empty() {
        let lines: Vec<String> = preview
            .not_members
            .iter()
            .map(|r| format!("第 {} 行（{}）：{}", r.line, r.kind, r.text))
            .collect();
        lines_ui(ui, "not_member_rows", egui::RichText::new(NOT_MEMBERS).strong(), &lines);
    }
    let updates: Vec<String> = preview
        .update_rows()
        .filter_map(|r| match &r.matched {
            Match::Update { changes, by, .. } => {
                let changes: Vec<String> = changes.iter().map(ToString::to_string).collect();
                Some(format!("{}（{}）：{}", r.heading(), by.label(), changes.join("，")))
            }
            _ => None,
        })
        .collect();
    if !updates.is_empty() {
        lines_ui(ui, "update_rows", egui::RichText::new(UPDATES).strong(), &updates);
    }
    let duplicates: Vec<String> = preview
        .duplicate_rows()
        .filter_map(|r| {
            r.duplicate_note(existing)
                .map(|note| format!("{}：{note}", r.heading()))
        })
        .collect();
    if !duplicates.is_empty() {
        let title = egui::RichText::new(DUPLICATES)
            .strong()
            .color(ui.visuals().warn_fg_color);
        lines_ui(ui, "duplicate_rows", title, &duplicates);
        ui.checkbox(with_duplicates, ADD_DUPLICATES);
    }
    ui.label(egui::RichText::new(s::ROWS_TO_IMPORT).strong());
    let height = (ui.available_height() - 40.0).max(140.0);
    TableBuilder::new(ui)
        .id_salt("import_rows")
        .striped(true)
        .max_scroll_height(height)
        .column(TableColumn::exact(66.0))
        .column(TableColumn::exact(60.0))
        .column(TableColumn::exact(80.0))
        .column(TableColumn::exact(36.0))
        .column(TableColumn::exact(96.0))
        .column(TableColumn::exact(96.0))
        .column(TableColumn::exact(80.0))
        .column(TableColumn::exact(80.0))
        .column(TableColumn::remainder().clip(true))
        .header(24.0, |mut header| {
            for title in [
                s::COL_LINE,
                COL_GROUP,
                s::COL_NAME,
                s::COL_GENDER,
                s::COL_BIRTH,
                s::COL_JOINED,
                s::COL_CATEGORY,
                s::COL_STATUS,
                s::CHECK_THESE,
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(22.0, preview.rows.len(), |mut row| {
                let r = &preview.rows[row.index()];
                let m = &r.member;
                let group = match r.matched {
                    Match::New => "新增",
                    Match::Update { .. } => "更新",
                    Match::Same { .. } => "相同",
                    Match::PossibleDuplicate { .. } => "可能重复",
                };
                let cells = [
                    r.line.to_string(),
                    group.to_owned(),
                    m.name.clone(),
                    m.gender.label().to_owned(),
                    show_opt(m.birth),
                    show_opt(m.joined),
                    m.category.map_or("", |c| c.label()).to_owned(),
                    m.status.label().to_owned(),
                ];
                for text in cells {
                    row.col(|ui| {
                        ui.label(text);
                    });
                }
                row.col(|ui| {
                    if !r.warnings.is_empty() {
                        ui.colored_label(ui.visuals().warn_fg_color, r.warnings.join("；"));
                    }
                });
            });
        });
}

/// A titled list of lines, scrolled when long.
fn lines_ui(ui: &mut egui::Ui, id: &str, title: egui::RichText, lines: &[String]) {
    ui.label(title);
    egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(110.0)
        .show(ui, |ui| {
            for line in lines {
                ui.label(line);
            }
        });
}
