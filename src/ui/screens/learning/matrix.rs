//! 考勤总表: members × sessions, painted cell by cell so that only what is
//! on screen costs anything (500 members × 100 sessions stays smooth). The
//! header row (dates, hours, attendance per session) and the name and total
//! columns stay in place while the grid scrolls under them.

use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

use super::{LearningTab, LearningTarget};
use crate::model::dates::show;
use crate::model::study::{Attendance, Session};
use crate::model::study_rules::show_hours;
use crate::model::{Ledger, Member, Stage};
use crate::progress::MemberHours;

const NAME_W: f32 = 92.0;
const TOTAL_W: f32 = 64.0;
const CELL_W: f32 = 46.0;
const ROW_H: f32 = 22.0;
const HEADER_H: f32 = 54.0;

/// The matrix's view state.
#[derive(Default)]
pub struct MatrixState {
    pub search: String,
    /// Only members short of hours.
    pub only_short: bool,
    /// Also members who transferred out.
    pub show_departed: bool,
    /// Only the sessions of this stage; `None`: every stage.
    pub stage: Option<Stage>,
}

/// One cell as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Not a member on that day.
    NotMember,
    Unrecorded,
    Present,
    Leave,
    Absent,
    /// Missed and covered by make-up study.
    MadeUp,
}

impl CellKind {
    fn fill(self) -> Color32 {
        match self {
            CellKind::NotMember | CellKind::Present => Color32::TRANSPARENT,
            CellKind::Unrecorded => Color32::from_rgba_unmultiplied(128, 128, 128, 50),
            CellKind::Leave => Color32::from_rgba_unmultiplied(230, 160, 0, 90),
            CellKind::Absent => Color32::from_rgba_unmultiplied(210, 40, 40, 100),
            CellKind::MadeUp => Color32::from_rgba_unmultiplied(40, 110, 220, 90),
        }
    }

    fn label(self) -> &'static str {
        match self {
            CellKind::NotMember => "不在册",
            CellKind::Unrecorded => "未登记",
            CellKind::Present => "出席",
            CellKind::Leave => "请假",
            CellKind::Absent => "缺席",
            CellKind::MadeUp => "已补学",
        }
    }
}

/// What a member's cell of a session shows.
pub fn cell_kind(member: &Member, hours: &MemberHours, session: &Session) -> CellKind {
    if !member.active_on(session.date) {
        return CellKind::NotMember;
    }
    match session.attendance.get(&member.id) {
        None => CellKind::Unrecorded,
        Some(Attendance::Present) => CellKind::Present,
        Some(_) if !hours.owed.contains(&session.id) => CellKind::MadeUp,
        Some(Attendance::Leave(_)) => CellKind::Leave,
        Some(Attendance::Absent) => CellKind::Absent,
    }
}

/// The members listed, as roster indices.
pub fn visible_members(ledger: &Ledger, hours: &[MemberHours], state: &MatrixState) -> Vec<usize> {
    let needle = state.search.trim();
    ledger
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| state.show_departed || m.is_current())
        .filter(|(_, m)| needle.is_empty() || m.name.contains(needle))
        .filter(|(i, _)| !state.only_short || !hours[*i].met())
        .map(|(i, _)| i)
        .collect()
}

