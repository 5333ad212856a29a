//! 导出本支部: the folder, what to include (records; phone numbers and
//! 身份证号, off by default), exactly what the files will contain — with
//! how many phone numbers and 身份证号 are left out and masked, before
//! anything is written —, and the
//! paths written, with 打开文件 (the workbook) and 打开所在文件夹. Files of the same names already in the folder (an
//! export made earlier the same day) are replaced only after 替换 in a
//! dialog; a ledger never ([`crate::report::output_path`]). The export
//! file is signed with the ledger's key, whose fingerprint is shown; a key
//! file that cannot be read is replaced only after 生成新密钥 in a dialog.

use std::path::{Path, PathBuf};

use crate::model::{Date, Ledger};
use crate::report::privacy::preview;
use crate::report::summary::lines;
use crate::report::{ExportOptions, Exported, OutputRules, Replace, export_package_with, package_paths};
use crate::ui::cache::Cached;
use crate::ui::system::{FileActions, FileWords, path_row_ui, row_height, written_file_ui};
use crate::ui::widgets::field_message_ui;

pub const FOLDER: &str = "导出到文件夹";
pub const PICK_FOLDER: &str = "选择文件夹…";
pub const INCLUDE_RECORDS: &str = "导出文件中包含全部台账记录";
pub const INCLUDE_PERSONAL: &str = "包含联系电话和身份证号";
pub const WHAT_IS_INCLUDED: &str = "将导出的内容：";
pub const EXPORT: &str = "开始导出";
pub const EXPORTED: &str = "已导出：";
const NO_FOLDER: &str = "请先填写或选择导出文件夹";
const FIGURES: &str = "本支部统计数字（即工作簿“汇总”表）";
const REPLACE_QUESTION: &str = "文件夹中已有同名的导出文件，要替换它们吗？";
const WORKBOOK: FileWords = FileWords {
    written: "工作簿",
    not_opened: "无法用系统程序打开这个工作簿，请在文件夹中双击打开：",
    pending: "导出后，这里显示工作簿的位置，可直接打开文件或所在文件夹。",
};
const EXPORT_FILE: &str = "交县先教办的导出文件";
pub const NEW_KEY: &str = "生成新密钥";
const NEW_KEY_NOTE: &str =
    "生成后旧的密钥文件改名保留。县先教办汇总时会看到本支部换了密钥：请把新的指纹告诉他们，由他们确认。";

/// The tab's state.
#[derive(Debug, Default)]
pub struct BranchExportState {
    /// The folder, as typed or picked.
    pub folder: String,
    pub options: ExportOptions,
    /// The last export: the files written, or why not.
    pub result: Option<Result<Exported, String>>,
    /// Existing files we are asking about replacing.
    asking: Vec<PathBuf>,
    /// The system's answer to opening the workbook, or its folder.
    pub file: FileActions,
    /// Why the ledger's key file cannot be used, while we ask whether to
    /// make a new key.
    key_question: Option<String>,
    /// What the export will leave out and mask
    /// ([`crate::report::privacy::Withheld::lines`], or why they could not
    /// be worked out), for the records' revision, the options and the day.
    withheld: Cached<(u64, ExportOptions, Date), Result<Vec<String>, String>>,
}

impl BranchExportState {
    /// Exports the ledger at `ledger_path` into the folder now (what the
    /// 开始导出 button does, with `Replace::No`, and 替换 in its dialog).
    pub fn export(&mut self, ledger: &Ledger, ledger_path: &Path, today: Date, replace: Replace) {
        self.asking.clear();
        self.file.forget();
        let folder = Path::new(self.folder.trim());
        if folder.as_os_str().is_empty() {
            self.result = Some(Err(NO_FOLDER.to_owned()));
            return;
        }
        let rules = OutputRules::new().from_ledger(ledger_path).replacing(replace);
        match export_package_with(folder, ledger, today, self.options, &rules) {
            Ok(out) => self.result = Some(Ok(out)),
            Err(e) if e.needs_confirmation() => {
                let paths = package_paths(folder, ledger, today);
                self.asking = [paths.workbook, paths.export_file]
                    .into_iter()
                    .filter(|p| std::fs::symlink_metadata(p).is_ok())
                    .collect();
                self.result = None;
            }
            Err(e) if e.needs_new_key() => {
                self.key_question = Some(e.to_string());
                self.result = None;
            }
            Err(e) => self.result = Some(Err(e.to_string())),
        }
    }

    /// 生成新密钥: the damaged key file is set aside, a new key made, and
    /// the export made again.
    pub fn export_with_new_key(&mut self, ledger: &Ledger, ledger_path: &Path, today: Date) {
        self.key_question = None;
        match crate::store::key::replace_damaged_key(ledger_path) {
            Ok(_) => self.export(ledger, ledger_path, today, Replace::No),
            Err(e) => self.result = Some(Err(e.to_string())),
        }
    }
}

/// What [`crate::report::privacy::preview`] says of an export with the
/// options ticked, worked out again only when the records or the options
/// change.
fn withheld_lines<'a>(
    state: &'a mut BranchExportState,
    ledger: &Ledger,
    revision: u64,
    today: Date,
) -> &'a Result<Vec<String>, String> {
    let options = state.options;
    state.withheld.get_or((revision, options, today), || {
        preview(ledger, today, options)
            .map(|withheld| withheld.lines())
            .map_err(|e| e.to_string())
    })
}

