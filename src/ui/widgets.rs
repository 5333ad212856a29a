//! Small widgets the screens share: date fields typed the way people write
//! dates, form rows with their messages, and the stage gate with its move.

use crate::model::Date;
use crate::model::dates::{parse_date, show_opt};
use crate::ui::strings as s;

/// A date being typed: kept as text until it is read, so a half-typed date
/// is never lost and a wrong one gets a message.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DateText(pub String);

impl DateText {
    pub fn new(date: Option<Date>) -> Self {
        Self(show_opt(date))
    }

    /// The date, `None` when empty, or a Chinese message.
    pub fn read(&self) -> Result<Option<Date>, String> {
        if self.0.trim().is_empty() {
            Ok(None)
        } else {
            parse_date(&self.0).map(Some)
        }
    }
}

/// Why nothing can be changed in this window, set by the app at the start
/// of every frame: [`editable`] and [`writable`] read it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOnly {
    /// Another window holds the ledger (or it could not be locked).
    pub window: bool,
    /// The campaign is closed (验收归档): only 重新打开活动 changes it.
    pub closed: bool,
}

fn read_only_id() -> egui::Id {
    egui::Id::unique("zhibu_read_only")
}

/// Tells the screens drawn in this frame what may be changed.
pub fn set_read_only(ctx: &egui::Context, read_only: ReadOnly) {
    ctx.data_mut(|d| d.insert_temp(read_only_id(), read_only));
}

/// What the app set for this frame.
pub fn read_only(ui: &egui::Ui) -> ReadOnly {
    ui.ctx().data(|d| d.get_temp(read_only_id())).unwrap_or_default()
}

/// Whether records may be edited in this frame: the window holds the
/// ledger and the campaign is not closed. Editing controls are drawn with
/// `ui.add_enabled_ui(editable(ui), …)`; scrolling, tabs, search, printing
/// and export stay usable.
pub fn editable(ui: &egui::Ui) -> bool {
    let read_only = read_only(ui);
    !read_only.window && !read_only.closed
}

/// Whether this window may write the ledger at all (false only for a
/// second window): 重新打开活动 of a closed campaign asks this.
pub fn writable(ui: &egui::Ui) -> bool {
    !read_only(ui).window
}

/// The longest date as people type it, which a date box must show whole.
pub const WIDEST_DATE: &str = "2026年12月31日";

/// How wide a date box is: [`WIDEST_DATE`] in the font of text fields,
/// its inner margins and room for the cursor. A fixed 120 cut the last
/// characters off, more so with larger text.
pub fn date_width(ui: &egui::Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text = ui
        .fonts_mut(|f| f.layout_no_wrap(WIDEST_DATE.to_owned(), font, egui::Color32::PLACEHOLDER))
        .size()
        .x;
    // TextEdit's own margin is 4 points a side; 4 more keep the cursor in.
    text + 12.0
}

/// A date box: one line, [`date_width`] wide, hinting how to type it.
pub fn date_edit<'t>(ui: &egui::Ui, date: &'t mut DateText, id: &str) -> egui::TextEdit<'t> {
    egui::TextEdit::singleline(&mut date.0)
        .id_salt(id)
        .hint_text(s::DATE_HINT)
        .desired_width(date_width(ui))
}

/// A text field for a date, with a [`message_line_ui`] under it that says
/// why the date cannot be read. The line is there whether it holds a
/// message or not: a message put in the flow pushed down what was below
/// the field (or, beside it, widened the row and the side panel holding
/// it), so a click meant for the next field or button hit another.
///
/// The line takes the width left in the row, so a date field is the last
/// thing in its row; in a grid, [`label_over_message_ui`] keeps the row's
/// label level with the field.
pub fn date_field_ui(ui: &mut egui::Ui, date: &mut DateText, id: &str) -> egui::Response {
    ui.vertical(|ui| {
        let response = ui.add(date_edit(ui, date, id));
        let message = date.read().err();
        let messages: Vec<(&str, bool)> = message.iter().map(|m| (m.as_str(), true)).collect();
        message_line_ui(ui, &messages);
        response
    })
    .inner
}

/// How high a one-line text field is drawn: a line of body text and the
/// theme's padding above and below it (egui's text edit frame), at least
/// as high as a button.
pub fn field_height(ui: &egui::Ui) -> f32 {
    let spacing = ui.spacing();
    (ui.text_style_height(&egui::TextStyle::Body) + 2.0 * spacing.button_padding.y).max(spacing.interact_size.y)
}

/// A field's label in a grid row whose field has a [`message_line_ui`]
/// under it: level with the field. A grid centres a cell on its row, and
/// the row is as high as the field and its line, so a plain label sat
/// half a line below the field it names.
pub fn label_over_message_ui(ui: &mut egui::Ui, label: &str) -> egui::Response {
    let field = field_height(ui);
    let line = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    ui.vertical(|ui| {
        let layout = egui::Layout::left_to_right(egui::Align::Center);
        let label = ui
            .allocate_ui_with_layout(egui::vec2(0.0, field), layout, |ui| {
                ui.set_min_height(field);
                ui.label(label)
            })
            .inner;
        ui.add_space(line);
        label
    })
    .inner
}