/// The matrix. Returns where a click on a cell, a name or a date leads.
pub fn matrix_ui(
    ui: &mut egui::Ui,
    ledger: &Ledger,
    hours: &[MemberHours],
    state: &mut MatrixState,
) -> Option<LearningTarget> {
    ui.horizontal_wrapped(|ui| {
        super::name_search_ui(ui, "matrix_search", &mut state.search);
        ui.checkbox(&mut state.only_short, "只看学时未达标");
        ui.checkbox(&mut state.show_departed, "含已转出");
        egui::ComboBox::from_id_salt("matrix_stage")
            .selected_text(state.stage.map_or("全部阶段", Stage::title))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.stage, None, "全部阶段");
                for stage in [Stage::Learning, Stage::Appraisal, Stage::Rectification] {
                    ui.selectable_value(&mut state.stage, Some(stage), stage.title());
                }
            })
            .response
            .accessible_name("按阶段筛选");
        ui.separator();
        for kind in [
            CellKind::Leave,
            CellKind::Absent,
            CellKind::MadeUp,
            CellKind::Unrecorded,
        ] {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, kind.fill());
            ui.label(kind.label());
        }
        ui.label("— 不在册");
    });
    let mut sessions: Vec<&Session> = ledger
        .study
        .sessions
        .iter()
        .map(|s| &**s)
        .filter(|s| state.stage.is_none_or(|stage| s.stage == stage))
        .collect();
    sessions.sort_by_key(|s| (s.date, s.id));
    let members = visible_members(ledger, hours, state);
    if sessions.is_empty() || members.is_empty() {
        ui.add_space(12.0);
        ui.label(if sessions.is_empty() {
            "还没有学习记录。"
        } else {
            "没有符合条件的党员。"
        });
        return None;
    }
    let content = vec2(
        NAME_W + TOTAL_W + sessions.len() as f32 * CELL_W,
        HEADER_H + members.len() as f32 * ROW_H,
    );
    let grid = Grid {
        ledger,
        hours,
        sessions: &sessions,
        members: &members,
    };
    egui::ScrollArea::both()
        .id_salt("attendance_matrix")
        .auto_shrink(false)
        .show_viewport(ui, |ui, viewport| {
            // A painted grid: a click works where the pointer is, so it is
            // no Tab stop; a listener hears what it shows and where the
            // same figures are as text.
            let (rect, response) = ui.allocate_exact_size(content, Sense::CLICK);
            let name = format!(
                "考勤总表：{} 名党员、{} 次学习（逐人学时见“学时统计”，逐次考勤见“学习记录”）",
                members.len(),
                sessions.len()
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, &name));
            grid.paint(ui, rect.min, viewport);
            grid.interact(ui, &response, rect.min, viewport)
        })
        .inner
}

/// What one frame of the matrix draws.
struct Grid<'a> {
    ledger: &'a Ledger,
    hours: &'a [MemberHours],
    sessions: &'a [&'a Session],
    members: &'a [usize],
}

/// A spot in the grid under the pointer.
enum Spot {
    Cell(usize, usize),
    Name(usize),
    Date(usize),
}

