//! The hostile cases of the privacy probe (separators, spaces, full-width
//! digits, a bare 7-digit landline, in notes, topics, contacts and
//! opinions) and the ordinary numbers that must stay as they are.

use super::*;
use crate::model::member::Member;
use crate::model::{Ledger, MemberId};
use crate::progress::figures::tests::{TODAY, sample_ledger};

fn masked(text: &str) -> (String, Masked) {
    let mut count = Masked::default();
    let out = mask_text(text, &mut count).into_owned();
    (out, count)
}

/// Each text masked as wanted, and counted once as `one`.
fn assert_each_masked(cases: &[(&str, &str)], one: Masked) {
    for (text, want) in cases {
        let (out, count) = masked(text);
        assert_eq!(out, *want, "{text}");
        assert_eq!(count, one, "{text}");
    }
}

#[test]
fn phone_numbers_are_masked_with_any_separators_and_full_width_digits() {
    let cases = [
        ("13943218765", "139****8765"),
        ("139-4321-8765", "139-****-8765"),
        ("139 4321 8765", "139 **** 8765"),
        ("139.4321.8765", "139.****.8765"),
        ("1394-321-8765", "139*-***-8765"),
        ("１３９４３２１８７６５", "１３９****８７６５"),
        ("１３９－４３２１－８７６５", "１３９－****－８７６５"),
        ("１３９　４３２１　８７６５", "１３９　****　８７６５"),
        ("+86 139 4321 8765", "+86 139 **** 8765"),
        ("8613943218765", "86139****8765"),
        ("0538-3221506", "0538-****506"),
        ("0538 - 3221506", "0538 - ****506"),
        ("(0538)3221506", "(0538)****506"),
        ("（0538）3221506", "（0538）****506"),
        ("05383221506", "0538****506"),
        ("010-82345678", "010-*****678"),
        ("0538-3221506-801", "0538-****506-801"),
        ("3221506", "****506"),
        ("322-1506", "***-*506"),
        ("8888 6666", "**** *666"),
        ("３２２１５０６", "****５０６"),
    ];
    assert_each_masked(
        &cases,
        Masked {
            phones: 1,
            ..Masked::default()
        },
    );
}

#[test]
fn id_numbers_are_masked_whole_with_their_x() {
    let cases = [
        ("11010519600101001X", "110105********001X"),
        ("11010519600101001x", "110105********001x"),
        ("110105196001010012", "110105********0012"),
        ("110105 19600101 001X", "110105 ******** 001X"),
        ("110105-1960-0101-001X", "110105-****-****-001X"),
        ("１１０１０５１９６００１０１００１Ｘ", "１１０１０５********００１Ｘ"),
        ("110105600101001", "110105*****1001"),
    ];
    assert_each_masked(
        &cases,
        Masked {
            id_numbers: 1,
            ..Masked::default()
        },
    );
}

#[test]
fn numbers_inside_sentences_are_found_each_and_counted_by_kind() {
    let (out, count) =
        masked("张伟在广州打工，电话 139-4321-8765，家里0538-3221506；身份证号11010519600101001X。QQ 987654321");
    assert_eq!(
        out,
        "张伟在广州打工，电话 139-****-8765，家里0538-****506；身份证号110105********001X。QQ 98*****21"
    );
    assert_eq!(
        count,
        Masked {
            phones: 2,
            id_numbers: 1,
            long_numbers: 1
        }
    );
    assert_eq!(count.to_string(), "电话 2 处，身份证号 1 处，其他长号码 1 处");
    assert_eq!(
        Masked {
            phones: 3,
            ..Masked::default()
        }
        .to_string(),
        "电话 3 处，身份证号 0 处"
    );
    let (out, count) = masked("13943218765/13812345678、3221506");
    assert_eq!(out, "139****8765/138****5678、****506");
    assert_eq!(count.phones, 3);
}

