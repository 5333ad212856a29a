//! Who has talked enough: every current member's talks against what they
//! need (5, or 10 for a leading cadre), and the committee's grid of who
//! has talked with whom (班子成员谈心情况).

use std::collections::HashMap;

use egui_extras::{Column as TableColumn, TableBuilder};

use super::super::Frame;
use crate::model::{Member, MemberId};
use crate::progress::appraisal::{MemberAppraisal, committee_pairs};
use crate::ui::widgets::sort_header_ui;

/// The sortable columns of the counts table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CountSort {
    #[default]
    Roster,
    Name,
    Talks,
    Missing,
}

/// The counts view's own state.
#[derive(Debug, Clone, Default)]
pub struct CountsState {
    pub sort: CountSort,
    pub descending: bool,
    pub unmet_only: bool,
}

/// What the secretary asked for from the counts table.
pub enum CountsPick {
    /// Show this member's cards.
    Show(MemberId),
    /// A new card with this member on it.
    New(MemberId),
}

/// How many talks a member still needs.
pub fn missing(s: &MemberAppraisal) -> u32 {
    s.talks_required.saturating_sub(s.talks)
}

/// The current members with their standing, unmet only if asked, sorted.
pub fn count_rows<'a>(
    members: &'a [Member],
    standings: &'a [MemberAppraisal],
    state: &CountsState,
) -> Vec<(&'a Member, &'a MemberAppraisal)> {
    let mut rows: Vec<_> = members
        .iter()
        .zip(standings)
        .filter(|(m, s)| m.id == s.member && m.is_current())
        .filter(|(_, s)| !state.unmet_only || !s.talks_met())
        .collect();
    match state.sort {
        CountSort::Roster => {}
        CountSort::Name => rows.sort_by(|a, b| a.0.name.cmp(&b.0.name)),
        CountSort::Talks => rows.sort_by_key(|(_, s)| s.talks),
        CountSort::Missing => rows.sort_by_key(|(_, s)| missing(s)),
    }
    if state.descending {
        rows.reverse();
    }
    rows
}

/// The per-member table. Returns what was clicked.
pub fn counts_ui(ui: &mut egui::Ui, frame: &Frame<'_>, state: &mut CountsState) -> Option<CountsPick> {
    let ledger = frame.ledger;
    let all = count_rows(&ledger.members, frame.standings, &CountsState::default());
    let unmet = all.iter().filter(|(_, s)| !s.talks_met()).count();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(format!(
                "现有党员 {} 人：谈心已达标 {} 人，未达标 {} 人",
                all.len(),
                all.len() - unmet,
                unmet
            ))
            .strong(),
        );
        ui.checkbox(&mut state.unmet_only, "只看未达标");
    });
    let rows = count_rows(&ledger.members, frame.standings, state);
    if rows.is_empty() {
        ui.add_space(12.0);
        ui.label(if state.unmet_only {
            "所有党员的谈心次数都已达标。"
        } else {
            "名册中没有党员。"
        });
        return None;
    }
    let mut pick = None;
    let editable = crate::ui::widgets::editable(ui);
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt("talk_counts_hscroll")
        .auto_shrink(false)
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .id_salt("talk_counts_table")
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false)
                .column(TableColumn::initial(110.0).clip(true).resizable(true))
                .column(TableColumn::initial(110.0).clip(true).resizable(true))
                .column(TableColumn::initial(90.0).clip(true).resizable(true))
                .column(TableColumn::initial(110.0).clip(true).resizable(true))
                .column(TableColumn::remainder().clip(true))
                .header(24.0, |mut header| {
                    header
                        .col(|ui| sort_header_ui(ui, "姓名", CountSort::Name, &mut state.sort, &mut state.descending));
                    header.col(|ui| {
                        ui.strong("身份");
                    });
                    header.col(|ui| {
                        sort_header_ui(ui, "谈心次数", CountSort::Talks, &mut state.sort, &mut state.descending)
                    });
                    header.col(|ui| {
                        sort_header_ui(ui, "情况", CountSort::Missing, &mut state.sort, &mut state.descending)
                    });
                    header.col(|_| {});
                })
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let (m, s) = rows[row.index()];
                        row.col(|ui| {
                            ui.label(&m.name);
                        });
                        row.col(|ui| {
                            ui.label(match (m.committee, m.leading_cadre) {
                                (true, true) => "支委、领导干部",
                                (true, false) => "支委",
                                (false, true) => "领导干部",
                                (false, false) => "",
                            });
                        });
                        row.col(|ui| {
                            ui.label(format!("{}/{}", s.talks, s.talks_required));
                        });
                        row.col(|ui| {
                            if s.talks_met() {
                                ui.colored_label(egui::Color32::from_rgb(0x2e, 0x8b, 0x57), "✓ 已达标");
                            } else {
                                ui.colored_label(ui.visuals().warn_fg_color, format!("还差 {} 次", missing(s)));
                            }
                        });
                        row.col(|ui| {
                            let link = egui::Link::new(format!("为{}新增谈心记录", m.name));
                            if ui.add_enabled(editable, link).clicked() {
                                pick = Some(CountsPick::New(m.id));
                            }
                        });
                        if pick.is_none() && row.response().clicked() {
                            pick = Some(CountsPick::Show(m.id));
                        }
                    });
                });
        });
    pick
}

