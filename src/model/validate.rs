//! Checks on a member's record, with messages shown next to the field.

use super::Date;
use super::member::{Member, MemberStatus};

/// A field of the member form that a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Birth,
    Joined,
    ProbationDue,
    Phone,
    IdNumber,
    Mobile,
    TransferOut,
}

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: Field,
    pub message: String,
    /// A warning lets the record be saved; an error does not.
    pub blocking: bool,
}

impl Problem {
    fn error(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            blocking: true,
        }
    }

    fn warning(field: Field, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
            blocking: false,
        }
    }
}

/// The day the Party was founded: nobody joined before it.
pub const PARTY_FOUNDED: Date = Date::constant(1921, 7, 1);

/// What stops `member` being recorded on any day, as one Chinese sentence
/// that names the member: the rule the edit path holds for every writer
/// (the window's form, the roster import, the command line). Dates are
/// checked against today by the form and the importer, which know the day;
/// here only what no day makes right (a blank name, joining before birth
/// or before 1921, a probationary member without the end of probation, a
/// malformed phone or 身份证号).
pub fn refuse_member(member: &Member) -> Result<(), String> {
    let Some(problem) = check_member(member, &[], Date::MAX).into_iter().find(|p| p.blocking) else {
        return Ok(());
    };
    let name = member.name.trim();
    Err(if name.is_empty() {
        problem.message
    } else {
        format!("{name}：{}", problem.message)
    })
}

/// Every problem with `member`, given the other members (for duplicate
/// names) and today's date.
pub fn check_member(member: &Member, others: &[Member], today: Date) -> Vec<Problem> {
    let mut problems = Vec::new();
    let name = member.name.trim();
    if name.is_empty() {
        problems.push(Problem::error(Field::Name, "请填写姓名"));
    } else if others.iter().any(|m| m.id != member.id && m.name.trim() == name) {
        problems.push(Problem::warning(Field::Name, "名册中已有同名党员，请核对是否重复录入"));
    }
    if let Some(birth) = member.birth
        && birth > today
    {
        problems.push(Problem::error(Field::Birth, "出生日期不能晚于今天"));
    }
    if let Some(joined) = member.joined {
        if joined > today {
            problems.push(Problem::error(Field::Joined, "入党时间不能晚于今天"));
        } else if joined < PARTY_FOUNDED {
            problems.push(Problem::error(Field::Joined, "入党时间不能早于 1921 年 7 月建党"));
        }
        if let Some(birth) = member.birth {
            if birth >= joined {
                problems.push(Problem::error(Field::Joined, "入党时间应晚于出生日期"));
            } else if joined < birth.saturating_add(jiff::Span::new().years(16)) {
                problems.push(Problem::warning(Field::Joined, "入党时未满 16 岁，请核对"));
            }
        }
    }
    if member.status == MemberStatus::Probationary && member.probation_due.is_none() {
        problems.push(Problem::error(Field::ProbationDue, "预备党员须填写预备期满日期"));
    }
    let phone = member.phone.trim();
    if !phone.is_empty() && !phone.chars().all(|c| c.is_ascii_digit() || c == '-' || c == ' ') {
        problems.push(Problem::error(Field::Phone, "电话号码只能包含数字（可用 - 分隔）"));
    } else if !phone.is_empty() && phone.chars().filter(char::is_ascii_digit).count() < 7 {
        problems.push(Problem::error(Field::Phone, "电话号码位数太少"));
    }
    let id_number = member.id_number.trim();
    if !id_number.is_empty()
        && let Err(message) = check_id_number(id_number)
    {
        problems.push(Problem::error(Field::IdNumber, message));
    }
    if member.is_mobile() && (member.mobile.whereabouts.trim().is_empty() || member.mobile.contact.trim().is_empty()) {
        problems.push(Problem::warning(
            Field::Mobile,
            "流动党员须写明去向和联系方式（四个清楚）",
        ));
    }
    if let (Some(out), Some(arrived)) = (&member.transfer_out, &member.transfer_in)
        && out.date < arrived.date
    {
        problems.push(Problem::error(Field::TransferOut, "转出日期不能早于转入日期"));
    }
    problems
}

/// Checks an 18-digit 公民身份号码: digits, a real birth date and the
/// ISO 7064 MOD 11-2 check character.
pub fn check_id_number(text: &str) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() != 18 {
        return Err(format!("身份证号应为 18 位，现在是 {} 位", chars.len()));
    }
    let mut digits = [0u32; 17];
    for (slot, c) in digits.iter_mut().zip(&chars[..17]) {
        *slot = c.to_digit(10).ok_or("身份证号前 17 位只能是数字")?;
    }
    let year = (digits[6] * 1000 + digits[7] * 100 + digits[8] * 10 + digits[9]) as i32;
    let month = (digits[10] * 10 + digits[11]) as i32;
    let day = (digits[12] * 10 + digits[13]) as i32;
    if super::dates::date_from_parts(year, month, day).is_none() {
        return Err("身份证号中的出生日期不存在".to_owned());
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = digits.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum();
    let expected = CHECK[(sum % 11) as usize];
    if chars[17].to_ascii_uppercase() != expected {
        return Err("身份证号校验位不对，请核对".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MemberId;

    fn today() -> Date {
        Date::constant(2026, 11, 24)
    }

    #[test]
    fn id_number_checksum() {
        assert_eq!(check_id_number("11010519491231002X"), Ok(()));
        assert_eq!(check_id_number("11010519491231002x"), Ok(()));
        assert!(check_id_number("110105194912310021").is_err());
        assert!(check_id_number("1101051949123100").is_err());
        assert!(check_id_number("11010519491331002X").is_err());
    }

    #[test]
    fn member_rules() {
        let mut m = Member {
            id: MemberId(1),
            ..Member::default()
        };
        let fields =
            |m: &Member| -> Vec<Field> { check_member(m, &[], today()).into_iter().map(|p| p.field).collect() };
        assert_eq!(fields(&m), vec![Field::Name]);
        m.name = "张三".into();
        m.birth = Some(Date::constant(1970, 1, 1));
        m.joined = Some(Date::constant(1960, 1, 1));
        assert_eq!(fields(&m), vec![Field::Joined]);
        m.joined = Some(Date::constant(2030, 1, 1));
        assert!(fields(&m).contains(&Field::Joined));
        m.joined = Some(Date::constant(1995, 7, 1));
        m.status = MemberStatus::Probationary;
        assert_eq!(fields(&m), vec![Field::ProbationDue]);
        m.probation_due = Some(Date::constant(1996, 7, 1));
        m.phone = "138abc".into();
        assert_eq!(fields(&m), vec![Field::Phone]);
        m.phone = "138-0000-1111".into();
        assert!(fields(&m).is_empty());
    }

    #[test]
    fn duplicate_names_warn_but_do_not_block() {
        let a = Member {
            id: MemberId(1),
            name: "王芳".into(),
            ..Member::default()
        };
        let b = Member {
            id: MemberId(2),
            name: "王芳".into(),
            ..Member::default()
        };
        let problems = check_member(&b, std::slice::from_ref(&a), today());
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].blocking);
    }
}
