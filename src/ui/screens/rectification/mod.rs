//! 整改提高: the rectification stage as tabs — members' commitments, the
//! branch plan (整改台账), long-term rules, the masses' satisfaction survey,
//! commendation and the handling of dispositions, the summary, and the
//! look-back that closes the campaign (验收归档).

mod closing;
mod commitments;
mod handling;
mod plan;
mod rules;
mod summary;
mod survey;

use std::borrow::Cow;

use crate::model::{Date, Ledger, MemberId, Stage};
use crate::ui::app::Action;
use crate::ui::drafts::Unsaved;
use crate::ui::strings as s;

pub use closing::ClosingState;

/// The tabs of the rectification screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RectificationTab {
    #[default]
    Commitments,
    Plan,
    Rules,
    Survey,
    Handling,
    Summary,
    Closing,
}

impl RectificationTab {
    pub const ALL: [RectificationTab; 7] = [
        RectificationTab::Commitments,
        RectificationTab::Plan,
        RectificationTab::Rules,
        RectificationTab::Survey,
        RectificationTab::Handling,
        RectificationTab::Summary,
        RectificationTab::Closing,
    ];

    pub fn title(self) -> &'static str {
        match self {
            RectificationTab::Commitments => "整改承诺",
            RectificationTab::Plan => "整改台账",
            RectificationTab::Rules => "长效机制",
            RectificationTab::Survey => "满意度测评",
            RectificationTab::Handling => "表彰与处置",
            RectificationTab::Summary => "工作总结",
            RectificationTab::Closing => "回头看与验收归档",
        }
    }

    /// What the source documents require at this step, in a line or two;
    /// a text quoting a domain word is built from it.
    fn help(self) -> Cow<'static, str> {
        let fixed = match self {
            RectificationTab::Commitments => {
                "每名党员针对党性分析查找的问题、群众提出的意见和民主评议的结果，提出整改措施和完成时限，向群众公开承诺，接受监督。"
            }
            RectificationTab::Plan => {
                "支部制定整改方案，建立整改台账；能够立即解决的立说立行，一时解决不了的限期整改；集中力量解决一至两个群众热盼解决的突出问题。"
            }
            RectificationTab::Rules => "围绕巩固活动成果，建章立制，形成保持共产党员先进性的长效机制。",
            RectificationTab::Survey => return s::survey_help().into(),
            RectificationTab::Handling => {
                "表彰活动中涌现的优秀党员；对评定为不合格的党员，按规定稳妥做好组织处置，并登记办结情况。"
            }
            RectificationTab::Summary => {
                "实事求是地总结活动的做法、成效和经验，查找不足，提出巩固成果的措施。程序已按台账记录起草了初稿，请修改完善。"
            }
            RectificationTab::Closing => {
                "活动结束前逐项回头看：承诺、整改、测评、制度、总结是否到位。经上级督导组验收后归档，台账转为只读；确需修改的，须写明理由重新打开。"
            }
        };
        fixed.into()
    }
}

/// Where another screen (or a gate item) sends the secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RectificationTarget {
    pub tab: RectificationTab,
    pub member: Option<MemberId>,
}

/// The rectification screen's view state: the tab open and each tab's
/// forms are kept in the drafts file (see [`crate::ui::drafts`]).
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RectificationState {
    pub tab: RectificationTab,
    pub commitments: commitments::CommitmentsState,
    pub plan: plan::PlanState,
    pub rules: rules::RulesState,
    pub survey: survey::SurveyState,
    pub handling: handling::HandlingState,
    pub summary: summary::SummaryState,
    pub closing: ClosingState,
}

