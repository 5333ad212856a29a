//! 导入名册: read the branch's existing roster sheet, show how its columns
//! were understood, which rows will be added and which cannot be read and
//! why — and add nothing until the secretary confirms.

use egui_extras::{Column as TableColumn, TableBuilder};

use crate::edit::Command;
use crate::import::{self, Preview, Table};
use crate::model::dates::show_opt;
use crate::model::{Date, Ledger};
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
}

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
                preview_ui(ui, preview);
                ui.separator();
                ui.horizontal(|ui| {
                    let n = preview.rows.len();
                    let confirm = ui.add_enabled(
                        n > 0 && editable(ui),
                        egui::Button::new(
                            egui::RichText::new(format!("{} {n} {}", s::CONFIRM_IMPORT, s::MEMBERS_UNIT)).strong(),
                        ),
                    );
                    if confirm.clicked() {
                        actions.push(Action::Edit(Command::AddMembers(preview.members())));
                        actions.push(Action::Notice(format!("{} {n} {}", s::IMPORTED, s::MEMBERS_UNIT)));
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
    if table.sheet_names.len() < 2 {
        return;
    }
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

fn preview_ui(ui: &mut egui::Ui, preview: &Preview) {
    ui.label(format!(
        "{} {} {}；{} {} {}，{} {} {}。",
        s::HEADER_AT_ROW,
        preview.header_row,
        s::ROW_UNIT,
        s::WILL_IMPORT,
        preview.rows.len(),
        s::PERSONS,
        s::CANNOT_READ,
        preview.skipped.len(),
        s::ROWS
    ));
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
        ui.label(
            egui::RichText::new(s::SKIPPED_ROWS)
                .strong()
                .color(ui.visuals().error_fg_color),
        );
        egui::ScrollArea::vertical()
            .id_salt("skipped_rows")
            .max_height(110.0)
            .show(ui, |ui| {
                for row in &preview.skipped {
                    ui.label(&row.reason);
                }
            });
    }
    ui.label(egui::RichText::new(s::ROWS_TO_IMPORT).strong());
    let height = (ui.available_height() - 40.0).max(140.0);
    TableBuilder::new(ui)
        .id_salt("import_rows")
        .striped(true)
        .max_scroll_height(height)
        .column(TableColumn::exact(66.0))
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
                let cells = [
                    r.line.to_string(),
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
