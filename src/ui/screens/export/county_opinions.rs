//! 意见总账 in the 县级汇总 screen: every distinct opinion of every branch
//! that sent its records ([`OpinionLedgers`]), filterable by 支部, 渠道 and
//! 状态 (未反馈 / 已反馈未签收 / 已签收), searchable, sortable by any
//! heading; a click on a row shows it whole with the raw opinions it
//! came from. Above the table, "征求 X 条，梳理为 Y 条" of the county.
//! Beside it, 生成汇总报告 PDF… writes the county report to hand upward
//! ([`crate::report::pdf::docs::county_report`]).
//!
//! The records are read only when the clerk asks (读取意见记录), on a
//! thread, from the files the roll-up used ([`OpinionLedgers::read`]);
//! the rows shown are worked out again only when a filter, the search,
//! the sort or the ledgers change: a county's ledger holds tens of
//! thousands of opinions, and the list draws only the visible ones.

use std::path::{Path, PathBuf};

use crate::job::{Job, Lost};
use crate::model::opinion::Channel;
use crate::report::county::RollUp;
use crate::report::county::opinions::{Entry, OpinionLedgers, Status};
use crate::report::pdf::docs::county_report::{self, Report};
use crate::report::{OutputRules, Replace};
use crate::ui::system::{FileActions, FileWords, written_file_ui};
use crate::ui::table::{self, Heading, ListSort, list_table_ui};
use crate::ui::widgets::field_message_ui;

pub const LEDGER: &str = "意见总账";
pub const READ: &str = "读取意见记录";
pub const OFFICE: &str = "汇总单位";
pub const MAKE_REPORT: &str = "生成汇总报告 PDF…";
const READING: &str = "正在读取各支部的意见记录";
const READ_EXPLAIN: &str = "从所用的导出文件中读取各支部的征求意见记录，列出总账（可按支部、渠道、状态筛选），汇总报告中也会加上征求意见情况。";
const REPORT_SAVED: FileWords = FileWords {
    written: "已生成汇总报告：",
    not_opened: "无法用系统程序打开这份报告，请在文件夹中双击打开：",
    pending: "生成汇总报告后，这里显示它的位置，可直接打开文件或所在文件夹。",
};
const LOST: &str = "读取意见记录未完成：后台任务意外中止，请再点一次“读取意见记录”";
pub const UNIT: &str = "支部";
pub const CHANNEL: &str = "渠道";
pub const STATUS: &str = "状态";
pub const ALL: &str = "全部";
const NONE: &str = "所选导出文件都没有附带台账记录：支部导出时勾选“包含台账记录”，这里才有意见总账。";
const NONE_MATCHING: &str = "没有符合筛选条件的意见。";
const NO_NAMES: &str = "提出人姓名只在支部导出了个人信息时列出。";

const HEADINGS: [Heading; 9] = [
    Heading::new("支部", 150.0),
    Heading::new("序号", 40.0),
    Heading::new("针对", 80.0).folds(3),
    Heading::new("方面", 64.0).folds(2),
    Heading::grow("梳理后的意见", 200.0),
    Heading::new("渠道", 110.0).folds(1),
    Heading::new("来源", 80.0).folds(1),
    Heading::new("原始条数", 64.0).folds(2),
    Heading::new("状态", 92.0),
];

/// What picks the rows: the filters, the search and the sort.
#[derive(Debug, Clone, PartialEq, Default)]
struct Pick {
    unit: Option<usize>,
    channel: Option<Channel>,
    status: Option<Status>,
    search: String,
    sort: ListSort,
    /// How many entries the ledgers held (new ledgers, new rows).
    entries: usize,
}

/// Which roll-up the ledgers were read for: each row's file and export time.
type Fingerprint = Vec<(PathBuf, jiff::civil::DateTime)>;

fn fingerprint(rollup: &RollUp) -> Fingerprint {
    rollup.rows.iter().map(|r| (r.path.clone(), r.generated_at)).collect()
}

/// The ledgers read, with the files whose records could not be.
type Read = (OpinionLedgers, Vec<String>);