/// The committee grid: how many cards each pair of committee members
/// shares, with pairs who never talked marked “未谈”. Returns a member
/// clicked.
pub fn pairs_ui(ui: &mut egui::Ui, frame: &Frame<'_>) -> Option<MemberId> {
    let ledger = frame.ledger;
    let committee: Vec<&Member> = ledger.current_members().filter(|m| m.committee).collect();
    if committee.len() < 2 {
        ui.add_space(12.0);
        ui.label("名册中标为支委的现有党员不足两人，没有班子成员之间的谈心要求。可在“党员名册”中标明支委。");
        return None;
    }
    let pairs = committee_pairs(ledger);
    let untalked = pairs.iter().filter(|(_, _, n)| *n == 0).count();
    let shared: HashMap<(MemberId, MemberId), u32> = pairs
        .iter()
        .flat_map(|(a, b, n)| [((*a, *b), *n), ((*b, *a), *n)])
        .collect();
    let line = format!("支委之间共 {} 对，尚有 {} 对未谈心", pairs.len(), untalked);
    if untalked == 0 {
        ui.label(egui::RichText::new(line).strong());
    } else {
        ui.label(egui::RichText::new(line).strong().color(ui.visuals().error_fg_color));
    }
    ui.label(
        egui::RichText::new("格中数字为两人同在一张谈心卡上的次数。点击姓名查看其谈心记录。")
            .color(ui.visuals().weak_text_color()),
    );
    ui.add_space(6.0);
    let mut pick = None;
    egui::ScrollArea::both().id_salt("talk_pairs_scroll").show(ui, |ui| {
        egui::Grid::new("talk_pairs_grid")
            .striped(true)
            .spacing([14.0, 6.0])
            .show(ui, |ui| {
                ui.label("");
                for m in &committee {
                    ui.strong(&m.name);
                }
                ui.end_row();
                for a in &committee {
                    if ui.link(&a.name).clicked() {
                        pick = Some(a.id);
                    }
                    for b in &committee {
                        if a.id == b.id {
                            ui.label(egui::RichText::new("—").color(ui.visuals().weak_text_color()));
                            continue;
                        }
                        match shared.get(&(a.id, b.id)).copied().unwrap_or(0) {
                            0 => {
                                ui.colored_label(ui.visuals().error_fg_color, "未谈")
                                    .on_hover_text(format!("{}与{}尚未谈心", a.name, b.name));
                            }
                            n => {
                                ui.label(n.to_string());
                            }
                        }
                    }
                    ui.end_row();
                }
            });
    });
    pick
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::talk::TalkCard;
    use crate::model::{Ledger, TalkId};
    use crate::progress::appraisal::appraisal_of_all;

    /// 甲 with 5 talks, 乙 (a leading cadre) with 3, 丙 with 1.
    fn ledger() -> Ledger {
        let mut l = Ledger::default();
        for (i, n) in ["甲", "乙", "丙"].iter().enumerate() {
            l.members.push(Member {
                id: MemberId(i as u64 + 1),
                name: (*n).into(),
                leading_cadre: i == 1,
                ..Member::default()
            });
        }
        let mut card = |members: &[u64]| {
            let id = TalkId(l.talks.len() as u64 + 10);
            l.talks.push(
                TalkCard {
                    id,
                    members: members.iter().map(|m| MemberId(*m)).collect(),
                    ..TalkCard::default()
                }
                .into(),
            );
        };
        card(&[1, 2, 3]);
        card(&[1, 2]);
        card(&[1, 2]);
        card(&[1]);
        card(&[1]);
        l
    }

    #[test]
    fn unmet_only_and_sorted_by_what_is_missing() {
        let l = ledger();
        let standings = appraisal_of_all(&l, None);
        let names = |state: &CountsState| -> Vec<&str> {
            count_rows(&l.members, &standings, state)
                .iter()
                .map(|(m, _)| m.name.as_str())
                .collect()
        };
        assert_eq!(names(&CountsState::default()), ["甲", "乙", "丙"]);
        let unmet = CountsState {
            unmet_only: true,
            sort: CountSort::Missing,
            descending: true,
        };
        assert_eq!(names(&unmet), ["乙", "丙"]);
        let by_talks = CountsState {
            sort: CountSort::Talks,
            ..CountsState::default()
        };
        assert_eq!(names(&by_talks), ["丙", "乙", "甲"]);
        assert_eq!(missing(&standings[1]), 7);
        assert_eq!(missing(&standings[0]), 0);
    }
}
