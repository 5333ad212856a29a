//! Hostile sheets, each generated here in a few KB: every one gives a clear
//! Chinese sentence naming the file and the limit, never a panic, an abort
//! or a wait; the command line (`import-members … --dry-run`) exits non-zero
//! with the same sentence and the ledger stays byte for byte as it was; and
//! in the window the read runs on its own thread, so the window keeps
//! running whatever the sheet does.
// Test helpers: a failed unwrap is a failed test, with its place.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Sandbox, click, harness, small_ledger, type_into};
use egui_kittest::kittest::Queryable;
use zhibu::import::{self, ImportError};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="党员名册" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;
/// A roster's header and one member, as inline strings.
const ROSTER_ROWS: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>周镕</t></is></c><c r="B2" t="inlineStr"><is><t>女</t></is></c></row>"#;

/// An xlsx with one sheet, 党员名册, whose `<dimension>` is `dimension`
/// and whose `<sheetData>` holds `rows`; `shared` is the whole
/// sharedStrings.xml.
fn xlsx(dir: &Path, name: &str, dimension: &str, rows: &str, shared: &str) -> PathBuf {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>"#
    );
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet.as_str()),
        ("xl/sharedStrings.xml", shared),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (part, text) in parts {
        zip.start_file(part, SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 8 * 1024, "a hostile workbook of a few KB");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn shared_strings(count: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}"><si><t>姓名</t></si></sst>"#
    )
}

/// A ledger of three members for the command line to import into.
fn ledger(sandbox: &Sandbox) -> (PathBuf, Vec<u8>) {
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let bytes = std::fs::read(&path).unwrap();
    (path, bytes)
}

