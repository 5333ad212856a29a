//! 学时统计: each member's hours against the requirement — a bar chart
//! with the requirement drawn as a line, a sortable table, and for the
//! member picked: the missed sessions still to make up, sessions without
//! attendance, how joining late or leaving changes the count, and the
//! exemption (免学) with its written reason.

use egui_plot::{AxisHints, Bar, BarChart, GridMark, HLine, Plot};

use super::{Frame, LearningTab, LearningTarget, name_search_ui};
use crate::edit::{Command, StudyCommand};
use crate::model::dates::show;
use crate::model::study::Exemption;
use crate::model::study_rules::{check_exemption, show_hours};
use crate::model::{Ledger, Member, MemberId};
use crate::progress::MemberHours;
use crate::ui::app::{Action, Screen};
use crate::ui::drafts::Unsaved;
use crate::ui::screens::switch::{Form, Leave, Switch};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::{DateText, editable};

const MET: egui::Color32 = egui::Color32::from_rgb(0x2e, 0x8b, 0x57);
const SHORT: egui::Color32 = egui::Color32::from_rgb(0xc6, 0x28, 0x28);
const EXEMPT: egui::Color32 = egui::Color32::GRAY;

/// The hours tab's view state: the member picked and the exemption being
/// written are kept in the drafts file.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct HoursState {
    #[serde(skip)]
    pub search: String,
    #[serde(skip)]
    pub only_short: bool,
    /// In roster order until the secretary picks another heading.
    #[serde(skip)]
    pub sort: ListSort,
    /// The member whose details are open.
    pub selected: Option<MemberId>,
    exemption: ExemptionDraft,
    /// Another member picked while an exemption is being written.
    #[serde(skip)]
    switch: Switch<MemberId>,
}

impl HoursState {
    /// Opens `member`'s details, asking first when an exemption is being
    /// written for another member; `None` closes them (the exemption
    /// being written stays).
    pub fn show_member(&mut self, ledger: &Ledger, member: Option<MemberId>) {
        let Some(member) = member else {
            self.selected = None;
            return;
        };
        if self.selected == Some(member) || self.exemption.member == Some(member) {
            self.selected = Some(member);
            return;
        }
        if let Some(member) = self.switch.ask(ledger, Some(&self.exemption), member) {
            self.select(member);
        }
    }

    fn select(&mut self, member: MemberId) {
        self.selected = Some(member);
        if self.exemption.member != Some(member) {
            self.exemption = ExemptionDraft::default();
        }
    }

    /// The exemption with a reason typed that is not in the ledger.
    pub fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        self.exemption.unsaved(ledger)
    }
}

/// An exemption being written for `member`.
#[derive(Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
struct ExemptionDraft {
    member: Option<MemberId>,
    reason: String,
    date: DateText,
}

impl ExemptionDraft {
    /// What 登记免学 sends, or what is missing.
    fn command(&self, ledger: &Ledger) -> Result<Command, String> {
        let member = self.member.ok_or_else(|| "请选择党员".to_owned())?;
        let date = self.date.read()?.ok_or_else(|| "请填写登记日期".to_owned())?;
        let exemption = Exemption {
            member,
            reason: self.reason.trim().to_owned(),
            date,
        };
        check_exemption(&exemption, ledger)?;
        Ok(StudyCommand::SetExemption {
            member,
            exemption: Some(exemption),
        }
        .into())
    }
}

impl Form for ExemptionDraft {
    /// A reason typed for a member not yet exempt.
    fn unsaved(&self, ledger: &Ledger) -> Option<Unsaved> {
        let member = ledger.member(self.member?)?;
        let typed = !self.reason.trim().is_empty() && ledger.study.exemption(member.id).is_none();
        typed.then(|| Unsaved::new("免学登记", member.name.clone(), Screen::Learning))
    }

    /// 登记免学. What is missing is shown beside the button already.
    fn save(&mut self, ledger: &Ledger, _today: crate::model::Date, actions: &mut Vec<Action>) -> bool {
        let Ok(command) = self.command(ledger) else {
            return false;
        };
        actions.push(Action::Edit(command));
        self.member = None;
        true
    }
}

/// The table's headings, in the order of [`ListSort::column`]. 序号 is
/// the roster order.
const HEADINGS: [Heading; 7] = [
    Heading::new("序号", 56.0),
    Heading::new("姓名", 90.0),
    Heading::new("出席学时", 70.0),
    Heading::new("补学学时", 70.0),
    Heading::new("合计/要求", 84.0),
    Heading::new("还差", 56.0),
    Heading::rest("说明"),
];