/// The message line under a field: always one line high, whether it holds
/// a message or not, so that a message coming or going moves nothing the
/// secretary may click next. `messages` are (text, blocking): red when one
/// blocks, amber otherwise; more than one are joined with "；", and a line
/// too long for the width ends in "…" and shows whole on hover.
pub fn message_line_ui(ui: &mut egui::Ui, messages: &[(&str, bool)]) {
    let size = egui::vec2(ui.available_width(), ui.text_style_height(&egui::TextStyle::Body));
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_size(size);
        if messages.is_empty() {
            return;
        }
        let color = if messages.iter().any(|(_, blocking)| *blocking) {
            ui.visuals().error_fg_color
        } else {
            ui.visuals().warn_fg_color
        };
        let text = messages.iter().map(|(text, _)| *text).collect::<Vec<_>>().join("；");
        ui.add(egui::Label::new(egui::RichText::new(text).color(color)).truncate());
    });
}

/// A message next to a field: red for an error, amber for a warning.
pub fn field_message_ui(ui: &mut egui::Ui, message: &str, blocking: bool) {
    let color = if blocking {
        ui.visuals().error_fg_color
    } else {
        ui.visuals().warn_fg_color
    };
    ui.colored_label(color, message);
}

/// A small coloured mark for a checklist cell.
pub fn status_mark(done: Option<bool>) -> (&'static str, egui::Color32) {
    match done {
        Some(true) => ("✓", egui::Color32::from_rgb(0x2e, 0x8b, 0x57)),
        Some(false) => ("×", egui::Color32::from_rgb(0xc6, 0x28, 0x28)),
        None => ("", egui::Color32::GRAY),
    }
}

/// A heading with an explanation under it.
pub fn heading_ui(ui: &mut egui::Ui, title: &str, explanation: &str) {
    ui.heading(title);
    if !explanation.is_empty() {
        ui.label(egui::RichText::new(explanation).color(ui.visuals().weak_text_color()));
    }
    ui.add_space(4.0);
}

/// A backup as the secretary reads it: "2026-11-24 14:32 · 第 17 次保存".
pub fn describe_backup(backup: &crate::store::Backup) -> String {
    use crate::store::BackupKind;
    let when = backup.saved_at.strftime("%Y-%m-%d %H:%M");
    let what = match backup.kind {
        BackupKind::Save { counter } => format!("{} {counter} {}", s::BACKUP_SAVE_1, s::BACKUP_SAVE_2),
        BackupKind::BeforeUpgrade { from } => format!("{}{from}", s::BACKUP_BEFORE_UPGRADE),
        BackupKind::SetAside { damaged: true } => s::BACKUP_DAMAGED.to_owned(),
        BackupKind::SetAside { damaged: false } => s::BACKUP_SET_ASIDE.to_owned(),
    };
    format!("{when} · {what}")
}

/// A sortable column heading: shows ▲ or ▼ on the sorted column; a click
/// sorts by it, a second click reverses.
pub fn sort_header_ui<K: PartialEq + Copy>(
    ui: &mut egui::Ui,
    title: &str,
    key: K,
    sort: &mut K,
    descending: &mut bool,
) {
    let arrow = match (*sort == key, *descending) {
        (true, true) => " ▼",
        (true, false) => " ▲",
        _ => "",
    };
    let text = egui::RichText::new(format!("{title}{arrow}")).strong();
    if ui.add(egui::Button::new(text).frame(false)).clicked() {
        if *sort == key {
            *descending = !*descending;
        } else {
            *sort = key;
            *descending = false;
        }
    }
}

/// A file in the way of an output: the question, the files named, and
/// 替换 / 取消. `Some(true)` when 替换 is clicked, `Some(false)` for 取消,
/// `None` while unanswered.
pub fn replace_question(ui: &egui::Ui, id: &str, question: &str, paths: &[&std::path::Path]) -> Option<bool> {
    let mut answer = None;
    egui::Modal::new(egui::Id::unique(id)).show(ui.ctx(), |ui| {
        ui.label(question);
        for path in paths {
            ui.monospace(path.display().to_string());
        }
        ui.horizontal(|ui| {
            if ui.button(s::REPLACE).clicked() {
                answer = Some(true);
            }
            if ui.button(s::CANCEL).clicked() {
                answer = Some(false);
            }
        });
    });
    answer
}

/// One of a few exclusive choices on a row (出席 / 请假 / 缺席): the chosen
/// one framed in the text colour, bold, on the window's own fill, so that
/// it stands out on a selected row as well — a selected row and a selected
/// button share egui's selection colour, which hid the status just set in
/// the keyboard flow of 考勤. The caller names it for a screen reader
/// (with its selected state) through `widget_info`.
pub fn choice_button(ui: &mut egui::Ui, enabled: bool, chosen: bool, label: &str) -> egui::Response {
    let button = if chosen {
        let visuals = ui.visuals();
        egui::Button::new(egui::RichText::new(label).strong().color(visuals.strong_text_color()))
            .fill(visuals.window_fill)
            .stroke(egui::Stroke::new(2.0, visuals.strong_text_color()))
    } else {
        egui::Button::new(label).frame_when_inactive(false)
    };
    ui.add_enabled(enabled, button)
}
