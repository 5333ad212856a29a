//! Roll-ups that roll up: townships' roll-up files read by the county and
//! the county's by the city give the totals of the branches themselves, a
//! branch is counted once wherever it appears, a changed roll-up file is
//! refused, and the subtotals add up.

use std::path::{Path, PathBuf};

use super::groups::Grouping;
use super::rollup_file::{self, ROLLUP_FORMAT, RollupError};
use super::*;
use crate::model::Date;
use crate::report::signature::SigningKey;
use crate::report::{ExportOptions, Replace, export_file};

const TODAY: Date = Date::constant(2006, 3, 10);

fn key(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

fn at(hour: i8) -> jiff::civil::DateTime {
    TODAY.at(hour, 0, 0, 0)
}

/// Branch `n` of a small county: two townships, its own key.
fn branch(n: usize) -> crate::model::Ledger {
    let mut ledger = crate::demo::demo_ledger(6 + n, TODAY);
    let town = if n < 3 { "青山镇" } else { "石门镇" };
    ledger.branch.name = format!("{town}第{n}村党支部");
    ledger.branch.superior = format!("中共{town}委员会");
    ledger
}

/// Writes branch `n`'s export, made at `hour` with `options`, into `dir`.
fn export(dir: &Path, n: usize, hour: i8, options: ExportOptions) -> PathBuf {
    let ledger = branch(n);
    let figures = crate::progress::figures(&ledger, TODAY);
    let folder = dir.join(format!("支部{n}-{hour}"));
    std::fs::create_dir_all(&folder).unwrap();
    let key = key(u8::try_from(n + 1).unwrap());
    export_file::write(&folder, &ledger, &figures, options, at(hour), &key).unwrap()
}

/// Rolls up `paths` and writes the roll-up file of `office` at `path`,
/// signed with `office_key`.
fn rollup_file_of(paths: &[PathBuf], office: &str, path: &Path, office_key: &SigningKey) -> RollUp {
    let rollup = roll_up(paths, |_| {});
    rollup_file::write(&rollup, path, (office, false), office_key, &OutputRules::new()).unwrap();
    rollup
}

fn status<'a>(rollup: &'a RollUp, path: &Path) -> &'a FileReport {
    rollup.files.iter().find(|f| f.path == path).expect("listed")
}

#[test]
fn nested_roll_ups_give_the_totals_of_the_branches_and_count_a_branch_once() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let options = ExportOptions::default();
    // Branch 2 exported twice: the first township has the older file, the
    // second the newer; branch 3's one file is in both townships.
    let old2 = export(d, 2, 9, options);
    let newest: Vec<PathBuf> = (0..6).map(|n| export(d, n, 15, options)).collect();
    let direct = roll_up(&newest, |_| {});
    assert_eq!(direct.rows.len(), 6);

    let east = d.join("东片-20060310.zhibu-rollup.ron");
    let west = d.join("西片-20060310.zhibu-rollup.ron");
    let east_paths = vec![newest[0].clone(), newest[1].clone(), old2.clone(), newest[3].clone()];
    let west_paths = vec![
        newest[2].clone(),
        newest[3].clone(),
        newest[4].clone(),
        newest[5].clone(),
    ];
    rollup_file_of(&east_paths, "东片联合党委", &east, &key(101));
    rollup_file_of(&west_paths, "西片联合党委", &west, &key(102));

    let county = roll_up(&[east.clone(), west.clone()], |_| {});
    assert_eq!(county.rows.len(), 6, "{:#?}", county.files);
    assert_eq!(county.totals(), direct.totals());
    assert_eq!(county.averages(), direct.averages());
    for (a, b) in county.rows.iter().zip(&direct.rows) {
        assert_eq!((&a.branch, &a.figures), (&b.branch, &b.figures));
    }
    let from_west = county
        .rows
        .iter()
        .position(|r| r.branch == "青山镇第2村党支部")
        .unwrap();
    assert_eq!(county.rows[from_west].path, west, "the newer export of branch 2");
    assert_eq!(county.sources[from_west].source, newest[2].display().to_string());
    assert_eq!(county.sources[from_west].via, vec![west.display().to_string()]);
    let east_report = status(&county, &east);
    assert_eq!(east_report.status, FileStatus::Used);
    assert_eq!(east_report.set_aside, 2, "branches 2 and 3 come from the west");
    let words = east_report.status_text();
    assert!(words.contains("含 4 个支部，采用 2 个"), "{words}");
    assert!(
        words.contains("「青山镇第2村党支部」未用：同一支部有较新的导出文件（导出于 2006-03-10 15:00:00），已改用"),
        "{words}"
    );
    assert!(
        words.contains(&west.display().to_string()),
        "names the file used: {words}"
    );
    assert!(
        words.contains("「石门镇第3村党支部」未用：同一支部的另一份导出文件也导出于"),
        "{words}"
    );
    assert!(words.contains("应是同一次导出"), "the tie says why: {words}");

    // The county's own file, read by the city, with a branch sent directly too.
    let county_file = d.join("县-20060310.zhibu-rollup.ron");
    rollup_file::write(
        &county,
        &county_file,
        ("县委先教办", false),
        &key(103),
        &OutputRules::new(),
    )
    .unwrap();
    let city = roll_up(&[county_file.clone(), newest[0].clone()], |_| {});
    assert_eq!(city.rows.len(), 6);
    assert_eq!(city.totals(), direct.totals());
    let nested = city.rows.iter().position(|r| r.branch == "青山镇第2村党支部").unwrap();
    assert_eq!(
        city.sources[nested].via,
        vec![west.display().to_string(), county_file.display().to_string()],
        "the chain of roll-up files it came through"
    );
    let used: Vec<&FileReport> = city.files.iter().filter(|f| f.status == FileStatus::Used).collect();
    assert_eq!(
        used.len(),
        2,
        "the county's file and one of branch 0's: {:#?}",
        city.files
    );
}

