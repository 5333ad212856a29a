//! The command line, run as a user would: the real binary.

mod common;

use std::process::Command;

use common::{Sandbox, text, zhibu};

#[test]
fn demo_writes_a_ledger_that_check_accepts() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("示例.ron");
    let out_arg = out.to_str().expect("utf-8 path");
    let run = zhibu(&["demo", "--out", out_arg, "--members", "40"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("40 名党员"));

    let check = zhibu(&["check", out_arg]);
    assert!(check.status.success(), "{}", text(&check.stderr));
    let printed = text(&check.stdout);
    assert!(printed.contains("当前阶段：分析评议"), "{printed}");
    assert!(printed.contains("党员对照检查清单"), "{printed}");
    assert!(printed.contains("党员类别"), "{printed}");
    // The demo leaves one mobile member without a contact: an unmet item.
    assert!(printed.contains("流动党员未登记联系方式"), "{printed}");
}

#[test]
fn demo_never_overwrites_an_existing_file() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("已有.ron");
    std::fs::write(&out, "别人的文件").expect("write");
    let run = zhibu(&["demo", "--out", out.to_str().expect("path")]);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains("不会覆盖"));
    assert_eq!(std::fs::read_to_string(&out).expect("read"), "别人的文件");
}

#[test]
fn check_refuses_a_damaged_file_without_touching_it() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let mut bytes = std::fs::read(&path).expect("read");
    bytes.truncate(bytes.len() - 20);
    std::fs::write(&path, &bytes).expect("write");
    let check = zhibu(&["check", path.to_str().expect("path")]);
    assert!(!check.status.success());
    let message = text(&check.stderr);
    assert!(message.contains("错误："), "{message}");
    assert!(
        message.contains(path.to_str().expect("path")),
        "the path is named: {message}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), bytes);
}

#[test]
fn check_says_plainly_when_the_file_is_missing_or_foreign() {
    let sandbox = Sandbox::new();
    let missing = zhibu(&["check", sandbox.path("没有.ron").to_str().expect("path")]);
    assert!(!missing.status.success());
    assert!(!text(&missing.stderr).contains("panicked"));
    let foreign = sandbox.path("other.ron");
    std::fs::write(&foreign, "{\"hello\": 1}").expect("write");
    let run = zhibu(&["check", foreign.to_str().expect("path")]);
    assert!(!run.status.success());
    assert!(!text(&run.stderr).contains("panicked"));
}

/// A save killed half-way leaves `.支部.ron.<pid>.<nanos>.tmp`; the next
/// command-line save removes it (issue 20, item 8), as the window does when
/// it opens the ledger, and leaves other files alone.
#[test]
fn a_command_line_import_removes_the_temp_file_of_a_killed_save() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let stray = sandbox.path(".支部.ron.4242.1764000000000000000.tmp");
    let other = sandbox.path("支部-说明.tmp");
    for file in [&stray, &other] {
        std::fs::write(file, "半个台账").expect("write");
        // Older than any save still running.
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        std::fs::File::options()
            .write(true)
            .open(file)
            .and_then(|f| f.set_modified(old))
            .expect("set the time");
    }
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.csv");
    let run = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(!stray.exists(), "the killed save's temp file is removed");
    assert!(other.exists(), "a file that is not ours stays");
}

#[test]
fn import_members_adds_the_readable_rows_and_lists_the_rest() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &common::small_ledger(3));
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.csv");
    let dry = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
        "--dry-run",
    ]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    assert_eq!(common::on_disk(&path).members.len(), 3, "a dry run writes nothing");

    let run = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    // The groups, each row named by its line and the person.
    assert!(
        printed.contains("新增 12 人，更新 0 人，相同 0 人，可能重复 1 人；不是党员的行 0 行，无法读取 0 行"),
        "{printed}"
    );
    assert!(
        printed.contains("  第 14 行 马明：出生年月“1966年13月”无法识别，已留空"),
        "{printed}"
    );
    assert!(
        printed.contains("  第 4 行 王建国：名册中已有同名党员：王建国（1960-01-01 出生），请核对是否同一人"),
        "{printed}"
    );
    let after = common::on_disk(&path);
    assert_eq!(after.members.len(), 3 + 12, "the possible duplicate is not added");

    // The same sheet again: nothing new, nothing duplicated.
    let again = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
    ]);
    assert!(again.status.success(), "{}", text(&again.stderr));
    let printed = text(&again.stdout);
    // 马明's birth date could not be read and he has no 身份证号: only his
    // name is left to recognise him by.
    assert!(
        printed.contains("新增 0 人，更新 0 人，相同 11 人，可能重复 2 人"),
        "{printed}"
    );
    assert!(
        printed.contains("--with-duplicates"),
        "says how to take them: {printed}"
    );
    assert_eq!(common::on_disk(&path).members.len(), 3 + 12);

    // Checked by the secretary: they are other people of the same name.
    let checked = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
        "--with-duplicates",
    ]);
    assert!(checked.status.success(), "{}", text(&checked.stderr));
    assert!(text(&checked.stdout).contains("可能重复（已核对，作为新党员导入）"));
    assert_eq!(common::on_disk(&path).members.len(), 3 + 12 + 2);
}