/// The view's state.
#[derive(Default)]
pub struct CountyOpinionsState {
    /// The office named on the report (县先教办 when empty).
    pub office: String,
    /// The report written last, and the system's answer to opening it.
    pub report: Option<PathBuf>,
    pub report_file: FileActions,
    /// The last message about the report or the reading: text, and
    /// whether it is an error.
    pub message: Option<(String, bool)>,
    /// The ledgers read, for the roll-up they were read for.
    loaded: Option<(Fingerprint, Read)>,
    reading: Option<(Fingerprint, Job<Read>)>,
    pub unit: Option<usize>,
    pub channel: Option<Channel>,
    pub status: Option<Status>,
    pub search: String,
    pub sort: ListSort,
    /// The entry shown whole, an index into [`OpinionLedgers::entries`].
    pub open: Option<usize>,
    shown: Option<(Pick, Vec<usize>)>,
}

impl CountyOpinionsState {
    /// The ledgers read for `rollup`, if they were.
    pub fn ledgers(&self, rollup: &RollUp) -> Option<&OpinionLedgers> {
        self.loaded
            .as_ref()
            .filter(|(f, _)| *f == fingerprint(rollup))
            .map(|(_, (ledgers, _))| ledgers)
    }

    /// Starts reading the records of `rollup`'s branches on a thread.
    pub fn start_reading(&mut self, rollup: &RollUp) {
        let copy = rollup.clone();
        let job = Job::start("zhibu-county-opinions", move || OpinionLedgers::read(&copy));
        self.reading = Some((fingerprint(rollup), job));
    }

    /// Waits for the reading (tests; the window polls instead).
    pub fn wait(&mut self) {
        if let Some((f, job)) = self.reading.take() {
            self.take(f, job.wait());
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let Some((_, job)) = &self.reading else { return };
        match job.poll() {
            Some(answer) => {
                if let Some((f, _)) = self.reading.take() {
                    self.take(f, answer);
                }
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        }
    }

    fn take(&mut self, f: Fingerprint, answer: Result<Read, Lost>) {
        match answer {
            Ok(read) => {
                self.open = None;
                self.shown = None;
                self.loaded = Some((f, read));
            }
            Err(Lost) => self.message = Some((LOST.to_owned(), true)),
        }
    }

    /// Writes the county report of `rollup` to `path`, as the system's
    /// save dialog chose it (an existing file there is replaced: the
    /// dialog has asked), never over `ledger` or a file rolled up; with
    /// the opinions when they were read.
    pub fn save_report(&mut self, rollup: &RollUp, path: &Path, ledger: Option<&Path>, today: crate::model::Date) {
        let mut rules = OutputRules::new().replacing(Replace::Yes);
        rules.ledger = ledger.map(Path::to_path_buf);
        self.report_file.forget();
        let report = Report {
            rollup,
            opinions: self.ledgers(rollup),
            office: &self.office,
            today,
        };
        match county_report::write(&report, path, &rules) {
            Ok(()) => {
                self.message = None;
                self.report = Some(path.to_path_buf());
            }
            Err(e) => {
                self.report = None;
                self.message = Some((e.to_string(), true));
            }
        }
    }

    fn pick(&self, ledgers: &OpinionLedgers) -> Pick {
        Pick {
            unit: self.unit,
            channel: self.channel,
            status: self.status,
            search: self.search.trim().to_owned(),
            sort: self.sort,
            entries: ledgers.entries.len(),
        }
    }

    /// The entries shown, filtered and sorted, kept until the pick changes.
    fn rows(&mut self, ledgers: &OpinionLedgers) -> &[usize] {
        let pick = self.pick(ledgers);
        if self.shown.as_ref().is_none_or(|(p, _)| *p != pick) {
            let rows = rows(ledgers, &pick);
            self.shown = Some((pick, rows));
        }
        self.shown.as_ref().map_or(&[], |(_, rows)| rows.as_slice())
    }
}

fn unit_name(ledgers: &OpinionLedgers, unit: usize) -> &str {
    ledgers.units.get(unit).map_or("", |u| u.branch.as_str())
}

/// The entries `pick` lets through, in its order.
fn rows(ledgers: &OpinionLedgers, pick: &Pick) -> Vec<usize> {
    let mut rows: Vec<usize> = ledgers
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| pick.unit.is_none_or(|u| e.unit == u))
        .filter(|(_, e)| pick.channel.is_none_or(|c| e.channels.contains(&c)))
        .filter(|(_, e)| pick.status.is_none_or(|s| e.status == s))
        .filter(|(_, e)| {
            table::matches(
                &pick.search,
                &[&e.content, &e.about, unit_name(ledgers, e.unit), &e.givers.join("、")],
            )
        })
        .map(|(i, _)| i)
        .collect();
    let entry = |i: usize| &ledgers.entries[i];
    rows.sort_by(|&a, &b| {
        let (x, y) = (entry(a), entry(b));
        let by_unit = || {
            unit_name(ledgers, x.unit)
                .cmp(unit_name(ledgers, y.unit))
                .then(x.unit.cmp(&y.unit))
                .then(x.number.cmp(&y.number))
        };
        let order = match pick.sort.column {
            1 => x.number.cmp(&y.number),
            2 => x.about.cmp(&y.about),
            3 => x.aspect.cmp(&y.aspect),
            4 => x.content.cmp(&y.content),
            5 => x
                .channels
                .first()
                .map(|c| c.label())
                .cmp(&y.channels.first().map(|c| c.label())),
            6 => x.sources_text().cmp(&y.sources_text()),
            7 => x.raw.cmp(&y.raw),
            8 => x.status.cmp(&y.status),
            _ => std::cmp::Ordering::Equal,
        };
        pick.sort.apply(order.then_with(by_unit))
    });
    rows
}

/// The first `n` characters of `text` on one line, with "…" when cut.
fn short(text: &str, n: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(n) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// A filter's drop-down: 全部 or one of `choices`, tied to its label.
fn filter_ui<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut Option<T>,
    choices: impl Iterator<Item = (T, String)>,
    shown: &str,
) {
    let name = ui.label(label);
    egui::ComboBox::from_id_salt(("county_opinions", label))
        .selected_text(shown)
        .height(360.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, ALL);
            for (choice, words) in choices {
                ui.selectable_value(value, Some(choice), words);
            }
        })
        .response
        .labelled_by(name.id);
}

