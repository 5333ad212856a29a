//! The start screen, shown when no ledger is open: create a new branch
//! ledger (a short wizard: branch facts → campaign rules and dates →
//! members), open the demo branch, open a file or one of the ledgers
//! opened lately, or — for the county office — add up branches' export
//! files without a ledger of its own.

use std::path::{Path, PathBuf};

use crate::model::member::Member;
use crate::model::{Branch, Ledger, Settings};
use crate::ui::app::{Action, AppConfig};
use crate::ui::prefs::Recent;
use crate::ui::screens::preparation::{PlanDraft, branch_form_ui, plan_form_ui, read_plan};
use crate::ui::screens::settings::rules_form_ui;
use crate::ui::strings as s;

/// The start screen's state.
#[derive(Debug, Clone, Default)]
pub struct StartState {
    /// The wizard, when creating a new ledger.
    pub wizard: Option<Wizard>,
    /// A path typed by hand (for machines without a file dialog).
    pub path: String,
    /// What became of the last 打开文件…, when it gave no file: said under
    /// the typed path, which then takes the keyboard.
    pub no_file: Option<&'static str>,
    /// The typed path takes the keyboard at its next drawing.
    focus_path: bool,
    /// The county roll-up is open in place of the start screen (for the
    /// county office, which has export files but no branch ledger).
    pub county: bool,
    /// Whether the recent ledgers' files are there.
    pub present: Presence,
}

/// Whether each recent ledger's file is there, looked at every
/// [`LOOK_EVERY`] seconds rather than every frame: a network folder may be
/// slow to answer.
#[derive(Debug, Clone, Default)]
pub struct Presence {
    looked_at: Option<f64>,
    there: Vec<(PathBuf, bool)>,
}

/// Seconds between two looks at the recent ledgers' files.
const LOOK_EVERY: f64 = 2.0;

impl Presence {
    /// Looks again when the list changed or the last look is old.
    fn look(&mut self, recent: &[Recent], now: f64) {
        let same_list =
            self.there.len() == recent.len() && self.there.iter().zip(recent).all(|((path, _), r)| *path == r.path);
        if same_list && self.looked_at.is_some_and(|at| now - at < LOOK_EVERY) {
            return;
        }
        self.there = recent.iter().map(|r| (r.path.clone(), r.path.is_file())).collect();
        self.looked_at = Some(now);
    }

    /// Whether the file at `path` was there at the last look.
    fn is_there(&self, path: &Path) -> bool {
        self.there.iter().any(|(p, there)| p == path && *there)
    }
}

/// The new-ledger wizard.
#[derive(Debug, Clone, Default)]
pub struct Wizard {
    pub step: WizardStep,
    pub branch: Branch,
    pub settings: Settings,
    pub plan: PlanDraft,
    /// One member per line: 姓名, then optionally 性别, 出生日期, 入党时间.
    pub names: String,
    /// 下一步 was pressed and refused on this step: its message shows
    /// below the step, worked out again each frame, so it goes as soon as
    /// what it asks for is typed (and never follows to the next step).
    pub tried: bool,
}

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum WizardStep {
    #[default]
    Branch,
    Rules,
    Members,
}

/// The start screen: the ways to a ledger, and beside them (below them in
/// a narrow window) the ledgers opened lately.
pub fn start_ui(
    ui: &mut egui::Ui,
    state: &mut StartState,
    recent: &[Recent],
    config: &AppConfig,
    actions: &mut Vec<Action>,
) {
    if let Some(wizard) = &mut state.wizard {
        if !wizard_ui(ui, wizard, actions) {
            state.wizard = None;
        }
        return;
    }
    state.present.look(recent, ui.input(|i| i.time));
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.add_space(if recent.is_empty() { 40.0 } else { 24.0 });
        ui.vertical_centered(|ui| {
            ui.heading(egui::RichText::new(s::APP_TITLE).size(30.0));
            ui.label(s::APP_TAGLINE);
        });
        ui.add_space(if recent.is_empty() { 30.0 } else { 20.0 });
        if recent.is_empty() {
            ui.vertical_centered(|ui| ways_ui(ui, state, config, actions));
        } else if ui.available_width() >= TWO_COLUMNS {
            ui.columns(2, |columns| {
                columns[0].vertical_centered(|ui| ways_ui(ui, state, config, actions));
                recent_ui(&mut columns[1], recent, &state.present, actions);
            });
        } else {
            ui.vertical_centered(|ui| ways_ui(ui, state, config, actions));
            ui.add_space(20.0);
            recent_ui(ui, recent, &state.present, actions);
        }
    });
}

