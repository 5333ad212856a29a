//! 分析评议: the appraisal stage as tabs, one per link in the stage's
//! order — opinions, talk cards, party-spirit analysis, the
//! organisational-life meeting, democratic appraisal, the branch's
//! appraisal opinion, the report of the results — and the look-back gate.

pub mod analysis;
mod ballot;
mod branch_opinion;
mod meeting;
mod opinions;
mod report;
mod talks;

use std::borrow::Cow;
use std::sync::Arc;

use crate::model::{Date, Ledger, MemberId, Settings, Stage};
use crate::progress::appraisal::{MemberAppraisal, appraisal_of_all};
use crate::ui::app::Action;
use crate::ui::cache::Cached;
use crate::ui::drafts::Unsaved;
use crate::ui::screens::gate::{MoveDraft, gate_ui};
use crate::ui::strings as s;

pub use analysis::AnalysisState;
pub use talks::{TalkSort, TalksState, TalksView};

/// The tabs of the appraisal screen, in the order of the seven links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AppraisalTab {
    #[default]
    Opinions,
    Talks,
    Analysis,
    Meeting,
    Ballot,
    BranchOpinion,
    Report,
    Gate,
}

impl AppraisalTab {
    pub const ALL: [AppraisalTab; 8] = [
        AppraisalTab::Opinions,
        AppraisalTab::Talks,
        AppraisalTab::Analysis,
        AppraisalTab::Meeting,
        AppraisalTab::Ballot,
        AppraisalTab::BranchOpinion,
        AppraisalTab::Report,
        AppraisalTab::Gate,
    ];

    pub fn title(self) -> &'static str {
        match self {
            AppraisalTab::Opinions => "征求意见",
            AppraisalTab::Talks => "谈心谈话",
            AppraisalTab::Analysis => "党性分析",
            AppraisalTab::Meeting => "组织生活会",
            AppraisalTab::Ballot => "民主评议",
            AppraisalTab::BranchOpinion => "评议意见",
            AppraisalTab::Report => "通报情况",
            AppraisalTab::Gate => "回头看",
        }
    }

    /// What the source documents require at this step, in a line or two;
    /// a text quoting a setting or a domain word is built from it.
    fn help(self, settings: &Settings) -> Cow<'static, str> {
        let fixed = match self {
            AppraisalTab::Opinions => {
                "通过座谈会、征求意见表、意见箱、走访等广泛征求党员和群众意见，只谈问题不谈成绩；梳理归类后逐人反馈本人并签收，建立意见清单。"
            }
            AppraisalTab::Talks => return s::talks_help(settings).into(),
            AppraisalTab::Analysis => {
                "对照“三个代表”、党章和本支部的具体要求，结合征求到的意见，从五个方面查找问题，剖析根源，明确努力方向，做到问题、原因、方向“三准”。"
            }
            AppraisalTab::Meeting => {
                "召开专题组织生活会，每名党员宣读党性分析材料，开展批评和自我批评。意见征求不到位、谈心不充分、分析材料未审阅的“三不开”。"
            }
            AppraisalTab::Ballot => return s::ballot_help(settings).into(),
            AppraisalTab::BranchOpinion => {
                "支部委员会根据测评和平时表现，对每名党员提出评议意见，实事求是，肯定成绩，指出不足。"
            }
            AppraisalTab::Report => "以适当方式向党员通报评议情况，并向群众公布；对不合格党员按规定稳妥处置。",
            AppraisalTab::Gate => "转入整改提高阶段前，逐项检查分析评议阶段的工作是否到位；未完成的可以点击“去处理”。",
        };
        fixed.into()
    }
}

/// Where another screen (or a gate item) sends the secretary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AppraisalTarget {
    pub tab: AppraisalTab,
    pub member: Option<MemberId>,
}

/// The appraisal screen's view state: the tab open and each tab's forms
/// are kept in the drafts file (see [`crate::ui::drafts`]).
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AppraisalState {
    pub tab: AppraisalTab,
    pub opinions: opinions::OpinionsState,
    pub talks: TalksState,
    pub analysis: AnalysisState,
    pub meeting: meeting::MeetingState,
    pub ballot: ballot::BallotState,
    pub branch_opinion: branch_opinion::BranchOpinionState,
    pub report: report::ReportState,
    /// Every member's standing, worked out at this revision and day.
    #[serde(skip)]
    derived: Cached<(u64, Date), Arc<Vec<MemberAppraisal>>>,
}

