//! Figures as people type them into a field — with a Chinese input
//! method, full-width digits, a unit after the number — read into numbers.
//! The ballot rounds and the survey rounds read their counts here, and
//! hours ([`super::study_rules::parse_hours`]) use the same digits, so that
//! "１２张" means 12 wherever it is typed.

/// A figure typed with a Chinese input method, in plain digits: full-width
/// digits, point and minus become ASCII ("２．５" → "2.5").
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            '－' => '-',
            other => other,
        })
        .collect()
}

/// Reads a count typed into a field: empty is 0.
pub fn parse_count(text: &str, what: &str) -> Result<u32, String> {
    let normal = half_width(text.trim());
    let normal = normal.trim_end_matches(['张', '人', '票']);
    if normal.is_empty() {
        return Ok(0);
    }
    normal
        .parse::<u32>()
        .map_err(|_| format!("{what}“{}”不是人数或票数，请填写 0 或正整数", text.trim()))
}

#[cfg(test)]
mod tests {
    use super::parse_count;

    #[test]
    fn counts_are_read_as_typed_and_bad_ones_refused() {
        assert_eq!(parse_count("", "有效票"), Ok(0));
        assert_eq!(parse_count(" 12 ", "有效票"), Ok(12));
        assert_eq!(parse_count("１２张", "有效票"), Ok(12));
        assert!(parse_count("-1", "有效票").unwrap_err().contains("有效票“-1”"));
        assert!(parse_count("abc", "实到").is_err());
        assert!(parse_count("2.5", "实到").is_err());
    }
}