/// The narrowest window that shows the recent ledgers beside the buttons.
const TWO_COLUMNS: f32 = 900.0;

/// The big buttons: new, demo, county, open; the typed path; the data
/// folder.
fn ways_ui(ui: &mut egui::Ui, state: &mut StartState, config: &AppConfig, actions: &mut Vec<Action>) {
    let size = egui::vec2(280.0, 44.0);
    if ui
        .add(egui::Button::new(egui::RichText::new(s::NEW_LEDGER).size(18.0)).min_size(size))
        .clicked()
    {
        state.wizard = Some(Wizard::default());
    }
    ui.label(egui::RichText::new(s::NEW_LEDGER_HINT).small());
    ui.add_space(12.0);
    if ui
        .add(egui::Button::new(egui::RichText::new(s::OPEN_DEMO).size(18.0)).min_size(size))
        .clicked()
    {
        actions.push(Action::OpenDemo);
    }
    ui.label(egui::RichText::new(s::OPEN_DEMO_HINT).small());
    ui.add_space(12.0);
    if ui
        .add(egui::Button::new(egui::RichText::new(s::COUNTY_ROLLUP).size(18.0)).min_size(size))
        .clicked()
    {
        state.county = true;
    }
    ui.label(egui::RichText::new(s::COUNTY_ROLLUP_HINT).small());
    ui.add_space(12.0);
    if ui
        .add(egui::Button::new(egui::RichText::new(s::OPEN_FILE).size(18.0)).min_size(size))
        .clicked()
    {
        let asked = std::time::Instant::now();
        let picked = pick_ledger();
        match dialog_outcome(picked, asked.elapsed()) {
            Ok(path) => {
                state.no_file = None;
                actions.push(Action::Open(path));
            }
            Err(why) => {
                state.no_file = Some(why);
                state.focus_path = true;
            }
        }
    }
    ui.add_space(6.0);
    typed_path_ui(ui, state, actions);
    // Under the typed path, where its appearing moves nothing to click.
    if let Some(why) = state.no_file {
        ui.colored_label(ui.visuals().warn_fg_color, why);
    }
    ui.add_space(24.0);
    ui.label(egui::RichText::new(format!("{}：{}", s::DATA_FOLDER, config.data_dir.display())).small());
}

/// The ledgers opened lately, newest first: a click opens one; a file no
/// longer there is marked and can be taken off the list.
fn recent_ui(ui: &mut egui::Ui, recent: &[Recent], present: &Presence, actions: &mut Vec<Action>) {
    ui.label(egui::RichText::new("最近打开的台账").strong().size(16.0));
    ui.add_space(6.0);
    let width = ui.available_width().min(560.0);
    for entry in recent {
        if present.is_there(&entry.path) {
            recent_button_ui(ui, entry, width, actions);
        } else {
            missing_row_ui(ui, entry, width, actions);
        }
        ui.add_space(4.0);
    }
}

/// A recent ledger whose file is there: one button, the branch above the
/// shortened path, the last save at the right; the full path on hover.
fn recent_button_ui(ui: &mut egui::Ui, entry: &Recent, width: f32, actions: &mut Vec<Action>) {
    let saved = entry
        .saved
        .map(|at| format!("上次保存 {}", at.strftime("%Y-%m-%d %H:%M")))
        .unwrap_or_default();
    // The last save takes about 190 points at the right.
    let button = egui::Button::new(name_and_path(ui, entry, width - 190.0, false))
        .min_size(egui::vec2(width, 0.0))
        .right_text(egui::RichText::new(saved).small());
    if ui.add(button).on_hover_text(entry.path.display().to_string()).clicked() {
        actions.push(Action::Open(entry.path.clone()));
    }
}

/// A recent ledger whose file is gone (moved, deleted, on a drive not
/// plugged in): marked, with a way to take it off the list.
fn missing_row_ui(ui: &mut egui::Ui, entry: &Recent, width: f32, actions: &mut Vec<Action>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(width - 14.0);
        ui.horizontal(|ui| {
            // The mark and the button take about 240 points at the right.
            ui.label(name_and_path(ui, entry, width - 240.0, true))
                .on_hover_text(entry.path.display().to_string());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("从列表中移除").clicked() {
                    actions.push(Action::ForgetRecent(entry.path.clone()));
                }
                ui.colored_label(ui.visuals().error_fg_color, "文件已不在此处");
            });
        });
    });
}