impl AppraisalState {
    /// The typed input this screen holds that is not in the ledger: every
    /// open form whose input differs from its record (or, for a new
    /// record, from the blank form), in the order of the tabs.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        self.opinions.unsaved(ledger, out);
        self.talks.unsaved(ledger, out);
        self.analysis.unsaved(ledger, out);
        self.meeting.unsaved(ledger, out);
        self.ballot.unsaved(ledger, out);
        self.branch_opinion.unsaved(ledger, out);
        self.report.unsaved(ledger, out);
    }

    /// Opens the tab (at a member) a link points at.
    pub fn go(&mut self, ledger: &Ledger, target: AppraisalTarget) {
        self.tab = target.tab;
        match target.tab {
            AppraisalTab::Opinions => self.opinions.show_member(target.member),
            AppraisalTab::Talks => self.talks.show_member(target.member),
            AppraisalTab::Analysis => {
                if let Some(member) = target.member {
                    self.analysis.show_member(ledger, member);
                }
            }
            AppraisalTab::Meeting => self.meeting.show_member(target.member),
            // The tab linked to asks before its open form is left; the
            // other follows only where nothing typed would be put away.
            AppraisalTab::Ballot => {
                if let Some(member) = target.member {
                    self.ballot.show_member(ledger, member);
                    self.branch_opinion.follow(ledger, member);
                }
            }
            AppraisalTab::BranchOpinion => {
                if let Some(member) = target.member {
                    self.branch_opinion.show_member(ledger, member);
                    self.ballot.follow(ledger, member);
                }
            }
            AppraisalTab::Report | AppraisalTab::Gate => {}
        }
    }
}

/// What the tabs share in one frame.
pub struct Frame<'a> {
    pub ledger: &'a Ledger,
    /// Every member's standing, in roster order.
    pub standings: &'a [MemberAppraisal],
    pub today: Date,
    /// The revision of the records this frame shows.
    pub revision: u64,
}

impl Frame<'_> {
    /// The standing of one member.
    pub fn standing(&self, member: MemberId) -> Option<&MemberAppraisal> {
        self.standings.iter().find(|s| s.member == member)
    }
}

/// The appraisal screen. `revision` changes whenever the records do: the
/// standings are worked out again only then (or when the day changes).
pub fn appraisal_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    revision: u64,
    state: &mut AppraisalState,
    stage_move: &mut MoveDraft,
    today: Date,
    actions: &mut Vec<Action>,
) {
    let standings = state
        .derived
        .shared_or((revision, today), || appraisal_of_all(ledger, Some(today)));
    let frame = Frame {
        ledger,
        standings: &standings,
        today,
        revision,
    };
    frame_ui(ui, &frame, state, stage_move, actions);
}

fn frame_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut AppraisalState,
    stage_move: &mut MoveDraft,
    actions: &mut Vec<Action>,
) {
    let ledger = frame.ledger;
    ui.horizontal(|ui| {
        ui.heading(Stage::Appraisal.title());
        if ledger.campaign.stage < Stage::Appraisal {
            ui.label(
                egui::RichText::new("（尚未转入分析评议阶段：记录可以先录入，转段在学习动员的“回头看”办理）")
                    .color(ui.visuals().weak_text_color()),
            );
        }
    });
    ui.horizontal_wrapped(|ui| {
        for tab in AppraisalTab::ALL {
            if ui.selectable_label(state.tab == tab, tab.title()).clicked() {
                state.tab = tab;
            }
        }
    });
    ui.label(egui::RichText::new(state.tab.help(&ledger.campaign.settings)).color(ui.visuals().weak_text_color()));
    ui.separator();
    let mut go = None;
    match state.tab {
        AppraisalTab::Opinions => opinions::opinions_ui(ui, frame, &mut state.opinions, actions),
        AppraisalTab::Talks => talks::talks_ui(ui, frame, &mut state.talks, actions),
        AppraisalTab::Analysis => analysis::analysis_ui(ui, frame, &mut state.analysis, actions),
        AppraisalTab::Meeting => go = meeting::meeting_ui(ui, frame, &mut state.meeting, actions),
        AppraisalTab::Ballot => ballot::ballot_ui(ui, frame, &mut state.ballot, actions),
        AppraisalTab::BranchOpinion => branch_opinion::branch_opinion_ui(ui, frame, &mut state.branch_opinion, actions),
        AppraisalTab::Report => report::report_ui(ui, frame, &mut state.report, actions),
        AppraisalTab::Gate => {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                gate_ui(
                    ui,
                    ledger,
                    frame.revision,
                    Stage::Appraisal,
                    stage_move,
                    frame.today,
                    actions,
                );
            });
        }
    }
    if let Some(target) = go {
        state.go(ledger, target);
    }
}
