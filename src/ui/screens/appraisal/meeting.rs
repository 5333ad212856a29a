//! 专题组织生活会: the meeting's record — date, place, host, guests,
//! minutes — the three don't-convenes (三不开) precheck shown before it can
//! be marked held, each member's attendance (one click, saved at once),
//! make-up for those absent, and a summary of each member's
//! self-criticism and the criticism they received.

mod members;

use std::collections::BTreeMap;

use super::{AppraisalTab, AppraisalTarget, Frame};
use crate::edit::{AppraisalCommand, Command};
use crate::model::appraisal_rules::check_meeting;
use crate::model::meeting::{Meeting, MeetingKind};
use crate::model::{Ledger, MemberId};
use crate::progress::appraisal::{life_meeting, three_dont_convenes};
use crate::progress::{Check, Fix};
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::widgets::{DateText, editable, status_mark};

/// The meeting being recorded or edited.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MeetingDraft {
    /// The record as stored when the draft was taken (to notice undo).
    base: Option<Meeting>,
    pub meeting: Meeting,
    pub date: DateText,
    /// Make-up dates being typed, by member.
    make_up_dates: BTreeMap<MemberId, DateText>,
    #[serde(skip)]
    attempted: bool,
    #[serde(skip)]
    confirm_delete: bool,
}

impl MeetingDraft {
    fn new() -> Self {
        Self {
            base: None,
            meeting: Meeting {
                kind: MeetingKind::OrganisationalLife,
                ..Meeting::default()
            },
            date: DateText::default(),
            make_up_dates: Default::default(),
            attempted: false,
            confirm_delete: false,
        }
    }

    fn edit(meeting: &Meeting) -> Self {
        Self {
            base: Some(meeting.clone()),
            meeting: meeting.clone(),
            date: DateText::new(Some(meeting.date)),
            make_up_dates: make_up_dates_of(meeting),
            attempted: false,
            confirm_delete: false,
        }
    }

    fn is_new(&self) -> bool {
        self.base.is_none()
    }

    /// The meeting as typed, without the empty remarks that selecting a
    /// member adds.
    fn typed(&self) -> Meeting {
        let mut typed = self.meeting.clone();
        typed
            .remarks
            .retain(|_, r| !(r.self_criticism.trim().is_empty() && r.criticisms.trim().is_empty()));
        typed
    }

    fn is_dirty(&self) -> bool {
        self.base.as_ref() != Some(&self.typed())
            || self.date != DateText::new(Some(self.meeting.date))
            || self
                .base
                .as_ref()
                .is_some_and(|b| self.make_up_dates != make_up_dates_of(b))
    }

    /// Whether the draft holds input that is not in the ledger: changes
    /// to the stored meeting (or to one removed meanwhile), or, for a new
    /// one, anything typed besides the date it opens with. A draft that
    /// reads as the stored record (just saved, dates typed otherwise) holds
    /// nothing more.
    fn unsaved(&self, ledger: &Ledger, stored: Option<&Meeting>) -> bool {
        match (&self.base, stored) {
            (None, _) => self.typed() != Self::new().meeting,
            (Some(_), None) => true,
            (Some(_), Some(stored)) => {
                let same = self.typed() == *stored
                    && self.date == DateText::new(Some(stored.date))
                    && self.make_up_dates == make_up_dates_of(stored);
                !same && !self.saved_as(ledger, stored)
            }
        }
    }

    /// Whether the draft reads as `stored`: what it holds was saved.
    fn saved_as(&self, ledger: &Ledger, stored: &Meeting) -> bool {
        self.read(ledger).is_ok_and(|m| m == *stored)
    }

    fn read(&self, ledger: &Ledger) -> Result<Meeting, String> {
        let mut m = self.meeting.clone();
        m.date = self.date.read()?.ok_or_else(|| "请填写会议日期".to_owned())?;
        m.host = m.host.trim().to_owned();
        for (id, make_up) in &mut m.make_ups {
            let typed = self.make_up_dates.get(id).cloned().unwrap_or_default();
            make_up.date = typed
                .read()
                .map_err(|e| format!("{}的补课日期：{e}", ledger.member_name(*id)))?
                .ok_or_else(|| format!("请填写{}的补课日期", ledger.member_name(*id)))?;
        }
        m.remarks
            .retain(|_, r| !(r.self_criticism.trim().is_empty() && r.criticisms.trim().is_empty()));
        check_meeting(&m, ledger)?;
        Ok(m)
    }
}

