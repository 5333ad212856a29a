//! The opinion ledgers of the county (意见总账 and 意见分账), built from
//! the branches' exports that carry their records: every distinct opinion
//! of every unit (梳理后的意见) with where it came from (渠道, 来源), the
//! unit, and whether it was fed back and signed for; every raw opinion of
//! every unit as solicited; and the counts per unit and in total
//! ("征求 X 条，梳理为 Y 条", by channel and by source).
//!
//! The counts use the branch side's definitions ([`crate::progress::figures`]):
//! 征求 is every raw opinion, 梳理为 every distinct opinion, by channel
//! over the raw ones; so the county's figures equal what each branch
//! reported.
//!
//! The names of those who gave opinions ([`Opinion::source_name`]) are
//! kept only for a branch that exported its personal data
//! ([`Unit::personal`], the export header's `includes_personal`); for
//! every other branch the ledgers have no name at all, as the branch's
//! own workbook has no 联系电话 without it ([`crate::report::privacy`]).
//! The texts themselves come as the branch exported them, numbers masked
//! unless it chose otherwise.
//!
//! In the workbook the 总账 and the 分账 are each one sheet with a filter
//! on every column rather than one sheet per unit: a county has hundreds
//! of branches (a workbook of 500 tabs cannot be searched), and a clerk
//! in Excel or WPS picks a 支部, a 渠道 or a 状态 from the filter's list
//! and sees that unit's 分账 at once, or sorts the whole county by it.

use rust_xlsxwriter::{Workbook, XlsxError};

use super::RollUp;
use crate::model::opinion::{Aspect, Channel, Issue, Source};
use crate::model::{Date, IssueId, Ledger};
use crate::report::sheet::{Table, Value, write_table};

/// One unit's records as the roll-up has them.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// 支部名称, as in the county table.
    pub branch: &'a str,
    /// 上级党委.
    pub superior: &'a str,
    /// The records the branch exported.
    pub records: &'a Ledger,
    /// Whether the branch exported personal data: only then are the givers'
    /// names kept.
    pub personal: bool,
}

/// Where a distinct opinion stands: 未反馈, 已反馈未签收 or 已签收.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    NotFedBack,
    FedBack,
    Signed,
}

impl Status {
    /// Every value, in the order a filter lists them.
    pub const ALL: [Status; 3] = [Status::NotFedBack, Status::FedBack, Status::Signed];

    /// The word the view, the workbook and the report use.
    pub const fn label(self) -> &'static str {
        match self {
            Status::NotFedBack => "未反馈",
            Status::FedBack => "已反馈未签收",
            Status::Signed => "已签收",
        }
    }

    /// The status of `issue`: signed for counts as fed back even where the
    /// day of feedback was left empty.
    pub fn of(issue: &Issue) -> Self {
        match (issue.fed_back, issue.signed) {
            (_, Some(_)) => Status::Signed,
            (Some(_), None) => Status::FedBack,
            (None, None) => Status::NotFedBack,
        }
    }
}

/// One row of the 总账: a distinct opinion of one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The unit, an index into [`OpinionLedgers::units`].
    pub unit: usize,
    /// Its number within the unit's 分账, from 1.
    pub number: usize,
    /// Whom it is about: 支部, 支部委员会 or the member's name.
    pub about: String,
    pub aspect: Aspect,
    pub content: String,
    /// The channels of the raw opinions merged into it, in [`Channel::ALL`] order.
    pub channels: Vec<Channel>,
    /// Their sources, in [`Source::ALL`] order.
    pub sources: Vec<Source>,
    /// How many raw opinions were merged into it.
    pub raw: u32,
    /// The givers' names, only for a unit that exported personal data.
    pub givers: Vec<String>,
    pub fed_back: Option<Date>,
    pub signed: Option<Date>,
    pub status: Status,
}

