//! Chinese names, phone numbers and identity numbers for the demo roster.
//!
//! Surnames are weighted roughly by how common they are; given names are one
//! or two characters, a few with rarer characters (喆, 堃, 玥, …) so that
//! fonts and sorting get exercised. Every character is in the CJK basic
//! block.

use std::collections::HashSet;

use super::rng::Rng;
use crate::model::Date;
use crate::model::member::Gender;

/// Surnames with a rough weight (per thousand people).
const SURNAMES: &[(&str, u32)] = &[
    ("王", 72),
    ("李", 70),
    ("张", 66),
    ("刘", 53),
    ("陈", 45),
    ("杨", 31),
    ("黄", 24),
    ("赵", 22),
    ("吴", 20),
    ("周", 19),
    ("徐", 15),
    ("孙", 15),
    ("马", 13),
    ("朱", 12),
    ("胡", 11),
    ("郭", 10),
    ("何", 9),
    ("高", 9),
    ("林", 9),
    ("罗", 8),
    ("郑", 8),
    ("梁", 8),
    ("谢", 6),
    ("宋", 6),
    ("唐", 6),
    ("许", 5),
    ("韩", 5),
    ("冯", 5),
    ("邓", 5),
    ("曹", 5),
    ("彭", 4),
    ("曾", 4),
    ("肖", 4),
    ("田", 4),
    ("董", 4),
    ("袁", 3),
    ("潘", 3),
    ("于", 3),
    ("蒋", 3),
    ("蔡", 3),
    ("余", 3),
    ("杜", 3),
    ("叶", 3),
    ("程", 3),
    ("苏", 3),
    ("魏", 3),
    ("吕", 3),
    ("丁", 3),
    ("任", 3),
    ("沈", 2),
    ("姚", 2),
    ("卢", 2),
    ("姜", 2),
    ("崔", 2),
    ("钟", 2),
    ("谭", 2),
    ("陆", 2),
    ("汪", 2),
    ("范", 2),
    ("金", 2),
    ("石", 2),
    ("廖", 2),
    ("贾", 2),
    ("夏", 2),
    ("韦", 2),
    ("付", 2),
    ("方", 2),
    ("白", 2),
    ("邹", 2),
    ("孟", 2),
    ("熊", 2),
    ("秦", 2),
    ("邱", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 2),
    ("闫", 2),
    ("段", 2),
    ("雷", 2),
    ("侯", 2),
    ("龙", 2),
    ("史", 2),
    ("陶", 2),
    ("黎", 2),
    ("贺", 2),
    ("顾", 2),
    ("毛", 2),
    ("郝", 2),
    ("龚", 2),
    ("邵", 2),
    ("万", 2),
    ("钱", 2),
    ("严", 2),
    ("武", 1),
    ("戴", 1),
    ("孔", 1),
    ("向", 1),
    ("汤", 1),
    ("欧阳", 1),
    ("上官", 1),
];

const MALE: &[char] = &[
    '建', '国', '军', '明', '华', '平', '志', '强', '伟', '刚', '勇', '林', '海', '涛', '斌', '峰', '文', '辉', '成',
    '杰', '春', '德', '忠', '民', '福', '贵', '生', '荣', '庆', '永', '新', '东', '兴', '利', '宝', '山', '发', '昌',
    '金', '树', '立', '俊', '鹏', '亮', '超', '宏', '振', '学', '长', '玉', '卫', '红', '胜', '保', '祥', '满', '有',
    '顺', '广', '义', '全', '松', '培', '安',
];

const FEMALE: &[char] = &[
    '秀', '英', '兰', '芳', '玉', '梅', '珍', '华', '丽', '红', '霞', '桂', '凤', '琴', '云', '燕', '娟', '萍', '敏',
    '静', '艳', '洁', '慧', '婷', '莉', '丹', '雪', '春', '菊', '荣', '芬', '月', '爱', '香', '莲', '翠', '淑', '彩',
    '美', '玲', '杏', '荷', '素', '文', '晓', '明', '亚', '青',
];

/// Rarer characters, used now and then.
const RARE: &[char] = &['喆', '堃', '玥', '镕', '珺', '昶', '婧', '彧', '璟', '淼', '翀', '骞'];

/// Names of the 1940s–50s, given whole.
const OLD_STYLE_MALE: &[&str] = &[
    "建国", "援朝", "卫东", "卫国", "解放", "胜利", "跃进", "爱国", "建华", "国庆", "振华", "抗美", "保国", "树林",
    "长顺", "富贵",
];
const OLD_STYLE_FEMALE: &[&str] = &[
    "秀英", "桂英", "玉兰", "淑珍", "凤英", "翠花", "桂兰", "秀兰", "玉珍", "素芳", "金凤",
];

/// Hands out person names, each one unique.
pub(super) struct NameGen {
    used: HashSet<String>,
    count: usize,
}