/// The hours tab. Returns where a link leads.
pub fn hours_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    state: &mut HoursState,
    actions: &mut Vec<Action>,
) -> Option<LearningTarget> {
    let ledger = frame.ledger;
    let current: Vec<usize> = (0..ledger.members.len())
        .filter(|&i| ledger.members[i].is_current())
        .collect();
    // The same tally the summary draft, the export and `zhibu check` state.
    let tally = crate::progress::hours_tally(&crate::progress::Roll::of(ledger), frame.hours);
    let exempt = tally.exempt;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "要求每人 {} 学时：达标 {}/{} 人，人均 {:.1} 学时",
                show_hours(ledger.campaign.settings.required_hours),
                tally.met,
                tally.members,
                tally.average.unwrap_or(0.0)
            ))
            .strong(),
        );
        if exempt > 0 {
            ui.label(format!("（含免学 {exempt} 人）"));
        }
        ui.separator();
        name_search_ui(ui, "hours_search", &mut state.search);
        ui.checkbox(&mut state.only_short, "只看未达标");
    });
    match state
        .switch
        .ui(ui, ledger, frame.today, Some(&mut state.exemption), actions)
    {
        Some(Leave::Go(member)) => state.select(member),
        Some(Leave::Saved) | None => {}
    }
    let mut go = None;
    if let Some(id) = state.selected
        && let Some(index) = ledger.members.iter().position(|m| m.id == id)
    {
        let mut open = true;
        egui::Panel::right("hours_detail")
            .resizable(true)
            .default_size(400.0)
            .min_size(340.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("hours_detail_scroll")
                    .show(ui, |ui| {
                        open = detail_ui(ui, frame, index, &mut state.exemption, actions, &mut go);
                    });
            });
        if !open {
            state.selected = None;
        }
    }
    let rows = visible_rows(frame, &current, state);
    chart_ui(ui, frame, &rows);
    if rows.is_empty() {
        let none = "没有符合条件的党员。";
        table::empty_ui(ui, !current.is_empty(), none, none);
        return go;
    }
    table_ui(ui, frame, &rows, state);
    go
}

/// The members listed, as roster indices, filtered and sorted.
fn visible_rows(frame: &Frame<'_>, current: &[usize], state: &HoursState) -> Vec<usize> {
    let members = &frame.ledger.members;
    let mut rows: Vec<usize> = current
        .iter()
        .copied()
        .filter(|&i| table::matches(&state.search, &[&members[i].name]))
        .filter(|&i| !state.only_short || !frame.hours[i].met())
        .collect();
    let sort = state.sort;
    rows.sort_by(|&a, &b| {
        let (x, y) = (&frame.hours[a], &frame.hours[b]);
        let order = match sort.column {
            1 => members[a].name.cmp(&members[b].name),
            2 => x.attended.total_cmp(&y.attended),
            3 => x.made_up.total_cmp(&y.made_up),
            4 => x.total().total_cmp(&y.total()),
            5 => x.shortfall().total_cmp(&y.shortfall()),
            6 => remark(frame, &members[a], x).cmp(&remark(frame, &members[b], y)),
            _ => std::cmp::Ordering::Equal,
        };
        sort.apply(order.then(a.cmp(&b)))
    });
    rows
}

