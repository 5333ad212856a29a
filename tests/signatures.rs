//! Exports that prove who made them: each ledger's key signs its export
//! files; the county roll-up remembers each branch's key and flags a file
//! edited after export, forged elsewhere, or unsigned as 可能被改动, never
//! letting it replace a genuine one — in the library and through
//! `zhibu export` / `zhibu county`.

mod common;

use std::path::{Path, PathBuf};

use common::{Sandbox, text, zhibu};
use sha2::{Digest, Sha256};
use zhibu::model::{Date, Ledger};
use zhibu::report::county::{self, FileStatus, RollUp};
use zhibu::report::known_keys::{self, FILE_NAME};
use zhibu::report::signature::{PublicKey, Seal, SigningKey};
use zhibu::report::{ExportOptions, OutputKind, OutputRefused, OutputRules, Replace, export_file, export_package_with};
use zhibu::store::key;

const TODAY: Date = Date::constant(2006, 3, 10);
const BRANCH: &str = "东街社区党支部";

fn branch(members: usize) -> Ledger {
    let mut ledger = zhibu::demo::demo_ledger(members, TODAY);
    ledger.branch.name = BRANCH.into();
    ledger
}

/// Exports the ledger at `path` into `folder` as the window does.
fn export_from(path: &Path, folder: &Path, options: ExportOptions) -> zhibu::report::Exported {
    let ledger = zhibu::store::load(path).expect("ledger").ledger;
    let rules = OutputRules::new().from_ledger(path).replacing(Replace::Yes);
    export_package_with(folder, &ledger, TODAY, options, &rules).expect("export")
}

/// How many members the figures of `ledger` on `day` count.
fn members_on(ledger: &Ledger, day: Date) -> u32 {
    zhibu::progress::figures(ledger, day).members.total
}

/// A file of the branch made elsewhere: other figures (of `branch(90)` on
/// `TODAY`), exported a day later than now, signed by a key that is not
/// the branch's.
fn forge(folder: &Path) -> PathBuf {
    let ledger = branch(90);
    let figures = zhibu::progress::figures(&ledger, TODAY);
    let later = jiff::Zoned::now()
        .datetime()
        .checked_add(jiff::Span::new().days(1))
        .expect("tomorrow");
    let stranger = SigningKey::from_bytes(&[42; 32]);
    export_file::write(folder, &ledger, &figures, ExportOptions::default(), later, &stranger).expect("forged")
}

/// The file's text with its body changed and the checksum written anew,
/// as someone who read the module documentation would.
fn edit_with_new_checksum(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let mut lines = text.splitn(3, '\n');
    let (comment, header, body) = (
        lines.next().expect("comment"),
        lines.next().expect("header"),
        lines.next().expect("body"),
    );
    let edited = body.replacen("total: ", "total: 9", 1);
    assert_ne!(edited, body, "a figure to change");
    let old = &header[header.find("sha256:").expect("checksum")..][..7 + 64];
    let digest = Sha256::digest(edited.as_bytes());
    let new: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let header = header.replace(old, &format!("sha256:{new}"));
    std::fs::write(path, format!("{comment}\n{header}\n{edited}")).expect("write");
}

/// The file as a program before signatures wrote it: the header without
/// `public_key` and `signature`.
fn strip_signature(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let mut lines: Vec<&str> = text.split('\n').collect();
    let cut = lines[1].find(",public_key:").expect("signed header");
    let old = format!("{})", &lines[1][..cut]);
    lines[1] = &old;
    std::fs::write(path, lines.join("\n")).expect("write");
}

fn status_of<'a>(rollup: &'a RollUp, path: &Path) -> &'a FileStatus {
    &rollup.files.iter().find(|f| f.path == path).expect("listed").status
}

#[test]
fn a_signed_export_verifies_with_the_ledgers_own_key() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    assert_eq!(key::read_key(&path), Ok(None), "a ledger saved by hand has no key yet");
    let out = export_from(&path, &sandbox.path("导出"), ExportOptions::default());
    assert!(out.key_made, "the first export makes the key");
    let secret = key::read_key(&path).expect("readable").expect("made");
    assert_eq!(out.fingerprint, key::fingerprint(&secret));
    let read = export_file::read(&out.export_file).expect("reads");
    assert_eq!(read.seal, Seal::Signed(PublicKey::of(&secret)));
    let figures = export_file::read_figures(&out.export_file).expect("reads");
    assert_eq!(figures.seal, read.seal);

    let again = export_from(&path, &sandbox.path("导出"), ExportOptions::default());
    assert!(!again.key_made, "one key per ledger");
    assert_eq!(again.fingerprint, out.fingerprint);
}

