//! Reading dates the way branches write them: 2005-03-01, 2005/3/1,
//! 2005年3月1日, 2005.03 (a month alone means its first day), 20050301,
//! and Excel's day serials. A year alone (1975) is refused with a message
//! asking for the whole date.

use super::Date;

/// Reads a date typed by a person or found in a sheet cell.
///
/// Returns a Chinese message saying what is wrong when it cannot.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("日期为空".to_owned());
    }
    let normalized: String = text
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' | '-' | '－' | '．' | '／' => '-',
            '日' | '号' => ' ',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    let normalized = normalized.trim().trim_end_matches('-');
    let parts: Vec<&str> = normalized.split('-').map(str::trim).collect();
    let numbers: Option<Vec<i32>> = parts.iter().map(|p| p.parse::<i32>().ok()).collect();
    let Some(numbers) = numbers else {
        return Err(format!("无法识别的日期“{text}”，请写成 2005-03-01"));
    };
    let (year, month, day) = match numbers.as_slice() {
        // "1975": a year alone is no day (and no Excel serial either: a
        // serial of four digits would be a day before 1928).
        [year] if parts[0].len() <= 4 && (1900..=2200).contains(year) => {
            return Err(format!("只有年份，请写完整日期，如 {year}-03-01"));
        }
        [_] if parts[0].len() <= 4 => return Err(format!("无法识别的日期“{text}”，请写成 2005-03-01")),
        [compact] if parts[0].len() == 8 => (compact / 10000, compact / 100 % 100, compact % 100),
        [compact] if parts[0].len() == 6 => (compact / 100, compact % 100, 1),
        [serial] if (1..=2_958_465).contains(serial) && parts[0].len() <= 5 => {
            return excel_serial(f64::from(*serial));
        }
        [year, month] => (*year, *month, 1),
        [year, month, day] => (*year, *month, *day),
        _ => return Err(format!("无法识别的日期“{text}”，请写成 2005-03-01")),
    };
    if !(1900..=2200).contains(&year) {
        return Err(format!("日期“{text}”的年份不对：应在 1900 年到 2200 年之间"));
    }
    date_from_parts(year, month, day).ok_or_else(|| format!("日期“{text}”不存在"))
}

/// A date from year, month and day, if it exists and the year is plausible.
pub fn date_from_parts(year: i32, month: i32, day: i32) -> Option<Date> {
    if !(1900..=2200).contains(&year) {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// A date from an Excel day serial (1900 date system; 1 = 1900-01-01,
/// with Excel's phantom 1900-02-29 accounted for).
pub fn excel_serial(serial: f64) -> Result<Date, String> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return Err(format!("无法识别的 Excel 日期数值 {serial}"));
    }
    let days = serial.floor() as i64;
    // Serial 60 is the phantom 1900-02-29; serials after it are one too high.
    let offset = if days >= 60 { days - 2 } else { days - 1 };
    let base = Date::constant(1900, 1, 1);
    let span = jiff::Span::new().days(offset);
    let date = base
        .checked_add(span)
        .map_err(|_| format!("无法识别的 Excel 日期数值 {serial}"))?;
    if date.year() > 2200 {
        return Err(format!("无法识别的 Excel 日期数值 {serial}"));
    }
    Ok(date)
}

/// A date as the UI and the printouts show it: 2005-03-01.
pub fn show(date: Date) -> String {
    date.strftime("%Y-%m-%d").to_string()
}

/// An optional date, or an empty string.
pub fn show_opt(date: Option<Date>) -> String {
    date.map(show).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_common_spellings() {
        let want = Date::constant(2005, 3, 1);
        for text in [
            "2005-03-01",
            "2005/3/1",
            "2005年3月1日",
            "2005.03",
            "2005.3.1",
            "20050301",
            "200503",
            " 2005-3-1 ",
            "２００５年３月１日",
        ] {
            assert_eq!(parse_date(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn reads_excel_serials() {
        assert_eq!(excel_serial(38412.0), Ok(Date::constant(2005, 3, 1)));
        assert_eq!(excel_serial(1.0), Ok(Date::constant(1900, 1, 1)));
        assert_eq!(excel_serial(61.0), Ok(Date::constant(1900, 3, 1)));
        assert_eq!(parse_date("38412"), Ok(Date::constant(2005, 3, 1)));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for text in [
            "",
            "abc",
            "2005-13-01",
            "2005-02-30",
            "1850-01-01",
            "3月1日",
            "2005-3-1-5",
            "1234",
            "7",
        ] {
            assert!(parse_date(text).is_err(), "{text}");
        }
    }

    #[test]
    fn a_year_alone_asks_for_the_whole_date() {
        for text in ["1975", "1975年", " 1975 ", "１９７５"] {
            assert_eq!(
                parse_date(text),
                Err("只有年份，请写完整日期，如 1975-03-01".to_owned()),
                "{text}"
            );
        }
        // A month is enough: it stands for its first day.
        assert_eq!(parse_date("1975年3月"), Ok(Date::constant(1975, 3, 1)));
    }
}