fn chart_ui(ui: &mut egui::Ui, frame: &Frame<'_>, rows: &[usize]) {
    let required = frame.ledger.campaign.settings.required_hours;
    let mut bars: Vec<Bar> = Vec::with_capacity(rows.len());
    // What is missing stacks on top in a pale red, so a member with no hours
    // still shows.
    let mut missing: Vec<Bar> = Vec::new();
    for (x, &i) in rows.iter().enumerate() {
        let h = &frame.hours[i];
        let fill = if h.exempt {
            EXEMPT
        } else if h.met() {
            MET
        } else {
            SHORT
        };
        let name = &frame.ledger.members[i].name;
        bars.push(Bar::new(x as f64 + 1.0, h.total()).name(name).fill(fill).width(0.7));
        if h.shortfall() > 0.0 {
            missing.push(
                Bar::new(x as f64 + 1.0, h.shortfall())
                    .base_offset(h.total())
                    .name(format!("{name} 还差"))
                    .fill(SHORT.gamma_multiply(0.25))
                    .stroke(egui::Stroke::new(1.0, SHORT.gamma_multiply(0.6)))
                    .width(0.7),
            );
        }
    }
    let names: Vec<&str> = rows.iter().map(|&i| frame.ledger.members[i].name.as_str()).collect();
    let chart = BarChart::new("学时", bars).element_formatter(Box::new(|bar, _| {
        format!("{}：{} 学时", bar.name, show_hours(bar.value))
    }));
    // Every bar is named: the names alternate between two lines under the
    // axis, so each has the room of two bars; where even that is too
    // little the chart grows wider and scrolls sideways. (egui_plot chose
    // its own marks and named only every tenth bar or so.)
    let font = egui::TextStyle::Body.resolve(ui.style());
    let widest = names
        .iter()
        .map(|n| {
            ui.fonts_mut(|f| {
                f.layout_no_wrap((*n).to_owned(), font.clone(), egui::Color32::PLACEHOLDER)
                    .size()
                    .x
            })
        })
        .fold(0.0_f32, f32::max);
    // The y axis' labels and the plot's margins take about this much.
    const Y_AXIS: f32 = 60.0;
    let per_bar = (widest + 8.0) / 2.0;
    let width = ui.available_width().max(Y_AXIS + per_bar * (names.len() as f32 + 1.0));
    let line = ui.text_style_height(&egui::TextStyle::Body);
    let count = names.len();
    let axis = AxisHints::new_x()
        .label_spacing(4.0..=8.0)
        .min_thickness(2.0 * line + 4.0)
        .formatter(move |mark, _| {
            let x = mark.value.round();
            if (mark.value - x).abs() > 0.01 || x < 1.0 {
                return String::new();
            }
            let Some(name) = names.get(x as usize - 1) else {
                return String::new();
            };
            if (x as usize).is_multiple_of(2) {
                format!("\n{name}")
            } else {
                (*name).to_owned()
            }
        });
    egui::ScrollArea::horizontal()
        .id_salt("hours_chart_scroll")
        .show(ui, |ui| {
            Plot::new("hours_chart")
                .height(170.0 + line)
                .width(width)
                .allow_zoom(false)
                .allow_drag(false)
                .allow_scroll(false)
                .allow_boxed_zoom(false)
                .allow_double_click_reset(false)
                // Hover for a bar's figures; no click or drag, so no Tab stop.
                .sense(egui::Sense::hover())
                .include_y(0.0)
                .include_y(required * 1.2)
                .include_x(0.4)
                .include_x(count as f64 + 0.6)
                .show_x(false)
                .show_y(false)
                .show_grid([false, true])
                .y_axis_label("学时")
                .custom_x_axes(vec![axis])
                // One mark a bar; claiming two bars' distance lets a name as
                // wide as two bars be drawn, the next one being a line lower.
                .x_grid_spacer(move |_| {
                    (1..=count)
                        .map(|x| GridMark {
                            value: x as f64,
                            step_size: 2.0,
                        })
                        .collect()
                })
                .show(ui, |plot| {
                    plot.bar_chart(chart);
                    plot.bar_chart(BarChart::new("还差", missing).element_formatter(Box::new(|bar, _| {
                        format!("{}：{} 学时", bar.name, show_hours(bar.value))
                    })));
                    plot.hline(
                        HLine::new(format!("要求 {} 学时", show_hours(required)), required)
                            .color(egui::Color32::from_rgb(0xe0, 0x8a, 0x00))
                            .width(2.0),
                    );
                });
        });
}

/// The table of the members listed; a click opens one's details.
fn table_ui(ui: &mut egui::Ui, frame: &Frame<'_>, rows: &[usize], state: &mut HoursState) {
    let ledger = frame.ledger;
    let selected = state
        .selected
        .and_then(|id| rows.iter().position(|&i| ledger.members[i].id == id));
    let clicked = list_table_ui(
        ui,
        "hours",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let member = &ledger.members[rows[row]];
            let h = &frame.hours[rows[row]];
            match column {
                0 => ui.label((row + 1).to_string()),
                1 => ui.label(&member.name),
                2 => ui.label(show_hours(h.attended)),
                3 => ui.label(show_hours(h.made_up)),
                4 => {
                    let text = format!("{}/{}", show_hours(h.total()), show_hours(h.required));
                    ui.colored_label(if h.met() { MET } else { SHORT }, text)
                }
                5 if h.shortfall() > 0.0 => ui.colored_label(SHORT, show_hours(h.shortfall())),
                5 => ui.label(""),
                _ => ui.label(remark(frame, member, h)),
            };
        },
    );
    if let Some(index) = clicked {
        state.show_member(ledger, Some(ledger.members[rows[index]].id));
    }
}

/// The short remark of a row: exemption, owed sessions, late joining.
fn remark(frame: &Frame<'_>, member: &Member, h: &MemberHours) -> String {
    let mut parts = Vec::new();
    if let Some(e) = frame.ledger.study.exemption(member.id) {
        parts.push(format!("免学：{}", e.reason));
    }
    if !h.owed.is_empty() {
        parts.push(format!("缺课 {} 次未补", h.owed.len()));
    }
    if !h.unrecorded.is_empty() {
        parts.push(format!("{} 次未登记考勤", h.unrecorded.len()));
    }
    if let Some(t) = &member.transfer_in
        && h.not_member > 0.0
    {
        parts.push(format!("{} 转入，只计转入后", show(t.date)));
    }
    parts.join("；")
}