#[test]
fn a_changed_or_foreign_or_newer_roll_up_file_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let paths: Vec<PathBuf> = (0..2).map(|n| export(d, n, 15, ExportOptions::default())).collect();
    let file = d.join("青山镇-20060310.zhibu-rollup.ron");
    rollup_file_of(&paths, "中共青山镇委员会", &file, &key(101));
    let text = std::fs::read_to_string(&file).unwrap();

    // The body changed and the checksum written anew: the signature breaks.
    let mut lines = text.splitn(3, '\n');
    let (comment, header, body) = (lines.next().unwrap(), lines.next().unwrap(), lines.next().unwrap());
    let head = format!("{comment}\n{header}\n");
    let edited = body.replacen("total: ", "total: 9", 1);
    assert_ne!(edited, body);
    let old = &head[head.find("sha256:").unwrap()..][..7 + 64];
    let new = export_file::checksum_of(&crate::report::signature::body_digest(edited.as_bytes()));
    let forged = d.join("改过-20060310.zhibu-rollup.ron");
    std::fs::write(&forged, format!("{}{edited}", head.replace(old, &new))).unwrap();
    // Cut short: the checksum no longer matches.
    let cut = d.join("不完整-20060310.zhibu-rollup.ron");
    std::fs::write(&cut, &text[..text.len() - 40]).unwrap();
    // Of a newer program.
    let newer = d.join("新版-20060310.zhibu-rollup.ron");
    std::fs::write(
        &newer,
        text.replacen("(format:1,", &format!("(format:{},", ROLLUP_FORMAT + 1), 1),
    )
    .unwrap();
    let junk = d.join("乱码.zhibu-rollup.ron");
    std::fs::write(&junk, "hello").unwrap();

    let rollup = roll_up(&[forged.clone(), cut.clone(), newer.clone(), junk.clone()], |_| {});
    assert!(rollup.rows.is_empty(), "nothing of a doubtful file counts");
    let why = status(&rollup, &forged).status_text();
    assert!(matches!(status(&rollup, &forged).status, FileStatus::Suspect(_)));
    assert!(why.starts_with("可能被改动：签名与内容不符"), "{why}");
    let why = status(&rollup, &cut).status_text();
    assert!(why.contains("汇总文件不完整或已被改动"), "{why}");
    assert!(why.contains(&cut.display().to_string()), "{why}");
    let why = status(&rollup, &newer).status_text();
    assert!(
        why.contains("较新版本") && why.contains(&newer.display().to_string()),
        "{why}"
    );
    let why = status(&rollup, &junk).status_text();
    assert!(why.contains("这不是县级汇总文件"), "{why}");

    // Signed by another key than the office's remembered one.
    let mut trust = Trust::default();
    let first = roll_up_with(std::slice::from_ref(&file), &trust, |_| {});
    assert_eq!(first.rows.len(), 2);
    let office_key = first
        .new_keys
        .iter()
        .find(|k| k.superior == rollup_file::OFFICE_MARK)
        .expect("the office's key is remembered at first sight");
    trust.known.remember(office_key.clone());
    let stranger = d.join("他人-20060310.zhibu-rollup.ron");
    rollup_file_of(&paths, "中共青山镇委员会", &stranger, &key(99));
    let later = roll_up_with(&[file.clone(), stranger.clone()], &trust, |_| {});
    let why = status(&later, &stranger).status_text();
    assert!(why.contains("不是此前记下的该汇总单位密钥"), "{why}");
    assert!(why.contains("--accept-key 中共青山镇委员会"), "{why}");
    assert_eq!(status(&later, &file).status, FileStatus::Used);
    assert_eq!(later.rows.len(), 2);
}