/// The report's row (汇总单位, 生成汇总报告 PDF…, the file written) and the
/// 意见总账, folded until opened, for the roll-up shown.
pub fn county_extras_ui(ui: &mut egui::Ui, rollup: &RollUp, state: &mut CountyOpinionsState, ledger: Option<&Path>) {
    state.poll(ui.ctx());
    let mut save_to = None;
    ui.horizontal(|ui| {
        let label = ui.label(OFFICE);
        ui.add(
            egui::TextEdit::singleline(&mut state.office)
                .hint_text("县先教办")
                .desired_width(180.0),
        )
        .labelled_by(label.id);
        if ui.button(MAKE_REPORT).clicked() {
            save_to = rfd::FileDialog::new()
                .add_filter("PDF 文件", &["pdf"])
                .set_file_name(format!("{}.pdf", county_report::TITLE))
                .save_file();
        }
    });
    if let Some(path) = save_to {
        state.save_report(rollup, &path, ledger, crate::store::format::now().date());
    }
    written_file_ui(ui, state.report.as_deref(), &mut state.report_file, &REPORT_SAVED);
    if let Some((message, error)) = &state.message {
        field_message_ui(ui, message, *error);
    }
    let header = match state.ledgers(rollup) {
        Some(ledgers) => format!(
            "{LEDGER}（{} 个支部，{}）",
            ledgers.units.len(),
            ledgers.total().sentence()
        ),
        None => LEDGER.to_owned(),
    };
    // One id whatever the heading says, so that reading keeps it open.
    egui::CollapsingHeader::new(header)
        .id_salt("county_opinions_ledger")
        .show(ui, |ui| ledger_part_ui(ui, rollup, state));
}