#[test]
fn a_new_ledger_gets_its_key_when_it_is_made() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("新台账.ron");
    let doc = zhibu::edit::Document::create(&path, branch(5)).expect("made");
    drop(doc);
    assert!(key::read_key(&path).expect("readable").is_some());

    let demo = sandbox.path("示例.ron");
    let run = zhibu(&["demo", "--out", demo.to_str().expect("path"), "--members", "8"]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(key::read_key(&demo).expect("readable").is_some(), "zhibu demo too");
}

#[test]
fn the_key_file_never_goes_into_an_export_and_is_never_an_output() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    let everything = ExportOptions {
        include_records: true,
        include_personal: true,
    };
    let out = export_from(&path, &sandbox.path("导出"), everything);
    let key_text = std::fs::read_to_string(key::key_path(&path)).expect("key file");
    let secret = key_text
        .lines()
        .find_map(|l| l.strip_prefix("ed25519-secret:"))
        .expect("secret line");
    for file in [&out.export_file, &out.workbook] {
        let bytes = std::fs::read(file).expect("read");
        let shown = String::from_utf8_lossy(&bytes);
        assert!(!shown.contains(secret), "{}", file.display());
        assert!(!shown.contains("ed25519-secret"), "{}", file.display());
    }
    let exported = std::fs::read_dir(sandbox.path("导出")).expect("folder").count();
    assert_eq!(exported, 2, "the workbook and the export file, nothing else");

    let rules = OutputRules::new().replacing(Replace::Yes);
    let refused = rules
        .check(&key::key_path(&path), OutputKind::Pdf)
        .expect_err("a key file");
    assert!(matches!(refused, OutputRefused::KeyFile { .. }), "{refused}");
    let run = zhibu(&[
        "print",
        "checklist",
        path.to_str().expect("path"),
        "--out",
        key::key_path(&path).to_str().expect("path"),
        "--force",
    ]);
    assert!(!run.status.success());
    assert_eq!(std::fs::read_to_string(key::key_path(&path)).expect("kept"), key_text);
}

#[test]
fn an_edited_body_with_a_recomputed_checksum_is_flagged() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    let out = export_from(&path, &sandbox.path("导出"), ExportOptions::default());
    edit_with_new_checksum(&out.export_file);
    let read = export_file::read(&out.export_file).expect("the checksum matches again");
    assert!(matches!(read.seal, Seal::Broken(_)), "{:?}", read.seal);

    let rollup = county::roll_up(std::slice::from_ref(&out.export_file), |_| {});
    assert!(rollup.rows.is_empty(), "not counted");
    let FileStatus::Suspect(why) = status_of(&rollup, &out.export_file) else {
        panic!("{:?}", rollup.files);
    };
    assert!(why.starts_with("可能被改动："), "{why}");
    assert!(why.contains("导出后被改动过"), "{why}");
    assert!(rollup.files[0].status_text().contains(BRANCH), "says whom to ask");
}

#[test]
fn a_later_forged_file_signed_by_another_key_never_replaces_the_genuine_one() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    let exports = sandbox.path("各支部");
    let genuine = export_from(&path, &exports, ExportOptions::default()).export_file;
    let keys = known_keys::keys_path(&exports);
    let first = county::roll_up_remembering(std::slice::from_ref(&genuine), &keys, &[], |_| {}).expect("rolls up");
    assert_eq!(first.new_keys.len(), 1, "first sight: remembered");
    let remembered = known_keys::load(&keys).expect("keys file");
    let secret = key::read_key(&path).expect("key").expect("made");
    assert_eq!(
        remembered
            .get(&branch(30).branch.superior, BRANCH)
            .map(|k| &k.public_key),
        Some(&PublicKey::of(&secret))
    );

    let forged = forge(&exports.join("伪造"));
    let files = county::export_files_in(&exports).expect("folder");
    assert_eq!(files.len(), 2);
    let rollup = county::roll_up_remembering(&files, &keys, &[], |_| {}).expect("rolls up");
    assert_eq!(status_of(&rollup, &genuine), &FileStatus::Used);
    assert_eq!(rollup.rows.len(), 1);
    assert_eq!(rollup.rows[0].path, genuine);
    assert_eq!(
        rollup.rows[0].figures.members.total,
        members_on(&branch(30), TODAY),
        "the genuine figures"
    );
    let FileStatus::Suspect(why) = status_of(&rollup, &forged) else {
        panic!("{:?}", rollup.files);
    };
    assert!(why.contains("不是此前记下的本支部密钥"), "{why}");
    assert!(why.contains("--accept-key"), "says what to do: {why}");
    assert_eq!(
        known_keys::load(&keys).expect("kept"),
        remembered,
        "the key is not replaced"
    );

    // Both seen at once for the first time: neither is trusted.
    let fresh = county::roll_up(&files, |_| {});
    assert!(fresh.rows.is_empty(), "{:?}", fresh.files);
    assert!(fresh.files.iter().all(|f| f.status_text().contains("2 个不同的密钥")));

    // The county confirms a new key: the newest signed file counts.
    let accepted = county::roll_up_remembering(&files, &keys, &[BRANCH.to_owned()], |_| {}).expect("rolls up");
    assert_eq!(status_of(&accepted, &forged), &FileStatus::Used);
    assert!(matches!(status_of(&accepted, &genuine), FileStatus::Suspect(_)));
    assert_eq!(accepted.new_keys.len(), 1);
}