#[test]
fn import_members_refuses_a_closed_campaign_and_leaves_the_file_alone() {
    let sandbox = Sandbox::new();
    let mut ledger = common::small_ledger(3);
    ledger.campaign.stage = zhibu::model::Stage::Closed;
    let path = sandbox.write_ledger("已归档.ron", &ledger);
    let before = std::fs::read(&path).expect("read");
    let sheet = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/roster-sample.csv");
    let run = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
    ]);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains("验收归档"), "{}", text(&run.stderr));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    // A dry run only reads, and still says what it would take.
    let dry = zhibu(&[
        "import-members",
        path.to_str().expect("path"),
        sheet.to_str().expect("path"),
        "--dry-run",
    ]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
}

#[test]
fn bad_arguments_give_a_message_not_a_panic() {
    let run = zhibu(&["demo"]);
    assert!(!run.status.success());
    assert!(!text(&run.stderr).contains("panicked"));
    let run = zhibu(&["demo", "--out", "/nonexistent-dir/x.ron", "--members", "0"]);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains("党员人数"));
    let run = zhibu(&["import-members", "/nonexistent/a.ron", "/nonexistent/b.xlsx"]);
    assert!(!run.status.success());
    assert!(!text(&run.stderr).contains("panicked"));
}

/// Runs zhibu with `args`, reads `first` bytes of its output, then closes
/// the pipe, as `zhibu … | head -c 16` does; returns how it ended.
fn run_into_a_reader_that_stops_early(args: &[&str], first: usize) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhibu"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run zhibu");
    let mut stdout = child.stdout.take().expect("piped");
    let mut some = vec![0u8; first];
    std::io::Read::read_exact(&mut stdout, &mut some).expect("some output");
    drop(stdout);
    child.wait_with_output().expect("wait")
}