impl Entry {
    /// The channels in words (座谈会、走访), or 未注明 when no raw opinion
    /// was merged into it.
    pub fn channels_text(&self) -> String {
        joined(self.channels.iter().map(|c| c.label()))
    }

    /// The sources in words (群众、党员).
    pub fn sources_text(&self) -> String {
        joined(self.sources.iter().map(|s| s.label()))
    }
}

fn joined<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let words: Vec<&str> = words.collect();
    if words.is_empty() {
        "未注明".to_owned()
    } else {
        words.join("、")
    }
}

/// One row of the 分账: a raw opinion as a unit solicited it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawEntry {
    pub unit: usize,
    pub date: Date,
    pub channel: Channel,
    pub source: Source,
    /// The giver's name, only for a unit that exported personal data.
    pub giver: String,
    pub about: String,
    pub aspect: Aspect,
    pub content: String,
    /// The [`Entry::number`] of the distinct opinion it was merged into.
    pub merged_into: Option<usize>,
}

/// The counts of one unit, or of all ([`OpinionLedgers::total`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Counts {
    /// 支部名称 (合计 for the total).
    pub branch: String,
    pub superior: String,
    /// Raw opinions solicited (征求).
    pub raw: u32,
    /// Distinct opinions (梳理为).
    pub merged: u32,
    /// Raw opinions not yet merged into a distinct one.
    pub unmerged: u32,
    /// Raw opinions by channel, in [`Channel::ALL`] order.
    pub by_channel: [u32; 7],
    /// Raw opinions by source, in [`Source::ALL`] order.
    pub by_source: [u32; 4],
    /// Distinct opinions by status, in [`Status::ALL`] order.
    pub by_status: [u32; 3],
    /// Whether the givers' names are in the ledgers (for the total: of
    /// every unit).
    pub personal: bool,
}

impl Counts {
    /// "征求 X 条，梳理为 Y 条", with the unmerged ones when there are.
    pub fn sentence(&self) -> String {
        let mut words = format!("征求 {} 条，梳理为 {} 条", self.raw, self.merged);
        if self.unmerged > 0 {
            words.push_str(&format!("（{} 条尚未梳理）", self.unmerged));
        }
        words
    }

    /// Distinct opinions fed back, signed for or not.
    pub fn fed_back(&self) -> u32 {
        self.by_status[1] + self.by_status[2]
    }

    /// Distinct opinions signed for.
    pub fn signed(&self) -> u32 {
        self.by_status[2]
    }

    fn add(&mut self, other: &Counts) {
        self.raw += other.raw;
        self.merged += other.merged;
        self.unmerged += other.unmerged;
        for (a, b) in self.by_channel.iter_mut().zip(other.by_channel) {
            *a += b;
        }
        for (a, b) in self.by_source.iter_mut().zip(other.by_source) {
            *a += b;
        }
        for (a, b) in self.by_status.iter_mut().zip(other.by_status) {
            *a += b;
        }
    }
}

/// The county's three sheets of opinions.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OpinionLedgers {
    /// Each unit with records, in the order given (the county table's).
    pub units: Vec<Counts>,
    /// The 总账: every distinct opinion, unit by unit.
    pub entries: Vec<Entry>,
    /// The 分账 rows: every raw opinion, unit by unit.
    pub raw: Vec<RawEntry>,
}