pub(super) fn branch_export_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    ledger_path: &Path,
    state: &mut BranchExportState,
    today: Date,
) {
    if state.folder.is_empty() {
        let folder = ledger_path.parent().map(PathBuf::from).unwrap_or_default();
        state.folder = folder.display().to_string();
    }
    ui.horizontal(|ui| {
        let label = ui.label(FOLDER);
        ui.add(egui::TextEdit::singleline(&mut state.folder).desired_width(420.0))
            .labelled_by(label.id);
        if ui.button(PICK_FOLDER).clicked()
            && let Some(folder) = rfd::FileDialog::new().set_directory(&state.folder).pick_folder()
        {
            state.folder = folder.display().to_string();
        }
    });
    ui.checkbox(&mut state.options.include_records, INCLUDE_RECORDS);
    ui.checkbox(&mut state.options.include_personal, INCLUDE_PERSONAL);
    ui.add_space(6.0);
    ui.label(egui::RichText::new(WHAT_IS_INCLUDED).strong());
    for line in state.options.describe() {
        ui.label(format!("· {line}"));
    }
    match withheld_lines(state, ledger, revision, today) {
        Ok(lines) => {
            for line in lines {
                ui.label(format!("· {line}"));
            }
        }
        Err(message) => field_message_ui(ui, message, true),
    }
    ui.add_space(6.0);
    if ui.button(EXPORT).clicked() {
        state.export(ledger, ledger_path, today, Replace::No);
    }
    replace_dialog_ui(ui, ledger, ledger_path, state, today);
    key_dialog_ui(ui, ledger, ledger_path, state, today);
    result_ui(ui, state);
    ui.add_space(10.0);
    ui.collapsing(FIGURES, |ui| figures_ui(ui, ledger, today));
}

/// What the last export gave: 已导出： with the two files' paths, 打开文件
/// and 打开所在文件夹, or why not. Its three rows keep their place before
/// the first export, so that nothing below moves when they fill.
fn result_ui(ui: &mut egui::Ui, state: &mut BranchExportState) {
    let written = match &state.result {
        Some(Ok(out)) => Some(out),
        _ => None,
    };
    let first = egui::vec2(ui.available_width(), row_height(ui));
    ui.allocate_ui_with_layout(first, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_min_size(first);
        match &state.result {
            Some(Ok(_)) => {
                ui.label(EXPORTED);
            }
            Some(Err(message)) => field_message_ui(ui, message, true),
            None => {}
        }
    });
    let workbook = written.map(|out| out.workbook.as_path());
    written_file_ui(ui, workbook, &mut state.file, &WORKBOOK);
    path_row_ui(ui, EXPORT_FILE, written.map(|out| out.export_file.as_path()));
    if let Some(out) = written {
        let made = if out.key_made {
            "已为本台账生成签名密钥（请妥善保管，不要发送给他人）。"
        } else {
            ""
        };
        ui.label(format!(
            "{made}导出文件已签名，本支部公钥指纹：{}（县先教办可凭此电话核对）",
            out.fingerprint
        ));
    }
    for cut in written.iter().flat_map(|out| &out.cuts) {
        ui.colored_label(ui.visuals().warn_fg_color, cut.to_string());
    }
}

/// 文件夹中已有同名的导出文件 … 替换 / 取消, while some are asked about.
fn replace_dialog_ui(ui: &egui::Ui, ledger: &Ledger, ledger_path: &Path, state: &mut BranchExportState, today: Date) {
    if state.asking.is_empty() {
        return;
    }
    let paths: Vec<&Path> = state.asking.iter().map(PathBuf::as_path).collect();
    let answer = crate::ui::widgets::replace_question(ui, "export_replace", REPLACE_QUESTION, &paths);
    match answer {
        Some(true) => state.export(ledger, ledger_path, today, Replace::Yes),
        Some(false) => state.asking.clear(),
        None => {}
    }
}

/// 签名密钥文件已损坏 … 生成新密钥 / 取消, while asked.
fn key_dialog_ui(ui: &egui::Ui, ledger: &Ledger, ledger_path: &Path, state: &mut BranchExportState, today: Date) {
    let Some(question) = state.key_question.clone() else {
        return;
    };
    let mut answer = None;
    egui::Modal::new(egui::Id::unique("export_new_key")).show(ui.ctx(), |ui| {
        ui.set_max_width(480.0);
        ui.label(&question);
        ui.label(NEW_KEY_NOTE);
        ui.horizontal(|ui| {
            if ui.button(NEW_KEY).clicked() {
                answer = Some(true);
            }
            if ui.button(crate::ui::strings::CANCEL).clicked() {
                answer = Some(false);
            }
        });
    });
    match answer {
        Some(true) => state.export_with_new_key(ledger, ledger_path, today),
        Some(false) => state.key_question = None,
        None => {}
    }
}

/// The figures as the 汇总 sheet lists them.
fn figures_ui(ui: &mut egui::Ui, ledger: &Ledger, today: Date) {
    let figures = crate::progress::figures(ledger, today);
    egui::Grid::new("export_figures").striped(true).show(ui, |ui| {
        let mut section = "";
        for line in lines(&figures) {
            ui.label(if line.section == section { "" } else { line.section });
            section = line.section;
            ui.label(&line.label);
            ui.label(line.value.text());
            ui.end_row();
        }
    });
}