#[test]
fn a_roll_up_file_is_never_replaced_silently() {
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![export(dir.path(), 0, 15, ExportOptions::default())];
    let rollup = roll_up(&paths, |_| {});
    let file = dir.path().join("青山镇-20060310.zhibu-rollup.ron");
    rollup_file::write(&rollup, &file, ("青山镇", false), &key(1), &OutputRules::new()).unwrap();
    let first = std::fs::read(&file).unwrap();
    let again = rollup_file::write(&rollup, &file, ("青山镇", false), &key(1), &OutputRules::new());
    assert!(
        matches!(&again, Err(RollupError::Export(crate::report::ExportError::Refused(r))) if r.needs_confirmation()),
        "{again:?}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), first);
    let yes = OutputRules::new().replacing(Replace::Yes);
    rollup_file::write(&rollup, &file, ("青山镇", false), &key(1), &yes).unwrap();
    // Never over a file rolled up, even when allowed to replace.
    let over_input = rollup_file::write(&rollup, &paths[0], ("青山镇", false), &key(1), &yes);
    assert!(over_input.is_err(), "{over_input:?}");
    assert!(export_file::read(&paths[0]).is_ok());
    // The office's own key is made once beside the file and kept.
    let (fingerprint, made) = rollup_file::write_signed(&rollup, &file, ("青山镇", false), &yes).unwrap();
    assert!(made);
    let (again, made) = rollup_file::write_signed(&rollup, &file, ("青山镇", false), &yes).unwrap();
    assert_eq!((again, made), (fingerprint, false));
    assert!(matches!(
        rollup_file::write_signed(&rollup, &file, (" ", false), &yes),
        Err(RollupError::NoOffice)
    ));
}

#[test]
fn subtotals_per_superior_and_per_roll_up_file_are_the_sums_of_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let exports: Vec<PathBuf> = (0..5).map(|n| export(d, n, 15, ExportOptions::default())).collect();
    let township = d.join("青山镇-20060310.zhibu-rollup.ron");
    rollup_file_of(&exports[..3], "中共青山镇委员会", &township, &key(101));
    let rollup = roll_up(&[township.clone(), exports[3].clone(), exports[4].clone()], |_| {});
    assert_eq!(rollup.rows.len(), 5);
    let groups = rollup.subtotals(Grouping::Superior);
    assert_eq!(groups.len(), 2);
    let members = Column::ALL.iter().position(|c| *c == Column::Members).unwrap();
    let mut sum = 0.0;
    for (group, [total, average]) in &groups {
        let rows: Vec<&BranchRow> = group.rows.iter().map(|&r| &rollup.rows[r]).collect();
        assert!(rows.iter().all(|r| r.superior == group.title), "{group:?}");
        let expected: u32 = rows.iter().map(|r| r.figures.members.total).sum();
        assert_eq!(total[members], Value::from(expected), "{}", group.title);
        assert_eq!(
            average[members],
            Value::Number(f64::from(expected) / rows.len() as f64),
            "{}",
            group.title
        );
        assert!(total[0].text().contains(&format!("（{} 个支部）", rows.len())));
        sum += f64::from(expected);
    }
    assert_eq!(rollup.totals()[members], Value::Number(sum));

    assert!(rollup.has_rolled_rows());
    let by_file = rollup.groups(Grouping::RollUpFile);
    let titles: Vec<&str> = by_file.iter().map(|g| g.title.as_str()).collect();
    assert_eq!(
        titles,
        [township.display().to_string().as_str(), "直接交来的支部导出文件"]
    );
    assert_eq!(by_file[0].rows.len(), 3);
    let table = rollup.group_table(Grouping::Superior);
    assert_eq!(
        table.rows.len(),
        5 + 2 * 2 + 2,
        "rows, 小计 and 平均 per township, 合计 and 平均"
    );
    assert!(rollup.workbook().is_ok());
}