/// The make-up dates of a stored meeting, as the draft types them.
fn make_up_dates_of(meeting: &Meeting) -> BTreeMap<MemberId, DateText> {
    meeting
        .make_ups
        .iter()
        .map(|(id, m)| (*id, DateText::new(Some(m.date))))
        .collect()
}

/// The meeting tab's view state, all of it kept in the drafts file.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MeetingState {
    pub draft: Option<MeetingDraft>,
    /// The member whose remarks are open.
    pub selected: Option<MemberId>,
}

impl MeetingState {
    /// Opens the meeting at a member (a gate link).
    pub fn show_member(&mut self, member: Option<MemberId>) {
        self.selected = member;
    }

    /// The meeting's record being typed, when it differs from the ledger.
    pub fn unsaved(&self, ledger: &Ledger, out: &mut Vec<Unsaved>) {
        if let Some(draft) = self.draft.as_ref().filter(|d| d.unsaved(ledger, life_meeting(ledger))) {
            out.push(Unsaved::new("组织生活会", draft.date.0.trim(), Screen::Appraisal));
        }
    }
}

/// The meeting tab. Returns a link the precheck asked to follow.
pub fn meeting_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut MeetingState,
    actions: &mut Vec<Action>,
) -> Option<AppraisalTarget> {
    let ledger = frame.ledger;
    let stored = life_meeting(ledger);
    // Follow the stored record unless the secretary is typing.
    match (&state.draft, stored) {
        (None, Some(m)) => state.draft = Some(MeetingDraft::edit(m)),
        (Some(d), Some(m))
            if d.base.as_ref() != Some(m) && (!d.is_dirty() || d.base.is_none() || d.saved_as(ledger, m)) =>
        {
            state.draft = Some(MeetingDraft::edit(m));
        }
        (Some(d), None) if !d.is_new() => state.draft = None,
        _ => {}
    }
    let mut go = None;
    let checks = three_dont_convenes(ledger, frame.standings);
    let Some(draft) = &mut state.draft else {
        ui.add_space(8.0);
        ui.label("尚未登记专题组织生活会。会前请先看“三不开”检查：");
        precheck_ui(ui, ledger, &checks, &mut go);
        ui.add_space(8.0);
        if ui
            .add_enabled(editable(ui), egui::Button::new("登记专题组织生活会"))
            .clicked()
        {
            let mut draft = MeetingDraft::new();
            draft.date = DateText::new(Some(frame.today));
            state.draft = Some(draft);
        }
        return go;
    };
    let mut close = false;
    let editable = editable(ui);
    egui::ScrollArea::vertical()
        .id_salt("meeting_scroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add_enabled_ui(editable, |ui| details_ui(ui, draft));
            ui.add_space(6.0);
            ui.label(egui::RichText::new("“三不开”检查").strong());
            precheck_ui(ui, ledger, &checks, &mut go);
            let unmet = checks.iter().any(|c| !c.is_met());
            close = ui
                .add_enabled_ui(editable, |ui| {
                    held_ui(ui, draft, unmet);
                    save_row_ui(ui, ledger, draft, actions)
                })
                .inner;
            if !draft.is_new() {
                ui.separator();
                members::members_ui(ui, frame, draft, &mut state.selected, actions);
            }
        });
    if close {
        state.draft = None;
    }
    go
}

fn details_ui(ui: &mut egui::Ui, draft: &mut MeetingDraft) {
    ui.horizontal(|ui| {
        let label = ui.label("会议日期");
        ui.add(
            egui::TextEdit::singleline(&mut draft.date.0)
                .id_salt("meeting_date")
                .hint_text("如 2006-02-25")
                .desired_width(110.0),
        )
        .labelled_by(label.id);
        ui.add_space(12.0);
        let label = ui.label("地点");
        ui.add(
            egui::TextEdit::singleline(&mut draft.meeting.place)
                .id_salt("meeting_place")
                .char_limit(100)
                .desired_width(200.0),
        )
        .labelled_by(label.id);
        ui.add_space(12.0);
        let label = ui.label("主持人");
        ui.add(
            egui::TextEdit::singleline(&mut draft.meeting.host)
                .id_salt("meeting_host")
                .char_limit(40)
                .desired_width(90.0),
        )
        .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label("列席指导");
        ui.add(
            egui::TextEdit::singleline(&mut draft.meeting.guests)
                .id_salt("meeting_guests")
                .hint_text("上级党组织、督导组人员")
                .char_limit(200)
                .desired_width(480.0),
        )
        .labelled_by(label.id);
    });
    ui.collapsing("会议记录", |ui| {
        ui.add(
            egui::TextEdit::multiline(&mut draft.meeting.minutes)
                .id_salt("meeting_minutes")
                .desired_rows(6)
                .desired_width(f32::INFINITY),
        );
    });
}

