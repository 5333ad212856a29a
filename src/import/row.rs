//! One data row of the sheet turned into a [`Member`].
//!
//! Problems are of two kinds. An *error* (no name, or a name that is no
//! name) means the row is not imported. Everything else is a *warning*: a
//! guess the program made, a gap, or a value that cannot be read (a date or
//! 身份证号 that makes no sense, a phone with letters) — that field is left
//! empty and the warning names the column and the value, so that one bad
//! cell never drops the member.
//! Excel's habits are undone here: numbers stored as floats, dates stored
//! as day serials or as 2005.03 numbers, names padded with spaces ("张  三").
//! A year-month birth date (1956.03) takes its day from the 身份证号 when
//! the two agree on year and month. A character a GBK save lost ("?秀英")
//! is imported as it is, with a warning: only the secretary knows the name.

use super::Cell;
use super::header::ImportField;
use super::values::{category_of, flag_of, gender_of, half_width, lost_character, month_only, read_date};
use crate::model::Date;
use crate::model::dates::{date_from_parts, show};
use crate::model::member::{Category, FlowDirection, Gender, Member, MemberStatus, Transfer};
use crate::model::validate::check_id_number;

/// What a 身份证号 stored as a number gets, after the column and the value.
const LOST_DIGITS: &str = "被 Excel 存成了数字，后几位已丢失，已留空；请把该列设为文本后重新导入";

/// A column of the sheet that maps to a field.
#[derive(Debug, Clone, Copy)]
pub struct Column<'a> {
    pub index: usize,
    /// The header as written in the sheet (blanks removed), for messages.
    pub header: &'a str,
    pub field: ImportField,
}

/// What came of one row before the model's own checks.
#[derive(Debug, Default)]
pub struct RowResult {
    pub member: Member,
    pub warnings: Vec<String>,
    /// Reasons the row cannot be imported; empty when it can.
    pub errors: Vec<String>,
    /// The fields the row gave a value for (read or derived from the
    /// 身份证号): what a re-import may change in a member already there.
    pub given: Vec<ImportField>,
}

/// Reads the mapped cells of one row.
pub fn read_row(cells: &[Cell], columns: &[Column], today: Date) -> RowResult {
    let mut r = RowReader {
        cells,
        columns,
        out: RowResult::default(),
    };
    let name = r.text(ImportField::Name);
    let name = if name.chars().any(|c| c.is_ascii_alphabetic()) {
        name.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        name.chars().filter(|c| !c.is_whitespace()).collect()
    };
    r.lost_character(ImportField::Name, &name);
    if name.is_empty() {
        r.out.errors.push("没有填写姓名".to_owned());
    } else if name.chars().any(|c| c.is_ascii_digit() || matches!(c, ':' | '：')) {
        r.out.errors.push(format!("姓名“{name}”不像人名"));
    }
    let mut m = Member {
        name,
        ..Member::default()
    };
    let gender_text = r.text(ImportField::Gender);
    let gender = gender_of(&gender_text);
    if gender.is_none() && !gender_text.is_empty() {
        r.warn(ImportField::Gender, &gender_text, "无法识别");
    }
    let flags = [ImportField::LeadingCadre, ImportField::Committee, ImportField::Hardship];
    let given_flags: Vec<ImportField> = flags.into_iter().filter(|f| r.cell(*f).is_some()).collect();
    let ethnicity = r.text(ImportField::Ethnicity);
    let ethnicity_given = !ethnicity.is_empty();
    if ethnicity_given {
        m.ethnicity = if ethnicity.ends_with('族') {
            ethnicity
        } else {
            format!("{ethnicity}族")
        };
    }
    m.birth = r.date(ImportField::Birth);
    let birth_month_only = m.birth.is_some() && r.cell(ImportField::Birth).is_some_and(|(_, c)| month_only(c));
    m.joined = r.date(ImportField::Joined);
    m.probation_due = r.date(ImportField::ProbationDue);
    m.education = r.text(ImportField::Education);
    m.position = r.text(ImportField::Position);
    m.notes = r.text(ImportField::Notes);
    for (field, text) in [
        (ImportField::Ethnicity, &m.ethnicity),
        (ImportField::Education, &m.education),
        (ImportField::Position, &m.position),
        (ImportField::Notes, &m.notes),
    ] {
        r.lost_character(field, text);
    }
    r.transfer_in(&mut m);
    m.leading_cadre = r.flag(ImportField::LeadingCadre);
    m.committee = r.flag(ImportField::Committee);
    m.hardship = r.flag(ImportField::Hardship);
    r.phone(&mut m);
    let id_gender = r.id_number(&mut m, gender, birth_month_only);
    let (status_word, direction_given) = r.category(&mut m);
    r.lost_character(ImportField::Whereabouts, &m.mobile.whereabouts);
    r.lost_character(ImportField::MobileContact, &m.mobile.contact);
    let status_given = r.status(&mut m, status_word, today);
    let mut given = given_flags;
    let filled = [
        (ImportField::Name, !m.name.is_empty()),
        (ImportField::Gender, gender.is_some() || id_gender),
        (ImportField::Ethnicity, ethnicity_given),
        (ImportField::Birth, m.birth.is_some()),
        (ImportField::Joined, m.joined.is_some()),
        (ImportField::Status, status_given),
        (ImportField::ProbationDue, m.probation_due.is_some()),
        (ImportField::Education, !m.education.is_empty()),
        (ImportField::Position, !m.position.is_empty()),
        (ImportField::Phone, !m.phone.is_empty()),
        (ImportField::IdNumber, !m.id_number.is_empty()),
        (ImportField::Category, m.category.is_some()),
        (ImportField::FlowDirection, direction_given),
        (ImportField::Whereabouts, !m.mobile.whereabouts.is_empty()),
        (ImportField::MobileContact, !m.mobile.contact.is_empty()),
        (ImportField::TransferInDate, m.transfer_in.is_some()),
        (
            ImportField::TransferFrom,
            m.transfer_in.as_ref().is_some_and(|t| !t.other_branch.is_empty()),
        ),
        (ImportField::Notes, !m.notes.is_empty()),
    ];
    given.extend(filled.into_iter().filter(|(_, yes)| *yes).map(|(f, _)| f));
    r.out.given = given;
    r.out.member = m;
    r.out
}