/// Runs the command line, failing the test instead of waiting forever.
fn zhibu_within(args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("zhibu {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// `import-members LEDGER SHEET --dry-run` refuses with `expected`, exits
/// non-zero, never panics, and leaves the ledger as it was.
fn command_line_refuses(sandbox: &Sandbox, sheet: &Path, expected: &str) {
    let (ledger, before) = ledger(sandbox);
    for dry_run in [true, false] {
        let mut args = vec!["import-members", ledger.to_str().unwrap(), sheet.to_str().unwrap()];
        if dry_run {
            args.push("--dry-run");
        }
        let run = zhibu_within(&args, Duration::from_secs(60));
        let said = common::text(&run.stderr);
        assert!(!run.status.success(), "{args:?}: {said}");
        assert_ne!(run.status.code(), Some(101), "a panic: {said}");
        assert!(said.contains(expected), "{args:?} said: {said}");
        assert!(!said.contains("panicked"), "{said}");
        assert_eq!(std::fs::read(&ledger).unwrap(), before, "the ledger changed");
    }
}

fn refused(sheet: &Path) -> String {
    let error = import::read_sheet(sheet, None).unwrap_err();
    let said = error.to_string();
    assert!(
        said.ends_with(&format!("（{}）", sheet.display())),
        "the file is named: {said}"
    );
    said
}

#[test]
fn a_shared_strings_count_of_usize_max_is_refused_before_anything_is_reserved() {
    let sandbox = Sandbox::new();
    let max = usize::MAX.to_string();
    let sheet = xlsx(
        sandbox.dir.path(),
        "共享.xlsx",
        "A1:B2",
        ROSTER_ROWS,
        &shared_strings(&max),
    );
    let said = refused(&sheet);
    assert!(
        said.starts_with("表格太大：共享字符串表声明了 18,446,744,073,709,551,615 个字符串，最多读 2,000,000 个"),
        "{said}"
    );
    command_line_refuses(
        &sandbox,
        &sheet,
        "共享字符串表声明了 18,446,744,073,709,551,615 个字符串",
    );
}

#[test]
fn a_dimension_of_the_whole_sheet_is_not_believed_and_the_roster_is_read() {
    let sandbox = Sandbox::new();
    let sheet = xlsx(
        sandbox.dir.path(),
        "范围.xlsx",
        "A1:XFD1048576",
        ROSTER_ROWS,
        &shared_strings("0"),
    );
    let table = import::read_sheet(&sheet, None).unwrap();
    assert_eq!(table.rows.len(), 2);
    let preview = import::preview(&table, &[], common::TODAY).unwrap();
    assert_eq!(preview.rows.len(), 1);
    assert_eq!(preview.rows[0].member.name, "周镕");
}

#[test]
fn a_cell_in_the_last_row_and_column_is_refused_not_allocated_for() {
    let sandbox = Sandbox::new();
    let rows = format!(r#"{ROSTER_ROWS}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#);
    let sheet = xlsx(
        sandbox.dir.path(),
        "角落.xlsx",
        "A1:XFD1048576",
        &rows,
        &shared_strings("0"),
    );
    let said = refused(&sheet);
    assert!(
        said.starts_with("表格太大：工作表“党员名册”共 1,048,576 行，最多读 100,000 行"),
        "{said}"
    );
    command_line_refuses(&sandbox, &sheet, "最多读 100,000 行");
}

#[test]
fn a_huge_row_number_is_refused() {
    let sandbox = Sandbox::new();
    // A row numbered past Excel's last, without a cell reference of its own.
    let rows = format!(r#"{ROSTER_ROWS}<row r="4000000000"><c><v>1</v></c></row>"#);
    let sheet = xlsx(sandbox.dir.path(), "行号.xlsx", "A1:B2", &rows, &shared_strings("0"));
    let said = refused(&sheet);
    assert!(
        said.starts_with("表格太大：工作表“党员名册”共 4,000,000,000 行，最多读 100,000 行"),
        "{said}"
    );
    command_line_refuses(&sandbox, &sheet, "共 4,000,000,000 行");
}

#[test]
fn a_cell_with_more_text_than_excel_holds_is_refused_by_its_place() {
    let sandbox = Sandbox::new();
    let long = "党".repeat(40_000);
    let rows = format!(r#"{ROSTER_ROWS}<row r="3"><c r="C3" t="inlineStr"><is><t>{long}</t></is></c></row>"#);
    let sheet = xlsx(sandbox.dir.path(), "长文字.xlsx", "A1:C3", &rows, &shared_strings("0"));
    let said = refused(&sheet);
    assert!(
        said.starts_with("表格太大：工作表“党员名册”的 C3 单元格有 40,000 个字，最多读 32,767 个"),
        "{said}"
    );
}

#[test]
fn a_part_declared_to_unpack_to_gigabytes_is_refused_before_unpacking() {
    let sandbox = Sandbox::new();
    let sheet = xlsx(
        sandbox.dir.path(),
        "炸弹.xlsx",
        "A1:B2",
        ROSTER_ROWS,
        &shared_strings("1"),
    );
    // The central directory's uncompressed size of the sheet part, set to
    // almost 4 GB (the part itself is unchanged).
    let mut bytes = std::fs::read(&sheet).unwrap();
    let name = b"xl/worksheets/sheet1.xml";
    let entry = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"PK\x01\x02")
        .map(|(at, _)| at)
        .find(|&at| bytes[at + 46..].starts_with(name))
        .unwrap();
    bytes[entry + 24..entry + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    std::fs::write(&sheet, bytes).unwrap();
    let said = refused(&sheet);
    assert!(
        said.starts_with("表格太大：其中的“xl/worksheets/sheet1.xml”解压后共 4,096.0 MB，最多读 256 MB"),
        "{said}"
    );
    command_line_refuses(&sandbox, &sheet, "解压后共 4,096.0 MB");
}

#[test]
fn a_csv_over_the_size_limit_is_refused_without_reading_it() {
    let sandbox = Sandbox::new();
    let sheet = sandbox.path("大.csv");
    // Sparse: 200 MB said by the file system, nothing written.
    let file = std::fs::File::create(&sheet).unwrap();
    file.set_len(200 << 20).unwrap();
    drop(file);
    let said = refused(&sheet);
    assert!(said.starts_with("表格太大：文件共 200 MB，最多读 64 MB"), "{said}");
    command_line_refuses(&sandbox, &sheet, "文件共 200 MB，最多读 64 MB");
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_sheet_or_the_ledger_is_refused_at_once() {
    let sandbox = Sandbox::new();
    let fifo = sandbox.path("管道.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let started = Instant::now();
    let said = refused(&fifo);
    assert!(started.elapsed() < Duration::from_secs(5), "waited on the FIFO");
    assert!(
        said.starts_with("这不是普通文件，而是命名管道（FIFO），不能作为表格导入"),
        "{said}"
    );
    command_line_refuses(&sandbox, &fifo, "命名管道（FIFO）");

    // The FIFO as the ledger: refused by the store, as quickly.
    let sheet = sandbox.path("名册.csv");
    std::fs::write(&sheet, "姓名\n周镕\n").unwrap();
    let run = zhibu_within(
        &[
            "import-members",
            fifo.to_str().unwrap(),
            sheet.to_str().unwrap(),
            "--dry-run",
        ],
        Duration::from_secs(60),
    );
    let said = common::text(&run.stderr);
    assert!(!run.status.success());
    assert!(said.contains("特殊文件"), "{said}");
    let run = zhibu_within(&["check", fifo.to_str().unwrap()], Duration::from_secs(60));
    assert!(!run.status.success());
    assert!(
        common::text(&run.stderr).contains("特殊文件"),
        "{}",
        common::text(&run.stderr)
    );
}

#[cfg(unix)]
#[test]
fn dev_zero_as_the_sheet_or_the_ledger_is_refused_at_once() {
    let sandbox = Sandbox::new();
    let zero = Path::new("/dev/zero");
    let said = refused(zero);
    assert!(
        said.starts_with("这不是普通文件，而是设备文件，不能作为表格导入"),
        "{said}"
    );
    command_line_refuses(&sandbox, zero, "设备文件");
    let run = zhibu_within(&["check", "/dev/zero"], Duration::from_secs(60));
    assert!(!run.status.success());
    assert!(
        common::text(&run.stderr).contains("特殊文件"),
        "{}",
        common::text(&run.stderr)
    );
}

#[test]
fn a_folder_as_the_sheet_is_refused() {
    let sandbox = Sandbox::new();
    let said = refused(sandbox.dir.path());
    assert!(said.starts_with("无法读取文件：这是一个文件夹"), "{said}");
    assert!(matches!(
        import::read_sheet(sandbox.dir.path(), None),
        Err(ImportError::Io { .. })
    ));
}

/// Steps the window until the import's read has ended (at most ~20 s).
fn until_read(harness: &mut egui_kittest::Harness<'static, zhibu::ui::ZhibuApp>) {
    for _ in 0..400 {
        harness.step();
        let busy = harness.state().roster.import.as_ref().is_some_and(|i| i.busy());
        if !busy {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the sheet was never read");
}

#[test]
fn in_the_window_a_hostile_sheet_gives_its_message_and_the_window_goes_on() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &small_ledger(3));
    let mut harness = harness(sandbox.app(Some(&path)));
    click(&mut harness, "党员名册");
    click(&mut harness, "导入名册表格…");
    let hostile = xlsx(
        sandbox.dir.path(),
        "共享.xlsx",
        "A1:XFD1048576",
        ROSTER_ROWS,
        &shared_strings(&usize::MAX.to_string()),
    );
    type_into(&mut harness, "文件", &hostile.display().to_string());
    click(&mut harness, "读取");
    until_read(&mut harness);
    harness.get_by_label_contains("表格太大：共享字符串表声明了 18,446,744,073,709,551,615 个字符串");

    // The window still reads the next file, and the roster is as it was.
    let good = xlsx(
        sandbox.dir.path(),
        "名册.xlsx",
        "A1:B2",
        ROSTER_ROWS,
        &shared_strings("0"),
    );
    common::retype(&mut harness, "文件", &good.display().to_string());
    click(&mut harness, "读取");
    until_read(&mut harness);
    harness.get_by_label("确认导入 1 名党员");
    assert!(harness.query_by_label_contains("表格太大").is_none());
    assert_eq!(common::ledger_of(&harness).members.len(), 3);
}

#[test]
fn an_xls_declaring_four_billion_rows_is_refused_before_the_reader_reserves_them() {
    let sandbox = Sandbox::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.xls");
    let mut bytes = std::fs::read(fixture).unwrap();
    // Every BIFF8 DIMENSIONS record (type 0x0200, 14 bytes): its last row
    // set to u32::MAX, the rest of the file unchanged.
    let records: Vec<usize> = bytes
        .windows(4)
        .enumerate()
        .filter(|(_, w)| *w == b"\x00\x02\x0e\x00")
        .map(|(at, _)| at)
        .collect();
    assert!(!records.is_empty());
    for at in records {
        bytes[at + 8..at + 12].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    let sheet = sandbox.path("四十亿行.xls");
    std::fs::write(&sheet, bytes).unwrap();
    let said = refused(&sheet);
    assert!(said.starts_with("表格太大：其中一个工作表声明的范围有 "), "{said}");
    assert!(said.contains("最多读 2,000,000 个"), "{said}");
    command_line_refuses(&sandbox, &sheet, "声明的范围有");
}

#[test]
fn an_xls_the_reader_panics_on_is_a_message_not_the_end_of_the_program() {
    let sandbox = Sandbox::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.xls");
    let mut bytes = std::fs::read(fixture).unwrap();
    // The directory said to start in the sector just past the end of the
    // file: calamine 0.38 slices past its buffer there and panics (found by
    // the fuzz target).
    let past_the_end = (bytes.len() / 512) as u32;
    bytes[0x30..0x34].copy_from_slice(&past_the_end.to_le_bytes());
    let sheet = sandbox.path("读不了.xls");
    std::fs::write(&sheet, bytes).unwrap();
    let said = refused(&sheet);
    assert!(said.starts_with("读取这个表格时出错，文件可能已损坏"), "{said}");
    command_line_refuses(&sandbox, &sheet, "读取这个表格时出错");
}