/// 会议已召开, and the reason for holding it when the three checks are
/// not met.
fn held_ui(ui: &mut egui::Ui, draft: &mut MeetingDraft, unmet: bool) {
    let was_held = draft.base.as_ref().is_some_and(|b| b.held);
    ui.checkbox(&mut draft.meeting.held, "会议已召开");
    if draft.meeting.held && !was_held && unmet {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "“三不开”检查未通过，按规定不应召开。确需召开的，请写明理由：",
        );
        let label = ui.label("召开理由");
        ui.add(
            egui::TextEdit::multiline(&mut draft.meeting.precheck_override)
                .id_salt("meeting_override")
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    } else if !draft.meeting.precheck_override.trim().is_empty() {
        ui.label(format!("召开理由：{}", draft.meeting.precheck_override));
    }
}

/// The three checks with their unmet items; a click on an item follows it.
fn precheck_ui(ui: &mut egui::Ui, ledger: &Ledger, checks: &[Check], go: &mut Option<AppraisalTarget>) {
    for check in checks {
        let (mark, color) = status_mark(Some(check.is_met()));
        ui.horizontal_wrapped(|ui| {
            // A link never breaks inside: broken, its second line is a
            // node of its own that a screen reader reads as nothing.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
            ui.colored_label(color, mark);
            ui.label(check.label);
            if check.is_met() {
                return;
            }
            ui.label(format!("（{} 项未到位：", check.unmet.len()));
            for unmet in check.unmet.iter().take(8) {
                let text = match unmet.member {
                    Some(id) => format!("{}：{}", ledger.member_name(id), unmet.what),
                    None => unmet.what.clone(),
                };
                if ui.link(text).clicked() {
                    *go = target_of(unmet.fix);
                }
            }
            if check.unmet.len() > 8 {
                ui.label(format!("等 {} 项", check.unmet.len()));
            }
            ui.label("）");
        });
    }
}

fn target_of(fix: Fix) -> Option<AppraisalTarget> {
    let (tab, member) = match fix {
        Fix::Opinions(member) => (AppraisalTab::Opinions, member),
        Fix::Talks(id) => (AppraisalTab::Talks, Some(id)),
        Fix::Analysis(id) => (AppraisalTab::Analysis, Some(id)),
        _ => return None,
    };
    Some(AppraisalTarget { tab, member })
}

/// 保存 / 删除 of the meeting record. Returns true when the draft closes.
fn save_row_ui(ui: &mut egui::Ui, ledger: &Ledger, draft: &mut MeetingDraft, actions: &mut Vec<Action>) -> bool {
    let read = draft.read(ledger);
    let mut close = false;
    ui.horizontal(|ui| {
        let label = if draft.is_new() {
            "登记会议"
        } else {
            "保存会议记录"
        };
        if ui.button(egui::RichText::new(label).strong()).clicked() {
            match &read {
                Ok(meeting) => {
                    let command = if draft.is_new() {
                        AppraisalCommand::AddMeeting(meeting.clone())
                    } else {
                        AppraisalCommand::UpdateMeeting(meeting.clone())
                    };
                    // A new meeting's draft stays open: once the record is
                    // stored the page follows it; if it was refused, what was
                    // typed is still here beside the message.
                    actions.push(Action::Edit(Command::Appraisal(command)));
                    draft.attempted = false;
                }
                Err(_) => draft.attempted = true,
            }
        }
        if draft.is_new() {
            if ui.button("取消").clicked() {
                close = true;
            }
        } else {
            if draft.is_dirty() {
                ui.colored_label(ui.visuals().warn_fg_color, "有未保存的修改");
                if ui.button("放弃修改").clicked() {
                    close = true;
                }
            }
            if ui.button("删除会议记录").clicked() {
                draft.confirm_delete = true;
            }
        }
    });
    if let Err(message) = &read
        && (draft.attempted || !draft.is_new())
    {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
    if draft.confirm_delete {
        egui::Modal::new(egui::Id::unique("delete_meeting")).show(ui.ctx(), |ui| {
            ui.label("删除这次组织生活会的记录？可以用“撤销”（Ctrl+Z）恢复。");
            ui.horizontal(|ui| {
                if ui.button("确认删除").clicked() {
                    actions.push(Action::Edit(Command::Appraisal(AppraisalCommand::RemoveMeeting(
                        draft.meeting.id,
                    ))));
                    close = true;
                }
                if ui.button("取消").clicked() {
                    draft.confirm_delete = false;
                }
            });
        });
    }
    close
}
