//! The record list every tab shows the same way: sortable headings, a
//! striped body laid out row by row only where visible (`rows()`), a
//! click on a row to open it, and sideways scrolling when a side panel
//! leaves too little room. The caller sorts its rows by [`ListSort`] and
//! draws the cells.

use egui_extras::{Column, TableBuilder};

use crate::ui::widgets::sort_header_ui;

/// Which heading a list is sorted by, and which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSort {
    pub column: usize,
    pub descending: bool,
}

impl ListSort {
    /// Puts an ordering in the chosen direction.
    pub fn apply(self, order: std::cmp::Ordering) -> std::cmp::Ordering {
        if self.descending { order.reverse() } else { order }
    }
}

/// A heading: its title and starting width (`None` for the rest).
pub struct Heading {
    pub title: &'static str,
    pub width: Option<f32>,
}

impl Heading {
    pub const fn new(title: &'static str, width: f32) -> Self {
        Self {
            title,
            width: Some(width),
        }
    }

    /// The last column, taking the remaining width.
    pub const fn rest(title: &'static str) -> Self {
        Self { title, width: None }
    }
}

/// Draws `rows` rows under `headings`; `cell(ui, row, column)` draws one
/// cell. Returns the row clicked, if any.
pub fn list_table_ui(
    ui: &mut egui::Ui,
    id: &str,
    headings: &[Heading],
    sort: &mut ListSort,
    rows: usize,
    selected: Option<usize>,
    mut cell: impl FnMut(&mut egui::Ui, usize, usize),
) -> Option<usize> {
    let mut clicked = None;
    ui.style_mut().interaction.selectable_labels = false;
    egui::ScrollArea::horizontal()
        .id_salt((id, "hscroll"))
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut table = TableBuilder::new(ui)
                .id_salt((id, "table"))
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .auto_shrink(false);
            for h in headings {
                table = table.column(match h.width {
                    Some(w) => Column::initial(w).clip(true).resizable(true),
                    None => Column::remainder().at_least(120.0).clip(true),
                });
            }
            table
                .header(24.0, |mut header| {
                    for (k, h) in headings.iter().enumerate() {
                        header.col(|ui| {
                            sort_header_ui(ui, h.title, k, &mut sort.column, &mut sort.descending);
                        });
                    }
                })
                .body(|body| {
                    body.rows(24.0, rows, |mut row| {
                        let index = row.index();
                        row.set_selected(selected == Some(index));
                        for k in 0..headings.len() {
                            row.col(|ui| cell(ui, index, k));
                        }
                        if row.response().clicked() {
                            clicked = Some(index);
                        }
                    });
                });
        });
    clicked
}

/// Whether `needle` (trimmed; empty matches all) is in any of `texts`.
pub fn matches(needle: &str, texts: &[&str]) -> bool {
    let needle = needle.trim();
    needle.is_empty() || texts.iter().any(|t| t.contains(needle))
}
