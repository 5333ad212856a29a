//! The county's opinion ledgers: their counts are the branches' own
//! figures, the givers' names stay out unless a branch exported its
//! personal data, and the workbook's sheets hold every opinion.

use calamine::{Data, Reader, Xlsx};

use super::*;
use crate::model::opinion::Source;

const TODAY: Date = Date::constant(2006, 3, 10);
const GIVER: &str = "赵群英";

/// Branch `n`: a demo ledger of its own size, one giver named.
fn branch(n: usize) -> Ledger {
    let mut ledger = crate::demo::demo_ledger(6 + 3 * n, TODAY);
    ledger.branch.name = format!("青山镇第{n}村党支部");
    ledger.branch.superior = "中共青山镇委员会".to_owned();
    let mut opinions = (*ledger.opinions).clone();
    if let Some(o) = opinions.opinions.iter_mut().find(|o| o.source == Source::Masses) {
        o.source_name = GIVER.to_owned();
    }
    ledger.opinions = opinions.into();
    ledger
}

fn units(ledgers: &[Ledger], personal: bool) -> Vec<Unit<'_>> {
    ledgers
        .iter()
        .map(|l| Unit {
            branch: &l.branch.name,
            superior: &l.branch.superior,
            records: l,
            personal,
        })
        .collect()
}

fn cells(table: &Table) -> Vec<String> {
    table
        .header
        .iter()
        .cloned()
        .chain(table.rows.iter().flatten().map(Value::text))
        .collect()
}

#[test]
fn the_ledgers_counts_equal_each_branchs_own_figures() {
    let ledgers: Vec<Ledger> = (0..3).map(branch).collect();
    let ledgers_of = OpinionLedgers::of(&units(&ledgers, false));
    assert_eq!(ledgers_of.units.len(), 3);
    let mut raw = 0;
    for (ledger, counts) in ledgers.iter().zip(&ledgers_of.units) {
        let figures = crate::progress::figures(ledger, TODAY);
        let a = figures.appraisal.expect("the demo branch is in 分析评议");
        assert!(a.opinions_raw > 0, "the demo branch has opinions");
        assert_eq!(counts.raw, a.opinions_raw);
        assert_eq!(counts.merged, a.opinions_merged);
        let by_channel: Vec<u32> = a.opinions_by_channel.iter().map(|(_, n)| *n).collect();
        assert_eq!(counts.by_channel.to_vec(), by_channel);
        assert_eq!(counts.by_source.iter().sum::<u32>(), a.opinions_raw);
        assert_eq!(counts.by_status.iter().sum::<u32>(), a.opinions_merged);
        let (solicited, merged, unmerged) = crate::progress::appraisal::opinion_counts(ledger);
        assert_eq!(
            (counts.raw, counts.merged, counts.unmerged),
            (count(solicited), count(merged), count(unmerged))
        );
        assert_eq!(
            counts.sentence().split('（').next(),
            Some(&*format!("征求 {solicited} 条，梳理为 {merged} 条"))
        );
        raw += a.opinions_raw;
    }
    let total = ledgers_of.total();
    assert_eq!(total.raw, raw);
    assert_eq!(ledgers_of.raw.len(), raw as usize);
    assert_eq!(ledgers_of.entries.len(), total.merged as usize);
    // Every raw opinion merged is counted on the entry it became.
    let merged_raw: u32 = ledgers_of.entries.iter().map(|e| e.raw).sum();
    assert_eq!(merged_raw, total.raw - total.unmerged);
}

#[test]
fn an_entrys_status_follows_its_feedback_and_signature() {
    let day = Some(TODAY);
    let issue = |fed_back, signed| Issue {
        fed_back,
        signed,
        ..Issue::default()
    };
    assert_eq!(Status::of(&issue(None, None)), Status::NotFedBack);
    assert_eq!(Status::of(&issue(day, None)), Status::FedBack);
    assert_eq!(Status::of(&issue(day, day)), Status::Signed);
    assert_eq!(Status::of(&issue(None, day)), Status::Signed);
}

#[test]
fn the_givers_names_are_left_out_unless_the_branch_exported_personal_data() {
    let ledgers: Vec<Ledger> = (0..2).map(branch).collect();
    let without = OpinionLedgers::of(&units(&ledgers, false));
    for table in [without.general_table(), without.sub_table(), without.counts_table()] {
        let all = cells(&table);
        assert!(!all.iter().any(|c| c.contains(GIVER)), "{GIVER} in {:?}", table.header);
        assert!(!table.header.iter().any(|h| h == "提出人"));
    }
    let with = OpinionLedgers::of(&units(&ledgers, true));
    assert!(cells(&with.general_table()).iter().any(|c| c.contains(GIVER)));
    assert!(cells(&with.sub_table()).iter().any(|c| c == GIVER));
    // One branch with personal data shows only its own givers.
    let mut mixed = units(&ledgers, false);
    mixed[1].personal = true;
    let mixed = OpinionLedgers::of(&mixed);
    let givers: Vec<&RawEntry> = mixed.raw.iter().filter(|r| !r.giver.is_empty()).collect();
    assert!(!givers.is_empty());
    assert!(givers.iter().all(|r| r.unit == 1));
}

fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book = Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("workbook opens");
    let range = book.worksheet_range(name).expect("sheet exists");
    range.rows().map(|r| r.to_vec()).collect()
}

fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(n) => *n,
        Data::Int(n) => *n as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn the_workbooks_opinion_sheets_hold_every_opinion_with_a_filter() {
    let ledgers: Vec<Ledger> = (0..3).map(branch).collect();
    let ledgers_of = OpinionLedgers::of(&units(&ledgers, false));
    let mut book = Workbook::new();
    ledgers_of.write_sheets(&mut book).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let total = ledgers_of.total();

    let general = sheet(&bytes, "意见总账");
    assert_eq!(general.len() - 1, total.merged as usize);
    assert_eq!(general[0][1], Data::String("支部".to_owned()));
    let sub = sheet(&bytes, "意见分账");
    assert_eq!(sub.len() - 1, total.raw as usize);
    for (n, ledger) in ledgers.iter().enumerate() {
        let name = Data::String(ledger.branch.name.clone());
        let rows = sub.iter().filter(|r| r[1] == name).count();
        assert_eq!(rows, ledger.opinions.opinions.len(), "branch {n}");
    }

    let counts = sheet(&bytes, "意见统计");
    assert_eq!(counts.len(), 1 + 3 + 1);
    let last = counts.last().unwrap();
    assert_eq!(last[1], Data::String(total.branch.clone()));
    assert_eq!(number(&last[2]), f64::from(total.raw));
    assert_eq!(number(&last[3]), f64::from(total.merged));
    let sum: f64 = counts[1..4].iter().map(|r| number(&r[2])).sum();
    assert_eq!(sum, f64::from(total.raw));

    // The filter is on the header row of each sheet.
    let xml = zip_entry(&bytes, "xl/worksheets/sheet1.xml");
    assert!(xml.contains("<autoFilter ref=\"A1:"), "no filter on 意见总账");
}

/// The text of one part of the xlsx package.
fn zip_entry(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part exists")
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Writes branch `n`'s export with records into `dir`.
fn export(dir: &std::path::Path, n: usize, personal: bool) -> std::path::PathBuf {
    let ledger = branch(n);
    let figures = crate::progress::figures(&ledger, TODAY);
    let options = crate::report::ExportOptions {
        include_records: true,
        include_personal: personal,
    };
    let key = crate::report::signature::SigningKey::from_bytes(&[u8::try_from(n + 1).unwrap(); 32]);
    let folder = dir.join(format!("支部{n}"));
    std::fs::create_dir_all(&folder).unwrap();
    crate::report::export_file::write(&folder, &ledger, &figures, options, TODAY.at(9, 0, 0, 0), &key).unwrap()
}

#[test]
fn reading_only_the_names_and_opinions_gives_the_ledgers_of_the_whole_records() {
    let dir = tempfile::tempdir().unwrap();
    for personal in [false, true] {
        let path = export(dir.path(), usize::from(personal), personal);
        let full = crate::report::export_file::read(&path).unwrap();
        let records = full.body.records.expect("exported with records");
        let light = light::read(&path).unwrap().expect("records");
        assert_eq!(light.header.includes_personal, personal);
        assert_eq!(*light.records.opinions, *records.opinions);
        let unit = |records| Unit {
            branch: "支部",
            superior: "",
            records,
            personal,
        };
        assert_eq!(
            OpinionLedgers::of(&[unit(&light.records)]),
            OpinionLedgers::of(&[unit(&records)])
        );
    }
}

#[test]
fn the_ledgers_of_a_roll_up_read_each_used_file_and_keep_names_only_where_exported() {
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![export(dir.path(), 0, false), export(dir.path(), 1, true)];
    let rollup = super::super::roll_up(&paths, |_| {});
    assert_eq!(rollup.rows.len(), 2, "{:?}", rollup.files);
    let (ledgers, problems) = OpinionLedgers::read(&rollup);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(ledgers.units.len(), 2);
    for (unit, row) in ledgers.units.iter().zip(&rollup.rows) {
        let a = row.figures.appraisal.as_ref().unwrap();
        assert_eq!((unit.raw, unit.merged), (a.opinions_raw, a.opinions_merged));
    }
    let named: Vec<&str> = ledgers
        .raw
        .iter()
        .filter(|r| r.giver == GIVER)
        .map(|r| ledgers.units[r.unit].branch.as_str())
        .collect();
    assert_eq!(named, vec![branch(1).branch.name.as_str()]);

    // A file replaced after the roll-up is named, not read.
    std::fs::copy(&paths[0], &paths[1]).unwrap();
    let (ledgers, problems) = OpinionLedgers::read(&rollup);
    assert_eq!(ledgers.units.len(), 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("被替换或改动"), "{}", problems[0]);
}