#[test]
fn records_are_read_only_when_asked_and_travel_through_a_roll_up_file() {
    let dir = tempfile::tempdir().unwrap();
    let with = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let paths = vec![
        export(dir.path(), 0, 15, with),
        export(dir.path(), 3, 15, ExportOptions::default()),
    ];
    let figures_only = roll_up(&paths, |_| {});
    assert!((0..2).all(|r| figures_only.records(r).is_none()));
    let full = roll_up_with_records(&paths, &Trust::default(), |_| {});
    let sent = full.rows.iter().position(|r| r.branch == "青山镇第0村党支部").unwrap();
    assert_eq!(
        full.records(sent).map(|l| l.branch.name.as_str()),
        Some("青山镇第0村党支部")
    );
    assert!(full.records(1 - sent).is_none(), "that branch sent figures only");
    assert_eq!(full.totals(), figures_only.totals());

    let file = dir.path().join("青山镇-20060310.zhibu-rollup.ron");
    rollup_file::write(&full, &file, ("青山镇", true), &key(9), &OutputRules::new()).unwrap();
    let again = roll_up_with_records(std::slice::from_ref(&file), &Trust::default(), |_| {});
    assert_eq!(again.records(sent), full.records(sent));
    assert!(again.records(1 - sent).is_none());
    let figures = roll_up(std::slice::from_ref(&file), |_| {});
    assert!(figures.records(sent).is_none(), "the figures-only read skips them");
    assert_eq!(figures.totals(), full.totals());
}

#[test]
fn exports_of_the_same_second_go_to_the_ledger_saved_more_times() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = branch(1);
    let figures = crate::progress::figures(&ledger, TODAY);
    let mut paths = Vec::new();
    // The later path by name holds the fewer saves: the counter decides.
    for (folder, counter) in [("a", 5), ("b", 3)] {
        let text = export_file::render_counted(
            &ledger,
            &figures,
            (ExportOptions::default(), at(9), Some(counter)),
            &key(2),
        )
        .unwrap();
        let path = dir.path().join(folder).join("x.zhibu-export.ron");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        paths.push(path);
    }
    let rollup = roll_up(&paths, |_| {});
    assert_eq!(rollup.rows[0].path, paths[0]);
    assert_eq!(rollup.sources[0].save_counter, Some(5));
    let set_aside = status(&rollup, &paths[1]).status_text();
    assert!(set_aside.contains("也导出于 2006-03-10 09:00:00"), "{set_aside}");
    assert!(
        set_aside.contains("按台账保存次数取较多的：所用文件导出时台账已保存第 5 次，本文件第 3 次"),
        "{set_aside}"
    );
    assert!(set_aside.contains(&paths[0].display().to_string()), "{set_aside}");
}

#[test]
fn an_export_made_from_a_saved_ledger_carries_its_save_counter() {
    let dir = tempfile::tempdir().unwrap();
    let ledger_path = dir.path().join("支部台账.ron");
    let ledger = branch(0);
    std::fs::write(&ledger_path, crate::store::to_text(&ledger, 17).unwrap()).unwrap();
    let figures = crate::progress::figures(&ledger, TODAY);
    let rules = OutputRules::new().from_ledger(&ledger_path);
    let made = (ExportOptions::default(), at(9));
    let path = export_file::write_with(dir.path(), &ledger, &figures, made, &key(1), &rules).unwrap();
    let read = export_file::read_figures(&path).unwrap();
    assert_eq!(read.header.save_counter, Some(17));
    // A file of a program before the counter (and signatures) still reads.
    let text = std::fs::read_to_string(&path).unwrap();
    let cut = text.find(",save_counter:Some(17),").expect("in the header");
    let end = text[cut..].find('\n').unwrap() + cut;
    let old = d_old(&text, cut, end);
    std::fs::write(&path, old).unwrap();
    let read = export_file::read_figures(&path).unwrap();
    assert_eq!(read.header.save_counter, None);
    assert_eq!(read.seal, crate::report::signature::Seal::Unsigned);
}

/// `text` with its header line cut at `cut` (up to the line's `end`).
fn d_old(text: &str, cut: usize, end: usize) -> String {
    format!("{})\n{}", &text[..cut], &text[end + 1..])
}