impl NameGen {
    pub(super) fn new() -> Self {
        Self {
            used: HashSet::new(),
            count: 0,
        }
    }

    /// A name not handed out before.
    pub(super) fn unique(&mut self, rng: &mut Rng, gender: Gender, born: i16) -> String {
        self.count += 1;
        let rare = self.count % 15 == 7;
        loop {
            let name = person_name(rng, gender, born, rare);
            if self.used.insert(name.clone()) {
                return name;
            }
        }
    }
}

fn surname(rng: &mut Rng) -> &'static str {
    let total: u32 = SURNAMES.iter().map(|(_, w)| w).sum();
    let mut roll = rng.below(total as usize) as u32;
    for (name, weight) in SURNAMES {
        if roll < *weight {
            return name;
        }
        roll -= weight;
    }
    "王"
}

/// A plausible name, not checked for uniqueness.
pub(super) fn person_name(rng: &mut Rng, gender: Gender, born: i16, rare: bool) -> String {
    let mut name = String::with_capacity(9);
    name.push_str(surname(rng));
    let pool = match gender {
        Gender::Male => MALE,
        Gender::Female => FEMALE,
    };
    if born < 1960 && !rare && rng.chance(0.35) {
        let old = match gender {
            Gender::Male => OLD_STYLE_MALE,
            Gender::Female => OLD_STYLE_FEMALE,
        };
        let given = *rng.pick(old);
        name.push_str(given);
        return name;
    }
    let two = rng.chance(0.7);
    if rare {
        if two {
            name.push(*rng.pick(pool));
        }
        name.push(*rng.pick(RARE));
    } else {
        name.push(*rng.pick(pool));
        if two {
            name.push(*rng.pick(pool));
        }
    }
    name
}

/// A mobile number: 11 digits starting with 13.
pub(super) fn mobile_phone(rng: &mut Rng) -> String {
    format!("13{}{:08}", rng.below(10), rng.below(100_000_000))
}

/// A local landline as branches write it.
pub(super) fn landline(rng: &mut Rng) -> String {
    format!("0538-{}", 3_200_000 + rng.below(800_000))
}

/// Area codes: the branch's own county first, then places people come from.
pub(super) const LOCAL_AREA: &str = "370983";
pub(super) const OTHER_AREAS: &[&str] = &["370982", "370921", "511321", "412726", "342622"];

/// An 18-digit citizen identity number with a correct check character.
pub(super) fn id_number(rng: &mut Rng, area: &str, birth: Date, gender: Gender) -> String {
    // The 17th digit is odd for men and even for women.
    let serial = rng.below(5) * 2 + usize::from(gender == Gender::Male);
    let body = format!(
        "{area}{:04}{:02}{:02}{:02}{serial}",
        birth.year(),
        birth.month(),
        birth.day(),
        rng.below(100)
    );
    with_check_character(body)
}

/// `number` carrying `birth` instead of the birth date in it, its check
/// character made again: a member whose birth date moved keeps a valid
/// number that agrees with it. `None` when `number` is not 18 characters
/// of ASCII.
pub(super) fn with_birth(number: &str, birth: Date) -> Option<String> {
    if number.len() != 18 || !number.is_ascii() {
        return None;
    }
    let body = format!(
        "{}{:04}{:02}{:02}{}",
        &number[..6],
        birth.year(),
        birth.month(),
        birth.day(),
        &number[14..17]
    );
    Some(with_check_character(body))
}

/// The 17 digits of `body` followed by their ISO 7064 MOD 11-2 check
/// character.
fn with_check_character(body: String) -> String {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let sum: u32 = body
        .chars()
        .filter_map(|c| c.to_digit(10))
        .zip(WEIGHTS)
        .map(|(d, w)| d * w)
        .sum();
    let mut number = body;
    number.push(CHECK[(sum % 11) as usize]);
    number
}

/// Roles of non-members who appear in talks.
pub(super) const OUTSIDER_ROLES: &[&str] = &[
    "群众",
    "村民代表",
    "入党积极分子",
    "种植大户",
    "老干部",
    "村民小组长",
    "致富能手",
];

/// Ethnicities other than 汉族.
pub(super) const ETHNICITIES: &[&str] = &["回族", "满族", "蒙古族", "壮族", "土家族", "苗族"];

/// Where out-flowing members work.
pub(super) const WHEREABOUTS: &[&str] = &[
    "广东省东莞市长安镇宏达电子厂",
    "广东省深圳市宝安区富士康科技集团",
    "浙江省宁波市北仑区一家模具厂",
    "江苏省苏州市工业园区某电脑配件厂",
    "上海市闵行区建筑工地（随县建筑公司）",
    "北京市朝阳区一家装修队",
    "福建省晋江市陈埭镇鞋厂",
    "天津市塘沽区新港码头",
    "新疆石河子市（承包棉田）",
    "山西省大同市某煤矿",
];