/// Inside 意见总账: the button that reads the records, the reading's
/// progress, or the view of what was read.
fn ledger_part_ui(ui: &mut egui::Ui, rollup: &RollUp, state: &mut CountyOpinionsState) {
    if state.reading.is_some() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(READING);
        });
        return;
    }
    let current = state.loaded.as_ref().is_some_and(|(f, _)| *f == fingerprint(rollup));
    if !current {
        ui.label(READ_EXPLAIN);
        if ui.button(READ).clicked() {
            state.start_reading(rollup);
        }
        return;
    }
    let Some((f, (ledgers, problems))) = state.loaded.take() else {
        return;
    };
    for problem in &problems {
        field_message_ui(ui, problem, true);
    }
    egui::Frame::new().show(ui, |ui| {
        ui.set_min_height(320.0);
        county_opinions_ui(ui, &ledgers, state);
    });
    state.loaded = Some((f, (ledgers, problems)));
}

/// The view: the counts of the rows shown, the filters, the table, and the
/// entry clicked shown whole.
pub fn county_opinions_ui(ui: &mut egui::Ui, ledgers: &OpinionLedgers, state: &mut CountyOpinionsState) {
    if ledgers.units.is_empty() {
        table::empty_ui(ui, false, NONE, NONE_MATCHING);
        return;
    }
    filters_ui(ui, ledgers, state);
    let rows = state.rows(ledgers).to_vec();
    ui.label(summary(ledgers, &rows));
    if !ledgers.units.iter().all(|u| u.personal) {
        ui.weak(NO_NAMES);
    }
    if let Some(entry) = state.open.and_then(|i| ledgers.entries.get(i)) {
        entry_ui(ui, ledgers, entry, &mut state.open);
    }
    if rows.is_empty() {
        table::empty_ui(ui, true, NONE, NONE_MATCHING);
        return;
    }
    let selected = state.open.and_then(|open| rows.iter().position(|&r| r == open));
    let clicked = list_table_ui(
        ui,
        "county_opinions",
        &HEADINGS,
        &mut state.sort,
        rows.len(),
        selected,
        |ui, row, column| {
            let e = &ledgers.entries[rows[row]];
            match column {
                0 => ui.label(unit_name(ledgers, e.unit)),
                1 => ui.label(e.number.to_string()),
                2 => ui.label(&e.about),
                3 => ui.label(e.aspect.label()),
                4 => ui.label(short(&e.content, 60)).on_hover_text(&e.content),
                5 => ui.label(e.channels_text()),
                6 => ui.label(e.sources_text()),
                7 => ui.label(e.raw.to_string()),
                _ if e.status == Status::NotFedBack => ui.colored_label(ui.visuals().warn_fg_color, e.status.label()),
                _ => ui.label(e.status.label()),
            };
        },
    );
    if let Some(row) = clicked {
        state.open = rows.get(row).copied();
    }
}

fn filters_ui(ui: &mut egui::Ui, ledgers: &OpinionLedgers, state: &mut CountyOpinionsState) {
    ui.horizontal_wrapped(|ui| {
        let unit = state.unit.map_or(ALL, |u| unit_name(ledgers, u)).to_owned();
        let units = ledgers.units.iter().enumerate().map(|(i, u)| (i, u.branch.clone()));
        filter_ui(ui, UNIT, &mut state.unit, units, &unit);
        let channel = state.channel.map_or(ALL, Channel::label);
        let channels = Channel::ALL.into_iter().map(|c| (c, c.label().to_owned()));
        filter_ui(ui, CHANNEL, &mut state.channel, channels, channel);
        let status = state.status.map_or(ALL, Status::label);
        let statuses = Status::ALL.into_iter().map(|s| (s, s.label().to_owned()));
        filter_ui(ui, STATUS, &mut state.status, statuses, status);
        table::search_ui(
            ui,
            "county_opinions_search",
            &mut state.search,
            "意见内容、针对、支部",
            180.0,
        );
    });
}