#[test]
fn dates_hours_years_counts_and_amounts_are_left_alone() {
    let ordinary = [
        "2026-12-01",
        "2026.12.01",
        "2026/12/01",
        "2026 12 01",
        "20261201",
        "２０２６－１２－０１",
        "2026年12月1日",
        "2006.03.01-2006.05.31",
        "2006-03-01 至 2006-05-31",
        "2006-03-01 09:30",
        "10:20:30.2345678",
        "学满40学时",
        "40 学时",
        "12.5学时",
        "2006年",
        "2005-2006年度",
        "2005-2006",
        "（2005-2006）",
        "应到 35 人，实到 33 人，有效票 33 张",
        "赞成 30 票，反对 2 票",
        "35 33 2",
        "优秀 12 合格 20 基本合格 1",
        "满意率 85.7%",
        "投入资金 1500000 元",
        "2345678元",
        "修路2.5公里，投入12000.50元",
        "集资 2345678 万元",
        "第3221506号",
        "￥2345678",
        "县委发〔2005〕12号",
        "第1、2、3条",
        "1234567",
        "比率 12.2345678",
        "1,234,567",
        "",
    ];
    for text in ordinary {
        let (out, count) = masked(text);
        assert_eq!(out, text);
        assert!(count.is_empty(), "{text}: {count}");
    }
}

#[test]
fn a_phone_number_before_号码_is_still_masked() {
    assert_eq!(masked("3221506号码").0, "****506号码");
}

/// The sample branch with the probe's numbers typed where a secretary
/// types them: the member form's fields with separators, a mobile
/// member's contact, notes, a talk's topic and outcome, an opinion, an
/// analysis draft, a commitment and a branch's appraisal opinion.
fn hostile_ledger() -> Ledger {
    let mut ledger = sample_ledger();
    let members = &mut ledger.members;
    // Every sample member has a phone and a 身份证号; these with separators.
    members[0].phone = "139-4321-8765".into();
    members[0].id_number = "110105 19600101 001X".into();
    members[0].notes = "家中电话 0538-3221506，手机１３９４３２１８７６５".into();
    members[1].phone = "0538 3221507".into();
    members[1].notes = "邻居代收，电话3221508".into();
    members[2].mobile.contact = "139 4321 8766（微信同号）".into();
    members[2].mobile.whereabouts = "广州白云区，房东电话 020-86543210".into();
    let talk = &mut ledger.talks[0];
    talk.topic = "约好每周电话 139 4321 8767 联系".into();
    talk.outcome = "身份证号 110105 19600101 002x 已核对".into();
    ledger.opinions.opinions[0].content = "请回电 0538.3221509".into();
    ledger.rectification.commitments[0].measure = "每周打 13843218768 汇报".into();
    ledger
}

#[test]
fn the_records_leave_without_personal_fields_and_with_every_number_masked() {
    let ledger = hostile_ledger();
    let (out, count) = outgoing_ledger(&ledger, false).expect("the records serialise");
    let m = &out.members;
    assert_eq!((m[0].phone.as_str(), m[0].id_number.as_str()), ("", ""));
    assert_eq!((m[1].phone.as_str(), m[2].mobile.contact.as_str()), ("", ""));
    // Only the texts holding numbers differ; the rest read back whole.
    let mut want = ledger.clone();
    leave_out_personal(&mut want);
    want.members[0].notes = "家中电话 0538-****506，手机１３９****８７６５".into();
    want.members[1].notes = "邻居代收，电话****508".into();
    want.members[2].mobile.whereabouts = "广州白云区，房东电话 020-*****210".into();
    want.talks[0].topic = "约好每周电话 139 **** 8767 联系".into();
    want.talks[0].outcome = "身份证号 110105 ******** 002x 已核对".into();
    want.opinions.opinions[0].content = "请回电 0538.****509".into();
    want.rectification.commitments[0].measure = "每周打 138****8768 汇报".into();
    assert_eq!(out, want);
    assert_eq!(
        count,
        Masked {
            phones: 7,
            id_numbers: 1,
            long_numbers: 0
        }
    );
}

#[test]
fn with_personal_the_records_leave_whole() {
    let ledger = hostile_ledger();
    let (out, count) = outgoing_ledger(&ledger, true).expect("whole");
    assert_eq!(out, ledger);
    assert!(count.is_empty());
}