fn position<T: PartialEq>(all: &[T], value: T) -> usize {
    all.iter().position(|v| *v == value).unwrap_or(all.len() - 1)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl OpinionLedgers {
    /// The ledgers of `units`.
    pub fn of(units: &[Unit<'_>]) -> Self {
        let mut ledgers = Self::default();
        for unit in units {
            ledgers.add_unit(unit);
        }
        ledgers
    }

    /// The ledgers of the rows of `rollup` whose branch sent its records.
    /// The givers' names are kept for the rows `personal` says exported
    /// personal data.
    pub fn of_rollup(rollup: &RollUp, personal: impl Fn(usize) -> bool) -> Self {
        let units: Vec<Unit<'_>> = rollup
            .rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                Some(Unit {
                    branch: &row.branch,
                    superior: &row.superior,
                    records: rollup.records(i)?,
                    personal: personal(i),
                })
            })
            .collect();
        Self::of(&units)
    }

    /// The ledgers of the rows of `rollup`, reading each branch's records
    /// from its export file ([`light`]: only the names and the opinions,
    /// on every core), or, for a row of a roll-up file, taking those the
    /// roll-up read with it ([`RollUp::records`]; their givers' names are
    /// left out, as the roll-up file does not say whether the branch
    /// exported personal data). The givers' names are kept where the branch's export
    /// says it carries personal data. A row whose file no longer reads, or
    /// is not the file the roll-up used, is left out with why; a branch
    /// that sent no records is left out in silence (the county table says
    /// how many units there are).
    pub fn read(rollup: &RollUp) -> (Self, Vec<String>) {
        let read = read_all(rollup);
        let mut problems = Vec::new();
        let mut units = Vec::with_capacity(read.len());
        for (i, got) in read.iter().enumerate() {
            let Some(row) = rollup.rows.get(i) else { continue };
            let (records, personal) = match got {
                Got::Light(Ok(Some(light))) => (&light.records, light.header.includes_personal),
                Got::Light(Ok(None)) | Got::Nothing => continue,
                Got::Light(Err(why)) => {
                    problems.push(why.clone());
                    continue;
                }
                Got::Changed => {
                    problems.push(format!(
                        "{} 的导出文件在汇总之后被替换或改动，其意见未列入，请重新汇总（{}）",
                        row.branch,
                        row.path.display()
                    ));
                    continue;
                }
                Got::InRollUp => match rollup.records(i) {
                    Some(records) => (records, false),
                    None => continue,
                },
            };
            units.push(Unit {
                branch: &row.branch,
                superior: &row.superior,
                records,
                personal,
            });
        }
        (Self::of(&units), problems)
    }

    fn add_unit(&mut self, unit: &Unit<'_>) {
        let at = self.units.len();
        let records = &unit.records.opinions;
        let names = unit.records.member_names();
        let numbers: std::collections::HashMap<IssueId, usize> = records
            .issues
            .iter()
            .enumerate()
            .rev()
            .map(|(n, i)| (i.id, n + 1))
            .collect();
        let mut counts = Counts {
            branch: unit.branch.to_owned(),
            superior: unit.superior.to_owned(),
            raw: count(records.opinions.len()),
            merged: count(records.issues.len()),
            personal: unit.personal,
            ..Counts::default()
        };
        let first = self.entries.len();
        for (n, issue) in records.issues.iter().enumerate() {
            let status = Status::of(issue);
            counts.by_status[position(&Status::ALL, status)] += 1;
            self.entries.push(Entry {
                unit: at,
                number: n + 1,
                about: issue.about.label_in(&names).to_owned(),
                aspect: issue.aspect,
                content: issue.content.clone(),
                channels: Vec::new(),
                sources: Vec::new(),
                raw: 0,
                givers: Vec::new(),
                fed_back: issue.fed_back,
                signed: issue.signed,
                status,
            });
        }
        for o in &records.opinions {
            counts.by_channel[position(&Channel::ALL, o.channel)] += 1;
            counts.by_source[position(&Source::ALL, o.source)] += 1;
            let giver = if unit.personal {
                o.source_name.trim().to_owned()
            } else {
                String::new()
            };
            let merged_into = o.issue.and_then(|id| numbers.get(&id).copied());
            match merged_into.and_then(|n| self.entries.get_mut(first + n - 1)) {
                Some(entry) => {
                    entry.raw += 1;
                    if !entry.channels.contains(&o.channel) {
                        entry.channels.push(o.channel);
                    }
                    if !entry.sources.contains(&o.source) {
                        entry.sources.push(o.source);
                    }
                    if !giver.is_empty() && !entry.givers.contains(&giver) {
                        entry.givers.push(giver.clone());
                    }
                }
                None => counts.unmerged += 1,
            }
            self.raw.push(RawEntry {
                unit: at,
                date: o.date,
                channel: o.channel,
                source: o.source,
                giver,
                about: o.about.label_in(&names).to_owned(),
                aspect: o.aspect,
                content: o.content.clone(),
                merged_into,
            });
        }
        for entry in &mut self.entries[first..] {
            entry.channels.sort_by_key(|&c| position(&Channel::ALL, c));
            entry.sources.sort_by_key(|&s| position(&Source::ALL, s));
        }
        self.units.push(counts);
    }

    /// The counts of every unit added up.
    pub fn total(&self) -> Counts {
        let mut total = Counts {
            branch: format!("合计（{} 个支部）", self.units.len()),
            personal: self.units.iter().all(|u| u.personal),
            ..Counts::default()
        };
        for unit in &self.units {
            total.add(unit);
        }
        total
    }

    /// Whether any unit's givers' names are in the ledgers.
    pub fn any_personal(&self) -> bool {
        self.units.iter().any(|u| u.personal)
    }

    fn unit(&self, at: usize) -> (&str, &str) {
        self.units
            .get(at)
            .map_or(("", ""), |u| (u.superior.as_str(), u.branch.as_str()))
    }

    /// The 意见总账 sheet: one row per distinct opinion.
    pub fn general_table(&self) -> Table {
        let mut header = vec![
            "上级党委",
            "支部",
            "序号",
            "针对",
            "方面",
            "梳理后的意见",
            "征求渠道",
            "意见来源",
            "原始意见条数",
        ];
        let personal = self.any_personal();
        if personal {
            header.push("提出人");
        }
        header.extend(["反馈日期", "签收日期", "状态"]);
        let mut table = Table::new(&header);
        table.frozen_columns = 2;
        for e in &self.entries {
            let (superior, branch) = self.unit(e.unit);
            let mut row: Vec<Value> = vec![
                superior.into(),
                branch.into(),
                count(e.number).into(),
                e.about.as_str().into(),
                e.aspect.label().into(),
                e.content.as_str().into(),
                e.channels_text().into(),
                e.sources_text().into(),
                e.raw.into(),
            ];
            if personal {
                row.push(e.givers.join("、").into());
            }
            row.extend([e.fed_back.into(), e.signed.into(), e.status.label().into()]);
            if e.status == Status::NotFedBack {
                table.highlighted.push(table.rows.len());
            }
            table.push_record(format!("{branch} 第 {} 条意见", e.number), row);
        }
        table
    }

    /// The 意见分账 sheet: every raw opinion, unit by unit, with the
    /// distinct opinion it became.
    pub fn sub_table(&self) -> Table {
        let mut header = vec!["上级党委", "支部", "日期", "征求渠道", "意见来源"];
        let personal = self.any_personal();
        if personal {
            header.push("提出人");
        }
        header.extend(["针对", "方面", "意见内容", "梳理为第几条"]);
        let mut table = Table::new(&header);
        table.frozen_columns = 2;
        for r in &self.raw {
            let (superior, branch) = self.unit(r.unit);
            let mut row: Vec<Value> = vec![
                superior.into(),
                branch.into(),
                Value::Date(r.date),
                r.channel.label().into(),
                r.source.label().into(),
            ];
            if personal {
                row.push(r.giver.as_str().into());
            }
            row.extend([
                r.about.as_str().into(),
                r.aspect.label().into(),
                r.content.as_str().into(),
                r.merged_into.map_or(Value::from("未梳理"), |n| count(n).into()),
            ]);
            table.push_record(format!("{branch} {} 的意见", crate::model::dates::show(r.date)), row);
        }
        table
    }

    /// The 意见统计 sheet: per unit and in total, "征求 X 条，梳理为 Y 条",
    /// by channel, by source and by status.
    pub fn counts_table(&self) -> Table {
        let mut header = vec!["上级党委", "支部", "征求意见", "梳理为", "未梳理"];
        header.extend(Channel::ALL.iter().map(|c| c.label()));
        let sources: Vec<String> = Source::ALL.iter().map(|s| format!("来自{}", s.label())).collect();
        header.extend(sources.iter().map(String::as_str));
        header.extend(Status::ALL.iter().map(|s| s.label()));
        header.extend(["征求与梳理", "提出人姓名"]);
        let mut table = Table::new(&header);
        table.frozen_columns = 2;
        let row = |c: &Counts, names: &str| -> Vec<Value> {
            let mut row: Vec<Value> = vec![
                c.superior.as_str().into(),
                c.branch.as_str().into(),
                c.raw.into(),
                c.merged.into(),
                c.unmerged.into(),
            ];
            row.extend(c.by_channel.iter().map(|&n| Value::from(n)));
            row.extend(c.by_source.iter().map(|&n| Value::from(n)));
            row.extend(c.by_status.iter().map(|&n| Value::from(n)));
            row.extend([c.sentence().into(), names.into()]);
            row
        };
        for unit in &self.units {
            let names = if unit.personal { "随导出" } else { "未导出" };
            if unit.by_status[0] > 0 {
                table.highlighted.push(table.rows.len());
            }
            table.push(row(unit, names));
        }
        table.bold.push(table.rows.len());
        table.push(row(&self.total(), ""));
        table
    }

    /// Adds the sheets 意见总账, 意见分账 and 意见统计 to `book`, each with a
    /// filter on its header row.
    pub fn write_sheets(&self, book: &mut Workbook) -> Result<(), XlsxError> {
        for (name, table) in [
            ("意见总账", self.general_table()),
            ("意见分账", self.sub_table()),
            ("意见统计", self.counts_table()),
        ] {
            let sheet = book.add_worksheet();
            write_table(sheet, name, &table)?;
            let last_col = u16::try_from(table.header.len().saturating_sub(1)).unwrap_or(u16::MAX);
            let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
            sheet.autofilter(0, 0, last_row, last_col)?;
        }
        Ok(())
    }
}

