//! Escaping the strings of a body written by ron without its own escaping.
//!
//! ron's `escape_strings(true)` runs `char::escape_debug` on every
//! character and writes each one separately; for a ledger of Chinese text
//! that was 71 % of an autosave (BENCHMARKS.md, P1). ron's unescaped mode
//! is fast but writes control characters raw (a `\r` inside a text would
//! not survive an editor's line-end conversion) and writes a string holding
//! `"` or `\` as a raw string `r#"…"#`. This pass takes that output and
//! makes every string an ordinary quoted one in which only what must be is
//! escaped: `\`, `"` and control characters. Everything else, Chinese
//! included, is copied as it is, in spans.
//!
//! The pass knows the shape of ron's pretty output: outside strings there
//! are only identifiers, numbers, punctuation, spaces and `\n`. The caller
//! still reads the result back and compares it with the ledger before it is
//! saved, so a mistake here can only refuse a save, never corrupt a file.

/// Rewrites the strings of `ron` (written with `escape_strings(false)`).
/// Returns `None` if the text is not shaped as expected.
pub(crate) fn escape_strings(ron: &str) -> Option<String> {
    let bytes = ron.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + bytes.len() / 64);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                // An unescaped string: no `"` or `\` inside.
                let end = i + 1 + bytes[i + 1..].iter().position(|&b| b == b'"')?;
                out.push(b'"');
                push_escaped(&mut out, &bytes[i + 1..end]);
                out.push(b'"');
                i = end + 1;
            }
            b'r' if starts_raw_string(bytes, i) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let start = i + 1 + hashes + 1;
                let end = find_raw_end(bytes, start, hashes)?;
                out.push(b'"');
                push_escaped(&mut out, &bytes[start..end]);
                out.push(b'"');
                i = end + 1 + hashes;
            }
            b'\'' => {
                // A char literal, copied as ron wrote it.
                let end = i + 1 + char_literal_len(&bytes[i + 1..])?;
                out.extend_from_slice(&bytes[i..=end]);
                i = end + 1;
            }
            _ => {
                let next = bytes[i..]
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'r' | b'\''))
                    .map_or(bytes.len(), |p| i + p.max(1));
                out.extend_from_slice(&bytes[i..next]);
                i = next;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Whether a raw string (`r"`, `r#"`, …) starts at `i`: an `r` that does
/// not continue an identifier, then hashes, then a quote.
fn starts_raw_string(bytes: &[u8], i: usize) -> bool {
    let continues_identifier = i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
    if continues_identifier {
        return false;
    }
    let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
    bytes.get(i + 1 + hashes) == Some(&b'"')
}

/// The index of the quote that closes a raw string with `hashes` hashes.
fn find_raw_end(bytes: &[u8], start: usize, hashes: usize) -> Option<usize> {
    let mut j = start;
    loop {
        j += bytes[j..].iter().position(|&b| b == b'"')?;
        let closing = bytes[j + 1..].iter().take(hashes).take_while(|&&b| b == b'#').count();
        if closing == hashes {
            return Some(j);
        }
        j += 1;
    }
}

/// The length up to the closing quote of a char literal's content.
fn char_literal_len(rest: &[u8]) -> Option<usize> {
    let mut j = 0;
    while j < rest.len() {
        match rest[j] {
            b'\\' => j += 2,
            b'\'' => return Some(j),
            _ => j += 1,
        }
    }
    None
}

/// Copies a string's content, escaping `\`, `"` and control characters.
fn push_escaped(out: &mut Vec<u8>, content: &[u8]) {
    let mut from = 0;
    for (k, &b) in content.iter().enumerate() {
        let escape: &[u8] = match b {
            b'\\' => b"\\\\",
            b'"' => b"\\\"",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0 => b"\\0",
            1..=0x1f | 0x7f => b"",
            _ => continue,
        };
        out.extend_from_slice(&content[from..k]);
        if escape.is_empty() {
            out.extend_from_slice(format!("\\u{{{b:x}}}").as_bytes());
        } else {
            out.extend_from_slice(escape);
        }
        from = k + 1;
    }
    out.extend_from_slice(&content[from..]);
}

#[cfg(test)]
mod tests {
    use super::escape_strings;

    fn round_trip(texts: &[&str]) {
        let values: Vec<String> = texts.iter().map(|t| (*t).to_owned()).collect();
        let config = ron::ser::PrettyConfig::new()
            .new_line("\n")
            .indentor("  ")
            .escape_strings(false);
        let raw = ron::ser::to_string_pretty(&values, config).expect("serialise");
        let escaped = escape_strings(&raw).expect("shaped as expected");
        assert!(!escaped.contains('\r'), "{escaped}");
        let back: Vec<String> = ron::from_str(&escaped).expect("reads back");
        assert_eq!(back, values, "{escaped}");
    }

    #[test]
    fn every_awkward_string_reads_back_unchanged() {
        round_trip(&[
            "",
            "党员联系农户制度",
            "line\r\nbreak\nand\ttab",
            "quote \" and backslash \\ and both \\\"",
            "hashes \"# and \"## inside",
            "r\"not raw\"",
            "\u{0}\u{1f}\u{7f} controls",
            "emoji 🇨🇳 and 𠀀 and é",
            "raw-looking r#\"x\"# text",
        ]);
    }

    #[test]
    fn chinese_is_copied_as_it_is() {
        let raw = "(\n  name: \"红星村\",\n  note: r#\"他说\"好\"\"#,\n)";
        assert_eq!(
            escape_strings(raw).as_deref(),
            Some("(\n  name: \"红星村\",\n  note: \"他说\\\"好\\\"\",\n)")
        );
    }

    #[test]
    fn identifiers_with_r_are_not_raw_strings() {
        let raw = "(number: 1, r: \"x\", for: Some(\"y\"))";
        assert_eq!(escape_strings(raw).as_deref(), Some(raw));
    }

    #[test]
    fn an_unterminated_string_is_refused() {
        assert_eq!(escape_strings("(a: \"open"), None);
        assert_eq!(escape_strings("(a: r#\"open\")"), None);
    }
}