impl RectificationState {
    /// The typed input this screen holds that is not in the ledger: every
    /// open form whose input differs from its record (or, for a new
    /// record, from the blank form), in the order of the tabs.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        self.commitments.unsaved(ledger, out);
        self.plan.unsaved(ledger, out);
        self.rules.unsaved(ledger, out);
        self.survey.unsaved(ledger, out);
        self.handling.unsaved(ledger, out);
        self.summary.unsaved(ledger, out);
        self.closing.unsaved(ledger, out);
    }

    /// Opens the tab (at a member) a link points at.
    pub fn go(&mut self, target: RectificationTarget) {
        self.tab = target.tab;
        match target.tab {
            RectificationTab::Commitments => self.commitments.show_member(target.member),
            RectificationTab::Handling => self.handling.selected = target.member,
            _ => {}
        }
    }

    /// Opens one commitment's or branch item's form.
    pub fn open_record(&mut self, ledger: &Ledger, record: crate::progress::rectification::DueRecord) {
        use crate::progress::rectification::DueRecord;
        match record {
            DueRecord::Commitment(member, id) => {
                self.tab = RectificationTab::Commitments;
                self.commitments.show_member(Some(member));
                self.commitments.open(ledger, id);
            }
            DueRecord::BranchItem(id) => {
                self.tab = RectificationTab::Plan;
                self.plan.open(ledger, id);
            }
        }
    }
}

/// What the tabs share in one frame.
pub struct Frame<'a> {
    pub ledger: &'a Ledger,
    pub today: Date,
    /// The revision of the records this frame shows.
    pub revision: u64,
}

/// The rectification screen.
pub fn rectification_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    state: &mut RectificationState,
    today: Date,
    actions: &mut Vec<Action>,
) {
    let frame = Frame {
        ledger,
        today,
        revision,
    };
    ui.horizontal(|ui| {
        ui.heading(Stage::Rectification.title());
        let stage = ledger.campaign.stage;
        let note = if stage < Stage::Rectification {
            Some("（尚未转入整改提高阶段：记录可以先录入，转段在分析评议的“回头看”办理）")
        } else if stage == Stage::Closed {
            Some("（活动已验收归档，台账只读）")
        } else {
            None
        };
        if let Some(note) = note {
            ui.label(egui::RichText::new(note).color(ui.visuals().weak_text_color()));
        }
    });
    ui.horizontal_wrapped(|ui| {
        for tab in RectificationTab::ALL {
            if ui.selectable_label(state.tab == tab, tab.title()).clicked() {
                state.tab = tab;
            }
        }
    });
    ui.label(egui::RichText::new(state.tab.help()).color(ui.visuals().weak_text_color()));
    ui.separator();
    match state.tab {
        RectificationTab::Commitments => commitments::commitments_ui(ui, &frame, &mut state.commitments, actions),
        RectificationTab::Plan => plan::plan_ui(ui, &frame, &mut state.plan, actions),
        RectificationTab::Rules => rules::rules_ui(ui, &frame, &mut state.rules, actions),
        RectificationTab::Survey => survey::survey_ui(ui, &frame, &mut state.survey, actions),
        RectificationTab::Handling => handling::handling_ui(ui, &frame, &mut state.handling, actions),
        RectificationTab::Summary => summary::summary_ui(ui, &frame, &mut state.summary, actions),
        RectificationTab::Closing => closing::closing_ui(ui, &frame, &mut state.closing, actions),
    }
}

/// A status picker: 未开始 / 进行中 / 已完成.
fn status_picker_ui(ui: &mut egui::Ui, status: &mut crate::model::rectification::ItemStatus) {
    use crate::model::rectification::ItemStatus;
    for s in ItemStatus::ALL {
        ui.radio_value(status, s, s.label());
    }
}

/// The status shown in a list: overdue in red, due soon in amber.
fn status_cell_ui(
    ui: &mut egui::Ui,
    status: crate::model::rectification::ItemStatus,
    deadline: Option<Date>,
    today: Date,
) {
    use crate::model::rectification::{is_due_soon, is_overdue};
    use crate::model::rectification_rules::DUE_SOON_DAYS;
    if is_overdue(deadline, status, today) {
        ui.colored_label(ui.visuals().error_fg_color, format!("{} · 逾期", status.label()));
    } else if is_due_soon(deadline, status, today, DUE_SOON_DAYS) {
        ui.colored_label(ui.visuals().warn_fg_color, format!("{} · 临期", status.label()));
    } else {
        ui.label(status.label());
    }
}