/// What was read for one row.
enum Got {
    /// Its export file, read light.
    Light(Result<Option<Box<light::Light>>, String>),
    /// The export file read is not the one the roll-up used.
    Changed,
    /// The records came with the roll-up (a row of a roll-up file).
    InRollUp,
    /// Nothing to read.
    Nothing,
}

/// Reads the records of every row of `rollup`, on every core (up to 8
/// threads), in the order of the rows.
fn read_all(rollup: &RollUp) -> Vec<Got> {
    let read_row = |i: usize| -> Got {
        let Some(row) = rollup.rows.get(i) else {
            return Got::Nothing;
        };
        if super::rollup_file::is_rollup(&row.path) {
            return Got::InRollUp;
        }
        match light::read(&row.path) {
            Ok(Some(l)) if l.header.branch != row.branch || l.header.generated_at != row.generated_at => Got::Changed,
            other => Got::Light(other.map(|l| l.map(Box::new))),
        }
    };
    let rows: Vec<usize> = (0..rollup.rows.len()).collect();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = rows.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks(chunk)
            .map(|c| (c, scope.spawn(|| c.iter().map(|&i| read_row(i)).collect::<Vec<_>>())))
            .collect();
        handles
            .into_iter()
            .flat_map(|(c, h)| {
                // A reader that failed never drops its rows: each says so.
                h.join().unwrap_or_else(|_| {
                    c.iter()
                        .map(|&i| {
                            let path = rollup.rows.get(i).map(|r| r.path.display().to_string());
                            Got::Light(Err(format!("读取台账记录时程序出错（{}）", path.unwrap_or_default())))
                        })
                        .collect()
                })
            })
            .collect()
    })
}

pub mod light;
#[cfg(test)]
mod tests;
