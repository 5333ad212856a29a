//! The layers hold: a folder of `src/` never uses a folder above it.
//!
//! `ui` → `edit` → `model`, `progress`, `store`; `cli` → `edit`; `report`
//! → `model`, `progress`, `store` (see `src/lib.rs`); `job` (background
//! work on named threads) is below them all and uses none. Only the window
//! knows egui. This reads every `.rs` file below `src/` as text (comments
//! and the insides of string literals left out) and fails with each
//! forbidden use, file and line, so that an arrow pointing the wrong way is
//! caught when it is written, not when the command line turns out to skip a
//! rule of the window.

use std::path::Path;

mod common;

/// The folders (modules) below the window, and what none of them may name.
const NO_WINDOW: [&str; 9] = [
    "model", "progress", "store", "report", "import", "edit", "demo", "assets", "job",
];
/// The folders below the edit core.
const BELOW_EDIT: [&str; 4] = ["model", "progress", "store", "job"];

/// What `module` may not use: crate modules, and whether egui is banned.
fn forbidden(module: &str) -> (Vec<&'static str>, bool) {
    let mut modules = Vec::new();
    let below_window = NO_WINDOW.contains(&module);
    if below_window {
        modules.push("ui");
    }
    if BELOW_EDIT.contains(&module) {
        modules.extend(["edit", "report"]);
    }
    if module == "report" {
        // What leaves the program reads the records; it never changes them.
        modules.push("edit");
    }
    (modules, below_window)
}

/// The text with comments and the contents of string and character
/// literals replaced by spaces (line breaks kept, so lines still count).
fn code_only(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |c: char| if c == '\n' { '\n' } else { ' ' };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                out.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !is_ident(chars.get(i.wrapping_sub(1))) {
            // A raw string: r"…" or r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            out.push('"');
            i = j + 1;
            while i < chars.len() {
                if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
                    out.push('"');
                    i += 1 + hashes;
                    break;
                }
                out.push(blank(chars[i]));
                i += 1;
            }
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    out.push(blank(chars[i]));
                    i += 1;
                }
            }
            out.push('"');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{4e00}'), or else a lifetime.
            let end = if next == Some('\\') {
                (i + 3..chars.len()).find(|&k| chars[k] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    out.push_str(&" ".repeat(end - i + 1));
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Every `(line, what)` in `code` that names egui (when `no_egui`) or one
/// of `modules` through `crate::` (also inside a `crate::{…}` group).
fn uses(code: &str, modules: &[&str], no_egui: bool) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let line_of = |at: usize| code[..at].matches('\n').count() + 1;
    if no_egui {
        for word in ["egui", "eframe"] {
            for (at, _) in code.match_indices(word) {
                let before = code[..at].chars().next_back();
                let after = code[at + word.len()..].chars().next();
                // egui, egui_extras, egui_plot, egui_kittest; not a longer name.
                let ends = after.is_none_or(|c| !c.is_alphanumeric());
                if !is_ident(before.as_ref()) && ends {
                    found.push((line_of(at), word.to_owned()));
                }
            }
        }
    }
    for (at, _) in code.match_indices("crate::") {
        if is_ident(code[..at].chars().next_back().as_ref()) {
            continue;
        }
        let rest = &code[at + "crate::".len()..];
        let named: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
            top_level_items(group)
        } else {
            vec![first_segment(rest)]
        };
        for module in named {
            if modules.contains(&module.as_str()) {
                found.push((line_of(at), format!("crate::{module}")));
            }
        }
    }
    found
}

/// The first path segment of each item of a `{…}` group (after its `{`).
fn top_level_items(group: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(first_segment(&group[start..i]));
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(first_segment(&group[start..i]));
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

fn first_segment(path: &str) -> String {
    path.trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn no_folder_of_src_uses_a_folder_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let all = common::source_files();
    let mut problems = Vec::new();
    let mut read = 0;
    for module in NO_WINDOW {
        let (modules, no_egui) = forbidden(module);
        let files: Vec<_> = all
            .iter()
            .filter(|p| p.starts_with(src.join(module)) || *p == &src.join(format!("{module}.rs")))
            .collect();
        assert!(!files.is_empty(), "src/{module} is gone: update tests/layers.rs");
        for path in files {
            read += 1;
            let text = std::fs::read_to_string(path).expect("a source file");
            for (line, what) in uses(&code_only(&text), &modules, no_egui) {
                let shown = path.strip_prefix(&src).unwrap_or(path).display().to_string();
                problems.push(format!("src/{shown}:{line}: {module} uses {what}"));
            }
        }
    }
    assert!(read > 50, "only {read} files read below src/");
    assert!(
        problems.is_empty(),
        "forbidden uses (see the layers in src/lib.rs):\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_a_forbidden_use_and_not_a_comment_or_a_string() {
    let (modules, no_egui) = forbidden("model");
    let text = r#"
//! Drawn by crate::ui one day; egui is not needed here.
use crate::model::Date;
/* crate::edit in a block comment */
const HELP: &str = "see crate::ui::app and egui";
const QUOTES: [char; 3] = ['"', '\'', '\u{4e00}'];
use crate::{
    progress,
    ui::widgets,
};
fn f<'a>(x: &'a str) -> egui::Id { crate::edit::apply(x) } // crate::report
use crate::report::pdf;
fn g() -> crate::uint {}
"#;
    let found = uses(&code_only(text), &modules, no_egui);
    assert_eq!(
        found,
        vec![
            (11, "egui".to_owned()),
            (7, "crate::ui".to_owned()),
            (11, "crate::edit".to_owned()),
            (12, "crate::report".to_owned()),
        ]
    );
    let (modules, no_egui) = forbidden("edit");
    assert!(
        uses(
            &code_only("use crate::store;\nuse crate::model::{Ledger};"),
            &modules,
            no_egui
        )
        .is_empty()
    );
    assert!(!uses(&code_only("use crate::ui::app;"), &modules, no_egui).is_empty());
}