#[test]
fn texts_of_any_record_are_reached_and_escapes_survive() {
    let mut ledger = sample_ledger();
    // A record the hostile fixture does not touch, with quotes, a
    // backslash and a line break around the number.
    ledger.meetings = vec![crate::model::meeting::Meeting {
        minutes: "记录：\"电话\\139-4321-8765\"\n散会".into(),
        ..Default::default()
    }]
    .into();
    ledger.members.push(Member {
        id: MemberId(99),
        name: "周'一'".into(),
        ..Member::default()
    });
    let (out, count) = outgoing_ledger(&ledger, false).expect("serialises");
    assert_eq!(out.meetings[0].minutes, "记录：\"电话\\139-****-8765\"\n散会");
    assert_eq!(out.members[4].name, "周'一'");
    assert_eq!(count.phones, 1);
}

#[test]
fn the_preview_counts_what_the_export_masks_and_leaves_out() {
    let ledger = hostile_ledger();
    let options = ExportOptions {
        include_records: true,
        include_personal: false,
    };
    let withheld = preview(&ledger, TODAY, options).expect("preview");
    let figures = crate::progress::figures::figures(&ledger, TODAY);
    let book = crate::report::xlsx::workbook(&ledger, &figures, options).expect("workbook");
    assert_eq!(withheld.workbook, book.masked);
    let (_, in_records) = outgoing_ledger(&ledger, false).expect("records");
    assert_eq!(withheld.export_file, Some(in_records));
    assert_eq!(
        withheld.left_out,
        LeftOut {
            phones: 4,
            id_numbers: 4,
            contacts: 1
        }
    );
    // The workbook lists 备注, whereabouts, talks, opinions and
    // commitments: every masked text of the records is in one of them.
    assert_eq!(book.masked, in_records);
    let lines = withheld.lines().join("\n");
    assert!(
        lines.contains("不导出：4 名党员的联系电话、4 名党员的身份证号、1 名流动党员的联系方式"),
        "{lines}"
    );
    assert!(
        lines.contains("工作簿各表的文字中将隐去号码中间几位：电话 7 处，身份证号 1 处"),
        "{lines}"
    );
    assert!(
        lines.contains("导出文件的台账记录中将隐去号码中间几位：电话 7 处，身份证号 1 处"),
        "{lines}"
    );
    assert!(lines.contains("一三九"), "the caveat: {lines}");

    let figures_only = preview(&ledger, TODAY, ExportOptions::default()).expect("preview");
    assert_eq!(figures_only.export_file, None);
    let personal = ExportOptions {
        include_records: true,
        include_personal: true,
    };
    let whole = preview(&ledger, TODAY, personal).expect("preview");
    assert!(whole.lines()[0].contains("号码完整导出"), "{:?}", whole.lines());
}

#[test]
fn a_ledger_without_numbers_says_none_were_found() {
    let mut ledger = sample_ledger();
    leave_out_personal(&mut ledger);
    let withheld = preview(&ledger, TODAY, ExportOptions::default()).expect("preview");
    let lines = withheld.lines();
    assert_eq!(lines[0], "台账中没有填写联系电话、身份证号或流动党员联系方式");
    assert_eq!(lines[1], "工作簿各表的文字中未发现电话号码或身份证号");
}

#[test]
fn masking_any_text_only_turns_digits_into_stars() {
    // Texts made of the characters the shapes look at, in every order
    // (a fixed pseudo-random sequence, so that a failure repeats).
    let alphabet: Vec<char> = "0123456789１３９０ -.－/（）()　Xx元第¥号码学年电话，。"
        .chars()
        .collect();
    let mut seed: u64 = 0x2006_0301;
    for _ in 0..20_000 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let len = (seed >> 59) as usize + 1;
        let text: String = (0..len * 2)
            .map(|k| {
                let pick = (seed >> (k % 48)) as usize ^ (k * 7);
                alphabet[pick % alphabet.len()]
            })
            .collect();
        let (out, count) = masked(&text);
        assert_eq!(out.chars().count(), text.chars().count(), "{text}");
        for (a, b) in text.chars().zip(out.chars()) {
            assert!(a == b || (b == '*' && is_digit_or_x(a)), "{text} → {out}");
        }
        assert_eq!(count.total() == 0, out == text, "{text} → {out}");
    }
}
