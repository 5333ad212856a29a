//! The 导出 screen, two tabs: 导出本支部 (write this branch's workbook and
//! export file into a folder) and 县级汇总 (the county office adds up many
//! branches' export files). The work itself is in [`crate::report`]; this
//! screen only gathers the choices and shows the results.

mod branch;
mod county;
pub mod county_opinions;

pub use branch::BranchExportState;
pub use county::CountyState;

use std::path::Path;

use crate::model::{Date, Ledger};
use crate::ui::widgets::heading_ui;

/// The words of this screen.
pub(crate) mod words {
    pub const TAB_BRANCH: &str = "导出本支部";
    pub const TAB_COUNTY: &str = "县级汇总";
    pub const COUNTY_EXPLAIN: &str = "打开各支部交来的导出文件（可多选，或添加整个文件夹），逐个检查后生成全县汇总表：每个支部一行，未达活动要求的支部高亮，末尾为合计和平均。";
    pub const EXPLAIN: &str =
        "导出本支部的工作簿和供县先教办汇总的导出文件；县先教办在“县级汇总”中打开各支部的导出文件生成汇总表。";
}

/// Which tab is open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Branch,
    County,
}

/// The screen's view state.
#[derive(Default)]
pub struct ExportState {
    pub tab: Tab,
    pub branch: BranchExportState,
    pub county: CountyState,
}

/// 县级汇总 on its own, opened from the start screen by a county clerk
/// who has no branch ledger. Returns false when 返回开始页面 is clicked.
pub fn county_only_ui(ui: &mut egui::Ui, state: &mut CountyState) -> bool {
    let mut open = true;
    ui.horizontal(|ui| {
        if ui.button(crate::ui::strings::BACK_TO_START).clicked() {
            open = false;
        }
    });
    heading_ui(ui, words::TAB_COUNTY, words::COUNTY_EXPLAIN);
    ui.separator();
    county::county_ui(ui, state, None);
    open
}

/// The 导出 screen. `ledger_path` is the open ledger's file; its folder is
/// where exports go unless the user picks another. `revision` is the
/// records' ([`crate::edit::Document::revision`]): what is worked out of
/// them is kept until it changes.
pub fn export_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    ledger_path: &Path,
    state: &mut ExportState,
    today: Date,
) {
    heading_ui(ui, "导出", words::EXPLAIN);
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.tab, Tab::Branch, words::TAB_BRANCH);
        ui.selectable_value(&mut state.tab, Tab::County, words::TAB_COUNTY);
    });
    ui.separator();
    match state.tab {
        Tab::Branch => {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                branch::branch_export_ui(ui, ledger, revision, ledger_path, &mut state.branch, today);
            });
        }
        Tab::County => county::county_ui(ui, &mut state.county, Some(ledger_path)),
    }
}
