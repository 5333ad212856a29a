//! The list of study sessions: sortable, searchable, filtered by stage, with
//! each session's attendance counts. A click opens the session's page.

use super::{Frame, SessionPage};
use crate::model::dates::show;
use crate::model::study::{Session, SessionKind};
use crate::model::study_rules::show_hours;
use crate::model::{Shared, Stage};
use crate::progress::attendance;
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::editable;

/// The list's view state.
#[derive(Default)]
pub struct SessionsState {
    pub search: String,
    /// `None`: every stage.
    pub stage: Option<Stage>,
    /// Oldest first until the secretary picks another heading.
    pub sort: ListSort,
}

/// The list's headings, in the order of [`ListSort::column`].
const HEADINGS: [Heading; 9] = [
    Heading::new("日期", 96.0),
    // Folds away first in a narrow window: the filter beside the list says it.
    Heading::new("阶段", 70.0).folds(1),
    Heading::new("形式", 80.0),
    Heading::grow("学习内容", 220.0),
    Heading::new("学时", 48.0),
    Heading::new("主持/主讲", 90.0),
    Heading::new("出席", 60.0),
    Heading::new("请假", 44.0),
    Heading::new("缺席", 48.0),
];

/// The list of sessions.
pub fn sessions_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut SessionsState, page: &mut Option<SessionPage>) {
    let ledger = frame.ledger;
    let study = &ledger.study;
    ui.horizontal_wrapped(|ui| {
        if ui.add_enabled(editable(ui), egui::Button::new("新增学习")).clicked() {
            *page = Some(SessionPage::new_session(ledger));
        }
        ui.separator();
        crate::ui::table::search_ui(
            ui,
            "sessions_search",
            &mut state.search,
            "学习内容、材料、地点、主讲人",
            200.0,
        );
        egui::ComboBox::from_id_salt("sessions_stage")
            .selected_text(state.stage.map_or("全部阶段", Stage::title))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.stage, None, "全部阶段");
                for stage in [Stage::Learning, Stage::Appraisal, Stage::Rectification] {
                    ui.selectable_value(&mut state.stage, Some(stage), stage.title());
                }
            })
            .response
            .accessible_name("按阶段筛选");
        let total: f64 = study.sessions.iter().map(|s| s.hours).sum();
        ui.label(format!(
            "共 {} 次，合计 {} 学时",
            study.sessions.len(),
            show_hours(total)
        ));
    });
    ui.add_space(4.0);
    let rows = visible_rows(&study.sessions, state);
    if rows.is_empty() {
        table::empty_ui(
            ui,
            !study.sessions.is_empty(),
            "还没有学习记录。点击“新增学习”登记第一次学习，出席情况默认全部出席，只需标出请假和缺席的党员。",
            "没有符合条件的学习记录。",
        );
        return;
    }
    let clicked = list_table_ui(
        ui,
        "sessions",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        None,
        |ui, row, column| {
            let session = &study.sessions[rows[row]];
            match column {
                0 => ui.label(show(session.date)),
                1 => ui.label(session.stage.title()),
                2 => ui.label(session.form.label()),
                3 if session.kind == SessionKind::Mobilisation => ui.strong(&session.topic),
                3 => ui.label(&session.topic),
                4 => ui.label(show_hours(session.hours)),
                5 => ui.label(&session.host),
                6 => {
                    let counted = attendance::recorded(session);
                    ui.label(format!("{}/{}", counted.present, counted.expected()))
                }
                7 => ui.label(attendance::recorded(session).leave.to_string()),
                _ => match attendance::recorded(session).absent {
                    0 => ui.label("0"),
                    absent => ui.colored_label(ui.visuals().error_fg_color, absent.to_string()),
                },
            };
        },
    );
    if let Some(index) = clicked {
        *page = Some(SessionPage::edit(&study.sessions[rows[index]]));
    }
}

/// The sessions to list, filtered and sorted, as indices.
pub fn visible_rows(sessions: &[Shared<Session>], state: &SessionsState) -> Vec<usize> {
    let mut rows: Vec<usize> = sessions
        .iter()
        .enumerate()
        .filter(|(_, s)| state.stage.is_none_or(|stage| s.stage == stage))
        .filter(|(_, s)| table::matches(&state.search, &[&s.topic, &s.material, &s.place, &s.host, &s.notes]))
        .map(|(i, _)| i)
        .collect();
    // Present, on leave, absent: the last three headings.
    let counts = |s: &Session| {
        let t = attendance::recorded(s);
        [t.present, t.leave, t.absent]
    };
    let sort = state.sort;
    rows.sort_by(|&a, &b| {
        let (x, y) = (&sessions[a], &sessions[b]);
        let order = match sort.column {
            1 => x.stage.cmp(&y.stage),
            2 => x.form.label().cmp(y.form.label()),
            3 => x.topic.cmp(&y.topic),
            4 => x.hours.total_cmp(&y.hours),
            5 => x.host.cmp(&y.host),
            k @ 6..=8 => counts(x)[k - 6].cmp(&counts(y)[k - 6]),
            _ => x.date.cmp(&y.date),
        };
        sort.apply(order.then(x.date.cmp(&y.date)).then(a.cmp(&b)))
    });
    rows
}