#[test]
fn an_unsigned_old_format_file_still_reads_and_is_flagged_as_unsigned() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    let out = export_from(&path, &sandbox.path("导出"), ExportOptions::default());
    strip_signature(&out.export_file);
    let read = export_file::read(&out.export_file).expect("format 1 without signature reads");
    assert_eq!(read.seal, Seal::Unsigned);
    assert_eq!(read.header.public_key, None);
    assert_eq!(read.body.figures.members.total, members_on(&branch(30), TODAY));
    let rollup = county::roll_up(std::slice::from_ref(&out.export_file), |_| {});
    let FileStatus::Suspect(why) = status_of(&rollup, &out.export_file) else {
        panic!("{:?}", rollup.files);
    };
    assert!(why.contains("没有签名"), "{why}");
    assert!(why.contains("新版程序重新导出"), "{why}");
}

#[test]
fn a_damaged_key_file_is_never_overwritten_without_being_asked() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(12));
    let key_file = key::key_path(&path);
    std::fs::write(&key_file, "被别的程序改坏了").expect("write");
    let ledger = zhibu::store::load(&path).expect("ledger").ledger;
    let folder = sandbox.path("导出");
    let rules = OutputRules::new().from_ledger(&path);
    let err = export_package_with(&folder, &ledger, TODAY, ExportOptions::default(), &rules).expect_err("damaged key");
    assert!(err.needs_new_key(), "{err}");
    assert!(err.to_string().contains("签名密钥文件已损坏"), "{err}");
    assert_eq!(std::fs::read_to_string(&key_file).expect("kept"), "被别的程序改坏了");
    assert!(!folder.exists() || std::fs::read_dir(&folder).expect("folder").count() == 0);

    let args = [
        "export",
        path.to_str().expect("path"),
        "--out-dir",
        folder.to_str().expect("path"),
    ];
    let run = zhibu(&args);
    assert!(!run.status.success());
    assert!(text(&run.stderr).contains("--new-key"), "{}", text(&run.stderr));
    assert_eq!(std::fs::read_to_string(&key_file).expect("kept"), "被别的程序改坏了");

    let run = zhibu(&[&args[..], &["--new-key"]].concat());
    assert!(run.status.success(), "{}", text(&run.stderr));
    let printed = text(&run.stdout);
    assert!(printed.contains("县先教办汇总时会看到本支部换了密钥"), "{printed}");
    let aside: Vec<PathBuf> = std::fs::read_dir(sandbox.dir.path())
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().contains(key::ASIDE_MARK))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept");
    assert_eq!(std::fs::read_to_string(&aside[0]).expect("kept"), "被别的程序改坏了");
    assert!(key::read_key(&path).expect("new key").is_some());
}

