//! Feeds arbitrary bytes to the roster-sheet import as each kind of file
//! (the first byte picks the extension; the content is sniffed as a real
//! file's is), then previews what was read: never a panic of ours, never
//! an allocation sized by a number in the file (libFuzzer's memory limit
//! catches one), never a hang.
//!
//! The workbook reader (calamine) panics on some damaged files; the program
//! catches those (`import::read_sheet` says 读取这个表格时出错…), and so
//! does this target: a panic raised inside calamine's code unwinds to that
//! catch. Every other panic — ours, the zip reader's, the standard
//! library's — goes to libFuzzer as a crash.
#![no_main]

use std::sync::Once;

use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 6] = ["xlsx", "xlsb", "xls", "ods", "csv", "txt"];

static HOOK: Once = Once::new();

fuzz_target!(|bytes: &[u8]| {
    HOOK.call_once(|| {
        let fuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_reader = info.location().is_some_and(|l| l.file().contains("/calamine-"));
            if !in_reader {
                fuzzer_hook(info);
            }
        }));
    });
    let Some((&pick, content)) = bytes.split_first() else {
        return;
    };
    let extension = EXTENSIONS[usize::from(pick) % EXTENSIONS.len()];
    if let Ok(table) = zhibu::import::read_sheet_bytes(content, extension) {
        let _ = zhibu::import::preview(&table, &[], zhibu::model::Date::constant(2026, 11, 24));
    }
});