/// The picked member's details. Returns false when closed.
fn detail_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    index: usize,
    draft: &mut ExemptionDraft,
    actions: &mut Vec<Action>,
    go: &mut Option<LearningTarget>,
) -> bool {
    let ledger = frame.ledger;
    let member = &ledger.members[index];
    let h = &frame.hours[index];
    let mut open = true;
    ui.horizontal(|ui| {
        ui.heading(&member.name);
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("关闭").clicked() {
                open = false;
            }
        });
    });
    ui.label(format!(
        "出席 {} 学时 + 补学 {} 学时 = {} 学时，要求 {} 学时",
        show_hours(h.attended),
        show_hours(h.made_up),
        show_hours(h.total()),
        show_hours(h.required)
    ));
    if h.exempt {
        ui.label("已免学，不计学时要求。");
    } else if h.met() {
        ui.colored_label(MET, "学时已达标。");
    } else {
        ui.colored_label(SHORT, format!("还差 {} 学时。", show_hours(h.shortfall())));
    }
    if h.not_member > 0.0 {
        let why = match (&member.transfer_in, &member.transfer_out) {
            (Some(t), _) if h.required < ledger.campaign.settings.required_hours => {
                format!(
                    "{} 转入本支部：此前的 {} 学时不计，要求相应减少。",
                    show(t.date),
                    show_hours(h.not_member)
                )
            }
            (_, Some(t)) => format!("{} 转出：此后的学习不再计入。", show(t.date)),
            _ => format!("不在册期间的 {} 学时不计。", show_hours(h.not_member)),
        };
        ui.label(why);
    }
    ui.separator();
    ui.strong(format!("缺课未补（{} 次）", h.owed.len()));
    for id in &h.owed {
        let Some(s) = ledger.study.session(*id) else { continue };
        let how = s.attendance.get(&member.id).map_or("", |a| a.label());
        ui.label(format!(
            "{} {}（{} 学时，{how}）",
            show(s.date),
            s.topic,
            show_hours(s.hours)
        ));
    }
    if !h.owed.is_empty() && ui.add_enabled(editable(ui), egui::Button::new("登记补学")).clicked() {
        *go = Some(LearningTarget {
            tab: LearningTab::MakeUps,
            member: Some(member.id),
            session: None,
        });
    }
    if !h.unrecorded.is_empty() {
        ui.strong(format!("未登记考勤（{} 次）", h.unrecorded.len()));
        for id in &h.unrecorded {
            let Some(s) = ledger.study.session(*id) else { continue };
            if ui.link(format!("{} {}", show(s.date), s.topic)).clicked() {
                *go = Some(LearningTarget {
                    tab: LearningTab::Sessions,
                    member: Some(member.id),
                    session: Some(s.id),
                });
            }
        }
    }
    ui.separator();
    ui.add_enabled_ui(editable(ui), |ui| exemption_ui(ui, frame, member.id, draft, actions));
    open && go.is_none()
}

fn exemption_ui(
    ui: &mut egui::Ui,
    frame: &Frame<'_>,
    member: MemberId,
    draft: &mut ExemptionDraft,
    actions: &mut Vec<Action>,
) {
    ui.strong("免学");
    if let Some(e) = frame.ledger.study.exemption(member) {
        ui.label(format!("{} 登记免学，理由：{}", show(e.date), e.reason));
        if ui.button("取消免学").clicked() {
            actions.push(Action::Edit(
                StudyCommand::SetExemption {
                    member,
                    exemption: None,
                }
                .into(),
            ));
        }
        return;
    }
    if draft.member != Some(member) {
        *draft = ExemptionDraft {
            member: Some(member),
            reason: String::new(),
            date: DateText::new(Some(frame.today)),
        };
    }
    ui.label("确因重病等原因完全不能参加学习的，写明理由后登记免学；免学的党员在各处都标明“免学”。");
    let label = ui.label("免学理由");
    ui.add(
        egui::TextEdit::multiline(&mut draft.reason)
            .id_salt("exemption_reason")
            .char_limit(500)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    ui.horizontal(|ui| {
        let label = ui.label("登记日期");
        ui.add(
            egui::TextEdit::singleline(&mut draft.date.0)
                .id_salt("exemption_date")
                .desired_width(110.0),
        )
        .labelled_by(label.id);
    });
    let command = draft.command(frame.ledger);
    ui.horizontal(|ui| {
        if ui.add_enabled(command.is_ok(), egui::Button::new("登记免学")).clicked() {
            draft.save(frame.ledger, frame.today, actions);
        }
        match &command {
            Ok(_) => {}
            Err(_) if draft.reason.trim().is_empty() => {
                ui.label(egui::RichText::new("须写明理由").color(ui.visuals().weak_text_color()));
            }
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        }
    });
}
