//! The record list every tab shows the same way: a 查找 box
//! ([`search_ui`]), sortable headings, a striped body laid out row by row
//! only where visible (`rows()`), a click on a row to open it, sideways
//! scrolling when a side panel leaves too little room, and the empty state
//! that says whether there are no records or the search hides them all
//! ([`empty_ui`]). The caller filters and sorts its rows by [`ListSort`]
//! and draws the cells.

use egui_extras::{Column, TableBuilder};

use crate::ui::widgets::sort_header_ui;

/// Which heading a list is sorted by, and which way.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListSort {
    pub column: usize,
    pub descending: bool,
}

impl ListSort {
    /// Sorted by `column`, largest (newest) first.
    pub const fn descending(column: usize) -> Self {
        Self {
            column,
            descending: true,
        }
    }

    /// Puts an ordering in the chosen direction.
    pub fn apply(self, order: std::cmp::Ordering) -> std::cmp::Ordering {
        if self.descending { order.reverse() } else { order }
    }
}

/// A heading: its title and how wide its column is.
pub struct Heading {
    pub title: &'static str,
    pub width: Width,
}

/// How a list's column takes its width.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Width {
    /// Starts this wide; the secretary may drag it wider or narrower.
    Fixed(f32),
    /// At least this wide, and takes what the fixed columns leave, wherever
    /// it stands: the column whose text runs long (工作单位及职务) gets the
    /// room rather than the last one.
    Grow(f32),
}

impl Heading {
    pub const fn new(title: &'static str, width: f32) -> Self {
        Self {
            title,
            width: Width::Fixed(width),
        }
    }

    /// The last column, taking the remaining width.
    pub const fn rest(title: &'static str) -> Self {
        Self::grow(title, 120.0)
    }

    /// A column that takes the remaining width (shared with any other
    /// growing column), at least `min` wide.
    pub const fn grow(title: &'static str, min: f32) -> Self {
        Self {
            title,
            width: Width::Grow(min),
        }
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
    cell: impl FnMut(&mut egui::Ui, usize, usize),
) -> Option<usize> {
    let at = Rows {
        count: rows,
        selected,
        scroll_to: None,
    };
    list_table_at_ui(ui, id, headings, sort, at, cell)
}

/// Which rows a list shows: how many, the one selected, and the one to
/// bring into view this frame (a record opened from another screen).
#[derive(Debug, Clone, Copy, Default)]
pub struct Rows {
    pub count: usize,
    pub selected: Option<usize>,
    pub scroll_to: Option<usize>,
}

/// [`list_table_ui`] that can also scroll to a row.
pub fn list_table_at_ui(
    ui: &mut egui::Ui,
    id: &str,
    headings: &[Heading],
    sort: &mut ListSort,
    at: Rows,
    mut cell: impl FnMut(&mut egui::Ui, usize, usize),
) -> Option<usize> {
    let Rows {
        count: rows,
        selected,
        scroll_to,
    } = at;
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
                // Clipped cells truncate their text with "…" and show it whole
                // on hover: a name never breaks over two lines.
                table = table.column(match h.width {
                    Width::Fixed(w) => Column::initial(w).clip(true).resizable(true),
                    Width::Grow(min) => Column::remainder().at_least(min).clip(true),
                });
            }
            if let Some(row) = scroll_to {
                table = table.scroll_to_row(row, Some(egui::Align::Center));
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

/// The 查找 box of a list: "查找", then a one-line box with `hint` in it.
pub fn search_ui(ui: &mut egui::Ui, id: &str, text: &mut String, hint: &str, width: f32) -> egui::Response {
    let label = ui.label("查找");
    ui.add(
        egui::TextEdit::singleline(text)
            .id_salt(id)
            .hint_text(hint)
            .desired_width(width),
    )
    .labelled_by(label.id)
}

/// What an empty list says: `none` when there are no records at all,
/// `none_matching` when there are but the search or a filter hides them.
pub fn empty_ui(ui: &mut egui::Ui, any: bool, none: &str, none_matching: &str) {
    ui.add_space(12.0);
    ui.label(if any { none_matching } else { none });
}