#[test]
fn zhibu_county_keeps_the_genuine_file_over_a_later_forgery_until_the_key_is_confirmed() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    let exports = sandbox.path("各支部");
    let run = zhibu(&[
        "export",
        path.to_str().expect("path"),
        "--out-dir",
        exports.to_str().expect("path"),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("本支部公钥指纹"), "{}", text(&run.stdout));
    let county = |out: &str, more: &[&str]| {
        let out = sandbox.path(out);
        let mut args = vec![
            "county",
            exports.to_str().expect("path"),
            "--out",
            out.to_str().expect("path"),
        ];
        args.extend_from_slice(more);
        zhibu(&args)
    };
    let first = county("第一次.xlsx", &[]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains(&format!("记下「{BRANCH}」的公钥")));
    let keys = exports.join(FILE_NAME);
    let remembered = std::fs::read_to_string(&keys).expect("keys file beside the exports");

    let forged = forge(&exports.join("伪造"));
    let second = county("第二次.xlsx", &[]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    let printed = text(&second.stdout);
    assert!(
        printed.contains(&format!("[可能被改动] {}：可能被改动", forged.display())),
        "names the forged file: {printed}"
    );
    assert!(printed.contains("[可用]"), "{printed}");
    assert!(printed.contains("1 个文件可能被改动"), "{printed}");
    let today = jiff::Zoned::now().date();
    let genuine_total = format!("合计（1 个支部）\t\t\t{}\t", members_on(&branch(30), today));
    let forged_total = format!("合计（1 个支部）\t\t\t{}\t", members_on(&branch(90), TODAY));
    assert_ne!(genuine_total, forged_total);
    assert!(printed.contains(&genuine_total), "the genuine figures: {printed}");
    assert_eq!(std::fs::read_to_string(&keys).expect("kept"), remembered);

    let confirmed = county("第三次.xlsx", &["--accept-key", BRANCH]);
    assert!(confirmed.status.success(), "{}", text(&confirmed.stderr));
    let printed = text(&confirmed.stdout);
    assert!(printed.contains(&format!("[可用] {}", forged.display())), "{printed}");
    assert!(printed.contains(&forged_total), "{printed}");
    assert_ne!(
        std::fs::read_to_string(&keys).expect("keys"),
        remembered,
        "the new key remembered"
    );
}

#[test]
fn zhibu_county_stops_on_a_damaged_keys_file_and_leaves_it_alone() {
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(10));
    let exports = sandbox.path("各支部");
    export_from(&path, &exports, ExportOptions::default());
    let keys = sandbox.path("公钥.ron");
    std::fs::write(&keys, "（损坏）").expect("write");
    let out = sandbox.path("县.xlsx");
    let run = zhibu(&[
        "county",
        exports.to_str().expect("path"),
        "--out",
        out.to_str().expect("path"),
        "--keys",
        keys.to_str().expect("path"),
    ]);
    assert!(!run.status.success());
    let said = text(&run.stderr);
    assert!(said.contains("记录各支部公钥的文件已损坏"), "{said}");
    assert!(said.contains("公钥.ron"), "names the file: {said}");
    assert_eq!(std::fs::read_to_string(&keys).expect("kept"), "（损坏）");
    assert!(!out.exists());

    let over_keys = zhibu(&[
        "county",
        exports.to_str().expect("path"),
        "--out",
        exports.join(FILE_NAME).to_str().expect("path"),
        "--force",
    ]);
    assert!(!over_keys.status.success(), "the keys file is never the table");
}

#[test]
fn the_county_tab_flags_a_forgery_and_confirms_a_new_key_once_asked() {
    use egui_kittest::kittest::Queryable;
    let sandbox = Sandbox::new();
    let path = sandbox.write_ledger("支部.ron", &branch(30));
    let exports = sandbox.path("各支部");
    let genuine = export_from(&path, &exports, ExportOptions::default()).export_file;
    let keys = known_keys::keys_path(&exports);
    county::roll_up_remembering(std::slice::from_ref(&genuine), &keys, &[], |_| {}).expect("first sight");
    let forged = forge(&exports.join("伪造"));

    let mut harness = common::harness(sandbox.app(None));
    common::click(&mut harness, "县级汇总");
    common::retype(&mut harness, "文件夹", exports.to_str().expect("path"));
    common::click(&mut harness, "添加此文件夹");
    harness.state_mut().export.county.wait();
    harness.run_steps(3);
    harness.get_by_label_contains("1 个文件可能被改动");
    harness.get_by_label_contains("文件检查（2 个文件）").click();
    harness.run_steps(2);
    harness.get_by_label_contains("不是此前记下的本支部密钥");
    harness.get_by_label_contains(&format!("各支部公钥记在：{}", keys.display()));
    let rollup = harness.state().export.county.rollup.clone().expect("rolled up");
    assert_eq!(rollup.rows.len(), 1);
    assert_eq!(rollup.rows[0].path, genuine, "the genuine file is used");

    common::click(&mut harness, "确认新密钥");
    harness.state_mut().export.county.wait();
    harness.run_steps(3);
    let rollup = harness.state().export.county.rollup.clone().expect("rolled up");
    assert_eq!(rollup.rows[0].path, forged, "the confirmed key's newest file");
    assert!(
        harness.state().export.county.accept.is_empty(),
        "confirmed once, not for every later roll-up"
    );
}