/// The way a 流动方向 cell names: 流出 (also 外出), 流入 (also 来自).
fn direction_of(text: &str) -> Option<FlowDirection> {
    FlowDirection::from_label(text)
}

/// The status a 党员类别 word names: 正式党员, 预备党员 (also 正式, 预备).
fn status_of(label: &str) -> Option<MemberStatus> {
    MemberStatus::from_label(label)
}

struct RowReader<'a> {
    cells: &'a [Cell],
    columns: &'a [Column<'a>],
    out: RowResult,
}

impl RowReader<'_> {
    /// The non-empty cells of a field's columns, with their headers.
    fn cells(&self, field: ImportField) -> impl Iterator<Item = (&str, &Cell)> {
        self.columns.iter().filter(move |c| c.field == field).filter_map(|c| {
            self.cells
                .get(c.index)
                .filter(|cell| !cell.is_empty())
                .map(|cell| (c.header, cell))
        })
    }

    /// The first filled cell of a field.
    fn cell(&self, field: ImportField) -> Option<(&str, &Cell)> {
        self.cells(field).next()
    }

    /// A field's text; several columns of 工作单位/职务 or 备注 are joined.
    fn text(&self, field: ImportField) -> String {
        let mut texts = self.cells(field).map(|(_, cell)| cell.to_string());
        if field.joins_columns() {
            let separator = if field == ImportField::Notes { "；" } else { " " };
            texts.collect::<Vec<_>>().join(separator)
        } else {
            texts.next().unwrap_or_default()
        }
    }

    fn header(&self, field: ImportField) -> &str {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map_or(field.label(), |c| c.header)
    }

    fn warn(&mut self, field: ImportField, value: &str, what: &str) {
        let message = format!("{}“{value}”{what}", self.header(field));
        self.out.warnings.push(message);
    }

    /// Warns when `text` of `field` has a character the file lost (see
    /// [`lost_character`]); in 备注 a '?' is taken as meant ("是否?").
    fn lost_character(&mut self, field: ImportField, text: &str) {
        let Some(lost) = lost_character(text, field == ImportField::Name) else {
            return;
        };
        if field == ImportField::Notes && lost == '?' {
            return;
        }
        let why = if lost == '?' {
            "可能是另存为 CSV 时丢失的生僻字"
        } else {
            "可能是文件的文字编码有损坏"
        };
        let message = format!("{}中有无法识别的字符“{text}”，{why}，请核对", self.header(field));
        self.out.warnings.push(message);
    }

    fn date(&mut self, field: ImportField) -> Option<Date> {
        let (header, cell) = self.cell(field)?;
        match read_date(cell) {
            Ok((date, ambiguous)) => {
                if ambiguous {
                    let message = format!(
                        "{header}“{cell}”按 {} 导入；若是 10 月，请在表中写成文本“{}.10”",
                        show(date),
                        date.year()
                    );
                    self.out.warnings.push(message);
                }
                Some(date)
            }
            Err(()) => {
                let message = format!("{header}“{cell}”无法识别，已留空");
                self.out.warnings.push(message);
                None
            }
        }
    }

    fn flag(&mut self, field: ImportField) -> bool {
        let Some((_, cell)) = self.cell(field) else {
            return false;
        };
        if let Some(flag) = flag_of(cell) {
            return flag;
        }
        let text = cell.to_string();
        self.warn(field, &text, "按“是”导入");
        true
    }

    /// 电话: digits, with - or spaces. Several numbers ("138…/0371-…") keep
    /// the first and move the others to 备注.
    fn phone(&mut self, m: &mut Member) {
        let Some((header, cell)) = self.cell(ImportField::Phone) else {
            return;
        };
        let header = header.to_owned();
        let text = half_width(&cell.to_string());
        let mut numbers = text
            .split(['/', '、', '，', ',', ';', '；', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let first = numbers.next().unwrap_or_default().to_owned();
        let others: Vec<&str> = numbers.collect();
        for number in std::iter::once(first.as_str()).chain(others.iter().copied()) {
            if !number.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
                self.out
                    .warnings
                    .push(format!("{header}“{text}”含有数字以外的字符，已留空"));
                return;
            }
            if number.chars().filter(char::is_ascii_digit).count() < 7 {
                self.out.warnings.push(format!("{header}“{text}”位数太少，已留空"));
                return;
            }
        }
        m.phone = first;
        if !others.is_empty() {
            let others = others.join("、");
            self.out
                .warnings
                .push(format!("{header}有多个号码，第一个记为电话，其余“{others}”记入备注"));
            let extra = format!("其他电话：{others}");
            m.notes = if m.notes.is_empty() {
                extra
            } else {
                format!("{}；{extra}", m.notes)
            };
        }
    }

    /// 身份证号, checked; it also fills 性别 and 出生日期 when they are empty,
    /// gives a year-month birth date (`birth_month_only`) its day, and warns
    /// when they disagree with it. True when the gender came from it.
    fn id_number(&mut self, m: &mut Member, gender: Option<Gender>, birth_month_only: bool) -> bool {
        let from_sheet = self.cell(ImportField::IdNumber).map(|(h, c)| (h.to_owned(), c.clone()));
        let id = match from_sheet {
            None => None,
            Some((header, Cell::Number(n))) if n.abs() >= 1e15 => {
                let message = format!("{header}“{}”{LOST_DIGITS}", Cell::Number(n));
                self.out.warnings.push(message);
                None
            }
            Some((header, cell)) => {
                let text: String = half_width(&cell.to_string())
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let text = text.to_ascii_uppercase();
                let scientific = text.contains("E+") && text.chars().all(|c| c.is_ascii_digit() || "E+.".contains(c));
                if scientific {
                    self.out.warnings.push(format!("{header}“{text}”{LOST_DIGITS}"));
                    None
                } else if let Err(problem) = check_id_number(&text) {
                    let problem = problem.trim_start_matches("身份证号");
                    let problem = problem.strip_suffix("，请核对").unwrap_or(problem);
                    self.out
                        .warnings
                        .push(format!("{header}“{text}”{problem}，已留空，请核对"));
                    None
                } else {
                    m.id_number = text.clone();
                    Some(text)
                }
            }
        };
        let id_gender = id
            .as_deref()
            .and_then(|t| t[16..17].parse::<u32>().ok())
            .map(|d| if d % 2 == 1 { Gender::Male } else { Gender::Female });
        let id_birth = id.as_deref().and_then(|t| {
            let part = |range: std::ops::Range<usize>| t[range].parse::<i32>().ok();
            date_from_parts(part(6..10)?, part(10..12)?, part(12..14)?)
        });
        match (gender, id_gender) {
            (Some(g), Some(from_id)) if g != from_id => {
                self.out
                    .warnings
                    .push(format!("性别“{}”与身份证号不符，请核对", g.label()));
            }
            (None, Some(from_id)) => m.gender = from_id,
            (None, None) => self.out.warnings.push("未填写性别，暂按“男”导入，请核对".to_owned()),
            _ => {}
        }
        let gender_from_id = gender.is_none() && id_gender.is_some();
        if let Some(g) = gender {
            m.gender = g;
        }
        match (m.birth, id_birth) {
            (Some(b), Some(i)) if (b.year(), b.month()) != (i.year(), i.month()) => {
                let sheet = if birth_month_only {
                    format!("{}-{:02}", b.year(), b.month())
                } else {
                    show(b)
                };
                self.out
                    .warnings
                    .push(format!("出生日期 {sheet} 与身份证号中的 {} 不符，请核对", show(i)));
            }
            (Some(_), Some(i)) if birth_month_only => m.birth = Some(i),
            (None, Some(i)) => m.birth = Some(i),
            _ => {}
        }
        gender_from_id
    }

    /// 党员类别 and, for a mobile member, where they are. Many templates
    /// put 正式党员 / 预备党员 in this column: that is the status, returned
    /// with whether a 流动方向 column said which way the member went. Without
    /// one, 流入 in the category or a whereabouts beginning 流入 or 来自 is
    /// an in-flowing member.
    fn category(&mut self, m: &mut Member) -> (Option<MemberStatus>, bool) {
        let text = self.text(ImportField::Category);
        let (statuses, labels): (Vec<&str>, Vec<&str>) = text
            .split(['、', ',', '，', '/', ';', '；', ' '])
            .filter(|s| !s.is_empty())
            .partition(|l| status_of(l).is_some());
        let status = statuses.first().and_then(|l| status_of(l));
        let found: Vec<Category> = labels.iter().filter_map(|l| category_of(l)).collect();
        m.category = found.first().copied();
        if found.len() > 1 {
            self.warn(
                ImportField::Category,
                &text,
                &format!("只能记一个类别，已记为“{}”", found[0].label()),
            );
        } else if found.is_empty() && !labels.is_empty() {
            self.warn(ImportField::Category, &labels.join("、"), "无法识别，已留空");
        }
        m.mobile.whereabouts = self.text(ImportField::Whereabouts);
        m.mobile.contact = self.text(ImportField::MobileContact);
        if m.category.is_none() && !m.mobile.whereabouts.is_empty() {
            m.category = Some(Category::Mobile);
            self.out.warnings.push("填写了流动去向，已按流动党员导入".to_owned());
        }
        let direction = self.text(ImportField::FlowDirection);
        let direction_given = match direction_of(&direction) {
            Some(d) => {
                m.mobile.direction = d;
                true
            }
            None => {
                if !direction.is_empty() {
                    self.warn(ImportField::FlowDirection, &direction, "无法识别，按“流出”导入");
                }
                false
            }
        };
        let inflow = text.contains("流入")
            || m.mobile.whereabouts.starts_with("流入")
            || m.mobile.whereabouts.starts_with("来自");
        if !direction_given && inflow {
            m.mobile.direction = FlowDirection::Inflow;
        }
        if m.is_mobile() && m.mobile.contact.is_empty() {
            m.mobile.contact = m.phone.clone();
        }
        (status, direction_given)
    }

    /// 转入日期 and 转自. The branch they came from without a date cannot be
    /// a transfer (the model dates it): it goes to 备注, and is said.
    fn transfer_in(&mut self, m: &mut Member) {
        let date = self.date(ImportField::TransferInDate);
        let from = self.text(ImportField::TransferFrom);
        self.lost_character(ImportField::TransferFrom, &from);
        match date {
            Some(date) => {
                m.transfer_in = Some(Transfer {
                    date,
                    other_branch: from,
                });
            }
            None if !from.is_empty() => {
                self.warn(ImportField::TransferFrom, &from, "没有转入日期，已记入备注");
                let extra = format!("{}：{from}", self.header(ImportField::TransferFrom));
                m.notes = if m.notes.is_empty() {
                    extra
                } else {
                    format!("{}；{extra}", m.notes)
                };
            }
            None => {}
        }
    }

    /// 正式/预备, from its own column or from the word found in 党员类别
    /// (`from_category`). A probationary member without a due date gets
    /// joined + 1 year, which the model requires. True when the row says
    /// which (or the due date implies it).
    fn status(&mut self, m: &mut Member, from_category: Option<MemberStatus>, today: Date) -> bool {
        let text = self.text(ImportField::Status);
        let mut given = !text.is_empty() || from_category.is_some();
        if text.contains("预备") {
            m.status = MemberStatus::Probationary;
        } else if let (true, Some(status)) = (text.is_empty(), from_category) {
            m.status = status;
        } else if text.is_empty() {
            if m.probation_due.is_some_and(|due| due > today) {
                m.status = MemberStatus::Probationary;
                given = true;
                self.out
                    .warnings
                    .push("未写明正式或预备，因预备期满时间晚于今天，按预备党员导入".to_owned());
            }
        } else if !text.contains("正式") && text != "党员" {
            match category_of(&text) {
                Some(category) if m.category.is_none() => m.category = Some(category),
                Some(_) => {}
                None => self.warn(ImportField::Status, &text, "无法识别，按正式党员导入"),
            }
        }
        if m.status == MemberStatus::Probationary && m.probation_due.is_none() {
            match m.joined.and_then(|j| j.checked_add(jiff::Span::new().years(1)).ok()) {
                Some(due) => {
                    m.probation_due = Some(due);
                    self.out
                        .warnings
                        .push(format!("未填写预备期满时间，已按入党时间加一年计为 {}", show(due)));
                }
                None => {
                    m.status = MemberStatus::Full;
                    self.out.warnings.push(
                        "写明是预备党员，但没有入党时间或预备期满时间，暂按正式党员导入，请在名册中补填".to_owned(),
                    );
                }
            }
        }
        given
    }
}