/// The branch's name over the file's path, shortened to about `room`
/// points, as two lines.
fn name_and_path(ui: &egui::Ui, entry: &Recent, room: f32, gone: bool) -> egui::text::LayoutJob {
    let name = if entry.branch.is_empty() {
        "（未命名支部）"
    } else {
        &entry.branch
    };
    let mut name = egui::RichText::new(name).size(16.0);
    name = if gone { name.weak() } else { name.strong() };
    let half_widths = (room / HALF_WIDTH).max(20.0) as usize;
    let path = egui::RichText::new(format!("\n{}", short_path(&entry.path, half_widths)))
        .small()
        .weak();
    let mut job = egui::text::LayoutJob::default();
    for part in [name, path] {
        part.append_to(&mut job, ui.style(), egui::FontSelection::Default, egui::Align::LEFT);
    }
    job
}

/// The width of a Latin letter or digit in small text, in points; a
/// Chinese character takes two.
const HALF_WIDTH: f32 = 6.0;

/// How wide `text` is, in Latin letters: a Chinese character counts two.
fn half_widths(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// `path` in at most about `limit` half-widths ([`half_widths`]): the
/// file's name whole, and as many of the folders just above it as fit,
/// after "…" when some are left out (the end of a path tells ledgers
/// apart; its start is the same for all of them).
fn short_path(path: &Path, limit: usize) -> String {
    let full = path.display().to_string();
    if half_widths(&full) <= limit {
        return full;
    }
    let separator = std::path::MAIN_SEPARATOR_STR;
    let mut parts: Vec<String> = Vec::new();
    let mut length = 2;
    for part in path.components().rev() {
        let part = part.as_os_str().to_string_lossy().into_owned();
        let added = half_widths(&part) + separator.len();
        if !parts.is_empty() && length + added > limit {
            break;
        }
        length += added;
        parts.push(part);
    }
    parts.push("…".to_owned());
    parts.reverse();
    parts.join(separator)
}

/// Beside 打开文件…, always: the way to a ledger where the system has no
/// file dialog (rfd gives nothing both when the user cancels and when no
/// dialog could start, so the field cannot wait for the latter). Enter or
/// 打开 opens the path typed.
fn typed_path_ui(ui: &mut egui::Ui, state: &mut StartState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        // The label, the 打开 button and the gaps take about 170 points.
        let field = (ui.available_width() - 170.0).clamp(200.0, 360.0);
        ui.add_space((ui.available_width() - field - 170.0).max(0.0) / 2.0);
        let label = ui.label(TYPED_PATH);
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut state.path)
                    .id_salt("start_path")
                    .hint_text(PATH_EXAMPLE)
                    .desired_width(field),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut state.focus_path) {
            response.request_focus();
        }
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        let typed = !state.path.trim().is_empty();
        if (ui.add_enabled(typed, egui::Button::new(s::OPEN)).clicked() || entered) && typed {
            state.no_file = None;
            actions.push(Action::Open(PathBuf::from(state.path.trim())));
        }
    });
}

const TYPED_PATH: &str = "或输入文件路径";
#[cfg(windows)]
const PATH_EXAMPLE: &str = r"如 D:\支部\红星村党支部.ron";
#[cfg(not(windows))]
const PATH_EXAMPLE: &str = "如 /home/用户名/支部/红星村党支部.ron";
/// 打开文件… answered at once: no dialog was shown.
#[cfg(windows)]
const NO_DIALOG: &str = "系统的文件对话框没有打开。请在上面输入台账文件的路径，再按“打开”。";
#[cfg(not(windows))]
const NO_DIALOG: &str =
    "系统的文件对话框没有打开（需要 xdg-desktop-portal 或 zenity）。请在上面输入台账文件的路径，再按“打开”。";
/// 打开文件… answered after a while with no file: cancelled, most likely.
const NO_FILE_CHOSEN: &str = "没有选择文件。如果没有出现选择文件的窗口，请在上面输入台账文件的路径，再按“打开”。";

/// A dialog that answered sooner than this was never shown: nobody
/// cancels one that fast.
const TOO_QUICK: std::time::Duration = std::time::Duration::from_millis(400);