/// "征求 X 条，梳理为 Y 条" of the units shown, and how the rows shown stand.
fn summary(ledgers: &OpinionLedgers, rows: &[usize]) -> String {
    let mut by_status = [0usize; 3];
    for &r in rows {
        let status = ledgers.entries[r].status;
        if let Some(k) = Status::ALL.iter().position(|s| *s == status) {
            by_status[k] += 1;
        }
    }
    let total = ledgers.total();
    format!(
        "{} 个支部报送了台账记录，共{}。当前列出 {} 条：{} {} 条，{} {} 条，{} {} 条。",
        ledgers.units.len(),
        total.sentence(),
        rows.len(),
        Status::NotFedBack.label(),
        by_status[0],
        Status::FedBack.label(),
        by_status[1],
        Status::Signed.label(),
        by_status[2],
    )
}

/// One entry whole: its text, where it came from, its feedback, and the
/// raw opinions merged into it.
fn entry_ui(ui: &mut egui::Ui, ledgers: &OpinionLedgers, e: &Entry, open: &mut Option<usize>) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("{} 第 {} 条", unit_name(ledgers, e.unit), e.number));
            if ui.button("收起").clicked() {
                *open = None;
            }
        });
        ui.label(&e.content);
        let mut facts = format!(
            "针对：{}　方面：{}　渠道：{}　来源：{}　状态：{}",
            e.about,
            e.aspect.label(),
            e.channels_text(),
            e.sources_text(),
            e.status.label()
        );
        if let Some(d) = e.fed_back {
            facts.push_str(&format!("　反馈：{}", crate::model::dates::show(d)));
        }
        if let Some(d) = e.signed {
            facts.push_str(&format!("　签收：{}", crate::model::dates::show(d)));
        }
        if !e.givers.is_empty() {
            facts.push_str(&format!("　提出人：{}", e.givers.join("、")));
        }
        ui.label(facts);
        let raw: Vec<_> = ledgers
            .raw
            .iter()
            .filter(|r| r.unit == e.unit && r.merged_into == Some(e.number))
            .take(20)
            .collect();
        for r in raw {
            ui.weak(format!(
                "{}　{}　{}：{}",
                crate::model::dates::show(r.date),
                r.channel.label(),
                r.source.label(),
                short(&r.content, 80)
            ));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ledger;
    use crate::report::county::opinions::Unit;

    fn ledgers() -> (Vec<Ledger>, OpinionLedgers) {
        let today = crate::model::Date::constant(2006, 3, 10);
        let ledgers: Vec<Ledger> = (0..2)
            .map(|n| {
                let mut l = crate::demo::demo_ledger(8 + 4 * n, today);
                l.branch.name = format!("第{n}支部");
                l
            })
            .collect();
        let units: Vec<Unit<'_>> = ledgers
            .iter()
            .map(|l| Unit {
                branch: &l.branch.name,
                superior: "",
                records: l,
                personal: false,
            })
            .collect();
        let of = OpinionLedgers::of(&units);
        (ledgers, of)
    }

    #[test]
    fn the_filters_pick_the_units_channels_and_statuses_asked_for() {
        let (_, ledgers) = ledgers();
        let all = rows(&ledgers, &Pick::default());
        assert_eq!(all.len(), ledgers.entries.len());
        let first = rows(
            &ledgers,
            &Pick {
                unit: Some(1),
                ..Pick::default()
            },
        );
        assert_eq!(first.len(), ledgers.units[1].merged as usize);
        assert!(first.iter().all(|&r| ledgers.entries[r].unit == 1));
        for status in Status::ALL {
            let picked = rows(
                &ledgers,
                &Pick {
                    status: Some(status),
                    ..Pick::default()
                },
            );
            let k = Status::ALL.iter().position(|s| *s == status).unwrap();
            assert_eq!(picked.len() as u32, ledgers.total().by_status[k], "{status:?}");
        }
        let forum = rows(
            &ledgers,
            &Pick {
                channel: Some(Channel::Forum),
                ..Pick::default()
            },
        );
        assert!(forum.len() < all.len() || ledgers.total().by_channel[1..].iter().all(|n| *n == 0));
        assert!(
            forum
                .iter()
                .all(|&r| ledgers.entries[r].channels.contains(&Channel::Forum))
        );
    }

    #[test]
    fn the_rows_sort_by_the_heading_chosen_and_then_by_unit() {
        let (_, ledgers) = ledgers();
        let by_raw = rows(
            &ledgers,
            &Pick {
                sort: ListSort::descending(7),
                ..Pick::default()
            },
        );
        let raw: Vec<u32> = by_raw.iter().map(|&r| ledgers.entries[r].raw).collect();
        assert!(raw.windows(2).all(|w| w[0] >= w[1]), "{raw:?}");
        let by_unit = rows(&ledgers, &Pick::default());
        let keys: Vec<(usize, usize)> = by_unit
            .iter()
            .map(|&r| (ledgers.entries[r].unit, ledgers.entries[r].number))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    }

    /// Two branches' exports with records, rolled up.
    fn rolled_up(dir: &Path) -> (RollUp, Vec<PathBuf>) {
        let today = crate::model::Date::constant(2006, 3, 10);
        let options = crate::report::ExportOptions {
            include_records: true,
            include_personal: false,
        };
        let paths: Vec<PathBuf> = (0..2u8)
            .map(|n| {
                let mut ledger = crate::demo::demo_ledger(8 + 4 * usize::from(n), today);
                ledger.branch.name = format!("第{n}支部");
                let figures = crate::progress::figures(&ledger, today);
                let key = crate::report::signature::SigningKey::from_bytes(&[n + 1; 32]);
                let folder = dir.join(n.to_string());
                std::fs::create_dir_all(&folder).unwrap();
                crate::report::export_file::write(&folder, &ledger, &figures, options, today.at(9, 0, 0, 0), &key)
                    .unwrap()
            })
            .collect();
        (crate::report::county::roll_up(&paths, |_| {}), paths)
    }

    #[test]
    fn the_ledger_is_read_on_asking_and_then_listed() {
        use egui_kittest::Harness;
        use egui_kittest::kittest::Queryable;
        let dir = tempfile::tempdir().unwrap();
        let (rollup, _) = rolled_up(dir.path());
        let mut harness = Harness::builder()
            .with_size([1200.0, 800.0])
            .with_context_setup(crate::ui::fonts::install)
            .build_ui_state(
                |ui, (rollup, state): &mut (RollUp, CountyOpinionsState)| {
                    county_extras_ui(ui, rollup, state, None);
                },
                (rollup, CountyOpinionsState::default()),
            );
        harness.run_steps(2);
        harness.get_by_label(LEDGER).click();
        harness.run_steps(2);
        harness.get_by_label(READ).click();
        harness.run_steps(2);
        harness.state_mut().1.wait();
        harness.run_steps(3);
        let (rollup, state) = harness.state();
        let ledgers = state.ledgers(rollup).expect("read");
        assert_eq!(ledgers.units.len(), 2);
        let first = &ledgers.entries[0];
        let words = short(&first.content, 60);
        harness
            .get_all_by_label(&words)
            .next()
            .expect("the first opinion listed");
        let unit = harness.get_all_by_label("第0支部").count();
        assert!(unit > 0);
    }

    #[test]
    fn the_report_is_written_where_asked_but_never_over_a_file_rolled_up() {
        let dir = tempfile::tempdir().unwrap();
        let (rollup, paths) = rolled_up(dir.path());
        let mut state = CountyOpinionsState::default();
        let today = crate::model::Date::constant(2006, 3, 12);
        let path = dir.path().join("报告.pdf");
        state.save_report(&rollup, &path, None, today);
        assert_eq!(state.report.as_deref(), Some(path.as_path()), "{:?}", state.message);
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));
        state.save_report(&rollup, &paths[0], None, today);
        assert!(state.report.is_none());
        assert!(state.message.as_ref().is_some_and(|(_, error)| *error));
    }

    #[test]
    fn a_long_text_is_cut_with_an_ellipsis() {
        assert_eq!(short("一二三四五", 3), "一二三…");
        assert_eq!(short("一二\n三", 5), "一二 三");
    }
}
