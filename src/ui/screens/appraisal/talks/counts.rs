//! Who has talked enough: every current member's talks against what they
//! need (5, or 10 for a leading cadre), and the committee's grid of who
//! has talked with whom (班子成员谈心情况).

use std::collections::HashMap;

use super::super::Frame;
use crate::model::{Member, MemberId};
use crate::progress::appraisal::{MemberAppraisal, committee_pairs};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};

/// The counts table's headings, in the order of [`ListSort::column`]; the
/// last column holds the 新增 link.
const HEADINGS: [Heading; 5] = [
    Heading::new("姓名", 110.0),
    Heading::new("身份", 110.0),
    Heading::new("谈心次数", 90.0),
    Heading::new("情况", 110.0),
    Heading::rest(""),
];

/// Roster order, which no heading stands for: the order the table opens in.
const ROSTER: ListSort = ListSort {
    column: HEADINGS.len(),
    descending: false,
};

/// The counts view's own state.
#[derive(Debug, Clone)]
pub struct CountsState {
    /// Roster order until the secretary picks a heading.
    pub sort: ListSort,
    pub unmet_only: bool,
}

impl Default for CountsState {
    fn default() -> Self {
        Self {
            sort: ROSTER,
            unmet_only: false,
        }
    }
}

/// The rank of a member's role, for sorting by 身份.
fn role_rank(m: &Member) -> (bool, bool) {
    (m.committee, m.leading_cadre)
}

fn role_label(m: &Member) -> &'static str {
    match (m.committee, m.leading_cadre) {
        (true, true) => "支委、领导干部",
        (true, false) => "支委",
        (false, true) => "领导干部",
        (false, false) => "",
    }
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
        .enumerate()
        .filter(|(_, (m, s))| m.id == s.member && m.is_current())
        .filter(|(_, (_, s))| !state.unmet_only || !s.talks_met())
        .collect();
    let sort = state.sort;
    rows.sort_by(|(i, (a, s)), (j, (b, t))| {
        let order = match sort.column {
            0 => a.name.cmp(&b.name),
            1 => role_rank(a).cmp(&role_rank(b)),
            2 => s.talks.cmp(&t.talks),
            3 => missing(s).cmp(&missing(t)),
            _ => std::cmp::Ordering::Equal,
        };
        sort.apply(order.then(i.cmp(j)))
    });
    rows.into_iter().map(|(_, row)| row).collect()
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
        // Only the filter can hide every current member.
        table::empty_ui(ui, state.unmet_only, "名册中没有党员。", "所有党员的谈心次数都已达标。");
        return None;
    }
    let mut pick = None;
    let editable = crate::ui::widgets::editable(ui);
    let clicked = list_table_ui(
        ui,
        "talk_counts",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        None,
        |ui, row, column| {
            let (m, s) = rows[row];
            match column {
                0 => {
                    ui.label(&m.name);
                }
                1 => {
                    ui.label(role_label(m));
                }
                2 => {
                    ui.label(format!("{}/{}", s.talks, s.talks_required));
                }
                3 if s.talks_met() => {
                    ui.colored_label(egui::Color32::from_rgb(0x2e, 0x8b, 0x57), "✓ 已达标");
                }
                3 => {
                    ui.colored_label(ui.visuals().warn_fg_color, format!("还差 {} 次", missing(s)));
                }
                _ => {
                    let link = egui::Link::new(format!("为{}新增谈心记录", m.name));
                    if ui.add_enabled(editable, link).clicked() {
                        pick = Some(CountsPick::New(m.id));
                    }
                }
            }
        },
    );
    pick.or_else(|| clicked.map(|k| CountsPick::Show(rows[k].0.id)))
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
            sort: ListSort::descending(3),
        };
        assert_eq!(names(&unmet), ["乙", "丙"]);
        let by_talks = CountsState {
            sort: ListSort {
                column: 2,
                descending: false,
            },
            ..CountsState::default()
        };
        assert_eq!(names(&by_talks), ["丙", "乙", "甲"]);
        assert_eq!(missing(&standings[1]), 7);
        assert_eq!(missing(&standings[0]), 0);
    }
}