/// The file picked, or what to say when none was: rfd answers "no file"
/// both for 取消 and for a dialog that could not start, so how long it took
/// tells the two apart.
fn dialog_outcome(picked: Option<PathBuf>, took: std::time::Duration) -> Result<PathBuf, &'static str> {
    match picked {
        Some(path) => Ok(path),
        None if took < TOO_QUICK => Err(NO_DIALOG),
        None => Err(NO_FILE_CHOSEN),
    }
}

/// The system's file dialog for a ledger, if it can be shown.
fn pick_ledger() -> Option<PathBuf> {
    rfd::FileDialog::new().add_filter(s::LEDGER_FILES, &["ron"]).pick_file()
}

/// The wizard. Returns false when it is cancelled or finished.
fn wizard_ui(ui: &mut egui::Ui, wizard: &mut Wizard, actions: &mut Vec<Action>) -> bool {
    let mut open = true;
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.heading(s::NEW_LEDGER);
        ui.horizontal(|ui| {
            for (step, title) in [
                (WizardStep::Branch, s::WIZARD_BRANCH),
                (WizardStep::Rules, s::WIZARD_RULES),
                (WizardStep::Members, s::WIZARD_MEMBERS),
            ] {
                let text = egui::RichText::new(title);
                ui.label(if step == wizard.step {
                    text.strong().color(ui.visuals().hyperlink_color)
                } else {
                    text
                });
            }
        });
        ui.separator();
        match wizard.step {
            WizardStep::Branch => {
                branch_form_ui(ui, &mut wizard.branch);
            }
            WizardStep::Rules => {
                ui.label(s::RULES_EXPLAINED);
                rules_form_ui(ui, &mut wizard.settings);
                ui.add_space(8.0);
                ui.label(egui::RichText::new(s::STAGE_PLAN).strong());
                plan_form_ui(ui, &mut wizard.plan);
            }
            WizardStep::Members => {
                let label = ui.label(s::WIZARD_NAMES_EXPLAINED);
                ui.add(
                    egui::TextEdit::multiline(&mut wizard.names)
                        .id_salt("wizard_names")
                        .desired_rows(12)
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
                let count = wizard.names.lines().filter(|l| !l.trim().is_empty()).count();
                ui.label(format!("{count} {}", s::PERSONS));
            }
        }
        // The place of the message is kept, so the buttons never move.
        let message = if wizard.tried { check_step(wizard).err() } else { None };
        ui.colored_label(ui.visuals().error_fg_color, message.unwrap_or_default());
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            if ui.button(s::CANCEL).clicked() {
                open = false;
            }
            if wizard.step != WizardStep::Branch && ui.button(s::PREVIOUS).clicked() {
                wizard.tried = false;
                wizard.step = match wizard.step {
                    WizardStep::Members => WizardStep::Rules,
                    _ => WizardStep::Branch,
                };
            }
            let next_label = if wizard.step == WizardStep::Members {
                s::FINISH
            } else {
                s::NEXT
            };
            if ui.button(egui::RichText::new(next_label).strong()).clicked() {
                match advance(wizard) {
                    Ok(Some(ledger)) => {
                        actions.push(Action::Create(Box::new(ledger)));
                    }
                    Ok(None) => wizard.tried = false,
                    Err(_) => wizard.tried = true,
                }
            }
        });
    });
    open
}

/// What stops the wizard leaving its step, if anything.
fn check_step(wizard: &Wizard) -> Result<(), String> {
    match wizard.step {
        WizardStep::Branch if wizard.branch.name.trim().is_empty() => Err(s::BRANCH_NAME_REQUIRED.to_owned()),
        WizardStep::Branch => Ok(()),
        WizardStep::Rules => {
            crate::model::campaign_rules::check_settings(&wizard.settings)?;
            read_plan(&wizard.plan).map(|_| ())
        }
        WizardStep::Members => members_of(&wizard.names).map(|_| ()),
    }
}

/// Moves to the next step, or builds the ledger on the last one.
fn advance(wizard: &mut Wizard) -> Result<Option<Ledger>, String> {
    check_step(wizard)?;
    match wizard.step {
        WizardStep::Branch => {
            wizard.step = WizardStep::Rules;
            Ok(None)
        }
        WizardStep::Rules => {
            wizard.step = WizardStep::Members;
            Ok(None)
        }
        WizardStep::Members => {
            let mut ledger = Ledger {
                branch: wizard.branch.clone(),
                ..Ledger::default()
            };
            ledger.branch.name = ledger.branch.name.trim().to_owned();
            ledger.campaign.settings = wizard.settings.clone();
            ledger.campaign.plan = read_plan(&wizard.plan)?;
            for member in members_of(&wizard.names)? {
                let id = crate::model::MemberId(ledger.next_id());
                ledger.members.push(Member { id, ..member });
            }
            Ok(Some(ledger))
        }
    }
}