#[test]
fn check_piped_into_a_reader_that_stops_early_ends_quietly() {
    let sandbox = Sandbox::new();
    let out = sandbox.path("大支部.ron");
    let out_arg = out.to_str().expect("utf-8 path");
    assert!(zhibu(&["demo", "--out", out_arg, "--members", "1000"]).status.success());
    // More than a pipe's worth of output is still to come when it closes.
    let run = run_into_a_reader_that_stops_early(&["check", out_arg], 16);
    let stderr = text(&run.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(run.status.success(), "{:?}", run.status);
}

#[test]
fn county_piped_into_a_reader_that_stops_early_still_writes_its_workbook() {
    let sandbox = Sandbox::new();
    let exports = sandbox.path("导出");
    let mut folders = Vec::new();
    for (i, members) in [300, 200, 250].into_iter().enumerate() {
        let ledger = sandbox.path(&format!("支部{i}.ron"));
        let ledger = ledger.to_str().expect("utf-8 path");
        assert!(
            // Three branches: one branch's files signed by three keys would be held back.
            zhibu(&[
                "demo",
                "--out",
                ledger,
                "--members",
                &members.to_string(),
                "--number",
                &i.to_string()
            ])
            .status
            .success()
        );
        let dir = exports.join(i.to_string());
        let run = zhibu(&["export", ledger, "--out-dir", dir.to_str().expect("utf-8 path")]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        folders.push(dir.to_str().expect("utf-8 path").to_owned());
    }
    let workbook = sandbox.path("汇总.xlsx");
    // Closed before the first line: every line it prints meets a closed pipe.
    let mut args = vec!["county"];
    args.extend(folders.iter().map(String::as_str));
    args.extend(["--out", workbook.to_str().expect("utf-8 path")]);
    let run = run_into_a_reader_that_stops_early(&args, 0);
    let stderr = text(&run.stderr);
    assert!(stderr.is_empty(), "{stderr}");
    assert!(run.status.success(), "{:?}", run.status);
    assert!(workbook.exists(), "the roll-up was not written");
}

/// `zhibu-console` (zhibu.exe in the Windows package) runs the program
/// beside it and ends as it does: the same output, the same exit code, and
/// quiet when its reader goes away early.
#[test]
fn the_console_program_passes_output_and_exit_codes_through() {
    let sandbox = Sandbox::new();
    let ledger = sandbox.path("支部 & 台账.ron");
    let ledger_arg = ledger.to_str().expect("utf-8 path");
    let console = env!("CARGO_BIN_EXE_zhibu-console");
    let made = Command::new(console)
        .args(["demo", "--out", ledger_arg, "--members", "1000"])
        .output()
        .expect("run zhibu-console");
    assert!(made.status.success(), "{}", text(&made.stderr));
    assert!(
        text(&made.stdout).contains("已生成示例支部台账"),
        "{}",
        text(&made.stdout)
    );
    let direct = zhibu(&["check", ledger_arg]);
    let through = Command::new(console)
        .args(["check", ledger_arg])
        .output()
        .expect("run zhibu-console");
    assert!(through.status.success());
    assert_eq!(text(&through.stdout), text(&direct.stdout));
    let missing = Command::new(console)
        .args(["check", sandbox.path("没有.ron").to_str().expect("utf-8 path")])
        .output()
        .expect("run zhibu-console");
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        text(&missing.stderr).contains("找不到台账文件"),
        "{}",
        text(&missing.stderr)
    );
    let usage = Command::new(console)
        .arg("--no-such-flag")
        .output()
        .expect("run zhibu-console");
    assert_eq!(usage.status.code(), Some(2), "clap's usage error code comes through");

    let mut child = Command::new(console)
        .args(["check", ledger_arg])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run zhibu-console");
    let mut stdout = child.stdout.take().expect("piped");
    let mut some = [0u8; 16];
    std::io::Read::read_exact(&mut stdout, &mut some).expect("some output");
    drop(stdout);
    let run = child.wait_with_output().expect("wait");
    assert!(text(&run.stderr).is_empty(), "{}", text(&run.stderr));
    assert!(run.status.success(), "{:?}", run.status);
}

#[test]
fn the_help_pages_speak_chinese_with_no_english_headings_or_flags() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["print", "--help"],
        &["export", "-h"],
        &["county", "--help"],
        &["demo", "--help"],
        &["check", "--help"],
        &["import-members", "--help"],
    ] {
        let run = zhibu(args);
        assert!(run.status.success(), "{args:?}: {}", text(&run.stderr));
        let page = text(&run.stdout);
        for english in [
            "Usage",
            "Arguments",
            "Options",
            "Commands",
            "Print help",
            "Print version",
            "possible values",
            "default:",
        ] {
            assert!(!page.contains(english), "{args:?} says “{english}”:\n{page}");
        }
        assert!(
            !page.lines().any(|l| l.trim_start().starts_with("help ")),
            "{args:?} lists clap's English help subcommand:\n{page}"
        );
        for chinese in ["用法：zhibu", "选项", "显示帮助"] {
            assert!(page.contains(chinese), "{args:?} lacks “{chinese}”:\n{page}");
        }
    }
    let top = text(&zhibu(&["--help"]).stdout);
    for chinese in ["命令", "参数", "在窗口中打开的台账文件", "显示版本号", "import-members"] {
        assert!(top.contains(chinese), "the top page lacks “{chinese}”:\n{top}");
    }
    let version = zhibu(&["--version"]);
    assert!(version.status.success());
    assert!(text(&version.stdout).contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn a_mistaken_command_line_is_said_in_chinese_with_the_usage_and_exit_code_2() {
    let cases: [(&[&str], &str); 4] = [
        (&["--nonsense"], "无法识别的参数“--nonsense”"),
        (&["chek", "a.ron"], "命令行有误："),
        (
            &["print", "nothing", "a.ron", "--out", "a.pdf"],
            "“nothing”不是 <DOCUMENT> 可取的值（可取：checklist、",
        ),
        (&["export", "a.ron"], "缺少 --out-dir <OUT_DIR>"),
    ];
    for (args, said) in cases {
        let run = zhibu(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let message = text(&run.stderr);
        assert!(message.contains(said), "{args:?}: {message}");
        assert!(message.contains("用法：zhibu"), "{args:?}: {message}");
        assert!(message.contains("详见 zhibu --help"), "{args:?}: {message}");
        assert!(
            !message.contains("error:") && !message.contains("For more information"),
            "{message}"
        );
    }
}
