//! `zhibu export` and `zhibu county`, run as the real binary.

mod common;

use common::{Sandbox, text, zhibu};

#[test]
fn export_then_county_rolls_up_the_folder_and_lists_unusable_files() {
    let sandbox = Sandbox::new();
    let mut ledger = zhibu::demo::demo_ledger(30, zhibu::model::Date::constant(2006, 3, 10));
    ledger.branch.name = "东街社区党支部".into();
    let file = sandbox.write_ledger("支部.ron", &ledger);
    let out_dir = sandbox.path("导出");
    let run = zhibu(&[
        "export",
        file.to_str().expect("path"),
        "--out-dir",
        out_dir.to_str().expect("path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(printed.contains("已导出工作簿"), "{printed}");
    assert!(printed.contains("不含联系电话和身份证号"), "{printed}");
    let exports = zhibu::report::county::export_files_in(&out_dir).expect("folder");
    assert_eq!(exports.len(), 1);
    let junk = sandbox.path("坏文件.zhibu-export.ron");
    std::fs::write(&junk, "(format:1)").expect("write");

    let county = sandbox.path("county.xlsx");
    let county_arg = county.to_str().expect("path");
    let run = zhibu(&[
        "county",
        out_dir.to_str().expect("path"),
        junk.to_str().expect("path"),
        "--out",
        county_arg,
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(printed.contains("东街社区党支部"), "{printed}");
    assert!(printed.contains("合计（1 个支部）"), "{printed}");
    assert!(printed.contains("坏文件.zhibu-export.ron"), "{printed}");
    assert!(county.exists());

    // Never over an existing file.
    let again = zhibu(&["county", out_dir.to_str().expect("path"), "--out", county_arg]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("不会覆盖"));
}

#[test]
fn county_without_usable_files_says_so() {
    let sandbox = Sandbox::new();
    let junk = sandbox.path("notes.txt");
    std::fs::write(&junk, "hello").expect("write");
    let out = sandbox.path("county.xlsx");
    let run = zhibu(&[
        "county",
        junk.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(!run.status.success());
    let printed = text(&run.stdout) + &text(&run.stderr);
    assert!(printed.contains("这不是支部台账导出文件"), "{printed}");
    assert!(printed.contains("没有可用的导出文件"), "{printed}");
    assert!(!out.exists());
}

#[test]
fn a_demo_county_of_numbered_branches_in_township_folders_rolls_up_to_a_row_each() {
    let sandbox = Sandbox::new();
    let county_dir = sandbox.path("县");
    let numbers = [0, 1, 7, 40];
    for number in numbers {
        let ledger = sandbox.path(&format!("支部{number}.ron"));
        let ledger = ledger.to_str().expect("utf-8 path");
        let made = zhibu(&[
            "demo",
            "--out",
            ledger,
            "--members",
            "12",
            "--number",
            &number.to_string(),
        ]);
        assert!(made.status.success(), "{}", text(&made.stderr));
        // One folder per township, one per branch inside it.
        let dir = county_dir.join(format!("乡镇{}", number % 2)).join(number.to_string());
        let run = zhibu(&["export", ledger, "--out-dir", dir.to_str().expect("utf-8 path")]);
        assert!(run.status.success(), "{}", text(&run.stderr));
    }
    let out = sandbox.path("汇总.xlsx");
    let run = zhibu(&[
        "county",
        county_dir.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(printed.contains("找到 4 个导出文件"), "{printed}");
    assert!(
        printed.contains(&format!("合计（{} 个支部）", numbers.len())),
        "{printed}"
    );
    for village in ["红星村", "柳树村", "南湖村"] {
        assert!(printed.contains(village), "{village}: {printed}");
    }
    let refused = zhibu(&[
        "demo",
        "--out",
        sandbox.path("x.ron").to_str().expect("path"),
        "--number",
        "150",
    ]);
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("支部编号应在 0 到 149 之间"));
}

#[test]
fn county_writes_a_signed_roll_up_file_that_the_next_county_reads_with_subtotals() {
    let sandbox = Sandbox::new();
    let township = sandbox.path("青山镇");
    for number in [0, 1] {
        let ledger = sandbox.path(&format!("支部{number}.ron"));
        let ledger = ledger.to_str().expect("utf-8 path");
        let made = zhibu(&[
            "demo",
            "--out",
            ledger,
            "--members",
            "8",
            "--number",
            &number.to_string(),
        ]);
        assert!(made.status.success(), "{}", text(&made.stderr));
        let dir = township.join(number.to_string());
        let run = zhibu(&["export", ledger, "--out-dir", dir.to_str().expect("utf-8 path")]);
        assert!(run.status.success(), "{}", text(&run.stderr));
    }
    let rollup = sandbox.path("上交").join("青山镇-20261202.zhibu-rollup.ron");
    std::fs::create_dir_all(rollup.parent().expect("folder")).expect("folder");
    let rollup_arg = rollup.to_str().expect("utf-8 path");
    let township_arg = township.to_str().expect("utf-8 path");
    let first_table = sandbox.path("镇汇总.xlsx");
    let run = zhibu(&[
        "county",
        township_arg,
        "--out",
        first_table.to_str().expect("utf-8 path"),
        "--rollup",
        rollup_arg,
        "--office",
        "中共青山镇委员会",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(
        printed.contains("已生成汇总文件：「中共青山镇委员会」汇总 2 个支部，已签名"),
        "{printed}"
    );
    assert!(printed.contains("按上级党委小计"), "{printed}");
    assert!(printed.contains("小计："), "{printed}");
    assert!(rollup.exists());

    // The same name again: refused without --force, and the file kept.
    let before = std::fs::read(&rollup).expect("read");
    let again = zhibu(&[
        "county",
        township_arg,
        "--out",
        sandbox.path("再次.xlsx").to_str().expect("utf-8 path"),
        "--rollup",
        rollup_arg,
        "--office",
        "中共青山镇委员会",
    ]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("不会覆盖"), "{}", text(&again.stderr));
    assert_eq!(std::fs::read(&rollup).expect("read"), before);

    // The county reads the roll-up file, with one branch sent directly too.
    let direct = township.join("0");
    let county_table = sandbox.path("县汇总.xlsx");
    let run = zhibu(&[
        "county",
        rollup_arg,
        direct.to_str().expect("utf-8 path"),
        "--out",
        county_table.to_str().expect("utf-8 path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(
        printed.contains("可用：「中共青山镇委员会」的汇总文件，含 2 个支部"),
        "{printed}"
    );
    assert!(
        printed.contains("合计（2 个支部）"),
        "a branch in both is counted once: {printed}"
    );
    assert!(printed.contains("按汇总文件小计"), "{printed}");
    assert!(printed.contains("记下「中共青山镇委员会」的公钥"), "{printed}");
    assert!(county_table.exists());
}