impl Grid<'_> {
    /// The visible rows and columns of the body.
    fn visible(&self, viewport: Rect) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
        let first_row = ((viewport.min.y / ROW_H).floor().max(0.0)) as usize;
        let last_row = (((viewport.max.y - HEADER_H) / ROW_H).ceil().max(0.0) as usize + 1).min(self.members.len());
        let first_col = ((viewport.min.x / CELL_W).floor().max(0.0)) as usize;
        let last_col =
            (((viewport.max.x - NAME_W - TOTAL_W) / CELL_W).ceil().max(0.0) as usize + 1).min(self.sessions.len());
        (first_row.min(last_row)..last_row, first_col.min(last_col)..last_col)
    }

    fn paint(&self, ui: &egui::Ui, origin: Pos2, viewport: Rect) {
        let painter = ui.painter();
        let visuals = ui.visuals();
        let text = visuals.text_color();
        let weak = visuals.weak_text_color();
        let line = Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color.gamma_multiply(0.6));
        let font = FontId::proportional(13.0);
        let small = FontId::proportional(11.5);
        let (rows, cols) = self.visible(viewport);
        let left = origin.x + NAME_W + TOTAL_W;
        let top = origin.y + HEADER_H;
        // The pinned parts sit at the viewport's edges.
        let pin_x = origin.x + viewport.min.x;
        let pin_y = origin.y + viewport.min.y;

        for r in rows.clone() {
            let index = self.members[r];
            let member = &self.ledger.members[index];
            let hours = &self.hours[index];
            let y = top + r as f32 * ROW_H;
            if r % 2 == 1 {
                let band = Rect::from_min_size(pos2(left, y), vec2(self.sessions.len() as f32 * CELL_W, ROW_H));
                painter.rect_filled(band, 0.0, visuals.faint_bg_color);
            }
            for c in cols.clone() {
                let session = self.sessions[c];
                let cell = Rect::from_min_size(pos2(left + c as f32 * CELL_W, y), vec2(CELL_W, ROW_H));
                let kind = cell_kind(member, hours, session);
                painter.rect_filled(cell.shrink(1.0), 2.0, kind.fill());
                let (label, color) = match kind {
                    CellKind::NotMember => ("—".to_owned(), weak),
                    CellKind::Unrecorded => ("?".to_owned(), weak),
                    CellKind::Present => (show_hours(session.hours), text),
                    CellKind::Leave => ("假".to_owned(), text),
                    CellKind::Absent => ("缺".to_owned(), text),
                    CellKind::MadeUp => ("补".to_owned(), text),
                };
                painter.text(cell.center(), Align2::CENTER_CENTER, label, font.clone(), color);
            }
        }
        // Pinned header.
        let header = Rect::from_min_size(pos2(left, pin_y), vec2(self.sessions.len() as f32 * CELL_W, HEADER_H));
        painter.rect_filled(header, 0.0, visuals.extreme_bg_color);
        for c in cols {
            let session = self.sessions[c];
            let x = left + c as f32 * CELL_W;
            let counted = crate::progress::attendance::recorded(session);
            let lines = [
                (session.date.strftime("%m-%d").to_string(), text),
                (format!("{}学时", show_hours(session.hours)), weak),
                (format!("{}/{}", counted.present, counted.expected()), weak),
            ];
            for (k, (label, color)) in lines.into_iter().enumerate() {
                let at = pos2(x + CELL_W / 2.0, pin_y + 9.0 + k as f32 * 17.0);
                painter.text(at, Align2::CENTER_CENTER, label, small.clone(), color);
            }
            painter.vline(x, pin_y..=pin_y + HEADER_H, line);
        }
        painter.hline(header.x_range(), pin_y + HEADER_H, line);
        // Pinned name and total columns.
        let side = Rect::from_min_size(
            pos2(pin_x, top),
            vec2(NAME_W + TOTAL_W, self.members.len() as f32 * ROW_H),
        );
        painter.rect_filled(side, 0.0, visuals.extreme_bg_color);
        for r in rows {
            let index = self.members[r];
            let member = &self.ledger.members[index];
            let hours = &self.hours[index];
            let y = top + r as f32 * ROW_H + ROW_H / 2.0;
            let name_color = if member.is_current() { text } else { weak };
            painter.text(
                pos2(pin_x + 6.0, y),
                Align2::LEFT_CENTER,
                &member.name,
                font.clone(),
                name_color,
            );
            let (total, color) = if hours.exempt {
                ("免学".to_owned(), weak)
            } else if hours.met() {
                (show_hours(hours.total()), text)
            } else {
                (
                    format!("{}/{}", show_hours(hours.total()), show_hours(hours.required)),
                    visuals.error_fg_color,
                )
            };
            painter.text(
                pos2(pin_x + NAME_W + TOTAL_W - 6.0, y),
                Align2::RIGHT_CENTER,
                total,
                font.clone(),
                color,
            );
        }
        painter.vline(pin_x + NAME_W + TOTAL_W, side.y_range(), line);
        // The corner over both.
        let corner = Rect::from_min_size(pos2(pin_x, pin_y), vec2(NAME_W + TOTAL_W, HEADER_H));
        painter.rect_filled(corner, 0.0, visuals.extreme_bg_color);
        painter.text(
            pos2(pin_x + 6.0, pin_y + HEADER_H / 2.0),
            Align2::LEFT_CENTER,
            "姓名",
            font.clone(),
            text,
        );
        painter.text(
            pos2(pin_x + NAME_W + TOTAL_W - 6.0, pin_y + HEADER_H / 2.0),
            Align2::RIGHT_CENTER,
            "学时",
            font,
            text,
        );
        painter.hline(corner.x_range(), pin_y + HEADER_H, line);
        painter.vline(pin_x + NAME_W + TOTAL_W, corner.y_range(), line);
    }

    fn spot(&self, pointer: Pos2, origin: Pos2, viewport: Rect) -> Option<Spot> {
        let at = pointer - origin;
        let in_view = at - viewport.min.to_vec2();
        let col = ((at.x - NAME_W - TOTAL_W) / CELL_W).floor();
        let row = ((at.y - HEADER_H) / ROW_H).floor();
        let col = (col >= 0.0 && (col as usize) < self.sessions.len()).then_some(col as usize);
        let row = (row >= 0.0 && (row as usize) < self.members.len()).then_some(row as usize);
        match (in_view.y < HEADER_H, in_view.x < NAME_W + TOTAL_W) {
            (true, true) => None,
            (true, false) => col.map(Spot::Date),
            (false, true) => row.map(Spot::Name),
            (false, false) => Some(Spot::Cell(row?, col?)),
        }
    }

    fn interact(
        &self,
        ui: &egui::Ui,
        response: &egui::Response,
        origin: Pos2,
        viewport: Rect,
    ) -> Option<LearningTarget> {
        let pointer = response.hover_pos()?;
        let spot = self.spot(pointer, origin, viewport)?;
        let tip = match &spot {
            Spot::Cell(r, c) => {
                let index = self.members[*r];
                let member = &self.ledger.members[index];
                let session = self.sessions[*c];
                let kind = cell_kind(member, &self.hours[index], session);
                let mut tip = format!(
                    "{} · {} {}（{} 学时）\n{}",
                    member.name,
                    show(session.date),
                    session.topic,
                    show_hours(session.hours),
                    kind.label()
                );
                if let Some(Attendance::Leave(reason)) = session.attendance.get(&member.id)
                    && !reason.is_empty()
                {
                    tip += &format!("：{reason}");
                }
                tip
            }
            Spot::Name(r) => {
                let index = self.members[*r];
                let h = &self.hours[index];
                format!(
                    "{}：出席 {} + 补学 {} = {} 学时（要求 {}）",
                    self.ledger.members[index].name,
                    show_hours(h.attended),
                    show_hours(h.made_up),
                    show_hours(h.total()),
                    show_hours(h.required)
                )
            }
            Spot::Date(c) => {
                let s = self.sessions[*c];
                format!(
                    "{} {}（{}，{} 学时）",
                    show(s.date),
                    s.topic,
                    s.form.label(),
                    show_hours(s.hours)
                )
            }
        };
        let highlight = match &spot {
            Spot::Cell(r, c) => Some(Rect::from_min_size(
                origin + vec2(NAME_W + TOTAL_W + *c as f32 * CELL_W, HEADER_H + *r as f32 * ROW_H),
                Vec2::new(CELL_W, ROW_H),
            )),
            _ => None,
        };
        if let Some(rect) = highlight {
            ui.painter().rect_stroke(
                rect,
                2.0,
                Stroke::new(1.5, ui.visuals().selection.stroke.color),
                egui::StrokeKind::Inside,
            );
        }
        response.clone().on_hover_text_at_pointer(tip);
        if !response.clicked() {
            return None;
        }
        Some(match spot {
            Spot::Cell(r, c) => LearningTarget {
                tab: LearningTab::Sessions,
                member: Some(self.ledger.members[self.members[r]].id),
                session: Some(self.sessions[c].id),
            },
            Spot::Name(r) => LearningTarget {
                tab: LearningTab::Hours,
                member: Some(self.ledger.members[self.members[r]].id),
                session: None,
            },
            Spot::Date(c) => LearningTarget {
                tab: LearningTab::Sessions,
                member: None,
                session: Some(self.sessions[c].id),
            },
        })
    }
}