/// The members typed one per line: 姓名, then optionally 性别 (男/女),
/// 出生日期 and 入党时间, apart by spaces, commas or tabs — as a column of
/// a sheet pasted in. A line that cannot be read is refused by its number.
fn members_of(text: &str) -> Result<Vec<Member>, String> {
    use crate::model::dates::parse_date;
    use crate::model::member::Gender;
    let mut members = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut parts = line
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
            .filter(|p| !p.is_empty());
        let Some(name) = parts.next() else { continue };
        let mut member = Member {
            name: name.to_owned(),
            ..Member::default()
        };
        let mut dates = Vec::new();
        for part in parts {
            match Gender::from_label(part) {
                Some(gender) if dates.is_empty() => member.gender = gender,
                _ => dates.push(parse_date(part).map_err(|e| format!("第 {} 行“{part}”：{e}", n + 1))?),
            }
        }
        match dates[..] {
            [] => {}
            [birth] => member.birth = Some(birth),
            [birth, joined] => (member.birth, member.joined) = (Some(birth), Some(joined)),
            _ => return Err(format!("第 {} 行多了内容：每行为 姓名 性别 出生日期 入党时间", n + 1)),
        }
        crate::model::validate::refuse_member(&member).map_err(|e| format!("第 {} 行 {e}", n + 1))?;
        members.push(member);
    }
    Ok(members)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_lines_give_name_gender_and_dates_and_a_bad_line_is_named() {
        let members = members_of("王秀英 女 1962-03-08 1985-07-01\n\n  李四\t男\n赵敏，1970-01-02").expect("read");
        let read: Vec<_> = members
            .iter()
            .map(|m| (m.name.as_str(), m.gender.label(), m.birth, m.joined))
            .collect();
        let day = |y, m, d| Some(crate::model::Date::constant(y, m, d));
        assert_eq!(
            read,
            [
                ("王秀英", "女", day(1962, 3, 8), day(1985, 7, 1)),
                ("李四", "男", None, None),
                ("赵敏", "男", day(1970, 1, 2), None),
            ]
        );
        let bad = members_of("张三\n李四 女 1962-13-40").expect_err("a bad date");
        assert!(bad.starts_with("第 2 行“1962-13-40”"), "{bad}");
        let joined_first = members_of("张三 男 1990-01-01 1980-07-01").expect_err("joined before birth");
        assert_eq!(joined_first, "第 1 行 张三：入党时间应晚于出生日期");
        assert!(members_of("张三 男 1960-01-01 1980-07-01 1990-01-01").is_err());
    }

    #[test]
    fn a_dialog_giving_no_file_at_once_is_said_not_to_have_opened() {
        use std::time::Duration;
        let picked = PathBuf::from("/支部/台账.ron");
        assert_eq!(dialog_outcome(Some(picked.clone()), Duration::ZERO), Ok(picked));
        assert_eq!(dialog_outcome(None, Duration::from_millis(20)), Err(NO_DIALOG));
        assert_eq!(dialog_outcome(None, Duration::from_secs(3)), Err(NO_FILE_CHOSEN));
    }

    #[test]
    fn a_long_path_keeps_the_file_name_and_the_folders_above_it() {
        let path: PathBuf = [
            "/home",
            "secretary",
            "文档",
            "党员先进性教育活动",
            "2026年",
            "红星村党支部.ron",
        ]
        .iter()
        .collect();
        let short = short_path(&path, 48);
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(
            short,
            format!("…{sep}党员先进性教育活动{sep}2026年{sep}红星村党支部.ron")
        );
        assert!(half_widths(&short) <= 48, "{short}");
    }

    #[test]
    fn a_short_path_and_a_long_file_name_stay_whole() {
        assert_eq!(short_path(Path::new("/支部/台账.ron"), 30), "/支部/台账.ron");
        let long = "很长很长很长很长很长很长很长很长很长很长的文件名.ron";
        let path = Path::new("/home/secretary").join(long);
        let sep = std::path::MAIN_SEPARATOR;
        assert_eq!(short_path(&path, 10), format!("…{sep}{long}"));
    }
}
